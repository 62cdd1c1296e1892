/*
** The API's lists, whole or a page at a time (lists.h): the collections
** GET /api/v1/{collection} and the journal GET /api/v1/journal, as JSON or
** CSV, with ?limit=N|all, ?offset=, ?cursor= (the next_cursor of the page
** before), the total in the answer and in X-Total-Count; and the whole
** registry, GET /api/v1/export, as `pacta export` writes it.
**
** A page (limit up to 10,000; the journal's 1,000) is made in memory and
** cached like any answer. A whole list (limit=all) and the export are
** streamed: the handler opens a connection of its own, begins one read
** transaction and counts there; each part is then read from that snapshot
** when libmicrohttpd asks for it (Resp.xStream), about 64 KiB at a time.
*/
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "interchange.h"
#include "journal.h"
#include "interchange_csv.h"
#include "kind.h"
#include "lists.h"
#include "routes.h"

#define PART_BYTES (1u << 16) /* a streamed part, at least */
#define STREAM_CACHE_KIB 2048 /* the page cache of a stream's own connection */

/* ---- The arguments every list takes ------------------------------------------ */

typedef struct ListArgs {
  long long limit; /* -1: all */
  long long offset;
  bool bCsv;
  Buf after; /* from ?cursor=, empty when none */
} ListArgs;

/* A cursor names its list ("documents:KEY", "journal:SEQ") so that one of
** another list is refused, not read as a key of this one (which began the
** page at some other place). */
static bool cursor_of_list(const char *zCursor, const char *zList, Buf *pAfter) {
  size_t n = strlen(zList);
  if (!list_cursor_decode(zCursor, pAfter)) return false;
  if (pAfter->n <= n + 1 || strncmp(pAfter->z, zList, n) != 0 || pAfter->z[n] != ':') return false;
  memmove(pAfter->z, pAfter->z + n + 1, pAfter->n - n);
  pAfter->n -= n + 1;
  return true;
}

static bool list_args(Req *pReq, Resp *r, const char *zList, long long nMax, ListArgs *a) {
  memset(a, 0, sizeof(*a));
  const char *zFormat = req_arg(pReq, "format");
  if (zFormat && strcmp(zFormat, "csv") != 0 && strcmp(zFormat, "json") != 0) {
    resp_error(r, 400, "bad_format", "query parameter format: expected json or csv");
    return false;
  }
  a->bCsv = zFormat && strcmp(zFormat, "csv") == 0;
  const char *zLimit = req_arg(pReq, "limit");
  if (zLimit && strcmp(zLimit, "all") == 0)
    a->limit = -1;
  else if (!req_int(pReq, r, "limit", 100, 1, nMax, &a->limit))
    return false;
  if (!req_int(pReq, r, "offset", 0, 0, 1LL << 40, &a->offset)) return false;
  const char *zCursor = req_arg(pReq, "cursor");
  if (zCursor && !cursor_of_list(zCursor, zList, &a->after)) {
    resp_error(r, 400, "bad_parameter",
               "query parameter cursor: expected the next_cursor of an earlier page of %s, "
               "got \"%s\"",
               zList, zCursor);
    buf_free(&a->after);
    return false;
  }
  return true;
}

/* ---- A list being written ------------------------------------------------------ */

typedef enum { SRC_ENTITY, SRC_JOURNAL } Source;

typedef struct ListOut {
  Source src;
  Db *pDb;   /* the request's (a page), or its own (a stream) */
  bool bOwn; /* pDb is the stream's: closed with it */
  jmp_buf *pOnError;
  Kind kind;
  ListFilter f; /* its strings in aOwned */
  JournalFilter jf;
  char *azOwned[12];
  char zYear[8];
  bool bFiltered; /* a filter beyond the key range: records are read to test it */
  Buf lo, hi;     /* the key range of a prefix (actions of one document) */
  sqlite3_stmt *pStmt;
  ActionScan *pScan; /* actions: read in key order through their rows, not pStmt */
  ListArgs a;
  long long nTotal, nSkipped, nOut;
  CsvKindWriter *w;
  int phase; /* 0 head, 1 rows, 2 tail, 3 done */
  Buf lastKey;
  bool bMore;
} ListOut;

static void release(ListOut *o, sqlite3_stmt *p);
static void close_rows(ListOut *o);

