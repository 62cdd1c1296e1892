#!/usr/bin/env python3
"""The command line in Russian (issue 16): `--lang ru` and a Russian locale (LANG=ru_RU.UTF-8)
give Russian column heads, status words and messages on the sample registry; an error keeps its
exit status; `--lang xx` is a usage error naming the languages there are; `--json` is the same in
every language (it stays in codes); English stays the language without --lang or a locale.

usage: test_cli_ru.py PACTA_BINARY
"""
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pactatest  # noqa: E402

ON = "2026-01-01"
DOC = "cis-agr-dtkt-997-747"  # in force since 1998-12-21 (README's example)


def pacta(db, *args, lang=None, locale=None, expect=0):
    """`pacta --db DB [--lang L] ARGS...` with the locale's variables set to `locale` (else
    C.UTF-8, which is English); fails unless it exits with `expect`."""
    env = dict(pactatest.env())
    for k in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        env.pop(k, None)
    env["LANG"] = locale or "C.UTF-8"
    argv = [pactatest.PACTA, "--db", db] + (["--lang", lang] if lang else []) + list(args)
    p = subprocess.run(argv, capture_output=True, text=True, env=env)
    if expect is not None and p.returncode != expect:
        raise AssertionError(f"{' '.join(argv)}: exit {p.returncode}, not {expect}\n"
                             f"{p.stdout}\n{p.stderr}")
    return p


