#!/usr/bin/env bash
# pacta soak: `pacta serve` on the sample registry under a mixed load at many connections for a
# while, watching its memory. Listens on 127.0.0.1 only; the server is stopped on exit.
#
#   bash bench/soak.sh [--duration SECONDS] [--conns N] [--threads N] [--cache-mb N]
#
#   --duration S   how long the load runs (default 60)
#   --conns N      client connections, each a thread of python3 with keep-alive (default 64)
#   --threads N    pacta serve --threads (default 2)
#   --cache-mb N   pacta serve --cache-mb (default: pacta's, 32)
#
# The mix: 55% reads (pages, the API, ?on= dates and journal pages that all differ, and one read
# in ten with a query argument no route reads), 20% searches (API and page), 15% writes (POST
# /api/v1/actions with a depositary token, each a new action: a declaration on its own date by a
# party that acted on the document, over all such pairs), 10% ingests (POST /api/v1/ingest
# of the press releases in tests/ingest/expected/, half with the token). It prints the server's
# resident memory at the start, every 10 s and at the end, the requests by kind and status, and
# lost writes: writes answered 201 that are not in the journal afterwards (read through the API
# while the server runs and with `pacta journal` once it has stopped).
#
# Environment: PACTA=/path/to/pacta skips the build (else Release in build-bench/).
# Exits non-zero only when something could not run; the figures are printed, not judged.
set -euo pipefail
# The writes are dated after 2031 (after every date in the sample): the consistency checks refuse
# a date after "today", so today is set past them.
export PACTA_TODAY=2100-12-31

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DURATION=60
CONNS=64
THREADS=2
CACHE_MB=""

usage() {
  sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
  --duration) DURATION=${2:-}; shift 2 || usage ;;
  --conns) CONNS=${2:-}; shift 2 || usage ;;
  --threads) THREADS=${2:-}; shift 2 || usage ;;
  --cache-mb) CACHE_MB=${2:-}; shift 2 || usage ;;
  -h | --help) usage ;;
  *) echo "soak.sh: unknown argument: $1" >&2; usage ;;
  esac
done
for n in "$DURATION" "$CONNS" "$THREADS" ${CACHE_MB:+"$CACHE_MB"}; do
  case "$n" in '' | *[!0-9]*) echo "soak.sh: expected whole numbers" >&2; exit 2 ;; esac
done
command -v python3 >/dev/null || { echo "soak.sh: needs python3" >&2; exit 1; }

if [ -z "${PACTA:-}" ]; then
  echo "== building pacta (Release) in build-bench/" >&2
  cmake -S "$ROOT" -B "$ROOT/build-bench" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$ROOT/build-bench" -j2 --target pacta >/dev/null
  PACTA="$ROOT/build-bench/pacta"
fi

TMP=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

DB="$TMP/soak.db"
"$PACTA" --db "$DB" init --sample >/dev/null
TOKEN=$("$PACTA" --db "$DB" token create --role depositary --name soak --json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
SEQ0=$("$PACTA" --db "$DB" journal --json --after 0 --limit 1000000 |
  python3 -c 'import json, sys; print(max(e["seq"] for e in json.load(sys.stdin)["entries"]))')
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

flags=(--listen "127.0.0.1:$PORT" --threads "$THREADS" --quiet)
[ -n "$CACHE_MB" ] && flags+=(--cache-mb "$CACHE_MB")
"$PACTA" --db "$DB" serve "${flags[@]}" 2>"$TMP/server.log" &
SERVER_PID=$!
for _ in $(seq 100); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), timeout=0.1)" \
    2>/dev/null && break
  sleep 0.05
done

echo "== pacta serve ${flags[*]} on the sample registry (journal at $SEQ0); $CONNS connections for ${DURATION}s; $(nproc) CPUs"
python3 - "$PORT" "$SERVER_PID" "$TOKEN" "$DURATION" "$CONNS" "$SEQ0" "$ROOT" "$TMP/written" <<'EOF'
import collections, datetime, glob, http.client, json, random, sys, threading, time
import urllib.parse

port, pid, token, duration, nconn, seq0, root, written_path = sys.argv[1:]
port, pid, duration, nconn, seq0 = int(port), int(pid), int(duration), int(nconn), int(seq0)
AUTH = {"Authorization": "Bearer " + token}
DOC, PARTY = "cis-agr-dtkt-997-747", "ARM"  # what the reads ask about
RELEASES = [open(p, "rb").read() for p in sorted(glob.glob(root + "/tests/ingest/expected/*.txt"))]
WORDS = ["treaty", "agreement", "ratified", "customs", "security", "council", "Armenia",
         "Kazakhstan", "соглашение", "ратификация", "таможенный", "договор*", "summit OR session"]


def rss(field="VmRSS"):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def day(n):
    return (datetime.date(2031, 1, 1) + datetime.timedelta(days=n)).isoformat()


def read_path(rng):
    r = rng.random()
    if r < 0.1:  # a query argument no route reads: never cached
        return "read?junk", f"/api/v1/journal?limit=100&junk={rng.getrandbits(48)}"
    on = day(-rng.randrange(30000))
    return "read", rng.choice([
        "/", "/parties", "/organizations", "/documents", "/sessions", f"/documents/{DOC}",
        f"/parties/{PARTY}", "/organizations/cis", "/feed.atom", "/calendar.ics",
        f"/api/v1/documents/{DOC}/status?on={on}", f"/api/v1/organizations/cis/members?on={on}",
        f"/api/v1/organizations/eaeu/chair?year={rng.randrange(1992, 2040)}",
        f"/api/v1/journal?after={rng.randrange(seq0)}&limit=100", f"/api/v1/actions?document={DOC}",
        "/api/v1/parties", "/api/v1/documents"])


