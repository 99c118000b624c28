// Walking each claim's chain of assignments from its original customer.
#include "claims/determine/transfers.hpp"

#include <algorithm>
#include <optional>
#include <string_view>
#include <tuple>

#include <fmt/format.h>

namespace kanzai::claims {
namespace {

struct ClaimTransfer {
    std::uint32_t decision_index = no_index;
    const Transfer* transfer = nullptr;
};

// Why `transfer` cannot be applied to a claim held by `holder`, or nullopt when it can.
std::optional<std::string> finding_of(const Case& loaded, const Transfer& transfer,
                                      std::string_view holder) {
    if (transfer.from_id != holder) {
        return fmt::format("from_id {} is not the holder {}", transfer.from_id, holder);
    }
    if (loaded.find_customer(transfer.to_id) == no_index) {
        return fmt::format("to_id {} is not a customer", transfer.to_id);
    }
    if (transfer.from_id == transfer.to_id) {
        return fmt::format("from_id and to_id are both {}", transfer.to_id);
    }
    return std::nullopt;
}

std::vector<ClaimTransfer> transfers_by_claim(const Case& loaded,
                                              const std::vector<Decision>& decisions,
                                              Diagnostics& diagnostics) {
    const std::uint32_t column = loaded.column_of("transfers.csv", "claim_id");
    std::vector<ClaimTransfer> result;
    result.reserve(loaded.transfers.size());
    for (const Transfer& transfer : loaded.transfers) {
        const std::uint32_t index = find_decision(decisions, transfer.claim_id);
        if (index == no_index) {
            diagnostics.error(
                {.file = "transfers.csv", .line = transfer.line, .column = column},
                fmt::format("claim_id \"{}\" names no claim of claims.csv and no deemed claim",
                            transfer.claim_id));
            continue;
        }
        // SPEC "Transfers and payees": a transfer effective after the record date is not
        // applied and is no finding (summary.json counts it).
        if (is_after_record_date(loaded.config, transfer)) {
            continue;
        }
        result.push_back({.decision_index = index, .transfer = &transfer});
    }
    std::sort(result.begin(), result.end(), [](const ClaimTransfer& a, const ClaimTransfer& b) {
        return std::tie(a.decision_index, a.transfer->effective_on, a.transfer->id) <
               std::tie(b.decision_index, b.transfer->effective_on, b.transfer->id);
    });
    return result;
}

}  // namespace

bool is_after_record_date(const CaseConfig& config, const Transfer& transfer) {
    return config.record_date && transfer.effective_on > *config.record_date;
}

std::vector<TransferFinding> apply_transfers(const Case& loaded, std::vector<Decision>& decisions,
                                             Diagnostics& diagnostics) {
    // The payee's id is read through payee_index (Decision::payee_id): no copy per claim.
    for (Decision& decision : decisions) {
        decision.payee_index = decision.customer_index;
        decision.has_transfer_finding = false;
    }
    const std::vector<ClaimTransfer> transfers = transfers_by_claim(loaded, decisions, diagnostics);
    std::vector<TransferFinding> findings;
    std::size_t begin = 0;
    while (begin < transfers.size()) {
        Decision& decision = decisions[transfers[begin].decision_index];
        std::string_view holder = decision.customer_id(loaded);
        std::size_t at = begin;
        for (; at < transfers.size() &&
               transfers[at].decision_index == transfers[begin].decision_index;
             ++at) {
            const Transfer& transfer = *transfers[at].transfer;
            std::optional<std::string> finding = finding_of(loaded, transfer, holder);
            if (finding.has_value()) {
                decision.has_transfer_finding = true;
                findings.push_back({.claim_id = std::string(decision.claim_id),
                                    .transfer_id = transfer.id,
                                    .message = std::move(*finding)});
            } else {
                holder = transfer.to_id;
            }
        }
        // SPEC: a claim whose customer is unknown has that id as payee.
        if (decision.customer_index != no_index) {
            decision.payee_index = loaded.find_customer(holder);
        }
        begin = at;
    }
    std::sort(findings.begin(), findings.end(),
              [](const TransferFinding& a, const TransferFinding& b) {
                  return std::tie(a.claim_id, a.transfer_id) < std::tie(b.claim_id, b.transfer_id);
              });
    return findings;
}

}  // namespace kanzai::claims
