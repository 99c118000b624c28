// `kanzai diff`: what changed between two recorded runs, claim by claim and payee by payee,
// with the reason where the records show it. A pure function of the two run records.
#pragma once

#include <string>

#include "claims/record/run_record.hpp"

namespace kanzai::tools {

// Claims whose decision changed (admitted, disputed, class, code or payee; or present in one
// run only), by claim_id; payouts that changed, by (payee_id, asset, tranche, status); the
// input files whose SHA-256 changed; and a total line. Ids compare by bytes.
[[nodiscard]] std::string diff_text(const claims::RunRecord& before,
                                    const claims::RunRecord& after);

}  // namespace kanzai::tools
