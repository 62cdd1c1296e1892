"""Set-up shared by the CLI tests that run `pacta serve`: the binary under test, `pacta` commands
with PACTA_TODAY fixed, a sample registry, tokens, the server on a free port, HTTP requests with
cookies and signing in at /login.

A test file puts its own directory first on sys.path, imports from here and ends with
`pactatest.main()`, which takes the binary's path from the command line:

    python3 tests/cli/test_X.py path/to/pacta
"""
import http.client
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
import urllib.parse
import urllib.request

PACTA = None  # the binary under test (set by main)
TODAY = "2026-12-04"


def main(verbosity=1):
    """Take the binary's path from the command line and run the calling module's tests."""
    global PACTA
    PACTA = os.path.abspath(sys.argv.pop(1))
    unittest.main(module="__main__", verbosity=verbosity)


def env(today=TODAY):
    """The environment of `pacta`: PACTA_TODAY=today, or the real date if today is None."""
    return dict(os.environ, PACTA_TODAY=today) if today is not None else None


def run(db, *args, expect=0, today=TODAY, stdin=None):
    """`pacta --db DB ARGS...`; fails unless it exits with `expect` (None: any exit)."""
    p = subprocess.run([PACTA, "--db", db, *args], capture_output=True, text=True,
                       env=env(today), input=stdin)
    if expect is not None and p.returncode != expect:
        raise AssertionError(f"pacta {' '.join(args)}: exit {p.returncode}, not {expect}\n"
                             f"{p.stdout}\n{p.stderr}")
    return p


def sample(today=TODAY):
    """A temporary directory holding r.db, the bundled sample registry: (tmp, db)."""
    tmp = tempfile.TemporaryDirectory()
    db = os.path.join(tmp.name, "r.db")
    run(db, "init", "--sample", today=today)
    return tmp, db


def token(db, *args, today=TODAY):
    """A new token's secret: `pacta token create ARGS... --json`."""
    return json.loads(run(db, "token", "create", *args, "--json", today=today).stdout)["token"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db, *args, today=TODAY):
    """`pacta serve` on a free port of 127.0.0.1, once it accepts connections: (proc, port)."""
    port = free_port()
    proc = subprocess.Popen([PACTA, "--db", db, "serve", "--listen", f"127.0.0.1:{port}",
                             "--quiet", *args], env=env(today))
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    return proc, port


def stop(proc):
    proc.terminate()
    proc.wait(timeout=10)


def request(port, method, path, body=None, cookies=None, headers=None, timeout=10):
    """One request: (status, Set-Cookie, Location, body text, Cache-Control). A body that is
    not text (a dict, or a list of pairs) is sent as a form; cookies with no value are left out."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    h = dict(headers or {})
    if cookies:
        h["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items() if v)
    if body is not None and not isinstance(body, (str, bytes)):
        body = urllib.parse.urlencode([tuple(f) for f in body] if isinstance(body, list) else body,
                                      doseq=True)
        h.setdefault("Content-Type", "application/x-www-form-urlencoded")
    c.request(method, path, body, h)
    r = c.getresponse()
    out = (r.status, r.getheader("Set-Cookie") or "", r.getheader("Location"), r.read().decode(),
           r.getheader("Cache-Control") or "")
    c.close()
    return out


def api(port, method, path, body=None, token=None):
    """A JSON request to the API: (status, headers, raw body)."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method,
                                 headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def sign_in(port, token, next=None, headers=None, timeout=10):
    """GET /login for the pacta_csrf cookie, POST it with the token (and `next`):
    (status, Set-Cookie, Location)."""
    _, cookie, _, _, _ = request(port, "GET", "/login", timeout=timeout)
    csrf = re.search(r"pacta_csrf=([0-9a-f]{32})", cookie).group(1)
    fields = {"csrf": csrf, "token": token}
    if next is not None:
        fields["next"] = next
    status, cookie, location, _, _ = request(port, "POST", "/login", fields, {"pacta_csrf": csrf},
                                             headers, timeout=timeout)
    return status, cookie, location
