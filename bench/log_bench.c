/*
** Benchmark of the verifiable log (src/tlog.c), in-process:
**
**   1. the raw SHA-256 rate of 256-byte leaves (OpenSSL, the same call the
**      log uses), and in the same run the rate of log appends of the same
**      leaves: batched (the writer, one commit per 100,000) and as the
**      journal appends them (its transaction's writer, a commit per 1,000),
**      each also in process CPU time (steadier than the clock on a shared
**      machine) and in pages written to the WAL per 1,000 leaves (SQLite's
**      count, the same on every run: what the storage costs); then one run
**      each of the same leaves with a commit per 10 and per 100 entries, as
**      commands and API writes make them: CPU time and pages per commit;
**   2. inclusion proofs on a 10-million-leaf log built directly with the
**      tlog functions on a scratch registry (journal rows included, so that
**      `pacta serve` can serve it for bench/log.sh's HTTP measure).
**
** usage: log_bench [--leaves N] [--big N] [--proofs N] [--db PATH]
** Prints figures; exits non-zero only when something could not run.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "merkle.h"
#include "tlog.h"

#define LEAF 256

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Journal-like record number seq, exactly 256 bytes of canonical-looking JSON. */
static void make_record(uint64_t seq, char *z) {
  int n = snprintf(z, LEAF + 1,
                   "{\"actor\":\"bench\",\"key\":\"P%09llu\",\"kind\":\"party\",\"op\":\"put\","
                   "\"seq\":%llu,\"time\":\"2026-11-22T19:00:00Z\",\"value\":{\"pad\":\"",
                   (unsigned long long)seq, (unsigned long long)seq);
  uint64_t x = seq * 0x9E3779B97F4A7C15ull;
  while (n < LEAF - 3) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    z[n++] = "abcdefghijklmnopqrstuvwxyz0123456789"[x % 36];
  }
  memcpy(z + n, "\"}}", 3);
  z[LEAF] = 0;
}

static double cpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Pages the connection has written since the last call: in WAL mode, the
** frames its commits appended (checkpoints not counted). */
static int pages_written(Db *pDb) {
  int n = 0, nHigh;
  sqlite3_db_status(db_handle(pDb), SQLITE_DBSTATUS_CACHE_WRITE, &n, &nHigh, 1);
  return n;
}

static Db *scratch(const char *zPath) {
  Buf z = {0};
  unlink(zPath);
  buf_printf(&z, "%s-wal", zPath);
  unlink(z.z);
  buf_reset(&z);
  buf_printf(&z, "%s-shm", zPath);
  unlink(z.z);
  buf_free(&z);
  Db *pDb = db_open(zPath, true);
  db_exec(pDb, "PRAGMA synchronous=OFF");
  return pDb;
}

