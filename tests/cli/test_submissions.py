#!/usr/bin/env python3
"""Member states submit, the depositary accepts (issue 14): a delegate's write is a submission
that changes nothing until the depositary accepts it; the date that counts is the day of
receipt; acceptance numbers a depositary notification; a rejection's reason goes to the
submitting party. Every refusal answers 403 and writes nothing.

The case: Uzbekistan, a CSTO member whose membership is suspended since 2012 and who never
ratified the CSTO Charter of 2002 (bundled sample), deposits a ratification; "today" is
2026-12-04 (PACTA_TODAY).

    python3 tests/cli/test_submissions.py path/to/pacta
"""
import json
import os
import sys
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pactatest  # noqa: E402
from pactatest import TODAY, run, sample, serve, stop, token  # noqa: E402


class Submissions(unittest.TestCase):
    def setUp(self):
        self.tmp, self.db = sample()
        self.depositary = token(self.db, "--role", "depositary", "--name", "csto-secretariat")
        self.uzb = token(self.db, "--role", "delegate", "--party", "UZB", "--name", "uzb-mfa")
        self.arm = token(self.db, "--role", "delegate", "--party", "ARM", "--name", "arm-mfa")
        self.proc, self.port = serve(self.db)

    def tearDown(self):
        stop(self.proc)
        self.tmp.cleanup()

    def request(self, method, path, body=None, token=None):
        return pactatest.api(self.port, method, path, body, token)

    def json_of(self, method, path, body=None, token=None):
        status, headers, raw = self.request(method, path, body, token)
        return status, headers, json.loads(raw)

    def journal_last(self):
        return json.loads(run(self.db, "journal", "--json", "--limit", "1").stdout)["entries"][0]["seq"]

    def status_of(self, doc, party, on=TODAY):
        _, _, s = self.json_of("GET", f"/api/v1/documents/{doc}/status?on={on}")
        return next((p for p in s["parties"] if p["party"] == party), None)

    def test_the_whole_way(self):
        before = self.status_of("csto-charter", "UZB")
        self.assertTrue(before is None or before["status"] != "in_force", before)
        # The delegate deposits its ratification (the law of 20 November).
        status, headers, sub = self.json_of(
            "POST", "/api/v1/actions",
            {"document": "csto-charter", "party": "UZB", "type": "ratification",
             "instrument_date": "2026-11-20"}, self.uzb)
        self.assertEqual(status, 202, sub)
        self.assertEqual(headers["Location"], "/api/v1/submissions/" + sub["id"])
        self.assertEqual((sub["status"], sub["party"], sub["submitted_by"]),
                         ("pending", "UZB", "uzb-mfa"))
        self.assertTrue(sub["received"].startswith(TODAY + "T"), sub["received"])
        self.assertEqual(sub["records"]["actions"][0]["date"], TODAY)
        self.assertIsInstance(sub["warnings"], list)
        # Journaled (the receipt is in the log), but the status has not moved.
        entry = json.loads(run(self.db, "journal", "--json", "--limit", "1").stdout)["entries"][0]
        self.assertEqual((entry["kind"], entry["key"], entry["actor"]),
                         ("submission", sub["id"], "uzb-mfa"))
        self.assertEqual(self.status_of("csto-charter", "UZB"), before)
        # The depositary lists the pending ones and accepts.
        _, _, listed = self.json_of("GET", "/api/v1/submissions?status=pending",
                                    token=self.depositary)
        self.assertEqual([s["id"] for s in listed["submissions"]], [sub["id"]])
        status, _, done = self.json_of("POST", f"/api/v1/submissions/{sub['id']}/accept", {},
                                       self.depositary)
        self.assertEqual(status, 200, done)
        self.assertEqual(done["status"], "accepted")
        self.assertEqual(done["decision"]["date"], TODAY)
        self.assertEqual(done["decision"]["by"], "csto-secretariat")
        self.assertEqual(done["decision"]["notification"], "2026/1")
        # The status follows, from the date of receipt.
        after = self.status_of("csto-charter", "UZB")
        self.assertEqual(after["status"], "in_force", after)
        self.assertEqual(after["since"], TODAY)
        self.assertIsNone(self.status_of("csto-charter", "UZB", on="2026-12-03"))
        # The record is the depositary's, naming the submission and the notification.
        key = f"csto-charter|UZB|ratification|{TODAY}"
        _, _, rec = self.json_of("GET", "/api/v1/actions/" + urllib.request.quote(key, safe=""))
        self.assertEqual((rec["submission"], rec["notification"], rec["instrument_date"]),
                         (sub["id"], "2026/1", "2026-11-20"))
        # The feed and the document's page show the numbered notification.
        _, _, feed = self.request("GET", "/feed.atom")
        self.assertIn(b"Depositary notification 2026/1: ", feed)
        _, _, page = self.request("GET", "/documents/csto-charter")
        self.assertIn(b'id="notification-2026/1"', page)
        # A second submission: rejected with a reason the delegate reads.
        status, _, sub2 = self.json_of(
            "POST", "/api/v1/actions",
            {"document": "csto-charter", "party": "UZB", "type": "reservation",
             "text": "Uzbekistan does not consider itself bound by article 7."}, self.uzb)
        self.assertEqual(status, 202, sub2)
        self.assertEqual(sub2["id"][:9], "sub-2026-")
        self.assertNotEqual(sub2["id"], sub["id"])
        status, _, err = self.json_of("POST", f"/api/v1/submissions/{sub2['id']}/reject", {},
                                      self.depositary)
        self.assertEqual(status, 400, err)  # a reason is required
        reason = "The Charter admits no reservations (art. 27)."
        status, _, done2 = self.json_of("POST", f"/api/v1/submissions/{sub2['id']}/reject",
                                        {"reason": reason}, self.depositary)
        self.assertEqual((status, done2["status"]), (200, "rejected"))
        _, _, mine = self.json_of("GET", "/api/v1/submissions", token=self.uzb)
        by_id = {s["id"]: s for s in mine["submissions"]}
        self.assertEqual(by_id[sub2["id"]]["decision"]["reason"], reason)
        self.assertEqual(by_id[sub["id"]]["status"], "accepted")
        # Not in the public feed, and no record was written for it.
        _, _, feed = self.request("GET", "/feed.atom")
        self.assertNotIn(b"article 7", feed)
        # Decided is decided.
        status, _, _ = self.json_of("POST", f"/api/v1/submissions/{sub2['id']}/accept", {},
                                    self.depositary)
        self.assertEqual(status, 409)

    def test_refusals_write_nothing(self):
        # The depositary records an Armenian declaration received today on paper.
        status, _, _ = self.json_of("POST", "/api/v1/actions",
                                    {"document": "csto-charter", "party": "ARM",
                                     "type": "declaration", "date": TODAY, "text": "On paper"},
                                    self.depositary)
        self.assertEqual(status, 201)
        status, _, pending = self.json_of("POST", "/api/v1/actions",
                                          {"document": "csto-charter", "party": "UZB",
                                           "type": "ratification"}, self.uzb)
        self.assertEqual(status, 202)
        before = self.journal_last()
        cases = [
            ("effective", {"document": "csto-cst-1992", "party": "ARM", "type": "withdrawal",
                           "effective": "2027-06-01"}, "effective"),
            ("date of deposit", {"document": "csto-charter", "party": "ARM",
                                 "type": "declaration", "date": "2026-11-01"},
             "date of deposit"),
            ("another party", {"document": "csto-charter", "party": "KAZ",
                               "type": "declaration"}, "own party only"),
            ("a signature", {"document": "csto-charter", "party": "ARM", "type": "signature"},
             "for the depositary"),
            ("replacing", {"document": "csto-charter", "party": "ARM", "type": "declaration",
                           "text": "Replaced"}, "already recorded"),
        ]
        for what, record, words in cases:
            with self.subTest(what=what):
                status, _, err = self.json_of("POST", "/api/v1/actions", record, self.arm)
                self.assertEqual(status, 403, err)
                self.assertEqual(err["error"]["code"], "forbidden")
                self.assertIn(words, err["error"]["message"])
        status, _, err = self.json_of("POST", "/api/v1/load",
                                      {"pacta": 1, "parties": [{"code": "XXA", "kind": "state",
                                                                "name": {"en": "X"}}]},
                                      self.arm)
        self.assertEqual(status, 403, err)
        # Retracting the depositary's record.
        key = urllib.request.quote(f"csto-charter|ARM|declaration|{TODAY}", safe="")
        status, _, err = self.json_of("DELETE", "/api/v1/actions/" + key, token=self.arm)
        self.assertEqual(status, 403, err)
        # Another party's pending submission: not listed, not readable, not decidable.
        _, _, listed = self.json_of("GET", "/api/v1/submissions", token=self.arm)
        self.assertEqual(listed["submissions"], [])
        status, _, err = self.json_of("GET", "/api/v1/submissions/" + pending["id"],
                                      token=self.arm)
        self.assertEqual(status, 403, err)
        status, _, err = self.json_of("POST", f"/api/v1/submissions/{pending['id']}/accept",
                                      {}, self.arm)
        self.assertEqual(status, 403, err)
        status, _, _ = self.json_of("GET", "/api/v1/submissions")
        self.assertEqual(status, 401)
        self.assertEqual(self.journal_last(), before)

    def test_the_same_deposit_twice_is_one_submission(self):
        # Sent again while the first waits (a second click, a retry): refused, naming the first,
        # nothing written; before, the depositary found two identical submissions to decide.
        record = {"document": "csto-charter", "party": "UZB", "type": "ratification",
                  "instrument_date": "2026-11-20"}
        status, _, first = self.json_of("POST", "/api/v1/actions", record, self.uzb)
        self.assertEqual(status, 202, first)
        before = self.journal_last()
        status, _, err = self.json_of("POST", "/api/v1/actions", record, self.uzb)
        self.assertEqual((status, err["error"]["code"]), (409, "duplicate"), err)
        self.assertIn(f"submission {first['id']} holds the same", err["error"]["message"])
        self.assertEqual(self.journal_last(), before)
        _, _, listed = self.json_of("GET", "/api/v1/submissions?status=pending",
                                    token=self.depositary)
        self.assertEqual([x["id"] for x in listed["submissions"]], [first["id"]])
        # Another deposit is a submission of its own; once the first is decided, the same
        # may be sent again.
        status, _, other = self.json_of("POST", "/api/v1/actions",
                                        dict(record, type="declaration", text="We declare."),
                                        self.uzb)
        self.assertEqual(status, 202, other)
        status, _, _ = self.json_of("POST", f"/api/v1/submissions/{first['id']}/reject",
                                    {"reason": "The instrument is not signed."},
                                    self.depositary)
        self.assertEqual(status, 200)
        status, _, again = self.json_of("POST", "/api/v1/actions", record, self.uzb)
        self.assertEqual(status, 202, again)

    def test_acceptances_at_once_number_in_turn(self):
        # Six submissions accepted by six requests at once: each gets its own number.
        import threading
        ids = []
        for i, (doc, kind) in enumerate([("csto-charter", "ratification"),
                                         ("csto-charter", "declaration"),
                                         ("csto-cst-1992", "declaration"),
                                         ("eaeu-treaty", "declaration"),
                                         ("cis-charter", "declaration"),
                                         ("union-state-treaty", "declaration")]):
            status, _, sub = self.json_of("POST", "/api/v1/actions",
                                          {"document": doc, "party": "UZB", "type": kind,
                                           "text": "Statement %d" % i}, self.uzb)
            self.assertEqual(status, 202, sub)
            ids.append(sub["id"])
        self.assertEqual(len(set(ids)), 6)
        results = {}

        def accept(sid):
            results[sid] = self.json_of("POST", f"/api/v1/submissions/{sid}/accept", {},
                                        self.depositary)

        threads = [threading.Thread(target=accept, args=(sid,)) for sid in ids]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        numbers = []
        for sid in ids:
            status, _, done = results[sid]
            self.assertEqual(status, 200, done)
            numbers.append(done["decision"]["notification"])
        self.assertEqual(sorted(numbers, key=lambda n: int(n.split("/")[1])),
                         ["2026/%d" % n for n in range(1, 7)])
        p = run(self.db, "check", "--json", expect=None)
        codes = [f["code"] for f in json.loads(p.stdout)["findings"]]
        self.assertNotIn("submission.notification_duplicate", codes)

    def test_deposit_dated_before_receipt_is_flagged(self):
        # An instrument received online today, deposited (says the depositary) on 1 November:
        # accepted, with a warning among the checks' findings; dated today, nothing.
        findings = []
        for party, token_, date in (("UZB", self.uzb, "2026-11-01"), ("ARM", self.arm, TODAY)):
            status, _, sub = self.json_of("POST", "/api/v1/actions",
                                          {"document": "csto-charter", "party": party,
                                           "type": "declaration", "text": "On the Charter."},
                                          token_)
            self.assertEqual(status, 202, sub)
            status, _, done = self.json_of("POST", f"/api/v1/submissions/{sub['id']}/accept",
                                           {"date": date}, self.depositary)
            self.assertEqual((status, done.get("status")), (200, "accepted"), done)
            p = run(self.db, "check", "--json", expect=None)
            findings.append([f for f in json.loads(p.stdout)["findings"]
                             if f["code"] == "submission.deposit_before_receipt"])
        self.assertEqual(len(findings[0]), 1, findings[0])
        f = findings[0][0]
        self.assertEqual((f["severity"], f["kind"], f["field"]), ("warning", "submission",
                                                                  "decision.date"))
        self.assertIn(f"deposited on 2026-11-01, before the submission was received on {TODAY}",
                      f["message"])
        self.assertEqual(findings[1], findings[0])  # the second, dated today, adds none

    def test_command_line(self):
        status, _, sub = self.json_of("POST", "/api/v1/actions",
                                      {"document": "csto-charter", "party": "UZB",
                                       "type": "ratification"}, self.uzb)
        self.assertEqual(status, 202)
        p = run(self.db, "submissions", "list", "--status", "pending")
        self.assertIn(sub["id"], p.stdout)
        self.assertIn("ratification csto-charter", p.stdout)
        p = run(self.db, "submissions", "reject", sub["id"], expect=2)
        self.assertIn("--reason", p.stderr)
        p = run(self.db, "--actor", "depositary-desk", "submissions", "accept", sub["id"],
                "--date", "2026-12-03")
        self.assertIn("deposited on 2026-12-03, depositary notification 2026/1", p.stdout)
        shown = json.loads(run(self.db, "submissions", "show", sub["id"]).stdout)
        self.assertEqual((shown["status"], shown["decision"]["by"]),
                         ("accepted", "depositary-desk"))
        p = run(self.db, "submissions", "accept", sub["id"], expect=1)
        self.assertIn("accepted already", p.stderr)
        # In the export, and loaded back as it was.
        export = json.loads(run(self.db, "export").stdout)
        self.assertEqual([s["id"] for s in export["submissions"]], [sub["id"]])


if __name__ == "__main__":
    pactatest.main()
