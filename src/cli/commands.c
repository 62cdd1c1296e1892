#include "commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "db.h"
#include "ingest.h"
#include "interchange.h"
#include "journal.h"
#include "logcmd.h"
#include "publish.h"
#include "auth.h"
#include "cli.h"
#include "compliance.h"
#include "registry.h"
#include "search.h"
#include "server.h"
#include "util.h"

extern const unsigned char pacta_sample_json[];
extern const size_t pacta_sample_json_len;

/* ---- Arguments ------------------------------------------------------------ */

typedef struct Args {
  const char *zDb;
  const char *zActor;
  bool bJson;
  int nPos;
  const char **azPos; /* positional arguments after the command name */
  /* Flags, NULL when not given. */
  const char *zOn, *zYear, *zFormat, *zOrg, *zAfter, *zLimit;
  const char *zListen, *zThreads, *zRole, *zParty, *zName;
  const char *zFrom, *zTo, *zPrevFrom, *zPrevTo; /* compliance report periods */
  bool bSample, bAll, bQuiet;
  Cli cli; /* the parsed arguments, for the commands in other files */
} Args;

typedef struct Command {
  const char *zName;
  int (*xRun)(Args *);
  const char *zUsage;
  const char *zFlags; /* the flags it takes, space separated, "=" when it takes a value */
  const char *zHelp;
} Command;

static const Command *find_command(const char *zName);

#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 2, 3)))
#endif
static void
usage_error(const Command *pCmd, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  cli_vfail(pCmd ? pCmd->zName : 0, pCmd ? pCmd->zUsage : 0, zFmt, ap);
}

static void set_flag(Args *a, const char *zFlag, const char *zValue) {
  struct {
    const char *zName;
    const char **pz;
  } aValue[] = {{"on", &a->zOn},
                {"year", &a->zYear},
                {"format", &a->zFormat},
                {"org", &a->zOrg},
                {"after", &a->zAfter},
                {"limit", &a->zLimit},
                {"db", &a->zDb},
                {"actor", &a->zActor},
                {"listen", &a->zListen},
                {"threads", &a->zThreads},
                {"role", &a->zRole},
                {"party", &a->zParty},
                {"name", &a->zName},
                {"from", &a->zFrom},
                {"to", &a->zTo},
                {"previous-from", &a->zPrevFrom},
                {"previous-to", &a->zPrevTo}};
  for (size_t i = 0; i < sizeof(aValue) / sizeof(aValue[0]); i++) {
    if (strcmp(zFlag, aValue[i].zName) == 0) {
      *aValue[i].pz = zValue;
      return;
    }
  }
  if (strcmp(zFlag, "json") == 0) a->bJson = true;
  if (strcmp(zFlag, "sample") == 0) a->bSample = true;
  if (strcmp(zFlag, "all") == 0) a->bAll = true;
  if (strcmp(zFlag, "quiet") == 0) a->bQuiet = true;
}

/* Parse the command's own arguments (cli.c); the flags it takes are in its
** table entry. */
static void parse_args(const Command *pCmd, int argc, char **argv, Args *a) {
  cli_parse(&a->cli, pCmd->zName, pCmd->zUsage, pCmd->zFlags, argc, argv);
  a->nPos = a->cli.nPos;
  a->azPos = a->cli.azPos;
  for (int i = 0; i < a->cli.nOpt; i++) {
    char zName[32];
    const CliOpt *o = &a->cli.aOpt[i];
    snprintf(zName, sizeof(zName), "%.*s", o->nName, o->zName);
    set_flag(a, zName, o->zValue);
  }
}

static void need_positional(const Command *pCmd, const Args *a, int nMin, int nMax) {
  if (a->nPos < nMin) usage_error(pCmd, "missing argument");
  if (nMax >= 0 && a->nPos > nMax) usage_error(pCmd, "unexpected argument \"%s\"", a->azPos[nMax]);
}

