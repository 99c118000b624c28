// The case database `case.db` (SPEC "Outputs of a run"; schema and guarantees in
// docs/case-db.md): every recorded run, append-only, read back for explain, diff and report.
// SQLiteCpp stays behind a pimpl so that no other module compiles it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claims/record/run_check.hpp"
#include "claims/record/run_record.hpp"
#include "engine/money.hpp"

namespace SQLite {
class Database;
}

namespace kanzai::claims {

// The schema this build writes (PRAGMA user_version). It also reads version 1 files, and
// the first run it records in one upgrades it to this version in that run's transaction.
inline constexpr int case_db_schema_version = 2;

enum class CaseDbMode {
    read_write,  // opens the file, or creates it at once with the schema when it is missing
    // Opens the file, or builds a new one beside it (`.case.db.new-PID`) that publish()
    // moves into place after the run's commit: a run that fails, or is killed, before that
    // leaves no case.db behind.
    record_run,
    // The file must exist and carry case_db_schema_version. Writes nothing: with the case
    // folder's shared lock (store/case_lock.hpp) and no -wal file it is opened `immutable`,
    // so no -wal or -shm appears and a read-only case folder works.
    read_only,
};

// One open connection. Errors (locked, read-only, disk full, a newer schema) throw
// SQLite::Exception or IoError and leave the file as it was. An existing file must be a
// kanzai case database: an empty (0-byte) file, a file that is not SQLite, or an SQLite file
// without this schema is refused with IoError and left untouched; only a file this
// connection creates gets the schema.
class CaseDb {
public:
    explicit CaseDb(const std::string& path, CaseDbMode mode = CaseDbMode::read_write);
    ~CaseDb();
    CaseDb(const CaseDb&) = delete;
    CaseDb& operator=(const CaseDb&) = delete;
    CaseDb(CaseDb&&) noexcept;
    CaseDb& operator=(CaseDb&&) noexcept;

    // True for a record_run connection that is building a new file (not yet published).
    [[nodiscard]] bool is_new() const;
    // For a new record_run file, once its run is committed: closes the connection and moves
    // the file into place (never replacing a file that appeared meanwhile: IoError), then
    // syncs the folder. The connection is closed after it. Otherwise does nothing.
    void publish();

    // max(number) + 1; 1 for an empty database.
    [[nodiscard]] int next_run_number() const;

    // A run inserted in an open write transaction: invisible to every other connection until
    // commit(); destroyed without commit (an exception, a crash), it rolls back and leaves
    // nothing. It must not outlive its CaseDb.
    class PendingRun;

    // A run inserted row by row, in one open IMMEDIATE transaction (see RunInsert).
    class RunInsert;

    // Opens the transaction for `header` (its number and sources; rows are not read): the
    // number must be above every recorded one, or IoError. Throws SQLite::Exception when the
    // database is locked, read-only or full.
    [[nodiscard]] RunInsert begin_run(const RunRecord& header);
    // The same for run `number` before its sources are known: its decisions can stream in
    // at once, its allocations once RunInsert::add_sources has been called.
    [[nodiscard]] RunInsert begin_run(int number);

    // Inserts the whole run in one IMMEDIATE transaction. record.number must be above every
    // recorded number (runs are appended in order); an empty created_at becomes the current
    // UTC time. Checks the rows as verify_run_record does. Throws (and rolls back) on any
    // failure: a duplicate or lower number (IoError), a locked, read-only or full disk
    // (SQLite::Exception).
    [[nodiscard]] PendingRun insert_run(const RunRecord& record);

    // Every recorded number, ascending.
    [[nodiscard]] std::vector<int> run_numbers() const;

    // The run as inserted, rows in their recorded order; nullopt when absent. Checks the
    // record read back with verify_run_record (a damaged run is an IoError: exit 4).
    [[nodiscard]] std::optional<RunRecord> read_run(int number) const;
    // The same without the check, for `kanzai audit`, which reports what does not add up.
    [[nodiscard]] std::optional<RunRecord> read_run_unchecked(int number) const;

    // Only the run's own row and its file hashes (number, engine, created_at, case_name,
    // out_folder, summary_json, inputs, outputs; no decisions, allocations, payouts,
    // sources or set-offs): what `proof` needs, read in milliseconds at any size.
    // nullopt when absent.
    [[nodiscard]] std::optional<RunRecord> read_run_header(int number) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The rows of decisions, allocations and payouts, each table in its output order, as they
// are produced (a large run's rows are never all in memory), each checked as it
// comes (RunChecker against the header's sources). Destroyed without finish(), it rolls
// back. It must not outlive its CaseDb.
class CaseDb::RunInsert {
public:
    RunInsert(RunInsert&&) noexcept;
    RunInsert& operator=(RunInsert&&) = delete;
    RunInsert(const RunInsert&) = delete;
    RunInsert& operator=(const RunInsert&) = delete;
    ~RunInsert();

    // The sources and set-offs of the run (RunChecker::add_sources), for a RunInsert begun
    // with only a number; before the first allocation.
    void add_sources(const RunRecord& header);

    // Each row is checked (RunChecker, and its table's rules: decisions in strictly
    // ascending claim_id order, see store/row_chunks.hpp) and queued in a chunk; the rows
    // of a table in their output order. One thread at a time may add rows (it may change
    // between rows, when the caller orders the change, e.g. by joining the thread that
    // added before).
    void add(const DecisionRecord& decision);
    void add(const AllocationRecord& allocation);
    void add(const PayoutRecord& payout);

    // Checks that every source's allocations summed to its `allocated`, then inserts what
    // `record` has besides those rows (files, sources, set-offs, summary) and, last, the runs
    // row that seals the run. record.number must be the header's; record's own decisions,
    // allocations and payouts are not read. The transaction stays open in the PendingRun.
    [[nodiscard]] PendingRun finish(const RunRecord& record);

private:
    friend class CaseDb;
    struct Impl;
    RunInsert(std::unique_ptr<Impl> impl, SQLite::Database& db);
    std::unique_ptr<Impl> impl_;
    SQLite::Database* db_;
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
    friend class CaseDb::RunInsert;
    struct Transaction;
    PendingRun(std::unique_ptr<Transaction> transaction, int number);
    std::unique_ptr<Transaction> transaction_;
    int number_ = 0;
};

}  // namespace kanzai::claims
