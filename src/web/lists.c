/*
** The filters of lists, one meaning for the API and the pages (lists.h).
*/
#include "lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "fields.h"
#include "i18n.h"
#include "journal.h"
#include "page.h"
#include "registry.h"

/* The argument zName into *pz (NULL when absent or empty). */
static void arg_of(Req *pReq, const char *zName, const char **pz) {
  *pz = req_value(pReq, zName);
}

/* A malformed argument zValue: the API's 400 in English, a page's
** translated; zFmt (marked N_) says "query parameter NAME: expected ...,
** got \"%s\"", as every route does. */
static void bad_arg(Req *pReq, Resp *r, const char *zFmt, const char *zValue) {
  if (strncmp(pReq->zPath, "/api/", 5) == 0) {
    resp_error(r, 400, "bad_parameter", zFmt, zValue);
  } else {
    Buf msg = {0};
    buf_printf(&msg, _(zFmt), zValue);
    utf8_sanitize(msg.z); /* it quotes the request */
    page_error(pReq, r, 400, _("Bad request"), msg.z);
    buf_free(&msg);
  }
}

static bool read_year(Req *pReq, Resp *r, int *pYear) {
  const char *z = req_value(pReq, "year");
  *pYear = 0;
  if (!z) return true;
  char *zEnd;
  long y = strtol(z, &zEnd, 10);
  if (*zEnd || y < 1 || y > 9999 || zEnd == z) {
    bad_arg(pReq, r, N_("query parameter year: expected a year from 1 to 9999, got \"%s\""), z);
    return false;
  }
  *pYear = (int)y;
  return true;
}

bool list_filter_read(Req *pReq, Resp *r, Kind kind, ListFilter *pF) {
  memset(pF, 0, sizeof(*pF));
  arg_of(pReq, "organization", &pF->zOrganization);
  arg_of(pReq, "document", &pF->zDocument);
  arg_of(pReq, "party", &pF->zParty);
  arg_of(pReq, "body", &pF->zBody);
  arg_of(pReq, "type", &pF->zType);
  arg_of(pReq, "commitment", &pF->zCommitment);
  arg_of(pReq, "kind", &pF->zKind);
  arg_of(pReq, "status", &pF->zStatus);
  if (kind == K_DOCUMENT && pF->zStatus && strcmp(pF->zStatus, "in_force") != 0 &&
      strcmp(pF->zStatus, "not_in_force") != 0) {
    bad_arg(pReq, r, N_("query parameter status: expected in_force or not_in_force, got \"%s\""),
            pF->zStatus);
    return false;
  }
  return read_year(pReq, r, &pF->year);
}

/* The date a record is listed by, for ?year=. */
static const char *date_of_record(const json_t *pRec) {
  const char *z = str(pRec, "date");
  if (!z) z = str(json_object_get(pRec, "adopted"), "date");
  if (!z) z = str(pRec, "from");
  if (!z) z = str(pRec, "founded");
  return z;
}

static bool same(const char *zWant, const char *zHave) {
  return !zWant || (zHave && strcmp(zWant, zHave) == 0);
}

bool list_filter_match(Db *pDb, Kind kind, const ListFilter *pF, const json_t *pRec) {
  if (!same(pF->zDocument, str(pRec, "document")) || !same(pF->zParty, str(pRec, "party")) ||
      !same(pF->zBody, str(pRec, "body")) || !same(pF->zType, str(pRec, "type")) ||
      !same(pF->zCommitment, str(pRec, "commitment")) || !same(pF->zKind, str(pRec, "kind")))
    return false;
  if (pF->year) {
    const char *z = date_of_record(pRec);
    if (!z || atoi(z) != pF->year) return false;
  }
  if (pF->zOrganization) {
    json_t *pBody = 0;
    const char *zOrg = str(pRec, "organization");
    if (kind == K_SESSION) {
      pBody = entity_get(pDb, K_BODY, dflt(str(pRec, "body"), ""));
      zOrg = str(pBody, "organization");
    }
    bool ok = same(pF->zOrganization, zOrg);
    json_decref(pBody);
    if (!ok) return false;
  }
  if (pF->zStatus && kind == K_DOCUMENT) {
    Buf err = {0};
    json_t *pStatus = query_status(pDb, dflt(str(pRec, "id"), ""), date_today(), &err);
    bool bInForce = json_is_true(json_object_get(pStatus, "in_force"));
    json_decref(pStatus);
    buf_free(&err);
    return bInForce == (strcmp(pF->zStatus, "in_force") == 0);
  }
  if (pF->zStatus && !same(pF->zStatus, str(pRec, "status"))) return false;
  return true;
}

