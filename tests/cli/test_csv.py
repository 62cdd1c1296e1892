#!/usr/bin/env python3
"""CSV both ways (docs/csv.md): `pacta export --format csv --out DIR` writes
one file per table, `pacta load DIR` (or the files by name) reads them back
through the same checks as the JSON, all or nothing, with errors naming the
file, the line and the column; the API's ?format=csv of a list has the
columns of that kind's file.

usage: test_csv.py PACTA_BINARY
"""
import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

PACTA = None
ENV = dict(os.environ, PACTA_TODAY="2026-12-04")


def run(db, *args, expect=0):
    p = subprocess.run([PACTA, "--db", db, *args], capture_output=True, text=True, env=ENV)
    if expect is not None and p.returncode != expect:
        raise AssertionError(f"pacta {' '.join(args)}: exit {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)


class CsvTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pacta-csv-")
        cls.db = os.path.join(cls.tmp, "sample.db")
        run(cls.db, "init", "--sample")
        cls.dir = os.path.join(cls.tmp, "D")
        run(cls.db, "export", "--format", "csv", "--out", cls.dir)
        cls.export = run(cls.db, "export").stdout

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def fresh(self, name):
        db = os.path.join(self.tmp, name + ".db")
        if os.path.exists(db):
            os.unlink(db)
        run(db, "init")
        return db

    def copy_dir(self, name):
        d = os.path.join(self.tmp, name)
        shutil.rmtree(d, ignore_errors=True)
        shutil.copytree(self.dir, d)
        return d

    def test_files(self):
        names = set(os.listdir(self.dir))
        for want in ("parties.csv", "organizations.csv", "memberships.csv", "bodies.csv",
                     "chairmanships.csv", "chairmanship_recorded.csv", "chairmanship_declined.csv",
                     "sessions.csv", "session_attendance.csv", "documents.csv",
                     "document_entry_into_force_conditions.csv", "actions.csv",
                     "commitments.csv", "assessments.csv", "sources.csv"):
            self.assertIn(want, names)
        parties = read_csv(os.path.join(self.dir, "parties.csv"))
        self.assertEqual(parties[0][:4], ["code", "kind", "name_en", "name_ru"])
        self.assertIn("capital_en", parties[0])
        self.assertEqual(read_csv(os.path.join(self.dir, "sources.csv"))[0],
                         ["kind", "key", "title", "ref", "date"])
        with open(os.path.join(self.dir, "actions.csv"), "rb") as f:
            self.assertIn(b"\r\n", f.read())
        # Without --out: actions.csv on stdout, as before.
        with open(os.path.join(self.dir, "actions.csv"), encoding="utf-8", newline="") as f:
            self.assertEqual(run(self.db, "export", "--format", "csv").stdout.replace("\r\n", "\n"),
                             f.read().replace("\r\n", "\n"))

    def test_round_trip(self):
        db = self.fresh("round")
        out = run(db, "load", self.dir).stdout
        self.assertIn("loaded", out)
        self.assertEqual(run(db, "export").stdout, self.export)
        # A second load adds nothing.
        self.assertIn("loaded 0 new", run(db, "load", self.dir).stdout)
        # The files by name, in any order.
        db2 = self.fresh("byname")
        files = sorted(os.path.join(self.dir, n) for n in os.listdir(self.dir))
        run(db2, "load", *reversed(files))
        self.assertEqual(run(db2, "export").stdout, self.export)

    def edit_cell(self, d, table, line, col, value):
        """Set the cell of column col on line (the header is line 1)."""
        path = os.path.join(d, table)
        rows = read_csv(path)
        c = rows[0].index(col)
        rows[line - 1][c] = value
        write_csv(path, rows)
        return line, chr(ord("A") + c)

    def test_bad_cells(self):
        d = self.copy_dir("bad")
        line, col = self.edit_cell(d, "actions.csv", 5, "date", "2023-02-30")
        db = self.fresh("bad")
        p = run(db, "load", d, expect=None)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn(f"actions.csv:{line}: column {col} (date): ", p.stderr)
        self.assertIn("nothing was loaded", p.stderr)
        self.assertEqual(json.loads(run(db, "export").stdout), {"pacta": 1})
        d = self.copy_dir("bad2")
        line, col = self.edit_cell(d, "actions.csv", 7, "party", "Kz")
        p = run(db, "load", d, expect=None)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn(f"actions.csv:{line}: column B (party): expected a party code", p.stderr)
        self.assertEqual(json.loads(run(db, "export").stdout), {"pacta": 1})
        # A list's row that names no record, and a column that is none.
        d = self.copy_dir("bad3")
        line, col = self.edit_cell(d, "session_attendance.csv", 3, "session", "nope")
        rows = read_csv(os.path.join(d, "bodies.csv"))
        rows[0].append("colour")
        write_csv(os.path.join(d, "bodies.csv"), rows)
        p = run(db, "load", d, expect=None)
        self.assertIn(f"session_attendance.csv:{line}: column A (session): no session \"nope\"",
                      p.stderr)
        self.assertIn(f"bodies.csv:1: column {chr(ord('A') + len(rows[0]) - 1)} (colour): "
                      "no such column", p.stderr)
        self.assertEqual(json.loads(run(db, "export").stdout), {"pacta": 1})

    def test_quoted_cells(self):
        d = os.path.join(self.tmp, "quoted")
        os.makedirs(d, exist_ok=True)
        name = 'Republic of "Commas, Quotes"\nand Newlines'
        with open(os.path.join(d, "parties.csv"), "w", encoding="utf-8", newline="") as f:
            f.write("\ufeffcode,kind,name_en,name_fr\n")
            f.write('XXA,state,"Republic of ""Commas, Quotes""\nand Newlines",Ré,publique\n'
                    if False else
                    'XXA,state,"Republic of ""Commas, Quotes""\nand Newlines","Ré, publique"\n')
            f.write("XXB,state,Plain,\n")
        db = self.fresh("quoted")
        run(db, "load", d)
        doc = json.loads(run(db, "export").stdout)
        by = {p["code"]: p for p in doc["parties"]}
        self.assertEqual(by["XXA"]["name"], {"en": name, "fr": "Ré, publique"})
        self.assertEqual(by["XXB"]["name"], {"en": "Plain"})
        # And back out: the language column of fr, the cell quoted.
        out = os.path.join(self.tmp, "quoted-out")
        run(db, "export", "--format", "csv", "--out", out)
        rows = read_csv(os.path.join(out, "parties.csv"))
        self.assertIn("name_fr", rows[0])
        self.assertEqual(rows[1][rows[0].index("name_en")], name)
        # An unclosed quote: the line it began on.
        with open(os.path.join(d, "parties.csv"), "a", encoding="utf-8") as f:
            f.write('XXC,state,"never closed\n')
        p = run(self.fresh("quoted2"), "load", d, expect=None)
        self.assertIn("parties.csv:4: line 4: a quoted cell is not closed", p.stderr)

    def test_date_format(self):
        d = os.path.join(self.tmp, "dmy")
        os.makedirs(d, exist_ok=True)
        write_csv(os.path.join(d, "orgs.csv"),
                  [["id", "name_en", "founded"], ["xo", "X Organization", "08.12.1991"]])
        write_csv(os.path.join(d, "parties.csv"),
                  [["code", "kind", "name_en"], ["XXA", "state", "A"]])
        write_csv(os.path.join(d, "memberships.csv"),
                  [["organization", "party", "kind", "from"], ["xo", "XXA", "member", "1.2.1992"]])
        db = self.fresh("dmy")
        files = [os.path.join(d, n) for n in ("orgs.csv", "parties.csv", "memberships.csv")]
        p = run(db, "load", *files, "--kind", "organizations", expect=None)
        self.assertNotEqual(p.returncode, 0)  # without --date-format, not a date
        self.assertIn("orgs.csv:2: column C (founded)", p.stderr)
        run(db, "load", *files, "--kind", "organizations", "--date-format", "dd.mm.yyyy")
        doc = json.loads(run(db, "export").stdout)
        self.assertEqual(doc["organizations"][0]["founded"], "1991-12-08")
        self.assertEqual(doc["memberships"][0]["from"], "1992-02-01")
        p = run(db, "load", d, "--date-format", "mm/dd/yyyy", expect=None)
        self.assertEqual(p.returncode, 2, p.stderr)

    def test_api_columns(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        proc = subprocess.Popen([PACTA, "--db", self.db, "serve", "--listen",
                                 f"127.0.0.1:{port}", "--quiet"], stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                    break
                except OSError:
                    time.sleep(0.05)
            for section in ("parties", "organizations", "memberships", "bodies", "chairmanships",
                            "sessions", "documents", "actions", "commitments", "assessments"):
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/api/v1/{section}?format=csv&limit=1000",
                        timeout=10) as r:
                    self.assertTrue(r.headers["Content-Type"].startswith("text/csv"))
                    api = list(csv.reader(io.StringIO(r.read().decode("utf-8"), newline="")))
                mine = read_csv(os.path.join(self.dir, section + ".csv"))
                self.assertEqual(api[0], mine[0], section)
                if len(mine) <= 1000:
                    self.assertEqual(api, mine, section)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=10)


if __name__ == "__main__":
    PACTA = os.path.abspath(sys.argv.pop(1))
    unittest.main()
