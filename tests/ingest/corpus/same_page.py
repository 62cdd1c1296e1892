#!/usr/bin/env python3
"""Is a press release already in the corpus (tests/ingest/corpus)?

    same_page.py URL...          each address: "dev/NAME", "the test part", or "new"
    same_page.py --text FILE...  each text the same way, by its words: the same article at
                                 another address (en.inform.kz and www.inform.kz) is not "new"
    same_page.py --check         exit 1 if a page is in both parts (its address, or most of its
                                 text)

For whoever adds releases to the development part: it says whether a page is in the held-out test
part without printing any of that part (no name, no text). Addresses are compared without their
scheme, a leading "www." or "m." and a trailing slash; texts by their shared word triples.
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OVERLAP = 0.3  # a share of the shorter text's word triples found in the other


def address(url):
    return re.sub(r"^https?://(www\.|m\.)?", "", url or "").rstrip("/")


def labels(part):
    for path in sorted(glob.glob(os.path.join(HERE, part, "*.expected.json"))):
        with open(path, encoding="utf-8") as f:
            yield path[: -len(".expected.json")], json.load(f)["source"]["url"]


def triples(path):
    """The word triples of a corpus text (its path without ".txt") or of any file."""
    with open(path if os.path.isfile(path) else path + ".txt", encoding="utf-8") as f:
        w = re.findall(r"\w+", f.read().lower())
    return set(zip(w, w[1:], w[2:]))


def same_text(t, s):
    return t and s and len(t & s) / min(len(t), len(s)) > OVERLAP


def check():
    dev = {address(u): n for n, u in labels("dev")}
    bad = 0
    for n, u in labels("test"):
        if address(u) in dev:
            print(f"{os.path.relpath(dev[address(u)], HERE)}: the same address as a test release")
            bad += 1
    dev_text = {n: triples(n) for n in dev.values()}
    for n, _ in labels("test"):
        t = triples(n)
        for d, s in dev_text.items():
            if same_text(t, s):
                print(f"{os.path.relpath(d, HERE)}: most of its text is a test release's")
                bad += 1
    print("the parts share no page" if not bad else f"{bad} pages in both parts")
    return 1 if bad else 0


def main(argv):
    if argv == ["--check"]:
        return check()
    if argv[:1] == ["--text"] and len(argv) > 1:
        dev = [n for n, _ in labels("dev")]
        test = [n for n, _ in labels("test")]
        for path in argv[1:]:
            t = triples(path)
            where = next((os.path.relpath(d, HERE) for d in dev if same_text(t, triples(d))),
                         None)
            if where is None:
                where = "the test part" if any(same_text(t, triples(n)) for n in test) else "new"
            print(f"{path}: {where}")
        return 0
    if not argv or argv[0].startswith("-"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    dev = {address(u): n for n, u in labels("dev")}
    test = {address(u) for _, u in labels("test")}
    for url in argv:
        a = address(url)
        where = os.path.relpath(dev[a], HERE) if a in dev else "the test part" if a in test else "new"
        print(f"{url}: {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
