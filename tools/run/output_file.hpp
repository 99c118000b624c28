// One output file of a run, written as its bytes come: they collect in a buffer that is
// hashed and written to the staging folder every megabyte, so a large run never holds a
// whole file in memory. Without a staging folder (tests) it only hashes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "claims/record/run_record.hpp"
#include "claims/load/sha256.hpp"
#include "tools/run/staged_dir.hpp"

namespace kanzai::tools {

class OutputFile {
public:
    OutputFile(StagedDir* folder, std::string name);

    // The buffer to append to; call done_appending() after each row.
    [[nodiscard]] std::string& buffer() { return buffer_; }
    void done_appending() {
        if (buffer_.size() >= flush_bytes) {
            flush();
        }
    }
    // Writes what is left, syncs and closes the file; its name and SHA-256.
    [[nodiscard]] claims::FileHash close();

private:
    static constexpr std::size_t flush_bytes = std::size_t{1} << 20;
    void flush();

    std::string name_;
    std::optional<StagedFile> file_;
    claims::Sha256 digest_;
    std::string buffer_;
};

}  // namespace kanzai::tools
