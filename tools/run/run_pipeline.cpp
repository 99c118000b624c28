// Load -> determine -> distribute -> payouts, then the outputs written row by row.
#include "tools/run/run_pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <type_traits>
#include <vector>

#include "claims/determine/determine.hpp"
#include "claims/distribute/computed_figures.hpp"
#include "claims/load/load_case.hpp"
#include "claims/record/proof.hpp"
#include "claims/record/run_builder.hpp"
#include "claims/load/sha256.hpp"
#include "tools/run/csv_writer.hpp"
#include "tools/run/output_file.hpp"
#include "tools/run/phase_timer.hpp"

namespace kanzai::tools {

std::optional<ComputedRun> determine_run(const std::string& case_folder,
                                         claims::Diagnostics& diagnostics) {
    PhaseTimer timer;
    ComputedRun run;
    run.loaded = claims::load_case(case_folder, diagnostics);
    if (!diagnostics.empty()) {
        return std::nullopt;
    }
    timer.mark("load");
    run.determination = claims::determine_claims(run.loaded, diagnostics);
    if (diagnostics.empty()) {
        claims::check_computed_figures(run.loaded, run.determination, diagnostics);
    }
    if (!diagnostics.empty()) {
        return std::nullopt;
    }
    timer.mark("determine");
    return run;
}

std::optional<ComputedRun> determine_recorded_run(const std::string& case_folder,
                                                  const claims::RunRecord& run,
                                                  std::string& reason) {
    claims::Diagnostics diagnostics;
    std::optional<ComputedRun> computed = determine_run(case_folder, diagnostics);
    if (!computed) {
        reason = "the case folder does not load now; see kanzai check";
        return std::nullopt;
    }
    const bool same_inputs = std::equal(
        run.inputs.begin(), run.inputs.end(), computed->loaded.inputs.begin(),
        computed->loaded.inputs.end(),
        [](const claims::FileHash& recorded, const claims::InputFile& current) {
            return recorded.name == current.name && recorded.sha256 == current.sha256;
        });
    if (!same_inputs || run.engine != std::string("kanzai ") + KANZAI_VERSION) {
        reason = fmt::format("the inputs or the engine have changed since run {}", run.number);
        return std::nullopt;
    }
    return computed;
}

void release_determination_inputs(ComputedRun& run) {
    // Not read by distribute, schedule_payouts, the output rows or summary.json. Swapped
    // with empty vectors: `= {}` would keep the capacity.
    std::vector<claims::LedgerRow>().swap(run.loaded.ledger);
    std::vector<claims::Identity>().swap(run.loaded.identities);
}

void distribute_run(ComputedRun& run) {
    PhaseTimer timer;
    // Runs the waterfall and checks its conservation invariants (exit 3 on violation).
    run.distribution = claims::distribute(run.loaded, run.determination);
    timer.mark("allocate");
    run.schedule = claims::schedule_payouts(run.loaded, run.determination, run.distribution);
    timer.mark("payouts");
}

std::optional<ComputedRun> compute_run(const std::string& case_folder,
                                       claims::Diagnostics& diagnostics) {
    std::optional<ComputedRun> run = determine_run(case_folder, diagnostics);
    if (run) {
        distribute_run(*run);
    }
    return run;
}

claims::RunRecord run_header(const ComputedRun& run) {
    return claims::build_run_header(run.loaded, run.determination, run.distribution);
}

namespace {

// One table: each row rendered into its file, inserted into case.db, kept if asked.
template <typename Record>
class TableWriter {
public:
    TableWriter(const char* name, std::string_view header, RunDestinations to,
                std::vector<Record>* kept, claims::MerkleRootBuilder* proof = nullptr)
        : file_(to.folder, name), db_(to.db), kept_(kept), proof_(proof) {
        file_.buffer() += header;
    }

