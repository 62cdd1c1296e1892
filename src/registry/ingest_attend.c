/*
** Ingest: who took part. Speakers ("President of Belarus Aleksandr
** Lukashenko named..."), the parties present and absent, and who said each
** quotation.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "ingest_internal.h"

/* ---- Speakers: "President of Belarus Aleksandr Lukashenko" ---------------- */

static const char *const azRole[] = {"Prime Minister",
                                     "Defense Minister",
                                     "Defence Minister",
                                     "Foreign Minister",
                                     "Minister of Foreign Affairs",
                                     "Minister of Defense",
                                     "Minister of Defence",
                                     "Secretary General",
                                     "Secretary-General",
                                     "Presidents",
                                     "President",
                                     "Chairman",
                                     "Chairperson",
                                     "Премьер-министр",
                                     "Министр иностранных дел",
                                     "Министр обороны",
                                     "Президент",
                                     "Председатель",
                                     0};

static const char *const azVerb[] = {
    "said",       "says",      "stressed",   "remarked",   "noted",          "named",
    "underlined", "took part", "emphasized", "emphasised", "added",          "summarized",
    "explained",  "asked",     "thanked",    "proposed",   "concluded",      "spoke",
    "told",       "stated",    "believes",   "outlined",   "recalled",       "urged",
    "заявил",     "отметил",   "подчеркнул", "сказал",     "принял участие", 0};

static bool overlaps_mention(const Doc *d, size_t i, size_t e) {
  for (int k = 0; k < d->nM; k++)
    if (d->aM[k].i < e && d->aM[k].e > i) return true;
  return false;
}

/* A run of up to 8 capitalized words from p: their spans in aW. */
static int capitalized_words(const Doc *d, size_t p, size_t aW[8][2]) {
  int nW = 0;
  while (nW < 8 && ig_upper_at(d, p)) {
    size_t q = p;
    while (q < d->n && (gz_letter_at(d->z, d->n, q) || d->z[q] == '-' ||
                        ((unsigned char)d->z[q] & 0xC0) == 0x80))
      q++;
    aW[nW][0] = p;
    aW[nW][1] = q;
    nW++;
    if (q < d->n && d->z[q] == ' ' && ig_upper_at(d, q + 1))
      p = q + 1;
    else
      break;
  }
  return nW;
}

/* What follows the speaker's name at v: a verb of speech or action
** ("said", "took part"), or a refusal ("would not attend"). */
static void after_speaker(const Doc *d, size_t v, Speaker *s) {
  static const char *const azAbsent[] = {"would not attend",
                                         "will not attend",
                                         "did not attend",
                                         "was absent",
                                         "не примет участи",
                                         "не принял участи",
                                         0};
  while (v < d->n && (d->z[v] == ' ' || d->z[v] == ',')) v++;
  for (int k = 0; azVerb[k]; k++) {
    size_t m = strlen(azVerb[k]);
    if (v + m <= d->n && memcmp(d->zLo + v, azVerb[k], m) == 0 &&
        !gz_letter_at(d->zLo, d->n, v + m))
      s->bVerb = true;
  }
  size_t eWin = v + 40 < d->n ? v + 40 : d->n;
  if (ig_has_any(d, v, eWin, azAbsent)) s->bAbsent = true;
}

