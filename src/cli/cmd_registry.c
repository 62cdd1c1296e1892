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
#include "kind.h"
#include "output.h"
#include "registry.h"

/* ---- members, compliance -------------------------------------------------- */

static void print_members(Db *pDb, const json_t *p, const char *zOrg) {
  const json_t *aM = json_object_get(p, "members");
  printf("%s on %s: %zu members\n\n", zOrg, dflt(str(p, "on"), ""), json_array_size(aM));
  Table t = {4, 0, 0, 0};
  const char *azHead[] = {"party", "name", "kind", "since"};
  for (int i = 0; i < 4; i++) table_add(&t, azHead[i]);
  for (size_t i = 0; i < json_array_size(aM); i++) {
    const json_t *m = json_array_get(aM, i);
    json_t *pParty = entity_get(pDb, K_PARTY, dflt(str(m, "party"), ""));
    table_add(&t, str(m, "party"));
    table_add(&t, name_en(json_object_get(pParty, "name"), ""));
    table_add(&t, str(m, "kind"));
    table_add(&t, str(m, "since"));
    json_decref(pParty);
  }
  table_print(&t);
}

int cmd_members(Args *a) {
  cli_need_pos(&a->cli, 1, 1);
  pdate on = arg_date(a, "on", a->zOn);
  Db *pDb = open_registry(a);
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

int cmd_compliance(Args *a) {
  const Cli *c = &a->cli;
  cli_need_pos(c, 1, 1);
  if ((a->zPrevFrom != 0) != (a->zPrevTo != 0))
    cli_fail(c, "--previous-from and --previous-to go together");
  if (a->zTo && a->zOn) cli_fail(c, "--to is the date of the report: give --on or --to");
  if (a->zPrevFrom && !a->zFrom) cli_fail(c, "--previous-from needs a period (--from)");
  ComplianceOpts opt = {a->zFrom ? arg_date(a, "from", a->zFrom) : DATE_NONE,
                        a->zPrevFrom ? arg_date(a, "previous-from", a->zPrevFrom) : DATE_NONE,
                        a->zPrevTo ? arg_date(a, "previous-to", a->zPrevTo) : DATE_NONE};
  pdate on = a->zTo ? arg_date(a, "to", a->zTo) : arg_date(a, "on", a->zOn);
  if (opt.from != DATE_NONE && opt.from > on) cli_fail(c, "--from is after the period's end");
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

/* ---- chair ------------------------------------------------------------------ */

static void co_chairs_text(const json_t *pYear, Buf *pOut) {
  const json_t *aCo = json_object_get(pYear, "co_chairs");
  for (size_t i = 0; i < json_array_size(aCo); i++)
    buf_printf(pOut, "%s%s", i ? ", " : "", json_string_value(json_array_get(aCo, i)));
}

static void print_chair_year(const json_t *p, const char *zOrg) {
  Buf co = {0};
  co_chairs_text(p, &co);
  printf("%s %lld: chair %s (%s), expected by the rule %s, co-chairs %s\n", zOrg,
         (long long)json_integer_value(json_object_get(p, "year")), dflt(str(p, "chair"), "-"),
         dflt(str(p, "source"), ""), dflt(str(p, "expected"), "-"), dflt(co.z, "-"));
  buf_free(&co);
}

static void print_chair_history(const json_t *p) {
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
    table_add(&t, dflt(str(y, "chair"), "-"));
    table_add(&t, str(y, "source"));
    table_add(&t, dflt(str(y, "expected"), "-"));
    table_add(&t, dflt(co.z, "-"));
    table_add(&t, json_is_true(json_object_get(y, "breach")) ? "breaks the rotation rule" : "");
    buf_free(&co);
  }
  table_print(&t);
  printf("\n%zu recorded years break the rule\n", json_array_size(json_object_get(p, "breaches")));
}

int cmd_chair(Args *a) {
  cli_need_pos(&a->cli, 1, 1);
  Db *pDb = open_registry(a);
  Buf err = {0};
  json_t *p;
  if (a->zYear)
    p = must(query_chair(pDb, a->azPos[0], arg_year(a, a->zYear), &err), &err);
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
  if (cli_get(&a->cli, "list")) {
    json_t *aOut = json_array();
    Table t = {4, 0, 0, 0};
    const char *azHead[] = {"code", "severity", "kind", "what it finds"};
    for (int i = 0; i < 4; i++) table_add(&t, azHead[i]);
    for (int i = 0; i < nCheckDef; i++) {
      const CheckDef *d = &aCheckDef[i];
      const char *zKind = d->kind == K__COUNT ? "any" : kind_name(d->kind);
      json_array_append_new(aOut, json_pack("{s:s, s:s, s:s, s:s}", "code", d->zCode, "severity",
                                            check_severity_name(d->severity), "kind", zKind,
                                            "description", d->zWhat));
      table_add(&t, d->zCode);
      table_add(&t, check_severity_name(d->severity));
      table_add(&t, zKind);
      table_add(&t, d->zWhat);
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
    printf("%s%d error%s, %zu warning%s\n", json_array_size(aFinding) ? "\n" : "", nError,
           nError == 1 ? "" : "s", nWarning, nWarning == 1 ? "" : "s");
  }
  json_decref(aFinding);
  db_close(pDb);
  return nError ? 1 : 0;
}

/* ---- status, party ---------------------------------------------------------- */

static void print_status_table(const json_t *p) {
  printf("%s on %s: %s; entry into force %s\n\n", dflt(str(p, "document"), ""),
         dflt(str(p, "on"), ""),
         json_is_true(json_object_get(p, "in_force")) ? "in force" : "not in force",
         dflt(str(p, "entry_into_force"), "-"));
  Table t = {4, 0, 0, 0};
  const char *azHead[] = {"party", "status", "since", "entry into force"};
  for (int i = 0; i < 4; i++) table_add(&t, azHead[i]);
  const json_t *aP = json_object_get(p, "parties");
  for (size_t i = 0; i < json_array_size(aP); i++) {
    const json_t *r = json_array_get(aP, i);
    table_add(&t, str(r, "party"));
    table_add(&t, str(r, "status"));
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
    if (!a->bJson) cli_fail(&a->cli, "status --all writes JSON only: add --json");
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

static void print_party(const json_t *p, const char *zCode) {
  const json_t *pName = json_object_get(p, "name");
  printf("%s  %s%s%s  (%s)\n", zCode, name_en(pName, ""), json_object_get(pName, "ru") ? " / " : "",
         dflt(str(pName, "ru"), ""), dflt(str(p, "kind"), ""));
  printf("\nmemberships\n");
  Table t = {5, 0, 0, 0};
  const char *azM[] = {"organization", "kind", "from", "to"};
  for (int i = 0; i < 4; i++) table_add(&t, azM[i]);
  table_add(&t, "member on the date");
  const json_t *aM = json_object_get(p, "memberships");
  for (size_t i = 0; i < json_array_size(aM); i++) {
    const json_t *m = json_array_get(aM, i);
    table_add(&t, str(m, "organization"));
    table_add(&t, str(m, "kind"));
    table_add(&t, str(m, "from"));
    table_add(&t, dflt(str(m, "to"), "-"));
    table_add(&t, json_is_true(json_object_get(m, "current")) ? "yes" : "no");
  }
  table_print(&t);
  printf("\nchairs held\n");
  const json_t *aC = json_object_get(p, "chairs");
  for (size_t i = 0; i < json_array_size(aC); i++) {
    const json_t *c = json_array_get(aC, i);
    printf("  %s %lld (%s)\n", dflt(str(c, "organization"), ""),
           (long long)json_integer_value(json_object_get(c, "year")), dflt(str(c, "source"), ""));
  }
  if (!json_array_size(aC)) printf("  none\n");
  printf("\ndocuments on %s\n", dflt(str(p, "on"), ""));
  Table d = {5, 0, 0, 0};
  const char *azD[] = {"document", "status", "since", "entry into force", "title"};
  for (int i = 0; i < 5; i++) table_add(&d, azD[i]);
  const json_t *aD = json_object_get(p, "documents");
  for (size_t i = 0; i < json_array_size(aD); i++) {
    const json_t *r = json_array_get(aD, i);
    table_add(&d, str(r, "document"));
    table_add(&d, str(r, "status"));
    table_add(&d, str(r, "since"));
    table_add(&d, dflt(str(r, "entry_into_force"), "-"));
    table_add(&d, name_en(json_object_get(r, "title"), ""));
  }
  table_print(&d);
}

int cmd_party(Args *a) {
  cli_need_pos(&a->cli, 1, 1);
  pdate on = arg_date(a, "on", a->zOn);
  Db *pDb = open_registry(a);
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
  for (int c = 0; c < nCol; c++) table_add(&t, aazCol[kind][c]);
  for (size_t i = 0; i < json_array_size(pList); i++) {
    const json_t *v = json_array_get(pList, i);
    for (int c = 0; c < nCol; c++) {
      const json_t *pCell = json_object_get(v, aazCol[kind][c]);
      if (json_is_object(pCell)) {
        table_add(&t, name_en(pCell, ""));
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
}

int cmd_list(Args *a) {
  cli_need_pos(&a->cli, 1, 1);
  Kind kind;
  if (kind_parse(a->azPos[0], &kind))
    cli_fail(&a->cli,
             "unknown kind \"%s\" (expected parties, organizations, bodies, "
             "memberships, chairmanships, documents, sessions, actions, commitments, "
             "assessments)",
             a->azPos[0]);
  Db *pDb = open_registry(a);
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
  Kind kind;
  if (kind_parse(a->azPos[0], &kind)) cli_fail(&a->cli, "unknown kind \"%s\"", a->azPos[0]);
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
        xfree(z);
      }
    }
  }
  json_decref(p);
  db_close(pDb);
  return 0;
}
