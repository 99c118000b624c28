// The static sections of the review report, each rendered to an HTML fragment from the
// case's configuration, the run and its summary.json. Every input-derived string is escaped.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "claims/case.hpp"
#include "claims/record/run_record.hpp"

namespace kanzai::tools {

// `inputs` is the run's own case (report_inputs.hpp), nullptr when the case folder no longer
// holds it; `inputs_note` then says why. Sections show input-derived figures only from it.
struct ReportContext {
    const claims::Case* inputs;
    const claims::RunRecord& run;
    const nlohmann::json& summary;
    std::string inputs_note;
};

// Case name, court, case number, administrator, cutoff, run number, engine, input hashes.
[[nodiscard]] std::string render_header_section(const ReportContext& context);
// Per asset: claims vs pool, with a bar of the coverage (CSS widths, no script).
[[nodiscard]] std::string render_coverage_section(const ReportContext& context);
// Pools, funds and estate classes: available, allocated, left.
[[nodiscard]] std::string render_sources_section(const ReportContext& context);
// SPEC v3 from summary.json: the convenience class (claimants, elected, claims, allocated),
// conversions, payments not completed (failed, returned) and transfers after the record
// date; "" when the run has none of them.
[[nodiscard]] std::string render_payments_section(const ReportContext& context);
// Prices with their price_source, estate and distribution prices, pool costs, minimum
// payouts; the rules and record date; the convenience rule; each fund's parameters (floor,
// cap, assets, leftover) with its figures from summary.json.
[[nodiscard]] std::string render_parameters_section(const ReportContext& context);
// The creditors (class, claim, description, allocated, payouts), every payout that is not
// payable with why (the transfer, the sanctioned party, the disputed claim, KYC, minimum),
// and the elections.
[[nodiscard]] std::string render_parties_section(const ReportContext& context);
// The price a conversion from `from` to `to` used ("estate_price 9000000" or
// "distribution_price 0.5"); "?" without the run's inputs.
[[nodiscard]] std::string conversion_price(const ReportContext& context,
                                           const std::string& from, const std::string& to);
// Histogram of recovery rates per claimant.
[[nodiscard]] std::string render_recovery_section(const ReportContext& context);
// Decision codes with their counts, and payout statuses with theirs.
[[nodiscard]] std::string render_decisions_section(const ReportContext& context);
// Disputed claims, transfer findings, receivables, overpayments, undistributed holdings,
// held payouts by status.
[[nodiscard]] std::string render_findings_section(const ReportContext& context);

// The width, as a CSS percentage with two decimals ("80.00%"), of a ratio written as a
// decimal string ("0.800000"), capped at 100%. Exact: digit arithmetic, no floating point.
[[nodiscard]] std::string percent_width(const std::string& ratio);

}  // namespace kanzai::tools
