/*
** The "pacta" FTS5 tokenizer and the ranking functions of the search index
** (fts.h, docs/search.md).
*/
#include "fts.h"

#include <libstemmer.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

/* A direct-mapped cache of normalized short words: stemming is most of the
** cost of tokenizing, and texts repeat their words. */
#define CACHE_SLOTS 4096
#define CACHE_WORD 24 /* UTF-16 units of a cached word */
#define CACHE_TERM 64 /* bytes of its term */
typedef struct CacheSlot {
  UChar aw[CACHE_WORD];
  uint8_t nw, nTerm;
  char zTerm[CACHE_TERM];
} CacheSlot;

typedef struct Stemmers {
  struct sb_stemmer *pEn, *pRu;
  CacheSlot *aCache; /* NULL: no cache */
} Stemmers;

static bool is_word_start(UChar32 c) {
  return c >= 0 && u_isalnum(c);
}
static bool is_word_part(UChar32 c) {
  if (c < 0) return false;
  if (u_isalnum(c)) return true;
  int8_t t = u_charType(c);
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

static bool ends_with(const char *z, int n, const char *zSuffix) {
  int m = (int)strlen(zSuffix);
  return n >= m && memcmp(z + n - m, zSuffix, (size_t)m) == 0;
}

/* Characters of UTF-8 text (no validation needed: our own output). */
static int utf8_chars(const char *z, int n) {
  int c = 0;
  for (int i = 0; i < n; i++) c += ((unsigned char)z[i] & 0xC0) != 0x80;
  return c;
}

/*
** A small derivational step after Snowball, the same on both sides (index
** and query), so that a verb finds its noun: Snowball stems "ratified" to
** "ratifi" but "ratification" to "ratif", and "ратифицировал" to
** "ратифицирова" but "ратификация" to "ратификац". English: a final "i"
** of a stem longer than 5 letters goes ("ratifi" -> "ratif", "countri" ->
** "countr"). Russian: the verbal suffixes -ирова/-ова/-ева and the noun
** suffix -ац/-яц go when 4 letters remain, and a final -фиц becomes -фик
** (the Latin -fic- alternation: ратифицировать / ратификация).
*/
static int derive_stem(char *z, int n, bool bRu) {
  if (!bRu) {
    if (n > 5 && z[n - 1] == 'i') n--;
    return n;
  }
  static const char *const azVerb[] = {"ирова", "ова", "ева"};
  for (size_t i = 0; i < sizeof(azVerb) / sizeof(azVerb[0]); i++) {
    int m = (int)strlen(azVerb[i]);
    if (ends_with(z, n, azVerb[i]) && utf8_chars(z, n - m) >= 4) {
      n -= m;
      break;
    }
  }
  static const char *const azNoun[] = {"ац", "яц"};
  for (size_t i = 0; i < sizeof(azNoun) / sizeof(azNoun[0]); i++) {
    int m = (int)strlen(azNoun[i]);
    if (ends_with(z, n, azNoun[i]) && utf8_chars(z, n - m) >= 4) {
      n -= m;
      break;
    }
  }
  if (ends_with(z, n, "фиц")) {
    memcpy(z + n - 2, "к", 2); /* ц and к are both two bytes */
  }
  return n;
}

static int normalize_word(Stemmers *pS, const UChar *aw, int nw, char *zOut, int nOut);

/* Normalize one word of UTF-16 into zOut: fold case, ё -> е, stem by script. */
static int normalize(Stemmers *pS, const UChar *aw, int nw, char *zOut, int nOut) {
  if (!pS->aCache || nw > CACHE_WORD) return normalize_word(pS, aw, nw, zOut, nOut);
  uint32_t hash = 2166136261u;
  for (int i = 0; i < nw; i++) hash = (hash ^ aw[i]) * 16777619u;
  CacheSlot *pSlot = &pS->aCache[hash % CACHE_SLOTS];
  if (pSlot->nw == nw && memcmp(pSlot->aw, aw, (size_t)nw * sizeof(UChar)) == 0) {
    int n = pSlot->nTerm < nOut ? pSlot->nTerm : nOut;
    memcpy(zOut, pSlot->zTerm, (size_t)n);
    return n;
  }
  int n = normalize_word(pS, aw, nw, zOut, nOut);
  if (n <= CACHE_TERM) {
    memcpy(pSlot->aw, aw, (size_t)nw * sizeof(UChar));
    pSlot->nw = (uint8_t)nw;
    pSlot->nTerm = (uint8_t)n;
    memcpy(pSlot->zTerm, zOut, (size_t)n);
  }
  return n;
}

static int normalize_word(Stemmers *pS, const UChar *aw, int nw, char *zOut, int nOut) {
  UChar aFold[FTS_WORD_MAX * 3];
  UErrorCode err = U_ZERO_ERROR;
  int nFold = u_strFoldCase(aFold, FTS_WORD_MAX * 3, aw, nw, U_FOLD_CASE_DEFAULT, &err);
  if (U_FAILURE(err) || nFold > FTS_WORD_MAX * 3) nFold = 0;
  bool bRu = false;
  for (int i = 0; i < nFold; i++) {
    if (aFold[i] == 0x0451) aFold[i] = 0x0435;
    if (aFold[i] >= 0x0400 && aFold[i] <= 0x04FF) bRu = true;
  }
  char zUtf8[FTS_WORD_MAX * 9 + 1];
  int32_t n8 = 0;
  err = U_ZERO_ERROR;
  u_strToUTF8(zUtf8, (int32_t)sizeof(zUtf8) - 1, &n8, aFold, nFold, &err);
  if (U_FAILURE(err)) return 0;
  const char *zStem = zUtf8;
  int nStem = n8;
  struct sb_stemmer *pStem = bRu ? pS->pRu : pS->pEn;
  if (pStem) {
    const sb_symbol *s = sb_stemmer_stem(pStem, (const sb_symbol *)zUtf8, n8);
    if (s) {
      zStem = (const char *)s;
      nStem = sb_stemmer_length(pStem);
    }
  }
  if (nStem > nOut) nStem = nOut;
  memcpy(zOut, zStem, (size_t)nStem);
  return derive_stem(zOut, nStem, bRu);
}

/* Split z into words and call xWord with each normalized word. */
int fts_each_word(Stemmers *pS, const char *z, int n, void *pCtx, FtsWordCallback xWord) {
  int i = 0;
  while (i < n) {
    int iStart = i;
    UChar32 c;
    U8_NEXT(z, i, n, c);
    if (!is_word_start(c)) continue;
    UChar aw[FTS_WORD_MAX];
    int nw = 0;
    U16_APPEND_UNSAFE(aw, nw, c);
    int iEnd = i;
    while (i < n) {
      int j = i;
      U8_NEXT(z, j, n, c);
      if (!is_word_part(c)) break;
      if (nw <= FTS_WORD_MAX - 2) U16_APPEND_UNSAFE(aw, nw, c);
      i = iEnd = j;
    }
    char zTerm[FTS_WORD_MAX * 9];
    int nTerm = normalize(pS, aw, nw, zTerm, (int)sizeof(zTerm));
    if (nTerm > 0) {
      int rc = xWord(pCtx, zTerm, nTerm, iStart, iEnd);
      if (rc != SQLITE_OK) return rc;
    }
  }
  return SQLITE_OK;
}

static int tok_create(void *pUnused, const char **azArg, int nArg, Fts5Tokenizer **ppOut) {
  Stemmers *p = sqlite3_malloc(sizeof(Stemmers));
  if (!p) return SQLITE_NOMEM;
  p->pEn = sb_stemmer_new("english", "UTF_8");
  p->pRu = sb_stemmer_new("russian", "UTF_8");
  p->aCache = sqlite3_malloc64(sizeof(CacheSlot) * CACHE_SLOTS);
  if (p->aCache) memset(p->aCache, 0, sizeof(CacheSlot) * CACHE_SLOTS);
  *ppOut = (Fts5Tokenizer *)p;
  return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *pTok) {
  Stemmers *p = (Stemmers *)pTok;
  if (p->pEn) sb_stemmer_delete(p->pEn);
  if (p->pRu) sb_stemmer_delete(p->pRu);
  sqlite3_free(p->aCache);
  sqlite3_free(p);
}

typedef struct TokCtx {
  void *pCtx;
  int (*xToken)(void *, int, const char *, int, int, int);
} TokCtx;

static int tok_word(void *pArg, const char *zTerm, int nTerm, int iStart, int iEnd) {
  TokCtx *p = pArg;
  return p->xToken(p->pCtx, 0, zTerm, nTerm, iStart, iEnd);
}

static int tok_tokenize(Fts5Tokenizer *pTok, void *pCtx, int flags, const char *pText, int nText,
                        int (*xToken)(void *, int, const char *, int, int, int)) {
  TokCtx ctx = {pCtx, xToken};
  return fts_each_word((Stemmers *)pTok, pText, nText, &ctx, tok_word);
}

/*
** pacta_rank(search): BM25 (k1 = 1.2) with the title weighing 4 and the text
** 1, without document length normalization (b = 0). FTS5's own bm25() looks
** up each matching row's length in the %_docsize table, a statement per row
** that dominates a query matching tens of thousands of rows; this reads only
** the row's positions, already in memory. The IDF of each phrase is counted
** once per query. Lower is better, as with bm25().
*/
static int count_hit(const Fts5ExtensionApi *pApi, Fts5Context *pFts, void *pArg) {
  (*(sqlite3_int64 *)pArg)++;
  return SQLITE_OK;
}

/* A phrase's hits in a row, title hits weighing 4 and text hits 1. */
static uint32_t phrase_hits(const Fts5ExtensionApi *pApi, Fts5Context *pFts, int iPhrase) {
  Fts5PhraseIter it;
  int iCol, iOff;
  uint32_t tf = 0;
  if (pApi->xPhraseFirst(pFts, iPhrase, &it, &iCol, &iOff) != SQLITE_OK) return 0;
  for (; iCol >= 0; pApi->xPhraseNext(pFts, &it, &iCol, &iOff)) tf += iCol == 0 ? 4 : 1;
  return tf;
}

/* Title hits weigh 4, text hits 1; saturating as BM25's k1 = 1.2. */
static double phrase_tf(const Fts5ExtensionApi *pApi, Fts5Context *pFts, int iPhrase) {
  return fts_tf_score(phrase_hits(pApi, pFts, iPhrase));
}

static void rank_fn(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx,
                    int nVal, sqlite3_value **apVal) {
  int nPhrase = pApi->xPhraseCount(pFts);
  double *aIdf = pApi->xGetAuxdata(pFts, 0);
  if (!aIdf) {
    aIdf = sqlite3_malloc64(sizeof(double) * (size_t)(nPhrase > 0 ? nPhrase : 1));
    if (!aIdf) {
      sqlite3_result_error_nomem(pCtx);
      return;
    }
    sqlite3_int64 nRow = 0;
    pApi->xRowCount(pFts, &nRow);
    /* One phrase: its IDF scales every score alike, so skip the extra pass
    ** over its rows (scores compare within one query only). */
    for (int i = 0; i < nPhrase && nPhrase == 1; i++) aIdf[i] = 1.0;
    for (int i = 0; i < nPhrase && nPhrase > 1; i++) {
      sqlite3_int64 nHit = 0;
      pApi->xQueryPhrase(pFts, i, &nHit, count_hit);
      aIdf[i] = fts_idf(nRow, nHit);
    }
    pApi->xSetAuxdata(pFts, aIdf, sqlite3_free);
  }
  double score = 0;
  for (int i = 0; i < nPhrase; i++) score += aIdf[i] * phrase_tf(pApi, pFts, i);
  sqlite3_result_double(pCtx, -score);
}

/* Better rank first; equal ranks in journal order (of row ids). */
static bool hit_before(double rank, int64_t rid, const Hit *h) {
  return rank < h->rank || (rank == h->rank && rid < h->rid);
}

void fts_scan_add(Scan *s, int64_t rid, double rank) {
  fts_scan_count(s, rid);
  fts_scan_keep(s, rid, rank);
}

void fts_scan_count(Scan *s, int64_t rid) {
  s->nTotal++;
  if (s->bFacets) {
    s->aKind[rid_kind(rid)]++;
    int64_t org = rid_org(rid);
    if (org >= s->nOrg) {
      int64_t n = org + 16;
      s->aOrg = xrealloc(s->aOrg, (size_t)n * sizeof(long long));
      memset(s->aOrg + s->nOrg, 0, (size_t)(n - s->nOrg) * sizeof(long long));
      s->nOrg = n;
    }
    s->aOrg[org]++;
  }
}

bool fts_scan_beats(const Scan *s, int64_t rid, double rank) {
  return s->nTop < s->k || hit_before(rank, rid, &s->aTop[s->nTop - 1]);
}

void fts_scan_keep(Scan *s, int64_t rid, double rank) {
  int n = s->nTop;
  if (n == s->k && !hit_before(rank, rid, &s->aTop[n - 1])) return;
  int i = n < s->k ? s->nTop++ : n - 1;
  while (i > 0 && hit_before(rank, rid, &s->aTop[i - 1])) {
    s->aTop[i] = s->aTop[i - 1];
    i--;
  }
  s->aTop[i] = (Hit){rid, rank};
}

bool fts_scan_wants(const Scan *s, int64_t rid) {
  return (s->kind < 0 || (int)rid_kind(rid) == s->kind) && (s->org < 0 || rid_org(rid) == s->org);
}

/*
** pacta_scan(search, SCAN): a query of one phrase (one word, or a prefix)
** walks that phrase's rows inside FTS5 (xQueryPhrase) in a single call,
** ranking each as pacta_rank does, instead of a statement step per match,
** which costs about twice as much for a word in most of the rows.
*/
static int scan_row(const Fts5ExtensionApi *pApi, Fts5Context *pFts, void *pArg) {
  Scan *s = pArg;
  int64_t rid = pApi->xRowid(pFts);
  if (fts_scan_wants(s, rid)) fts_scan_add(s, rid, -phrase_tf(pApi, pFts, 0));
  return SQLITE_OK;
}

static void scan_fn(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx,
                    int nVal, sqlite3_value **apVal) {
  Scan *s = nVal == 1 ? sqlite3_value_pointer(apVal[0], "pacta_scan") : 0;
  if (!s || pApi->xPhraseCount(pFts) != 1) {
    sqlite3_result_error(pCtx, "pacta_scan: one phrase and a scan are expected", -1);
    return;
  }
  int rc = pApi->xQueryPhrase(pFts, 0, s, scan_row);
  if (rc != SQLITE_OK)
    sqlite3_result_error_code(pCtx, rc);
  else
    sqlite3_result_int(pCtx, 1);
}

/*
** pacta_postings(search, POSTINGS): the rows of a query of one phrase, each
** with the phrase's hits in it (title 4, text 1), walked inside FTS5 in one
** call as pacta_scan does, into a list that search_fast.c keeps and merges.
*/
static int postings_row(const Fts5ExtensionApi *pApi, Fts5Context *pFts, void *pArg) {
  FtsPostings *p = pArg;
  if (p->n == p->nAlloc) {
    int64_t n = p->nAlloc ? p->nAlloc * 2 : 1024;
    int64_t *aRid = realloc(p->aRid, (size_t)n * sizeof(int64_t));
    if (aRid) p->aRid = aRid;
    uint32_t *aTf = aRid ? realloc(p->aTf, (size_t)n * sizeof(uint32_t)) : 0;
    if (aTf) p->aTf = aTf;
    if (!aRid || !aTf) return SQLITE_NOMEM;
    p->nAlloc = n;
  }
  p->aRid[p->n] = pApi->xRowid(pFts);
  p->aTf[p->n++] = phrase_hits(pApi, pFts, 0);
  return SQLITE_OK;
}

static void postings_fn(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx,
                        int nVal, sqlite3_value **apVal) {
  FtsPostings *p = nVal == 1 ? sqlite3_value_pointer(apVal[0], "pacta_postings") : 0;
  if (!p || pApi->xPhraseCount(pFts) != 1) {
    sqlite3_result_error(pCtx, "pacta_postings: one phrase and a list are expected", -1);
    return;
  }
  sqlite3_int64 nRow = 0;
  int rc = pApi->xRowCount(pFts, &nRow);
  p->nRow = nRow;
  if (rc == SQLITE_OK) rc = pApi->xQueryPhrase(pFts, 0, p, postings_row);
  if (rc != SQLITE_OK)
    sqlite3_result_error_code(pCtx, rc);
  else
    sqlite3_result_int(pCtx, 1);
}

int fts_register(sqlite3 *h) {
  fts5_api *pApi = 0;
  sqlite3_stmt *p = 0;
  if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &p, 0) != SQLITE_OK) return SQLITE_ERROR;
  sqlite3_bind_pointer(p, 1, (void *)&pApi, "fts5_api_ptr", 0);
  sqlite3_step(p);
  sqlite3_finalize(p);
  if (!pApi) return SQLITE_ERROR;
  static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
  int rc = pApi->xCreateTokenizer(pApi, "pacta", 0, &tok, 0);
  if (rc == SQLITE_OK) rc = pApi->xCreateFunction(pApi, "pacta_rank", 0, rank_fn, 0);
  if (rc == SQLITE_OK) rc = pApi->xCreateFunction(pApi, "pacta_scan", 0, scan_fn, 0);
  if (rc == SQLITE_OK) rc = pApi->xCreateFunction(pApi, "pacta_postings", 0, postings_fn, 0);
  return rc;
}

