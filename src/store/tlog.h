/*
** The verifiable log: the journal as an RFC 6962 Merkle tree (merkle.h),
** stored in the registry next to the journal and written in the same
** transaction (design.md section 8, docs/verifiable-log.md).
**
** Leaf i (0-based) is journal entry seq i + 1: exactly its `record` bytes.
** Table tlog_hash holds the complete subtree hashes of every fourth level
** (0, 4, 8, ...), consecutive hashes of one level per row: 1024 of the
** leaves, 32 of a level above them (row id = level << 48 | index >>
** tlog_row_bits(level)); any other node is hashed from at most 8 of the
** level below it in one row, so a proof costs O(log n) reads and an append
** writes about 34 bytes. Signed
** checkpoints are kept in tlog_checkpoint so the server can serve them
** without holding a key.
*/
#ifndef PACTA_TLOG_H
#define PACTA_TLOG_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include <jansson.h>

#include "util.h"
#include "merkle.h"

#define TLOG_ROW_BITS 10      /* 1 << TLOG_ROW_BITS hashes per row of the leaves */
#define TLOG_UPPER_ROW_BITS 5 /* ... and of a level above them */
#define TLOG_STRIDE 4         /* levels stored: multiples of TLOG_STRIDE (divides 8, for tiles) */
#define TLOG_LEVEL_SHIFT 48

typedef struct TlogWriter TlogWriter;

/* log2 of the hashes a full row of `level` holds. */
static inline unsigned tlog_row_bits(unsigned level) {
  return level ? TLOG_UPPER_ROW_BITS : TLOG_ROW_BITS;
}

/* The number of leaves in the stored log. */
uint64_t tlog_size(Db *pDb);

/* Append the leaf of journal entry seq (just inserted, in the caller's
** transaction), first catching up on older entries if the registry
** predates the log (a migrated registry). Dies if the log is ahead of the
** journal. Writes its rows at once. */
void tlog_append_record(Db *pDb, int64_t seq, const char *zRecord, size_t nRecord);

/* The same for journal_append, which hashed the record (its leaf hash,
** the record's one hash): *ppW is the transaction's writer, opened on the
** first entry, so rows are written when full and on tlog_writer_flush,
** which journal_commit calls before COMMIT; a rollback discards it
** (tlog_writer_discard). */
void tlog_journal_append(TlogWriter **ppW, Db *pDb, int64_t seq, const MerkleHash *pLeaf);

/* Bring the log up to the journal, in its own transaction when one is
** needed (a registry made before the log existed). Returns the size. */
uint64_t tlog_sync(Db *pDb);

/* Inside the caller's transaction: recompute the whole log from the
** journal records (pacta rebuild). Returns the number of leaves. Warns on
** stderr when the stored log differed, or a stored checkpoint no longer
** matches the journal. */
uint64_t tlog_rebuild(Db *pDb);

/*
** A batched writer: appends many leaves, writing each row once when it
** fills and the partial rows on tlog_writer_flush. For bulk loads,
** rebuild and the benchmark; all within one transaction.
*/
TlogWriter *tlog_writer_open(Db *pDb);
void tlog_writer_append(TlogWriter *p, const MerkleHash *pLeafHash);
void tlog_writer_flush(TlogWriter *p);   /* NULL: nothing */
void tlog_writer_close(TlogWriter *p);   /* flushes and frees */
void tlog_writer_discard(TlogWriter *p); /* frees without writing (rollback) */

/* A MerkleNodeFn over the stored log (pCtx is the Db). */
int tlog_node(void *pDb, unsigned level, uint64_t index, MerkleHash *pOut);

/* Proofs over the stored log; 0, or -1 with a message in pErr. */
int tlog_root(Db *pDb, uint64_t size, MerkleHash *pOut, Buf *pErr);
int tlog_inclusion(Db *pDb, uint64_t index, uint64_t size, MerkleHash *pLeaf, MerkleHash *aProof,
                   int *pnProof, MerkleHash *pRoot, Buf *pErr);
int tlog_consistency(Db *pDb, uint64_t m, uint64_t n, MerkleHash *aProof, int *pnProof,
                     MerkleHash *pOldRoot, MerkleHash *pNewRoot, Buf *pErr);

/* Read count consecutive hashes of one level starting at index. */
int tlog_read_level(Db *pDb, unsigned level, uint64_t index, uint64_t count, MerkleHash *aOut);

/* Checkpoints written by `pacta log checkpoint`. */
void tlog_checkpoint_store(Db *pDb, uint64_t size, const char *zNote);
/* The latest stored note (malloc'd) and its size, or NULL. */
char *tlog_checkpoint_latest(Db *pDb, uint64_t *pSize);

/* JSON of proofs, hashes in base64 (the CLI's --json and the API). */
json_t *tlog_inclusion_json(Db *pDb, uint64_t index, uint64_t size, Buf *pErr);
json_t *tlog_consistency_json(Db *pDb, uint64_t m, uint64_t n, Buf *pErr);

#endif
