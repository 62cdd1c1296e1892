/*
** Consistency checks (checks.h): the table, one function per kind of
** record, and the two ways to run them (the whole registry; one write).
**
** Dates are compared as their YYYY-MM-DD strings, which sort as the days
** do. What a check needs of other records (a document's adoption, an
** organization's memberships, a session's date) is read once per check run
** and kept in the run's Ctx, so a run costs one look per record checked.
*/
#include "checks.h"

#include <stdarg.h>
#include <string.h>

#include "entity.h"
#include "fields.h"
#include "i18n.h"
#include "term.h"
#include "registry.h"
#include "rules.h"
#include "util.h"

typedef enum CheckId {
  C_ACTION_FUTURE,
  C_ACTION_BEFORE_ADOPTION,
  C_WITHDRAWAL_NO_CONSENT,
  C_WITHDRAWAL_EFFECTIVE,
  C_CONSENT_NON_MEMBER,
  C_OBJECTION_NO_RESERVATION,
  C_DOCUMENT_FUTURE,
  C_MEMBERSHIP_ORDER,
  C_MEMBERSHIP_OVERLAP,
  C_MEMBERSHIP_CHARTER,
  C_SESSION_FUTURE,
  C_ATTENDANCE_NON_MEMBER,
  C_COMMITMENT_DEADLINE,
  C_ASSESSMENT_FUTURE,
  C_ASSESSMENT_BEFORE_SESSION,
  C_CHAIR_OUTSIDE_ROTATION,
  C_NOTIFICATION_DUPLICATE,
  C_DEPOSIT_BEFORE_RECEIPT,
  C_RETRACTION_REFERENCED,
  C__COUNT
} CheckId;

const CheckDef aCheckDef[] = {
    [C_ACTION_FUTURE] = {"action.future_date", CHECK_ERROR, K_ACTION,
                         N_("an action (signature, consent, notice...) dated after today")},
    [C_ACTION_BEFORE_ADOPTION] = {"action.before_adoption", CHECK_ERROR, K_ACTION,
                                  N_("an action dated before its document was adopted (the day of "
                                     "adoption is fine)")},
    [C_WITHDRAWAL_NO_CONSENT] = {"withdrawal.without_consent", CHECK_ERROR, K_ACTION,
                                 N_("a withdrawal by a party with no consent to the document on or "
                                    "before the notice")},
    [C_WITHDRAWAL_EFFECTIVE] = {"withdrawal.effective_before_notice", CHECK_ERROR, K_ACTION,
                                N_("a withdrawal whose effective date is before its notice")},
    [C_CONSENT_NON_MEMBER] = {"action.consent_by_non_member", CHECK_WARNING, K_ACTION,
                              N_("consent to a document of an organization by a party that was not "
                                 "its member (nor associate) on that date")},
    [C_OBJECTION_NO_RESERVATION] = {"objection.reservation_missing", CHECK_ERROR, K_ACTION,
                                    N_("an objection naming a reservation that is not recorded (a "
                                       "retraction of the reservation)")},
    [C_DOCUMENT_FUTURE] = {"document.future_adoption", CHECK_ERROR, K_DOCUMENT,
                           N_("a document adopted after today")},
    [C_MEMBERSHIP_ORDER] = {"membership.to_before_from", CHECK_ERROR, K_MEMBERSHIP,
                            N_("a membership that ends (to) on or before it starts (from)")},
    [C_MEMBERSHIP_OVERLAP] = {"membership.overlap", CHECK_ERROR, K_MEMBERSHIP,
                              N_("two memberships of one party in one organization that overlap")},
    [C_MEMBERSHIP_CHARTER] = {"membership.charter_status", CHECK_WARNING, K_MEMBERSHIP,
                              N_("a membership that ended while the organization's charter still "
                                 "binds the party, or a current one while it does not")},
    [C_SESSION_FUTURE] = {"session.future_attendance", CHECK_ERROR, K_SESSION,
                          N_("attendance recorded for a session dated after today")},
    [C_ATTENDANCE_NON_MEMBER] = {"attendance.non_member", CHECK_WARNING, K_SESSION,
                                 N_("a party present at a session of an organization it was not a "
                                    "member or observer of on that date")},
    [C_COMMITMENT_DEADLINE] =
        {"commitment.deadline_before_session", CHECK_WARNING, K_COMMITMENT,
         N_("a commitment whose deadline is before the session that gave it")},
    [C_ASSESSMENT_FUTURE] = {"assessment.future_date", CHECK_ERROR, K_ASSESSMENT,
                             N_("an assessment dated after today")},
    [C_ASSESSMENT_BEFORE_SESSION] = {"assessment.before_session", CHECK_ERROR, K_ASSESSMENT,
                                     N_("an assessment dated before the session that gave its "
                                        "commitment")},
    [C_CHAIR_OUTSIDE_ROTATION] = {"chair.outside_rotation", CHECK_WARNING, K_CHAIRMANSHIP,
                                  N_("a recorded chair other than the rotation's expected one")},
    [C_NOTIFICATION_DUPLICATE] = {"submission.notification_duplicate", CHECK_ERROR, K_SUBMISSION,
                                  N_("two accepted submissions with the same depositary "
                                     "notification number")},
    [C_DEPOSIT_BEFORE_RECEIPT] = {"submission.deposit_before_receipt", CHECK_WARNING, K_SUBMISSION,
                                  N_("an accepted submission whose date of deposit is before the "
                                     "day it was received")},
    [C_RETRACTION_REFERENCED] = {"retraction.referenced", CHECK_ERROR, K__COUNT,
                                 N_("a retraction of a record that others still refer to")},
};
const int nCheckDef = C__COUNT;

