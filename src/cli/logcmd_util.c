/* What the verifiable log's commands share (logcmd_int.h). */
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "logcmd_int.h"

uint64_t lc_parse_count(const Cli *o, const char *zWhat, const char *z) {
  if (!z || !*z) cli_fail(o, _("%s: expected a whole number"), zWhat);
  for (const char *p = z; *p; p++)
    if (*p < '0' || *p > '9') cli_fail(o, _("%s: expected a whole number, got \"%s\""), zWhat, z);
  errno = 0;
  unsigned long long v = strtoull(z, 0, 10);
  if (errno || v > (unsigned long long)INT64_MAX) cli_fail(o, _("%s: out of range"), zWhat);
  return v;
}

char *lc_b64(const MerkleHash *h) {
  Buf b = {0};
  b64_encode(h->a, MERKLE_HASH_SIZE, &b);
  return b.z;
}

void lc_read_or_die(const char *zPath, Buf *pOut, const char *zWhat) {
  if (read_file(zPath, pOut))
    die(EXIT_INPUT, _("%s %s: cannot read: %s"), zWhat, zPath, strerror(errno));
}

static void trim(Buf *p) {
  while (p->n && (p->z[p->n - 1] == '\n' || p->z[p->n - 1] == '\r' || p->z[p->n - 1] == ' '))
    p->z[--p->n] = 0;
}

void lc_load_signer(const char *zPath, NoteSigner *pS) {
  Buf b = {0}, err = {0};
  lc_read_or_die(zPath, &b, _("key file"));
  trim(&b);
  if (note_signer_parse(b.z, pS, &err)) die(EXIT_INPUT, "%s: %s", zPath, err.z);
  memset(b.z, 0, b.n);
  buf_free(&b);
}

void lc_load_verifier(const char *zArg, NoteVerifier *pV) {
  Buf b = {0}, err = {0};
  if (access(zArg, F_OK) == 0) {
    lc_read_or_die(zArg, &b, _("key file"));
    trim(&b);
  } else {
    buf_puts(&b, zArg);
  }
  if (note_verifier_parse(b.z, pV, &err))
    die(EXIT_INPUT, _("%s: %s (expected a .pub file or NAME+KEYHASH+KEY)"), zArg, err.z);
  buf_free(&b);
}

static int mkdir_p(const char *zDir) {
  char *z = xstrdup(zDir);
  for (char *p = z + 1; *p; p++) {
    if (*p != '/') continue;
    *p = 0;
    if (mkdir(z, 0755) && errno != EEXIST) {
      xfree(z);
      return -1;
    }
    *p = '/';
  }
  int rc = mkdir(z, 0755) && errno != EEXIST ? -1 : 0;
  xfree(z);
  return rc;
}

void lc_write_file(const char *zPath, const void *p, size_t n) {
  char *zDir = xstrdup(zPath);
  if (mkdir_p(dirname(zDir)))
    die(EXIT_INPUT, _("%s: cannot create its folder: %s"), zPath, strerror(errno));
  xfree(zDir);
  Buf tmp = {0};
  buf_printf(&tmp, "%s.tmp", zPath);
  FILE *f = fopen(tmp.z, "wb");
  if (!f || fwrite(p, 1, n, f) != n || fclose(f) || rename(tmp.z, zPath))
    die(EXIT_INPUT, _("%s: cannot write: %s"), zPath, strerror(errno));
  buf_free(&tmp);
}

void lc_tile_path(Buf *p, const char *zDir, const char *zKind, uint64_t iTile, uint64_t width) {
  char aGroup[8][4];
  int nGroup = 0;
  do {
    snprintf(aGroup[nGroup++], 4, "%03u", (unsigned)(iTile % 1000));
    iTile /= 1000;
  } while (iTile && nGroup < 8);
  buf_printf(p, "%s/tile/%s", zDir, zKind);
  for (int i = nGroup - 1; i >= 0; i--) buf_printf(p, "/%s%s", i ? "x" : "", aGroup[i]);
  if (width < 256) buf_printf(p, ".p/%u", (unsigned)width);
}
