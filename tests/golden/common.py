"""Shared harness for the golden tests: run pacta on a temporary registry and
record comparisons. Python 3 standard library only."""

import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean


class PactaError(Exception):
    pass


class Registry:
    """A fresh registry in a temporary directory, driven through the CLI."""

    def __init__(self, binary):
        if not binary or not os.path.isfile(binary) or not os.access(binary, os.X_OK):
            raise SystemExit("golden: pacta binary not found or not executable: %r" % (binary,))
        self.binary = os.path.abspath(binary)
        self.dir = tempfile.mkdtemp(prefix="pacta-golden-")
        self.db = os.path.join(self.dir, "registry.db")
        self.run("init")

    def close(self):
        if os.environ.get("PACTA_GOLDEN_KEEP"):
            print("kept registry directory %s" % self.dir)
        else:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def run(self, *args, want_json=False, timeout=300):
        argv = [self.binary, "--db", self.db] + list(args) + (["--json"] if want_json else [])
        env = dict(os.environ)
        env.pop("PACTA_DB", None)
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout, env=env, cwd=self.dir)
        out = p.stdout.decode("utf-8", "replace")
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode != 0:
            raise PactaError("`%s` exited %d\n  stderr: %s" % (
                " ".join(["pacta"] + argv[1:]), p.returncode, err.strip()[:2000]))
        if not want_json:
            return out
        try:
            return json.loads(out)
        except ValueError as e:
            raise PactaError("`%s` did not print one JSON document (%s): %r" % (
                " ".join(["pacta"] + argv[1:]), e, out[:500]))

    def write(self, name, doc):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)
        return path

    def load(self, *paths):
        return self.run("load", *paths, want_json=True)

    def status(self, doc, on):
        return self.run("status", doc, "--on", on, want_json=True)

    def members(self, org, on):
        return self.run("members", org, "--on", on, want_json=True)


class Checker:
    """Counts and prints comparisons; exit status 1 if any failed."""

    def __init__(self, name):
        self.name = name
        self.n = 0
        self.failed = []

    def check(self, label, ok, detail=""):
        self.n += 1
        if ok:
            print("ok    %s%s" % (label, (" (" + detail + ")") if detail else ""))
        else:
            print("FAIL  %s%s" % (label, (": " + detail) if detail else ""))
            self.failed.append(label)
        return ok

    def eq(self, label, got, want):
        if got == want:
            detail = json.dumps(got, ensure_ascii=False)
            if len(detail) > 120:
                detail = detail[:100] + "... (%d items)" % len(got) if isinstance(got, (list, dict)) \
                    else detail[:120] + "..."
            return self.check(label, True, detail)
        return self.check(label, False, "pacta %s, expected %s" % (
            json.dumps(got, ensure_ascii=False), json.dumps(want, ensure_ascii=False)))

    def info(self, text):
        print("note  %s" % text)

    def finish(self):
        print("%s: %d checks, %d failed" % (self.name, self.n, len(self.failed)))
        if self.failed:
            for f in self.failed[:40]:
                print("  failed: %s" % f)
            if len(self.failed) > 40:
                print("  ... and %d more" % (len(self.failed) - 40))
            return 1
        return 0


def add_days(s, n):
    return (datetime.date.fromisoformat(s) + datetime.timedelta(days=n)).isoformat()


def status_shape(chk, st, doc, on):
    """Checks on the JSON shape of `status` common to every test."""
    chk.eq("status %s on %s: document" % (doc, on), st.get("document"), doc)
    chk.eq("status %s on %s: on" % (doc, on), st.get("on"), on)
    chk.check("status %s on %s: in_force is a boolean" % (doc, on),
              isinstance(st.get("in_force"), bool), repr(st.get("in_force")))
    parties = st.get("parties")
    chk.check("status %s on %s: parties is a list" % (doc, on), isinstance(parties, list))
    if isinstance(parties, list):
        codes = [p.get("party") for p in parties]
        chk.check("status %s on %s: parties sorted by party, no duplicates" % (doc, on),
                  codes == sorted(set(codes)))
        return {p.get("party"): p for p in parties}
    return {}


def main_wrapper(name, body):
    """Run body(binary, checker); turn pacta errors into a failure with the message."""
    if len(sys.argv) < 2:
        print("usage: %s PATH/TO/pacta" % sys.argv[0], file=sys.stderr)
        return 2
    chk = Checker(name)
    try:
        body(sys.argv[1], chk)
    except PactaError as e:
        chk.check("pacta command succeeded", False, str(e))
    return chk.finish()
