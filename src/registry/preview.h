/*
** What a record would do before it is written: a document put through the
** journal inside a transaction, its status computed, and the transaction
** rolled back (the depositary's desk previews an entry-into-force clause
** against the actions recorded now).
*/
#ifndef PACTA_PREVIEW_H
#define PACTA_PREVIEW_H

#include <jansson.h>

#include "date.h"
#include "db.h"
#include "util.h"

/* The status of document pDoc (an interchange record of a document that
** has passed validation: interchange_load_json_opt with bDryRun) on `on`,
** as query_status_detail answers it, had pDoc been recorded by zActor.
** Nothing is written: the journal entry is rolled back. NULL with a message
** in pErr when the registry is busy. */
json_t *preview_document_status(Db *pDb, const json_t *pDoc, const char *zActor, pdate on,
                                Buf *pErr);

#endif
