#!/usr/bin/env bash
# Growth: the time of each parser and renderer the command line reaches, at 4 sizes of its input
# (x, 2x, 4x, 8x), and whether it grows linearly; then the peak memory of a load against its bound.
#
#   bash bench/scale.sh [--runs N] [--timeout S] [--strict]
#
#   --runs N      timed runs of each command, best kept (default 3; a run over 5 s is not repeated)
#   --timeout S   a run longer than S seconds is stopped and counted as NOT LINEAR (default 60)
#   --strict      exit 1 when a measure is NOT LINEAR (default: only when a command fails)
#
# Environment: PACTA=/path/to/pacta skips the build (default: Release in build-bench/).
# Inputs and registries go to bench/out/scale/ (git-ignored). About a minute on 2 CPUs.
#
# For each measure it prints the four times and t(4x)/t(x), t(8x)/t(2x): a linear cost gives
# about 4; above 5 the measure is flagged NOT LINEAR. Times are CPU time (user + system, best
# run) and include starting pacta and opening the registry (a few ms).
set -euo pipefail
# gen_registry's dates run to 2029-12-31: the consistency checks refuse a date after "today".
export PACTA_TODAY=2030-01-01
{

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/out/scale"
RUNS=3
TIMEOUT=60
STRICT=0

usage() {
  sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
  --runs) RUNS=${2:-}; shift 2 || usage ;;
  --timeout) TIMEOUT=${2:-}; shift 2 || usage ;;
  --strict) STRICT=1; shift ;;
  -h | --help) usage ;;
  *) echo "scale.sh: unknown argument: $1" >&2; usage ;;
  esac
done
for n in "$RUNS" "$TIMEOUT"; do
  case "$n" in '' | *[!0-9]* | 0) echo "scale.sh: --runs and --timeout take positive integers" >&2; exit 2 ;; esac
done

say() { printf '%s\n' "== $*" >&2; }
die() { printf 'scale.sh: %s\n' "$*" >&2; exit 1; }
command -v cc >/dev/null || die "a C compiler (cc) is needed"
command -v python3 >/dev/null || die "python3 is needed (it writes the inputs)"
command -v timeout >/dev/null || die "timeout (coreutils) is needed"
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
cc -O2 -o "$OUT/gen_registry" "$HERE/gen_registry.c"
q() { printf '%q' "$1"; }
P=$(q "$PACTA")

# ---------------------------------------------------------------- timing
# time_best PREPARE COMMAND: runs PREPARE (untimed) then COMMAND (sh command lines) up to RUNS
# times; BEST is the least CPU time (user + system, pacta's and its children's) of a run in ms,
# or "timeout", or "FAILED" (stderr shown). CPU time, not wall-clock: other work on the machine
# slows a run down without making it cost more, and the verdict is about cost.
BEST=""
time_best() {
  local prepare=$1 cmd=$2 r rc tm ms TIMEFORMAT='%3R %3U %3S'
  BEST=""
  for ((r = 0; r < RUNS; r++)); do
    sh -c "$prepare" >/dev/null 2>&1 || true
    rc=0
    tm=$({ time timeout "$TIMEOUT" sh -c "$cmd" >/dev/null 2>"$OUT/last.err"; } 2>&1) || rc=$?
    if [ "$rc" -eq 124 ]; then BEST=timeout; return; fi
    if [ "$rc" -ne 0 ]; then
      sed 's/^/    | /' "$OUT/last.err" | head -n 5 >&2
      BEST=FAILED
      return
    fi
    ms=$(awk '{ printf "%.1f", ($2 + $3) * 1000 }' <<<"$tm")
    if [ -z "$BEST" ] || awk -v a="$ms" -v b="$BEST" 'BEGIN { exit !(a < b) }'; then BEST=$ms; fi
    awk '{ exit !($1 > 5) }' <<<"$tm" && break
  done
  return 0
}

