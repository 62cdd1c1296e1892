/*
** The sessions: every session newest first, and a session's page: its
** facts, who attended and who stayed away, the members the record does not
** mention, the documents adopted and the next session.
*/
#include <string.h>

#include "entity.h"
#include "fields.h"
#include "page.h"
#include "registry.h"
#include "routes.h"
#include "term.h"

/* The facts of session s of body pBody. */
static void session_facts(Buf *p, Db *pDb, const json_t *s, const json_t *pBody,
                          const json_t *pBodies, const json_t *pOrgs) {
  put_second_name(p, json_object_get(pBody, "name"));
  hprintf(p, "<dl class=\"facts\"><dt>%s</dt><dd>", _("Body"));
  put_link(p, "bodies", pBodies, str(s, "body"), "name");
  hprintf(p, "</dd><dt>%s</dt><dd>", _("Organization"));
  put_link(p, "organizations", pOrgs, str(pBody, "organization"), "name");
  hprintf(p, "</dd><dt>%s</dt><dd>", _("Date"));
  put_date(p, str(s, "date"));
  hprintf(p, "</dd><dt>%s</dt><dd>", _("Place"));
  if (str(s, "place"))
    put_place(p, pDb, str(s, "place"));
  else
    html_escape(p, _("not stated"));
  hprintf(p, "</dd><dt>%s</dt><dd>", _("Format"));
  if (str(s, "format"))
    put_words(p, str(s, "format"));
  else
    html_escape(p, _("not recorded"));
  buf_puts(p, "</dd>");
  if (json_is_integer(json_object_get(s, "number")))
    hprintf(p, "<dt>%s</dt><dd>%lld</dd>", _("Number"),
            (long long)json_integer_value(json_object_get(s, "number")));
  buf_puts(p, "</dl>");
}

/* Attendance, the absent first named. */
static void session_attendance(Buf *p, const json_t *aAtt, const json_t *pParties) {
  hprintf(p, "<h2>%s</h2>", _("Attendance"));
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
      hprintf(p, "<p><strong>%s</strong> ", _("Absent:"));
      buf_puts(p, absent.z);
      buf_puts(p, "</p>");
    }
    buf_free(&absent);
    table_begin(p, _("Who attended, and by whom"), _("Party|Attendance|By|Role"));
    for (size_t i = 0; i < json_array_size(aAtt); i++) {
      const json_t *a = json_array_get(aAtt, i);
      bool bAbsent = strcmp(dflt(str(a, "status"), ""), "absent") == 0;
      buf_puts(p, bAbsent ? "<tr class=\"breach\"><th scope=\"row\">" : "<tr><th scope=\"row\">");
      put_party(p, pParties, str(a, "party"));
      buf_puts(p, "</th><td>");
      if (bAbsent) buf_puts(p, "<span class=\"flag\">");
      const json_t *pParty = json_object_get(pParties, dflt(str(a, "party"), ""));
      put_words_in(p, term_agreement(name_here(json_object_get(pParty, "name"), 0)),
                   str(a, "status"));
      if (bAbsent) buf_puts(p, "</span>");
      buf_puts(p, "</td><td>");
      put_text(p, str(a, "by"));
      buf_puts(p, "</td><td>");
      put_text(p, str(a, "role"));
      buf_puts(p, "</td></tr>");
    }
    table_end(p);
  } else {
    hprintf(p, "<p class=\"muted\">%s</p>", _("No attendance recorded."));
  }
}

/* Members of the organization on the day that the record does not mention. */
static void session_unmentioned(Buf *p, Db *pDb, const json_t *s, const json_t *pBody,
                                const json_t *aAtt, const json_t *pParties) {
  pdate day = date_of(json_object_get(s, "date"));
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
      buf_puts(p, "<p class=\"small\">");
      put_msg(p,
              _("Members of the organization on that day whom the record does not mention: {0}."),
              missing.z);
      buf_puts(p, "</p>");
    }
    buf_free(&missing);
    json_decref(pMem);
  }
}

