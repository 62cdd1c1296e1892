/*
** The rules of design.md section 5: membership, chairmanship, entry into
** force, party status and compliance. Pure functions; the only side effect
** is scratch memory inside doc_status, freed before it returns.
*/
#include "rules.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- Names ------------------------------------------------------------ */

const char *const azMemberKindName[MK__COUNT + 1] = {"founding", "member",      "associate",
                                                     "observer", "participant", "suspended"};

const char *const azActionTypeName[ACT__COUNT + 1] = {"signature",
                                                      "definitive_signature",
                                                      "ratification",
                                                      "acceptance",
                                                      "approval",
                                                      "accession",
                                                      "notification",
                                                      "succession",
                                                      "provisional_application",
                                                      "reservation",
                                                      "declaration",
                                                      "special_opinion",
                                                      "objection",
                                                      "not_interested",
                                                      "withdrawal"};

static const char *const azStatusKind[] = {"none",        "not_interested", "signed",
                                           "consented",   "provisional",    "in_force",
                                           "withdrawing", "withdrawn"};

/* Index of z in az[0..n-1], or -1. */
static int name_index(const char *const *az, int n, const char *z) {
  if (z == NULL) return -1;
  for (int i = 0; i < n; i++) {
    if (strcmp(az[i], z) == 0) return i;
  }
  return -1;
}

const char *member_kind_name(MemberKind k) {
  return (unsigned)k < MK__COUNT ? azMemberKindName[k] : NULL;
}

int member_kind_parse(const char *z, MemberKind *pOut) {
  int i = name_index(azMemberKindName, MK__COUNT, z);
  if (i < 0) return -1;
  *pOut = (MemberKind)i;
  return 0;
}

const char *action_type_name(ActionType t) {
  return (unsigned)t < ACT__COUNT ? azActionTypeName[t] : NULL;
}

int action_type_parse(const char *z, ActionType *pOut) {
  int i = name_index(azActionTypeName, ACT__COUNT, z);
  if (i < 0) return -1;
  *pOut = (ActionType)i;
  return 0;
}

bool action_is_consent(ActionType t) {
  switch (t) {
  case ACT_DEFINITIVE_SIGNATURE:
  case ACT_RATIFICATION:
  case ACT_ACCEPTANCE:
  case ACT_APPROVAL:
  case ACT_ACCESSION:
  case ACT_NOTIFICATION:
  case ACT_SUCCESSION: return true;
  default: return false;
  }
}

const char *status_kind_name(StatusKind k) {
  return (unsigned)k <= ST_WITHDRAWN ? azStatusKind[k] : NULL;
}

/* ---- Memberships (5.1) ------------------------------------------------ */

bool membership_holds(const Membership *p, pdate d) {
  return p->from <= d && (p->to == DATE_NONE || d < p->to);
}

/* ---- Chairmanship (5.2) ----------------------------------------------- */

static int recorded_chair(const ChairRule *pRule, int year) {
  for (int i = 0; i < pRule->nRecorded; i++) {
    if (pRule->aRecorded[i].year == year && pRule->aRecorded[i].party >= 0) {
      return pRule->aRecorded[i].party;
    }
  }
  return -1;
}

static bool has_declined(const ChairRule *pRule, int party, int year) {
  for (int i = 0; i < pRule->nDeclined; i++) {
    if (pRule->aDeclined[i].year == year && pRule->aDeclined[i].party == party) return true;
  }
  return false;
}

/* Does party hold an eligible membership on 1 January of year? */
static bool is_eligible(const ChairRule *pRule, const Membership *aMem, int nMem, int party,
                        int year) {
  pdate jan1 = date_from_ymd(year, 1, 1);
  for (int i = 0; i < nMem; i++) {
    const Membership *p = &aMem[i];
    if (p->party == party && (unsigned)p->kind < MK__COUNT &&
        (pRule->eligible & (1u << p->kind)) != 0 && membership_holds(p, jan1)) {
      return true;
    }
  }
  return false;
}

static bool can_chair(const ChairRule *pRule, const Membership *aMem, int nMem, int party,
                      int year) {
  return is_eligible(pRule, aMem, nMem, party, year) && !has_declined(pRule, party, year);
}

