// Fuzz target for the case.toml loader (claims/load/case_config.hpp, SPEC "case.toml").
// Properties: no crash, UB, leak, unbounded recursion or exception escaping on any bytes;
// every diagnostic names case.toml-relative positions as text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "claims/load/case_config.hpp"
#include "fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    kanzai::claims::Diagnostics diagnostics;
    const kanzai::claims::CaseConfigLoad load =
        kanzai::claims::load_case_config(text, diagnostics);
    for (const kanzai::claims::Diagnostic& diagnostic : diagnostics.sorted()) {
        FUZZ_CHECK(!diagnostic.message.empty());
    }
    (void)load;
    return 0;
}
