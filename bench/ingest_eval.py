#!/usr/bin/env python3
"""Ingest quality on the labelled press-release corpus: precision and recall
per field on each part, fields right, and calibration of confidence.

usage: ingest_eval.py [--pacta PATH] [--db REGISTRY] [--misses] [--json]
                      [--no-published] [DIR ...]

Each DIR holds NAME.txt and NAME.expected.json (tests/ingest/README.md);
without DIR the two parts of tests/ingest/corpus (dev, test). Without --db a
temporary registry is made with `pacta init --sample` and
tests/ingest/corpus/registry.json loaded into it (the Union State's Supreme
State Council, which the sample lacks).

Each release is drafted with its label's source.published as `pacta ingest
--published DATE` when that is a full date YYYY-MM-DD (the person pasting a
release knows when it was published: it is on its page); a label with none,
or only a year and month, is drafted without. --no-published drafts every
release without it, as the evaluation did before the option existed.

What is counted, per press release:
- scalar fields (body, number, date, place, format, next.date, next.place):
  a true positive when the draft's value equals the label; a false positive
  when the draft states another value; a false negative when the label has a
  value the draft does not give. A field is *right* when draft and label agree
  (both null included).
- attendance: one item per party that the label or the draft names, right
  when both give it with the same status (present, absent, represented,
  observer); precision and recall over (party, status) pairs.
- attendance.by: (party, person) pairs, the person compared by surname
  (transliteration aside: case, y/i, doubled letters).
- calibration: every value the draft states (a non-null scalar, an
  attendance entry) with its evidence confidence; of those at >= 0.9, how
  many are right, and the same per band.
This is a benchmark: it times nothing and fails on nothing.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(ROOT, "tests", "ingest", "corpus")
SCALARS = ["body", "number", "date", "place", "format", "next.date", "next.place"]
BANDS = [(0.9, 1.01), (0.7, 0.9), (0.5, 0.7), (0.0, 0.5)]


def get(s, path):
    for k in path.split("."):
        if not isinstance(s, dict):
            return None
        s = s.get(k)
    return s


def surname_key(name):
    if not name:
        return None
    w = name.replace("ё", "е").split()[-1].lower()
    w = w.replace("y", "i").replace("й", "и")
    out = []
    for ch in w:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def pairs_in(d):
    out = []
    for name in sorted(os.listdir(d)):
        if name.endswith(".expected.json"):
            stem = name[: -len(".expected.json")]
            for ext in (".txt", ".html", ".htm"):
                if os.path.exists(os.path.join(d, stem + ext)):
                    out.append((os.path.join(d, stem + ext), os.path.join(d, name)))
                    break
    return out


def conf(ev, key):
    e = ev.get(key) or {}
    c = e.get("confidence")
    return 0.0 if c is None else float(c)


def published_of(exp_path):
    """The label's source.published if it is a full date YYYY-MM-DD, else None."""
    with open(exp_path, encoding="utf-8") as f:
        p = (json.load(f).get("source") or {}).get("published")
    return p if isinstance(p, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", p) else None


def evaluate(pairs, pacta, db, use_published=True):
    fields = SCALARS + ["attendance", "attendance.by"]
    counts = {f: [0, 0, 0] for f in fields}  # tp, fp, fn
    right = {f: [0, 0] for f in SCALARS + ["attendance"]}  # right, total
    stated = []  # (field, confidence, right)
    misses = []
    n_pub = 0
    for text, exp_path in pairs:
        base = os.path.basename(text)
        with open(exp_path, encoding="utf-8") as f:
            exp = json.load(f)["session"]
        pub = published_of(exp_path) if use_published else None
        n_pub += pub is not None
        cmd = [pacta, "--db", db, "ingest", "--json", text]
        if pub:
            cmd += ["--published", pub]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            misses.append(f"{base}: pacta ingest failed: {r.stderr.strip()}")
            got, ev = {}, {}
        else:
            out = json.loads(r.stdout)
            got, ev = out["session"], out["evidence"]
        for f in SCALARS:
            e, g = get(exp, f), get(got, f)
            c = counts[f]
            ok = e == g
            right[f][0] += ok
            right[f][1] += 1
            if g is not None and ok:
                c[0] += 1
            else:
                if g is not None:
                    c[1] += 1
                if e is not None:
                    c[2] += 1
            if g is not None:
                stated.append((f, conf(ev, f), ok))
            if not ok:
                misses.append(f"{base}: {f}: expected {e!r}, got {g!r} "
                              f"(confidence {conf(ev, f):.2f})")
        ea = {a["party"]: a for a in exp.get("attendance") or []}
        ga = {a["party"]: a for a in got.get("attendance") or []}
        c = counts["attendance"]
        for p in sorted(set(ea) | set(ga)):
            es = ea[p]["status"] if p in ea else None
            gs = ga[p]["status"] if p in ga else None
            ok = es == gs
            right["attendance"][0] += ok
            right["attendance"][1] += 1
            if gs is not None and ok:
                c[0] += 1
            else:
                if gs is not None:
                    c[1] += 1
                if es is not None:
                    c[2] += 1
            if gs is not None:
                stated.append(("attendance", conf(ev, "attendance." + p), ok))
            if not ok:
                misses.append(f"{base}: attendance.{p}: expected {es}, got {gs} "
                              f"(confidence {conf(ev, 'attendance.' + p):.2f})")
        eb = {(p, surname_key(a.get("by"))) for p, a in ea.items() if a.get("by")}
        gb = {(p, surname_key(a.get("by"))) for p, a in ga.items() if a.get("by")}
        c = counts["attendance.by"]
        c[0] += len(eb & gb)
        c[1] += len(gb - eb)
        c[2] += len(eb - gb)
        for x in sorted(eb ^ gb):
            misses.append(f"{base}: attendance.by: {'missing' if x in eb else 'extra'} {x}")
    return counts, right, stated, misses, n_pub


def ratio(a, b):
    return a / b if b else None


def report(name, n, counts, right, stated):
    rows = []
    for f, (tp, fp, fn) in counts.items():
        rows.append({"field": f, "tp": tp, "fp": fp, "fn": fn,
                     "precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn),
                     "right": right[f][0] if f in right else None,
                     "of": right[f][1] if f in right else None})
    r_all = sum(v[0] for v in right.values())
    n_all = sum(v[1] for v in right.values())
    cal = []
    for lo, hi in BANDS:
        xs = [ok for (_, c, ok) in stated if lo <= c < hi]
        cal.append({"from": lo, "to": min(hi, 1.0), "stated": len(xs), "right": sum(xs)})
    return {"part": name, "files": n, "fields": rows, "right": r_all, "of": n_all,
            "calibration": cal}


def fmt(x):
    return "-" if x is None else f"{x:.2f}"


def show(rep):
    print(f"== {rep['part']}: {rep['files']} press releases, {rep['published']} drafted with "
          f"their label's source.published as --published")
    print(f"{'field':<15}{'tp':>4}{'fp':>4}{'fn':>4}  {'precision':>9}  {'recall':>6}  {'right':>9}")
    for r in rep["fields"]:
        rt = f"{r['right']}/{r['of']}" if r["of"] is not None else ""
        print(f"{r['field']:<15}{r['tp']:>4}{r['fp']:>4}{r['fn']:>4}  {fmt(r['precision']):>9}"
              f"  {fmt(r['recall']):>6}  {rt:>9}")
    print(f"fields right: {rep['right']}/{rep['of']} = {fmt(ratio(rep['right'], rep['of']))}")
    att = next(r for r in rep["fields"] if r["field"] == "attendance")
    print(f"attendance right: {att['right']}/{att['of']} = {fmt(ratio(att['right'], att['of']))}")
    print("calibration (values stated, by confidence):")
    for b in rep["calibration"]:
        print(f"  [{b['from']:.1f}, {b['to']:.1f}{']' if b['to'] >= 1 else ')'}"
              f"  stated {b['stated']:>3}  right {b['right']:>3}  = {fmt(ratio(b['right'], b['stated']))}")
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*")
    ap.add_argument("--pacta", default=os.environ.get("PACTA", "pacta"))
    ap.add_argument("--db")
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-published", action="store_true",
                    help="draft without the labels' publication dates")
    a = ap.parse_args()
    dirs = a.dirs or [os.path.join(CORPUS, "dev"), os.path.join(CORPUS, "test")]
    with tempfile.TemporaryDirectory() as tmp:
        db = a.db
        if not db:
            db = os.path.join(tmp, "eval.db")
            subprocess.run([a.pacta, "--db", db, "init", "--sample"], check=True,
                           capture_output=True)
            subprocess.run([a.pacta, "--db", db, "load", os.path.join(CORPUS, "registry.json")],
                           check=True, capture_output=True)
        reps = []
        for d in dirs:
            pairs = pairs_in(d)
            if not pairs:
                sys.exit(f"{d}: no labelled press releases")
            counts, right, stated, misses, n_pub = evaluate(pairs, a.pacta, db,
                                                            not a.no_published)
            rep = report(os.path.basename(os.path.normpath(d)), len(pairs), counts, right, stated)
            rep["published"] = n_pub
            rep["misses"] = misses
            reps.append(rep)
    if a.json:
        print(json.dumps(reps, indent=2, ensure_ascii=False))
        return
    for rep in reps:
        show(rep)
        if a.misses and rep["misses"]:
            print("misses:")
            for m in rep["misses"]:
                print("  " + m)
            print()


if __name__ == "__main__":
    main()
