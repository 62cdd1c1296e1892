/*
** Full-text search: the "pacta" FTS5 tokenizer, the index kept from the
** journal, queries (bm25, snippets, filters, facets), the command, the API
** route and the page. See docs/search.md.
*/
#include "search.h"

#include <libstemmer.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "date.h"
#include "gazetteer.h"
#include "page.h"
#include "publish.h"
#include "routes.h"
#include "registry.h"

/* ---- The tokenizer ------------------------------------------------------------ */

#define WORD_MAX 64          /* UTF-16 units of a word kept; the rest is ignored */
#define QUERY_PHRASES_MAX 64 /* more than the words a query may have */

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
  UChar aFold[WORD_MAX * 3];
  UErrorCode err = U_ZERO_ERROR;
  int nFold = u_strFoldCase(aFold, WORD_MAX * 3, aw, nw, U_FOLD_CASE_DEFAULT, &err);
  if (U_FAILURE(err) || nFold > WORD_MAX * 3) nFold = 0;
  bool bRu = false;
  for (int i = 0; i < nFold; i++) {
    if (aFold[i] == 0x0451) aFold[i] = 0x0435;
    if (aFold[i] >= 0x0400 && aFold[i] <= 0x04FF) bRu = true;
  }
  char zUtf8[WORD_MAX * 9 + 1];
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

typedef int (*WordCallback)(void *pCtx, const char *zTerm, int nTerm, int iStart, int iEnd);

