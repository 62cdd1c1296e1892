/* The published record over HTTP: calendar, feeds, minutes (publish.h), in
** the request's language (the server set the thread's before the handler). */
#include <stdlib.h>

#include "entity.h"
#include "page.h"
#include "publish.h"
#include "routes.h"

static void send(Resp *r, int status, const char *zType, Buf *p) {
  resp_text(r, status, zType, p->z ? p->z : "", p->n);
  r->bCacheable = status == 200;
  buf_free(p);
}

/* The Markdown minutes answer in plain text (only a session is asked of
** them); everything else with the site's 404 page. */
static void not_found(Req *pReq, Resp *r, const char *zWhat, const char *zId, bool bHtml) {
  if (bHtml) {
    pages_not_found(pReq, r, zWhat, zId);
    return;
  }
  Buf b = {0};
  buf_printf(&b, _("There is no session \"%s\" in this registry."), zId ? zId : "");
  buf_putc(&b, '\n');
  utf8_sanitize(b.z);
  send(r, 404, "text/plain; charset=utf-8", &b);
  r->bCacheable = false;
}

void page_get_calendar_ics(Req *pReq, Resp *r) {
  const char *zOrg = req_arg(pReq, "organization");
  if (zOrg && !*zOrg) zOrg = 0;
  if (zOrg) {
    json_t *pOrg = entity_get(pReq->pDb, K_ORGANIZATION, zOrg);
    if (!pOrg) {
      not_found(pReq, r, "organization", zOrg, true);
      return;
    }
    json_decref(pOrg);
  }
  Buf b = {0};
  publish_ics(pReq->pDb, zOrg, &b);
  send(r, 200, "text/calendar; charset=utf-8", &b);
}

void page_get_feed_atom(Req *pReq, Resp *r) {
  Buf b = {0};
  publish_atom(pReq->pDb, 0, "/feed.atom", date_today(), &b);
  send(r, 200, "application/atom+xml", &b);
}

void page_get_party_feed_atom(Req *pReq, Resp *r) {
  const char *zCode = pReq->azParam[0];
  json_t *pParty = entity_get(pReq->pDb, K_PARTY, zCode);
  if (!pParty) {
    not_found(pReq, r, "party", zCode, true);
    return;
  }
  json_decref(pParty);
  Buf self = {0}, b = {0};
  buf_printf(&self, "/parties/%s/feed.atom", zCode);
  publish_atom(pReq->pDb, zCode, self.z, date_today(), &b);
  buf_free(&self);
  send(r, 200, "application/atom+xml", &b);
}

static void minutes(Req *pReq, Resp *r, bool bMd) {
  Buf b = {0};
  if (!publish_minutes(pReq->pDb, pReq->azParam[0], bMd, &b)) {
    buf_free(&b);
    not_found(pReq, r, "session", pReq->azParam[0], !bMd);
    return;
  }
  send(r, 200, bMd ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8", &b);
}

void page_get_session_minutes(Req *pReq, Resp *r) {
  minutes(pReq, r, false);
}

void page_get_session_minutes_md(Req *pReq, Resp *r) {
  minutes(pReq, r, true);
}
