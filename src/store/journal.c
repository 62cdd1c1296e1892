#include "journal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "canon.h"
#include "entity.h"
#include "derive.h"
#include "i18n.h"
#include "tlog.h"

int journal_begin(Journal *pJ, Db *pDb, const char *zActor) {
  memset(pJ, 0, sizeof(*pJ));
  pJ->pDb = pDb;
  pJ->zActor = zActor;
  if (db_try_begin(pDb) != SQLITE_OK) return -1;
  pJ->nextSeq = db_last_seq(pDb) + 1;
  time_t now = time(0);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(pJ->zTime, sizeof(pJ->zTime), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return 0;
}

/* The secondary indexes a bulk load builds after its rows are in: no
** statement of the load reads by them, and a sorted build is cheaper than
** an insert per row into each. */
static const char *const azBulkIndex[][2] = {
    {"actions_party", "CREATE INDEX actions_party ON actions(pid, did)"},
    {"membership_party", "CREATE INDEX membership_party ON membership(party)"},
};
#define N_BULK_INDEX (int)(sizeof(azBulkIndex) / sizeof(azBulkIndex[0]))

/* Leave the WAL for a rollback journal, which holds only the pages the
** registry had (few, in an empty one); the pages a load adds are written
** once, where a WAL writes them twice (to the log, then copied into the
** database). Only possible with no other connection: false then, and the
** WAL stays. Never waits for one. */
static bool leave_wal(Db *pDb) {
  sqlite3 *h = db_handle(pDb);
  sqlite3_busy_timeout(h, 0);
  sqlite3_stmt *p = 0;
  bool b = sqlite3_prepare_v2(h, "PRAGMA journal_mode=DELETE", -1, &p, 0) == SQLITE_OK &&
           sqlite3_step(p) == SQLITE_ROW &&
           strcmp((const char *)sqlite3_column_text(p, 0), "delete") == 0;
  sqlite3_finalize(p);
  sqlite3_busy_timeout(h, DB_BUSY_MS);
  return b;
}

/* Back to the WAL (db_open sets it again if another connection prevents it now). */
static void enter_wal(Db *pDb) {
  sqlite3 *h = db_handle(pDb);
  sqlite3_busy_timeout(h, 0);
  sqlite3_exec(h, "PRAGMA journal_mode=WAL", 0, 0, 0);
  sqlite3_busy_timeout(h, DB_BUSY_MS);
}

int journal_begin_bulk(Journal *pJ, Db *pDb, const char *zActor, int64_t nRecords) {
  /* The journal's length bounds the live entities from above, in one seek. */
  int64_t nBefore = db_last_seq(pDb);
  if (nRecords < 1024) return journal_begin(pJ, pDb, zActor);
  bool bRollbackMode = leave_wal(pDb);
  /* The indexes it builds are sorted through a file, not in memory beside
  ** the page cache (5 MB for 120,000 actions, growing with the load).
  ** Changed outside a transaction, where SQLite allows it. */
  db_exec(pDb, "PRAGMA temp_store=FILE");
  if (journal_begin(pJ, pDb, zActor)) {
    if (bRollbackMode) enter_wal(pDb);
    db_exec(pDb, "PRAGMA temp_store=MEMORY");
    return -1;
  }
  pJ->bRollbackMode = bRollbackMode;
  pJ->bTempFile = true;
  /* Into a registry as large or larger, rebuilding its indexes would cost
  ** more than keeping them. */
  if (nBefore * 4 > nRecords) return 0;
  sqlite3_stmt *p = db_stmt(pDb, "SELECT 1 FROM entity UNION ALL SELECT 1 FROM actions LIMIT 1");
  pJ->bFresh = !db_step_row(pDb, p);
  sqlite3_reset(p);
  /* A retracted entity's party or document row stays (derive.c). */
  p = db_stmt(pDb, "SELECT 1 FROM party UNION ALL SELECT 1 FROM document LIMIT 1");
  pJ->cache.bFresh = !db_step_row(pDb, p);
  sqlite3_reset(p);
  pJ->bBulk = true;
  for (int i = 0; i < N_BULK_INDEX; i++) {
    char zSql[80];
    snprintf(zSql, sizeof(zSql), "DROP INDEX IF EXISTS %s", azBulkIndex[i][0]);
    db_exec(pDb, zSql);
  }
  return 0;
}

void journal_index(Journal *pJ) {
  if (!pJ->bBulk || pJ->bIndexed) return;
  for (int i = 0; i < N_BULK_INDEX; i++) db_exec(pJ->pDb, azBulkIndex[i][1]);
  pJ->bIndexed = true;
}

static void journal_end(Journal *pJ) {
  buf_free(&pJ->canon);
  buf_free(&pJ->record);
  derive_cache_reset(&pJ->cache);
  tlog_writer_discard(pJ->pLog);
  pJ->pLog = 0;
  if (pJ->bRollbackMode) enter_wal(pJ->pDb);
  pJ->bRollbackMode = false;
  if (pJ->bTempFile) db_exec(pJ->pDb, "PRAGMA temp_store=MEMORY");
  pJ->bTempFile = false;
}

void journal_commit(Journal *pJ) {
  journal_index(pJ);
  tlog_writer_flush(pJ->pLog); /* before COMMIT: log and journal commit together */
  db_commit(pJ->pDb);
  journal_end(pJ);
}

void journal_rollback(Journal *pJ) {
  db_rollback(pJ->pDb); /* the dropped indexes come back with it */
  journal_end(pJ);
}

/* Does the live entity's stored value equal the canonical bytes v? */
static bool same_value(Db *pDb, int64_t seq, const Buf *v) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT value FROM journal_entry WHERE seq=?1");
  sqlite3_bind_int64(p, 1, seq);
  bool same = db_step_row(pDb, p) && (size_t)sqlite3_column_bytes(p, 0) == v->n &&
              memcmp(sqlite3_column_blob(p, 0), v->z, v->n) == 0;
  sqlite3_reset(p);
  return same;
}

