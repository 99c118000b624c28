// `kanzai synth DIR --customers N [--assets K] [--seed S]`: validates the options, writes the
// synthetic case into a temporary folder beside DIR and renames it into place, so DIR is
// either absent or complete. An existing non-empty DIR is refused with exit 4 (the I/O exit
// code, as `kanzai run --out` does for the same situation).
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include "claims/io_error.hpp"
#include "tools/commands.hpp"
#include "tools/synth_case.hpp"

namespace kanzai::tools {
namespace {

namespace fs = std::filesystem;

// A temporary folder that removes itself unless published.
class SynthStaging {
public:
    explicit SynthStaging(const fs::path& target) {
        const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
        std::string pattern =
            (parent / ("." + target.filename().string() + ".synth-XXXXXX")).string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw claims::IoError(
                fmt::format("cannot create a temporary folder in {}", parent.string()));
        }
        path_ = pattern;
        // mkdtemp makes the folder private; a case folder is as readable as any other.
        std::error_code ignored;
        fs::permissions(path_,
                        fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec,
                        ignored);
    }
    SynthStaging(const SynthStaging&) = delete;
    SynthStaging& operator=(const SynthStaging&) = delete;
    ~SynthStaging() {
        if (!published_) {
            std::error_code ignored;
            fs::remove_all(path_, ignored);
        }
    }
    [[nodiscard]] const fs::path& path() const { return path_; }
    // rename(2) replaces an absent or empty target folder atomically.
    void publish(const fs::path& target) {
        std::error_code error;
        fs::rename(path_, target, error);
        if (error) {
            throw claims::IoError(
                fmt::format("cannot move the case into {}: {}", target.string(), error.message()));
        }
        published_ = true;
    }

private:
    fs::path path_;
    bool published_ = false;
};

bool is_occupied(const fs::path& target) {
    std::error_code error;
    if (!fs::exists(target, error)) {
        return false;
    }
    return !fs::is_directory(target, error) || !fs::is_empty(target, error);
}

}  // namespace

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
    if (target.has_parent_path()) {
        std::error_code ignored;  // a failure shows up when the staging folder is created
        fs::create_directories(target.parent_path(), ignored);
    }
    SynthStaging staged(target);
    const SynthCounts counts =
        write_synth_case(staged.path(), {.customers_count = options.customers,
                                         .assets_count = options.assets,
                                         .seed = options.seed});
    staged.publish(target);
    fmt::print(
        "{}: {} customers, {} ledger rows, {} claims, {} identities, {} transfers, "
        "{} determinations, {} payments, {} holdings, {} creditors (seed {})\n",
        target.string(), counts.customers, counts.ledger, counts.claims, counts.identities,
        counts.transfers, counts.determinations, counts.payments, counts.holdings, counts.creditors,
        options.seed);
    return exit_done;
}

}  // namespace kanzai::tools
