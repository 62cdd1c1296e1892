#!/usr/bin/env bash
# Ingest throughput (issue 6, part 5): press releases per second over the five seeds, repeated.
#
#   bash bench/ingest.sh [--repeat N] [--pacta PATH]
#
#   --repeat N   how many times each seed is given (default 200: 1,000 press releases)
#   --pacta P    the binary (default: build it Release in $BUILD_DIR, default build-bench)
#
# Two figures: one process for all files (`pacta ingest --json F1 F2 ...`: the drafting itself,
# gazetteer read once), and one process per file (what a user typing `pacta ingest F` sees,
# including opening the registry and reading the gazetteer).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
REPEAT=200
PACTA=
while [ $# -gt 0 ]; do
  case "$1" in
  --repeat) REPEAT=$2; shift 2 ;;
  --pacta) PACTA=$2; shift 2 ;;
  *) echo "usage: $0 [--repeat N] [--pacta PATH]" >&2; exit 2 ;;
  esac
done
if [ -z "$PACTA" ]; then
  BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
  cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-Release} >/dev/null
  cmake --build "$BUILD_DIR" -j2 --target pacta >/dev/null
  PACTA=$BUILD_DIR/pacta
fi
SEEDS=("$ROOT"/tests/ingest/expected/*.txt)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$PACTA" --db "$TMP/r.db" init --sample >/dev/null

FILES=()
for ((i = 0; i < REPEAT; i++)); do FILES+=("${SEEDS[@]}"); done
N=${#FILES[@]}
BYTES=$(cat "${SEEDS[@]}" | wc -c)

t0=$(date +%s.%N)
"$PACTA" --db "$TMP/r.db" ingest --json "${FILES[@]}" >"$TMP/out.json"
t1=$(date +%s.%N)
python3 - "$TMP/out.json" "$N" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == int(sys.argv[2]), "not one draft per file"
PY
M=$(( N < 200 ? N : 200 ))
t2=$(date +%s.%N)
for ((i = 0; i < M; i++)); do "$PACTA" --db "$TMP/r.db" ingest --json "${FILES[$i]}" >/dev/null; done
t3=$(date +%s.%N)
python3 - "$N" "$t0" "$t1" "$M" "$t2" "$t3" "$BYTES" "${#SEEDS[@]}" <<'PY'
import sys
n, t0, t1, m, t2, t3, nbytes, nseeds = sys.argv[1:]
n, m = int(n), int(m)
one = float(t1) - float(t0)
each = float(t3) - float(t2)
kb = int(nbytes) / int(nseeds) / 1024
print(f"ingest over the {nseeds} seeds (mean {kb:.1f} KB each):")
print(f"  one process, {n} press releases: {one:.3f} s = {n / one:,.0f} press releases/s "
      f"({one / n * 1e3:.2f} ms each)")
print(f"  one process per file, {m} runs:   {each:.3f} s = {m / each:,.0f} press releases/s "
      f"({each / m * 1e3:.2f} ms each, with registry open and gazetteer read)")
PY