/* Split z into words and call xWord with each normalized word. */
static int each_word(Stemmers *pS, const char *z, int n, void *pCtx, WordCallback xWord) {
  int i = 0;
  while (i < n) {
    int iStart = i;
    UChar32 c;
    U8_NEXT(z, i, n, c);
    if (!is_word_start(c)) continue;
    UChar aw[WORD_MAX];
    int nw = 0;
    U16_APPEND_UNSAFE(aw, nw, c);
    int iEnd = i;
    while (i < n) {
      int j = i;
      U8_NEXT(z, j, n, c);
      if (!is_word_part(c)) break;
      if (nw <= WORD_MAX - 2) U16_APPEND_UNSAFE(aw, nw, c);
      i = iEnd = j;
    }
    char zTerm[WORD_MAX * 9];
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
  return each_word((Stemmers *)pTok, pText, nText, &ctx, tok_word);
}

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

static int64_t rid_make(int64_t org, Kind kind, int64_t seq) {
  return seq << (RID_KIND_BITS + RID_ORG_BITS) | (int64_t)kind << RID_ORG_BITS | org;
}
static Kind rid_kind(int64_t rid) {
  return (Kind)((rid >> RID_ORG_BITS) & ((1 << RID_KIND_BITS) - 1));
}
static int64_t rid_org(int64_t rid) {
  return rid & RID_ORG_MAX;
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

/* Title hits weigh 4, text hits 1; saturating as BM25's k1 = 1.2. */
static double phrase_tf(const Fts5ExtensionApi *pApi, Fts5Context *pFts, int iPhrase) {
  Fts5PhraseIter it;
  int iCol, iOff;
  double tf = 0;
  if (pApi->xPhraseFirst(pFts, iPhrase, &it, &iCol, &iOff) != SQLITE_OK) return 0;
  for (; iCol >= 0; pApi->xPhraseNext(pFts, &it, &iCol, &iOff)) tf += iCol == 0 ? 4.0 : 1.0;
  return tf * 2.2 / (tf + 1.2);
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
      double idf = log(((double)nRow - (double)nHit + 0.5) / ((double)nHit + 0.5));
      aIdf[i] = idf > 1e-6 ? idf : 1e-6;
    }
    pApi->xSetAuxdata(pFts, aIdf, sqlite3_free);
  }
  double score = 0;
  for (int i = 0; i < nPhrase; i++) score += aIdf[i] * phrase_tf(pApi, pFts, i);
  sqlite3_result_double(pCtx, -score);
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

/* Better rank first; equal ranks in journal order (of row ids). */
static bool hit_before(double rank, int64_t rid, const Hit *h) {
  return rank < h->rank || (rank == h->rank && rid < h->rid);
}

static void scan_add(Scan *s, int64_t rid, double rank) {
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
  int n = s->nTop;
  if (n == s->k && !hit_before(rank, rid, &s->aTop[n - 1])) return;
  int i = n < s->k ? s->nTop++ : n - 1;
  while (i > 0 && hit_before(rank, rid, &s->aTop[i - 1])) {
    s->aTop[i] = s->aTop[i - 1];
    i--;
  }
  s->aTop[i] = (Hit){rid, rank};
}

static bool scan_wants(const Scan *s, int64_t rid) {
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
  if (scan_wants(s, rid)) scan_add(s, rid, -phrase_tf(pApi, pFts, 0));
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

int search_register(sqlite3 *h) {
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
  return rc;
}

typedef struct TermOut {
  char *z;
  int n, nOut;
} TermOut;

static int first_term(void *pArg, const char *zTerm, int nTerm, int iStart, int iEnd) {
  TermOut *p = pArg;
  p->n = nTerm < p->nOut ? nTerm : p->nOut;
  memcpy(p->z, zTerm, (size_t)p->n);
  return SQLITE_DONE;
}

int search_term(const char *zWord, int nWord, char *zOut, int nOut) {
  Stemmers s = {sb_stemmer_new("english", "UTF_8"), sb_stemmer_new("russian", "UTF_8"), 0};
  TermOut t = {zOut, 0, nOut};
  each_word(&s, zWord, nWord, &t, first_term);
  sb_stemmer_delete(s.pEn);
  sb_stemmer_delete(s.pRu);
  return t.n;
}

/* Does z hold a word (without stemming: letters or digits)? */
static bool has_word(const char *z, int n) {
  int i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(z, i, n, c);
    if (is_word_start(c)) return true;
  }
  return false;
}

/* ---- The index ------------------------------------------------------------------ */

static const char *str_of(const json_t *pObj, const char *zField) {
  return json_string_value(json_object_get(pObj, zField));
}

/* A name: a string, or an object of strings by language (English first). */
static void put_name(Buf *p, const json_t *pName) {
  if (json_is_array(pName)) {
    for (size_t i = 0; i < json_array_size(pName); i++) put_name(p, json_array_get(pName, i));
    return;
  }
  if (json_is_string(pName)) {
    /* A gazetteer alias "белорусск*" is indexed as the word it starts. */
    size_t n = json_string_length(pName);
    const char *z = json_string_value(pName);
    if (n && z[n - 1] == '*') n--;
    if (p->n) buf_puts(p, " / ");
    buf_append(p, z, n);
    return;
  }
  if (!json_is_object(pName)) return;
  /* English first; "en" may be a list (aliases) as well as a name. */
  if (json_object_get(pName, "en")) put_name(p, json_object_get(pName, "en"));
  const char *zLang;
  const json_t *v;
  json_object_foreach((json_t *)pName, zLang, v) {
    if (strcmp(zLang, "en") != 0) put_name(p, v);
  }
}

static const char *name_en(const json_t *pName) {
  if (json_is_string(pName)) return json_string_value(pName);
  const char *z = str_of(pName, "en");
  if (z) return z;
  const char *zLang;
  const json_t *v;
  json_object_foreach((json_t *)pName, zLang, v) {
    if (json_is_string(v)) return json_string_value(v);
  }
  return 0;
}

static void put_sources(Buf *p, const json_t *v) {
  const json_t *aSrc = json_object_get(v, "sources");
  for (size_t i = 0; i < json_array_size(aSrc); i++)
    put_name(p, json_object_get(json_array_get(aSrc, i), "title"));
}

static void put_text(Buf *p, const char *z) {
  if (!z || !*z) return;
  if (p->n) buf_puts(p, " / ");
  buf_puts(p, z);
}

/* Parties listed in an array of strings or of objects with "party". */
static void put_parties(Buf *p, const json_t *a) {
  for (size_t i = 0; i < json_array_size(a); i++) {
    const json_t *e = json_array_get(a, i);
    const char *z = json_is_string(e) ? json_string_value(e) : str_of(e, "party");
    if (!z) continue;
    buf_putc(p, ' ');
    buf_puts(p, z);
  }
  if (p->n) buf_putc(p, ' ');
}

typedef struct Entry {
  Buf label, title, text, party;
  const char *zOrg, *zBody, *zType, *zDate;
  json_t *pFree[2];
} Entry;

static void fill_entry(Db *pDb, Kind kind, const char *zKey, const json_t *v, Entry *e) {
  switch (kind) {
  case K_PARTY:
    put_name(&e->title, json_object_get(v, "name"));
    put_text(&e->title, zKey);
    put_name(&e->text, json_object_get(v, "aliases"));
    put_name(&e->text, json_object_get(v, "capital"));
    for (size_t i = 0; i < json_array_size(json_object_get(v, "cities")); i++) {
      const json_t *pCity = json_array_get(json_object_get(v, "cities"), i);
      put_name(&e->text, json_object_get(pCity, "name"));
      put_name(&e->text, json_object_get(pCity, "aliases"));
    }
    put_sources(&e->text, v);
    buf_puts(&e->label,
             name_en(json_object_get(v, "name")) ? name_en(json_object_get(v, "name")) : zKey);
    buf_printf(&e->party, " %s ", zKey);
    e->zType = str_of(v, "kind");
    break;
  case K_ORGANIZATION:
  case K_BODY: {
    put_name(&e->title, json_object_get(v, "name"));
    put_name(&e->title, json_object_get(v, "aliases"));
    put_text(&e->title, zKey);
    put_sources(&e->text, v);
    const char *zName = name_en(json_object_get(v, "name"));
    buf_puts(&e->label, zName ? zName : zKey);
    if (kind == K_ORGANIZATION) {
      e->zOrg = zKey;
      e->zDate = str_of(v, "founded");
    } else {
      e->zOrg = str_of(v, "organization");
      e->zBody = zKey;
      e->zType = str_of(v, "level");
    }
    break;
  }
  case K_DOCUMENT: {
    put_name(&e->title, json_object_get(v, "title"));
    put_text(&e->text, str_of(v, "note"));
    put_text(&e->text, str_of(v, "depositary"));
    put_text(&e->text, str_of(json_object_get(v, "adopted"), "place"));
    put_sources(&e->text, v);
    const char *zTitle = name_en(json_object_get(v, "title"));
    buf_puts(&e->label, zTitle ? zTitle : zKey);
    e->zOrg = str_of(v, "organization");
    e->zBody = str_of(v, "body");
    e->zType = str_of(v, "type");
    e->zDate = str_of(json_object_get(v, "adopted"), "date");
    break;
  }
  case K_SESSION: {
    e->zBody = str_of(v, "body");
    e->zDate = str_of(v, "date");
    e->zType = str_of(v, "format");
    const char *zPlace = str_of(v, "place");
    json_t *pBody = e->zBody ? entity_get(pDb, K_BODY, e->zBody) : 0;
    e->pFree[0] = pBody;
    const char *zBodyName = pBody ? name_en(json_object_get(pBody, "name")) : 0;
    if (pBody) {
      e->zOrg = str_of(pBody, "organization");
      put_name(&e->title, json_object_get(pBody, "name"));
    }
    put_text(&e->title, zPlace);
    buf_printf(&e->label, "%s, %s%s%s", zBodyName ? zBodyName : (e->zBody ? e->zBody : "session"),
               e->zDate ? e->zDate : "", zPlace ? ", " : "", zPlace ? zPlace : "");
    const json_t *aAtt = json_object_get(v, "attendance");
    for (size_t i = 0; i < json_array_size(aAtt); i++) {
      const json_t *a = json_array_get(aAtt, i);
      put_text(&e->text, str_of(a, "by"));
      put_text(&e->text, str_of(a, "role"));
    }
    put_text(&e->text, str_of(json_object_get(v, "next"), "place"));
    put_sources(&e->text, v);
    put_parties(&e->party, aAtt);
    break;
  }
  case K_COMMITMENT:
    put_name(&e->title, json_object_get(v, "text"));
    put_text(&e->text, str_of(v, "category"));
    put_text(&e->text, str_of(v, "note"));
    put_sources(&e->text, v);
    buf_puts(&e->label, zKey);
    e->zOrg = str_of(v, "organization");
    e->zType = str_of(v, "category");
    e->zDate = str_of(v, "deadline");
    e->zBody = str_of(json_object_get(v, "addressees"), "body");
    put_parties(&e->party, json_object_get(json_object_get(v, "addressees"), "parties"));
    break;
  case K_ASSESSMENT: {
    put_text(&e->text, str_of(v, "evidence"));
    put_text(&e->text, str_of(v, "assessor"));
    put_sources(&e->text, v);
    const char *zCommitment = str_of(v, "commitment");
    buf_printf(&e->label, "%s: %s, %s", zCommitment ? zCommitment : "", str_of(v, "party"),
               str_of(v, "date") ? str_of(v, "date") : "");
    put_text(&e->title, zCommitment);
    json_t *pC = zCommitment ? entity_get(pDb, K_COMMITMENT, zCommitment) : 0;
    e->pFree[0] = pC;
    if (pC) e->zOrg = str_of(pC, "organization");
    e->zType = str_of(v, "status");
    e->zDate = str_of(v, "date");
    if (str_of(v, "party")) buf_printf(&e->party, " %s ", str_of(v, "party"));
    break;
  }
  default: break;
  }
}

static bool indexed_kind(Kind kind) {
  return kind == K_PARTY || kind == K_ORGANIZATION || kind == K_BODY || kind == K_DOCUMENT ||
         kind == K_SESSION || kind == K_COMMITMENT || kind == K_ASSESSMENT;
}

/* The code of an organization in row ids, made on first use; 0 for none,
** -1 for one never indexed when !bMake. */
static int64_t org_code(Db *pDb, const char *zOrg, bool bMake) {
  if (!zOrg || !*zOrg) return 0;
  sqlite3_stmt *p = db_stmt(pDb, "SELECT code FROM search_org WHERE org=?1");
  sqlite3_bind_text(p, 1, zOrg, -1, SQLITE_STATIC);
  int64_t code = db_step_row(pDb, p) ? sqlite3_column_int64(p, 0) : -1;
  sqlite3_reset(p);
  if (code >= 0 || !bMake) return code;
  p = db_stmt(pDb, "INSERT INTO search_org(org) VALUES(?1)");
  sqlite3_bind_text(p, 1, zOrg, -1, SQLITE_STATIC);
  db_step_done(pDb, p);
  code = sqlite3_last_insert_rowid(db_handle(pDb));
  if (code > RID_ORG_MAX) db_fail(pDb, "the search index holds no more organizations");
  return code;
}

static int64_t doc_rowid(Db *pDb, Kind kind, const char *zKey) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT rid FROM search_doc WHERE kind=?1 AND key=?2");
  sqlite3_bind_text(p, 1, kind_name(kind), -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 2, zKey, -1, SQLITE_STATIC);
  int64_t rid = db_step_row(pDb, p) ? sqlite3_column_int64(p, 0) : 0;
  sqlite3_reset(p);
  return rid;
}

