/*
** The registry's questions (cmd.h): members, chair, status, party,
** compliance, and browsing with list and show. Each prints the query's JSON
** with --json, else text tables.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "cmd.h"
#include "compliance.h"
#include "entity.h"
#include "fields.h"
#include "i18n.h"
#include "kind.h"
#include "output.h"
#include "registry.h"

/* The entity a question is about, or exit 1 naming it in the language of
** the command line (the query would refuse it in English). */
static void need(Db *pDb, Kind kind, const char *zKey) {
  if (entity_seq(pDb, kind, zKey) == 0)
    die(EXIT_INPUT, _("unknown %s \"%s\""), code_label(kind_name(kind)), zKey);
}

/* ---- members, compliance -------------------------------------------------- */

static void print_members(Db *pDb, const json_t *p, const char *zOrg) {
  const json_t *aM = json_object_get(p, "members");
  Buf n = {0};
  i18n_plural(&n, _("{0, plural, one{# member} other{# members}}"), (long long)json_array_size(aM));
  /* TRANSLATORS: an organization, a date YYYY-MM-DD and "12 members". */
  printf(_("%s on %s: %s\n\n"), zOrg, dflt(str(p, "on"), ""), n.z);
  buf_free(&n);
  Table t = {4, 0, 0, 0};
  const char *azHead[] = {P_("column", "party"), P_("column", "name"), P_("column", "kind"),
                          P_("column", "since")};
  table_head(&t, 4, azHead);
  for (size_t i = 0; i < json_array_size(aM); i++) {
    const json_t *m = json_array_get(aM, i);
    json_t *pParty = entity_get(pDb, K_PARTY, dflt(str(m, "party"), ""));
    table_add(&t, str(m, "party"));
    table_add(&t, cli_name(json_object_get(pParty, "name"), ""));
    table_add(&t, code_label(str(m, "kind")));
    table_add(&t, str(m, "since"));
    json_decref(pParty);
  }
  table_print(&t);
}

int cmd_members(Args *a) {
  cli_need_pos(&a->cli, 1, 1);
  pdate on = arg_date(a, "on", a->zOn);
  Db *pDb = open_registry(a);
  need(pDb, K_ORGANIZATION, a->azPos[0]);
  Buf err = {0};
  json_t *p = must(query_members(pDb, a->azPos[0], on, &err), &err);
  if (a->bJson)
    print_json(p);
  else
    print_members(pDb, p, a->azPos[0]);
  json_decref(p);
  db_close(pDb);
  return 0;
}

/* An average and its percent as two cells ("+0.400", "70.00 %"), "-" when
** nothing is scored. */
static void add_average(Table *t, const json_t *pRow) {
  const json_t *pA = json_object_get(pRow, "average");
  char z[32];
  if (!json_is_number(pA)) {
    table_add(t, "-");
    table_add(t, "-");
    return;
  }
  snprintf(z, sizeof(z), "%+.3f", json_number_value(pA));
  table_add(t, z);
  snprintf(z, sizeof(z), "%.2f %%", json_number_value(json_object_get(pRow, "percent")));
  table_add(t, z);
}

static void add_count(Table *t, long long n) {
  char z[24];
  snprintf(z, sizeof(z), "%lld", n);
  table_add(t, z);
}

