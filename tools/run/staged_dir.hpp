// A run folder written beside its final name and renamed into place only when complete
// (SPEC "Outputs of a run": atomically). The destructor removes the staging folder if it
// was never published, and the published folder if it was published but not kept (the
// step after publication, recording the run, failed).
#pragma once

#include <string>
#include <string_view>

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
    // Creates `<parent of final>/.<final name>.staging-<pid>` (mode 0700). Throws IoError.
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
    bool published_ = false;
    bool is_kept_ = false;
};

// Reads a whole file; throws IoError.
[[nodiscard]] std::string read_file(const std::string& path);

// Writes one file (mode 0600, flushed to disk) through a temporary file beside it renamed
// over it when complete, so a reader sees the old file or the new one, never a part.
// Throws IoError.
void write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace kanzai::tools
