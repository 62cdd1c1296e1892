#include "gazetteer.h"

#include <string.h>

#include "kind.h"
#include "entity.h"
#include "fields.h"
#include "util.h"

void gz_fold(char *z, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)z[i];
    if (c >= 'A' && c <= 'Z') {
      z[i] = (char)(c + 32);
    } else if (c == 0xD0 && i + 1 < n) {
      unsigned char d = (unsigned char)z[i + 1];
      if (d >= 0x90 && d <= 0x9F) { /* А-П */
        z[i + 1] = (char)(d + 0x20);
      } else if (d >= 0xA0 && d <= 0xAF) { /* Р-Я */
        z[i] = (char)0xD1;
        z[i + 1] = (char)(d - 0x20);
      } else if (d == 0x81) { /* Ё -> е */
        z[i + 1] = (char)0xB5;
      }
      i++;
    } else if (c == 0xD1 && i + 1 < n && (unsigned char)z[i + 1] == 0x91) { /* ё -> е */
      z[i] = (char)0xD0;
      z[i + 1] = (char)0xB5;
      i++;
    }
  }
}

bool gz_letter_at(const char *z, size_t n, size_t i) {
  if (i >= n) return false;
  unsigned char c = (unsigned char)z[i];
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return c >= 0xC3 && c <= 0xD4; /* Latin-1 letters, Greek, Cyrillic */
}

bool gz_letter_before(const char *z, size_t i) {
  if (i == 0) return false;
  size_t j = i - 1;
  while (j > 0 && ((unsigned char)z[j] & 0xC0) == 0x80) j--;
  return gz_letter_at(z, i, j);
}

static void push(Gazetteer *g, GzEntry e) {
  if (g->n == g->nAlloc) {
    g->nAlloc = g->nAlloc ? 2 * g->nAlloc : 256;
    g->a = xrealloc(g->a, (size_t)g->nAlloc * sizeof(GzEntry));
  }
  g->a[g->n++] = e;
}