static void print_compliance(const json_t *p) {
  const json_t *pPeriod = json_object_get(p, "period"), *pAll = json_object_get(p, "overall");
  /* TRANSLATORS: an organization and a date YYYY-MM-DD. */
  printf(_("Compliance: %s on %s"), dflt(str(p, "organization"), ""), dflt(str(p, "on"), ""));
  if (pPeriod) /* TRANSLATORS: the report period, two dates YYYY-MM-DD. */
    printf(_(" (period %s to %s)"), dflt(str(pPeriod, "from"), ""), dflt(str(pPeriod, "to"), ""));
  Buf n = {0};
  i18n_plural(&n, _("{0, plural, one{# score} other{# scores}}"),
              (long long)json_integer_value(json_object_get(pAll, "scored")));
  if (json_is_number(json_object_get(pAll, "average")))
    /* TRANSLATORS: the average (+0.400), the percent (70.00) and "5 scores". */
    printf(_("\n\nOverall: %+.3f, %.2f %% (%s)\n\n"),
           json_number_value(json_object_get(pAll, "average")),
           json_number_value(json_object_get(pAll, "percent")), n.z);
  else
    printf(_("\n\nOverall: - (%s)\n\n"), n.z);
  buf_free(&n);
  Table t = {5, 0, 0, 0};
  const char *azParty[] = {P_("column", "party"), P_("column", "average"), P_("column", "percent"),
                           P_("column", "scored"), P_("column", "self-reports")};
  table_head(&t, 5, azParty);
  const json_t *a = json_object_get(p, "parties");
  for (size_t i = 0; i < json_array_size(a); i++) {
    const json_t *r = json_array_get(a, i);
    table_add(&t, str(r, "party"));
    add_average(&t, r);
    add_count(&t, (long long)json_integer_value(json_object_get(r, "scored")));
    add_count(&t, (long long)json_array_size(json_object_get(r, "self_reports")));
  }
  table_print(&t);
  putchar('\n');
  t = (Table){5, 0, 0, 0};
  const char *azCommitment[] = {P_("column", "commitment"), P_("column", "average"),
                                P_("column", "percent"), P_("column", "scored"),
                                P_("column", "deadline")};
  table_head(&t, 5, azCommitment);
  a = json_object_get(p, "commitments");
  for (size_t i = 0; i < json_array_size(a); i++) {
    const json_t *r = json_array_get(a, i);
    Buf id = {0};
    buf_printf(&id, "%s%s", str(r, "parent") ? "  " : "", dflt(str(r, "commitment"), ""));
    table_add(&t, id.z);
    buf_free(&id);
    add_average(&t, r);
    add_count(&t, (long long)json_integer_value(json_object_get(r, "scored")));
    table_add(&t, dflt(str(r, "deadline"), "-"));
  }
  table_print(&t);
  a = json_object_get(p, "overdue");
  printf(_("\nOverdue: %zu\n"), json_array_size(a));
  for (size_t i = 0; i < json_array_size(a); i++) {
    const json_t *r = json_array_get(a, i), *aP = json_object_get(r, "parties");
    Buf who = {0};
    for (size_t k = 0; k < json_array_size(aP); k++)
      buf_printf(&who, "%s%s", k ? ", " : "", json_string_value(json_array_get(aP, k)));
    printf("  %s: ", dflt(str(r, "commitment"), ""));
    if (who.z)
      printf(_("deadline %s; not fully met by %s"), dflt(str(r, "deadline"), ""), who.z);
    else
      printf(_("deadline %s; no addressees"), dflt(str(r, "deadline"), ""));
    putchar('\n');
    buf_free(&who);
  }
  const json_t *pChange = json_object_get(p, "change");
  const json_t *pPrev = json_object_get(pChange, "previous");
  if (json_is_number(json_object_get(pChange, "percent")))
    /* TRANSLATORS: the earlier period (two dates) and the change in percentage points. */
    printf(_("\nChange since the period %s to %s: %+.2f percentage points\n"),
           dflt(str(pPrev, "from"), ""), dflt(str(pPrev, "to"), ""),
           json_number_value(json_object_get(pChange, "percent")));
}

