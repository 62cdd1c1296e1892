/*
** Tests for src/merkle.c, src/tlog.c and src/note.c: the published RFC 6962
** test vectors (Certificate Transparency's eight leaves), every inclusion
** and consistency proof of every tree size up to 1,000, single-bit changes
** to proofs, leaves and roots, the stored log against the in-memory tree,
** and the signed-note test vector of Go's golang.org/x/mod/sumdb/note.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "db.h"
#include "merkle.h"
#include "note.h"
#include "tlog.h"

static void from_hex(const char *z, unsigned char *a, size_t *pn) {
  size_t n = strlen(z) / 2;
  for (size_t i = 0; i < n; i++) {
    unsigned v;
    sscanf(z + 2 * i, "%2x", &v);
    a[i] = (unsigned char)v;
  }
  *pn = n;
}

static MerkleHash H(const char *zHex) {
  MerkleHash h;
  size_t n;
  from_hex(zHex, h.a, &n);
  if (n != 32) {
    fprintf(stderr, "bad hash in test: %s\n", zHex);
    nFail++;
  }
  return h;
}

static int heq(const MerkleHash *a, const MerkleHash *b) {
  return memcmp(a, b, sizeof(*a)) == 0;
}

/* ---- The published vectors ------------------------------------------------ */

/* RFC 6962 test data as published with Certificate Transparency's
** reference implementations: the leaves and the root of each prefix. */
static const char *const azLeaf[8] = {"",
                                      "00",
                                      "10",
                                      "2021",
                                      "3031",
                                      "40414243",
                                      "5051525354555657",
                                      "606162636465666768696a6b6c6d6e6f"};
static const char *const azRoot[9] = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

