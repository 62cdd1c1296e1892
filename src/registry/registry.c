#include "registry.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "collate.h"
#include "journal.h"
#include "rules.h"

static const char *str_of(const json_t *p, const char *zKey) {
  return json_string_value(json_object_get(p, zKey));
}

static json_t *date_json(pdate d) {
  if (d == DATE_NONE) return json_null();
  char z[DATE_BUFSZ];
  date_format(d, z);
  return json_string(z);
}

static bool need_entity(Db *pDb, Kind kind, const char *zKey, Buf *pErr) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT 1 FROM entity WHERE kind=?1 AND key=?2");
  sqlite3_bind_int(p, 1, kind);
  sqlite3_bind_text(p, 2, zKey, -1, SQLITE_STATIC);
  bool b = db_step_row(pDb, p);
  sqlite3_reset(p);
  if (!b) buf_printf(pErr, "unknown %s \"%s\"", kind_name(kind), zKey);
  return b;
}

/* ---- Parsed records by journal sequence ---------------------------------- */

/*
** A journal entry never changes once written, so the value it put is parsed
** once and kept by its sequence number: a page reads a document's actions
** and every party without parsing their JSON again. Each thread (each of the
** server's, and the command line's) keeps a cache of its own, so a value is
** only ever used, and its reference count changed, by one thread; the cache
** is freed when the thread ends. It is bypassed in a write transaction,
** whose entries may be rolled back; its values are allocated outside any
** request's pool and never changed once in it (every caller only reads
** them). It is emptied when it is full, and when another database file is
** read.
*/
#define RECORD_CACHE_MAX 16384 /* entries; the table has twice as many slots */

typedef struct RecordSlot {
  int64_t seq; /* 0: empty */
  Kind kind;
  char *zKey;
  json_t *pVal;
} RecordSlot;

static __thread RecordSlot *t_aRecord; /* 2 * RECORD_CACHE_MAX slots, open addressing */
static __thread int t_nRecord;
static __thread char *t_zRecordDb; /* the database file the cache holds records of */
static pthread_key_t g_recordKey;  /* its destructor frees a thread's cache */
static pthread_once_t g_recordOnce = PTHREAD_ONCE_INIT;

static size_t record_slot(int64_t seq) {
  uint64_t h = (uint64_t)seq * 0x9E3779B97F4A7C15ull;
  return (size_t)(h >> 32) & (2 * RECORD_CACHE_MAX - 1);
}

static void record_maps_clear(void);
static void doc_records_clear(void);

static void record_cache_clear(void) {
  record_maps_clear();
  doc_records_clear();
  for (size_t i = 0; t_aRecord && i < 2 * RECORD_CACHE_MAX; i++) {
    if (!t_aRecord[i].seq) continue;
    free(t_aRecord[i].zKey);
    json_decref(t_aRecord[i].pVal);
    t_aRecord[i] = (RecordSlot){0, 0, 0, 0};
  }
  t_nRecord = 0;
}

/* At the end of a thread that had a cache (pArg: not NULL). */
static void record_cache_free(void *pArg) {
  record_cache_clear();
  free(t_aRecord);
  free(t_zRecordDb);
  t_aRecord = 0;
  t_zRecordDb = 0;
}

static void record_key_init(void) {
  if (pthread_key_create(&g_recordKey, record_cache_free)) panic("pthread_key_create failed");
}

/* The thread's cache, made if need be, emptied if it holds another file's
** records. */
static void record_cache_use(Db *pDb) {
  const char *zFile = sqlite3_db_filename(db_handle(pDb), "main");
  if (!zFile) zFile = "";
  if (t_zRecordDb && strcmp(t_zRecordDb, zFile) == 0) return;
  record_cache_clear();
  free(t_zRecordDb);
  t_zRecordDb = strdup(zFile);
  if (!t_aRecord) {
    t_aRecord = calloc(2 * RECORD_CACHE_MAX, sizeof(RecordSlot));
    pthread_once(&g_recordOnce, record_key_init);
    if (pthread_setspecific(g_recordKey, t_aRecord)) panic("pthread_setspecific failed");
  }
  if (!t_zRecordDb || !t_aRecord) panic("out of memory (the record cache)");
}

/* The cached value of (kind, zKey) put by entry seq (a new reference), or
** NULL. */
static json_t *record_cache_find(int64_t seq, Kind kind, const char *zKey) {
  for (size_t i = record_slot(seq);; i = (i + 1) & (2 * RECORD_CACHE_MAX - 1)) {
    const RecordSlot *s = &t_aRecord[i];
    if (!s->seq) return 0;
    if (s->seq == seq && s->kind == kind && strcmp(s->zKey, zKey) == 0) return json_incref(s->pVal);
  }
}

/* Keep pVal (allocated outside any pool) as the value of
** (kind, zKey) put by entry seq. */
static void record_cache_add(int64_t seq, Kind kind, const char *zKey, json_t *pVal) {
  if (t_nRecord >= RECORD_CACHE_MAX) record_cache_clear();
  size_t i = record_slot(seq);
  while (t_aRecord[i].seq) {
    if (t_aRecord[i].seq == seq && t_aRecord[i].kind == kind &&
        strcmp(t_aRecord[i].zKey, zKey) == 0)
      return;
    i = (i + 1) & (2 * RECORD_CACHE_MAX - 1);
  }
  char *z = strdup(zKey);
  if (!z) panic("out of memory (the record cache)");
  t_aRecord[i] = (RecordSlot){seq, kind, z, json_incref(pVal)};
  t_nRecord++;
}

/* The value of (kind, zKey) put by entry seq, from the cache or else parsed
** (entity_get) and kept; a new reference to a value nobody may change, or
** NULL. In a read transaction: seq must be the live entry of zKey. */
static json_t *record_of(Db *pDb, int64_t seq, Kind kind, const char *zKey) {
  /* Not what a transaction not yet committed wrote (a preview rolled back):
  ** its sequence numbers are given again. */
  if (sqlite3_txn_state(db_handle(pDb), "main") == SQLITE_TXN_WRITE)
    return entity_get(pDb, kind, zKey);
  record_cache_use(pDb);
  json_t *pVal = record_cache_find(seq, kind, zKey);
  if (pVal) return pVal;
  Pool *pPaused = pool_pause();    /* the value outlives the request */
  pVal = entity_get_seq(pDb, seq); /* the entity was looked up already, for seq */
  pool_resume(pPaused);
  if (!pVal) return 0;
  record_cache_use(pDb);
  record_cache_add(seq, kind, zKey, pVal);
  return pVal;
}

json_t *record_get(Db *pDb, Kind kind, const char *zKey) {
  bool bBegun = db_read_begin(pDb);
  int64_t seq = entity_seq(pDb, kind, zKey);
  json_t *pVal = seq ? record_of(pDb, seq, kind, zKey) : 0;
  db_read_end(pDb, bBegun);
  return pVal;
}

/* The last maps record_map made, each with the entries (their sequence
** numbers, by key) it was made of: a page asks for every party each time,
** and the same entries give the same map. Taken at once while the
** journal's last sequence number is the one it was last found at (the
** entity table changes only with the journal). The thread's, emptied with
** its cache. */
#define RECORD_MAPS 8

typedef struct RecordMap {
  Kind kind;
  char *zField; /* NULL: an empty slot */
  int64_t *aSeq;
  int nSeq;
  json_t *pMap;
  int64_t lastSeq; /* the journal's last sequence number when it was last found */
} RecordMap;

static __thread RecordMap t_aMap[RECORD_MAPS];
static __thread int t_iMapNext; /* the slot a new map takes when none is free */

static void record_maps_clear(void) {
  for (int i = 0; i < RECORD_MAPS; i++) {
    free(t_aMap[i].zField);
    free(t_aMap[i].aSeq);
    json_decref(t_aMap[i].pMap);
    t_aMap[i] = (RecordMap){0, 0, 0, 0, 0, 0};
  }
}

/* The map of kind by zField made of aSeq (NULL: any, if found at lastSeq),
** or NULL; found at lastSeq. */
static json_t *record_map_find(Kind kind, const char *zField, const int64_t *aSeq, int n,
                               int64_t lastSeq) {
  for (int i = 0; i < RECORD_MAPS; i++) {
    RecordMap *m = &t_aMap[i];
    if (!m->zField || m->kind != kind || strcmp(m->zField, zField) != 0) continue;
    if (aSeq ? m->nSeq == n && (n == 0 || memcmp(m->aSeq, aSeq, (size_t)n * sizeof(int64_t)) == 0)
             : m->lastSeq == lastSeq) {
      m->lastSeq = lastSeq;
      return json_incref(m->pMap);
    }
  }
  return 0;
}

