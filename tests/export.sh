#!/usr/bin/env bash
# `kanzai export` on the tutorial case with bank details (tests/export/):
#   1. the Zengin file of tranche 2 is byte for byte the hand-made tests/export/
#      zengin-tranche-2.txt; the payment file and the payments.csv template have the exact
#      rows (reference, name, country, claims);
#   2. the loop closes: export run 1, the agent marks one payment failed in the template,
#      the template becomes the case's payments.csv, and run 2's catch-up applies it: the
#      paid payouts are gone, the failed one is payable again under the same reference;
#   3. refusals: no --transfer-date with bank details (1), a bad bank_accounts.csv
#      (2, file:line:col, nothing written), a non-empty --out (4), changed inputs (2).
# Usage: export.sh KANZAI SOURCE_DIR
set -euo pipefail
kanzai=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "export: $*" >&2; exit 1; }

case_folder=$work/case
cp -r "$source_dir/samples/tutorial" "$case_folder"
cp "$source_dir/tests/export/bank_accounts.csv" "$source_dir/tests/export/bank_remitter.csv" \
    "$case_folder/"
"$kanzai" run "$case_folder" > /dev/null

# 1. Tranche 2: the hand-made Zengin file, the payment file, the template.
"$kanzai" export "$case_folder" --run 1 --tranche 2 --transfer-date 2026-12-10 \
    --out "$work/e2" > "$work/out" || fail "export failed: $(cat "$work/out")"
cmp "$work/e2/zengin-JPY.txt" "$source_dir/tests/export/zengin-tranche-2.txt" ||
    fail "zengin-JPY.txt differs from the hand-made file"
grep -qx "zengin-JPY.txt: 3 transfers; 6 yen payouts without a bank account (in payouts-JPY.csv only)" \
    "$work/out" || fail "unexpected summary: $(cat "$work/out")"
[ "$(ls "$work/e2")" = "$(printf 'payments.csv\npayouts-JPY.csv\nzengin-JPY.txt')" ] ||
    fail "unexpected files: $(ls "$work/e2")"
[ "$(stat -c %a "$work/e2")" = 700 ] && [ "$(stat -c %a "$work/e2/zengin-JPY.txt")" = 600 ] ||
    fail "not owner-only"
expected_head='reference,payout_id,payee_id,name,country,asset,amount,tranche,claims
KZ0DE24290EDFDFE7C,3,C01,Aiko Abe,JP,JPY,628108,2,K01'
[ "$(head -2 "$work/e2/payouts-JPY.csv")" = "$expected_head" ] ||
    fail "payouts-JPY.csv: $(head -2 "$work/e2/payouts-JPY.csv")"
grep -qx "KZ[0-9A-F]*,30,creditor:VENDOR,,,JPY,250000,2,creditor:VENDOR" "$work/e2/payouts-JPY.csv" ||
    fail "the creditor's row is missing"
[ "$(wc -l < "$work/e2/payouts-JPY.csv")" = 10 ] || fail "payouts-JPY.csv has not 9 rows"
[ "$(sed -n 2p "$work/e2/payments.csv")" = "C01,JPY,628108,2,2026-12-10,paid" ] ||
    fail "payments.csv: $(sed -n 2p "$work/e2/payments.csv")"

# 2. Every tranche of run 1; C02's tranche-1 yen transfer fails; run 2 reads the template.
"$kanzai" export "$case_folder" --run 1 --transfer-date 2026-12-10 --out "$work/e1" > /dev/null
grep -qx "KZ01C6150777220C96,5,C02,Ben Brown,GB,JPY,546154,1,K03" "$work/e1/payouts-JPY.csv" ||
    fail "C02's tranche-1 row: $(grep C02 "$work/e1/payouts-JPY.csv")"
grep -qx "KZ[0-9A-F]*,22,C09,Claim Fund I LP,KY,BTC,0.80000000,1,K02" "$work/e1/payouts-BTC.csv" ||
    fail "C09's bought claim K02 is not named"
[ "$(wc -l < "$work/e1/payments.csv")" = 22 ] || fail "template has not 21 payable rows"
sed 's/^C02,JPY,546154,1,2026-12-10,paid$/C02,JPY,546154,1,2026-12-10,failed/' \
    "$work/e1/payments.csv" > "$case_folder/payments.csv"
grep -q ",failed$" "$case_folder/payments.csv" || fail "the failed row was not made"
"$kanzai" run "$case_folder" > /dev/null
payouts=$case_folder/out/run-0002/payouts.csv
# Paid in full: no payable payout left for C01 or the creditors.
! grep -q ",C01,.*,payable$" "$payouts" || fail "C01 paid again: $(grep C01 "$payouts")"
! grep -q ",creditor:" "$payouts" || fail "creditors paid again"
# The failed yen is payable again, in the earliest tranche (catch-up applies the paid
# tranche-2 row earliest tranche first): 546154 in all.
[ "$(grep ",C02," "$payouts" | cut -d, -f2-)" = "C02,JPY,370193,1,payable
C02,JPY,175961,2,payable" ] || fail "C02 in run 2: $(grep ",C02," "$payouts")"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))
sys.exit(s["payments_not_completed"] != {"failed": {"JPY": "546154"}})' \
    "$case_folder/out/run-0002/summary.json" || fail "payments_not_completed"
"$kanzai" export "$case_folder" --transfer-date 2026-12-20 --out "$work/e3" > /dev/null
grep -q "^KZ01C6150777220C96,[0-9]*,C02,Ben Brown,GB,JPY,370193,1,K03$" \
    "$work/e3/payouts-JPY.csv" || fail "the reference changed between runs"
# The new template keeps run 1's payments and adds run 2's payable payouts.
[ "$(wc -l < "$work/e3/payments.csv")" = $((22 + $(grep -c ",payable$" "$payouts"))) ] ||
    fail "the template lost earlier payments"

# 3. Refusals.
set +e
"$kanzai" export "$case_folder" --out "$work/r1" > /dev/null 2>&1
[ $? = 1 ] || fail "no --transfer-date with bank details is not a usage error"
"$kanzai" export "$case_folder" --transfer-date 2026-12-10 --out "$work/e3" > /dev/null 2>&1
[ $? = 4 ] || fail "a non-empty --out is not exit 4"
cp "$case_folder/bank_accounts.csv" "$work/bank.saved"
printf 'C99,12,ﾐｽﾞﾎ,002,ﾏﾙﾉｳﾁ,savings,42,ｱ\n' >> "$case_folder/bank_accounts.csv"
"$kanzai" export "$case_folder" --transfer-date 2026-12-10 --out "$work/r2" > /dev/null \
    2> "$work/err"
[ $? = 2 ] || fail "a bad bank_accounts.csv is not exit 2"
set -e
[ "$(cat "$work/err")" = 'bank_accounts.csv:5:1: payee_id "C99" is not a customer of customers.csv or a creditor:<creditor_id> of creditors.csv
bank_accounts.csv:5:2: bank_code "12" must be exactly 4 digits
bank_accounts.csv:5:7: account_number "42" must be exactly 7 digits' ] ||
    fail "bank errors: $(cat "$work/err")"
[ ! -e "$work/r2" ] || fail "written despite errors"
cp "$work/bank.saved" "$case_folder/bank_accounts.csv"
echo "A-NEW,general,1,new" >> "$case_folder/creditors.csv"
set +e
"$kanzai" export "$case_folder" --transfer-date 2026-12-10 --out "$work/r3" > /dev/null 2>&1
[ $? = 2 ] || fail "changed inputs are not refused"
set -e
[ ! -e "$work/r3" ] || fail "written for changed inputs"
echo "export: ok"
