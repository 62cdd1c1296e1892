/*
** The verifiable log's storage (tlog.h).
**
** Only every STRIDE-th level of complete subtrees is stored: levels 0, 4,
** 8, ... (about 34 bytes per leaf instead of 64; writing bytes is what an
** append costs most). A row holds consecutive hashes of one level, 32 bytes
** each: 1024 of the leaves (32 KB, a few whole pages, since SQLite writes
** big rows for less per byte than small ones), 32 of a level above them
** (1 KB). Row id = level << 48 | (index >> tlog_row_bits(level)). A commit
** rewrites the open row of each stored level: above the leaves, where a
** commit adds a few hashes, a short row keeps that rewrite short. A node of
** an unstored level 4a + b is the root of 2^b consecutive hashes of level
** 4a, always within one row: one read and at most 7 hashes. A node's left
** sibling always lies in its own row, so an append touches only the rows of
** the levels it completes.
*/
#include "tlog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "note.h"

#define ROW_WIDTH (1 << TLOG_ROW_BITS) /* the widest row */
#define LEVEL_SHIFT TLOG_LEVEL_SHIFT
#define MAX_LEVEL 48
#define STRIDE TLOG_STRIDE

/* index's place in its row of `level` */
static uint64_t row_offset(unsigned level, uint64_t index) {
  return index & (((uint64_t)1 << tlog_row_bits(level)) - 1);
}

static int64_t row_id(unsigned level, uint64_t index) {
  return (int64_t)(((uint64_t)level << LEVEL_SHIFT) | (index >> tlog_row_bits(level)));
}

uint64_t tlog_size(Db *pDb) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT id, length(hashes) FROM tlog_hash WHERE id < ?1 "
                                 "ORDER BY id DESC LIMIT 1");
  sqlite3_bind_int64(p, 1, (int64_t)1 << LEVEL_SHIFT);
  uint64_t n = 0;
  if (db_step_row(pDb, p))
    n = ((uint64_t)sqlite3_column_int64(p, 0) << TLOG_ROW_BITS) +
        (uint64_t)sqlite3_column_int64(p, 1) / MERKLE_HASH_SIZE;
  sqlite3_reset(p);
  return n;
}

/* Node reads through one incremental-blob handle: a b-tree seek and a
** 32-byte read each, with no statement to step. Valid inside one read
** transaction. */
typedef struct Reader {
  Db *pDb;
  sqlite3_blob *pBlob;
  int64_t iRow;
} Reader;

/* n consecutive hashes of a stored level, within one row. */
static int reader_stored(Reader *r, unsigned level, uint64_t index, int n, MerkleHash *aOut) {
  if (level >= MAX_LEVEL) return -1;
  int64_t id = row_id(level, index);
  int rc = SQLITE_OK;
  if (!r->pBlob)
    rc = sqlite3_blob_open(db_handle(r->pDb), "main", "tlog_hash", "hashes", id, 0, &r->pBlob);
  else if (id != r->iRow)
    rc = sqlite3_blob_reopen(r->pBlob, id);
  if (rc != SQLITE_OK) {
    sqlite3_blob_close(r->pBlob); /* an aborted handle is of no further use */
    r->pBlob = 0;
    return -1;
  }
  r->iRow = id;
  int off = (int)row_offset(level, index) * MERKLE_HASH_SIZE;
  if (sqlite3_blob_bytes(r->pBlob) < off + n * MERKLE_HASH_SIZE) return -1;
  return sqlite3_blob_read(r->pBlob, aOut, n * MERKLE_HASH_SIZE, off) == SQLITE_OK ? 0 : -1;
}

static int reader_node(void *pCtx, unsigned level, uint64_t index, MerkleHash *pOut) {
  Reader *r = pCtx;
  unsigned b = level % STRIDE;
  if (b == 0) return reader_stored(r, level, index, 1, pOut);
  MerkleHash a[1 << (STRIDE - 1)];
  int n = 1 << b;
  if (reader_stored(r, level - b, index << b, n, a)) return -1;
  for (; n > 1; n /= 2)
    for (int i = 0; i < n / 2; i++) merkle_node_hash(&a[2 * i], &a[2 * i + 1], &a[i]);
  *pOut = a[0];
  return 0;
}

