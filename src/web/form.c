#include "form.h"

#include <microhttpd.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "date.h"
#include "fields.h"
#include "i18n.h"
#include "submission.h"
#include "util.h"

void form_parse(Form *f, const char *z, size_t n) {
  memset(f, 0, sizeof(*f));
  f->zBuf = xmalloc(n + 1);
  memcpy(f->zBuf, z, n);
  f->zBuf[n] = 0;
  char *zSave = 0;
  for (char *zPair = strtok_r(f->zBuf, "&", &zSave); zPair && f->n < FORM_MAX_FIELDS;
       zPair = strtok_r(0, "&", &zSave)) {
    if (f->n == f->nAlloc) {
      f->nAlloc = f->nAlloc ? 2 * f->nAlloc : 32;
      f->azKey = xrealloc((void *)f->azKey, (size_t)f->nAlloc * sizeof(char *));
      f->azVal = xrealloc((void *)f->azVal, (size_t)f->nAlloc * sizeof(char *));
    }
    char *zEq = strchr(zPair, '=');
    char *zVal = zEq ? zEq + 1 : zPair + strlen(zPair);
    if (zEq) *zEq = 0;
    for (char *c = zPair; *c; c++)
      if (*c == '+') *c = ' ';
    for (char *c = zVal; *c; c++)
      if (*c == '+') *c = ' ';
    if (MHD_http_unescape(zPair) != strlen(zPair)) f->bBad = true;
    if (MHD_http_unescape(zVal) != strlen(zVal)) f->bBad = true;
    f->azKey[f->n] = zPair;
    f->azVal[f->n++] = zVal;
  }
}

void form_free(Form *f) {
  xfree(f->zBuf);
  xfree((void *)f->azKey);
  xfree((void *)f->azVal);
  memset(f, 0, sizeof(*f));
}

const char *form_get(const Form *f, const char *zKey) {
  for (int i = 0; f && i < f->n; i++)
    if (strcmp(f->azKey[i], zKey) == 0) return f->azVal[i];
  return 0;
}

const char *form_get_nth(const Form *f, const char *zKey, int iNth) {
  for (int i = 0; f && i < f->n; i++)
    if (strcmp(f->azKey[i], zKey) == 0 && iNth-- == 0) return f->azVal[i];
  return 0;
}

void form_notice(Buf *p, bool bOk, const char *zHtml) {
  hprintf(p, "<div class=\"notice %s\" role=\"%s\">", bOk ? "ok" : "err", bOk ? "status" : "alert");
  buf_puts(p, zHtml);
  buf_puts(p, "</div>");
}

/* A submission's "received" (2026-12-04T10:15:02Z) as "4 December 2026, 10:15 UTC". */
void form_put_received(Buf *p, const char *zReceived) {
  const char *z = dflt(zReceived, "");
  if (strlen(z) < 16 || z[10] != 'T') {
    html_escape(p, z);
    return;
  }
  char zDay[DATE_BUFSZ], zTime[6];
  memcpy(zDay, z, 10);
  zDay[10] = 0;
  memcpy(zTime, z + 11, 5);
  zTime[5] = 0;
  Buf day = {0};
  i18n_date_iso(&day, zDay);
  hprintf(p, "<time datetime=\"%s\">", z);
  hprintf(p, _("%s, %s UTC"), day.z, zTime);
  buf_puts(p, "</time>");
  buf_free(&day);
}

void csrf_new(Resp *r, const char *zPath, char *zOut) {
  unsigned char a[16];
  if (RAND_bytes(a, sizeof(a)) != 1) panic("RAND_bytes failed");
  hex_encode(a, sizeof(a), zOut);
  snprintf(r->zSetCookie, sizeof(r->zSetCookie),
           "pacta_csrf=%s; Path=%s; SameSite=Strict; HttpOnly", zOut, zPath);
}

bool csrf_ok(const Req *pReq, const Form *f, char *zOut) {
  char zCookie[65];
  const char *zForm = form_get(f, "csrf");
  if (!req_cookie(pReq, "pacta_csrf", zCookie, sizeof(zCookie)) || !zForm || strlen(zForm) != 32 ||
      strlen(zCookie) != 32 || CRYPTO_memcmp(zForm, zCookie, 32) != 0)
    return false;
  memcpy(zOut, zCookie, 33);
  return true;
}

