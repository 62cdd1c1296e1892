#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "fts.h"
#include "i18n.h"
#include "rules.h"
#include "util.h"

typedef struct CachedStmt {
  const char *zSql;
  sqlite3_stmt *pStmt;
} CachedStmt;

struct Db {
  sqlite3 *h;
  CachedStmt *aStmt;
  int nStmt, nAlloc;
  DbErrorHandler xOnError; /* NULL: die */
  void *pErrorArg;
};

/* A failed statement (busy past the timeout, disk full, I/O error): the
** command line stops with the message; the server's handler answers 503. */
void db_fail(Db *pDb, const char *zMsg) {
  if (pDb->xOnError) pDb->xOnError(pDb->pErrorArg, zMsg);
  die(EXIT_INPUT, _("database error: %s"), zMsg);
}

/* What a statement's failure with code rc says: another writer holding the
** registry past the timeout as the commands say it, anything else in
** SQLite's words. */
static const char *failure_text(Db *pDb, int rc) {
  if ((rc & 0xff) == SQLITE_BUSY)
    return _("the registry is busy (another writer holds it); try again");
  return sqlite3_errmsg(pDb->h);
}

void db_on_error(Db *pDb, DbErrorHandler xOnError, void *pArg) {
  pDb->xOnError = xOnError;
  pDb->pErrorArg = pArg;
}

void db_recover(Db *pDb) {
  for (int i = 0; i < pDb->nStmt; i++) sqlite3_reset(pDb->aStmt[i].pStmt);
  if (!sqlite3_get_autocommit(pDb->h)) sqlite3_exec(pDb->h, "ROLLBACK", 0, 0, 0);
}

