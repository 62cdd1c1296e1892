/* Search over HTTP: GET /api/v1/search and the page /search (search.h). The
** page's words are in its language (i18n.h); the API's are codes, its
** messages translated like the page's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "entity.h"
#include "fields.h"
#include "kind.h"
#include "page.h"
#include "place.h"
#include "routes.h"
#include "search.h"

/* A malformed argument: its error code, and the message every route gives
** ("query parameter NAME: expected ..., got ..."), in the page's language. */
static bool bad_arg(Buf *pErr, const char **pzCode, const char *zCode, const char *zMsg,
                    const char *zName, const char *zValue) {
  *pzCode = zCode;
  buf_printf(pErr, zMsg, zName, zValue);
  return false;
}

/* The whole number zName from lo to hi into *pOut (dflt when absent). */
static bool arg_number(Req *pReq, const char *zName, long long dflt, long long lo, long long hi,
                       long long *pOut, Buf *pErr, const char **pzCode) {
  const char *z = req_value(pReq, zName);
  *pOut = dflt;
  if (!z) return true;
  char *zEnd;
  errno = 0;
  *pOut = strtoll(z, &zEnd, 10);
  if (!errno && !*zEnd && *pOut >= lo && *pOut <= hi) return true;
  *pzCode = "bad_parameter";
  buf_printf(pErr, _("query parameter %s: expected a whole number from %lld to %lld, got \"%s\""),
             zName, lo, hi, z);
  return false;
}

/* Read the query arguments; false with an error code and a message when
** one is malformed. The bounds are `pacta search`'s (search_cmd.c). */
static bool req_query(Req *pReq, SearchQuery *q, Buf *pErr, const char **pzCode) {
  memset(q, 0, sizeof(*q));
  q->zQuery = req_value(pReq, "q");
  q->zOrg = req_value(pReq, "organization");
  q->zBody = req_value(pReq, "body");
  q->zType = req_value(pReq, "type");
  q->zParty = req_value(pReq, "party");
  q->zFrom = req_value(pReq, "from");
  q->zTo = req_value(pReq, "to");
  q->zKind = req_value(pReq, "kind");
  if (!arg_number(pReq, "limit", 20, 1, 1000, &q->limit, pErr, pzCode) ||
      !arg_number(pReq, "offset", 0, 0, SEARCH_MAX_OFFSET, &q->offset, pErr, pzCode))
    return false;
  const char *zBadDate = _("query parameter %s: expected a real date YYYY-MM-DD, got \"%s\"");
  if (!date_optional_valid(q->zFrom))
    return bad_arg(pErr, pzCode, "bad_date", zBadDate, "from", q->zFrom);
  if (!date_optional_valid(q->zTo))
    return bad_arg(pErr, pzCode, "bad_date", zBadDate, "to", q->zTo);
  const char *zKind = q->zKind;
  if (zKind && !(q->zKind = search_kind_filter(zKind)))
    return bad_arg(pErr, pzCode, "bad_parameter",
                   _("query parameter %s: expected document, session, commitment, assessment, "
                     "party, body or organization, got \"%s\""),
                   "kind", zKind);
  return true;
}

/* The answer's page, as the lists give theirs (docs/api.md): limit and
** offset beside the total, and the total in X-Total-Count. */
static void echo_page(Resp *r, json_t *pDoc, const SearchQuery *q) {
  long long nTotal = json_integer_value(json_object_get(pDoc, "total"));
  json_object_set_new(pDoc, "limit", json_integer(q->limit));
  json_object_set_new(pDoc, "offset", json_integer(q->offset));
  snprintf(r->zTotalCount, sizeof(r->zTotalCount), "%lld", nTotal);
}

