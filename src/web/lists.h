/*
** Whole lists and pages of them, for the API's collections (api_lists.c)
** and the list pages (pages_lists.c), with one meaning of every filter so
** that a page's "CSV of this list" link gives the rows the page shows.
**
** A list is read in the order of its keys (the entity table's, the
** journal's sequence), a page at a time from an opaque cursor (the last key
** read, base64url) or from an offset. A whole list (limit=all) is streamed
** (Resp.xStream) through a connection of its own in one read transaction,
** opened by the handler: the total, the CSV header's languages and every row
** come from one snapshot, and the answer's memory does not grow with the
** table (its parts are about 64 KiB).
*/
#ifndef PACTA_LISTS_H
#define PACTA_LISTS_H

#include <jansson.h>
#include <stdbool.h>

#include "http.h"
#include "kind.h"

/* What a list keeps; NULL or 0: no filter. Each is compared with the
** record's own field of that name, except: organization (a session's is its
** body's), year (of the record's date: date, adopted.date, from or founded)
** and a document's status (in_force or not_in_force today, computed). */
typedef struct ListFilter {
  const char *zOrganization, *zDocument, *zParty, *zBody, *zType, *zCommitment, *zKind, *zFormat,
      *zStatus;
  int year;
} ListFilter;

/* The filters from the request's arguments of the same names; false after
** a 400 (JSON under /api/, else a page) when one is malformed. */
bool list_filter_read(Req *pReq, Resp *r, Kind kind, ListFilter *pF);
/* Does record pRec of kind pass pF? */
bool list_filter_match(Db *pDb, Kind kind, const ListFilter *pF, const json_t *pRec);
/* Append the filters set in pF as query arguments ("&organization=cis..."). */
void list_filter_query(Buf *p, const ListFilter *pF);

/* Every record of kind passing pF, in key order (a new array). */
json_t *list_all(Db *pDb, Kind kind, const ListFilter *pF);

/* The same filters over the journal: kind, op, actor and year of its time. */
typedef struct JournalFilter {
  const char *zKind, *zOp, *zActor;
  int year;
} JournalFilter;
bool journal_filter_read(Req *pReq, Resp *r, JournalFilter *pF);
void journal_filter_query(Buf *p, const JournalFilter *pF);
/* The journal's entries passing pF, newest first, from offset, at most
** limit (a new array of the records with "sha256"); *pnTotal gets the
** number of all entries passing pF. */
json_t *journal_page(Db *pDb, const JournalFilter *pF, long long offset, long long limit,
                     long long *pnTotal);

/* A cursor: the key z (n bytes) as base64url without padding; back, false
** when z is not one. */
void list_cursor_encode(Buf *p, const char *z, size_t n);
bool list_cursor_decode(const char *z, Buf *pOut);

/* The link of a journal entry's record: its page, or NULL (a new string). */
char *journal_record_href(const char *zKind, const char *zKey);

#endif
