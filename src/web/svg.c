#include "svg.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "i18n.h"

#define CHART_W 880.0 /* viewBox width; the page scales it */
#define MAX_TICKS 16

/* ---- Numbers -------------------------------------------------------------- */

/* x with nDec (0 or 1) decimals, the bytes printf's "%.0f" or "%.1f" writes
** (the exact binary value rounded to nearest, half to even; "-" for a negative
** x, even one that rounds to zero), without printf's multiple-precision
** arithmetic: a chart has hundreds of numbers. The product x * 10 is rounded
** by the multiplication, so its exact value is kept as p + err (fma gives the
** error exactly) and the rounding of p corrected by the sign of err. */
static void put_num(Buf *p, double x, int nDec) {
  double scale = nDec ? 10.0 : 1.0;
  if (!(fabs(x) < 1e12)) { /* NaN, infinities, what no chart holds */
    buf_printf(p, "%.*f", nDec, x);
    return;
  }
  double prod = x * scale;
  double err = fma(x, scale, -prod); /* x * scale == prod + err, exactly */
  double k = nearbyint(prod);        /* to nearest, half to even */
  double t = prod - k;               /* exact: |t| <= 0.5 */
  /* x * scale - k == t + err; t is a multiple of prod's ulp and |err| is at
  ** most half of it, so these sums have the sign of the exact ones. */
  if (t == 0.5 && err > 0)
    k += 1;
  else if (t == -0.5 && err < 0)
    k -= 1;
  char z[32];
  int i = (int)sizeof(z);
  uint64_t n = (uint64_t)fabs(k);
  if (nDec) {
    z[--i] = (char)('0' + n % 10);
    z[--i] = '.';
    n /= 10;
  }
  do {
    z[--i] = (char)('0' + n % 10);
    n /= 10;
  } while (n);
  if (signbit(x)) z[--i] = '-';
  buf_append(p, z + i, sizeof(z) - (size_t)i);
}

/* zBefore, then x as "%.1f" does, then a quote: an attribute's end. */
static void put_attr(Buf *p, const char *zBefore, double x) {
  buf_puts(p, zBefore);
  put_num(p, x, 1);
  buf_putc(p, '"');
}

/* ---- Time axis ------------------------------------------------------------ */

typedef struct Tick {
  pdate date;
  char zLabel[32];
} Tick;

/* A month's short name under a tick, in the page's language. */
static const char *const azMonth[] = {N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"),
                                      N_("May"), N_("Jun"), N_("Jul"), N_("Aug"),
                                      N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};

/* Ticks on 1 January every 1, 2, 5, 10... years, or on the first of every
** 1, 2, 3 or 6 months for spans under three years; at most 11 of them. */
static int time_ticks(pdate start, pdate end, Tick *aTick) {
  int y0, m0, d0, y1, m1, d1, n = 0;
  date_to_ymd(start, &y0, &m0, &d0);
  date_to_ymd(end, &y1, &m1, &d1);
  if (end - start >= 3 * 365) {
    static const int aStep[] = {1, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000};
    int step = 1000;
    for (size_t i = 0; i < sizeof(aStep) / sizeof(aStep[0]); i++) {
      if ((y1 - y0) / aStep[i] <= 10) {
        step = aStep[i];
        break;
      }
    }
    for (int y = (y0 / step) * step; y <= y1 && n < MAX_TICKS; y += step) {
      pdate d = date_from_ymd(y, 1, 1);
      if (d < start || d > end) continue;
      aTick[n].date = d;
      snprintf(aTick[n].zLabel, sizeof(aTick[n].zLabel), "%d", y);
      n++;
    }
  } else {
    static const int aStep[] = {1, 2, 3, 6, 12};
    int months = (y1 - y0) * 12 + (m1 - m0), step = 12;
    for (size_t i = 0; i < sizeof(aStep) / sizeof(aStep[0]); i++) {
      if (months / aStep[i] <= 10) {
        step = aStep[i];
        break;
      }
    }
    for (int k = (y0 * 12 + m0 - 1); k <= y1 * 12 + m1 - 1 && n < MAX_TICKS; k++) {
      if ((k % 12) % step) continue;
      pdate d = date_from_ymd(k / 12, k % 12 + 1, 1);
      if (d < start || d > end) continue;
      aTick[n].date = d;
      if (k % 12 == 0)
        snprintf(aTick[n].zLabel, sizeof(aTick[n].zLabel), "%d", k / 12);
      else
        snprintf(aTick[n].zLabel, sizeof(aTick[n].zLabel), "%s", _(azMonth[k % 12]));
      n++;
    }
  }
  return n;
}

