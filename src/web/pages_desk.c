/*
** The desk (/desk): where a signed-in officer works. The depositary's desk
** lists the pending submissions with a form to accept and one to reject
** each (POST /desk/submissions/{id}/accept and .../reject, CSRF-checked,
** decided as the session's caller through submission_decide), the open
** findings of the consistency checks, the sessions and commitment
** deadlines ahead, and the forms that create records. A delegate's desk
** lists its own party's submissions and what became of them, and the forms
** it may use. Not signed in: to /login. Never cached.
*/
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "checks.h"
#include "date.h"
#include "entity.h"
#include "fields.h"
#include "form.h"
#include "page.h"
#include "routes.h"
#include "submission.h"

#define DESK_FINDINGS 20 /* the first findings shown; /checks has them all */

/* The kinds the depositary creates through /desk/new/{kind}. */
static const char *const azNewKind[] = {"party",      "organization", "membership", "body",
                                        "session",    "document",     "action",     "chairmanship",
                                        "commitment", "assessment"};

/* ---- Pieces ---------------------------------------------------------------------- */

/* What a submission deposits, as a list: each action (its type, of which
** document, the instrument's own date) and each self-report. */
static void put_records(Buf *p, const json_t *pSub, const json_t *pDocs) {
  const json_t *pRecords = json_object_get(pSub, "records");
  size_t i;
  json_t *a;
  buf_puts(p, "<ul class=\"plain\">");
  json_array_foreach(json_object_get(pRecords, "actions"), i, a) {
    buf_puts(p, "<li>");
    put_words(p, str(a, "type"));
    buf_puts(p, " of ");
    put_link(p, "documents", pDocs, str(a, "document"), "title");
    if (str(a, "instrument_date"))
      hprintf(p, " <span class=\"muted small\">(instrument of %s)</span>",
              str(a, "instrument_date"));
    buf_puts(p, "</li>");
  }
  json_array_foreach(json_object_get(pRecords, "assessments"), i, a) {
    hprintf(p,
            "<li>self-report on commitment <a href=\"/commitments/%s\">%s</a>"
            " <span class=\"muted small\">(score %lld)</span></li>",
            dflt(str(a, "commitment"), ""), dflt(str(a, "commitment"), ""),
            (long long)json_integer_value(json_object_get(a, "score")));
  }
  buf_puts(p, "</ul>");
}

/* A submission's "received" (2026-12-04T10:15:02Z) as "2026-12-04 10:15 UTC". */
static void put_received(Buf *p, const json_t *pSub) {
  const char *z = dflt(str(pSub, "received"), "");
  if (strlen(z) < 16 || z[10] != 'T') {
    html_escape(p, z);
    return;
  }
  char zDay[DATE_BUFSZ], zTime[6];
  memcpy(zDay, z, 10);
  zDay[10] = 0;
  memcpy(zTime, z + 11, 5);
  zTime[5] = 0;
  hprintf(p, "<time datetime=\"%s\">%s %s UTC</time>", z, zDay, zTime);
}

/* The consistency checks' warnings on a submission, or "none". */
static void put_warnings(Buf *p, const json_t *pSub) {
  const json_t *aWarn = json_object_get(pSub, "warnings");
  if (!json_array_size(aWarn)) {
    buf_puts(p, "<span class=\"muted\">none</span>");
    return;
  }
  buf_puts(p, "<ul class=\"plain\">");
  size_t i;
  json_t *w;
  json_array_foreach(aWarn, i, w) hprintf(p, "<li>%s <small>(%s)</small></li>",
                                          dflt(str(w, "message"), ""), dflt(str(w, "code"), ""));
  buf_puts(p, "</ul>");
}

/* The page of the record a finding is about. */
static void put_finding_record(Buf *p, const json_t *f) {
  const char *zKind = dflt(str(f, "kind"), ""), *zKey = dflt(str(f, "key"), "");
  char zFirst[128];
  size_t n = strcspn(zKey, "|");
  snprintf(zFirst, sizeof(zFirst), "%.*s", (int)(n < sizeof(zFirst) ? n : sizeof(zFirst) - 1),
           zKey);
  const char *zPath = 0;
  if (!strcmp(zKind, "action") || !strcmp(zKind, "document"))
    zPath = "documents";
  else if (!strcmp(zKind, "session"))
    zPath = "sessions";
  else if (!strcmp(zKind, "commitment") || !strcmp(zKind, "assessment"))
    zPath = "commitments";
  else if (!strcmp(zKind, "membership") || !strcmp(zKind, "chairmanship"))
    zPath = "organizations";
  else if (!strcmp(zKind, "party"))
    zPath = "parties";
  if (zPath)
    hprintf(p, "<a href=\"/%s/%s\">%s %s</a>", zPath, zFirst, zKind, zKey);
  else
    hprintf(p, "%s %s", zKind, zKey);
}

