// The inline stylesheet and script of the review report (no external assets: the file must
// work offline and be archived with the case).
#pragma once

#include <string_view>

namespace kanzai::tools {

[[nodiscard]] std::string_view report_css();
[[nodiscard]] std::string_view report_script();

}  // namespace kanzai::tools
