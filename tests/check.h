/*
** The C tests' one way to count: CHECK(cond) counts a pass or prints the
** failing line; check_report() prints "N passed, M failed" (the closing
** line CI reads) and gives the exit status.
*/
#ifndef PACTA_TEST_CHECK_H
#define PACTA_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

#include "date.h"

static long nPass, nFail;

#define CHECK(cond) check_((cond), __FILE__, __LINE__, #cond)

static inline void check_(int ok, const char *zFile, int line, const char *zWhat) {
  if (ok) {
    nPass++;
  } else {
    /* test_merkle makes millions of checks: a broken build shows 30. */
    if (nFail++ < 30) fprintf(stderr, "%s:%d: CHECK failed: %s\n", zFile, line, zWhat);
  }
}

/* A date the test itself spells; a typo is a failed check. */
static inline pdate D(const char *z) {
  pdate d = DATE_NONE;
  if (date_parse(z, strlen(z), &d) != 0) {
    fprintf(stderr, "bad date in test: %s\n", z);
    nFail++;
  }
  return d;
}

/* Two strings equal; a failure prints both. */
#define CHECK_STR(a, b) check_str_((a), (b), __FILE__, __LINE__)

static inline void check_str_(const char *zHave, const char *zWant, const char *zFile, int line) {
  int ok = zHave && zWant && strcmp(zHave, zWant) == 0;
  check_(ok, zFile, line, "strings equal");
  if (!ok) fprintf(stderr, "  have \"%s\", want \"%s\"\n", zHave ? zHave : "(null)", zWant);
}

static inline int check_report(void) {
  printf("%ld passed, %ld failed\n", nPass, nFail);
  return nFail ? 1 : 0;
}

#endif
