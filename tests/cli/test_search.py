#!/usr/bin/env python3
"""Full-text search (docs/search.md): `pacta search`, GET /api/v1/search and the
page GET /search on the sample registry plus a small fixture with Russian and
English texts: stemming in both languages, filters, snippets, rebuild, the index
kept on retract and replace, a registry from before the index, odd queries.

    python3 tests/cli/test_search.py PATH/TO/pacta
"""
import html
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pactatest  # noqa: E402

PACTA = None

FIXTURE = {
    "pacta": 1,
    "organizations": [{"id": "tst", "name": {"en": "Test Union", "ru": "Тестовый союз"},
                       "founded": "2000-01-01", "depositary": "Test Secretariat"}],
    "bodies": [{"id": "tst-council", "organization": "tst",
                "name": {"en": "Council of Fisheries Ministers",
                         "ru": "Совет министров рыболовства"}, "level": "ministers"}],
    "documents": [
        {"id": "tst-protocol-ru", "organization": "tst", "body": "tst-council",
         "type": "protocol", "title": {"en": "Protocol on Quotas", "ru": "Протокол о квотах"},
         "adopted": {"date": "2001-05-01", "place": "Минск", "session": None},
         "supersedes": None,
         "entry_into_force": {"rule": "threshold", "conditions": [{"count": 1}]},
         "note": "Ратификация протокола завершена парламентами сторон."},
        {"id": "tst-convention", "organization": "tst", "type": "agreement",
         "title": {"en": "Convention on Salmon Fisheries"},
         "adopted": {"date": "2010-06-15", "place": "Oslo", "session": None},
         "supersedes": None,
         "entry_into_force": {"rule": "threshold", "conditions": [{"count": 1}]},
         "note": "The ratification of the convention by Belarus took two years."},
    ],
    "sessions": [
        {"id": "tst-council-2015-03-01", "body": "tst-council", "number": None,
         "date": "2015-03-01", "place": "Ереван", "format": "in_person",
         "attendance": [{"party": "ARM", "status": "present"}], "adopted": [],
         "sources": [{"title": "Армения ратифицировала протокол о квотах",
                      "ref": "fixture"}]},
    ],
}


def run(db, *args, expect=0):
    p = subprocess.run([PACTA, "--db", db, *args], capture_output=True)
    if p.returncode != expect:
        raise AssertionError(f"pacta {' '.join(map(str, args))}: exit {p.returncode}, "
                             f"expected {expect}\nstdout: {p.stdout[:2000]!r}\n"
                             f"stderr: {p.stderr[:2000]!r}")
    return p


def search(db, *args):
    return json.loads(run(db, "search", *args, "--json").stdout)


