// An advisory lock (flock) on the case folder itself, so that it creates no file: `kanzai
// run` holds it exclusively from choosing its run number until its run is published, so a
// second run of the same case waits and then takes the next number; readers of case.db hold
// it shared while they read, so no run starts under them (docs/case-db.md).
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace kanzai::claims {

class CaseLock {
public:
    // Waits until no other holder has the folder; calls `on_wait` once before waiting, when
    // it has to. Throws IoError when the folder cannot be opened.
    [[nodiscard]] static CaseLock exclusive(const std::string& folder,
                                            const std::function<void()>& on_wait);
    // The shared lock when no exclusive holder has the folder, else nullopt (never waits).
    [[nodiscard]] static std::optional<CaseLock> try_shared(const std::string& folder);

    CaseLock(CaseLock&& other) noexcept;
    CaseLock& operator=(CaseLock&& other) noexcept;
    CaseLock(const CaseLock&) = delete;
    CaseLock& operator=(const CaseLock&) = delete;
    ~CaseLock();  // releases the lock; never throws

private:
    explicit CaseLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace kanzai::claims
