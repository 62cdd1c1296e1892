#!/usr/bin/env bash
# pacta benchmark: prints pacta's figures side by side with the sqlite3 shell doing the same I/O.
#
#   bash bench/run.sh [--scale 1|100|both] [--runs N] [--big-load-runs N] [--query-runs N]
#
#   --scale 1      (default) 600 documents x 200 parties, about 120,000 actions
#   --scale 100    60,000 documents x 200 parties, about 12,000,000 actions (JSON of about 1 GB)
#   --scale both   both of the above, in one run
#   --runs N       runs of each load/scan measure, best one kept (default 3)
#   --big-load-runs N  runs of the two loads at scale 100 (default 1: one pacta load of 12 million
#                  actions takes minutes)
#   --query-runs N timed runs of each single query on the large registry (default 30)
#   --big-split N  at scale 100, write the actions in files of about N actions and load them with
#                  one `pacta load` each, in sequence (default 1200000; 0: one 1 GB file, which
#                  needs about 22 bytes of memory per byte of JSON in pacta's loader)
#
# Environment: PACTA=/path/to/pacta skips the build; SQLITE3=/path/to/sqlite3 (default sqlite3);
# BENCH_NO_HYPERFINE=1 times with a loop of bash's time even when hyperfine is installed.
# Data and databases go to bench/out/ (git-ignored).
set -euo pipefail
# gen_registry's dates run to 2029-12-31: the consistency checks refuse a date after "today".
export PACTA_TODAY=2030-01-01
# The whole script is one compound command, so bash reads all of it before running any: editing
# this file during a long run cannot change what the run does.
{

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/out"
SCALE=1
RUNS=3
BIG_LOAD_RUNS=1
QUERY_RUNS=30
BIG_SPLIT=1200000
ON=2030-01-01

usage() {
  sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
  --scale) SCALE=${2:-}; shift 2 || usage ;;
  --scale=*) SCALE=${1#--scale=}; shift ;;
  --runs) RUNS=${2:-}; shift 2 || usage ;;
  --big-load-runs) BIG_LOAD_RUNS=${2:-}; shift 2 || usage ;;
  --query-runs) QUERY_RUNS=${2:-}; shift 2 || usage ;;
  --big-split) BIG_SPLIT=${2:-}; shift 2 || usage ;;
  -h | --help) usage ;;
  *) echo "run.sh: unknown argument: $1" >&2; usage ;;
  esac
done
case "$SCALE" in
1) SCALES="1" ;;
100) SCALES="100" ;;
both) SCALES="1 100" ;;
*) echo "run.sh: --scale must be 1, 100 or both" >&2; exit 2 ;;
esac
for n in "$RUNS" "$BIG_LOAD_RUNS" "$QUERY_RUNS"; do
  case "$n" in '' | *[!0-9]* | 0) echo "run.sh: run counts must be positive integers" >&2; exit 2 ;; esac
done
case "$BIG_SPLIT" in '' | *[!0-9]*) echo "run.sh: --big-split takes a number" >&2; exit 2 ;; esac