static void reader_close(Reader *r) {
  sqlite3_blob_close(r->pBlob);
  r->pBlob = 0;
}

/* ---- The writer ---------------------------------------------------------- */

typedef struct Row {
  bool bDirty;
  uint64_t iRow; /* index >> tlog_row_bits(level) */
  int n;         /* hashes held */
  MerkleHash a[ROW_WIDTH];
} Row;

struct TlogWriter {
  Db *pDb;
  uint64_t n;            /* leaves in the log */
  Row *apRow[MAX_LEVEL]; /* the open (rightmost) row of each level, or NULL */
};

static void row_write(TlogWriter *w, unsigned level, Row *r) {
  r->bDirty = false;
  if (level % STRIDE) return; /* not stored: the writer keeps it to hash on */
  sqlite3_stmt *p = db_stmt(w->pDb, "INSERT OR REPLACE INTO tlog_hash(id, hashes) VALUES(?1, ?2)");
  sqlite3_bind_int64(p, 1, (int64_t)(((uint64_t)level << LEVEL_SHIFT) | r->iRow));
  sqlite3_bind_blob(p, 2, r->a, r->n * MERKLE_HASH_SIZE, SQLITE_STATIC);
  db_step_done(w->pDb, p);
  r->bDirty = false;
}

/* The row that the next node of `level`, number index, goes into. */
static Row *open_row(TlogWriter *w, unsigned level, uint64_t index) {
  if (level >= MAX_LEVEL) panic("tlog: tree too tall");
  Row *r = w->apRow[level];
  uint64_t iRow = index >> tlog_row_bits(level), off = row_offset(level, index);
  if (r && r->iRow == iRow) return r;
  if (!r)
    r = w->apRow[level] = xmalloc(sizeof(Row));
  else if (r->bDirty)
    row_write(w, level, r);
  r->iRow = iRow;
  r->n = 0;
  r->bDirty = false;
  if (off && level % STRIDE) {
    /* Unstored: only the left sibling of an odd index is ever read back. */
    r->n = (int)off;
    Reader rd = {w->pDb, 0, 0};
    int rc = (index & 1) ? reader_node(&rd, level, index - 1, &r->a[r->n - 1]) : 0;
    reader_close(&rd);
    if (rc) r->n = 0;
  } else if (off) {
    sqlite3_stmt *p = db_stmt(w->pDb, "SELECT hashes FROM tlog_hash WHERE id=?1");
    sqlite3_bind_int64(p, 1, row_id(level, index));
    if (db_step_row(w->pDb, p)) {
      int nb = sqlite3_column_bytes(p, 0);
      if (nb % MERKLE_HASH_SIZE == 0 && nb <= (int)sizeof(r->a)) {
        memcpy(r->a, sqlite3_column_blob(p, 0), (size_t)nb);
        r->n = nb / MERKLE_HASH_SIZE;
      }
    }
    sqlite3_reset(p);
  }
  if ((uint64_t)r->n != off)
    die(EXIT_INPUT,
        _("the log's stored hashes are damaged at level %u near node %llu; "
          "'pacta rebuild' recomputes them from the journal"),
        level, (unsigned long long)index);
  return r;
}

/* The storage layout, recorded in meta. A log stored in layout 2 (1024
** hashes per row at every level) has its rows above the leaves cut on first
** use; one in any other (only ever by a development build) is recomputed
** from the journal. */
#define LAYOUT "3"

static bool layout_is(Db *pDb, const char *zLayout) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT value FROM meta WHERE key='log.layout'");
  bool bIs = db_step_row(pDb, p) && sqlite3_column_text(p, 0) &&
             strcmp((const char *)sqlite3_column_text(p, 0), zLayout) == 0;
  sqlite3_reset(p);
  return bIs;
}

