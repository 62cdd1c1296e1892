/*
** Publishing the record (publish.h): the helpers its three writers share
** (publish_int.h). The writers: publish_ics.c, publish_atom.c,
** publish_minutes.c. What they write follows the thread's language
** (i18n.h): names by language, code words and dates in it.
*/
#include "publish_int.h"

#include <string.h>

#include "fields.h"
#include "i18n.h"
#include "term.h"
#include "util.h"

const char *publish_word(const char *zCode) {
  return term(zCode);
}

const char *publish_document_type(const char *zType) {
  return term_in("document type", zType);
}

char *publish_words(const char *z) {
  const char *zWords = publish_word(z);
  if (zWords) return xstrdup(zWords);
  char *zOut = xstrdup(z ? z : "");
  for (char *q = zOut; *q; q++)
    if (*q == '_') *q = ' ';
  return zOut;
}

const char *publish_text_lang(const char *z) {
  for (const unsigned char *u = (const unsigned char *)(z ? z : ""); *u; u++)
    if ((u[0] == 0xD0 || u[0] == 0xD1) && (u[1] & 0xC0) == 0x80) return "ru";
  return "en";
}

const char *publish_name(const json_t *pMap, const char *zId, const char *zField) {
  return name_here(json_object_get(json_object_get(pMap, zId), zField), zId);
}

void publish_date(Buf *p, const char *zIso) {
  i18n_date_iso(p, zIso ? zIso : "");
}