/* expected(year): the first party after prevChair, in cyclic order, that
** may chair in year; the full circle ends at prevChair itself. */
static int expected_after(const ChairRule *pRule, const Membership *aMem, int nMem, int prevChair,
                          int year) {
  int pos = -1;
  for (int i = 0; i < pRule->nOrder && pos < 0; i++) {
    if (pRule->aOrder[i] == prevChair) pos = i;
  }
  if (pos < 0) return -1;
  for (int k = 1; k <= pRule->nOrder; k++) {
    int party = pRule->aOrder[(pos + k) % pRule->nOrder];
    if (can_chair(pRule, aMem, nMem, party, year)) return party;
  }
  return -1;
}

static int year_of(pdate d) {
  int y, m, dd;
  date_to_ymd(d, &y, &m, &dd);
  return y;
}

/* The years that bound the walk: the earliest recorded year (before it
** everything is unknown) and the last year in which a recorded chair, a
** declined turn or a membership boundary can change the answer. After the
** steady year the rotation only cycles. Returns false when nothing is
** recorded. */
static bool rotation_span(const ChairRule *pRule, const Membership *aMem, int nMem, int *pFirst,
                          int *pSteady) {
  bool any = false;
  int first = INT_MAX, steady = INT_MIN;
  for (int i = 0; i < pRule->nRecorded; i++) {
    if (pRule->aRecorded[i].party < 0) continue;
    int y = pRule->aRecorded[i].year;
    any = true;
    if (y < first) first = y;
    if (y > steady) steady = y;
  }
  if (!any) return false;
  for (int i = 0; i < pRule->nDeclined; i++) {
    if (pRule->aDeclined[i].year > steady) steady = pRule->aDeclined[i].year;
  }
  for (int i = 0; i < nMem; i++) {
    if (aMem[i].from != DATE_NONE && year_of(aMem[i].from) > steady) steady = year_of(aMem[i].from);
    if (aMem[i].to != DATE_NONE && year_of(aMem[i].to) > steady) steady = year_of(aMem[i].to);
  }
  *pFirst = first;
  *pSteady = steady;
  return true;
}

/* chair(year) and expected(year), walking forward from the earliest
** recorded year. Past the steady year nothing changes any more, so the
** chairs repeat with a period of the number of eligible parties: a far
** year is folded back into the first period instead of walked to. */
static void rotation_at(const ChairRule *pRule, const Membership *aMem, int nMem, int year,
                        int *pChair, int *pExpected) {
  int first, steady;
  *pChair = *pExpected = -1;
  if (!rotation_span(pRule, aMem, nMem, &first, &steady) || year < first) return;
  if ((long long)year - steady > 1) {
    int nEligible = 0;
    for (int i = 0; i < pRule->nOrder; i++) {
      nEligible += can_chair(pRule, aMem, nMem, pRule->aOrder[i], steady + 1);
    }
    if (nEligible == 0) return;
    year = (int)(steady + 1 + ((long long)year - steady - 1) % nEligible);
  }
  int chair = recorded_chair(pRule, first), expected = -1;
  for (int y = first; y < year; y++) {
    expected = expected_after(pRule, aMem, nMem, chair, y + 1);
    int recorded = recorded_chair(pRule, y + 1);
    chair = recorded >= 0 ? recorded : expected;
  }
  *pChair = chair;
  *pExpected = expected;
}

void chair_for_year(const ChairRule *pRule, const Membership *aMem, int nMem, int year,
                    ChairYear *pOut) {
  int ignored;
  pOut->year = year;
  rotation_at(pRule, aMem, nMem, year, &pOut->chair, &pOut->expected);
  pOut->recorded = recorded_chair(pRule, year) >= 0;
  pOut->coPrev = pOut->coNext = -1;
  if (year > INT_MIN) rotation_at(pRule, aMem, nMem, year - 1, &pOut->coPrev, &ignored);
  if (year < INT_MAX) rotation_at(pRule, aMem, nMem, year + 1, &pOut->coNext, &ignored);
}