/*
** Each migration takes the schema from version i to i+1. Only the journal
** holds facts; every other table is derived from it (see derive.c) and is
** emptied and refilled by `pacta rebuild`.
*/
static const char *const azMigration[] = {
    /* 1: the journal and the derived tables. */
    "CREATE TABLE journal(\n"
    "  seq INTEGER PRIMARY KEY,   -- 1, 2, 3 ... never reused\n"
    "  record TEXT NOT NULL,      -- canonical JSON (RFC 8785) of the entry\n"
    "  hash BLOB NOT NULL         -- SHA-256 of record\n"
    ");\n"
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;\n"
    /* Derived: the live entities and the journal entry that put each. */
    "CREATE TABLE entity(\n"
    "  kind INTEGER NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL,\n"
    "  PRIMARY KEY(kind, key)) WITHOUT ROWID;\n"
    "CREATE INDEX entity_seq ON entity(seq);\n"
    "CREATE TABLE party(\n"
    "  pid INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, is_org INTEGER NOT NULL);\n"
    "CREATE TABLE document(\n"
    "  did INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, organization TEXT NOT NULL);\n"
    "CREATE TABLE membership(\n"
    "  organization TEXT NOT NULL, party TEXT NOT NULL, kind INTEGER NOT NULL,\n"
    "  from_date INTEGER NOT NULL, to_date INTEGER,\n"
    "  PRIMARY KEY(organization, party, from_date)) WITHOUT ROWID;\n"
    "CREATE INDEX membership_party ON membership(party);\n"
    /* Dates are day numbers (date.h); type is the ActionType enum. */
    "CREATE TABLE actions(\n"
    "  did INTEGER NOT NULL, pid INTEGER NOT NULL, type INTEGER NOT NULL,\n"
    "  date INTEGER NOT NULL, effective INTEGER, subject_to_procedures INTEGER NOT NULL,\n"
    "  PRIMARY KEY(did, pid, type, date)) WITHOUT ROWID;\n"
    "CREATE INDEX actions_party ON actions(pid, did);\n",
    /* 2: API tokens. Not registry facts, so not in the journal: only the
    ** SHA-256 of each secret is kept. */
    "CREATE TABLE token(\n"
    "  name TEXT PRIMARY KEY, role TEXT NOT NULL, party TEXT,\n"
    "  hash BLOB NOT NULL UNIQUE, created TEXT NOT NULL, revoked TEXT);\n",
    /* 3: the verifiable log (tlog.c): the RFC 6962 tree over the journal,
    ** the complete subtree hashes of levels 0, 4, 8, ..., 1024 of one level
    ** per row (id = level << 48 | index >> 10); derived from the journal and
    ** filled on first use for older registries. And the signed checkpoints,
    ** for the server. */
    "CREATE TABLE tlog_hash(id INTEGER PRIMARY KEY, hashes BLOB NOT NULL);\n"
    "CREATE TABLE tlog_checkpoint(\n"
    "  id INTEGER PRIMARY KEY, size INTEGER NOT NULL, note TEXT NOT NULL,\n"
    "  created TEXT NOT NULL);\n",
    /* 4: full-text search (search.c, docs/search.md), derived from the
    ** journal: the words in an FTS5 table, what each row is and the values
    ** filtered on in a narrow table by the same rowid. A registry with
    ** entities is filled on first search. */
    "DROP TABLE IF EXISTS search; DROP TABLE IF EXISTS search_doc;\n"
    "CREATE VIRTUAL TABLE search USING fts5(title, text, tokenize='pacta');\n"
    "CREATE TABLE search_doc(\n"
    "  rid INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, label TEXT NOT NULL,\n"
    "  org TEXT, body TEXT, type TEXT, party TEXT, date TEXT);\n"
    "CREATE UNIQUE INDEX search_doc_key ON search_doc(kind, key);\n"
    "INSERT OR REPLACE INTO meta(key, value)\n"
    "  SELECT 'search_stale', '1' WHERE EXISTS(SELECT 1 FROM entity);\n",
    /* 5: search row ids carry the entity's seq, the kind and the
    ** organization's code (search.c), so the index is refilled. */
    "DROP TABLE search; DELETE FROM search_doc; DROP TABLE IF EXISTS search_org;\n"
    "CREATE VIRTUAL TABLE search USING fts5(title, text, tokenize='pacta', prefix='2 3 4');\n"
    "CREATE TABLE search_org(code INTEGER PRIMARY KEY, org TEXT NOT NULL UNIQUE);\n"
    "INSERT OR REPLACE INTO meta(key, value)\n"
    "  SELECT 'search_stale', '1' WHERE EXISTS(SELECT 1 FROM entity);\n",
    /* 6: a party's row holds its capital and cities too: refilled. */
    "INSERT OR REPLACE INTO meta SELECT 'search_stale', '1' FROM entity LIMIT 1;\n",
    /* 7: a document's full text and the texts of reservations and
    ** declarations are indexed: refilled. */
    "INSERT OR REPLACE INTO meta SELECT 'search_stale', '1' FROM entity LIMIT 1;\n",
    /* 8: signed-in sessions of the pages (auth.c): the SHA-256 of each
    ** cookie's secret, the token it stands for, when last seen (unix time).
    ** Not registry facts. */
    "CREATE TABLE IF NOT EXISTS session(\n"
    "  hash BLOB PRIMARY KEY, token TEXT NOT NULL, created INTEGER NOT NULL,\n"
    "  seen INTEGER NOT NULL) WITHOUT ROWID;\n",
    /* 9: no statement looks an entity up by its seq. */
    "DROP INDEX IF EXISTS entity_seq;\n",
    /* 10: the lean journal (docs/architecture.md): what cannot be derived,
    ** with actor and time once per transaction; no hash of its own (the
    ** record's one hash is its leaf hash, stored in the log). The change
    ** record, byte for byte as before, is the view journal's `record` (RFC
    ** 8785 strings are what json_quote writes), beside the columns filtered
    ** on. Moved over and checked record by record. */
    "ALTER TABLE journal RENAME TO journal_v1;\n"
    "CREATE TABLE journal_tx(\n"
    "  tx INTEGER PRIMARY KEY, actor TEXT NOT NULL, time TEXT NOT NULL);\n"
    "CREATE TABLE journal_entry(\n"
    "  seq INTEGER PRIMARY KEY,  -- 1, 2, 3 ... never reused\n"
    "  tx INTEGER NOT NULL,      -- the transaction: journal_tx\n"
    "  kind TEXT NOT NULL, key TEXT NOT NULL,\n"
    "  op TEXT NOT NULL,         -- put or retract\n"
    "  reason TEXT,              -- a retraction's, or NULL\n"
    "  value TEXT                -- a put's value, canonical JSON; NULL for a retraction\n"
    ");\n"
    "CREATE VIEW journal(seq, record, kind, key, op, actor, time) AS SELECT e.seq,\n"
    "  '{\"actor\":' || json_quote(t.actor) || ',\"key\":' || json_quote(e.key) ||\n"
    "  ',\"kind\":' || json_quote(e.kind) || ',\"op\":' || json_quote(e.op) ||\n"
    "  CASE WHEN e.reason IS NOT NULL THEN ',\"reason\":' || json_quote(e.reason) ELSE '' END ||\n"
    "  ',\"seq\":' || e.seq ||\n"
    "  ',\"time\":' || json_quote(t.time) || coalesce(',\"value\":' || e.value, '') || '}',\n"
    "  e.kind, e.key, e.op, t.actor, t.time FROM journal_entry e JOIN journal_tx t ON t.tx=e.tx;\n"
    "INSERT INTO journal_tx(actor, time)\n"
    "  SELECT json_extract(record, '$.actor'), json_extract(record, '$.time') FROM journal_v1\n"
    "  GROUP BY 1, 2 ORDER BY min(seq);\n"
    "CREATE INDEX journal_tx_at ON journal_tx(actor, time);\n"
    "INSERT INTO journal_entry(seq, tx, kind, key, op, reason, value)\n"
    "  SELECT j.seq, t.tx, json_extract(j.record, '$.kind'), json_extract(j.record, '$.key'),\n"
    "  json_extract(j.record, '$.op'), json_extract(j.record, '$.reason'),\n"
    "  CASE WHEN v > 0 THEN substr(j.record, v + 9, length(j.record) - v - 9) END\n"
    "  FROM (SELECT seq, record, instr(record, ',\"value\":') AS v FROM journal_v1) j\n"
    "  JOIN journal_tx t ON t.actor=json_extract(j.record, '$.actor')\n"
    "  AND t.time=json_extract(j.record, '$.time') ORDER BY j.seq;\n"
    "DROP INDEX journal_tx_at;\n"
    "CREATE TEMP TABLE journal_moved(\n"
    "  n INTEGER CONSTRAINT \"a journal record would change: not moved\" CHECK(n=0));\n"
    "INSERT INTO journal_moved SELECT count(*) FROM journal_v1 o\n"
    "  LEFT JOIN journal n ON n.seq=o.seq WHERE n.record IS NOT o.record;\n"
    "DROP TABLE journal_moved; DROP TABLE journal_v1;\n",
    /* 11: an action's row says whether its record holds a field the row
    ** does not (a text, a note, a reservation, an instrument date, a
    ** submission, a notification: derive.c), so that the document page
    ** reads only those records. Said of every live action (kind 7) from its
    ** value, as derive.c says it: the type by its number (ActionType), the
    ** date as days since 1970-01-01. */
    "ALTER TABLE actions ADD COLUMN more INTEGER NOT NULL DEFAULT 0;\n"
    "UPDATE actions SET more=1 WHERE (did, pid, type, date) IN (\n"
    "  SELECT d.did, p.pid, t.column1,\n"
    "  CAST(julianday(json_extract(j.value, '$.date')) - 2440587.5 AS INTEGER)\n"
    "  FROM entity e JOIN journal_entry j ON j.seq=e.seq\n"
    "  JOIN document d ON d.id=json_extract(j.value, '$.document')\n"
    "  JOIN party p ON p.code=json_extract(j.value, '$.party')\n"
    "  JOIN (VALUES(0, 'signature'), (1, 'definitive_signature'), (2, 'ratification'),\n"
    "  (3, 'acceptance'), (4, 'approval'), (5, 'accession'), (6, 'notification'),\n"
    "  (7, 'succession'), (8, 'provisional_application'), (9, 'reservation'),\n"
    "  (10, 'declaration'), (11, 'special_opinion'), (12, 'objection'),\n"
    "  (13, 'not_interested'), (14, 'withdrawal')) t ON t.column2=json_extract(j.value, '$.type')\n"
    "  WHERE e.kind=7 AND EXISTS(SELECT 1 FROM json_each(j.value) WHERE json_each.key NOT IN\n"
    "  ('document', 'party', 'type', 'date', 'effective', 'subject_to_procedures')));\n",
    /* 12: an action's row says which journal entry put it (seq), and an
    ** action has no entity row: its row in actions says where it lives
    ** (entity.c finds it by its key's parts). The rows are copied with the
    ** seq of the entity whose key is theirs (action_key, as derive.c and
    ** the journal write it), and checked: every action moved with its
    ** seq, every kind-7 entity matched by one. */
    "CREATE TABLE actions_v12(\n"
    "  did INTEGER NOT NULL, pid INTEGER NOT NULL, type INTEGER NOT NULL,\n"
    "  date INTEGER NOT NULL, effective INTEGER, subject_to_procedures INTEGER NOT NULL,\n"
    "  more INTEGER NOT NULL DEFAULT 0,\n"
    "  seq INTEGER NOT NULL,  -- the journal entry that put the live action\n"
    "  PRIMARY KEY(did, pid, type, date)) WITHOUT ROWID;\n"
    "INSERT INTO actions_v12(did, pid, type, date, effective, subject_to_procedures, more, seq)\n"
    "  SELECT a.did, a.pid, a.type, a.date, a.effective, a.subject_to_procedures, a.more, e.seq\n"
    "  FROM actions a JOIN document d ON d.did=a.did JOIN party p ON p.pid=a.pid\n"
    "  JOIN entity e ON e.kind=7 AND e.key=action_key(d.id, p.code, a.type, a.date)\n"
    "  ORDER BY a.did, a.pid, a.type, a.date;\n"
    "CREATE TEMP TABLE actions_moved(\n"
    "  n INTEGER CONSTRAINT \"an action has no journal entry: not moved\" CHECK(n=0));\n"
    "INSERT INTO actions_moved\n"
    "  SELECT (SELECT count(*) FROM actions) - (SELECT count(*) FROM actions_v12)\n"
    "  UNION ALL SELECT (SELECT count(*) FROM entity WHERE kind=7) -\n"
    "  (SELECT count(*) FROM actions_v12);\n"
    "DROP TABLE actions_moved; DROP TABLE actions;\n"
    "ALTER TABLE actions_v12 RENAME TO actions;\n"
    "CREATE INDEX actions_party ON actions(pid, did);\n"
    "DELETE FROM entity WHERE kind=7;\n"
    /* Documents in the order of their actions' keys ("doc-1|" before
    ** "doc|"), which is not the order of their ids. */
    "CREATE INDEX document_key ON document(id || '|');\n",
};

