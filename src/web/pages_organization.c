/*
** The organizations: the list, an organization's page (members over time
** and on a date, the chair by year against the rotation rule, its bodies
** and documents), and a body's page with its sessions and documents.
*/
#include <string.h>

#include "entity.h"
#include "fields.h"
#include "page.h"
#include "registry.h"
#include "routes.h"

void page_get_organizations(Req *pReq, Resp *r) {
  Buf b = {0};
  pages_begin(&b, pReq, _("Organizations"), "/organizations");
  hprintf(&b, "<h1>%s</h1>", _("Organizations"));
  json_t *aOrg = entity_list(pReq->pDb, K_ORGANIZATION, 0);
  table_begin(&b, _("Organizations in the registry"),
              _("Organization|Founded|Depositary|Members today"));
  for (size_t i = 0; i < json_array_size(aOrg); i++) {
    const json_t *o = json_array_get(aOrg, i);
    Buf err = {0};
    json_t *pMem = query_members(pReq->pDb, str(o, "id"), date_today(), &err);
    buf_free(&err);
    hprintf(&b, "<tr><th scope=\"row\"><a href=\"/organizations/%s\">", str(o, "id"));
    put_name(&b, json_object_get(o, "name"), str(o, "id"));
    buf_puts(&b, "</a>");
    put_ru(&b, json_object_get(o, "name"));
    buf_puts(&b, "</th><td class=\"nw\">");
    put_date(&b, str(o, "founded"));
    buf_puts(&b, "</td><td>");
    put_text(&b, str(o, "depositary"));
    hprintf(&b, "</td><td class=\"nw\">%zu</td></tr>",
            json_array_size(json_object_get(pMem, "members")));
    json_decref(pMem);
  }
  table_end(&b);
  json_decref(aOrg);
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
}

/* The rotation rule in words. */
static void chair_rule_words(Buf *p, const json_t *pRule) {
  const json_t *pOrder = json_object_get(pRule, "order");
  const char *zLang = str(pOrder, "collate");
  Buf order = {0}, elig = {0};
  if (!zLang)
    html_escape(&order, _("in the recorded order"));
  else if (strcmp(zLang, "ru") == 0)
    html_escape(&order, _("in alphabetical order of the parties' names in Russian"));
  else if (strcmp(zLang, "en") == 0)
    html_escape(&order, _("in alphabetical order of the parties' names in English"));
  else
    hprintf(&order, _("in alphabetical order of the parties' names in the language %s"), zLang);
  const json_t *aElig = json_object_get(pRule, "eligible");
  for (size_t i = 0; i < json_array_size(aElig); i++) {
    if (i) html_escape(&elig, i + 1 == json_array_size(aElig) ? _(" or ") : _(", "));
    put_words(&elig, json_string_value(json_array_get(aElig, i)));
  }
  buf_puts(p, "<p class=\"note\">");
  put_msg(p,
          _("Rotation: {0} among the parties whose kind of membership on 1 January is {1}; a "
            "recorded decision always wins."),
          order.z ? order.z : "", elig.z ? elig.z : "");
  buf_puts(p, " ");
  html_escape(p, strcmp(dflt(str(pRule, "co_chairs"), ""), "previous_and_next") == 0
                     ? _("Co-chairs: the previous and the next chair.")
                     : _("Co-chairs: none."));
  buf_puts(p, "</p>");
  buf_free(&order);
  buf_free(&elig);
}

/* The notes of the rule's recorded and declined years for one year. */
static void chair_year_notes(Buf *p, const json_t *pRule, long long year) {
  const json_t *aRecorded = json_object_get(pRule, "recorded");
  const json_t *aDeclined = json_object_get(pRule, "declined");
  for (size_t k = 0; k < json_array_size(aRecorded); k++) {
    const json_t *pr = json_array_get(aRecorded, k);
    if (json_integer_value(json_object_get(pr, "year")) == year && str(pr, "note")) {
      buf_puts(p, "<div>");
      put_text(p, str(pr, "note"));
      buf_puts(p, "</div>");
    }
  }
  for (size_t k = 0; k < json_array_size(aDeclined); k++) {
    const json_t *pr = json_array_get(aDeclined, k);
    if (json_integer_value(json_object_get(pr, "year")) != year) continue;
    buf_puts(p, "<div>");
    char *zParty = html_of(dflt(str(pr, "party"), ""));
    if (str(pr, "note")) {
      char *zNote = text_html(str(pr, "note"));
      put_msg(p, _("{0} declined its turn: {1}"), zParty, zNote);
      xfree(zNote);
    } else {
      put_msg(p, _("{0} declined its turn."), zParty);
    }
    xfree(zParty);
    buf_puts(p, "</div>");
  }
}

