// The RFC 4180 reader: one pass over one buffer, cells as views into it.
#include "claims/load/csv_reader.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace kanzai::claims {

enum class ParseStatus { record, end, error };

// Splits the buffer into records. Quoted cells are unescaped in place: the unescaped text
// is never longer than the quoted text, so it fits where it stood.
class CsvParser {
public:
    CsvParser(std::string_view file_name, std::string& text, Diagnostics& diagnostics)
        : file_name_(file_name), data_(text.data()), size_(text.size()),
          diagnostics_(diagnostics) {
        // SPEC "Conventions": a leading UTF-8 BOM is ignored.
        if (size_ >= 3 && std::memcmp(data_, "\xEF\xBB\xBF", 3) == 0) {
            pos_ = 3;
        }
    }

    // Reads the next record that is not a completely empty line.
    ParseStatus next(CsvRecord& record) {
        skip_empty_lines();
        if (pos_ == size_) {
            return ParseStatus::end;
        }
        record.line_ = line_;
        record.fields_.clear();
        for (;;) {
            const bool ok = at_quote() ? read_quoted(record) : read_unquoted(record);
            if (!ok) {
                return ParseStatus::error;
            }
            if (pos_ == size_) {
                return ParseStatus::record;
            }
            const char c = data_[pos_];
            if (c == ',') {
                ++pos_;
                continue;
            }
            if (c == '\n') {
                ++pos_;
                ++line_;
                return ParseStatus::record;
            }
            if (c == '\r' && pos_ + 1 < size_ && data_[pos_ + 1] == '\n') {
                pos_ += 2;
                ++line_;
                return ParseStatus::record;
            }
            fail(record, c == '\r' ? "a carriage return not followed by a line feed"
                                   : "a character after the closing quote of a cell; "
                                     "expected a comma or the end of the line");
            return ParseStatus::error;
        }
    }

    // read_csv's access to the parts of a record that users of CsvRecord do not see.
    static const std::vector<std::string_view>& fields_of(const CsvRecord& record) {
        return record.fields_;
    }
    static void bind(CsvRecord& record, const std::vector<std::uint32_t>* field_of_column) {
        record.field_of_column_ = field_of_column;
    }

private:
    bool at_quote() const { return pos_ < size_ && data_[pos_] == '"'; }

    void skip_empty_lines() {
        while (pos_ < size_) {
            if (data_[pos_] == '\n') {
                ++pos_;
            } else if (data_[pos_] == '\r' && pos_ + 1 < size_ && data_[pos_ + 1] == '\n') {
                pos_ += 2;
            } else {
                return;
            }
            ++line_;
        }
    }

    // An unquoted cell runs to the next comma or line end; a quote inside it is an error.
    bool read_unquoted(CsvRecord& record) {
        const std::size_t begin = pos_;
        while (pos_ < size_) {
            const char c = data_[pos_];
            if (c == ',' || c == '\n' || c == '\r' || c == '"') {
                break;
            }
            ++pos_;
        }
        record.fields_.emplace_back(data_ + begin, pos_ - begin);
        if (pos_ < size_ && data_[pos_] == '"') {
            return fail(record, "a quote inside an unquoted cell; quote the whole cell and "
                                "write each quote inside it twice");
        }
        return true;
    }

    bool read_quoted(CsvRecord& record) {
        ++pos_;  // the opening quote
        const std::size_t begin = pos_;
        std::size_t write = pos_;
        for (;;) {
            const void* found = std::memchr(data_ + pos_, '"', size_ - pos_);
            if (found == nullptr) {
                record.fields_.emplace_back();
                return fail(record, "a quoted cell is not closed before the end of the file");
            }
            const auto quote = static_cast<std::size_t>(static_cast<const char*>(found) - data_);
            const std::size_t length = quote - pos_;
            line_ += static_cast<std::uint32_t>(std::count(data_ + pos_, data_ + quote, '\n'));
            if (write != pos_) {
                std::memmove(data_ + write, data_ + pos_, length);
            }
            write += length;
            pos_ = quote + 1;
            if (pos_ < size_ && data_[pos_] == '"') {  // "" is one quote
                data_[write++] = '"';
                ++pos_;
                continue;
            }
            break;
        }
        record.fields_.emplace_back(data_ + begin, write - begin);
        return true;
    }