int chair_breaches(const ChairRule *pRule, const Membership *aMem, int nMem, ChairYear *aOut,
                   int nMax) {
  int first, steady, nBreach = 0;
  if (!rotation_span(pRule, aMem, nMem, &first, &steady)) return 0;
  int last = first;
  for (int i = 0; i < pRule->nRecorded; i++) {
    if (pRule->aRecorded[i].party >= 0 && pRule->aRecorded[i].year > last) {
      last = pRule->aRecorded[i].year;
    }
  }
  int chair = recorded_chair(pRule, first);
  for (int y = first; y < last; y++) {
    int expected = expected_after(pRule, aMem, nMem, chair, y + 1);
    int recorded = recorded_chair(pRule, y + 1);
    /* An unknown expectation is no evidence of a breach. */
    if (recorded >= 0 && expected >= 0 && recorded != expected) {
      if (nBreach < nMax) chair_for_year(pRule, aMem, nMem, y + 1, &aOut[nBreach]);
      nBreach++;
    }
    chair = recorded >= 0 ? recorded : expected;
  }
  return nBreach;
}

/* ---- Entry into force and status (5.3, 5.4) --------------------------- */

pdate delay_apply(const Delay *p, pdate d) {
  if (d == DATE_NONE) return DATE_NONE;
  d = date_add_months(d, p->months);
  d = date_add_days(d, p->days);
  return p->firstOfNextMonth ? date_first_of_next_month(d) : d;
}

static pdate later_of(pdate a, pdate b) {
  return a > b ? a : b;
}

static pdate earlier_of(pdate a, pdate b) {
  return a == DATE_NONE || (b != DATE_NONE && b < a) ? b : a;
}

/* A party's first binding action; general_status sorts them by date. */
typedef struct First {
  pdate date;
  int index; /* into aAction */
} First;

static int first_cmp(const void *pA, const void *pB) {
  const First *a = pA, *b = pB;
  if (a->date != b->date) return a->date < b->date ? -1 : 1;
  return (a->index > b->index) - (a->index < b->index);
}

/* Read in date order (same day: by position in aAction, but a withdrawal
** after anything else), a party's history is a series of episodes: a
** binding action starts one, a withdrawal notice ends it, and the next
** binding action after the notice starts a new one. Only the latest episode
** decides the status, and it can be found from a few dates without sorting:
** the withdrawal still pending is the first notice dated on or after the
** last binding action, and the latest episode starts at the first binding
** action after the last notice dated before that. */
typedef struct PartyFacts {
  int firstBind;   /* first binding action ever (counts for the threshold), -1 */
  int episodeBind; /* first binding action of the latest episode, -1 */
  int withdrawal;  /* the pending withdrawal, -1 */
  pdate lastBind;
  pdate lastWithdrawal;
  pdate episodeAfter; /* the last notice before lastBind */
  pdate provisional;  /* first provisional application after the last notice */
  pdate signature;    /* first signature */
  pdate notInterested;
} PartyFacts;

/* The document-wide result that party dates depend on. */
typedef struct General {
  pdate entryIntoForce; /* E */
  pdate triggerDate;    /* T, threshold only */
  int trigger;
} General;

/* Does the action express consent to be bound under this rule? */
static bool binds(const EifRule *pRule, const Action *p) {
  if (action_is_consent(p->type)) return true;
  return pRule->kind == EIF_ON_SIGNATURE && p->type == ACT_SIGNATURE && !p->subjectToProcedures;
}

static pdate withdrawal_effective(const EifRule *pRule, const Action *p) {
  static const Delay vclt56 = {0, 12, false};
  if (p->effective != DATE_NONE) return p->effective;
  return delay_apply(pRule->hasWithdrawalNotice ? &pRule->withdrawalNotice : &vclt56, p->date);
}

/* Does the action count on `on`? Actions for unknown parties or without a
** date are ignored. */
static bool counts_on(const Action *p, int nParty, pdate on) {
  return p->party >= 0 && p->party < nParty && p->date != DATE_NONE && p->date <= on;
}