/* The chair of every year, recorded or computed, against the rotation rule. */
static void chair_section(Buf *p, Req *pReq, const char *zOrg, const json_t *pParties) {
  int y, m, d;
  date_to_ymd(date_today(), &y, &m, &d);
  Buf err = {0};
  json_t *pHist = query_chair_history(pReq->pDb, zOrg, y, &err);
  buf_free(&err);
  hprintf(p, "<h2 id=\"chair\">%s</h2>", _("Chair by year"));
  json_t *pRule = entity_get(pReq->pDb, K_CHAIRMANSHIP, zOrg);
  if (!pHist || !pRule) {
    hprintf(p, "<p class=\"muted\">%s</p>",
            _("No chairmanship rule is recorded for this organization."));
    json_decref(pHist);
    json_decref(pRule);
    return;
  }
  chair_rule_words(p, pRule);

  const json_t *aBreach = json_object_get(pHist, "breaches");
  if (json_array_size(aBreach)) {
    hprintf(p, "<p class=\"flag\">%s ", _("Recorded chairs that differ from the rotation rule:"));
    for (size_t i = 0; i < json_array_size(aBreach); i++)
      hprintf(p, "%s<a href=\"#chair-%lld\">%lld</a>", i ? ", " : "",
              (long long)json_integer_value(json_array_get(aBreach, i)),
              (long long)json_integer_value(json_array_get(aBreach, i)));
    buf_puts(p, ".</p>");
  }
  table_begin(p, _("Chair, expected chair and co-chairs by year"),
              _("Year|Chair|Source|Expected by rotation|Co-chairs|Notes"));
  const json_t *aYear = json_object_get(pHist, "years");
  for (size_t i = 0; i < json_array_size(aYear); i++) {
    const json_t *py = json_array_get(aYear, i);
    long long year = (long long)json_integer_value(json_object_get(py, "year"));
    bool bBreach = json_is_true(json_object_get(py, "breach"));
    buf_printf(p, "<tr id=\"chair-%lld\"%s><th scope=\"row\" class=\"nw\">%lld", year,
               bBreach ? " class=\"breach\"" : (year == y ? " class=\"now\"" : ""), year);
    if (year == y) hprintf(p, " <span class=\"small muted\">%s</span>", _("(this year)"));
    buf_puts(p, "</th><td>");
    if (str(py, "chair"))
      put_party(p, pParties, str(py, "chair"));
    else
      hprintf(p, "<span class=\"muted\">%s</span>", _("unknown"));
    if (bBreach)
      hprintf(p, "<div class=\"flag small\">&#9888; %s</div>", _("breaks the rotation rule"));
    buf_puts(p, "</td><td>");
    put_words(p, str(py, "source"));
    buf_puts(p, "</td><td>");
    if (str(py, "expected"))
      put_party(p, pParties, str(py, "expected"));
    else
      hprintf(p, "<span class=\"muted\">%s</span>", _("unknown"));
    buf_puts(p, "</td><td>");
    const json_t *aCo = json_object_get(py, "co_chairs");
    for (size_t k = 0; k < json_array_size(aCo); k++) {
      if (k) buf_puts(p, ", ");
      put_party(p, pParties, json_string_value(json_array_get(aCo, k)));
    }
    buf_puts(p, "</td><td class=\"small notes\">");
    chair_year_notes(p, pRule, year);
    buf_puts(p, "</td></tr>");
  }
  table_end(p);
  json_decref(pHist);
  json_decref(pRule);
}

