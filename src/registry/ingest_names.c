/*
** Ingest: the gazetteer's names in the press release (parties, capitals
** and cities, organizations, bodies), and which body met.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_internal.h"

static int cmp_mention(const void *a, const void *b) {
  const Mention *x = a, *y = b;
  if (x->i != y->i) return x->i < y->i ? -1 : 1;
  if (x->e != y->e) return x->e > y->e ? -1 : 1;
  return 0;
}

static int cmp_by_end(const void *a, const void *b) {
  const size_t *x = a, *y = b; /* {end, index} */
  if (x[0] != y[0]) return x[0] < y[0] ? -1 : 1;
  return x[1] < y[1] ? -1 : x[1] > y[1];
}

static void add_mention(Doc *d, int *pnAlloc, size_t i, size_t e, const GzEntry *p) {
  if (d->nM == *pnAlloc) {
    *pnAlloc = *pnAlloc ? 2 * *pnAlloc : 64;
    d->aM = xrealloc(d->aM, (size_t)*pnAlloc * sizeof(Mention));
  }
  d->aM[d->nM++] = (Mention){i, e, p};
}

/* The end of the word whose stem ends at e, if it ends within 4 letters (8
** bytes, Cyrillic); else SIZE_MAX. */
static size_t stem_word_end(const Doc *d, size_t e) {
  size_t we = ig_word_end(d, e);
  return we <= e + 8 ? we : SIZE_MAX;
}

/* A name of stems (bWords): its first word by strstr, the others checked
** one space apart, each word ending within 4 letters of its stem. The
** check reads at most the pattern's length plus 8 bytes a word. */
static void find_words(Doc *d, const GzEntry *p, int *pnAlloc) {
  const char *zSp = memchr(p->zPat, ' ', p->nPat);
  size_t nFirst = zSp ? (size_t)(zSp - p->zPat) : p->nPat;
  char zFirst[128];
  if (nFirst >= sizeof(zFirst)) return;
  memcpy(zFirst, p->zPat, nFirst);
  zFirst[nFirst] = 0;
  for (const char *z = d->zLo; (z = strstr(z, zFirst)) != 0; z++) {
    size_t i = (size_t)(z - d->zLo), e = stem_word_end(d, i + nFirst), q = nFirst;
    if (gz_letter_before(d->zLo, i)) continue;
    while (e != SIZE_MAX && q < p->nPat) {
      /* p->zPat[q] is the space before the next stem */
      size_t w = q + 1;
      const char *zNext = memchr(p->zPat + w, ' ', p->nPat - w);
      size_t nW = zNext ? (size_t)(zNext - (p->zPat + w)) : p->nPat - w;
      if (e + 1 + nW > d->n || d->z[e] != ' ' || memcmp(d->zLo + e + 1, p->zPat + w, nW) != 0) {
        e = SIZE_MAX;
        break;
      }
      e = stem_word_end(d, e + 1 + nW);
      q = w + nW;
    }
    if (e != SIZE_MAX) add_mention(d, pnAlloc, i, e, p);
  }
}