static void bind_or_null(sqlite3_stmt *p, int i, const char *z) {
  if (z && *z)
    sqlite3_bind_text(p, i, z, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(p, i);
}

static void delete_row(Db *pDb, int64_t rid) {
  sqlite3_stmt *p = db_stmt(pDb, "DELETE FROM search WHERE rowid=?1");
  sqlite3_bind_int64(p, 1, rid);
  db_step_done(pDb, p);
  p = db_stmt(pDb, "DELETE FROM search_doc WHERE rid=?1");
  sqlite3_bind_int64(p, 1, rid);
  db_step_done(pDb, p);
}

void search_put(Db *pDb, Kind kind, const char *zKey, const json_t *v, int64_t seq, bool bNew) {
  if (!indexed_kind(kind)) return;
  if (seq < 0 || seq > RID_SEQ_MAX) db_fail(pDb, "the journal is beyond the search index");
  int64_t rid = bNew ? 0 : doc_rowid(pDb, kind, zKey);
  if (rid) delete_row(pDb, rid);
  Entry e;
  memset(&e, 0, sizeof(e));
  fill_entry(pDb, kind, zKey, v, &e);
  rid = rid_make(org_code(pDb, e.zOrg, true), kind, seq);
  sqlite3_stmt *p = db_stmt(pDb, "INSERT INTO search(rowid, title, text) VALUES(?1, ?2, ?3)");
  sqlite3_bind_int64(p, 1, rid);
  sqlite3_bind_text(p, 2, e.title.z ? e.title.z : "", -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 3, e.text.z ? e.text.z : "", -1, SQLITE_STATIC);
  db_step_done(pDb, p);
  p = db_stmt(pDb, "INSERT INTO search_doc(rid, kind, key, label, org, body, type, party, date) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  sqlite3_bind_int64(p, 1, rid);
  sqlite3_bind_text(p, 2, kind_name(kind), -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 3, zKey, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 4, e.label.z ? e.label.z : zKey, -1, SQLITE_STATIC);
  bind_or_null(p, 5, e.zOrg);
  bind_or_null(p, 6, e.zBody);
  bind_or_null(p, 7, e.zType);
  bind_or_null(p, 8, e.party.z);
  bind_or_null(p, 9, e.zDate);
  db_step_done(pDb, p);
  buf_free(&e.label);
  buf_free(&e.title);
  buf_free(&e.text);
  buf_free(&e.party);
  json_decref(e.pFree[0]);
  json_decref(e.pFree[1]);
}

void search_retract(Db *pDb, Kind kind, const char *zKey) {
  if (!indexed_kind(kind)) return;
  int64_t rid = doc_rowid(pDb, kind, zKey);
  if (rid) delete_row(pDb, rid);
}

void search_clear(Db *pDb) {
  db_exec(pDb, "DELETE FROM search; DELETE FROM search_doc; "
               "DELETE FROM meta WHERE key='search_stale';");
}

void search_ensure(Db *pDb) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT 1 FROM meta WHERE key='search_stale'");
  bool bStale = db_step_row(pDb, p);
  sqlite3_reset(p);
  if (!bStale) return;
  db_begin(pDb);
  db_exec(pDb, "DELETE FROM search; DELETE FROM search_doc;");
  p = db_stmt(pDb, "SELECT e.kind, e.key, j.record, e.seq FROM entity e "
                   "JOIN journal j ON j.seq=e.seq ORDER BY e.seq");
  while (db_step_row(pDb, p)) {
    Kind kind = (Kind)sqlite3_column_int(p, 0);
    if (!indexed_kind(kind)) continue;
    char *zKey = xstrdup((const char *)sqlite3_column_text(p, 1));
    json_t *pRec = json_loads((const char *)sqlite3_column_text(p, 2), 0, 0);
    if (pRec)
      search_put(pDb, kind, zKey, json_object_get(pRec, "value"), sqlite3_column_int64(p, 3),
                 false);
    json_decref(pRec);
    free(zKey);
  }
  sqlite3_reset(p);
  search_optimize(pDb);
  db_exec(pDb, "DELETE FROM meta WHERE key='search_stale'");
  db_commit(pDb);
}

/* Refilled in one transaction, the index is many small segments that every
** query has to merge (three times slower at 100,000 rows, bench/search.sh);
** FTS5's optimize merges them into one. */
void search_optimize(Db *pDb) {
  db_exec(pDb, "INSERT INTO search(search) VALUES('optimize')");
}

/* ---- Queries --------------------------------------------------------------------- */

#define QUERY_MAX_BYTES 1000
#define QUERY_MAX_TERMS 32

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

static const Gazetteer *thread_places(Db *pDb) {
  static _Thread_local Places s;
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
  if (s.pDb == pDb && s.nParty == nParty && s.lastSeq == lastSeq) return &s.g;
  gazetteer_free(&s.g);
  gazetteer_load_parties(pDb, &s.g);
  s.pDb = pDb;
  s.nParty = nParty;
  s.lastSeq = lastSeq;
  return &s.g;
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
  free(zFold);
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
                       Buf *pErr) {
  size_t n = strlen(zQuery);
  if (n > QUERY_MAX_BYTES) {
    buf_printf(pErr, "the query is too long (%zu bytes; at most %d)", n, QUERY_MAX_BYTES);
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
    if (has_word(p, m)) {
      if (++nTerm > QUERY_MAX_TERMS) {
        buf_printf(pErr, "the query has too many words (at most %d)", QUERY_MAX_TERMS);
        free(z);
        return -1;
      }
      if (pOut->n) buf_puts(pOut, bPendingOr ? " OR " : " AND ");
      int iEntry = bPrefix ? -1 : place_entry(pPlaces, p, m);
      if (iEntry < 0) {
        put_fts_string(pOut, p, m, bPrefix);
      } else {
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
  free(z);
  if (nTerm == 0) {
    buf_puts(pErr, "the query has no words to search for (letters or digits)");
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
  bind_or_null(p, 2, pQ->zBody);
  bind_or_null(p, 3, pQ->zType);
  bind_or_null(p, 4, pQ->zParty);
  bind_or_null(p, 5, pQ->zFrom);
  bind_or_null(p, 6, pQ->zTo);
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
    if (scan_wants(s, rid)) scan_add(s, rid, sqlite3_column_double(p, 1));
  }
  sqlite3_reset(p);
  return rc;
}

/* ---- Snippets ------------------------------------------------------------------- */

/* Stemmers for queries and snippets: one set per thread (the server's
** workers each have theirs), never freed. */
static Stemmers *thread_stemmers(void) {
  static _Thread_local Stemmers s;
  static _Thread_local bool bInit;
  if (!bInit) {
    s.pEn = sb_stemmer_new("english", "UTF_8");
    s.pRu = sb_stemmer_new("russian", "UTF_8");
    s.aCache = calloc(CACHE_SLOTS, sizeof(CacheSlot));
    bInit = true;
  }
  return &s;
}

typedef struct QTerm {
  char z[WORD_MAX * 9];
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
    each_word(thread_stemmers(), p, m, pOut, add_qterm);
    p = zEnd;
  }
  free(z);
}

typedef struct Span {
  int iStart, iEnd;
  bool bHit;
} Span;

typedef struct Spans {
  Span *a;
  int n, nAlloc;
  const QTerms *pQ;
} Spans;

static int add_span(void *pArg, const char *zTerm, int nTerm, int iStart, int iEnd) {
  Spans *p = pArg;
  if (p->n == p->nAlloc) {
    if (p->nAlloc >= 100000) return SQLITE_DONE;
    p->nAlloc = p->nAlloc ? 2 * p->nAlloc : 64;
    p->a = xrealloc(p->a, (size_t)p->nAlloc * sizeof(Span));
  }
  bool bHit = false;
  for (int i = 0; i < p->pQ->n && !bHit; i++) {
    const QTerm *t = &p->pQ->a[i];
    bHit = t->bPrefix ? nTerm >= t->n && memcmp(zTerm, t->z, (size_t)t->n) == 0
                      : nTerm == t->n && memcmp(zTerm, t->z, (size_t)nTerm) == 0;
  }
  p->a[p->n++] = (Span){iStart, iEnd, bHit};
  return SQLITE_OK;
}

#define SNIPPET_WORDS 16

/* The window of SNIPPET_WORDS words of zText with the most matching words,
** each match between zOpen and zClose; returns the number of matches. */
static int snippet_of(const char *zText, const QTerms *pQ, const char *zOpen, const char *zClose,
                      Buf *pOut) {
  Spans sp = {0, 0, 0, pQ};
  int nText = (int)strlen(zText);
  each_word(thread_stemmers(), zText, nText, &sp, add_span);
  int best = 0, nBest = -1, nWin = 0;
  for (int i = 0; i < sp.n; i++) {
    nWin += sp.a[i].bHit;
    if (i >= SNIPPET_WORDS) nWin -= sp.a[i - SNIPPET_WORDS].bHit;
    int start = i >= SNIPPET_WORDS - 1 ? i - SNIPPET_WORDS + 1 : 0;
    if (nWin > nBest) {
      nBest = nWin;
      best = start;
    }
  }
  if (sp.n == 0) {
    free(sp.a);
    return 0;
  }
  /* Start the window a little before its first match. */
  int first = best;
  while (first < sp.n && !sp.a[first].bHit) first++;
  if (first < sp.n && first - best > 3) best = first - 3;
  int end = best + SNIPPET_WORDS < sp.n ? best + SNIPPET_WORDS : sp.n;
  int iPos = best > 0 ? sp.a[best].iStart : 0;
  if (best > 0) buf_puts(pOut, "\xe2\x80\xa6");
  for (int i = best; i < end; i++) {
    buf_append(pOut, zText + iPos, (size_t)(sp.a[i].iStart - iPos));
    if (sp.a[i].bHit) buf_puts(pOut, zOpen);
    buf_append(pOut, zText + sp.a[i].iStart, (size_t)(sp.a[i].iEnd - sp.a[i].iStart));
    if (sp.a[i].bHit) buf_puts(pOut, zClose);
    iPos = sp.a[i].iEnd;
  }
  if (end < sp.n)
    buf_puts(pOut, "\xe2\x80\xa6");
  else
    buf_puts(pOut, zText + iPos);
  free(sp.a);
  return nBest;
}

/* A row's snippet: from its text, else its title, whichever matches more. */
static json_t *row_snippet(Db *pDb, int64_t rid, const QTerms *pQ, const SearchQuery *pSQ) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT title, text FROM search WHERE rowid=?1");
  sqlite3_bind_int64(p, 1, rid);
  json_t *pRet = json_null();
  if (db_step_row(pDb, p)) {
    const char *zOpen = pSQ->zOpen ? pSQ->zOpen : "[", *zClose = pSQ->zClose ? pSQ->zClose : "]";
    Buf aB[2] = {{0}, {0}};
    int aN[2];
    for (int i = 0; i < 2; i++) {
      const char *z = (const char *)sqlite3_column_text(p, i);
      aN[i] = snippet_of(z ? z : "", pQ, zOpen, zClose, &aB[i]);
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
** One pass over the matches ranks each (title weighs 4, text 1) and keeps the
** best offset+limit in C, counting the total and the facets from the row ids;
** then the snippets and details of the few kept rows. This avoids FTS5's
** ORDER BY rank, which sorts every match, and reading the wide content rows.
*/
json_t *search_run(Db *pDb, const SearchQuery *pQ, Buf *pErr) {
  Buf match = {0};
  bool bBegun = db_read_begin(pDb);
  Buf extra = {0};
  int nPhrase = build_match(pQ->zQuery ? pQ->zQuery : "", thread_places(pDb), &match, &extra, pErr);
  if (nPhrase < 0) {
    buf_free(&match);
    buf_free(&extra);
    db_read_end(pDb, bBegun);
    return 0;
  }
  long long limit = pQ->limit > 0 ? pQ->limit : 20, offset = pQ->offset > 0 ? pQ->offset : 0;
  if (limit > 1000) limit = 1000;
  if (offset > 100000) offset = 100000;
  Scan s = {.kind = -1, .org = -1, .bFacets = pQ->bFacets, .k = (int)(limit + offset)};
  s.aTop = xmalloc((size_t)s.k * sizeof(Hit));
  Kind kind;
  if (pQ->zKind && kind_parse(pQ->zKind, &kind) == 0) s.kind = (int)kind;
  int rc = SQLITE_DONE;
  if (pQ->zOrg && (s.org = org_code(pDb, pQ->zOrg, false)) < 0) {
    /* never indexed: nothing matches */
  } else {
    rc = scan_matches(pDb, pQ, match.z, nPhrase == 1 && !extra.n, &s);
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
      json_t *pSnippet = row_snippet(pDb, s.aTop[i].rid, pQt, pQ);
      sqlite3_stmt *p = db_stmt(pDb, "SELECT kind, key, label, org, body, type, date "
                                     "FROM search_doc WHERE rid=?1");
      sqlite3_bind_int64(p, 1, s.aTop[i].rid);
      if ((rc = sqlite3_step(p)) == SQLITE_ROW) {
        json_t *r = json_object();
        json_object_set_new(r, "kind", col_json(p, 0));
        json_object_set_new(r, "id", col_json(p, 1));
        json_object_set_new(r, "title", col_json(p, 2));
        json_object_set_new(r, "snippet", pSnippet);
        json_object_set_new(r, "score",
                            json_real((double)(long long)(-s.aTop[i].rank * 1000) / 1000));
        json_object_set_new(r, "organization", col_json(p, 3));
        json_object_set_new(r, "body", col_json(p, 4));
        json_object_set_new(r, "type", col_json(p, 5));
        json_object_set_new(r, "date", col_json(p, 6));
        json_array_append_new(aRes, r);
        rc = SQLITE_DONE;
      } else {
        json_decref(pSnippet);
      }
      sqlite3_reset(p);
      if (rc != SQLITE_DONE) break;
    }
  }
  free(s.aTop);
  free(pQt);
  buf_free(&match);
  buf_free(&extra);
  json_t *pFacets = rc == SQLITE_DONE && pQ->bFacets ? scan_facets(pDb, &s) : 0;
  free(s.aOrg);
  db_read_end(pDb, bBegun);
  if (rc != SQLITE_DONE) {
    buf_printf(pErr, "the query cannot be searched: %s", sqlite3_errmsg(db_handle(pDb)));
    json_decref(aRes);
    return 0;
  }
  char *zQ = xstrdup(pQ->zQuery ? pQ->zQuery : "");
  utf8_sanitize(zQ);
  json_t *pDoc = json_object();
  json_object_set_new(pDoc, "query", json_string(zQ));
  free(zQ);
  json_object_set_new(pDoc, "results", aRes);
  json_object_set_new(pDoc, "total", json_integer(s.nTotal));
  if (pFacets) json_object_set_new(pDoc, "facets", pFacets);
  return pDoc;
}

/* A --kind / ?kind= value as the index spells it, or NULL when unknown. */
static const char *kind_filter(const char *z) {
  Kind k;
  if (!z) return 0;
  if (kind_parse(z, &k) || !indexed_kind(k)) return 0;
  return kind_name(k);
}

static bool valid_date(const char *z) {
  pdate d;
  return !z || date_parse(z, strlen(z), &d) == 0;
}

/* ---- The command ------------------------------------------------------------------ */

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* --bench-queries FILE: every line a query, each run once (after one warm
** pass) inside this process; prints the latency quantiles. */
static int bench_queries(Db *pDb, SearchQuery *pQ, const char *zFile, bool bJson) {
  Buf b = {0};
  if (read_file(zFile, &b)) die(EXIT_INPUT, "%s: cannot read", zFile);
  char **az = 0;
  int n = 0;
  for (char *z = b.z; z && *z;) {
    char *zEnd = strchr(z, '\n');
    if (zEnd) *zEnd = 0;
    if (*z) {
      az = xrealloc(az, (size_t)(n + 1) * sizeof(char *));
      az[n++] = z;
    }
    z = zEnd ? zEnd + 1 : z + strlen(z);
  }
  if (n == 0) die(EXIT_INPUT, "%s: no queries", zFile);
  double *aMs = xmalloc((size_t)n * sizeof(double));
  long long nHits = 0;
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < n; i++) {
      Buf err = {0};
      pQ->zQuery = az[i];
      double t0 = now_ms();
      json_t *r = search_run(pDb, pQ, &err);
      aMs[i] = now_ms() - t0;
      if (pass == 1 && r) nHits += json_integer_value(json_object_get(r, "total"));
      json_decref(r);
      buf_free(&err);
    }
  }
  qsort(aMs, (size_t)n, sizeof(double), cmp_double);
  double p50 = aMs[n / 2], p99 = aMs[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1];
  double max = aMs[n - 1];
  if (bJson)
    printf("{\"queries\": %d, \"p50_ms\": %.4f, \"p99_ms\": %.4f, \"max_ms\": %.4f, "
           "\"hits\": %lld}\n",
           n, p50, p99, max, nHits);
  else
    printf("%d queries: p50 %.4f ms, p99 %.4f ms, max %.4f ms, %lld hits\n", n, p50, p99, max,
           nHits);
  free(aMs);
  free(az);
  buf_free(&b);
  return 0;
}

static void print_text(const json_t *pDoc) {
  const json_t *a = json_object_get(pDoc, "results");
  long long nTotal = json_integer_value(json_object_get(pDoc, "total"));
  printf("%lld result%s for \"%s\"\n", nTotal, nTotal == 1 ? "" : "s",
         json_string_value(json_object_get(pDoc, "query")));
  for (size_t i = 0; i < json_array_size(a); i++) {
    const json_t *r = json_array_get(a, i);
    printf("\n%-12s %s  %s  (%.3f)\n  %s\n", json_string_value(json_object_get(r, "kind")),
           json_string_value(json_object_get(r, "id")),
           json_string_value(json_object_get(r, "title")),
           json_real_value(json_object_get(r, "score")),
           json_string_value(json_object_get(r, "snippet")));
  }
}

int search_command(const char *zDb, bool bJson, const Cli *c) {
  SearchQuery q;
  memset(&q, 0, sizeof(q));
  q.limit = 20;
  q.zOrg = cli_get(c, "org");
  q.zBody = cli_get(c, "body");
  q.zType = cli_get(c, "type");
  q.zParty = cli_get(c, "party");
  q.zFrom = cli_get(c, "from");
  q.zTo = cli_get(c, "to");
  q.zKind = cli_get(c, "kind");
  q.bFacets = cli_get(c, "facets") != 0;
  const char *zBench = cli_get(c, "bench-queries"), *zLimit = cli_get(c, "limit");
  const char *zOffset = cli_get(c, "offset");
  Buf query = {0};
  for (int i = 0; i < c->nPos; i++) {
    if (query.n) buf_putc(&query, ' ');
    buf_puts(&query, c->azPos[i]);
  }
  if (!valid_date(q.zFrom)) cli_fail(c, "--from: expected YYYY-MM-DD");
  if (!valid_date(q.zTo)) cli_fail(c, "--to: expected YYYY-MM-DD");
  if (q.zKind && !(q.zKind = kind_filter(q.zKind)))
    cli_fail(c, "--kind: expected document, session, commitment, assessment, party, body or "
                "organization");
  if (zLimit && (q.limit = atoll(zLimit)) <= 0) cli_fail(c, "--limit: expected N > 0");
  if (zOffset) q.offset = atoll(zOffset);
  if (!zBench && !query.n) cli_fail(c, "missing argument");
  Db *pDb = db_open(zDb, false);
  search_ensure(pDb);
  int rc = 0;
  if (zBench) {
    rc = bench_queries(pDb, &q, zBench, bJson);
  } else {
    Buf err = {0};
    q.zQuery = query.z;
    json_t *pDoc = search_run(pDb, &q, &err);
    if (!pDoc) {
      fprintf(stderr, "pacta: search: %s\n", err.z);
      rc = EXIT_INPUT;
    } else if (bJson) {
      json_dumpf(pDoc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
      fputc('\n', stdout);
    } else {
      print_text(pDoc);
    }
    json_decref(pDoc);
    buf_free(&err);
  }
  buf_free(&query);
  db_close(pDb);
  return rc;
}

/* ---- HTTP --------------------------------------------------------------------------- */

/* Read the query arguments; false with a message when one is malformed. */
static bool req_query(Req *pReq, SearchQuery *q, Buf *pErr) {
  memset(q, 0, sizeof(*q));
  q->zQuery = req_arg(pReq, "q");
  q->zOrg = req_arg(pReq, "organization");
  q->zBody = req_arg(pReq, "body");
  q->zType = req_arg(pReq, "type");
  q->zParty = req_arg(pReq, "party");
  q->zFrom = req_arg(pReq, "from");
  q->zTo = req_arg(pReq, "to");
  q->zKind = req_arg(pReq, "kind");
  q->limit = 20;
  const char *zLimit = req_arg(pReq, "limit"), *zOffset = req_arg(pReq, "offset");
  if (zLimit) {
    char *zEnd;
    q->limit = strtoll(zLimit, &zEnd, 10);
    if (*zEnd || q->limit < 1 || q->limit > 1000) {
      buf_puts(pErr, "limit: expected 1 to 1000");
      return false;
    }
  }
  if (zOffset) {
    char *zEnd;
    q->offset = strtoll(zOffset, &zEnd, 10);
    if (*zEnd || q->offset < 0) {
      buf_puts(pErr, "offset: expected a number >= 0");
      return false;
    }
  }
  if (!valid_date(q->zFrom) || !valid_date(q->zTo)) {
    buf_puts(pErr, "from, to: expected YYYY-MM-DD");
    return false;
  }
  if (q->zKind && !(q->zKind = kind_filter(q->zKind))) {
    buf_puts(pErr, "kind: expected document, session, commitment, assessment, party, body or "
                   "organization");
    return false;
  }
  return true;
}

void api_get_search(Req *pReq, Resp *r) {
  SearchQuery q;
  Buf err = {0};
  if (!req_query(pReq, &q, &err)) {
    resp_error(r, 400, "bad_request", "%s", err.z);
  } else if (!q.zQuery) {
    /* No q: nothing asked, nothing found (a bare GET lists no results). */
    json_t *pDoc = json_pack("{s:s, s:[], s:i}", "query", "", "results", "total", 0);
    resp_json(r, 200, pDoc);
    json_decref(pDoc);
  } else {
    q.bFacets = true;
    search_ensure(pReq->pDb);
    json_t *pDoc = search_run(pReq->pDb, &q, &err);
    if (pDoc) {
      resp_json(r, 200, pDoc);
      r->bCacheable = true;
    } else {
      resp_error(r, 400, "bad_query", "%s", err.z);
    }
    json_decref(pDoc);
  }
  buf_free(&err);
}

static void url_escape(Buf *p, const char *z) {
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *s = (const unsigned char *)z; *s; s++) {
    if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
        strchr("-_.~", *s)) {
      buf_putc(p, (char)*s);
    } else {
      buf_putc(p, '%');
      buf_putc(p, hex[*s >> 4]);
      buf_putc(p, hex[*s & 15]);
    }
  }
}

/* The page's address with one filter changed (zValue NULL: removed). */
/* The page's address for q with one parameter set to zValue (NULL drops
** it); a new filter starts again at the first result. */
static void search_href(Buf *p, const SearchQuery *q, const char *zSet, const char *zValue) {
  char zLimit[24];
  snprintf(zLimit, sizeof(zLimit), "%lld", q->limit);
  struct {
    const char *zName, *zValue;
  } a[] = {{"q", q->zQuery},
           {"kind", q->zKind},
           {"organization", q->zOrg},
           {"body", q->zBody},
           {"type", q->zType},
           {"party", q->zParty},
           {"from", q->zFrom},
           {"to", q->zTo},
           {"offset", 0},
           {"limit", q->limit > 0 && q->limit != 20 ? zLimit : 0}};
  buf_puts(p, "/search");
  char c = '?';
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
    const char *z = strcmp(a[i].zName, zSet) == 0 ? zValue : a[i].zValue;
    if (!z) continue;
    buf_putc(p, c);
    c = '&';
    buf_printf(p, "%s=", a[i].zName);
    url_escape(p, z);
  }
}