/* Migration 11 of a registry whose actions already say their seq (its
** version set back after migration 12): the records found through it. */
static const char zActionsMoreBySeq[] =
    "ALTER TABLE actions ADD COLUMN more INTEGER NOT NULL DEFAULT 0;\n"
    "UPDATE actions SET more=1 WHERE EXISTS(SELECT 1 FROM journal_entry j,\n"
    "  json_each(j.value) WHERE j.seq=actions.seq AND json_each.key NOT IN\n"
    "  ('document', 'party', 'type', 'date', 'effective', 'subject_to_procedures'));\n";

#define MIGRATION_LEAN_JOURNAL 9  /* the index of migration 10 */
#define MIGRATION_ACTIONS_MORE 10 /* the index of migration 11 */
#define MIGRATION_ACTIONS_SEQ 11  /* the index of migration 12 */

static bool journal_is_table(Db *pDb) {
  sqlite3_stmt *p;
  sqlite3_prepare_v2(pDb->h, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='journal'",
                     -1, &p, 0);
  bool b = sqlite3_step(p) == SQLITE_ROW;
  sqlite3_finalize(p);
  return b;
}

static bool actions_have(Db *pDb, const char *zColumn) {
  sqlite3_stmt *p;
  sqlite3_prepare_v2(pDb->h, "SELECT 1 FROM pragma_table_info('actions') WHERE name=?1", -1, &p, 0);
  sqlite3_bind_text(p, 1, zColumn, -1, SQLITE_STATIC);
  bool b = sqlite3_step(p) == SQLITE_ROW;
  sqlite3_finalize(p);
  return b;
}

