/*
** The interchange format as CSV (interchange_csv.h, docs/csv.md). The
** columns come from the schema of each kind (interchange_schema.c):
**
**   a scalar field          one column, named by its path ("adopted_date")
**   a language map          one column per language ("name_en", "name_ru")
**   a nested object         its fields, after the record's own
**   a list of scalars       one cell, the items joined with ';' ("[]": empty)
**   a list of objects       a file of its own (TABLE_FIELD.csv) keyed by the
**                           parent's key, and a cell "[]" in the parent when
**                           the list is there but empty
**   sources                 sources.csv: kind, key, title, ref, date
**   anything else           the JSON of the value in one cell
**
** An unquoted empty cell is absent; a quoted one ("") the empty string; an
** unquoted null is JSON null. Loading builds one interchange document and
** gives it to interchange_load, remembering for each cell its JSON path so
** that the load's messages name the file, line and column instead.
*/
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "entity.h"
#include "i18n.h"
#include "fields.h"
#include "interchange_csv.h"
#include "interchange_int.h"

/* ---- The parser ----------------------------------------------------------- */

void csv_parser_init(CsvParser *p, const char *z, size_t n) {
  p->z = z;
  p->n = n;
  p->i = (n >= 3 && memcmp(z, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
  p->line = 0;
}

static void row_end_cell(CsvRow *r, size_t off, bool bQuoted) {
  buf_putc(&r->text, 0);
  if (r->nCell == r->nAlloc) {
    r->nAlloc = r->nAlloc ? r->nAlloc * 2 : 16;
    r->aOff = xrealloc(r->aOff, (size_t)r->nAlloc * sizeof(size_t));
    r->abQuoted = xrealloc(r->abQuoted, (size_t)r->nAlloc * sizeof(bool));
  }
  r->aOff[r->nCell] = off;
  r->abQuoted[r->nCell++] = bQuoted;
}

int csv_next_row(CsvParser *p, CsvRow *r, Buf *pErr) {
  const char *z = p->z;
  size_t n = p->n;
  if (p->i >= n) return 0;
  buf_reset(&r->text);
  r->nCell = 0;
  r->line = ++p->line;
  for (;;) {
    size_t off = r->text.n;
    bool bQuoted = p->i < n && z[p->i] == '"';
    if (bQuoted) {
      p->i++;
      for (;;) {
        if (p->i >= n) {
          buf_printf(pErr, _("line %d: a quoted cell is not closed (a missing '\"')"), r->line);
          return -1;
        }
        size_t j = p->i;
        while (j < n && z[j] != '"') j++;
        buf_append(&r->text, z + p->i, j - p->i);
        p->i = j;
        if (j >= n) continue;
        if (j + 1 < n && z[j + 1] == '"') {
          buf_putc(&r->text, '"');
          p->i = j + 2;
        } else {
          p->i = j + 1;
          break;
        }
      }
      if (p->i < n && z[p->i] != ',' && z[p->i] != '\r' && z[p->i] != '\n') {
        buf_printf(pErr, _("line %d, column %d: text after a quoted cell's closing '\"'"), r->line,
                   r->nCell + 1);
        return -1;
      }
    } else {
      size_t j = p->i;
      while (j < n && z[j] != ',' && z[j] != '\r' && z[j] != '\n') j++;
      buf_append(&r->text, z + p->i, j - p->i);
      p->i = j;
    }
    row_end_cell(r, off, bQuoted);
    if (p->i >= n) break;
    char c = z[p->i++];
    if (c == ',') continue;
    if (c == '\r' && p->i < n && z[p->i] == '\n') p->i++;
    break;
  }
  return 1;
}

void csv_row_free(CsvRow *r) {
  buf_free(&r->text);
  xfree(r->aOff);
  xfree(r->abQuoted);
  memset(r, 0, sizeof(*r));
}

static const char *row_cell(const CsvRow *r, int i) {
  return i < r->nCell ? r->text.z + r->aOff[i] : "";
}

/* ---- The tables ------------------------------------------------------------ */

#define MAXP 4

typedef enum ColRole {
  C_SCALAR, /* a field's value (json text for what is not a scalar) */
  C_LANG,   /* one language of a language map */
  C_JOINED, /* a list of scalars, joined with ';' */
  C_MARKER, /* "[]": a list of objects (in a file of its own) present and empty */
  C_PKEY,   /* a list's file: the parent's key */
  C_SKIND,  /* sources.csv: the parent's kind */
  C_SKEY    /* sources.csv: the parent's key */
} ColRole;

typedef struct Col {
  char zName[96];
  ColRole role;
  const Field *f; /* the field (C_SCALAR), the item's (C_JOINED) */
  const char *azPath[MAXP];
  int nPath;
  char zLang[8];
} Col;

typedef struct Table {
  char zName[96];
  Kind kind;
  const char *azList[MAXP]; /* a list's file: the list's path in the record */
  int nList;                /* 0: the kind's own file */
  bool bSources;
  Col *aCol;
  int nCol, nAlloc;
} Table;

typedef struct Tables {
  Table *a;
  int n, nAlloc;
} Tables;

/* A condition of entry into force, as columns (interchange_schema.c checks
** it with check_condition). */
static const Field condCodeElem = {"", FT_CODE, 0, 0, K_PARTY};
static const Field aCondField[] = {{"count", FT_INT, 0, 0, 0},
                                   {"all_of", FT_ARR, 0, &condCodeElem, 0},
                                   {"weight", FT_STR, 0, 0, 0},
                                   {"at_least", FT_NUM, 0, 0, 0},
                                   {0, 0, 0, 0, 0}};
static const Schema condSchema = {aCondField, 0};

static void path_name(char *zOut, size_t nOut, const char *const *az, int n, const char *zLast) {
  Buf b = {0};
  for (int i = 0; i < n; i++) buf_printf(&b, "%s%s", i ? "_" : "", az[i]);
  if (zLast) buf_printf(&b, "%s%s", n ? "_" : "", zLast);
  snprintf(zOut, nOut, "%s", b.z ? b.z : "");
  buf_free(&b);
}

static Col *table_add_col(Table *t, ColRole role, const Field *f, const char *const *azPath,
                          int nPath, const char *zLang) {
  if (t->nCol == t->nAlloc) {
    t->nAlloc = t->nAlloc ? t->nAlloc * 2 : 16;
    t->aCol = xrealloc(t->aCol, (size_t)t->nAlloc * sizeof(Col));
  }
  Col *c = &t->aCol[t->nCol++];
  memset(c, 0, sizeof(*c));
  c->role = role;
  c->f = f;
  c->nPath = nPath;
  for (int i = 0; i < nPath; i++) c->azPath[i] = azPath[i];
  if (zLang) {
    snprintf(c->zLang, sizeof(c->zLang), "%s", zLang);
    path_name(c->zName, sizeof(c->zName), azPath, nPath, zLang);
  } else {
    path_name(c->zName, sizeof(c->zName), azPath, nPath, 0);
  }
  return c;
}

static Table *tables_add(Tables *ts, Kind kind, const char *zName) {
  if (ts->n == ts->nAlloc) {
    ts->nAlloc = ts->nAlloc ? ts->nAlloc * 2 : 16;
    ts->a = xrealloc(ts->a, (size_t)ts->nAlloc * sizeof(Table));
  }
  Table *t = &ts->a[ts->n++];
  memset(t, 0, sizeof(*t));
  t->kind = kind;
  snprintf(t->zName, sizeof(t->zName), "%s", zName);
  return t;
}

static void tables_free(Tables *ts) {
  for (int i = 0; i < ts->n; i++) xfree(ts->a[i].aCol);
  xfree(ts->a);
  memset(ts, 0, sizeof(*ts));
}

static bool is_obj_list(const Field *f) {
  const Field *e = f->pArg;
  return f->type == FT_ARR &&
         (e->type == FT_OBJ || (e->type == FT_CUSTOM && strcmp(f->zName, "conditions") == 0));
}
static const Schema *elem_schema(const Field *f) {
  const Field *e = f->pArg;
  return e->type == FT_OBJ ? e->pArg : &condSchema;
}

/* The columns of pSchema at azPath into t; a list of objects becomes a
** table of its own in ts when bLists (the kind's own file), else a json cell. */
static void walk(Tables *ts, int iTable, const Schema *pSchema, const char **azPath, int nPath,
                 char (*azLang)[8], int nLang, bool bLists) {
  /* The fields in the schema's order, but free text (notes) after the
  ** others and nested objects last: actions.csv ends with
  ** note,reservation_party,reservation_date as it always did. */
  for (int pass = 0; pass < 3; pass++) {
    for (const Field *f = pSchema->aField; f->zName; f++) {
      if (nPath >= MAXP - 1) break;
      int iPass = f->type == FT_OBJ ? 2 : f->type == FT_TEXT ? 1 : 0;
      if (iPass != pass) continue;
      azPath[nPath] = f->zName;
      Table *t = &ts->a[iTable];
      if (f->type == FT_OBJ) {
        walk(ts, iTable, f->pArg, azPath, nPath + 1, azLang, nLang, bLists);
        continue;
      }
      if (f->type == FT_LANGMAP) {
        for (int l = 0; l < nLang; l++) table_add_col(t, C_LANG, f, azPath, nPath + 1, azLang[l]);
      } else if (f->type == FT_ARR && is_obj_list(f) && bLists) {
        table_add_col(t, C_MARKER, f, azPath, nPath + 1, 0);
        Kind kind = t->kind;
        bool bSources = nPath == 0 && strcmp(f->zName, "sources") == 0;
        char zName[96];
        if (bSources) {
          snprintf(zName, sizeof(zName), "sources");
        } else {
          char zPath[80];
          path_name(zPath, sizeof(zPath), azPath, nPath + 1, 0);
          snprintf(zName, sizeof(zName), "%s_%s", kind_name(kind), zPath);
        }
        Table *c = tables_add(ts, kind, zName); /* t may have moved */
        c->bSources = bSources;
        c->nList = nPath + 1;
        for (int i = 0; i <= nPath; i++) c->azList[i] = azPath[i];
        if (bSources) {
          Col *k = table_add_col(c, C_SKIND, 0, 0, 0, 0);
          snprintf(k->zName, sizeof(k->zName), "kind");
          k = table_add_col(c, C_SKEY, 0, 0, 0, 0);
          snprintf(k->zName, sizeof(k->zName), "key");
        } else {
          Col *k = table_add_col(c, C_PKEY, 0, 0, 0, 0);
          snprintf(k->zName, sizeof(k->zName), "%s", kind_name(kind));
        }
        const char *azSub[MAXP];
        walk(ts, ts->n - 1, elem_schema(f), azSub, 0, azLang, nLang, false);
      } else if (f->type == FT_ARR && ((const Field *)f->pArg)->type != FT_OBJ &&
                 ((const Field *)f->pArg)->type != FT_CUSTOM &&
                 ((const Field *)f->pArg)->type != FT_ARR) {
        table_add_col(t, C_JOINED, f->pArg, azPath, nPath + 1, 0);
      } else {
        table_add_col(t, C_SCALAR, f, azPath, nPath + 1, 0);
      }
    }
  }
}

/* The languages of the language maps in p (by pSchema): en and ru first,
** then the others in the order of strcmp. */
static void langs_of(const Schema *pSchema, const json_t *p, StrMap *pSeen) {
  if (!json_is_object(p)) return;
  for (const Field *f = pSchema->aField; f->zName; f++) {
    const json_t *v = json_object_get(p, f->zName);
    if (!v) continue;
    if (f->type == FT_LANGMAP && json_is_object(v)) {
      const char *zLang;
      json_t *x;
      json_object_foreach((json_t *)v, zLang, x) {
        bool bNew;
        strmap_insert(pSeen, zLang, 0, &bNew);
      }
    } else if (f->type == FT_OBJ) {
      langs_of(f->pArg, v, pSeen);
    } else if (f->type == FT_ARR && ((const Field *)f->pArg)->type == FT_OBJ) {
      for (size_t i = 0; i < json_array_size(v); i++)
        langs_of(((const Field *)f->pArg)->pArg, json_array_get(v, i), pSeen);
    }
  }
}

static int cmp_lang(const void *a, const void *b) {
  return strcmp((const char *)a, (const char *)b);
}

/* The languages seen (en and ru always) into azLang: their number. */
static int seen_langs(const StrMap *pSeen, char (*azLang)[8], int nMax) {
  const StrMap seen = *pSeen;
  int n = 0;
  snprintf(azLang[n++], 8, "en");
  snprintf(azLang[n++], 8, "ru");
  int nFixed = n;
  for (size_t s = 0; s < seen.nSlot; s++) {
    const char *z = seen.azKey ? seen.azKey[s] : 0;
    if (!z || !ic_is_lang(z) || strcmp(z, "en") == 0 || strcmp(z, "ru") == 0) continue;
    if (n < nMax) snprintf(azLang[n++], 8, "%s", z);
  }
  qsort(azLang + nFixed, (size_t)(n - nFixed), 8, cmp_lang);
  return n;
}

static int kind_langs(Kind kind, const json_t *aRecord, char (*azLang)[8], int nMax) {
  StrMap seen = {0};
  for (size_t i = 0; i < json_array_size(aRecord); i++)
    langs_of(&ic_kind_schema[kind], json_array_get(aRecord, i), &seen);
  int n = seen_langs(&seen, azLang, nMax);
  strmap_free(&seen);
  return n;
}

/* The tables of one kind: its own first, then its lists'. */
static void kind_tables(Tables *ts, Kind kind, char (*azLang)[8], int nLang) {
  tables_add(ts, kind, kind_section(kind));
  const char *azPath[MAXP];
  walk(ts, ts->n - 1, &ic_kind_schema[kind], azPath, 0, azLang, nLang, true);
}

/* ---- Writing ---------------------------------------------------------------- */

static void put_cell(Buf *b, const char *z, bool bForceQuote) {
  if (!bForceQuote && !strpbrk(z, ",\"\r\n")) {
    buf_puts(b, z);
    return;
  }
  buf_putc(b, '"');
  for (const char *s = z; *s; s++) {
    if (*s == '"') buf_putc(b, '"');
    buf_putc(b, *s);
  }
  buf_putc(b, '"');
}

static bool is_json_text(const char *z) {
  json_t *p = json_loads(z, JSON_DECODE_ANY, 0);
  json_decref(p);
  return p != 0;
}

/* A value as a cell (see the top of the file). */
static void put_value(Buf *b, const Field *f, const json_t *v) {
  if (!v) return;
  if (json_is_null(v)) {
    buf_puts(b, "null");
  } else if (json_is_string(v)) {
    const char *z = json_string_value(v);
    bool bScalar = f && f->type != FT_CUSTOM && f->type != FT_ARR && f->type != FT_OBJ;
    if (!bScalar && is_json_text(z)) {
      char *zJ = json_dumps(v, JSON_ENCODE_ANY);
      put_cell(b, zJ, false);
      xfree(zJ);
    } else {
      put_cell(b, z, *z == 0 || strcmp(z, "null") == 0);
    }
  } else {
    char *zJ = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
    put_cell(b, zJ ? zJ : "", false);
    xfree(zJ);
  }
}

static const json_t *at_path(const json_t *p, const char *const *az, int n) {
  for (int i = 0; i < n && p; i++) p = json_object_get(p, az[i]);
  return p;
}

static void put_header(Buf *b, const Table *t) {
  for (int c = 0; c < t->nCol; c++) {
    if (c) buf_putc(b, ',');
    put_cell(b, t->aCol[c].zName, false);
  }
  buf_puts(b, "\r\n");
}

/* One row: the object pRow, with zKind and zKey for the key columns. */
static void put_row(Buf *b, const Table *t, const json_t *pRow, Kind kind, const char *zKey) {
  for (int c = 0; c < t->nCol; c++) {
    const Col *col = &t->aCol[c];
    if (c) buf_putc(b, ',');
    const json_t *v = at_path(pRow, col->azPath, col->nPath);
    switch (col->role) {
    case C_SCALAR: put_value(b, col->f, v); break;
    case C_LANG: put_value(b, col->f, json_object_get(v, col->zLang)); break;
    case C_JOINED:
      if (json_is_array(v)) {
        if (json_array_size(v) == 0) buf_puts(b, "[]");
        Buf j = {0};
        for (size_t i = 0; i < json_array_size(v); i++) {
          const json_t *x = json_array_get(v, i);
          if (i) buf_putc(&j, ';');
          if (json_is_string(x))
            buf_puts(&j, json_string_value(x));
          else
            put_value(&j, col->f, x);
        }
        if (j.n) put_cell(b, j.z, false);
        buf_free(&j);
      } else {
        put_value(b, col->f, v);
      }
      break;
    case C_MARKER:
      if (json_is_array(v) && json_array_size(v) == 0) buf_puts(b, "[]");
      break;
    case C_PKEY:
    case C_SKEY: put_cell(b, zKey ? zKey : "", false); break;
    case C_SKIND: buf_puts(b, kind_name(kind)); break;
    }
  }
  buf_puts(b, "\r\n");
}

static void put_list_rows(Buf *b, const Table *t, const json_t *aRecord) {
  for (size_t i = 0; i < json_array_size(aRecord); i++) {
    const json_t *pRec = json_array_get(aRecord, i);
    const json_t *aList = at_path(pRec, t->azList, t->nList);
    if (json_array_size(aList) == 0) continue;
    char *zKey = ic_record_key(t->kind, pRec);
    for (size_t j = 0; j < json_array_size(aList); j++)
      put_row(b, t, json_array_get(aList, j), t->kind, zKey);
    xfree(zKey);
  }
}

void csv_write_kind(Kind kind, const json_t *aRecord, Buf *pOut) {
  CsvKindWriter *w = csv_writer_begin(kind);
  for (size_t i = 0; i < json_array_size(aRecord); i++)
    csv_writer_see(w, json_array_get(aRecord, i));
  csv_writer_header(w, pOut);
  for (size_t i = 0; i < json_array_size(aRecord); i++)
    csv_writer_row(w, json_array_get(aRecord, i), pOut);
  csv_writer_end(w);
}

struct CsvKindWriter {
  Kind kind;
  StrMap seen; /* the languages of the records seen */
  Tables ts;   /* the columns, once the header is written */
};

CsvKindWriter *csv_writer_begin(Kind kind) {
  CsvKindWriter *w = xmalloc(sizeof(CsvKindWriter));
  memset(w, 0, sizeof(*w));
  w->kind = kind;
  return w;
}

static bool schema_has_langs(const Schema *pSchema, int depth) {
  for (const Field *f = pSchema->aField; f->zName && depth < MAXP; f++) {
    if (f->type == FT_LANGMAP) return true;
    if (f->type == FT_OBJ && schema_has_langs(f->pArg, depth + 1)) return true;
  }
  return false;
}

bool csv_writer_needs_records(const CsvKindWriter *w) {
  return schema_has_langs(&ic_kind_schema[w->kind], 0);
}

void csv_writer_see(CsvKindWriter *w, const json_t *pRecord) {
  langs_of(&ic_kind_schema[w->kind], pRecord, &w->seen);
}

void csv_writer_header(CsvKindWriter *w, Buf *pOut) {
  char azLang[16][8];
  int nLang = seen_langs(&w->seen, azLang, 16);
  tables_free(&w->ts);
  kind_tables(&w->ts, w->kind, azLang, nLang);
  put_header(pOut, &w->ts.a[0]);
}

void csv_writer_row(CsvKindWriter *w, const json_t *pRecord, Buf *pOut) {
  put_row(pOut, &w->ts.a[0], pRecord, w->kind, 0);
}

void csv_writer_end(CsvKindWriter *w) {
  if (!w) return;
  strmap_free(&w->seen);
  tables_free(&w->ts);
  xfree(w);
}

static int write_file(const char *zDir, const char *zName, const Buf *b, Buf *pErr) {
  Buf path = {0};
  buf_printf(&path, "%s/%s.csv", zDir, zName);
  FILE *f = fopen(path.z, "wb");
  int rc = 0;
  if (!f || fwrite(b->z ? b->z : "", 1, b->n, f) != b->n || fclose(f) != 0) {
    buf_printf(pErr, _("%s: cannot write: %s"), path.z, strerror(errno));
    rc = -1;
  }
  buf_free(&path);
  return rc;
}

int csv_export_dir(Db *pDb, const char *zDir, Buf *pErr) {
  if (mkdir(zDir, 0777) != 0 && errno != EEXIST) {
    buf_printf(pErr, _("%s: cannot create: %s"), zDir, strerror(errno));
    return -1;
  }
  bool bBegun = db_read_begin(pDb);
  Buf src = {0};
  int rc = 0;
  for (int k = 0; k < K__COUNT && rc == 0; k++) {
    if (k == K_SUBMISSION) continue;
    json_t *aRec = entity_list(pDb, (Kind)k, 0);
    char azLang[16][8];
    int nLang = kind_langs((Kind)k, aRec, azLang, 16);
    Tables ts = {0};
    kind_tables(&ts, (Kind)k, azLang, nLang);
    for (int t = 0; t < ts.n && rc == 0; t++) {
      Table *pT = &ts.a[t];
      if (pT->bSources) {
        if (src.n == 0) put_header(&src, pT);
        put_list_rows(&src, pT, aRec);
        continue;
      }
      Buf b = {0};
      put_header(&b, pT);
      if (t == 0)
        for (size_t i = 0; i < json_array_size(aRec); i++)
          put_row(&b, pT, json_array_get(aRec, i), (Kind)k, 0);
      else
        put_list_rows(&b, pT, aRec);
      rc = write_file(zDir, pT->zName, &b, pErr);
      buf_free(&b);
    }
    tables_free(&ts);
    json_decref(aRec);
  }
  if (rc == 0) rc = write_file(zDir, "sources", &src, pErr);
  buf_free(&src);
  db_read_end(pDb, bBegun);
  return rc;
}

/* ---- Reading ------------------------------------------------------------------ */

/* Every table a load reads (the languages of each language map come from
** the header). */
static void all_tables(Tables *ts) {
  char azLang[1][8] = {"en"};
  for (int k = 0; k < K__COUNT; k++)
    if (k != K_SUBMISSION) kind_tables(ts, (Kind)k, azLang, 1);
}

static Table *find_table(Tables *ts, const char *zName) {
  for (int i = 0; i < ts->n; i++)
    if (strcmp(ts->a[i].zName, zName) == 0) return &ts->a[i];
  Kind k; /* "action" for "actions" */
  if (kind_parse(zName, &k) == 0 && k != K_SUBMISSION) return find_table(ts, kind_section(k));
  return 0;
}

bool csv_is_table(const char *zTable) {
  Tables ts = {0};
  all_tables(&ts);
  bool b = find_table(&ts, zTable) != 0;
  tables_free(&ts);
  return b;
}

/* The column a header names, into pOut: a column of t, or a language of
** one of its language maps ("name_kk"). */
static bool header_col(const Table *t, const char *zHead, Col *pOut) {
  for (int c = 0; c < t->nCol; c++) {
    if (t->aCol[c].role != C_LANG && strcmp(t->aCol[c].zName, zHead) == 0) {
      *pOut = t->aCol[c];
      return true;
    }
  }
  for (int c = 0; c < t->nCol; c++) {
    const Col *col = &t->aCol[c];
    if (col->role == C_LANG) {
      size_t nBase = strlen(col->zName) - strlen(col->zLang);
      if (strncmp(zHead, col->zName, nBase) == 0 && ic_is_lang(zHead + nBase)) {
        *pOut = *col;
        snprintf(pOut->zLang, sizeof(pOut->zLang), "%s", zHead + nBase);
        snprintf(pOut->zName, sizeof(pOut->zName), "%s", zHead);
        return true;
      }
    }
  }
  return false;
}

/* A file read: its name and the columns of its header, for the messages. */
typedef struct FileCols {
  const char *zName;
  Col *aCol;
  int nCol;
} FileCols;

/* Where a record or a list's item came from. */
typedef struct Loc {
  int iFile, line;
} Loc;

typedef struct Loader {
  CsvDateFormat eDate;
  json_t *pDoc;
  StrMap aKeyIdx[K__COUNT]; /* natural key -> index in the kind's section */
  StrMap where;             /* JSON path of a record or item -> index in aLoc */
  Loc *aLoc;
  int nLoc, nLocAlloc;
  FileCols *aFile;
  int nFile;
  Buf path; /* scratch */
  Buf err;  /* the CSV's own errors, one per line */
  int nErr;
  /* A kind no list file of this load adds to (actions, the many) is kept
  ** as JSON text, a record at a time, not as jansson values: the document
  ** of 120,000 actions took 200 MB as values, its text 10 MB. */
  bool abText[K__COUNT];
  Buf aText[K__COUNT]; /* its section's records, comma-separated */
  size_t anText[K__COUNT];
  Loc *aTextLoc[K__COUNT]; /* where each of them was ("$.actions[i]": the i-th) */
} Loader;

/* Where the record or item at zPath was read, or NULL. */
static const Loc *find_loc(const Loader *L, const char *zPath) {
  const int *pI = strmap_find(&L->where, zPath);
  if (pI) return &L->aLoc[*pI];
  /* A record of a kind kept as text: "$.SECTION[N]" exactly. */
  for (int k = 0; k < K__COUNT; k++) {
    const char *zSec = kind_section((Kind)k);
    size_t n = strlen(zSec);
    if (!L->anText[k] || strncmp(zPath, "$.", 2) != 0 || strncmp(zPath + 2, zSec, n) != 0 ||
        zPath[2 + n] != '[')
      continue;
    char *zEnd;
    unsigned long long i = strtoull(zPath + 3 + n, &zEnd, 10);
    if (zEnd == zPath + 3 + n || strcmp(zEnd, "]") != 0 || i >= L->anText[k]) return 0;
    return &L->aTextLoc[k][i];
  }
  return 0;
}

static void col_letters(int i, char *z) {
  char a[8];
  int n = 0;
  for (i++; i > 0 && n < 7; i = (i - 1) / 26) a[n++] = (char)('A' + (i - 1) % 26);
  for (int k = 0; k < n; k++) z[k] = a[n - 1 - k];
  z[n] = 0;
}

static void loc_printf(Buf *b, const char *zFile, int line, int iCol, const char *zCol) {
  buf_printf(b, "%s:%d", zFile, line);
  if (iCol >= 0) {
    char z[8];
    col_letters(iCol, z);
    buf_printf(b, _(": column %s (%s)"), z, zCol);
  }
}

#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
static void
csv_error(Loader *L, const char *zFile, int line, int iCol, const char *zCol, const char *zFmt,
          ...) {
  if (L->nErr++ >= MAX_ERRORS) return;
  va_list ap;
  va_start(ap, zFmt);
  buf_puts(&L->err, "pacta: ");
  loc_printf(&L->err, zFile, line, iCol, zCol);
  buf_puts(&L->err, ": ");
  buf_vprintf(&L->err, zFmt, ap);
  buf_putc(&L->err, '\n');
  va_end(ap);
}

/* The record or item at zPath came from line of file iFile: one entry per
** record, its cells found from the header when a message names one. */
static void remember(Loader *L, const char *zPath, int iFile, int line) {
  bool bNew;
  strmap_insert(&L->where, zPath, L->nLoc, &bNew);
  if (!bNew) return;
  if (L->nLoc == L->nLocAlloc) {
    L->nLocAlloc = L->nLocAlloc ? 2 * L->nLocAlloc : 256;
    L->aLoc = xrealloc(L->aLoc, (size_t)L->nLocAlloc * sizeof(Loc));
  }
  L->aLoc[L->nLoc++] = (Loc){iFile, line};
}

static bool is_int(const char *z) {
  const char *s = z + (*z == '-');
  size_t n = strspn(s, "0123456789");
  return n > 0 && n <= 18 && s[n] == 0;
}

/* "dd.mm.yyyy" (or d.m.yyyy) as "yyyy-mm-dd" into zOut; false if z is not one. */
static bool dmy_date(const char *z, char *zOut) {
  unsigned d, m, y;
  int n = 0;
  if (sscanf(z, "%2u.%2u.%4u%n", &d, &m, &y, &n) != 3 || z[n] || n < 8) return false;
  snprintf(zOut, 11, "%04u-%02u-%02u", y % 10000, m % 100, d % 100);
  return true;
}

/* A cell as the value of field f (see the top of the file); NULL: absent. */
static json_t *cell_value(const Loader *L, const Field *f, const char *z, bool bQuoted) {
  if (!bQuoted && *z == 0) return 0;
  if (!bQuoted && strcmp(z, "null") == 0) return json_null();
  switch (f ? f->type : FT_CUSTOM) {
  case FT_STR:
  case FT_TEXT:
  case FT_ID:
  case FT_CODE:
  case FT_ENUM:
  case FT_LANGMAP: return json_string(z);
  case FT_DATE: {
    char zIso[11];
    if (L->eDate == CSV_DATE_DMY && dmy_date(z, zIso)) return json_string(zIso);
    return json_string(z);
  }
  case FT_INT:
  case FT_YEAR: return is_int(z) ? json_integer(strtoll(z, 0, 10)) : json_string(z);
  case FT_NUM: {
    if (is_int(z)) return json_integer(strtoll(z, 0, 10));
    char *zEnd;
    double r = strtod(z, &zEnd);
    return (*z && !*zEnd && isfinite(r)) ? json_real(r) : json_string(z);
  }
  case FT_BOOL:
    if (strcmp(z, "true") == 0) return json_true();
    if (strcmp(z, "false") == 0) return json_false();
    return json_string(z);
  default: {
    json_t *p = json_loads(z, JSON_DECODE_ANY, 0);
    return p ? p : json_string(z);
  }
  }
}

/* Set v at azPath in p, making the objects on the way. */
static void set_path(json_t *p, const char *const *az, int n, json_t *v) {
  for (int i = 0; i < n - 1; i++) {
    json_t *q = json_object_get(p, az[i]);
    if (!json_is_object(q)) {
      q = json_object();
      json_object_set_new(p, az[i], q);
    }
    p = q;
  }
  json_object_set_new(p, az[n - 1], v);
}

static void path_of(Buf *b, const char *zBase, const Col *col) {
  buf_reset(b);
  buf_puts(b, zBase);
  for (int i = 0; i < col->nPath; i++) buf_printf(b, ".%s", col->azPath[i]);
  if (col->role == C_LANG) buf_printf(b, ".%s", col->zLang);
}

/* The natural key of a record being built (ic_record_key's, but a field
** may be missing: the checks will say so). */
static void build_key(Buf *b, Kind kind, const json_t *p) {
  static const char *const aazField[K__COUNT][4] = {
      [K_PARTY] = {"code"},
      [K_MEMBERSHIP] = {"organization", "party", "from"},
      [K_CHAIRMANSHIP] = {"organization"},
      [K_ACTION] = {"document", "party", "type", "date"},
      [K_ASSESSMENT] = {"commitment", "party", "date"},
  };
  static const char *const azId[4] = {"id"};
  const char *const *az = aazField[kind][0] ? aazField[kind] : azId;
  buf_reset(b);
  for (int i = 0; i < 4 && az[i]; i++) {
    if (i) buf_putc(b, '|');
    buf_puts(b, dflt(str(p, az[i]), ""));
  }
  if (kind == K_ASSESSMENT && json_is_true(json_object_get(p, "self_report"))) buf_puts(b, "|self");
}

/* The cells of one row into pObj (a record, or an item of a list at zBase). */
static void read_cells(Loader *L, const char *zFile, const CsvRow *r, const Col *aCol, int nCol,
                       json_t *pObj) {
  for (int c = 0; c < nCol && c < r->nCell; c++) {
    const Col *col = &aCol[c];
    const char *z = row_cell(r, c);
    bool bQ = r->abQuoted[c];
    json_t *v = 0;
    switch (col->role) {
    case C_SCALAR: v = cell_value(L, col->f, z, bQ); break;
    case C_LANG: v = (*z || bQ) ? json_string(z) : 0; break;
    case C_JOINED:
      if (!bQ && strcmp(z, "[]") == 0) {
        v = json_array();
      } else if (*z || bQ) {
        v = json_array();
        for (const char *s = z;;) {
          size_t n = strcspn(s, ";");
          char *zItem = xmalloc(n + 1);
          memcpy(zItem, s, n);
          zItem[n] = 0;
          json_t *x = cell_value(L, col->f, zItem, true);
          json_array_append_new(v, x ? x : json_string(""));
          xfree(zItem);
          if (!s[n]) break;
          s += n + 1;
        }
      } else {
        v = cell_value(L, col->f, z, bQ); /* "null" */
      }
      break;
    case C_MARKER:
      if (*z && strcmp(z, "[]") != 0)
        csv_error(L, zFile, r->line, c, col->zName,
                  _("expected [] (an empty list) or nothing: the items go in a file of their own"));
      else if (*z && !json_object_get(at_path(pObj, col->azPath, col->nPath - 1),
                                      col->azPath[col->nPath - 1]))
        v = json_array();
      break;
    default: break;
    }
    if (!v) continue;
    if (col->role == C_LANG) {
      /* name_en: {"name": {"en": ...}} */
      const char *az[MAXP + 1];
      for (int i = 0; i < col->nPath; i++) az[i] = col->azPath[i];
      az[col->nPath] = col->zLang;
      set_path(pObj, az, col->nPath + 1, v);
    } else {
      set_path(pObj, col->azPath, col->nPath, v);
    }
  }
}

typedef struct FileIn {
  const CsvSource *pSrc;
  Table *pTable;
} FileIn;

/* Read one file: a kind's own (bLists false) or a list's. */
static void read_file_rows(Loader *L, const CsvSource *pSrc, const Table *t) {
  CsvParser p;
  CsvRow r = {0};
  Buf err = {0};
  csv_parser_init(&p, pSrc->zData, pSrc->nData);
  const char *zFile = pSrc->zName;
  int rc = csv_next_row(&p, &r, &err);
  if (rc <= 0) {
    if (rc < 0) csv_error(L, zFile, r.line, -1, "", "%s", err.z);
    csv_row_free(&r);
    buf_free(&err);
    return;
  }
  /* The header. */
  Col *aCol = xmalloc((size_t)r.nCell * sizeof(Col));
  int nCol = r.nCell;
  int iKind = -1, iKey = -1;
  for (int c = 0; c < nCol; c++) {
    if (!header_col(t, row_cell(&r, c), &aCol[c])) {
      csv_error(L, zFile, 1, c, row_cell(&r, c), _("no such column in %s.csv"), t->zName);
      memset(&aCol[c], 0, sizeof(Col));
      aCol[c].role = C_PKEY; /* ignored */
      continue;
    }
    if (aCol[c].role == C_PKEY || aCol[c].role == C_SKEY) iKey = c;
    if (aCol[c].role == C_SKIND) iKind = c;
  }
  /* The loader keeps the header's columns for the messages. */
  int iFile = L->nFile++;
  L->aFile = xrealloc(L->aFile, (size_t)L->nFile * sizeof(FileCols));
  L->aFile[iFile] = (FileCols){zFile, aCol, nCol};
  if (t->nList && (iKey < 0 || (t->bSources && iKind < 0))) {
    if (t->bSources)
      csv_error(L, zFile, 1, -1, "", _("%s.csv needs the columns kind and key"), t->zName);
    else
      csv_error(L, zFile, 1, -1, "", _("%s.csv needs the column %s"), t->zName, t->aCol[0].zName);
  }
  Buf base = {0};
  while ((rc = csv_next_row(&p, &r, &err)) > 0) {
    if (r.nCell == 1 && !r.abQuoted[0] && !*row_cell(&r, 0)) continue; /* a blank line */
    if (r.nCell > nCol)
      csv_error(L, zFile, r.line, nCol, "", _("%d cells, the header has %d"), r.nCell, nCol);
    if (!t->nList && L->abText[t->kind]) {
      json_t *pRec = json_object();
      size_t i = L->anText[t->kind];
      if ((i & (i - 1)) == 0) /* a power of two (or 0): grow */
        L->aTextLoc[t->kind] = xrealloc(L->aTextLoc[t->kind], (i ? 2 * i : 1) * sizeof(Loc));
      L->aTextLoc[t->kind][i] = (Loc){iFile, r.line};
      read_cells(L, zFile, &r, aCol, nCol, pRec);
      char *z = json_dumps(pRec, JSON_COMPACT | JSON_REAL_PRECISION(17));
      if (!z) panic("out of memory");
      if (L->anText[t->kind]++) buf_putc(&L->aText[t->kind], ',');
      buf_puts(&L->aText[t->kind], z);
      xfree(z);
      json_decref(pRec);
      continue;
    }
    if (!t->nList) {
      json_t *aSec = json_object_get(L->pDoc, kind_section(t->kind));
      if (!aSec) {
        aSec = json_array();
        json_object_set_new(L->pDoc, kind_section(t->kind), aSec);
      }
      size_t i = json_array_size(aSec);
      json_t *pRec = json_object();
      json_array_append_new(aSec, pRec);
      buf_reset(&base);
      buf_printf(&base, "$.%s[%zu]", kind_section(t->kind), i);
      remember(L, base.z, iFile, r.line);
      read_cells(L, zFile, &r, aCol, nCol, pRec);
      build_key(&L->path, t->kind, pRec);
      bool bNew;
      strmap_insert(&L->aKeyIdx[t->kind], L->path.z, (int)i, &bNew);
      continue;
    }
    if (iKey < 0 || (t->bSources && iKind < 0)) break;
    Kind kind = t->kind;
    if (t->bSources && (kind_parse(row_cell(&r, iKind), &kind) || kind == K_SUBMISSION)) {
      csv_error(L, zFile, r.line, iKind, "kind", _("no such kind \"%s\""), row_cell(&r, iKind));
      continue;
    }
    const char *zKey = row_cell(&r, iKey);
    int *pIdx = strmap_find(&L->aKeyIdx[kind], zKey);
    if (!pIdx) {
      csv_error(L, zFile, r.line, iKey, aCol[iKey].zName, _("no %s \"%s\" in %s.csv"),
                kind_name(kind), zKey, kind_section(kind));
      continue;
    }
    json_t *pRec = json_array_get(json_object_get(L->pDoc, kind_section(kind)), (size_t)*pIdx);
    json_t *pParent = pRec;
    for (int i = 0; i < t->nList - 1; i++) {
      json_t *q = json_object_get(pParent, t->azList[i]);
      if (!json_is_object(q)) {
        q = json_object();
        json_object_set_new(pParent, t->azList[i], q);
      }
      pParent = q;
    }
    json_t *aList = json_object_get(pParent, t->azList[t->nList - 1]);
    if (!json_is_array(aList)) {
      aList = json_array();
      json_object_set_new(pParent, t->azList[t->nList - 1], aList);
    }
    buf_reset(&base);
    buf_printf(&base, "$.%s[%d]", kind_section(kind), *pIdx);
    for (int i = 0; i < t->nList; i++) buf_printf(&base, ".%s", t->azList[i]);
    buf_printf(&base, "[%zu]", json_array_size(aList));
    json_t *pItem = json_object();
    json_array_append_new(aList, pItem);
    remember(L, base.z, iFile, r.line);
    read_cells(L, zFile, &r, aCol, nCol, pItem);
  }
  if (rc < 0) csv_error(L, zFile, p.line, -1, "", "%s", err.z);
  buf_free(&base);
  csv_row_free(&r);
  buf_free(&err);
}

/* The load's messages, each "pacta: csv: $.path: ..." with the path of a
** cell, written back as "pacta: FILE:LINE: column C (NAME): ...". */
static void map_messages(Loader *L, const char *zText, FILE *fErr) {
  Buf b = {0};
  for (const char *z = zText; z && *z;) {
    const char *zEol = z + strcspn(z, "\n");
    const char *zMsg = z;
    if (strncmp(zMsg, "pacta: ", 7) == 0) zMsg += 7;
    if (strncmp(zMsg, "csv: ", 5) == 0) zMsg += 5;
    const char *zSep = zMsg[0] == '$' ? strstr(zMsg, ": ") : 0;
    if (zSep && zSep < zEol) {
      buf_reset(&b);
      buf_append(&b, zMsg, (size_t)(zSep - zMsg));
      const Loc *pL = 0;
      size_t nFull = b.n;
      while (!(pL = find_loc(L, b.z)) && b.n > 1) {
        /* Strip the last step of the path: ".key" or "[i]". */
        size_t n = b.n;
        while (n > 1 && b.z[n - 1] != '.' && b.z[n - 1] != '[') n--;
        b.n = n > 1 ? n - 1 : 1;
        b.z[b.n] = 0;
      }
      if (pL) {
        /* The column: the one whose path the rest of the message's path is,
        ** or begins with (".adopted[2]" is a cell of adopted). */
        const FileCols *pF = &L->aFile[pL->iFile];
        const char *zRest = zMsg + b.n;
        size_t nRest = nFull - b.n, nBest = 0;
        int iBest = -1;
        for (int c = 0; c < pF->nCol; c++) {
          if (pF->aCol[c].nPath == 0) continue;
          path_of(&L->path, "", &pF->aCol[c]);
          size_t n = L->path.n;
          if (n <= nRest && n > nBest && memcmp(zRest, L->path.z, n) == 0 &&
              (n == nRest || zRest[n] == '.' || zRest[n] == '[')) {
            nBest = n;
            iBest = c;
          }
        }
        buf_reset(&L->path);
        loc_printf(&L->path, pF->zName, pL->line, iBest, iBest >= 0 ? pF->aCol[iBest].zName : "");
        fprintf(fErr, "pacta: %s: %.*s", L->path.z, (int)(zEol - zSep - 2), zSep + 2);
      } else
        fprintf(fErr, "pacta: %.*s", (int)(zEol - zMsg), zMsg);
    } else {
      fprintf(fErr, "pacta: %.*s", (int)(zEol - zMsg), zMsg);
    }
    fputc('\n', fErr);
    z = *zEol ? zEol + 1 : zEol;
  }
  buf_free(&b);
}

int csv_load(Db *pDb, const CsvSource *aSrc, int nSrc, CsvDateFormat eDate, const char *zActor,
             FILE *fErr, FILE *fProgress, LoadResult *pOut) {
  memset(pOut, 0, sizeof(*pOut));
  Loader L;
  memset(&L, 0, sizeof(L));
  L.eDate = eDate;
  L.pDoc = json_pack("{s:i}", "pacta", 1);
  Tables ts = {0};
  all_tables(&ts);
  FileIn *aIn = xmalloc((size_t)(nSrc ? nSrc : 1) * sizeof(FileIn));
  for (int i = 0; i < nSrc; i++) {
    aIn[i].pSrc = &aSrc[i];
    const char *zTable = aSrc[i].zTable;
    char zBase[96];
    if (!zTable) {
      const char *zSlash = strrchr(aSrc[i].zName, '/');
      snprintf(zBase, sizeof(zBase), "%s", zSlash ? zSlash + 1 : aSrc[i].zName);
      size_t n = strlen(zBase);
      if (n > 4 && strcmp(zBase + n - 4, ".csv") == 0) zBase[n - 4] = 0;
      zTable = zBase;
    }
    aIn[i].pTable = find_table(&ts, zTable);
    if (!aIn[i].pTable)
      csv_error(&L, aSrc[i].zName, 1, -1, "",
                _("no table \"%s\" (name the file after one, or give --kind)"), zTable);
  }
  /* A kind no list file names is kept as text (Loader.abText): sources.csv
  ** may name any kind with sources, another list file its own kind. */
  for (int k = 0; k < K__COUNT; k++) L.abText[k] = true;
  for (int i = 0; i < nSrc; i++) {
    const Table *t = aIn[i].pTable;
    if (!t || !t->nList) continue;
    if (!t->bSources) L.abText[t->kind] = false;
    for (int k = 0; t->bSources && k < K__COUNT; k++)
      for (const Field *f = ic_kind_schema[k].aField; f->zName; f++)
        if (strcmp(f->zName, "sources") == 0) L.abText[k] = false;
  }
  /* The kinds' own files first, then their lists'. */
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < nSrc; i++)
      if (aIn[i].pTable && (aIn[i].pTable->nList != 0) == (pass == 1))
        read_file_rows(&L, aIn[i].pSrc, aIn[i].pTable);
  /* The files' bytes are in the document now: let them go before it loads. */
  for (int i = 0; i < nSrc; i++)
    if (aSrc[i].pData) buf_free(aSrc[i].pData);
  int rc;
  if (L.nErr) {
    fputs(L.err.z, fErr);
    if (L.nErr > MAX_ERRORS) {
      fputs("pacta: ", fErr);
      fprintf(fErr, _("... and %d more"), L.nErr - MAX_ERRORS);
      fputc('\n', fErr);
    }
    fprintf(fErr, "pacta: %s\n", _("nothing was loaded"));
    rc = LOAD_INVALID;
  } else {
    /* The document's text: its sections in kind order, each held as a
    ** value or as text, so that a large load is written while it is read
    ** (interchange.c); any other section after them. */
    for (int k = 0; k < K__COUNT; k++) strmap_free(&L.aKeyIdx[k]);
    Buf text = {0};
    buf_puts(&text, "{\"pacta\":1");
    for (int k = 0; k < K__COUNT; k++) {
      const char *zSection = kind_section((Kind)k);
      json_t *aSec = json_object_get(L.pDoc, zSection);
      if (aSec) {
        char *z = json_dumps(aSec, JSON_COMPACT | JSON_REAL_PRECISION(17));
        if (!z) panic("out of memory");
        buf_printf(&text, ",\"%s\":%s", zSection, z);
        xfree(z);
        json_object_del(L.pDoc, zSection);
      }
      if (!L.anText[k]) continue;
      buf_printf(&text, ",\"%s\":[", zSection);
      buf_append(&text, L.aText[k].z, L.aText[k].n);
      buf_putc(&text, ']');
      buf_free(&L.aText[k]);
    }
    const char *zSection;
    json_t *aSec;
    json_object_foreach(L.pDoc, zSection, aSec) {
      if (strcmp(zSection, "pacta") == 0) continue;
      char *z = json_dumps(aSec, JSON_COMPACT | JSON_REAL_PRECISION(17));
      if (!z) panic("out of memory");
      buf_printf(&text, ",\"%s\":%s", zSection, z);
      xfree(z);
    }
    json_decref(L.pDoc);
    L.pDoc = 0;
    buf_putc(&text, '}');
    char *zText = text.z;
    char *zErr = 0;
    size_t nErr = 0;
    FILE *fMem = open_memstream(&zErr, &nErr);
    if (!zText || !fMem) panic("out of memory");
    LoadSource src = {"csv", zText, text.n, -1};
    rc = interchange_load(pDb, &src, 1, zActor, fMem, fProgress, pOut);
    fclose(fMem);
    map_messages(&L, zErr, fErr);
    free(zErr); /* open_memstream's, from malloc */
    xfree(zText);
  }
  for (int k = 0; k < K__COUNT; k++) {
    strmap_free(&L.aKeyIdx[k]);
    buf_free(&L.aText[k]);
    xfree(L.aTextLoc[k]);
  }
  strmap_free(&L.where);
  xfree(L.aLoc);
  for (int i = 0; i < L.nFile; i++) xfree(L.aFile[i].aCol);
  xfree(L.aFile);
  buf_free(&L.path);
  buf_free(&L.err);
  json_decref(L.pDoc);
  xfree(aIn);
  tables_free(&ts);
  return rc;
}
