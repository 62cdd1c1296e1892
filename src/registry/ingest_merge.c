/*
** Ingest adds, it does not replace (docs/ingest.md). A press release about a
** session already recorded is merged into the record: what the release adds
** (a party's attendance not recorded, an adopted document or a source not
** listed, a field the record leaves null) is added; what the record holds
** and the release does not mention stays; what the release says otherwise
** (another body, number, date, place, format or next session; a party with
** another status or another representative) is a conflict, and the caller
** refuses the load unless asked to replace the record. The merge keeps the
** recorded id, keys and order and appends what is new, so merging the same
** release again gives the record itself: nothing to write.
**
** ingest_merge is pure; ingest_merge_find reads the registry to find the
** session a draft is about. Nothing here writes: the caller loads
** IngestMerge.pSession through the load path (interchange_load).
*/
#include <string.h>

#include "entity.h"
#include "fields.h"
#include "ingest.h"
#include "kind.h"

typedef struct Merge {
  IngestMerge *p;
  const json_t *pEv; /* the draft's evidence, or NULL */
} Merge;

static void added(Merge *m, const char *zField, const json_t *v) {
  json_array_append_new(m->p->aAdded, json_pack("{s:s, s:O}", "field", zField, "value", v));
}

static void differs(json_t *a, const char *zField, const json_t *pRec, const json_t *pRel) {
  json_array_append_new(
      a, json_pack("{s:s, s:O, s:O}", "field", zField, "recorded", pRec, "release", pRel));
}

static void dropped(Merge *m, const char *zField, const json_t *v) {
  json_array_append_new(m->p->aDropped, json_pack("{s:s, s:O}", "field", zField, "value", v));
}

static bool absent(const json_t *v) {
  return !v || json_is_null(v);
}

/* Does the release say v for zField? Not when v is null, nor when the
** draft holds it only by default (its evidence has no text, is inferred
** and carries no note: the format in_person of a release silent on it). */
static bool said(const Merge *m, const char *zField, const json_t *v) {
  if (absent(v)) return false;
  const json_t *e = json_object_get(m->pEv, zField);
  return !(e && json_is_null(json_object_get(e, "text")) &&
           json_is_true(json_object_get(e, "inferred")) && !json_object_get(e, "note"));
}

/* One field of an object: pInto (the merged copy) takes the release's
** value when it has none, else they must agree. */
static void merge_field(Merge *m, json_t *pInto, const char *zKey, const char *zField,
                        const json_t *pRel) {
  if (!said(m, zField, pRel)) return;
  const json_t *pRec = json_object_get(pInto, zKey);
  if (absent(pRec)) {
    json_object_set_new(pInto, zKey, json_deep_copy(pRel));
    added(m, zField, pRel);
  } else if (!json_equal((json_t *)pRec, (json_t *)pRel)) {
    differs(m->p->aConflict, zField, pRec, pRel);
  }
}

/* The last word of a name (the surname of "Aleksandr Lukashenko"). */
static const char *last_word(const char *z, size_t *pn) {
  size_t n = strlen(z);
  while (n && z[n - 1] == ' ') n--;
  size_t i = n;
  while (i && z[i - 1] != ' ') i--;
  *pn = n - i;
  return z + i;
}

/* The skeleton of a Latin surname, for comparing transliterations: lower
** case, y as i, a letter doubled once, an i after a vowel dropped
** ("Mirziyoyev" and "Mirziyoev", "Tokayev" and "Tokaev", "Shoigu" and
** "Shoygu" agree). Other bytes (Cyrillic) as they are. */
static void skeleton(const char *z, size_t n, Buf *pOut) {
  for (size_t i = 0; i < n; i++) {
    char c = z[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c == 'y') c = 'i';
    char prev = pOut->n ? pOut->z[pOut->n - 1] : 0;
    if (c == prev && (unsigned char)c < 0x80) continue;
    if (c == 'i' && prev && strchr("aeiou", prev)) continue;
    buf_putc(pOut, c);
  }
}