def ids(doc):
    return [r["id"] for r in doc["results"]]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Search(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "r.db")
        run(cls.db, "init", "--sample")
        fx = os.path.join(cls.tmp.name, "fx.json")
        with open(fx, "w", encoding="utf-8") as f:
            json.dump(FIXTURE, f, ensure_ascii=False)
        run(cls.db, "load", fx)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def copy_db(self, name):
        db = os.path.join(self.tmp.name, name)
        shutil.copy(self.db, db)
        return db

    # -- stemming ------------------------------------------------------------------------

    def test_russian_verb_finds_noun(self):
        # Snowball alone: ратифицировал -> ратифицирова, ратификация -> ратификац;
        # the derivational step makes both ратифик (docs/search.md).
        for q in ("ратифицировал", "ратификация", "Ратификации", "ратифицировать"):
            d = search(self.db, q)
            self.assertIn("tst-protocol-ru", ids(d), q)
            self.assertIn("tst-council-2015-03-01", ids(d), q)

    def test_english_verb_finds_noun(self):
        for q in ("ratified", "ratification", "RATIFY", "ratifies"):
            d = search(self.db, q)
            self.assertIn("tst-convention", ids(d), q)
            self.assertIn("cis-agreement-1991", ids(d), q)

    def test_case_folding_and_inflection(self):
        self.assertIn("tst-protocol-ru", ids(search(self.db, "КВОТЫ")))
        self.assertIn("tst-council", ids(search(self.db, "рыболовство")))
        self.assertIn("tst-council", ids(search(self.db, "fishery")))
        self.assertIn("csto", ids(search(self.db, "одкб")))  # an alias, folded

    def test_places_find_their_party(self):
        # A capital or another city of the gazetteer finds its party, in either language;
        # an alias's trailing * (an ending wildcard for ingest) is not shown in the snippet.
        for q, code in (("Минске", "BLR"), ("Minsk", "BLR"), ("Sochi", "RUS"),
                        ("Петербурге", "RUS"), ("Yerevan", "ARM")):
            self.assertIn(code, ids(search(self.db, q, "--kind", "party")), q)
        snippet = search(self.db, "белорусский", "--kind", "party")["results"][0]["snippet"]
        self.assertNotIn("*", snippet)

    def test_names_of_one_place_are_one_word(self):
        # The gazetteer's names of a place (a capital, a city) or a party, in every language,
        # search as one word: "Минск" (or "Минске") finds the sessions whose place is "Minsk",
        # and the same rows as "Minsk".
        d = search(self.db, "Минске", "--kind", "session")
        self.assertIn("cis-cdm-2013-06-05", ids(d))
        self.assertIn("[Minsk]", d["results"][0]["snippet"])
        totals = {q: search(self.db, q)["total"] for q in ("Minsk", "Минск", "Минске")}
        self.assertEqual(len(set(totals.values())), 1, totals)
        self.assertGreater(totals["Minsk"], search(self.db, "Минск", "--kind", "party")["total"])
        # Snowball stems "Ереван" and "Ереване" apart; the name still matches.
        self.assertIn("ARM", ids(search(self.db, "Ереване")))
        # English aliases are indexed too (lists, not only names), and a prefix alias
        # ("белорусск*") makes "белорусский" the same word as "Belarus".
        self.assertIn("BLR", ids(search(self.db, "Belarusian", "--kind", "party")))
        self.assertIn("cis-chs-2020-chair-2021", ids(search(self.db, "белорусский")))
        self.assertIn("RUS", ids(search(self.db, "St.", "Petersburg")))
        # With another word, the group is ANDed like any word.
        self.assertEqual(ids(search(self.db, "council", "Минск", "--kind", "session")),
                         ids(search(self.db, "council", "Minsk", "--kind", "session")))
        self.assertTrue(ids(search(self.db, "council", "Минск", "--kind", "session")))

    def test_every_word_must_occur_or(self):
        self.assertEqual(ids(search(self.db, "salmon", "protocol")), [])
        both = ids(search(self.db, "salmon", "OR", "квоты"))
        self.assertIn("tst-convention", both)
        self.assertIn("tst-protocol-ru", both)

    def test_prefix(self):
        self.assertIn("tst-convention", ids(search(self.db, "salm*")))

    # -- results -----------------------------------------------------------------------

    def test_json_shape_and_snippet(self):
        d = search(self.db, "ratification", "--facets")
        self.assertEqual(d["query"], "ratification")
        self.assertGreaterEqual(d["total"], len(d["results"]))
        r = [r for r in d["results"] if r["id"] == "tst-convention"][0]
        self.assertEqual(r["kind"], "document")
        self.assertEqual(r["title"], "Convention on Salmon Fisheries")
        self.assertIn("[ratification]", r["snippet"])
        self.assertIsInstance(r["score"], float)
        self.assertGreater(r["score"], 0)
        scores = [r["score"] for r in d["results"]]
        self.assertEqual(scores, sorted(scores, reverse=True))
        self.assertEqual(sum(d["facets"]["kind"].values()), d["total"])
        self.assertEqual(d["facets"]["organization"].get("tst"), 1)

    def test_title_ranks_first(self):
        self.assertEqual(ids(search(self.db, "customs"))[0], "cis-agr-1992-03-13-customs-policy")

    def test_text_output(self):
        out = run(self.db, "search", "квоты").stdout.decode()
        self.assertIn("tst-protocol-ru", out)
        self.assertIn("[квотах]", out)

    # -- filters -----------------------------------------------------------------------

    def test_filters(self):
        db = self.db
        self.assertEqual(ids(search(db, "ratified", "--org", "tst")), ["tst-convention"])
        self.assertEqual(ids(search(db, "квоты", "--kind", "sessions")),
                         ["tst-council-2015-03-01"])
        self.assertEqual(ids(search(db, "квоты", "--kind", "document")), ["tst-protocol-ru"])
        self.assertEqual(ids(search(db, "квоты", "--body", "tst-council", "--type",
                                    "protocol")), ["tst-protocol-ru"])
        self.assertEqual(ids(search(db, "квоты", "--party", "ARM")), ["tst-council-2015-03-01"])
        self.assertEqual(ids(search(db, "квоты", "--party", "AR")), [])
        self.assertEqual(ids(search(db, "ratification", "--org", "tst", "--from", "2005-01-01")),
                         ["tst-convention"])
        self.assertEqual(ids(search(db, "ratification", "--org", "tst", "--to", "2005-01-01")),
                         [])
        self.assertEqual(ids(search(db, "квоты", "--from", "2001-05-01", "--to",
                                    "2001-05-01")), ["tst-protocol-ru"])
        d = search(db, "ratified", "--limit", "2")
        self.assertEqual(len(d["results"]), 2)
        self.assertGreater(d["total"], 2)
        run(db, "search", "x", "--from", "2001-13-01", expect=2)
        run(db, "search", "x", "--kind", "actions", expect=2)
        run(db, "search", "x", "--limit", "0", expect=2)
        run(db, "search", expect=2)

    # -- the index follows the journal ----------------------------------------------------

    def test_facets_agree_with_filters_and_results(self):
        # Facets and the kind/organization filters are read off row ids;
        # each result's organization and kind come from the stored row, so
        # this checks the one against the other. One word takes the
        # single-phrase scan, two words and a body filter the statement path.
        for q in (["council"], ["council", "--body", "cis-chs"], ["council OR treaty"],
                  ["minsk"], ["догов*"]):
            d = search(self.db, *q, "--facets", "--limit", "1000")
            self.assertGreater(d["total"], 0, q)
            self.assertEqual(sum(d["facets"]["kind"].values()), d["total"], q)
            for kind, n in d["facets"]["kind"].items():
                f = search(self.db, *q, "--kind", kind, "--limit", "1000")
                self.assertEqual(f["total"], n, (q, kind))
                self.assertEqual({r["kind"] for r in f["results"]}, {kind}, (q, kind))
            with_org = 0
            for org, n in d["facets"]["organization"].items():
                f = search(self.db, *q, "--org", org, "--limit", "1000")
                self.assertEqual(f["total"], n, (q, org))
                self.assertEqual({r["organization"] for r in f["results"]}, {org}, (q, org))
                with_org += n
            self.assertEqual(with_org, sum(1 for r in d["results"] if r["organization"]), q)
        self.assertEqual(search(self.db, "council", "--org", "no-such-org")["total"], 0)

    def test_document_moved_to_another_organization(self):
        db = self.copy_db("moved.db")
        doc = dict(FIXTURE["documents"][1], organization="cis")
        path = os.path.join(self.tmp.name, "moved.json")
        with open(path, "w") as f:
            json.dump({"pacta": 1, "documents": [doc]}, f)
        run(db, "load", path)
        self.assertEqual(ids(search(db, "salmon", "--org", "cis")), ["tst-convention"])
        self.assertEqual(ids(search(db, "salmon", "--org", "tst")), [])
        self.assertEqual(search(db, "salmon", "--facets")["facets"]["organization"], {"cis": 1})

    def test_rebuild_gives_the_same_results(self):
        db = self.copy_db("rebuild.db")
        queries = ["ratified", "ратифицировал", "Minsk", "council", "ОДКБ", "charter"]
        before = [search(db, q, "--facets", "--limit", "100") for q in queries]
        run(db, "rebuild")
        after = [search(db, q, "--facets", "--limit", "100") for q in queries]
        self.assertEqual(before, after)

    def test_retract_and_replace(self):
        db = self.copy_db("retract.db")
        run(db, "retract", "session", "tst-council-2015-03-01")
        self.assertNotIn("tst-council-2015-03-01", ids(search(db, "протокол")))
        fx = dict(FIXTURE)
        doc = dict(FIXTURE["documents"][1])
        doc["note"] = "Amended to cover trout."
        fx = {"pacta": 1, "documents": [doc]}
        path = os.path.join(self.tmp.name, "replace.json")
        with open(path, "w") as f:
            json.dump(fx, f)
        run(db, "load", path)
        self.assertEqual(ids(search(db, "trout")), ["tst-convention"])
        self.assertNotIn("tst-convention", ids(search(db, "ratification")))

    def test_registry_from_before_the_index(self):
        db = self.copy_db("old.db")
        con = sqlite3.connect(db)
        con.execute("PRAGMA user_version=3")
        con.commit()
        con.close()
        d = search(db, "ратифицировал")
        self.assertIn("tst-protocol-ru", ids(d))
        self.assertEqual(d, search(self.db, "ратифицировал"))

    # -- odd input ----------------------------------------------------------------------

    def test_malformed_queries_are_clean_errors(self):
        for q in ['"', "'", "(", "*", '"*"', "OR", "-", "^", "  ", "«»", ":", "\u0301"]:
            p = run(self.db, "search", "--", q, expect=1)
            self.assertIn(b"no words", p.stderr, q)
        p = run(self.db, "search", "x" * 2000, expect=1)
        self.assertIn(b"too long", p.stderr)

    def test_fuzz_odd_inputs(self):
        rnd = random.Random(6)
        alphabet = ['"', "'", "*", "(", ")", ":", "^", "-", "+", " ", "OR", "AND", "NOT",
                    "NEAR", "{", "}", "a", "я", "ratif", "ё", "\u0301", "\ufeff", "%", "\\"]
        cases = ["".join(rnd.choice(alphabet) for _ in range(rnd.randrange(1, 30)))
                 for _ in range(150)]
        # NUL-free binary garbage, including invalid UTF-8
        cases += [bytes(rnd.randrange(1, 256) for _ in range(rnd.randrange(1, 60)))
                  for _ in range(100)]
        cases += ["ratif " * 31, "ratif " * 40, "я" * 499, "word" * 240]
        for q in cases:
            p = subprocess.run([PACTA, "--db", self.db, "search", "--json", "--", q],
                               capture_output=True)
            self.assertIn(p.returncode, (0, 1), (q, p.stderr))
            if p.returncode == 0:
                d = json.loads(p.stdout)
                self.assertIsInstance(d["results"], list)
            else:
                self.assertTrue(p.stderr.startswith(b"pacta: search: "), (q, p.stderr))

    # -- HTTP ----------------------------------------------------------------------------

    def test_http(self):
        port = free_port()
        proc = subprocess.Popen([PACTA, "--db", self.db, "serve", "--listen",
                                 f"127.0.0.1:{port}", "--quiet"], stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                    break
                except OSError:
                    time.sleep(0.05)

            def get(path):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}",
                                                timeout=10) as r:
                        return r.status, r.read().decode()
                except urllib.error.HTTPError as e:
                    return e.code, e.read().decode()

            q = urllib.parse.quote("ратифицировал")
            st, body = get(f"/api/v1/search?q={q}&organization=tst")
            self.assertEqual(st, 200)
            d = json.loads(body)
            self.assertEqual(ids(d), ["tst-protocol-ru", "tst-council-2015-03-01"])
            self.assertEqual(d["facets"]["kind"], {"document": 1, "session": 1})
            st, body = get("/api/v1/search?q=ratified&kind=document&from=2005-01-01&limit=50")
            self.assertEqual(st, 200)
            self.assertIn("tst-convention", ids(json.loads(body)))
            st, body = get("/api/v1/search")
            self.assertEqual((st, json.loads(body)["total"]), (200, 0))
            for bad in ["?q=%22", "?q=x&from=2020-02-30", "?q=x&kind=actions",
                        "?q=x&limit=0", "?q=x&offset=100001", "?q=" + "x" * 1200]:
                st, body = get("/api/v1/search" + bad)
                self.assertEqual(st, 400, bad)
                self.assertIn("error", json.loads(body))
            st, page = get(f"/search?q={q}")
            self.assertEqual(st, 200)
            self.assertIn("<mark>", page)
            self.assertIn('href="/documents/tst-protocol-ru"', page)
            self.assertIn("Kind</h3>", page)
            self.assertIn("session</a> (1)", page)
            st, page = get("/search?q=%3Cscript%3E%22")
            self.assertEqual(st, 200)
            self.assertNotIn("<script>", page)
            self.assertIn("&lt;script&gt;", page)
            st, page = get("/search?q=%22")
            self.assertEqual(st, 400)
            self.assertIn("no words", page)
            st, page = get("/search")
            self.assertEqual(st, 200)
            st, page = get("/documents")
            self.assertIn('action="/search"', page)  # the search box in the header
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=10)

    def serve(self):
        proc, port = pactatest.serve(self.db, today=None)
        self.addCleanup(pactatest.stop, proc)

        def get(path):
            """(status, headers with lower-case names, body)."""
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
                    return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode()
            except urllib.error.HTTPError as e:
                return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read().decode()
        return get

    def test_http_errors_name_the_parameter(self):
        # As every route of the API says it (docs/api.md): the code bad_parameter (a date's
        # bad_date), "query parameter NAME: expected ..., got ...".
        get = self.serve()
        cases = [("limit=0", "bad_parameter",
                  'query parameter limit: expected a whole number from 1 to 1000, got "0"'),
                 ("limit=many", "bad_parameter",
                  'query parameter limit: expected a whole number from 1 to 1000, got "many"'),
                 ("offset=-1", "bad_parameter", "query parameter offset: expected a whole number "
                  'from 0 to 100000, got "-1"'),
                 ("from=2020-02-30", "bad_date",
                  'query parameter from: expected a real date YYYY-MM-DD, got "2020-02-30"'),
                 ("to=soon", "bad_date",
                  'query parameter to: expected a real date YYYY-MM-DD, got "soon"'),
                 ("kind=actions", "bad_parameter",
                  "query parameter kind: expected document, session, commitment, assessment, "
                  'party, body or organization, got "actions"')]
        for arg, code, message in cases:
            st, _, body = get("/api/v1/search?q=ratified&" + arg)
            self.assertEqual(st, 400, arg)
            self.assertEqual(json.loads(body)["error"], {"code": code, "message": message}, arg)
            st, _, page = get("/search?q=ratified&" + arg)
            self.assertEqual(st, 400, arg)
            self.assertIn(html.escape(message), page, arg)
        # The page in Russian says the same in Russian.
        st, _, page = get("/search?q=ratified&limit=0&lang=ru")
        self.assertEqual(st, 400)
        self.assertIn("параметр запроса limit: ожидается целое число от 1 до 1000, получено "
                      "«0»", page)

    def test_http_answer_echoes_the_page_and_counts(self):
        # Like the lists (docs/api.md): limit and offset in the answer, the total in
        # X-Total-Count.
        get = self.serve()
        st, headers, body = get("/api/v1/search?q=ratified&limit=2&offset=1")
        self.assertEqual(st, 200)
        d = json.loads(body)
        self.assertEqual((d["limit"], d["offset"]), (2, 1))
        self.assertGreater(d["total"], 3)
        self.assertEqual(len(d["results"]), 2)
        self.assertEqual(headers["x-total-count"], str(d["total"]))
        self.assertIn("X-Total-Count", headers["access-control-expose-headers"])
        st, headers, body = get("/api/v1/search?q=ratified")
        d = json.loads(body)
        self.assertEqual((d["limit"], d["offset"]), (20, 0))
        self.assertEqual(headers["x-total-count"], str(d["total"]))
        st, headers, body = get("/api/v1/search")  # no q: nothing found
        d = json.loads(body)
        self.assertEqual((d["total"], d["limit"], d["offset"]), (0, 20, 0))
        self.assertEqual(headers["x-total-count"], "0")


