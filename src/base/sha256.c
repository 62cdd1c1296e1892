#include "sha256.h"

#include <openssl/evp.h>

#include "util.h"

void sha256_open(Sha256 *p) {
  p->pMd = EVP_MD_fetch(0, "SHA256", 0);
  p->pCtx = EVP_MD_CTX_new();
  if (!p->pMd || !p->pCtx) panic("OpenSSL has no SHA-256");
}

void sha256_close(Sha256 *p) {
  EVP_MD_CTX_free(p->pCtx);
  EVP_MD_free(p->pMd);
  p->pMd = p->pCtx = 0;
}

void sha256_digest(Sha256 *p, const void *pData, size_t n, unsigned char *aOut) {
  unsigned int nOut = 0;
  if (!EVP_DigestInit_ex(p->pCtx, p->pMd, 0) || !EVP_DigestUpdate(p->pCtx, pData, n) ||
      !EVP_DigestFinal_ex(p->pCtx, aOut, &nOut) || nOut != SHA256_LEN)
    panic("SHA-256 failed");
}
