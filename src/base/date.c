/*
** Calendar arithmetic on day counts (days-from-civil, after H. Hinnant's
** public-domain derivation of the proleptic Gregorian calendar).
*/
#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

static int is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m) {
  static const int aDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : aDays[m - 1];
}

pdate date_from_ymd(int y, int m, int d) {
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (pdate)(era * 146097 + doe - 719468);
}

void date_to_ymd(pdate z, int *pY, int *pM, int *pD) {
  int32_t zz = z + 719468;
  int era = (zz >= 0 ? zz : zz - 146096) / 146097;
  int doe = zz - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp < 10 ? mp + 3 : mp - 9;
  *pY = yoe + era * 400 + (m <= 2);
  *pM = m;
  *pD = d;
}

int date_parse(const char *z, size_t n, pdate *pOut) {
  if (n != 10 || z[4] != '-' || z[7] != '-') return -1;
  int v[3] = {0, 0, 0};
  static const int aStart[3] = {0, 5, 8}, aLen[3] = {4, 2, 2};
  for (int f = 0; f < 3; f++) {
    for (int i = 0; i < aLen[f]; i++) {
      char c = z[aStart[f] + i];
      if (c < '0' || c > '9') return -1;
      v[f] = v[f] * 10 + (c - '0');
    }
  }
  if (v[0] < 1 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > days_in_month(v[0], v[1])) return -1;
  *pOut = date_from_ymd(v[0], v[1], v[2]);
  return 0;
}

void date_format(pdate d, char *zOut) {
  if (d == DATE_NONE) {
    zOut[0] = 0;
    return;
  }
  int y, m, dd;
  date_to_ymd(d, &y, &m, &dd);
  /* Room for years 0000-9999 only. Digits by hand: this runs for every
  ** row of a status report. */
  unsigned year = (unsigned)(y % 10000 + 10000) % 10000;
  zOut[0] = (char)('0' + year / 1000);
  zOut[1] = (char)('0' + year / 100 % 10);
  zOut[2] = (char)('0' + year / 10 % 10);
  zOut[3] = (char)('0' + year % 10);
  zOut[4] = '-';
  zOut[5] = (char)('0' + m / 10);
  zOut[6] = (char)('0' + m % 10);
  zOut[7] = '-';
  zOut[8] = (char)('0' + dd / 10);
  zOut[9] = (char)('0' + dd % 10);
  zOut[10] = 0;
}

pdate date_add_days(pdate d, int n) {
  return d + n;
}

pdate date_add_months(pdate d, int n) {
  int y, m, dd;
  date_to_ymd(d, &y, &m, &dd);
  int months = y * 12 + (m - 1) + n;
  /* Floor division: months is negative before year 0. */
  y = months / 12 - (months % 12 < 0);
  m = months - y * 12 + 1;
  int last = days_in_month(y, m);
  return date_from_ymd(y, m, dd > last ? last : dd);
}

pdate date_first_of_next_month(pdate d) {
  int y, m, dd;
  date_to_ymd(d, &y, &m, &dd);
  return m == 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, m + 1, 1);
}

bool date_optional_valid(const char *z) {
  pdate d;
  return !z || date_parse(z, strlen(z), &d) == 0;
}

pdate date_today(void) {
  const char *zToday = getenv("PACTA_TODAY");
  pdate d;
  if (zToday && *zToday) {
    if (date_parse(zToday, strlen(zToday), &d))
      die(EXIT_USAGE, "PACTA_TODAY: expected a date as YYYY-MM-DD, got \"%s\"", zToday);
    return d;
  }
  time_t now = time(0);
  struct tm tm;
  gmtime_r(&now, &tm);
  return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
