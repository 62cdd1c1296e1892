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
#include "desk_records.h"
#include "entity.h"
#include "fields.h"
#include "form.h"
#include "page.h"
#include "routes.h"
#include "submission.h"
#include "term.h"

#define DESK_FINDINGS 20 /* the first findings shown; /checks has them all */

/* The kinds the depositary creates through /desk/new/{kind}, and their
** links' words. */
static const struct {
  const char *zKind, *zLabel;
} aNewKind[] = {
    {"party", N_("party")},           {"organization", N_("organization")},
    {"membership", N_("membership")}, {"body", N_("body")},
    {"session", N_("session")},       {"document", N_("document")},
    {"action", N_("action")},         {"chairmanship", N_("rule of the chair")},
    {"commitment", N_("commitment")}, {"assessment", N_("assessment")},
};

/* ---- Pieces ---------------------------------------------------------------------- */

/* What a submission deposits, as a list: each action (its type, of which
** document, the instrument's own date) and each self-report. */
static void put_records(Buf *p, const json_t *pSub, const json_t *pDocs) {
  const json_t *pRecords = json_object_get(pSub, "records");
  size_t i;
  json_t *a;
  buf_puts(p, "<ul class=\"plain\">");
  json_array_foreach(json_object_get(pRecords, "actions"), i, a) {
    Buf type = {0}, link = {0};
    html_escape(&type, desk_word(str(a, "type")));
    put_link(&link, "documents", pDocs, str(a, "document"), "title");
    buf_puts(p, "<li>");
    /* TRANSLATORS: an action of a document: "ratification of <the document's link>" */
    desk_html(p, _("%s of %s"), type.z, link.z);
    if (str(a, "instrument_date")) {
      Buf day = {0};
      i18n_date_iso(&day, str(a, "instrument_date"));
      buf_puts(p, " <span class=\"muted small\">(");
      hprintf(p, _("instrument of %s"), day.z);
      buf_puts(p, ")</span>");
      buf_free(&day);
    }
    buf_puts(p, "</li>");
    buf_free(&type);
    buf_free(&link);
  }
  json_array_foreach(json_object_get(pRecords, "assessments"), i, a) {
    Buf link = {0};
    hprintf(&link, "<a href=\"/commitments/%s\">%s</a>", dflt(str(a, "commitment"), ""),
            dflt(str(a, "commitment"), ""));
    buf_puts(p, "<li>");
    desk_html(p, _("self-report on commitment %s"), link.z);
    buf_puts(p, " <span class=\"muted small\">(");
    hprintf(p, _("score %lld"), (long long)json_integer_value(json_object_get(a, "score")));
    buf_puts(p, ")</span></li>");
    buf_free(&link);
  }
  buf_puts(p, "</ul>");
}

/* The consistency checks' findings on a submission, or "none": with pDb,
** what they find now in its records, in the page's language (errors first:
** the registry may have moved since it came in); else, or when the registry
** is busy, the warnings stored when it came in. */
static void put_warnings(Buf *p, Db *pDb, const json_t *pSub) {
  json_t *aNow = pDb ? submission_findings_now(pDb, pSub) : 0;
  const json_t *aWarn = aNow ? aNow : json_object_get(pSub, "warnings");
  size_t i, nShown = 0;
  json_t *w;
  for (int pass = 0; pass < 2; pass++) {
    json_array_foreach(aWarn, i, w) {
      bool bError = strcmp(dflt(str(w, "severity"), ""), "error") == 0;
      if (bError != (pass == 0) || json_is_true(json_object_get(w, "existing"))) continue;
      buf_puts(p, nShown++ ? "<li>" : "<ul class=\"plain\"><li>");
      if (bError) hprintf(p, "<strong class=\"flag\">%s:</strong> ", dflt(term("error"), "error"));
      /* Without "kind key: field: " in front: the record is shown above. */
      hprintf(p, "%s <small>(%s)</small></li>", form_finding_message(w), dflt(str(w, "code"), ""));
    }
  }
  if (nShown)
    buf_puts(p, "</ul>");
  else
    hprintf(p, "<span class=\"muted\">%s</span>", _("none"));
  json_decref(aNow);
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
  /* The kind's word, then the key (a code). */
  const char *zWord = zKind;
  for (size_t i = 0; i < sizeof(aNewKind) / sizeof(aNewKind[0]); i++)
    if (!strcmp(aNewKind[i].zKind, zKind)) zWord = _(aNewKind[i].zLabel);
  if (!strcmp(zKind, "submission")) zWord = _("submission");
  if (zPath)
    hprintf(p, "<a href=\"/%s/%s\">%s <span class=\"code\">%s</span></a>", zPath, zFirst, zWord,
            zKey);
  else
    hprintf(p, "%s <span class=\"code\">%s</span>", zWord, zKey);
}

