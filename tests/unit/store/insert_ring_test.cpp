// case.db's streamed insert hands each table's rows to the insert thread in chunks (4,096
// rows) while the producer fills the next ones: a run over several ring-sized batches and a
// chunk boundary, in all three streamed tables at once, reads back row for row (a chunk handed
// over too early, or twice, would lose rows or record them twice).
#include <unistd.h>

#include <fmt/format.h>

#include <filesystem>
#include <string>

#include "store/case_db.hpp"
#include "tests/support/printing.hpp"

using namespace kanzai::claims;
namespace fs = std::filesystem;

namespace {

constexpr int ring_rows = 16 * 128;
constexpr int rows = 2 * ring_rows + 77;  // wraps twice, ends on a partial batch

// Row i pays 0.00000001 BTC per unit of i + 1, so that every row differs from every other.
RunRecord ring_run() {
    RunRecord r;
    r.number = 1;
    r.engine = "kanzai 0.1.0";
    r.created_at = "2026-07-01T09:30:00Z";
    r.case_name = "Ring";
    r.out_folder = "out/run-0001";
    r.summary_json = "{}\n";
    long long total = 0;
    for (int i = 0; i < rows; ++i) {
        const std::string id = fmt::format("K{:05}", i);
        const std::string customer = fmt::format("C{:05}", i);
        const std::string amount = fmt::format("0.{:08}", i + 1);
        total += i + 1;
        r.decisions.push_back({id, customer, customer, customer, "BTC", amount, amount, amount,
                               "0.00000000", "customer", "A-MATCHES-LEDGER",
                               "the filed amount matches the ledger", std::to_string(i + 1)});
        r.allocations.push_back({id, "admitted", "pool:BTC", "BTC", amount, 1, amount});
        r.payouts.push_back({i + 1, customer, "BTC", amount, 1, "payable"});
    }
    const std::string sum = fmt::format("{}.{:08}", total / 100000000, total % 100000000);
    r.sources = {{"pool:BTC", "BTC", sum, sum, sum, "0.00000000", 1}};
    return r;
}

}  // namespace

TEST_CASE("case db: a run that wraps the insert ring twice reads back row for row") {
    const fs::path folder =
        fs::temp_directory_path() / ("kanzai-insert-ring-" + std::to_string(getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    const std::string path = (folder / "case.db").string();
    const RunRecord run = ring_run();
    {
        CaseDb db(path);
        db.insert_run(run).commit();
    }
    const auto back = CaseDb(path, CaseDbMode::read_only).read_run(1);
    REQUIRE(back.has_value());
    REQUIRE(back->decisions.size() == run.decisions.size());
    REQUIRE(back->allocations.size() == run.allocations.size());
    REQUIRE(back->payouts.size() == run.payouts.size());
    int differences = 0;
    for (std::size_t i = 0; i < run.decisions.size(); ++i) {
        differences += back->decisions[i].claim_id != run.decisions[i].claim_id ||
                       back->decisions[i].filed != run.decisions[i].filed ||
                       back->decisions[i].value != run.decisions[i].value;
        differences += back->allocations[i].claim_id != run.allocations[i].claim_id ||
                       back->allocations[i].amount != run.allocations[i].amount;
        differences += back->payouts[i].payout_id != run.payouts[i].payout_id ||
                       back->payouts[i].payee_id != run.payouts[i].payee_id ||
                       back->payouts[i].amount != run.payouts[i].amount;
    }
    CHECK(differences == 0);
    CHECK(back->decisions.back().claim_id == fmt::format("K{:05}", rows - 1));
    CHECK(back->payouts.back().amount == fmt::format("0.{:08}", rows));
    fs::remove_all(folder);
}
