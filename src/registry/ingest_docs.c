/*
** Ingest: the documents a session adopted ("the leaders approved the X and
** the Y"), matched to the registry's documents by the words of their
** titles, and the decision on a chair change the registry holds.
*/
#include <stdio.h>
#include <string.h>

#include "fields.h"
#include "ingest_internal.h"

/* Words of 4+ letters, folded, for matching document titles. */
static int title_words(const char *z, char azW[][32], int nMax) {
  static const char *const azStop[] = {"with",  "from", "that",  "this",   "into", "their",
                                       "there", "main", "state", "states", 0};
  int n = 0;
  char zLo[1024];
  snprintf(zLo, sizeof(zLo), "%s", z);
  size_t nLo = strlen(zLo);
  gz_fold(zLo, nLo);
  for (size_t i = 0; zLo[i] && n < nMax;) {
    if (!gz_letter_at(zLo, nLo, i)) {
      i++;
      continue;
    }
    size_t j = i;
    while (zLo[j] && (gz_letter_at(zLo, nLo, j) || ((unsigned char)zLo[j] & 0xC0) == 0x80)) j++;
    if (j - i >= 4 && j - i < 32) {
      bool bStop = false;
      for (int k = 0; azStop[k]; k++)
        if (strlen(azStop[k]) == j - i && memcmp(zLo + i, azStop[k], j - i) == 0) bStop = true;
      if (!bStop) {
        memcpy(azW[n], zLo + i, j - i);
        azW[n][j - i] = 0;
        n++;
      }
    }
    i = j;
  }
  return n;
}

/* The registry's document of zOrg best matching a phrase and not used yet,
** or NULL; *pScore: how well (0..1). */
static const char *match_document(const Doc *d, const char *zOrg, const char *zPhrase,
                                  double *pScore, json_t *pUsed) {
  char azP[24][32], azT[48][32];
  int nP = title_words(zPhrase, azP, 24);
  const char *zBest = 0;
  double best = 0;
  if (nP == 0) return 0;
  for (size_t i = 0; i < json_array_size(d->g->pDocs); i++) {
    const json_t *pDoc = json_array_get(d->g->pDocs, i);
    const char *zId = str(pDoc, "id");
    const char *zO = str(pDoc, "organization");
    if (!zId || (zOrg && zO && strcmp(zO, zOrg) != 0)) continue;
    if (json_object_get(pUsed, zId)) continue;
    const char *zLang;
    json_t *pTitle;
    json_object_foreach(json_object_get((json_t *)pDoc, "title"), zLang, pTitle) {
      if (!json_is_string(pTitle)) continue;
      int nT = title_words(json_string_value(pTitle), azT, 48), nCommon = 0;
      for (int a = 0; a < nP; a++) {
        for (int b = 0; b < nT; b++) {
          size_t la = strlen(azP[a]), lb = strlen(azT[b]), l = la < lb ? la : lb;
          if (l >= 4 && memcmp(azP[a], azT[b], l > 6 ? l - 2 : l) == 0) {
            nCommon++;
            break;
          }
        }
      }
      double recall = (double)nCommon / nP, jac = (double)nCommon / (nP + nT - nCommon);
      double score = recall + jac;
      if (recall >= 0.6 && score > best) {
        best = score;
        zBest = zId;
      }
    }
  }
  *pScore = best / 2;
  return zBest;
}

/* Is the verb at i, in the sentence starting at s, the session's: not
** passive ("was adopted"), and its subject a body (aLeast: ig_least_ends
** of bodies) or "the participants", "the leaders"? */
static bool adopted_by_session(const Doc *d, const size_t *aLeast, size_t i, size_t s) {
  static const char *const azWho[] = {"participants", "leaders", "heads of state",
                                      "участники",    "главы",   0};
  /* "was adopted", "were signed"; "we signed" (a speaker's, not the session's);
  ** i is the space before the verb */
  if (i >= s + 4 &&
      (memcmp(d->zLo + i - 4, " was", 4) == 0 || memcmp(d->zLo + i - 4, "were", 4) == 0))
    return false;
  if (i >= s + 2 && memcmp(d->zLo + i - 2, "we", 2) == 0 && !gz_letter_before(d->zLo, i - 2))
    return false;
  return ig_mention_inside(d, aLeast, s, i) || ig_has_any(d, s, i, azWho);
}

