"""Actions have no `entity` rows: their row in `actions` holds the journal entry that put each
(db.c migration 12). Read in the order of their keys "DOC|PARTY|TYPE|DATE" byte for byte, where
that is not the order of (document id, party, type, date): "doc-1|" sorts before "doc|". A
registry made before (entity rows for actions, no actions.seq) is moved on open, and reads the
same.

    python3 tests/cli/test_lean_actions.py path/to/pacta
"""
import datetime
import json
import os
import sqlite3
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pactatest  # noqa: E402
from pactatest import api, run, sample, serve, stop  # noqa: E402

# ActionType (rules.h), by number.
TYPES = ["signature", "definitive_signature", "ratification", "acceptance", "approval",
         "accession", "notification", "succession", "provisional_application", "reservation",
         "declaration", "special_opinion", "objection", "not_interested", "withdrawal"]

# Ids that share a prefix with a byte below '|' after it ('-', '.', '0', '_'), and one above.
BASE = "cis-agreement-1991"
IDS = [BASE + "-a", BASE + ".b", BASE + "0", BASE + "_c", BASE + "-a-b", "cis-agreement-19"]


def extra_load(tmp):
    """Documents with those ids, each with actions of two parties; a JSON file's path."""
    with open(os.path.join(os.path.dirname(__file__), "..", "..", "sample", "sample.json")) as f:
        base = json.load(f)
    doc0 = [d for d in base["documents"] if d["id"] == BASE][0]
    docs, actions = [], []
    for i, id_ in enumerate(IDS):
        d = json.loads(json.dumps(doc0))
        d["id"] = id_
        d["supersedes"] = None
        docs.append(d)
        for party in ("BLR", "ARM"):
            actions.append({"document": id_, "party": party, "type": "signature",
                            "date": "1991-12-%02d" % (10 + i)})
    actions.append({"document": BASE, "party": "ARM", "type": "declaration",
                    "date": "1992-01-02", "text": "A declaration."})
    path = os.path.join(tmp, "extra.json")
    with open(path, "w") as f:
        json.dump({"pacta": 1, "documents": docs, "actions": actions}, f)
    return path


def key(a):
    return "|".join((a["document"], a["party"], a["type"], a["date"]))


def to_schema_11(db):
    """The registry as a pacta before migration 12 kept it: an entity row per action, no
    actions.seq, no document_key index."""
    con = sqlite3.connect(db)
    rows = con.execute("SELECT d.id, p.code, a.type, a.date, a.seq FROM actions a "
                       "JOIN document d ON d.did=a.did JOIN party p ON p.pid=a.pid").fetchall()
    epoch = datetime.date(1970, 1, 1)
    for doc, party, type_, date, seq in rows:
        day = (epoch + datetime.timedelta(days=date)).isoformat()
        con.execute("INSERT INTO entity(kind, key, seq) VALUES(7, ?, ?)",
                    ("|".join((doc, party, TYPES[type_], day)), seq))
    con.execute("DROP INDEX document_key")
    con.execute("ALTER TABLE actions DROP COLUMN seq")
    con.execute("PRAGMA user_version=11")
    con.commit()
    con.close()
    return rows


