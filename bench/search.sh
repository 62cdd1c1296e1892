#!/usr/bin/env bash
# Benchmark of full-text search (docs/search.md): latency p50/p99 at 100,000 documents, next to
# `grep -ci WORD` over the same texts in the same run.
#
#   bash bench/search.sh [--docs N] [--queries N] [--chunk N]
#
#   --docs N     documents in the index (default 100,000): the 5,728 IEADB agreement titles
#                (../shared/data/manytreaties/treaties.csv) and generated documents (English
#                and Russian titles and notes drawn from the IEADB vocabulary and a Russian word
#                list) up to N
#   --queries N  queries timed (default 500): single words, two-word AND queries, Russian words
#                and prefixes, drawn from the corpus (common and rare)
#   --chunk N    documents per `pacta load` file (default 10,000)
#   --http N     requests timed over HTTP per query kind (default 200; 0 skips the HTTP part)
#   --reuse      keep the corpus and database of the last run with the same --docs (no load)
#   --http-only  only the HTTP part (with --reuse: no load, no in-process runs)
#
# pacta: `pacta search --bench-queries FILE` runs every query inside one process (one warm pass,
# then one timed pass; each query is search_run: the ranked top 20 with snippets and the total;
# then again with a filter and the facet counts, as the API and the page ask; then again after
# `pacta rebuild`, which refills the index in one transaction), so process start-up is excluded;
# one cold `pacta search` process is also timed for reference. grep: each `grep -ci WORD texts.txt` is one process over the same texts
# (title + note, one document per line), timed from bash with date +%s%N, start-up included.
# HTTP (issue 18's target): `pacta serve --cache-mb 0 --threads 2`, one keep-alive connection,
# GET /api/v1/search?q=...&from=YEAR-01-01 (the facets are always counted by the API; the year
# drawn per request) for "agreement" and "agreement cooperation", N each after 20 warm-up
# requests, timed by the client; beside them `grep -ci agreement` (one process each, start-up
# included) N times in the same run; printed: p50 and p99, and p99 as a ratio to grep's p99.
# Environment: BUILD_TYPE (default Release), BUILD_DIR (default build-bench), PACTA (a binary).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/out/search"
DOCS=100000
QUERIES=500
CHUNK=10000
HTTP=200
REUSE=0
HTTP_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
  --docs) DOCS=$2; shift 2 ;;
  --queries) QUERIES=$2; shift 2 ;;
  --chunk) CHUNK=$2; shift 2 ;;
  --http) HTTP=$2; shift 2 ;;
  --reuse) REUSE=1; shift ;;
  --http-only) HTTP_ONLY=1; shift ;;
  -h | --help) sed -n '2,29p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  *) echo "search.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

if [ -z "${PACTA:-}" ]; then
  BUILD_DIR=${BUILD_DIR:-$ROOT/build-bench}
  cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" >/dev/null
  cmake --build "$BUILD_DIR" -j2 --target pacta >/dev/null
  PACTA=$BUILD_DIR/pacta
fi
TREATIES=${TREATIES:-$ROOT/../shared/data/manytreaties/treaties.csv}
[ -r "$TREATIES" ] || { echo "search.sh: cannot read $TREATIES" >&2; exit 1; }

DB="$OUT/search.db"
if [ "$REUSE" = 1 ] && [ -s "$DB" ] && [ "$(cat "$OUT/docs" 2>/dev/null)" = "$DOCS" ]; then
  echo "corpus and database of the last run reused ($DOCS documents)"
else
rm -rf "$OUT"
mkdir -p "$OUT"

# 1. The corpus: interchange files of CHUNK documents, the same texts one per line, queries.
python3 - "$TREATIES" "$OUT" "$DOCS" "$CHUNK" "$QUERIES" <<'EOF'
import csv, datetime, json, random, re, sys
treaties, out, ndocs, chunk, nq = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rnd = random.Random(2026)
rows = list(csv.DictReader(open(treaties, encoding="utf-8", errors="replace")))
ru = ("соглашение протокол конвенция договор ратификация ратифицировал сотрудничество охрана "
      "окружающей среды рыболовство морских ресурсов загрязнения воздуха изменение климата "
      "водных ресурсов границы таможенный союз торговля энергетика безопасность государств "
      "участников содружества организация комиссия совета министров поправки к статье "
      "сохранение биологического разнообразия лесов атомной энергии транспорт связи "
      "исполнительный комитет решение о создании меморандум о взаимопонимании").split()
def real_date(z):
    try:
        return datetime.date.fromisoformat(z).year < 2100  # 2899-01-01: unknown
    except ValueError:
        return False
