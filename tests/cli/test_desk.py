#!/usr/bin/env python3
"""The depositary's desk (issue 15): /desk for a signed-in officer. The depositary sees the
pending submissions and accepts or rejects each through a form (CSRF-checked, as the session's
caller), the open findings of the consistency checks, what is ahead, and the forms that create
records; a delegate sees its own party's submissions and their outcomes, never another party's.
Every refusal writes nothing.

The case: Uzbekistan deposits a ratification of the CSTO Charter (sample registry); "today" is
2026-12-04 (PACTA_TODAY).

    python3 tests/cli/test_desk.py path/to/pacta
"""
import html
import http.client
import json
import os
import re
import sqlite3
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pactatest  # noqa: E402
from pactatest import TODAY, run, sample, serve, stop, token  # noqa: E402


def text_of(page):
    """The page's text, tags removed and blanks collapsed."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    return re.sub(r" ([.,:;)])", r"\1", text)


class Desk(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp, cls.db = sample()
        cls.depositary = token(cls.db, "--role", "depositary", "--name", "csto-secretariat")
        cls.uzb = token(cls.db, "--role", "delegate", "--party", "UZB", "--name", "uzb-mfa")
        cls.arm = token(cls.db, "--role", "delegate", "--party", "ARM", "--name", "arm-mfa")
        cls.proc, cls.port = serve(cls.db)

    @classmethod
    def tearDownClass(cls):
        stop(cls.proc)
        cls.tmp.cleanup()

    # ---- HTTP ----------------------------------------------------------------------------

    def request(self, method, path, body=None, cookies=None, headers=None):
        return pactatest.request(self.port, method, path, body, cookies, headers, timeout=30)

    def sign_in(self, token):
        status, cookie, location = pactatest.sign_in(self.port, token, "/desk", timeout=30)
        self.assertEqual((status, location), (303, "/desk"))
        return re.search(r"pacta_session=([0-9a-f]+)", cookie).group(1)

    def desk(self, session):
        """The desk's page and the CSRF secret of its forms (cookie and field)."""
        status, cookie, _, page, cache = self.request("GET", "/desk",
                                                      cookies={"pacta_session": session})
        self.assertEqual(status, 200)
        self.assertFalse(cache)  # no Cache-Control: never in the server's cache (page_send)
        m = re.search(r"pacta_csrf=([0-9a-f]{32}); Path=/desk;", cookie)
        self.assertTrue(m, cookie)
        return page, m.group(1)

    def submit(self, token, record):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.request("POST", "/api/v1/actions", json.dumps(record),
                  {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        r = c.getresponse()
        body = json.loads(r.read())
        c.close()
        self.assertEqual(r.status, 202, body)
        return body["id"]

    def decide(self, session, csrf, sub, verb, fields, cookie_csrf=None):
        body = dict(fields)
        if csrf is not None:
            body["csrf"] = csrf
        cookies = {"pacta_csrf": cookie_csrf or csrf or "0" * 32}
        if session:
            cookies["pacta_session"] = session
        status, _, _, page, _ = self.request("POST", f"/desk/submissions/{sub}/{verb}", body,
                                             cookies)
        return status, page

    def last_seq(self):
        db = sqlite3.connect(self.db)
        try:
            return db.execute("SELECT max(seq) FROM journal").fetchone()[0]
        finally:
            db.close()

    def status_of(self, doc, party):
        out = json.loads(run(self.db, "status", doc, "--json").stdout)
        return next((p for p in out["parties"] if p["party"] == party), None)

    # ---- Tests ---------------------------------------------------------------------------

    def test_not_signed_in(self):
        status, _, location, _, _ = self.request("GET", "/desk")
        self.assertEqual((status, location), (303, "/login?next=/desk"))
        # An unknown session is no one.
        status, _, location, _, _ = self.request("GET", "/desk",
                                                 cookies={"pacta_session": "ab" * 32})
        self.assertEqual((status, location), (303, "/login?next=/desk"))
        # A bearer token is not a signed-in page.
        status, _, location, _, _ = self.request(
            "GET", "/desk", headers={"Authorization": "Bearer " + self.depositary})
        self.assertEqual(status, 303)

    def test_accept_reject_and_the_delegates_desk(self):
        officer = self.sign_in(self.depositary)
        uzb = self.sign_in(self.uzb)
        arm = self.sign_in(self.arm)

        # Uzbekistan deposits a ratification of the CSTO Charter; it is pending.
        before = self.status_of("csto-charter", "UZB")
        self.assertTrue(before is None or before["status"] != "in_force", before)
        ratification = self.submit(self.uzb, {"document": "csto-charter", "party": "UZB",
                                              "type": "ratification",
                                              "instrument_date": "2026-11-20"})
        page, csrf = self.desk(officer)
        self.assertIn("The depositary", page)
        self.assertIn(f'action="/desk/submissions/{ratification}/accept"', page)
        self.assertIn(f'action="/desk/submissions/{ratification}/reject"', page)
        text = text_of(page)
        self.assertIn("Pending submissions", text)
        self.assertIn("ratification of", text)
        self.assertIn("UZB", text)
        self.assertIn("uzb-mfa", text)
        # Every field has its label; the reject's reason is required.
        for fid in re.findall(r'<(?:input|textarea)[^>]* id="([^"]+)"', page):
            self.assertIn(f'<label for="{fid}"', page, fid)
        self.assertRegex(page, rf'<textarea id="no-{ratification}" name="reason"[^>]* required')
        # The other sections.
        self.assertIn("Open findings", text)
        self.assertRegex(text, r"0 errors and 5 warnings")
        self.assertIn('href="/checks"', page)
        self.assertIn("Ahead", text)
        for kind in ("party", "organization", "membership", "body", "session", "document",
                     "action", "chairmanship", "commitment", "assessment"):
            self.assertIn(f'href="/desk/new/{kind}"', page)
        self.assertIn('href="/record"', page)
        self.assertIn('href="/ingest"', page)

        # Refused, writing nothing: no CSRF field, a wrong one, no session, a delegate.
        seq = self.last_seq()
        status, page = self.decide(officer, None, ratification, "accept", {},
                                   cookie_csrf=csrf)
        self.assertEqual(status, 403)
        self.assertIn("security code", page)
        status, _ = self.decide(officer, "1" * 32, ratification, "accept", {}, cookie_csrf=csrf)
        self.assertEqual(status, 403)
        status, page = self.decide(None, csrf, ratification, "accept", {})
        self.assertEqual(status, 401)
        self.assertIn("/login?next=/desk", page)
        _, ucsrf = self.desk(uzb)
        status, page = self.decide(uzb, ucsrf, ratification, "accept", {})
        self.assertEqual(status, 403)
        self.assertIn("Only the depositary", page)
        status, _ = self.decide(uzb, ucsrf, ratification, "reject", {"reason": "no"})
        self.assertEqual(status, 403)
        # A bearer token and no session: refused too.
        status, _, _, _, _ = self.request(
            "POST", f"/desk/submissions/{ratification}/accept", {"csrf": csrf},
            {"pacta_csrf": csrf}, {"Authorization": "Bearer " + self.depositary})
        self.assertEqual(status, 401)
        self.assertEqual(self.last_seq(), seq)
        self.assertEqual(self.status_of("csto-charter", "UZB"), before)

        # Accepted through the desk's form: UZB is in force from today; notification numbered.
        status, page = self.decide(officer, csrf, ratification, "accept",
                                   {"date": "", "reason": ""})
        self.assertEqual(status, 200, text_of(page))
        text = text_of(page)
        m = re.search(r"Accepted " + ratification + r" of Uzbekistan: depositary notification "
                      r"(2026/\d+), deposited on 4 December 2026", text)
        self.assertTrue(m, text)
        # The document by its title, not its id (before: «See csto-charter»).
        self.assertIn("See Charter of the Collective Security Treaty Organization.", text)
        notification = m.group(1)
        self.assertIn('role="status"', page)
        self.assertNotIn(f'action="/desk/submissions/{ratification}/accept"', page)
        self.assertGreater(self.last_seq(), seq)
        after = self.status_of("csto-charter", "UZB")
        self.assertEqual((after["status"], after["since"]), ("in_force", TODAY), after)
        sub = json.loads(run(self.db, "submissions", "show", ratification, "--json").stdout)
        self.assertEqual(sub["decision"]["notification"], notification)
        self.assertEqual(sub["decision"]["by"], "csto-secretariat")
        # Deciding again: refused, 409.
        seq = self.last_seq()
        status, page = self.decide(officer, csrf, ratification, "reject", {"reason": "late"})
        self.assertEqual(status, 409)
        self.assertIn("accepted already", text_of(page))
        status, _ = self.decide(officer, csrf, "sub-2026-9999", "accept", {})
        self.assertEqual(status, 404)
        self.assertEqual(self.last_seq(), seq)

        # A second submission: a reject without a reason is refused (a blank one too) ...
        reservation = self.submit(self.uzb, {"document": "csto-charter", "party": "UZB",
                                             "type": "reservation",
                                             "text": "Article 7 does not apply."})
        arm_sub = self.submit(self.arm, {"document": "csto-charter", "party": "ARM",
                                         "type": "declaration", "text": "Armenian declaration"})
        seq = self.last_seq()
        for reason in (None, "", "   "):
            fields = {} if reason is None else {"reason": reason}
            status, page = self.decide(officer, csrf, reservation, "reject", fields)
            self.assertEqual(status, 400)
            self.assertIn("needs a reason", text_of(page))
        self.assertEqual(self.last_seq(), seq)
        # ... with one, it is rejected, and the delegate's desk shows the reason.
        reason = "The Charter admits no reservations (art. 27)."
        status, page = self.decide(officer, csrf, reservation, "reject", {"reason": reason})
        self.assertEqual(status, 200, text_of(page))
        self.assertIn(f"Rejected {reservation} of Uzbekistan", text_of(page))
        self.assertGreater(self.last_seq(), seq)

        page, _ = self.desk(uzb)
        text = text_of(page)
        self.assertIn("Your submissions", text)
        self.assertIn(ratification, text)
        self.assertIn(notification, text)
        self.assertIn(reservation, text)
        self.assertIn(reason, text)
        self.assertIn('href="/desk/new/action"', page)
        self.assertIn('href="/desk/new/assessment"', page)
        self.assertIn('href="/record"', page)  # the menu's
        # One way to deposit from the desk: the delegate's own form, its party fixed.
        self.assertIn("An instrument or a notification", text)
        self.assertNotIn("An action", text)
        # Never another party's submission, nor the depositary's forms.
        self.assertNotIn(arm_sub, page)
        self.assertNotIn("Armenian declaration", page)
        self.assertNotIn("/desk/submissions/", page)
        self.assertNotIn("Open findings", page)
        # Armenia's desk: its pending declaration, not Uzbekistan's rejected reservation.
        page, _ = self.desk(arm)
        self.assertIn(arm_sub, page)
        self.assertNotIn(reservation, page)
        self.assertNotIn(reason, page)
        self.assertNotIn("Article 7", page)

        # The depositary's desk still lists Armenia's, no longer the decided ones.
        page, _ = self.desk(officer)
        self.assertIn(f'action="/desk/submissions/{arm_sub}/accept"', page)
        self.assertNotIn(f'/desk/submissions/{reservation}/', page)

    def test_record_for_a_delegate(self):
        # A signed-in delegate's /record is its own form at /desk/new/action (its party fixed,
        # the types it may submit, the instrument's own date), the document kept; before, it
        # was the depositary's form: every party, "signature" chosen, the date today's, so
        # each deposit but today's own party's ratification came back refused.
        uzb = self.sign_in(self.uzb)
        status, _, location, _, _ = self.request("GET", "/record?document=csto-charter",
                                                 cookies={"pacta_session": uzb})
        self.assertEqual((status, location), (303, "/desk/new/action?document=csto-charter"))
        status, _, _, page, _ = self.request("GET", "/desk/new/action?document=csto-charter",
                                             cookies={"pacta_session": uzb})
        self.assertEqual(status, 200)
        self.assertRegex(page, r'<option value="csto-charter"[^>]* selected')
        self.assertNotIn('value="signature"', page)
        # The depositary's /record is the form, which says what a delegate's record is.
        officer = self.sign_in(self.depositary)
        status, _, _, page, _ = self.request("GET", "/record", cookies={"pacta_session": officer})
        self.assertEqual(status, 200)
        self.assertIn("a delegate&#39;s is a submission", page.replace("&#x27;", "&#39;"))
        self.assertNotIn("the depositary accepts it", page)

    def test_warnings_on_a_submission(self):
        # A pending submission's warnings read beside its record, without the record's kind,
        # key and field again in front (before: «action eaeu-treaty|UZB|accession|2026-12-04:
        # party: UZB was not a member of eaeu ...» under the same deposit).
        sub = self.submit(self.uzb, {"document": "eaeu-treaty", "party": "UZB",
                                     "type": "accession"})
        page, _ = self.desk(self.sign_in(self.depositary))
        start = page.index(f'id="h-{sub}"')
        text = text_of(page[start:page.index("</article>", start)])
        self.assertIn("Warnings UZB was not a member of eaeu on 2026-12-04", text)
        self.assertNotIn("eaeu-treaty|UZB|accession", text)
        self.assertNotIn("party: UZB", text)
        # Sent in English, read by the depositary in Russian: the checks run again on the desk,
        # in the page's language (before: the stored English message on the Russian desk).
        session = self.sign_in(self.depositary)
        status, _, _, page, _ = self.request("GET", "/desk?lang=ru",
                                             cookies={"pacta_session": session})
        self.assertEqual(status, 200)
        start = page.index(f'id="h-{sub}"')
        text = text_of(page[start:page.index("</article>", start)])
        self.assertIn("UZB не был членом eaeu на 2026-12-04", text)
        self.assertNotIn("was not a member", text)
        # The registry moved since: UZB became a member of the EAEU on 1 December, so the
        # warning is gone on the desk, though stored with the submission.
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.request("POST", "/api/v1/load", json.dumps({"pacta": 1, "memberships": [
            {"organization": "eaeu", "party": "UZB", "kind": "member", "from": "2026-12-01"}]}),
            {"Authorization": "Bearer " + self.depositary, "Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        c.close()
        self.assertIn(r.status, (200, 201), r.status)
        page, _ = self.desk(session)
        start = page.index(f'id="h-{sub}"')
        text = text_of(page[start:page.index("</article>", start)])
        self.assertIn("Warnings none", text)

    def test_ahead(self):
        """Sessions from today on and deadlines within 12 months, by date."""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        doc = {"pacta": 1,
               "sessions": [{"id": "csto-cfm-2027-06-01", "body": "csto-cfm",
                             "date": "2027-06-01", "place": "Minsk", "format": "in_person"},
                            {"id": "csto-cfm-2027-01-15", "body": "csto-cfm",
                             "date": "2027-01-15", "place": "Yerevan", "format": "in_person"}],
               "commitments": [{"id": "desk-soon", "organization": "csto",
                                "text": {"en": "Report on the exercise"},
                                "deadline": "2027-03-01"},
                               {"id": "desk-late", "organization": "csto",
                                "text": {"en": "Much later"}, "deadline": "2028-03-01"}]}
        c.request("POST", "/api/v1/load", json.dumps(doc),
                  {"Authorization": "Bearer " + self.depositary,
                   "Content-Type": "application/json"})
        r = c.getresponse()
        body = r.read()
        c.close()
        self.assertIn(r.status, (200, 201), body)
        page, _ = self.desk(self.sign_in(self.depositary))
        text = text_of(page)
        self.assertLess(text.index("15 January 2027"), text.index("1 June 2027"))
        self.assertIn("Yerevan", text)
        self.assertIn("Report on the exercise", text)
        self.assertNotIn("Much later", text)


if __name__ == "__main__":
    pactatest.main()
