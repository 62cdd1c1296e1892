/* The command line's output (output.h). */
#include "output.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "i18n.h"
#include "util.h"

void print_json(const json_t *p) {
  json_dumpf(p, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  fputc('\n', stdout);
}

void print_json_new(json_t *p) {
  print_json(p);
  json_decref(p);
}

/* Display width of UTF-8 text, counting code points. */
static int text_width(const char *z) {
  int n = 0;
  for (; *z; z++)
    if ((*z & 0xC0) != 0x80) n++;
  return n;
}

void print_padded(FILE *f, const char *z, int nWidth) {
  fputs(z, f);
  for (int n = text_width(z); n < nWidth; n++) fputc(' ', f);
}

void table_add(Table *t, const char *z) {
  if (t->nCell == t->nAlloc) {
    t->nAlloc = t->nAlloc ? 2 * t->nAlloc : 64;
    t->azCell = xrealloc(t->azCell, (size_t)t->nAlloc * sizeof(char *));
  }
  t->azCell[t->nCell++] = xstrdup(z ? z : "");
}

void table_head(Table *t, int nHead, const char *const *azHead) {
  for (int i = 0; i < nHead; i++) table_add(t, azHead[i]);
}

void table_print(Table *t) {
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
  table_free(t);
  xfree(aW);
}

void table_free(Table *t) {
  for (int i = 0; i < t->nCell; i++) xfree(t->azCell[i]);
  xfree(t->azCell);
  t->azCell = 0;
  t->nCell = t->nAlloc = 0;
}

void json_in_english(bool bJson) {
  if (bJson) i18n_use(i18n_english());
}

void print_loaded(FILE *f, int nLoaded, int nUnchanged, long long lastSeq) {
  Buf a = {0}, b = {0};
  i18n_plural(&a, _("{0, plural, one{# new journal entry} other{# new journal entries}}"), nLoaded);
  i18n_plural(&b, _("{0, plural, one{# record unchanged} other{# records unchanged}}"), nUnchanged);
  fprintf(f, _("loaded %s (%s); journal at %lld\n"), a.z, b.z, lastSeq);
  buf_free(&a);
  buf_free(&b);
}

const char *cli_name(const json_t *pName, const char *zFallback) {
  const char *z = str(pName, i18n_lang());
  return z && *z ? z : name_en(pName, zFallback);
}

/* Each code with its word in the catalogue under the context "code" (the
** English word is the code itself, as scripts read it). */
const char *code_label(const char *zCode) {
  if (!zCode) return zCode;
#define IS(z) (strcmp(zCode, z) == 0)
  /* statuses of a party in a document */
  if (IS("none")) return P_("code", "none");
  if (IS("not_interested")) return P_("code", "not_interested");
  if (IS("signed")) return P_("code", "signed");
  if (IS("consented")) return P_("code", "consented");
  if (IS("provisional")) return P_("code", "provisional");
  if (IS("in_force")) return P_("code", "in_force");
  if (IS("withdrawing")) return P_("code", "withdrawing");
  if (IS("withdrawn")) return P_("code", "withdrawn");
  /* kinds of membership */
  if (IS("founding")) return P_("code", "founding");
  if (IS("member")) return P_("code", "member");
  if (IS("associate")) return P_("code", "associate");
  if (IS("observer")) return P_("code", "observer");
  if (IS("participant")) return P_("code", "participant");
  if (IS("suspended")) return P_("code", "suspended");
  /* a chair's source, a finding's severity, a journal entry's operation */
  if (IS("recorded")) return P_("code", "recorded");
  if (IS("computed")) return P_("code", "computed");
  if (IS("error")) return P_("code", "error");
  if (IS("warning")) return P_("code", "warning");
  if (IS("put")) return P_("code", "put");
  if (IS("retract")) return P_("code", "retract");
  /* a submission's status, a token's role */
  if (IS("pending")) return P_("code", "pending");
  if (IS("accepted")) return P_("code", "accepted");
  if (IS("rejected")) return P_("code", "rejected");
  if (IS("depositary")) return P_("code", "depositary");
  if (IS("delegate")) return P_("code", "delegate");
  /* record kinds, party kinds */
  if (IS("party")) return P_("code", "party");
  if (IS("organization")) return P_("code", "organization");
  if (IS("body")) return P_("code", "body");
  if (IS("membership")) return P_("code", "membership");
  if (IS("chairmanship")) return P_("code", "chairmanship");
  if (IS("document")) return P_("code", "document");
  if (IS("session")) return P_("code", "session");
  if (IS("action")) return P_("code", "action");
  if (IS("commitment")) return P_("code", "commitment");
  if (IS("assessment")) return P_("code", "assessment");
  if (IS("submission")) return P_("code", "submission");
  if (IS("any")) return P_("code", "any");
  if (IS("state")) return P_("code", "state");
  /* levels of bodies */
  if (IS("heads_of_state")) return P_("code", "heads_of_state");
  if (IS("heads_of_government")) return P_("code", "heads_of_government");
  if (IS("ministers")) return P_("code", "ministers");
  if (IS("officials")) return P_("code", "officials");
  if (IS("secretariat")) return P_("code", "secretariat");
  if (IS("parliamentary")) return P_("code", "parliamentary");
  if (IS("court")) return P_("code", "court");
  if (IS("other")) return P_("code", "other");
  /* session formats, attendance */
  if (IS("in_person")) return P_("code", "in_person");
  if (IS("videoconference")) return P_("code", "videoconference");
  if (IS("hybrid")) return P_("code", "hybrid");
  if (IS("informal")) return P_("code", "informal");
  if (IS("present")) return P_("code", "present");
  if (IS("absent")) return P_("code", "absent");
  if (IS("represented")) return P_("code", "represented");
  /* action types */
  if (IS("signature")) return P_("code", "signature");
  if (IS("definitive_signature")) return P_("code", "definitive_signature");
  if (IS("ratification")) return P_("code", "ratification");
  if (IS("acceptance")) return P_("code", "acceptance");
  if (IS("approval")) return P_("code", "approval");
  if (IS("accession")) return P_("code", "accession");
  if (IS("notification")) return P_("code", "notification");
  if (IS("succession")) return P_("code", "succession");
  if (IS("provisional_application")) return P_("code", "provisional_application");
  if (IS("reservation")) return P_("code", "reservation");
  if (IS("declaration")) return P_("code", "declaration");
  if (IS("special_opinion")) return P_("code", "special_opinion");
  if (IS("objection")) return P_("code", "objection");
  if (IS("withdrawal")) return P_("code", "withdrawal");
  /* an assessment's status */
  if (IS("preliminary")) return P_("code", "preliminary");
  if (IS("reviewed")) return P_("code", "reviewed");
  /* a chair's term, co-chairs */
  if (IS("calendar_year")) return P_("code", "calendar_year");
  if (IS("previous_and_next")) return P_("code", "previous_and_next");
#undef IS
  return zCode;
}

const char *doc_type_label(const char *zType) {
  if (!zType) return zType;
#define IS(z) (strcmp(zType, z) == 0)
  if (IS("charter")) return P_("document type", "charter");
  if (IS("treaty")) return P_("document type", "treaty");
  if (IS("agreement")) return P_("document type", "agreement");
  if (IS("convention")) return P_("document type", "convention");
  if (IS("protocol")) return P_("document type", "protocol");
  if (IS("decision")) return P_("document type", "decision");
  if (IS("concept")) return P_("document type", "concept");
  if (IS("plan")) return P_("document type", "plan");
  if (IS("statement")) return P_("document type", "statement");
  if (IS("declaration")) return P_("document type", "declaration");
  if (IS("other")) return P_("document type", "other");
#undef IS
  return zType;
}
