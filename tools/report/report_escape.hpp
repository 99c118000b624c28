// Escaping for the report and the notices: every string that comes from input files (ids,
// names, reasons) passes through one of these before it reaches HTML or embedded JSON.
#pragma once

#include <string>
#include <string_view>

namespace kanzai::tools {

// Text for HTML content and attribute values: & < > " ' become entities.
[[nodiscard]] std::string html_escape(std::string_view text);

// A JSON string literal (quotes included) that is also safe inside a <script> element:
// besides JSON's own escapes, < > & and U+2028/U+2029 are written as \u escapes, so no
// input can close the script element or start a comment.
[[nodiscard]] std::string json_script_string(std::string_view text);

}  // namespace kanzai::tools
