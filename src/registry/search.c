/*
** Full-text search queries: the user's words as an FTS5 query, ranked
** matches, snippets, filters and facets (search.h, docs/search.md).
*/
#include "search.h"
#include "i18n.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fts.h"
#include "gazetteer.h"

/* ---- Queries --------------------------------------------------------------------- */

#define QUERY_MAX_BYTES 1000
#define QUERY_MAX_TERMS SEARCH_MAX_PHRASES

/*
** Names of one place or party in every language are one word to search: a
** query word that is a name in the gazetteer (gazetteer.h: a party's names
** and aliases, its capital, each of its cities, matched as ingest matches
** them: "Минске" is "Минск") searches for every name of the same thing, so
** "Минск" finds the sessions held in "Minsk". The parties' part of the
** gazetteer is read once per state of the registry's parties, per thread.
*/
typedef struct Places {
  const Db *pDb;
  int64_t nParty, lastSeq; /* the parties' state when read */
  Gazetteer g;
} Places;

static pthread_key_t g_placesKey;
static pthread_once_t g_placesOnce = PTHREAD_ONCE_INIT;

static void places_free(void *p) {
  gazetteer_free(&((Places *)p)->g);
  xfree(p);
}

static void places_key_init(void) {
  if (pthread_key_create(&g_placesKey, places_free)) panic("pthread_key_create");
}

/* The places of this thread, freed when the thread ends. */
static Places *thread_places_alloc(void) {
  static _Thread_local Places *p;
  if (!p) {
    Pool *pPool = pool_pause();
    p = xmalloc(sizeof(Places));
    pool_resume(pPool);
    memset(p, 0, sizeof(*p));
    pthread_once(&g_placesOnce, places_key_init);
    pthread_setspecific(g_placesKey, p); /* only for its destructor */
  }
  return p;
}

static const Gazetteer *thread_places(Db *pDb) {
  Places *ps = thread_places_alloc();
  sqlite3_stmt *p =
      db_stmt(pDb, "SELECT count(*), coalesce(max(seq), 0) FROM entity WHERE kind=?1");
  sqlite3_bind_int(p, 1, K_PARTY);
  int64_t nParty = 0, lastSeq = 0;
  if (db_step_row(pDb, p)) {
    nParty = sqlite3_column_int64(p, 0);
    lastSeq = sqlite3_column_int64(p, 1);
  }
  sqlite3_reset(p);
  /* A put raises the parties' last seq; a retract lowers their count. */
  if (ps->pDb == pDb && ps->nParty == nParty && ps->lastSeq == lastSeq) return &ps->g;
  /* The places outlive the request that reads them (util.h: pools); until
  ** read whole they are no one's, should a failure stop the reading. */
  Pool *pPool = pool_pause();
  ps->pDb = 0;
  gazetteer_free(&ps->g);
  gazetteer_load_parties(pDb, &ps->g);
  pool_resume(pPool);
  ps->pDb = pDb;
  ps->nParty = nParty;
  ps->lastSeq = lastSeq;
  return &ps->g;
}

/* The gazetteer entry that the word zWord (n bytes) is a name of, or -1. */
static int place_entry(const Gazetteer *g, const char *zWord, int n) {
  if (!g || !g->n) return -1;
  char *zFold = xmalloc((size_t)n + 1);
  memcpy(zFold, zWord, (size_t)n);
  zFold[n] = 0;
  gz_fold(zFold, (size_t)n);
  int iEntry = -1;
  for (int i = 0; i < g->n && iEntry < 0; i++)
    if (gz_is(&g->a[i], zFold, (size_t)n)) iEntry = i;
  xfree(zFold);
  return iEntry;
}

/* One user word as an FTS5 string ("word", "word"*), quotes doubled. */
static void put_fts_string(Buf *pOut, const char *z, int n, bool bPrefix) {
  buf_putc(pOut, '"');
  for (int i = 0; i < n; i++) {
    if (z[i] == '"') buf_putc(pOut, '"');
    buf_putc(pOut, z[i]);
  }
  buf_putc(pOut, '"');
  if (bPrefix) buf_putc(pOut, '*');
}