/* ---- The depositary's desk --------------------------------------------------------- */

/* One pending submission, with its two forms. */
static void pending_item(Buf *p, const json_t *s, const json_t *pParties, const json_t *pDocs,
                         const char *zCsrf) {
  const char *zId = dflt(str(s, "id"), "");
  char zDay[DATE_BUFSZ] = "";
  strncat(zDay, dflt(str(s, "received"), ""), DATE_BUFSZ - 1);
  hprintf(p, "<article class=\"sub\" aria-labelledby=\"h-%s\"><h3 id=\"h-%s\">", zId, zId);
  put_party(p, pParties, str(s, "party"));
  hprintf(p, " <span class=\"code\">%s</span></h3><dl class=\"facts\"><dt>Deposits</dt><dd>", zId);
  put_records(p, s, pDocs);
  buf_puts(p, "</dd><dt>Received</dt><dd>");
  put_received(p, s);
  hprintf(p, " from %s</dd>", dflt(str(s, "submitted_by"), ""));
  buf_puts(p, "<dt>Warnings</dt><dd>");
  put_warnings(p, s);
  buf_puts(p, "</dd></dl><div class=\"decide\">");
  hprintf(p,
          "<form method=\"post\" action=\"/desk/submissions/%s/accept\" aria-label=\"Accept %s\">"
          "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
          "<div><label for=\"date-%s\">Date of deposit <span class=\"muted\">(optional)</span>"
          "</label><input type=\"date\" id=\"date-%s\" name=\"date\" "
          "aria-describedby=\"date-hint-%s\"><p class=\"hint\" id=\"date-hint-%s\">Empty: the "
          "day it was received (%s).</p></div>"
          "<div><label for=\"why-%s\">Reason <span class=\"muted\">(optional)</span></label>"
          "<input id=\"why-%s\" name=\"reason\" autocomplete=\"off\"></div>"
          "<div><button type=\"submit\">Accept</button></div></form>",
          zId, zId, zCsrf, zId, zId, zId, zId, zDay, zId, zId);
  hprintf(p,
          "<form method=\"post\" action=\"/desk/submissions/%s/reject\" aria-label=\"Reject %s\">"
          "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
          "<div><label for=\"no-%s\">Reason for rejecting</label>"
          "<textarea id=\"no-%s\" name=\"reason\" rows=\"2\" required "
          "aria-describedby=\"no-hint-%s\"></textarea><p class=\"hint\" id=\"no-hint-%s\">"
          "Required: the submitting party reads it.</p></div>"
          "<div><button type=\"submit\" class=\"reject\">Reject</button></div></form>",
          zId, zId, zCsrf, zId, zId, zId, zId);
  buf_puts(p, "</div></article>");
}

static void desk_pending(Buf *p, Db *pDb, const char *zCsrf) {
  json_t *a = submission_list(pDb, 0, "pending");
  size_t n = json_array_size(a);
  buf_puts(p, "<section aria-labelledby=\"pending\"><h2 id=\"pending\">Pending submissions</h2>");
  if (!n) {
    buf_puts(p, "<p class=\"muted\">No submission is waiting for a decision.</p>");
  } else {
    hprintf(p,
            "<p>%zu submission%s waiting, newest first. Accepting one writes its records as "
            "the depositary's and numbers a depositary notification; rejecting one sends the "
            "reason to the party.</p>",
            n, n == 1 ? "" : "s");
    json_t *pParties = entity_map(pDb, K_PARTY, "code");
    json_t *pDocs = entity_map(pDb, K_DOCUMENT, "id");
    size_t i;
    json_t *s;
    json_array_foreach(a, i, s) pending_item(p, s, pParties, pDocs, zCsrf);
    json_decref(pParties);
    json_decref(pDocs);
  }
  buf_puts(p, "</section>");
  json_decref(a);
}