static const struct {
  uint64_t a, b; /* inclusion: index, size; consistency: m, n */
  const char *azProof[4];
} aInclusion[] =
    {
        {0,
         8,
         {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4", 0}},
        {5,
         8,
         {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7", 0}},
},
  aConsistency[] = {
      {2,
       8,
       {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4", 0}},
      {6,
       8,
       {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7", 0}},
      {2,
       5,
       {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", 0}},
};

static int proof_len(const char *const *az) {
  int n = 0;
  while (n < 4 && az[n]) n++;
  return n;
}

static void test_vectors(void) {
  MerkleHash aLeaf[8];
  for (int i = 0; i < 8; i++) {
    unsigned char a[32];
    size_t n;
    from_hex(azLeaf[i], a, &n);
    merkle_leaf_hash(a, n, &aLeaf[i]);
  }
  MerkleMem mem;
  merkle_mem_init(&mem, aLeaf, 8);
  for (int n = 0; n <= 8; n++) {
    MerkleHash r, want = H(azRoot[n]);
    CHECK(merkle_root(merkle_mem_node, &mem, (uint64_t)n, &r) == 0 && heq(&r, &want));
    /* The streaming stack agrees. */
    MerkleStack st = {0};
    for (int i = 0; i < n; i++) merkle_stack_push(&st, &aLeaf[i], 0, 0);
    merkle_stack_root(&st, &r);
    CHECK(heq(&r, &want));
  }
  for (size_t t = 0; t < sizeof(aInclusion) / sizeof(aInclusion[0]); t++) {
    MerkleHash a[MERKLE_MAX_PROOF], want[4];
    int n, nWant = proof_len(aInclusion[t].azProof);
    for (int i = 0; i < nWant; i++) want[i] = H(aInclusion[t].azProof[i]);
    CHECK(merkle_inclusion_proof(merkle_mem_node, &mem, aInclusion[t].a, aInclusion[t].b, a, &n) ==
          0);
    CHECK(n == nWant && memcmp(a, want, (size_t)n * sizeof(MerkleHash)) == 0);
    MerkleHash root = H(azRoot[aInclusion[t].b]);
    CHECK(merkle_verify_inclusion(&aLeaf[aInclusion[t].a], aInclusion[t].a, aInclusion[t].b, want,
                                  nWant, &root));
  }
  for (size_t t = 0; t < sizeof(aConsistency) / sizeof(aConsistency[0]); t++) {
    MerkleHash a[MERKLE_MAX_PROOF], want[4];
    int n, nWant = proof_len(aConsistency[t].azProof);
    for (int i = 0; i < nWant; i++) want[i] = H(aConsistency[t].azProof[i]);
    CHECK(merkle_consistency_proof(merkle_mem_node, &mem, aConsistency[t].a, aConsistency[t].b, a,
                                   &n) == 0);
    CHECK(n == nWant && memcmp(a, want, (size_t)n * sizeof(MerkleHash)) == 0);
    MerkleHash r1 = H(azRoot[aConsistency[t].a]), r2 = H(azRoot[aConsistency[t].b]);
    CHECK(merkle_verify_consistency(aConsistency[t].a, aConsistency[t].b, &r1, &r2, want, nWant));
  }
  merkle_mem_free(&mem);
}

/* ---- Every proof up to 1,000 leaves ----------------------------------------- */

#define N_MAX 1000
#define N_EXHAUSTIVE 24 /* every bit of every proof up to this size; beyond, sampled */

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next_rand(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static void flip(MerkleHash *h, unsigned bit) {
  h->a[bit / 8] ^= (unsigned char)(1u << (bit % 8));
}

/* Is the inclusion proof rejected after flipping bit of hash k (k = -1:
** the leaf, k = nProof: the root)? */
static int incl_rejects(MerkleHash leaf, uint64_t i, uint64_t n, MerkleHash *a, int nProof,
                        MerkleHash root, int k, unsigned bit) {
  MerkleHash *p = k < 0 ? &leaf : k == nProof ? &root : &a[k];
  flip(p, bit);
  int bad = !merkle_verify_inclusion(&leaf, i, n, a, nProof, &root);
  flip(p, bit);
  return bad;
}

static int cons_rejects(uint64_t m, uint64_t n, MerkleHash r1, MerkleHash r2, MerkleHash *a,
                        int nProof, int k, unsigned bit) {
  MerkleHash *p = k == -1 ? &r1 : k == -2 ? &r2 : &a[k];
  flip(p, bit);
  int bad = !merkle_verify_consistency(m, n, &r1, &r2, a, nProof);
  flip(p, bit);
  return bad;
}

static void test_all_proofs(const MerkleHash *aLeaf, MerkleMem *mem, const MerkleHash *aRoot) {
  long nIncl = 0, nCons = 0, nFlip = 0;
  long nFailBefore = nFail;
  for (uint64_t n = 1; n <= N_MAX; n++) {
    for (uint64_t i = 0; i < n; i++) {
      MerkleHash a[MERKLE_MAX_PROOF];
      int k;
      if (merkle_inclusion_proof(merkle_mem_node, mem, i, n, a, &k) ||
          !merkle_verify_inclusion(&aLeaf[i], i, n, a, k, &aRoot[n])) {
        CHECK(!"inclusion proof verifies");
        continue;
      }
      nIncl++;
      /* Wrong index, wrong size, short or long proof: rejected. */
      if (n > 1) {
        uint64_t j = (i + 1) % n;
        if (!heq(&aLeaf[j], &aLeaf[i]))
          CHECK(!merkle_verify_inclusion(&aLeaf[i], j, n, a, k, &aRoot[n]));
      }
      CHECK(!merkle_verify_inclusion(&aLeaf[i], n, n, a, k, &aRoot[n]));
      if (k) CHECK(!merkle_verify_inclusion(&aLeaf[i], i, n, a, k - 1, &aRoot[n]));
      a[k] = a[0];
      CHECK(!merkle_verify_inclusion(&aLeaf[i], i, n, a, k + 1, &aRoot[n]));
      /* Single-bit changes to the leaf, each proof hash and the root. */
      if (n <= N_EXHAUSTIVE) {
        for (int h = -1; h <= k; h++)
          for (unsigned bit = 0; bit < 256; bit++, nFlip++)
            if (!incl_rejects(aLeaf[i], i, n, a, k, aRoot[n], h, bit))
              CHECK(!"flipped bit rejected (inclusion)");
      } else if (next_rand() % 8 == 0) {
        for (int h = -1; h <= k; h++, nFlip++)
          if (!incl_rejects(aLeaf[i], i, n, a, k, aRoot[n], h, (unsigned)(next_rand() % 256)))
            CHECK(!"flipped bit rejected (inclusion)");
      }
    }
    for (uint64_t m = 0; m <= n; m++) {
      MerkleHash a[MERKLE_MAX_PROOF];
      int k;
      if (merkle_consistency_proof(merkle_mem_node, mem, m, n, a, &k) ||
          !merkle_verify_consistency(m, n, &aRoot[m], &aRoot[n], a, k)) {
        CHECK(!"consistency proof verifies");
        continue;
      }
      nCons++;
      if (m == 0 || m == n) continue;
      CHECK(!merkle_verify_consistency(m, n, &aRoot[m], &aRoot[n], a, k - 1));
      if (m + 1 < n) CHECK(!merkle_verify_consistency(m + 1, n, &aRoot[m], &aRoot[n], a, k));
      if (n <= N_EXHAUSTIVE) {
        for (int h = -2; h < k; h++)
          for (unsigned bit = 0; bit < 256; bit++, nFlip++)
            if (!cons_rejects(m, n, aRoot[m], aRoot[n], a, k, h, bit))
              CHECK(!"flipped bit rejected (consistency)");
      } else if (next_rand() % 8 == 0) {
        for (int h = -2; h < k; h++, nFlip++)
          if (!cons_rejects(m, n, aRoot[m], aRoot[n], a, k, h, (unsigned)(next_rand() % 256)))
            CHECK(!"flipped bit rejected (consistency)");
      }
    }
  }
  if (nFail == nFailBefore) nPass++;
  printf("verified %ld inclusion and %ld consistency proofs (sizes 1..%d); %ld single-bit "
         "changes rejected\n",
         nIncl, nCons, N_MAX, nFlip);
}

/* ---- The stored log --------------------------------------------------------- */

#define N_STORE 5000 /* more than a row (1024 hashes) at level 0 */

static void test_storage(void) {
  static unsigned char aData[N_STORE][8];
  static MerkleHash aLeaf[N_STORE], aRoot[N_STORE + 1];
  MerkleStack st = {0};
  merkle_stack_root(&st, &aRoot[0]);
  for (int i = 0; i < N_STORE; i++) {
    uint64_t x = next_rand();
    memcpy(aData[i], &x, 8);
    merkle_leaf_hash(aData[i], 8, &aLeaf[i]);
    merkle_stack_push(&st, &aLeaf[i], 0, 0);
    merkle_stack_root(&st, &aRoot[i + 1]);
  }
  MerkleMem memStore, *mem = &memStore;
  merkle_mem_init(mem, aLeaf, N_STORE);
  char zA[] = "/tmp/pacta_test_merkleXXXXXX";
  int fd = mkstemp(zA);
  close(fd);
  unlink(zA);
  Db *pA = db_open(zA, true);
  /* Leaf by leaf, as the journal appends (write-through). */
  db_begin(pA);
  for (uint64_t i = 0; i < N_STORE; i++)
    tlog_append_record(pA, (int64_t)i + 1, (const char *)aData[i], 8);
  db_commit(pA);
  CHECK(tlog_size(pA) == N_STORE);
  for (uint64_t n = 0; n <= N_STORE; n++) {
    MerkleHash r;
    if (merkle_root(tlog_node, pA, n, &r) || !heq(&r, &aRoot[n])) CHECK(!"stored root");
  }
  for (uint64_t n = 1; n <= N_STORE; n += 97) {
    for (uint64_t i = 0; i < n; i += 13) {
      MerkleHash a[MERKLE_MAX_PROOF], b[MERKLE_MAX_PROOF];
      int ka, kb;
      if (merkle_inclusion_proof(tlog_node, pA, i, n, a, &ka) ||
          merkle_inclusion_proof(merkle_mem_node, mem, i, n, b, &kb) || ka != kb ||
          memcmp(a, b, (size_t)ka * sizeof(MerkleHash)))
        CHECK(!"stored inclusion proof equals the in-memory one");
      if (merkle_consistency_proof(tlog_node, pA, i, n, a, &ka) ||
          merkle_consistency_proof(merkle_mem_node, mem, i, n, b, &kb) || ka != kb ||
          memcmp(a, b, (size_t)ka * sizeof(MerkleHash)))
        CHECK(!"stored consistency proof equals the in-memory one");
    }
  }
  /* Batched, in two transactions of odd sizes: the same rows. */
  char zB[] = "/tmp/pacta_test_merkleXXXXXX";
  fd = mkstemp(zB);
  close(fd);
  unlink(zB);
  Db *pB = db_open(zB, true);
  for (int part = 0; part < 2; part++) {
    db_begin(pB);
    TlogWriter *w = tlog_writer_open(pB);
    for (uint64_t i = part ? 2613 : 0; i < (part ? N_STORE : 2613); i++)
      tlog_writer_append(w, &aLeaf[i]);
    tlog_writer_close(w);
    db_commit(pB);
  }
  sqlite3_stmt *p;
  sqlite3_prepare_v2(db_handle(pA), "SELECT count(*), sum(length(hashes)) FROM tlog_hash", -1, &p,
                     0);
  sqlite3_step(p);
  long nRowA = sqlite3_column_int64(p, 0), nByteA = sqlite3_column_int64(p, 1);
  sqlite3_finalize(p);
  sqlite3_prepare_v2(db_handle(pB), "SELECT count(*), sum(length(hashes)) FROM tlog_hash", -1, &p,
                     0);
  sqlite3_step(p);
  CHECK(nRowA == sqlite3_column_int64(p, 0) && nByteA == sqlite3_column_int64(p, 1));
  /* Every complete subtree of levels 0, 4, 8, ... once. */
  long nStored = 0;
  for (int l = 0; (N_STORE >> l) > 0; l += 4) nStored += N_STORE >> l;
  CHECK(nByteA == nStored * 32);
  sqlite3_finalize(p);
  MerkleHash r;
  CHECK(merkle_root(tlog_node, pB, N_STORE, &r) == 0 && heq(&r, &aRoot[N_STORE]));
  MerkleHash aRead[300];
  CHECK(tlog_read_level(pB, 0, 100, 300, aRead) == 0 &&
        memcmp(aRead, aLeaf + 100, sizeof(aRead)) == 0);
  CHECK(tlog_read_level(pB, 4, 10, 20, aRead) == 0 && heq(&aRead[0], &mem->aLevel[4][10]));
  /* Appending out of order is refused: the log never forks from the journal. */
  CHECK(tlog_size(pB) == N_STORE);
  db_close(pA);
  db_close(pB);
  merkle_mem_free(mem);
  char z[64];
  for (int k = 0; k < 2; k++) {
    const char *zPath = k ? zB : zA;
    unlink(zPath);
    snprintf(z, sizeof(z), "%s-wal", zPath);
    unlink(z);
    snprintf(z, sizeof(z), "%s-shm", zPath);
    unlink(z);
  }
}

/* ---- Signed notes ---------------------------------------------------------- */

static void test_notes(void) {
  /* The example key and note of Go's golang.org/x/mod/sumdb/note. */
  const char *zSkey =
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  const char *zVkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  const char *zText = "If you think cryptography is the answer to your problem,\n"
                      "then you don't know what your problem is.\n";
  const char *zSig =
      NOTE_EM_DASH " PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgY"
                   "N1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  NoteSigner s;
  NoteVerifier v;
  Buf err = {0}, line = {0}, vtext = {0};
  CHECK(note_signer_parse(zSkey, &s, &err) == 0);
  CHECK(note_verifier_parse(zVkey, &v, &err) == 0);
  CHECK(s.keyId == 0xc74f20a3 && memcmp(s.pub, v.pub, 32) == 0);
  note_verifier_text(s.zName, s.keyId, s.pub, &vtext);
  CHECK(strcmp(vtext.z, zVkey) == 0);
  CHECK(note_sign(&s, zText, strlen(zText), &line, &err) == 0 && strcmp(line.z, zSig) == 0);
  Buf note = {0};
  buf_printf(&note, "%s\n%s", zText, zSig);
  Note n;
  CHECK(note_open(note.z, note.n, &v, 1, &n, &err) == 0 && note_verified(&n) &&
        n.nText == strlen(zText));
  note_free(&n);
  /* Any single-bit change to the text or signature: rejected. */
  long nBad = 0, nTried = 0;
  for (size_t i = 0; i < note.n; i++) {
    for (int bit = 0; bit < 8; bit++) {
      note.z[i] ^= (char)(1 << bit);
      Buf e = {0};
      int rc = note_open(note.z, note.n, &v, 1, &n, &e);
      if (rc == 0 && note_verified(&n)) nBad++;
      if (rc == 0) note_free(&n);
      buf_free(&e);
      note.z[i] ^= (char)(1 << bit);
      nTried++;
    }
  }
  CHECK(nBad == 0);
  /* Mangled verifier keys are refused. */
  const char *azBad[] = {"PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                         "PeterNeumann+c74f20a3+AXpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                         "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T",
                         "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                         "PeterNeumann+c74f20a3",
                         ""};
  for (size_t i = 0; i < sizeof(azBad) / sizeof(azBad[0]); i++) {
    NoteVerifier bad;
    Buf e = {0};
    CHECK(note_verifier_parse(azBad[i], &bad, &e) != 0);
    buf_free(&e);
  }
  /* A fresh key signs a checkpoint that its verifier key accepts. */
  char *zS, *zV;
  CHECK(note_key_generate("example.org/log", &zS, &zV, &err) == 0);
  NoteSigner s2;
  NoteVerifier v2;
  memset(&s2, 0, sizeof(s2));
  memset(&v2, 0, sizeof(v2));
  CHECK(note_signer_parse(zS, &s2, &err) == 0 && note_verifier_parse(zV, &v2, &err) == 0);
  Buf cp = {0};
  MerkleHash root = H(azRoot[8]);
  checkpoint_text("example.org/log", 8, &root, &cp);
  size_t nText = cp.n;
  buf_putc(&cp, '\n');
  CHECK(note_sign(&s2, cp.z, nText, &cp, &err) == 0);
  NoteVerifier both[2] = {v, v2};
  Checkpoint c;
  CHECK(note_open(cp.z, cp.n, both, 2, &n, &err) == 0 && note_verified(&n) &&
        n.aSig[0].iVerifier == 1 && checkpoint_parse(n.zText, n.nText, &c, &err) == 0 &&
        c.size == 8 && heq(&c.root, &root) && strcmp(c.zOrigin, "example.org/log") == 0);
  note_free(&n);
  /* Only the other key known: well formed, but not verified. */
  CHECK(note_open(cp.z, cp.n, &v, 1, &n, &err) == 0 && !note_verified(&n));
  note_free(&n);
  xfree(zS);
  xfree(zV);
  /* Strict base64. */
  Buf b = {0};
  CHECK(b64_decode("AAE=", 4, &b) == 0 && b.n == 2);
  CHECK(b64_decode("AAF=", 4, &b) != 0); /* non-canonical trailing bits */
  CHECK(b64_decode("AA E", 4, &b) != 0);
  buf_free(&b);
  buf_free(&err);
  buf_free(&line);
  buf_free(&vtext);
  buf_free(&note);
  buf_free(&cp);
  printf("signed notes: the Go sumdb/note vector signs and verifies; %ld single-bit changes "
         "rejected\n",
         nTried);
}

int main(void) {
  test_vectors();
  /* Leaves of the big trees: 8 bytes each, from a fixed generator. */
  static unsigned char aData[N_MAX][8];
  static MerkleHash aLeaf[N_MAX], aRoot[N_MAX + 1];
  for (int i = 0; i < N_MAX; i++) {
    uint64_t x = next_rand();
    memcpy(aData[i], &x, 8);
    merkle_leaf_hash(aData[i], 8, &aLeaf[i]);
  }
  MerkleMem mem;
  merkle_mem_init(&mem, aLeaf, N_MAX);
  MerkleStack st = {0};
  merkle_stack_root(&st, &aRoot[0]);
  for (int i = 0; i < N_MAX; i++) {
    merkle_stack_push(&st, &aLeaf[i], 0, 0);
    merkle_stack_root(&st, &aRoot[i + 1]);
    MerkleHash r;
    if (merkle_root(merkle_mem_node, &mem, (uint64_t)i + 1, &r) || !heq(&r, &aRoot[i + 1]))
      CHECK(!"stack root equals recursive root");
  }
  test_all_proofs(aLeaf, &mem, aRoot);
  test_storage();
  test_notes();
  merkle_mem_free(&mem);
  return check_report();
}
