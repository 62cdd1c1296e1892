/*
** `pacta verify` and `pacta log cosign` (logcmd.h): a checkpoint's
** signatures, its consistency with an older one, and the log it commits to
** recomputed from a registry or an export (logcmd_check.c); a witness
** cosigns only what verifies.
*/
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "logcmd.h"
#include "i18n.h"
#include "logcmd_int.h"
#include "output.h"

/* Where verify_run writes its text report: stdout, or stderr for cosign. */
static FILE *g_report;

typedef struct VerifyArgs {
  const char *zCheckpoint, *zOldCheckpoint;
  NoteVerifier aV[16];
  int nV;
  bool bNeedSig;       /* the checkpoint must be signed by a known key */
  const char *zSource; /* registry file or export folder; NULL: signatures only */
} VerifyArgs;

static const char *sig_status(NoteSigStatus s) {
  return s == SIG_VERIFIED  ? _("verified")
         : s == SIG_INVALID ? _("INVALID")
                            : _("unknown key, ignored");
}

/* Open a checkpoint note and report its signatures. */
static int open_checkpoint(const VerifyArgs *v, const char *zPath, const char *zWhat, Note *pNote,
                           Checkpoint *pCp, json_t *pJson, bool bJson, Buf *pFail) {
  Buf b = {0}, err = {0};
  lc_read_or_die(zPath, &b, zWhat);
  if (note_open(b.z, b.n, v->aV, v->nV, pNote, &err) ||
      checkpoint_parse(pNote->zText, pNote->nText, pCp, &err)) {
    buf_printf(pFail, "%s %s: %s", zWhat, zPath, err.z);
    buf_free(&b);
    buf_free(&err);
    return -1;
  }
  buf_free(&b);
  char *zRoot = lc_b64(&pCp->root);
  json_t *aSig = json_array();
  if (!bJson)
    fprintf(g_report, _("%s %s: origin %s, tree size %llu, root %s\n"), zWhat, zPath, pCp->zOrigin,
            (unsigned long long)pCp->size, zRoot);
  for (int i = 0; i < pNote->nSig; i++) {
    const NoteSig *s = &pNote->aSig[i];
    if (!bJson)
      fprintf(g_report, _("  signature by %s (key %08x): %s\n"), s->zName, (unsigned)s->keyId,
              sig_status(s->status));
    char zId[9];
    snprintf(zId, sizeof(zId), "%08x", (unsigned)s->keyId);
    json_array_append_new(aSig,
                          json_pack("{s:s, s:s, s:s}", "name", s->zName, "key_id", zId, "status",
                                    s->status == SIG_VERIFIED  ? "verified"
                                    : s->status == SIG_INVALID ? "invalid"
                                                               : "unknown_key"));
  }
  for (int k = 0; k < v->nV; k++) {
    bool bSigned = false;
    for (int i = 0; i < pNote->nSig; i++) bSigned |= pNote->aSig[i].iVerifier == k;
    if (!bSigned && !bJson)
      fprintf(g_report, _("  key %s (%08x): did not sign\n"), v->aV[k].zName,
              (unsigned)v->aV[k].keyId);
  }
  json_object_set_new(pJson, "origin", json_string(pCp->zOrigin));
  json_object_set_new(pJson, "size", json_integer((json_int_t)pCp->size));
  json_object_set_new(pJson, "root", json_string(zRoot));
  json_object_set_new(pJson, "signatures", aSig);
  xfree(zRoot);
  for (int i = 0; i < pNote->nSig; i++) {
    if (pNote->aSig[i].status == SIG_INVALID) {
      buf_printf(pFail, _("%s %s: the signature by %s does not verify"), zWhat, zPath,
                 pNote->aSig[i].zName);
      return -1;
    }
  }
  if (v->bNeedSig && !note_verified(pNote)) {
    buf_printf(pFail, _("%s %s: not signed by any of the given keys"), zWhat, zPath);
    return -1;
  }
  return 0;
}

/* Check everything; prints the report (text or JSON). Returns 0 when all
** holds. On success *pCp is the checkpoint and *pNote its note. */
static int verify_run(const VerifyArgs *v, bool bJson, Note *pNote, Checkpoint *pCp) {
  json_t *pOut = json_object(), *pNew = json_object(), *pOld = 0;
  Buf fail = {0};
  uint64_t iBad = 0;
  Checkpoint old;
  Note oldNote = {0};
  memset(pNote, 0, sizeof(*pNote));
  json_object_set_new(pOut, "checkpoint", pNew);
  int rc = open_checkpoint(v, v->zCheckpoint, _("checkpoint"), pNote, pCp, pNew, bJson, &fail);
  if (rc == 0 && v->zOldCheckpoint) {
    pOld = json_object();
    json_object_set_new(pOut, "old_checkpoint", pOld);
    rc = open_checkpoint(v, v->zOldCheckpoint, _("old checkpoint"), &oldNote, &old, pOld, bJson,
                         &fail);
    if (rc == 0 && strcmp(old.zOrigin, pCp->zOrigin) != 0) {
      buf_printf(&fail, _("the old checkpoint is of another log (origin %s, not %s)"), old.zOrigin,
                 pCp->zOrigin);
      rc = -1;
    } else if (rc == 0 && old.size > pCp->size) {
      buf_printf(&fail,
                 _("the old checkpoint (size %llu) is newer than the checkpoint (size %llu)"),
                 (unsigned long long)old.size, (unsigned long long)pCp->size);
      rc = -1;
    }
  }
  if (rc == 0 && v->zSource)
    rc = lc_verify_source(v->zSource, pCp, v->zOldCheckpoint ? &old : 0, bJson, g_report, pOut,
                          &fail, &iBad);
  json_object_set_new(pOut, "ok", json_boolean(rc == 0));
  json_object_set_new(pOut, "error", rc ? json_string(fail.z) : json_null());
  json_object_set_new(pOut, "first_bad_entry", iBad ? json_integer((json_int_t)iBad) : json_null());
  if (bJson)
    print_json_new(pOut);
  else
    json_decref(pOut);
  if (rc) {
    fputs("pacta: ", stderr);
    fprintf(stderr, _("verification failed: %s\n"), fail.z);
  } else if (!bJson)
    fprintf(g_report, "%s\n", _("verified"));
  buf_free(&fail);
  note_free(&oldNote);
  return rc;
}