static void add(Gazetteer *g, const char *zText, GzKind kind, GzType type, const char *zKey,
                const char *zOrg, const char *zLevel, const char *zPlace) {
  size_t n = strlen(zText);
  bool bPrefix = false;
  if (n && zText[n - 1] == '*') {
    bPrefix = true;
    n--;
  }
  if (n == 0) return;
  char *z = xmalloc(n + 1);
  memcpy(z, zText, n);
  z[n] = 0;
  gz_fold(z, n);
  /* A Russian name of a body or an organization of several words declines
  ** word by word ("Совет коллективной безопасности", "на заседании Совета
  ** коллективной безопасности"): each word is cut to its stem (a final
  ** vowel, "й" or "ь", twice at most, keeping three letters). */
  bool bWords = false;
  if (!bPrefix && type == GZ_NAME && (kind == GZ_BODY || kind == GZ_ORG) &&
      (unsigned char)z[0] >= 0xD0 && memchr(z, ' ', n)) {
    static const char *const azEnd[] = {"а", "я", "ь", "й", "е", "и", "ы", "о", "у", "ю", 0};
    size_t o = 0, w = 0;
    while (w < n) {
      size_t we = w;
      while (we < n && z[we] != ' ') we++;
      size_t m = we - w;
      for (int cut = 0; cut < 2 && m > 6; cut++) {
        bool bCut = false;
        for (int k = 0; azEnd[k] && !bCut; k++)
          if (memcmp(z + w + m - 2, azEnd[k], 2) == 0) bCut = true;
        if (!bCut) break;
        m -= 2;
      }
      if (o) z[o++] = ' ';
      memmove(z + o, z + w, m);
      o += m;
      w = we;
      while (w < n && z[w] == ' ') w++;
    }
    n = o;
    z[n] = 0;
    bWords = true;
  }
  /* A Russian name or capital declines: "Минск", "в Минске"; "Москва",
  ** "в Москве". Match the stem. */
  if (!bWords && !bPrefix && type != GZ_ALIAS && (unsigned char)z[0] >= 0xD0 && n >= 8) {
    const char *azEnd[] = {"а", "я", "ь", "й", "е", "и", "ы", 0};
    for (int k = 0; azEnd[k]; k++) {
      if (n > 2 && memcmp(z + n - 2, azEnd[k], 2) == 0) {
        n -= 2;
        z[n] = 0;
        break;
      }
    }
    bPrefix = true;
  }
  push(g, (GzEntry){z, n, bPrefix, bWords, kind, type, zKey, zOrg ? zOrg : "", zLevel ? zLevel : "",
                    zPlace ? zPlace : ""});
  /* "Heads of countries" says "heads of states": «Совет глав стран —
  ** участниц СНГ» is «Совет глав государств». A body's Russian name with
  ** the word «государств» matches with «стран» in its place too. */
  static const char zState[] = "государств", zCountry[] = "стран";
  const char *zAt = bWords ? strstr(z, zState) : 0;
  size_t nS = sizeof(zState) - 1, nC = sizeof(zCountry) - 1;
  if (zAt && (zAt == z || zAt[-1] == ' ') && (zAt[nS] == ' ' || zAt[nS] == 0)) {
    size_t o = (size_t)(zAt - z), n2 = n - nS + nC;
    char *z2 = xmalloc(n2 + 1);
    memcpy(z2, z, o);
    memcpy(z2 + o, zCountry, nC);
    memcpy(z2 + o + nC, zAt + nS, n - o - nS + 1);
    push(g, (GzEntry){z2, n2, false, true, kind, type, zKey, zOrg ? zOrg : "", zLevel ? zLevel : "",
                      zPlace ? zPlace : ""});
  }
  /* British and American spelling: a body's English name with "defence"
  ** ("Council of Defence Ministers") matches with "defense" too ("the
  ** Council of Defense Ministers of the Commonwealth ..."). */
  static const char zBr[] = "defence";
  const char *zD = kind == GZ_BODY && (unsigned char)z[0] < 0x80 ? strstr(z, zBr) : 0;
  if (zD) {
    char *z3 = xmalloc(n + 1);
    memcpy(z3, z, n + 1);
    z3[(zD - z) + 5] = 's';
    for (int i = 0; i < g->n && z3; i++)
      if (g->a[i].nPat == n && memcmp(g->a[i].zPat, z3, n) == 0 &&
          strcmp(g->a[i].zKey, zKey) == 0) {
        xfree(z3);
        z3 = 0;
      }
    if (z3)
      push(g, (GzEntry){z3, n, bPrefix, bWords, kind, type, zKey, zOrg ? zOrg : "",
                        zLevel ? zLevel : "", zPlace ? zPlace : ""});
  }
}

static void add_langmap(Gazetteer *g, const json_t *pMap, GzKind kind, GzType type,
                        const char *zKey, const char *zOrg, const char *zLevel,
                        const char *zPlace) {
  const char *zLang;
  json_t *pVal;
  if (!json_is_object(pMap)) return;
  json_object_foreach((json_t *)pMap, zLang, pVal) {
    if (json_is_string(pVal)) {
      add(g, json_string_value(pVal), kind, type, zKey, zOrg, zLevel, zPlace);
    } else if (json_is_array(pVal)) {
      for (size_t i = 0; i < json_array_size(pVal); i++) {
        const char *z = json_string_value(json_array_get(pVal, i));
        if (z) add(g, z, kind, type, zKey, zOrg, zLevel, zPlace);
      }
    }
  }
}

/* A place is recorded by its English name, else by the first name it has. */
static const char *place_name(const json_t *pName) {
  const char *z = dflt(str(pName, "en"), ""), *zLang;
  json_t *pVal;
  if (*z || !json_is_object(pName)) return z;
  json_object_foreach((json_t *)pName, zLang, pVal) {
    if (json_is_string(pVal)) return json_string_value(pVal);
  }
  return "";
}