/* The transaction's row of journal_tx (actor and time), written with its
** first entry. */
static int64_t journal_tx(Journal *pJ) {
  if (pJ->tx) return pJ->tx;
  sqlite3_stmt *p = db_stmt(pJ->pDb, "INSERT INTO journal_tx(actor, time) VALUES(?1, ?2)");
  sqlite3_bind_text(p, 1, pJ->zActor, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 2, pJ->zTime, -1, SQLITE_STATIC);
  db_step_done(pJ->pDb, p);
  return pJ->tx = sqlite3_last_insert_rowid(db_handle(pJ->pDb));
}

void journal_record(Buf *r, int64_t seq, const char *zKind, const char *zKey, const char *zOp,
                    const char *zReason, const char *zActor, const char *zTime, const char *zValue,
                    size_t nValue) {
  buf_puts(r, "{\"actor\":");
  canon_string(r, zActor, strlen(zActor));
  buf_puts(r, ",\"key\":");
  canon_string(r, zKey, strlen(zKey));
  buf_puts(r, ",\"kind\":");
  canon_string(r, zKind, strlen(zKind));
  buf_puts(r, ",\"op\":");
  canon_string(r, zOp, strlen(zOp));
  if (zReason) { /* sorts between "op" and "seq" */
    buf_puts(r, ",\"reason\":");
    canon_string(r, zReason, strlen(zReason));
  }
  char zSeq[24];
  int k = (int)sizeof(zSeq);
  zSeq[--k] = 0;
  for (uint64_t n = (uint64_t)seq; n || k == (int)sizeof(zSeq) - 1; n /= 10)
    zSeq[--k] = (char)('0' + n % 10);
  buf_puts(r, ",\"seq\":");
  buf_puts(r, zSeq + k);
  buf_puts(r, ",\"time\":");
  canon_string(r, zTime, strlen(zTime));
  if (zValue) {
    buf_puts(r, ",\"value\":");
    buf_append(r, zValue, nValue);
  }
  buf_putc(r, '}');
}

void journal_record_sha256(const char *z, size_t n, char zHex[65]) {
  MerkleHash h;
  merkle_sha256(z, n, &h);
  hex_encode(h.a, MERKLE_HASH_SIZE, zHex);
}

