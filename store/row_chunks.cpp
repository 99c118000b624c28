// Chunks of rows for case.db: CSV records appended without a string per field, compressed
// with zlib, and parsed back into reused fields (docs/case-db.md, "Schema").
#include "store/row_chunks.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <charconv>
#include <type_traits>

#include "claims/io_error.hpp"
#include "engine/assert.hpp"

namespace kanzai::claims {

namespace {

// RFC 4180: quoted only when it must be (a comma, a quote, a CR or an LF), quotes doubled.
void append_field(std::string& text, std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        text.append(field);
        return;
    }
    text += '"';
    for (const char c : field) {
        if (c == '"') {
            text += '"';
        }
        text += c;
    }
    text += '"';
}

void append_int(std::string& text, int value) {
    std::array<char, 16> digits{};
    const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), value);
    text.append(digits.data(), result.ptr);
}

template <typename... Fields>
void append_record(std::string& text, const Fields&... fields) {
    bool first = true;
    const auto one = [&](const auto& field) {
        if (!first) {
            text += ',';
        }
        first = false;
        if constexpr (std::is_same_v<std::decay_t<decltype(field)>, int>) {
            append_int(text, field);
        } else {
            append_field(text, field);
        }
    };
    (one(fields), ...);
    text += '\n';
}

[[noreturn]] void damaged(std::string_view what) {
    throw IoError(fmt::format("case.db: a chunk of rows is damaged ({})", what));
}

// Splits the records of a chunk into fields, reusing the strings of `fields`.
class RecordReader {
public:
    explicit RecordReader(std::string_view text) : text_(text) {}

    // The next record's fields; false at the end of the text.
    bool next(std::vector<std::string>& fields, std::size_t& count) {
        if (at_ == text_.size()) {
            return false;
        }
        count = 0;
        while (true) {
            if (count == fields.size()) {
                fields.emplace_back();
            }
            std::string& field = fields[count++];
            field.clear();
            read_field(field);
            if (at_ == text_.size()) {
                damaged("a record without its line end");
            }
            const char end = text_[at_++];
            if (end == '\n') {
                return true;
            }
            if (end != ',') {
                damaged("text after a quoted field");
            }
        }
    }

private:
    void read_field(std::string& field) {
        if (at_ < text_.size() && text_[at_] == '"') {
            ++at_;
            while (true) {
                const std::size_t quote = text_.find('"', at_);
                if (quote == std::string_view::npos) {
                    damaged("an unterminated quote");
                }
                field.append(text_.substr(at_, quote - at_));
                at_ = quote + 1;
                if (at_ < text_.size() && text_[at_] == '"') {
                    field += '"';
                    ++at_;
                    continue;
                }
                return;
            }
        }
        const std::size_t end = text_.find_first_of(",\n\"", at_);
        if (end == std::string_view::npos || text_[end] == '"') {
            damaged("a quote inside a field, or no line end");
        }
        field.append(text_.substr(at_, end - at_));
        at_ = end;
    }

    std::string_view text_;
    std::size_t at_ = 0;
};

int parse_int(const std::string& field) {
    int value = 0;
    const auto result = std::from_chars(field.data(), field.data() + field.size(), value);
    if (field.empty() || result.ec != std::errc{} || result.ptr != field.data() + field.size()) {
        damaged("an integer field is not an integer");
    }
    return value;
}

template <typename Row, typename Make>
std::size_t decode_rows(std::string_view text, std::size_t columns, std::vector<Row>& rows,
                        Make make) {
    RecordReader reader(text);
    std::vector<std::string> fields;
    std::size_t count = 0;
    std::size_t decoded = 0;
    while (reader.next(fields, count)) {
        if (count != columns) {
            damaged(fmt::format("a record of {} fields, not {}", count, columns));
        }
        rows.push_back(make(fields));
        ++decoded;
    }
    return decoded;
}

}  // namespace

std::string_view chunk_table_name(ChunkTable table) {
    switch (table) {
    case ChunkTable::decisions:
        return "decisions";
    case ChunkTable::allocations:
        return "allocations";
    case ChunkTable::payouts:
        break;
    }
    return "payouts";
}

void ChunkBuilder::add_key(std::string_view key) {
    if (chunk_.rows == 0) {
        chunk_.table = table_;
        chunk_.first_row = next_row_;
        chunk_.min_key.assign(key);
        chunk_.max_key.assign(key);
    } else if (key < chunk_.min_key) {
        chunk_.min_key.assign(key);
    } else if (key > chunk_.max_key) {
        chunk_.max_key.assign(key);
    }
    ++chunk_.rows;
    ++next_row_;
}

