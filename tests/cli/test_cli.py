#!/usr/bin/env python3
"""Command-line tests of pacta: the JSON contract of design.md section 6 on the
bundled sample registry, rebuild and export round trips, and every kind of bad
input, each checked to leave the registry exactly as it was.

Known answers come from the sources (../shared/domain.md and
tests/data/cis-depositary-samples, a copy of ../shared/data/cis-depositary-samples),
not from pacta.

usage: test_cli.py PACTA_BINARY
"""
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

PACTA = None


def run(db, *args, expect=0, stdin=None):
    p = subprocess.run([PACTA, "--db", db, *args], capture_output=True, text=True, input=stdin)
    if p.returncode != expect:
        raise AssertionError(
            f"pacta {' '.join(args)}: exit {p.returncode}, expected {expect}\n"
            f"stdout: {p.stdout[:2000]}\nstderr: {p.stderr[:2000]}")
    return p


def run_json(db, *args):
    return json.loads(run(db, *args, "--json").stdout)


def snapshot(db):
    """Everything a user can see of a registry: its export and journal."""
    export = run(db, "export").stdout
    journal = run(db, "journal", "--limit", "1000000", "--json").stdout
    return export, journal


class SampleRegistry(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "sample.db")
        run(cls.db, "init", "--sample")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def members(self, org, on):
        out = run_json(self.db, "members", org, "--on", on)
        self.assertEqual(out["organization"], org)
        self.assertEqual(out["on"], on)
        codes = [m["party"] for m in out["members"]]
        self.assertEqual(codes, sorted(codes), "members sorted by party")
        return {m["party"]: m for m in out["members"]}

    def test_georgia_leaves_cis_2009_08_18(self):
        # domain.md: notice 2008-08-18, Charter art. 9, effective 2009-08-18.
        self.assertIn("GEO", self.members("cis", "2009-08-17"))
        self.assertNotIn("GEO", self.members("cis", "2009-08-18"))

    def test_turkmenistan_associate_since_2005_08_26(self):
        m = self.members("cis", "2005-08-26")["TKM"]
        self.assertEqual((m["kind"], m["since"]), ("associate", "2005-08-26"))
        self.assertNotEqual(self.members("cis", "2005-08-25")["TKM"]["kind"], "associate")

    def test_ukraine_participant(self):
        self.assertEqual(self.members("cis", "2010-01-01")["UKR"]["kind"], "participant")

    def test_eaeu_accessions_2015(self):
        # Treaty in force 2015-01-01; Armenia 2015-01-02; Kyrgyzstan 2015-08-12.
        self.assertEqual(set(self.members("eaeu", "2015-01-01")), {"BLR", "KAZ", "RUS"})
        self.assertEqual(set(self.members("eaeu", "2015-01-02")), {"ARM", "BLR", "KAZ", "RUS"})
        self.assertNotIn("KGZ", self.members("eaeu", "2015-08-11"))
        self.assertEqual(self.members("eaeu", "2015-08-12")["KGZ"]["since"], "2015-08-12")

    def test_uzbekistan_csto(self):
        # ATOP atopid 4220: out 1999-04-20, back 2006-08-17; suspended 2012.
        self.assertIn("UZB", self.members("csto", "1999-04-19"))
        self.assertNotIn("UZB", self.members("csto", "2000-01-01"))
        self.assertEqual(self.members("csto", "2008-01-01")["UZB"]["kind"], "member")
        self.assertNotEqual(self.members("csto", "2013-06-01").get("UZB", {}).get("kind"), "member")

    def test_eaeu_rotation_design_check(self):
        # design.md 5.2 / domain.md section 6: Russian alphabetical order.
        want = {2016: "KAZ", 2017: "KGZ", 2018: "RUS", 2019: "ARM", 2020: "BLR", 2021: "KAZ",
                2022: "KGZ", 2023: "RUS", 2024: "ARM", 2025: "BLR", 2026: "KAZ"}
        for year, chair in want.items():
            out = run_json(self.db, "chair", "eaeu", "--year", str(year))
            self.assertEqual(out["expected"], chair, year)
            self.assertEqual(out["chair"], chair, year)

    def test_cis_chair_and_co_chairs(self):
        # domain.md section 2: 2021 Belarus, co-chairs Uzbekistan and Kazakhstan.
        out = run_json(self.db, "chair", "cis", "--year", "2021")
        self.assertEqual(out, {"organization": "cis", "year": 2021, "chair": "BLR",
                               "source": "recorded", "expected": out["expected"],
                               "co_chairs": ["UZB", "KAZ"]})
        # 2025 Tajikistan, co-chairs Russia and Turkmenistan (W6).
        out = run_json(self.db, "chair", "cis", "--year", "2025")
        self.assertEqual((out["chair"], out["co_chairs"]), ("TJK", ["RUS", "TKM"]))
        # 2017: Moldova declined, so Russia after Kyrgyzstan (W6).
        out = run_json(self.db, "chair", "cis", "--year", "2017")
        self.assertEqual((out["chair"], out["expected"]), ("RUS", "RUS"))
        # 2027 is not recorded: computed as Uzbekistan after Turkmenistan (W6).
        out = run_json(self.db, "chair", "cis", "--year", "2027")
        self.assertEqual((out["chair"], out["source"]), ("UZB", "computed"))

    def test_co_chairs_none_and_two_in_turn(self):
        # The Union State of Russia and Belarus: two parties chairing in turn (a rule made up
        # for the test). With previous_and_next the one co-chair is the other party, once;
        # with "none" there are none.
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        db = os.path.join(tmp.name, "r.db")
        run(db, "init", "--sample")
        rule = {"organization": "union-state", "term": "calendar_year",
                "order": ["BLR", "RUS"], "eligible": ["founding", "member"],
                "recorded": [{"year": 2024, "party": "RUS"}], "co_chairs": "previous_and_next"}
        path = os.path.join(tmp.name, "rule.json")
        for co, want in (("previous_and_next", ["RUS"]), ("none", [])):
            with open(path, "w") as f:
                json.dump({"pacta": 1, "chairmanships": [dict(rule, co_chairs=co)]}, f)
            run(db, "load", path)
            out = run_json(db, "chair", "union-state", "--year", "2025")
            self.assertEqual((out["chair"], out["co_chairs"]), ("BLR", want), co)

    def test_chair_history_flags_breaches(self):
        out = run_json(self.db, "chair", "cis")
        years = {y["year"]: y for y in out["years"]}
        for y in out["breaches"]:
            self.assertTrue(years[y]["breach"])
            self.assertNotEqual(years[y]["chair"], years[y]["expected"])
        self.assertFalse(years[2017]["breach"])

    def test_cis_depositary_record(self):
        # tests/data/cis-depositary-samples/dtkt-997_747-page5.txt
        out = run_json(self.db, "status", "cis-agr-dtkt-997-747", "--on", "2026-01-01")
        self.assertTrue(out["in_force"])
        self.assertEqual(out["entry_into_force"], "1998-12-21")
        got = {p["party"]: p["entry_into_force"] for p in out["parties"]}
        self.assertEqual(got, {"BLR": "1998-12-21", "TJK": "1998-12-21", "ARM": "1998-12-21",
                               "KAZ": "1998-12-29", "UKR": "1999-09-14", "RUS": "2001-09-12",
                               "KGZ": "2001-12-13", "MDA": "2002-09-26"})
        # Before the third notification it was not in force.
        out = run_json(self.db, "status", "cis-agr-dtkt-997-747", "--on", "1998-12-20")
        self.assertFalse(out["in_force"])
        self.assertEqual({p["party"]: p["status"] for p in out["parties"]},
                         {"BLR": "consented", "TJK": "consented"})

    def test_status_contract_shape(self):
        out = run_json(self.db, "status", "cis-charter", "--on", "2000-01-01")
        self.assertEqual(set(out), {"document", "on", "in_force", "entry_into_force", "parties"})
        for p in out["parties"]:
            self.assertEqual(set(p), {"party", "status", "since", "entry_into_force"})
        codes = [p["party"] for p in out["parties"]]
        self.assertEqual(codes, sorted(codes))

    def test_status_all_agrees_with_status(self):
        # status --all writes its JSON by hand; it must say what status says.
        for on in ["1993-01-01", "2000-06-30", "2026-01-01"]:
            every = run_json(self.db, "status", "--all", "--on", on)
            self.assertEqual(every["on"], on)
            ids = [d["id"] for d in run_json(self.db, "list", "documents")["documents"]]
            self.assertEqual([d["document"] for d in every["documents"]], sorted(ids))
            for doc in every["documents"]:
                self.assertEqual(doc, run_json(self.db, "status", doc["document"], "--on", on))

    def test_seed_session_2020(self):
        s = run_json(self.db, "show", "session", "cis-chs-2020-12-18")
        self.assertEqual((s["body"], s["date"], s["format"]),
                         ("cis-chs", "2020-12-18", "videoconference"))
        absent = [a["party"] for a in s["attendance"] if a["status"] == "absent"]
        self.assertEqual(absent, ["ARM"])
        self.assertEqual(s["next"], {"date": "2021-10-15", "place": "Minsk"})

    def test_bodies_present(self):
        ids = {b["id"] for b in run_json(self.db, "list", "bodies")["bodies"]}
        for want in ["cis-chs", "cis-chg", "cis-cfm", "cis-cdm", "cis-chss", "cis-ec", "csto-csc",
                     "csto-cfm", "csto-cdm", "csto-cssc", "eaeu-seec", "eaeu-eigc", "eaeu-eec"]:
            self.assertIn(want, ids)

    def test_party_profile(self):
        out = run_json(self.db, "party", "BLR", "--on", "2026-01-01")
        self.assertEqual(out["name"]["ru"], "Беларусь")
        self.assertIn({"organization": "cis", "year": 2021, "source": "recorded"}, out["chairs"])
        docs = {d["document"]: d for d in out["documents"]}
        self.assertEqual(docs["cis-agr-dtkt-997-747"]["entry_into_force"], "1998-12-21")

    def test_tables_without_json(self):
        out = run(self.db, "members", "cis", "--on", "2020-01-01").stdout
        self.assertIn("Belarus", out)
        self.assertIn("party", out.splitlines()[2])

    def test_idempotent_load_and_round_trip(self):
        with tempfile.TemporaryDirectory() as d:
            export = os.path.join(d, "export.json")
            with open(export, "w") as f:
                f.write(run(self.db, "export").stdout)
            before = snapshot(self.db)
            out = run_json(self.db, "load", export)
            self.assertEqual(out["loaded"], 0)
            self.assertEqual(snapshot(self.db), before)
            # Export into a fresh registry, export again: the same bytes.
            db2 = os.path.join(d, "copy.db")
            run(db2, "init")
            run(db2, "load", export)
            self.assertEqual(run(db2, "export").stdout, before[0])

    def test_rebuild_reproduces_answers(self):
        queries = [("members", "cis", "--on", "2010-01-01"), ("chair", "cis"),
                   ("chair", "eaeu", "--year", "2026"),
                   ("status", "cis-agr-dtkt-997-747", "--on", "2026-01-01"),
                   ("party", "ARM", "--on", "2026-01-01"), ("list", "documents")]
        before = [run(self.db, *q, "--json").stdout for q in queries]
        run(self.db, "rebuild")
        self.assertEqual([run(self.db, *q, "--json").stdout for q in queries], before)