/* The heading, the facts and the links to the sections and the JSON. */
static void org_head(Buf *p, Db *pDb, const json_t *pOrg, const char *zId, const char *zOn) {
  const json_t *pName = json_object_get(pOrg, "name");
  buf_puts(p, "<h1>");
  put_name(p, pName, zId);
  buf_puts(p, "</h1>");
  put_second_name(p, pName);
  buf_puts(p, "<dl class=\"facts\">");
  hprintf(p, "<dt>%s</dt><dd><span class=\"code\">%s</span></dd><dt>%s</dt><dd>", _("Identifier"),
          zId, _("Founded"));
  put_date(p, str(pOrg, "founded"));
  hprintf(p, "</dd><dt>%s</dt><dd>", _("Depositary"));
  if (str(pOrg, "depositary"))
    put_text(p, str(pOrg, "depositary"));
  else
    html_escape(p, _("not recorded"));
  buf_puts(p, "</dd></dl>");
  hprintf(p,
          "<p class=\"small\"><a href=\"#members\">%s</a> \xc2\xb7 <a href=\"#chair\">"
          "%s</a> \xc2\xb7 <a href=\"#bodies\">%s</a> \xc2\xb7 <a "
          "href=\"#documents\">%s</a> \xc2\xb7 JSON: <a "
          "href=\"/api/v1/organizations/%s/members?on=%s\">%s</a>",
          _("Members"), _("Chair by year"), _("Bodies"), _("Documents"), zId, zOn, _("members"));
  /* Only organizations with a rotation rule have a chair answer. */
  json_t *pRule = entity_get(pDb, K_CHAIRMANSHIP, zId);
  if (pRule) hprintf(p, ", <a href=\"/api/v1/organizations/%s/chair\">%s</a>", zId, _("chairs"));
  json_decref(pRule);
  buf_puts(p, "</p>");
}

/* A timeline of every membership, and the same as a table. */
static void org_timeline(Buf *p, Db *pDb, const json_t *pOrg, const char *zId,
                         const json_t *pParties) {
  json_t *aMem = entity_list(pDb, K_MEMBERSHIP, zId);
  hprintf(p, "<h2 id=\"timeline\">%s</h2>", _("Members over time"));
  membership_timeline(p, "members-chart", _("Membership of each party over time"), aMem, "party",
                      pParties, "name", "parties", date_of(json_object_get(pOrg, "founded")));
  if (json_array_size(aMem)) {
    hprintf(p, "<details><summary>%s</summary>", _("The chart as a table"));
    table_begin(p, _("Membership intervals"), _("Party|Kind|From|To|Note"));
    for (size_t i = 0; i < json_array_size(aMem); i++) {
      const json_t *m = json_array_get(aMem, i);
      buf_puts(p, "<tr><th scope=\"row\">");
      put_party(p, pParties, str(m, "party"));
      buf_puts(p, "</th><td>");
      put_words(p, str(m, "kind"));
      buf_puts(p, "</td><td class=\"nw\">");
      put_date(p, str(m, "from"));
      buf_puts(p, "</td><td class=\"nw\">");
      if (str(m, "to"))
        put_date(p, str(m, "to"));
      else
        hprintf(p, "<span class=\"muted\">%s</span>", _("current"));
      buf_puts(p, "</td><td class=\"small\">");
      put_text(p, str(m, "note"));
      buf_puts(p, "</td></tr>");
    }
    table_end(p);
    buf_puts(p, "</details>");
  }
  json_decref(aMem);
}

/* The members on a date, with the form choosing it. */
static void org_members(Buf *p, Req *pReq, const char *zId, pdate on, const char *zOn,
                        const json_t *pParties) {
  Buf err = {0};
  json_t *pMembers = query_members(pReq->pDb, zId, on, &err);
  buf_free(&err);
  const json_t *aMember = json_object_get(pMembers, "members");
  hprintf(p, "<h2 id=\"members\">%s</h2>", _("Members"));
  date_form(p, pReq->zPath, _("Members on"), zOn);
  char *zOnText = date_text(zOn);
  char *zCount = xprintf("%zu", json_array_size(aMember));
  char *zCap = msg_text(_("Members on {0} ({1})"), zOnText, zCount);
  table_begin(p, zCap, _("Party|Kind|Since"));
  xfree(zCap);
  xfree(zCount);
  xfree(zOnText);
  for (size_t i = 0; i < json_array_size(aMember); i++) {
    const json_t *m = json_array_get(aMember, i);
    buf_puts(p, "<tr><th scope=\"row\">");
    put_party(p, pParties, str(m, "party"));
    buf_puts(p, "</th><td>");
    put_words(p, str(m, "kind"));
    buf_puts(p, "</td><td class=\"nw\">");
    put_date(p, str(m, "since"));
    buf_puts(p, "</td></tr>");
  }
  if (!json_array_size(aMember))
    hprintf(p, "<tr><td colspan=\"3\" class=\"muted\">%s</td></tr>", _("No members on this date."));
  table_end(p);
  json_decref(pMembers);
}

