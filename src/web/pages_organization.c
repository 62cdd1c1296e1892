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
  pages_begin(&b, pReq, "Organizations", "/organizations");
  buf_puts(&b, "<h1>Organizations</h1>");
  json_t *aOrg = entity_list(pReq->pDb, K_ORGANIZATION, 0);
  table_begin(&b, "Organizations in the registry", "Organization|Founded|Depositary|Members today");
  for (size_t i = 0; i < json_array_size(aOrg); i++) {
    const json_t *o = json_array_get(aOrg, i);
    Buf err = {0};
    json_t *pMem = query_members(pReq->pDb, str(o, "id"), date_today(), &err);
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
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
}

/* The rotation rule in words. */
static void chair_rule_words(Buf *p, const json_t *pRule) {
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
}

/* The notes of the rule's recorded and declined years for one year. */
static void chair_year_notes(Buf *p, const json_t *pRule, long long year) {
  const json_t *aRecorded = json_object_get(pRule, "recorded");
  const json_t *aDeclined = json_object_get(pRule, "declined");
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
}

/* The chair of every year, recorded or computed, against the rotation rule. */
static void chair_section(Buf *p, Req *pReq, const char *zOrg, const json_t *pParties) {
  int y, m, d;
  date_to_ymd(date_today(), &y, &m, &d);
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
  chair_rule_words(p, pRule);

  const json_t *aBreach = json_object_get(pHist, "breaches");
  if (json_array_size(aBreach)) {
    buf_puts(p, "<p class=\"flag\">Recorded chairs that differ from the rotation rule: ");
    for (size_t i = 0; i < json_array_size(aBreach); i++)
      hprintf(p, "%s<a href=\"#chair-%lld\">%lld</a>", i ? ", " : "",
              (long long)json_integer_value(json_array_get(aBreach, i)),
              (long long)json_integer_value(json_array_get(aBreach, i)));
    buf_puts(p, ".</p>");
  }
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
  hprintf(p, "<h1>%s</h1>", name_en(pName, zId));
  if (str(pName, "ru")) hprintf(p, "<p class=\"ru\" lang=\"ru\">%s</p>", str(pName, "ru"));
  buf_puts(p, "<dl class=\"facts\">");
  hprintf(p, "<dt>Identifier</dt><dd><span class=\"code\">%s</span></dd><dt>Founded</dt><dd>", zId);
  put_date(p, str(pOrg, "founded"));
  hprintf(p, "</dd><dt>Depositary</dt><dd>%s</dd></dl>",
          dflt(str(pOrg, "depositary"), "not recorded"));
  hprintf(p,
          "<p class=\"small\"><a href=\"#members\">Members</a> \xc2\xb7 <a href=\"#chair\">"
          "Chair by year</a> \xc2\xb7 <a href=\"#bodies\">Bodies</a> \xc2\xb7 <a "
          "href=\"#documents\">Documents</a> \xc2\xb7 JSON: <a "
          "href=\"/api/v1/organizations/%s/members?on=%s\">members</a>",
          zId, zOn);
  /* Only organizations with a rotation rule have a chair answer. */
  json_t *pRule = entity_get(pDb, K_CHAIRMANSHIP, zId);
  if (pRule) hprintf(p, ", <a href=\"/api/v1/organizations/%s/chair\">chairs</a>", zId);
  json_decref(pRule);
  buf_puts(p, "</p>");
}

