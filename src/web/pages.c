/*
** The web pages: server-rendered HTML over the same queries as the API
** (registry.h), one small inline style sheet, no script. Every piece of
** data goes through html_escape (hprintf's %s escapes). GET pages depend
** only on the registry and the query string, so the server caches them by
** journal sequence; the action form (/record) is never cached.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "auth.h"
#include "form.h"
#include "http.h"
#include "ingest.h"
#include "interchange.h"
#include "journal.h"
#include "kind.h"
#include "page.h"
#include "publish.h"
#include "routes.h"
#include "registry.h"
#include "rules.h"
#include "search.h"
#include "svg.h"

#define HTML "text/html; charset=utf-8"
#define MAX_FORM_BODY 65536

/* ---- Small helpers ------------------------------------------------------------ */

static char *xprintf(const char *zFmt, ...) {
  Buf b = {0};
  va_list ap;
  va_start(ap, zFmt);
  buf_vprintf(&b, zFmt, ap);
  va_end(ap);
  return b.z;
}

/* " <span lang=ru>...</span>" when the name has a Russian form. */
static void put_ru(Buf *p, const json_t *pName) {
  const char *zRu = str(pName, "ru");
  if (zRu) hprintf(p, " <span class=\"ru\" lang=\"ru\">%s</span>", zRu);
}

static void put_date(Buf *p, const char *zDate) {
  if (zDate && *zDate)
    hprintf(p, "<time datetime=\"%s\">%s</time>", zDate, zDate);
  else
    buf_puts(p, "<span class=\"muted\"><span aria-hidden=\"true\">&#8212;</span>"
                "<span class=\"sr\">none</span></span>");
}

/* "in_force" as "in force". */
static void put_words(Buf *p, const char *z) {
  Buf t = {0};
  buf_puts(&t, z ? z : "");
  for (size_t i = 0; i < t.n; i++)
    if (t.z[i] == '_') t.z[i] = ' ';
  html_escape(p, t.z ? t.z : "");
  buf_free(&t);
}

static void put_badge(Buf *p, const char *zStatus) {
  if (!zStatus) {
    buf_puts(p, "<span class=\"muted\">no status</span>");
    return;
  }
  hprintf(p, "<span class=\"badge st-%s\">", zStatus);
  put_words(p, zStatus);
  buf_puts(p, "</span>");
}

static const char *ordinal_suffix(long long n) {
  if (n % 100 >= 11 && n % 100 <= 13) return "th";
  switch (n % 10) {
  case 1: return "st";
  case 2: return "nd";
  case 3: return "rd";
  default: return "th";
  }
}

/* Every live entity of a kind as an object keyed by zField. */
static json_t *load_map(Db *pDb, Kind kind, const char *zField) {
  json_t *a = entity_list(pDb, kind, 0), *pMap = json_object();
  for (size_t i = 0; i < json_array_size(a); i++) {
    json_t *v = json_array_get(a, i);
    if (str(v, zField)) json_object_set(pMap, str(v, zField), v);
  }
  json_decref(a);
  return pMap;
}

/* Links to entities, by name when known. */
static void put_party(Buf *p, const json_t *pParties, const char *zCode) {
  if (!zCode) zCode = "";
  const json_t *pParty = json_object_get(pParties, zCode);
  hprintf(p,
          "<span class=\"nw\"><a href=\"/parties/%s\">%s</a> <span class=\"code\">%s</span></span>",
          zCode, name_en(json_object_get(pParty, "name"), zCode), zCode);
}

static void put_link(Buf *p, const char *zPrefix, const json_t *pMap, const char *zId,
                     const char *zNameField) {
  if (!zId) zId = "";
  const json_t *v = json_object_get(pMap, zId);
  hprintf(p, "<a href=\"/%s/%s\">%s</a>", zPrefix, zId,
          name_en(json_object_get(v, zNameField), zId));
}

/* A table in a scrolling region that keyboard users can reach. */
static void table_begin(Buf *p, const char *zCaption, const char *zHeads) {
  hprintf(p, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"%s\"><table>",
          zCaption);
  hprintf(p, "<caption>%s</caption><thead><tr>", zCaption);
  /* zHeads: column names separated by '|' (literal text of the page). */
  for (const char *z = zHeads; *z;) {
    size_t n = strcspn(z, "|");
    buf_puts(p, "<th scope=\"col\">");
    buf_append(p, z, n);
    buf_puts(p, "</th>");
    z += n;
    if (*z) z++;
  }
  buf_puts(p, "</tr></thead><tbody>");
}

static void table_end(Buf *p) {
  buf_puts(p, "</tbody></table></div>");
}

static void put_sources(Buf *p, const json_t *aSource) {
  if (!json_array_size(aSource)) return;
  buf_puts(p, "<h2 id=\"sources\">Sources</h2><ul class=\"sources\">");
  for (size_t i = 0; i < json_array_size(aSource); i++) {
    const json_t *s = json_array_get(aSource, i);
    const char *zRef = str(s, "ref");
    buf_puts(p, "<li>");
    if (zRef && (strncmp(zRef, "https://", 8) == 0 || strncmp(zRef, "http://", 7) == 0))
      hprintf(p, "<a href=\"%s\" rel=\"noreferrer\">%s</a>", zRef, dflt(str(s, "title"), zRef));
    else
      hprintf(p, "%s%s%s", dflt(str(s, "title"), ""), zRef ? " \xe2\x80\x94 " : "", dflt(zRef, ""));
    if (str(s, "date")) hprintf(p, " (%s)", str(s, "date"));
    buf_puts(p, "</li>");
  }
  buf_puts(p, "</ul>");
}

/* ---- The page frame ------------------------------------------------------------- */

static const char zStyle[] =
    ":root{--fg:#1b1f24;--muted:#57606a;--line:#d8dee4;--soft:#f4f6f8;--accent:#1d4e89;"
    "--warn:#9a3412;--warnbg:#fff4e6}"
    "*{box-sizing:border-box}"
    "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;"
    "color:var(--fg);background:#fff}"
    "a{color:var(--accent);text-underline-offset:2px}a:hover{color:#0b2e57}"
    ":focus-visible{outline:3px solid #e8a200;outline-offset:2px;border-radius:2px}"
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
    "white-space:nowrap}.skip{position:absolute;left:-9999px}.skip:focus{left:.5rem;top:.5rem;"
    "background:#fff;"
    "padding:.3rem .6rem;z-index:9}"
    "header.site{background:#16293f;color:#fff}"
    ".in{max-width:74rem;margin:0 auto;padding:.65rem 1rem}"
    "header.site .in{display:flex;flex-wrap:wrap;gap:.3rem 1.6rem;align-items:baseline}"
    ".brand{font-weight:700;font-size:1.25rem;color:#fff;text-decoration:none;letter-spacing:.03em}"
    ".brand:hover{color:#fff}"
    "nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.15rem 1.1rem}"
    "nav a{color:#d6e3f3;text-decoration:none}nav a:hover{color:#fff;text-decoration:underline}"
    "nav a[aria-current]{color:#fff;font-weight:600;text-decoration:underline;"
    "text-underline-offset:5px}"
    "main{max-width:74rem;margin:0 auto;padding:.5rem 1rem 3rem}"
    "h1{font-size:1.8rem;line-height:1.25;margin:1rem 0 .2rem}"
    "h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-bottom:.25rem;"
    "border-bottom:1px solid var(--line)}"
    "h3{font-size:1.05rem;margin:1.4rem 0 .4rem}"
    ".ru,.muted{color:var(--muted)}p.ru{margin:0 0 1rem;font-size:1.15rem}"
    ".lede{font-size:1.1rem;color:#3b434b;max-width:46rem}"
    ".code{font:600 .78em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted)}"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.2rem;margin:1rem 0}"
    "dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}"
    ".scroll{overflow-x:auto;margin:.6rem 0 1.2rem;border:1px solid var(--line);border-radius:6px}"
    "table{border-collapse:collapse;width:100%;font-size:.94rem}"
    "caption{text-align:left;font-weight:600;padding:.5rem .75rem;background:var(--soft);"
    "border-bottom:1px solid var(--line)}"
    "th,td{padding:.42rem .75rem;text-align:left;vertical-align:top;"
    "border-bottom:1px solid var(--line)}"
    "thead th{font-size:.82rem;color:var(--muted);font-weight:600;white-space:nowrap}"
    "tbody th{font-weight:600}tbody tr:last-child>*{border-bottom:0}"
    ".nw{white-space:nowrap;font-variant-numeric:tabular-nums}"
    "tr.breach{background:var(--warnbg)}tr.breach>:first-child{box-shadow:inset 4px 0 var(--warn)}"
    "tr.now{background:#eef4fb}time{white-space:nowrap}"
    ".flag{color:var(--warn);font-weight:600}"
    ".badge{display:inline-block;padding:0 .55em;border-radius:1em;font-size:.84em;"
    "border:1px solid;white-space:nowrap}"
    ".st-in_force{color:#14532d;background:#e7f5ec;border-color:#93cca6}"
    ".st-provisional{color:#115e59;background:#e6f6f4;border-color:#8fd0c8}"
    ".st-consented{color:#1e3a8a;background:#eaf0fc;border-color:#a9bff0}"
    ".st-signed{color:#374151;background:#f1f3f5;border-color:#c4cad1}"
    ".st-withdrawing{color:#92400e;background:#fff6e5;border-color:#f0c27a}"
    ".st-withdrawn{color:#991b1b;background:#fdeeee;border-color:#eba5a5}"
    ".st-not_interested{color:#4b5563;background:#fff;border-color:#c4cad1}"
    ".chart{overflow-x:auto;margin:.6rem 0}.chart svg{min-width:720px;width:100%;height:auto;"
    "display:block}"
    ".chart text{font-size:12px;fill:#3d4650}.chart a text{fill:var(--accent)}"
    ".chart a:focus-visible text{text-decoration:underline}"
    ".axis line{stroke:#e1e6eb}.axis line.base{stroke:#8a96a3}.band{fill:#f6f8fa}"
    ".k-founding{fill:#173f6e;background:#173f6e}.k-member{fill:#4f8ac9;background:#4f8ac9}"
    ".k-associate{fill:#e0a526;background:#e0a526}"
    ".k-participant{fill:#5f9e63;background:#5f9e63}"
    ".k-observer{fill:#a2abb5;background:#a2abb5}.k-suspended{fill:#c2413b;background:#c2413b}"
    ".steps{fill:none;stroke:#1d4e89;stroke-width:2.5}"
    ".dot{fill:#fff;stroke:#1d4e89;stroke-width:2}.dot.hit{fill:#1d4e89}"
    ".sw.dot-hit{border-radius:50%;background:#1d4e89}"
    ".threshold{stroke:#c2410c;stroke-dasharray:6 4;stroke-width:1.5}"
    ".chart .threshold-label{fill:#9a3412;font-weight:600}"
    ".marker{stroke:#15803d;stroke-width:1.5}.chart .marker-label{fill:#166534;font-weight:600}"
    "ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.1rem;"
    "font-size:.9rem;margin:.2rem 0 .6rem}"
    ".sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;"
    "margin-right:.35em}.sw.line{height:0;border-top:2px dashed #c2410c;width:1.4em;"
    "vertical-align:.25em}.sw.mark{width:2px;background:#15803d}.sw.step{height:0;"
    "border-top:3px solid #1d4e89;width:1.4em;vertical-align:.25em}"
    "form.inline{display:flex;flex-wrap:wrap;gap:.5rem .7rem;align-items:center;margin:.6rem 0 "
    "1rem}"
    "label{font-weight:600;font-size:.92rem}"
    "input,select,textarea,button{font:inherit;padding:.38rem .55rem;border:1px solid #8a96a3;"
    "border-radius:4px;background:#fff;color:inherit}"
    "button{background:var(--accent);color:#fff;border-color:var(--accent);font-weight:600;"
    "cursor:pointer}button:hover{background:#0b2e57}"
    ".fields{display:grid;gap:1rem;max-width:38rem;margin:1rem 0}"
    ".fields label{display:block;margin-bottom:.2rem}"
    ".fields input,.fields select,.fields textarea{width:100%}"
    ".hint{color:var(--muted);font-size:.86rem;margin:.2rem 0 0}"
    ".notice{border:1px solid;border-radius:6px;padding:.7rem 1rem;margin:1rem 0}"
    ".notice.ok{background:#ecf8ef;border-color:#93cca6}"
    ".notice.err{background:#fdf0ef;border-color:#e0a09a}"
    ".notice ul{margin:.3rem 0 0;padding-left:1.2rem}"
    ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:1rem;"
    "padding:0;list-style:none}"
    ".cards li{border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem}"
    ".cards .ru{display:block;font-size:.92rem}.cards a{font-weight:600}"
    "td.notes{min-width:15rem;width:35%}td.stmts{min-width:14rem}"
    ".explain li{margin:.35rem 0}.small{font-size:.86rem}"
    "p.note{max-width:50rem;color:#3b434b}"
    "form.navsearch input{padding:.2rem .4rem;border-radius:4px;border:1px solid #9fb3c8}"
    "mark{background:#fff1a8;padding:0 .1em}ul.facet{list-style:none;padding:0;margin:0}"
    ".facets{display:flex;flex-wrap:wrap;gap:0 2rem}.facets h3{font-size:1rem;margin:.5rem 0 .2rem}"
    "ul.facet a[aria-current]{font-weight:700;text-decoration:none;color:var(--fg)}"
    "ol.results li{margin:.8rem 0}form.search-page .dates{margin-top:.5rem}"
    "nav.pager a{margin-right:1.5rem}p.filters{color:var(--muted)}"
    "footer{border-top:1px solid var(--line);color:var(--muted);font-size:.86rem}"
    "@media (max-width:640px){body{font-size:15px}h1{font-size:1.45rem}"
    "dl.facts{grid-template-columns:1fr;gap:0}dl.facts dd{margin-bottom:.5rem}"
    "header.site .in{gap:.2rem 1rem}}";

