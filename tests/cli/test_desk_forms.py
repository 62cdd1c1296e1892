#!/usr/bin/env python3
"""The depositary's desk (issue 15): a form for every record kind but sessions and documents,
to create (/desk/new/KIND), edit (/desk/edit/KIND/KEY) and retract with a reason
(/desk/retract/KIND/KEY); signed in only, CSRF-checked, through the one write path; errors
beside their fields with the typed values kept; warnings of the checks ask "Save anyway"; a
delegate gets only the action and assessment forms, and its write is a submission.

    python3 tests/cli/test_desk_forms.py path/to/pacta
"""
import html as htmllib
import http.client
import json
import os
import re
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pactatest  # noqa: E402
from pactatest import sample, serve, stop, token  # noqa: E402


def run(db, *args, **kw):
    return pactatest.run(db, *args, today=None, **kw)


def q(key):
    return urllib.parse.quote(key, safe="")


class DeskForms(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp, cls.db = sample(today=None)
        cls.token = token(cls.db, "--role", "depositary", "--name", "secretariat", today=None)
        cls.arm = token(cls.db, "--role", "delegate", "--party", "ARM", "--name", "arm-mfa",
                        today=None)
        cls.proc, cls.port = serve(cls.db, today="2026-12-04")
        cls.session = cls.sign_in(cls.token)
        cls.delegate = cls.sign_in(cls.arm)

    @classmethod
    def tearDownClass(cls):
        stop(cls.proc)
        cls.tmp.cleanup()

    @classmethod
    def request(cls, method, path, body=None, cookies=None):
        return pactatest.request(cls.port, method, path, body, cookies)[:4]

    @classmethod
    def sign_in(cls, token):
        status, cookie, _ = pactatest.sign_in(cls.port, token, "/desk")
        assert status == 303, status
        return re.search(r"pacta_session=([0-9a-f]{64})", cookie).group(1)

    def form(self, path, session=None):
        """GET a form: its status, CSRF secret and HTML."""
        status, cookie, _, html = self.request("GET", path,
                                               cookies={"pacta_session": session or self.session})
        m = re.search(r"pacta_csrf=([0-9a-f]{32}); Path=/desk;", cookie)
        return status, m and m.group(1), html

    def post(self, path, fields, session=None, csrf=True):
        session = session or self.session
        _, secret, _ = self.form(path.replace("/retract/", "/edit/") if "/retract/" in path
                                 else path, session)
        body = dict(fields)
        cookies = {"pacta_session": session}
        if csrf:
            body["csrf"] = secret
            cookies["pacta_csrf"] = secret
        status, _, location, html = self.request("POST", path, body, cookies)
        return status, html, location

    def api(self, section, key):
        """The record as the registry holds it (200), or 404."""
        kind = {"parties": "party", "organizations": "organization", "memberships": "membership",
                "bodies": "body", "actions": "action", "chairmanships": "chairmanship",
                "commitments": "commitment", "assessments": "assessment"}[section]
        r = run(self.db, "show", kind, key, "--json", expect=None)
        return (200, json.loads(r.stdout)) if r.returncode == 0 else (404, None)

    def journal_last(self):
        return json.loads(run(self.db, "journal", "--reverse", "--limit", "1", "--json")
                          .stdout)["entries"][0]

    def assert_error_beside(self, html, field, words):
        m = re.search(r'<p class="error" id="%s-error">([^<]*)</p>' % re.escape(field), html)
        self.assertTrue(m, f"no error beside {field}")
        self.assertIn(words, htmllib.unescape(m.group(1)))
        # The control says so, for assistive technology.
        ctl = re.search(r'<(?:input|select|textarea)[^>]*id="%s"[^>]*>' % re.escape(field), html)
        if ctl:
            self.assertIn('aria-invalid="true"', ctl.group(0))
            self.assertRegex(ctl.group(0), r'aria-describedby="[^"]*%s-error' % re.escape(field))

    def assert_kept(self, html, field, value):
        m = re.search(r'<(input|select|textarea)[^>]*id="%s"[^>]*>' % re.escape(field), html)
        self.assertTrue(m, f"no field {field}")
        if m.group(1) == "input":
            self.assertIn(f'value="{htmllib.escape(value)}"', m.group(0))
        elif m.group(1) == "textarea":
            self.assertIn(htmllib.escape(value, quote=False) + "</textarea>", html[m.end():m.end() + len(value) * 2 + 20])
        else:
            rest = html[m.end():html.index("</select>", m.end())]
            self.assertIn(f'value="{htmllib.escape(value)}" selected', rest)

    def roundtrip(self, kind, section, key, create, page, page_text, edit, check_edit, bad,
                  bad_field, bad_words, kept_field, retract=True):
        """Create, see it, edit, see the change, a wrong value, retract with a reason."""
        status, html, _ = self.post(f"/desk/new/{kind}", create)
        self.assertEqual(status, 201, html[-3000:])
        self.assertIn("<strong>Saved</strong>", html)
        code, rec = self.api(section, key)
        self.assertEqual(code, 200)
        self.assertEqual(self.journal_last()["actor"], "secretariat")
        if page:
            _, _, _, ph = self.request("GET", page)
            self.assertIn(page_text, ph)
        # The edit form is filled from the live record.
        status, _, html = self.form(f"/desk/edit/{kind}/{q(key)}")
        self.assertEqual(status, 200)
        for name, value in create.items():
            if isinstance(value, str) and value and "\n" not in value and name != "confirm":
                self.assert_kept(html, name, value)
        fields = dict(create)
        fields.update(edit)
        status, html, _ = self.post(f"/desk/edit/{kind}/{q(key)}", fields)
        self.assertEqual(status, 201, html[-3000:])
        code, rec = self.api(section, key)
        check_edit(rec)
        # A wrong value: its message beside the field, every typed value kept, nothing written.
        before = self.journal_last()["seq"]
        fields = dict(create)
        fields.update(bad)
        status, html, _ = self.post(f"/desk/edit/{kind}/{q(key)}", fields)
        self.assertIn(status, (400, 409), html[-3000:])
        self.assertIn('class="notice err"', html)
        self.assert_error_beside(html, bad_field, bad_words)
        self.assert_kept(html, kept_field, fields[kept_field])
        self.assertEqual(self.journal_last()["seq"], before)
        if not retract:
            return
        # Retract: a reason is required.
        status, html, _ = self.post(f"/desk/retract/{kind}/{q(key)}", {"reason": " "})
        self.assertEqual(status, 400)
        self.assert_error_beside(html, "reason", "A reason is needed")
        self.assertEqual(self.journal_last()["seq"], before)
        status, html, _ = self.post(f"/desk/retract/{kind}/{q(key)}",
                                    {"reason": f"entered by mistake ({kind})"})
        self.assertEqual(status, 200, re.findall(r'class="notice[^"]*"[^>]*>(.*?)</div>', html))
        self.assertIn("<strong>Retracted</strong>", html)
        last = self.journal_last()
        self.assertEqual((last["op"], last["kind"], last["key"], last["reason"]),
                         ("retract", kind, key, f"entered by mistake ({kind})"))
        self.assertEqual(self.api(section, key)[0], 404)

    def test_party(self):
        self.roundtrip(
            "party", "parties", "ZZA",
            {"code": "ZZA", "kind": "state", "name_en": "Zedland", "name_ru": "Зедландия",
             "capital_en": "Zed City", "cities": "Port Zed | Порт-Зед",
             "aliases_en": "Zedish\nZedlandic", "sources": "A note verbale | ref-1 | 2026-01-02"},
            "/parties/ZZA", "Zedland",
            {"name_en": "Republic of Zedland"},
            lambda r: (self.assertEqual(r["name"], {"en": "Republic of Zedland", "ru": "Зедландия"}),
                       self.assertEqual(r["cities"], [{"name": {"en": "Port Zed", "ru": "Порт-Зед"}}]),
                       self.assertEqual(r["aliases"], {"en": ["Zedish", "Zedlandic"]}),
                       self.assertEqual(r["sources"], [{"title": "A note verbale", "ref": "ref-1",
                                                        "date": "2026-01-02"}])),
            {"kind": "kingdom", "name_en": "Zedland typed"}, "kind", "expected one of",
            "name_en")

    def test_organization(self):
        self.roundtrip(
            "organization", "organizations", "zz-org",
            {"id": "zz-org", "name_en": "Zed Organization", "founded": "2001-01-01",
             "depositary": "Zed Secretariat"},
            "/organizations/zz-org", "Zed Organization",
            {"depositary": "Zed Executive Committee"},
            lambda r: self.assertEqual(r["depositary"], "Zed Executive Committee"),
            {"founded": "2001-02-30", "depositary": "typed depositary"}, "founded",
            "expected a real date", "depositary")

    def test_a_duplicate(self):
        # A record whose key is taken: said in English as in Russian, with the link to edit it
        # (before: "There is a organization cis already").
        for kind, fields, words in (
                ("organization", {"id": "cis", "name_en": "CIS"}, "The organization cis"),
                ("party", {"code": "ARM", "kind": "state", "name_en": "Armenia"},
                 "The party ARM")):
            status, page, _ = self.post(f"/desk/new/{kind}", fields)
            self.assertEqual(status, 409)
            text = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", page)).split())
            self.assertIn(f"{words} is already recorded: edit it instead.", text)
            self.assertIn(f'href="/desk/edit/{kind}/{fields.get("id") or fields["code"]}"', page)

    def test_membership(self):
        key = "union-state|ARM|2020-01-01"
        self.roundtrip(
            "membership", "memberships", key,
            {"organization": "union-state", "party": "ARM", "kind": "observer",
             "from": "2020-01-01", "note": "by invitation"},
            "/parties/ARM", "Union State",
            {"to": "2025-01-01"},
            lambda r: self.assertEqual(r["to"], "2025-01-01"),
            {"to": "2019-01-01", "note": "a note typed"}, "to", "must be after", "note")

    def test_body(self):
        self.roundtrip(
            "body", "bodies", "cis-zz",
            {"id": "cis-zz", "organization": "cis", "name_en": "Council of Zed",
             "level": "officials"},
            "/bodies/cis-zz", "Council of Zed",
            {"level": "ministers"},
            lambda r: self.assertEqual(r["level"], "ministers"),
            {"level": "emperors", "name_ru": "Совет"}, "level", "expected one of", "name_ru")

    def test_action(self):
        doc = "cis-agreement-1991"
        key = f"{doc}|ARM|declaration|2026-01-05"
        self.roundtrip(
            "action", "actions", key,
            {"document": doc, "party": "ARM", "type": "declaration", "date": "2026-01-05",
             "text": "Armenia declares."},
            f"/documents/{doc}", "declaration",
            {"note": "received by note verbale"},
            lambda r: self.assertEqual(r["note"], "received by note verbale"),
            {"effective": "2026-01-06", "note": "kept note"}, "effective",
            "only a withdrawal", "note")

    def test_action_future_date(self):
        """A consistency error (action.future_date) beside its field, on a new form."""
        fields = {"document": "cis-agreement-1991", "party": "ARM", "type": "declaration",
                  "date": "2027-01-05", "text": "Too early."}
        before = self.journal_last()["seq"]
        status, html, _ = self.post("/desk/new/action", fields)
        self.assertEqual(status, 409)
        self.assert_error_beside(html, "date", "after today")
        self.assert_kept(html, "text", "Too early.")
        self.assertEqual(self.journal_last()["seq"], before)

    def test_chairmanship(self):
        # A rule for an organization of its own, then the sample's CIS rule edited.
        status, html, _ = self.post("/desk/new/organization",
                                    {"id": "zz-chair", "name_en": "Zed Chairs"})
        self.assertEqual(status, 201)
        self.roundtrip(
            "chairmanship", "chairmanships", "zz-chair",
            {"organization": "zz-chair", "term": "calendar_year", "order_mode": "explicit",
             "order_list": "ARM\nBLR", "eligible": ["member", "founding"],
             "co_chairs": "none", "note": "by the statute"},
            "/organizations/zz-chair", "Zed Chairs",
            {"order_mode": "collate_ru", "declined_year_0": "2026", "declined_party_0": "ARM"},
            lambda r: (self.assertEqual(r["order"], {"collate": "ru"}),
                       self.assertEqual(r["eligible"], ["member", "founding"]),
                       self.assertEqual(r["declined"], [{"year": 2026, "party": "ARM"}])),
            {"recorded_year_0": "the year", "recorded_party_0": "ARM", "note": "kept"},
            "recorded_year_0", "expected a year", "note")

    def test_chairmanship_save_anyway(self):
        """The sample's CIS rule has chairs the rotation does not expect: a warning, then
        "Save anyway"."""
        status, _, html = self.form("/desk/edit/chairmanship/cis")
        self.assertEqual(status, 200)
        self.assertIn('id="recorded_party_0"', html)
        # The form as it stands, with a note added.
        fields = {}
        for m in re.finditer(r'<input[^>]*id="([a-z_0-9]+)"[^>]*value="([^"]*)"', html):
            fields[m.group(1)] = htmllib.unescape(m.group(2))
        for m in re.finditer(r'<select[^>]*id="([a-z_0-9]+)"[^>]*>(.*?)</select>', html, re.S):
            sel = re.search(r'<option value="([^"]*)" selected', m.group(2))
            if sel:
                fields[m.group(1)] = htmllib.unescape(sel.group(1))
        fields["eligible"] = re.findall(r'name="eligible" id="[^"]*" value="([^"]*)" checked', html)
        fields.pop("token", None)
        fields["note"] = "rotation by the Russian alphabet"
        before = self.journal_last()["seq"]
        status, html, _ = self.post("/desk/edit/chairmanship/cis", fields)
        self.assertEqual(status, 200, html[-3000:])
        self.assertIn("Not saved yet", html)
        self.assertIn("chair.outside_rotation", html)
        self.assertIn('<button type="submit">Save anyway</button>', html)
        self.assertIn('name="confirm" value="1"', html)
        self.assertEqual(self.journal_last()["seq"], before)
        fields["confirm"] = "1"
        status, html, _ = self.post("/desk/edit/chairmanship/cis", fields)
        self.assertEqual(status, 201, html[-3000:])
        self.assertIn("Recorded with", html)
        self.assertEqual(self.api("chairmanships", "cis")[1]["note"],
                         "rotation by the Russian alphabet")

    def test_commitment_and_assessment(self):
        self.roundtrip(
            "commitment", "commitments", "zz-commit",
            {"id": "zz-commit", "organization": "cis", "text_en": "Do the thing",
             "addressees_parties": "ARM\nBLR", "deadline": "2027-06-30", "category": "economy",
             "source_paragraph": "3"},
            "/commitments/zz-commit", "Do the thing",
            {"category": "security"},
            lambda r: (self.assertEqual(r["category"], "security"),
                       self.assertEqual(r["addressees"], {"parties": ["ARM", "BLR"]}),
                       self.assertEqual(r["source"], {"paragraph": 3})),
            {"deadline": "2027-02-31", "category": "kept category"}, "deadline",
            "expected a real date", "category", retract=False)
        key = "zz-commit|BLR|2026-06-30"
        self.roundtrip(
            "assessment", "assessments", key,
            {"commitment": "zz-commit", "party": "BLR", "score": "1", "date": "2026-06-30",
             "status": "preliminary", "evidence": "a decree"},
            "/commitments/zz-commit", "a decree",
            {"status": "reviewed", "score": "0"},
            lambda r: self.assertEqual((r["status"], r["score"]), ("reviewed", 0)),
            {"score": "2", "evidence": "typed evidence"}, "score", "expected a score",
            "evidence")
        # Now the commitment has no assessment left: it retracts.
        status, html, _ = self.post("/desk/retract/commitment/zz-commit", {"reason": "a test"})
        self.assertEqual(status, 200, html[-2000:])

    def test_retract_refused(self):
        """A retraction the checks refuse says why, on the form."""
        before = self.journal_last()["seq"]
        status, html, _ = self.post("/desk/retract/organization/cis", {"reason": "try"})
        self.assertEqual(status, 409)
        self.assertIn("retraction.referenced", html)
        self.assert_error_beside(html, "reason", "still referred to")
        self.assertEqual(self.journal_last()["seq"], before)

    def test_refused_without_csrf_or_session(self):
        before = self.journal_last()["seq"]
        fields = {"code": "ZZB", "kind": "state", "name_en": "Bee"}
        status, html, _ = self.post("/desk/new/party", fields, csrf=False)
        self.assertEqual(status, 403)
        # No session: to the sign-in page, nothing written.
        _, cookie, _, _ = self.request("GET", "/desk/new/party")
        status, _, location, _ = self.request("GET", "/desk/new/party")
        self.assertEqual((status, location), (303, "/login?next=/desk/new/party"))
        status, _, location, _ = self.request("POST", "/desk/new/party", fields)
        self.assertEqual(status, 303)
        status, _, _, _ = self.request("POST", "/desk/retract/party/ARM", {"reason": "x"})
        self.assertEqual(status, 303)
        self.assertEqual(self.journal_last()["seq"], before)
        self.assertEqual(self.api("parties", "ZZB")[0], 404)

    def test_unknown_kind(self):
        for path in ("/desk/new/treaty", "/desk/edit/nothing/x"):
            status, _, _, _ = self.request("GET", path, cookies={"pacta_session": self.session})
            self.assertEqual(status, 404, path)

    def test_delegate(self):
        before = self.journal_last()["seq"]
        # The depositary's forms are refused, writing nothing.
        for kind in ("party", "organization", "membership", "body", "chairmanship",
                     "commitment"):
            status, _, _, _ = self.request("GET", f"/desk/new/{kind}",
                                           cookies={"pacta_session": self.delegate})
            self.assertEqual(status, 403, kind)
        status, _, secret, _ = None, None, None, None
        _, secret, _ = self.form("/desk/new/action", self.delegate)
        status, _, _, html = self.request(
            "POST", "/desk/new/party", {"csrf": secret, "code": "ZZC", "kind": "state",
                                        "name_en": "Cee"},
            {"pacta_session": self.delegate, "pacta_csrf": secret})
        self.assertEqual(status, 403)
        status, _, _, _ = self.request(
            "POST", "/desk/edit/action/" + q("x|ARM|ratification|2026-01-01"),
            {"csrf": secret, "note": "x"}, {"pacta_session": self.delegate, "pacta_csrf": secret})
        self.assertEqual(status, 403)
        self.assertEqual(self.journal_last()["seq"], before)
        self.assertEqual(self.api("parties", "ZZC")[0], 404)
        # Its action form: its own party fixed, the delegate's types, a submission.
        status, _, html = self.form("/desk/new/action", self.delegate)
        self.assertEqual(status, 200)
        self.assertRegex(html, r'<input readonly id="party" name="party"[^>]*value="ARM"')
        self.assertNotIn('value="signature"', html)
        self.assertNotIn('id="effective"', html)
        self.assertIn("submission", html)
        status, html, _ = self.post("/desk/new/action",
                                    {"document": "cis-agreement-1991", "party": "BLR",
                                     "type": "declaration", "date": "2026-12-04",
                                     "text": "Armenia declares."}, self.delegate)
        self.assertEqual(status, 202, html[-2000:])
        self.assertIn("<strong>Submitted</strong>", html)
        subs = json.loads(run(self.db, "submissions", "list", "--json").stdout)
        sub = subs[-1] if isinstance(subs, list) else subs["submissions"][-1]
        self.assertEqual(sub["party"], "ARM")
        # The date is the day received, fixed: the instrument's own date has its field.
        # Before, the date could be changed, and a deposit dated as the instrument came back
        # refused in the API's words (leave "date" out, give "instrument_date").
        self.assertRegex(html, r'<input readonly type="date" id="date" name="date"[^>]*'
                               r'value="2026-12-04"')
        status, html, _ = self.post("/desk/new/action",
                                    {"document": "cis-agreement-1991", "type": "reservation",
                                     "date": "2026-11-20", "instrument_date": "2026-11-20",
                                     "text": "Armenia reserves."}, self.delegate)
        self.assertEqual(status, 202, html[-2000:])
        subs = json.loads(run(self.db, "submissions", "list", "--json").stdout)
        subs = subs if isinstance(subs, list) else subs["submissions"]
        rec = next(x["records"]["actions"][0] for x in subs
                   if x["records"].get("actions", [{}])[0].get("text") == "Armenia reserves.")
        self.assertEqual((rec["date"], rec["instrument_date"]), ("2026-12-04", "2026-11-20"))
        # A self-report.
        status, _, html = self.form("/desk/new/assessment", self.delegate)
        self.assertEqual(status, 200)
        self.assertIn('id="self_report"', html)
        status, html, _ = self.post("/desk/new/assessment",
                                    {"commitment": "cis-2020-blr-measures", "score": "1",
                                     "date": "2026-12-04", "evidence": "our decree"},
                                    self.delegate)
        self.assertEqual(status, 202, html[-2000:])

    def test_edit_links(self):
        _, _, _, html = self.request("GET", "/parties/ARM", cookies={"pacta_session": self.session})
        self.assertIn('href="/desk/edit/party/ARM"', html)
        _, _, _, html = self.request("GET", "/organizations/cis",
                                     cookies={"pacta_session": self.session})
        self.assertIn('href="/desk/edit/organization/cis"', html)
        _, _, _, html = self.request("GET", "/parties/ARM")
        self.assertNotIn("/desk/edit/", html)
        _, _, _, html = self.request("GET", "/parties/ARM",
                                     cookies={"pacta_session": self.delegate})
        self.assertNotIn("/desk/edit/", html)

    def test_cli_and_api_reason(self):
        run(self.db, "retract", "assessment", "cis-2020-concept.digital|BLR|2021-06-30",
            "--reason", "a duplicate")
        self.assertEqual(self.journal_last()["reason"], "a duplicate")
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        c.request("DELETE", "/api/v1/memberships/" + q("union-state|RUS|2000-01-26") +
                  "?reason=" + q("wrong date"), headers={"Authorization": "Bearer " + self.token})
        r = c.getresponse()
        r.read()
        self.assertEqual(r.status, 200)
        self.assertEqual(self.journal_last()["reason"], "wrong date")


if __name__ == "__main__":
    pactatest.main()