class LeanActions(unittest.TestCase):
    def setUp(self):
        self.tmp, self.db = sample()
        run(self.db, "load", extra_load(self.tmp.name))

    def tearDown(self):
        self.tmp.cleanup()

    def export(self, db=None):
        return run(db or self.db, "export").stdout

    def test_no_entity_rows_for_actions(self):
        con = sqlite3.connect(self.db)
        self.assertEqual(con.execute("SELECT count(*) FROM entity WHERE kind=7").fetchone()[0], 0)
        n, bad = con.execute("SELECT count(*), sum(j.kind IS NOT 'action' OR j.op IS NOT 'put') "
                             "FROM actions a LEFT JOIN journal_entry j ON j.seq=a.seq").fetchone()
        con.close()
        self.assertGreater(n, 0)
        self.assertEqual(bad, 0)

    def test_actions_in_the_order_of_their_keys(self):
        keys = [key(a) for a in json.loads(self.export())["actions"]]
        self.assertEqual(keys, sorted(keys, key=lambda k: k.encode()))
        # "doc-1|" before "doc|": not the order of the documents' ids.
        first = [k.split("|")[0] for k in keys]
        self.assertLess(first.index(BASE + "-a"), first.index(BASE))
        self.assertLess(first.index(BASE + "0"), first.index(BASE))
        self.assertLess(first.index(BASE), first.index("cis-agreement-19"))
        # The CSV in the same order.
        out = os.path.join(self.tmp.name, "csv")
        run(self.db, "export", "--format", "csv", "--out", out)
        with open(os.path.join(out, "actions.csv")) as f:
            lines = f.read().splitlines()[1:]
        self.assertEqual(["|".join(line.split(",")[:4]) for line in lines], keys)
        # One action found by its key, and not by a key one byte off.
        k = [k for k in keys if k.startswith(BASE + "|ARM|declaration")][0]
        self.assertIn("A declaration.", run(self.db, "show", "action", k, "--json").stdout)
        run(self.db, "show", "action", k + "x", expect=None)
        self.assertNotIn("A declaration.",
                         run(self.db, "show", "action", k[:-1] + "3", expect=None).stdout)

    def test_api_pages_in_key_order(self):
        whole = [key(a) for a in json.loads(self.export())["actions"]]
        proc, port = serve(self.db)
        try:
            got, path = [], "/api/v1/actions?limit=3"
            while True:
                st, _, body = api(port, "GET", path)
                self.assertEqual(st, 200)
                doc = json.loads(body)
                self.assertEqual(doc["total"], len(whole))
                got += [key(a) for a in doc["actions"]]
                if "next_cursor" not in doc:
                    break
                path = f"/api/v1/actions?limit=3&cursor={doc['next_cursor']}"
            self.assertEqual(got, whole)
            # One document's actions: its own, none of "BASE-a|...".
            st, _, body = api(port, "GET", f"/api/v1/actions?document={BASE}&limit=all")
            mine = [key(a) for a in json.loads(body)["actions"]]
            self.assertEqual(mine, [k for k in whole if k.startswith(BASE + "|")])
        finally:
            stop(proc)

    def test_a_long_export_in_parts(self):
        """More than one part of 64 KB of actions: the pass over them goes on where the last
        part ended, from `pacta export` and from GET /api/v1/export alike."""
        base = json.loads(self.export())
        doc0 = [d for d in base["documents"] if d["id"] == BASE][0]
        docs, actions = [], []
        for i in range(40):
            d = json.loads(json.dumps(doc0))
            d["id"] = BASE + ("-" if i % 2 else "") + "%d" % i
            d["supersedes"] = None
            docs.append(d)
            for party in ("ARM", "BLR", "AZE"):
                for t in TYPES[:6]:
                    actions.append({"document": d["id"], "party": party, "type": t,
                                    "date": "1992-02-%02d" % (1 + i % 28)})
        path = os.path.join(self.tmp.name, "long.json")
        with open(path, "w") as f:
            json.dump({"pacta": 1, "documents": docs, "actions": actions}, f)
        run(self.db, "load", path)
        text = self.export()
        self.assertGreater(len(text), 3 << 16)
        keys = [key(a) for a in json.loads(text)["actions"]]
        self.assertEqual(keys, sorted(set(keys), key=lambda k: k.encode()))
        con = sqlite3.connect(self.db)
        self.assertEqual(len(keys), con.execute("SELECT count(*) FROM actions").fetchone()[0])
        con.close()
        proc, port = serve(self.db)
        try:
            st, _, body = api(port, "GET", "/api/v1/export")
            self.assertEqual(st, 200)
            self.assertEqual(body.decode(), text)
        finally:
            stop(proc)

    def test_a_registry_from_before_is_moved(self):
        before = self.export()
        status = run(self.db, "status", BASE).stdout
        check = run(self.db, "check", expect=None).stdout
        rows = to_schema_11(self.db)
        self.assertEqual(self.export(), before)
        self.assertEqual(run(self.db, "status", BASE).stdout, status)
        self.assertEqual(run(self.db, "check", expect=None).stdout, check)
        con = sqlite3.connect(self.db)
        self.assertEqual(con.execute("PRAGMA user_version").fetchone()[0], 12)
        self.assertEqual(con.execute("SELECT count(*) FROM entity WHERE kind=7").fetchone()[0], 0)
        moved = con.execute("SELECT d.id, p.code, a.type, a.date, a.seq FROM actions a "
                            "JOIN document d ON d.did=a.did JOIN party p ON p.pid=a.pid").fetchall()
        con.close()
        self.assertEqual(sorted(moved), sorted(rows))
        # A rebuild gives the same rows.
        run(self.db, "rebuild")
        con = sqlite3.connect(self.db)
        again = con.execute("SELECT d.id, p.code, a.type, a.date, a.seq FROM actions a "
                            "JOIN document d ON d.did=a.did JOIN party p ON p.pid=a.pid").fetchall()
        con.close()
        self.assertEqual(sorted(again), sorted(rows))
        self.assertEqual(self.export(), before)
        # Search still finds an action's text.
        self.assertIn(BASE, run(self.db, "search", "declaration").stdout)

    def test_an_action_without_its_entry_is_not_moved(self):
        to_schema_11(self.db)
        con = sqlite3.connect(self.db)
        con.execute("DELETE FROM entity WHERE kind=7 AND key LIKE ?", (BASE + "|ARM|%",))
        con.commit()
        con.close()
        p = run(self.db, "export", expect=None)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("an action has no journal entry", p.stderr)
        con = sqlite3.connect(self.db)
        self.assertEqual(con.execute("PRAGMA user_version").fetchone()[0], 11)
        con.close()


if __name__ == "__main__":
    pactatest.main()