typedef struct Scale {
  pdate start, end;
  double x0, x1;
} Scale;

static double xpos(const Scale *s, pdate d) {
  if (d < s->start) d = s->start;
  if (d > s->end) d = s->end;
  double span = s->end > s->start ? (double)(s->end - s->start) : 1.0;
  return s->x0 + (s->x1 - s->x0) * (double)(d - s->start) / span;
}

/* <line x1=".." y1=".." x2=".." y2=".."/> */
static void put_line(Buf *p, double x1, double y1, double x2, double y2) {
  put_attr(p, "<line x1=\"", x1);
  put_attr(p, " y1=\"", y1);
  put_attr(p, " x2=\"", x2);
  put_attr(p, " y2=\"", y2);
  buf_puts(p, "/>");
}

/* Grid lines from yTop to yBottom and labels under yBottom. */
static void time_axis(Buf *p, const Scale *s, double yTop, double yBottom) {
  Tick aTick[MAX_TICKS];
  int n = time_ticks(s->start, s->end, aTick);
  buf_puts(p, "<g class=\"axis\">");
  put_attr(p, "<line class=\"base\" x1=\"", s->x0);
  put_attr(p, " y1=\"", yBottom);
  put_attr(p, " x2=\"", s->x1);
  put_attr(p, " y2=\"", yBottom);
  buf_puts(p, "/>");
  for (int i = 0; i < n; i++) {
    double x = xpos(s, aTick[i].date);
    put_line(p, x, yTop, x, yBottom);
    put_attr(p, "<text x=\"", x);
    put_attr(p, " y=\"", yBottom + 16);
    buf_puts(p, " text-anchor=\"middle\">");
    html_escape(p, aTick[i].zLabel);
    buf_puts(p, "</text>");
  }
  buf_puts(p, "</g>");
}

static void svg_open(Buf *p, const char *zId, const char *zTitle, const char *zDesc, double h) {
  buf_printf(p,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
             "aria-labelledby=\"",
             CHART_W, h);
  html_escape(p, zId);
  buf_puts(p, "-t ");
  html_escape(p, zId);
  buf_puts(p, "-d\"><title id=\"");
  html_escape(p, zId);
  buf_puts(p, "-t\">");
  html_escape(p, zTitle);
  buf_puts(p, "</title><desc id=\"");
  html_escape(p, zId);
  buf_puts(p, "-d\">");
  html_escape(p, zDesc);
  buf_puts(p, "</desc>");
}

/* ---- Timeline ------------------------------------------------------------- */

#define TL_MAX_CHARS 23 /* longer labels are cut, with the whole in a <title> */

/* A label of at most nMax characters (UTF-8 aware): a longer one is cut, or
** replaced by zShort (if not NULL), with the whole in a <title>. */
static void put_label(Buf *p, const char *z, const char *zShort, int nMax) {
  int nChar = 0;
  size_t iCut = 0;
  for (size_t i = 0; z[i]; i++) {
    if (((unsigned char)z[i] & 0xC0) == 0x80) continue;
    if (nChar == nMax - 1) iCut = i;
    nChar++;
  }
  if (nChar <= nMax) {
    html_escape(p, z);
    return;
  }
  buf_puts(p, "<title>");
  html_escape(p, z);
  buf_puts(p, "</title>");
  if (zShort) {
    html_escape(p, zShort);
    return;
  }
  char *zCut = xmalloc(iCut + 1);
  memcpy(zCut, z, iCut);
  zCut[iCut] = 0;
  html_escape(p, zCut);
  xfree(zCut);
  buf_puts(p, "\xe2\x80\xa6");
}