const char *check_severity_name(CheckSeverity s) {
  return s == CHECK_ERROR ? "error" : "warning";
}

/* ---- A run's context ------------------------------------------------------ */

typedef struct Ctx {
  Db *pDb;
  pdate today;
  char zToday[DATE_BUFSZ];
  json_t *docs;    /* id -> {"adopted", "organization", "on_signature"} or null */
  json_t *members; /* organization -> {party -> [membership...]} */
  json_t *bodies;  /* id -> organization or null */
  json_t *dates;   /* session id -> date or null */
  json_t *charter; /* organization -> its charter's id or null; "" -> true once read */
  json_t *status;  /* "charter|date" -> {party: status} */
  json_t *notices; /* notification number -> [submission id...], once read */
  json_t *aOut;    /* the findings */
  int nKeep;       /* at most this many errors and this many warnings kept in aOut (0: all) */
  int nKeptError, nKeptWarning;
  int nDropped; /* findings past nKeep, and of which errors */
  int nDroppedError;
} Ctx;

static void ctx_open(Ctx *c, Db *pDb, pdate today) {
  memset(c, 0, sizeof(*c));
  c->pDb = pDb;
  c->today = today;
  date_format(today, c->zToday);
  c->docs = json_object();
  c->members = json_object();
  c->bodies = json_object();
  c->dates = json_object();
  c->charter = json_object();
  c->status = json_object();
  c->aOut = json_array();
}

static void ctx_close(Ctx *c) {
  json_decref(c->docs);
  json_decref(c->members);
  json_decref(c->bodies);
  json_decref(c->dates);
  json_decref(c->charter);
  json_decref(c->status);
  json_decref(c->notices);
  json_decref(c->aOut);
}