/* Fills aFacts[nParty] in three passes over the actions, each depending on
** dates the one before found. Actions are visited by ascending index, so a
** strict "<" on dates keeps the lowest index among actions of one day.
** DATE_NONE sorts before every date, which makes "none yet" comparisons
** come out right without special cases. */
static void gather_facts(const EifRule *pRule, const Action *aAction, int nAction, int nParty,
                         pdate on, PartyFacts *aFacts) {
  for (int party = 0; party < nParty; party++) {
    PartyFacts *f = &aFacts[party];
    f->firstBind = f->episodeBind = f->withdrawal = -1;
    f->lastBind = f->lastWithdrawal = f->episodeAfter = DATE_NONE;
    f->provisional = f->signature = f->notInterested = DATE_NONE;
  }
  for (int i = 0; i < nAction; i++) {
    const Action *p = &aAction[i];
    if (!counts_on(p, nParty, on)) continue;
    PartyFacts *f = &aFacts[p->party];
    if (binds(pRule, p)) {
      if (f->firstBind < 0 || p->date < aAction[f->firstBind].date) f->firstBind = i;
      f->lastBind = later_of(f->lastBind, p->date);
    }
    if (p->type == ACT_SIGNATURE) f->signature = earlier_of(f->signature, p->date);
    if (p->type == ACT_NOT_INTERESTED) f->notInterested = earlier_of(f->notInterested, p->date);
    if (p->type == ACT_WITHDRAWAL) f->lastWithdrawal = later_of(f->lastWithdrawal, p->date);
  }
  for (int i = 0; i < nAction; i++) {
    const Action *p = &aAction[i];
    if (!counts_on(p, nParty, on)) continue;
    PartyFacts *f = &aFacts[p->party];
    if (p->type == ACT_WITHDRAWAL) {
      /* On the day of a binding action the notice comes after it. */
      if (p->date >= f->lastBind) {
        if (f->withdrawal < 0 || p->date < aAction[f->withdrawal].date) f->withdrawal = i;
      } else {
        f->episodeAfter = later_of(f->episodeAfter, p->date);
      }
    } else if (p->type == ACT_PROVISIONAL_APPLICATION && p->date > f->lastWithdrawal) {
      f->provisional = earlier_of(f->provisional, p->date);
    }
  }
  for (int i = 0; i < nAction; i++) {
    const Action *p = &aAction[i];
    if (!counts_on(p, nParty, on) || !binds(pRule, p)) continue;
    PartyFacts *f = &aFacts[p->party];
    if (p->date > f->episodeAfter &&
        (f->episodeBind < 0 || p->date < aAction[f->episodeBind].date)) {
      f->episodeBind = i;
    }
  }
}

/* Position in aFirst (first consents by date) after which the condition
** holds, or -1 if it never does. aRank[party] is the party's position. */
static int condition_met_at(const Condition *c, const DocFacts *pFacts, const Action *aAction,
                            const First *aFirst, int nFirst, const int *aRank) {
  switch (c->kind) {
  case COND_COUNT: {
    int counted = 0;
    if (c->count <= 0) return 0;
    for (int k = 0; k < nFirst; k++) {
      int party = aAction[aFirst[k].index].party;
      /* An organization's instrument does not add to its member states'. */
      if (pFacts->aIsOrg != NULL && pFacts->aIsOrg[party]) continue;
      if (++counted >= c->count) return k;
    }
    return -1;
  }
  case COND_ALL_OF: {
    int at = 0;
    for (int i = 0; i < c->nParty; i++) {
      int party = c->aParty[i];
      if (party < 0 || party >= pFacts->nParty || aRank[party] < 0) return -1;
      if (aRank[party] > at) at = aRank[party];
    }
    return at;
  }
  case COND_WEIGHT: {
    const double *aWeight = NULL;
    double sum = 0;
    if (pFacts->aaWeight != NULL && c->weight >= 0 && c->weight < pFacts->nWeight) {
      aWeight = pFacts->aaWeight[c->weight];
    }
    for (int k = 0; k < nFirst; k++) {
      if (aWeight != NULL) {
        double w = aWeight[aAction[aFirst[k].index].party];
        if (!isnan(w)) sum += w;
      }
      if (sum >= c->atLeast) return k;
    }
    return -1;
  }
  }
  return -1;
}

