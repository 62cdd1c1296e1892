#!/usr/bin/env python3
"""HTTP API tests: `pacta serve` on the sample registry, talked to over
127.0.0.1. Reads answer the same JSON as the command line; writes need a
token with the right role and go through the journal; bad requests get a 4xx
with a JSON error and write nothing; the server keeps serving.

usage: test_api.py PACTA_BINARY
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
HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "..", "ingest", "expected", "000_cdc9e7158d52751c.txt")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db, *args):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [PACTA, "--db", db, "serve", "--listen", f"127.0.0.1:{self.port}", "--quiet", *args],
            stderr=subprocess.PIPE, text=True)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start: " + self.proc.stderr.read())

    def request(self, method, path, body=None, headers=None):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method,
                                     data=body, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=10)


def cli(db, *args):
    p = subprocess.run([PACTA, "--db", db, *args], capture_output=True, text=True, check=True)
    return p.stdout


class Api(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "r.db")
        cli(cls.db, "init", "--sample")
        cls.depositary = json.loads(cli(cls.db, "token", "create", "--role", "depositary",
                                        "--name", "secretariat", "--json"))["token"]
        cls.arm = json.loads(cli(cls.db, "token", "create", "--role", "delegate", "--party",
                                 "ARM", "--name", "arm-mfa", "--json"))["token"]
        revoked = json.loads(cli(cls.db, "token", "create", "--role", "depositary", "--name",
                                 "old", "--json"))["token"]
        cli(cls.db, "token", "revoke", "old")
        cls.revoked = revoked
        cls.server = Server(cls.db)

    @classmethod
    def tearDownClass(cls):
        rc = cls.server.stop()
        cls.tmp.cleanup()
        assert rc == 0, f"server exit status {rc} after SIGTERM"

    def get(self, path, headers=None):
        status, hdrs, body = self.server.request("GET", path, headers=headers)
        return status, hdrs, body

    def get_json(self, path):
        status, _, body = self.get(path)
        self.assertEqual(status, 200, body)
        return json.loads(body)

    def post(self, path, obj, token=None, ctype="application/json", raw=None):
        headers = {"Content-Type": ctype}
        if token:
            headers["Authorization"] = "Bearer " + token
        data = raw if raw is not None else json.dumps(obj).encode()
        status, _, body = self.server.request("POST", path, data, headers)
        return status, json.loads(body)

    def journal_last(self):
        return self.get_json("/api/v1/journal?after=0&limit=1")["last"]

    def assert_error(self, status, body, want):
        self.assertEqual(status, want, body)
        self.assertIn("code", body["error"])
        self.assertTrue(body["error"]["message"])

    # -- reads ------------------------------------------------------------

    def test_same_json_as_cli(self):
        for path, args in [
            ("/api/v1/documents/cis-agr-dtkt-997-747/status?on=2026-01-01",
             ["status", "cis-agr-dtkt-997-747", "--on", "2026-01-01"]),
            ("/api/v1/organizations/cis/members?on=2009-08-17", ["members", "cis", "--on", "2009-08-17"]),
            ("/api/v1/organizations/eaeu/chair?year=2026", ["chair", "eaeu", "--year", "2026"]),
        ]:
            self.assertEqual(self.get_json(path), json.loads(cli(self.db, *args, "--json")), path)

    def test_known_answers(self):
        s = self.get_json("/api/v1/documents/cis-agr-dtkt-997-747/status?on=2026-01-01")
        self.assertEqual(s["entry_into_force"], "1998-12-21")
        m = self.get_json("/api/v1/organizations/cis/members?on=2009-08-18")
        self.assertNotIn("GEO", [x["party"] for x in m["members"]])
        c = self.get_json("/api/v1/organizations/cis/chair?year=2025")
        self.assertEqual((c["chair"], c["co_chairs"]), ("TJK", ["RUS", "TKM"]))

    def test_etag_and_304(self):
        path = "/api/v1/organizations/cis/members?on=2020-01-01"
        status, headers, _ = self.get(path)
        etag = headers.get("ETag")
        self.assertTrue(etag)
        status, _, body = self.get(path, {"If-None-Match": etag})
        self.assertEqual((status, body), (304, b""))

    def test_if_none_match_of_several_tags_weak_or_any(self):
        # Only the exact header value matched: a list of tags (a cache
        # holding several), a weak tag and * were answered 200 in full.
        path = "/api/v1/documents/csto-charter"
        status, hdrs, _ = self.get(path)
        etag = hdrs["ETag"]
        for value in [f'"other", {etag}', f"W/{etag}", "*", f' {etag} ,"x"']:
            with self.subTest(value=value):
                for _ in range(2):  # made, then from the server's cache
                    status, _, body = self.get(path, {"If-None-Match": value})
                    self.assertEqual((status, body), (304, b""))
        for value in ['"other"', etag[:-2] + '"', "W/", ""]:
            with self.subTest(value=value):
                self.assertEqual(self.get(path, {"If-None-Match": value})[0], 200)

    def test_each_answer_is_in_the_contract(self):
        # Each of these answered a status docs/openapi.json did not list for
        # its operation (and DELETE's ?reason= was not described).
        spec = json.loads(self.get("/api/v1/openapi.json")[2])
        auth = {"Authorization": "Bearer " + self.depositary}
        big = b'{"reason": "' + b"x" * (70 << 10) + b'"}'
        for method, path, template, body in [
                ("GET", "/api/v1/parties/ARM?on=2020-02-30", "/api/v1/{collection}/{key}", None),
                ("GET", "/api/v1/commitments/cis-2020-blr-measures/assessments?format=xml",
                 "/api/v1/commitments/{id}/assessments", None),
                ("DELETE", "/api/v1/parties/ARM?reason=%FF", "/api/v1/{collection}/{key}", None),
                ("POST", "/api/v1/submissions/sub-1/reject", "/api/v1/submissions/{id}/reject",
                 big)]:
            with self.subTest(method=method, path=path):
                status, _, _ = self.server.request(method, path, body, auth)
                responses = spec["paths"][template][method.lower()]["responses"]
                self.assertIn(str(status), responses)
        params = spec["paths"]["/api/v1/{collection}/{key}"]["delete"]["parameters"]
        self.assertIn("reason", [p["name"] for p in params])

    def test_csv(self):
        status, headers, body = self.get("/api/v1/organizations/cis/members?on=2009-08-17&format=csv")
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/csv"))
        lines = body.decode().splitlines()
        self.assertEqual(lines[0], "party,kind,since")
        self.assertIn("GEO,member,1993-12-03", lines)

    def test_lists_and_pagination(self):
        page = self.get_json("/api/v1/documents?limit=2&offset=1")
        self.assertEqual(len(page["documents"]), 2)
        self.assertEqual((page["limit"], page["offset"]), (2, 1))
        everything = self.get_json("/api/v1/documents?limit=1000")
        self.assertEqual(everything["total"], len(everything["documents"]))
        self.assertEqual(page["documents"], everything["documents"][1:3])
        acts = self.get_json("/api/v1/actions?document=cis-agr-dtkt-997-747&party=ARM")
        self.assertEqual([a["date"] for a in acts["actions"]], ["1998-12-21"])

    def test_openapi_paths_answer(self):
        doc = self.get_json("/api/v1/openapi.json")
        self.assertTrue(doc["openapi"].startswith("3."))
        example = {"id": "cis", "collection": "organizations", "key": "cis"}
        for path, item in doc["paths"].items():
            if "get" not in item:
                continue
            concrete = path
            for k, v in example.items():
                concrete = concrete.replace("{" + k + "}", v)
            if "/documents/" in path:
                concrete = path.replace("{id}", "cis-charter")
            if "/commitments/" in path:
                # Any commitment of the sample registry (tests/cli/test_compliance.py
                # checks this route on its own data).
                listed = self.get_json("/api/v1/commitments?limit=1")["commitments"]
                if not listed:
                    continue
                concrete = path.replace("{id}", listed[0]["id"])
            status, _, body = self.get(concrete)
            if path.startswith("/api/v1/submissions"):
                # Routed, and only for a token (test_submissions.py).
                self.assertIn(status, (401, 404), path)
                continue
            if path.startswith("/api/v1/log/"):
                # Routed, though it may need a signed checkpoint or parameters first.
                self.assertNotIn(b"no such resource", body, path)
                self.assertNotEqual(status, 405, path)
                continue
            self.assertEqual(status, 200, f"{path} -> {concrete}: {body[:200]}")

    def test_party_profile(self):
        p = self.get_json("/api/v1/parties/BLR?on=2026-01-01")
        self.assertEqual(p["name"]["ru"], "Беларусь")

    # -- bad requests -------------------------------------------------------

    def test_bad_reads(self):
        before = self.journal_last()
        for path, want in [("/api/v1/organizations/cis/members?on=2023-02-30", 400),
                           ("/api/v1/organizations/cis/chair?year=abc", 400),
                           ("/api/v1/documents/nope/status", 404),
                           ("/api/v1/organizations/nope/members", 404),
                           ("/api/v1/nope", 404),
                           ("/api/v1/../../../etc/passwd", 404),
                           ("/api/v1/%2e%2e/%2e%2e/etc/passwd", 404),
                           ("/api/v1/documents?limit=0", 400),
                           ("/api/v1/documents?format=xml", 400)]:
            status, _, body = self.get(path)
            self.assertEqual(status, want, path)
            self.assertIn("error", json.loads(body), path)
        self.assertEqual(self.journal_last(), before)
        # Still serving.
        self.get_json("/api/v1/organizations")

    def test_a_cursor_of_another_list_is_refused(self):
        # A cursor is the last key of its page: one of another list was read
        # as a key of this one and began the page at some other place (200).
        docs = self.get_json("/api/v1/documents?limit=2")["next_cursor"]
        parties = self.get_json("/api/v1/parties?limit=2")["next_cursor"]
        journal = self.get_json("/api/v1/journal?limit=2")["next_cursor"]
        for path, name in [(f"/api/v1/parties?limit=2&cursor={docs}", "parties"),
                           (f"/api/v1/documents?limit=2&cursor={parties}", "documents"),
                           (f"/api/v1/documents?limit=2&cursor={journal}", "documents"),
                           (f"/api/v1/journal?limit=2&cursor={docs}", "journal")]:
            with self.subTest(path=path):
                status, _, body = self.get(path)
                self.assertEqual(status, 400, body[:300])
                err = json.loads(body)["error"]
                self.assertEqual(err["code"], "bad_parameter")
                self.assertIn(f"query parameter cursor: expected the next_cursor of an earlier "
                              f"page of {name}", err["message"])
        status, _, body = self.server.request(
            "GET", f"/api/v1/submissions?cursor={docs}",
            headers={"Authorization": "Bearer " + self.depositary})
        self.assertEqual(status, 400, body)
        # The submissions' status named as every query parameter is.
        status, _, body = self.server.request(
            "GET", "/api/v1/submissions?status=open",
            headers={"Authorization": "Bearer " + self.depositary})
        self.assertEqual(status, 400, body)
        self.assertEqual(json.loads(body)["error"]["message"],
                         'query parameter status: expected pending, accepted or rejected, '
                         'got "open"')
        # Its own list's cursor goes on from where the page ended.
        page = self.get_json(f"/api/v1/documents?limit=2&cursor={docs}")
        whole = self.get_json("/api/v1/documents?limit=4")
        self.assertEqual([d["id"] for d in page["documents"]],
                         [d["id"] for d in whole["documents"][2:]])

    def test_cache_control(self):
        # No answer said whether it may be kept: a delegate's submissions
        # could sit in a browser's cache on disk. Public reads are kept and
        # asked again with their ETag; a token's answers and errors are not.
        for path in ["/api/v1/documents/csto-charter", "/api/v1/documents/csto-charter",
                     "/api/v1/documents?limit=2", "/api/v1/documents?limit=all",
                     "/api/v1/export"]:
            with self.subTest(path=path):
                status, hdrs, _ = self.get(path)
                self.assertEqual((status, hdrs.get("Cache-Control")), (200, "no-cache"))
        status, hdrs, _ = self.get("/api/v1/documents/csto-charter")
        status, hdrs, _ = self.get("/api/v1/documents/csto-charter",
                                   {"If-None-Match": hdrs["ETag"]})
        self.assertEqual((status, hdrs.get("Cache-Control")), (304, "no-cache"))
        # The findings are in the caller's language: a kept answer varies with it.
        status, en, body_en = self.get("/api/v1/checks")
        status, ru, body_ru = self.get("/api/v1/checks", {"Accept-Language": "ru"})
        self.assertNotEqual(body_en, body_ru)
        self.assertEqual((en.get("Vary"), ru.get("Vary")),
                         ("Accept-Language, Cookie", "Accept-Language, Cookie"))
        status, hdrs, _ = self.get("/api/v1/submissions",
                                   {"Authorization": "Bearer " + self.depositary})
        self.assertEqual((status, hdrs.get("Cache-Control")), (200, "no-store"))
        for path in ["/api/v1/documents/nope", "/api/v1/documents?limit=0"]:
            status, hdrs, _ = self.get(path)
            self.assertEqual(hdrs.get("Cache-Control"), "no-store", path)
        status, hdrs, _ = self.server.request("POST", "/api/v1/actions", b"{}",
                                              {"Content-Type": "application/json"})
        self.assertEqual((status, hdrs.get("Cache-Control")), (401, "no-store"))

    def test_compliance_period_that_is_none_is_refused(self):
        # Each was a 200 for some other period (an empty one, or the date of
        # on ignored), where pacta compliance refuses them.
        base = "/api/v1/organizations/cis/compliance?"
        for query, name in [("from=2026-12-01&to=2026-01-01", "from"),
                            ("on=2026-01-01&to=2026-02-01", "on"),
                            ("from=2026-01-01&previous_from=2025-01-01", "previous_to"),
                            ("previous_from=2025-01-01&previous_to=2025-12-31", "from"),
                            ("from=2026-01-01&previous_from=2025-12-01&previous_to=2025-01-01",
                             "previous_from")]:
            with self.subTest(query=query):
                status, _, body = self.get(base + query)
                self.assertEqual(status, 400, body[:200])
                err = json.loads(body)["error"]
                self.assertEqual(err["code"], "bad_parameter")
                self.assertTrue(err["message"].startswith(f"query parameter {name}:"), err)
        doc = self.get_json(base + "from=2026-01-01&to=2026-12-01&previous_from=2025-01-01"
                            "&previous_to=2025-12-01")
        self.assertEqual(doc["on"], "2026-12-01")

    def test_checks_answer_has_an_etag(self):
        # Every check ran on every request, with no ETag to ask again with.
        status, hdrs, body = self.get("/api/v1/checks")
        self.assertEqual(status, 200)
        self.assertIn("ETag", hdrs)
        status, _, _ = self.get("/api/v1/checks", {"If-None-Match": hdrs["ETag"]})
        self.assertEqual(status, 304)

    def test_401_names_the_bearer_scheme(self):
        # A 401 had no WWW-Authenticate header.
        for token, want in [(None, 'Bearer realm="pacta"'),
                            ("Bearer pacta_nonsense",
                             'Bearer realm="pacta", error="invalid_token"'),
                            ("Basic eDp5", 'Bearer realm="pacta", error="invalid_request"')]:
            with self.subTest(token=token):
                headers = {"Content-Type": "application/json"}
                if token:
                    headers["Authorization"] = token
                status, hdrs, _ = self.server.request("POST", "/api/v1/actions", b"{}", headers)
                self.assertEqual((status, hdrs.get("WWW-Authenticate")), (401, want))
        status, hdrs, _ = self.get("/api/v1/submissions")
        self.assertEqual((status, hdrs.get("WWW-Authenticate")), (401, 'Bearer realm="pacta"'))

    def test_method_not_allowed_says_which_are(self):
        # A 405 had no Allow header (RFC 9110 15.5.6 requires it).
        for method, path, allow in [
                ("PUT", "/api/v1/documents", "GET, HEAD, POST"),
                ("PATCH", "/api/v1/documents/csto-charter", "GET, HEAD, DELETE"),
                ("DELETE", "/api/v1/journal", "GET, HEAD"),
                ("POST", "/api/v1/log/checkpoint", "GET, HEAD"),
                ("GET", "/api/v1/submissions/sub-1/accept", "POST")]:
            with self.subTest(method=method, path=path):
                status, hdrs, body = self.server.request(method, path)
                self.assertEqual(status, 405, body)
                self.assertEqual(hdrs.get("Allow"), allow)
                self.assertEqual(json.loads(body)["error"]["code"], "method_not_allowed")

    def test_writes_refused_write_nothing(self):
        before = self.journal_last()
        action = {"document": "csto-charter", "party": "ARM", "type": "ratification",
                  "date": "2003-04-01"}
        self.assert_error(*self.post("/api/v1/actions", action), 401)
        self.assert_error(*self.post("/api/v1/actions", action, token="pacta_nonsense"), 401)
        self.assert_error(*self.post("/api/v1/actions", action, token=self.revoked), 401)
        other = dict(action, party="BLR")
        self.assert_error(*self.post("/api/v1/actions", other, token=self.arm), 403)
        signature = dict(action, type="signature")
        self.assert_error(*self.post("/api/v1/actions", signature, token=self.arm), 403)
        self.assert_error(*self.post("/api/v1/organizations",
                                     {"id": "x", "name": {"en": "X"}}, token=self.arm), 403)
        self.assert_error(*self.post("/api/v1/actions", action, token=self.arm,
                                     ctype="text/plain"), 415)
        status, body = self.post("/api/v1/actions", None, token=self.depositary, raw=b"{\"a\":")
        self.assert_error(status, body, 400)
        status, body = self.post("/api/v1/actions", dict(action, colour="red"),
                                 token=self.depositary)
        self.assert_error(status, body, 400)
        self.assertIn("colour", body["error"]["message"])
        status, body = self.post("/api/v1/actions", dict(action, date="2003-02-30"),
                                 token=self.depositary)
        self.assert_error(status, body, 400)
        status, body = self.post("/api/v1/actions", dict(action, document="nope"),
                                 token=self.depositary)
        self.assert_error(status, body, 400)
        big = b'{"pacta": 1, "parties": [' + b" " * (17 << 20) + b"]}"
        status, body = self.post("/api/v1/load", None, token=self.depositary, raw=big)
        self.assert_error(status, body, 413)
        status, _, _ = self.server.request("DELETE", "/api/v1/parties/ARM",
                                           headers={"Authorization": "Bearer " + self.arm})
        self.assertEqual(status, 403)
        self.assertEqual(self.journal_last(), before)

    def test_json_media_type_in_any_case(self):
        # Application/JSON was 415, and application/jsonx taken for JSON.
        status, body = self.post("/api/v1/actions", {"party": "ARM"}, token=self.depositary,
                                 ctype="Application/JSON; charset=UTF-8")
        self.assert_error(status, body, 400)  # read, and found wanting
        self.assertIn("document", body["error"]["message"])
        for ctype in ["application/jsonx", "text/plain"]:
            status, body = self.post("/api/v1/actions", {}, token=self.depositary, ctype=ctype)
            self.assert_error(status, body, 415)
            self.assertIn(ctype, body["error"]["message"])

    def test_an_empty_submission_is_nothing_to_submit(self):
        # {"actions": []} made an empty submission (202) for the depositary
        # to decide, where {} was refused as nothing to submit.
        before = self.journal_last()
        for doc in [{"pacta": 1}, {"pacta": 1, "actions": []},
                    {"actions": [], "assessments": []}]:
            with self.subTest(doc=doc):
                status, err = self.post("/api/v1/load", doc, token=self.arm)
                self.assert_error(status, err, 400)
                self.assertIn("nothing to submit", err["error"]["message"])
        self.assertEqual(self.journal_last(), before)

    def test_created_record_and_submission_say_where(self):
        # A 201 had no Location; a 202 had one.
        party = {"code": "XLC", "kind": "state", "name": {"en": "Location test"}}
        status, hdrs, body = self.server.request(
            "POST", "/api/v1/parties", json.dumps(party).encode(),
            {"Content-Type": "application/json", "Authorization": "Bearer " + self.depositary})
        self.assertEqual(status, 201, body)
        self.assertEqual(hdrs.get("Location"), "/api/v1/parties/XLC")
        action = {"document": "csto-charter", "party": "XLC", "type": "signature",
                  "date": "2002-10-07"}
        status, hdrs, body = self.server.request(
            "POST", "/api/v1/actions", json.dumps(action).encode(),
            {"Content-Type": "application/json", "Authorization": "Bearer " + self.depositary})
        self.assertEqual(status, 201, body)
        where = hdrs.get("Location")
        self.assertEqual(where, "/api/v1/actions/csto-charter%7CXLC%7Csignature%7C2002-10-07")
        self.assertEqual(self.get_json(where)["party"], "XLC")
        # Unchanged: 200, nowhere new.
        status, hdrs, body = self.server.request(
            "POST", "/api/v1/actions", json.dumps(action).encode(),
            {"Content-Type": "application/json", "Authorization": "Bearer " + self.depositary})
        self.assertEqual(status, 200, body)
        self.assertNotIn("Location", hdrs)
        for path in [where, "/api/v1/parties/XLC"]:
            status, _, body = self.server.request(
                "DELETE", path, headers={"Authorization": "Bearer " + self.depositary})
            self.assertEqual(status, 200, body)

    def test_decision_body_misspelt_or_mistyped_is_refused(self):
        # {"date": 5} accepted the submission on the day of receipt, and
        # {"dat": ...} likewise: a decision cannot be taken back.
        status, sub = self.post("/api/v1/actions",
                                {"document": "csto-charter", "party": "ARM",
                                 "type": "declaration", "instrument_date": "2026-11-21",
                                 "text": "decision body test"}, token=self.arm)
        self.assertEqual(status, 202, sub)
        path = "/api/v1/submissions/" + sub["id"]
        for verb, body, key in [("accept", {"date": 5}, "date"),
                                ("accept", {"dat": "2026-12-01"}, "dat"),
                                ("accept", {"reason": ["x"]}, "reason"),
                                ("reject", {"reason": "no", "date": "2026-12-01"}, "date"),
                                ("reject", {"reason": None}, "reason"),
                                ("reject", {"reason": " \n\t "}, "reason"),
                                ("reject", {}, "reason")]:
            with self.subTest(verb=verb, body=body):
                status, err = self.post(f"{path}/{verb}", body, token=self.depositary)
                self.assert_error(status, err, 400)
                self.assertIn(f'"{key}"', err["error"]["message"])
        self.assertEqual(self.submission(path)["status"], "pending")
        status, done = self.post(f"{path}/reject", {"reason": "test"}, token=self.depositary)
        self.assertEqual((status, done["status"]), (200, "rejected"), done)

    def submission(self, path):
        status, _, body = self.server.request("GET", path,
                                              headers={"Authorization": "Bearer " + self.arm})
        self.assertEqual(status, 200, body)
        return json.loads(body)

    def test_writes_through_journal(self):
        # The depositary records directly (a paper instrument, with its past date).
        action = {"document": "csto-charter", "party": "ARM", "type": "ratification",
                  "date": "2003-05-01"}
        status, body = self.post("/api/v1/actions", action, token=self.depositary)
        self.assertEqual(status, 201, body)
        seq = body["journal"]
        entry = self.get_json(f"/api/v1/journal?after={seq - 1}&limit=1")["entries"][0]
        self.assertEqual((entry["actor"], entry["kind"], entry["op"]),
                         ("secretariat", "action", "put"))
        self.assertEqual(entry["value"], action)
        # The same action again: nothing new.
        status, body = self.post("/api/v1/actions", action, token=self.depositary)
        self.assertEqual((status, body["loaded"]), (200, 0))
        # The status answer changes with it (and the cache follows the journal).
        s = self.get_json("/api/v1/documents/csto-charter/status?on=2026-01-01")
        self.assertIn("ARM", [p["party"] for p in s["parties"]])
        # The depositary retracts it.
        status, _, body = self.server.request(
            "DELETE", "/api/v1/actions/csto-charter%7CARM%7Cratification%7C2003-05-01",
            headers={"Authorization": "Bearer " + self.depositary})
        self.assertEqual(status, 200, body)
        self.assertEqual(json.loads(body)["journal"], seq + 1)

    def test_busy_registry_answers_503_and_keeps_serving(self):
        import sqlite3
        holder = sqlite3.connect(self.db, timeout=0, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the registry
        try:
            action = {"document": "csto-charter", "party": "ARM", "type": "ratification",
                      "date": "2003-07-01"}
            status, body = self.post("/api/v1/actions", action, token=self.depositary)
            self.assert_error(status, body, 503)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        self.get_json("/api/v1/organizations")
        status, body = self.post("/api/v1/actions", action, token=self.depositary)
        self.assertEqual(status, 201, body)

    def test_failure_inside_a_read_answers_503_and_keeps_serving(self):
        # The search index is to be refilled (a write) while another writer
        # holds the registry: the statement fails past the busy timeout in
        # the middle of the request, which answers 503 and frees what it had
        # allocated (under AddressSanitizer a leak fails the server's exit).
        import sqlite3
        holder = sqlite3.connect(self.db, timeout=5, isolation_level=None)
        holder.execute("INSERT OR REPLACE INTO meta VALUES ('search_stale', '1')")
        holder.execute("BEGIN IMMEDIATE")
        try:
            status, _, body = self.server.request("GET", "/search?q=treaty&kind=document")
            self.assertEqual(status, 503, body[:300])
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        status, _, body = self.server.request("GET", "/search?q=treaty&kind=document")
        self.assertEqual(status, 200)
        self.assertIn(b"Collective Security Treaty", body)

    def test_load_endpoint(self):
        doc = {"pacta": 1, "organizations": [{"id": "test-org", "name": {"en": "Test"}}]}
        status, body = self.post("/api/v1/load", doc, token=self.depositary)
        self.assertEqual(status, 201, body)
        self.assertEqual(self.get_json("/api/v1/organizations/test-org")["name"], {"en": "Test"})


    # -- bounded under abuse (issue 12) -------------------------------------

    def test_encoded_nul_in_an_argument_is_400_naming_it(self):
        # libmicrohttpd decodes %00 into the C string, which ended there:
        # ?q=%00x searched for nothing (200) and ?on=2009-01-01%00x showed
        # the page of 2009-01-01.
        for path, name in [("/api/v1/search?q=%00x", "q"),
                           ("/api/v1/search?q=treaty&kind=document%00", "kind"),
                           ("/api/v1/journal?after=0&limit=%00", "limit"),
                           ("/api/v1/organizations/cis/members?on=2009-01-01%00x", "on"),
                           ("/api/v1/documents?organization=cis%00", "organization")]:
            with self.subTest(path=path):
                status, hdrs, body = self.get(path)
                self.assertEqual(status, 400, body[:300])
                self.assertTrue(hdrs["Content-Type"].startswith("application/json"))
                msg = json.loads(body)["error"]["message"]
                self.assertIn(f"query parameter {name}:", msg)
                self.assertIn("NUL", msg)
        # The pages answer a 400 page naming it.
        for path, name in [("/search?q=%00x", "q"),
                           ("/documents/cis-charter?on=2009-01-01%00x", "on")]:
            with self.subTest(path=path):
                status, hdrs, body = self.get(path)
                self.assertEqual(status, 400, body[:300])
                self.assertTrue(hdrs["Content-Type"].startswith("text/html"))
                self.assertIn(f"query parameter {name}: holds an encoded NUL byte",
                              body.decode())
        # A percent sign followed by 00 is text like any other.
        status, _, body = self.get("/api/v1/search?q=%2500")
        self.assertEqual(status, 200, body[:300])
        self.assertEqual(json.loads(body)["query"], "%00")
        self.assertEqual(self.get("/documents/cis-charter?on=2009-01-01")[0], 200)

    def test_encoded_nul_in_a_whole_list_is_only_a_400(self):
        # A whole list is streamed: its 400 went out with the stream begun,
        # the unfiltered list (and its X-Total-Count) under status 400.
        for path, name in [("/api/v1/documents?limit=all&kind=%00", "kind"),
                           ("/api/v1/journal?limit=all&actor=%00", "actor"),
                           ("/api/v1/actions?limit=all&format=csv&type=%00", "type")]:
            with self.subTest(path=path):
                status, hdrs, body = self.get(path)
                self.assertEqual(status, 400, body[:300])
                self.assertTrue(hdrs["Content-Type"].startswith("application/json"))
                self.assertNotIn("X-Total-Count", hdrs)
                self.assertIn(f"query parameter {name}:", json.loads(body)["error"]["message"])

    def test_encoded_nul_in_a_form_field_is_400_naming_it(self):
        status, hdrs, body = self.get("/ingest")
        self.assertEqual(status, 200)
        csrf = re.search(r"pacta_csrf=([0-9a-f]{32})", hdrs["Set-Cookie"]).group(1)
        form = f"csrf={csrf}&text=Minsk%00%20summit&date=&place=&action=draft".encode()
        status, hdrs, body = self.server.request(
            "POST", "/ingest", form, {"Content-Type": "application/x-www-form-urlencoded",
                                      "Cookie": f"pacta_csrf={csrf}"})
        self.assertEqual(status, 400, body[:300])
        self.assertIn("the field text holds an encoded NUL byte", body.decode())

    def test_encoded_nul_in_the_path_is_not_served(self):
        # "/documents/cis-charter%00.html" served cis-charter's page.
        for path, ctype in [("/documents/cis-charter%00.html", "text/html"),
                            ("/documents/cis-charter%00", "text/html"),
                            ("/api/v1/documents/cis-charter%00.json", "application/json"),
                            ("/api/v1/documents/cis-charter%00/status", "application/json")]:
            with self.subTest(path=path):
                status, hdrs, body = self.get(path)
                self.assertEqual(status, 400, body[:300])
                self.assertTrue(hdrs["Content-Type"].startswith(ctype))
                self.assertIn(b"the path holds an encoded NUL byte", body)
                self.assertNotIn(b"Agreement establishing", body)
        self.assertEqual(self.get("/documents/cis-charter")[0], 200)

    def test_authorization_needs_the_bearer_scheme(self):
        before = self.journal_last()
        action = {"document": "csto-charter", "party": "ARM", "type": "ratification"}
        data = json.dumps(action).encode()
        for auth in [self.arm, "Token " + self.arm, "Basic " + self.arm, "Bearer",
                     "Bearer " + self.arm + " extra", "Bearer" + self.arm]:
            with self.subTest(auth=auth[:12]):
                status, _, body = self.server.request(
                    "POST", "/api/v1/actions", data,
                    {"Content-Type": "application/json", "Authorization": auth})
                self.assertEqual(status, 401, body)
                self.assertIn('must be "Bearer TOKEN"', json.loads(body)["error"]["message"])
        status, _, body = self.server.request("DELETE", "/api/v1/parties/ARM",
                                              headers={"Authorization": self.depositary})
        self.assertEqual(status, 401, body)
        self.assertIn("Bearer", json.loads(body)["error"]["message"])
        status, _, body = self.server.request("POST", "/api/v1/ingest", b"text",
                                              {"Content-Type": "text/plain",
                                               "Authorization": self.depositary})
        self.assertEqual(status, 401, body)
        self.assertEqual(self.journal_last(), before)
        # The scheme is case-insensitive (RFC 7235), the token is not. (A delegate's write
        # is a submission: 202.)
        status, _, body = self.server.request(
            "POST", "/api/v1/actions", data,
            {"Content-Type": "application/json", "Authorization": "bearer " + self.arm})
        self.assertEqual(status, 202, body)
        status, _, body = self.server.request(
            "POST", "/api/v1/actions", data,
            {"Content-Type": "application/json", "Authorization": "Bearer " + self.arm.upper()})
        self.assertEqual(status, 401, body)
        self.assertIn("unknown or revoked", json.loads(body)["error"]["message"])

    def test_ingest_body_over_1_mib_is_413(self):
        for token in (None, self.depositary):
            headers = {"Content-Type": "text/plain"}
            if token:
                headers["Authorization"] = "Bearer " + token
            with self.subTest(token=bool(token)):
                status, _, body = self.server.request("POST", "/api/v1/ingest",
                                                      b"a" * ((1 << 20) + 1), headers)
                self.assertEqual(status, 413, body[:300])
                self.assertIn("1 MiB", json.loads(body)["error"]["message"])
                status, _, body = self.server.request("POST", "/api/v1/ingest",
                                                      b"a" * (1 << 20), headers)
                self.assertNotEqual(status, 413, body[:300])

    def test_ingest_published(self):
        # ?published=: the release's publication date, for a date the text gives without its
        # year; not a date: 400 naming it.
        text = ("MINSK, 12 October (BelTA) - The CIS Council of Heads of State met in Minsk on "
                "12 October.").encode()
        headers = {"Content-Type": "text/plain", "Authorization": "Bearer " + self.depositary}
        status, _, body = self.server.request("POST", "/api/v1/ingest?published=2025-13-01",
                                              text, headers)
        self.assertEqual(status, 400, body)
        self.assertIn("published", json.loads(body)["error"]["message"])
        status, _, body = self.server.request("POST", "/api/v1/ingest", text, headers)
        self.assertEqual(status, 200, body)
        self.assertIsNone(json.loads(body)["session"]["date"])
        status, _, body = self.server.request("POST", "/api/v1/ingest?published=2025-10-13",
                                              text, headers)
        self.assertEqual(status, 200, body)
        self.assertEqual(json.loads(body)["session"]["date"], "2025-10-12")

    def test_body_over_the_limit_refused_before_it_is_sent(self):
        # The head declares 2 MiB and waits for "100 Continue": the 413 comes instead, and
        # not one byte of the body is sent.
        for path, limit in (("/api/v1/ingest", "1 MiB"), ("/ingest", "1 MiB"),
                            ("/record", "64 KiB"), ("/api/v1/load", "16 MiB")):
            with self.subTest(path=path):
                size = (17 << 20) if path == "/api/v1/load" else (2 << 20)
                s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
                s.sendall(("POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                           "Content-Length: %d\r\nExpect: 100-continue\r\n\r\n" % (path, size)).encode())
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    head += chunk
                s.close()
                self.assertTrue(head.startswith(b"HTTP/1.1 413"), head[:200])
                self.assertIn(limit.encode(), head)
        # Chunked, with no length declared: refused once past the limit.
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        s.sendall(b"POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n")
        piece = b"a" * 65536
        for _ in range(17):
            s.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
        s.sendall(b"0\r\n\r\n")
        answer = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            answer += chunk
            if b"}\n" in answer:
                break
        s.close()
        self.assertTrue(answer.startswith(b"HTTP/1.1 413"), answer[:200])
        # A read takes no body.
        status, _, body = self.server.request("GET", "/api/v1/parties", b"x=1",
                                              {"Content-Type": "text/plain"})
        self.assertEqual(status, 413, body[:300])
        self.assertIn("takes no request body", json.loads(body)["error"]["message"])

    def test_ingest_at_most_two_at_once_without_a_depositary_token(self):
        import threading
        with open(SEED, "rb") as f:
            seed = f.read()
        server = Server(self.db, "--threads", "12")
        try:
            # A release long enough that drafts overlap: up to 900 kB, less
            # where one takes 0.15 s already (under the sanitizers).
            size = 50_000
            while True:
                body = (seed * (size // len(seed) + 1))[:size]
                t0 = time.monotonic()
                status, _, b = server.request("POST", "/api/v1/ingest", body,
                                              {"Content-Type": "text/plain"})
                self.assertEqual(status, 200, b[:300])
                if time.monotonic() - t0 >= 0.15 or size >= 900_000:
                    break
                size = min(2 * size, 900_000)

            def crowd(n, send):
                """n requests sent at once, and meanwhile a read, timed."""
                start = threading.Barrier(n + 1)
                out = []

                def one():
                    start.wait()
                    out.append(send())

                threads = [threading.Thread(target=one) for _ in range(n)]
                for t in threads:
                    t.start()
                start.wait()
                time.sleep(0.05)
                t0 = time.monotonic()
                status, _, orgs = server.request("GET", "/api/v1/organizations")
                waited = time.monotonic() - t0
                for t in threads:
                    t.join()
                self.assertEqual(status, 200)
                self.assertIn("organizations", json.loads(orgs))
                self.assertLess(waited, 2.0, "a read waited behind the drafts")
                self.assertEqual(sorted({s for s, _, _ in out} - {200, 429}), [],
                                 [(s, b[:200]) for s, _, b in out])
                self.assertGreaterEqual(sum(s == 200 for s, _, _ in out), 1)
                return out

            def refused(send):
                for _ in range(5):  # the drafts must overlap
                    out = [(h, b) for s, h, b in crowd(8, send) if s == 429]
                    if out:
                        return out
                self.fail("eight drafts at once were never refused")

            def api(token=None):
                headers = {"Content-Type": "text/plain"}
                if token:
                    headers["Authorization"] = "Bearer " + token
                return lambda: server.request("POST", "/api/v1/ingest", body, headers)

            for hdrs, b in refused(api()):
                self.assertEqual(hdrs.get("Retry-After"), "1")
                self.assertEqual(json.loads(b)["error"]["code"], "too_many_requests")
            # A delegate's token does not lift the limit; a depositary's does.
            self.assertTrue(refused(api(self.arm)))
            self.assertEqual([s for s, _, _ in crowd(6, api(self.depositary))], [200] * 6)
            # The page counts its drafts in the same limit.
            _, hdrs, _ = server.request("GET", "/ingest")
            csrf = re.search(r"pacta_csrf=([0-9a-f]{32})", hdrs["Set-Cookie"]).group(1)
            form = urllib.parse.urlencode({"csrf": csrf, "text": body.decode(),
                                           "action": "draft"}).encode()[:(1 << 20)]
            page = lambda: server.request(  # noqa: E731
                "POST", "/ingest", form, {"Content-Type": "application/x-www-form-urlencoded",
                                          "Cookie": f"pacta_csrf={csrf}"})
            for hdrs, b in refused(page):
                self.assertEqual(hdrs.get("Retry-After"), "1")
                self.assertIn(b"press releases are being drafted", b)
            # Once the crowd is gone, an anonymous draft is made again.
            status, _, b = server.request("POST", "/api/v1/ingest", seed,
                                          {"Content-Type": "text/plain"})
            self.assertEqual(status, 200, b[:300])
            if server.proc.poll() is not None:
                self.fail("the server died: " + server.proc.stderr.read())
        finally:
            self.assertEqual(server.stop(), 0)
            server.proc.stderr.close()

    def test_reads_during_writes_each_see_one_state(self):
        # Found under load: a party's page read while parties were being
        # added sized its arrays from one state and filled them from a later
        # one (a heap overflow under ASan). Readers on three connections, a
        # writer on a fourth; every answer is whole and the server lives.
        import threading
        tmp = tempfile.TemporaryDirectory()
        db = os.path.join(tmp.name, "c.db")
        cli(db, "init", "--sample")
        token = json.loads(cli(db, "token", "create", "--role", "depositary", "--name", "w",
                               "--json"))["token"]
        port = free_port()
        proc = subprocess.Popen([PACTA, "--db", db, "serve", "--listen", f"127.0.0.1:{port}",
                                 "--quiet", "--threads", "4"], stderr=subprocess.PIPE, text=True)
        server = Server.__new__(Server)
        server.port, server.proc = port, proc
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        done = threading.Event()
        bad = []

        def read():
            while not done.is_set():
                for path in ("/api/v1/parties/ARM", "/api/v1/documents/csto-charter/status",
                             "/api/v1/organizations/cis/members?on=2020-01-01"):
                    status, _, body = server.request("GET", path)
                    if status != 200:
                        bad.append((path, status, body[:200]))
                    else:
                        json.loads(body)

        readers = [threading.Thread(target=read) for _ in range(3)]
        for t in readers:
            t.start()
        try:
            for i in range(300):
                code = "X" + chr(65 + i // 26 % 26) + chr(65 + i % 26)
                party = {"code": code, "kind": "state", "name": {"en": "Test " + code}}
                status, _, body = server.request(
                    "POST", "/api/v1/parties", json.dumps(party).encode(),
                    {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
                self.assertEqual(status, 201, body)
        finally:
            done.set()
            for t in readers:
                t.join()
        self.assertEqual(bad, [])
        if proc.poll() is not None:
            self.fail("the server died: " + proc.stderr.read())
        self.assertEqual(server.stop(), 0)
        proc.stderr.close()
        tmp.cleanup()

if __name__ == "__main__":
    PACTA = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)
