#!/usr/bin/env bash
# pacta start-up benchmark (issue 18, part 6): `pacta --version` against /bin/true, in one run.
#
#   bash bench/startup.sh [--runs N]
#
#   --runs N   timed runs of each command (default 500, after 50 warm-up runs)
#
# Environment: PACTA=/path/to/pacta skips the build (else a Release build in build-bench/).
# Times with hyperfine (-N: no shell between it and the command) when installed, else with
# `perf stat` if there, else a loop of bash's time. Prints the mean of each, their ratio, the
# shared libraries pacta loads at start-up and the dynamic loader's statistics (LD_DEBUG).
set -euo pipefail
{

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/out/startup"
RUNS=500

usage() {
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
  --runs) RUNS=${2:-}; shift 2 || usage ;;
  -h | --help) usage ;;
  *) echo "startup.sh: unknown argument: $1" >&2; usage ;;
  esac
done
case "$RUNS" in '' | *[!0-9]* | 0) echo "startup.sh: --runs takes a positive integer" >&2; exit 2 ;; esac

say() { printf '%s\n' "== $*" >&2; }
die() { printf 'startup.sh: %s\n' "$*" >&2; exit 1; }
mkdir -p "$OUT"

if [ -n "${PACTA:-}" ]; then
  [ -x "$PACTA" ] || die "PACTA=$PACTA is not an executable"
else
  say "building pacta (Release) in build-bench/"
  if ! { cmake -S "$ROOT" -B "$ROOT/build-bench" -DCMAKE_BUILD_TYPE=Release >"$OUT/build.log" 2>&1 &&
    cmake --build "$ROOT/build-bench" -j2 --target pacta >>"$OUT/build.log" 2>&1; }; then
    tail -n 30 "$OUT/build.log" >&2
    die "pacta did not build (full log: $OUT/build.log)"
  fi
  PACTA="$ROOT/build-bench/pacta"
fi
TRUE=$(command -v true)
[ -x /bin/true ] && TRUE=/bin/true
"$PACTA" --version >/dev/null || die "$PACTA --version failed"

# mean_ms COMMAND...: the mean wall-clock time of a run, in ms (sets MEAN).
MEAN=""
mean_ms() {
  if command -v hyperfine >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
    hyperfine -N --style none --warmup 50 --runs "$RUNS" --export-json "$OUT/h.json" "$*" \
      >/dev/null 2>&1 || die "hyperfine failed on: $*"
    MEAN=$(python3 -c 'import json, sys; print("%.3f" % (json.load(open(sys.argv[1]))["results"][0]["mean"] * 1000))' "$OUT/h.json")
  elif command -v perf >/dev/null 2>&1; then
    MEAN=$(perf stat -r "$RUNS" -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, 'NR == 1 { printf "%.3f", $1 }')
  else
    local TIMEFORMAT='%3R' t i
    t=$({ time for ((i = 0; i < RUNS; i++)); do "$@" >/dev/null; done; } 2>&1)
    MEAN=$(awk -v t="$t" -v n="$RUNS" 'BEGIN { printf "%.3f", t * 1000 / n }')
  fi
}

say "timing $PACTA --version and $TRUE ($RUNS runs each)"
mean_ms "$PACTA" --version
P=$MEAN
mean_ms "$TRUE"
T=$MEAN
say "shared libraries loaded at start-up: $(ldd "$PACTA" | grep -c '=>')"
LD_DEBUG=statistics "$PACTA" --version 2>&1 >/dev/null | grep -E 'total startup time|number of relocations:|relative relocations' |
  sed 's/^ *[0-9]*:[[:space:]]*/   /' | sort -u >&2 || true

echo
printf '%-32s %10s %10s %8s %10s\n' "measure (mean wall-clock)" "pacta" "/bin/true" "ratio" "target"
printf '%-32s %7.2f ms %7.2f ms %7.2fx %10s  met: %s\n' "pacta --version" "$P" "$T" \
  "$(awk -v p="$P" -v t="$T" 'BEGIN { printf "%.2f", (t > 0 ? p / t : 0) }')" "<= 3 ms" \
  "$(awk -v p="$P" 'BEGIN { print (p <= 3 ? "yes" : "no") }')"
}