/* The organization's bodies. */
static void org_bodies(Buf *p, Db *pDb, const char *zId) {
  json_t *aBody = entity_list(pDb, K_BODY, zId);
  hprintf(p, "<h2 id=\"bodies\">%s</h2>", _("Bodies"));
  if (json_array_size(aBody)) {
    buf_puts(p, "<ul>");
    for (size_t i = 0; i < json_array_size(aBody); i++) {
      const json_t *pb = json_array_get(aBody, i);
      hprintf(p, "<li><a href=\"/bodies/%s\">", str(pb, "id"));
      put_name(p, json_object_get(pb, "name"), str(pb, "id"));
      buf_puts(p, "</a>");
      put_ru(p, json_object_get(pb, "name"));
      if (str(pb, "level")) {
        buf_puts(p, " <span class=\"small muted\">(");
        put_words(p, str(pb, "level"));
        buf_puts(p, ")</span>");
      }
      buf_puts(p, "</li>");
    }
    buf_puts(p, "</ul>");
  } else {
    hprintf(p, "<p class=\"muted\">%s</p>", _("No bodies recorded."));
  }
  json_decref(aBody);
}

/* The organization's documents. */
static void org_documents(Buf *p, Db *pDb, const char *zId) {
  json_t *aDoc = entity_list(pDb, K_DOCUMENT, zId);
  hprintf(p, "<h2 id=\"documents\">%s</h2>", _("Documents"));
  hprintf(p, "<p class=\"small\"><a href=\"/reports/organization/%s\">%s</a></p>", zId,
          _("Status report (HTML, PDF)"));
  if (json_array_size(aDoc)) {
    table_begin(p, _("Documents of the organization"), _("Document|Type|Adopted"));
    for (size_t i = 0; i < json_array_size(aDoc); i++) {
      const json_t *pd = json_array_get(aDoc, i);
      hprintf(p, "<tr><th scope=\"row\"><a href=\"/documents/%s\">", str(pd, "id"));
      put_name(p, json_object_get(pd, "title"), str(pd, "id"));
      buf_puts(p, "</a>");
      put_ru(p, json_object_get(pd, "title"));
      buf_puts(p, "</th><td>");
      put_words_in(p, "document type", str(pd, "type"));
      buf_puts(p, "</td><td class=\"nw\">");
      put_date(p, str(json_object_get(pd, "adopted"), "date"));
      buf_puts(p, "</td></tr>");
    }
    table_end(p);
  } else {
    hprintf(p, "<p class=\"muted\">%s</p>", _("No documents recorded."));
  }
  json_decref(aDoc);
}

void page_get_organization(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  const char *zId = pReq->azParam[0];
  json_t *pOrg = entity_get(pDb, K_ORGANIZATION, zId);
  if (!pOrg) {
    pages_not_found(pReq, r, "organization", zId);
    return;
  }
  pdate on;
  if (!page_on(pReq, r, &on)) {
    json_decref(pOrg);
    return;
  }
  char zOn[DATE_BUFSZ];
  date_format(on, zOn);
  json_t *pParties = entity_map(pDb, K_PARTY, "code");
  Buf b = {0};
  pages_begin(&b, pReq, name_here(json_object_get(pOrg, "name"), zId), "/organizations");
  org_head(&b, pDb, pOrg, zId, zOn);
  if (pReq->bSession && pReq->caller.role == ROLE_DEPOSITARY) { /* the desk (desk_forms.c) */
    /* The rule of the chair: its edit form, or a new one when none is recorded. */
    bool bRule = entity_seq(pDb, K_CHAIRMANSHIP, zId) != 0;
    hprintf(&b,
            "<p class=\"small\"><a href=\"/desk/edit/organization/%s\">%s</a> \xc2\xb7 <a "
            "href=\"%s%s\">%s</a> \xc2\xb7 "
            "<a href=\"/desk/new/body?organization=%s\">%s</a> \xc2\xb7 <a "
            "href=\"/desk/new/membership?organization=%s\">%s</a></p>",
            zId, _("Edit this organization"),
            bRule ? "/desk/edit/chairmanship/" : "/desk/new/chairmanship?organization=", zId,
            bRule ? _("its rule of the chair") : _("a rule of the chair"), zId, _("a new body"),
            zId, _("a new membership"));
  }
  org_timeline(&b, pDb, pOrg, zId, pParties);
  org_members(&b, pReq, zId, on, zOn, pParties);
  hprintf(&b,
          "<p><a href=\"/organizations/%s/compliance\">%s</a> "
          "\xc2\xb7 <a href=\"/calendar.ics?organization=%s\">%s</a></p>",
          zId, _("Compliance with commitments"), zId, _("Sessions and deadlines (iCalendar)"));
  checks_box(&b, pReq, zId, 0);
  chair_section(&b, pReq, zId, pParties);
  org_bodies(&b, pDb, zId);
  org_documents(&b, pDb, zId);
  put_sources(&b, json_object_get(pOrg, "sources"));
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
  json_decref(pParties);
  json_decref(pOrg);
}

