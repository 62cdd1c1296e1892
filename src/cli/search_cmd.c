/* `pacta search` (search.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "commands.h"
#include "date.h"
#include "i18n.h"
#include "output.h"
#include "search.h"

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* --bench-queries FILE: every line a query, each run once (after one warm
** pass) inside this process; prints the latency quantiles. */
static int bench_queries(Db *pDb, SearchQuery *pQ, const char *zFile, bool bJson) {
  Buf b = {0};
  if (read_file(zFile, &b)) die(EXIT_INPUT, _("%s: cannot read"), zFile);
  char **az = 0;
  int n = 0;
  for (char *z = b.z; z && *z;) {
    char *zEnd = strchr(z, '\n');
    if (zEnd) *zEnd = 0;
    if (*z) {
      az = xrealloc(az, (size_t)(n + 1) * sizeof(char *));
      az[n++] = z;
    }
    z = zEnd ? zEnd + 1 : z + strlen(z);
  }
  if (n == 0) die(EXIT_INPUT, _("%s: no queries"), zFile);
  double *aMs = xmalloc((size_t)n * sizeof(double));
  long long nHits = 0;
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < n; i++) {
      Buf err = {0};
      pQ->zQuery = az[i];
      double t0 = now_ms();
      json_t *r = search_run(pDb, pQ, &err);
      aMs[i] = now_ms() - t0;
      if (pass == 1 && r) nHits += json_integer_value(json_object_get(r, "total"));
      json_decref(r);
      buf_free(&err);
    }
  }
  qsort(aMs, (size_t)n, sizeof(double), cmp_double);
  double p50 = aMs[n / 2], p99 = aMs[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1];
  double max = aMs[n - 1];
  if (bJson)
    printf("{\"queries\": %d, \"p50_ms\": %.4f, \"p99_ms\": %.4f, \"max_ms\": %.4f, "
           "\"hits\": %lld}\n",
           n, p50, p99, max, nHits);
  else
    printf("%d queries: p50 %.4f ms, p99 %.4f ms, max %.4f ms, %lld hits\n", n, p50, p99, max,
           nHits);
  xfree(aMs);
  xfree(az);
  buf_free(&b);
  return 0;
}

static void print_text(const json_t *pDoc) {
  const json_t *a = json_object_get(pDoc, "results");
  long long nTotal = json_integer_value(json_object_get(pDoc, "total"));
  Buf n = {0};
  i18n_plural(&n, _("{0, plural, one{# result} other{# results}}"), nTotal);
  /* TRANSLATORS: "12 results" and the query. */
  printf(_("%s for \"%s\"\n"), n.z, json_string_value(json_object_get(pDoc, "query")));
  buf_free(&n);
  for (size_t i = 0; i < json_array_size(a); i++) {
    const json_t *r = json_array_get(a, i);
    fputc('\n', stdout);
    print_padded(stdout, code_label(json_string_value(json_object_get(r, "kind"))), 12);
    printf(" %s  %s  (%.3f)\n  %s\n", json_string_value(json_object_get(r, "id")),
           json_string_value(json_object_get(r, "title")),
           json_real_value(json_object_get(r, "score")),
           json_string_value(json_object_get(r, "snippet")));
  }
}

/* --zFlag's value z as a whole number from lo to hi; a usage error otherwise
** (as journal's --limit and --after). */
static long long flag_number(const Cli *c, const char *zFlag, const char *z, long long lo,
                             long long hi) {
  char *zEnd;
  errno = 0;
  long long v = strtoll(z, &zEnd, 10);
  if (errno || zEnd == z || *zEnd || v < lo || v > hi)
    cli_fail(c, _("--%s: expected a whole number from %lld to %lld, got \"%s\""), zFlag, lo, hi, z);
  return v;
}

int search_command(const char *zDb, bool bJson, const Cli *c) {
  SearchQuery q;
  memset(&q, 0, sizeof(q));
  q.limit = 20;
  q.zOrg = cli_get(c, "org");
  q.zBody = cli_get(c, "body");
  q.zType = cli_get(c, "type");
  q.zParty = cli_get(c, "party");
  q.zFrom = cli_get(c, "from");
  q.zTo = cli_get(c, "to");
  q.zKind = cli_get(c, "kind");
  q.bFacets = cli_get(c, "facets") != 0;
  const char *zBench = cli_get(c, "bench-queries"), *zLimit = cli_get(c, "limit");
  const char *zOffset = cli_get(c, "offset");
  Buf query = {0};
  for (int i = 0; i < c->nPos; i++) {
    if (query.n) buf_putc(&query, ' ');
    buf_puts(&query, c->azPos[i]);
  }
  if (!date_optional_valid(q.zFrom))
    cli_fail(c, _("--%s: expected a real date YYYY-MM-DD, got \"%s\""), "from", q.zFrom);
  if (!date_optional_valid(q.zTo))
    cli_fail(c, _("--%s: expected a real date YYYY-MM-DD, got \"%s\""), "to", q.zTo);
  if (q.zKind && !(q.zKind = search_kind_filter(q.zKind)))
    cli_fail(c, _("--kind: expected document, session, commitment, assessment, party, body or "
                  "organization"));
  /* The bounds of GET /api/v1/search's limit and offset. */
  if (zLimit) q.limit = flag_number(c, "limit", zLimit, 1, 1000);
  if (zOffset) q.offset = flag_number(c, "offset", zOffset, 0, SEARCH_MAX_OFFSET);
  if (!zBench && !query.n) cli_fail(c, _("missing argument"));
  Db *pDb = db_open(zDb, false);
  search_ensure(pDb);
  int rc = 0;
  if (zBench) {
    rc = bench_queries(pDb, &q, zBench, bJson);
  } else {
    Buf err = {0};
    q.zQuery = query.z;
    json_t *pDoc = search_run(pDb, &q, &err);
    if (!pDoc) {
      fprintf(stderr, "pacta: search: %s\n", err.z);
      rc = EXIT_INPUT;
    } else if (bJson) {
      json_dumpf(pDoc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
      fputc('\n', stdout);
    } else {
      print_text(pDoc);
    }
    json_decref(pDoc);
    buf_free(&err);
  }
  buf_free(&query);
  db_close(pDb);
  return rc;
}
