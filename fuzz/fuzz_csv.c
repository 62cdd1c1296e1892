/*
** Fuzz target for the CSV reader (interchange_csv.h): any bytes, parsed
** row by row, then loaded as a table (the first byte picks which) into a
** fresh in-memory registry. Bad input must be refused with a message,
** never crash or leak; the parser must end.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "interchange_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  static FILE *fNull;
  static const char *const azTable[] = {
      "actions", "parties", "sessions", "documents", "session_attendance", "sources"};
  if (!fNull) fNull = fopen("/dev/null", "w");
  if (nData == 0) return 0;
  const char *zTable = azTable[aData[0] % (sizeof(azTable) / sizeof(azTable[0]))];
  const char *z = (const char *)aData + 1;
  size_t n = nData - 1;
  CsvParser p;
  CsvRow r = {0};
  Buf err = {0};
  csv_parser_init(&p, z, n);
  size_t nRow = 0;
  while (csv_next_row(&p, &r, &err) > 0) nRow++;
  if (nRow > n + 1) __builtin_trap(); /* a row takes at least a byte */
  csv_row_free(&r);
  buf_free(&err);
  Db *pDb = db_open(":memory:", true);
  CsvSource src = {"fuzz.csv", zTable, z, n, 0};
  LoadResult res;
  csv_load(pDb, &src, 1, aData[0] & 0x80 ? CSV_DATE_DMY : CSV_DATE_ISO, "fuzz", fNull, 0, &res);
  json_decref(res.aFinding);
  db_close(pDb);
  return 0;
}
