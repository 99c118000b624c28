// Owned text with stable addresses: strings appended once and read as std::string_view
// for as long as the pool lives (one allocation per 64 KiB instead of one
// std::string per id). Moving the pool keeps every view valid; copying it is not allowed.
#pragma once

#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <string_view>
#include <vector>

namespace kanzai::claims {

class TextPool {
public:
    TextPool() = default;
    TextPool(const TextPool&) = delete;
    TextPool& operator=(const TextPool&) = delete;
    TextPool(TextPool&&) noexcept = default;
    TextPool& operator=(TextPool&&) noexcept = default;
    ~TextPool() = default;

    // Stores the concatenation of `parts` and returns a view of it. Earlier views stay valid.
    std::string_view add(std::initializer_list<std::string_view> parts) {
        std::size_t size = 0;
        for (const std::string_view part : parts) {
            size += part.size();
        }
        if (size > left_) {
            const std::size_t chunk = size > chunk_size ? size : chunk_size;
            // Not zeroed: every byte is written before it is read.
            chunks_.push_back(std::make_unique_for_overwrite<char[]>(chunk));
            next_ = chunks_.back().get();
            left_ = chunk;
        }
        char* const start = next_;
        for (const std::string_view part : parts) {
            if (!part.empty()) {
                std::memcpy(next_, part.data(), part.size());
                next_ += part.size();
            }
        }
        left_ -= size;
        return {start, size};
    }

private:
    static constexpr std::size_t chunk_size = std::size_t{64} * 1024;
    std::vector<std::unique_ptr<char[]>> chunks_;
    char* next_ = nullptr;
    std::size_t left_ = 0;
};

}  // namespace kanzai::claims