static const char *own(ListOut *o, int i, const char *z) {
  if (!z) return 0;
  o->azOwned[i] = xstrdup(z);
  return o->azOwned[i];
}

static void list_out_free(void *p) {
  ListOut *o = p;
  if (!o) return;
  close_rows(o);
  csv_writer_end(o->w);
  for (size_t i = 0; i < sizeof(o->azOwned) / sizeof(o->azOwned[0]); i++) xfree(o->azOwned[i]);
  buf_free(&o->lo);
  buf_free(&o->hi);
  buf_free(&o->a.after);
  buf_free(&o->lastKey);
  if (o->bOwn) {
    db_on_error(o->pDb, 0, 0);
    db_exec(o->pDb, "COMMIT");
    db_close(o->pDb);
  }
  xfree(o);
}

static void fail(ListOut *o, int rc) {
  db_fail(o->pDb, sqlite3_errstr(rc));
}

/* A statement of its own on a stream's connection (kept between parts);
** on the request's, the connection's cached one (zSql a literal), which the
** server resets if the request fails. */
static sqlite3_stmt *prepare(ListOut *o, const char *zSql) {
  if (!o->bOwn) return db_stmt(o->pDb, zSql);
  sqlite3_stmt *p;
  int rc = sqlite3_prepare_v2(db_handle(o->pDb), zSql, -1, &p, 0);
  if (rc != SQLITE_OK) panic("prepare: %s\n%s", sqlite3_errmsg(db_handle(o->pDb)), zSql);
  return p;
}

static void release(ListOut *o, sqlite3_stmt *p) {
  if (o->bOwn)
    sqlite3_finalize(p);
  else
    sqlite3_reset(p);
}

static bool step(ListOut *o, sqlite3_stmt *p) {
  int rc = sqlite3_step(p);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) fail(o, rc);
  return false;
}

#define JOURNAL_SQL                                                                                \
  "SELECT seq, record FROM journal WHERE seq>?1 AND (?2 IS NULL OR kind=?2) "                      \
  "AND (?3 IS NULL OR op=?3) AND (?4 IS NULL OR actor=?4) "                                        \
  "AND (?5 IS NULL OR substr(time,1,4)=?5) ORDER BY seq"

/* A statement over the list from the key zAfter (exclusive; "" from the start). */
static sqlite3_stmt *open_rows(ListOut *o, const char *zAfter) {
  sqlite3_stmt *p;
  if (o->src == SRC_JOURNAL) {
    p = prepare(o, JOURNAL_SQL);
    sqlite3_bind_int64(p, 1, *zAfter ? atoll(zAfter) : 0);
    db_bind_text(p, 2, o->jf.zKind);
    db_bind_text(p, 3, o->jf.zOp);
    db_bind_text(p, 4, o->jf.zActor);
    if (o->jf.year) {
      snprintf(o->zYear, sizeof(o->zYear), "%04d", o->jf.year);
      sqlite3_bind_text(p, 5, o->zYear, -1, SQLITE_STATIC);
    }
    return p;
  }
  if (o->kind == K_ACTION) { /* their rows in actions, in the same key order */
    o->pScan = xmalloc(sizeof(ActionScan));
    action_scan_open(o->pScan, o->pDb, o->lo.n ? o->lo.z : 0, o->lo.n ? o->hi.z : 0, zAfter);
    return 0;
  }
  if (o->lo.n) {
    p = prepare(o, "SELECT e.key, j.value FROM entity e JOIN journal_entry j ON j.seq=e.seq "
                   "WHERE e.kind=?1 AND e.key>=?2 AND e.key<?3 AND e.key>?4 ORDER BY e.key");
    sqlite3_bind_text(p, 2, o->lo.z, -1, SQLITE_STATIC);
    sqlite3_bind_text(p, 3, o->hi.z, -1, SQLITE_STATIC);
  } else {
    p = prepare(o, "SELECT e.key, j.value FROM entity e JOIN journal_entry j ON j.seq=e.seq "
                   "WHERE e.kind=?1 AND e.key>?4 ORDER BY e.key");
  }
  sqlite3_bind_int(p, 1, o->kind);
  sqlite3_bind_text(p, 4, zAfter, -1, SQLITE_TRANSIENT);
  return p;
}