docs = []
for r in rows:
    title = (r.get("Treaty Name") or "").strip()
    if not title:
        continue
    date = r.get("Signature Date") or ""
    docs.append(("ieadb-" + re.sub(r"[^0-9A-Za-z]", "", r.get("IEA# (click for add'l info)") or "") + "-" + str(len(docs)),
                 title, None, date if real_date(date) else None))
ieadb = len(docs)
vocab = [w for d in docs for w in re.findall(r"[A-Za-z]{3,}", d[1])]
mixed = vocab + ru
while len(docs) < ndocs:
    i = len(docs)
    title = " ".join(rnd.choice(vocab) for _ in range(rnd.randint(4, 12))).capitalize()
    ru_title = " ".join(rnd.choice(ru) for _ in range(rnd.randint(3, 8))).capitalize()
    note = " ".join(rnd.choice(mixed) for _ in range(rnd.randint(10, 40)))
    date = "%04d-%02d-%02d" % (rnd.randint(1950, 2025), rnd.randint(1, 12), rnd.randint(1, 28))
    docs.append(("gen-%06d" % i, title, (ru_title, note), date))
orgs = ["ieadb", "gena", "genb", "genc"]
with open(f"{out}/texts.txt", "w", encoding="utf-8") as t:
    for d in docs:
        t.write(" ".join([d[1]] + (list(d[2]) if d[2] else [])).replace("\n", " ") + "\n")
for c in range(0, len(docs), chunk):
    f = {"pacta": 1, "documents": []}
    if c == 0:
        f["organizations"] = [{"id": o, "name": {"en": o.upper()}} for o in orgs]
    for k, d in enumerate(docs[c:c + chunk]):
        doc = {"id": d[0], "organization": "ieadb" if d[0].startswith("ieadb") else orgs[1 + (c + k) % 3],
               "type": "agreement", "title": {"en": d[1]},
               "adopted": {"date": d[3], "place": None, "session": None} if d[3] else None,
               "supersedes": None, "entry_into_force": None}
        if d[2]:
            doc["title"]["ru"] = d[2][0]
            doc["note"] = d[2][1]
        f["documents"].append(doc)
    json.dump(f, open(f"{out}/chunk-{c // chunk:04d}.json", "w"), ensure_ascii=False)
# Queries: words (grep gets the same word), some two-word ANDs and prefixes for pacta only.
words = sorted(set(w.lower() for w in vocab))
common = [w for w in ("agreement", "convention", "protocol", "fisheries", "treaty") if w in words]
qs = []
for i in range(nq):
    k = i % 10
    if k < 5:
        w = rnd.choice(words)
    elif k < 7:
        w = rnd.choice(ru)
    elif k == 7:
        w = rnd.choice(common or words)
    else:
        w = rnd.choice(words) + " " + rnd.choice(words) if k == 8 else rnd.choice(words)[:4] + "*"
    qs.append(w)
open(f"{out}/queries.txt", "w", encoding="utf-8").write("\n".join(qs) + "\n")
open(f"{out}/grep-words.txt", "w", encoding="utf-8").write(
    "\n".join(q.split()[0].rstrip("*") for q in qs) + "\n")
print(f"corpus: {len(docs)} documents ({ieadb} IEADB titles, {len(docs) - ieadb} generated), "
      f"{nq} queries")
EOF

# 2. Load through the journal in chunks.
"$PACTA" --db "$DB" init >/dev/null
t0=$(date +%s%N)
for f in "$OUT"/chunk-*.json; do "$PACTA" --db "$DB" load "$f" >/dev/null; done
t1=$(date +%s%N)
echo "load: $(( (t1 - t0) / 1000000 )) ms for $DOCS documents ($(ls "$OUT"/chunk-*.json | wc -l) files)," \
  "database $(du -m "$DB" | cut -f1) MB"
echo "$DOCS" >"$OUT/docs"
fi

if [ "$HTTP_ONLY" = 0 ]; then

# 3. pacta, in one process.
"$PACTA" --db "$DB" search --bench-queries "$OUT/queries.txt" --json >"$OUT/pacta.json"
"$PACTA" --db "$DB" search --bench-queries "$OUT/queries.txt" --kind document --facets --json \
  >"$OUT/pacta-facets.json"
t0=$(date +%s%N)
"$PACTA" --db "$DB" search ratification --json >/dev/null
t1=$(date +%s%N)
echo "one cold 'pacta search ratification' process: $(( (t1 - t0) / 1000 )) us"
# The index as `pacta rebuild` leaves it (refilled in one transaction, then optimized).
t0=$(date +%s%N)
"$PACTA" --db "$DB" rebuild >/dev/null
t1=$(date +%s%N)
echo "rebuild: $(( (t1 - t0) / 1000000 )) ms"
"$PACTA" --db "$DB" search --bench-queries "$OUT/queries.txt" --json >"$OUT/pacta-rebuilt.json"

