// The publication of a recorded run (docs/case-db.md "Publishing a run"): the marker that
// says a run folder is being published, what the next run does with the debris of a run
// killed on the way, and the test hook that kills `kanzai run` at a named step.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/case_db.hpp"

namespace kanzai::tools {

// `CASE/.run-NNNN.publishing`, holding the run folder's path: written (and synced) before
// the run folder is renamed into place, removed once case.db has committed the run. Its
// destructor removes it too (a failed publication removes its folder as well); a kill
// leaves it for recover_publications.
class PublicationMarker {
public:
    PublicationMarker(const std::string& case_folder, int number, const std::string& folder);
    ~PublicationMarker();
    PublicationMarker(const PublicationMarker&) = delete;
    PublicationMarker& operator=(const PublicationMarker&) = delete;
    void remove();

private:
    std::string path_;
};

// What the next run (holding the case lock) found and did, one line each, for stderr.
struct Recovery {
    std::vector<std::string> notes;
};

// Removes the staging folders `CASE/out/.run-NNNN.staging-PID` of dead processes, under the
// case's exclusive lock.
[[nodiscard]] Recovery remove_dead_run_staging(const std::string& case_folder);

// Settles what runs killed while publishing left, under the case's exclusive lock: for every
// publication marker, a run folder that case.db (`db`, nullptr when there is none) does not
// record is renamed `<folder>.unrecorded` (it was published, never recorded: it must not pass
// for a recorded run), and the marker is removed.
[[nodiscard]] Recovery recover_publications(const std::string& case_folder,
                                            const claims::CaseDb* db);

// The test hooks: when KANZAI_TEST_KILL_AT names `step`, the process SIGKILLs itself there;
// when KANZAI_TEST_ASSERT_AT names it, an invariant violation is raised there (exit 3), as a
// failed check of the waterfall would (tests/reliability/publication.sh walks every step).
// Steps, in order: distributed, staged, finished, marked, renamed, committed, db-published,
// unmarked.
void fault_point(std::string_view step);

}  // namespace kanzai::tools
