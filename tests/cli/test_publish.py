#!/usr/bin/env python3
"""Publishing tests: the iCalendar (RFC 5545) of `pacta export --format ics`
and GET /calendar.ics, the Atom feed (RFC 4287) of depositary notifications
(GET /feed.atom, /parties/{code}/feed.atom), and session minutes (HTML and
Markdown, over HTTP and `pacta minutes`), on a small registry of its own.

usage: test_publish.py PACTA_BINARY
"""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

PACTA = None
ATOM = "{http://www.w3.org/2005/Atom}"

LONG_TEXT = ("Prepare and submit to the Council of Heads of State a consolidated report on the "
             "implementation of the plan of measures, with proposals on the further steps; "
             "Ministers of Foreign Affairs to coordinate")

REGISTRY = {
    "pacta": 1,
    "parties": [{"code": "ARM", "kind": "state", "name": {"en": "Armenia"}},
                {"code": "BLR", "kind": "state", "name": {"en": "Belarus"}},
                {"code": "KAZ", "kind": "state", "name": {"en": "Kazakhstan"}}],
    "organizations": [{"id": "tor", "name": {"en": "Test Organization"}}],
    "memberships": [{"organization": "tor", "party": c, "kind": "member", "from": "2000-01-01"}
                    for c in ("ARM", "BLR", "KAZ")],
    "bodies": [{"id": "tor-council", "organization": "tor", "name": {"en": "Council of Heads"},
                "level": "heads_of_state"}],
    "sessions": [{"id": "tor-2003-04-15", "body": "tor-council", "number": 7,
                  "date": "2003-04-15", "place": "Yerevan, Hall A; East wing",
                  "format": "in_person",
                  "attendance": [{"party": "ARM", "status": "present", "by": "Robert Kocharyan",
                                  "role": "President"},
                                 {"party": "BLR", "status": "represented", "by": "S. Sidorsky",
                                  "role": "Prime Minister"}],
                  "adopted": ["tor-treaty"],
                  "next": {"date": "2004-09-16", "place": "Astana"}}],
    "documents": [{"id": "tor-treaty", "organization": "tor", "body": "tor-council",
                   "type": "treaty", "title": {"en": "Treaty on Test Cooperation"},
                   "adopted": {"date": "2003-04-15", "session": "tor-2003-04-15"},
                   "entry_into_force": {"rule": "threshold", "conditions": [{"count": 2}]}}],
    "actions": [{"document": "tor-treaty", "party": "ARM", "type": "signature",
                 "date": "2003-04-15"},
                {"document": "tor-treaty", "party": "BLR", "type": "signature",
                 "date": "2003-04-15"},
                {"document": "tor-treaty", "party": "ARM", "type": "ratification",
                 "date": "2003-06-01"},
                {"document": "tor-treaty", "party": "BLR", "type": "ratification",
                 "date": "2004-02-10"},
                {"document": "tor-treaty", "party": "BLR", "type": "reservation",
                 "date": "2004-02-10", "text": "Article 3 does not apply <to> & \"us\""}],
    "commitments": [{"id": "tor-2003-report", "organization": "tor",
                     "source": {"session": "tor-2003-04-15", "document": "tor-treaty"},
                     "text": {"en": LONG_TEXT}, "addressees": {"parties": ["ARM", "BLR"]},
                     "deadline": "2004-03-31", "category": "institutional"}],
    "assessments": [{"commitment": "tor-2003-report", "party": "ARM", "score": 1,
                     "date": "2004-05-01", "status": "reviewed", "assessor": "Secretariat",
                     "evidence": "Report submitted on 2004-03-20 <ref 12>"},
                    {"commitment": "tor-2003-report", "party": "BLR", "score": -1,
                     "date": "2004-05-01", "status": "preliminary",
                     "evidence": "ILLUSTRATIVE: a made-up score for the test"},
                    {"commitment": "tor-2003-report", "party": "BLR", "score": 1,
                     "date": "2004-05-01", "self_report": True,
                     "evidence": "Our report went out by diplomatic note"}],
}


