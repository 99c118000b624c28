#!/usr/bin/env bash
# The tidy test (STYLE.md §9): style rules checked by a tool, not argued in review.
# Fails on floating point in engine/ and claims/, on clock, random or I/O headers in
# engine/, on includes that point upward, on SQLite outside store/, on heavy libraries in
# shared headers, on issue numbers in code, on lines over 100 columns and on `using
# namespace` in headers; notes free functions declared in a header that nothing uses.
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

# Unused declarations: a free function declared at namespace level in a header of engine/,
# claims/, store/ or tools/ must be named in some file besides that header and its own .cpp
# (code, bench, fuzz or tests). Word-level, one grep over the tree: cheap, and blind to
# overloads and to declarations that wrap before the name. A function only its own .cpp
# calls belongs in that file's anonymous namespace.
type_word='[A-Za-z_][A-Za-z0-9_:<>,]*'
declaration="^(\\[\\[nodiscard\\]\\] )?(inline |constexpr |static )*$type_word( $type_word)*"
declaration+='[ &*]+[a-z_][a-z0-9_]*\('
sources engine claims store tools | grep '\.hpp$' | xargs -r grep -HE "$declaration" \
    | grep -vE ':(return|using|typedef|#)' \
    | sed -E 's/^([^:]+):.*[ &*]([a-z_][a-z0-9_]*)\(.*/\2 \1/' | sort -u > "${TMPDIR:-/tmp}/tidy-decls.$$"
sources engine claims store tools bench fuzz tests | xargs -r grep -oHwE '[a-z_][a-z0-9_]*' \
    | sort -u | tr ':' ' ' > "${TMPDIR:-/tmp}/tidy-words.$$"
while IFS= read -r hit; do
    fail "unused declaration: $hit"
done < <(awk 'NR == FNR { users[$2] = users[$2] " " $1; next }
    { header = $2; stem = header; sub(/\.hpp$/, "", stem); n = split(users[$1], files, " ")
      used = 0
      for (i = 1; i <= n; i++) { if (files[i] != header && files[i] != stem ".cpp") used = 1 }
      if (!used) print header ": " $1 }' "${TMPDIR:-/tmp}/tidy-words.$$" "${TMPDIR:-/tmp}/tidy-decls.$$")
rm -f "${TMPDIR:-/tmp}/tidy-decls.$$" "${TMPDIR:-/tmp}/tidy-words.$$"

if [ "$failures" -gt 0 ]; then
    echo "tidy: $failures problem(s)"
    exit 1
fi
echo "tidy: clean"