/* The same representative written otherwise: the same surname, or one
** transliterated otherwise ("Aleksandr" and "Alexander Lukashenko"; a
** transliteration of the name is not another person). */
static bool same_person(const char *a, const char *b) {
  size_t na, nb;
  const char *za = last_word(a, &na), *zb = last_word(b, &nb);
  Buf x = {0}, y = {0};
  skeleton(za, na, &x);
  skeleton(zb, nb, &y);
  bool bSame = na > 0 && nb > 0 && strcmp(x.z, y.z) == 0;
  buf_free(&x);
  buf_free(&y);
  return bSame;
}

/* One party's attendance: pRec (in the merged copy) against the release's. */
static void merge_attendance_entry(Merge *m, json_t *pRec, const json_t *pRel) {
  const char *zParty = str(pRel, "party");
  Buf f = {0};
  const json_t *pRecSt = json_object_get(pRec, "status"), *pRelSt = json_object_get(pRel, "status");
  if (!absent(pRelSt) && !json_equal((json_t *)pRecSt, (json_t *)pRelSt)) {
    buf_printf(&f, "attendance.%s.status", zParty);
    differs(m->p->aConflict, f.z, pRecSt, pRelSt);
  }
  const char *zRecBy = str(pRec, "by"), *zRelBy = str(pRel, "by");
  bool bSamePerson = zRecBy && zRelBy && same_person(zRecBy, zRelBy);
  const char *azKey[] = {"by", "role"};
  for (int k = 0; k < 2; k++) {
    const json_t *pR = json_object_get(pRec, azKey[k]), *pN = json_object_get(pRel, azKey[k]);
    if (absent(pN)) continue;
    buf_reset(&f);
    buf_printf(&f, "attendance.%s.%s", zParty, azKey[k]);
    if (absent(pR)) {
      json_object_set_new(pRec, azKey[k], json_deep_copy(pN));
      added(m, f.z, pN);
    } else if (!json_equal((json_t *)pR, (json_t *)pN)) {
      /* The same person: the recorded wording of the name and role stays. */
      differs(bSamePerson ? m->p->aKept : m->p->aConflict, f.z, pR, pN);
    }
  }
  buf_free(&f);
}

static json_t *find_party(const json_t *a, const char *zParty) {
  for (size_t i = 0; i < json_array_size(a); i++)
    if (zParty && strcmp(dflt(str(json_array_get(a, i), "party"), ""), zParty) == 0)
      return json_array_get(a, i);
  return 0;
}

/* Is source pSrc listed in a? The same title and ref (either may be
** absent on both): the page names every pasted release's ref alike, and a
** file's title is its first line. */
static bool same_str(const char *a, const char *b) {
  return a ? b && strcmp(a, b) == 0 : !b;
}

static bool source_listed(const json_t *a, const json_t *pSrc) {
  for (size_t i = 0; i < json_array_size(a); i++) {
    const json_t *s = json_array_get(a, i);
    if (same_str(str(s, "ref"), str(pSrc, "ref")) && same_str(str(s, "title"), str(pSrc, "title")))
      return true;
  }
  return false;
}

static bool id_listed(const json_t *a, const json_t *v) {
  for (size_t i = 0; i < json_array_size(a); i++)
    if (json_equal(json_array_get(a, i), (json_t *)v)) return true;
  return false;
}

