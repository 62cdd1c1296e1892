/*
** Recomputing the log to check it against signed checkpoints
** (logcmd_int.h): from a registry's journal, each entry against its own
** SHA-256 and the log's stored leaf hash, or from a tlog-tiles export,
** each entry bundle against the tiles; then the roots.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db.h"
#include "i18n.h"
#include "logcmd_int.h"
#include "tlog.h"

typedef struct TileCache {
  int level; /* tile level L: tree level 8L */
  uint64_t iTile;
  bool bHave;
  Buf data;
  char zPath[512];
} TileCache;

/* One row of the registry's stored hashes of one level (tlog.h). */
typedef struct LevelRow {
  bool bHave;
  uint64_t iRow;
  MerkleHash a[1 << TLOG_UPPER_ROW_BITS];
} LevelRow;

#define CHECK_LEVELS (64 / TLOG_STRIDE)

typedef struct Check {
  /* what to compare against */
  uint64_t nNew, nOld; /* nOld == 0: none */
  MerkleHash newRoot, oldRoot;
  /* recomputation */
  MerkleStack st;
  MerkleHash gotNew, gotOld;
  /* tiles export being checked, or NULL */
  const char *zDir;
  TileCache aTile[8];
  /* registry being checked, or NULL; the rows of its stored levels above
  ** the leaves (aRow[level / TLOG_STRIDE], allocated when first read) */
  Db *pDb;
  LevelRow *apRow[CHECK_LEVELS];
  /* the first failure */
  Buf fail;
  uint64_t iBad; /* leaf index + 1 of the entry named, or 0 */
} Check;

/* Read tile (or bundle) iTile of width w: the partial file when w < 256,
** else the full one; a full one also serves a smaller width (a later
** export). Returns 0 or -1, with the path tried in zPath. */
static int read_tile(const char *zDir, const char *zKind, uint64_t iTile, uint64_t w, Buf *pOut,
                     char *zPath, size_t nPath) {
  Buf path = {0};
  lc_tile_path(&path, zDir, zKind, iTile, w);
  snprintf(zPath, nPath, "%s", path.z);
  buf_reset(pOut);
  int rc = read_file(path.z, pOut);
  if (rc && w < 256) {
    int e = errno;
    buf_reset(&path);
    lc_tile_path(&path, zDir, zKind, iTile, 256);
    buf_reset(pOut);
    if (read_file(path.z, pOut) == 0) {
      rc = 0;
      snprintf(zPath, nPath, "%s", path.z);
    } else {
      errno = e;
    }
  }
  buf_free(&path);
  return rc;
}

