// Streamed output files (tools/output_file.hpp).
#include "tools/run/output_file.hpp"

namespace kanzai::tools {

OutputFile::OutputFile(StagedDir* folder, std::string name) : name_(std::move(name)) {
    if (folder != nullptr) {
        file_.emplace(folder->create_file(name_));
    }
    buffer_.reserve(flush_bytes + (flush_bytes >> 2));
}

void OutputFile::flush() {
    digest_.update(buffer_);
    if (file_) {
        file_->write(buffer_);
    }
    buffer_.clear();
}

claims::FileHash OutputFile::close() {
    flush();
    if (file_) {
        file_->close();
    }
    return {.name = name_, .sha256 = digest_.hex()};
}

}  // namespace kanzai::tools
