/*
** The fast path of search (search.h, docs/search.md): a query of words
** joined by AND, with or without filters, answered from each word's list of
** matching rows held in memory, instead of a statement step per match.
**
** Each phrase's list is read from FTS5 once per state of the index by
** pacta_postings (fts.c): its rows in rowid order, each with the phrase's
** hits (title 4, text 1), the same figures pacta_rank reads. The lists are
** merged in C (the shortest drives, the others are sought by galloping), and
** each match is counted (total, facets) from its row id and, for a filter,
** from the values of search_doc held in memory too. A match is scored only
** when the most its block of the driving list could score (block-max, as
** Lucene's block-max WAND bounds a block by its best hit) could still enter
** the best k, so a common word costs little more than counting its rows.
** The scores are pacta_rank's, to the bit: the same sum of IDF x saturated
** hits in the same order, the same IDFs (a phrase's rows among all rows), so
** the results are the same as the statements' of search.c.
**
** What is held belongs to one state of the index, named by FTS5's own
** structure and averages records (which any write to the index changes) and
** the database's file name, and is shared by the server's threads: the
** first query after a change reads it again. At most CACHE_PHRASES lists and
** CACHE_BYTES are kept; past that, the lists are let go (those in use live
** until their last query ends).
*/
#include "search.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fts.h"

#define POST_BLOCK 128
#define CACHE_PHRASES 256
#define CACHE_BYTES ((size_t)64 << 20)
#define NO_VALUE UINT32_MAX

typedef struct Post {
  int refs;
  char *zPhrase; /* the phrase as in the FTS5 query */
  int64_t n;
  int64_t *aRid;
  uint32_t *aTf;  /* hits (title 4, text 1) */
  uint32_t *aMax; /* the most hits in each block of POST_BLOCK rows */
  uint32_t maxTf;
  /* Made when a filter asks: each row's index in the state's Docs (-1: none),
  ** then n more, each row's date as Docs's aDate says it (-2: no row). */
  int32_t *aDoc;
  int64_t maxOrg; /* the highest organization code of the rows */
  size_t nByte;
} Post;

/* search_doc's filter values by row id, in rid order. */
typedef struct Docs {
  int64_t n;
  int64_t *aRid;
  uint32_t *aOff; /* 4 a row: body, type, party, date, as offsets in z, or NO_VALUE */
  int32_t *aDate; /* the date as YYYYMMDD when written YYYY-MM-DD, -2 none, else -1 */
  char *z;
} Docs;

/* One state of the index. */
typedef struct State {
  int refs;
  char *zKey;
  size_t nKey;
  int64_t nRow; /* rows in the index, once a list has been read */
  Post *aPost[CACHE_PHRASES];
  int nPost;
  size_t nByte;
  Docs *pDocs;
  int nQuery;    /* queries asked */
  int nFiltered; /* queries with filters answered */
} State;

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static State *g_state; /* the latest state read */

static void post_free(Post *p) {
  if (!p) return;
  free(p->zPhrase);
  free(p->aRid);
  free(p->aTf);
  free(p->aMax);
  free(p->aDoc);
  free(p);
}

static void docs_free(Docs *d) {
  if (!d) return;
  free(d->aRid);
  free(d->aOff);
  free(d->aDate);
  free(d->z);
  free(d);
}

/* Under g_lock. */
static void post_unref(Post *p) {
  if (--p->refs == 0) post_free(p);
}

/* Under g_lock. */
static void state_unref(State *s) {
  if (--s->refs) return;
  for (int i = 0; i < s->nPost; i++) post_unref(s->aPost[i]);
  docs_free(s->pDocs);
  free(s->zKey);
  free(s);
}

/* The state's name: the database file, FTS5's averages and structure
** records; false when they cannot be read. */
static bool read_key(Db *pDb, Buf *pKey) {
  const char *zFile = sqlite3_db_filename(db_handle(pDb), "main");
  buf_puts(pKey, zFile ? zFile : "");
  buf_putc(pKey, 0);
  sqlite3_stmt *p = db_stmt(pDb, "SELECT id, block FROM search_data WHERE id IN (1, 10)");
  int nRec = 0, rc;
  while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(p, 0);
    uint32_t n = (uint32_t)sqlite3_column_bytes(p, 1);
    const void *z = sqlite3_column_blob(p, 1);
    buf_append(pKey, &id, sizeof(id));
    buf_append(pKey, &n, sizeof(n));
    if (n) buf_append(pKey, z, n);
    nRec++;
  }
  sqlite3_reset(p);
  return rc == SQLITE_DONE && nRec > 0;
}

