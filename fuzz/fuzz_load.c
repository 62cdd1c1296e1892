/*
** Fuzz target for the interchange parser and validator: any bytes, loaded
** into a fresh in-memory registry. Bad input must be refused with a
** message, never crash or leak.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "interchange.h"

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  static FILE *fNull;
  if (!fNull) fNull = fopen("/dev/null", "w");
  Db *pDb = db_open(":memory:", true);
  LoadSource src = {"fuzz", (const char *)aData, nData, -1};
  LoadResult r;
  interchange_load(pDb, &src, 1, "fuzz", fNull, 0, &r);
  json_decref(r.aFinding);
  /* A second load of the same bytes must add nothing. */
  if (interchange_load(pDb, &src, 1, "fuzz", fNull, 0, &r) == 0 && r.nLoaded != 0) __builtin_trap();
  json_decref(r.aFinding);
  db_close(pDb);
  return 0;
}