# The International Covenant on Civil and Political Rights with a part of its text
# (article 1(1), in English and Russian, as adopted) and the United States' reservation
# and declaration of 1992-06-08 (abridged from the UN Treaty Collection, chapter IV.4):
# each word searched for below is only in one of these texts.
ICCPR = {
    "pacta": 1,
    "parties": [{"code": "USA", "kind": "state", "name": {"en": "United States of America"}},
                {"code": "SWE", "kind": "state", "name": {"en": "Sweden"}}],
    "organizations": [{"id": "un", "name": {"en": "United Nations"}}],
    "documents": [{
        "id": "iccpr", "organization": "un", "type": "treaty",
        "title": {"en": "International Covenant on Civil and Political Rights",
                  "ru": "Международный пакт о гражданских и политических правах"},
        "adopted": {"date": "1966-12-16", "place": "New York"},
        "entry_into_force": {"rule": "threshold", "conditions": [{"count": 35}],
                             "delay": {"months": 3}},
        "text": {"en": "Article 1. 1. All peoples have the right of self-determination. By "
                       "virtue of that right they freely determine their political status and "
                       "freely pursue their economic, social and cultural development.",
                 "ru": "Статья 1. 1. Все народы имеют право на самоопределение. В силу этого "
                       "права они свободно устанавливают свой политический статус и свободно "
                       "обеспечивают свое экономическое, социальное и культурное развитие."}}],
    "actions": [
        {"document": "iccpr", "party": "USA", "type": "ratification", "date": "1992-06-08"},
        {"document": "iccpr", "party": "USA", "type": "reservation", "date": "1992-06-08",
         "text": "That the United States reserves the right, subject to its Constitutional "
                 "constraints, to impose capital punishment on any person (other than a "
                 "pregnant woman) duly convicted under existing or future laws."},
        {"document": "iccpr", "party": "USA", "type": "declaration", "date": "1992-06-08",
         "text": "That the United States declares that the provisions of articles 1 through 27 "
                 "of the Covenant are not self-executing."},
        {"document": "iccpr", "party": "SWE", "type": "ratification", "date": "1971-12-06"},
    ],
}