/* Does z hold a word (without stemming: letters or digits)? */
bool fts_has_word(const char *z, int n) {
  int i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(z, i, n, c);
    if (is_word_start(c)) return true;
  }
  return false;
}

/* Stemmers for queries and snippets: one set per thread (the server's
** workers each have theirs), freed when the thread ends. */
static pthread_key_t g_stemmersKey;
static pthread_once_t g_stemmersOnce = PTHREAD_ONCE_INIT;

static void stemmers_free(void *p) {
  Stemmers *s = p;
  if (s->pEn) sb_stemmer_delete(s->pEn);
  if (s->pRu) sb_stemmer_delete(s->pRu);
  free(s->aCache);
  free(s);
}

static void stemmers_key_init(void) {
  if (pthread_key_create(&g_stemmersKey, stemmers_free)) panic("pthread_key_create");
}

Stemmers *fts_thread_stemmers(void) {
  static _Thread_local Stemmers *s;
  if (!s) {
    s = calloc(1, sizeof(Stemmers));
    if (!s) panic("out of memory (stemmers)");
    s->pEn = sb_stemmer_new("english", "UTF_8");
    s->pRu = sb_stemmer_new("russian", "UTF_8");
    s->aCache = calloc(CACHE_SLOTS, sizeof(CacheSlot));
    pthread_once(&g_stemmersOnce, stemmers_key_init);
    pthread_setspecific(g_stemmersKey, s); /* only for its destructor */
  }
  return s;
}
