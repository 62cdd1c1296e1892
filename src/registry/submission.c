/*
** Submissions (submission.h): a delegate deposits, the depositary decides.
** Every write goes through the interchange load (so through the journal,
** the schema and the consistency checks); what was read before deciding is
** held with the load's expectations (LoadOptions), so two decisions on one
** submission cannot both land.
*/
#include "submission.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "entity.h"
#include "fields.h"
#include "interchange.h"
#include "kind.h"

#define TRIES 5 /* a write refused because another landed first is tried again */

/* "2026-12-04T10:15:00Z": today's date (date_today: PACTA_TODAY in tests)
** and the time of day in UTC. */
static void timestamp(char *z, size_t n) {
  char zDate[DATE_BUFSZ];
  date_format(date_today(), zDate);
  time_t now = time(0);
  struct tm tm;
  gmtime_r(&now, &tm);
  snprintf(z, n, "%sT%02d:%02d:%02dZ", zDate, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The natural key of a submitted record, as the registry would key it. */
static void record_key(Buf *b, const char *zSection, const json_t *p) {
  buf_reset(b);
  if (strcmp(zSection, "actions") == 0)
    buf_printf(b, "%s|%s|%s|%s", dflt(str(p, "document"), ""), dflt(str(p, "party"), ""),
               dflt(str(p, "type"), ""), dflt(str(p, "date"), ""));
  else
    buf_printf(b, "%s|%s|%s|self", dflt(str(p, "commitment"), ""), dflt(str(p, "party"), ""),
               dflt(str(p, "date"), ""));
}

/* Load pDoc as zActor under the expectations; the result of the load. */
static int load(Db *pDb, const json_t *pDoc, const char *zActor, const LoadExpect *pExpect,
                bool bDryRun, json_t **paMsg, LoadResult *pRes) {
  LoadOptions o = {bDryRun, pExpect, pExpect ? 1 : 0};
  return interchange_load_json_opt(pDb, pDoc, zActor, &o, paMsg, pRes);
}

/* What a failed load means for the caller. */
static SubmitResult load_failure(int rc, json_t *aMsg, LoadResult *pRes, json_t **ppOut) {
  if (rc == LOAD_BUSY) return SUBMIT_BUSY;
  if (rc == LOAD_INCONSISTENT) {
    *ppOut = json_pack("{s:O, s:O?}", "details", aMsg, "findings", pRes->aFinding);
    return SUBMIT_INCONSISTENT;
  }
  *ppOut = json_pack("{s:O}", "details", aMsg);
  return SUBMIT_INVALID;
}

/* The next id of this year: sub-YYYY-NNNN, one more than the highest. */
static void next_id(Db *pDb, char *z, size_t n) {
  int year, month, day;
  date_to_ymd(date_today(), &year, &month, &day);
  char zLo[32], zHi[32];
  snprintf(zLo, sizeof(zLo), "sub-%04d-", year);
  snprintf(zHi, sizeof(zHi), "sub-%04d.", year);
  sqlite3_stmt *p = db_stmt(pDb, "SELECT max(key) FROM entity WHERE kind=?1 AND key>=?2 "
                                 "AND key<?3");
  sqlite3_bind_int(p, 1, K_SUBMISSION);
  sqlite3_bind_text(p, 2, zLo, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 3, zHi, -1, SQLITE_STATIC);
  long last = 0;
  if (db_step_row(pDb, p) && sqlite3_column_type(p, 0) != SQLITE_NULL)
    last = strtol((const char *)sqlite3_column_text(p, 0) + strlen(zLo), 0, 10);
  sqlite3_reset(p);
  snprintf(z, n, "%s%04ld", zLo, last + 1);
}

/* The id of zParty's pending submission holding the same records (a new
** string), or NULL: the same deposit sent twice is one submission. */
static char *pending_same(Db *pDb, const char *zParty, const json_t *pRecords) {
  json_t *a = submission_list(pDb, zParty, "pending");
  char *zId = 0;
  size_t i;
  json_t *p;
  json_array_foreach(a, i, p) {
    if (json_equal(json_object_get(p, "records"), (json_t *)pRecords)) {
      zId = xstrdup(dflt(str(p, "id"), ""));
      break;
    }
  }
  json_decref(a);
  return zId;
}

SubmitResult submission_create(Db *pDb, const Caller *pCaller, const json_t *pDoc, json_t **ppOut,
                               Buf *pWhy) {
  *ppOut = 0;
  if (pCaller->role != ROLE_DELEGATE) {
    buf_puts(pWhy, _("a submission is a delegate's; the depositary records directly"));
    return SUBMIT_FORBIDDEN;
  }
  char zToday[DATE_BUFSZ];
  date_format(date_today(), zToday);
  json_t *pRecords = json_object();
  Buf key = {0};
  const char *zSection;
  json_t *pArr;
  SubmitResult rc = SUBMIT_OK;
  json_object_foreach((json_t *)pDoc, zSection, pArr) {
    if (strcmp(zSection, "pacta") == 0) continue;
    bool bAction = strcmp(zSection, "actions") == 0;
    if ((!bAction && strcmp(zSection, "assessments") != 0) || !json_is_array(pArr)) {
      buf_printf(pWhy, "$.%s: %s", zSection,
                 _("a delegate may submit only its own party's instruments and self-reports "
                   "(actions, assessments)"));
      rc = SUBMIT_FORBIDDEN;
      break;
    }
    json_t *aOut = json_array();
    json_object_set_new(pRecords, zSection, aOut);
    for (size_t i = 0; rc == SUBMIT_OK && i < json_array_size(pArr); i++) {
      json_t *pRec = json_array_get(pArr, i);
      const char *zRule = json_is_object(pRec) ? auth_may_write(pCaller, zSection, pRec) : 0;
      if (zRule) {
        buf_printf(pWhy, "$.%s[%zu]: %s", zSection, i, zRule);
        rc = SUBMIT_FORBIDDEN;
        break;
      }
      json_t *pCopy = json_deep_copy(pRec);
      if (json_is_object(pCopy)) json_object_set_new(pCopy, "date", json_string(zToday));
      record_key(&key, zSection, pCopy);
      if (json_is_object(pCopy) && entity_seq(pDb, bAction ? K_ACTION : K_ASSESSMENT, key.z)) {
        buf_printf(pWhy,
                   _("$.%s[%zu]: %s %s is already recorded; only the depositary changes a "
                     "record, and a correction is a new submission"),
                   zSection, i, bAction ? "action" : "assessment", key.z);
        rc = SUBMIT_FORBIDDEN;
      }
      json_array_append_new(aOut, pCopy);
    }
    if (rc != SUBMIT_OK) break;
  }
  buf_free(&key);
  if (rc == SUBMIT_OK && json_object_size(pRecords) == 0) {
    *ppOut = json_pack("{s:[s]}", "details", "nothing to submit: no actions nor assessments");
    rc = SUBMIT_INVALID;
  }
  char *zSame = rc == SUBMIT_OK ? pending_same(pDb, pCaller->zParty, pRecords) : 0;
  if (zSame) {
    buf_printf(pWhy,
               _("submission %s holds the same and awaits the depositary's decision; nothing "
                 "new was submitted"),
               zSame);
    *ppOut = json_pack("{s:s}", "id", zSame);
    xfree(zSame);
    rc = SUBMIT_DUPLICATE;
  }
  if (rc != SUBMIT_OK) {
    json_decref(pRecords);
    return rc;
  }
  /* What the records would do to the registry, without writing them. */
  json_t *pTry = json_deep_copy(pRecords);
  json_object_set_new(pTry, "pacta", json_integer(1));
  json_t *aMsg;
  LoadResult res;
  int rcLoad = load(pDb, pTry, pCaller->zName, 0, true, &aMsg, &res);
  json_decref(pTry);
  if (rcLoad) {
    rc = load_failure(rcLoad, aMsg, &res, ppOut);
    json_decref(aMsg);
    json_decref(res.aFinding);
    json_decref(pRecords);
    return rc;
  }
  json_decref(aMsg);
  json_t *aWarning = res.aFinding ? res.aFinding : json_array();
  char zReceived[32];
  timestamp(zReceived, sizeof(zReceived));
  bool bAgain = true;
  for (int t = 0; t < TRIES && bAgain; t++) {
    bAgain = false;
    rc = SUBMIT_BUSY;
    char zId[32];
    next_id(pDb, zId, sizeof(zId));
    json_t *pSub =
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:O, s:O, s:n}", "id", zId, "status", "pending",
                  "received", zReceived, "party", pCaller->zParty, "submitted_by", pCaller->zName,
                  "records", pRecords, "warnings", aWarning, "decision");
    json_t *pWrite = json_pack("{s:i, s:[O]}", "pacta", 1, "submissions", pSub);
    LoadExpect e = {K_SUBMISSION, zId, 0}; /* a new id: another may have taken it */
    rcLoad = load(pDb, pWrite, pCaller->zName, &e, false, &aMsg, &res);
    json_decref(pWrite);
    json_decref(res.aFinding);
    if (rcLoad == 0) {
      *ppOut = pSub;
      rc = SUBMIT_OK;
    } else {
      json_decref(pSub);
      bAgain = rcLoad == LOAD_CHANGED;
      if (!bAgain) rc = load_failure(rcLoad, aMsg, &res, ppOut);
    }
    json_decref(aMsg);
  }
  json_decref(aWarning);
  json_decref(pRecords);
  return rc;
}

