// zlib and base64 for the report's embedded claims data (see report_pack.hpp).
#include "tools/report/report_pack.hpp"

#include <stdexcept>

#include <zlib.h>

namespace kanzai::tools {

std::string zlib_compress(std::string_view text) {
    uLongf size = compressBound(static_cast<uLong>(text.size()));
    std::string out(size, '\0');
    // Level 6, zlib's default: the chunks are JSON of repeated ids and amounts, which level
    // 6 packs about 8:1; faster levels make a larger page that takes longer to open.
    const int status = compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                                 reinterpret_cast<const Bytef*>(text.data()),
                                 static_cast<uLong>(text.size()), 6);
    if (status != Z_OK) {
        throw std::runtime_error("zlib could not compress the report's claims data");
    }
    out.resize(size);
    return out;
}

std::string base64_encode(std::string_view bytes) {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t at = 0;
    for (; at + 3 <= bytes.size(); at += 3) {
        const auto n = static_cast<unsigned>(static_cast<unsigned char>(bytes[at])) << 16 |
                       static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 1])) << 8 |
                       static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 2]));
        out += alphabet[n >> 18 & 63];
        out += alphabet[n >> 12 & 63];
        out += alphabet[n >> 6 & 63];
        out += alphabet[n & 63];
    }
    const std::size_t rest = bytes.size() - at;
    if (rest > 0) {
        unsigned n = static_cast<unsigned>(static_cast<unsigned char>(bytes[at])) << 16;
        if (rest == 2) {
            n |= static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 1])) << 8;
        }
        out += alphabet[n >> 18 & 63];
        out += alphabet[n >> 12 & 63];
        out += rest == 2 ? alphabet[n >> 6 & 63] : '=';
        out += '=';
    }
    return out;
}

}  // namespace kanzai::tools