/* A timeline of every membership, and the same as a table. */
static void org_timeline(Buf *p, Db *pDb, const json_t *pOrg, const char *zId,
                         const json_t *pParties) {
  json_t *aMem = entity_list(pDb, K_MEMBERSHIP, zId);
  buf_puts(p, "<h2 id=\"timeline\">Members over time</h2>");
  membership_timeline(p, "members-chart", "Membership of each party over time", aMem, "party",
                      pParties, "name", "parties", date_of(json_object_get(pOrg, "founded")));
  if (json_array_size(aMem)) {
    buf_puts(p, "<details><summary>The chart as a table</summary>");
    table_begin(p, "Membership intervals", "Party|Kind|From|To|Note");
    for (size_t i = 0; i < json_array_size(aMem); i++) {
      const json_t *m = json_array_get(aMem, i);
      buf_puts(p, "<tr><th scope=\"row\">");
      put_party(p, pParties, str(m, "party"));
      hprintf(p, "</th><td>%s</td><td class=\"nw\">", dflt(str(m, "kind"), ""));
      put_date(p, str(m, "from"));
      buf_puts(p, "</td><td class=\"nw\">");
      if (str(m, "to"))
        put_date(p, str(m, "to"));
      else
        buf_puts(p, "<span class=\"muted\">current</span>");
      hprintf(p, "</td><td class=\"small\">%s</td></tr>", dflt(str(m, "note"), ""));
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
  buf_puts(p, "<h2 id=\"members\">Members</h2>");
  date_form(p, pReq->zPath, "Members on", zOn);
  Buf cap = {0};
  buf_printf(&cap, "Members on %s (%zu)", zOn, json_array_size(aMember));
  table_begin(p, cap.z, "Party|Kind|Since");
  buf_free(&cap);
  for (size_t i = 0; i < json_array_size(aMember); i++) {
    const json_t *m = json_array_get(aMember, i);
    buf_puts(p, "<tr><th scope=\"row\">");
    put_party(p, pParties, str(m, "party"));
    hprintf(p, "</th><td>%s</td><td class=\"nw\">", dflt(str(m, "kind"), ""));
    put_date(p, str(m, "since"));
    buf_puts(p, "</td></tr>");
  }
  if (!json_array_size(aMember))
    buf_puts(p, "<tr><td colspan=\"3\" class=\"muted\">No members on this date.</td></tr>");
  table_end(p);
  json_decref(pMembers);
}

/* The organization's bodies. */
static void org_bodies(Buf *p, Db *pDb, const char *zId) {
  json_t *aBody = entity_list(pDb, K_BODY, zId);
  buf_puts(p, "<h2 id=\"bodies\">Bodies</h2>");
  if (json_array_size(aBody)) {
    buf_puts(p, "<ul>");
    for (size_t i = 0; i < json_array_size(aBody); i++) {
      const json_t *pb = json_array_get(aBody, i);
      hprintf(p, "<li><a href=\"/bodies/%s\">%s</a>", str(pb, "id"),
              name_en(json_object_get(pb, "name"), str(pb, "id")));
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
    buf_puts(p, "<p class=\"muted\">No bodies recorded.</p>");
  }
  json_decref(aBody);
}

/* The organization's documents. */
static void org_documents(Buf *p, Db *pDb, const char *zId) {
  json_t *aDoc = entity_list(pDb, K_DOCUMENT, zId);
  buf_puts(p, "<h2 id=\"documents\">Documents</h2>");
  hprintf(p, "<p class=\"small\"><a href=\"/reports/organization/%s\">%s</a></p>", zId,
          _("Status report (HTML, PDF)"));
  if (json_array_size(aDoc)) {
    table_begin(p, "Documents of the organization", "Document|Type|Adopted");
    for (size_t i = 0; i < json_array_size(aDoc); i++) {
      const json_t *pd = json_array_get(aDoc, i);
      hprintf(p, "<tr><th scope=\"row\"><a href=\"/documents/%s\">%s</a>", str(pd, "id"),
              name_en(json_object_get(pd, "title"), str(pd, "id")));
      put_ru(p, json_object_get(pd, "title"));
      hprintf(p, "</th><td>%s</td><td class=\"nw\">", dflt(str(pd, "type"), ""));
      put_date(p, str(json_object_get(pd, "adopted"), "date"));
      buf_puts(p, "</td></tr>");
    }
    table_end(p);
  } else {
    buf_puts(p, "<p class=\"muted\">No documents recorded.</p>");
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
  pages_begin(&b, pReq, name_en(json_object_get(pOrg, "name"), zId), "/organizations");
  org_head(&b, pDb, pOrg, zId, zOn);
  if (pReq->bSession && pReq->caller.role == ROLE_DEPOSITARY) { /* the desk (desk_forms.c) */
    /* The rule of the chair: its edit form, or a new one when none is recorded. */
    bool bRule = entity_seq(pDb, K_CHAIRMANSHIP, zId) != 0;
    hprintf(&b,
            "<p class=\"small\"><a href=\"/desk/edit/organization/%s\">Edit this "
            "organization</a> \xc2\xb7 <a href=\"%s%s\">%s rule of the chair</a> \xc2\xb7 "
            "<a href=\"/desk/new/body?organization=%s\">a new body</a> \xc2\xb7 <a "
            "href=\"/desk/new/membership?organization=%s\">a new membership</a></p>",
            zId, bRule ? "/desk/edit/chairmanship/" : "/desk/new/chairmanship?organization=", zId,
            bRule ? "its" : "a", zId, zId);
  }
  org_timeline(&b, pDb, pOrg, zId, pParties);
  org_members(&b, pReq, zId, on, zOn, pParties);
  hprintf(&b,
          "<p><a href=\"/organizations/%s/compliance\">Compliance with commitments</a> "
          "\xc2\xb7 <a href=\"/calendar.ics?organization=%s\">Sessions and deadlines "
          "(iCalendar)</a></p>",
          zId, zId);
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
  pages_begin(&b, pReq, name_en(pName, zId), "/organizations");
  hprintf(&b, "<h1>%s</h1>", name_en(pName, zId));
  if (pReq->bSession && pReq->caller.role == ROLE_DEPOSITARY)
    hprintf(&b, "<p class=\"small\"><a href=\"/desk/edit/body/%s\">Edit this body</a></p>", zId);
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
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
  json_decref(pOrgs);
  json_decref(pBody);
}
