#!/usr/bin/env python3
"""Complete downloads (issue 17, part 2): every list of the API whole (limit=all, streamed) or a
page at a time (limit, offset, cursor/next_cursor), its total in the JSON and in X-Total-Count;
GET /api/v1/export byte-equal to `pacta export` with an ETag by the journal; the list pages
(documents, sessions, parties, journal) paged, filtered, and linking the CSV of the same rows.

usage: test_lists.py PACTA_BINARY
"""
import csv
import http.client
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pactatest  # noqa: E402
from pactatest import api, run, sample, serve, stop  # noqa: E402


def get(port, path, headers=None):
    """(status, headers with lower-case names, body bytes)."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("GET", path, headers=headers or {})
    r = c.getresponse()
    out = (r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    c.close()
    return out


def get_json(port, path):
    status, headers, body = get(port, path)
    assert status == 200, (path, status, body[:300])
    return json.loads(body), headers


def csv_rows(body):
    return list(csv.reader(io.StringIO(body.decode(), newline="")))


def hrefs(html, cls):
    return [m.replace("&amp;", "&") for m in re.findall(r'<a class="%s" href="([^"]+)"' % cls, html)]


class Lists(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp, cls.db = sample()
        cls.proc, cls.port = serve(cls.db)

    @classmethod
    def tearDownClass(cls):
        stop(cls.proc)
        cls.tmp.cleanup()

    def all_of(self, section, query=""):
        doc, headers = get_json(self.port, f"/api/v1/{section}?limit=all{query}")
        self.assertEqual(doc["total"], len(doc[section]))
        self.assertEqual(headers["x-total-count"], str(doc["total"]))
        self.assertNotIn("next_cursor", doc)
        return doc[section]

    def test_cursor_pages_make_the_whole_list(self):
        for section in ("actions", "documents", "parties", "memberships", "sessions"):
            whole = self.all_of(section)
            got, path, pages = [], f"/api/v1/{section}?limit=7", 0
            while True:
                doc, headers = get_json(self.port, path)
                self.assertEqual(doc["total"], len(whole))
                self.assertEqual(headers["x-total-count"], str(len(whole)))
                got += doc[section]
                pages += 1
                if "next_cursor" not in doc:
                    break
                path = f"/api/v1/{section}?limit=7&cursor={doc['next_cursor']}"
            self.assertEqual(got, whole, section)
            self.assertEqual(pages, max(1, (len(whole) + 6) // 7), section)

    def test_offset_still_pages(self):
        whole = self.all_of("actions")
        doc, _ = get_json(self.port, "/api/v1/actions?limit=5&offset=10")
        self.assertEqual(doc["actions"], whole[10:15])
        self.assertEqual((doc["limit"], doc["offset"]), (5, 10))

    def test_whole_csv_is_the_export_file(self):
        """limit=all as CSV: every row, the columns and bytes of `pacta export --format csv`."""
        out = os.path.join(self.tmp.name, "csv")
        run(self.db, "export", "--format", "csv", "--out", out)
        for section in ("actions", "documents", "parties", "organizations", "sessions"):
            status, headers, body = get(self.port, f"/api/v1/{section}?format=csv&limit=all")
            self.assertEqual(status, 200)
            self.assertTrue(headers["content-type"].startswith("text/csv"))
            with open(os.path.join(out, section + ".csv"), "rb") as f:
                self.assertEqual(body, f.read(), section)
            self.assertEqual(len(csv_rows(body)) - 1, int(headers["x-total-count"]), section)

    def test_filters(self):
        docs = self.all_of("documents")
        in_force = self.all_of("documents", "&status=in_force")
        not_in_force = self.all_of("documents", "&status=not_in_force")
        self.assertTrue(in_force and not_in_force)
        self.assertEqual(sorted(d["id"] for d in in_force + not_in_force),
                         sorted(d["id"] for d in docs))
        for d in in_force[:5]:
            st, _ = get_json(self.port, f"/api/v1/documents/{d['id']}/status")
            self.assertTrue(st["in_force"], d["id"])
        year = docs[0]["adopted"]["date"][:4]
        of_year = self.all_of("documents", f"&year={year}")
        self.assertEqual([d["id"] for d in of_year],
                         [d["id"] for d in docs if (d.get("adopted") or {}).get("date", "")[:4] == year])
        cis = self.all_of("sessions", "&organization=cis")
        bodies = {b["id"]: b["organization"] for b in self.all_of("bodies")}
        self.assertTrue(cis)
        self.assertEqual(len(cis), sum(1 for s in self.all_of("sessions") if bodies[s["body"]] == "cis"))
        # A filtered list pages by cursor too, with the filtered total.
        doc, _ = get_json(self.port, "/api/v1/sessions?organization=cis&limit=1")
        self.assertEqual(doc["total"], len(cis))
        self.assertEqual(doc["sessions"], cis[:1])
        doc, _ = get_json(self.port, f"/api/v1/sessions?organization=cis&limit=1&cursor={doc['next_cursor']}")
        self.assertEqual(doc["sessions"], cis[1:2])

    def test_bad_arguments(self):
        for path in ("/api/v1/actions?cursor=%25%25", "/api/v1/documents?year=19x4",
                     "/api/v1/documents?status=maybe", "/api/v1/actions?limit=some",
                     "/api/v1/journal?op=delete", "/api/v1/journal?cursor=YWJj"):
            status, _, body = get(self.port, path)
            self.assertEqual(status, 400, path)
            self.assertIn("error", json.loads(body))

    def test_bad_filters_name_the_parameter(self):
        # As every route of the API says it: "query parameter NAME: expected ..., got ...";
        # the pages say the same, in their language.
        cases = [("/api/v1/documents?year=19x4", "/documents?year=19x4",
                  'query parameter year: expected a year from 1 to 9999, got "19x4"'),
                 ("/api/v1/journal?year=0", "/journal?year=0",
                  'query parameter year: expected a year from 1 to 9999, got "0"'),
                 ("/api/v1/documents?status=maybe", "/documents?status=maybe",
                  'query parameter status: expected in_force or not_in_force, got "maybe"'),
                 ("/api/v1/journal?op=delete", "/journal?op=delete",
                  'query parameter op: expected put or retract, got "delete"')]
        for path, page, message in cases:
            status, _, body = get(self.port, path)
            self.assertEqual(status, 400, path)
            self.assertEqual(json.loads(body)["error"],
                             {"code": "bad_parameter", "message": message}, path)
            status, _, body = get(self.port, page)
            self.assertEqual(status, 400, page)
            self.assertIn(message.replace('"', "&quot;"), body.decode(), page)
        status, _, body = get(self.port, "/documents?year=19x4&lang=ru")
        self.assertEqual(status, 400)
        self.assertIn("параметр запроса year: ожидается год от 1 до 9999, получено «19x4»",
                      body.decode())

    def test_journal_whole_and_by_cursor(self):
        doc, headers = get_json(self.port, "/api/v1/journal?limit=all")
        entries = doc["entries"]
        self.assertEqual(doc["total"], doc["last"])
        self.assertEqual(len(entries), doc["total"])
        self.assertEqual([e["seq"] for e in entries], list(range(1, doc["last"] + 1)))
        self.assertEqual(headers["x-total-count"], str(doc["total"]))
        got, path = [], "/api/v1/journal?limit=50"
        while path:
            page, _ = get_json(self.port, path)
            got += page["entries"]
            path = page.get("next_cursor") and f"/api/v1/journal?limit=50&cursor={page['next_cursor']}"
        self.assertEqual(got, entries)
        # after= still reads on from a sequence number.
        page, _ = get_json(self.port, "/api/v1/journal?after=10&limit=2")
        self.assertEqual([e["seq"] for e in page["entries"]], [11, 12])
        docs, _ = get_json(self.port, "/api/v1/journal?limit=all&kind=document")
        self.assertEqual(docs["entries"], [e for e in entries if e["kind"] == "document"])
        self.assertEqual(docs["total"], len(docs["entries"]))
        status, headers, body = get(self.port, "/api/v1/journal?format=csv&limit=all&kind=party")
        rows = csv_rows(body)
        self.assertEqual(rows[0], ["seq", "time", "actor", "op", "kind", "key", "reason", "sha256",
                                   "value"])
        parties = [e for e in entries if e["kind"] == "party"]
        self.assertEqual([r[0] for r in rows[1:]], [str(e["seq"]) for e in parties])
        self.assertEqual([r[7] for r in rows[1:]], [e["sha256"] for e in parties])
        self.assertEqual(json.loads(rows[1][8]), parties[0]["value"])

    def test_export_is_pacta_export(self):
        status, headers, body = get(self.port, "/api/v1/export")
        self.assertEqual(status, 200)
        self.assertEqual(body.decode(), run(self.db, "export").stdout)
        etag = headers["etag"]
        last = get_json(self.port, "/api/v1/journal?limit=1")[0]["last"]
        self.assertEqual(etag, f'"export-{last}"')
        status, _, body = get(self.port, "/api/v1/export", {"If-None-Match": etag})
        self.assertEqual((status, body), (304, b""))
        status, _, _ = get(self.port, "/api/v1/export", {"If-None-Match": '"export-1"'})
        self.assertEqual(status, 200)

    def test_submissions_total(self):
        token = pactatest.token(self.db, "--role", "depositary", "--name", "officer")
        status, headers, body = api(self.port, "GET", "/api/v1/submissions?limit=all", token=token)
        self.assertEqual(status, 200)
        doc = json.loads(body)
        self.assertEqual(doc["total"], len(doc["submissions"]))
        self.assertEqual({k.lower(): v for k, v in headers.items()}["x-total-count"],
                         str(doc["total"]))

    # ---- the pages

    def page_keys(self, path, pattern):
        status, _, body = get(self.port, path)
        self.assertEqual(status, 200, path)
        html = body.decode()
        return html, re.findall(pattern, html)

    def test_pages_page_and_link_the_same_rows(self):
        cases = [("/documents?organization=cis&per_page=4", "documents",
                  r'<th scope="row"><a href="/documents/([^"]+)"', "id"),
                 ("/parties?kind=state&per_page=5", "parties",
                  r'<th scope="row"><a href="/parties/([^"]+)"', "code"),
                 ("/sessions?organization=cis&per_page=3", "sessions",
                  r'<a href="/sessions/([^"]+)">', "id")]
        for path, section, pattern, field in cases:
            html, keys = self.page_keys(path, pattern)
            csv_link = hrefs(html, "csv")
            self.assertEqual(len(csv_link), 1, path)
            query = path.split("?", 1)[1].split("&per_page")[0]
            self.assertEqual(csv_link[0], f"/api/v1/{section}?format=csv&limit=all&{query}")
            status, headers, body = get(self.port, csv_link[0])
            rows = csv_rows(body)
            col = rows[0].index(field)
            want = sorted(r[col] for r in rows[1:])
            # Walk the pages by their "next" links: together, the rows of the CSV.
            seen, nxt = list(keys), re.findall(r'<a rel="next" href="([^"]+)"', html)
            while nxt:
                html, keys = self.page_keys(nxt[0].replace("&amp;", "&"), pattern)
                seen += keys
                nxt = re.findall(r'<a rel="next" href="([^"]+)"', html)
            self.assertEqual(sorted(seen), want, path)
            self.assertIn(f"{len(want)} rows", html)

    def test_journal_page(self):
        html, seqs = self.page_keys("/journal?per_page=20&kind=document",
                                    r'<tr><td class="nw">(\d+)</td>')
        docs, _ = get_json(self.port, "/api/v1/journal?limit=all&kind=document")
        self.assertEqual([int(s) for s in seqs], [e["seq"] for e in docs["entries"]][::-1][:20])
        first = docs["entries"][-1]
        self.assertIn(f'<a href="/documents/{first["key"]}">', html)
        self.assertEqual(hrefs(html, "csv"), ["/api/v1/journal?format=csv&limit=all&kind=document"])
        status, _, _ = get(self.port, "/journal?year=soon")
        self.assertEqual(status, 400)

    def test_pages_in_russian(self):
        status, _, body = get(self.port, "/documents?lang=ru&per_page=2")
        html = body.decode()
        self.assertIn("CSV этого списка", html)
        self.assertIn("Страница 1 из", html)
        self.assertIn("Следующая страница", html)
        # "any" in a word that agrees with every filter's name («Организация», «Орган»).
        self.assertIn('<select name="organization"><option value="">все</option>', html)
        # Every word in Russian: a document with no rule recorded says so («не записано»); its
        # organization by its short name, the whole name in the <abbr>.
        status, _, body = get(self.port, "/documents?lang=ru&per_page=50")
        html = body.decode()
        self.assertNotIn("none recorded", html)
        self.assertIn('<span class="muted">не записано</span>', html)
        self.assertIn('<a href="/organizations/cis"><abbr title="Содружество Независимых '
                      'Государств">СНГ</abbr></a>', html)

    def test_filters_told_apart(self):
        # Two organizations' bodies of the same name are told apart by their organization.
        status, _, body = get(self.port, "/sessions?lang=ru&body=csto-cdm")
        html = body.decode()
        cis = re.search(r'<optgroup label="Содружество Независимых Государств">(.*?)</optgroup>', html)
        csto = re.search(r'<optgroup label="Организация Договора о коллективной безопасности">'
                         r'(.*?)</optgroup>', html)
        self.assertIn('<option value="cis-cdm">Совет министров обороны</option>', cis.group(1))
        self.assertIn('<option value="csto-cdm" selected>Совет министров обороны</option>',
                      csto.group(1))
        # A pager's links are in the page's colours, not the header's light ones on white.
        self.assertNotRegex(html, r"[;}]nav a\{color")
        self.assertIn("header.site nav a{color", html)


class LargeTable(unittest.TestCase):
    """The issue's case: 10,000 actions, all of them and the total, streamed."""

    def test_ten_thousand_actions(self):
        with tempfile.TemporaryDirectory() as tmp:
            gen = os.path.join(tmp, "gen_registry")
            here = os.path.dirname(os.path.abspath(__file__))
            subprocess.run(["cc", "-O2", "-o", gen,
                            os.path.join(here, "..", "..", "bench", "gen_registry.c")], check=True)
            src = os.path.join(tmp, "r.json")
            subprocess.run([gen, "--docs", "50", "--parties", "200", "--out", src], check=True,
                           capture_output=True)
            db = os.path.join(tmp, "r.db")
            run(db, "init")
            run(db, "load", src, today="2030-01-01")
            with open(src) as f:
                n = len(json.load(f)["actions"])
            self.assertGreaterEqual(n, 10000)
            proc, port = serve(db, today="2030-01-01")
            try:
                status, headers, body = get(port, "/api/v1/actions?format=csv&limit=all")
                self.assertEqual(status, 200)
                self.assertEqual(headers.get("transfer-encoding"), "chunked")
                self.assertEqual(headers["x-total-count"], str(n))
                self.assertEqual(len(csv_rows(body)) - 1, n)
                doc, _ = get_json(port, "/api/v1/actions?limit=all")
                self.assertEqual((doc["total"], len(doc["actions"])), (n, n))
            finally:
                stop(proc)


if __name__ == "__main__":
    pactatest.main()
