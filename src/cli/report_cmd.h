/*
** `pacta report` and the PDF of `pacta minutes` (report_cmd.c): status
** reports in the language chosen by --lang (docs/reports.md).
*/
#ifndef PACTA_REPORT_CMD_H
#define PACTA_REPORT_CMD_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"

/* bJson: --json was given, which a report refuses (it is HTML or PDF). */
int report_command(const char *zDb, bool bJson, const Cli *c);
/* The minutes of zSession drawn as a PDF, to zOut (NULL: stdout). */
int report_minutes_pdf(const char *zDb, const Cli *c, const char *zSession, const char *zOut);
/* Write n bytes to zOut, or to standard output when zOut is NULL; exit 1 on
** failure naming the file. */
void report_write_out(const char *zOut, const char *z, size_t n);

#endif
