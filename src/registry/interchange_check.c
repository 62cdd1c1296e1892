/*
** Checking values and objects against a schema the caller gives (the
** schemas are in interchange_schema.c, the walk of a whole document in
** interchange.c): the paths and messages of what is wrong, and the
** references to resolve once the whole load is known.
*/
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "interchange_int.h"

/* ---- Errors and paths ---------------------------------------------------- */

void ic_error(Validator *v, const char *zFmt, ...) {
  if (v->nError++ >= MAX_ERRORS) return;
  va_list ap;
  va_start(ap, zFmt);
  fprintf(v->fErr, "pacta: %s: %s: ", v->zSrc, v->path.n ? v->path.z : "$");
  vfprintf(v->fErr, zFmt, ap);
  fputc('\n', v->fErr);
  va_end(ap);
}

const char *ic_describe(const json_t *p, char *zBuf, size_t nBuf) {
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
  case JSON_OBJECT: return _("an object");
  case JSON_ARRAY: return _("an array");
  case JSON_TRUE: return "true";
  case JSON_FALSE: return "false";
  case JSON_NULL: return "null";
  }
  return "?";
}

/* Paths are pushed for every field of every record: no printf here. */
size_t ic_path_push_key(Validator *v, const char *zKey) {
  size_t n = v->path.n;
  buf_putc(&v->path, '.');
  buf_puts(&v->path, zKey);
  return n;
}

