// An environment failure (permission denied, disk full, a locked database): exit code 4.
#pragma once

#include <stdexcept>
#include <string>

namespace kanzai::claims {

struct IoError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace kanzai::claims