/* The state named by key, made the latest if it is not; referenced. */
static State *state_get(const Buf *pKey) {
  pthread_mutex_lock(&g_lock);
  State *s = g_state;
  if (!s || s->nKey != pKey->n || memcmp(s->zKey, pKey->z, pKey->n) != 0) {
    s = calloc(1, sizeof(State));
    char *zKey = s ? malloc(pKey->n) : 0;
    if (!zKey) {
      free(s);
      pthread_mutex_unlock(&g_lock);
      return 0;
    }
    memcpy(zKey, pKey->z, pKey->n);
    s->zKey = zKey;
    s->nKey = pKey->n;
    s->refs = 1; /* g_state's */
    if (g_state) state_unref(g_state);
    g_state = s;
  }
  s->refs++;
  pthread_mutex_unlock(&g_lock);
  return s;
}

static void state_release(State *s, Post **aPost, int nPost) {
  pthread_mutex_lock(&g_lock);
  for (int i = 0; i < nPost; i++)
    if (aPost[i]) post_unref(aPost[i]);
  state_unref(s);
  pthread_mutex_unlock(&g_lock);
}

/* Read a phrase's list from FTS5; NULL with *pRc on failure. */
static Post *post_read(Db *pDb, const char *zPhrase, int nPhrase, int64_t *pnRow, int *pRc) {
  sqlite3_stmt *p =
      db_stmt(pDb, "SELECT pacta_postings(search, ?2) FROM search WHERE search MATCH ?1 LIMIT 1");
  FtsPostings fp = {0};
  sqlite3_bind_text(p, 1, zPhrase, nPhrase, SQLITE_STATIC);
  sqlite3_bind_pointer(p, 2, &fp, "pacta_postings", 0);
  int rc = sqlite3_step(p);
  sqlite3_reset(p);
  Post *pPost = calloc(1, sizeof(Post));
  int64_t nBlock = (fp.n + POST_BLOCK - 1) / POST_BLOCK;
  if (pPost) {
    pPost->zPhrase = malloc((size_t)nPhrase + 1);
    pPost->aMax = malloc((size_t)(nBlock ? nBlock : 1) * sizeof(uint32_t));
  }
  if ((rc != SQLITE_ROW && rc != SQLITE_DONE) || !pPost || !pPost->zPhrase || !pPost->aMax) {
    *pRc = rc != SQLITE_ROW && rc != SQLITE_DONE ? rc : SQLITE_NOMEM;
    free(fp.aRid);
    free(fp.aTf);
    post_free(pPost);
    return 0;
  }
  memcpy(pPost->zPhrase, zPhrase, (size_t)nPhrase);
  pPost->zPhrase[nPhrase] = 0;
  pPost->refs = 1;
  pPost->n = fp.n;
  pPost->aRid = fp.aRid;
  pPost->aTf = fp.aTf;
  for (int64_t b = 0; b < nBlock; b++) {
    uint32_t m = 0;
    for (int64_t i = b * POST_BLOCK; i < fp.n && i < (b + 1) * POST_BLOCK; i++)
      if (fp.aTf[i] > m) m = fp.aTf[i];
    pPost->aMax[b] = m;
    if (m > pPost->maxTf) pPost->maxTf = m;
  }
  for (int64_t i = 0; i < fp.n; i++)
    if (rid_org(fp.aRid[i]) > pPost->maxOrg) pPost->maxOrg = rid_org(fp.aRid[i]);
  pPost->nByte = (size_t)fp.nAlloc * (sizeof(int64_t) + sizeof(uint32_t)) +
                 (size_t)nBlock * sizeof(uint32_t) + (size_t)fp.n * 2 * sizeof(int32_t);
  if (fp.n) *pnRow = fp.nRow;
  return pPost;
}

