// One run as it is written out and recorded: the rows of decisions.csv, allocations.csv and
// payouts.csv as their exact output text, plus what explanations need (per-source totals,
// the weight of every allocation, set-offs). The CSV writer and case.db both take this, and
// `explain`, `diff` and `report` read it back, so the files and the database cannot disagree.
#pragma once

#include <string>
#include <vector>

namespace kanzai::claims {

// Amounts are exact decimal text with the asset's decimals, exactly as in the CSV outputs.
struct DecisionRecord {
    std::string claim_id;
    std::string customer_id;
    std::string claimant_id;
    std::string payee_id;
    std::string asset;
    std::string filed;
    std::string ledger;
    std::string admitted;
    std::string disputed;
    std::string claim_class;  // "", "customer", "subordinated"
    std::string code;         // with suffixes
    std::string reason;
    std::string value;
};

struct AllocationRecord {
    std::string claim_id;  // or "creditor:<creditor_id>"
    std::string portion;   // "admitted" | "disputed"
    std::string source;    // "pool:BTC", "fund:reserve", "estate:general"
    std::string asset;
    std::string amount;
    int tranche = 1;
    // Not in allocations.csv: what the split weighed this line by (pool: the line's units
    // of the asset; fund: its remaining shortfall value before the fund; estate: its claim
    // in the class, in the case currency), as exact decimal text.
    std::string weight;
};

struct PayoutRecord {
    int payout_id = 0;
    std::string payee_id;
    std::string asset;
    std::string amount;
    int tranche = 1;
    std::string status;
};

// Per source: the figures each split was computed from, for explanations.
struct SourceRecord {
    std::string source;     // "pool:BTC", "fund:reserve", "estate:admin", ...
    std::string asset;      // what it pays in
    std::string available;  // pool units, fund available, estate class's share available
    std::string weights;    // sum of the weights it was split over (the W of the rule)
    std::string allocated;
    std::string left;       // pool surplus, fund leftover, estate residue (after this class)
    int tranche = 1;
};

struct SetOffRecord {
    std::string customer_id;
    std::string debt;            // D
    std::string positive_value;  // V
    std::string receivable;      // D - V when D > V
};

struct FileHash {
    std::string name;  // "claims.csv"
    std::string sha256;
};

struct RunRecord {
    int number = 0;                 // the run number (NNNN of out/run-NNNN)
    std::string engine;             // "kanzai 0.1.0"
    std::string created_at;         // UTC time, recorded in case.db only, never in outputs
    std::string case_name;
    std::string out_folder;         // where the run folder was published
    std::vector<FileHash> inputs;   // sorted by name
    std::vector<FileHash> outputs;  // sorted by name
    std::string summary_json;       // summary.json, byte for byte
    std::vector<DecisionRecord> decisions;      // decisions.csv order
    std::vector<AllocationRecord> allocations;  // allocations.csv order
    std::vector<PayoutRecord> payouts;          // payouts.csv order
    std::vector<SourceRecord> sources;          // pools (asset order), funds, estate classes
    std::vector<SetOffRecord> set_offs;         // by customer id
};

}  // namespace kanzai::claims
