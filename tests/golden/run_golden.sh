#!/usr/bin/env bash
# Golden tests: capture in, text and JSON out, compared with committed expected files.
#   run_golden.sh TUNNELSCOPE MAKE_CAPTURES SOURCE_DIR
# 1. captures/ must equal what the project's encoders generate now (tests/tools/scenarios),
#    and captures/MANIFEST.tsv must list them as the generator does;
# 2. `analyze` (text and JSON, with each scenario's options) must print exactly
#    tests/golden/<capture>.txt and .jsonl.
# UPDATE_GOLDEN=1 rewrites captures/, the manifest and the expected files instead.
set -u
ts=$1
make_captures=$2
src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
update=${UPDATE_GOLDEN:-0}

check() {  # name, expected-file, actual-file
  if cmp -s "$2" "$3"; then
    pass=$((pass + 1))
  elif [ "$update" = 1 ]; then
    cp "$3" "$2"
    echo "updated $2"
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: $1"
    if [ -f "$2" ]; then diff -u "$2" "$3" | head -40; else echo "  (missing $2)"; fi
  fi
}

mkdir -p "$tmp/captures"
if ! "$make_captures" "$tmp/captures" > "$tmp/MANIFEST.tsv"; then
  echo "FAIL: the capture generator failed"
  echo "0 passed, 1 failed"
  exit 1
fi
check "captures/MANIFEST.tsv lists the generated captures" "$src/captures/MANIFEST.tsv" "$tmp/MANIFEST.tsv"
for f in "$tmp"/captures/*.pcap; do
  name=$(basename "$f")
  check "captures/$name is what the encoders generate" "$src/captures/$name" "$f"
done

cd "$src" || exit 1
while IFS=$'\t' read -r file args; do
  base=${file%.pcap}
  # shellcheck disable=SC2086 # args are several options on purpose
  "$ts" analyze --golden $args "captures/$file" > "$tmp/$base.txt" 2> "$tmp/$base.err"
  rc=$?
  [ $rc -eq 0 ] || echo "exit $rc" >> "$tmp/$base.txt"
  check "analyze captures/$file (text)" "tests/golden/$base.txt" "$tmp/$base.txt"
  # shellcheck disable=SC2086
  "$ts" analyze --golden --format json --packets $args "captures/$file" > "$tmp/$base.jsonl" 2>> "$tmp/$base.err"
  check "analyze --format json --packets captures/$file" "tests/golden/$base.jsonl" "$tmp/$base.jsonl"
  if [ -s "$tmp/$base.err" ]; then
    fail=$((fail + 1))
    echo "FAIL: analyze wrote to stderr for $file:"
    head -5 "$tmp/$base.err"
  fi
done < <("$make_captures" --list)

# docs/diagnostics.md carries the catalogue as `tunnelscope diagnostics` prints it.
"$ts" diagnostics --format markdown > "$tmp/diag.md"
head -n 8 docs/diagnostics.md > "$tmp/diagnostics.md"
cat "$tmp/diag.md" >> "$tmp/diagnostics.md"
check "docs/diagnostics.md is the current catalogue" "docs/diagnostics.md" "$tmp/diagnostics.md"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
