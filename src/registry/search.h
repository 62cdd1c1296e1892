/*
** Full-text search queries (docs/search.md) over the search index
** (search_index.h): bm25 ranks, snippets, filters and facets.
*/
#ifndef PACTA_SEARCH_H
#define PACTA_SEARCH_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "db.h"
#include "search_index.h"
#include "kind.h"
#include "util.h"

typedef struct SearchQuery {
  const char *zQuery;
  const char *zKind, *zOrg, *zBody, *zType, *zParty, *zFrom, *zTo;
  long long limit, offset;
  bool bFacets;
  const char *zOpen, *zClose; /* snippet highlight marks */
} SearchQuery;

/* {"query","results":[...],"total", "facets"?}, or NULL with a message in
** pErr for a query that has no words, is too long, or that FTS5 rejects. */
json_t *search_run(Db *pDb, const SearchQuery *pQ, Buf *pErr);

/* A --kind / ?kind= value as the index spells it, or NULL when unknown. */
const char *search_kind_filter(const char *z);

#endif