    bool fail(const CsvRecord& record, std::string_view what) {
        diagnostics_.error({.file = std::string(file_name_),
                            .line = record.line_,
                            .column = static_cast<std::uint32_t>(record.fields_.size())},
                           fmt::format("CSV syntax error: {}; the rest of the file is not read",
                                       what));
        return false;
    }

    std::string_view file_name_;
    char* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
    std::uint32_t line_ = 1;
    Diagnostics& diagnostics_;

};

namespace {

std::string names_of(std::span<const CsvColumn> schema) {
    std::string result;
    for (const CsvColumn& column : schema) {
        result += result.empty() ? "" : ", ";
        result += column.name;
    }
    return result;
}

// Maps each schema column to its field number; reports header problems on line 1.
// Returns false when a required column is missing (rows are then not read).
bool map_header(std::string_view file_name, const std::vector<std::string_view>& header,
                std::span<const CsvColumn> schema, Diagnostics& diagnostics,
                std::vector<std::uint32_t>& field_of_column) {
    field_of_column.assign(schema.size(), 0);
    const auto at = [&](std::size_t field) {
        return SourceLoc{.file = std::string(file_name),
                         .line = 1,
                         .column = static_cast<std::uint32_t>(field)};
    };
    for (std::size_t field = 1; field <= header.size(); ++field) {
        const std::string_view name = header[field - 1];
        const auto found = std::find_if(schema.begin(), schema.end(),
                                        [&](const CsvColumn& c) { return c.name == name; });
        if (found == schema.end()) {
            diagnostics.error(at(field), fmt::format("unknown column \"{}\"; expected one of {}",
                                                     name, names_of(schema)));
            continue;
        }
        std::uint32_t& slot = field_of_column[static_cast<std::size_t>(found - schema.begin())];
        if (slot != 0) {
            diagnostics.error(at(field), fmt::format("column \"{}\" is named twice (also column "
                                                     "{})",
                                                     name, slot));
            continue;
        }
        slot = static_cast<std::uint32_t>(field);
    }
    bool complete = true;
    for (std::size_t column = 0; column < schema.size(); ++column) {
        if (schema[column].required && field_of_column[column] == 0) {
            diagnostics.error(at(0),
                              fmt::format("missing required column \"{}\"", schema[column].name));
            complete = false;
        }
    }
    return complete;
}

}  // namespace

CsvReadResult read_csv(std::string_view file_name, std::string& text,
                       std::span<const CsvColumn> schema, Diagnostics& diagnostics,
                       const CsvRecordHandler& on_record) {
    CsvReadResult result;
    CsvParser parser(file_name, text, diagnostics);
    CsvRecord record;
    const ParseStatus header_status = parser.next(record);
    if (header_status == ParseStatus::end) {
        diagnostics.error({.file = std::string(file_name), .line = 1, .column = 0},
                          "the file is empty; expected a header row");
        return result;
    }
    if (header_status == ParseStatus::error) {
        return result;
    }
    std::vector<std::uint32_t> field_of_column;
    if (!map_header(file_name, CsvParser::fields_of(record), schema, diagnostics,
                    field_of_column)) {
        return result;
    }
    result.has_header = true;
    const std::size_t fields_count = CsvParser::fields_of(record).size();
    CsvParser::bind(record, &field_of_column);
    for (;;) {
        const ParseStatus status = parser.next(record);
        if (status == ParseStatus::end) {
            result.is_complete = true;
            return result;
        }
        if (status == ParseStatus::error) {
            return result;
        }
        const std::size_t record_fields_count = CsvParser::fields_of(record).size();
        if (record_fields_count != fields_count) {
            diagnostics.error({.file = std::string(file_name), .line = record.line(), .column = 0},
                              fmt::format("CSV syntax error: the record has {} fields; the header "
                                          "has {}; the rest of the file is not read",
                                          record_fields_count, fields_count));
            return result;
        }
        ++result.records_count;
        on_record(record);
    }
}

}  // namespace kanzai::claims
