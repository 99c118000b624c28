// `kanzai check CASE`: loads and determines the case, prints every input error (exit 2) or
// a short summary of the valid case (exit 0). Writes nothing.
#include <fmt/format.h>

#include "claims/determine.hpp"
#include "claims/load_case.hpp"
#include "tools/commands.hpp"

namespace kanzai::tools {

int run_check(const CheckOptions& options) {
    claims::Diagnostics diagnostics;
    const claims::Case loaded = claims::load_case(options.case_folder, diagnostics);
    if (diagnostics.empty()) {
        const claims::Determination determination = claims::determine_claims(loaded, diagnostics);
        if (diagnostics.empty()) {
            fmt::print("{}: valid; {} customers, {} claims, {} decisions\n", loaded.config.name,
                       loaded.customers.size(), loaded.claims.size(),
                       determination.decisions.size());
            return exit_done;
        }
    }
    for (const claims::Diagnostic& diagnostic : diagnostics.sorted()) {
        fmt::print(stderr, "{}\n", diagnostic.text());
    }
    return exit_invalid_input;
}

}  // namespace kanzai::tools