/* Keep pMap (outside any pool) as the map of kind by
** zField made of aSeq (taken). */
static void record_map_add(Kind kind, const char *zField, int64_t *aSeq, int n, json_t *pMap,
                           int64_t lastSeq) {
  int iSlot = -1;
  for (int i = 0; i < RECORD_MAPS && iSlot < 0; i++)
    if (!t_aMap[i].zField || (t_aMap[i].kind == kind && strcmp(t_aMap[i].zField, zField) == 0))
      iSlot = i;
  if (iSlot < 0) iSlot = t_iMapNext++ % RECORD_MAPS;
  RecordMap *m = &t_aMap[iSlot];
  free(m->zField);
  free(m->aSeq);
  json_decref(m->pMap);
  *m = (RecordMap){kind, strdup(zField), aSeq, n, json_incref(pMap), lastSeq};
  if (!m->zField) panic("out of memory (the record cache)");
}

json_t *record_map(Db *pDb, Kind kind, const char *zField) {
  bool bBegun = db_read_begin(pDb);
  bool bCache = sqlite3_txn_state(db_handle(pDb), "main") != SQLITE_TXN_WRITE;
  int64_t lastSeq = 0;
  if (bCache) {
    record_cache_use(pDb);
    lastSeq = db_last_seq(pDb);
    json_t *pMap = record_map_find(kind, zField, 0, 0, lastSeq);
    if (pMap) {
      db_read_end(pDb, bBegun);
      return pMap;
    }
  }
  sqlite3_stmt *p = db_stmt(pDb, "SELECT key, seq FROM entity WHERE kind=?1 ORDER BY key");
  sqlite3_bind_int(p, 1, kind);
  int64_t *aSeq = 0;
  int n = 0, nAlloc = 0;
  while (db_step_row(pDb, p)) {
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 256;
      aSeq = realloc(aSeq, (size_t)nAlloc * sizeof(int64_t));
      if (!aSeq) panic("out of memory (a map of records)");
    }
    aSeq[n++] = sqlite3_column_int64(p, 1);
  }
  sqlite3_reset(p);
  json_t *pMap = 0;
  if (bCache) {
    record_cache_use(pDb);
    pMap = record_map_find(kind, zField, aSeq, n, lastSeq);
  }
  if (!pMap) {
    /* The keys too, read again in the same transaction. */
    Pool *pPaused = bCache ? pool_pause() : 0; /* a kept map outlives the request */
    pMap = json_object();
    for (int i = 0; i < n && db_step_row(pDb, p); i++) {
      json_t *pVal = record_of(pDb, aSeq[i], kind, (const char *)sqlite3_column_text(p, 0));
      const char *zAt = str_of(pVal, zField);
      if (zAt) json_object_set(pMap, zAt, pVal);
      json_decref(pVal);
    }
    sqlite3_reset(p);
    if (bCache) {
      pool_resume(pPaused);
      record_cache_use(pDb);
      record_map_add(kind, zField, aSeq, n, pMap, lastSeq);
      aSeq = 0;
    }
  }
  free(aSeq);
  db_read_end(pDb, bBegun);
  return pMap;
}

/* ---- Parties: codes, kinds and names, by pid ---------------------------- */

typedef struct PartyTable {
  int n;
  char (*aCode)[4];
  bool *aIsOrg;
} PartyTable;

/* All parties by pid (pids are small and dense). */
static void party_table(Db *pDb, PartyTable *pT) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT max(pid) FROM party");
  db_step_row(pDb, p);
  pT->n = sqlite3_column_int(p, 0) + 1;
  sqlite3_reset(p);
  pT->aCode = xmalloc((size_t)pT->n * sizeof(*pT->aCode));
  pT->aIsOrg = xmalloc((size_t)pT->n * sizeof(bool));
  memset(pT->aCode, 0, (size_t)pT->n * sizeof(*pT->aCode));
  memset(pT->aIsOrg, 0, (size_t)pT->n * sizeof(bool));
  p = db_stmt(pDb, "SELECT pid, code, is_org FROM party");
  while (db_step_row(pDb, p)) {
    int pid = sqlite3_column_int(p, 0);
    snprintf(pT->aCode[pid], 4, "%s", (const char *)sqlite3_column_text(p, 1));
    pT->aIsOrg[pid] = sqlite3_column_int(p, 2);
  }
  sqlite3_reset(p);
}

static void party_table_free(PartyTable *pT) {
  xfree(pT->aCode);
  xfree(pT->aIsOrg);
}

static int party_pid(const PartyTable *pT, const char *zCode) {
  for (int i = 0; i < pT->n; i++)
    if (strcmp(pT->aCode[i], zCode) == 0) return i;
  return -1;
}

/* ---- Members ------------------------------------------------------------ */

static json_t *query_members_read(Db *pDb, const char *zOrg, pdate on, Buf *pErr) {
  if (!need_entity(pDb, K_ORGANIZATION, zOrg, pErr)) return 0;
  sqlite3_stmt *p = db_stmt(pDb, "SELECT party, kind, from_date, to_date FROM membership "
                                 "WHERE organization=?1 ORDER BY party, from_date");
  sqlite3_bind_text(p, 1, zOrg, -1, SQLITE_STATIC);
  json_t *aMember = json_array();
  while (db_step_row(pDb, p)) {
    Membership m = {0, (MemberKind)sqlite3_column_int(p, 1), sqlite3_column_int(p, 2),
                    sqlite3_column_type(p, 3) == SQLITE_NULL ? DATE_NONE
                                                             : sqlite3_column_int(p, 3)};
    if (!membership_holds(&m, on)) continue;
    json_array_append_new(aMember,
                          json_pack("{s:s, s:s, s:o}", "party", sqlite3_column_text(p, 0), "kind",
                                    member_kind_name(m.kind), "since", date_json(m.from)));
  }
  sqlite3_reset(p);
  return json_pack("{s:s, s:o, s:o}", "organization", zOrg, "on", date_json(on), "members",
                   aMember);
}

json_t *query_members(Db *pDb, const char *zOrg, pdate on, Buf *pErr) {
  bool bBegun = db_read_begin(pDb);
  json_t *pOut = query_members_read(pDb, zOrg, on, pErr);
  db_read_end(pDb, bBegun);
  return pOut;
}

/* ---- Chairmanship -------------------------------------------------------- */

/* Everything chair_for_year needs, gathered once per query. Parties are
** indexes into azCode. */
typedef struct ChairFacts {
  ChairRule rule;
  int nParty;
  char **azCode;
  Membership *aMem;
  int nMem;
  int *aOrder;
  YearParty *aRecorded, *aDeclined;
  int minYear, maxYear; /* recorded years */
  bool bNoCoChairs;     /* the rule's "co_chairs": "none" */
} ChairFacts;

static int chair_party(ChairFacts *pF, const char *zCode) {
  for (int i = 0; i < pF->nParty; i++)
    if (strcmp(pF->azCode[i], zCode) == 0) return i;
  pF->azCode = xrealloc(pF->azCode, (size_t)(pF->nParty + 1) * sizeof(char *));
  pF->azCode[pF->nParty] = xstrdup(zCode);
  return pF->nParty++;
}

static void chair_facts_free(ChairFacts *pF) {
  for (int i = 0; i < pF->nParty; i++) xfree(pF->azCode[i]);
  xfree(pF->azCode);
  xfree(pF->aMem);
  xfree(pF->aOrder);
  xfree(pF->aRecorded);
  xfree(pF->aDeclined);
}

static YearParty *year_parties(ChairFacts *pF, const json_t *pArr, int *pN) {
  size_t n = json_array_size(pArr);
  YearParty *a = xmalloc((n ? n : 1) * sizeof(YearParty));
  for (size_t i = 0; i < n; i++) {
    const json_t *p = json_array_get(pArr, i);
    a[i].year = (int)json_integer_value(json_object_get(p, "year"));
    a[i].party = chair_party(pF, str_of(p, "party"));
  }
  *pN = (int)n;
  return a;
}

