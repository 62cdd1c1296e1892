/*
** The hashing a load owes the verifiable log, and nothing else: the RFC 6962
** root of a log's leaves, read from its C2SP entry bundles (`pacta log tiles
** --out DIR`), with OpenSSL's SHA-256. Each leaf is hashed once (0x00 ||
** entry) and each interior node once (0x01 || left || right), as an append
** does. Prints the size and the root in base64, as `pacta log root` does, so
** bench/load_floor.sh can check that the bytes hashed are the log's.
**
**   cc -O2 -o log_root bench/log_root.c -lcrypto && ./log_root DIR SIZE
*/
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUNDLE 256 /* entries per full bundle (C2SP tlog-tiles) */

/* The path of entry bundle n under DIR: tile/entries/x001/234, and for a
** partial bundle of w entries, .../234.p/w. */
static void bundle_path(char *z, size_t nz, const char *zDir, uint64_t n, unsigned w) {
  char zIdx[64] = "", zPart[8];
  int nPart = 0;
  uint64_t m = n;
  char azGroup[8][8];
  do {
    snprintf(azGroup[nPart++], sizeof(azGroup[0]), "%03u", (unsigned)(m % 1000));
    m /= 1000;
  } while (m && nPart < 8);
  for (int i = nPart - 1; i >= 0; i--) {
    if (i > 0) strcat(zIdx, "x");
    strcat(zIdx, azGroup[i]);
    if (i > 0) strcat(zIdx, "/");
  }
  snprintf(zPart, sizeof(zPart), "%u", w);
  snprintf(z, nz, "%s/tile/entries/%s%s%s", zDir, zIdx, w < BUNDLE ? ".p/" : "",
           w < BUNDLE ? zPart : "");
}

/* The hashes of complete subtrees still waiting for a right sibling: at
** most one per level. */
static unsigned char aStack[64][32];
static int nStack;

static EVP_MD_CTX *c; /* one context, reset for each hash */

static void hash2(unsigned char *pOut, unsigned char cPrefix, const unsigned char *a, size_t na,
                  const unsigned char *b, size_t nb) {
  EVP_DigestInit_ex(c, 0, 0);
  EVP_DigestUpdate(c, &cPrefix, 1);
  EVP_DigestUpdate(c, a, na);
  if (nb) EVP_DigestUpdate(c, b, nb);
  EVP_DigestFinal_ex(c, pOut, 0);
}

/* Leaf i's hash pushed, and each subtree it completes folded. */
static void append(uint64_t i, const unsigned char *z, size_t n) {
  hash2(aStack[nStack++], 0, z, n, 0, 0);
  for (uint64_t k = i; k & 1; k >>= 1, nStack--)
    hash2(aStack[nStack - 2], 1, aStack[nStack - 2], 32, aStack[nStack - 1], 32);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: log_root TILES_DIR SIZE\n");
    return 2;
  }
  uint64_t nSize = strtoull(argv[2], 0, 10), i = 0;
  if (nSize == 0) {
    fprintf(stderr, "log_root: SIZE must be positive\n");
    return 2;
  }
  c = EVP_MD_CTX_new();
  EVP_DigestInit_ex(c, EVP_sha256(), 0);
  static unsigned char aBuf[BUNDLE * (2 + 65535)]; /* a full bundle of the longest entries */
  char zPath[4096];
  for (uint64_t b = 0; i < nSize; b++) {
    uint64_t nLeft = nSize - b * BUNDLE;
    unsigned w = nLeft < BUNDLE ? (unsigned)nLeft : BUNDLE;
    bundle_path(zPath, sizeof(zPath), argv[1], b, w);
    FILE *f = fopen(zPath, "rb");
    size_t n = f ? fread(aBuf, 1, sizeof(aBuf), f) : 0;
    if (!f || ferror(f)) {
      perror(zPath);
      return 1;
    }
    fclose(f);
    for (size_t off = 0; off + 2 <= n && i < nSize; i++) {
      size_t len = (size_t)aBuf[off] << 8 | aBuf[off + 1];
      if (off + 2 + len > n) break;
      append(i, aBuf + off + 2, len);
      off += 2 + len;
    }
    if (i != b * BUNDLE + w) {
      fprintf(stderr, "log_root: %s: %u entries expected\n", zPath, w);
      return 1;
    }
  }
  /* The root: the stack folded from the right (RFC 6962's MTH). */
  while (nStack > 1) {
    hash2(aStack[nStack - 2], 1, aStack[nStack - 2], 32, aStack[nStack - 1], 32);
    nStack--;
  }
  unsigned char zB64[48];
  EVP_EncodeBlock(zB64, aStack[0], 32);
  printf("size %llu\nroot %s\n", (unsigned long long)nSize, (char *)zB64);
  return 0;
}