/* A phrase's list in state s, read when not held; referenced. */
static Post *post_get(Db *pDb, State *s, const char *zPhrase, int nPhrase, int *pRc) {
  pthread_mutex_lock(&g_lock);
  for (int i = 0; i < s->nPost; i++) {
    Post *p = s->aPost[i];
    if ((int)strlen(p->zPhrase) == nPhrase && memcmp(p->zPhrase, zPhrase, (size_t)nPhrase) == 0) {
      p->refs++;
      pthread_mutex_unlock(&g_lock);
      return p;
    }
  }
  pthread_mutex_unlock(&g_lock);
  int64_t nRow = -1;
  Post *p = post_read(pDb, zPhrase, nPhrase, &nRow, pRc);
  if (!p) return 0;
  pthread_mutex_lock(&g_lock);
  if (nRow >= 0) s->nRow = nRow;
  /* Another thread may have read it meanwhile: keep one. */
  for (int i = 0; i < s->nPost; i++) {
    Post *q = s->aPost[i];
    if (strcmp(q->zPhrase, p->zPhrase) == 0) {
      q->refs++;
      pthread_mutex_unlock(&g_lock);
      post_free(p);
      return q;
    }
  }
  if (s->nPost == CACHE_PHRASES || s->nByte + p->nByte > CACHE_BYTES) {
    for (int i = 0; i < s->nPost; i++) post_unref(s->aPost[i]);
    s->nPost = 0;
    s->nByte = 0;
  }
  if (p->nByte <= CACHE_BYTES) {
    s->aPost[s->nPost++] = p;
    s->nByte += p->nByte;
    p->refs++;
  }
  pthread_mutex_unlock(&g_lock);
  return p;
}

/* YYYYMMDD of a date written YYYY-MM-DD, else -1: two such dates compare
** as their strings do. */
static int32_t date_key(const char *z) {
  if (!z || strlen(z) != 10 || z[4] != '-' || z[7] != '-') return -1;
  int32_t k = 0;
  for (int i = 0; i < 10; i++) {
    if (i == 4 || i == 7) continue;
    if (z[i] < '0' || z[i] > '9') return -1;
    k = k * 10 + (z[i] - '0');
  }
  return k;
}

static uint32_t docs_put(Buf *pZ, sqlite3_stmt *p, int iCol) {
  const char *z = (const char *)sqlite3_column_text(p, iCol);
  if (!z) return NO_VALUE;
  uint32_t off = (uint32_t)pZ->n;
  buf_append(pZ, z, strlen(z) + 1);
  return off;
}

/* search_doc's filter values, read once per state. */
static Docs *docs_get(Db *pDb, State *s, int *pRc) {
  pthread_mutex_lock(&g_lock);
  Docs *d = s->pDocs;
  pthread_mutex_unlock(&g_lock);
  if (d) return d;
  sqlite3_stmt *p =
      db_stmt(pDb, "SELECT rid, body, type, party, date FROM search_doc ORDER BY rid");
  d = calloc(1, sizeof(Docs));
  Buf z = {0};
  int64_t nAlloc = 0;
  int rc = SQLITE_NOMEM;
  while (d && (rc = sqlite3_step(p)) == SQLITE_ROW) {
    if (d->n == nAlloc) {
      nAlloc = nAlloc ? nAlloc * 2 : 4096;
      int64_t *aRid = realloc(d->aRid, (size_t)nAlloc * sizeof(int64_t));
      if (aRid) d->aRid = aRid;
      uint32_t *aOff = aRid ? realloc(d->aOff, (size_t)nAlloc * 4 * sizeof(uint32_t)) : 0;
      if (aOff) d->aOff = aOff;
      int32_t *aDate = aOff ? realloc(d->aDate, (size_t)nAlloc * sizeof(int32_t)) : 0;
      if (aDate) d->aDate = aDate;
      if (!aRid || !aOff || !aDate) {
        rc = SQLITE_NOMEM;
        break;
      }
    }
    d->aRid[d->n] = sqlite3_column_int64(p, 0);
    for (int i = 0; i < 4; i++) d->aOff[d->n * 4 + i] = docs_put(&z, p, i + 1);
    const char *zDate = (const char *)sqlite3_column_text(p, 4);
    d->aDate[d->n] = zDate ? date_key(zDate) : -2;
    d->n++;
    if (z.n >= NO_VALUE) {
      rc = SQLITE_TOOBIG;
      break;
    }
  }
  sqlite3_reset(p);
  bool bNoMem = false;
  if (d && rc == SQLITE_DONE && z.n) {
    d->z = malloc(z.n);
    if (d->z)
      memcpy(d->z, z.z, z.n);
    else
      bNoMem = true;
  }
  buf_free(&z);
  if (rc != SQLITE_DONE || bNoMem) {
    *pRc = rc == SQLITE_DONE ? SQLITE_NOMEM : rc;
    docs_free(d);
    return 0;
  }
  pthread_mutex_lock(&g_lock);
  if (s->pDocs) {
    docs_free(d);
    d = s->pDocs;
  } else {
    s->pDocs = d;
  }
  pthread_mutex_unlock(&g_lock);
  return d;
}