/* The user's words as an FTS5 query: each word a quoted string (so no
** FTS5 syntax can come from the user), "word*" a prefix, a bare OR
** between two words kept; a word that is a name in pPlaces as the OR of
** every name of the same thing, those names also added to pExtra (for the
** snippets). The number of words, or -1 with a message. */
static int build_match(const char *zQuery, const Gazetteer *pPlaces, Buf *pOut, Buf *pExtra,
                       SearchPhrases *pPh, Buf *pErr) {
  pPh->n = 0;
  pPh->bAnd = true;
  size_t n = strlen(zQuery);
  if (n > QUERY_MAX_BYTES) {
    buf_printf(pErr, _("the query is too long (%zu bytes; at most %d)"), n, QUERY_MAX_BYTES);
    return -1;
  }
  char *z = xstrdup(zQuery);
  utf8_sanitize(z);
  int nTerm = 0;
  bool bPendingOr = false;
  for (char *p = z; *p;) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v') p++;
    if (!*p) break;
    char *zEnd = p + strcspn(p, " \t\n\r\f\v");
    int m = (int)(zEnd - p);
    if (m == 2 && memcmp(p, "OR", 2) == 0) {
      bPendingOr = nTerm > 0;
      p = zEnd;
      continue;
    }
    bool bPrefix = m > 1 && p[m - 1] == '*';
    if (bPrefix) m--;
    if (fts_has_word(p, m)) {
      if (++nTerm > QUERY_MAX_TERMS) {
        buf_printf(pErr, _("the query has too many words (at most %d)"), QUERY_MAX_TERMS);
        xfree(z);
        return -1;
      }
      if (pOut->n) buf_puts(pOut, bPendingOr ? " OR " : " AND ");
      if (bPendingOr) pPh->bAnd = false;
      int iEntry = bPrefix ? -1 : place_entry(pPlaces, p, m);
      if (iEntry < 0) {
        pPh->aStart[pPh->n] = (int)pOut->n;
        put_fts_string(pOut, p, m, bPrefix);
        pPh->aEnd[pPh->n++] = (int)pOut->n;
      } else {
        pPh->bAnd = false;
        buf_putc(pOut, '(');
        put_fts_string(pOut, p, m, false);
        for (int i = 0; i < pPlaces->n; i++) {
          const GzEntry *e = &pPlaces->a[i];
          if (!gz_same(e, &pPlaces->a[iEntry])) continue;
          buf_puts(pOut, " OR ");
          put_fts_string(pOut, e->zPat, (int)e->nPat, e->bPrefix);
          buf_printf(pExtra, " %s%s", e->zPat, e->bPrefix ? "*" : "");
        }
        buf_putc(pOut, ')');
      }
    }
    bPendingOr = false;
    p = zEnd;
  }
  xfree(z);
  if (nTerm == 0) {
    buf_puts(pErr, _("the query has no words to search for (letters or digits)"));
    return -1;
  }
  return nTerm;
}

/* Filters read from search_doc; kind and organization are read off row ids. */
#define FILTERS                                                                                    \
  " AND (?2 IS NULL OR d.body=?2) AND (?3 IS NULL OR d.type=?3)"                                   \
  " AND (?4 IS NULL OR instr(d.party, ' '||?4||' ')>0)"                                            \
  " AND (?5 IS NULL OR d.date>=?5) AND (?6 IS NULL OR d.date<=?6)"

static void bind_filters(sqlite3_stmt *p, const SearchQuery *pQ) {
  db_bind_nonempty(p, 2, pQ->zBody);
  db_bind_nonempty(p, 3, pQ->zType);
  db_bind_nonempty(p, 4, pQ->zParty);
  db_bind_nonempty(p, 5, pQ->zFrom);
  db_bind_nonempty(p, 6, pQ->zTo);
}

static bool has_doc_filter(const SearchQuery *q) {
  return q->zBody || q->zType || q->zParty || q->zFrom || q->zTo;
}

static json_t *col_json(sqlite3_stmt *p, int i) {
  const char *z = (const char *)sqlite3_column_text(p, i);
  return z ? json_string(z) : json_null();
}