void ig_find_mentions(Doc *d) {
  int nAlloc = 0;
  for (int k = 0; k < d->g->n; k++) {
    const GzEntry *p = &d->g->a[k];
    if (p->bWords) {
      find_words(d, p, &nAlloc);
      continue;
    }
    for (const char *z = d->zLo; (z = strstr(z, p->zPat)) != 0; z++) {
      size_t i = (size_t)(z - d->zLo), e = i + p->nPat;
      if (gz_letter_before(d->zLo, i)) continue;
      if (p->bPrefix)
        e = ig_word_end(d, e);
      else if (gz_letter_at(d->zLo, d->n, e))
        continue;
      if (d->nM == nAlloc) {
        nAlloc = nAlloc ? 2 * nAlloc : 64;
        d->aM = xrealloc(d->aM, (size_t)nAlloc * sizeof(Mention));
      }
      d->aM[d->nM++] = (Mention){i, e, p};
    }
  }
  if (d->nM) qsort(d->aM, (size_t)d->nM, sizeof(Mention), cmp_mention);
  /* Drop a mention inside a longer one ("CIS" in "CIS Executive Committee"). */
  int j = 0;
  size_t iCov = 0, eCov = 0; /* the earlier mention reaching furthest (sorted by start) */
  for (int k = 0; k < d->nM; k++) {
    Mention b = d->aM[k];
    if (!(k > 0 && b.i >= iCov && b.e <= eCov && eCov - iCov > b.e - b.i)) d->aM[j++] = b;
    if (k == 0 || b.e > eCov) {
      iCov = b.i;
      eCov = b.e;
    }
  }
  d->nM = j;
  /* The indexes: how far the mentions up to each reach, and the mentions
  ** by end. */
  size_t nM = (size_t)d->nM;
  d->aReach = xmalloc((nM ? nM : 1) * sizeof(size_t));
  d->aByEnd = xmalloc((nM ? nM : 1) * sizeof(int));
  size_t(*aPair)[2] = xmalloc((nM ? nM : 1) * sizeof(*aPair));
  for (size_t k = 0; k < nM; k++) {
    d->aReach[k] = k && d->aReach[k - 1] > d->aM[k].e ? d->aReach[k - 1] : d->aM[k].e;
    aPair[k][0] = d->aM[k].e;
    aPair[k][1] = k;
  }
  if (nM) qsort(aPair, nM, sizeof(*aPair), cmp_by_end);
  for (size_t k = 0; k < nM; k++) d->aByEnd[k] = (int)aPair[k][1];
  xfree(aPair);
}

