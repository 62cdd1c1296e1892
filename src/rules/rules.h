/*
** The rules of design.md section 5, as pure functions over in-memory facts:
** no I/O, no allocation visible to the caller beyond what it passes in.
** Parties are small integers chosen by the caller (an index into its own
** party table); the rules never see codes or names.
*/
#ifndef PACTA_RULES_H
#define PACTA_RULES_H

#include <stdbool.h>
#include "date.h"

/* ---- Memberships (5.1) ------------------------------------------------ */

typedef enum MemberKind {
  MK_FOUNDING,
  MK_MEMBER,
  MK_ASSOCIATE,
  MK_OBSERVER,
  MK_PARTICIPANT,
  MK_SUSPENDED,
  MK__COUNT
} MemberKind;

/* The *_name functions return NULL for a value outside the enum. */
/* The names by value, NULL-terminated (for validators listing them). */
extern const char *const azMemberKindName[MK__COUNT + 1];

const char *member_kind_name(MemberKind k);
int member_kind_parse(const char *z, MemberKind *pOut); /* 0 or -1 */

typedef struct Membership {
  int party;
  MemberKind kind;
  pdate from; /* inclusive */
  pdate to;   /* exclusive; DATE_NONE when open */
} Membership;

bool membership_holds(const Membership *p, pdate d);

/* ---- Chairmanship (5.2) ----------------------------------------------- */

typedef struct YearParty {
  int year;
  int party;
} YearParty;

typedef struct ChairRule {
  const int *aOrder; /* parties in cyclic order, each at most once */
  int nOrder;
  unsigned eligible; /* bit (1u << MemberKind) for each eligible kind */
  const YearParty *aRecorded;
  int nRecorded;
  const YearParty *aDeclined;
  int nDeclined;
} ChairRule;

typedef struct ChairYear {
  int year;
  int chair;     /* -1 when unknown */
  bool recorded; /* chair comes from a recorded decision */
  int expected;  /* the rule's answer, -1 when unknown */
  int coPrev;    /* chair(Y-1), -1 when unknown */
  int coNext;    /* chair(Y+1), -1 when unknown */
} ChairYear;

/* The chair, expected chair and co-chairs (previous_and_next) for year.
** Everything before the earliest recorded year is unknown. The walk from
** that year is iterative, and once recorded years, declined turns and
** membership changes are all past it only cycles, so far years are cheap.
** The full circle after chair(Y-1) ends at chair(Y-1) itself: a party that
** is the only one eligible chairs again. */
void chair_for_year(const ChairRule *pRule, const Membership *aMem, int nMem, int year,
                    ChairYear *pOut /* OUT */);

/* Every recorded year whose chair differs from expected(Y), ascending by
** year; a year whose expected(Y) is unknown is not a breach. Writes at most
** nMax rows to aOut; returns how many there are. */
int chair_breaches(const ChairRule *pRule, const Membership *aMem, int nMem,
                   ChairYear *aOut /* OUT */, int nMax);

/* ---- Entry into force and status (5.3, 5.4) --------------------------- */

typedef enum ActionType {
  ACT_SIGNATURE,
  ACT_DEFINITIVE_SIGNATURE,
  ACT_RATIFICATION,
  ACT_ACCEPTANCE,
  ACT_APPROVAL,
  ACT_ACCESSION,
  ACT_NOTIFICATION,
  ACT_SUCCESSION,
  ACT_PROVISIONAL_APPLICATION,
  ACT_RESERVATION,
  ACT_DECLARATION,
  ACT_SPECIAL_OPINION,
  ACT_OBJECTION,
  ACT_NOT_INTERESTED,
  ACT_WITHDRAWAL,
  ACT__COUNT
} ActionType;

extern const char *const azActionTypeName[ACT__COUNT + 1];

const char *action_type_name(ActionType t);
int action_type_parse(const char *z, ActionType *pOut); /* 0 or -1 */
/* definitive_signature, ratification, acceptance, approval, accession,
** notification, succession. */
bool action_is_consent(ActionType t);

typedef struct Action {
  int party;
  ActionType type;
  pdate date;
  pdate effective;          /* withdrawal only; DATE_NONE when not given */
  bool subjectToProcedures; /* signature only */
} Action;

typedef struct Delay {
  int days;
  int months;
  bool firstOfNextMonth; /* after adding months and days */
} Delay;

pdate delay_apply(const Delay *p, pdate d);

typedef enum CondKind { COND_COUNT, COND_ALL_OF, COND_WEIGHT } CondKind;

typedef struct Condition {
  CondKind kind;
  int count;         /* COND_COUNT */
  const int *aParty; /* COND_ALL_OF */
  int nParty;
  int weight; /* COND_WEIGHT: index into DocFacts.aaWeight */
  double atLeast;
} Condition;

typedef enum EifKind { EIF_NONE, EIF_ON_SIGNATURE, EIF_THRESHOLD, EIF_FIXED_DATE } EifKind;