void api_get_search(Req *pReq, Resp *r) {
  SearchQuery q;
  Buf err = {0};
  const char *zCode = 0;
  if (!req_query(pReq, &q, &err, &zCode)) {
    resp_error(r, 400, zCode, "%s", err.z);
  } else if (!q.zQuery) {
    /* No q: nothing asked, nothing found (a bare GET lists no results). */
    json_t *pDoc = json_pack("{s:s, s:[], s:i}", "query", "", "results", "total", 0);
    echo_page(r, pDoc, &q);
    resp_json(r, 200, pDoc);
    json_decref(pDoc);
  } else {
    q.bFacets = true;
    search_ensure(pReq->pDb);
    json_t *pDoc = search_run(pReq->pDb, &q, &err);
    if (pDoc) {
      echo_page(r, pDoc, &q);
      resp_json(r, 200, pDoc);
      r->bCacheable = true;
    } else {
      resp_error(r, 400, "bad_query", "%s", err.z);
    }
    json_decref(pDoc);
  }
  buf_free(&err);
}

/* The page's address for q with one parameter set to zValue (NULL drops
** it); a new filter starts again at the first result. */
static void search_href(Buf *p, const SearchQuery *q, const char *zSet, const char *zValue) {
  char zLimit[24];
  snprintf(zLimit, sizeof(zLimit), "%lld", q->limit);
  struct {
    const char *zName, *zValue;
  } a[] = {{"q", q->zQuery},
           {"kind", q->zKind},
           {"organization", q->zOrg},
           {"body", q->zBody},
           {"type", q->zType},
           {"party", q->zParty},
           {"from", q->zFrom},
           {"to", q->zTo},
           {"offset", 0},
           {"limit", q->limit > 0 && q->limit != 20 ? zLimit : 0}};
  buf_puts(p, "/search");
  char c = '?';
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
    const char *z = strcmp(a[i].zName, zSet) == 0 ? zValue : a[i].zValue;
    if (!z) continue;
    buf_putc(p, c);
    c = '&';
    buf_printf(p, "%s=", a[i].zName);
    http_put_unreserved(p, z);
  }
}

static void entity_href(Buf *p, const char *zKind, const char *zId) {
  static const struct {
    const char *zKind, *zPath;
  } a[] = {{"document", "/documents/"},    {"session", "/sessions/"},
           {"party", "/parties/"},         {"organization", "/organizations/"},
           {"body", "/bodies/"},           {"commitment", "/commitments/"},
           {"assessment", "/commitments/"}};
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
    if (strcmp(a[i].zKind, zKind) != 0) continue;
    buf_puts(p, a[i].zPath);
    size_t n = strcspn(zId, "|"); /* an assessment's commitment */
    char *z = xstrdup(zId);
    z[n] = 0;
    http_put_unreserved(p, z);
    xfree(z);
    return;
  }
  buf_puts(p, "/");
}

/* A snippet with marks \x02 ... \x03, escaped, the marks as <mark>. */
static void html_snippet(Buf *p, const char *z) {
  Buf part = {0};
  for (const char *s = z; *s; s++) {
    if (*s == '\x02' || *s == '\x03') {
      if (part.n) html_escape(p, part.z);
      buf_reset(&part);
      buf_puts(p, *s == '\x02' ? "<mark>" : "</mark>");
    } else {
      buf_putc(&part, *s);
    }
  }
  if (part.n) html_escape(p, part.z);
  buf_free(&part);
}

/* A facet's links; a value of the kind facet is shown as words (bWords). */
/* The language of a result's text, which the index does not keep: Russian
** when it has Cyrillic letters, else English; NULL when it is the page's. */
static const char *text_lang(const char *z) {
  const char *zLang = "en";
  for (const unsigned char *u = (const unsigned char *)(z ? z : ""); *u; u++)
    if ((u[0] == 0xD0 || u[0] == 0xD1) && (u[1] & 0xC0) == 0x80) zLang = "ru";
  return strcmp(zLang, i18n_lang()) == 0 ? 0 : zLang;
}

