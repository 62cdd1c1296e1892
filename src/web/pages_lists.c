/*
** The list pages: documents, sessions, parties and the journal, a page at a
** time (?page=, ?per_page=), filtered by a GET form above the list
** (organization, type, year, status where they apply; lists.h gives each
** filter the meaning the API gives it), and a link to the CSV of the whole
** filtered list from the API (every page of it, the same filters).
*/
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "fields.h"
#include "i18n.h"
#include "interchange.h"
#include "lists.h"
#include "page.h"
#include "registry.h"
#include "routes.h"

#define PER_PAGE_DEFAULT 50
#define PER_PAGE_MAX 500

typedef struct Pager {
  long long page, per, total, nPages;
} Pager;

/* ?page= and ?per_page=; false after a 400 page. */
static bool pager_read(Req *pReq, Resp *r, Pager *pg) {
  const char *zPage = req_value(pReq, "page"), *zPer = req_value(pReq, "per_page");
  char *zEnd = 0;
  pg->page = zPage ? strtoll(zPage, &zEnd, 10) : 1;
  if (zPage && (*zEnd || pg->page < 1)) {
    page_error(pReq, r, 400, _("Bad request"), _("page: expected a page number such as 2"));
    return false;
  }
  pg->per = zPer ? strtoll(zPer, &zEnd, 10) : PER_PAGE_DEFAULT;
  if (zPer && (*zEnd || pg->per < 1 || pg->per > PER_PAGE_MAX)) {
    page_error(pReq, r, 400, _("Bad request"), _("per_page: expected a number from 1 to 500"));
    return false;
  }
  return true;
}

/* Fix the page to the total: the last when past it. */
static void pager_set_total(Pager *pg, long long nTotal) {
  pg->total = nTotal;
  pg->nPages = nTotal ? (nTotal + pg->per - 1) / pg->per : 1;
  if (pg->page > pg->nPages) pg->page = pg->nPages;
}

static long long pager_first(const Pager *pg) {
  return (pg->page - 1) * pg->per;
}

/* The href of page n of zPath with the filters zQuery ("&a=b..."). */
static void page_href(Buf *p, const char *zPath, const char *zQuery, const Pager *pg, long long n) {
  buf_printf(p, "%s?per_page=%lld%s&page=%lld", zPath, pg->per, zQuery ? zQuery : "", n);
}

/* How many rows, which page, previous and next, and the CSV of the list. */
static void put_pager(Buf *p, const char *zPath, const char *zQuery, const Pager *pg,
                      const char *zCsv) {
  buf_puts(p, "<nav class=\"pager\" aria-label=\"");
  html_escape(p, _("Pages of the list"));
  buf_puts(p, "\"><p>");
  Buf t = {0};
  i18n_plural(&t, _("{0, plural, one{# row} other{# rows}}"), pg->total);
  html_escape(p, t.z ? t.z : "");
  buf_free(&t);
  buf_puts(p, " · ");
  hprintf(p, _("Page %lld of %lld"), pg->page, pg->nPages);
  Buf h = {0};
  if (pg->page > 1) {
    page_href(&h, zPath, zQuery, pg, pg->page - 1);
    hprintf(p, " · <a rel=\"prev\" href=\"%s\">%s</a>", h.z, _("Previous page"));
    buf_reset(&h);
  }
  if (pg->page < pg->nPages) {
    page_href(&h, zPath, zQuery, pg, pg->page + 1);
    hprintf(p, " · <a rel=\"next\" href=\"%s\">%s</a>", h.z, _("Next page"));
    buf_reset(&h);
  }
  buf_printf(&h, "%s?format=csv&limit=all%s", zCsv, zQuery ? zQuery : "");
  hprintf(p, " · <a class=\"csv\" href=\"%s\" download>%s</a>", h.z, _("CSV of this list"));
  buf_free(&h);
  buf_puts(p, "</p></nav>");
}

/* ---- The filter form ---------------------------------------------------------- */

static void form_begin(Buf *p, const char *zPath) {
  hprintf(p, "<form class=\"filters\" method=\"get\" action=\"%s\">", zPath);
}

static void form_end(Buf *p, const char *zPath, const Pager *pg) {
  static const int aPer[] = {25, 50, 100, 200, 500};
  hprintf(p, "<label>%s <select name=\"per_page\">", _("Rows per page"));
  for (size_t i = 0; i < sizeof(aPer) / sizeof(aPer[0]); i++)
    hprintf(p, "<option%s>%d</option>", aPer[i] == pg->per ? " selected" : "", aPer[i]);
  hprintf(p, "</select></label> <button type=\"submit\">%s</button> <a href=\"%s\">%s</a></form>",
          _("Show"), zPath, _("Clear the filters"));
}