static bool layout_ok(Db *pDb) {
  return layout_is(pDb, LAYOUT);
}

/* Inside a write transaction: empty the log, which catch_up then refills. */
static void layout_reset(Db *pDb) {
  db_exec(pDb, "DELETE FROM tlog_hash");
  db_exec(pDb, "INSERT OR REPLACE INTO meta(key, value) VALUES('log.layout', '" LAYOUT "')");
}

/* Inside a write transaction: layout 2's rows above the leaves, of 1024
** hashes, cut into rows of this layout's width; nothing is hashed again. */
static void layout_cut_from_2(Db *pDb) {
  sqlite3 *h = db_handle(pDb);
  db_exec(pDb, "CREATE TEMP TABLE tlog_cut AS SELECT id, hashes FROM tlog_hash WHERE id >= "
               "1 << 48;\n"
               "DELETE FROM tlog_hash WHERE id >= 1 << 48;");
  sqlite3_stmt *pOld;
  if (sqlite3_prepare_v2(h, "SELECT id, hashes FROM temp.tlog_cut", -1, &pOld, 0) != SQLITE_OK)
    db_fail(pDb, sqlite3_errmsg(h));
  sqlite3_stmt *pNew = db_stmt(pDb, "INSERT INTO tlog_hash(id, hashes) VALUES(?1, ?2)");
  while (sqlite3_step(pOld) == SQLITE_ROW) {
    uint64_t id = (uint64_t)sqlite3_column_int64(pOld, 0);
    unsigned level = (unsigned)(id >> LEVEL_SHIFT);
    uint64_t first = (id & (((uint64_t)1 << LEVEL_SHIFT) - 1)) << 10; /* layout 2's rows */
    const char *a = sqlite3_column_blob(pOld, 1);
    int n = sqlite3_column_bytes(pOld, 1) / MERKLE_HASH_SIZE, w = 1 << tlog_row_bits(level);
    for (int i = 0; i < n; i += w) {
      sqlite3_bind_int64(pNew, 1, row_id(level, first + (uint64_t)i));
      sqlite3_bind_blob(pNew, 2, a + (size_t)i * MERKLE_HASH_SIZE,
                        (n - i < w ? n - i : w) * MERKLE_HASH_SIZE, SQLITE_TRANSIENT);
      db_step_done(pDb, pNew);
    }
  }
  sqlite3_finalize(pOld);
  db_exec(pDb, "DROP TABLE temp.tlog_cut");
  db_exec(pDb, "INSERT OR REPLACE INTO meta(key, value) VALUES('log.layout', '" LAYOUT "')");
}

/* Inside a write transaction: the log in this layout, or empty. */
static void layout_update(Db *pDb) {
  if (layout_is(pDb, "2"))
    layout_cut_from_2(pDb);
  else
    layout_reset(pDb);
}

static TlogWriter *writer_open_at(Db *pDb, uint64_t n) {
  TlogWriter *w = xmalloc(sizeof(TlogWriter));
  memset(w, 0, sizeof(*w));
  w->pDb = pDb;
  w->n = n;
  return w;
}

TlogWriter *tlog_writer_open(Db *pDb) {
  if (!layout_ok(pDb)) layout_update(pDb);
  return writer_open_at(pDb, tlog_size(pDb));
}

void tlog_writer_append(TlogWriter *w, const MerkleHash *pLeaf) {
  MerkleHash h = *pLeaf;
  uint64_t index = w->n;
  unsigned level = 0;
  while (1) {
    Row *r = open_row(w, level, index);
    r->a[r->n++] = h;
    r->bDirty = true;
    bool bRight = index & 1;
    if (bRight) merkle_node_hash(&r->a[r->n - 2], &h, &h);
    if (r->n == 1 << tlog_row_bits(level)) row_write(w, level, r);
    if (!bRight) break;
    level++;
    index >>= 1;
  }
  w->n++;
}

void tlog_writer_flush(TlogWriter *w) {
  if (!w) return;
  for (unsigned l = 0; l < MAX_LEVEL; l++)
    if (w->apRow[l] && w->apRow[l]->bDirty) row_write(w, l, w->apRow[l]);
}