static void entity_href(Buf *p, const char *zKind, const char *zId) {
  static const struct {
    const char *zKind, *zPath;
  } a[] = {{"document", "/documents/"},    {"session", "/sessions/"},
           {"party", "/parties/"},         {"organization", "/organizations/"},
           {"body", "/bodies/"},           {"commitment", "/commitments/"},
           {"assessment", "/commitments/"}};
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
    if (strcmp(a[i].zKind, zKind) != 0) continue;
    buf_puts(p, a[i].zPath);
    size_t n = strcspn(zId, "|"); /* an assessment's commitment */
    char *z = xstrdup(zId);
    z[n] = 0;
    url_escape(p, z);
    free(z);
    return;
  }
  buf_puts(p, "/");
}

/* A snippet with marks \x02 ... \x03, escaped, the marks as <mark>. */
static void html_snippet(Buf *p, const char *z) {
  Buf part = {0};
  for (const char *s = z; *s; s++) {
    if (*s == '\x02' || *s == '\x03') {
      if (part.n) html_escape(p, part.z);
      buf_reset(&part);
      buf_puts(p, *s == '\x02' ? "<mark>" : "</mark>");
    } else {
      buf_putc(&part, *s);
    }
  }
  if (part.n) html_escape(p, part.z);
  buf_free(&part);
}

