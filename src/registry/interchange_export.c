/*
** The way back out of the registry (interchange.h): the whole registry as
** one interchange document (each record as stored, so every field of the
** format comes back as it was loaded), or its actions as CSV.
*/
#include <string.h>

#include "entity.h"
#include "interchange.h"
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

static void csv_field(FILE *f, const char *z) {
  if (!z) return;
  if (!strpbrk(z, ",\"\n\r")) {
    fputs(z, f);
    return;
  }
  fputc('"', f);
  for (; *z; z++) {
    if (*z == '"') fputc('"', f);
    fputc(*z, f);
  }
  fputc('"', f);
}

void interchange_export_csv(Db *pDb, FILE *f) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT j.record FROM entity e JOIN journal j ON j.seq=e.seq "
                                 "WHERE e.kind=?1 ORDER BY e.key");
  sqlite3_bind_int(p, 1, K_ACTION);
  fputs("document,party,type,date,effective,subject_to_procedures,text,note,reservation_party,"
        "reservation_date\n",
        f);
  static const char *const azCol[] = {
      "document", "party", "type", "date", "effective", "subject_to_procedures", "text", "note"};
  while (db_step_row(pDb, p)) {
    json_t *pVal = entity_from_record((const char *)sqlite3_column_text(p, 0),
                                      (size_t)sqlite3_column_bytes(p, 0));
    if (!pVal) continue;
    for (int i = 0; i < 8; i++) {
      json_t *pCol = json_object_get(pVal, azCol[i]);
      if (i) fputc(',', f);
      csv_field(f, json_is_true(pCol) ? "true" : json_string_value(pCol));
    }
    /* An objection's reservation: {"party", "date"}. */
    const json_t *pRes = json_object_get(pVal, "reservation");
    fputc(',', f);
    csv_field(f, json_string_value(json_object_get(pRes, "party")));
    fputc(',', f);
    csv_field(f, json_string_value(json_object_get(pRes, "date")));
    fputc('\n', f);
    json_decref(pVal);
  }
  sqlite3_reset(p);
}
