/*
** pacta key, log, merkle and verify (logcmd.h, docs/verifiable-log.md).
*/
#include "logcmd.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "journal.h"
#include "merkle.h"
#include "note.h"
#include "tlog.h"
#include "util.h"

/* ---- Arguments: parsed by commands.c (cli.c), against its table ------------ */

static uint64_t parse_count(const Cli *o, const char *zWhat, const char *z) {
  if (!z || !*z) cli_fail(o, "%s: expected a whole number", zWhat);
  for (const char *p = z; *p; p++)
    if (*p < '0' || *p > '9') cli_fail(o, "%s: expected a whole number, got \"%s\"", zWhat, z);
  errno = 0;
  unsigned long long v = strtoull(z, 0, 10);
  if (errno || v > (unsigned long long)INT64_MAX) cli_fail(o, "%s: out of range", zWhat);
  return v;
}

/* ---- Small helpers ------------------------------------------------------ */

static void print_json(json_t *p) {
  json_dumpf(p, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  fputc('\n', stdout);
  json_decref(p);
}

static char *b64(const MerkleHash *h) {
  Buf b = {0};
  b64_encode(h->a, MERKLE_HASH_SIZE, &b);
  return b.z;
}

static void read_or_die(const char *zPath, Buf *pOut, const char *zWhat) {
  if (read_file(zPath, pOut))
    die(EXIT_INPUT, "%s %s: cannot read: %s", zWhat, zPath, strerror(errno));
}

static void trim(Buf *p) {
  while (p->n && (p->z[p->n - 1] == '\n' || p->z[p->n - 1] == '\r' || p->z[p->n - 1] == ' '))
    p->z[--p->n] = 0;
}

static void load_signer(const char *zPath, NoteSigner *pS) {
  Buf b = {0}, err = {0};
  read_or_die(zPath, &b, "key file");
  trim(&b);
  if (note_signer_parse(b.z, pS, &err)) die(EXIT_INPUT, "%s: %s", zPath, err.z);
  memset(b.z, 0, b.n);
  buf_free(&b);
}

/* A verifier key: a file holding one, or the key text itself. */
static void load_verifier(const char *zArg, NoteVerifier *pV) {
  Buf b = {0}, err = {0};
  if (access(zArg, F_OK) == 0) {
    read_or_die(zArg, &b, "key file");
    trim(&b);
  } else {
    buf_puts(&b, zArg);
  }
  if (note_verifier_parse(b.z, pV, &err))
    die(EXIT_INPUT, "%s: %s (expected a .pub file or NAME+KEYHASH+KEY)", zArg, err.z);
  buf_free(&b);
}

static int mkdir_p(const char *zDir) {
  char *z = xstrdup(zDir);
  for (char *p = z + 1; *p; p++) {
    if (*p != '/') continue;
    *p = 0;
    if (mkdir(z, 0755) && errno != EEXIST) {
      free(z);
      return -1;
    }
    *p = '/';
  }
  int rc = mkdir(z, 0755) && errno != EEXIST ? -1 : 0;
  free(z);
  return rc;
}

/* Write a whole file through a temporary and a rename. */
static void write_file(const char *zPath, const void *p, size_t n) {
  char *zDir = xstrdup(zPath);
  if (mkdir_p(dirname(zDir)))
    die(EXIT_INPUT, "%s: cannot create its folder: %s", zPath, strerror(errno));
  free(zDir);
  Buf tmp = {0};
  buf_printf(&tmp, "%s.tmp", zPath);
  FILE *f = fopen(tmp.z, "wb");
  if (!f || fwrite(p, 1, n, f) != n || fclose(f) || rename(tmp.z, zPath))
    die(EXIT_INPUT, "%s: cannot write: %s", zPath, strerror(errno));
  buf_free(&tmp);
}

/* ---- pacta key -------------------------------------------------------- */

static const char zKeyUsage[] = "key generate NAME [--out PREFIX]";

static void write_new_file(const char *zPath, const char *z, mode_t mode) {
  int fd = open(zPath, O_WRONLY | O_CREAT | O_EXCL, mode);
  if (fd < 0)
    die(EXIT_INPUT, "%s: cannot create: %s%s", zPath, strerror(errno),
        errno == EEXIST ? " (keys are never overwritten)" : "");
  size_t n = strlen(z);
  if (fchmod(fd, mode) || write(fd, z, n) != (ssize_t)n || write(fd, "\n", 1) != 1 || close(fd))
    die(EXIT_INPUT, "%s: cannot write: %s", zPath, strerror(errno));
}

int logcmd_key(const char *zDb, bool bJson, const Cli *c) {
  Cli o = *c;
  o.zUsage = zKeyUsage;
  cli_need_pos(&o, 2, 2);
  if (strcmp(o.azPos[0], "generate") != 0)
    cli_fail(&o, "expected generate, got \"%s\"", o.azPos[0]);
  const char *zName = o.azPos[1];
  char *zSigner, *zVerifier;
  Buf err = {0};
  if (note_key_generate(zName, &zSigner, &zVerifier, &err)) cli_fail(&o, "%s", err.z);
  Buf prefix = {0};
  if (cli_get(&o, "out")) {
    buf_puts(&prefix, cli_get(&o, "out"));
  } else {
    for (const char *z = zName; *z; z++) buf_putc(&prefix, *z == '/' ? '-' : *z);
  }
  Buf zKey = {0}, zPub = {0};
  buf_printf(&zKey, "%s.key", prefix.z);
  buf_printf(&zPub, "%s.pub", prefix.z);
  if (access(zPub.z, F_OK) == 0)
    die(EXIT_INPUT, "%s already exists (keys are never overwritten)", zPub.z);
  write_new_file(zKey.z, zSigner, 0600);
  write_new_file(zPub.z, zVerifier, 0644);
  memset(zSigner, 0, strlen(zSigner));
  if (bJson) {
    print_json(json_pack("{s:s, s:s, s:s}", "private_key_file", zKey.z, "public_key_file", zPub.z,
                         "verifier_key", zVerifier));
  } else {
    printf("wrote %s (private, mode 0600: keep it off the registry's machine if you can)\n"
           "wrote %s (public: give it to every member state)\n%s\n",
           zKey.z, zPub.z, zVerifier);
  }
  free(zSigner);
  free(zVerifier);
  buf_free(&prefix);
  buf_free(&zKey);
  buf_free(&zPub);
  (void)zDb;
  return 0;
}

/* ---- Verification (verify and cosign) --------------------------------- */

typedef struct TileCache {
  int level; /* tile level L: tree level 8L */
  uint64_t iTile;
  bool bHave;
  Buf data;
  char zPath[512];
} TileCache;

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
  /* the first failure */
  Buf fail;
  uint64_t iBad; /* leaf index + 1 of the entry named, or 0 */
} Check;