void form_caller(Req *pReq, const Form *f, Caller *pOut) {
  if (pReq->bSession) {
    *pOut = pReq->caller;
    return;
  }
  memset(pOut, 0, sizeof(*pOut));
  const char *zToken = form_get(f, "token");
  if (zToken && *zToken) auth_lookup(pReq->pDb, zToken, pOut);
}

void form_token_field(Buf *p, const Req *pReq, const char *zHint) {
  if (pReq->bSession) {
    hprintf(p, "<p class=\"hint\">");
    hprintf(p, _("As <strong>%s</strong>: the journal names you as the author."),
            pReq->caller.zName);
    hprintf(p, " <a href=\"/logout\">%s</a></p>", _("Not you?"));
    return;
  }
  hprintf(p,
          "<div><label for=\"token\">%s</label><input type=\"password\" id=\"token\" "
          "name=\"token\" required autocomplete=\"off\" aria-describedby=\"token-hint\">"
          "<p class=\"hint\" id=\"token-hint\">",
          _("Token"));
  buf_puts(p, zHint); /* the caller's HTML */
  buf_puts(p, " ");
  hprintf(p,
          _("The journal names its holder as the author. Or <a href=\"/login?next=%s\">sign "
            "in</a> once instead."),
          pReq->zPath);
  buf_puts(p, "</p></div>");
}

const char *form_finding_message(const json_t *p) {
  const char *zField = dflt(str(p, "field"), "");
  const char *zMsg = dflt(str(p, "message"), "");
  if (*zField) {
    Buf pre = {0};
    buf_printf(&pre, "%s %s: %s: ", dflt(str(p, "kind"), ""), dflt(str(p, "key"), ""), zField);
    if (strncmp(zMsg, pre.z, pre.n) == 0) zMsg += pre.n;
    buf_free(&pre);
  }
  return zMsg;
}

/* A problem for the form to show beside field zField ("" for the whole
** record); a missing key is the problem of that key's field. */
static void problem_add(json_t *a, const char *zField, const char *zMsg, const char *zSeverity,
                        const char *zCode) {
  if (!a) return;
  static const char zMissing[] = "missing required key \"";
  Buf path = {0};
  if (strncmp(zMsg, zMissing, sizeof(zMissing) - 1) == 0 &&
      strchr(zMsg + sizeof(zMissing) - 1, '"')) {
    const char *zKey = zMsg + sizeof(zMissing) - 1;
    if (zField && *zField) buf_printf(&path, "%s.", zField);
    buf_append(&path, zKey, (size_t)(strchr(zKey, '"') - zKey));
    zField = path.z;
    zMsg = _("required: fill it in");
  }
  /* A field or message from the input may not be UTF-8: then it is kept
  ** as a placeholder, never dropped with its problem. */
  json_t *pProblem = json_object();
  json_t *pField = json_string(zField ? zField : "");
  json_t *pMsg = json_string(zMsg);
  json_object_set_new(pProblem, "field", pField ? pField : json_string("?"));
  json_object_set_new(pProblem, "message", pMsg ? pMsg : json_string(_("(not UTF-8 text)")));
  json_object_set_new(pProblem, "severity", json_string(zSeverity));
  json_object_set_new(pProblem, "code", json_string(zCode ? zCode : ""));
  json_array_append_new(a, pProblem);
  buf_free(&path);
}

/* A consistency finding as a problem: its field, and its message without
** "kind key: field: " in front (the form shows where it is). */
static void problem_of_finding(json_t *a, const json_t *p) {
  if (!a || json_is_true(json_object_get(p, "existing"))) return; /* not this write's doing */
  const char *zField = dflt(str(p, "field"), "");
  const char *zMsg = form_finding_message(p);
  problem_add(a, zField, zMsg, dflt(str(p, "severity"), "error"), str(p, "code"));
  /* Which record it is about, and its whole message, for a form that
  ** shows a finding on another record apart from its fields. */
  json_t *pLast = json_array_get(a, json_array_size(a) - 1);
  json_object_set(pLast, "kind", json_object_get(p, "kind"));
  json_object_set(pLast, "key", json_object_get(p, "key"));
  json_object_set(pLast, "whole", json_object_get(p, "message"));
}

