/*
** The derived tables: everything but the journal. Each function applies one
** change record; the journal calls them on append and on rebuild, so both
** paths produce the same tables.
*/
#ifndef PACTA_DERIVE_H
#define PACTA_DERIVE_H

#include <jansson.h>
#include <stdint.h>

#include "db.h"
#include "kind.h"

void derive_put(Db *pDb, Kind kind, const char *zKey, const json_t *pValue, int64_t seq);
void derive_retract(Db *pDb, Kind kind, const char *zKey);
/* Empty every derived table. */
void derive_clear(Db *pDb);

#endif
