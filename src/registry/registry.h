/*
** Reading the registry: each query gathers the facts from the derived
** tables and the journal, runs the pure rules (rules.h) and answers with the
** JSON of design.md section 6. The command line prints that JSON or renders
** it as a table; the HTTP server will serve the same objects.
**
** Every query returns a new reference, or NULL with a message in *pzErr
** (static or owned by the caller's Buf) when an id is unknown.
*/
#ifndef PACTA_REGISTRY_H
#define PACTA_REGISTRY_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "date.h"
#include "db.h"
#include "entity.h"
#include "kind.h"
#include "util.h"

/* The current value of a live entity, as entity_get, but each journal
** entry's value parsed once per thread and kept: a new reference to a value
** nobody may change, or NULL. */
json_t *record_get(Db *pDb, Kind kind, const char *zKey);
/* entity_map from the same kept values: every live entity of a kind as one
** object keyed by its field zField (read-only, kept too while the entities
** are the same). */
json_t *record_map(Db *pDb, Kind kind, const char *zField);

json_t *query_members(Db *pDb, const char *zOrg, pdate on, Buf *pErr);
json_t *query_chair(Db *pDb, const char *zOrg, int year, Buf *pErr);
/* Every year from the first recorded one to max(last recorded, thisYear+1):
** {"organization", "years": [...], "breaches": [Y...]} */
json_t *query_chair_history(Db *pDb, const char *zOrg, int thisYear, Buf *pErr);
json_t *query_status(Db *pDb, const char *zDoc, pdate on, Buf *pErr);
/* query_status with the reasons, for the document page. Besides the
** fields of query_status:
**   "rule": the document's entry_into_force clause (or null),
**   "trigger_date": T of a threshold rule (or null),
**   "trigger": {"party","type","date","rank"} the consent that completed the
**     conditions (rank: its place among the counted consents), or null,
**   "consents": [{"party","type","date","counted"}] each party's first
**     consent on or before `on`, by date (counted: toward {"count": N}),
** and each party row (every party with an action on or before `on`; status
** null when it has only annotations) adds
**   "signature": DATE|null, "consent": {"type","date"}|null (the consent
**   that binds it now), "trigger": {"party","type","date"}|null (the action
**   that fixed its entry_into_force), "withdrawal": {"date","effective"}|null,
**   "actions": [{"type","date", "text"?, "note"?, "effective"?,
**   "subject_to_procedures"?}] by date. */
json_t *query_status_detail(Db *pDb, const char *zDoc, pdate on, Buf *pErr);
/* The same reasons as C values, for the document page to write without a
** tree of JSON: status_detail_open fills *pOut (false, with a message, for
** an unknown document); everything it points to lives until
** status_detail_close. Dates are DATE_NONE where the JSON has null. */
typedef struct DetailAction {
  const char *zParty; /* the party's code; NULL: no such action (null) */
  const char *zType;  /* the action's type */
  pdate date;
  pdate effective;           /* its "effective", or DATE_NONE */
  bool bSubjectToProcedures; /* its "subject_to_procedures" is true */
  /* Its record ("text", "note", "reservation", "notification"...), or NULL:
  ** given (in StatusDetail.aAction) only when the record holds more than
  ** the fields above (actions.more), as the page reads only those. */
  const json_t *pRec;
  int i; /* the action's index in the computation (-1: none) */
} DetailAction;

typedef struct DetailConsent {
  DetailAction a;
  bool bCounted; /* toward {"count": N} */
} DetailConsent;

typedef struct DetailRow {
  const char *zParty;
  int status;          /* StatusKind (rules.h) */
  const char *zStatus; /* its name; NULL: the party has only annotations */
  pdate since, entryIntoForce, signature;
  DetailAction consent, trigger; /* zParty NULL: none */
  bool bWithdrawal;              /* a pending notice: */
  pdate withdrawal, withdrawalEffective;
  const DetailAction *aAction; /* the party's actions on or before `on`, by date */
  int nAction;
} DetailRow;

typedef struct StatusDetailWork StatusDetailWork;

typedef struct StatusDetail {
  const char *zDoc;
  const json_t *pDoc; /* the document's record */
  pdate on;
  bool inForce;
  pdate entryIntoForce, triggerDate;
  DetailAction trigger;    /* the consent that completed the conditions */
  int rank;                /* its place among the counted consents */
  DetailConsent *aConsent; /* each party's first consent, by date */
  int nConsent;
  DetailRow *aRow; /* by party code */
  int nRow;
  DetailAction *aAction; /* the rows' actions, row after row */
  int nAction;
  StatusDetailWork *pWork;
} StatusDetail;

bool status_detail_open(Db *pDb, const char *zDoc, pdate on, StatusDetail *pOut, Buf *pErr);
void status_detail_close(StatusDetail *p);

/* A party's memberships, chairs held and its status in every document. */
json_t *query_party(Db *pDb, const char *zCode, pdate on, int thisYear, Buf *pErr);

/* Status of every document on `on`, written as one JSON document
** {"on": DATE, "documents": [STATUS...]} without holding it all in memory. */
void query_status_all(Db *pDb, pdate on, FILE *f);

#endif
