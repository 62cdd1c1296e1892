/*
** The commands of the verifiable log (docs/verifiable-log.md): key, log,
** merkle and verify. Each parses its own arguments (repeatable --key), and
** is called from commands.c's table with the registry path and --json.
*/
#ifndef PACTA_LOGCMD_H
#define PACTA_LOGCMD_H

#include <stdbool.h>

int logcmd_key(const char *zDb, bool bJson, int argc, char **argv);
int logcmd_log(const char *zDb, bool bJson, int argc, char **argv);
int logcmd_merkle(const char *zDb, bool bJson, int argc, char **argv);
int logcmd_verify(const char *zDb, bool bJson, int argc, char **argv);

#endif