static void facet_list(Buf *p, const SearchQuery *q, const char *zTitle, const char *zParam,
                       const char *zCurrent, const json_t *pCounts) {
  buf_puts(p, "<div><h3>");
  html_escape(p, zTitle);
  buf_puts(p, "</h3><ul class=\"facet\">");
  if (zCurrent) {
    buf_puts(p, "<li><a href=\"");
    Buf h = {0};
    search_href(&h, q, zParam, 0);
    html_escape(p, h.z);
    buf_free(&h);
    buf_puts(p, "\">any</a></li>");
  }
  const char *zName;
  const json_t *v;
  json_object_foreach((json_t *)pCounts, zName, v) {
    Buf h = {0};
    search_href(&h, q, zParam, zName);
    buf_puts(p, "<li><a href=\"");
    html_escape(p, h.z);
    buf_puts(p, "\"");
    if (zCurrent && strcmp(zCurrent, zName) == 0) buf_puts(p, " aria-current=\"true\"");
    buf_puts(p, ">");
    html_escape(p, zName);
    buf_printf(p, "</a> (%lld)</li>", (long long)json_integer_value(v));
    buf_free(&h);
  }
  buf_puts(p, "</ul></div>");
}

/* The form: the words, and the dates as a range; the other filters ride
** along hidden, so changing the words keeps them. */
static void search_form(Buf *p, const SearchQuery *q) {
  buf_puts(p, "<h1>Search</h1><form action=\"/search\" role=\"search\" class=\"search-page\">"
              "<label for=\"sq\">Words in English or Russian</label> "
              "<input type=\"search\" id=\"sq\" name=\"q\" value=\"");
  if (q->zQuery) html_escape(p, q->zQuery);
  buf_puts(p, "\" size=\"40\"> <button type=\"submit\">Search</button>"
              "<div class=\"dates\"><label for=\"sfrom\">Dated from</label> "
              "<input type=\"date\" id=\"sfrom\" name=\"from\" value=\"");
  if (q->zFrom) html_escape(p, q->zFrom);
  buf_puts(p, "\"> <label for=\"sto\">to</label> <input type=\"date\" id=\"sto\" name=\"to\" "
              "value=\"");
  if (q->zTo) html_escape(p, q->zTo);
  buf_puts(p, "\"></div>");
  const struct {
    const char *zName, *zValue;
  } a[] = {{"kind", q->zKind},
           {"organization", q->zOrg},
           {"body", q->zBody},
           {"type", q->zType},
           {"party", q->zParty}};
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
    if (!a[i].zValue) continue;
    buf_printf(p, "<input type=\"hidden\" name=\"%s\" value=\"", a[i].zName);
    html_escape(p, a[i].zValue);
    buf_puts(p, "\">");
  }
  buf_puts(p, "</form>");
}