/* The next row of p passing the filters: true, with the record (a new
** reference when it had to be read: filtered, or CSV) and its raw JSON. */
typedef struct Row {
  const char *zKey; /* the entity's key, or the journal's seq */
  const char *zRaw; /* the value (an entity) or the record (the journal) */
  size_t nRaw;
  json_t *pRec;
  char zHash[65];
} Row;

/* The rows open_rows began, let go (a statement, or a scan of actions). */
static void close_rows(ListOut *o) {
  if (o->pStmt) release(o, o->pStmt);
  o->pStmt = 0;
  if (o->pScan) action_scan_close(o->pScan);
  xfree(o->pScan);
  o->pScan = 0;
}

/* The next row of the statement, or of the scan of actions: its key and
** value (zKey and zRaw until the next call). */
static bool step_row(ListOut *o, sqlite3_stmt *p, const char **pzKey, const char **pzRaw,
                     size_t *pnRaw) {
  if (o->pScan) {
    if (!action_scan_next(o->pScan)) return false;
    *pzKey = action_scan_key(o->pScan);
    *pzRaw = o->pScan->zValue;
    *pnRaw = o->pScan->nValue;
    return true;
  }
  if (!step(o, p)) return false;
  *pzKey = (const char *)sqlite3_column_text(p, 0);
  *pzRaw = (const char *)sqlite3_column_text(p, 1);
  *pnRaw = (size_t)sqlite3_column_bytes(p, 1);
  return true;
}

static bool next_row(ListOut *o, sqlite3_stmt *p, bool bParse, Row *pRow) {
  memset(pRow, 0, sizeof(*pRow));
  const char *zKey, *z;
  size_t len;
  while (step_row(o, p, &zKey, &z, &len)) {
    if (o->src == SRC_JOURNAL) {
      pRow->zKey = zKey;
      pRow->zRaw = z;
      pRow->nRaw = len;
      journal_record_sha256(pRow->zRaw, pRow->nRaw, pRow->zHash);
      if (bParse) pRow->pRec = json_loadb(pRow->zRaw, pRow->nRaw, 0, 0);
      return true;
    }
    if (!z) continue;
    pRow->zKey = zKey;
    pRow->zRaw = z;
    pRow->nRaw = len;
    if (bParse || o->bFiltered) {
      pRow->pRec = json_loadb(pRow->zRaw, pRow->nRaw, 0, 0);
      if (!pRow->pRec) continue;
      if (o->bFiltered && !list_filter_match(o->pDb, o->kind, &o->f, pRow->pRec)) {
        json_decref(pRow->pRec);
        pRow->pRec = 0;
        continue;
      }
    }
    return true;
  }
  return false;
}

/* The total, and the languages of the CSV's columns: from SQL when no
** filter needs the records, else a first pass over them. */
static void count_rows(ListOut *o) {
  bool bSee = o->w && csv_writer_needs_records(o->w);
  /* One document's actions (or a party's in it) are counted as they are read. */
  bool bByRows = o->bFiltered || bSee || (o->kind == K_ACTION && o->lo.n);
  if (!bByRows) {
    sqlite3_stmt *p;
    if (o->src == SRC_JOURNAL) {
      p = prepare(o, "SELECT count(*) FROM journal_entry");
    } else if (o->kind == K_ACTION) {
      p = prepare(o, "SELECT count(*) FROM actions");
    } else if (o->lo.n) {
      p = prepare(o, "SELECT count(*) FROM entity WHERE kind=?1 AND key>=?2 AND key<?3");
      sqlite3_bind_text(p, 2, o->lo.z, -1, SQLITE_STATIC);
      sqlite3_bind_text(p, 3, o->hi.z, -1, SQLITE_STATIC);
    } else {
      p = prepare(o, "SELECT count(*) FROM entity WHERE kind=?1");
    }
    if (o->src != SRC_JOURNAL && o->kind != K_ACTION) sqlite3_bind_int(p, 1, o->kind);
    step(o, p);
    o->nTotal = sqlite3_column_int64(p, 0);
    release(o, p);
    return;
  }
  sqlite3_stmt *p = open_rows(o, "");
  o->pStmt = p; /* finalized by list_out_free if a step fails */
  Row row;
  while (next_row(o, p, bSee, &row)) {
    o->nTotal++;
    if (bSee) csv_writer_see(o->w, row.pRec);
    json_decref(row.pRec);
  }
  close_rows(o);
}

