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
#include "util.h"

/* The words of the codes the writers show: action types, attendance,
** session formats. (The pages have theirs in page.c, a floor above.) */
static const struct {
  const char *zCode, *zWords;
} aWord[] = {
    {"signature", N_("signature")},
    {"definitive_signature", N_("definitive signature")},
    {"ratification", N_("ratification")},
    {"acceptance", N_("acceptance")},
    {"approval", N_("approval")},
    {"accession", N_("accession")},
    {"notification", N_("notification")},
    {"succession", N_("succession")},
    {"provisional_application", N_("provisional application")},
    {"reservation", N_("reservation")},
    {"declaration", N_("declaration")},
    {"special_opinion", N_("special opinion")},
    {"objection", N_("objection")},
    {"not_interested", N_("not interested")},
    {"withdrawal", N_("withdrawal")},
    {"present", N_("present")},
    {"absent", N_("absent")},
    {"represented", N_("represented")},
    {"observer", N_("observer")},
    {"in_person", N_("in person")},
    {"videoconference", N_("videoconference")},
    {"hybrid", N_("hybrid")},
    {"informal", N_("informal")},
};

const char *publish_word(const char *zCode) {
  for (size_t i = 0; zCode && i < sizeof(aWord) / sizeof(aWord[0]); i++)
    if (strcmp(aWord[i].zCode, zCode) == 0) return _(aWord[i].zWords);
  return 0;
}

const char *publish_document_type(const char *zType) {
  static const char *const azType[] = {"charter",   "treaty",      "agreement", "convention",
                                       "protocol",  "decision",    "concept",   "plan",
                                       "statement", "declaration", "other"};
  size_t i = 0;
  while (zType && i < sizeof(azType) / sizeof(azType[0]) && strcmp(azType[i], zType) != 0) i++;
  switch (zType ? i : 99) {
  case 0: return P_("document type", "charter");
  case 1: return P_("document type", "treaty");
  case 2: return P_("document type", "agreement");
  case 3: return P_("document type", "convention");
  case 4: return P_("document type", "protocol");
  case 5: return P_("document type", "decision");
  case 6: return P_("document type", "concept");
  case 7: return P_("document type", "plan");
  case 8: return P_("document type", "statement");
  case 9: return P_("document type", "declaration");
  case 10: return P_("document type", "other");
  default: return zType;
  }
}

char *publish_words(const char *z) {
  const char *zWords = publish_word(z);
  if (zWords) return xstrdup(zWords);
  char *zOut = xstrdup(z ? z : "");
  for (char *q = zOut; *q; q++)
    if (*q == '_') *q = ' ';
  return zOut;
}

const char *publish_name_of(const json_t *pName, const char *zFallback) {
  const char *z = str(pName, i18n_lang());
  if (!z) z = str(pName, "en");
  if (!z) {
    const char *zLang;
    json_t *v;
    json_object_foreach((json_t *)pName, zLang, v) {
      if (json_is_string(v)) return json_string_value(v);
    }
  }
  return z ? z : zFallback;
}

const char *publish_name_lang(const json_t *pName) {
  if (str(pName, i18n_lang())) return i18n_lang();
  if (str(pName, "en")) return "en";
  const char *zLang;
  json_t *v;
  json_object_foreach((json_t *)pName, zLang, v) {
    if (json_is_string(v)) return zLang;
  }
  return 0;
}

const char *publish_text_lang(const char *z) {
  for (const unsigned char *u = (const unsigned char *)(z ? z : ""); *u; u++)
    if ((u[0] == 0xD0 || u[0] == 0xD1) && (u[1] & 0xC0) == 0x80) return "ru";
  return "en";
}

const char *publish_name(const json_t *pMap, const char *zId, const char *zField) {
  return publish_name_of(json_object_get(json_object_get(pMap, zId), zField), zId);
}

void publish_date(Buf *p, const char *zIso) {
  i18n_date_iso(p, zIso ? zIso : "");
}