static void desk_findings(Buf *p, Db *pDb) {
  json_t *a = checks_all(pDb, date_today());
  size_t n = json_array_size(a), nError = 0, i;
  json_t *f;
  json_array_foreach(a, i, f) nError += strcmp(dflt(str(f, "severity"), ""), "error") == 0;
  hprintf(p,
          "<section aria-labelledby=\"findings\"><h2 id=\"findings\">Open findings</h2>"
          "<p>The consistency checks find <strong>%zu error%s</strong> and <strong>%zu "
          "warning%s</strong> in the registry. <a href=\"/checks\">All findings</a>.</p>",
          nError, nError == 1 ? "" : "s", n - nError, n - nError == 1 ? "" : "s");
  if (n) {
    char zCaption[80];
    snprintf(zCaption, sizeof(zCaption), "%s findings, errors first",
             n > DESK_FINDINGS ? "The first 20" : "The");
    table_begin(p, zCaption, "Severity|Check|Record|What is wrong");
    for (i = 0; i < n && i < DESK_FINDINGS; i++) {
      f = json_array_get(a, i);
      bool bError = strcmp(dflt(str(f, "severity"), ""), "error") == 0;
      hprintf(p, "<tr><td><span class=\"badge %s\">%s</span></td><td><code>%s</code></td><td>",
              bError ? "k-suspended" : "k-observer", bError ? "error" : "warning",
              dflt(str(f, "code"), ""));
      put_finding_record(p, f);
      const char *zMsg = dflt(str(f, "message"), "");
      const char *zAfter = strstr(zMsg, ": ");
      hprintf(p, "</td><td class=\"msg\">%s</td></tr>", zAfter ? zAfter + 2 : zMsg);
    }
    table_end(p);
  }
  buf_puts(p, "</section>");
  json_decref(a);
}

static int compare_date_field(const void *pA, const void *pB, const char *zField) {
  const json_t *a = *(json_t *const *)pA, *b = *(json_t *const *)pB;
  int c = strcmp(dflt(str(a, zField), ""), dflt(str(b, zField), ""));
  return c ? c : strcmp(dflt(str(a, "id"), ""), dflt(str(b, "id"), ""));
}
static int compare_session(const void *pA, const void *pB) {
  return compare_date_field(pA, pB, "date");
}
static int compare_deadline(const void *pA, const void *pB) {
  return compare_date_field(pA, pB, "deadline");
}

/* The records of kind whose zField is a date in [zFrom, zTo] (zTo NULL:
** no end), sorted by it: a new array of xmalloc'd pointers into a (*pn of
** them). */
static json_t **dated(const json_t *a, const char *zField, const char *zFrom, const char *zTo,
                      int (*xCompare)(const void *, const void *), size_t *pn) {
  size_t n = json_array_size(a), k = 0;
  json_t **ap = xmalloc(n * sizeof(json_t *) + 1);
  for (size_t i = 0; i < n; i++) {
    json_t *r = json_array_get(a, i);
    const char *z = str(r, zField);
    if (z && strcmp(z, zFrom) >= 0 && (!zTo || strcmp(z, zTo) <= 0)) ap[k++] = r;
  }
  qsort(ap, k, sizeof(json_t *), xCompare);
  *pn = k;
  return ap;
}

static void desk_ahead(Buf *p, Db *pDb) {
  pdate today = date_today();
  char zToday[DATE_BUFSZ], zEnd[DATE_BUFSZ];
  date_format(today, zToday);
  date_format(date_add_months(today, 12), zEnd);
  buf_puts(p, "<section aria-labelledby=\"ahead\"><h2 id=\"ahead\">Ahead</h2>");

  json_t *aSession = entity_list(pDb, K_SESSION, 0);
  json_t *pBodies = entity_map(pDb, K_BODY, "id");
  size_t n;
  json_t **ap = dated(aSession, "date", zToday, 0, compare_session, &n);
  if (!n) {
    buf_puts(p, "<p class=\"muted\">No session is recorded from today on. "
                "<a href=\"/sessions\">All sessions</a>.</p>");
  } else {
    table_begin(p, "Sessions from today on", "Date|Body|Place|Format");
    for (size_t i = 0; i < n; i++) {
      const json_t *s = ap[i];
      hprintf(p, "<tr><td class=\"nw\"><a href=\"/sessions/%s\">", dflt(str(s, "id"), ""));
      put_date(p, str(s, "date"));
      buf_puts(p, "</a></td><td>");
      put_link(p, "bodies", pBodies, str(s, "body"), "name");
      hprintf(p, "</td><td>%s</td><td>", dflt(str(s, "place"), "not stated"));
      put_words(p, str(s, "format"));
      buf_puts(p, "</td></tr>");
    }
    table_end(p);
  }
  xfree(ap);
  json_decref(aSession);
  json_decref(pBodies);

  json_t *aCommit = entity_list(pDb, K_COMMITMENT, 0);
  ap = dated(aCommit, "deadline", zToday, zEnd, compare_deadline, &n);
  if (!n) {
    hprintf(p, "<p class=\"muted\">No commitment falls due between today and %s.</p>", zEnd);
  } else {
    char zCaption[96];
    snprintf(zCaption, sizeof(zCaption), "Commitment deadlines until %s", zEnd);
    table_begin(p, zCaption, "Deadline|Commitment|Organization");
    for (size_t i = 0; i < n; i++) {
      const json_t *c = ap[i];
      buf_puts(p, "<tr><td class=\"nw\">");
      put_date(p, str(c, "deadline"));
      hprintf(p, "</td><td><a href=\"/commitments/%s\">%s</a></td><td>%s</td></tr>",
              dflt(str(c, "id"), ""), name_en(json_object_get(c, "text"), dflt(str(c, "id"), "")),
              dflt(str(c, "organization"), ""));
    }
    table_end(p);
  }
  xfree(ap);
  json_decref(aCommit);
  buf_puts(p, "</section>");
}