/* Each row of p's index in d, made once (both lists are in rid order). */
static const int32_t *post_docs(Post *p, const Docs *d, int *pRc) {
  pthread_mutex_lock(&g_lock);
  const int32_t *aDoc = p->aDoc;
  pthread_mutex_unlock(&g_lock);
  if (aDoc) return aDoc;
  int32_t *a = malloc((size_t)(p->n ? p->n : 1) * 2 * sizeof(int32_t));
  if (!a) {
    *pRc = SQLITE_NOMEM;
    return 0;
  }
  int64_t j = 0;
  for (int64_t i = 0; i < p->n; i++) {
    while (j < d->n && d->aRid[j] < p->aRid[i]) j++;
    a[i] = j < d->n && d->aRid[j] == p->aRid[i] ? (int32_t)j : -1;
    a[p->n + i] = a[i] < 0 ? -2 : d->aDate[a[i]];
  }
  pthread_mutex_lock(&g_lock);
  if (p->aDoc) {
    free(a);
  } else {
    p->aDoc = a;
  }
  aDoc = p->aDoc;
  pthread_mutex_unlock(&g_lock);
  return aDoc;
}

/* The filters of search.c's FILTERS, on the values held: NULL (or "") is
** no filter; a row without the value filtered on does not pass. */
typedef struct Filter {
  const char *zBody, *zType, *zFrom, *zTo;
  Buf party;              /* " PARTY " */
  int32_t fromKey, toKey; /* date_key of zFrom, zTo */
  bool bOther;            /* a filter other than the dates */
} Filter;

static const char *nonempty(const char *z) {
  return z && *z ? z : 0;
}

static bool values_pass(const char *zBody, const char *zType, const char *zParty, const char *zDate,
                        const Filter *f) {
  if (f->zBody && (!zBody || strcmp(zBody, f->zBody) != 0)) return false;
  if (f->zType && (!zType || strcmp(zType, f->zType) != 0)) return false;
  if (f->party.n && (!zParty || !strstr(zParty, f->party.z))) return false;
  if ((f->zFrom || f->zTo) && !zDate) return false;
  if (f->zFrom && strcmp(zDate, f->zFrom) < 0) return false;
  if (f->zTo && strcmp(zDate, f->zTo) > 0) return false;
  return true;
}

static const char *docs_value(const Docs *d, int32_t i, int iCol) {
  uint32_t o = d->aOff[(int64_t)i * 4 + iCol];
  return o == NO_VALUE ? 0 : d->z + o;
}

static bool doc_passes(const Docs *d, int32_t i, const Filter *f) {
  if (i < 0) return false;
  return values_pass(docs_value(d, i, 0), docs_value(d, i, 1), docs_value(d, i, 2),
                     docs_value(d, i, 3), f);
}

/* A row's filter values looked up in search_doc: 1 passes, 0 not, or -1. */
static int lookup_passes(sqlite3_stmt *p, int64_t rid, const Filter *f) {
  sqlite3_bind_int64(p, 1, rid);
  int rc = sqlite3_step(p), r = rc == SQLITE_DONE ? 0 : -1;
  if (rc == SQLITE_ROW)
    r = values_pass(
        (const char *)sqlite3_column_text(p, 0), (const char *)sqlite3_column_text(p, 1),
        (const char *)sqlite3_column_text(p, 2), (const char *)sqlite3_column_text(p, 3), f);
  sqlite3_reset(p);
  return r;
}

/* The first index >= i of a (ascending, n long) holding rid or more. */
static int64_t seek(const int64_t *a, int64_t n, int64_t i, int64_t rid) {
  if (i >= n || a[i] >= rid) return i;
  int64_t lo = i, step = 1;
  while (lo + step < n && a[lo + step] < rid) {
    lo += step;
    step <<= 1;
  }
  int64_t hi = lo + step < n ? lo + step : n;
  while (hi - lo > 1) {
    int64_t mid = lo + (hi - lo) / 2;
    if (a[mid] < rid)
      lo = mid;
    else
      hi = mid;
  }
  return hi;
}