static bool chair_facts(Db *pDb, const char *zOrg, ChairFacts *pF, Buf *pErr) {
  memset(pF, 0, sizeof(*pF));
  if (!need_entity(pDb, K_ORGANIZATION, zOrg, pErr)) return false;
  json_t *pChair = entity_get(pDb, K_CHAIRMANSHIP, zOrg);
  if (!pChair) {
    buf_printf(pErr, "organization \"%s\" has no chairmanship rule", zOrg);
    return false;
  }
  const json_t *pElig = json_object_get(pChair, "eligible");
  for (size_t i = 0; i < json_array_size(pElig); i++) {
    MemberKind k;
    if (member_kind_parse(json_string_value(json_array_get(pElig, i)), &k) == 0)
      pF->rule.eligible |= 1u << k;
  }
  /* Memberships of the organization. */
  sqlite3_stmt *p = db_stmt(pDb, "SELECT party, kind, from_date, to_date FROM membership "
                                 "WHERE organization=?1 ORDER BY party, from_date");
  sqlite3_bind_text(p, 1, zOrg, -1, SQLITE_STATIC);
  int nAlloc = 0;
  while (db_step_row(pDb, p)) {
    if (pF->nMem == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 32;
      pF->aMem = xrealloc(pF->aMem, (size_t)nAlloc * sizeof(Membership));
    }
    pF->aMem[pF->nMem++] = (Membership){
        chair_party(pF, (const char *)sqlite3_column_text(p, 0)),
        (MemberKind)sqlite3_column_int(p, 1), sqlite3_column_int(p, 2),
        sqlite3_column_type(p, 3) == SQLITE_NULL ? DATE_NONE : sqlite3_column_int(p, 3)};
  }
  sqlite3_reset(p);
  const char *zCo = str_of(pChair, "co_chairs");
  pF->bNoCoChairs = zCo && strcmp(zCo, "none") == 0;
  pF->aRecorded = year_parties(pF, json_object_get(pChair, "recorded"), &pF->rule.nRecorded);
  pF->aDeclined = year_parties(pF, json_object_get(pChair, "declined"), &pF->rule.nDeclined);
  /* The order: explicit, or every party that ever held an eligible
  ** membership, sorted by its name in a language. */
  const json_t *pOrder = json_object_get(pChair, "order");
  bool ok = true;
  if (json_is_array(pOrder)) {
    pF->rule.nOrder = (int)json_array_size(pOrder);
    pF->aOrder = xmalloc((size_t)pF->rule.nOrder * sizeof(int) + 1);
    for (int i = 0; i < pF->rule.nOrder; i++)
      pF->aOrder[i] = chair_party(pF, json_string_value(json_array_get(pOrder, (size_t)i)));
  } else {
    const char *zLang = str_of(pOrder, "collate");
    bool *aIn = xmalloc((size_t)pF->nParty + 1);
    memset(aIn, 0, (size_t)pF->nParty + 1);
    for (int i = 0; i < pF->nMem; i++)
      if (pF->rule.eligible & (1u << pF->aMem[i].kind)) aIn[pF->aMem[i].party] = true;
    /* A recorded chair takes its alphabetical place in the rotation even if
    ** it never held an eligible membership (Ukraine, CIS 2014). */
    for (int i = 0; i < pF->rule.nRecorded; i++) aIn[pF->aRecorded[i].party] = true;
    int nIn = 0;
    pF->aOrder = xmalloc((size_t)pF->nParty * sizeof(int) + 1);
    const char **azName = xmalloc((size_t)pF->nParty * sizeof(char *) + 1);
    json_t **apParty = xmalloc((size_t)pF->nParty * sizeof(json_t *) + 1);
    for (int i = 0; i < pF->nParty; i++) {
      apParty[i] = record_get(pDb, K_PARTY, pF->azCode[i]);
      const json_t *pName = json_object_get(apParty[i], "name");
      azName[i] = str_of(pName, zLang);
      if (!azName[i]) azName[i] = str_of(pName, "en");
      if (!azName[i]) azName[i] = pF->azCode[i];
      if (aIn[i]) pF->aOrder[nIn++] = i;
    }
    if (collate_sort(zLang, azName, pF->aOrder, nIn)) {
      buf_printf(pErr, "no collation for language \"%s\"", zLang);
      ok = false;
    }
    pF->rule.nOrder = nIn;
    for (int i = 0; i < pF->nParty; i++) json_decref(apParty[i]);
    xfree(apParty);
    xfree(azName);
    xfree(aIn);
  }
  pF->rule.aOrder = pF->aOrder;
  pF->rule.aRecorded = pF->aRecorded;
  pF->rule.aDeclined = pF->aDeclined;
  pF->minYear = 0;
  pF->maxYear = 0;
  for (int i = 0; i < pF->rule.nRecorded; i++) {
    int y = pF->aRecorded[i].year;
    if (!pF->minYear || y < pF->minYear) pF->minYear = y;
    if (y > pF->maxYear) pF->maxYear = y;
  }
  json_decref(pChair);
  if (!ok) chair_facts_free(pF);
  return ok;
}

static json_t *party_or_null(const ChairFacts *pF, int party) {
  return party < 0 ? json_null() : json_string(pF->azCode[party]);
}

static json_t *chair_year_json(const ChairFacts *pF, const ChairYear *c) {
  /* previous_and_next (design.md 5.2), each once: with two parties in
  ** turn the previous chair is the next one; "none": no co-chairs. */
  json_t *aCo = json_array();
  if (!pF->bNoCoChairs && c->coPrev >= 0)
    json_array_append_new(aCo, json_string(pF->azCode[c->coPrev]));
  if (!pF->bNoCoChairs && c->coNext >= 0 && c->coNext != c->coPrev)
    json_array_append_new(aCo, json_string(pF->azCode[c->coNext]));
  return json_pack("{s:i, s:o, s:s, s:o, s:o}", "year", c->year, "chair",
                   party_or_null(pF, c->chair), "source", c->recorded ? "recorded" : "computed",
                   "expected", party_or_null(pF, c->expected), "co_chairs", aCo);
}

static json_t *query_chair_read(Db *pDb, const char *zOrg, int year, Buf *pErr) {
  ChairFacts f;
  if (!chair_facts(pDb, zOrg, &f, pErr)) return 0;
  ChairYear c;
  chair_for_year(&f.rule, f.aMem, f.nMem, year, &c);
  json_t *pOut = chair_year_json(&f, &c);
  json_object_set_new(pOut, "organization", json_string(zOrg));
  chair_facts_free(&f);
  return pOut;
}

json_t *query_chair(Db *pDb, const char *zOrg, int year, Buf *pErr) {
  bool bBegun = db_read_begin(pDb);
  json_t *pOut = query_chair_read(pDb, zOrg, year, pErr);
  db_read_end(pDb, bBegun);
  return pOut;
}

static json_t *query_chair_history_read(Db *pDb, const char *zOrg, int thisYear, Buf *pErr) {
  ChairFacts f;
  if (!chair_facts(pDb, zOrg, &f, pErr)) return 0;
  json_t *aYear = json_array(), *aBreach = json_array();
  int last = f.maxYear > thisYear + 1 ? f.maxYear : thisYear + 1;
  for (int y = f.minYear; f.minYear && y <= last; y++) {
    ChairYear c;
    chair_for_year(&f.rule, f.aMem, f.nMem, y, &c);
    json_t *pYear = chair_year_json(&f, &c);
    bool bBreach = c.recorded && c.expected >= 0 && c.expected != c.chair;
    json_object_set_new(pYear, "breach", json_boolean(bBreach));
    json_array_append_new(aYear, pYear);
  }
  ChairYear aBreachRow[256];
  int nBreach = chair_breaches(&f.rule, f.aMem, f.nMem, aBreachRow, 256);
  for (int i = 0; i < nBreach && i < 256; i++)
    json_array_append_new(aBreach, json_integer(aBreachRow[i].year));
  chair_facts_free(&f);
  return json_pack("{s:s, s:o, s:o}", "organization", zOrg, "years", aYear, "breaches", aBreach);
}

json_t *query_chair_history(Db *pDb, const char *zOrg, int thisYear, Buf *pErr) {
  bool bBegun = db_read_begin(pDb);
  json_t *pOut = query_chair_history_read(pDb, zOrg, thisYear, pErr);
  db_read_end(pDb, bBegun);
  return pOut;
}

/* ---- Status of a document ----------------------------------------------- */

static int delay_from_json(const json_t *p, Delay *pOut) {
  memset(pOut, 0, sizeof(*pOut));
  if (!p) return 0;
  pOut->days = (int)json_integer_value(json_object_get(p, "days"));
  pOut->months = (int)json_integer_value(json_object_get(p, "months"));
  pOut->firstOfNextMonth = str_of(p, "then") != 0;
  return 1;
}

static pdate date_from_json(const json_t *p) {
  pdate d;
  if (!json_is_string(p) || date_parse(json_string_value(p), json_string_length(p), &d))
    return DATE_NONE;
  return d;
}

/* One document's facts for doc_status, with its parties renumbered 0..n-1. */
typedef struct DocWork {
  EifRule rule;
  Condition *aCond;
  int **aaAllOf;
  double **aaWeight;
  int nWeight;
  Action *aAction;
  bool *aMore; /* by action: its record holds more than its row (actions.more) */
  int nAction, nActionAlloc;
  int *aPid; /* local party -> pid */
  bool *aIsOrg;
  int nParty, nPartyAlloc;
  PartyStatus *aStatus;
} DocWork;

