/*
** The gazetteer for ingest: party names, adjectives, capitals and other
** cities, and the names of organizations and bodies, in every language the
** registry holds. It is data in the registry (the "aliases", "capital" and
** "cities" keys of parties, the "aliases" of organizations and bodies;
** design.md section 4 and docs/sample.md), read here into patterns matched
** against case-folded text. Nothing in this file names a country.
*/
#ifndef PACTA_GAZETTEER_H
#define PACTA_GAZETTEER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "util.h"

/* A capital is a party's entry (it stands for the party: "sent to Yerevan");
** another city is only a place. */
typedef enum GzKind { GZ_PARTY, GZ_ORG, GZ_BODY, GZ_CITY } GzKind;
typedef enum GzType { GZ_NAME, GZ_ALIAS, GZ_CAPITAL } GzType;

typedef struct GzEntry {
  char *zPat; /* case-folded pattern */
  size_t nPat;
  bool bPrefix; /* matches a word that starts with zPat ("Беларус*") */
  bool bWords;  /* Russian words of a body's or organization's name, each a stem that
                ** declines ("Совет коллективн безопасност": "Совета коллективной
                ** безопасности"); words one space apart */
  GzKind kind;
  GzType type;
  const char *zKey;   /* party code, organization id or body id */
  const char *zOrg;   /* a body's organization */
  const char *zLevel; /* a body's level, or "" */
  const char *zPlace; /* for a capital or a city: its English name, recorded as a place */
} GzEntry;

/* A person the registry records representing a party (the "by" of an
** attendance entry of a recorded session): the key of the surname
** (gz_name_key) and the party, as an entry to stand for it in a text. */
typedef struct GzPerson {
  char zKey[32];
  bool bHead;    /* recorded present at a heads-of-state council: the party's own leader */
  GzEntry party; /* kind GZ_PARTY, type GZ_ALIAS, zKey the party's code */
} GzPerson;

typedef struct Gazetteer {
  GzEntry *a;
  int n, nAlloc;
  GzPerson *aPeople;
  int nPeople;
  StrMap people; /* surname key -> index in aPeople; -1 for two parties' */
  /* party code -> 1: the parties whose prime minister is their leader at
  ** heads-of-state councils (the latest recorded such session has him
  ** present for it: Armenia's since 2018) */
  StrMap pmHeads;
  json_t *pParties, *pOrgs, *pBodies, *pDocs, *pChairs; /* the registry's records */
  json_t *pMembers; /* the memberships (who is a member of what, from when) */
} Gazetteer;

/* Read the gazetteer from a registry; or only its parties' names, capitals
** and cities (no organizations, bodies, documents or chairs). */
void gazetteer_load(Db *pDb, Gazetteer *pGz);
void gazetteer_load_parties(Db *pDb, Gazetteer *pGz);

/* The key a surname is matched by, in either script: Cyrillic written in
** Latin letters, lower case, "kh" as "h", "zh" and "dzh" as "j", without
** "i", "y" or "й", doubled letters once and a final "o" as "a" ("Tokayev",
** "Токаев": "tokaev"; "Mirziyoyev", "Мирзиёев": "mrzoev"; "Lukashenka",
** «Лукашенко»: "lukashenka"). The UTF-8 word z (n
** bytes) into zOut (nOut bytes); false when it is not a name of letters or
** its key is shorter than 4 or too long. */
bool gz_name_key(const char *z, size_t n, char *zOut, size_t nOut);
/* The person whose surname has the key zKey, or NULL (none, or people of
** two parties share it). */
const GzPerson *gz_person(const Gazetteer *g, const char *zKey);
/* Is zParty's prime minister its leader at heads-of-state councils, as the
** registry's latest recorded such session of it says (its role there)? */
bool gz_pm_leads(const Gazetteer *g, const char *zParty);

/* Is the case-folded word zFolded (n bytes) the entry's name? */
bool gz_is(const GzEntry *p, const char *zFolded, size_t n);
/* Do two entries name the same thing: a party (by its names and aliases),
** its capital, or one of its cities? */
bool gz_same(const GzEntry *a, const GzEntry *b);
void gazetteer_free(Gazetteer *pGz);

/* Case-fold UTF-8 in place: ASCII and Cyrillic capitals to lower case;
** the byte length never changes, so offsets into the folded copy are
** offsets into the original. */
void gz_fold(char *z, size_t n);

/* Is there a letter or digit at z[i] / just before z[i]? */
bool gz_letter_at(const char *z, size_t n, size_t i);
bool gz_letter_before(const char *z, size_t i);

#endif
