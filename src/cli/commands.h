/*
** The command line: one function per command, each with its usage and help
** text in one table, so dispatch and help cannot drift apart.
*/
#ifndef PACTA_COMMANDS_H
#define PACTA_COMMANDS_H

#include <stdbool.h>

#include "cli.h"

/* Run pacta with argv as given to main. Returns the exit status. */
int pacta_main(int argc, char **argv);
/* What --version prints (English, like the rest of the version line); needs
** no catalogue, so main can answer it before the languages are read. */
void pacta_print_version(void);

/* Commands kept in their own files, each parsing its own flags with cli.h:
** `pacta search` (search_cmd.c), `pacta ingest` (ingest_cmd.c). */
int search_command(const char *zDb, bool bJson, const Cli *c);
int ingest_command(const char *zDb, const char *zActor, bool bJson, const Cli *c);

#endif
