#!/usr/bin/env bash
# pacta HTTP load benchmark: `pacta serve` against nginx serving the same bytes from a static file,
# then a mixed read/write run. Everything listens on 127.0.0.1 only; servers are stopped on exit.
#
#   bash bench/http/run.sh [--scale 1|100] [--quick] [--rounds N] [--threads N]
#
#   --scale 1     (default) the sample registry, plus the synthetic registry of bench/gen_registry.c
#                 at scale 1 (600 documents x 200 parties, about 120,000 actions)
#   --scale 100   the sample registry, plus the 100x synthetic registry (60,000 documents,
#                 about 12,000,000 actions; building it takes minutes and about 10 GB of disk,
#                 and it is kept in bench/out/ for the next run)
#   --quick       5 s runs instead of 20 s (comparison) and 60 s (mixed run): a smoke check
#   --rounds N    rounds of the pacta/nginx comparison, median kept (default 3; 1 with --quick)
#   --threads N   pacta serve --threads and nginx worker_processes (default 2)
#
# Environment: PACTA=/path/to/pacta skips the build.
# Exits non-zero only when something could not run; a missed target is printed, not fatal.
set -euo pipefail
# gen_registry's dates run to 2029-12-31: the consistency checks refuse a date after "today".
export PACTA_TODAY=2030-01-01

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH=$(dirname "$HERE")
ROOT=$(dirname "$BENCH")
OUT="$BENCH/out"
SCALE=1
QUICK=0
ROUNDS=""
THREADS=2
ON=2030-01-01
CONNS=32       # comparison: wrk -t2 -c32
MIX_CONNS=64   # mixed run: reads at 64 connections
WRITE_MS=100   # mixed run: one write every 100 ms
SAMPLE_DOC=cis-agr-dtkt-997-747

usage() {
  sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
  --scale) SCALE=${2:-}; shift 2 || usage ;;
  --scale=*) SCALE=${1#--scale=}; shift ;;
  --quick) QUICK=1; shift ;;
  --rounds) ROUNDS=${2:-}; shift 2 || usage ;;
  --threads) THREADS=${2:-}; shift 2 || usage ;;
  -h | --help) usage ;;
  *) echo "run.sh: unknown argument: $1" >&2; usage ;;
  esac
done
case "$SCALE" in 1 | 100) ;; *) echo "run.sh: --scale must be 1 or 100" >&2; exit 2 ;; esac
if [ "$QUICK" = 1 ]; then
  DURATION=5 MIX_DURATION=5 ROUNDS=${ROUNDS:-1}
else
  DURATION=20 MIX_DURATION=60 ROUNDS=${ROUNDS:-3}
fi
for n in "$ROUNDS" "$THREADS"; do
  case "$n" in '' | *[!0-9]* | 0) echo "run.sh: --rounds and --threads take positive integers" >&2; exit 2 ;; esac
done