# Writes: a declaration by a party that already acted on the document, each on its own date
# after 2031 (after every date in the sample), spread over every such pair.
c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
c.request("GET", "/api/v1/actions?limit=10000")
PAIRS = sorted({(a["document"], a["party"]) for a in json.loads(c.getresponse().read())["actions"]})
c.close()

counts = collections.Counter()  # (kind, status)
lock = threading.Lock()
written = []  # keys of actions answered 201
next_day = [0]
total = [0]
stop = threading.Event()


def worker(i):
    rng = random.Random(i)
    conn = None
    while not stop.is_set():
        r = rng.random()
        headers, body, method = {}, None, "GET"
        key = None
        if r < 0.55:
            kind, path = read_path(rng)
        elif r < 0.75:
            q = urllib.parse.quote_plus(rng.choice(WORDS))
            kind, path = "search", rng.choice([f"/api/v1/search?q={q}", f"/search?q={q}",
                                                f"/api/v1/search?q={q}&facets=1&limit=5"])
        elif r < 0.90:
            with lock:
                n = next_day[0]
                next_day[0] += 1
            doc, party = PAIRS[n % len(PAIRS)]
            key = f"{doc}|{party}|declaration|{day(n)}"
            kind, path, method = "write", "/api/v1/actions", "POST"
            body = json.dumps({"document": doc, "party": party, "type": "declaration",
                               "date": day(n)}).encode()
            headers = dict(AUTH, **{"Content-Type": "application/json"})
        else:
            kind, path, method = "ingest", "/api/v1/ingest", "POST"
            body = rng.choice(RELEASES)
            headers = {"Content-Type": "text/plain"}
            if rng.random() < 0.5:
                headers.update(AUTH)
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            resp.read()
            status = resp.status
            if resp.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as e:
            status = "error " + type(e).__name__
            if conn:
                conn.close()
            conn = None
        with lock:
            counts[(kind, status)] += 1
            total[0] += 1
            if status == 201 and key:
                written.append(key)
    if conn:
        conn.close()


print(f"{'t=0s':7s} RSS {rss():7.1f} MB", flush=True)
threads = [threading.Thread(target=worker, args=(i,)) for i in range(nconn)]
t0 = time.monotonic()
for t in threads:
    t.start()
last, last_total = t0, 0
while time.monotonic() - t0 < duration:
    time.sleep(min(10, duration - (time.monotonic() - t0)))
    now = time.monotonic()
    with lock:
        n = total[0]
    print(f"{f't={now - t0:.0f}s':7s} RSS {rss():7.1f} MB  {n:8d} requests  "
          f"{(n - last_total) / (now - last):7.0f}/s", flush=True)
    last, last_total = now, n
stop.set()
for t in threads:
    t.join()
elapsed = time.monotonic() - t0
print(f"end     RSS {rss():7.1f} MB  (peak VmHWM {rss('VmHWM'):.1f} MB)  {total[0]} requests "
      f"in {elapsed:.1f}s, {total[0] / elapsed:.0f}/s")

print("\nrequests by kind and status:")
kinds = sorted({k for k, _ in counts})
for k in kinds:
    row = sorted(((s, n) for (kk, s), n in counts.items() if kk == k), key=lambda x: str(x[0]))
    print(f"  {k:10s} " + "  ".join(f"{s}: {n}" for s, n in row))
statuses = collections.Counter()
for (_, s), n in counts.items():
    statuses[s] += n
print("  all        " + "  ".join(f"{s}: {n}" for s, n in sorted(statuses.items(), key=lambda x: str(x[0]))))

# Lost writes, through the API while the server runs.
seen = set()
after = seq0
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
while True:
    conn.request("GET", f"/api/v1/journal?after={after}&limit=1000")
    page = json.loads(conn.getresponse().read())
    for e in page["entries"]:
        if e["kind"] == "action" and e["op"] == "put":
            seen.add(e["key"])
        after = e["seq"]
    if not page["entries"] or after >= page["last"]:
        break
lost = [k for k in written if k not in seen]
print(f"\nwrites answered 201: {len(written)}; not in the journal (API): {len(lost)}")
with open(written_path, "w") as f:
    f.write("\n".join(written))
EOF

kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || echo "soak.sh: the server exited with status $?" >&2
SERVER_PID=""
"$PACTA" --db "$DB" journal --json --after "$SEQ0" --limit 100000000 |
  python3 -c '
import json, sys
seen = {e["key"] for e in json.load(sys.stdin)["entries"] if e["kind"] == "action" and e["op"] == "put"}
written = [k for k in open(sys.argv[1]).read().split("\n") if k]
print(f"writes answered 201: {len(written)}; not in the journal (pacta journal): "
      f"{sum(k not in seen for k in written)}")' "$TMP/written"
echo
echo "server log (last lines):"
tail -n 3 "$TMP/server.log" | sed 's/^/  /'
