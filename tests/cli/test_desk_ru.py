#!/usr/bin/env python3
"""The desk in Russian (issue 16): a depositary signed in, with ?lang=ru once (then its cookie),
gets the desk and every form of /desk/new/KIND in Russian: <html lang="ru">, Russian headings,
labels, hints and buttons, none of their English; a form posted with a date after today comes
back with the consistency checks' Russian message beside its field, and nothing is written.

    python3 tests/cli/test_desk_ru.py path/to/pacta
"""
import html as htmllib
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pactatest  # noqa: E402
from pactatest import sample, serve, stop, token  # noqa: E402

# Each form: a Russian word it must show, and English ones it must no longer show.
FORMS = {
    "party": (["Новый участник", "Код", "Название (по-английски)", "Название (по-русски)",
               "Другие города", "Сохранить"], ["New party", "Other cities", "(optional)"]),
    "organization": (["Новая организация", "Депозитарий", "Другие названия"],
                     ["New organization", "Other names"]),
    "membership": (["Новое членство", "Вид членства", "государство-основатель", "наблюдатель"],
                   ["Kind of membership", "founding member", "The first day of the membership."]),
    "body": (["Новый орган", "Уровень", "главы государств"], ["New body", "heads of state"]),
    "action": (["Новое действие", "Дата документа", "ратификация", "присоединение",
                "Текст"], ["Date of the instrument", "ratification", "Choose"]),
    "chairmanship": (["Новое правило председательства", "Порядок очерёдности",
                      "По русским названиям (по алфавиту)", "Записанные председатели", "Год 1"],
                     ["Order of rotation", "By the Russian names", "Year 1"]),
    "commitment": (["Новое обязательство", "Адресовано участникам", "Срок"],
                   ["Addressed to parties", "Deadline"]),
    "assessment": (["Новая оценка", "1 — выполнено", "Самоотчёт"], ["1 — done", "A self-report"]),
    "session": (["Новое заседание", "Показать членов на эту дату", "Выберите орган",
                 "Кто участвовал", "Сохранить заседание"],
                ["New session", "List the members on this date", "Save the session"]),
    "document": (["Новый документ", "Вступление в силу", "Предварительный просмотр",
                  "Сохранить документ", "договор"],
                 ["New document", "Entry into force", "Save the document", "Preview on"]),
}


def main_text(page):
    """The text of <main>, tags dropped, entities decoded, blanks joined."""
    main = page[page.index("<main"):page.index("</main>")]
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", main)).split())