/* fts_scan_wants, inline. */
static inline bool wants(const Scan *s, int64_t rid) {
  return (s->kind < 0 || (int)rid_kind(rid) == s->kind) && (s->org < 0 || rid_org(rid) == s->org);
}

/* Merge the lists into s: count every match, score those that may rank. */
/* pDocs and aDoc: the filter values held; else pLookup: a statement to look
** them up (a few matches in a state whose values were not read); else no
** filter. SQLITE_DONE or the error of a lookup. */
/*
** One phrase, no kind or organization wanted, at most dates filtered (or
** none): count every match without a branch on it (whether a match passes
** is a coin toss the processor cannot predict), and score those in blocks
** whose best could still rank.
*/
static void count_one(const Post *d, const Docs *pDocs, const int32_t *aDoc, const Filter *pF,
                      int32_t lo, int32_t hi, Scan *s) {
  const int32_t *aKey = pDocs ? aDoc + d->n : 0;
  if (s->bFacets && d->maxOrg >= s->nOrg) {
    int64_t n = d->maxOrg + 16;
    s->aOrg = xrealloc(s->aOrg, (size_t)n * sizeof(long long));
    memset(s->aOrg + s->nOrg, 0, (size_t)(n - s->nOrg) * sizeof(long long));
    s->nOrg = n;
  }
  for (int64_t b0 = 0; b0 < d->n; b0 += POST_BLOCK) {
    int64_t b1 = b0 + POST_BLOCK < d->n ? b0 + POST_BLOCK : d->n;
    bool bScore = fts_scan_beats(s, d->aRid[b0], -fts_tf_score(d->aMax[b0 / POST_BLOCK]));
    for (int64_t j = b0; j < b1; j++) {
      int pass = 1;
      if (aKey) {
        int32_t k = aKey[j];
        pass = k == -1 ? doc_passes(pDocs, aDoc[j], pF) : (k >= 0) & (k >= lo) & (k <= hi);
      }
      int64_t rid = d->aRid[j];
      s->nTotal += pass;
      if (s->bFacets) {
        s->aKind[rid_kind(rid)] += pass;
        s->aOrg[rid_org(rid)] += pass;
      }
      /* One phrase: the score is its saturated hits (pacta_rank, IDF 1). */
      if (pass && bScore) fts_scan_keep(s, rid, -(1.0 * fts_tf_score(d->aTf[j])));
    }
  }
}

/*
** The driving list's rows found in every other list: their positions in the
** driving list (aCand, on entry 0, 1, ...) and in each other list (aPos[i]);
** returns how many. A list up to 8 times longer is walked beside the
** candidates without a branch on whether a row matches (each step moves one
** side or both, a match kept by moving the write position); a longer one is
** sought by galloping.
*/
static int64_t intersect(Post **aPost, int nPost, int iDrive, int64_t *aCand, int64_t **aPos) {
  const Post *d = aPost[iDrive];
  int64_t nc = d->n;
  int aDone[SEARCH_MAX_PHRASES], nDone = 0;
  bool aUsed[SEARCH_MAX_PHRASES] = {false};
  aUsed[iDrive] = true;
  for (int r = 1; r < nPost && nc > 0; r++) {
    int i = -1; /* the shortest list not yet merged */
    for (int t = 0; t < nPost; t++)
      if (!aUsed[t] && (i < 0 || aPost[t]->n < aPost[i]->n)) i = t;
    aUsed[i] = true;
    const int64_t *b = aPost[i]->aRid;
    int64_t nb = aPost[i]->n, *pos = aPos[i], out = 0;
    if (nb <= 8 * nc) {
      int64_t m = 0, k = 0;
      while (m < nc && k < nb) {
        int64_t x = d->aRid[aCand[m]], y = b[k];
        aCand[out] = aCand[m];
        pos[out] = k;
        for (int t = 0; t < nDone; t++) aPos[aDone[t]][out] = aPos[aDone[t]][m];
        out += x == y;
        m += x <= y;
        k += y <= x;
      }
    } else {
      int64_t k = 0;
      for (int64_t m = 0; m < nc; m++) {
        int64_t x = d->aRid[aCand[m]];
        k = seek(b, nb, k, x);
        if (k == nb) break;
        if (b[k] != x) continue;
        aCand[out] = aCand[m];
        pos[out] = k;
        for (int t = 0; t < nDone; t++) aPos[aDone[t]][out] = aPos[aDone[t]][m];
        out++;
      }
    }
    nc = out;
    aDone[nDone++] = i;
  }
  return nc;
}