/* A finding of check id: its text zFmt (translated: the reader's language)
** formatted with the arguments. */
static void finding(Ctx *c, CheckId id, Kind kind, const char *zKey, const char *zField,
                    const char *zFmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
static void finding(Ctx *c, CheckId id, Kind kind, const char *zKey, const char *zField,
                    const char *zFmt, ...) {
  /* Errors are kept apart from warnings: many warnings must not hide the
  ** error that refuses the write. */
  bool bError = aCheckDef[id].severity == CHECK_ERROR;
  int *pnKept = bError ? &c->nKeptError : &c->nKeptWarning;
  if (c->nKeep && *pnKept >= c->nKeep) {
    c->nDropped++;
    c->nDroppedError += bError;
    return;
  }
  (*pnKept)++;
  Buf text = {0};
  va_list ap;
  va_start(ap, zFmt);
  buf_vprintf(&text, zFmt, ap);
  va_end(ap);
  json_array_append_new(c->aOut,
                        check_finding_new(aCheckDef[id].zCode, kind, zKey, zField, text.z));
  buf_free(&text);
}

/* A code a message names ("ratification", "founding", "withdrawn",
** "present") in words of the reader's language. */
static const char *code_word(const char *zCode) {
  const char *z = term(zCode);
  return z ? z : zCode ? zCode : "";
}

/* What the checks need of a document: {"adopted", "organization",
** "on_signature"}, or null when there is no such document. Borrowed. */
static json_t *doc_info(Ctx *c, const char *zDoc) {
  json_t *p = json_object_get(c->docs, zDoc);
  if (p) return p;
  json_t *pDoc = entity_get(c->pDb, K_DOCUMENT, zDoc);
  if (!pDoc) {
    p = json_null();
  } else {
    const char *zRule = str(json_object_get(pDoc, "entry_into_force"), "rule");
    const char *zAdopted = str(json_object_get(pDoc, "adopted"), "date");
    const char *zOrg = str(pDoc, "organization");
    p = json_pack("{s:s?, s:s?, s:b}", "adopted", zAdopted, "organization", zOrg, "on_signature",
                  zRule && strcmp(zRule, "on_signature") == 0);
  }
  json_object_set_new(c->docs, zDoc, p);
  json_decref(pDoc);
  return p;
}

/* The memberships of zOrg by party: {party: [{"kind", "from", "to"}...]},
** from the derived membership table (one indexed read, no record parsed:
** a write of one action asks this of its document's organization).
** Borrowed. */
static json_t *org_members(Ctx *c, const char *zOrg) {
  json_t *p = json_object_get(c->members, zOrg);
  if (p) return p;
  p = json_object();
  sqlite3_stmt *q = db_stmt(c->pDb, "SELECT party, kind, from_date, to_date FROM membership "
                                    "WHERE organization=?1");
  sqlite3_bind_text(q, 1, zOrg, -1, SQLITE_STATIC);
  while (db_step_row(c->pDb, q)) {
    const char *zParty = (const char *)sqlite3_column_text(q, 0);
    char zFrom[DATE_BUFSZ], zTo[DATE_BUFSZ];
    date_format((pdate)sqlite3_column_int(q, 2), zFrom);
    bool bOpen = sqlite3_column_type(q, 3) == SQLITE_NULL;
    if (!bOpen) date_format((pdate)sqlite3_column_int(q, 3), zTo);
    const char *zKind = member_kind_name((MemberKind)sqlite3_column_int(q, 1));
    json_t *a = json_object_get(p, zParty);
    if (!a) json_object_set_new(p, zParty, a = json_array());
    json_array_append_new(
        a, json_pack("{s:s?, s:s, s:s?}", "kind", zKind, "from", zFrom, "to", bOpen ? 0 : zTo));
  }
  sqlite3_reset(q);
  json_object_set_new(c->members, zOrg, p);
  return p;
}

/* Does zParty hold a membership of zOrg on zDate? bObserver: an observer
** counts too. */
static bool is_member(Ctx *c, const char *zOrg, const char *zParty, const char *zDate,
                      bool bObserver) {
  json_t *a = json_object_get(org_members(c, zOrg), zParty);
  size_t i;
  json_t *pM;
  json_array_foreach(a, i, pM) {
    const char *zFrom = str(pM, "from"), *zTo = str(pM, "to"), *zKind = str(pM, "kind");
    if (!bObserver && zKind && strcmp(zKind, "observer") == 0) continue;
    if (zFrom && strcmp(zFrom, zDate) <= 0 && (!zTo || strcmp(zDate, zTo) < 0)) return true;
  }
  return false;
}

static const char *body_org(Ctx *c, const char *zBody) {
  json_t *p = json_object_get(c->bodies, zBody);
  if (!p) {
    json_t *pBody = entity_get(c->pDb, K_BODY, zBody);
    const char *zOrg = str(pBody, "organization");
    json_object_set_new(c->bodies, zBody, zOrg ? json_string(zOrg) : json_null());
    json_decref(pBody);
    p = json_object_get(c->bodies, zBody);
  }
  return json_string_value(p);
}

static const char *session_date(Ctx *c, const char *zSession) {
  json_t *p = json_object_get(c->dates, zSession);
  if (!p) {
    json_t *pSession = entity_get(c->pDb, K_SESSION, zSession);
    const char *zDate = str(pSession, "date");
    json_object_set_new(c->dates, zSession, zDate ? json_string(zDate) : json_null());
    json_decref(pSession);
    p = json_object_get(c->dates, zSession);
  }
  return json_string_value(p);
}

/* ---- The checks, by kind ----------------------------------------------------- */

/* Has zParty consented to zDoc on or before zDate? A signature counts
** under an on_signature clause. */
static bool has_consent(Ctx *c, const char *zDoc, const char *zParty, const char *zDate,
                        bool bOnSignature) {
  sqlite3_stmt *p = db_stmt(c->pDb, "SELECT a.type FROM actions a "
                                    "JOIN document d ON d.did=a.did JOIN party p ON p.pid=a.pid "
                                    "WHERE d.id=?1 AND p.code=?2 AND a.date<=?3");
  pdate d;
  if (date_parse(zDate, strlen(zDate), &d)) return true; /* not a date: not this check's */
  sqlite3_bind_text(p, 1, zDoc, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 2, zParty, -1, SQLITE_STATIC);
  sqlite3_bind_int(p, 3, d);
  bool b = false;
  while (!b && db_step_row(c->pDb, p)) {
    ActionType t = (ActionType)sqlite3_column_int(p, 0);
    b = action_is_consent(t) || (bOnSignature && t == ACT_SIGNATURE);
  }
  sqlite3_reset(p);
  return b;
}

static void check_action(Ctx *c, const char *zKey, const json_t *v) {
  const char *zDoc = str(v, "document"), *zParty = str(v, "party"), *zDate = str(v, "date");
  const char *zType = str(v, "type"), *zEffective = str(v, "effective");
  if (!zDoc || !zParty || !zDate || !zType) return;
  if (strcmp(zDate, c->zToday) > 0)
    finding(c, C_ACTION_FUTURE, K_ACTION, zKey, "date", _("%s is after today (%s)"), zDate,
            c->zToday);
  json_t *pDoc = doc_info(c, zDoc);
  const char *zAdopted = str(pDoc, "adopted"), *zOrg = str(pDoc, "organization");
  if (zAdopted && strcmp(zDate, zAdopted) < 0)
    finding(c, C_ACTION_BEFORE_ADOPTION, K_ACTION, zKey, "date",
            _("%s is before document %s was adopted (%s)"), zDate, zDoc, zAdopted);
  ActionType t;
  if (action_type_parse(zType, &t)) return;
  if (t == ACT_WITHDRAWAL) {
    if (zEffective && strcmp(zEffective, zDate) < 0)
      finding(c, C_WITHDRAWAL_EFFECTIVE, K_ACTION, zKey, "effective",
              _("%s is before the notice of withdrawal (%s)"), zEffective, zDate);
    if (!has_consent(c, zDoc, zParty, zDate, json_is_true(json_object_get(pDoc, "on_signature"))))
      finding(c, C_WITHDRAWAL_NO_CONSENT, K_ACTION, zKey, "type",
              _("%s withdraws from document %s without a consent to it on or before %s"), zParty,
              zDoc, zDate);
  }
  json_t *pRes = json_object_get(v, "reservation");
  if (t == ACT_OBJECTION && str(pRes, "party") && str(pRes, "date")) {
    Buf k = {0};
    buf_printf(&k, "%s|%s|reservation|%s", zDoc, str(pRes, "party"), str(pRes, "date"));
    json_t *pR = entity_get(c->pDb, K_ACTION, k.z);
    if (!pR)
      finding(c, C_OBJECTION_NO_RESERVATION, K_ACTION, zKey, "reservation",
              _("objects to reservation %s, which is not recorded"), k.z);
    json_decref(pR);
    buf_free(&k);
  }
  /* An organization with no membership recorded (a depositary's own
  ** register of a UN treaty) says nothing about who may consent. */
  if (action_is_consent(t) && zOrg && json_object_size(org_members(c, zOrg)) > 0 &&
      !is_member(c, zOrg, zParty, zDate, false))
    finding(c, C_CONSENT_NON_MEMBER, K_ACTION, zKey, "party",
            _("%s was not a member of %s on %s, when it gave its %s of document %s"), zParty, zOrg,
            zDate, code_word(zType), zDoc);
}

static void check_document(Ctx *c, const char *zKey, const json_t *v) {
  const char *zAdopted = str(json_object_get(v, "adopted"), "date");
  if (zAdopted && strcmp(zAdopted, c->zToday) > 0)
    finding(c, C_DOCUMENT_FUTURE, K_DOCUMENT, zKey, "adopted.date", _("%s is after today (%s)"),
            zAdopted, c->zToday);
}

/* The id of zOrg's charter (its document of type "charter"), or NULL. */
static const char *charter_of(Ctx *c, const char *zOrg) {
  if (!json_object_get(c->charter, "")) {
    json_object_set_new(c->charter, "", json_true());
    /* The charters picked out by SQLite, not every document parsed into
    ** one list (180 MB for 60,000 documents); by key, as entity_list. */
    sqlite3_stmt *p = db_stmt(c->pDb, "SELECT json_extract(j.value, '$.organization'), "
                                      "json_extract(j.value, '$.id') "
                                      "FROM entity e JOIN journal_entry j ON j.seq = e.seq "
                                      "WHERE e.kind = ?1 AND j.value IS NOT NULL "
                                      "AND json_extract(j.value, '$.type') = 'charter' "
                                      "ORDER BY e.key");
    sqlite3_bind_int(p, 1, K_DOCUMENT);
    while (db_step_row(c->pDb, p)) {
      const char *zOf = (const char *)sqlite3_column_text(p, 0);
      const char *zId = (const char *)sqlite3_column_text(p, 1);
      if (zOf && zId && *zOf && sqlite3_column_type(p, 0) == SQLITE_TEXT &&
          sqlite3_column_type(p, 1) == SQLITE_TEXT)
        json_object_set_new(c->charter, zOf, json_string(zId));
    }
    sqlite3_reset(p);
  }
  return *zOrg ? str(c->charter, zOrg) : 0;
}

/* zParty's status under document zDoc on zDate ("in_force", "withdrawn",
** ...), or NULL when it has none. */
static const char *status_on(Ctx *c, const char *zDoc, const char *zDate, const char *zParty) {
  Buf k = {0};
  buf_printf(&k, "%s|%s", zDoc, zDate);
  json_t *pBy = json_object_get(c->status, k.z);
  if (!pBy) {
    pdate d;
    pBy = json_object();
    Buf err = {0};
    json_t *pSt =
        date_parse(zDate, strlen(zDate), &d) == 0 ? query_status(c->pDb, zDoc, d, &err) : 0;
    size_t i;
    json_t *pRow;
    json_array_foreach(json_object_get(pSt, "parties"), i, pRow) {
      if (str(pRow, "party") && str(pRow, "status"))
        json_object_set_new(pBy, str(pRow, "party"), json_string(str(pRow, "status")));
    }
    json_decref(pSt);
    buf_free(&err);
    json_object_set_new(c->status, k.z, pBy);
  }
  buf_free(&k);
  return str(pBy, zParty);
}

/* A membership and the charter: a party that left (on `to`) is no longer
** bound by it; a founding or full member today is. */
static void check_charter(Ctx *c, const char *zKey, const json_t *v) {
  const char *zOrg = str(v, "organization"), *zParty = str(v, "party"), *zKind = str(v, "kind");
  const char *zTo = str(v, "to"), *zCharter = charter_of(c, zOrg);
  if (!zCharter || !zKind) return;
  if (zTo) {
    /* Another membership from that day (a change of kind) is no leaving. */
    if (is_member(c, zOrg, zParty, zTo, true)) return;
    const char *zSt = status_on(c, zCharter, zTo, zParty);
    if (zSt && strcmp(zSt, "in_force") == 0)
      finding(c, C_MEMBERSHIP_CHARTER, K_MEMBERSHIP, zKey, "to",
              _("%s left %s on %s, but on that day its charter %s still binds it"), zParty, zOrg,
              zTo, zCharter);
  } else if (strcmp(zKind, "founding") == 0 || strcmp(zKind, "member") == 0) {
    const char *zSt = status_on(c, zCharter, c->zToday, zParty);
    if (zSt && (strcmp(zSt, "withdrawn") == 0 || strcmp(zSt, "not_interested") == 0))
      finding(c, C_MEMBERSHIP_CHARTER, K_MEMBERSHIP, zKey, "to",
              _("%s is recorded a %s of %s with no end, but today its charter %s shows it %s"),
              zParty, code_word(zKind), zOrg, zCharter, code_word(zSt));
  }
}

/* A membership's days [zFrom, zTo) in words into b: "from A until B" (B the
** first day no longer held), "from A, with no end". */
static void span_words(Buf *b, const char *zFrom, const char *zTo) {
  if (zTo)
    buf_printf(b, _("from %s until %s"), zFrom, zTo);
  else
    buf_printf(b, _("from %s, with no end"), zFrom);
}

static void check_membership(Ctx *c, const char *zKey, const json_t *v) {
  const char *zOrg = str(v, "organization"), *zParty = str(v, "party");
  const char *zFrom = str(v, "from"), *zTo = str(v, "to");
  if (!zOrg || !zParty || !zFrom) return;
  if (zTo && strcmp(zTo, zFrom) <= 0) {
    finding(c, C_MEMBERSHIP_ORDER, K_MEMBERSHIP, zKey, "to", _("%s is not after from (%s)"), zTo,
            zFrom);
    return;
  }
  size_t i;
  json_t *pM;
  json_array_foreach(json_object_get(org_members(c, zOrg), zParty), i, pM) {
    const char *zF = str(pM, "from"), *zT = str(pM, "to");
    if (!zF || strcmp(zF, zFrom) == 0) continue; /* itself: the key holds from */
    /* [from, to) and [zF, zT) overlap when each starts before the other ends. */
    bool bOverlap = (!zT || strcmp(zFrom, zT) < 0) && (!zTo || strcmp(zF, zTo) < 0);
    if (bOverlap) {
      Buf this = {0}, that = {0};
      span_words(&this, zFrom, zTo);
      span_words(&that, zF, zT);
      finding(c, C_MEMBERSHIP_OVERLAP, K_MEMBERSHIP, zKey, "from",
              _("the membership (%s) overlaps membership %s|%s|%s (%s) of the same party"), this.z,
              zOrg, zParty, zF, that.z);
      buf_free(&this);
      buf_free(&that);
    }
  }
  check_charter(c, zKey, v);
}

static void check_session(Ctx *c, const char *zKey, const json_t *v) {
  const char *zDate = str(v, "date"), *zBody = str(v, "body");
  json_t *aAtt = json_object_get(v, "attendance");
  if (!zDate || json_array_size(aAtt) == 0) return;
  if (strcmp(zDate, c->zToday) > 0) {
    finding(c, C_SESSION_FUTURE, K_SESSION, zKey, "attendance",
            _("recorded for a session on %s, after today (%s)"), zDate, c->zToday);
    return;
  }
  const char *zOrg = zBody ? body_org(c, zBody) : 0;
  if (!zOrg || json_object_size(org_members(c, zOrg)) == 0) return;
  size_t i;
  json_t *pA;
  json_array_foreach(aAtt, i, pA) {
    const char *zParty = str(pA, "party"), *zStatus = str(pA, "status");
    if (!zParty || !zStatus) continue;
    if (strcmp(zStatus, "present") != 0 && strcmp(zStatus, "represented") != 0) continue;
    if (!is_member(c, zOrg, zParty, zDate, true))
      finding(c, C_ATTENDANCE_NON_MEMBER, K_SESSION, zKey, "attendance",
              _("%s is recorded %s but was not a member or observer of %s on %s"), zParty,
              code_word(zStatus), zOrg, zDate);
  }
}

static void check_commitment(Ctx *c, const char *zKey, const json_t *v) {
  const char *zDeadline = str(v, "deadline");
  const char *zSession = str(json_object_get(v, "source"), "session");
  const char *zDate = zSession ? session_date(c, zSession) : 0;
  if (zDeadline && zDate && strcmp(zDeadline, zDate) < 0)
    finding(c, C_COMMITMENT_DEADLINE, K_COMMITMENT, zKey, "deadline",
            _("%s is before its source session %s (%s)"), zDeadline, zSession, zDate);
}

static void check_assessment(Ctx *c, const char *zKey, const json_t *v) {
  const char *zDate = str(v, "date"), *zCommitment = str(v, "commitment");
  if (!zDate || !zCommitment) return;
  if (strcmp(zDate, c->zToday) > 0)
    finding(c, C_ASSESSMENT_FUTURE, K_ASSESSMENT, zKey, "date", _("%s is after today (%s)"), zDate,
            c->zToday);
  json_t *pCommitment = entity_get(c->pDb, K_COMMITMENT, zCommitment);
  const char *zSession = str(json_object_get(pCommitment, "source"), "session");
  const char *zSessionDate = zSession ? session_date(c, zSession) : 0;
  if (zSessionDate && strcmp(zDate, zSessionDate) < 0)
    finding(c, C_ASSESSMENT_BEFORE_SESSION, K_ASSESSMENT, zKey, "date",
            _("%s is before session %s (%s), which gave commitment %s"), zDate, zSession,
            zSessionDate, zCommitment);
  json_decref(pCommitment);
}

static void check_chairmanship(Ctx *c, const char *zKey) {
  int year, month, day;
  date_to_ymd(c->today, &year, &month, &day);
  Buf err = {0};
  json_t *pHist = query_chair_history(c->pDb, zKey, year, &err);
  buf_free(&err);
  size_t i;
  json_t *pY;
  json_array_foreach(json_object_get(pHist, "years"), i, pY) {
    if (!json_is_true(json_object_get(pY, "breach"))) continue;
    finding(c, C_CHAIR_OUTSIDE_ROTATION, K_CHAIRMANSHIP, zKey, "recorded",
            _("%s is recorded as chair for %d; the rotation expects %s"),
            dflt(str(pY, "chair"), "?"), (int)json_integer_value(json_object_get(pY, "year")),
            dflt(str(pY, "expected"), "?"));
  }
  json_decref(pHist);
}

static void check_submission(Ctx *c, const char *zKey, const json_t *v) {
  /* The depositary may date a deposit before the instrument came in online
  ** (handed over at a ceremony, entered later); more often it is a slip. */
  const char *zDeposit = str(json_object_get(v, "decision"), "date");
  const char *zReceived = str(v, "received");
  if (zDeposit && zReceived && strcmp(dflt(str(v, "status"), ""), "accepted") == 0 &&
      strncmp(zDeposit, zReceived, 10) < 0)
    finding(c, C_DEPOSIT_BEFORE_RECEIPT, K_SUBMISSION, zKey, "decision.date",
            _("deposited on %s, before the submission was received on %.10s"), zDeposit, zReceived);
  const char *zNumber = str(json_object_get(v, "decision"), "notification");
  if (!zNumber) return;
  if (!c->notices) {
    c->notices = json_object();
    json_t *a = entity_list(c->pDb, K_SUBMISSION, 0);
    size_t i;
    json_t *p;
    json_array_foreach(a, i, p) {
      const char *zN = str(json_object_get(p, "decision"), "notification");
      if (!zN || !str(p, "id")) continue;
      json_t *aId = json_object_get(c->notices, zN);
      if (!aId) json_object_set_new(c->notices, zN, aId = json_array());
      json_array_append_new(aId, json_string(str(p, "id")));
    }
    json_decref(a);
  }
  size_t i;
  json_t *pId;
  json_array_foreach(json_object_get(c->notices, zNumber), i, pId) {
    if (strcmp(json_string_value(pId), zKey) == 0) continue;
    finding(c, C_NOTIFICATION_DUPLICATE, K_SUBMISSION, zKey, "decision.notification",
            _("notification %s is submission %s's too"), zNumber, json_string_value(pId));
    break;
  }
}

static void check_record(Ctx *c, Kind kind, const char *zKey, const json_t *v) {
  switch (kind) {
  case K_ACTION: check_action(c, zKey, v); break;
  case K_DOCUMENT: check_document(c, zKey, v); break;
  case K_MEMBERSHIP: check_membership(c, zKey, v); break;
  case K_SESSION: check_session(c, zKey, v); break;
  case K_COMMITMENT: check_commitment(c, zKey, v); break;
  case K_ASSESSMENT: check_assessment(c, zKey, v); break;
  case K_CHAIRMANSHIP: check_chairmanship(c, zKey); break;
  case K_SUBMISSION: check_submission(c, zKey, v); break;
  default: break;
  }
}

static void check_live(Ctx *c, Kind kind, const char *zKey) {
  json_t *v = entity_get(c->pDb, kind, zKey);
  if (v) check_record(c, kind, zKey, v);
  json_decref(v);
}

/* Errors first, then as found (by kind and key in checks_all). */
static json_t *errors_first(json_t *a) {
  json_t *pOut = json_array();
  for (int pass = 0; pass < 2; pass++) {
    size_t i;
    json_t *p;
    json_array_foreach(a, i, p) {
      bool bError = strcmp(str(p, "severity"), "error") == 0;
      if (bError == (pass == 0)) json_array_append(pOut, p);
    }
  }
  return pOut;
}

/* ---- The whole registry ------------------------------------------------------ */

json_t *checks_all(Db *pDb, pdate today) {
  bool bBegun = db_read_begin(pDb);
  Ctx c;
  ctx_open(&c, pDb, today);
  /* One kind at a time, record by record, so that 200,000 actions are never
  ** all in memory. The statement is prepared here, not taken from the cache
  ** (db_stmt): a check that lists records (entity_list, the same SQL) would
  ** otherwise run it to its end under this loop, which then starts again,
  ** its row's key gone. */
  sqlite3_stmt *p = 0;
  if (sqlite3_prepare_v2(db_handle(pDb),
                         "SELECT e.key, j.value FROM entity e JOIN journal_entry j "
                         "ON j.seq=e.seq WHERE e.kind=?1 ORDER BY e.key",
                         -1, &p, 0) != SQLITE_OK)
    db_fail(pDb, "checks_all");
  for (int k = 0; k < K__COUNT; k++) {
    if (k == K_ACTION) { /* their rows in actions, by key as the others */
      ActionScan scan;
      action_scan_open(&scan, pDb, 0, 0, 0);
      while (action_scan_next(&scan)) {
        json_t *v = entity_from_value(scan.zValue, scan.nValue);
        if (v) check_record(&c, K_ACTION, action_scan_key(&scan), v);
        json_decref(v);
      }
      action_scan_close(&scan);
      continue;
    }
    sqlite3_bind_int(p, 1, k);
    while (db_step_row(pDb, p)) {
      json_t *v = entity_from_value((const char *)sqlite3_column_text(p, 1),
                                    (size_t)sqlite3_column_bytes(p, 1));
      if (v) check_record(&c, (Kind)k, (const char *)sqlite3_column_text(p, 0), v);
      json_decref(v);
    }
    sqlite3_reset(p);
  }
  sqlite3_finalize(p);
  json_t *pOut = errors_first(c.aOut);
  ctx_close(&c);
  db_read_end(pDb, bBegun);
  return pOut;
}

json_t *checks_record(Db *pDb, pdate today, Kind kind, const char *zKey) {
  bool bBegun = db_read_begin(pDb);
  Ctx c;
  ctx_open(&c, pDb, today);
  check_live(&c, kind, zKey);
  json_t *pOut = errors_first(c.aOut);
  ctx_close(&c);
  db_read_end(pDb, bBegun);
  return pOut;
}

/* Every live record of kind whose key starts with zPrefix. */
static void check_prefix(Ctx *c, Kind kind, const char *zPrefix) {
  if (kind == K_ACTION) { /* their rows in actions */
    ActionScan scan;
    action_scan_open_prefix(&scan, c->pDb, zPrefix);
    while (action_scan_next(&scan)) {
      json_t *v = entity_from_value(scan.zValue, scan.nValue);
      if (v) check_record(c, kind, action_scan_key(&scan), v);
      json_decref(v);
    }
    action_scan_close(&scan);
    return;
  }
  Buf hi = {0};
  buf_puts(&hi, zPrefix);
  hi.z[hi.n - 1]++;
  sqlite3_stmt *p = db_stmt(c->pDb, "SELECT e.key, j.value FROM entity e JOIN journal_entry j "
                                    "ON j.seq=e.seq WHERE e.kind=?1 AND e.key>=?2 AND e.key<?3 "
                                    "ORDER BY e.key");
  sqlite3_bind_int(p, 1, kind);
  sqlite3_bind_text(p, 2, zPrefix, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 3, hi.z, -1, SQLITE_STATIC);
  while (db_step_row(c->pDb, p)) {
    json_t *v = entity_from_value((const char *)sqlite3_column_text(p, 1),
                                  (size_t)sqlite3_column_bytes(p, 1));
    if (v) check_record(c, kind, (const char *)sqlite3_column_text(p, 0), v);
    json_decref(v);
  }
  sqlite3_reset(p);
  buf_free(&hi);
}

/* A document and its actions. */
static void check_document_whole(Ctx *c, const char *zDoc) {
  check_live(c, K_DOCUMENT, zDoc);
  Buf prefix = {0};
  buf_printf(&prefix, "%s|", zDoc);
  check_prefix(c, K_ACTION, prefix.z);
  buf_free(&prefix);
}

json_t *checks_document(Db *pDb, pdate today, const char *zDoc) {
  bool bBegun = db_read_begin(pDb);
  Ctx c;
  ctx_open(&c, pDb, today);
  check_document_whole(&c, zDoc);
  json_t *pOut = errors_first(c.aOut);
  ctx_close(&c);
  db_read_end(pDb, bBegun);
  return pOut;
}

json_t *checks_organization(Db *pDb, pdate today, const char *zOrg) {
  bool bBegun = db_read_begin(pDb);
  Ctx c;
  ctx_open(&c, pDb, today);
  static const Kind aKind[] = {K_MEMBERSHIP, K_DOCUMENT, K_SESSION, K_COMMITMENT};
  for (size_t k = 0; k < sizeof(aKind) / sizeof(aKind[0]); k++) {
    json_t *a = entity_list(pDb, aKind[k], zOrg);
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v) {
      const char *zId = str(v, "id");
      if (aKind[k] == K_DOCUMENT && zId) {
        check_document_whole(&c, zId);
      } else if (aKind[k] == K_MEMBERSHIP) {
        Buf key = {0};
        buf_printf(&key, "%s|%s|%s", zOrg, dflt(str(v, "party"), ""), dflt(str(v, "from"), ""));
        check_membership(&c, key.z, v);
        buf_free(&key);
      } else if (zId) {
        check_record(&c, aKind[k], zId, v);
        if (aKind[k] == K_COMMITMENT) {
          Buf prefix = {0};
          buf_printf(&prefix, "%s|", zId);
          check_prefix(&c, K_ASSESSMENT, prefix.z);
          buf_free(&prefix);
        }
      }
    }
    json_decref(a);
  }
  check_live(&c, K_CHAIRMANSHIP, zOrg);
  json_t *pOut = errors_first(c.aOut);
  ctx_close(&c);
  db_read_end(pDb, bBegun);
  return pOut;
}