/* The phrase at [p, q): in the evidence, matched or not; adopted if
** matched. */
static void add_phrase(const Doc *d, const char *zOrg, size_t p, size_t q, Adopted *pA) {
  char zPhrase[512];
  snprintf(zPhrase, sizeof(zPhrase), "%.*s", (int)(q - p), d->z + p);
  double score = 0;
  const char *zDoc = match_document(d, zOrg, zPhrase, &score, pA->pUsed);
  json_t *pD = json_object();
  json_object_set_new(pD, "text", ig_span(d, p, q));
  json_object_set_new(pD, "document", zDoc ? json_string(zDoc) : json_null());
  json_object_set_new(pD, "confidence", json_real(zDoc ? (int)(score * 100) / 100.0 : 0.3));
  json_object_set_new(pD, "inferred", json_false());
  json_array_append_new(pA->aDocs, pD);
  if (zDoc) {
    json_object_set_new(pA->pUsed, zDoc, json_true());
    json_array_append_new(pA->aIds, json_string(zDoc));
  }
}

/* The object at [a, e) ("the X and the Y during the summit") up to
** "during", "at the", "in the course", split at " and the " and ", ". */
static void add_object(const Doc *d, const char *zOrg, size_t a, size_t e, Adopted *pA) {
  static const char *const azEndObj[] = {" during ", " at the ", " in the course", 0};
  for (int q = 0; azEndObj[q]; q++) {
    size_t iEnd = ig_find(d, a, azEndObj[q]);
    if (iEnd < e) e = iEnd;
  }
  size_t p = a;
  while (p < e) {
    /* A phrase that an earlier verb of the sentence already reached: it and
    ** every phrase after it are in the draft once ("approved A, approved B,
    ** ..." would otherwise grow the draft as the square of the sentence). */
    char zAt[32];
    snprintf(zAt, sizeof(zAt), "@%zu", p);
    if (json_object_get(pA->pUsed, zAt)) break;
    json_object_set_new(pA->pUsed, zAt, json_true());
    size_t q = p, qNext = e;
    for (; q < e; q++) {
      if (q + 9 <= e && memcmp(d->zLo + q, " and the ", 9) == 0) {
        qNext = q + 9;
        break;
      }
      if (q + 2 <= e && memcmp(d->zLo + q, ", ", 2) == 0) {
        qNext = q + 2;
        break;
      }
    }
    add_phrase(d, zOrg, p, q, pA);
    p = qNext;
  }
}

void ig_find_adopted(const Doc *d, const char *zOrg, Adopted *pA) {
  static const char *const azAdopt[] = {" approved ", " adopted ", " signed ", " утвердил",
                                        " принял",    " подписал", 0};
  size_t *aLeast = ig_least_ends(d, 1u << GZ_BODY);
  for (int k = 0; azAdopt[k]; k++) {
    size_t nW = strlen(azAdopt[k]);
    for (const char *z = d->zLo; (z = strstr(z, azAdopt[k])) != 0; z += nW) {
      size_t i = (size_t)(z - d->zLo), s = ig_sent_start(d, i);
      if (adopted_by_session(d, aLeast, i, s)) add_object(d, zOrg, i + nW, ig_sent_end(d, i), pA);
    }
  }
  xfree(aLeast);
}

/* The party's English name, or NULL. */
static const char *party_name_en(const Doc *d, const char *zCode) {
  for (size_t i = 0; i < json_array_size(d->g->pParties); i++) {
    const json_t *p = json_array_get(d->g->pParties, i);
    if (strcmp(str(p, "code"), zCode) == 0) return str(json_object_get(p, "name"), "en");
  }
  return 0;
}

/* A decision whose English title names the party, the year and a
** presidency or chair. */
void ig_chair_decision(const Doc *d, const char *zParty, int year, size_t s, size_t e,
                       Adopted *pA) {
  const char *zPartyName = party_name_en(d, zParty);
  char zYear[8];
  snprintf(zYear, sizeof(zYear), "%d", year);
  for (size_t q = 0; year && zPartyName && q < json_array_size(d->g->pDocs); q++) {
    const json_t *pDoc = json_array_get(d->g->pDocs, q);
    const char *zT = str(json_object_get(pDoc, "title"), "en");
    const char *zId = str(pDoc, "id");
    const char *zType = str(pDoc, "type");
    if (!zT || !zId || !zType || strcmp(zType, "decision") != 0) continue;
    if (json_object_get(pA->pUsed, zId)) continue;
    if (strstr(zT, zPartyName) && strstr(zT, zYear) &&
        (strstr(zT, "presidency") || strstr(zT, "chair") || strstr(zT, "Presidency"))) {
      json_array_append_new(pA->aIds, json_string(zId));
      json_object_set_new(pA->pUsed, zId, json_true());
      json_t *pD = json_object();
      json_object_set_new(pD, "text", ig_span(d, s, e));
      json_object_set_new(pD, "document", json_string(zId));
      json_object_set_new(pD, "confidence", json_real(0.6));
      json_object_set_new(pD, "inferred", json_true());
      json_array_append_new(pA->aDocs, pD);
    }
  }
}