/* A <select> of zName: "any", then each value of azValue (words by
** put_words) or, with pMap, each key of the map named by its record's
** zNameField. */
static void select_begin(Buf *p, const char *zLabel, const char *zName) {
  hprintf(p, "<label>%s <select name=\"%s\"><option value=\"\">%s</option>", zLabel, zName,
          _("any"));
}

static void option_words(Buf *p, const char *zValue, const char *zHave) {
  hprintf(p, "<option value=\"%s\"%s>", zValue,
          zHave && strcmp(zHave, zValue) == 0 ? " selected" : "");
  put_words(p, zValue);
  buf_puts(p, "</option>");
}

static void select_words(Buf *p, const char *zLabel, const char *zName, const char *const *azValue,
                         const char *zHave) {
  select_begin(p, zLabel, zName);
  for (int i = 0; azValue[i]; i++) option_words(p, azValue[i], zHave);
  buf_puts(p, "</select></label> ");
}

static void option_record(Buf *p, const char *zKey, const json_t *pName, const char *zHave) {
  const char *zLang = name_here_lang(pName);
  hprintf(p, "<option value=\"%s\"%s", zKey, zHave && strcmp(zHave, zKey) == 0 ? " selected" : "");
  if (zLang && strcmp(zLang, i18n_lang()) != 0) hprintf(p, " lang=\"%s\"", zLang);
  hprintf(p, ">%s</option>", name_here(pName, zKey));
}

static void select_records(Buf *p, const char *zLabel, const char *zName, const json_t *pMap,
                           const char *zNameField, const char *zHave) {
  select_begin(p, zLabel, zName);
  const char *zKey;
  json_t *pRec;
  json_object_foreach((json_t *)pMap, zKey, pRec)
      option_record(p, zKey, json_object_get(pRec, zNameField), zHave);
  buf_puts(p, "</select></label> ");
}

typedef struct BodyOption {
  const char *zOrg, *zKey;
  const json_t *pName;
} BodyOption;

static int body_option_cmp(const void *a, const void *b) {
  const BodyOption *x = a, *y = b;
  int c = strcmp(x->zOrg, y->zOrg);
  return c ? c : strcmp(x->zKey, y->zKey);
}

/* The bodies, grouped by their organization's name: two organizations'
** bodies may have the same name ("Совет министров обороны" of the CIS and of
** the CSTO). */
static void select_bodies(Buf *p, const char *zLabel, const json_t *pBodies, const json_t *pOrgs,
                          const char *zHave) {
  size_t n = json_object_size(pBodies), i = 0;
  BodyOption *a = xmalloc((n ? n : 1) * sizeof(BodyOption));
  const char *zKey;
  json_t *pRec;
  json_object_foreach((json_t *)pBodies, zKey, pRec) {
    a[i].zOrg = dflt(str(pRec, "organization"), "");
    a[i].zKey = zKey;
    a[i++].pName = json_object_get(pRec, "name");
  }
  qsort(a, n, sizeof(BodyOption), body_option_cmp);
  select_begin(p, zLabel, "body");
  for (i = 0; i < n; i++) {
    if (i == 0 || strcmp(a[i].zOrg, a[i - 1].zOrg) != 0) {
      if (i > 0) buf_puts(p, "</optgroup>");
      const json_t *pOrg = json_object_get(pOrgs, a[i].zOrg);
      hprintf(p, "<optgroup label=\"%s\">", name_here(json_object_get(pOrg, "name"), a[i].zOrg));
    }
    option_record(p, a[i].zKey, a[i].pName, zHave);
  }
  if (n) buf_puts(p, "</optgroup>");
  buf_puts(p, "</select></label> ");
  xfree(a);
}

static void input_year(Buf *p, int year) {
  hprintf(p, "<label>%s <input name=\"year\" type=\"number\" min=\"1\" max=\"9999\" size=\"5\"",
          _("Year"));
  if (year) hprintf(p, " value=\"%d\"", year);
  buf_puts(p, "></label> ");
}

/* ---- The pages ------------------------------------------------------------------- */

/* A list page: its title, path and the API's list of the same rows. */
typedef struct ListPage {
  const char *zTitle, *zPath, *zApi;
} ListPage;

static void list_page_top(Buf *b, Req *pReq, const ListPage *pl) {
  pages_begin(b, pReq, pl->zTitle, pl->zPath);
  hprintf(b, "<h1>%s</h1>", pl->zTitle);
  form_begin(b, pl->zPath);
}