/* ---- One write ------------------------------------------------------------------- */

struct WriteCheck {
  Ctx before, after;
  json_t *dependents; /* "kind letter + key" -> true: checked at the end */
  json_t *deferred;   /* the same, for written records checked at the end */
};

WriteCheck *write_check_begin(Db *pDb, pdate today) {
  WriteCheck *w = xmalloc(sizeof(WriteCheck));
  ctx_open(&w->before, pDb, today);
  ctx_open(&w->after, pDb, today);
  w->after.nKeep = WRITE_CHECK_KEEP;
  w->dependents = json_object();
  w->deferred = json_object();
  return w;
}

static void note_key(json_t *pSet, Kind kind, const char *zKey) {
  Buf k = {0};
  buf_putc(&k, (char)('A' + kind));
  buf_puts(&k, zKey);
  json_object_set_new(pSet, k.z, json_true());
  buf_free(&k);
}

/* Keys of live entities of kind starting with zPrefix into pSet. */
static void keys_with_prefix(Db *pDb, Kind kind, const char *zPrefix, json_t *pSet) {
  if (kind == K_ACTION) { /* their rows in actions */
    ActionScan scan;
    action_scan_open_prefix(&scan, pDb, zPrefix);
    scan.bKeysOnly = true;
    while (action_scan_next(&scan)) note_key(pSet, kind, action_scan_key(&scan));
    action_scan_close(&scan);
    return;
  }
  Buf hi = {0};
  buf_puts(&hi, zPrefix);
  hi.z[hi.n - 1]++;
  sqlite3_stmt *p = db_stmt(pDb, "SELECT key FROM entity WHERE kind=?1 AND key>=?2 AND key<?3");
  sqlite3_bind_int(p, 1, kind);
  sqlite3_bind_text(p, 2, zPrefix, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 3, hi.z, -1, SQLITE_STATIC);
  while (db_step_row(pDb, p)) note_key(pSet, kind, (const char *)sqlite3_column_text(p, 0));
  sqlite3_reset(p);
  buf_free(&hi);
}

