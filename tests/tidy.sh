#!/usr/bin/env bash
# The tidy test (STYLE.md §9): style rules checked by a tool, not argued in review.
# Fails on floating point in engine/ and claims/, on clock, random or I/O headers in
# engine/, on includes that point upward, on SQLite outside store/, on heavy libraries in
# shared headers, on issue numbers in code, on lines over 100 columns and on `using
# namespace` in headers.
set -u
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || exit 2
failures=0
fail() { echo "tidy: $*"; failures=$((failures + 1)); }

sources() { find "$@" -type f \( -name '*.cpp' -o -name '*.hpp' \) 2>/dev/null | sort; }

# Floating point never touches money: no float, double or string-to-float in engine/, claims/.
while IFS= read -r hit; do
    fail "floating point: $hit"
done < <(sources engine claims | xargs -r grep -nHE '\b(float|double|long double|stod|stof|stold|strtod|strtof|atof)\b' \
           | grep -vE ':[0-9]+:\s*//')

# engine/ is pure: no files, streams, clock, randomness or environment.
while IFS= read -r hit; do
    fail "engine/ must stay pure: $hit"
done < <(sources engine | xargs -r grep -nHE '#include <(chrono|ctime|random|fstream|iostream|cstdio|filesystem|thread)>|getenv|std::rand')

# Dependencies point one way: tools -> store -> claims -> engine. Each module may not include
# the modules above it.
for rule in "engine:claims|store|tools" "claims:store|tools" "store:tools"; do
    module=${rule%%:*}
    above=${rule#*:}
    while IFS= read -r hit; do
        fail "upward include: $hit"
    done < <(sources "$module" | xargs -r grep -nHE "#include \"($above)/")
done

# store/ is the only module that talks to SQLite (tools/main.cpp only names its exception).
while IFS= read -r hit; do
    fail "SQLite outside store/: $hit"
done < <(sources engine claims tools | grep -v '^tools/main.cpp$' \
           | xargs -r grep -nHE '#include <(SQLiteCpp|sqlite3)')

# Issue numbers belong in commit messages, not in code: the reason stays, the history is in git.
while IFS= read -r hit; do
    fail "issue number in a comment: $hit"
done < <(sources engine claims store tools tests bench fuzz | xargs -r grep -nHE '(issue|Issue) #[0-9]+|\(#[0-9]+\)')

# Heavy libraries stay out of headers that other modules include.
while IFS= read -r hit; do
    fail "heavy include in a shared header: $hit"
done < <(sources engine claims | grep '\.hpp$' | xargs -r grep -nHE '#include <(toml\+\+|SQLiteCpp|boost/graph)')
while IFS= read -r hit; do
    fail "Boost.Multiprecision outside engine/wide.hpp: $hit"
done < <(sources engine claims store tools tests | grep -v '^engine/wide.hpp$' | xargs -r grep -nHE '#include <boost/multiprecision')

# No `using namespace` in headers.
while IFS= read -r hit; do
    fail "using namespace in a header: $hit"
done < <(sources engine claims store tools tests | grep '\.hpp$' | xargs -r grep -nHE '^\s*using namespace')

# Lines of at most 100 columns.
while IFS= read -r hit; do
    fail "line over 100 columns: $hit"
done < <(sources engine claims store tools tests bench | xargs -r awk 'length($0) > 100 { print FILENAME ":" FNR }')

if [ "$failures" -gt 0 ]; then
    echo "tidy: $failures problem(s)"
    exit 1
fi
echo "tidy: clean"