int ig_mention_from(const Doc *d, size_t i) {
  int lo = 0, hi = d->nM;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (d->aM[mid].i < i)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Is [i, ...) a word in capitals followed by a space, its end in *pE? */
static bool cap_word(const Doc *d, size_t i, size_t *pE) {
  if (i >= d->n || !ig_upper_at(d, i)) return false;
  size_t e = ig_word_end(d, i);
  if (e == i) return false;
  *pE = e;
  return true;
}

/* A full stop inside a list of heads is no sentence's end: "..., Chairman
** of the Cabinet of Ministers. Kyrgyzstan Adylbek Kasymaliev, Chairman of
** the Russian Government ..." (a stray stop in a title). The stop follows a
** word in capitals in a sentence with two commas or more, and after it
** come a party's name, a name of two or three words and a comma. */
void ig_mend_list_stops(Doc *d) {
  size_t o = 0, s = 0;
  for (size_t k = 0; k < d->nEnd; k++) {
    size_t t = d->aEnd[k];
    bool bKeep = true;
    if (d->z[t] == '.' && t + 2 < d->n && d->z[t + 1] == ' ' && t > s &&
        ig_upper_at(d, ig_word_start(d, t))) {
      int nComma = 0;
      for (size_t q = s; q < t; q++) nComma += d->z[q] == ',';
      int x = ig_mention_from(d, t + 2);
      size_t e = 0, w = 0;
      int nW = 0;
      if (nComma >= 2 && x < d->nM && d->aM[x].i == t + 2 && d->aM[x].p->kind == GZ_PARTY &&
          d->aM[x].p->type != GZ_CAPITAL) {
        e = d->aM[x].e;
        while (nW < 3 && e + 1 < d->n && d->z[e] == ' ' && cap_word(d, e + 1, &w)) {
          e = w;
          nW++;
        }
      }
      if (nW >= 2 && e < d->n && d->z[e] == ',') bKeep = false;
    }
    if (bKeep) {
      d->aEnd[o++] = d->aEnd[k];
      s = t + 1;
    }
  }
  d->nEnd = o;
}

int ig_mention_ending(const Doc *d, size_t e) {
  int lo = 0, hi = d->nM;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (d->aM[d->aByEnd[mid]].e < e)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

size_t *ig_least_ends(const Doc *d, unsigned mKinds) {
  size_t *a = xmalloc(((size_t)d->nM + 1) * sizeof(size_t));
  a[d->nM] = SIZE_MAX;
  for (int k = d->nM - 1; k >= 0; k--) {
    size_t e = mKinds & (1u << d->aM[k].p->kind) ? d->aM[k].e : SIZE_MAX;
    a[k] = e < a[k + 1] ? e : a[k + 1];
  }
  return a;
}

/* A mention wholly inside [s, e) starts at or after s: of those, the one
** ending first. */
bool ig_mention_inside(const Doc *d, const size_t *aLeast, size_t s, size_t e) {
  return aLeast[ig_mention_from(d, s)] <= e;
}

const Mention *ig_party_at(const Doc *d, size_t i, size_t *pE) {
  while (i < d->n && d->z[i] == ' ') i++;
  for (int k = ig_mention_from(d, i); k < d->nM && d->aM[k].i == i; k++) {
    if (d->aM[k].p->kind == GZ_PARTY) {
      *pE = d->aM[k].e;
      return &d->aM[k];
    }
  }
  return 0;
}

/* ---- People: "President Putin", «Путина» ------------------------------- */

void ig_find_people(Doc *d) {
  if (!d->g->nPeople) return;
  /* a Russian surname's case endings, longest first */
  static const char *const azEnd[] = {"ым", "им", "ом", "ем", "а", "я", "у", "ю", "е", 0};
  int nAlloc = 0;
  size_t i = 0;
  while (i < d->n) {
    if (!ig_upper_at(d, i) || gz_letter_before(d->z, i)) {
      i++;
      continue;
    }
    size_t e = ig_word_end(d, i);
    if (e <= i) {
      i++;
      continue;
    }
    int k = ig_mention_from(d, e);
    bool bInMention = k > 0 && d->aReach[k - 1] > i;
    const GzPerson *p = 0;
    bool bGen = false;
    char zKey[32];
    if (!bInMention && e - i < 60) {
      if (gz_name_key(d->z + i, e - i, zKey, sizeof(zKey))) p = gz_person(d->g, zKey);
      for (int x = 0; !p && azEnd[x] && (unsigned char)d->z[i] >= 0xD0; x++) {
        size_t m = strlen(azEnd[x]);
        if (e - i > m + 6 && memcmp(d->zLo + e - m, azEnd[x], m) == 0 &&
            gz_name_key(d->z + i, e - i - m, zKey, sizeof(zKey))) {
          p = gz_person(d->g, zKey);
          bGen = p && m == 2 && (azEnd[x][1] == '\xb0' || azEnd[x][1] == '\x8f');
        }
      }
    }
    if (p) {
      if (d->nP == nAlloc) {
        nAlloc = nAlloc ? 2 * nAlloc : 16;
        d->aP = xrealloc(d->aP, (size_t)nAlloc * sizeof(Mention));
        d->aPGen = xrealloc(d->aPGen, (size_t)nAlloc * sizeof(bool));
      }
      d->aPGen[d->nP] = bGen;
      d->aP[d->nP++] = (Mention){i, e, &p->party};
    }
    i = e;
  }
}

const Mention *ig_person_at(const Doc *d, size_t i) {
  int lo = 0, hi = d->nP;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (d->aP[mid].i < i)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < d->nP && d->aP[lo].i == i ? &d->aP[lo] : 0;
}

/* ---- Which body met ------------------------------------------------------- */

/* Words before a mention of a session that is not this one. */
static const char *const azPast[] = {"last ",   "previous ", "latest ", "recent ",
                                     "прошлог", "прошлом",   "прошлый", "прошлой",
                                     "прошлую", "предыдущ",  0};

enum { MAX_CHOICES = 64 };

/* How many mentions name something of each organization (org -> count). */
static void count_orgs(const Doc *d, StrMap *pCount) {
  for (int k = 0; k < d->nM; k++) {
    bool bNew;
    (*strmap_insert(pCount, d->aM[k].p->zOrg, 0, &bNew))++;
  }
}

static int org_count(const StrMap *pCount, const char *zOrg) {
  const int *p = strmap_find(pCount, zOrg);
  return p ? *p : 0;
}

/* Add score to pBody's choice, made at mention m if it is the first. */
static void add_score(Choice *aC, int *pnC, const GzEntry *pBody, const Mention *m, double score) {
  int c = 0;
  while (c < *pnC && strcmp(aC[c].zKey, pBody->zKey) != 0) c++;
  if (c == *pnC) {
    if (*pnC == MAX_CHOICES) return;
    aC[(*pnC)++] = (Choice){pBody->zKey, pBody->zOrg, pBody->zLevel, 0, m->i, m->e};
  }
  if (score > 0) aC[c].score += score;
}

/* Every mention of a body scores: after "session of", "meeting of", "with
** the"; in the date's sentence; early in the text; less after "last". */
static void score_bodies(const Doc *d, const DateM *pDate, Choice *aC, int *pnC) {
  static const char *const azBefore[] = {
      "session of",     "meeting of", "summit of", "sitting of", "with the", "participants of",
      "taking part in", "заседани",   "встреч",    "саммит",     "сесси",    0};
  StrMap orgs = {0};
  count_orgs(d, &orgs);
  size_t eTitle = 0; /* the end of the last body named in a title */
  for (int k = 0; k < d->nM; k++) {
    const Mention *m = &d->aM[k];
    if (m->p->kind != GZ_BODY) continue;
    size_t s = m->i >= 30 ? m->i - 30 : 0;
    /* a body in someone's title ("председатель коллегии Евразийской
    ** экономической комиссии Михаил Мясникович", "Chairman of the CIS
    ** Executive Committee") is no meeting of it */
    static const char *const azTitle[] = {
        "chairman of the ", "chairman of ",   "head of the ", "secretary of the ", "председатель ",
        "председателя ",    "председателем ", "коллегии ",    "руководител",       0};
    if (ig_has_any(d, m->i > 28 ? m->i - 28 : 0, m->i, azTitle)) {
      eTitle = m->e;
      continue;
    }
    /* ... and its short name in brackets after it ("(ЕЭК)") */
    if (eTitle && m->i >= eTitle && m->i <= eTitle + 3 && d->z[m->i - 1] == '(') continue;
    double score = 1;
    if (ig_has_any(d, s, m->i, azBefore)) score += 2;
    if (ig_has_any(d, s, m->i, azPast)) score -= 2;
    if (m->i < 400) score += 1;
    if (pDate && ig_sent_start(d, pDate->i) == ig_sent_start(d, m->i)) score += 4;
    /* a session to come, named in passing: weak, but the only one an
    ** announcement names */
    if (ig_next_sentence(d, m->i) || ig_future_sentence(d, m->i))
      score = score > 2.3 ? score - 2 : 0.3;
    /* A name two bodies share ("Council of Foreign Ministers"): split by
    ** how often each organization is named. The mentions of one span are
    ** next to each other. */
    int nSame = 0, nOrgAll = 0;
    for (int j = ig_mention_from(d, m->i); j < d->nM && d->aM[j].i == m->i; j++) {
      if (d->aM[j].e == m->e && d->aM[j].p->kind == GZ_BODY) {
        nSame++;
        nOrgAll += org_count(&orgs, d->aM[j].p->zOrg) + 1;
      }
    }
    if (nSame > 1) score *= (double)(org_count(&orgs, m->p->zOrg) + 1) / nOrgAll;
    add_score(aC, pnC, m->p, m, score);
  }
  strmap_free(&orgs);
}

/* "Leaders of the Collective Security Treaty Organization ... at a summit
** in Minsk": an organization named where its leaders meet stands for its
** heads-of-state body. */
static void score_summits(const Doc *d, const DateM *pDate, Choice *aC, int *pnC) {
  static const char *const azSummit[] = {
      "summit", "leaders", "heads of state", "саммит", "лидер", "глав государств", 0};
  /* "Встреча глав правительств ЕАЭС", "the EAEU prime ministers": the
  ** organization's heads-of-government body */
  static const char *const azGov[] = {"heads of government",
                                      "prime ministers",
                                      "premiers",
                                      "глав правительств",
                                      "премьер-министров",
                                      "премьеров",
                                      "главы правительств",
                                      "heads of the governments",
                                      "inter-governmental council",
                                      "intergovernmental council",
                                      0};
  StrMap bodies = {0}; /* organization and level -> its body's entry, or -1 */
  for (int k = 0; k < d->nM; k++) {
    const Mention *m = &d->aM[k];
    if (m->p->kind != GZ_ORG) continue;
    size_t s0 = ig_sent_start(d, m->i), s1 = ig_sent_end(d, m->i);
    bool bGov = ig_has_any(d, s0, s1, azGov);
    if (!bGov && !ig_has_any(d, s0, s1, azSummit)) continue;
    const char *zLevel = bGov ? "heads_of_government" : "heads_of_state";
    /* the organization qualifying a body named just before ("Совета глав
    ** государств Содружества", "Совета глав правительств стран СНГ") is
    ** that body's mention, scored with it, not a summit of its own */
    bool bQualifies = false;
    for (int x = ig_mention_ending(d, m->i > 12 ? m->i - 12 : 0);
         x < d->nM && d->aM[d->aByEnd[x]].e <= m->i && !bQualifies; x++)
      bQualifies = d->aM[d->aByEnd[x]].p->kind == GZ_BODY;
    if (bQualifies) continue;
    bool bNew;
    char zMapKey[160];
    snprintf(zMapKey, sizeof(zMapKey), "%s/%s", m->p->zKey, zLevel);
    int *pBodyAt = strmap_insert(&bodies, zMapKey, -1, &bNew);
    for (int j = 0; bNew && j < d->g->n && *pBodyAt < 0; j++) {
      const GzEntry *pE = &d->g->a[j];
      if (pE->kind == GZ_BODY && strcmp(pE->zOrg, m->p->zKey) == 0 &&
          strcmp(pE->zLevel, zLevel) == 0)
        *pBodyAt = j;
    }
    if (*pBodyAt < 0) continue;
    const GzEntry *pBody = &d->g->a[*pBodyAt];
    double score = 1;
    if (m->i < 400) score += 1;
    if (pDate && ig_sent_start(d, pDate->i) == s0) score += 4;
    if (ig_has_any(d, m->i >= 30 ? m->i - 30 : 0, m->i, azPast)) score -= 2;
    if (ig_next_sentence(d, m->i) || ig_future_sentence(d, m->i))
      score = score > 2.3 ? score - 2 : 0.3;
    add_score(aC, pnC, pBody, m, score);
  }
  strmap_free(&bodies);
}

/* The body with the highest score, its confidence how far it leads the
** second. */
Choice ig_choose_body(const Doc *d, const DateM *pDate) {
  Choice aC[MAX_CHOICES];
  int nC = 0;
  score_bodies(d, pDate, aC, &nC);
  score_summits(d, pDate, aC, &nC);
  Choice best = {0, 0, 0, 0, 0, 0};
  double second = 0;
  for (int c = 0; c < nC; c++) {
    if (aC[c].score > best.score) {
      second = best.score;
      best = aC[c];
    } else if (aC[c].score > second) {
      second = aC[c].score;
    }
  }
  if (best.zKey) {
    /* The best mention of that body: the one with the highest single score
    ** is approximated by the first one near the date, else the first. */
    for (int k = 0; k < d->nM; k++) {
      const Mention *m = &d->aM[k];
      if (m->p->kind == GZ_BODY && strcmp(m->p->zKey, best.zKey) == 0) {
        if (pDate && ig_sent_start(d, pDate->i) == ig_sent_start(d, m->i)) {
          best.i = m->i;
          best.e = m->e;
          break;
        }
      }
    }
    best.score = best.score / (best.score + second + 1);
  }
  return best;
}