class DeskRu(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp, cls.db = sample()
        cls.token = token(cls.db, "--role", "depositary", "--name", "officer")
        cls.proc, cls.port = serve(cls.db)
        status, cookie, _ = pactatest.sign_in(cls.port, cls.token, "/desk")
        assert status == 303, status
        cls.session = re.search(r"pacta_session=([0-9a-f]{64})", cookie).group(1)
        uzb = token(cls.db, "--role", "delegate", "--party", "UZB", "--name", "uzb-mfa")
        status, cookie, _ = pactatest.sign_in(cls.port, uzb, "/desk")
        assert status == 303, status
        cls.delegate = re.search(r"pacta_session=([0-9a-f]{64})", cookie).group(1)
        # ?lang=ru once, on the desk: its answer sets the language's cookie beside the form's
        # CSRF cookie ...
        _, cookie, _, page, _ = pactatest.request(cls.port, "GET", "/desk?lang=ru",
                                                  cookies={"pacta_session": cls.session})
        assert '<html lang="ru"' in page
        assert re.search(r"pacta_csrf=[0-9a-f]{32}", cookie), cookie
        m = re.search(r"pacta_lang=(ru); Path=/", cookie)
        assert m, cookie
        cls.lang = m.group(1)

    @classmethod
    def tearDownClass(cls):
        stop(cls.proc)
        cls.tmp.cleanup()

    def cookies(self, csrf=None, session=None):
        # ... then its cookie.
        c = {"pacta_session": session or self.session, "pacta_lang": self.lang}
        if csrf:
            c["pacta_csrf"] = csrf
        return c

    def get(self, path, session=None):
        status, cookie, _, page, _ = pactatest.request(self.port, "GET", path,
                                                       cookies=self.cookies(session=session))
        m = re.search(r"pacta_csrf=([0-9a-f]{32})", cookie)
        return status, m and m.group(1), page

    def journal_last(self):
        _, _, _, body, _ = pactatest.request(self.port, "GET", "/api/v1/journal?after=0&limit=1")
        return json.loads(body)["last"]

    def assert_russian(self, page, want, unwanted):
        self.assertIn('<html lang="ru"', page)
        text = main_text(page)
        for w in want:
            self.assertIn(w, text)
        for w in unwanted:
            self.assertNotIn(w, text)

    def test_the_desk(self):
        status, _, page = self.get("/desk")
        self.assertEqual(status, 200)
        self.assert_russian(page, ["Рабочий стол депозитария", "Вы вошли как", "депозитарий",
                                   "Представления на рассмотрении", "Нерешённые замечания",
                                   "Проверки согласованности находят в реестре: 0 ошибок и ",
                                   "Предстоит", "Создать запись",
                                   "правило председательства", "предупреждение"],
                            ["Pending submissions", "Open findings", "Create a record", "Ahead",
                             "The depositary's desk", "is recorded as chair for"])
        # The sample's 5 warnings, and a 6th once a test here has accepted a deposit dated before
        # its receipt (submission.deposit_before_receipt).
        self.assertRegex(main_text(page), r"0 ошибок и [56] предупреждений\.")
        # The findings' messages, from the checks, in Russian.
        self.assertIn("записан председателем на 2013 год; по очерёдности ожидается UZB",
                      main_text(page))

    def test_every_form(self):
        for kind, (want, unwanted) in FORMS.items():
            with self.subTest(kind=kind):
                status, csrf, page = self.get(f"/desk/new/{kind}")
                self.assertEqual(status, 200, kind)
                self.assertTrue(csrf, kind)
                self.assert_russian(page, want, unwanted)

    def test_login_in_russian(self):
        _, _, _, page, _ = pactatest.request(self.port, "GET", "/login",
                                             cookies={"pacta_lang": "ru"})
        self.assert_russian(page, ["Войти", "Токен", "Он начинается с"],
                            ["It starts with", "Token"])

    def post(self, path, fields, session=None):
        _, csrf, _ = self.get(path, session)
        body = dict(fields, csrf=csrf)
        status, _, location, page, _ = pactatest.request(self.port, "POST", path, body,
                                                         self.cookies(csrf, session))
        return status, location, page

    def test_an_action_after_today_is_refused_in_russian(self):
        before = self.journal_last()
        status, _, page = self.post("/desk/new/action", {
            "document": "csto-charter", "party": "UZB", "type": "ratification",
            "date": "2030-01-01"})
        self.assertEqual(status, 409, main_text(page))
        self.assertIn('<html lang="ru"', page)
        # The checks' message beside the date, in Russian; the notice above in Russian.
        m = re.search(r'<p class="error" id="date-error">([^<]*)</p>', page)
        self.assertTrue(m, page)
        self.assertIn("2030-01-01 — позже сегодняшнего дня (2026-12-04)", htmllib.unescape(m[1]))
        self.assertRegex(page, r'id="date"[^>]*aria-invalid="true"')
        text = main_text(page)
        self.assertIn("Ничего не записано.", text)
        self.assertIn("Это противоречило бы реестру:", text)
        self.assertNotIn("is after today", text)
        self.assertNotIn("Nothing was recorded", text)
        # The notice gives the message alone: the record is this form's, the field is marked
        # (before: «action csto-charter|UZB|ratification|2030-01-01: date: ...» in front).
        self.assertNotIn("ratification|2030-01-01: date:", text)
        self.assertRegex(text, r"Это противоречило бы реестру: 2030-01-01 — позже")
        # The typed values are kept, and nothing was written.
        self.assertIn('value="2030-01-01"', page)
        self.assertEqual(self.journal_last(), before)
        status, _, _ = pactatest.api(self.port, "GET",
                                     "/api/v1/actions/csto-charter%7CUZB%7Cratification%7C"
                                     "2030-01-01")
        self.assertEqual(status, 404)

    def test_a_document_adopted_after_today_is_refused_in_russian(self):
        before = self.journal_last()
        status, location, page = self.post("/desk/new/document", {
            "id": "csto-agr-2031-test", "organization": "csto", "type": "agreement",
            "title_en": "A test agreement", "adopted_date": "2031-05-01", "rule": "threshold",
            "count": "3", "action": "save"})
        self.assertEqual(status, 400, main_text(page))
        self.assertIsNone(location)
        m = re.search(r'<p class="error" id="adopted-date-error">([^<]*)</p>', page)
        self.assertTrue(m, page)
        self.assertIn("2031-05-01 — позже сегодняшнего дня", htmllib.unescape(m[1]))
        text = main_text(page)
        self.assertIn("Ничего не записано.", text)
        # One problem said as one (before: «1 ошибка; каждая показана рядом со своим полем»).
        self.assertIn("Нужно исправить одну ошибку: она показана рядом с полем.", text)
        self.assertNotIn("каждая", text)
        self.assertIn("Предварительного просмотра не будет", text)
        self.assertEqual(self.journal_last(), before)
        status, _, _ = pactatest.api(self.port, "GET", "/api/v1/documents/csto-agr-2031-test")
        self.assertEqual(status, 404)

    def test_a_membership_ending_before_it_begins_in_russian(self):
        # The interchange format's own check (not the consistency checks'): its message in
        # Russian beside the field, the check's code kept as it is.
        before = self.journal_last()
        status, _, page = self.post("/desk/new/membership", {
            "organization": "cis", "party": "ARM", "kind": "member", "from": "2020-01-01",
            "to": "2019-01-01"})
        self.assertEqual(status, 400, main_text(page))
        self.assertIn('<html lang="ru"', page)
        m = re.search(r'<p class="error" id="to-error">([^<]*)</p>', page)
        self.assertTrue(m, page)
        self.assertEqual(htmllib.unescape(m[1]), 'дата должна быть позже "from" (интервал '
                         '[from, to)) [membership.to_before_from]')
        text = main_text(page)
        self.assertIn("Ничего не записано.", text)
        self.assertNotIn("must be after", text)
        self.assertEqual(self.journal_last(), before)

    def test_a_membership_overlapping_another_in_russian(self):
        # The overlap in words, not interval notation (before: «[1991-12-21, без срока)
        # пересекается с членством cis|ARM|1992-02-18 [1992-02-18, 1994-03-16) ...»).
        before = self.journal_last()
        status, _, page = self.post("/desk/new/membership", {
            "organization": "cis", "party": "ARM", "kind": "member", "from": "1991-12-21"})
        self.assertEqual(status, 409, main_text(page))
        m = re.search(r'<p class="error" id="from-error">([^<]*)</p>', page)
        self.assertTrue(m, main_text(page))
        self.assertIn("членство (с 1991-12-21, без срока) пересекается с членством "
                      "cis|ARM|1992-02-18 (с 1992-02-18 до 1994-03-16) того же участника",
                      htmllib.unescape(m[1]))
        self.assertNotIn("[1991", main_text(page))
        self.assertEqual(self.journal_last(), before)

    def test_a_session_without_body_in_russian(self):
        before = self.journal_last()
        status, _, page = self.post("/desk/new/session", {"date": "2026-11-20",
                                                          "action": "save"})
        self.assertEqual(status, 400)
        m = re.search(r'<p class="error" id="body-error">([^<]*)</p>', page)
        self.assertTrue(m, page)
        self.assertEqual(m[1], "Выберите орган.")
        self.assertEqual(self.journal_last(), before)

    def test_accepting_in_russian(self):
        # A delegate's ratification (UZB, CSTO Charter), accepted from the desk in Russian.
        status, _, page = self.post("/desk/new/action", {
            "document": "csto-charter", "type": "ratification", "text": "accept me"},
            self.delegate)
        self.assertEqual(status, 202, main_text(page))
        sub = re.search(r"<code>(sub-2026-\d{4})</code>", page)[1]

        def decide(fields):
            _, csrf, _ = self.get("/desk")
            status, _, _, page, _ = pactatest.request(
                self.port, "POST", f"/desk/submissions/{sub}/accept", dict(fields, csrf=csrf),
                self.cookies(csrf))
            return status, page
        # A date of deposit after today: refused, the checks' message without the record's
        # kind, key and field in front (the submission is named above it).
        status, page = decide({"date": "2027-01-01"})
        self.assertEqual(status, 409, main_text(page))
        text = main_text(page)
        self.assertIn("2027-01-01 — позже сегодняшнего дня", text)
        self.assertNotIn("csto-charter|UZB", text)
        # The date typed stays in the submission's form, to be corrected (before: emptied).
        self.assertRegex(page, r'<input type="date" id="date-%s" name="date" '
                               r'aria-describedby="date-hint-%s" value="2027-01-01">' % (sub, sub))
        # Accepted with its date of deposit: one period after the Russian date (before:
        # «сдано на хранение 1 ноября 2026 г.. См.»).
        status, page = decide({"date": "2026-11-01"})
        self.assertEqual(status, 200, main_text(page))
        text = main_text(page)
        self.assertIn("сдано на хранение 1 ноября 2026 г. См.", text)
        self.assertNotIn("г..", text)

    def test_attendance_agrees_with_the_party(self):
        # The session form's attendance says what the session page says: «Беларусь
        # присутствовала», «Казахстан присутствовал» (before: «присутствовал» for every party),
        # under a heading that reads «Кто (ФИО)» (before: «Кем (кто)»).
        status, _, page = self.get("/desk/edit/session/cis-chs-2024-10-08")
        self.assertEqual(status, 200)
        blr = re.search(r'<select id="att-BLR-status".*?</select>', page, re.S)[0]
        self.assertRegex(blr, r'<option value="present" selected>присутствовала</option>')
        self.assertIn('<option value="absent">отсутствовала</option>', blr)
        kaz = re.search(r'<select id="att-KAZ-status".*?</select>', page, re.S)[0]
        self.assertIn('<option value="present">присутствовал</option>', kaz)
        self.assertIn(">Кто (ФИО)</th>", page)
        self.assertNotIn("Кем (кто)", page)

    def test_long_names_in_a_choice(self):
        # A name is shortened by characters, between words (before: by bytes, so a Russian
        # name at half an English one's length, cut inside a word: «Организация Договора о
        # коллективной б…»).
        _, _, page = self.get("/desk/new/commitment")
        options = dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', page))
        self.assertEqual(options["csto"], "csto — Организация Договора о коллективной "
                                          "безопасности")
        self.assertEqual(options["csto-charter"], "csto-charter — Устав Организации Договора "
                                                  "о коллективной безопасности")
        cut = [label for label in options.values() if label.endswith("…")]
        self.assertTrue(cut, options)
        for label in cut:
            name = label.split(" — ", 1)[1][:-1]
            self.assertLessEqual(len(name), 72, label)
            self.assertRegex(name, r"\w$", label)
            self.assertTrue(any(v.startswith(label[:-1] + " ") or
                                v.startswith(label[:-1] + ",") for v in self.full_names()),
                            label)

    def full_names(self):
        out = []
        for section, field in (("documents", "title"), ("commitments", "text")):
            _, _, body = pactatest.api(self.port, "GET", f"/api/v1/{section}?limit=500")
            for r in json.loads(body)[section]:
                key = r.get("id")
                for name in (r.get(field) or {}).values():
                    out.append(f"{key} — {name}")
        return out

    def test_a_delegate_on_the_depositarys_form(self):
        # Refused with the way on: its own forms as links and its desk (before: the paths
        # «(/desk/new/action, /desk/new/assessment)» as text, or «the Record an action page»,
        # and only a link to the home page).
        for path in ("/desk/new/party", "/desk/new/session", "/desk/new/document"):
            with self.subTest(path=path):
                status, _, page = self.get(path, self.delegate)
                self.assertEqual(status, 403)
                self.assertIn('<html lang="ru"', page)
                main = page[page.index("<main"):page.index("</main>")]
                self.assertIn('<a href="/desk/new/action">Документ или уведомление</a>', main)
                self.assertIn('<a href="/desk/new/assessment">Самоотчёт по обязательству</a>',
                              main)
                self.assertIn('<a href="/desk">Вернуться на рабочий стол</a>', main)
                self.assertIn("Делегат представляет документы и самоотчёты своего участника",
                              main_text(page))
                self.assertNotIn("(/desk/new/action", main)
                self.assertNotIn("Записать действие»", main)

    def test_the_weight_of_a_threshold_is_explained(self):
        # A weighted condition says what its two fields want (before: «Вес (название)» and
        # «не менее», with no word more).
        _, _, page = self.get("/desk/new/document")
        self.assertRegex(page, r'<label for="weight">Весовой показатель \(название\)')
        self.assertRegex(page, r'id="weight-hint">Название весового показателя, записанного в '
                               r'документе')
        self.assertRegex(page, r'id="at-least-hint">Сумма этого показателя')
        self.assertRegex(page, r'id="weight"[^>]*aria-describedby="weight-hint"')

    def test_a_warning_in_russian(self):
        # One warning, in Russian that agrees with its number (before: «у проверок
        # согласованности 1 предупреждение, которые нужно посмотреть»), then saved anyway:
        # «Записано с 1 предупреждением», the warning without the record's kind, key and
        # field in front (before: «action eaeu-treaty|TJK|...: party: TJK не был ...»).
        fields = {"document": "eaeu-treaty", "party": "TJK", "type": "ratification",
                  "date": "2020-01-01"}
        status, _, page = self.post("/desk/new/action", fields)
        self.assertEqual(status, 200, main_text(page))
        text = main_text(page)
        self.assertIn("Ещё не сохранено: 1 предупреждение проверок согласованности нужно "
                      "посмотреть.", text)
        self.assertNotIn("которые", text)
        status, _, page = self.post("/desk/new/action", dict(fields, confirm="1"))
        self.assertEqual(status, 201, main_text(page))
        text = main_text(page)
        self.assertIn("Записано с 1 предупреждением — посмотрите: TJK не был членом eaeu", text)
        self.assertNotIn("party: TJK", text)
        # The desk's other tests count the registry's own warnings: this one goes.
        pactatest.run(self.db, "retract", "action", "eaeu-treaty|TJK|ratification|2020-01-01",
                      "--reason", "a test's")

    def test_co_chairs_left_empty_is_not_none(self):
        # The co-chairs' choice left empty reads «Не записано», apart from the value «нет»
        # (before: «Нет» and «нет», one above the other).
        _, _, page = self.get("/desk/new/chairmanship")
        m = re.search(r'<select id="co_chairs"[^>]*>(.*?)</select>', page, re.S)
        self.assertTrue(m, page)
        options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', m[1])
        self.assertEqual(options[0], ("", "Не записано"))
        self.assertEqual(len({label.lower() for _, label in options}), len(options), options)

    def test_a_delegates_incomplete_submission_in_russian(self):
        # A delegate's form refused by the interchange format reads as the depositary's does:
        # each missing field's message in Russian beside it, no JSON path and no English in
        # the notice (before: "$.assessments[0]: missing required key ..." in the notice alone).
        before = self.journal_last()
        status, _, page = self.post("/desk/new/assessment", {"date": "2026-12-04"},
                                    self.delegate)
        self.assertEqual(status, 400, main_text(page))
        for field in ("commitment", "score"):
            m = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', page)
            self.assertTrue(m, main_text(page))
            self.assertEqual(m[1], "обязательное поле: заполните его")
        text = main_text(page)
        self.assertIn("Ничего не записано. Запись недействительна:", text)
        self.assertNotIn("missing required key", text)
        self.assertNotIn("$.assessments", text)
        self.assertEqual(self.journal_last(), before)

    def test_a_delegates_submission_received_in_russian(self):
        # Its notice gives the time received as the desk does, not as a timestamp.
        status, _, page = self.post("/desk/new/action", {
            "document": "csto-charter", "type": "ratification",
            "instrument_date": "2026-11-20"}, self.delegate)
        self.assertEqual(status, 202, main_text(page))
        text = main_text(page)
        self.assertRegex(text, r"Представлено как sub-2026-\d{4} ?, получено 4 декабря 2026 г\., "
                         r"\d\d:\d\d UTC ?\. Депозитарий рассматривает")
        self.assertNotRegex(text, r"2026-12-04T\d\d")

    def test_the_same_deposit_again_in_russian(self):
        # Sent twice while the first waits: 409 and a notice that says so, naming the first
        # (before: 403 and «Токен ... не даёт права это представить», a refusal of rights).
        fields = {"document": "csto-charter", "type": "declaration", "text": "Sent twice."}
        status, _, page = self.post("/desk/new/action", fields, self.delegate)
        self.assertEqual(status, 202, main_text(page))
        first = re.search(r"<code>(sub-2026-\d{4})</code>", page)[1]
        before = self.journal_last()
        status, _, page = self.post("/desk/new/action", fields, self.delegate)
        self.assertEqual(status, 409, main_text(page))
        text = main_text(page)
        self.assertIn(f"То же самое уже представлено ({first}) и ожидает решения депозитария.",
                      text)
        self.assertNotIn("не даёт права", text)
        self.assertEqual(self.journal_last(), before)


if __name__ == "__main__":
    pactatest.main()