class BadInput(unittest.TestCase):
    """Each bad file is refused with exit 1, a message naming the file, the
    JSON path and what was expected, and the registry is left unchanged."""

    BASE = {
        "pacta": 1,
        "parties": [{"code": "BLR", "kind": "state", "name": {"en": "Belarus"}},
                    {"code": "RUS", "kind": "state", "name": {"en": "Russia"}}],
        "organizations": [{"id": "org", "name": {"en": "An organization"}}],
        "documents": [{"id": "doc", "organization": "org", "title": {"en": "A treaty"},
                       "entry_into_force": {"rule": "threshold", "conditions": [{"count": 2}]}}],
        "actions": [{"document": "doc", "party": "BLR", "type": "ratification",
                     "date": "2020-01-01"}],
        "commitments": [{"id": "c1", "organization": "org", "text": {"en": "Do it"}}],
    }

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "r.db")
        run(cls.db, "init")
        cls.load_ok(cls.BASE)
        cls.before = snapshot(cls.db)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @classmethod
    def write(cls, doc, name="in.json"):
        path = os.path.join(cls.tmp.name, name)
        with open(path, "w") as f:
            f.write(doc if isinstance(doc, str) else json.dumps(doc))
        return path

    @classmethod
    def load_ok(cls, doc):
        run(cls.db, "load", cls.write(doc))

    def refused(self, doc, *fragments):
        path = self.write(doc, "bad.json")
        p = run(self.db, "load", path, expect=1)
        self.assertIn("bad.json", p.stderr)
        for frag in fragments:
            self.assertIn(frag, p.stderr)
        self.assertIn("nothing was loaded", p.stderr)
        self.assertEqual(snapshot(self.db), self.before, "registry changed")
        return p.stderr

    def with_(self, section, record):
        doc = json.loads(json.dumps(self.BASE))
        doc.setdefault(section, []).append(record)
        return doc

    def test_unknown_key(self):
        self.refused(self.with_("parties", {"code": "KAZ", "kind": "state",
                                            "name": {"en": "Kazakhstan"}, "nmae": "x"}),
                     "$.parties[2].nmae", "unknown key")
        self.refused({"pacta": 1, "partys": []}, "$.partys", "unknown key")

    def test_impossible_date(self):
        self.refused(self.with_("actions", {"document": "doc", "party": "RUS",
                                            "type": "ratification", "date": "2023-02-30"}),
                     "$.actions[1].date", "2023-02-30", "YYYY-MM-DD")

    def test_unknown_reference(self):
        self.refused(self.with_("actions", {"document": "nope", "party": "RUS",
                                            "type": "signature", "date": "2020-01-01"}),
                     "$.actions[1].document", "unknown document \"nope\"")
        self.refused(self.with_("memberships", {"organization": "org", "party": "XYZ",
                                                "kind": "member", "from": "2020-01-01"}),
                     "unknown party \"XYZ\"")

    def test_unknown_reference_named_once(self):
        # 3 actions of an unknown party: one error at the first place, not three; the
        # version written after the sections still reads (the whole-document reader).
        doc = json.loads(json.dumps(self.BASE))
        for day in (1, 2, 3):
            doc["actions"].append({"document": "doc", "party": "XYZ", "type": "signature",
                                   "date": "2020-01-0%d" % day})
        err = self.refused(doc, "$.actions[1].party", "unknown party \"XYZ\"",
                           "other places that name it are not listed")
        self.assertEqual(err.count("unknown party"), 1, err)
        late = {k: v for k, v in doc.items() if k != "pacta"}
        late["pacta"] = 1
        err = self.refused(late, "$.actions[1].party", "unknown party \"XYZ\"")
        self.assertEqual(err.count("unknown party"), 1, err)

    def test_malformed_code_and_id(self):
        self.refused(self.with_("parties", {"code": "Kz", "kind": "state",
                                            "name": {"en": "K"}}),
                     "$.parties[2].code", "3 upper-case letters")
        self.refused(self.with_("organizations", {"id": "Bad Id", "name": {"en": "x"}}),
                     "$.organizations[1].id", "expected an id")

    def test_score_of_2(self):
        self.refused(self.with_("assessments", {"commitment": "c1", "party": "BLR", "score": 2,
                                                "date": "2021-01-01"}),
                     "$.assessments[0].score", "-1, 0 or 1")

    def test_duplicate_within_file(self):
        self.refused(self.with_("parties", {"code": "BLR", "kind": "state",
                                            "name": {"en": "Belarus"}}),
                     "duplicate party \"BLR\"")

    def test_not_json_and_wrong_version(self):
        self.refused('{"pacta": 1, "parties": [', "not valid JSON")
        self.refused({"pacta": 2}, "\"pacta\": 1")
        self.refused([1, 2], "expected an object")

    def test_streamed_and_whole_documents_read_alike(self):
        # A load reads a document record by record when "pacta" comes first
        # and as a whole otherwise; both give the same errors.
        errors = []
        for order in (["pacta", "actions"], ["actions", "pacta"]):
            doc = '{' + ', '.join('"pacta": 1' if k == "pacta" else
                                  '"actions": [{"document": "doc", "party": "RUS", '
                                  '"type": "signature", "date": "2023-02-30"}]'
                                  for k in order) + '}'
            errors.append(self.refused(doc, "$.actions[0].date", "2023-02-30"))
        self.assertEqual(errors[0], errors[1])
        # A key twice is not valid JSON, whether in the document or a record.
        self.refused('{"pacta": 1, "parties": [], "parties": []}', "not valid JSON",
                     "duplicate object key")
        self.refused('{"pacta": 1, "parties": [{"code": "KAZ", "code": "KAZ"}]}',
                     "not valid JSON", "duplicate object key")
        self.refused('{"pacta": 1, "parties": [{"code": "KAZ"},]}', "not valid JSON")
        self.refused('{"pacta": 1} x', "not valid JSON")

    def test_rule_shape(self):
        doc = self.with_("documents", {"id": "doc2", "organization": "org",
                                       "title": {"en": "T"},
                                       "entry_into_force": {"rule": "threshold"}})
        self.refused(doc, "$.documents[1].entry_into_force", "conditions")
        doc = self.with_("documents", {"id": "doc3", "organization": "org",
                                       "title": {"en": "T"},
                                       "entry_into_force": {"rule": "threshold",
                                                            "conditions": [{"weight": "w",
                                                                            "at_least": 5}]}})
        self.refused(doc, "no weight \"w\"")

    def test_membership_interval(self):
        self.refused(self.with_("memberships", {"organization": "org", "party": "BLR",
                                                "kind": "member", "from": "2020-01-01",
                                                "to": "2019-01-01"}),
                     "$.memberships[0].to", "after")

    def test_effective_only_on_withdrawal(self):
        self.refused(self.with_("actions", {"document": "doc", "party": "RUS",
                                            "type": "ratification", "date": "2021-01-01",
                                            "effective": "2022-01-01"}),
                     "only a withdrawal")

    def test_all_or_nothing_across_files(self):
        good = self.write({"pacta": 1, "parties": [{"code": "KAZ", "kind": "state",
                                                     "name": {"en": "Kazakhstan"}}]}, "good.json")
        bad = self.write({"pacta": 1, "parties": [{"code": "kaz"}]}, "bad2.json")
        p = run(self.db, "load", good, bad, expect=1)
        self.assertIn("bad2.json", p.stderr)
        self.assertEqual(snapshot(self.db), self.before)

    def test_missing_file(self):
        p = run(self.db, "load", os.path.join(self.tmp.name, "absent.json"), expect=1)
        self.assertIn("absent.json", p.stderr)
        self.assertEqual(snapshot(self.db), self.before)


