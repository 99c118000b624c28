// Staged writing and atomic publication of a run folder.
#include "tools/run/staged_dir.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>

#include <fmt/format.h>

#include "claims/io_error.hpp"

namespace kanzai::tools {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& what, const std::string& path) {
    throw claims::IoError(fmt::format("{} {}: {}", what, path, std::strerror(errno)));
}

void sync_path(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) {
        fail("cannot open", path);
    }
    const int result = ::fsync(fd);
    ::close(fd);
    if (result != 0) {
        fail("cannot sync", path);
    }
}

std::string parent_of(const std::string& path) {
    const fs::path parent = fs::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

// mkdir at 0700, then chmod: the umask may only take bits away, and it may take the
// owner's too.
void make_folder_owner_only(const std::string& path) {
    if (::mkdir(path.c_str(), 0700) != 0) {
        fail("cannot create", path);
    }
    if (::chmod(path.c_str(), 0700) != 0) {
        fail("cannot set the mode of", path);
    }
}

// The pid of a staging folder's name `.<name>.staging-<pid>`, or -1.
long staging_pid(std::string_view entry, std::string_view& name) {
    static constexpr std::string_view tag = ".staging-";
    const std::size_t at = entry.rfind(tag);
    if (entry.size() < 2 || entry.front() != '.' || at == std::string_view::npos || at < 2) {
        return -1;
    }
    const std::string_view digits = entry.substr(at + tag.size());
    if (digits.empty() || digits.size() > 9 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
        return -1;
    }
    name = entry.substr(1, at - 1);
    return std::stol(std::string(digits));
}

}  // namespace

bool is_process_alive(long pid) {
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

std::vector<std::string> remove_dead_staging(
    const std::string& folder, const std::function<bool(std::string_view)>& is_ours) {
    std::vector<std::string> removed;
    std::error_code error;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
        const std::string entry_name = entry.path().filename().string();
        std::string_view name;
        const long pid = staging_pid(entry_name, name);
        if (pid < 0 || !is_ours(name) || pid == ::getpid() || is_process_alive(pid)) {
            continue;
        }
        std::error_code ignored;
        if (!fs::is_directory(entry.symlink_status(ignored))) {
            continue;  // not a folder we made (a symlink, a file): left alone
        }
        if (fs::remove_all(entry.path(), ignored) != static_cast<std::uintmax_t>(-1) &&
            !ignored) {
            removed.push_back(entry_name);
        }
    }
    std::sort(removed.begin(), removed.end());
    return removed;
}

namespace {

// Creates the missing folders of `path` (and `path`), mode 0700 whatever the umask; returns
// those it created, outermost first. Throws IoError.
std::vector<std::string> create_folders_owner_only(const std::string& path) {
    std::vector<std::string> missing;
    std::error_code error;
    for (fs::path at(path); !at.empty() && !fs::exists(fs::symlink_status(at, error));
         at = at.parent_path()) {
        missing.push_back(at.string());
        if (at == at.parent_path()) {
            break;
        }
    }
    std::reverse(missing.begin(), missing.end());
    std::vector<std::string> created;
    for (const std::string& folder : missing) {
        try {
            make_folder_owner_only(folder);
        } catch (const claims::IoError&) {
            for (auto it = created.rbegin(); it != created.rend(); ++it) {
                ::rmdir(it->c_str());
            }
            throw;
        }
        created.push_back(folder);
    }
    return created;
}

}  // namespace

StagedDir::StagedDir(std::string final_path) : final_path_(std::move(final_path)) {
    const fs::path final_fs(final_path_);
    const std::string final_name = final_fs.filename().string();
    staging_path_ =
        (final_fs.parent_path() / fmt::format(".{}.staging-{}", final_name, ::getpid())).string();
    created_parents_ = create_folders_owner_only(parent_of(final_path_));
    static_cast<void>(remove_dead_staging(
        parent_of(final_path_), [&](std::string_view name) { return name == final_name; }));
    std::error_code error;
    fs::remove_all(staging_path_, error);  // a leftover of a killed run with our pid
    try {
        make_folder_owner_only(staging_path_);
    } catch (const claims::IoError&) {
        for (auto it = created_parents_.rbegin(); it != created_parents_.rend(); ++it) {
            ::rmdir(it->c_str());
        }
        throw;
    }
}