int cmd_compliance(Args *a) {
  const Cli *c = &a->cli;
  cli_need_pos(c, 1, 1);
  if ((a->zPrevFrom != 0) != (a->zPrevTo != 0))
    cli_fail(c, _("--previous-from and --previous-to go together"));
  if (a->zTo && a->zOn) cli_fail(c, _("--to is the date of the report: give --on or --to"));
  if (a->zPrevFrom && !a->zFrom) cli_fail(c, _("--previous-from needs a period (--from)"));
  ComplianceOpts opt = {a->zFrom ? arg_date(a, "from", a->zFrom) : DATE_NONE,
                        a->zPrevFrom ? arg_date(a, "previous-from", a->zPrevFrom) : DATE_NONE,
                        a->zPrevTo ? arg_date(a, "previous-to", a->zPrevTo) : DATE_NONE};
  pdate on = a->zTo ? arg_date(a, "to", a->zTo) : arg_date(a, "on", a->zOn);
  if (opt.from != DATE_NONE && opt.from > on) cli_fail(c, _("--from is after the period's end"));
  Db *pDb = open_registry(a);
  need(pDb, K_ORGANIZATION, a->azPos[0]);
  Buf err = {0};
  json_t *p = must(query_compliance(pDb, a->azPos[0], on, &opt, &err), &err);
  if (a->bJson)
    print_json(p);
  else
    print_compliance(p);
  json_decref(p);
  db_close(pDb);
  return 0;
}

/* ---- chair ------------------------------------------------------------------ */

static void co_chairs_text(const json_t *pYear, Buf *pOut) {
  const json_t *aCo = json_object_get(pYear, "co_chairs");
  for (size_t i = 0; i < json_array_size(aCo); i++)
    buf_printf(pOut, "%s%s", i ? ", " : "", json_string_value(json_array_get(aCo, i)));
}

static void print_chair_year(const json_t *p, const char *zOrg) {
  Buf co = {0};
  co_chairs_text(p, &co);
  printf(_("%s %lld: chair %s (%s), expected by the rule %s, co-chairs %s\n"), zOrg,
         (long long)json_integer_value(json_object_get(p, "year")), dflt(str(p, "chair"), "-"),
         dflt(code_label(str(p, "source")), ""), dflt(str(p, "expected"), "-"), dflt(co.z, "-"));
  buf_free(&co);
}

static void print_chair_history(const json_t *p) {
  Table t = {6, 0, 0, 0};
  const char *azHead[] = {P_("column", "year"),      P_("column", "chair"),
                          P_("column", "source"),    P_("column", "expected"),
                          P_("column", "co-chairs"), P_("column", "note")};
  table_head(&t, 6, azHead);
  const json_t *aY = json_object_get(p, "years");
  for (size_t i = 0; i < json_array_size(aY); i++) {
    const json_t *y = json_array_get(aY, i);
    char zYear[16];
    snprintf(zYear, sizeof(zYear), "%lld",
             (long long)json_integer_value(json_object_get(y, "year")));
    Buf co = {0};
    co_chairs_text(y, &co);
    table_add(&t, zYear);
    table_add(&t, dflt(str(y, "chair"), "-"));
    table_add(&t, code_label(str(y, "source")));
    table_add(&t, dflt(str(y, "expected"), "-"));
    table_add(&t, dflt(co.z, "-"));
    table_add(&t, json_is_true(json_object_get(y, "breach")) ? _("breaks the rotation rule") : "");
    buf_free(&co);
  }
  table_print(&t);
  Buf b = {0};
  i18n_plural(&b,
              _("{0, plural, one{# recorded year breaks the rule} other{# recorded years break "
                "the rule}}"),
              (long long)json_array_size(json_object_get(p, "breaches")));
  printf("\n%s\n", b.z);
  buf_free(&b);
}

int cmd_chair(Args *a) {
  cli_need_pos(&a->cli, 1, 1);
  int year = a->zYear ? arg_year(a, a->zYear) : 0;
  Db *pDb = open_registry(a);
  need(pDb, K_ORGANIZATION, a->azPos[0]);
  Buf err = {0};
  json_t *p;
  if (a->zYear)
    p = must(query_chair(pDb, a->azPos[0], year, &err), &err);
  else
    p = must(query_chair_history(pDb, a->azPos[0], this_year(), &err), &err);
  if (a->bJson)
    print_json(p);
  else if (a->zYear)
    print_chair_year(p, a->azPos[0]);
  else
    print_chair_history(p);
  json_decref(p);
  db_close(pDb);
  return 0;
}

