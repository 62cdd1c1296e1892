/* The command line's output (output.h). */
#include "output.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "i18n.h"
#include "term.h"
#include "util.h"

void print_json(const json_t *p) {
  /* 15 significant digits: 0.4, not the 0.40000000000000002 of 17 */
  json_dumpf(p, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
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

/* A code as people read it: in English the code itself (tables that
** scripts read), in another language its words from the one table
** (term.h), else the code. */
const char *code_label(const char *zCode) {
  if (!zCode || strcmp(i18n_lang(), "en") == 0) return zCode;
  const char *z = term(zCode);
  return z ? z : zCode;
}

const char *doc_type_label(const char *zType) {
  if (!zType || strcmp(i18n_lang(), "en") == 0) return zType;
  const char *z = term_in("document type", zType);
  return z ? z : zType;
}