/* A message of the interchange format's check in the page's language: a
** missing key's, kept in English for problem_add to find its field, as
** "KEY: required: fill it in". */
static void put_invalid(Buf *pMsg, const char *zMsg) {
  static const char zMissing[] = "missing required key \"";
  const char *zKey = zMsg + sizeof(zMissing) - 1;
  if (strncmp(zMsg, zMissing, sizeof(zMissing) - 1) == 0 && strchr(zKey, '"')) {
    buf_puts(pMsg, "<code>");
    html_escape_n(pMsg, zKey, (size_t)(strchr(zKey, '"') - zKey));
    hprintf(pMsg, "</code>: %s", _("required: fill it in"));
    return;
  }
  hprintf(pMsg, "%s", zMsg);
}

/* The notice of a record the interchange format refuses (aMsg: its
** messages, each "$.SECTION[0].FIELD: why"), each message also a problem of
** its field. */
static void invalid_notice(Buf *pMsg, const char *zNothing, const char *zSection,
                           const json_t *aMsg, json_t *aProblem) {
  hprintf(pMsg, "<strong>%s</strong> %s<ul>", zNothing, _("The record is not valid:"));
  Buf path = {0};
  buf_printf(&path, "$.%s[0]", zSection);
  for (size_t i = 0; i < json_array_size(aMsg); i++) {
    const char *zMsg = dflt(json_string_value(json_array_get(aMsg, i)), "");
    Buf field = {0};
    if (strncmp(zMsg, path.z, path.n) == 0 && (zMsg[path.n] == '.' || zMsg[path.n] == ':')) {
      zMsg += path.n + (zMsg[path.n] == '.' ? 1 : 2);
      const char *zColon = zMsg[-1] == '.' ? strstr(zMsg, ": ") : 0;
      if (zColon) {
        buf_append(&field, zMsg, (size_t)(zColon - zMsg));
        problem_add(aProblem, field.z, zColon + 2, "error", "invalid");
      } else {
        problem_add(aProblem, "", zMsg, "error", "invalid");
      }
    } else {
      problem_add(aProblem, "", zMsg, "error", "invalid");
    }
    buf_free(&field);
    buf_puts(pMsg, "<li>");
    put_invalid(pMsg, zMsg);
    buf_puts(pMsg, "</li>");
  }
  buf_free(&path);
  buf_puts(pMsg, "</ul>");
}

/* The notice of a record the consistency checks refuse: its errors (not
** the registry's own, found before it), each also a problem of its field. */
static void inconsistent_notice(Buf *pMsg, const char *zNothing, const json_t *aFinding,
                                json_t *aProblem) {
  hprintf(pMsg, "<strong>%s</strong> %s<ul>", zNothing, _("It would contradict the registry:"));
  size_t i;
  json_t *p;
  json_array_foreach(aFinding, i, p) {
    if (strcmp(dflt(str(p, "severity"), ""), "error") == 0 &&
        !json_is_true(json_object_get(p, "existing")))
      hprintf(pMsg, "<li>%s <small>(%s)</small></li>", form_finding_message(p), str(p, "code"));
    problem_of_finding(aProblem, p);
  }
  buf_puts(pMsg, "</ul>");
}

/* A delegate's form is a submission (submission.h): 202 with its id, or
** why not. */
static int form_submit(Db *pDb, const Caller *pCaller, const char *zSection, const json_t *pDoc,
                       const char *zNothing, Buf *pMsg, json_t *aProblem) {
  json_t *pOut;
  Buf why = {0};
  SubmitResult rc = submission_create(pDb, pCaller, pDoc, &pOut, &why);
  int status = 202;
  size_t i;
  json_t *p;
  Buf received = {0}, id = {0};
  switch (rc) {
  case SUBMIT_OK:
    form_put_received(&received, str(pOut, "received"));
    html_escape(&id, dflt(str(pOut, "id"), ""));
    /* The id escaped, the time as HTML. */
    buf_printf(pMsg,
               _("<strong>Submitted</strong> as <code>%s</code>, received %s. The depositary "
                 "examines it; nothing in the record changes until it is accepted."),
               id.z, received.z);
    hprintf(pMsg, " <a href=\"/api/v1/submissions/%s\">%s</a>.", str(pOut, "id"),
            _("The submission"));
    if (json_array_size(json_object_get(pOut, "warnings"))) {
      buf_puts(pMsg, "<ul>");
      json_array_foreach(json_object_get(pOut, "warnings"), i, p)
          hprintf(pMsg, "<li>%s <small>(%s)</small></li>", form_finding_message(p), str(p, "code"));
      buf_puts(pMsg, "</ul>");
    }
    break;
  case SUBMIT_FORBIDDEN:
    hprintf(pMsg, "<strong>%s</strong> ", zNothing);
    hprintf(pMsg, _("The token of %s may not submit this: %s."), pCaller->zName,
            why.z ? why.z : "");
    status = 403;
    break;
  case SUBMIT_DUPLICATE:
    hprintf(pMsg, "<strong>%s</strong> ", zNothing);
    hprintf(pMsg,
            _("The same deposit was submitted already, as %s, and awaits the depositary's "
              "decision."),
            dflt(str(pOut, "id"), ""));
    status = 409;
    break;
  case SUBMIT_BUSY:
    hprintf(pMsg, "<strong>%s</strong> %s", zNothing,
            _("The registry is busy; submit again in a moment."));
    status = 503;
    break;
  case SUBMIT_INCONSISTENT:
    inconsistent_notice(pMsg, zNothing, json_object_get(pOut, "findings"), aProblem);
    status = 409;
    break;
  default:
    invalid_notice(pMsg, zNothing, zSection, json_object_get(pOut, "details"), aProblem);
    status = 400;
    break;
  }
  json_decref(pOut);
  buf_free(&why);
  buf_free(&received);
  buf_free(&id);
  return status;
}

