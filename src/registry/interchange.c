#include "interchange.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "canon.h"
#include "date.h"
#include "entity.h"
#include "journal.h"
#include "kind.h"
#include "rules.h"
#include "util.h"

#define MAX_ERRORS 20

/* ---- Schema ------------------------------------------------------------ */

typedef enum FieldType {
  FT_STR,     /* non-empty string */
  FT_TEXT,    /* any string */
  FT_ID,      /* entity id */
  FT_CODE,    /* party code */
  FT_DATE,    /* YYYY-MM-DD */
  FT_YEAR,    /* integer 1..9999 */
  FT_INT,     /* integer >= 0 */
  FT_NUM,     /* any finite number */
  FT_BOOL,    /* true or false */
  FT_ENUM,    /* one of a list of strings */
  FT_LANGMAP, /* {"en": "...", "ru": "..."} */
  FT_OBJ,     /* nested object */
  FT_ARR,     /* array of one element type */
  FT_CUSTOM   /* checked by a function */
} FieldType;

#define REQ 1u /* must be present */
#define NUL 2u /* may be null */
#define REF 4u /* refers to an entity of kind `ref` */

typedef struct Validator Validator;
typedef struct Schema Schema;

typedef struct Field {
  const char *zName;
  FieldType type;
  unsigned flags;
  const void *pArg; /* FT_ENUM: list; FT_OBJ: Schema; FT_ARR: Field; FT_CUSTOM: function */
  Kind ref;
} Field;

typedef void (*CheckFn)(Validator *, const json_t *);

struct Schema {
  const Field *aField; /* ends with zName == NULL */
  CheckFn xCheck;      /* checks across fields, after the fields */
};

/* A reference to check once the whole load is known. */
typedef struct Ref {
  Kind kind;
  const char *zKey; /* points into the parsed document */
  int iSrc;
  size_t iPath; /* where it was found: offset of a NUL-terminated path in Validator.paths */
} Ref;

/* One record of the load. */
typedef struct Item {
  Kind kind;
  char *zKey;
  json_t *pValue; /* borrowed from its document */
  int iSrc;
  int iIndex; /* index in its section */
} Item;

struct Validator {
  const char *zSrc; /* current source name */
  int iSrc;         /* and its index */
  Buf path;         /* JSON path of the value being checked */
  int nError;
  FILE *fErr;
  Ref *aRef;
  int nRef, nRefAlloc;
  Buf paths; /* the paths of aRef, one after another */
};

static const char *const azPartyKind[] = {"state", "organization", 0};
static const char *const azLevel[] = {"heads_of_state",
                                      "heads_of_government",
                                      "ministers",
                                      "officials",
                                      "secretariat",
                                      "parliamentary",
                                      "court",
                                      "other",
                                      0};
static const char *const azFormat[] = {"in_person", "videoconference", "hybrid", "informal", 0};
static const char *const azAttendance[] = {"present", "absent", "represented", "observer", 0};
static const char *const azDocType[] = {"charter",   "treaty",      "agreement", "convention",
                                        "protocol",  "decision",    "concept",   "plan",
                                        "statement", "declaration", "other",     0};
static const char *const azRule[] = {"on_signature", "threshold", "fixed_date", 0};
static const char *const azThen[] = {"first_of_next_month", 0};
static const char *const azTerm[] = {"calendar_year", 0};
static const char *const azCoChairs[] = {"previous_and_next", "none", 0};
static const char *const azAssessStatus[] = {"preliminary", "reviewed", 0};

/* ---- Errors and paths ---------------------------------------------------- */

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
verror(Validator *v, const char *zFmt, ...) {
  if (v->nError++ >= MAX_ERRORS) return;
  va_list ap;
  va_start(ap, zFmt);
  fprintf(v->fErr, "pacta: %s: %s: ", v->zSrc, v->path.n ? v->path.z : "$");
  vfprintf(v->fErr, zFmt, ap);
  fputc('\n', v->fErr);
  va_end(ap);
}

/* A short description of a JSON value for "got ..." in messages. */
static const char *describe(const json_t *p, char *zBuf, size_t nBuf) {
  switch (json_typeof(p)) {
  case JSON_STRING: {
    const char *z = json_string_value(p);
    size_t n = json_string_length(p);
    if (n > 40) {
      snprintf(zBuf, nBuf, "\"%.40s...\"", z);
    } else {
      snprintf(zBuf, nBuf, "\"%s\"", z);
    }
    return zBuf;
  }
  case JSON_INTEGER:
    snprintf(zBuf, nBuf, "%" JSON_INTEGER_FORMAT, json_integer_value(p));
    return zBuf;
  case JSON_REAL: snprintf(zBuf, nBuf, "%g", json_real_value(p)); return zBuf;
  case JSON_OBJECT: return "an object";
  case JSON_ARRAY: return "an array";
  case JSON_TRUE: return "true";
  case JSON_FALSE: return "false";
  case JSON_NULL: return "null";
  }
  return "?";
}

#define GOT(p) describe((p), zGot, sizeof(zGot))

/* Paths are pushed for every field of every record: no printf here. */
static size_t path_push_key(Validator *v, const char *zKey) {
  size_t n = v->path.n;
  buf_putc(&v->path, '.');
  buf_puts(&v->path, zKey);
  return n;
}

static size_t path_push_index(Validator *v, size_t i) {
  size_t n = v->path.n;
  char aDigit[24];
  int k = (int)sizeof(aDigit);
  aDigit[--k] = ']';
  do aDigit[--k] = (char)('0' + i % 10);
  while ((i /= 10) != 0);
  aDigit[--k] = '[';
  buf_append(&v->path, aDigit + k, sizeof(aDigit) - (size_t)k);
  return n;
}

static void path_pop(Validator *v, size_t n) {
  v->path.n = n;
  v->path.z[n] = 0;
}

