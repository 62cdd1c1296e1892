/*
** The parties: the list, and a party's page: its memberships over time, the
** chairs it held, and its status in every document it acted on, on a date.
*/
#include <string.h>

#include "entity.h"
#include "fields.h"
#include "page.h"
#include "registry.h"
#include "routes.h"

/* Its memberships: a timeline and a table. */
static void party_memberships(Buf *p, const json_t *aMem, const json_t *pOrgs) {
  hprintf(p, "<h2>%s</h2>", _("Memberships"));
  membership_timeline(p, "party-chart", _("Memberships over time"), aMem, "organization", pOrgs,
                      "name", "organizations", DATE_NONE);
  if (json_array_size(aMem)) {
    table_begin(p, _("Memberships"), _("Organization|Kind|From|To"));
    for (size_t i = 0; i < json_array_size(aMem); i++) {
      const json_t *mm = json_array_get(aMem, i);
      buf_puts(p, "<tr><th scope=\"row\">");
      put_link(p, "organizations", pOrgs, str(mm, "organization"), "name");
      buf_puts(p, "</th><td>");
      put_words(p, str(mm, "kind"));
      buf_puts(p, "</td><td class=\"nw\">");
      put_date(p, str(mm, "from"));
      buf_puts(p, "</td><td class=\"nw\">");
      if (str(mm, "to"))
        put_date(p, str(mm, "to"));
      else
        hprintf(p, "<span class=\"muted\">%s</span>", _("current"));
      buf_puts(p, "</td></tr>");
    }
    table_end(p);
  }
}

/* The chairs it held. */
static void party_chairs(Buf *p, const json_t *aChair, const json_t *pOrgs) {
  hprintf(p, "<h2>%s</h2>", _("Chairs held"));
  if (json_array_size(aChair)) {
    table_begin(p, _("Years in which it chaired (recorded, or computed by rotation)"),
                _("Organization|Year|Source"));
    for (size_t i = 0; i < json_array_size(aChair); i++) {
      const json_t *c = json_array_get(aChair, i);
      buf_puts(p, "<tr><th scope=\"row\">");
      put_link(p, "organizations", pOrgs, str(c, "organization"), "name");
      hprintf(p, "</th><td class=\"nw\">%lld</td><td>",
              (long long)json_integer_value(json_object_get(c, "year")));
      put_words(p, str(c, "source"));
      buf_puts(p, "</td></tr>");
    }
    table_end(p);
  } else {
    hprintf(p, "<p class=\"muted\">%s</p>", _("None."));
  }
}

/* Its status in every document it acted on, on a date. */
static void party_documents(Buf *p, Req *pReq, const json_t *aDoc, const char *zOn) {
  hprintf(p, "<h2>%s</h2>", _("Status in documents"));
  date_form(p, pReq->zPath, _("Status on"), zOn);
  hprintf(p, "<p class=\"small\"><a href=\"/reports/party/%s?on=%s\">%s</a></p>", pReq->azParam[0],
          zOn, _("Status report (HTML, PDF)"));
  if (json_array_size(aDoc)) {
    char *zOnText = date_text(zOn);
    char *zCap = msg_text(_("Its status in every document it acted on, on {0}"), zOnText);
    table_begin(p, zCap, _("Document|Status|Since|In force from"));
    xfree(zCap);
    xfree(zOnText);
    for (size_t i = 0; i < json_array_size(aDoc); i++) {
      const json_t *pd = json_array_get(aDoc, i);
      hprintf(p, "<tr><th scope=\"row\"><a href=\"/documents/%s?on=%s\">", str(pd, "document"),
              zOn);
      put_name(p, json_object_get(pd, "title"), str(pd, "document"));
      buf_puts(p, "</a></th><td>");
      put_badge(p, str(pd, "status"));
      buf_puts(p, "</td><td class=\"nw\">");
      put_date(p, str(pd, "since"));
      buf_puts(p, "</td><td class=\"nw\">");
      put_date(p, str(pd, "entry_into_force"));
      buf_puts(p, "</td></tr>");
    }
    table_end(p);
  } else {
    hprintf(p, "<p class=\"muted\">%s</p>", _("No action recorded on or before this date."));
  }
}

/* A party: its memberships, chairs held and status in documents. */
void page_get_party(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  const char *zCode = pReq->azParam[0];
  pdate on;
  json_t *pParty = entity_get(pDb, K_PARTY, zCode);
  if (!pParty) {
    pages_not_found(pReq, r, "party", zCode);
    return;
  }
  json_decref(pParty);
  if (!page_on(pReq, r, &on)) return;
  char zOn[DATE_BUFSZ];
  date_format(on, zOn);
  int y, m, d;
  date_to_ymd(date_today(), &y, &m, &d);
  Buf err = {0};
  json_t *pP = query_party(pDb, zCode, on, y, &err);
  buf_free(&err);
  json_t *pOrgs = entity_map(pDb, K_ORGANIZATION, "id");
  const json_t *pName = json_object_get(pP, "name");
  Buf b = {0};
  pages_begin(&b, pReq, name_here(pName, zCode), "/parties");
  buf_puts(&b, "<h1>");
  put_name(&b, pName, zCode);
  hprintf(&b, " <span class=\"code\">%s</span></h1>", zCode);
  if (pReq->bSession && pReq->caller.role == ROLE_DEPOSITARY) /* the desk (desk_forms.c) */
    hprintf(&b,
            "<p class=\"small\"><a href=\"/desk/edit/party/%s\">%s</a> \xc2\xb7 "
            "<a href=\"/desk/new/membership?party=%s\">%s</a></p>",
            zCode, _("Edit this party"), zCode, _("Record a membership"));
  put_second_name(&b, pName);
  hprintf(&b,
          "<dl class=\"facts\"><dt>%s</dt><dd><span class=\"code\">%s</span></dd><dt>%s</dt><dd>",
          _("Code"), zCode, _("Kind"));
  put_words(&b, str(pP, "kind"));
  buf_puts(&b, "</dd></dl>");
  char *zOnText = date_html(zOn);
  hprintf(&b, "<p class=\"small\">JSON: <a href=\"/api/v1/parties/%s?on=%s\">", zCode, zOn);
  put_msg(&b, _("profile on {0}"), zOnText);
  buf_puts(&b, "</a></p>");
  xfree(zOnText);
  party_memberships(&b, json_object_get(pP, "memberships"), pOrgs);
  party_chairs(&b, json_object_get(pP, "chairs"), pOrgs);
  party_documents(&b, pReq, json_object_get(pP, "documents"), zOn);
  hprintf(&b, "<p class=\"small\"><a href=\"/parties/%s/feed.atom\">%s</a></p>", zCode,
          _("Depositary notifications for this party (Atom)"));
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
  json_decref(pOrgs);
  json_decref(pP);
}