static int local_party(DocWork *w, int pid, const PartyTable *pT) {
  for (int i = w->nParty - 1; i >= 0; i--)
    if (w->aPid[i] == pid) return i;
  if (w->nParty == w->nPartyAlloc) {
    w->nPartyAlloc = w->nPartyAlloc ? 2 * w->nPartyAlloc : 64;
    w->aPid = xrealloc(w->aPid, (size_t)w->nPartyAlloc * sizeof(int));
    w->aIsOrg = xrealloc(w->aIsOrg, (size_t)w->nPartyAlloc * sizeof(bool));
  }
  w->aPid[w->nParty] = pid;
  w->aIsOrg[w->nParty] = pid >= 0 && pid < pT->n && pT->aIsOrg[pid];
  return w->nParty++;
}

static void doc_work_reset(DocWork *w) {
  for (int i = 0; i < w->rule.nCond; i++) xfree(w->aaAllOf[i]);
  for (int i = 0; i < w->nWeight; i++) xfree(w->aaWeight[i]);
  xfree(w->aaAllOf);
  xfree(w->aaWeight);
  xfree(w->aCond);
  xfree(w->aStatus);
  w->aaAllOf = 0;
  w->aaWeight = 0;
  w->aCond = 0;
  w->aStatus = 0;
  w->nWeight = 0;
  w->nAction = 0;
  w->nParty = 0;
  memset(&w->rule, 0, sizeof(w->rule));
}

static void doc_work_free(DocWork *w) {
  doc_work_reset(w);
  xfree(w->aAction);
  xfree(w->aMore);
  xfree(w->aPid);
  xfree(w->aIsOrg);
}

/* Gather a document's actions (by did) and rule, and run doc_status. */
static void doc_compute(Db *pDb, int64_t did, const json_t *pDoc, const PartyTable *pT, pdate on,
                        DocWork *w, DocStatus *pStatus) {
  doc_work_reset(w);
  sqlite3_stmt *p = db_stmt(pDb, "SELECT pid, type, date, effective, subject_to_procedures, more "
                                 "FROM actions WHERE did=?1");
  sqlite3_bind_int64(p, 1, did);
  while (db_step_row(pDb, p)) {
    if (w->nAction == w->nActionAlloc) {
      w->nActionAlloc = w->nActionAlloc ? 2 * w->nActionAlloc : 256;
      w->aAction = xrealloc(w->aAction, (size_t)w->nActionAlloc * sizeof(Action));
      w->aMore = xrealloc(w->aMore, (size_t)w->nActionAlloc * sizeof(bool));
    }
    w->aMore[w->nAction] = sqlite3_column_int(p, 5) != 0;
    w->aAction[w->nAction++] =
        (Action){local_party(w, sqlite3_column_int(p, 0), pT), (ActionType)sqlite3_column_int(p, 1),
                 sqlite3_column_int(p, 2),
                 sqlite3_column_type(p, 3) == SQLITE_NULL ? DATE_NONE : sqlite3_column_int(p, 3),
                 sqlite3_column_int(p, 4) != 0};
  }
  sqlite3_reset(p);

  const json_t *pEif = json_object_get(pDoc, "entry_into_force");
  const char *zRule = str_of(pEif, "rule");
  EifRule *r = &w->rule;
  r->kind = !zRule                               ? EIF_NONE
            : strcmp(zRule, "on_signature") == 0 ? EIF_ON_SIGNATURE
            : strcmp(zRule, "threshold") == 0    ? EIF_THRESHOLD
                                                 : EIF_FIXED_DATE;
  delay_from_json(json_object_get(pEif, "delay"), &r->delay);
  r->hasLaterDelay = delay_from_json(json_object_get(pEif, "later_delay"), &r->laterDelay);
  r->notBefore = date_from_json(json_object_get(pEif, "not_before"));
  r->fixedDate = date_from_json(json_object_get(pEif, "date"));
  r->hasWithdrawalNotice = delay_from_json(
      json_object_get(json_object_get(pDoc, "withdrawal"), "notice"), &r->withdrawalNotice);

  /* Weights named by conditions, by local party. */
  const json_t *pWeights = json_object_get(pDoc, "weights");
  const json_t *pConds = json_object_get(pEif, "conditions");
  size_t nCond = json_array_size(pConds);
  w->aCond = xmalloc((nCond + 1) * sizeof(Condition));
  w->aaAllOf = xmalloc((nCond + 1) * sizeof(int *));
  w->aaWeight = xmalloc((nCond + 1) * sizeof(double *));
  for (size_t i = 0; i < nCond; i++) {
    const json_t *c = json_array_get(pConds, i);
    Condition *pc = &w->aCond[i];
    memset(pc, 0, sizeof(*pc));
    w->aaAllOf[i] = 0;
    const json_t *pAll = json_object_get(c, "all_of");
    if (json_object_get(c, "count")) {
      pc->kind = COND_COUNT;
      pc->count = (int)json_integer_value(json_object_get(c, "count"));
    } else if (pAll) {
      pc->kind = COND_ALL_OF;
      pc->nParty = (int)json_array_size(pAll);
      w->aaAllOf[i] = xmalloc((size_t)pc->nParty * sizeof(int) + 1);
      for (int k = 0; k < pc->nParty; k++) {
        int pid = party_pid(pT, json_string_value(json_array_get(pAll, (size_t)k)));
        w->aaAllOf[i][k] = local_party(w, pid, pT);
      }
      pc->aParty = w->aaAllOf[i];
    } else {
      pc->kind = COND_WEIGHT;
      pc->weight = w->nWeight;
      pc->atLeast = json_number_value(json_object_get(c, "at_least"));
      w->aaWeight[w->nWeight++] = 0; /* filled below, once nParty is final */
    }
  }
  r->aCond = w->aCond;
  r->nCond = (int)nCond;
  int iWeight = 0;
  for (size_t i = 0; i < nCond; i++) {
    if (w->aCond[i].kind != COND_WEIGHT) continue;
    const json_t *pMap = json_object_get(pWeights, str_of(json_array_get(pConds, i), "weight"));
    double *a = xmalloc((size_t)w->nParty * sizeof(double) + 1);
    for (int k = 0; k < w->nParty; k++) {
      int pid = w->aPid[k];
      const json_t *pNum = pid >= 0 && pid < pT->n ? json_object_get(pMap, pT->aCode[pid]) : 0;
      a[k] = pNum ? json_number_value(pNum) : NAN;
    }
    w->aaWeight[iWeight++] = a;
  }
  DocFacts facts = {w->nParty, w->aIsOrg, (const double *const *)w->aaWeight, w->nWeight};
  w->aStatus = xmalloc((size_t)w->nParty * sizeof(PartyStatus) + 1);
  if (doc_status(r, &facts, w->aAction, w->nAction, on, pStatus, w->aStatus))
    panic("out of memory computing a status");
}

typedef struct CodeIndex {
  const char *zCode;
  int i;
} CodeIndex;

static int compare_code(const void *a, const void *b) {
  return strcmp(((const CodeIndex *)a)->zCode, ((const CodeIndex *)b)->zCode);
}

static json_t *status_json(const char *zDoc, pdate on, const DocStatus *pS, const DocWork *w,
                           const PartyTable *pT) {
  CodeIndex *a = xmalloc((size_t)w->nParty * sizeof(CodeIndex) + 1);
  int n = 0;
  for (int i = 0; i < w->nParty; i++) {
    if (w->aStatus[i].status == ST_NONE || w->aPid[i] < 0) continue;
    a[n++] = (CodeIndex){pT->aCode[w->aPid[i]], i};
  }
  qsort(a, (size_t)n, sizeof(CodeIndex), compare_code);
  json_t *aParty = json_array();
  for (int k = 0; k < n; k++) {
    const PartyStatus *s = &w->aStatus[a[k].i];
    json_array_append_new(aParty,
                          json_pack("{s:s, s:s, s:o, s:o}", "party", a[k].zCode, "status",
                                    status_kind_name(s->status), "since", date_json(s->since),
                                    "entry_into_force", date_json(s->entryIntoForce)));
  }
  xfree(a);
  return json_pack("{s:s, s:o, s:b, s:o, s:o}", "document", zDoc, "on", date_json(on), "in_force",
                   pS->inForce, "entry_into_force", date_json(pS->entryIntoForce), "parties",
                   aParty);
}

static int64_t document_did(Db *pDb, const char *zDoc) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT did FROM document WHERE id=?1");
  sqlite3_bind_text(p, 1, zDoc, -1, SQLITE_STATIC);
  int64_t did = db_step_row(pDb, p) ? sqlite3_column_int64(p, 0) : 0;
  sqlite3_reset(p);
  return did;
}

/* One document's record, its parties and its computed status on `on`;
** false (with a message) for an unknown document. */
typedef struct DocQuery {
  json_t *pDoc;
  PartyTable t;
  DocWork w;
  DocStatus s;
} DocQuery;

