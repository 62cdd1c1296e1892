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

/* The most results a query skips: its best SEARCH_MAX_OFFSET + limit are
** ranked in memory. A caller refuses a larger offset. */
#define SEARCH_MAX_OFFSET 100000

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

/* ---- Inside search (search.c, search_fast.c) ---- */

#define SEARCH_MAX_PHRASES 32

/* The phrases of a query of words joined by AND (no OR, no place names):
** phrase i is zMatch's bytes [aStart[i], aEnd[i]). */
typedef struct SearchPhrases {
  int n;
  int aStart[SEARCH_MAX_PHRASES], aEnd[SEARCH_MAX_PHRASES];
  bool bAnd; /* every phrase joined by AND, none a place's names */
} SearchPhrases;

typedef struct Scan Scan;
/* Collect the matches of such a query into s from the lists held in memory
** (search_fast.c): SQLITE_DONE, an SQLite error, or -1 (s untouched) when
** the fast path cannot answer it. Inside a read transaction of its own. */
int search_fast(Db *pDb, const SearchQuery *pQ, const char *zMatch, const SearchPhrases *pPh,
                Scan *s);

/* A --kind / ?kind= value as the index spells it, or NULL when unknown. */
const char *search_kind_filter(const char *z);

#endif
