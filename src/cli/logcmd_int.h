/*
** Private to the verifiable log's commands (logcmd.h): `key`
** (logcmd_key.c), `log` (logcmd_log.c), `verify` and `log cosign`
** (logcmd_verify.c, recomputing the log in logcmd_check.c), `merkle`
** (logcmd_merkle.c), and the helpers they share (logcmd_util.c). Their
** arguments are parsed by commands.c against its table (cli.h).
*/
#ifndef PACTA_LOGCMD_INT_H
#define PACTA_LOGCMD_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "db.h"
#include "merkle.h"
#include "note.h"
#include "util.h"

/* ---- logcmd_util.c ------------------------------------------------------------ */

/* A whole number 0..INT64_MAX given as zWhat ("--index"); a usage error
** otherwise. */
uint64_t lc_parse_count(const Cli *o, const char *zWhat, const char *z);
/* A hash in base64, a new string. */
char *lc_b64(const MerkleHash *h);
/* Read a whole file or exit 1 naming it as zWhat ("key file"). */
void lc_read_or_die(const char *zPath, Buf *pOut, const char *zWhat);
/* A signer key from its file (exit 1 when it is not one). */
void lc_load_signer(const char *zPath, NoteSigner *pS);
/* A verifier key: a file holding one, or the key text itself. */
void lc_load_verifier(const char *zArg, NoteVerifier *pV);
/* Write a whole file through a temporary and a rename, making its folder. */
void lc_write_file(const char *zPath, const void *p, size_t n);
/* The path of tile (or entry bundle) iTile of a tlog-tiles export, of
** width entries (a partial tile when below 256); zKind is the level or
** "entries". */
void lc_tile_path(Buf *p, const char *zDir, const char *zKind, uint64_t iTile, uint64_t width);

/* ---- logcmd_check.c ----------------------------------------------------------- */

/* Recompute the log of zSource (a registry file, or a 'pacta log tiles'
** export folder) and compare it with the checkpoint pNew and, when not
** NULL, the older pOld. Adds "source" and "entries_checked" to pOut and,
** unless bJson, reports to fReport. Returns 0 when all holds, else -1 with
** the first failure appended to pFail and its journal entry in *piBad (0
** when no single entry). */
int lc_verify_source(const char *zSource, const Checkpoint *pNew, const Checkpoint *pOld,
                     bool bJson, FILE *fReport, json_t *pOut, Buf *pFail, uint64_t *piBad);

/* Before `log checkpoint` signs: every one of the n journal entries of the
** open registry pDb checked as lc_verify_source checks a registry (its
** place, the log's stored leaf hash for it), and the stored
** log's root of size n against the root recomputed from the records. Runs
** in the caller's transaction. Returns 0, or -1 with the first failure
** appended to pFail and its journal entry in *piBad (0 when no single
** entry). */
int lc_check_journal(Db *pDb, uint64_t n, Buf *pFail, uint64_t *piBad);

/* ---- logcmd_verify.c ---------------------------------------------------------- */

/* `pacta log cosign`: a witness verifies a checkpoint, then adds its own
** signature. */
int lc_log_cosign(const Cli *o, bool bJson);

#endif
