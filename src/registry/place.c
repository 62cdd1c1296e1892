#include "place.h"

#include <pthread.h>
#include <sqlite3.h>
#include <string.h>

#include "fields.h"
#include "gazetteer.h"
#include "i18n.h"
#include "registry.h"
#include "util.h"

/*
** Each thread keeps the capitals' and cities' names of the registry's
** parties, by their case-folded names and aliases, for the journal's last
** entry and the database file it read them from: a list of sessions asks for
** every session's place, and the parties are read once, not once a place.
** Its blocks are allocated outside any request's pool and freed when the
** thread ends. A write transaction, whose entries may be rolled back, reads
** them into a memo of its own, read again at each look-up.
*/
typedef struct PlaceMatch {
  char zLang[8]; /* the language of the name or alias matched */
  int iCity;     /* in aName */
} PlaceMatch;

typedef struct PlaceMemo {
  char *zDb;          /* the database file; NULL: nothing read */
  int64_t seq;        /* its journal's last entry when read */
  StrMap map;         /* case-folded name or alias -> index in aMatch */
  PlaceMatch *aMatch; /* nMatch */
  int nMatch, nMatchAlloc;
  json_t **aName; /* each city's "name" object (a copy), nName */
  int nName, nNameAlloc;
} PlaceMemo;

static __thread PlaceMemo *t_pMemo;
static pthread_key_t g_placeKey;
static pthread_once_t g_placeOnce = PTHREAD_ONCE_INIT;

static void memo_clear(PlaceMemo *m) {
  strmap_free(&m->map);
  for (int i = 0; i < m->nName; i++) json_decref(m->aName[i]);
  xfree(m->aName);
  xfree(m->aMatch);
  xfree(m->zDb);
  memset(m, 0, sizeof(*m));
}

static void memo_free(void *pArg) {
  memo_clear(pArg);
  memo_clear((PlaceMemo *)pArg + 1);
  xfree(pArg);
  t_pMemo = 0;
}

static void place_key_init(void) {
  if (pthread_key_create(&g_placeKey, memo_free)) panic("pthread_key_create failed");
}

/* Key zName (a name or an alias in language zLang) to the city iCity; the
** first city keeps a name two share. Stems ("Чалпон-Ат*") match words of a
** text, not a place as recorded: left out. */
static void memo_add(PlaceMemo *m, const char *zLang, const char *zName, int iCity) {
  size_t n = strlen(zName);
  if (n == 0 || strchr(zName, '*') || strlen(zLang) >= sizeof(m->aMatch[0].zLang)) return;
  char *z = xstrdup(zName);
  gz_fold(z, n);
  bool bNew = false;
  strmap_insert(&m->map, z, m->nMatch, &bNew);
  xfree(z);
  if (!bNew) return;
  if (m->nMatch == m->nMatchAlloc) {
    m->nMatchAlloc = m->nMatchAlloc ? 2 * m->nMatchAlloc : 64;
    m->aMatch = xrealloc(m->aMatch, (size_t)m->nMatchAlloc * sizeof(PlaceMatch));
  }
  PlaceMatch *pM = &m->aMatch[m->nMatch++];
  strcpy(pM->zLang, zLang);
  pM->iCity = iCity;
}

/* Every name and alias (a string or an array of them by language) of
** pMap, keyed to city iCity. */
static void memo_add_langmap(PlaceMemo *m, const json_t *pMap, int iCity) {
  const char *zLang;
  json_t *pVal;
  if (!json_is_object(pMap)) return;
  json_object_foreach((json_t *)pMap, zLang, pVal) {
    if (json_is_string(pVal)) memo_add(m, zLang, json_string_value(pVal), iCity);
    for (size_t i = 0; json_is_array(pVal) && i < json_array_size(pVal); i++) {
      const char *z = json_string_value(json_array_get(pVal, i));
      if (z) memo_add(m, zLang, z, iCity);
    }
  }
}

/* A city, by its name (an object by language) and its aliases. */
static void memo_city(PlaceMemo *m, const json_t *pName, const json_t *pAliases) {
  if (!json_is_object(pName)) return;
  if (m->nName == m->nNameAlloc) {
    m->nNameAlloc = m->nNameAlloc ? 2 * m->nNameAlloc : 32;
    m->aName = xrealloc(m->aName, (size_t)m->nNameAlloc * sizeof(json_t *));
  }
  m->aName[m->nName] = json_deep_copy(pName);
  memo_add_langmap(m, pName, m->nName);
  memo_add_langmap(m, pAliases, m->nName);
  m->nName++;
}

/* Read the capitals and cities of pParties (a map of the parties) into m
** (empty). */
static void memo_read(PlaceMemo *m, json_t *pParties) {
  const char *zCode;
  json_t *p;
  json_object_foreach(pParties, zCode, p) {
    memo_city(m, json_object_get(p, "capital"), 0);
    const json_t *pCities = json_object_get(p, "cities");
    for (size_t j = 0; j < json_array_size(pCities); j++) {
      const json_t *pCity = json_array_get(pCities, j);
      memo_city(m, json_object_get(pCity, "name"), json_object_get(pCity, "aliases"));
    }
  }
}

/* The name of the city zPlace names in m, in the current language; NULL
** when zPlace is no city's, is in the current language already, or the
** city has no name in it. */
static const char *memo_find(const PlaceMemo *m, const char *zPlace) {
  char zFolded[256];
  size_t n = strlen(zPlace);
  if (n == 0 || n >= sizeof(zFolded)) return 0;
  memcpy(zFolded, zPlace, n + 1);
  gz_fold(zFolded, n);
  const int *pi = strmap_find(&m->map, zFolded);
  if (!pi) return 0;
  const PlaceMatch *pM = &m->aMatch[*pi];
  const char *zLang = i18n_lang();
  if (strcmp(pM->zLang, zLang) == 0) return 0;
  return str(m->aName[pM->iCity], zLang);
}

/* The thread's memos: the one kept, and a write transaction's. */
static PlaceMemo *memos(void) {
  if (!t_pMemo) {
    Pool *pPaused = pool_pause();
    t_pMemo = xmalloc(2 * sizeof(PlaceMemo));
    memset(t_pMemo, 0, 2 * sizeof(PlaceMemo));
    pool_resume(pPaused);
    pthread_once(&g_placeOnce, place_key_init);
    if (pthread_setspecific(g_placeKey, t_pMemo)) panic("pthread_setspecific failed");
  }
  return t_pMemo;
}

const char *place_here(Db *pDb, const char *zPlace) {
  if (!zPlace || !*zPlace) return 0;
  bool bBegun = db_read_begin(pDb);
  PlaceMemo *m = memos();
  const char *zFile = sqlite3_db_filename(db_handle(pDb), "main");
  if (!zFile) zFile = "";
  bool bWrite = sqlite3_txn_state(db_handle(pDb), "main") == SQLITE_TXN_WRITE;
  int64_t seq = bWrite ? 0 : db_last_seq(pDb);
  if (bWrite) m++;
  if (bWrite || !m->zDb || m->seq != seq || strcmp(m->zDb, zFile) != 0) {
    json_t *pParties = record_map(pDb, K_PARTY, "code");
    Pool *pPaused = pool_pause(); /* a memo outlives the request */
    memo_clear(m);
    m->zDb = xstrdup(zFile);
    m->seq = seq;
    memo_read(m, pParties);
    pool_resume(pPaused);
    json_decref(pParties);
  }
  const char *zName = memo_find(m, zPlace);
  db_read_end(pDb, bBegun);
  return zName;
}
