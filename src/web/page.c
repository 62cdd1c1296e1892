/*
** The page frame (page.h): the head, style sheet and navigation every page
** shares, its foot, the error and 404 pages, the catch-all for unknown
** addresses, and the helpers the page families (pages_*.c) share. The pages
** are server-rendered HTML over the same queries as the API (registry.h),
** one small inline style sheet, no script. Every piece of data goes through
** html_escape (hprintf's %s escapes). GET pages depend only on the registry
** and the query string, so the server caches them by journal sequence; the
** forms (/record, /ingest) are never cached.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "fields.h"
#include "page.h"
#include "place.h"
#include "routes.h"
#include "svg.h"

#define HTML "text/html; charset=utf-8"

/* ---- Values --------------------------------------------------------------------- */

char *xprintf(const char *zFmt, ...) {
  Buf b = {0};
  va_list ap;
  va_start(ap, zFmt);
  buf_vprintf(&b, zFmt, ap);
  va_end(ap);
  return b.z;
}

/* ---- Pieces of HTML -------------------------------------------------------------- */

void put_name(Buf *p, const json_t *pName, const char *zFallback) {
  const char *zLang = name_here_lang(pName);
  if (!zLang) {
    html_escape(p, zFallback ? zFallback : "");
  } else if (strcmp(zLang, i18n_lang()) == 0) {
    html_escape(p, str(pName, zLang));
  } else {
    hprintf(p, "<span lang=\"%s\">%s</span>", zLang, str(pName, zLang));
  }
}

void put_ru(Buf *p, const json_t *pName) {
  /* The second name: Russian beside a name in another language, English
  ** beside a Russian one. */
  const char *zShown = name_here_lang(pName);
  const char *zOther = zShown && strcmp(zShown, "ru") == 0 ? "en" : "ru";
  const char *z = str(pName, zOther);
  if (z) hprintf(p, " <span class=\"ru\" lang=\"%s\">%s</span>", zOther, z);
}

void put_second_name(Buf *p, const json_t *pName) {
  const char *zShown = name_here_lang(pName);
  const char *zOther = zShown && strcmp(zShown, "ru") == 0 ? "en" : "ru";
  const char *z = str(pName, zOther);
  if (z) hprintf(p, "<p class=\"ru\" lang=\"%s\">%s</p>", zOther, z);
}

void put_date(Buf *p, const char *zDate) {
  if (zDate && *zDate) {
    hprintf(p, "<time datetime=\"%s\">", zDate);
    Buf t = {0};
    i18n_date_iso(&t, zDate);
    html_escape(p, t.z ? t.z : "");
    buf_free(&t);
    buf_puts(p, "</time>");
  } else {
    hprintf(p,
            "<span class=\"muted\"><span aria-hidden=\"true\">&#8212;</span>"
            "<span class=\"sr\">%s</span></span>",
            _("none"));
  }
}

/* ---- Codes of the record as words ------------------------------------------------ */

void put_words_in(Buf *p, const char *zContext, const char *z) {
  const char *zTerm = term_in(zContext, z);
  if (zTerm) {
    html_escape(p, zTerm);
    return;
  }
  /* A code the table does not know (a newer record): its words, untranslated. */
  Buf t = {0};
  buf_puts(&t, z ? z : "");
  for (size_t i = 0; i < t.n; i++)
    if (t.z[i] == '_') t.z[i] = ' ';
  if (t.n && strcmp(i18n_lang(), "en") != 0)
    hprintf(p, "<span lang=\"en\">%s</span>", t.z);
  else
    html_escape(p, t.z ? t.z : "");
  buf_free(&t);
}

void put_words(Buf *p, const char *z) {
  put_words_in(p, 0, z);
}

void put_badge(Buf *p, const char *zStatus) {
  if (!zStatus) {
    hprintf(p, "<span class=\"muted\">%s</span>", _("no status"));
    return;
  }
  hprintf(p, "<span class=\"badge st-%s\">", zStatus);
  put_words(p, zStatus);
  buf_puts(p, "</span>");
}

