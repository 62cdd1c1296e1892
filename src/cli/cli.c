#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

void cli_vfail(const char *zCmd, const char *zUsage, const char *zFmt, va_list ap) {
  fputs("pacta: ", stderr);
  vfprintf(stderr, zFmt, ap);
  if (zCmd && zUsage) {
    /* Help is by the top command: "log checkpoint" is in 'pacta help log'. */
    fputc('\n', stderr);
    fprintf(stderr, _("usage: pacta %s"), zUsage);
    fputc('\n', stderr);
    fprintf(stderr, _("(see 'pacta help %.*s')"), (int)strcspn(zCmd, " "), zCmd);
  }
  fputc('\n', stderr);
  exit(EXIT_USAGE);
}

void cli_fail(const Cli *c, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  cli_vfail(c ? c->zCmd : 0, c ? c->zUsage : 0, zFmt, ap);
}

static bool is_global(const char *zName, int n, bool *pbValue) {
  if ((n == 2 && memcmp(zName, "db", 2) == 0) || (n == 5 && memcmp(zName, "actor", 5) == 0) ||
      (n == 4 && memcmp(zName, "lang", 4) == 0)) {
    *pbValue = true;
    return true;
  }
  if (n == 4 && memcmp(zName, "json", 4) == 0) {
    *pbValue = false;
    return true;
  }
  return false;
}

/* Is the flag zName[0..n) in zAllowed ("on= all"), and does it take a value? */
static bool is_allowed(const char *zAllowed, const char *zName, int n, bool *pbValue) {
  for (const char *z = zAllowed; z && *z;) {
    while (*z == ' ') z++;
    int m = (int)strcspn(z, " =");
    if (m == n && m > 0 && strncmp(z, zName, (size_t)n) == 0) {
      *pbValue = z[m] == '=';
      return true;
    }
    z += m;
    if (*z == '=') z++;
  }
  return false;
}

void cli_parse(Cli *c, const char *zCmd, const char *zUsage, const char *zAllowed, int argc,
               char **argv) {
  memset(c, 0, sizeof(*c));
  c->zCmd = zCmd;
  c->zUsage = zUsage;
  c->azPos = xmalloc((size_t)(argc + 1) * sizeof(char *));
  c->aOpt = xmalloc((size_t)(argc + 1) * sizeof(CliOpt));
  bool bFlags = true;
  for (int i = 0; i < argc; i++) {
    const char *z = argv[i];
    if (bFlags && strcmp(z, "--") == 0) {
      bFlags = false;
      continue;
    }
    if (!bFlags || z[0] != '-' || z[1] == 0) {
      c->azPos[c->nPos++] = z;
      continue;
    }
    if (z[1] != '-') cli_fail(c, _("unknown option %s"), z);
    const char *zName = z + 2, *zEq = strchr(zName, '=');
    int n = zEq ? (int)(zEq - zName) : (int)strlen(zName);
    bool bValue = false;
    if (!is_global(zName, n, &bValue) && !is_allowed(zAllowed, zName, n, &bValue))
      cli_fail(c, _("unknown option --%.*s"), n, zName);
    const char *zValue = 0;
    if (bValue) {
      if (zEq)
        zValue = zEq + 1;
      else if (i + 1 < argc)
        zValue = argv[++i];
      else
        cli_fail(c, _("option --%.*s needs a value"), n, zName);
    } else if (zEq) {
      cli_fail(c, _("option --%.*s takes no value"), n, zName);
    }
    c->aOpt[c->nOpt++] = (CliOpt){zName, n, zValue};
  }
}

void cli_free(Cli *c) {
  xfree(c->azPos);
  xfree(c->aOpt);
  c->azPos = 0;
  c->aOpt = 0;
  c->nPos = c->nOpt = 0;
}

static bool opt_is(const CliOpt *p, const char *zName) {
  return (size_t)p->nName == strlen(zName) && strncmp(p->zName, zName, (size_t)p->nName) == 0;
}

const char *cli_get(const Cli *c, const char *zName) {
  const char *z = 0;
  for (int i = 0; i < c->nOpt; i++)
    if (opt_is(&c->aOpt[i], zName)) z = c->aOpt[i].zValue ? c->aOpt[i].zValue : "";
  return z;
}

const char *cli_get_nth(const Cli *c, const char *zName, int index) {
  for (int i = 0; i < c->nOpt; i++)
    if (opt_is(&c->aOpt[i], zName) && index-- == 0)
      return c->aOpt[i].zValue ? c->aOpt[i].zValue : "";
  return 0;
}

void cli_allow(const Cli *c, const char *zAllowed) {
  for (int i = 0; i < c->nOpt; i++) {
    bool bValue;
    const CliOpt *p = &c->aOpt[i];
    if (!is_global(p->zName, p->nName, &bValue) &&
        !is_allowed(zAllowed, p->zName, p->nName, &bValue))
      cli_fail(c, _("unknown option --%.*s"), p->nName, p->zName);
  }
}

void cli_need_pos(const Cli *c, int nMin, int nMax) {
  if (c->nPos < nMin) cli_fail(c, _("missing argument"));
  if (nMax >= 0 && c->nPos > nMax) cli_fail(c, _("unexpected argument \"%s\""), c->azPos[nMax]);
}