/* The filters in force that no facet shows, each with a link removing it. */
static void filter_list(Buf *p, const SearchQuery *q) {
  const struct {
    const char *zName, *zLabel, *zValue;
  } a[] = {{"body", "body", q->zBody},
           {"type", "type", q->zType},
           {"party", "party", q->zParty},
           {"from", "dated from", q->zFrom},
           {"to", "dated to", q->zTo}};
  bool bAny = false;
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
    if (!a[i].zValue) continue;
    buf_puts(p, bAny ? " \xc2\xb7 " : "<p class=\"filters\">Only ");
    bAny = true;
    html_escape(p, a[i].zLabel);
    buf_puts(p, " <b>");
    html_escape(p, a[i].zValue);
    buf_puts(p, "</b> (<a href=\"");
    Buf h = {0};
    search_href(&h, q, a[i].zName, 0);
    html_escape(p, h.z);
    buf_free(&h);
    buf_puts(p, "\">any</a>)");
  }
  if (bAny) buf_puts(p, "</p>");
}

/* Previous and next pages of results. */
static void page_link(Buf *p, const SearchQuery *q, long long offset, const char *zRel,
                      const char *zLabel) {
  char zOffset[24];
  snprintf(zOffset, sizeof(zOffset), "%lld", offset);
  Buf h = {0};
  search_href(&h, q, "offset", offset ? zOffset : 0);
  buf_printf(p, "<a rel=\"%s\" href=\"", zRel);
  html_escape(p, h.z);
  buf_printf(p, "\">%s</a> ", zLabel);
  buf_free(&h);
}

