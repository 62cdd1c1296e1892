/*
** Signed notes, keys and checkpoints (note.h).
*/
#include "note.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* ---- base64 ---------------------------------------------------------------- */

void b64_encode(const void *p, size_t n, Buf *pOut) {
  size_t nOut = 4 * ((n + 2) / 3);
  unsigned char *z = xmalloc(nOut + 1);
  int m = EVP_EncodeBlock(z, p, (int)n);
  buf_append(pOut, z, (size_t)m);
  xfree(z);
}

static bool b64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

int b64_decode(const char *z, size_t n, Buf *pOut) {
  if (n % 4) return -1;
  size_t nPad = 0;
  while (nPad < 2 && nPad < n && z[n - 1 - nPad] == '=') nPad++;
  for (size_t i = 0; i < n - nPad; i++)
    if (!b64_char(z[i])) return -1;
  unsigned char *a = xmalloc(n / 4 * 3 + 1);
  int m = n ? EVP_DecodeBlock(a, (const unsigned char *)z, (int)n) : 0;
  if (m < 0 || (size_t)m < nPad) {
    xfree(a);
    return -1;
  }
  size_t nOut = (size_t)m - nPad;
  /* Canonical: encoding the bytes again gives the same text. */
  Buf again = {0};
  b64_encode(a, nOut, &again);
  bool bSame = again.n == n && (n == 0 || memcmp(again.z, z, n) == 0);
  buf_free(&again);
  if (bSame) buf_append(pOut, a, nOut);
  xfree(a);
  return bSame ? 0 : -1;
}

/* ---- keys ------------------------------------------------------------------ */