def run(db, *args, check=True):
    p = subprocess.run([PACTA, "--db", db, *args], capture_output=True)
    if check and p.returncode != 0:
        raise AssertionError(f"pacta {' '.join(args)}: exit {p.returncode}\n{p.stderr!r}")
    return p


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unfold(ics):
    """RFC 5545 section 3.1: remove CRLF followed by one space or tab."""
    return re.sub(r"\r\n[ \t]", "", ics)


def events(ics):
    out = []
    for block in unfold(ics).split("BEGIN:VEVENT\r\n")[1:]:
        block = block.split("END:VEVENT\r\n")[0]
        props = {}
        for line in block.split("\r\n"):
            if line:
                name, _, value = line.partition(":")
                props[name] = value
        out.append(props)
    return out


class Served(unittest.TestCase):
    """The test registry, served."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "r.db")
        run(cls.db, "init")
        path = os.path.join(cls.tmp.name, "registry.json")
        with open(path, "w") as f:
            json.dump(REGISTRY, f)
        run(cls.db, "load", path)
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
                    raise AssertionError("pacta serve did not start")
                time.sleep(0.05)

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=10)
        cls.server.stderr.close()
        cls.tmp.cleanup()

    def get(self, path):
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as r:
                return r.status, r.headers.get("Content-Type"), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type"), e.read()


class Publish(Served):
    # ---- iCalendar ------------------------------------------------------------

    def check_ics(self, raw):
        text = raw.decode("utf-8")
        self.assertTrue(text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        self.assertTrue(text.endswith("END:VCALENDAR\r\n"))
        # Every line ends in CRLF, none is longer than 75 octets.
        self.assertNotIn("\n", text.replace("\r\n", ""))
        for line in raw.split(b"\r\n"):
            self.assertLessEqual(len(line), 75, line)
        # The long deadline summary was folded (and unfolds to the whole text).
        self.assertIn("\r\n ", text)
        ev = {e["UID"]: e for e in events(text)}
        self.assertEqual(set(ev), {"session-tor-2003-04-15@pacta",
                                   "session-tor-2003-04-15-next@pacta",
                                   "commitment-tor-2003-report@pacta"})
        s = ev["session-tor-2003-04-15@pacta"]
        self.assertEqual(s["DTSTART;VALUE=DATE"], "20030415")
        self.assertEqual(s["DTEND;VALUE=DATE"], "20030416")
        self.assertEqual(s["LOCATION"], "Yerevan\\, Hall A\\; East wing")
        self.assertEqual(s["SUMMARY"], "Council of Heads\\, session 7")
        self.assertRegex(s["DTSTAMP"], r"^\d{8}T\d{6}Z$")
        self.assertIn("\\nFormat: in person", s["DESCRIPTION"])
        n = ev["session-tor-2003-04-15-next@pacta"]
        self.assertEqual(n["DTSTART;VALUE=DATE"], "20040916")
        self.assertEqual(n["LOCATION"], "Astana")
        self.assertEqual(n["STATUS"], "TENTATIVE")
        c = ev["commitment-tor-2003-report@pacta"]
        self.assertEqual(c["DTSTART;VALUE=DATE"], "20040331")
        escaped = LONG_TEXT.replace(",", "\\,").replace(";", "\\;")
        self.assertEqual(c["SUMMARY"], "Deadline: " + escaped)
        self.assertGreater(len(("SUMMARY:Deadline: " + escaped).encode()), 75)

    def test_ics_cli(self):
        out = run(self.db, "export", "--format", "ics").stdout
        self.check_ics(out)
        # Stable: the same registry gives the same calendar.
        self.assertEqual(out, run(self.db, "export", "--format", "ics").stdout)
        self.assertEqual(run(self.db, "export", "--format", "xml", check=False).returncode, 2)

    def test_ics_http(self):
        status, ctype, body = self.get("/calendar.ics")
        self.assertEqual(status, 200)
        self.assertEqual(ctype, "text/calendar; charset=utf-8")
        self.check_ics(body)
        status, _, body = self.get("/calendar.ics?organization=tor")
        self.assertEqual(status, 200)
        self.check_ics(body)
        self.assertEqual(self.get("/calendar.ics?organization=nope")[0], 404)

    # ---- Atom -----------------------------------------------------------------

    def test_feed(self):
        status, ctype, body = self.get("/feed.atom")
        self.assertEqual(status, 200)
        self.assertEqual(ctype, "application/atom+xml")
        root = ET.fromstring(body)
        self.assertEqual(root.tag, ATOM + "feed")
        for tag in ("title", "id", "updated", "author"):
            self.assertIsNotNone(root.find(ATOM + tag), tag)
        entries = root.findall(ATOM + "entry")
        titles = [e.find(ATOM + "title").text for e in entries]
        self.assertIn("Armenia: ratification of Treaty on Test Cooperation (1 June 2003)", titles)
        self.assertIn("Belarus: signature of Treaty on Test Cooperation (15 April 2003)", titles)
        self.assertIn("Belarus: reservation of Treaty on Test Cooperation (10 February 2004)", titles)
        # Threshold of two consents: in force from Belarus's ratification.
        st = json.loads(run(self.db, "status", "tor-treaty", "--json").stdout)
        self.assertEqual(st["entry_into_force"], "2004-02-10")
        eif = [e for e in entries if "entered into force" in e.find(ATOM + "title").text]
        self.assertEqual([e.find(ATOM + "title").text for e in eif],
                         ["Treaty on Test Cooperation entered into force on 10 February 2004"])
        self.assertEqual(eif[0].find(ATOM + "updated").text, "2004-02-10T00:00:00Z")
        self.assertEqual(len(entries), 6)  # five actions and one entry into force
        ids = [e.find(ATOM + "id").text for e in entries]
        self.assertEqual(len(set(ids)), len(ids))
        for e in entries:
            self.assertEqual(e.find(ATOM + "link").get("href"), "/documents/tor-treaty")
            self.assertRegex(e.find(ATOM + "updated").text, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        # The reservation's text, escaped, comes back intact.
        res = [e for e in entries if "reservation" in e.find(ATOM + "title").text][0]
        self.assertIn('Article 3 does not apply <to> & "us"', res.find(ATOM + "content").text)
        self.assertRegex(res.find(ATOM + "id").text, r"^tag:pacta,\d{4}:seq:\d+$")

    def test_party_feed(self):
        status, _, body = self.get("/parties/ARM/feed.atom")
        self.assertEqual(status, 200)
        root = ET.fromstring(body)
        titles = [e.find(ATOM + "title").text for e in root.findall(ATOM + "entry")]
        self.assertEqual(sorted(t for t in titles if t.startswith("Armenia:")),
                         ["Armenia: ratification of Treaty on Test Cooperation (1 June 2003)",
                          "Armenia: signature of Treaty on Test Cooperation (15 April 2003)"])
        self.assertFalse([t for t in titles if t.startswith("Belarus:")])
        self.assertIn("Treaty on Test Cooperation entered into force on 10 February 2004", titles)
        # Kazakhstan took no action: an empty, still valid, feed.
        root = ET.fromstring(self.get("/parties/KAZ/feed.atom")[2])
        self.assertEqual(root.findall(ATOM + "entry"), [])
        self.assertEqual(self.get("/parties/XXX/feed.atom")[0], 404)

    def test_links(self):
        home = self.get("/")[2].decode()
        self.assertIn('type="application/atom+xml"', home)
        self.assertIn('href="/feed.atom"', home)
        self.assertIn('href="/parties/ARM/feed.atom"', self.get("/parties/ARM")[2].decode())
        self.assertIn('href="/sessions/tor-2003-04-15/minutes"',
                      self.get("/sessions/tor-2003-04-15")[2].decode())

    # ---- Minutes --------------------------------------------------------------

    def check_minutes(self, text, md):
        for s in ("Council of Heads", "15 April 2003", "Robert Kocharyan", "President",
                  "S. Sidorsky", "Prime Minister", "represented", "Treaty on Test Cooperation",
                  "tor-2003-report", "31 March 2004", "16 September 2004", "Astana"):
            self.assertIn(s, text)
        # Kazakhstan was a member and is not in the attendance record.
        self.assertRegex(text, r"does not mention: Kazakhstan \(KAZ\)")
        # Actions at the session: the two signatures of 2003-04-15, not the ratifications.
        actions = text.split("Actions taken at the session")[-1].split("Commitments given")[0]
        self.assertEqual(actions.count("signature"), 2)
        self.assertNotIn("ratification", actions)
        if md:
            self.assertIn("| Party | Attendance | By | Role |", text)
            self.assertIn("| [Armenia (ARM)](/parties/ARM) | present | Robert Kocharyan | "
                          "President |", text)
            self.assertIn("## Next session", text)
            self.assertIn("Yerevan, Hall A; East wing", text)
        else:
            self.assertIn("<h1>Minutes of the Council of Heads, session 7, 15 April 2003</h1>", text)
            self.assertIn("<td>Robert Kocharyan</td><td>President</td>", text)
            self.assertIn('<a href="/documents/tor-treaty">Treaty on Test Cooperation</a>', text)

    def test_minutes_http(self):
        status, ctype, body = self.get("/sessions/tor-2003-04-15/minutes")
        self.assertEqual((status, ctype), (200, "text/html; charset=utf-8"))
        self.check_minutes(body.decode(), md=False)
        status, ctype, body = self.get("/sessions/tor-2003-04-15/minutes.md")
        self.assertEqual((status, ctype), (200, "text/markdown; charset=utf-8"))
        self.check_minutes(body.decode(), md=True)

    def test_minutes_cli(self):
        html = run(self.db, "minutes", "tor-2003-04-15").stdout.decode()
        self.check_minutes(html, md=False)
        self.assertEqual(html.encode(), self.get("/sessions/tor-2003-04-15/minutes")[2])
        md = run(self.db, "minutes", "tor-2003-04-15", "--format", "md").stdout.decode()
        self.check_minutes(md, md=True)
        p = run(self.db, "minutes", "no-such-session", check=False)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(run(self.db, "minutes", "tor-2003-04-15", "--format", "docx",
                             check=False).returncode, 2)

    # ---- Compliance pages -----------------------------------------------------

    def test_compliance_page(self):
        status, ctype, body = self.get("/organizations/tor/compliance?on=2005-01-01")
        self.assertEqual((status, ctype), (200, "text/html; charset=utf-8"))
        page = body.decode()
        self.assertIn("<svg", page)
        self.assertIn("Compliance percent by party on 1 January 2005", page)
        chart = page[page.index("<svg"):page.index("</svg>")]
        self.assertIn(">100%</text>", chart)  # Armenia: +1
        self.assertIn(">0%</text>", chart)  # Belarus: -1 (its self-report does not count)
        self.assertIn("not scored", chart)  # Kazakhstan is not addressed or scored
        table = page[page.index('<table class="hm">'):]
        table = table[:table.index("</table>")]
        self.assertIn('<td class="s s-p">+1</td>', table)
        self.assertIn('<td class="s s-n">\u22121 <span class="illus"', table)
        self.assertIn("Illustrative scores.", page)
        overdue = page[page.index('id="overdue"'):]
        self.assertIn('href="/commitments/tor-2003-report"', overdue)
        # Before any assessment: nothing scored, the chart says so.
        page = self.get("/organizations/tor/compliance?on=2004-01-01")[2].decode()
        self.assertNotIn("Illustrative scores.", page.split('id="heatmap"')[1].split("</table>")[0])
        self.assertEqual(self.get("/organizations/tor/compliance?on=2005-02-30")[0], 400)
        # A report period: its own figures, and the same report as CSV.
        page = self.get("/organizations/tor/compliance?from=2004-06-01&on=2005-01-01")[2].decode()
        self.assertIn("Report period 1 June 2004 to 1 January 2005", page)
        csv_href = ("/api/v1/organizations/tor/compliance?on=2005-01-01&amp;from=2004-06-01"
                    "&amp;format=csv")
        self.assertIn(csv_href, page)
        status, ctype, body = self.get(csv_href.replace("&amp;", "&"))
        self.assertEqual(status, 200)
        self.assertTrue(ctype.startswith("text/csv"))
        self.assertTrue(body.decode().startswith("party,"))
        self.assertEqual(self.get("/organizations/tor/compliance?from=2005-13-01")[0], 400)
        self.assertEqual(self.get("/organizations/nope/compliance")[0], 404)
        self.assertIn('href="/organizations/tor/compliance"', self.get("/organizations/tor")[2]
                      .decode())

    def test_commitment_page(self):
        status, _, body = self.get("/commitments/tor-2003-report")
        self.assertEqual(status, 200)
        page = body.decode()
        self.assertIn(LONG_TEXT, page)
        self.assertIn("Report submitted on 2004-03-20 &lt;ref 12&gt;", page)
        self.assertIn("reviewed", page)
        self.assertIn("Secretariat", page)
        arm = page[page.index("Armenia <span"):page.index("Belarus <span")]
        blr = page[page.index("Belarus <span"):]
        self.assertNotIn("illustrative</span>", arm)
        mine, own = blr.split("<h4>Self-reports</h4>")
        self.assertIn('<span class="illus">illustrative</span>', mine)
        self.assertIn("ILLUSTRATIVE: a made-up score", mine)
        self.assertIn("Our report went out by diplomatic note", own)
        self.assertNotIn("diplomatic note", mine)
        self.assertEqual(self.get("/commitments/nope")[0], 404)

    def test_minutes_unknown(self):
        self.assertEqual(self.get("/sessions/no-such-session/minutes")[0], 404)
        self.assertEqual(self.get("/sessions/no-such-session/minutes.md")[0], 404)


class FeedRetraction(Served):
    """The same registry, with Belarus's reservation retracted: the feed says so."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        run(cls.db, "retract", "action", "tor-treaty|BLR|reservation|2004-02-10", "--reason",
            "Entered in error")

    def test_retraction_in_the_feed(self):
        root = ET.fromstring(self.get("/feed.atom")[2])
        entries = root.findall(ATOM + "entry")
        ret = [e for e in entries if e.find(ATOM + "title").text.startswith("Retracted: ")]
        self.assertEqual([e.find(ATOM + "title").text for e in ret],
                         ["Retracted: Belarus: reservation of Treaty on Test Cooperation "
                          "(10 February 2004)"])
        e = ret[0]
        self.assertEqual(e.find(ATOM + "category").get("term"), "retraction")
        self.assertEqual(e.find(ATOM + "link").get("href"), "/documents/tor-treaty")
        content = e.find(ATOM + "content").text
        self.assertIn("The registry no longer holds Belarus's reservation of Treaty on Test "
                      "Cooperation, dated 10 February 2004.", content)
        self.assertIn("Reason: Entered in error", content)
        # The latest entry, and in Belarus's feed, not in Armenia's.
        self.assertIs(entries[0], e)
        titles = lambda code: [x.find(ATOM + "title").text for x in ET.fromstring(
            self.get(f"/parties/{code}/feed.atom")[2]).findall(ATOM + "entry")]
        self.assertEqual(sum(t.startswith("Retracted: ") for t in titles("BLR")), 1)
        self.assertEqual(sum(t.startswith("Retracted: ") for t in titles("ARM")), 0)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    PACTA = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)
