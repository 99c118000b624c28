// Staged writing and atomic publication of a run folder.
#include "tools/run/staged_dir.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

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

}  // namespace

StagedDir::StagedDir(std::string final_path) : final_path_(std::move(final_path)) {
    const fs::path final_fs(final_path_);
    staging_path_ = (final_fs.parent_path() /
                     fmt::format(".{}.staging-{}", final_fs.filename().string(), ::getpid()))
                        .string();
    std::error_code error;
    fs::create_directories(parent_of(final_path_), error);
    if (error) {
        throw claims::IoError(
            fmt::format("cannot create {}: {}", parent_of(final_path_), error.message()));
    }
    fs::remove_all(staging_path_, error);  // a leftover of a killed run with our pid
    if (::mkdir(staging_path_.c_str(), 0700) != 0) {
        fail("cannot create", staging_path_);
    }
}

StagedDir::~StagedDir() {
    std::error_code ignored;
    if (!published_) {
        fs::remove_all(staging_path_, ignored);
    } else if (!is_kept_) {
        fs::remove_all(final_path_, ignored);
    }
}

StagedFile::StagedFile(std::string path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd_ < 0) {
        fail("cannot create", path_);
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