void tlog_writer_discard(TlogWriter *w) {
  if (!w) return;
  for (unsigned l = 0; l < MAX_LEVEL; l++) xfree(w->apRow[l]);
  xfree(w);
}

void tlog_writer_close(TlogWriter *w) {
  tlog_writer_flush(w);
  tlog_writer_discard(w);
}

/* Append the journal entries after the log's last leaf, up to seq last. */
static void catch_up(TlogWriter *w, int64_t last) {
  sqlite3_stmt *p = db_stmt(w->pDb, "SELECT seq, record FROM journal WHERE seq>?1 AND seq<=?2 "
                                    "ORDER BY seq");
  sqlite3_bind_int64(p, 1, (int64_t)w->n);
  sqlite3_bind_int64(p, 2, last);
  while (db_step_row(w->pDb, p)) {
    int64_t seq = sqlite3_column_int64(p, 0);
    if ((uint64_t)seq != w->n + 1)
      die(EXIT_INPUT, _("the journal has no entry %llu: entries were deleted"),
          (unsigned long long)(w->n + 1));
    MerkleHash h;
    merkle_leaf_hash(sqlite3_column_text(p, 1), (size_t)sqlite3_column_bytes(p, 1), &h);
    tlog_writer_append(w, &h);
  }
  sqlite3_reset(p);
  if (w->n != (uint64_t)last)
    die(EXIT_INPUT, _("the journal has no entry %llu: entries were deleted"),
        (unsigned long long)(w->n + 1));
}

void tlog_append_record(Db *pDb, int64_t seq, const char *zRecord, size_t nRecord) {
  if (!layout_ok(pDb)) layout_update(pDb);
  uint64_t n = tlog_size(pDb);
  if (n >= (uint64_t)seq)
    die(EXIT_INPUT,
        _("the log already has %llu leaves but the journal is appending entry %lld: "
          "run 'pacta rebuild'"),
        (unsigned long long)n, (long long)seq);
  TlogWriter *w = writer_open_at(pDb, n);
  if (n + 1 < (uint64_t)seq) catch_up(w, seq - 1);
  MerkleHash h;
  merkle_leaf_hash(zRecord, nRecord, &h);
  tlog_writer_append(w, &h);
  tlog_writer_close(w);
}

void tlog_journal_append(TlogWriter **ppW, Db *pDb, int64_t seq, const MerkleHash *pLeaf) {
  TlogWriter *w = *ppW;
  if (!w) {
    if (!layout_ok(pDb)) layout_update(pDb);
    uint64_t n = tlog_size(pDb);
    if (n >= (uint64_t)seq)
      die(EXIT_INPUT,
          _("the log already has %llu leaves but the journal is appending entry %lld: "
            "run 'pacta rebuild'"),
          (unsigned long long)n, (long long)seq);
    w = *ppW = writer_open_at(pDb, n);
    if (n + 1 < (uint64_t)seq) catch_up(w, seq - 1);
  }
  if (w->n + 1 != (uint64_t)seq) panic("tlog: journal entry %lld out of order", (long long)seq);
  tlog_writer_append(w, pLeaf);
}

uint64_t tlog_sync(Db *pDb) {
  bool bLayout = layout_ok(pDb);
  uint64_t n = tlog_size(pDb);
  int64_t last = db_last_seq(pDb);
  if (bLayout && n == (uint64_t)last) return n;
  if (bLayout && n > (uint64_t)last)
    die(EXIT_INPUT,
        _("the log has %llu leaves but the journal only %lld entries: journal entries were "
          "deleted (see 'pacta verify')"),
        (unsigned long long)n, (long long)last);
  bool bOwn = sqlite3_get_autocommit(db_handle(pDb)) != 0;
  if (bOwn) db_begin(pDb);
  if (!layout_ok(pDb)) layout_update(pDb);
  n = tlog_size(pDb); /* another writer may have caught up */
  last = db_last_seq(pDb);
  if (n > (uint64_t)last) {
    if (bOwn) db_rollback(pDb);
    die(EXIT_INPUT, _("the log has more leaves than the journal has entries (see 'pacta verify')"));
  }
  TlogWriter *w = writer_open_at(pDb, n);
  if (n < (uint64_t)last) catch_up(w, last);
  tlog_writer_close(w);
  if (bOwn) db_commit(pDb);
  return (uint64_t)last;
}

