#!/usr/bin/env python3
"""Status reports (docs/reports.md): `pacta report document|party|organization` in English and
Russian, as HTML and as PDF (text extracted with pdftotext -layout), against `pacta status --json`
and `pacta party --json` on the bundled sample registry, with known answers from its real data;
the log size and root hash they end with against `pacta log root`, and the signer of a checkpoint;
the table's head repeated on every page of a long report; the same reports over HTTP; the minutes
as PDF; bad input.

usage: test_reports.py PACTA_BINARY
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pactatest  # noqa: E402
from pactatest import run  # noqa: E402

ON = "2026-01-01"
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
           "октября", "ноября", "декабря"],
}


def long_date(iso, lang):
    """20 April 1994; 20 апреля 1994 г."""
    y, m, d = (int(x) for x in iso.split("-"))
    s = f"{d} {MONTHS[lang][m - 1]} {y}"
    return s + " г." if lang == "ru" else s


def norm(s):
    """Whitespace (no-break spaces too) as single spaces."""
    return " ".join(s.split())


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                          check=True).stdout


def html_rows(doc):
    """The body rows of the first table: lists of cell texts."""
    body = doc.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        rows.append([norm(html.unescape(re.sub(r"<[^>]+>", "", c))) for c in cells])
    return rows


def pdf_line(text, name):
    """The line of a PDF's text whose row begins with name."""
    for line in text.splitlines():
        if norm(line).startswith(name + " ") or norm(line) == name:
            return norm(line)
    raise AssertionError(f"no row for {name!r} in:\n{text}")


@unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed")
class Reports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp, cls.db = pactatest.sample()
        cls.dir = cls.tmp.name
        cls.names = cls.party_names()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @classmethod
    def party_names(cls):
        with open(os.path.join(os.path.dirname(__file__), "..", "..", "sample",
                               "sample.json"), encoding="utf-8") as f:
            return {p["code"]: p["name"] for p in json.load(f)["parties"]}

    def report(self, *args, lang="en", fmt="html"):
        """A report's text: HTML as it is, a PDF through pdftotext -layout."""
        out = os.path.join(self.dir, f"r-{lang}.{fmt}")
        run(self.db, "--lang", lang, "report", *args, "--format", fmt, "--out", out)
        if fmt == "pdf":
            with open(out, "rb") as f:
                self.assertEqual(f.read(5), b"%PDF-")
            return pdf_text(out)
        with open(out, encoding="utf-8") as f:
            return f.read()

    def status(self, doc, on=ON):
        return json.loads(run(self.db, "status", doc, "--on", on, "--json").stdout)

    def log_root(self):
        return json.loads(run(self.db, "log", "root", "--json").stdout)

    # ---- A document -------------------------------------------------------------------------

    def check_document(self, doc, lang):
        st = self.status(doc)
        page = self.report("document", doc, "--on", ON, lang=lang)
        text = self.report("document", doc, "--on", ON, lang=lang, fmt="pdf")
        rows = {r[0]: r for r in html_rows(page)}
        as_at = {"en": "Status as at ", "ru": "Статус по состоянию на "}[lang] + long_date(ON, lang)
        self.assertIn(as_at, norm(html.unescape(page)))
        self.assertIn(as_at, norm(text))
        if st["entry_into_force"]:
            self.assertIn(long_date(st["entry_into_force"], lang), norm(text))
        listed = [p for p in st["parties"] if p["status"]]
        self.assertEqual(len(rows), len(listed))
        for p in listed:
            name = self.names[p["party"]][lang]
            row = rows[name]
            line = pdf_line(text, name)
            if p.get("entry_into_force"):
                eif = long_date(p["entry_into_force"], lang)
                self.assertEqual(row[4].split(";")[0], eif, (doc, lang, p))
                self.assertIn(eif, line)
            if p["status"] in ("in_force", "consented", "withdrawing", "withdrawn"):
                self.assertTrue(row[2], (doc, p))  # an instrument
                self.assertTrue(row[3], (doc, p))  # its date of deposit
                self.assertIn(row[3], line)
        # The PDF holds the same rows as the HTML, in the same order.
        order = [r[0] for r in html_rows(page)]
        table = norm(text)[norm(text).index(order[0] + " "):] if order else ""
        pos = [table.find(n + " ") for n in order]
        self.assertEqual(pos, sorted(pos))
        return page, text

    def test_document_in_both_languages_and_formats(self):
        for doc in ("cis-charter", "cis-agr-dtkt-997-747", "csto-cst-1992", "eaeu-treaty"):
            for lang in ("en", "ru"):
                with self.subTest(doc=doc, lang=lang):
                    self.check_document(doc, lang)

    def test_known_answers(self):
        # README: cis-agr-dtkt-997-747 in force from 1998-12-21; KAZ from 1998-12-29.
        page, text = self.check_document("cis-agr-dtkt-997-747", "en")
        rows = {r[0]: r for r in html_rows(page)}
        self.assertEqual(rows["Kazakhstan"][4], "29 December 1998")
        self.assertIn("Entry into force: 21 December 1998.", norm(text))
        self.assertIn("on the deposit of 3 instruments", norm(text))
        self.assertIn("Notification of completion of domestic procedures", page)
        # The CIS Charter: fixed date 22 January 1994; Kazakhstan's deposit 20 April 1994.
        page, text = self.check_document("cis-charter", "ru")
        rows = {r[0]: r for r in html_rows(page)}
        self.assertEqual(rows["Казахстан"][4], "20 апреля 1994 г.")
        self.assertEqual(rows["Казахстан"][2], "Ратификационная грамота")
        self.assertIn("Вступление в силу: 22 января 1994 г.", norm(text))
        self.assertIn("вступило в силу для 9 Сторон", norm(text))
        self.assertIn("Устав Содружества Независимых Государств", text)
        # Russian order: Азербайджан before Армения (Latin order has Armenia first).
        self.assertLess(text.index("Азербайджан"), text.index("Армения"))
        # Each sentence ends in one period, also after a date («г.»), and the totals begin with
        # a capital.
        self.assertIn("Итого Подписали 0 государств; сдано на хранение 9 документов;", norm(text))
        page, text = self.check_document("cis-agr-dtkt-997-747", "ru")
        self.assertIn("с даты сдачи ею документа на хранение.", norm(text))
        for doc in ("cis-charter", "cis-agr-dtkt-997-747", "csto-charter"):
            page = self.report("document", doc, "--on", ON, lang="ru")
            self.assertNotRegex(re.sub(r"<[^>]+>", "", page), r"г\.\s*\.", doc)

    def test_withdrawals(self):
        """The Collective Security Treaty: Azerbaijan, Georgia and Uzbekistan left on 20 April
        1999, when its first term ended (sample/sample.json)."""
        page = self.report("document", "csto-cst-1992", "--on", ON)
        rows = {r[0]: r for r in html_rows(page)}
        self.assertEqual(rows["Georgia"][6], "notified 20 April 1999; effective 20 April 1999")
        self.assertEqual(rows["Georgia"][4], "20 April 1994; withdrawn")
        self.assertEqual(rows["Armenia"][6], "")
        self.assertIn("9 signatories; 9 instruments deposited; in force for 6 parties; "
                      "3 withdrawals.", norm(self.report("document", "csto-cst-1992", "--on", ON,
                                                         fmt="pdf")))
        text = norm(self.report("document", "csto-cst-1992", "--on", ON, lang="ru", fmt="pdf"))
        self.assertIn("вступило в силу для 6 Сторон; 3 выхода.", text)
        self.assertIn("Грузия", text)
        # Before they left: in force for all nine.
        self.assertIn("in force for 9 parties; 0 withdrawals.",
                      self.report("document", "csto-cst-1992", "--on", "1999-01-01"))

    def test_reservations_in_an_annex(self):
        tmp = os.path.join(self.dir, "reservations")
        os.makedirs(tmp, exist_ok=True)
        db = os.path.join(tmp, "r.db")
        shutil.copy(self.db, db)
        text = ("Kazakhstan does not consider itself bound by the provisions on the settlement "
                "of disputes. " * 40).strip()
        path = os.path.join(tmp, "res.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"pacta": 1, "actions": [
                {"document": "cis-charter", "party": "KAZ", "type": "reservation",
                 "date": "1994-04-20", "text": text},
                {"document": "cis-charter", "party": "RUS", "type": "declaration",
                 "date": "1993-07-20", "text": "Заявление\nРоссийской Федерации."}]}, f)
        run(db, "load", path)
        # Numbered in the order of the rows: Kazakhstan, Russia; Казахстан, Россия.
        for lang, res, dec in (("en", "Reservation, 20 April 1994 [1]",
                                "Declaration, 20 July 1993 [2]"),
                               ("ru", "Оговорка, 20 апреля 1994 г. [1]",
                                "Заявление, 20 июля 1993 г. [2]")):
            out = os.path.join(tmp, f"r-{lang}")
            run(db, "--lang", lang, "report", "document", "cis-charter", "--on", ON,
                "--out", out + ".html")
            run(db, "--lang", lang, "report", "document", "cis-charter", "--on", ON,
                "--out", out + ".pdf")
            with open(out + ".html", encoding="utf-8") as f:
                page = f.read()
            # The text without the pages' footers: the annex runs over two pages.
            full = pdf_text(out + ".pdf")
            self.assertIn({"en": "Page 2 of 2", "ru": "Страница 2 из 2"}[lang], full)
            pdf = norm("\n".join(line for line in full.splitlines()
                                  if not re.search(r"(Page|Страница) \d+ (of|из) \d+\s*$", line)))
            rows = {r[0]: r for r in html_rows(page)}
            kaz = self.names["KAZ"][lang]
            rus = self.names["RUS"][lang]
            self.assertEqual(rows[kaz][5], res)
            self.assertEqual(rows[rus][5], dec)
            self.assertIn(norm(text), pdf)  # the whole text, over several lines
            self.assertIn(norm(text), norm(html.unescape(page)))
            self.assertIn("Заявление Российской Федерации.", pdf)
            self.assertIn({"en": "Annex: reservations and declarations",
                           "ru": "Приложение: оговорки и заявления"}[lang], pdf)

    def test_plurals_and_lang_attributes(self):
        page = self.report("document", "cis-agr-dtkt-997-747", "--on", ON, lang="ru")
        self.assertIn('<html lang="ru">', page)
        # Its title is recorded in English only: marked as English on a Russian page.
        self.assertRegex(page, r'<h1 lang="en">CIS agreement no\. 997_747')
        self.assertIn("сдано на хранение 8 документов", page)
        page = self.report("document", "cis-agr-1992-03-13-customs-policy", "--on", ON, lang="ru")
        self.assertIn("сдано на хранение 4 документа", page)

    # ---- A party and an organization ------------------------------------------------------------

    def test_party(self):
        prof = json.loads(run(self.db, "party", "ARM", "--on", ON, "--json").stdout)
        titles = {d["document"]: d for d in prof["documents"]}
        for lang in ("en", "ru"):
            page = self.report("party", "ARM", "--on", ON, lang=lang)
            text = norm(self.report("party", "ARM", "--on", ON, lang=lang, fmt="pdf"))
            rows = html_rows(page)
            self.assertEqual(len(rows), len(titles))
            for d in titles.values():
                if d.get("entry_into_force"):
                    eif = long_date(d["entry_into_force"], lang)
                    self.assertTrue(any(eif == r[5] for r in rows), (lang, d, rows))
                    self.assertIn(eif, text)
        page = self.report("party", "ARM", "--org", "cis", "--on", ON)
        self.assertEqual(len(html_rows(page)),
                         len([d for d in titles if d.startswith("cis-")]))

    def test_organization(self):
        docs = [d for d in json.loads(run(self.db, "list", "documents", "--org", "cis",
                                          "--json").stdout)["documents"]]
        n_in_force = sum(self.status(d["id"])["in_force"] for d in docs)
        for lang in ("en", "ru"):
            page = self.report("organization", "cis", "--on", ON, lang=lang)
            text = norm(self.report("organization", "cis", "--on", ON, lang=lang, fmt="pdf"))
            rows = html_rows(page)
            self.assertEqual(len(rows), len(docs))
            for r in rows:
                title = r[1]
                doc = next(d for d in docs if title in (d["title"].get(lang), d["title"].get("en")))
                st = self.status(doc["id"])
                counted = [len([p for p in st["parties"] if p["status"] == "in_force"])]
                self.assertEqual(int(r[6]), counted[0], (lang, doc["id"]))
                if st["in_force"]:
                    self.assertEqual(r[3], long_date(st["entry_into_force"], lang))
                    self.assertIn(r[3], text)
        text = norm(self.report("organization", "cis", "--on", ON, fmt="pdf"))
        self.assertIn(f"{len(docs)} documents; {n_in_force} in force; "
                      f"{len(docs) - n_in_force} not in force.", text)

    def test_head_repeats_on_every_page(self):
        """Sixty more CIS agreements: the organization's report runs over several pages, each
        with the table's head and its number."""
        tmp = os.path.join(self.dir, "long")
        os.makedirs(tmp, exist_ok=True)
        db = os.path.join(tmp, "r.db")
        shutil.copy(self.db, db)
        docs = [{"id": f"cis-test-{i:03d}", "organization": "cis", "type": "agreement",
                 "title": {"en": f"Test agreement {i} on cooperation in an area of common interest",
                           "ru": f"Тестовое соглашение {i} о сотрудничестве"},
                 "adopted": {"date": "2001-06-01", "place": "Minsk"},
                 "entry_into_force": {"rule": "threshold", "conditions": [{"count": 3}]}}
                for i in range(60)]
        acts = [{"document": f"cis-test-{i:03d}", "party": p, "type": "ratification",
                 "date": f"2002-01-1{k}"} for i in range(60) for k, p in
                enumerate(("ARM", "BLR", "KAZ"))]
        path = os.path.join(tmp, "more.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"pacta": 1, "documents": docs, "actions": acts}, f)
        run(db, "load", path)
        for lang, head, page_of in (("en", "Instruments", "Page {} of {}"),
                                    ("ru", "Подписали", "Страница {} из {}")):
            out = os.path.join(tmp, f"o-{lang}.pdf")
            run(db, "--lang", lang, "report", "organization", "cis", "--on", ON, "--out", out)
            pages = pdf_text(out).split("\f")
            pages = [p for p in pages if p.strip()]
            self.assertGreaterEqual(len(pages), 3)
            for i, p in enumerate(pages, 1):
                self.assertIn(page_of.format(i, len(pages)), norm(p))
                if i < len(pages):  # the last page may hold only totals and the log
                    self.assertIn(head, p, (lang, i))
            # Each of the 60 rows once, and in force: 3 instruments each.
            text = norm(" ".join(pages))
            for i in (0, 31, 59):
                self.assertEqual(text.count(f"agreement {i} on" if lang == "en"
                                            else f"соглашение {i} о"), 1)

    # ---- The log --------------------------------------------------------------------------------

    def test_log_size_root_and_signer(self):
        root = self.log_root()
        for fmt in ("html", "pdf"):
            for lang, size_label in (("en", "Log size: "), ("ru", "Размер журнала: ")):
                text = norm(html.unescape(self.report("document", "cis-charter", lang=lang,
                                                      fmt=fmt)))
                self.assertIn(f"{size_label}{root['size']}", text)
                self.assertIn(root["root"], text.replace(" ", ""))
        self.assertIn("No signed checkpoint", self.report("organization", "csto"))
        tmp = os.path.join(self.dir, "signed")
        os.makedirs(tmp, exist_ok=True)
        db = os.path.join(tmp, "r.db")
        shutil.copy(self.db, db)
        run(db, "key", "generate", "depositary.example/treaties", "--out",
            os.path.join(tmp, "log"))
        run(db, "log", "checkpoint", "--key", os.path.join(tmp, "log.key"))
        out = os.path.join(tmp, "r.pdf")
        run(db, "report", "document", "cis-charter", "--out", out)
        text = norm(pdf_text(out))
        self.assertRegex(text, r"Latest signed checkpoint: size %d, signed by "
                         r"depositary\.example/treaties \(key [0-9a-f]{8}\)" % root["size"])

    # ---- Minutes ----------------------------------------------------------------------------------

    def test_minutes_pdf(self):
        out = os.path.join(self.dir, "m.pdf")
        run(self.db, "minutes", "cis-chs-2020-12-18", "--format", "pdf", "--out", out)
        text = norm(pdf_text(out))
        md = norm(run(self.db, "minutes", "cis-chs-2020-12-18", "--format", "md").stdout)
        for name in ("Ilham Aliyev", "Shavkat Mirziyoyev", "Aleksandr Lukashenko"):
            self.assertIn(name, text)
            self.assertIn(name, md)
        self.assertIn("Page 1 of", text)
        self.assertIn(self.log_root()["root"], text.replace(" ", ""))
        run(self.db, "minutes", "no-such-session", "--format", "pdf", "--out", out, expect=1)

    # ---- Bad input --------------------------------------------------------------------------------

    def test_bad_input(self):
        p = run(self.db, "report", "document", "no-such-doc", expect=1)
        self.assertEqual(p.stderr, 'pacta: unknown document "no-such-doc"\n')  # as 'status' says
        run(self.db, "report", "party", "XXX", expect=1)
        run(self.db, "report", "organization", "nope", expect=1)
        p = run(self.db, "report", "party", "ARM", "--org", "nope", expect=1)
        self.assertIn('unknown organization "nope"', p.stderr)
        p = run(self.db, "report", "document", "cis-charter", "--on", "2023-02-30", expect=2)
        self.assertIn("YYYY-MM-DD", p.stderr)
        p = run(self.db, "report", "document", "cis-charter", "--format", "docx", expect=2)
        self.assertIn("expected html or pdf", p.stderr)
        p = run(self.db, "--lang", "xx", "report", "document", "cis-charter", expect=2)
        self.assertIn("en", p.stderr)
        run(self.db, "report", "treaty", "cis-charter", expect=2)
        p = run(self.db, "report", "document", "cis-charter", "--json", expect=2)
        self.assertIn("status DOC --json", p.stderr)
        run(self.db, "report", "document", expect=2)
        run(self.db, "minutes", "cis-chs-2020-12-18", "--format", "docx", expect=2)

    # ---- Over HTTP --------------------------------------------------------------------------------

    def test_http(self):
        proc, port = pactatest.serve(self.db)
        try:
            def get(path):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=20) as r:
                        return r.status, r.headers.get("Content-Type"), r.read()
                except urllib.error.HTTPError as e:
                    return e.code, e.headers.get("Content-Type"), e.read()

            st, ctype, body = get(f"/reports/document/cis-charter?on={ON}&lang=ru")
            self.assertEqual((st, ctype.split(";")[0]), (200, "text/html"))
            page = body.decode()
            self.assertIn('<html lang="ru">', page)
            self.assertEqual(html_rows(page), html_rows(
                self.report("document", "cis-charter", "--on", ON, lang="ru")))
            st, ctype, body = get(f"/reports/document/cis-charter?on={ON}&lang=ru&format=pdf")
            self.assertEqual((st, ctype), (200, "application/pdf"))
            path = os.path.join(self.dir, "http.pdf")
            with open(path, "wb") as f:
                f.write(body)
            self.assertIn("Вступление в силу: 22 января 1994 г.", norm(pdf_text(path)))
            for url in ("/reports/party/KAZ", "/reports/party/KAZ?org=csto",
                        "/reports/organization/eaeu?format=pdf",
                        "/sessions/cis-chs-2020-12-18/minutes.pdf"):
                self.assertEqual(get(url)[0], 200, url)
            page = get("/reports/party/KAZ?org=csto&on=2026-01-01&lang=en")[2].decode()
            self.assertIn('href="/reports/party/KAZ?org=csto&amp;on=2026-01-01&amp;lang=en&amp;'
                          'format=pdf"', page)
            self.assertIn('href="/reports/party/KAZ?org=csto&amp;on=2026-01-01&amp;lang=ru"', page)
            for url, code in (("/reports/document/no-such-doc", 404),
                              ("/reports/party/XXX", 404),
                              ("/reports/party/ARM?org=nope", 404),
                              ("/reports/organization/nope?format=pdf", 404),
                              ("/reports/document/cis-charter?on=2023-02-30", 400),
                              ("/reports/document/cis-charter?format=docx", 400),
                              ("/reports/document/cis-charter?lang=xx", 400),
                              ("/sessions/no-such-session/minutes.pdf", 404)):
                self.assertEqual(get(url)[0], code, url)
            # Linked from the document's, the party's and the organization's pages.
            for page, link in (("/documents/cis-charter", "/reports/document/cis-charter"),
                               ("/parties/ARM", "/reports/party/ARM"),
                               ("/organizations/cis", "/reports/organization/cis")):
                self.assertIn(f'href="{link}', get(page)[2].decode(), page)
            # The page frame's print style sheet.
            self.assertIn("@media print", get("/documents/cis-charter")[2].decode())
        finally:
            pactatest.stop(proc)


if __name__ == "__main__":
    pactatest.main()
