// The `kanzai` commands (SPEC "Command line"). main.cpp parses arguments into these option
// structs and calls one function per command; each lives in tools/<command>_command.cpp.
// A command returns its exit code; exceptions are mapped to exit codes in main only.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace kanzai::tools {

// SPEC exit codes.
enum ExitCode : int {
    exit_done = 0,
    exit_usage = 1,
    exit_invalid_input = 2,
    exit_invariant = 3,
    exit_io = 4,
};

// A run asked for by number that neither case.db nor out/ holds: invalid input (exit 2) in
// every command, like a missing claim id.
struct NoSuchRun : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct InitOptions {
    std::string folder;
};
struct CheckOptions {
    std::string case_folder;
    bool json = false;
};
struct RunOptions {
    std::string case_folder;
    std::optional<std::string> out;  // the run folder itself
    bool no_db = false;
};
struct ExplainOptions {
    std::string case_folder;
    std::string id;  // a claim id or a customer id
    std::optional<int> run;
    bool json = false;
};
struct DiffOptions {
    std::string case_folder;
    int run_a = 0;
    int run_b = 0;
    std::string toml_a;  // the case.toml RUN_A read, when the case folder's is newer
    std::string toml_b;
};
struct ReportOptions {
    std::string case_folder;
    std::optional<int> run;
    std::string html;
};
struct NoticesOptions {
    std::string case_folder;
    std::string out;  // the folder of notices (must not exist or be empty)
    std::optional<int> run;
    int dispute_days = 30;  // a convention (docs/report.md)
    std::string lang = "en";  // "en" | "ja"
};
struct ExportOptions {
    std::string case_folder;
    std::optional<int> run;
    std::string out;  // the folder to write (must not exist or be empty)
    std::optional<std::string> transfer_date;  // YYYY-MM-DD: paid_on and the Zengin 取組日
    std::optional<int> tranche;                // only the payouts of this tranche
};
struct AuditOptions {
    std::string case_folder;
    std::optional<int> run;  // every recorded run when nullopt
};
struct ProofOptions {
    std::string case_folder;
    std::string payee_id;
    std::optional<int> run;
    std::optional<std::string> out;   // the proof file; stdout without it
    std::optional<std::string> html;  // the offline verifier page with the proof inside
};
struct VerifyOptions {
    std::string proof;                // the proof file
    std::optional<std::string> root;  // the published root, 64 hex digits
};
struct StressOptions {
    std::string case_folder;
    std::string scenarios;  // the scenario file (TOML)
    std::string out;        // the folder to write (must not exist or be empty)
    bool skips_absent = false;  // entries naming assets or funds the case lacks: skipped
};
struct SynthOptions {
    std::string folder;
    std::uint64_t customers = 0;
    int assets = 5;
    std::uint64_t seed = 1;
    bool v3_rules = false;
};

[[nodiscard]] int run_init(const InitOptions& options);
[[nodiscard]] int run_check(const CheckOptions& options);
[[nodiscard]] int run_run(const RunOptions& options);
[[nodiscard]] int run_explain(const ExplainOptions& options);
[[nodiscard]] int run_diff(const DiffOptions& options);
[[nodiscard]] int run_report(const ReportOptions& options);
[[nodiscard]] int run_notices(const NoticesOptions& options);
[[nodiscard]] int run_proof(const ProofOptions& options);
[[nodiscard]] int run_verify(const VerifyOptions& options);
[[nodiscard]] int run_stress(const StressOptions& options);
[[nodiscard]] int run_synth(const SynthOptions& options);
[[nodiscard]] int run_audit(const AuditOptions& options);
[[nodiscard]] int run_export(const ExportOptions& options);

}  // namespace kanzai::tools
