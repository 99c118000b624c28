// Reading determinations.csv against the decided claims and applying each row.
#include "claims/determine/overrides.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "engine/decimal.hpp"

namespace kanzai::claims {
namespace {

struct Columns {
    std::uint32_t claim_id = 0;
    std::uint32_t decision = 0;
    std::uint32_t amount = 0;
};

// The row's amount in minor units of the claim's asset, or nullopt after reporting why not.
std::optional<Units> row_amount(const DeterminationRow& row, const Decision& decision,
                                const Case& loaded, const Columns& columns,
                                Diagnostics& diagnostics) {
    const SourceLoc loc{.file = "determinations.csv", .line = row.line, .column = columns.amount};
    if (!row.amount_text.has_value()) {
        diagnostics.error(loc, fmt::format("amount is required for {}", text_of(row.decision)));
        return std::nullopt;
    }
    const std::string& text = *row.amount_text;
    const Asset& asset = loaded.config.assets[decision.asset_index];
    engine::DecimalParse parse = engine::parse_amount(text, asset.decimals);
    if (parse.ok() && parse.count < 0) {
        parse.issue = engine::DecimalIssue::negative;
    }
    if (!parse.ok()) {
        diagnostics.error(loc, fmt::format("amount \"{}\" {} (claim \"{}\" is in {})", text,
                                           engine::describe(parse, text, asset.decimals),
                                           decision.claim_id, asset.id));
        return std::nullopt;
    }
    return Units{parse.count};
}

// Checks one row against its claim; the amount to apply (0 for reject) or nullopt.
std::optional<Units> check_row(const DeterminationRow& row, const Decision& decision,
                               const Case& loaded, const Columns& columns,
                               Diagnostics& diagnostics) {
    if (row.decision == DeterminationDecision::reject) {
        return Units{0};
    }
    const SourceLoc loc{
        .file = "determinations.csv", .line = row.line, .column = columns.decision};
    if (decision.customer_index == no_index) {
        diagnostics.error(loc, fmt::format("{} of claim \"{}\", whose customer \"{}\" is not "
                                           "in customers.csv; only reject is possible",
                                           text_of(row.decision), decision.claim_id,
                                           decision.customer_id(loaded)));
        return std::nullopt;
    }
    if (decision.asset_index == no_index) {
        diagnostics.error(loc, fmt::format("{} of claim \"{}\", whose asset \"{}\" is not in "
                                           "case.toml; only reject is possible",
                                           text_of(row.decision), decision.claim_id,
                                           decision.asset(loaded)));
        return std::nullopt;
    }
    return row_amount(row, decision, loaded, columns, diagnostics);
}

}  // namespace

std::unordered_set<std::string_view> determined_claim_ids(const Case& loaded) {
    std::unordered_set<std::string_view> result;
    result.reserve(loaded.determinations.size());
    for (const DeterminationRow& row : loaded.determinations) {
        result.insert(row.claim_id);
    }
    return result;
}

void apply_determinations(const Case& loaded, std::vector<Decision>& decisions,
                          Diagnostics& diagnostics) {
    const Columns columns{.claim_id = loaded.column_of("determinations.csv", "claim_id"),
                          .decision = loaded.column_of("determinations.csv", "decision"),
                          .amount = loaded.column_of("determinations.csv", "amount")};
    std::vector<const DeterminationRow*> rows;
    rows.reserve(loaded.determinations.size());
    for (const DeterminationRow& row : loaded.determinations) {
        rows.push_back(&row);
    }
    std::sort(rows.begin(), rows.end(), [](const DeterminationRow* a, const DeterminationRow* b) {
        return a->line < b->line;
    });
    // The line of the row that determined each decision (0: none yet).
    std::vector<std::uint32_t> determined_on(decisions.size(), 0);
    for (const DeterminationRow* row : rows) {
        const SourceLoc claim_loc{
            .file = "determinations.csv", .line = row->line, .column = columns.claim_id};
        const std::uint32_t index = find_decision(decisions, row->claim_id);
        if (index == no_index) {
            diagnostics.error(claim_loc, fmt::format("claim_id \"{}\" names no claim of "
                                                     "claims.csv and no deemed claim",
                                                     row->claim_id));
            continue;
        }
        if (determined_on[index] != 0) {
            diagnostics.error(claim_loc, fmt::format("claim \"{}\" is already determined on "
                                                     "line {}; a claim is determined once",
                                                     row->claim_id, determined_on[index]));
            continue;
        }
        determined_on[index] = row->line;
        Decision& decision = decisions[index];
        const std::optional<Units> amount = check_row(*row, decision, loaded, columns, diagnostics);
        if (!amount.has_value()) {
            continue;
        }
        decision.admitted = row->decision == DeterminationDecision::admit ? *amount : Units{0};
        decision.disputed = row->decision == DeterminationDecision::dispute ? *amount : Units{0};
        decision.code = DecisionCode::o_determination;
        // The reason is the row's, verbatim (rendered from it: reasons.hpp).
        decision.reason_ref = static_cast<std::uint32_t>(row - loaded.determinations.data());
    }
}

}  // namespace kanzai::claims
