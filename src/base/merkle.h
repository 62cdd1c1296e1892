/*
** RFC 6962 / RFC 9162 section 2.1 Merkle tree math, pure: no I/O, no SQL.
**
** Leaf hash SHA-256(0x00 || leaf), interior node hash SHA-256(0x01 || left
** || right), the tree of n leaves split at the largest power of two below n.
** A "complete subtree" [level, index] is the perfect subtree of height level
** over the leaves [index << level, (index + 1) << level); storage answers
** those (tlog.h), and everything else here is computed from them, so each
** proof costs O(log n) lookups. SHA-256 is OpenSSL's.
*/
#ifndef PACTA_MERKLE_H
#define PACTA_MERKLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MERKLE_HASH_SIZE 32
#define MERKLE_MAX_PROOF 128 /* more than any proof of a tree of < 2^64 leaves */

typedef struct MerkleHash {
  uint8_t a[MERKLE_HASH_SIZE];
} MerkleHash;

/* SHA-256 of n bytes (OpenSSL), and the two RFC 6962 hashes. */
void merkle_sha256(const void *p, size_t n, MerkleHash *pOut);
void merkle_leaf_hash(const void *p, size_t n, MerkleHash *pOut);
void merkle_node_hash(const MerkleHash *pLeft, const MerkleHash *pRight, MerkleHash *pOut);
/* The root of the empty tree: SHA-256 of nothing. */
void merkle_empty_root(MerkleHash *pOut);

/* The hash of the complete subtree [level, index]; returns 0, or non-zero
** when storage cannot answer (the proof functions then return that). */
typedef int (*MerkleNodeFn)(void *pCtx, unsigned level, uint64_t index, MerkleHash *pOut);

/* MTH(D[begin:end]) for a range that RFC 6962's recursion visits: begin a
** multiple of the smallest power of two >= end - begin (0 is always fine). */
int merkle_range_root(MerkleNodeFn xNode, void *pCtx, uint64_t begin, uint64_t end,
                      MerkleHash *pOut);

/* The root of the first n leaves (the empty root for n = 0). */
int merkle_root(MerkleNodeFn xNode, void *pCtx, uint64_t n, MerkleHash *pOut);

/* RFC 6962 PATH(index, D[0:size]), nearest sibling first, into aOut (room
** for MERKLE_MAX_PROOF); *pnOut gets the count. -1 if index >= size. */
int merkle_inclusion_proof(MerkleNodeFn xNode, void *pCtx, uint64_t index, uint64_t size,
                           MerkleHash *aOut, int *pnOut);

/* RFC 6962 PROOF(m, D[0:n]); empty when m == 0 or m == n. -1 if m > n. */
int merkle_consistency_proof(MerkleNodeFn xNode, void *pCtx, uint64_t m, uint64_t n,
                             MerkleHash *aOut, int *pnOut);

/* RFC 9162 section 2.1.3.2. */
bool merkle_verify_inclusion(const MerkleHash *pLeaf, uint64_t index, uint64_t size,
                             const MerkleHash *aProof, int nProof, const MerkleHash *pRoot);

/* The root that an inclusion proof leads to (the loop of RFC 9162 section
** 2.1.3.2); false when the proof has the wrong length for index and size. */
bool merkle_inclusion_root(const MerkleHash *pLeaf, uint64_t index, uint64_t size,
                           const MerkleHash *aProof, int nProof, MerkleHash *pRoot);

/* RFC 9162 section 2.1.4.2, plus: m == n needs an empty proof and equal
** roots; m == 0 needs an empty proof (every tree extends the empty one). */
bool merkle_verify_consistency(uint64_t m, uint64_t n, const MerkleHash *pOldRoot,
                               const MerkleHash *pNewRoot, const MerkleHash *aProof, int nProof);

/*
** A growing tree held as its complete subtrees (one per set bit of n): what
** an append needs, and the root in O(log n). xNode, when set, is told of
** every complete subtree that a push completes, the leaf first.
*/
typedef struct MerkleStack {
  uint64_t n;
  MerkleHash a[64]; /* a[level] is valid when bit level of n is set */
} MerkleStack;

typedef void (*MerkleNewNodeFn)(void *pCtx, unsigned level, uint64_t index, const MerkleHash *h);

void merkle_stack_push(MerkleStack *p, const MerkleHash *pLeaf, MerkleNewNodeFn xNew, void *pCtx);
void merkle_stack_root(const MerkleStack *p, MerkleHash *pOut);

/*
** Every complete subtree of a tree held in memory (levels[l][i]), so a node
** lookup is O(1): for `pacta merkle`, tests and offline verification.
*/
typedef struct MerkleMem {
  uint64_t n;
  int nLevel;
  MerkleHash **aLevel; /* aLevel[l] has n >> l hashes */
} MerkleMem;

void merkle_mem_init(MerkleMem *p, const MerkleHash *aLeaf, uint64_t n);
void merkle_mem_free(MerkleMem *p);
int merkle_mem_node(void *pMem, unsigned level, uint64_t index, MerkleHash *pOut);

#endif
