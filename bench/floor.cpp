// The floor: the least work any tool that reads a Kanzai case and writes its
// outputs must do. Reads every input file of the case folder once, splits each record into
// fields (RFC 4180 quotes honoured), then writes output files of the given sizes.
// `kanzai_floor CASE OUT SIZE...`: OUT/out-<i> gets SIZE_i bytes, built from the parsed
// fields so that nothing can be optimised away. Kanzai's time divided by this one is the
// "floor ratio" reported by bench/run.sh.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct ParseCount {
    std::uint64_t fields = 0;
    std::uint64_t records = 0;
    std::uint64_t checksum = 0;
};

// One pass over `text`: counts records and fields and folds each field's length and first
// byte into a checksum (the stand-in for using the field).
void split_fields(std::string_view text, ParseCount& count) {
    std::size_t start = 0;
    bool quoted = false;
    for (std::size_t at = 0; at < text.size(); ++at) {
        const char c = text[at];
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == ',' || c == '\n')) {
            const std::size_t length = at - start;
            count.checksum = count.checksum * 31U + length +
                             (length > 0 ? static_cast<unsigned char>(text[start]) : 0U);
            ++count.fields;
            if (c == '\n') {
                ++count.records;
            }
            start = at + 1;
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fputs("usage: kanzai_floor CASE OUT SIZE...\n", stderr);
        return 2;
    }
    const fs::path case_folder(argv[1]);
    const fs::path out(argv[2]);
    ParseCount count;
    std::string sample;
    for (const fs::directory_entry& entry : fs::directory_iterator(case_folder)) {
        const std::string extension = entry.path().extension().string();
        if (!entry.is_regular_file() || (extension != ".csv" && extension != ".toml")) {
            continue;
        }
        const std::string text = read_file(entry.path());
        split_fields(text, count);
        if (sample.empty()) {
            sample = text.substr(0, 4096);
        }
    }
    if (sample.empty()) {
        sample = "x";
    }
    fs::create_directories(out);
    for (int i = 3; i < argc; ++i) {
        const std::size_t size = std::strtoull(argv[i], nullptr, 10);
        std::string bytes;
        bytes.reserve(size);
        while (bytes.size() < size) {
            bytes.append(sample, 0, std::min(sample.size(), size - bytes.size()));
        }
        std::ofstream file(out / ("out-" + std::to_string(i - 2)), std::ios::binary);
        file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    std::printf("floor: %llu records, %llu fields, checksum %llx\n",
                static_cast<unsigned long long>(count.records),
                static_cast<unsigned long long>(count.fields),
                static_cast<unsigned long long>(count.checksum));
    return 0;
}
