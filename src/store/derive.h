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
#include "search_index.h"
#include "util.h"

/* Ids of parties and documents looked up during one transaction. Reset it
** whenever the transaction ends: rolled-back ids must not survive. */
typedef struct DeriveCache {
  StrMap party, document;
  bool bFresh; /* the tables were empty when the transaction began: no row to look up */
  SearchMemo search;
} DeriveCache;

void derive_cache_reset(DeriveCache *p);

/* bNew: the entity is not live (a plain insert will do). Returns false,
** having written nothing, when bNew was wrong: the key is live. */
bool derive_put(Db *pDb, DeriveCache *pCache, Kind kind, const char *zKey, const json_t *pValue,
                int64_t seq, bool bNew);
void derive_retract(Db *pDb, DeriveCache *pCache, Kind kind, const char *zKey);
/* Empty every derived table. */
void derive_clear(Db *pDb);
/* After a refill from the whole journal: compact what the refill left
** fragmented (the search index). */
void derive_refilled(Db *pDb);

#endif
