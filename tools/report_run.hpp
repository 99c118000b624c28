// Where `report` and `notices` get a run from. Today: the published run folder
// (out/run-NNNN: decisions.csv, allocations.csv, payouts.csv, summary.json). When the case
// database lands, this is the one function to switch to CaseDb::read_run.
#pragma once

#include <optional>
#include <string>

#include "claims/case.hpp"
#include "claims/run_record.hpp"

namespace kanzai::tools {

// Reads run `run` (default: the highest run-NNNN folder) of the case. Fills decisions,
// allocations, payouts, summary_json, engine, inputs and outputs (from summary.json) and
// sources (pools, funds and estate classes from summary.json; weights stay empty).
// Throws IoError when the run folder or one of its files is missing or unreadable.
[[nodiscard]] claims::RunRecord read_report_run(const std::string& case_folder,
                                                std::optional<int> run);

// Reads and validates CASE/case.toml for the report's header and valuations. On input errors
// prints them (file:line:col: message) and returns nullopt (exit 2). Throws IoError when the
// file cannot be read.
[[nodiscard]] std::optional<claims::CaseConfig> load_report_config(const std::string& case_folder);

}  // namespace kanzai::tools