static void add_ref(Validator *v, Kind kind, const char *zKey) {
  if (v->nRef == v->nRefAlloc) {
    v->nRefAlloc = v->nRefAlloc ? 2 * v->nRefAlloc : 1024;
    v->aRef = xrealloc(v->aRef, (size_t)v->nRefAlloc * sizeof(Ref));
  }
  v->aRef[v->nRef++] = (Ref){kind, zKey, v->iSrc, v->paths.n};
  buf_append(&v->paths, v->path.z, v->path.n + 1);
}

/* ---- Checks of single values --------------------------------------------- */

static bool is_id(const char *z, size_t n) {
  if (n < 1 || n > 64) return false;
  if (!((z[0] >= 'a' && z[0] <= 'z') || (z[0] >= '0' && z[0] <= '9'))) return false;
  for (size_t i = 1; i < n; i++) {
    char c = z[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      return false;
  }
  return true;
}

static bool is_code(const char *z, size_t n) {
  return n == 3 && z[0] >= 'A' && z[0] <= 'Z' && z[1] >= 'A' && z[1] <= 'Z' && z[2] >= 'A' &&
         z[2] <= 'Z';
}

static bool is_lang(const char *z) {
  size_t n = strlen(z);
  if (n < 2 || n > 3) return false;
  for (size_t i = 0; i < n; i++)
    if (z[i] < 'a' || z[i] > 'z') return false;
  return true;
}

static int enum_index(const char *const *az, const char *z) {
  for (int i = 0; az[i]; i++)
    if (strcmp(az[i], z) == 0) return i;
  return -1;
}

static void enum_list(const char *const *az, Buf *p) {
  for (int i = 0; az[i]; i++) buf_printf(p, "%s%s", i ? ", " : "", az[i]);
}

static void check_object(Validator *v, const Schema *pSchema, const json_t *pObj);

static void check_value(Validator *v, const Field *f, const json_t *p) {
  char zGot[64];
  if (json_is_null(p)) {
    if (!(f->flags & NUL)) verror(v, "must not be null");
    return;
  }
  switch (f->type) {
  case FT_STR:
  case FT_TEXT:
    if (!json_is_string(p) || (f->type == FT_STR && json_string_length(p) == 0))
      verror(v, "expected a %sstring, got %s", f->type == FT_STR ? "non-empty " : "", GOT(p));
    break;
  case FT_ID:
    if (!json_is_string(p) || !is_id(json_string_value(p), json_string_length(p)))
      verror(v, "expected an id (lower-case letters, digits, '.', '_', '-'; at most 64), got %s",
             GOT(p));
    else if (f->flags & REF)
      add_ref(v, f->ref, json_string_value(p));
    break;
  case FT_CODE:
    if (!json_is_string(p) || !is_code(json_string_value(p), json_string_length(p)))
      verror(v, "expected a party code of 3 upper-case letters (ISO 3166-1 alpha-3), got %s",
             GOT(p));
    else if (f->flags & REF)
      add_ref(v, K_PARTY, json_string_value(p));
    break;
  case FT_DATE: {
    pdate d;
    if (!json_is_string(p) || date_parse(json_string_value(p), json_string_length(p), &d))
      verror(v, "expected a real date YYYY-MM-DD, got %s", GOT(p));
    break;
  }
  case FT_YEAR:
    if (!json_is_integer(p) || json_integer_value(p) < 1 || json_integer_value(p) > 9999)
      verror(v, "expected a year (an integer from 1 to 9999), got %s", GOT(p));
    break;
  case FT_INT:
    if (!json_is_integer(p) || json_integer_value(p) < 0 || json_integer_value(p) > 1000000)
      verror(v, "expected a whole number from 0 to 1000000, got %s", GOT(p));
    break;
  case FT_NUM:
    if (!json_is_number(p)) verror(v, "expected a number, got %s", GOT(p));
    break;
  case FT_BOOL:
    if (!json_is_boolean(p)) verror(v, "expected true or false, got %s", GOT(p));
    break;
  case FT_ENUM:
    if (!json_is_string(p) || enum_index(f->pArg, json_string_value(p)) < 0) {
      Buf list = {0};
      enum_list(f->pArg, &list);
      verror(v, "expected one of %s; got %s", list.z, GOT(p));
      buf_free(&list);
    }
    break;
  case FT_LANGMAP: {
    if (!json_is_object(p) || json_object_size(p) == 0) {
      verror(v, "expected an object of names by language, like {\"en\": \"...\"}, got %s", GOT(p));
      break;
    }
    const char *zLang;
    json_t *pName;
    json_object_foreach((json_t *)p, zLang, pName) {
      size_t n = path_push_key(v, zLang);
      if (!is_lang(zLang))
        verror(v, "expected a language code of 2 or 3 lower-case letters as key");
      else if (!json_is_string(pName) || json_string_length(pName) == 0)
        verror(v, "expected a non-empty string, got %s", GOT(pName));
      path_pop(v, n);
    }
    break;
  }
  case FT_OBJ:
    if (!json_is_object(p))
      verror(v, "expected an object, got %s", GOT(p));
    else
      check_object(v, f->pArg, p);
    break;
  case FT_ARR: {
    if (!json_is_array(p)) {
      verror(v, "expected an array, got %s", GOT(p));
      break;
    }
    for (size_t i = 0; i < json_array_size(p); i++) {
      size_t n = path_push_index(v, i);
      check_value(v, f->pArg, json_array_get(p, i));
      path_pop(v, n);
    }
    break;
  }
  case FT_CUSTOM: ((CheckFn)(uintptr_t)f->pArg)(v, p); break;
  }
}

static void check_object(Validator *v, const Schema *pSchema, const json_t *pObj) {
  const char *zKey;
  json_t *pVal;
  json_object_foreach((json_t *)pObj, zKey, pVal) {
    const Field *f = pSchema->aField;
    while (f->zName && strcmp(f->zName, zKey) != 0) f++;
    size_t n = path_push_key(v, zKey);
    if (!f->zName) {
      Buf list = {0};
      for (f = pSchema->aField; f->zName; f++)
        buf_printf(&list, "%s%s", f == pSchema->aField ? "" : ", ", f->zName);
      verror(v, "unknown key (expected one of: %s)", list.z);
      buf_free(&list);
    } else {
      check_value(v, f, pVal);
    }
    path_pop(v, n);
  }
  for (const Field *f = pSchema->aField; f->zName; f++) {
    if ((f->flags & REQ) && !json_object_get(pObj, f->zName))
      verror(v, "missing required key \"%s\"", f->zName);
  }
  if (pSchema->xCheck) pSchema->xCheck(v, pObj);
}

/* ---- Checks across fields ------------------------------------------------ */

static pdate date_field(const json_t *pObj, const char *zKey) {
  const json_t *p = json_object_get(pObj, zKey);
  pdate d;
  if (!json_is_string(p) || date_parse(json_string_value(p), json_string_length(p), &d))
    return DATE_NONE;
  return d;
}

static const char *str_field(const json_t *pObj, const char *zKey) {
  return json_string_value(json_object_get(pObj, zKey));
}

static void check_membership(Validator *v, const json_t *p) {
  pdate from = date_field(p, "from"), to = date_field(p, "to");
  if (from != DATE_NONE && to != DATE_NONE && to <= from) {
    size_t n = path_push_key(v, "to");
    verror(v, "must be after \"from\" (the interval is [from, to))");
    path_pop(v, n);
  }
}

static void check_action(Validator *v, const json_t *p) {
  const char *zType = str_field(p, "type");
  if (!zType) return;
  if (json_object_get(p, "effective") && strcmp(zType, "withdrawal") != 0) {
    size_t n = path_push_key(v, "effective");
    verror(v, "only a withdrawal has an effective date");
    path_pop(v, n);
  }
  if (json_object_get(p, "subject_to_procedures") && strcmp(zType, "signature") != 0) {
    size_t n = path_push_key(v, "subject_to_procedures");
    verror(v, "only a signature can be subject to procedures");
    path_pop(v, n);
  }
  pdate d = date_field(p, "date"), eff = date_field(p, "effective");
  if (d != DATE_NONE && eff != DATE_NONE && eff < d) {
    size_t n = path_push_key(v, "effective");
    verror(v, "a withdrawal cannot take effect before its notice (date)");
    path_pop(v, n);
  }
}

static const Field aDelayField[] = {{"days", FT_INT, 0, 0, 0},
                                    {"months", FT_INT, 0, 0, 0},
                                    {"then", FT_ENUM, 0, azThen, 0},
                                    {0, 0, 0, 0, 0}};
static const Schema delaySchema = {aDelayField, 0};

static void check_condition(Validator *v, const json_t *p) {
  char zGot[64];
  if (!json_is_object(p)) {
    verror(v,
           "expected a condition object ({\"count\": N}, {\"all_of\": [...]} or "
           "{\"weight\": NAME, \"at_least\": X}), got %s",
           GOT(p));
    return;
  }
  static const Field codeRef = {"", FT_CODE, REF, 0, K_PARTY};
  static const Field aFieldAll[] = {{"count", FT_INT, 0, 0, 0},
                                    {"all_of", FT_ARR, 0, &codeRef, 0},
                                    {"weight", FT_STR, 0, 0, 0},
                                    {"at_least", FT_NUM, 0, 0, 0},
                                    {0, 0, 0, 0, 0}};
  static const Schema condSchema = {aFieldAll, 0};
  check_object(v, &condSchema, p);
  int nKind = (json_object_get(p, "count") != 0) + (json_object_get(p, "all_of") != 0) +
              (json_object_get(p, "weight") != 0);
  if (nKind != 1)
    verror(v, "a condition has exactly one of \"count\", \"all_of\", \"weight\"");
  else if (json_object_get(p, "weight") && !json_object_get(p, "at_least"))
    verror(v, "a weight condition needs \"at_least\"");
  else if (!json_object_get(p, "weight") && json_object_get(p, "at_least"))
    verror(v, "\"at_least\" goes with \"weight\"");
  else if (json_object_get(p, "count") && json_integer_value(json_object_get(p, "count")) < 1)
    verror(v, "\"count\" must be at least 1");
}

static void check_eif(Validator *v, const json_t *p) {
  const char *zRule = str_field(p, "rule");
  if (!zRule) return;
  bool bThreshold = strcmp(zRule, "threshold") == 0;
  const json_t *pCond = json_object_get(p, "conditions");
  if (bThreshold && (!json_is_array(pCond) || json_array_size(pCond) == 0))
    verror(v, "rule \"threshold\" needs a non-empty \"conditions\" array");
  if (!bThreshold && pCond) verror(v, "\"conditions\" belong to rule \"threshold\" only");
  if (strcmp(zRule, "fixed_date") == 0 && !json_object_get(p, "date"))
    verror(v, "rule \"fixed_date\" needs \"date\"");
  if (strcmp(zRule, "fixed_date") != 0 && json_object_get(p, "date"))
    verror(v, "\"date\" belongs to rule \"fixed_date\" only");
  if (strcmp(zRule, "on_signature") == 0 &&
      (json_object_get(p, "delay") || json_object_get(p, "not_before")))
    verror(v, "rule \"on_signature\" takes no delay or not_before");
}

static void check_weights(Validator *v, const json_t *p) {
  char zGot[64];
  if (!json_is_object(p)) {
    verror(v, "expected an object of named weights, like {\"emissions\": {\"CHN\": 20.09}}, got %s",
           GOT(p));
    return;
  }
  const char *zName;
  json_t *pMap;
  json_object_foreach((json_t *)p, zName, pMap) {
    size_t n = path_push_key(v, zName);
    if (!json_is_object(pMap)) {
      verror(v, "expected an object of party codes to numbers, got %s", GOT(pMap));
    } else {
      const char *zCode;
      json_t *pNum;
      json_object_foreach(pMap, zCode, pNum) {
        size_t n2 = path_push_key(v, zCode);
        if (!is_code(zCode, strlen(zCode)))
          verror(v, "expected a party code of 3 upper-case letters as key");
        else
          add_ref(v, K_PARTY, zCode);
        if (!json_is_number(pNum)) verror(v, "expected a number, got %s", GOT(pNum));
        path_pop(v, n2);
      }
    }
    path_pop(v, n);
  }
}

static void check_document(Validator *v, const json_t *p) {
  /* A weight condition must name a weight the document defines. */
  const json_t *pCond = json_object_get(json_object_get(p, "entry_into_force"), "conditions");
  const json_t *pWeights = json_object_get(p, "weights");
  for (size_t i = 0; i < json_array_size(pCond); i++) {
    const char *zW = str_field(json_array_get(pCond, i), "weight");
    if (zW && !json_object_get(pWeights, zW)) {
      size_t n = path_push_key(v, "entry_into_force");
      buf_printf(&v->path, ".conditions[%zu].weight", i);
      verror(v, "no weight \"%s\" in this document's \"weights\"", zW);
      path_pop(v, n);
    }
  }
}

static void check_order(Validator *v, const json_t *p) {
  char zGot[64];
  if (json_is_array(p)) {
    static const Field codeRef = {"", FT_CODE, REF, 0, K_PARTY};
    static const Field arr = {"", FT_ARR, 0, &codeRef, 0};
    check_value(v, &arr, p);
    if (json_array_size(p) == 0) verror(v, "an explicit order needs at least one party");
    return;
  }
  if (json_is_object(p)) {
    const json_t *pLang = json_object_get(p, "collate");
    if (json_object_size(p) == 1 && json_is_string(pLang) && is_lang(json_string_value(pLang)))
      return;
  }
  verror(v, "expected a list of party codes or {\"collate\": LANGUAGE}, got %s", GOT(p));
}

static void check_score(Validator *v, const json_t *p) {
  char zGot[64];
  json_int_t s = json_integer_value(p);
  if (!json_is_integer(p) || s < -1 || s > 1)
    verror(v, "expected a score of -1, 0 or 1, got %s", GOT(p));
}

static void check_paragraph(Validator *v, const json_t *p) {
  char zGot[64];
  if (!json_is_null(p) && !json_is_string(p) && !json_is_integer(p))
    verror(v, "expected a paragraph number or label, got %s", GOT(p));
}

/* The gazetteer (ingest.c): {"en": ["Belarusian", ...], "ru": [...]}. */
static void check_aliases(Validator *v, const json_t *p) {
  char zGot[64];
  if (!json_is_object(p)) {
    verror(v, "expected an object of name lists by language, like {\"en\": [\"...\"]}, got %s",
           GOT(p));
    return;
  }
  const char *zLang;
  json_t *pList;
  json_object_foreach((json_t *)p, zLang, pList) {
    size_t n = path_push_key(v, zLang);
    if (!is_lang(zLang)) {
      verror(v, "expected a language code of 2 or 3 lower-case letters as key");
    } else if (!json_is_array(pList)) {
      verror(v, "expected an array of names, got %s", GOT(pList));
    } else {
      for (size_t i = 0; i < json_array_size(pList); i++) {
        const json_t *pName = json_array_get(pList, i);
        size_t m = path_push_index(v, i);
        if (!json_is_string(pName) || json_string_length(pName) == 0)
          verror(v, "expected a non-empty string, got %s", GOT(pName));
        path_pop(v, m);
      }
    }
    path_pop(v, n);
  }
}

/* ---- The schema of each kind -------------------------------------------- */

#define CUSTOM(fn) ((const void *)(uintptr_t)(fn))

static const Field aSourceField[] = {{"title", FT_STR, REQ, 0, 0},
                                     {"ref", FT_STR, 0, 0, 0},
                                     {"date", FT_DATE, 0, 0, 0},
                                     {0, 0, 0, 0, 0}};
static const Schema sourceSchema = {aSourceField, 0};
static const Field sourceElem = {"", FT_OBJ, 0, &sourceSchema, 0};
#define SOURCES                                                                                    \
  { "sources", FT_ARR, 0, &sourceElem, 0 }

/* Other cities of a party where sessions meet (the gazetteer's places besides
** the capital): {"name": {"en": "Sochi", "ru": "Сочи"}, "aliases": {...}}. */
static const Field aCityField[] = {{"name", FT_LANGMAP, REQ, 0, 0},
                                   {"aliases", FT_CUSTOM, 0, CUSTOM(check_aliases), 0},
                                   {0, 0, 0, 0, 0}};
static const Schema citySchema = {aCityField, 0};
static const Field cityElem = {"", FT_OBJ, 0, &citySchema, 0};
static const Field aPartyField[] = {{"code", FT_CODE, REQ, 0, 0},
                                    {"kind", FT_ENUM, REQ, azPartyKind, 0},
                                    {"name", FT_LANGMAP, REQ, 0, 0},
                                    {"aliases", FT_CUSTOM, 0, CUSTOM(check_aliases), 0},
                                    {"capital", FT_LANGMAP, 0, 0, 0},
                                    {"cities", FT_ARR, 0, &cityElem, 0},
                                    SOURCES,
                                    {0, 0, 0, 0, 0}};
static const Field aOrgField[] = {{"id", FT_ID, REQ, 0, 0},
                                  {"name", FT_LANGMAP, REQ, 0, 0},
                                  {"founded", FT_DATE, NUL, 0, 0},
                                  {"depositary", FT_STR, NUL, 0, 0},
                                  {"aliases", FT_CUSTOM, 0, CUSTOM(check_aliases), 0},
                                  SOURCES,
                                  {0, 0, 0, 0, 0}};
static const Field aBodyField[] = {{"id", FT_ID, REQ, 0, 0},
                                   {"organization", FT_ID, REQ | REF, 0, K_ORGANIZATION},
                                   {"name", FT_LANGMAP, REQ, 0, 0},
                                   {"level", FT_ENUM, NUL, azLevel, 0},
                                   {"aliases", FT_CUSTOM, 0, CUSTOM(check_aliases), 0},
                                   SOURCES,
                                   {0, 0, 0, 0, 0}};
static const Field aMembershipField[] = {{"organization", FT_ID, REQ | REF, 0, K_ORGANIZATION},
                                         {"party", FT_CODE, REQ | REF, 0, K_PARTY},
                                         {"kind", FT_ENUM, REQ, azMemberKindName, 0},
                                         {"from", FT_DATE, REQ, 0, 0},
                                         {"to", FT_DATE, NUL, 0, 0},
                                         {"note", FT_TEXT, NUL, 0, 0},
                                         SOURCES,
                                         {0, 0, 0, 0, 0}};

static const Field aYearPartyField[] = {{"year", FT_YEAR, REQ, 0, 0},
                                        {"party", FT_CODE, REQ | REF, 0, K_PARTY},
                                        {"note", FT_TEXT, NUL, 0, 0},
                                        {0, 0, 0, 0, 0}};
static const Schema yearPartySchema = {aYearPartyField, 0};
static const Field yearPartyElem = {"", FT_OBJ, 0, &yearPartySchema, 0};
static const Field memberKindElem = {"", FT_ENUM, 0, azMemberKindName, 0};
static const Field aChairField[] = {{"organization", FT_ID, REQ | REF, 0, K_ORGANIZATION},
                                    {"term", FT_ENUM, 0, azTerm, 0},
                                    {"order", FT_CUSTOM, REQ, CUSTOM(check_order), 0},
                                    {"eligible", FT_ARR, REQ, &memberKindElem, 0},
                                    {"recorded", FT_ARR, 0, &yearPartyElem, 0},
                                    {"declined", FT_ARR, 0, &yearPartyElem, 0},
                                    {"co_chairs", FT_ENUM, 0, azCoChairs, 0},
                                    {"note", FT_TEXT, NUL, 0, 0},
                                    SOURCES,
                                    {0, 0, 0, 0, 0}};

static const Field aAttendField[] = {{"party", FT_CODE, REQ | REF, 0, K_PARTY},
                                     {"status", FT_ENUM, REQ, azAttendance, 0},
                                     {"by", FT_STR, NUL, 0, 0},
                                     {"role", FT_STR, NUL, 0, 0},
                                     {0, 0, 0, 0, 0}};
static const Schema attendSchema = {aAttendField, 0};
static const Field attendElem = {"", FT_OBJ, 0, &attendSchema, 0};
static const Field docRefElem = {"", FT_ID, REF, 0, K_DOCUMENT};
static const Field aNextField[] = {
    {"date", FT_DATE, NUL, 0, 0}, {"place", FT_STR, NUL, 0, 0}, {0, 0, 0, 0, 0}};
static const Schema nextSchema = {aNextField, 0};
static const Field aSessionField[] = {{"id", FT_ID, REQ, 0, 0},
                                      {"body", FT_ID, REQ | REF, 0, K_BODY},
                                      {"number", FT_INT, NUL, 0, 0},
                                      {"date", FT_DATE, REQ, 0, 0},
                                      {"place", FT_STR, NUL, 0, 0},
                                      {"format", FT_ENUM, NUL, azFormat, 0},
                                      {"attendance", FT_ARR, 0, &attendElem, 0},
                                      {"adopted", FT_ARR, 0, &docRefElem, 0},
                                      {"next", FT_OBJ, NUL, &nextSchema, 0},
                                      SOURCES,
                                      {0, 0, 0, 0, 0}};

static const Field condElem = {"", FT_CUSTOM, 0, CUSTOM(check_condition), 0};
static const Field aEifField[] = {{"rule", FT_ENUM, REQ, azRule, 0},
                                  {"conditions", FT_ARR, 0, &condElem, 0},
                                  {"delay", FT_OBJ, 0, &delaySchema, 0},
                                  {"later_delay", FT_OBJ, 0, &delaySchema, 0},
                                  {"not_before", FT_DATE, NUL, 0, 0},
                                  {"date", FT_DATE, 0, 0, 0},
                                  {0, 0, 0, 0, 0}};
static const Schema eifSchema = {aEifField, check_eif};
static const Field aWithdrawalField[] = {{"notice", FT_OBJ, 0, &delaySchema, 0}, {0, 0, 0, 0, 0}};
static const Schema withdrawalSchema = {aWithdrawalField, 0};
static const Field aAdoptedField[] = {{"date", FT_DATE, NUL, 0, 0},
                                      {"place", FT_STR, NUL, 0, 0},
                                      {"session", FT_ID, NUL | REF, 0, K_SESSION},
                                      {0, 0, 0, 0, 0}};
static const Schema adoptedSchema = {aAdoptedField, 0};
static const Field aDocumentField[] = {{"id", FT_ID, REQ, 0, 0},
                                       {"organization", FT_ID, REQ | REF, 0, K_ORGANIZATION},
                                       {"body", FT_ID, NUL | REF, 0, K_BODY},
                                       {"type", FT_ENUM, NUL, azDocType, 0},
                                       {"title", FT_LANGMAP, REQ, 0, 0},
                                       {"adopted", FT_OBJ, NUL, &adoptedSchema, 0},
                                       {"supersedes", FT_ID, NUL | REF, 0, K_DOCUMENT},
                                       {"entry_into_force", FT_OBJ, NUL, &eifSchema, 0},
                                       {"withdrawal", FT_OBJ, NUL, &withdrawalSchema, 0},
                                       {"weights", FT_CUSTOM, 0, CUSTOM(check_weights), 0},
                                       {"depositary", FT_STR, NUL, 0, 0},
                                       {"note", FT_TEXT, NUL, 0, 0},
                                       SOURCES,
                                       {0, 0, 0, 0, 0}};

static const Field aActionField[] = {{"document", FT_ID, REQ | REF, 0, K_DOCUMENT},
                                     {"party", FT_CODE, REQ | REF, 0, K_PARTY},
                                     {"type", FT_ENUM, REQ, azActionTypeName, 0},
                                     {"date", FT_DATE, REQ, 0, 0},
                                     {"effective", FT_DATE, 0, 0, 0},
                                     {"subject_to_procedures", FT_BOOL, 0, 0, 0},
                                     {"text", FT_TEXT, NUL, 0, 0},
                                     {"note", FT_TEXT, NUL, 0, 0},
                                     {0, 0, 0, 0, 0}};

static const Field aCommitSourceField[] = {
    {"session", FT_ID, NUL | REF, 0, K_SESSION},
    {"document", FT_ID, NUL | REF, 0, K_DOCUMENT},
    {"paragraph", FT_CUSTOM, NUL, CUSTOM(check_paragraph), 0},
    {0, 0, 0, 0, 0}};
static const Schema commitSourceSchema = {aCommitSourceField, 0};
static const Field partyRefElem = {"", FT_CODE, REF, 0, K_PARTY};
static const Field aAddresseeField[] = {{"parties", FT_ARR, 0, &partyRefElem, 0},
                                        {"body", FT_ID, NUL | REF, 0, K_BODY},
                                        {0, 0, 0, 0, 0}};
static const Schema addresseeSchema = {aAddresseeField, 0};
static const Field aCommitmentField[] = {{"id", FT_ID, REQ, 0, 0},
                                         {"organization", FT_ID, REQ | REF, 0, K_ORGANIZATION},
                                         {"parent", FT_ID, NUL | REF, 0, K_COMMITMENT},
                                         {"source", FT_OBJ, NUL, &commitSourceSchema, 0},
                                         {"text", FT_LANGMAP, REQ, 0, 0},
                                         {"addressees", FT_OBJ, NUL, &addresseeSchema, 0},
                                         {"deadline", FT_DATE, NUL, 0, 0},
                                         {"category", FT_STR, NUL, 0, 0},
                                         {0, 0, 0, 0, 0}};
static const Field aAssessmentField[] = {{"commitment", FT_ID, REQ | REF, 0, K_COMMITMENT},
                                         {"party", FT_CODE, REQ | REF, 0, K_PARTY},
                                         {"score", FT_CUSTOM, REQ, CUSTOM(check_score), 0},
                                         {"date", FT_DATE, REQ, 0, 0},
                                         {"status", FT_ENUM, 0, azAssessStatus, 0},
                                         {"evidence", FT_TEXT, NUL, 0, 0},
                                         {"assessor", FT_STR, NUL, 0, 0},
                                         {"self_report", FT_BOOL, 0, 0, 0},
                                         {0, 0, 0, 0, 0}};

static const Schema aKindSchema[K__COUNT] = {
    [K_PARTY] = {aPartyField, 0},
    [K_ORGANIZATION] = {aOrgField, 0},
    [K_BODY] = {aBodyField, 0},
    [K_MEMBERSHIP] = {aMembershipField, check_membership},
    [K_CHAIRMANSHIP] = {aChairField, 0},
    [K_DOCUMENT] = {aDocumentField, check_document},
    [K_SESSION] = {aSessionField, 0},
    [K_ACTION] = {aActionField, check_action},
    [K_COMMITMENT] = {aCommitmentField, 0},
    [K_ASSESSMENT] = {aAssessmentField, 0},
};

/* The natural key of a validated record. */
static char *record_key(Kind kind, const json_t *p) {
  static const char *const aazField[K__COUNT][4] = {
      [K_PARTY] = {"code"},
      [K_MEMBERSHIP] = {"organization", "party", "from"},
      [K_CHAIRMANSHIP] = {"organization"},
      [K_ACTION] = {"document", "party", "type", "date"},
      [K_ASSESSMENT] = {"commitment", "party", "date"},
  };
  static const char *const azId[4] = {"id"};
  Buf k = {0};
  const char *const *azField = aazField[kind][0] ? aazField[kind] : azId;
  for (int i = 0; i < 4 && azField[i]; i++) {
    if (i) buf_putc(&k, '|');
    buf_puts(&k, str_field(p, azField[i]));
  }
  /* A delegate's self-report is kept apart from the secretariat's
  ** assessment of the same date. */
  if (kind == K_ASSESSMENT && json_is_true(json_object_get(p, "self_report")))
    buf_puts(&k, "|self");
  return k.z;
}

/* ---- Loading ------------------------------------------------------------ */

static bool entity_exists(Db *pDb, Kind kind, const char *zKey) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT 1 FROM entity WHERE kind=?1 AND key=?2");
  sqlite3_bind_int(p, 1, kind);
  sqlite3_bind_text(p, 2, zKey, -1, SQLITE_STATIC);
  bool b = db_step_row(pDb, p);
  sqlite3_reset(p);
  return b;
}

