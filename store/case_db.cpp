// case.db on SQLiteCpp: the schema (docs/case-db.md), the one-transaction insert of a run and
// its read-back. Amounts are stored as the exact decimal text of the outputs, never as SQLite
// numbers (they can exceed 64 bits).
#include "store/case_db.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>

#include "store/batch_worker.hpp"
#include "claims/io_error.hpp"
#include "store/case_lock.hpp"
#include "engine/assert.hpp"
#include "engine/decimal.hpp"

namespace kanzai::claims {

namespace {

constexpr int busy_timeout_ms = 5000;

// Every child table of a run; each gets the same three guard triggers.
constexpr const char* child_tables[] = {"run_files", "decisions", "allocations",
                                        "payouts",   "sources",   "set_offs"};

// Amounts are TEXT (STRICT refuses any other type); their decimal grammar is checked in C++
// before the insert (verify_run_record), where it costs nothing next to a GLOB per cell.
// `row` keeps each table in its output file's order; reads ORDER BY it (a unique key).
constexpr const char* schema_tables = R"sql(
CREATE TABLE runs (
    number INTEGER PRIMARY KEY CHECK (number >= 1),
    engine TEXT NOT NULL,
    created_at TEXT NOT NULL,
    case_name TEXT NOT NULL,
    out_folder TEXT NOT NULL,
    summary_json TEXT NOT NULL
) STRICT;
CREATE TABLE run_files (
    run INTEGER NOT NULL REFERENCES runs(number) DEFERRABLE INITIALLY DEFERRED,
    kind TEXT NOT NULL CHECK (kind IN ('input', 'output')),
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    PRIMARY KEY (run, kind, name)
) STRICT, WITHOUT ROWID;
CREATE TABLE decisions (
    run INTEGER NOT NULL REFERENCES runs(number) DEFERRABLE INITIALLY DEFERRED,
    row INTEGER NOT NULL,
    claim_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    claimant_id TEXT NOT NULL,
    payee_id TEXT NOT NULL,
    asset TEXT NOT NULL,
    filed TEXT NOT NULL,
    ledger TEXT NOT NULL,
    admitted TEXT NOT NULL,
    disputed TEXT NOT NULL,
    class TEXT NOT NULL CHECK (class IN ('', 'customer', 'subordinated')),
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (run, row),
    UNIQUE (run, claim_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE allocations (
    run INTEGER NOT NULL REFERENCES runs(number) DEFERRABLE INITIALLY DEFERRED,
    row INTEGER NOT NULL,
    claim_id TEXT NOT NULL,
    portion TEXT NOT NULL CHECK (portion IN ('admitted', 'disputed')),
    source TEXT NOT NULL,
    asset TEXT NOT NULL,
    amount TEXT NOT NULL,
    tranche INTEGER NOT NULL CHECK (tranche >= 1),
    weight TEXT NOT NULL,
    PRIMARY KEY (run, row)
) STRICT, WITHOUT ROWID;
CREATE TABLE payouts (
    run INTEGER NOT NULL REFERENCES runs(number) DEFERRABLE INITIALLY DEFERRED,
    row INTEGER NOT NULL,
    payout_id INTEGER NOT NULL CHECK (payout_id >= 1),
    payee_id TEXT NOT NULL,
    asset TEXT NOT NULL,
    amount TEXT NOT NULL,
    tranche INTEGER NOT NULL CHECK (tranche >= 1),
    status TEXT NOT NULL CHECK (status IN ('held_review', 'frozen_sanctions', 'held_disputed',
                                           'held_kyc', 'below_minimum', 'payable')),
    PRIMARY KEY (run, row)
) STRICT, WITHOUT ROWID;
CREATE TABLE sources (
    run INTEGER NOT NULL REFERENCES runs(number) DEFERRABLE INITIALLY DEFERRED,
    row INTEGER NOT NULL,
    source TEXT NOT NULL,
    asset TEXT NOT NULL,
    available TEXT NOT NULL,
    weights TEXT NOT NULL,
    allocated TEXT NOT NULL,
    left TEXT NOT NULL,
    tranche INTEGER NOT NULL CHECK (tranche >= 1),
    PRIMARY KEY (run, row),
    UNIQUE (run, source)
) STRICT, WITHOUT ROWID;
CREATE TABLE set_offs (
    run INTEGER NOT NULL REFERENCES runs(number) DEFERRABLE INITIALLY DEFERRED,
    row INTEGER NOT NULL,
    customer_id TEXT NOT NULL,
    debt TEXT NOT NULL,
    positive_value TEXT NOT NULL,
    receivable TEXT NOT NULL,
    PRIMARY KEY (run, row)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER runs_in_order BEFORE INSERT ON runs
WHEN NEW.number <= (SELECT coalesce(max(number), 0) FROM runs)
BEGIN SELECT RAISE(ABORT, 'case.db: runs are recorded in increasing number order'); END;
)sql";

// No row added to a run once its `runs` row exists.
std::string sealed_trigger(std::string_view table) {
    return fmt::format(
        "CREATE TRIGGER {0}_sealed BEFORE INSERT ON {0} "
        "WHEN EXISTS (SELECT 1 FROM runs WHERE number = NEW.run) BEGIN "
        "SELECT RAISE(ABORT, 'case.db: rows cannot be added to a recorded run'); END;\n",
        table);
}

// The tables a run adds millions of rows to. Their `_sealed` trigger is a subquery run per
// row (measured: it doubles SQLite's insert time), and it is redundant inside insert_run's
// own transaction, which holds the write lock and checked that its number is above every
// recorded one. So that transaction drops those triggers first and creates them again
// before its runs row: SQLite's DDL is transactional, so no other connection ever sees the
// tables without them, and a crash or rollback restores them with everything else.
constexpr const char* streamed_tables[] = {"decisions", "allocations", "payouts"};

// Earlier runs never change (SPEC "Outputs of a run"): no UPDATE or DELETE of any row, and
// no row added to a run once its `runs` row exists (insert_run writes that row last, and the
// deferred foreign key makes it exist by COMMIT).
std::string guard_triggers(std::string_view table) {
    std::string sql = fmt::format(
        "CREATE TRIGGER {0}_no_update BEFORE UPDATE ON {0} BEGIN "
        "SELECT RAISE(ABORT, 'case.db: a recorded run is never changed'); END;\n"
        "CREATE TRIGGER {0}_no_delete BEFORE DELETE ON {0} BEGIN "
        "SELECT RAISE(ABORT, 'case.db: a recorded run is never deleted'); END;\n",
        table);
    if (table != "runs") {
        sql += sealed_trigger(table);
    }
    return sql;
}

int user_version(SQLite::Database& db) {
    return db.execAndGet("PRAGMA user_version").getInt();
}

void apply_schema(SQLite::Database& db) {
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    std::string sql = schema_tables;
    sql += guard_triggers("runs");
    for (const char* table : child_tables) {
        sql += guard_triggers(table);
    }
    db.exec(sql);
    db.exec(fmt::format("PRAGMA user_version = {}", case_db_schema_version));
    transaction.commit();
}

// An existing case.db must be a kanzai case database of this schema version: only a file
// this command creates is ever given a schema, so an empty file, another program's file or
// a database without the schema is refused (exit 4) and left as it is, never taken for a
// new, empty history.
void check_existing_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw IoError(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
    }
    std::array<char, 16> header{};
    const ssize_t read = ::read(fd, header.data(), header.size());
    ::close(fd);
    if (read == 0) {
        throw IoError(fmt::format("{} is an empty file, not a kanzai case database; it was "
                                  "left as it is (remove it only if no run was ever recorded)",
                                  path));
    }
    if (read != static_cast<ssize_t>(header.size()) ||
        std::string_view(header.data(), header.size()) !=
            std::string_view("SQLite format 3\0", 16)) {
        throw IoError(fmt::format("{} is not an SQLite database, so not a kanzai case "
                                  "database; it was left as it is", path));
    }
}

void check_schema_version(SQLite::Database& db, const std::string& path) {
    if (const int version = user_version(db); version != case_db_schema_version) {
        throw IoError(fmt::format("{}: schema version {} is not the version {} this kanzai "
                                  "knows; it was left as it is", path, version,
                                  case_db_schema_version));
    }
}

// The pragmas of a connection that writes (see docs/case-db.md).
void configure_writer(SQLite::Database& db) {
    // WAL: readers never block the writer; FULL: a committed run survives power loss
    // (it is a court record, worth the fsync).
    // 64 KiB pages (SQLite's largest; it only applies to a new, empty file): a run of
    // millions of rows splits and logs 16 times fewer pages than at 4 KiB (measured at
    // 1M customers: run 43.8 s -> 35.2 s with foreign keys off below). A small
    // case's file starts at about 0.6 MB instead of 50 kB.
    db.exec("PRAGMA page_size = 65536");
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA foreign_keys = ON");
    // Temporary files in memory: each multi-row INSERT keeps a statement journal (the
    // pages it changes, to undo that statement alone) that SQLite spills to a temporary
    // file beyond 64 KiB, i.e. at every 64 KiB page: 1.8 GB of temporary writes for a
    // run of 100k customers; in memory it is a few pages, reused (measured with
    // strace).
    db.exec("PRAGMA temp_store = MEMORY");
}

// NOMUTEX: a connection is used by one thread; SQLite's own locking was measurable.
SQLite::Database open_writer(const std::string& path, bool is_new) {
    SQLite::Database db(path, SQLite::OPEN_NOMUTEX | SQLite::OPEN_READWRITE, busy_timeout_ms);
    if (!is_new) {
        check_schema_version(db, path);  // before any pragma writes to the file
    }
    configure_writer(db);
    if (is_new) {
        apply_schema(db);
    }
    return db;
}

// A path as an SQLite URI's path: every byte outside [A-Za-z0-9/._~-] percent-encoded.
std::string uri_path(std::string_view path) {
    std::string uri;
    for (const char c : path) {
        const bool is_plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                              (c >= '0' && c <= '9') || c == '/' || c == '.' || c == '_' ||
                              c == '~' || c == '-';
        uri += is_plain ? std::string(1, c)
                        : fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
    return uri;
}

// A reader writes nothing: with the case folder's shared lock held no run can start, so
// when no -wal file is left (every run closed cleanly) the file alone is the database and
// SQLite opens it `immutable`, creating no -wal or -shm (a read-only case folder works).
// Otherwise (a run is in progress, or a killed one left its -wal, which may hold its
// committed rows) a plain read-only connection reads through the -wal that exists.
SQLite::Database open_reader(const std::string& path, bool is_locked) {
    std::error_code error;
    const bool has_wal = std::filesystem::exists(path + "-wal", error);
    const int flags = SQLite::OPEN_NOMUTEX | SQLite::OPEN_READONLY;
    if (is_locked && !has_wal) {
        return SQLite::Database("file:" + uri_path(path) + "?immutable=1",
                                flags | SQLite::OPEN_URI, busy_timeout_ms);
    }
    return SQLite::Database(path, flags, busy_timeout_ms);
}

void remove_database_files(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        ::unlink((path + suffix).c_str());
    }
}

std::string parent_folder(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

// True when `pid` names a live process (ours or another user's).
bool is_process_alive(long pid) {
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

// Removes the `.case.db.new-PID` files (and their -wal, -shm) that runs killed before they
// published a new case.db left beside `path`, when PID is no live process (ours included: a
// leftover of a killed run that had our pid).
void remove_dead_new_files(const std::string& path) {
    const std::filesystem::path parent(parent_folder(path));
    const std::string prefix =
        fmt::format(".{}.new-", std::filesystem::path(path).filename().string());
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(parent, error)) {
        std::string name = entry.path().filename().string();
        if (!name.starts_with(prefix)) {
            continue;
        }
        for (const char* suffix : {"-wal", "-shm", "-journal"}) {
            if (name.ends_with(suffix)) {
                name.resize(name.size() - std::strlen(suffix));
                break;
            }
        }
        const std::string digits = name.substr(prefix.size());
        if (digits.empty() || digits.size() > 9 ||
            digits.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        const long pid = std::stol(digits);
        if (pid == ::getpid() || !is_process_alive(pid)) {
            remove_database_files((parent / name).string());
        }
    }
}

// Creates `path` owner-only, whatever the umask; false when it exists already.
bool create_owner_only(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) {
            return false;
        }
        throw IoError(fmt::format("cannot create {}: {}", path, std::strerror(errno)));
    }
    // SQLite gives its -wal and -shm files the mode of the database file.
    const int result = ::fchmod(fd, 0600);
    ::close(fd);
    if (result != 0) {
        ::unlink(path.c_str());
        throw IoError(fmt::format("cannot set the mode of {}: {}", path, std::strerror(errno)));
    }
    return true;
}

void sync_folder(const std::string& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        const int error = errno;
        if (fd >= 0) {
            ::close(fd);
        }
        throw IoError(fmt::format("cannot sync {}: {}", folder, std::strerror(error)));
    }
    ::close(fd);
}

std::string utc_now_iso8601() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    const std::size_t size = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    KANZAI_ASSERT(size > 0);
    return {text, size};
}

// Binds values to ?first, ?first+1, ... without copying (the strings outlive the step).
void bind_value(SQLite::Statement& statement, int index, const std::string& value) {
    statement.bindNoCopy(index, value);
}
void bind_value(SQLite::Statement& statement, int index, int value) {
    statement.bind(index, value);
}
template <typename... Values>
void bind_values(SQLite::Statement& statement, int first, const Values&... values) {
    int index = first;
    (bind_value(statement, index++, values), ...);
}

// "INSERT INTO table VALUES (?, ?), (?, ?)" for `rows_count` rows.
std::string insert_sql(std::string_view table, int columns_count, std::size_t rows_count) {
    std::string row = "(?";
    for (int column = 1; column < columns_count; ++column) {
        row += ", ?";
    }
    row += ")";
    std::string sql = fmt::format("INSERT INTO {} VALUES {}", table, row);
    for (std::size_t index = 1; index < rows_count; ++index) {
        sql += ", " + row;
    }
    return sql;
}

// Rows per INSERT statement. SQLite keeps a statement journal for each statement that may
// abort (a trigger, a unique key) and copies into it every page the statement touches: one
// statement per row copied a page per row (measured: 90 GB of temporary I/O for 4M rows).
// 128 rows of at most 15 columns stay far below SQLite's 32766 parameters.
constexpr std::size_t batch_rows = 128;

// The rows of one table, inserted as they come, `batch_rows` per statement: each row is
// copied into a slot of a reused buffer (its strings keep their capacity: no allocation per
// row once warm), and a full buffer is bound without copying and executed, on `worker` when
// there is one. Prepared statements are reused: one for full batches, one for the tail. A
// large run's rows are never all in memory.
//
// With a worker, the stream fills `ring_buffers` buffers in turn; the worker runs at most
// ring_buffers - 1 batches (of all streams) at once, in order, so the batch that last used
// the next buffer has always finished when the caller starts filling it again.
template <typename Row>
class RowStream {
public:
    // 16: the worker wakes the producer when half the queue has run (claims/batch_worker.cpp).
    static constexpr std::size_t ring_buffers = 16;

