#!/usr/bin/env bash
# Where a scale-1 load's time goes, against the same reference as bench/run.sh (the sqlite3
# shell's .import of the same 120,000 actions as CSV), all measured in one run:
#
#   bash bench/load_floor.sh [--runs N]
#
#   reference    sqlite3 .import of the actions as CSV into one plain table
#   pacta load   pacta init + pacta load of the interchange JSON (what bench/run.sh times)
#   JSON parse   jansson parsing the same file as pacta's loader does, each record into a tree of
#                its own, freed (bench/json_parse.c): the JSON library's part of a load, with no
#                check, no row and no hash
#   JSON events  yajl reading the same file as a stream of events, building nothing
#                (bench/json_events.c; only when libyajl-dev is installed), and the same events
#                built into a jansson tree per record, each freed when complete (--trees): the
#                JSON library's part of a load read from events, without a tree and with one
#   rows copied  the rows that load stored (journal, entities, actions, parties, documents,
#                memberships, log), copied into a fresh registry by INSERT ... SELECT ... WHERE 1
#                in the sqlite3 shell, row by row as a load must insert them (the WHERE keeps
#                SQLite from copying whole pages): SQLite's part, with no JSON and no C API call
#                per row
#   log hashes   the RFC 6962 root of the log of that load, from its leaves (`pacta log tiles`) with
#                OpenSSL's SHA-256, each leaf and each interior node hashed once as an append does
#                (bench/log_root.c; checked against `pacta log root`): the log's part, with no row
#
# Each is the best of N runs (default 5), wall clock and user+system CPU. The ratios are to the
# reference. "JSON parse + rows copied + log hashes" is a floor for a load that parses every record
# into a jansson tree, stores these rows and keeps the verifiable log: pacta's own work (checks,
# canonical JSON, statements) comes on top of it. Environment: PACTA=/path/to/pacta skips the build; SQLITE3 as run.sh.
set -euo pipefail
export PACTA_TODAY=2030-01-01
{
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/out"
RUNS=5
while [ $# -gt 0 ]; do
  case "$1" in
  --runs) RUNS=${2:-}; shift 2 || exit 2 ;;
  -h | --help) sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  *) echo "load_floor.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$RUNS" in '' | *[!0-9]* | 0) echo "load_floor.sh: --runs takes a positive number" >&2; exit 2 ;; esac
say() { printf '== %s\n' "$*" >&2; }
die() { printf 'load_floor.sh: %s\n' "$*" >&2; exit 1; }
SQLITE3=${SQLITE3:-sqlite3}
command -v "$SQLITE3" >/dev/null || die "the sqlite3 shell is needed (apt-get install sqlite3)"
mkdir -p "$OUT"

cc -O2 -o "$OUT/gen_registry" "$HERE/gen_registry.c"
cc -O2 -o "$OUT/json_parse" "$HERE/json_parse.c" -ljansson || die "bench/json_parse.c needs libjansson-dev"
cc -O2 -o "$OUT/log_root" "$HERE/log_root.c" -lcrypto || die "bench/log_root.c needs libssl-dev"
EVENTS=""
if cc -O2 -o "$OUT/json_events" "$HERE/json_events.c" -lyajl -ljansson 2>/dev/null; then
  EVENTS="$OUT/json_events"
else
  say "no yajl (apt-get install libyajl-dev): the JSON events row is left out"
fi
if [ -z "${PACTA:-}" ]; then
  say "building pacta (Release) in build-bench/"
  cmake -S "$ROOT" -B "$ROOT/build-bench" -DCMAKE_BUILD_TYPE=Release >"$OUT/build.log" 2>&1 &&
    cmake --build "$ROOT/build-bench" -j2 --target pacta >>"$OUT/build.log" 2>&1 ||
    die "pacta did not build (log: $OUT/build.log)"
  PACTA="$ROOT/build-bench/pacta"
fi
[ -x "$PACTA" ] || die "PACTA=$PACTA is not an executable"

json="$OUT/floor.json" csv="$OUT/floor.csv" pdb="$OUT/floor-pacta.db"
cdb="$OUT/floor-copy.db" sdb="$OUT/floor-sqlite.db"
"$OUT/gen_registry" --docs 600 --parties 200 --seed 1 --out "$json" --csv "$csv" 2>/dev/null
nactions=$(wc -l <"$csv" | tr -d ' ')
say "$nactions actions, $(du -h "$json" | cut -f1) of JSON, $(du -h "$csv" | cut -f1) of CSV; best of $RUNS runs each"

# measure PREPARE COMMAND: best wall-clock and best CPU (user+system) milliseconds of RUNS runs.
WALL="" CPU=""
measure() {
  local i t w c TIMEFORMAT='%3R %3U %3S'
  WALL="" CPU=""
  for ((i = 0; i < RUNS; i++)); do
    sh -c "$1" >/dev/null 2>&1 || true
    t=$({ time sh -c "$2" >/dev/null 2>"$OUT/floor.err"; } 2>&1) ||
      { sed 's/^/    | /' "$OUT/floor.err" | head -n 5 >&2; die "failed: $2"; }
    w=$(awk '{ printf "%.1f", $1 * 1000 }' <<<"$t")
    c=$(awk '{ printf "%.1f", ($2 + $3) * 1000 }' <<<"$t")
    if [ -z "$WALL" ] || awk -v a="$w" -v b="$WALL" 'BEGIN { exit !(a < b) }'; then WALL=$w; fi
    if [ -z "$CPU" ] || awk -v a="$c" -v b="$CPU" 'BEGIN { exit !(a < b) }'; then CPU=$c; fi
  done
}

