// case.db on SQLiteCpp: the schema (docs/case-db.md), the one-transaction insert of a run and
// its read-back. Amounts are stored as the exact decimal text of the outputs, never as SQLite
// numbers (they can exceed 64 bits).
#include "claims/case_db.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <algorithm>
#include <map>
#include <fcntl.h>
#include <unistd.h>

#include "claims/io_error.hpp"
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
        sql += fmt::format(
            "CREATE TRIGGER {0}_sealed BEFORE INSERT ON {0} "
            "WHEN EXISTS (SELECT 1 FROM runs WHERE number = NEW.run) BEGIN "
            "SELECT RAISE(ABORT, 'case.db: rows cannot be added to a recorded run'); END;\n",
            table);
    }
    return sql;
}

int user_version(SQLite::Database& db) {
    return db.execAndGet("PRAGMA user_version").getInt();
}

void apply_schema(SQLite::Database& db, const std::string& path) {
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    const int version = user_version(db);
    if (version == case_db_schema_version) {
        return;  // the transaction only held the lock while we looked
    }
    if (version != 0) {
        throw IoError(fmt::format("{}: schema version {} is not the version {} this kanzai knows",
                                  path, version, case_db_schema_version));
    }
    if (db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt() != 0) {
        throw IoError(fmt::format("{}: not a kanzai case database (it has other tables)", path));
    }
    std::string sql = schema_tables;
    sql += guard_triggers("runs");
    for (const char* table : child_tables) {
        sql += guard_triggers(table);
    }
    db.exec(sql);
    db.exec(fmt::format("PRAGMA user_version = {}", case_db_schema_version));
    transaction.commit();
}

SQLite::Database open_database(const std::string& path, CaseDbMode mode) {
    // NOMUTEX: a connection is used by one thread; SQLite's own locking was measurable.
    const int flags = SQLite::OPEN_NOMUTEX | (mode == CaseDbMode::read_write
                                                  ? SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE
                                                  : SQLite::OPEN_READONLY);
    if (mode == CaseDbMode::read_write) {
        // Owner-only (issue #6): create the file 0600 ourselves, whatever the umask; SQLite
        // gives its -wal and -shm files the mode of the database file.
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            ::close(fd);
        }
    }
    SQLite::Database db(path, flags, busy_timeout_ms);
    if (mode == CaseDbMode::read_write) {
        // WAL: readers never block the writer; FULL: a committed run survives power loss
        // (it is a court record, worth the fsync).
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA synchronous = FULL");
        db.exec("PRAGMA foreign_keys = ON");
        apply_schema(db, path);
    } else if (const int version = user_version(db); version != case_db_schema_version) {
        throw IoError(fmt::format("{}: schema version {} is not the version {} this kanzai knows",
                                  path, version, case_db_schema_version));
    }
    return db;
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

// Inserts `rows` in batches; bind_row(statement, first_index, row_index, row) binds one row.
// Prepared statements are reused: one for full batches, one for the tail.
template <typename Row, typename BindRow>
void insert_rows(SQLite::Database& db, std::string_view table, int columns_count,
                 const std::vector<Row>& rows, BindRow bind_row) {
    std::optional<SQLite::Statement> full;
    std::size_t done = 0;
    while (done < rows.size()) {
        const std::size_t count = std::min(batch_rows, rows.size() - done);
        std::optional<SQLite::Statement> tail;
        if (count == batch_rows && !full) {
            full.emplace(db, insert_sql(table, columns_count, count));
        } else if (count < batch_rows) {
            tail.emplace(db, insert_sql(table, columns_count, count));
        }
        SQLite::Statement& statement = count == batch_rows ? *full : *tail;
        for (std::size_t index = 0; index < count; ++index) {
            const int first = static_cast<int>(index) * columns_count + 1;
            bind_row(statement, first, static_cast<int>(done + index), rows[done + index]);
        }
        statement.exec();
        statement.reset();
        done += count;
    }
}