#define N_MIGRATION ((int)(sizeof(azMigration) / sizeof(azMigration[0])))

/* Bring a registry of schema `version` (0: a new, empty file) up to this
** pacta's, in one transaction. */
static void migrate(Db *pDb, int version) {
  int nMigration = N_MIGRATION;
  if (version == nMigration) return;
  /* A registry made by an older pacta: its tables are rewritten once, in
  ** minutes for millions of actions; said, so that it is not taken for a
  ** hang and stopped (which would roll it back, to begin again). */
  if (version > 0) {
    fputs("pacta: ", stderr);
    fputs(_("upgrading the registry's tables for this version of pacta (once; minutes for "
            "millions of records)"),
          stderr);
    fputc('\n', stderr);
  }
  /* What a migration sorts (an index built, rows ordered) goes through a
  ** temporary file, not memory: millions of actions would take a gigabyte.
  ** Set outside a transaction, where SQLite allows it. */
  db_exec(pDb, "PRAGMA temp_store=FILE");
  db_begin(pDb);
  for (int i = version; i < nMigration; i++) {
    /* A journal already lean, or actions already saying whether they have
    ** more (a registry whose version was set back), stay. */
    if (i == MIGRATION_LEAN_JOURNAL && !journal_is_table(pDb)) continue;
    if (i == MIGRATION_ACTIONS_MORE && actions_have(pDb, "more")) continue;
    if (i == MIGRATION_ACTIONS_MORE && actions_have(pDb, "seq")) {
      db_exec(pDb, zActionsMoreBySeq);
      continue;
    }
    if (i == MIGRATION_ACTIONS_SEQ && actions_have(pDb, "seq")) continue;
    db_exec(pDb, azMigration[i]);
  }
  char zSql[64];
  snprintf(zSql, sizeof(zSql), "PRAGMA user_version=%d", nMigration);
  db_exec(pDb, zSql);
  db_commit(pDb);
  db_exec(pDb, "PRAGMA temp_store=MEMORY");
}