/* The language of a record's free text (a note, a place), which the record
** does not state: Russian when most of its letters are Cyrillic, else English
** (an English note may quote a Russian word). */
static const char *text_lang(const char *z) {
  size_t nCyr = 0, nLat = 0;
  for (const unsigned char *u = (const unsigned char *)z; *u; u++) {
    if ((u[0] == 0xD0 || u[0] == 0xD1) && (u[1] & 0xC0) == 0x80)
      nCyr++;
    else if ((u[0] | 0x20) >= 'a' && (u[0] | 0x20) <= 'z')
      nLat++;
  }
  return nCyr > nLat ? "ru" : "en";
}

void put_text(Buf *p, const char *z) {
  if (!z || !*z) return;
  const char *zLang = text_lang(z);
  if (strcmp(zLang, i18n_lang()) == 0)
    html_escape(p, z);
  else
    hprintf(p, "<span lang=\"%s\">%s</span>", zLang, z);
}

void put_place(Buf *p, Db *pDb, const char *zPlace) {
  const char *zHere = place_here(pDb, zPlace);
  if (zHere)
    html_escape(p, zHere);
  else
    put_text(p, zPlace);
}

char *text_html(const char *z) {
  Buf t = {0};
  put_text(&t, z);
  return t.z ? t.z : xstrdup("");
}

/* ---- Sentences with pieces of HTML ------------------------------------------------ */

/* zMsg with {0}...{9} replaced by azArg's strings; the rest escaped when
** bEscape. A period right after an argument that ends in one is left out
** (html_ends_in_period). */
static void msg_fill(Buf *p, const char *zMsg, const char *const *azArg, bool bEscape) {
  int nArg = 0;
  while (azArg[nArg]) nArg++;
  const char *z = zMsg;
  while (*z) {
    const char *zOpen = strchr(z, '{');
    bool bArg =
        zOpen && zOpen[1] >= '0' && zOpen[1] <= '9' && zOpen[2] == '}' && zOpen[1] - '0' < nArg;
    size_t n = zOpen ? (size_t)(zOpen - z) + (bArg ? 0 : 1) : strlen(z);
    if (bEscape)
      html_escape_n(p, z, n);
    else
      buf_append(p, z, n);
    if (!zOpen) break;
    if (bArg) {
      const char *zArg = azArg[zOpen[1] - '0'];
      buf_puts(p, zArg);
      z = zOpen + 3;
      if (*z == '.' && z[1] != '.' && html_ends_in_period(zArg, strlen(zArg))) z++;
    } else {
      z = zOpen + 1;
    }
  }
}

void put_msg_a(Buf *p, const char *zMsg, const char *const *azArg) {
  msg_fill(p, zMsg, azArg, true);
}

char *msg_text_a(const char *zMsg, const char *const *azArg) {
  Buf t = {0};
  msg_fill(&t, zMsg, azArg, false);
  return t.z ? t.z : xstrdup("");
}

char *html_of(const char *zText) {
  Buf t = {0};
  html_escape(&t, zText ? zText : "");
  return t.z ? t.z : xstrdup("");
}

char *date_html(const char *zIso) {
  Buf t = {0};
  put_date(&t, zIso);
  return t.z;
}

char *date_text(const char *zIso) {
  Buf t = {0};
  i18n_date_iso(&t, zIso ? zIso : "");
  return t.z ? t.z : xstrdup("");
}

char *words_html(const char *zContext, const char *zCode) {
  Buf t = {0};
  put_words_in(&t, zContext, zCode);
  return t.z ? t.z : xstrdup("");
}

char *party_html(const json_t *pParties, const char *zCode) {
  Buf t = {0};
  put_party(&t, pParties, zCode);
  return t.z;
}

char *plural_text(const char *zPattern, long long n) {
  Buf t = {0};
  i18n_plural(&t, zPattern, n);
  return t.z ? t.z : xstrdup("");
}

char *plural_html(const char *zPattern, long long n) {
  char *z = plural_text(zPattern, n);
  char *zHtml = html_of(z);
  xfree(z);
  return zHtml;
}

void put_party_name(Buf *p, const json_t *pParties, const char *zCode) {
  if (!zCode) zCode = "";
  const json_t *pName = json_object_get(json_object_get(pParties, zCode), "name");
  put_name(p, pName, zCode);
}