static void desk_create(Buf *p) {
  buf_puts(p, "<section aria-labelledby=\"create\"><h2 id=\"create\">Create a record</h2>"
              "<ul class=\"links\">");
  for (size_t i = 0; i < sizeof(azNewKind) / sizeof(azNewKind[0]); i++) {
    hprintf(p, "<li><a href=\"/desk/new/%s\">", azNewKind[i]);
    put_words(p, azNewKind[i]);
    buf_puts(p, "</a></li>");
  }
  buf_puts(p, "</ul><p>Or <a href=\"/record\">record an action</a> with any past date, or "
              "<a href=\"/ingest\">draft a session from a press release</a>.</p></section>");
}

/* ---- A delegate's desk ----------------------------------------------------------------- */

static void desk_delegate(Buf *p, Db *pDb, const Caller *c) {
  json_t *a = submission_list(pDb, c->zParty, 0);
  json_t *pParties = entity_map(pDb, K_PARTY, "code");
  json_t *pDocs = entity_map(pDb, K_DOCUMENT, "id");
  buf_puts(p, "<section aria-labelledby=\"mine\"><h2 id=\"mine\">Your submissions</h2>");
  if (!json_array_size(a)) {
    hprintf(p, "<p class=\"muted\">%s has submitted nothing yet.</p>",
            party_name(pParties, c->zParty));
  } else {
    Buf cap = {0};
    buf_printf(&cap, "Submissions of %s, newest first", c->zParty);
    table_begin(p, cap.z, "Submission|Deposits|Received|Status|Outcome");
    buf_free(&cap);
    size_t i;
    json_t *s;
    json_array_foreach(a, i, s) {
      const char *zStatus = dflt(str(s, "status"), "");
      const json_t *d = json_object_get(s, "decision");
      hprintf(p, "<tr><td class=\"nw\"><code>%s</code></td><td>", dflt(str(s, "id"), ""));
      put_records(p, s, pDocs);
      buf_puts(p, "</td><td>");
      put_received(p, s);
      buf_puts(p, "</td><td>");
      put_badge(p, zStatus);
      buf_puts(p, "</td><td>");
      if (!strcmp(zStatus, "accepted")) {
        hprintf(p, "Depositary notification <strong>%s</strong>, deposited on ",
                dflt(str(d, "notification"), ""));
        put_date(p, str(d, "date"));
        if (str(d, "reason")) hprintf(p, ": %s", str(d, "reason"));
      } else if (!strcmp(zStatus, "rejected")) {
        hprintf(p, "Rejected by %s: %s", dflt(str(d, "by"), "the depositary"),
                dflt(str(d, "reason"), ""));
      } else {
        buf_puts(p, "<span class=\"muted\">The depositary has not decided yet.</span>");
        if (json_array_size(json_object_get(s, "warnings"))) {
          buf_puts(p, " Warnings: ");
          put_warnings(p, s);
        }
      }
      buf_puts(p, "</td></tr>");
    }
    table_end(p);
  }
  buf_puts(p, "</section><section aria-labelledby=\"forms\"><h2 id=\"forms\">Submit</h2>"
              "<ul class=\"links\"><li><a href=\"/record\">An instrument</a> (ratification, "
              "accession, reservation, withdrawal...)</li><li><a href=\"/desk/new/action\">An "
              "action</a></li><li><a href=\"/desk/new/assessment\">A self-report on a "
              "commitment</a></li></ul><p class=\"hint\">A submission changes nothing in the "
              "record until the depositary accepts it.</p></section>");
  json_decref(a);
  json_decref(pParties);
  json_decref(pDocs);
}