static bool has_finding(const json_t *aFinding, const char *zCode) {
  size_t i;
  json_t *p;
  json_array_foreach(aFinding, i, p) {
    if (strcmp(dflt(str(p, "code"), ""), zCode) == 0) return true;
  }
  return false;
}

/* One more than the highest notification number of year (YYYY/N). */
static int next_notification(Db *pDb, int year) {
  json_t *a = entity_list(pDb, K_SUBMISSION, 0);
  int last = 0;
  size_t i;
  json_t *p;
  json_array_foreach(a, i, p) {
    const char *z = str(json_object_get(p, "decision"), "notification");
    int y, n;
    if (z && sscanf(z, "%d/%d", &y, &n) == 2 && y == year && n > last) last = n;
  }
  json_decref(a);
  return last + 1;
}

/* The records of an accepted submission as the depositary's: dated
** zDate; each action names the submission and the notification. */
static json_t *accepted_records(const json_t *pRecords, const char *zId, const char *zDate,
                                const char *zNotification) {
  json_t *pOut = json_object();
  const char *zSection;
  json_t *pArr;
  json_object_foreach((json_t *)pRecords, zSection, pArr) {
    json_t *aOut = json_array();
    size_t i;
    json_t *p;
    json_array_foreach(pArr, i, p) {
      json_t *pCopy = json_deep_copy(p);
      json_object_set_new(pCopy, "date", json_string(zDate));
      if (strcmp(zSection, "actions") == 0) {
        json_object_set_new(pCopy, "submission", json_string(zId));
        json_object_set_new(pCopy, "notification", json_string(zNotification));
      }
      json_array_append_new(aOut, pCopy);
    }
    json_object_set_new(pOut, zSection, aOut);
  }
  return pOut;
}

