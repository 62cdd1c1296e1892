/*
** Calendar dates for pacta: proleptic Gregorian, no time zone.
** A date is a count of days since 1970-01-01 (negative before it), so
** comparing and adding days is plain integer arithmetic.
*/
#ifndef PACTA_DATE_H
#define PACTA_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t pdate;

/* "No date": absent, unknown, open-ended. Sorts before every real date. */
#define DATE_NONE INT32_MIN

/* Length of "YYYY-MM-DD" plus the terminating NUL. */
#define DATE_BUFSZ 11

/* Parse exactly "YYYY-MM-DD" (n bytes, years 0001-9999). Rejects impossible
** dates such as 2023-02-30. Returns 0 and sets *pOut, or -1. */
int date_parse(const char *z, size_t n, pdate *pOut);
/* Is z absent (NULL) or a real date as YYYY-MM-DD? For optional arguments. */
bool date_optional_valid(const char *z);

/* Write "YYYY-MM-DD" into zOut (DATE_BUFSZ bytes); DATE_NONE writes "". */
void date_format(pdate d, char *zOut);

pdate date_from_ymd(int y, int m, int d);
void date_to_ymd(pdate d, int *pY, int *pM, int *pD);

/* D + n calendar days. */
pdate date_add_days(pdate d, int n);
/* Same day number n months later, clamped to the last day of that month. */
pdate date_add_months(pdate d, int n);
/* The first day of the month after d's month. */
pdate date_first_of_next_month(pdate d);

/* Today in UTC, or the date in the environment variable PACTA_TODAY
** (YYYY-MM-DD; tests and replays set it; a bad value exits with 2). What
** "after today" means to the consistency checks. */
pdate date_today(void);

#endif
