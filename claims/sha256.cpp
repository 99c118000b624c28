// SHA-256 through OpenSSL's EVP interface (the one OpenSSL 3 does not deprecate).
#include "claims/sha256.hpp"

#include <openssl/evp.h>

#include <array>
#include <memory>

#include "engine/assert.hpp"

namespace kanzai::claims {

std::string sha256_hex(std::string_view bytes) {
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                          &EVP_MD_CTX_free);
    KANZAI_ASSERT(context != nullptr);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int digest_size = 0;
    KANZAI_ASSERT(EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) == 1);
    KANZAI_ASSERT(EVP_DigestUpdate(context.get(), bytes.data(), bytes.size()) == 1);
    KANZAI_ASSERT(EVP_DigestFinal_ex(context.get(), digest.data(), &digest_size) == 1);
    KANZAI_ASSERT(digest_size == 32);
    constexpr char hex[] = "0123456789abcdef";
    std::string result;
    result.reserve(64);
    for (unsigned int i = 0; i < digest_size; ++i) {
        result += hex[digest[i] >> 4];
        result += hex[digest[i] & 0x0F];
    }
    return result;
}

}  // namespace kanzai::claims