/* ---- The depositary's desk --------------------------------------------------------- */

/* What was typed into a submission's forms when its decision was refused,
** shown again in them. */
typedef struct Typed {
  const char *zId, *zDate, *zReason;
} Typed;

/* ' value="z"' when z is set. */
static void put_value_attr(Buf *p, const char *z) {
  if (z && *z) hprintf(p, " value=\"%s\"", z);
}

/* One pending submission, with its two forms (pTyped: what was typed in
** them, when it is this one's). */
static void pending_item(Buf *p, Db *pDb, const json_t *s, const json_t *pParties,
                         const json_t *pDocs, const char *zCsrf, const Typed *pTyped) {
  const char *zId = dflt(str(s, "id"), "");
  if (pTyped && (!pTyped->zId || strcmp(pTyped->zId, zId) != 0)) pTyped = 0;
  char zDay[DATE_BUFSZ] = "";
  strncat(zDay, dflt(str(s, "received"), ""), DATE_BUFSZ - 1);
  hprintf(p, "<article class=\"sub\" aria-labelledby=\"h-%s\"><h3 id=\"h-%s\">", zId, zId);
  put_party(p, pParties, str(s, "party"));
  hprintf(p, " <span class=\"code\">%s</span></h3><dl class=\"facts\"><dt>%s</dt><dd>", zId,
          _("Deposits"));
  put_records(p, s, pDocs);
  hprintf(p, "</dd><dt>%s</dt><dd>", _("Received"));
  form_put_received(p, str(s, "received"));
  buf_puts(p, " ");
  hprintf(p, _("from %s"), dflt(str(s, "submitted_by"), ""));
  hprintf(p, "</dd><dt>%s</dt><dd>", _("Warnings"));
  put_warnings(p, pDb, s);
  buf_puts(p, "</dd></dl><div class=\"decide\">");
  Buf day = {0};
  i18n_date_iso(&day, zDay);
  hprintf(p, "<form method=\"post\" action=\"/desk/submissions/%s/accept\" aria-label=\"", zId);
  hprintf(p, _("Accept %s"), zId);
  hprintf(p,
          "\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
          "<div><label for=\"date-%s\">%s <span class=\"muted\">%s</span>"
          "</label><input type=\"date\" id=\"date-%s\" name=\"date\" "
          "aria-describedby=\"date-hint-%s\"",
          zCsrf, zId, _("Date of deposit"), _("(optional)"), zId, zId);
  put_value_attr(p, pTyped ? pTyped->zDate : 0);
  hprintf(p, "><p class=\"hint\" id=\"date-hint-%s\">", zId);
  hprintf(p, _("Empty: the day it was received (%s)."), day.z);
  hprintf(p,
          "</p></div><div><label for=\"why-%s\">%s <span class=\"muted\">%s</span></label>"
          "<input id=\"why-%s\" name=\"reason\" autocomplete=\"off\"",
          zId, _("Reason"), _("(optional)"), zId);
  put_value_attr(p, pTyped ? pTyped->zReason : 0);
  hprintf(p, "></div><div><button type=\"submit\">%s</button></div></form>", _("Accept"));
  buf_free(&day);
  hprintf(p, "<form method=\"post\" action=\"/desk/submissions/%s/reject\" aria-label=\"", zId);
  hprintf(p, _("Reject %s"), zId);
  hprintf(p,
          "\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
          "<div><label for=\"no-%s\">%s</label>"
          "<textarea id=\"no-%s\" name=\"reason\" rows=\"2\" required "
          "aria-describedby=\"no-hint-%s\"></textarea><p class=\"hint\" id=\"no-hint-%s\">"
          "%s</p></div>"
          "<div><button type=\"submit\" class=\"reject\">%s</button></div></form>",
          zCsrf, zId, _("Reason for rejecting"), zId, zId, zId,
          _("Required: the submitting party reads it."), _("Reject"));
  buf_puts(p, "</div></article>");
}

