/*
** The commands of the verifiable log (docs/verifiable-log.md): key, log,
** merkle and verify, called from commands.c's table with the registry path,
** --json and the parsed arguments (--key may repeat).
*/
#ifndef PACTA_LOGCMD_H
#define PACTA_LOGCMD_H

#include <stdbool.h>

#include "cli.h"

int logcmd_key(const char *zDb, bool bJson, const Cli *c);
int logcmd_log(const char *zDb, bool bJson, const Cli *c);
int logcmd_merkle(const char *zDb, bool bJson, const Cli *c);
int logcmd_verify(const char *zDb, bool bJson, const Cli *c);

#endif