/* The speaker whose role zRole is named at i: "Belarus President NAME",
** "Prime Minister of the Republic of Armenia NAME", "President NAME of
** Armenia"; the name is the last two words of the capitalized run. */
static bool read_speaker(const Doc *d, const char *zRole, size_t i, Speaker *s) {
  size_t e = i + strlen(zRole);
  if (gz_letter_before(d->z, i) || gz_letter_at(d->z, d->n, e)) return false;
  const char *zParty = 0;
  size_t iStart = i;
  /* "Belarus President", "Russian Defense Minister" */
  for (int k = 0; k < d->nM; k++) {
    const Mention *m = &d->aM[k];
    if (m->p->kind == GZ_PARTY && m->e + 1 == i && d->z[m->e] == ' ') {
      zParty = m->p->zKey;
      iStart = m->i;
    }
  }
  size_t p = e;
  if (p + 8 <= d->n && memcmp(d->z + p, " of the ", 8) == 0)
    p += 8;
  else if (p + 4 <= d->n && memcmp(d->z + p, " of ", 4) == 0)
    p += 4;
  else if (p < d->n && d->z[p] == ' ')
    p++;
  /* "Prime Minister of the Republic of Armenia Nikol Pashinyan" */
  if (p + 12 <= d->n && memcmp(d->zLo + p, "republic of ", 12) == 0) p += 12;
  size_t eCountry;
  const Mention *pCountry = !zParty ? ig_party_at(d, p, &eCountry) : 0;
  if (pCountry && eCountry < d->n && d->z[eCountry] == ' ' && ig_upper_at(d, eCountry + 1)) {
    zParty = pCountry->p->zKey;
    p = eCountry + 1;
  }
  size_t aW[8][2];
  int nW = capitalized_words(d, p, aW);
  for (int w = 0; w < nW && !zParty; w++) {
    size_t eP;
    const Mention *m = ig_party_at(d, aW[w][0], &eP);
    if (m) zParty = m->p->zKey;
  }
  if (nW < 2) return false;
  size_t iName = aW[nW - 2][0], eName = aW[nW - 1][1];
  if (overlaps_mention(d, iName, eName) || eName - iName >= sizeof(s->zName)) return false;
  memset(s, 0, sizeof(*s));
  s->i = iStart;
  s->e = eName;
  memcpy(s->zName, d->z + iName, eName - iName);
  snprintf(s->zRole, sizeof(s->zRole), "%s",
           strcmp(zRole, "Presidents") == 0 ? "President" : zRole);
  /* "Prime Minister Nikol Pashinyan of Armenia" */
  size_t eOf;
  const Mention *pOf = !zParty && eName + 4 < d->n && memcmp(d->z + eName, " of ", 4) == 0
                           ? ig_party_at(d, eName + 4, &eOf)
                           : 0;
  if (pOf) zParty = pOf->p->zKey;
  s->zParty = zParty;
  after_speaker(d, eName, s);
  return true;
}

void ig_find_speakers(Doc *d) {
  int nAlloc = 0;
  for (int r = 0; azRole[r]; r++) {
    for (const char *z = d->z; (z = strstr(z, azRole[r])) != 0; z++) {
      Speaker s;
      if (!read_speaker(d, azRole[r], (size_t)(z - d->z), &s)) continue;
      if (d->nS == nAlloc) {
        nAlloc = nAlloc ? 2 * nAlloc : 8;
        d->aS = xrealloc(d->aS, (size_t)nAlloc * sizeof(Speaker));
      }
      d->aS[d->nS++] = s;
    }
  }
}

const char *ig_surname(const char *zName) {
  const char *z = strrchr(zName, ' ');
  return z ? z + 1 : zName;
}

/* ---- Attendance ----------------------------------------------------------- */

/* Does the sentence around i say who took part ("attended by", "included",
** "with the participation of", "hosted by"), and not who was only invited
** or observed? */
static bool took_part_sentence(const Doc *d, size_t i) {
  static const char *const azPart[] = {"attended by",      "was attended",
                                       "attending",        "included",
                                       "participation of", "participated",
                                       "took part",        "hosted by",
                                       "chaired by",       "gathered",
                                       "с участием",       "приняли участие",
                                       "принял участие",   0};
  static const char *const azNot[] = {"invited", "observer", "приглаш", "наблюдат", 0};
  size_t s = ig_sent_start(d, i), e = ig_sent_end(d, i);
  return ig_has_any(d, s, e, azPart) && !ig_has_any(d, s, e, azNot);
}

/* Does a speaker's role fit the body's level (a president at a
** heads-of-state body, a minister at a ministers' body)? */
static bool role_fits(const char *zRole, const char *zLevel) {
  if (!zLevel || !*zLevel) return true;
  bool bPres = strstr(zRole, "President") || strstr(zRole, "Президент");
  bool bPm = strstr(zRole, "Prime Minister") || strstr(zRole, "Премьер");
  bool bMin = !bPm && (strstr(zRole, "Minister") || strstr(zRole, "Министр"));
  if (strcmp(zLevel, "heads_of_state") == 0) return bPres;
  if (strcmp(zLevel, "heads_of_government") == 0) return bPm;
  if (strcmp(zLevel, "ministers") == 0) return bMin;
  return !bPres && !bPm && !bMin;
}

void ig_attend_init(Attendance *a) {
  a->pPresent = json_object();
  a->pAbsent = json_object();
  a->pBy = json_object();
  a->pNamed = json_object();
}

