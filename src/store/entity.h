/*
** The live entities: the current value of each (kind, key), read from the
** journal entry the entity table points at.
*/
#ifndef PACTA_ENTITY_H
#define PACTA_ENTITY_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "kind.h"
#include "util.h"

/* The canonical value inside a journal put record: its offset and length. */
bool entity_value_span(const char *zRecord, size_t nRecord, size_t *pOff, size_t *pLen);

/* The value inside a journal put record (a new reference), or NULL. */
json_t *entity_from_record(const char *z, size_t n);

/* A stored value (journal_entry.value, canonical JSON) parsed: a new
** reference, or NULL. Readers of live values join entity to journal_entry
** and read its value; the whole record is the view journal's. */
json_t *entity_from_value(const char *z, size_t n);

/* Actions (kind 7, nearly all records) have no row in entity: their row in
** actions holds the seq of the journal entry that put each (db.c migration
** 12). ENTITY_ACTION_KEY is an action's key as SQL (action_key, a function
** db_open registers); ActionScan (below) reads actions in key order. */
#define ENTITY_ACTION_KEY "action_key(d.id, p.code, a.type, a.date)"

/* A pass over the live actions in key order (exports, checks, API lists,
** a document's actions): document by document in the order of "ID|", each document's
** actions read in one statement with their values and sorted by key in C
** (no statement stays open between calls: the caller may use the
** connection meanwhile). Keys from zLo (inclusive), after zAfter, before
** zHi; NULL for none. After action_scan_next is true, zValue (nValue
** bytes) and seq are the next action's, and action_scan_key its key
** (built when asked: most readers want only values), until the next call.
** bKeysOnly, set before the first call: no values read (zValue NULL). */
typedef struct ActionRow ActionRow;
typedef struct ActionScan {
  Db *pDb;
  char *zLo, *zHi, *zAfter;
  Buf doc;                   /* the current document's id and '|' */
  bool bBegun, bDone, bPast; /* bPast: keys from here are past zLo and zAfter */
  bool bKeysOnly;
  Buf arena, key;              /* key: the current action's, if bKey */
  Buf codes;                   /* the parties' codes, each ending in NUL */
  size_t *aCode;               /* by pid: 1 + the code's offset in codes, 0 for none */
  uint32_t *aCodeRank;         /* by pid: the code's place in key order */
  int64_t nCode;               /* entries in aCode and aCodeRank */
  unsigned char aTypeRank[32]; /* by ActionType: its name's place in key order */
  ActionRow *a;
  int n, nAlloc, i;
  bool bKey;
  const char *zValue;
  size_t nValue;
  int64_t seq;
} ActionScan;

void action_scan_open(ActionScan *s, Db *pDb, const char *zLo, const char *zHi, const char *zAfter);
/* The same over the keys starting with zPrefix ("DOC|": one document's). */
void action_scan_open_prefix(ActionScan *s, Db *pDb, const char *zPrefix);
bool action_scan_next(ActionScan *s);
const char *action_scan_key(ActionScan *s);
void action_scan_close(ActionScan *s);

/* The journal entry that put the live entity (kind, zKey), or 0. */
int64_t entity_seq(Db *pDb, Kind kind, const char *zKey);

/* The current value of a live entity, or NULL. */
json_t *entity_get(Db *pDb, Kind kind, const char *zKey);

/* The value journal entry seq put, or NULL: entity_get of the entity whose
** live entry entity_seq said seq is, in the same read transaction, without
** looking the entity up again. */
json_t *entity_get_seq(Db *pDb, int64_t seq);

/* Is the live entity (kind, zKey) referred to by another live entity? If
** so, describe the first referrer in pOut in the current language ("body
** cis-cdm", "actions of document cis-charter") and return true: retracting
** it would leave a dangling reference. */
bool entity_referrer(Db *pDb, Kind kind, const char *zKey, Buf *pOut);

/* Every live entity of a kind, ordered by key; zOrg (may be NULL) keeps
** only those whose "organization" (or whose body's organization) is zOrg. */
json_t *entity_list(Db *pDb, Kind kind, const char *zOrg);

/* Every live entity of a kind as one object keyed by the value of its field
** zField ("id", "code"); entities without that field are left out. */
json_t *entity_map(Db *pDb, Kind kind, const char *zField);

/* Live entities of a kind whose key starts with zPrefix (NULL: all),
** ordered by key, from offset, at most limit; *pnTotal gets the count of
** all that match. For large kinds: actions of one document are the keys
** "DOCUMENT|...". */
json_t *entity_page(Db *pDb, Kind kind, const char *zPrefix, long long offset, long long limit,
                    long long *pnTotal);

#endif