/* An array field of the merged record: the recorded elements in their
** order, then the release's new ones. The key is only set when the record
** had it or something is added (a record without "adopted" stays so). */
static void merge_list(Merge *m, json_t *pInto, const char *zKey, const json_t *aRel) {
  json_t *a = json_object_get(pInto, zKey);
  bool bHad = json_is_array(a);
  json_t *aNew = bHad ? json_incref(a) : json_array();
  for (size_t i = 0; i < json_array_size(aRel); i++) {
    const json_t *v = json_array_get(aRel, i);
    if (strcmp(zKey, "attendance") == 0) {
      json_t *pRec = find_party(aNew, str(v, "party"));
      if (pRec) {
        merge_attendance_entry(m, pRec, v);
        continue;
      }
      Buf f = {0};
      buf_printf(&f, "attendance.%s", dflt(str(v, "party"), "?"));
      added(m, f.z, v);
      buf_free(&f);
    } else if (strcmp(zKey, "sources") == 0 ? source_listed(aNew, v) : id_listed(aNew, v)) {
      continue;
    } else {
      added(m, zKey, v);
    }
    json_array_append_new(aNew, json_deep_copy(v));
  }
  if (bHad || json_array_size(aNew)) json_object_set(pInto, zKey, aNew);
  json_decref(aNew);
}

static const char *const azScalar[] = {"body", "number", "date", "place", "format", 0};

static bool in_conflict(const Merge *m, const char *zField) {
  for (size_t i = 0; i < json_array_size(m->p->aConflict); i++)
    if (strcmp(dflt(str(json_array_get(m->p->aConflict, i), "field"), ""), zField) == 0)
      return true;
  return false;
}

/* What the record holds that the replacement does not give (a conflict is
** listed as one already). */
static void list_dropped(Merge *m, const json_t *pRec, const json_t *pRel) {
  for (int k = 0; azScalar[k]; k++) {
    const json_t *v = json_object_get(pRec, azScalar[k]);
    if (!absent(v) && !json_equal((json_t *)v, json_object_get(pRel, azScalar[k])) &&
        !in_conflict(m, azScalar[k]))
      dropped(m, azScalar[k], v);
  }
  const json_t *pNext = json_object_get(pRec, "next"), *pRelNext = json_object_get(pRel, "next");
  const char *azNext[] = {"date", "place"};
  for (int k = 0; k < 2; k++) {
    const char *zField = k ? "next.place" : "next.date";
    const json_t *v = json_object_get(pNext, azNext[k]);
    if (!absent(v) && !json_equal((json_t *)v, json_object_get(pRelNext, azNext[k])) &&
        !in_conflict(m, zField))
      dropped(m, zField, v);
  }
  const json_t *aAtt = json_object_get(pRec, "attendance");
  for (size_t i = 0; i < json_array_size(aAtt); i++) {
    const json_t *a = json_array_get(aAtt, i);
    const json_t *pNew = find_party(json_object_get(pRel, "attendance"), str(a, "party"));
    Buf f = {0};
    buf_printf(&f, "attendance.%s", dflt(str(a, "party"), "?"));
    if (!pNew) dropped(m, f.z, a);
    for (int k = 0; pNew && k < 2; k++) {
      const char *zKey = k ? "role" : "by";
      if (absent(json_object_get(a, zKey)) || !absent(json_object_get(pNew, zKey))) continue;
      buf_printf(&f, ".%s", zKey);
      dropped(m, f.z, json_object_get(a, zKey));
      f.n -= strlen(zKey) + 1;
      f.z[f.n] = 0;
    }
    buf_free(&f);
  }
  const json_t *aAd = json_object_get(pRec, "adopted");
  for (size_t i = 0; i < json_array_size(aAd); i++)
    if (!id_listed(json_object_get(pRel, "adopted"), json_array_get(aAd, i)))
      dropped(m, "adopted", json_array_get(aAd, i));
  const json_t *aSrc = json_object_get(pRec, "sources");
  for (size_t i = 0; i < json_array_size(aSrc); i++)
    if (!source_listed(json_object_get(pRel, "sources"), json_array_get(aSrc, i)))
      dropped(m, "sources", json_array_get(aSrc, i));
}

static void merge_init(IngestMerge *p) {
  memset(p, 0, sizeof(*p));
  p->aAdded = json_array();
  p->aConflict = json_array();
  p->aKept = json_array();
  p->aDropped = json_array();
}