static void journal_csv_row(Buf *b, const Row *pRow) {
  static const char *const azCol[] = {"seq", "time", "actor", "op", "kind", "key", "reason"};
  for (size_t c = 0; c < sizeof(azCol) / sizeof(azCol[0]); c++) {
    const json_t *v = json_object_get(pRow->pRec, azCol[c]);
    char zNum[24];
    const char *z = json_is_string(v) ? json_string_value(v) : "";
    if (json_is_integer(v)) {
      snprintf(zNum, sizeof(zNum), "%lld", (long long)json_integer_value(v));
      z = zNum;
    }
    if (c) buf_putc(b, ',');
    if (strpbrk(z, ",\"\r\n")) {
      buf_putc(b, '"');
      for (; *z; z++) {
        if (*z == '"') buf_putc(b, '"');
        buf_putc(b, *z);
      }
      buf_putc(b, '"');
    } else {
      buf_puts(b, z);
    }
  }
  buf_printf(b, ",%s,", pRow->zHash);
  const json_t *pVal = json_object_get(pRow->pRec, "value");
  if (pVal) {
    char *zJ = json_dumps(pVal, JSON_COMPACT | JSON_SORT_KEYS);
    buf_putc(b, '"');
    for (const char *z = zJ; *z; z++) {
      if (*z == '"') buf_putc(b, '"');
      buf_putc(b, *z);
    }
    buf_putc(b, '"');
    xfree(zJ);
  }
  buf_puts(b, "\r\n");
}

static const char *section(const ListOut *o) {
  return o->src == SRC_JOURNAL ? "entries" : kind_section(o->kind);
}

/* Append the next part of the answer to b: 1, or 0 after the last. */
static int list_out_part(ListOut *o, Buf *b) {
  if (o->phase == 0) {
    if (o->a.bCsv) {
      if (o->src == SRC_JOURNAL)
        buf_puts(b, "seq,time,actor,op,kind,key,reason,sha256,value\r\n");
      else
        csv_writer_header(o->w, b);
    } else {
      buf_printf(b, "{\"%s\":[", section(o));
    }
    o->pStmt = open_rows(o, o->a.after.z ? o->a.after.z : "");
    o->phase = 1;
  }
  size_t nStart = b->n; /* a page appends every part to one buffer */
  while (o->phase == 1 && b->n - nStart < PART_BYTES) {
    Row row;
    bool bParse = o->a.bCsv || o->src == SRC_JOURNAL;
    if (!next_row(o, o->pStmt, bParse, &row)) {
      o->phase = 2;
      break;
    }
    if (o->nSkipped < o->a.offset) {
      o->nSkipped++;
    } else if (o->a.limit >= 0 && o->nOut == o->a.limit) {
      o->bMore = true; /* one more than the page: there is a next page */
      o->phase = 2;
    } else {
      if (o->a.bCsv && o->src == SRC_JOURNAL) {
        journal_csv_row(b, &row);
      } else if (o->a.bCsv) {
        csv_writer_row(o->w, row.pRec, b);
      } else {
        buf_puts(b, o->nOut ? ",\n" : "\n");
        if (o->src == SRC_JOURNAL) {
          buf_append(b, row.zRaw, row.nRaw - 1); /* the record, and its hash */
          buf_printf(b, ",\"sha256\":\"%s\"}", row.zHash);
        } else {
          buf_append(b, row.zRaw, row.nRaw);
        }
      }
      o->nOut++;
      buf_reset(&o->lastKey);
      buf_puts(&o->lastKey, row.zKey);
    }
    json_decref(row.pRec);
  }
  if (o->phase == 2) {
    close_rows(o);
    if (!o->a.bCsv) {
      buf_printf(b, "%s],\"total\":%lld,\"limit\":%lld,\"offset\":%lld", o->nOut ? "\n" : "",
                 o->nTotal, o->a.limit < 0 ? o->nTotal : o->a.limit, o->a.offset);
      if (o->src == SRC_JOURNAL) {
        sqlite3_stmt *p = prepare(o, "SELECT coalesce(max(seq),0) FROM journal_entry");
        step(o, p);
        buf_printf(b, ",\"last\":%lld", (long long)sqlite3_column_int64(p, 0));
        release(o, p);
      }
      if (o->bMore) {
        Buf cur = {0};
        buf_printf(&cur, "%s:%s", o->src == SRC_JOURNAL ? "journal" : section(o), o->lastKey.z);
        buf_puts(b, ",\"next_cursor\":\"");
        list_cursor_encode(b, cur.z, cur.n);
        buf_free(&cur);
        buf_putc(b, '"');
      }
      buf_puts(b, "}\n");
    }
    o->phase = 3;
  }
  return o->phase == 3 ? 0 : 1;
}

