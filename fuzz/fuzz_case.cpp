// Fuzz target for a whole case folder: every file loader, the cross-file load, the
// determination of claims and, for a valid case, the waterfall and the payout schedule, as
// `kanzai run` computes them (tools/run/run_pipeline.cpp) without writing outputs.
// Input: files packed as fuzz/case_folder.hpp describes; the seeds are the golden cases and
// the samples, so most mutations stay near valid cases.
// Properties: no crash, UB, leak or exception other than an I/O error on any bytes; in
// particular no InvariantViolation (exit 3), which would be a case `check` accepts and `run`
// aborts; an invalid case has positioned diagnostics in a file of the case; a valid case
// distributes with every invariant of the engine checked (distribute, schedule_payouts).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "claims/determine/determine.hpp"
#include "claims/distribute/computed_figures.hpp"
#include "claims/distribute/distribution.hpp"
#include "claims/distribute/payouts.hpp"
#include "claims/io_error.hpp"
#include "claims/load/load_case.hpp"
#include "engine/assert.hpp"
#include "fuzz/case_folder.hpp"
#include "fuzz/fuzz_check.hpp"

namespace {

void check_case(const std::string& folder) {
    namespace claims = kanzai::claims;
    claims::Diagnostics diagnostics;
    const claims::Case loaded = claims::load_case(folder, diagnostics);
    claims::Determination determination;
    if (diagnostics.empty()) {
        determination = claims::determine_claims(loaded, diagnostics);
        if (diagnostics.empty()) {
            claims::check_computed_figures(loaded, determination, diagnostics);
        }
    }
    for (const claims::Diagnostic& diagnostic : diagnostics.sorted()) {
        FUZZ_CHECK(!diagnostic.message.empty());
        FUZZ_CHECK(kanzai::fuzz::is_case_file(diagnostic.loc.file));
    }
    if (!diagnostics.empty()) {
        return;
    }
    const claims::Distribution distribution = claims::distribute(loaded, determination);
    const claims::PayoutSchedule schedule =
        claims::schedule_payouts(loaded, determination, distribution);
    (void)schedule;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string folder = kanzai::fuzz::write_case_folder(data, size).string();
    try {
        check_case(folder);
    } catch (const kanzai::claims::IoError&) {
        // Unreadable input (exit 4) is allowed; the files were just written, so rare.
    } catch (const kanzai::InvariantViolation& violation) {
        std::fprintf(stderr, "invariant violated: %s\n", violation.what().c_str());
        FUZZ_CHECK(false);
    }
    return 0;
}
