// Rendering decision reasons from their structured parts (see reasons.hpp). Plain appends
// into the caller's string: this runs once per row of decisions.csv.
#include "claims/determine/reasons.hpp"

#include "engine/assert.hpp"
#include "engine/decimal.hpp"

namespace kanzai::claims {
namespace {

// "2026-04-01".
void append_date(std::string& out, Date date) {
    const auto digit = [](std::int32_t value) { return static_cast<char>('0' + value % 10); };
    const std::int32_t ymd = date.ymd;
    const std::int32_t year = ymd / 10000;
    if (year >= 10000 || year < 0) {
        out += date.text();  // never for a parsed date; kept exact all the same
        return;
    }
    const char text[] = {digit(year / 1000), digit(year / 100),   digit(year / 10),
                         digit(year),        '-',                 digit(ymd / 1000),
                         digit(ymd / 100),   '-',                 digit(ymd / 10),
                         digit(ymd)};
    out.append(text, sizeof text);
}

// "1.50000000 BTC": the asset's decimals, then its id.
void append_amount(std::string& out, Units amount, const Asset& asset) {
    engine::append_units(out, amount.count, asset.decimals);
    out += ' ';
    out += asset.id;
}

// "\"K1\"": a claim id of claims.csv in quotes.
void append_quoted_claim(std::string& out, const Case& loaded, std::uint32_t claim_index) {
    out += '"';
    out += loaded.claims[claim_index].id;
    out += '"';
}

// What the ledger says for (c,a) (see reasons.hpp).
void append_ledger(std::string& out, const Decision& decision, const Asset& asset) {
    out += "ledger ";
    if (!decision.has_entitlement) {
        append_amount(out, Units{0}, asset);
    } else if (decision.ledger_before.count < 0) {
        append_amount(out, decision.ledger_before, asset);
        out += ", a debt that counts as 0";
    } else if (decision.ledger != decision.ledger_before) {
        append_amount(out, decision.ledger, asset);
        out += " after set-off (";
        append_amount(out, decision.ledger_before, asset);
        out += " before)";
    } else {
        append_amount(out, decision.ledger_before, asset);
    }
}

// The decision of a standing claims.csv row, before its amendment note.
void append_standing(std::string& out, const Case& loaded, const Decision& decision) {
    const ClaimRow& claim = loaded.claims[decision.claim_index];
    switch (decision.code) {
        case DecisionCode::r_unknown_customer:
            out += "customer \"";
            out += claim.customer_id;
            out += "\" is not in customers.csv; claim of ";
            break;
        case DecisionCode::r_unknown_asset:
            out += "asset \"";
            out += claim.asset;
            out += "\" is not in case.toml; claim of ";
            break;
        case DecisionCode::r_late_barred:
            out += "filed ";
            append_date(out, decision.reason_date);
            out += ", after the bar date ";
            append_date(out, loaded.config.bar_date);
            out += "; late claims are barred";
            return;
        default: {
            const Asset& asset = loaded.config.assets[decision.asset_index];
            const Units filed = claim.amount;
            out += "filed ";
            append_amount(out, filed, asset);
            out += "; ";
            append_ledger(out, decision, asset);
            if (decision.code == DecisionCode::r_no_balance) {
                out += "; nothing to admit";
            } else if (decision.code == DecisionCode::a_matches_ledger) {
                out += "; admitted as filed";
            } else {
                // P-EXCESS-*: admitted what the ledger holds, the rest disputed or rejected.
                out += "; ";
                append_amount(out, decision.ledger, asset);
                out += " admitted, excess ";
                append_amount(out, sub(filed, decision.ledger), asset);
                out += decision.code == DecisionCode::p_excess_disputed ? " disputed"
                                                                        : " rejected";
            }
            return;
        }
    }
    // Both unknown-customer and unknown-asset rejections end alike.
    out += claim.amount_text;
    out += ' ';
    out += claim.asset;
    out += " rejected";
}

}  // namespace

void append_reason(std::string& out, const Case& loaded, const Decision& decision) {
    switch (decision.code) {
        case DecisionCode::o_determination:
            // SPEC "Determinations": the administrator's reason, verbatim, nothing appended.
            out += loaded.determinations[decision.reason_ref].reason;
            return;
        case DecisionCode::r_amended:
            out += "superseded by amendment ";
            append_quoted_claim(out, loaded, decision.reason_ref);
            return;
        case DecisionCode::r_duplicate:
            out += "duplicate of standing claim ";
            append_quoted_claim(out, loaded, decision.reason_ref);
            out += " of the same customer and asset, filed ";
            append_date(out, decision.reason_date);
            return;
        case DecisionCode::d_deemed:
            if (decision.reason_ref == no_index) {
                out += "no claim filed";
            } else {
                out += "standing claim ";
                append_quoted_claim(out, loaded, decision.reason_ref);
                out += " is barred as late";
            }
            out += "; ";
            append_ledger(out, decision, loaded.config.assets[decision.asset_index]);
            out += "; admitted as a deemed claim";
            break;
        default:
            KANZAI_ASSERT(decision.claim_index != no_index);
            append_standing(out, loaded, decision);
            // "; amends ...": tells the reader why a claim filed late may be timely.
            if (decision.reason_ref != no_index) {
                out += "; amends ";
                append_quoted_claim(out, loaded, decision.reason_ref);
                out += ", related back to the original filing on ";
                append_date(out, decision.reason_date);
            }
            break;
    }
    // SPEC "Class": why a subordinated decision ranks below customer claims.
    if (decision.claim_class != ClaimClass::subordinated) {
        return;
    }
    if (decision.late_suffix && decision.insider_suffix) {
        out += "; subordinated: filed after the bar date, and the customer is an insider or "
               "affiliate";
    } else if (decision.late_suffix) {
        out += "; subordinated: filed after the bar date";
    } else if (decision.insider_suffix) {
        out += "; subordinated: the customer is an insider or affiliate";
    }
}

std::string reason_of(const Case& loaded, const Decision& decision) {
    std::string out;
    append_reason(out, loaded, decision);
    return out;
}

}  // namespace kanzai::claims
