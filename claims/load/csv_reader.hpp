// An RFC 4180 reader for the CSV files of a case folder (SPEC "The case folder"): header by
// name in any order, double-quote quoting with embedded commas, quotes and newlines, LF or
// CRLF, a leading BOM ignored, completely empty lines ignored, cells never trimmed.
// Built for millions of rows: the caller hands over the whole file as one buffer, and every
// cell is a string_view into it (quoted cells are unescaped in place), so the hot path does
// not allocate per cell.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "claims/diagnostics.hpp"

namespace kanzai::claims {

// One column a file may have.
struct CsvColumn {
    std::string_view name;
    bool required = false;
};

// One record, its cells addressed by the index of their column in the schema.
class CsvRecord {
public:
    // The physical line where the record starts.
    [[nodiscard]] std::uint32_t line() const { return line_; }
    // The cell of schema column `column`; "" when the header does not have that column.
    [[nodiscard]] std::string_view cell(std::size_t column) const {
        const std::uint32_t field = (*field_of_column_)[column];
        return field == 0 ? std::string_view() : fields_[field - 1];
    }
    // The 1-based field number of schema column `column` in the file (0: not in the header).
    [[nodiscard]] std::uint32_t field_number(std::size_t column) const {
        return (*field_of_column_)[column];
    }

private:
    friend class CsvParser;
    std::uint32_t line_ = 0;
    std::vector<std::string_view> fields_;
    const std::vector<std::uint32_t>* field_of_column_ = nullptr;
};

struct CsvReadResult {
    bool has_header = false;  // false: empty file or an unusable header; no rows were read
    bool is_complete = false; // every record was read (no header or syntax error)
    std::uint32_t records_count = 0;
};

using CsvRecordHandler = std::function<void(const CsvRecord&)>;

// Reads the CSV text of `file_name` (the whole file; modified in place: quoted cells are
// unescaped where they stand) against `schema`, calling `on_record` for every record in
// file order. Reports to `diagnostics`, all on line 1: an empty file, a column named twice,
// an unknown column (rows are still read; the column is ignored) and a missing required
// column (rows are then not read). A syntax error (an unterminated quote, a stray quote, a
// lone CR, a wrong number of fields) is reported at the line where its record starts and
// ends the reading of the file. Empty required cells are the caller's business.
CsvReadResult read_csv(std::string_view file_name, std::string& text,
                       std::span<const CsvColumn> schema, Diagnostics& diagnostics,
                       const CsvRecordHandler& on_record);

}  // namespace kanzai::claims
