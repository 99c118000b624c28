// The verifier page and a proof embedded in it (see verify_page.hpp).
#include "tools/proof/verify_page.hpp"

#include "engine/assert.hpp"

namespace kanzai::tools {

extern const char verify_page_text[];  // generated from tools/proof/verify.html

namespace {

constexpr std::string_view embedded_proof_block =
    "<script type=\"application/json\" id=\"embedded-proof\"></script>";

}  // namespace

std::string_view verify_page() { return verify_page_text; }

std::string verify_page_with(std::string_view proof_json) {
    std::string page(verify_page());
    const std::size_t at = page.find(embedded_proof_block);
    KANZAI_ASSERT(at != std::string::npos);
    std::string escaped;
    for (const char c : proof_json) {
        escaped += c == '<' ? std::string_view("\\u003c") : std::string_view(&c, 1);
    }
    const std::size_t content_at = at + embedded_proof_block.find("></script>") + 1;
    page.insert(content_at, escaped);
    return page;
}

}  // namespace kanzai::tools
