#include "fields.h"

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