static void tile_path(Buf *p, const char *zDir, const char *zKind, uint64_t iTile, uint64_t width) {
  char aGroup[8][4];
  int nGroup = 0;
  do {
    snprintf(aGroup[nGroup++], 4, "%03u", (unsigned)(iTile % 1000));
    iTile /= 1000;
  } while (iTile && nGroup < 8);
  buf_printf(p, "%s/tile/%s", zDir, zKind);
  for (int i = nGroup - 1; i >= 0; i--) buf_printf(p, "/%s%s", i ? "x" : "", aGroup[i]);
  if (width < 256) buf_printf(p, ".p/%u", (unsigned)width);
}

/* Read tile (or bundle) iTile of width w: the partial file when w < 256,
** else the full one; a full one also serves a smaller width (a later
** export). Returns 0 or -1, with the path tried in zPath. */
static int read_tile(const char *zDir, const char *zKind, uint64_t iTile, uint64_t w, Buf *pOut,
                     char *zPath, size_t nPath) {
  Buf path = {0};
  tile_path(&path, zDir, zKind, iTile, w);
  snprintf(zPath, nPath, "%s", path.z);
  buf_reset(pOut);
  int rc = read_file(path.z, pOut);
  if (rc && w < 256) {
    int e = errno;
    buf_reset(&path);
    tile_path(&path, zDir, zKind, iTile, 256);
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

/* Every complete subtree at a tile level is compared with the export. */
static void on_node(void *pCtx, unsigned level, uint64_t index, const MerkleHash *h) {
  Check *c = pCtx;
  if (!c->zDir || level % 8 || level / 8 >= 8) return;
  int L = (int)(level / 8);
  MerkleHash got;
  uint64_t iLeaf = index << level;
  if (tile_hash(c, L, index, &got)) {
    check_fail(c, iLeaf + 1, "%s: missing or too short for hash %llu", c->aTile[L].zPath,
               (unsigned long long)(index % 256));
  } else if (memcmp(&got, h, sizeof(got)) != 0) {
    if (level == 0)
      check_fail(c, iLeaf + 1,
                 "journal entry %llu (leaf %llu) does not match its hash in %s: the entry or "
                 "the tile was changed",
                 (unsigned long long)(iLeaf + 1), (unsigned long long)iLeaf, c->aTile[L].zPath);
    else
      check_fail(c, iLeaf + 1, "%s: hash %llu does not match the entries under it",
                 c->aTile[L].zPath, (unsigned long long)(index % 256));
  }
}

/* One journal record, leaf i. pStored: the log's own leaf hash, if any. */
static void check_leaf(Check *c, uint64_t i, const char *z, size_t n, const MerkleHash *pStored) {
  json_error_t jerr;
  json_t *pRec = json_loadb(z, n, 0, &jerr);
  json_t *pSeq = json_object_get(pRec, "seq");
  if (!pRec || !json_is_integer(pSeq))
    check_fail(c, i + 1, "journal entry %llu (leaf %llu) is not a change record",
               (unsigned long long)(i + 1), (unsigned long long)i);
  else if ((uint64_t)json_integer_value(pSeq) != i + 1)
    check_fail(c, i + 1, "journal entry %llu (leaf %llu) says it is entry %lld",
               (unsigned long long)(i + 1), (unsigned long long)i,
               (long long)json_integer_value(pSeq));
  json_decref(pRec);
  MerkleHash h;
  merkle_leaf_hash(z, n, &h);
  if (pStored && memcmp(pStored, &h, sizeof(h)) != 0)
    check_fail(c, i + 1,
               "journal entry %llu (leaf %llu) does not match the log's leaf hash: the record "
               "was changed after it was logged",
               (unsigned long long)(i + 1), (unsigned long long)i);
  merkle_stack_push(&c->st, &h, on_node, c);
  if (c->st.n == c->nOld) merkle_stack_root(&c->st, &c->gotOld);
  if (c->st.n == c->nNew) merkle_stack_root(&c->st, &c->gotNew);
}

/* Recompute from a registry's journal, checking each record against its
** own SHA-256 and the log's stored leaf hash. Returns the entries seen. */
static uint64_t check_registry(Check *c, Db *pDb) {
  sqlite3 *h = db_handle(pDb);
  sqlite3_stmt *pJ, *pL;
  if (sqlite3_prepare_v2(h, "SELECT seq, record, hash FROM journal ORDER BY seq", -1, &pJ, 0) ||
      sqlite3_prepare_v2(h, "SELECT id, hashes FROM tlog_hash WHERE id < ?1 ORDER BY id", -1, &pL,
                         0))
    die(EXIT_INPUT, "not a pacta registry with a log: %s", sqlite3_errmsg(h));
  sqlite3_bind_int64(pL, 1, (int64_t)1 << TLOG_LEVEL_SHIFT);
  Buf row = {0};
  uint64_t iRowFirst = 0, i = 0;
  bool bRows = true;
  while (i < c->nNew && sqlite3_step(pJ) == SQLITE_ROW) {
    int64_t seq = sqlite3_column_int64(pJ, 0);
    if ((uint64_t)seq != i + 1) {
      check_fail(c, i + 1, "the journal has no entry %llu (entries were deleted)",
                 (unsigned long long)(i + 1));
      break;
    }
    const char *z = (const char *)sqlite3_column_text(pJ, 1);
    size_t n = (size_t)sqlite3_column_bytes(pJ, 1);
    MerkleHash own;
    merkle_sha256(z, n, &own);
    if (sqlite3_column_bytes(pJ, 2) != MERKLE_HASH_SIZE ||
        memcmp(sqlite3_column_blob(pJ, 2), own.a, MERKLE_HASH_SIZE) != 0)
      check_fail(c, i + 1, "journal entry %llu (leaf %llu) does not match its own SHA-256",
                 (unsigned long long)(i + 1), (unsigned long long)i);
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
      check_fail(c, i + 1, "the log has no leaf for journal entry %llu ('pacta rebuild' adds it)",
                 (unsigned long long)(i + 1));
    }
    check_leaf(c, i, z, n, pStored);
    i++;
  }
  sqlite3_finalize(pJ);
  sqlite3_finalize(pL);
  buf_free(&row);
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
      check_fail(c, i + 1, "%s: cannot read: %s (journal entry %llu)", zPath, strerror(errno),
                 (unsigned long long)(i + 1));
      break;
    }
    size_t off = 0;
    for (uint64_t k = 0; k < w; k++) {
      if (off + 2 > bundle.n) {
        check_fail(c, i + 1, "%s ends before journal entry %llu (leaf %llu)", zPath,
                   (unsigned long long)(i + 1), (unsigned long long)i);
        break;
      }
      size_t len = (size_t)((unsigned char)bundle.z[off] << 8 | (unsigned char)bundle.z[off + 1]);
      off += 2;
      if (off + len > bundle.n) {
        check_fail(c, i + 1, "%s: journal entry %llu (leaf %llu) runs past the end of the bundle",
                   zPath, (unsigned long long)(i + 1), (unsigned long long)i);
        break;
      }
      check_leaf(c, i, bundle.z + off, len, 0);
      off += len;
      i++;
    }
    if (!c->fail.n && w < 256 && off != bundle.n && strstr(zPath, ".p/"))
      check_fail(c, i, "%s: bytes after the last entry (journal entry %llu)", zPath,
                 (unsigned long long)i);
  }
  buf_free(&bundle);
  for (int L = 0; L < 8; L++) buf_free(&c->aTile[L].data);
  return i;
}

