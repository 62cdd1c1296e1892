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

typedef struct Gazetteer {
  GzEntry *a;
  int n, nAlloc;
  json_t *pParties, *pOrgs, *pBodies, *pDocs, *pChairs; /* the registry's records */
  json_t *pMembers; /* the memberships (who is a member of what, from when) */
} Gazetteer;

/* Read the gazetteer from a registry; or only its parties' names, capitals
** and cities (no organizations, bodies, documents or chairs). */
void gazetteer_load(Db *pDb, Gazetteer *pGz);
void gazetteer_load_parties(Db *pDb, Gazetteer *pGz);

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
