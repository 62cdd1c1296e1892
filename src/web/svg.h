/*
** Charts for the web pages, written as inline SVG: a timeline of dated
** intervals by row (memberships) and a step chart of a count over time
** (consents against an entry-into-force threshold). Each chart has a
** <title> and <desc> for screen readers, a <title> on every mark, and
** CSS classes for colours (the page's style sheet defines them). Callers
** pass plain strings; everything is HTML-escaped here.
*/
#ifndef PACTA_SVG_H
#define PACTA_SVG_H

#include <stdbool.h>

#include "date.h"
#include "util.h"

/* One interval [from, to) of a timeline row; to DATE_NONE runs to the end. */
typedef struct SvgBar {
  pdate from;
  pdate to;
  const char *zClass; /* colour class, e.g. "k-member" */
  const char *zTitle; /* what the bar is, read out and shown on hover */
} SvgBar;

typedef struct SvgRow {
  const char *zLabel;
  const char *zHref; /* the label links here; may be NULL */
  const SvgBar *aBar;
  int nBar;
  const char *zLang;  /* the label's language when it is not the page's, else NULL */
  const char *zShort; /* shown instead of a label too long to show whole ("СНГ"); may be NULL */
} SvgRow;

typedef struct SvgTimeline {
  const char *zId; /* unique on the page (ids of <title>, <desc>) */
  const char *zTitle;
  const char *zDesc;
  const SvgRow *aRow;
  int nRow;
  pdate start; /* the time axis */
  pdate end;
} SvgTimeline;

/* Append the timeline as an <svg> element. */
void svg_timeline(Buf *p, const SvgTimeline *pChart);

/* From `date` on, the count is `value`; points ascend by date. */
typedef struct SvgPoint {
  pdate date;
  int value;
  const char *zTitle;
  bool bHighlight; /* drawn filled: e.g. the consent that met the conditions */
} SvgPoint;

typedef struct SvgSteps {
  const char *zId;
  const char *zTitle;
  const char *zDesc;
  const char *zYLabel; /* what is counted, e.g. "consents" */
  const SvgPoint *aPoint;
  int nPoint;
  pdate start;
  pdate end;
  int threshold;          /* > 0: a dashed horizontal line at this count */
  const char *zThreshold; /* its label */
  pdate marker;           /* DATE_NONE: none; else a vertical line */
  const char *zMarker;    /* its label */
} SvgSteps;

/* Append the step chart as an <svg> element. */
void svg_steps(Buf *p, const SvgSteps *pChart);

#endif
