// Publication markers, recovery from killed runs, and the kill hook (publication.hpp).
#include "tools/run/publication.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "claims/io_error.hpp"
#include "engine/assert.hpp"
#include "tools/run/staged_dir.hpp"

namespace kanzai::tools {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view marker_prefix = ".run-";
constexpr std::string_view marker_suffix = ".publishing";

std::string marker_path(const std::string& case_folder, int number) {
    return (fs::path(case_folder) / fmt::format(".run-{:04}.publishing", number)).string();
}

// The run number of a marker's name `.run-NNNN.publishing`, or -1.
int marker_number(std::string_view name) {
    if (!name.starts_with(marker_prefix) || !name.ends_with(marker_suffix)) {
        return -1;
    }
    const std::string_view digits = name.substr(
        marker_prefix.size(), name.size() - marker_prefix.size() - marker_suffix.size());
    if (digits.size() < 4 || digits.size() > 9 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
        return -1;
    }
    return std::atoi(std::string(digits).c_str());
}

void sync_folder(const std::string& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        static_cast<void>(::fsync(fd));
        ::close(fd);
    }
}

bool is_run_staging(std::string_view name) {
    return name.size() >= 8 && name.starts_with("run-") &&
           name.find_first_not_of("0123456789", 4) == std::string_view::npos;
}

}  // namespace

PublicationMarker::PublicationMarker(const std::string& case_folder, int number,
                                     const std::string& folder)
    : path_(marker_path(case_folder, number)) {
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw claims::IoError(fmt::format("cannot create {}: {}", path_, std::strerror(errno)));
    }
    const std::string text = folder + "\n";
    const bool is_written = ::fchmod(fd, 0600) == 0 &&
                            ::write(fd, text.data(), text.size()) ==
                                static_cast<ssize_t>(text.size()) &&
                            ::fsync(fd) == 0;
    const int error = errno;
    ::close(fd);
    if (!is_written) {
        ::unlink(path_.c_str());
        throw claims::IoError(fmt::format("cannot write {}: {}", path_, std::strerror(error)));
    }
    sync_folder(fs::path(path_).parent_path().string());
}

PublicationMarker::~PublicationMarker() { remove(); }

void PublicationMarker::remove() {
    if (!path_.empty()) {
        ::unlink(path_.c_str());
        path_.clear();
    }
}

Recovery remove_dead_run_staging(const std::string& case_folder) {
    Recovery recovery;
    const fs::path out = fs::path(case_folder) / "out";
    for (const std::string& name : remove_dead_staging(out.string(), is_run_staging)) {
        recovery.notes.push_back(
            fmt::format("removed {}, the staging folder of a killed run", (out / name).string()));
    }
    return recovery;
}

Recovery recover_publications(const std::string& case_folder, const claims::CaseDb* db) {
    Recovery recovery;
    std::vector<int> recorded;
    if (db != nullptr) {
        recorded = db->run_numbers();
    }
    std::error_code error;
    std::vector<fs::path> markers;
    for (const fs::directory_entry& entry : fs::directory_iterator(case_folder, error)) {
        if (marker_number(entry.path().filename().string()) > 0) {
            markers.push_back(entry.path());
        }
    }
    std::sort(markers.begin(), markers.end());
    for (const fs::path& marker : markers) {
        const int number = marker_number(marker.filename().string());
        std::string folder = read_file(marker.string());
        while (!folder.empty() && folder.back() == '\n') {
            folder.pop_back();
        }
        const bool is_recorded = std::find(recorded.begin(), recorded.end(), number) !=
                                 recorded.end();
        if (!is_recorded && !folder.empty() &&
            fs::is_directory(fs::symlink_status(folder, error))) {
            const std::string renamed = folder + ".unrecorded";
            if (::renameat2(AT_FDCWD, folder.c_str(), AT_FDCWD, renamed.c_str(),
                            RENAME_NOREPLACE) != 0) {
                throw claims::IoError(fmt::format(
                    "{} was published by a run killed before case.db recorded it, and cannot "
                    "be renamed {}: {}", folder, renamed, std::strerror(errno)));
            }
            sync_folder(fs::path(folder).parent_path().string());
            recovery.notes.push_back(fmt::format(
                "{} was published by run {}, killed before case.db recorded it: it is not a "
                "recorded run and was renamed {}", folder, number, renamed));
        }
        ::unlink(marker.c_str());
    }
    return recovery;
}

void fault_point(std::string_view step) {
    static const char* const kill_at = std::getenv("KANZAI_TEST_KILL_AT");
    static const char* const assert_at = std::getenv("KANZAI_TEST_ASSERT_AT");
    if (kill_at != nullptr && step == kill_at) {
        ::raise(SIGKILL);
    }
    if (assert_at != nullptr && step == assert_at) {
        fail_invariant("test hook KANZAI_TEST_ASSERT_AT", "publication.cpp", __LINE__);
    }
}

}  // namespace kanzai::tools