say() { printf '%s\n' "== $*" >&2; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- tools
# install_pkg CMD PACKAGE: installs the Debian package when CMD is missing (root and apt-get only).
APT_UPDATED=0
install_pkg() {
  local cmd=$1 pkg=$2
  command -v "$cmd" >/dev/null 2>&1 && return 0
  [ -x "/usr/sbin/$cmd" ] && return 0
  dpkg -s "$pkg" >/dev/null 2>&1 && return 0
  if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
    die "$cmd is needed: apt-get install $pkg (as root)"
  fi
  say "installing $pkg"
  if [ "$APT_UPDATED" = 0 ]; then
    apt-get update >/dev/null 2>&1 || true
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$pkg" >/dev/null 2>&1 || die "could not install $pkg"
}
install_pkg wrk wrk
install_pkg nginx nginx
install_pkg curl curl
install_pkg sqlite3 sqlite3
NGINX=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
command -v cc >/dev/null || die "a C compiler (cc) is needed"

mkdir -p "$OUT"
if [ -n "${PACTA:-}" ]; then
  [ -x "$PACTA" ] || die "PACTA=$PACTA is not an executable"
  say "using PACTA=$PACTA"
else
  say "building pacta (Release) in build-bench/"
  build() {
    cmake -S "$ROOT" -B "$ROOT/build-bench" -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_FLAGS=$1" \
      >"$OUT/http-build.log" 2>&1 &&
      cmake --build "$ROOT/build-bench" -j2 --target pacta >>"$OUT/http-build.log" 2>&1
  }
  if ! build ""; then
    # GCC at -O2 finds warnings (-Wmaybe-uninitialized, -Wformat-overflow ...) that the Debug
    # build does not, and the project's -Werror makes them fatal: build the same code with those
    # left warnings. (A plain -Wno-error would come before -Werror on the command line and lose.)
    flags=""
    for w in maybe-uninitialized format-overflow format-truncation stringop-overflow \
      stringop-truncation array-bounds restrict null-dereference use-after-free; do
      flags+=" -Wno-error=$w"
    done
    say "the Release build failed ($(grep -m1 -o 'error: .*' "$OUT/http-build.log" || echo '?'));" \
      "retrying with$flags"
    build "${flags# }" || {
      tail -n 30 "$OUT/http-build.log" >&2
      die "pacta did not build (full log: $OUT/http-build.log)"
    }
  fi
  PACTA="$ROOT/build-bench/pacta"
fi

# ---------------------------------------------------------------- processes, cleaned up on exit
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pacta-http.XXXXXX")
chmod 755 "$TMP" # nginx workers run as nobody when started by root
PIDS=()
stop_pid() { # stop_pid PID: SIGTERM, then SIGKILL after 5 s
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {
  local p i
  for ((i = 0; i < 100; i++)); do
    p=$((20000 + RANDOM % 30000))
    if port_free "$p"; then
      echo "$p"
      return 0
    fi
  done
  die "no free port found on 127.0.0.1"
}

# wait_http URL PID: waits up to 10 s for URL to answer while PID lives.
wait_http() {
  local i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$2" 2>/dev/null || return 1
    curl -s -o /dev/null --max-time 1 "$1" && return 0
    sleep 0.1
  done
  return 1
}

# start_pacta DB NAME: starts pacta serve, sets PACTA_PID and PACTA_BASE (tries 5 ports).
PACTA_PID="" PACTA_BASE=""
start_pacta() {
  local db=$1 name=$2 port try
  for ((try = 0; try < 5; try++)); do
    port=$(pick_port)
    "$PACTA" --db "$db" serve --listen "127.0.0.1:$port" --threads "$THREADS" --quiet \
      2>"$TMP/pacta-$name.log" &
    PACTA_PID=$!
    PIDS+=("$PACTA_PID")
    PACTA_BASE="http://127.0.0.1:$port"
    wait_http "$PACTA_BASE/api/v1/journal?limit=1" "$PACTA_PID" && return 0
    stop_pid "$PACTA_PID"
  done
  cat "$TMP/pacta-$name.log" >&2
  die "pacta serve did not start on $db"
}

# ---------------------------------------------------------------- registries
GEN="$OUT/gen_registry"
cc -O2 -o "$GEN" "$BENCH/gen_registry.c"

count_actions() { sqlite3 -batch "$1" "SELECT count(*) FROM actions" 2>/dev/null || echo 0; }

# synthetic_db SCALE: prints the path of bench/out/http-sSCALE.db, making it first if needed. It is
# loaded into a .part file and renamed, so an interrupted load is never reused.
synthetic_db() {
  local scale=$1 docs db json
  case "$scale" in 1) docs=600 ;; 100) docs=60000 ;; esac
  db="$OUT/http-s$scale.db"
  if [ -f "$db" ]; then
    say "[scale $scale] reusing $db ($(count_actions "$db") actions)"
    echo "$db"
    return 0
  fi
  # bench/run.sh keeps the same registry (same generator, same seed) as pacta-s100.db: copy it
  # when it is complete, rather than load 12 million actions again. The mixed run writes into the copy, never into bench/run.sh's file.
  local other="$OUT/pacta-s$scale.db"
  if [ "$scale" = 100 ] && [ -f "$other" ] &&
    [ "$(sqlite3 -batch "$other" "SELECT count(*) FROM document" 2>/dev/null || echo 0)" = "$docs" ] &&
    [ "$(count_actions "$other")" -ge $((docs * 190)) ]; then
    say "[scale $scale] copying $other (sqlite3 .backup: a consistent copy even if it is in use)"
    rm -f "$db.part"
    sqlite3 -batch "$other" ".backup '$db.part'" && mv "$db.part" "$db"
    echo "$db"
    return 0
  fi
  json="$OUT/http-s$scale.json"
  local parts="$OUT/http-s$scale-parts" f t0=$SECONDS
  say "[scale $scale] generating $docs documents x 200 parties and loading them into pacta" \
    "$([ "$scale" = 100 ] && echo '(takes minutes)')"
  # Loaded in parts of about 500,000 actions, so that no pacta load needs more than about a GB
  # (one load of the whole 1 GB file needs over 16 GB): gen_registry --split where the generator
  # has it, split_registry.awk otherwise: part.json, then part-p002.json, part-p003.json ...
  rm -rf "$parts" && mkdir -p "$parts"
  if grep -q -- '"--split"' "$BENCH/gen_registry.c"; then
    "$GEN" --docs "$docs" --parties 200 --seed 1 --split 500000 --out "$parts/part.json" >&2
  else
    "$GEN" --docs "$docs" --parties 200 --seed 1 --out "$json" >&2
    awk -v n=500000 -v prefix="$parts/part" -f "$HERE/split_registry.awk" "$json"
    rm -f "$json"
  fi
  rm -f "$db.part" "$db.part-wal" "$db.part-shm"
  "$PACTA" --db "$db.part" init >/dev/null
  for f in "$parts/part.json" "$parts"/part-p[0-9]*.json; do
    [ -e "$f" ] || continue
    "$PACTA" --db "$db.part" load "$f" >&2 || die "pacta load of $f failed"
  done
  rm -rf "$parts"
  say "[scale $scale] loaded in $((SECONDS - t0)) s"
  mv "$db.part" "$db"
  echo "$db"
}