class Texts(unittest.TestCase):
    """A document's full text and its actions' texts (reservations, declarations) find
    the document (docs/search.md)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "r.db")
        run(cls.db, "init", "--sample")
        cls.load(cls.db, ICCPR)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @classmethod
    def load(cls, db, doc, name="in.json"):
        path = os.path.join(cls.tmp.name, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        run(db, "load", path)

    def copy_db(self, name):
        db = os.path.join(self.tmp.name, name)
        shutil.copy(self.db, db)
        return db

    def test_a_word_only_in_the_documents_text(self):
        for q in ("self-determination", "determine", "самоопределение", "культурное"):
            d = search(self.db, q)
            self.assertEqual(ids(d), ["iccpr"], q)
            r = d["results"][0]
            self.assertEqual((r["kind"], r["title"]),
                             ("document", ICCPR["documents"][0]["title"]["en"]))
            self.assertNotIn("in", r)
            self.assertIn("[", r["snippet"], q)
        self.assertIn("[determine]", search(self.db, "determine")["results"][0]["snippet"])

    def test_a_word_only_in_a_reservation_or_declaration(self):
        for q, typ in (("constraints", "reservation"), ("punishment", "reservation"),
                       ("self-executing", "declaration")):
            d = search(self.db, q, "--facets")
            self.assertEqual(ids(d), ["iccpr"], q)
            r = d["results"][0]
            self.assertEqual(r["kind"], "document")
            self.assertEqual(r["title"], "International Covenant on Civil and Political Rights")
            self.assertEqual(r["in"], {"type": typ, "party": "USA", "date": "1992-06-08"})
            self.assertTrue(r["snippet"].startswith(f"{typ.capitalize()} by USA, 1992-06-08: "),
                            r["snippet"])
            self.assertEqual((r["organization"], r["type"], r["date"]),
                             ("un", "treaty", "1966-12-16"))
            self.assertEqual(d["facets"], {"kind": {"document": 1}, "organization": {"un": 1}})
        self.assertIn("[constraints]", search(self.db, "constraints")["results"][0]["snippet"])
        # Filters: its kind and organization are the document's, its party the action's.
        self.assertEqual(ids(search(self.db, "constraints", "--kind", "document")), ["iccpr"])
        self.assertEqual(ids(search(self.db, "constraints", "--kind", "session")), [])
        self.assertEqual(ids(search(self.db, "constraints", "--org", "un")), ["iccpr"])
        self.assertEqual(ids(search(self.db, "constraints", "--party", "USA")), ["iccpr"])
        self.assertEqual(ids(search(self.db, "constraints", "--party", "SWE")), [])
        self.assertEqual(ids(search(self.db, "constraints", "--type", "treaty",
                                    "--from", "1966-12-16")), ["iccpr"])
        # The words of both: each hit says where it matched.
        d = search(self.db, "United", "States", "--kind", "document")
        self.assertEqual(ids(d), ["iccpr", "iccpr"])
        self.assertEqual(sorted(r["in"]["type"] for r in d["results"]),
                         ["declaration", "reservation"])
        # The command line's text says it too.
        out = run(self.db, "search", "constraints").stdout.decode()
        self.assertIn("iccpr", out)
        self.assertIn("Reservation by USA, 1992-06-08: ", out)

    def test_the_index_follows_the_actions_and_the_document(self):
        db = self.copy_db("follow.db")
        # A reservation's text replaced, a declaration retracted.
        res = dict(ICCPR["actions"][1], text="That the United States reserves the right to "
                                             "impose capital punishment.")
        self.load(db, {"pacta": 1, "actions": [res]}, "res.json")
        self.assertEqual(ids(search(db, "constraints")), [])
        self.assertEqual(ids(search(db, "punishment")), ["iccpr"])
        run(db, "retract", "action", "iccpr|USA|declaration|1992-06-08")
        self.assertEqual(ids(search(db, "self-executing")), [])
        # Without its text, an action has no row.
        self.load(db, {"pacta": 1, "actions": [dict(res, text=None)]}, "res2.json")
        self.assertEqual(ids(search(db, "punishment")), [])
        self.load(db, {"pacta": 1, "actions": [res]}, "res3.json")
        # The document moves to another organization and is retitled: its reservation's
        # row follows.
        doc = dict(ICCPR["documents"][0], organization="cis",
                   title={"en": "The Covenant on Civil and Political Rights"})
        self.load(db, {"pacta": 1, "documents": [doc]}, "doc.json")
        d = search(db, "punishment", "--facets")
        self.assertEqual(d["facets"]["organization"], {"cis": 1})
        self.assertEqual(d["results"][0]["title"], "The Covenant on Civil and Political Rights")
        self.assertEqual(ids(search(db, "punishment", "--org", "un")), [])
        self.assertEqual(ids(search(db, "self-determination", "--org", "cis")), ["iccpr"])
        # Rebuilt, and refilled as a registry from before the index: the same answers.
        queries = ["punishment", "self-determination", "самоопределение", "United"]
        before = [search(db, q, "--facets") for q in queries]
        run(db, "rebuild")
        self.assertEqual([search(db, q, "--facets") for q in queries], before)
        con = sqlite3.connect(db)
        con.execute("PRAGMA user_version=3")
        con.commit()
        con.close()
        self.assertEqual([search(db, q, "--facets") for q in queries], before)

    def test_a_long_text(self):
        # A text of 4 MB whose one rare word is at its end: found, and its snippet is
        # the window around it, not the text.
        db = self.copy_db("long.db")
        rnd = random.Random(12)
        vocab = ("state parties undertake respect ensure rights recognized present covenant "
                 "without distinction race colour sex language religion opinion").split()
        words = [rnd.choice(vocab) for _ in range(480000)]
        text = " ".join(words) + " zanzibarian finale."
        doc = dict(ICCPR["documents"][0], id="long", text={"en": text})
        self.load(db, {"pacta": 1, "documents": [doc]}, "long.json")
        t0 = time.monotonic()
        d = search(db, "zanzibarian")
        elapsed = time.monotonic() - t0
        self.assertEqual(ids(d), ["long"])
        snippet = d["results"][0]["snippet"]
        self.assertIn("[zanzibarian] finale.", snippet)
        self.assertTrue(snippet.startswith("\u2026"), snippet)
        self.assertLess(len(snippet), 300)
        self.assertLess(elapsed, 20, "a 4 MB text took too long to search")
        # A word of its title: the text is not read to its end for the snippet.
        d = search(db, "covenant", "--kind", "document")
        self.assertIn("long", ids(d))
        # Export and load again: the same text.
        exported = json.loads(run(db, "export").stdout)
        self.assertEqual([x["text"]["en"] for x in exported["documents"] if x["id"] == "long"],
                         [text])

    def test_the_page(self):
        port = free_port()
        proc = subprocess.Popen([PACTA, "--db", self.db, "serve", "--listen",
                                 f"127.0.0.1:{port}", "--quiet"], stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                    break
                except OSError:
                    time.sleep(0.05)
            base = f"http://127.0.0.1:{port}"
            with urllib.request.urlopen(base + "/search?q=constraints", timeout=10) as r:
                page = r.read().decode()
            self.assertIn('href="/documents/iccpr"', page)
            self.assertIn("Reservation by USA, 1992-06-08: ", page)
            self.assertIn("<mark>constraints</mark>", page)
            with urllib.request.urlopen(base + "/api/v1/search?q=constraints", timeout=10) as r:
                d = json.loads(r.read())
            self.assertEqual(d["results"][0]["in"]["type"], "reservation")
            # The document page shows its text, folded away.
            with urllib.request.urlopen(base + "/documents/iccpr", timeout=10) as r:
                page = r.read().decode()
            self.assertIn("<summary>Full text (English)</summary>", page)
            self.assertIn("All peoples have the right of self-determination.", page)
            self.assertIn('lang="ru"', page)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=10)


class Lists(unittest.TestCase):
    """Words joined by AND, with or without filters, are answered from each word's list of
    rows held in memory (search_fast.c) by a process that asks again (the server); the
    first query of a state of the index, and so every command-line search, by the FTS5
    statements. Both must give the same results, scores, totals and facets; and the lists
    must follow the index when it changes."""

    WORDS = ("agreement cooperation fisheries protocol convention marine pollution "
             "salmon river basin treaty amendment").split()

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "l.db")
        run(cls.db, "init", "--sample")
        rnd = random.Random(18)
        docs = []
        for i in range(400):
            title = " ".join(rnd.choice(cls.WORDS) for _ in range(rnd.randint(2, 7)))
            doc = {"id": f"l-{i:03d}", "organization": "lo" if i % 3 else "lp",
                   "type": rnd.choice(["agreement", "protocol"]),
                   "title": {"en": title.capitalize()},
                   "adopted": None if i % 11 == 0 else
                   {"date": "%04d-%02d-%02d" % (rnd.randint(1960, 2020), rnd.randint(1, 12),
                                                rnd.randint(1, 28)),
                    "place": None, "session": None},
                   "supersedes": None, "entry_into_force": None,
                   "note": " ".join(rnd.choice(cls.WORDS) for _ in range(rnd.randint(0, 9)))}
            if i % 4 == 0:
                doc["body"] = "lo-council"
            docs.append(doc)
        fx = {"pacta": 1,
              "organizations": [{"id": "lo", "name": {"en": "Lists Union"}},
                                {"id": "lp", "name": {"en": "Other Union"}}],
              "bodies": [{"id": "lo-council", "organization": "lo",
                          "name": {"en": "Council"}, "level": "ministers"}],
              "documents": docs,
              "sessions": [{"id": f"lo-council-2015-03-{d:02d}", "body": "lo-council",
                            "number": None, "date": f"2015-03-{d:02d}", "place": "Oslo",
                            "format": "in_person",
                            "attendance": [{"party": "ARM" if d % 2 else "BLR",
                                            "status": "present"}],
                            "adopted": [], "sources": [{"title": "Fisheries treaty talks",
                                                        "ref": "fixture"}]}
                           for d in range(1, 9)]}
        path = os.path.join(cls.tmp.name, "l.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(fx, f, ensure_ascii=False)
        run(cls.db, "load", path)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    QUERIES = ["agreement", "agreement cooperation", "fisheries treaty salmon", "pollut*",
               "treaty treaty", "convention zzzunknown", "marine basin river amendment"]
    FILTERS = [{}, {"from": "1990-01-01"}, {"to": "1975-06-30"},
               {"from": "1980-01-01", "to": "2000-12-31", "kind": "document"},
               {"organization": "lp"}, {"limit": "50", "offset": "5", "from": "2001-01-01"},
               {"type": "protocol", "from": "1970-01-01"}, {"body": "lo-council"},
               {"party": "ARM"}, {"kind": "session"}, {"organization": "nowhere"}]

    def compare(self, get):
        for q in self.QUERIES:
            for f in self.FILTERS:
                args = [q, "--facets"]
                for k, v in f.items():
                    args += ["--org" if k == "organization" else "--" + k, v]
                want = search(self.db, *args)
                got = get(q, f)
                for k in ("results", "total", "facets"):
                    self.assertEqual(got[k], want[k], (q, f, k))

    def test_the_lists_answer_as_the_statements(self):
        port = free_port()
        proc = subprocess.Popen([PACTA, "--db", self.db, "serve", "--listen",
                                 f"127.0.0.1:{port}", "--cache-mb", "0", "--threads", "2",
                                 "--quiet"], stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                    break
                except OSError:
                    time.sleep(0.05)

            def get(q, f):
                url = (f"http://127.0.0.1:{port}/api/v1/search?" +
                       urllib.parse.urlencode(dict(f, q=q)))
                with urllib.request.urlopen(url, timeout=10) as r:
                    return json.loads(r.read())

            get("agreement", {})  # the state's first query: by the statements
            self.compare(get)
            self.assertGreater(get("agreement", {"from": "1990-01-01"})["total"], 50)
            # A change of the index: the lists are read again.
            before = get("agreement", {})["total"]
            extra = {"pacta": 1, "documents": [
                {"id": f"l-new-{i}", "organization": "lo", "type": "agreement",
                 "title": {"en": "Agreement on salmon"}, "adopted": None,
                 "supersedes": None, "entry_into_force": None} for i in range(3)]}
            path = os.path.join(self.tmp.name, "extra.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(extra, f)
            run(self.db, "load", path)
            get("agreement", {})
            self.assertEqual(get("agreement", {})["total"], before + 3)
            self.compare(get)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=10)


if __name__ == "__main__":
    PACTA = pactatest.PACTA = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)
