#!/usr/bin/env python3
"""Messages from below the command line, in the user's language and with the right exit:

- The store opens only pacta's registries: another program's SQLite database or an empty file
  is refused untouched by whatever opens it (the server too, not only the commands that check
  first), a new registry is made only by init; a registry of a newer pacta, and one busy while
  it is upgraded, are said in Russian under --lang ru.
- The log's range errors (log root, log proof), a refused retraction naming what still refers
  to the record, a bad verifier key: one language under --lang ru.
- serve's bad --listen and --trusted-proxy are usage errors (exit 2, with the usage line); an
  address in use or not of this machine is said in Russian too (exit 1).

usage: test_messages.py PACTA_BINARY
"""
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pactatest  # noqa: E402
from pactatest import run  # noqa: E402


def pacta(db, *args, lang="ru", expect=None, timeout=30):
    """`pacta --db DB --lang LANG ARGS...` (the locale English); fails unless it exits with
    `expect` (None: any exit). A server that starts where it should have refused is stopped at
    the timeout, and the test fails."""
    env = dict(pactatest.env())
    for k in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        env.pop(k, None)
    env["LANG"] = "C.UTF-8"
    argv = [pactatest.PACTA, "--db", db] + (["--lang", lang] if lang else []) + list(args)
    try:
        p = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        raise AssertionError(f"{' '.join(argv)}: still running after {timeout} s") from e
    if expect is not None and p.returncode != expect:
        raise AssertionError(f"{' '.join(argv)}: exit {p.returncode}, not {expect}\n"
                             f"{p.stdout}\n{p.stderr}")
    return p


def listen():
    return f"127.0.0.1:{pactatest.free_port()}"


class Store(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def files(self):
        return sorted(os.listdir(self.dir))

    def test_the_server_refuses_what_is_not_a_registry(self):
        # db_open gave any file of user_version 0 pacta's tables: `pacta serve` on another
        # program's database or an empty file made a registry of it and served it.
        other = self.path("other.db")
        con = sqlite3.connect(other)
        con.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT)")
        con.execute("INSERT INTO notes(text) VALUES('keep me')")
        con.commit()
        con.close()
        with open(other, "rb") as f:
            before = f.read()
        empty = self.path("empty.db")
        open(empty, "w").close()
        for db in (other, empty):
            p = pacta(db, "serve", "--listen", listen(), "--quiet", expect=1)
            self.assertIn(f"{db}: это не реестр pacta (укажите --db ФАЙЛ)", p.stderr)
            p = pacta(db, "serve", "--listen", listen(), "--quiet", lang=None, expect=1)
            self.assertIn(f"{db}: not a pacta registry", p.stderr)
        with open(other, "rb") as f:
            self.assertEqual(f.read(), before)  # not even switched to WAL
        self.assertEqual(os.path.getsize(empty), 0)
        self.assertEqual(self.files(), ["empty.db", "other.db"])
        p = pacta(self.dir, "serve", "--listen", listen(), "--quiet", expect=1)
        self.assertIn("это каталог, а не реестр", p.stderr)

    def test_init_and_older_registries_still_open(self):
        db = self.path("new.db")
        run(db, "init")
        self.assertEqual(json.loads(run(db, "list", "parties", "--json").stdout), {"parties": []})
        tmp, sample = pactatest.sample()
        try:
            # An older registry (its version set back) is upgraded, not refused.
            con = sqlite3.connect(sample)
            con.execute("PRAGMA user_version=11")
            con.commit()
            con.close()
            p = pacta(sample, "list", "parties", expect=0)
            self.assertIn("таблицы реестра обновляются", p.stderr)
            con = sqlite3.connect(sample)
            self.assertEqual(con.execute("PRAGMA user_version").fetchone()[0], 12)
            con.close()
        finally:
            tmp.cleanup()

    def test_newer_and_busy_registries_in_russian(self):
        tmp, db = pactatest.sample()
        try:
            newer = self.path("v99.db")
            shutil.copy(db, newer)
            con = sqlite3.connect(newer)
            con.execute("PRAGMA user_version=99")
            con.commit()
            con.close()
            for args in (("status", "x"), ("serve", "--listen", listen(), "--quiet")):
                p = pacta(newer, *args, expect=1)
                self.assertIn("реестр создан более новой версией pacta (схема 99", p.stderr)
                self.assertNotIn("newer", p.stderr)
            # Upgraded while another writer holds the registry: busy, in Russian, where it
            # said 'database error: database is locked'.
            con = sqlite3.connect(db)
            con.execute("PRAGMA user_version=11")
            con.commit()
            con.close()
            held = sqlite3.connect(db, isolation_level=None)
            held.execute("BEGIN IMMEDIATE")
            try:
                p = pacta(db, "list", "parties", expect=1)
            finally:
                held.execute("ROLLBACK")
                held.close()
            self.assertIn("ошибка базы данных: реестр занят", p.stderr)
            self.assertNotIn("database", p.stderr)
            self.assertNotIn("locked", p.stderr)
        finally:
            tmp.cleanup()


