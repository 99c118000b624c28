// The recorded half of the conservation invariants (STYLE.md §5, pair assertions across
// layers): a RunRecord, or its rows as they stream into case.db, must add up on its own.
// Checked before a run is recorded and after it is read back.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "claims/record/run_record.hpp"
#include "engine/money.hpp"

namespace kanzai::claims {

// An amount of a RunRecord: exact decimal text whose fractional digits are the asset's
// decimals ("1.50000000" -> 150000000 at 8). nullopt when the text is not an amount.
struct RecordAmount {
    engine::Int128 count = 0;
    int decimals = 0;
};
[[nodiscard]] std::optional<RecordAmount> parse_record_amount(std::string_view text);

// The checks of verify_run_record, one row at a time, so that a run written as a stream
// (the rows of a large run are never all in memory) is checked as it goes:
// every amount is decimal text; per source, its allocations sum to `allocated` and
// `allocated + left == available`, all in the source's decimals and tranche; every
// allocation names a source. A record that does not add up ends the command: rows Kanzai
// produced are its own bug (an invariant violation, exit 3); rows read back from case.db
// (`damage_context` names them, e.g. "case.db run 3") are a damaged database (IoError, exit 4).
class RunChecker {
public:
    // Checks decisions and payouts; allocations only once add_sources has been called.
    RunChecker() = default;
    // = RunChecker() and add_sources(header).
    explicit RunChecker(const RunRecord& header, std::string damage_context = {});

    // Checks each source's own figures (and the set-offs) of `header` and remembers them:
    // every allocation checked from then on must name one of them. Once, before the first
    // allocation (a run streams its decisions before its distribution exists).
    void add_sources(const RunRecord& header);

    void check(const DecisionRecord& decision);
    void check(const AllocationRecord& allocation);
    void check(const PayoutRecord& payout);
    // Every source's allocations, once all are checked, sum to its `allocated`.
    void finish();

private:
    friend std::optional<std::string> find_run_record_problem(const RunRecord& record);
    // Throws (or, in audit mode, keeps the first problem and returns).
    void fail_check(const char* expression, int line);

    struct Figures {
        int decimals = 0;
        int tranche = 0;
        engine::Int128 allocated = 0;
        engine::Int128 summed = 0;
    };
    std::map<std::string, Figures, std::less<>> by_source_;
    std::string damage_context_;  // empty: rows being produced
    bool is_audit_ = false;
    std::optional<std::string> problem_;  // audit mode: the first check that failed
};

// The checks of verify_run_record for `kanzai audit`: the first that fails, described, or
// nullopt when the record adds up. Never throws on a record that does not add up.
[[nodiscard]] std::optional<std::string> find_run_record_problem(const RunRecord& record);

// The whole check of a record held in memory (its rows included); `damage_context` as for
// RunChecker.
void verify_run_record(const RunRecord& record, std::string damage_context = {});

}  // namespace kanzai::claims