/* The records whose checks read (kind, zKey): a document's actions (its
** adoption date); a consent's withdrawals (by its party); a session's and
** a commitment's assessments (the session's date). */
static void dependents_of(Ctx *c, Kind kind, const char *zKey, json_t *pSet) {
  Buf prefix = {0};
  if (kind == K_DOCUMENT) {
    buf_printf(&prefix, "%s|", zKey);
    keys_with_prefix(c->pDb, K_ACTION, prefix.z, pSet);
  } else if (kind == K_ACTION) {
    /* document|party|type|date: the withdrawals of document|party; and a
    ** reservation's objections, by any party (document|...|objection|...). */
    const char *z2 = strchr(zKey, '|');
    const char *z3 = z2 ? strchr(z2 + 1, '|') : 0;
    if (z3) {
      buf_append(&prefix, zKey, (size_t)(z3 - zKey));
      buf_puts(&prefix, "|withdrawal|");
      keys_with_prefix(c->pDb, K_ACTION, prefix.z, pSet);
    }
    if (z3 && strncmp(z3, "|reservation|", 13) == 0) {
      json_t *pAll = json_object();
      buf_reset(&prefix);
      buf_append(&prefix, zKey, (size_t)(z2 - zKey) + 1);
      keys_with_prefix(c->pDb, K_ACTION, prefix.z, pAll);
      const char *zK;
      json_t *pV;
      json_object_foreach(pAll, zK, pV) {
        if (strstr(zK, "|objection|")) json_object_set(pSet, zK, pV);
      }
      json_decref(pAll);
    }
  } else if (kind == K_COMMITMENT) {
    buf_printf(&prefix, "%s|", zKey);
    keys_with_prefix(c->pDb, K_ASSESSMENT, prefix.z, pSet);
  } else if (kind == K_SESSION) {
    json_t *aC = entity_list(c->pDb, K_COMMITMENT, 0);
    size_t i;
    json_t *pC;
    json_array_foreach(aC, i, pC) {
      const char *zSession = str(json_object_get(pC, "source"), "session");
      if (!zSession || strcmp(zSession, zKey) != 0 || !str(pC, "id")) continue;
      buf_reset(&prefix);
      buf_printf(&prefix, "%s|", str(pC, "id"));
      keys_with_prefix(c->pDb, K_ASSESSMENT, prefix.z, pSet);
    }
    json_decref(aC);
  }
  buf_free(&prefix);
}