typedef struct EifRule {
  EifKind kind;
  const Condition *aCond; /* EIF_THRESHOLD */
  int nCond;
  Delay delay;
  Delay laterDelay;
  bool hasLaterDelay; /* else laterDelay = delay */
  pdate notBefore;    /* DATE_NONE when absent */
  pdate fixedDate;    /* EIF_FIXED_DATE */
  Delay withdrawalNotice;
  bool hasWithdrawalNotice; /* else 12 months (VCLT art. 56) */
} EifRule;

/* What the rules need to know about one document's parties. */
typedef struct DocFacts {
  int nParty;                    /* parties are 0 .. nParty-1 */
  const bool *aIsOrg;            /* [nParty]: kind organization (not counted by COND_COUNT) */
  const double *const *aaWeight; /* [weight][party], NaN or 0 when absent */
  int nWeight;
} DocFacts;

/* A party with only annotations (reservation, declaration, special_opinion,
** objection) is ST_NONE as well: an objection can come from a state that
** never signed, so no other status fits it. */
typedef enum StatusKind {
  ST_NONE, /* no action on or before the date: not listed */
  ST_NOT_INTERESTED,
  ST_SIGNED,
  ST_CONSENTED,
  ST_PROVISIONAL,
  ST_IN_FORCE,
  ST_WITHDRAWING,
  ST_WITHDRAWN
} StatusKind;

const char *status_kind_name(StatusKind k);

typedef struct PartyStatus {
  StatusKind status;
  pdate since;
  pdate entryIntoForce; /* DATE_NONE when not determinable */
  /* Why: the action that fixed entryIntoForce (index into aAction), -1 if none. */
  int trigger;
  /* What the status rests on, for explanations (indexes into aAction, -1
  ** if none): the party's first binding action (what a threshold counts),
  ** the first binding action of its latest episode (after its last notice
  ** of withdrawal before that), and a pending notice of withdrawal with the
  ** date it takes effect. */
  int firstConsent, consent, withdrawal;
  pdate withdrawalEffective;
  pdate signature; /* its first signature, DATE_NONE if none */
} PartyStatus;

typedef struct DocStatus {
  pdate entryIntoForce; /* general date, DATE_NONE when not (yet) determinable */
  bool inForce;         /* entryIntoForce <= on */
  pdate triggerDate;    /* threshold rule: T, else DATE_NONE */
  int trigger;          /* the action completing the conditions, -1 if none */
} DocStatus;

/* Status of the document and of every party on date `on`, counting only
** actions dated on or before it. aAction may be in any order; aOut has
** nParty rows. Returns 0, or -1 if scratch memory ran out.
**
** Decisions beyond design.md 5.3/5.4:
** - Actions whose party is outside 0..nParty-1 or whose date is DATE_NONE
**   are ignored. On one day a consent precedes a withdrawal.
** - Threshold: T needs at least one consent, even when the conditions are
**   empty or trivially true. Each party's first consent counts, even if it
**   later withdrew. A weight index outside aaWeight counts as weight 0.
** - on_signature: the general trigger is the earliest binding action; a
**   party is bound from its binding action in every episode (no delay).
** - fixed_date: a party's trigger is its own consent; the document's is -1.
** - Withdrawal: a second notice while one is pending is ignored. A consent
**   dated after the notice starts a new episode whose status and dates
**   replace the withdrawal's, even before the withdrawal took effect.
**   A provisional application before a withdrawal does not carry over.
** - withdrawing / withdrawn rows keep the entry-into-force date of the
**   episode the withdrawal ended, or DATE_NONE if the withdrawal took
**   effect before the party would have been bound. */
int doc_status(const EifRule *pRule, const DocFacts *pFacts, const Action *aAction, int nAction,
               pdate on, DocStatus *pDoc /* OUT */, PartyStatus *aOut /* OUT [nParty] */);

/* ---- Compliance (5.5) ------------------------------------------------- */

/* percent = (average + 1) * 50 */
double compliance_percent(double average);

/* One assessment of a party on a commitment, as the rules see it: party and
** commitment are the caller's small integers. */
typedef struct Score {
  int party;
  int commitment;
  int score;     /* -1, 0 or +1 */
  pdate date;    /* the assessment's date */
  bool reviewed; /* reviewed (else preliminary) */
  long long seq; /* its journal entry: the later one wins a tie */
} Score;

/* Does a take precedence over b for the same (party, commitment)? The later
** date wins; on one date a reviewed one wins over a preliminary one, then the
** later journal entry. */
bool score_newer(const Score *a, const Score *b);

/* The score of (party, commitment) on date `on`: the index in aScore of its
** latest assessment dated on or before `on` (and on or after `from` unless
** from is DATE_NONE, for a report period), or -1 when there is none. */
int score_on(const Score *aScore, int nScore, int party, int commitment, pdate from, pdate on);

/* A running mean that ignores missing scores. */
typedef struct Mean {
  double sum;
  int n;
} Mean;

void mean_add(Mean *p, double x);
/* The mean, or NAN when nothing was added. */
double mean_value(const Mean *p);

#endif
