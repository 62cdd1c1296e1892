/*
** The data in and out (cmd.h): init, load, export, minutes; the journal
** read, an entity retracted, the derived tables rebuilt.
*/
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checks.h"
#include "cmd.h"
#include "entity.h"
#include "fields.h"
#include "i18n.h"
#include "interchange.h"
#include "interchange_csv.h"
#include "journal.h"
#include "kind.h"
#include "output.h"
#include "publish.h"
#include "report_cmd.h"
#include "retract.h"
#include "submission.h"

extern const unsigned char pacta_sample_json[];
extern const size_t pacta_sample_json_len;

/* ---- init, load, export, minutes ------------------------------------------------ */

static int load_sources(Db *pDb, const LoadSource *aSrc, int n, const Args *a) {
  LoadResult r;
  FILE *fProgress = isatty(2) ? stderr : 0;
  int rc = interchange_load(pDb, aSrc, n, arg_actor(a), stderr, fProgress, &r);
  if (rc == 0 && a->bJson) {
    /* The warnings went to stderr as they do for every load; here too. */
    print_json_new(json_pack("{s:i, s:I, s:O?}", "loaded", r.nLoaded, "journal",
                             (json_int_t)r.lastSeq, "warnings", r.aFinding));
  } else if (rc == 0) {
    print_loaded(stdout, r.nLoaded, r.nUnchanged, (long long)r.lastSeq);
  }
  json_decref(r.aFinding);
  return rc ? EXIT_INPUT : 0;
}

int cmd_init(Args *a) {
  cli_need_pos(&a->cli, 0, 0);
  json_in_english(a->bJson);
  if (access(a->zDb, F_OK) == 0)
    die(EXIT_INPUT, _("%s already exists; pacta init makes a new registry"), a->zDb);
  Db *pDb = db_open(a->zDb, true);
  int rc = 0;
  if (a->bSample) {
    LoadSource src = {"sample registry", (const char *)pacta_sample_json, pacta_sample_json_len,
                      -1};
    rc = load_sources(pDb, &src, 1, a);
  } else if (!a->bJson) {
    printf(_("created %s\n"), a->zDb);
  } else {
    printf("{\"created\": \"%s\"}\n", a->zDb);
  }
  db_close(pDb);
  if (rc) unlink(a->zDb);
  return rc;
}

static bool ends_with(const char *z, const char *zEnd) {
  size_t n = strlen(z), m = strlen(zEnd);
  return n >= m && strcmp(z + n - m, zEnd) == 0;
}

