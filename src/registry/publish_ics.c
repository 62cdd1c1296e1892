/*
** The iCalendar (RFC 5545) of sessions, announced next sessions and
** commitment deadlines (publish.h). SUMMARY, DESCRIPTION and the calendar's
** name are in the thread's language (i18n.h); property names, UIDs,
** categories and statuses are codes.
*/
#include "fields.h"
#include "publish.h"
#include "publish_int.h"

#include <stdio.h>
#include <string.h>

#include "entity.h"
#include "i18n.h"
#include "kind.h"

/* What the writer of one calendar keeps. */
typedef struct Ics {
  Buf *pOut;
  const char *zOrg;                /* only this organization's, or NULL */
  json_t *pBodies, *pOrgs, *pDocs; /* by id */
  json_t *aSession;                /* list_with_time of the sessions */
} Ics;

/* The session being written and what its events say of it. */
typedef struct IcsSession {
  const json_t *pRow; /* {"time", "value"} */
  const json_t *s;    /* its value */
  const char *zId, *zBody, *zBodyName, *zOrgName;
  pdate day;
} IcsSession;

/* Every live entity of a kind with the journal record that put it, by key:
** [{"time", "value"}]. */
static json_t *list_with_time(Db *pDb, Kind kind) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT j.record FROM entity e JOIN journal j ON j.seq=e.seq "
                                 "WHERE e.kind=?1 ORDER BY e.key");
  sqlite3_bind_int(p, 1, (int)kind);
  json_t *a = json_array();
  while (db_step_row(pDb, p)) {
    json_t *pRec = json_loads((const char *)sqlite3_column_text(p, 0), 0, 0);
    if (pRec && json_is_object(json_object_get(pRec, "value")))
      json_array_append_new(a, json_pack("{s:O, s:O}", "time", json_object_get(pRec, "time"),
                                         "value", json_object_get(pRec, "value")));
    json_decref(pRec);
  }
  sqlite3_reset(p);
  return a;
}

/* ---- Content lines ----------------------------------------------------------- */

/* One content line, folded so that no line exceeds 75 octets (CRLF apart),
** never inside a UTF-8 sequence. */
static void ics_line(Buf *pOut, const char *zLine) {
  size_t nCol = 0;
  for (const unsigned char *z = (const unsigned char *)zLine; *z;) {
    size_t n = 1;
    while (z[n] && (z[n] & 0xC0) == 0x80 && n < 4) n++;
    if (nCol + n > 75) {
      buf_puts(pOut, "\r\n ");
      nCol = 1;
    }
    buf_append(pOut, z, n);
    nCol += n;
    z += n;
  }
  buf_puts(pOut, "\r\n");
}

/* TEXT escaping: backslash, semicolon, comma, newline. */
static void ics_text(Buf *p, const char *z) {
  for (; z && *z; z++) {
    switch (*z) {
    case '\\': buf_puts(p, "\\\\"); break;
    case ';': buf_puts(p, "\\;"); break;
    case ',': buf_puts(p, "\\,"); break;
    case '\n': buf_puts(p, "\\n"); break;
    case '\r': break;
    default: buf_putc(p, *z);
    }
  }
}

/* "NAME:" + escaped text as one folded line. */
static void ics_prop(Buf *pOut, const char *zName, const char *zText) {
  Buf l = {0};
  buf_puts(&l, zName);
  buf_putc(&l, ':');
  ics_text(&l, zText);
  ics_line(pOut, l.z);
  buf_free(&l);
}

/* "2026-11-22T19:00:00Z" as "20261122T190000Z". */
static void ics_stamp(Buf *pOut, const char *zTime) {
  Buf l = {0};
  buf_puts(&l, "DTSTAMP:");
  for (const char *z = dflt(zTime, "1970-01-01T00:00:00Z"); *z; z++)
    if (*z != '-' && *z != ':') buf_putc(&l, *z);
  ics_line(pOut, l.z);
  buf_free(&l);
}

/* An all-day event's dates: DTSTART;VALUE=DATE and the exclusive DTEND. */
static void ics_day(Buf *pOut, pdate d) {
  int y, m, dd;
  char zLine[64];
  date_to_ymd(d, &y, &m, &dd);
  snprintf(zLine, sizeof(zLine), "DTSTART;VALUE=DATE:%04d%02d%02d", y, m, dd);
  ics_line(pOut, zLine);
  date_to_ymd(date_add_days(d, 1), &y, &m, &dd);
  snprintf(zLine, sizeof(zLine), "DTEND;VALUE=DATE:%04d%02d%02d", y, m, dd);
  ics_line(pOut, zLine);
}

