// What a TOML value is, in the words of an error message ("must be a table, not an array"),
// for case.toml and the stress scenario file alike. A template over toml++'s node so that this
// header need not include toml++, which stays out of headers (tests/tidy.sh).
#pragma once
#include <string_view>

namespace kanzai::claims {

template <class TomlNode>
std::string_view toml_type_name(const TomlNode& node) {
    if (node.is_string()) return "a string";
    if (node.is_integer()) return "an integer";
    if (node.is_floating_point()) return "a floating-point number";
    if (node.is_boolean()) return "a boolean";
    if (node.is_date()) return "a local date";
    if (node.is_time()) return "a local time";
    if (node.is_date_time()) return "a date-time";
    if (node.is_array()) return "an array";
    if (node.is_table()) return "a table";
    return "nothing";
}

}  // namespace kanzai::claims