static const struct {
  const char *zHref, *zLabel;
} aNav[] = {
    {"/", "Home"},
    {"/organizations", "Organizations"},
    {"/documents", "Documents"},
    {"/sessions", "Sessions"},
    {"/parties", "Parties"},
    {"/record", "Record an action"},
    {"/ingest", "From a press release"},
    {"/api/v1/openapi.json", "API"},
};

static void page_begin(Buf *p, const char *zTitle, const char *zNav) {
  buf_puts(p, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
              "<link rel=\"icon\" href=\"data:,\">"
              "<link rel=\"alternate\" type=\"application/atom+xml\" "
              "title=\"Depositary notifications\" href=\"/feed.atom\">");
  hprintf(p, "<title>%s%spacta</title>", zTitle ? zTitle : "", zTitle ? " \xc2\xb7 " : "");
  buf_puts(p, "<style>");
  buf_puts(p, zStyle);
  buf_puts(p, "</style></head><body><a class=\"skip\" href=\"#main\">Skip to content</a>"
              "<header class=\"site\"><div class=\"in\"><a class=\"brand\" href=\"/\">pacta</a>"
              "<nav aria-label=\"Main\"><ul>");
  for (size_t i = 0; i < sizeof(aNav) / sizeof(aNav[0]); i++) {
    bool bHere = zNav && strcmp(zNav, aNav[i].zHref) == 0;
    hprintf(p, "<li><a href=\"%s\"", aNav[i].zHref);
    if (bHere) buf_puts(p, " aria-current=\"page\"");
    hprintf(p, ">%s</a></li>", aNav[i].zLabel);
  }
  buf_puts(p, "</ul></nav><form class=\"navsearch\" action=\"/search\" role=\"search\">"
              "<input type=\"search\" name=\"q\" aria-label=\"Search the registry\" "
              "placeholder=\"Search\" size=\"14\"></form>");
  buf_puts(p, "</div></header><main id=\"main\">");
}

static void page_end(Buf *p, Req *pReq) {
  char zToday[DATE_BUFSZ];
  date_format(http_today(), zToday);
  hprintf(p,
          "</main><footer><div class=\"in\">pacta registry \xc2\xb7 journal entry %lld \xc2\xb7 "
          "today is %s (UTC) \xc2\xb7 dates and statuses are computed from each document's "
          "clause and the recorded actions \xc2\xb7 <a href=\"/api/v1/openapi.json\">JSON "
          "API</a></div></footer></body></html>\n",
          (long long)db_last_seq(pReq->pDb), zToday);
}

/* Send the page; GET pages are cacheable by journal sequence. */
static void page_send(Resp *r, int status, Buf *p, bool bCache) {
  resp_text(r, status, HTML, p->z ? p->z : "", p->n);
  r->bCacheable = bCache && status == 200;
  buf_free(p);
}

static void page_error(Req *pReq, Resp *r, int status, const char *zTitle, const char *zMsg) {
  Buf b = {0};
  page_begin(&b, zTitle, 0);
  hprintf(&b, "<h1>%s</h1><p class=\"lede\">%s</p>", zTitle, zMsg);
  buf_puts(&b, "<p><a href=\"/\">Back to the home page</a></p>");
  page_end(&b, pReq);
  page_send(r, status, &b, false);
}

static void not_found(Req *pReq, Resp *r, const char *zWhat, const char *zId) {
  Buf msg = {0};
  buf_printf(&msg, "There is no %s \"%s\" in this registry.", zWhat, zId ? zId : "");
  page_error(pReq, r, 404, "Not found", msg.z);
  buf_free(&msg);
}

/* The page frame for pages written in other modules (publish.h). */
void pages_begin(Buf *p, const char *zTitle, const char *zNav) {
  page_begin(p, zTitle, zNav);
}
void pages_end(Buf *p, Req *pReq) {
  page_end(p, pReq);
}
void pages_not_found(Req *pReq, Resp *r, const char *zWhat, const char *zId) {
  not_found(pReq, r, zWhat, zId);
}

/* ?on=YYYY-MM-DD, default today; a 400 page when malformed. */
static bool page_on(Req *pReq, Resp *r, pdate *pOn) {
  const char *z = req_arg(pReq, "on");
  if (!z || !*z) {
    *pOn = http_today();
    return true;
  }
  if (date_parse(z, strlen(z), pOn) == 0) return true;
  Buf msg = {0};
  buf_printf(&msg, "\"%s\" is not a date: expected a real date as YYYY-MM-DD, such as 2009-08-18.",
             z);
  page_error(pReq, r, 400, "Bad date", msg.z);
  buf_free(&msg);
  return false;
}

static void date_form(Buf *p, const char *zPath, const char *zLabel, const char *zOn) {
  hprintf(p,
          "<form class=\"inline\" method=\"get\" action=\"%s\"><label for=\"on\">%s</label>"
          "<input type=\"date\" id=\"on\" name=\"on\" value=\"%s\" required>"
          "<button type=\"submit\">Show</button></form>",
          zPath, zLabel, zOn);
}

/* ---- Timelines of memberships ------------------------------------------------------ */

static const char *const azKindName[] = {"founding",    "member",   "associate",
                                         "participant", "observer", "suspended"};

/* The legend for the kinds in the memberships aMem. */
static void kind_legend(Buf *p, const json_t *aMem) {
  buf_puts(p, "<ul class=\"legend\" aria-label=\"Legend\">");
  for (size_t k = 0; k < sizeof(azKindName) / sizeof(azKindName[0]); k++) {
    bool bUsed = false;
    for (size_t i = 0; i < json_array_size(aMem) && !bUsed; i++)
      bUsed = strcmp(dflt(str(json_array_get(aMem, i), "kind"), ""), azKindName[k]) == 0;
    if (bUsed)
      hprintf(p, "<li><span class=\"sw k-%s\"></span>%s</li>", azKindName[k], azKindName[k]);
  }
  buf_puts(p, "</ul>");
}

typedef struct RowKey {
  const char *zKey; /* the row's party or organization */
  pdate first;
} RowKey;

static int compare_row(const void *pA, const void *pB) {
  const RowKey *a = pA, *b = pB;
  if (a->first != b->first) return a->first < b->first ? -1 : 1;
  return strcmp(a->zKey, b->zKey);
}

static pdate json_date(const json_t *v) {
  pdate d;
  if (!json_is_string(v) || date_parse(json_string_value(v), json_string_length(v), &d))
    return DATE_NONE;
  return d;
}

/* A timeline of memberships aMem grouped into rows by zRowField ("party" or
** "organization"), rows in order of their first membership. pNames maps a
** row key to its record (for the label), zHrefPrefix makes its link. */
static void membership_timeline(Buf *p, const char *zId, const char *zTitle, const json_t *aMem,
                                const char *zRowField, const json_t *pNames, const char *zNameField,
                                const char *zHrefPrefix, pdate start) {
  size_t nMem = json_array_size(aMem);
  if (!nMem) {
    buf_puts(p, "<p class=\"muted\">No memberships recorded.</p>");
    return;
  }
  RowKey *aRow = xmalloc(nMem * sizeof(RowKey));
  int nRow = 0;
  pdate today = http_today(), end = today;
  for (size_t i = 0; i < nMem; i++) {
    const json_t *m = json_array_get(aMem, i);
    const char *zKey = dflt(str(m, zRowField), "");
    pdate from = json_date(json_object_get(m, "from")), to = json_date(json_object_get(m, "to"));
    if (from != DATE_NONE && (start == DATE_NONE || from < start)) start = from;
    if (to != DATE_NONE && to > end) end = to;
    int k = 0;
    while (k < nRow && strcmp(aRow[k].zKey, zKey) != 0) k++;
    if (k == nRow) aRow[nRow++] = (RowKey){zKey, from};
    if (from < aRow[k].first) aRow[k].first = from;
  }
  qsort(aRow, (size_t)nRow, sizeof(RowKey), compare_row);
  int y, mo, d;
  date_to_ymd(start, &y, &mo, &d);
  start = date_from_ymd(y, 1, 1);
  end = date_add_days(end, (end - start) / 60 + 1);

  SvgRow *aSvgRow = xmalloc((size_t)nRow * sizeof(SvgRow));
  SvgBar *aBar = xmalloc(nMem * sizeof(SvgBar));
  char **azFree = xmalloc((2 * nMem + (size_t)nRow) * sizeof(char *)); /* hrefs, classes, titles */
  int nBar = 0, nFree = 0;
  for (int r = 0; r < nRow; r++) {
    const char *zLabel =
        name_en(json_object_get(json_object_get(pNames, aRow[r].zKey), zNameField), aRow[r].zKey);
    aSvgRow[r] = (SvgRow){zLabel, azFree[nFree++] = xprintf("/%s/%s", zHrefPrefix, aRow[r].zKey),
                          aBar + nBar, 0};
    for (size_t i = 0; i < nMem; i++) {
      const json_t *m = json_array_get(aMem, i);
      if (strcmp(dflt(str(m, zRowField), ""), aRow[r].zKey) != 0) continue;
      const char *zKind = dflt(str(m, "kind"), "member");
      const char *zTo = str(m, "to");
      aBar[nBar] =
          (SvgBar){json_date(json_object_get(m, "from")), json_date(json_object_get(m, "to")),
                   azFree[nFree++] = xprintf("k-%s", zKind), 0};
      char *zTitleBar = xprintf("%s: %s from %s%s%s", zLabel, zKind, dflt(str(m, "from"), "?"),
                                zTo ? " to " : " (current)", zTo ? zTo : "");
      aBar[nBar].zTitle = azFree[nFree++] = zTitleBar;
      nBar++;
      aSvgRow[r].nBar++;
    }
  }
  Buf desc = {0};
  buf_printf(&desc,
             "%d rows, one bar per membership interval, coloured by kind; the table "
             "below gives the same data.",
             nRow);
  SvgTimeline chart = {zId, zTitle, desc.z, aSvgRow, nRow, start, end};
  buf_puts(p, "<figure class=\"chart\">");
  svg_timeline(p, &chart);
  buf_puts(p, "</figure>");
  kind_legend(p, aMem);
  buf_free(&desc);
  for (int i = 0; i < nFree; i++) free(azFree[i]);
  free(azFree);
  free(aBar);
  free(aSvgRow);
  free(aRow);
}

/* ---- Home ------------------------------------------------------------------- */

static const char *kind_path(const char *zKind) {
  static const struct {
    const char *zKind, *zPath;
  } a[] = {{"party", "parties"},
           {"organization", "organizations"},
           {"body", "bodies"},
           {"session", "sessions"},
           {"document", "documents"},
           {"action", "documents"},
           {"membership", "organizations"},
           {"chairmanship", "organizations"}};
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++)
    if (strcmp(a[i].zKind, zKind) == 0) return a[i].zPath;
  return 0;
}

typedef struct Upcoming {
  const char *zDate;
  const json_t *pSession;
  bool bNext; /* the session's announced next meeting */
} Upcoming;

static int compare_upcoming(const void *pA, const void *pB) {
  return strcmp(((const Upcoming *)pA)->zDate, ((const Upcoming *)pB)->zDate);
}

