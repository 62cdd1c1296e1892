/*
** Ingest: draft a session record (design.md section 4) from a press
** release in plain text or HTML, English, Russian or both, with the text
** span, a confidence and an "inferred" flag for every field. The names it
** recognizes come from the registry (gazetteer.h). Nothing is written to
** the registry unless the user confirms (--load, --yes).
*/
#ifndef PACTA_INGEST_H
#define PACTA_INGEST_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "cli.h"
#include "gazetteer.h"
#include "util.h"

/* Draft {"file", "session", "evidence"} from one press release, or NULL
** with the reason in *pErr (empty, not text). */
json_t *ingest_draft(const Gazetteer *pGz, const char *zName, const char *zData, size_t nData,
                     Buf *pErr);

/* `pacta ingest FILE... [--json] [--load [--yes]] [--date YYYY-MM-DD]
** [--place CITY]`, its arguments parsed by commands.c. --date and
** --place (one FILE) override the draft's date and place. Returns the exit
** status. */
int ingest_main(const char *zDb, const char *zActor, bool bJson, const Cli *c);

#endif
