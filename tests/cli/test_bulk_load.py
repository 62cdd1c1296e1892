"""The bulk path of `pacta load` (docs/architecture.md): a load of many records into an empty or
much smaller registry writes its pages once (a rollback journal instead of the WAL), builds the
secondary indexes after the rows, and looks nothing up in an empty registry. It must give the
same registry as record-by-record loading, leave the WAL on, and stay all-or-nothing when the
process is killed in the middle."""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pactatest  # noqa: E402
from pactatest import env, run, serve, stop  # noqa: E402

TODAY = "2030-01-01"  # gen_registry's dates run to 2029


def generate(tmp, *args):
    gen = os.path.join(tmp, "gen_registry")
    if not os.path.exists(gen):
        here = os.path.dirname(os.path.abspath(__file__))
        subprocess.run(["cc", "-O2", "-o", gen,
                        os.path.join(here, "..", "..", "bench", "gen_registry.c")], check=True)
    subprocess.run([gen, *args], check=True, capture_output=True)


def write_backwards(directory, name, doc):
    """The interchange document doc with its sections in reverse kind order, as file name: a load
    of it is read whole, then written (out of kind order), not written while read. Its path."""
    backwards = {"pacta": 1}
    for section in reversed([k for k in doc if k != "pacta"]):
        backwards[section] = doc[section]
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        json.dump(backwards, f)
    return path


def state(db):
    """What a registry says: its export and every document's status."""
    exported = run(db, "export", today=TODAY).stdout
    status = run(db, "status", "--all", "--json", today=TODAY).stdout
    return exported, status


def schema(db):
    con = sqlite3.connect(db)
    mode = con.execute("PRAGMA journal_mode").fetchone()[0]
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index' "
                                         "AND sql IS NOT NULL")}
    con.close()
    return mode, indexes