/* {"kind": {NAME: N}, "organization": {ID: N}} from a scan's counts. */
static json_t *scan_facets(Db *pDb, const Scan *s) {
  json_t *pKind = json_object(), *pOrg = json_object();
  for (int i = 0; i < K__COUNT; i++)
    if (s->aKind[i]) json_object_set_new(pKind, kind_name((Kind)i), json_integer(s->aKind[i]));
  sqlite3_stmt *p = db_stmt(pDb, "SELECT org FROM search_org WHERE code=?1");
  for (int64_t i = 1; i < s->nOrg; i++) {
    if (!s->aOrg[i]) continue;
    sqlite3_bind_int64(p, 1, i);
    if (sqlite3_step(p) == SQLITE_ROW)
      json_object_set_new(pOrg, (const char *)sqlite3_column_text(p, 0), json_integer(s->aOrg[i]));
    sqlite3_reset(p);
  }
  json_t *pF = json_object();
  json_object_set_new(pF, "kind", pKind);
  json_object_set_new(pF, "organization", pOrg);
  return pF;
}

/* Collect the matches of zMatch into s: with pacta_scan for one phrase and
** no filter needing search_doc, else a statement step per match. */
static int scan_matches(Db *pDb, const SearchQuery *pQ, const char *zMatch, bool bOnePhrase,
                        Scan *s) {
  sqlite3_stmt *p;
  if (bOnePhrase && !has_doc_filter(pQ)) {
    p = db_stmt(pDb, "SELECT pacta_scan(search, ?2) FROM search WHERE search MATCH ?1 LIMIT 1");
    sqlite3_bind_text(p, 1, zMatch, -1, SQLITE_STATIC);
    sqlite3_bind_pointer(p, 2, s, "pacta_scan", 0);
    int rc = sqlite3_step(p);
    sqlite3_reset(p);
    return rc == SQLITE_ROW ? SQLITE_DONE : rc;
  }
  if (has_doc_filter(pQ)) {
    p = db_stmt(pDb, "SELECT s.rowid, pacta_rank(search) FROM search s "
                     "JOIN search_doc d ON d.rid=s.rowid WHERE search MATCH ?1" FILTERS);
    bind_filters(p, pQ);
  } else {
    p = db_stmt(pDb, "SELECT rowid, pacta_rank(search) FROM search WHERE search MATCH ?1");
  }
  sqlite3_bind_text(p, 1, zMatch, -1, SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
    int64_t rid = sqlite3_column_int64(p, 0);
    if (fts_scan_wants(s, rid)) fts_scan_add(s, rid, sqlite3_column_double(p, 1));
  }
  sqlite3_reset(p);
  return rc;
}

/* ---- Snippets ------------------------------------------------------------------- */

typedef struct QTerm {
  char z[FTS_WORD_MAX * 9];
  int n;
  bool bPrefix;
} QTerm;

typedef struct QTerms {
  QTerm a[QUERY_MAX_TERMS * 4];
  int n;
  bool bPrefix; /* of the words being added */
} QTerms;

static int add_qterm(void *pArg, const char *zTerm, int nTerm, int iStart, int iEnd) {
  QTerms *p = pArg;
  if (p->n >= (int)(sizeof(p->a) / sizeof(p->a[0]))) return SQLITE_DONE;
  QTerm *t = &p->a[p->n++];
  memcpy(t->z, zTerm, (size_t)nTerm);
  t->n = nTerm;
  t->bPrefix = p->bPrefix;
  return SQLITE_OK;
}

/* The query's words as the index holds them. */
static void query_terms(const char *zQuery, QTerms *pOut) {
  pOut->n = 0;
  char *z = xstrdup(zQuery);
  utf8_sanitize(z);
  for (char *p = z; *p;) {
    while (*p && strchr(" \t\n\r\f\v", *p)) p++;
    if (!*p) break;
    char *zEnd = p + strcspn(p, " \t\n\r\f\v");
    int m = (int)(zEnd - p);
    pOut->bPrefix = m > 1 && p[m - 1] == '*';
    fts_each_word(fts_thread_stemmers(), p, m, pOut, add_qterm);
    p = zEnd;
  }
  xfree(z);
}

typedef struct Span {
  int iStart, iEnd;
  bool bHit;
} Span;

static bool is_hit(const QTerms *pQ, const char *zTerm, int nTerm) {
  for (int i = 0; i < pQ->n; i++) {
    const QTerm *t = &pQ->a[i];
    if (t->bPrefix ? nTerm >= t->n && memcmp(zTerm, t->z, (size_t)t->n) == 0
                   : nTerm == t->n && memcmp(zTerm, t->z, (size_t)nTerm) == 0)
      return true;
  }
  return false;
}

