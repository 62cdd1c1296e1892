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

/* Every party: code, name, kind. */
void page_get_parties(Req *pReq, Resp *r) {
  Buf b = {0};
  pages_begin(&b, pReq, "Parties", "/parties");
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
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
}

/* Its memberships: a timeline and a table. */
static void party_memberships(Buf *p, const json_t *aMem, const json_t *pOrgs) {
  buf_puts(p, "<h2>Memberships</h2>");
  membership_timeline(p, "party-chart", "Memberships over time", aMem, "organization", pOrgs,
                      "name", "organizations", DATE_NONE);
  if (json_array_size(aMem)) {
    table_begin(p, "Memberships", "Organization|Kind|From|To");
    for (size_t i = 0; i < json_array_size(aMem); i++) {
      const json_t *mm = json_array_get(aMem, i);
      buf_puts(p, "<tr><th scope=\"row\">");
      put_link(p, "organizations", pOrgs, str(mm, "organization"), "name");
      hprintf(p, "</th><td>%s</td><td class=\"nw\">", dflt(str(mm, "kind"), ""));
      put_date(p, str(mm, "from"));
      buf_puts(p, "</td><td class=\"nw\">");
      if (str(mm, "to"))
        put_date(p, str(mm, "to"));
      else
        buf_puts(p, "<span class=\"muted\">current</span>");
      buf_puts(p, "</td></tr>");
    }
    table_end(p);
  }
}

/* The chairs it held. */
static void party_chairs(Buf *p, const json_t *aChair, const json_t *pOrgs) {
  buf_puts(p, "<h2>Chairs held</h2>");
  if (json_array_size(aChair)) {
    table_begin(p, "Years in which it chaired (recorded, or computed by rotation)",
                "Organization|Year|Source");
    for (size_t i = 0; i < json_array_size(aChair); i++) {
      const json_t *c = json_array_get(aChair, i);
      buf_puts(p, "<tr><th scope=\"row\">");
      put_link(p, "organizations", pOrgs, str(c, "organization"), "name");
      hprintf(p, "</th><td class=\"nw\">%lld</td><td>%s</td></tr>",
              (long long)json_integer_value(json_object_get(c, "year")),
              dflt(str(c, "source"), ""));
    }
    table_end(p);
  } else {
    buf_puts(p, "<p class=\"muted\">None.</p>");
  }
}

/* Its status in every document it acted on, on a date. */
static void party_documents(Buf *p, Req *pReq, const json_t *aDoc, const char *zOn) {
  buf_puts(p, "<h2>Status in documents</h2>");
  date_form(p, pReq->zPath, "Status on", zOn);
  hprintf(p, "<p class=\"small\"><a href=\"/reports/party/%s?on=%s\">%s</a></p>", pReq->azParam[0],
          zOn, _("Status report (HTML, PDF)"));
  if (json_array_size(aDoc)) {
    Buf cap = {0};
    buf_printf(&cap, "Its status in every document it acted on, on %s", zOn);
    table_begin(p, cap.z, "Document|Status|Since|In force from");
    buf_free(&cap);
    for (size_t i = 0; i < json_array_size(aDoc); i++) {
      const json_t *pd = json_array_get(aDoc, i);
      hprintf(p, "<tr><th scope=\"row\"><a href=\"/documents/%s?on=%s\">%s</a></th><td>",
              str(pd, "document"), zOn, name_en(json_object_get(pd, "title"), str(pd, "document")));
      put_badge(p, str(pd, "status"));
      buf_puts(p, "</td><td class=\"nw\">");
      put_date(p, str(pd, "since"));
      buf_puts(p, "</td><td class=\"nw\">");
      put_date(p, str(pd, "entry_into_force"));
      buf_puts(p, "</td></tr>");
    }
    table_end(p);
  } else {
    buf_puts(p, "<p class=\"muted\">No action recorded on or before this date.</p>");
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
  pages_begin(&b, pReq, name_en(pName, zCode), "/parties");
  hprintf(&b, "<h1>%s <span class=\"code\">%s</span></h1>", name_en(pName, zCode), zCode);
  if (pReq->bSession && pReq->caller.role == ROLE_DEPOSITARY) /* the desk (desk_forms.c) */
    hprintf(&b,
            "<p class=\"small\"><a href=\"/desk/edit/party/%s\">Edit this party</a> \xc2\xb7 "
            "<a href=\"/desk/new/membership?party=%s\">Record a membership</a></p>",
            zCode, zCode);
  if (str(pName, "ru")) hprintf(&b, "<p class=\"ru\" lang=\"ru\">%s</p>", str(pName, "ru"));
  hprintf(&b,
          "<dl class=\"facts\"><dt>Code</dt><dd><span class=\"code\">%s</span></dd>"
          "<dt>Kind</dt><dd>%s</dd></dl>",
          zCode, dflt(str(pP, "kind"), ""));
  hprintf(&b, "<p class=\"small\">JSON: <a href=\"/api/v1/parties/%s?on=%s\">profile on %s</a></p>",
          zCode, zOn, zOn);
  party_memberships(&b, json_object_get(pP, "memberships"), pOrgs);
  party_chairs(&b, json_object_get(pP, "chairs"), pOrgs);
  party_documents(&b, pReq, json_object_get(pP, "documents"), zOn);
  hprintf(&b,
          "<p class=\"small\"><a href=\"/parties/%s/feed.atom\">Depositary notifications "
          "for this party (Atom)</a></p>",
          zCode);
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
  json_decref(pOrgs);
  json_decref(pP);
}
