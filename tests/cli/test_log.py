#!/usr/bin/env python3
"""Tests of the verifiable log end to end, each checked by an implementation
that is not pacta's: RFC 6962 hashing and proof verification in Python's
hashlib (written here from RFC 9162), Ed25519 signatures with Python's
`cryptography` (Debian's python3-cryptography), the tlog-tiles layout read
byte by byte. Tampering with any journal entry, in a registry or an export,
must make `pacta verify` fail and name that entry.

usage: test_log.py PACTA_BINARY
"""
import base64
import hashlib
import json
import os
import random
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (Ed25519PrivateKey,
                                                                   Ed25519PublicKey)
except ImportError:  # a failure, not a skip: install python3-cryptography (scripts/setup)
    Ed25519PublicKey = None

PACTA = None
EM_DASH = "\u2014"


# ---- An independent RFC 6962 / RFC 9162 implementation -----------------------

def leaf_hash(b):
    return hashlib.sha256(b"\x00" + b).digest()


def tamper(db, seq, rnd):
    """Change one bit of one byte of journal entry seq as stored (journal.h): of its value, or
    of its key when it has none (a retraction)."""
    con = sqlite3.connect(db)
    value, key = con.execute("SELECT value, key FROM journal_entry WHERE seq=?", (seq,)).fetchone()
    column, text = ("value", value) if value is not None else ("key", key)
    b = bytearray(text.encode())
    at = rnd.choice([i for i, c in enumerate(b) if 0x20 < c < 0x7f])
    b[at] ^= 1 << rnd.randrange(5)  # still ASCII, never NUL
    con.execute(f"UPDATE journal_entry SET {column}=? WHERE seq=?", (b.decode(), seq))
    con.commit()
    con.close()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def mth(hashes):
    """RFC 6962 MTH over leaf hashes."""
    if not hashes:
        return hashlib.sha256(b"").digest()
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return node_hash(mth(hashes[:k]), mth(hashes[k:]))


def verify_inclusion(leaf, index, size, proof, root):
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(m, n, old, new, proof):
    """RFC 9162 section 2.1.4.2."""
    if m == n:
        return not proof and old == new
    if m == 0:
        return not proof
    if not proof or m > n:
        return False
    path = list(proof)
    if m & (m - 1) == 0:
        path.insert(0, old)
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old and sr == new and sn == 0


def key_id(name, pub):
    return hashlib.sha256(name.encode() + b"\n\x01" + pub).digest()[:4]


def open_note(text, vkeys):
    """Verify a signed note with `cryptography`: the names of the keys that
    signed it (vkeys: verifier key strings)."""
    body, _, sigs = text.rpartition("\n\n")
    body += "\n"
    known = {}
    for v in vkeys:
        name, khash, key = v.split("+", 2)
        raw = base64.b64decode(key)
        assert raw[0] == 1 and len(raw) == 33
        assert key_id(name, raw[1:]).hex() == khash, "verifier key hash"
        known[(name, bytes.fromhex(khash))] = Ed25519PublicKey.from_public_bytes(raw[1:])
    signed = []
    for line in sigs.splitlines():
        dash, name, sig = line.split(" ")
        assert dash == EM_DASH
        raw = base64.b64decode(sig)
        pub = known.get((name, raw[:4]))
        if pub:
            pub.verify(raw[4:], body.encode())  # raises InvalidSignature
            signed.append(name)
    return body, signed


def tile_path(n):
    parts = []
    while True:
        parts.append(n % 1000)
        n //= 1000
        if not n:
            break
    parts.reverse()
    return "/".join(("x%03d" if i < len(parts) - 1 else "%03d") % p for i, p in enumerate(parts))