namespace {
bool is_one_of(std::string_view value, std::initializer_list<std::string_view> allowed) {
    return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}
}  // namespace

// The rules the version 1 row tables checked with CHECK and UNIQUE, checked here as each row
// comes: a row that breaks one is a bug of the run that produced it.
void ChunkBuilder::add(const DecisionRecord& d) {
    KANZAI_ASSERT(table_ == ChunkTable::decisions && !is_full());
    // decisions.csv is sorted by claim_id (bytes): ascending strictly, so each id once.
    KANZAI_ASSERT(next_row_ == 0 || d.claim_id > last_claim_id_);
    KANZAI_ASSERT(is_one_of(d.claim_class, {"", "customer", "subordinated"}));
    last_claim_id_.assign(d.claim_id);
    add_key(d.claim_id);
    append_record(chunk_.text, d.claim_id, d.customer_id, d.claimant_id, d.payee_id, d.asset,
                  d.filed, d.ledger, d.admitted, d.disputed, d.claim_class, d.code, d.reason,
                  d.value);
}

void ChunkBuilder::add(const AllocationRecord& a) {
    KANZAI_ASSERT(table_ == ChunkTable::allocations && !is_full());
    KANZAI_ASSERT(is_one_of(a.portion, {"admitted", "disputed"}) && a.tranche >= 1);
    add_key(a.claim_id);
    append_record(chunk_.text, a.claim_id, a.portion, a.source, a.asset, a.amount, a.tranche,
                  a.weight);
}

void ChunkBuilder::add(const PayoutRecord& p) {
    KANZAI_ASSERT(table_ == ChunkTable::payouts && !is_full());
    KANZAI_ASSERT(p.payout_id >= 1 && p.tranche >= 1);
    KANZAI_ASSERT(is_one_of(p.status, {"held_review", "frozen_sanctions", "held_disputed",
                                       "held_kyc", "below_minimum", "payable"}));
    add_key(p.payee_id);
    append_record(chunk_.text, p.payout_id, p.payee_id, p.asset, p.amount, p.tranche,
                  p.status);
}

RowChunk ChunkBuilder::take() {
    RowChunk taken = std::move(chunk_);
    chunk_ = RowChunk{};
    chunk_.text.reserve(taken.text.capacity());
    return taken;
}

std::string compress_chunk(std::string_view text) {
    uLongf size = compressBound(static_cast<uLong>(text.size()));
    std::string data(size, '\0');
    const int result =
        compress2(reinterpret_cast<Bytef*>(data.data()), &size,
                  reinterpret_cast<const Bytef*>(text.data()), static_cast<uLong>(text.size()), 1);
    KANZAI_ASSERT(result == Z_OK);  // the buffer is compressBound large
    if (size >= text.size()) {
        return std::string(text);
    }
    data.resize(size);
    return data;
}

std::string uncompress_chunk(std::string_view data, std::size_t bytes) {
    if (data.size() == bytes) {
        return std::string(data);  // stored as it is (sqlar: not smaller when compressed)
    }
    std::string text(bytes, '\0');
    uLongf size = static_cast<uLongf>(bytes);
    const int result = uncompress(reinterpret_cast<Bytef*>(text.data()), &size,
                                  reinterpret_cast<const Bytef*>(data.data()),
                                  static_cast<uLong>(data.size()));
    if (result != Z_OK || size != bytes) {
        damaged("it does not inflate to its recorded size");
    }
    return text;
}

std::size_t decode_chunk(std::string_view text, std::vector<DecisionRecord>& rows) {
    return decode_rows(text, 13, rows, [](std::vector<std::string>& f) {
        return DecisionRecord{f[0], f[1], f[2], f[3], f[4], f[5], f[6],
                              f[7], f[8], f[9], f[10], f[11], f[12]};
    });
}

std::size_t decode_chunk(std::string_view text, std::vector<AllocationRecord>& rows) {
    return decode_rows(text, 7, rows, [](std::vector<std::string>& f) {
        return AllocationRecord{f[0], f[1], f[2], f[3], f[4], parse_int(f[5]), f[6]};
    });
}

std::size_t decode_chunk(std::string_view text, std::vector<PayoutRecord>& rows) {
    return decode_rows(text, 6, rows, [](std::vector<std::string>& f) {
        return PayoutRecord{parse_int(f[0]), f[1], f[2], f[3], parse_int(f[4]), f[5]};
    });
}

}  // namespace kanzai::claims