static bool doc_query_open(Db *pDb, const char *zDoc, pdate on, DocQuery *q, Buf *pErr) {
  memset(q, 0, sizeof(*q));
  q->pDoc = record_get(pDb, K_DOCUMENT, zDoc);
  if (!q->pDoc) {
    buf_printf(pErr, "unknown document \"%s\"", zDoc);
    return false;
  }
  party_table(pDb, &q->t);
  doc_compute(pDb, document_did(pDb, zDoc), q->pDoc, &q->t, on, &q->w, &q->s);
  return true;
}

static void doc_query_close(DocQuery *q) {
  doc_work_free(&q->w);
  party_table_free(&q->t);
  json_decref(q->pDoc);
}

static json_t *query_status_read(Db *pDb, const char *zDoc, pdate on, Buf *pErr) {
  DocQuery q;
  if (!doc_query_open(pDb, zDoc, on, &q, pErr)) return 0;
  json_t *pOut = status_json(zDoc, on, &q.s, &q.w, &q.t);
  doc_query_close(&q);
  return pOut;
}

json_t *query_status(Db *pDb, const char *zDoc, pdate on, Buf *pErr) {
  bool bBegun = db_read_begin(pDb);
  json_t *pOut = query_status_read(pDb, zDoc, on, pErr);
  db_read_end(pDb, bBegun);
  return pOut;
}

/* ---- Status with its reasons (the document page) ------------------------ */

typedef struct DetailCtx {
  const DocWork *w;
  const PartyTable *pT;
  /* The strings the tree repeats (a party's code in its row, in its consent
  ** and in the trigger; an action's type; a date in several places), made
  ** once per call and shared by reference: every caller only reads the tree,
  ** and a page of 200 parties would otherwise allocate thousands. */
  json_t **apCode; /* by local party (DocWork.aPid's index); NULL: not yet */
  json_t *apType[ACT__COUNT];
  pdate *aDateKey; /* open addressing on the date; apDate[i] NULL: empty */
  json_t **apDate;
  size_t nDateMask; /* the table's size - 1 (a power of two - 1) */
} DetailCtx;

static void detail_strings_open(DetailCtx *c) {
  c->apCode = xmalloc((size_t)c->w->nParty * sizeof(json_t *) + 1);
  memset(c->apCode, 0, (size_t)c->w->nParty * sizeof(json_t *));
  memset(c->apType, 0, sizeof(c->apType));
  size_t n = 64;
  while (n < 4 * ((size_t)c->w->nAction + (size_t)c->w->nParty)) n *= 2;
  c->aDateKey = xmalloc(n * sizeof(pdate));
  c->apDate = xmalloc(n * sizeof(json_t *));
  memset(c->apDate, 0, n * sizeof(json_t *));
  c->nDateMask = n - 1;
}

static void detail_strings_close(DetailCtx *c) {
  for (int i = 0; i < c->w->nParty; i++) json_decref(c->apCode[i]);
  for (int i = 0; i < ACT__COUNT; i++) json_decref(c->apType[i]);
  for (size_t i = 0; i <= c->nDateMask; i++) json_decref(c->apDate[i]);
  xfree(c->apCode);
  xfree(c->aDateKey);
  xfree(c->apDate);
}

static const char *detail_code(const DetailCtx *c, int iAction) {
  int pid = c->w->aPid[c->w->aAction[iAction].party];
  return pid >= 0 && pid < c->pT->n ? c->pT->aCode[pid] : "";
}

/* json_string(detail_code(c, iAction)), shared. */
static json_t *detail_code_json(DetailCtx *c, int iAction) {
  int party = c->w->aAction[iAction].party;
  if (party < 0 || party >= c->w->nParty) return json_string(detail_code(c, iAction));
  if (!c->apCode[party]) c->apCode[party] = json_string(detail_code(c, iAction));
  return json_incref(c->apCode[party]);
}

/* json_string(action_type_name(t)), shared. */
static json_t *detail_type_json(DetailCtx *c, ActionType t) {
  if ((unsigned)t >= ACT__COUNT) return json_string(action_type_name(t));
  if (!c->apType[t]) c->apType[t] = json_string(action_type_name(t));
  return json_incref(c->apType[t]);
}

/* date_json(d), shared. */
static json_t *detail_date_json(DetailCtx *c, pdate d) {
  if (d == DATE_NONE) return json_null();
  size_t i = ((uint32_t)d * 2654435761u) & c->nDateMask;
  while (c->apDate[i] && c->aDateKey[i] != d) i = (i + 1) & c->nDateMask;
  if (!c->apDate[i]) {
    json_t *p = date_json(d);
    if (!p) return 0;
    c->aDateKey[i] = d;
    c->apDate[i] = p;
  }
  return json_incref(c->apDate[i]);
}

/* The page's many small objects are built directly: json_pack parses its
** format each time (a document of 200 parties makes thousands). Keys in
** the order json_pack would insert them. */
static json_t *put(json_t *pObj, const char *zKey, json_t *pVal) {
  json_object_set_new_nocheck(pObj, zKey, pVal);
  return pObj;
}

static json_t *action_ref(DetailCtx *c, int i) {
  if (i < 0) return json_null();
  const Action *a = &c->w->aAction[i];
  json_t *p = json_object();
  put(p, "party", detail_code_json(c, i));
  put(p, "type", detail_type_json(c, a->type));
  return put(p, "date", detail_date_json(c, a->date));
}

/* Sorting a document's actions by party code, then date, then type. */
typedef struct ActionKey {
  const char *zCode;
  pdate date;
  int type;
  int i; /* index into DocWork.aAction */
} ActionKey;

static int compare_action_key(const void *pA, const void *pB) {
  const ActionKey *x = pA, *y = pB;
  int c = strcmp(x->zCode, y->zCode);
  if (c) return c;
  if (x->date != y->date) return x->date < y->date ? -1 : 1;
  if (x->type != y->type) return x->type < y->type ? -1 : 1;
  return (x->i > y->i) - (x->i < y->i);
}

/* The entity keys of a document's actions ("DOC|PARTY|TYPE|DATE") with
** their journal sequence numbers, sorted: one range read, and a key found
** by binary search for each action on the page (no map of every record). */
typedef struct RecordKey {
  size_t off; /* the key at RecordKeys.arena.z + off */
  int64_t seq;
} RecordKey;

typedef struct RecordKeys {
  Buf arena; /* the keys, each ending in NUL */
  RecordKey *a;
  int n;
  size_t nPrefix; /* strlen("DOC|") */
} RecordKeys;

static void record_keys_open(Db *pDb, const char *zDoc, RecordKeys *k) {
  memset(k, 0, sizeof(*k));
  k->nPrefix = strlen(zDoc) + 1;
  Buf prefix = {0};
  buf_printf(&prefix, "%s|", zDoc);
  ActionScan scan;
  action_scan_open_prefix(&scan, pDb, prefix.z);
  scan.bKeysOnly = true;
  int nAlloc = 0;
  while (action_scan_next(&scan)) {
    if (k->n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 256;
      k->a = xrealloc(k->a, (size_t)nAlloc * sizeof(RecordKey));
    }
    k->a[k->n++] = (RecordKey){k->arena.n, scan.seq};
    const char *zKey = action_scan_key(&scan);
    buf_append(&k->arena, zKey, strlen(zKey) + 1);
  }
  action_scan_close(&scan);
  buf_free(&prefix);
}

static void record_keys_close(RecordKeys *k) {
  buf_free(&k->arena);
  xfree(k->a);
}

/* The index of the action "PARTY|TYPE|DATE" among k's keys, or -1. */
static int record_keys_find(const RecordKeys *k, const char *zKey) {
  int lo = 0, hi = k->n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    int c = strcmp(k->arena.z + k->a[mid].off + k->nPrefix, zKey);
    if (c == 0) return mid;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -1;
}

static bool record_keys_same(const RecordKeys *x, const RecordKeys *y) {
  if (x->n != y->n || x->arena.n != y->arena.n || x->nPrefix != y->nPrefix) return false;
  if (x->arena.n && memcmp(x->arena.z, y->arena.z, x->arena.n) != 0) return false;
  for (int i = 0; i < x->n; i++)
    if (x->a[i].off != y->a[i].off || x->a[i].seq != y->a[i].seq) return false;
  return true;
}

/* ---- A document's action records, kept per thread ------------------------ */

/*
** The records of a document's actions as its last pages found them: its
** entity keys with their journal sequence numbers, and each record once
** asked. A page asked again takes the records from here instead of looking
** each up in the record cache (a page's hundreds of lookups there are as
** many cache misses): at once when the journal's last sequence number is
** still the one they were read at (the entity table changes only with the
** journal), else when the keys read again (one range read) and their
** sequence numbers are the same. Each thread keeps the last
** DOC_RECORDS_MAX documents of at most DOC_RECORDS_KEYS actions (about 64
** bytes an action: 2 MB per thread at most), allocated outside any
** request's pool; emptied with the record cache. Not kept in a write
** transaction, whose sequence numbers a rollback gives again.
*/
#define DOC_RECORDS_MAX 32
#define DOC_RECORDS_KEYS 1024

