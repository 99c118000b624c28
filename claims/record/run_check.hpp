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
// allocation names a source. KANZAI_ASSERTs: a record that does not add up ends the command
// with exit 3.
class RunChecker {
public:
    // Checks decisions and payouts; allocations only once add_sources has been called.
    RunChecker() = default;
    // = RunChecker() and add_sources(header).
    explicit RunChecker(const RunRecord& header);

    // Checks each source's own figures (and the set-offs) of `header` and remembers them:
    // every allocation checked from then on must name one of them. Once, before the first
    // allocation (a run streams its decisions before its distribution exists).
    void add_sources(const RunRecord& header);

    void check(const DecisionRecord& decision) const;
    void check(const AllocationRecord& allocation);
    void check(const PayoutRecord& payout) const;
    // Every source's allocations, once all are checked, sum to its `allocated`.
    void finish() const;

private:
    struct Figures {
        int decimals = 0;
        int tranche = 0;
        engine::Int128 allocated = 0;
        engine::Int128 summed = 0;
    };
    std::map<std::string, Figures, std::less<>> by_source_;
};

// The whole check of a record held in memory (its rows included).
void verify_run_record(const RunRecord& record);

}  // namespace kanzai::claims
