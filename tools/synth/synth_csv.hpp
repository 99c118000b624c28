// A buffered CSV file for `kanzai synth`: rows are formatted into one large buffer and
// written in big blocks, so millions of rows cost no per-cell I/O. Cells written here never
// need quoting (synth only writes identifiers, amounts, dates and plain words).
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace kanzai::tools {

class CsvFile {
public:
    // Creates the file and writes the header line. Throws claims::IoError on failure.
    CsvFile(const std::filesystem::path& path, std::string_view header);
    CsvFile(const CsvFile&) = delete;
    CsvFile& operator=(const CsvFile&) = delete;
    ~CsvFile();

    // Appends one row: the cells joined by commas, then LF.
    template <typename... Cells>
    void row(fmt::format_string<Cells...> format, Cells&&... cells) {
        fmt::format_to(std::back_inserter(buffer_), format, std::forward<Cells>(cells)...);
        buffer_.push_back('\n');
        ++rows_count_;
        if (buffer_.size() >= flush_bytes) {
            flush();
        }
    }
    // Writes what is buffered and closes the file; throws claims::IoError on failure.
    void close();
    [[nodiscard]] std::uint64_t rows_count() const { return rows_count_; }

private:
    static constexpr std::size_t flush_bytes = std::size_t{1} << 20U;
    void flush();

    std::filesystem::path path_;
    std::FILE* file_ = nullptr;
    std::string buffer_;
    std::uint64_t rows_count_ = 0;
};

}  // namespace kanzai::tools
