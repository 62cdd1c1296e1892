#!/usr/bin/env python3
"""Regenerate tests/data from a full copy of the shared data directory.

The golden tests (tests/golden/convert.py) read only a few rows of the real
data sets; this script copies those rows, and nothing else, from the full
files into tests/data, keeping each file's name, header and every kept line
byte for byte as in the source. See tests/data/README.md.

usage: python3 tests/data/trim.py [SHARED_DATA_DIR]      # write tests/data
       python3 tests/data/trim.py --check [SHARED_DATA_DIR]  # compare, write nothing

SHARED_DATA_DIR defaults to <repo>/../shared/data. Python 3 standard library only.
"""

import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "golden"))
sys.dont_write_bytecode = True
import convert  # noqa: E402  (the file names and the rows the converters select)

# (path relative to the data directory, row filter on the CSV record as a dict,
#  or None to copy the file whole). Whole files are the ones the converters read
# from end to end, and the attribution files (datapackage.json, IEADB.bib).
FILES = [
    (convert.UNFCCC_CSV, None),
    (convert.UNFCCC_NAMES_CSV, None),
    (convert.DOHA_CSV, None),
    (("doha-amendment-entry-into-force", "datapackage.json"), None),
    (convert.KIGALI_CSV, None),
    (("kigali-amendment-entry-into-force", "datapackage.json"), None),
    (convert.CIS_TXT, None),
    (convert.ATOP_CSV, lambda r: r["atopid"] == convert.ATOP_ID),
    (convert.IEADB_CSV, lambda r: r["mitch_id"] == convert.IEADB_ID),
    (convert.IEADB_TREATIES_CSV,
     lambda r: r["IEA# (click for add'l info)"] == convert.IEADB_ID),
    (("manytreaties", "IEADB.bib"), None),
]


def trimmed(path, keep):
    """The bytes of the file at path: whole, or its header and the records
    for which keep(record) is true, each as the exact source lines."""
    with open(path, "rb") as f:
        data = f.read()
    if keep is None:
        return data
    lines = data.decode("utf-8").splitlines(keepends=True)
    consumed = []

    def feed():
        for line in lines:
            consumed.append(line)
            yield line

    reader = csv.reader(feed())
    header = next(reader)
    out = "".join(consumed)
    n = 0
    for rec in reader:
        raw = "".join(consumed)
        consumed.clear()
        if len(rec) != len(header):
            raise SystemExit("trim: %s: a record with %d fields, header has %d"
                             % (path, len(rec), len(header)))
        if keep(dict(zip(header, rec))):
            out += raw
            n += 1
    if n == 0:
        raise SystemExit("trim: %s: no rows kept" % path)
    return out.encode("utf-8")


def main(argv):
    args = argv[1:]
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    if len(args) > 1:
        print(__doc__.strip().split("\n\n")[2], file=sys.stderr)
        return 2
    src = args[0] if args else os.path.join(os.path.dirname(os.path.dirname(HERE)),
                                            "..", "shared", "data")
    src = os.path.normpath(os.path.abspath(src))
    differ = 0
    for parts, keep in FILES:
        rel = os.path.join(*parts)
        data = trimmed(os.path.join(src, rel), keep)
        dst = os.path.join(HERE, rel)
        if check:
            try:
                with open(dst, "rb") as f:
                    same = f.read() == data
            except FileNotFoundError:
                same = False
            print("%s  %s" % ("same   " if same else "DIFFERS", rel))
            differ += not same
            continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(dst, "wb") as f:
            f.write(data)
        print("%8d bytes  %s" % (len(data), rel))
    if check:
        print("%d of %d files differ from %s" % (differ, len(FILES), src))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
