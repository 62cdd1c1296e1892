#!/bin/sh
# Complete downloads (issue 17): the memory of `pacta serve` while it streams a whole table,
# GET /api/v1/actions?format=csv&limit=all, and the whole registry, GET /api/v1/export, at two
# sizes (gen_registry: 50 and 500 documents x 200 parties, about 10,000 and 100,000 actions).
# Prints, for each size, the server's peak resident memory (VmHWM) after it started and answered
# one small request, and after each download; the rows and the total the answer gave; and the
# download's size. A streamed answer's memory does not grow with the table: the two sizes'
# peaks should be about equal while the downloads grow tenfold.
#
#   bench/lists.sh [PACTA]        (default: build/pacta)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PACTA=$(realpath "${1:-$HERE/../build/pacta}")
OUT=$HERE/out/lists
mkdir -p "$OUT"
cc -O2 -o "$OUT/gen_registry" "$HERE/gen_registry.c"
command -v curl >/dev/null || { echo "lists.sh: needs curl" >&2; exit 1; }

hwm() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }

printf '%-9s %8s %14s %14s %14s %12s %14s %12s\n' registry actions "RSS at start" \
  "after CSV" "CSV rows" "CSV size" "after export" "export size"
for docs in 50 500; do
  R=$OUT/registry-$docs
  rm -f "$R.db" "$R.db-wal" "$R.db-shm"
  "$OUT/gen_registry" --docs $docs --parties 200 --out "$R.json" >/dev/null 2>&1
  "$PACTA" --db "$R.db" init >/dev/null
  PACTA_TODAY=2030-01-01 "$PACTA" --db "$R.db" load "$R.json" >/dev/null 2>&1
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  PACTA_TODAY=2030-01-01 "$PACTA" --db "$R.db" serve --listen 127.0.0.1:$PORT --quiet --threads 2 2>/dev/null &
  PID=$!
  trap 'kill $PID 2>/dev/null' EXIT
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/parties?limit=1" && break; sleep 0.1; done
  START=$(hwm $PID)
  HDR=$(curl -s -D - -o "$R.csv" "http://127.0.0.1:$PORT/api/v1/actions?format=csv&limit=all")
  AFTER_CSV=$(hwm $PID)
  TOTAL=$(printf '%s' "$HDR" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-total-count" {print $2}')
  ROWS=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' "$R.csv")
  curl -s -o "$R-export.json" "http://127.0.0.1:$PORT/api/v1/export"
  AFTER_EXPORT=$(hwm $PID)
  kill $PID
  wait $PID 2>/dev/null || true
  trap - EXIT
  printf '%-9s %8s %11.1f MB %11.1f MB %6s of %-6s %9.1f MB %11.1f MB %9.1f MB\n' "$docs docs" "$TOTAL" \
    "$(echo "$START / 1024" | bc -l)" "$(echo "$AFTER_CSV / 1024" | bc -l)" "$ROWS" "$TOTAL" \
    "$(echo "$(stat -c %s "$R.csv") / 1048576" | bc -l)" "$(echo "$AFTER_EXPORT / 1024" | bc -l)" \
    "$(echo "$(stat -c %s "$R-export.json") / 1048576" | bc -l)"
  [ "$ROWS" = "$TOTAL" ] || { echo "lists.sh: $ROWS rows, but X-Total-Count $TOTAL" >&2; exit 1; }
done
