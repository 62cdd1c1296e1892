#!/usr/bin/env python3
"""Per-field precision and recall of `pacta ingest` over annotated press releases.

usage: evaluate.py DIR [--pacta PATH] [--db REGISTRY] [--json]

DIR holds pairs NAME.txt (or NAME.html) and NAME.expected.json; see README.md
in this directory. Without --db a temporary registry is made with
`pacta init --sample` (the gazetteer of the bundled sample).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

SCALARS = ["body", "number", "date", "place", "format", "next.date", "next.place"]
SETS = ["attendance", "attendance.by", "adopted"]


def get(s, path):
    for k in path.split("."):
        if not isinstance(s, dict):
            return None
        s = s.get(k)
    return s


def items(s, field):
    att = s.get("attendance") or []
    if field == "attendance":
        return {(a["party"], a["status"]) for a in att}
    if field == "attendance.by":
        return {(a["party"], a.get("by")) for a in att if a.get("by")}
    return set(s.get(field) or [])


def evaluate(pairs, pacta, db):
    counts = {f: [0, 0, 0] for f in SCALARS + SETS}  # tp, fp, fn
    misses = []
    for text, expected_path in pairs:
        with open(expected_path, encoding="utf-8") as f:
            exp = json.load(f)["session"]
        r = subprocess.run([pacta, "--db", db, "ingest", "--json", text],
                           capture_output=True, text=True)
        if r.returncode != 0:
            got = {}
            misses.append(f"{os.path.basename(text)}: pacta ingest failed: {r.stderr.strip()}")
        else:
            got = json.loads(r.stdout)["session"]
        for f in SCALARS:
            e, g = get(exp, f), get(got, f)
            c = counts[f]
            if g is not None and g == e:
                c[0] += 1
            else:
                if g is not None:
                    c[1] += 1
                if e is not None:
                    c[2] += 1
                if e != g:
                    misses.append(f"{os.path.basename(text)}: {f}: expected {e!r}, got {g!r}")
        for f in SETS:
            e, g = items(exp, f), items(got, f)
            c = counts[f]
            c[0] += len(e & g)
            c[1] += len(g - e)
            c[2] += len(e - g)
            for x in sorted(map(str, e ^ g)):
                misses.append(f"{os.path.basename(text)}: {f}: "
                              f"{'missing' if x in map(str, e) else 'extra'} {x}")
    return counts, misses


def pairs_in(d):
    out = []
    for name in sorted(os.listdir(d)):
        if not name.endswith(".expected.json"):
            continue
        stem = name[: -len(".expected.json")]
        for ext in (".txt", ".html", ".htm"):
            if os.path.exists(os.path.join(d, stem + ext)):
                out.append((os.path.join(d, stem + ext), os.path.join(d, name)))
                break
        else:
            sys.exit(f"{d}/{name}: no {stem}.txt or {stem}.html next to it")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--pacta", default=os.environ.get("PACTA", "pacta"))
    ap.add_argument("--db")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    pairs = pairs_in(a.dir)
    if not pairs:
        sys.exit(f"{a.dir}: no annotated press releases (NAME.txt + NAME.expected.json)")
    with tempfile.TemporaryDirectory() as tmp:
        db = a.db
        if not db:
            db = os.path.join(tmp, "eval.db")
            subprocess.run([a.pacta, "--db", db, "init", "--sample"], check=True,
                           capture_output=True)
        counts, misses = evaluate(pairs, a.pacta, db)
    rows = []
    for f, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else None
        r = tp / (tp + fn) if tp + fn else None
        rows.append({"field": f, "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r})
    if a.json:
        print(json.dumps({"files": len(pairs), "fields": rows, "misses": misses}, indent=2))
        return
    print(f"{len(pairs)} press releases in {a.dir}\n")
    print(f"{'field':<15}{'tp':>4}{'fp':>4}{'fn':>4}  {'precision':>9}  {'recall':>6}")
    fmt = lambda x: "-" if x is None else f"{x:.2f}"
    for r in rows:
        print(f"{r['field']:<15}{r['tp']:>4}{r['fp']:>4}{r['fn']:>4}  {fmt(r['precision']):>9}"
              f"  {fmt(r['recall']):>6}")
    if misses:
        print("\nmisses:")
        for m in misses:
            print("  " + m)


if __name__ == "__main__":
    main()