void page_get_home(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  Buf b = {0};
  char zToday[DATE_BUFSZ];
  pdate today = http_today();
  date_format(today, zToday);
  page_begin(&b, 0, "/");
  buf_puts(&b, "<h1>Treaties and organizations, computed</h1><p class=\"lede\">Which states "
               "are members and since when, who chairs and co-chairs, what each council "
               "adopted and who stayed away, and on what date each agreement entered into force "
               "for each state, computed from its own clause and the dated actions.</p>");

  buf_puts(&b, "<h2>Organizations</h2><ul class=\"cards\">");
  json_t *aOrg = entity_list(pDb, K_ORGANIZATION, 0);
  for (size_t i = 0; i < json_array_size(aOrg); i++) {
    const json_t *o = json_array_get(aOrg, i);
    const char *zId = str(o, "id");
    Buf err = {0};
    json_t *pMem = query_members(pDb, zId, today, &err);
    buf_free(&err);
    hprintf(&b, "<li><a href=\"/organizations/%s\">%s</a>", zId,
            name_en(json_object_get(o, "name"), zId));
    put_ru(&b, json_object_get(o, "name"));
    hprintf(&b, "<span class=\"small muted\">%zu members today",
            json_array_size(json_object_get(pMem, "members")));
    if (str(o, "founded"))
      hprintf(&b, " \xc2\xb7 founded <span class=\"nw\">%s</span>", str(o, "founded"));
    buf_puts(&b, "</span></li>");
    json_decref(pMem);
  }
  if (!json_array_size(aOrg)) buf_puts(&b, "<li class=\"muted\">No organizations yet.</li>");
  buf_puts(&b, "</ul>");
  json_t *pOrgs = json_object();
  for (size_t i = 0; i < json_array_size(aOrg); i++)
    json_object_set(pOrgs, str(json_array_get(aOrg, i), "id"), json_array_get(aOrg, i));
  json_decref(aOrg);

  /* Upcoming sessions: dated from today, or announced as a session's next. */
  json_t *aSession = entity_list(pDb, K_SESSION, 0);
  json_t *pBodies = load_map(pDb, K_BODY, "id");
  size_t nSession = json_array_size(aSession);
  Upcoming *aUp = xmalloc(2 * nSession * sizeof(Upcoming) + 1);
  int nUp = 0;
  for (size_t i = 0; i < nSession; i++) {
    const json_t *s = json_array_get(aSession, i);
    const char *zDate = str(s, "date"), *zNext = str(json_object_get(s, "next"), "date");
    if (zDate && strcmp(zDate, zToday) >= 0) aUp[nUp++] = (Upcoming){zDate, s, false};
    if (zNext && strcmp(zNext, zToday) >= 0) aUp[nUp++] = (Upcoming){zNext, s, true};
  }
  qsort(aUp, (size_t)nUp, sizeof(Upcoming), compare_upcoming);
  buf_puts(&b, "<h2>Upcoming sessions</h2>");
  if (!nUp) {
    buf_puts(&b, "<p class=\"muted\">No session is recorded or announced from today on. "
                 "<a href=\"/sessions\">All sessions</a>.</p>");
  } else {
    table_begin(&b, "Sessions from today on", "Date|Body|Place|Recorded as");
    for (int i = 0; i < nUp; i++) {
      const json_t *s = aUp[i].pSession;
      const char *zBody = str(s, "body");
      buf_puts(&b, "<tr><td class=\"nw\">");
      put_date(&b, aUp[i].zDate);
      buf_puts(&b, "</td><td>");
      put_link(&b, "bodies", pBodies, zBody, "name");
      const json_t *pBody = json_object_get(pBodies, dflt(zBody, ""));
      const json_t *pOrg = json_object_get(pOrgs, dflt(str(pBody, "organization"), ""));
      if (pOrg) hprintf(&b, " <span class=\"muted small\">%s</span>", str(pOrg, "id"));
      buf_puts(&b, "</td><td>");
      const char *zPlace =
          aUp[i].bNext ? str(json_object_get(s, "next"), "place") : str(s, "place");
      html_escape(&b, zPlace ? zPlace : "not stated");
      buf_puts(&b, "</td><td>");
      if (aUp[i].bNext)
        hprintf(&b, "announced at the <a href=\"/sessions/%s\">session of %s</a>", str(s, "id"),
                str(s, "date"));
      else
        hprintf(&b, "<a href=\"/sessions/%s\">scheduled session</a>", str(s, "id"));
      buf_puts(&b, "</td></tr>");
    }
    table_end(&b);
  }
  free(aUp);
  json_decref(aSession);
  json_decref(pBodies);
  json_decref(pOrgs);

  /* The latest journal entries. */
  buf_puts(&b, "<h2>Latest changes</h2>");
  sqlite3_stmt *q = db_stmt(pDb, "SELECT seq, record FROM journal ORDER BY seq DESC LIMIT 10");
  bool bAny = false;
  while (db_step_row(pDb, q)) {
    if (!bAny)
      table_begin(&b, "The ten latest journal entries", "Entry|Time (UTC)|By|Change|Entity");
    bAny = true;
    json_t *pRec = json_loads((const char *)sqlite3_column_text(q, 1), 0, 0);
    const char *zKind = dflt(str(pRec, "kind"), ""), *zKey = dflt(str(pRec, "key"), "");
    hprintf(&b, "<tr><td class=\"nw\">%lld</td><td class=\"nw\">%s</td><td>%s</td><td>%s %s</td>",
            (long long)sqlite3_column_int64(q, 0), dflt(str(pRec, "time"), ""),
            dflt(str(pRec, "actor"), ""),
            strcmp(dflt(str(pRec, "op"), ""), "retract") == 0 ? "retracted" : "put", zKind);
    const char *zPath = kind_path(zKind);
    size_t nId = strcspn(zKey, "|");
    char *zId = xprintf("%.*s", (int)nId, zKey);
    if (zPath && strcmp(dflt(str(pRec, "op"), ""), "retract") != 0)
      hprintf(&b, "<td><a href=\"/%s/%s\">%s</a></td></tr>", zPath, zId, zKey);
    else
      hprintf(&b, "<td>%s</td></tr>", zKey);
    free(zId);
    json_decref(pRec);
  }
  sqlite3_reset(q);
  if (bAny)
    table_end(&b);
  else
    buf_puts(&b, "<p class=\"muted\">The journal is empty.</p>");
  buf_puts(&b, "<p class=\"small\">Subscribe: <a href=\"/feed.atom\">depositary notifications "
               "(Atom)</a> \xc2\xb7 <a href=\"/calendar.ics\">sessions and deadlines "
               "(iCalendar)</a></p>");
  page_end(&b, pReq);
  page_send(r, 200, &b, true);
}

/* ---- Organizations ------------------------------------------------------------ */

void page_get_organizations(Req *pReq, Resp *r) {
  Buf b = {0};
  page_begin(&b, "Organizations", "/organizations");
  buf_puts(&b, "<h1>Organizations</h1>");
  json_t *aOrg = entity_list(pReq->pDb, K_ORGANIZATION, 0);
  table_begin(&b, "Organizations in the registry", "Organization|Founded|Depositary|Members today");
  for (size_t i = 0; i < json_array_size(aOrg); i++) {
    const json_t *o = json_array_get(aOrg, i);
    Buf err = {0};
    json_t *pMem = query_members(pReq->pDb, str(o, "id"), http_today(), &err);
    buf_free(&err);
    hprintf(&b, "<tr><th scope=\"row\"><a href=\"/organizations/%s\">%s</a>", str(o, "id"),
            name_en(json_object_get(o, "name"), str(o, "id")));
    put_ru(&b, json_object_get(o, "name"));
    buf_puts(&b, "</th><td class=\"nw\">");
    put_date(&b, str(o, "founded"));
    hprintf(&b, "</td><td>%s</td><td class=\"nw\">%zu</td></tr>", dflt(str(o, "depositary"), ""),
            json_array_size(json_object_get(pMem, "members")));
    json_decref(pMem);
  }
  table_end(&b);
  json_decref(aOrg);
  page_end(&b, pReq);
  page_send(r, 200, &b, true);
}

static void chair_section(Buf *p, Req *pReq, const char *zOrg, const json_t *pParties) {
  int y, m, d;
  date_to_ymd(http_today(), &y, &m, &d);
  Buf err = {0};
  json_t *pHist = query_chair_history(pReq->pDb, zOrg, y, &err);
  buf_free(&err);
  buf_puts(p, "<h2 id=\"chair\">Chair by year</h2>");
  json_t *pRule = entity_get(pReq->pDb, K_CHAIRMANSHIP, zOrg);
  if (!pHist || !pRule) {
    buf_puts(p, "<p class=\"muted\">No chairmanship rule is recorded for this organization.</p>");
    json_decref(pHist);
    json_decref(pRule);
    return;
  }
  /* The rule in words. */
  const json_t *pOrder = json_object_get(pRule, "order");
  buf_puts(p, "<p class=\"note\">Rotation: ");
  const char *zLang = str(pOrder, "collate");
  if (zLang)
    hprintf(p, "in alphabetical order of the parties' names in %s",
            strcmp(zLang, "ru") == 0   ? "Russian"
            : strcmp(zLang, "en") == 0 ? "English"
                                       : zLang);
  else
    buf_puts(p, "in the recorded order");
  buf_puts(p, " among parties that on 1 January are ");
  const json_t *aElig = json_object_get(pRule, "eligible");
  for (size_t i = 0; i < json_array_size(aElig); i++)
    hprintf(p, "%s%s", i ? (i + 1 == json_array_size(aElig) ? " or " : ", ") : "",
            json_string_value(json_array_get(aElig, i)));
  buf_puts(p, "; a recorded decision always wins. Co-chairs: ");
  buf_puts(p, strcmp(dflt(str(pRule, "co_chairs"), ""), "previous_and_next") == 0
                  ? "the previous and the next chair."
                  : "none.");
  buf_puts(p, "</p>");

  const json_t *aBreach = json_object_get(pHist, "breaches");
  if (json_array_size(aBreach)) {
    buf_puts(p, "<p class=\"flag\">Recorded chairs that differ from the rotation rule: ");
    for (size_t i = 0; i < json_array_size(aBreach); i++)
      hprintf(p, "%s<a href=\"#chair-%lld\">%lld</a>", i ? ", " : "",
              (long long)json_integer_value(json_array_get(aBreach, i)),
              (long long)json_integer_value(json_array_get(aBreach, i)));
    buf_puts(p, ".</p>");
  }
  /* Notes on recorded and declined years. */
  const json_t *aRecorded = json_object_get(pRule, "recorded");
  const json_t *aDeclined = json_object_get(pRule, "declined");
  table_begin(p, "Chair, expected chair and co-chairs by year",
              "Year|Chair|Source|Expected by rotation|Co-chairs|Notes");
  const json_t *aYear = json_object_get(pHist, "years");
  for (size_t i = 0; i < json_array_size(aYear); i++) {
    const json_t *py = json_array_get(aYear, i);
    long long year = (long long)json_integer_value(json_object_get(py, "year"));
    bool bBreach = json_is_true(json_object_get(py, "breach"));
    buf_printf(p, "<tr id=\"chair-%lld\"%s><th scope=\"row\" class=\"nw\">%lld%s</th><td>", year,
               bBreach ? " class=\"breach\"" : (year == y ? " class=\"now\"" : ""), year,
               year == y ? " <span class=\"small muted\">(this year)</span>" : "");
    if (str(py, "chair"))
      put_party(p, pParties, str(py, "chair"));
    else
      buf_puts(p, "<span class=\"muted\">unknown</span>");
    if (bBreach) buf_puts(p, "<div class=\"flag small\">&#9888; breaks the rotation rule</div>");
    hprintf(p, "</td><td>%s</td><td>", dflt(str(py, "source"), ""));
    if (str(py, "expected"))
      put_party(p, pParties, str(py, "expected"));
    else
      buf_puts(p, "<span class=\"muted\">unknown</span>");
    buf_puts(p, "</td><td>");
    const json_t *aCo = json_object_get(py, "co_chairs");
    for (size_t k = 0; k < json_array_size(aCo); k++) {
      if (k) buf_puts(p, ", ");
      put_party(p, pParties, json_string_value(json_array_get(aCo, k)));
    }
    buf_puts(p, "</td><td class=\"small notes\">");
    for (size_t k = 0; k < json_array_size(aRecorded); k++) {
      const json_t *pr = json_array_get(aRecorded, k);
      if (json_integer_value(json_object_get(pr, "year")) == year && str(pr, "note"))
        hprintf(p, "<div>%s</div>", str(pr, "note"));
    }
    for (size_t k = 0; k < json_array_size(aDeclined); k++) {
      const json_t *pr = json_array_get(aDeclined, k);
      if (json_integer_value(json_object_get(pr, "year")) != year) continue;
      hprintf(p, "<div>%s declined its turn%s%s</div>", dflt(str(pr, "party"), ""),
              str(pr, "note") ? ": " : ".", dflt(str(pr, "note"), ""));
    }
    buf_puts(p, "</td></tr>");
  }
  table_end(p);
  json_decref(pHist);
  json_decref(pRule);
}

