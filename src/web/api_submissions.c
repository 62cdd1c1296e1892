/*
** Submissions over HTTP (submission.h, docs/submissions.md): a delegate's
** POST of records answers 202 with the submission; the depositary lists,
** accepts and rejects. Who sees what: the depositary every submission; a
** delegate its own party's, and another party's only once accepted (the
** records are then public); no one without a token.
*/
#include <stdio.h>
#include <string.h>

#include "fields.h"
#include "http.h"
#include "lists.h"
#include "routes.h"
#include "submission.h"

static bool may_see(const Caller *c, const json_t *pSub) {
  return c->role == ROLE_DEPOSITARY || strcmp(dflt(str(pSub, "party"), ""), c->zParty) == 0 ||
         strcmp(dflt(str(pSub, "status"), ""), "accepted") == 0;
}

/* The answer for a result other than SUBMIT_OK. */
static void submit_error(Resp *r, SubmitResult rc, const json_t *pOut, const char *zWhy,
                         const char *zId) {
  json_t *aDetail = json_object_get(pOut, "details");
  json_t *pErr = 0;
  switch (rc) {
  case SUBMIT_FORBIDDEN: resp_error(r, 403, "forbidden", "%s", zWhy); return;
  case SUBMIT_UNKNOWN: resp_error(r, 404, "not_found", "no submission %s", zId); return;
  case SUBMIT_DECIDED: resp_error(r, 409, "decided", "%s", zWhy); return;
  case SUBMIT_DUPLICATE: resp_error(r, 409, "duplicate", "%s", zWhy); return;
  case SUBMIT_BUSY:
    resp_error(r, 503, "unavailable", "the registry is busy; nothing was written; try again");
    return;
  case SUBMIT_INCONSISTENT:
    pErr = json_pack("{s:{s:s, s:O, s:O, s:O?}}", "error", "code", "inconsistent", "message",
                     json_array_get(aDetail, 0), "details", aDetail, "findings",
                     json_object_get(pOut, "findings"));
    resp_json(r, 409, pErr);
    break;
  default:
    pErr = json_pack("{s:{s:s, s:O, s:O}}", "error", "code", "invalid", "message",
                     json_array_get(aDetail, 0), "details", aDetail);
    resp_json(r, 400, pErr);
    break;
  }
  json_decref(pErr);
}

void api_submit(Req *pReq, Resp *r, const json_t *pDoc) {
  json_t *pSub;
  Buf why = {0};
  /* An empty section submits nothing: {"actions": []} alone is nothing to
  ** submit (400), not an empty submission for the depositary to decide. */
  json_t *pSome = json_copy((json_t *)pDoc);
  const char *zSection;
  json_t *pArr;
  void *pTmp;
  json_object_foreach_safe(pSome, pTmp, zSection, pArr) {
    if (json_is_array(pArr) && json_array_size(pArr) == 0) json_object_del(pSome, zSection);
  }
  SubmitResult rc = submission_create(pReq->pDb, &pReq->caller, pSome, &pSub, &why);
  json_decref(pSome);
  if (rc == SUBMIT_OK) {
    resp_json(r, 202, pSub);
    snprintf(r->zLocation, sizeof(r->zLocation), "/api/v1/submissions/%s", str(pSub, "id"));
  } else {
    submit_error(r, rc, pSub, why.z ? why.z : "", "");
  }
  json_decref(pSub);
  buf_free(&why);
}

void api_get_submissions(Req *pReq, Resp *r) {
  if (!req_need_caller(pReq, r, "a submission")) return;
  const char *zStatus = req_arg(pReq, "status");
  if (zStatus && strcmp(zStatus, "pending") != 0 && strcmp(zStatus, "accepted") != 0 &&
      strcmp(zStatus, "rejected") != 0) {
    resp_error(r, 400, "bad_parameter",
               "query parameter status: expected pending, accepted or rejected, got \"%s\"",
               zStatus);
    return;
  }
  /* Few: listed whole by default, or a page at a time (?limit=N, ?offset=,
  ** ?cursor=: after the submission it names, in the list's order). */
  long long limit = -1, offset;
  const char *zLimit = req_arg(pReq, "limit");
  if (zLimit && strcmp(zLimit, "all") != 0 && !req_int(pReq, r, "limit", 0, 1, 10000, &limit))
    return;
  if (!req_int(pReq, r, "offset", 0, 0, 1LL << 40, &offset)) return;
  Buf after = {0};
  const char *zCursor = req_arg(pReq, "cursor");
  if (zCursor && (!list_cursor_decode(zCursor, &after) || strncmp(after.z, "submissions:", 12))) {
    resp_error(r, 400, "bad_parameter",
               "query parameter cursor: expected the next_cursor of an earlier page of "
               "submissions, got \"%s\"",
               zCursor);
    buf_free(&after);
    return;
  }
  const Caller *c = &pReq->caller;
  json_t *a = submission_list(pReq->pDb, c->role == ROLE_DEPOSITARY ? 0 : c->zParty, zStatus);
  size_t n = json_array_size(a), i = 0;
  if (after.n) {
    while (i < n && strcmp(dflt(str(json_array_get(a, i), "id"), ""), after.z + 12) != 0) i++;
    i++; /* after it (none when it is gone) */
  }
  i += (size_t)offset;
  json_t *aPage = json_array();
  for (; i < n && (limit < 0 || (long long)json_array_size(aPage) < limit); i++)
    json_array_append(aPage, json_array_get(a, i));
  json_t *pOut =
      json_pack("{s:o, s:I, s:I, s:I}", "submissions", aPage, "total", (json_int_t)n, "limit",
                (json_int_t)(limit < 0 ? (long long)n : limit), "offset", (json_int_t)offset);
  if (i < n && json_array_size(aPage)) {
    Buf last = {0}, cur = {0};
    buf_printf(&last, "submissions:%s",
               dflt(str(json_array_get(aPage, json_array_size(aPage) - 1), "id"), ""));
    list_cursor_encode(&cur, last.z, last.n);
    json_object_set_new(pOut, "next_cursor", json_string(cur.z));
    buf_free(&last);
    buf_free(&cur);
  }
  resp_json(r, 200, pOut);
  snprintf(r->zTotalCount, sizeof(r->zTotalCount), "%zu", n);
  json_decref(pOut);
  json_decref(a);
  buf_free(&after);
  r->bCacheable = false;
}

