/*
** Consistency checks: whether the records agree with each other and with
** the calendar. One table of named checks (checks.c), each with a stable
** code, a severity and the record kind it looks at. An error refuses the
** write that would make it true; a warning lets it through and is reported.
**
** Two ways in: checks_all runs every check over the whole registry (`pacta
** check`, GET /api/v1/checks); a WriteCheck runs inside a write's
** transaction, over the records the write puts or retracts and the records
** whose checks depend on them, so that a write is refused only for what it
** makes wrong, not for what an older registry already held.
**
** A finding is a JSON object {"code", "severity" ("error" or "warning"),
** "message", "kind", "key", "field"} (field may be null); a finding the
** registry held before the write also has "existing": true.
*/
#ifndef PACTA_CHECKS_H
#define PACTA_CHECKS_H

#include <jansson.h>
#include <stdbool.h>

#include "date.h"
#include "db.h"
#include "kind.h"

typedef enum CheckSeverity { CHECK_ERROR, CHECK_WARNING } CheckSeverity;

typedef struct CheckDef {
  const char *zCode; /* "action.before_adoption" */
  CheckSeverity severity;
  Kind kind;         /* the kind of record it looks at */
  const char *zWhat; /* one line for `pacta check --list` and the docs (N_: print _(zWhat)) */
} CheckDef;

extern const CheckDef aCheckDef[];
extern const int nCheckDef;

const char *check_severity_name(CheckSeverity s); /* "error", "warning" */

/* Every check over every live record: a new array of findings, errors
** first, then by kind and key. */
json_t *checks_all(Db *pDb, pdate today);

/* The findings on one live record: a new array. */
json_t *checks_record(Db *pDb, pdate today, Kind kind, const char *zKey);
/* On a document and its actions (its page). */
json_t *checks_document(Db *pDb, pdate today, const char *zDoc);
/* On the records of an organization: its memberships, documents and their
** actions, sessions (through their bodies), commitments and their
** assessments, chairmanship. */
json_t *checks_organization(Db *pDb, pdate today, const char *zOrg);

typedef struct WriteCheck WriteCheck;

/* Start checking a write, inside its transaction, before anything is
** written. */
WriteCheck *write_check_begin(Db *pDb, pdate today);
/* Before putting or retracting (kind, zKey): remember the findings of the
** records that depend on it, as they stand now. */
void write_check_before(WriteCheck *w, Kind kind, const char *zKey, bool bRetract);
/* After a put that appended (new or changed content): check it. pVal is
** the value written. */
void write_check_put(WriteCheck *w, Kind kind, const char *zKey, const json_t *pVal);
/* After all writes: the deferred checks and the dependents. Returns the
** findings (a new array; errors that the registry held before the write
** marked "existing"), at most WRITE_CHECK_KEEP errors and as many warnings
** (kept apart, so that warnings never hide an error; a load of 200,000
** actions may warn on each: the rest are counted in *pnDropped), and sets
** *pnError to the errors this write would cause: more than 0 refuses it.
** Frees w. */
#define WRITE_CHECK_KEEP 1000
json_t *write_check_end(WriteCheck *w, int *pnError, int *pnDropped);
/* Let a write's checks go without running them (the write was abandoned). */
void write_check_discard(WriteCheck *w);

/* A finding of check zCode (a code of aCheckDef) on (kind, zKey): its
** message is "KIND KEY: FIELD: zText". A new reference. */
json_t *check_finding_new(const char *zCode, Kind kind, const char *zKey, const char *zField,
                          const char *zText);

/* "error [action.before_adoption] action doc|BLR|signature|2001-01-01: date: ..."
** into a new string (xfree it). */
char *check_finding_line(const json_t *pFinding);

#endif
