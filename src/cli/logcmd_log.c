/*
** `pacta log` (logcmd.h): signed checkpoints, inclusion and consistency
** proofs, the root of a prefix, and static tlog-tiles for any web server.
** `log cosign` is in logcmd_verify.c.
*/
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "logcmd.h"
#include "i18n.h"
#include "logcmd_int.h"
#include "output.h"
#include "tlog.h"

static const char zLogUsage[] =
    "log checkpoint --key FILE [--origin ORIGIN] [--out FILE] | "
    "log cosign --key FILE [--log-key PUB] [--registry DB|DIR] [--old-checkpoint FILE] "
    "[--out FILE] CHECKPOINT | log proof inclusion --index I [--size N] | "
    "log proof consistency --from M [--to N] | log root [--size N] | log tiles --out DIR "
    "[--key FILE [--origin ORIGIN]]";

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

/* Refuse to sign (exit 1): why on stderr and, with --json, on stdout. */
static void refuse(bool bJson, const char *zWhy, uint64_t iBad) {
  if (bJson)
    print_json_new(json_pack("{s:b, s:s, s:o}", "ok", 0, "error", zWhy, "first_bad_entry",
                             iBad ? json_integer((json_int_t)iBad) : json_null()));
  die(EXIT_INPUT, _("refusing to sign: %s; nothing was signed (see 'pacta verify')"), zWhy);
}

/* Changes when another connection commits (PRAGMA data_version). */
static int64_t data_version(Db *pDb) {
  sqlite3_stmt *p = db_stmt(pDb, "PRAGMA data_version");
  int64_t v = db_step_row(pDb, p) ? sqlite3_column_int64(p, 0) : -1;
  sqlite3_reset(p);
  return v;
}

/* Never sign a journal that contradicts itself: every entry is checked as
** 'pacta verify' checks it (lc_check_journal), or refused. Returns in the
** signing (write) transaction with the size of the log checked. The check
** runs in a read snapshot, so writers (pacta serve) do not wait for its
** length, and holds when nothing was committed between that snapshot and
** the write lock; else it runs again, the third time under the lock. */
static uint64_t begin_checked(Db *pDb, bool bJson) {
  tlog_sync(pDb); /* a registry older than the log: its leaves first */
  Buf err = {0};
  for (int attempt = 0;; attempt++) {
    bool bLocked = attempt == 2;
    if (bLocked)
      db_begin(pDb);
    else
      db_read_begin(pDb);
    int64_t v = data_version(pDb);
    uint64_t n = (uint64_t)db_last_seq(pDb), iBad = 0;
    if (lc_check_journal(pDb, n, &err, &iBad)) {
      db_rollback(pDb);
      refuse(bJson, err.z, iBad);
    }
    if (bLocked) return n;
    db_read_end(pDb, true);
    db_begin(pDb);
    if (data_version(pDb) == v) return n;
    db_rollback(pDb); /* written meanwhile: check what is there now */
  }
}

/* Sign a checkpoint of the whole log and keep it; returns the note. Only
** over a journal that holds together: every entry is checked first. */
static char *make_checkpoint(Db *pDb, const Cli *o, bool bJson, const char *zKeyFile,
                             const char *zOrigin, uint64_t *pSize) {
  NoteSigner s;
  lc_load_signer(zKeyFile, &s);
  if (zOrigin && !note_name_valid(zOrigin))
    cli_fail(o, _("--origin: expected text without spaces or '+' (e.g. example.org/treaties)"));
  uint64_t n = begin_checked(pDb, bJson);
  Buf stored = {0}, err = {0};
  const char *zStored = meta_get(pDb, "log.origin", &stored);
  if (!zOrigin) zOrigin = zStored ? zStored : s.zName;
  if (!note_name_valid(zOrigin)) {
    db_rollback(pDb);
    cli_fail(o, _("--origin: expected text without spaces or '+' (e.g. example.org/treaties)"));
  }
  if (zStored && strcmp(zStored, zOrigin) != 0) {
    db_rollback(pDb);
    die(EXIT_INPUT, _("this log's origin is %s; a log keeps one origin (got --origin %s)"), zStored,
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
      Buf why = {0};
      buf_printf(&why,
                 _("the log no longer extends the checkpoint of size %llu signed before (%s)"),
                 (unsigned long long)nPrev, err.n ? err.z : "its root differs");
      refuse(bJson, why.z, 0);
    }
    note_free(&prev);
    xfree(zPrev);
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
    print_json_new(p);
    return;
  }
  printf("%s\n", zTitle);
  const char *zKey;
  json_t *pVal;
  json_object_foreach(p, zKey, pVal) {
    if (json_is_array(pVal)) {
      printf(_("%-10s %zu hashes, nearest the leaf first\n"), zKey, json_array_size(pVal));
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
        die(EXIT_INPUT, _("the log's stored hashes are incomplete; run 'pacta rebuild'"));
      Buf path = {0};
      char zL[4];
      snprintf(zL, sizeof(zL), "%d", L);
      lc_tile_path(&path, zDir, zL, t, w);
      lc_write_file(path.z, a, (size_t)w * MERKLE_HASH_SIZE);
      buf_free(&path);
      nFiles++;
    }
  }
  xfree(a);
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
          _("journal entry %lld is %zu bytes; tlog-tiles entry bundles hold at most 65535"),
          (long long)sqlite3_column_int64(p, 0), len);
    buf_putc(&bundle, (char)(len >> 8));
    buf_putc(&bundle, (char)(len & 255));
    buf_append(&bundle, sqlite3_column_text(p, 1), len);
    i++;
    if (i % 256 == 0 || i == n) {
      Buf path = {0};
      uint64_t t = (i - 1) / 256;
      lc_tile_path(&path, zDir, "entries", t, i - t * 256);
      lc_write_file(path.z, bundle.z, bundle.n);
      buf_free(&path);
      buf_reset(&bundle);
      nFiles++;
    }
  }
  sqlite3_finalize(p);
  buf_free(&bundle);
  Buf path = {0};
  buf_printf(&path, "%s/checkpoint", zDir);
  lc_write_file(path.z, zNote, strlen(zNote));
  buf_free(&path);
  printf(_("wrote %d tiles and bundles and the checkpoint of size %llu under %s\n"), nFiles,
         (unsigned long long)n, zDir);
}