/* The documents adopted, and the next session as announced. */
static void session_outcome(Buf *p, Db *pDb, const json_t *s, const json_t *pDocs) {
  const json_t *aAdopted = json_object_get(s, "adopted");
  hprintf(p, "<h2>%s</h2>", _("Documents adopted"));
  if (json_array_size(aAdopted)) {
    buf_puts(p, "<ul>");
    for (size_t i = 0; i < json_array_size(aAdopted); i++) {
      const char *zDoc = json_string_value(json_array_get(aAdopted, i));
      const json_t *pd = json_object_get(pDocs, dflt(zDoc, ""));
      buf_puts(p, "<li>");
      put_link(p, "documents", pDocs, zDoc, "title");
      put_ru(p, json_object_get(pd, "title"));
      if (str(pd, "type")) {
        buf_puts(p, " <span class=\"small muted\">");
        put_words_in(p, "document type", str(pd, "type"));
        buf_puts(p, "</span>");
      }
      buf_puts(p, "</li>");
    }
    buf_puts(p, "</ul>");
  } else {
    hprintf(p, "<p class=\"muted\">%s</p>", _("None recorded."));
  }

  const json_t *pNext = json_object_get(s, "next");
  hprintf(p, "<h2>%s</h2>", _("Next session"));
  if (json_is_object(pNext)) {
    buf_puts(p, "<p>");
    put_date(p, str(pNext, "date"));
    if (str(pNext, "place")) {
      buf_puts(p, ", ");
      put_place(p, pDb, str(pNext, "place"));
    }
    buf_puts(p, "</p>");
  } else {
    hprintf(p, "<p class=\"muted\">%s</p>", _("Not announced in the record."));
  }
}

/* A session: its facts, attendance, documents adopted and the next one. */
void page_get_session(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  const char *zId = pReq->azParam[0];
  json_t *s = entity_get(pDb, K_SESSION, zId);
  if (!s) {
    pages_not_found(pReq, r, "session", zId);
    return;
  }
  json_t *pBodies = entity_map(pDb, K_BODY, "id");
  json_t *pOrgs = entity_map(pDb, K_ORGANIZATION, "id");
  json_t *pParties = entity_map(pDb, K_PARTY, "code");
  json_t *pDocs = entity_map(pDb, K_DOCUMENT, "id");
  const json_t *pBody = json_object_get(pBodies, dflt(str(s, "body"), ""));
  const json_t *aAtt = json_object_get(s, "attendance");
  const char *zBodyName = name_here(json_object_get(pBody, "name"), str(s, "body"));
  char *zDate = date_text(str(s, "date"));
  char *zTitle = msg_text(_("{0}, {1}"), zBodyName ? zBodyName : _("Session"), zDate);
  Buf b = {0};
  pages_begin(&b, pReq, zTitle, "/sessions");
  /* The heading: the body's name (in its lang when not the page's) and the date. */
  Buf name = {0};
  put_name(&name, json_object_get(pBody, "name"), dflt(str(s, "body"), _("Session")));
  char *zDateHtml = date_html(str(s, "date"));
  buf_puts(&b, "<h1>");
  put_msg(&b, _("{0}, {1}"), name.z ? name.z : "", zDateHtml);
  buf_puts(&b, "</h1>");
  buf_free(&name);
  xfree(zDateHtml);
  xfree(zTitle);
  xfree(zDate);
  session_facts(&b, pDb, s, pBody, pBodies, pOrgs);
  session_attendance(&b, aAtt, pParties);
  session_unmentioned(&b, pDb, s, pBody, aAtt, pParties);
  session_outcome(&b, pDb, s, pDocs);
  hprintf(&b,
          "<p><a href=\"/sessions/%s/minutes\">%s</a> %s \xc2\xb7 "
          "<a href=\"/sessions/%s/minutes.md\">Markdown</a></p>",
          zId, _("Minutes"), _("(printable)"), zId);
  if (pReq->bSession && pReq->caller.role == ROLE_DEPOSITARY)
    hprintf(&b, "<p><a href=\"/desk/edit/session/%s\">%s</a></p>", zId, _("Edit the session"));
  put_sources(&b, json_object_get(s, "sources"));
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
  json_decref(pBodies);
  json_decref(pOrgs);
  json_decref(pParties);
  json_decref(pDocs);
  json_decref(s);
}
