/*
** Submissions: how a member state deposits an instrument. A delegate's write
** is not a record but a submission (a journal entry of kind "submission",
** so the receipt is in the log and can be proved) that changes no status
** until the depositary accepts it; accepting writes its records as the
** depositary's, dated on receipt (or on the date of deposit the depositary
** gives), and numbers a depositary notification per year ("2026/17");
** rejecting keeps the reason for the submitting party. See
** docs/submissions.md.
**
** A submission's value: {"id": "sub-2026-0007", "status": "pending" |
** "accepted" | "rejected", "received": "2026-12-04T10:15:00Z", "party",
** "submitted_by", "records": {"actions": [...], "assessments": [...]},
** "warnings": [findings], "decision": {"by", "at", "date", "notification",
** "reason"} | null}.
*/
#ifndef PACTA_SUBMISSION_H
#define PACTA_SUBMISSION_H

#include <jansson.h>
#include <stdbool.h>

#include "auth.h"
#include "db.h"
#include "util.h"

typedef enum SubmitResult {
  SUBMIT_OK,
  SUBMIT_FORBIDDEN,    /* not the caller's to submit or decide: the rule in pWhy */
  SUBMIT_INVALID,      /* the records are not valid: *ppOut {"details": [...]} */
  SUBMIT_INCONSISTENT, /* they contradict the registry: *ppOut {"findings": [...]} */
  SUBMIT_UNKNOWN,      /* no such submission */
  SUBMIT_DECIDED,      /* accepted or rejected already */
  SUBMIT_DUPLICATE,    /* the same deposit awaits a decision: why in pWhy, *ppOut {"id"} */
  SUBMIT_BUSY,         /* another writer held the registry */
} SubmitResult;

/* A delegate's deposit of pDoc, an interchange document holding actions and
** assessments (self-reports) of its own party only. Each record's date is
** the day of receipt. On SUBMIT_OK *ppOut is the submission written. */
SubmitResult submission_create(Db *pDb, const Caller *pCaller, const json_t *pDoc, json_t **ppOut,
                               Buf *pWhy);

/* The depositary accepts (bAccept) or rejects submission zId. Accepting:
** zDate (NULL: the day received) is the date of deposit, zReason optional.
** Rejecting: zReason required. On SUBMIT_OK *ppOut is the submission as
** decided; on SUBMIT_INVALID or SUBMIT_INCONSISTENT (its records no longer
** fit the registry) it stays pending. */
SubmitResult submission_decide(Db *pDb, const char *zActor, const char *zId, bool bAccept,
                               const char *zDate, const char *zReason, json_t **ppOut, Buf *pWhy);

/* What the consistency checks find now, in the current language, in the
** records of pending submission pSub as they would be accepted on the day
** received: a new array of findings (errors and warnings), or NULL when the
** registry was busy (the stored "warnings", of the day it came in and in
** its sender's language, stand then). */
json_t *submission_findings_now(Db *pDb, const json_t *pSub);

/* The submissions, newest first: zParty's only (NULL: all), of zStatus
** (NULL: any). A new array. */
json_t *submission_list(Db *pDb, const char *zParty, const char *zStatus);

/* One submission, or NULL. */
json_t *submission_get(Db *pDb, const char *zId);

/* The accepted submissions whose records include an action of document zDoc
** (NULL: all), by notification, newest first: the depositary notifications. */
json_t *submission_notifications(Db *pDb, const char *zDoc);

#endif