/* action_key(document id, party code, type, date): an action's entity key
** "DOC|PARTY|TYPE|DATE" from its row in actions (type as ActionType, date
** as a day number), as the journal names it; NULL for a type or date out of
** range. Keys order actions (entity.c). */
static void action_key_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  const char *zDoc = (const char *)sqlite3_value_text(argv[0]);
  int nDoc = sqlite3_value_bytes(argv[0]);
  const char *zParty = (const char *)sqlite3_value_text(argv[1]);
  int nParty = sqlite3_value_bytes(argv[1]);
  int type = sqlite3_value_int(argv[2]);
  const char *zType = type >= 0 && type < ACT__COUNT ? action_type_name((ActionType)type) : 0;
  if (!zDoc || !zParty || !zType || sqlite3_value_type(argv[3]) != SQLITE_INTEGER) return;
  /* By hand into a buffer: this runs for every action an export reads. */
  char zDate[DATE_BUFSZ];
  date_format((pdate)sqlite3_value_int(argv[3]), zDate);
  char zBuf[256];
  size_t nType = strlen(zType);
  if ((size_t)nDoc + (size_t)nParty + nType + DATE_BUFSZ + 3 > sizeof(zBuf)) {
    /* Longer than any ids are (documents' at most 64 bytes, codes 3). */
    sqlite3_result_text(ctx, sqlite3_mprintf("%s|%s|%s|%s", zDoc, zParty, zType, zDate), -1,
                        sqlite3_free);
    return;
  }
  char *z = zBuf;
  memcpy(z, zDoc, (size_t)nDoc);
  z += nDoc;
  *z++ = '|';
  memcpy(z, zParty, (size_t)nParty);
  z += nParty;
  *z++ = '|';
  memcpy(z, zType, nType);
  z += nType;
  *z++ = '|';
  size_t nDate = strlen(zDate);
  memcpy(z, zDate, nDate);
  z += nDate;
  sqlite3_result_text(ctx, zBuf, (int)(z - zBuf), SQLITE_TRANSIENT);
}