int form_load(Db *pDb, const Caller *pCaller, const char *zSection, const json_t *pRec,
              const char *zNothing, Buf *pMsg, LoadResult *pRes) {
  return form_load_opt(pDb, pCaller, zSection, pRec, false, zNothing, pMsg, pRes, 0);
}

int form_load_opt(Db *pDb, const Caller *pCaller, const char *zSection, const json_t *pRec,
                  bool bDryRun, const char *zNothing, Buf *pMsg, LoadResult *pRes,
                  json_t **paProblem) {
  memset(pRes, 0, sizeof(*pRes));
  json_t *aProblem = paProblem ? json_array() : 0;
  if (paProblem) *paProblem = aProblem;
  const char *zWhy = auth_may_write(pCaller, zSection, pRec);
  if (zWhy) {
    hprintf(pMsg, "<strong>%s</strong> ", zNothing);
    hprintf(pMsg, _("The token of %s may not record this: %s."), pCaller->zName, zWhy);
    return 403;
  }
  json_t *pDoc = json_pack("{s:i, s:[O]}", "pacta", 1, zSection, (json_t *)pRec);
  if (pCaller->role == ROLE_DELEGATE && !bDryRun) { /* a dry run writes no submission */
    int status = form_submit(pDb, pCaller, zSection, pDoc, zNothing, pMsg, aProblem);
    json_decref(pDoc);
    return status;
  }
  json_t *aMsg;
  LoadOptions opt = {0};
  opt.bDryRun = bDryRun;
  int rc = interchange_load_json_opt(pDb, pDoc, pCaller->zName, &opt, &aMsg, pRes);
  int status = pRes->nLoaded ? 201 : 200;
  if (rc == LOAD_BUSY) {
    hprintf(pMsg, "<strong>%s</strong> %s", zNothing,
            _("The registry is busy with another writer; submit again in a moment."));
    status = 503;
  } else if (rc == LOAD_INCONSISTENT) {
    inconsistent_notice(pMsg, zNothing, pRes->aFinding, aProblem);
    status = 409;
  } else if (rc) {
    invalid_notice(pMsg, zNothing, zSection, aMsg, aProblem);
    status = 400;
  } else if (json_array_size(pRes->aFinding)) {
    size_t n = json_array_size(pRes->aFinding);
    size_t i;
    json_t *p;
    if (!bDryRun) {
      i18n_plural(pMsg,
                  _("<strong>Recorded with {0, plural, one{# warning} other{# warnings}}</strong> "
                    "to look at:"),
                  (long long)n);
      buf_puts(pMsg, "<ul>");
      json_array_foreach(pRes->aFinding, i, p)
          hprintf(pMsg, "<li>%s <small>(%s)</small></li>", form_finding_message(p), str(p, "code"));
      buf_puts(pMsg, "</ul>");
    }
    json_array_foreach(pRes->aFinding, i, p) problem_of_finding(aProblem, p);
  }
  json_decref(pRes->aFinding);
  pRes->aFinding = 0;
  json_decref(aMsg);
  json_decref(pDoc);
  return status;
}