static pdate today(void) {
  time_t now = time(0);
  struct tm tm;
  gmtime_r(&now, &tm);
  return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int this_year(void) {
  int y, m, d;
  date_to_ymd(today(), &y, &m, &d);
  return y;
}

static pdate flag_date(const Command *pCmd, const char *zFlag, const char *zValue) {
  if (!zValue) return today();
  pdate d;
  if (date_parse(zValue, strlen(zValue), &d))
    usage_error(pCmd, "--%s: expected a real date YYYY-MM-DD, got \"%s\"", zFlag, zValue);
  return d;
}

static int flag_year(const Command *pCmd, const char *zValue) {
  if (!zValue) return this_year();
  char *zEnd;
  errno = 0;
  long y = strtol(zValue, &zEnd, 10);
  if (errno || *zEnd || zEnd == zValue || y < 1 || y > 9999)
    usage_error(pCmd, "--year: expected a year from 1 to 9999, got \"%s\"", zValue);
  return (int)y;
}

static const char *actor(const Args *a) {
  if (a->zActor) return a->zActor;
  const char *z = getenv("PACTA_ACTOR");
  if (z && *z) return z;
  z = getenv("USER");
  return z && *z ? z : "cli";
}

static Db *open_registry(const Args *a) {
  return db_open(a->zDb, false);
}

/* ---- Output ----------------------------------------------------------------- */

static void print_json(const json_t *p) {
  json_dumpf(p, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  fputc('\n', stdout);
}

/* Display width of UTF-8 text, counting code points. */
static int text_width(const char *z) {
  int n = 0;
  for (; *z; z++)
    if ((*z & 0xC0) != 0x80) n++;
  return n;
}

/* A table of text cells, printed with aligned columns. */
typedef struct Table {
  int nCol;
  int nCell, nAlloc;
  char **azCell;
} Table;

static void table_add(Table *t, const char *z) {
  if (t->nCell == t->nAlloc) {
    t->nAlloc = t->nAlloc ? 2 * t->nAlloc : 64;
    t->azCell = xrealloc(t->azCell, (size_t)t->nAlloc * sizeof(char *));
  }
  t->azCell[t->nCell++] = xstrdup(z ? z : "");
}

static void table_print(Table *t) {
  int *aW = xmalloc((size_t)t->nCol * sizeof(int));
  memset(aW, 0, (size_t)t->nCol * sizeof(int));
  for (int i = 0; i < t->nCell; i++) {
    int w = text_width(t->azCell[i]);
    if (w > aW[i % t->nCol]) aW[i % t->nCol] = w;
  }
  for (int i = 0; i < t->nCell; i++) {
    int c = i % t->nCol;
    bool bLast = c == t->nCol - 1;
    fputs(t->azCell[i], stdout);
    if (!bLast) printf("%*s", aW[c] - text_width(t->azCell[i]) + 2, "");
    if (bLast) fputc('\n', stdout);
    if (i < t->nCol && bLast) {
      for (int k = 0; k < t->nCol; k++) {
        for (int x = 0; x < aW[k]; x++) fputc('-', stdout);
        fputs(k == t->nCol - 1 ? "\n" : "  ", stdout);
      }
    }
  }
  for (int i = 0; i < t->nCell; i++) free(t->azCell[i]);
  free(t->azCell);
  free(aW);
}

static const char *jstr(const json_t *p, const char *zKey) {
  const char *z = json_string_value(json_object_get(p, zKey));
  return z ? z : "";
}

static const char *name_en(const json_t *p, const char *zKey) {
  const json_t *pName = json_object_get(p, zKey);
  const char *z = json_string_value(json_object_get(pName, "en"));
  if (!z) {
    const char *zLang;
    json_t *pVal;
    json_object_foreach((json_t *)pName, zLang, pVal) return json_string_value(pVal);
  }
  return z ? z : "";
}

static json_t *must(json_t *p, Buf *pErr) {
  if (!p) die(EXIT_INPUT, "%s", pErr->z);
  return p;
}

/* ---- Commands ----------------------------------------------------------- */

static int load_sources(Db *pDb, const LoadSource *aSrc, int n, const Args *a) {
  LoadResult r;
  FILE *fProgress = isatty(2) ? stderr : 0;
  if (interchange_load(pDb, aSrc, n, actor(a), stderr, fProgress, &r)) return EXIT_INPUT;
  if (a->bJson) {
    printf("{\"loaded\": %d, \"journal\": %lld}\n", r.nLoaded, (long long)r.lastSeq);
  } else {
    printf("loaded %d new journal entries (%d records unchanged); journal at %lld\n", r.nLoaded,
           r.nUnchanged, (long long)r.lastSeq);
  }
  return 0;
}

static int cmd_init(Args *a) {
  if (a->nPos) usage_error(find_command("init"), "unexpected argument \"%s\"", a->azPos[0]);
  if (access(a->zDb, F_OK) == 0)
    die(EXIT_INPUT, "%s already exists; pacta init makes a new registry", a->zDb);
  Db *pDb = db_open(a->zDb, true);
  int rc = 0;
  if (a->bSample) {
    LoadSource src = {"sample registry", (const char *)pacta_sample_json, pacta_sample_json_len};
    rc = load_sources(pDb, &src, 1, a);
  } else if (!a->bJson) {
    printf("created %s\n", a->zDb);
  } else {
    printf("{\"created\": \"%s\"}\n", a->zDb);
  }
  db_close(pDb);
  if (rc) unlink(a->zDb);
  return rc;
}

static int cmd_load(Args *a) {
  need_positional(find_command("load"), a, 1, -1);
  Db *pDb = open_registry(a);
  LoadSource *aSrc = xmalloc((size_t)a->nPos * sizeof(LoadSource));
  Buf *aBuf = xmalloc((size_t)a->nPos * sizeof(Buf));
  memset(aBuf, 0, (size_t)a->nPos * sizeof(Buf));
  for (int i = 0; i < a->nPos; i++) {
    if (read_file(a->azPos[i], &aBuf[i]))
      die(EXIT_INPUT, "%s: cannot read: %s (nothing was loaded)", a->azPos[i], strerror(errno));
    aSrc[i] = (LoadSource){a->azPos[i], aBuf[i].z, aBuf[i].n};
  }
  int rc = load_sources(pDb, aSrc, a->nPos, a);
  for (int i = 0; i < a->nPos; i++) buf_free(&aBuf[i]);
  free(aBuf);
  free(aSrc);
  db_close(pDb);
  return rc;
}

static int cmd_export(Args *a) {
  const Command *pCmd = find_command("export");
  need_positional(pCmd, a, 0, 0);
  const char *zFormat = a->zFormat ? a->zFormat : "json";
  if (strcmp(zFormat, "json") != 0 && strcmp(zFormat, "csv") != 0 && strcmp(zFormat, "ics") != 0)
    usage_error(pCmd, "--format: expected json, csv or ics, got \"%s\"", zFormat);
  Db *pDb = open_registry(a);
  if (strcmp(zFormat, "ics") == 0) {
    Buf b = {0};
    publish_ics(pDb, a->zOrg, &b);
    fwrite(b.z ? b.z : "", 1, b.n, stdout);
    buf_free(&b);
  } else if (strcmp(zFormat, "json") == 0)
    interchange_export_json(pDb, stdout);
  else
    interchange_export_csv(pDb, stdout);
  db_close(pDb);
  return 0;
}

static int cmd_members(Args *a) {
  const Command *pCmd = find_command("members");
  need_positional(pCmd, a, 1, 1);
  pdate on = flag_date(pCmd, "on", a->zOn);
  Db *pDb = open_registry(a);
  Buf err = {0};
  json_t *p = must(query_members(pDb, a->azPos[0], on, &err), &err);
  if (a->bJson) {
    print_json(p);
  } else {
    const json_t *aM = json_object_get(p, "members");
    printf("%s on %s: %zu members\n\n", a->azPos[0], jstr(p, "on"), json_array_size(aM));
    Table t = {4, 0, 0, 0};
    const char *azHead[] = {"party", "name", "kind", "since"};
    for (int i = 0; i < 4; i++) table_add(&t, azHead[i]);
    for (size_t i = 0; i < json_array_size(aM); i++) {
      const json_t *m = json_array_get(aM, i);
      json_t *pParty = entity_get(pDb, K_PARTY, jstr(m, "party"));
      table_add(&t, jstr(m, "party"));
      table_add(&t, name_en(pParty, "name"));
      table_add(&t, jstr(m, "kind"));
      table_add(&t, jstr(m, "since"));
      json_decref(pParty);
    }
    table_print(&t);
  }
  json_decref(p);
  db_close(pDb);
  return 0;
}

static int cmd_compliance(Args *a) {
  const Command *pCmd = find_command("compliance");
  need_positional(pCmd, a, 1, 1);
  if ((a->zPrevFrom != 0) != (a->zPrevTo != 0))
    usage_error(pCmd, "--previous-from and --previous-to go together");
  if (a->zTo && a->zOn) usage_error(pCmd, "--to is the date of the report: give --on or --to");
  if (a->zPrevFrom && !a->zFrom) usage_error(pCmd, "--previous-from needs a period (--from)");
  ComplianceOpts opt = {a->zFrom ? flag_date(pCmd, "from", a->zFrom) : DATE_NONE,
                        a->zPrevFrom ? flag_date(pCmd, "previous-from", a->zPrevFrom) : DATE_NONE,
                        a->zPrevTo ? flag_date(pCmd, "previous-to", a->zPrevTo) : DATE_NONE};
  pdate on = a->zTo ? flag_date(pCmd, "to", a->zTo) : flag_date(pCmd, "on", a->zOn);
  if (opt.from != DATE_NONE && opt.from > on) usage_error(pCmd, "--from is after the period's end");
  Db *pDb = open_registry(a);
  Buf err = {0};
  json_t *p = must(query_compliance(pDb, a->azPos[0], on, &opt, &err), &err);
  if (a->bJson)
    print_json(p);
  else
    compliance_print(p);
  json_decref(p);
  db_close(pDb);
  return 0;
}

static const char *or_dash(const char *z) {
  return z && *z ? z : "-";
}

static void co_chairs_text(const json_t *pYear, Buf *pOut) {
  const json_t *aCo = json_object_get(pYear, "co_chairs");
  for (size_t i = 0; i < json_array_size(aCo); i++)
    buf_printf(pOut, "%s%s", i ? ", " : "", json_string_value(json_array_get(aCo, i)));
}

static int cmd_chair(Args *a) {
  const Command *pCmd = find_command("chair");
  need_positional(pCmd, a, 1, 1);
  Db *pDb = open_registry(a);
  Buf err = {0};
  if (a->zYear) {
    json_t *p = must(query_chair(pDb, a->azPos[0], flag_year(pCmd, a->zYear), &err), &err);
    if (a->bJson) {
      print_json(p);
    } else {
      Buf co = {0};
      co_chairs_text(p, &co);
      printf("%s %lld: chair %s (%s), expected by the rule %s, co-chairs %s\n", a->azPos[0],
             (long long)json_integer_value(json_object_get(p, "year")), or_dash(jstr(p, "chair")),
             jstr(p, "source"), or_dash(jstr(p, "expected")), or_dash(co.z));
      buf_free(&co);
    }
    json_decref(p);
  } else {
    json_t *p = must(query_chair_history(pDb, a->azPos[0], this_year(), &err), &err);
    if (a->bJson) {
      print_json(p);
    } else {
      Table t = {6, 0, 0, 0};
      const char *azHead[] = {"year", "chair", "source", "expected", "co-chairs", "note"};
      for (int i = 0; i < 6; i++) table_add(&t, azHead[i]);
      const json_t *aY = json_object_get(p, "years");
      for (size_t i = 0; i < json_array_size(aY); i++) {
        const json_t *y = json_array_get(aY, i);
        char zYear[16];
        snprintf(zYear, sizeof(zYear), "%lld",
                 (long long)json_integer_value(json_object_get(y, "year")));
        Buf co = {0};
        co_chairs_text(y, &co);
        table_add(&t, zYear);
        table_add(&t, or_dash(jstr(y, "chair")));
        table_add(&t, jstr(y, "source"));
        table_add(&t, or_dash(jstr(y, "expected")));
        table_add(&t, or_dash(co.z));
        table_add(&t, json_is_true(json_object_get(y, "breach")) ? "breaks the rotation rule" : "");
        buf_free(&co);
      }
      table_print(&t);
      printf("\n%zu recorded years break the rule\n",
             json_array_size(json_object_get(p, "breaches")));
    }
    json_decref(p);
  }
  db_close(pDb);
  return 0;
}

static void print_status_table(const json_t *p) {
  printf("%s on %s: %s; entry into force %s\n\n", jstr(p, "document"), jstr(p, "on"),
         json_is_true(json_object_get(p, "in_force")) ? "in force" : "not in force",
         or_dash(jstr(p, "entry_into_force")));
  Table t = {4, 0, 0, 0};
  const char *azHead[] = {"party", "status", "since", "entry into force"};
  for (int i = 0; i < 4; i++) table_add(&t, azHead[i]);
  const json_t *aP = json_object_get(p, "parties");
  for (size_t i = 0; i < json_array_size(aP); i++) {
    const json_t *r = json_array_get(aP, i);
    table_add(&t, jstr(r, "party"));
    table_add(&t, jstr(r, "status"));
    table_add(&t, jstr(r, "since"));
    table_add(&t, or_dash(jstr(r, "entry_into_force")));
  }
  table_print(&t);
}

static int cmd_status(Args *a) {
  const Command *pCmd = find_command("status");
  need_positional(pCmd, a, a->bAll ? 0 : 1, a->bAll ? 0 : 1);
  pdate on = flag_date(pCmd, "on", a->zOn);
  Db *pDb = open_registry(a);
  if (a->bAll) {
    if (!a->bJson) usage_error(pCmd, "status --all writes JSON only: add --json");
    query_status_all(pDb, on, stdout);
  } else {
    Buf err = {0};
    json_t *p = must(query_status(pDb, a->azPos[0], on, &err), &err);
    if (a->bJson)
      print_json(p);
    else
      print_status_table(p);
    json_decref(p);
  }
  db_close(pDb);
  return 0;
}

static int cmd_rebuild(Args *a) {
  need_positional(find_command("rebuild"), a, 0, 0);
  Db *pDb = open_registry(a);
  int64_t n = journal_rebuild(pDb);
  if (a->bJson)
    printf("{\"rebuilt\": %lld}\n", (long long)n);
  else
    printf("rebuilt the derived tables from %lld journal entries\n", (long long)n);
  db_close(pDb);
  return 0;
}

static int cmd_list(Args *a) {
  const Command *pCmd = find_command("list");
  need_positional(pCmd, a, 1, 1);
  Kind kind;
  if (kind_parse(a->azPos[0], &kind))
    usage_error(pCmd,
                "unknown kind \"%s\" (expected parties, organizations, bodies, "
                "memberships, chairmanships, documents, sessions, actions, commitments, "
                "assessments)",
                a->azPos[0]);
  Db *pDb = open_registry(a);
  json_t *pList = entity_list(pDb, kind, a->zOrg);
  if (a->bJson) {
    json_t *pOut = json_pack("{s:o}", kind_section(kind), pList);
    print_json(pOut);
    json_decref(pOut);
  } else {
    /* The columns that identify each kind best. */
    static const char *const aazCol[K__COUNT][5] = {
        [K_PARTY] = {"code", "kind", "name", 0},
        [K_ORGANIZATION] = {"id", "name", "founded", 0},
        [K_BODY] = {"id", "organization", "level", "name", 0},
        [K_MEMBERSHIP] = {"organization", "party", "kind", "from", "to"},
        [K_CHAIRMANSHIP] = {"organization", "term", "co_chairs", 0},
        [K_DOCUMENT] = {"id", "organization", "type", "title", 0},
        [K_SESSION] = {"id", "body", "date", "place", "format"},
        [K_ACTION] = {"document", "party", "type", "date", 0},
        [K_COMMITMENT] = {"id", "organization", "deadline", "text", 0},
        [K_ASSESSMENT] = {"commitment", "party", "score", "date", "status"},
    };
    int nCol = 0;
    while (nCol < 5 && aazCol[kind][nCol]) nCol++;
    Table t = {nCol, 0, 0, 0};
    for (int c = 0; c < nCol; c++) table_add(&t, aazCol[kind][c]);
    for (size_t i = 0; i < json_array_size(pList); i++) {
      const json_t *v = json_array_get(pList, i);
      for (int c = 0; c < nCol; c++) {
        const char *zCol = aazCol[kind][c];
        const json_t *pCell = json_object_get(v, zCol);
        if (json_is_object(pCell)) {
          table_add(&t, name_en(v, zCol));
        } else if (json_is_integer(pCell)) {
          char z[32];
          snprintf(z, sizeof(z), "%lld", (long long)json_integer_value(pCell));
          table_add(&t, z);
        } else {
          table_add(&t, json_string_value(pCell));
        }
      }
    }
    table_print(&t);
    json_decref(pList);
  }
  db_close(pDb);
  return 0;
}

static int cmd_show(Args *a) {
  const Command *pCmd = find_command("show");
  need_positional(pCmd, a, 2, 2);
  Kind kind;
  if (kind_parse(a->azPos[0], &kind)) usage_error(pCmd, "unknown kind \"%s\"", a->azPos[0]);
  Db *pDb = open_registry(a);
  json_t *p = entity_get(pDb, kind, a->azPos[1]);
  if (!p) die(EXIT_INPUT, "unknown %s \"%s\"", kind_name(kind), a->azPos[1]);
  if (a->bJson) {
    print_json(p);
  } else {
    const char *zKey;
    json_t *pVal;
    json_object_foreach(p, zKey, pVal) {
      if (json_is_string(pVal)) {
        printf("%-18s %s\n", zKey, json_string_value(pVal));
      } else {
        char *z = json_dumps(pVal, JSON_COMPACT | JSON_ENCODE_ANY);
        printf("%-18s %s\n", zKey, z);
        free(z);
      }
    }
  }
  json_decref(p);
  db_close(pDb);
  return 0;
}

static int cmd_party(Args *a) {
  const Command *pCmd = find_command("party");
  need_positional(pCmd, a, 1, 1);
  pdate on = flag_date(pCmd, "on", a->zOn);
  Db *pDb = open_registry(a);
  Buf err = {0};
  json_t *p = must(query_party(pDb, a->azPos[0], on, this_year(), &err), &err);
  if (a->bJson) {
    print_json(p);
  } else {
    const json_t *pName = json_object_get(p, "name");
    printf("%s  %s%s%s  (%s)\n", a->azPos[0], name_en(p, "name"),
           json_object_get(pName, "ru") ? " / " : "", jstr(pName, "ru"), jstr(p, "kind"));
    printf("\nmemberships\n");
    Table t = {5, 0, 0, 0};
    const char *azM[] = {"organization", "kind", "from", "to", "on " /* + date */};
    for (int i = 0; i < 4; i++) table_add(&t, azM[i]);
    table_add(&t, "member on the date");
    const json_t *aM = json_object_get(p, "memberships");
    for (size_t i = 0; i < json_array_size(aM); i++) {
      const json_t *m = json_array_get(aM, i);
      table_add(&t, jstr(m, "organization"));
      table_add(&t, jstr(m, "kind"));
      table_add(&t, jstr(m, "from"));
      table_add(&t, or_dash(jstr(m, "to")));
      table_add(&t, json_is_true(json_object_get(m, "current")) ? "yes" : "no");
    }
    table_print(&t);
    printf("\nchairs held\n");
    const json_t *aC = json_object_get(p, "chairs");
    for (size_t i = 0; i < json_array_size(aC); i++) {
      const json_t *c = json_array_get(aC, i);
      printf("  %s %lld (%s)\n", jstr(c, "organization"),
             (long long)json_integer_value(json_object_get(c, "year")), jstr(c, "source"));
    }
    if (!json_array_size(aC)) printf("  none\n");
    printf("\ndocuments on %s\n", jstr(p, "on"));
    Table d = {5, 0, 0, 0};
    const char *azD[] = {"document", "status", "since", "entry into force", "title"};
    for (int i = 0; i < 5; i++) table_add(&d, azD[i]);
    const json_t *aD = json_object_get(p, "documents");
    for (size_t i = 0; i < json_array_size(aD); i++) {
      const json_t *r = json_array_get(aD, i);
      table_add(&d, jstr(r, "document"));
      table_add(&d, jstr(r, "status"));
      table_add(&d, jstr(r, "since"));
      table_add(&d, or_dash(jstr(r, "entry_into_force")));
      table_add(&d, name_en(r, "title"));
    }
    table_print(&d);
  }
  json_decref(p);
  db_close(pDb);
  return 0;
}

static int cmd_retract(Args *a) {
  const Command *pCmd = find_command("retract");
  need_positional(pCmd, a, 2, 2);
  Kind kind;
  if (kind_parse(a->azPos[0], &kind)) usage_error(pCmd, "unknown kind \"%s\"", a->azPos[0]);
  Db *pDb = open_registry(a);
  Buf why = {0};
  if (entity_referrer(pDb, kind, a->azPos[1], &why))
    die(EXIT_INPUT, "%s %s is still referred to by %s; retract that first (nothing was retracted)",
        kind_name(kind), a->azPos[1], why.z);
  Journal j;
  if (journal_begin(&j, pDb, actor(a)))
    die(EXIT_INPUT, "the registry is busy (another writer holds it); nothing was retracted");
  int64_t seq = journal_retract(&j, kind, a->azPos[1]);
  if (!seq) {
    journal_rollback(&j);
    die(EXIT_INPUT, "unknown %s \"%s\"; nothing was retracted", kind_name(kind), a->azPos[1]);
  }
  journal_commit(&j);
  if (a->bJson)
    printf("{\"retracted\": \"%s\", \"journal\": %lld}\n", a->azPos[1], (long long)seq);
  else
    printf("retracted %s %s as journal entry %lld\n", kind_name(kind), a->azPos[1], (long long)seq);
  db_close(pDb);
  return 0;
}

static int cmd_journal(Args *a) {
  const Command *pCmd = find_command("journal");
  need_positional(pCmd, a, 0, 0);
  long long after = a->zAfter ? atoll(a->zAfter) : 0;
  long long limit = a->zLimit ? atoll(a->zLimit) : 50;
  Db *pDb = open_registry(a);
  sqlite3_stmt *p = db_stmt(pDb, "SELECT seq, record, hash FROM journal WHERE seq>?1 "
                                 "ORDER BY seq LIMIT ?2");
  sqlite3_bind_int64(p, 1, after);
  sqlite3_bind_int64(p, 2, limit);
  Table t = {6, 0, 0, 0};
  const char *azHead[] = {"seq", "time", "actor", "op", "kind", "key"};
  for (int i = 0; i < 6; i++) table_add(&t, azHead[i]);
  json_t *aOut = json_array();
  while (db_step_row(pDb, p)) {
    json_t *pRec = json_loads((const char *)sqlite3_column_text(p, 1), 0, 0);
    char zHash[65];
    hex_encode(sqlite3_column_blob(p, 2), 32, zHash);
    if (a->bJson) {
      json_object_set_new(pRec, "sha256", json_string(zHash));
      json_array_append(aOut, pRec);
    } else {
      char zSeq[24];
      snprintf(zSeq, sizeof(zSeq), "%lld", (long long)sqlite3_column_int64(p, 0));
      table_add(&t, zSeq);
      table_add(&t, jstr(pRec, "time"));
      table_add(&t, jstr(pRec, "actor"));
      table_add(&t, jstr(pRec, "op"));
      table_add(&t, jstr(pRec, "kind"));
      table_add(&t, jstr(pRec, "key"));
    }
    json_decref(pRec);
  }
  sqlite3_reset(p);
  if (a->bJson) {
    json_t *pOut = json_pack("{s:o}", "entries", aOut);
    print_json(pOut);
    json_decref(pOut);
    for (int i = 0; i < t.nCell; i++) free(t.azCell[i]);
    free(t.azCell);
  } else {
    json_decref(aOut);
    table_print(&t);
  }
  db_close(pDb);
  return 0;
}

static int cmd_serve(Args *a) {
  const Command *pCmd = find_command("serve");
  need_positional(pCmd, a, 0, 0);
  long nThread = a->zThreads ? strtol(a->zThreads, 0, 10) : sysconf(_SC_NPROCESSORS_ONLN);
  if (nThread < 1 || nThread > 256) usage_error(pCmd, "--threads: expected 1 to 256");
  return server_run(a->zDb, a->zListen ? a->zListen : "127.0.0.1:8080", (int)nThread, a->bQuiet);
}

static int cmd_token(Args *a) {
  const Command *pCmd = find_command("token");
  need_positional(pCmd, a, 1, 2);
  const char *zSub = a->azPos[0];
  Db *pDb = open_registry(a);
  int rc = 0;
  if (strcmp(zSub, "create") == 0) {
    need_positional(pCmd, a, 1, 1);
    Buf err = {0};
    char *zSecret = auth_token_create(pDb, a->zRole, a->zParty, a->zName, &err);
    if (!zSecret) {
      db_close(pDb);
      usage_error(pCmd, "%s", err.z);
    }
    if (a->bJson)
      printf("{\"token\": \"%s\"}\n", zSecret);
    else
      printf("%s\n(shown once: pacta keeps only its SHA-256)\n", zSecret);
    free(zSecret);
  } else if (strcmp(zSub, "list") == 0) {
    json_t *p = auth_token_list(pDb);
    if (a->bJson) {
      json_t *pOut = json_pack("{s:o}", "tokens", p);
      print_json(pOut);
      json_decref(pOut);
    } else {
      Table t = {5, 0, 0, 0};
      const char *azHead[] = {"name", "role", "party", "created", "revoked"};
      for (int i = 0; i < 5; i++) table_add(&t, azHead[i]);
      for (size_t i = 0; i < json_array_size(p); i++)
        for (int k = 0; k < 5; k++) table_add(&t, or_dash(jstr(json_array_get(p, i), azHead[k])));
      table_print(&t);
      json_decref(p);
    }
  } else if (strcmp(zSub, "revoke") == 0) {
    need_positional(pCmd, a, 2, 2);
    if (!auth_token_revoke(pDb, a->azPos[1])) {
      db_close(pDb);
      die(EXIT_INPUT, "no live token named \"%s\"", a->azPos[1]);
    }
    printf(a->bJson ? "{\"revoked\": \"%s\"}\n" : "revoked %s\n", a->azPos[1]);
  } else {
    db_close(pDb);
    usage_error(pCmd, "expected create, list or revoke, got \"%s\"", zSub);
  }
  db_close(pDb);
  return rc;
}

static int cmd_help(Args *a);

/* The verifiable log's commands (logcmd.c) parse their own arguments. */
static int cmd_key(Args *a) {
  return logcmd_key(a->zDb, a->bJson, &a->cli);
}
static int cmd_log(Args *a) {
  return logcmd_log(a->zDb, a->bJson, &a->cli);
}
static int cmd_merkle(Args *a) {
  return logcmd_merkle(a->zDb, a->bJson, &a->cli);
}
static int cmd_verify(Args *a) {
  return logcmd_verify(a->zDb, a->bJson, &a->cli);
}
/* Full-text search (search.c) parses its own arguments. */
static int cmd_search(Args *a) {
  return search_command(a->zDb, a->bJson, &a->cli);
}

/* Ingest (ingest.c) parses its own arguments: --load, --yes, --date, --place. */
static int cmd_ingest(Args *a) {
  return ingest_command(a->zDb, actor(a), a->bJson, &a->cli);
}

static int cmd_minutes(Args *a) {
  const Command *pCmd = find_command("minutes");
  need_positional(pCmd, a, 1, 1);
  const char *zFormat = a->zFormat ? a->zFormat : "html";
  if (strcmp(zFormat, "html") != 0 && strcmp(zFormat, "md") != 0)
    usage_error(pCmd, "--format: expected html or md, got \"%s\"", zFormat);
  Db *pDb = open_registry(a);
  Buf b = {0};
  if (!publish_minutes(pDb, a->azPos[0], strcmp(zFormat, "md") == 0, &b))
    die(EXIT_INPUT, "no session \"%s\"", a->azPos[0]);
  fwrite(b.z ? b.z : "", 1, b.n, stdout);
  buf_free(&b);
  db_close(pDb);
  return 0;
}

static const Command aCommand[] = {
    {"chair", cmd_chair, "chair ORG [--year Y] [--json]", "year=",
     "The rotating chair of an organization. With --year: that year's chair\n"
     "(recorded decision or computed by the rotation rule), the chair the rule\n"
     "expects, and the co-chairs (previous and next). Without it: every year from\n"
     "the first recorded one to next year, flagging the recorded years whose chair\n"
     "breaks the rotation rule."},
    {"compliance", cmd_compliance,
     "compliance ORG [--on DATE] [--from DATE --to DATE [--previous-from DATE "
     "--previous-to DATE]] [--json]",
     "on= from= to= previous-from= previous-to=",
     "Compliance with the organization's commitments (G7/G20 Research Group\n"
     "method): each party's current score on each commitment is its latest\n"
     "assessment dated on or before the date; averages per party, commitment,\n"
     "body, category and overall ignore missing scores; percent = (average+1)x50.\n"
     "A plan's average is the mean of its items'. Self-reports are shown, never\n"
     "averaged. --from/--to: a report period (only assessments dated within it);\n"
     "--previous-from/--previous-to: the change since an earlier period. Lists\n"
     "overdue commitments (deadline passed, not fully met)."},
    {"export", cmd_export, "export [--format json|csv|ics] [--org ORG]", "format= org=",
     "Write the registry in the interchange format (json, the default), or its\n"
     "actions as CSV. `pacta load` of the JSON into an empty registry gives the\n"
     "same registry. ics: an iCalendar (RFC 5545) of sessions, announced next\n"
     "sessions and commitment deadlines (--org keeps one organization's)."},
    {"help", cmd_help, "help [COMMAND]", "", "Show the commands, or one command's help."},
    {"ingest", cmd_ingest,
     "ingest FILE... [--json] [--load [--yes]] [--date YYYY-MM-DD] [--place CITY]",
     "load yes date= place=",
     "Draft a session record from each press release (plain text or HTML,\n"
     "English or Russian): body, date, place, format, attendance, documents\n"
     "adopted, next session, with each field's text span and confidence. Writes\n"
     "nothing unless --load (asks to confirm; --yes for scripts).\n"
     "--date, --place (with one FILE): the session's date or place as you know\n"
     "it, for a release that does not give it (or gives it wrong); it wins over\n"
     "the text. A draft without a date is not loaded; on a terminal --load asks\n"
     "for the date."},
    {"init", cmd_init, "init [--sample]", "sample",
     "Create a new registry (the --db file, default $PACTA_DB or ./pacta.db).\n"
     "--sample loads the bundled real sample registry: the CIS, CSTO, EAEU and\n"
     "Union State with their members, bodies, chairs, sessions and documents."},
    {"journal", cmd_journal, "journal [--after SEQ] [--limit N] [--json]", "after= limit=",
     "List journal entries after SEQ (default 0), at most N (default 50). With\n"
     "--json each entry's canonical record and its SHA-256."},
    {"key", cmd_key, "key generate NAME [--out PREFIX]", "out=",
     "Make an Ed25519 key pair for signing checkpoints (the depositary) or\n"
     "cosigning them (a witness): PREFIX.key (private, mode 0600, never in the\n"
     "registry) and PREFIX.pub, the verifier key NAME+KEYHASH+BASE64KEY to hand\n"
     "out. PREFIX defaults to NAME with '/' as '-'. The formats are C2SP\n"
     "signed-note's (and Go's sumdb/note's). See docs/verifiable-log.md."},
    {"list", cmd_list, "list KIND [--org ORG] [--json]", "org=",
     "List the live entities of a kind: parties, organizations, bodies,\n"
     "memberships, chairmanships, documents, sessions, actions, commitments,\n"
     "assessments. --org keeps one organization's."},
    {"load", cmd_load, "load FILE... [--json]", "",
     "Validate interchange files and load them through the journal: all or\n"
     "nothing, and a second load of the same files adds nothing. Every error names\n"
     "the file, the JSON path and what was expected."},
    {"log", cmd_log, "log checkpoint|cosign|proof|root|tiles ...",
     "key= origin= out= log-key= registry= old-checkpoint= index= size= from= to=",
     "log checkpoint --key FILE [--origin O] [--out FILE]\n"
     "log proof inclusion --index I [--size N] [--json]\n"
     "log proof consistency --from M [--to N] [--json]\n"
     "log root [--size N] [--json]\n"
     "log tiles --out DIR [--key FILE]\n"
     "log cosign --key FILE [--log-key PUB] [--registry DB|DIR] [--old-checkpoint FILE]\n"
     "           [--out FILE] CHECKPOINT\n\n"
     "The journal as an RFC 6962 Merkle log, one leaf per journal entry.\n"
     "checkpoint: sign the whole log's size and root hash as a C2SP checkpoint\n"
     "  (origin: --origin, else the one recorded by the first checkpoint, else the\n"
     "  key's name), keep it for the server and print it.\n"
     "proof inclusion / consistency: RFC 6962 proofs, hashes in base64 (--json).\n"
     "root: the root hash of the first N entries (default all).\n"
     "tiles: write the log as C2SP tlog-tiles under DIR (tiles, entry bundles,\n"
     "  checkpoint) for any static web server; --key signs a fresh checkpoint.\n"
     "cosign: a witness checks a checkpoint (the log's signature with --log-key,\n"
     "  and/or that it matches its own copy of the registry or tiles) and prints it\n"
     "  with its own signature line added. See docs/verifiable-log.md."},
    {"members", cmd_members, "members ORG [--on DATE] [--json]", "on=",
     "The members of an organization on a date (default today), with the kind\n"
     "of membership and since when."},
    {"merkle", cmd_merkle, "merkle root | merkle inclusion INDEX | merkle consistency OLD", "",
     "RFC 6962 on leaves read as hex, one per line, from standard input (an\n"
     "empty line is the empty leaf): the root hash, the inclusion proof of leaf\n"
     "INDEX (0-based), or the consistency proof from the first OLD leaves, one\n"
     "hex hash per line. For checking against other implementations."},
    {"minutes", cmd_minutes, "minutes SESSION [--format html|md]", "format=",
     "The minutes of a session generated from the record: attendance and level\n"
     "of representation, absent parties, documents adopted, actions taken at the\n"
     "session, commitments given and the next session, as printable HTML (the\n"
     "default) or Markdown."},
    {"party", cmd_party, "party CODE [--on DATE] [--json]", "on=",
     "A party's profile: memberships over time, chairs held, and its status in\n"
     "every document on a date (default today)."},
    {"rebuild", cmd_rebuild, "rebuild [--json]", "",
     "Check every journal entry against its SHA-256 and regenerate every\n"
     "derived table from the journal, the Merkle log included."},
    {"retract", cmd_retract, "retract KIND KEY [--json]", "",
     "Retract one entity: a new journal entry; nothing is deleted from the\n"
     "journal. KEY is the id, the party code, or for memberships ORG|PARTY|FROM\n"
     "and for actions DOCUMENT|PARTY|TYPE|DATE."},
    {"search", cmd_search,
     "search QUERY [--kind K] [--org ORG] [--body B] [--type T] [--party P] [--from DATE]\n"
     "       [--to DATE] [--limit N] [--offset N] [--facets] [--json]",
     "kind= org= body= type= party= from= to= limit= offset= facets bench-queries=",
     "Search documents, sessions, commitments, assessments, parties, bodies and\n"
     "organizations by their words in English or Russian (case-folded, stemmed:\n"
     "'ratified' finds 'ratification', 'ратифицировал' finds 'ратификация').\n"
     "Every word must occur; 'word*' is a prefix; OR between two words takes\n"
     "either. Ranked by bm25, with snippets whose matches are in [brackets].\n"
     "--json: {\"query\", \"results\": [{\"kind\", \"id\", \"title\", \"snippet\",\n"
     "\"score\", ...}], \"total\"} (--facets adds counts by kind and organization).\n"
     "See docs/search.md."},
    {"serve", cmd_serve, "serve [--listen ADDR:PORT] [--threads N] [--quiet]",
     "listen= threads= quiet",
     "Serve the JSON API under /api/v1/ and the web pages at / (default\n"
     "127.0.0.1:8080, one thread per core). Reads are public; writes need\n"
     "Authorization: Bearer TOKEN (see 'pacta token'). An access log goes to\n"
     "stderr unless --quiet. SIGINT or SIGTERM stops it cleanly."},
    {"show", cmd_show, "show KIND KEY [--json]", "", "Show one entity as recorded."},
    {"status", cmd_status, "status DOC [--on DATE] [--json] | status --all --json [--on DATE]",
     "on= all",
     "A document's entry into force and every party's status on a date (default\n"
     "today), computed from the document's entry-into-force clause and the dated\n"
     "actions. --all: every document, as one JSON document."},
    {"token", cmd_token,
     "token create --role depositary|delegate [--party CODE] --name NAME | token list | "
     "token revoke NAME",
     "role= party= name=",
     "Manage API tokens. create prints the secret once; the registry keeps only\n"
     "its SHA-256. A depositary token may write anything; a delegate token (of\n"
     "one party) only that party's notifications, instruments, reservations,\n"
     "declarations and withdrawals. Every write is journaled under the token's name."},
    {"verify", cmd_verify,
     "verify --checkpoint FILE --key PUB [--key PUB ...] [--old-checkpoint FILE] "
     "[--registry DB | REGISTRY | EXPORT_DIR]",
     "checkpoint= key= old-checkpoint= registry=",
     "Check offline that a registry (default --db) or a 'pacta log tiles' export\n"
     "is exactly the log a signed checkpoint commits to: the signatures (which of\n"
     "the given keys signed), every journal entry against its own SHA-256 and the\n"
     "log's leaf hash (or the export's tiles), and the recomputed root. With\n"
     "--old-checkpoint, also that the old checkpoint is a prefix of the new one.\n"
     "Names the first entry that does not match. Exit 0 only when all holds."},
};

static const Command *find_command(const char *zName) {
  for (size_t i = 0; i < sizeof(aCommand) / sizeof(aCommand[0]); i++)
    if (strcmp(aCommand[i].zName, zName) == 0) return &aCommand[i];
  return 0;
}

static void print_overview(FILE *f) {
  fprintf(f,
          "pacta %s: a registry of treaties, memberships, chairs and sessions\n\n"
          "usage: pacta [--db FILE] [--actor NAME] COMMAND [ARGS] [--json]\n\n"
          "commands:\n",
          PACTA_VERSION);
  for (size_t i = 0; i < sizeof(aCommand) / sizeof(aCommand[0]); i++)
    fprintf(f, "  %s\n", aCommand[i].zUsage);
  fprintf(f, "\nThe registry is --db FILE, else $PACTA_DB, else ./pacta.db.\n"
             "Exit status: 0 ok, 1 bad input or failed check, 2 usage error.\n"
             "'pacta help COMMAND' tells more.\n");
}

static int cmd_help(Args *a) {
  if (a->nPos == 0) {
    print_overview(stdout);
    return 0;
  }
  const Command *p = find_command(a->azPos[0]);
  if (!p) usage_error(0, "no command \"%s\" (see 'pacta help')", a->azPos[0]);
  printf("usage: pacta %s\n\n%s\n", p->zUsage, p->zHelp);
  return 0;
}

int pacta_main(int argc, char **argv) {
  Args a;
  memset(&a, 0, sizeof(a));
  a.zDb = getenv("PACTA_DB");
  if (!a.zDb || !*a.zDb) a.zDb = "pacta.db";
  int i = 1;
  /* Global options before the command. */
  for (; i < argc && argv[i][0] == '-'; i++) {
    const char *z = argv[i];
    if (strcmp(z, "--version") == 0) {
      printf("pacta %s (SQLite %s, jansson %s)\n", PACTA_VERSION, sqlite3_libversion(),
             JANSSON_VERSION);
      return 0;
    }
    if (strcmp(z, "--help") == 0 || strcmp(z, "-h") == 0) {
      print_overview(stdout);
      return 0;
    }
    if ((strcmp(z, "--db") == 0 || strcmp(z, "--actor") == 0) && i + 1 < argc) {
      set_flag(&a, z + 2, argv[++i]);
    } else if (strncmp(z, "--db=", 5) == 0 || strncmp(z, "--actor=", 8) == 0) {
      const char *zEq = strchr(z, '=');
      char zName[8];
      snprintf(zName, sizeof(zName), "%.*s", (int)(zEq - z - 2), z + 2);
      set_flag(&a, zName, zEq + 1);
    } else if (strcmp(z, "--json") == 0) {
      a.bJson = true;
    } else {
      usage_error(0, "unknown option %s (see 'pacta help')", z);
    }
  }
  if (i >= argc) {
    print_overview(stderr);
    return EXIT_USAGE;
  }
  const Command *pCmd = find_command(argv[i]);
  if (!pCmd) usage_error(0, "no command \"%s\" (see 'pacta help')", argv[i]);
  parse_args(pCmd, argc - i - 1, argv + i + 1, &a);
  if (!*a.zDb) usage_error(pCmd, "--db needs a file name");
  int rc = pCmd->xRun(&a);
  cli_free(&a.cli);
  return rc;
}