say "making the sample registry"
SAMPLE_DB="$TMP/sample.db"
"$PACTA" --db "$SAMPLE_DB" init --sample >/dev/null
BIG_DB=$(synthetic_db "$SCALE") || exit 1
[ -f "$BIG_DB" ] || die "no synthetic registry"
# The synthetic document with the most parties among the first 1,000 (bounded: a range of the key).
BIG_DOC=$(sqlite3 -batch "$BIG_DB" "SELECT d.id FROM actions a JOIN document d USING(did)
  WHERE a.did <= 1000 GROUP BY a.did ORDER BY count(DISTINCT a.pid) DESC, a.did LIMIT 1")
[ -n "$BIG_DOC" ] || die "no document found in $BIG_DB"

# ---------------------------------------------------------------- nginx, serving the same bytes
mkdir -p "$TMP/www" "$TMP/nginx-tmp"
chmod 755 "$TMP/www"
NGINX_PORT=$(pick_port)
# Debian's stock nginx.conf settings for static files (sendfile on, tcp_nopush on); every file is
# served as application/json, the Content-Type pacta sends.
cat >"$TMP/nginx.conf" <<EOF
daemon off;
worker_processes $THREADS;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  types { }
  default_type application/json;
  client_body_temp_path $TMP/nginx-tmp/body;
  proxy_temp_path $TMP/nginx-tmp/proxy;
  fastcgi_temp_path $TMP/nginx-tmp/fastcgi;
  uwsgi_temp_path $TMP/nginx-tmp/uwsgi;
  scgi_temp_path $TMP/nginx-tmp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $TMP/www;
  }
}
EOF
"$NGINX" -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
NGINX_BASE="http://127.0.0.1:$NGINX_PORT"
sleep 0.2
wait_http "$NGINX_BASE/" "$NGINX_PID" || { cat "$TMP/nginx-error.log" >&2; die "nginx did not start"; }

