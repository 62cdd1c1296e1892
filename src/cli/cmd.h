/*
** Private to the commands of commands.c's table: the parsed arguments each
** command gets, the helpers they share (commands.c), and the commands by
** family: registry queries (cmd_registry.c), the data in and out and the
** journal (cmd_data.c), the server and its tokens (cmd_server.c).
*/
#ifndef PACTA_CMD_H
#define PACTA_CMD_H

#include <jansson.h>
#include <stdbool.h>

#include "cli.h"
#include "date.h"
#include "kind.h"
#include "db.h"
#include "util.h"

typedef struct Args {
  const char *zDb;
  const char *zActor;
  const char *zLang; /* --lang: the language of what is written to people */
  bool bJson;
  int nPos;
  const char **azPos; /* positional arguments after the command name */
  /* Flags, NULL when not given. */
  const char *zOn, *zYear, *zFormat, *zOrg, *zAfter, *zLimit;
  const char *zListen, *zThreads, *zRole, *zParty, *zName;
  const char *zFrom, *zTo, *zPrevFrom, *zPrevTo; /* compliance report periods */
  bool bSample, bAll, bQuiet;
  Cli cli; /* the parsed arguments: the command's name and usage for cli_fail() */
} Args;

/* ---- commands.c ------------------------------------------------------------ */

int this_year(void);
/* The date of --zFlag (zValue), default today; a usage error if not a date. */
pdate arg_date(const Args *a, const char *zFlag, const char *zValue);
/* The year of --year (zValue), default this year; a usage error if not one. */
int arg_year(const Args *a, const char *zValue);
/* The kind of records zKind names (either number); a usage error naming
** the kinds otherwise (list, show, retract). */
Kind arg_kind(const Args *a, const char *zKind);
/* Who writes: --actor, else $PACTA_ACTOR, else $USER, else "cli". */
const char *arg_actor(const Args *a);
Db *open_registry(const Args *a);
/* Exit 1, "unknown organization", unless zOrg is one (cmd_data.c). */
void need_organization(Db *pDb, const char *zOrg);
/* p, or exit 1 with the message in pErr when p is NULL. */
json_t *must(json_t *p, Buf *pErr);

/* ---- cmd_registry.c ---------------------------------------------------------- */

int cmd_members(Args *a);
int cmd_compliance(Args *a);
int cmd_chair(Args *a);
int cmd_check(Args *a);
int cmd_submissions(Args *a);
int cmd_status(Args *a);
int cmd_party(Args *a);
int cmd_list(Args *a);
int cmd_show(Args *a);

/* ---- cmd_data.c ---------------------------------------------------------------- */

int cmd_init(Args *a);
int cmd_load(Args *a);
int cmd_export(Args *a);
int cmd_minutes(Args *a);
int cmd_journal(Args *a);
int cmd_retract(Args *a);
int cmd_rebuild(Args *a);

/* ---- cmd_server.c -------------------------------------------------------------- */

int cmd_serve(Args *a);
int cmd_token(Args *a);

#endif