void insert_children(SQLite::Database& db, const RunRecord& r) {
    const int run = r.number;
    const std::string input = "input";
    const std::string output = "output";
    using Statement = SQLite::Statement;
    insert_rows(db, "run_files", 4, r.inputs, [&](Statement& s, int at, int, const FileHash& f) {
        bind_values(s, at, run, input, f.name, f.sha256);
    });
    insert_rows(db, "run_files", 4, r.outputs, [&](Statement& s, int at, int, const FileHash& f) {
        bind_values(s, at, run, output, f.name, f.sha256);
    });
    insert_rows(db, "decisions", 15, r.decisions,
                [&](Statement& s, int at, int row, const DecisionRecord& d) {
        bind_values(s, at, run, row, d.claim_id, d.customer_id, d.claimant_id, d.payee_id,
                    d.asset, d.filed, d.ledger, d.admitted, d.disputed, d.claim_class, d.code,
                    d.reason, d.value);
    });
    insert_rows(db, "allocations", 9, r.allocations,
                [&](Statement& s, int at, int row, const AllocationRecord& a) {
        bind_values(s, at, run, row, a.claim_id, a.portion, a.source, a.asset, a.amount,
                    a.tranche, a.weight);
    });
    insert_rows(db, "payouts", 8, r.payouts,
                [&](Statement& s, int at, int row, const PayoutRecord& p) {
        bind_values(s, at, run, row, p.payout_id, p.payee_id, p.asset, p.amount, p.tranche,
                    p.status);
    });
    insert_rows(db, "sources", 9, r.sources,
                [&](Statement& s, int at, int row, const SourceRecord& o) {
        bind_values(s, at, run, row, o.source, o.asset, o.available, o.weights, o.allocated,
                    o.left, o.tranche);
    });
    insert_rows(db, "set_offs", 6, r.set_offs,
                [&](Statement& s, int at, int row, const SetOffRecord& o) {
        bind_values(s, at, run, row, o.customer_id, o.debt, o.positive_value, o.receivable);
    });
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

void read_children(SQLite::Database& db, RunRecord& r) {
    const int run = r.number;
    for_each_row(db, "SELECT kind, name, sha256 FROM run_files WHERE run = ?1 "
                     "ORDER BY kind, name", run, [&](const SQLite::Statement& s) {
        FileHash file{.name = text_at(s, 1), .sha256 = text_at(s, 2)};
        (text_at(s, 0) == "input" ? r.inputs : r.outputs).push_back(std::move(file));
    });
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

}  // namespace

struct CaseDb::Impl {
    SQLite::Database db;
};

struct CaseDb::PendingRun::Transaction {
    // IMMEDIATE takes the write lock at BEGIN: the number check of insert_run cannot race
    // another writer, and COMMIT cannot then fail on a lock.
    explicit Transaction(SQLite::Database& db)
        : transaction(db, SQLite::TransactionBehavior::IMMEDIATE) {}
    SQLite::Transaction transaction;
};

CaseDb::CaseDb(const std::string& path, CaseDbMode mode)
    : impl_(std::make_unique<Impl>(Impl{open_database(path, mode)})) {}
CaseDb::~CaseDb() = default;
CaseDb::CaseDb(CaseDb&&) noexcept = default;
CaseDb& CaseDb::operator=(CaseDb&&) noexcept = default;

int CaseDb::next_run_number() const {
    const int number = impl_->db.execAndGet("SELECT coalesce(max(number), 0) + 1 FROM runs")
                           .getInt();
    KANZAI_ASSERT(number >= 1);
    return number;
}

CaseDb::PendingRun CaseDb::insert_run(const RunRecord& record) {
    KANZAI_ASSERT(record.number >= 1);
    // The same check as on the way out: a record that does not add up is never recorded.
    verify_run_record(record);
    SQLite::Database& db = impl_->db;
    auto pending = std::make_unique<PendingRun::Transaction>(db);
    if (const int next = next_run_number(); record.number < next) {
        throw IoError(fmt::format("case.db already records runs up to {}; cannot record run {}",
                                  next - 1, record.number));
    }
    insert_children(db, record);
    // The runs row last: from then on the triggers seal the run (see guard_triggers).
    SQLite::Statement run(db, insert_sql("runs", 6, 1));
    const std::string created_at =
        record.created_at.empty() ? utc_now_iso8601() : record.created_at;
    bind_values(run, 1, record.number, record.engine, created_at, record.case_name,
                record.out_folder, record.summary_json);
    run.exec();
    return PendingRun(std::move(pending), record.number);
}

std::vector<int> CaseDb::run_numbers() const {
    std::vector<int> numbers;
    SQLite::Statement statement(impl_->db, "SELECT number FROM runs ORDER BY number");
    while (statement.executeStep()) {
        numbers.push_back(statement.getColumn(0).getInt());
    }
    return numbers;
}

std::optional<RunRecord> CaseDb::read_run(int number) const {
    SQLite::Database& db = impl_->db;
    // One read transaction: the run and its rows come from one snapshot.
    SQLite::Transaction snapshot(db, SQLite::TransactionBehavior::DEFERRED);
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
    read_children(db, record);
    verify_run_record(record);
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

std::optional<RecordAmount> parse_record_amount(std::string_view text) {
    const std::size_t dot = text.find('.');
    const int decimals =
        dot == std::string_view::npos ? 0 : static_cast<int>(text.size() - dot - 1);
    if (decimals > engine::decimals_max) {
        return std::nullopt;
    }
    const engine::DecimalParse parse = engine::parse_amount(text, decimals);
    if (!parse.ok()) {
        return std::nullopt;
    }
    return RecordAmount{.count = parse.count, .decimals = decimals};
}

namespace {

bool is_amount(std::string_view text) { return parse_record_amount(text).has_value(); }
bool is_amount_or_empty(std::string_view text) { return text.empty() || is_amount(text); }

// Every amount of the record is exact decimal text (SPEC "Outputs of a run").
void verify_amounts(const RunRecord& record) {
    for (const DecisionRecord& d : record.decisions) {
        KANZAI_ASSERT(is_amount_or_empty(d.filed));  // empty for a deemed claim
        KANZAI_ASSERT(is_amount(d.ledger));
        KANZAI_ASSERT(is_amount(d.admitted));
        KANZAI_ASSERT(is_amount(d.disputed));
        KANZAI_ASSERT(is_amount(d.value));
    }
    for (const AllocationRecord& a : record.allocations) {
        KANZAI_ASSERT(is_amount(a.amount));
        KANZAI_ASSERT(is_amount(a.weight));
    }
    for (const PayoutRecord& p : record.payouts) {
        KANZAI_ASSERT(is_amount(p.amount));
    }
    for (const SetOffRecord& s : record.set_offs) {
        KANZAI_ASSERT(is_amount(s.debt));
        KANZAI_ASSERT(is_amount(s.positive_value));
        KANZAI_ASSERT(is_amount_or_empty(s.receivable));
    }
}

}  // namespace

void verify_run_record(const RunRecord& record) {
    verify_amounts(record);
    struct Figures {
        int decimals = 0;
        int tranche = 0;
        engine::Int128 allocated = 0;
        engine::Int128 summed = 0;
    };
    std::map<std::string, Figures, std::less<>> by_source;
    for (const SourceRecord& source : record.sources) {
        const auto available = parse_record_amount(source.available);
        const auto allocated = parse_record_amount(source.allocated);
        const auto left = parse_record_amount(source.left);
        KANZAI_ASSERT(available && allocated && left);
        KANZAI_ASSERT(allocated->decimals == available->decimals);
        KANZAI_ASSERT(left->decimals == available->decimals);
        // SPEC "Invariants": per pool, allocations + surplus = pool; per fund, allocations +
        // leftover = available; per estate class, what it allocated + what is left after it.
        KANZAI_ASSERT(engine::checked_add(allocated->count, left->count) == available->count);
        const bool is_new = by_source
                                .emplace(source.source, Figures{.decimals = available->decimals,
                                                                .tranche = source.tranche,
                                                                .allocated = allocated->count})
                                .second;
        KANZAI_ASSERT(is_new);
    }
    for (const AllocationRecord& allocation : record.allocations) {
        const auto found = by_source.find(allocation.source);
        KANZAI_ASSERT(found != by_source.end());
        const auto amount = parse_record_amount(allocation.amount);
        KANZAI_ASSERT(amount.has_value());
        KANZAI_ASSERT(amount->decimals == found->second.decimals);
        KANZAI_ASSERT(allocation.tranche == found->second.tranche);
        found->second.summed = engine::checked_add(found->second.summed, amount->count);
    }
    for (const auto& [source, figures] : by_source) {
        KANZAI_ASSERT(figures.summed == figures.allocated);
    }
}

}  // namespace kanzai::claims