/* An event's first lines: its UID ("KIND-ID" + zSuffix), its stamp (the
** journal time of the record) and its day. */
static void ics_event_begin(Buf *pOut, const char *zKind, const char *zId, const char *zSuffix,
                            const char *zTime, pdate day) {
  Buf l = {0};
  ics_line(pOut, "BEGIN:VEVENT");
  buf_printf(&l, "UID:%s-%s%s@pacta", zKind, zId, zSuffix);
  ics_line(pOut, l.z);
  buf_free(&l);
  ics_stamp(pOut, zTime);
  ics_day(pOut, day);
}

/* An event's last lines; zStatus is a whole "STATUS:..." line, or NULL. */
static void ics_event_end(Buf *pOut, const char *zCategory, const char *zStatus) {
  ics_prop(pOut, "CATEGORIES", zCategory);
  if (zStatus) ics_line(pOut, zStatus);
  ics_line(pOut, "TRANSP:TRANSPARENT");
  ics_line(pOut, "END:VEVENT");
}

/* ---- The calendar ------------------------------------------------------------ */

static void ics_head(const Ics *c) {
  Buf l = {0};
  ics_line(c->pOut, "BEGIN:VCALENDAR");
  ics_line(c->pOut, "VERSION:2.0");
  ics_line(c->pOut, "PRODID:-//pacta//pacta " PACTA_VERSION "//EN");
  ics_line(c->pOut, "CALSCALE:GREGORIAN");
  ics_line(c->pOut, "METHOD:PUBLISH");
  if (c->zOrg)
    buf_printf(&l, _("pacta: sessions and deadlines of %s"),
               publish_name(c->pOrgs, c->zOrg, "name"));
  else
    buf_puts(&l, _("pacta: sessions and deadlines"));
  ics_prop(c->pOut, "X-WR-CALNAME", l.z);
  buf_free(&l);
}

static bool has_session_on(const json_t *aSession, const char *zBody, const char *zDate) {
  for (size_t i = 0; i < json_array_size(aSession); i++) {
    const json_t *s = json_object_get(json_array_get(aSession, i), "value");
    if (strcmp(dflt(str(s, "body"), ""), zBody) == 0 &&
        strcmp(dflt(str(s, "date"), ""), zDate) == 0)
      return true;
  }
  return false;
}

/* The session as recorded. */
static void ics_session_event(const Ics *c, const IcsSession *e) {
  const json_t *s = e->s;
  Buf t = {0};
  ics_event_begin(c->pOut, "session", e->zId, "", str(e->pRow, "time"), e->day);
  if (json_is_integer(json_object_get(s, "number")))
    buf_printf(&t, _("%s, session %lld"), e->zBodyName,
               (long long)json_integer_value(json_object_get(s, "number")));
  else
    buf_puts(&t, e->zBodyName);
  ics_prop(c->pOut, "SUMMARY", t.z);
  if (str(s, "place")) ics_prop(c->pOut, "LOCATION", str(s, "place"));
  buf_reset(&t);
  buf_printf(&t, _("%s of the %s"), e->zBodyName, e->zOrgName);
  if (str(s, "format")) {
    char *zFormat = publish_words(str(s, "format"));
    buf_printf(&t, "\n%s: %s", _("Format"), zFormat);
    xfree(zFormat);
  }
  const json_t *aAdopted = json_object_get(s, "adopted");
  for (size_t k = 0; k < json_array_size(aAdopted); k++) {
    const char *zDoc = dflt(json_string_value(json_array_get(aAdopted, k)), "");
    if (!k) buf_printf(&t, "\n%s:", _("Adopted"));
    buf_printf(&t, "%s%s", k ? "\n  " : " ", publish_name(c->pDocs, zDoc, "title"));
  }
  buf_printf(&t, "\n%s: /sessions/%s", _("Record"), e->zId);
  ics_prop(c->pOut, "DESCRIPTION", t.z);
  ics_event_end(c->pOut, "session", "STATUS:CONFIRMED");
  buf_free(&t);
}

