/*
** The journal: the one write path of the registry. Each change record puts
** or retracts one entity; it is serialized as canonical JSON with its
** sequence number, UTC time and actor, hashed with SHA-256 and appended.
** The derived tables are updated from the same record in the same
** transaction (derive.h), and `pacta rebuild` replays the journal into them.
**
** Seam for the verifiable log: journal_append is the single place where a
** leaf is born; a Merkle log appends the record's leaf hash right there,
** inside the caller's transaction.
*/
#ifndef PACTA_JOURNAL_H
#define PACTA_JOURNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "derive.h"
#include "kind.h"
#include "util.h"

typedef struct Journal {
  Db *pDb;
  const char *zActor;
  char zTime[24];  /* one UTC time for the whole transaction */
  int64_t nextSeq; /* sequence number of the next entry */
  int64_t tx;      /* its row of journal_tx, once it has appended */
  int nAppended;   /* entries appended in this transaction */
  Buf canon;       /* scratch */
  Buf record;      /* scratch */
  DeriveCache cache;
  struct TlogWriter *pLog; /* the Merkle log's open rows (tlog.h), written on commit */
  bool bFresh;             /* no live entity before this transaction: nothing to look up */
  bool bBulk;              /* journal_begin_bulk dropped the secondary indexes ... */
  bool bIndexed;           /* ... and built again */
  bool bRollbackMode;      /* the WAL left for a rollback journal; WAL again at the end */
  bool bTempFile;          /* sorts through temporary files; in memory again at the end */
} Journal;

/* Start a write transaction on pDb and prepare to append as zActor.
** Returns 0, or -1 when another writer held the registry past the busy
** timeout (nothing is open then). */
int journal_begin(Journal *pJ, Db *pDb, const char *zActor);
/* The same for a load of about nRecords (docs/architecture.md, "the bulk
** path"). From 1,024 records, the pages are written once (a rollback journal
** instead of the WAL, when no other connection has the registry open); into
** a registry of under a quarter as many entries, the secondary indexes are
** built after the rows are in; into an empty one, no record is looked up.
** The transaction is as all-or-nothing as journal_begin's. */
int journal_begin_bulk(Journal *pJ, Db *pDb, const char *zActor, int64_t nRecords);
/* Build the indexes a bulk transaction dropped, so the rows can be queried
** by them (the consistency checks); journal_commit does it if needed. */
void journal_index(Journal *pJ);
void journal_commit(Journal *pJ);
void journal_rollback(Journal *pJ);

/* Put one entity. If it exists with the same canonical value nothing is
** appended and 0 is returned; else the new entry's seq. */
int64_t journal_put(Journal *pJ, Kind kind, const char *zKey, const json_t *pValue);
/* The same for an entity the caller takes for not live (it looked, or the
** registry was empty): no lookup. Returns -1, having written nothing, when
** the entity is live after all (a second put of its key in this
** transaction). */
int64_t journal_put_new(Journal *pJ, Kind kind, const char *zKey, const json_t *pValue);

/* Retract one live entity; returns the new seq, or 0 if it does not exist. */
int64_t journal_retract(Journal *pJ, Kind kind, const char *zKey);
/* The same with the reason for it (NULL or empty: none), kept in the change
** record as "reason". */
int64_t journal_retract_reason(Journal *pJ, Kind kind, const char *zKey, const char *zReason);

/* Replay the whole journal into freshly emptied derived tables, and
** recompute the Merkle log from its records. Returns the number of entries
** replayed. */
int64_t journal_rebuild(Db *pDb);

/* Append to r the change record (canonical JSON) of one journal entry; zReason
** and zValue may be NULL. The view journal(seq, record) writes the same bytes. */
void journal_record(Buf *r, int64_t seq, const char *zKind, const char *zKey, const char *zOp,
                    const char *zReason, const char *zActor, const char *zTime, const char *zValue,
                    size_t nValue);

/* The SHA-256 of a record, in hex, as the journal's listings show it
** ("sha256"): the record's own digest, not its leaf hash. */
void journal_record_sha256(const char *z, size_t n, char zHex[65]);

#endif