/* (Pieces appended, not hprintf: a document's page names hundreds of
** parties, and hprintf reads its format twice for each.) */
void put_party(Buf *p, const json_t *pParties, const char *zCode) {
  if (!zCode) zCode = "";
  buf_puts(p, "<span class=\"nw\"><a href=\"/parties/");
  html_escape(p, zCode);
  buf_puts(p, "\">");
  put_party_name(p, pParties, zCode);
  buf_puts(p, "</a> <span class=\"code\">");
  html_escape(p, zCode);
  buf_puts(p, "</span></span>");
}

void put_link(Buf *p, const char *zPrefix, const json_t *pMap, const char *zId,
              const char *zNameField) {
  if (!zId) zId = "";
  const json_t *v = json_object_get(pMap, zId);
  hprintf(p, "<a href=\"/%s/%s\">", zPrefix, zId);
  put_name(p, json_object_get(v, zNameField), zId);
  buf_puts(p, "</a>");
}

void put_org_short(Buf *p, const json_t *pOrgs, const char *zCode, bool bLink) {
  if (!zCode) return;
  const json_t *pOrg = json_object_get(pOrgs, zCode);
  const char *zShort = alias_here(pOrg);
  if (bLink) hprintf(p, "<a href=\"/organizations/%s\">", zCode);
  if (zShort) {
    hprintf(p, "<abbr title=\"%s\">%s</abbr>", name_here(json_object_get(pOrg, "name"), zCode),
            zShort);
  } else {
    put_name(p, json_object_get(pOrg, "name"), zCode);
  }
  if (bLink) buf_puts(p, "</a>");
}