void write_check_before(WriteCheck *w, Kind kind, const char *zKey, bool bRetract) {
  /* A put of an action or a membership changes none of the fields others
  ** read of it (they are its key): only its retraction can. */
  if (!bRetract && kind != K_DOCUMENT && kind != K_SESSION && kind != K_COMMITMENT) return;
  json_t *pNew = json_object();
  dependents_of(&w->before, kind, zKey, pNew);
  const char *zK;
  json_t *pV;
  json_object_foreach(pNew, zK, pV) {
    if (json_object_get(w->dependents, zK)) continue;
    check_live(&w->before, (Kind)(zK[0] - 'A'), zK + 1);
    json_object_set(w->dependents, zK, pV);
  }
  json_decref(pNew);
}

void write_check_put(WriteCheck *w, Kind kind, const char *zKey, const json_t *pVal) {
  /* Checks that read other records of the same kind wait for the end, when
  ** all of the write is in: a withdrawal (its party's consents), an
  ** objection (its reservation), a membership (its siblings). */
  const char *zType = kind == K_ACTION ? str(pVal, "type") : 0;
  if (kind == K_MEMBERSHIP ||
      (zType && (strcmp(zType, "withdrawal") == 0 || strcmp(zType, "objection") == 0)))
    note_key(w->deferred, kind, zKey);
  else
    check_record(&w->after, kind, zKey, pVal);
}

