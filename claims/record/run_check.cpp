// Checks that a run record adds up (claims/run_check.hpp).
#include "claims/record/run_check.hpp"

#include <fmt/format.h>

#include "claims/io_error.hpp"
#include "engine/assert.hpp"
#include "engine/decimal.hpp"

// A failed check: Kanzai's own bug (exit 3) for rows it produced, a damaged case.db (IoError,
// exit 4) for rows read back from one.
// In audit mode the first failure is kept and the check returns (and every later one too).
#define KANZAI_RECORD_CHECK(condition)                       \
    do {                                                     \
        if (!(condition)) [[unlikely]] {                     \
            fail_check(#condition, __LINE__);                \
            return;                                          \
        }                                                    \
    } while (false)

namespace kanzai::claims {

void RunChecker::fail_check(const char* expression, int line) {
    if (is_audit_) {
        if (!problem_) {
            problem_ = fmt::format("its rows do not add up ({} does not hold)", expression);
        }
        return;
    }
    if (damage_context_.empty()) {
        fail_invariant(expression, "run_check.cpp", line);
    }
    throw IoError(fmt::format("{} is damaged: its rows do not add up ({} does not hold); it "
                              "was not used (kanzai audit CASE names every difference)",
                              damage_context_, expression));
}

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

RunChecker::RunChecker(const RunRecord& header, std::string damage_context)
    : damage_context_(std::move(damage_context)) {
    add_sources(header);
}

void RunChecker::add_sources(const RunRecord& header) {
    if (problem_) {
        return;
    }
    KANZAI_RECORD_CHECK(by_source_.empty());
    for (const SetOffRecord& s : header.set_offs) {
        KANZAI_RECORD_CHECK(is_amount(s.debt));
        KANZAI_RECORD_CHECK(is_amount(s.positive_value));
        KANZAI_RECORD_CHECK(is_amount_or_empty(s.receivable));
    }
    for (const SourceRecord& source : header.sources) {
        const auto available = parse_record_amount(source.available);
        const auto allocated = parse_record_amount(source.allocated);
        const auto left = parse_record_amount(source.left);
        KANZAI_RECORD_CHECK(available && allocated && left);
        KANZAI_RECORD_CHECK(allocated->decimals == available->decimals);
        KANZAI_RECORD_CHECK(left->decimals == available->decimals);
        // SPEC "Invariants": per pool, allocations + surplus = pool; per fund, allocations +
        // leftover = available; per estate class, what it allocated + what is left after it.
        KANZAI_RECORD_CHECK(engine::checked_add(allocated->count, left->count) == available->count);
        const bool is_new = by_source_
                                .emplace(source.source, Figures{.decimals = available->decimals,
                                                                .tranche = source.tranche,
                                                                .allocated = allocated->count})
                                .second;
        KANZAI_RECORD_CHECK(is_new);
    }
}

void RunChecker::check(const DecisionRecord& d) {
    if (problem_) {
        return;
    }
    // Empty for a deemed claim; as written (any length) for an unknown asset.
    KANZAI_RECORD_CHECK(d.filed.empty() || is_decimal_text(d.filed));
    KANZAI_RECORD_CHECK(is_amount(d.ledger));
    KANZAI_RECORD_CHECK(is_amount(d.admitted));
    KANZAI_RECORD_CHECK(is_amount(d.disputed));
    KANZAI_RECORD_CHECK(is_amount(d.value));
}

void RunChecker::check(const AllocationRecord& allocation) {
    if (problem_) {
        return;
    }
    const auto found = by_source_.find(allocation.source);
    KANZAI_RECORD_CHECK(found != by_source_.end());
    const auto amount = parse_record_amount(allocation.amount);
    KANZAI_RECORD_CHECK(amount.has_value());
    KANZAI_RECORD_CHECK(is_amount(allocation.weight));
    KANZAI_RECORD_CHECK(amount->decimals == found->second.decimals);
    KANZAI_RECORD_CHECK(allocation.tranche == found->second.tranche);
    found->second.summed = engine::checked_add(found->second.summed, amount->count);
}

void RunChecker::check(const PayoutRecord& payout) {
    if (problem_) {
        return;
    }
    KANZAI_RECORD_CHECK(is_amount(payout.amount));
}

void RunChecker::finish() {
    if (problem_) {
        return;
    }
    for (const auto& [source, figures] : by_source_) {
        KANZAI_RECORD_CHECK(figures.summed == figures.allocated);
    }
}

namespace {

void check_rows(RunChecker& checker, const RunRecord& record) {
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

}  // namespace

std::optional<std::string> find_run_record_problem(const RunRecord& record) {
    RunChecker checker;
    checker.is_audit_ = true;
    checker.add_sources(record);
    check_rows(checker, record);
    return checker.problem_;
}

void verify_run_record(const RunRecord& record, std::string damage_context) {
    RunChecker checker(record, std::move(damage_context));
    check_rows(checker, record);
}

}  // namespace kanzai::claims
