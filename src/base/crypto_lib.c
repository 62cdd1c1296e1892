/*
** libcrypto (OpenSSL 3: SHA-256, Ed25519 signatures, random bytes), loaded
** at the first call (lazy_lib.h).
*/
#define OPENSSL_SUPPRESS_DEPRECATED /* SHA256_Init and the rest: merkle.c's */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <pthread.h>

#include "i18n.h"
#include "lazy_lib.h"

#define CRYPTO_SONAME "libcrypto.so.3"
#define CRYPTO_PACKAGE "libssl3"

#define CRYPTO_FUNCTIONS(X)                                                                        \
  X(CRYPTO_memcmp)                                                                                 \
  X(EVP_DecodeBlock)                                                                               \
  X(EVP_DigestFinal_ex)                                                                            \
  X(EVP_DigestInit_ex)                                                                             \
  X(EVP_DigestSign)                                                                                \
  X(EVP_DigestSignInit)                                                                            \
  X(EVP_DigestUpdate)                                                                              \
  X(EVP_DigestVerify)                                                                              \
  X(EVP_DigestVerifyInit)                                                                          \
  X(EVP_EncodeBlock)                                                                               \
  X(EVP_MD_CTX_free)                                                                               \
  X(EVP_MD_CTX_new)                                                                                \
  X(EVP_MD_fetch)                                                                                  \
  X(EVP_MD_free)                                                                                   \
  X(EVP_PKEY_Q_keygen)                                                                             \
  X(EVP_PKEY_free)                                                                                 \
  X(EVP_PKEY_get_raw_private_key)                                                                  \
  X(EVP_PKEY_get_raw_public_key)                                                                   \
  X(EVP_PKEY_new_raw_private_key)                                                                  \
  X(EVP_PKEY_new_raw_public_key)                                                                   \
  X(RAND_bytes)                                                                                    \
  X(SHA256)                                                                                        \
  X(SHA256_Final)                                                                                  \
  X(SHA256_Init)                                                                                   \
  X(SHA256_Update)

enum {
#define CRYPTO_ENUM(NAME) I_##NAME,
  CRYPTO_FUNCTIONS(CRYPTO_ENUM)
#undef CRYPTO_ENUM
      N_FN
};
static const char *const azName[] = {
#define CRYPTO_NAME(NAME) #NAME,
    CRYPTO_FUNCTIONS(CRYPTO_NAME)
#undef CRYPTO_NAME
};
static void *apFn[N_FN];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char zErr[512];
static int rc;

static void load(void) {
  rc = lazy_lib_open(CRYPTO_SONAME, azName, apFn, N_FN, zErr, sizeof(zErr));
}

/* The library's function NAME, loaded. */
#define FN(NAME) ((__typeof__(&NAME))need(I_##NAME))
static void *need(int i) {
  pthread_once(&once, load);
  if (rc)
    lazy_lib_die(_("this command needs a library that is not installed"), CRYPTO_PACKAGE, zErr);
  return apFn[i];
}

int CRYPTO_memcmp(const void *in_a, const void *in_b, size_t len) {
  return FN(CRYPTO_memcmp)(in_a, in_b, len);
}

int EVP_DecodeBlock(unsigned char *t, const unsigned char *f, int n) {
  return FN(EVP_DecodeBlock)(t, f, n);
}

int EVP_EncodeBlock(unsigned char *t, const unsigned char *f, int n) {
  return FN(EVP_EncodeBlock)(t, f, n);
}

int EVP_DigestInit_ex(EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl) {
  return FN(EVP_DigestInit_ex)(ctx, type, impl);
}

int EVP_DigestUpdate(EVP_MD_CTX *ctx, const void *d, size_t cnt) {
  return FN(EVP_DigestUpdate)(ctx, d, cnt);
}

int EVP_DigestFinal_ex(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *s) {
  return FN(EVP_DigestFinal_ex)(ctx, md, s);
}

int EVP_DigestSignInit(EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const EVP_MD *type, ENGINE *e,
                       EVP_PKEY *pkey) {
  return FN(EVP_DigestSignInit)(ctx, pctx, type, e, pkey);
}

int EVP_DigestSign(EVP_MD_CTX *ctx, unsigned char *sigret, size_t *siglen, const unsigned char *tbs,
                   size_t tbslen) {
  return FN(EVP_DigestSign)(ctx, sigret, siglen, tbs, tbslen);
}

int EVP_DigestVerifyInit(EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const EVP_MD *type, ENGINE *e,
                         EVP_PKEY *pkey) {
  return FN(EVP_DigestVerifyInit)(ctx, pctx, type, e, pkey);
}

int EVP_DigestVerify(EVP_MD_CTX *ctx, const unsigned char *sigret, size_t siglen,
                     const unsigned char *tbs, size_t tbslen) {
  return FN(EVP_DigestVerify)(ctx, sigret, siglen, tbs, tbslen);
}

EVP_MD_CTX *EVP_MD_CTX_new(void) {
  return FN(EVP_MD_CTX_new)();
}

void EVP_MD_CTX_free(EVP_MD_CTX *ctx) {
  FN(EVP_MD_CTX_free)(ctx);
}

EVP_MD *EVP_MD_fetch(OSSL_LIB_CTX *ctx, const char *algorithm, const char *properties) {
  return FN(EVP_MD_fetch)(ctx, algorithm, properties);
}

void EVP_MD_free(EVP_MD *md) {
  FN(EVP_MD_free)(md);
}

/* Only the key types without parameters ("ED25519": note.c's). */
EVP_PKEY *EVP_PKEY_Q_keygen(OSSL_LIB_CTX *libctx, const char *propq, const char *type, ...) {
  return FN(EVP_PKEY_Q_keygen)(libctx, propq, type);
}

void EVP_PKEY_free(EVP_PKEY *pkey) {
  FN(EVP_PKEY_free)(pkey);
}

int EVP_PKEY_get_raw_private_key(const EVP_PKEY *pkey, unsigned char *priv, size_t *len) {
  return FN(EVP_PKEY_get_raw_private_key)(pkey, priv, len);
}

int EVP_PKEY_get_raw_public_key(const EVP_PKEY *pkey, unsigned char *pub, size_t *len) {
  return FN(EVP_PKEY_get_raw_public_key)(pkey, pub, len);
}

EVP_PKEY *EVP_PKEY_new_raw_private_key(int type, ENGINE *e, const unsigned char *priv, size_t len) {
  return FN(EVP_PKEY_new_raw_private_key)(type, e, priv, len);
}

EVP_PKEY *EVP_PKEY_new_raw_public_key(int type, ENGINE *e, const unsigned char *pub, size_t len) {
  return FN(EVP_PKEY_new_raw_public_key)(type, e, pub, len);
}

int RAND_bytes(unsigned char *buf, int num) {
  return FN(RAND_bytes)(buf, num);
}

unsigned char *SHA256(const unsigned char *d, size_t n, unsigned char *md) {
  return FN(SHA256)(d, n, md);
}

int SHA256_Init(SHA256_CTX *c) {
  return FN(SHA256_Init)(c);
}

int SHA256_Update(SHA256_CTX *c, const void *data, size_t len) {
  return FN(SHA256_Update)(c, data, len);
}

int SHA256_Final(unsigned char *md, SHA256_CTX *c) {
  return FN(SHA256_Final)(md, c);
}