/* ---- check -------------------------------------------------------------------- */

/* Every consistency check over the whole registry (checks.h); exit 1 when
** one finds an error. --list: the checks themselves. */
int cmd_check(Args *a) {
  cli_need_pos(&a->cli, 0, 0);
  json_in_english(a->bJson);
  if (cli_get(&a->cli, "list")) {
    json_t *aOut = json_array();
    Table t = {4, 0, 0, 0};
    const char *azHead[] = {P_("column", "code"), P_("column", "severity"), P_("column", "kind"),
                            P_("column", "what it finds")};
    table_head(&t, 4, azHead);
    for (int i = 0; i < nCheckDef; i++) {
      const CheckDef *d = &aCheckDef[i];
      const char *zKind = d->kind == K__COUNT ? "any" : kind_name(d->kind);
      json_array_append_new(aOut, json_pack("{s:s, s:s, s:s, s:s}", "code", d->zCode, "severity",
                                            check_severity_name(d->severity), "kind", zKind,
                                            "description", d->zWhat));
      table_add(&t, d->zCode);
      table_add(&t, code_label(check_severity_name(d->severity)));
      table_add(&t, code_label(zKind));
      table_add(&t, _(d->zWhat));
    }
    if (a->bJson) {
      table_free(&t);
      print_json_new(json_pack("{s:o}", "checks", aOut));
    } else {
      json_decref(aOut);
      table_print(&t);
    }
    return 0;
  }
  Db *pDb = open_registry(a);
  json_t *aFinding = checks_all(pDb, date_today());
  int nError = 0;
  size_t i;
  json_t *p;
  json_array_foreach(aFinding, i, p) nError += strcmp(str(p, "severity"), "error") == 0;
  size_t nWarning = json_array_size(aFinding) - (size_t)nError;
  if (a->bJson) {
    print_json_new(json_pack("{s:O}", "findings", aFinding));
  } else {
    json_array_foreach(aFinding, i, p) {
      char *zLine = check_finding_line(p);
      printf("%s\n", zLine);
      xfree(zLine);
    }
    Buf e = {0}, w = {0};
    i18n_plural(&e, _("{0, plural, one{# error} other{# errors}}"), nError);
    i18n_plural(&w, _("{0, plural, one{# warning} other{# warnings}}"), (long long)nWarning);
    printf("%s%s, %s\n", json_array_size(aFinding) ? "\n" : "", e.z, w.z);
    buf_free(&e);
    buf_free(&w);
  }
  json_decref(aFinding);
  db_close(pDb);
  return nError ? 1 : 0;
}

/* ---- status, party ---------------------------------------------------------- */

static void print_status_table(const json_t *p) {
  if (json_is_true(json_object_get(p, "in_force")))
    printf(_("%s on %s: in force; entry into force %s\n\n"), dflt(str(p, "document"), ""),
           dflt(str(p, "on"), ""), dflt(str(p, "entry_into_force"), "-"));
  else
    printf(_("%s on %s: not in force; entry into force %s\n\n"), dflt(str(p, "document"), ""),
           dflt(str(p, "on"), ""), dflt(str(p, "entry_into_force"), "-"));
  Table t = {4, 0, 0, 0};
  const char *azHead[] = {P_("column", "party"), P_("column", "status"), P_("column", "since"),
                          P_("column", "entry into force")};
  table_head(&t, 4, azHead);
  const json_t *aP = json_object_get(p, "parties");
  for (size_t i = 0; i < json_array_size(aP); i++) {
    const json_t *r = json_array_get(aP, i);
    table_add(&t, str(r, "party"));
    table_add(&t, code_label(str(r, "status")));
    table_add(&t, str(r, "since"));
    table_add(&t, dflt(str(r, "entry_into_force"), "-"));
  }
  table_print(&t);
}

