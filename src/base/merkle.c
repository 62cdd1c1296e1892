/*
** RFC 6962 Merkle tree math (see merkle.h). The proof generators follow the
** recursive definitions of RFC 6962 section 2.1 (PATH, PROOF, SUBPROOF); the
** verifiers follow the iterative algorithms of RFC 9162 sections 2.1.3.2
** and 2.1.4.2 line by line, so the two sides are independent code.
*/
/* OpenSSL's one-shot SHA256() looks the algorithm up on every call (about
** three times slower on 256-byte leaves than SHA256_Init/Update/Final); the
** low-level calls are deprecated in OpenSSL 3 but still its code. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "merkle.h"

#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void merkle_sha256(const void *p, size_t n, MerkleHash *pOut) {
  SHA256_CTX c;
  SHA256_Init(&c);
  SHA256_Update(&c, p, n);
  SHA256_Final(pOut->a, &c);
}

void merkle_leaf_hash(const void *p, size_t n, MerkleHash *pOut) {
  static const unsigned char zero = 0;
  SHA256_CTX c;
  SHA256_Init(&c);
  SHA256_Update(&c, &zero, 1);
  SHA256_Update(&c, p, n);
  SHA256_Final(pOut->a, &c);
}

void merkle_node_hash(const MerkleHash *pLeft, const MerkleHash *pRight, MerkleHash *pOut) {
  unsigned char buf[1 + 2 * MERKLE_HASH_SIZE];
  buf[0] = 1;
  memcpy(buf + 1, pLeft->a, MERKLE_HASH_SIZE);
  memcpy(buf + 1 + MERKLE_HASH_SIZE, pRight->a, MERKLE_HASH_SIZE);
  SHA256_CTX c;
  SHA256_Init(&c);
  SHA256_Update(&c, buf, sizeof(buf));
  SHA256_Final(pOut->a, &c);
}

void merkle_empty_root(MerkleHash *pOut) {
  merkle_sha256("", 0, pOut);
}

static bool is_pow2(uint64_t n) {
  return n && (n & (n - 1)) == 0;
}

static unsigned log2_floor(uint64_t n) {
  return 63u - (unsigned)__builtin_clzll(n);
}

/* The largest power of two strictly below n (n >= 2). */
static uint64_t split_point(uint64_t n) {
  uint64_t k = (uint64_t)1 << log2_floor(n);
  return k == n ? k >> 1 : k;
}

int merkle_range_root(MerkleNodeFn xNode, void *pCtx, uint64_t begin, uint64_t end,
                      MerkleHash *pOut) {
  if (end <= begin) {
    merkle_empty_root(pOut);
    return 0;
  }
  /* The range is complete subtrees of decreasing size, one per set bit of
  ** its length; RFC 6962 combines them from the right. */
  MerkleHash a[64];
  int nPart = 0;
  uint64_t at = begin, left = end - begin;
  while (left) {
    unsigned level = log2_floor(left);
    int rc = xNode(pCtx, level, at >> level, &a[nPart++]);
    if (rc) return rc;
    at += (uint64_t)1 << level;
    left -= (uint64_t)1 << level;
  }
  MerkleHash r = a[nPart - 1];
  for (int i = nPart - 2; i >= 0; i--) merkle_node_hash(&a[i], &r, &r);
  *pOut = r;
  return 0;
}

int merkle_root(MerkleNodeFn xNode, void *pCtx, uint64_t n, MerkleHash *pOut) {
  return merkle_range_root(xNode, pCtx, 0, n, pOut);
}

/* PATH(m, D[a:b]), appended to aOut. */
static int path(MerkleNodeFn xNode, void *pCtx, uint64_t m, uint64_t a, uint64_t b,
                MerkleHash *aOut, int *pn) {
  if (b - a <= 1) return 0;
  uint64_t k = split_point(b - a);
  int rc;
  if (m < a + k) {
    if ((rc = path(xNode, pCtx, m, a, a + k, aOut, pn)) != 0) return rc;
    return merkle_range_root(xNode, pCtx, a + k, b, &aOut[(*pn)++]);
  }
  if ((rc = path(xNode, pCtx, m, a + k, b, aOut, pn)) != 0) return rc;
  return merkle_range_root(xNode, pCtx, a, a + k, &aOut[(*pn)++]);
}

int merkle_inclusion_proof(MerkleNodeFn xNode, void *pCtx, uint64_t index, uint64_t size,
                           MerkleHash *aOut, int *pnOut) {
  *pnOut = 0;
  if (index >= size) return -1;
  return path(xNode, pCtx, index, 0, size, aOut, pnOut);
}

/* SUBPROOF(m, D[a:b], bComplete), m counted from a. */
static int subproof(MerkleNodeFn xNode, void *pCtx, uint64_t m, uint64_t a, uint64_t b,
                    bool bComplete, MerkleHash *aOut, int *pn) {
  uint64_t n = b - a;
  if (m == n) {
    if (bComplete) return 0;
    return merkle_range_root(xNode, pCtx, a, b, &aOut[(*pn)++]);
  }
  uint64_t k = split_point(n);
  int rc;
  if (m <= k) {
    if ((rc = subproof(xNode, pCtx, m, a, a + k, bComplete, aOut, pn)) != 0) return rc;
    return merkle_range_root(xNode, pCtx, a + k, b, &aOut[(*pn)++]);
  }
  if ((rc = subproof(xNode, pCtx, m - k, a + k, b, false, aOut, pn)) != 0) return rc;
  return merkle_range_root(xNode, pCtx, a, a + k, &aOut[(*pn)++]);
}