#define SNIPPET_WORDS 16
/* Words of a text read for its best window; past them, only until a first
** match when nothing else matched (a long text matching near its end). */
#define SNIPPET_SCAN_WORDS 100000

/*
** The window of SNIPPET_WORDS words with the most matching words (the
** first such), read in one pass that keeps only the last SNIPPET_WORDS
** words, so a text of any length costs its reading and no memory.
*/
typedef struct Window {
  const QTerms *pQ;
  Span aRing[SNIPPET_WORDS]; /* word i at i % SNIPPET_WORDS */
  int n;                     /* words read */
  int nWin;                  /* matches among the last SNIPPET_WORDS words */
  int nBest, iBest;          /* the best window's matches and its first word */
  int iBestStart;            /* where that word starts */
  bool bAnyMatch;            /* read on past SNIPPET_SCAN_WORDS while there is none */
} Window;

static int window_word(void *pArg, const char *zTerm, int nTerm, int iStart, int iEnd) {
  Window *w = pArg;
  int i = w->n++;
  Span *pOld = &w->aRing[i % SNIPPET_WORDS];
  if (i >= SNIPPET_WORDS) w->nWin -= pOld->bHit;
  *pOld = (Span){iStart, iEnd, is_hit(w->pQ, zTerm, nTerm)};
  w->nWin += pOld->bHit;
  if (w->nWin > w->nBest) {
    /* The window of words [start, i], begun a little before its first match. */
    int start = i >= SNIPPET_WORDS - 1 ? i - SNIPPET_WORDS + 1 : 0, first = start;
    while (first <= i && !w->aRing[first % SNIPPET_WORDS].bHit) first++;
    w->nBest = w->nWin;
    w->iBest = first <= i && first - start > 3 ? first - 3 : start;
    w->iBestStart = w->aRing[w->iBest % SNIPPET_WORDS].iStart;
  }
  if (w->n >= SNIPPET_SCAN_WORDS && (w->nBest > 0 || w->bAnyMatch)) return SQLITE_DONE;
  return SQLITE_OK;
}

/* The words of the window chosen, read again from its first word, and one
** more if there is one. */
typedef struct Shown {
  const QTerms *pQ;
  Span a[SNIPPET_WORDS + 1];
  int n;
} Shown;

static int shown_word(void *pArg, const char *zTerm, int nTerm, int iStart, int iEnd) {
  Shown *s = pArg;
  s->a[s->n++] = (Span){iStart, iEnd, is_hit(s->pQ, zTerm, nTerm)};
  return s->n <= SNIPPET_WORDS ? SQLITE_OK : SQLITE_DONE;
}

/* The window of SNIPPET_WORDS words of zText with the most matching words,
** each match between zOpen and zClose; returns the number of matches.
** bAnyMatch: another column matched, so a long text is not read to its end
** for a match. */
static int snippet_of(const char *zText, const QTerms *pQ, const char *zOpen, const char *zClose,
                      bool bAnyMatch, Buf *pOut) {
  Window w;
  memset(&w, 0, sizeof(w));
  w.pQ = pQ;
  w.nBest = -1;
  w.bAnyMatch = bAnyMatch;
  int nText = (int)strlen(zText);
  fts_each_word(fts_thread_stemmers(), zText, nText, &w, window_word);
  if (w.n == 0) return 0;
  int best = w.iBest, iPos = best > 0 ? w.iBestStart : 0;
  Shown sh = {.pQ = pQ};
  fts_each_word(fts_thread_stemmers(), zText + iPos, nText - iPos, &sh, shown_word);
  bool bMore = sh.n > SNIPPET_WORDS;
  if (bMore) sh.n = SNIPPET_WORDS;
  if (best > 0) buf_puts(pOut, "\xe2\x80\xa6");
  const char *z = zText + iPos;
  int iAt = 0;
  for (int i = 0; i < sh.n; i++) {
    buf_append(pOut, z + iAt, (size_t)(sh.a[i].iStart - iAt));
    if (sh.a[i].bHit) buf_puts(pOut, zOpen);
    buf_append(pOut, z + sh.a[i].iStart, (size_t)(sh.a[i].iEnd - sh.a[i].iStart));
    if (sh.a[i].bHit) buf_puts(pOut, zClose);
    iAt = sh.a[i].iEnd;
  }
  if (bMore)
    buf_puts(pOut, "\xe2\x80\xa6");
  else
    buf_puts(pOut, z + iAt);
  return w.nBest;
}