#define TL_LABEL 186.0
#define TL_ROW 24.0
#define TL_BAR 14.0
#define TL_TOP 6.0
#define TL_AXIS 28.0

void svg_timeline(Buf *p, const SvgTimeline *c) {
  double h = TL_TOP + TL_ROW * c->nRow + TL_AXIS;
  Scale s = {c->start, c->end, TL_LABEL, CHART_W - 18};
  svg_open(p, c->zId, c->zTitle, c->zDesc, h);
  for (int r = 0; r < c->nRow; r++) {
    if (r % 2 == 0) {
      put_attr(p, "<rect class=\"band\" x=\"0\" y=\"", TL_TOP + TL_ROW * r);
      buf_puts(p, " width=\"");
      put_num(p, CHART_W, 0);
      buf_puts(p, "\" height=\"");
      put_num(p, TL_ROW, 0);
      buf_puts(p, "\"/>");
    }
  }
  time_axis(p, &s, TL_TOP, TL_TOP + TL_ROW * c->nRow);
  for (int r = 0; r < c->nRow; r++) {
    const SvgRow *pRow = &c->aRow[r];
    double y = TL_TOP + TL_ROW * r;
    if (pRow->zHref) {
      buf_puts(p, "<a href=\"");
      html_escape(p, pRow->zHref);
      buf_puts(p, "\">");
    }
    put_attr(p, "<text class=\"label\" x=\"", TL_LABEL - 8);
    put_attr(p, " y=\"", y + TL_ROW / 2 + 4);
    buf_puts(p, " text-anchor=\"end\"");
    if (pRow->zLang) {
      buf_puts(p, " lang=\"");
      html_escape(p, pRow->zLang);
      buf_puts(p, "\"");
    }
    buf_puts(p, ">");
    put_label(p, pRow->zLabel, pRow->zShort, TL_MAX_CHARS);
    buf_puts(p, "</text>");
    if (pRow->zHref) buf_puts(p, "</a>");
    for (int b = 0; b < pRow->nBar; b++) {
      const SvgBar *pBar = &pRow->aBar[b];
      double x0 = xpos(&s, pBar->from);
      double x1 = xpos(&s, pBar->to == DATE_NONE ? c->end : pBar->to);
      if (x1 - x0 < 2) x1 = x0 + 2;
      buf_puts(p, "<rect class=\"");
      html_escape(p, pBar->zClass);
      put_attr(p, "\" x=\"", x0);
      put_attr(p, " y=\"", y + (TL_ROW - TL_BAR) / 2);
      put_attr(p, " width=\"", x1 - x0);
      buf_puts(p, " height=\"");
      put_num(p, TL_BAR, 0);
      buf_puts(p, "\" rx=\"2\"><title>");
      html_escape(p, pBar->zTitle);
      buf_puts(p, "</title></rect>");
    }
  }
  buf_puts(p, "</svg>");
}

/* ---- Step chart ----------------------------------------------------------- */

#define ST_LEFT 52.0
#define ST_TOP 26.0
#define ST_PLOT 220.0
#define ST_AXIS 30.0