static int compare_item(const void *pA, const void *pB) {
  const Item *a = pA, *b = pB;
  if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
  if (a->iSrc != b->iSrc) return a->iSrc < b->iSrc ? -1 : 1;
  return a->iIndex < b->iIndex ? -1 : a->iIndex > b->iIndex;
}

/* Validate one parsed document, appending its records to *paItem. */
static void validate_document(Validator *v, json_t *pRoot, int iSrc, Item **paItem, int *pnItem,
                              int *pnAlloc) {
  char zGot[64];
  buf_reset(&v->path);
  buf_puts(&v->path, "$");
  if (!json_is_object(pRoot)) {
    verror(v, "expected an object {\"pacta\": 1, ...}, got %s", GOT(pRoot));
    return;
  }
  const json_t *pVersion = json_object_get(pRoot, "pacta");
  if (!json_is_integer(pVersion) || json_integer_value(pVersion) != 1)
    verror(v, "expected \"pacta\": 1 (the interchange format version), got %s",
           pVersion ? GOT(pVersion) : "no \"pacta\" key");
  const char *zSection;
  json_t *pArr;
  json_object_foreach(pRoot, zSection, pArr) {
    if (strcmp(zSection, "pacta") == 0) continue;
    Kind kind;
    size_t n = path_push_key(v, zSection);
    if (kind_parse(zSection, &kind) || strcmp(kind_section(kind), zSection) != 0) {
      Buf list = {0};
      for (int k = 0; k < K__COUNT; k++) buf_printf(&list, ", %s", kind_section((Kind)k));
      verror(v, "unknown key (expected one of: pacta%s)", list.z);
      buf_free(&list);
    } else if (!json_is_array(pArr)) {
      verror(v, "expected an array of %s, got %s", zSection, GOT(pArr));
    } else {
      for (size_t i = 0; i < json_array_size(pArr); i++) {
        json_t *pRec = json_array_get(pArr, i);
        size_t n2 = path_push_index(v, i);
        int nErrorBefore = v->nError;
        if (!json_is_object(pRec))
          verror(v, "expected an object, got %s", GOT(pRec));
        else
          check_object(v, &aKindSchema[kind], pRec);
        if (v->nError == nErrorBefore) {
          if (*pnItem == *pnAlloc) {
            *pnAlloc = *pnAlloc ? 2 * *pnAlloc : 1024;
            *paItem = xrealloc(*paItem, (size_t)*pnAlloc * sizeof(Item));
          }
          (*paItem)[(*pnItem)++] = (Item){kind, record_key(kind, pRec), pRec, iSrc, (int)i};
        }
        path_pop(v, n2);
      }
    }
    path_pop(v, n);
  }
}

