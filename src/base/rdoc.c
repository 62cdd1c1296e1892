/* A printable document (rdoc.h). */
#include "rdoc.h"

#include <string.h>

#include "util.h"

void rdoc_init(RDoc *p, const char *zLang, const char *zTitle) {
  memset(p, 0, sizeof(*p));
  p->zLang = xstrdup(zLang ? zLang : "en");
  p->zTitle = xstrdup(zTitle ? zTitle : "");
}

static void rtext_free(RText *t) {
  xfree(t->z);
  xfree(t->zLang);
  xfree(t->zHref);
}

void rdoc_free(RDoc *p) {
  for (int i = 0; i < p->n; i++) {
    RBlock *b = &p->a[i];
    rtext_free(&b->t);
    for (int k = 0; k < b->nCol; k++) rtext_free(&b->aHead[k]);
    for (int k = 0; k < b->nCell; k++) rtext_free(&b->aCell[k]);
    xfree(b->aHead);
    xfree(b->aWidth);
    xfree(b->aCell);
  }
  xfree(p->a);
  xfree(p->zLang);
  xfree(p->zTitle);
  xfree(p->zFooter);
  memset(p, 0, sizeof(*p));
}

void rdoc_set_footer(RDoc *p, const char *z) {
  xfree(p->zFooter);
  p->zFooter = z ? xstrdup(z) : 0;
}

RBlock *rdoc_add(RDoc *p, RKind kind, const char *z) {
  if (p->n == p->nAlloc) {
    p->nAlloc = p->nAlloc ? 2 * p->nAlloc : 16;
    p->a = xrealloc(p->a, (size_t)p->nAlloc * sizeof(RBlock));
  }
  RBlock *b = &p->a[p->n++];
  memset(b, 0, sizeof(*b));
  b->kind = kind;
  b->t.z = xstrdup(z ? z : "");
  return b;
}

void rtext_set_lang(const RDoc *p, RText *t, const char *zLang) {
  xfree(t->zLang);
  t->zLang = zLang && strcmp(zLang, p->zLang) != 0 ? xstrdup(zLang) : 0;
}

void rtext_set_href(RText *t, const char *zHref) {
  xfree(t->zHref);
  t->zHref = zHref ? xstrdup(zHref) : 0;
}

RBlock *rdoc_table(RDoc *p, const char *zCaption, int nCol, const char *const *azHead,
                   const double *aWidth) {
  RBlock *b = rdoc_add(p, R_TABLE, zCaption);
  b->nCol = nCol > 0 ? nCol : 1;
  b->aHead = xmalloc((size_t)b->nCol * sizeof(RText));
  b->aWidth = xmalloc((size_t)b->nCol * sizeof(double));
  memset(b->aHead, 0, (size_t)b->nCol * sizeof(RText));
  for (int i = 0; i < b->nCol; i++) {
    b->aHead[i].z = xstrdup(i < nCol && azHead && azHead[i] ? azHead[i] : "");
    b->aWidth[i] = aWidth && i < nCol && aWidth[i] > 0 ? aWidth[i] : 1.0;
  }
  return b;
}

RText *rdoc_cell(RDoc *p, RBlock *b, const char *z) {
  (void)p;
  if (b->nCell == b->nCellAlloc) {
    b->nCellAlloc = b->nCellAlloc ? 2 * b->nCellAlloc : 64;
    b->aCell = xrealloc(b->aCell, (size_t)b->nCellAlloc * sizeof(RText));
  }
  RText *t = &b->aCell[b->nCell++];
  memset(t, 0, sizeof(*t));
  t->z = xstrdup(z ? z : "");
  return t;
}

int rdoc_rows(const RBlock *b) {
  return b->nCol ? (b->nCell + b->nCol - 1) / b->nCol : 0;
}
