/*
** Tests for src/rules.c against design.md section 5 and the worked
** examples W1-W7 of domain.md section 10.
*/
#include "check.h"
#include "rules.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* zWant "" means DATE_NONE. */
#define CHECK_DATE(got, want) check_date((got), (want), __LINE__, #got)

static void check_date(pdate got, const char *zWant, int line, const char *zWhat) {
  char zGot[DATE_BUFSZ];
  date_format(got, zGot);
  if (strcmp(zGot, zWant) == 0) {
    nPass++;
  } else {
    nFail++;
    fprintf(stderr, "test_rules.c:%d: %s is \"%s\", want \"%s\"\n", line, zWhat, zGot, zWant);
  }
}

/* One party's row: status, since, entry into force ("" for none), trigger. */
#define CHECK_PARTY(row, st, zSince, zEif, trig)                                                   \
  check_party(&(row), st, zSince, zEif, trig, __LINE__)

static void check_party(const PartyStatus *p, StatusKind status, const char *zSince,
                        const char *zEif, int trigger, int line) {
  char zGotSince[DATE_BUFSZ], zGotEif[DATE_BUFSZ];
  date_format(p->since, zGotSince);
  date_format(p->entryIntoForce, zGotEif);
  if (p->status == status && strcmp(zGotSince, zSince) == 0 && strcmp(zGotEif, zEif) == 0 &&
      p->trigger == trigger) {
    nPass++;
  } else {
    nFail++;
    fprintf(stderr,
            "test_rules.c:%d: party is %s since \"%s\" eif \"%s\" trigger %d, "
            "want %s since \"%s\" eif \"%s\" trigger %d\n",
            line, status_kind_name(p->status), zGotSince, zGotEif, p->trigger,
            status_kind_name(status), zSince, zEif, trigger);
  }
}

/* The CIS states in Russian alphabetical order, then Georgia and two
** parties for the UN-style tests. */
enum { AZE, ARM, BLR, KAZ, KGZ, MDA, RUS, TJK, TKM, UZB, UKR, GEO, EUU, USA, NPARTY };

static const int aCisOrder[] = {AZE, ARM, BLR, KAZ, KGZ, MDA, RUS, TJK, TKM, UZB, UKR};
static const int aEaeuOrder[] = {ARM, BLR, KAZ, KGZ, RUS};

#define MAX_ACTION 64

typedef struct Actions {
  Action a[MAX_ACTION];
  int n;
} Actions;

/* Appends an action and returns its index. */
static int act(Actions *p, int party, ActionType type, const char *zDate) {
  if (p->n >= MAX_ACTION) {
    fprintf(stderr, "test_rules.c: too many actions\n");
    exit(2);
  }
  Action *a = &p->a[p->n];
  a->party = party;
  a->type = type;
  a->date = D(zDate);
  a->effective = DATE_NONE;
  a->subjectToProcedures = false;
  return p->n++;
}

static EifRule threshold_rule(const Condition *aCond, int nCond, int delayDays) {
  EifRule r;
  memset(&r, 0, sizeof r);
  r.kind = EIF_THRESHOLD;
  r.aCond = aCond;
  r.nCond = nCond;
  r.delay.days = delayDays;
  r.notBefore = DATE_NONE;
  r.fixedDate = DATE_NONE;
  return r;
}

static Condition count_of(int n) {
  Condition c;
  memset(&c, 0, sizeof c);
  c.kind = COND_COUNT;
  c.count = n;
  return c;
}

static DocFacts states(int nParty) {
  DocFacts f;
  memset(&f, 0, sizeof f);
  f.nParty = nParty;
  return f;
}

static DocStatus doc;
static PartyStatus aRow[NPARTY + 32];

static void run(const EifRule *pRule, const DocFacts *pFacts, const Actions *p, const char *zOn) {
  memset(&doc, 0x55, sizeof doc);
  memset(aRow, 0x55, sizeof aRow);
  CHECK(doc_status(pRule, pFacts, p->a, p->n, D(zOn), &doc, aRow) == 0);
}

/* ---- Names -------------------------------------------------------------- */