static const char zVerifyUsage[] =
    "verify --checkpoint FILE --key PUB [--key PUB ...] [--old-checkpoint FILE] "
    "[--registry DB | REGISTRY | EXPORT_DIR]";

int logcmd_verify(const char *zDb, bool bJson, const Cli *c) {
  Cli o = *c;
  o.zUsage = zVerifyUsage;
  json_in_english(bJson);
  cli_need_pos(&o, 0, 1);
  VerifyArgs v;
  memset(&v, 0, sizeof(v));
  for (int i = 0; cli_get_nth(&o, "key", i); i++) {
    if (v.nV == 16) cli_fail(&o, _("at most 16 keys"));
    lc_load_verifier(cli_get_nth(&o, "key", i), &v.aV[v.nV++]);
  }
  if (!v.nV) cli_fail(&o, _("give the log's public key with --key PUB"));
  v.bNeedSig = true;
  v.zSource = o.nPos ? o.azPos[0] : cli_get(&o, "registry") ? cli_get(&o, "registry") : zDb;
  v.zCheckpoint = cli_get(&o, "checkpoint");
  v.zOldCheckpoint = cli_get(&o, "old-checkpoint");
  Buf cpPath = {0};
  if (!v.zCheckpoint) {
    struct stat st;
    if (stat(v.zSource, &st) == 0 && S_ISDIR(st.st_mode)) {
      buf_printf(&cpPath, "%s/checkpoint", v.zSource);
      v.zCheckpoint = cpPath.z;
    } else {
      cli_fail(&o, _("--checkpoint FILE is needed (an export folder has its own)"));
    }
  }
  Note note;
  Checkpoint cp;
  g_report = stdout;
  int rc = verify_run(&v, bJson, &note, &cp);
  note_free(&note);
  buf_free(&cpPath);
  return rc ? EXIT_INPUT : 0;
}

int lc_log_cosign(const Cli *o, bool bJson) {
  cli_need_pos(o, 2, 2);
  const char *zKey = cli_get(o, "key");
  if (!zKey) cli_fail(o, _("give the witness's private key with --key FILE"));
  VerifyArgs v;
  memset(&v, 0, sizeof(v));
  for (int i = 0; cli_get_nth(o, "log-key", i); i++) {
    if (v.nV == 16) cli_fail(o, _("at most 16 keys"));
    lc_load_verifier(cli_get_nth(o, "log-key", i), &v.aV[v.nV++]);
  }
  v.zSource = cli_get(o, "registry");
  if (!v.nV && !v.zSource)
    cli_fail(o, _("a witness checks before it signs: give --log-key PUB, --registry DB|DIR, or "
                  "both"));
  v.bNeedSig = v.nV > 0;
  v.zCheckpoint = o->azPos[1];
  v.zOldCheckpoint = cli_get(o, "old-checkpoint");
  NoteSigner s;
  lc_load_signer(zKey, &s);
  char zName[256];
  snprintf(zName, sizeof(zName), "%s", s.zName);
  Note note;
  Checkpoint cp;
  /* The report goes to stderr: stdout carries the cosigned note. */
  g_report = stderr;
  int rc = verify_run(&v, false, &note, &cp);
  if (rc) {
    note_free(&note);
    return EXIT_INPUT;
  }
  for (int i = 0; i < note.nSig; i++) {
    if (note.aSig[i].keyId == s.keyId && strcmp(note.aSig[i].zName, s.zName) == 0)
      die(EXIT_INPUT, _("%s already carries a signature by %s"), v.zCheckpoint, s.zName);
  }
  Buf b = {0}, err = {0};
  lc_read_or_die(v.zCheckpoint, &b, _("checkpoint"));
  if (note_sign(&s, note.zText, note.nText, &b, &err)) die(EXIT_INPUT, "%s", err.z);
  memset(&s, 0, sizeof(s));
  const char *zOut = cli_get(o, "out");
  if (zOut)
    lc_write_file(zOut, b.z, b.n);
  else
    fwrite(b.z, 1, b.n, stdout);
  if (zOut && !bJson) printf(_("wrote %s, cosigned by %s\n"), zOut, zName);
  buf_free(&b);
  note_free(&note);
  return 0;
}
