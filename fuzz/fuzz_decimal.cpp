// Fuzz target for the decimal parser (engine/decimal.hpp, SPEC "Amounts", "Prices"). The
// first byte picks `decimals` (0..18), the rest is the text. Properties: no crash or UB; an
// accepted amount matches the grammar `-?[0-9]+(\.[0-9]+)?` with at most `decimals`
// fractional digits, and formats back to a text that parses to the same count; the same
// for prices (no sign, at most 18 digits, below 10^20).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/decimal.hpp"
#include "fuzz/fuzz_check.hpp"

namespace {

using kanzai::engine::DecimalParse;

// The SPEC grammar, written independently of the parser. Returns the fraction digit count,
// or -1 when `text` does not match.
int grammar_fraction_digits(std::string_view text, bool allow_sign) {
    std::size_t index = 0;
    if (allow_sign && index < text.size() && text[index] == '-') {
        ++index;
    }
    const std::size_t integer_start = index;
    while (index < text.size() && text[index] >= '0' && text[index] <= '9') {
        ++index;
    }
    if (index == integer_start) {
        return -1;
    }
    if (index == text.size()) {
        return 0;
    }
    if (text[index] != '.') {
        return -1;
    }
    const std::size_t fraction_start = ++index;
    while (index < text.size() && text[index] >= '0' && text[index] <= '9') {
        ++index;
    }
    if (index == fraction_start || index != text.size()) {
        return -1;
    }
    return static_cast<int>(index - fraction_start);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const int decimals = data[0] % 19;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

    const DecimalParse amount = kanzai::engine::parse_amount(text, decimals);
    const int amount_digits = grammar_fraction_digits(text, true);
    if (amount.ok()) {
        FUZZ_CHECK(amount_digits >= 0 && amount_digits <= decimals);
        FUZZ_CHECK(amount.fraction_digits == amount_digits);
        const std::string formatted = kanzai::engine::format_units(amount.count, decimals);
        const DecimalParse again = kanzai::engine::parse_amount(formatted, decimals);
        FUZZ_CHECK(again.ok() && again.count == amount.count);
    } else {
        FUZZ_CHECK(amount.offset <= text.size());
        (void)kanzai::engine::describe(amount, text, decimals);
        // Below 20 characters a valid amount cannot exceed 2^127 - 1 units: rejecting it
        // would be rejecting valid input.
        FUZZ_CHECK(!(amount_digits >= 0 && amount_digits <= decimals && text.size() < 20));
    }

    const DecimalParse price = kanzai::engine::parse_price(text);
    if (price.ok()) {
        const int price_digits = grammar_fraction_digits(text, false);
        FUZZ_CHECK(price_digits >= 0 && price_digits <= 18);
        const std::string formatted =
            kanzai::engine::format_price(kanzai::engine::Price{price.count});
        const DecimalParse again = kanzai::engine::parse_price(formatted);
        FUZZ_CHECK(again.ok() && again.count == price.count);
    } else {
        FUZZ_CHECK(price.offset <= text.size());
        (void)kanzai::engine::describe(price, text, 18);
    }
    return 0;
}