fmt() {
  case "$1" in
  timeout) printf '> %s s' "$TIMEOUT" ;;
  FAILED) printf 'FAILED' ;;
  *) awk -v m="$1" 'BEGIN { if (m >= 1000) printf "%.2f s", m / 1000; else printf "%.1f ms", m }' ;;
  esac
}

ROWS=0 NOT_LINEAR=0 FAILED=0
printf '%-34s %-22s %10s %10s %10s %10s  %6s %6s  %s\n' measure "sizes (x .. 8x)" "t(x)" "t(2x)" \
  "t(4x)" "t(8x)" "4x/x" "8x/2x" verdict
# row NAME SIZES T1 T2 T4 T8: one line of the table.
row() {
  local name=$1 sizes=$2 t1=$3 t2=$4 t4=$5 t8=$6 r1 r2 verdict
  ROWS=$((ROWS + 1))
  case "$t1 $t2 $t4 $t8" in
  *FAILED*) r1=-; r2=-; verdict=FAILED; FAILED=$((FAILED + 1)) ;;
  *timeout*) r1=-; r2=-; verdict="NOT LINEAR (a run over $TIMEOUT s)"; NOT_LINEAR=$((NOT_LINEAR + 1)) ;;
  *)
    r1=$(awk -v a="$t4" -v b="$t1" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 0.1) }')
    r2=$(awk -v a="$t8" -v b="$t2" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 0.1) }')
    if awk -v a="$r1" -v b="$r2" 'BEGIN { exit !(a > 5 || b > 5) }'; then
      verdict="NOT LINEAR"
      NOT_LINEAR=$((NOT_LINEAR + 1))
    else
      verdict=linear
    fi
    ;;
  esac
  printf '%-34s %-22s %10s %10s %10s %10s  %6s %6s  %s\n' "$name" "$sizes" "$(fmt "$t1")" \
    "$(fmt "$t2")" "$(fmt "$t4")" "$(fmt "$t8")" "$r1" "$r2" "$verdict"
}

# scale NAME SIZES PREPARE COMMAND: COMMAND and PREPARE with {} for 1, 2, 4 and 8.
scale() {
  local name=$1 sizes=$2 prepare=$3 cmd=$4 k
  local -a t=()
  for k in 1 2 4 8; do
    time_best "${prepare//\{\}/$k}" "${cmd//\{\}/$k}"
    t+=("$BEST")
  done
  row "$name" "$sizes" "${t[@]}"
}

say "pacta: $PACTA ($("$PACTA" --version 2>/dev/null | head -n 1 || true)); $(nproc) CPUs," \
  "load average $(cut -d' ' -f1 /proc/loadavg)"

