/*
** Reading the registry: each query gathers the facts from the derived
** tables and the journal, runs the pure rules (rules.h) and answers with the
** JSON of design.md section 6. The command line prints that JSON or renders
** it as a table; the HTTP server will serve the same objects.
**
** Every query returns a new reference, or NULL with a message in *pzErr
** (static or owned by the caller's Buf) when an id is unknown.
*/
#ifndef PACTA_REGISTRY_H
#define PACTA_REGISTRY_H

#include <jansson.h>
#include <stdio.h>

#include "date.h"
#include "db.h"
#include "kind.h"
#include "util.h"

/* The current value of a live entity, or NULL. */
json_t *registry_get(Db *pDb, Kind kind, const char *zKey);

/* Every live entity of a kind, ordered by key; zOrg (may be NULL) keeps
** only those whose "organization" (or whose body's organization) is zOrg. */
json_t *registry_list(Db *pDb, Kind kind, const char *zOrg);

json_t *query_members(Db *pDb, const char *zOrg, pdate on, Buf *pErr);
json_t *query_chair(Db *pDb, const char *zOrg, int year, Buf *pErr);
/* Every year from the first recorded one to max(last recorded, thisYear+1):
** {"organization", "years": [...], "breaches": [Y...]} */
json_t *query_chair_history(Db *pDb, const char *zOrg, int thisYear, Buf *pErr);
json_t *query_status(Db *pDb, const char *zDoc, pdate on, Buf *pErr);
/* A party's memberships, chairs held and its status in every document. */
json_t *query_party(Db *pDb, const char *zCode, pdate on, int thisYear, Buf *pErr);

/* Status of every document on `on`, written as one JSON document
** {"on": DATE, "documents": [STATUS...]} without holding it all in memory. */
void query_status_all(Db *pDb, pdate on, FILE *f);

#endif