void gazetteer_load_parties(Db *pDb, Gazetteer *g) {
  memset(g, 0, sizeof(*g));
  g->pParties = entity_list(pDb, K_PARTY, 0);
  for (size_t i = 0; i < json_array_size(g->pParties); i++) {
    const json_t *p = json_array_get(g->pParties, i);
    const char *zCode = dflt(str(p, "code"), "");
    add_langmap(g, json_object_get(p, "name"), GZ_PARTY, GZ_NAME, zCode, 0, 0, 0);
    add_langmap(g, json_object_get(p, "aliases"), GZ_PARTY, GZ_ALIAS, zCode, 0, 0, 0);
    add_langmap(g, json_object_get(p, "capital"), GZ_PARTY, GZ_CAPITAL, zCode, 0, 0,
                place_name(json_object_get(p, "capital")));
    const json_t *pCities = json_object_get(p, "cities");
    for (size_t j = 0; j < json_array_size(pCities); j++) {
      const json_t *pCity = json_array_get(pCities, j);
      const char *zCity = place_name(json_object_get(pCity, "name"));
      add_langmap(g, json_object_get(pCity, "name"), GZ_CITY, GZ_NAME, zCode, 0, 0, zCity);
      add_langmap(g, json_object_get(pCity, "aliases"), GZ_CITY, GZ_ALIAS, zCode, 0, 0, zCity);
    }
  }
}

bool gz_name_key(const char *z, size_t n, char *zOut, size_t nOut) {
  /* А..Я, then а..я (the same letters), in Latin letters */
  static const char *const azCyr[32] = {"a",  "b",  "v",  "g",  "d", "e", "j", "z", "",  "",  "k",
                                        "l",  "m",  "n",  "o",  "p", "r", "s", "t", "u", "f", "h",
                                        "ts", "ch", "sh", "sh", "",  "",  "",  "e", "u", "a"};
  char zRaw[96];
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)z[i];
    const char *zAdd = 0;
    char one[2] = {0, 0};
    if (c >= 'A' && c <= 'Z') {
      one[0] = (char)(c + 32);
      zAdd = one;
    } else if (c >= 'a' && c <= 'z') {
      one[0] = (char)c;
      zAdd = one;
    } else if (c == '-' || c == '\'') {
      continue;
    } else if ((c == 0xD0 || c == 0xD1) && i + 1 < n) {
      unsigned cp = ((c & 0x1Fu) << 6) | ((unsigned char)z[i + 1] & 0x3Fu);
      i++;
      if (cp >= 0x410 && cp <= 0x42F)
        zAdd = azCyr[cp - 0x410];
      else if (cp >= 0x430 && cp <= 0x44F)
        zAdd = azCyr[cp - 0x430];
      else if (cp == 0x401 || cp == 0x451) /* Ё, ё: "yo" */
        zAdd = "o";
      else
        return false;
    } else {
      return false;
    }
    size_t m = strlen(zAdd);
    if (o + m >= sizeof(zRaw)) return false;
    memcpy(zRaw + o, zAdd, m);
    o += m;
  }
  zRaw[o] = 0;
  /* "kh" -> "h", "dzh"/"zh"/"dj" -> "j"; no "i", "y"; doubled letters once */
  size_t k = 0;
  for (size_t i = 0; i < o; i++) {
    char ch = zRaw[i];
    if (ch == 'k' && zRaw[i + 1] == 'h') continue;
    if (ch == 'd' && (zRaw[i + 1] == 'j' || (zRaw[i + 1] == 'z' && zRaw[i + 2] == 'h'))) continue;
    if (ch == 'z' && zRaw[i + 1] == 'h') {
      ch = 'j';
      i++;
    }
    if (ch == 'i' || ch == 'y') continue;
    if (k && zOut[k - 1] == ch) continue;
    if (k + 1 >= nOut) return false;
    zOut[k++] = ch;
  }
  /* a final "o" as "a": the Belarusian spelling of a Russian name
  ** ("Lukashenka", «Лукашенко») */
  if (k && zOut[k - 1] == 'o') zOut[k - 1] = 'a';
  zOut[k] = 0;
  return k >= 4;
}

const GzPerson *gz_person(const Gazetteer *g, const char *zKey) {
  int *p = g->nPeople ? strmap_find(&g->people, zKey) : 0;
  return p && *p >= 0 ? &g->aPeople[*p] : 0;
}

