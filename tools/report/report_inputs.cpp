// Loads the run's own inputs (see report_inputs.hpp).
#include "tools/report/report_inputs.hpp"

#include <fmt/format.h>

#include "claims/load/load_case.hpp"

namespace kanzai::tools {

std::string inputs_mismatch(const claims::Case& loaded, const claims::RunRecord& run) {
    std::vector<std::string> changed;
    std::size_t at = 0;
    for (const claims::FileHash& recorded : run.inputs) {
        while (at < loaded.inputs.size() && loaded.inputs[at].name < recorded.name) {
            changed.push_back(loaded.inputs[at].name + " (added)");
            ++at;
        }
        if (at < loaded.inputs.size() && loaded.inputs[at].name == recorded.name) {
            if (loaded.inputs[at].sha256 != recorded.sha256) {
                changed.push_back(recorded.name + " (changed)");
            }
            ++at;
        } else {
            changed.push_back(recorded.name + " (removed)");
        }
    }
    for (; at < loaded.inputs.size(); ++at) {
        changed.push_back(loaded.inputs[at].name + " (added)");
    }
    if (changed.empty()) {
        return "";
    }
    std::string list;
    for (const std::string& name : changed) {
        list += (list.empty() ? "" : ", ") + name;
    }
    return fmt::format("the case folder's inputs are no longer this run's: {}", list);
}

RunInputs load_run_inputs(const std::string& case_folder, const claims::RunRecord& run) {
    claims::Diagnostics diagnostics;
    claims::Case loaded = claims::load_case(case_folder, diagnostics);
    if (!diagnostics.empty()) {
        return {std::nullopt, fmt::format("the case folder no longer loads ({} input error(s): "
                                          "`kanzai check` lists them)",
                                          diagnostics.size())};
    }
    std::string why_not = inputs_mismatch(loaded, run);
    if (!why_not.empty()) {
        return {std::nullopt, std::move(why_not)};
    }
    return {std::move(loaded), ""};
}

}  // namespace kanzai::tools