void ig_attend_free(Attendance *a) {
  json_decref(a->pPresent);
  json_decref(a->pAbsent);
  json_decref(a->pBy);
  json_decref(a->pNamed);
}

/* Present: the parties listed after "leaders of", "delegations of",
** "лидеры"... ("the leaders of Belarus, Kazakhstan and Russia"). */
void ig_attend_listed(const Doc *d, Attendance *a) {
  static const char *const azList[] = {"leaders of ",
                                       "leaders: ",
                                       "heads of state of ",
                                       "heads of delegations of ",
                                       "delegations of ",
                                       "representatives of ",
                                       "presidents of ",
                                       "лидеры ",
                                       "главы государств ",
                                       "делегации ",
                                       "foreign ministers of ",
                                       "defence ministers of ",
                                       "defense ministers of ",
                                       "prime ministers of ",
                                       "heads of government of ",
                                       "министры иностранных дел ",
                                       "министры обороны ",
                                       "главы правительств ",
                                       0};
  for (int k = 0; azList[k]; k++) {
    size_t nW = strlen(azList[k]);
    for (const char *z = d->zLo; (z = strstr(z, azList[k])) != 0; z += nW) {
      size_t i = (size_t)(z - d->zLo) + nW, e;
      const Mention *pM;
      while ((pM = ig_party_at(d, i, &e)) != 0) {
        json_t *pSpan = ig_span(d, pM->i, pM->e);
        json_object_set_new(a->pPresent, pM->p->zKey, pSpan);
        i = e;
        if (i + 2 <= d->n && memcmp(d->zLo + i, "'s", 2) == 0) i += 2;
        if (i + 4 <= d->n && memcmp(d->zLo + i, "’s", 4) == 0) i += 4;
        if (i < d->n && d->z[i] == ',') i++;
        while (i < d->n && d->z[i] == ' ') i++;
        if (i + 4 <= d->n && memcmp(d->zLo + i, "and ", 4) == 0) i += 4;
        if (i + 3 <= d->n && memcmp(d->zLo + i, "и ", 3) == 0) i += 3;
      }
    }
  }
}

/* Absent: "not attended by X", "without the participation of X", "absence
** of X", "без участия X", "в отсутствие X"; "X's absence", "X's decision to
** skip". */
void ig_attend_absent(const Doc *d, Attendance *a) {
  static const char *const azAbsentBy[] = {"not attended by ", "without the participation of ",
                                           "absence of ",      "без участия ",
                                           "отсутстви",        0};
  for (int k = 0; azAbsentBy[k]; k++) {
    size_t nW = strlen(azAbsentBy[k]);
    for (const char *z = d->zLo; (z = strstr(z, azAbsentBy[k])) != 0; z += nW) {
      size_t i = (size_t)(z - d->zLo), e = ig_sent_end(d, i);
      if (e > i + nW + 60) e = i + nW + 60;
      for (int j = 0; j < d->nM; j++) {
        const Mention *pM = &d->aM[j];
        if (pM->p->kind == GZ_PARTY && pM->i >= i + nW && pM->e <= e)
          json_object_set_new(a->pAbsent, pM->p->zKey, ig_span(d, i, pM->e));
      }
    }
  }
  static const char *const azAbsentAfter[] = {"'s absence", "’s absence", "'s decision to skip",
                                              "’s decision to skip", 0};
  for (int k = 0; k < d->nM; k++) {
    const Mention *pM = &d->aM[k];
    if (pM->p->kind != GZ_PARTY) continue;
    for (int j = 0; azAbsentAfter[j]; j++) {
      size_t n = strlen(azAbsentAfter[j]);
      if (pM->e + n <= d->n && memcmp(d->zLo + pM->e, azAbsentAfter[j], n) == 0)
        json_object_set_new(a->pAbsent, pM->p->zKey, ig_span(d, pM->i, pM->e + n));
    }
  }
}

