/*
** A printable document: the blocks of a report or of a session's minutes
** (title, headings, paragraphs, tables, small print), each text with the
** language it is in when that is not the document's. Built once by the
** report model (src/report/report.c) or the minutes (publish_minutes.c)
** and drawn by one renderer per format (src/report/: HTML and PDF), so
** every format holds the same rows. Plain data: no I/O, no rendering.
*/
#ifndef PACTA_RDOC_H
#define PACTA_RDOC_H

#include <stdbool.h>

typedef enum RKind {
  R_KICKER,   /* a line above the title: the organization */
  R_TITLE,    /* the document's title (one per document) */
  R_SUBTITLE, /* under the title: adoption, "Status as at" */
  R_HEADING,  /* a section */
  R_PARA,     /* a paragraph */
  R_ITEM,     /* a paragraph of a list */
  R_SMALL,    /* small print: the log, sources */
  R_TABLE     /* a table; its text is the caption */
} RKind;

typedef struct RText {
  char *z;     /* UTF-8 */
  char *zLang; /* the language of z when not the document's, else NULL */
  char *zHref; /* a link (HTML only), or NULL */
} RText;

typedef struct RBlock {
  RKind kind;
  RText t;
  /* A table: nCol columns, their heads and relative widths; nCell cells
  ** row after row (nCell / nCol rows). */
  int nCol;
  RText *aHead;
  double *aWidth;
  int nCell, nCellAlloc;
  RText *aCell;
} RBlock;

typedef struct RDoc {
  char *zLang;     /* "en", "ru" */
  char *zTitle;    /* the document's title (HTML <title>, PDF metadata) */
  char *zFooter;   /* the running footer of each PDF page, or NULL */
  bool bLandscape; /* wide tables: A4 across */
  int n, nAlloc;
  RBlock *a;
} RDoc;

void rdoc_init(RDoc *p, const char *zLang, const char *zTitle);
void rdoc_free(RDoc *p);
void rdoc_set_footer(RDoc *p, const char *z);

/* Append a block of text z (copied; NULL as ""); returns it. */
RBlock *rdoc_add(RDoc *p, RKind kind, const char *z);
/* Set a text's language (NULL or the document's: none) and link. */
void rtext_set_lang(const RDoc *p, RText *t, const char *zLang);
void rtext_set_href(RText *t, const char *zHref);

/* Append a table captioned zCaption with nCol columns; azHead its heads,
** aWidth their relative widths (NULL: equal). */
RBlock *rdoc_table(RDoc *p, const char *zCaption, int nCol, const char *const *azHead,
                   const double *aWidth);
/* Append the next cell (row after row); returns it. */
RText *rdoc_cell(RDoc *p, RBlock *pTable, const char *z);
int rdoc_rows(const RBlock *pTable);

#endif