    // Binds `row` (the `row_number`-th of its table) to ?at, ?at+1, ... of a statement.
    using Bind = void (*)(SQLite::Statement& statement, int at, int run, int row_number,
                          const Row& row);

    RowStream(SQLite::Database& db, const char* table, int columns_count, int run, Bind bind,
              BatchWorker* worker = nullptr)
        : db_(db), table_(table), columns_count_(columns_count), run_(run), bind_(bind),
          worker_(worker) {
        for (std::vector<Row>& buffer : buffers_) {
            buffer.resize(batch_rows);
        }
    }

    void add(const Row& row) {
        buffers_[current_][count_++] = row;
        if (count_ == batch_rows) {
            flush();
        }
    }

    // Inserts (or queues) the rows not yet inserted.
    void flush() {
        if (count_ == 0) {
            return;
        }
        const std::size_t buffer = current_;
        const std::size_t count = count_;
        const int first_row = rows_done_;
        rows_done_ += static_cast<int>(count);
        count_ = 0;
        current_ = worker_ != nullptr ? (current_ + 1) % ring_buffers : current_;
        if (worker_ != nullptr) {
            worker_->submit([this, buffer, count, first_row] {
                execute(buffer, count, first_row);
            });
        } else {
            execute(buffer, count, first_row);
        }
    }

private:
    void execute(std::size_t buffer, std::size_t count, int first_row) {
        std::optional<SQLite::Statement> tail;
        if (count == batch_rows && !full_) {
            full_.emplace(db_, insert_sql(table_, columns_count_, count));
        } else if (count < batch_rows) {
            tail.emplace(db_, insert_sql(table_, columns_count_, count));
        }
        SQLite::Statement& statement = count == batch_rows ? *full_ : *tail;
        for (std::size_t index = 0; index < count; ++index) {
            const int at = static_cast<int>(index) * columns_count_ + 1;
            bind_(statement, at, run_, first_row + static_cast<int>(index),
                  buffers_[buffer][index]);
        }
        statement.exec();
        statement.reset();
    }