/* ---- Reading ------------------------------------------------------------- */

int tlog_node(void *pCtx, unsigned level, uint64_t index, MerkleHash *pOut) {
  Reader rd = {pCtx, 0, 0};
  int rc = reader_node(&rd, level, index, pOut);
  reader_close(&rd);
  return rc;
}

int tlog_read_level(Db *pDb, unsigned level, uint64_t index, uint64_t count, MerkleHash *aOut) {
  if (count == 0) return 0;
  sqlite3_stmt *p = db_stmt(pDb, "SELECT id, hashes FROM tlog_hash WHERE id>=?1 AND id<=?2 "
                                 "ORDER BY id");
  sqlite3_bind_int64(p, 1, row_id(level, index));
  sqlite3_bind_int64(p, 2, row_id(level, index + count - 1));
  uint64_t got = 0;
  while (got < count && db_step_row(pDb, p)) {
    uint64_t iFirst = ((uint64_t)sqlite3_column_int64(p, 0) & (((uint64_t)1 << LEVEL_SHIFT) - 1))
                      << tlog_row_bits(level);
    uint64_t nRow = (uint64_t)sqlite3_column_bytes(p, 1) / MERKLE_HASH_SIZE;
    const char *a = sqlite3_column_blob(p, 1);
    for (uint64_t i = 0; i < nRow && got < count; i++) {
      if (iFirst + i < index + got) continue;
      if (iFirst + i != index + got) break;
      memcpy(aOut[got++].a, a + i * MERKLE_HASH_SIZE, MERKLE_HASH_SIZE);
    }
  }
  sqlite3_reset(p);
  return got == count ? 0 : -1;
}

/* Proofs read scattered pages of a table far larger than the page cache:
** memory-mapped reads spare a system call per page (about 30 % of a proof's
** time on a 10-million-leaf log). Set once per connection. */
static void use_mmap(Db *pDb) {
  sqlite3_int64 sz = -1; /* -1: query */
  if (sqlite3_file_control(db_handle(pDb), "main", SQLITE_FCNTL_MMAP_SIZE, &sz) != SQLITE_OK ||
      sz > 0)
    return;
  db_exec(pDb, "PRAGMA mmap_size=1073741824");
}

/* A read transaction around many point reads: one lock, not one each. */
static bool read_begin(Db *pDb) {
  use_mmap(pDb);
  if (!sqlite3_get_autocommit(db_handle(pDb))) return false;
  db_exec(pDb, "BEGIN");
  return true;
}

static void read_end(Db *pDb, bool bOwn) {
  if (bOwn) db_exec(pDb, "COMMIT");
}

/* Open the read transaction of a proof (*pbOwn: ours to end) with the log
** up to the journal and of at least `size` leaves. The checks run inside it,
** so a proof takes the database lock once; a registry whose log lags (made
** before the log existed) is caught up first in a write transaction. */
static int proof_begin(Db *pDb, uint64_t size, Buf *pErr, bool *pbOwn) {
  *pbOwn = read_begin(pDb);
  uint64_t n = tlog_size(pDb);
  int64_t last = db_last_seq(pDb);
  if (!layout_ok(pDb) || n < (uint64_t)last) {
    read_end(pDb, *pbOwn);
    tlog_sync(pDb);
    *pbOwn = read_begin(pDb);
    n = tlog_size(pDb);
    last = db_last_seq(pDb);
  }
  /* Longer than the journal: a damaged registry. Say so rather than stop
  ** (this runs in the server too). */
  if (n > (uint64_t)last)
    buf_printf(pErr, "%s",
               _("the log has more leaves than the journal has entries: journal entries "
                 "were deleted (see 'pacta verify')"));
  else if (size > n)
    buf_printf(pErr, _("the log has %llu leaves; no tree of size %llu yet"), (unsigned long long)n,
               (unsigned long long)size);
  else
    return 0;
  read_end(pDb, *pbOwn);
  return -1;
}