/* Decode one UTF-8 sequence at z; its code point and length, or 0. */
static int utf8_decode(const unsigned char *z, size_t n, uint32_t *pCp) {
  if (n == 0) return 0;
  if (z[0] < 0x80) {
    *pCp = z[0];
    return 1;
  }
  int len = (z[0] & 0xE0) == 0xC0 ? 2 : (z[0] & 0xF0) == 0xE0 ? 3 : (z[0] & 0xF8) == 0xF0 ? 4 : 0;
  if (!len || (size_t)len > n) return 0;
  uint32_t cp = z[0] & (0x7F >> len);
  for (int i = 1; i < len; i++) {
    if ((z[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (z[i] & 0x3F);
  }
  static const uint32_t aMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < aMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *pCp = cp;
  return len;
}

static bool is_unicode_space(uint32_t cp) {
  return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

bool note_name_valid(const char *z) {
  size_t n = strlen(z);
  if (n == 0 || n >= 256) return false;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    int len = utf8_decode((const unsigned char *)z + i, n - i, &cp);
    if (!len || cp < 0x20 || cp == 0x7F || cp == '+' || is_unicode_space(cp)) return false;
    i += (size_t)len;
  }
  return true;
}

uint32_t note_key_id(const char *zName, const uint8_t pub[32]) {
  Buf b = {0};
  buf_puts(&b, zName);
  buf_putc(&b, '\n');
  buf_putc(&b, 0x01);
  buf_append(&b, pub, 32);
  MerkleHash h;
  merkle_sha256(b.z, b.n, &h);
  buf_free(&b);
  return (uint32_t)h.a[0] << 24 | (uint32_t)h.a[1] << 16 | (uint32_t)h.a[2] << 8 | h.a[3];
}

void note_verifier_text(const char *zName, uint32_t keyId, const uint8_t pub[32], Buf *pOut) {
  uint8_t a[33];
  a[0] = 0x01;
  memcpy(a + 1, pub, 32);
  buf_printf(pOut, "%s+%08x+", zName, (unsigned)keyId);
  b64_encode(a, sizeof(a), pOut);
}

static int public_from_seed(const uint8_t seed[32], uint8_t pub[32]) {
  EVP_PKEY *pKey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, 0, seed, 32);
  size_t n = 32;
  int rc = pKey && EVP_PKEY_get_raw_public_key(pKey, pub, &n) == 1 && n == 32 ? 0 : -1;
  EVP_PKEY_free(pKey);
  return rc;
}

int note_key_generate(const char *zName, char **pzSigner, char **pzVerifier, Buf *pErr) {
  if (!note_name_valid(zName)) {
    buf_printf(pErr, _("key name \"%s\": expected non-empty text without spaces or '+'"), zName);
    return -1;
  }
  EVP_PKEY *pKey = EVP_PKEY_Q_keygen(0, 0, "ED25519");
  uint8_t seed[33], pub[32];
  size_t nSeed = 32, nPub = 32;
  if (!pKey || EVP_PKEY_get_raw_private_key(pKey, seed + 1, &nSeed) != 1 ||
      EVP_PKEY_get_raw_public_key(pKey, pub, &nPub) != 1 || nSeed != 32 || nPub != 32) {
    EVP_PKEY_free(pKey);
    buf_printf(pErr, "%s", _("OpenSSL could not generate an Ed25519 key"));
    return -1;
  }
  EVP_PKEY_free(pKey);
  uint32_t id = note_key_id(zName, pub);
  Buf s = {0}, v = {0};
  seed[0] = 0x01;
  buf_printf(&s, "PRIVATE+KEY+%s+%08x+", zName, (unsigned)id);
  b64_encode(seed, sizeof(seed), &s);
  note_verifier_text(zName, id, pub, &v);
  memset(seed, 0, sizeof(seed));
  *pzSigner = s.z;
  *pzVerifier = v.z;
  return 0;
}

/* Split z (trailing newline allowed) at '+' into nMax fields, the last
** taking the rest (base64 has '+' in it). */
static int split_plus(const char *z, char azField[][256], int nMax) {
  size_t n = strlen(z);
  while (n && (z[n - 1] == '\n' || z[n - 1] == '\r')) n--;
  int nField = 0;
  size_t i = 0;
  while (1) {
    size_t m = 0;
    while (i + m < n && (z[i + m] != '+' || nField == nMax - 1)) m++;
    if (nField == nMax || m >= 256) return -1;
    memcpy(azField[nField], z + i, m);
    azField[nField][m] = 0;
    nField++;
    i += m;
    if (i == n) break;
    i++; /* the '+' */
  }
  return nField;
}

static int parse_hex32(const char *z, uint32_t *pOut) {
  if (strlen(z) != 8) return -1;
  uint32_t v = 0;
  for (int i = 0; i < 8; i++) {
    char c = z[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return -1;
    v = v << 4 | (uint32_t)d;
  }
  *pOut = v;
  return 0;
}

/* NAME, KEYHASH, BASE64(0x01 || 32 bytes) into its parts; zWhat names the
** key in errors, in the current language. */
static int parse_key_parts(const char *zName, const char *zHash, const char *zKey, char *zNameOut,
                           uint32_t *pId, uint8_t key[32], Buf *pErr, const char *zWhat) {
  if (!note_name_valid(zName)) {
    buf_printf(pErr, _("%s: bad key name"), zWhat);
    return -1;
  }
  if (parse_hex32(zHash, pId)) {
    buf_printf(pErr, _("%s: the key hash must be 8 lower-case hex digits"), zWhat);
    return -1;
  }
  Buf k = {0};
  if (b64_decode(zKey, strlen(zKey), &k) || k.n != 33 || (uint8_t)k.z[0] != 0x01) {
    buf_free(&k);
    buf_printf(pErr, _("%s: expected base64 of 0x01 and a 32-byte Ed25519 key"), zWhat);
    return -1;
  }
  memcpy(key, k.z + 1, 32);
  buf_free(&k);
  snprintf(zNameOut, 256, "%s", zName);
  return 0;
}

int note_verifier_parse(const char *z, NoteVerifier *p, Buf *pErr) {
  char az[3][256];
  memset(p, 0, sizeof(*p));
  if (split_plus(z, az, 3) != 3) {
    buf_printf(pErr, "%s", _("verifier key: expected NAME+KEYHASH+BASE64KEY"));
    return -1;
  }
  if (parse_key_parts(az[0], az[1], az[2], p->zName, &p->keyId, p->pub, pErr, _("verifier key")))
    return -1;
  if (note_key_id(p->zName, p->pub) != p->keyId) {
    buf_printf(pErr, _("verifier key %s: its key hash does not match its name and key"), p->zName);
    return -1;
  }
  return 0;
}

int note_signer_parse(const char *z, NoteSigner *p, Buf *pErr) {
  char az[5][256];
  memset(p, 0, sizeof(*p));
  if (split_plus(z, az, 5) != 5 || strcmp(az[0], "PRIVATE") != 0 || strcmp(az[1], "KEY") != 0) {
    buf_printf(pErr, "%s", _("signer key: expected PRIVATE+KEY+NAME+KEYHASH+BASE64KEY"));
    return -1;
  }
  if (parse_key_parts(az[2], az[3], az[4], p->zName, &p->keyId, p->seed, pErr, _("signer key")))
    return -1;
  if (public_from_seed(p->seed, p->pub) || note_key_id(p->zName, p->pub) != p->keyId) {
    buf_printf(pErr, _("signer key %s: its key hash does not match its name and key"), p->zName);
    return -1;
  }
  return 0;
}

/* ---- signing and verifying -------------------------------------------------- */

int note_sign(const NoteSigner *pS, const char *zText, size_t nText, Buf *pOut, Buf *pErr) {
  if (nText == 0 || zText[nText - 1] != '\n') {
    buf_printf(pErr, "a note's text must end with a newline");
    return -1;
  }
  EVP_PKEY *pKey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, 0, pS->seed, 32);
  EVP_MD_CTX *pCtx = EVP_MD_CTX_new();
  uint8_t sig[4 + 64];
  size_t nSig = 64;
  int ok = pKey && pCtx && EVP_DigestSignInit(pCtx, 0, 0, 0, pKey) == 1 &&
           EVP_DigestSign(pCtx, sig + 4, &nSig, (const unsigned char *)zText, nText) == 1 &&
           nSig == 64;
  EVP_MD_CTX_free(pCtx);
  EVP_PKEY_free(pKey);
  if (!ok) {
    buf_printf(pErr, "OpenSSL could not sign with Ed25519");
    return -1;
  }
  sig[0] = (uint8_t)(pS->keyId >> 24);
  sig[1] = (uint8_t)(pS->keyId >> 16);
  sig[2] = (uint8_t)(pS->keyId >> 8);
  sig[3] = (uint8_t)pS->keyId;
  buf_printf(pOut, NOTE_EM_DASH " %s ", pS->zName);
  b64_encode(sig, sizeof(sig), pOut);
  buf_putc(pOut, '\n');
  return 0;
}

static bool ed25519_verify(const uint8_t pub[32], const uint8_t *sig, const char *z, size_t n) {
  EVP_PKEY *pKey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, 0, pub, 32);
  EVP_MD_CTX *pCtx = EVP_MD_CTX_new();
  bool ok = pKey && pCtx && EVP_DigestVerifyInit(pCtx, 0, 0, 0, pKey) == 1 &&
            EVP_DigestVerify(pCtx, sig, 64, (const unsigned char *)z, n) == 1;
  EVP_MD_CTX_free(pCtx);
  EVP_PKEY_free(pKey);
  return ok;
}

/* Valid UTF-8 with no control characters but newline. */
static bool note_chars_valid(const char *z, size_t n) {
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    int len = utf8_decode((const unsigned char *)z + i, n - i, &cp);
    if (!len || (cp < 0x20 && cp != '\n') || cp == 0x7F) return false;
    i += (size_t)len;
  }
  return true;
}

