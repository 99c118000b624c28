// Amendment chains: validated links, then one walk per chain from its first claim.
#include "claims/determine/amendments.hpp"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "claims/load/id_index.hpp"
#include "engine/assert.hpp"

namespace kanzai::claims {
namespace {

// Claim id -> index into Case::claims (flat: a million claims).
struct ClaimIndexById {
    const Case& loaded;
    IdIndex index;

    [[nodiscard]] std::uint32_t find(std::string_view id) const {
        return index.find(id, [this](std::uint32_t i) -> std::string_view {
            return loaded.claims[i].id;
        });
    }
};

// Links every valid `amends`, in line order so that "the first" of two claims amending the
// same claim does not depend on anything but the file.
void link(const Case& loaded, const ClaimIndexById& by_id, Amendments& result,
          Diagnostics& diagnostics) {
    const std::uint32_t column = loaded.column_of("claims.csv", "amends");
    std::vector<std::uint32_t> amending;
    for (std::uint32_t i = 0; i < loaded.claims.size(); ++i) {
        if (!loaded.claims[i].amends.empty()) {
            amending.push_back(i);
        }
    }
    std::sort(amending.begin(), amending.end(), [&loaded](std::uint32_t a, std::uint32_t b) {
        return loaded.claims[a].line < loaded.claims[b].line;
    });
    for (const std::uint32_t index : amending) {
        const ClaimRow& claim = loaded.claims[index];
        const auto error = [&](std::string message) {
            diagnostics.error({.file = "claims.csv", .line = claim.line, .column = column},
                              std::move(message));
        };
        const std::uint32_t target = by_id.find(claim.amends);
        if (target == IdIndex::none) {
            error(fmt::format("amends \"{}\", which is no claim of claims.csv", claim.amends));
            continue;
        }
        const ClaimRow& amended = loaded.claims[target];
        if (target == index) {
            error(fmt::format("claim \"{}\" amends itself", claim.id));
        } else if (amended.customer_id != claim.customer_id || amended.asset != claim.asset) {
            error(fmt::format("amends \"{}\", a claim of customer \"{}\" in {}; an amendment "
                              "must be of the same customer and asset (\"{}\" in {})",
                              claim.amends, amended.customer_id, amended.asset,
                              claim.customer_id, claim.asset));
        } else if (result.amended_by[target] != no_index) {
            const ClaimRow& first = loaded.claims[result.amended_by[target]];
            error(fmt::format("amends \"{}\", which claim \"{}\" (line {}) already amends; "
                              "a claim is amended once",
                              claim.amends, first.id, first.line));
        } else {
            result.amends[index] = target;
            result.amended_by[target] = index;
        }
    }
}

// Walks each chain from its first claim (one that amends nothing), relating every later
// claim back to the first claim's filing date. With at most one link in and one out per
// claim, the claims no walk reaches are exactly those on cycles.
void walk_chains(const Case& loaded, Amendments& result, Diagnostics& diagnostics) {
    const std::size_t count = loaded.claims.size();
    std::vector<bool> reached(count, false);
    for (std::uint32_t first = 0; first < count; ++first) {
        if (result.amends[first] != no_index) {
            continue;
        }
        const Date filed_on = loaded.claims[first].filed_on;
        for (std::uint32_t at = first; at != no_index; at = result.amended_by[at]) {
            KANZAI_ASSERT(!reached[at]);
            reached[at] = true;
            result.filed_on[at] = filed_on;
        }
    }
    const std::uint32_t column = loaded.column_of("claims.csv", "amends");
    for (std::uint32_t index = 0; index < count; ++index) {
        if (reached[index]) {
            continue;
        }
        const ClaimRow& claim = loaded.claims[index];
        diagnostics.error({.file = "claims.csv", .line = claim.line, .column = column},
                          fmt::format("claim \"{}\" amends \"{}\" and is part of an "
                                      "amendment cycle",
                                      claim.id, claim.amends));
    }
    // Drop the links of cycles only after reporting all of them.
    for (std::uint32_t index = 0; index < count; ++index) {
        if (!reached[index]) {
            result.amends[index] = no_index;
            result.amended_by[index] = no_index;
        }
    }
}

}  // namespace

Amendments resolve_amendments(const Case& loaded, Diagnostics& diagnostics) {
    const std::size_t count = loaded.claims.size();
    Amendments result;
    result.amends.assign(count, no_index);
    result.amended_by.assign(count, no_index);
    result.filed_on.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        result.filed_on[i] = loaded.claims[i].filed_on;
    }
    ClaimIndexById by_id{.loaded = loaded, .index = {}};
    by_id.index.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        // Claim ids are unique (checked by the loader): the first one stands otherwise.
        by_id.index.insert(loaded.claims[i].id, i, [&loaded](std::uint32_t other) {
            return std::string_view(loaded.claims[other].id);
        });
    }
    link(loaded, by_id, result, diagnostics);
    walk_chains(loaded, result, diagnostics);
    return result;
}

}  // namespace kanzai::claims
