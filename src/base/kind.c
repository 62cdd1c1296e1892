#include "kind.h"

#include <string.h>

static const char *const azKindName[K__COUNT] = {
    "party",   "organization", "body",       "membership", "chairmanship", "document",
    "session", "action",       "commitment", "assessment", "submission"};
static const char *const azKindSection[K__COUNT] = {
    "parties",  "organizations", "bodies",      "memberships", "chairmanships", "documents",
    "sessions", "actions",       "commitments", "assessments", "submissions"};

const char *kind_name(Kind k) {
  return azKindName[k];
}
const char *kind_section(Kind k) {
  return azKindSection[k];
}
int kind_parse(const char *z, Kind *pOut) {
  for (int k = 0; k < K__COUNT; k++) {
    if (strcmp(z, azKindName[k]) == 0 || strcmp(z, azKindSection[k]) == 0) {
      *pOut = (Kind)k;
      return 0;
    }
  }
  return -1;
}

int key_split(const char *zKey, char *zBuf, size_t nBuf, char *azPart[4]) {
  for (int i = 0; i < 4; i++) azPart[i] = "";
  size_t n = strlen(zKey);
  if (n >= nBuf) return 0;
  memcpy(zBuf, zKey, n + 1);
  int nPart = 0;
  azPart[nPart++] = zBuf;
  for (char *z = zBuf; *z && nPart < 4; z++) {
    if (*z == '|') {
      *z = 0;
      azPart[nPart++] = z + 1;
    }
  }
  return nPart;
}