void table_begin(Buf *p, const char *zCaption, const char *zHeads) {
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

void table_end(Buf *p) {
  buf_puts(p, "</tbody></table></div>");
}

void put_sources(Buf *p, const json_t *aSource) {
  if (!json_array_size(aSource)) return;
  hprintf(p, "<h2 id=\"sources\">%s</h2><ul class=\"sources\">", _("Sources"));
  for (size_t i = 0; i < json_array_size(aSource); i++) {
    const json_t *s = json_array_get(aSource, i);
    const char *zRef = str(s, "ref");
    buf_puts(p, "<li>");
    if (zRef && (strncmp(zRef, "https://", 8) == 0 || strncmp(zRef, "http://", 7) == 0)) {
      hprintf(p, "<a href=\"%s\" rel=\"noreferrer\">", zRef);
      put_text(p, dflt(str(s, "title"), zRef));
      buf_puts(p, "</a>");
    } else {
      put_text(p, str(s, "title"));
      hprintf(p, "%s%s", str(s, "title") && zRef ? " \xe2\x80\x94 " : "", dflt(zRef, ""));
    }
    if (str(s, "date")) {
      buf_puts(p, " (");
      put_date(p, str(s, "date"));
      buf_puts(p, ")");
    }
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
    "header.site .who{margin:0 0 0 auto;font-size:.9rem}header.site .who a{color:#fff}"
    "header.site .who .muted{color:#c9d4e0}"
    "nav.langs{font-size:.9rem}nav.langs ul{gap:.1rem .7rem}"
    ".in{max-width:74rem;margin:0 auto;padding:.65rem 1rem}"
    "header.site .in{display:flex;flex-wrap:wrap;gap:.3rem 1.6rem;align-items:baseline}"
    ".brand{font-weight:700;font-size:1.25rem;color:#fff;text-decoration:none;letter-spacing:.03em}"
    ".brand:hover{color:#fff}"
    "nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.15rem 1.1rem}"
    /* the header's menus only: a pager's links in the page keep the page's colours */
    "header.site nav a{color:#d6e3f3;text-decoration:none}"
    "header.site nav a:hover{color:#fff;text-decoration:underline}"
    "header.site nav a[aria-current]{color:#fff;font-weight:600;text-decoration:underline;"
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
    ".scroll{position:relative;overflow-x:auto;margin:.6rem 0 1.2rem;border:1px solid "
    "var(--line);border-radius:6px}"
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
    ".error{color:#9b1c1c;font-weight:600;font-size:.9rem;margin:.2rem 0 0}"
    "[aria-invalid=true]{border-color:#9b1c1c;box-shadow:0 0 0 1px #9b1c1c}"
    ".notice{border:1px solid;border-radius:6px;padding:.7rem 1rem;margin:1rem 0}"
    ".notice.ok{background:#ecf8ef;border-color:#93cca6}"
    ".notice.err{background:#fdf0ef;border-color:#e0a09a}"
    "tr.unsure th,tr.unsure td{background:#fff8e5}"
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
    /* a list's filters: each label above its control, in a row that wraps */
    "form.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:flex-end;"
    "margin:.6rem 0 1rem}"
    "form.filters label{display:flex;flex-direction:column;align-items:flex-start;gap:.15rem}"
    "form.filters select{max-width:19rem}"
    "article.sub{border:1px solid var(--line);border-radius:8px;padding:0 1rem .8rem;"
    "margin:1rem 0}article.sub h3{margin-top:.8rem}"
    ".decide{display:flex;flex-wrap:wrap;gap:.8rem}.decide form{flex:1 1 16rem;display:grid;"
    "gap:.5rem;align-content:start;border:1px solid var(--line);border-radius:6px;padding:.7rem}"
    ".decide label{display:block;margin-bottom:.2rem}.decide input,.decide textarea{width:100%}"
    "button.reject{background:#9b1c1c;border-color:#9b1c1c}button.reject:hover{background:#6f1414}"
    "ul.plain{list-style:none;margin:0;padding:0}td.msg{min-width:16rem}"
    "ul.links{display:flex;flex-wrap:wrap;gap:.4rem 1.4rem;padding:0;list-style:none}"
    ".st-pending{color:#92400e;background:#fff6e5;border-color:#f0c27a}"
    ".st-accepted{color:#14532d;background:#e7f5ec;border-color:#93cca6}"
    ".st-rejected{color:#991b1b;background:#fdeeee;border-color:#eba5a5}"
    ".notice.warn{background:#fff8e6;border-color:#e6c36a}" /* the desk's forms */
    "fieldset.rows,fieldset.checks{border:1px solid var(--line);border-radius:6px;margin:0;"
    "padding:.5rem .8rem}fieldset .row{display:grid;grid-template-columns:5rem 1fr 1fr;"
    "gap:.5rem;margin:.4rem 0}label.check{display:inline-flex;gap:.35rem;align-items:center;"
    "margin-right:1rem;font-weight:400}.fields label.check input{width:auto}"
    "section.retract{max-width:38rem;margin-top:2rem}"
    /* The session and document forms (desk_session.c, desk_document.c). */
    "form.desk{max-width:60rem}.desk fieldset{border:1px solid var(--line);border-radius:6px;"
    "padding:.5rem 1rem 1rem;margin:0;min-width:0;display:grid;gap:.8rem}"
    ".desk legend{font-weight:600;padding:0 .3rem}.desk .row{display:flex;flex-wrap:wrap;"
    "gap:.8rem}.desk .row>div{flex:1 1 11rem}.desk .check{display:flex;gap:.5rem;"
    "align-items:baseline}.desk .check input{width:auto}.desk .check label{font-weight:400;"
    "display:inline}.desk td input,.desk td select{min-width:8rem}"
    ".warning{color:var(--warn);font-weight:600;font-size:.9rem;margin:.2rem 0 0}"
    "button.secondary{background:#fff;color:var(--accent)}button.secondary:hover{"
    "background:var(--soft)}.preview{border:1px solid #a9bff0;background:#f3f7fd;"
    "border-radius:6px;padding:0 1rem .6rem}.preview h2{margin:.6rem 0 .3rem;border:0}"
    "footer{border-top:1px solid var(--line);color:var(--muted);font-size:.86rem}"
    "@media (max-width:640px){body{font-size:15px}h1{font-size:1.45rem}"
    "fieldset .row{grid-template-columns:1fr}dl.facts{grid-template-columns:1fr;gap:0}dl.facts "
    "dd{margin-bottom:.5rem}"
    "header.site .in{gap:.2rem 1rem}}"
    /* Print: no navigation, forms or scroll regions; tables at full width. */
    "@media print{header.site,nav,footer,.skip,form,button{display:none}"
    "body{font-size:10pt;color:#000}.in{max-width:none;padding:0}"
    ".scroll,.chart{overflow:visible;border:0}table,.chart svg{width:100%;min-width:0!important}"
    "th,td{overflow-wrap:break-word}thead{display:table-header-group}tr{break-inside:avoid}"
    "a{color:#000;text-decoration:none}@page{size:A4;margin:15mm}}";

static const struct {
  const char *zHref, *zLabel;
} aNav[] = {
    {"/", N_("Home")},
    {"/organizations", N_("Organizations")},
    {"/documents", N_("Documents")},
    {"/sessions", N_("Sessions")},
    {"/parties", N_("Parties")},
    {"/record", N_("Record an action")},
    {"/ingest", N_("From a press release")},
    {"/api/v1/openapi.json", N_("API")},
};

/* This page's address in language pLang: its path and query with ?lang=. */
static void put_lang_href(Buf *p, const Req *pReq, const Lang *pLang) {
  hprintf(p, "%s?", pReq->zPath ? pReq->zPath : "/");
  if (pReq->zQuery && *pReq->zQuery) hprintf(p, "%s&amp;", pReq->zQuery);
  hprintf(p, "lang=%s", i18n_code(pLang));
}

void pages_begin(Buf *p, Req *pReq, const char *zTitle, const char *zNav) {
  hprintf(p,
          "<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          "<link rel=\"icon\" href=\"data:,\">"
          "<link rel=\"alternate\" type=\"application/atom+xml\" "
          "title=\"%s\" href=\"/feed.atom\">",
          i18n_lang(), _("Depositary notifications"));
  /* The same page in each language, for search engines and readers. */
  for (size_t i = 0; i < i18n_count(); i++) {
    hprintf(p, "<link rel=\"alternate\" hreflang=\"%s\" href=\"", i18n_code(i18n_at(i)));
    put_lang_href(p, pReq, i18n_at(i));
    buf_puts(p, "\">");
  }
  hprintf(p, "<title>%s%spacta</title>", zTitle ? zTitle : "", zTitle ? " \xc2\xb7 " : "");
  buf_puts(p, "<style>");
  buf_puts(p, zStyle);
  hprintf(p,
          "</style></head><body><a class=\"skip\" href=\"#main\">%s</a>"
          "<header class=\"site\"><div class=\"in\"><a class=\"brand\" href=\"/\">pacta</a>"
          "<nav aria-label=\"%s\"><ul>",
          _("Skip to content"), _("Main"));
  for (size_t i = 0; i < sizeof(aNav) / sizeof(aNav[0]); i++) {
    bool bHere = zNav && strcmp(zNav, aNav[i].zHref) == 0;
    hprintf(p, "<li><a href=\"%s\"", aNav[i].zHref);
    if (bHere) buf_puts(p, " aria-current=\"page\"");
    hprintf(p, ">%s</a></li>", _(aNav[i].zLabel));
  }
  hprintf(p,
          "</ul></nav><form class=\"navsearch\" action=\"/search\" role=\"search\">"
          "<input type=\"search\" name=\"q\" aria-label=\"%s\" "
          "placeholder=\"%s\" size=\"14\"></form>",
          _("Search the registry"), _("Search"));
  /* The languages: each named in itself, the current one marked. */
  hprintf(p, "<nav class=\"langs\" aria-label=\"%s\"><ul>", _("Language"));
  for (size_t i = 0; i < i18n_count(); i++) {
    const Lang *pL = i18n_at(i);
    if (pL == i18n_current()) {
      hprintf(p, "<li><a aria-current=\"true\" lang=\"%s\" href=\"", i18n_code(pL));
    } else {
      hprintf(p, "<li><a lang=\"%s\" hreflang=\"%s\" href=\"", i18n_code(pL), i18n_code(pL));
    }
    put_lang_href(p, pReq, pL);
    hprintf(p, "\">%s</a></li>", i18n_autonym(pL));
  }
  buf_puts(p, "</ul></nav>");
  /* Who is signed in (a session, pages_login.c), and with which role. */
  const Caller *c = &pReq->caller;
  if (pReq->bSession && c->role != ROLE_NONE) {
    hprintf(p, "<p class=\"who\"><a href=\"/desk\">%s</a> <span class=\"muted\">(", c->zName);
    if (c->role == ROLE_DEPOSITARY)
      buf_puts(p, _("depositary"));
    else
      hprintf(p, _("delegate of %s"), c->zParty);
    hprintf(p, ")</span> <a href=\"/logout\">%s</a></p>", _("Sign out"));
  } else {
    hprintf(p, "<p class=\"who\"><a href=\"/login\">%s</a></p>", _("Sign in"));
  }
  buf_puts(p, "</div></header><main id=\"main\">");
}

/* Today in the page's language, as i18n_date writes it: each thread keeps
** the last one it formatted (ICU's formatting of one date costs more than
** writing the rest of the foot), in place (no block to free at its end). */
typedef struct TodayText {
  const Lang *pLang; /* NULL: none yet */
  pdate date;
  char z[128];
} TodayText;

static __thread TodayText t_today;

void pages_end(Buf *p, Req *pReq) {
  pdate d = date_today();
  const Lang *pLang = i18n_current();
  Buf today = {0};
  const char *zToday = t_today.z;
  if (t_today.pLang != pLang || t_today.date != d) {
    i18n_date(&today, d);
    zToday = today.z ? today.z : "";
    if (strlen(zToday) < sizeof(t_today.z)) {
      memcpy(t_today.z, zToday, strlen(zToday) + 1);
      t_today.pLang = pLang;
      t_today.date = d;
    } else {
      t_today.pLang = 0;
    }
  }
  hprintf(p, "</main><footer><div class=\"in\">");
  hprintf(p,
          _("pacta registry \xc2\xb7 journal entry %lld \xc2\xb7 today is %s (UTC) \xc2\xb7 dates "
            "and statuses are computed from each document's clause and the recorded actions"),
          (long long)db_last_seq(pReq->pDb), zToday);
  hprintf(p, " \xc2\xb7 <a href=\"/api/v1/openapi.json\">%s</a></div></footer></body></html>\n",
          _("JSON API"));
  buf_free(&today);
}

void page_send(Resp *r, int status, Buf *p, bool bCache) {
  if (p->z) { /* the page's buffer becomes the body (resp_text would copy it) */
    r->status = status;
    r->zType = HTML;
    buf_free(&r->body);
    r->body = *p;
    memset(p, 0, sizeof(*p));
  } else {
    resp_text(r, status, HTML, "", 0);
  }
  r->bCacheable = bCache && status == 200;
  buf_free(p);
}

void page_error(Req *pReq, Resp *r, int status, const char *zTitle, const char *zMsg) {
  Buf b = {0};
  pages_begin(&b, pReq, zTitle, 0);
  hprintf(&b, "<h1>%s</h1><p class=\"lede\">%s</p>", zTitle, zMsg);
  hprintf(&b, "<p><a href=\"/\">%s</a></p>", _("Back to the home page"));
  pages_end(&b, pReq);
  page_send(r, status, &b, false);
}

/* What pages_not_found says for each kind of thing (one sentence each: the
** word's case and gender differ from language to language). */
static const struct {
  const char *zWhat, *zMsg;
} aNotFound[] = {
    {"party", N_("There is no party \"%s\" in this registry.")},
    {"organization", N_("There is no organization \"%s\" in this registry.")},
    {"body", N_("There is no body \"%s\" in this registry.")},
    {"membership", N_("There is no membership \"%s\" in this registry.")},
    {"chairmanship", N_("There is no rule of the chair \"%s\" in this registry.")},
    {"document", N_("There is no document \"%s\" in this registry.")},
    {"session", N_("There is no session \"%s\" in this registry.")},
    {"action", N_("There is no action \"%s\" in this registry.")},
    {"commitment", N_("There is no commitment \"%s\" in this registry.")},
    {"assessment", N_("There is no assessment \"%s\" in this registry.")},
    {"submission", N_("There is no submission \"%s\" in this registry.")},
    {"form for", N_("There is no form for \"%s\" in this registry.")},
};

void pages_not_found(Req *pReq, Resp *r, const char *zWhat, const char *zId) {
  const char *zMsg = N_("There is nothing called \"%s\" in this registry.");
  for (size_t i = 0; i < sizeof(aNotFound) / sizeof(aNotFound[0]); i++)
    if (zWhat && strcmp(zWhat, aNotFound[i].zWhat) == 0) zMsg = aNotFound[i].zMsg;
  Buf msg = {0};
  buf_printf(&msg, _(zMsg), zId ? zId : "");
  page_error(pReq, r, 404, _("Not found"), msg.z);
  buf_free(&msg);
}

bool page_on(Req *pReq, Resp *r, pdate *pOn) {
  const char *z = req_arg(pReq, "on");
  if (!z || !*z) {
    *pOn = date_today();
    return true;
  }
  if (date_parse(z, strlen(z), pOn) == 0) return true;
  Buf msg = {0};
  buf_printf(&msg,
             _("\"%s\" is not a date: expected a real date as YYYY-MM-DD, such as 2009-08-18."), z);
  page_error(pReq, r, 400, _("Bad date"), msg.z);
  buf_free(&msg);
  return false;
}

void date_form(Buf *p, const char *zPath, const char *zLabel, const char *zOn) {
  hprintf(p,
          "<form class=\"inline\" method=\"get\" action=\"%s\"><label for=\"on\">%s</label>"
          "<input type=\"date\" id=\"on\" name=\"on\" value=\"%s\" required>"
          "<button type=\"submit\">%s</button></form>",
          zPath, zLabel, zOn, _("Show"));
}

/* ---- Timelines of memberships ------------------------------------------------------ */

static const char *const azKindName[] = {"founding",    "member",   "associate",
                                         "participant", "observer", "suspended"};

/* The legend for the kinds in the memberships aMem. */
static void kind_legend(Buf *p, const json_t *aMem) {
  hprintf(p, "<ul class=\"legend\" aria-label=\"%s\">", _("Legend"));
  for (size_t k = 0; k < sizeof(azKindName) / sizeof(azKindName[0]); k++) {
    bool bUsed = false;
    for (size_t i = 0; i < json_array_size(aMem) && !bUsed; i++)
      bUsed = strcmp(dflt(str(json_array_get(aMem, i), "kind"), ""), azKindName[k]) == 0;
    if (bUsed) {
      hprintf(p, "<li><span class=\"sw k-%s\"></span>", azKindName[k]);
      put_words(p, azKindName[k]);
      buf_puts(p, "</li>");
    }
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

const char *alias_here(const json_t *pRec) {
  const json_t *a = json_object_get(json_object_get(pRec, "aliases"), i18n_lang());
  const char *zBest = 0;
  for (size_t i = 0; i < json_array_size(a); i++) {
    const char *z = json_string_value(json_array_get(a, i));
    if (z && *z && !strchr(z, '*') && (!zBest || strlen(z) < strlen(zBest))) zBest = z;
  }
  return zBest;
}

void membership_timeline(Buf *p, const char *zId, const char *zTitle, const json_t *aMem,
                         const char *zRowField, const json_t *pNames, const char *zNameField,
                         const char *zHrefPrefix, pdate start) {
  size_t nMem = json_array_size(aMem);
  if (!nMem) {
    hprintf(p, "<p class=\"muted\">%s</p>", _("No memberships recorded."));
    return;
  }
  RowKey *aRow = xmalloc(nMem * sizeof(RowKey));
  int nRow = 0;
  pdate today = date_today(), end = today;
  for (size_t i = 0; i < nMem; i++) {
    const json_t *m = json_array_get(aMem, i);
    const char *zKey = dflt(str(m, zRowField), "");
    pdate from = date_of(json_object_get(m, "from")), to = date_of(json_object_get(m, "to"));
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
    const json_t *pName = json_object_get(json_object_get(pNames, aRow[r].zKey), zNameField);
    const char *zLabel = name_here(pName, aRow[r].zKey);
    const char *zLabelLang = pName ? name_here_lang(pName) : 0; /* when not the page's */
    if (zLabelLang && strcmp(zLabelLang, i18n_lang()) == 0) zLabelLang = 0;
    /* a short name in the page's language, for a label in it */
    const char *zShort = zLabelLang ? 0 : alias_here(json_object_get(pNames, aRow[r].zKey));
    char *zHref = azFree[nFree++] = xprintf("/%s/%s", zHrefPrefix, aRow[r].zKey);
    aSvgRow[r] = (SvgRow){zLabel, zHref, aBar + nBar, 0, zLabelLang, zShort};
    for (size_t i = 0; i < nMem; i++) {
      const json_t *m = json_array_get(aMem, i);
      if (strcmp(dflt(str(m, zRowField), ""), aRow[r].zKey) != 0) continue;
      const char *zKind = dflt(str(m, "kind"), "member");
      const char *zTo = str(m, "to");
      aBar[nBar] = (SvgBar){date_of(json_object_get(m, "from")), date_of(json_object_get(m, "to")),
                            azFree[nFree++] = xprintf("k-%s", zKind), 0};
      char *zFrom = date_text(dflt(str(m, "from"), "?")), *zUntil = date_text(zTo);
      const char *zKindWords = dflt(term(zKind), zKind);
      char *zTitleBar = zTo ? xprintf(_("%s: %s from %s to %s"), zLabel, zKindWords, zFrom, zUntil)
                            : xprintf(_("%s: %s from %s (current)"), zLabel, zKindWords, zFrom);
      xfree(zFrom);
      xfree(zUntil);
      aBar[nBar].zTitle = azFree[nFree++] = zTitleBar;
      nBar++;
      aSvgRow[r].nBar++;
    }
  }
  Buf desc = {0};
  i18n_plural(&desc, _("{0, plural, one{# row} other{# rows}}"), nRow);
  buf_puts(&desc, _(", one bar per membership interval, coloured by kind; the table below gives "
                    "the same data."));
  SvgTimeline chart = {zId, zTitle, desc.z, aSvgRow, nRow, start, end};
  buf_puts(p, "<figure class=\"chart\">");
  svg_timeline(p, &chart);
  buf_puts(p, "</figure>");
  kind_legend(p, aMem);
  buf_free(&desc);
  for (int i = 0; i < nFree; i++) xfree(azFree[i]);
  xfree(azFree);
  xfree(aBar);
  xfree(aSvgRow);
  xfree(aRow);
}

/* ---- Lists of sessions ------------------------------------------------------------ */

void session_rows(Buf *p, Db *pDb, const json_t *aSession, const json_t *pBodies, bool bBody) {
  bool bBegun = db_read_begin(pDb); /* one transaction for the places (place_here) */
  json_t *pOrgs = bBody ? entity_map(pDb, K_ORGANIZATION, "id") : 0;
  for (size_t i = 0; i < json_array_size(aSession); i++) {
    const json_t *s = json_array_get(aSession, i);
    buf_puts(p, "<tr><th scope=\"row\" class=\"nw\">");
    hprintf(p, "<a href=\"/sessions/%s\">", str(s, "id"));
    put_date(p, str(s, "date"));
    buf_puts(p, "</a></th>");
    if (bBody) {
      const json_t *pBody = json_object_get(pBodies, dflt(str(s, "body"), ""));
      buf_puts(p, "<td>");
      put_link(p, "bodies", pBodies, str(s, "body"), "name");
      buf_puts(p, " <span class=\"small muted\">");
      put_org_short(p, pOrgs, str(pBody, "organization"), false);
      buf_puts(p, "</span></td>");
    }
    buf_puts(p, "<td>");
    if (str(s, "place"))
      put_place(p, pDb, str(s, "place"));
    else
      html_escape(p, _("not stated"));
    buf_puts(p, "</td><td>");
    put_words(p, str(s, "format"));
    hprintf(p, "</td><td class=\"nw\">%zu</td></tr>",
            json_array_size(json_object_get(s, "adopted")));
  }
  json_decref(pOrgs);
  db_read_end(pDb, bBegun);
}

static int compare_session_desc(const void *pA, const void *pB) {
  const json_t *a = *(json_t *const *)pA, *b = *(json_t *const *)pB;
  return -strcmp(dflt(str(a, "date"), ""), dflt(str(b, "date"), ""));
}

json_t *sessions_by_date(Db *pDb, const char *zBody) {
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
  xfree(ap);
  json_decref(aAll);
  return aOut;
}

/* ---- Unknown pages ------------------------------------------------------------------- */

void page_get_unknown(Req *pReq, Resp *r) {
  if (strncmp(pReq->zPath, "/api/", 5) == 0 || strcmp(pReq->zPath, "/api") == 0) {
    resp_error(r, 404, "not_found", "no such resource: %s", pReq->zPath);
    return;
  }
  page_error(pReq, r, 404, _("Not found"), _("There is no page at this address."));
}
