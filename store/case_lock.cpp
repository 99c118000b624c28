// The case folder's advisory lock (store/case_lock.hpp), on an O_RDONLY descriptor of the
// folder: flock needs no write access and is released by the kernel when a holder dies.
#include "store/case_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "claims/io_error.hpp"

namespace kanzai::claims {
namespace {

int open_folder(const std::string& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        throw IoError(fmt::format("cannot open {}: {}", folder, std::strerror(errno)));
    }
    return fd;
}

// flock, retried on EINTR; the errno of the failure otherwise, 0 on success.
int lock(int fd, int operation) {
    while (::flock(fd, operation) != 0) {
        if (errno != EINTR) {
            return errno;
        }
    }
    return 0;
}

}  // namespace

CaseLock CaseLock::exclusive(const std::string& folder, const std::function<void()>& on_wait) {
    CaseLock held(open_folder(folder));
    int error = lock(held.fd_, LOCK_EX | LOCK_NB);
    if (error == EWOULDBLOCK) {
        if (on_wait) {
            on_wait();
        }
        error = lock(held.fd_, LOCK_EX);
    }
    if (error != 0) {
        throw IoError(fmt::format("cannot lock {}: {}", folder, std::strerror(error)));
    }
    return held;
}

std::optional<CaseLock> CaseLock::try_shared(const std::string& folder) {
    CaseLock held(open_folder(folder));
    if (lock(held.fd_, LOCK_SH | LOCK_NB) != 0) {
        return std::nullopt;
    }
    return held;
}

CaseLock::CaseLock(CaseLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

CaseLock& CaseLock::operator=(CaseLock&& other) noexcept {
    std::swap(fd_, other.fd_);  // `other` releases what this held
    return *this;
}

CaseLock::~CaseLock() {
    if (fd_ >= 0) {
        ::close(fd_);  // closing the last descriptor releases the lock
    }
}

}  // namespace kanzai::claims
