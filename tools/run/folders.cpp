// Finding run folders; telling occupied output folders.
#include "tools/run/folders.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>

namespace kanzai::tools {

int last_run_folder(const std::filesystem::path& out) {
    int last = 0;
    std::error_code error;
    if (!std::filesystem::is_directory(out, error)) {
        return 0;
    }
    for (const auto& entry : std::filesystem::directory_iterator(out, error)) {
        std::string name = entry.path().filename().string();
        // A folder set aside as published but never recorded keeps its number taken.
        if (name.ends_with(".unrecorded")) {
            name.resize(name.size() - std::string_view(".unrecorded").size());
        }
        if (name.size() >= 8 && name.rfind("run-", 0) == 0 &&
            name.find_first_not_of("0123456789", 4) == std::string::npos) {
            last = std::max(last, std::atoi(name.c_str() + 4));
        }
    }
    return last;
}

bool is_occupied(const std::filesystem::path& path) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
        return false;
    }
    return !std::filesystem::is_directory(path, error) || !std::filesystem::is_empty(path, error);
}

}  // namespace kanzai::tools
