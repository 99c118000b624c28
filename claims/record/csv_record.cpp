// CSV records as written, and the fields of one (see csv_record.hpp).
#include "claims/record/csv_record.hpp"

namespace kanzai::claims {

bool for_each_csv_record(std::string_view text,
                         const std::function<void(std::string_view)>& on_record) {
    bool is_quoted = false;
    std::size_t start = 0;
    for (std::size_t at = 0; at < text.size(); ++at) {
        // A doubled quote inside a quoted field toggles twice: it never ends the quoting.
        if (text[at] == '"') {
            is_quoted = !is_quoted;
        } else if (text[at] == '\n' && !is_quoted) {
            on_record(text.substr(start, at - start));
            start = at + 1;
        }
    }
    return start == text.size();
}

std::optional<std::vector<std::string>> csv_fields(std::string_view record) {
    // Most records quote nothing: split at the commas without looking at each byte twice
    // (the proof reads millions of payouts.csv records).
    if (record.find_first_of("\"\r\n") == std::string_view::npos) {
        std::vector<std::string> fields;
        std::size_t start = 0;
        for (std::size_t comma = record.find(','); comma != std::string_view::npos;
             comma = record.find(',', start)) {
            fields.emplace_back(record.substr(start, comma - start));
            start = comma + 1;
        }
        fields.emplace_back(record.substr(start));
        return fields;
    }
    std::vector<std::string> fields(1);
    std::size_t at = 0;
    while (at < record.size()) {
        std::string& field = fields.back();
        if (record[at] == '"' && field.empty()) {
            // A quoted field: up to the quote that is not doubled, then a comma or the end.
            for (++at;; ++at) {
                if (at == record.size()) {
                    return std::nullopt;
                }
                if (record[at] == '"') {
                    if (at + 1 < record.size() && record[at + 1] == '"') {
                        field += '"';
                        ++at;
                        continue;
                    }
                    break;
                }
                field += record[at];
            }
            ++at;
            if (at < record.size() && record[at] != ',') {
                return std::nullopt;
            }
        }
        if (at == record.size()) {
            break;
        }
        const char c = record[at];
        if (c == ',') {
            fields.emplace_back();
        } else if (c == '"' || c == '\n' || c == '\r') {
            return std::nullopt;
        } else {
            fields.back() += c;
        }
        ++at;
    }
    return fields;
}

}  // namespace kanzai::claims