void page_get_organization(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  const char *zId = pReq->azParam[0];
  json_t *pOrg = entity_get(pDb, K_ORGANIZATION, zId);
  if (!pOrg) {
    not_found(pReq, r, "organization", zId);
    return;
  }
  pdate on;
  if (!page_on(pReq, r, &on)) {
    json_decref(pOrg);
    return;
  }
  char zOn[DATE_BUFSZ];
  date_format(on, zOn);
  const json_t *pName = json_object_get(pOrg, "name");
  json_t *pParties = load_map(pDb, K_PARTY, "code");
  Buf b = {0};
  page_begin(&b, name_en(pName, zId), "/organizations");
  hprintf(&b, "<h1>%s</h1>", name_en(pName, zId));
  if (str(pName, "ru")) hprintf(&b, "<p class=\"ru\" lang=\"ru\">%s</p>", str(pName, "ru"));
  buf_puts(&b, "<dl class=\"facts\">");
  hprintf(&b, "<dt>Identifier</dt><dd><span class=\"code\">%s</span></dd><dt>Founded</dt><dd>",
          zId);
  put_date(&b, str(pOrg, "founded"));
  hprintf(&b, "</dd><dt>Depositary</dt><dd>%s</dd></dl>",
          dflt(str(pOrg, "depositary"), "not recorded"));
  hprintf(&b,
          "<p class=\"small\"><a href=\"#members\">Members</a> \xc2\xb7 <a href=\"#chair\">"
          "Chair by year</a> \xc2\xb7 <a href=\"#bodies\">Bodies</a> \xc2\xb7 <a "
          "href=\"#documents\">Documents</a> \xc2\xb7 JSON: <a "
          "href=\"/api/v1/organizations/%s/members?on=%s\">members</a>",
          zId, zOn);
  /* Only organizations with a rotation rule have a chair answer. */
  json_t *pRule = entity_get(pDb, K_CHAIRMANSHIP, zId);
  if (pRule) hprintf(&b, ", <a href=\"/api/v1/organizations/%s/chair\">chairs</a>", zId);
  json_decref(pRule);
  buf_puts(&b, "</p>");

  /* Timeline of every membership. */
  json_t *aMem = entity_list(pDb, K_MEMBERSHIP, zId);
  buf_puts(&b, "<h2 id=\"timeline\">Members over time</h2>");
  membership_timeline(&b, "members-chart", "Membership of each party over time", aMem, "party",
                      pParties, "name", "parties", json_date(json_object_get(pOrg, "founded")));
  if (json_array_size(aMem)) {
    buf_puts(&b, "<details><summary>The chart as a table</summary>");
    table_begin(&b, "Membership intervals", "Party|Kind|From|To|Note");
    for (size_t i = 0; i < json_array_size(aMem); i++) {
      const json_t *m = json_array_get(aMem, i);
      buf_puts(&b, "<tr><th scope=\"row\">");
      put_party(&b, pParties, str(m, "party"));
      hprintf(&b, "</th><td>%s</td><td class=\"nw\">", dflt(str(m, "kind"), ""));
      put_date(&b, str(m, "from"));
      buf_puts(&b, "</td><td class=\"nw\">");
      if (str(m, "to"))
        put_date(&b, str(m, "to"));
      else
        buf_puts(&b, "<span class=\"muted\">current</span>");
      hprintf(&b, "</td><td class=\"small\">%s</td></tr>", dflt(str(m, "note"), ""));
    }
    table_end(&b);
    buf_puts(&b, "</details>");
  }
  json_decref(aMem);

  /* Members on a date. */
  Buf err = {0};
  json_t *pMembers = query_members(pDb, zId, on, &err);
  buf_free(&err);
  const json_t *aMember = json_object_get(pMembers, "members");
  buf_puts(&b, "<h2 id=\"members\">Members</h2>");
  date_form(&b, pReq->zPath, "Members on", zOn);
  Buf cap = {0};
  buf_printf(&cap, "Members on %s (%zu)", zOn, json_array_size(aMember));
  table_begin(&b, cap.z, "Party|Kind|Since");
  buf_free(&cap);
  for (size_t i = 0; i < json_array_size(aMember); i++) {
    const json_t *m = json_array_get(aMember, i);
    buf_puts(&b, "<tr><th scope=\"row\">");
    put_party(&b, pParties, str(m, "party"));
    hprintf(&b, "</th><td>%s</td><td class=\"nw\">", dflt(str(m, "kind"), ""));
    put_date(&b, str(m, "since"));
    buf_puts(&b, "</td></tr>");
  }
  if (!json_array_size(aMember))
    buf_puts(&b, "<tr><td colspan=\"3\" class=\"muted\">No members on this date.</td></tr>");
  table_end(&b);
  json_decref(pMembers);

  hprintf(&b,
          "<p><a href=\"/organizations/%s/compliance\">Compliance with commitments</a> "
          "\xc2\xb7 <a href=\"/calendar.ics?organization=%s\">Sessions and deadlines "
          "(iCalendar)</a></p>",
          zId, zId);
  chair_section(&b, pReq, zId, pParties);

  /* Bodies. */
  json_t *aBody = entity_list(pDb, K_BODY, zId);
  buf_puts(&b, "<h2 id=\"bodies\">Bodies</h2>");
  if (json_array_size(aBody)) {
    buf_puts(&b, "<ul>");
    for (size_t i = 0; i < json_array_size(aBody); i++) {
      const json_t *pb = json_array_get(aBody, i);
      hprintf(&b, "<li><a href=\"/bodies/%s\">%s</a>", str(pb, "id"),
              name_en(json_object_get(pb, "name"), str(pb, "id")));
      put_ru(&b, json_object_get(pb, "name"));
      if (str(pb, "level")) {
        buf_puts(&b, " <span class=\"small muted\">(");
        put_words(&b, str(pb, "level"));
        buf_puts(&b, ")</span>");
      }
      buf_puts(&b, "</li>");
    }
    buf_puts(&b, "</ul>");
  } else {
    buf_puts(&b, "<p class=\"muted\">No bodies recorded.</p>");
  }
  json_decref(aBody);

  /* Documents. */
  json_t *aDoc = entity_list(pDb, K_DOCUMENT, zId);
  buf_puts(&b, "<h2 id=\"documents\">Documents</h2>");
  if (json_array_size(aDoc)) {
    table_begin(&b, "Documents of the organization", "Document|Type|Adopted");
    for (size_t i = 0; i < json_array_size(aDoc); i++) {
      const json_t *pd = json_array_get(aDoc, i);
      hprintf(&b, "<tr><th scope=\"row\"><a href=\"/documents/%s\">%s</a>", str(pd, "id"),
              name_en(json_object_get(pd, "title"), str(pd, "id")));
      put_ru(&b, json_object_get(pd, "title"));
      hprintf(&b, "</th><td>%s</td><td class=\"nw\">", dflt(str(pd, "type"), ""));
      put_date(&b, str(json_object_get(pd, "adopted"), "date"));
      buf_puts(&b, "</td></tr>");
    }
    table_end(&b);
  } else {
    buf_puts(&b, "<p class=\"muted\">No documents recorded.</p>");
  }
  json_decref(aDoc);
  put_sources(&b, json_object_get(pOrg, "sources"));
  page_end(&b, pReq);
  page_send(r, 200, &b, true);
  json_decref(pParties);
  json_decref(pOrg);
}

/* ---- Bodies and sessions ----------------------------------------------------------- */

static void session_rows(Buf *p, const json_t *aSession, const json_t *pBodies, bool bBody) {
  for (size_t i = 0; i < json_array_size(aSession); i++) {
    const json_t *s = json_array_get(aSession, i);
    buf_puts(p, "<tr><th scope=\"row\" class=\"nw\">");
    hprintf(p, "<a href=\"/sessions/%s\">%s</a></th>", str(s, "id"), dflt(str(s, "date"), ""));
    if (bBody) {
      const json_t *pBody = json_object_get(pBodies, dflt(str(s, "body"), ""));
      buf_puts(p, "<td>");
      put_link(p, "bodies", pBodies, str(s, "body"), "name");
      hprintf(p, " <span class=\"small muted\">%s</span></td>",
              dflt(str(pBody, "organization"), ""));
    }
    hprintf(p, "<td>%s</td><td>", dflt(str(s, "place"), "not stated"));
    put_words(p, str(s, "format"));
    hprintf(p, "</td><td class=\"nw\">%zu</td></tr>",
            json_array_size(json_object_get(s, "adopted")));
  }
}

static int compare_session_desc(const void *pA, const void *pB) {
  const json_t *a = *(json_t *const *)pA, *b = *(json_t *const *)pB;
  return -strcmp(dflt(str(a, "date"), ""), dflt(str(b, "date"), ""));
}

/* Sessions (of one body, or all) newest first. */
static json_t *sessions_by_date(Db *pDb, const char *zBody) {
  json_t *aAll = entity_list(pDb, K_SESSION, 0);
  size_t n = json_array_size(aAll), k = 0;
  json_t **ap = xmalloc(n * sizeof(json_t *) + 1);
  for (size_t i = 0; i < n; i++) {
    json_t *s = json_array_get(aAll, i);
    if (!zBody || strcmp(dflt(str(s, "body"), ""), zBody) == 0) ap[k++] = s;
  }
  qsort(ap, k, sizeof(json_t *), compare_session_desc);
  json_t *aOut = json_array();
  for (size_t i = 0; i < k; i++) json_array_append(aOut, ap[i]);
  free(ap);
  json_decref(aAll);
  return aOut;
}

void page_get_body(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  const char *zId = pReq->azParam[0];
  json_t *pBody = entity_get(pDb, K_BODY, zId);
  if (!pBody) {
    not_found(pReq, r, "body", zId);
    return;
  }
  const json_t *pName = json_object_get(pBody, "name");
  json_t *pOrgs = load_map(pDb, K_ORGANIZATION, "id");
  Buf b = {0};
  page_begin(&b, name_en(pName, zId), "/organizations");
  hprintf(&b, "<h1>%s</h1>", name_en(pName, zId));
  if (str(pName, "ru")) hprintf(&b, "<p class=\"ru\" lang=\"ru\">%s</p>", str(pName, "ru"));
  buf_puts(&b, "<dl class=\"facts\"><dt>Organization</dt><dd>");
  put_link(&b, "organizations", pOrgs, str(pBody, "organization"), "name");
  buf_puts(&b, "</dd><dt>Level</dt><dd>");
  put_words(&b, dflt(str(pBody, "level"), "not recorded"));
  hprintf(&b, "</dd><dt>Identifier</dt><dd><span class=\"code\">%s</span></dd></dl>", zId);

  json_t *aSession = sessions_by_date(pDb, zId);
  buf_puts(&b, "<h2>Sessions</h2>");
  if (json_array_size(aSession)) {
    table_begin(&b, "Sessions of this body, newest first", "Date|Place|Format|Documents adopted");
    session_rows(&b, aSession, 0, false);
    table_end(&b);
  } else {
    buf_puts(&b, "<p class=\"muted\">No sessions recorded.</p>");
  }
  json_decref(aSession);

  json_t *aDoc = entity_list(pDb, K_DOCUMENT, str(pBody, "organization"));
  bool bAny = false;
  for (size_t i = 0; i < json_array_size(aDoc); i++) {
    const json_t *pd = json_array_get(aDoc, i);
    if (strcmp(dflt(str(pd, "body"), ""), zId) != 0) continue;
    if (!bAny) buf_puts(&b, "<h2>Documents of this body</h2><ul>");
    bAny = true;
    hprintf(&b, "<li><a href=\"/documents/%s\">%s</a> <span class=\"small muted\">%s",
            str(pd, "id"), name_en(json_object_get(pd, "title"), str(pd, "id")),
            dflt(str(pd, "type"), ""));
    if (str(json_object_get(pd, "adopted"), "date"))
      hprintf(&b, ", adopted %s", str(json_object_get(pd, "adopted"), "date"));
    buf_puts(&b, "</span></li>");
  }
  if (bAny) buf_puts(&b, "</ul>");
  json_decref(aDoc);
  put_sources(&b, json_object_get(pBody, "sources"));
  page_end(&b, pReq);
  page_send(r, 200, &b, true);
  json_decref(pOrgs);
  json_decref(pBody);
}

void page_get_sessions(Req *pReq, Resp *r) {
  Buf b = {0};
  page_begin(&b, "Sessions", "/sessions");
  buf_puts(&b, "<h1>Sessions</h1>");
  json_t *aSession = sessions_by_date(pReq->pDb, 0);
  json_t *pBodies = load_map(pReq->pDb, K_BODY, "id");
  if (json_array_size(aSession)) {
    table_begin(&b, "Every recorded session, newest first",
                "Date|Body|Place|Format|Documents adopted");
    session_rows(&b, aSession, pBodies, true);
    table_end(&b);
  } else {
    buf_puts(&b, "<p class=\"muted\">No sessions recorded.</p>");
  }
  json_decref(aSession);
  json_decref(pBodies);
  page_end(&b, pReq);
  page_send(r, 200, &b, true);
}

