#!/usr/bin/env bash
# Benchmark of the verifiable log (docs/verifiable-log.md): prints its figures next to the targets.
#
#   bash bench/log.sh [--leaves N] [--big N] [--proofs N] [--seconds S]
#
#   --leaves N   leaves for the append measure (default 1,000,000 of 256 bytes)
#   --big N      leaves of the proof log (default 10,000,000; built once into
#                bench/out/log10m.db, about 3.5 GB with its journal, and reused)
#   --proofs N   in-process inclusion proofs timed (default 100,000)
#   --seconds S  length of each wrk run (default 10)
#
# 1. bench/log_bench.c, in-process: the raw SHA-256 rate of 256-byte leaves and, in the same run, the
#    log's append rate of the same leaves; inclusion proof times on the 10-million-leaf log.
# 2. `pacta serve` on that registry: GET /api/v1/log/proof/inclusion for random leaves with wrk
#    (Debian's wrk; installed when missing and running as root), one connection (latency) and
#    16 connections (under load); p99 against the 2 ms target.
# Environment: BUILD_TYPE (default Release), BUILD_DIR (default build-bench).
# Exits non-zero only when something could not run; a missed target is printed, not fatal.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/out"
LEAVES=1000000
BIG=10000000
PROOFS=100000
SECONDS_RUN=10
while [ $# -gt 0 ]; do
  case "$1" in
  --leaves) LEAVES=$2; shift 2 ;;
  --big) BIG=$2; shift 2 ;;
  --proofs) PROOFS=$2; shift 2 ;;
  --seconds) SECONDS_RUN=$2; shift 2 ;;
  -h | --help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  *) echo "log.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" >/dev/null
cmake --build "$BUILD_DIR" -j2 --target pacta log_bench >/dev/null
mkdir -p "$OUT"
DB="$OUT/log$((BIG / 1000000))m.db"

echo "== in-process (bench/log_bench.c) =="
echo "\$ $BUILD_DIR/log_bench --leaves $LEAVES --big $BIG --proofs $PROOFS --db $DB"
"$BUILD_DIR/log_bench" --leaves "$LEAVES" --big "$BIG" --proofs "$PROOFS" --db "$DB"

echo
echo "== over HTTP (pacta serve, GET /api/v1/log/proof/inclusion?index=RANDOM&size=$BIG) =="
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null 2>&1 || true; fi
fi
if ! command -v wrk >/dev/null; then
  echo "wrk is not installed (apt-get install wrk): HTTP measure skipped"
  exit 0
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BUILD_DIR/pacta" --db "$DB" serve --listen "127.0.0.1:$PORT" --threads 2 --quiet &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$PORT/api/v1/log/proof/inclusion?index=0&size=$BIG" >/dev/null && break
  sleep 0.1
done
LUA="$OUT/log_proof.lua"
cat >"$LUA" <<'EOF'
local n
init = function(args) n = tonumber(args[1]); math.randomseed(os.time()) end
request = function()
  return wrk.format("GET", "/api/v1/log/proof/inclusion?index=" .. math.random(0, n - 1) ..
                    "&size=" .. n)
end
EOF
for conns in 1 16; do
  threads=$((conns < 2 ? 1 : 2))
  echo "\$ wrk -t$threads -c$conns -d${SECONDS_RUN}s --latency -s $LUA URL -- $BIG"
  wrk -t$threads -c$conns -d"${SECONDS_RUN}s" --latency -s "$LUA" "http://127.0.0.1:$PORT" -- "$BIG" |
    tee "$OUT/log_wrk_$conns.txt" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"
  p99=$(awk '$1 == "99%" { print $2 }' "$OUT/log_wrk_$conns.txt")
  echo "p99 at $conns connection(s): $p99 (target < 2 ms)"
done