/* SQLite's process-wide settings, before its first use: no count of the
** memory it holds (nothing reads it), which would take a mutex on every
** allocation. */
static void db_configure(void) {
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* The schema version of the file just opened (PRAGMA user_version), read
** before anything is written to it: 0 for an empty file or another
** program's database (*pbEmpty: no tables at all, a new file). Dies for a
** file that is not SQLite, or one held by another writer past the timeout. */
static int schema_version(Db *pDb, const char *zPath, bool *pbEmpty) {
  sqlite3_stmt *p = 0;
  int rc = sqlite3_prepare_v2(pDb->h,
                              "SELECT (SELECT user_version FROM pragma_user_version),"
                              " NOT EXISTS(SELECT 1 FROM sqlite_master)",
                              -1, &p, 0);
  if (rc == SQLITE_OK) rc = sqlite3_step(p);
  int version = rc == SQLITE_ROW ? sqlite3_column_int(p, 0) : 0;
  *pbEmpty = rc == SQLITE_ROW && sqlite3_column_int(p, 1);
  sqlite3_finalize(p);
  if (rc == SQLITE_ROW) return version;
  if ((rc & 0xff) == SQLITE_NOTADB)
    die(EXIT_INPUT, _("%s: not a pacta registry (pass --db FILE)"), zPath);
  die(EXIT_INPUT, _("%s: cannot open: %s"), zPath, failure_text(pDb, rc));
}

Db *db_open(const char *zPath, bool bCreate) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, db_configure);
  struct stat st;
  bool bExists = stat(zPath, &st) == 0;
  if (!bCreate && !bExists)
    die(EXIT_INPUT, _("%s: no registry here (create one with 'pacta init', or pass --db FILE)"),
        zPath);
  if (bExists && S_ISDIR(st.st_mode))
    die(EXIT_INPUT, _("%s: a directory, not a registry (pass --db FILE)"), zPath);
  Db *pDb = xmalloc(sizeof(Db));
  memset(pDb, 0, sizeof(*pDb));
  /* One connection per thread, never shared: SQLite's own mutexes are not needed. */
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (bCreate ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(zPath, &pDb->h, flags, 0) != SQLITE_OK)
    die(EXIT_INPUT, _("%s: cannot open: %s"), zPath, sqlite3_errmsg(pDb->h));
  sqlite3_busy_timeout(pDb->h, DB_BUSY_MS);
  sqlite3_extended_result_codes(pDb->h, 1);
  /* Only pacta's registries are opened, and made only of a new file (init):
  ** an empty file or another program's database is refused untouched, not
  ** given pacta's tables (nor switched to WAL). */
  bool bEmpty;
  int version = schema_version(pDb, zPath, &bEmpty);
  if (version == 0 && !(bCreate && bEmpty))
    die(EXIT_INPUT, _("%s: not a pacta registry (pass --db FILE)"), zPath);
  if (version > N_MIGRATION)
    die(EXIT_INPUT, _("%s: the registry was made by a newer pacta (schema %d; this one knows %d)"),
        zPath, version, N_MIGRATION);
  int rc = sqlite3_exec(pDb->h, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;", 0, 0, 0);
  if (rc != SQLITE_OK) die(EXIT_INPUT, _("%s: cannot open: %s"), zPath, failure_text(pDb, rc));
  db_exec(pDb, "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;");
  db_cache_kib(pDb, DB_CACHE_KIB);
  if (fts_register(pDb->h) != SQLITE_OK) die(EXIT_INPUT, _("%s: SQLite without FTS5"), zPath);
  sqlite3_create_function(pDb->h, "action_key", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, 0,
                          action_key_func, 0, 0);
  migrate(pDb, version);
  return pDb;
}