/* A hit's title in the page's language, as its record gives it: a
** document's title; a party's, an organization's or a body's name; a
** session's body, date and place. NULL for another kind (the index's label,
** in English, stands). A new string. */
static char *hit_title(Db *pDb, const char *zKind, const char *zId) {
  Kind kind;
  if (!zKind || !zId || kind_parse(zKind, &kind) != 0) return 0;
  if (kind != K_DOCUMENT && kind != K_PARTY && kind != K_ORGANIZATION && kind != K_BODY &&
      kind != K_SESSION)
    return 0;
  json_t *v = entity_get(pDb, kind, zId);
  if (!v) return 0;
  char *z = 0;
  if (kind == K_SESSION) {
    json_t *pBody = entity_get(pDb, K_BODY, dflt(str(v, "body"), ""));
    const char *zBody = name_here(json_object_get(pBody, "name"), dflt(str(v, "body"), zId));
    char *zDate = date_text(str(v, "date"));
    z = msg_text(_("{0}, {1}"), zBody, zDate);
    const char *zPlace = str(v, "place");
    if (zPlace) {
      const char *zPlaceHere = place_here(pDb, zPlace);
      char *zWith = msg_text(_("{0}, {1}"), z, zPlaceHere ? zPlaceHere : zPlace);
      xfree(z);
      z = zWith;
    }
    xfree(zDate);
    json_decref(pBody);
  } else {
    const char *zName =
        name_here(json_object_get(v, kind == K_DOCUMENT ? "title" : "name"), (const char *)0);
    if (zName) z = xstrdup(zName);
  }
  json_decref(v);
  return z;
}

/* A facet's values with their counts: codes as words (bWords), else
** organizations by their short names (put_org_short, pOrgs). */
static void facet_list(Buf *p, const SearchQuery *q, const char *zTitle, const char *zParam,
                       const char *zCurrent, const json_t *pCounts, bool bWords,
                       const json_t *pOrgs) {
  buf_puts(p, "<div><h3>");
  html_escape(p, zTitle);
  buf_puts(p, "</h3><ul class=\"facet\">");
  if (zCurrent) {
    buf_puts(p, "<li><a href=\"");
    Buf h = {0};
    search_href(&h, q, zParam, 0);
    html_escape(p, h.z);
    buf_free(&h);
    hprintf(p, "\">%s</a></li>", _("any"));
  }
  const char *zName;
  const json_t *v;
  json_object_foreach((json_t *)pCounts, zName, v) {
    Buf h = {0};
    search_href(&h, q, zParam, zName);
    buf_puts(p, "<li><a href=\"");
    html_escape(p, h.z);
    buf_puts(p, "\"");
    if (zCurrent && strcmp(zCurrent, zName) == 0) buf_puts(p, " aria-current=\"true\"");
    buf_puts(p, ">");
    if (bWords)
      put_words(p, zName);
    else
      put_org_short(p, pOrgs, zName, false);
    buf_printf(p, "</a> (%lld)</li>", (long long)json_integer_value(v));
    buf_free(&h);
  }
  buf_puts(p, "</ul></div>");
}

/* The form: the words, and the dates as a range; the other filters ride
** along hidden, so changing the words keeps them. */
static void search_form(Buf *p, const SearchQuery *q) {
  hprintf(p,
          "<h1>%s</h1><form action=\"/search\" role=\"search\" class=\"search-page\">"
          "<label for=\"sq\">%s</label> "
          "<input type=\"search\" id=\"sq\" name=\"q\" value=\"",
          _("Search"), _("Words in English or Russian"));
  if (q->zQuery) html_escape(p, q->zQuery);
  hprintf(p,
          "\" size=\"40\"> <button type=\"submit\">%s</button>"
          "<div class=\"dates\"><label for=\"sfrom\">%s</label> "
          "<input type=\"date\" id=\"sfrom\" name=\"from\" value=\"",
          _("Search"), _("Dated from"));
  if (q->zFrom) html_escape(p, q->zFrom);
  hprintf(p,
          "\"> <label for=\"sto\">%s</label> <input type=\"date\" id=\"sto\" name=\"to\" "
          "value=\"",
          P_("period", "to"));
  if (q->zTo) html_escape(p, q->zTo);
  buf_puts(p, "\"></div>");
  const struct {
    const char *zName, *zValue;
  } a[] = {{"kind", q->zKind},
           {"organization", q->zOrg},
           {"body", q->zBody},
           {"type", q->zType},
           {"party", q->zParty}};
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
    if (!a[i].zValue) continue;
    buf_printf(p, "<input type=\"hidden\" name=\"%s\" value=\"", a[i].zName);
    html_escape(p, a[i].zValue);
    buf_puts(p, "\">");
  }
  buf_puts(p, "</form>");
}

