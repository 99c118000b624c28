// claims.csv, transfers.csv, determinations.csv and payments.csv (SPEC "CSV files"). Which
// claim a transfer or determination names is checked by determination, which knows the
// deemed claims; here only the cells are.
#include <array>
#include <charconv>

#include <fmt/format.h>

#include "claims/load/load_files.hpp"

namespace kanzai::claims {
namespace {

enum ClaimColumn : std::size_t {
    k_claim_id,
    k_customer_id,
    k_asset,
    k_amount,
    k_filed_on,
    k_amends
};
constexpr std::array<CsvColumn, 6> claim_columns = {{{"claim_id", true},
                                                     {"customer_id", true},
                                                     {"asset", true},
                                                     {"amount", true},
                                                     {"filed_on", true},
                                                     {"amends", false}}};

enum TransferColumn : std::size_t { t_transfer_id, t_claim_id, t_from_id, t_to_id, t_effective_on };
constexpr std::array<CsvColumn, 5> transfer_columns = {{{"transfer_id", true},
                                                        {"claim_id", true},
                                                        {"from_id", true},
                                                        {"to_id", true},
                                                        {"effective_on", true}}};

enum DeterminationColumn : std::size_t {
    d_claim_id,
    d_decision,
    d_amount,
    d_reason,
    d_decided_by,
    d_decided_on
};
constexpr std::array<CsvColumn, 6> determination_columns = {{{"claim_id", true},
                                                             {"decision", true},
                                                             {"amount", false},
                                                             {"reason", true},
                                                             {"decided_by", false},
                                                             {"decided_on", false}}};
constexpr std::array<DeterminationDecision, 3> decisions = {
    DeterminationDecision::admit, DeterminationDecision::reject, DeterminationDecision::dispute};

enum PaymentColumn : std::size_t {
    p_payee_id, p_asset, p_amount, p_tranche, p_paid_on, p_status };
constexpr std::array<CsvColumn, 6> payment_columns = {{{"payee_id", true},
                                                       {"asset", true},
                                                       {"amount", true},
                                                       {"tranche", false},
                                                       {"paid_on", false},
                                                       {"status", false}}};
constexpr std::array<PaymentStatus, 3> payment_statuses = {
    PaymentStatus::paid, PaymentStatus::failed, PaymentStatus::returned};

constexpr std::string_view deemed_prefix = "deemed:";
constexpr std::string_view creditor_prefix = "creditor:";

// SPEC "payments.csv": a customer, or `creditor:<creditor_id>` of creditors.csv.
void check_payee(RowChecker& row, LoadContext& context) {
    const std::string_view payee = row.identifier(p_payee_id, creditor_prefix);
    if (payee.empty() || !row.ok()) {
        return;
    }
    if (payee.starts_with(creditor_prefix)) {
        const std::string creditor_id(payee.substr(creditor_prefix.size()));
        if (context.are_creditors_checked && !context.creditor_line_by_id.contains(creditor_id)) {
            row.error(p_payee_id, fmt::format("payee_id {} names no creditor of creditors.csv",
                                              quoted(payee)));
        }
        return;
    }
    if (context.are_customers_checked && context.loaded.find_customer(payee) == no_index) {
        row.error(p_payee_id, fmt::format("payee_id {} is not in customers.csv; expected a "
                                          "customer_id or creditor:<creditor_id>",
                                          quoted(payee)));
    }
}

std::optional<int> parse_tranche(RowChecker& row) {
    const std::string_view text = row.cell(p_tranche);
    if (text.empty()) {
        return std::nullopt;
    }
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 1 ||
        text.starts_with('+') || text.starts_with('-')) {
        row.error(p_tranche, fmt::format("tranche {} is not an integer >= 1", quoted(text)));
        return std::nullopt;
    }
    return value;
}

}  // namespace

CsvReadResult load_claims(std::string& text, LoadContext& context) {
    constexpr std::string_view file = "claims.csv";
    FileTotals& totals = context.totals_of(file);
    const std::size_t rows_max = rows_count_max(text);
    UniqueIds ids(rows_max);
    context.loaded.claims.reserve(rows_max);
    return read_csv(
        file, text, claim_columns, context.diagnostics, [&](const CsvRecord& record) {
            RowChecker row(file, claim_columns, record, context.diagnostics);
            ClaimRow claim;
            claim.id = std::string(row.identifier(k_claim_id));
            // SPEC "claims.csv": an unknown customer or asset is not an input error; the
            // claim is rejected by determination.
            claim.customer_index = find_customer_cell(row, k_customer_id, context, false);
            claim.customer_id = std::string(row.cell(k_customer_id));
            const AssetLookup asset = find_asset_cell(row, k_asset, context, false);
            claim.asset = std::string(asset.id);
            claim.asset_index = asset.index;
            claim.amount_text = std::string(row.cell(k_amount));
            claim.amount = row.amount(k_amount, asset, Sign::positive);
            row.count(totals, asset, claim.amount, k_amount);
            claim.filed_on = row.date(k_filed_on).value_or(Date{});
            claim.amends = std::string(row.identifier(k_amends));
            claim.line = row.line();
            if (!claim.id.empty()) {
                ids.insert(row.cell(k_claim_id), row, k_claim_id, "claim_id");
            }
            if (row.ok()) {
                context.loaded.claims.push_back(std::move(claim));
            }
        });
}