/* A row's snippet: from its text, else its title, whichever matches more;
** zPrefix (may be NULL) before it. */
static json_t *row_snippet(Db *pDb, int64_t rid, const QTerms *pQ, const SearchQuery *pSQ,
                           const char *zPrefix) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT title, text FROM search WHERE rowid=?1");
  sqlite3_bind_int64(p, 1, rid);
  json_t *pRet = json_null();
  if (db_step_row(pDb, p)) {
    const char *zOpen = pSQ->zOpen ? pSQ->zOpen : "[", *zClose = pSQ->zClose ? pSQ->zClose : "]";
    Buf aB[2] = {{0}, {0}};
    int aN[2];
    for (int i = 0; i < 2; i++) {
      const char *z = (const char *)sqlite3_column_text(p, i);
      if (zPrefix) buf_puts(&aB[i], zPrefix);
      aN[i] = snippet_of(z ? z : "", pQ, zOpen, zClose, i == 1 && aN[0] > 0, &aB[i]);
    }
    int k = aN[1] >= aN[0] && aN[1] > 0 ? 1 : 0;
    pRet = json_string(aB[k].z ? aB[k].z : "");
    if (!pRet) pRet = json_string("");
    buf_free(&aB[0]);
    buf_free(&aB[1]);
  }
  sqlite3_reset(p);
  return pRet;
}

/*
** A row of an action's text (search_index.c) is a hit of its document: its
** id and title (the document row's label), "in" the action ({"type",
** "party", "date"}), and its snippet begins with the action's label
** ("Reservation by USA, 1992-06-08: ..."). zKey: DOCUMENT|PARTY|TYPE|DATE.
*/
static void action_hit(Db *pDb, json_t *r, const char *zKey) {
  size_t n = strlen(zKey) + 1;
  char *z = xmalloc(n), *az[4];
  key_split(zKey, z, n, az);
  json_object_set_new(r, "kind", json_string(kind_name(K_DOCUMENT)));
  json_object_set_new(r, "id", json_string(az[0]));
  sqlite3_stmt *p = db_stmt(pDb, "SELECT label FROM search_doc WHERE kind=?1 AND key=?2");
  sqlite3_bind_text(p, 1, kind_name(K_DOCUMENT), -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 2, az[0], -1, SQLITE_STATIC);
  json_object_set_new(r, "title", db_step_row(pDb, p) ? col_json(p, 0) : json_string(az[0]));
  sqlite3_reset(p);
  json_object_set_new(r, "in",
                      json_pack("{s:s, s:s, s:s}", "type", az[2], "party", az[1], "date", az[3]));
  xfree(z);
}

