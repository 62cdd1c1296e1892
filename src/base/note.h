/*
** C2SP signed notes with Ed25519 (c2sp.org/signed-note), their keys in the
** text forms of Go's golang.org/x/mod/sumdb/note (so keys and notes are
** interchangeable with other implementations), and C2SP tlog-checkpoint
** bodies. Ed25519, SHA-256 and base64 are OpenSSL's.
**
**   verifier key  NAME+KEYHASH+BASE64(0x01 || 32-byte public key)
**   signer key    PRIVATE+KEY+NAME+KEYHASH+BASE64(0x01 || 32-byte seed)
**   KEYHASH       8 hex digits: SHA-256(NAME || "\n" || 0x01 || public key)[:4]
**   signature     "\xE2\x80\x94 NAME BASE64(KEYHASH bytes || Ed25519 signature)\n"
*/
#ifndef PACTA_NOTE_H
#define PACTA_NOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "merkle.h"
#include "util.h"

#define NOTE_MAX_SIGS 100
#define NOTE_EM_DASH "\xE2\x80\x94"

/* Standard padded base64 (RFC 4648 section 4), appended to pOut. */
void b64_encode(const void *p, size_t n, Buf *pOut);
/* Strict decode: padded, canonical, no whitespace. 0, or -1. */
int b64_decode(const char *z, size_t n, Buf *pOut);

typedef struct NoteVerifier {
  char zName[256];
  uint32_t keyId;
  uint8_t pub[32];
} NoteVerifier;

typedef struct NoteSigner {
  char zName[256];
  uint32_t keyId;
  uint8_t seed[32];
  uint8_t pub[32];
} NoteSigner;

/* Key names: non-empty UTF-8 without spaces, controls or '+'. */
bool note_name_valid(const char *z);
uint32_t note_key_id(const char *zName, const uint8_t pub[32]);

/* A fresh Ed25519 key pair: its signer and verifier key texts (malloc'd). */
int note_key_generate(const char *zName, char **pzSigner, char **pzVerifier, Buf *pErr);
int note_signer_parse(const char *z, NoteSigner *p, Buf *pErr);
int note_verifier_parse(const char *z, NoteVerifier *p, Buf *pErr);
/* The verifier key text of a signer. */
void note_verifier_text(const char *zName, uint32_t keyId, const uint8_t pub[32], Buf *pOut);

/* Append the signature line of pS over zText (the note text, ending in
** a newline) to pOut. */
int note_sign(const NoteSigner *pS, const char *zText, size_t nText, Buf *pOut, Buf *pErr);

typedef enum NoteSigStatus { SIG_UNKNOWN_KEY, SIG_VERIFIED, SIG_INVALID } NoteSigStatus;

typedef struct NoteSig {
  char zName[256];
  uint32_t keyId;
  NoteSigStatus status;
  int iVerifier; /* index into the verifiers, or -1 */
} NoteSig;

typedef struct Note {
  char *zText; /* the signed text, with its final newline */
  size_t nText;
  int nSig;
  NoteSig aSig[NOTE_MAX_SIGS];
} Note;

/* Parse a signed note and check every signature by a known verifier.
** Returns 0 when the note is well formed (whatever its signatures say),
** else -1 with pErr. Verified: some known key signed and none failed. */
int note_open(const char *z, size_t n, const NoteVerifier *aV, int nV, Note *pNote, Buf *pErr);
bool note_verified(const Note *pNote);
void note_free(Note *pNote);

/* A tlog-checkpoint body. */
typedef struct Checkpoint {
  char zOrigin[256];
  uint64_t size;
  MerkleHash root;
} Checkpoint;

int checkpoint_parse(const char *zText, size_t nText, Checkpoint *p, Buf *pErr);
void checkpoint_text(const char *zOrigin, uint64_t size, const MerkleHash *pRoot, Buf *pOut);

#endif