static int damaged(Buf *pErr) {
  buf_printf(pErr, "%s",
             _("the log's stored hashes are incomplete; 'pacta rebuild' recomputes them"));
  return -1;
}

int tlog_root(Db *pDb, uint64_t size, MerkleHash *pOut, Buf *pErr) {
  bool bOwn;
  if (proof_begin(pDb, size, pErr, &bOwn)) return -1;
  Reader rd = {pDb, 0, 0};
  int rc = merkle_root(reader_node, &rd, size, pOut);
  reader_close(&rd);
  read_end(pDb, bOwn);
  return rc ? damaged(pErr) : 0;
}

int tlog_inclusion(Db *pDb, uint64_t index, uint64_t size, MerkleHash *pLeaf, MerkleHash *aProof,
                   int *pnProof, MerkleHash *pRoot, Buf *pErr) {
  if (index >= size) {
    buf_printf(pErr, _("index %llu is not below the tree size %llu"), (unsigned long long)index,
               (unsigned long long)size);
    return -1;
  }
  bool bOwn;
  if (proof_begin(pDb, size, pErr, &bOwn)) return -1;
  Reader rd = {pDb, 0, 0};
  /* The root follows from the leaf and its proof: no more reads. */
  int rc = reader_node(&rd, 0, index, pLeaf) ||
           merkle_inclusion_proof(reader_node, &rd, index, size, aProof, pnProof) ||
           !merkle_inclusion_root(pLeaf, index, size, aProof, *pnProof, pRoot);
  reader_close(&rd);
  read_end(pDb, bOwn);
  return rc ? damaged(pErr) : 0;
}

int tlog_consistency(Db *pDb, uint64_t m, uint64_t n, MerkleHash *aProof, int *pnProof,
                     MerkleHash *pOldRoot, MerkleHash *pNewRoot, Buf *pErr) {
  if (m > n) {
    buf_printf(pErr, _("the old size %llu is larger than the new size %llu"), (unsigned long long)m,
               (unsigned long long)n);
    return -1;
  }
  bool bOwn;
  if (proof_begin(pDb, n, pErr, &bOwn)) return -1;
  Reader rd = {pDb, 0, 0};
  int rc = merkle_consistency_proof(reader_node, &rd, m, n, aProof, pnProof) ||
           merkle_root(reader_node, &rd, m, pOldRoot) || merkle_root(reader_node, &rd, n, pNewRoot);
  reader_close(&rd);
  read_end(pDb, bOwn);
  return rc ? damaged(pErr) : 0;
}

/* ---- Rebuild ------------------------------------------------------------- */

