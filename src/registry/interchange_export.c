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

bool interchange_export_json_next(Db *pDb, ExportJson *x, Buf *pOut, size_t nMin) {
  if (x->bDone) return false;
  if (!x->bBegun) {
    buf_puts(pOut, "{\"pacta\":1");
    x->bBegun = true;
  }
  /* Each call reads on from the last key written: no statement is left
  ** open between calls, so the caller may use the connection meanwhile. */
  for (; x->iKind < K__COUNT; x->iKind++, x->n = 0, buf_reset(&x->after)) {
    sqlite3_stmt *p;
    if (x->iKind == K_ACTION) { /* from their rows in actions, in the same key order */
      p = db_stmt(pDb, ENTITY_ACTIONS_SQL " -- export_json");
      entity_actions_bind(p, 0, 0, x->after.z);
    } else {
      p = db_stmt(pDb, "SELECT e.key, j.value FROM entity e JOIN journal_entry j "
                       "ON j.seq=e.seq WHERE e.kind=?1 AND e.key>?2 ORDER BY e.key");
      sqlite3_bind_int(p, 1, x->iKind);
      sqlite3_bind_text(p, 2, x->after.z ? x->after.z : "", -1, SQLITE_TRANSIENT);
    }
    bool bFull = false;
    while (!bFull && db_step_row(pDb, p)) {
      const char *z = (const char *)sqlite3_column_text(p, 1);
      size_t off = 0, len = (size_t)sqlite3_column_bytes(p, 1);
      if (!z) continue;
      if (x->n++ == 0)
        buf_printf(pOut, ",\n\"%s\":[\n", kind_section((Kind)x->iKind));
      else
        buf_puts(pOut, ",\n");
      buf_append(pOut, z + off, len);
      if (pOut->n >= nMin) {
        buf_reset(&x->after);
        buf_puts(&x->after, (const char *)sqlite3_column_text(p, 0));
        bFull = true;
      }
    }
    sqlite3_reset(p);
    if (bFull) return true;
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
  sqlite3_stmt *p = db_stmt(pDb, ENTITY_ACTIONS_SQL " -- export_csv");
  entity_actions_bind(p, 0, 0, 0);
  while (db_step_row(pDb, p)) {
    json_t *pVal = entity_from_value((const char *)sqlite3_column_text(p, 1),
                                     (size_t)sqlite3_column_bytes(p, 1));
    if (pVal) json_array_append_new(a, pVal);
  }
  sqlite3_reset(p);
  Buf b = {0};
  csv_write_kind(K_ACTION, a, &b);
  fwrite(b.z ? b.z : "", 1, b.n, f);
  buf_free(&b);
  json_decref(a);
}
