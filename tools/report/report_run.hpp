// Where `report` and `notices` get a run from: the case database CASE/case.db when it records
// the run, else the published run folder out/run-NNNN (decisions.csv, allocations.csv,
// payouts.csv, summary.json), e.g. for a run made with --no-db.
#pragma once

#include <optional>
#include <string>

#include "claims/case.hpp"
#include "claims/record/run_record.hpp"

namespace kanzai::tools {

// Reads run `run` (default: the latest) of the case: from case.db (the whole record) when it
// exists and records that run, else from the run folder (default: the highest run-NNNN):
// decisions, allocations, payouts, summary_json, engine, inputs and outputs, and sources
// shaped as case.db records them (pools, funds, estate classes with what was available
// to each class in turn); the folder has no allocation weights, fund weights, set-offs or
// run time, so those stay empty. Throws IoError when neither has the run, and when a
// recorded run fails the cheap checks (tools/audit/audit_run.hpp check_recorded_rows).
[[nodiscard]] claims::RunRecord read_report_run(const std::string& case_folder,
                                                std::optional<int> run);

// Reads and validates CASE/case.toml for the report's header and valuations. On input errors
// prints them (file:line:col: message) and returns nullopt (exit 2). Throws IoError when the
// file cannot be read.
[[nodiscard]] std::optional<claims::CaseConfig> load_report_config(const std::string& case_folder);

}  // namespace kanzai::tools