/* Where verify_run writes its text report: stdout, or stderr for cosign. */
static FILE *g_report;

typedef struct VerifyArgs {
  const char *zCheckpoint, *zOldCheckpoint;
  NoteVerifier aV[16];
  int nV;
  bool bNeedSig;       /* the checkpoint must be signed by a known key */
  const char *zSource; /* registry file or export folder; NULL: signatures only */
} VerifyArgs;

static const char *sig_status(NoteSigStatus s) {
  return s == SIG_VERIFIED ? "verified" : s == SIG_INVALID ? "INVALID" : "unknown key, ignored";
}

/* Open a checkpoint note and report its signatures. */
static int open_checkpoint(const VerifyArgs *v, const char *zPath, const char *zWhat, Note *pNote,
                           Checkpoint *pCp, json_t *pJson, bool bJson, Buf *pFail) {
  Buf b = {0}, err = {0};
  read_or_die(zPath, &b, zWhat);
  if (note_open(b.z, b.n, v->aV, v->nV, pNote, &err) ||
      checkpoint_parse(pNote->zText, pNote->nText, pCp, &err)) {
    buf_printf(pFail, "%s %s: %s", zWhat, zPath, err.z);
    buf_free(&b);
    buf_free(&err);
    return -1;
  }
  buf_free(&b);
  char *zRoot = b64(&pCp->root);
  json_t *aSig = json_array();
  if (!bJson)
    fprintf(g_report, "%s %s: origin %s, tree size %llu, root %s\n", zWhat, zPath, pCp->zOrigin,
            (unsigned long long)pCp->size, zRoot);
  for (int i = 0; i < pNote->nSig; i++) {
    const NoteSig *s = &pNote->aSig[i];
    if (!bJson)
      fprintf(g_report, "  signature by %s (key %08x): %s\n", s->zName, (unsigned)s->keyId,
              sig_status(s->status));
    char zId[9];
    snprintf(zId, sizeof(zId), "%08x", (unsigned)s->keyId);
    json_array_append_new(aSig,
                          json_pack("{s:s, s:s, s:s}", "name", s->zName, "key_id", zId, "status",
                                    s->status == SIG_VERIFIED  ? "verified"
                                    : s->status == SIG_INVALID ? "invalid"
                                                               : "unknown_key"));
  }
  for (int k = 0; k < v->nV; k++) {
    bool bSigned = false;
    for (int i = 0; i < pNote->nSig; i++) bSigned |= pNote->aSig[i].iVerifier == k;
    if (!bSigned && !bJson)
      fprintf(g_report, "  key %s (%08x): did not sign\n", v->aV[k].zName,
              (unsigned)v->aV[k].keyId);
  }
  json_object_set_new(pJson, "origin", json_string(pCp->zOrigin));
  json_object_set_new(pJson, "size", json_integer((json_int_t)pCp->size));
  json_object_set_new(pJson, "root", json_string(zRoot));
  json_object_set_new(pJson, "signatures", aSig);
  free(zRoot);
  for (int i = 0; i < pNote->nSig; i++) {
    if (pNote->aSig[i].status == SIG_INVALID) {
      buf_printf(pFail, "%s %s: the signature by %s does not verify", zWhat, zPath,
                 pNote->aSig[i].zName);
      return -1;
    }
  }
  if (v->bNeedSig && !note_verified(pNote)) {
    buf_printf(pFail, "%s %s: not signed by any of the given keys", zWhat, zPath);
    return -1;
  }
  return 0;
}