int note_open(const char *z, size_t n, const NoteVerifier *aV, int nV, Note *pNote, Buf *pErr) {
  memset(pNote, 0, sizeof(*pNote));
  if (!note_chars_valid(z, n)) {
    buf_printf(pErr, "not a signed note: invalid UTF-8 or a control character");
    return -1;
  }
  if (n == 0 || z[n - 1] != '\n') {
    buf_printf(pErr, "not a signed note: it must end with a newline");
    return -1;
  }
  /* The text ends at the last blank line. */
  size_t iSplit = n;
  for (size_t i = n - 1; i > 0; i--) {
    if (z[i] == '\n' && z[i - 1] == '\n') {
      iSplit = i - 1;
      break;
    }
  }
  if (iSplit == n) {
    buf_printf(pErr, "not a signed note: no blank line before the signatures");
    return -1;
  }
  pNote->nText = iSplit + 1;
  pNote->zText = xmalloc(pNote->nText + 1);
  memcpy(pNote->zText, z, pNote->nText);
  pNote->zText[pNote->nText] = 0;
  const char *p = z + iSplit + 2, *zEnd = z + n;
  if (p >= zEnd) {
    buf_printf(pErr, "not a signed note: no signature lines");
    note_free(pNote);
    return -1;
  }
  int iLine = 0;
  while (p < zEnd) {
    const char *zEol = memchr(p, '\n', (size_t)(zEnd - p));
    size_t nLine = (size_t)(zEol - p);
    iLine++;
    const char *zPrefix = NOTE_EM_DASH " ";
    const char *zSp = nLine > 4 ? memchr(p + 4, ' ', nLine - 4) : 0;
    if (nLine < 4 || memcmp(p, zPrefix, 4) != 0 || !zSp || zSp == p + 4 ||
        (size_t)(zSp - p - 4) >= 256) {
      buf_printf(pErr, "signature line %d: expected \"" NOTE_EM_DASH " NAME BASE64\"", iLine);
      note_free(pNote);
      return -1;
    }
    if (pNote->nSig == NOTE_MAX_SIGS) {
      buf_printf(pErr, "more than %d signatures", NOTE_MAX_SIGS);
      note_free(pNote);
      return -1;
    }
    NoteSig *s = &pNote->aSig[pNote->nSig++];
    memcpy(s->zName, p + 4, (size_t)(zSp - p - 4));
    s->zName[zSp - p - 4] = 0;
    s->iVerifier = -1;
    Buf sig = {0};
    if (!note_name_valid(s->zName) || b64_decode(zSp + 1, (size_t)(zEol - zSp - 1), &sig) ||
        sig.n < 5) {
      buf_free(&sig);
      buf_printf(pErr, "signature line %d: bad key name or signature encoding", iLine);
      note_free(pNote);
      return -1;
    }
    const uint8_t *a = (const uint8_t *)sig.z;
    s->keyId = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
    s->status = SIG_UNKNOWN_KEY;
    for (int v = 0; v < nV; v++) {
      if (aV[v].keyId != s->keyId || strcmp(aV[v].zName, s->zName) != 0) continue;
      s->iVerifier = v;
      s->status = sig.n == 68 && ed25519_verify(aV[v].pub, a + 4, pNote->zText, pNote->nText)
                      ? SIG_VERIFIED
                      : SIG_INVALID;
      break;
    }
    buf_free(&sig);
    p = zEol + 1;
  }
  return 0;
}