def read_bundles(folder, size):
    entries = []
    for t in range((size + 255) // 256):
        w = min(256, size - 256 * t)
        path = os.path.join(folder, "tile", "entries", tile_path(t) + ("" if w == 256 else f".p/{w}"))
        data = rbytes(path)
        i = 0
        while i < len(data):
            n = data[i] << 8 | data[i + 1]
            entries.append(data[i + 2:i + 2 + n])
            i += 2 + n
    return entries


# ---- Running pacta --------------------------------------------------------

def rtext(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def rbytes(path):
    with open(path, "rb") as f:
        return f.read()


def wbytes(path, data):
    with open(path, "wb") as f:
        f.write(data)


def run(db, *args, expect=0, stdin=None):
    p = subprocess.run([PACTA, "--db", db, *args], capture_output=True, text=True, input=stdin)
    if p.returncode != expect:
        raise AssertionError(
            f"pacta {' '.join(args)}: exit {p.returncode}, expected {expect}\n"
            f"stdout: {p.stdout[:3000]}\nstderr: {p.stderr[:3000]}")
    return p


def many_parties(n, prefix):
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = []
    for i in range(n):
        code = prefix + letters[i // 26 % 26] + letters[i % 26]
        out.append({"code": code, "kind": "state", "name": {"en": f"State {code}"}})
    return {"pacta": 1, "parties": out}


class Merkle(unittest.TestCase):
    """`pacta merkle` against hashlib on random inputs."""

    def test_random_trees(self):
        rnd = random.Random(6962)
        for size in [0, 1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 100, 257, 1000]:
            leaves = [bytes(rnd.getrandbits(8) for _ in range(rnd.randrange(0, 40)))
                      for _ in range(size)]
            stdin = "".join(x.hex() + "\n" for x in leaves)
            hashes = [leaf_hash(x) for x in leaves]
            root = run("unused.db", "merkle", "root", stdin=stdin).stdout.strip()
            self.assertEqual(root, mth(hashes).hex(), f"root of {size} leaves")
            if not size:
                continue
            for index in {0, size - 1, rnd.randrange(size)}:
                proof = [bytes.fromhex(h) for h in
                         run("unused.db", "merkle", "inclusion", str(index), stdin=stdin)
                         .stdout.split()]
                self.assertTrue(verify_inclusion(hashes[index], index, size, proof, mth(hashes)))
            for old in {0, 1, size // 2, size - 1, size}:
                proof = [bytes.fromhex(h) for h in
                         run("unused.db", "merkle", "consistency", str(old), stdin=stdin)
                         .stdout.split()]
                self.assertTrue(verify_consistency(old, size, mth(hashes[:old]), mth(hashes),
                                                   proof), f"consistency {old} -> {size}")

    def test_published_vectors(self):
        stdin = "\n00\n10\n2021\n3031\n40414243\n5051525354555657\n606162636465666768696a6b6c6d6e6f\n"
        self.assertEqual(run("unused.db", "merkle", "root", stdin=stdin).stdout.strip(),
                         "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")
        self.assertEqual(run("unused.db", "merkle", "root", stdin="").stdout.strip(),
                         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

    def test_bad_input(self):
        run("unused.db", "merkle", "root", stdin="0g\n", expect=1)
        run("unused.db", "merkle", "inclusion", "3", stdin="00\n01\n", expect=1)
        run("unused.db", "merkle", "frob", expect=2)


class Log(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if Ed25519PublicKey is None:
            raise AssertionError("Python's cryptography is missing: install python3-cryptography "
                                 "(scripts/setup does)")
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = cls.tmp.name
        cls.db = os.path.join(cls.dir, "r.db")
        run(cls.db, "init", "--sample")
        cls.keys = os.path.join(cls.dir, "keys")
        os.mkdir(cls.keys)
        run(cls.db, "key", "generate", "depositary.example/treaties", "--out",
            os.path.join(cls.keys, "log"))
        run(cls.db, "key", "generate", "mfa.example/witness", "--out",
            os.path.join(cls.keys, "witness"))
        cls.logkey = os.path.join(cls.keys, "log.key")
        cls.logpub = os.path.join(cls.keys, "log.pub")
        cls.wkey = os.path.join(cls.keys, "witness.key")
        cls.wpub = os.path.join(cls.keys, "witness.pub")
        cls.cp1 = os.path.join(cls.dir, "cp1")
        run(cls.db, "log", "checkpoint", "--key", cls.logkey, "--out", cls.cp1)
        with open(cls.cp1) as f:
            cls.n1 = int(f.read().splitlines()[1])  # the sample registry's size
        src = os.path.join(cls.dir, "more.json")
        with open(src, "w") as f:
            json.dump(many_parties(400, "Q"), f)
        run(cls.db, "load", src)
        cls.cp2 = os.path.join(cls.dir, "cp2")
        run(cls.db, "log", "checkpoint", "--key", cls.logkey, "--out", cls.cp2)
        cls.export = os.path.join(cls.dir, "export")
        run(cls.db, "log", "tiles", "--out", cls.export)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def records(self, db=None):
        con = sqlite3.connect(db or self.db)
        rows = con.execute("SELECT seq, record FROM journal ORDER BY seq").fetchall()
        con.close()
        return rows

    def test_key_files(self):
        st = os.stat(self.logkey)
        self.assertEqual(stat.S_IMODE(st.st_mode), 0o600)
        vkey = rtext(self.logpub).strip()
        name, khash, key = vkey.split("+", 2)
        self.assertEqual(name, "depositary.example/treaties")
        raw = base64.b64decode(key)
        self.assertEqual(raw[0], 1)
        self.assertEqual(key_id(name, raw[1:]).hex(), khash)
        # The private key is Go sumdb/note's form; its seed gives the public key.
        skey = rtext(self.logkey).strip().split("+")
        self.assertEqual(skey[:5][:2], ["PRIVATE", "KEY"])
        seed = base64.b64decode("+".join(skey[4:]))[1:]
        pub = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.assertEqual(pub, raw[1:])
        # Never overwritten.
        run(self.db, "key", "generate", "depositary.example/treaties", "--out",
            os.path.join(self.keys, "log"), expect=1)
        run(self.db, "key", "generate", "bad name", expect=2)

    def test_checkpoint_signature_with_cryptography(self):
        text = rtext(self.cp2)
        body, signed = open_note(text, [rtext(self.logpub).strip()])
        self.assertEqual(signed, ["depositary.example/treaties"])
        origin, size, root = body.splitlines()
        self.assertEqual(origin, "depositary.example/treaties")  # the key's name by default
        rows = self.records()
        self.assertEqual(int(size), len(rows))
        self.assertEqual(base64.b64decode(root), mth([leaf_hash(r[1].encode()) for r in rows]))
        # A changed body no longer verifies.
        forged = text.replace(f"\n{size}\n", f"\n{int(size) + 1}\n")
        with self.assertRaises(InvalidSignature):
            open_note(forged, [rtext(self.logpub).strip()])

    def test_tiles_layout(self):
        cp = rtext(os.path.join(self.export, "checkpoint"))
        self.assertEqual(cp, rtext(self.cp2))
        size = int(cp.splitlines()[1])
        entries = read_bundles(self.export, size)
        rows = self.records()
        self.assertEqual(entries, [r[1].encode() for r in rows])
        hashes = [leaf_hash(e) for e in entries]
        self.assertEqual(base64.b64decode(cp.splitlines()[2]), mth(hashes))
        # Level 0 tiles hold the leaf hashes; level 1 the hash of each full level-0 tile.
        for t in range((size + 255) // 256):
            w = min(256, size - 256 * t)
            path = os.path.join(self.export, "tile", "0", tile_path(t) + ("" if w == 256 else f".p/{w}"))
            self.assertEqual(rbytes(path), b"".join(hashes[256 * t:256 * t + w]))
        full = size // 256
        self.assertGreaterEqual(full, 1)
        path = os.path.join(self.export, "tile", "1", "000.p/%d" % full)
        self.assertEqual(rbytes(path),
                         b"".join(mth(hashes[256 * i:256 * i + 256]) for i in range(full)))
        self.assertEqual(tile_path(1234067), "x001/x234/067")

    def test_proofs_cli(self):
        rows = self.records()
        hashes = [leaf_hash(r[1].encode()) for r in rows]
        n = len(rows)
        n1 = self.n1
        for index, size in [(0, 1), (0, n), (n - 1, n), (n1 - 1, n1), (200, 300), (17, n1)]:
            p = json.loads(run(self.db, "log", "proof", "inclusion", "--index", str(index),
                               "--size", str(size), "--json").stdout)
            proof = [base64.b64decode(h) for h in p["proof"]]
            self.assertEqual(base64.b64decode(p["leaf_hash"]), hashes[index])
            self.assertEqual(base64.b64decode(p["root"]), mth(hashes[:size]))
            self.assertTrue(verify_inclusion(hashes[index], index, size, proof, mth(hashes[:size])))
        for m, size in [(n1, n), (1, n), (0, n), (100, 300), (n, n)]:
            p = json.loads(run(self.db, "log", "proof", "consistency", "--from", str(m), "--to",
                               str(size), "--json").stdout)
            proof = [base64.b64decode(h) for h in p["proof"]]
            self.assertTrue(verify_consistency(m, size, mth(hashes[:m]), mth(hashes[:size]), proof))
        run(self.db, "log", "proof", "inclusion", "--index", str(n), "--size", str(n), expect=1)
        run(self.db, "log", "proof", "inclusion", "--index", "0", "--size", str(n + 1), expect=1)
        run(self.db, "log", "proof", "inclusion", "--index", "x", expect=2)

    def test_verify_registry_and_export(self):
        out = run(self.db, "verify", "--checkpoint", self.cp2, "--key", self.logpub).stdout
        self.assertIn("verified", out)
        run(self.db, "verify", self.export, "--key", self.logpub)
        run(self.db, "verify", self.export, "--checkpoint", self.cp2, "--old-checkpoint", self.cp1,
            "--key", self.logpub)
        out = json.loads(run(self.db, "verify", "--checkpoint", self.cp2, "--old-checkpoint",
                             self.cp1, "--key", self.logpub, "--json").stdout)
        self.assertTrue(out["ok"])
        self.assertEqual(out["old_checkpoint"]["size"], self.n1)
        # The wrong key: not signed by any given key.
        p = run(self.db, "verify", "--checkpoint", self.cp2, "--key", self.wpub, expect=1)
        self.assertIn("not signed", p.stderr)
        # Old and new swapped: not a prefix.
        run(self.db, "verify", "--checkpoint", self.cp1, "--old-checkpoint", self.cp2, "--key",
            self.logpub, expect=1)

    def test_tampered_export_names_the_entry(self):
        rnd = random.Random(17)
        cp = rtext(self.cp2)
        size = int(cp.splitlines()[1])
        entries = read_bundles(self.export, size)
        # Entries at the edges of bundles and at random, at a random byte of the record;
        # and some length prefixes.
        picks = sorted({0, 1, 255, 256, 257, len(entries) - 1} |
                       set(rnd.sample(range(len(entries)), 60)))
        targets = [(i, rnd.randrange(len(entries[i]))) for i in picks]
        targets += [(i, -1) for i in rnd.sample(range(len(entries)), 10)]
        work = os.path.join(self.dir, "tampered")
        for i, at in targets:
            t = i // 256
            w = min(256, size - 256 * t)
            rel = os.path.join("tile", "entries", tile_path(t) + ("" if w == 256 else f".p/{w}"))
            path = os.path.join(self.export, rel)
            data = bytearray(rbytes(path))
            off = sum(2 + len(e) for e in entries[256 * t:i])
            pos = off + (2 + at if at >= 0 else 1)
            data[pos] ^= 1 << rnd.randrange(8)
            subprocess.run(["rm", "-rf", work], check=True)
            subprocess.run(["cp", "-r", self.export, work], check=True)
            wbytes(os.path.join(work, rel), bytes(data))
            p = run(self.db, "verify", work, "--key", self.logpub, "--json", expect=1)
            report = json.loads(p.stdout)
            self.assertFalse(report["ok"])
            self.assertEqual(report["first_bad_entry"], i + 1,
                             f"byte {pos} of {rel} (entry {i + 1}): {report['error']}")
            self.assertIn(f"journal entry {i + 1}", report["error"])
        # A changed tile hash is caught too.
        subprocess.run(["rm", "-rf", work], check=True)
        subprocess.run(["cp", "-r", self.export, work], check=True)
        tile = os.path.join(work, "tile", "0", "000")
        data = bytearray(rbytes(tile))
        data[32 * 40 + 5] ^= 4
        wbytes(tile, bytes(data))
        report = json.loads(run(self.db, "verify", work, "--key", self.logpub, "--json",
                                expect=1).stdout)
        self.assertEqual(report["first_bad_entry"], 41)

    def copy_db(self, name):
        path = os.path.join(self.dir, name)
        src = sqlite3.connect(self.db)
        dst = sqlite3.connect(path)
        src.backup(dst)
        src.close()
        dst.close()
        return path

    def test_tampered_registry_names_the_entry(self):
        rnd = random.Random(99)
        rows = self.records()
        for seq in sorted(rnd.sample(range(1, len(rows) + 1), 12)) + [1, len(rows)]:
            db = self.copy_db("t.db")
            tamper(db, seq, rnd)
            p = run(db, "verify", "--checkpoint", self.cp2, "--key", self.logpub, "--json",
                    expect=1)
            report = json.loads(p.stdout)
            self.assertEqual(report["first_bad_entry"], seq, report["error"])
            self.assertIn(f"journal entry {seq}", report["error"])
            os.remove(db)
        # Everything rewritten consistently (the record, and the log by rebuild): the root
        # gives it away. Entry 10 moved to a transaction of another actor.
        db = self.copy_db("t.db")
        con = sqlite3.connect(db)
        con.execute("INSERT INTO journal_tx(actor, time) SELECT 'x' || actor, time FROM journal_tx "
                    "WHERE tx=(SELECT tx FROM journal_entry WHERE seq=10)")
        con.execute("UPDATE journal_entry SET tx=last_insert_rowid() WHERE seq=10")
        con.commit()
        con.close()
        self.assertEqual(self.records(db)[9][1],
                         rows[9][1].replace('"actor":"', '"actor":"x', 1))
        p = run(db, "rebuild")
        self.assertIn("does not match the journal", p.stderr)
        report = json.loads(run(db, "verify", "--checkpoint", self.cp2, "--key", self.logpub,
                                "--json", expect=1).stdout)
        self.assertIn("rewritten", report["error"])
        # and the depositary cannot sign a new checkpoint over the rewritten journal
        run(db, "log", "checkpoint", "--key", self.logkey, expect=1)
        os.remove(db)

    def checkpoints(self, db):
        con = sqlite3.connect(db)
        rows = con.execute("SELECT id, size, note FROM tlog_checkpoint ORDER BY id").fetchall()
        con.close()
        return rows

    def refused(self, db, seq, what):
        """`log checkpoint` (and `log tiles --key`) on db must exit 1 naming journal entry seq
        and `what` disagrees, and sign nothing: no new stored checkpoint, --out untouched."""
        before = self.checkpoints(db)
        out = os.path.join(self.dir, "refused-cp")
        wbytes(out, b"the previous checkpoint\n")
        p = run(db, "log", "checkpoint", "--key", self.logkey, "--out", out, expect=1)
        self.assertIn("refusing to sign", p.stderr)
        self.assertIn(f"journal entry {seq} ", p.stderr)
        self.assertIn(what, p.stderr)
        self.assertIn("nothing was signed", p.stderr)
        self.assertEqual(p.stdout, "")
        self.assertEqual(rbytes(out), b"the previous checkpoint\n")
        report = json.loads(run(db, "log", "checkpoint", "--key", self.logkey, "--json",
                                expect=1).stdout)
        self.assertEqual((report["ok"], report["first_bad_entry"]), (False, seq), report["error"])
        self.assertIn(what, report["error"])
        tiles = os.path.join(self.dir, "refused-tiles")
        p = run(db, "log", "tiles", "--key", self.logkey, "--out", tiles, expect=1)
        self.assertIn(f"journal entry {seq} ", p.stderr)
        self.assertFalse(os.path.exists(tiles))
        self.assertEqual(self.checkpoints(db), before)
        os.remove(out)

    def test_checkpoint_refuses_a_journal_that_contradicts_itself(self):
        rows = self.records()
        n = len(rows)
        # The untouched registry signs.
        db = self.copy_db("c.db")
        before = self.checkpoints(db)
        note = run(db, "log", "checkpoint", "--key", self.logkey).stdout
        self.assertEqual(int(note.splitlines()[1]), n)
        self.assertEqual(len(self.checkpoints(db)), len(before) + 1)
        self.assertEqual(self.checkpoints(db)[-1][2], note)
        os.remove(db)
        # One byte of one record changed, after the last checkpoint signed it or before it was
        # ever signed: entries signed by cp1, by cp2 only, and the last.
        for seq in [1, self.n1 - 1, self.n1 + 200, n]:
            db = self.copy_db("c.db")
            tamper(db, seq, random.Random(seq))
            self.refused(db, seq, "the log's leaf hash")
            os.remove(db)
        # One leaf hash of the log changed (level 0: row id index >> 10, 32 bytes per leaf).
        for index in [0, n // 2, n - 1]:
            db = self.copy_db("c.db")
            con = sqlite3.connect(db)
            leaves = bytearray(con.execute("SELECT hashes FROM tlog_hash WHERE id=?",
                                           (index >> 10,)).fetchone()[0])
            leaves[(index % 1024) * 32 + 7] ^= 0x10
            con.execute("UPDATE tlog_hash SET hashes=? WHERE id=?", (bytes(leaves), index >> 10))
            con.commit()
            con.close()
            self.refused(db, index + 1, "the log's leaf hash")
            os.remove(db)
        # A hash above the leaves (level 4, the subtree of leaves 0..15): no single entry.
        db = self.copy_db("c.db")
        con = sqlite3.connect(db)
        level4 = bytearray(con.execute("SELECT hashes FROM tlog_hash WHERE id=?",
                                       (4 << 48,)).fetchone()[0])
        level4[3] ^= 1
        con.execute("UPDATE tlog_hash SET hashes=? WHERE id=?", (bytes(level4), 4 << 48))
        con.commit()
        con.close()
        before = self.checkpoints(db)
        p = run(db, "log", "checkpoint", "--key", self.logkey, "--json", expect=1)
        report = json.loads(p.stdout)
        self.assertIsNone(report["first_bad_entry"])
        self.assertIn("above the leaves", report["error"])
        self.assertEqual(self.checkpoints(db), before)
        os.remove(db)

    def test_rebuild_and_migration_keep_the_roots(self):
        root = run(self.db, "log", "root", "--json").stdout
        db = self.copy_db("m.db")
        run(db, "rebuild")
        self.assertEqual(run(db, "log", "root", "--json").stdout, root)
        # A registry from before the log: no log tables, schema version 2.
        con = sqlite3.connect(db)
        con.execute("DROP TABLE tlog_hash")
        con.execute("DROP TABLE tlog_checkpoint")
        con.execute("PRAGMA user_version=2")
        con.commit()
        con.close()
        self.assertEqual(run(db, "log", "root", "--json").stdout, root)
        # ... and one whose log lags: the next write catches it up in the same transaction.
        con = sqlite3.connect(db)
        con.execute("DELETE FROM tlog_hash")
        con.commit()
        con.close()
        run(db, "retract", "party", "QAA")
        n = len(self.records(db))
        rows = self.records(db)
        self.assertEqual(json.loads(run(db, "log", "root", "--json").stdout)["root_hex"],
                         mth([leaf_hash(r[1].encode()) for r in rows]).hex())
        self.assertEqual(json.loads(run(db, "log", "root", "--json").stdout)["size"], n)
        os.remove(db)

    def test_log_in_the_earlier_layout_is_cut_not_recomputed(self):
        # Layout 2 kept 1024 hashes per row at every stored level; layout 3 keeps 32 above the
        # leaves. A registry whose log is in layout 2 has those rows cut on first use: the same
        # root, the very rows a new log has, and a checkpoint that checks the whole log.
        db = self.copy_db("l2.db")
        root = run(db, "log", "root", "--json").stdout
        con = sqlite3.connect(db)
        rows = con.execute("SELECT id, hashes FROM tlog_hash ORDER BY id").fetchall()
        upper = [(i, h) for i, h in rows if i >= 1 << 48]
        self.assertTrue(any(len(h) == 32 * 32 for _, h in upper))  # a full row above the leaves
        old = {}
        for i, h in upper:
            level, row = i >> 48, i & ((1 << 48) - 1)
            key = level << 48 | (row << 5) >> 10
            old[key] = old.get(key, b"") + h
        self.assertLess(len(old), len(upper))
        con.execute("DELETE FROM tlog_hash WHERE id >= ?", (1 << 48,))
        con.executemany("INSERT INTO tlog_hash(id, hashes) VALUES(?, ?)", old.items())
        con.execute("UPDATE meta SET value='2' WHERE key='log.layout'")
        con.commit()
        con.close()
        self.assertEqual(run(db, "log", "root", "--json").stdout, root)
        con = sqlite3.connect(db)
        self.assertEqual(con.execute("SELECT id, hashes FROM tlog_hash ORDER BY id").fetchall(),
                         rows)
        self.assertEqual(
            con.execute("SELECT value FROM meta WHERE key='log.layout'").fetchone()[0], "3")
        con.close()
        run(db, "log", "checkpoint", "--key", self.logkey)
        os.remove(db)

    def test_failed_load_leaves_the_log_alone(self):
        db = self.copy_db("f.db")
        before = run(db, "log", "root", "--json").stdout
        bad = os.path.join(self.dir, "bad.json")
        doc = many_parties(300, "R")  # more than a row of hashes, then an error
        doc["parties"].append({"code": "RZZ", "kind": "planet", "name": {"en": "x"}})
        with open(bad, "w") as f:
            json.dump(doc, f)
        run(db, "load", bad, expect=1)
        self.assertEqual(run(db, "log", "root", "--json").stdout, before)
        con = sqlite3.connect(db)
        n = con.execute("SELECT count(*) FROM journal").fetchone()[0]
        con.close()
        self.assertEqual(json.loads(before)["size"], n)
        os.remove(db)

    def test_witness_cosign(self):
        out = os.path.join(self.dir, "cosigned")
        run(self.db, "log", "cosign", "--key", self.wkey, "--log-key", self.logpub, "--registry",
            self.export, "--out", out, self.cp2)
        text = rtext(out)
        self.assertTrue(text.startswith(rtext(self.cp2)))
        _, signed = open_note(text, [rtext(self.logpub).strip(),
                                     rtext(self.wpub).strip()])
        self.assertEqual(signed, ["depositary.example/treaties", "mfa.example/witness"])
        p = run(self.db, "verify", "--checkpoint", out, "--key", self.logpub, "--key", self.wpub)
        self.assertEqual(p.stdout.count(": verified"), 2)
        # Twice: refused.
        run(self.db, "log", "cosign", "--key", self.wkey, "--log-key", self.logpub, out, expect=1)
        # A witness whose copy differs refuses to sign.
        run(self.db, "log", "cosign", "--key", self.wkey, "--registry", self.export, self.cp1,
            expect=0)
        db = self.copy_db("w.db")
        con = sqlite3.connect(db)
        con.execute("UPDATE journal_entry SET value=replace(value, 'State', 'Stat') WHERE seq=%d"
                    % (self.n1 + 6))
        con.commit()
        con.close()
        run(self.db, "log", "cosign", "--key", self.wkey, "--registry", db, self.cp2, expect=1)
        os.remove(db)
        # Without anything to check: a usage error.
        run(self.db, "log", "cosign", "--key", self.wkey, self.cp2, expect=2)

    def test_forged_old_checkpoint(self):
        # Signed by the real log key (read from its file), but with another root.
        skey = rtext(self.logkey).strip().split("+")
        seed = base64.b64decode("+".join(skey[4:]))[1:]
        priv = Ed25519PrivateKey.from_private_bytes(seed)
        name = "depositary.example/treaties"
        body = f"{name}\n100\n{base64.b64encode(b'x' * 32).decode()}\n"
        sig = priv.sign(body.encode())
        kid = bytes.fromhex(skey[3])
        forged = os.path.join(self.dir, "forged")
        with open(forged, "w") as f:
            f.write(body + "\n" + f"{EM_DASH} {name} {base64.b64encode(kid + sig).decode()}\n")
        # pacta accepts the signature (cryptography made it) ...
        run(self.db, "verify", "--checkpoint", forged, "--key", self.logpub, "--registry",
            self.export, expect=1)
        out = json.loads(run(self.db, "verify", "--checkpoint", self.cp2, "--old-checkpoint",
                             forged, "--key", self.logpub, "--json", expect=1).stdout)
        self.assertEqual([s["status"] for s in out["old_checkpoint"]["signatures"]], ["verified"])
        self.assertIn("old checkpoint", out["error"])

    def test_http(self):
        db = self.copy_db("h.db")
        con = sqlite3.connect(db)
        con.execute("DELETE FROM tlog_checkpoint")
        con.commit()
        con.close()
        port = None
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        proc = subprocess.Popen([PACTA, "--db", db, "serve", "--listen", f"127.0.0.1:{port}",
                                 "--quiet"], stderr=subprocess.PIPE, text=True)

        def get(path):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
                    return r.status, r.headers.get("Content-Type"), r.read()
            except urllib.error.HTTPError as e:
                return e.code, e.headers.get("Content-Type"), e.read()

        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                    break
                except OSError:
                    time.sleep(0.05)
            status, _, body = get("/api/v1/log/checkpoint")
            self.assertEqual(status, 404)
            self.assertIn("pacta log checkpoint", json.loads(body)["error"]["message"])
            run(db, "log", "checkpoint", "--key", self.logkey)
            status, ctype, body = get("/api/v1/log/checkpoint")
            self.assertEqual(status, 200)
            self.assertTrue(ctype.startswith("text/plain"))
            text = body.decode()
            _, signed = open_note(text, [rtext(self.logpub).strip()])
            self.assertEqual(signed, ["depositary.example/treaties"])
            size = int(text.splitlines()[1])
            root = base64.b64decode(text.splitlines()[2])
            hashes = [leaf_hash(r[1].encode()) for r in self.records(db)]
            for index in [0, 5, size - 1]:
                status, _, body = get(f"/api/v1/log/proof/inclusion?index={index}&size={size}")
                self.assertEqual(status, 200)
                p = json.loads(body)
                self.assertTrue(verify_inclusion(hashes[index], index, size,
                                                 [base64.b64decode(h) for h in p["proof"]], root))
            n1 = self.n1
            status, _, body = get(f"/api/v1/log/proof/consistency?from={n1}&to={size}")
            p = json.loads(body)
            self.assertTrue(verify_consistency(n1, size, mth(hashes[:n1]), root,
                                               [base64.b64decode(h) for h in p["proof"]]))
            self.assertEqual(get(f"/api/v1/log/proof/inclusion?index={size}&size={size}")[0], 400)
            self.assertEqual(get("/api/v1/log/proof/inclusion?index=abc")[0], 400)
            self.assertEqual(get("/api/v1/log/proof/inclusion")[0], 400)
            self.assertEqual(get(f"/api/v1/log/proof/consistency?from=5&to={size + 1}")[0], 400)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=10)
            os.remove(db)


if __name__ == "__main__":
    PACTA = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)
