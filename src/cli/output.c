/* The command line's output (output.h). */
#include "output.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void table_add(Table *t, const char *z) {
  if (t->nCell == t->nAlloc) {
    t->nAlloc = t->nAlloc ? 2 * t->nAlloc : 64;
    t->azCell = xrealloc(t->azCell, (size_t)t->nAlloc * sizeof(char *));
  }
  t->azCell[t->nCell++] = xstrdup(z ? z : "");
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