# ---------------------------------------------------------------- ingest
# The five annotated seeds, repeated to 1, 2, 4 and 8 MiB: as written (sentences of a press
# release), and as one line without a full stop (every reader that looks at "the sentence
# around" a name or a date then sees the whole text).
say "writing the press releases (the seeds of tests/ingest/expected, repeated)"
python3 - "$ROOT/tests/ingest/expected" "$OUT" <<'PY'
import glob, os, re, sys
src, out = sys.argv[1], sys.argv[2]
text = "".join(open(f, encoding="utf-8").read() for f in sorted(glob.glob(os.path.join(src, "*.txt"))))
one = re.sub(r"\.( |\n|$)", r",\1", text.replace("!", ",").replace("?", ",")).replace("\n", " ")
for name, t in (("sentences", text), ("oneline", one)):
    for k in (1, 2, 4, 8):
        size = k << 20
        b = (t * (size // len(t.encode()) + 1)).encode()[:size].decode("utf-8", "ignore")
        open(os.path.join(out, "ingest-%s-%d.txt" % (name, k)), "w", encoding="utf-8").write(b)
PY
rm -f "$OUT/sample.db"
"$PACTA" --db "$OUT/sample.db" init --sample >/dev/null
S=$(q "$OUT/sample.db")
scale "ingest, sentences (seeds repeated)" "1, 2, 4, 8 MiB" "" \
  "$P --db $S ingest --json $(q "$OUT")/ingest-sentences-{}.txt"
scale "ingest, one line, no full stop" "1, 2, 4, 8 MiB" "" \
  "$P --db $S ingest --json $(q "$OUT")/ingest-oneline-{}.txt"

# ---------------------------------------------------------------- search
# A query is at most 1000 bytes and 32 words (longer ones are refused), so it grows up to that:
# 4, 8, 16 and 32 words ORed, over the 600-document registry below; 10 queries per run.
W=(treaty agreement convention protocol safety civil aviation narcotic drugs human rights climate
  change biological diversity road traffic customs cooperation extradition mutual legal assistance
  telecommunications maritime cultural heritage migratory species nuclear trade goods)
query() {
  local s
  s=$(printf '%s OR ' "${W[@]:0:$1}")
  printf '%s' "${s% OR }"
}

# ---------------------------------------------------------------- load, and what reads a registry
# gen_registry (bench/README.md) at 75, 150, 300 and 600 documents x 200 parties: about 15,000
# to 120,000 actions, 1.4 to 10.6 MB of JSON. Each load starts from an empty registry.
say "generating the registries (gen_registry, 75 to 600 documents)"
for k in 1 2 4 8; do
  "$OUT/gen_registry" --docs $((75 * k)) --parties 200 --out "$OUT/registry-$k.json" >/dev/null 2>&1
  # A session adopting every document with every party present, for the minutes.
  python3 - "$OUT/registry-$k.json" "$OUT/session-$k.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
json.dump({"pacta": 1,
           "bodies": [{"id": "un-ga", "organization": "un", "name": {"en": "General Assembly"},
                       "level": "heads_of_state"}],
           "sessions": [{"id": "un-ga-2020-01-01", "body": "un-ga", "number": 1, "date": "2020-01-01",
                         "place": "New York", "format": "in_person",
                         "attendance": [{"party": p["code"], "status": "present"} for p in d["parties"]],
                         "adopted": [x["id"] for x in d["documents"]],
                         "sources": [{"title": "bench/scale.sh", "ref": "bench/scale.sh"}]}]},
          open(sys.argv[2], "w"))
PY
done
R=$(q "$OUT")/registry
scale "load (interchange JSON)" "75 .. 600 documents" \
  "rm -f $R-{}.db $R-{}.db-wal $R-{}.db-shm && $P --db $R-{}.db init" \
  "$P --db $R-{}.db load $R-{}.json"
# The same registries as CSV (docs/csv.md), one file per table, loaded into an empty registry.
for k in 1 2 4 8; do
  rm -rf "$OUT/registry-$k-csv"
  "$PACTA" --db "$OUT/registry-$k.db" export --format csv --out "$OUT/registry-$k-csv"
done
scale "load (CSV)" "75 .. 600 documents" \
  "rm -f $R-{}-csv.db $R-{}-csv.db-wal $R-{}-csv.db-shm && $P --db $R-{}-csv.db init" \
  "$P --db $R-{}-csv.db load $R-{}-csv"
for k in 1 2 4 8; do "$PACTA" --db "$OUT/registry-$k.db" load "$OUT/session-$k.json" >/dev/null; done
scale "status --all --json" "75 .. 600 documents" "" \
  "$P --db $R-{}.db status --all --on 2030-01-01 --json"
scale "export (interchange JSON)" "75 .. 600 documents" "" "$P --db $R-{}.db export"
scale "export --format csv" "75 .. 600 documents" "" "$P --db $R-{}.db export --format csv"
scale "minutes (html), all adopted" "75 .. 600 documents" "" \
  "$P --db $R-{}.db minutes un-ga-2020-01-01"
Q1=$(query 4) Q2=$(query 8) Q4=$(query 16) Q8=$(query 32)
t=()
for k in 1 2 4 8; do
  qv="Q$k"
  time_best "" "for i in 1 2 3 4 5 6 7 8 9 10; do $P --db $R-8.db search $(q "${!qv}") --facets --json || exit 1; done"
  t+=("$BEST")
done
row "search, 10 queries" "${#Q1} .. ${#Q8} bytes" "${t[@]}"

# ---------------------------------------------------------------- pages
# The pages whose size follows the registry, served by `pacta serve --cache-mb 0` (no cached
# answers): a party's page (its actions), the list of documents, and a session that adopted every
# document. Wall-clock time of 10 requests by curl (the server's CPU time is not the client's).
if command -v curl >/dev/null; then
  PORT=$((20000 + $$ % 20000))
  for spec in "party AAA=/parties/AAA" "documents=/documents" \
    "session, all adopted=/sessions/un-ga-2020-01-01"; do
    page=${spec#*=}
    t=()
    for k in 1 2 4 8; do
      "$PACTA" --db "$OUT/registry-$k.db" serve --listen "127.0.0.1:$PORT" --cache-mb 0 --quiet \
        2>"$OUT/serve.err" &
      SERVER=$!
      for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
      best=""
      for ((r = 0; r < RUNS; r++)); do
        ms=$(for i in 1 2 3 4 5 6 7 8 9 10; do
          curl -sf -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT$page" || echo FAILED
        done | awk '/FAILED/ { f = 1 } { s += $1 } END { if (f) print "FAILED"; else printf "%.1f", s * 1000 }')
        if [ "$ms" = FAILED ]; then best=FAILED; break; fi
        if [ -z "$best" ] || awk -v a="$ms" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$ms; fi
      done
      kill "$SERVER" && wait "$SERVER" || true
      t+=("$best")
    done
    row "page: ${spec%%=*} (x10)" "75 .. 600 documents" "${t[@]}"
  done
else
  say "curl not found: the pages are not measured"
fi

# ---------------------------------------------------------------- memory of a load
# Peak resident memory of `pacta load` (the process's maximum RSS) against the bound of issue 12:
# twice the file's size plus 64 MB, at the four sizes above and at 1,000 documents (about 18 MB).
"$OUT/gen_registry" --docs 1000 --parties 200 --out "$OUT/registry-18mb.json" >/dev/null 2>&1
echo
printf '%-34s %10s %12s %12s  %s\n' "load, peak memory" "file" "peak RSS" "bound" verdict
# The CSV directories (registry-K-csv, written above) too: the bound counts their files' bytes.
for f in registry-1 registry-2 registry-4 registry-8 registry-18mb registry-1-csv registry-8-csv; do
  rm -f "$OUT/mem.db" "$OUT/mem.db-wal" "$OUT/mem.db-shm"
  "$PACTA" --db "$OUT/mem.db" init >/dev/null
  IN="$OUT/$f.json"
  [ -d "$OUT/$f" ] && IN="$OUT/$f"
  python3 - "$PACTA" "$OUT/mem.db" "$IN" <<'PY' || FAILED=$((FAILED + 1))
import os, resource, subprocess, sys
pacta, db, path = sys.argv[1:]
rc = subprocess.run([pacta, "--db", db, "load", path], stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL).returncode
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
size = (sum(os.path.getsize(os.path.join(path, n)) for n in os.listdir(path))
        if os.path.isdir(path) else os.path.getsize(path))
bound = 2 * size + 64 * 1000 * 1000
verdict = "FAILED" if rc else ("within" if peak < bound else "OVER")
print("%-34s %7.1f MB %9.1f MB %9.1f MB  %s" % ("load " + os.path.basename(path), size / 1e6,
                                                peak / 1e6, bound / 1e6, verdict))
sys.exit(1 if rc or peak >= bound else 0)
PY
done

echo
echo "$ROWS measures, $NOT_LINEAR NOT LINEAR, $FAILED failed; times: CPU (user + system) of the" \
  "best of $RUNS runs, pacta's start included; load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) CPUs"
[ "$FAILED" -eq 0 ] || exit 1
[ "$STRICT" -eq 0 ] || [ "$NOT_LINEAR" -eq 0 ] || exit 1
}
exit
