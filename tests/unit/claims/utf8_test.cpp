#include "claims/load/utf8.hpp"

#include <doctest/doctest.h>

#include <string>

using kanzai::claims::first_invalid_utf8;

TEST_CASE("utf8: well-formed text passes, including every sequence length") {
    CHECK_FALSE(first_invalid_utf8("").has_value());
    CHECK_FALSE(first_invalid_utf8("plain ASCII, 123").has_value());
    CHECK_FALSE(first_invalid_utf8("管財 ¥200,000 €").has_value());
    CHECK_FALSE(first_invalid_utf8("\xF0\x9F\x92\xB4 \xF4\x8F\xBF\xBF").has_value());  // U+10FFFF
}

TEST_CASE("utf8: the offset of the first ill-formed byte") {
    CHECK(first_invalid_utf8(std::string("ab\x80", 3)) == 2);          // lone continuation
    CHECK(first_invalid_utf8(std::string("a\xC0\xAF", 3)) == 1);       // overlong '/'
    CHECK(first_invalid_utf8(std::string("\xE0\x80\xAF", 3)) == 0);    // overlong, 3 bytes
    CHECK(first_invalid_utf8(std::string("x\xED\xA0\x80", 4)) == 1);   // a surrogate
    CHECK(first_invalid_utf8(std::string("\xF4\x90\x80\x80", 4)) == 0);  // above U+10FFFF
    CHECK(first_invalid_utf8(std::string("ok\xE6\xBC", 4)) == 2);      // truncated at the end
    CHECK(first_invalid_utf8(std::string("\xFF", 1)) == 0);
}