bool note_verified(const Note *pNote) {
  bool bAny = false;
  for (int i = 0; i < pNote->nSig; i++) {
    if (pNote->aSig[i].status == SIG_INVALID) return false;
    if (pNote->aSig[i].status == SIG_VERIFIED) bAny = true;
  }
  return bAny;
}

void note_free(Note *pNote) {
  xfree(pNote->zText);
  pNote->zText = 0;
}

/* ---- checkpoints ------------------------------------------------------------- */

int checkpoint_parse(const char *zText, size_t nText, Checkpoint *p, Buf *pErr) {
  memset(p, 0, sizeof(*p));
  const char *azLine[3];
  size_t anLine[3];
  const char *z = zText, *zEnd = zText + nText;
  for (int i = 0; i < 3; i++) {
    const char *zEol = z < zEnd ? memchr(z, '\n', (size_t)(zEnd - z)) : 0;
    if (!zEol || zEol == z) {
      buf_printf(pErr, "not a checkpoint: expected origin, tree size and root hash lines");
      return -1;
    }
    azLine[i] = z;
    anLine[i] = (size_t)(zEol - z);
    z = zEol + 1;
  }
  if (anLine[0] >= sizeof(p->zOrigin)) {
    buf_printf(pErr, "checkpoint origin too long");
    return -1;
  }
  memcpy(p->zOrigin, azLine[0], anLine[0]);
  p->zOrigin[anLine[0]] = 0;
  /* Tree size: decimal, no leading zeroes. */
  char zSize[24];
  if (anLine[1] >= sizeof(zSize) || (anLine[1] > 1 && azLine[1][0] == '0')) {
    buf_printf(pErr, "checkpoint tree size: expected a decimal number without leading zeroes");
    return -1;
  }
  memcpy(zSize, azLine[1], anLine[1]);
  zSize[anLine[1]] = 0;
  for (size_t i = 0; i < anLine[1]; i++) {
    if (zSize[i] < '0' || zSize[i] > '9') {
      buf_printf(pErr, "checkpoint tree size: expected a decimal number");
      return -1;
    }
  }
  errno = 0;
  unsigned long long size = strtoull(zSize, 0, 10);
  if (errno) {
    buf_printf(pErr, "checkpoint tree size out of range");
    return -1;
  }
  p->size = size;
  Buf h = {0};
  if (b64_decode(azLine[2], anLine[2], &h) || h.n != MERKLE_HASH_SIZE) {
    buf_free(&h);
    buf_printf(pErr, "checkpoint root hash: expected the base64 of 32 bytes");
    return -1;
  }
  memcpy(p->root.a, h.z, MERKLE_HASH_SIZE);
  buf_free(&h);
  /* Extension lines, if any, must be non-empty. */
  while (z < zEnd) {
    const char *zEol = memchr(z, '\n', (size_t)(zEnd - z));
    if (!zEol || zEol == z) {
      buf_printf(pErr, "checkpoint: empty or unterminated extension line");
      return -1;
    }
    z = zEol + 1;
  }
  return 0;
}

void checkpoint_text(const char *zOrigin, uint64_t size, const MerkleHash *pRoot, Buf *pOut) {
  buf_printf(pOut, "%s\n%llu\n", zOrigin, (unsigned long long)size);
  b64_encode(pRoot->a, MERKLE_HASH_SIZE, pOut);
  buf_putc(pOut, '\n');
}
