// Fuzz target for the CSV reader (claims/load/csv_reader.hpp, SPEC "The case folder": RFC 4180).
// Properties: no crash, UB or leak on any bytes; records arrive in increasing line order,
// each with the schema's cells (views into the buffer); the count returned equals the
// records handed over; a file read completely with a header reported no syntax error.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "claims/load/csv_reader.hpp"
#include "fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::vector<kanzai::claims::CsvColumn> schema = {
        {"claim_id", true}, {"customer_id", true}, {"asset", false}, {"amount", false}};
    std::string text(reinterpret_cast<const char*>(data), size);
    const char* const begin = text.data();
    const char* const end = text.data() + text.size();
    kanzai::claims::Diagnostics diagnostics;
    std::uint32_t records_count = 0;
    std::uint32_t line_last = 0;
    const kanzai::claims::CsvReadResult result = kanzai::claims::read_csv(
        "fuzz.csv", text, schema, diagnostics, [&](const kanzai::claims::CsvRecord& record) {
            FUZZ_CHECK(record.line() > line_last);
            line_last = record.line();
            for (std::size_t column = 0; column < schema.size(); ++column) {
                const std::string_view cell = record.cell(column);
                FUZZ_CHECK(cell.empty() ||
                           (cell.data() >= begin && cell.data() + cell.size() <= end));
            }
            ++records_count;
        });
    FUZZ_CHECK(result.records_count == records_count);
    if (!result.has_header) {
        FUZZ_CHECK(records_count == 0);
        FUZZ_CHECK(!diagnostics.empty());
    }
    if (!result.is_complete) {
        FUZZ_CHECK(!diagnostics.empty());
    }
    for (const kanzai::claims::Diagnostic& diagnostic : diagnostics.sorted()) {
        FUZZ_CHECK(!diagnostic.text().empty());
    }
    return 0;
}