static void check_fail(Check *c, uint64_t iLeaf1, const char *zFmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void check_fail(Check *c, uint64_t iLeaf1, const char *zFmt, ...) {
  if (c->fail.n) return; /* keep the first */
  va_list ap;
  va_start(ap, zFmt);
  buf_vprintf(&c->fail, zFmt, ap);
  va_end(ap);
  c->iBad = iLeaf1;
}

/* The hash at position index of tile level L, from the export. */
static int tile_hash(Check *c, int L, uint64_t index, MerkleHash *pOut) {
  TileCache *t = &c->aTile[L];
  uint64_t count = c->nNew >> (8 * L);
  uint64_t iTile = index / 256;
  if (!t->bHave || t->iTile != iTile) {
    uint64_t w = count - iTile * 256 < 256 ? count - iTile * 256 : 256;
    t->bHave = false;
    if (read_tile(c->zDir, (char[]){(char)('0' + L), 0}, iTile, w, &t->data, t->zPath,
                  sizeof(t->zPath)))
      return -1;
    t->bHave = true;
    t->iTile = iTile;
  }
  size_t off = (size_t)(index % 256) * MERKLE_HASH_SIZE;
  if (t->data.n < off + MERKLE_HASH_SIZE) return -1;
  memcpy(pOut->a, t->data.z + off, MERKLE_HASH_SIZE);
  return 0;
}

/* A registry: every complete subtree of a stored level above the leaves
** (4, 8, ...; the leaves are compared in check_registry) is compared with
** the log's stored hash, which proofs and the signed root are made of. */
static void registry_node(Check *c, unsigned level, uint64_t index, const MerkleHash *h) {
  if (level == 0 || level % TLOG_STRIDE || level / TLOG_STRIDE >= CHECK_LEVELS || c->fail.n) return;
  LevelRow **ppRow = &c->apRow[level / TLOG_STRIDE];
  if (!*ppRow) {
    *ppRow = xmalloc(sizeof(LevelRow));
    (*ppRow)->bHave = false;
  }
  LevelRow *r = *ppRow;
  unsigned bits = tlog_row_bits(level);
  uint64_t iRow = index >> bits;
  if (!r->bHave || r->iRow != iRow) {
    uint64_t first = iRow << bits, count = (c->nNew >> level) - first;
    if (count > ((uint64_t)1 << bits)) count = (uint64_t)1 << bits;
    r->bHave = tlog_read_level(c->pDb, level, first, count, r->a) == 0;
    r->iRow = iRow;
  }
  unsigned long long lo = (unsigned long long)(index << level) + 1,
                     hi = (unsigned long long)((index + 1) << level);
  if (!r->bHave)
    check_fail(c, 0,
               _("the log has no stored hash of journal entries %llu to %llu (level %u); "
                 "'pacta rebuild' recomputes it from the journal"),
               lo, hi, level);
  else if (memcmp(&r->a[index & (((uint64_t)1 << bits) - 1)], h, sizeof(*h)) != 0)
    check_fail(c, 0,
               _("every one of journal entries %llu to %llu matches its leaf, but the log's stored "
                 "hash of them (level %u) does not: the log's hashes above the leaves were "
                 "changed or damaged; 'pacta rebuild' recomputes them from the journal"),
               lo, hi, level);
}

/* Every complete subtree at a tile level is compared with the export. */
static void on_node(void *pCtx, unsigned level, uint64_t index, const MerkleHash *h) {
  Check *c = pCtx;
  if (c->pDb) registry_node(c, level, index, h);
  if (!c->zDir || level % 8 || level / 8 >= 8) return;
  int L = (int)(level / 8);
  MerkleHash got;
  uint64_t iLeaf = index << level;
  if (tile_hash(c, L, index, &got)) {
    check_fail(c, iLeaf + 1, _("%s: missing or too short for hash %llu"), c->aTile[L].zPath,
               (unsigned long long)(index % 256));
  } else if (memcmp(&got, h, sizeof(got)) != 0) {
    if (level == 0)
      check_fail(c, iLeaf + 1,
                 _("journal entry %llu (leaf %llu) does not match its hash in %s: the entry or "
                   "the tile was changed"),
                 (unsigned long long)(iLeaf + 1), (unsigned long long)iLeaf, c->aTile[L].zPath);
    else
      check_fail(c, iLeaf + 1, _("%s: hash %llu does not match the entries under it"),
                 c->aTile[L].zPath, (unsigned long long)(index % 256));
  }
}

/* One journal record, leaf i. pStored: the log's own leaf hash, if any. */
static void check_leaf(Check *c, uint64_t i, const char *z, size_t n, const MerkleHash *pStored) {
  json_error_t jerr;
  json_t *pRec = json_loadb(z, n, 0, &jerr);
  json_t *pSeq = json_object_get(pRec, "seq");
  if (!pRec || !json_is_integer(pSeq))
    check_fail(c, i + 1, _("journal entry %llu (leaf %llu) is not a change record"),
               (unsigned long long)(i + 1), (unsigned long long)i);
  else if ((uint64_t)json_integer_value(pSeq) != i + 1)
    check_fail(c, i + 1, _("journal entry %llu (leaf %llu) says it is entry %lld"),
               (unsigned long long)(i + 1), (unsigned long long)i,
               (long long)json_integer_value(pSeq));
  json_decref(pRec);
  MerkleHash h;
  merkle_leaf_hash(z, n, &h);
  if (pStored && memcmp(pStored, &h, sizeof(h)) != 0)
    check_fail(c, i + 1,
               _("journal entry %llu (leaf %llu) does not match the log's leaf hash for it: the "
                 "record, or the log's leaf, was changed after it was logged"),
               (unsigned long long)(i + 1), (unsigned long long)i);
  merkle_stack_push(&c->st, &h, on_node, c);
  if (c->st.n == c->nOld) merkle_stack_root(&c->st, &c->gotOld);
  if (c->st.n == c->nNew) merkle_stack_root(&c->st, &c->gotNew);
}

/* Recompute from a registry's journal, checking each record against the
** log's stored leaf hash (a record's one hash, journal.h). Returns the
** entries seen. */
static uint64_t check_registry(Check *c, Db *pDb) {
  c->pDb = pDb;
  sqlite3 *h = db_handle(pDb);
  sqlite3_stmt *pJ, *pL;
  if (sqlite3_prepare_v2(h, "SELECT seq, record FROM journal ORDER BY seq", -1, &pJ, 0) ||
      sqlite3_prepare_v2(h, "SELECT id, hashes FROM tlog_hash WHERE id < ?1 ORDER BY id", -1, &pL,
                         0))
    die(EXIT_INPUT, _("not a pacta registry with a log: %s"), sqlite3_errmsg(h));
  sqlite3_bind_int64(pL, 1, (int64_t)1 << TLOG_LEVEL_SHIFT);
  Buf row = {0};
  uint64_t iRowFirst = 0, i = 0;
  bool bRows = true;
  while (i < c->nNew && sqlite3_step(pJ) == SQLITE_ROW) {
    int64_t seq = sqlite3_column_int64(pJ, 0);
    if ((uint64_t)seq != i + 1) {
      check_fail(c, i + 1, _("the journal has no entry %llu (entries were deleted)"),
                 (unsigned long long)(i + 1));
      break;
    }
    const char *z = (const char *)sqlite3_column_text(pJ, 1);
    size_t n = (size_t)sqlite3_column_bytes(pJ, 1);
    /* The stored leaf hash, from the log's level-0 rows in order. */
    while (bRows && i >= iRowFirst + row.n / MERKLE_HASH_SIZE) {
      if (sqlite3_step(pL) != SQLITE_ROW) {
        bRows = false;
        break;
      }
      iRowFirst = (uint64_t)sqlite3_column_int64(pL, 0) << TLOG_ROW_BITS;
      buf_reset(&row);
      buf_append(&row, sqlite3_column_blob(pL, 1), (size_t)sqlite3_column_bytes(pL, 1));
    }
    MerkleHash stored;
    const MerkleHash *pStored = 0;
    if (bRows && i >= iRowFirst) {
      memcpy(stored.a, row.z + (i - iRowFirst) * MERKLE_HASH_SIZE, MERKLE_HASH_SIZE);
      pStored = &stored;
    } else {
      check_fail(c, i + 1,
                 _("the log has no leaf for journal entry %llu ('pacta rebuild' adds it)"),
                 (unsigned long long)(i + 1));
    }
    check_leaf(c, i, z, n, pStored);
    i++;
  }
  sqlite3_finalize(pJ);
  sqlite3_finalize(pL);
  buf_free(&row);
  for (int k = 0; k < CHECK_LEVELS; k++) {
    xfree(c->apRow[k]);
    c->apRow[k] = 0;
  }
  c->pDb = 0;
  return i;
}

/* Recompute from a tlog-tiles export: entry bundles, checked against the
** level-0 tiles and every higher tile. */
static uint64_t check_export(Check *c) {
  uint64_t i = 0;
  Buf bundle = {0};
  char zPath[512];
  for (uint64_t t = 0; t * 256 < c->nNew && !c->fail.n; t++) {
    uint64_t w = c->nNew - t * 256 < 256 ? c->nNew - t * 256 : 256;
    if (read_tile(c->zDir, "entries", t, w, &bundle, zPath, sizeof(zPath))) {
      check_fail(c, i + 1, _("%s: cannot read: %s (journal entry %llu)"), zPath, strerror(errno),
                 (unsigned long long)(i + 1));
      break;
    }
    size_t off = 0;
    for (uint64_t k = 0; k < w; k++) {
      if (off + 2 > bundle.n) {
        check_fail(c, i + 1, _("%s ends before journal entry %llu (leaf %llu)"), zPath,
                   (unsigned long long)(i + 1), (unsigned long long)i);
        break;
      }
      size_t len = (size_t)((unsigned char)bundle.z[off] << 8 | (unsigned char)bundle.z[off + 1]);
      off += 2;
      if (off + len > bundle.n) {
        check_fail(c, i + 1,
                   _("%s: journal entry %llu (leaf %llu) runs past the end of the bundle"), zPath,
                   (unsigned long long)(i + 1), (unsigned long long)i);
        break;
      }
      check_leaf(c, i, bundle.z + off, len, 0);
      off += len;
      i++;
    }
    if (!c->fail.n && w < 256 && off != bundle.n && strstr(zPath, ".p/"))
      check_fail(c, i, _("%s: bytes after the last entry (journal entry %llu)"), zPath,
                 (unsigned long long)i);
  }
  buf_free(&bundle);
  for (int L = 0; L < 8; L++) buf_free(&c->aTile[L].data);
  return i;
}

/* After the recomputation of nSeen entries: as many entries as the
** checkpoint commits to, the roots of both checkpoints, and the stored
** log's own consistency proof (pDb: a registry, not an export). */
static void check_roots(Check *c, const char *zSource, uint64_t nSeen, Db *pDb, bool bJson,
                        FILE *fReport) {
  if (!c->fail.n && nSeen < c->nNew)
    check_fail(c, nSeen + 1, _("%s has %llu journal entries; the checkpoint commits to %llu"),
               zSource, (unsigned long long)nSeen, (unsigned long long)c->nNew);
  if (!c->fail.n && memcmp(&c->gotNew, &c->newRoot, sizeof(MerkleHash)) != 0) {
    char *zGot = lc_b64(&c->gotNew);
    check_fail(c, 0,
               _("the first %llu journal entries hash to root %s, not the checkpoint's: the "
                 "journal was rewritten (and so was the stored log, since no single entry "
                 "disagrees with it)"),
               (unsigned long long)c->nNew, zGot);
    xfree(zGot);
  }
  if (!c->fail.n && c->nOld && memcmp(&c->gotOld, &c->oldRoot, sizeof(MerkleHash)) != 0)
    check_fail(c, 0,
               _("the first %llu journal entries do not hash to the old checkpoint's root: the "
                 "two checkpoints are not consistent, or the journal was rewritten"),
               (unsigned long long)c->nOld);
  /* The stored log must prove the same: its consistency proof verifies. */
  if (!c->fail.n && pDb && c->nOld) {
    MerkleHash a[MERKLE_MAX_PROOF], r1, r2;
    int n;
    Buf err = {0};
    if (tlog_consistency(pDb, c->nOld, c->nNew, a, &n, &r1, &r2, &err) ||
        !merkle_verify_consistency(c->nOld, c->nNew, &c->oldRoot, &c->newRoot, a, n))
      check_fail(c, 0,
                 _("the stored log's consistency proof from %llu to %llu does not verify%s%s"),
                 (unsigned long long)c->nOld, (unsigned long long)c->nNew, err.n ? ": " : "",
                 err.n ? err.z : "");
    else if (!bJson)
      fprintf(fReport, _("consistency proof from %llu to %llu (%d hashes): verified\n"),
              (unsigned long long)c->nOld, (unsigned long long)c->nNew, n);
    buf_free(&err);
  }
}

int lc_verify_source(const char *zSource, const Checkpoint *pNew, const Checkpoint *pOld,
                     bool bJson, FILE *fReport, json_t *pOut, Buf *pFail, uint64_t *piBad) {
  Check *c = xmalloc(sizeof(Check));
  memset(c, 0, sizeof(*c));
  c->nNew = pNew->size;
  c->newRoot = pNew->root;
  if (pOld) {
    c->nOld = pOld->size;
    c->oldRoot = pOld->root;
  }
  merkle_empty_root(&c->gotNew);
  merkle_empty_root(&c->gotOld);
  struct stat st;
  bool bDir = stat(zSource, &st) == 0 && S_ISDIR(st.st_mode);
  uint64_t nSeen;
  Db *pDb = 0;
  if (bDir) {
    c->zDir = zSource;
    nSeen = check_export(c);
  } else {
    pDb = db_open(zSource, false);
    nSeen = check_registry(c, pDb);
  }
  json_object_set_new(pOut, "source", json_string(zSource));
  json_object_set_new(pOut, "entries_checked", json_integer((json_int_t)nSeen));
  check_roots(c, zSource, nSeen, pDb, bJson, fReport);
  int rc = 0;
  if (c->fail.n) {
    buf_append(pFail, c->fail.z, c->fail.n);
    *piBad = c->iBad;
    rc = -1;
  } else if (!bJson) {
    fprintf(fReport,
            _("%s: %llu journal entries recomputed; every entry matches, the root matches the "
              "checkpoint%s\n"),
            zSource, (unsigned long long)c->nNew,
            c->nOld ? " and the old checkpoint's root matches its prefix" : "");
  }
  db_close(pDb);
  buf_free(&c->fail);
  xfree(c);
  return rc;
}

int lc_check_journal(Db *pDb, uint64_t n, Buf *pFail, uint64_t *piBad) {
  Check *c = xmalloc(sizeof(Check));
  memset(c, 0, sizeof(*c));
  c->nNew = n;
  merkle_empty_root(&c->gotNew);
  uint64_t nSeen = check_registry(c, pDb);
  if (!c->fail.n && nSeen < n)
    check_fail(c, nSeen + 1, _("the journal has %llu entries; the log has %llu leaves"),
               (unsigned long long)nSeen, (unsigned long long)n);
  /* The root to be signed is read from the log's stored hashes above the
  ** leaves: it must be the one the records hash to. */
  MerkleHash stored;
  Buf err = {0};
  if (!c->fail.n && tlog_root(pDb, n, &stored, &err))
    check_fail(c, 0, "%s", err.z);
  else if (!c->fail.n && memcmp(&stored, &c->gotNew, sizeof(stored)) != 0)
    check_fail(c, 0,
               _("every journal entry matches its leaf, but the stored log's root of size %llu "
                 "is not the root of those leaves: the log's hashes above the leaves were "
                 "changed or damaged; 'pacta rebuild' recomputes them from the journal"),
               (unsigned long long)n);
  buf_free(&err);
  int rc = 0;
  if (c->fail.n) {
    buf_append(pFail, c->fail.z, c->fail.n);
    *piBad = c->iBad;
    rc = -1;
  }
  buf_free(&c->fail);
  xfree(c);
  return rc;
}
