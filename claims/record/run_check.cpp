// Checks that a run record adds up (claims/run_check.hpp).
#include "claims/record/run_check.hpp"

#include "engine/assert.hpp"
#include "engine/decimal.hpp"

namespace kanzai::claims {

std::optional<RecordAmount> parse_record_amount(std::string_view text) {
    const std::size_t dot = text.find('.');
    const int decimals =
        dot == std::string_view::npos ? 0 : static_cast<int>(text.size() - dot - 1);
    if (decimals > engine::decimals_max) {
        return std::nullopt;
    }
    const engine::DecimalParse parse = engine::parse_amount(text, decimals);
    if (!parse.ok()) {
        return std::nullopt;
    }
    return RecordAmount{.count = parse.count, .decimals = decimals};
}

namespace {

bool is_amount(std::string_view text) { return parse_record_amount(text).has_value(); }
bool is_amount_or_empty(std::string_view text) { return text.empty() || is_amount(text); }

// SPEC "Amounts" grammar alone, `-?[0-9]+(\.[0-9]+)?`, with no bound on digits: decisions.csv
// writes a claim's `filed` in an unknown asset as written (SPEC "decisions.csv"), and its
// decimals and magnitude were never bounded (SPEC "claims.csv").
bool is_decimal_text(std::string_view text) {
    if (!text.empty() && text.front() == '-') {
        text.remove_prefix(1);
    }
    const std::size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction =
        dot == std::string_view::npos ? std::string_view("0") : text.substr(dot + 1);
    const auto is_digits = [](std::string_view digits) {
        return !digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos;
    };
    return is_digits(whole) && is_digits(fraction);
}

}  // namespace

RunChecker::RunChecker(const RunRecord& header) { add_sources(header); }

void RunChecker::add_sources(const RunRecord& header) {
    KANZAI_ASSERT(by_source_.empty());
    for (const SetOffRecord& s : header.set_offs) {
        KANZAI_ASSERT(is_amount(s.debt));
        KANZAI_ASSERT(is_amount(s.positive_value));
        KANZAI_ASSERT(is_amount_or_empty(s.receivable));
    }
    for (const SourceRecord& source : header.sources) {
        const auto available = parse_record_amount(source.available);
        const auto allocated = parse_record_amount(source.allocated);
        const auto left = parse_record_amount(source.left);
        KANZAI_ASSERT(available && allocated && left);
        KANZAI_ASSERT(allocated->decimals == available->decimals);
        KANZAI_ASSERT(left->decimals == available->decimals);
        // SPEC "Invariants": per pool, allocations + surplus = pool; per fund, allocations +
        // leftover = available; per estate class, what it allocated + what is left after it.
        KANZAI_ASSERT(engine::checked_add(allocated->count, left->count) == available->count);
        const bool is_new = by_source_
                                .emplace(source.source, Figures{.decimals = available->decimals,
                                                                .tranche = source.tranche,
                                                                .allocated = allocated->count})
                                .second;
        KANZAI_ASSERT(is_new);
    }
}

void RunChecker::check(const DecisionRecord& d) const {
    // Empty for a deemed claim; as written (any length) for an unknown asset.
    KANZAI_ASSERT(d.filed.empty() || is_decimal_text(d.filed));
    KANZAI_ASSERT(is_amount(d.ledger));
    KANZAI_ASSERT(is_amount(d.admitted));
    KANZAI_ASSERT(is_amount(d.disputed));
    KANZAI_ASSERT(is_amount(d.value));
}

void RunChecker::check(const AllocationRecord& allocation) {
    const auto found = by_source_.find(allocation.source);
    KANZAI_ASSERT(found != by_source_.end());
    const auto amount = parse_record_amount(allocation.amount);
    KANZAI_ASSERT(amount.has_value());
    KANZAI_ASSERT(is_amount(allocation.weight));
    KANZAI_ASSERT(amount->decimals == found->second.decimals);
    KANZAI_ASSERT(allocation.tranche == found->second.tranche);
    found->second.summed = engine::checked_add(found->second.summed, amount->count);
}

void RunChecker::check(const PayoutRecord& payout) const {
    KANZAI_ASSERT(is_amount(payout.amount));
}

void RunChecker::finish() const {
    for (const auto& [source, figures] : by_source_) {
        KANZAI_ASSERT(figures.summed == figures.allocated);
    }
}

void verify_run_record(const RunRecord& record) {
    RunChecker checker(record);
    for (const DecisionRecord& decision : record.decisions) {
        checker.check(decision);
    }
    for (const AllocationRecord& allocation : record.allocations) {
        checker.check(allocation);
    }
    for (const PayoutRecord& payout : record.payouts) {
        checker.check(payout);
    }
    checker.finish();
}

}  // namespace kanzai::claims
