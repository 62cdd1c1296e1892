/* The languages (i18n.h): catalogues, plurals by each language's rules, dates in each
** language's style, Accept-Language, and a third catalogue read from a directory. */
#include <stdio.h>
#include <string.h>

#include <unicode/udat.h>
#include <unicode/ustring.h>

#include "check.h"
#include "html.h"
#include "i18n.h"

static const char *plural(const char *zPattern, long long n) {
  static Buf b;
  buf_reset(&b);
  i18n_plural(&b, _(zPattern), n);
  return b.z;
}

static const char *date(const char *zIso) {
  static Buf b;
  buf_reset(&b);
  i18n_date_iso(&b, zIso);
  return b.z;
}

#define MEMBERS "{0, plural, one{# member} other{# members}}"

/* Every day from 1583 (ICU's calendar is Julian before October 1582) to 2200
** in the current language: i18n_date (i18n_date_quick when the pattern
** allows it) the same as ICU's own formatting of the catalogue's pattern;
** the number of days i18n_date_quick wrote. */
static long dates_as_icu(void) {
  UErrorCode st = U_ZERO_ERROR;
  UChar uPat[64], uOut[128];
  u_strFromUTF8(uPat, 64, 0, P_("date", "d MMMM y"), -1, &st);
  UDateFormat *f = udat_open(UDAT_PATTERN, UDAT_PATTERN, i18n_lang(), u"UTC", 3, uPat, -1, &st);
  CHECK(U_SUCCESS(st));
  if (U_FAILURE(st)) return 0;
  long nQuick = 0, nDiff = 0;
  Buf a = {0}, q = {0};
  char zIcu[256];
  for (pdate d = date_from_ymd(1583, 1, 1); d <= date_from_ymd(2200, 12, 31); d++) {
    buf_reset(&a);
    buf_reset(&q);
    i18n_date(&a, d);
    if (i18n_date_quick(&q, d)) nQuick++;
    st = U_ZERO_ERROR;
    int32_t n = udat_format(f, (UDate)d * 86400000.0, uOut, 128, 0, &st);
    u_strToUTF8(zIcu, sizeof(zIcu), 0, uOut, n, &st);
    if (U_FAILURE(st) || strcmp(a.z, zIcu) != 0 || (q.z && strcmp(q.z, zIcu) != 0)) {
      if (nDiff++ < 5) fprintf(stderr, "%s: %s, ICU %s\n", i18n_lang(), a.z, zIcu);
    }
  }
  CHECK(nDiff == 0);
  buf_free(&a);
  buf_free(&q);
  udat_close(f);
  return nQuick;
}

int main(int argc, char **argv) {
  Buf err = {0};
  CHECK(i18n_init(0, &err) == 0);
  CHECK(i18n_find("en") == i18n_english());
  CHECK(i18n_find("ru_RU.UTF-8") && strcmp(i18n_code(i18n_find("ru_RU.UTF-8")), "ru") == 0);
  CHECK(i18n_find("ru-RU") == i18n_find("ru"));
  CHECK(i18n_find("xx") == 0);
  CHECK_STR(i18n_autonym(i18n_find("ru")), "Русский");
  CHECK_STR(i18n_autonym(i18n_english()), "English");

  /* English, the source language. */
  i18n_use(i18n_english());
  CHECK_STR(plural(MEMBERS, 1), "1 member");
  CHECK_STR(plural(MEMBERS, 2), "2 members");
  CHECK_STR(plural(MEMBERS, 21), "21 members");
  CHECK_STR(date("1994-04-20"), "20 April 1994");
  CHECK_STR(date("not a date"), "not a date");
  CHECK(dates_as_icu() == date_from_ymd(2200, 12, 31) - date_from_ymd(1583, 1, 1) + 1);
  /* Before 1583, ICU's (Julian) calendar. */
  CHECK_STR(date("1500-03-01"), "20 February 1500");

  /* Russian: one, few, many (1 член, 2 члена, 5 членов, 21 член). */
  i18n_use(i18n_find("ru"));
  CHECK_STR(plural(MEMBERS, 1), "1 член");
  CHECK_STR(plural(MEMBERS, 2), "2 члена");
  CHECK_STR(plural(MEMBERS, 5), "5 членов");
  CHECK_STR(plural(MEMBERS, 11), "11 членов");
  CHECK_STR(plural(MEMBERS, 21), "21 член");
  CHECK_STR(plural(MEMBERS, 22), "22 члена");
  CHECK_STR(date("1994-04-20"), "20 апреля 1994 г.");
  CHECK_STR(i18n_lang(), "ru");
  CHECK(dates_as_icu() == date_from_ymd(2200, 12, 31) - date_from_ymd(1583, 1, 1) + 1);

  /* Accept-Language: the best q with a catalogue. */
  CHECK(i18n_negotiate("ru-RU,ru;q=0.9,en;q=0.8") == i18n_find("ru"));
  CHECK(i18n_negotiate("de, en;q=0.5, ru;q=0.7") == i18n_find("ru"));
  CHECK(i18n_negotiate("de, fr") == 0);
  CHECK(i18n_negotiate("") == 0);
  CHECK(i18n_negotiate("*") == 0);

  /* A third language is a file: the test catalogue tests/i18n/fr.po, compiled by
  ** msgfmt into argv[1]. */
  if (argc > 1) {
    CHECK(i18n_init(argv[1], &err) == 0);
    const Lang *pFr = i18n_find("fr");
    CHECK(pFr != 0);
    i18n_use(pFr);
    CHECK_STR(plural(MEMBERS, 1), "1 membre");
    CHECK_STR(plural(MEMBERS, 2), "2 membres");
    CHECK_STR(date("1994-04-20"), "20 avril 1994");
    CHECK(dates_as_icu() > 0);
    CHECK_STR(i18n_autonym(pFr), "Français");
    CHECK(i18n_count() >= 3);
    /* A translation may number the values to reorder them (hprintf too, its
    ** values escaped); one with other conversions than the English is not
    ** used, since it could not be printed. */
    Buf h = {0};
    hprintf(&h, _("%s signed on %s"), "A<B", "1994-04-20");
    CHECK_STR(h.z, "le 1994-04-20, signature de A&lt;B");
    buf_reset(&h);
    hprintf(&h, _("%d parties"), 3);
    CHECK_STR(h.z, "3 parties");
    buf_free(&h);
  }
  /* A file that is not a catalogue is named in the error. */
  buf_reset(&err);
  CHECK(i18n_init("/nonexistent-catalogues", &err) == -1 && strstr(err.z, "/nonexistent"));
  buf_free(&err);
  return check_report();
}
