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
#
# pacta: `pacta search --bench-queries FILE` runs every query inside one process (one warm pass,
# then one timed pass; each query is search_run: the ranked top 20 with snippets and the total;
# then again with a filter and the facet counts, as the API and the page ask; then again after
# `pacta rebuild`, which refills the index in one transaction), so process start-up is excluded;
# one cold `pacta search` process is also timed for reference. grep: each `grep -ci WORD texts.txt` is one process over the same texts
# (title + note, one document per line), timed from bash with date +%s%N, start-up included.
# Environment: BUILD_TYPE (default Release), BUILD_DIR (default build-bench), PACTA (a binary).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT="$HERE/out/search"
DOCS=100000
QUERIES=500
CHUNK=10000
while [ $# -gt 0 ]; do
  case "$1" in
  --docs) DOCS=$2; shift 2 ;;
  --queries) QUERIES=$2; shift 2 ;;
  --chunk) CHUNK=$2; shift 2 ;;
  -h | --help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
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

rm -rf "$OUT"
mkdir -p "$OUT"
DB="$OUT/search.db"

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
