/*
** The kinds of entity a registry holds, in the order a load applies them
** (so that what an entity refers to is already there).
*/
#ifndef PACTA_KIND_H
#define PACTA_KIND_H

#include <stddef.h>

typedef enum Kind {
  K_PARTY,
  K_ORGANIZATION,
  K_BODY,
  K_MEMBERSHIP,
  K_CHAIRMANSHIP,
  K_DOCUMENT,
  K_SESSION,
  K_ACTION,
  K_COMMITMENT,
  K_ASSESSMENT,
  K_SUBMISSION, /* a delegate's deposit, pending until the depositary decides */
  K__COUNT
} Kind;

const char *kind_name(Kind k);             /* "party" */
const char *kind_section(Kind k);          /* "parties", the interchange key */
int kind_parse(const char *z, Kind *pOut); /* either spelling; 0 or -1 */

/* A key's parts ("DOC|PARTY|TYPE|DATE"): zKey copied into zBuf (nBuf bytes)
** and cut at its first three '|', azPart[i] the i-th part ("" past the
** last). The number of parts, 0 when zKey does not fit in zBuf. */
int key_split(const char *zKey, char *zBuf, size_t nBuf, char *azPart[4]);

#endif
