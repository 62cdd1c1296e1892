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

#include "gazetteer.h"
#include "util.h"

/* The longest press release ingest reads: 16 MiB (a long one is a few
** hundred kB). Drafting costs time linear in the text (bench/scale.sh). */
#define INGEST_MAX_BYTES ((size_t)16 << 20)

/* Draft {"file", "session", "evidence"} from one press release, or NULL
** with the reason in *pErr (empty, not text, over INGEST_MAX_BYTES). */
json_t *ingest_draft(const Gazetteer *pGz, const char *zName, const char *zData, size_t nData,
                     Buf *pErr);

/* Set a draft's date or place to what the person confirming knows (the
** date also sets the session id); zHow says how it was given, and the
** evidence keeps what the text said. */
void ingest_give(json_t *pDraft, const char *zField, const char *zValue, const char *zHow);

/* What a draft lacks to be loaded, and that in words ("no full date
** found"; NULL for INGEST_LOADABLE). */
typedef enum IngestLack { INGEST_LOADABLE, INGEST_NO_BODY, INGEST_NO_DATE } IngestLack;
IngestLack ingest_lack(const json_t *pDraft);
const char *ingest_lack_words(IngestLack lack);

#endif
