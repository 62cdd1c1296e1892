#!/usr/bin/env python3
"""Compliance with commitments (design.md 5.5 and 6; issue 5): known answers
computed by hand on a small registry built here (not the sample's), on the
command line and over the API, and bad input that must write nothing.

usage: test_compliance.py PACTA_BINARY
"""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

PACTA = None


def party(code):
    return {"code": code, "kind": "state", "name": {"en": code}}


def commitment(cid, org, parties, **kw):
    c = {"id": cid, "organization": org, "text": {"en": "Commitment " + cid},
         "addressees": {"parties": parties}}
    c.update(kw)
    return c


def score(cid, p, s, date, status="reviewed", **kw):
    a = {"commitment": cid, "party": p, "score": s, "date": date, "status": status}
    a.update(kw)
    return a


# W7: one member, 7 commitments: [+1, 0, +1, -1, +1, 0, +1] -> 0.428571 -> 71.43 %.
W7 = [1, 0, 1, -1, 1, 0, 1]

DATA = {
    "pacta": 1,
    "parties": [party("AAA"), party("BBB"), party("CCC")],
    "organizations": [{"id": "org", "name": {"en": "Org"}},
                      {"id": "w7", "name": {"en": "W7"}}],
    "memberships": [{"organization": "org", "party": p, "kind": "member", "from": "2000-01-01"}
                    for p in ("AAA", "BBB", "CCC")],
    "bodies": [{"id": "org-council", "organization": "org", "name": {"en": "Council"}}],
    "sessions": [{"id": "org-council-2024", "body": "org-council", "date": "2024-01-15"}],
    "commitments": [
        commitment("c1", "org", ["AAA", "BBB"], deadline="2024-12-31", category="economy",
                   source={"session": "org-council-2024"}),
        commitment("c2", "org", ["AAA", "BBB", "CCC"], category="security"),
        commitment("plan", "org", ["AAA", "BBB"], deadline="2024-06-30"),
        commitment("plan-1", "org", ["AAA", "BBB"], parent="plan"),
        commitment("plan-2", "org", ["AAA", "BBB"], parent="plan"),
    ] + [commitment(f"w7-{i}", "w7", ["AAA"]) for i in range(1, 8)],
    "assessments": [
        score("c1", "AAA", -1, "2024-03-01", evidence="nothing done", assessor="secretariat"),
        score("c1", "AAA", 1, "2024-09-01", "preliminary", evidence="law adopted"),  # revised
        score("c1", "BBB", 0, "2024-06-01"),
        score("c2", "AAA", 1, "2024-05-01"),
        score("c2", "CCC", -1, "2024-07-01"),  # BBB: no score (a gap)
        score("plan-1", "AAA", 1, "2024-04-01"),
        score("plan-1", "BBB", 1, "2024-04-01"),
        score("plan-2", "AAA", 0, "2024-04-01"),
    ] + [score(f"w7-{i}", "AAA", s, "2024-01-01") for i, s in enumerate(W7, 1)],
}


def run(db, *args, check=True):
    p = subprocess.run([PACTA, "--db", db, *args], capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"pacta {' '.join(args)} -> {p.returncode}: {p.stderr}")
    return p


def compliance(db, *args):
    return json.loads(run(db, "compliance", *args, "--json").stdout)


def by(rows, key):
    return {r[key]: r for r in rows}


class Fixture(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "r.db")
        run(self.db, "init")
        self.load(DATA)

    def tearDown(self):
        self.tmp.cleanup()

    def load(self, doc, check=True):
        path = os.path.join(self.tmp.name, "load.json")
        with open(path, "w") as f:
            json.dump(doc, f)
        return run(self.db, "load", path, check=check)

    def export(self):
        return run(self.db, "export").stdout

    def assertNear(self, got, want):
        self.assertIsNotNone(got)
        self.assertAlmostEqual(got, want, places=9)