size_t ic_path_push_index(Validator *v, size_t i) {
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

void ic_path_pop(Validator *v, size_t n) {
  v->path.n = n;
  v->path.z[n] = 0;
}

void ic_add_ref(Validator *v, Kind kind, const char *zKey) {
  Buf *k = &v->refKey;
  buf_reset(k);
  buf_putc(k, (char)('A' + kind));
  buf_puts(k, zKey);
  bool bNew;
  int *pI = strmap_insert(&v->refIdx, k->z, v->nRef, &bNew);
  /* An index left by a stream that was read again as a whole may be past
  ** the end or name another ref: then this one is new. */
  if (!bNew && *pI < v->nRef && v->aRef[*pI].kind == kind &&
      strcmp(v->paths.z + v->aRef[*pI].iKey, zKey) == 0)
    return;
  *pI = v->nRef;
  if (v->nRef == v->nRefAlloc) {
    v->nRefAlloc = v->nRefAlloc ? 2 * v->nRefAlloc : 1024;
    v->aRef = xrealloc(v->aRef, (size_t)v->nRefAlloc * sizeof(Ref));
  }
  size_t iPath = v->paths.n;
  buf_append(&v->paths, v->path.z, v->path.n + 1);
  v->aRef[v->nRef++] = (Ref){kind, v->iSrc, iPath, v->paths.n};
  buf_append(&v->paths, zKey, strlen(zKey) + 1);
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

bool ic_is_code(const char *z, size_t n) {
  return n == 3 && z[0] >= 'A' && z[0] <= 'Z' && z[1] >= 'A' && z[1] <= 'Z' && z[2] >= 'A' &&
         z[2] <= 'Z';
}

bool ic_is_lang(const char *z) {
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

void ic_check_value(Validator *v, const Field *f, const json_t *p) {
  char zGot[64];
  if (json_is_null(p)) {
    if (!(f->flags & NUL)) ic_error(v, _("must not be null"));
    return;
  }
  switch (f->type) {
  case FT_STR:
  case FT_TEXT:
    if (!json_is_string(p) || (f->type == FT_STR && json_string_length(p) == 0))
      ic_error(v,
               f->type == FT_STR ? _("expected a non-empty string, got %s")
                                 : _("expected a string, got %s"),
               GOT(p));
    break;
  case FT_ID:
    if (!json_is_string(p) || !is_id(json_string_value(p), json_string_length(p)))
      ic_error(v,
               _("expected an id (lower-case letters, digits, '.', '_', '-'; at most 64), got %s"),
               GOT(p));
    else if (f->flags & REF)
      ic_add_ref(v, f->ref, json_string_value(p));
    break;
  case FT_CODE:
    if (!json_is_string(p) || !ic_is_code(json_string_value(p), json_string_length(p)))
      ic_error(v, _("expected a party code of 3 upper-case letters (ISO 3166-1 alpha-3), got %s"),
               GOT(p));
    else if (f->flags & REF)
      ic_add_ref(v, K_PARTY, json_string_value(p));
    break;
  case FT_DATE: {
    pdate d;
    if (!json_is_string(p) || date_parse(json_string_value(p), json_string_length(p), &d))
      ic_error(v, _("expected a real date YYYY-MM-DD, got %s"), GOT(p));
    break;
  }
  case FT_YEAR:
    if (!json_is_integer(p) || json_integer_value(p) < 1 || json_integer_value(p) > 9999)
      ic_error(v, _("expected a year (an integer from 1 to 9999), got %s"), GOT(p));
    break;
  case FT_INT:
    if (!json_is_integer(p) || json_integer_value(p) < 0 || json_integer_value(p) > 1000000)
      ic_error(v, _("expected a whole number from 0 to 1000000, got %s"), GOT(p));
    break;
  case FT_NUM:
    if (!json_is_number(p)) ic_error(v, _("expected a number, got %s"), GOT(p));
    break;
  case FT_BOOL:
    if (!json_is_boolean(p)) ic_error(v, _("expected true or false, got %s"), GOT(p));
    break;
  case FT_ENUM:
    if (!json_is_string(p) || enum_index(f->pArg, json_string_value(p)) < 0) {
      Buf list = {0};
      enum_list(f->pArg, &list);
      ic_error(v, _("expected one of %s; got %s"), list.z, GOT(p));
      buf_free(&list);
    }
    break;
  case FT_LANGMAP: {
    if (!json_is_object(p) || json_object_size(p) == 0) {
      ic_error(v, _("expected an object of names by language, like {\"en\": \"...\"}, got %s"),
               GOT(p));
      break;
    }
    const char *zLang;
    json_t *pName;
    json_object_foreach((json_t *)p, zLang, pName) {
      size_t n = ic_path_push_key(v, zLang);
      if (!ic_is_lang(zLang))
        ic_error(v, _("expected a language code of 2 or 3 lower-case letters as key"));
      else if (!json_is_string(pName) || json_string_length(pName) == 0)
        ic_error(v, _("expected a non-empty string, got %s"), GOT(pName));
      ic_path_pop(v, n);
    }
    break;
  }
  case FT_OBJ:
    if (!json_is_object(p))
      ic_error(v, _("expected an object, got %s"), GOT(p));
    else
      ic_check_object(v, f->pArg, p);
    break;
  case FT_ARR: {
    if (!json_is_array(p)) {
      ic_error(v, _("expected an array, got %s"), GOT(p));
      break;
    }
    for (size_t i = 0; i < json_array_size(p); i++) {
      size_t n = ic_path_push_index(v, i);
      ic_check_value(v, f->pArg, json_array_get(p, i));
      ic_path_pop(v, n);
    }
    break;
  }
  case FT_CUSTOM: ((CheckFn)(uintptr_t)f->pArg)(v, p); break;
  }
}

void ic_check_object(Validator *v, const Schema *pSchema, const json_t *pObj) {
  const char *zKey;
  json_t *pVal;
  json_object_foreach((json_t *)pObj, zKey, pVal) {
    const Field *f = pSchema->aField;
    while (f->zName && strcmp(f->zName, zKey) != 0) f++;
    size_t n = ic_path_push_key(v, zKey);
    if (!f->zName) {
      Buf list = {0};
      for (f = pSchema->aField; f->zName; f++)
        buf_printf(&list, "%s%s", f == pSchema->aField ? "" : ", ", f->zName);
      ic_error(v, _("unknown key (expected one of: %s)"), list.z);
      buf_free(&list);
    } else {
      ic_check_value(v, f, pVal);
    }
    ic_path_pop(v, n);
  }
  for (const Field *f = pSchema->aField; f->zName; f++) {
    if ((f->flags & REQ) && !json_object_get(pObj, f->zName))
      /* English always: the desk's form (form.c) finds the field in it. */
      ic_error(v, "missing required key \"%s\"", f->zName);
  }
  if (pSchema->xCheck) pSchema->xCheck(v, pObj);
}