/*
** One pass over the matches ranks each (title weighs 4, text 1) and keeps the
** best offset+limit in C, counting the total and the facets from the row ids;
** then the snippets and details of the few kept rows. This avoids FTS5's
** ORDER BY rank, which sorts every match, and reading the wide content rows.
*/
json_t *search_run(Db *pDb, const SearchQuery *pQ, Buf *pErr) {
  Buf match = {0};
  bool bBegun = db_read_begin(pDb);
  Buf extra = {0};
  SearchPhrases ph;
  int nPhrase =
      build_match(pQ->zQuery ? pQ->zQuery : "", thread_places(pDb), &match, &extra, &ph, pErr);
  if (nPhrase < 0) {
    buf_free(&match);
    buf_free(&extra);
    db_read_end(pDb, bBegun);
    return 0;
  }
  long long limit = pQ->limit > 0 ? pQ->limit : 20, offset = pQ->offset > 0 ? pQ->offset : 0;
  if (limit > 1000) limit = 1000;
  if (offset > SEARCH_MAX_OFFSET) offset = SEARCH_MAX_OFFSET; /* the callers refuse more */
  Scan s = {.kind = -1, .org = -1, .bFacets = pQ->bFacets, .k = (int)(limit + offset)};
  s.aTop = xmalloc((size_t)s.k * sizeof(Hit));
  Kind kind;
  if (pQ->zKind && kind_parse(pQ->zKind, &kind) == 0) s.kind = (int)kind;
  int rc = SQLITE_DONE;
  if (pQ->zOrg && (s.org = search_org_code(pDb, pQ->zOrg, false)) < 0) {
    /* never indexed: nothing matches */
  } else {
    /* Words joined by AND: from the lists held in memory (search_fast.c),
    ** when this read began here (a caller's transaction may hold writes
    ** the lists would not see). */
    rc = bBegun && ph.bAnd ? search_fast(pDb, pQ, match.z, &ph, &s) : -1;
    if (rc == -1) rc = scan_matches(pDb, pQ, match.z, nPhrase == 1 && !extra.n, &s);
  }
  json_t *aRes = json_array();
  QTerms *pQt = 0;
  if (rc == SQLITE_DONE && s.nTop > offset) {
    pQt = xmalloc(sizeof(QTerms));
    Buf words = {0};
    buf_puts(&words, pQ->zQuery);
    if (extra.n) buf_puts(&words, extra.z);
    query_terms(words.z, pQt);
    buf_free(&words);
  }
  if (rc == SQLITE_DONE) {
    for (int i = (int)offset; i < s.nTop; i++) {
      sqlite3_stmt *p = db_stmt(pDb, "SELECT kind, key, label, org, body, type, date "
                                     "FROM search_doc WHERE rid=?1");
      sqlite3_bind_int64(p, 1, s.aTop[i].rid);
      if ((rc = sqlite3_step(p)) == SQLITE_ROW) {
        json_t *r = json_object();
        const char *zKind = (const char *)sqlite3_column_text(p, 0);
        bool bAction = zKind && strcmp(zKind, kind_name(K_ACTION)) == 0;
        Buf prefix = {0};
        if (bAction) {
          action_hit(pDb, r, (const char *)sqlite3_column_text(p, 1));
          buf_printf(&prefix, "%s: ", (const char *)sqlite3_column_text(p, 2));
        } else {
          json_object_set_new(r, "kind", col_json(p, 0));
          json_object_set_new(r, "id", col_json(p, 1));
          json_object_set_new(r, "title", col_json(p, 2));
        }
        json_object_set_new(r, "snippet", row_snippet(pDb, s.aTop[i].rid, pQt, pQ, prefix.z));
        buf_free(&prefix);
        json_object_set_new(r, "score",
                            json_real((double)(long long)(-s.aTop[i].rank * 1000) / 1000));
        json_object_set_new(r, "organization", col_json(p, 3));
        json_object_set_new(r, "body", col_json(p, 4));
        json_object_set_new(r, "type", col_json(p, 5));
        json_object_set_new(r, "date", col_json(p, 6));
        json_array_append_new(aRes, r);
        rc = SQLITE_DONE;
      }
      sqlite3_reset(p);
      if (rc != SQLITE_DONE) break;
    }
  }
  xfree(s.aTop);
  xfree(pQt);
  buf_free(&match);
  buf_free(&extra);
  json_t *pFacets = rc == SQLITE_DONE && pQ->bFacets ? scan_facets(pDb, &s) : 0;
  xfree(s.aOrg);
  db_read_end(pDb, bBegun);
  if (rc != SQLITE_DONE) {
    buf_printf(pErr, _("the query cannot be searched: %s"), sqlite3_errmsg(db_handle(pDb)));
    json_decref(aRes);
    return 0;
  }
  char *zQ = xstrdup(pQ->zQuery ? pQ->zQuery : "");
  utf8_sanitize(zQ);
  json_t *pDoc = json_object();
  json_object_set_new(pDoc, "query", json_string(zQ));
  xfree(zQ);
  json_object_set_new(pDoc, "results", aRes);
  json_object_set_new(pDoc, "total", json_integer(s.nTotal));
  if (pFacets) json_object_set_new(pDoc, "facets", pFacets);
  return pDoc;
}

/* A --kind / ?kind= value as the index spells it, or NULL when unknown. */
const char *search_kind_filter(const char *z) {
  Kind k;
  if (!z) return 0;
  if (kind_parse(z, &k) || !search_indexed_kind(k)) return 0;
  return kind_name(k);
}
