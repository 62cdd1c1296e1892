#!/usr/bin/env python3
"""The reading pages in Russian and in English (issue 16): the home page, the organizations,
an organization, a body, a party, a session and a document of the bundled sample registry, each
fetched with ?lang=ru and ?lang=en, checked for <html lang>, headings in the language, dates in
its style ("21 декабря 1998 г.", "21 December 1998") where the sample has the official date,
Russian plurals, codes of the record as words (statuses, kinds), the 404 and 400 pages, and no
English interface word on a Russian page outside an element marked lang="en".

usage: test_pages_ru.py PACTA_BINARY
"""
import html
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pactatest  # noqa: E402

DOC = "/documents/cis-agr-dtkt-997-747"  # the third notification: in force 21 Dec 1998


def ru_plural(n, one, few, many):
    """The Russian plural form for n (CLDR: one, few, many)."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def visible_text(page, drop_lang=None):
    """The text of <main>, without tags; with drop_lang, without the elements marked
    lang=drop_lang (a name or a note in the other language)."""
    main = page[page.index("<main"):page.index("</main>")]
    if drop_lang:
        # Innermost first: an element marked lang= holds no other element marked so.
        pat = re.compile(r'<(span|p|div|a|text|title)\b[^>]*\blang="%s"[^>]*>[^<]*(?:<(?!/?\1\b)'
                         r'[^<]*)*</\1>' % drop_lang)
        while True:
            main, n = pat.subn(" ", main)
            if not n:
                break
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


class PagesInTwoLanguages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp, cls.db = pactatest.sample()
        cls.server, cls.port = pactatest.serve(cls.db)

    @classmethod
    def tearDownClass(cls):
        pactatest.stop(cls.server)
        cls.tmp.cleanup()

    def page(self, path, lang, status=200):
        sep = "&" if "?" in path else "?"
        code, _, _, body, _ = pactatest.request(self.port, "GET", f"{path}{sep}lang={lang}")
        self.assertEqual(code, status, f"{path} ({lang}): {body[:300]}")
        self.assertIn(f'<html lang="{lang}">', body, path)
        return body

    def assert_all_in(self, words, text, where):
        for w in words:
            self.assertIn(w, text, f"{where}: {w!r}")

    def assert_none_in(self, words, text, where):
        for w in words:
            self.assertNotIn(w, text, f"{where}: {w!r}")

    # ---- each page, in both languages -----------------------------------------------------

    def test_home(self):
        ru = self.page("/", "ru")
        self.assert_all_in(["<h1>Договоры и организации: вычислено</h1>",
                            "<h2>Организации</h2>", "<h2>Предстоящие заседания</h2>",
                            "<h2>Последние изменения</h2>", "Десять последних записей журнала",
                            "основана <time datetime=\"1991-12-08\">8 декабря 1991 г.</time>"],
                           ru, "/ ru")
        # "сегодня 11 членов", "сегодня 2 члена": the plural of each card's count.
        counts = re.findall(r"сегодня (\d+) (член|члена|членов)\b", ru)
        self.assertGreaterEqual(len(counts), 3, counts)
        for n, word in counts:
            self.assertEqual(word, ru_plural(int(n), "член", "члена", "членов"), (n, word))
        en = self.page("/", "en")
        self.assert_all_in(["<h1>Treaties and organizations, computed</h1>",
                            "<h2>Upcoming sessions</h2>", "<h2>Latest changes</h2>",
                            "founded <time datetime=\"1991-12-08\">8 December 1991</time>",
                            "11 members today"], en, "/ en")

    def test_organizations(self):
        ru = self.page("/organizations", "ru")
        self.assert_all_in(["<h1>Организации</h1>", "Организации в реестре",
                            '<th scope="col">Членов сегодня</th>',
                            '<time datetime="2014-05-29">29 мая 2014 г.</time>'], ru,
                           "/organizations ru")
        en = self.page("/organizations", "en")
        self.assert_all_in(["Organizations in the registry", '<th scope="col">Members today</th>',
                            '<time datetime="2014-05-29">29 May 2014</time>'], en,
                           "/organizations en")

    def test_organization(self):
        ru = self.page("/organizations/cis?on=2009-08-17", "ru")
        self.assert_all_in(['<h2 id="members">Члены</h2>', '<h2 id="chair">Председательство по годам</h2>',
                            '<h2 id="bodies">Органы</h2>', '<h2 id="documents">Документы</h2>',
                            "Члены во времени", "Условные обозначения",
                            "Председатель, ожидаемый председатель и сопредседатели по годам",
                            "нарушает правило ротации", "в алфавитном порядке названий участников",
                            '<time datetime="1991-12-08">8 декабря 1991 г.</time>'], ru, "cis ru")
        # Georgia left on 18 August 2009: a member the day before, in the bar of the chart too.
        self.assertIn("<caption>Члены на 17 августа 2009 г.", ru)
        self.assertIn("Грузия: член с 3 декабря 1993 г. по 18 августа 2009 г.", ru)
        members = ru[ru.index("<caption>Члены на"):]
        self.assertIn('href="/parties/GEO"', members[:members.index("</table>")])
        after = self.page("/organizations/cis?on=2009-08-18", "ru")
        members = after[after.index("<caption>Члены на 18 августа 2009 г."):]
        self.assertNotIn('href="/parties/GEO"', members[:members.index("</table>")])
        en = self.page("/organizations/cis?on=2009-08-17", "en")
        self.assert_all_in(['<h2 id="members">Members</h2>', '<h2 id="chair">Chair by year</h2>',
                            "<caption>Members on 17 August 2009",
                            "Georgia: member from 3 December 1993 to 18 August 2009",
                            "breaks the rotation rule"], en, "cis en")

    def test_body(self):
        ru = self.page("/bodies/cis-chs", "ru")
        self.assert_all_in(["<dt>Уровень</dt><dd>главы государств</dd>",
                            "Заседания этого органа, сначала последние",
                            '<time datetime="2020-12-18">18 декабря 2020 г.</time>'], ru, "body ru")
        en = self.page("/bodies/cis-chs", "en")
        self.assert_all_in(["<dt>Level</dt><dd>heads of state</dd>",
                            "Sessions of this body, newest first",
                            '<time datetime="2020-12-18">18 December 2020</time>'], en, "body en")

    def test_party(self):
        ru = self.page("/parties/GEO", "ru")
        self.assert_all_in(["<h1>Грузия", "<h2>Членство</h2>", "<h2>Статус в документах</h2>",
                            "Членство во времени", "<dd>государство</dd>",
                            '<time datetime="2009-08-18">18 августа 2009 г.</time>'], ru, "GEO ru")
        en = self.page("/parties/GEO", "en")
        self.assert_all_in(["<h1>Georgia", "<h2>Memberships</h2>", "<h2>Status in documents</h2>",
                            '<time datetime="2009-08-18">18 August 2009</time>'], en, "GEO en")
        # A name too long for the chart's labels shows as the organization's short alias in the
        # page's language, the whole name in its <title>; a name that fits shows whole.
        labels = lambda html: re.findall(r'<text class="label"[^>]*>(.*?)</text>', html)
        self.assertEqual(labels(self.page("/parties/ARM", "ru")),
                         ["<title>Содружество Независимых Государств</title>СНГ",
                          "<title>Организация Договора о коллективной безопасности</title>ОДКБ",
                          "<title>Евразийский экономический союз</title>ЕАЭС"])
        self.assertEqual(labels(self.page("/parties/ARM", "en"))[2], "Eurasian Economic Union")

    def test_session(self):
        ru = self.page("/sessions/cis-chs-2020-12-18", "ru")
        self.assert_all_in(["<h1>Совет глав государств, <time datetime=\"2020-12-18\">"
                            "18 декабря 2020 г.</time></h1>", "<h2>Участие</h2>",
                            "<strong>Отсутствовали:</strong>", "<h2>Принятые документы</h2>",
                            "<h2>Следующее заседание</h2>", "в формате видеоконференции",
                            '<time datetime="2021-10-15">15 октября 2021 г.</time>'], ru,
                           "session ru")
        en = self.page("/sessions/cis-chs-2020-12-18", "en")
        self.assert_all_in(["<h1>Council of Heads of State, <time datetime=\"2020-12-18\">"
                            "18 December 2020</time></h1>", "<h2>Attendance</h2>",
                            "<strong>Absent:</strong>", "<h2>Next session</h2>",
                            '<time datetime="2021-10-15">15 October 2021</time>'], en,
                           "session en")
        # The next session's place, recorded "Minsk": the registry's Belarusian capital, by its
        # name in the page's language.
        self.assertIn('<time datetime="2021-10-15">15 октября 2021 г.</time>, Минск</p>', ru)
        self.assertIn('<time datetime="2021-10-15">15 October 2021</time>, Minsk</p>', en)
        # Each party's attendance agrees with its name: «Армения отсутствовала», «Беларусь
        # присутствовала», «Азербайджан присутствовал»; in English one word for all.
        rows = dict(re.findall(r'<a href="/parties/([A-Z]+)">[^<]+</a>[^/]*</span></span></th><td>'
                               r'(?:<span class="flag">)?([^<]+)<', ru))
        self.assertEqual(rows["ARM"], "отсутствовала")
        self.assertEqual(rows["BLR"], "присутствовала")
        self.assertEqual(rows["RUS"], "присутствовала")
        self.assertEqual(rows["AZE"], "присутствовал")
        self.assertEqual(rows["KAZ"], "присутствовал")
        rows = dict(re.findall(r'<a href="/parties/([A-Z]+)">[^<]+</a>[^/]*</span></span></th><td>'
                               r'(?:<span class="flag">)?([^<]+)<', en))
        self.assertEqual((rows["ARM"], rows["BLR"], rows["AZE"]), ("absent", "present", "present"))

    def test_document(self):
        ru = self.page(DOC + "?on=2026-01-01", "ru")
        self.assert_all_in(['<h2 id="status">Статус</h2>', "Как вычислены даты",
                            "Согласия во времени", "<strong>по числу согласий</strong>: 3 согласия",
                            "вступил в силу <time datetime=\"1998-12-21\">21 декабря 1998 г.</time>",
                            "<caption>Подписание, согласие и статус каждого участника на "
                            "1 января 2026 г.</caption>",
                            '<span class="badge st-in_force">в силе</span>',
                            "вступление в силу 21 декабря 1998 г.", "3-е учтённое согласие"],
                           ru, "document ru")
        # The title has no Russian form: shown in English, marked as such (WCAG 3.1.2).
        self.assertRegex(ru, r'<h1><span lang="en">[^<]+</span></h1>')
        en = self.page(DOC + "?on=2026-01-01", "en")
        self.assert_all_in(['<h2 id="status">Status</h2>', "How the dates were computed",
                            "<strong>threshold</strong>: 3 consents",
                            "its entry into force was <time datetime=\"1998-12-21\">"
                            "21 December 1998</time>",
                            '<span class="badge st-in_force">in force</span>',
                            "was the 3rd consent counted"], en, "document en")
        # Before the third notification: "2 согласия" counted, not in force.
        ru = self.page(DOC + "?on=1998-01-01", "ru")
        self.assertIn("<strong>не в силе</strong>", ru)
        self.assertIn("пока учтено 2 согласия", ru)

    def test_not_found_and_bad_date(self):
        ru = self.page("/documents/no-such-thing", "ru", 404)
        self.assert_all_in(["<h1>Не найдено</h1>", "В реестре нет документа «no-such-thing».",
                            "На главную страницу"], ru, "404 ru")
        ru = self.page("/parties/XXX", "ru", 404)
        self.assertIn("В реестре нет участника «XXX».", ru)
        en = self.page("/documents/no-such-thing", "en", 404)
        self.assertIn("There is no document &quot;no-such-thing&quot; in this registry.", en)
        ru = self.page("/documents/cis-charter?on=2023-02-30", "ru", 400)
        self.assert_all_in(["<h1>Неверная дата</h1>", "не дата"], ru, "400 ru")

    def test_search_in_the_page_language(self):
        # Results by their records' names in the page's language, organizations by their short
        # names; the index's labels are English.
        q = "/search?q=%D0%9C%D0%B8%D0%BD%D1%81%D0%BA&organization=cis"  # Минск
        ru = self.page(q, "ru")
        abbr = '<abbr title="Содружество Независимых Государств">СНГ</abbr>'
        self.assert_all_in(['<a href="/documents/cis-charter">Устав Содружества Независимых '
                            f'Государств</a> <span class="hint">документ · {abbr} · ',
                            '<a href="/sessions/cis-cdm-2013-06-05">Совет министров обороны, '
                            '5 июня 2013 г., Минск</a>', f"{abbr}</a> (5)"], ru, "search ru")
        en = self.page(q, "en")
        abbr = '<abbr title="Commonwealth of Independent States">CIS</abbr>'
        self.assert_all_in(['<a href="/documents/cis-charter">Charter of the Commonwealth of '
                            f'Independent States</a> <span class="hint">document · {abbr} · ',
                            '<a href="/sessions/cis-cdm-2013-06-05">Council of Defence Ministers, '
                            '5 June 2013, Minsk</a>', f"{abbr}</a> (5)"], en, "search en")

    def test_one_period_after_a_russian_date(self):
        # A Russian date ends in "г.": a sentence ending in one takes no second period.
        for path in [DOC, "/documents/csto-charter", "/documents/cis-agreement-1991"]:
            text = visible_text(self.page(path, "ru"))
            self.assertNotIn("г..", text, path)
        text = visible_text(self.page("/documents/csto-charter", "ru"))
        self.assertIn("Установлена положением: 18 сентября 2003 г. Армения", text)
        self.assertIn("вступил в силу 18 сентября 2003 г. JSON", text)
        # English keeps its period.
        text = visible_text(self.page("/documents/csto-charter", "en"))
        self.assertIn("The clause fixes it: 18 September 2003 . Armenia", text)

    # ---- no English interface word on a Russian page ------------------------------------------

    def test_no_english_words_on_russian_pages(self):
        english = ["Status", "Members", "Chair by year", "Attendance", "Legend", "Documents adopted",
                   "How the dates were computed", "Consents over time", "Identifier", "Founded",
                   "Depositary", "not recorded", "not stated", "in force", "ratification",
                   "notification", "member", "Sources", "Memberships", "Upcoming sessions",
                   "Next session", "unknown", "current", "since", "threshold", "consents"]
        for path in ["/", "/organizations", "/organizations/cis", "/bodies/cis-chs",
                     "/parties/GEO", "/sessions/cis-chs-2020-12-18", DOC, "/documents/cis-charter"]:
            text = visible_text(self.page(path, "ru"), drop_lang="en")
            # Words of the interface only: identifiers and codes are not words to translate.
            text = re.sub(r"\b[a-z0-9]+(?:[-._|][A-Za-z0-9]+)+\b", " ", text)
            found = [w for w in english if re.search(r"\b%s\b" % re.escape(w), text)]
            self.assertEqual(found, [], f"{path}: {found}: {text[:2000]}")


class PlacesInTwoLanguages(unittest.TestCase):
    """A session's place is recorded as written (the registry's English: "Minsk"); a Russian
    page shows a registry party's capital or city (by its name or an alias) by its Russian
    name, and any other place as recorded, marked with its language."""

    PLACES = {"cis-chs-2021-04-09": "Moscow", "cis-chs-2021-04-10": "Minsk",
              "cis-chs-2021-04-11": "St Petersburg", "cis-chs-2021-04-12": "Burabay resort",
              "cis-chs-2021-04-13": "Минск", "cis-chs-2021-04-14": "Ново-Огарёво"}

    @classmethod
    def setUpClass(cls):
        cls.tmp, cls.db = pactatest.sample()
        token = pactatest.token(cls.db, "--role", "depositary", "--name", "secretariat")
        cls.server, cls.port = pactatest.serve(cls.db)
        for sid, place in cls.PLACES.items():
            status, _, body = pactatest.api(cls.port, "POST", "/api/v1/sessions",
                                            {"id": sid, "body": "cis-chs", "date": sid[-10:],
                                             "place": place, "format": "in_person"}, token)
            assert status == 201, body

    @classmethod
    def tearDownClass(cls):
        pactatest.stop(cls.server)
        cls.tmp.cleanup()

    def page(self, path, lang):
        code, _, _, body, _ = pactatest.request(self.port, "GET", f"{path}?lang={lang}")
        self.assertEqual(code, 200, path)
        return body

    def place_cells(self, page):
        """The sessions list's place cells, by session id."""
        return dict(re.findall(r'<a href="/sessions/([^"]+)">.*?</th><td>.*?</td><td>(.*?)</td>',
                               page))

    def test_sessions_list(self):
        ru = self.place_cells(self.page("/sessions", "ru"))
        self.assertEqual(ru["cis-chs-2021-04-09"], "Москва")
        self.assertEqual(ru["cis-chs-2021-04-10"], "Минск")
        self.assertEqual(ru["cis-chs-2021-04-11"], "Санкт-Петербург")  # an alias
        self.assertEqual(ru["cis-chs-2021-04-13"], "Минск")
        # No registry city: as recorded, in its language.
        self.assertEqual(ru["cis-chs-2021-04-12"], '<span lang="en">Burabay resort</span>')
        self.assertEqual(ru["cis-chs-2021-04-14"], "Ново-Огарёво")
        en = self.place_cells(self.page("/sessions", "en"))
        # English as recorded, byte for byte; a Russian name of a city by its English one.
        for sid in ("cis-chs-2021-04-09", "cis-chs-2021-04-10", "cis-chs-2021-04-11",
                    "cis-chs-2021-04-12"):
            self.assertEqual(en[sid], self.PLACES[sid])
        self.assertEqual(en["cis-chs-2021-04-13"], "Minsk")
        self.assertEqual(en["cis-chs-2021-04-14"], '<span lang="ru">Ново-Огарёво</span>')

    def test_session_and_minutes(self):
        ru = self.page("/sessions/cis-chs-2021-04-09", "ru")
        self.assertIn("<dd>Москва</dd>", ru)
        self.assertIn("<dd>Moscow</dd>", self.page("/sessions/cis-chs-2021-04-09", "en"))
        self.assertIn('<dd><span lang="en">Burabay resort</span></dd>',
                      self.page("/sessions/cis-chs-2021-04-12", "ru"))
        ru = self.page("/sessions/cis-chs-2021-04-10/minutes", "ru")
        self.assertIn("<li>Место: Минск</li>", ru)
        self.assertNotIn("Minsk", ru)
        en = self.page("/sessions/cis-chs-2021-04-10/minutes", "en")
        self.assertIn("<li>Place: Minsk</li>", en)
        self.assertNotIn("Минск", en)
        ru = self.page("/sessions/cis-chs-2021-04-12/minutes", "ru")
        self.assertIn('<li>Место: <span lang="en">Burabay resort</span></li>', ru)
        # The API's JSON keeps the place as recorded.
        code, _, _, body, _ = pactatest.request(self.port, "GET",
                                                "/api/v1/sessions/cis-chs-2021-04-10?lang=ru")
        self.assertEqual(code, 200)
        self.assertIn('"place": "Minsk"', body)


if __name__ == "__main__":
    pactatest.main()