void page_get_session(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  const char *zId = pReq->azParam[0];
  json_t *s = entity_get(pDb, K_SESSION, zId);
  if (!s) {
    not_found(pReq, r, "session", zId);
    return;
  }
  json_t *pBodies = load_map(pDb, K_BODY, "id");
  json_t *pOrgs = load_map(pDb, K_ORGANIZATION, "id");
  json_t *pParties = load_map(pDb, K_PARTY, "code");
  json_t *pDocs = load_map(pDb, K_DOCUMENT, "id");
  const json_t *pBody = json_object_get(pBodies, dflt(str(s, "body"), ""));
  const char *zBodyName = name_en(json_object_get(pBody, "name"), str(s, "body"));
  Buf title = {0};
  buf_printf(&title, "%s, %s", zBodyName ? zBodyName : "Session", dflt(str(s, "date"), ""));
  Buf b = {0};
  page_begin(&b, title.z, "/sessions");
  hprintf(&b, "<h1>%s</h1>", title.z);
  buf_free(&title);
  if (str(json_object_get(pBody, "name"), "ru"))
    hprintf(&b, "<p class=\"ru\" lang=\"ru\">%s</p>", str(json_object_get(pBody, "name"), "ru"));
  buf_puts(&b, "<dl class=\"facts\"><dt>Body</dt><dd>");
  put_link(&b, "bodies", pBodies, str(s, "body"), "name");
  buf_puts(&b, "</dd><dt>Organization</dt><dd>");
  put_link(&b, "organizations", pOrgs, str(pBody, "organization"), "name");
  buf_puts(&b, "</dd><dt>Date</dt><dd>");
  put_date(&b, str(s, "date"));
  hprintf(&b, "</dd><dt>Place</dt><dd>%s</dd><dt>Format</dt><dd>",
          dflt(str(s, "place"), "not stated"));
  put_words(&b, dflt(str(s, "format"), "not recorded"));
  buf_puts(&b, "</dd>");
  if (json_is_integer(json_object_get(s, "number")))
    hprintf(&b, "<dt>Number</dt><dd>%lld</dd>",
            (long long)json_integer_value(json_object_get(s, "number")));
  buf_puts(&b, "</dl>");

  /* Attendance, the absent first named. */
  const json_t *aAtt = json_object_get(s, "attendance");
  buf_puts(&b, "<h2>Attendance</h2>");
  if (json_array_size(aAtt)) {
    Buf absent = {0};
    int nAbsent = 0;
    for (size_t i = 0; i < json_array_size(aAtt); i++) {
      const json_t *a = json_array_get(aAtt, i);
      if (strcmp(dflt(str(a, "status"), ""), "absent") != 0) continue;
      if (nAbsent++) buf_puts(&absent, ", ");
      put_party(&absent, pParties, str(a, "party"));
    }
    if (nAbsent) {
      buf_puts(&b, "<p><strong>Absent:</strong> ");
      buf_puts(&b, absent.z);
      buf_puts(&b, "</p>");
    }
    buf_free(&absent);
    table_begin(&b, "Who attended, and by whom", "Party|Attendance|By|Role");
    for (size_t i = 0; i < json_array_size(aAtt); i++) {
      const json_t *a = json_array_get(aAtt, i);
      bool bAbsent = strcmp(dflt(str(a, "status"), ""), "absent") == 0;
      buf_puts(&b, bAbsent ? "<tr class=\"breach\"><th scope=\"row\">" : "<tr><th scope=\"row\">");
      put_party(&b, pParties, str(a, "party"));
      buf_puts(&b, "</th><td>");
      if (bAbsent) buf_puts(&b, "<span class=\"flag\">");
      put_words(&b, str(a, "status"));
      if (bAbsent) buf_puts(&b, "</span>");
      hprintf(&b, "</td><td>%s</td><td>%s</td></tr>", dflt(str(a, "by"), ""),
              dflt(str(a, "role"), ""));
    }
    table_end(&b);
  } else {
    buf_puts(&b, "<p class=\"muted\">No attendance recorded.</p>");
  }
  /* Members on the day that the record does not mention. */
  pdate day = json_date(json_object_get(s, "date"));
  if (day != DATE_NONE && str(pBody, "organization")) {
    Buf err = {0};
    json_t *pMem = query_members(pDb, str(pBody, "organization"), day, &err);
    buf_free(&err);
    const json_t *aMember = json_object_get(pMem, "members");
    Buf missing = {0};
    int nMissing = 0;
    for (size_t i = 0; i < json_array_size(aMember); i++) {
      const char *zParty = str(json_array_get(aMember, i), "party");
      bool bListed = false;
      for (size_t k = 0; k < json_array_size(aAtt) && !bListed; k++)
        bListed = strcmp(dflt(str(json_array_get(aAtt, k), "party"), ""), zParty) == 0;
      if (bListed) continue;
      if (nMissing++) buf_puts(&missing, ", ");
      put_party(&missing, pParties, zParty);
    }
    if (nMissing) {
      buf_puts(&b, "<p class=\"small\">Members of the organization on that day whom the record "
                   "does not mention: ");
      buf_puts(&b, missing.z);
      buf_puts(&b, ".</p>");
    }
    buf_free(&missing);
    json_decref(pMem);
  }

  const json_t *aAdopted = json_object_get(s, "adopted");
  buf_puts(&b, "<h2>Documents adopted</h2>");
  if (json_array_size(aAdopted)) {
    buf_puts(&b, "<ul>");
    for (size_t i = 0; i < json_array_size(aAdopted); i++) {
      const char *zDoc = json_string_value(json_array_get(aAdopted, i));
      const json_t *pd = json_object_get(pDocs, dflt(zDoc, ""));
      buf_puts(&b, "<li>");
      put_link(&b, "documents", pDocs, zDoc, "title");
      put_ru(&b, json_object_get(pd, "title"));
      if (str(pd, "type")) hprintf(&b, " <span class=\"small muted\">%s</span>", str(pd, "type"));
      buf_puts(&b, "</li>");
    }
    buf_puts(&b, "</ul>");
  } else {
    buf_puts(&b, "<p class=\"muted\">None recorded.</p>");
  }

  const json_t *pNext = json_object_get(s, "next");
  buf_puts(&b, "<h2>Next session</h2>");
  if (json_is_object(pNext)) {
    buf_puts(&b, "<p>");
    put_date(&b, str(pNext, "date"));
    if (str(pNext, "place")) hprintf(&b, ", %s", str(pNext, "place"));
    buf_puts(&b, "</p>");
  } else {
    buf_puts(&b, "<p class=\"muted\">Not announced in the record.</p>");
  }
  hprintf(&b,
          "<p><a href=\"/sessions/%s/minutes\">Minutes</a> (printable) \xc2\xb7 "
          "<a href=\"/sessions/%s/minutes.md\">Markdown</a></p>",
          zId, zId);
  put_sources(&b, json_object_get(s, "sources"));
  page_end(&b, pReq);
  page_send(r, 200, &b, true);
  json_decref(pBodies);
  json_decref(pOrgs);
  json_decref(pParties);
  json_decref(pDocs);
  json_decref(s);
}

/* ---- Documents ------------------------------------------------------------------ */

typedef struct DelayWords {
  int days, months;
  bool firstOfNext;
} DelayWords;

static DelayWords delay_of(const json_t *p) {
  DelayWords d = {(int)json_integer_value(json_object_get(p, "days")),
                  (int)json_integer_value(json_object_get(p, "months")), str(p, "then") != 0};
  return d;
}

static bool delay_zero(DelayWords d) {
  return !d.days && !d.months && !d.firstOfNext;
}

/* "30 days", "3 months and 2 days, then the first day of the next month". */
static void put_delay(Buf *p, DelayWords d) {
  if (d.months) hprintf(p, "%d month%s", d.months, d.months == 1 ? "" : "s");
  if (d.months && d.days) buf_puts(p, " and ");
  if (d.days || !d.months) hprintf(p, "%d day%s", d.days, d.days == 1 ? "" : "s");
  if (d.firstOfNext) buf_puts(p, ", then the first day of the following month");
}

/* When a party that consents later is bound. */
static void put_later(Buf *p, DelayWords d) {
  if (delay_zero(d)) {
    buf_puts(p, "from the day of their own consent.");
  } else if (d.firstOfNext) {
    buf_puts(p, "from their own consent + ");
    put_delay(p, d);
    buf_puts(p, ".");
  } else {
    put_delay(p, d);
    buf_puts(p, " after their own.");
  }
}

static pdate apply_delay(DelayWords d, pdate x) {
  Delay dl = {d.days, d.months, d.firstOfNext};
  return delay_apply(&dl, x);
}

/* The entry-into-force clause in words. */
static void put_rule(Buf *p, const json_t *pDoc, const json_t *pParties) {
  const json_t *e = json_object_get(pDoc, "entry_into_force");
  const char *zRule = str(e, "rule");
  if (!zRule) {
    buf_puts(p, "No entry-into-force clause is recorded, so pacta does not compute dates for "
                "this document.");
    return;
  }
  DelayWords delay = delay_of(json_object_get(e, "delay"));
  const json_t *pLater = json_object_get(e, "later_delay");
  DelayWords later = pLater ? delay_of(pLater) : delay;
  if (strcmp(zRule, "on_signature") == 0) {
    buf_puts(p, "<strong>on signature</strong>: each party is bound from its own signature; a "
                "party whose signature is subject to domestic procedures, from its first later "
                "consent instrument.");
  } else if (strcmp(zRule, "threshold") == 0) {
    buf_puts(p, "<strong>threshold</strong>: ");
    const json_t *aCond = json_object_get(e, "conditions");
    for (size_t i = 0; i < json_array_size(aCond); i++) {
      const json_t *c = json_array_get(aCond, i);
      if (i) buf_puts(p, " and ");
      if (json_object_get(c, "count")) {
        long long n = (long long)json_integer_value(json_object_get(c, "count"));
        hprintf(p, "%lld consent%s", n, n == 1 ? "" : "s");
      } else if (json_object_get(c, "all_of")) {
        buf_puts(p, "the consents of ");
        const json_t *a = json_object_get(c, "all_of");
        for (size_t k = 0; k < json_array_size(a); k++) {
          if (k) buf_puts(p, k + 1 == json_array_size(a) ? " and " : ", ");
          put_party(p, pParties, json_string_value(json_array_get(a, k)));
        }
      } else {
        hprintf(p, "the consenting parties' %s adding up to at least ", dflt(str(c, "weight"), ""));
        buf_printf(p, "%g", json_number_value(json_object_get(c, "at_least")));
      }
    }
    if (!json_array_size(aCond)) buf_puts(p, "the first consent");
    if (delay_zero(delay)) {
      buf_puts(p, ", in force on the day the conditions are met");
    } else {
      buf_puts(p, ", then ");
      put_delay(p, delay);
    }
    if (str(e, "not_before")) hprintf(p, ", but not before %s", str(e, "not_before"));
    buf_puts(p, "; later parties ");
    put_later(p, later);
  } else if (strcmp(zRule, "fixed_date") == 0) {
    hprintf(p,
            "<strong>fixed date</strong>: in force on %s for every party that consented by "
            "then; later parties ",
            dflt(str(e, "date"), "?"));
    put_later(p, pLater ? later : (DelayWords){0, 0, false});
  } else {
    hprintf(p, "%s", zRule);
  }
}

static void put_withdrawal_rule(Buf *p, const json_t *pDoc) {
  const json_t *pNotice = json_object_get(json_object_get(pDoc, "withdrawal"), "notice");
  buf_puts(p, "a notice takes effect ");
  if (pNotice) {
    put_delay(p, delay_of(pNotice));
    buf_puts(p, " after it is received.");
  } else {
    buf_puts(p, "12 months after it is received (the default of VCLT art. 56).");
  }
}

static const char *party_name(const json_t *pParties, const char *zCode) {
  return name_en(json_object_get(json_object_get(pParties, zCode ? zCode : ""), "name"), zCode);
}

static bool is_annotation(const char *zType) {
  return strcmp(zType, "reservation") == 0 || strcmp(zType, "declaration") == 0 ||
         strcmp(zType, "special_opinion") == 0 || strcmp(zType, "objection") == 0;
}