/*
** Count and rank the matches into s. pDocs and aDoc: the filter values held
** (aDoc: the driving list's rows' indexes in pDocs, then their dates); else
** pLookup: a statement to look them up (a few matches in a state whose
** values were not read); else no filter. SQLITE_DONE or an error.
*/
static int merge(Post **aPost, int nPost, int64_t nRow, const Docs *pDocs, const int32_t *aDoc,
                 sqlite3_stmt *pLookup, const Filter *pF, Scan *s) {
  double aIdf[SEARCH_MAX_PHRASES], aBound[SEARCH_MAX_PHRASES];
  int iDrive = 0;
  for (int i = 0; i < nPost; i++) {
    /* One phrase: its IDF scales every score alike (pacta_rank). */
    aIdf[i] = nPost == 1 ? 1.0 : fts_idf(nRow, aPost[i]->n);
    aBound[i] = aIdf[i] * fts_tf_score(aPost[i]->maxTf);
    if (aPost[i]->n < aPost[iDrive]->n) iDrive = i;
  }
  const Post *d = aPost[iDrive];
  /* Dates only, both written YYYY-MM-DD: compared as numbers. */
  bool bDates =
      pDocs && !pF->bOther && (!pF->zFrom || pF->fromKey >= 0) && (!pF->zTo || pF->toKey >= 0);
  int32_t lo = pF->zFrom ? pF->fromKey : INT32_MIN, hi = pF->zTo ? pF->toKey : INT32_MAX;
  bool bWants = s->kind >= 0 || s->org >= 0;
  if (nPost == 1 && !bWants && !pLookup && (!pDocs || bDates)) {
    count_one(d, pDocs, aDoc, pF, lo, hi, s);
    return SQLITE_DONE;
  }
  int64_t *aCand = 0, *aPos[SEARCH_MAX_PHRASES] = {0}, nc = d->n;
  if (nPost > 1) {
    bool bNoMem = !(aCand = malloc((size_t)d->n * sizeof(int64_t)));
    for (int i = 0; i < nPost && !bNoMem; i++)
      if (i != iDrive) bNoMem = !(aPos[i] = malloc((size_t)d->n * sizeof(int64_t)));
    if (!bNoMem) {
      for (int64_t m = 0; m < d->n; m++) aCand[m] = m;
      nc = intersect(aPost, nPost, iDrive, aCand, aPos);
    }
    if (bNoMem) nc = -1;
  }
  const int32_t *aKey = pDocs ? aDoc + d->n : 0;
  if (s->bFacets && d->maxOrg >= s->nOrg) {
    int64_t n = d->maxOrg + 16;
    s->aOrg = xrealloc(s->aOrg, (size_t)n * sizeof(long long));
    memset(s->aOrg + s->nOrg, 0, (size_t)(n - s->nOrg) * sizeof(long long));
    s->nOrg = n;
  }
  int rc = nc < 0 ? SQLITE_NOMEM : SQLITE_DONE;
  int64_t block = -1;
  bool bScore = false;
  for (int64_t m = 0; m < nc; m++) {
    int64_t j = aCand ? aCand[m] : m, rid = d->aRid[j];
    if (j / POST_BLOCK != block) {
      /* The most a match in this block can score: the block's best hits of
      ** the driving phrase, the best of every other, summed in pacta_rank's
      ** order; each term no less than a match's (the saturation rises with
      ** the hits, in doubles too), so neither is the sum. Were it not to
      ** beat the k-th best at the block's first match, no later match of
      ** the block can (a later row loses a tie): they are counted, not
      ** scored. */
      block = j / POST_BLOCK;
      double bound = 0;
      for (int i = 0; i < nPost; i++)
        bound += i == iDrive ? aIdf[i] * fts_tf_score(d->aMax[block]) : aBound[i];
      bScore = fts_scan_beats(s, rid, -bound);
    }
    /* Whether the match passes, without a branch on it in the common cases
    ** (a coin toss the processor cannot predict). */
    int pass = bWants ? wants(s, rid) : 1;
    if (aKey) {
      int32_t k = aKey[j];
      if (bDates && k != -1)
        pass &= (k >= 0) & (k >= lo) & (k <= hi);
      else
        pass &= doc_passes(pDocs, aDoc[j], pF);
    } else if (pLookup && pass) {
      int r = lookup_passes(pLookup, rid, pF);
      if (r < 0) {
        rc = SQLITE_ERROR;
        break;
      }
      pass = r;
    }
    s->nTotal += pass;
    if (s->bFacets) {
      s->aKind[rid_kind(rid)] += pass;
      s->aOrg[rid_org(rid)] += pass;
    }
    if (!pass || !bScore) continue;
    double score = 0;
    for (int i = 0; i < nPost; i++)
      score += aIdf[i] * fts_tf_score(i == iDrive ? d->aTf[j] : aPost[i]->aTf[aPos[i][m]]);
    fts_scan_keep(s, rid, -score);
  }
  free(aCand);
  for (int i = 0; i < nPost; i++) free(aPos[i]);
  return rc;
}