class Russian(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp, cls.db = pactatest.sample()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def assertRussian(self, text, *english):
        for word in english:
            self.assertNotIn(word, text)

    def test_a_damaged_journal_in_rebuild(self):
        for sql, want in (("UPDATE journal_entry SET kind='bogus' WHERE seq=3",
                           "pacta: запись журнала 3 не является записью об изменении"),
                          ("UPDATE journal_entry SET value='{bad' WHERE seq=3",
                           "pacta: у записи журнала 3 нет значения")):
            db = os.path.join(self.tmp.name, "damaged.db")
            shutil.copy(self.db, db)
            con = sqlite3.connect(db)
            con.execute(sql)
            con.commit()
            con.close()
            p = pacta(db, "rebuild", expect=1)
            self.assertIn(want, p.stderr)
            os.remove(db)

    def test_log_ranges(self):
        cases = (
            (("log", "root", "--size", "99999"), "дерева размера 99999 ещё нет"),
            (("log", "proof", "inclusion", "--index", "99999"),
             "индекс 99999 должен быть меньше размера дерева"),
            (("log", "proof", "inclusion", "--index", "1", "--size", "99999"),
             "дерева размера 99999 ещё нет"),
            (("log", "proof", "consistency", "--from", "5", "--to", "2"),
             "старый размер 5 больше нового размера 2"),
        )
        for args, want in cases:
            p = pacta(self.db, *args, expect=1)
            self.assertIn(want, p.stderr)
            self.assertRussian(p.stderr, "leaves", "tree", "size", "index")
        p = pacta(self.db, "log", "root", "--size", "99999", lang=None, expect=1)
        self.assertIn("the log has 196 leaves; no tree of size 99999 yet", p.stderr)

    def test_retraction_refused_in_one_language(self):
        db = os.path.join(self.tmp.name, "retract.db")
        shutil.copy(self.db, db)
        cases = (
            (("parties", "ARM"), "на запись ещё ссылается действие по документу "),
            (("documents", "cis-agr-1992-03-13-customs-policy"),
             "на запись ещё ссылается действие участника "),
            (("organizations", "cis"), "на запись ещё ссылается орган cis-cdm;"),
        )
        for args, want in cases:
            p = pacta(db, "retract", *args, "--reason", "x", expect=1)
            self.assertIn(want, p.stderr)
            # The sentence after the finding's codes ("error [retraction.referenced] party
            # ARM: "), which stay codes as every finding's do.
            sentence = p.stderr[p.stderr.index("на запись"):].splitlines()[0]
            self.assertRussian(sentence, "actions of", "document ", "party ", "body ")
        p = pacta(db, "retract", "parties", "ARM", lang=None, expect=1)
        self.assertIn("still referred to by actions of document ", p.stderr)
        p = pacta(db, "retract", "organizations", "cis", lang=None, expect=1)
        self.assertIn("still referred to by body cis-cdm;", p.stderr)

    def test_bad_verifier_key(self):
        d = self.tmp.name
        cases = (("garbage\n", "ключ проверки: ожидается NAME+KEYHASH+BASE64KEY"),
                 ("pacta+0badc0de+AAAA\n", "ключ проверки: ожидается base64 от байта 0x01"),
                 ("pa cta+0badc0de+AAAA\n", "ключ проверки: неверное имя ключа"),
                 ("pacta+0BADC0DE+AAAA\n", "ключ проверки: хеш ключа должен состоять"))
        for i, (text, want) in enumerate(cases):
            key = os.path.join(d, f"bad{i}.pub")
            with open(key, "w") as f:
                f.write(text)
            p = pacta(self.db, "verify", "--key", key, expect=1)
            self.assertIn(want, p.stderr)
            self.assertRussian(p.stderr, "verifier", "expected", "key name", "hex")

    def test_serve_arguments(self):
        for args, want in ((("--listen", "BAD"),
                            "--listen: ожидается АДРЕС:ПОРТ, например 127.0.0.1:8080, "
                            "получено «BAD»"),
                           (("--listen", "127.0.0.1:99999"), "получено «127.0.0.1:99999»"),
                           (("--trusted-proxy", "proxy.local"),
                            "--trusted-proxy: ожидаются IP-адреса через запятую, "
                            "получено «proxy.local»")):
            p = pacta(self.db, "serve", *args, expect=2)
            self.assertIn(want, p.stderr)
            self.assertIn("использование: pacta serve [--listen ADDR:PORT]", p.stderr)
            self.assertIn("(см. 'pacta help serve')", p.stderr)
        p = pacta(self.db, "serve", "--listen", "BAD", lang=None, expect=2)
        self.assertIn('--listen: expected ADDRESS:PORT such as 127.0.0.1:8080, got "BAD"',
                      p.stderr)
        self.assertIn("usage: pacta serve [--listen ADDR:PORT]", p.stderr)
        # Not an address of this machine (TEST-NET-1, RFC 5737), and one in use: exit 1.
        p = pacta(self.db, "serve", "--listen", "192.0.2.1:8080", expect=1)
        self.assertIn("pacta: 192.0.2.1:8080: это не адрес этого компьютера", p.stderr)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            s.listen()
            port = s.getsockname()[1]
            p = pacta(self.db, "serve", "--listen", f"127.0.0.1:{port}", expect=1)
        self.assertIn(f"pacta: 127.0.0.1:{port}: адрес уже занят", p.stderr)


if __name__ == "__main__":
    pactatest.main()
