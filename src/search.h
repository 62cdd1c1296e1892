/*
** Full-text search (docs/search.md): an FTS5 index over documents, sessions,
** commitments, assessments, parties, bodies and organizations, kept from
** the journal by derive.c, with the "pacta" tokenizer (words by Unicode
** letters and digits, case-folded, stemmed with Snowball's English or
** Russian stemmer chosen per word by its script).
*/
#ifndef PACTA_SEARCH_H
#define PACTA_SEARCH_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "cli.h"
#include "db.h"
#include "http.h"
#include "kind.h"
#include "util.h"

/* Register the "pacta" FTS5 tokenizer on a connection (db_open does). */
int search_register(sqlite3 *h);

/* Keep the index: derive.c calls these for every change record. */
void search_put(Db *pDb, Kind kind, const char *zKey, const json_t *v, int64_t seq, bool bNew);
void search_retract(Db *pDb, Kind kind, const char *zKey);
void search_clear(Db *pDb);
/* Merge the index into one segment, after it was refilled (rebuild). */
void search_optimize(Db *pDb);

/* Fill the index of a registry made before it existed (inside its own
** transaction); does nothing when it is up to date. */
void search_ensure(Db *pDb);

/* The normalized form of one word as the index holds it (for tests):
** case-folded, stemmed; writes at most nOut bytes; returns the length. */
int search_term(const char *zWord, int nWord, char *zOut, int nOut);

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

/* `pacta search`, parsing its own arguments. */
int search_command(const char *zDb, bool bJson, const Cli *c);

#endif