/* Leaves 1..n appended as the journal appends them, a commit per `per`
** entries, on a scratch registry: the wall and CPU seconds, and the pages
** written to the WAL. */
static int journal_run(const char *zPath, const char *aData, uint64_t n, uint64_t per,
                       double *pWall, double *pCpu) {
  Db *pDb = scratch(zPath);
  pages_written(pDb);
  double t0 = now(), c0 = cpu();
  MerkleHash h;
  db_begin(pDb);
  TlogWriter *pJ = 0;
  for (uint64_t i = 0; i < n; i++) {
    merkle_leaf_hash(aData + i * (LEAF + 1), LEAF, &h); /* the record's one hash */
    tlog_journal_append(&pJ, pDb, (int64_t)i + 1, &h);
    if ((i + 1) % per == 0) {
      tlog_writer_flush(pJ);
      tlog_writer_discard(pJ);
      pJ = 0;
      db_commit(pDb);
      db_begin(pDb);
    }
  }
  tlog_writer_close(pJ);
  db_commit(pDb);
  *pWall = now() - t0;
  *pCpu = cpu() - c0;
  int nPage = pages_written(pDb);
  db_close(pDb);
  unlink(zPath);
  return nPage;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  uint64_t nLeaf = 1000000, nBig = 10000000, nProof = 100000;
  const char *zDb = "bench/out/log10m.db";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--leaves") == 0)
      nLeaf = strtoull(argv[i + 1], 0, 10);
    else if (strcmp(argv[i], "--big") == 0)
      nBig = strtoull(argv[i + 1], 0, 10);
    else if (strcmp(argv[i], "--proofs") == 0)
      nProof = strtoull(argv[i + 1], 0, 10);
    else if (strcmp(argv[i], "--db") == 0)
      zDb = argv[i + 1];
    else {
      fprintf(stderr, "usage: log_bench [--leaves N] [--big N] [--proofs N] [--db PATH]\n");
      return 2;
    }
  }
  char *aData = malloc((size_t)nLeaf * (LEAF + 1));
  if (!aData) return 1;
  for (uint64_t i = 0; i < nLeaf; i++) make_record(i + 1, aData + i * (LEAF + 1));

  /* 1. Raw SHA-256 against appends, same leaves, same run. Best of 3. */
  double tRaw = 1e9, tBatch = 1e9, tOne = 1e9, cRaw = 1e9, cBatch = 1e9, cOne = 1e9;
  int nPageBatch = 0, nPageOne = 0;
  MerkleHash h, sink = {{0}};
  for (int run = 0; run < 3; run++) {
    double t0 = now(), c0 = cpu();
    for (uint64_t i = 0; i < nLeaf; i++) {
      merkle_sha256(aData + i * (LEAF + 1), LEAF, &h);
      sink.a[i & 31] ^= h.a[0];
    }
    double t = now() - t0, c = cpu() - c0;
    if (t < tRaw) tRaw = t;
    if (c < cRaw) cRaw = c;

    char zTmp[4096];
    snprintf(zTmp, sizeof(zTmp), "%.4000s.append", zDb);
    Db *pDb = scratch(zTmp);
    pages_written(pDb);
    t0 = now();
    c0 = cpu();
    db_begin(pDb);
    TlogWriter *w = tlog_writer_open(pDb);
    for (uint64_t i = 0; i < nLeaf; i++) {
      merkle_leaf_hash(aData + i * (LEAF + 1), LEAF, &h);
      tlog_writer_append(w, &h);
      if ((i + 1) % 100000 == 0) {
        tlog_writer_flush(w);
        db_commit(pDb);
        db_begin(pDb);
      }
    }
    tlog_writer_close(w);
    db_commit(pDb);
    t = now() - t0;
    c = cpu() - c0;
    if (t < tBatch) tBatch = t;
    if (c < cBatch) cBatch = c;
    nPageBatch = pages_written(pDb);
    db_close(pDb);

    /* As the journal appends: the transaction's writer, a commit per 1,000 entries. */
    uint64_t nOne = nLeaf / 4;
    nPageOne = journal_run(zTmp, aData, nOne, 1000, &t, &c);
    t *= (double)nLeaf / (double)nOne;
    c *= (double)nLeaf / (double)nOne;
    if (t < tOne) tOne = t;
    if (c < cOne) cOne = c;
    unlink(zTmp);
  }
  double rRaw = (double)nLeaf / tRaw, rBatch = (double)nLeaf / tBatch, rOne = (double)nLeaf / tOne;
  printf("leaves: %llu of %d bytes (journal-like JSON records)\n", (unsigned long long)nLeaf, LEAF);
  printf("raw SHA-256 (OpenSSL) of the leaves:            %10.0f leaves/s  (%.0f ns each)\n", rRaw,
         1e9 / rRaw);
  printf("log appends, batched (commit per 100,000):      %10.0f leaves/s  (%.0f ns each) = "
         "%.0f %% of raw SHA-256 (target >= 50 %%)\n",
         rBatch, 1e9 / rBatch, 100.0 * rBatch / rRaw);
  printf("log appends as the journal makes them (commit per 1,000 entries):\n"
         "                                                %10.0f leaves/s  (%.0f ns each) = "
         "%.0f %% of raw SHA-256\n",
         rOne, 1e9 / rOne, 100.0 * rOne / rRaw);
  printf("in process CPU time: raw %.0f ns, batched %.0f ns = %.0f %%, as the journal %.0f ns = "
         "%.0f %%\n",
         1e9 * cRaw / (double)nLeaf, 1e9 * cBatch / (double)nLeaf, 100.0 * cRaw / cBatch,
         1e9 * cOne / (double)nLeaf, 100.0 * cRaw / cOne);
  printf("pages written to the WAL per 1,000 leaves: batched %.1f, as the journal %.1f\n",
         1000.0 * nPageBatch / (double)nLeaf, 1000.0 * nPageOne / (double)(nLeaf / 4));
  /* Smaller transactions, as commands and API writes make them: one run each. */
  printf("as the journal, smaller commits (CPU time):");
  for (uint64_t per = 10; per < 1000; per *= 10) {
    char zTmp[4096];
    double t, c;
    snprintf(zTmp, sizeof(zTmp), "%.4000s.append", zDb);
    uint64_t n = nLeaf / 4 / per * per;
    int nPage = n ? journal_run(zTmp, aData, n, per, &t, &c) : 0;
    printf("%s %llu entries: %.0f ns/leaf, %.1f pages/commit", per > 10 ? ";" : "",
           (unsigned long long)per, n ? 1e9 * c / (double)n : 0.0,
           n ? (double)nPage / (double)(n / per) : 0.0);
  }
  printf("\n");
  free(aData);

  /* 2. The 10-million-leaf log, journal rows included; reused when present. */
  Db *pDb = 0;
  struct stat st;
  if (stat(zDb, &st) == 0) {
    pDb = db_open(zDb, false);
    if (tlog_size(pDb) != nBig) {
      db_close(pDb);
      pDb = 0;
    }
  }
  if (pDb) {
    printf("%llu-leaf log: reusing %s\n", (unsigned long long)nBig, zDb);
  } else {
    pDb = scratch(zDb);
    double t0 = now();
    char zRec[LEAF + 1];
    db_begin(pDb);
    TlogWriter *w = tlog_writer_open(pDb);
    /* The journal's rows as journal_append writes them (journal.h): one
    ** transaction row, then kind, key, op and value of each record. */
    db_exec(pDb, "INSERT INTO journal_tx(tx, actor, time) VALUES(1, 'bench', "
                 "'2026-11-22T19:00:00Z')");
    sqlite3_stmt *p = db_stmt(pDb, "INSERT INTO journal_entry(seq, tx, kind, key, op, value) "
                                   "VALUES(?1, 1, 'party', ?2, 'put', ?3)");
    for (uint64_t i = 0; i < nBig; i++) {
      make_record(i + 1, zRec);
      const char *zValue = strstr(zRec, ",\"value\":") + 9;
      sqlite3_bind_int64(p, 1, (int64_t)i + 1);
      sqlite3_bind_text(p, 2, zRec + 24, 10, SQLITE_STATIC); /* P000000001 */
      sqlite3_bind_text(p, 3, zValue, (int)(zRec + LEAF - 1 - zValue), SQLITE_STATIC);
      db_step_done(pDb, p);
      merkle_leaf_hash(zRec, LEAF, &h);
      tlog_writer_append(w, &h);
      if ((i + 1) % 1000000 == 0) {
        tlog_writer_flush(w);
        db_commit(pDb);
        db_begin(pDb);
      }
    }
    tlog_writer_close(w);
    db_commit(pDb);
    db_exec(pDb, "PRAGMA synchronous=NORMAL");
    printf("%llu-leaf log with its journal: built in %.1f s into %s\n", (unsigned long long)nBig,
           now() - t0, zDb);
  }
  if (getenv("LOG_BENCH_MMAP")) {
    char zSql[80];
    snprintf(zSql, sizeof(zSql), "PRAGMA mmap_size=%s", getenv("LOG_BENCH_MMAP"));
    db_exec(pDb, zSql);
  }
  /* Warm the cache as a server that has been up a while would be. */
  sqlite3_stmt *pWarm = db_stmt(pDb, "SELECT sum(length(hashes)) FROM tlog_hash");
  db_step_row(pDb, pWarm);
  sqlite3_reset(pWarm);

  double *aT = malloc((size_t)nProof * sizeof(double));
  MerkleHash root, a[MERKLE_MAX_PROOF], leaf;
  int n;
  Buf err = {0};
  if (tlog_root(pDb, nBig, &root, &err)) {
    fprintf(stderr, "log_bench: %s\n", err.z);
    return 1;
  }
  uint64_t x = 88172645463325252ull, nBad = 0;
  double tAll0 = now();
  for (uint64_t k = 0; k < nProof; k++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    uint64_t index = x % nBig;
    double t0 = now();
    MerkleHash r;
    if (tlog_inclusion(pDb, index, nBig, &leaf, a, &n, &r, &err)) {
      fprintf(stderr, "log_bench: %s\n", err.z);
      return 1;
    }
    aT[k] = now() - t0;
    if (!merkle_verify_inclusion(&leaf, index, nBig, a, n, &root)) nBad++;
  }
  double tAll = now() - tAll0;
  qsort(aT, (size_t)nProof, sizeof(double), cmp_double);
  double sum = 0;
  for (uint64_t k = 0; k < nProof; k++) sum += aT[k];
  printf("inclusion proofs on the %llu-leaf log, %llu random leaves (each verified: %llu bad):\n"
         "  mean %.1f us, p50 %.1f us, p99 %.1f us, max %.1f us (target < 100 us); %.0f proofs/s "
         "with verification\n",
         (unsigned long long)nBig, (unsigned long long)nProof, (unsigned long long)nBad,
         1e6 * sum / (double)nProof, 1e6 * aT[nProof / 2], 1e6 * aT[nProof * 99 / 100],
         1e6 * aT[nProof - 1], (double)nProof / tAll);
  free(aT);
  db_close(pDb);
  (void)sink;
  return nBad ? 1 : 0;
}
