/*
** The interchange format as CSV (docs/csv.md): one RFC 4180 file per record
** kind, its lists in files of their own keyed by the parent's key, its
** sources in sources.csv; and back, through interchange_load.
*/
#ifndef PACTA_INTERCHANGE_CSV_H
#define PACTA_INTERCHANGE_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "db.h"
#include "interchange.h"
#include "kind.h"
#include "util.h"

/* ---- The parser (RFC 4180) ------------------------------------------------ */

typedef struct CsvParser {
  const char *z;
  size_t n, i;
  int line; /* the row as a spreadsheet numbers it: the header is 1 */
} CsvParser;

typedef struct CsvRow {
  Buf text;       /* the cells, each NUL-terminated, one after another */
  size_t *aOff;   /* offset of each cell in text */
  bool *abQuoted; /* was the cell quoted ("" is an empty string, not absent) */
  int nCell, nAlloc;
  int line;
} CsvRow;

/* Start parsing z[0..n) (a UTF-8 BOM is skipped). */
void csv_parser_init(CsvParser *p, const char *z, size_t n);
/* The next row into pRow: 1, 0 at the end, -1 on a syntax error (its
** message in pErr). Linear in the input. */
int csv_next_row(CsvParser *p, CsvRow *pRow, Buf *pErr);
void csv_row_free(CsvRow *pRow);

/* ---- The tables ------------------------------------------------------------ */

/* Write the records of one kind (values as stored) as the main CSV file of
** that kind: the columns the export writes and the API's ?format=csv. */
void csv_write_kind(Kind kind, const json_t *aRecord, Buf *pOut);

/* The same a record at a time, for a table too large to hold (the API's
** streamed ?format=csv): the header's language columns (name_en, name_ru,
** name_XX ...) are those of the records seen before it, so when
** csv_writer_needs_records (the kind has language maps) show every record
** to csv_writer_see first, then write the header and each row. */
typedef struct CsvKindWriter CsvKindWriter;
CsvKindWriter *csv_writer_begin(Kind kind);
bool csv_writer_needs_records(const CsvKindWriter *w);
void csv_writer_see(CsvKindWriter *w, const json_t *pRecord);
void csv_writer_header(CsvKindWriter *w, Buf *pOut);
void csv_writer_row(CsvKindWriter *w, const json_t *pRecord, Buf *pOut);
void csv_writer_end(CsvKindWriter *w);

/* Export every kind but submissions into the directory zDir (created if
** need be). Returns 0, or -1 with a message in pErr. */
int csv_export_dir(Db *pDb, const char *zDir, Buf *pErr);

/* A CSV file to load: its name (as shown in errors), its table ("parties",
** "session_attendance", "sources" ..., NULL: from the file's name) and text. */
typedef struct CsvSource {
  const char *zName;
  const char *zTable;
  const char *zData;
  size_t nData;
  Buf *pData; /* may be NULL; else the buffer holding zData, emptied once read */
} CsvSource;

/* Dates as read: "yyyy-mm-dd" (the default) or "dd.mm.yyyy". */
typedef enum CsvDateFormat { CSV_DATE_ISO, CSV_DATE_DMY } CsvDateFormat;

/* Build the interchange document from the CSV files and load it with
** interchange_load: the same checks, all or nothing. Messages name the
** file, line and column ("FILE:LINE: column C (NAME): ..."). Returns as
** interchange_load. */
int csv_load(Db *pDb, const CsvSource *aSrc, int nSrc, CsvDateFormat eDate, const char *zActor,
             FILE *fErr, FILE *fProgress, LoadResult *pOut);

/* Whether zTable names a table csv_load reads. */
bool csv_is_table(const char *zTable);

#endif
