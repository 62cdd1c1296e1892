#!/usr/bin/env python3
"""The depositary's desk (issue 15): the session form and the document form, signed in as the
depositary. A session of the CSTO Council of Foreign Ministers recorded with its attendance from
the members list, edited, a wrong date shown beside its field with everything typed kept; a
document with a threshold clause whose preview, computed by a dry run before anything is saved,
agrees with `pacta status`; posts without CSRF or without a session, and a delegate's, write
nothing.

    python3 tests/cli/test_desk_records.py path/to/pacta
"""
import html.parser
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pactatest  # noqa: E402
from pactatest import run, sample, serve, stop, token  # noqa: E402


class FormFields(html.parser.HTMLParser):
    """What a browser would submit from the first <form method=post>: every input, select and
    checked checkbox in order (buttons left out: the caller names the one pressed)."""

    def __init__(self):
        super().__init__()
        self.fields, self.inForm, self.select, self.firstOption = [], False, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post":
            self.inForm = True
        if not self.inForm:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind == "checkbox" and "checked" not in a:
                return
            self.fields.append([a["name"], a.get("value", "")])
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], None]
            self.firstOption = None
        elif tag == "option" and self.select is not None:
            if self.firstOption is None:
                self.firstOption = a.get("value", "")
            if "selected" in a:
                self.select[1] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inForm = False
        if tag == "select" and self.select is not None:
            v = self.select[1] if self.select[1] is not None else self.firstOption
            self.fields.append([self.select[0], v or ""])
            self.select = None


def form_fields(page):
    p = FormFields()
    p.feed(page)
    return p.fields


def setf(fields, name, value, nth=0):
    """Set the nth field called name."""
    for f in fields:
        if f[0] == name:
            if nth == 0:
                f[1] = value
                return
            nth -= 1
    raise KeyError(name)


def text_of(page):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