void db_close(Db *pDb) {
  if (!pDb) return;
  for (int i = 0; i < pDb->nStmt; i++) sqlite3_finalize(pDb->aStmt[i].pStmt);
  xfree(pDb->aStmt);
  sqlite3_close(pDb->h);
  xfree(pDb);
}

sqlite3 *db_handle(Db *pDb) {
  return pDb->h;
}

sqlite3_stmt *db_stmt(Db *pDb, const char *zSql) {
  for (int i = 0; i < pDb->nStmt; i++) {
    if (pDb->aStmt[i].zSql == zSql) {
      sqlite3_stmt *p = pDb->aStmt[i].pStmt;
      sqlite3_reset(p);
      sqlite3_clear_bindings(p);
      return p;
    }
  }
  sqlite3_stmt *p;
  if (sqlite3_prepare_v3(pDb->h, zSql, -1, SQLITE_PREPARE_PERSISTENT, &p, 0) != SQLITE_OK)
    panic("prepare: %s\n%s", sqlite3_errmsg(pDb->h), zSql);
  if (pDb->nStmt == pDb->nAlloc) {
    pDb->nAlloc = pDb->nAlloc ? 2 * pDb->nAlloc : 32;
    /* The cache outlives the request that grows it (util.h: pools). */
    Pool *pPool = pool_pause();
    pDb->aStmt = xrealloc(pDb->aStmt, (size_t)pDb->nAlloc * sizeof(CachedStmt));
    pool_resume(pPool);
  }
  pDb->aStmt[pDb->nStmt++] = (CachedStmt){zSql, p};
  return p;
}

void db_exec(Db *pDb, const char *zSql) {
  char *zErr = 0;
  int rc = sqlite3_exec(pDb->h, zSql, 0, 0, &zErr);
  if (rc != SQLITE_OK) {
    char zMsg[256];
    snprintf(zMsg, sizeof(zMsg), "%s",
             zErr && (rc & 0xff) != SQLITE_BUSY ? zErr : failure_text(pDb, rc));
    sqlite3_free(zErr);
    db_fail(pDb, zMsg);
  }
}

int db_try_begin(Db *pDb) {
  return sqlite3_exec(pDb->h, "BEGIN IMMEDIATE", 0, 0, 0);
}

void db_begin(Db *pDb) {
  db_exec(pDb, "BEGIN IMMEDIATE");
}
void db_commit(Db *pDb) {
  db_exec(pDb, "COMMIT");
}
void db_rollback(Db *pDb) {
  sqlite3_exec(pDb->h, "ROLLBACK", 0, 0, 0);
}

bool db_read_begin(Db *pDb) {
  if (!sqlite3_get_autocommit(pDb->h)) return false;
  db_exec(pDb, "BEGIN");
  return true;
}
void db_read_end(Db *pDb, bool bBegun) {
  if (bBegun) db_exec(pDb, "COMMIT");
}

void db_step_done(Db *pDb, sqlite3_stmt *pStmt) {
  int rc = sqlite3_step(pStmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) db_fail(pDb, failure_text(pDb, rc));
  sqlite3_reset(pStmt);
}

bool db_step_row(Db *pDb, sqlite3_stmt *pStmt) {
  int rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) db_fail(pDb, failure_text(pDb, rc));
  return false;
}

void db_bind_text(sqlite3_stmt *p, int i, const char *z) {
  if (z)
    sqlite3_bind_text(p, i, z, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(p, i);
}

void db_bind_nonempty(sqlite3_stmt *p, int i, const char *z) {
  if (z && *z)
    sqlite3_bind_text(p, i, z, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(p, i);
}

void db_cache_kib(Db *pDb, int nKib) {
  char zSql[48];
  snprintf(zSql, sizeof(zSql), "PRAGMA cache_size=-%d", nKib);
  db_exec(pDb, zSql);
}

int64_t db_last_seq(Db *pDb) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT coalesce(max(seq), 0) FROM journal_entry");
  db_step_row(pDb, p);
  int64_t seq = sqlite3_column_int64(p, 0);
  sqlite3_reset(p);
  return seq;
}