/* Speakers: one who "would not attend" is absent; one whose role fits the
** body's level and who speaks or acts, or any named in a sentence saying
** who took part, is present. The first fitting speaker of a party is its
** "by". */
void ig_attend_speakers(const Doc *d, const char *zLevel, Attendance *a) {
  for (int k = 0; k < d->nS; k++) {
    const Speaker *s = &d->aS[k];
    if (!s->zParty) continue;
    if (s->bAbsent) {
      json_object_set_new(a->pAbsent, s->zParty, ig_span(d, s->i, s->e));
      continue;
    }
    /* Named in a sentence saying who took part: present whatever the
    ** role (a prime minister may stand in for a president). */
    bool bTookPart = took_part_sentence(d, s->i);
    if (!bTookPart && !role_fits(s->zRole, zLevel)) continue;
    if ((s->bVerb || bTookPart) && !json_object_get(a->pPresent, s->zParty))
      json_object_set_new(a->pPresent, s->zParty,
                          ig_span(d, s->i, s->e + 12 < d->n ? s->e + 12 : d->n));
    if (!json_object_get(a->pBy, s->zParty))
      json_object_set_new(a->pBy, s->zParty, json_integer(k));
  }
}

/* "with the participation of Presidents A B of Belarus, C D of Kazakhstan":
** in a sentence saying who took part, "NAME of COUNTRY" is present. */
void ig_attend_named(const Doc *d, Attendance *a) {
  for (int k = 0; k < d->nM; k++) {
    const Mention *pM = &d->aM[k];
    if (pM->p->kind != GZ_PARTY || pM->i < 8 || memcmp(d->z + pM->i - 4, " of ", 4) != 0 ||
        !ig_upper_at(d, ig_word_start(d, pM->i - 4)) || json_object_get(a->pPresent, pM->p->zKey) ||
        !took_part_sentence(d, pM->i))
      continue;
    size_t iName = ig_word_start(d, pM->i - 4);
    if (iName > 1 && d->z[iName - 1] == ' ' && ig_upper_at(d, ig_word_start(d, iName - 1)))
      iName = ig_word_start(d, iName - 1);
    json_object_set_new(a->pPresent, pM->p->zKey, ig_span(d, iName, pM->e));
    if (!json_object_get(a->pNamed, pM->p->zKey))
      json_object_set_new(a->pNamed, pM->p->zKey, json_stringn(d->z + iName, pM->i - 4 - iName));
  }
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void add_attend(json_t *aAtt, const char *zParty, const char *zStatus, const char *zBy,
                       const char *zRole) {
  json_t *p = json_object();
  json_object_set_new(p, "party", json_string(zParty));
  json_object_set_new(p, "status", json_string(zStatus));
  if (zBy) json_object_set_new(p, "by", json_string(zBy));
  if (zBy && zRole) json_object_set_new(p, "role", json_string(zRole));
  json_array_append_new(aAtt, p);
}

json_t *ig_attend_record(Doc *d, const Attendance *a) {
  json_t *aAtt = json_array();
  for (int pass = 0; pass < 2; pass++) {
    json_t *pSet = pass ? a->pAbsent : a->pPresent;
    const char *az[64];
    int nA = 0;
    const char *zCode;
    json_t *pVal;
    json_object_foreach(pSet, zCode, pVal) {
      if (nA < 64 && (pass || !json_object_get(a->pAbsent, zCode))) az[nA++] = zCode;
    }
    if (nA) qsort(az, (size_t)nA, sizeof(az[0]), cmp_str);
    for (int k = 0; k < nA; k++) {
      const Speaker *s = 0;
      json_t *pIdx = json_object_get(a->pBy, az[k]);
      if (!pass && pIdx) s = &d->aS[json_integer_value(pIdx)];
      const char *zNamed = pass ? 0 : str(a->pNamed, az[k]);
      add_attend(aAtt, az[k], pass ? "absent" : "present", s ? s->zName : zNamed, s ? s->zRole : 0);
      char zField[48];
      snprintf(zField, sizeof(zField), "attendance.%s", az[k]);
      json_t *pE = json_object();
      json_object_set(pE, "text", json_object_get(pSet, az[k]));
      json_object_set_new(pE, "confidence", json_real(pass ? 0.8 : 0.7));
      json_object_set_new(pE, "inferred", json_false());
      json_object_set_new(pE, "status", json_string(pass ? "absent" : "present"));
      json_object_set_new(d->pEv, zField, pE);
    }
  }
  return aAtt;
}

/* ---- Quotes ------------------------------------------------------------- */

/* The release's main speaker, who says what no name is put to ("the head
** of state said"): the one whose surname the text names most often (the
** first on a tie), not a speaker of an absent party. */
const char *ig_main_speaker(const Doc *d, const json_t *aAttendance) {
  const char *zMain = 0;
  int nMain = 0;
  for (int k = 0; k < d->nS; k++) {
    const Speaker *sp = &d->aS[k];
    bool bAbsent = false;
    for (size_t j = 0; sp->zParty && j < json_array_size(aAttendance); j++) {
      const json_t *pA = json_array_get(aAttendance, j);
      bAbsent |=
          strcmp(str(pA, "party"), sp->zParty) == 0 && strcmp(str(pA, "status"), "absent") == 0;
    }
    const char *zSur = ig_surname(sp->zName);
    int n = 0;
    for (const char *z = d->z; *zSur && (z = strstr(z, zSur)) != 0; z += strlen(zSur)) n++;
    if (!bAbsent && n > nMain) {
      zMain = sp->zName;
      nMain = n;
    }
  }
  return zMain;
}

bool ig_quote_at(const Doc *d, size_t i, size_t *pnOpen, size_t *pj, size_t *pnClose) {
  size_t nOpen = 0;
  const char *zClose = 0;
  if (memcmp(d->z + i, "“", 3) == 0) {
    nOpen = 3;
    zClose = "”";
  } else if (memcmp(d->z + i, "«", 2) == 0) {
    nOpen = 2;
    zClose = "»";
  } else if (d->z[i] == '"' && (i == 0 || !gz_letter_before(d->z, i))) {
    nOpen = 1;
    zClose = "\"";
  }
  if (!nOpen) return false;
  size_t j = i + nOpen, nClose = strlen(zClose);
  while (j + nClose <= d->n && memcmp(d->z + j, zClose, nClose) != 0 && d->z[j] != '\n') j++;
  if (j + nClose > d->n || d->z[j] == '\n') return false;
  *pnOpen = nOpen;
  *pj = j;
  *pnClose = nClose;
  return true;
}

/* Speaker: a name after the quote in its sentence ("...," Mirziyoyev
** said); else a role there ("the head of state said"): the main speaker;
** else the nearest name in the 300 bytes before the quote ("Lebedev said
** during the summit. ... “...,” he said."); else the main speaker. Only the
** first is not inferred. */
const char *ig_quote_speaker(const Doc *d, size_t i, size_t a, const char *zMain, double *pConf,
                             bool *pbNamed) {
  static const char *const azRoleWord[] = {
      "head of state",     "president", "leader", "prime minister",
      "глава государства", "президент", "лидер",  0};
  const char *zWho = 0;
  double conf = 0.4;
  size_t b = ig_sent_end(d, a);
  for (int k = 0; k < d->nS && !zWho; k++) {
    const char *zSur = ig_surname(d->aS[k].zName);
    size_t n = strlen(zSur);
    for (size_t q = a; n && q + n <= b && !zWho; q++)
      if (memcmp(d->z + q, zSur, n) == 0) zWho = d->aS[k].zName;
  }
  bool bNamed = zWho != 0;
  if (!zWho && ig_has_any(d, a, b, azRoleWord)) {
    zWho = zMain;
    conf = 0.6;
  }
  /* A quote inside a sentence that names people before it ("Lukashenko
  ** thanked President Mirziyoyev for ..., “I suggest ...”") is its
  ** subject's, the first named; else the nearest name before. */
  size_t iSent = ig_sent_start(d, i);
  bool bInSentence = false;
  for (int k = 0; k < d->nS && !zWho && !bInSentence; k++)
    bInSentence = d->aS[k].i >= iSent && d->aS[k].i < i;
  if (!zWho) {
    size_t s0 = bInSentence ? iSent : i > 300 ? i - 300 : 0, iBest = 0;
    for (int k = 0; k < d->nS; k++) {
      const char *zSur = ig_surname(d->aS[k].zName);
      size_t n = strlen(zSur);
      for (size_t q = i; n && q-- > s0;) { /* its last mention before the quote */
        if (q + n > i || memcmp(d->z + q, zSur, n) != 0) continue;
        if (!zWho || (bInSentence ? q < iBest : q > iBest)) {
          zWho = d->aS[k].zName;
          iBest = q;
        }
        break;
      }
    }
    if (zWho) conf = 0.6;
  }
  if (!zWho) zWho = zMain;
  if (!zWho) conf = 0.3;
  if (bNamed) conf = 0.8;
  *pConf = conf;
  *pbNamed = bNamed;
  return zWho;
}