void page_get_documents(Req *pReq, Resp *r) {
  ListFilter f;
  Pager pg;
  if (!list_filter_read(pReq, r, K_DOCUMENT, &f) || !pager_read(pReq, r, &pg)) return;
  const ListPage pl = {_("Documents"), "/documents", "/api/v1/documents"};
  Buf b = {0}, q = {0};
  list_filter_query(&q, &f);
  json_t *pOrgs = entity_map(pReq->pDb, K_ORGANIZATION, "id");
  list_page_top(&b, pReq, &pl);
  select_records(&b, _("Organization"), "organization", pOrgs, "name", f.zOrganization);
  select_words(&b, _("Type"), "type", ic_azDocumentType, f.zType);
  input_year(&b, f.year);
  static const char *const azStatus[] = {"in_force", "not_in_force", 0};
  select_words(&b, _("Status today"), "status", azStatus, f.zStatus);
  form_end(&b, pl.zPath, &pg);
  json_t *aDoc = list_all(pReq->pDb, K_DOCUMENT, &f);
  pager_set_total(&pg, (long long)json_array_size(aDoc));
  put_pager(&b, pl.zPath, q.z, &pg, pl.zApi);
  if (json_array_size(aDoc)) {
    table_begin(&b, _("Documents in the registry"),
                _("Document|Organization|Type|Adopted|Entry into force rule"));
    for (long long i = pager_first(&pg); i < pager_first(&pg) + pg.per; i++) {
      const json_t *pd = json_array_get(aDoc, (size_t)i);
      if (!pd) break;
      hprintf(&b, "<tr><th scope=\"row\"><a href=\"/documents/%s\">", str(pd, "id"));
      put_name(&b, json_object_get(pd, "title"), str(pd, "id"));
      buf_puts(&b, "</a>");
      put_ru(&b, json_object_get(pd, "title"));
      buf_puts(&b, "</th><td>");
      put_org_short(&b, pOrgs, str(pd, "organization"), true);
      buf_puts(&b, "</td><td>");
      if (str(pd, "type")) put_words(&b, str(pd, "type"));
      buf_puts(&b, "</td><td class=\"nw\">");
      put_date(&b, str(json_object_get(pd, "adopted"), "date"));
      buf_puts(&b, "</td><td>");
      const char *zRule = str(json_object_get(pd, "entry_into_force"), "rule");
      if (zRule)
        put_words(&b, zRule);
      else
        hprintf(&b, "<span class=\"muted\">%s</span>", _("not recorded"));
      buf_puts(&b, "</td></tr>");
    }
    table_end(&b);
  } else {
    hprintf(&b, "<p class=\"muted\">%s</p>", _("No documents match."));
  }
  json_decref(aDoc);
  json_decref(pOrgs);
  buf_free(&q);
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
}

void page_get_sessions(Req *pReq, Resp *r) {
  ListFilter f;
  Pager pg;
  if (!list_filter_read(pReq, r, K_SESSION, &f) || !pager_read(pReq, r, &pg)) return;
  const ListPage pl = {_("Sessions"), "/sessions", "/api/v1/sessions"};
  Buf b = {0}, q = {0};
  list_filter_query(&q, &f);
  json_t *pOrgs = entity_map(pReq->pDb, K_ORGANIZATION, "id");
  json_t *pBodies = entity_map(pReq->pDb, K_BODY, "id");
  list_page_top(&b, pReq, &pl);
  select_records(&b, _("Organization"), "organization", pOrgs, "name", f.zOrganization);
  select_bodies(&b, _("Body"), pBodies, pOrgs, f.zBody);
  input_year(&b, f.year);
  form_end(&b, pl.zPath, &pg);
  json_t *aAll = sessions_by_date(pReq->pDb, 0), *aSession = json_array();
  for (size_t i = 0; i < json_array_size(aAll); i++)
    if (list_filter_match(pReq->pDb, K_SESSION, &f, json_array_get(aAll, i)))
      json_array_append(aSession, json_array_get(aAll, i));
  json_decref(aAll);
  pager_set_total(&pg, (long long)json_array_size(aSession));
  put_pager(&b, pl.zPath, q.z, &pg, pl.zApi);
  if (json_array_size(aSession)) {
    json_t *aPage = json_array();
    for (long long i = pager_first(&pg); i < pager_first(&pg) + pg.per; i++)
      if (json_array_get(aSession, (size_t)i))
        json_array_append(aPage, json_array_get(aSession, (size_t)i));
    table_begin(&b, _("Recorded sessions, newest first"),
                _("Date|Body|Place|Format|Documents adopted"));
    session_rows(&b, pReq->pDb, aPage, pBodies, true);
    table_end(&b);
    json_decref(aPage);
  } else {
    hprintf(&b, "<p class=\"muted\">%s</p>", _("No sessions match."));
  }
  json_decref(aSession);
  json_decref(pBodies);
  json_decref(pOrgs);
  buf_free(&q);
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
}

