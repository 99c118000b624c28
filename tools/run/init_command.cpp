// `kanzai init DIR`: a new case folder with every file of SPEC "The case folder": a fully
// commented case.toml, each CSV with all its columns and a few example rows, and a README
// that explains the files. `kanzai check DIR` accepts it as it is. Written atomically.
#include <filesystem>

#include <fmt/format.h>

#include "tools/commands.hpp"
#include "tools/run/folders.hpp"
#include "tools/run/staged_dir.hpp"

namespace kanzai::tools {
namespace {

constexpr const char* case_toml = R"(# case.toml: the case, assets, prices, rules, funds, estate.
# Money, prices and limits are strings (exact decimals); decimals and tranche are integers.

[case]
name = "Example Exchange K.K."            # required
court = "Tokyo District Court"
case_number = "2026 (fu) 1234"
administrator = "Attorney A"
currency = "JPY"                          # required: one of [assets]
cutoff = 2026-03-01T00:00:00+09:00        # required: commencement; prices are taken then
bar_date = 2026-06-30                     # required: claims filed after this day are late
# record_date = 2026-09-30                # transfers effective after this day are not applied

[assets.JPY]
decimals = 0                              # minor units per whole unit = 10^decimals
price = "1"                               # the case currency's price must be 1

[assets.BTC]
decimals = 8
price = "9000000"                         # JPY per whole BTC at the cutoff
price_source = "VWAP of three exchanges, 2026-03-01"
estate_price = "8500000"                  # what the estate realises per BTC; default: price
# paid_in = "cash"                        # kind | cash: how BTC's in-kind shares are paid
# distribution_price = "9500000"          # JPY per BTC when JPY amounts are paid in BTC
# pool_cost = "0.01"                      # BTC charged to the BTC pool before its split

[rules]                                   # every key optional; defaults shown
unfiled = "admit"                         # admit | ignore: ledger balances nobody filed for
excess = "dispute"                        # dispute | reject: filed amount above the ledger
late = "subordinate"                      # admit | subordinate | bar
insiders = "subordinate"                  # admit | subordinate: kinds insider and affiliate
set_off = "proportional"                  # proportional | none
valuation_rounding = "down"               # down | half-even

[rules.min_payout]                        # per asset, whole units; smaller payouts wait
JPY = "1000"
BTC = "0.0001"

[[fund]]                                  # funds pay shortfalls in this order, after pools
id = "reserve"
kind = "reserve"                          # reserve | insurance
amount = "2000000000"                     # in the case currency
tranche = 1
floor = "200000"                          # per claimant, paid in full before any pro rata
cap = "10000000"                          # per claimant, the most this fund pays
assets = ["BTC"]                          # only shortfalls in these assets; default: all
leftover = "estate"                       # estate | next

[estate]
cash = "350000000"                        # non-segregated money of the exchange
tranche = 2

# A convenience class, paid from the estate: claimants worth at most `threshold` are paid
# `rate` of their value (1.2 = 120%) and take no part in pools and funds.
# [convenience]
# threshold = "500000"                    # required, case currency
# rate = "1.0"                            # required, > 0, at most 100
# tranche = 1
# elective = false                        # true: larger claimants may elect in (elections.csv)

# [payouts]
# convert_to = "JPY"                      # the asset fund and estate money is paid in: the
#                                         # currency or an asset with a distribution_price
)";

constexpr const char* customers_csv =
    "customer_id,name,kind,kyc,sanctioned,country\n"
    "C0001,Aoki Taro,retail,verified,false,JP\n"
    "C0002,Baba Hanako,retail,pending,false,JP\n"
    "C0003,Example Trading LLC,corporate,verified,false,SG\n";
constexpr const char* ledger_csv =
    "account_id,customer_id,asset,balance\n"
    "A0001,C0001,BTC,0.50000000\n"
    "A0002,C0001,JPY,120000\n"
    "A0003,C0002,BTC,1.25\n"
    "A0004,C0003,BTC,-0.1\n"
    "A0005,C0003,JPY,5000000\n";
constexpr const char* claims_csv =
    "claim_id,customer_id,asset,amount,filed_on,amends\n"
    "K0001,C0001,BTC,0.5,2026-04-01,\n"
    "K0002,C0002,BTC,1.5,2026-04-03,\n";
constexpr const char* holdings_csv =
    "holding_id,asset,amount,custody,segregated,status\n"
    "H0001,BTC,1.2,cold,true,held\n"
    "H0002,BTC,0.05,guarantee,true,held\n"
    "H0003,JPY,5200000,trust_bank,true,held\n"
    "H0004,BTC,0.3,hot,true,lost\n";
constexpr const char* identities_csv =
    "customer_id,key_type,key\n"
    "C0001,email,aoki@example.jp\n";
constexpr const char* transfers_csv = "transfer_id,claim_id,from_id,to_id,effective_on\n";
constexpr const char* creditors_csv =
    "creditor_id,class,amount,description\n"
    "ADM-001,admin,15000000,Administrator's fees\n"
    "TAX-001,priority,3000000,Consumption tax\n";
constexpr const char* determinations_csv =
    "claim_id,decision,amount,reason,decided_by,decided_on\n";
constexpr const char* payments_csv = "payee_id,asset,amount,tranche,paid_on,status\n";
constexpr const char* elections_csv = "customer_id,election,asset\n";

constexpr const char* readme_md = R"(# A Kanzai case folder

Edit these files, then `kanzai check .` and `kanzai run .`. CSV files have a header row naming
their columns (any order); see the project's docs/file-formats.md for every column.

| file | one row is |
| --- | --- |
| case.toml | the case, assets and prices, rules, funds and estate (commented) |
| customers.csv | a customer (or claim buyer) of the exchange |
| ledger.csv | one account's balance in one asset at the cutoff (may be negative) |
| claims.csv | a filed proof of claim (`amends` names an earlier claim it replaces) |
| holdings.csv | what the estate holds where; segregated `held` rows form the in-kind pools |
| identities.csv | an identity key; customers sharing a key are one claimant |
| transfers.csv | an assignment of a claim to another customer |
| creditors.csv | a non-customer claim against the general estate |
| determinations.csv | the administrator's decision on one claim, with its reason |
| payments.csv | a payout already made (status `paid`) or attempted (`failed`, `returned`) |
| elections.csv | a customer's election: `kind`/`cash` for an asset, `convert`, `convenience` |

Not written here: `proof.key`, a secret of at least 32 bytes that salts the proof of
distribution (`head -c 32 /dev/urandom > proof.key`). Keep it secret and backed up: the
proofs of a run can only be given with the key it was made with (docs/proof.md).
)";

}  // namespace

int run_init(const InitOptions& options) {
    if (is_occupied(options.folder)) {
        fmt::print(stderr, "kanzai init: {} exists and is not empty; nothing was written\n",
                   options.folder);
        return exit_io;
    }
    StagedDir staged(options.folder);
    const std::pair<const char*, const char*> files[] = {
        {"case.toml", case_toml},           {"customers.csv", customers_csv},
        {"ledger.csv", ledger_csv},         {"claims.csv", claims_csv},
        {"holdings.csv", holdings_csv},     {"identities.csv", identities_csv},
        {"transfers.csv", transfers_csv},   {"creditors.csv", creditors_csv},
        {"determinations.csv", determinations_csv}, {"payments.csv", payments_csv},
        {"elections.csv", elections_csv},
        {"README.md", readme_md}};
    for (const auto& [name, text] : files) {
        staged.write_file(name, text);
    }
    staged.publish();
    staged.keep();
    fmt::print("kanzai init: created {}; next: kanzai check {}\n", options.folder,
               options.folder);
    return exit_done;
}

}  // namespace kanzai::tools