bool gz_pm_leads(const Gazetteer *g, const char *zParty) {
  return zParty && strmap_find(&g->pmHeads, zParty) != 0;
}

/* Is the body zBody one of heads of state? */
static bool heads_of_state_body(const Gazetteer *g, const char *zBody) {
  for (size_t q = 0; q < json_array_size(g->pBodies) && zBody; q++) {
    const json_t *b = json_array_get(g->pBodies, q);
    if (strcmp(dflt(str(b, "id"), ""), zBody) == 0)
      return strcmp(dflt(str(b, "level"), ""), "heads_of_state") == 0;
  }
  return false;
}

/* The parties whose prime minister leads them at heads-of-state councils:
** of the recorded sessions of such councils, the latest where a party is
** present with a role names its prime minister ("Prime Minister"). */
static void load_pm_heads(const json_t *pSessions, Gazetteer *g) {
  json_t *pLatest = json_object(); /* party -> [date, is a prime minister] */
  for (size_t i = 0; i < json_array_size(pSessions); i++) {
    const json_t *pS = json_array_get(pSessions, i);
    const char *zDate = str(pS, "date");
    if (!zDate || !heads_of_state_body(g, str(pS, "body"))) continue;
    const json_t *pAtt = json_object_get(pS, "attendance");
    for (size_t j = 0; j < json_array_size(pAtt); j++) {
      const json_t *v = json_array_get(pAtt, j);
      const char *zParty = str(v, "party"), *zRole = str(v, "role");
      if (!zParty || !zRole || strcmp(dflt(str(v, "status"), ""), "present") != 0) continue;
      const json_t *pOld = json_object_get(pLatest, zParty);
      if (pOld && strcmp(json_string_value(json_array_get(pOld, 0)), zDate) > 0) continue;
      bool bPm = strstr(zRole, "Prime Minister") || strstr(zRole, "prime minister") ||
                 strstr(zRole, "Премьер") || strstr(zRole, "премьер");
      json_object_set_new(pLatest, zParty, json_pack("[sb]", zDate, bPm));
    }
  }
  const char *zParty;
  json_t *v;
  json_object_foreach(pLatest, zParty, v) {
    bool bNew;
    if (json_is_true(json_array_get(v, 1))) strmap_insert(&g->pmHeads, zParty, 1, &bNew);
  }
  json_decref(pLatest);
}

/* The people of the recorded sessions' attendance, by surname. */
static void load_people(Db *pDb, Gazetteer *g) {
  json_t *pSessions = entity_list(pDb, K_SESSION, 0);
  int nAlloc = 0;
  load_pm_heads(pSessions, g);
  for (size_t i = 0; i < json_array_size(pSessions); i++) {
    const json_t *pAtt = json_object_get(json_array_get(pSessions, i), "attendance");
    for (size_t j = 0; j < json_array_size(pAtt); j++) {
      const json_t *v = json_array_get(pAtt, j);
      const char *zBy = str(v, "by"), *zParty = str(v, "party");
      if (!zBy || !zParty) continue;
      const char *zSur = strrchr(zBy, ' ');
      zSur = zSur ? zSur + 1 : zBy;
      char zKey[32];
      if (!gz_name_key(zSur, strlen(zSur), zKey, sizeof(zKey))) continue;
      /* the party's code as the gazetteer holds it */
      const char *zCode = 0;
      for (size_t q = 0; q < json_array_size(g->pParties) && !zCode; q++) {
        const char *z = str(json_array_get(g->pParties, q), "code");
        if (z && strcmp(z, zParty) == 0) zCode = z;
      }
      if (!zCode) continue;
      /* present at a heads-of-state council: the party's leader ("Armenia
      ** is represented by Prime Minister NAME" is Armenia's own head there) */
      bool bHead = false;
      const char *zBody = str(json_array_get(pSessions, i), "body"), *zSt = str(v, "status");
      for (size_t q = 0; q < json_array_size(g->pBodies) && zBody && zSt; q++) {
        const json_t *b = json_array_get(g->pBodies, q);
        if (strcmp(dflt(str(b, "id"), ""), zBody) == 0)
          bHead = strcmp(zSt, "present") == 0 &&
                  strcmp(dflt(str(b, "level"), ""), "heads_of_state") == 0;
      }
      bool bNew;
      int *pIdx = strmap_insert(&g->people, zKey, g->nPeople, &bNew);
      if (!bNew) {
        if (*pIdx >= 0 && bHead) g->aPeople[*pIdx].bHead = true;
        if (*pIdx >= 0 && strcmp(g->aPeople[*pIdx].party.zKey, zCode) != 0) *pIdx = -1;
        continue;
      }
      if (g->nPeople == nAlloc) {
        nAlloc = nAlloc ? 2 * nAlloc : 32;
        g->aPeople = xrealloc(g->aPeople, (size_t)nAlloc * sizeof(GzPerson));
      }
      GzPerson *p = &g->aPeople[g->nPeople++];
      memset(p, 0, sizeof(*p));
      memcpy(p->zKey, zKey, sizeof(zKey));
      p->bHead = bHead;
      p->party =
          (GzEntry){p->zKey, strlen(p->zKey), false, false, GZ_PARTY, GZ_ALIAS, zCode, "", "", ""};
    }
  }
  json_decref(pSessions);
  /* the array has moved as it grew: the entries' patterns are the keys */
  for (int k = 0; k < g->nPeople; k++) g->aPeople[k].party.zPat = g->aPeople[k].zKey;
}