SubmitResult submission_decide(Db *pDb, const char *zActor, const char *zId, bool bAccept,
                               const char *zDate, const char *zReason, json_t **ppOut, Buf *pWhy) {
  *ppOut = 0;
  if (!bAccept && (!zReason || !*zReason)) {
    *ppOut = json_pack("{s:[s]}", "details", "a rejection needs a reason (\"reason\")");
    return SUBMIT_INVALID;
  }
  pdate d;
  if (zDate && date_parse(zDate, strlen(zDate), &d)) {
    *ppOut = json_pack("{s:[s]}", "details", "date: expected the date of deposit as YYYY-MM-DD");
    return SUBMIT_INVALID;
  }
  SubmitResult rc = SUBMIT_BUSY;
  bool bAgain = true;
  for (int t = 0; t < TRIES && bAgain; t++) {
    bAgain = false;
    rc = SUBMIT_BUSY;
    int64_t seq = entity_seq(pDb, K_SUBMISSION, zId);
    json_t *pSub = seq ? entity_get(pDb, K_SUBMISSION, zId) : 0;
    if (!pSub) return SUBMIT_UNKNOWN;
    const char *zStatus = dflt(str(pSub, "status"), "");
    if (strcmp(zStatus, "pending") != 0) {
      buf_printf(pWhy, _("submission %s was %s already"), zId, zStatus);
      json_decref(pSub);
      return SUBMIT_DECIDED;
    }
    char zAt[32], zDeposit[DATE_BUFSZ], zNotification[32] = "";
    timestamp(zAt, sizeof(zAt));
    snprintf(zDeposit, sizeof(zDeposit), "%.10s", zDate ? zDate : dflt(str(pSub, "received"), ""));
    json_t *pDecision = json_pack("{s:s, s:s}", "by", zActor, "at", zAt);
    if (zReason && *zReason) json_object_set_new(pDecision, "reason", json_string(zReason));
    json_t *pWrite = json_pack("{s:i}", "pacta", 1);
    if (bAccept) {
      int year, month, day;
      date_to_ymd(date_today(), &year, &month, &day);
      snprintf(zNotification, sizeof(zNotification), "%d/%d", year, next_notification(pDb, year));
      json_object_set_new(pDecision, "date", json_string(zDeposit));
      json_object_set_new(pDecision, "notification", json_string(zNotification));
      json_t *pRecords =
          accepted_records(json_object_get(pSub, "records"), zId, zDeposit, zNotification);
      json_object_update(pWrite, pRecords);
      json_decref(pRecords);
    }
    json_object_set_new(pSub, "status", json_string(bAccept ? "accepted" : "rejected"));
    json_object_set_new(pSub, "decision", pDecision);
    json_object_set_new(pWrite, "submissions", json_pack("[O]", pSub));
    LoadExpect e = {K_SUBMISSION, zId, seq}; /* still pending as read */
    json_t *aMsg;
    LoadResult res;
    int rcLoad = load(pDb, pWrite, zActor, &e, false, &aMsg, &res);
    json_decref(pWrite);
    if (rcLoad == 0) {
      *ppOut = json_incref(pSub);
      rc = SUBMIT_OK;
    } else if (rcLoad == LOAD_CHANGED ||
               (rcLoad == LOAD_INCONSISTENT && has_finding(res.aFinding, "submission.notification_"
                                                                         "duplicate"))) {
      bAgain = true; /* another decision landed first: read again, number again */
    } else {
      rc = load_failure(rcLoad, aMsg, &res, ppOut);
    }
    json_decref(aMsg);
    json_decref(res.aFinding);
    json_decref(pSub);
  }
  return rc;
}