/* ---- The page ----------------------------------------------------------------------- */

/* The desk of the signed-in caller, under a notice (zNotice: HTML) when
** there is one. */
static void desk_page(Req *pReq, Resp *r, int status, const char *zCsrf, bool bOk,
                      const char *zNotice) {
  const Caller *c = &pReq->caller;
  bool bDepositary = c->role == ROLE_DEPOSITARY;
  Buf b = {0};
  pages_begin(&b, pReq, "Desk", "/desk");
  hprintf(&b, "<h1>%s desk</h1>", bDepositary ? "The depositary's" : "Your");
  if (bDepositary)
    hprintf(&b,
            "<p class=\"lede\">Signed in as <strong>%s</strong>, the depositary: what waits for "
            "a decision, what the checks find, what is ahead.</p>",
            c->zName);
  else
    hprintf(&b,
            "<p class=\"lede\">Signed in as <strong>%s</strong>, delegate of %s: what your party "
            "has submitted and what the depositary decided.</p>",
            c->zName, c->zParty);
  if (zNotice) form_notice(&b, bOk, zNotice);
  if (bDepositary) {
    desk_pending(&b, pReq->pDb, zCsrf);
    desk_findings(&b, pReq->pDb);
    desk_ahead(&b, pReq->pDb);
    desk_create(&b);
  } else {
    desk_delegate(&b, pReq->pDb, c);
  }
  pages_end(&b, pReq);
  page_send(r, status, &b, false);
}

void page_get_desk(Req *pReq, Resp *r) {
  if (!pReq->bSession) {
    page_sign_in_first(pReq, r, 0);
    return;
  }
  char zCsrf[33];
  csrf_new(r, "/desk", zCsrf);
  desk_page(pReq, r, 200, zCsrf, true, 0);
}

/* The notice of a decision taken (SUBMIT_OK) or refused; the status. */
static int decision_notice(Buf *pMsg, SubmitResult rc, const char *zId, bool bAccept,
                           const json_t *pOut, const char *zWhy) {
  size_t i;
  json_t *x;
  switch (rc) {
  case SUBMIT_OK: {
    const json_t *d = json_object_get(pOut, "decision");
    if (bAccept) {
      hprintf(pMsg,
              "<strong>Accepted</strong> <code>%s</code> of %s: depositary notification "
              "<strong>%s</strong>, deposited on %s.",
              zId, dflt(str(pOut, "party"), ""), dflt(str(d, "notification"), ""),
              dflt(str(d, "date"), ""));
      const char *zSep = " See ";
      json_array_foreach(json_object_get(json_object_get(pOut, "records"), "actions"), i, x) {
        hprintf(pMsg, "%s<a href=\"/documents/%s\">%s</a>", zSep, dflt(str(x, "document"), ""),
                dflt(str(x, "document"), ""));
        zSep = ", ";
      }
      if (strcmp(zSep, ", ") == 0) buf_puts(pMsg, ".");
    } else {
      hprintf(pMsg,
              "<strong>Rejected</strong> <code>%s</code> of %s. The party reads the reason: "
              "%s",
              zId, dflt(str(pOut, "party"), ""), dflt(str(d, "reason"), ""));
    }
    return 200;
  }
  case SUBMIT_UNKNOWN:
    hprintf(pMsg, "<strong>Nothing was decided.</strong> There is no submission %s.", zId);
    return 404;
  case SUBMIT_DECIDED:
    hprintf(pMsg, "<strong>Nothing was decided.</strong> The submission %s.", zWhy);
    return 409;
  case SUBMIT_FORBIDDEN:
    hprintf(pMsg, "<strong>Nothing was decided.</strong> %s.", zWhy);
    return 403;
  case SUBMIT_BUSY:
    buf_puts(pMsg, "<strong>Nothing was decided.</strong> The registry is busy with another "
                   "writer; decide again in a moment.");
    return 503;
  case SUBMIT_INCONSISTENT: {
    hprintf(pMsg,
            "<strong>Nothing was decided.</strong> Accepting %s would contradict the registry; "
            "it stays pending:<ul>",
            zId);
    bool bAny = false;
    json_array_foreach(json_object_get(pOut, "findings"), i, x) {
      if (strcmp(dflt(str(x, "severity"), ""), "error") != 0 ||
          json_is_true(json_object_get(x, "existing")))
        continue;
      hprintf(pMsg, "<li>%s <small>(%s)</small></li>", dflt(str(x, "message"), ""),
              dflt(str(x, "code"), ""));
      bAny = true;
    }
    if (!bAny)
      json_array_foreach(json_object_get(pOut, "details"), i, x)
          hprintf(pMsg, "<li>%s</li>", dflt(json_string_value(x), ""));
    buf_puts(pMsg, "</ul>");
    return 409;
  }
  default:
    buf_puts(pMsg, "<strong>Nothing was decided.</strong><ul>");
    json_array_foreach(json_object_get(pOut, "details"), i, x)
        hprintf(pMsg, "<li>%s</li>", dflt(json_string_value(x), ""));
    buf_puts(pMsg, "</ul>");
    return 400;
  }
}

