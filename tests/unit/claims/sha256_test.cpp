#include <doctest/doctest.h>

#include <string>

#include "claims/load/sha256.hpp"

using kanzai::claims::Sha256;
using kanzai::claims::sha256_hex;

TEST_CASE("sha256: fed piece by piece, the digest is the whole text's") {
    // FIPS 180-2's two-block vector, cut at every position.
    const std::string text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    const std::string expected =
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
    CHECK(sha256_hex(text) == expected);
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
        Sha256 digest;
        digest.update(std::string_view(text).substr(0, cut));
        digest.update(std::string_view(text).substr(cut));
        CHECK(digest.hex() == expected);
    }
}
