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
  sqlite3_stmt *p = db_stmt(pDb, "SELECT j.record FROM entity e JOIN journal j ON j.seq=e.seq "
                                 "WHERE e.kind=?1 ORDER BY e.key");
  fputs("{\"pacta\":1", f);
  for (int k = 0; k < K__COUNT; k++) {
    sqlite3_reset(p);
    sqlite3_bind_int(p, 1, k);
    int n = 0;
    while (db_step_row(pDb, p)) {
      const char *z = (const char *)sqlite3_column_text(p, 0);
      size_t off, len;
      if (!entity_value_span(z, (size_t)sqlite3_column_bytes(p, 0), &off, &len)) continue;
      if (n++ == 0)
        fprintf(f, ",\n\"%s\":[\n", kind_section((Kind)k));
      else
        fputs(",\n", f);
      fwrite(z + off, 1, len, f);
    }
    if (n) fputs("\n]", f);
  }
  sqlite3_reset(p);
  fputs("}\n", f);
}

/* actions.csv (interchange_csv.c): the columns of the export to a directory
** and of GET /api/v1/actions?format=csv. */
void interchange_export_csv(Db *pDb, FILE *f) {
  json_t *a = json_array();
  sqlite3_stmt *p = db_stmt(pDb, "SELECT j.record FROM entity e JOIN journal j ON j.seq=e.seq "
                                 "WHERE e.kind=?1 ORDER BY e.key");
  sqlite3_bind_int(p, 1, K_ACTION);
  while (db_step_row(pDb, p)) {
    json_t *pVal = entity_from_record((const char *)sqlite3_column_text(p, 0),
                                      (size_t)sqlite3_column_bytes(p, 0));
    if (pVal) json_array_append_new(a, pVal);
  }
  sqlite3_reset(p);
  Buf b = {0};
  csv_write_kind(K_ACTION, a, &b);
  fwrite(b.z ? b.z : "", 1, b.n, f);
  buf_free(&b);
  json_decref(a);
}
