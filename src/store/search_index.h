/*
** The search index: an FTS5 table (fts.h's tokenizer) over documents,
** sessions, commitments, assessments, parties, bodies and organizations,
** kept from the journal by derive.c. Row ids carry each row's kind and
** organization (fts.h).
*/
#ifndef PACTA_SEARCH_INDEX_H
#define PACTA_SEARCH_INDEX_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "kind.h"

/* The document an action's text was last indexed with, kept by the writer
** for the length of one transaction (DeriveCache): the actions of one
** document come together, and each would read and parse its record again.
** search_put and search_retract forget it when a document changes. */
typedef struct SearchMemo {
  char *zDoc;
  json_t *pDoc;
} SearchMemo;
void search_memo_reset(SearchMemo *pMemo);

/* Keep the index: derive.c calls these for every change record. */
void search_put(Db *pDb, SearchMemo *pMemo, Kind kind, const char *zKey, const json_t *v,
                int64_t seq, bool bNew);
void search_retract(Db *pDb, SearchMemo *pMemo, Kind kind, const char *zKey);
void search_clear(Db *pDb);
/* Merge the index into one segment, after it was refilled (rebuild). */
void search_optimize(Db *pDb);

/* Fill the index of a registry made before it existed (inside its own
** transaction); does nothing when it is up to date. */
void search_ensure(Db *pDb);

/* Is a kind in the index? */
bool search_indexed_kind(Kind kind);
/* The code of an organization in row ids (made when bMake), or -1. */
int64_t search_org_code(Db *pDb, const char *zOrg, bool bMake);

#endif