static const char *finding_id(Buf *b, const json_t *p) {
  buf_reset(b);
  buf_printf(b, "%s|%s|%s|%s", str(p, "code"), str(p, "kind"), str(p, "key"), str(p, "message"));
  return b->z;
}

void write_check_discard(WriteCheck *w) {
  if (!w) return;
  ctx_close(&w->before);
  ctx_close(&w->after);
  json_decref(w->dependents);
  json_decref(w->deferred);
  xfree(w);
}

json_t *write_check_end(WriteCheck *w, int *pnError, int *pnDropped) {
  Ctx *c = &w->after;
  const char *zK;
  json_t *pV;
  json_object_foreach(w->deferred, zK, pV) check_live(c, (Kind)(zK[0] - 'A'), zK + 1);
  /* The dependents, after the write; one that was also written is checked
  ** twice, and its findings come out once below. */
  json_object_foreach(w->dependents, zK, pV) {
    if (!json_object_get(w->deferred, zK)) check_live(c, (Kind)(zK[0] - 'A'), zK + 1);
  }
  /* What the registry held before the write is not this write's doing. */
  json_t *pBefore = json_object();
  Buf id = {0};
  size_t i;
  json_t *p;
  json_array_foreach(w->before.aOut, i, p)
      json_object_set_new(pBefore, finding_id(&id, p), json_true());
  json_t *pSeen = json_object(), *aAll = json_array();
  *pnError = 0;
  json_array_foreach(c->aOut, i, p) {
    const char *zId = finding_id(&id, p);
    if (json_object_get(pSeen, zId)) continue;
    json_object_set_new(pSeen, zId, json_true());
    if (json_object_get(pBefore, zId))
      json_object_set_new(p, "existing", json_true());
    else if (strcmp(str(p, "severity"), "error") == 0)
      (*pnError)++;
    json_array_append(aAll, p);
  }
  buf_free(&id);
  /* Past the kept ones, an error counts as new: the registry before the
  ** write is only known for the records kept. */
  *pnError += c->nDroppedError;
  *pnDropped = c->nDropped;
  json_t *pOut = errors_first(aAll);
  json_decref(aAll);
  json_decref(pSeen);
  json_decref(pBefore);
  ctx_close(&w->before);
  ctx_close(&w->after);
  json_decref(w->dependents);
  json_decref(w->deferred);
  xfree(w);
  return pOut;
}

json_t *check_finding_new(const char *zCode, Kind kind, const char *zKey, const char *zField,
                          const char *zText) {
  int id = 0;
  while (id < nCheckDef && strcmp(aCheckDef[id].zCode, zCode) != 0) id++;
  if (id == nCheckDef) panic("no check %s", zCode);
  Buf msg = {0};
  buf_printf(&msg, "%s %s: ", kind_name(kind), zKey);
  if (zField) buf_printf(&msg, "%s: ", zField);
  buf_puts(&msg, zText);
  json_t *p = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?}", "code", zCode, "severity",
                        check_severity_name(aCheckDef[id].severity), "message", msg.z, "kind",
                        kind_name(kind), "key", zKey, "field", zField);
  buf_free(&msg);
  return p;
}

char *check_finding_line(const json_t *p) {
  Buf b = {0};
  buf_printf(&b, "%s [%s] %s%s", str(p, "severity"), str(p, "code"), str(p, "message"),
             json_is_true(json_object_get(p, "existing"))
                 ? _(" (in the registry before this write)")
                 : "");
  return b.z;
}
