/*
** The "pacta" FTS5 tokenizer: words by Unicode letters and digits,
** case-folded, stemmed with Snowball's English or Russian stemmer chosen
** per word by its script. db_open registers it, with the ranking functions
** pacta_rank and pacta_scan and the lists' reader pacta_postings, on every
** connection: the schema's search table uses it. The index (search_index.h)
** and the queries (search.h) split text into words the same way through
** fts_each_word.
*/
#ifndef PACTA_FTS_H
#define PACTA_FTS_H

#include <math.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "kind.h"
#include "util.h"

#define FTS_WORD_MAX 64 /* UTF-16 units of a word kept; the rest is ignored */

/* Register the tokenizer and the ranking functions on a connection. */
int fts_register(sqlite3 *h);

/* Snowball stemmers with a cache of normalized words. */
typedef struct Stemmers Stemmers;
/* One set per thread (the server's workers each have theirs), never freed. */
Stemmers *fts_thread_stemmers(void);

typedef int (*FtsWordCallback)(void *pCtx, const char *zTerm, int nTerm, int iStart, int iEnd);
/* Split z into words and call xWord with each normalized word; stops at
** the first result other than SQLITE_OK and returns it. */
int fts_each_word(Stemmers *pS, const char *z, int n, void *pCtx, FtsWordCallback xWord);
/* Does z hold a word (without stemming: letters or digits)? */
bool fts_has_word(const char *z, int n);

/*
** A row's id says what the row is: the journal seq of the entity's current
** record (unique among live rows, and rising, so FTS5 appends), its kind and
** the code of its organization (search_org; 0 for none). Facets by kind and
** organization, and filters on them, are then read off the id of each match,
** without a lookup per match.
*/
#define RID_ORG_BITS 19
#define RID_KIND_BITS 4
#define RID_ORG_MAX ((INT64_C(1) << RID_ORG_BITS) - 1)
#define RID_SEQ_MAX ((INT64_C(1) << (63 - RID_ORG_BITS - RID_KIND_BITS)) - 1)

static inline int64_t rid_make(int64_t org, Kind kind, int64_t seq) {
  return seq << (RID_KIND_BITS + RID_ORG_BITS) | (int64_t)kind << RID_ORG_BITS | org;
}
static inline Kind rid_kind(int64_t rid) {
  return (Kind)((rid >> RID_ORG_BITS) & ((1 << RID_KIND_BITS) - 1));
}
static inline int64_t rid_org(int64_t rid) {
  return rid & RID_ORG_MAX;
}

typedef struct Hit {
  int64_t rid;
  double rank; /* bm25: lower is better */
} Hit;

/* What one query collects from its matches: the total, the best hits and
** the counts by kind and by organization code. */
typedef struct Scan {
  int kind;     /* wanted kind, -1 for any */
  int64_t org;  /* wanted organization code, -1 for any */
  bool bFacets; /* count by kind and organization */
  int k, nTop;
  Hit *aTop; /* the k best, best first */
  long long nTotal;
  long long aKind[K__COUNT];
  long long *aOrg; /* by organization code */
  int64_t nOrg;
} Scan;

/* Count a match into the scan (total, facets, the k best). */
void fts_scan_add(Scan *s, int64_t rid, double rank);
/* The two halves of fts_scan_add: count a match (total, facets); keep it
** among the k best if it is one of them. */
void fts_scan_count(Scan *s, int64_t rid);
void fts_scan_keep(Scan *s, int64_t rid, double rank);
/* Would a match of this rank and id be kept (fts_scan_keep)? */
bool fts_scan_beats(const Scan *s, int64_t rid, double rank);

/* BM25's saturation of a phrase's hits in a row (title 4, text 1; k1 = 1.2,
** b = 0), and a phrase's IDF among nRow rows when it is in nHit of them:
** what pacta_rank sums, and search_fast.c with it. */
static inline double fts_tf_score(uint32_t hits) {
  double tf = hits;
  return tf * 2.2 / (tf + 1.2);
}
static inline double fts_idf(int64_t nRow, int64_t nHit) {
  double idf = log(((double)nRow - (double)nHit + 0.5) / ((double)nHit + 0.5));
  return idf > 1e-6 ? idf : 1e-6;
}

/* What pacta_postings(search, POSTINGS) fills: the rows matching a query of
** one phrase, in rowid order, each with the phrase's hits (title 4, text 1),
** and the rows in the table. Grown with realloc; the caller frees aRid and
** aTf with free(). */
typedef struct FtsPostings {
  int64_t n, nAlloc, nRow;
  int64_t *aRid;
  uint32_t *aTf;
} FtsPostings;
/* Is the match of the kind and organization the scan wants? */
bool fts_scan_wants(const Scan *s, int64_t rid);

#endif
