// stress.csv and stress_funds.csv, written as the run's CSV files are (tools/run/csv_writer).
#include <fmt/format.h>

#include "engine/decimal.hpp"
#include "tools/run/csv_writer.hpp"
#include "tools/stress/stress_output.hpp"

namespace kanzai::tools {
namespace {

void append_value(std::string& out, const claims::CaseConfig& config, claims::Value value) {
    out += ',';
    out += engine::format_units(value.count, config.currency().decimals);
}

// p10, p50 and p90 of summary.json's five, or three empty fields.
void append_percentiles(std::string& out, const claims::StressFigures& figures) {
    for (const int p : {10, 50, 90}) {
        out += ',';
        for (const claims::RecoveryPercentile& percentile : figures.percentiles) {
            if (percentile.p == p) {
                out += engine::format_units(percentile.rate, 6);
            }
        }
    }
}

}  // namespace

std::string render_stress_csv(const claims::CaseConfig& config,
                              const std::vector<StressedScenario>& scenarios) {
    std::string out(stress_csv_header);
    for (const StressedScenario& stressed : scenarios) {
        const claims::StressFigures& figures = stressed.figures;
        append_csv_field(out, stressed.scenario->id);
        out += fmt::format(",{}", figures.claimants);
        append_value(out, config, figures.claims_value);
        append_value(out, config, figures.recovered_value);
        out += ',';
        if (figures.claims_value.count > 0) {
            out += engine::format_ratio(figures.recovered_value.count,
                                        figures.claims_value.count);
        }
        out += fmt::format(",{},{}", figures.whole_after_funds, figures.whole);
        append_percentiles(out, figures);
        out += '\n';
    }
    return out;
}

std::string render_stress_funds_csv(const claims::CaseConfig& config,
                                    const std::vector<StressedScenario>& scenarios) {
    std::string out(stress_funds_csv_header);
    for (const StressedScenario& stressed : scenarios) {
        for (std::size_t f = 0; f < stressed.figures.funds.size(); ++f) {
            const claims::StressFundFigures& fund = stressed.figures.funds[f];
            append_csv_field(out, stressed.scenario->id);
            out += ',';
            append_csv_field(out, config.funds[f].id);
            append_value(out, config, fund.available);
            append_value(out, config, fund.allocated);
            append_value(out, config, fund.leftover);
            append_value(out, config, fund.eligible);
            append_value(out, config, fund.floors.floors);
            append_value(out, config, fund.floors.max_floor);
            out += fmt::format(",{},{}\n", fund.floors.claimants_eligible,
                               fund.floors.claimants_whole);
        }
    }
    return out;
}

}  // namespace kanzai::tools
