// How the report embeds its claims data compactly: each chunk of JSON is compressed with zlib
// (the "deflate" format of the browser's DecompressionStream, so the page decompresses it
// without any library) and written as base64, which is safe inside a <script> element.
#pragma once

#include <string>
#include <string_view>

namespace kanzai::tools {

// zlib-compressed (RFC 1950) bytes of `text`. Throws std::runtime_error if zlib fails.
[[nodiscard]] std::string zlib_compress(std::string_view text);
// RFC 4648 base64 with padding.
[[nodiscard]] std::string base64_encode(std::string_view bytes);

}  // namespace kanzai::tools
