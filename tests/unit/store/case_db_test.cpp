// case.db: a run reads back exactly as inserted, is visible completely or not at all, and
// can never be changed afterwards (SPEC "Outputs of a run"; docs/case-db.md).
#include "store/case_db.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>

#include "claims/io_error.hpp"
#include "engine/assert.hpp"
#include "store/row_chunks.hpp"
#include "tests/support/printing.hpp"

using namespace kanzai::claims;
namespace fs = std::filesystem;

namespace {

// A fresh folder per test, removed afterwards.
struct TempFolder {
    fs::path path;
    TempFolder() {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("kanzai-case-db-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempFolder() { fs::remove_all(path); }
    [[nodiscard]] std::string db() const { return (path / "case.db").string(); }
};

// A small run, hand-made: one pool split over two lines, one estate class, one set-off.
RunRecord sample_run(int number) {
    RunRecord r;
    r.number = number;
    r.engine = "kanzai 0.1.0";
    r.created_at = "2026-07-01T09:30:00Z";
    r.case_name = "Example Exchange";
    r.out_folder = "out/run-" + std::to_string(number);
    r.inputs = {{"claims.csv", std::string(64, 'a')}, {"ledger.csv", std::string(64, 'b')}};
    r.outputs = {{"decisions.csv", std::string(64, 'c')}};
    r.summary_json = "{\"engine\": \"kanzai 0.1.0\"}\n";
    r.decisions = {
        {"K1", "C1", "C1", "C1", "BTC", "1.00000000", "1.00000000", "1.00000000", "0.00000000",
         "customer", "A-MATCHES-LEDGER", "the filed amount matches the ledger", "5000000"},
        {"K2", "C2", "C1", "C3", "BTC", "2.00000000", "0.50000000", "0.50000000", "1.50000000",
         "customer", "P-EXCESS-DISPUTED", "filed above the ledger; \"excess\" disputed",
         "2500000"},
    };
    r.allocations = {
        {"K1", "admitted", "pool:BTC", "BTC", "0.60000000", 1, "1.00000000"},
        {"K1", "admitted", "estate:general", "JPY", "1000", 2, "2000000"},
        {"K2", "admitted", "pool:BTC", "BTC", "0.30000000", 1, "0.50000000"},
        {"K2", "disputed", "pool:BTC", "BTC", "0.90000000", 1, "1.50000000"},
    };
    r.payouts = {
        {1, "C1", "BTC", "0.60000000", 1, "payable"},
        {2, "C1", "JPY", "1000", 2, "payable"},
        {3, "C3", "BTC", "0.30000000", 1, "held_kyc"},
        {4, "C3", "BTC", "0.90000000", 1, "held_disputed"},
    };
    r.sources = {
        {"pool:BTC", "BTC", "1.80000000", "3.00000000", "1.80000000", "0.00000000", 1},
        {"estate:general", "JPY", "1000", "2000000", "1000", "0", 2},
    };
    r.set_offs = {{"C2", "100000", "400000", ""}};
    return r;
}

void check_same(const RunRecord& a, const RunRecord& b) {
    CHECK(a.number == b.number);
    CHECK(a.engine == b.engine);
    CHECK(a.created_at == b.created_at);
    CHECK(a.case_name == b.case_name);
    CHECK(a.out_folder == b.out_folder);
    CHECK(a.summary_json == b.summary_json);
    REQUIRE(a.inputs.size() == b.inputs.size());
    for (std::size_t i = 0; i < a.inputs.size(); ++i) {
        CHECK(a.inputs[i].name == b.inputs[i].name);
        CHECK(a.inputs[i].sha256 == b.inputs[i].sha256);
    }
    REQUIRE(a.outputs.size() == b.outputs.size());
    for (std::size_t i = 0; i < a.outputs.size(); ++i) {
        CHECK(a.outputs[i].name == b.outputs[i].name);
        CHECK(a.outputs[i].sha256 == b.outputs[i].sha256);
    }
    REQUIRE(a.decisions.size() == b.decisions.size());
    for (std::size_t i = 0; i < a.decisions.size(); ++i) {
        const DecisionRecord& x = a.decisions[i];
        const DecisionRecord& y = b.decisions[i];
        CHECK(x.claim_id == y.claim_id);
        CHECK(x.customer_id == y.customer_id);
        CHECK(x.claimant_id == y.claimant_id);
        CHECK(x.payee_id == y.payee_id);
        CHECK(x.asset == y.asset);
        CHECK(x.filed == y.filed);
        CHECK(x.ledger == y.ledger);
        CHECK(x.admitted == y.admitted);
        CHECK(x.disputed == y.disputed);
        CHECK(x.claim_class == y.claim_class);
        CHECK(x.code == y.code);
        CHECK(x.reason == y.reason);
        CHECK(x.value == y.value);
    }
    REQUIRE(a.allocations.size() == b.allocations.size());
    for (std::size_t i = 0; i < a.allocations.size(); ++i) {
        const AllocationRecord& x = a.allocations[i];
        const AllocationRecord& y = b.allocations[i];
        CHECK(x.claim_id == y.claim_id);
        CHECK(x.portion == y.portion);
        CHECK(x.source == y.source);
        CHECK(x.asset == y.asset);
        CHECK(x.amount == y.amount);
        CHECK(x.tranche == y.tranche);
        CHECK(x.weight == y.weight);
    }
    REQUIRE(a.payouts.size() == b.payouts.size());
    for (std::size_t i = 0; i < a.payouts.size(); ++i) {
        const PayoutRecord& x = a.payouts[i];
        const PayoutRecord& y = b.payouts[i];
        CHECK(x.payout_id == y.payout_id);
        CHECK(x.payee_id == y.payee_id);
        CHECK(x.asset == y.asset);
        CHECK(x.amount == y.amount);
        CHECK(x.tranche == y.tranche);
        CHECK(x.status == y.status);
    }
    REQUIRE(a.sources.size() == b.sources.size());
    for (std::size_t i = 0; i < a.sources.size(); ++i) {
        const SourceRecord& x = a.sources[i];
        const SourceRecord& y = b.sources[i];
        CHECK(x.source == y.source);
        CHECK(x.asset == y.asset);
        CHECK(x.available == y.available);
        CHECK(x.weights == y.weights);
        CHECK(x.allocated == y.allocated);
        CHECK(x.left == y.left);
        CHECK(x.tranche == y.tranche);
    }
    REQUIRE(a.set_offs.size() == b.set_offs.size());
    for (std::size_t i = 0; i < a.set_offs.size(); ++i) {
        CHECK(a.set_offs[i].customer_id == b.set_offs[i].customer_id);
        CHECK(a.set_offs[i].debt == b.set_offs[i].debt);
        CHECK(a.set_offs[i].positive_value == b.set_offs[i].positive_value);
        CHECK(a.set_offs[i].receivable == b.set_offs[i].receivable);
    }
}

// Rows of every table, through a separate connection (what another process would see).
int rows_total(const std::string& path) {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    int total = 0;
    for (const char* table : {"runs", "run_files", "decisions", "allocations", "payouts",
                              "row_chunks", "sources", "set_offs"}) {
        total += db.execAndGet(std::string("SELECT count(*) FROM ") + table).getInt();
    }
    return total;
}

// runs, run_files, one chunk each of decisions, allocations and payouts, sources, set_offs.
constexpr int sample_rows = 1 + 3 + 3 + 2 + 1;

// Every trigger: runs_in_order, and no_update, no_delete (and _sealed, but for runs) on each
// of runs, run_files, decisions, allocations, payouts, row_chunks, sources and set_offs.
constexpr int all_triggers = 1 + 2 * 8 + 7;

// Turns a new, empty case.db into a file as kanzai 0.1.0 schema version 1 wrote it (the same
// tables but row_chunks) and records `run` in it the way version 1 did: a row per row.
void make_version_1_file(const std::string& path, const RunRecord& run) {
    { CaseDb created(path); }
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("DROP TABLE row_chunks; PRAGMA user_version = 1");
    SQLite::Transaction transaction(raw);
    const auto text = [](const std::string& value) {
        std::string quoted = "'";
        for (const char c : value) {
            quoted += c == '\'' ? std::string("''") : std::string(1, c);
        }
        return quoted + "'";
    };
    const int n = run.number;
    for (std::size_t i = 0; i < run.decisions.size(); ++i) {
        const DecisionRecord& d = run.decisions[i];
        raw.exec(fmt::format("INSERT INTO decisions VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, "
                             "{}, {}, {}, {}, {}, {})", n, i, text(d.claim_id),
                             text(d.customer_id), text(d.claimant_id), text(d.payee_id),
                             text(d.asset), text(d.filed), text(d.ledger), text(d.admitted),
                             text(d.disputed), text(d.claim_class), text(d.code),
                             text(d.reason), text(d.value)));
    }
    for (std::size_t i = 0; i < run.allocations.size(); ++i) {
        const AllocationRecord& a = run.allocations[i];
        raw.exec(fmt::format("INSERT INTO allocations VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {})",
                             n, i, text(a.claim_id), text(a.portion), text(a.source),
                             text(a.asset), text(a.amount), a.tranche, text(a.weight)));
    }
    for (std::size_t i = 0; i < run.payouts.size(); ++i) {
        const PayoutRecord& p = run.payouts[i];
        raw.exec(fmt::format("INSERT INTO payouts VALUES ({}, {}, {}, {}, {}, {}, {}, {})", n, i,
                             p.payout_id, text(p.payee_id), text(p.asset), text(p.amount),
                             p.tranche, text(p.status)));
    }
    for (const auto& [kind, files] : {std::pair{"input", &run.inputs},
                                      std::pair{"output", &run.outputs}}) {
        for (const FileHash& f : *files) {
            raw.exec(fmt::format("INSERT INTO run_files VALUES ({}, '{}', {}, {})", n, kind,
                                 text(f.name), text(f.sha256)));
        }
    }
    for (std::size_t i = 0; i < run.sources.size(); ++i) {
        const SourceRecord& o = run.sources[i];
        raw.exec(fmt::format("INSERT INTO sources VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {})", n,
                             i, text(o.source), text(o.asset), text(o.available),
                             text(o.weights), text(o.allocated), text(o.left), o.tranche));
    }
    for (std::size_t i = 0; i < run.set_offs.size(); ++i) {
        const SetOffRecord& o = run.set_offs[i];
        raw.exec(fmt::format("INSERT INTO set_offs VALUES ({}, {}, {}, {}, {}, {})", n, i,
                             text(o.customer_id), text(o.debt), text(o.positive_value),
                             text(o.receivable)));
    }
    raw.exec(fmt::format("INSERT INTO runs VALUES ({}, {}, {}, {}, {}, {})", n, text(run.engine),
                         text(run.created_at), text(run.case_name), text(run.out_folder),
                         text(run.summary_json)));
    transaction.commit();
}

}  // namespace

TEST_CASE("case db: a run reads back exactly as inserted, field by field") {
    TempFolder folder;
    RunRecord run = sample_run(1);
    // Amounts above 64 bits survive: they are stored as text, never as SQLite numbers.
    run.decisions[0].filed = "170141183460469231731687303715884105727";
    {
        CaseDb db(folder.db());
        auto pending = db.insert_run(run);
        CHECK(pending.number() == 1);
        pending.commit();
    }
    CaseDb db(folder.db(), CaseDbMode::read_only);
    const auto back = db.read_run(1);
    REQUIRE(back.has_value());
    check_same(*back, run);
    CHECK_FALSE(db.read_run(2).has_value());
}

TEST_CASE("case db: a run's header reads back without its rows") {
    TempFolder folder;
    const RunRecord run = sample_run(1);
    CaseDb(folder.db()).insert_run(run).commit();
    CaseDb db(folder.db(), CaseDbMode::read_only);
    const auto header = db.read_run_header(1);
    REQUIRE(header.has_value());
    CHECK(header->number == 1);
    CHECK(header->engine == run.engine);
    CHECK(header->case_name == run.case_name);
    CHECK(header->out_folder == run.out_folder);
    CHECK(header->summary_json == run.summary_json);
    REQUIRE(header->outputs.size() == run.outputs.size());
    for (std::size_t i = 0; i < run.outputs.size(); ++i) {
        CHECK(header->outputs[i].name == run.outputs[i].name);
        CHECK(header->outputs[i].sha256 == run.outputs[i].sha256);
    }
    CHECK(header->inputs.size() == run.inputs.size());
    CHECK(header->decisions.empty());
    CHECK(header->allocations.empty());
    CHECK(header->payouts.empty());
    CHECK(header->sources.empty());
    CHECK_FALSE(db.read_run_header(2).has_value());
}

TEST_CASE("case db: rows inserted in chunks keep their order, tail included") {
    TempFolder folder;
    RunRecord run = sample_run(1);
    run.payouts.clear();
    const int rows = 2 * chunk_rows + 44;  // two full chunks and a tail
    for (int index = 0; index < rows; ++index) {
        DecisionRecord decision = run.decisions[0];
        decision.claim_id = fmt::format("Z{:05}", index);
        // Payees not in byte order, and a cell that must be quoted.
        decision.reason = fmt::format("line {}, \"quoted\"\nand on", index);
        run.decisions.push_back(decision);
        run.payouts.push_back({index + 1, fmt::format("P{}", rows - index), "BTC", "0.00000001",
                               1, "payable"});
    }
    CaseDb db(folder.db());
    db.insert_run(run).commit();
    check_same(*db.read_run(1), run);
    SQLite::Database raw(folder.db(), SQLite::OPEN_READONLY);
    SQLite::Statement chunks(raw, "SELECT first_row, rows, min_key, max_key FROM row_chunks "
                                  "WHERE run = 1 AND tbl = 'payouts' ORDER BY first_row");
    REQUIRE(chunks.executeStep());
    CHECK(chunks.getColumn(0).getInt() == 0);
    CHECK(chunks.getColumn(1).getInt() == chunk_rows);
    CHECK(chunks.getColumn(2).getString() == fmt::format("P{}", rows - chunk_rows + 1));
    CHECK(chunks.getColumn(3).getString() == fmt::format("P{}", rows));
    REQUIRE(chunks.executeStep());
    CHECK(chunks.getColumn(0).getInt() == chunk_rows);
    REQUIRE(chunks.executeStep());
    CHECK(chunks.getColumn(0).getInt() == 2 * chunk_rows);
    CHECK(chunks.getColumn(1).getInt() == 44);
    CHECK_FALSE(chunks.executeStep());
}

TEST_CASE("case db: a chunk is the sqlar encoding of its rows' CSV text") {
    TempFolder folder;
    CaseDb(folder.db()).insert_run(sample_run(1)).commit();
    SQLite::Database raw(folder.db(), SQLite::OPEN_READONLY);
    SQLite::Statement chunk(raw, "SELECT bytes, data FROM row_chunks WHERE run = 1 AND "
                                 "tbl = 'payouts'");
    REQUIRE(chunk.executeStep());
    const SQLite::Column data = chunk.getColumn(1);
    const std::string text = uncompress_chunk(
        std::string_view(static_cast<const char*>(data.getBlob()),
                         static_cast<std::size_t>(data.getBytes())),
        static_cast<std::size_t>(chunk.getColumn(0).getInt64()));
    CHECK(text == "1,C1,BTC,0.60000000,1,payable\n2,C1,JPY,1000,2,payable\n"
                  "3,C3,BTC,0.30000000,1,held_kyc\n4,C3,BTC,0.90000000,1,held_disputed\n");
    CHECK(compress_chunk("ab") == "ab");  // not smaller compressed: stored as it is
    const std::string long_text(1000, 'x');
    CHECK(compress_chunk(long_text).size() < 100);
    CHECK(uncompress_chunk(compress_chunk(long_text), 1000) == long_text);
    CHECK_THROWS_AS(static_cast<void>(uncompress_chunk(compress_chunk(long_text), 999)),
                    IoError);
}

TEST_CASE("case db: a version 1 file is read, and its next run upgrades it in that run's "
          "transaction") {
    TempFolder folder;
    make_version_1_file(folder.db(), sample_run(1));
    const auto version = [&folder] {
        SQLite::Database raw(folder.db(), SQLite::OPEN_READONLY);
        return raw.execAndGet("PRAGMA user_version").getInt();
    };
    {
        CaseDb db(folder.db(), CaseDbMode::read_only);
        check_same(*db.read_run(1), sample_run(1));
        CHECK(db.read_run_header(1)->summary_json == sample_run(1).summary_json);
    }
    CHECK(version() == 1);
    {
        CaseDb db(folder.db());
        check_same(*db.read_run(1), sample_run(1));
        { auto rolled_back = db.insert_run(sample_run(2)); }  // never committed
        CHECK(version() == 1);
        db.insert_run(sample_run(2)).commit();
    }
    CHECK(version() == case_db_schema_version);
    CaseDb db(folder.db(), CaseDbMode::read_only);
    CHECK(db.run_numbers() == std::vector<int>{1, 2});
    check_same(*db.read_run(1), sample_run(1));  // still its rows of version 1
    check_same(*db.read_run(2), sample_run(2));  // in chunks
    SQLite::Database raw(folder.db(), SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("SELECT count(*) FROM decisions WHERE run = 2").getInt() == 0);
    CHECK(raw.execAndGet("SELECT count(*) FROM row_chunks WHERE run = 1").getInt() == 0);
    CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'").getInt() ==
          all_triggers);
}

TEST_CASE("case db: run numbers ascend and an empty created_at is filled in UTC") {
    TempFolder folder;
    CaseDb db(folder.db());
    CHECK(db.next_run_number() == 1);
    CHECK(db.run_numbers().empty());
    db.insert_run(sample_run(1)).commit();
    RunRecord third = sample_run(3);  // a --no-db run 2 left a gap
    third.created_at.clear();
    db.insert_run(third).commit();
    CHECK(db.run_numbers() == std::vector<int>{1, 3});
    CHECK(db.next_run_number() == 4);
    const std::string created_at = db.read_run(3)->created_at;
    REQUIRE(created_at.size() == 20);
    CHECK(created_at[4] == '-');
    CHECK(created_at[10] == 'T');
    CHECK(created_at[19] == 'Z');
    // Runs are recorded in order only: neither a repeated nor an earlier number.
    CHECK_THROWS_AS(static_cast<void>(db.insert_run(sample_run(3))), IoError);
    CHECK_THROWS_AS(static_cast<void>(db.insert_run(sample_run(2))), IoError);
    CHECK(db.run_numbers() == std::vector<int>{1, 3});
}

TEST_CASE("case db: a run is invisible until committed and absent after a rollback") {
    TempFolder folder;
    CaseDb db(folder.db());
    db.insert_run(sample_run(1)).commit();
    {
        auto pending = db.insert_run(sample_run(2));
        // Another connection sees the snapshot before the transaction: run 1 only.
        CHECK(rows_total(folder.db()) == sample_rows);
    }  // destroyed without commit: rolled back
    CHECK(db.run_numbers() == std::vector<int>{1});
    CHECK(rows_total(folder.db()) == sample_rows);
    {
        auto pending = db.insert_run(sample_run(2));
        pending.commit();
    }
    CHECK(rows_total(folder.db()) == 2 * sample_rows);
    check_same(*db.read_run(2), sample_run(2));
}

TEST_CASE("case db: the triggers are the same before, during and after a run") {
    TempFolder folder;
    CaseDb db(folder.db());
    db.insert_run(sample_run(1)).commit();
    const auto triggers = [&folder] {
        SQLite::Database raw(folder.db(), SQLite::OPEN_READONLY);
        return raw.execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'")
            .getInt();
    };
    const int all = all_triggers;
    REQUIRE(triggers() == all);
    {
        CaseDb::RunInsert insert = db.begin_run(sample_run(2));
        for (const DecisionRecord& decision : sample_run(2).decisions) {
            insert.add(decision);
        }
        CHECK(triggers() == all);  // other connections: the committed schema
    }  // destroyed without finish: rolled back, triggers included
    CHECK(triggers() == all);
    {
        auto pending = db.insert_run(sample_run(2));
        CHECK(triggers() == all);
        pending.commit();
    }
    CHECK(triggers() == all);
    SQLite::Database raw(folder.db(), SQLite::OPEN_READWRITE);
    CHECK_THROWS_AS(raw.exec("INSERT INTO decisions VALUES (2, 99, 'K99', 'C1', 'C1', 'C1', "
                             "'BTC', '1', '1', '1', '0', 'customer', 'A', 'r', '1')"),
                    SQLite::Exception);
    CHECK_THROWS_AS(raw.exec("INSERT INTO row_chunks SELECT run, tbl, first_row + 1000, rows, "
                             "min_key, max_key, bytes, data FROM row_chunks WHERE run = 2 "
                             "LIMIT 1"),
                    SQLite::Exception);
}

TEST_CASE("case db: a run that fails halfway leaves the database as it was") {
    TempFolder folder;
    CaseDb db(folder.db());
    RunRecord bad = sample_run(1);
    bad.payouts.back().amount = "1e5";  // a number, not decimal text: refused before SQL
    CHECK_THROWS_AS(static_cast<void>(db.insert_run(bad)), kanzai::InvariantViolation);
    bad = sample_run(1);
    bad.payouts.back().status = "paid";  // the table's rules refuse the very last row
    CHECK_THROWS_AS(static_cast<void>(db.insert_run(bad)), kanzai::InvariantViolation);
    bad = sample_run(1);
    bad.decisions.push_back(bad.decisions.back());  // a claim id twice
    bad.decisions.back().reason = "again";
    CHECK_THROWS_AS(static_cast<void>(db.insert_run(bad)), kanzai::InvariantViolation);
    bad = sample_run(1);
    std::swap(bad.decisions[0], bad.decisions[1]);  // not in claim_id order
    CHECK_THROWS_AS(static_cast<void>(db.insert_run(bad)), kanzai::InvariantViolation);
    CHECK(rows_total(folder.db()) == 0);
    CHECK(db.next_run_number() == 1);
    db.insert_run(sample_run(1)).commit();
    CHECK(rows_total(folder.db()) == sample_rows);
}

TEST_CASE("case db: an earlier run can be neither updated, deleted nor added to") {
    TempFolder folder;
    // Run 1 as version 1 recorded it (rows in the row tables), run 2 in chunks: every table
    // has rows to protect.
    make_version_1_file(folder.db(), sample_run(1));
    CaseDb(folder.db()).insert_run(sample_run(2)).commit();
    const int before = rows_total(folder.db());
    SQLite::Database raw(folder.db(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA foreign_keys = ON");
    for (const char* table : {"runs", "run_files", "decisions", "allocations", "payouts",
                              "row_chunks", "sources", "set_offs"}) {
        CAPTURE(table);
        const std::string column = std::string(table) == "runs" ? "number" : "run";
        CHECK_THROWS_AS(raw.exec(std::string("DELETE FROM ") + table), SQLite::Exception);
        CHECK_THROWS_AS(raw.exec("UPDATE " + std::string(table) + " SET " + column + " = 9"),
                        SQLite::Exception);
    }
    CHECK_THROWS_AS(raw.exec("INSERT INTO payouts VALUES (1, 99, 99, 'X', 'BTC', '1', 1, "
                             "'payable')"),
                    SQLite::Exception);
    CHECK_THROWS_AS(raw.exec("INSERT OR REPLACE INTO runs VALUES (1, 'x', 'x', 'x', 'x', 'x')"),
                    SQLite::Exception);
    CHECK_THROWS_AS(raw.exec("UPDATE row_chunks SET data = x'00' WHERE run = 2"),
                    SQLite::Exception);
    CHECK(rows_total(folder.db()) == before);
    CaseDb db(folder.db(), CaseDbMode::read_only);
    check_same(*db.read_run(1), sample_run(1));
    check_same(*db.read_run(2), sample_run(2));
}

TEST_CASE("case db: the file is WAL with 64 KiB pages, versioned, and passes integrity and "
          "foreign key checks") {
    TempFolder folder;
    {
        CaseDb db(folder.db());
        db.insert_run(sample_run(1)).commit();
    }
    CaseDb reopened(folder.db());  // opening again keeps the schema as it is
    CHECK(reopened.run_numbers() == std::vector<int>{1});
    SQLite::Database raw(folder.db(), SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(raw.execAndGet("PRAGMA page_size").getInt() == 65536);
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == case_db_schema_version);
    SQLite::Statement foreign_keys(raw, "PRAGMA foreign_key_check");
    CHECK_FALSE(foreign_keys.executeStep());
    CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'").getInt() ==
          all_triggers);
}

TEST_CASE("case db: a foreign or newer file is refused, and read-only needs the file") {
    TempFolder folder;
    {
        SQLite::Database raw(folder.db(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("PRAGMA user_version = 7");
    }
    CHECK_THROWS_AS(CaseDb(folder.db()), IoError);
    CHECK_THROWS_AS(CaseDb((folder.path / "missing.db").string(), CaseDbMode::read_only),
                    IoError);
    CHECK_FALSE(fs::exists(folder.path / "missing.db"));
}

TEST_CASE("case db: reading back a damaged run is an I/O error, not an invariant violation") {
    TempFolder folder;
    {
        CaseDb db(folder.db());
        db.insert_run(sample_run(1)).commit();
    }
    {
        // Corruption from outside kanzai: someone drops the guard and edits an amount.
        SQLite::Database raw(folder.db(), SQLite::OPEN_READWRITE);
        SQLite::Statement chunk(raw, "SELECT bytes, data FROM row_chunks WHERE run = 1 AND "
                                     "tbl = 'allocations'");
        REQUIRE(chunk.executeStep());
        const SQLite::Column data = chunk.getColumn(1);
        std::string text = uncompress_chunk(
            std::string_view(static_cast<const char*>(data.getBlob()),
                             static_cast<std::size_t>(data.getBytes())),
            static_cast<std::size_t>(chunk.getColumn(0).getInt64()));
        chunk.reset();
        text.replace(text.find("0.60000000"), 10, "0.60000001");
        const std::string forged = compress_chunk(text);
        raw.exec("DROP TRIGGER row_chunks_no_update");
        SQLite::Statement update(raw, "UPDATE row_chunks SET data = ?1 WHERE run = 1 AND "
                                      "tbl = 'allocations'");
        update.bind(1, forged.data(), static_cast<int>(forged.size()));
        CHECK(update.exec() == 1);
    }
    CaseDb db(folder.db(), CaseDbMode::read_only);
    CHECK_THROWS_WITH_AS(static_cast<void>(db.read_run(1)),
                         doctest::Contains("case.db run 1 is damaged"), IoError);
}

TEST_CASE("case db: the read-back check pairs allocations with their sources") {
    verify_run_record(sample_run(1));  // consistent: does not throw
    RunRecord r = sample_run(1);
    r.sources[0].allocated = "1.70000000";
    r.sources[0].left = "0.10000000";  // allocated + left == available, but the sum is 1.8
    CHECK_THROWS_AS(verify_run_record(r), kanzai::InvariantViolation);
    r = sample_run(1);
    r.sources[1].left = "1";  // allocated + left != available
    CHECK_THROWS_AS(verify_run_record(r), kanzai::InvariantViolation);
    r = sample_run(1);
    r.allocations[1].source = "estate:admin";  // no such source recorded
    CHECK_THROWS_AS(verify_run_record(r), kanzai::InvariantViolation);
    r = sample_run(1);
    r.allocations[0].amount = "0.6000000";  // 7 decimals where the pool has 8
    CHECK_THROWS_AS(verify_run_record(r), kanzai::InvariantViolation);
}

TEST_CASE("case db: record amounts parse with the decimals they are written with") {
    const auto btc = parse_record_amount("1.50000000");
    REQUIRE(btc.has_value());
    CHECK(btc->count == 150000000);
    CHECK(btc->decimals == 8);
    const auto yen = parse_record_amount("-1000");
    REQUIRE(yen.has_value());
    CHECK(yen->count == -1000);
    CHECK(yen->decimals == 0);
    CHECK_FALSE(parse_record_amount("").has_value());
    CHECK_FALSE(parse_record_amount("1e5").has_value());
    CHECK_FALSE(parse_record_amount("1.").has_value());
    CHECK_FALSE(parse_record_amount("0.1234567890123456789").has_value());
}

TEST_CASE("case db: a claim in an unknown asset records its filed amount as written") {
    TempFolder folder;
    RunRecord run = sample_run(1);
    // SPEC "claims.csv": for an unknown asset only the grammar and the sign are checked, so
    // `filed` may have any number of digits on either side of the dot.
    const std::string long_amount =
        "1234567890123456789012345678901234567890123456789012345678901234567890."
        "12345678901234567890123456789";
    run.decisions.push_back({"K3", "C1", "C1", "C1", "DOGE", long_amount, "0", "0", "0", "",
                             "R-UNKNOWN-ASSET", "asset \"DOGE\" is not in case.toml", "0"});
    {
        CaseDb db(folder.db());
        db.insert_run(run).commit();
    }
    CaseDb db(folder.db(), CaseDbMode::read_only);
    const auto back = db.read_run(1);
    REQUIRE(back.has_value());
    check_same(*back, run);
    // The grammar is still checked: text that is no decimal is never recorded.
    for (const char* bad : {"1e5", "1.", ".5", "+1", "1,000", "--1", "1.2.3"}) {
        CAPTURE(bad);
        RunRecord broken = sample_run(2);
        broken.decisions[0].filed = bad;
        CHECK_THROWS_AS(static_cast<void>(CaseDb(folder.db()).insert_run(broken)),
                        kanzai::InvariantViolation);
    }
}

TEST_CASE("case db: only a file this connection creates is new; others are left untouched") {
    TempFolder folder;
    const auto size_of = [](const std::string& path) { return fs::file_size(path); };
    {
        std::FILE* empty = std::fopen(folder.db().c_str(), "wb");
        REQUIRE(empty != nullptr);
        std::fclose(empty);
    }
    for (const CaseDbMode mode :
         {CaseDbMode::read_write, CaseDbMode::record_run, CaseDbMode::read_only}) {
        CHECK_THROWS_AS(CaseDb(folder.db(), mode), IoError);
        CHECK(size_of(folder.db()) == 0);  // a 0-byte case.db is never taken for a new one
    }
    {
        std::FILE* text = std::fopen(folder.db().c_str(), "wb");
        REQUIRE(text != nullptr);
        std::fputs("notes of the administrator\n", text);
        std::fclose(text);
    }
    CHECK_THROWS_AS(CaseDb(folder.db(), CaseDbMode::record_run), IoError);
    CHECK(size_of(folder.db()) == 27);
    fs::remove(folder.db());
    {
        SQLite::Database raw(folder.db(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("CREATE TABLE t (x)");
    }
    const auto bytes_before = size_of(folder.db());
    CHECK_THROWS_AS(CaseDb(folder.db(), CaseDbMode::record_run), IoError);
    CHECK(size_of(folder.db()) == bytes_before);
    for (const auto& entry : fs::directory_iterator(folder.path)) {
        CHECK(entry.path().filename() == "case.db");  // no -wal, -shm or staged file
    }
}

TEST_CASE("case db: a new file for a run appears at its name only once published") {
    TempFolder folder;
    const auto names = [&folder] {
        std::vector<std::string> found;
        for (const auto& entry : fs::directory_iterator(folder.path)) {
            found.push_back(entry.path().filename().string());
        }
        std::sort(found.begin(), found.end());
        return found;
    };
    {
        CaseDb db(folder.db(), CaseDbMode::record_run);
        CHECK(db.is_new());
        db.insert_run(sample_run(1)).commit();
        CHECK_FALSE(fs::exists(folder.db()));
    }  // never published: gone
    CHECK(names().empty());
    {
        CaseDb db(folder.db(), CaseDbMode::record_run);
        db.insert_run(sample_run(1)).commit();
        db.publish();
    }
    CHECK(names() == std::vector<std::string>{"case.db"});  // one file: no -wal, no -shm
    const fs::perms owner_only = fs::perms::owner_read | fs::perms::owner_write;
    CHECK((fs::status(folder.db()).permissions() & fs::perms::all) == owner_only);
    CaseDb reader(folder.db(), CaseDbMode::read_only);
    check_same(*reader.read_run(1), sample_run(1));
    CHECK(names() == std::vector<std::string>{"case.db"});  // the reader wrote nothing
    CaseDb existing(folder.db(), CaseDbMode::record_run);
    CHECK_FALSE(existing.is_new());
    CHECK(existing.next_run_number() == 2);
}