/* Check everything; prints the report (text or JSON). Returns 0 when all
** holds. On success *pCp is the checkpoint and *pNote its note. */
static int verify_run(const VerifyArgs *v, bool bJson, Note *pNote, Checkpoint *pCp) {
  json_t *pOut = json_object(), *pNew = json_object(), *pOld = 0;
  Buf fail = {0};
  uint64_t iBad = 0;
  Checkpoint old;
  Note oldNote = {0};
  memset(pNote, 0, sizeof(*pNote));
  json_object_set_new(pOut, "checkpoint", pNew);
  int rc = open_checkpoint(v, v->zCheckpoint, "checkpoint", pNote, pCp, pNew, bJson, &fail);
  if (rc == 0 && v->zOldCheckpoint) {
    pOld = json_object();
    json_object_set_new(pOut, "old_checkpoint", pOld);
    rc =
        open_checkpoint(v, v->zOldCheckpoint, "old checkpoint", &oldNote, &old, pOld, bJson, &fail);
    if (rc == 0 && strcmp(old.zOrigin, pCp->zOrigin) != 0) {
      buf_printf(&fail, "the old checkpoint is of another log (origin %s, not %s)", old.zOrigin,
                 pCp->zOrigin);
      rc = -1;
    } else if (rc == 0 && old.size > pCp->size) {
      buf_printf(&fail, "the old checkpoint (size %llu) is newer than the checkpoint (size %llu)",
                 (unsigned long long)old.size, (unsigned long long)pCp->size);
      rc = -1;
    }
  }
  if (rc == 0 && v->zSource) {
    Check *c = xmalloc(sizeof(Check));
    memset(c, 0, sizeof(*c));
    c->nNew = pCp->size;
    c->newRoot = pCp->root;
    if (v->zOldCheckpoint) {
      c->nOld = old.size;
      c->oldRoot = old.root;
    }
    merkle_empty_root(&c->gotNew);
    merkle_empty_root(&c->gotOld);
    struct stat st;
    bool bDir = stat(v->zSource, &st) == 0 && S_ISDIR(st.st_mode);
    uint64_t nSeen;
    Db *pDb = 0;
    if (bDir) {
      c->zDir = v->zSource;
      nSeen = check_export(c);
    } else {
      pDb = db_open(v->zSource, false);
      nSeen = check_registry(c, pDb);
    }
    json_object_set_new(pOut, "source", json_string(v->zSource));
    json_object_set_new(pOut, "entries_checked", json_integer((json_int_t)nSeen));
    if (!c->fail.n && nSeen < c->nNew)
      check_fail(c, nSeen + 1, "%s has %llu journal entries; the checkpoint commits to %llu",
                 v->zSource, (unsigned long long)nSeen, (unsigned long long)c->nNew);
    if (!c->fail.n && memcmp(&c->gotNew, &c->newRoot, sizeof(MerkleHash)) != 0) {
      char *zGot = b64(&c->gotNew);
      check_fail(c, 0,
                 "the first %llu journal entries hash to root %s, not the checkpoint's: the "
                 "journal was rewritten (and so was the stored log, since no single entry "
                 "disagrees with it)",
                 (unsigned long long)c->nNew, zGot);
      free(zGot);
    }
    if (!c->fail.n && c->nOld && memcmp(&c->gotOld, &c->oldRoot, sizeof(MerkleHash)) != 0)
      check_fail(c, 0,
                 "the first %llu journal entries do not hash to the old checkpoint's root: the "
                 "two checkpoints are not consistent, or the journal was rewritten",
                 (unsigned long long)c->nOld);
    /* The stored log must prove the same: its consistency proof verifies. */
    if (!c->fail.n && pDb && c->nOld) {
      MerkleHash a[MERKLE_MAX_PROOF], r1, r2;
      int n;
      Buf err = {0};
      if (tlog_consistency(pDb, c->nOld, c->nNew, a, &n, &r1, &r2, &err) ||
          !merkle_verify_consistency(c->nOld, c->nNew, &c->oldRoot, &c->newRoot, a, n))
        check_fail(c, 0, "the stored log's consistency proof from %llu to %llu does not verify%s%s",
                   (unsigned long long)c->nOld, (unsigned long long)c->nNew, err.n ? ": " : "",
                   err.n ? err.z : "");
      else if (!bJson)
        fprintf(g_report, "consistency proof from %llu to %llu (%d hashes): verified\n",
                (unsigned long long)c->nOld, (unsigned long long)c->nNew, n);
      buf_free(&err);
    }
    if (c->fail.n) {
      buf_append(&fail, c->fail.z, c->fail.n);
      iBad = c->iBad;
      rc = -1;
    } else if (!bJson) {
      fprintf(g_report,
              "%s: %llu journal entries recomputed; every entry matches, the root matches the "
              "checkpoint%s\n",
              v->zSource, (unsigned long long)c->nNew,
              c->nOld ? " and the old checkpoint's root matches its prefix" : "");
    }
    db_close(pDb);
    buf_free(&c->fail);
    free(c);
  }
  json_object_set_new(pOut, "ok", json_boolean(rc == 0));
  json_object_set_new(pOut, "error", rc ? json_string(fail.z) : json_null());
  json_object_set_new(pOut, "first_bad_entry", iBad ? json_integer((json_int_t)iBad) : json_null());
  if (bJson)
    print_json(pOut);
  else
    json_decref(pOut);
  if (rc)
    fprintf(stderr, "pacta: verification failed: %s\n", fail.z);
  else if (!bJson)
    fprintf(g_report, "verified\n");
  buf_free(&fail);
  note_free(&oldNote);
  return rc;
}