    SQLite::Database& db_;
    const char* table_;
    int columns_count_;
    int run_;
    Bind bind_;
    BatchWorker* worker_;
    std::array<std::vector<Row>, ring_buffers> buffers_;
    std::size_t current_ = 0;
    std::size_t count_ = 0;
    int rows_done_ = 0;
    std::optional<SQLite::Statement> full_;  // used by the worker only, when there is one
};

// The insert worker runs at most this many batches at once: one less than a stream's ring,
// so a stream never refills a buffer that a queued or running batch still reads.
constexpr std::size_t insert_queue_limit = 15;
static_assert(insert_queue_limit >= 1);
static_assert(insert_queue_limit < RowStream<DecisionRecord>::ring_buffers);
static_assert(insert_queue_limit < RowStream<AllocationRecord>::ring_buffers);
static_assert(insert_queue_limit < RowStream<PayoutRecord>::ring_buffers);

void bind_input(SQLite::Statement& s, int at, int run, int, const FileHash& f) {
    static const std::string kind = "input";
    bind_values(s, at, run, kind, f.name, f.sha256);
}
void bind_output(SQLite::Statement& s, int at, int run, int, const FileHash& f) {
    static const std::string kind = "output";
    bind_values(s, at, run, kind, f.name, f.sha256);
}
void bind_decision(SQLite::Statement& s, int at, int run, int row, const DecisionRecord& d) {
    bind_values(s, at, run, row, d.claim_id, d.customer_id, d.claimant_id, d.payee_id, d.asset,
                d.filed, d.ledger, d.admitted, d.disputed, d.claim_class, d.code, d.reason,
                d.value);
}
void bind_allocation(SQLite::Statement& s, int at, int run, int row, const AllocationRecord& a) {
    bind_values(s, at, run, row, a.claim_id, a.portion, a.source, a.asset, a.amount, a.tranche,
                a.weight);
}
void bind_payout(SQLite::Statement& s, int at, int run, int row, const PayoutRecord& p) {
    bind_values(s, at, run, row, p.payout_id, p.payee_id, p.asset, p.amount, p.tranche,
                p.status);
}
void bind_source(SQLite::Statement& s, int at, int run, int row, const SourceRecord& o) {
    bind_values(s, at, run, row, o.source, o.asset, o.available, o.weights, o.allocated, o.left,
                o.tranche);
}
void bind_set_off(SQLite::Statement& s, int at, int run, int row, const SetOffRecord& o) {
    bind_values(s, at, run, row, o.customer_id, o.debt, o.positive_value, o.receivable);
}

template <typename Row>
void insert_rows(SQLite::Database& db, const char* table, int columns_count, int run,
                 const std::vector<Row>& rows, typename RowStream<Row>::Bind bind) {
    RowStream<Row> stream(db, table, columns_count, run, bind);
    for (const Row& row : rows) {
        stream.add(row);
    }
    stream.flush();
}

// What a run has besides its three big tables: files, sources, set-offs.
void insert_small_tables(SQLite::Database& db, const RunRecord& r) {
    insert_rows(db, "run_files", 4, r.number, r.inputs, bind_input);
    insert_rows(db, "run_files", 4, r.number, r.outputs, bind_output);
    insert_rows(db, "sources", 9, r.number, r.sources, bind_source);
    insert_rows(db, "set_offs", 6, r.number, r.set_offs, bind_set_off);
}

std::string text_at(const SQLite::Statement& statement, int column) {
    return statement.getColumn(column).getString();
}

// Runs `sql` (one ?1 = the run number) and hands each row to `read`, in ORDER BY order.
template <typename Read>
void for_each_row(SQLite::Database& db, const char* sql, int run, Read read) {
    SQLite::Statement statement(db, sql);
    statement.bind(1, run);
    while (statement.executeStep()) {
        read(statement);
    }
}

void read_files(SQLite::Database& db, RunRecord& r) {
    for_each_row(db, "SELECT kind, name, sha256 FROM run_files WHERE run = ?1 "
                     "ORDER BY kind, name", r.number, [&](const SQLite::Statement& s) {
        FileHash file{.name = text_at(s, 1), .sha256 = text_at(s, 2)};
        (text_at(s, 0) == "input" ? r.inputs : r.outputs).push_back(std::move(file));
    });
}

void read_children(SQLite::Database& db, RunRecord& r) {
    const int run = r.number;
    read_files(db, r);
    for_each_row(db, "SELECT claim_id, customer_id, claimant_id, payee_id, asset, filed, ledger,"
                     " admitted, disputed, class, code, reason, value FROM decisions"
                     " WHERE run = ?1 ORDER BY row", run, [&](const SQLite::Statement& s) {
        r.decisions.push_back({text_at(s, 0), text_at(s, 1), text_at(s, 2), text_at(s, 3),
                               text_at(s, 4), text_at(s, 5), text_at(s, 6), text_at(s, 7),
                               text_at(s, 8), text_at(s, 9), text_at(s, 10), text_at(s, 11),
                               text_at(s, 12)});
    });
    for_each_row(db, "SELECT claim_id, portion, source, asset, amount, tranche, weight"
                     " FROM allocations WHERE run = ?1 ORDER BY row", run,
                 [&](const SQLite::Statement& s) {
        r.allocations.push_back({text_at(s, 0), text_at(s, 1), text_at(s, 2), text_at(s, 3),
                                 text_at(s, 4), s.getColumn(5).getInt(), text_at(s, 6)});
    });
    for_each_row(db, "SELECT payout_id, payee_id, asset, amount, tranche, status FROM payouts"
                     " WHERE run = ?1 ORDER BY row", run, [&](const SQLite::Statement& s) {
        r.payouts.push_back({s.getColumn(0).getInt(), text_at(s, 1), text_at(s, 2),
                             text_at(s, 3), s.getColumn(4).getInt(), text_at(s, 5)});
    });
    for_each_row(db, "SELECT source, asset, available, weights, allocated, left, tranche"
                     " FROM sources WHERE run = ?1 ORDER BY row", run,
                 [&](const SQLite::Statement& s) {
        r.sources.push_back({text_at(s, 0), text_at(s, 1), text_at(s, 2), text_at(s, 3),
                             text_at(s, 4), text_at(s, 5), s.getColumn(6).getInt()});
    });
    for_each_row(db, "SELECT customer_id, debt, positive_value, receivable FROM set_offs"
                     " WHERE run = ?1 ORDER BY row", run, [&](const SQLite::Statement& s) {
        r.set_offs.push_back({text_at(s, 0), text_at(s, 1), text_at(s, 2), text_at(s, 3)});
    });
}

// The runs row of `number`; nullopt when absent.
std::optional<RunRecord> read_runs_row(SQLite::Database& db, int number) {
    SQLite::Statement run(db, "SELECT engine, created_at, case_name, out_folder, summary_json"
                              " FROM runs WHERE number = ?1");
    run.bind(1, number);
    if (!run.executeStep()) {
        return std::nullopt;
    }
    RunRecord record;
    record.number = number;
    record.engine = text_at(run, 0);
    record.created_at = text_at(run, 1);
    record.case_name = text_at(run, 2);
    record.out_folder = text_at(run, 3);
    record.summary_json = text_at(run, 4);
    return record;
}

}  // namespace