void page_get_parties(Req *pReq, Resp *r) {
  ListFilter f;
  Pager pg;
  if (!list_filter_read(pReq, r, K_PARTY, &f) || !pager_read(pReq, r, &pg)) return;
  const ListPage pl = {_("Parties"), "/parties", "/api/v1/parties"};
  Buf b = {0}, q = {0};
  list_filter_query(&q, &f);
  list_page_top(&b, pReq, &pl);
  select_words(&b, _("Kind"), "kind", ic_azPartyKind, f.zKind);
  form_end(&b, pl.zPath, &pg);
  json_t *aParty = list_all(pReq->pDb, K_PARTY, &f);
  pager_set_total(&pg, (long long)json_array_size(aParty));
  put_pager(&b, pl.zPath, q.z, &pg, pl.zApi);
  if (json_array_size(aParty)) {
    table_begin(&b, _("States and organizations that can be parties"), _("Code|Name|Kind"));
    for (long long i = pager_first(&pg); i < pager_first(&pg) + pg.per; i++) {
      const json_t *pp = json_array_get(aParty, (size_t)i);
      if (!pp) break;
      hprintf(&b, "<tr><td class=\"code\">%s</td><th scope=\"row\"><a href=\"/parties/%s\">",
              str(pp, "code"), str(pp, "code"));
      put_name(&b, json_object_get(pp, "name"), str(pp, "code"));
      buf_puts(&b, "</a>");
      put_ru(&b, json_object_get(pp, "name"));
      buf_puts(&b, "</th><td>");
      if (str(pp, "kind")) put_words(&b, str(pp, "kind"));
      buf_puts(&b, "</td></tr>");
    }
    table_end(&b);
  } else {
    hprintf(&b, "<p class=\"muted\">%s</p>", _("No parties match."));
  }
  json_decref(aParty);
  buf_free(&q);
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
}

/* The journal, newest first: every change with who made it and when,
** linking the record it changed. */
void page_get_journal(Req *pReq, Resp *r) {
  JournalFilter f;
  Pager pg;
  if (!journal_filter_read(pReq, r, &f) || !pager_read(pReq, r, &pg)) return;
  const ListPage pl = {_("Journal"), "/journal", "/api/v1/journal"};
  Buf b = {0}, q = {0};
  journal_filter_query(&q, &f);
  list_page_top(&b, pReq, &pl);
  const char *azKind[K__COUNT + 1];
  for (int k = 0; k < K__COUNT; k++) azKind[k] = kind_name((Kind)k);
  azKind[K__COUNT] = 0;
  select_words(&b, _("Kind"), "kind", azKind, f.zKind);
  static const char *const azOp[] = {"put", "retract", 0};
  select_words(&b, _("Change"), "op", azOp, f.zOp);
  input_year(&b, f.year);
  hprintf(&b, "<label>%s <input name=\"actor\" size=\"12\" value=\"%s\"></label> ", _("By"),
          dflt(f.zActor, ""));
  form_end(&b, pl.zPath, &pg);
  long long nTotal = 0;
  json_decref(journal_page(pReq->pDb, &f, 0, 0, &nTotal)); /* the total: which pages there are */
  pager_set_total(&pg, nTotal);
  json_t *aEntry = journal_page(pReq->pDb, &f, pager_first(&pg), pg.per, &nTotal);
  put_pager(&b, pl.zPath, q.z, &pg, pl.zApi);
  if (json_array_size(aEntry)) {
    table_begin(&b, _("Changes to the registry, newest first"),
                _("Sequence|Time (UTC)|By|Change|Kind|Record|Reason"));
    for (size_t i = 0; i < json_array_size(aEntry); i++) {
      const json_t *e = json_array_get(aEntry, i);
      const char *zKind = str(e, "kind"), *zKey = str(e, "key");
      hprintf(&b, "<tr><td class=\"nw\">%lld</td><td class=\"nw\">%s</td><td>%s</td><td>",
              (long long)json_integer_value(json_object_get(e, "seq")), dflt(str(e, "time"), ""),
              dflt(str(e, "actor"), ""));
      put_words(&b, dflt(str(e, "op"), ""));
      buf_puts(&b, "</td><td>");
      put_words(&b, dflt(zKind, ""));
      buf_puts(&b, "</td><td>");
      char *zHref =
          str(e, "op") && strcmp(str(e, "op"), "put") == 0 ? journal_record_href(zKind, zKey) : 0;
      if (zHref)
        hprintf(&b, "<a href=\"%s\">%s</a>", zHref, dflt(zKey, ""));
      else
        hprintf(&b, "%s", dflt(zKey, ""));
      xfree(zHref);
      hprintf(&b, "</td><td>%s</td></tr>", dflt(str(e, "reason"), ""));
    }
    table_end(&b);
  } else {
    hprintf(&b, "<p class=\"muted\">%s</p>", _("No changes match."));
  }
  json_decref(aEntry);
  buf_free(&q);
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
}
