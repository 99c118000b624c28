// The cost of the proof of distribution, apart from the rest of a run: the root over a
// run's payouts.csv exactly as `kanzai run` computes it (MerkleRootBuilder, one add_row per
// record as written, salted and not), and the whole tree that `kanzai proof` and `kanzai
// notices` build from the file (read_payouts_tree: split, salt, hash, every level).
// `kanzai_proof_root PAYOUTS_CSV` prints `proof-timing: <step> <ms> ms` lines; bench/run.sh
// sets the root's time beside `run --no-db`.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claims/record/csv_record.hpp"
#include "claims/record/payouts_tree.hpp"
#include "claims/record/proof.hpp"

namespace {

using Clock = std::chrono::steady_clock;

long long milliseconds_since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: kanzai_proof_root PAYOUTS_CSV\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    // The run hands the builder each record and its payee id; split them beforehand, so that
    // only the hashing is timed.
    std::vector<std::pair<std::string, std::string_view>> rows;
    bool is_header = true;
    (void)kanzai::claims::for_each_csv_record(text, [&](std::string_view record) {
        if (!is_header) {
            rows.emplace_back(kanzai::claims::csv_fields(record).value().at(1), record);
        }
        is_header = false;
    });
    const std::string key = "bench: a proof key of at least 32 bytes";
    for (const std::optional<std::string>& proof_key :
         {std::optional<std::string>(), std::optional<std::string>(key)}) {
        const Clock::time_point start = Clock::now();
        kanzai::claims::MerkleRootBuilder builder(proof_key);
        for (const auto& [payee_id, row] : rows) {
            builder.add_row(payee_id, row);
        }
        const kanzai::claims::ProofRoot root = builder.finish();
        std::printf("proof-timing: %s %lld ms (%zu leaves, root %.8s...)\n",
                    proof_key ? "root_salted" : "root_unsalted", milliseconds_since(start),
                    root.leaves_count, kanzai::claims::hex_of(root.root).c_str());
    }
    const Clock::time_point start = Clock::now();
    std::string error;
    const std::optional<kanzai::claims::PayoutsTree> tree =
        kanzai::claims::read_payouts_tree(text, key, error);
    if (!tree) {
        std::fprintf(stderr, "kanzai_proof_root: %s\n", error.c_str());
        return 1;
    }
    std::printf("proof-timing: tree_salted %lld ms (%zu levels)\n", milliseconds_since(start),
                tree->levels.size());
    return 0;
}
