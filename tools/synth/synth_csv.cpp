// Buffered CSV writing for `kanzai synth`: one fwrite per megabyte.
#include "tools/synth/synth_csv.hpp"

#include "claims/io_error.hpp"

namespace kanzai::tools {

CsvFile::CsvFile(const std::filesystem::path& path, std::string_view header)
    : path_(path), file_(std::fopen(path.c_str(), "wb")) {
    if (file_ == nullptr) {
        throw claims::IoError(fmt::format("cannot create {}", path.string()));
    }
    buffer_.reserve(flush_bytes + 4096);
    buffer_.append(header);
    buffer_.push_back('\n');
}

CsvFile::~CsvFile() {
    if (file_ != nullptr) {
        std::fclose(file_);  // only on an error path: close() reports failures
    }
}

void CsvFile::flush() {
    if (!buffer_.empty() &&
        std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
        throw claims::IoError(fmt::format("cannot write {}", path_.string()));
    }
    buffer_.clear();
}

void CsvFile::close() {
    flush();
    std::FILE* file = file_;
    file_ = nullptr;
    if (std::fclose(file) != 0) {
        throw claims::IoError(fmt::format("cannot close {}", path_.string()));
    }
}

}  // namespace kanzai::tools