/* Append the entry: its row, and its leaf (the one hash of its record) to
** the Merkle log. The record is {"actor","key","kind","op"[,"reason"],
** "seq","time"[,"value"]}, as the view journal(seq, record) rebuilds it. */
static int64_t journal_append(Journal *pJ, Kind kind, const char *zKey, const char *zOp,
                              const char *zReason, const Buf *pValue) {
  if (zReason && !*zReason) zReason = 0;
  sqlite3_stmt *p = db_stmt(pJ->pDb, "INSERT INTO journal_entry(seq, tx, kind, key, op, reason, "
                                     "value) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  sqlite3_bind_int64(p, 1, pJ->nextSeq);
  sqlite3_bind_int64(p, 2, journal_tx(pJ));
  sqlite3_bind_text(p, 3, kind_name(kind), -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 4, zKey, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 5, zOp, -1, SQLITE_STATIC);
  db_bind_nonempty(p, 6, zReason);
  if (pValue)
    sqlite3_bind_text(p, 7, pValue->z, (int)pValue->n, SQLITE_STATIC);
  else
    sqlite3_bind_null(p, 7);
  db_step_done(pJ->pDb, p);
  Buf *r = &pJ->record;
  buf_reset(r);
  journal_record(r, pJ->nextSeq, kind_name(kind), zKey, zOp, zReason, pJ->zActor, pJ->zTime,
                 pValue ? pValue->z : 0, pValue ? pValue->n : 0);
  MerkleHash leaf;
  merkle_leaf_hash(r->z, r->n, &leaf);
  tlog_journal_append(&pJ->pLog, pJ->pDb, pJ->nextSeq, &leaf);
  pJ->nAppended++;
  return pJ->nextSeq++;
}

static int64_t put(Journal *pJ, Kind kind, const char *zKey, const json_t *pValue, bool bNew) {
  Buf *v = &pJ->canon;
  buf_reset(v);
  if (canon_write(v, pValue)) panic("value of %s %s has no canonical form", kind_name(kind), zKey);
  int64_t seqOld = pJ->bFresh || bNew ? 0 : entity_seq(pJ->pDb, kind, zKey);
  if (seqOld && same_value(pJ->pDb, seqOld, v)) return 0;
  /* The derived rows first: a key taken for new that is live (put before in
  ** this transaction) is found by the entity's primary key. */
  if (!derive_put(pJ->pDb, &pJ->cache, kind, zKey, pValue, pJ->nextSeq, seqOld == 0)) {
    if (bNew) return -1;
    panic("%s %s is live, but was not found", kind_name(kind), zKey);
  }
  return journal_append(pJ, kind, zKey, "put", 0, v);
}

int64_t journal_put(Journal *pJ, Kind kind, const char *zKey, const json_t *pValue) {
  return put(pJ, kind, zKey, pValue, false);
}

int64_t journal_put_new(Journal *pJ, Kind kind, const char *zKey, const json_t *pValue) {
  return put(pJ, kind, zKey, pValue, true);
}

int64_t journal_retract(Journal *pJ, Kind kind, const char *zKey) {
  return journal_retract_reason(pJ, kind, zKey, 0);
}

int64_t journal_retract_reason(Journal *pJ, Kind kind, const char *zKey, const char *zReason) {
  if (!entity_seq(pJ->pDb, kind, zKey)) return 0;
  int64_t seq = journal_append(pJ, kind, zKey, "retract", zReason, 0);
  derive_retract(pJ->pDb, &pJ->cache, kind, zKey);
  return seq;
}

int64_t journal_rebuild(Db *pDb) {
  db_begin(pDb);
  derive_clear(pDb);
  DeriveCache cache = {{0}, {0}, false, {0}};
  sqlite3_stmt *p =
      db_stmt(pDb, "SELECT seq, kind, key, op, value FROM journal_entry ORDER BY seq");
  int64_t n = 0;
  while (db_step_row(pDb, p)) {
    int64_t seq = sqlite3_column_int64(p, 0);
    const char *zKind = (const char *)sqlite3_column_text(p, 1);
    const char *zKey = (const char *)sqlite3_column_text(p, 2);
    const char *zOp = (const char *)sqlite3_column_text(p, 3);
    Kind kind;
    if (!zKind || !zKey || !zOp || kind_parse(zKind, &kind))
      die(EXIT_INPUT, _("journal entry %lld is not a change record"), (long long)seq);
    if (strcmp(zOp, "put") == 0) {
      json_t *pValue =
          json_loadb(sqlite3_column_blob(p, 4), (size_t)sqlite3_column_bytes(p, 4), 0, 0);
      if (!pValue) die(EXIT_INPUT, _("journal entry %lld has no value"), (long long)seq);
      derive_put(pDb, &cache, kind, zKey, pValue, seq, false);
      json_decref(pValue);
    } else {
      derive_retract(pDb, &cache, kind, zKey);
    }
    n++;
  }
  sqlite3_reset(p);
  derive_refilled(pDb);
  /* The Merkle log is derived from the journal too: each record's leaf hash
  ** is its one hash, and a record that no longer gives its stored leaf is
  ** said here (and found by pacta verify against any checkpoint). */
  tlog_rebuild(pDb);
  db_commit(pDb);
  derive_cache_reset(&cache);
  return n;
}
