#!/usr/bin/env python3
"""Web page tests of pacta serve: every page of the sample registry is fetched
over HTTP and checked for real content (known answers from the sources, as in
test_cli.py), HTML escaping, 404 and 400 pages, and the action form: CSRF,
tokens and roles, validation, nothing written on error.

usage: test_pages.py PACTA_BINARY
"""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

PACTA = None
SEEDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ingest", "expected")

XSS_NAME = '<script>alert("x")</script> & Co'


def run(db, *args):
    p = subprocess.run([PACTA, "--db", db, *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError(f"pacta {' '.join(args)}: exit {p.returncode}\n{p.stderr}")
    return p.stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Pages(unittest.TestCase):
    def assertIn(self, member, container, msg=None):
        if member not in container:
            self.fail(f"{member!r} not found in {container[:300]!r}... {msg or ''}")

    def assertNotIn(self, member, container, msg=None):
        if member in container:
            i = container.index(member)
            self.fail(f"{member!r} found in ...{container[max(0, i - 200):i + 200]!r}... {msg or ''}")

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "sample.db")
        run(cls.db, "init", "--sample")
        extra = os.path.join(cls.tmp.name, "extra.json")
        with open(extra, "w") as f:
            json.dump({"pacta": 1, "parties": [
                {"code": "XSS", "kind": "state", "name": {"en": XSS_NAME, "ru": "<b>Икс</b>"}}],
                "sessions": [{"id": "cis-chs-2099-10-09", "body": "cis-chs", "date": "2099-10-09",
                              "place": "Dushanbe <&>", "format": "in_person",
                              "next": {"date": "2100-10-01", "place": "Minsk"}}]}, f)
        run(cls.db, "load", extra)
        cls.depositary = json.loads(run(cls.db, "token", "create", "--role", "depositary",
                                        "--name", "test depositary", "--json"))["token"]
        cls.delegate = json.loads(run(cls.db, "token", "create", "--role", "delegate", "--party",
                                      "ARM", "--name", "arm-delegate", "--json"))["token"]
        cls.port = free_port()
        cls.base = f"http://127.0.0.1:{cls.port}"
        cls.server = subprocess.Popen(
            [PACTA, "--db", cls.db, "serve", "--listen", f"127.0.0.1:{cls.port}", "--quiet"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", cls.port), timeout=0.2):
                    break
            except OSError:
                if time.time() > deadline or cls.server.poll() is not None:
                    raise AssertionError("pacta serve did not start: " +
                                         cls.server.stderr.read().decode())
                time.sleep(0.05)

    @classmethod
    def tearDownClass(cls):
        cls.server.send_signal(signal.SIGTERM)
        try:
            rc = cls.server.wait(timeout=10)
        finally:
            if cls.server.poll() is None:
                cls.server.kill()
            cls.server.stderr.close()
            cls.tmp.cleanup()
        assert rc == 0, f"pacta serve exited {rc} on SIGTERM"

    # ---- helpers ------------------------------------------------------------

    def fetch(self, path, data=None, headers=None):
        """(status, headers, body) without raising on 4xx."""
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.headers, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode()

    def page(self, path, status=200):
        code, headers, body = self.fetch(path)
        self.assertEqual(code, status, f"{path}: {body[:500]}")
        self.assertTrue(headers["Content-Type"].startswith("text/html"), path)
        self.assertIn("default-src 'self'", headers["Content-Security-Policy"])
        self.assertTrue(body.startswith("<!doctype html>"), path)
        self.assertIn('<main id="main">', body)
        self.assertIn('<nav aria-label="Main">', body)
        self.assertNotIn("<script", body.lower(), f"{path} has a script")
        return body

    def section(self, body, caption):
        """The HTML of the table whose caption starts with `caption`."""
        i = body.index("<caption>" + caption)
        return body[i:body.index("</table>", i)]

    def journal_last(self):
        code, _, body = self.fetch("/api/v1/journal?after=0&limit=1")
        return json.loads(body)["last"]

    # ---- reading pages --------------------------------------------------------

    def test_every_index_page(self):
        body = self.page("/")
        self.assertIn('href="/organizations/cis"', body)
        self.assertIn("Содружество Независимых Государств", body)
        self.assertIn("The ten latest journal entries", body)
        upcoming = self.section(body, "Sessions from today on")
        self.assertIn("2099-10-09", upcoming)
        self.assertIn("Dushanbe &lt;&amp;&gt;", upcoming)
        self.assertIn("2100-10-01", upcoming)  # announced as the next session
        self.assertLess(upcoming.index("2099-10-09"), upcoming.index("2100-10-01"))
        self.assertIn('href="/documents/cis-agr-dtkt-997-747"', self.page("/documents"))
        self.assertIn('href="/sessions/cis-chs-2020-12-18"', self.page("/sessions"))
        self.assertIn('href="/parties/ARM"', self.page("/parties"))
        self.assertIn('href="/organizations/eaeu"', self.page("/organizations"))

    def test_every_entity_page_and_its_links(self):
        """Every entity page answers, and every internal link on them too."""
        seen, links = set(), set()
        for kind, key, path in [("organizations", "id", "organizations"),
                                ("bodies", "id", "bodies"), ("sessions", "id", "sessions"),
                                ("documents", "id", "documents"), ("parties", "code", "parties")]:
            _, _, body = self.fetch(f"/api/v1/{kind}?limit=1000")
            for rec in json.loads(body)[kind]:
                html = self.page(f"/{path}/{rec[key]}")
                seen.add(f"/{path}/{rec[key]}")
                links.update(re.findall(r'href="(/(?:organizations|bodies|sessions|documents|'
                                        r'parties)/[^"?#]+)', html))
        for link in sorted(links - seen):
            if link.endswith((".atom", ".md")):  # feeds and Markdown minutes (test_publish.py)
                self.assertEqual(self.fetch(link)[0], 200, link)
                continue
            self.page(link)

    def test_georgia_leaves_cis_2009_08_18(self):
        before = self.section(self.page("/organizations/cis?on=2009-08-17"), "Members on 17 August 2009")
        after = self.section(self.page("/organizations/cis?on=2009-08-18"), "Members on 18 August 2009")
        self.assertIn('href="/parties/GEO"', before)
        self.assertNotIn('href="/parties/GEO"', after)

    def test_organization_timeline_and_chairs(self):
        body = self.page("/organizations/cis")
        svg = body[body.index("<svg"):body.index("</svg>")]
        self.assertIn('role="img"', svg)
        self.assertIn("<title", svg)
        self.assertIn('class="k-associate"', svg)  # Turkmenistan, associate since 2005-08-26
        self.assertIn("Turkmenistan: associate from 26 August 2005", svg)
        self.assertIn("Georgia: member from 3 December 1993 to 18 August 2009", svg)
        chairs = self.section(body, "Chair, expected chair and co-chairs by year")
        row2014 = chairs[chairs.index('id="chair-2014"'):]
        row2014 = row2014[:row2014.index("</tr>")]
        self.assertIn('class="breach"', row2014)  # Ukraine, a participant, recorded for 2014
        self.assertIn("/parties/UKR", row2014)
        self.assertIn("breaks the rotation rule", row2014)
        self.assertIn('href="/bodies/cis-chs"', body)
        self.assertIn('href="/documents/cis-charter"', body)

    def test_eaeu_computed_chairs(self):
        chairs = self.section(self.page("/organizations/eaeu"), "Chair, expected chair")
        for year, code in [(2016, "KAZ"), (2017, "KGZ"), (2018, "RUS"), (2019, "ARM")]:
            row = chairs[chairs.index(f'id="chair-{year}"'):]
            row = row[:row.index("</tr>")]
            self.assertIn(f"/parties/{code}", row.split("</td>")[0], year)

    def test_document_status_and_explanation(self):
        body = self.page("/documents/cis-agr-dtkt-997-747?on=2026-01-01")
        self.assertIn('its entry into force was <time datetime="1998-12-21">21 December 1998</time>', body)
        self.assertIn("<strong>threshold</strong>: 3 consents", body)
        matrix = self.section(body, "Each party&#39;s signature, consent and status on 1 January 2026")
        kaz = matrix[matrix.index("/parties/KAZ"):]
        kaz = kaz[:kaz.index("</tr>")]
        self.assertIn("notification", kaz)
        self.assertIn('<time datetime="1998-12-29">', kaz)
        self.assertIn("st-in_force", kaz)
        self.assertIn('Armenia&#39;s notification of <time datetime="1998-12-21">21 December 1998</time> was the 3rd consent counted', body)
        self.assertIn('<time datetime="1998-12-21">21 December 1998</time> + 0 days = <time datetime="1998-12-21">21 December 1998</time>', body)
        self.assertIn('own notification of <time datetime="1998-12-29">29 December 1998</time> + 0 days = '
                      '<time datetime="1998-12-29">29 December 1998</time>', body)
        chart = body[body.index('id="consents"'):]
        chart = chart[chart.index("<svg"):chart.index("</svg>")]
        self.assertIn("threshold: 3 consents", chart)
        self.assertIn("entry into force 21 December 1998", chart)
        self.assertIn('class="steps"', chart)

    def test_document_before_entry_into_force(self):
        body = self.page("/documents/cis-agr-dtkt-997-747?on=1998-01-01")
        self.assertIn("is <strong>not in force</strong>", body)
        self.assertIn("2 consents counted so far", body)

    def test_session(self):
        body = self.page("/sessions/cis-chs-2020-12-18")
        self.assertIn("<strong>Absent:</strong>", body)
        absent = body[body.index("<strong>Absent:</strong>"):]
        self.assertIn("/parties/ARM", absent[:absent.index("</p>")])
        self.assertIn("Ilham Aliyev", body)
        self.assertIn('href="/documents/cis-concept-2020"', body)
        self.assertIn("2021-10-15", body)
        self.assertIn("Minsk", body)

    def test_party(self):
        body = self.page("/parties/GEO")
        self.assertIn("Грузия", body)
        self.assertIn("<svg", body)
        self.assertIn('<time datetime="2009-08-18">', body)
        body = self.page("/parties/BLR")
        self.assertIn("Chairs held", body)
        self.assertIn('href="/documents/cis-agr-dtkt-997-747?on=', body)

    def test_escaping(self):
        for path in ["/parties/XSS", "/parties", "/record"]:
            body = self.page(path)
            self.assertNotIn(XSS_NAME, body, path)
            self.assertNotIn("<b>Икс</b>", body, path)
        body = self.page("/parties/XSS")
        self.assertIn("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co", body)
        self.assertIn("&lt;b&gt;Икс&lt;/b&gt;", body)
        body = self.page("/documents/%3Cb%3E", 404)
        self.assertNotIn("<b>", body)

    def test_not_found_and_bad_dates(self):
        for path in ["/documents/nope", "/organizations/nope", "/sessions/nope", "/bodies/nope",
                     "/parties/ZZZ", "/no-such-page"]:
            self.assertIn("Not found", self.page(path, 404))
        self.assertIn("not a date", self.page("/documents/cis-charter?on=2023-02-30", 400))
        self.page("/organizations/cis?on=yesterday", 400)
        self.page("/parties/ARM?on=2020-13-01", 400)
        code, headers, body = self.fetch("/api/v1/no/such/thing")
        self.assertEqual(code, 404)
        self.assertEqual(headers["Content-Type"], "application/json")

    def test_cached_page_is_identical(self):
        a = self.page("/documents/cis-charter?on=2000-01-01")
        b = self.page("/documents/cis-charter?on=2000-01-01")
        self.assertEqual(a, b)

    def test_cached_answer_is_of_its_own_query(self):
        # "q=agreement%26org%3Dcis" is one argument; "q=agreement&org=cis" two. The second
        # must not be answered from the first's cached answer (each thread of the server
        # keeps its own cache: each is asked several times).
        for path, query in [("/api/v1/search?q=agreement%26org%3Dcis", "agreement&org=cis"),
                            ("/api/v1/search?q=agreement&org=cis", "agreement")]:
            for _ in range(4):
                code, headers, body = self.fetch(path)
                self.assertEqual(code, 200, body)
                self.assertEqual(json.loads(body)["query"], query, path)

    def test_document_page_etag(self):
        """A document page's ETag is made from the journal's last entry and the request, not
        the page: 304 while neither changed, 200 for another language or date and after a
        write to the journal."""
        doc = {"id": "etag-agreement", "organization": "cis", "type": "agreement",
               "title": {"en": "ETag Agreement", "ru": "Соглашение об ETag"},
               "adopted": {"date": "2001-02-03", "place": "Minsk", "session": None},
               "entry_into_force": {"rule": "threshold", "conditions": [{"count": 1}]}}
        path = "/documents/etag-agreement?on=2020-01-01"
        party = {"code": "ETG", "kind": "state", "name": {"en": "Etagland", "ru": "Этагия"}}
        records = os.path.join(self.tmp.name, "etag.json")
        with open(records, "w") as f:
            json.dump({"pacta": 1, "parties": [party], "documents": [doc]}, f)
        run(self.db, "load", records)
        code, headers, body = self.fetch(path)
        self.assertEqual(code, 200)
        self.assertIn("ETag Agreement", body)
        etag = headers["ETag"]
        self.assertEqual(self.fetch(path, headers={"If-None-Match": etag})[::2], (304, ""))
        for other in [{"Accept-Language": "ru"}, {"Cookie": "pacta_lang=ru"}]:
            code, h, body = self.fetch(path, headers={"If-None-Match": etag, **other})
            self.assertEqual(code, 200, other)
            self.assertNotEqual(h["ETag"], etag, other)
        code, h, body = self.fetch(path + "&lang=ru", headers={"If-None-Match": etag})
        self.assertEqual(code, 200)
        self.assertIn("Соглашение об ETag", body)
        code, h, _ = self.fetch("/documents/etag-agreement?on=2020-01-02",
                                headers={"If-None-Match": etag})
        self.assertEqual(code, 200)
        self.assertNotEqual(h["ETag"], etag)
        # With a token: 304 on the ETag it was given.
        bearer = {"Authorization": f"Bearer {self.depositary}"}
        _, h, _ = self.fetch(path, headers=bearer)
        code, _, _ = self.fetch(path, headers={"If-None-Match": h["ETag"], **bearer})
        self.assertEqual(code, 304)
        # A consent recorded: the page changes, and so does its ETag.
        with open(records, "w") as f:
            json.dump({"pacta": 1, "actions": [
                {"document": "etag-agreement", "party": "ETG", "type": "ratification",
                 "date": "2002-03-04"}]}, f)
        run(self.db, "load", records)
        code, h, body = self.fetch(path, headers={"If-None-Match": etag})
        self.assertEqual(code, 200)
        self.assertIn('href="/parties/ETG">Etagland</a>', body)
        self.assertNotEqual(h["ETag"], etag)
        self.assertEqual(self.fetch(path, headers={"If-None-Match": h["ETag"]})[::2], (304, ""))
        self.assertIn('href="/parties/ETG">Этагия</a>', self.fetch(path + "&lang=ru")[2])
        # The party renamed: every row naming it says so (the thread kept its heading).
        party["name"] = {"en": "New Etagland", "ru": "Новая Этагия"}
        with open(records, "w") as f:
            json.dump({"pacta": 1, "parties": [party]}, f)
        run(self.db, "load", records)
        body = self.page(path)
        self.assertIn('href="/parties/ETG">New Etagland</a>', body)
        self.assertNotIn(">Etagland<", body)
        self.assertIn('href="/parties/ETG">Новая Этагия</a>', self.fetch(path + "&lang=ru")[2])

    # ---- the action form ------------------------------------------------------------

    def form(self):
        code, headers, body = self.fetch("/record")
        self.assertEqual(code, 200)
        cookie = headers["Set-Cookie"]
        self.assertIn("SameSite=Strict", cookie)
        self.assertIn("HttpOnly", cookie)
        self.assertIn("Path=/record", cookie)
        value = re.match(r"pacta_csrf=([0-9a-f]{32});", cookie).group(1)
        self.assertIn(f'name="csrf" value="{value}"', body)
        self.assertIsNone(headers.get("ETag"), "the form must not be cached")
        return value

    def post(self, fields, csrf, cookie=True):
        data = urllib.parse.urlencode(fields).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if cookie:
            headers["Cookie"] = f"other=1; pacta_csrf={csrf}"
        return self.fetch("/record", data=data, headers=headers)

    def action(self, **kw):
        a = {"document": "cis-agr-dtkt-997-747", "party": "KGZ", "type": "withdrawal",
             "date": "2024-03-01", "note": "test", "token": self.depositary}
        a.update(kw)
        return a

    def refused(self, fields, csrf, status, words, cookie=True):
        before = self.journal_last()
        code, _, body = self.post(fields, csrf, cookie)
        self.assertEqual(code, status, body[:800])
        self.assertIn("Nothing was recorded", body)
        self.assertIn(words, body)
        self.assertEqual(self.journal_last(), before, "a refused form wrote to the journal")
        return body

    def test_record_refusals(self):
        csrf = self.form()
        self.refused(self.action(csrf=csrf), csrf, 403, "security code", cookie=False)
        self.refused(self.action(csrf="0" * 32), csrf, 403, "security code")
        self.refused(self.action(csrf=csrf, token=""), csrf, 401, "token is needed")
        self.refused(self.action(csrf=csrf, token="pacta_wrong"), csrf, 401, "unknown")
        body = self.refused(self.action(csrf=csrf, token=self.delegate), csrf, 403,
                            "own party only")
        self.assertIn("arm-delegate", body)
        body = self.refused(self.action(csrf=csrf, date="2024-02-30"), csrf, 400, "2024-02-30")
        self.assertIn('value="test"', body, "the form keeps what was typed")
        self.refused(self.action(csrf=csrf, type="nonsense"), csrf, 400, "nonsense")
        self.refused(self.action(csrf=csrf, document="<nope>"), csrf, 400, "&lt;nope&gt;")
        self.refused(self.action(csrf=csrf, document="cis-charter\x00x"), csrf, 400, "UTF-8")

    def test_record_writes_through_the_journal(self):
        csrf = self.form()
        before = self.journal_last()
        text = 'Armenia declares <i>this</i> & "that"'
        # The depositary records a declaration received on paper, with its past date.
        code, _, body = self.post(self.action(csrf=csrf, party="ARM", type="declaration",
                                              date="2024-01-10", text=text), csrf)
        self.assertEqual(code, 201, body[:800])
        self.assertIn(f"journal entry {before + 1}", body)
        self.assertEqual(self.journal_last(), before + 1)
        _, _, j = self.fetch(f"/api/v1/journal?after={before}")
        self.assertEqual(json.loads(j)["entries"][0]["actor"], "test depositary")
        doc = self.page("/documents/cis-agr-dtkt-997-747?on=2024-06-01")
        self.assertIn("Armenia declares &lt;i&gt;this&lt;/i&gt; &amp; &quot;that&quot;", doc)
        # The same again writes nothing new.
        code, _, body = self.post(self.action(csrf=csrf, party="ARM", type="declaration",
                                              date="2024-01-10", text=text), csrf)
        self.assertEqual(code, 200, body[:800])
        self.assertIn("Already recorded", body)
        self.assertEqual(self.journal_last(), before + 1)
        # A delegate's form is a submission, dated the day it is received: journaled, and
        # nothing on the document's page until the depositary accepts it.
        today = time.strftime("%Y-%m-%d", time.gmtime())
        self.assertIn(f'name="date" required value="{today}"', self.page("/record"))
        code, _, body = self.post(self.action(csrf=csrf, party="ARM", type="declaration",
                                              date=today, text="Submitted words",
                                              token=self.delegate), csrf)
        self.assertEqual(code, 202, body[:800])
        self.assertIn("<strong>Submitted</strong> as <code>sub-", body)
        self.assertEqual(self.journal_last(), before + 2)
        self.assertNotIn("Submitted words", self.page("/documents/cis-agr-dtkt-997-747"))
        # A delegate's date other than the day of receipt is refused.
        self.refused(self.action(csrf=csrf, party="ARM", type="declaration", date="2024-01-11",
                                 token=self.delegate), csrf, 403, "date of deposit")
        # A withdrawal by the depositary: the status page follows at once.
        code, _, body = self.post(self.action(csrf=csrf, party="MDA", date="2025-03-01"), csrf)
        self.assertEqual(code, 201, body[:800])
        doc = self.page("/documents/cis-agr-dtkt-997-747?on=2025-06-01")
        mda = self.section(doc, "Each party")
        mda = mda[mda.index("/parties/MDA"):]
        self.assertIn("st-withdrawing", mda[:mda.index("</tr>")])
        self.assertIn('effective <time datetime="2026-03-01">1 March 2026</time>', mda[:mda.index("</tr>")])


    # ---- drafting from a press release (/ingest, /api/v1/ingest) -------------------

    def seed(self, name):
        path = os.path.join(SEEDS, name)
        with open(path, encoding="utf-8") as f:
            return path, f.read()

    def test_ingest_api_drafts_as_the_command_does(self):
        before = self.journal_last()
        path, text = self.seed("003_e3a3c006c5fcf67c.txt")
        code, headers, body = self.fetch(
            "/api/v1/ingest?name=" + urllib.parse.quote(path), data=text.encode(),
            headers={"Content-Type": "text/plain; charset=utf-8"})
        self.assertEqual(code, 200, body[:500])
        self.assertEqual(json.loads(body), json.loads(run(self.db, "ingest", "--json", path)))
        # Seed 004 gives no date: one given in the query sets it, and the id.
        _, text4 = self.seed("004_baf21a53b7d9f635.txt")
        code, _, body = self.fetch("/api/v1/ingest?date=2014-06-05", data=text4.encode(),
                                   headers={"Content-Type": "text/plain"})
        self.assertEqual(code, 200, body[:500])
        s = json.loads(body)["session"]
        self.assertEqual((s["id"], s["date"]), ("cis-chss-2014-06-05", "2014-06-05"))
        for data, ctype, query, status in ((text.encode(), "application/json", "", 415),
                                           (b"", "text/plain", "", 400),
                                           (b"\x00\x01\x02binary", "text/plain", "", 400),
                                           (text.encode(), "text/plain", "?date=2014-02-30", 400),
                                           (text.encode(), "text/plain", "?place=", 400)):
            with self.subTest(ctype=ctype, query=query, data=data[:10]):
                code, _, body = self.fetch("/api/v1/ingest" + query, data=data,
                                           headers={"Content-Type": ctype})
                self.assertEqual(code, status, body[:300])
                self.assertIn('"error"', body)
        self.assertEqual(self.journal_last(), before, "drafting wrote to the journal")

    def ingest_form(self):
        code, headers, body = self.fetch("/ingest")
        self.assertEqual(code, 200)
        cookie = headers["Set-Cookie"]
        self.assertIn("Path=/ingest", cookie)
        self.assertIsNone(headers.get("ETag"), "the form must not be cached")
        return re.match(r"pacta_csrf=([0-9a-f]{32});", cookie).group(1)

    def ingest_post(self, csrf, cookie=True, **fields):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if cookie:
            headers["Cookie"] = f"pacta_csrf={csrf}"
        data = urllib.parse.urlencode({"csrf": csrf, **fields}).encode()
        return self.fetch("/ingest", data=data, headers=headers)

    def test_ingest_page_drafts_and_loads(self):
        csrf = self.ingest_form()
        before = self.journal_last()
        _, text3 = self.seed("003_e3a3c006c5fcf67c.txt")
        code, _, body = self.ingest_post(csrf, text=text3, action="draft")
        self.assertEqual(code, 200, body[:800])
        table = self.section(body, "The draft, field by field")
        self.assertIn("cis-chs-2020-12-18", table)
        self.assertIn("<q>18 December 2020</q>", table)
        self.assertIn("Load the session record", body)
        # Seed 004 has no date: the draft says so and offers no loading until one is given.
        _, text4 = self.seed("004_baf21a53b7d9f635.txt")
        code, _, body = self.ingest_post(csrf, text=text4, action="draft")
        self.assertEqual(code, 200, body[:800])
        self.assertIn("cannot be loaded yet", body)
        self.assertIn("no full date found", body)
        self.assertNotIn("Load the session record", body)
        self.assertEqual(self.journal_last(), before, "drafting wrote to the journal")
        # Loading: refused without the form's cookie, without a token, with a delegate's.
        load = dict(text=text4, date="2014-06-05", action="load")
        for kw, status, words in ((dict(cookie=False, token=self.depositary), 403,
                                   "security code"),
                                  (dict(token=""), 401, "A token is needed"),
                                  (dict(token="pacta_wrong"), 401, "unknown"),
                                  (dict(token=self.delegate), 403, "arm-delegate"),
                                  (dict(token=self.depositary, date="2014-13-01"), 400,
                                   "not a real date")):
            with self.subTest(status=status, words=words):
                code, _, body = self.ingest_post(csrf, **{**load, **kw})
                self.assertEqual(code, status, body[:800])
                self.assertIn(words, body)
                self.assertEqual(self.journal_last(), before)
        code, _, body = self.ingest_post(csrf, token=self.depositary, **load)
        self.assertEqual(code, 201, body[:800])
        self.assertIn(f"journal entry {before + 1}", body)
        self.assertIn('href="/sessions/cis-chss-2014-06-05"', body)
        self.assertEqual(self.journal_last(), before + 1)
        _, _, j = self.fetch(f"/api/v1/journal?after={before}")
        self.assertEqual(json.loads(j)["entries"][0]["actor"], "test depositary")
        session = self.page("/sessions/cis-chss-2014-06-05")
        self.assertIn("Council of Heads of Security Agencies and Special Services", session)
        code, _, body = self.ingest_post(csrf, token=self.depositary, **load)
        self.assertEqual(code, 200, body[:800])
        self.assertIn("Already recorded", body)
        self.assertEqual(self.journal_last(), before + 1)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    PACTA = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
