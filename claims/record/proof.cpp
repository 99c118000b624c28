// The Merkle tree of SPEC "Proof of distribution", through OpenSSL's EVP and HMAC.
#include "claims/record/proof.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>

#include "engine/assert.hpp"

namespace kanzai::claims {
namespace {

constexpr std::uint8_t leaf_prefix = 0x00;
constexpr std::uint8_t node_prefix = 0x01;
constexpr std::size_t salt_size = 32;

std::string_view view_of(const Digest& digest) {
    return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

std::string_view view_of(const std::uint8_t& byte) {
    return {reinterpret_cast<const char*>(&byte), 1};
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

struct FreeMd {
    void operator()(EVP_MD* md) const { EVP_MD_free(md); }
};
struct FreeMdContext {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
struct FreeMac {
    void operator()(EVP_MAC* mac) const { EVP_MAC_free(mac); }
};
struct FreeMacContext {
    void operator()(EVP_MAC_CTX* context) const { EVP_MAC_CTX_free(context); }
};

}  // namespace

struct ProofHasher::Impl {
    std::unique_ptr<EVP_MD, FreeMd> sha256;
    std::unique_ptr<EVP_MD_CTX, FreeMdContext> digest;
    std::unique_ptr<EVP_MAC_CTX, FreeMacContext> hmac;  // keyed once; null without a key

    // SHA-256 of the concatenation of `parts`.
    Digest sha256_of(std::initializer_list<std::string_view> parts) {
        KANZAI_ASSERT(EVP_DigestInit_ex2(digest.get(), sha256.get(), nullptr) == 1);
        for (const std::string_view part : parts) {
            KANZAI_ASSERT(EVP_DigestUpdate(digest.get(), part.data(), part.size()) == 1);
        }
        Digest result{};
        unsigned int result_size = 0;
        KANZAI_ASSERT(EVP_DigestFinal_ex(digest.get(), result.data(), &result_size) == 1);
        KANZAI_ASSERT(result_size == result.size());
        return result;
    }
};

ProofHasher::ProofHasher(const std::optional<std::string>& key) : impl_(std::make_unique<Impl>()) {
    impl_->sha256.reset(EVP_MD_fetch(nullptr, "SHA256", nullptr));
    KANZAI_ASSERT(impl_->sha256 != nullptr);
    impl_->digest.reset(EVP_MD_CTX_new());
    KANZAI_ASSERT(impl_->digest != nullptr);
    if (!key) {
        return;
    }
    const std::unique_ptr<EVP_MAC, FreeMac> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    KANZAI_ASSERT(mac != nullptr);
    impl_->hmac.reset(EVP_MAC_CTX_new(mac.get()));
    KANZAI_ASSERT(impl_->hmac != nullptr);
    char digest_name[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
        OSSL_PARAM_construct_end()};
    KANZAI_ASSERT(EVP_MAC_init(impl_->hmac.get(),
                               reinterpret_cast<const unsigned char*>(key->data()), key->size(),
                               params) == 1);
}

ProofHasher::~ProofHasher() = default;
ProofHasher::ProofHasher(ProofHasher&&) noexcept = default;
ProofHasher& ProofHasher::operator=(ProofHasher&&) noexcept = default;

std::string ProofHasher::salt(std::string_view payee_id) {
    if (impl_->hmac == nullptr) {
        return {};
    }
    EVP_MAC_CTX* hmac = impl_->hmac.get();
    // A null key restarts the MAC under the key given at construction (OpenSSL 3).
    KANZAI_ASSERT(EVP_MAC_init(hmac, nullptr, 0, nullptr) == 1);
    KANZAI_ASSERT(EVP_MAC_update(hmac, reinterpret_cast<const unsigned char*>(payee_id.data()),
                                 payee_id.size()) == 1);
    std::string salt(salt_size, '\0');
    std::size_t written = 0;
    KANZAI_ASSERT(EVP_MAC_final(hmac, reinterpret_cast<unsigned char*>(salt.data()), &written,
                                salt.size()) == 1);
    KANZAI_ASSERT(written == salt_size);
    return salt;
}

Digest ProofHasher::leaf(std::string_view salt, std::string_view row) {
    return impl_->sha256_of({view_of(leaf_prefix), salt, row});
}

Digest ProofHasher::node(const Digest& left, const Digest& right) {
    return impl_->sha256_of({view_of(node_prefix), view_of(left), view_of(right)});
}

std::string payee_salt(const std::optional<std::string>& key, std::string_view payee_id) {
    return ProofHasher(key).salt(payee_id);
}

Digest leaf_digest(std::string_view salt, std::string_view row) {
    return ProofHasher(std::nullopt).leaf(salt, row);
}

Digest empty_root() {
    Digest digest{};
    unsigned int digest_size = 0;
    KANZAI_ASSERT(EVP_Digest(nullptr, 0, digest.data(), &digest_size, EVP_sha256(), nullptr) == 1);
    KANZAI_ASSERT(digest_size == digest.size());
    return digest;
}

std::string hex_of(std::string_view bytes) {
    constexpr char hex_digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        text += hex_digits[byte >> 4];
        text += hex_digits[byte & 0x0F];
    }
    return text;
}

std::string hex_of(const Digest& digest) { return hex_of(view_of(digest)); }

std::optional<std::string> bytes_of_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) {
        return std::nullopt;
    }
    std::string bytes;
    bytes.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = hex_value(hex[i]);
        const int low = hex_value(hex[i + 1]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        bytes += static_cast<char>(high * 16 + low);
    }
    return bytes;
}

std::optional<Digest> digest_of_hex(std::string_view hex) {
    const std::optional<std::string> bytes = bytes_of_hex(hex);
    if (!bytes || bytes->size() != Digest{}.size()) {
        return std::nullopt;
    }
    Digest digest{};
    for (std::size_t i = 0; i < digest.size(); ++i) {
        digest[i] = static_cast<std::uint8_t>((*bytes)[i]);
    }
    return digest;
}

void MerkleRootBuilder::add_row(std::string_view payee_id, std::string_view row) {
    if (!salt_payee_id_ || *salt_payee_id_ != payee_id) {
        salt_ = hasher_.salt(payee_id);
        salt_payee_id_ = std::string(payee_id);
    }
    Pending node{.level = 0, .digest = hasher_.leaf(salt_, row)};
    while (!stack_.empty() && stack_.back().level == node.level) {
        node = {.level = node.level + 1, .digest = hasher_.node(stack_.back().digest, node.digest)};
        stack_.pop_back();
    }
    stack_.push_back(node);
    ++leaves_count_;
}

ProofRoot MerkleRootBuilder::finish() {
    ProofRoot proof{.root = empty_root(), .leaves_count = leaves_count_, .is_salted = is_salted_};
    if (stack_.empty()) {
        return proof;
    }
    // Levels strictly decrease up the stack; the lowest node climbs unpaired until it is
    // the right sibling of the next one.
    Digest right = stack_.back().digest;
    for (std::size_t at = stack_.size() - 1; at > 0; --at) {
        KANZAI_ASSERT(stack_[at - 1].level > stack_[at].level);
        right = hasher_.node(stack_[at - 1].digest, right);
    }
    proof.root = right;
    return proof;
}

std::vector<std::vector<Digest>> merkle_levels(std::vector<Digest> leaves) {
    ProofHasher hasher(std::nullopt);
    std::vector<std::vector<Digest>> levels;
    levels.push_back(std::move(leaves));
    while (levels.back().size() > 1) {
        const std::vector<Digest>& below = levels.back();
        std::vector<Digest> above;
        above.reserve((below.size() + 1) / 2);
        for (std::size_t i = 0; i + 1 < below.size(); i += 2) {
            above.push_back(hasher.node(below[i], below[i + 1]));
        }
        if (below.size() % 2 == 1) {
            above.push_back(below.back());  // SPEC: an unpaired last node moves up unchanged
        }
        levels.push_back(std::move(above));
    }
    return levels;
}

Digest root_of_levels(const std::vector<std::vector<Digest>>& levels) {
    KANZAI_ASSERT(!levels.empty());
    if (levels.back().empty()) {
        return empty_root();
    }
    KANZAI_ASSERT(levels.back().size() == 1);
    return levels.back().front();
}

std::vector<PathStep> path_steps(std::size_t index, std::size_t leaves_count) {
    KANZAI_ASSERT(index < leaves_count);
    std::vector<PathStep> steps;
    std::size_t level = 0;
    for (std::size_t size = leaves_count; size > 1; size = (size + 1) / 2) {
        if (index % 2 == 1) {
            steps.push_back({.level = level, .side = Side::left});
        } else if (index + 1 < size) {
            steps.push_back({.level = level, .side = Side::right});
        }
        index /= 2;
        ++level;
    }
    return steps;
}

std::vector<Side> path_sides(std::size_t index, std::size_t leaves_count) {
    std::vector<Side> sides;
    for (const PathStep& step : path_steps(index, leaves_count)) {
        sides.push_back(step.side);
    }
    return sides;
}

std::size_t top_level(std::size_t leaves_count) {
    std::size_t level = 0;
    for (std::size_t size = leaves_count; size > 1; size = (size + 1) / 2) {
        ++level;
    }
    return level;
}

std::vector<PathEntry> path_of(const std::vector<std::vector<Digest>>& levels, std::size_t index) {
    KANZAI_ASSERT(!levels.empty());
    KANZAI_ASSERT(index < levels.front().size());
    std::vector<PathEntry> path;
    for (std::size_t level = 0; level + 1 < levels.size(); ++level) {
        const std::vector<Digest>& nodes = levels[level];
        if (index % 2 == 1) {
            path.push_back({.side = Side::left, .digest = nodes[index - 1]});
        } else if (index + 1 < nodes.size()) {
            path.push_back({.side = Side::right, .digest = nodes[index + 1]});
        }
        index /= 2;
    }
    return path;
}

Digest climb(const Digest& leaf, const std::vector<PathEntry>& path) {
    ProofHasher hasher(std::nullopt);
    Digest node = leaf;
    for (const PathEntry& entry : path) {
        node = entry.side == Side::left ? hasher.node(entry.digest, node)
                                        : hasher.node(node, entry.digest);
    }
    return node;
}

}  // namespace kanzai::claims
