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
#include <map>

#include "claims/io_error.hpp"
#include "engine/assert.hpp"
#include "engine/decimal.hpp"

namespace kanzai::claims {

namespace {

constexpr int busy_timeout_ms = 5000;

// Decimal text, loosely: digits, '.', '-' and ending in a digit. The exact grammar is checked
// when a run is read back (parse_record_amount); this keeps numbers and blanks out.
#define KANZAI_AMOUNT(column) \
    "CHECK (" column " GLOB '*[0-9]' AND " column " NOT GLOB '*[^0-9.-]*')"
#define KANZAI_RUN_COLUMN \
    "run INTEGER NOT NULL REFERENCES runs(number) DEFERRABLE INITIALLY DEFERRED, "

// Every child table of a run; each gets the same three guard triggers.
constexpr const char* child_tables[] = {"run_files", "decisions", "allocations",
                                        "payouts",   "sources",   "set_offs"};

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
    )sql" KANZAI_RUN_COLUMN R"sql(
    kind TEXT NOT NULL CHECK (kind IN ('input', 'output')),
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    PRIMARY KEY (run, kind, name)
) STRICT, WITHOUT ROWID;
CREATE TABLE decisions (
    )sql" KANZAI_RUN_COLUMN R"sql(
    row INTEGER NOT NULL,
    claim_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    claimant_id TEXT NOT NULL,
    payee_id TEXT NOT NULL,
    asset TEXT NOT NULL,
    filed TEXT NOT NULL CHECK (filed = '' OR (filed GLOB '*[0-9]' AND
                                              filed NOT GLOB '*[^0-9.-]*')),
    ledger TEXT NOT NULL )sql" KANZAI_AMOUNT("ledger") R"sql(,
    admitted TEXT NOT NULL )sql" KANZAI_AMOUNT("admitted") R"sql(,
    disputed TEXT NOT NULL )sql" KANZAI_AMOUNT("disputed") R"sql(,
    class TEXT NOT NULL CHECK (class IN ('', 'customer', 'subordinated')),
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    value TEXT NOT NULL )sql" KANZAI_AMOUNT("value") R"sql(,
    PRIMARY KEY (run, row),
    UNIQUE (run, claim_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE allocations (
    )sql" KANZAI_RUN_COLUMN R"sql(
    row INTEGER NOT NULL,
    claim_id TEXT NOT NULL,
    portion TEXT NOT NULL CHECK (portion IN ('admitted', 'disputed')),
    source TEXT NOT NULL,
    asset TEXT NOT NULL,
    amount TEXT NOT NULL )sql" KANZAI_AMOUNT("amount") R"sql(,
    tranche INTEGER NOT NULL CHECK (tranche >= 1),
    weight TEXT NOT NULL )sql" KANZAI_AMOUNT("weight") R"sql(,
    PRIMARY KEY (run, row)
) STRICT, WITHOUT ROWID;
CREATE TABLE payouts (
    )sql" KANZAI_RUN_COLUMN R"sql(
    row INTEGER NOT NULL,
    payout_id INTEGER NOT NULL CHECK (payout_id >= 1),
    payee_id TEXT NOT NULL,
    asset TEXT NOT NULL,
    amount TEXT NOT NULL )sql" KANZAI_AMOUNT("amount") R"sql(,
    tranche INTEGER NOT NULL CHECK (tranche >= 1),
    status TEXT NOT NULL CHECK (status IN ('held_review', 'frozen_sanctions', 'held_disputed',
                                           'held_kyc', 'below_minimum', 'payable')),
    PRIMARY KEY (run, row)
) STRICT, WITHOUT ROWID;
CREATE TABLE sources (
    )sql" KANZAI_RUN_COLUMN R"sql(
    row INTEGER NOT NULL,
    source TEXT NOT NULL,
    asset TEXT NOT NULL,
    available TEXT NOT NULL )sql" KANZAI_AMOUNT("available") R"sql(,
    weights TEXT NOT NULL )sql" KANZAI_AMOUNT("weights") R"sql(,
    allocated TEXT NOT NULL )sql" KANZAI_AMOUNT("allocated") R"sql(,
    left TEXT NOT NULL )sql" KANZAI_AMOUNT("left") R"sql(,
    tranche INTEGER NOT NULL CHECK (tranche >= 1),
    PRIMARY KEY (run, row),
    UNIQUE (run, source)
) STRICT, WITHOUT ROWID;
CREATE TABLE set_offs (
    )sql" KANZAI_RUN_COLUMN R"sql(
    row INTEGER NOT NULL,
    customer_id TEXT NOT NULL,
    debt TEXT NOT NULL )sql" KANZAI_AMOUNT("debt") R"sql(,
    positive_value TEXT NOT NULL )sql" KANZAI_AMOUNT("positive_value") R"sql(,
    receivable TEXT NOT NULL CHECK (receivable = '' OR (receivable GLOB '*[0-9]' AND
                                    receivable NOT GLOB '*[^0-9.-]*')),
    PRIMARY KEY (run, row)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER runs_in_order BEFORE INSERT ON runs
WHEN NEW.number <= (SELECT coalesce(max(number), 0) FROM runs)
BEGIN SELECT RAISE(ABORT, 'case.db: runs are recorded in increasing number order'); END;
)sql";

#undef KANZAI_AMOUNT
#undef KANZAI_RUN_COLUMN

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
    const int flags = mode == CaseDbMode::read_write ? SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE
                                                     : SQLite::OPEN_READONLY;
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

// Binds `values` to ?1.. of `statement` without copying (the strings outlive the step),
// runs it and resets it for the next row.
void bind_text(SQLite::Statement& statement, int index, const std::string& value) {
    statement.bindNoCopy(index, value);
}
void bind_text(SQLite::Statement& statement, int index, int value) {
    statement.bind(index, value);
}
template <typename... Values>
void insert_row(SQLite::Statement& statement, const Values&... values) {
    int index = 0;
    (bind_text(statement, ++index, values), ...);
    statement.exec();
    statement.reset();
}

void insert_files(SQLite::Database& db, int run, const std::vector<FileHash>& files,
                  const std::string& kind) {
    SQLite::Statement statement(db, "INSERT INTO run_files VALUES (?1, ?2, ?3, ?4)");
    for (const FileHash& file : files) {
        insert_row(statement, run, kind, file.name, file.sha256);
    }
}

void insert_children(SQLite::Database& db, const RunRecord& r) {
    const int run = r.number;
    insert_files(db, run, r.inputs, "input");
    insert_files(db, run, r.outputs, "output");
    SQLite::Statement decision(db, "INSERT INTO decisions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                                   " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    int row = 0;
    for (const DecisionRecord& d : r.decisions) {
        insert_row(decision, run, row++, d.claim_id, d.customer_id, d.claimant_id, d.payee_id,
                   d.asset, d.filed, d.ledger, d.admitted, d.disputed, d.claim_class, d.code,
                   d.reason, d.value);
    }
    SQLite::Statement allocation(
        db, "INSERT INTO allocations VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    row = 0;
    for (const AllocationRecord& a : r.allocations) {
        insert_row(allocation, run, row++, a.claim_id, a.portion, a.source, a.asset, a.amount,
                   a.tranche, a.weight);
    }
    SQLite::Statement payout(db, "INSERT INTO payouts VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    row = 0;
    for (const PayoutRecord& p : r.payouts) {
        insert_row(payout, run, row++, p.payout_id, p.payee_id, p.asset, p.amount, p.tranche,
                   p.status);
    }
    SQLite::Statement source(db, "INSERT INTO sources VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    row = 0;
    for (const SourceRecord& s : r.sources) {
        insert_row(source, run, row++, s.source, s.asset, s.available, s.weights, s.allocated,
                   s.left, s.tranche);
    }
    SQLite::Statement set_off(db, "INSERT INTO set_offs VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    row = 0;
    for (const SetOffRecord& s : r.set_offs) {
        insert_row(set_off, run, row++, s.customer_id, s.debt, s.positive_value, s.receivable);
    }
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
    SQLite::Database& db = impl_->db;
    auto pending = std::make_unique<PendingRun::Transaction>(db);
    if (const int next = next_run_number(); record.number < next) {
        throw IoError(fmt::format("case.db already records runs up to {}; cannot record run {}",
                                  next - 1, record.number));
    }
    insert_children(db, record);
    SQLite::Statement run(db, "INSERT INTO runs VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    const std::string created_at =
        record.created_at.empty() ? utc_now_iso8601() : record.created_at;
    insert_row(run, record.number, record.engine, created_at, record.case_name,
               record.out_folder, record.summary_json);
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

void verify_run_record(const RunRecord& record) {
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