class KnownAnswers(Fixture):
    def test_w7(self):
        r = compliance(self.db, "w7", "--on", "2025-01-01")
        self.assertEqual(list(r)[:5], ["organization", "on", "overall", "parties", "commitments"])
        (p,) = r["parties"]
        self.assertEqual((p["party"], p["scored"]), ("AAA", 7))
        self.assertNear(p["average"], 3 / 7)
        self.assertEqual(round(p["percent"], 2), 71.43)
        self.assertNear(r["overall"]["average"], 3 / 7)
        self.assertEqual([c["commitment"] for c in r["commitments"]],
                         [f"w7-{i}" for i in range(1, 8)])
        self.assertEqual([c["average"] for c in r["commitments"]], [float(s) for s in W7])

    def test_on_a_date(self):
        r = compliance(self.db, "org", "--on", "2025-01-01")
        self.assertEqual((r["organization"], r["on"]), ("org", "2025-01-01"))
        # Cells: c1 AAA +1 (revised), BBB 0; c2 AAA +1, CCC -1 (BBB a gap);
        # plan-1 AAA +1, BBB +1; plan-2 AAA 0.  Overall 3/7.
        self.assertNear(r["overall"]["average"], 3 / 7)
        self.assertNear(r["overall"]["percent"], (3 / 7 + 1) * 50)
        self.assertEqual(r["overall"]["scored"], 7)
        parties = by(r["parties"], "party")
        self.assertEqual([p["party"] for p in r["parties"]], ["AAA", "BBB", "CCC"])
        self.assertNear(parties["AAA"]["average"], 0.75)
        self.assertNear(parties["AAA"]["percent"], 87.5)
        self.assertEqual(parties["AAA"]["scored"], 4)
        self.assertNear(parties["BBB"]["average"], 0.5)
        self.assertEqual(parties["BBB"]["scored"], 2)
        self.assertNear(parties["CCC"]["average"], -1)
        self.assertNear(parties["CCC"]["percent"], 0)
        c = by(r["commitments"], "commitment")
        self.assertEqual([x["commitment"] for x in r["commitments"]],
                         ["c1", "c2", "plan", "plan-1", "plan-2"])
        self.assertNear(c["c1"]["average"], 0.5)
        self.assertNear(c["c2"]["average"], 0)
        self.assertNear(c["plan-1"]["average"], 1)
        self.assertNear(c["plan-2"]["average"], 0)
        # A plan rolls up from its items: mean(1, 0).
        self.assertNear(c["plan"]["average"], 0.5)
        self.assertEqual((c["plan"]["items"], c["plan-1"]["parent"]), (2, "plan"))
        # The revised score is the preliminary one of 2024-09-01.
        s = by(c["c1"]["scores"], "party")["AAA"]
        self.assertEqual((s["score"], s["date"], s["status"]), (1, "2024-09-01", "preliminary"))
        self.assertEqual(by(r["categories"], "category")["economy"]["average"], 0.5)
        self.assertEqual(by(r["categories"], "category")["security"]["average"], 0)
        # Overdue: c1 (BBB at 0) and the plan (AAA at 0 on plan-2, BBB unscored).
        self.assertEqual(r["overdue"], [
            {"commitment": "c1", "deadline": "2024-12-31", "parties": ["BBB"]},
            {"commitment": "plan", "deadline": "2024-06-30", "parties": ["AAA", "BBB"]}])

    def test_latest_on_or_before(self):
        r = compliance(self.db, "org", "--on", "2024-08-31")  # before the revision
        c = by(r["commitments"], "commitment")
        self.assertNear(c["c1"]["average"], -0.5)
        self.assertNear(by(r["parties"], "party")["AAA"]["average"], 0.25)
        self.assertEqual(r["overdue"], [
            {"commitment": "plan", "deadline": "2024-06-30", "parties": ["AAA", "BBB"]}])
        r = compliance(self.db, "org", "--on", "2024-09-01")  # the day of the revision
        self.assertNear(by(r["commitments"], "commitment")["c1"]["average"], 0.5)

    def test_nothing_scored_is_null(self):
        r = compliance(self.db, "org", "--on", "2024-02-01")
        self.assertEqual(r["overall"], {"average": None, "percent": None, "scored": 0})
        for p in r["parties"]:
            self.assertEqual((p["average"], p["percent"], p["scored"]), (None, None, 0))
        self.assertEqual(by(r["commitments"], "commitment")["plan"]["average"], None)

    def test_period_and_change(self):
        r = compliance(self.db, "org", "--from", "2024-06-01", "--to", "2024-12-31",
                       "--previous-from", "2024-01-01", "--previous-to", "2024-05-31")
        self.assertEqual(r["on"], "2024-12-31")
        self.assertEqual(r["period"], {"from": "2024-06-01", "to": "2024-12-31"})
        # Within the period: c1 AAA +1, BBB 0; c2 CCC -1.
        self.assertNear(r["overall"]["average"], 0)
        parties = by(r["parties"], "party")
        self.assertNear(parties["AAA"]["average"], 1)
        self.assertEqual(parties["AAA"]["scored"], 1)
        c = by(r["commitments"], "commitment")
        self.assertNear(c["c2"]["average"], -1)
        self.assertEqual(c["plan"]["average"], None)
        # Previous period: c1 AAA -1, c2 AAA +1, plan-1 AAA +1 BBB +1, plan-2 AAA 0.
        ch = r["change"]
        self.assertEqual(ch["previous"], {"from": "2024-01-01", "to": "2024-05-31"})
        self.assertNear(ch["previous_average"], 0.4)
        self.assertNear(ch["percent"], 50 - 70)
        pc = by(ch["parties"], "party")
        self.assertNear(pc["AAA"]["change"], 100 - 62.5)
        self.assertNear(pc["BBB"]["change"], 50 - 100)
        self.assertEqual(pc["CCC"]["change"], None)

    def test_table_and_one_json_document(self):
        out = run(self.db, "compliance", "org", "--on", "2025-01-01").stdout
        self.assertIn("87.50 %", out)
        self.assertIn("Overdue: 2", out)
        json.loads(run(self.db, "compliance", "org", "--json").stdout)  # exactly one document
        p = run(self.db, "compliance", "nosuch", "--json", check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("unknown organization", p.stderr)
        self.assertEqual(run(self.db, "compliance", "org", "--on", "2024-02-30",
                             check=False).returncode, 2)


class Numbers(unittest.TestCase):
    def test_averages_read_as_written(self):
        # The sample's CIS average is 2/5: printed 0.4, not 0.40000000000000002 (17 digits),
        # on the command line and in the API.
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "s.db")
            run(db, "init", "--sample")
            out = run(db, "compliance", "cis", "--on", "2026-12-04", "--json").stdout
            self.assertIn('"average": 0.4,', out)
            self.assertNotIn("00000000", out)
            self.assertEqual(json.loads(out)["overall"]["average"], 0.4)