q() { printf '%q' "$1"; }
cat >"$OUT/floor-import.sql" <<EOF
CREATE TABLE actions(document TEXT, party TEXT, type TEXT, date TEXT);
.mode csv
.import $csv actions
EOF
# The copy runs as a bulk load does: out of the WAL, in one transaction, into a registry that
# pacta init made (so with pacta's schema and indexes).
cat >"$OUT/floor-copy.sql" <<EOF
PRAGMA journal_mode=DELETE;
ATTACH '$pdb' AS s;
BEGIN;
INSERT INTO journal_tx SELECT * FROM s.journal_tx WHERE 1;
INSERT INTO journal_entry SELECT * FROM s.journal_entry WHERE 1;
INSERT INTO party SELECT * FROM s.party WHERE 1;
INSERT INTO document SELECT * FROM s.document WHERE 1;
INSERT INTO membership SELECT * FROM s.membership WHERE 1;
INSERT INTO actions SELECT * FROM s.actions WHERE 1;
INSERT INTO entity SELECT * FROM s.entity WHERE 1;
INSERT INTO tlog_hash SELECT * FROM s.tlog_hash WHERE 1;
COMMIT;
EOF

rows=() # name|wall|cpu
measure "rm -f $(q "$sdb")" "$(q "$SQLITE3") -batch $(q "$sdb") < $(q "$OUT/floor-import.sql")"
rwall=$WALL rcpu=$CPU
rows+=("reference: sqlite3 .import of the CSV|$WALL|$CPU")
measure "rm -f $(q "$pdb") $(q "$pdb")-wal $(q "$pdb")-shm" \
  "$(q "$PACTA") --db $(q "$pdb") init && $(q "$PACTA") --db $(q "$pdb") load $(q "$json")"
rows+=("pacta init + load of the JSON|$WALL|$CPU")
loaded=$("$SQLITE3" -batch "$pdb" "SELECT count(*) FROM actions")
[ "$loaded" = "$nactions" ] || die "pacta loaded $loaded actions of $nactions"
measure ":" "$(q "$OUT/json_parse") $(q "$json")"
pwall=$WALL pcpu=$CPU
rows+=("JSON parse: jansson, a tree per record|$WALL|$CPU")
if [ -n "$EVENTS" ]; then
  measure ":" "$(q "$EVENTS") $(q "$json")"
  rows+=("JSON events: yajl, no tree|$WALL|$CPU")
  measure ":" "$(q "$EVENTS") --trees $(q "$json")"
  rows+=("JSON events into a jansson tree per record|$WALL|$CPU")
fi
measure "rm -f $(q "$cdb") $(q "$cdb")-journal $(q "$cdb")-wal $(q "$cdb")-shm && $(q "$PACTA") --db $(q "$cdb") init" \
  "$(q "$SQLITE3") -batch $(q "$cdb") < $(q "$OUT/floor-copy.sql")"
rows+=("rows copied: pacta's stored rows, one by one|$WALL|$CPU")
cwall=$WALL ccpu=$CPU
rows+=("JSON parse + rows copied|$(awk -v a="$pwall" -v b="$WALL" 'BEGIN { printf "%.1f", a + b }')|$(awk -v a="$pcpu" -v b="$CPU" 'BEGIN { printf "%.1f", a + b }')")
# The log's leaves as C2SP entry bundles (a checkpoint needs a key; one made for the bench).
rm -rf "$OUT/floor-tiles" "$OUT/floor-key".*
"$PACTA" key generate floor --out "$OUT/floor-key" >/dev/null 2>&1 || die "pacta key generate failed"
"$PACTA" --db "$pdb" log tiles --out "$OUT/floor-tiles" --key "$OUT/floor-key.key" >/dev/null ||
  die "pacta log tiles failed"
size=$("$PACTA" --db "$pdb" log root | awk '$1 == "size" { print $2 }')
[ "$("$OUT/log_root" "$OUT/floor-tiles" "$size")" = "$("$PACTA" --db "$pdb" log root)" ] ||
  die "bench/log_root.c's root is not pacta log root's"
measure ":" "$(q "$OUT/log_root") $(q "$OUT/floor-tiles") $size"
rows+=("log hashes: each leaf and node once (OpenSSL)|$WALL|$CPU")
rows+=("JSON parse + rows copied + log hashes|$(awk -v a="$pwall" -v b="$cwall" -v c="$WALL" 'BEGIN { printf "%.1f", a + b + c }')|$(awk -v a="$pcpu" -v b="$ccpu" -v c="$CPU" 'BEGIN { printf "%.1f", a + b + c }')")

printf '\n%-52s | %10s | %8s | %10s | %8s\n' "measure ($nactions actions)" "wall" "ratio" "cpu" "ratio"
printf -- '-----------------------------------------------------|------------|----------|------------|---------\n'
for r in "${rows[@]}"; do
  IFS='|' read -r name w c <<<"$r"
  printf '%-52s | %7.1f ms | %7.2fx | %7.1f ms | %7.2fx\n' "$name" "$w" \
    "$(awk -v a="$w" -v b="$rwall" 'BEGIN { print a / b }')" "$c" \
    "$(awk -v a="$c" -v b="$rcpu" 'BEGIN { print a / b }')"
done
printf 'ratios: to the reference in the same run. Issue 18 asks for a load within 3x of it.\n'
}
