// Fuzz target for the case.db reader (store/case_db.hpp), through its public functions only:
// the bytes are written as a case.db and opened read-only as `explain`, `report` and
// `notices` open it, then every recorded run is read, header and rows.
// Properties: a damaged file is an error with its own exit code, never an assertion: only
// IoError or SQLite::Exception (both exit 4) may leave the reader; no InvariantViolation
// (exit 3), crash, UB or leak. Seeds: case.db files of the tutorial, with one and two runs.
#include <SQLiteCpp/Exception.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "claims/io_error.hpp"
#include "engine/assert.hpp"
#include "fuzz/case_folder.hpp"
#include "fuzz/fuzz_check.hpp"
#include "store/case_db.hpp"

namespace {

void read_every_run(const std::string& path) {
    const kanzai::claims::CaseDb db(path, kanzai::claims::CaseDbMode::read_only);
    // next_run_number() is not checked against run_numbers(): a damaged file may hold run
    // rows the two read differently; what matters here is that neither asserts.
    (void)db.next_run_number();
    for (const int number : db.run_numbers()) {
        (void)db.read_run_header(number);
        (void)db.read_run_unchecked(number);
        (void)db.read_run(number);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path =
        (kanzai::fuzz::empty_folder("kanzai-fuzz-case-db-") / "case.db").string();
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    try {
        read_every_run(path);
    } catch (const kanzai::claims::IoError&) {
    } catch (const SQLite::Exception&) {
    } catch (const kanzai::InvariantViolation& violation) {
        std::fprintf(stderr, "invariant violated: %s\n", violation.what().c_str());
        FUZZ_CHECK(false);
    }
    return 0;
}
