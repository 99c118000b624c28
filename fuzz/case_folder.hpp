// Writes a fuzz input as a case folder, for the targets that load whole cases: the input is
// a list of files, each introduced by a line `--- NAME` (fuzz/pack_case.py packs a folder),
// bytes before the first such line are ignored. Only the names of SPEC "The case folder"
// are written, so no input can write outside the folder. The folder is per process,
// emptied for every input and removed at exit.
#pragma once

#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

namespace kanzai::fuzz {

inline constexpr std::array<std::string_view, 11> case_file_names = {
    "case.toml",       "customers.csv",      "creditors.csv", "ledger.csv",
    "claims.csv",      "holdings.csv",       "identities.csv", "transfers.csv",
    "determinations.csv", "payments.csv",    "elections.csv"};

inline bool is_case_file(std::string_view name) {
    for (const std::string_view known : case_file_names) {
        if (name == known) {
            return true;
        }
    }
    return false;
}

// A folder of this process under the temporary folder, emptied; removed at exit.
inline const std::filesystem::path& empty_folder(const std::string& prefix) {
    struct Folder {
        std::filesystem::path path;
        ~Folder() {
            std::error_code ignored;
            std::filesystem::remove_all(path, ignored);
        }
    };
    static const Folder folder{std::filesystem::temp_directory_path() /
                               (prefix + std::to_string(getpid()))};
    std::filesystem::remove_all(folder.path);
    std::filesystem::create_directories(folder.path);
    return folder.path;
}

// The folder, emptied, with the files of `data` in it.
inline std::filesystem::path write_case_folder(const std::uint8_t* data, std::size_t size) {
    const std::filesystem::path& folder = empty_folder("kanzai-fuzz-case-");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::size_t at = text.starts_with("--- ") ? 0 : text.find("\n--- ");
    while (at != std::string_view::npos) {
        at += text[at] == '\n' ? std::size_t{1} : std::size_t{0};
        const std::size_t name_end = text.find('\n', at);
        if (name_end == std::string_view::npos) {
            break;
        }
        const std::string_view name = text.substr(at + 4, name_end - at - 4);
        const std::size_t next = text.find("\n--- ", name_end);
        const std::size_t end = next == std::string_view::npos ? text.size() : next + 1;
        if (is_case_file(name)) {
            std::ofstream(folder / std::string(name), std::ios::binary)
                << text.substr(name_end + 1, end - name_end - 1);
        }
        at = next;
    }
    return folder;
}

}  // namespace kanzai::fuzz