static void desk_pending(Buf *p, Db *pDb, const char *zCsrf, const Typed *pTyped) {
  json_t *a = submission_list(pDb, 0, "pending");
  size_t n = json_array_size(a);
  hprintf(p, "<section aria-labelledby=\"pending\"><h2 id=\"pending\">%s</h2>",
          _("Pending submissions"));
  if (!n) {
    hprintf(p, "<p class=\"muted\">%s</p>", _("No submission is waiting for a decision."));
  } else {
    buf_puts(p, "<p>");
    i18n_plural(p,
                _("{0, plural, one{# submission waiting} other{# submissions waiting}}, newest "
                  "first."),
                (long long)n);
    hprintf(p, " %s</p>",
            _("Accepting one writes its records as the depositary's and numbers a depositary "
              "notification; rejecting one sends the reason to the party."));
    json_t *pParties = entity_map(pDb, K_PARTY, "code");
    json_t *pDocs = entity_map(pDb, K_DOCUMENT, "id");
    size_t i;
    json_t *s;
    json_array_foreach(a, i, s) pending_item(p, pDb, s, pParties, pDocs, zCsrf, pTyped);
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
  hprintf(p, "<section aria-labelledby=\"findings\"><h2 id=\"findings\">%s</h2><p>",
          _("Open findings"));
  Buf errors = {0}, warnings = {0};
  i18n_plural(&errors, _("{0, plural, one{# error} other{# errors}}"), (long long)nError);
  i18n_plural(&warnings, _("{0, plural, one{# warning} other{# warnings}}"),
              (long long)(n - nError));
  hprintf(p, _("The consistency checks find %s and %s in the registry."), errors.z, warnings.z);
  hprintf(p, " <a href=\"/checks\">%s</a>.</p>", _("All findings"));
  buf_free(&errors);
  buf_free(&warnings);
  if (n) {
    Buf cap = {0};
    if (n > DESK_FINDINGS)
      buf_printf(&cap, _("The first %d findings, errors first"), DESK_FINDINGS);
    else
      buf_puts(&cap, _("The findings, errors first"));
    table_begin(p, cap.z, _("Severity|Check|Record|What is wrong"));
    buf_free(&cap);
    for (i = 0; i < n && i < DESK_FINDINGS; i++) {
      f = json_array_get(a, i);
      bool bError = strcmp(dflt(str(f, "severity"), ""), "error") == 0;
      hprintf(p, "<tr><td><span class=\"badge %s\">%s</span></td><td><code>%s</code></td><td>",
              bError ? "k-suspended" : "k-observer",
              bError ? P_("severity", "error") : P_("severity", "warning"),
              dflt(str(f, "code"), ""));
      put_finding_record(p, f);
      /* The message without "KIND KEY: FIELD: " (the record is beside it). */
      const char *zMsg = dflt(str(f, "message"), "");
      Buf pre = {0};
      buf_printf(&pre, "%s %s: ", dflt(str(f, "kind"), ""), dflt(str(f, "key"), ""));
      if (str(f, "field")) buf_printf(&pre, "%s: ", str(f, "field"));
      if (strncmp(zMsg, pre.z, pre.n) == 0) {
        zMsg += pre.n;
      } else {
        const char *zAfter = strstr(zMsg, ": ");
        if (zAfter) zMsg = zAfter + 2;
      }
      buf_free(&pre);
      hprintf(p, "</td><td class=\"msg\">%s</td></tr>", zMsg);
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
  hprintf(p, "<section aria-labelledby=\"ahead\"><h2 id=\"ahead\">%s</h2>", _("Ahead"));

  json_t *aSession = entity_list(pDb, K_SESSION, 0);
  json_t *pBodies = entity_map(pDb, K_BODY, "id");
  size_t n;
  json_t **ap = dated(aSession, "date", zToday, 0, compare_session, &n);
  if (!n) {
    hprintf(p, "<p class=\"muted\">%s <a href=\"/sessions\">%s</a>.</p>",
            _("No session is recorded from today on."), _("All sessions"));
  } else {
    table_begin(p, _("Sessions from today on"), _("Date|Body|Place|Format"));
    for (size_t i = 0; i < n; i++) {
      const json_t *s = ap[i];
      hprintf(p, "<tr><td class=\"nw\"><a href=\"/sessions/%s\">", dflt(str(s, "id"), ""));
      put_date(p, str(s, "date"));
      buf_puts(p, "</a></td><td>");
      put_link(p, "bodies", pBodies, str(s, "body"), "name");
      buf_puts(p, "</td><td>");
      if (str(s, "place"))
        put_place(p, pDb, str(s, "place"));
      else
        html_escape(p, _("not stated"));
      buf_puts(p, "</td><td>");
      if (str(s, "format")) html_escape(p, desk_word(str(s, "format")));
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
    Buf end = {0};
    i18n_date_iso(&end, zEnd);
    buf_puts(p, "<p class=\"muted\">");
    hprintf(p, _("No commitment falls due between today and %s."), end.z);
    buf_puts(p, "</p>");
    buf_free(&end);
  } else {
    Buf end = {0}, cap = {0};
    i18n_date_iso(&end, zEnd);
    buf_printf(&cap, _("Commitment deadlines until %s"), end.z);
    table_begin(p, cap.z, _("Deadline|Commitment|Organization"));
    buf_free(&end);
    buf_free(&cap);
    for (size_t i = 0; i < n; i++) {
      const json_t *c = ap[i];
      buf_puts(p, "<tr><td class=\"nw\">");
      put_date(p, str(c, "deadline"));
      hprintf(p, "</td><td><a href=\"/commitments/%s\">", dflt(str(c, "id"), ""));
      put_name(p, json_object_get(c, "text"), dflt(str(c, "id"), ""));
      hprintf(p, "</a></td><td>%s</td></tr>", dflt(str(c, "organization"), ""));
    }
    table_end(p);
  }
  xfree(ap);
  json_decref(aCommit);
  buf_puts(p, "</section>");
}

static void desk_create(Buf *p) {
  hprintf(p, "<section aria-labelledby=\"create\"><h2 id=\"create\">%s</h2><ul class=\"links\">",
          _("Create a record"));
  for (size_t i = 0; i < sizeof(aNewKind) / sizeof(aNewKind[0]); i++)
    hprintf(p, "<li><a href=\"/desk/new/%s\">%s</a></li>", aNewKind[i].zKind,
            _(aNewKind[i].zLabel));
  buf_puts(p, "</ul><p>");
  buf_puts(p, _("Or <a href=\"/record\">record an action</a> with any past date, or "
                "<a href=\"/ingest\">draft a session from a press release</a>."));
  buf_puts(p, "</p></section>");
}

/* ---- A delegate's desk ----------------------------------------------------------------- */

static void desk_delegate(Buf *p, Db *pDb, const Caller *c) {
  json_t *a = submission_list(pDb, c->zParty, 0);
  json_t *pParties = entity_map(pDb, K_PARTY, "code");
  json_t *pDocs = entity_map(pDb, K_DOCUMENT, "id");
  hprintf(p, "<section aria-labelledby=\"mine\"><h2 id=\"mine\">%s</h2>", _("Your submissions"));
  if (!json_array_size(a)) {
    buf_puts(p, "<p class=\"muted\">");
    hprintf(p, _("%s has submitted nothing yet."),
            name_here(json_object_get(json_object_get(pParties, c->zParty), "name"), c->zParty));
    buf_puts(p, "</p>");
  } else {
    Buf cap = {0};
    buf_printf(&cap, _("Submissions of %s, newest first"), c->zParty);
    table_begin(p, cap.z, _("Submission|Deposits|Received|Status|Outcome"));
    buf_free(&cap);
    size_t i;
    json_t *s;
    json_array_foreach(a, i, s) {
      const char *zStatus = dflt(str(s, "status"), "");
      const json_t *d = json_object_get(s, "decision");
      hprintf(p, "<tr><td class=\"nw\"><code>%s</code></td><td>", dflt(str(s, "id"), ""));
      put_records(p, s, pDocs);
      buf_puts(p, "</td><td>");
      form_put_received(p, str(s, "received"));
      buf_puts(p, "</td><td>");
      hprintf(p, "<span class=\"badge st-%s\">%s</span>", zStatus, desk_word(zStatus));
      buf_puts(p, "</td><td>");
      if (!strcmp(zStatus, "accepted")) {
        Buf day = {0};
        put_date(&day, str(d, "date"));
        Buf num = {0};
        hprintf(&num, "<strong>%s</strong>", dflt(str(d, "notification"), ""));
        desk_html(p, _("Depositary notification %s, deposited on %s"), num.z, day.z);
        buf_free(&num);
        buf_free(&day);
        if (str(d, "reason")) hprintf(p, ": %s", str(d, "reason"));
      } else if (!strcmp(zStatus, "rejected")) {
        hprintf(p, _("Rejected by %s: %s"), dflt(str(d, "by"), _("the depositary")),
                dflt(str(d, "reason"), ""));
      } else {
        hprintf(p, "<span class=\"muted\">%s</span>", _("The depositary has not decided yet."));
        if (json_array_size(json_object_get(s, "warnings"))) {
          hprintf(p, " %s ", _("Warnings:"));
          put_warnings(p, 0, s); /* as stored: in the language they were sent in */
        }
      }
      buf_puts(p, "</td></tr>");
    }
    table_end(p);
  }
  hprintf(p,
          "</section><section aria-labelledby=\"forms\"><h2 id=\"forms\">%s</h2>"
          "<ul class=\"links\"><li><a href=\"/desk/new/action\">%s</a> %s</li><li><a "
          "href=\"/desk/new/assessment\">%s</a></li></ul><p class=\"hint\">%s</p></section>",
          _("Submit"), _("An instrument or a notification"),
          _("(ratification, accession, reservation, declaration, withdrawal)"),
          _("A self-report on a commitment"),
          _("A submission changes nothing in the record until the depositary accepts it."));
  json_decref(a);
  json_decref(pParties);
  json_decref(pDocs);
}

/* ---- The page ----------------------------------------------------------------------- */

/* The desk of the signed-in caller, under a notice (zNotice: HTML) when
** there is one. */
static void desk_page(Req *pReq, Resp *r, int status, const char *zCsrf, bool bOk,
                      const char *zNotice, const Typed *pTyped) {
  const Caller *c = &pReq->caller;
  bool bDepositary = c->role == ROLE_DEPOSITARY;
  Buf b = {0};
  pages_begin(&b, pReq, _("Desk"), "/desk");
  hprintf(&b, "<h1>%s</h1>", bDepositary ? _("The depositary's desk") : _("Your desk"));
  buf_puts(&b, "<p class=\"lede\">");
  if (bDepositary)
    hprintf(&b,
            _("Signed in as <strong>%s</strong>, the depositary: what waits for a decision, what "
              "the checks find, what is ahead."),
            c->zName);
  else
    hprintf(&b,
            _("Signed in as <strong>%s</strong>, delegate of %s: what your party has submitted "
              "and what the depositary decided."),
            c->zName, c->zParty);
  buf_puts(&b, "</p>");
  if (zNotice) form_notice(&b, bOk, zNotice);
  if (bDepositary) {
    desk_pending(&b, pReq->pDb, zCsrf, pTyped);
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
  desk_page(pReq, r, 200, zCsrf, true, 0, 0);
}

/* "Nothing was decided." in bold, and a blank. */
static void nothing_decided(Buf *pMsg) {
  hprintf(pMsg, "<strong>%s</strong> ", _("Nothing was decided."));
}

/* The notice of a decision taken (SUBMIT_OK) or refused; the status. */
static int decision_notice(Buf *pMsg, Db *pDb, SubmitResult rc, const char *zId, bool bAccept,
                           const json_t *pOut, const char *zWhy) {
  size_t i;
  json_t *x;
  switch (rc) {
  case SUBMIT_OK: {
    const json_t *d = json_object_get(pOut, "decision");
    if (bAccept) {
      Buf day = {0};
      i18n_date_iso(&day, dflt(str(d, "date"), ""));
      /* The party and each document by their names in the page's language. */
      json_t *pParty = entity_get(pDb, K_PARTY, dflt(str(pOut, "party"), ""));
      hprintf(pMsg,
              _("<strong>Accepted</strong> <code>%s</code> of %s: depositary notification "
                "<strong>%s</strong>, deposited on %s"),
              zId, name_here(json_object_get(pParty, "name"), dflt(str(pOut, "party"), "")),
              dflt(str(d, "notification"), ""), day.z);
      json_decref(pParty);
      html_period(pMsg); /* none after «1 ноября 2026 г.» */
      buf_free(&day);
      Buf see = {0};
      hprintf(&see, " %s ", _("See"));
      const char *zSep = see.z;
      json_array_foreach(json_object_get(json_object_get(pOut, "records"), "actions"), i, x) {
        const char *zDoc = dflt(str(x, "document"), "");
        json_t *pDoc = entity_get(pDb, K_DOCUMENT, zDoc);
        hprintf(pMsg, "%s<a href=\"/documents/%s\">%s</a>", zSep, zDoc,
                name_here(json_object_get(pDoc, "title"), zDoc));
        json_decref(pDoc);
        zSep = ", ";
      }
      if (strcmp(zSep, ", ") == 0) buf_puts(pMsg, ".");
      buf_free(&see);
    } else {
      json_t *pParty = entity_get(pDb, K_PARTY, dflt(str(pOut, "party"), ""));
      hprintf(pMsg,
              _("<strong>Rejected</strong> <code>%s</code> of %s. The party reads the reason: "
                "%s"),
              zId, name_here(json_object_get(pParty, "name"), dflt(str(pOut, "party"), "")),
              dflt(str(d, "reason"), ""));
      json_decref(pParty);
    }
    return 200;
  }
  case SUBMIT_UNKNOWN:
    nothing_decided(pMsg);
    hprintf(pMsg, _("There is no submission %s."), zId);
    return 404;
  case SUBMIT_DECIDED:
    nothing_decided(pMsg);
    hprintf(pMsg, _("The submission %s."), zWhy);
    return 409;
  case SUBMIT_FORBIDDEN:
    nothing_decided(pMsg);
    hprintf(pMsg, "%s.", zWhy);
    return 403;
  case SUBMIT_BUSY:
    nothing_decided(pMsg);
    buf_puts(pMsg, _("The registry is busy with another writer; decide again in a moment."));
    return 503;
  case SUBMIT_INCONSISTENT: {
    nothing_decided(pMsg);
    hprintf(pMsg, _("Accepting %s would contradict the registry; it stays pending:"), zId);
    buf_puts(pMsg, "<ul>");
    bool bAny = false;
    json_array_foreach(json_object_get(pOut, "findings"), i, x) {
      if (strcmp(dflt(str(x, "severity"), ""), "error") != 0 ||
          json_is_true(json_object_get(x, "existing")))
        continue;
      hprintf(pMsg, "<li>%s <small>(%s)</small></li>", form_finding_message(x),
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
    nothing_decided(pMsg);
    buf_puts(pMsg, "<ul>");
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
    Buf b = {0}, msg = {0};
    pages_begin(&b, pReq, _("Sign in"), 0);
    hprintf(&b, "<h1>%s</h1>", _("Sign in"));
    nothing_decided(&msg);
    hprintf(&msg, "%s <a href=\"/login?next=/desk\">%s</a>.",
            _("Only the depositary, signed in, accepts or rejects a submission."), _("Sign in"));
    form_notice(&b, false, msg.z);
    buf_free(&msg);
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
    Buf msg = {0};
    nothing_decided(&msg);
    hprintf(&msg, "%s", _("Only the depositary accepts or rejects a submission."));
    desk_page(pReq, r, 403, zCsrf, false, msg.z, 0);
    buf_free(&msg);
  } else if (!zType || strncmp(zType, "application/x-www-form-urlencoded", 33) != 0) {
    page_error(pReq, r, 415, _("Unsupported form"),
               _("Expected Content-Type: application/x-www-form-urlencoded."));
  } else if (!csrf_ok(pReq, &f, zCsrf)) {
    csrf_new(r, "/desk", zCsrf);
    Buf msg = {0};
    nothing_decided(&msg);
    hprintf(&msg, "%s",
            _("The form had expired or did not come from this desk (its security code did not "
              "match). Decide again below."));
    desk_page(pReq, r, 403, zCsrf, false, msg.z, 0);
    buf_free(&msg);
  } else if (f.bBad) {
    Buf msg = {0};
    nothing_decided(&msg);
    hprintf(&msg, "%s", _("The form was not valid text."));
    desk_page(pReq, r, 400, zCsrf, false, msg.z, 0);
    buf_free(&msg);
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
      nothing_decided(&msg);
      hprintf(&msg, _("A rejection needs a reason, which the party reads: %s stays pending."), zId);
      status = 400;
    } else {
      json_t *pOut = 0;
      Buf why = {0};
      SubmitResult rc = submission_decide(pReq->pDb, pReq->caller.zName, zId, bAccept, zDate,
                                          zReason, &pOut, &why);
      status = decision_notice(&msg, pReq->pDb, rc, zId, bAccept, pOut, why.z ? why.z : "");
      json_decref(pOut);
      buf_free(&why);
    }
    /* Refused: what was typed stays in the submission's forms. */
    Typed typed = {zId, form_get(&f, "date"), form_get(&f, "reason")};
    desk_page(pReq, r, status, zCsrf, status == 200, msg.z, status == 200 ? 0 : &typed);
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
