/*
** A printable document as an A4 PDF (report.h), drawn with cairo and laid
** out with pango in DejaVu Sans (it has Cyrillic), both loaded at the
** first PDF (pdf_lib.h). Two passes over the same layout: the first counts
** the pages, the second draws them, so each page's footer says "Page 3 of
** 7". A paragraph breaks between its lines at the foot of a page; a table
** breaks between rows and draws its head again at the top of the next page;
** a cell's text wraps in its column.
*/
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <string.h>

#include "i18n.h"
#include "pdf_lib.h" /* after the libraries' headers: their calls go through a table */
#include "report.h"

#define A4_SHORT 595.276 /* A4 in points */
#define A4_LONG 841.890
#define PAGE_W (f->w)
#define PAGE_H (f->h)
#define MARGIN_X 50.0
#define MARGIN_TOP 50.0
#define MARGIN_BOTTOM 60.0 /* room for the footer */
#define CELL_PAD 3.0
#define FONT "DejaVu Sans"

typedef struct TableLayout TableLayout;

typedef struct Pdf {
  cairo_t *cr;
  const RDoc *d;
  bool bDraw;                     /* second pass */
  int iPage;                      /* 1-based */
  int nPage;                      /* known in the second pass */
  double y;                       /* the next line's top */
  double w, h;                    /* the page: A4, portrait or landscape */
  PangoContext *ctx;              /* one for every layout: making one is slow */
  PangoFontDescription *aFont[2]; /* regular, bold */
  TableLayout **apTable;          /* by block: the tables laid out */
} Pdf;

static double text_width_of(const Pdf *f) {
  return PAGE_W - 2 * MARGIN_X;
}
#define text_width() text_width_of(f)

static double bottom_of(const Pdf *f) {
  return PAGE_H - MARGIN_BOTTOM;
}
#define bottom() bottom_of(f)