static void merge_into(const json_t *pRecorded, const json_t *pSession, const json_t *pEvidence,
                       bool bReplace, IngestMerge *pOut) {
  Merge m = {pOut, pEvidence};
  json_t *pInto = json_deep_copy(pRecorded);
  for (int k = 0; azScalar[k]; k++)
    merge_field(&m, pInto, azScalar[k], azScalar[k], json_object_get(pSession, azScalar[k]));
  const json_t *pRelNext = json_object_get(pSession, "next");
  if (json_is_object(pRelNext)) {
    json_t *pNext = json_object_get(pInto, "next");
    json_t *pNew = json_is_object(pNext) ? json_deep_copy(pNext) : json_object();
    merge_field(&m, pNew, "date", "next.date", json_object_get(pRelNext, "date"));
    merge_field(&m, pNew, "place", "next.place", json_object_get(pRelNext, "place"));
    if (!json_equal(pNew, pNext) && json_object_size(pNew)) json_object_set(pInto, "next", pNew);
    json_decref(pNew);
  }
  merge_list(&m, pInto, "attendance", json_object_get(pSession, "attendance"));
  merge_list(&m, pInto, "adopted", json_object_get(pSession, "adopted"));
  merge_list(&m, pInto, "sources", json_object_get(pSession, "sources"));
  if (bReplace) {
    json_decref(pInto);
    pInto = json_deep_copy(pSession);
    json_object_set(pInto, "id", json_object_get(pRecorded, "id"));
    list_dropped(&m, pRecorded, pInto);
    pOut->bReplaced = true;
  }
  pOut->pSession = pInto;
  pOut->bSame = json_equal(pInto, (json_t *)pRecorded) && !json_array_size(pOut->aConflict);
}

void ingest_merge(const json_t *pRecorded, const json_t *pSession, const json_t *pEvidence,
                  bool bReplace, IngestMerge *pOut) {
  merge_init(pOut);
  pOut->pRecorded = json_deep_copy(pRecorded);
  merge_into(pRecorded, pSession, pEvidence, bReplace, pOut);
}

/* Do sessions a and b share zField (both set)? */
static bool same_field(const json_t *a, const json_t *b, const char *zField) {
  const json_t *x = json_object_get(a, zField), *y = json_object_get(b, zField);
  return !absent(x) && !absent(y) && json_equal((json_t *)x, (json_t *)y);
}

void ingest_merge_find(Db *pDb, const json_t *aPending, const json_t *pDraft, bool bReplace,
                       IngestMerge *pOut) {
  const json_t *s = json_object_get(pDraft, "session");
  const json_t *pEv = json_object_get(pDraft, "evidence");
  const char *zId = str(s, "id");
  /* The candidates: the sessions about to be loaded with this one, then the
  ** registry's (but those a pending one replaces). */
  json_t *aAll = json_array();
  for (size_t i = 0; i < json_array_size(aPending); i++)
    json_array_append(aAll, json_array_get(aPending, i));
  json_t *pById = 0;
  for (size_t i = 0; zId && i < json_array_size(aAll) && !pById; i++)
    if (strcmp(dflt(str(json_array_get(aAll, i), "id"), ""), zId) == 0)
      pById = json_incref(json_array_get(aAll, i));
  if (!pById && zId) pById = entity_get(pDb, K_SESSION, zId);
  json_t *aFound = json_array();
  const char *zMatch = 0;
  if (pById) {
    json_array_append_new(aFound, pById);
    zMatch = "id";
  } else {
    json_t *aReg = entity_list(pDb, K_SESSION, 0);
    for (size_t i = 0; i < json_array_size(aReg); i++) {
      json_t *r = json_array_get(aReg, i);
      bool bShadowed = false;
      for (size_t j = 0; j < json_array_size(aPending) && !bShadowed; j++)
        bShadowed =
            strcmp(dflt(str(json_array_get(aPending, j), "id"), ""), dflt(str(r, "id"), "")) == 0;
      if (!bShadowed) json_array_append(aAll, r);
    }
    json_decref(aReg);
    const char *azRule[] = {"date", "number"};
    for (int k = 0; k < 2 && !zMatch; k++) {
      if (!same_field(s, s, azRule[k])) continue; /* the draft has none */
      for (size_t i = 0; i < json_array_size(aAll); i++) {
        json_t *r = json_array_get(aAll, i);
        if (same_field(r, s, "body") && same_field(r, s, azRule[k])) json_array_append(aFound, r);
      }
      if (json_array_size(aFound)) zMatch = k ? "body and number" : "body and date";
    }
  }
  json_decref(aAll);
  if (json_array_size(aFound) == 1) {
    ingest_merge(json_array_get(aFound, 0), s, pEv, bReplace, pOut);
    pOut->zMatch = zMatch;
  } else {
    merge_init(pOut);
    pOut->pSession = json_deep_copy(s);
    pOut->zMatch = zMatch;
    if (json_array_size(aFound) > 1) {
      /* Which one is it about? Not to be guessed. */
      json_t *aIds = json_array();
      for (size_t i = 0; i < json_array_size(aFound); i++)
        json_array_append(aIds, json_object_get(json_array_get(aFound, i), "id"));
      differs(pOut->aConflict, "id", aIds, json_object_get(s, "id"));
      json_decref(aIds);
      pOut->bReplaced = bReplace;
    }
  }
  json_decref(aFound);
}