int cmd_status(Args *a) {
  cli_need_pos(&a->cli, a->bAll ? 0 : 1, a->bAll ? 0 : 1);
  pdate on = arg_date(a, "on", a->zOn);
  Db *pDb = open_registry(a);
  if (a->bAll) {
    if (!a->bJson) cli_fail(&a->cli, _("status --all writes JSON only: add --json"));
    query_status_all(pDb, on, stdout);
  } else {
    need(pDb, K_DOCUMENT, a->azPos[0]);
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

static void print_party(const json_t *p, const char *zCode) {
  const json_t *pName = json_object_get(p, "name");
  printf("%s  %s%s%s  (%s)\n", zCode, name_en(pName, ""), json_object_get(pName, "ru") ? " / " : "",
         dflt(str(pName, "ru"), ""), dflt(code_label(str(p, "kind")), ""));
  printf("\n%s\n", _("memberships"));
  Table t = {5, 0, 0, 0};
  const char *azM[] = {P_("column", "organization"), P_("column", "kind"), P_("column", "from"),
                       P_("column", "to"), P_("column", "member on the date")};
  table_head(&t, 5, azM);
  const json_t *aM = json_object_get(p, "memberships");
  for (size_t i = 0; i < json_array_size(aM); i++) {
    const json_t *m = json_array_get(aM, i);
    table_add(&t, str(m, "organization"));
    table_add(&t, code_label(str(m, "kind")));
    table_add(&t, str(m, "from"));
    table_add(&t, dflt(str(m, "to"), "-"));
    table_add(&t, json_is_true(json_object_get(m, "current")) ? P_("answer", "yes")
                                                              : P_("answer", "no"));
  }
  table_print(&t);
  printf("\n%s\n", _("chairs held"));
  const json_t *aC = json_object_get(p, "chairs");
  for (size_t i = 0; i < json_array_size(aC); i++) {
    const json_t *c = json_array_get(aC, i);
    printf("  %s %lld (%s)\n", dflt(str(c, "organization"), ""),
           (long long)json_integer_value(json_object_get(c, "year")),
           dflt(code_label(str(c, "source")), ""));
  }
  if (!json_array_size(aC)) printf("  %s\n", _("none"));
  printf("\n");
  printf(_("documents on %s\n"), dflt(str(p, "on"), ""));
  Table d = {5, 0, 0, 0};
  const char *azD[] = {P_("column", "document"), P_("column", "status"), P_("column", "since"),
                       P_("column", "entry into force"), P_("column", "title")};
  table_head(&d, 5, azD);
  const json_t *aD = json_object_get(p, "documents");
  for (size_t i = 0; i < json_array_size(aD); i++) {
    const json_t *r = json_array_get(aD, i);
    table_add(&d, str(r, "document"));
    table_add(&d, code_label(str(r, "status")));
    table_add(&d, str(r, "since"));
    table_add(&d, dflt(str(r, "entry_into_force"), "-"));
    table_add(&d, cli_name(json_object_get(r, "title"), ""));
  }
  table_print(&d);
}

int cmd_party(Args *a) {
  cli_need_pos(&a->cli, 1, 1);
  pdate on = arg_date(a, "on", a->zOn);
  Db *pDb = open_registry(a);
  need(pDb, K_PARTY, a->azPos[0]);
  Buf err = {0};
  json_t *p = must(query_party(pDb, a->azPos[0], on, this_year(), &err), &err);
  if (a->bJson)
    print_json(p);
  else
    print_party(p, a->azPos[0]);
  json_decref(p);
  db_close(pDb);
  return 0;
}

/* ---- list, show ------------------------------------------------------------- */

/* The head of a column of print_list, named by its field. */
static const char *column_label(const char *zKey) {
#define IS(z) (strcmp(zKey, z) == 0)
  if (IS("code")) return P_("column", "code");
  if (IS("kind")) return P_("column", "kind");
  if (IS("name")) return P_("column", "name");
  if (IS("id")) return P_("column", "id");
  if (IS("founded")) return P_("column", "founded");
  if (IS("organization")) return P_("column", "organization");
  if (IS("level")) return P_("column", "level");
  if (IS("party")) return P_("column", "party");
  if (IS("from")) return P_("column", "from");
  if (IS("to")) return P_("column", "to");
  if (IS("term")) return P_("column", "term");
  if (IS("co_chairs")) return P_("column", "co_chairs");
  if (IS("type")) return P_("column", "type");
  if (IS("title")) return P_("column", "title");
  if (IS("body")) return P_("column", "body");
  if (IS("date")) return P_("column", "date");
  if (IS("place")) return P_("column", "place");
  if (IS("format")) return P_("column", "format");
  if (IS("document")) return P_("column", "document");
  if (IS("deadline")) return P_("column", "deadline");
  if (IS("text")) return P_("column", "text");
  if (IS("commitment")) return P_("column", "commitment");
  if (IS("score")) return P_("column", "score");
  if (IS("status")) return P_("column", "status");
#undef IS
  return zKey;
}

/* Is the column zKey of a kind's list a code (a word for people when
** printed), not an id? */
static bool column_is_code(Kind kind, const char *zKey) {
  return strcmp(zKey, "kind") == 0 || strcmp(zKey, "level") == 0 || strcmp(zKey, "format") == 0 ||
         strcmp(zKey, "status") == 0 || strcmp(zKey, "term") == 0 ||
         strcmp(zKey, "co_chairs") == 0 || (strcmp(zKey, "type") == 0 && kind == K_ACTION);
}

static void print_list(Kind kind, const json_t *pList) {
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
  for (int c = 0; c < nCol; c++) table_add(&t, column_label(aazCol[kind][c]));
  for (size_t i = 0; i < json_array_size(pList); i++) {
    const json_t *v = json_array_get(pList, i);
    for (int c = 0; c < nCol; c++) {
      const json_t *pCell = json_object_get(v, aazCol[kind][c]);
      if (json_is_object(pCell)) {
        table_add(&t, cli_name(pCell, ""));
      } else if (json_is_integer(pCell)) {
        char z[32];
        snprintf(z, sizeof(z), "%lld", (long long)json_integer_value(pCell));
        table_add(&t, z);
      } else if (kind == K_DOCUMENT && strcmp(aazCol[kind][c], "type") == 0) {
        table_add(&t, doc_type_label(json_string_value(pCell)));
      } else if (column_is_code(kind, aazCol[kind][c])) {
        table_add(&t, code_label(json_string_value(pCell)));
      } else {
        table_add(&t, json_string_value(pCell));
      }
    }
  }
  table_print(&t);
}

int cmd_list(Args *a) {
  cli_need_pos(&a->cli, 1, 1);
  Kind kind = arg_kind(a, a->azPos[0]);
  Db *pDb = open_registry(a);
  if (a->zOrg) need_organization(pDb, a->zOrg);
  json_t *pList = entity_list(pDb, kind, a->zOrg);
  if (a->bJson) {
    print_json_new(json_pack("{s:o}", kind_section(kind), pList));
  } else {
    print_list(kind, pList);
    json_decref(pList);
  }
  db_close(pDb);
  return 0;
}

int cmd_show(Args *a) {
  cli_need_pos(&a->cli, 2, 2);
  Kind kind = arg_kind(a, a->azPos[0]);
  Db *pDb = open_registry(a);
  json_t *p = entity_get(pDb, kind, a->azPos[1]);
  if (!p) die(EXIT_INPUT, _("unknown %s \"%s\""), code_label(kind_name(kind)), a->azPos[1]);
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
        xfree(z);
      }
    }
  }
  json_decref(p);
  db_close(pDb);
  return 0;
}