struct CaseDb::Impl {
    std::optional<CaseLock> lock;  // a reader's shared lock; released after the connection
    std::optional<SQLite::Database> connection;
    std::string path;
    std::string staged_path;  // record_run of a new file: where it is built until publish()
    bool is_published = false;
    bool had_wal = true;  // a writer: whether `path`-wal existed before it opened

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() {
        connection.reset();
        if (!staged_path.empty() && !is_published) {
            remove_database_files(staged_path);
        }
        remove_empty_wal();
    }
    // Closing normally, SQLite removes the -wal and -shm it created; when the disk is too
    // full even for the -shm it leaves them behind, the -wal empty. An empty -wal holds no
    // frame, so those two files (this connection's, as there was no -wal before it) go.
    void remove_empty_wal() const {
        const std::string wal = path + "-wal";
        std::error_code error;
        if (had_wal || !std::filesystem::exists(wal, error) ||
            std::filesystem::file_size(wal, error) != 0 || error) {
            return;
        }
        ::unlink(wal.c_str());
        ::unlink((path + "-shm").c_str());
    }
    SQLite::Database& db() {
        KANZAI_ASSERT(connection.has_value());  // used after publish(): a bug
        return *connection;
    }
};

// The run's transaction checks no foreign keys. Every row of a run names the run's own
// number and the runs row is inserted last, in the same transaction (RunInsert::finish), so
// the deferred `run REFERENCES runs(number)` can never fail there; checking it cost a lookup
// in `runs` per row (measured: 3 s of 44 at 1M customers). The pragma is a no-op
// inside a transaction, so it is switched before BEGIN and back after COMMIT or ROLLBACK.
class ForeignKeysOff {
public:
    explicit ForeignKeysOff(SQLite::Database& db) : db_(db) {
        db_.exec("PRAGMA foreign_keys = OFF");
    }
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
    ~ForeignKeysOff() {
        try {
            db_.exec("PRAGMA foreign_keys = ON");
        } catch (const SQLite::Exception&) {
            // The connection is closing after a failure; nothing is written with it again.
        }
    }

private:
    SQLite::Database& db_;
};

