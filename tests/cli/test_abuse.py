#!/usr/bin/env python3
"""The server bounded under abuse: `pacta serve` on the sample registry,
talked to over 127.0.0.1.

- Query arguments the route does not read (?junk=N) do not fill the response
  cache: 1,500 such GETs grow the server's memory by less than 64 MB and
  cache nothing; 1,500 GETs with distinct real arguments keep the cache
  within --cache-mb.
- A second server on a port in use exits 1 with "address in use".
- 300 connections from 127.0.0.1 that each send one header line every
  second are closed at --request-timeout, and a normal GET from the same
  address still answers at once.

usage: test_abuse.py PACTA_BINARY
"""
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

PACTA = None
MB = 1 << 20
SANITIZED = False  # under ASan or TSan, resident memory says little: not checked


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_bytes(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


class Server:
    def __init__(self, db, *flags, port=None, quiet=True):
        self.port = port or free_port()
        self.proc = subprocess.Popen(
            [PACTA, "--db", db, "serve", "--listen", f"127.0.0.1:{self.port}",
             *(["--quiet"] if quiet else []), *flags],
            stderr=subprocess.PIPE, text=True)
        # Read what it prints as it comes, so that it never waits on a full pipe.
        self.err = []
        self.reader = threading.Thread(target=lambda: self.err.extend(self.proc.stderr))
        self.reader.start()
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
        self.proc.kill()
        self.reader.join()
        raise RuntimeError("server did not start: " + "".join(self.err))

    def get(self, path, timeout=10, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            c.request("GET", path, headers=headers or {})
            r = c.getresponse()
            return r.status, r.read()
        finally:
            c.close()

    def get_many(self, paths, nClient=4):
        """GET every path over nClient kept-alive connections; the statuses."""
        statuses = []
        lock = threading.Lock()

        def run(part):
            c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            got = []
            for p in part:
                c.request("GET", p)
                r = c.getresponse()
                r.read()
                got.append(r.status)
            c.close()
            with lock:
                statuses.extend(got)

        threads = [threading.Thread(target=run, args=(paths[i::nClient],)) for i in range(nClient)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return statuses

    def stop(self):
        """Stop with SIGTERM; the exit status and what it printed."""
        self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(timeout=10)
        self.reader.join()
        self.proc.stderr.close()
        return rc, "".join(self.err)


def cache_figures(err):
    m = re.search(r"response cache peak (\d+) bytes of (\d+) \((\d+) entries", err)
    if not m:
        raise AssertionError("no cache figures in: " + err)
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


class Abuse(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "r.db")
        subprocess.run([PACTA, "--db", cls.db, "init", "--sample"], check=True,
                       capture_output=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_unknown_arguments_are_not_cached(self):
        s = Server(self.db, "--threads", "2", "--cache-mb", "8")
        try:
            # Warm up: the threads' connections, statement caches, malloc's arenas.
            self.assertEqual(set(s.get_many([f"/api/v1/journal?limit=1000&junk=w{i}"
                                             for i in range(100)])), {200})
            before = rss_bytes(s.proc.pid)
            statuses = s.get_many([f"/api/v1/journal?limit=1000&junk={i}" for i in range(1500)])
            after = rss_bytes(s.proc.pid)
            self.assertEqual(set(statuses), {200})
            # Repeated arguments are as unknown: ?limit=1000&limit=N.
            statuses = s.get_many([f"/api/v1/journal?limit=1000&limit={i}" for i in range(200)])
            self.assertEqual(set(statuses), {200})
        finally:
            rc, err = s.stop()
        self.assertEqual(rc, 0, err)
        grown = (after - before) / MB
        print(f"1,500 GETs with unknown arguments: RSS {before / MB:.1f} -> {after / MB:.1f} MB",
              file=sys.stderr)
        if not SANITIZED:
            self.assertLess(grown, 64, f"RSS grew by {grown:.1f} MB")
        peak, budget, _ = cache_figures(err)
        self.assertEqual(budget, 8 * MB)
        self.assertEqual(peak, 0, "a response with an unknown argument was cached")

    def test_cache_stays_within_its_budget(self):
        s = Server(self.db, "--threads", "2", "--cache-mb", "8")
        try:
            self.assertEqual(s.get("/api/v1/journal?limit=1000")[0], 200)
            before = rss_bytes(s.proc.pid)
            # 1,500 distinct answers of up to 160 kB, every one cacheable: about 100 MB
            # without a budget.
            paths = [f"/api/v1/journal?limit={1000 - i % 750}&after={i // 750}"
                     for i in range(1500)]
            statuses = s.get_many(paths)
            after = rss_bytes(s.proc.pid)
            self.assertEqual(set(statuses), {200})
            # Still cached: the newest answers come back the same.
            self.assertEqual(s.get(paths[-1])[0], 200)
        finally:
            rc, err = s.stop()
        self.assertEqual(rc, 0, err)
        peak, budget, entries = cache_figures(err)
        print(f"1,500 distinct cacheable GETs: RSS {before / MB:.1f} -> {after / MB:.1f} MB, "
              f"cache peak {peak / MB:.2f} MB of {budget / MB:.0f}, {entries} entries at the end",
              file=sys.stderr)
        self.assertLessEqual(peak, budget)
        self.assertGreater(peak, budget // 2, "the cache was barely used")
        if not SANITIZED:
            self.assertLess((after - before) / MB, 64)

    def test_port_in_use(self):
        s = Server(self.db, "--threads", "1")
        try:
            p = subprocess.run([PACTA, "--db", self.db, "serve", "--listen",
                                f"127.0.0.1:{s.port}", "--quiet"],
                               capture_output=True, text=True, timeout=10)
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertIn(f"pacta: 127.0.0.1:{s.port}: address in use", p.stderr)
            # The first one still serves.
            self.assertEqual(s.get("/api/v1/journal?limit=1")[0], 200)
        finally:
            rc, err = s.stop()
        self.assertEqual(rc, 0, err)

    def test_forwarded_for_believed_only_from_a_trusted_proxy(self):
        fwd = {"X-Forwarded-For": "203.0.113.7, 198.51.100.2"}
        for flags, want in (((), "127.0.0.1"), (("--trusted-proxy", "10.0.0.1,127.0.0.1"),
                                                 "198.51.100.2")):
            s = Server(self.db, "--threads", "1", *flags, quiet=False)
            try:
                self.assertEqual(s.get("/api/v1/parties?x=1", headers=fwd)[0], 200)
                self.assertEqual(s.get("/api/v1/parties?x=2",
                                       headers={"X-Forwarded-For": "<script>"})[0], 200)
            finally:
                rc, err = s.stop()
            self.assertEqual(rc, 0, err)
            lines = [ln for ln in err.splitlines() if " GET /api/v1/parties" in ln]
            self.assertEqual(len(lines), 2, err)
            self.assertEqual(lines[0].split()[1], want, lines[0])
            self.assertEqual(lines[1].split()[1], "127.0.0.1", lines[1])  # not an address
        p = subprocess.run([PACTA, "--db", self.db, "serve", "--trusted-proxy", "proxy.local"],
                           capture_output=True, text=True, timeout=10)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("--trusted-proxy: expected IP addresses", p.stderr)

    def test_slow_clients_do_not_lock_out_their_address(self):
        timeout = 2
        s = Server(self.db, "--threads", "2", "--request-timeout", str(timeout))
        stop = threading.Event()
        lives = []  # how long each slow connection stayed open, in seconds
        lock = threading.Lock()

        def slowloris():
            """300 connections that each send a header line every second, and connect
            again (after half a second) when the server closes them."""
            conns = {}  # socket -> (opened, next line due)

            def connect():
                try:
                    so = socket.create_connection(("127.0.0.1", s.port), timeout=2)
                    so.setblocking(False)
                    so.send(b"GET /api/v1/journal?limit=1 HTTP/1.1\r\nHost: x\r\n")
                    now = time.monotonic()
                    conns[so] = (now, now + 1)
                except OSError:
                    pass

            for _ in range(300):
                connect()
            pending = 0
            next_connect = 0
            while not stop.is_set():
                now = time.monotonic()
                for so, (opened, due) in list(conns.items()):
                    closed = False
                    try:
                        if so.recv(4096) == b"":
                            closed = True
                    except BlockingIOError:
                        pass
                    except OSError:
                        closed = True
                    if not closed and now >= due:
                        try:
                            so.send(b"X-Slow: 1\r\n")
                            conns[so] = (opened, now + 1)
                        except OSError:
                            closed = True
                    if closed:
                        with lock:
                            lives.append(now - opened)
                        so.close()
                        del conns[so]
                        pending += 1
                        next_connect = now + 0.5
                if pending and now >= next_connect:
                    for _ in range(pending):
                        connect()
                    pending = 0
                time.sleep(0.05)
            now = time.monotonic()
            for so, (opened, _) in conns.items():
                with lock:
                    lives.append(-(now - opened))  # still open: negative
                so.close()

        t = threading.Thread(target=slowloris)
        t.start()
        waits = []
        try:
            time.sleep(timeout + 1)
            for _ in range(8):
                t0 = time.monotonic()
                status = None
                while time.monotonic() - t0 < 5 and status is None:
                    try:
                        status, _ = s.get("/api/v1/journal?limit=1", timeout=5)
                    except OSError:
                        time.sleep(0.1)
                waits.append(time.monotonic() - t0)
                self.assertEqual(status, 200, f"no answer within 5 s, waits {waits}")
                time.sleep(0.5)
        finally:
            stop.set()
            t.join()
            rc, err = s.stop()
        self.assertEqual(rc, 0, err)
        closed = [x for x in lives if x >= 0]
        still_open = [-x for x in lives if x < 0]
        print(f"slow clients: {len(closed)} closed, longest {max(closed):.1f} s; "
              f"{len(still_open)} open at the end, oldest {max(still_open, default=0):.1f} s; "
              f"normal GETs answered in {min(waits):.3f} to {max(waits):.3f} s", file=sys.stderr)
        self.assertLess(max(waits), 3, waits)
        self.assertGreaterEqual(len(closed), 300)
        # At most the deadline, plus the watcher's tick and this loop's.
        self.assertLess(max(closed), timeout + 1.5)
        self.assertLess(max(still_open, default=0), timeout + 1.5)
        self.assertIn("closed at their deadline", err)


if __name__ == "__main__":
    PACTA = os.path.abspath(sys.argv.pop(1))
    with open(PACTA, "rb") as f:
        binary = f.read()
    SANITIZED = b"AddressSanitizer" in binary or b"ThreadSanitizer" in binary
    unittest.main(verbosity=2)