/* A commitment whose deadline is before its source session's date loads,
** with a warning: the date or the deadline is probably a typo. The session
** comes from this load (seen: kind letter + key -> item) or the registry. */
static void warn_deadlines(Db *pDb, const Item *aItem, int nItem, StrMap *pSeen,
                           const LoadSource *aSrc, FILE *fErr) {
  Buf k = {0};
  for (int i = 0; i < nItem; i++) {
    const json_t *pRec = aItem[i].pValue;
    if (aItem[i].kind != K_COMMITMENT || !pRec) continue;
    const char *zDeadline = json_string_value(json_object_get(pRec, "deadline"));
    const char *zSession =
        json_string_value(json_object_get(json_object_get(pRec, "source"), "session"));
    if (!zDeadline || !zSession) continue;
    buf_reset(&k);
    buf_putc(&k, (char)('A' + K_SESSION));
    buf_puts(&k, zSession);
    int *pI = strmap_find(pSeen, k.z);
    json_t *pHold = 0;
    const json_t *pSession = pI ? aItem[*pI].pValue : 0;
    if (!pI) {
      sqlite3_stmt *p = db_stmt(pDb, "SELECT j.record FROM entity e JOIN journal j "
                                     "ON j.seq=e.seq WHERE e.kind=?1 AND e.key=?2");
      sqlite3_bind_int(p, 1, K_SESSION);
      sqlite3_bind_text(p, 2, zSession, -1, SQLITE_STATIC);
      size_t off, len;
      if (db_step_row(pDb, p)) {
        const char *z = (const char *)sqlite3_column_text(p, 0);
        if (entity_value_span(z, (size_t)sqlite3_column_bytes(p, 0), &off, &len))
          pSession = pHold = json_loadb(z + off, len, 0, 0);
      }
      sqlite3_reset(p);
    }
    const char *zDate = json_string_value(json_object_get(pSession, "date"));
    if (zDate && strcmp(zDeadline, zDate) < 0)
      fprintf(fErr,
              "pacta: warning: %s: $.commitments[%d]: commitment \"%s\": deadline %s is before "
              "its source session %s (%s)\n",
              aSrc[aItem[i].iSrc].zName, aItem[i].iIndex, aItem[i].zKey, zDeadline, zSession,
              zDate);
    json_decref(pHold);
  }
  buf_free(&k);
}