static const char zVerifyUsage[] =
    "verify --checkpoint FILE --key PUB [--key PUB ...] [--old-checkpoint FILE] "
    "[--registry DB | REGISTRY | EXPORT_DIR]";

int logcmd_verify(const char *zDb, bool bJson, const Cli *c) {
  Cli o = *c;
  o.zUsage = zVerifyUsage;
  cli_need_pos(&o, 0, 1);
  VerifyArgs v;
  memset(&v, 0, sizeof(v));
  for (int i = 0; cli_get_nth(&o, "key", i); i++) {
    if (v.nV == 16) cli_fail(&o, "at most 16 keys");
    load_verifier(cli_get_nth(&o, "key", i), &v.aV[v.nV++]);
  }
  if (!v.nV) cli_fail(&o, "give the log's public key with --key PUB");
  v.bNeedSig = true;
  v.zSource = o.nPos ? o.azPos[0] : cli_get(&o, "registry") ? cli_get(&o, "registry") : zDb;
  v.zCheckpoint = cli_get(&o, "checkpoint");
  v.zOldCheckpoint = cli_get(&o, "old-checkpoint");
  Buf cpPath = {0};
  if (!v.zCheckpoint) {
    struct stat st;
    if (stat(v.zSource, &st) == 0 && S_ISDIR(st.st_mode)) {
      buf_printf(&cpPath, "%s/checkpoint", v.zSource);
      v.zCheckpoint = cpPath.z;
    } else {
      cli_fail(&o, "--checkpoint FILE is needed (an export folder has its own)");
    }
  }
  Note note;
  Checkpoint cp;
  g_report = stdout;
  int rc = verify_run(&v, bJson, &note, &cp);
  note_free(&note);
  buf_free(&cpPath);
  return rc ? EXIT_INPUT : 0;
}

/* ---- pacta log ------------------------------------------------------------ */

static const char zLogUsage[] =
    "log checkpoint --key FILE [--origin ORIGIN] [--out FILE] | "
    "log cosign --key FILE [--log-key PUB] [--registry DB|DIR] [--old-checkpoint FILE] "
    "[--out FILE] CHECKPOINT | log proof inclusion --index I [--size N] | "
    "log proof consistency --from M [--to N] | log root [--size N] | log tiles --out DIR "
    "[--key FILE]";

static const char *meta_get(Db *pDb, const char *zKey, Buf *pOut) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT value FROM meta WHERE key=?1");
  sqlite3_bind_text(p, 1, zKey, -1, SQLITE_STATIC);
  const char *z = 0;
  if (db_step_row(pDb, p) && sqlite3_column_text(p, 0)) {
    buf_puts(pOut, (const char *)sqlite3_column_text(p, 0));
    z = pOut->z;
  }
  sqlite3_reset(p);
  return z;
}

static void meta_set(Db *pDb, const char *zKey, const char *zValue) {
  sqlite3_stmt *p = db_stmt(pDb, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)");
  sqlite3_bind_text(p, 1, zKey, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 2, zValue, -1, SQLITE_STATIC);
  db_step_done(pDb, p);
}