struct CaseDb::PendingRun::Transaction {
    // IMMEDIATE takes the write lock at BEGIN: the number check of insert_run cannot race
    // another writer, and COMMIT cannot then fail on a lock.
    explicit Transaction(SQLite::Database& db)
        : foreign_keys_off(db), transaction(db, SQLite::TransactionBehavior::IMMEDIATE) {}
    ForeignKeysOff foreign_keys_off;  // first: switched back on after the transaction ends
    SQLite::Transaction transaction;
};

CaseDb::CaseDb(const std::string& path, CaseDbMode mode) : impl_(std::make_unique<Impl>()) {
    Impl& impl = *impl_;
    impl.path = path;
    if (mode == CaseDbMode::read_only) {
        check_existing_file(path);
        impl.lock = CaseLock::try_shared(parent_folder(path));
        impl.connection.emplace(open_reader(path, impl.lock.has_value()));
        check_schema_version(*impl.connection, path);
        return;
    }
    std::error_code error;
    const bool exists = std::filesystem::exists(std::filesystem::symlink_status(path, error));
    if (exists) {
        check_existing_file(path);
        impl.had_wal = std::filesystem::exists(path + "-wal", error);
        impl.connection.emplace(open_writer(path, false));
        return;
    }
    // A new file: built where no other command looks (record_run) or at `path` itself, and
    // removed again when its schema cannot be written.
    const std::string created =
        mode == CaseDbMode::record_run
            ? (std::filesystem::path(parent_folder(path)) /
               fmt::format(".{}.new-{}", std::filesystem::path(path).filename().string(),
                           ::getpid()))
                  .string()
            : path;
    if (mode == CaseDbMode::record_run) {
        remove_dead_new_files(path);
    }
    if (!create_owner_only(created)) {
        throw IoError(fmt::format("{} appeared while kanzai was creating it; nothing was "
                                  "written", created));
    }
    try {
        impl.connection.emplace(open_writer(created, true));
    } catch (...) {
        impl.connection.reset();
        remove_database_files(created);
        throw;
    }
    if (mode == CaseDbMode::record_run) {
        impl.staged_path = created;
    }
}

