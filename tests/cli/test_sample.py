#!/usr/bin/env python3
"""The bundled sample registry (sample/sample.json, docs/sample.md): the facts
corrected in docs/sample.md "Corrections", asserted through the commands on
`pacta init --sample`, and the sample's own consistency read from the file.

Known answers come from the sources cited in docs/sample.md, not from pacta.

usage: test_sample.py PACTA_BINARY
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import unittest

PACTA = None
HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "sample", "sample.json")
SEEDS = os.path.join(HERE, "..", "ingest", "expected")  # copies of shared/seeds
CONSENT = {"definitive_signature", "ratification", "acceptance", "approval", "accession",
           "notification", "succession"}


def run_json(db, *args):
    p = subprocess.run([PACTA, "--db", db, *args, "--json"], capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError(f"pacta {' '.join(args)}: exit {p.returncode}\n{p.stderr[:2000]}")
    return json.loads(p.stdout)


class Corrections(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "sample.db")
        p = subprocess.run([PACTA, "--db", cls.db, "init", "--sample"], capture_output=True,
                           text=True)
        assert p.returncode == 0, p.stderr

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def status(self, doc, on):
        out = run_json(self.db, "status", doc, "--on", on)
        self.assertEqual((out["document"], out["on"]), (doc, on))
        return out, {p["party"]: (p["status"], p["since"], p["entry_into_force"])
                     for p in out["parties"]}

    def test_collective_security_treaty_in_force_from_1994(self):
        # In force 20 Apr 1994 (prg.kz; the 2010 Protocol's preamble) for the six signatories
        # of Tashkent and Azerbaijan, Georgia, Belarus, which joined in 1993.
        out, parties = self.status("csto-cst-1992", "1995-01-01")
        self.assertTrue(out["in_force"])
        self.assertEqual(out["entry_into_force"], "1994-04-20")
        self.assertEqual(parties["ARM"], ("in_force", "1994-04-20", "1994-04-20"))
        self.assertEqual(sorted(parties), ["ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK",
                                           "UZB"])
        self.assertEqual({s for s, _, _ in parties.values()}, {"in_force"})
        out, parties = self.status("csto-cst-1992", "1994-04-19")
        self.assertFalse(out["in_force"])
        self.assertEqual(parties["KAZ"][0], "consented")  # Supreme Soviet, 23 Dec 1992
        self.assertEqual(parties["ARM"][0], "signed")

    def test_collective_security_treaty_not_renewed_by_three(self):
        # Azerbaijan, Georgia and Uzbekistan did not sign the 1999 extension Protocol: the
        # Treaty ceased to bind them on 20 Apr 1999 (ATOP's exit date).
        out, parties = self.status("csto-cst-1992", "2026-01-01")
        self.assertTrue(out["in_force"])
        for p in ("AZE", "GEO", "UZB"):
            self.assertEqual(parties[p][:2], ("withdrawn", "1999-04-20"), p)
        for p in ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"):
            self.assertEqual(parties[p][0], "in_force", p)
        _, parties = self.status("csto-cst-1992", "1999-04-19")
        self.assertEqual(parties["UZB"][0], "in_force")

    def test_csto_charter_binds_its_six_founders(self):
        # In force 18 Sep 2003, ratified by all six signatories; Armenia a founding member.
        out, parties = self.status("csto-charter", "2004-01-01")
        self.assertTrue(out["in_force"])
        self.assertEqual(out["entry_into_force"], "2003-09-18")
        self.assertEqual(sorted(parties), ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"])
        self.assertEqual(parties["ARM"], ("in_force", "2003-09-18", "2003-09-18"))
        self.assertEqual({s for s, _, _ in parties.values()}, {"in_force"})
        out, parties = self.status("csto-charter", "2003-08-01")
        self.assertFalse(out["in_force"])
        self.assertEqual((parties["RUS"][0], parties["KAZ"][0], parties["ARM"][0]),
                         ("consented", "consented", "signed"))

    def test_eaeu_treaty_binds_founders_and_acceding_states(self):
        out, parties = self.status("eaeu-treaty", "2016-01-01")
        self.assertTrue(out["in_force"])
        self.assertEqual(out["entry_into_force"], "2015-01-01")
        for p in ("BLR", "KAZ", "RUS"):
            self.assertEqual(parties[p], ("in_force", "2015-01-01", "2015-01-01"), p)
        self.assertEqual(parties["ARM"], ("in_force", "2015-01-02", "2015-01-02"))
        self.assertEqual(parties["KGZ"], ("in_force", "2015-08-12", "2015-08-12"))
        _, parties = self.status("eaeu-treaty", "2015-01-01")
        self.assertNotIn("ARM", parties)

    def test_union_state_treaty_in_force_from_the_exchange(self):
        out, parties = self.status("union-state-treaty", "2000-01-26")
        self.assertTrue(out["in_force"])
        self.assertEqual(parties, {"BLR": ("in_force", "2000-01-26", "2000-01-26"),
                                   "RUS": ("in_force", "2000-01-26", "2000-01-26")})

    def test_seed_004_session(self):
        # The 36th session of the CIS Council of Heads of Security Agencies and Special
        # Services, Minsk, Thursday 5 June 2014 (Interfax-Ukraine via allforsmart.ru).
        s = run_json(self.db, "show", "session", "cis-chss-2014-06-05")
        self.assertEqual((s["body"], s["number"], s["date"], s["place"], s["format"]),
                         ("cis-chss", 36, "2014-06-05", "Minsk", "in_person"))
        self.assertEqual((s["attendance"], s["adopted"]), ([], []))
        refs = [x["ref"] for x in s["sources"]]
        self.assertIn("seeds/004_baf21a53b7d9f635.txt", refs)
        self.assertTrue(any(r.startswith("http") for r in refs), refs)

    def test_every_seed_has_its_session(self):
        sessions = run_json(self.db, "list", "sessions")["sessions"]
        cited = {os.path.basename(src["ref"]) for s in sessions for src in s.get("sources", [])}
        seeds = sorted(os.path.basename(p) for p in glob.glob(os.path.join(SEEDS, "*.txt")))
        self.assertEqual(len(seeds), 5)
        for seed in seeds:
            self.assertIn(seed, cited)


class Consistency(unittest.TestCase):
    """The file against itself: what a consistency check refuses must not be in it."""

    @classmethod
    def setUpClass(cls):
        with open(SAMPLE, encoding="utf-8") as f:
            cls.d = json.load(f)

    def member(self, org, party, on):
        return any(m["organization"] == org and m["party"] == party and m["from"] <= on
                   and (m.get("to") is None or on < m["to"]) and m["kind"] != "observer"
                   for m in self.d["memberships"])

    def test_actions(self):
        docs = {x["id"]: x for x in self.d["documents"]}
        acts = self.d["actions"]
        for a in acts:
            key = (a["document"], a["party"], a["type"], a["date"])
            with self.subTest(action=key):
                self.assertLessEqual(a["date"], "2026-12-04")
                doc = docs[a["document"]]
                adopted = (doc.get("adopted") or {}).get("date")
                if adopted:
                    self.assertGreaterEqual(a["date"], adopted)
                if a["type"] == "withdrawal":
                    self.assertGreaterEqual(a.get("effective", a["date"]), a["date"])
                    self.assertTrue(any(b["document"] == a["document"] and b["party"] == a["party"]
                                        and b["type"] in CONSENT and b["date"] <= a["date"]
                                        for b in acts))
                if a["type"] in CONSENT:
                    self.assertTrue(self.member(doc["organization"], a["party"], a["date"]))

    def test_memberships(self):
        ms = self.d["memberships"]
        for i, m in enumerate(ms):
            with self.subTest(membership=(m["organization"], m["party"], m["from"])):
                if m.get("to"):
                    self.assertLess(m["from"], m["to"])
                for n in ms[i + 1:]:
                    if (n["organization"], n["party"]) == (m["organization"], m["party"]):
                        self.assertFalse(m["from"] < (n.get("to") or "9999")
                                         and n["from"] < (m.get("to") or "9999"), n)

    def test_sessions_and_assessments(self):
        bodies = {b["id"]: b["organization"] for b in self.d["bodies"]}
        sessions = {s["id"]: s for s in self.d["sessions"]}
        for s in sessions.values():
            for at in s["attendance"]:
                if at["status"] in ("present", "represented"):
                    with self.subTest(session=s["id"], party=at["party"]):
                        self.assertTrue(self.member(bodies[s["body"]], at["party"], s["date"]))
        commitments = {c["id"]: c for c in self.d["commitments"]}
        for a in self.d["assessments"]:
            sid = commitments[a["commitment"]]["source"]["session"]
            self.assertGreaterEqual(a["date"], sessions[sid]["date"])


if __name__ == "__main__":
    PACTA = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)