    void operator()(const Record& row) {
        const std::size_t row_start = file_.buffer().size();
        append_csv_row(file_.buffer(), row);
        if constexpr (std::is_same_v<Record, claims::PayoutRecord>) {
            // SPEC "Proof of distribution": the leaf is the record as written, without its LF.
            if (proof_ != nullptr) {
                const std::string_view written = file_.buffer();
                proof_->add_row(row.payee_id,
                                written.substr(row_start, written.size() - row_start - 1));
            }
        }
        file_.done_appending();
        if (db_ != nullptr) {
            db_->add(row);
        }
        if (kept_ != nullptr) {
            kept_->push_back(row);
        }
        ++count_;
    }

    // Closes the file and returns its name and hash.
    claims::FileHash close() { return file_.close(); }
    [[nodiscard]] std::size_t count() const { return count_; }

private:
    OutputFile file_;
    claims::CaseDb::RunInsert* db_;
    std::vector<Record>* kept_;
    claims::MerkleRootBuilder* proof_;
    std::size_t count_ = 0;
};

}  // namespace

std::size_t write_decisions(const ComputedRun& run, claims::FileHash& output,
                            RunDestinations to) {
    TableWriter<claims::DecisionRecord> writer("decisions.csv", decisions_csv_header, to,
                                               to.rows ? &to.rows->decisions : nullptr);
    claims::for_each_decision_record(run.loaded, run.determination, std::ref(writer));
    output = writer.close();
    return writer.count();
}

void write_distribution(const ComputedRun& run, claims::RunRecord& header, RunDestinations to,
                        RowCounts& counts) {
    PhaseTimer timer;
    claims::RunRecord* rows = to.rows;
    {
        TableWriter<claims::AllocationRecord> writer(
            "allocations.csv", allocations_csv_header, to, rows ? &rows->allocations : nullptr);
        claims::for_each_allocation_record(run.loaded, run.determination, run.distribution,
                                           std::ref(writer));
        header.outputs.push_back(writer.close());
        counts.allocations = writer.count();
    }
    timer.mark("allocations_csv");
    claims::MerkleRootBuilder proof(run.loaded.proof_key);
    {
        TableWriter<claims::PayoutRecord> writer("payouts.csv", payouts_csv_header, to,
                                                 rows ? &rows->payouts : nullptr, &proof);
        claims::for_each_payout_record(run.loaded, run.schedule, std::ref(writer));
        header.outputs.push_back(writer.close());
        counts.payouts = writer.count();
    }
    timer.mark("payouts_csv");
    // summary.json lists the outputs by name, whatever order they were written in.
    std::sort(header.outputs.begin(), header.outputs.end(),
              [](const claims::FileHash& a, const claims::FileHash& b) { return a.name < b.name; });
    header.summary_json = claims::render_summary_json(
        run.loaded, run.determination, run.distribution, run.schedule, proof.finish(),
        header.outputs);
    OutputFile summary(to.folder, "summary.json");
    summary.buffer() += header.summary_json;
    header.outputs.push_back(summary.close());
    timer.mark("summary");
}

RowCounts write_run(const ComputedRun& run, claims::RunRecord& header, RunDestinations to) {
    RowCounts counts;
    header.outputs.emplace_back();
    counts.decisions = write_decisions(run, header.outputs.back(), to);
    write_distribution(run, header, to, counts);
    return counts;
}

void complete_header(const ComputedRun& run, claims::RunRecord& header) {
    claims::RunRecord full = run_header(run);
    full.number = header.number;
    full.out_folder = std::move(header.out_folder);
    full.created_at = std::move(header.created_at);
    full.outputs = std::move(header.outputs);
    header = std::move(full);
}

claims::RunRecord record_of(const ComputedRun& run) {
    claims::RunRecord record = run_header(run);
    write_run(run, record, {.rows = &record});
    return record;
}

void print_diagnostics(const claims::Diagnostics& diagnostics) {
    for (const claims::Diagnostic& diagnostic : diagnostics.sorted()) {
        fmt::print(stderr, "{}\n", diagnostic.text());
    }
}

}  // namespace kanzai::tools
