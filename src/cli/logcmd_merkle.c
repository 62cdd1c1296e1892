/*
** `pacta merkle` (logcmd.h): RFC 6962 on leaves read from standard input,
** for checking against other implementations.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logcmd.h"
#include "i18n.h"
#include "logcmd_int.h"
#include "output.h"

static const char zMerkleUsage[] = "merkle root | merkle inclusion INDEX | merkle consistency OLD";

static int hex_val(char c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

/* The leaves on standard input: one per line, as hex; an empty line is the
** empty leaf. Returns their number, the leaf hashes in a new *paLeaf. */
static uint64_t read_leaves(MerkleHash **paLeaf) {
  Buf in = {0};
  if (read_file("-", &in)) die(EXIT_INPUT, _("cannot read standard input: %s"), strerror(errno));
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
    if ((end - i) % 2) die(EXIT_INPUT, _("line %d: odd number of hex digits"), iLine);
    buf_reset(&leaf);
    for (size_t k = i; k < end; k += 2) {
      int hi = hex_val(in.z[k]), lo = hex_val(in.z[k + 1]);
      if (hi < 0 || lo < 0) die(EXIT_INPUT, _("line %d: not hex"), iLine);
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
  *paLeaf = aLeaf;
  return n;
}

int logcmd_merkle(const char *zDb, bool bJson, const Cli *c) {
  Cli o = *c;
  o.zUsage = zMerkleUsage;
  cli_need_pos(&o, 1, 2);
  const char *zSub = o.azPos[0];
  bool bRoot = strcmp(zSub, "root") == 0, bIncl = strcmp(zSub, "inclusion") == 0,
       bCons = strcmp(zSub, "consistency") == 0;
  if (!bRoot && !bIncl && !bCons)
    cli_fail(&o, _("expected root, inclusion or consistency, got \"%s\""), zSub);
  cli_need_pos(&o, bRoot ? 1 : 2, bRoot ? 1 : 2);
  uint64_t arg = bRoot ? 0 : lc_parse_count(&o, bIncl ? "INDEX" : "OLD", o.azPos[1]);
  MerkleHash *aLeaf;
  uint64_t n = read_leaves(&aLeaf);
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
      die(EXIT_INPUT, _("INDEX %llu is not below the number of leaves, %llu"),
          (unsigned long long)arg, (unsigned long long)n);
  } else {
    if (merkle_consistency_proof(merkle_mem_node, &mem, arg, n, a, &nOut))
      die(EXIT_INPUT, _("OLD %llu is more than the number of leaves, %llu"),
          (unsigned long long)arg, (unsigned long long)n);
  }
  if (bJson) {
    json_t *p = json_array();
    for (int k = 0; k < nOut; k++) {
      hex_encode(a[k].a, MERKLE_HASH_SIZE, zHex);
      json_array_append_new(p, json_string(zHex));
    }
    print_json_new(
        bRoot ? json_pack("{s:I, s:O}", "size", (json_int_t)n, "root", json_array_get(p, 0))
              : json_pack("{s:I, s:O}", "size", (json_int_t)n, "proof", p));
    json_decref(p);
  } else {
    for (int k = 0; k < nOut; k++) {
      hex_encode(a[k].a, MERKLE_HASH_SIZE, zHex);
      printf("%s\n", zHex);
    }
  }
  merkle_mem_free(&mem);
  xfree(aLeaf);
  (void)zDb;
  return 0;
}