# 4. grep -ci over the same texts, one process per word; then the figures side by side.
python3 - "$OUT" <<'EOF'
import json, subprocess, sys, time
out = sys.argv[1]
words = open(f"{out}/grep-words.txt", encoding="utf-8").read().split("\n")[:-1]
ms = []
for w in words:
    t0 = time.perf_counter()
    subprocess.run(["grep", "-ci", "--", w, f"{out}/texts.txt"], stdout=subprocess.DEVNULL)
    ms.append((time.perf_counter() - t0) * 1000)
ms.sort()
n = len(ms)
grep = {"p50_ms": ms[n // 2], "p99_ms": ms[min(n - 1, n * 99 // 100)], "max_ms": ms[-1]}
rows = [("pacta search, in-process (top 20, snippets, total)", json.load(open(f"{out}/pacta.json"))),
        ("pacta search --kind document --facets (API, page)",
         json.load(open(f"{out}/pacta-facets.json"))),
        ("pacta search, after pacta rebuild", json.load(open(f"{out}/pacta-rebuilt.json"))),
        ("grep -ci WORD, one process per query", grep)]
print(f"{'':52} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
for name, r in rows:
    print(f"{name:52} {r['p50_ms']:8.3f} {r['p99_ms']:8.3f} {r['max_ms']:8.3f}")
for label, (name, r) in zip(("pacta search", "pacta search with facets",
                             "pacta search after rebuild"), rows):
    print(f"grep / {label}: p50 {grep['p50_ms'] / r['p50_ms']:.1f}x,"
          f" p99 {grep['p99_ms'] / r['p99_ms']:.1f}x")
print(f"{n} queries; targets at 100,000 documents: p50 < 1 ms, p99 < 10 ms")
EOF
fi

# 5. Over HTTP with a date filter, beside grep -ci in the same run (issue 18, part 4).
if [ "$HTTP" -gt 0 ]; then
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$PACTA" --db "$DB" search agreement --json >/dev/null # the index filled before serving
  "$PACTA" --db "$DB" serve --listen "127.0.0.1:$PORT" --cache-mb 0 --threads 2 --quiet \
    2>"$OUT/serve.err" &
  SERVE_PID=$!
  trap 'kill $SERVE_PID 2>/dev/null || true' EXIT
  python3 - "$OUT" "$PORT" "$HTTP" <<'EOF'
import http.client, json, random, subprocess, sys, time, urllib.parse
out, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for _ in range(200):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("GET", "/api/v1/search?q=x")
        c.getresponse().read()
        break
    except OSError:
        time.sleep(0.05)
rnd = random.Random(18)
def p(ms, q):
    ms = sorted(ms)
    return ms[min(len(ms) - 1, len(ms) * q // 100)]
def get(q, year):
    path = "/api/v1/search?" + urllib.parse.urlencode({"q": q, "from": "%d-01-01" % year})
    t0 = time.perf_counter()
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    ms = (time.perf_counter() - t0) * 1000
    if r.status != 200:
        sys.exit("search.sh: %s: HTTP %d %s" % (path, r.status, body[:200]))
    return ms, json.loads(body)
queries = ["agreement", "agreement cooperation"]
for q in queries * 10:
    get(q, rnd.randint(1950, 2020))
res = {q: [] for q in queries}
for i in range(n):
    for q in queries:
        ms, doc = get(q, rnd.randint(1950, 2020))
        res[q].append(ms)
grep = []
for i in range(n):
    t0 = time.perf_counter()
    subprocess.run(["grep", "-ci", "--", "agreement", f"{out}/texts.txt"], stdout=subprocess.DEVNULL)
    grep.append((time.perf_counter() - t0) * 1000)
print(f"\nover HTTP, from=YEAR-01-01 (year drawn per request), {n} requests each:")
print(f"{'':48} {'p50 ms':>8} {'p99 ms':>8} {'p99/grep p99':>13}")
g99 = p(grep, 99)
for q in queries:
    r99 = p(res[q], 99)
    print(f"{'pacta GET /api/v1/search?q=' + q:48} {p(res[q], 50):8.3f} {r99:8.3f} {r99 / g99:12.2f}x")
print(f"{'grep -ci agreement, one process each':48} {p(grep, 50):8.3f} {g99:8.3f} {1:12.2f}x")
print("target: p99 <= 2x grep -ci's p99 for both")
EOF
  kill $SERVE_PID 2>/dev/null || true
  wait $SERVE_PID 2>/dev/null || true
  trap - EXIT
fi