void gazetteer_load(Db *pDb, Gazetteer *g) {
  gazetteer_load_parties(pDb, g);
  g->pOrgs = entity_list(pDb, K_ORGANIZATION, 0);
  g->pBodies = entity_list(pDb, K_BODY, 0);
  g->pDocs = entity_list(pDb, K_DOCUMENT, 0);
  g->pChairs = entity_list(pDb, K_CHAIRMANSHIP, 0);
  g->pMembers = entity_list(pDb, K_MEMBERSHIP, 0);
  load_people(pDb, g);
  for (size_t i = 0; i < json_array_size(g->pOrgs); i++) {
    const json_t *p = json_array_get(g->pOrgs, i);
    const char *zId = dflt(str(p, "id"), "");
    add_langmap(g, json_object_get(p, "name"), GZ_ORG, GZ_NAME, zId, zId, 0, 0);
    add_langmap(g, json_object_get(p, "aliases"), GZ_ORG, GZ_ALIAS, zId, zId, 0, 0);
  }
  for (size_t i = 0; i < json_array_size(g->pBodies); i++) {
    const json_t *p = json_array_get(g->pBodies, i);
    const char *zId = dflt(str(p, "id"), ""), *zOrg = dflt(str(p, "organization"), ""),
               *zLevel = dflt(str(p, "level"), "");
    add_langmap(g, json_object_get(p, "name"), GZ_BODY, GZ_NAME, zId, zOrg, zLevel, 0);
    add_langmap(g, json_object_get(p, "aliases"), GZ_BODY, GZ_ALIAS, zId, zOrg, zLevel, 0);
  }
}

bool gz_is(const GzEntry *p, const char *zFolded, size_t n) {
  return p->bPrefix ? n >= p->nPat && memcmp(zFolded, p->zPat, p->nPat) == 0
                    : n == p->nPat && memcmp(zFolded, p->zPat, n) == 0;
}

bool gz_same(const GzEntry *a, const GzEntry *b) {
  return a->kind == b->kind && (a->type == GZ_CAPITAL) == (b->type == GZ_CAPITAL) &&
         strcmp(a->zKey, b->zKey) == 0 && strcmp(a->zPlace, b->zPlace) == 0;
}

void gazetteer_free(Gazetteer *g) {
  for (int i = 0; i < g->n; i++) xfree(g->a[i].zPat);
  xfree(g->a);
  xfree(g->aPeople);
  strmap_free(&g->people);
  strmap_free(&g->pmHeads);
  json_decref(g->pParties);
  json_decref(g->pOrgs);
  json_decref(g->pBodies);
  json_decref(g->pDocs);
  json_decref(g->pChairs);
  json_decref(g->pMembers);
  memset(g, 0, sizeof(*g));
}