StagedDir::~StagedDir() {
    std::error_code ignored;
    if (!published_) {
        fs::remove_all(staging_path_, ignored);
    } else if (!is_kept_) {
        fs::remove_all(final_path_, ignored);
    }
    if (!is_kept_) {
        // Folders this run created for its output (an `out/`): gone again, unless another
        // command has put something into them meanwhile (rmdir refuses a non-empty folder).
        for (auto it = created_parents_.rbegin(); it != created_parents_.rend(); ++it) {
            ::rmdir(it->c_str());
        }
    }
}

StagedFile::StagedFile(std::string path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd_ < 0) {
        fail("cannot create", path_);
    }
    if (::fchmod(fd_, 0600) != 0) {  // whatever the umask
        const int error = errno;
        ::close(fd_);
        fd_ = -1;
        errno = error;
        fail("cannot set the mode of", path_);
    }
}

StagedFile::StagedFile(StagedFile&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}

StagedFile::~StagedFile() {
    if (fd_ >= 0) {
        ::close(fd_);  // an error path: the staging folder is removed anyway
    }
}

void StagedFile::write(std::string_view bytes) {
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("cannot write", path_);
        }
        written += static_cast<std::size_t>(n);
    }
}

void StagedFile::close() {
    const int fd = std::exchange(fd_, -1);
    if (::fsync(fd) != 0) {
        ::close(fd);
        fail("cannot sync", path_);
    }
    if (::close(fd) != 0) {
        fail("cannot close", path_);
    }
}

StagedFile StagedDir::create_file(std::string_view name) {
    return StagedFile(staging_path_ + "/" + std::string(name));
}

void StagedDir::write_file(std::string_view name, std::string_view bytes) {
    StagedFile file = create_file(name);
    file.write(bytes);
    file.close();
}

void StagedDir::publish() {
    sync_path(staging_path_);
    // An existing empty folder at the final name may be replaced (SPEC `--out DIR`); a
    // non-empty one never: rmdir fails on it and RENAME_NOREPLACE refuses to overwrite.
    ::rmdir(final_path_.c_str());
    if (::renameat2(AT_FDCWD, staging_path_.c_str(), AT_FDCWD, final_path_.c_str(),
                    RENAME_NOREPLACE) != 0) {
        fail("cannot publish the run folder as", final_path_);
    }
    published_ = true;
    sync_path(parent_of(final_path_));
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) {
        throw claims::IoError(fmt::format("cannot read {}", path));
    }
    // Sized once and read in one call: a stringstream grew and copied its buffer over and
    // again, a third of `kanzai proof`'s time for a payouts.csv of 12 MB.
    const std::streamoff size = in.tellg();
    if (size < 0) {
        throw claims::IoError(fmt::format("cannot read {}: not a regular file", path));
    }
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.seekg(0);
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!in || in.gcount() != static_cast<std::streamsize>(bytes.size())) {
        throw claims::IoError(fmt::format("cannot read {}", path));
    }
    return bytes;
}

void write_file_atomically(const std::string& path, std::string_view bytes) {
    const std::string staging = fmt::format("{}.tmp-{}", path, ::getpid());
    std::error_code error;
    fs::remove(staging, error);  // a leftover of a killed command with our pid
    try {
        StagedFile file(staging);
        file.write(bytes);
        file.close();
    } catch (const claims::IoError&) {
        fs::remove(staging, error);
        throw;
    }
    fs::rename(staging, path, error);
    if (error) {
        fs::remove(staging, error);
        throw claims::IoError(fmt::format("cannot rename {} to {}", staging, path));
    }
}

}  // namespace kanzai::tools
