// A hash index from text ids to row indexes for millions of rows: open
// addressing over one flat array of (hash, index) slots, so that neither an insert nor a
// look-up allocates, and a look-up touches one slot array and the one row it confirms.
// The index does not store the ids: the caller passes `id_of(index)`, the id of a row,
// which is read only to confirm a hash match. So the index stays valid when the rows move
// (a growing vector) or are copied together with it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace kanzai::claims {

class IdIndex {
public:
    static constexpr std::uint32_t none = 0xFFFF'FFFF;

    // Room for `count` ids without growing.
    void reserve(std::size_t count) {
        std::size_t capacity = 16;
        while (capacity < count * 2) {  // at most half full: short probe runs
            capacity *= 2;
        }
        if (capacity > slots_.size()) {
            rehash(capacity);
        }
    }

    void clear() {
        slots_.clear();
        count_ = 0;
    }

    [[nodiscard]] std::size_t size() const { return count_; }

    // The index stored under `id`, or none.
    template <typename IdOf>
    [[nodiscard]] std::uint32_t find(std::string_view id, const IdOf& id_of) const {
        if (slots_.empty()) {
            return none;
        }
        const std::uint32_t hash = hash_of(id);
        for (std::size_t at = hash & mask(); slots_[at].index != none; at = (at + 1) & mask()) {
            if (slots_[at].hash == hash && id_of(slots_[at].index) == id) {
                return slots_[at].index;
            }
        }
        return none;
    }

    // Stores `index` under `id` when `id` is new and returns none; otherwise stores nothing
    // and returns the index already stored under `id`.
    template <typename IdOf>
    std::uint32_t insert(std::string_view id, std::uint32_t index, const IdOf& id_of) {
        if ((count_ + 1) * 2 > slots_.size()) {
            rehash(slots_.empty() ? 16 : slots_.size() * 2);
        }
        const std::uint32_t hash = hash_of(id);
        std::size_t at = hash & mask();
        for (; slots_[at].index != none; at = (at + 1) & mask()) {
            if (slots_[at].hash == hash && id_of(slots_[at].index) == id) {
                return slots_[at].index;
            }
        }
        slots_[at] = {.hash = hash, .index = index};
        ++count_;
        return none;
    }

private:
    struct Slot {
        std::uint32_t hash = 0;
        std::uint32_t index = none;  // none: an empty slot
    };

    static std::uint32_t hash_of(std::string_view id) {
        const std::size_t full = std::hash<std::string_view>{}(id);
        return static_cast<std::uint32_t>(full ^ (full >> 32));
    }
    [[nodiscard]] std::size_t mask() const { return slots_.size() - 1; }

    // The stored 32-bit hash places each slot again: no id is read while growing.
    void rehash(std::size_t capacity) {
        std::vector<Slot> old(capacity);
        old.swap(slots_);
        for (const Slot& slot : old) {
            if (slot.index == none) {
                continue;
            }
            std::size_t at = slot.hash & mask();
            while (slots_[at].index != none) {
                at = (at + 1) & mask();
            }
            slots_[at] = slot;
        }
    }

    std::vector<Slot> slots_;  // a power of two in size, at most half full
    std::size_t count_ = 0;
};

}  // namespace kanzai::claims