say() { printf '%s\n' "== $*" >&2; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

SQLITE3=${SQLITE3:-sqlite3}
command -v "$SQLITE3" >/dev/null || die "the sqlite3 shell is needed (apt-get install sqlite3)"
command -v cc >/dev/null || die "a C compiler (cc) is needed"

# hyperfine for the timings if it is there (or can be installed); a loop of bash's time otherwise.
if [ -z "${BENCH_NO_HYPERFINE:-}" ] && ! command -v hyperfine >/dev/null 2>&1 &&
  command -v apt-get >/dev/null 2>&1 &&
  [ "$(id -u)" = 0 ]; then
  say "installing hyperfine"
  apt-get install -y hyperfine >/dev/null 2>&1 || say "could not install hyperfine; timing with date"
fi
HYPERFINE=""
if [ -z "${BENCH_NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null 2>&1 &&
  command -v python3 >/dev/null 2>&1; then
  HYPERFINE=$(command -v hyperfine)
fi

mkdir -p "$OUT"

# ---------------------------------------------------------------- build
say "compiling the generator (cc -O2)"
cc -O2 -o "$OUT/gen_registry" "$HERE/gen_registry.c"

if [ -n "${PACTA:-}" ]; then
  [ -x "$PACTA" ] || die "PACTA=$PACTA is not an executable"
  say "using PACTA=$PACTA"
else
  say "building pacta (Release) in build-bench/"
  if ! { cmake -S "$ROOT" -B "$ROOT/build-bench" -DCMAKE_BUILD_TYPE=Release >"$OUT/build.log" 2>&1 &&
    cmake --build "$ROOT/build-bench" -j2 --target pacta >>"$OUT/build.log" 2>&1; }; then
    tail -n 30 "$OUT/build.log" >&2
    die "pacta did not build (full log: $OUT/build.log)"
  fi
  PACTA="$ROOT/build-bench/pacta"
fi

# ---------------------------------------------------------------- timing helpers
q() { printf '%q' "$1"; }

# measure RUNS WARMUP PREPARE COMMAND: runs COMMAND (a sh command line) WARMUP times untimed and
# RUNS times timed, each after PREPARE, and sets MIN_MS and MED_MS (wall-clock time) and CPU_MS
# (mean user+system CPU time of a run). If the command fails, shows the first lines of its stderr
# and returns 1.
MIN_MS="" MED_MS="" CPU_MS=""
measure() {
  local runs=$1 warmup=$2 prepare=$3 cmd
  cmd="{ $4; } 2>$(q "$OUT/last.err")"
  MIN_MS="" MED_MS="" CPU_MS=""
  : >"$OUT/last.err"
  if [ -n "$HYPERFINE" ]; then
    local json="$OUT/hyperfine.json"
    local -a args=(--style none --runs "$runs" --warmup "$warmup" --export-json "$json")
    [ -n "$prepare" ] && args+=(--prepare "$prepare")
    if ! "$HYPERFINE" "${args[@]}" "$cmd" >/dev/null 2>"$OUT/hyperfine.err"; then
      sed 's/^/    | /' "$OUT/last.err" "$OUT/hyperfine.err" | head -n 8 >&2
      return 1
    fi
    read -r MIN_MS MED_MS CPU_MS < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.1f %.1f %.1f" % (r["min"] * 1000, r["median"] * 1000, (r["user"] + r["system"]) * 1000))' "$json")
  else
    # bash's time keyword: wall-clock, user and system seconds of the command and its children.
    local i t times=() cpus=() TIMEFORMAT='%3R %3U %3S'
    for ((i = 0; i < warmup + runs; i++)); do
      sh -c "$prepare" >/dev/null 2>&1 || true
      if ! t=$({ time sh -c "$cmd" >/dev/null; } 2>&1); then
        sed 's/^/    | /' "$OUT/last.err" | head -n 8 >&2
        return 1
      fi
      if [ "$i" -ge "$warmup" ]; then
        times+=("$(awk '{ print $1 * 1000 }' <<<"$t")")
        cpus+=("$(awk '{ print ($2 + $3) * 1000 }' <<<"$t")")
      fi
    done
    read -r MIN_MS MED_MS < <(printf '%s\n' "${times[@]}" | sort -n | awk '
      { v[NR] = $1 }
      END { med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%.1f %.1f\n", v[1], med }')
    CPU_MS=$(printf '%s\n' "${cpus[@]}" | awk '{ s += $1 } END { printf "%.1f\n", s / NR }')
  fi
  return 0
}

fmt_ms() {
  if [ -z "$1" ]; then
    printf 'FAILED'
  else
    awk -v m="$1" 'BEGIN { if (m >= 10000) printf "%.2f s", m / 1000; else printf "%.1f ms", m }'
  fi
}

# Rows of the final table: measure|pacta|reference|ratio|target|met|cpu
TABLE=()
add_row() { TABLE+=("$1|$2|$3|$4|$5|$6|$7"); }

# compare NAME PACTA_MS REF_MS MAX_RATIO PACTA_CPU_MS REF_CPU_MS: prints and records one
# pacta-vs-reference line. The target is judged on wall-clock time; the CPU times are shown
# beside it because they are less disturbed by other work on the machine.
compare() {
  local name=$1 p=$2 r=$3 max=$4 pc=$5 rc=$6 ratio="-" met="no" cpu="-"
  if [ -n "$p" ] && [ -n "$r" ]; then
    ratio=$(awk -v p="$p" -v r="$r" 'BEGIN { printf "%.2fx", (r > 0 ? p / r : 0) }')
    met=$(awk -v p="$p" -v r="$r" -v m="$max" 'BEGIN { print (p <= m * r ? "yes" : "no") }')
    cpu="$(fmt_ms "$pc") / $(fmt_ms "$rc") = $(awk -v p="$pc" -v r="$rc" \
      'BEGIN { printf "%.2fx", (r > 0 ? p / r : 0) }')"
  fi
  printf '   %-44s pacta %-12s reference %-12s ratio %-8s (cpu %s)\n' "$name" "$(fmt_ms "$p")" \
    "$(fmt_ms "$r")" "$ratio" "$cpu" >&2
  add_row "$name" "$(fmt_ms "$p")" "$(fmt_ms "$r")" "$ratio" "<= ${max}x" "$met" "$cpu"
}

# ---------------------------------------------------------------- the measures
run_scale() {
  local scale=$1 docs runs split
  case "$scale" in
  1) docs=600 runs=$RUNS split=0 ;;
  100) docs=60000 runs=$BIG_LOAD_RUNS split=$BIG_SPLIT ;;
  esac
  local json="$OUT/registry-s$scale.json" csv="$OUT/registry-s$scale.csv"
  local pdb="$OUT/pacta-s$scale.db" sdb="$OUT/sqlite-s$scale.db" sql="$OUT/import-s$scale.sql"

  say "[scale $scale] generating $docs documents x 200 parties"
  local t0 t1
  rm -f "${json%.json}"-p[0-9][0-9][0-9].json
  t0=$(date +%s%N)
  "$OUT/gen_registry" --docs "$docs" --parties 200 --seed 1 --split "$split" --out "$json" --csv "$csv"
  t1=$(date +%s%N)
  local nactions f
  local -a parts=("$json")
  for f in "${json%.json}"-p[0-9][0-9][0-9].json; do
    [ -e "$f" ] && parts+=("$f")
  done
  nactions=$(wc -l <"$csv" | tr -d ' ')
  say "[scale $scale] $nactions actions, $(du -ch "${parts[@]}" | tail -n 1 | cut -f1) JSON in" \
    "${#parts[@]} file(s), generated in $(((t1 - t0) / 1000000)) ms"
  # pacta init, then one `pacta load` per file, in sequence.
  local load_cmd
  load_cmd="$(q "$PACTA") --db $(q "$pdb") init"
  for f in "${parts[@]}"; do
    load_cmd+=" && $(q "$PACTA") --db $(q "$pdb") load $(q "$f")"
  done

  cat >"$sql" <<EOF
CREATE TABLE actions(document TEXT, party TEXT, type TEXT, date TEXT);
.mode csv
.import $csv actions
EOF

  # a. load
  say "[scale $scale] a. pacta init+load vs sqlite3 .import (best of $runs)"
  local p_load="" s_load="" p_load_cpu="" s_load_cpu=""
  if measure "$runs" 0 "rm -f $(q "$pdb") $(q "$pdb")-wal $(q "$pdb")-shm" "$load_cmd"; then
    p_load=$MIN_MS p_load_cpu=$CPU_MS
  else
    say "[scale $scale] pacta load FAILED"
  fi
  if measure "$runs" 0 "rm -f $(q "$sdb") $(q "$sdb")-journal" \
    "$(q "$SQLITE3") -batch $(q "$sdb") < $(q "$sql")"; then
    s_load=$MIN_MS s_load_cpu=$CPU_MS
  else
    say "[scale $scale] sqlite3 .import FAILED"
  fi
  local what="$nactions actions"
  [ "${#parts[@]}" -gt 1 ] && what+=" in ${#parts[@]} loads"
  # Issue 18: at most 3x at 120,000 actions, and no worse than 4x at 12 million.
  local load_max=3
  [ "$scale" = 100 ] && load_max=4
  compare "load, scale $scale ($what)" "$p_load" "$s_load" "$load_max" "$p_load_cpu" "$s_load_cpu"

  # The load must have kept every row, or the other figures mean nothing.
  local loaded
  loaded=$("$SQLITE3" -batch "$pdb" "SELECT count(*) FROM actions" 2>/dev/null || echo "?")
  say "[scale $scale] rows in pacta's actions table: $loaded (generated: $nactions)"

  # Bytes per action: pacta's registry (journal, log, derived tables, search index) beside the
  # plain table of .import. Then the peak memory of one pacta load (the largest file) beside the
  # bytes of its input.
  local pbytes sbytes
  pbytes=$(stat -c %s "$pdb") sbytes=$(stat -c %s "$sdb")
  add_row "database bytes per action, scale $scale" \
    "$(awk -v b="$pbytes" -v n="$nactions" 'BEGIN { printf "%.0f B", b / n }')" \
    "$(awk -v b="$sbytes" -v n="$nactions" 'BEGIN { printf "%.0f B", b / n }')" \
    "$(awk -v p="$pbytes" -v r="$sbytes" 'BEGIN { printf "%.2fx", p / r }')" "-" "-" "-"
  local big peak
  big=$(ls -S "${parts[@]}" | head -n 1)
  rm -f "$OUT/mem.db" "$OUT/mem.db-wal" "$OUT/mem.db-shm"
  "$PACTA" --db "$OUT/mem.db" init >/dev/null
  peak=$(python3 - "$PACTA" "$OUT/mem.db" "$big" <<'PY'
import resource, subprocess, sys
subprocess.run([sys.argv[1], "--db", sys.argv[2], "load", sys.argv[3]],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
PY
)
  rm -f "$OUT/mem.db" "$OUT/mem.db-wal" "$OUT/mem.db-shm"
  local ibytes
  ibytes=$(stat -c %s "$big")
  say "[scale $scale] peak memory of pacta load $(basename "$big"): $((peak / 1048576)) MB for" \
    "$((ibytes / 1048576)) MB of input"
  add_row "peak memory of a load / its input, scale $scale" \
    "$(awk -v b="$peak" 'BEGIN { printf "%.1f MB", b / 1048576 }')" \
    "$(awk -v b="$ibytes" 'BEGIN { printf "%.1f MB", b / 1048576 }')" \
    "$(awk -v p="$peak" -v r="$ibytes" 'BEGIN { printf "%.2fx", p / r }')" "< 2x" \
    "$(awk -v p="$peak" -v r="$ibytes" 'BEGIN { print (p < 2 * r ? "yes" : "no") }')" "-"

  # b. status of every party in every document vs a bare scan of the actions table
  say "[scale $scale] b. pacta status --all vs sqlite3 SELECT * FROM actions (best of $RUNS)"
  local p_all="" s_scan="" p_all_cpu="" s_scan_cpu="" out_all="$OUT/status-all-s$scale.json"
  if "$PACTA" --db "$pdb" status --all --on "$ON" --json >"$out_all" 2>"$OUT/last.err"; then
    local expect got
    expect=$("$SQLITE3" -batch "$sdb" \
      "SELECT count(*) FROM (SELECT DISTINCT document, party FROM actions WHERE date <= '$ON')")
    got=$(grep -o '"party"' "$out_all" | wc -l | tr -d ' ')
    say "[scale $scale] status --all printed $(du -h "$out_all" | cut -f1), $got \"party\" keys" \
      "(document-party pairs with an action: $expect)"
  fi
  rm -f "$out_all"
  if measure "$RUNS" 1 "" \
    "$(q "$PACTA") --db $(q "$pdb") status --all --on $ON --json > /dev/null"; then
    p_all=$MIN_MS p_all_cpu=$CPU_MS
  else
    say "[scale $scale] pacta status --all FAILED"
  fi
  if measure "$RUNS" 1 "" "$(q "$SQLITE3") -batch $(q "$pdb") 'SELECT * FROM actions' > /dev/null"; then
    s_scan=$MIN_MS s_scan_cpu=$CPU_MS
  else
    say "[scale $scale] sqlite3 scan of pacta's actions table FAILED"
  fi
  compare "status of all, scale $scale" "$p_all" "$s_scan" 2 "$p_all_cpu" "$s_scan_cpu"

  # c. single queries on the large registry
  if [ "$scale" = 100 ]; then
    say "[scale $scale] c. single queries (median of $QUERY_RUNS runs)"
    local name cmd
    for name in "status doc-000123" "members un" "chair un"; do
      case "$name" in
      status*) cmd="$(q "$PACTA") --db $(q "$pdb") status doc-000123 --on $ON --json" ;;
      members*) cmd="$(q "$PACTA") --db $(q "$pdb") members un --on $ON --json" ;;
      chair*) cmd="$(q "$PACTA") --db $(q "$pdb") chair un --year 2020 --json" ;;
      esac
      if measure "$QUERY_RUNS" 3 "" "$cmd"; then
        printf '   %-44s median %-10s min %-10s (cpu %s)\n' "$name, scale 100" \
          "$(fmt_ms "$MED_MS")" "$(fmt_ms "$MIN_MS")" "$(fmt_ms "$CPU_MS")" >&2
        add_row "$name, scale 100" "$(fmt_ms "$MED_MS")" "-" "-" "< 20 ms" \
          "$(awk -v m="$MED_MS" 'BEGIN { print (m < 20 ? "yes" : "no") }')" "$(fmt_ms "$CPU_MS")"
      else
        say "[scale $scale] pacta $name FAILED"
        add_row "$name, scale 100" "FAILED" "-" "-" "< 20 ms" "no" "-"
      fi
    done
  fi
}