static void put_arg(Buf *p, const char *zName, const char *zValue) {
  if (!zValue) return;
  buf_printf(p, "&%s=", zName);
  http_put_query_value(p, zValue);
}

void list_filter_query(Buf *p, const ListFilter *pF) {
  put_arg(p, "organization", pF->zOrganization);
  put_arg(p, "document", pF->zDocument);
  put_arg(p, "party", pF->zParty);
  put_arg(p, "body", pF->zBody);
  put_arg(p, "type", pF->zType);
  put_arg(p, "commitment", pF->zCommitment);
  put_arg(p, "kind", pF->zKind);
  put_arg(p, "status", pF->zStatus);
  if (pF->year) buf_printf(p, "&year=%d", pF->year);
}

json_t *list_all(Db *pDb, Kind kind, const ListFilter *pF) {
  json_t *aAll = entity_list(pDb, kind, 0);
  json_t *aOut = json_array();
  for (size_t i = 0; i < json_array_size(aAll); i++) {
    json_t *pRec = json_array_get(aAll, i);
    if (list_filter_match(pDb, kind, pF, pRec)) json_array_append(aOut, pRec);
  }
  json_decref(aAll);
  return aOut;
}

/* ---- Cursors: the last key read, base64url without padding ------------------ */

static const char zB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

void list_cursor_encode(Buf *p, const char *z, size_t n) {
  const unsigned char *u = (const unsigned char *)z;
  for (size_t i = 0; i < n; i += 3) {
    unsigned v = (unsigned)u[i] << 16 | (i + 1 < n ? (unsigned)u[i + 1] << 8 : 0) |
                 (i + 2 < n ? u[i + 2] : 0);
    buf_putc(p, zB64[v >> 18 & 63]);
    buf_putc(p, zB64[v >> 12 & 63]);
    if (i + 1 < n) buf_putc(p, zB64[v >> 6 & 63]);
    if (i + 2 < n) buf_putc(p, zB64[v & 63]);
  }
}

bool list_cursor_decode(const char *z, Buf *pOut) {
  unsigned v = 0;
  int nBit = 0;
  buf_reset(pOut);
  for (; *z; z++) {
    const char *pAt = strchr(zB64, *z);
    if (!pAt) return false;
    v = v << 6 | (unsigned)(pAt - zB64);
    nBit += 6;
    if (nBit >= 8) {
      nBit -= 8;
      buf_putc(pOut, (char)(v >> nBit & 0xff));
    }
  }
  buf_putc(pOut, 0);
  pOut->n--;
  return pOut->n == strlen(pOut->z) && pOut->n > 0;
}

/* ---- The journal ------------------------------------------------------------ */

bool journal_filter_read(Req *pReq, Resp *r, JournalFilter *pF) {
  memset(pF, 0, sizeof(*pF));
  arg_of(pReq, "kind", &pF->zKind);
  arg_of(pReq, "op", &pF->zOp);
  arg_of(pReq, "actor", &pF->zActor);
  if (pF->zOp && strcmp(pF->zOp, "put") != 0 && strcmp(pF->zOp, "retract") != 0) {
    bad_arg(pReq, r, N_("query parameter op: expected put or retract, got \"%s\""), pF->zOp);
    return false;
  }
  return read_year(pReq, r, &pF->year);
}