int interchange_load(Db *pDb, const LoadSource *aSrc, int nSrc, const char *zActor, FILE *fErr,
                     FILE *fProgress, LoadResult *pOut) {
  Validator v = {0};
  v.fErr = fErr;
  json_t **apRoot = xmalloc((size_t)nSrc * sizeof(json_t *));
  Item *aItem = 0;
  int nItem = 0, nAlloc = 0;
  for (int i = 0; i < nSrc; i++) {
    json_error_t err;
    v.zSrc = aSrc[i].zName;
    v.iSrc = i;
    apRoot[i] = json_loadb(aSrc[i].zData, aSrc[i].nData, JSON_REJECT_DUPLICATES, &err);
    if (!apRoot[i]) {
      fprintf(fErr, "pacta: %s:%d:%d: not valid JSON: %s\n", aSrc[i].zName, err.line, err.column,
              err.text);
      v.nError++;
      continue;
    }
    validate_document(&v, apRoot[i], i, &aItem, &nItem, &nAlloc);
  }
  if (v.nError == 0) {
    /* Duplicates: within one file always an error; across files only when
    ** the two records differ. */
    StrMap seen = {0};
    Buf k = {0}, a = {0}, b = {0};
    for (int i = 0; i < nItem; i++) {
      buf_reset(&k);
      buf_putc(&k, (char)('A' + aItem[i].kind));
      buf_puts(&k, aItem[i].zKey);
      bool bNew;
      int *pFirst = strmap_insert(&seen, k.z, i, &bNew);
      if (bNew) continue;
      Item *pA = &aItem[*pFirst], *pB = &aItem[i];
      buf_reset(&a);
      buf_reset(&b);
      canon_write(&a, pA->pValue);
      canon_write(&b, pB->pValue);
      bool same = a.n == b.n && memcmp(a.z, b.z, a.n) == 0;
      if (pA->iSrc == pB->iSrc || !same) {
        v.zSrc = aSrc[pB->iSrc].zName;
        buf_reset(&v.path);
        buf_printf(&v.path, "$.%s[%d]", kind_section(pB->kind), pB->iIndex);
        verror(&v, "duplicate %s \"%s\" (first at %s: $.%s[%d])", kind_name(pB->kind), pB->zKey,
               aSrc[pA->iSrc].zName, kind_section(pA->kind), pA->iIndex);
      }
      pB->pValue = 0; /* an identical copy from another file: load once */
    }
    /* References: to a record of this load or to a live entity. */
    for (int i = 0; i < v.nRef; i++) {
      Ref *r = &v.aRef[i];
      buf_reset(&k);
      buf_putc(&k, (char)('A' + r->kind));
      buf_puts(&k, r->zKey);
      if (strmap_find(&seen, k.z) || entity_exists(pDb, r->kind, r->zKey)) continue;
      if (v.nError++ < MAX_ERRORS)
        fprintf(fErr, "pacta: %s: %s: unknown %s \"%s\" (not in this load nor in the registry)\n",
                aSrc[r->iSrc].zName, v.paths.z + r->iPath, kind_name(r->kind), r->zKey);
    }
    if (v.nError == 0) warn_deadlines(pDb, aItem, nItem, &seen, aSrc, fErr);
    strmap_free(&seen);
    buf_free(&k);
    buf_free(&a);
    buf_free(&b);
  }
  int rc = 0;
  int nItemAll = nItem;
  if (v.nError) {
    if (v.nError > MAX_ERRORS)
      fprintf(fErr, "pacta: ... and %d more errors\n", v.nError - MAX_ERRORS);
    fprintf(fErr, "pacta: nothing was loaded\n");
    rc = -1;
  } else {
    if (nItem) qsort(aItem, (size_t)nItem, sizeof(Item), compare_item);
    Journal j;
    memset(pOut, 0, sizeof(*pOut));
    if (journal_begin(&j, pDb, zActor)) {
      fprintf(fErr, "pacta: the registry is busy (another writer holds it); nothing was loaded\n");
      rc = LOAD_BUSY;
      nItem = 0;
    }
    for (int i = 0; i < nItem && rc == 0; i++) {
      if (!aItem[i].pValue) continue;
      if (journal_put(&j, aItem[i].kind, aItem[i].zKey, aItem[i].pValue))
        pOut->nLoaded++;
      else
        pOut->nUnchanged++;
      if (fProgress && (i & 0x3fff) == 0)
        fprintf(fProgress, "\rpacta: loading %d of %d records", i, nItem);
    }
    if (rc == 0) {
      if (fProgress) fprintf(fProgress, "\rpacta: loaded %d records%20s\n", nItem, "");
      journal_commit(&j);
      pOut->lastSeq = db_last_seq(pDb);
    }
  }
  for (int i = 0; i < nItemAll; i++) free(aItem[i].zKey);
  free(aItem);
  free(v.aRef);
  buf_free(&v.paths);
  for (int i = 0; i < nSrc; i++) json_decref(apRoot[i]);
  free(apRoot);
  buf_free(&v.path);
  return rc;
}

