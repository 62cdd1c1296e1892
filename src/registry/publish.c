/*
** Publishing the record (publish.h): iCalendar, Atom, session minutes.
*/
#include "fields.h"
#include "publish.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "journal.h"
#include "kind.h"
#include "registry.h"

/* ---- Small helpers ------------------------------------------------------------ */

/* "in_force" as "in force", into a new string. */
static char *words(const char *z) {
  char *zOut = xstrdup(z ? z : "");
  for (char *q = zOut; *q; q++)
    if (*q == '_') *q = ' ';
  return zOut;
}

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

/* ---- iCalendar (RFC 5545) ----------------------------------------------------- */

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

static void ics_uid(Buf *pOut, const char *zKind, const char *zId, const char *zSuffix) {
  Buf l = {0};
  buf_printf(&l, "UID:%s-%s%s@pacta", zKind, zId, zSuffix);
  ics_line(pOut, l.z);
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

void publish_ics(Db *pDb, const char *zOrg, Buf *pOut) {
  json_t *pBodies = entity_map(pDb, K_BODY, "id");
  json_t *pOrgs = entity_map(pDb, K_ORGANIZATION, "id");
  json_t *pDocs = entity_map(pDb, K_DOCUMENT, "id");
  ics_line(pOut, "BEGIN:VCALENDAR");
  ics_line(pOut, "VERSION:2.0");
  ics_line(pOut, "PRODID:-//pacta//pacta " PACTA_VERSION "//EN");
  ics_line(pOut, "CALSCALE:GREGORIAN");
  ics_line(pOut, "METHOD:PUBLISH");
  {
    Buf l = {0};
    const json_t *pOrg = zOrg ? json_object_get(pOrgs, zOrg) : 0;
    buf_puts(&l, "pacta: sessions and deadlines");
    if (zOrg) buf_printf(&l, " of %s", name_en(json_object_get(pOrg, "name"), zOrg));
    ics_prop(pOut, "X-WR-CALNAME", l.z);
    buf_free(&l);
  }

  json_t *aSession = list_with_time(pDb, K_SESSION);
  for (size_t i = 0; i < json_array_size(aSession); i++) {
    const json_t *pRow = json_array_get(aSession, i);
    const json_t *s = json_object_get(pRow, "value");
    const char *zId = str(s, "id"), *zBody = dflt(str(s, "body"), "");
    const json_t *pBody = json_object_get(pBodies, zBody);
    const char *zBodyOrg = dflt(str(pBody, "organization"), "");
    if (zOrg && strcmp(zOrg, zBodyOrg) != 0) continue;
    const char *zBodyName = name_en(json_object_get(pBody, "name"), zBody);
    const char *zOrgName =
        name_en(json_object_get(json_object_get(pOrgs, zBodyOrg), "name"), zBodyOrg);
    pdate day = date_of(json_object_get(s, "date"));
    if (!zId || day == DATE_NONE) continue;
    Buf t = {0};
    ics_line(pOut, "BEGIN:VEVENT");
    ics_uid(pOut, "session", zId, "");
    ics_stamp(pOut, str(pRow, "time"));
    ics_day(pOut, day);
    buf_puts(&t, zBodyName);
    if (json_is_integer(json_object_get(s, "number")))
      buf_printf(&t, ", session %lld", (long long)json_integer_value(json_object_get(s, "number")));
    ics_prop(pOut, "SUMMARY", t.z);
    if (str(s, "place")) ics_prop(pOut, "LOCATION", str(s, "place"));
    buf_reset(&t);
    buf_printf(&t, "%s of the %s", zBodyName, zOrgName);
    if (str(s, "format")) {
      char *zFormat = words(str(s, "format"));
      buf_printf(&t, "\nFormat: %s", zFormat);
      free(zFormat);
    }
    const json_t *aAdopted = json_object_get(s, "adopted");
    for (size_t k = 0; k < json_array_size(aAdopted); k++) {
      const char *zDoc = dflt(json_string_value(json_array_get(aAdopted, k)), "");
      buf_printf(&t, "%s%s", k ? "\n  " : "\nAdopted: ",
                 name_en(json_object_get(json_object_get(pDocs, zDoc), "title"), zDoc));
    }
    buf_printf(&t, "\nRecord: /sessions/%s", zId);
    ics_prop(pOut, "DESCRIPTION", t.z);
    ics_prop(pOut, "CATEGORIES", "session");
    ics_line(pOut, "STATUS:CONFIRMED");
    ics_line(pOut, "TRANSP:TRANSPARENT");
    ics_line(pOut, "END:VEVENT");

    /* The next session it announced, unless that one is recorded. */
    const json_t *pNext = json_object_get(s, "next");
    pdate next = date_of(json_object_get(pNext, "date"));
    if (next != DATE_NONE && !has_session_on(aSession, zBody, str(pNext, "date"))) {
      ics_line(pOut, "BEGIN:VEVENT");
      ics_uid(pOut, "session", zId, "-next");
      ics_stamp(pOut, str(pRow, "time"));
      ics_day(pOut, next);
      buf_reset(&t);
      buf_printf(&t, "%s (announced)", zBodyName);
      ics_prop(pOut, "SUMMARY", t.z);
      if (str(pNext, "place")) ics_prop(pOut, "LOCATION", str(pNext, "place"));
      buf_reset(&t);
      buf_printf(&t,
                 "Next session of the %s of the %s, as announced at the session of %s.\n"
                 "Record: /sessions/%s",
                 zBodyName, zOrgName, dflt(str(s, "date"), ""), zId);
      ics_prop(pOut, "DESCRIPTION", t.z);
      ics_prop(pOut, "CATEGORIES", "session");
      ics_line(pOut, "STATUS:TENTATIVE");
      ics_line(pOut, "TRANSP:TRANSPARENT");
      ics_line(pOut, "END:VEVENT");
    }
    buf_free(&t);
  }
  json_decref(aSession);

  json_t *aCommit = list_with_time(pDb, K_COMMITMENT);
  for (size_t i = 0; i < json_array_size(aCommit); i++) {
    const json_t *pRow = json_array_get(aCommit, i);
    const json_t *c = json_object_get(pRow, "value");
    const char *zId = str(c, "id");
    pdate deadline = date_of(json_object_get(c, "deadline"));
    if (!zId || deadline == DATE_NONE) continue;
    if (zOrg && strcmp(zOrg, dflt(str(c, "organization"), "")) != 0) continue;
    const char *zText = name_en(json_object_get(c, "text"), zId);
    Buf t = {0};
    ics_line(pOut, "BEGIN:VEVENT");
    ics_uid(pOut, "commitment", zId, "");
    ics_stamp(pOut, str(pRow, "time"));
    ics_day(pOut, deadline);
    buf_printf(&t, "Deadline: %s", zText);
    ics_prop(pOut, "SUMMARY", t.z);
    buf_reset(&t);
    const char *zCOrg = dflt(str(c, "organization"), "");
    buf_printf(&t, "Commitment %s of the %s.\n%s", zId,
               name_en(json_object_get(json_object_get(pOrgs, zCOrg), "name"), zCOrg), zText);
    const json_t *aParty = json_object_get(json_object_get(c, "addressees"), "parties");
    for (size_t k = 0; k < json_array_size(aParty); k++)
      buf_printf(&t, "%s%s", k ? ", " : "\nAddressees: ",
                 dflt(json_string_value(json_array_get(aParty, k)), ""));
    ics_prop(pOut, "DESCRIPTION", t.z);
    ics_prop(pOut, "CATEGORIES", "deadline");
    ics_line(pOut, "TRANSP:TRANSPARENT");
    ics_line(pOut, "END:VEVENT");
    buf_free(&t);
  }
  json_decref(aCommit);
  ics_line(pOut, "END:VCALENDAR");
  json_decref(pBodies);
  json_decref(pOrgs);
  json_decref(pDocs);
}

/* ---- Atom (RFC 4287) ------------------------------------------------------------ */

#define FEED_MAX 100

typedef struct FeedEntry {
  char zUpdated[32];
  char *zXml;
  long long seq; /* tie break: later journal entries first */
} FeedEntry;

static int compare_entry(const void *pA, const void *pB) {
  const FeedEntry *a = pA, *b = pB;
  int c = strcmp(b->zUpdated, a->zUpdated);
  if (c) return c;
  return (b->seq > a->seq) - (b->seq < a->seq);
}

static void entry_add(FeedEntry **paEntry, int *pn, int *pnAlloc, const char *zUpdated,
                      long long seq, Buf *pXml) {
  if (*pn == *pnAlloc) {
    *pnAlloc = *pnAlloc ? 2 * *pnAlloc : 64;
    *paEntry = xrealloc(*paEntry, (size_t)*pnAlloc * sizeof(FeedEntry));
  }
  FeedEntry *e = &(*paEntry)[(*pn)++];
  snprintf(e->zUpdated, sizeof(e->zUpdated), "%s", zUpdated);
  e->zXml = pXml->z ? pXml->z : xstrdup("");
  e->seq = seq;
  memset(pXml, 0, sizeof(*pXml));
}

static void xml_elem(Buf *p, const char *zTag, const char *zText) {
  buf_printf(p, "<%s>", zTag);
  html_escape(p, zText ? zText : "");
  buf_printf(p, "</%s>", zTag);
}

void publish_atom(Db *pDb, const char *zParty, const char *zSelf, pdate today, Buf *pOut) {
  json_t *pParties = entity_map(pDb, K_PARTY, "code");
  json_t *pDocs = entity_map(pDb, K_DOCUMENT, "id");
  FeedEntry *aEntry = 0;
  int nEntry = 0, nAlloc = 0;

  /* Every journal entry that puts an action, latest first. Canonical JSON
  ** sorts the keys, so "kind" and "op" are adjacent in every record. */
  sqlite3_stmt *p = db_stmt(pDb, "SELECT seq, record FROM journal WHERE record LIKE "
                                 "'%\"kind\":\"action\",\"op\":\"put\"%' ORDER BY seq DESC");
  int nAction = 0;
  while (nAction < FEED_MAX && db_step_row(pDb, p)) {
    long long seq = sqlite3_column_int64(p, 0);
    json_t *pRec = json_loads((const char *)sqlite3_column_text(p, 1), 0, 0);
    const json_t *a = json_object_get(pRec, "value");
    if (!pRec || strcmp(dflt(str(pRec, "kind"), ""), "action") != 0 ||
        strcmp(dflt(str(pRec, "op"), ""), "put") != 0 || !json_is_object(a) ||
        (zParty && strcmp(zParty, dflt(str(a, "party"), "")) != 0)) {
      json_decref(pRec);
      continue;
    }
    const char *zCode = dflt(str(a, "party"), ""), *zDoc = dflt(str(a, "document"), "");
    const char *zPartyName =
        name_en(json_object_get(json_object_get(pParties, zCode), "name"), zCode);
    const char *zTitle = name_en(json_object_get(json_object_get(pDocs, zDoc), "title"), zDoc);
    char *zType = words(str(a, "type"));
    Buf title = {0}, x = {0};
    buf_printf(&title, "%s: %s of %s (%s)", zPartyName, zType, zTitle, dflt(str(a, "date"), ""));
    buf_puts(&x, "<entry>");
    xml_elem(&x, "title", title.z);
    buf_printf(&x, "<id>tag:pacta,2026:seq:%lld</id>", seq);
    xml_elem(&x, "updated", str(pRec, "time"));
    buf_puts(&x, "<link rel=\"alternate\" type=\"text/html\" href=\"/documents/");
    html_escape(&x, zDoc);
    buf_puts(&x, "\"/><category term=\"");
    html_escape(&x, str(a, "type"));
    buf_puts(&x, "\"/><author><name>");
    html_escape(&x, dflt(str(pRec, "actor"), "pacta"));
    buf_puts(&x, "</name></author>");
    buf_reset(&title);
    buf_printf(&title, "%s (%s): %s of %s, dated %s.", zPartyName, zCode, zType, zTitle,
               dflt(str(a, "date"), ""));
    if (str(a, "effective")) buf_printf(&title, " Effective %s.", str(a, "effective"));
    if (str(a, "text")) buf_printf(&title, "\n\n%s", str(a, "text"));
    if (str(a, "note")) buf_printf(&title, "\n\nNote: %s", str(a, "note"));
    buf_printf(&title, "\n\nJournal entry %lld.", seq);
    buf_puts(&x, "<content type=\"text\">");
    html_escape(&x, title.z);
    buf_puts(&x, "</content></entry>\n");
    entry_add(&aEntry, &nEntry, &nAlloc, dflt(str(pRec, "time"), ""), seq, &x);
    nAction++;
    free(zType);
    buf_free(&title);
    json_decref(pRec);
  }
  sqlite3_reset(p);

  /* Entries into force reached by today. */
  const char *zDoc;
  json_t *pDoc;
  json_object_foreach(pDocs, zDoc, pDoc) {
    Buf err = {0};
    json_t *pSt = query_status(pDb, zDoc, today, &err);
    buf_free(&err);
    pdate eif = date_of(json_object_get(pSt, "entry_into_force"));
    bool bMine = !zParty;
    const json_t *aRow = json_object_get(pSt, "parties");
    for (size_t i = 0; i < json_array_size(aRow) && !bMine; i++)
      bMine = strcmp(dflt(str(json_array_get(aRow, i), "party"), ""), zParty) == 0;
    if (eif != DATE_NONE && eif <= today && bMine) {
      char zDate[DATE_BUFSZ], zUpdated[32];
      date_format(eif, zDate);
      snprintf(zUpdated, sizeof(zUpdated), "%sT00:00:00Z", zDate);
      const char *zTitle = name_en(json_object_get(pDoc, "title"), zDoc);
      Buf title = {0}, x = {0};
      buf_printf(&title, "%s entered into force on %s", zTitle, zDate);
      buf_puts(&x, "<entry>");
      xml_elem(&x, "title", title.z);
      buf_puts(&x, "<id>tag:pacta,2026:entry-into-force:");
      html_escape(&x, zDoc);
      buf_puts(&x, "</id>");
      xml_elem(&x, "updated", zUpdated);
      buf_puts(&x, "<link rel=\"alternate\" type=\"text/html\" href=\"/documents/");
      html_escape(&x, zDoc);
      buf_puts(&x, "\"/><category term=\"entry_into_force\"/>"
                   "<author><name>pacta</name></author><content type=\"text\">");
      buf_puts(&title, ", as computed from its entry-into-force clause and the recorded actions.");
      html_escape(&x, title.z);
      buf_puts(&x, "</content></entry>\n");
      entry_add(&aEntry, &nEntry, &nAlloc, zUpdated, 0, &x);
      buf_free(&title);
    }
    json_decref(pSt);
  }

  if (nEntry) qsort(aEntry, (size_t)nEntry, sizeof(FeedEntry), compare_entry);
  int nShow = nEntry < FEED_MAX ? nEntry : FEED_MAX;
  buf_puts(pOut, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                 "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
  Buf t = {0};
  if (zParty) {
    buf_printf(&t, "%s: depositary notifications",
               name_en(json_object_get(json_object_get(pParties, zParty), "name"), zParty));
  } else {
    buf_puts(&t, "pacta: depositary notifications");
  }
  xml_elem(pOut, "title", t.z);
  buf_puts(pOut, "\n<id>tag:pacta,2026:feed");
  if (zParty) {
    buf_puts(pOut, ":party:");
    html_escape(pOut, zParty);
  }
  buf_puts(pOut, "</id>\n");
  xml_elem(pOut, "updated", nShow ? aEntry[0].zUpdated : "1970-01-01T00:00:00Z");
  buf_puts(pOut, "\n<link rel=\"self\" type=\"application/atom+xml\" href=\"");
  html_escape(pOut, zSelf);
  buf_puts(pOut, "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
  if (zParty) {
    buf_puts(pOut, "/parties/");
    html_escape(pOut, zParty);
  } else {
    buf_puts(pOut, "/");
  }
  buf_puts(pOut, "\"/>\n<author><name>pacta registry</name></author>\n"
                 "<generator version=\"" PACTA_VERSION "\">pacta</generator>\n");
  for (int i = 0; i < nShow; i++) buf_puts(pOut, aEntry[i].zXml);
  buf_puts(pOut, "</feed>\n");
  for (int i = 0; i < nEntry; i++) free(aEntry[i].zXml);
  free(aEntry);
  buf_free(&t);
  json_decref(pParties);
  json_decref(pDocs);
}

/* ---- Minutes ------------------------------------------------------------------ */

/* One writer for both forms, so HTML and Markdown say the same. */
typedef struct Doc {
  Buf *p;
  bool bMd;
  int nCol; /* columns of the open table */
} Doc;

static void md_escape(Buf *p, const char *z) {
  for (; z && *z; z++) {
    if (strchr("\\`*_[]<>|#", *z)) buf_putc(p, '\\');
    if (*z == '\n') {
      buf_putc(p, ' ');
      continue;
    }
    buf_putc(p, *z);
  }
}

static void doc_text(Doc *d, const char *z) {
  if (d->bMd)
    md_escape(d->p, z);
  else
    html_escape(d->p, z);
}

static void doc_link(Doc *d, const char *zText, const char *zPrefix, const char *zId) {
  if (!zId) {
    doc_text(d, zText);
    return;
  }
  if (d->bMd) {
    buf_putc(d->p, '[');
    md_escape(d->p, zText);
    buf_printf(d->p, "](%s", zPrefix);
    for (const char *z = zId; *z; z++) {
      if (*z == '(' || *z == ')' || *z == ' ')
        buf_printf(d->p, "%%%02X", (unsigned char)*z);
      else
        buf_putc(d->p, *z);
    }
    buf_putc(d->p, ')');
  } else {
    buf_puts(d->p, "<a href=\"");
    html_escape(d->p, zPrefix);
    html_escape(d->p, zId);
    buf_puts(d->p, "\">");
    html_escape(d->p, zText);
    buf_puts(d->p, "</a>");
  }
}

static void doc_h2(Doc *d, const char *zId, const char *z) {
  if (d->bMd) {
    buf_puts(d->p, "\n## ");
    md_escape(d->p, z);
    buf_puts(d->p, "\n\n");
  } else {
    buf_printf(d->p, "<h2 id=\"%s\">", zId);
    html_escape(d->p, z);
    buf_puts(d->p, "</h2>\n");
  }
}

static void doc_para_begin(Doc *d) {
  if (!d->bMd) buf_puts(d->p, "<p>");
}
static void doc_para_end(Doc *d) {
  buf_puts(d->p, d->bMd ? "\n\n" : "</p>\n");
}
static void doc_para(Doc *d, const char *z) {
  doc_para_begin(d);
  doc_text(d, z);
  doc_para_end(d);
}

static void doc_list_begin(Doc *d) {
  if (!d->bMd) buf_puts(d->p, "<ul>\n");
}
static void doc_item_begin(Doc *d) {
  buf_puts(d->p, d->bMd ? "- " : "<li>");
}
static void doc_item_end(Doc *d) {
  buf_puts(d->p, d->bMd ? "\n" : "</li>\n");
}
static void doc_list_end(Doc *d) {
  buf_puts(d->p, d->bMd ? "\n" : "</ul>\n");
}

/* zHeads: column names separated by '|'. */
static void doc_table_begin(Doc *d, const char *zCaption, const char *zHeads) {
  d->nCol = 0;
  if (d->bMd) {
    buf_puts(d->p, "|");
    for (const char *z = zHeads; *z;) {
      size_t n = strcspn(z, "|");
      buf_putc(d->p, ' ');
      buf_append(d->p, z, n);
      buf_puts(d->p, " |");
      d->nCol++;
      z += n;
      if (*z) z++;
    }
    buf_puts(d->p, "\n|");
    for (int i = 0; i < d->nCol; i++) buf_puts(d->p, " --- |");
    buf_puts(d->p, "\n");
  } else {
    buf_puts(d->p, "<table><caption>");
    html_escape(d->p, zCaption);
    buf_puts(d->p, "</caption><thead><tr>");
    for (const char *z = zHeads; *z;) {
      size_t n = strcspn(z, "|");
      buf_puts(d->p, "<th scope=\"col\">");
      buf_append(d->p, z, n);
      buf_puts(d->p, "</th>");
      z += n;
      if (*z) z++;
    }
    buf_puts(d->p, "</tr></thead><tbody>\n");
  }
}
static void doc_row_begin(Doc *d) {
  buf_puts(d->p, d->bMd ? "|" : "<tr>");
}
static void doc_cell_begin(Doc *d) {
  buf_puts(d->p, d->bMd ? " " : "<td>");
}
static void doc_cell_end(Doc *d) {
  buf_puts(d->p, d->bMd ? " |" : "</td>");
}
static void doc_cell(Doc *d, const char *z) {
  doc_cell_begin(d);
  doc_text(d, z ? z : "");
  doc_cell_end(d);
}
static void doc_row_end(Doc *d) {
  buf_puts(d->p, d->bMd ? "\n" : "</tr>\n");
}
static void doc_table_end(Doc *d) {
  buf_puts(d->p, d->bMd ? "\n" : "</tbody></table>\n");
}

static const char zMinutesStyle[] =
    "body{font:15px/1.5 Georgia,'Times New Roman',serif;color:#111;max-width:50rem;"
    "margin:1.5rem auto;padding:0 1rem}"
    "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .4rem;"
    "border-bottom:1px solid #999}"
    "table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}"
    "caption{text-align:left;font-style:italic;padding:.2rem 0}"
    "th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}"
    "thead th{background:#f0f0f0}"
    ".muted,.meta{color:#555}.meta{font-size:.9rem}.tools{font:14px system-ui,sans-serif;"
    "margin-bottom:1rem}a{color:#1d4e89}"
    "@media print{.tools{display:none}a{color:inherit;text-decoration:none}"
    "body{margin:0;max-width:none}}";

static bool str_in_array(const json_t *a, const char *z) {
  for (size_t i = 0; i < json_array_size(a); i++)
    if (strcmp(dflt(json_string_value(json_array_get(a, i)), ""), z) == 0) return true;
  return false;
}

bool publish_minutes(Db *pDb, const char *zSession, bool bMarkdown, Buf *pOut) {
  json_t *s = entity_get(pDb, K_SESSION, zSession);
  if (!s) return false;
  json_t *pBodies = entity_map(pDb, K_BODY, "id");
  json_t *pOrgs = entity_map(pDb, K_ORGANIZATION, "id");
  json_t *pParties = entity_map(pDb, K_PARTY, "code");
  json_t *pDocs = entity_map(pDb, K_DOCUMENT, "id");
  const char *zBody = dflt(str(s, "body"), "");
  const json_t *pBody = json_object_get(pBodies, zBody);
  const char *zBodyName = name_en(json_object_get(pBody, "name"), zBody);
  const char *zOrg = str(pBody, "organization");
  const char *zOrgName =
      name_en(json_object_get(json_object_get(pOrgs, dflt(zOrg, "")), "name"), dflt(zOrg, ""));
  const char *zDate = dflt(str(s, "date"), "");
  Doc doc = {pOut, bMarkdown, 0}, *d = &doc;
  Buf t = {0};
  buf_printf(&t, "Minutes of the %s", zBodyName);
  if (json_is_integer(json_object_get(s, "number")))
    buf_printf(&t, ", session %lld", (long long)json_integer_value(json_object_get(s, "number")));
  buf_printf(&t, ", %s", zDate);

  if (d->bMd) {
    buf_puts(pOut, "# ");
    md_escape(pOut, t.z);
    buf_puts(pOut, "\n\n");
  } else {
    buf_puts(pOut, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                   "<link rel=\"icon\" href=\"data:,\"><title>");
    html_escape(pOut, t.z);
    buf_printf(pOut, "</title><style>%s</style></head><body>", zMinutesStyle);
    buf_puts(pOut, "<div class=\"tools\"><nav aria-label=\"Main\"><a href=\"/\">pacta</a> \xc2\xb7 "
                   "<a href=\"/sessions/");
    html_escape(pOut, zSession);
    buf_puts(pOut, "\">Back to the session</a> \xc2\xb7 <a href=\"/sessions/");
    html_escape(pOut, zSession);
    buf_puts(pOut, "/minutes.md\">Markdown</a></nav></div><main id=\"main\"><h1>");
    html_escape(pOut, t.z);
    buf_puts(pOut, "</h1>\n");
  }

  /* The facts. */
  doc_list_begin(d);
  doc_item_begin(d);
  doc_text(d, "Organization: ");
  doc_link(d, zOrgName, "/organizations/", zOrg);
  doc_item_end(d);
  doc_item_begin(d);
  doc_text(d, "Body: ");
  doc_link(d, zBodyName, "/bodies/", zBody);
  doc_item_end(d);
  buf_reset(&t);
  buf_printf(&t, "Date: %s", zDate);
  doc_item_begin(d);
  doc_text(d, t.z);
  doc_item_end(d);
  buf_reset(&t);
  buf_printf(&t, "Place: %s", dflt(str(s, "place"), "not stated"));
  doc_item_begin(d);
  doc_text(d, t.z);
  doc_item_end(d);
  {
    char *zFormat = words(dflt(str(s, "format"), "not recorded"));
    buf_reset(&t);
    buf_printf(&t, "Format: %s", zFormat);
    free(zFormat);
  }
  doc_item_begin(d);
  doc_text(d, t.z);
  doc_item_end(d);
  doc_item_begin(d);
  doc_text(d, "Record: ");
  doc_link(d, zSession, "/sessions/", zSession);
  doc_item_end(d);
  doc_list_end(d);

  /* Attendance and level of representation. */
  const json_t *aAtt = json_object_get(s, "attendance");
  doc_h2(d, "attendance", "Attendance");
  if (json_array_size(aAtt)) {
    doc_table_begin(d, "Attendance and level of representation", "Party|Attendance|By|Role");
    for (size_t i = 0; i < json_array_size(aAtt); i++) {
      const json_t *a = json_array_get(aAtt, i);
      const char *zCode = dflt(str(a, "party"), "");
      char *zStatus = words(str(a, "status"));
      doc_row_begin(d);
      doc_cell_begin(d);
      buf_reset(&t);
      buf_printf(&t, "%s (%s)", party_name(pParties, zCode), zCode);
      doc_link(d, t.z, "/parties/", zCode);
      doc_cell_end(d);
      doc_cell(d, zStatus);
      doc_cell(d, str(a, "by"));
      doc_cell(d, str(a, "role"));
      doc_row_end(d);
      free(zStatus);
    }
    doc_table_end(d);
  } else {
    doc_para(d, "No attendance recorded.");
  }

  /* Absent: recorded absent, and members on the day the record does not
  ** mention. */
  doc_h2(d, "absent", "Absent");
  {
    Buf absent = {0}, missing = {0};
    for (size_t i = 0; i < json_array_size(aAtt); i++) {
      const json_t *a = json_array_get(aAtt, i);
      if (strcmp(dflt(str(a, "status"), ""), "absent") != 0) continue;
      buf_printf(&absent, "%s%s (%s)", absent.n ? ", " : "", party_name(pParties, str(a, "party")),
                 dflt(str(a, "party"), ""));
    }
    pdate day = date_of(json_object_get(s, "date"));
    if (day != DATE_NONE && zOrg) {
      Buf err = {0};
      json_t *pMem = query_members(pDb, zOrg, day, &err);
      buf_free(&err);
      const json_t *aMember = json_object_get(pMem, "members");
      for (size_t i = 0; i < json_array_size(aMember); i++) {
        const char *zCode = dflt(str(json_array_get(aMember, i), "party"), "");
        bool bListed = false;
        for (size_t k = 0; k < json_array_size(aAtt) && !bListed; k++)
          bListed = strcmp(dflt(str(json_array_get(aAtt, k), "party"), ""), zCode) == 0;
        if (!bListed)
          buf_printf(&missing, "%s%s (%s)", missing.n ? ", " : "", party_name(pParties, zCode),
                     zCode);
      }
      json_decref(pMem);
    }
    buf_reset(&t);
    buf_printf(&t, "Recorded as absent: %s.", absent.n ? absent.z : "none");
    doc_para(d, t.z);
    if (missing.n) {
      buf_reset(&t);
      buf_printf(&t,
                 "Members of the organization on that day whom the record does not mention: %s.",
                 missing.z);
      doc_para(d, t.z);
    }
    buf_free(&absent);
    buf_free(&missing);
  }

  /* Documents adopted: listed by the session, or naming it as theirs. */
  json_t *aAdopted = json_array();
  {
    const json_t *a = json_object_get(s, "adopted");
    for (size_t i = 0; i < json_array_size(a); i++)
      if (json_is_string(json_array_get(a, i))) json_array_append(aAdopted, json_array_get(a, i));
    const char *zDoc;
    json_t *pDoc;
    json_object_foreach(pDocs, zDoc, pDoc) {
      const char *zS = str(json_object_get(pDoc, "adopted"), "session");
      if (zS && strcmp(zS, zSession) == 0 && !str_in_array(aAdopted, zDoc))
        json_array_append_new(aAdopted, json_string(zDoc));
    }
  }
  doc_h2(d, "adopted", "Documents adopted");
  if (json_array_size(aAdopted)) {
    doc_list_begin(d);
    for (size_t i = 0; i < json_array_size(aAdopted); i++) {
      const char *zDoc = json_string_value(json_array_get(aAdopted, i));
      const json_t *pDoc = json_object_get(pDocs, zDoc);
      doc_item_begin(d);
      doc_link(d, name_en(json_object_get(pDoc, "title"), zDoc), "/documents/", zDoc);
      if (str(pDoc, "type")) {
        buf_reset(&t);
        buf_printf(&t, " (%s)", str(pDoc, "type"));
        doc_text(d, t.z);
      }
      doc_item_end(d);
    }
    doc_list_end(d);
  } else {
    doc_para(d, "None recorded.");
  }

  /* Actions dated the day of the session on the documents adopted at it. */
  doc_h2(d, "actions", "Actions taken at the session");
  int nAct = 0;
  for (size_t i = 0; i < json_array_size(aAdopted); i++) {
    const char *zDoc = json_string_value(json_array_get(aAdopted, i));
    Buf prefix = {0};
    buf_printf(&prefix, "%s|", zDoc);
    long long nTotal = 0;
    json_t *aAction = entity_page(pDb, K_ACTION, prefix.z, 0, 1000000, &nTotal);
    buf_free(&prefix);
    for (size_t k = 0; k < json_array_size(aAction); k++) {
      const json_t *a = json_array_get(aAction, k);
      if (strcmp(dflt(str(a, "date"), ""), zDate) != 0) continue;
      if (!nAct++) doc_table_begin(d, "Actions taken at the session", "Party|Action|Document|Note");
      char *zType = words(str(a, "type"));
      doc_row_begin(d);
      doc_cell_begin(d);
      buf_reset(&t);
      buf_printf(&t, "%s (%s)", party_name(pParties, str(a, "party")), dflt(str(a, "party"), ""));
      doc_link(d, t.z, "/parties/", str(a, "party"));
      doc_cell_end(d);
      doc_cell(d, zType);
      doc_cell_begin(d);
      doc_link(d, name_en(json_object_get(json_object_get(pDocs, zDoc), "title"), zDoc),
               "/documents/", zDoc);
      doc_cell_end(d);
      buf_reset(&t);
      if (str(a, "text")) buf_puts(&t, str(a, "text"));
      if (str(a, "note")) buf_printf(&t, "%s%s", t.n ? " " : "", str(a, "note"));
      doc_cell(d, t.z ? t.z : "");
      doc_row_end(d);
      free(zType);
    }
    json_decref(aAction);
  }
  if (nAct)
    doc_table_end(d);
  else
    doc_para(d, "None recorded.");

  /* Commitments given at the session. */
  doc_h2(d, "commitments", "Commitments given");
  {
    json_t *aCommit = entity_list(pDb, K_COMMITMENT, 0);
    int nC = 0;
    for (size_t i = 0; i < json_array_size(aCommit); i++) {
      const json_t *c = json_array_get(aCommit, i);
      const char *zS = str(json_object_get(c, "source"), "session");
      if (!zS || strcmp(zS, zSession) != 0) continue;
      if (!nC++) doc_table_begin(d, "Commitments given", "Commitment|Text|Addressees|Deadline");
      doc_row_begin(d);
      doc_cell_begin(d);
      doc_link(d, str(c, "id"), "/commitments/", str(c, "id"));
      doc_cell_end(d);
      doc_cell(d, name_en(json_object_get(c, "text"), ""));
      buf_reset(&t);
      const json_t *pAddr = json_object_get(c, "addressees");
      const json_t *aP = json_object_get(pAddr, "parties");
      for (size_t k = 0; k < json_array_size(aP); k++)
        buf_printf(&t, "%s%s", k ? ", " : "", dflt(json_string_value(json_array_get(aP, k)), ""));
      if (str(pAddr, "body"))
        buf_printf(&t, "%s%s", t.n ? "; " : "",
                   name_en(json_object_get(json_object_get(pBodies, str(pAddr, "body")), "name"),
                           str(pAddr, "body")));
      doc_cell(d, t.z ? t.z : "");
      doc_cell(d, dflt(str(c, "deadline"), "none"));
      doc_row_end(d);
    }
    if (nC)
      doc_table_end(d);
    else
      doc_para(d, "None recorded.");
    json_decref(aCommit);
  }

  /* Next session. */
  doc_h2(d, "next", "Next session");
  const json_t *pNext = json_object_get(s, "next");
  if (json_is_object(pNext) && (str(pNext, "date") || str(pNext, "place"))) {
    buf_reset(&t);
    buf_printf(&t, "Announced for %s", dflt(str(pNext, "date"), "a date not stated"));
    if (str(pNext, "place")) buf_printf(&t, " in %s", str(pNext, "place"));
    buf_puts(&t, ".");
    doc_para(d, t.z);
  } else {
    doc_para(d, "Not announced in the record.");
  }

  buf_reset(&t);
  buf_printf(&t,
             "Generated by pacta from the registry's record as of journal entry %lld; "
             "not an official record of the session.",
             (long long)db_last_seq(pDb));
  if (d->bMd) {
    buf_puts(pOut, "---\n\n_");
    md_escape(pOut, t.z);
    buf_puts(pOut, "_\n");
  } else {
    buf_puts(pOut, "<p class=\"meta\">");
    html_escape(pOut, t.z);
    buf_puts(pOut, "</p></main></body></html>\n");
  }
  buf_free(&t);
  json_decref(aAdopted);
  json_decref(pBodies);
  json_decref(pOrgs);
  json_decref(pParties);
  json_decref(pDocs);
  json_decref(s);
  return true;
}
