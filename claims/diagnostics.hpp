// Input errors, collected so that one pass reports all of them (STYLE.md §4).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kanzai::claims {

// A position in an input file. CSV: line is the physical line where the record starts
// (1 for the header, an empty or a missing file), column is the 1-based field index of
// the cell (0 = the whole record or file). case.toml: toml++'s line and column.
struct SourceLoc {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

struct Diagnostic {
    SourceLoc loc;
    std::string message;

    // "file:line:col: message"; ":col" is left out when column is 0.
    [[nodiscard]] std::string text() const;
};

class Diagnostics {
public:
    void error(SourceLoc loc, std::string message);
    [[nodiscard]] bool empty() const { return errors_.empty(); }
    [[nodiscard]] std::size_t size() const { return errors_.size(); }
    // By file, line, column, message (bytes): the order errors are printed in.
    [[nodiscard]] std::vector<Diagnostic> sorted() const;

private:
    std::vector<Diagnostic> errors_;
};

}  // namespace kanzai::claims