/* A body: its facts, sessions and documents. */
void page_get_body(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  const char *zId = pReq->azParam[0];
  json_t *pBody = entity_get(pDb, K_BODY, zId);
  if (!pBody) {
    pages_not_found(pReq, r, "body", zId);
    return;
  }
  const json_t *pName = json_object_get(pBody, "name");
  json_t *pOrgs = entity_map(pDb, K_ORGANIZATION, "id");
  Buf b = {0};
  pages_begin(&b, pReq, name_here(pName, zId), "/organizations");
  buf_puts(&b, "<h1>");
  put_name(&b, pName, zId);
  buf_puts(&b, "</h1>");
  if (pReq->bSession && pReq->caller.role == ROLE_DEPOSITARY)
    hprintf(&b, "<p class=\"small\"><a href=\"/desk/edit/body/%s\">%s</a></p>", zId,
            _("Edit this body"));
  put_second_name(&b, pName);
  hprintf(&b, "<dl class=\"facts\"><dt>%s</dt><dd>", _("Organization"));
  put_link(&b, "organizations", pOrgs, str(pBody, "organization"), "name");
  hprintf(&b, "</dd><dt>%s</dt><dd>", _("Level"));
  if (str(pBody, "level"))
    put_words(&b, str(pBody, "level"));
  else
    html_escape(&b, _("not recorded"));
  hprintf(&b, "</dd><dt>%s</dt><dd><span class=\"code\">%s</span></dd></dl>", _("Identifier"), zId);

  json_t *aSession = sessions_by_date(pDb, zId);
  hprintf(&b, "<h2>%s</h2>", _("Sessions"));
  if (json_array_size(aSession)) {
    table_begin(&b, _("Sessions of this body, newest first"),
                _("Date|Place|Format|Documents adopted"));
    session_rows(&b, pDb, aSession, 0, false);
    table_end(&b);
  } else {
    hprintf(&b, "<p class=\"muted\">%s</p>", _("No sessions recorded."));
  }
  json_decref(aSession);

  json_t *aDoc = entity_list(pDb, K_DOCUMENT, str(pBody, "organization"));
  bool bAny = false;
  for (size_t i = 0; i < json_array_size(aDoc); i++) {
    const json_t *pd = json_array_get(aDoc, i);
    if (strcmp(dflt(str(pd, "body"), ""), zId) != 0) continue;
    if (!bAny) hprintf(&b, "<h2>%s</h2><ul>", _("Documents of this body"));
    bAny = true;
    hprintf(&b, "<li><a href=\"/documents/%s\">", str(pd, "id"));
    put_name(&b, json_object_get(pd, "title"), str(pd, "id"));
    buf_puts(&b, "</a> <span class=\"small muted\">");
    put_words_in(&b, "document type", str(pd, "type"));
    if (str(json_object_get(pd, "adopted"), "date")) {
      char *zDate = date_html(str(json_object_get(pd, "adopted"), "date"));
      buf_puts(&b, ", ");
      put_msg(&b, _("adopted {0}"), zDate);
      xfree(zDate);
    }
    buf_puts(&b, "</span></li>");
  }
  if (bAny) buf_puts(&b, "</ul>");
  json_decref(aDoc);
  put_sources(&b, json_object_get(pBody, "sources"));
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
  json_decref(pOrgs);
  json_decref(pBody);
}