static void test_names(void) {
  static const char *const azKind[] = {"founding", "member",      "associate",
                                       "observer", "participant", "suspended"};
  for (int i = 0; i < MK__COUNT; i++) {
    MemberKind k = MK__COUNT;
    CHECK(strcmp(member_kind_name((MemberKind)i), azKind[i]) == 0);
    CHECK(member_kind_parse(azKind[i], &k) == 0 && k == (MemberKind)i);
  }
  MemberKind k = MK_OBSERVER;
  CHECK(member_kind_parse("Member", &k) == -1 && k == MK_OBSERVER);
  CHECK(member_kind_parse("", &k) == -1);
  CHECK(member_kind_parse(NULL, &k) == -1);
  CHECK(member_kind_name(MK__COUNT) == NULL);

  static const char *const azType[] = {"signature",
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
  CHECK(sizeof azType / sizeof azType[0] == ACT__COUNT);
  int nConsent = 0;
  for (int i = 0; i < ACT__COUNT; i++) {
    ActionType t = ACT__COUNT;
    CHECK(strcmp(action_type_name((ActionType)i), azType[i]) == 0);
    CHECK(action_type_parse(azType[i], &t) == 0 && t == (ActionType)i);
    nConsent += action_is_consent((ActionType)i);
  }
  ActionType t;
  CHECK(action_type_parse("withdrawal ", &t) == -1);
  CHECK(action_type_parse("provisional-application", &t) == -1);
  CHECK(action_type_name(ACT__COUNT) == NULL);
  CHECK(nConsent == 7);
  CHECK(action_is_consent(ACT_DEFINITIVE_SIGNATURE) && action_is_consent(ACT_NOTIFICATION) &&
        action_is_consent(ACT_SUCCESSION) && action_is_consent(ACT_ACCESSION));
  CHECK(!action_is_consent(ACT_SIGNATURE) && !action_is_consent(ACT_PROVISIONAL_APPLICATION) &&
        !action_is_consent(ACT_WITHDRAWAL));

  static const char *const azStatus[] = {"none",        "not_interested", "signed",
                                         "consented",   "provisional",    "in_force",
                                         "withdrawing", "withdrawn"};
  for (int i = 0; i <= ST_WITHDRAWN; i++) {
    CHECK(strcmp(status_kind_name((StatusKind)i), azStatus[i]) == 0);
  }
  CHECK(status_kind_name((StatusKind)(ST_WITHDRAWN + 1)) == NULL);
}

/* ---- Membership ----------------------------------------------------------- */

static void test_membership(void) {
  Membership geo = {GEO, MK_MEMBER, D("1993-12-03"), D("2009-08-18")};
  CHECK(!membership_holds(&geo, D("1993-12-02")));
  CHECK(membership_holds(&geo, D("1993-12-03")));
  CHECK(membership_holds(&geo, D("2009-08-17")));
  CHECK(!membership_holds(&geo, D("2009-08-18")));
  Membership open = {ARM, MK_MEMBER, D("2015-01-02"), DATE_NONE};
  CHECK(!membership_holds(&open, D("2015-01-01")));
  CHECK(membership_holds(&open, D("2015-01-02")));
  CHECK(membership_holds(&open, D("2999-12-31")));
}

/* ---- Chairmanship --------------------------------------------------------- */

static int nCisMem;
static Membership aCisMem[16];

static void cis_memberships(void) {
  static const struct {
    int party;
    MemberKind kind;
    const char *zFrom, *zTo;
  } a[] = {{AZE, MK_MEMBER, "1993-09-24", NULL},
           {ARM, MK_MEMBER, "1994-01-22", NULL},
           {BLR, MK_MEMBER, "1994-01-22", NULL},
           {KAZ, MK_MEMBER, "1994-01-22", NULL},
           {KGZ, MK_MEMBER, "1994-01-22", NULL},
           {MDA, MK_MEMBER, "1994-01-22", NULL},
           {RUS, MK_MEMBER, "1994-01-22", NULL},
           {TJK, MK_MEMBER, "1994-01-22", NULL},
           {UZB, MK_MEMBER, "1994-01-22", NULL},
           {TKM, MK_PARTICIPANT, "1991-12-21", "2005-08-26"},
           {TKM, MK_ASSOCIATE, "2005-08-26", NULL},
           {UKR, MK_PARTICIPANT, "1991-12-21", NULL},
           {GEO, MK_MEMBER, "1993-12-03", "2009-08-18"}};
  nCisMem = (int)(sizeof a / sizeof a[0]);
  for (int i = 0; i < nCisMem; i++) {
    aCisMem[i].party = a[i].party;
    aCisMem[i].kind = a[i].kind;
    aCisMem[i].from = D(a[i].zFrom);
    aCisMem[i].to = a[i].zTo ? D(a[i].zTo) : DATE_NONE;
  }
}

static ChairRule cis_rule(const YearParty *aRec, int nRec, const YearParty *aDecl, int nDecl) {
  ChairRule r;
  r.aOrder = aCisOrder;
  r.nOrder = (int)(sizeof aCisOrder / sizeof aCisOrder[0]);
  r.eligible = (1u << MK_MEMBER) | (1u << MK_ASSOCIATE);
  r.aRecorded = aRec;
  r.nRecorded = nRec;
  r.aDeclined = aDecl;
  r.nDeclined = nDecl;
  return r;
}

#define CHECK_CHAIR(y, c, e, prev, next)                                                           \
  CHECK((y).chair == (c) && (y).expected == (e) && (y).coPrev == (prev) && (y).coNext == (next))

/* W6: RUS 2024 -> TJK 2025 (co-chairs RUS, TKM) -> TKM 2026 -> UZB 2027. */
static void test_chair_w6(void) {
  cis_memberships();
  const YearParty aRec[] = {{2024, RUS}};
  ChairRule r = cis_rule(aRec, 1, NULL, 0);
  ChairYear y;
  chair_for_year(&r, aCisMem, nCisMem, 2025, &y);
  CHECK(y.year == 2025 && !y.recorded);
  CHECK_CHAIR(y, TJK, TJK, RUS, TKM);
  chair_for_year(&r, aCisMem, nCisMem, 2026, &y);
  CHECK_CHAIR(y, TKM, TKM, TJK, UZB);
  chair_for_year(&r, aCisMem, nCisMem, 2027, &y);
  CHECK(y.chair == UZB);
  /* After UZB: UKR is only a participant, so the turn wraps to AZE. */
  chair_for_year(&r, aCisMem, nCisMem, 2028, &y);
  CHECK(y.chair == AZE);
  chair_for_year(&r, aCisMem, nCisMem, 2024, &y);
  CHECK(y.recorded && y.chair == RUS && y.expected == -1 && y.coPrev == -1 && y.coNext == TJK);
  chair_for_year(&r, aCisMem, nCisMem, 2023, &y);
  CHECK(!y.recorded);
  CHECK_CHAIR(y, -1, -1, -1, RUS);

  /* An associate is eligible only because `eligible` says so. */
  ChairRule membersOnly = r;
  membersOnly.eligible = 1u << MK_MEMBER;
  chair_for_year(&membersOnly, aCisMem, nCisMem, 2026, &y);
  CHECK(y.chair == UZB && y.coNext == AZE);

  /* From KGZ 2016: MDA declined 2017, so RUS. */
  const YearParty aRec16[] = {{2016, KGZ}};
  const YearParty aDecl[] = {{2017, MDA}};
  ChairRule declined = cis_rule(aRec16, 1, aDecl, 1);
  chair_for_year(&declined, aCisMem, nCisMem, 2017, &y);
  CHECK_CHAIR(y, RUS, RUS, KGZ, TJK);
  /* Declining one year does not remove the party from later turns. */
  chair_for_year(&declined, aCisMem, nCisMem, 2026, &y);
  CHECK(y.chair == MDA);
  ChairRule notDeclined = cis_rule(aRec16, 1, NULL, 0);
  chair_for_year(&notDeclined, aCisMem, nCisMem, 2017, &y);
  CHECK(y.chair == MDA);
  /* A turn declined for another year is no excuse. */
  const YearParty aDeclOther[] = {{2018, MDA}};
  ChairRule otherYear = cis_rule(aRec16, 1, aDeclOther, 1);
  chair_for_year(&otherYear, aCisMem, nCisMem, 2017, &y);
  CHECK(y.chair == MDA);
}

/* The recorded CIS chairs of domain.md section 2 against the rule. */
static void test_chair_cis_breaches(void) {
  cis_memberships();
  const YearParty aRec[] = {{2026, TKM}, {2012, TKM}, {2013, BLR}, {2015, KAZ}, {2016, KGZ},
                            {2017, RUS}, {2018, TJK}, {2019, TKM}, {2020, UZB}, {2021, BLR},
                            {2022, KAZ}, {2023, KGZ}, {2024, RUS}, {2025, TJK}};
  const YearParty aDecl[] = {{2017, MDA}, {2021, AZE}, {2021, ARM}};
  ChairRule r = cis_rule(aRec, (int)(sizeof aRec / sizeof aRec[0]), aDecl, 3);
  ChairYear aOut[8];
  memset(aOut, 0, sizeof aOut);
  aOut[3].year = -7;
  /* 2013: UZB was next after TKM; 2015: after 2014's computed KAZ comes
  ** KGZ; 2024: MDA was next after KGZ and had not declined. */
  int n = chair_breaches(&r, aCisMem, nCisMem, aOut, 8);
  CHECK(n == 3);
  CHECK(aOut[0].year == 2013 && aOut[0].chair == BLR && aOut[0].expected == UZB &&
        aOut[0].recorded && aOut[0].coPrev == TKM && aOut[0].coNext == KAZ);
  CHECK(aOut[1].year == 2015 && aOut[1].chair == KAZ && aOut[1].expected == KGZ);
  CHECK(aOut[2].year == 2024 && aOut[2].chair == RUS && aOut[2].expected == MDA);
  CHECK(aOut[3].year == -7);

  ChairYear one[2];
  one[1].year = -7;
  CHECK(chair_breaches(&r, aCisMem, nCisMem, one, 1) == 3);
  CHECK(one[0].year == 2013 && one[1].year == -7);
  CHECK(chair_breaches(&r, aCisMem, nCisMem, NULL, 0) == 3);

  ChairYear y;
  chair_for_year(&r, aCisMem, nCisMem, 2014, &y);
  CHECK(!y.recorded);
  CHECK_CHAIR(y, KAZ, KAZ, BLR, KAZ);
  chair_for_year(&r, aCisMem, nCisMem, 2021, &y);
  CHECK(y.recorded && y.chair == BLR && y.expected == BLR && y.coPrev == UZB && y.coNext == KAZ);
  chair_for_year(&r, aCisMem, nCisMem, 2027, &y);
  CHECK_CHAIR(y, UZB, UZB, TKM, AZE);

  /* Nothing recorded: nothing is known and nothing is a breach. */
  ChairRule none = cis_rule(NULL, 0, NULL, 0);
  chair_for_year(&none, aCisMem, nCisMem, 2025, &y);
  CHECK(!y.recorded);
  CHECK_CHAIR(y, -1, -1, -1, -1);
  CHECK(chair_breaches(&none, aCisMem, nCisMem, aOut, 8) == 0);
}

static int nEaeuMem;
static Membership aEaeuMem[8];

static void eaeu_memberships(const char *zArmFrom) {
  aEaeuMem[0] = (Membership){BLR, MK_MEMBER, D("2015-01-01"), DATE_NONE};
  aEaeuMem[1] = (Membership){KAZ, MK_MEMBER, D("2015-01-01"), DATE_NONE};
  aEaeuMem[2] = (Membership){RUS, MK_MEMBER, D("2015-01-01"), DATE_NONE};
  aEaeuMem[3] = (Membership){ARM, MK_MEMBER, D(zArmFrom), DATE_NONE};
  aEaeuMem[4] = (Membership){KGZ, MK_MEMBER, D("2015-08-12"), DATE_NONE};
  nEaeuMem = 5;
}

static ChairRule eaeu_rule(const YearParty *aRec, int nRec) {
  ChairRule r;
  memset(&r, 0, sizeof r);
  r.aOrder = aEaeuOrder;
  r.nOrder = 5;
  r.eligible = 1u << MK_MEMBER;
  r.aRecorded = aRec;
  r.nRecorded = nRec;
  return r;
}

/* design.md 5.2 check: BLR 2015 recorded, then KAZ 2016 ... KAZ 2026. */
static void test_chair_eaeu(void) {
  eaeu_memberships("2015-01-02");
  const YearParty aRec[] = {{2015, BLR}};
  ChairRule r = eaeu_rule(aRec, 1);
  static const int aWant[] = {BLR, KAZ, KGZ, RUS, ARM, BLR, KAZ, KGZ, RUS, ARM, BLR, KAZ};
  for (int i = 0; i < 12; i++) {
    ChairYear y;
    chair_for_year(&r, aEaeuMem, nEaeuMem, 2015 + i, &y);
    CHECK(y.chair == aWant[i]);
    CHECK(i == 0 ? y.expected == -1 && y.recorded : y.expected == aWant[i] && !y.recorded);
    CHECK(y.coPrev == (i == 0 ? -1 : aWant[i - 1]));
    CHECK(y.coNext == (i == 11 ? KGZ : aWant[i + 1]));
  }
  ChairYear aOut[1];
  CHECK(chair_breaches(&r, aEaeuMem, nEaeuMem, aOut, 1) == 0);

  /* Far years: strict five-year cycle KAZ (2016) KGZ RUS ARM BLR. */
  static const int aCycle[] = {KAZ, KGZ, RUS, ARM, BLR};
  int bad = 0;
  for (int year = 2016; year <= 2400; year++) {
    ChairYear y;
    chair_for_year(&r, aEaeuMem, nEaeuMem, year, &y);
    bad += y.chair != aCycle[(year - 2016) % 5] || y.expected != y.chair;
  }
  CHECK(bad == 0);
  ChairYear y;
  chair_for_year(&r, aEaeuMem, nEaeuMem, 2100, &y);
  CHECK_CHAIR(y, BLR, BLR, ARM, KAZ);
  chair_for_year(&r, aEaeuMem, nEaeuMem, 1000000, &y);
  CHECK_CHAIR(y, BLR, BLR, ARM, KAZ);
  chair_for_year(&r, aEaeuMem, nEaeuMem, INT_MAX, &y);
  CHECK_CHAIR(y, KGZ, KGZ, KAZ, -1);
  chair_for_year(&r, aEaeuMem, nEaeuMem, INT_MIN, &y);
  CHECK_CHAIR(y, -1, -1, -1, -1);
}

/* Eligibility is judged on 1 January of the year, with [from, to). */
static void test_chair_january_first(void) {
  const YearParty aRec[] = {{2014, RUS}};
  ChairRule r = eaeu_rule(aRec, 1);
  ChairYear y;
  eaeu_memberships("2015-01-02");
  chair_for_year(&r, aEaeuMem, nEaeuMem, 2015, &y);
  CHECK(y.chair == BLR);
  eaeu_memberships("2015-01-01");
  chair_for_year(&r, aEaeuMem, nEaeuMem, 2015, &y);
  CHECK(y.chair == ARM);

  /* A membership ending on 1 January no longer counts that year. */
  eaeu_memberships("2015-01-01");
  aEaeuMem[1].to = D("2016-01-01"); /* KAZ */
  const YearParty aRec15[] = {{2015, BLR}};
  r = eaeu_rule(aRec15, 1);
  chair_for_year(&r, aEaeuMem, nEaeuMem, 2016, &y);
  CHECK(y.chair == KGZ);
  aEaeuMem[1].to = D("2016-01-02");
  chair_for_year(&r, aEaeuMem, nEaeuMem, 2016, &y);
  CHECK(y.chair == KAZ);

  /* A suspended membership is not eligible. */
  eaeu_memberships("2015-01-01");
  aEaeuMem[1].kind = MK_SUSPENDED;
  chair_for_year(&r, aEaeuMem, nEaeuMem, 2016, &y);
  CHECK(y.chair == KGZ);
}

static void test_chair_edges(void) {
  eaeu_memberships("2015-01-01");
  /* A recorded chair outside the order: the next turn is unknown. */
  const YearParty aRecOut[] = {{2015, GEO}};
  ChairRule r = eaeu_rule(aRecOut, 1);
  ChairYear y;
  chair_for_year(&r, aEaeuMem, nEaeuMem, 2016, &y);
  CHECK_CHAIR(y, -1, -1, GEO, -1);
  /* ... until a later decision is recorded; its year is not a breach. */
  const YearParty aRecGap[] = {{2015, GEO}, {2017, RUS}};
  r = eaeu_rule(aRecGap, 2);
  chair_for_year(&r, aEaeuMem, nEaeuMem, 2018, &y);
  CHECK_CHAIR(y, ARM, ARM, RUS, BLR);
  ChairYear aOut[2];
  CHECK(chair_breaches(&r, aEaeuMem, nEaeuMem, aOut, 2) == 0);

  /* The only eligible party chairs again. */
  Membership only = {RUS, MK_MEMBER, D("2000-01-01"), DATE_NONE};
  const YearParty aRec[] = {{2015, RUS}};
  r = eaeu_rule(aRec, 1);
  chair_for_year(&r, &only, 1, 2016, &y);
  CHECK_CHAIR(y, RUS, RUS, RUS, RUS);
  chair_for_year(&r, &only, 1, 5000, &y);
  CHECK(y.chair == RUS);
  /* Nobody eligible: unknown, also far away. */
  chair_for_year(&r, NULL, 0, 2016, &y);
  CHECK_CHAIR(y, -1, -1, RUS, -1);
  chair_for_year(&r, NULL, 0, 3000, &y);
  CHECK(y.chair == -1);
  /* Everybody declined: unknown. */
  const YearParty aAllDeclined[] = {{2016, RUS}};
  r.aDeclined = aAllDeclined;
  r.nDeclined = 1;
  chair_for_year(&r, &only, 1, 2016, &y);
  CHECK(y.chair == -1 && y.expected == -1);
  /* An empty order. */
  r = eaeu_rule(aRec, 1);
  r.nOrder = 0;
  chair_for_year(&r, aEaeuMem, nEaeuMem, 2016, &y);
  CHECK(y.chair == -1);
}

/* ---- Delays --------------------------------------------------------------- */

static void test_delay(void) {
  Delay d30 = {30, 0, false}, m6 = {0, 6, false}, m12first = {0, 12, true};
  Delay both = {1, 1, false}, zero = {0, 0, false}, d90 = {90, 0, false};
  CHECK_DATE(delay_apply(&d30, D("2016-10-05")), "2016-11-04"); /* Paris */
  CHECK_DATE(delay_apply(&d90, D("2024-09-26")), "2024-12-25"); /* W3 */
  CHECK_DATE(delay_apply(&m6, D("2024-08-31")), "2025-02-28");  /* W5 */
  CHECK_DATE(delay_apply(&m12first, D("2024-01-31")), "2025-02-01");
  CHECK_DATE(delay_apply(&m12first, D("2024-12-01")), "2026-01-01");
  /* Months first, then days: days first would give 2023-02-28. */
  CHECK_DATE(delay_apply(&both, D("2023-01-30")), "2023-03-01");
  CHECK_DATE(delay_apply(&zero, D("1815-06-09")), "1815-06-09");
  CHECK(delay_apply(&d30, DATE_NONE) == DATE_NONE);
}

/* ---- Entry into force ----------------------------------------------------- */

/* W1: a real CIS register extract (docs.dtkt.ua/doc/997_747), rule (a):
** from the third notice, later states from their own. */
static void test_w1(void) {
  static const int aSigner[] = {AZE, ARM, BLR, GEO, KAZ, KGZ, MDA, RUS, TJK, TKM, UKR};
  Actions a = {.n = 0};
  /* The extract has no signature date; any date before the notices does. */
  for (int i = 0; i < 11; i++) act(&a, aSigner[i], ACT_SIGNATURE, "1996-05-24");
  int iBlr = act(&a, BLR, ACT_NOTIFICATION, "1997-03-17");
  int iTjk = act(&a, TJK, ACT_NOTIFICATION, "1997-08-21");
  int iArm = act(&a, ARM, ACT_NOTIFICATION, "1998-12-21");
  int iKaz = act(&a, KAZ, ACT_NOTIFICATION, "1998-12-29");
  int iUkr = act(&a, UKR, ACT_RATIFICATION, "1999-09-14");
  int iRus = act(&a, RUS, ACT_NOTIFICATION, "2001-09-12");
  int iKgz = act(&a, KGZ, ACT_NOTIFICATION, "2001-12-13");
  int iMda = act(&a, MDA, ACT_NOTIFICATION, "2002-09-26");
  Condition c = count_of(3);
  EifRule r = threshold_rule(&c, 1, 0);
  DocFacts f = states(NPARTY);

  run(&r, &f, &a, "2026-01-01");
  CHECK_DATE(doc.entryIntoForce, "1998-12-21");
  CHECK_DATE(doc.triggerDate, "1998-12-21");
  CHECK(doc.inForce && doc.trigger == iArm);
  CHECK_PARTY(aRow[BLR], ST_IN_FORCE, "1998-12-21", "1998-12-21", iArm);
  CHECK_PARTY(aRow[TJK], ST_IN_FORCE, "1998-12-21", "1998-12-21", iArm);
  CHECK_PARTY(aRow[ARM], ST_IN_FORCE, "1998-12-21", "1998-12-21", iArm);
  CHECK_PARTY(aRow[KAZ], ST_IN_FORCE, "1998-12-29", "1998-12-29", iKaz);
  CHECK_PARTY(aRow[UKR], ST_IN_FORCE, "1999-09-14", "1999-09-14", iUkr);
  CHECK_PARTY(aRow[RUS], ST_IN_FORCE, "2001-09-12", "2001-09-12", iRus);
  CHECK_PARTY(aRow[KGZ], ST_IN_FORCE, "2001-12-13", "2001-12-13", iKgz);
  CHECK_PARTY(aRow[MDA], ST_IN_FORCE, "2002-09-26", "2002-09-26", iMda);
  CHECK_PARTY(aRow[AZE], ST_SIGNED, "1996-05-24", "", -1);
  CHECK_PARTY(aRow[GEO], ST_SIGNED, "1996-05-24", "", -1);
  CHECK_PARTY(aRow[TKM], ST_SIGNED, "1996-05-24", "", -1);
  CHECK_PARTY(aRow[UZB], ST_NONE, "", "", -1);

  /* The day before the third notice: not in force, dates not known. */
  run(&r, &f, &a, "1998-12-20");
  CHECK(!doc.inForce && doc.entryIntoForce == DATE_NONE && doc.triggerDate == DATE_NONE);
  CHECK(doc.trigger == -1);
  CHECK_PARTY(aRow[BLR], ST_CONSENTED, "1997-03-17", "", -1);
  CHECK_PARTY(aRow[TJK], ST_CONSENTED, "1997-08-21", "", -1);
  CHECK_PARTY(aRow[ARM], ST_SIGNED, "1996-05-24", "", -1);

  /* Actions after `on` do not count; RUS has only signed by then. */
  run(&r, &f, &a, "2001-09-11");
  CHECK_PARTY(aRow[RUS], ST_SIGNED, "1996-05-24", "", -1);
  CHECK_PARTY(aRow[BLR], ST_IN_FORCE, "1998-12-21", "1998-12-21", iArm);
  (void)iBlr;
  (void)iTjk;

  /* Before anything: nobody listed. */
  run(&r, &f, &a, "1990-01-01");
  CHECK(doc.entryIntoForce == DATE_NONE && !doc.inForce);
  CHECK_PARTY(aRow[BLR], ST_NONE, "", "", -1);
}

/* The result must not depend on the order of aAction. */
static void test_any_order(void) {
  Actions a = {.n = 0};
  act(&a, BLR, ACT_SIGNATURE, "1996-05-24");
  act(&a, BLR, ACT_NOTIFICATION, "1997-03-17");
  act(&a, TJK, ACT_NOTIFICATION, "1997-08-21");
  act(&a, ARM, ACT_NOTIFICATION, "1998-12-21");
  act(&a, KAZ, ACT_NOTIFICATION, "1998-12-29");
  act(&a, KAZ, ACT_PROVISIONAL_APPLICATION, "1998-01-01");
  act(&a, RUS, ACT_NOTIFICATION, "2001-09-12");
  act(&a, RUS, ACT_WITHDRAWAL, "2005-01-01");
  act(&a, RUS, ACT_ACCESSION, "2008-01-01");
  act(&a, MDA, ACT_WITHDRAWAL, "2009-01-01");
  Condition c = count_of(3);
  EifRule r = threshold_rule(&c, 1, 30);
  DocFacts f = states(NPARTY);
  run(&r, &f, &a, "2026-01-01");
  DocStatus want = doc;
  PartyStatus aWant[NPARTY];
  memcpy(aWant, aRow, sizeof aWant);

  unsigned seed = 12345;
  int bad = 0;
  for (int round = 0; round < 50; round++) {
    Actions b = a;
    int aWhere[MAX_ACTION]; /* aWhere[i]: the position of a.a[i] in b */
    for (int i = 0; i < b.n; i++) aWhere[i] = i;
    for (int i = b.n - 1; i > 0; i--) {
      seed = seed * 1103515245u + 12345u;
      int j = (int)((seed >> 16) % (unsigned)(i + 1));
      Action t = b.a[i];
      b.a[i] = b.a[j];
      b.a[j] = t;
      int w = aWhere[i];
      aWhere[i] = aWhere[j];
      aWhere[j] = w;
    }
    /* aWhere now maps positions in b to indices in a. */
    run(&r, &f, &b, "2026-01-01");
    bad += doc.entryIntoForce != want.entryIntoForce || doc.triggerDate != want.triggerDate ||
           aWhere[doc.trigger] != want.trigger;
    for (int p = 0; p < NPARTY; p++) {
      bad += aRow[p].status != aWant[p].status || aRow[p].since != aWant[p].since ||
             aRow[p].entryIntoForce != aWant[p].entryIntoForce ||
             (aRow[p].trigger < 0 ? aWant[p].trigger >= 0
                                  : aWhere[aRow[p].trigger] != aWant[p].trigger);
    }
  }
  CHECK(bad == 0);
  CHECK_DATE(want.entryIntoForce, "1999-01-20");
  CHECK_PARTY(aWant[RUS], ST_IN_FORCE, "2008-01-31", "2008-01-31", 8);
}

/* W2: "after 30 days" from the third notice and from each later one. */
static void test_w2(void) {
  static const int aSigner[] = {ARM, BLR, KAZ, KGZ, RUS, TJK, UZB};
  Actions a = {.n = 0};
  for (int i = 0; i < 7; i++) act(&a, aSigner[i], ACT_SIGNATURE, "2025-05-30");
  act(&a, AZE, ACT_SIGNATURE, "2025-07-15");
  act(&a, RUS, ACT_NOTIFICATION, "2025-09-01");
  act(&a, BLR, ACT_NOTIFICATION, "2025-10-20");
  int iKaz = act(&a, KAZ, ACT_NOTIFICATION, "2026-01-15");
  int iTjk = act(&a, TJK, ACT_NOTIFICATION, "2026-03-10");
  Condition c = count_of(3);
  EifRule r = threshold_rule(&c, 1, 30);
  DocFacts f = states(NPARTY);

  run(&r, &f, &a, "2026-02-13");
  CHECK_DATE(doc.entryIntoForce, "2026-02-14");
  CHECK_DATE(doc.triggerDate, "2026-01-15");
  CHECK(!doc.inForce && doc.trigger == iKaz);
  CHECK_PARTY(aRow[RUS], ST_CONSENTED, "2025-09-01", "2026-02-14", iKaz);
  CHECK_PARTY(aRow[KAZ], ST_CONSENTED, "2026-01-15", "2026-02-14", iKaz);

  run(&r, &f, &a, "2026-03-20");
  CHECK(doc.inForce);
  CHECK_PARTY(aRow[RUS], ST_IN_FORCE, "2026-02-14", "2026-02-14", iKaz);
  CHECK_PARTY(aRow[BLR], ST_IN_FORCE, "2026-02-14", "2026-02-14", iKaz);
  CHECK_PARTY(aRow[KAZ], ST_IN_FORCE, "2026-02-14", "2026-02-14", iKaz);
  CHECK_PARTY(aRow[TJK], ST_CONSENTED, "2026-03-10", "2026-04-09", iTjk);
  CHECK_PARTY(aRow[AZE], ST_SIGNED, "2025-07-15", "", -1);
  CHECK_PARTY(aRow[UZB], ST_SIGNED, "2025-05-30", "", -1);

  run(&r, &f, &a, "2026-04-09");
  CHECK_PARTY(aRow[TJK], ST_IN_FORCE, "2026-04-09", "2026-04-09", iTjk);
  /* A second instrument the same day: the first one listed is the trigger. */
  Actions twice = a;
  act(&twice, TJK, ACT_RATIFICATION, "2026-03-10");
  act(&twice, KAZ, ACT_RATIFICATION, "2026-01-15");
  run(&r, &f, &twice, "2026-04-09");
  CHECK(doc.trigger == iKaz);
  CHECK_PARTY(aRow[TJK], ST_IN_FORCE, "2026-04-09", "2026-04-09", iTjk);

  /* An explicit later delay replaces the default (the delay). */
  r.hasLaterDelay = true;
  r.laterDelay = (Delay){0, 0, false};
  run(&r, &f, &a, "2026-04-09");
  CHECK_PARTY(aRow[TJK], ST_IN_FORCE, "2026-03-10", "2026-03-10", iTjk);
  /* ... but never before the general date. */
  Actions early = a;
  int iAze = act(&early, AZE, ACT_ACCESSION, "2026-01-20");
  run(&r, &f, &early, "2026-04-09");
  CHECK_PARTY(aRow[AZE], ST_IN_FORCE, "2026-02-14", "2026-02-14", iAze);
}

/* W3: "90th day after the 20th instrument". */
static void test_w3(void) {
  Actions a = {.n = 0};
  int iEarly = -1, i20 = -1, i21 = -1, i22 = -1;
  /* Deposits added latest first: the input order does not matter. */
  i22 = act(&a, 21, ACT_RATIFICATION, "2024-10-18");
  i21 = act(&a, 20, ACT_ACCESSION, "2024-10-01");
  i20 = act(&a, 19, ACT_ACCEPTANCE, "2024-09-26");
  for (int p = 18; p >= 1; p--) {
    char z[DATE_BUFSZ];
    date_format(date_add_days(D("2024-05-01"), p * 5), z);
    act(&a, p, ACT_RATIFICATION, z);
  }
  iEarly = act(&a, 0, ACT_RATIFICATION, "2024-04-15");
  /* A second instrument by the same state does not count again. */
  act(&a, 0, ACT_APPROVAL, "2024-08-01");
  Condition c = count_of(20);
  EifRule r = threshold_rule(&c, 1, 90);
  DocFacts f = states(22);

  run(&r, &f, &a, "2025-06-01");
  CHECK_DATE(doc.triggerDate, "2024-09-26");
  CHECK_DATE(doc.entryIntoForce, "2024-12-25");
  CHECK(doc.trigger == i20);
  CHECK_PARTY(aRow[0], ST_IN_FORCE, "2024-12-25", "2024-12-25", i20);
  CHECK_PARTY(aRow[19], ST_IN_FORCE, "2024-12-25", "2024-12-25", i20);
  CHECK_PARTY(aRow[20], ST_IN_FORCE, "2024-12-30", "2024-12-30", i21);
  CHECK_PARTY(aRow[21], ST_IN_FORCE, "2025-01-16", "2025-01-16", i22);
  CHECK(aRow[0].trigger != iEarly);
}

/* Month delays: "first day of the month following the expiry of 12
** months" from the second instrument. */
static void test_month_delay(void) {
  Actions a = {.n = 0};
  act(&a, BLR, ACT_RATIFICATION, "2023-05-05");
  act(&a, KAZ, ACT_RATIFICATION, "2024-01-31");
  int iRus = act(&a, RUS, ACT_RATIFICATION, "2025-03-15");
  Condition c = count_of(2);
  EifRule r = threshold_rule(&c, 1, 0);
  r.delay = (Delay){0, 12, true};
  DocFacts f = states(NPARTY);
  run(&r, &f, &a, "2026-06-01");
  CHECK_DATE(doc.entryIntoForce, "2025-02-01");
  CHECK_PARTY(aRow[BLR], ST_IN_FORCE, "2025-02-01", "2025-02-01", 1);
  CHECK_PARTY(aRow[RUS], ST_IN_FORCE, "2026-04-01", "2026-04-01", iRus);
}

/* Paris-style: count of states and share of emissions; the EU's instrument
** of 2016-10-05 carried the weight over 55. "30th day" = D+30. */
static void test_weight(void) {
  enum { CHN, US, IND, NOR, MEX, EU, AM, BY, NWEIGHTED };
  Actions a = {.n = 0};
  act(&a, CHN, ACT_RATIFICATION, "2016-09-03");
  act(&a, US, ACT_ACCEPTANCE, "2016-09-03");
  act(&a, NOR, ACT_RATIFICATION, "2016-09-20");
  act(&a, MEX, ACT_RATIFICATION, "2016-09-21");
  act(&a, IND, ACT_RATIFICATION, "2016-10-02");
  act(&a, BY, ACT_SIGNATURE, "2016-04-22");
  int iEu = act(&a, EU, ACT_APPROVAL, "2016-10-05");
  int iAm = act(&a, AM, ACT_RATIFICATION, "2016-11-10");
  double aEmission[NWEIGHTED];
  for (int p = 0; p < NWEIGHTED; p++) aEmission[p] = NAN;
  aEmission[CHN] = 20.09;
  aEmission[US] = 17.89;
  aEmission[IND] = 4.10;
  aEmission[MEX] = 1.70;
  aEmission[EU] = 12.08;
  aEmission[AM] = 0.02;
  /* NOR's weight is missing (NaN): it counts as a party, adds no weight. */
  const double *aaWeight[] = {aEmission};
  bool aIsOrg[NWEIGHTED] = {false};
  aIsOrg[EU] = true;
  DocFacts f = {NWEIGHTED, aIsOrg, aaWeight, 1};
  Condition ac[2] = {count_of(5), {.kind = COND_WEIGHT, .weight = 0, .atLeast = 55.0}};
  EifRule r = threshold_rule(ac, 2, 30);

  run(&r, &f, &a, "2016-12-31");
  CHECK_DATE(doc.triggerDate, "2016-10-05");
  CHECK_DATE(doc.entryIntoForce, "2016-11-04");
  CHECK(doc.inForce && doc.trigger == iEu);
  CHECK_PARTY(aRow[CHN], ST_IN_FORCE, "2016-11-04", "2016-11-04", iEu);
  CHECK_PARTY(aRow[EU], ST_IN_FORCE, "2016-11-04", "2016-11-04", iEu);
  CHECK_PARTY(aRow[AM], ST_IN_FORCE, "2016-12-10", "2016-12-10", iAm);
  CHECK_PARTY(aRow[BY], ST_SIGNED, "2016-04-22", "", -1);

  /* Without the EU the weight falls short: 43.78, then 43.80. */
  Actions noEu = a;
  noEu.a[iEu].type = ACT_SIGNATURE;
  run(&r, &f, &noEu, "2016-12-31");
  CHECK(doc.entryIntoForce == DATE_NONE && doc.triggerDate == DATE_NONE && !doc.inForce);
  CHECK_PARTY(aRow[CHN], ST_CONSENTED, "2016-09-03", "", -1);

  /* The count alone is met by the fifth state, IND. */
  r = threshold_rule(&ac[0], 1, 30);
  run(&r, &f, &a, "2016-12-31");
  CHECK_DATE(doc.triggerDate, "2016-10-02");
  /* The weight alone: reached when the EU deposits. */
  r = threshold_rule(&ac[1], 1, 30);
  run(&r, &f, &a, "2016-12-31");
  CHECK_DATE(doc.triggerDate, "2016-10-05");
  /* A lower bar is reached by the first two (same day: lower index). */
  Condition low = {.kind = COND_WEIGHT, .weight = 0, .atLeast = 30.0};
  r = threshold_rule(&low, 1, 0);
  run(&r, &f, &a, "2016-12-31");
  CHECK_DATE(doc.triggerDate, "2016-09-03");
  CHECK(doc.trigger == 1);
  /* A weight index the document does not have counts as nothing. */
  Condition missing = {.kind = COND_WEIGHT, .weight = 3, .atLeast = 1.0};
  r = threshold_rule(&missing, 1, 0);
  run(&r, &f, &a, "2016-12-31");
  CHECK(doc.entryIntoForce == DATE_NONE);
}

/* Doha-style: organizations are not counted (counting the EU's 2017
** acceptance would bring the day forward to 2019-05-01). */
static void test_org_not_counted(void) {
  Actions a = {.n = 0};
  act(&a, KAZ, ACT_ACCEPTANCE, "2017-01-10");
  act(&a, EUU, ACT_ACCEPTANCE, "2017-12-21");
  act(&a, BLR, ACT_ACCEPTANCE, "2019-05-01");
  int iLast = act(&a, ARM, ACT_ACCEPTANCE, "2020-10-02");
  bool aIsOrg[NPARTY] = {false};
  aIsOrg[EUU] = true;
  DocFacts f = {NPARTY, aIsOrg, NULL, 0};
  Condition c = count_of(3);
  EifRule r = threshold_rule(&c, 1, 90);
  run(&r, &f, &a, "2021-01-01");
  CHECK_DATE(doc.triggerDate, "2020-10-02");
  CHECK_DATE(doc.entryIntoForce, "2020-12-31");
  CHECK(doc.trigger == iLast && doc.inForce);
  /* The organization is still a party, bound like the others. */
  CHECK_PARTY(aRow[EUU], ST_IN_FORCE, "2020-12-31", "2020-12-31", iLast);

  /* A count of zero holds with the first consent, even an organization's. */
  Condition zero = count_of(0);
  EifRule r0 = threshold_rule(&zero, 1, 0);
  Actions euOnly = {.n = 0};
  act(&euOnly, EUU, ACT_APPROVAL, "2017-12-21");
  run(&r0, &f, &euOnly, "2018-01-01");
  CHECK_DATE(doc.triggerDate, "2017-12-21");

  DocFacts all = states(NPARTY);
  run(&r, &f, &a, "2020-10-01");
  CHECK(doc.triggerDate == DATE_NONE);
  run(&r, &all, &a, "2020-10-01");
  CHECK_DATE(doc.triggerDate, "2019-05-01");
}

static void test_all_of(void) {
  Actions a = {.n = 0};
  act(&a, KGZ, ACT_RATIFICATION, "2020-01-01");
  act(&a, ARM, ACT_RATIFICATION, "2020-02-01");
  act(&a, BLR, ACT_NOTIFICATION, "2020-03-01");
  act(&a, RUS, ACT_NOTIFICATION, "2020-04-01");
  int iKaz = act(&a, KAZ, ACT_NOTIFICATION, "2020-05-01");
  static const int aBig[] = {BLR, RUS, KAZ};
  Condition ac[2] = {count_of(2), {.kind = COND_ALL_OF, .aParty = aBig, .nParty = 3}};
  EifRule r = threshold_rule(ac, 2, 0);
  DocFacts f = states(NPARTY);
  run(&r, &f, &a, "2020-06-01");
  CHECK_DATE(doc.triggerDate, "2020-05-01");
  CHECK(doc.trigger == iKaz);
  CHECK_PARTY(aRow[KGZ], ST_IN_FORCE, "2020-05-01", "2020-05-01", iKaz);
  run(&r, &f, &a, "2020-04-30");
  CHECK(doc.triggerDate == DATE_NONE);
  CHECK_PARTY(aRow[RUS], ST_CONSENTED, "2020-04-01", "", -1);

  /* The count can be the later condition. */
  static const int aTwo[] = {KGZ, ARM};
  Condition ac2[2] = {count_of(4), {.kind = COND_ALL_OF, .aParty = aTwo, .nParty = 2}};
  r = threshold_rule(ac2, 2, 0);
  run(&r, &f, &a, "2020-06-01");
  CHECK_DATE(doc.triggerDate, "2020-04-01");

  /* A listed party that is not a party at all: never. */
  static const int aBad[] = {BLR, 99};
  Condition bad = {.kind = COND_ALL_OF, .aParty = aBad, .nParty = 2};
  r = threshold_rule(&bad, 1, 0);
  run(&r, &f, &a, "2020-06-01");
  CHECK(doc.triggerDate == DATE_NONE);

  /* Two instruments on the trigger day: the one listed first in aAction
  ** completes the conditions, whatever the party numbers. */
  Actions tie = {.n = 0};
  act(&tie, ARM, ACT_RATIFICATION, "2020-01-01");
  int iFirst = act(&tie, KGZ, ACT_RATIFICATION, "2020-03-01");
  act(&tie, BLR, ACT_RATIFICATION, "2020-03-01");
  Condition two = count_of(2);
  r = threshold_rule(&two, 1, 0);
  run(&r, &f, &tie, "2020-06-01");
  CHECK(doc.trigger == iFirst);
  CHECK_PARTY(aRow[BLR], ST_IN_FORCE, "2020-03-01", "2020-03-01", iFirst);

  /* No conditions: the first consent is the trigger. */
  r = threshold_rule(NULL, 0, 0);
  run(&r, &f, &a, "2020-06-01");
  CHECK_DATE(doc.triggerDate, "2020-01-01");
  Actions none = {.n = 0};
  act(&none, KGZ, ACT_SIGNATURE, "2020-01-01");
  run(&r, &f, &none, "2020-06-01");
  CHECK(doc.triggerDate == DATE_NONE && doc.entryIntoForce == DATE_NONE);
}

/* Kigali-style: 1 January 2019 if 20 instruments by then, else the 90th day
** after the 20th. */
static void test_not_before(void) {
  Actions a = {.n = 0};
  for (int p = 0; p < 19; p++) act(&a, p, ACT_RATIFICATION, "2017-06-01");
  int i20 = act(&a, 19, ACT_RATIFICATION, "2017-11-17");
  int iLate = act(&a, 20, ACT_RATIFICATION, "2018-06-01");
  int iLater = act(&a, 21, ACT_RATIFICATION, "2019-02-01");
  Condition c = count_of(20);
  EifRule r = threshold_rule(&c, 1, 90);
  r.notBefore = D("2019-01-01");
  DocFacts f = states(22);
  run(&r, &f, &a, "2019-06-01");
  CHECK_DATE(doc.triggerDate, "2017-11-17");
  CHECK_DATE(doc.entryIntoForce, "2019-01-01");
  CHECK(doc.trigger == i20);
  CHECK_PARTY(aRow[0], ST_IN_FORCE, "2019-01-01", "2019-01-01", i20);
  CHECK_PARTY(aRow[20], ST_IN_FORCE, "2019-01-01", "2019-01-01", iLate);
  CHECK_PARTY(aRow[21], ST_IN_FORCE, "2019-05-02", "2019-05-02", iLater);
  run(&r, &f, &a, "2018-12-31");
  CHECK(!doc.inForce);
  CHECK_PARTY(aRow[0], ST_CONSENTED, "2017-06-01", "2019-01-01", i20);

  /* Condition met late: 90 days after it. */
  a.a[i20].date = D("2018-12-01");
  a.a[iLate].date = D("2018-12-05");
  run(&r, &f, &a, "2019-06-01");
  CHECK_DATE(doc.entryIntoForce, "2019-03-01");
  CHECK_PARTY(aRow[0], ST_IN_FORCE, "2019-03-01", "2019-03-01", i20);
  CHECK_PARTY(aRow[20], ST_IN_FORCE, "2019-03-05", "2019-03-05", iLate);
}

/* on_signature, with "subject to procedures" signatures (CIS decisions). */
static void test_on_signature(void) {
  Actions a = {.n = 0};
  int iBlr = act(&a, BLR, ACT_SIGNATURE, "2020-01-10");
  int iArm = act(&a, ARM, ACT_SIGNATURE, "2020-01-10");
  a.a[iArm].subjectToProcedures = true;
  int iArmNote = act(&a, ARM, ACT_NOTIFICATION, "2020-06-01");
  int iKgz = act(&a, KGZ, ACT_SIGNATURE, "2020-01-10");
  a.a[iKgz].subjectToProcedures = true;
  int iUzb = act(&a, UZB, ACT_ACCESSION, "2021-02-02");
  act(&a, MDA, ACT_NOT_INTERESTED, "2020-01-10");
  EifRule r;
  memset(&r, 0, sizeof r);
  r.kind = EIF_ON_SIGNATURE;
  r.notBefore = r.fixedDate = DATE_NONE;
  DocFacts f = states(NPARTY);

  run(&r, &f, &a, "2020-03-01");
  CHECK_DATE(doc.entryIntoForce, "2020-01-10");
  CHECK(doc.inForce && doc.trigger == iBlr && doc.triggerDate == DATE_NONE);
  CHECK_PARTY(aRow[BLR], ST_IN_FORCE, "2020-01-10", "2020-01-10", iBlr);
  CHECK_PARTY(aRow[ARM], ST_SIGNED, "2020-01-10", "", -1);
  CHECK_PARTY(aRow[KGZ], ST_SIGNED, "2020-01-10", "", -1);
  CHECK_PARTY(aRow[MDA], ST_NOT_INTERESTED, "2020-01-10", "", -1);

  run(&r, &f, &a, "2021-03-01");
  CHECK_PARTY(aRow[ARM], ST_IN_FORCE, "2020-06-01", "2020-06-01", iArmNote);
  CHECK_PARTY(aRow[KGZ], ST_SIGNED, "2020-01-10", "", -1);
  CHECK_PARTY(aRow[UZB], ST_IN_FORCE, "2021-02-02", "2021-02-02", iUzb);

  /* A definitive signature binds too; the earliest binding sets the date. */
  int iRus = act(&a, RUS, ACT_DEFINITIVE_SIGNATURE, "2020-01-05");
  run(&r, &f, &a, "2021-03-01");
  CHECK_DATE(doc.entryIntoForce, "2020-01-05");
  CHECK(doc.trigger == iRus);
  CHECK_PARTY(aRow[RUS], ST_IN_FORCE, "2020-01-05", "2020-01-05", iRus);

  /* Only procedure-bound signatures: not in force anywhere yet. */
  Actions b = {.n = 0};
  act(&b, ARM, ACT_SIGNATURE, "2020-01-10");
  b.a[0].subjectToProcedures = true;
  run(&r, &f, &b, "2021-03-01");
  CHECK(doc.entryIntoForce == DATE_NONE && !doc.inForce && doc.trigger == -1);

  /* Under a threshold rule a plain signature is no consent. */
  Condition c = count_of(1);
  EifRule t = threshold_rule(&c, 1, 0);
  Actions s = {.n = 0};
  act(&s, BLR, ACT_SIGNATURE, "2020-01-10");
  run(&t, &f, &s, "2021-03-01");
  CHECK(doc.entryIntoForce == DATE_NONE);
  CHECK_PARTY(aRow[BLR], ST_SIGNED, "2020-01-10", "", -1);
}

static void test_fixed_date(void) {
  Actions a = {.n = 0};
  int iBlr = act(&a, BLR, ACT_RATIFICATION, "2020-06-01");
  int iKaz = act(&a, KAZ, ACT_RATIFICATION, "2021-01-01");
  int iRus = act(&a, RUS, ACT_RATIFICATION, "2021-03-01");
  act(&a, ARM, ACT_SIGNATURE, "2020-06-01");
  EifRule r;
  memset(&r, 0, sizeof r);
  r.kind = EIF_FIXED_DATE;
  r.notBefore = DATE_NONE;
  r.fixedDate = D("2021-01-01");
  DocFacts f = states(NPARTY);

  run(&r, &f, &a, "2020-12-31");
  CHECK_DATE(doc.entryIntoForce, "2021-01-01");
  CHECK(!doc.inForce && doc.trigger == -1 && doc.triggerDate == DATE_NONE);
  CHECK_PARTY(aRow[BLR], ST_CONSENTED, "2020-06-01", "2021-01-01", iBlr);

  run(&r, &f, &a, "2021-06-01");
  CHECK(doc.inForce);
  CHECK_PARTY(aRow[BLR], ST_IN_FORCE, "2021-01-01", "2021-01-01", iBlr);
  CHECK_PARTY(aRow[KAZ], ST_IN_FORCE, "2021-01-01", "2021-01-01", iKaz);
  /* Later ones from their consent: the default later delay is zero ... */
  CHECK_PARTY(aRow[RUS], ST_IN_FORCE, "2021-03-01", "2021-03-01", iRus);
  CHECK_PARTY(aRow[ARM], ST_SIGNED, "2020-06-01", "", -1);
  /* ... even when the rule has a delay (which fixed_date does not use). */
  r.delay = (Delay){30, 0, false};
  run(&r, &f, &a, "2021-06-01");
  CHECK_PARTY(aRow[RUS], ST_IN_FORCE, "2021-03-01", "2021-03-01", iRus);
  r.hasLaterDelay = true;
  r.laterDelay = (Delay){30, 0, false};
  run(&r, &f, &a, "2021-06-01");
  CHECK_PARTY(aRow[RUS], ST_IN_FORCE, "2021-03-31", "2021-03-31", iRus);

  /* Nobody has consented: no date, even after the fixed one. */
  run(&r, &f, &a, "2020-05-31");
  CHECK(doc.entryIntoForce == DATE_NONE && !doc.inForce);
}

static void test_no_rule(void) {
  Actions a = {.n = 0};
  act(&a, BLR, ACT_RATIFICATION, "2020-06-01");
  EifRule r;
  memset(&r, 0, sizeof r);
  r.kind = EIF_NONE;
  r.notBefore = r.fixedDate = DATE_NONE;
  DocFacts f = states(NPARTY);
  run(&r, &f, &a, "2030-01-01");
  CHECK(doc.entryIntoForce == DATE_NONE && !doc.inForce && doc.trigger == -1);
  CHECK_PARTY(aRow[BLR], ST_CONSENTED, "2020-06-01", "", -1);
}

static void test_provisional(void) {
  Actions a = {.n = 0};
  act(&a, BLR, ACT_SIGNATURE, "2020-01-01");
  act(&a, BLR, ACT_PROVISIONAL_APPLICATION, "2020-01-01");
  act(&a, BLR, ACT_RATIFICATION, "2020-05-01");
  int iKaz = act(&a, KAZ, ACT_RATIFICATION, "2020-09-01");
  act(&a, RUS, ACT_PROVISIONAL_APPLICATION, "2020-02-01");
  Condition c = count_of(2);
  EifRule r = threshold_rule(&c, 1, 0);
  DocFacts f = states(NPARTY);
  run(&r, &f, &a, "2020-03-01");
  CHECK_PARTY(aRow[BLR], ST_PROVISIONAL, "2020-01-01", "", -1);
  /* Provisional application outranks consent until the party is bound. */
  run(&r, &f, &a, "2020-06-01");
  CHECK_PARTY(aRow[BLR], ST_PROVISIONAL, "2020-01-01", "", -1);
  CHECK_PARTY(aRow[RUS], ST_PROVISIONAL, "2020-02-01", "", -1);
  run(&r, &f, &a, "2020-09-01");
  CHECK_PARTY(aRow[BLR], ST_IN_FORCE, "2020-09-01", "2020-09-01", iKaz);
  CHECK_PARTY(aRow[RUS], ST_PROVISIONAL, "2020-02-01", "", -1);
  run(&r, &f, &a, "2020-01-31");
  CHECK_PARTY(aRow[RUS], ST_NONE, "", "", -1);
}

/* W4, W5 and withdrawal followed by a new consent. */
static void test_withdrawal(void) {
  Actions a = {.n = 0};
  act(&a, GEO, ACT_NOTIFICATION, "1995-01-10");
  act(&a, BLR, ACT_NOTIFICATION, "1995-02-10");
  int iGeoOut = act(&a, GEO, ACT_WITHDRAWAL, "2008-08-18");
  Condition c = count_of(2);
  EifRule r = threshold_rule(&c, 1, 0);
  DocFacts f = states(NPARTY);

  /* W4: Georgia, default 12 months. */
  run(&r, &f, &a, "2008-08-17");
  CHECK_PARTY(aRow[GEO], ST_IN_FORCE, "1995-02-10", "1995-02-10", 1);
  run(&r, &f, &a, "2009-08-17");
  CHECK_PARTY(aRow[GEO], ST_WITHDRAWING, "2008-08-18", "1995-02-10", 1);
  run(&r, &f, &a, "2009-08-18");
  CHECK_PARTY(aRow[GEO], ST_WITHDRAWN, "2009-08-18", "1995-02-10", 1);
  /* Falling below the threshold does not end the agreement. */
  CHECK(doc.inForce);
  CHECK_PARTY(aRow[BLR], ST_IN_FORCE, "1995-02-10", "1995-02-10", 1);

  /* An agreement Georgia did not denounce stays in force for it. */
  Actions kept = a;
  kept.n = iGeoOut;
  run(&r, &f, &kept, "2010-01-01");
  CHECK_PARTY(aRow[GEO], ST_IN_FORCE, "1995-02-10", "1995-02-10", 1);

  /* W5: a six-month clause and the month-end clamp. */
  r.hasWithdrawalNotice = true;
  r.withdrawalNotice = (Delay){0, 6, false};
  a.a[iGeoOut].date = D("2024-08-31");
  run(&r, &f, &a, "2025-02-27");
  CHECK_PARTY(aRow[GEO], ST_WITHDRAWING, "2024-08-31", "1995-02-10", 1);
  run(&r, &f, &a, "2025-02-28");
  CHECK_PARTY(aRow[GEO], ST_WITHDRAWN, "2025-02-28", "1995-02-10", 1);

  /* An explicit effective date wins. */
  a.a[iGeoOut].effective = D("2024-12-31");
  run(&r, &f, &a, "2024-12-31");
  CHECK_PARTY(aRow[GEO], ST_WITHDRAWN, "2024-12-31", "1995-02-10", 1);
}

static void test_rejoin(void) {
  Actions a = {.n = 0};
  int iArm = act(&a, ARM, ACT_RATIFICATION, "2010-01-01");
  int iBlr = act(&a, BLR, ACT_RATIFICATION, "2010-02-01");
  act(&a, ARM, ACT_PROVISIONAL_APPLICATION, "2009-06-01");
  int iArmOut = act(&a, ARM, ACT_WITHDRAWAL, "2012-03-15");
  /* A second notice while the first runs changes nothing. */
  act(&a, ARM, ACT_WITHDRAWAL, "2012-09-01");
  int iBack = act(&a, ARM, ACT_ACCESSION, "2015-05-01");
  Condition c = count_of(2);
  EifRule r = threshold_rule(&c, 1, 0);
  r.hasLaterDelay = true;
  r.laterDelay = (Delay){30, 0, false};
  DocFacts f = states(NPARTY);

  run(&r, &f, &a, "2012-06-01");
  CHECK_PARTY(aRow[ARM], ST_WITHDRAWING, "2012-03-15", "2010-02-01", iBlr);
  /* What the status rests on (the document page explains with these). */
  CHECK(aRow[ARM].firstConsent == iArm && aRow[ARM].consent == iArm);
  CHECK(aRow[ARM].withdrawal == iArmOut);
  CHECK_DATE(aRow[ARM].withdrawalEffective, "2013-03-15");
  CHECK(aRow[ARM].signature == DATE_NONE);
  run(&r, &f, &a, "2013-03-14");
  CHECK_PARTY(aRow[ARM], ST_WITHDRAWING, "2012-03-15", "2010-02-01", iBlr);
  run(&r, &f, &a, "2013-03-15");
  CHECK_PARTY(aRow[ARM], ST_WITHDRAWN, "2013-03-15", "2010-02-01", iBlr);
  /* The new consent: consented (not provisional any more), then in force. */
  run(&r, &f, &a, "2015-05-10");
  CHECK_PARTY(aRow[ARM], ST_CONSENTED, "2015-05-01", "2015-05-31", iBack);
  /* The latest episode: the first consent still counts for the threshold. */
  CHECK(aRow[ARM].firstConsent == iArm && aRow[ARM].consent == iBack);
  CHECK(aRow[ARM].withdrawal == -1 && aRow[ARM].withdrawalEffective == DATE_NONE);
  run(&r, &f, &a, "2015-05-31");
  CHECK_PARTY(aRow[ARM], ST_IN_FORCE, "2015-05-31", "2015-05-31", iBack);
  /* The general date stays where the first consents put it. */
  CHECK_DATE(doc.entryIntoForce, "2010-02-01");

  /* A consent on a notice's own day precedes it: here it rejoins after
  ** the first notice, and the second notice, that day, ends it again. */
  Actions again = a;
  int iSameDay = act(&again, ARM, ACT_ACCESSION, "2012-09-01");
  run(&r, &f, &again, "2013-06-01");
  CHECK_PARTY(aRow[ARM], ST_WITHDRAWING, "2012-09-01", "2012-10-01", iSameDay);
  run(&r, &f, &again, "2015-05-10");
  CHECK_PARTY(aRow[ARM], ST_CONSENTED, "2015-05-01", "2015-05-31", iBack);

  /* A new consent before the notice took effect also ends withdrawing. */
  Actions quick = a;
  quick.a[iBack].date = D("2012-10-01");
  run(&r, &f, &quick, "2012-12-01");
  CHECK_PARTY(aRow[ARM], ST_IN_FORCE, "2012-10-31", "2012-10-31", iBack);

  /* A consent given the same day as the notice comes before it (and is
  ** the second instrument, so it binds from E = T). */
  Actions sameDay = {.n = 0};
  act(&sameDay, KAZ, ACT_WITHDRAWAL, "2011-01-01");
  act(&sameDay, KAZ, ACT_RATIFICATION, "2011-01-01");
  act(&sameDay, BLR, ACT_RATIFICATION, "2010-01-01");
  run(&r, &f, &sameDay, "2011-06-01");
  CHECK_PARTY(aRow[KAZ], ST_WITHDRAWING, "2011-01-01", "2011-01-01", 1);

  /* A withdrawal that took effect before the party would have been bound. */
  Actions early = {.n = 0};
  act(&early, KAZ, ACT_RATIFICATION, "2020-01-01");
  int iOut = act(&early, KAZ, ACT_WITHDRAWAL, "2020-02-01");
  early.a[iOut].effective = D("2020-03-01");
  act(&early, BLR, ACT_RATIFICATION, "2020-05-01");
  int iRus = act(&early, RUS, ACT_RATIFICATION, "2020-06-01");
  Condition c3 = count_of(3);
  EifRule r3 = threshold_rule(&c3, 1, 0);
  run(&r3, &f, &early, "2020-07-01");
  /* KAZ's first consent still counts towards the three (5.3). */
  CHECK_DATE(doc.entryIntoForce, "2020-06-01");
  CHECK(doc.trigger == iRus);
  CHECK_PARTY(aRow[KAZ], ST_WITHDRAWN, "2020-03-01", "", -1);
  CHECK_PARTY(aRow[BLR], ST_IN_FORCE, "2020-06-01", "2020-06-01", iRus);

  /* A withdrawal with no consent at all still shows. */
  Actions bare = {.n = 0};
  act(&bare, TKM, ACT_WITHDRAWAL, "2020-01-01");
  run(&r, &f, &bare, "2020-02-01");
  CHECK_PARTY(aRow[TKM], ST_WITHDRAWING, "2020-01-01", "", -1);
}

/* Precedence among the weaker statuses, and annotation-only parties. */
static void test_precedence(void) {
  Actions a = {.n = 0};
  act(&a, MDA, ACT_NOT_INTERESTED, "2020-01-01");
  act(&a, ARM, ACT_NOT_INTERESTED, "2020-01-01");
  act(&a, ARM, ACT_SIGNATURE, "2020-03-01");
  act(&a, ARM, ACT_SIGNATURE, "2020-04-01");
  act(&a, UKR, ACT_RESERVATION, "2020-01-01");
  act(&a, GEO, ACT_OBJECTION, "2020-01-01");
  act(&a, AZE, ACT_SPECIAL_OPINION, "2020-01-01");
  act(&a, AZE, ACT_DECLARATION, "2020-01-01");
  act(&a, BLR, ACT_SIGNATURE, "2020-01-01");
  act(&a, BLR, ACT_RESERVATION, "2020-01-01");
  act(&a, KAZ, ACT_NOT_INTERESTED, "2020-01-01");
  act(&a, KAZ, ACT_ACCESSION, "2020-05-01");
  Condition c = count_of(5);
  EifRule r = threshold_rule(&c, 1, 0);
  DocFacts f = states(NPARTY);
  run(&r, &f, &a, "2020-06-01");
  CHECK_PARTY(aRow[MDA], ST_NOT_INTERESTED, "2020-01-01", "", -1);
  CHECK_PARTY(aRow[ARM], ST_SIGNED, "2020-03-01", "", -1);
  CHECK_PARTY(aRow[UKR], ST_NONE, "", "", -1);
  CHECK_PARTY(aRow[GEO], ST_NONE, "", "", -1);
  CHECK_PARTY(aRow[AZE], ST_NONE, "", "", -1);
  CHECK_PARTY(aRow[BLR], ST_SIGNED, "2020-01-01", "", -1);
  CHECK_PARTY(aRow[KAZ], ST_CONSENTED, "2020-05-01", "", -1);
}

/* Malformed actions are ignored, not trusted. */
static void test_bad_input(void) {
  Actions a = {.n = 0};
  act(&a, BLR, ACT_RATIFICATION, "2020-01-01");
  act(&a, -1, ACT_RATIFICATION, "2020-01-01");
  act(&a, NPARTY, ACT_RATIFICATION, "2020-01-01");
  int iNoDate = act(&a, KAZ, ACT_RATIFICATION, "2020-01-01");
  a.a[iNoDate].date = DATE_NONE;
  Condition c = count_of(2);
  EifRule r = threshold_rule(&c, 1, 0);
  DocFacts f = states(NPARTY);
  run(&r, &f, &a, "2021-01-01");
  CHECK(doc.entryIntoForce == DATE_NONE);
  CHECK_PARTY(aRow[KAZ], ST_NONE, "", "", -1);

  DocFacts empty = states(0);
  run(&r, &empty, &a, "2021-01-01");
  CHECK(doc.entryIntoForce == DATE_NONE && !doc.inForce);
  CHECK(doc_status(&r, &f, NULL, 0, D("2021-01-01"), &doc, aRow) == 0);
  CHECK_PARTY(aRow[BLR], ST_NONE, "", "", -1);
}

/* Many actions: the work is O(n log n), and the answer is still exact. */
static void test_large(void) {
  enum { NBIG = 200, PER = 2500 };
  int n = NBIG * PER;
  Action *aBig = malloc((size_t)n * sizeof *aBig);
  PartyStatus *aBigRow = malloc(NBIG * sizeof *aBigRow);
  if (aBig == NULL || aBigRow == NULL) {
    CHECK(!"out of memory");
    free(aBig);
    free(aBigRow);
    return;
  }
  pdate base = D("2000-01-01");
  /* Party p ratifies on base + p (last action of each party's group is at
  ** the front of the array); everything else is reservations. */
  for (int i = 0; i < n; i++) {
    int p = i % NBIG;
    aBig[i].party = p;
    aBig[i].type = i < NBIG ? ACT_RATIFICATION : ACT_RESERVATION;
    aBig[i].date = i < NBIG ? base + p : base + (i / NBIG) % 3000;
    aBig[i].effective = DATE_NONE;
    aBig[i].subjectToProcedures = false;
  }
  Condition c = count_of(100);
  EifRule r = threshold_rule(&c, 1, 0);
  DocFacts f = states(NBIG);
  CHECK(doc_status(&r, &f, aBig, n, base + 10000, &doc, aBigRow) == 0);
  CHECK(doc.entryIntoForce == base + 99 && doc.trigger == 99);
  CHECK(aBigRow[0].status == ST_IN_FORCE && aBigRow[0].entryIntoForce == base + 99);
  CHECK(aBigRow[150].entryIntoForce == base + 150 && aBigRow[150].trigger == 150);
  free(aBig);
  free(aBigRow);
}

/* ---- Compliance ----------------------------------------------------------- */

static void test_compliance(void) {
  /* W7: one member, seven commitments. */
  static const int aScore[] = {1, 0, 1, -1, 1, 0, 1};
  double sum = 0;
  for (int i = 0; i < 7; i++) sum += aScore[i];
  double percent = compliance_percent(sum / 7);
  CHECK(fabs(percent - 71.43) < 0.005);
  CHECK(compliance_percent(-1) == 0);
  CHECK(compliance_percent(0) == 50);
  CHECK(compliance_percent(1) == 100);
  CHECK(isnan(compliance_percent(NAN)));
}

/* Score selection (design.md 5.5): the latest assessment on or before the
** date; a reviewed one wins a same-day tie, then the later journal entry;
** a period keeps only assessments dated within it. */
static void test_score_on(void) {
  const Score a[] = {
      {0, 0, -1, D("2024-03-01"), true, 1},  /* 0 */
      {0, 0, 0, D("2024-06-01"), false, 2},  /* 1: preliminary */
      {0, 0, 1, D("2024-06-01"), true, 3},   /* 2: reviewed, same day */
      {0, 0, -1, D("2024-09-01"), false, 4}, /* 3: revised later */
      {1, 0, 1, D("2024-01-01"), false, 5},  /* 4 */
      {1, 0, 0, D("2024-01-01"), false, 6},  /* 5: same day, later entry */
      {0, 1, 1, D("2025-01-01"), true, 7},   /* 6 */
  };
  int n = (int)(sizeof(a) / sizeof(a[0]));
  CHECK(score_on(a, n, 0, 0, DATE_NONE, D("2024-02-28")) == -1);
  CHECK(score_on(a, n, 0, 0, DATE_NONE, D("2024-03-01")) == 0);
  CHECK(score_on(a, n, 0, 0, DATE_NONE, D("2024-06-01")) == 2);
  CHECK(score_on(a, n, 0, 0, DATE_NONE, D("2024-08-31")) == 2);
  CHECK(score_on(a, n, 0, 0, DATE_NONE, D("2024-09-01")) == 3);
  CHECK(score_on(a, n, 1, 0, DATE_NONE, D("2030-01-01")) == 5);
  CHECK(score_on(a, n, 1, 1, DATE_NONE, D("2030-01-01")) == -1);
  /* A period [2024-04-01, 2024-12-31] leaves out the March score. */
  CHECK(score_on(a, n, 0, 0, D("2024-04-01"), D("2024-05-31")) == -1);
  CHECK(score_on(a, n, 0, 0, D("2024-04-01"), D("2024-12-31")) == 3);
  CHECK(score_newer(&a[2], &a[1]) && !score_newer(&a[1], &a[2]));
  CHECK(score_newer(&a[5], &a[4]));
  CHECK(score_newer(&a[3], &a[2]));

  /* W7 through Mean; gaps (NAN) are ignored. */
  Mean m = {0, 0};
  CHECK(isnan(mean_value(&m)));
  const double aW7[] = {1, 0, 1, NAN, -1, 1, 0, NAN, 1};
  for (int i = 0; i < 9; i++) mean_add(&m, aW7[i]);
  CHECK(m.n == 7);
  CHECK(fabs(mean_value(&m) - 3.0 / 7) < 1e-12);
  CHECK(fabs(compliance_percent(mean_value(&m)) - 71.428571428571) < 1e-9);
}

int main(void) {
  test_names();
  test_membership();
  test_chair_w6();
  test_chair_cis_breaches();
  test_chair_eaeu();
  test_chair_january_first();
  test_chair_edges();
  test_delay();
  test_w1();
  test_any_order();
  test_w2();
  test_w3();
  test_month_delay();
  test_weight();
  test_org_not_counted();
  test_all_of();
  test_not_before();
  test_on_signature();
  test_fixed_date();
  test_no_rule();
  test_provisional();
  test_withdrawal();
  test_rejoin();
  test_precedence();
  test_bad_input();
  test_large();
  test_compliance();
  test_score_on();
  return check_report();
}
