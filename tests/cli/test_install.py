#!/usr/bin/env python3
"""Installation tests: the man page, the bash completion and the systemd unit
against what the binary says, and the layout of 'cmake --install'.

- every command of 'pacta --help' has an entry in the man page (and nothing
  else has one), and every flag of 'pacta help COMMAND' is in that entry;
  every environment variable the sources read is under ENVIRONMENT;
- 'groff -man -ww -z' says nothing about the man page;
- the bash completion completes 'pacta st' to 'status', every command, every
  flag of each command, the record kinds and ids from a registry;
- 'DESTDIR=... cmake --install BUILD --prefix /usr' lays out the binary, the
  man page, the completion, the unit (in Debian's unit directory) and the
  sample data, and the unit runs the installed binary;
- 'pacta --version' follows the GNU coding standards.

usage: test_install.py PACTA_BINARY BUILD_DIR [CMAKE]
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

PACTA = BUILD = None
CMAKE = "cmake"
SOURCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
COMPLETION = os.path.join(SOURCE, "dist", "pacta.bash")
UNIT = os.path.join(SOURCE, "dist", "pacta.service")
GLOBAL_FLAGS = {"--db", "--actor"}


def pacta(*args, expect=0, cwd=None):
    p = subprocess.run([PACTA, *args], capture_output=True, text=True, cwd=cwd)
    if p.returncode != expect:
        raise AssertionError(f"pacta {' '.join(args)}: exit {p.returncode}, expected {expect}\n"
                             f"stdout: {p.stdout[:2000]}\nstderr: {p.stderr[:2000]}")
    return p


def help_commands():
    """The command names of 'pacta --help', in its order."""
    out = pacta("--help").stdout
    block = out.split("\ncommands:\n", 1)[1].split("\n\n", 1)[0]
    # A command's usage starts two spaces in; a continued usage line is deeper.
    names = [m.group(1) for m in re.finditer(r"^  ([a-z][a-z-]*)\b", block, re.M)]
    assert len(names) >= 20, block
    return names


def help_flags(cmd):
    """The flags named by 'pacta help CMD', usage and text."""
    return set(re.findall(r"(?<![\w-])--[a-z][a-z-]*[a-z]", pacta("help", cmd).stdout))


def man_page():
    path = os.path.join(BUILD, "pacta.1")
    if not os.path.exists(path):
        raise AssertionError(f"{path} was not built (is scdoc installed? apt-get install scdoc)")
    return path


def man_text():
    """The man page as plain text, unhyphenated, one line per paragraph."""
    if not shutil.which("groff"):
        raise unittest.SkipTest("groff is not installed (apt-get install groff-base)")
    p = subprocess.run(["groff", "-man", "-Tascii", "-rLL=400n", "-rHY=0", "-P-cbou", man_page()],
                       capture_output=True, text=True, check=True)
    return p.stdout


def man_sections():
    """{SECTION NAME: its text}."""
    return dict(re.findall(r"^([A-Z][A-Z ]+)\n(.*?)(?=^[A-Z]|\Z)", man_text(), re.M | re.S))


def man_entries():
    """{command: text of its entries}: in COMMANDS, an entry is a line indented
    by 7 with the deeper lines that follow it, and its first word names it."""
    entries, current = {}, None
    for line in man_sections()["COMMANDS"].splitlines():
        indent = len(line) - len(line.lstrip(" "))
        if line.strip() and indent <= 7:
            current = None
            m = re.match(r" {7}([a-z][a-z-]*)\b", line)
            if m and indent == 7:
                current = m.group(1)
                entries[current] = entries.get(current, "") + line + "\n"
        elif current:
            entries[current] += line + "\n"
    return entries


def complete(*words, cwd=None):
    """COMPREPLY for the command line WORDS (the last one being completed),
    from the completion sourced in a plain bash."""
    script = ('source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _pacta; '
              'printf "%s\\n" "${COMPREPLY[@]}"')
    p = subprocess.run(["bash", "--norc", "--noprofile", "-c", script, "bash", COMPLETION, *words],
                       capture_output=True, text=True, cwd=cwd, env=dict(os.environ, PACTA_DB=""))
    assert p.returncode == 0 and p.stderr == "", (words, p.returncode, p.stderr)
    return [w for w in p.stdout.split("\n") if w]


class ManPage(unittest.TestCase):
    def test_groff_warns_of_nothing(self):
        if not shutil.which("groff"):
            self.skipTest("groff is not installed (apt-get install groff-base)")
        p = subprocess.run(["groff", "-man", "-ww", "-z", man_page()], capture_output=True,
                           text=True)
        self.assertEqual((p.returncode, p.stdout + p.stderr), (0, ""))

    def test_every_command_and_flag(self):
        entries = man_entries()
        commands = help_commands()
        self.assertEqual(sorted(entries), sorted(commands),
                         "the man page's command entries are not 'pacta --help''s commands")
        for cmd in commands:
            for flag in sorted(help_flags(cmd) - GLOBAL_FLAGS):
                self.assertIn(flag, entries[cmd], f"man page: {cmd} does not document {flag}")

    def test_global_options_environment_exit_status(self):
        sections = man_sections()
        usage = pacta("--help").stdout.split("\n")[2]
        for flag in set(re.findall(r"--[a-z-]+", usage)) | {"--help", "--version"}:
            self.assertIn(flag, sections["GLOBAL OPTIONS"])
        sources = glob.glob(os.path.join(SOURCE, "src", "**", "*.c"), recursive=True)
        names = set()
        for path in sources:
            with open(path, encoding="utf-8") as f:
                names |= set(re.findall(r'getenv\("([A-Z_]+)"\)', f.read()))
        self.assertIn("PACTA_DB", names)
        for name in names:
            self.assertRegex(sections["ENVIRONMENT"], rf"(?m)^ {{7}}{name}$")
        for status in "012":
            self.assertRegex(sections["EXIT STATUS"], rf"(?m)^ {{7}}{status}$")
        # What the page says of the statuses holds.
        with tempfile.TemporaryDirectory() as d:
            pacta("frobnicate", expect=2, cwd=d)
            pacta("--db", os.path.join(d, "absent.db"), "members", "cis", expect=1)


def unbracketed_flags(synopsis):
    """The flags a synopsis names outside [brackets]: the ones it says are needed."""
    depth, out = 0, []
    for word in re.findall(r"\[|\]|[^\s\[\]]+", synopsis):
        depth += {"[": 1, "]": -1}.get(word, 0)
        if depth == 0 and re.fullmatch(r"--[a-z][a-z-]*", word):
            out.append(word)
    return set(out)


class Readme(unittest.TestCase):
    def test_command_table_agrees_with_help(self):
        # README's table said 'members ORG --on DATE' and 'status DOC --on DATE', where --on
        # is optional. Each synopsis in it names only flags its command takes, and needs no
        # flag that its usage leaves optional.
        with open(os.path.join(SOURCE, "README.md"), encoding="utf-8") as f:
            rows = [line for line in f if line.startswith("| `")]
        commands = set(help_commands())
        checked = 0
        for row in rows:
            for synopsis in re.findall(r"`([a-z]+(?: [^`]*)?)`", row.split(" | ")[0]):
                cmd = synopsis.split()[0]
                if cmd not in commands:
                    continue
                synopsis = synopsis.replace("\\|", "|")
                flags = set(re.findall(r"--[a-z][a-z-]*", synopsis))
                self.assertLessEqual(flags, help_flags(cmd), synopsis)
                usage = pacta("help", cmd).stdout.split("\n\n")[0]
                for flag in unbracketed_flags(synopsis):
                    # Needed in the README: needed somewhere in the usage too.
                    self.assertIn(flag, unbracketed_flags(usage), synopsis)
                checked += 1
        self.assertGreater(checked, 15)


class Completion(unittest.TestCase):
    def test_command_names(self):
        self.assertEqual(complete("pacta", "st"), ["status"])
        self.assertEqual(sorted(complete("pacta", "")), sorted(help_commands()))
        self.assertEqual(complete("pacta", "help", "ver"), ["verify"])

    def test_flags_of_each_command(self):
        for cmd in help_commands():
            offered = set(complete("pacta", cmd, "--"))
            missing = help_flags(cmd) - GLOBAL_FLAGS - offered
            self.assertFalse(missing, f"'pacta {cmd} --<TAB>' does not offer {missing}")
        self.assertEqual(set(complete("pacta", "log", "proof", "--")),
                         {"--index", "--size", "--from", "--to", "--json"})
        self.assertIn("--db", complete("pacta", "--"))
        self.assertEqual(complete("pacta", "export", "--format", ""), ["json", "csv", "ics"])
        self.assertEqual(complete("pacta", "token", "create", "--role", "d"),
                         ["depositary", "delegate"])

    def test_language_and_subcommands(self):
        # --lang was offered neither before the command nor with a value; 'submissions'
        # offered no subcommand and --status no status.
        self.assertIn("--lang", complete("pacta", "--"))
        self.assertEqual(complete("pacta", "--lang", ""), ["en", "ru"])
        self.assertEqual(complete("pacta", "serve", "--lang", "r"), ["ru"])
        self.assertEqual(complete("pacta", "submissions", ""), ["list", "show", "accept", "reject"])
        self.assertEqual(complete("pacta", "submissions", "list", "--status", "p"), ["pending"])
        # Every flag 'pacta log' takes is in its help.
        self.assertIn("--origin", pacta("help", "log").stdout.split("log tiles")[1].split("\n")[0])

    def test_kinds_and_ids(self):
        # The kinds 'pacta list' accepts, as its own error message lists them.
        p = pacta("--db", "/nonexistent/x.db", "list", "bogus", expect=2)
        kinds = re.search(r"\(expected ([a-z, ]+)\)", p.stderr).group(1).split(", ")
        for cmd in ("list", "show", "retract"):
            self.assertEqual(sorted(complete("pacta", cmd, "")), sorted(kinds))
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            pacta("--db", db, "init", "--sample")
            pacta("--db", db, "token", "create", "--role", "depositary", "--name", "ops")
            self.assertIn("cis", complete(PACTA, "--db", db, "members", "", cwd=d))
            self.assertIn("KAZ", complete(PACTA, "--db", db, "show", "parties", "K", cwd=d))
            self.assertIn("KAZ", complete(PACTA, "--db", db, "show", "party", "K", cwd=d))
            self.assertIn("eaeu", complete(PACTA, "--db=" + db, "chair", "e", cwd=d))
            self.assertIn("eaeu", complete(PACTA, "--db", "=", db, "chair", "e", cwd=d))
            self.assertEqual(complete(PACTA, "--db", db, "token", "revoke", "", cwd=d), ["ops"])
            docs = complete(PACTA, "--db", db, "status", "cis-agr-dtkt", cwd=d)
            self.assertIn("cis-agr-dtkt-997-747", docs)
            self.assertIn("cis", complete(PACTA, "--db", db, "search", "x", "--org", "", cwd=d))
            # No registry: nothing offered, nothing printed, nothing created.
            self.assertEqual(complete(PACTA, "members", "", cwd=d), [])
            self.assertFalse(os.path.exists(os.path.join(d, "pacta.db")))


class Install(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.root = cls.tmp.name
        env = dict(os.environ, DESTDIR=cls.root)
        p = subprocess.run([CMAKE, "--install", BUILD, "--prefix", "/usr"], capture_output=True,
                           text=True, env=env)
        if p.returncode != 0:
            raise AssertionError(f"cmake --install failed:\n{p.stdout}\n{p.stderr}")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def path(self, rel):
        return os.path.join(self.root, rel)

    def test_layout(self):
        for rel in ["usr/bin/pacta", "usr/share/man/man1/pacta.1",
                    "usr/share/bash-completion/completions/pacta", "usr/share/pacta/sample.json",
                    "usr/share/doc/pacta/install.md"]:
            self.assertTrue(os.path.isfile(self.path(rel)), rel)
        self.assertTrue(os.access(self.path("usr/bin/pacta"), os.X_OK))
        units = glob.glob(self.path("**/systemd/system/pacta.service"), recursive=True)
        # Debian 12's systemd.pc says /lib/systemd/system, Debian 13's /usr/lib/systemd/system.
        self.assertEqual(len(units), 1, units)
        self.assertIn(os.path.relpath(units[0], self.root),
                      ["lib/systemd/system/pacta.service", "usr/lib/systemd/system/pacta.service"])
        p = subprocess.run(["pkg-config", "--variable=systemdsystemunitdir", "systemd"],
                           capture_output=True, text=True)
        if p.returncode == 0 and p.stdout.strip():
            self.assertEqual("/" + os.path.relpath(os.path.dirname(units[0]), self.root),
                             p.stdout.strip())

    def test_installed_binary_runs(self):
        p = subprocess.run([self.path("usr/bin/pacta"), "--help"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0)
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "r.db")
            pacta("--db", db, "init")
            pacta("--db", db, "load", self.path("usr/share/pacta/sample.json"))
            self.assertIn("cis", pacta("--db", db, "list", "organizations").stdout)

    def test_unit(self):
        unit = glob.glob(self.path("**/systemd/system/pacta.service"), recursive=True)[0]
        with open(unit, encoding="utf-8") as f:
            text = f.read()
        lines = set(text.splitlines())
        for want in ["ExecStart=/usr/bin/pacta serve --listen 127.0.0.1:8080",
                     "StateDirectory=pacta", "DynamicUser=yes",
                     "Environment=PACTA_DB=/var/lib/pacta/pacta.db", "NoNewPrivileges=yes",
                     "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                     "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
                     "SystemCallFilter=@system-service", "CapabilityBoundingSet="]:
            self.assertIn(want, lines)
        self.assertIn("--listen", help_flags("serve"))
        if not shutil.which("systemd-analyze"):
            return
        # The unit as systemd reads it, with the binary this test was given.
        with tempfile.TemporaryDirectory() as d:
            copy = os.path.join(d, "pacta.service")
            with open(copy, "w", encoding="utf-8") as f:
                f.write(text.replace("ExecStart=/usr/bin/pacta ", f"ExecStart={PACTA} "))
            p = subprocess.run(["systemd-analyze", "verify", "--man=no", copy],
                               capture_output=True, text=True)
            self.assertEqual((p.returncode, p.stdout + p.stderr), (0, ""))

    def test_manifest(self):
        with open(os.path.join(BUILD, "install_manifest.txt"), encoding="utf-8") as f:
            installed = f.read().split()
        self.assertIn("/usr/share/man/man1/pacta.1", installed)
        self.assertTrue(any(p.endswith("/systemd/system/pacta.service") for p in installed))


class Version(unittest.TestCase):
    def test_gnu_format(self):
        """GNU coding standards 4.8.1: the program and version on the first
        line, then a copyright line, then the licence and warranty lines."""
        out = pacta("--version").stdout.splitlines()
        self.assertRegex(out[0], r"^pacta [0-9]+(\.[0-9]+)*$")
        copyright = [i for i, line in enumerate(out) if line.startswith("Copyright (C) ")]
        self.assertTrue(copyright, out)
        self.assertRegex(out[copyright[0]], r"^Copyright \(C\) [0-9]{4}")
        rest = "\n".join(out[copyright[0] + 1:])
        self.assertRegex(rest, r"(?i)licen[cs]e")
        self.assertIn("NO WARRANTY", rest)


if __name__ == "__main__":
    PACTA = os.path.abspath(sys.argv.pop(1))
    BUILD = os.path.abspath(sys.argv.pop(1))
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        CMAKE = sys.argv.pop(1)
    unittest.main(verbosity=1)
