#include "fields.h"

#include "i18n.h"

pdate date_of(const json_t *v) {
  pdate d;
  if (!json_is_string(v) || date_parse(json_string_value(v), json_string_length(v), &d))
    return DATE_NONE;
  return d;
}

json_t *map_by(const json_t *a, const char *zField) {
  json_t *pMap = json_object();
  for (size_t i = 0; i < json_array_size(a); i++) {
    json_t *v = json_array_get(a, i);
    if (str(v, zField)) json_object_set(pMap, str(v, zField), v);
  }
  return pMap;
}

const char *party_name(const json_t *pParties, const char *zCode) {
  return name_en(json_object_get(json_object_get(pParties, dflt(zCode, "")), "name"),
                 dflt(zCode, ""));
}

const char *name_here_lang(const json_t *pName) {
  const char *zHere = i18n_lang();
  if (str(pName, zHere)) return zHere;
  if (str(pName, "en")) return "en";
  const char *zLang;
  json_t *v;
  json_object_foreach((json_t *)pName, zLang, v) {
    if (json_is_string(v)) return zLang;
  }
  return 0;
}

const char *name_here(const json_t *pName, const char *zFallback) {
  const char *zLang = name_here_lang(pName);
  return zLang ? str(pName, zLang) : zFallback;
}