typedef struct DocRecords {
  int nRef;        /* the thread's list's, and each open StatusDetail's */
  int64_t lastSeq; /* the journal's last sequence number when they were read */
  char *zDoc;
  RecordKeys keys;
  json_t **apRec; /* by key: its record (a reference), or NULL until asked */
} DocRecords;

static __thread DocRecords *t_apDocRecords[DOC_RECORDS_MAX];
static __thread int t_iDocRecordsNext; /* the slot a new one takes when none is free */

static void doc_records_release(DocRecords *e) {
  if (!e || --e->nRef > 0) return;
  for (int i = 0; i < e->keys.n; i++) json_decref(e->apRec[i]);
  xfree(e->apRec);
  record_keys_close(&e->keys);
  xfree(e->zDoc);
  xfree(e);
}

static void doc_records_clear(void) {
  for (int i = 0; i < DOC_RECORDS_MAX; i++) {
    doc_records_release(t_apDocRecords[i]);
    t_apDocRecords[i] = 0;
  }
}

/* The records of zDoc's actions, a reference to release: the thread's kept
** ones if its keys are the same, else new ones (kept if they may be). */
static DocRecords *doc_records_open(Db *pDb, const char *zDoc) {
  bool bKeep = sqlite3_txn_state(db_handle(pDb), "main") != SQLITE_TXN_WRITE;
  int64_t lastSeq = 0;
  DocRecords *pKept = 0;
  if (bKeep) {
    record_cache_use(pDb); /* emptied for another file */
    lastSeq = db_last_seq(pDb);
    for (int i = 0; i < DOC_RECORDS_MAX && !pKept; i++)
      if (t_apDocRecords[i] && strcmp(t_apDocRecords[i]->zDoc, zDoc) == 0)
        pKept = t_apDocRecords[i];
    if (pKept && pKept->lastSeq == lastSeq) {
      pKept->nRef++;
      return pKept;
    }
  }
  Pool *pPaused = bKeep ? pool_pause() : 0; /* what is kept outlives the request */
  RecordKeys keys;
  record_keys_open(pDb, zDoc, &keys);
  if (pKept && record_keys_same(&pKept->keys, &keys)) {
    record_keys_close(&keys);
    pool_resume(pPaused);
    pKept->lastSeq = lastSeq;
    pKept->nRef++;
    return pKept;
  }
  int iSlot = -1; /* older keys of the same document: replaced */
  for (int i = 0; pKept && i < DOC_RECORDS_MAX; i++)
    if (t_apDocRecords[i] == pKept) iSlot = i;
  DocRecords *e = xmalloc(sizeof(DocRecords));
  *e =
      (DocRecords){1, lastSeq, xstrdup(zDoc), keys, xmalloc((size_t)keys.n * sizeof(json_t *) + 1)};
  memset(e->apRec, 0, (size_t)keys.n * sizeof(json_t *));
  if (bKeep && keys.n <= DOC_RECORDS_KEYS) {
    for (int i = 0; i < DOC_RECORDS_MAX && iSlot < 0; i++)
      if (!t_apDocRecords[i]) iSlot = i;
    if (iSlot < 0) iSlot = t_iDocRecordsNext++ % DOC_RECORDS_MAX;
    doc_records_release(t_apDocRecords[iSlot]);
    t_apDocRecords[iSlot] = e;
    e->nRef++;
  }
  pool_resume(pPaused);
  return e;
}

/* The record of e's key i (borrowed from e), or NULL. */
static const json_t *doc_records_get(Db *pDb, DocRecords *e, int i) {
  if (i < 0) return 0;
  if (!e->apRec[i])
    e->apRec[i] = record_of(pDb, e->keys.a[i].seq, K_ACTION, e->keys.arena.z + e->keys.a[i].off);
  return e->apRec[i];
}

/* "PARTY|TYPE|DATE" into z[n], as snprintf would write it, without
** parsing a format for each of a page's hundreds of actions. */
static void action_key(char *z, size_t n, const char *zParty, const char *zType,
                       const char *zDate) {
  size_t nParty = strlen(zParty), nType = strlen(zType), nDate = strlen(zDate);
  if (nParty + nType + nDate + 3 > n) {
    snprintf(z, n, "%s|%s|%s", zParty, zType, zDate);
    return;
  }
  memcpy(z, zParty, nParty);
  z += nParty;
  *z++ = '|';
  memcpy(z, zType, nType);
  z += nType;
  *z++ = '|';
  memcpy(z, zDate, nDate + 1);
}

typedef struct DateIndex {
  pdate date;
  int i;
} DateIndex;

static int compare_date_index(const void *pA, const void *pB) {
  const DateIndex *x = pA, *y = pB;
  if (x->date != y->date) return x->date < y->date ? -1 : 1;
  return (x->i > y->i) - (x->i < y->i);
}

/* What status_detail_open keeps besides what it shows: the records that
** StatusDetail.aAction[i].pRec point into, held, either as the thread's
** kept records of the document (pRecs) or one by one (apRec). */
struct StatusDetailWork {
  DocQuery q;
  DocRecords *pRecs;
  json_t **apRec;
  int nRec;
};

/* Up to this many records a page needs are looked up one by one (an entity
** lookup each); more, and every key of the document is read at once and
** its records kept for the thread (doc_records_open). */
#define DETAIL_RECORDS_FEW 16

static DetailAction detail_action(const DocQuery *q, int i) {
  if (i < 0) return (DetailAction){.date = DATE_NONE, .effective = DATE_NONE, .i = -1};
  const Action *a = &q->w.aAction[i];
  int pid = q->w.aPid[a->party];
  return (DetailAction){.zParty = pid >= 0 && pid < q->t.n ? q->t.aCode[pid] : "",
                        .zType = action_type_name(a->type),
                        .date = a->date,
                        .effective = a->effective,
                        .bSubjectToProcedures = a->subjectToProcedures,
                        .i = i};
}

/* The record of zDoc's action zKey ("PARTY|TYPE|DATE"), a new reference,
** or NULL. */
static json_t *detail_record(Db *pDb, const char *zDoc, const char *zKey) {
  char z[256];
  size_t nDoc = strlen(zDoc), nKey = strlen(zKey);
  if (nDoc + nKey + 2 > sizeof(z)) {
    Buf b = {0};
    buf_printf(&b, "%s|%s", zDoc, zKey);
    json_t *pRec = record_get(pDb, K_ACTION, b.z);
    buf_free(&b);
    return pRec;
  }
  memcpy(z, zDoc, nDoc);
  z[nDoc] = '|';
  memcpy(z + nDoc + 1, zKey, nKey + 1);
  return record_get(pDb, K_ACTION, z);
}

