#!/usr/bin/env python3
"""Signing in to the pages once (issue 15): /login takes a token and sets a session cookie
(HttpOnly, SameSite=Strict, Secure over TLS through a trusted proxy), kept as a hash, ended by
/logout, by revoking the token or by a working day idle; forms keep their CSRF check and need no
token field once signed in; bearer tokens work as before.

    python3 tests/cli/test_login.py path/to/pacta
"""
import http.client
import json
import os
import re
import sqlite3
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pactatest  # noqa: E402
from pactatest import sample, serve, stop, token  # noqa: E402


def run(db, *args):
    return pactatest.run(db, *args, today=None)


class Login(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp, cls.db = sample(today=None)
        cls.token = token(cls.db, "--role", "depositary", "--name", "secretariat", today=None)
        cls.proc, cls.port = serve(cls.db, "--trusted-proxy", "127.0.0.1", today=None)

    @classmethod
    def tearDownClass(cls):
        stop(cls.proc)
        cls.tmp.cleanup()

    def request(self, method, path, body=None, cookies=None, headers=None):
        return pactatest.request(self.port, method, path, body, cookies, headers)[:4]

    def form(self, path):
        _, cookie, _, html = self.request("GET", path)
        csrf = re.search(r"pacta_csrf=([0-9a-f]{32})", cookie).group(1)
        return csrf

    def sign_in(self, token=None, headers=None):
        return pactatest.sign_in(self.port, token or self.token, "/documents", headers)

    def test_sign_in_and_out(self):
        status, cookie, location = self.sign_in()
        self.assertEqual((status, location), (303, "/documents"))
        self.assertRegex(cookie, r"^pacta_session=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Strict$")
        secret = cookie.split(";")[0].split("=")[1]
        # Kept as a hash only.
        rows = sqlite3.connect(self.db).execute("SELECT hash, token FROM session").fetchall()
        self.assertTrue(rows)
        self.assertNotIn(secret.encode(), b"".join(r[0] for r in rows))
        # Pages name who is signed in; the same page without the cookie does not (and the
        # response cache does not mix them up).
        for _ in range(2):
            _, _, _, html = self.request("GET", "/organizations", cookies={"pacta_session": secret})
            self.assertIn('<a href="/desk">secretariat</a>', html)
            _, _, _, html = self.request("GET", "/organizations")
            self.assertNotIn("secretariat", html)
            self.assertIn('<a href="/login">Sign in</a>', html)
        # Signed in, a form needs no token field.
        _, _, _, html = self.request("GET", "/record", cookies={"pacta_session": secret})
        self.assertNotIn('name="token"', html)
        # Sign out: the cookie no longer signs in.
        csrf = self.form("/logout")
        status, cookie, location, _ = self.request(
            "POST", "/logout", {"csrf": csrf}, {"pacta_csrf": csrf, "pacta_session": secret})
        self.assertEqual((status, location), (303, "/"))
        self.assertIn("Max-Age=0", cookie)
        _, _, _, html = self.request("GET", "/organizations", cookies={"pacta_session": secret})
        self.assertNotIn("secretariat", html)

    def test_refused(self):
        status, cookie, _ = self.sign_in("pacta_" + "0" * 64)
        self.assertEqual(status, 401)
        self.assertNotIn("pacta_session", cookie)
        _, _, _, html = self.request("POST", "/login", {"token": self.token})  # no CSRF
        self.assertNotIn("pacta_session=", html)
        status, cookie, _, html = self.request("POST", "/login", {"token": self.token})
        self.assertEqual(status, 403)
        self.assertNotIn("pacta_session", cookie)
        self.assertIn('aria-describedby="token-hint token-error"', html)

    def test_secure_over_tls_through_the_proxy(self):
        status, cookie, _ = self.sign_in(headers={"X-Forwarded-Proto": "https"})
        self.assertEqual(status, 303)
        self.assertTrue(cookie.endswith("; Secure"), cookie)

    def test_revoked_or_idle_ends_the_session(self):
        name = "officer-%d" % time.time_ns()
        token = json.loads(run(self.db, "token", "create", "--role", "depositary", "--name", name,
                               "--json").stdout)["token"]
        _, cookie, _ = self.sign_in(token)
        secret = cookie.split(";")[0].split("=")[1]
        _, _, _, html = self.request("GET", "/parties", cookies={"pacta_session": secret})
        self.assertIn(name, html)
        db = sqlite3.connect(self.db)
        db.execute("UPDATE session SET seen=seen-9*3600 WHERE token=?", (name,))
        db.commit()
        _, _, _, html = self.request("GET", "/parties", cookies={"pacta_session": secret})
        self.assertNotIn(name, html)
        _, cookie, _ = self.sign_in(token)
        secret = cookie.split(";")[0].split("=")[1]
        run(self.db, "token", "revoke", name)
        _, _, _, html = self.request("GET", "/parties", cookies={"pacta_session": secret})
        self.assertNotIn(name, html)

    def test_bearer_tokens_as_before(self):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        c.request("GET", "/api/v1/submissions", headers={"Authorization": "Bearer " + self.token})
        r = c.getresponse()
        self.assertEqual(r.status, 200)
        r.read()
        c.close()


if __name__ == "__main__":
    pactatest.main()
