// The offline verifier page (tools/proof/verify.html, compiled in by CMake): one
// self-contained HTML file where a creditor opens or pastes a proof file and sees whether
// it is included under the published root.
#pragma once

#include <string>
#include <string_view>

namespace kanzai::tools {

// The page exactly as tools/proof/verify.html has it.
[[nodiscard]] std::string_view verify_page();

// The page with `proof_json` inside, checked as soon as the page opens. Every `<` of the JSON
// is written as the JSON escape \u003c, so that no text of a row can end the script block.
[[nodiscard]] std::string verify_page_with(std::string_view proof_json);

}  // namespace kanzai::tools
