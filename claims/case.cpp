// Small helpers of the loaded case: dates, enum spellings, look-ups, valuations.
#include "claims/case.hpp"

#include <fmt/format.h>

namespace kanzai::claims {

std::string Date::text() const {
    return fmt::format("{:04}-{:02}-{:02}", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    int fields[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int f = 0; f < 3; ++f) {
        for (std::size_t i = 0; i < lengths[f]; ++i) {
            const char c = text[starts[f] + i];
            if (c < '0' || c > '9') {
                return std::nullopt;
            }
            fields[f] = fields[f] * 10 + (c - '0');
        }
    }
    const int year = fields[0];
    const int month = fields[1];
    const int day = fields[2];
    if (month < 1 || month > 12 || day < 1) {
        return std::nullopt;
    }
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int days_in_month[12] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (day > days_in_month[month - 1]) {
        return std::nullopt;
    }
    return Date{year * 10000 + month * 100 + day};
}

std::string_view text_of(CustomerKind value) {
    constexpr std::string_view names[] = {"retail", "corporate", "insider", "affiliate",
                                          "assignee"};
    return names[static_cast<int>(value)];
}
std::string_view text_of(Kyc value) {
    constexpr std::string_view names[] = {"verified", "pending", "failed"};
    return names[static_cast<int>(value)];
}
std::string_view text_of(Custody value) {
    constexpr std::string_view names[] = {"cold",      "hot",       "trust_bank",
                                          "custodian", "guarantee", "other"};
    return names[static_cast<int>(value)];
}
std::string_view text_of(HoldingStatus value) {
    constexpr std::string_view names[] = {"held", "frozen", "lost"};
    return names[static_cast<int>(value)];
}
std::string_view text_of(CreditorClass value) {
    constexpr std::string_view names[] = {"admin", "priority", "general", "subordinated"};
    return names[static_cast<int>(value)];
}
std::string_view text_of(DeterminationDecision value) {
    constexpr std::string_view names[] = {"admit", "reject", "dispute"};
    return names[static_cast<int>(value)];
}
std::string_view text_of(FundKind value) {
    constexpr std::string_view names[] = {"reserve", "insurance"};
    return names[static_cast<int>(value)];
}
std::string_view text_of(Leftover value) {
    constexpr std::string_view names[] = {"estate", "next"};
    return names[static_cast<int>(value)];
}

std::string_view text_of(PaymentStatus value) {
    constexpr std::string_view names[] = {"paid", "failed", "returned"};
    return names[static_cast<int>(value)];
}

std::string_view text_of(PaidIn value) {
    constexpr std::string_view names[] = {"kind", "cash"};
    return names[static_cast<int>(value)];
}

std::string_view text_of(ElectionKind value) {
    constexpr std::string_view names[] = {"kind", "cash", "convert", "convenience"};
    return names[static_cast<int>(value)];
}

std::uint32_t CaseConfig::find_asset(std::string_view id) const {
    for (std::uint32_t i = 0; i < assets.size(); ++i) {
        if (assets[i].id == id) {
            return i;
        }
    }
    return no_index;
}

engine::Valuation CaseConfig::valuation(std::uint32_t asset_index) const {
    return {.asset_decimals = assets[asset_index].decimals,
            .currency_decimals = currency().decimals,
            .price = assets[asset_index].price,
            .rounding = rules.valuation_rounding};
}

engine::Valuation CaseConfig::estate_valuation(std::uint32_t asset_index) const {
    engine::Valuation result = valuation(asset_index);
    result.price = assets[asset_index].estate_price;
    return result;
}

std::uint32_t Case::find_customer(std::string_view id) const {
    static_assert(no_index == IdIndex::none);
    return customer_index_by_id.find(
        id, [this](std::uint32_t index) -> std::string_view { return customers[index].id; });
}

std::uint32_t Case::index_customer(std::uint32_t index) {
    return customer_index_by_id.insert(
        customers[index].id, index,
        [this](std::uint32_t other) -> std::string_view { return customers[other].id; });
}

std::uint32_t Case::column_of(std::string_view file, std::string_view column) const {
    const auto found = csv_headers.find(file);
    if (found == csv_headers.end()) {
        return 0;
    }
    const std::vector<std::string>& names = found->second;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == column) {
            return static_cast<std::uint32_t>(i + 1);
        }
    }
    return 0;
}

}  // namespace kanzai::claims