CsvReadResult load_transfers(std::string& text, LoadContext& context) {
    constexpr std::string_view file = "transfers.csv";
    const std::size_t rows_max = rows_count_max(text);
    UniqueIds ids(rows_max);
    context.loaded.transfers.reserve(rows_max);
    return read_csv(
        file, text, transfer_columns, context.diagnostics, [&](const CsvRecord& record) {
            RowChecker row(file, transfer_columns, record, context.diagnostics);
            Transfer transfer;
            transfer.id = std::string(row.identifier(t_transfer_id));
            // SPEC "transfers.csv": claim_id may name a deemed claim.
            transfer.claim_id = std::string(row.identifier(t_claim_id, deemed_prefix));
            transfer.from_id = std::string(row.identifier(t_from_id));
            transfer.to_id = std::string(row.identifier(t_to_id));
            transfer.effective_on = row.date(t_effective_on).value_or(Date{});
            transfer.line = row.line();
            if (!transfer.id.empty()) {
                ids.insert(row.cell(t_transfer_id), row, t_transfer_id, "transfer_id");
            }
            if (row.ok()) {
                context.loaded.transfers.push_back(std::move(transfer));
            }
        });
}

CsvReadResult load_determinations(std::string& text, LoadContext& context) {
    constexpr std::string_view file = "determinations.csv";
    const std::size_t rows_max = rows_count_max(text);
    UniqueIds ids(rows_max);
    context.loaded.determinations.reserve(rows_max);
    return read_csv(
        file, text, determination_columns, context.diagnostics, [&](const CsvRecord& record) {
            RowChecker row(file, determination_columns, record, context.diagnostics);
            DeterminationRow determination;
            // SPEC "determinations.csv": claim_id may name a deemed claim; once per claim.
            determination.claim_id = std::string(row.identifier(d_claim_id, deemed_prefix));
            determination.decision = row.choice<DeterminationDecision>(
                d_decision, decisions, DeterminationDecision::reject);
            const std::string_view amount = row.cell(d_amount);
            const std::string_view decision = row.cell(d_decision);
            if (amount.empty() && (decision == "admit" || decision == "dispute")) {
                row.error(d_amount, fmt::format("amount is empty; a value is required when "
                                                "decision is {}",
                                                decision));
            }
            if (!amount.empty()) {
                // Parsed by determination: the claim's asset decides its decimals.
                determination.amount_text = std::string(amount);
            }
            determination.reason = std::string(row.required(d_reason));
            if (determination.reason.find_first_of("\r\n") != std::string::npos) {
                row.error(d_reason, "reason must be one line; it contains a line break");
            }
            determination.decided_by = std::string(row.cell(d_decided_by));
            row.date(d_decided_on);
            determination.decided_on = std::string(row.cell(d_decided_on));
            determination.line = row.line();
            if (!determination.claim_id.empty()) {
                ids.insert(row.cell(d_claim_id), row, d_claim_id,
                           "claim_id");
            }
            if (row.ok()) {
                context.loaded.determinations.push_back(std::move(determination));
            }
        });
}

CsvReadResult load_payments(std::string& text, LoadContext& context) {
    constexpr std::string_view file = "payments.csv";
    FileTotals& totals = context.totals_of(file);
    context.loaded.payments.reserve(rows_count_max(text));
    return read_csv(
        file, text, payment_columns, context.diagnostics, [&](const CsvRecord& record) {
            RowChecker row(file, payment_columns, record, context.diagnostics);
            Payment payment;
            check_payee(row, context);
            payment.payee_id = std::string(row.cell(p_payee_id));
            const AssetLookup asset = find_asset_cell(row, p_asset, context, true);
            payment.asset_index = asset.index;
            payment.amount = row.amount(p_amount, asset, Sign::non_negative);
            row.count(totals, asset, payment.amount, p_amount);
            payment.tranche = parse_tranche(row);
            row.date(p_paid_on);
            payment.paid_on = std::string(row.cell(p_paid_on));
            payment.status =
                row.choice<PaymentStatus>(p_status, payment_statuses, PaymentStatus::paid);
            payment.line = row.line();
            if (row.ok()) {
                context.loaded.payments.push_back(std::move(payment));
            }
        });
}

}  // namespace kanzai::claims
