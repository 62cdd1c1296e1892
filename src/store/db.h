/*
** The SQLite layer: opening a registry, schema migrations keyed on
** PRAGMA user_version, and a per-connection cache of prepared statements.
** One Db per thread; nothing here is shared between connections.
*/
#ifndef PACTA_DB_H
#define PACTA_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct Db Db;

/* Open the registry at zPath and bring its schema up to date; with bCreate,
** make one of a new file (none there yet, or an empty one). Anything else
** that is not a pacta registry (another program's SQLite database, an empty
** file without bCreate, a directory) is refused untouched. Dies with a clear
** message, in the current language, on failure. */
Db *db_open(const char *zPath, bool bCreate);
void db_close(Db *pDb);
sqlite3 *db_handle(Db *pDb);

/* A prepared statement for zSql, reset and with bindings cleared, reused on
** later calls with the same SQL text (keyed by the pointer: pass literals). */
sqlite3_stmt *db_stmt(Db *pDb, const char *zSql);

/* Who hears of a failed statement. The handler must not return (the
** server's longjmps out of the request); without one pacta dies with the
** message. */
typedef void (*DbErrorHandler)(void *pArg, const char *zMsg);
void db_on_error(Db *pDb, DbErrorHandler xOnError, void *pArg);
/* Fail as a statement does: the handler (the server: 503, rolled back),
** else die with the message. */
void db_fail(Db *pDb, const char *zMsg);
/* After a handled failure: reset every statement, roll back. */
void db_recover(Db *pDb);

/* Run SQL with no result rows; dies on error (an error here is a bug). */
void db_exec(Db *pDb, const char *zSql);

/* The size of SQLite's page cache in KiB: DB_CACHE_KIB from db_open; a bulk
** load sets less (a cache over its pages only holds memory, measured no
** faster) and puts it back. */
#define DB_CACHE_KIB 65536
/* How long a statement waits for another writer before SQLITE_BUSY. */
#define DB_BUSY_MS 5000
void db_cache_kib(Db *pDb, int nKib);

void db_begin(Db *pDb);
/* BEGIN IMMEDIATE without dying: SQLITE_OK, or SQLITE_BUSY when another
** writer held the registry past the busy timeout. */
int db_try_begin(Db *pDb);
void db_commit(Db *pDb);
void db_rollback(Db *pDb);
/* A read transaction around several statements: one snapshot, one lock.
** Begins one unless a transaction is open; true when it did (pass that to
** db_read_end). */
bool db_read_begin(Db *pDb);
void db_read_end(Db *pDb, bool bBegun);

/* Step a statement expected to finish; dies on error. */
void db_step_done(Db *pDb, sqlite3_stmt *pStmt);
/* Step a statement; returns true on a row, false when done; dies on error. */
bool db_step_row(Db *pDb, sqlite3_stmt *pStmt);

/* Bind helpers that treat NULL / DATE_NONE as SQL NULL. */
void db_bind_text(sqlite3_stmt *p, int i, const char *z);
/* A text that must outlive the statement's step, NULL or empty as SQL NULL. */
void db_bind_nonempty(sqlite3_stmt *p, int i, const char *z);

/* The last sequence number in the journal (0 when empty). */
int64_t db_last_seq(Db *pDb);

#endif
