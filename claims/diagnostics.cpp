// Collecting and ordering input errors.
#include "claims/diagnostics.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace kanzai::claims {

std::string Diagnostic::text() const {
    if (loc.column == 0) {
        return fmt::format("{}:{}: {}", loc.file, loc.line, message);
    }
    return fmt::format("{}:{}:{}: {}", loc.file, loc.line, loc.column, message);
}

void Diagnostics::error(SourceLoc loc, std::string message) {
    errors_.push_back({std::move(loc), std::move(message)});
}

std::vector<Diagnostic> Diagnostics::sorted() const {
    std::vector<Diagnostic> result = errors_;
    std::sort(result.begin(), result.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.loc.file, a.loc.line, a.loc.column, a.message) <
               std::tie(b.loc.file, b.loc.line, b.loc.column, b.message);
    });
    result.erase(std::unique(result.begin(), result.end(),
                             [](const Diagnostic& a, const Diagnostic& b) {
                                 return a.text() == b.text();
                             }),
                 result.end());
    return result;
}

}  // namespace kanzai::claims