class BadInput(Fixture):
    def test_score_of_two(self):
        before = self.export()
        p = self.load({"pacta": 1, "assessments": [score("c2", "BBB", 2, "2024-10-01")]},
                      check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("score", p.stderr)
        self.assertEqual(self.export(), before)

    def test_unknown_commitment(self):
        before = self.export()
        p = self.load({"pacta": 1, "assessments": [score("nosuch", "BBB", 1, "2024-10-01")]},
                      check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn('unknown commitment "nosuch"', p.stderr)
        self.assertEqual(self.export(), before)

    def test_deadline_before_session_warns_and_loads(self):
        p = self.load({"pacta": 1, "commitments": [
            commitment("early", "org", ["AAA"], deadline="2023-12-31",
                       source={"session": "org-council-2024"})]})
        self.assertIn("$.commitments[0]: warning [commitment.deadline_before_session]", p.stderr)
        self.assertIn("2023-12-31", p.stderr)
        self.assertIn('"id":"early"', self.export().replace(" ", ""))
        # A deadline on or after the session's date loads silently.
        p = self.load({"pacta": 1, "commitments": [
            commitment("fine", "org", ["AAA"], deadline="2024-01-15",
                       source={"session": "org-council-2024"})]})
        self.assertNotIn("warning", p.stderr)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api(Fixture):
    def setUp(self):
        super().setUp()
        tok = lambda *a: json.loads(run(self.db, "token", "create", *a, "--json").stdout)["token"]
        self.secretariat = tok("--role", "depositary", "--name", "secretariat")
        self.bbb = tok("--role", "delegate", "--party", "BBB", "--name", "bbb-mfa")
        self.port = free_port()
        self.proc = subprocess.Popen(
            [PACTA, "--db", self.db, "serve", "--listen", f"127.0.0.1:{self.port}", "--quiet"],
            stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)

    def tearDown(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=10)
        super().tearDown()

    def request(self, method, path, obj=None, token=None):
        headers = {"Content-Type": "application/json"} if obj is not None else {}
        if token:
            headers["Authorization"] = "Bearer " + token
        data = json.dumps(obj).encode() if obj is not None else None
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method,
                                     data=data, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.headers.get("Content-Type"), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type"), e.read()

    def get_json(self, path):
        status, _, body = self.request("GET", path)
        self.assertEqual(status, 200, body[:300])
        return json.loads(body)

    def journal_last(self):
        return self.get_json("/api/v1/journal?limit=1")["last"]

    def test_same_json_as_cli_and_csv(self):
        got = self.get_json("/api/v1/organizations/org/compliance?on=2025-01-01")
        self.assertEqual(got, compliance(self.db, "org", "--on", "2025-01-01"))
        got = self.get_json("/api/v1/organizations/org/compliance?from=2024-06-01&to=2024-12-31"
                            "&previous_from=2024-01-01&previous_to=2024-05-31")
        self.assertEqual(got, compliance(self.db, "org", "--from", "2024-06-01", "--to",
                                         "2024-12-31", "--previous-from", "2024-01-01",
                                         "--previous-to", "2024-05-31"))
        status, ctype, body = self.request(
            "GET", "/api/v1/organizations/org/compliance?on=2025-01-01&format=csv")
        self.assertEqual(status, 200)
        self.assertTrue(ctype.startswith("text/csv"))
        lines = body.decode().splitlines()
        self.assertEqual(lines[0], "party,average,percent,scored,self_reports")
        self.assertTrue(lines[1].startswith("AAA,0.75,87.5,4,"), lines[1])
        self.assertEqual(self.request("GET", "/api/v1/organizations/nosuch/compliance")[0], 404)
        self.assertEqual(self.request("GET", "/api/v1/organizations/org/compliance?on=x")[0], 400)

    def test_commitment_assessments(self):
        got = self.get_json("/api/v1/commitments/c1/assessments")
        self.assertEqual(got["commitment"], "c1")
        self.assertEqual(got["record"]["id"], "c1")
        self.assertEqual([(a["party"], a["date"], a["score"]) for a in got["assessments"]],
                         [("AAA", "2024-03-01", -1), ("AAA", "2024-09-01", 1),
                          ("BBB", "2024-06-01", 0)])
        self.assertEqual(got["assessments"][0]["evidence"], "nothing done")
        self.assertEqual(self.request("GET", "/api/v1/commitments/nosuch/assessments")[0], 404)

    def test_delegate_scoring_another_state_is_refused(self):
        last = self.journal_last()
        for rec in (score("c2", "AAA", -1, "2024-10-01", self_report=True),  # another state
                    score("c2", "BBB", 1, "2024-10-01")):  # not a self-report
            status, _, body = self.request("POST", "/api/v1/assessments", rec, token=self.bbb)
            self.assertEqual(status, 403, body)
            self.assertEqual(json.loads(body)["error"]["code"], "forbidden")
        self.assertEqual(self.journal_last(), last)
        status, _, _ = self.request("POST", "/api/v1/assessments",
                                    score("c2", "BBB", 1, "2024-10-01"))
        self.assertEqual(status, 401)
        self.assertEqual(self.journal_last(), last)

    def test_self_report_beside_not_averaged(self):
        mine = score("c2", "BBB", 1, "2024-10-01", "preliminary", self_report=True,
                     evidence="our report")
        # A delegate's self-report is a submission, dated the day it is received: a past
        # date is refused, and without one it waits for the depositary (202).
        status, _, body = self.request("POST", "/api/v1/assessments", mine, token=self.bbb)
        self.assertEqual(status, 403, body)
        self.assertIn("date of deposit", json.loads(body)["error"]["message"])
        undated = {k: v for k, v in mine.items() if k != "date"}
        status, _, body = self.request("POST", "/api/v1/assessments", undated, token=self.bbb)
        self.assertEqual(status, 202, body)
        self.assertEqual(json.loads(body)["status"], "pending")
        # The report of 2024 as the secretariat recorded it when it came.
        status, _, body = self.request("POST", "/api/v1/assessments", mine,
                                       token=self.secretariat)
        self.assertEqual(status, 201, body)
        r = compliance(self.db, "org", "--on", "2025-01-01")
        bbb = by(r["parties"], "party")["BBB"]
        self.assertNear(bbb["average"], 0.5)  # unchanged
        self.assertEqual(bbb["scored"], 2)
        self.assertEqual(bbb["self_reports"], [{"commitment": "c2", "score": 1,
                                                "date": "2024-10-01", "evidence": "our report"}])
        self.assertNear(r["overall"]["average"], 3 / 7)
        # The secretariat's assessment of the same date is kept apart.
        status, _, body = self.request("POST", "/api/v1/assessments",
                                       score("c2", "BBB", 0, "2024-10-01"),
                                       token=self.secretariat)
        self.assertEqual(status, 201, body)
        got = self.get_json("/api/v1/commitments/c2/assessments")["assessments"]
        self.assertEqual([(a["party"], a["score"], a.get("self_report", False)) for a in got],
                         [("AAA", 1, False), ("BBB", 0, False), ("BBB", 1, True),
                          ("CCC", -1, False)])
        r = compliance(self.db, "org", "--on", "2025-01-01")
        self.assertNear(by(r["parties"], "party")["BBB"]["average"], 1 / 3)
        self.assertEqual(len(by(r["parties"], "party")["BBB"]["self_reports"]), 1)


if __name__ == "__main__":
    PACTA = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)
