/*
** A printable document as one HTML page (report.h): its own style sheet,
** A4 in print with the tables' heads repeated on every page (thead as a
** table-header-group), text in another language marked with lang.
*/
#include <string.h>

#include "html.h"
#include "report.h"

static const char zStyle[] =
    "body{font-family:'DejaVu Sans',system-ui,sans-serif;color:#111;max-width:60rem;"
    "margin:1.5rem auto;padding:0 1rem;line-height:1.4;font-size:15px}"
    ".kicker{color:#444;margin:0 0 .3rem}"
    "h1{font-size:1.5rem;margin:.2rem 0 .6rem}"
    ".subtitle{margin:.2rem 0;font-weight:600}"
    "h2{font-size:1.1rem;margin:1.4rem 0 .5rem}"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}"
    "caption{text-align:left;font-weight:600;padding:.3rem 0}"
    "th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top;"
    "overflow-wrap:break-word}"
    "th{background:#eee}"
    "thead{display:table-header-group}"
    "tr{break-inside:avoid}"
    ".small{font-size:.8rem;color:#333;overflow-wrap:break-word}"
    ".links{font-size:.9rem;margin:0 0 1rem}"
    ".links a{margin-right:1rem}"
    "@page{size:A4;margin:18mm 15mm}"
    "@media print{.links{display:none}body{max-width:none;margin:0;padding:0;font-size:10pt}"
    "a{color:inherit;text-decoration:none}}";

/* An element's start with its class and its text's language. */
static void open_tag(Buf *p, const char *zTag, const char *zClass, const RText *t) {
  buf_printf(p, "<%s", zTag);
  if (zClass) buf_printf(p, " class=\"%s\"", zClass);
  if (t->zLang) hprintf(p, " lang=\"%s\"", t->zLang);
  buf_putc(p, '>');
}

static void put_rtext(Buf *p, const RText *t) {
  if (t->zHref)
    hprintf(p, "<a href=\"%s\">%s</a>", t->zHref, t->z);
  else
    html_escape(p, t->z);
}

static void put_block(Buf *p, const RText *t, const char *zTag, const char *zClass) {
  open_tag(p, zTag, zClass, t);
  put_rtext(p, t);
  hprintf(p, "</%s>\n", zTag);
}

static void put_table(Buf *p, const RBlock *b) {
  buf_puts(p, "<table>");
  if (*b->t.z) put_block(p, &b->t, "caption", 0);
  buf_puts(p, "<thead><tr>");
  for (int i = 0; i < b->nCol; i++) {
    open_tag(p, "th", 0, &b->aHead[i]);
    html_escape(p, b->aHead[i].z);
    buf_puts(p, "</th>");
  }
  buf_puts(p, "</tr></thead>\n<tbody>\n");
  for (int i = 0; i < b->nCell; i++) {
    if (i % b->nCol == 0) buf_puts(p, "<tr>");
    open_tag(p, i % b->nCol == 0 ? "th scope=\"row\"" : "td", 0, &b->aCell[i]);
    put_rtext(p, &b->aCell[i]);
    buf_puts(p, i % b->nCol == 0 ? "</th>" : "</td>");
    if (i % b->nCol == b->nCol - 1 || i == b->nCell - 1) buf_puts(p, "</tr>\n");
  }
  buf_puts(p, "</tbody></table>\n");
}

void report_html(const RDoc *d, const char *const *azLink, int nLink, Buf *p) {
  hprintf(p,
          "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          "<link rel=\"icon\" href=\"data:,\"><title>%s</title><style>",
          d->zLang, d->zTitle);
  buf_puts(p, zStyle);
  buf_puts(p, "</style></head>\n<body>\n");
  if (nLink > 0) {
    buf_puts(p, "<nav class=\"links\">");
    for (int i = 0; i < nLink; i++) {
      const char *zLang = azLink[3 * i + 2];
      hprintf(p, "<a href=\"%s\"", azLink[3 * i + 1]);
      if (zLang) hprintf(p, " lang=\"%s\" hreflang=\"%s\"", zLang, zLang);
      hprintf(p, ">%s</a>", azLink[3 * i]);
    }
    buf_puts(p, "</nav>\n");
  }
  buf_puts(p, "<main>\n");
  bool bList = false;
  for (int i = 0; i < d->n; i++) {
    const RBlock *b = &d->a[i];
    if (bList && b->kind != R_ITEM) {
      buf_puts(p, "</ul>\n");
      bList = false;
    }
    switch (b->kind) {
    case R_KICKER: put_block(p, &b->t, "p", "kicker"); break;
    case R_TITLE: put_block(p, &b->t, "h1", 0); break;
    case R_SUBTITLE: put_block(p, &b->t, "p", "subtitle"); break;
    case R_HEADING: put_block(p, &b->t, "h2", 0); break;
    case R_PARA: put_block(p, &b->t, "p", 0); break;
    case R_ITEM:
      if (!bList) buf_puts(p, "<ul>\n");
      bList = true;
      put_block(p, &b->t, "li", 0);
      break;
    case R_SMALL: put_block(p, &b->t, "p", "small"); break;
    case R_TABLE: put_table(p, b); break;
    }
  }
  if (bList) buf_puts(p, "</ul>\n");
  buf_puts(p, "</main>\n</body></html>\n");
}