class Russian(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp, cls.db = pactatest.sample()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def both(self, *args, expect=0):
        """The same command by --lang ru and by the locale: one answer."""
        a = pacta(self.db, *args, lang="ru", expect=expect)
        b = pacta(self.db, *args, locale="ru_RU.UTF-8", expect=expect)
        self.assertEqual((a.stdout, a.stderr), (b.stdout, b.stderr))
        return a

    def test_status_table(self):
        out = self.both("status", DOC, "--on", ON).stdout
        lines = out.splitlines()
        # A sentence, then the table; ISO dates stay in tables (scripts read them).
        self.assertEqual(lines[0], f"{DOC} на {ON}: в силе; вступление в силу 1998-12-21")
        self.assertEqual(lines[2].split("  ")[:2], ["участник", "статус"])
        self.assertIn("вступление в силу", lines[2])
        self.assertRegex(out, r"\nARM +в силе +1998-12-21 +1998-12-21\n")
        self.assertNotIn("in_force", out)
        english = pacta(self.db, "status", DOC, "--on", ON).stdout
        self.assertIn("party  status", english)
        self.assertRegex(english, r"\nARM +in_force +1998-12-21")

    def test_columns_aligned_by_characters(self):
        # Every column starts where its underline starts: widths count characters, not the
        # bytes of UTF-8 (two for each Cyrillic letter).
        lines = self.both("status", DOC, "--on", ON).stdout.splitlines()
        head, rule, row = lines[2], lines[3], lines[4]
        starts = [k for k, c in enumerate(rule) if c == "-" and (k == 0 or rule[k - 1] == " ")]
        self.assertEqual(len(starts), 4)
        for k in starts:
            for line in (head, row):
                self.assertNotEqual(line[k], " ", (k, line))
                self.assertTrue(k == 0 or line[k - 1] == " ", (k, line))

    def test_members_plural_and_names(self):
        out = self.both("members", "cis", "--on", ON).stdout
        self.assertRegex(out.splitlines()[0], r"^cis на 2026-01-01: \d+ член(а|ов)?$")
        self.assertIn("наименование", out)
        self.assertIn("Армения", out)  # the name in the chosen language
        self.assertNotIn("Armenia", out)
        self.assertIn("Armenia", pacta(self.db, "members", "cis", "--on", ON).stdout)

    def test_party_profile(self):
        out = self.both("party", "ARM", "--on", ON).stdout
        for words in ("членство", "организация", "член на дату", "председательство",
                      "документы на 2026-01-01", "государство-основатель", "да", "нет"):
            self.assertIn(words, out)

    def test_chair_history(self):
        out = self.both("chair", "cis").stdout
        self.assertIn("год", out.splitlines()[0])
        self.assertIn("записано", out)
        self.assertIn("нарушает правило ротации", out)
        self.assertRegex(out, r"\n\d+ записанн(ый год нарушает|ых года нарушают|ых лет нарушают) "
                              r"правило\n$")

    def test_lists_and_help(self):
        out = self.both("list", "actions").stdout
        self.assertEqual(out.splitlines()[0].split()[:3], ["документ", "участник", "тип"])
        self.assertIn("уведомление о выполнении внутригосударственных процедур", out)
        self.assertNotIn(" notification ", out)
        out = self.both("help", "status").stdout
        self.assertTrue(out.startswith("использование: pacta status DOC"), out)
        self.assertIn("Вступление документа в силу", out)
        out = self.both("help").stdout
        self.assertIn("реестр договоров", out)
        self.assertIn("  members ORG [--on DATE] [--json]\n", out)  # synopses stay

    def test_help_of_every_command_in_russian(self):
        # 'help minutes' and 'help report' were in English under --lang ru: their help was not
        # marked for translation. Every command's help has Russian words now.
        commands = [line.split()[0] for line in self.both("help").stdout.split("команды:\n")[1]
                    .split("\n\n")[0].splitlines() if line.startswith("  ") and
                    not line.startswith("   ")]
        self.assertIn("minutes", commands)
        self.assertIn("report", commands)
        for cmd in commands:
            body = self.both("help", cmd).stdout.split("\n\n", 1)[1]
            self.assertRegex(body, "[а-яА-Я]{4}", cmd)
        self.assertIn("Протокол заседания", self.both("help", "minutes").stdout)
        self.assertIn("Справка о статусе", self.both("help", "report").stdout)

    def test_report_and_minutes_errors_in_russian(self):
        # They were in English whatever the language, and named an unknown document otherwise
        # than 'status' does.
        self.assertEqual(self.both("report", "document", "nope", expect=1).stderr,
                         "pacta: не найдено: документ «nope»\n")
        self.assertEqual(self.both("report", "party", "ARM", "--org", "nato", expect=1).stderr,
                         "pacta: не найдено: организация «nato»\n")
        self.assertIn("ожидается html или pdf, получено «docx»",
                      self.both("report", "document", DOC, "--format", "docx", expect=2).stderr)
        self.assertIn("ожидается document, party или organization, получено «treaty»",
                      self.both("report", "treaty", DOC, expect=2).stderr)
        self.assertEqual(self.both("minutes", "nope", expect=1).stderr,
                         "pacta: не найдено: заседание «nope»\n")
        self.assertIn("ожидается html, md или pdf, получено «doc»",
                      self.both("minutes", "nope", "--format", "doc", expect=2).stderr)

    def test_no_registry_in_russian(self):
        # The registry's own errors were English under --lang ru.
        for path, said in ((os.path.join(self.tmp.name, "absent.db"), "здесь нет реестра"),
                           (self.tmp.name, "это каталог, а не реестр"),
                           (os.path.abspath(__file__), "это не реестр pacta")):
            p = pacta(path, "list", "parties", lang="ru", expect=1)
            self.assertTrue(p.stderr.startswith(f"pacta: {path}: {said} ("), p.stderr)

    def test_compliance_in_russian(self):
        # The compliance report was English whatever the language ("Compliance: cis on",
        # "Overall", "party  average", "Overdue").
        out = self.both("compliance", "cis", "--from", "2020-01-01", "--on", ON).stdout
        lines = out.splitlines()
        self.assertEqual(lines[0],
                         f"Выполнение обязательств: cis на {ON} (период с 2020-01-01 по {ON})")
        self.assertRegex(lines[2], r"^В целом: [+-]\d\.\d{3}, \d+\.\d\d % \(\d+ оцен(ка|ки|ок)\)$")
        self.assertEqual(lines[4].split(), ["участник", "среднее", "процент", "оценок",
                                            "самоотчётов"])
        self.assertIn("\nобязательство  ", out)
        self.assertRegex(out, r"\nПросрочено: \d+\n")
        for english in ("Compliance", "Overall", "average", "Overdue", "deadline"):
            self.assertNotIn(english, out)
        # Columns by characters, as every table.
        head, rule = lines[4], lines[5]
        starts = [k for k, c in enumerate(rule) if c == "-" and (k == 0 or rule[k - 1] == " ")]
        words = [k for k, c in enumerate(head) if c != " " and (k == 0 or head[k - 1] == " ")]
        self.assertEqual(words, starts)
        en = pacta(self.db, "compliance", "cis", "--from", "2020-01-01", "--on", ON).stdout
        self.assertTrue(en.startswith(f"Compliance: cis on {ON} (period 2020-01-01 to {ON})"))
        self.assertIn("\nOverdue: ", en)

    def test_proof_titles_in_russian(self):
        # "inclusion proof" and "consistency proof" were English above the Russian lines.
        out = self.both("log", "proof", "inclusion", "--index", "3").stdout
        self.assertEqual(out.splitlines()[0], "доказательство включения")
        out = self.both("log", "proof", "consistency", "--from", "3").stdout
        self.assertEqual(out.splitlines()[0], "доказательство согласованности")
        self.assertEqual(pacta(self.db, "log", "proof", "inclusion", "--index", "3").stdout
                         .splitlines()[0], "inclusion proof")

    def test_ingest_refusals_in_russian(self):
        # A binary or empty file given to ingest was refused in English under --lang ru.
        binary = os.path.join(self.tmp.name, "x.bin")
        with open(binary, "wb") as f:
            f.write(bytes(range(256)) * 4)
        empty = os.path.join(self.tmp.name, "empty.txt")
        open(empty, "w").close()
        self.assertIn("x.bin: это не пресс-релиз в виде текста или HTML (двоичные данные)",
                      self.both("ingest", binary, expect=1).stderr)
        self.assertIn("empty.txt: пустой пресс-релиз (нет текста)",
                      self.both("ingest", empty, expect=1).stderr)

    def test_error_in_russian_same_exit(self):
        ru = self.both("show", "party", "XXX", expect=1)
        self.assertEqual(ru.stderr, "pacta: не найдено: участник «XXX»\n")
        en = pacta(self.db, "show", "party", "XXX", expect=1)
        self.assertEqual(en.stderr, 'pacta: unknown party "XXX"\n')
        # "No such document" from a question the registry answers, the same way.
        ru = self.both("status", "nope", expect=1)
        self.assertEqual(ru.stderr, "pacta: не найдено: документ «nope»\n")
        en = pacta(self.db, "status", "nope", expect=1)
        self.assertEqual(en.stderr, 'pacta: unknown document "nope"\n')
        self.assertIn("не найдено: организация «nato»",
                      self.both("members", "nato", expect=1).stderr)
        # A usage failure: exit 2 in both, the usage line and the pointer to help in Russian.
        ru = self.both("status", expect=2)
        self.assertIn("pacta: не хватает аргумента\nиспользование: pacta status DOC", ru.stderr)
        self.assertIn("(см. 'pacta help status')", ru.stderr)
        ru = self.both("members", "cis", "--on", "2023-02-30", expect=2)
        self.assertIn("ожидается существующая дата", ru.stderr)

    def test_validation_in_russian(self):
        # The checks of a load speak the language: a bad party code and a membership ending
        # before it begins, each at its path, the check's code kept; nothing loaded, exit 1.
        bad = os.path.join(self.tmp.name, "bad.json")
        with open(bad, "w", encoding="utf-8") as f:
            f.write('{"pacta": 1, "parties": [{"code": "abc", "kind": "state", '
                    '"name": {"en": "X"}}], "memberships": [{"organization": "cis", '
                    '"party": "ARM", "kind": "member", "from": "2000-01-01", '
                    '"to": "1999-01-01"}]}')
        ru = self.both("load", bad, expect=1)
        self.assertIn("$.parties[0].code: ожидался код Стороны из трёх заглавных латинских букв",
                      ru.stderr)
        self.assertIn('$.memberships[0].to: дата должна быть позже "from"', ru.stderr)
        self.assertIn("[membership.to_before_from]", ru.stderr)
        self.assertIn("pacta: ничего не загружено\n", ru.stderr)
        self.assertNotIn("expected", ru.stderr)
        en = pacta(self.db, "load", bad, expect=1)
        self.assertIn("expected a party code of 3 upper-case letters", en.stderr)
        self.assertIn("nothing was loaded", en.stderr)

    def test_usage_error_before_the_command_in_russian(self):
        # The language is chosen before the options are read: their errors are in it too.
        ru = self.both("--bogus", expect=2)
        self.assertEqual(ru.stderr, "pacta: неизвестный параметр --bogus (см. 'pacta help')\n")
        p = pacta(self.db, "--bogus", "--lang=ru", expect=2)
        self.assertEqual(p.stderr, ru.stderr)
        en = pacta(self.db, "--bogus", expect=2)
        self.assertEqual(en.stderr, "pacta: unknown option --bogus (see 'pacta help')\n")
        # With --json, English, as its output is.
        p = pacta(self.db, "--json", "--bogus", lang="ru", expect=2)
        self.assertEqual(p.stderr, en.stderr)

    def test_unknown_language_is_a_usage_error(self):
        p = pacta(self.db, "status", DOC, lang="xx", expect=2)
        self.assertIn("--lang", p.stderr)
        self.assertIn("en, ru", p.stderr)
        self.assertIn('"xx"', p.stderr)
        self.assertEqual(p.stdout, "")
        # A locale without a catalogue is English, not an error.
        p = pacta(self.db, "status", DOC, "--on", ON, locale="de_DE.UTF-8")
        self.assertIn("party  status", p.stdout)

    def test_json_is_the_same_in_every_language(self):
        for args in (["status", DOC, "--on", ON], ["members", "cis", "--on", ON],
                     ["party", "ARM", "--on", ON], ["chair", "cis"], ["list", "parties"],
                     ["check"], ["check", "--list"], ["journal", "--limit", "5"],
                     ["search", "ратификация"], ["log", "root"]):
            en = pacta(self.db, *args, "--json", expect=None)
            for ru in (pacta(self.db, *args, "--json", lang="ru", expect=None),
                       pacta(self.db, *args, "--json", locale="ru_RU.UTF-8", expect=None)):
                self.assertEqual((ru.returncode, ru.stdout), (en.returncode, en.stdout), args)
                self.assertTrue(en.stdout.startswith("{"), args)


if __name__ == "__main__":
    pactatest.main()