json_t *ingest_merge_json(const IngestMerge *p) {
  return json_pack("{s:O, s:O, s:s?, s:b, s:b, s:O, s:O, s:O, s:O}", "session",
                   json_object_get(p->pSession, "id"), "recorded",
                   p->pRecorded ? json_object_get(p->pRecorded, "id") : json_null(), "match",
                   p->zMatch, "replaced", p->bReplaced, "unchanged", p->bSame, "added", p->aAdded,
                   "conflicts", p->aConflict, "kept", p->aKept, "dropped", p->aDropped);
}

void ingest_merge_words(const json_t *v, Buf *pOut) {
  if (json_is_string(v)) {
    buf_puts(pOut, json_string_value(v));
  } else if (json_is_object(v) && str(v, "status")) {
    const char *zBy = str(v, "by"), *zRole = str(v, "role");
    buf_puts(pOut, str(v, "status"));
    if (zBy || zRole)
      buf_printf(pOut, " (%s%s%s)", zBy ? zBy : "", zBy && zRole ? ", " : "", zRole ? zRole : "");
  } else if (json_is_object(v) && str(v, "title")) {
    /* Its title cut at a word near 60 bytes, then its ref. */
    const char *zTitle = str(v, "title");
    size_t n = strlen(zTitle);
    if (n > 72) {
      n = 60;
      while (n < 72 && zTitle[n] != ' ') n++;
      while ((zTitle[n] & 0xC0) == 0x80) n--; /* not inside a UTF-8 character */
    }
    buf_append(pOut, zTitle, n);
    if (n < strlen(zTitle)) buf_puts(pOut, "...");
    if (str(v, "ref")) buf_printf(pOut, " (%s)", str(v, "ref"));
  } else if (json_is_array(v) && json_array_size(v) && json_is_string(json_array_get(v, 0))) {
    for (size_t i = 0; i < json_array_size(v); i++)
      buf_printf(pOut, "%s%s", i ? ", " : "", dflt(json_string_value(json_array_get(v, i)), ""));
  } else {
    char *z = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    buf_puts(pOut, z ? z : "null");
    xfree(z);
  }
}

void ingest_merge_free(IngestMerge *p) {
  json_decref(p->pRecorded);
  json_decref(p->pSession);
  json_decref(p->aAdded);
  json_decref(p->aConflict);
  json_decref(p->aKept);
  json_decref(p->aDropped);
  memset(p, 0, sizeof(*p));
}
