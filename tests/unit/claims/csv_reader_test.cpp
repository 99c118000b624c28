// The RFC 4180 reader: quoting, embedded newlines, CRLF, BOM, empty lines, header problems
// and syntax errors with their positions.
#include <doctest/doctest.h>

#include <array>
#include <string>
#include <vector>

#include "claims/load/csv_reader.hpp"

namespace {

using kanzai::claims::CsvColumn;
using kanzai::claims::CsvRecord;
using kanzai::claims::Diagnostics;

constexpr std::array<CsvColumn, 3> schema = {{{"id", true}, {"name", false}, {"note", false}}};

struct Read {
    std::vector<std::string> rows;  // "line|id|name|note"
    std::vector<std::string> errors;
    kanzai::claims::CsvReadResult result;
};

Read read(std::string text) {
    Read out;
    Diagnostics diagnostics;
    out.result = kanzai::claims::read_csv("t.csv", text, schema, diagnostics,
                                          [&](const CsvRecord& record) {
                                              std::string row = std::to_string(record.line());
                                              for (std::size_t c = 0; c < schema.size(); ++c) {
                                                  row += "|";
                                                  row += record.cell(c);
                                              }
                                              out.rows.push_back(row);
                                          });
    for (const auto& diagnostic : diagnostics.sorted()) {
        out.errors.push_back(diagnostic.text());
    }
    return out;
}

}  // namespace

TEST_CASE("csv: header by name in any order; absent optional columns read as empty") {
    const Read r = read("note,id\nhello,A\n,B\n");
    CHECK(r.errors.empty());
    CHECK(r.rows == std::vector<std::string>{"2|A||hello", "3|B||"});
    CHECK(r.result.is_complete);
    CHECK(r.result.records_count == 2);
}

TEST_CASE("csv: quoted cells keep commas, doubled quotes and newlines; lines count physically") {
    const Read r = read("id,name,note\n\"A,1\",\"say \"\"hi\"\"\",\"two\nlines\"\nB,x,y\n");
    CHECK(r.errors.empty());
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0] == "2|A,1|say \"hi\"|two\nlines");
    CHECK(r.rows[1] == "4|B|x|y");
}

TEST_CASE("csv: CRLF line ends, a BOM and completely empty lines") {
    const Read r = read("\xEF\xBB\xBFid,name\r\n\r\nA,Alice\r\n\nB,\"Bob\r\nJr\"\r\n\r\n");
    CHECK(r.errors.empty());
    CHECK(r.rows == std::vector<std::string>{"3|A|Alice|", "5|B|Bob\r\nJr|"});
}

TEST_CASE("csv: cells are never trimmed; a last line without a line end is read") {
    const Read r = read("id,name\n A , b \nC,\"\"");
    CHECK(r.errors.empty());
    CHECK(r.rows == std::vector<std::string>{"2| A | b |", "3|C||"});
}

TEST_CASE("csv: a line of only a comma is a record of empty cells, not an empty line") {
    const Read r = read("id,name\n,\n");
    CHECK(r.rows == std::vector<std::string>{"2|||"});
}

TEST_CASE("csv: empty file and file with only a BOM and empty lines") {
    CHECK(read("").errors == std::vector<std::string>{
                                 "t.csv:1: the file is empty; expected a header row"});
    CHECK(read("\xEF\xBB\xBF\n\r\n").errors ==
          std::vector<std::string>{"t.csv:1: the file is empty; expected a header row"});
}

TEST_CASE("csv: header problems are on line 1 with the column's field number") {
    const Read r = read("name,extra,name,note\nx,y,z,w\n");
    CHECK(r.errors == std::vector<std::string>{
                          "t.csv:1: missing required column \"id\"",
                          "t.csv:1:2: unknown column \"extra\"; expected one of id, name, note",
                          "t.csv:1:3: column \"name\" is named twice (also column 1)"});
    CHECK(r.rows.empty());
    CHECK_FALSE(r.result.has_header);
}

TEST_CASE("csv: an unknown column does not stop the rows") {
    const Read r = read("id,extra\nA,1\n");
    CHECK(r.errors.size() == 1);
    CHECK(r.rows == std::vector<std::string>{"2|A||"});
}

TEST_CASE("csv: an unterminated quote stops the file at the record's line and cell") {
    const Read r = read("id,name\nA,a\nB,\"never\nclosed\n");
    CHECK(r.rows == std::vector<std::string>{"2|A|a|"});
    CHECK(r.errors == std::vector<std::string>{
                          "t.csv:3:2: CSV syntax error: a quoted cell is not closed before the "
                          "end of the file; the rest of the file is not read"});
    CHECK_FALSE(r.result.is_complete);
}

TEST_CASE("csv: a wrong number of fields stops the file") {
    const Read r = read("id,name\nA,a\nB,b,c\nD,d\n");
    CHECK(r.rows == std::vector<std::string>{"2|A|a|"});
    CHECK(r.errors == std::vector<std::string>{
                          "t.csv:3: CSV syntax error: the record has 3 fields; the header has "
                          "2; the rest of the file is not read"});
}

TEST_CASE("csv: stray quotes and lone carriage returns are syntax errors") {
    CHECK(read("id,name\nA,b\"c\n").errors ==
          std::vector<std::string>{"t.csv:2:2: CSV syntax error: a quote inside an unquoted "
                                   "cell; quote the whole cell and write each quote inside "
                                   "it twice; the rest of the file is not read"});
    CHECK(read("id,name\n\"A\"x,b\n").errors ==
          std::vector<std::string>{"t.csv:2:1: CSV syntax error: a character after the "
                                   "closing quote of a cell; expected a comma or the end of "
                                   "the line; the rest of the file is not read"});
    CHECK(read("id,name\nA,b\rC,d\n").errors ==
          std::vector<std::string>{"t.csv:2:2: CSV syntax error: a carriage return not "
                                   "followed by a line feed; the rest of the file is not "
                                   "read"});
}

TEST_CASE("csv: a trailing comma at the end of the file is one more empty cell") {
    const Read r = read("id,name\nA,");
    CHECK(r.errors.empty());
    CHECK(r.rows == std::vector<std::string>{"2|A||"});
}
