// Output folders of the commands: the run folders CASE/out/run-NNNN/ (SPEC "Outputs of a
// run") and the rule that a command never writes into an occupied folder.
#pragma once

#include <filesystem>

namespace kanzai::tools {

// The largest NNNN of the run-NNNN (and run-NNNN.unrecorded) folders in `out`; 0 when there
// are none (or no `out`).
[[nodiscard]] int last_run_folder(const std::filesystem::path& out);

// True when `path` exists and is a file or a non-empty folder: `run --out`, `init`, `synth`
// and `notices --out` refuse such a target with exit 4 and write nothing.
[[nodiscard]] bool is_occupied(const std::filesystem::path& path);

}  // namespace kanzai::tools