/* The consents chart: counted consents as a step line, the threshold and
** the entry-into-force date. */
static void consent_chart(Buf *p, const json_t *pDoc, const json_t *pSt, const json_t *pParties,
                          pdate on) {
  const json_t *aConsent = json_object_get(pSt, "consents");
  size_t n = json_array_size(aConsent);
  SvgPoint *aPoint = xmalloc(n * sizeof(SvgPoint) + 1);
  int nPoint = 0, count = 0;
  const json_t *pTrig = json_object_get(pSt, "trigger"); /* threshold: completed the conditions */
  if (strcmp(dflt(str(json_object_get(pDoc, "entry_into_force"), "rule"), ""), "threshold") != 0)
    pTrig = 0;
  bool bAnyHit = false;
  for (size_t i = 0; i < n; i++) {
    const json_t *c = json_array_get(aConsent, i);
    if (!json_is_true(json_object_get(c, "counted"))) continue;
    count++;
    char *zTitle = xprintf("%s: %s of %s (consent %d)", party_name(pParties, str(c, "party")),
                           str(c, "type"), str(c, "date"), count);
    pdate d = json_date(json_object_get(c, "date"));
    bool bHit = str(pTrig, "party") && strcmp(str(pTrig, "party"), dflt(str(c, "party"), "")) == 0;
    if (bHit) bAnyHit = true;
    if (nPoint && aPoint[nPoint - 1].date == d) { /* same day: one step */
      free((char *)aPoint[nPoint - 1].zTitle);
      aPoint[nPoint - 1].value = count;
      aPoint[nPoint - 1].zTitle = zTitle;
      aPoint[nPoint - 1].bHighlight |= bHit;
      continue;
    }
    aPoint[nPoint++] = (SvgPoint){d, count, zTitle, bHit};
  }
  int threshold = 0;
  const json_t *e = json_object_get(pDoc, "entry_into_force");
  if (strcmp(dflt(str(e, "rule"), ""), "threshold") == 0) {
    const json_t *aCond = json_object_get(e, "conditions");
    for (size_t i = 0; i < json_array_size(aCond); i++) {
      int k = (int)json_integer_value(json_object_get(json_array_get(aCond, i), "count"));
      if (k > threshold) threshold = k;
    }
  }
  if (!nPoint) {
    buf_puts(p, "<p class=\"muted\">No consent recorded on or before this date.</p>");
    free(aPoint);
    return;
  }
  pdate eif = json_date(json_object_get(pSt, "entry_into_force"));
  pdate start = aPoint[0].date, end = aPoint[nPoint - 1].date;
  pdate adopted = json_date(json_object_get(json_object_get(pDoc, "adopted"), "date"));
  if (adopted != DATE_NONE && adopted < start) start = adopted;
  if (eif != DATE_NONE && eif > end) end = eif;
  if (eif != DATE_NONE && eif < start) start = eif;
  int pad = (end - start) / 20 + 20;
  start = date_add_days(start, -pad);
  end = date_add_days(end, pad);
  if (end > on && on > aPoint[nPoint - 1].date && (eif == DATE_NONE || on > eif)) end = on;
  char zEif[DATE_BUFSZ];
  date_format(eif, zEif);
  char *zThreshold = xprintf("threshold: %d consent%s", threshold, threshold == 1 ? "" : "s");
  char *zMarker = xprintf("entry into force %s", zEif);
  char *zDesc = xprintf("A step line rises by one at each counted consent, from %s to %d "
                        "consents%s%s.",
                        str(json_array_get(aConsent, 0), "date"), count,
                        threshold ? "; a dashed line marks the threshold" : "",
                        eif != DATE_NONE ? "; a vertical line marks the entry into force" : "");
  SvgSteps chart = {
      "consents-chart", "Consents over time", zDesc, "consents", aPoint, nPoint, start, end,
      threshold,        zThreshold,           eif,   zMarker};
  buf_puts(p, "<figure class=\"chart\">");
  svg_steps(p, &chart);
  buf_puts(p, "</figure><ul class=\"legend\" aria-label=\"Legend\"><li><span class=\"sw step\">"
              "</span>consents counted (organizations are not counted toward a number)</li>");
  if (bAnyHit)
    buf_puts(p, "<li><span class=\"sw dot-hit\"></span>the consent that completed the "
                "conditions</li>");
  if (threshold) hprintf(p, "<li><span class=\"sw line\"></span>threshold: %d</li>", threshold);
  if (eif != DATE_NONE)
    hprintf(p, "<li><span class=\"sw mark\"></span>entry into force %s</li>", zEif);
  buf_puts(p, "</ul>");
  for (int i = 0; i < nPoint; i++) free((char *)aPoint[i].zTitle);
  free(aPoint);
  free(zThreshold);
  free(zMarker);
  free(zDesc);
}

/* "Armenia's notification of 1998-12-21" */
static void put_action_ref(Buf *p, const json_t *pParties, const json_t *a, bool bOwn) {
  if (bOwn)
    hprintf(p, "its %s of %s", dflt(str(a, "type"), ""), dflt(str(a, "date"), ""));
  else
    hprintf(p, "%s's %s of %s", party_name(pParties, str(a, "party")), dflt(str(a, "type"), ""),
            dflt(str(a, "date"), ""));
}

/* How the general date was computed. */
static void explain_general(Buf *p, const json_t *pDoc, const json_t *pSt, const json_t *pParties,
                            const char *zOn) {
  const json_t *e = json_object_get(pDoc, "entry_into_force");
  const char *zRule = dflt(str(e, "rule"), "");
  const char *zEif = str(pSt, "entry_into_force");
  const json_t *pTrig = json_object_get(pSt, "trigger");
  buf_puts(p, "<p>");
  if (strcmp(zRule, "threshold") == 0) {
    if (json_is_object(pTrig)) {
      long long rank = (long long)json_integer_value(json_object_get(pTrig, "rank"));
      buf_puts(p, "<strong>General date.</strong> ");
      put_action_ref(p, pParties, pTrig, false);
      hprintf(p,
              " was the %lld%s consent counted and completed the conditions: they were met on "
              "%s; ",
              rank, ordinal_suffix(rank), dflt(str(pSt, "trigger_date"), ""));
      DelayWords d = delay_of(json_object_get(e, "delay"));
      hprintf(p, "%s + ", dflt(str(pSt, "trigger_date"), ""));
      put_delay(p, d);
      pdate t = json_date(json_object_get(pSt, "trigger_date"));
      char zSum[DATE_BUFSZ];
      date_format(apply_delay(d, t), zSum);
      hprintf(p, " = %s", zSum);
      if (str(e, "not_before"))
        hprintf(p, "; not before %s, so the agreement entered into force on %s",
                str(e, "not_before"), dflt(zEif, ""));
      buf_puts(p, ".");
    } else {
      long long nCount = 0;
      const json_t *aC = json_object_get(pSt, "consents");
      for (size_t i = 0; i < json_array_size(aC); i++)
        if (json_is_true(json_object_get(json_array_get(aC, i), "counted"))) nCount++;
      hprintf(p,
              "<strong>Not yet in force on %s.</strong> The conditions are not met: %lld "
              "consent%s counted so far.",
              zOn, nCount, nCount == 1 ? "" : "s");
    }
  } else if (strcmp(zRule, "fixed_date") == 0) {
    hprintf(p, "<strong>General date.</strong> The clause fixes it: %s", dflt(str(e, "date"), ""));
    buf_puts(p, zEif ? "." : " (no party had consented by this date, so nobody is bound yet).");
  } else if (strcmp(zRule, "on_signature") == 0) {
    if (json_is_object(pTrig)) {
      buf_puts(p, "<strong>General date.</strong> The earliest day any party was bound: ");
      put_action_ref(p, pParties, pTrig, false);
      buf_puts(p, ".");
    } else {
      buf_puts(p, "<strong>Not yet in force.</strong> No party is bound yet.");
    }
  } else {
    buf_puts(p, "No clause is recorded, so no date is computed.");
  }
  buf_puts(p, "</p>");
}

/* How one party's date was computed. */
static void explain_party(Buf *p, const json_t *pDoc, const json_t *pSt, const json_t *row,
                          const json_t *pParties) {
  const json_t *e = json_object_get(pDoc, "entry_into_force");
  const char *zRule = dflt(str(e, "rule"), "");
  const char *zCode = str(row, "party");
  const json_t *pConsent = json_object_get(row, "consent");
  const json_t *pTrig = json_object_get(row, "trigger");
  const char *zEif = str(row, "entry_into_force");
  hprintf(p, "<li><strong>%s</strong>: ", party_name(pParties, zCode));
  if (!json_is_object(pConsent)) {
    const char *zStatus = dflt(str(row, "status"), "");
    bool bSubject = false;
    const json_t *aAct = json_object_get(row, "actions");
    for (size_t i = 0; i < json_array_size(aAct); i++)
      if (json_is_true(json_object_get(json_array_get(aAct, i), "subject_to_procedures")))
        bSubject = true;
    if (strcmp(zStatus, "provisional") == 0)
      hprintf(p, "applies it provisionally since %s; no consent to be bound yet.",
              dflt(str(row, "since"), ""));
    else if (strcmp(zStatus, "not_interested") == 0)
      hprintf(p, "declared on %s that it has no interest in it.", dflt(str(row, "since"), ""));
    else if (str(row, "signature"))
      hprintf(p, "signed on %s%s; no consent to be bound yet.", str(row, "signature"),
              bSubject ? " subject to domestic procedures" : "");
    else
      hprintf(p, "%s.", zStatus);
  } else if (!zEif) {
    put_action_ref(p, pParties, pConsent, true);
    if (json_is_object(json_object_get(row, "withdrawal")))
      buf_puts(p, "; the withdrawal took effect before it would have been bound.");
    else
      buf_puts(p, "; not bound yet: the document's conditions are not met.");
  } else if (strcmp(zRule, "threshold") == 0) {
    bool bOwn = json_is_object(pTrig) && strcmp(dflt(str(pTrig, "party"), ""), zCode) == 0;
    const char *zT = str(pSt, "trigger_date");
    if (!bOwn || (zT && strcmp(dflt(str(pConsent, "date"), ""), zT) <= 0 &&
                  strcmp(zEif, dflt(str(pSt, "entry_into_force"), "")) == 0)) {
      put_action_ref(p, pParties, pConsent, true);
      hprintf(p,
              " came on or before the day the conditions were met (%s), so it is bound from "
              "the general date %s.",
              dflt(zT, ""), zEif);
    } else {
      const json_t *pLater = json_object_get(e, "later_delay");
      DelayWords d = delay_of(pLater ? pLater : json_object_get(e, "delay"));
      pdate own = apply_delay(d, json_date(json_object_get(pConsent, "date")));
      char zOwn[DATE_BUFSZ];
      date_format(own, zOwn);
      buf_puts(p, "own ");
      hprintf(p, "%s of %s + ", dflt(str(pConsent, "type"), ""), dflt(str(pConsent, "date"), ""));
      put_delay(p, d);
      hprintf(p, " = %s", zOwn);
      if (strcmp(zOwn, zEif) != 0) hprintf(p, "; not before the general date, so %s", zEif);
      buf_puts(p, ".");
    }
  } else if (strcmp(zRule, "fixed_date") == 0) {
    const char *zFixed = dflt(str(e, "date"), "");
    put_action_ref(p, pParties, pConsent, true);
    if (strcmp(dflt(str(pConsent, "date"), ""), zFixed) <= 0) {
      hprintf(p, " came by the fixed date, so it is bound from %s.", zEif);
    } else {
      const json_t *pLater = json_object_get(e, "later_delay");
      DelayWords d = pLater ? delay_of(pLater) : (DelayWords){0, 0, false};
      hprintf(p, " came after the fixed date: %s + ", dflt(str(pConsent, "date"), ""));
      put_delay(p, d);
      hprintf(p, " = %s.", zEif);
    }
  } else if (strcmp(zRule, "on_signature") == 0) {
    buf_puts(p, "bound from ");
    put_action_ref(p, pParties, pConsent, true);
    if (strcmp(dflt(str(pConsent, "type"), ""), "signature") != 0 && str(row, "signature"))
      hprintf(p, " (its signature of %s was subject to domestic procedures)",
              str(row, "signature"));
    buf_puts(p, ".");
  }
  const json_t *pW = json_object_get(row, "withdrawal");
  if (json_is_object(pW)) {
    hprintf(p, " Notice of withdrawal received %s, effective %s", dflt(str(pW, "date"), ""),
            dflt(str(pW, "effective"), ""));
    bool bStated = false;
    const json_t *aAct = json_object_get(row, "actions");
    for (size_t i = 0; i < json_array_size(aAct); i++) {
      const json_t *a = json_array_get(aAct, i);
      if (strcmp(dflt(str(a, "type"), ""), "withdrawal") == 0 &&
          strcmp(dflt(str(a, "date"), ""), dflt(str(pW, "date"), "")) == 0 && str(a, "effective"))
        bStated = true;
    }
    if (bStated) {
      buf_puts(p, " (the date stated in the notice).");
    } else {
      buf_puts(p, " (");
      const json_t *pNotice = json_object_get(json_object_get(pDoc, "withdrawal"), "notice");
      hprintf(p, "%s + ", dflt(str(pW, "date"), ""));
      if (pNotice)
        put_delay(p, delay_of(pNotice));
      else
        buf_puts(p, "12 months, VCLT art. 56");
      buf_puts(p, ").");
    }
  }
  buf_puts(p, "</li>");
}