# The International Covenant on Civil and Political Rights: the United States'
# ratification and reservations of 1992-06-08 and the objections of Sweden
# (1993-06-18) and Finland (1993-09-28) to them, with the dates as the UN Treaty
# Collection lists them (chapter IV.4); the texts are abridged from the
# reservation and the objections, not quoted whole.
ICCPR = {
    "pacta": 1,
    "parties": [{"code": "USA", "kind": "state", "name": {"en": "United States of America"}},
                {"code": "SWE", "kind": "state", "name": {"en": "Sweden"}},
                {"code": "FIN", "kind": "state", "name": {"en": "Finland"}}],
    "organizations": [{"id": "un", "name": {"en": "United Nations"}}],
    "documents": [{"id": "iccpr", "organization": "un", "type": "treaty",
                   "title": {"en": "International Covenant on Civil and Political Rights",
                             "ru": "Международный пакт о гражданских и политических правах"},
                   "adopted": {"date": "1966-12-16", "place": "New York"},
                   "entry_into_force": {"rule": "threshold", "conditions": [{"count": 35}],
                                        "delay": {"months": 3}}}],
    "actions": [
        {"document": "iccpr", "party": "SWE", "type": "ratification", "date": "1971-12-06"},
        {"document": "iccpr", "party": "FIN", "type": "ratification", "date": "1975-08-19"},
        {"document": "iccpr", "party": "USA", "type": "signature", "date": "1977-10-05"},
        {"document": "iccpr", "party": "USA", "type": "ratification", "date": "1992-06-08"},
        {"document": "iccpr", "party": "USA", "type": "reservation", "date": "1992-06-08",
         "text": "That the United States reserves the right, subject to its Constitutional "
                 "constraints, to impose capital punishment on any person (other than a "
                 "pregnant woman) duly convicted under existing or future laws permitting the "
                 "imposition of capital punishment, including such punishment for crimes "
                 "committed by persons below eighteen years of age."},
        {"document": "iccpr", "party": "SWE", "type": "objection", "date": "1993-06-18",
         "text": "The Government of Sweden objects to the reservations made by the United "
                 "States of America, in particular on capital punishment for crimes committed "
                 "by persons below eighteen years of age.",
         "reservation": {"party": "USA", "date": "1992-06-08"}},
    ],
}
FIN_OBJECTION = {"document": "iccpr", "party": "FIN", "type": "objection", "date": "1993-09-28",
                 "text": "The Government of Finland objects to the reservation made by the "
                         "United States of America on capital punishment.",
                 "reservation": {"party": "USA", "date": "1992-06-08"}}


