// `kanzai synth DIR --customers N [--assets K] [--seed S]`: validates the options, writes the
// synthetic case into a temporary folder beside DIR and renames it into place, so DIR is
// either absent or complete. An existing non-empty DIR is refused with exit 4 (the I/O exit
// code, as `kanzai run --out` does for the same situation).
#include <fmt/format.h>

#include <filesystem>
#include <system_error>

#include "tools/commands.hpp"
#include "tools/run/folders.hpp"
#include "tools/run/staged_dir.hpp"
#include "tools/synth/synth_case.hpp"

namespace kanzai::tools {

namespace fs = std::filesystem;

int run_synth(const SynthOptions& options) {
    if (options.customers == 0) {
        fmt::print(stderr, "kanzai synth: --customers must be at least 1\n");
        return exit_usage;
    }
    if (options.assets < 1 || options.assets > synth_assets_max) {
        fmt::print(stderr, "kanzai synth: --assets must be between 1 and {}\n", synth_assets_max);
        return exit_usage;
    }
    const fs::path target(options.folder);
    if (is_occupied(target)) {
        fmt::print(stderr, "kanzai synth: {} exists and is not empty; nothing was written\n",
                   target.string());
        return exit_io;
    }
    StagedDir staged(target.string());
    const SynthCounts counts =
        write_synth_case(staged.staging_path(), {.customers_count = options.customers,
                                                 .assets_count = options.assets,
                                                 .seed = options.seed,
                                                 .v3_rules = options.v3_rules});
    staged.publish();
    staged.keep();
    // A synthetic case folder is as readable as any other case folder (staging is 0700).
    std::error_code ignored;
    fs::permissions(target,
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec,
                    ignored);
    fmt::print(
        "{}: {} customers, {} ledger rows, {} claims, {} identities, {} transfers, "
        "{} determinations, {} payments, {} holdings, {} creditors, {} elections (seed {})\n",
        target.string(), counts.customers, counts.ledger, counts.claims, counts.identities,
        counts.transfers, counts.determinations, counts.payments, counts.holdings, counts.creditors,
        counts.elections, options.seed);
    return exit_done;
}

}  // namespace kanzai::tools