/* status_detail_open; bEvery: every action's record, else only of those
** whose record holds more than its row (actions.more). */
static bool status_detail_fill(Db *pDb, const char *zDoc, pdate on, StatusDetail *d, Buf *pErr,
                               bool bEvery) {
  memset(d, 0, sizeof(*d));
  bool bBegun = db_read_begin(pDb);
  StatusDetailWork *pW = xmalloc(sizeof(StatusDetailWork));
  memset(pW, 0, sizeof(*pW));
  DocQuery *q = &pW->q;
  if (!doc_query_open(pDb, zDoc, on, q, pErr)) {
    xfree(pW);
    db_read_end(pDb, bBegun);
    return false;
  }
  d->pWork = pW;
  d->zDoc = zDoc;
  d->pDoc = q->pDoc;
  d->on = on;
  d->inForce = q->s.inForce;
  d->entryIntoForce = q->s.entryIntoForce;
  d->triggerDate = q->s.triggerDate;

  /* Each party's first consent, by date (then index): what the threshold
  ** counts. */
  DateIndex *aFirst = xmalloc((size_t)q->w.nParty * sizeof(DateIndex) + 1);
  int nFirst = 0;
  for (int k = 0; k < q->w.nParty; k++) {
    int i = q->w.aStatus[k].firstConsent;
    if (i >= 0) aFirst[nFirst++] = (DateIndex){q->w.aAction[i].date, i};
  }
  qsort(aFirst, (size_t)nFirst, sizeof(DateIndex), compare_date_index);
  int *aOrder = xmalloc((size_t)nFirst * sizeof(int) + 1);
  for (int i = 0; i < nFirst; i++) aOrder[i] = aFirst[i].i;
  xfree(aFirst);
  d->aConsent = xmalloc((size_t)nFirst * sizeof(DetailConsent) + 1);
  int nCounted = 0;
  for (int i = 0; i < nFirst; i++) {
    const Action *a = &q->w.aAction[aOrder[i]];
    bool bCounted = !q->w.aIsOrg[a->party];
    if (bCounted) nCounted++;
    if (aOrder[i] == q->s.trigger) d->rank = nCounted;
    d->aConsent[d->nConsent++] = (DetailConsent){detail_action(q, aOrder[i]), bCounted};
  }
  xfree(aOrder);
  d->trigger = detail_action(q, q->s.trigger);

  /* Every action on or before `on`, grouped by party. */
  ActionKey *aKey = xmalloc((size_t)q->w.nAction * sizeof(ActionKey) + 1);
  int nIdx = 0;
  for (int i = 0; i < q->w.nAction; i++) {
    const Action *a = &q->w.aAction[i];
    if (a->date > on || a->date == DATE_NONE || q->w.aPid[a->party] < 0) continue;
    aKey[nIdx++] = (ActionKey){detail_action(q, i).zParty, a->date, (int)a->type, i};
  }
  qsort(aKey, (size_t)nIdx, sizeof(ActionKey), compare_action_key);
  d->aAction = xmalloc((size_t)nIdx * sizeof(DetailAction) + 1);
  int nNeed = 0;
  for (int i = 0; i < nIdx; i++) {
    d->aAction[i] = detail_action(q, aKey[i].i);
    if (bEvery || q->w.aMore[aKey[i].i]) nNeed++;
  }
  if (nNeed > DETAIL_RECORDS_FEW)
    pW->pRecs = doc_records_open(pDb, zDoc);
  else
    pW->apRec = xmalloc((size_t)nNeed * sizeof(json_t *) + 1);
  for (int i = 0; i < nIdx && nNeed; i++) {
    DetailAction *a = &d->aAction[i];
    if (!bEvery && !q->w.aMore[a->i]) continue;
    char zDate[DATE_BUFSZ], zKey[64];
    date_format(a->date, zDate);
    action_key(zKey, sizeof(zKey), a->zParty, a->zType, zDate);
    if (pW->pRecs)
      a->pRec = doc_records_get(pDb, pW->pRecs, record_keys_find(&pW->pRecs->keys, zKey));
    else
      a->pRec = pW->apRec[pW->nRec++] = detail_record(pDb, zDoc, zKey);
  }
  d->nAction = nIdx;
  xfree(aKey);

  d->aRow = xmalloc((size_t)q->w.nParty * sizeof(DetailRow) + 1);
  for (int i = 0; i < nIdx;) {
    int party = q->w.aAction[d->aAction[i].i].party;
    int iEnd = i;
    while (iEnd < nIdx && q->w.aAction[d->aAction[iEnd].i].party == party) iEnd++;
    const PartyStatus *ps = &q->w.aStatus[party];
    DetailRow *r = &d->aRow[d->nRow++];
    *r = (DetailRow){.zParty = d->aAction[i].zParty,
                     .status = ps->status,
                     .zStatus = ps->status == ST_NONE ? 0 : status_kind_name(ps->status),
                     .since = ps->since,
                     .entryIntoForce = ps->entryIntoForce,
                     .signature = ps->signature,
                     .consent = detail_action(q, ps->consent),
                     .trigger = detail_action(q, ps->trigger),
                     .withdrawal = DATE_NONE,
                     .withdrawalEffective = DATE_NONE,
                     .aAction = &d->aAction[i],
                     .nAction = iEnd - i};
    if (ps->withdrawal >= 0) {
      r->bWithdrawal = true;
      r->withdrawal = q->w.aAction[ps->withdrawal].date;
      r->withdrawalEffective = ps->withdrawalEffective;
    }
    i = iEnd;
  }
  db_read_end(pDb, bBegun);
  return true;
}

bool status_detail_open(Db *pDb, const char *zDoc, pdate on, StatusDetail *d, Buf *pErr) {
  return status_detail_fill(pDb, zDoc, on, d, pErr, false);
}

void status_detail_close(StatusDetail *d) {
  StatusDetailWork *pW = d->pWork;
  if (!pW) return;
  doc_records_release(pW->pRecs);
  for (int i = 0; i < pW->nRec; i++) json_decref(pW->apRec[i]);
  xfree(pW->apRec);
  doc_query_close(&pW->q);
  xfree(pW);
  xfree(d->aConsent);
  xfree(d->aAction);
  xfree(d->aRow);
  memset(d, 0, sizeof(*d));
}

static json_t *detail_ref_json(DetailCtx *c, const DetailAction *a) {
  return action_ref(c, a->i);
}

static json_t *query_status_detail_read(Db *pDb, const char *zDoc, pdate on, Buf *pErr) {
  StatusDetail d;
  if (!status_detail_fill(pDb, zDoc, on, &d, pErr, true)) return 0;
  DetailCtx ctx = {.w = &d.pWork->q.w, .pT = &d.pWork->q.t};
  detail_strings_open(&ctx);
  json_t *aConsent = json_array();
  for (int i = 0; i < d.nConsent; i++) {
    json_t *pC = detail_ref_json(&ctx, &d.aConsent[i].a);
    json_object_set_new(pC, "counted", json_boolean(d.aConsent[i].bCounted));
    json_array_append_new(aConsent, pC);
  }
  json_t *aParty = json_array();
  for (int i = 0; i < d.nRow; i++) {
    const DetailRow *r = &d.aRow[i];
    json_t *pRow = json_object();
    put(pRow, "party", detail_code_json(&ctx, r->aAction[0].i));
    put(pRow, "status", r->zStatus ? json_string(r->zStatus) : json_null());
    put(pRow, "since", detail_date_json(&ctx, r->since));
    put(pRow, "entry_into_force", detail_date_json(&ctx, r->entryIntoForce));
    put(pRow, "signature", detail_date_json(&ctx, r->signature));
    json_object_set_new(pRow, "consent", detail_ref_json(&ctx, &r->consent));
    json_object_set_new(pRow, "trigger", detail_ref_json(&ctx, &r->trigger));
    if (r->bWithdrawal) {
      json_t *pW = put(json_object(), "date", detail_date_json(&ctx, r->withdrawal));
      json_object_set_new(pRow, "withdrawal",
                          put(pW, "effective", detail_date_json(&ctx, r->withdrawalEffective)));
    } else {
      json_object_set_new(pRow, "withdrawal", json_null());
    }
    json_t *aAct = json_array();
    for (int k = 0; k < r->nAction; k++) {
      const DetailAction *a = &r->aAction[k];
      json_t *pA =
          put(json_object(), "type", detail_type_json(&ctx, d.pWork->q.w.aAction[a->i].type));
      put(pA, "date", detail_date_json(&ctx, a->date));
      static const char *const azExtra[] = {"text",        "note",
                                            "effective",   "subject_to_procedures",
                                            "reservation", "instrument_date",
                                            "submission",  "notification"};
      for (size_t e = 0; e < sizeof(azExtra) / sizeof(azExtra[0]); e++) {
        json_t *v = json_object_get(a->pRec, azExtra[e]);
        if (v && !json_is_null(v)) json_object_set(pA, azExtra[e], v);
      }
      json_array_append_new(aAct, pA);
    }
    json_object_set_new(pRow, "actions", aAct);
    json_array_append_new(aParty, pRow);
  }
  json_t *pTrigger = detail_ref_json(&ctx, &d.trigger);
  if (d.trigger.i >= 0) json_object_set_new(pTrigger, "rank", json_integer(d.rank));
  json_t *pRule = json_object_get(d.pDoc, "entry_into_force");
  json_t *pOut = json_pack("{s:s, s:o, s:b, s:o, s:O, s:o, s:o, s:o, s:o}", "document", zDoc, "on",
                           date_json(on), "in_force", d.inForce, "entry_into_force",
                           date_json(d.entryIntoForce), "rule", pRule ? pRule : json_null(),
                           "trigger_date", date_json(d.triggerDate), "trigger", pTrigger,
                           "consents", aConsent, "parties", aParty);
  detail_strings_close(&ctx);
  status_detail_close(&d);
  return pOut;
}

json_t *query_status_detail(Db *pDb, const char *zDoc, pdate on, Buf *pErr) {
  bool bBegun = db_read_begin(pDb);
  json_t *pOut = query_status_detail_read(pDb, zDoc, on, pErr);
  db_read_end(pDb, bBegun);
  return pOut;
}

/* The JSON of status_json, written straight into a buffer: status --all
** answers for every party of every document, and building a jansson tree
** for each row costs more than computing it. Ids, codes, dates and status
** names are validated ASCII without quotes or backslashes, so they need no
** escaping; test_cli.py checks both writers agree. */
static void status_put_date(Buf *p, pdate d) {
  if (d == DATE_NONE) {
    buf_puts(p, "null");
    return;
  }
  char z[DATE_BUFSZ + 2];
  z[0] = '"';
  date_format(d, z + 1);
  z[DATE_BUFSZ] = '"';
  buf_append(p, z, DATE_BUFSZ + 1);
}

