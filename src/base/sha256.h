/*
** SHA-256 through OpenSSL's EVP interface, with the algorithm fetched once
** per use site rather than once per call (OpenSSL 3's one-shot SHA256()
** looks it up every time, which shows when hashing every journal entry).
*/
#ifndef PACTA_SHA256_H
#define PACTA_SHA256_H

#include <stddef.h>

#define SHA256_LEN 32

typedef struct Sha256 {
  void *pMd;  /* EVP_MD */
  void *pCtx; /* EVP_MD_CTX */
} Sha256;

void sha256_open(Sha256 *p);
void sha256_close(Sha256 *p);
void sha256_digest(Sha256 *p, const void *pData, size_t n, unsigned char *aOut /* [32] */);

#endif
