// The rows of decisions, allocations and payouts as case.db (schema version 2) stores them:
// chunks of consecutive rows, each chunk one CSV text (one record per row, no header) in the
// SQLite archive format (zlib `compress()` stream, or the raw bytes when that is not smaller),
// so the sqlite3 shell reads one with `sqlar_uncompress(data, bytes)`. A chunk carries the
// smallest and largest key of its rows (claim id; payee id for payouts), so a reader finds
// one claim's rows by reading a few chunks. Internal to store/ (docs/case-db.md).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "claims/record/run_record.hpp"

namespace kanzai::claims {

enum class ChunkTable { decisions, allocations, payouts };

// "decisions", "allocations", "payouts": the `tbl` column of row_chunks.
[[nodiscard]] std::string_view chunk_table_name(ChunkTable table);

// Rows per chunk: one chunk of decisions is about 600 KB before compression, inflated in
// about a millisecond; a 1M-customer run has about 2,300 chunks instead of 9.4M rows.
inline constexpr int chunk_rows = 4096;

struct RowChunk {
    ChunkTable table = ChunkTable::decisions;
    int first_row = 0;  // the 0-based position of its first row in its output file
    int rows = 0;
    std::string min_key;
    std::string max_key;
    std::string text;  // the rows as CSV records, uncompressed
};

// Collects one table's rows, in output order, into chunks of chunk_rows rows. Checks each
// row against the rules of its table (decisions in strictly ascending claim_id order, class,
// portion, tranche, payout id and status): a row that breaks one is an invariant violation.
class ChunkBuilder {
public:
    explicit ChunkBuilder(ChunkTable table) : table_(table) {}

    void add(const DecisionRecord& decision);
    void add(const AllocationRecord& allocation);
    void add(const PayoutRecord& payout);

    [[nodiscard]] bool is_full() const { return chunk_.rows == chunk_rows; }
    [[nodiscard]] bool is_empty() const { return chunk_.rows == 0; }
    // The rows added since the last take(); the next chunk starts after them.
    [[nodiscard]] RowChunk take();

private:
    void add_key(std::string_view key);
    ChunkTable table_;
    RowChunk chunk_;
    int next_row_ = 0;
    std::string last_claim_id_;  // decisions: the previous row's, for the order check
};

// The SQLite archive encoding of `text` (zlib level 1: the run's second core compresses
// while the first renders); `text` itself when compressing does not make it smaller.
[[nodiscard]] std::string compress_chunk(std::string_view text);
// The inverse: `bytes` is the length of the text. IoError when the data is damaged.
[[nodiscard]] std::string uncompress_chunk(std::string_view data, std::size_t bytes);

// Appends the rows of one chunk's text to `rows`; returns how many. IoError when a record
// is not a row of its table (a damaged case.db).
std::size_t decode_chunk(std::string_view text, std::vector<DecisionRecord>& rows);
std::size_t decode_chunk(std::string_view text, std::vector<AllocationRecord>& rows);
std::size_t decode_chunk(std::string_view text, std::vector<PayoutRecord>& rows);

}  // namespace kanzai::claims
