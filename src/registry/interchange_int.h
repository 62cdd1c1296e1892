/*
** Private to the interchange files (interchange.h): the validator that
** checks a load against the schema of each kind (interchange_check.c, the
** machinery; interchange_schema.c, the table per kind and the checks across
** fields) and the records it hands to the loader (interchange.c).
*/
#ifndef PACTA_INTERCHANGE_INT_H
#define PACTA_INTERCHANGE_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kind.h"
#include "util.h"

#define MAX_ERRORS 20 /* messages written; the rest are counted */

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

/* ---- The validator and what it collects --------------------------------- */

/* A reference to check once the whole load is known: one per distinct
** (kind, key), with the first place it was found, so that
** the references of a load cost memory for what they name, not for every
** place (200,000 actions name a few hundred documents and parties). */
typedef struct Ref {
  Kind kind;
  int iSrc;
  size_t iPath; /* where it was found: offset of a NUL-terminated path in Validator.paths */
  size_t iKey;  /* the key referred to: the NUL-terminated string after the path */
} Ref;

/* One record of the load: its value borrowed from its source's parsed
** document, or (a streamed source) the bytes of its JSON in the source,
** parsed again when needed, so that a load holds no tree of the whole. */
typedef struct Item {
  Kind kind;
  char *zKey;
  json_t *pValue;  /* borrowed; NULL for a streamed record */
  size_t off, len; /* a streamed record's JSON in aSrc[iSrc] */
  int iSrc;
  int iIndex; /* index in its section */
  bool bSkip; /* an identical copy from another file: loaded once */
} Item;

struct Validator {
  const char *zSrc; /* current source name */
  int iSrc;         /* and its index */
  Buf path;         /* JSON path of the value being checked */
  int nError;
  FILE *fErr;
  Ref *aRef;
  int nRef, nRefAlloc;
  Buf paths;     /* the paths of aRef, one after another */
  StrMap refIdx; /* kind letter + key -> index in aRef (may be stale: check the Ref) */
  Buf refKey;    /* scratch for refIdx's keys */
  /* When set, each valid record is given to xRecord as it is read (the
  ** loader's writing while reading), and no Item is kept. */
  void (*xRecord)(void *pArg, const struct Item *p, const json_t *pRec);
  void *pRecordArg;
  bool bStop; /* set by xRecord's owner: the reading stops, what it read is let go */
};

/* ---- interchange_check.c -------------------------------------------------- */

/* "pacta: SOURCE: PATH: MESSAGE" to v->fErr, the first MAX_ERRORS times;
** every call counts in v->nError. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void ic_error(Validator *v, const char *zFmt, ...);

/* A short description of a JSON value for "got ..." in messages. */
const char *ic_describe(const json_t *p, char *zBuf, size_t nBuf);
#define GOT(p) ic_describe((p), zGot, sizeof(zGot)) /* with a local char zGot[64] */

/* Push a key or an index onto the current path; returns what ic_path_pop
** takes to restore it. */
size_t ic_path_push_key(Validator *v, const char *zKey);
size_t ic_path_push_index(Validator *v, size_t i);
void ic_path_pop(Validator *v, size_t n);

/* Remember a reference to (kind, zKey) at the current path. */
void ic_add_ref(Validator *v, Kind kind, const char *zKey);

bool ic_is_code(const char *z, size_t n); /* a party code: 3 upper-case letters */
bool ic_is_lang(const char *z);           /* a language: 2 or 3 lower-case letters */

void ic_check_value(Validator *v, const Field *f, const json_t *p);
void ic_check_object(Validator *v, const Schema *pSchema, const json_t *pObj);

/* ---- interchange_schema.c ------------------------------------------------- */

extern const Schema ic_kind_schema[K__COUNT];

/* The natural key of a validated record, a new string. */
char *ic_record_key(Kind kind, const json_t *p);

#endif