bool CaseDb::is_new() const { return !impl_->staged_path.empty(); }

void CaseDb::publish() {
    Impl& impl = *impl_;
    if (impl.staged_path.empty() || impl.is_published) {
        return;
    }
    // Every committed row into the file itself: then, closing the last connection, SQLite
    // removes the -wal and -shm, and the one file moved into place holds the whole run.
    {
        SQLite::Statement checkpoint(impl.db(), "PRAGMA wal_checkpoint(TRUNCATE)");
        if (!checkpoint.executeStep() || checkpoint.getColumn(0).getInt() != 0) {
            throw IoError(fmt::format("{}: the checkpoint did not complete", impl.staged_path));
        }
    }  // finalized: a connection with a live statement cannot close
    impl.connection.reset();
    std::error_code error;
    if (std::filesystem::exists(impl.staged_path + "-wal", error) &&
        std::filesystem::file_size(impl.staged_path + "-wal", error) != 0) {
        throw IoError(fmt::format("{}-wal is left after the checkpoint", impl.staged_path));
    }
    ::unlink((impl.staged_path + "-wal").c_str());
    ::unlink((impl.staged_path + "-shm").c_str());
    if (::renameat2(AT_FDCWD, impl.staged_path.c_str(), AT_FDCWD, impl.path.c_str(),
                    RENAME_NOREPLACE) != 0) {
        throw IoError(fmt::format("cannot move {} into place as {}: {}", impl.staged_path,
                                  impl.path, std::strerror(errno)));
    }
    impl.is_published = true;
    sync_folder(parent_folder(impl.path));
}
CaseDb::~CaseDb() = default;
CaseDb::CaseDb(CaseDb&&) noexcept = default;
CaseDb& CaseDb::operator=(CaseDb&&) noexcept = default;