say "pacta: $PACTA ($("$PACTA" --version 2>/dev/null | head -n 1 || true))"
say "sqlite3 shell: $("$SQLITE3" --version | cut -d' ' -f1-2)"
say "timer: ${HYPERFINE:-bash time loop}; CPU: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || echo '?')"
loadavg() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?"; }
LOAD_START=$(loadavg)
say "load average at start: $LOAD_START on $(nproc) CPUs"
for s in $SCALES; do
  run_scale "$s"
done
LOAD_END=$(loadavg)

# ---------------------------------------------------------------- the table
echo
{
  echo "measure|pacta|reference|ratio|target|met?|cpu pacta / reference"
  printf '%s\n' "${TABLE[@]}"
} | awk -F'|' '
  { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } n = NR }
  END {
    for (r = 1; r <= n; r++) {
      line = ""
      for (i = 1; i < 7; i++) line = line sprintf("%-" w[i] "s", cell[r, i]) " | "
      line = line cell[r, 7]
      print line
      if (r == 1) { sep = ""; for (i = 1; i <= 7; i++) { s = ""; for (k = 0; k < w[i]; k++) s = s "-"; sep = sep s (i < 7 ? "-|-" : "") } print sep }
    }
  }'
echo "pacta, reference: wall-clock time, best run (single queries: median); the target is judged" \
  "on it. cpu: mean user+system time of a run."
if awk -v a="$LOAD_START" -v b="$LOAD_END" -v n="$(nproc)" 'BEGIN { exit !(a + 0 > n || b + 0 > n) }'; then
  echo "warning: load average $LOAD_START at start, $LOAD_END at end, on $(nproc) CPUs: other work" \
    "competed for the CPUs and the wall-clock figures are inflated; compare the cpu column."
fi
echo "reference: the sqlite3 shell ($("$SQLITE3" --version | cut -d' ' -f1)) doing .import of the same rows as CSV" \
  "(load), and SELECT * FROM actions on pacta's own database (status of all)."
# A command that failed makes the run fail; a target that is not met does not (this is a benchmark).
for row in "${TABLE[@]}"; do
  case "$row" in *FAILED*) exit 1 ;; esac
done
}
exit
