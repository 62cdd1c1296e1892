/*
** The way back out of the registry (interchange.h): the whole registry as
** one interchange document (each record as stored, so every field of the
** format comes back as it was loaded), or its actions as CSV (the export
** of every kind as CSV is interchange_csv.c's).
*/
#include <string.h>

#include "entity.h"
#include "interchange.h"
#include "interchange_csv.h"
#include "kind.h"

void interchange_export_json(Db *pDb, FILE *f) {
  ExportJson x = {0};
  Buf b = {0};
  bool bMore;
  bool bBegun = db_read_begin(pDb); /* one snapshot */
  do {
    buf_reset(&b);
    bMore = interchange_export_json_next(pDb, &x, &b, 1u << 16);
    fwrite(b.z ? b.z : "", 1, b.n, f);
  } while (bMore);
  db_read_end(pDb, bBegun);
  buf_free(&b);
}

void interchange_export_json_free(ExportJson *x) {
  if (x->pScan) action_scan_close(x->pScan);
  xfree(x->pScan);
  x->pScan = 0;
}

bool interchange_export_json_next(Db *pDb, ExportJson *x, Buf *pOut, size_t nMin) {
  if (x->bDone) return false;
  if (!x->bBegun) {
    buf_puts(pOut, "{\"pacta\":1");
    x->bBegun = true;
  }
  /* Each call reads on from the last key written: no statement is left
  ** open between calls, so the caller may use the connection meanwhile. */
  for (; x->iKind < K__COUNT; x->iKind++, x->n = 0, buf_reset(&x->after)) {
    sqlite3_stmt *p = 0;
    /* Actions from their rows, in the same key order; the document read
    ** last is kept for the next call (all in one read transaction). */
    if (x->iKind == K_ACTION && !x->pScan) {
      x->pScan = xmalloc(sizeof(ActionScan));
      action_scan_open(x->pScan, pDb, 0, 0, x->after.z);
    } else if (x->iKind != K_ACTION) {
      p = db_stmt(pDb, "SELECT e.key, j.value FROM entity e JOIN journal_entry j "
                       "ON j.seq=e.seq WHERE e.kind=?1 AND e.key>?2 ORDER BY e.key");
      sqlite3_bind_int(p, 1, x->iKind);
      sqlite3_bind_text(p, 2, x->after.z ? x->after.z : "", -1, SQLITE_TRANSIENT);
    }
    bool bFull = false;
    while (!bFull) {
      const char *zKey, *z;
      size_t len;
      if (p) {
        if (!db_step_row(pDb, p)) break;
        zKey = (const char *)sqlite3_column_text(p, 0);
        z = (const char *)sqlite3_column_text(p, 1);
        len = (size_t)sqlite3_column_bytes(p, 1);
      } else {
        if (!action_scan_next(x->pScan)) break;
        zKey = 0; /* built only when the buffer is full */
        z = x->pScan->zValue;
        len = x->pScan->nValue;
      }
      if (!z) continue;
      if (x->n++ == 0)
        buf_printf(pOut, ",\n\"%s\":[\n", kind_section((Kind)x->iKind));
      else
        buf_puts(pOut, ",\n");
      buf_append(pOut, z, len);
      if (pOut->n >= nMin) {
        buf_reset(&x->after);
        buf_puts(&x->after, p ? zKey : action_scan_key(x->pScan));
        bFull = true;
      }
    }
    if (p) sqlite3_reset(p);
    if (bFull) return true;
    if (!p) interchange_export_json_free(x);
    if (x->n) buf_puts(pOut, "\n]");
  }
  buf_puts(pOut, "}\n");
  buf_free(&x->after);
  x->bDone = true;
  return false;
}

/* actions.csv (interchange_csv.c): the columns of the export to a directory
** and of GET /api/v1/actions?format=csv. */
void interchange_export_csv(Db *pDb, FILE *f) {
  json_t *a = json_array();
  ActionScan scan;
  action_scan_open(&scan, pDb, 0, 0, 0);
  while (action_scan_next(&scan)) {
    json_t *pVal = entity_from_value(scan.zValue, scan.nValue);
    if (pVal) json_array_append_new(a, pVal);
  }
  action_scan_close(&scan);
  Buf b = {0};
  csv_write_kind(K_ACTION, a, &b);
  fwrite(b.z ? b.z : "", 1, b.n, f);
  buf_free(&b);
  json_decref(a);
}