int CaseDb::next_run_number() const {
    const int number = impl_->db().execAndGet("SELECT coalesce(max(number), 0) + 1 FROM runs")
                           .getInt();
    KANZAI_ASSERT(number >= 1);
    return number;
}

// The connection is used by one thread at a time: the worker between begin_run and
// finish's drain(), the caller before and after. Members are destroyed in reverse order:
// the worker stops before the streams it uses, and before the transaction rolls back.
struct CaseDb::RunInsert::Impl {
    Impl(SQLite::Database& db, int run_number)
        : transaction(std::make_unique<PendingRun::Transaction>(db)), number(run_number),
          decisions(db, "decisions", 15, run_number, bind_decision, &worker),
          allocations(db, "allocations", 9, run_number, bind_allocation, &worker),
          payouts(db, "payouts", 8, run_number, bind_payout, &worker) {}

    std::unique_ptr<PendingRun::Transaction> transaction;
    RunChecker checker;
    int number;
    RowStream<DecisionRecord> decisions;
    RowStream<AllocationRecord> allocations;
    RowStream<PayoutRecord> payouts;
    BatchWorker worker{insert_queue_limit};  // last: stops first
};

CaseDb::RunInsert CaseDb::begin_run(const RunRecord& header) {
    RunInsert insert = begin_run(header.number);
    insert.add_sources(header);
    return insert;
}

CaseDb::RunInsert CaseDb::begin_run(int number) {
    KANZAI_ASSERT(number >= 1);
    auto impl = std::make_unique<RunInsert::Impl>(impl_->db(), number);
    if (const int next = next_run_number(); number < next) {
        throw IoError(fmt::format("case.db already records runs up to {}; cannot record run {}",
                                  next - 1, number));
    }
    for (const char* table : streamed_tables) {
        impl_->db().exec(fmt::format("DROP TRIGGER {}_sealed", table));
    }
    return RunInsert(std::move(impl), impl_->db());
}

