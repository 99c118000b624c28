// The `kanzai` command: parses arguments (CLI11), calls the command, maps failures to the
// exit codes of SPEC "Command line". The only place that catches exceptions.
#include <CLI/CLI.hpp>
#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>

#include <cstdint>

#include "claims/io_error.hpp"
#include "engine/assert.hpp"
#include "tools/commands.hpp"

namespace {

using namespace kanzai::tools;

// synth writes ~250 bytes per customer: 100M customers is 25 GB, well past any test case.
constexpr std::uint64_t synth_customers_max = 100'000'000;

constexpr const char* description =
    "Kanzai: exact, replayable distributions for a failed crypto-asset exchange.\n"
    "Exit codes: 0 done, 1 usage, 2 invalid input, 3 invariant violated, 4 I/O error.";

struct Options {
    InitOptions init;
    CheckOptions check;
    RunOptions run;
    ExplainOptions explain;
    DiffOptions diff;
    ReportOptions report;
    NoticesOptions notices;
    ExportOptions export_files;
    ProofOptions proof;
    VerifyOptions verify;
    StressOptions stress;
    SynthOptions synth;
    AuditOptions audit;
    std::string out;
    std::string html;
    std::string root;
    int run_number = 0;
};

void add_commands(CLI::App& app, Options& o) {
    auto* init = app.add_subcommand("init", "Create a new case folder with commented templates");
    init->add_option("DIR", o.init.folder, "The folder to create")->required();
    init->footer("Example: kanzai init cases/example-exchange");

    auto* check =
        app.add_subcommand("check", "Validate a case folder; print findings; write nothing");
    check->add_option("CASE", o.check.case_folder, "The case folder")->required();
    check->add_flag("--json", o.check.json, "Print the summary as JSON");
    check->footer("Example: kanzai check samples/tutorial\nExit 0 for valid inputs, 2 otherwise.");

    auto* run = app.add_subcommand("run", "Determine, allocate, write the outputs, record the run");
    run->add_option("CASE", o.run.case_folder, "The case folder")->required();
    run->add_option("--out", o.out, "The run folder to write (must not exist or be empty)");
    run->add_flag("--no-db", o.run.no_db, "Do not record the run in case.db");
    run->footer("Example: kanzai run samples/tutorial\nWrites CASE/out/run-NNNN/ by default.");

    auto* explain = app.add_subcommand("explain", "The whole derivation for a claim or customer");
    explain->add_option("CASE", o.explain.case_folder, "The case folder")->required();
    explain->add_option("ID", o.explain.id, "A claim id or a customer id")->required();
    explain->add_option("--run", o.run_number, "Run number (default: the latest)")
        ->check(CLI::PositiveNumber);
    explain->add_flag("--json", o.explain.json, "Print as JSON");
    explain->footer("Example: kanzai explain samples/tutorial C01 --run 1");

    auto* diff = app.add_subcommand("diff", "What changed between two runs");
    diff->add_option("CASE", o.diff.case_folder, "The case folder")->required();
    diff->add_option("RUN_A", o.diff.run_a, "The earlier run number")
        ->required()
        ->check(CLI::PositiveNumber);
    diff->add_option("RUN_B", o.diff.run_b, "The later run number")
        ->required()
        ->check(CLI::PositiveNumber);
    diff->add_option("--toml-a", o.diff.toml_a,
                     "The case.toml RUN_A read (checked against its recorded SHA-256), to name "
                     "the case.toml keys that changed with their old values");
    diff->add_option("--toml-b", o.diff.toml_b, "The case.toml RUN_B read (the same)");
    diff->footer("Example: kanzai diff samples/tutorial 1 2");

    auto* report = app.add_subcommand("report", "A self-contained HTML review report");
    report->add_option("CASE", o.report.case_folder, "The case folder")->required();
    report->add_option("--run", o.run_number, "Run number (default: the latest)")
        ->check(CLI::PositiveNumber);
    report->add_option("--html", o.report.html, "The HTML file to write")->required();
    report->footer("Example: kanzai report samples/tutorial --run 1 --html review.html\n"
                   "One self-contained file: open it in any browser, print it to PDF.");

    auto* notices = app.add_subcommand("notices", "One determination notice per payee");
    notices->add_option("CASE", o.notices.case_folder, "The case folder")->required();
    notices->add_option("--out", o.notices.out, "The folder to write (must not exist or be empty)")
        ->required();
    notices->add_option("--run", o.run_number, "Run number (default: the latest)")
        ->check(CLI::PositiveNumber);
    notices->add_option("--dispute-days", o.notices.dispute_days,
                        "Days from the run to object to a decision (default 30)")
        ->check(CLI::Range(1, 3650));
    notices->add_option("--lang", o.notices.lang, "Language of the notices: en (default) or ja")
        ->check(CLI::IsMember({"en", "ja"}));
    notices->footer("Example: kanzai notices samples/tutorial --out /tmp/notices --run 1");

    auto* export_files = app.add_subcommand("export", "The payment agent's files of a run");
    export_files->add_option("CASE", o.export_files.case_folder, "The case folder")->required();
    export_files->add_option("--run", o.run_number, "Run number (default: the latest)")
        ->check(CLI::PositiveNumber);
    export_files->add_option("--out", o.export_files.out,
                             "The folder to write (must not exist or be empty)")
        ->required();
    export_files->add_option("--transfer-date", o.export_files.transfer_date,
                             "YYYY-MM-DD: paid_on of the payments.csv template and the Zengin "
                             "transfer date (required with bank_accounts.csv)");
    export_files->add_option("--tranche", o.export_files.tranche,
                             "Only the payouts of this tranche (default: every tranche)")
        ->check(CLI::Range(1, 1000000));
    export_files->footer("Example: kanzai export samples/tutorial --run 1 --out /tmp/payments\n"
                         "Writes payouts-<ASSET>.csv, payments.csv (the template to return) "
                         "and, with bank_accounts.csv, zengin-JPY.txt.");

    auto* audit = app.add_subcommand(
        "audit", "Check recorded runs against their hashes and run folders");
    audit->add_option("CASE", o.audit.case_folder, "The case folder")->required();
    audit->add_option("--run", o.run_number, "Run number (default: every recorded run)")
        ->check(CLI::PositiveNumber);
    audit->footer("Example: kanzai audit samples/tutorial\n"
                  "Exit 0 when every check holds, 2 when one does not (each is named).");

    auto* proof = app.add_subcommand("proof", "The proof of one payee's payouts in a run");
    proof->add_option("CASE", o.proof.case_folder, "The case folder")->required();
    proof->add_option("PAYEE", o.proof.payee_id, "The payee id (a customer or creditor:ID)")
        ->required();
    proof->add_option("--run", o.run_number, "Run number (default: the latest)")
        ->check(CLI::PositiveNumber);
    proof->add_option("--out", o.out, "The proof file to write (default: stdout)");
    proof->add_option("--html", o.html, "Also write the offline verifier page, with the proof");
    proof->footer("Example: kanzai proof samples/tutorial C03 --out C03-proof.json\n"
                  "Exit 2 when the payee has no payouts, or when the run folder's payouts.csv "
                  "or proof.key\nno longer gives the recorded root.");

    auto* verify = app.add_subcommand("verify", "Check a proof file against its root");
    verify->add_option("PROOF", o.verify.proof, "The proof file")->required();
    verify->add_option("--root", o.root, "The published root (64 hex digits)");
    verify->footer("Example: kanzai verify C03-proof.json --root \"$(cat published-root.txt)\"\n"
                   "--root is the 64 hex digits the administrator published (summary.json's "
                   "proof.root).\nExit 0 when it holds, 2 when it does not or the file is "
                   "malformed.");

    auto* stress = app.add_subcommand(
        "stress", "The case under many scenarios, and the reserve each would need");
    stress->add_option("CASE", o.stress.case_folder, "The case folder")->required();
    stress->add_option("--scenarios", o.stress.scenarios, "The scenario file (TOML)")
        ->required();
    stress->add_option("--out", o.stress.out,
                       "The folder to write (must not exist or be empty)")
        ->required();
    stress->add_flag("--skip-absent", o.stress.skips_absent,
                     "Skip (with a note) entries naming an asset or fund the case lacks");
    stress->footer("Example: kanzai stress samples/tutorial --scenarios scenarios.toml "
                   "--out /tmp/stress\n"
                   "Writes stress.csv, stress_funds.csv and stress.html; records nothing.\n"
                   "Example: kanzai stress samples/dmm-bitcoin-2024-counterfactual --scenarios "
                   "samples/stress/historical.toml --skip-absent --out /tmp/historical");

    auto* synth = app.add_subcommand("synth", "Generate a realistic synthetic case");
    synth->add_option("DIR", o.synth.folder, "The case folder to create")->required();
    synth->add_option("--customers", o.synth.customers, "Number of customers (1..100000000)")
        ->required()
        ->check(CLI::Range(std::uint64_t{1}, synth_customers_max));
    synth->add_option("--assets", o.synth.assets, "Number of assets (1..10)")
        ->check(CLI::Range(1, 10));
    synth->add_option("--seed", o.synth.seed, "Random seed");
    synth->add_flag("--v3", o.synth.v3_rules,
                    "Use SPEC v3's rules too: record date, pool cost, distribution price, "
                    "paid_in, convenience class, elections, failed payments");
    synth->footer("Example: kanzai synth /tmp/example --customers 1000 --seed 7\n"
                  "About 250 bytes of case folder per customer (240 MB at 1,000,000); the "
                  "same seed\nand options give the same files.");
}

int dispatch(const CLI::App& app, Options& o) {
    if (app.got_subcommand("init")) {
        return run_init(o.init);
    }
    if (app.got_subcommand("check")) {
        return run_check(o.check);
    }
    if (app.got_subcommand("run")) {
        if (!o.out.empty()) {
            o.run.out = o.out;
        }
        return run_run(o.run);
    }
    if (app.got_subcommand("explain")) {
        if (o.run_number != 0) {
            o.explain.run = o.run_number;
        }
        return run_explain(o.explain);
    }
    if (app.got_subcommand("diff")) {
        return run_diff(o.diff);
    }
    if (app.got_subcommand("report")) {
        if (o.run_number != 0) {
            o.report.run = o.run_number;
        }
        return run_report(o.report);
    }
    if (app.got_subcommand("notices")) {
        if (o.run_number != 0) {
            o.notices.run = o.run_number;
        }
        return run_notices(o.notices);
    }
    if (app.got_subcommand("export")) {
        if (o.run_number != 0) {
            o.export_files.run = o.run_number;
        }
        return run_export(o.export_files);
    }
    if (app.got_subcommand("audit")) {
        if (o.run_number != 0) {
            o.audit.run = o.run_number;
        }
        return run_audit(o.audit);
    }
    if (app.got_subcommand("proof")) {
        if (o.run_number != 0) {
            o.proof.run = o.run_number;
        }
        if (!o.out.empty()) {
            o.proof.out = o.out;
        }
        if (!o.html.empty()) {
            o.proof.html = o.html;
        }
        return run_proof(o.proof);
    }
    if (app.got_subcommand("verify")) {
        if (!o.root.empty()) {
            o.verify.root = o.root;
        }
        return run_verify(o.verify);
    }
    if (app.got_subcommand("stress")) {
        return run_stress(o.stress);
    }
    if (app.got_subcommand("synth")) {
        return run_synth(o.synth);
    }
    fmt::print(stderr, "kanzai: a command is required; see kanzai --help\n");
    return exit_usage;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{description, "kanzai"};
    app.set_version_flag("--version", std::string("kanzai ") + KANZAI_VERSION);
    app.require_subcommand(0, 1);
    app.footer("Example: kanzai run samples/tutorial && "
               "kanzai report samples/tutorial --html review.html\n"
               "kanzai COMMAND --help shows each command's options and an example.");
    Options options;
    add_commands(app, options);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? exit_done : exit_usage;
    }
    try {
        return dispatch(app, options);
    } catch (const NoSuchRun& error) {
        fmt::print(stderr, "kanzai: {}\n", error.what());
        return exit_invalid_input;
    } catch (const kanzai::InvariantViolation& violation) {
        fmt::print(stderr, "kanzai: {}; nothing was written\n", violation.what());
        return exit_invariant;
    } catch (const kanzai::claims::IoError& error) {
        fmt::print(stderr, "kanzai: {}\n", error.what());
        return exit_io;
    } catch (const SQLite::Exception& error) {
        fmt::print(stderr, "kanzai: case database: {}\n", error.what());
        return exit_io;
    } catch (const std::bad_alloc&) {
        fmt::print(stderr, "kanzai: out of memory\n");
        return exit_io;
    } catch (const std::exception& error) {
        fmt::print(stderr, "kanzai: {}\n", error.what());
        return exit_io;
    }
}
