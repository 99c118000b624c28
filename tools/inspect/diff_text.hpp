// `kanzai diff`: what changed between two recorded runs, claim by claim, allocation by
// allocation and payee by payee, with the reason where the records show it. A pure function
// of the two run records (and of the case.toml keys the command could compare).
#pragma once

#include <string>
#include <vector>

#include "claims/record/run_record.hpp"
#include "tools/inspect/diff_config.hpp"

namespace kanzai::tools {

// What `diff` knows of case.toml beyond its hashes: every key that changed when both runs'
// case.toml were at hand (`known`), else why not (`note`); summary.json's echo of some keys
// is compared either way.
struct CaseTomlChanges {
    bool known = false;
    std::vector<ConfigChange> keys;
    std::string note;
};

// Sections, each in the runs' output order (ids compare by bytes): the input files whose
// SHA-256 changed and the case.toml keys; the sources whose figures moved; the conversions
// and payments not completed (summary.json) that moved; claims whose decision changed
// (admitted, disputed, class, code, payee, value; or present in one run only); allocations
// that changed, by (claim_id, portion, source); payouts that changed, by (payee_id, asset,
// tranche, status); a total line. Linear in the rows of both runs (they are sorted as the
// CSV outputs are; rows out of order are sorted first).
[[nodiscard]] std::string diff_text(const claims::RunRecord& before,
                                    const claims::RunRecord& after,
                                    const CaseTomlChanges& toml = {});

}  // namespace kanzai::tools
