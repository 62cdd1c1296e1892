/*
** Publishing the record (publish.h): the helpers its three writers share
** (publish_int.h). The writers: publish_ics.c, publish_atom.c,
** publish_minutes.c.
*/
#include "publish_int.h"

#include "fields.h"
#include "util.h"

char *publish_words(const char *z) {
  char *zOut = xstrdup(z ? z : "");
  for (char *q = zOut; *q; q++)
    if (*q == '_') *q = ' ';
  return zOut;
}

const char *publish_name(const json_t *pMap, const char *zId, const char *zField) {
  return name_en(json_object_get(json_object_get(pMap, zId), zField), zId);
}
