// The records of a CSV text byte for byte, and the fields of one record (RFC 4180, as SPEC
// "Outputs of a run" writes them). The proof of distribution hashes a payouts.csv record as
// written, quotes included; claims/load/csv_reader unescapes cells in place and keeps no
// record's bytes, so it cannot serve here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kanzai::claims {

// Calls `on_record` with each record of `text` (header included) without its final LF, in
// order. A record ends at an LF outside quotes; an LF inside quotes belongs to its cell.
// Returns false, after the complete records, when the text does not end with an LF outside
// quotes (a truncated file or an unterminated quote); true for an empty text.
[[nodiscard]] bool for_each_csv_record(std::string_view text,
                                       const std::function<void(std::string_view)>& on_record);

// The fields of one record (no final LF), quoted fields unescaped. nullopt when `record` is
// not exactly one RFC 4180 record: a quote inside an unquoted field, text after a closing
// quote other than a comma, an unterminated quote, or a CR or LF outside quotes.
[[nodiscard]] std::optional<std::vector<std::string>> csv_fields(std::string_view record);

}  // namespace kanzai::claims
