/* The server and its bearer tokens (cmd.h): serve, token. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "cmd.h"
#include "entity.h"
#include "fields.h"
#include "i18n.h"
#include "output.h"
#include "server.h"

int cmd_serve(Args *a) {
  cli_need_pos(&a->cli, 0, 0);
  long nThread = a->zThreads ? strtol(a->zThreads, 0, 10) : sysconf(_SC_NPROCESSORS_ONLN);
  if (nThread < 1 || nThread > 256) cli_fail(&a->cli, _("--threads: expected 1 to 256"));
  ServeOptions o = {a->zDb, a->zListen ? a->zListen : "127.0.0.1:8080", (int)nThread, a->bQuiet, 32,
                    10,     cli_get(&a->cli, "trusted-proxy"),          a->zLang};
  const char *z = cli_get(&a->cli, "cache-mb");
  char *zEnd;
  if (z) {
    long n = strtol(z, &zEnd, 10);
    if (!*z || *zEnd || n < 0 || n > 65536) cli_fail(&a->cli, _("--cache-mb: expected 0 to 65536"));
    o.nCacheMb = (int)n;
  }
  if ((z = cli_get(&a->cli, "request-timeout"))) {
    long n = strtol(z, &zEnd, 10);
    if (!*z || *zEnd || n < 1 || n > 3600)
      cli_fail(&a->cli, _("--request-timeout: expected 1 to 3600 seconds"));
    o.nRequestTimeout = (int)n;
  }
  Buf err = {0};
  if (server_check_options(&o, &err)) cli_fail(&a->cli, "%s", err.z);
  return server_run(&o);
}

static void token_create(Args *a, Db *pDb) {
  cli_need_pos(&a->cli, 1, 1);
  /* A delegate token speaks for a party the registry knows: one for a code
  ** it does not know would deposit nothing but refusals. */
  bool bDelegate = a->zRole && strcmp(a->zRole, "delegate") == 0;
  const char *zP = a->zParty;
  if (bDelegate && zP && strlen(zP) == 3 && strspn(zP, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 3 &&
      entity_seq(pDb, K_PARTY, zP) == 0) {
    db_close(pDb);
    die(EXIT_INPUT, _("unknown %s \"%s\"; no token was made"), code_label("party"), zP);
  }
  Buf err = {0};
  char *zSecret = auth_token_create(pDb, a->zRole, a->zParty, a->zName, &err);
  if (!zSecret) {
    db_close(pDb);
    cli_fail(&a->cli, "%s", err.z);
  }
  if (a->bJson)
    printf("{\"token\": \"%s\"}\n", zSecret);
  else
    printf("%s\n%s\n", zSecret, _("(shown once: pacta keeps only its SHA-256)"));
  xfree(zSecret);
}

static void token_list(Args *a, Db *pDb) {
  json_t *p = auth_token_list(pDb);
  if (a->bJson) {
    print_json_new(json_pack("{s:o}", "tokens", p));
    return;
  }
  Table t = {5, 0, 0, 0};
  static const char *const azField[] = {"name", "role", "party", "created", "revoked"};
  const char *azHead[] = {P_("column", "name"), P_("column", "role"), P_("column", "party"),
                          P_("column", "created"), P_("column", "revoked")};
  table_head(&t, 5, azHead);
  for (size_t i = 0; i < json_array_size(p); i++) {
    for (int k = 0; k < 5; k++) {
      const char *z = str(json_array_get(p, i), azField[k]);
      table_add(&t, dflt(k == 1 ? code_label(z) : z, "-"));
    }
  }
  table_print(&t);
  json_decref(p);
}

static void token_revoke(Args *a, Db *pDb) {
  cli_need_pos(&a->cli, 2, 2);
  if (!auth_token_revoke(pDb, a->azPos[1])) {
    db_close(pDb);
    die(EXIT_INPUT, _("no live token named \"%s\""), a->azPos[1]);
  }
  if (a->bJson)
    printf("{\"revoked\": \"%s\"}\n", a->azPos[1]);
  else
    printf(_("revoked %s\n"), a->azPos[1]);
}

int cmd_token(Args *a) {
  cli_need_pos(&a->cli, 1, 2);
  const char *zSub = a->azPos[0];
  Db *pDb = open_registry(a);
  if (strcmp(zSub, "create") == 0) {
    token_create(a, pDb);
  } else if (strcmp(zSub, "list") == 0) {
    token_list(a, pDb);
  } else if (strcmp(zSub, "revoke") == 0) {
    token_revoke(a, pDb);
  } else {
    db_close(pDb);
    cli_fail(&a->cli, _("expected create, list or revoke, got \"%s\""), zSub);
  }
  db_close(pDb);
  return 0;
}
