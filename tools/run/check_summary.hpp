// The summary `kanzai check` prints for a valid case (SPEC "Command line"): counts of the
// parties and claims, decisions by code, transfer findings, receivables, and per asset the
// ledger total against the segregated holdings that are held.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "claims/case.hpp"
#include "claims/decision.hpp"

namespace kanzai::tools {

struct CheckAssetLine {
    std::string asset;
    int decimals = 0;
    engine::Units ledger;            // sum of the balances of ledger.csv
    engine::Units segregated_held;   // held, segregated holdings: the in-kind pool
};

struct CheckSummary {
    std::string name;
    std::string currency;
    int currency_decimals = 0;
    std::size_t customers_count = 0;
    std::size_t claimants_count = 0;
    std::size_t accounts_count = 0;  // distinct account_id of ledger.csv
    std::size_t claims_count = 0;    // rows of claims.csv
    std::size_t decisions_count = 0; // claims.csv and deemed claims
    std::map<std::string, std::size_t> decision_codes;  // full code -> count (bytes order)
    std::vector<claims::TransferFinding> transfer_findings;
    std::vector<std::pair<std::string, engine::Value>> receivables;  // customer id, D - V
    std::vector<CheckAssetLine> assets;  // by asset id
};

[[nodiscard]] CheckSummary summarize_check(const claims::Case& loaded,
                                           const claims::Determination& determination);
[[nodiscard]] std::string format_check_text(const CheckSummary& summary);
[[nodiscard]] std::string format_check_json(const CheckSummary& summary);

}  // namespace kanzai::tools