void page_get_document(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  const char *zId = pReq->azParam[0];
  json_t *pDoc = entity_get(pDb, K_DOCUMENT, zId);
  if (!pDoc) {
    not_found(pReq, r, "document", zId);
    return;
  }
  pdate on;
  if (!page_on(pReq, r, &on)) {
    json_decref(pDoc);
    return;
  }
  char zOn[DATE_BUFSZ];
  date_format(on, zOn);
  Buf err = {0};
  json_t *pSt = query_status_detail(pDb, zId, on, &err);
  buf_free(&err);
  json_t *pParties = load_map(pDb, K_PARTY, "code");
  json_t *pOrgs = load_map(pDb, K_ORGANIZATION, "id");
  json_t *pBodies = load_map(pDb, K_BODY, "id");
  const json_t *pTitle = json_object_get(pDoc, "title");
  const json_t *pAdopted = json_object_get(pDoc, "adopted");

  Buf b = {0};
  page_begin(&b, name_en(pTitle, zId), "/documents");
  hprintf(&b, "<h1>%s</h1>", name_en(pTitle, zId));
  if (str(pTitle, "ru")) hprintf(&b, "<p class=\"ru\" lang=\"ru\">%s</p>", str(pTitle, "ru"));
  buf_puts(&b, "<dl class=\"facts\"><dt>Type</dt><dd>");
  put_words(&b, dflt(str(pDoc, "type"), ""));
  buf_puts(&b, "</dd><dt>Organization</dt><dd>");
  put_link(&b, "organizations", pOrgs, str(pDoc, "organization"), "name");
  buf_puts(&b, "</dd>");
  if (str(pDoc, "body")) {
    buf_puts(&b, "<dt>Body</dt><dd>");
    put_link(&b, "bodies", pBodies, str(pDoc, "body"), "name");
    buf_puts(&b, "</dd>");
  }
  buf_puts(&b, "<dt>Adopted</dt><dd>");
  put_date(&b, str(pAdopted, "date"));
  if (str(pAdopted, "place")) hprintf(&b, ", %s", str(pAdopted, "place"));
  if (str(pAdopted, "session"))
    hprintf(&b, " (<a href=\"/sessions/%s\">session</a>)", str(pAdopted, "session"));
  buf_puts(&b, "</dd>");
  if (str(pDoc, "depositary"))
    hprintf(&b, "<dt>Depositary</dt><dd>%s</dd>", str(pDoc, "depositary"));
  if (str(pDoc, "supersedes"))
    hprintf(&b, "<dt>Supersedes</dt><dd><a href=\"/documents/%s\">%s</a></dd>",
            str(pDoc, "supersedes"), str(pDoc, "supersedes"));
  buf_puts(&b, "<dt>Entry into force</dt><dd>");
  put_rule(&b, pDoc, pParties);
  buf_puts(&b, "</dd><dt>Withdrawal</dt><dd>");
  put_withdrawal_rule(&b, pDoc);
  hprintf(&b, "</dd><dt>Identifier</dt><dd><span class=\"code\">%s</span></dd></dl>", zId);
  if (str(pDoc, "note")) hprintf(&b, "<p class=\"note small\">%s</p>", str(pDoc, "note"));

  /* Status on the date. */
  buf_puts(&b, "<h2 id=\"status\">Status</h2>");
  date_form(&b, pReq->zPath, "Status on", zOn);
  const char *zEif = str(pSt, "entry_into_force");
  hprintf(&b, "<p class=\"lede\">On %s this %s is <strong>%s</strong>", zOn,
          dflt(str(pDoc, "type"), "document"),
          json_is_true(json_object_get(pSt, "in_force")) ? "in force" : "not in force");
  if (zEif)
    hprintf(&b, "; its entry into force %s %s.",
            json_is_true(json_object_get(pSt, "in_force")) ? "was" : "will be", zEif);
  else
    buf_puts(&b, "; no entry-into-force date can be computed from the actions so far.");
  buf_puts(&b, "</p>");
  hprintf(&b,
          "<p class=\"small\">JSON: <a href=\"/api/v1/documents/%s/status?on=%s\">status on "
          "%s</a> \xc2\xb7 <a href=\"/api/v1/actions?document=%s&amp;format=csv\">actions as "
          "CSV</a> \xc2\xb7 <a href=\"/record?document=%s\">Record an action</a></p>",
          zId, zOn, zOn, zId, zId);

  const json_t *aRow = json_object_get(pSt, "parties");
  Buf cap = {0};
  buf_printf(&cap, "Each party's signature, consent and status on %s", zOn);
  table_begin(&b, cap.z,
              "Party|Signature|Consent|In force from|Status on the date|Reservations and "
              "declarations");
  buf_free(&cap);
  for (size_t i = 0; i < json_array_size(aRow); i++) {
    const json_t *row = json_array_get(aRow, i);
    const json_t *pConsent = json_object_get(row, "consent");
    buf_puts(&b, "<tr><th scope=\"row\">");
    put_party(&b, pParties, str(row, "party"));
    buf_puts(&b, "</th><td class=\"nw\">");
    put_date(&b, str(row, "signature"));
    buf_puts(&b, "</td><td class=\"nw\">");
    if (json_is_object(pConsent)) {
      put_words(&b, str(pConsent, "type"));
      buf_puts(&b, " ");
      put_date(&b, str(pConsent, "date"));
    } else {
      put_date(&b, 0);
    }
    buf_puts(&b, "</td><td class=\"nw\">");
    put_date(&b, str(row, "entry_into_force"));
    buf_puts(&b, "</td><td>");
    put_badge(&b, str(row, "status"));
    if (str(row, "since"))
      hprintf(&b, " <span class=\"small nw\">since %s</span>", str(row, "since"));
    const json_t *pW = json_object_get(row, "withdrawal");
    if (json_is_object(pW))
      hprintf(&b,
              "<div class=\"small\"><span class=\"nw\">notice %s,</span> <span "
              "class=\"nw\">effective %s</span></div>",
              dflt(str(pW, "date"), ""), dflt(str(pW, "effective"), ""));
    buf_puts(&b, "</td><td class=\"stmts\">");
    const json_t *aAct = json_object_get(row, "actions");
    bool bAny = false;
    for (size_t k = 0; k < json_array_size(aAct); k++) {
      const json_t *a = json_array_get(aAct, k);
      if (!is_annotation(dflt(str(a, "type"), ""))) continue;
      bAny = true;
      buf_puts(&b, "<div><strong>");
      put_words(&b, str(a, "type"));
      hprintf(&b, "</strong> <span class=\"small nw\">%s</span>", dflt(str(a, "date"), ""));
      if (str(a, "text")) hprintf(&b, ": %s", str(a, "text"));
      if (str(a, "note")) hprintf(&b, " <span class=\"small muted\">(%s)</span>", str(a, "note"));
      buf_puts(&b, "</div>");
    }
    if (!bAny) buf_puts(&b, "<span class=\"muted\">none</span>");
    buf_puts(&b, "</td></tr>");
  }
  if (!json_array_size(aRow))
    buf_puts(&b, "<tr><td colspan=\"6\" class=\"muted\">No action recorded on or before this "
                 "date.</td></tr>");
  table_end(&b);

  buf_puts(&b, "<h2 id=\"consents\">Consents over time</h2>");
  consent_chart(&b, pDoc, pSt, pParties, on);

  buf_puts(&b, "<h2 id=\"explanation\">How the dates were computed</h2>");
  explain_general(&b, pDoc, pSt, pParties, zOn);
  bool bList = false;
  for (size_t i = 0; i < json_array_size(aRow); i++) {
    const json_t *row = json_array_get(aRow, i);
    if (!str(row, "status")) continue; /* statements only */
    if (!bList) buf_puts(&b, "<ul class=\"explain\">");
    bList = true;
    explain_party(&b, pDoc, pSt, row, pParties);
  }
  if (bList) buf_puts(&b, "</ul>");

  /* Every action, with the depositary's notes. */
  buf_puts(&b, "<details><summary>Every recorded action up to this date</summary>");
  table_begin(&b, "Recorded actions", "Party|Action|Date|Note");
  for (size_t i = 0; i < json_array_size(aRow); i++) {
    const json_t *row = json_array_get(aRow, i);
    const json_t *aAct = json_object_get(row, "actions");
    for (size_t k = 0; k < json_array_size(aAct); k++) {
      const json_t *a = json_array_get(aAct, k);
      buf_puts(&b, "<tr><th scope=\"row\">");
      put_party(&b, pParties, str(row, "party"));
      buf_puts(&b, "</th><td>");
      put_words(&b, str(a, "type"));
      buf_puts(&b, "</td><td class=\"nw\">");
      put_date(&b, str(a, "date"));
      hprintf(&b, "</td><td class=\"small\">%s</td></tr>", dflt(str(a, "note"), ""));
    }
  }
  table_end(&b);
  buf_puts(&b, "</details>");
  put_sources(&b, json_object_get(pDoc, "sources"));
  page_end(&b, pReq);
  page_send(r, 200, &b, true);
  json_decref(pSt);
  json_decref(pParties);
  json_decref(pOrgs);
  json_decref(pBodies);
  json_decref(pDoc);
}

void page_get_documents(Req *pReq, Resp *r) {
  Buf b = {0};
  page_begin(&b, "Documents", "/documents");
  buf_puts(&b, "<h1>Documents</h1>");
  json_t *aDoc = entity_list(pReq->pDb, K_DOCUMENT, 0);
  json_t *pOrgs = load_map(pReq->pDb, K_ORGANIZATION, "id");
  if (json_array_size(aDoc)) {
    table_begin(&b, "Every document in the registry",
                "Document|Organization|Type|Adopted|Entry into force rule");
    for (size_t i = 0; i < json_array_size(aDoc); i++) {
      const json_t *pd = json_array_get(aDoc, i);
      hprintf(&b, "<tr><th scope=\"row\"><a href=\"/documents/%s\">%s</a>", str(pd, "id"),
              name_en(json_object_get(pd, "title"), str(pd, "id")));
      put_ru(&b, json_object_get(pd, "title"));
      buf_puts(&b, "</th><td>");
      put_link(&b, "organizations", pOrgs, str(pd, "organization"), "name");
      hprintf(&b, "</td><td>%s</td><td class=\"nw\">", dflt(str(pd, "type"), ""));
      put_date(&b, str(json_object_get(pd, "adopted"), "date"));
      buf_puts(&b, "</td><td>");
      put_words(&b, dflt(str(json_object_get(pd, "entry_into_force"), "rule"), "none recorded"));
      buf_puts(&b, "</td></tr>");
    }
    table_end(&b);
  } else {
    buf_puts(&b, "<p class=\"muted\">No documents recorded.</p>");
  }
  json_decref(aDoc);
  json_decref(pOrgs);
  page_end(&b, pReq);
  page_send(r, 200, &b, true);
}

/* ---- Parties --------------------------------------------------------------------- */

void page_get_parties(Req *pReq, Resp *r) {
  Buf b = {0};
  page_begin(&b, "Parties", "/parties");
  buf_puts(&b, "<h1>Parties</h1>");
  json_t *aParty = entity_list(pReq->pDb, K_PARTY, 0);
  table_begin(&b, "States and organizations that can be parties", "Code|Name|Kind");
  for (size_t i = 0; i < json_array_size(aParty); i++) {
    const json_t *pp = json_array_get(aParty, i);
    hprintf(&b, "<tr><td class=\"code\">%s</td><th scope=\"row\"><a href=\"/parties/%s\">%s</a>",
            str(pp, "code"), str(pp, "code"),
            name_en(json_object_get(pp, "name"), str(pp, "code")));
    put_ru(&b, json_object_get(pp, "name"));
    hprintf(&b, "</th><td>%s</td></tr>", dflt(str(pp, "kind"), ""));
  }
  table_end(&b);
  json_decref(aParty);
  page_end(&b, pReq);
  page_send(r, 200, &b, true);
}