/* T, E and the completing action of a threshold rule. aFirst holds each
** consenting party's first consent, sorted by date. */
static void threshold_general(const EifRule *pRule, const DocFacts *pFacts, const Action *aAction,
                              const First *aFirst, int nFirst, const int *aRank, General *g) {
  int at = 0;
  if (nFirst == 0) return;
  for (int i = 0; i < pRule->nCond; i++) {
    int k = condition_met_at(&pRule->aCond[i], pFacts, aAction, aFirst, nFirst, aRank);
    if (k < 0) return;
    if (k > at) at = k;
  }
  g->trigger = aFirst[at].index;
  g->triggerDate = aFirst[at].date;
  g->entryIntoForce = delay_apply(&pRule->delay, g->triggerDate);
  if (pRule->notBefore != DATE_NONE) {
    g->entryIntoForce = later_of(g->entryIntoForce, pRule->notBefore);
  }
}

/* The date the binding action `index` binds its party from; *pTrigger
** gets the action that fixed it. */
static pdate bound_from(const EifRule *pRule, const General *g, const Action *aAction, int index,
                        int *pTrigger) {
  static const Delay zero = {0, 0, false};
  pdate consent = aAction[index].date;
  *pTrigger = index;
  switch (pRule->kind) {
  case EIF_ON_SIGNATURE: return consent;
  case EIF_THRESHOLD: {
    if (g->triggerDate == DATE_NONE) break;
    if (consent <= g->triggerDate) {
      *pTrigger = g->trigger;
      return g->entryIntoForce;
    }
    const Delay *pLater = pRule->hasLaterDelay ? &pRule->laterDelay : &pRule->delay;
    return later_of(g->entryIntoForce, delay_apply(pLater, consent));
  }
  case EIF_FIXED_DATE: {
    if (pRule->fixedDate == DATE_NONE) break;
    if (consent <= pRule->fixedDate) return pRule->fixedDate;
    const Delay *pLater = pRule->hasLaterDelay ? &pRule->laterDelay : &zero;
    return later_of(pRule->fixedDate, delay_apply(pLater, consent));
  }
  case EIF_NONE: break;
  }
  *pTrigger = -1;
  return DATE_NONE;
}

static void party_status(const EifRule *pRule, const General *g, const Action *aAction, pdate on,
                         const PartyFacts *f, PartyStatus *pOut) {
  pOut->entryIntoForce = DATE_NONE;
  pOut->trigger = -1;
  pOut->firstConsent = f->firstBind;
  pOut->consent = f->episodeBind;
  pOut->withdrawal = f->withdrawal;
  pOut->withdrawalEffective = DATE_NONE;
  pOut->signature = f->signature;
  if (f->episodeBind >= 0) {
    pOut->entryIntoForce = bound_from(pRule, g, aAction, f->episodeBind, &pOut->trigger);
  }
  if (f->withdrawal >= 0) {
    pdate effective = withdrawal_effective(pRule, &aAction[f->withdrawal]);
    pOut->withdrawalEffective = effective;
    /* Bound only if that happened before the withdrawal took effect. */
    if (pOut->entryIntoForce != DATE_NONE && pOut->entryIntoForce >= effective) {
      pOut->entryIntoForce = DATE_NONE;
      pOut->trigger = -1;
    }
    if (effective <= on) {
      pOut->status = ST_WITHDRAWN;
      pOut->since = effective;
    } else {
      pOut->status = ST_WITHDRAWING;
      pOut->since = aAction[f->withdrawal].date;
    }
  } else if (pOut->entryIntoForce != DATE_NONE && pOut->entryIntoForce <= on) {
    pOut->status = ST_IN_FORCE;
    pOut->since = pOut->entryIntoForce;
  } else if (f->provisional != DATE_NONE) {
    pOut->status = ST_PROVISIONAL;
    pOut->since = f->provisional;
  } else if (f->episodeBind >= 0) {
    pOut->status = ST_CONSENTED;
    pOut->since = aAction[f->episodeBind].date;
  } else if (f->signature != DATE_NONE) {
    pOut->status = ST_SIGNED;
    pOut->since = f->signature;
  } else if (f->notInterested != DATE_NONE) {
    pOut->status = ST_NOT_INTERESTED;
    pOut->since = f->notInterested;
  } else {
    pOut->status = ST_NONE;
    pOut->since = DATE_NONE;
  }
}

