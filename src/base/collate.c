#include "collate.h"

#include <unicode/ucol.h>

int collate_sort(const char *zLang, const char *const *azName, int *aIdx, int n) {
  UErrorCode err = U_ZERO_ERROR;
  UCollator *pColl = ucol_open(zLang, &err);
  if (U_FAILURE(err)) return -1;
  /* Insertion sort: stable, and rosters are a few dozen names. */
  for (int i = 1; i < n; i++) {
    int x = aIdx[i], j = i;
    while (j > 0) {
      err = U_ZERO_ERROR;
      UCollationResult r = ucol_strcollUTF8(pColl, azName[aIdx[j - 1]], -1, azName[x], -1, &err);
      if (r != UCOL_GREATER) break;
      aIdx[j] = aIdx[j - 1];
      j--;
    }
    aIdx[j] = x;
  }
  ucol_close(pColl);
  return 0;
}
