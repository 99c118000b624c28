// Formatting amounts and ledger figures for decision reasons.
#include "claims/reasons.hpp"

#include <fmt/format.h>

#include "engine/decimal.hpp"

namespace kanzai::claims {

std::string amount_text(Units amount, const Asset& asset) {
    return fmt::format("{} {}", engine::format_units(amount.count, asset.decimals), asset.id);
}

std::string ledger_text(const Entitlement* entitlement, const Asset& asset) {
    if (entitlement == nullptr) {
        return fmt::format("ledger {}", amount_text(Units{0}, asset));
    }
    if (entitlement->ledger.count < 0) {
        return fmt::format("ledger {}, a debt that counts as 0",
                           amount_text(entitlement->ledger, asset));
    }
    if (entitlement->after_set_off != entitlement->ledger) {
        return fmt::format("ledger {} after set-off ({} before)",
                           amount_text(entitlement->after_set_off, asset),
                           amount_text(entitlement->ledger, asset));
    }
    return fmt::format("ledger {}", amount_text(entitlement->ledger, asset));
}

}  // namespace kanzai::claims