void journal_filter_query(Buf *p, const JournalFilter *pF) {
  put_arg(p, "kind", pF->zKind);
  put_arg(p, "op", pF->zOp);
  put_arg(p, "actor", pF->zActor);
  if (pF->year) buf_printf(p, "&year=%d", pF->year);
}

/* The filters' bindings of the journal statements below (?2 .. ?5). */
static void bind_journal_filter(sqlite3_stmt *p, const JournalFilter *pF, char *zYear) {
  db_bind_text(p, 2, pF->zKind);
  db_bind_text(p, 3, pF->zOp);
  db_bind_text(p, 4, pF->zActor);
  if (pF->year) {
    snprintf(zYear, 8, "%04d", pF->year);
    sqlite3_bind_text(p, 5, zYear, -1, SQLITE_STATIC);
  }
}

#define JOURNAL_WHERE                                                                              \
  "seq>?1 AND (?2 IS NULL OR kind=?2) AND (?3 IS NULL OR op=?3) "                                  \
  "AND (?4 IS NULL OR actor=?4) AND (?5 IS NULL OR substr(time,1,4)=?5)"

json_t *journal_page(Db *pDb, const JournalFilter *pF, long long offset, long long limit,
                     long long *pnTotal) {
  bool bBegun = db_read_begin(pDb);
  char zYear[8];
  bool bAll = !pF->zKind && !pF->zOp && !pF->zActor && !pF->year;
  sqlite3_stmt *p = bAll ? db_stmt(pDb, "SELECT count(*) FROM journal_entry")
                         : db_stmt(pDb, "SELECT count(*) FROM journal WHERE " JOURNAL_WHERE);
  if (!bAll) {
    sqlite3_bind_int64(p, 1, 0);
    bind_journal_filter(p, pF, zYear);
  }
  db_step_row(pDb, p);
  *pnTotal = sqlite3_column_int64(p, 0);
  sqlite3_reset(p);
  p = db_stmt(pDb, "SELECT record FROM journal WHERE " JOURNAL_WHERE
                   " ORDER BY seq DESC LIMIT ?6 OFFSET ?7");
  sqlite3_bind_int64(p, 1, 0);
  bind_journal_filter(p, pF, zYear);
  sqlite3_bind_int64(p, 6, limit);
  sqlite3_bind_int64(p, 7, offset);
  json_t *a = json_array();
  while (db_step_row(pDb, p)) {
    json_t *pRec = json_loads((const char *)sqlite3_column_text(p, 0), 0, 0);
    char zHash[65];
    journal_record_sha256((const char *)sqlite3_column_text(p, 0),
                          (size_t)sqlite3_column_bytes(p, 0), zHash);
    json_object_set_new(pRec, "sha256", json_string(zHash));
    json_array_append_new(a, pRec);
  }
  sqlite3_reset(p);
  db_read_end(pDb, bBegun);
  return a;
}

char *journal_record_href(const char *zKind, const char *zKey) {
  Kind kind;
  if (!zKind || !zKey || kind_parse(zKind, &kind) != 0) return 0;
  size_t nFirst = strcspn(zKey, "|");
  switch (kind) {
  case K_PARTY: return xprintf("/parties/%s", zKey);
  case K_ORGANIZATION: return xprintf("/organizations/%s", zKey);
  case K_BODY: return xprintf("/bodies/%s", zKey);
  case K_SESSION: return xprintf("/sessions/%s", zKey);
  case K_DOCUMENT: return xprintf("/documents/%s", zKey);
  case K_COMMITMENT: return xprintf("/commitments/%s", zKey);
  case K_ACTION: return xprintf("/documents/%.*s", (int)nFirst, zKey);
  case K_MEMBERSHIP:
  case K_CHAIRMANSHIP: return xprintf("/organizations/%.*s", (int)nFirst, zKey);
  case K_ASSESSMENT: return xprintf("/commitments/%.*s", (int)nFirst, zKey);
  default: return 0;
  }
}