void api_get_submission(Req *pReq, Resp *r) {
  if (!req_need_caller(pReq, r, "a submission")) return;
  json_t *pSub = submission_get(pReq->pDb, pReq->azParam[0]);
  if (!pSub) {
    resp_error(r, 404, "not_found", "no submission %s", pReq->azParam[0]);
  } else if (!may_see(&pReq->caller, pSub)) {
    resp_error(r, 403, "forbidden",
               "a delegate sees its own party's submissions, and another party's once accepted");
  } else {
    resp_json(r, 200, pSub);
  }
  r->bCacheable = false;
  json_decref(pSub);
}

/* The decision's body: an object of strings, "date" (accepting) and
** "reason"; false with a 400 naming the key. A key misspelt or of another
** type is refused, not ignored: the decision cannot be taken back. */
static bool decision_body_ok(Resp *r, const json_t *pBody, bool bAccept) {
  const char *zKey;
  const json_t *pVal;
  const char *zExpect = bAccept ? "date or reason" : "reason";
  json_object_foreach((json_t *)pBody, zKey, pVal) {
    bool bKnown = strcmp(zKey, "reason") == 0 || (bAccept && strcmp(zKey, "date") == 0);
    if (!bKnown) {
      resp_error(r, 400, "invalid", "request body: unknown key \"%s\" (expected %s)", zKey,
                 zExpect);
      return false;
    }
    if (!json_is_string(pVal)) {
      resp_error(r, 400, "invalid", "request body: \"%s\" must be a string (%s)", zKey,
                 strcmp(zKey, "date") == 0 ? "the date of deposit, YYYY-MM-DD" : "text");
      return false;
    }
  }
  return true;
}

/* z, or NULL when it holds nothing but blanks: no reason, as on the desk. */
static const char *not_blank(const char *z) {
  return z && z[strspn(z, " \t\r\n")] ? z : 0;
}

static void decide(Req *pReq, Resp *r, bool bAccept) {
  if (!req_need_caller(pReq, r, "a submission")) return;
  if (pReq->caller.role != ROLE_DEPOSITARY) {
    resp_error(r, 403, "forbidden", "only the depositary accepts or rejects a submission");
    return;
  }
  json_t *pBody = 0;
  if (pReq->nBody) {
    json_error_t err;
    pBody = json_loadb(pReq->zBody, pReq->nBody, JSON_REJECT_DUPLICATES, &err);
    if (!json_is_object(pBody)) {
      resp_error(r, 400, "bad_json",
                 "request body: expected a JSON object such as "
                 "{\"reason\": \"...\"}");
      json_decref(pBody);
      return;
    }
    if (!decision_body_ok(r, pBody, bAccept)) {
      json_decref(pBody);
      return;
    }
  }
  json_t *pOut;
  Buf why = {0};
  SubmitResult rc =
      submission_decide(pReq->pDb, pReq->caller.zName, pReq->azParam[0], bAccept,
                        str(pBody, "date"), not_blank(str(pBody, "reason")), &pOut, &why);
  if (rc == SUBMIT_OK)
    resp_json(r, 200, pOut);
  else
    submit_error(r, rc, pOut, why.z ? why.z : "", pReq->azParam[0]);
  json_decref(pOut);
  json_decref(pBody);
  buf_free(&why);
}

void api_post_accept(Req *pReq, Resp *r) {
  decide(pReq, r, true);
}

void api_post_reject(Req *pReq, Resp *r) {
  decide(pReq, r, false);
}