static void status_write(Buf *p, const char *zDoc, pdate on, const DocStatus *pS, const DocWork *w,
                         const PartyTable *pT) {
  CodeIndex *a = xmalloc((size_t)w->nParty * sizeof(CodeIndex) + 1);
  int n = 0;
  for (int i = 0; i < w->nParty; i++) {
    if (w->aStatus[i].status == ST_NONE || w->aPid[i] < 0) continue;
    a[n++] = (CodeIndex){pT->aCode[w->aPid[i]], i};
  }
  qsort(a, (size_t)n, sizeof(CodeIndex), compare_code);
  buf_puts(p, "{\"document\":\"");
  buf_puts(p, zDoc);
  buf_puts(p, "\",\"on\":");
  status_put_date(p, on);
  buf_puts(p, pS->inForce ? ",\"in_force\":true" : ",\"in_force\":false");
  buf_puts(p, ",\"entry_into_force\":");
  status_put_date(p, pS->entryIntoForce);
  buf_puts(p, ",\"parties\":[");
  for (int k = 0; k < n; k++) {
    const PartyStatus *s = &w->aStatus[a[k].i];
    buf_puts(p, k ? ",{\"party\":\"" : "{\"party\":\"");
    buf_puts(p, a[k].zCode);
    buf_puts(p, "\",\"status\":\"");
    buf_puts(p, status_kind_name(s->status));
    buf_puts(p, "\",\"since\":");
    status_put_date(p, s->since);
    buf_puts(p, ",\"entry_into_force\":");
    status_put_date(p, s->entryIntoForce);
    buf_putc(p, '}');
  }
  buf_puts(p, "]}");
  xfree(a);
}

static void query_status_all_read(Db *pDb, pdate on, FILE *f) {
  PartyTable t;
  party_table(pDb, &t);
  DocWork w = {0};
  Buf out = {0};
  char zOn[DATE_BUFSZ];
  date_format(on, zOn);
  fprintf(f, "{\"on\":\"%s\",\"documents\":[", zOn);
  sqlite3_stmt *p = db_stmt(pDb, "SELECT d.did, d.id, j.record FROM document d "
                                 "JOIN entity e ON e.kind=?1 AND e.key=d.id "
                                 "JOIN journal j ON j.seq=e.seq ORDER BY d.id");
  sqlite3_bind_int(p, 1, K_DOCUMENT);
  int n = 0;
  while (db_step_row(pDb, p)) {
    json_t *pDoc = entity_from_record((const char *)sqlite3_column_text(p, 2),
                                      (size_t)sqlite3_column_bytes(p, 2));
    DocStatus s;
    doc_compute(pDb, sqlite3_column_int64(p, 0), pDoc, &t, on, &w, &s);
    buf_reset(&out);
    buf_puts(&out, n++ ? ",\n" : "\n");
    status_write(&out, (const char *)sqlite3_column_text(p, 1), on, &s, &w, &t);
    fwrite(out.z, 1, out.n, f);
    json_decref(pDoc);
  }
  sqlite3_reset(p);
  fputs("\n]}\n", f);
  buf_free(&out);
  doc_work_free(&w);
  party_table_free(&t);
}

void query_status_all(Db *pDb, pdate on, FILE *f) {
  bool bBegun = db_read_begin(pDb);
  query_status_all_read(pDb, on, f);
  db_read_end(pDb, bBegun);
}

/* ---- Party profile -------------------------------------------------------- */

static json_t *query_party_read(Db *pDb, const char *zCode, pdate on, int thisYear, Buf *pErr) {
  json_t *pParty = record_get(pDb, K_PARTY, zCode);
  if (!pParty) {
    buf_printf(pErr, "unknown party \"%s\"", zCode);
    return 0;
  }
  json_t *pOut =
      json_pack("{s:s, s:O, s:O, s:o}", "party", zCode, "kind", json_object_get(pParty, "kind"),
                "name", json_object_get(pParty, "name"), "on", date_json(on));
  json_decref(pParty);

  json_t *aMem = json_array();
  sqlite3_stmt *p = db_stmt(pDb, "SELECT organization, kind, from_date, to_date FROM membership "
                                 "WHERE party=?1 ORDER BY from_date, organization");
  sqlite3_bind_text(p, 1, zCode, -1, SQLITE_STATIC);
  while (db_step_row(pDb, p)) {
    Membership m = {0, (MemberKind)sqlite3_column_int(p, 1), sqlite3_column_int(p, 2),
                    sqlite3_column_type(p, 3) == SQLITE_NULL ? DATE_NONE
                                                             : sqlite3_column_int(p, 3)};
    json_array_append_new(aMem, json_pack("{s:s, s:s, s:o, s:o, s:b}", "organization",
                                          sqlite3_column_text(p, 0), "kind",
                                          member_kind_name(m.kind), "from", date_json(m.from), "to",
                                          date_json(m.to), "current", membership_holds(&m, on)));
  }
  sqlite3_reset(p);
  json_object_set_new(pOut, "memberships", aMem);

  /* Chairs held, in every organization with a chairmanship rule. */
  json_t *aChair = json_array();
  p = db_stmt(pDb, "SELECT key FROM entity WHERE kind=?1 ORDER BY key");
  sqlite3_bind_int(p, 1, K_CHAIRMANSHIP);
  json_t *aOrg = json_array();
  while (db_step_row(pDb, p))
    json_array_append_new(aOrg, json_string((const char *)sqlite3_column_text(p, 0)));
  sqlite3_reset(p);
  for (size_t i = 0; i < json_array_size(aOrg); i++) {
    const char *zOrg = json_string_value(json_array_get(aOrg, i));
    Buf ignore = {0};
    json_t *pHist = query_chair_history(pDb, zOrg, thisYear, &ignore);
    buf_free(&ignore);
    const json_t *aYear = json_object_get(pHist, "years");
    for (size_t k = 0; k < json_array_size(aYear); k++) {
      const json_t *pY = json_array_get(aYear, k);
      const char *zChair = str_of(pY, "chair");
      if (zChair && strcmp(zChair, zCode) == 0)
        json_array_append_new(aChair, json_pack("{s:s, s:O, s:O}", "organization", zOrg, "year",
                                                json_object_get(pY, "year"), "source",
                                                json_object_get(pY, "source")));
    }
    json_decref(pHist);
  }
  json_decref(aOrg);
  json_object_set_new(pOut, "chairs", aChair);

  /* Its status in every document it acted on. */
  json_t *aDoc = json_array();
  PartyTable t;
  party_table(pDb, &t);
  int pid = party_pid(&t, zCode);
  p = db_stmt(pDb, "SELECT DISTINCT d.did, d.id FROM actions a JOIN document d ON d.did=a.did "
                   "WHERE a.pid=?1 ORDER BY d.id");
  sqlite3_bind_int(p, 1, pid);
  json_t *aDocId = json_array();
  json_t *aDid = json_array();
  while (db_step_row(pDb, p)) {
    json_array_append_new(aDid, json_integer(sqlite3_column_int64(p, 0)));
    json_array_append_new(aDocId, json_string((const char *)sqlite3_column_text(p, 1)));
  }
  sqlite3_reset(p);
  DocWork w = {0};
  for (size_t i = 0; i < json_array_size(aDocId); i++) {
    const char *zDoc = json_string_value(json_array_get(aDocId, i));
    json_t *pDoc = record_get(pDb, K_DOCUMENT, zDoc);
    if (!pDoc) continue;
    DocStatus s;
    doc_compute(pDb, json_integer_value(json_array_get(aDid, i)), pDoc, &t, on, &w, &s);
    for (int k = 0; k < w.nParty; k++) {
      if (w.aPid[k] != pid || w.aStatus[k].status == ST_NONE) continue;
      json_array_append_new(aDoc, json_pack("{s:s, s:s, s:o, s:o, s:o}", "document", zDoc, "status",
                                            status_kind_name(w.aStatus[k].status), "since",
                                            date_json(w.aStatus[k].since), "entry_into_force",
                                            date_json(w.aStatus[k].entryIntoForce), "title",
                                            json_incref(json_object_get(pDoc, "title"))));
    }
    json_decref(pDoc);
  }
  doc_work_free(&w);
  party_table_free(&t);
  json_decref(aDocId);
  json_decref(aDid);
  json_object_set_new(pOut, "documents", aDoc);
  return pOut;
}

json_t *query_party(Db *pDb, const char *zCode, pdate on, int thisYear, Buf *pErr) {
  bool bBegun = db_read_begin(pDb);
  json_t *pOut = query_party_read(pDb, zCode, on, thisYear, pErr);
  db_read_end(pDb, bBegun);
  return pOut;
}