/* The general date, from each party's first binding action. */
static void general_status(const EifRule *pRule, const DocFacts *pFacts, const Action *aAction,
                           const PartyFacts *aFacts, First *aFirst, int *aRank, General *g) {
  int nFirst = 0;
  g->entryIntoForce = g->triggerDate = DATE_NONE;
  g->trigger = -1;
  for (int party = 0; party < pFacts->nParty; party++) {
    int index = aFacts[party].firstBind;
    if (index < 0) continue;
    aFirst[nFirst].date = aAction[index].date;
    aFirst[nFirst].index = index;
    nFirst++;
  }
  qsort(aFirst, (size_t)nFirst, sizeof(First), first_cmp);
  switch (pRule->kind) {
  case EIF_ON_SIGNATURE:
    if (nFirst > 0) {
      g->entryIntoForce = aFirst[0].date;
      g->trigger = aFirst[0].index;
    }
    break;
  case EIF_THRESHOLD:
    for (int party = 0; party < pFacts->nParty; party++) aRank[party] = -1;
    for (int k = 0; k < nFirst; k++) aRank[aAction[aFirst[k].index].party] = k;
    threshold_general(pRule, pFacts, aAction, aFirst, nFirst, aRank, g);
    break;
  case EIF_FIXED_DATE:
    if (nFirst > 0) g->entryIntoForce = pRule->fixedDate;
    break;
  case EIF_NONE: break;
  }
}

int doc_status(const EifRule *pRule, const DocFacts *pFacts, const Action *aAction, int nAction,
               pdate on, DocStatus *pDoc, PartyStatus *aOut) {
  int nParty = pFacts->nParty > 0 ? pFacts->nParty : 0;
  int rc = -1;
  /* Scratch is per party, never per action (xmalloc: in the request's pool). */
  PartyFacts *aFacts = xmalloc(((size_t)nParty + 1) * sizeof(PartyFacts));
  First *aFirst = xmalloc(((size_t)nParty + 1) * sizeof(First));
  int *aRank = xmalloc(((size_t)nParty + 1) * sizeof(int));

  gather_facts(pRule, aAction, nAction, nParty, on, aFacts);
  General g;
  general_status(pRule, pFacts, aAction, aFacts, aFirst, aRank, &g);
  pDoc->entryIntoForce = g.entryIntoForce;
  pDoc->inForce = g.entryIntoForce != DATE_NONE && g.entryIntoForce <= on;
  pDoc->triggerDate = g.triggerDate;
  pDoc->trigger = g.trigger;
  for (int party = 0; party < nParty; party++) {
    party_status(pRule, &g, aAction, on, &aFacts[party], &aOut[party]);
  }
  rc = 0;
  xfree(aFacts);
  xfree(aFirst);
  xfree(aRank);
  return rc;
}

/* ---- Compliance (5.5) ------------------------------------------------- */

double compliance_percent(double average) {
  return (average + 1) * 50;
}

bool score_newer(const Score *a, const Score *b) {
  if (a->date != b->date) return a->date > b->date;
  if (a->reviewed != b->reviewed) return a->reviewed;
  return a->seq > b->seq;
}

int score_on(const Score *aScore, int nScore, int party, int commitment, pdate from, pdate on) {
  int iBest = -1;
  for (int i = 0; i < nScore; i++) {
    const Score *s = &aScore[i];
    if (s->party != party || s->commitment != commitment) continue;
    if (s->date == DATE_NONE || s->date > on) continue;
    if (from != DATE_NONE && s->date < from) continue;
    if (iBest < 0 || score_newer(s, &aScore[iBest])) iBest = i;
  }
  return iBest;
}

void mean_add(Mean *p, double x) {
  if (isnan(x)) return;
  p->sum += x;
  p->n++;
}

double mean_value(const Mean *p) {
  return p->n ? p->sum / p->n : NAN;
}