void svg_steps(Buf *p, const SvgSteps *c) {
  int yMax = c->threshold;
  for (int i = 0; i < c->nPoint; i++)
    if (c->aPoint[i].value > yMax) yMax = c->aPoint[i].value;
  yMax += 1;
  int yStep = 1;
  static const int aStep[] = {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000};
  for (size_t i = 0; i < sizeof(aStep) / sizeof(aStep[0]); i++) {
    yStep = aStep[i];
    if (yMax / yStep <= 6) break;
  }
  if (yMax % yStep) yMax += yStep - yMax % yStep;
  double h = ST_TOP + ST_PLOT + ST_AXIS;
  double yBase = ST_TOP + ST_PLOT;
  Scale s = {c->start, c->end, ST_LEFT, CHART_W - 24};
#define YPOS(v) (yBase - ST_PLOT * (double)(v) / (double)yMax)
  svg_open(p, c->zId, c->zTitle, c->zDesc, h);
  time_axis(p, &s, ST_TOP, yBase);
  /* Count axis. */
  buf_puts(p, "<g class=\"axis\">");
  for (int v = 0; v <= yMax; v += yStep) {
    put_line(p, ST_LEFT, YPOS(v), s.x1, YPOS(v));
    put_attr(p, "<text x=\"", ST_LEFT - 8);
    put_attr(p, " y=\"", YPOS(v) + 4);
    buf_puts(p, " text-anchor=\"end\">");
    put_num(p, v, 0);
    buf_puts(p, "</text>");
  }
  put_attr(p, "<text x=\"", 4.0);
  put_attr(p, " y=\"", ST_TOP - 12);
  buf_putc(p, '>');
  html_escape(p, c->zYLabel);
  buf_puts(p, "</text></g>");
  /* Threshold. */
  if (c->threshold > 0) {
    put_attr(p, "<line class=\"threshold\" x1=\"", ST_LEFT);
    put_attr(p, " y1=\"", YPOS(c->threshold));
    put_attr(p, " x2=\"", s.x1);
    put_attr(p, " y2=\"", YPOS(c->threshold));
    put_attr(p, "/><text class=\"threshold-label\" x=\"", ST_LEFT + 6);
    put_attr(p, " y=\"", YPOS(c->threshold) - 6);
    buf_putc(p, '>');
    html_escape(p, c->zThreshold);
    buf_puts(p, "</text>");
  }
  /* Marker. */
  if (c->marker != DATE_NONE && c->marker >= c->start && c->marker <= c->end) {
    double x = xpos(&s, c->marker);
    bool bRight = x > (s.x0 + s.x1) / 2;
    put_attr(p, "<line class=\"marker\" x1=\"", x);
    put_attr(p, " y1=\"", ST_TOP - 4);
    put_attr(p, " x2=\"", x);
    put_attr(p, " y2=\"", yBase);
    put_attr(p, "/><text class=\"marker-label\" x=\"", bRight ? x - 6 : x + 6);
    put_attr(p, " y=\"", ST_TOP + 10);
    buf_puts(p, bRight ? " text-anchor=\"end\">" : " text-anchor=\"start\">");
    html_escape(p, c->zMarker);
    buf_puts(p, "</text>");
  }
  /* The step line, then a dot at every step. */
  buf_puts(p, "<path class=\"steps\" d=\"M");
  put_num(p, s.x0, 1);
  buf_putc(p, ' ');
  put_num(p, YPOS(0), 1);
  for (int i = 0; i < c->nPoint; i++) {
    buf_puts(p, " H");
    put_num(p, xpos(&s, c->aPoint[i].date), 1);
    buf_puts(p, " V");
    put_num(p, YPOS(c->aPoint[i].value), 1);
  }
  buf_puts(p, " H");
  put_num(p, s.x1, 1);
  buf_puts(p, "\"/>");
  for (int i = 0; i < c->nPoint; i++) {
    buf_puts(p, c->aPoint[i].bHighlight ? "<circle class=\"dot hit\"" : "<circle class=\"dot\"");
    put_attr(p, " cx=\"", xpos(&s, c->aPoint[i].date));
    put_attr(p, " cy=\"", YPOS(c->aPoint[i].value));
    buf_puts(p, c->aPoint[i].bHighlight ? " r=\"5.5\"><title>" : " r=\"4\"><title>");
    html_escape(p, c->aPoint[i].zTitle);
    buf_puts(p, "</title></circle>");
  }
#undef YPOS
  buf_puts(p, "</svg>");
}