void page_get_party(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  const char *zCode = pReq->azParam[0];
  pdate on;
  json_t *pParty = entity_get(pDb, K_PARTY, zCode);
  if (!pParty) {
    not_found(pReq, r, "party", zCode);
    return;
  }
  json_decref(pParty);
  if (!page_on(pReq, r, &on)) return;
  char zOn[DATE_BUFSZ];
  date_format(on, zOn);
  int y, m, d;
  date_to_ymd(http_today(), &y, &m, &d);
  Buf err = {0};
  json_t *pP = query_party(pDb, zCode, on, y, &err);
  buf_free(&err);
  json_t *pOrgs = load_map(pDb, K_ORGANIZATION, "id");
  const json_t *pName = json_object_get(pP, "name");
  Buf b = {0};
  page_begin(&b, name_en(pName, zCode), "/parties");
  hprintf(&b, "<h1>%s <span class=\"code\">%s</span></h1>", name_en(pName, zCode), zCode);
  if (str(pName, "ru")) hprintf(&b, "<p class=\"ru\" lang=\"ru\">%s</p>", str(pName, "ru"));
  hprintf(&b,
          "<dl class=\"facts\"><dt>Code</dt><dd><span class=\"code\">%s</span></dd>"
          "<dt>Kind</dt><dd>%s</dd></dl>",
          zCode, dflt(str(pP, "kind"), ""));
  hprintf(&b, "<p class=\"small\">JSON: <a href=\"/api/v1/parties/%s?on=%s\">profile on %s</a></p>",
          zCode, zOn, zOn);

  const json_t *aMem = json_object_get(pP, "memberships");
  buf_puts(&b, "<h2>Memberships</h2>");
  membership_timeline(&b, "party-chart", "Memberships over time", aMem, "organization", pOrgs,
                      "name", "organizations", DATE_NONE);
  if (json_array_size(aMem)) {
    table_begin(&b, "Memberships", "Organization|Kind|From|To");
    for (size_t i = 0; i < json_array_size(aMem); i++) {
      const json_t *mm = json_array_get(aMem, i);
      buf_puts(&b, "<tr><th scope=\"row\">");
      put_link(&b, "organizations", pOrgs, str(mm, "organization"), "name");
      hprintf(&b, "</th><td>%s</td><td class=\"nw\">", dflt(str(mm, "kind"), ""));
      put_date(&b, str(mm, "from"));
      buf_puts(&b, "</td><td class=\"nw\">");
      if (str(mm, "to"))
        put_date(&b, str(mm, "to"));
      else
        buf_puts(&b, "<span class=\"muted\">current</span>");
      buf_puts(&b, "</td></tr>");
    }
    table_end(&b);
  }

  const json_t *aChair = json_object_get(pP, "chairs");
  buf_puts(&b, "<h2>Chairs held</h2>");
  if (json_array_size(aChair)) {
    table_begin(&b, "Years in which it chaired (recorded, or computed by rotation)",
                "Organization|Year|Source");
    for (size_t i = 0; i < json_array_size(aChair); i++) {
      const json_t *c = json_array_get(aChair, i);
      buf_puts(&b, "<tr><th scope=\"row\">");
      put_link(&b, "organizations", pOrgs, str(c, "organization"), "name");
      hprintf(&b, "</th><td class=\"nw\">%lld</td><td>%s</td></tr>",
              (long long)json_integer_value(json_object_get(c, "year")),
              dflt(str(c, "source"), ""));
    }
    table_end(&b);
  } else {
    buf_puts(&b, "<p class=\"muted\">None.</p>");
  }

  const json_t *aDoc = json_object_get(pP, "documents");
  buf_puts(&b, "<h2>Status in documents</h2>");
  date_form(&b, pReq->zPath, "Status on", zOn);
  if (json_array_size(aDoc)) {
    Buf cap = {0};
    buf_printf(&cap, "Its status in every document it acted on, on %s", zOn);
    table_begin(&b, cap.z, "Document|Status|Since|In force from");
    buf_free(&cap);
    for (size_t i = 0; i < json_array_size(aDoc); i++) {
      const json_t *pd = json_array_get(aDoc, i);
      hprintf(&b, "<tr><th scope=\"row\"><a href=\"/documents/%s?on=%s\">%s</a></th><td>",
              str(pd, "document"), zOn, name_en(json_object_get(pd, "title"), str(pd, "document")));
      put_badge(&b, str(pd, "status"));
      buf_puts(&b, "</td><td class=\"nw\">");
      put_date(&b, str(pd, "since"));
      buf_puts(&b, "</td><td class=\"nw\">");
      put_date(&b, str(pd, "entry_into_force"));
      buf_puts(&b, "</td></tr>");
    }
    table_end(&b);
  } else {
    buf_puts(&b, "<p class=\"muted\">No action recorded on or before this date.</p>");
  }
  hprintf(&b,
          "<p class=\"small\"><a href=\"/parties/%s/feed.atom\">Depositary notifications "
          "for this party (Atom)</a></p>",
          zCode);
  page_end(&b, pReq);
  page_send(r, 200, &b, true);
  json_decref(pOrgs);
  json_decref(pP);
}

/* ---- Recording an action ----------------------------------------------------------- */

static void put_option(Buf *p, const char *zValue, const char *zLabel, const char *zSelected) {
  hprintf(p, "<option value=\"%s\"%s>%s</option>", zValue,
          zSelected && strcmp(zSelected, zValue) == 0 ? " selected" : "", zLabel);
}

static void record_form(Buf *p, Db *pDb, const char *zCsrf, const char *zDoc, const char *zParty,
                        const char *zType, const char *zDate, const char *zText,
                        const char *zNote) {
  buf_puts(p, "<form method=\"post\" action=\"/record\" class=\"fields\">");
  hprintf(p, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", zCsrf);
  buf_puts(p, "<div><label for=\"document\">Document</label><select id=\"document\" "
              "name=\"document\" required><option value=\"\">Choose a document</option>");
  json_t *aDoc = entity_list(pDb, K_DOCUMENT, 0);
  for (size_t i = 0; i < json_array_size(aDoc); i++) {
    const json_t *d = json_array_get(aDoc, i);
    Buf label = {0};
    buf_printf(&label, "%s \xe2\x80\x94 %s", str(d, "id"),
               name_en(json_object_get(d, "title"), ""));
    put_option(p, str(d, "id"), label.z, zDoc);
    buf_free(&label);
  }
  json_decref(aDoc);
  buf_puts(p, "</select></div><div><label for=\"party\">Party</label><select id=\"party\" "
              "name=\"party\" required><option value=\"\">Choose a party</option>");
  json_t *aParty = entity_list(pDb, K_PARTY, 0);
  for (size_t i = 0; i < json_array_size(aParty); i++) {
    const json_t *pp = json_array_get(aParty, i);
    Buf label = {0};
    buf_printf(&label, "%s \xe2\x80\x94 %s", str(pp, "code"),
               name_en(json_object_get(pp, "name"), ""));
    put_option(p, str(pp, "code"), label.z, zParty);
    buf_free(&label);
  }
  json_decref(aParty);
  buf_puts(p, "</select></div><div><label for=\"type\">Action</label><select id=\"type\" "
              "name=\"type\" required>");
  for (int t = 0; t < ACT__COUNT; t++) {
    const char *zName = action_type_name((ActionType)t);
    Buf label = {0};
    put_words(&label, zName);
    Buf opt = {0};
    hprintf(&opt, "<option value=\"%s\"%s>", zName,
            zType && strcmp(zType, zName) == 0 ? " selected" : "");
    buf_puts(p, opt.z);
    buf_puts(p, label.z);
    buf_puts(p, "</option>");
    buf_free(&label);
    buf_free(&opt);
  }
  hprintf(p,
          "</select></div><div><label for=\"date\">Date</label><input type=\"date\" id=\"date\" "
          "name=\"date\" required value=\"%s\" aria-describedby=\"date-hint\">"
          "<p class=\"hint\" id=\"date-hint\">The date the depositary received it (for a "
          "signature: the date signed).</p></div>",
          zDate ? zDate : "");
  hprintf(p,
          "<div><label for=\"text\">Text <span class=\"muted\">(optional)</span></label>"
          "<textarea id=\"text\" name=\"text\" rows=\"3\" aria-describedby=\"text-hint\">%s"
          "</textarea><p class=\"hint\" id=\"text-hint\">The words of a reservation, "
          "declaration, special opinion or objection.</p></div>",
          zText ? zText : "");
  hprintf(p,
          "<div><label for=\"note\">Note <span class=\"muted\">(optional)</span></label>"
          "<input id=\"note\" name=\"note\" value=\"%s\"></div>",
          zNote ? zNote : "");
  buf_puts(p, "<div><label for=\"token\">Token</label><input type=\"password\" id=\"token\" "
              "name=\"token\" required autocomplete=\"off\" aria-describedby=\"token-hint\">"
              "<p class=\"hint\" id=\"token-hint\">A depositary token, or a delegate token of the "
              "party (created with <code>pacta token create</code>). The journal names its holder "
              "as the author.</p></div>"
              "<div><button type=\"submit\">Record the action</button></div></form>");
}

static void record_page(Req *pReq, Resp *r, int status, const char *zCsrf, const Form *f,
                        const char *zNoticeClass, const char *zNoticeHtml) {
  Buf b = {0};
  page_begin(&b, "Record an action", "/record");
  buf_puts(&b, "<h1>Record an action</h1><p class=\"lede\">For the depositary and the parties' "
               "delegates: a signature, an instrument or notification, a reservation or "
               "declaration, a withdrawal. It is written to the journal under your token's "
               "name; the statuses are recomputed at once.</p>");
  if (zNoticeHtml) form_notice(&b, strcmp(zNoticeClass, "ok") == 0, zNoticeHtml);
  record_form(&b, pReq->pDb, zCsrf, f ? form_get(f, "document") : req_arg(pReq, "document"),
              f ? form_get(f, "party") : req_arg(pReq, "party"), f ? form_get(f, "type") : 0,
              f ? form_get(f, "date") : 0, f ? form_get(f, "text") : 0,
              f ? form_get(f, "note") : 0);
  page_end(&b, pReq);
  page_send(r, status, &b, false);
}

void page_get_record(Req *pReq, Resp *r) {
  char zCsrf[33];
  csrf_new(r, "/record", zCsrf);
  record_page(pReq, r, 200, zCsrf, 0, 0, 0);
}

void page_post_record(Req *pReq, Resp *r) {
  if (pReq->nBody > MAX_FORM_BODY) {
    page_error(pReq, r, 413, "Too large", "The form is larger than 64 KiB.");
    return;
  }
  const char *zType = pReq->zHeaderContentType;
  if (!zType || strncmp(zType, "application/x-www-form-urlencoded", 33) != 0) {
    page_error(pReq, r, 415, "Unsupported form",
               "Expected Content-Type: application/x-www-form-urlencoded.");
    return;
  }
  Form f;
  form_parse(&f, pReq->zBody ? pReq->zBody : "", pReq->nBody);
  char zCsrf[33];
  if (!csrf_ok(pReq, &f, zCsrf)) {
    csrf_new(r, "/record", zCsrf);
    record_page(pReq, r, 403, zCsrf, &f, "err",
                "<strong>Nothing was recorded.</strong> The form had expired or did not come "
                "from this page (its security code did not match). Check the fields and submit "
                "again.");
    form_free(&f);
    return;
  }
  const char *zToken = form_get(&f, "token");
  Caller caller;
  memset(&caller, 0, sizeof(caller));
  if (zToken && *zToken) auth_lookup(pReq->pDb, zToken, &caller);
  if (caller.role == ROLE_NONE) {
    record_page(pReq, r, 401, zCsrf, &f, "err",
                caller.bBadToken ? "<strong>Nothing was recorded.</strong> The token is unknown "
                                   "or has been revoked."
                                 : "<strong>Nothing was recorded.</strong> A token is needed.");
    form_free(&f);
    return;
  }
  /* The action as an interchange record. */
  json_t *pRec = json_object();
  static const char *const azField[] = {"document", "party", "type", "date", "text", "note"};
  bool bUtf8 = true;
  for (size_t i = 0; i < sizeof(azField) / sizeof(azField[0]); i++) {
    const char *z = form_get(&f, azField[i]);
    if (!z || !*z) continue;
    json_t *v = json_string(z);
    if (!v) {
      bUtf8 = false;
      continue;
    }
    json_object_set_new(pRec, azField[i], v);
  }
  if (!bUtf8 || f.bBad) {
    record_page(pReq, r, 400, zCsrf, 0, "err",
                "<strong>Nothing was recorded.</strong> The form was not valid UTF-8 text.");
    json_decref(pRec);
    form_free(&f);
    return;
  }
  LoadResult res;
  Buf msg = {0};
  int status = form_load(pReq->pDb, &caller, "actions", pRec, "Nothing was recorded.", &msg, &res);
  if (status >= 300) {
    record_page(pReq, r, status, zCsrf, &f, "err", msg.z);
  } else {
    const char *zDocId = str(pRec, "document"), *zDate = str(pRec, "date");
    if (res.nLoaded)
      hprintf(&msg, "<strong>Recorded</strong> as journal entry %lld by %s: %s, %s of %s, on ",
              (long long)res.lastSeq, caller.zName, dflt(str(pRec, "party"), ""),
              dflt(str(pRec, "type"), ""), dflt(zDate, ""));
    else
      hprintf(&msg,
              "<strong>Already recorded</strong>: this action was in the journal with the "
              "same content, so nothing new was written. %s, %s of %s, on ",
              dflt(str(pRec, "party"), ""), dflt(str(pRec, "type"), ""), dflt(zDate, ""));
    hprintf(&msg, "<a href=\"/documents/%s?on=%s\">%s</a>.", zDocId, zDate, zDocId);
    record_page(pReq, r, status, zCsrf, 0, "ok", msg.z);
  }
  buf_free(&msg);
  json_decref(pRec);
  form_free(&f);
}

/* ---- Unknown pages ------------------------------------------------------------------- */

void page_get_unknown(Req *pReq, Resp *r) {
  if (strncmp(pReq->zPath, "/api/", 5) == 0 || strcmp(pReq->zPath, "/api") == 0) {
    resp_error(r, 404, "not_found", "no such resource: %s", pReq->zPath);
    return;
  }
  page_error(pReq, r, 404, "Not found", "There is no page at this address.");
}