/* The next session it announced, unless that one is recorded. */
static void ics_session_next(const Ics *c, const IcsSession *e) {
  const json_t *pNext = json_object_get(e->s, "next");
  pdate next = date_of(json_object_get(pNext, "date"));
  if (next == DATE_NONE || has_session_on(c->aSession, e->zBody, str(pNext, "date"))) return;
  Buf t = {0};
  ics_event_begin(c->pOut, "session", e->zId, "-next", str(e->pRow, "time"), next);
  buf_printf(&t, _("%s (announced)"), e->zBodyName);
  ics_prop(c->pOut, "SUMMARY", t.z);
  if (str(pNext, "place")) ics_prop(c->pOut, "LOCATION", str(pNext, "place"));
  buf_reset(&t);
  Buf day = {0};
  publish_date(&day, dflt(str(e->s, "date"), ""));
  buf_printf(&t, _("Next session of the %s of the %s, as announced at the session of %s."),
             e->zBodyName, e->zOrgName, day.z ? day.z : "");
  buf_printf(&t, "\n%s: /sessions/%s", _("Record"), e->zId);
  buf_free(&day);
  ics_prop(c->pOut, "DESCRIPTION", t.z);
  ics_event_end(c->pOut, "session", "STATUS:TENTATIVE");
  buf_free(&t);
}

/* One row of list_with_time of the sessions: its event and the next one
** it announced, if it has an id and a date and is of the organization. */
static void ics_session(const Ics *c, const json_t *pRow) {
  IcsSession e = {.pRow = pRow, .s = json_object_get(pRow, "value")};
  e.zId = str(e.s, "id");
  e.zBody = dflt(str(e.s, "body"), "");
  const char *zBodyOrg = dflt(str(json_object_get(c->pBodies, e.zBody), "organization"), "");
  if (c->zOrg && strcmp(c->zOrg, zBodyOrg) != 0) return;
  e.zBodyName = publish_name(c->pBodies, e.zBody, "name");
  e.zOrgName = publish_name(c->pOrgs, zBodyOrg, "name");
  e.day = date_of(json_object_get(e.s, "date"));
  if (!e.zId || e.day == DATE_NONE) return;
  ics_session_event(c, &e);
  ics_session_next(c, &e);
}

/* One row of list_with_time of the commitments: its deadline, if it has one
** and is of the organization. */
static void ics_commitment(const Ics *c, const json_t *pRow) {
  const json_t *v = json_object_get(pRow, "value");
  const char *zId = str(v, "id"), *zCOrg = dflt(str(v, "organization"), "");
  pdate deadline = date_of(json_object_get(v, "deadline"));
  if (!zId || deadline == DATE_NONE) return;
  if (c->zOrg && strcmp(c->zOrg, zCOrg) != 0) return;
  const char *zText = name_here(json_object_get(v, "text"), zId);
  Buf t = {0};
  ics_event_begin(c->pOut, "commitment", zId, "", str(pRow, "time"), deadline);
  buf_printf(&t, "%s: %s", _("Deadline"), zText);
  ics_prop(c->pOut, "SUMMARY", t.z);
  buf_reset(&t);
  buf_printf(&t, _("Commitment %s of the %s."), zId, publish_name(c->pOrgs, zCOrg, "name"));
  buf_printf(&t, "\n%s", zText);
  const json_t *aParty = json_object_get(json_object_get(v, "addressees"), "parties");
  for (size_t k = 0; k < json_array_size(aParty); k++) {
    if (!k) buf_printf(&t, "\n%s:", _("Addressees"));
    buf_printf(&t, "%s%s", k ? ", " : " ", dflt(json_string_value(json_array_get(aParty, k)), ""));
  }
  ics_prop(c->pOut, "DESCRIPTION", t.z);
  ics_event_end(c->pOut, "deadline", NULL);
  buf_free(&t);
}

void publish_ics(Db *pDb, const char *zOrg, Buf *pOut) {
  Ics c = {.pOut = pOut, .zOrg = zOrg};
  c.pBodies = entity_map(pDb, K_BODY, "id");
  c.pOrgs = entity_map(pDb, K_ORGANIZATION, "id");
  c.pDocs = entity_map(pDb, K_DOCUMENT, "id");
  c.aSession = list_with_time(pDb, K_SESSION);
  ics_head(&c);
  for (size_t i = 0; i < json_array_size(c.aSession); i++)
    ics_session(&c, json_array_get(c.aSession, i));
  json_t *aCommit = list_with_time(pDb, K_COMMITMENT);
  for (size_t i = 0; i < json_array_size(aCommit); i++)
    ics_commitment(&c, json_array_get(aCommit, i));
  ics_line(pOut, "END:VCALENDAR");
  json_decref(aCommit);
  json_decref(c.aSession);
  json_decref(c.pBodies);
  json_decref(c.pOrgs);
  json_decref(c.pDocs);
}