static void on_stream_error(void *pArg, const char *zMsg) {
  (void)zMsg;
  longjmp(*(jmp_buf *)pArg, 1);
}

/* Resp.xStream: a part, through the stream's own connection. */
static int list_out_stream(void *p, Buf *pOut) {
  ListOut *o = p;
  jmp_buf onError;
  if (setjmp(onError)) {
    o->phase = 3;
    return -1;
  }
  db_on_error(o->pDb, on_stream_error, &onError);
  int rc = list_out_part(o, pOut);
  db_on_error(o->pDb, 0, 0);
  return rc;
}

/* The stream's own connection, in one read transaction (its snapshot). */
static Db *open_snapshot(Req *pReq) {
  Pool *pPool = pool_pause(); /* the connection is the stream's, not the request's */
  Db *pDb = db_open(pReq->zDbPath, false);
  pool_resume(pPool);
  db_cache_kib(pDb, STREAM_CACHE_KIB);
  db_exec(pDb, "BEGIN");
  return pDb;
}

/* Answer the list o: made here (a page, cacheable), or streamed (whole). */
static void list_answer(Req *pReq, Resp *r, ListOut *o) {
  if (o->a.bCsv && o->src == SRC_ENTITY) o->w = csv_writer_begin(o->kind);
  r->status = 200;
  r->zType = o->a.bCsv ? "text/csv; charset=utf-8" : "application/json";
  buf_reset(&r->body);
  if (o->a.limit >= 0) {
    o->pDb = pReq->pDb; /* a failure is the request's: 503 */
    bool bBegun = db_read_begin(o->pDb);
    count_rows(o);
    while (list_out_part(o, &r->body)) {
    }
    db_read_end(o->pDb, bBegun);
    snprintf(r->zTotalCount, sizeof(r->zTotalCount), "%lld", o->nTotal);
    r->bCacheable = true;
    list_out_free(o);
    return;
  }
  /* The whole list: counted and read in the stream's snapshot. */
  o->pDb = open_snapshot(pReq);
  o->bOwn = true;
  jmp_buf onError;
  if (setjmp(onError)) {
    list_out_free(o);
    resp_error(r, 503, "unavailable", "the registry is busy or failing; try again");
    return;
  }
  db_on_error(o->pDb, on_stream_error, &onError);
  count_rows(o);
  db_on_error(o->pDb, 0, 0);
  snprintf(r->zTotalCount, sizeof(r->zTotalCount), "%lld", o->nTotal);
  r->xStream = list_out_stream;
  r->xStreamFree = list_out_free;
  r->pStream = o;
}

/* ---- The handlers ----------------------------------------------------------------- */

static bool section_kind(Resp *r, const char *zSection, Kind *pKind) {
  if (kind_parse(zSection, pKind) == 0 && strcmp(kind_section(*pKind), zSection) == 0) return true;
  resp_error(r, 404, "not_found", "no such collection: %s", zSection);
  return false;
}

/* An id or code with no '|' (which would widen a key range). */
static bool is_plain_id(const char *z) {
  return *z && !strchr(z, '|');
}