class DeskRecords(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp, cls.db = sample()
        cls.token = token(cls.db, "--role", "depositary", "--name", "secretariat")
        cls.arm = token(cls.db, "--role", "delegate", "--party", "ARM", "--name", "arm-mfa")
        cls.proc, cls.port = serve(cls.db)
        cls.session = cls.sign_in(cls.token)

    @classmethod
    def tearDownClass(cls):
        stop(cls.proc)
        cls.tmp.cleanup()

    @classmethod
    def request(cls, method, path, body=None, cookies=None, headers=None):
        return pactatest.request(cls.port, method, path, body, cookies, headers)[:4]

    @classmethod
    def sign_in(cls, token):
        status, cookie, _ = pactatest.sign_in(cls.port, token)
        assert status == 303, status
        return re.search(r"pacta_session=([0-9a-f]+)", cookie).group(1)

    def get_form(self, path, session=None):
        status, cookie, _, page = self.request("GET", path,
                                               cookies={"pacta_session": session or self.session})
        self.assertEqual(status, 200, page)
        csrf = re.search(r"pacta_csrf=([0-9a-f]{32})", cookie).group(1)
        return csrf, page

    def post(self, path, csrf, fields, action, session=None):
        return self.request("POST", path, fields + [["action", action]],
                            {"pacta_csrf": csrf, "pacta_session": session or self.session})

    def journal_last(self):
        _, _, _, body = self.request("GET", "/api/v1/journal?after=0&limit=1")
        return json.loads(body)["last"]

    def api(self, method, path, record):
        _, _, _, body = self.request(method, path, json.dumps(record),
                                     headers={"Authorization": "Bearer " + self.token,
                                              "Content-Type": "application/json"})
        return body

    # ---- The session form -----------------------------------------------------------------

    def test_1_session_create_and_edit(self):
        path = "/desk/new/session"
        csrf, page = self.get_form(path + "?body=csto-cfm&date=2026-11-20")
        fields = form_fields(page)
        parties = [v for k, v in fields if k == "att_party"]
        self.assertEqual(parties, ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"])
        self.assertIn('<option value="csto-cfm" selected>', page)
        for i, code in enumerate(parties):
            if code == "UZB":
                continue  # not recorded: the sources do not mention it
            setf(fields, "att_status", "present", i)
            setf(fields, "att_by", "Minister of " + code, i)
            setf(fields, "att_role", "Minister of Foreign Affairs", i)
        setf(fields, "att_status", "absent", parties.index("KGZ"))
        setf(fields, "att_by", "", parties.index("KGZ"))
        setf(fields, "att_role", "", parties.index("KGZ"))
        i = parties.index("BLR")
        setf(fields, "att_status", "represented", i)
        setf(fields, "att_by", "Igor Nazaruk", i)
        setf(fields, "att_role", "Deputy Minister of Foreign Affairs", i)
        setf(fields, "place", "Almaty")
        setf(fields, "format", "in_person")
        setf(fields, "next_date", "2027-06-10")
        setf(fields, "next_place", "Moscow")
        setf(fields, "source_title", "CSTO press release")
        setf(fields, "source_ref", "https://odkb-csto.org/news/")
        # Another date redraws the list, keeping what was typed.
        setf(fields, "date", "2026-11-21")
        status, _, _, page = self.post(path, csrf, fields, "members")
        self.assertEqual(status, 200, page)
        self.assertIn("The members of csto on 21 November 2026 (7)", text_of(page))
        self.assertIn('value="Igor Nazaruk"', page)
        self.assertIn('value="Almaty"', page)
        fields = form_fields(page)
        before = self.journal_last()
        status, _, location, page = self.post(path, csrf, fields, "save")
        self.assertEqual((status, location), (303, "/sessions/csto-cfm-2026-11-21"), page)
        self.assertEqual(self.journal_last(), before + 1)
        _, _, _, page = self.request("GET", location)
        t = text_of(page)
        self.assertIn("Absent: Kyrgyzstan", t)
        self.assertIn("Igor Nazaruk Deputy Minister of Foreign Affairs", t)
        self.assertIn("Represented", t.title())
        self.assertIn("Uzbekistan", t)  # a member the record does not mention
        # The depositary sees an Edit link; a visitor does not.
        _, _, _, signed = self.request("GET", location, cookies={"pacta_session": self.session})
        self.assertIn('href="/desk/edit/session/csto-cfm-2026-11-21"', signed)
        self.assertNotIn("/desk/edit/session/", page)
        # Edit: prefilled from the record; add an adopted document.
        epath = "/desk/edit/session/csto-cfm-2026-11-21"
        csrf, page = self.get_form(epath)
        self.assertIn('value="Igor Nazaruk"', page)
        self.assertIn('value="2026-11-21"', page)
        fields = form_fields(page)
        self.assertIn(["att_status", "represented"], fields)
        self.assertNotIn(["adopted", "csto-charter"], fields)
        fields.append(["adopted", "csto-charter"])
        status, _, location, page = self.post(epath, csrf, fields, "save")
        self.assertEqual((status, location), (303, "/sessions/csto-cfm-2026-11-21"), page)
        _, _, _, page = self.request("GET", location)
        self.assertIn('href="/documents/csto-charter"', page)
        self.assertIn("Absent: Kyrgyzstan", text_of(page))
        rec = json.loads(run(self.db, "export").stdout)
        s = [x for x in rec["sessions"] if x["id"] == "csto-cfm-2026-11-21"][0]
        self.assertEqual(s["adopted"], ["csto-charter"])
        self.assertEqual(len(s["attendance"]), 6)
        self.assertEqual(s["next"], {"date": "2027-06-10", "place": "Moscow"})

    def test_2_wrong_date_beside_its_field(self):
        path = "/desk/new/session"
        csrf, page = self.get_form(path + "?body=csto-cfm&date=2026-10-01")
        fields = form_fields(page)
        setf(fields, "date", "2026-02-30")
        setf(fields, "place", "Dushanbe")
        setf(fields, "att_status", "present", 0)
        setf(fields, "att_by", "Ararat Mirzoyan", 0)
        before = self.journal_last()
        status, _, _, page = self.post(path, csrf, fields, "save")
        self.assertEqual(status, 400)
        self.assertEqual(self.journal_last(), before)
        self.assertRegex(page, r'<input type="date" id="date" name="date" value="2026-02-30" '
                               r'aria-describedby="date-hint date-error" aria-invalid="true">')
        m = re.search(r'<p class="error" id="date-error">([^<]*)</p>', page)
        self.assertTrue(m, page)
        self.assertIn("2026-02-30", m.group(1))
        self.assertIn('value="Dushanbe"', page)
        self.assertIn('value="Ararat Mirzoyan"', page)
        # A consistency error beside its field: attendance after today.
        fields = form_fields(page)
        setf(fields, "date", "2027-01-20")
        status, _, _, page = self.post(path, csrf, fields, "save")
        self.assertEqual(status, 400)
        self.assertIn('<p class="error" id="attendance-error">', page)
        self.assertIn("session.future_attendance", page)
        self.assertNotIn("Save anyway", page)  # errors have no "save anyway"
        self.assertEqual(self.journal_last(), before)

    def test_3_warning_needs_save_anyway(self):
        path = "/desk/new/session"
        csrf, page = self.get_form(path + "?body=csto-cfm&date=2026-09-15")
        fields = form_fields(page)
        setf(fields, "add_party", "GEO")  # a party that is not a member
        setf(fields, "add_status", "present")
        before = self.journal_last()
        status, _, _, page = self.post(path, csrf, fields, "save")
        self.assertEqual(status, 200)
        self.assertEqual(self.journal_last(), before)
        self.assertIn("attendance.non_member", page)
        self.assertIn("Save anyway", page)
        self.assertRegex(page, r'<input type="hidden" name="confirm" value="[0-9a-f]{16}">')
        fields = form_fields(page)
        self.assertIn(["att_party", "GEO"], fields)
        # Changed since the warnings were shown (another date: another warning): shown
        # again, not saved.
        changed = [list(kv) for kv in fields]
        setf(changed, "date", "2026-09-16")
        status, _, _, page2 = self.post(path, csrf, changed, "save")
        self.assertEqual(status, 200)
        self.assertIn("Save anyway", page2)
        self.assertIn("2026-09-16", page2)
        self.assertEqual(self.journal_last(), before)
        status, _, location, _ = self.post(path, csrf, fields, "save")
        self.assertEqual((status, location), (303, "/sessions/csto-cfm-2026-09-15"))
        self.assertEqual(self.journal_last(), before + 1)

    # ---- The document form ----------------------------------------------------------------

    def test_4_document_preview_agrees_with_status(self):
        path = "/desk/new/document"
        csrf, page = self.get_form(path)
        fields = form_fields(page)
        for k, v in [("id", "csto-agr-2026-info"), ("organization", "csto"),
                     ("body", "csto-cfm"), ("type", "agreement"),
                     ("title_en", "Agreement on Information Security"),
                     ("title_ru", "Соглашение об информационной безопасности"),
                     ("adopted_date", "2026-01-15"), ("adopted_place", "Moscow"),
                     ("rule", "threshold"), ("count", "3"), ("delay_days", "30")]:
            setf(fields, k, v)
        status, _, _, page = self.post(path, csrf, fields, "preview")
        self.assertEqual(status, 200, page)
        self.assertIn("Not in force on 4 December 2026 , because the conditions are not met: 0 "
                      "consents counted so far, 3 needed.", text_of(page))
        self.assertIn('value="Agreement on Information Security"', page)
        before = self.journal_last()
        self.assertEqual(self.journal_last(), before)
        status, _, location, page = self.post(path, csrf, form_fields(page), "save")
        self.assertEqual((status, location), (303, "/documents/csto-agr-2026-info"), page)
        # Ratifications through the API, with a depositary bearer token.
        for party, date in [("ARM", "2026-03-02"), ("BLR", "2026-04-10"), ("KAZ", "2026-05-05"),
                            ("RUS", "2026-09-01")]:
            self.api("POST", "/api/v1/actions", {"document": "csto-agr-2026-info",
                                                 "party": party, "type": "ratification",
                                                 "date": date})
        # The edit form previews the clause as recorded, and a changed one before saving.
        epath = "/desk/edit/document/csto-agr-2026-info"
        csrf, page = self.get_form(epath)
        want = ("In force since 4 June 2026 for Armenia, Belarus and Kazakhstan; for Russia from "
                "1 October 2026, because Kazakhstan's ratification of 5 May 2026 was the 3rd "
                "consent counted and completed the conditions on 5 May 2026; 5 May 2026 + 30 days "
                "= 4 June 2026.")
        self.assertIn(want, text_of(page))
        fields = form_fields(page)
        self.assertIn(["count", "3"], fields)
        setf(fields, "later_days", "0")
        setf(fields, "count", "4")
        before = self.journal_last()
        status, _, _, page = self.post(epath, csrf, fields, "preview")
        self.assertEqual(status, 200, page)
        self.assertEqual(self.journal_last(), before)  # a preview writes nothing
        want = ("In force since 1 October 2026 for Armenia, Belarus, Kazakhstan and Russia, because "
                "Russia's ratification of 1 September 2026 was the 4th consent counted and "
                "completed the conditions on 1 September 2026; 1 September 2026 + 30 days = "
                "1 October 2026.")
        self.assertIn(want, text_of(page))
        status, _, location, _ = self.post(epath, csrf, form_fields(page), "save")
        self.assertEqual((status, location), (303, "/documents/csto-agr-2026-info"))
        st = json.loads(run(self.db, "status", "csto-agr-2026-info", "--json").stdout)
        self.assertTrue(st["in_force"])
        self.assertEqual(st["entry_into_force"], "2026-10-01")
        self.assertEqual({p["party"]: p["entry_into_force"] for p in st["parties"]},
                         {"ARM": "2026-10-01", "BLR": "2026-10-01", "KAZ": "2026-10-01",
                          "RUS": "2026-10-01"})
        rec = json.loads(run(self.db, "export").stdout)
        d = [x for x in rec["documents"] if x["id"] == "csto-agr-2026-info"][0]
        self.assertEqual(d["entry_into_force"], {"rule": "threshold",
                                                 "conditions": [{"count": 4}],
                                                 "delay": {"days": 30},
                                                 "later_delay": {"days": 0}})
        # The Edit link on the document page, for the depositary only.
        _, _, _, page = self.request("GET", "/documents/csto-agr-2026-info",
                                     cookies={"pacta_session": self.session})
        self.assertIn(f'href="{epath}"', page)

    def test_5_document_errors_beside_fields(self):
        path = "/desk/new/document"
        csrf, page = self.get_form(path)
        fields = form_fields(page)
        for k, v in [("id", "csto-x"), ("organization", "csto"), ("title_en", "X"),
                     ("rule", "threshold"), ("count", "three"), ("adopted_date", "2027-01-01")]:
            setf(fields, k, v)
        status, _, _, page = self.post(path, csrf, fields, "preview")
        self.assertEqual(status, 400)
        self.assertIn('<p class="error" id="count-error">', page)
        self.assertIn('value="three"', page)
        setf(fields, "count", "3")
        status, _, _, page = self.post(path, csrf, fields, "save")
        self.assertEqual(status, 400)
        self.assertIn('<p class="error" id="adopted-date-error">', page)
        self.assertIn("document.future_adoption", page)
        # An id already recorded is not overwritten by a new document.
        setf(fields, "adopted_date", "2026-01-01")
        setf(fields, "id", "csto-charter")
        status, _, _, page = self.post(path, csrf, fields, "save")
        self.assertEqual(status, 409)
        self.assertIn('<p class="error" id="id-error">', page)

    # ---- Refusals -------------------------------------------------------------------------

    def test_6_refused_writes_nothing(self):
        before = self.journal_last()
        csrf, page = self.get_form("/desk/new/session?body=csto-cfm&date=2026-08-01")
        fields = form_fields(page)
        # No CSRF.
        status, _, _, page = self.request("POST", "/desk/new/session", fields + [["action", "save"]],
                                          {"pacta_session": self.session})
        self.assertEqual(status, 403)
        self.assertIn("security code", page)
        # No session.
        status, _, location, _ = self.request("POST", "/desk/new/session",
                                              fields + [["action", "save"]],
                                              {"pacta_csrf": csrf})
        self.assertEqual((status, location), (303, "/login?next=/desk/new/session"))
        status, _, location, _ = self.request("GET", "/desk/edit/document/csto-charter")
        self.assertEqual((status, location), (303, "/login?next=/desk/edit/document/csto-charter"))
        # A delegate.
        arm = self.sign_in(self.arm)
        status, _, _, _ = self.request("GET", "/desk/new/document", cookies={"pacta_session": arm})
        self.assertEqual(status, 403)
        status, _, _, _ = self.request("POST", "/desk/new/session", fields + [["action", "save"]],
                                       {"pacta_csrf": csrf, "pacta_session": arm})
        self.assertEqual(status, 403)
        self.assertEqual(self.journal_last(), before)


if __name__ == "__main__":
    pactatest.main(verbosity=2)