int search_fast(Db *pDb, const SearchQuery *pQ, const char *zMatch, const SearchPhrases *pPh,
                Scan *s) {
  if (pPh->n < 1 || pPh->n > SEARCH_MAX_PHRASES) return -1;
  Buf key = {0};
  if (!read_key(pDb, &key)) {
    buf_free(&key);
    return -1;
  }
  State *st = state_get(&key);
  buf_free(&key);
  if (!st) return -1;
  /* The first query of a state is answered by the statements: a process
  ** that asks once (the command line) would read the lists for nothing. */
  pthread_mutex_lock(&g_lock);
  bool bFirst = st->nQuery++ == 0;
  pthread_mutex_unlock(&g_lock);
  if (bFirst) {
    state_release(st, 0, 0);
    return -1;
  }
  Post *aPost[SEARCH_MAX_PHRASES] = {0};
  int rc = SQLITE_DONE;
  for (int i = 0; i < pPh->n && rc == SQLITE_DONE; i++) {
    aPost[i] = post_get(pDb, st, zMatch + pPh->aStart[i], pPh->aEnd[i] - pPh->aStart[i], &rc);
    if (!aPost[i] && rc == SQLITE_DONE) rc = SQLITE_NOMEM;
  }
  Filter f;
  memset(&f, 0, sizeof(f));
  f.zBody = nonempty(pQ->zBody);
  f.zType = nonempty(pQ->zType);
  f.zFrom = nonempty(pQ->zFrom);
  f.zTo = nonempty(pQ->zTo);
  if (nonempty(pQ->zParty)) buf_printf(&f.party, " %s ", pQ->zParty);
  f.fromKey = date_key(f.zFrom);
  f.toKey = date_key(f.zTo);
  f.bOther = f.zBody || f.zType || f.party.n;
  bool bFilter = f.bOther || f.zFrom || f.zTo;
  bool bEmpty = false;
  for (int i = 0; i < pPh->n && rc == SQLITE_DONE; i++) bEmpty |= aPost[i]->n == 0;
  const Docs *pDocs = 0;
  const int32_t *aDoc = 0;
  sqlite3_stmt *pLookup = 0;
  pthread_mutex_lock(&g_lock);
  int64_t nRow = st->nRow;
  bool bLoad = st->pDocs || (bFilter && ++st->nFiltered > 2);
  pthread_mutex_unlock(&g_lock);
  if (rc == SQLITE_DONE && !bEmpty && bFilter) {
    int iDrive = 0;
    for (int i = 1; i < pPh->n; i++)
      if (aPost[i]->n < aPost[iDrive]->n) iDrive = i;
    /* The values of every row are read once a state has answered a few
    ** queries with filters, or for a word in half the rows (reading them
    ** costs about as much as looking up that many); until then, looked up
    ** for each match, as the statements would. */
    if (bLoad || aPost[iDrive]->n * 2 >= nRow) {
      pDocs = docs_get(pDb, st, &rc);
      if (pDocs) aDoc = post_docs(aPost[iDrive], pDocs, &rc);
    } else {
      pLookup = db_stmt(pDb, "SELECT body, type, party, date FROM search_doc WHERE rid=?1");
    }
  }
  if (rc == SQLITE_DONE && !bEmpty) rc = merge(aPost, pPh->n, nRow, pDocs, aDoc, pLookup, &f, s);
  buf_free(&f.party);
  state_release(st, aPost, pPh->n);
  return rc;
}