void api_get_list(Req *pReq, Resp *r) {
  Kind kind;
  if (!section_kind(r, pReq->azParam[0], &kind)) return;
  ListFilter f;
  if (!list_filter_read(pReq, r, kind, &f)) return;
  ListOut *o = xmalloc(sizeof(ListOut));
  memset(o, 0, sizeof(*o));
  if (!list_args(pReq, r, kind_section(kind), 10000, &o->a)) {
    xfree(o);
    return;
  }
  o->src = SRC_ENTITY;
  o->kind = kind;
  int i = 0;
  o->f.zOrganization = own(o, i++, f.zOrganization);
  o->f.zDocument = own(o, i++, f.zDocument);
  o->f.zParty = own(o, i++, f.zParty);
  o->f.zBody = own(o, i++, f.zBody);
  o->f.zType = own(o, i++, f.zType);
  o->f.zCommitment = own(o, i++, f.zCommitment);
  o->f.zKind = own(o, i++, f.zKind);
  o->f.zStatus = own(o, i++, f.zStatus);
  o->f.year = f.year;
  /* Actions are keyed "DOCUMENT|PARTY|TYPE|DATE": a document (and party)
  ** filter is a key range, so a list never reads all of millions of
  ** actions; any other filter reads the records to test them. */
  ListFilter rest = o->f;
  if (kind == K_ACTION && f.zDocument && is_plain_id(f.zDocument)) {
    buf_printf(&o->lo, "%s|", f.zDocument);
    rest.zDocument = 0;
    if (f.zParty && is_plain_id(f.zParty)) {
      buf_printf(&o->lo, "%s|", f.zParty);
      rest.zParty = 0;
    }
    buf_puts(&o->hi, o->lo.z);
    o->hi.z[o->hi.n - 1]++;
  }
  o->bFiltered = rest.zOrganization || rest.zDocument || rest.zParty || rest.zBody || rest.zType ||
                 rest.zCommitment || rest.zKind || rest.zStatus || rest.year;
  list_answer(pReq, r, o);
}

void api_get_journal(Req *pReq, Resp *r) {
  JournalFilter jf;
  if (!journal_filter_read(pReq, r, &jf)) return;
  ListOut *o = xmalloc(sizeof(ListOut));
  memset(o, 0, sizeof(*o));
  if (!list_args(pReq, r, "journal", 1000, &o->a)) {
    xfree(o);
    return;
  }
  long long after;
  if (!req_int(pReq, r, "after", 0, 0, 1LL << 62, &after)) {
    list_out_free(o);
    return;
  }
  if (!o->a.after.n && after) buf_printf(&o->a.after, "%lld", after);
  if (o->a.after.n && strspn(o->a.after.z, "0123456789") != o->a.after.n) {
    resp_error(r, 400, "bad_parameter",
               "query parameter cursor: expected the next_cursor of an earlier page of journal, "
               "got \"%s\"",
               req_arg(pReq, "cursor"));
    list_out_free(o);
    return;
  }
  o->src = SRC_JOURNAL;
  o->jf.zKind = own(o, 0, jf.zKind);
  o->jf.zOp = own(o, 1, jf.zOp);
  o->jf.zActor = own(o, 2, jf.zActor);
  o->jf.year = jf.year;
  o->bFiltered = jf.zKind || jf.zOp || jf.zActor || jf.year;
  list_answer(pReq, r, o);
}

/* ---- The whole registry ---------------------------------------------------------- */

typedef struct ExportOut {
  Db *pDb;
  ExportJson x;
} ExportOut;

static void export_free(void *p) {
  ExportOut *e = p;
  buf_free(&e->x.after);
  interchange_export_json_free(&e->x);
  db_on_error(e->pDb, 0, 0);
  db_exec(e->pDb, "COMMIT");
  db_close(e->pDb);
  xfree(e);
}

static int export_stream(void *p, Buf *pOut) {
  ExportOut *e = p;
  jmp_buf onError;
  if (setjmp(onError)) return -1;
  db_on_error(e->pDb, on_stream_error, &onError);
  bool bMore = interchange_export_json_next(e->pDb, &e->x, pOut, PART_BYTES);
  db_on_error(e->pDb, 0, 0);
  return bMore ? 1 : 0;
}

/* GET /api/v1/export: `pacta export`, byte for byte, with the journal's
** last sequence number as its ETag. */
void api_get_export(Req *pReq, Resp *r) {
  ExportOut *e = xmalloc(sizeof(ExportOut));
  memset(e, 0, sizeof(*e));
  e->pDb = open_snapshot(pReq);
  jmp_buf onError;
  if (setjmp(onError)) {
    db_close(e->pDb);
    xfree(e);
    resp_error(r, 503, "unavailable", "the registry is busy or failing; try again");
    return;
  }
  db_on_error(e->pDb, on_stream_error, &onError);
  long long seq = (long long)db_last_seq(e->pDb);
  db_on_error(e->pDb, 0, 0);
  r->status = 200;
  r->zType = "application/json";
  snprintf(r->zEtag, sizeof(r->zEtag), "\"export-%lld\"", seq);
  r->xStream = export_stream;
  r->xStreamFree = export_free;
  r->pStream = e;
}