/* A layout of z in a size (points), wrapped at width (points). */
static PangoLayout *make_layout(Pdf *f, const char *z, double size, bool bBold, double width) {
  PangoLayout *l = pango_layout_new(f->ctx);
  PangoFontDescription *fd = f->aFont[bBold];
  /* In points: the PDF's own units (not pango's 96 dpi). */
  pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
  pango_layout_set_font_description(l, fd);
  pango_layout_set_width(l, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(l, z ? z : "", -1);
  return l;
}

static double layout_height(PangoLayout *l) {
  int w, h;
  pango_layout_get_size(l, &w, &h);
  return (double)h / PANGO_SCALE;
}

static void draw_footer(Pdf *f) {
  if (!f->bDraw) return;
  Buf b = {0};
  buf_printf(&b, _("Page %d of %d"), f->iPage, f->nPage);
  PangoLayout *l = make_layout(f, b.z, 7.5, false, text_width());
  pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb(f->cr, 0.25, 0.25, 0.25);
  cairo_move_to(f->cr, MARGIN_X, PAGE_H - MARGIN_BOTTOM + 24);
  pango_cairo_show_layout(f->cr, l);
  g_object_unref(l);
  if (f->d->zFooter) {
    l = make_layout(f, f->d->zFooter, 7.5, false, text_width() * 0.7);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    cairo_move_to(f->cr, MARGIN_X, PAGE_H - MARGIN_BOTTOM + 24);
    pango_cairo_show_layout(f->cr, l);
    g_object_unref(l);
  }
  cairo_set_source_rgb(f->cr, 0, 0, 0);
  buf_free(&b);
}

static void new_page(Pdf *f) {
  draw_footer(f);
  if (f->bDraw) cairo_show_page(f->cr);
  f->iPage++;
  f->y = MARGIN_TOP;
}

/* A paragraph, broken between lines at the foot of a page. */
static void paragraph(Pdf *f, const char *z, double size, bool bBold, double gapBefore,
                      double gapAfter, double grey) {
  if (f->y > MARGIN_TOP) f->y += gapBefore;
  PangoLayout *l = make_layout(f, z, size, bBold, text_width());
  PangoLayoutIter *it = pango_layout_get_iter(l);
  double top = f->y; /* where the layout's y = 0 is drawn on this page */
  double shift = 0;  /* layout y of this page's first line */
  do {
    PangoRectangle r;
    pango_layout_iter_get_line_extents(it, 0, &r);
    double y0 = (double)r.y / PANGO_SCALE, h = (double)r.height / PANGO_SCALE;
    if (top + (y0 - shift) + h > bottom() && f->y > MARGIN_TOP) {
      new_page(f);
      top = f->y;
      shift = y0;
    }
    if (f->bDraw) {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
      int baseline = pango_layout_iter_get_baseline(it);
      cairo_set_source_rgb(f->cr, grey, grey, grey);
      cairo_move_to(f->cr, MARGIN_X + (double)r.x / PANGO_SCALE,
                    top + ((double)baseline / PANGO_SCALE - shift));
      pango_cairo_show_layout_line(f->cr, line);
      cairo_set_source_rgb(f->cr, 0, 0, 0);
    }
    f->y = top + (y0 - shift) + h;
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  g_object_unref(l);
  f->y += gapAfter;
}

/* ---- Tables ---------------------------------------------------------------------- */

typedef struct Row {
  PangoLayout **aL;
  double h; /* with padding */
} Row;

static void row_make(Pdf *f, Row *r, const RText *aText, int nCol, const double *aX, double size,
                     bool bBold) {
  r->aL = g_new0(PangoLayout *, nCol);
  r->h = 0;
  for (int i = 0; i < nCol; i++) {
    r->aL[i] = make_layout(f, aText[i].z, size, bBold || i == 0, aX[i + 1] - aX[i] - 2 * CELL_PAD);
    double h = layout_height(r->aL[i]) + 2 * CELL_PAD;
    if (h > r->h) r->h = h;
  }
}

static void row_free(Row *r, int nCol) {
  for (int i = 0; i < nCol; i++) g_object_unref(r->aL[i]);
  g_free(r->aL);
}

static void row_draw(Pdf *f, const Row *r, int nCol, const double *aX, bool bHead) {
  if (f->bDraw) {
    cairo_t *cr = f->cr;
    if (bHead) {
      cairo_set_source_rgb(cr, 0.92, 0.92, 0.92);
      cairo_rectangle(cr, aX[0], f->y, aX[nCol] - aX[0], r->h);
      cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
    cairo_set_line_width(cr, 0.5);
    for (int i = 0; i < nCol; i++) {
      cairo_rectangle(cr, aX[i], f->y, aX[i + 1] - aX[i], r->h);
      cairo_stroke(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int i = 0; i < nCol; i++) {
      cairo_move_to(cr, aX[i] + CELL_PAD, f->y + CELL_PAD);
      pango_cairo_show_layout(cr, r->aL[i]);
    }
  }
  f->y += r->h;
}

/* The width of the widest word of z (words split at spaces only, so a date
** written with no-break spaces is one word): laid out one word to a line. */
static double widest_word(Pdf *f, const char *z, double size, bool bBold) {
  if (!z || !*z) return 0;
  PangoLayout *l = make_layout(f, z, size, bBold, 1);
  pango_layout_set_wrap(l, PANGO_WRAP_WORD);
  double w = 0;
  PangoLayoutIter *it = pango_layout_get_iter(l);
  do {
    PangoRectangle r;
    pango_layout_iter_get_line_extents(it, 0, &r);
    if ((double)r.width / PANGO_SCALE > w) w = (double)r.width / PANGO_SCALE;
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  g_object_unref(l);
  return w;
}

/* Column edges: the table's relative widths, except that a column is at
** least as wide as its widest word (taken from the columns with room to
** spare); when the words do not all fit, they break. */
static void column_edges(Pdf *f, const RBlock *b, double *aX) {
  int nCol = b->nCol;
  double total = 0, *aW = g_new0(double, nCol), *aMin = g_new0(double, nCol);
  for (int i = 0; i < nCol; i++) total += b->aWidth[i];
  for (int i = 0; i < nCol; i++) {
    aW[i] = text_width() * b->aWidth[i] / total;
    aMin[i] = widest_word(f, b->aHead[i].z, 7.5, true);
  }
  for (int k = 0; k < b->nCell; k++) {
    int i = k % nCol;
    double w = widest_word(f, b->aCell[k].z, 8, i == 0);
    if (w > aMin[i]) aMin[i] = w;
  }
  double need = 0, spare = 0;
  for (int i = 0; i < nCol; i++) {
    aMin[i] += 2 * CELL_PAD + 1;
    if (aMin[i] > text_width() / 2) aMin[i] = text_width() / 2;
    if (aMin[i] > aW[i])
      need += aMin[i] - aW[i];
    else
      spare += aW[i] - aMin[i];
  }
  if (need > 0 && spare > 0) {
    double take = need < spare ? need / spare : 1.0;
    for (int i = 0; i < nCol; i++) {
      if (aMin[i] > aW[i])
        aW[i] = need <= spare ? aMin[i] : aW[i] + (aMin[i] - aW[i]) * spare / need;
      else
        aW[i] -= (aW[i] - aMin[i]) * take;
    }
  }
  aX[0] = MARGIN_X;
  for (int i = 0; i < nCol; i++) aX[i + 1] = aX[i] + aW[i];
  g_free(aW);
  g_free(aMin);
}

/* A table laid out once, in the first pass, and drawn in the second. */
struct TableLayout {
  double *aX; /* column edges */
  Row head;
  Row *aRow;
  int nRow;
};

static TableLayout *table_layout(Pdf *f, const RBlock *b) {
  int nCol = b->nCol;
  TableLayout *t = g_new0(TableLayout, 1);
  t->aX = g_new0(double, nCol + 1);
  column_edges(f, b, t->aX);
  row_make(f, &t->head, b->aHead, nCol, t->aX, 7.5, true);
  t->nRow = rdoc_rows(b);
  t->aRow = g_new0(Row, t->nRow + 1);
  RText *aText = g_new0(RText, nCol);
  for (int k = 0; k < t->nRow; k++) {
    for (int i = 0; i < nCol; i++) {
      int c = k * nCol + i;
      aText[i].z = c < b->nCell ? b->aCell[c].z : "";
    }
    row_make(f, &t->aRow[k], aText, nCol, t->aX, 8, false);
  }
  g_free(aText);
  return t;
}

static void table_layout_free(TableLayout *t, int nCol) {
  if (!t) return;
  row_free(&t->head, nCol);
  for (int k = 0; k < t->nRow; k++) row_free(&t->aRow[k], nCol);
  g_free(t->aRow);
  g_free(t->aX);
  g_free(t);
}

static void table(Pdf *f, int iBlock, const RBlock *b) {
  int nCol = b->nCol;
  if (!f->apTable[iBlock]) f->apTable[iBlock] = table_layout(f, b);
  const TableLayout *t = f->apTable[iBlock];
  if (*b->t.z) paragraph(f, b->t.z, 10, true, 8, 3, 0);
  /* The caption stays with the head and a first row. */
  if (f->y + t->head.h + 20 > bottom() && f->y > MARGIN_TOP) new_page(f);
  row_draw(f, &t->head, nCol, t->aX, true);
  for (int k = 0; k < t->nRow; k++) {
    if (f->y + t->aRow[k].h > bottom()) {
      new_page(f);
      row_draw(f, &t->head, nCol, t->aX, true);
    }
    row_draw(f, &t->aRow[k], nCol, t->aX, false);
  }
  f->y += 6;
}

static void pass(Pdf *f) {
  f->iPage = 1;
  f->y = MARGIN_TOP;
  for (int i = 0; i < f->d->n; i++) {
    const RBlock *b = &f->d->a[i];
    switch (b->kind) {
    case R_KICKER: paragraph(f, b->t.z, 10, false, 0, 4, 0.3); break;
    case R_TITLE: paragraph(f, b->t.z, 15, true, 2, 6, 0); break;
    case R_SUBTITLE: paragraph(f, b->t.z, 10.5, true, 0, 3, 0); break;
    case R_HEADING:
      if (f->y + 40 > bottom()) new_page(f); /* no heading alone at a page's foot */
      paragraph(f, b->t.z, 11, true, 10, 4, 0);
      break;
    case R_PARA: paragraph(f, b->t.z, 9, false, 0, 5, 0); break;
    case R_ITEM: paragraph(f, b->t.z, 8.5, false, 0, 4, 0); break;
    case R_SMALL: paragraph(f, b->t.z, 7.5, false, 0, 3, 0.2); break;
    case R_TABLE: table(f, i, b); break;
    }
  }
  draw_footer(f);
}

/* Fontconfig, pango and cairo keep their fonts and caches until the process
** ends; LeakSanitizer (scripts/test) is told they are not leaks. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) {
  return "leak:libfontconfig.so\nleak:libpango\nleak:libcairo.so\nleak:libharfbuzz.so\n"
         "leak:libglib-2.0.so\nleak:libgobject-2.0.so\nleak:libfreetype.so\n";
}

static cairo_status_t write_buf(void *pArg, const unsigned char *a, unsigned int n) {
  buf_append((Buf *)pArg, a, n);
  return CAIRO_STATUS_SUCCESS;
}

/* One PDF at a time in a process: pango, fontconfig and glib keep shared
** caches behind locks of their own, which ThreadSanitizer cannot see (it
** reported races in them when the server's threads drew reports together);
** the largest report takes seconds, the usual one milliseconds. Fontconfig's
** configuration is read first, in the drawing thread (pango would read it
** in a thread of its own). */
static pthread_mutex_t drawLock = PTHREAD_MUTEX_INITIALIZER;
static bool bFontsRead;

static int report_pdf_locked(const RDoc *d, Buf *pOut, Buf *pErr);

int report_pdf(const RDoc *d, Buf *pOut, Buf *pErr) {
  if (pdf_lib_load(pErr)) return -1;
  pthread_mutex_lock(&drawLock);
  if (!bFontsRead) {
    FcInit();
    bFontsRead = true;
  }
  int rc = report_pdf_locked(d, pOut, pErr);
  pthread_mutex_unlock(&drawLock);
  return rc;
}

static int report_pdf_locked(const RDoc *d, Buf *pOut, Buf *pErr) {
  Pdf f;
  memset(&f, 0, sizeof(f));
  f.w = d->bLandscape ? A4_LONG : A4_SHORT;
  f.h = d->bLandscape ? A4_SHORT : A4_LONG;
  cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_buf, pOut, f.w, f.h);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d->zTitle);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "pacta");
  f.cr = cairo_create(s);
  f.ctx = pango_cairo_create_context(f.cr);
  for (int i = 0; i < 2; i++) {
    f.aFont[i] = pango_font_description_from_string(FONT);
    if (i) pango_font_description_set_weight(f.aFont[i], PANGO_WEIGHT_BOLD);
  }
  f.d = d;
  f.apTable = g_new0(TableLayout *, d->n + 1);
  pass(&f); /* count the pages */
  f.nPage = f.iPage;
  f.bDraw = true;
  pass(&f);
  cairo_show_page(f.cr);
  for (int i = 0; i < d->n; i++) table_layout_free(f.apTable[i], d->a[i].nCol);
  g_free(f.apTable);
  for (int i = 0; i < 2; i++) pango_font_description_free(f.aFont[i]);
  g_object_unref(f.ctx);
  cairo_destroy(f.cr);
  cairo_surface_finish(s);
  cairo_status_t st = cairo_surface_status(s);
  cairo_surface_destroy(s);
  if (st != CAIRO_STATUS_SUCCESS) {
    buf_printf(pErr, "cannot draw the PDF: %s", cairo_status_to_string(st));
    return -1;
  }
  return 0;
}