def write_json(d, name, doc):
    path = os.path.join(d, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    return path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_page(db, path):
    """GET path from 'pacta serve' on db: (status, body)."""
    port = free_port()
    proc = subprocess.Popen([PACTA, "--db", db, "serve", "--listen", f"127.0.0.1:{port}",
                             "--quiet"], stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)


class Objections(unittest.TestCase):
    """An objection names the reservation it objects to: {"party", "date"} of a
    reservation of the same document, in the load or the registry."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "r.db")
        run(self.db, "init")

    def tearDown(self):
        self.tmp.cleanup()

    def test_loads_exports_and_round_trips(self):
        run(self.db, "load", write_json(self.tmp.name, "iccpr.json", ICCPR))
        # The reservation is in the registry now: a later load may name it.
        run(self.db, "load", write_json(self.tmp.name, "fin.json",
                                        {"pacta": 1, "actions": [FIN_OBJECTION]}))
        export = run(self.db, "export").stdout
        actions = json.loads(export)["actions"]
        objections = {a["party"]: a for a in actions if a["type"] == "objection"}
        self.assertEqual(objections["SWE"]["reservation"], {"party": "USA", "date": "1992-06-08"})
        self.assertEqual(objections["FIN"]["reservation"], {"party": "USA", "date": "1992-06-08"})
        # Into a fresh registry and out again: the same bytes.
        db2 = os.path.join(self.tmp.name, "copy.db")
        run(db2, "init")
        run(db2, "load", write_json(self.tmp.name, "export.json", json.loads(export)))
        self.assertEqual(run(db2, "export").stdout, export)
        run(db2, "rebuild")
        self.assertEqual(run(db2, "export").stdout, export)
        # The actions as CSV: the reservation in two columns of its own.
        csv = run(self.db, "export", "--format", "csv").stdout.splitlines()
        self.assertTrue(csv[0].endswith(",note,reservation_party,reservation_date"), csv[0])
        self.assertIn("iccpr,SWE,objection,1993-06-18,", "\n".join(csv))
        self.assertTrue([line for line in csv if line.startswith("iccpr,SWE,objection,")][0]
                        .endswith(",USA,1992-06-08"))
        self.assertTrue([line for line in csv if line.startswith("iccpr,USA,ratification,")][0]
                        .endswith(",,"))

    def actions_more(self):
        con = sqlite3.connect(self.db)
        rows = con.execute("SELECT p.code, a.type, a.date, a.more FROM actions a "
                           "JOIN party p ON p.pid=a.pid ORDER BY 1, 2, 3").fetchall()
        con.close()
        return rows

    def test_actions_say_which_records_hold_more(self):
        """actions.more: the record holds a field its row does not (a text, a
        note...), so the page reads that record; the same from a load, from
        migration 11 of a registry made before it, and from a rebuild."""
        doc = json.loads(json.dumps(ICCPR))
        doc["actions"][0]["note"] = "Deposited in New York."
        doc["actions"][2]["subject_to_procedures"] = True
        run(self.db, "load", write_json(self.tmp.name, "iccpr.json", doc))
        more = {(r[0], r[1]): r[3] for r in self.actions_more()}
        self.assertEqual(more, {("SWE", 2): 1, ("FIN", 2): 0, ("USA", 0): 0, ("USA", 2): 0,
                                ("USA", 9): 1, ("SWE", 12): 1})
        rows = self.actions_more()
        st, page = get_page(self.db, "/documents/iccpr")
        self.assertIn("Deposited in New York.", page)
        # A registry from before the column (schema 10): migrated on open.
        con = sqlite3.connect(self.db)
        con.execute("ALTER TABLE actions DROP COLUMN more")
        con.execute("PRAGMA user_version=10")
        con.commit()
        con.close()
        self.assertEqual(get_page(self.db, "/documents/iccpr"), (st, page))
        self.assertEqual(self.actions_more(), rows)
        # Its version set back further: the column stays as it is.
        con = sqlite3.connect(self.db)
        con.execute("PRAGMA user_version=3")
        con.commit()
        con.close()
        run(self.db, "status", "iccpr")
        self.assertEqual(self.actions_more(), rows)
        run(self.db, "rebuild")
        self.assertEqual(self.actions_more(), rows)

    def test_the_page_links_objection_and_reservation(self):
        run(self.db, "load", write_json(self.tmp.name, "iccpr.json", ICCPR))
        st, page = get_page(self.db, "/documents/iccpr")
        self.assertEqual(st, 200)
        # The objection says which reservation, linked to it; the reservation lists
        # the objections to it, linked back.
        self.assertIn('<div id="SWE-objection-1993-06-18">', page)
        self.assertIn('to <a href="#USA-reservation-1992-06-08">United States of America&#39;s '
                      'reservation of <time datetime="1992-06-08">8 June 1992</time></a>', page)
        self.assertIn('<div id="USA-reservation-1992-06-08">', page)
        self.assertIn('Objected to by <a href="#SWE-objection-1993-06-18">Sweden</a>', page)
        # On a date before the objection, the reservation has none yet.
        st, page = get_page(self.db, "/documents/iccpr?on=1993-01-01")
        self.assertIn('<div id="USA-reservation-1992-06-08">', page)
        self.assertNotIn("Objected to by", page)

    def refused(self, doc, *fragments):
        before = snapshot(self.db)
        p = run(self.db, "load", write_json(self.tmp.name, "bad.json", doc), expect=1)
        for frag in ("bad.json", "nothing was loaded") + fragments:
            self.assertIn(frag, p.stderr)
        self.assertEqual(snapshot(self.db), before, "registry changed")
        return p.stderr

    def with_objection(self, **changes):
        doc = json.loads(json.dumps(ICCPR))
        doc["actions"][-1].update(changes)
        return doc

    def test_errors_name_the_path(self):
        at = "$.actions[5].reservation"
        # No such reservation: not in this load, not in the registry.
        self.refused(self.with_objection(reservation={"party": "USA", "date": "1992-06-09"}),
                     f"bad.json: {at}: unknown action \"iccpr|USA|reservation|1992-06-09\"")
        self.refused({"pacta": 1, "actions": [FIN_OBJECTION]},
                     "$.actions[0].reservation: unknown action "
                     "\"iccpr|USA|reservation|1992-06-08\"")
        # Only an objection names a reservation.
        self.refused(self.with_objection(type="declaration"),
                     f"{at}: only an objection names the reservation it objects to")
        # Its own reservation; a reservation made after the objection.
        self.refused(self.with_objection(reservation={"party": "SWE", "date": "1992-06-08"}),
                     f"{at}.party: a party does not object to its own reservation")
        self.refused(self.with_objection(date="1991-01-01"),
                     f"{at}.date: an objection (1991-01-01) cannot precede the reservation")
        # The shape: both keys, a code and a real date, nothing else.
        self.refused(self.with_objection(reservation={"party": "USA"}),
                     f"{at}: missing required key \"date\"")
        self.refused(self.with_objection(reservation={"party": "usa", "date": "1992-06-08"}),
                     f"{at}.party: expected a party code")
        self.refused(self.with_objection(reservation={"party": "USA", "date": "1992-02-30"}),
                     f"{at}.date: expected a real date")
        self.refused(self.with_objection(reservation={"party": "USA", "date": "1992-06-08",
                                                      "article": 6}),
                     f"{at}.article: unknown key")
        self.refused(self.with_objection(reservation="USA 1992-06-08"),
                     f"{at}: expected an object")


class DocumentText(unittest.TestCase):
    """A document's full text: a language map like its title (docs/search.md)."""

    TEXT = {"en": "Article 1. 1. All peoples have the right of self-determination.",
            "ru": "Статья 1. 1. Все народы имеют право на самоопределение."}

    def test_round_trip_and_errors(self):
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            run(db, "init")
            doc = json.loads(json.dumps(ICCPR))
            doc["documents"][0]["text"] = self.TEXT
            run(db, "load", write_json(d, "iccpr.json", doc))
            export = run(db, "export").stdout
            self.assertEqual(json.loads(export)["documents"][0]["text"], self.TEXT)
            self.assertEqual(run_json(db, "show", "document", "iccpr")["text"], self.TEXT)
            db2 = os.path.join(d, "copy.db")
            run(db2, "init")
            run(db2, "load", write_json(d, "export.json", json.loads(export)))
            self.assertEqual(run(db2, "export").stdout, export)
            before = snapshot(db)
            for text, path, message in [
                    ("Article 1.", "$.documents[0].text", "expected an object of names by "
                                                          "language"),
                    ({}, "$.documents[0].text", "expected an object"),
                    ({"EN": "Article 1."}, "$.documents[0].text.EN", "expected a language code"),
                    ({"en": ""}, "$.documents[0].text.en", "expected a non-empty string"),
                    ({"en": ["Article 1."]}, "$.documents[0].text.en", "expected a non-empty "
                                                                       "string, got an array")]:
                with self.subTest(text=text):
                    bad = json.loads(json.dumps(doc))
                    bad["documents"][0]["text"] = text
                    p = run(db, "load", write_json(d, "bad.json", bad), expect=1)
                    self.assertIn(f"bad.json: {path}: {message}", p.stderr)
                    self.assertEqual(snapshot(db), before)


class Retract(unittest.TestCase):
    def test_retract_refuses_dangling_references(self):
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            run(db, "init", "--sample")
            before = snapshot(db)
            p = run(db, "retract", "party", "ARM", expect=1)
            self.assertIn("still referred to", p.stderr)
            p = run(db, "retract", "organization", "cis", expect=1)
            self.assertIn("still referred to", p.stderr)
            run(db, "retract", "party", "XXX", expect=1)
            self.assertEqual(snapshot(db), before)
            # A leaf entity can go; the journal keeps both entries.
            key = "cis-agr-dtkt-997-747|UKR|ratification|1999-09-14"
            out = run_json(db, "retract", "action", key)
            status = run_json(db, "status", "cis-agr-dtkt-997-747", "--on", "2026-01-01")
            self.assertNotIn("UKR", [p["party"] for p in status["parties"]])
            entries = run_json(db, "journal", "--after", str(out["journal"] - 1))["entries"]
            self.assertEqual((entries[0]["op"], entries[0]["key"]), ("retract", key))
            # Rebuild gives the same answer after a retraction.
            run(db, "rebuild")
            self.assertEqual(run_json(db, "status", "cis-agr-dtkt-997-747", "--on", "2026-01-01"),
                             status)


class Usage(unittest.TestCase):
    def test_usage_errors_exit_2(self):
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            run(db, "init")
            run(db, "members", expect=2)
            run(db, "members", "org", "--on", "2023-02-30", expect=2)
            run(db, "chair", "org", "--year", "abc", expect=2)
            run(db, "frobnicate", expect=2)
            run(db, "status", "x", "--bogus", expect=2)
            # submissions accept --date: the date of deposit read as every date flag is (it was
            # refused by the registry, exit 1, "date: expected the date of deposit").
            p = run(db, "submissions", "accept", "1", "--date", "2023-02-30", expect=2)
            self.assertIn('--date: expected a real date YYYY-MM-DD, got "2023-02-30"', p.stderr)
            self.assertIn("usage: pacta submissions", p.stderr)
            p = run(db, "members", "nope", "--json", expect=1)
            self.assertIn("unknown organization", p.stderr)
            run(os.path.join(d, "absent.db"), "members", "cis", expect=1)

    def test_what_is_not_a_registry(self):
        # An empty file or another program's SQLite database was made a registry by any
        # command (its tables added, exit 0); a directory said "unable to open database file".
        with tempfile.TemporaryDirectory() as d:
            empty = os.path.join(d, "empty.db")
            open(empty, "w").close()
            other = os.path.join(d, "other.db")
            with sqlite3.connect(other) as c:
                c.execute("CREATE TABLE notes(text)")
            text = os.path.join(d, "notes.txt")
            with open(text, "w") as f:
                f.write("not a database\n" * 100)
            for path in (empty, other, text):
                for args in (["list", "parties"], ["members", "cis"], ["search", "x"],
                             ["report", "document", "x"], ["log", "root"], ["token", "list"]):
                    with self.subTest(path=path, args=args):
                        p = run(path, *args, expect=1)
                        self.assertEqual(p.stderr,
                                         f"pacta: {path}: not a pacta registry (pass --db FILE)\n")
            self.assertEqual(os.path.getsize(empty), 0)
            with sqlite3.connect(other) as c:
                self.assertEqual(c.execute("SELECT count(*) FROM sqlite_master").fetchone(), (1,))
            p = run(d, "list", "parties", expect=1)
            self.assertEqual(p.stderr, f"pacta: {d}: a directory, not a registry (pass --db FILE)\n")
            p = run(os.path.join(d, "absent.db"), "list", "parties", expect=1)
            self.assertIn("no registry here", p.stderr)

    def test_search_flags_read_strictly(self):
        # search took "--limit 5x" as 5, "--offset -5" and "--offset abc" as 0 (exit 0), and
        # said "--from: expected YYYY-MM-DD" without the value; now as journal's flags.
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            run(db, "init", "--sample")
            for flag, value, lo, hi in [("--limit", "5x", 1, 1000), ("--limit", "0", 1, 1000),
                                        ("--limit", "1001", 1, 1000),
                                        ("--offset", "-5", 0, 100000),
                                        ("--offset", "abc", 0, 100000),
                                        ("--offset", "100001", 0, 100000)]:
                with self.subTest(flag=flag, value=value):
                    p = run(db, "search", "treaty", flag, value, expect=2)
                    self.assertIn(f'{flag}: expected a whole number from {lo} to {hi}, '
                                  f'got "{value}"', p.stderr)
                    self.assertIn("usage: pacta search", p.stderr)
            p = run(db, "search", "treaty", "--from", "2023-02-30", expect=2)
            self.assertIn('--from: expected a real date YYYY-MM-DD, got "2023-02-30"', p.stderr)
            self.assertEqual(len(run_json(db, "search", "treaty", "--limit", "2")["results"]), 2)

    @unittest.skipUnless(os.path.exists("/dev/full"), "no /dev/full")
    def test_output_that_cannot_be_written(self):
        # 'pacta export > FILE' on a full disk exited 0 with a cut export: a backup script
        # could not tell. Now exit 1, saying so.
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            run(db, "init", "--sample")
            for args in (["export"], ["list", "parties"], ["status", "--all", "--json"]):
                with open("/dev/full", "w") as full:
                    p = subprocess.run([PACTA, "--db", db, *args], stdout=full,
                                       stderr=subprocess.PIPE, text=True)
                self.assertEqual(p.returncode, 1, args)
                self.assertRegex(p.stderr, r"^pacta: standard output: (cannot write: No space "
                                           r"left on device|a write failed; what was written "
                                           r"is incomplete)\n$", args)

    def test_org_filter_of_an_unknown_organization(self):
        # 'list KIND --org nato' printed an empty table and 'export --org cis' ignored --org
        # (the whole registry, exit 0); now as 'members nato' and a usage error.
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            run(db, "init", "--sample")
            for args in (["list", "actions", "--org", "nato"],
                         ["export", "--format", "ics", "--org", "nato"]):
                p = run(db, *args, expect=1)
                self.assertEqual(p.stderr, 'pacta: unknown organization "nato"\n', args)
                self.assertEqual(p.stdout, "", args)
            for fmt in ("json", "csv"):
                p = run(db, "export", "--format", fmt, "--org", "cis", expect=2)
                self.assertIn("--org goes with --format ics", p.stderr)
            self.assertIn("BEGIN:VCALENDAR", run(db, "export", "--format", "ics", "--org",
                                                 "cis").stdout)
            self.assertTrue(run_json(db, "list", "documents", "--org", "cis")["documents"])

    def test_key_names_its_subcommand(self):
        # 'pacta key foo' said "missing argument"; the subcommand is what is wrong.
        with tempfile.TemporaryDirectory() as d:
            p = run(os.path.join(d, "r.db"), "key", "foo", expect=2)
            self.assertIn('pacta: expected generate, got "foo"\nusage: pacta key generate',
                          p.stderr)
            p = run(os.path.join(d, "r.db"), "key", "generate", expect=2)
            self.assertIn("pacta: missing argument\n", p.stderr)

    def test_unknown_kind_names_the_kinds(self):
        # 'list' named the kinds it takes; 'show' and 'retract' said only "unknown kind".
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            run(db, "init")
            said = {args[0]: run(db, *args, expect=2).stderr.splitlines()[0]
                    for args in (["list", "treaty"], ["show", "treaty", "x"],
                                 ["retract", "treaty", "x"])}
            for cmd, line in said.items():
                self.assertEqual(line, 'pacta: unknown kind "treaty" (expected parties, '
                                       'organizations, bodies, memberships, chairmanships, '
                                       'documents, sessions, actions, commitments, assessments)',
                                 cmd)

    def test_json_only_where_the_answer_is_json(self):
        # '--json prints exactly one JSON document' (README): 'export --format csv --json' and
        # 'minutes SESSION --json' printed CSV and HTML, exit 0. Now usage errors, as report's.
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            run(db, "init", "--sample")
            for args, said in ((["export", "--format", "csv"], "--json goes with --format json"),
                               (["export", "--format", "ics"], "--json goes with --format json"),
                               (["minutes", "cis-chs-2020-12-18"], "not JSON")):
                p = run(db, *args, "--json", expect=2)
                self.assertEqual(p.stdout, "", args)
                self.assertIn(said, p.stderr, args)
            self.assertEqual(run_json(db, "export")["pacta"], 1)
            self.assertEqual(run_json(db, "show", "session", "cis-chs-2020-12-18")["id"],
                             "cis-chs-2020-12-18")

    def test_global_option_without_its_value(self):
        # 'pacta --db' (its value forgotten) said "unknown option --db".
        for flag in ("--db", "--actor", "--lang"):
            p = subprocess.run([PACTA, flag], capture_output=True, text=True)
            self.assertEqual((p.returncode, p.stderr), (2, f"pacta: option {flag} needs a value\n"))

    def test_load_of_a_directory_without_csv(self):
        # 'load DIR' of an empty directory, or of one holding no CSV, said "loaded 0 new
        # journal entries", exit 0, as if the export had been loaded.
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            run(db, "init")
            empty = os.path.join(d, "empty")
            os.mkdir(empty)
            wrong = os.path.join(d, "wrong")
            os.mkdir(wrong)
            with open(os.path.join(wrong, "notes.txt"), "w") as f:
                f.write("x\n")
            for path in (empty, wrong):
                p = run(db, "load", path, expect=1)
                self.assertEqual(p.stdout, "")
                self.assertIn(f"{path}: no CSV file in this directory", p.stderr)
                self.assertIn("nothing was loaded", p.stderr)
            out = os.path.join(d, "csv")
            sample = os.path.join(d, "s.db")
            run(sample, "init", "--sample")
            run(sample, "export", "--format", "csv", "--out", out)
            self.assertIn("loaded", run(db, "load", out).stdout)

    def test_delegate_token_of_an_unknown_party(self):
        # A delegate token for a party code the registry does not know was made (exit 0),
        # and every submission under it refused; now refused as any unknown party is.
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            run(db, "init", "--sample")
            p = run(db, "token", "create", "--role", "delegate", "--party", "ZZZ", "--name",
                    "zz", expect=1)
            self.assertEqual(p.stderr, 'pacta: unknown party "ZZZ"; no token was made\n')
            self.assertEqual(run_json(db, "token", "list")["tokens"], [])
            run(db, "token", "create", "--role", "delegate", "--party", "zz", "--name", "zz",
                expect=2)
            run(db, "token", "create", "--role", "delegate", "--party", "ARM", "--name", "arm")

    def test_journal_ranges_as_the_api(self):
        # GET /api/v1/journal answers 400 for after=-1 and limit=0; the
        # command line read them (an empty list) until issue 12.
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            run(db, "init", "--sample")
            for flag, value, lo, hi in [("--after", "-1", 0, 1 << 62),
                                        ("--after", "x", 0, 1 << 62),
                                        ("--after", "", 0, 1 << 62),
                                        ("--after", str((1 << 62) + 1), 0, 1 << 62),
                                        ("--limit", "0", 1, 1 << 62),
                                        ("--limit", "-5", 1, 1 << 62),
                                        ("--limit", "10abc", 1, 1 << 62),
                                        ("--limit", "99999999999999999999", 1, 1 << 62)]:
                with self.subTest(flag=flag, value=value):
                    p = run(db, "journal", flag, value, "--json", expect=2)
                    self.assertEqual(p.stdout, "")
                    self.assertIn(f"{flag}: expected a whole number from {lo} to {hi}", p.stderr)
                    self.assertIn(f'got "{value}"', p.stderr)
                    self.assertIn("usage: pacta journal", p.stderr)
            self.assertEqual(len(run_json(db, "journal", "--after", "0", "--limit", "1")["entries"]),
                             1)
            # No cap of 1000 here: the command line reads a whole journal.
            entries = run_json(db, "journal", "--limit", "1000000")["entries"]
            self.assertGreater(len(entries), 50)
            last = len(entries)
            self.assertEqual([e["seq"] for e in entries], list(range(last, 0, -1)))
            p = run(db, "journal", "--reverse=yes", expect=2)
            self.assertIn("usage: pacta journal", p.stderr)

    def test_journal_latest_first_and_after(self):
        # --limit N: the latest N, newest first (as git log -n); --reverse: oldest first.
        # --after SEQ: the first N after SEQ (the API's page), newest first as well.
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            run(db, "init", "--sample")

            def seqs(*args):
                return [e["seq"] for e in run_json(db, "journal", *args)["entries"]]

            last = seqs("--limit", "1")[0]
            self.assertGreater(last, 60)
            self.assertEqual(seqs(), list(range(last, last - 50, -1)))
            self.assertEqual(seqs("--limit", "3"), [last, last - 1, last - 2])
            self.assertEqual(seqs("--limit", "3", "--reverse"), [last - 2, last - 1, last])
            self.assertEqual(seqs("--reverse", "--limit", str(last + 5)),
                             list(range(1, last + 1)))
            self.assertEqual(seqs("--after", "2", "--limit", "3"), [5, 4, 3])
            self.assertEqual(seqs("--after", "2", "--limit", "3", "--reverse"), [3, 4, 5])
            self.assertEqual(seqs("--after", str(last - 2), "--limit", "50"), [last, last - 1])
            self.assertEqual(seqs("--after", str(last)), [])
            self.assertEqual(seqs("--after", "10"), list(range(60, 10, -1)))
            # A retraction is the newest entry.
            run(db, "retract", "action", "cis-agr-dtkt-997-747|UKR|ratification|1999-09-14")
            e = run_json(db, "journal", "--limit", "1")["entries"][0]
            self.assertEqual((e["seq"], e["op"]), (last + 1, "retract"))
            # The table: newest first too.
            rows = run(db, "journal", "--limit", "2").stdout.splitlines()
            self.assertEqual([r.split()[0] for r in rows[2:]], [str(last + 1), str(last)])
            # --after SEQ --limit N --reverse is GET /api/v1/journal?after=SEQ&limit=N.
            st, body = get_page(db, "/api/v1/journal?after=2&limit=3")
            self.assertEqual(st, 200)
            self.assertEqual(json.loads(body)["entries"],
                             run_json(db, "journal", "--after", "2", "--limit", "3",
                                      "--reverse")["entries"])

    def test_help_and_version(self):
        p = subprocess.run([PACTA, "help"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0)
        for cmd in ["init", "load", "export", "members", "chair", "status", "rebuild"]:
            self.assertIn(cmd, p.stdout)
        p = subprocess.run([PACTA, "help", "status"], capture_output=True, text=True)
        self.assertIn("usage: pacta status", p.stdout)
        p = subprocess.run([PACTA, "--version"], capture_output=True, text=True)
        self.assertTrue(p.stdout.startswith("pacta "))


if __name__ == "__main__":
    PACTA = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)