/* Sign a checkpoint of the whole log and keep it; returns the note. */
static char *make_checkpoint(Db *pDb, const Cli *o, const char *zKeyFile, const char *zOrigin,
                             uint64_t *pSize) {
  NoteSigner s;
  load_signer(zKeyFile, &s);
  db_begin(pDb);
  uint64_t n = tlog_sync(pDb);
  Buf stored = {0}, err = {0};
  const char *zStored = meta_get(pDb, "log.origin", &stored);
  if (!zOrigin) zOrigin = zStored ? zStored : s.zName;
  if (!note_name_valid(zOrigin)) {
    db_rollback(pDb);
    cli_fail(o, "--origin: expected text without spaces or '+' (e.g. example.org/treaties)");
  }
  if (zStored && strcmp(zStored, zOrigin) != 0) {
    db_rollback(pDb);
    die(EXIT_INPUT, "this log's origin is %s; a log keeps one origin (got --origin %s)", zStored,
        zOrigin);
  }
  /* Never sign a tree inconsistent with one signed before. */
  uint64_t nPrev;
  char *zPrev = tlog_checkpoint_latest(pDb, &nPrev);
  if (zPrev) {
    Note prev;
    Checkpoint cp;
    MerkleHash r;
    if (note_open(zPrev, strlen(zPrev), 0, 0, &prev, &err) ||
        checkpoint_parse(prev.zText, prev.nText, &cp, &err) || cp.size > n ||
        tlog_root(pDb, cp.size, &r, &err) || memcmp(&r, &cp.root, sizeof(r)) != 0) {
      db_rollback(pDb);
      die(EXIT_INPUT,
          "refusing to sign: the log no longer extends the checkpoint of size %llu signed "
          "before (%s); see 'pacta verify'",
          (unsigned long long)nPrev, err.n ? err.z : "its root differs");
    }
    note_free(&prev);
    free(zPrev);
  }
  MerkleHash root;
  if (tlog_root(pDb, n, &root, &err)) {
    db_rollback(pDb);
    die(EXIT_INPUT, "%s", err.z);
  }
  Buf note = {0};
  checkpoint_text(zOrigin, n, &root, &note);
  size_t nText = note.n;
  buf_putc(&note, '\n');
  if (note_sign(&s, note.z, nText, &note, &err)) {
    db_rollback(pDb);
    die(EXIT_INPUT, "%s", err.z);
  }
  tlog_checkpoint_store(pDb, n, note.z);
  if (!zStored) meta_set(pDb, "log.origin", zOrigin);
  db_commit(pDb);
  memset(&s, 0, sizeof(s));
  buf_free(&stored);
  *pSize = n;
  return note.z;
}

static void print_proof(bool bJson, json_t *p, const char *zTitle) {
  if (bJson) {
    print_json(p);
    return;
  }
  printf("%s\n", zTitle);
  const char *zKey;
  json_t *pVal;
  json_object_foreach(p, zKey, pVal) {
    if (json_is_array(pVal)) {
      printf("%-10s %zu hashes, nearest the leaf first\n", zKey, json_array_size(pVal));
      for (size_t i = 0; i < json_array_size(pVal); i++)
        printf("  %s\n", json_string_value(json_array_get(pVal, i)));
    } else if (json_is_string(pVal)) {
      printf("%-10s %s\n", zKey, json_string_value(pVal));
    } else {
      printf("%-10s %lld\n", zKey, (long long)json_integer_value(pVal));
    }
  }
  json_decref(p);
}

static void write_tiles(Db *pDb, const char *zDir, uint64_t n, const char *zNote) {
  /* Hash tiles: level L holds the tree level 8L hashes, 256 per tile. */
  MerkleHash *a = xmalloc(256 * sizeof(MerkleHash));
  int nFiles = 0;
  for (int L = 0; L < 8; L++) {
    uint64_t count = n >> (8 * L);
    if (!count) break;
    for (uint64_t t = 0; t * 256 < count; t++) {
      uint64_t w = count - t * 256 < 256 ? count - t * 256 : 256;
      if (tlog_read_level(pDb, (unsigned)(8 * L), t * 256, w, a))
        die(EXIT_INPUT, "the log's stored hashes are incomplete; run 'pacta rebuild'");
      Buf path = {0};
      char zL[4];
      snprintf(zL, sizeof(zL), "%d", L);
      tile_path(&path, zDir, zL, t, w);
      write_file(path.z, a, (size_t)w * MERKLE_HASH_SIZE);
      buf_free(&path);
      nFiles++;
    }
  }
  free(a);
  /* Entry bundles: big-endian uint16 length, then the record. */
  sqlite3_stmt *p;
  if (sqlite3_prepare_v2(db_handle(pDb),
                         "SELECT seq, record FROM journal WHERE seq<=?1 ORDER BY seq", -1, &p, 0))
    die(EXIT_INPUT, "%s", sqlite3_errmsg(db_handle(pDb)));
  sqlite3_bind_int64(p, 1, (int64_t)n);
  Buf bundle = {0};
  uint64_t i = 0;
  while (sqlite3_step(p) == SQLITE_ROW) {
    size_t len = (size_t)sqlite3_column_bytes(p, 1);
    if (len > 65535)
      die(EXIT_INPUT,
          "journal entry %lld is %zu bytes; tlog-tiles entry bundles hold at most 65535",
          (long long)sqlite3_column_int64(p, 0), len);
    buf_putc(&bundle, (char)(len >> 8));
    buf_putc(&bundle, (char)(len & 255));
    buf_append(&bundle, sqlite3_column_text(p, 1), len);
    i++;
    if (i % 256 == 0 || i == n) {
      Buf path = {0};
      uint64_t t = (i - 1) / 256;
      tile_path(&path, zDir, "entries", t, i - t * 256);
      write_file(path.z, bundle.z, bundle.n);
      buf_free(&path);
      buf_reset(&bundle);
      nFiles++;
    }
  }
  sqlite3_finalize(p);
  buf_free(&bundle);
  Buf path = {0};
  buf_printf(&path, "%s/checkpoint", zDir);
  write_file(path.z, zNote, strlen(zNote));
  buf_free(&path);
  printf("wrote %d tiles and bundles and the checkpoint of size %llu under %s\n", nFiles,
         (unsigned long long)n, zDir);
}