static void log_checkpoint(Db *pDb, const Cli *o, bool bJson) {
  cli_need_pos(o, 1, 1);
  if (!cli_get(o, "key")) cli_fail(o, _("give the log's private key with --key FILE"));
  uint64_t n;
  char *zNote = make_checkpoint(pDb, o, bJson, cli_get(o, "key"), cli_get(o, "origin"), &n);
  if (cli_get(o, "out")) lc_write_file(cli_get(o, "out"), zNote, strlen(zNote));
  if (bJson)
    print_json_new(json_pack("{s:I, s:s}", "size", (json_int_t)n, "checkpoint", zNote));
  else if (cli_get(o, "out"))
    printf(_("wrote %s: checkpoint of size %llu\n"), cli_get(o, "out"), (unsigned long long)n);
  else
    fputs(zNote, stdout);
  xfree(zNote);
}

static void log_proof(Db *pDb, const Cli *o, bool bJson) {
  cli_need_pos(o, 2, 2);
  uint64_t n = tlog_sync(pDb);
  Buf err = {0};
  json_t *p;
  if (strcmp(o->azPos[1], "inclusion") == 0) {
    if (!cli_get(o, "index")) cli_fail(o, _("give the leaf with --index I"));
    uint64_t index = lc_parse_count(o, "--index", cli_get(o, "index"));
    uint64_t size = cli_get(o, "size") ? lc_parse_count(o, "--size", cli_get(o, "size")) : n;
    p = tlog_inclusion_json(pDb, index, size, &err);
    if (!p) die(EXIT_INPUT, "%s", err.z);
    print_proof(bJson, p, _("inclusion proof"));
  } else if (strcmp(o->azPos[1], "consistency") == 0) {
    if (!cli_get(o, "from")) cli_fail(o, _("give the old tree size with --from M"));
    uint64_t m = lc_parse_count(o, "--from", cli_get(o, "from"));
    uint64_t size = cli_get(o, "to") ? lc_parse_count(o, "--to", cli_get(o, "to")) : n;
    p = tlog_consistency_json(pDb, m, size, &err);
    if (!p) die(EXIT_INPUT, "%s", err.z);
    print_proof(bJson, p, _("consistency proof"));
  } else {
    cli_fail(o, _("expected inclusion or consistency, got \"%s\""), o->azPos[1]);
  }
}

static void log_root(Db *pDb, const Cli *o, bool bJson) {
  cli_need_pos(o, 1, 1);
  uint64_t n = tlog_sync(pDb);
  uint64_t size = cli_get(o, "size") ? lc_parse_count(o, "--size", cli_get(o, "size")) : n;
  MerkleHash r;
  Buf err = {0};
  if (tlog_root(pDb, size, &r, &err)) die(EXIT_INPUT, "%s", err.z);
  char *z = lc_b64(&r), zHex[65];
  hex_encode(r.a, MERKLE_HASH_SIZE, zHex);
  if (bJson)
    print_json_new(
        json_pack("{s:I, s:s, s:s}", "size", (json_int_t)size, "root", z, "root_hex", zHex));
  else
    printf(_("size %llu\nroot %s\n"), (unsigned long long)size, z);
  xfree(z);
}

static void log_tiles(Db *pDb, const Cli *o) {
  cli_need_pos(o, 1, 1);
  const char *zDir = cli_get(o, "out");
  if (!zDir) cli_fail(o, _("give the folder with --out DIR"));
  uint64_t n;
  char *zNote = cli_get(o, "key")
                    ? make_checkpoint(pDb, o, false, cli_get(o, "key"), cli_get(o, "origin"), &n)
                    : tlog_checkpoint_latest(pDb, &n);
  if (!zNote)
    die(EXIT_INPUT, _("no checkpoint yet: pass --key FILE, or run 'pacta log checkpoint' first"));
  write_tiles(pDb, zDir, n, zNote);
  xfree(zNote);
}

int logcmd_log(const char *zDb, bool bJson, const Cli *c) {
  Cli o = *c;
  o.zUsage = zLogUsage;
  json_in_english(bJson);
  cli_need_pos(&o, 1, 3);
  const char *zSub = o.azPos[0];
  if (strcmp(zSub, "cosign") == 0) return lc_log_cosign(&o, bJson);
  Db *pDb = db_open(zDb, false);
  if (strcmp(zSub, "checkpoint") == 0)
    log_checkpoint(pDb, &o, bJson);
  else if (strcmp(zSub, "proof") == 0)
    log_proof(pDb, &o, bJson);
  else if (strcmp(zSub, "root") == 0)
    log_root(pDb, &o, bJson);
  else if (strcmp(zSub, "tiles") == 0)
    log_tiles(pDb, &o);
  else
    cli_fail(&o, _("expected checkpoint, cosign, proof, root or tiles, got \"%s\""), zSub);
  db_close(pDb);
  return 0;
}