/* CSV files (interchange_csv.h): a directory's *.csv, or files by name. */
static int load_csv(Db *pDb, Args *a, const char *zKind, const char *zDateFormat) {
  CsvDateFormat eDate = CSV_DATE_ISO;
  if (zDateFormat && strcmp(zDateFormat, "dd.mm.yyyy") == 0)
    eDate = CSV_DATE_DMY;
  else if (zDateFormat && strcmp(zDateFormat, "yyyy-mm-dd") != 0)
    cli_fail(&a->cli, _("--date-format: expected yyyy-mm-dd or dd.mm.yyyy, got \"%s\""),
             zDateFormat);
  if (zKind && !csv_is_table(zKind))
    cli_fail(&a->cli, _("--kind: no CSV table \"%s\" (see docs/csv.md)"), zKind);
  /* The names: each directory's *.csv files, each file as given. */
  int nName = 0, nAlloc = 0;
  char **azName = 0;
  for (int i = 0; i < a->nPos; i++) {
    struct stat st;
    if (stat(a->azPos[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      DIR *d = opendir(a->azPos[i]);
      if (!d)
        die(EXIT_INPUT, _("%s: cannot read: %s (nothing was loaded)"), a->azPos[i],
            strerror(errno));
      struct dirent *e;
      int nBefore = nName;
      while ((e = readdir(d)) != 0) {
        if (!ends_with(e->d_name, ".csv")) continue;
        if (nName == nAlloc) {
          nAlloc = nAlloc ? 2 * nAlloc : 16;
          azName = xrealloc(azName, (size_t)nAlloc * sizeof(char *));
        }
        Buf p = {0};
        buf_printf(&p, "%s/%s", a->azPos[i], e->d_name);
        azName[nName++] = xstrdup(p.z);
        buf_free(&p);
      }
      closedir(d);
      /* An empty or wrong directory would load nothing and say it did. */
      if (nName == nBefore)
        die(EXIT_INPUT,
            _("%s: no CSV file in this directory (a directory to load holds the files "
              "'pacta export --format csv --out DIR' writes); nothing was loaded"),
            a->azPos[i]);
    } else {
      if (nName == nAlloc) {
        nAlloc = nAlloc ? 2 * nAlloc : 16;
        azName = xrealloc(azName, (size_t)nAlloc * sizeof(char *));
      }
      azName[nName++] = xstrdup(a->azPos[i]);
    }
  }
  CsvSource *aSrc = xmalloc((size_t)(nName ? nName : 1) * sizeof(CsvSource));
  Buf *aBuf = xmalloc((size_t)(nName ? nName : 1) * sizeof(Buf));
  memset(aBuf, 0, (size_t)(nName ? nName : 1) * sizeof(Buf));
  for (int i = 0; i < nName; i++) {
    if (read_file(azName[i], &aBuf[i]))
      die(EXIT_INPUT, _("%s: cannot read: %s (nothing was loaded)"), azName[i], strerror(errno));
    /* --kind names the table of a file whose name is not one. */
    const char *zBase = strrchr(azName[i], '/') ? strrchr(azName[i], '/') + 1 : azName[i];
    char *zTable = xstrdup(zBase);
    if (ends_with(zTable, ".csv")) zTable[strlen(zTable) - 4] = 0;
    bool bKnown = csv_is_table(zTable);
    xfree(zTable);
    aSrc[i] =
        (CsvSource){azName[i], bKnown ? 0 : zKind, aBuf[i].z ? aBuf[i].z : "", aBuf[i].n, &aBuf[i]};
  }
  LoadResult r;
  FILE *fProgress = isatty(2) ? stderr : 0;
  int rc = csv_load(pDb, aSrc, nName, eDate, arg_actor(a), stderr, fProgress, &r);
  if (rc == 0 && a->bJson) {
    print_json_new(json_pack("{s:i, s:I, s:O?}", "loaded", r.nLoaded, "journal",
                             (json_int_t)r.lastSeq, "warnings", r.aFinding));
  } else if (rc == 0) {
    print_loaded(stdout, r.nLoaded, r.nUnchanged, (long long)r.lastSeq);
  }
  json_decref(r.aFinding);
  for (int i = 0; i < nName; i++) {
    buf_free(&aBuf[i]);
    xfree(azName[i]);
  }
  xfree(azName);
  xfree(aBuf);
  xfree(aSrc);
  return rc ? EXIT_INPUT : 0;
}

int cmd_load(Args *a) {
  cli_need_pos(&a->cli, 1, -1);
  json_in_english(a->bJson);
  const char *zKind = cli_get(&a->cli, "kind");
  const char *zDateFormat = cli_get(&a->cli, "date-format");
  /* CSV: a directory, a .csv file, or --kind/--date-format given. */
  bool bCsv = zKind || zDateFormat;
  for (int i = 0; i < a->nPos && !bCsv; i++) {
    struct stat st;
    bCsv = ends_with(a->azPos[i], ".csv") || (stat(a->azPos[i], &st) == 0 && S_ISDIR(st.st_mode));
  }
  Db *pDb = open_registry(a);
  if (bCsv) {
    int rc = load_csv(pDb, a, zKind, zDateFormat);
    db_close(pDb);
    return rc;
  }
  LoadSource *aSrc = xmalloc((size_t)a->nPos * sizeof(LoadSource));
  InputFile *aFile = xmalloc((size_t)a->nPos * sizeof(InputFile));
  for (int i = 0; i < a->nPos; i++) {
    if (input_open(a->azPos[i], &aFile[i]))
      die(EXIT_INPUT, _("%s: cannot read: %s (nothing was loaded)"), a->azPos[i], strerror(errno));
    aSrc[i] = (LoadSource){a->azPos[i], aFile[i].z, aFile[i].n, aFile[i].fd};
  }
  int rc = load_sources(pDb, aSrc, a->nPos, a);
  for (int i = 0; i < a->nPos; i++) input_close(&aFile[i]);
  xfree(aFile);
  xfree(aSrc);
  db_close(pDb);
  return rc;
}

/* --org's organization, or exit 1 naming it as every command does: a
** filter by an organization that is not one gave an empty answer. */
void need_organization(Db *pDb, const char *zOrg) {
  if (entity_seq(pDb, K_ORGANIZATION, zOrg) == 0)
    die(EXIT_INPUT, _("unknown %s \"%s\""), code_label(kind_name(K_ORGANIZATION)), zOrg);
}

int cmd_export(Args *a) {
  cli_need_pos(&a->cli, 0, 0);
  const char *zFormat = a->zFormat ? a->zFormat : "json";
  if (strcmp(zFormat, "json") != 0 && strcmp(zFormat, "csv") != 0 && strcmp(zFormat, "ics") != 0)
    cli_fail(&a->cli, _("--format: expected json, csv or ics, got \"%s\""), zFormat);
  const char *zOut = cli_get(&a->cli, "out");
  if (zOut && strcmp(zFormat, "csv") != 0)
    cli_fail(&a->cli, _("--out DIR goes with --format csv (one file per table)"));
  /* The interchange and the CSV are the whole registry: --org would be
  ** silently ignored. */
  if (a->bJson && strcmp(zFormat, "json") != 0)
    cli_fail(&a->cli, _("--json goes with --format json: CSV and iCalendar are not JSON"));
  if (a->zOrg && strcmp(zFormat, "ics") != 0)
    cli_fail(&a->cli, _("--org goes with --format ics (the export is the whole registry)"));
  Db *pDb = open_registry(a);
  if (a->zOrg) need_organization(pDb, a->zOrg);
  if (strcmp(zFormat, "ics") == 0) {
    Buf b = {0};
    publish_ics(pDb, a->zOrg, &b);
    fwrite(b.z ? b.z : "", 1, b.n, stdout);
    buf_free(&b);
  } else if (strcmp(zFormat, "json") == 0)
    interchange_export_json(pDb, stdout);
  else if (zOut) {
    Buf err = {0};
    if (csv_export_dir(pDb, zOut, &err)) die(EXIT_INPUT, "%s", err.z);
    buf_free(&err);
  } else {
    interchange_export_csv(pDb, stdout);
  }
  db_close(pDb);
  return 0;
}

int cmd_minutes(Args *a) {
  cli_need_pos(&a->cli, 1, 1);
  const char *zFormat = a->zFormat ? a->zFormat : "html";
  const char *zOut = cli_get(&a->cli, "out");
  if (a->bJson)
    cli_fail(&a->cli, _("minutes are HTML, Markdown or PDF (--format), not JSON; 'pacta show "
                        "session ID --json' gives the session's record"));
  if (strcmp(zFormat, "pdf") == 0) return report_minutes_pdf(a->zDb, &a->cli, a->azPos[0], zOut);
  if (strcmp(zFormat, "html") != 0 && strcmp(zFormat, "md") != 0)
    cli_fail(&a->cli, _("--format: expected html, md or pdf, got \"%s\""), zFormat);
  Db *pDb = open_registry(a);
  Buf b = {0};
  if (!publish_minutes(pDb, a->azPos[0], strcmp(zFormat, "md") == 0, &b))
    die(EXIT_INPUT, _("unknown %s \"%s\""), code_label("session"), a->azPos[0]);
  report_write_out(zOut, b.z, b.n);
  buf_free(&b);
  db_close(pDb);
  return 0;
}

/* ---- The journal: journal, retract, rebuild ---------------------------------- */

/* --zFlag's value z as a whole number from lo to hi (dflt when not given);
** a usage error otherwise. */
static long long flag_int(const Args *a, const char *zFlag, const char *z, long long dflt,
                          long long lo, long long hi) {
  if (!z) return dflt;
  char *zEnd;
  errno = 0;
  long long v = strtoll(z, &zEnd, 10);
  if (errno || zEnd == z || *zEnd || v < lo || v > hi)
    cli_fail(&a->cli, _("--%s: expected a whole number from %lld to %lld, got \"%s\""), zFlag, lo,
             hi, z);
  return v;
}

/*
** The entries shown: seq in (*pLo, *pHi]. Without --after, the latest
** `limit` (as git log -n); with it, the first `limit` after it, the page
** GET /api/v1/journal?after=&limit= gives (api.c), so that a reader can
** follow the journal from where it was. Each bound is one step of the
** primary key's order; the caller holds one read snapshot for both.
*/
static void journal_window(Db *pDb, bool bAfter, long long after, long long limit, int64_t *pLo,
                           int64_t *pHi) {
  sqlite3_stmt *p;
  if (bAfter) {
    *pLo = after;
    p = db_stmt(pDb, "SELECT seq FROM journal_entry WHERE seq>?1 ORDER BY seq LIMIT 1 OFFSET ?2");
    sqlite3_bind_int64(p, 1, after);
    sqlite3_bind_int64(p, 2, limit - 1);
    *pHi = db_step_row(pDb, p) ? sqlite3_column_int64(p, 0) : INT64_MAX;
  } else {
    *pHi = INT64_MAX;
    p = db_stmt(pDb, "SELECT seq FROM journal_entry ORDER BY seq DESC LIMIT 1 OFFSET ?1");
    sqlite3_bind_int64(p, 1, limit);
    *pLo = db_step_row(pDb, p) ? sqlite3_column_int64(p, 0) : -1;
  }
  sqlite3_reset(p);
}

int cmd_journal(Args *a) {
  cli_need_pos(&a->cli, 0, 0);
  /* GET /api/v1/journal's ranges (api.c), but any number of entries: the
  ** command line is how a whole journal is read at once. */
  long long after = flag_int(a, "after", a->zAfter, 0, 0, 1LL << 62);
  long long limit = flag_int(a, "limit", a->zLimit, 50, 1, 1LL << 62);
  bool bReverse = cli_get(&a->cli, "reverse") != 0;
  Db *pDb = open_registry(a);
  bool bBegun = db_read_begin(pDb);
  int64_t lo, hi;
  journal_window(pDb, a->zAfter != 0, after, limit, &lo, &hi);
  /* Newest first, as git log; --reverse, oldest first. */
  sqlite3_stmt *p = bReverse
                        ? db_stmt(pDb, "SELECT seq, record FROM journal WHERE seq>?1 AND seq<=?2 "
                                       "ORDER BY seq")
                        : db_stmt(pDb, "SELECT seq, record FROM journal WHERE seq>?1 AND seq<=?2 "
                                       "ORDER BY seq DESC");
  sqlite3_bind_int64(p, 1, lo);
  sqlite3_bind_int64(p, 2, hi);
  Table t = {6, 0, 0, 0};
  static const char *const azField[] = {"seq", "time", "actor", "op", "kind", "key"};
  const char *azHead[] = {P_("column", "seq"), P_("column", "time"), P_("column", "actor"),
                          P_("column", "op"),  P_("column", "kind"), P_("column", "key")};
  table_head(&t, 6, azHead);
  json_t *aOut = json_array();
  while (db_step_row(pDb, p)) {
    json_t *pRec = json_loads((const char *)sqlite3_column_text(p, 1), 0, 0);
    char zHash[65];
    journal_record_sha256((const char *)sqlite3_column_text(p, 1),
                          (size_t)sqlite3_column_bytes(p, 1), zHash);
    if (a->bJson) {
      json_object_set_new(pRec, "sha256", json_string(zHash));
      json_array_append(aOut, pRec);
    } else {
      char zSeq[24];
      snprintf(zSeq, sizeof(zSeq), "%lld", (long long)sqlite3_column_int64(p, 0));
      table_add(&t, zSeq);
      for (int i = 1; i < 6; i++)
        table_add(&t, i == 3 || i == 4 ? code_label(str(pRec, azField[i])) : str(pRec, azField[i]));
    }
    json_decref(pRec);
  }
  sqlite3_reset(p);
  db_read_end(pDb, bBegun);
  if (a->bJson) {
    print_json_new(json_pack("{s:o}", "entries", aOut));
    table_free(&t);
  } else {
    json_decref(aOut);
    table_print(&t);
  }
  db_close(pDb);
  return 0;
}

int cmd_retract(Args *a) {
  cli_need_pos(&a->cli, 2, 2);
  json_in_english(a->bJson);
  Kind kind = arg_kind(a, a->azPos[0]);
  Db *pDb = open_registry(a);
  int64_t seq;
  json_t *aFinding;
  const char *zReason = cli_get(&a->cli, "reason");
  json_t *pReason = zReason ? json_string(zReason) : 0;
  if (zReason && !pReason) cli_fail(&a->cli, _("--reason is not UTF-8 text"));
  json_decref(pReason);
  RetractResult rc =
      registry_retract_reason(pDb, arg_actor(a), kind, a->azPos[1], zReason, &seq, &aFinding);
  size_t i;
  json_t *p;
  json_array_foreach(aFinding, i, p) {
    char *zLine = check_finding_line(p);
    fprintf(stderr, "pacta: %s\n", zLine);
    xfree(zLine);
  }
  if (rc == RETRACT_BUSY)
    die(EXIT_INPUT, _("the registry is busy (another writer holds it); nothing was retracted"));
  if (rc == RETRACT_UNKNOWN)
    die(EXIT_INPUT, _("unknown %s \"%s\"; nothing was retracted"), code_label(kind_name(kind)),
        a->azPos[1]);
  if (rc == RETRACT_INCONSISTENT) die(EXIT_INPUT, _("nothing was retracted"));
  if (a->bJson)
    print_json_new(json_pack("{s:s, s:I, s:O}", "retracted", a->azPos[1], "journal",
                             (json_int_t)seq, "warnings", aFinding));
  else
    printf(_("retracted %s %s as journal entry %lld\n"), code_label(kind_name(kind)), a->azPos[1],
           (long long)seq);
  json_decref(aFinding);
  db_close(pDb);
  return 0;
}

int cmd_rebuild(Args *a) {
  cli_need_pos(&a->cli, 0, 0);
  Db *pDb = open_registry(a);
  int64_t n = journal_rebuild(pDb);
  if (a->bJson)
    printf("{\"rebuilt\": %lld}\n", (long long)n);
  else
    printf(_("rebuilt the derived tables from %lld journal entries\n"), (long long)n);
  db_close(pDb);
  return 0;
}

/* ---- submissions ---------------------------------------------------------------- */

static void print_submission_row(Table *t, const json_t *p) {
  const json_t *pRec = json_object_get(p, "records");
  Buf what = {0};
  size_t i;
  json_t *pA;
  json_array_foreach(json_object_get(pRec, "actions"), i, pA)
      buf_printf(&what, "%s%s %s", what.n ? "; " : "", dflt(code_label(str(pA, "type")), ""),
                 dflt(str(pA, "document"), ""));
  json_array_foreach(json_object_get(pRec, "assessments"), i, pA)
      buf_printf(&what, _("%sself-report %s"), what.n ? "; " : "", dflt(str(pA, "commitment"), ""));
  const json_t *pDecision = json_object_get(p, "decision");
  table_add(t, str(p, "id"));
  table_add(t, code_label(str(p, "status")));
  table_add(t, str(p, "party"));
  table_add(t, str(p, "received"));
  table_add(t, what.z);
  table_add(t, str(pDecision, "notification") ? str(pDecision, "notification")
                                              : str(pDecision, "reason"));
  buf_free(&what);
}

/* The depositary's side of the submissions (submission.h): the command line
** acts as the depositary, under --actor. */
int cmd_submissions(Args *a) {
  cli_need_pos(&a->cli, 1, 2);
  json_in_english(a->bJson);
  const char *zSub = a->azPos[0];
  Db *pDb = open_registry(a);
  int rc = 0;
  if (strcmp(zSub, "list") == 0) {
    cli_need_pos(&a->cli, 1, 1);
    const char *zStatus = cli_get(&a->cli, "status");
    if (zStatus && strcmp(zStatus, "pending") != 0 && strcmp(zStatus, "accepted") != 0 &&
        strcmp(zStatus, "rejected") != 0)
      cli_fail(&a->cli, _("--status: expected pending, accepted or rejected"));
    json_t *aSub = submission_list(pDb, a->zParty, zStatus);
    if (a->bJson) {
      print_json_new(json_pack("{s:o}", "submissions", aSub));
    } else {
      Table t = {6, 0, 0, 0};
      const char *azHead[] = {P_("column", "id"),      P_("column", "status"),
                              P_("column", "party"),   P_("column", "received"),
                              P_("column", "records"), P_("column", "decision")};
      table_head(&t, 6, azHead);
      size_t i;
      json_t *p;
      json_array_foreach(aSub, i, p) print_submission_row(&t, p);
      table_print(&t);
      json_decref(aSub);
    }
  } else if (strcmp(zSub, "show") == 0) {
    cli_need_pos(&a->cli, 2, 2);
    json_t *p = submission_get(pDb, a->azPos[1]);
    if (!p) die(EXIT_INPUT, _("no submission %s"), a->azPos[1]);
    print_json_new(p);
  } else if (strcmp(zSub, "accept") == 0 || strcmp(zSub, "reject") == 0) {
    cli_need_pos(&a->cli, 2, 2);
    bool bAccept = zSub[0] == 'a';
    const char *zReason = cli_get(&a->cli, "reason");
    if (!bAccept && !zReason) cli_fail(&a->cli, _("reject needs --reason TEXT"));
    /* A date that is not one is the command line's error, as --on's is. */
    const char *zDate = cli_get(&a->cli, "date");
    if (zDate) arg_date(a, "date", zDate);
    json_t *pOut;
    Buf why = {0};
    SubmitResult r =
        submission_decide(pDb, arg_actor(a), a->azPos[1], bAccept, zDate, zReason, &pOut, &why);
    size_t i;
    json_t *p;
    switch (r) {
    case SUBMIT_OK:
      if (a->bJson)
        print_json(pOut);
      else if (bAccept)
        printf(_("accepted %s: deposited on %s, depositary notification %s\n"), a->azPos[1],
               str(json_object_get(pOut, "decision"), "date"),
               str(json_object_get(pOut, "decision"), "notification"));
      else
        printf(_("rejected %s\n"), a->azPos[1]);
      break;
    case SUBMIT_UNKNOWN:
      fputs("pacta: ", stderr);
      fprintf(stderr, _("no submission %s"), a->azPos[1]);
      fputc('\n', stderr);
      break;
    case SUBMIT_BUSY:
      fprintf(stderr, "pacta: %s\n",
              _("the registry is busy (another writer holds it); try again"));
      break;
    case SUBMIT_INVALID:
    case SUBMIT_INCONSISTENT:
      json_array_foreach(json_object_get(pOut, "details"), i, p)
          fprintf(stderr, "pacta: %s\n", json_string_value(p));
      fputs("pacta: ", stderr);
      fprintf(stderr, _("%s stays pending\n"), a->azPos[1]);
      break;
    default: fprintf(stderr, "pacta: %s\n", why.z ? why.z : _("refused")); break;
    }
    rc = r == SUBMIT_OK ? 0 : EXIT_INPUT;
    json_decref(pOut);
    buf_free(&why);
  } else {
    db_close(pDb);
    cli_fail(&a->cli, _("expected list, show, accept or reject, got \"%s\""), zSub);
  }
  db_close(pDb);
  return rc;
}