CaseDb::PendingRun CaseDb::insert_run(const RunRecord& record) {
    // Every row is checked as it is added, and the sums by finish() before the runs row: a
    // record that does not add up is never recorded (its transaction rolls back).
    RunInsert insert = begin_run(record);
    for (const DecisionRecord& decision : record.decisions) {
        insert.add(decision);
    }
    for (const AllocationRecord& allocation : record.allocations) {
        insert.add(allocation);
    }
    for (const PayoutRecord& payout : record.payouts) {
        insert.add(payout);
    }
    return insert.finish(record);
}

CaseDb::RunInsert::RunInsert(std::unique_ptr<Impl> impl, SQLite::Database& db)
    : impl_(std::move(impl)), db_(&db) {}
CaseDb::RunInsert::RunInsert(RunInsert&&) noexcept = default;
CaseDb::RunInsert::~RunInsert() = default;

void CaseDb::RunInsert::add_sources(const RunRecord& header) {
    KANZAI_ASSERT(header.number == impl_->number);
    impl_->checker.add_sources(header);
}

void CaseDb::RunInsert::add(const DecisionRecord& decision) {
    impl_->checker.check(decision);
    impl_->decisions.add(decision);
}

void CaseDb::RunInsert::add(const AllocationRecord& allocation) {
    impl_->checker.check(allocation);
    impl_->allocations.add(allocation);
}

void CaseDb::RunInsert::add(const PayoutRecord& payout) {
    impl_->checker.check(payout);
    impl_->payouts.add(payout);
}

CaseDb::PendingRun CaseDb::RunInsert::finish(const RunRecord& record) {
    KANZAI_ASSERT(impl_ != nullptr);
    KANZAI_ASSERT(record.number == impl_->number);
    impl_->checker.finish();
    impl_->decisions.flush();
    impl_->allocations.flush();
    impl_->payouts.flush();
    impl_->worker.drain();  // from here on, this thread uses the connection again
    SQLite::Database& db = *db_;
    for (const char* table : streamed_tables) {
        db.exec(sealed_trigger(table));
    }
    insert_small_tables(db, record);
    // The runs row last: from then on the triggers seal the run (see guard_triggers).
    SQLite::Statement run(db, insert_sql("runs", 6, 1));
    const std::string created_at =
        record.created_at.empty() ? utc_now_iso8601() : record.created_at;
    bind_values(run, 1, record.number, record.engine, created_at, record.case_name,
                record.out_folder, record.summary_json);
    run.exec();
    PendingRun pending(std::move(impl_->transaction), record.number);
    impl_.reset();
    return pending;
}

std::vector<int> CaseDb::run_numbers() const {
    std::vector<int> numbers;
    SQLite::Statement statement(impl_->db(), "SELECT number FROM runs ORDER BY number");
    while (statement.executeStep()) {
        numbers.push_back(statement.getColumn(0).getInt());
    }
    return numbers;
}

std::optional<RunRecord> CaseDb::read_run(int number) const {
    std::optional<RunRecord> record = read_run_unchecked(number);
    if (record) {
        // Rows that do not add up were changed behind kanzai's back: a damaged database.
        verify_run_record(*record, fmt::format("case.db run {}", number));
    }
    return record;
}

std::optional<RunRecord> CaseDb::read_run_unchecked(int number) const {
    SQLite::Database& db = impl_->db();
    // One read transaction: the run and its rows come from one snapshot.
    SQLite::Transaction snapshot(db, SQLite::TransactionBehavior::DEFERRED);
    std::optional<RunRecord> record = read_runs_row(db, number);
    if (!record) {
        return std::nullopt;
    }
    read_children(db, *record);
    return record;
}

std::optional<RunRecord> CaseDb::read_run_header(int number) const {
    SQLite::Database& db = impl_->db();
    SQLite::Transaction snapshot(db, SQLite::TransactionBehavior::DEFERRED);
    std::optional<RunRecord> record = read_runs_row(db, number);
    if (record) {
        read_files(db, *record);
    }
    return record;
}

CaseDb::PendingRun::PendingRun(std::unique_ptr<Transaction> transaction, int number)
    : transaction_(std::move(transaction)), number_(number) {}
CaseDb::PendingRun::PendingRun(PendingRun&&) noexcept = default;
// SQLite::Transaction's destructor rolls back an uncommitted transaction and never throws.
CaseDb::PendingRun::~PendingRun() = default;

void CaseDb::PendingRun::commit() {
    KANZAI_ASSERT(transaction_ != nullptr);
    transaction_->transaction.commit();
    transaction_.reset();
}

}  // namespace kanzai::claims