/* The filters in force that no facet shows, each with a link removing it. */
static void filter_list(Buf *p, const SearchQuery *q) {
  const struct {
    const char *zName, *zLabel, *zValue;
  } a[] = {{"body", N_("body"), q->zBody},
           {"type", N_("type"), q->zType},
           {"party", N_("party"), q->zParty},
           {"from", N_("dated from"), q->zFrom},
           {"to", N_("dated to"), q->zTo}};
  bool bAny = false;
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
    if (!a[i].zValue) continue;
    if (bAny)
      buf_puts(p, " \xc2\xb7 ");
    else
      hprintf(p, "<p class=\"filters\">%s ", _("Only:"));
    bAny = true;
    html_escape(p, _(a[i].zLabel));
    buf_puts(p, " <b>");
    if (a[i].zName[0] == 'f' || a[i].zName[0] == 't') /* from, to: a date */
      put_date(p, a[i].zValue);
    else
      html_escape(p, a[i].zValue);
    buf_puts(p, "</b> (<a href=\"");
    Buf h = {0};
    search_href(&h, q, a[i].zName, 0);
    html_escape(p, h.z);
    buf_free(&h);
    hprintf(p, "\">%s</a>)", _("any"));
  }
  if (bAny) buf_puts(p, "</p>");
}

/* Previous and next pages of results. */
static void page_link(Buf *p, const SearchQuery *q, long long offset, const char *zRel,
                      const char *zLabel) {
  char zOffset[24];
  snprintf(zOffset, sizeof(zOffset), "%lld", offset);
  Buf h = {0};
  search_href(&h, q, "offset", offset ? zOffset : 0);
  buf_printf(p, "<a rel=\"%s\" href=\"", zRel);
  html_escape(p, h.z);
  buf_printf(p, "\">%s</a> ", zLabel);
  buf_free(&h);
}

static void page_links(Buf *p, const SearchQuery *q, long long nShown, long long nTotal) {
  long long limit = q->limit > 0 ? q->limit : 20;
  bool bPrev = q->offset > 0,
       bNext = q->offset + nShown < nTotal && q->offset + limit <= SEARCH_MAX_OFFSET;
  if (!bPrev && !bNext) return;
  Buf label = {0};
  hprintf(p, "<nav class=\"pager\" aria-label=\"%s\">", _("Result pages"));
  if (bPrev) {
    buf_puts(&label, "\xe2\x86\x90 ");
    buf_printf(&label, _("Previous %lld"), limit);
    page_link(p, q, q->offset > limit ? q->offset - limit : 0, "prev", label.z);
  }
  if (bNext) {
    buf_reset(&label);
    buf_printf(&label, _("Next %lld"), limit);
    buf_puts(&label, " \xe2\x86\x92");
    page_link(p, q, q->offset + limit, "next", label.z);
  }
  buf_free(&label);
  buf_puts(p, "</nav>");
}