json_t *submission_findings_now(Db *pDb, const json_t *pSub) {
  json_t *pTry = json_deep_copy(json_object_get(pSub, "records"));
  if (!json_is_object(pTry)) {
    json_decref(pTry);
    return json_array();
  }
  json_object_set_new(pTry, "pacta", json_integer(1));
  json_t *aMsg;
  LoadResult res;
  int rc = load(pDb, pTry, dflt(str(pSub, "submitted_by"), "delegate"), 0, true, &aMsg, &res);
  json_decref(pTry);
  json_decref(aMsg);
  if (rc == LOAD_BUSY) {
    json_decref(res.aFinding);
    return 0;
  }
  return res.aFinding ? res.aFinding : json_array();
}

json_t *submission_list(Db *pDb, const char *zParty, const char *zStatus) {
  bool bBegun = db_read_begin(pDb);
  json_t *a = entity_list(pDb, K_SUBMISSION, 0);
  db_read_end(pDb, bBegun);
  json_t *pOut = json_array();
  for (size_t i = json_array_size(a); i-- > 0;) {
    json_t *p = json_array_get(a, i);
    if (zParty && strcmp(dflt(str(p, "party"), ""), zParty) != 0) continue;
    if (zStatus && strcmp(dflt(str(p, "status"), ""), zStatus) != 0) continue;
    json_array_append(pOut, p);
  }
  json_decref(a);
  return pOut;
}

json_t *submission_get(Db *pDb, const char *zId) {
  return entity_get(pDb, K_SUBMISSION, zId);
}

/* Newer notification first: by year, then number. */
static int compare_notification(const void *pA, const void *pB) {
  const char *a = str(json_object_get(*(json_t *const *)pA, "decision"), "notification");
  const char *b = str(json_object_get(*(json_t *const *)pB, "decision"), "notification");
  int ya = 0, na = 0, yb = 0, nb = 0;
  sscanf(a, "%d/%d", &ya, &na);
  sscanf(b, "%d/%d", &yb, &nb);
  if (ya != yb) return ya > yb ? -1 : 1;
  return na > nb ? -1 : na < nb;
}

json_t *submission_notifications(Db *pDb, const char *zDoc) {
  json_t *a = submission_list(pDb, 0, "accepted");
  size_t n = json_array_size(a);
  json_t **ap = xmalloc((n ? n : 1) * sizeof(json_t *));
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    json_t *p = json_array_get(a, i);
    if (!str(json_object_get(p, "decision"), "notification")) continue;
    bool bMine = !zDoc;
    size_t j;
    json_t *pAct;
    json_array_foreach(json_object_get(json_object_get(p, "records"), "actions"), j, pAct) {
      if (zDoc && strcmp(dflt(str(pAct, "document"), ""), zDoc) == 0) bMine = true;
    }
    if (bMine) ap[m++] = p;
  }
  qsort(ap, m, sizeof(json_t *), compare_notification);
  json_t *pOut = json_array();
  for (size_t i = 0; i < m; i++) json_array_append(pOut, ap[i]);
  xfree(ap);
  json_decref(a);
  return pOut;
}
