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

void page_get_sessions(Req *pReq, Resp *r) {
  Buf b = {0};
  pages_begin(&b, pReq, "Sessions", "/sessions");
  buf_puts(&b, "<h1>Sessions</h1>");
  json_t *aSession = sessions_by_date(pReq->pDb, 0);
  json_t *pBodies = entity_map(pReq->pDb, K_BODY, "id");
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
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
}

/* The facts of session s of body pBody. */
static void session_facts(Buf *p, const json_t *s, const json_t *pBody, const json_t *pBodies,
                          const json_t *pOrgs) {
  if (str(json_object_get(pBody, "name"), "ru"))
    hprintf(p, "<p class=\"ru\" lang=\"ru\">%s</p>", str(json_object_get(pBody, "name"), "ru"));
  buf_puts(p, "<dl class=\"facts\"><dt>Body</dt><dd>");
  put_link(p, "bodies", pBodies, str(s, "body"), "name");
  buf_puts(p, "</dd><dt>Organization</dt><dd>");
  put_link(p, "organizations", pOrgs, str(pBody, "organization"), "name");
  buf_puts(p, "</dd><dt>Date</dt><dd>");
  put_date(p, str(s, "date"));
  hprintf(p, "</dd><dt>Place</dt><dd>%s</dd><dt>Format</dt><dd>",
          dflt(str(s, "place"), "not stated"));
  put_words(p, dflt(str(s, "format"), "not recorded"));
  buf_puts(p, "</dd>");
  if (json_is_integer(json_object_get(s, "number")))
    hprintf(p, "<dt>Number</dt><dd>%lld</dd>",
            (long long)json_integer_value(json_object_get(s, "number")));
  buf_puts(p, "</dl>");
}

/* Attendance, the absent first named. */
static void session_attendance(Buf *p, const json_t *aAtt, const json_t *pParties) {
  buf_puts(p, "<h2>Attendance</h2>");
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
      buf_puts(p, "<p><strong>Absent:</strong> ");
      buf_puts(p, absent.z);
      buf_puts(p, "</p>");
    }
    buf_free(&absent);
    table_begin(p, "Who attended, and by whom", "Party|Attendance|By|Role");
    for (size_t i = 0; i < json_array_size(aAtt); i++) {
      const json_t *a = json_array_get(aAtt, i);
      bool bAbsent = strcmp(dflt(str(a, "status"), ""), "absent") == 0;
      buf_puts(p, bAbsent ? "<tr class=\"breach\"><th scope=\"row\">" : "<tr><th scope=\"row\">");
      put_party(p, pParties, str(a, "party"));
      buf_puts(p, "</th><td>");
      if (bAbsent) buf_puts(p, "<span class=\"flag\">");
      put_words(p, str(a, "status"));
      if (bAbsent) buf_puts(p, "</span>");
      hprintf(p, "</td><td>%s</td><td>%s</td></tr>", dflt(str(a, "by"), ""),
              dflt(str(a, "role"), ""));
    }
    table_end(p);
  } else {
    buf_puts(p, "<p class=\"muted\">No attendance recorded.</p>");
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
      buf_puts(p, "<p class=\"small\">Members of the organization on that day whom the record "
                  "does not mention: ");
      buf_puts(p, missing.z);
      buf_puts(p, ".</p>");
    }
    buf_free(&missing);
    json_decref(pMem);
  }
}

/* The documents adopted, and the next session as announced. */
static void session_outcome(Buf *p, const json_t *s, const json_t *pDocs) {
  const json_t *aAdopted = json_object_get(s, "adopted");
  buf_puts(p, "<h2>Documents adopted</h2>");
  if (json_array_size(aAdopted)) {
    buf_puts(p, "<ul>");
    for (size_t i = 0; i < json_array_size(aAdopted); i++) {
      const char *zDoc = json_string_value(json_array_get(aAdopted, i));
      const json_t *pd = json_object_get(pDocs, dflt(zDoc, ""));
      buf_puts(p, "<li>");
      put_link(p, "documents", pDocs, zDoc, "title");
      put_ru(p, json_object_get(pd, "title"));
      if (str(pd, "type")) hprintf(p, " <span class=\"small muted\">%s</span>", str(pd, "type"));
      buf_puts(p, "</li>");
    }
    buf_puts(p, "</ul>");
  } else {
    buf_puts(p, "<p class=\"muted\">None recorded.</p>");
  }

  const json_t *pNext = json_object_get(s, "next");
  buf_puts(p, "<h2>Next session</h2>");
  if (json_is_object(pNext)) {
    buf_puts(p, "<p>");
    put_date(p, str(pNext, "date"));
    if (str(pNext, "place")) hprintf(p, ", %s", str(pNext, "place"));
    buf_puts(p, "</p>");
  } else {
    buf_puts(p, "<p class=\"muted\">Not announced in the record.</p>");
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
  const char *zBodyName = name_en(json_object_get(pBody, "name"), str(s, "body"));
  Buf title = {0};
  buf_printf(&title, "%s, %s", zBodyName ? zBodyName : "Session", dflt(str(s, "date"), ""));
  Buf b = {0};
  pages_begin(&b, pReq, title.z, "/sessions");
  hprintf(&b, "<h1>%s</h1>", title.z);
  buf_free(&title);
  session_facts(&b, s, pBody, pBodies, pOrgs);
  session_attendance(&b, aAtt, pParties);
  session_unmentioned(&b, pDb, s, pBody, aAtt, pParties);
  session_outcome(&b, s, pDocs);
  hprintf(&b,
          "<p><a href=\"/sessions/%s/minutes\">Minutes</a> (printable) \xc2\xb7 "
          "<a href=\"/sessions/%s/minutes.md\">Markdown</a></p>",
          zId, zId);
  if (pReq->bSession && pReq->caller.role == ROLE_DEPOSITARY)
    hprintf(&b, "<p><a href=\"/desk/edit/session/%s\">Edit</a> the session</p>", zId);
  put_sources(&b, json_object_get(s, "sources"));
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
  json_decref(pBodies);
  json_decref(pOrgs);
  json_decref(pParties);
  json_decref(pDocs);
  json_decref(s);
}
