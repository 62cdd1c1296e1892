/*
** Ingest: the gazetteer's names in the press release (parties, capitals
** and cities, organizations, bodies), and which body met.
*/
#include <stdlib.h>
#include <string.h>

#include "ingest_internal.h"

static int cmp_mention(const void *a, const void *b) {
  const Mention *x = a, *y = b;
  if (x->i != y->i) return x->i < y->i ? -1 : 1;
  if (x->e != y->e) return x->e > y->e ? -1 : 1;
  return 0;
}

void ig_find_mentions(Doc *d) {
  int nAlloc = 0;
  for (int k = 0; k < d->g->n; k++) {
    const GzEntry *p = &d->g->a[k];
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
}

const Mention *ig_party_at(const Doc *d, size_t i, size_t *pE) {
  while (i < d->n && d->z[i] == ' ') i++;
  for (int k = 0; k < d->nM; k++) {
    if (d->aM[k].i == i && d->aM[k].p->kind == GZ_PARTY) {
      *pE = d->aM[k].e;
      return &d->aM[k];
    }
    if (d->aM[k].i > i) break;
  }
  return 0;
}

/* ---- Which body met ------------------------------------------------------- */

/* Words before a mention of a session that is not this one. */
static const char *const azPast[] = {"last ", "previous ", "latest ", "recent ",
                                     "прошл", "предыдущ",  0};

enum { MAX_CHOICES = 64 };

static int org_count(const Doc *d, const char *zOrg) {
  int n = 0;
  for (int k = 0; k < d->nM; k++)
    if (strcmp(d->aM[k].p->zOrg, zOrg) == 0) n++;
  return n;
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
      "taking part in", "заседани",   "встреч",    "саммит",     0};
  for (int k = 0; k < d->nM; k++) {
    const Mention *m = &d->aM[k];
    if (m->p->kind != GZ_BODY) continue;
    size_t s = m->i >= 30 ? m->i - 30 : 0;
    double score = 1;
    if (ig_has_any(d, s, m->i, azBefore)) score += 2;
    if (ig_has_any(d, s, m->i, azPast)) score -= 2;
    if (m->i < 400) score += 1;
    if (pDate && ig_sent_start(d, pDate->i) == ig_sent_start(d, m->i)) score += 4;
    /* A name two bodies share ("Council of Foreign Ministers"): split by
    ** how often each organization is named. */
    int nSame = 0, nOrgAll = 0;
    for (int j = 0; j < d->nM; j++) {
      if (d->aM[j].i == m->i && d->aM[j].e == m->e && d->aM[j].p->kind == GZ_BODY) {
        nSame++;
        nOrgAll += org_count(d, d->aM[j].p->zOrg) + 1;
      }
    }
    if (nSame > 1) score *= (double)(org_count(d, m->p->zOrg) + 1) / nOrgAll;
    add_score(aC, pnC, m->p, m, score);
  }
}

/* "Leaders of the Collective Security Treaty Organization ... at a summit
** in Minsk": an organization named where its leaders meet stands for its
** heads-of-state body. */
static void score_summits(const Doc *d, const DateM *pDate, Choice *aC, int *pnC) {
  static const char *const azSummit[] = {
      "summit", "leaders", "heads of state", "саммит", "лидер", "глав государств", 0};
  for (int k = 0; k < d->nM; k++) {
    const Mention *m = &d->aM[k];
    size_t s0 = ig_sent_start(d, m->i), s1 = ig_sent_end(d, m->i);
    if (m->p->kind != GZ_ORG || !ig_has_any(d, s0, s1, azSummit)) continue;
    const GzEntry *pBody = 0;
    for (int j = 0; j < d->g->n && !pBody; j++) {
      const GzEntry *pE = &d->g->a[j];
      if (pE->kind == GZ_BODY && strcmp(pE->zOrg, m->p->zKey) == 0 &&
          strcmp(pE->zLevel, "heads_of_state") == 0)
        pBody = pE;
    }
    if (!pBody) continue;
    double score = 1;
    if (m->i < 400) score += 1;
    if (pDate && ig_sent_start(d, pDate->i) == s0) score += 4;
    if (ig_has_any(d, m->i >= 30 ? m->i - 30 : 0, m->i, azPast)) score -= 2;
    add_score(aC, pnC, pBody, m, score);
  }
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