uint64_t tlog_rebuild(Db *pDb) {
  uint64_t nOld = tlog_size(pDb);
  MerkleHash oldRoot;
  bool bLayout = layout_ok(pDb);
  bool bOldRoot = bLayout && merkle_root(tlog_node, pDb, nOld, &oldRoot) == 0;
  layout_reset(pDb);
  TlogWriter *w = writer_open_at(pDb, 0);
  catch_up(w, db_last_seq(pDb));
  uint64_t n = w->n;
  tlog_writer_close(w);
  if (!bLayout) {
    /* a log in an older layout: nothing to compare */
  } else if (nOld > n) {
    fputs("pacta: ", stderr);
    fprintf(stderr, _("warning: the stored log had %llu leaves, the journal has %llu"),
            (unsigned long long)nOld, (unsigned long long)n);
    fputc('\n', stderr);
  } else if (nOld) {
    MerkleHash r;
    if (!bOldRoot || merkle_root(tlog_node, pDb, nOld, &r) || memcmp(&r, &oldRoot, sizeof(r))) {
      fputs("pacta: ", stderr);
      fprintf(stderr,
              _("warning: the stored log of %llu leaves did not match the journal; "
                "it was recomputed"),
              (unsigned long long)nOld);
      fputc('\n', stderr);
    }
  }
  /* Checkpoints already handed out must still match the journal. */
  sqlite3_stmt *p = db_stmt(pDb, "SELECT size, note FROM tlog_checkpoint ORDER BY id");
  while (db_step_row(pDb, p)) {
    uint64_t size = (uint64_t)sqlite3_column_int64(p, 0);
    const char *z = (const char *)sqlite3_column_text(p, 1);
    Note note;
    Checkpoint cp;
    Buf err = {0};
    MerkleHash r;
    bool bOk = note_open(z, strlen(z), 0, 0, &note, &err) == 0 &&
               checkpoint_parse(note.zText, note.nText, &cp, &err) == 0 && size <= n &&
               merkle_root(tlog_node, pDb, size, &r) == 0 && memcmp(&r, &cp.root, sizeof(r)) == 0;
    if (!bOk) {
      fputs("pacta: ", stderr);
      fprintf(stderr, _("warning: the stored checkpoint of size %llu does not match the journal"),
              (unsigned long long)size);
      fputc('\n', stderr);
    }
    note_free(&note);
    buf_free(&err);
  }
  sqlite3_reset(p);
  return n;
}

/* ---- Checkpoints --------------------------------------------------------- */

void tlog_checkpoint_store(Db *pDb, uint64_t size, const char *zNote) {
  sqlite3_stmt *p = db_stmt(pDb, "INSERT INTO tlog_checkpoint(size, note, created) "
                                 "VALUES(?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
  sqlite3_bind_int64(p, 1, (int64_t)size);
  sqlite3_bind_text(p, 2, zNote, -1, SQLITE_STATIC);
  db_step_done(pDb, p);
}

char *tlog_checkpoint_latest(Db *pDb, uint64_t *pSize) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT size, note FROM tlog_checkpoint ORDER BY id DESC LIMIT 1");
  char *z = 0;
  if (db_step_row(pDb, p)) {
    *pSize = (uint64_t)sqlite3_column_int64(p, 0);
    z = xstrdup((const char *)sqlite3_column_text(p, 1));
  }
  sqlite3_reset(p);
  return z;
}

/* ---- JSON and HTTP ------------------------------------------------------- */

static json_t *b64_json(const MerkleHash *h) {
  Buf b = {0};
  b64_encode(h->a, MERKLE_HASH_SIZE, &b);
  json_t *p = json_stringn(b.z, b.n);
  buf_free(&b);
  return p;
}

static json_t *proof_json(const MerkleHash *a, int n) {
  json_t *p = json_array();
  for (int i = 0; i < n; i++) json_array_append_new(p, b64_json(&a[i]));
  return p;
}

json_t *tlog_inclusion_json(Db *pDb, uint64_t index, uint64_t size, Buf *pErr) {
  MerkleHash leaf, root, a[MERKLE_MAX_PROOF];
  int n;
  if (tlog_inclusion(pDb, index, size, &leaf, a, &n, &root, pErr)) return 0;
  return json_pack("{s:I, s:I, s:o, s:o, s:o}", "index", (json_int_t)index, "size",
                   (json_int_t)size, "leaf_hash", b64_json(&leaf), "root", b64_json(&root), "proof",
                   proof_json(a, n));
}

json_t *tlog_consistency_json(Db *pDb, uint64_t m, uint64_t n, Buf *pErr) {
  MerkleHash oldRoot, newRoot, a[MERKLE_MAX_PROOF];
  int nProof;
  if (tlog_consistency(pDb, m, n, a, &nProof, &oldRoot, &newRoot, pErr)) return 0;
  return json_pack("{s:I, s:I, s:o, s:o, s:o}", "from", (json_int_t)m, "to", (json_int_t)n,
                   "old_root", b64_json(&oldRoot), "new_root", b64_json(&newRoot), "proof",
                   proof_json(a, nProof));
}
