// SHA-256 through OpenSSL's EVP interface (the one OpenSSL 3 does not deprecate).
#include "claims/load/sha256.hpp"

#include <openssl/evp.h>

#include <array>

#include "engine/assert.hpp"

namespace kanzai::claims {

void Sha256::Free::operator()(evp_md_ctx_st* context) const { EVP_MD_CTX_free(context); }

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
    KANZAI_ASSERT(context_ != nullptr);
    KANZAI_ASSERT(EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr) == 1);
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
    KANZAI_ASSERT(context_ != nullptr);
    KANZAI_ASSERT(EVP_DigestUpdate(context_.get(), bytes.data(), bytes.size()) == 1);
}

std::string Sha256::hex() {
    KANZAI_ASSERT(context_ != nullptr);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int digest_size = 0;
    KANZAI_ASSERT(EVP_DigestFinal_ex(context_.get(), digest.data(), &digest_size) == 1);
    KANZAI_ASSERT(digest_size == 32);
    context_.reset();
    constexpr char hex_digits[] = "0123456789abcdef";
    std::string result;
    result.reserve(64);
    for (unsigned int i = 0; i < digest_size; ++i) {
        result += hex_digits[digest[i] >> 4];
        result += hex_digits[digest[i] & 0x0F];
    }
    return result;
}

std::string sha256_hex(std::string_view bytes) {
    Sha256 digest;
    digest.update(bytes);
    return digest.hex();
}

}  // namespace kanzai::claims
