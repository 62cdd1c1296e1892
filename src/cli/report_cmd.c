/*
** `pacta report document|party|organization` (report_cmd.h): the report
** built once (report.h) and drawn as HTML or PDF, to --out or stdout.
*/
#include "report_cmd.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "entity.h"
#include "i18n.h"
#include "output.h"
#include "publish.h"
#include "report.h"
#include "util.h"

static const char zUsage[] =
    "report document DOC|party CODE|organization ORG [--on DATE] [--org ORG] "
    "[--format html|pdf] [--out FILE] [--lang CODE]";

void report_write_out(const char *zOut, const char *z, size_t n) {
  FILE *f = zOut ? fopen(zOut, "wb") : stdout;
  if (!f) die(EXIT_INPUT, _("%s: cannot write: %s"), zOut, strerror(errno));
  if (fwrite(z ? z : "", 1, n, f) != n || (zOut ? fclose(f) : fflush(f)) != 0)
    die(EXIT_INPUT, _("%s: cannot write: %s"), zOut ? zOut : _("standard output"), strerror(errno));
}

static void need_entity(Db *pDb, Kind kind, const char *zKey) {
  if (entity_seq(pDb, kind, zKey) == 0)
    die(EXIT_INPUT, _("unknown %s \"%s\""), code_label(kind_name(kind)), zKey);
}

/* --format, else pdf for an --out FILE.pdf, else html. PDF is bytes for a
** file or a pipe, not for a terminal. */
static int choose_format(const Cli *c, const char *zOut) {
  const char *z = cli_get(c, "format");
  int fmt;
  if (z) {
    fmt = report_format_parse(z);
    if (fmt < 0) cli_fail(c, _("--format: expected html or pdf, got \"%s\""), z);
  } else {
    size_t n = zOut ? strlen(zOut) : 0;
    fmt = n > 4 && strcmp(zOut + n - 4, ".pdf") == 0 ? REPORT_PDF : REPORT_HTML;
  }
  if (fmt == REPORT_PDF && !zOut && isatty(1))
    cli_fail(c, _("a PDF is not for a terminal: give --out FILE.pdf, or redirect the output"));
  return fmt;
}

static void emit(const RDoc *d, int fmt, const char *zOut) {
  Buf b = {0}, err = {0};
  if (fmt == REPORT_PDF) {
    if (report_pdf(d, &b, &err)) die(EXIT_INPUT, "%s", err.z);
  } else {
    report_html(d, 0, 0, &b);
  }
  report_write_out(zOut, b.z, b.n);
  buf_free(&b);
}

int report_command(const char *zDb, bool bJson, const Cli *c0) {
  Cli o = *c0;
  o.zUsage = zUsage;
  const Cli *c = &o;
  if (bJson)
    cli_fail(c, _("a report is HTML or PDF (--format), not JSON; 'pacta status DOC --json' and "
                  "'pacta party CODE --json' give its data"));
  cli_need_pos(c, 2, 2);
  const char *zKind = c->azPos[0], *zId = c->azPos[1];
  bool bDoc = strcmp(zKind, "document") == 0, bParty = strcmp(zKind, "party") == 0,
       bOrg = strcmp(zKind, "organization") == 0;
  if (!bDoc && !bParty && !bOrg)
    cli_fail(c, _("expected document, party or organization, got \"%s\""), zKind);
  if (cli_get(c, "org") && !bParty) cli_fail(c, _("--org goes with report party"));
  pdate on = date_today();
  const char *zOn = cli_get(c, "on");
  if (zOn && date_parse(zOn, strlen(zOn), &on))
    cli_fail(c, _("--%s: expected a real date YYYY-MM-DD, got \"%s\""), "on", zOn);
  const char *zOut = cli_get(c, "out");
  if (zOut && !*zOut) cli_fail(c, _("--out: expected a file name"));
  int fmt = choose_format(c, zOut);
  Db *pDb = db_open(zDb, false);
  /* What the report is about, named as every command names an unknown one
  ** (the report would refuse it in English). */
  need_entity(pDb, bDoc ? K_DOCUMENT : bParty ? K_PARTY : K_ORGANIZATION, zId);
  if (cli_get(c, "org")) need_entity(pDb, K_ORGANIZATION, cli_get(c, "org"));
  RDoc d;
  Buf err = {0};
  int rc = bDoc     ? report_document(pDb, zId, on, &d, &err)
           : bParty ? report_party(pDb, zId, cli_get(c, "org"), on, &d, &err)
                    : report_organization(pDb, zId, on, &d, &err);
  if (rc) die(EXIT_INPUT, "%s", err.z);
  emit(&d, fmt, zOut);
  rdoc_free(&d);
  db_close(pDb);
  return 0;
}

int report_minutes_pdf(const char *zDb, const Cli *c, const char *zSession, const char *zOut) {
  if (!zOut && isatty(1))
    cli_fail(c, _("a PDF is not for a terminal: give --out FILE.pdf, or redirect the output"));
  Db *pDb = db_open(zDb, false);
  RDoc d;
  rdoc_init(&d, i18n_lang(), zSession);
  bool bBegun = db_read_begin(pDb);
  if (!publish_minutes_rdoc(pDb, zSession, &d))
    die(EXIT_INPUT, _("unknown %s \"%s\""), code_label("session"), zSession);
  ReportLog log;
  report_log(pDb, &log);
  report_log_blocks(&d, &log);
  db_read_end(pDb, bBegun);
  emit(&d, REPORT_PDF, zOut);
  rdoc_free(&d);
  db_close(pDb);
  return 0;
}