int merkle_consistency_proof(MerkleNodeFn xNode, void *pCtx, uint64_t m, uint64_t n,
                             MerkleHash *aOut, int *pnOut) {
  *pnOut = 0;
  if (m > n) return -1;
  if (m == 0 || m == n) return 0;
  return subproof(xNode, pCtx, m, 0, n, true, aOut, pnOut);
}

static bool hash_eq(const MerkleHash *a, const MerkleHash *b) {
  return memcmp(a->a, b->a, MERKLE_HASH_SIZE) == 0;
}

bool merkle_verify_inclusion(const MerkleHash *pLeaf, uint64_t index, uint64_t size,
                             const MerkleHash *aProof, int nProof, const MerkleHash *pRoot) {
  MerkleHash r;
  return merkle_inclusion_root(pLeaf, index, size, aProof, nProof, &r) && hash_eq(&r, pRoot);
}

bool merkle_inclusion_root(const MerkleHash *pLeaf, uint64_t index, uint64_t size,
                           const MerkleHash *aProof, int nProof, MerkleHash *pRoot) {
  if (index >= size) return false;
  uint64_t fn = index, sn = size - 1;
  MerkleHash r = *pLeaf;
  for (int i = 0; i < nProof; i++) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      merkle_node_hash(&aProof[i], &r, &r);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      merkle_node_hash(&r, &aProof[i], &r);
    }
    fn >>= 1;
    sn >>= 1;
  }
  *pRoot = r;
  return sn == 0;
}

bool merkle_verify_consistency(uint64_t m, uint64_t n, const MerkleHash *pOldRoot,
                               const MerkleHash *pNewRoot, const MerkleHash *aProof, int nProof) {
  if (m > n) return false;
  if (m == n) return nProof == 0 && hash_eq(pOldRoot, pNewRoot);
  if (m == 0) return nProof == 0;
  if (nProof == 0) return false;
  /* The path, with the old root in front when m is a power of two. */
  const MerkleHash *aPath = aProof;
  int nPath = nProof, iFirst = 0;
  MerkleHash first;
  if (is_pow2(m)) {
    first = *pOldRoot;
    iFirst = -1;
  } else {
    first = aPath[0];
  }
  uint64_t fn = m - 1, sn = n - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  MerkleHash fr = first, sr = first;
  for (int i = iFirst + 1; i < nPath; i++) {
    const MerkleHash *c = &aPath[i];
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      merkle_node_hash(c, &fr, &fr);
      merkle_node_hash(c, &sr, &sr);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      merkle_node_hash(&sr, c, &sr);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return hash_eq(&fr, pOldRoot) && hash_eq(&sr, pNewRoot) && sn == 0;
}

void merkle_stack_push(MerkleStack *p, const MerkleHash *pLeaf, MerkleNewNodeFn xNew, void *pCtx) {
  MerkleHash h = *pLeaf;
  uint64_t n = p->n;
  if (xNew) xNew(pCtx, 0, n, &h);
  unsigned level = 0;
  while ((n >> level) & 1) {
    merkle_node_hash(&p->a[level], &h, &h);
    level++;
    if (xNew) xNew(pCtx, level, n >> level, &h);
  }
  p->a[level] = h;
  p->n = n + 1;
}

void merkle_stack_root(const MerkleStack *p, MerkleHash *pOut) {
  if (p->n == 0) {
    merkle_empty_root(pOut);
    return;
  }
  bool bHave = false;
  MerkleHash r;
  for (unsigned level = 0; level < 64; level++) {
    if (!((p->n >> level) & 1)) continue;
    if (bHave) {
      merkle_node_hash(&p->a[level], &r, &r);
    } else {
      r = p->a[level];
      bHave = true;
    }
  }
  *pOut = r;
}

void merkle_mem_init(MerkleMem *p, const MerkleHash *aLeaf, uint64_t n) {
  memset(p, 0, sizeof(*p));
  p->n = n;
  while (p->nLevel < 64 && (n >> p->nLevel) > 0) p->nLevel++;
  p->aLevel = xmalloc((size_t)(p->nLevel ? p->nLevel : 1) * sizeof(MerkleHash *));
  for (int l = 0; l < p->nLevel; l++) {
    uint64_t m = n >> l;
    p->aLevel[l] = xmalloc((size_t)m * sizeof(MerkleHash));
    if (l == 0) {
      memcpy(p->aLevel[0], aLeaf, (size_t)n * sizeof(MerkleHash));
    } else {
      for (uint64_t i = 0; i < m; i++)
        merkle_node_hash(&p->aLevel[l - 1][2 * i], &p->aLevel[l - 1][2 * i + 1], &p->aLevel[l][i]);
    }
  }
}

void merkle_mem_free(MerkleMem *p) {
  for (int l = 0; l < p->nLevel; l++) xfree(p->aLevel[l]);
  xfree(p->aLevel);
  memset(p, 0, sizeof(*p));
}

int merkle_mem_node(void *pMem, unsigned level, uint64_t index, MerkleHash *pOut) {
  MerkleMem *p = pMem;
  if ((int)level >= p->nLevel || index >= (p->n >> level)) return -1;
  *pOut = p->aLevel[level][index];
  return 0;
}
