// The case database `case.db` (SPEC "Outputs of a run"; schema and guarantees in
// docs/case-db.md): every recorded run, append-only, read back for explain, diff and report.
// SQLiteCpp stays behind a pimpl so that no other module compiles it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claims/run_record.hpp"
#include "engine/money.hpp"

namespace kanzai::claims {

// The schema this build writes and reads (PRAGMA user_version).
inline constexpr int case_db_schema_version = 1;

enum class CaseDbMode {
    read_write,  // opens or creates the file and applies the schema
    read_only,   // the file must exist and carry case_db_schema_version
};

// One open connection. Errors (locked, read-only, disk full, a newer schema) throw
// SQLite::Exception or IoError and leave the file as it was.
class CaseDb {
public:
    explicit CaseDb(const std::string& path, CaseDbMode mode = CaseDbMode::read_write);
    ~CaseDb();
    CaseDb(const CaseDb&) = delete;
    CaseDb& operator=(const CaseDb&) = delete;
    CaseDb(CaseDb&&) noexcept;
    CaseDb& operator=(CaseDb&&) noexcept;

    // max(number) + 1; 1 for an empty database.
    [[nodiscard]] int next_run_number() const;

    // A run inserted in an open write transaction: invisible to every other connection until
    // commit(); destroyed without commit (an exception, a crash), it rolls back and leaves
    // nothing. It must not outlive its CaseDb.
    class PendingRun;

    // Inserts the whole run in one IMMEDIATE transaction. record.number must be above every
    // recorded number (runs are appended in order); an empty created_at becomes the current
    // UTC time. Asserts verify_run_record first. Throws (and rolls back) on any failure: a
    // duplicate or lower number (IoError), a locked, read-only or full disk (SQLite::Exception).
    [[nodiscard]] PendingRun insert_run(const RunRecord& record);

    // Every recorded number, ascending.
    [[nodiscard]] std::vector<int> run_numbers() const;

    // The run as inserted, rows in their recorded order; nullopt when absent. Checks the
    // record read back with verify_run_record (a corrupt run is an invariant violation).
    [[nodiscard]] std::optional<RunRecord> read_run(int number) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

class CaseDb::PendingRun {
public:
    PendingRun(PendingRun&&) noexcept;
    PendingRun& operator=(PendingRun&&) = delete;
    PendingRun(const PendingRun&) = delete;
    PendingRun& operator=(const PendingRun&) = delete;
    ~PendingRun();  // rolls back unless committed; never throws

    // Publishes the run. Throws on failure, and the run then stays absent.
    void commit();
    [[nodiscard]] int number() const { return number_; }

private:
    friend class CaseDb;
    struct Transaction;
    PendingRun(std::unique_ptr<Transaction> transaction, int number);
    std::unique_ptr<Transaction> transaction_;
    int number_ = 0;
};

// An amount of a RunRecord: exact decimal text whose fractional digits are the asset's
// decimals ("1.50000000" -> 150000000 at 8). nullopt when the text is not an amount.
struct RecordAmount {
    engine::Int128 count = 0;
    int decimals = 0;
};
[[nodiscard]] std::optional<RecordAmount> parse_record_amount(std::string_view text);

// The recorded half of the conservation invariants (STYLE.md §5, pair assertions across
// layers), checked by insert_run and read_run: every amount is decimal text; per source, its
// allocations sum to `allocated` and `allocated + left == available`, all in the source's
// decimals and tranche; every allocation names a recorded source. KANZAI_ASSERTs, so a
// record that does not add up ends the command with exit 3.
void verify_run_record(const RunRecord& record);

}  // namespace kanzai::claims