class BulkLoad(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = cls.tmp.name
        cls.src = os.path.join(cls.dir, "r.json")
        generate(cls.dir, "--docs", "40", "--parties", "120", "--out", cls.src)
        with open(cls.src) as f:
            cls.n = len(json.load(f)["actions"])
        # The same registry in files of about 300 actions: each load is small beside what is
        # there already, so it goes record by record.
        split = os.path.join(cls.dir, "split")
        os.mkdir(split)
        generate(cls.dir, "--docs", "40", "--parties", "120", "--out",
                 os.path.join(split, "r.json"), "--split", "300")
        # r.json (parties, documents, the first actions), then r-p002.json, r-p003.json, ...
        cls.parts = [os.path.join(split, f)
                     for f in sorted(os.listdir(split), key=lambda f: (f != "r.json", f))]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def fresh(self, name):
        db = os.path.join(self.dir, name)
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        run(db, "init", today=TODAY)
        return db

    def test_same_registry_as_record_by_record(self):
        self.assertGreater(self.n, 4000)
        bulk = self.fresh("bulk.db")
        before = schema(bulk)
        run(bulk, "load", self.src, today=TODAY)
        slow = self.fresh("slow.db")
        for part in self.parts:
            run(slow, "load", part, today=TODAY)
        self.assertGreater(len(self.parts), 5)
        self.assertEqual(state(bulk), state(slow))
        # The WAL is back on and every index is there again.
        self.assertEqual(schema(bulk), before)
        self.assertEqual(before[0], "wal")
        self.assertIn("actions_party", before[1])
        con = sqlite3.connect(bulk)
        self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        self.assertEqual(con.execute("SELECT count(*) FROM actions").fetchone()[0], self.n)
        con.close()
        # The log covers every entry, and a record altered is still found.
        p = run(bulk, "log", "root", "--json", today=TODAY)
        self.assertEqual(json.loads(p.stdout)["size"],
                         int(sqlite3.connect(bulk).execute("SELECT max(seq) FROM journal")
                             .fetchone()[0]))

    def test_bulk_load_that_fails_leaves_the_registry_as_it_was(self):
        db = self.fresh("bad.db")
        with open(self.src) as f:
            doc = json.load(f)
        doc["actions"][-1]["party"] = "NOWHERE"  # a reference to no party: refused at the end
        bad = os.path.join(self.dir, "bad.json")
        with open(bad, "w") as f:
            json.dump(doc, f)
        before = state(db)
        run(db, "load", bad, expect=1, today=TODAY)
        self.assertEqual(state(db), before)
        self.assertEqual(schema(db)[0], "wal")

    def journal(self, db):
        """The journal without its times: (seq, kind, key, op, value) of every entry."""
        con = sqlite3.connect(db)
        rows = con.execute("SELECT seq, kind, key, op, value FROM journal_entry ORDER BY seq")
        rows = rows.fetchall()
        con.close()
        return rows

    def test_written_while_read_as_after_reading(self):
        """Into an empty registry a file in kind order is written as it is read; the same file
        with its sections in another order is read, then written: the same journal."""
        with open(self.src) as f:
            doc = json.load(f)
        other = write_backwards(self.dir, "backwards.json", doc)
        a, b = self.fresh("inorder.db"), self.fresh("backwards.db")
        run(a, "load", self.src, today=TODAY)
        run(b, "load", other, today=TODAY)
        self.assertEqual(len(self.journal(a)), self.n + len(doc["parties"]) + len(
            doc["documents"]) + sum(len(doc[k]) for k in doc if k not in (
                "pacta", "parties", "documents", "actions")))
        self.assertEqual(self.journal(a), self.journal(b))
        self.assertEqual(state(a), state(b))

    def test_written_while_read_into_a_registry_that_has_records(self):
        """Files of new records loaded one after another (each large, each into a registry that
        already has the ones before) give the journal one load of the whole gives; a file that
        changes a live record is read, then written."""
        split = os.path.join(self.dir, "split1200")
        os.mkdir(split)
        generate(self.dir, "--docs", "40", "--parties", "120", "--out",
                 os.path.join(split, "r.json"), "--split", "1200")
        parts = [os.path.join(split, f)
                 for f in sorted(os.listdir(split), key=lambda f: (f != "r.json", f))]
        self.assertGreater(len(parts), 2)
        self.assertGreaterEqual(sum(os.path.getsize(f) > 65536 for f in parts[1:]), 2)
        db = self.fresh("parts.db")
        for part in parts:
            run(db, "load", part, today=TODAY)
        whole = self.fresh("whole.db")
        run(whole, "load", self.src, today=TODAY)
        self.assertEqual(self.journal(db), self.journal(whole))
        # The last file again, one action's date of entry into effect added: one put.
        with open(parts[-1]) as f:
            doc = json.load(f)
        doc["actions"][-1]["note"] = "corrected"
        changed = os.path.join(self.dir, "changed.json")
        with open(changed, "w") as f:
            json.dump(doc, f)
        p = run(db, "load", changed, "--json", today=TODAY)
        self.assertEqual(json.loads(p.stdout)["loaded"], 1)
        rows = self.journal(db)
        self.assertEqual(len(rows), len(self.journal(whole)) + 1)
        self.assertIn('"note":"corrected"', rows[-1][4])

    def test_duplicates_and_copies_while_read(self):
        with open(self.src) as f:
            doc = json.load(f)
        # The same action twice in one file: refused, nothing written.
        dup = dict(doc, actions=doc["actions"] + [doc["actions"][7]])
        path = os.path.join(self.dir, "dup.json")
        with open(path, "w") as f:
            json.dump(dup, f)
        db = self.fresh("dup.db")
        p = run(db, "load", path, expect=1, today=TODAY)
        self.assertIn("duplicate action", p.stderr)
        self.assertEqual(self.journal(db), [])
        # An identical copy of some actions in a second file: loaded once.
        copy = os.path.join(self.dir, "copy.json")
        with open(copy, "w") as f:
            json.dump({"pacta": 1, "actions": doc["actions"][:50]}, f)
        db = self.fresh("copy.db")
        run(db, "load", self.src, copy, today=TODAY)
        ref = self.fresh("ref.db")
        run(ref, "load", self.src, today=TODAY)
        self.assertEqual(self.journal(db), self.journal(ref))
        # A second file that must be read whole (its version not first): the same registry.
        late = os.path.join(self.dir, "late.json")
        with open(late, "w") as f:
            f.write('{"actions": %s, "pacta": 1}' % json.dumps(doc["actions"][:50]))
        db = self.fresh("late.db")
        run(db, "load", self.src, late, today=TODAY)
        self.assertEqual(self.journal(db), self.journal(ref))

    def test_findings_named_where_they_are(self):
        """A load written while read keeps no keys: its warnings are still named by file and
        place, the same as when the same records are read, then written."""
        with open(self.src) as f:
            doc = json.load(f)
        other = write_backwards(self.dir, "backwards2.json", doc)
        a, b = self.fresh("places-a.db"), self.fresh("places-b.db")
        pa = run(a, "load", self.src, today=TODAY)
        pb = run(b, "load", other, today=TODAY)
        said_a = [ln for ln in pa.stderr.splitlines() if "$.actions[" in ln]
        said_b = [ln.replace(other, self.src) for ln in pb.stderr.splitlines()
                  if "$.actions[" in ln]
        self.assertGreater(len(said_a), 5)
        self.assertEqual(said_a, said_b)
        # Each place holds the action its message names.
        for line in said_a[:5]:
            i = int(line.split("$.actions[")[1].split("]")[0])
            act = doc["actions"][i]
            self.assertIn("%s|%s|%s|%s" % (act["document"], act["party"], act["type"],
                                           act["date"]), line)

    def test_an_error_before_a_second_reading_is_said_once(self):
        """An invalid record, then a duplicate that sends the load back to be read the usual
        way: the invalid record's error is said once, and nothing is written."""
        with open(self.src) as f:
            doc = json.load(f)
        actions = [dict(a) for a in doc["actions"]]
        actions[3]["date"] = "not a date"
        bad = dict(doc, actions=actions + [actions[9]])
        path = os.path.join(self.dir, "bad-then-dup.json")
        with open(path, "w") as f:
            json.dump(bad, f)
        db = self.fresh("bad-then-dup.db")
        p = run(db, "load", path, expect=1, today=TODAY)
        self.assertEqual(p.stderr.count("$.actions[3].date"), 1, p.stderr)
        self.assertEqual(p.stderr.count("nothing was loaded"), 1, p.stderr)
        self.assertEqual(self.journal(db), [])
        self.assertEqual(schema(db)[0], "wal")

    def test_read_through_a_window(self):
        """A file is read a window (256 KiB) at a time while it is written: a record longer than
        several windows, and records across every window's edge, load as when the file is read
        whole first (the same records with the sections backwards)."""
        with open(self.src) as f:
            doc = json.load(f)
        doc["documents"][0]["title"] = {"en": "Agreement " + "x" * 700000}
        doc["actions"][5]["note"] = "y" * 300000
        ahead = os.path.join(self.dir, "long.json")
        with open(ahead, "w") as f:
            json.dump(doc, f, indent=1)  # spaces and newlines across the windows' edges too
        behind = write_backwards(self.dir, "long-backwards.json", doc)
        a, b = self.fresh("long-a.db"), self.fresh("long-b.db")
        run(a, "load", ahead, today=TODAY)
        run(b, "load", behind, today=TODAY)
        self.assertEqual(self.journal(a), self.journal(b))
        self.assertIn("x" * 1000, run(a, "export", today=TODAY).stdout)

    def test_memory_does_not_grow_with_the_file(self):
        """A load written while read holds a window of its file and nothing of a record once
        written: a 40 MB file loads in well under its size (read whole, first, it takes more
        than its size). Not under a sanitizer, whose own memory this would measure."""
        with open(pactatest.PACTA, "rb") as f:
            binary = f.read()
        if b"__asan_init" in binary or b"__tsan_init" in binary:
            self.skipTest("a sanitizer's build")
        with open(self.src) as f:
            doc = json.load(f)
        for i, action in enumerate(doc["actions"]):
            action["note"] = "%d " % i + "z" * 9000
        big = os.path.join(self.dir, "big.json")
        with open(big, "w") as f:
            json.dump(doc, f)
        size = os.path.getsize(big)
        self.assertGreater(size, 40 << 20)
        db = self.fresh("big.db")
        measure = ("import resource, subprocess, sys\n"
                   "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
                   "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        p = subprocess.run([sys.executable, "-c", measure, pactatest.PACTA, "--db", db, "load",
                            big], capture_output=True, text=True, env=env(TODAY), check=True)
        rc, peak_kib = map(int, p.stdout.split())
        self.assertEqual(rc, 0)
        self.assertLess(peak_kib * 1024, size // 2, "peak %d KiB for %d bytes" % (peak_kib, size))
        con = sqlite3.connect(db)
        self.assertEqual(con.execute("SELECT count(*) FROM actions").fetchone()[0], self.n)
        con.close()

    def test_killed_in_the_middle(self):
        """SIGKILL at moments spread over a bulk load (fractions of how long a whole one takes):
        the registry is exactly as before, opens in WAL mode, and loads afterwards."""
        src = os.path.join(self.dir, "big.json")
        generate(self.dir, "--docs", "150", "--parties", "150", "--out", src)
        db = self.fresh("timed.db")
        t0 = time.monotonic()
        run(db, "load", src, today=TODAY)
        whole = time.monotonic() - t0
        full = state(db)
        killed = 0
        for fraction in (0.1, 0.3, 0.5, 0.7, 0.85, 0.95):
            db = self.fresh("killed.db")
            before = state(db)
            p = subprocess.Popen([pactatest.PACTA, "--db", db, "load", src],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 env=env(TODAY))
            time.sleep(whole * fraction)
            p.send_signal(signal.SIGKILL)
            p.wait()
            if p.returncode == 0:
                continue  # it finished first
            # Killed before its COMMIT: nothing; after it (saying its warnings): everything.
            after = state(db)
            self.assertIn(after, (before, full), f"killed at {fraction} of a load")
            killed += after == before
            con = sqlite3.connect(db)
            self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            con.close()
            self.assertEqual(schema(db)[0], "wal")
        self.assertGreater(killed, 1)
        run(db, "load", src, today=TODAY)
        self.assertEqual(state(db), full)

    def test_killed_loading_into_a_larger_registry(self):
        """A large load that changes a registry already larger than it (a rollback journal, the
        indexes kept), killed at moments spread over it: the registry is exactly as before."""
        first = os.path.join(self.dir, "first.json")
        generate(self.dir, "--docs", "150", "--parties", "150", "--out", first)
        base = self.fresh("base.db")
        run(base, "load", first, today=TODAY)
        before = state(base)
        # Another registry's records over these contradict them: refused, and its errors are
        # said even behind thousands of warnings.
        other = os.path.join(self.dir, "other.json")
        generate(self.dir, "--docs", "150", "--parties", "150", "--seed", "7", "--out", other)
        p = run(base, "load", other, expect=1, today=TODAY)
        self.assertIn("error [membership.overlap]", p.stderr)
        self.assertEqual(state(base), before)
        # The same records with every document retitled: 150 changes among 22,000 records.
        with open(first) as f:
            doc = json.load(f)
        for d in doc["documents"]:
            d["title"] = {"en": d["title"]["en"] + " (revised)"}
        second = os.path.join(self.dir, "second.json")
        with open(second, "w") as f:
            json.dump(doc, f)
        done = os.path.join(self.dir, "done.db")
        shutil.copy(base, done)
        t0 = time.monotonic()
        p = run(done, "load", second, "--json", today=TODAY)
        whole = time.monotonic() - t0
        self.assertEqual(json.loads(p.stdout)["loaded"], len(doc["documents"]))
        full = state(done)
        self.assertNotEqual(full, before)
        self.assertEqual(schema(done)[0], "wal")
        killed = 0
        for fraction in (0.2, 0.4, 0.6, 0.8):
            db = os.path.join(self.dir, "larger.db")
            shutil.copy(base, db)
            p = subprocess.Popen([pactatest.PACTA, "--db", db, "load", second],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 env=env(TODAY))
            time.sleep(whole * fraction)
            p.send_signal(signal.SIGKILL)
            p.wait()
            after = state(db)
            self.assertIn(after, (before, full), f"killed at {fraction} of a load")
            killed += after == before
            self.assertEqual(schema(db)[0], "wal")
        self.assertGreater(killed, 0)

    def test_with_the_server_reading(self):
        """Another connection open: the load keeps the WAL (readers go on) and still loads."""
        db = self.fresh("served.db")
        proc, port = serve(db, today=TODAY)
        try:
            run(db, "load", self.src, today=TODAY)
            self.assertEqual(schema(db)[0], "wal")
            import http.client
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            c.request("GET", "/api/v1/actions?limit=1")
            r = c.getresponse()
            self.assertEqual(r.status, 200)
            self.assertEqual(r.getheader("X-Total-Count"), str(self.n))
            c.close()
        finally:
            stop(proc)


if __name__ == "__main__":
    pactatest.main()
