// A run folder written beside its final name and renamed into place only when complete
// (SPEC "Outputs of a run": atomically). The destructor removes the staging folder if it
// was never published, and the published folder if it was published but not kept (the
// step after publication, recording the run, failed).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kanzai::tools {

// One file of a staging folder, written as its bytes come (mode 0600, created new).
class StagedFile {
public:
    explicit StagedFile(std::string path);  // throws IoError
    StagedFile(StagedFile&& other) noexcept;
    StagedFile& operator=(StagedFile&&) = delete;
    StagedFile(const StagedFile&) = delete;
    StagedFile& operator=(const StagedFile&) = delete;
    ~StagedFile();

    void write(std::string_view bytes);  // throws IoError
    // Flushes the file to disk and closes it; throws IoError.
    void close();

private:
    std::string path_;
    int fd_ = -1;
};

class StagedDir {
public:
    // Creates `<parent of final>/.<final name>.staging-<pid>` (mode 0700), and the missing
    // folders above it (0700 too; removed again unless the folder is kept). Removes the
    // staging folders of the same final name that killed commands left (remove_dead_staging).
    // Throws IoError.
    explicit StagedDir(std::string final_path);
    ~StagedDir();
    StagedDir(const StagedDir&) = delete;
    StagedDir& operator=(const StagedDir&) = delete;

    // Writes one file (mode 0600) and flushes it to disk. Throws IoError.
    void write_file(std::string_view name, std::string_view bytes);
    // The same, for a file written piece by piece.
    [[nodiscard]] StagedFile create_file(std::string_view name);
    // fsyncs the folder, renames it to its final name without replacing anything that is
    // there (an empty folder at the final name is removed first), fsyncs the parent.
    void publish();
    // The published folder is final: the destructor leaves it.
    void keep() { is_kept_ = true; }

    [[nodiscard]] const std::string& final_path() const { return final_path_; }
    // For writers that stream their own files into the folder before publish().
    [[nodiscard]] const std::string& staging_path() const { return staging_path_; }

private:
    std::string final_path_;
    std::string staging_path_;
    std::vector<std::string> created_parents_;  // outermost first
    bool published_ = false;
    bool is_kept_ = false;
};

// Removes the staging folders that killed commands left in `folder`: folders named
// `.<name>.staging-<pid>` for which `is_ours(name)` holds and whose pid is no live process
// (a live command's staging folder is never touched; a symlink is never followed). Returns
// the names removed. Never throws.
std::vector<std::string> remove_dead_staging(const std::string& folder,
                                             const std::function<bool(std::string_view)>& is_ours);

// True when `pid` names a live process (ours or another user's).
[[nodiscard]] bool is_process_alive(long pid);

// Reads a whole file; throws IoError.
[[nodiscard]] std::string read_file(const std::string& path);

// Writes one file (mode 0600, flushed to disk) through a temporary file beside it renamed
// over it when complete, so a reader sees the old file or the new one, never a part.
// Throws IoError.
void write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace kanzai::tools
