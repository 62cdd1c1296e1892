/*
** Tests for src/date.c: parsing, formatting, the day count and the
** calendar arithmetic of design.md section 3.
*/
#include "check.h"
#include "date.h"

#include <stdio.h>
#include <string.h>

static int parses(const char *z) {
  pdate d;
  return date_parse(z, strlen(z), &d) == 0;
}

#define CHECK_DATE(got, want) check_date((got), (want), __LINE__, #got)

static void check_date(pdate got, const char *zWant, int line, const char *zWhat) {
  char zGot[DATE_BUFSZ];
  date_format(got, zGot);
  if (strcmp(zGot, zWant) == 0) {
    nPass++;
  } else {
    nFail++;
    fprintf(stderr, "test_date.c:%d: %s is %s, want %s\n", line, zWhat, zGot, zWant);
  }
}

static void test_parse(void) {
  CHECK(parses("2024-02-29"));
  CHECK(!parses("2023-02-29"));
  CHECK(!parses("2023-02-30"));
  CHECK(!parses("2023-13-01"));
  CHECK(!parses("2023-00-10"));
  CHECK(!parses("2023-01-00"));
  CHECK(!parses("2023-01-32"));
  CHECK(!parses("2023-04-31"));
  CHECK(parses("2023-04-30"));
  CHECK(!parses("2023-1-01"));
  CHECK(!parses("2023-01-1"));
  CHECK(!parses("23-01-01"));
  CHECK(!parses("2023/01/01"));
  CHECK(!parses("2023-01-01 "));
  CHECK(!parses(" 2023-01-01"));
  CHECK(!parses("+023-01-01"));
  CHECK(!parses("2023-0a-01"));
  CHECK(!parses(""));
  CHECK(!parses("0000-01-01"));
  CHECK(parses("0001-01-01"));
  CHECK(parses("9999-12-31"));
  /* Century rule: 1900 is not a leap year, 2000 is. */
  CHECK(!parses("1900-02-29"));
  CHECK(parses("2000-02-29"));
  CHECK(!parses("2100-02-29"));

  /* Exactly n bytes are read, so the string need not end there. */
  pdate d = 0;
  CHECK(date_parse("2016-10-05trailing", 10, &d) == 0 && d == D("2016-10-05"));
  CHECK(date_parse("2016-10-05", 9, &d) != 0);
  /* A rejected date leaves the output alone. */
  d = 42;
  CHECK(date_parse("2023-02-30", 10, &d) != 0 && d == 42);
}

static void test_epoch(void) {
  CHECK(D("1970-01-01") == 0);
  CHECK(D("1970-01-02") == 1);
  CHECK(D("1969-12-31") == -1);
  CHECK(D("2000-03-01") == 11017);
  CHECK(D("1900-01-01") == -25567);
  CHECK(D("0001-01-01") == -719162);
  CHECK(date_from_ymd(1815, 6, 9) == D("1815-06-09"));
  CHECK(D("1815-06-09") < D("1900-01-01"));

  CHECK_DATE(D("1900-01-01"), "1900-01-01");
  CHECK_DATE(D("1815-06-09"), "1815-06-09");
  CHECK_DATE(-1, "1969-12-31");
  CHECK_DATE(0, "1970-01-01");
  CHECK_DATE(D("9999-12-31"), "9999-12-31");
  CHECK_DATE(DATE_NONE, "");
  CHECK(DATE_NONE < D("0001-01-01"));

  int y, m, dd;
  date_to_ymd(D("1815-06-09"), &y, &m, &dd);
  CHECK(y == 1815 && m == 6 && dd == 9);
}

/* Every day from 0001-01-01 to 9999-12-31 against a plain calendar walk:
** consecutive day numbers, and both conversions agree. */
static void test_every_day(void) {
  static const int aDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  pdate d = date_from_ymd(1, 1, 1);
  int bad = 0;
  for (int y = 1; y <= 9999; y++) {
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    for (int m = 1; m <= 12; m++) {
      int last = aDays[m - 1] + (m == 2 && leap);
      for (int dd = 1; dd <= last; dd++, d++) {
        int gy, gm, gd;
        date_to_ymd(d, &gy, &gm, &gd);
        if (date_from_ymd(y, m, dd) != d || gy != y || gm != m || gd != dd) bad++;
      }
    }
  }
  CHECK(bad == 0);
  CHECK(d == D("9999-12-31") + 1);
}

static void test_arithmetic(void) {
  /* Paris: threshold met 2016-10-05, "thirtieth day" after it. */
  CHECK_DATE(date_add_days(D("2016-10-05"), 30), "2016-11-04");
  CHECK_DATE(date_add_days(D("2024-09-26"), 90), "2024-12-25");
  CHECK_DATE(date_add_days(D("1970-01-01"), -1), "1969-12-31");

  /* W5: month-end clamp. */
  CHECK_DATE(date_add_months(D("2024-08-31"), 6), "2025-02-28");
  CHECK_DATE(date_add_months(D("2024-01-31"), 1), "2024-02-29");
  CHECK_DATE(date_add_months(D("2023-01-31"), 1), "2023-02-28");
  CHECK_DATE(date_add_months(D("2024-02-29"), 12), "2025-02-28");
  CHECK_DATE(date_add_months(D("2024-03-31"), 1), "2024-04-30");
  /* W4: Georgia, 12 months. */
  CHECK_DATE(date_add_months(D("2008-08-18"), 12), "2009-08-18");
  CHECK_DATE(date_add_months(D("2024-11-15"), 2), "2025-01-15");
  CHECK_DATE(date_add_months(D("2024-01-15"), 0), "2024-01-15");
  CHECK_DATE(date_add_months(D("2024-03-31"), -1), "2024-02-29");
  CHECK_DATE(date_add_months(D("2024-01-15"), -1), "2023-12-15");
  CHECK_DATE(date_add_months(D("2024-01-15"), -13), "2022-12-15");
  CHECK_DATE(date_add_months(D("1815-06-09"), 7), "1816-01-09");
  CHECK_DATE(date_add_months(D("0001-01-31"), 1), "0001-02-28");
  /* Before year 1 the month count goes negative: floor, not truncation. */
  CHECK(date_add_months(date_add_months(D("0001-03-15"), -15), 15) == D("0001-03-15"));
  int y, m, dd;
  date_to_ymd(date_add_months(D("0001-01-15"), -13), &y, &m, &dd);
  CHECK(y == -1 && m == 12 && dd == 15);

  CHECK_DATE(date_first_of_next_month(D("2024-12-15")), "2025-01-01");
  CHECK_DATE(date_first_of_next_month(D("2024-01-31")), "2024-02-01");
  CHECK_DATE(date_first_of_next_month(D("2024-02-01")), "2024-03-01");
  CHECK_DATE(date_first_of_next_month(D("1899-12-31")), "1900-01-01");
}

int main(void) {
  test_parse();
  test_epoch();
  test_every_day();
  test_arithmetic();
  return check_report();
}