static void page_links(Buf *p, const SearchQuery *q, long long nShown, long long nTotal) {
  long long limit = q->limit > 0 ? q->limit : 20;
  bool bPrev = q->offset > 0, bNext = q->offset + nShown < nTotal && q->offset + limit <= 100000;
  if (!bPrev && !bNext) return;
  char zLabel[48];
  buf_puts(p, "<nav class=\"pager\" aria-label=\"Result pages\">");
  if (bPrev) {
    snprintf(zLabel, sizeof(zLabel), "\xe2\x86\x90 Previous %lld", limit);
    page_link(p, q, q->offset > limit ? q->offset - limit : 0, "prev", zLabel);
  }
  if (bNext) {
    snprintf(zLabel, sizeof(zLabel), "Next %lld \xe2\x86\x92", limit);
    page_link(p, q, q->offset + limit, "next", zLabel);
  }
  buf_puts(p, "</nav>");
}

void page_get_search(Req *pReq, Resp *r) {
  SearchQuery q;
  Buf err = {0}, b = {0};
  bool bOk = req_query(pReq, &q, &err);
  int status = 200;
  pages_begin(&b, "Search", "/search");
  search_form(&b, &q);
  json_t *pDoc = 0;
  if (bOk && q.zQuery) {
    q.bFacets = true;
    q.zOpen = "\x02";
    q.zClose = "\x03";
    search_ensure(pReq->pDb);
    pDoc = search_run(pReq->pDb, &q, &err);
    bOk = pDoc != 0;
  }
  if (!bOk) {
    status = 400;
    buf_puts(&b, "<div class=\"notice err\" role=\"alert\">");
    html_escape(&b, err.z);
    buf_puts(&b, "</div>");
  } else if (pDoc) {
    long long nTotal = json_integer_value(json_object_get(pDoc, "total"));
    long long nShown = (long long)json_array_size(json_object_get(pDoc, "results"));
    if (nShown && nShown < nTotal)
      buf_printf(&b, "<p class=\"lede\">Results %lld to %lld of %lld.</p>", q.offset + 1,
                 q.offset + nShown, nTotal);
    else
      buf_printf(&b, "<p class=\"lede\">%lld result%s.</p>", nTotal, nTotal == 1 ? "" : "s");
    filter_list(&b, &q);
    const json_t *pF = json_object_get(pDoc, "facets");
    buf_puts(&b, "<div class=\"facets\">");
    facet_list(&b, &q, "Kind", "kind", q.zKind, json_object_get(pF, "kind"));
    facet_list(&b, &q, "Organization", "organization", q.zOrg, json_object_get(pF, "organization"));
    buf_puts(&b, "</div><ol class=\"results\">");
    const json_t *a = json_object_get(pDoc, "results");
    for (size_t i = 0; i < json_array_size(a); i++) {
      const json_t *e = json_array_get(a, i);
      const char *zKind = str_of(e, "kind"), *zId = str_of(e, "id");
      Buf h = {0};
      entity_href(&h, zKind, zId);
      buf_puts(&b, "<li><a href=\"");
      html_escape(&b, h.z);
      buf_puts(&b, "\">");
      html_escape(&b, str_of(e, "title") ? str_of(e, "title") : zId);
      buf_puts(&b, "</a> <span class=\"hint\">");
      html_escape(&b, zKind);
      if (str_of(e, "organization")) {
        buf_puts(&b, " \xc2\xb7 ");
        html_escape(&b, str_of(e, "organization"));
      }
      if (str_of(e, "date")) {
        buf_puts(&b, " \xc2\xb7 ");
        html_escape(&b, str_of(e, "date"));
      }
      buf_puts(&b, "</span><br><span class=\"snippet\">");
      html_snippet(&b, str_of(e, "snippet") ? str_of(e, "snippet") : "");
      buf_puts(&b, "</span></li>");
      buf_free(&h);
    }
    buf_puts(&b, "</ol>");
    page_links(&b, &q, nShown, nTotal);
  }
  pages_end(&b, pReq);
  resp_text(r, status, "text/html; charset=utf-8", b.z, b.n);
  r->bCacheable = status == 200;
  json_decref(pDoc);
  buf_free(&b);
  buf_free(&err);
}
