/*
** The command line's one parser: a command's arguments after its name,
** flags anywhere ("--flag value" or "--flag=value"), "--" ending the flags,
** the rest positional. Each command lists the flags it takes, space
** separated, with "=" after those that take a value ("on= all json").
** --db and --actor (with values) and --json are accepted everywhere.
*/
#ifndef PACTA_CLI_H
#define PACTA_CLI_H

#include <stdarg.h>
#include <stdbool.h>

typedef struct CliOpt {
  const char *zName;  /* as given, without "--" (points into the argument) */
  int nName;          /* its length */
  const char *zValue; /* NULL for a flag without a value */
} CliOpt;

typedef struct Cli {
  const char *zCmd;   /* "search", "log checkpoint": named in errors */
  const char *zUsage; /* its usage line, printed with usage errors */
  int nPos;
  const char **azPos;
  int nOpt;
  CliOpt *aOpt; /* in the order given; a flag may repeat */
} Cli;

/* Parse argv[0..argc) against zAllowed; a usage error (exit 2) for an
** unknown flag, a missing value or a value given to a flag without one. */
void cli_parse(Cli *c, const char *zCmd, const char *zUsage, const char *zAllowed, int argc,
               char **argv);
void cli_free(Cli *c);

/* The last value of --zName: "" for a flag without a value, NULL when not given. */
const char *cli_get(const Cli *c, const char *zName);
/* The values of a repeatable flag, in order: the index-th, or NULL past the last. */
const char *cli_get_nth(const Cli *c, const char *zName, int index);

/* A usage error for a subcommand taking fewer flags than its command:
** each given flag must be in zAllowed (or global). */
void cli_allow(const Cli *c, const char *zAllowed);
/* Between nMin and nMax positional arguments (nMax < 0: any number). */
void cli_need_pos(const Cli *c, int nMin, int nMax);

/* "pacta: MESSAGE", then the usage line and where to read more, exit 2. */
#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 2, 3)))
#endif
void cli_fail(const Cli *c, const char *zFmt, ...);
#if defined(__GNUC__)
__attribute__((noreturn))
#endif
void cli_vfail(const char *zCmd, const char *zUsage, const char *zFmt, va_list ap);

#endif