/* A decision posted from the desk: a signed-in depositary (else 401 or
** 403), the form's CSRF secret (else 403), a reason when rejecting (else
** 400); then submission_decide as the session's caller, and the desk again
** under what was done. */
static void desk_decide(Req *pReq, Resp *r, bool bAccept) {
  if (!pReq->bSession) {
    Buf b = {0};
    pages_begin(&b, pReq, "Sign in", 0);
    buf_puts(&b, "<h1>Sign in</h1>");
    form_notice(&b, false,
                "<strong>Nothing was decided.</strong> Only the depositary, signed in, accepts "
                "or rejects a submission. <a href=\"/login?next=/desk\">Sign in</a>.");
    pages_end(&b, pReq);
    page_send(r, 401, &b, false);
    return;
  }
  char zCsrf[33];
  const char *zType = pReq->zHeaderContentType;
  Form f;
  form_parse(&f, pReq->zBody ? pReq->zBody : "", pReq->nBody);
  if (pReq->caller.role != ROLE_DEPOSITARY) {
    csrf_new(r, "/desk", zCsrf);
    desk_page(pReq, r, 403, zCsrf, false,
              "<strong>Nothing was decided.</strong> Only the depositary accepts or rejects a "
              "submission.");
  } else if (!zType || strncmp(zType, "application/x-www-form-urlencoded", 33) != 0) {
    page_error(pReq, r, 415, "Unsupported form",
               "Expected Content-Type: application/x-www-form-urlencoded.");
  } else if (!csrf_ok(pReq, &f, zCsrf)) {
    csrf_new(r, "/desk", zCsrf);
    desk_page(pReq, r, 403, zCsrf, false,
              "<strong>Nothing was decided.</strong> The form had expired or did not come from "
              "this desk (its security code did not match). Decide again below.");
  } else if (f.bBad) {
    desk_page(pReq, r, 400, zCsrf, false,
              "<strong>Nothing was decided.</strong> The form was not valid text.");
  } else {
    const char *zId = pReq->azParam[0];
    const char *zDate = form_get(&f, "date"), *zReason = form_get(&f, "reason");
    if (zDate && !*zDate) zDate = 0;
    if (zReason && !*zReason) zReason = 0;
    /* A reason of blanks is no reason. */
    if (zReason && zReason[strspn(zReason, " \t\r\n")] == 0) zReason = 0;
    Buf msg = {0};
    int status;
    if (!bAccept && !zReason) {
      hprintf(&msg,
              "<strong>Nothing was decided.</strong> A rejection needs a reason, which the "
              "party reads: %s stays pending.",
              zId);
      status = 400;
    } else {
      json_t *pOut = 0;
      Buf why = {0};
      SubmitResult rc = submission_decide(pReq->pDb, pReq->caller.zName, zId, bAccept, zDate,
                                          zReason, &pOut, &why);
      status = decision_notice(&msg, rc, zId, bAccept, pOut, why.z ? why.z : "");
      json_decref(pOut);
      buf_free(&why);
    }
    desk_page(pReq, r, status, zCsrf, status == 200, msg.z);
    buf_free(&msg);
  }
  form_free(&f);
}

void page_post_desk_accept(Req *pReq, Resp *r) {
  desk_decide(pReq, r, true);
}

void page_post_desk_reject(Req *pReq, Resp *r) {
  desk_decide(pReq, r, false);
}