static int log_cosign(const Cli *o, bool bJson) {
  cli_need_pos(o, 2, 2);
  const char *zKey = cli_get(o, "key");
  if (!zKey) cli_fail(o, "give the witness's private key with --key FILE");
  VerifyArgs v;
  memset(&v, 0, sizeof(v));
  for (int i = 0; cli_get_nth(o, "log-key", i); i++) {
    if (v.nV == 16) cli_fail(o, "at most 16 keys");
    load_verifier(cli_get_nth(o, "log-key", i), &v.aV[v.nV++]);
  }
  v.zSource = cli_get(o, "registry");
  if (!v.nV && !v.zSource)
    cli_fail(o, "a witness checks before it signs: give --log-key PUB, --registry DB|DIR, or "
                "both");
  v.bNeedSig = v.nV > 0;
  v.zCheckpoint = o->azPos[1];
  v.zOldCheckpoint = cli_get(o, "old-checkpoint");
  NoteSigner s;
  load_signer(zKey, &s);
  char zName[256];
  snprintf(zName, sizeof(zName), "%s", s.zName);
  Note note;
  Checkpoint cp;
  /* The report goes to stderr: stdout carries the cosigned note. */
  g_report = stderr;
  int rc = verify_run(&v, false, &note, &cp);
  if (rc) {
    note_free(&note);
    return EXIT_INPUT;
  }
  for (int i = 0; i < note.nSig; i++) {
    if (note.aSig[i].keyId == s.keyId && strcmp(note.aSig[i].zName, s.zName) == 0)
      die(EXIT_INPUT, "%s already carries a signature by %s", v.zCheckpoint, s.zName);
  }
  Buf b = {0}, err = {0};
  read_or_die(v.zCheckpoint, &b, "checkpoint");
  if (note_sign(&s, note.zText, note.nText, &b, &err)) die(EXIT_INPUT, "%s", err.z);
  memset(&s, 0, sizeof(s));
  const char *zOut = cli_get(o, "out");
  if (zOut)
    write_file(zOut, b.z, b.n);
  else
    fwrite(b.z, 1, b.n, stdout);
  if (zOut && !bJson) printf("wrote %s, cosigned by %s\n", zOut, zName);
  buf_free(&b);
  note_free(&note);
  return 0;
}

int logcmd_log(const char *zDb, bool bJson, const Cli *c) {
  Cli o = *c;
  o.zUsage = zLogUsage;
  cli_need_pos(&o, 1, 3);
  const char *zSub = o.azPos[0];
  if (strcmp(zSub, "cosign") == 0) return log_cosign(&o, bJson);
  Db *pDb = db_open(zDb, false);
  int rc = 0;
  if (strcmp(zSub, "checkpoint") == 0) {
    cli_need_pos(&o, 1, 1);
    if (!cli_get(&o, "key")) cli_fail(&o, "give the log's private key with --key FILE");
    uint64_t n;
    char *zNote = make_checkpoint(pDb, &o, cli_get(&o, "key"), cli_get(&o, "origin"), &n);
    if (cli_get(&o, "out")) write_file(cli_get(&o, "out"), zNote, strlen(zNote));
    if (bJson)
      print_json(json_pack("{s:I, s:s}", "size", (json_int_t)n, "checkpoint", zNote));
    else if (cli_get(&o, "out"))
      printf("wrote %s: checkpoint of size %llu\n", cli_get(&o, "out"), (unsigned long long)n);
    else
      fputs(zNote, stdout);
    free(zNote);
  } else if (strcmp(zSub, "proof") == 0) {
    cli_need_pos(&o, 2, 2);
    uint64_t n = tlog_sync(pDb);
    Buf err = {0};
    json_t *p;
    if (strcmp(o.azPos[1], "inclusion") == 0) {
      if (!cli_get(&o, "index")) cli_fail(&o, "give the leaf with --index I");
      uint64_t index = parse_count(&o, "--index", cli_get(&o, "index"));
      uint64_t size = cli_get(&o, "size") ? parse_count(&o, "--size", cli_get(&o, "size")) : n;
      p = tlog_inclusion_json(pDb, index, size, &err);
      if (!p) die(EXIT_INPUT, "%s", err.z);
      print_proof(bJson, p, "inclusion proof");
    } else if (strcmp(o.azPos[1], "consistency") == 0) {
      if (!cli_get(&o, "from")) cli_fail(&o, "give the old tree size with --from M");
      uint64_t m = parse_count(&o, "--from", cli_get(&o, "from"));
      uint64_t size = cli_get(&o, "to") ? parse_count(&o, "--to", cli_get(&o, "to")) : n;
      p = tlog_consistency_json(pDb, m, size, &err);
      if (!p) die(EXIT_INPUT, "%s", err.z);
      print_proof(bJson, p, "consistency proof");
    } else {
      cli_fail(&o, "expected inclusion or consistency, got \"%s\"", o.azPos[1]);
    }
  } else if (strcmp(zSub, "root") == 0) {
    cli_need_pos(&o, 1, 1);
    uint64_t n = tlog_sync(pDb);
    uint64_t size = cli_get(&o, "size") ? parse_count(&o, "--size", cli_get(&o, "size")) : n;
    MerkleHash r;
    Buf err = {0};
    if (tlog_root(pDb, size, &r, &err)) die(EXIT_INPUT, "%s", err.z);
    char *z = b64(&r), zHex[65];
    hex_encode(r.a, MERKLE_HASH_SIZE, zHex);
    if (bJson)
      print_json(
          json_pack("{s:I, s:s, s:s}", "size", (json_int_t)size, "root", z, "root_hex", zHex));
    else
      printf("size %llu\nroot %s\n", (unsigned long long)size, z);
    free(z);
  } else if (strcmp(zSub, "tiles") == 0) {
    cli_need_pos(&o, 1, 1);
    const char *zDir = cli_get(&o, "out");
    if (!zDir) cli_fail(&o, "give the folder with --out DIR");
    uint64_t n;
    char *zNote = cli_get(&o, "key")
                      ? make_checkpoint(pDb, &o, cli_get(&o, "key"), cli_get(&o, "origin"), &n)
                      : tlog_checkpoint_latest(pDb, &n);
    if (!zNote)
      die(EXIT_INPUT, "no checkpoint yet: pass --key FILE, or run 'pacta log checkpoint' first");
    write_tiles(pDb, zDir, n, zNote);
    free(zNote);
  } else {
    cli_fail(&o, "expected checkpoint, cosign, proof, root or tiles, got \"%s\"", zSub);
  }
  db_close(pDb);
  return rc;
}