int interchange_load_json(Db *pDb, const json_t *pDoc, const char *zActor, json_t **paMsg,
                          LoadResult *pOut) {
  *paMsg = 0;
  char *zText = json_dumps(pDoc, JSON_COMPACT);
  char *zErr = 0;
  size_t nErr = 0;
  FILE *fErr = open_memstream(&zErr, &nErr);
  if (!zText || !fErr) panic("out of memory");
  LoadSource src = {"request", zText, strlen(zText)};
  int rc = interchange_load(pDb, &src, 1, zActor, fErr, 0, pOut);
  fclose(fErr);
  if (rc) {
    /* One message per line: "pacta: request: $.path: what was expected". */
    json_t *aMsg = json_array();
    for (char *z = zErr, *zEol; z && *z; z = *zEol ? zEol + 1 : zEol) {
      zEol = z + strcspn(z, "\n");
      const char *zMsg = z;
      if (strncmp(zMsg, "pacta: ", 7) == 0) zMsg += 7;
      if (strncmp(zMsg, "request: ", 9) == 0) zMsg += 9;
      if (zEol > zMsg && strncmp(zMsg, "nothing was loaded", 18) != 0)
        json_array_append_new(aMsg, json_stringn(zMsg, (size_t)(zEol - zMsg)));
    }
    if (json_array_size(aMsg) == 0) json_array_append_new(aMsg, json_string("invalid input"));
    *paMsg = aMsg;
  }
  free(zErr);
  free(zText);
  return rc;
}

/* ---- Export ------------------------------------------------------------- */

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
  fputs("document,party,type,date,effective,subject_to_procedures,text,note\n", f);
  static const char *const azCol[] = {
      "document", "party", "type", "date", "effective", "subject_to_procedures", "text", "note"};
  while (db_step_row(pDb, p)) {
    const char *z = (const char *)sqlite3_column_text(p, 0);
    size_t off, len;
    if (!entity_value_span(z, (size_t)sqlite3_column_bytes(p, 0), &off, &len)) continue;
    json_t *pVal = json_loadb(z + off, len, 0, 0);
    for (int i = 0; i < 8; i++) {
      json_t *pCol = json_object_get(pVal, azCol[i]);
      if (i) fputc(',', f);
      csv_field(f, json_is_true(pCol) ? "true" : json_string_value(pCol));
    }
    fputc('\n', f);
    json_decref(pVal);
  }
  sqlite3_reset(p);
}