# ---------------------------------------------------------------- wrk
to_ms() { # 1.30ms, 850.00us, 1.02s -> milliseconds
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}

# run_wrk CONNS SECONDS URL OUTFILE: sets W_RPS W_P50 W_P99 (ms) W_NON2XX W_SOCKERR W_REQS.
run_wrk() {
  local conns=$1 secs=$2 url=$3 out=$4
  timeout $((secs + 30)) wrk -t2 -c"$conns" -d"${secs}s" --latency "$url" >"$out" 2>&1 ||
    { cat "$out" >&2; die "wrk failed on $url"; }
  W_RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  W_P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  W_P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  W_REQS=$(awk '/requests in/ { print $1 }' "$out")
  W_NON2XX=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
  W_NON2XX=${W_NON2XX:-0}
  W_SOCKERR=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out")
  W_SOCKERR=${W_SOCKERR:-0}
}

# cpu_ticks PID: user+system clock ticks of PID and its children (nginx's workers).
cpu_ticks() {
  local pid t=0
  for pid in "$1" $(pgrep -P "$1" || true); do
    t=$((t + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$t"
}
# cpu_us_per_req TICKS0 TICKS1 REQUESTS: server CPU time per request in microseconds.
cpu_us_per_req() {
  awk -v a="$1" -v b="$2" -v n="$3" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.1f", (n > 0 ? (b - a) / hz * 1e6 / n : 0) }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

TABLE=()
add_row() { TABLE+=("$1|$2|$3|$4|$5"); }
FAILED=0

# ---------------------------------------------------------------- 1. pacta vs nginx, same bytes
# compare NAME DB DOC: status of DOC on $ON from pacta, and the same bytes from nginx.
compare() {
  local name=$1 db=$2 doc=$3
  start_pacta "$db" "$name"
  local url="$PACTA_BASE/api/v1/documents/$doc/status?on=$ON"
  local file="$TMP/www/$name.json" hdr="$TMP/$name.headers"
  curl -s -f -D "$hdr" -o "$file" "$url" || die "GET $url failed"
  chmod 644 "$file"
  local nurl="$NGINX_BASE/$name.json"
  curl -s -f -o "$TMP/$name.nginx" "$nurl" || die "nginx did not serve $nurl"
  cmp -s "$file" "$TMP/$name.nginx" || die "nginx and pacta do not serve the same bytes"
  local ptype ntype bytes
  ptype=$(tr -d '\r' <"$hdr" | awk -F': ' 'tolower($1) == "content-type" { print $2 }')
  ntype=$(curl -s -o /dev/null -w '%{content_type}' "$nurl")
  bytes=$(wc -c <"$file" | tr -d ' ')
  say "[$name] $doc on $ON: $bytes bytes, $(grep -c '"party"' "$file") parties;" \
    "Content-Type pacta: $ptype, nginx: $ntype"

  local r p_rps=() p_p50=() p_p99=() p_cpu=() n_rps=() n_p50=() n_p99=() n_cpu=() errs=0
  local order who c0 cpu
  for ((r = 1; r <= ROUNDS; r++)); do
    # alternate who goes first, so neither always gets the warmer machine
    if ((r % 2)); then order="pacta nginx"; else order="nginx pacta"; fi
    for who in $order; do
      if [ "$who" = pacta ]; then
        c0=$(cpu_ticks "$PACTA_PID")
        run_wrk "$CONNS" "$DURATION" "$url" "$TMP/wrk-$name-pacta-$r.txt"
        cpu=$(cpu_us_per_req "$c0" "$(cpu_ticks "$PACTA_PID")" "$W_REQS")
        p_rps+=("$W_RPS") p_p50+=("$W_P50") p_p99+=("$W_P99") p_cpu+=("$cpu")
      else
        c0=$(cpu_ticks "$NGINX_PID")
        run_wrk "$CONNS" "$DURATION" "$nurl" "$TMP/wrk-$name-nginx-$r.txt"
        cpu=$(cpu_us_per_req "$c0" "$(cpu_ticks "$NGINX_PID")" "$W_REQS")
        n_rps+=("$W_RPS") n_p50+=("$W_P50") n_p99+=("$W_P99") n_cpu+=("$cpu")
      fi
      errs=$((errs + W_NON2XX + W_SOCKERR))
      printf '   round %d/%d  %-6s %8s req/s  p50 %6s ms  p99 %6s ms  server CPU %5s us/req  (%s requests, %s non-2xx, %s socket errors)\n' \
        "$r" "$ROUNDS" "$who" "$W_RPS" "$W_P50" "$W_P99" "$cpu" "$W_REQS" "$W_NON2XX" "$W_SOCKERR" >&2
    done
  done
  stop_pid "$PACTA_PID"

  local pr pp50 pp99 nr np50 np99
  pr=$(printf '%s\n' "${p_rps[@]}" | median) pp50=$(printf '%s\n' "${p_p50[@]}" | median)
  pp99=$(printf '%s\n' "${p_p99[@]}" | median)
  nr=$(printf '%s\n' "${n_rps[@]}" | median) np50=$(printf '%s\n' "${n_p50[@]}" | median)
  np99=$(printf '%s\n' "${n_p99[@]}" | median)
  local pcpu ncpu
  pcpu=$(printf '%s\n' "${p_cpu[@]}" | median) ncpu=$(printf '%s\n' "${n_cpu[@]}" | median)
  say "[$name] median of $ROUNDS: pacta $pr req/s p50 $pp50 ms p99 $pp99 ms, $pcpu us CPU/req;" \
    "nginx $nr req/s p50 $np50 ms p99 $np99 ms, $ncpu us CPU/req; ratio $(ratio "$pr" "$nr")"
  local label="status $name ($bytes B), c$CONNS"
  add_row "$label req/s" "$pr" "$nr" "$(ratio "$pr" "$nr") (>= 1.0x)" \
    "$(awk -v a="$pr" -v b="$nr" 'BEGIN { print (a >= b ? "yes" : "no") }')"
  add_row "$label p50" "$pp50 ms" "$np50 ms" "$(ratio "$pp50" "$np50") (-)" "-"
  add_row "$label p99" "$pp99 ms" "$np99 ms" "$(ratio "$pp99" "$np99") (pacta < 5 ms)" \
    "$(awk -v a="$pp99" 'BEGIN { print (a < 5 ? "yes" : "no") }')"
  add_row "$label server CPU/request" "$pcpu us" "$ncpu us" "$(ratio "$pcpu" "$ncpu") (-)" "-"
  if [ "$errs" -gt 0 ]; then
    add_row "$label errors" "$errs" "-" "(0)" "no"
  fi
}

say "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs; other processes share them)"
say "source: $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?')" \
  "($(git -C "$ROOT" status --porcelain 2>/dev/null | grep -c '^ M' || true) modified files built)"
say "pacta: $PACTA; nginx: $("$NGINX" -v 2>&1 | sed 's/.*: //'); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
say "CPU: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || echo '?');" \
  "pacta --threads $THREADS, nginx worker_processes $THREADS, wrk -t2 -c$CONNS -d${DURATION}s --latency," \
  "$ROUNDS round(s), median kept"
compare sample "$SAMPLE_DB" "$SAMPLE_DOC"
compare "scale$SCALE" "$BIG_DB" "$BIG_DOC"

# ---------------------------------------------------------------- 2. mixed run
say "[mixed] reads at $MIX_CONNS connections for ${MIX_DURATION} s on $BIG_DOC (scale $SCALE)," \
  "one write every $WRITE_MS ms"
TOKEN=$("$PACTA" --db "$BIG_DB" token create --role depositary --name "bench-http-$(date +%s)-$$" --json |
  sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "pacta token create printed no token"
printf 'Authorization: Bearer %s\n' "$TOKEN" >"$TMP/auth.header"
chmod 600 "$TMP/auth.header"

start_pacta "$BIG_DB" mixed
URL="$PACTA_BASE/api/v1/documents/$BIG_DOC/status?on=$ON"
PARTY=$(curl -s -f "$URL" | sed -n 's/.*"party": *"\([^"]*\)".*/\1/p' | head -n 1)
[ -n "$PARTY" ] || die "no party in $URL"
SEQ0=$(curl -s -f "$PACTA_BASE/api/v1/journal?after=4611686018427387904&limit=1" |
  sed -n 's/.*"last": *\([0-9]*\).*/\1/p')
[ -n "$SEQ0" ] || die "could not read the journal's last sequence"

# Each write is a declaration by $PARTY on $BIG_DOC on its own date, after every date already
# recorded for that pair (so a re-run on a kept registry never repeats a key) and after $ON.
NWRITES=$((MIX_DURATION * 1000 / WRITE_MS))
LAST_DAY=$(sqlite3 -batch "$BIG_DB" "SELECT max(a.date) FROM actions a
  JOIN document d USING(did) JOIN party p USING(pid) WHERE d.id = '$BIG_DOC' AND p.code = '$PARTY'")
FIRST_DAY=$((${LAST_DAY:-0} + 1))
[ "$FIRST_DAY" -lt 22281 ] && FIRST_DAY=22281 # 2031-01-01
for ((i = 0; i < NWRITES; i++)); do echo "@$(((FIRST_DAY + i) * 86400))"; done |
  date -u -f - +%F >"$TMP/write-dates"
[ "$(tail -n 1 "$TMP/write-dates")" \< "9999-12-31" ] || die "no dates left for new writes on $BIG_DOC"

# writer: one POST every WRITE_MS ms on a fixed schedule; logs "date http_code journal_seq seconds".
writer() {
  local i=0 d t0 now due code secs seq body="$TMP/write.body"
  t0=${EPOCHREALTIME/./}
  while read -r d; do
    due=$((t0 + i * WRITE_MS * 1000))
    now=${EPOCHREALTIME/./}
    if ((due > now)); then sleep "$(printf '%d.%06d' $(((due - now) / 1000000)) $(((due - now) % 1000000)))"; fi
    : >"$body"
    read -r code secs < <(curl -s -o "$body" -w '%{http_code} %{time_total}\n' --max-time 5 \
      -H @"$TMP/auth.header" -H 'Content-Type: application/json' \
      -d "{\"document\": \"$BIG_DOC\", \"party\": \"$PARTY\", \"type\": \"declaration\", \"date\": \"$d\"}" \
      "$PACTA_BASE/api/v1/actions" || echo "000 0")
    seq=$(sed -n 's/.*"journal": *\([0-9]*\).*/\1/p' "$body")
    echo "$d $code ${seq:--} $secs"
    i=$((i + 1))
  done <"$TMP/write-dates" >"$TMP/writes.log"
}

# rss sampler: peak VmRSS of the server every 100 ms, and its VmHWM as last seen
rss_sampler() {
  local max=0 v hwm
  while kill -0 "$PACTA_PID" 2>/dev/null; do
    read -r v hwm < <(awk '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 } END { print r + 0, h + 0 }' \
      "/proc/$PACTA_PID/status" 2>/dev/null || echo "0 0")
    [ "$v" -gt "$max" ] && max=$v && echo "$max" >"$TMP/rss.max"
    [ "$hwm" -gt 0 ] && echo "$hwm" >"$TMP/rss.hwm"
    sleep 0.1
  done
}
RSS_START=$(awk '/^VmRSS:/ { print $2 }' "/proc/$PACTA_PID/status")
rss_sampler &
RSS_PID=$!
PIDS+=("$RSS_PID")
writer &
WRITER_PID=$!
PIDS+=("$WRITER_PID")
run_wrk "$MIX_CONNS" "$MIX_DURATION" "$URL" "$TMP/wrk-mixed.txt"
wait "$WRITER_PID" || true
M_RPS=$W_RPS M_P50=$W_P50 M_P99=$W_P99 M_REQS=$W_REQS M_NON2XX=$W_NON2XX M_SOCKERR=$W_SOCKERR
SERVER_UP=yes
if ! kill -0 "$PACTA_PID" 2>/dev/null; then
  SERVER_UP=no
  cp "$TMP/pacta-mixed.log" "$OUT/http-pacta-mixed.log"
  say "[mixed] pacta serve EXITED during the run; its last words (all in $OUT/http-pacta-mixed.log):"
  tail -n 5 "$TMP/pacta-mixed.log" | sed 's/^/     | /' >&2
fi
HWM=$(awk '/^VmHWM:/ { print $2 }' "/proc/$PACTA_PID/status" 2>/dev/null || cat "$TMP/rss.hwm" 2>/dev/null || echo 0)
RSS_END=$(awk '/^VmRSS:/ { print $2 }' "/proc/$PACTA_PID/status" 2>/dev/null || echo 0)
RSS_PEAK=$(cat "$TMP/rss.max" 2>/dev/null || echo 0)
[ "$HWM" -gt "$RSS_PEAK" ] && RSS_PEAK=$HWM

# Every write that got a 201 must be in the journal: first as the server lists it, then as the
# file holds it once the server has stopped.
: >"$TMP/journal-api.keys"
after=$SEQ0
while [ "$SERVER_UP" = yes ]; do
  curl -s -f "$PACTA_BASE/api/v1/journal?after=$after&limit=1000" >"$TMP/journal.page" ||
    die "GET /api/v1/journal failed"
  n=$(grep -c '"seq":' "$TMP/journal.page" || true)
  [ "$n" -gt 0 ] || break
  sed -n 's/.*"key": *"\([^"]*\)".*/\1/p' "$TMP/journal.page" >>"$TMP/journal-api.keys"
  after=$(sed -n 's/.*"seq": *\([0-9]*\).*/\1/p' "$TMP/journal.page" | tail -n 1)
done
stop_pid "$PACTA_PID"
"$PACTA" --db "$BIG_DB" journal --after "$SEQ0" --limit 1000000 --json |
  sed -n 's/.*"key": *"\([^"]*\)".*/\1/p' >"$TMP/journal-file.keys"

W_TRIED=$(wc -l <"$TMP/writes.log" | tr -d ' ')
W_OK=$(awk '$2 == 201' "$TMP/writes.log" | wc -l | tr -d ' ')
W_FAIL=$((W_TRIED - W_OK))
LOST_API=0 LOST_FILE=0
while read -r d code _; do
  [ "$code" = 201 ] || continue
  key="$BIG_DOC|$PARTY|declaration|$d"
  [ "$SERVER_UP" = yes ] && ! grep -qxF "$key" "$TMP/journal-api.keys" && LOST_API=$((LOST_API + 1))
  grep -qxF "$key" "$TMP/journal-file.keys" || LOST_FILE=$((LOST_FILE + 1))
done <"$TMP/writes.log"
LOST=$((LOST_API > LOST_FILE ? LOST_API : LOST_FILE))
W_MED=$(awk '{ print $4 * 1000 }' "$TMP/writes.log" | median | awk '{ printf "%.1f", $1 }')
W_MAX=$(awk '{ if ($4 * 1000 > m) m = $4 * 1000 } END { printf "%.1f", m }' "$TMP/writes.log")
W_SPAN=$(awk 'NR == 1 { a = $1 } END { print a " .. " $1 }' "$TMP/writes.log")
if [ "$W_FAIL" -gt 0 ]; then
  say "[mixed] writes that did not get a 201 (http code: count):"
  awk '$2 != 201 { c[$2]++ } END { for (k in c) printf "     %s: %d\n", k, c[k] }' "$TMP/writes.log" >&2
fi
READ_ERR=$((M_NON2XX + M_SOCKERR))
say "[mixed] reads: $M_RPS req/s, p50 $M_P50 ms, p99 $M_P99 ms, $M_REQS requests," \
  "$M_NON2XX non-2xx, $M_SOCKERR socket errors ($(grep 'Socket errors' "$TMP/wrk-mixed.txt" | sed 's/^ *//' || echo none))"
say "[mixed] writes: $W_OK of $W_TRIED got 201 (dates $W_SPAN), median $W_MED ms, max $W_MAX ms;" \
  "journal after $SEQ0: $(wc -l <"$TMP/journal-api.keys" | tr -d ' ') entries from the API," \
  "$(wc -l <"$TMP/journal-file.keys" | tr -d ' ') from the file; lost: $LOST_API (API), $LOST_FILE (file)"
say "[mixed] pacta RSS: $(mib "$RSS_START") at start, $(mib "$RSS_END") at end, peak $(mib "$RSS_PEAK")" \
  "(VmHWM $(mib "$HWM")), scale $SCALE registry ($(count_actions "$BIG_DB") actions)"

REG="scale-$SCALE registry"
add_row "mixed: reads req/s, c$MIX_CONNS ${MIX_DURATION}s" "$M_RPS" "-" "-" "-"
add_row "mixed: read p99" "$M_P99 ms" "-" "-" "-"
add_row "mixed: server stayed up" "$SERVER_UP" "-" "yes" "$SERVER_UP"
add_row "mixed: read errors (non-2xx + socket)" "$READ_ERR" "-" "0" "$([ "$READ_ERR" = 0 ] && echo yes || echo no)"
add_row "mixed: writes 201 / tried" "$W_OK / $W_TRIED" "-" "all" "$([ "$W_FAIL" = 0 ] && echo yes || echo no)"
add_row "mixed: lost writes (201, not in journal)" "$LOST" "-" "0" "$([ "$LOST" = 0 ] && echo yes || echo no)"
if [ "$SCALE" = 100 ]; then
  add_row "mixed: server peak RSS, $REG" "$(mib "$RSS_PEAK")" "-" "< 64 MiB" \
    "$(awk -v k="$RSS_PEAK" 'BEGIN { print (k < 65536 ? "yes" : "no") }')"
else
  add_row "mixed: server peak RSS, $REG" "$(mib "$RSS_PEAK")" "-" "< 64 MiB on 100x" "n/a (--scale 100)"
fi
[ "$W_TRIED" = "$NWRITES" ] && [ "$SERVER_UP" = yes ] || FAILED=1

# ---------------------------------------------------------------- the table
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
{
  echo "measure|pacta|reference|ratio/target|met?"
  printf '%s\n' "${TABLE[@]}"
} | awk -F'|' '
  { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } n = NR }
  END {
    for (r = 1; r <= n; r++) {
      line = ""
      for (i = 1; i <= 5; i++) line = line sprintf("%-" w[i] "s", cell[r, i]) (i < 5 ? " | " : "")
      print line
      if (r == 1) { sep = ""; for (i = 1; i <= 5; i++) { s = ""; for (k = 0; k < w[i]; k++) s = s "-"; sep = sep s (i < 5 ? "-|-" : "") } print sep }
    }
  }'
echo "reference: nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///') serving the same bytes from a file" \
  "(worker_processes $THREADS, sendfile on, access_log off); wrk -t2, ${DURATION}s, median of $ROUNDS" \
  "round(s); pacta --threads $THREADS; $(nproc) CPUs shared by wrk and the server."
exit "$FAILED"
