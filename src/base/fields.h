/*
** Reading fields of validated registry records (jansson values), shared by
** the modules that render them.
*/
#ifndef PACTA_FIELDS_H
#define PACTA_FIELDS_H

#include <jansson.h>

#include "date.h"

/* The string value of pObj[zKey], or NULL. */
static inline const char *str(const json_t *pObj, const char *zKey) {
  return json_string_value(json_object_get(pObj, zKey));
}

/* z, or zDefault when z is NULL or empty. */
static inline const char *dflt(const char *z, const char *zDefault) {
  return z && *z ? z : zDefault;
}

/* A name by language ({"en": ..., "ru": ...}): English, else the first
** one, else zFallback. */
static inline const char *name_en(const json_t *pName, const char *zFallback) {
  const char *z = str(pName, "en");
  if (!z) {
    const char *zLang;
    json_t *v;
    json_object_foreach((json_t *)pName, zLang, v) {
      if (json_is_string(v)) return json_string_value(v);
    }
  }
  return z ? z : zFallback;
}

/* A JSON string holding a real date as YYYY-MM-DD, or DATE_NONE. */
pdate date_of(const json_t *v);

/* An object of the records of array a by the string value of their zField
** (records without it left out); a new reference. */
json_t *map_by(const json_t *a, const char *zField);

/* The English name of party zCode in pParties (a map_by of parties by
** "code"), else the code itself ("" for none). */
const char *party_name(const json_t *pParties, const char *zCode);

/* A name by language in the current language (i18n_lang(): the page's, the
** command line's), else English, else the first there is. name_here_lang is
** the language it picks (NULL: the name has none); name_here the name, else
** zFallback. */
const char *name_here_lang(const json_t *pName);
const char *name_here(const json_t *pName, const char *zFallback);

#endif