/* ---- pacta merkle ----------------------------------------------------------- */

static const char zMerkleUsage[] = "merkle root | merkle inclusion INDEX | merkle consistency OLD";

static int hex_val(char c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

int logcmd_merkle(const char *zDb, bool bJson, const Cli *c) {
  Cli o = *c;
  o.zUsage = zMerkleUsage;
  cli_need_pos(&o, 1, 2);
  const char *zSub = o.azPos[0];
  bool bRoot = strcmp(zSub, "root") == 0, bIncl = strcmp(zSub, "inclusion") == 0,
       bCons = strcmp(zSub, "consistency") == 0;
  if (!bRoot && !bIncl && !bCons)
    cli_fail(&o, "expected root, inclusion or consistency, got \"%s\"", zSub);
  cli_need_pos(&o, bRoot ? 1 : 2, bRoot ? 1 : 2);
  uint64_t arg = bRoot ? 0 : parse_count(&o, bIncl ? "INDEX" : "OLD", o.azPos[1]);
  Buf in = {0};
  if (read_file("-", &in)) die(EXIT_INPUT, "cannot read standard input: %s", strerror(errno));
  /* One leaf per line, as hex; an empty line is the empty leaf. */
  MerkleHash *aLeaf = 0;
  uint64_t n = 0, nAlloc = 0;
  Buf leaf = {0};
  size_t i = 0;
  int iLine = 0;
  while (i < in.n) {
    size_t e = i;
    while (e < in.n && in.z[e] != '\n') e++;
    size_t end = e > i && in.z[e - 1] == '\r' ? e - 1 : e;
    iLine++;
    if ((end - i) % 2) die(EXIT_INPUT, "line %d: odd number of hex digits", iLine);
    buf_reset(&leaf);
    for (size_t k = i; k < end; k += 2) {
      int hi = hex_val(in.z[k]), lo = hex_val(in.z[k + 1]);
      if (hi < 0 || lo < 0) die(EXIT_INPUT, "line %d: not hex", iLine);
      buf_putc(&leaf, (char)(hi << 4 | lo));
    }
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 64;
      aLeaf = xrealloc(aLeaf, (size_t)nAlloc * sizeof(MerkleHash));
    }
    merkle_leaf_hash(leaf.z ? leaf.z : "", leaf.n, &aLeaf[n++]);
    i = e + 1;
  }
  buf_free(&leaf);
  buf_free(&in);
  MerkleMem mem;
  merkle_mem_init(&mem, aLeaf, n);
  MerkleHash a[MERKLE_MAX_PROOF];
  int nOut = 0;
  char zHex[65];
  if (bRoot) {
    merkle_root(merkle_mem_node, &mem, n, &a[0]);
    nOut = 1;
  } else if (bIncl) {
    if (merkle_inclusion_proof(merkle_mem_node, &mem, arg, n, a, &nOut))
      die(EXIT_INPUT, "INDEX %llu is not below the number of leaves, %llu", (unsigned long long)arg,
          (unsigned long long)n);
  } else {
    if (merkle_consistency_proof(merkle_mem_node, &mem, arg, n, a, &nOut))
      die(EXIT_INPUT, "OLD %llu is more than the number of leaves, %llu", (unsigned long long)arg,
          (unsigned long long)n);
  }
  if (bJson) {
    json_t *p = json_array();
    for (int k = 0; k < nOut; k++) {
      hex_encode(a[k].a, MERKLE_HASH_SIZE, zHex);
      json_array_append_new(p, json_string(zHex));
    }
    print_json(bRoot ? json_pack("{s:I, s:O}", "size", (json_int_t)n, "root", json_array_get(p, 0))
                     : json_pack("{s:I, s:O}", "size", (json_int_t)n, "proof", p));
    json_decref(p);
  } else {
    for (int k = 0; k < nOut; k++) {
      hex_encode(a[k].a, MERKLE_HASH_SIZE, zHex);
      printf("%s\n", zHex);
    }
  }
  merkle_mem_free(&mem);
  free(aLeaf);
  (void)zDb;
  return 0;
}
