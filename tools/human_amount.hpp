// Amounts for people: thousands separators in the integer part of an exact decimal
// ("1234567.50000000" -> "1,234,567.50000000"). Only for human output (check, explain): CSV,
// JSON and case.db keep the plain SPEC form, which is what any program must read.
#pragma once

#include <string>
#include <string_view>

namespace kanzai::tools {

[[nodiscard]] inline std::string group_thousands(std::string_view amount) {
    const bool negative = !amount.empty() && amount.front() == '-';
    const std::string_view digits = negative ? amount.substr(1) : amount;
    const std::size_t point = digits.find('.');
    const std::string_view integer = digits.substr(0, point);
    std::string result = negative ? "-" : "";
    for (std::size_t i = 0; i < integer.size(); ++i) {
        if (i > 0 && (integer.size() - i) % 3 == 0) {
            result += ',';
        }
        result += integer[i];
    }
    if (point != std::string_view::npos) {
        result += digits.substr(point);
    }
    return result;
}

}  // namespace kanzai::tools