void page_get_search(Req *pReq, Resp *r) {
  SearchQuery q;
  Buf err = {0}, b = {0};
  const char *zCode;
  bool bOk = req_query(pReq, &q, &err, &zCode);
  int status = 200;
  pages_begin(&b, pReq, _("Search"), "/search");
  search_form(&b, &q);
  json_t *pDoc = 0;
  if (bOk && q.zQuery) {
    q.bFacets = true;
    q.zOpen = "\x02";
    q.zClose = "\x03";
    search_ensure(pReq->pDb);
    pDoc = search_run(pReq->pDb, &q, &err);
    bOk = pDoc != 0;
  }
  if (!bOk) {
    status = 400;
    utf8_sanitize(err.z); /* it may quote the request */
    buf_puts(&b, "<div class=\"notice err\" role=\"alert\">");
    html_escape(&b, err.z);
    buf_puts(&b, "</div>");
  } else if (pDoc) {
    long long nTotal = json_integer_value(json_object_get(pDoc, "total"));
    long long nShown = (long long)json_array_size(json_object_get(pDoc, "results"));
    buf_puts(&b, "<p class=\"lede\">");
    if (nShown && nShown < nTotal) {
      hprintf(&b, _("Results %lld to %lld of %lld."), q.offset + 1, q.offset + nShown, nTotal);
    } else {
      Buf n = {0};
      i18n_plural(&n, _("{0, plural, one{# result} other{# results}}"), nTotal);
      hprintf(&b, "%s.", n.z);
      buf_free(&n);
    }
    buf_puts(&b, "</p>");
    filter_list(&b, &q);
    const json_t *pF = json_object_get(pDoc, "facets");
    buf_puts(&b, "<div class=\"facets\">");
    json_t *pOrgs = entity_map(pReq->pDb, K_ORGANIZATION, "id");
    facet_list(&b, &q, _("Kind"), "kind", q.zKind, json_object_get(pF, "kind"), true, 0);
    facet_list(&b, &q, _("Organization"), "organization", q.zOrg,
               json_object_get(pF, "organization"), false, pOrgs);
    buf_puts(&b, "</div><ol class=\"results\">");
    const json_t *a = json_object_get(pDoc, "results");
    for (size_t i = 0; i < json_array_size(a); i++) {
      const json_t *e = json_array_get(a, i);
      const char *zKind = str(e, "kind"), *zId = str(e, "id");
      Buf h = {0};
      entity_href(&h, zKind, zId);
      char *zHere = hit_title(pReq->pDb, zKind, zId);
      const char *zTitle = zHere ? zHere : str(e, "title") ? str(e, "title") : zId;
      const char *zLang = zHere || str(e, "title") ? text_lang(zTitle) : 0;
      buf_puts(&b, "<li><a href=\"");
      html_escape(&b, h.z);
      buf_puts(&b, "\"");
      if (zLang) hprintf(&b, " lang=\"%s\"", zLang);
      buf_puts(&b, ">");
      html_escape(&b, zTitle);
      xfree(zHere);
      buf_puts(&b, "</a> <span class=\"hint\">");
      put_words(&b, zKind);
      if (str(e, "organization")) {
        buf_puts(&b, " \xc2\xb7 ");
        put_org_short(&b, pOrgs, str(e, "organization"), false);
      }
      if (str(e, "date")) {
        buf_puts(&b, " \xc2\xb7 ");
        put_date(&b, str(e, "date"));
      }
      const char *zSnippet = str(e, "snippet") ? str(e, "snippet") : "";
      buf_puts(&b, "</span><br><span class=\"snippet\"");
      if ((zLang = text_lang(zSnippet)) != 0) hprintf(&b, " lang=\"%s\"", zLang);
      buf_puts(&b, ">");
      html_snippet(&b, zSnippet);
      buf_puts(&b, "</span></li>");
      buf_free(&h);
    }
    buf_puts(&b, "</ol>");
    json_decref(pOrgs);
    page_links(&b, &q, nShown, nTotal);
  }
  pages_end(&b, pReq);
  page_send(r, status, &b, true);
  json_decref(pDoc);
  buf_free(&err);
}
