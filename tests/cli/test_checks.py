#!/usr/bin/env python3
"""The consistency checks (issue 13): each error refuses the write through `pacta load`, the
API and `pacta ingest --load`, with the registry unchanged (its export compared byte for byte)
and the message naming record, field and the other record; each warning lets the write through
and is reported; `pacta check` over the whole registry.

The cases are real records of the bundled sample (the CSTO Charter adopted 2002-10-07, the
Collective Security Treaty of 1992 and the withdrawals of Azerbaijan, Georgia and Uzbekistan in
1999, the CIS Council of Heads of State of 18 December 2020 and its commitments) with one fact
made wrong. "Today" is fixed with PACTA_TODAY.

    python3 tests/cli/test_checks.py path/to/pacta
"""
import json
import os
import re
import sys
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pactatest  # noqa: E402
from pactatest import TODAY, sample, serve, stop, token  # noqa: E402


def run(db, *args, expect=None, **kw):
    return pactatest.run(db, *args, expect=expect, **kw)


ACTION = {"document": "csto-charter", "party": "ARM", "type": "ratification"}


class Checks(unittest.TestCase):
    def setUp(self):
        self.tmp, self.db = sample()

    def tearDown(self):
        self.tmp.cleanup()

    def export(self):
        return run(self.db, "export", expect=0).stdout

    def load(self, doc, **kw):
        path = os.path.join(self.tmp.name, "in.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(dict({"pacta": 1}, **doc), f)
        return run(self.db, "load", path, **kw)

    def refused(self, doc, code, *fragments, today=TODAY, where="in.json: $."):
        """The load is refused with the check's code and the fragments; nothing changes.
        A record's own contradiction (to before from) is found as the file is read, the
        others once it is written (then rolled back): both name the check's code."""
        before = self.export()
        p = self.load(doc, today=today)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn(f"[{code}]", p.stderr)
        self.assertIn(where, p.stderr)  # where: the place in the file, or "registry"
        for frag in fragments:
            self.assertIn(frag, p.stderr)
        self.assertIn("nothing was loaded", p.stderr)
        self.assertEqual(self.export(), before, "the registry changed")
        return p.stderr

    def warned(self, doc, code, *fragments):
        """The load goes through and reports the warning (also in --json)."""
        p = self.load(doc)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn(f"warning [{code}]", p.stderr)
        for frag in fragments:
            self.assertIn(frag, p.stderr)
        return p.stderr

    # ---- errors ----------------------------------------------------------------------------

    def test_action_before_adoption(self):
        # The CSTO Charter was adopted on 2002-10-07: a ratification in 2001 cannot be.
        self.refused({"actions": [dict(ACTION, date="2001-05-01")]}, "action.before_adoption",
                     "action csto-charter|ARM|ratification|2001-05-01: date:",
                     "document csto-charter was adopted (2002-10-07)")
        # A signature on the day of adoption is fine.
        p = self.load({"actions": [{"document": "csto-charter", "party": "ARM",
                                    "type": "signature", "date": "2002-10-07"}]})
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_action_after_today(self):
        self.refused({"actions": [dict(ACTION, type="declaration", date="2027-01-15",
                                       text="A declaration not yet made")]},
                     "action.future_date", "date: 2027-01-15 is after today (2026-12-04)")
        # The same record on a later "today" loads.
        p = self.load({"actions": [dict(ACTION, type="declaration", date="2027-01-15",
                                        text="A declaration not yet made")]}, today="2027-02-01")
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_withdrawal_without_consent(self):
        # Turkmenistan never became a party to the Collective Security Treaty.
        self.refused({"actions": [{"document": "csto-cst-1992", "party": "TKM",
                                   "type": "withdrawal", "date": "2005-08-26"}]},
                     "withdrawal.without_consent",
                     "TKM withdraws from document csto-cst-1992 without a consent")

    def test_withdrawal_effective_before_notice(self):
        # Uzbekistan's notice of 1999: an effective date before the notice.
        stderr = self.refused({"actions": [{"document": "csto-cst-1992", "party": "UZB",
                                            "type": "withdrawal", "date": "1999-04-20",
                                            "effective": "1999-01-01"}]},
                              "withdrawal.effective_before_notice",
                              "$.actions[0].effective: a withdrawal cannot take effect before")

    def test_membership_to_before_from(self):
        self.refused({"memberships": [{"organization": "csto", "party": "UZB", "kind": "member",
                                       "from": "2006-08-17", "to": "2006-01-01"}]},
                     "membership.to_before_from", "$.memberships[0].to: must be after")

    def test_membership_overlap(self):
        # Armenia's CSTO membership runs from 2002-10-07 with no end: a second interval
        # from 2010 overlaps it.
        self.refused({"memberships": [{"organization": "csto", "party": "ARM", "kind": "member",
                                       "from": "2010-01-01", "to": "2012-01-01"}]},
                     "membership.overlap", "membership csto|ARM|2010-01-01",
                     "overlaps membership csto|ARM|2002-10-07")

    def test_assessment_before_session(self):
        # The commitment came from the session of 18 December 2020.
        self.refused({"assessments": [{"commitment": "cis-2020-concept.digital", "party": "KAZ",
                                       "score": 1, "date": "2020-06-30", "status": "reviewed"}]},
                     "assessment.before_session",
                     "is before session cis-chs-2020-12-18 (2020-12-18)")

    def test_assessment_after_today(self):
        self.refused({"assessments": [{"commitment": "cis-2020-concept.digital", "party": "KAZ",
                                       "score": 1, "date": "2027-06-30", "status": "reviewed"}]},
                     "assessment.future_date", "date: 2027-06-30 is after today")

    def test_attendance_after_today(self):
        self.refused({"sessions": [{"id": "csto-cfm-2027-03-20", "body": "csto-cfm",
                                    "date": "2027-03-20", "place": "Minsk",
                                    "format": "in_person",
                                    "attendance": [{"party": "BLR", "status": "present"}]}]},
                     "session.future_attendance", "recorded for a session on 2027-03-20")
        # A session planned for that date, with no attendance yet, loads.
        p = self.load({"sessions": [{"id": "csto-cfm-2027-03-20", "body": "csto-cfm",
                                     "date": "2027-03-20", "place": "Minsk",
                                     "format": "in_person"}]})
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_document_adopted_after_today(self):
        self.refused({"documents": [{"id": "csto-future", "organization": "csto",
                                     "title": {"en": "A treaty not yet adopted"},
                                     "adopted": {"date": "2027-05-01"}}]},
                     "document.future_adoption", "adopted.date: 2027-05-01 is after today")

    def test_a_change_that_breaks_records_that_depend_on_it(self):
        # Moving the CSTO Charter's adoption to 2003 would put the ratifications of 2003 and
        # before it: refused, and the message names an action that depends on it.
        doc = json.loads(self.export())
        charter = next(d for d in doc["documents"] if d["id"] == "csto-charter")
        charter["adopted"]["date"] = "2003-12-31"
        self.refused({"documents": [charter]}, "action.before_adoption",
                     "registry: error [action.before_adoption] action csto-charter|ARM|",
                     "is before document csto-charter was adopted (2003-12-31)",
                     where="registry: ")

    def test_retracting_a_consent_that_a_withdrawal_rests_on(self):
        # Uzbekistan withdrew from the Collective Security Treaty in 1999: its consent cannot
        # be retracted while the withdrawal stands.
        doc = json.loads(self.export())
        consent = [a for a in doc["actions"] if a["document"] == "csto-cst-1992" and
                   a["party"] == "UZB" and a["type"] not in ("signature", "withdrawal")]
        self.assertTrue(consent, "the sample records Uzbekistan's consent")
        before = self.export()
        for a in consent:
            key = "|".join((a["document"], a["party"], a["type"], a["date"]))
            p = run(self.db, "retract", "action", key)
            if p.returncode == 0:
                continue  # another consent still carries the withdrawal
            self.assertIn("error [withdrawal.without_consent]", p.stderr)
            self.assertIn("nothing was retracted", p.stderr)
            break
        else:
            self.fail("every consent of UZB retracted under its withdrawal")
        self.assertNotEqual(p.returncode, 0)

    def test_retracting_a_reservation_objected_to(self):
        # The US reservation to the ICCPR of 1992-06-08 and Sweden's objection of 1993-06-18
        # (UN Treaty Collection, chapter IV.4; texts left out).
        self.load({"parties": [{"code": "USA", "kind": "state",
                                "name": {"en": "United States of America"}},
                               {"code": "SWE", "kind": "state", "name": {"en": "Sweden"}}],
                   "organizations": [{"id": "un", "name": {"en": "United Nations"}}],
                   "documents": [{"id": "iccpr", "organization": "un", "type": "treaty",
                                  "title": {"en": "International Covenant on Civil and "
                                                  "Political Rights"},
                                  "adopted": {"date": "1966-12-16"}}],
                   "actions": [{"document": "iccpr", "party": "USA", "type": "reservation",
                                "date": "1992-06-08", "text": "capital punishment"},
                               {"document": "iccpr", "party": "SWE", "type": "objection",
                                "date": "1993-06-18", "text": "objects",
                                "reservation": {"party": "USA", "date": "1992-06-08"}}]}
                  ).check_returncode()
        before = self.export()
        p = run(self.db, "retract", "action", "iccpr|USA|reservation|1992-06-08")
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("error [objection.reservation_missing] action "
                      "iccpr|SWE|objection|1993-06-18: reservation: objects to reservation "
                      "iccpr|USA|reservation|1992-06-08, which is not recorded", p.stderr)
        self.assertEqual(self.export(), before)
        # Once the objection is retracted, the reservation may be.
        run(self.db, "retract", "action", "iccpr|SWE|objection|1993-06-18", expect=0)
        run(self.db, "retract", "action", "iccpr|USA|reservation|1992-06-08", expect=0)

    def test_retracting_what_others_refer_to(self):
        before = self.export()
        p = run(self.db, "retract", "party", "ARM")
        self.assertEqual(p.returncode, 1)
        self.assertIn("error [retraction.referenced] party ARM: still referred to by", p.stderr)
        self.assertEqual(self.export(), before)

    # ---- warnings --------------------------------------------------------------------------

    def test_consent_by_a_non_member(self):
        # Serbia is not a member of the CSTO: its accession loads, with a warning.
        self.load({"parties": [{"code": "SRB", "kind": "state", "name": {"en": "Serbia"}}]},
                  ).check_returncode()
        stderr = self.warned({"actions": [{"document": "csto-charter", "party": "SRB",
                                           "type": "accession", "date": "2013-04-11"}]},
                             "action.consent_by_non_member",
                             "SRB was not a member of csto on 2013-04-11")
        self.assertIn("loaded", self.load({"actions": []}).stdout)
        self.assertIn("SRB", self.export())

    def test_attendance_of_a_non_member(self):
        p = self.load({"parties": [{"code": "SRB", "kind": "state", "name": {"en": "Serbia"}}]})
        p.check_returncode()
        self.warned({"sessions": [{"id": "csto-cfm-2024-11-27", "body": "csto-cfm",
                                   "date": "2024-11-27", "place": "Nesvizh",
                                   "format": "in_person",
                                   "attendance": [{"party": "BLR", "status": "present"},
                                                  {"party": "SRB", "status": "present"},
                                                  {"party": "ARM", "status": "absent"}]}]},
                    "attendance.non_member", "SRB is recorded present but was not a member")

    def test_membership_and_charter_disagree(self):
        # A notice of withdrawal from the CIS Charter by Azerbaijan (invented for the test):
        # in effect after 12 months, while its membership of the CIS is recorded open.
        p = self.load({"actions": [{"document": "cis-charter", "party": "AZE",
                                    "type": "withdrawal", "date": "2024-01-10"}]})
        self.assertEqual(p.returncode, 0, p.stderr)
        findings = json.loads(run(self.db, "check", "--json", expect=0).stdout)["findings"]
        mine = [f for f in findings if f["code"] == "membership.charter_status"]
        self.assertEqual(len(mine), 1, findings)
        self.assertTrue(mine[0]["key"].startswith("cis|AZE|"), mine[0])
        self.assertIn("today its charter cis-charter shows it withdrawn", mine[0]["message"])

    def test_warnings_in_json(self):
        p = self.load({"parties": [{"code": "SRB", "kind": "state", "name": {"en": "Serbia"}}]})
        p.check_returncode()
        path = os.path.join(self.tmp.name, "w.json")
        with open(path, "w") as f:
            json.dump({"pacta": 1, "actions": [{"document": "csto-charter", "party": "SRB",
                                                "type": "accession", "date": "2013-04-11"}]}, f)
        out = json.loads(run(self.db, "load", path, "--json", expect=0).stdout)
        self.assertEqual(out["loaded"], 1)
        self.assertEqual([w["code"] for w in out["warnings"]], ["action.consent_by_non_member"])
        self.assertEqual(out["warnings"][0]["key"], "csto-charter|SRB|accession|2013-04-11")

    # ---- pacta check --------------------------------------------------------------------------

    def test_check_on_the_sample_finds_no_error(self):
        p = run(self.db, "check", "--json", expect=0)
        findings = json.loads(p.stdout)["findings"]
        self.assertEqual([f for f in findings if f["severity"] == "error"], [])
        for f in findings:
            self.assertEqual(set(f), {"code", "severity", "message", "kind", "key", "field"})

    def test_check_reports_what_was_loaded_under_another_today(self):
        # Loaded when "today" was 2027-02-01; checked on 2026-12-04 the action is in the future.
        p = self.load({"actions": [dict(ACTION, type="declaration", date="2027-01-15",
                                        text="x")]}, today="2027-02-01")
        self.assertEqual(p.returncode, 0, p.stderr)
        p = run(self.db, "check", "--json")
        self.assertEqual(p.returncode, 1)
        codes = [f["code"] for f in json.loads(p.stdout)["findings"] if f["severity"] == "error"]
        self.assertEqual(codes, ["action.future_date"])
        # An old error does not block an unrelated write...
        p = self.load({"parties": [{"code": "SRB", "kind": "state", "name": {"en": "Serbia"}}]})
        self.assertEqual(p.returncode, 0, p.stderr)
        # ... nor a write that depends on the record, where it is said to be old.
        doc = json.loads(self.export())
        charter = next(d for d in doc["documents"] if d["id"] == "csto-charter")
        charter.setdefault("note", "")
        charter["note"] += " (checked)"
        p = self.load({"documents": [charter]})
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("in the registry before this write", p.stderr)

    def test_check_list(self):
        out = json.loads(run(self.db, "check", "--list", "--json", expect=0).stdout)["checks"]
        codes = {c["code"]: c["severity"] for c in out}
        for code in ("action.before_adoption", "action.future_date", "withdrawal.without_consent",
                     "withdrawal.effective_before_notice", "membership.overlap",
                     "membership.to_before_from", "assessment.before_session",
                     "retraction.referenced"):
            self.assertEqual(codes[code], "error", code)
        for code in ("action.consent_by_non_member", "attendance.non_member",
                     "chair.outside_rotation"):
            self.assertEqual(codes[code], "warning", code)

    def test_bad_today(self):
        p = run(self.db, "check", today="2026-13-01")
        self.assertEqual(p.returncode, 2)
        self.assertIn("PACTA_TODAY", p.stderr)

    # ---- ingest --load ----------------------------------------------------------------------

    def test_ingest_load_refused(self):
        release = os.path.join(self.tmp.name, "release.txt")
        with open(release, "w", encoding="utf-8") as f:
            f.write("The CSTO Council of Foreign Ministers met in Minsk on 20 March 2027. "
                    "The foreign ministers of Armenia, Belarus, Kazakhstan and Russia took "
                    "part.\n")
        before = self.export()
        p = run(self.db, "ingest", "--load", "--yes", release)
        self.assertNotEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("error [session.future_attendance]", p.stderr)
        self.assertEqual(self.export(), before)


class Api(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp, cls.db = sample()
        cls.token = token(cls.db, "--role", "depositary", "--name", "secretariat")
        cls.proc, cls.port = serve(cls.db)

    @classmethod
    def tearDownClass(cls):
        stop(cls.proc)
        cls.tmp.cleanup()

    def request(self, method, path, body=None):
        status, _, raw = pactatest.api(self.port, method, path, body, self.token)
        return status, json.loads(raw)

    def test_error_is_409_and_changes_nothing(self):
        before = run(self.db, "export", expect=0).stdout
        status, body = self.request("POST", "/api/v1/actions", dict(ACTION, date="2001-05-01"))
        self.assertEqual(status, 409, body)
        self.assertEqual(body["error"]["code"], "inconsistent")
        self.assertIn("action.before_adoption", body["error"]["message"])
        self.assertEqual(body["error"]["findings"][0]["field"], "date")
        status, body = self.request("DELETE", "/api/v1/parties/ARM")
        self.assertEqual(status, 409, body)
        self.assertEqual(body["error"]["findings"][0]["code"], "retraction.referenced")
        self.assertEqual(run(self.db, "export", expect=0).stdout, before)

    def test_each_error_through_the_api(self):
        cases = [
            ("actions", dict(ACTION, date="2001-05-01"), "action.before_adoption"),
            ("actions", dict(ACTION, type="declaration", date="2027-01-15", text="x"),
             "action.future_date"),
            ("actions", {"document": "csto-cst-1992", "party": "TKM", "type": "withdrawal",
                         "date": "2005-08-26"}, "withdrawal.without_consent"),
            ("memberships", {"organization": "csto", "party": "ARM", "kind": "member",
                             "from": "2010-01-01", "to": "2012-01-01"}, "membership.overlap"),
            ("assessments", {"commitment": "cis-2020-concept.digital", "party": "KAZ",
                             "score": 1, "date": "2020-06-30", "status": "reviewed"},
             "assessment.before_session"),
            ("assessments", {"commitment": "cis-2020-concept.digital", "party": "KAZ",
                             "score": 1, "date": "2027-06-30", "status": "reviewed"},
             "assessment.future_date"),
            ("sessions", {"id": "csto-cfm-2027-03-20", "body": "csto-cfm", "date": "2027-03-20",
                          "format": "in_person",
                          "attendance": [{"party": "BLR", "status": "present"}]},
             "session.future_attendance"),
            ("documents", {"id": "csto-future", "organization": "csto",
                           "title": {"en": "A treaty not yet adopted"},
                           "adopted": {"date": "2027-05-01"}}, "document.future_adoption"),
        ]
        before = run(self.db, "export", expect=0).stdout
        for section, record, code in cases:
            with self.subTest(code=code):
                status, body = self.request("POST", "/api/v1/" + section, record)
                self.assertEqual(status, 409, body)
                self.assertEqual([f["code"] for f in body["error"]["findings"]
                                  if f["severity"] == "error"], [code])
        self.assertEqual(run(self.db, "export", expect=0).stdout, before)

    def test_warning_is_returned(self):
        status, body = self.request("POST", "/api/v1/parties",
                                    {"code": "MNE", "kind": "state", "name": {"en": "Montenegro"}})
        self.assertIn(status, (200, 201), body)
        status, body = self.request("POST", "/api/v1/actions",
                                    {"document": "csto-charter", "party": "MNE",
                                     "type": "accession", "date": "2015-01-01"})
        self.assertEqual(status, 201, body)
        self.assertEqual([w["code"] for w in body["warnings"]], ["action.consent_by_non_member"])

    def page(self, path, session=None):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}")
        if session:
            req.add_header("Cookie", "pacta_session=" + session)
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.read().decode()

    def sign_in(self):
        """A signed-in session of the depositary's token (pages_login.c)."""
        _, cookie, _ = pactatest.sign_in(self.port, self.token)
        return re.search(r"pacta_session=([0-9a-f]{64})", cookie).group(1)

    def test_pages(self):
        # The CIS's recorded chairs that break the rotation (2013, 2014, 2015, 2021, 2024 in
        # the sample) are warnings: on the organization page to the depositary signed in, and
        # on the checks page to anyone.
        session = self.sign_in()
        html = self.page("/organizations/cis", session)
        self.assertRegex(html, r'<a href="/checks\?org=cis">Consistency: \d+ findings?</a>')
        self.assertNotIn("Consistency:", self.page("/organizations/cis"))
        html = self.page("/checks?org=cis")
        self.assertIn("chair.outside_rotation", html)
        self.assertIn("is recorded as chair for 2021", html)
        self.assertIn("0 errors", self.page("/checks"))
        # A document with a warning on one of its actions shows it on its page.
        self.request("POST", "/api/v1/parties",
                     {"code": "SRB", "kind": "state", "name": {"en": "Serbia"}})
        self.request("POST", "/api/v1/actions", {"document": "csto-charter", "party": "SRB",
                                                 "type": "accession", "date": "2013-04-11"})
        html = self.page("/documents/csto-charter", session)
        self.assertIn('<h2 id="checks">Consistency</h2>', html)
        self.assertNotIn('id="checks"', self.page("/documents/csto-charter"))
        self.assertIn("SRB was not a member of csto on 2013-04-11", html)
        with self.assertRaises(urllib.error.HTTPError) as e:
            self.page("/checks?org=nope")
        self.assertEqual(e.exception.code, 404)

    def test_checks_route(self):
        status, body = self.request("GET", "/api/v1/checks")
        self.assertEqual(status, 200)
        self.assertIsInstance(body["findings"], list)
        self.assertEqual([f for f in body["findings"] if f["severity"] == "error"], [])


if __name__ == "__main__":
    pactatest.main()
