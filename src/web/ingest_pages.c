/*
** Ingest over HTTP. POST /api/v1/ingest drafts a session record from a
** press release (the request body, text or HTML) as `pacta ingest --json`
** does, and writes nothing. The page /ingest takes a pasted release, shows
** the draft field by field with the words each came from, and loads it
** through the journal when the person confirming gives a depositary token.
** The draft is made again from the posted text when loading: ingest is
** deterministic, so what is loaded is what was shown.
**
** Drafting is the costly part of the API: a release is at most 1 MiB (the
** route's INGEST_MAX_BODY: the server refuses a larger body), and
** at most INGEST_AT_ONCE drafts are made at once for callers without a
** depositary token (anonymous or delegates); one more is answered 429 with
** Retry-After, so a crowd of them cannot take every thread of the server.
**
** The page's words are in its language (i18n.h), the draft's fields and
** codes among them; each field also shows its key in the interchange
** format, which the merge's conflicts and the JSON below name.
*/
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "date.h"
#include "entity.h"
#include "fields.h"
#include "form.h"
#include "gazetteer.h"
#include "ingest.h"
#include "interchange.h"
#include "kind.h"
#include "page.h"
#include "publish.h"
#include "routes.h"
#include "registry.h"
#include "term.h"

#define INGEST_AT_ONCE 2 /* drafts without a depositary token, over all threads */

static atomic_int g_nDrafting; /* drafts without a depositary token being made now */

/* The draft of zText published on zPublished, with the date and place given
** (any may be NULL or empty); NULL with the reason in *pErr, or NULL with *pBusy set when the
** draft is limited (no depositary token) and INGEST_AT_ONCE are being made.
** The slot is taken after the gazetteer is read: a failing read leaves the
** request by a longjmp (server.c), which would not give it back; drafting
** itself reads no database. */
static json_t *draft(Db *pDb, bool bLimited, const char *zName, const char *zText, size_t nText,
                     const char *zPublished, const char *zDate, const char *zPlace, Buf *pErr,
                     bool *pBusy) {
  *pBusy = bLimited && atomic_load(&g_nDrafting) >= INGEST_AT_ONCE;
  if (*pBusy) return 0; /* before reading the gazetteer */
  Gazetteer g;
  gazetteer_load(pDb, &g);
  if (bLimited && atomic_fetch_add(&g_nDrafting, 1) >= INGEST_AT_ONCE) {
    atomic_fetch_sub(&g_nDrafting, 1);
    gazetteer_free(&g);
    *pBusy = true;
    return 0;
  }
  json_t *p =
      ingest_draft(&g, zName, zText, nText, zPublished && *zPublished ? zPublished : 0, pErr);
  if (bLimited) atomic_fetch_sub(&g_nDrafting, 1);
  gazetteer_free(&g);
  if (p && zDate && *zDate) ingest_give(p, "date", zDate, N_("given with the date field"));
  if (p && zPlace && *zPlace) ingest_give(p, "place", zPlace, N_("given with the place field"));
  return p;
}

/* ---- POST /api/v1/ingest ------------------------------------------------------------ */

void api_post_ingest(Req *pReq, Resp *r) {
  const char *zType = pReq->zHeaderContentType;
  if (!zType || (strncmp(zType, "text/plain", 10) != 0 && strncmp(zType, "text/html", 9) != 0)) {
    resp_error(r, 415, "unsupported_media_type",
               "expected Content-Type: text/plain or text/html (the press release)");
    return;
  }
  if (pReq->caller.bBadToken) {
    resp_error(r, 401, "unauthorized", "%s", req_bad_token(pReq));
    return;
  }
  const char *zDate = req_arg(pReq, "date"), *zPlace = req_arg(pReq, "place");
  const char *zPublished = req_arg(pReq, "published");
  if (zDate && !date_optional_valid(zDate)) {
    resp_error(r, 400, "bad_date", "query parameter date: expected a real date YYYY-MM-DD");
    return;
  }
  if (zPublished && !date_optional_valid(zPublished)) {
    resp_error(r, 400, "bad_date",
               "query parameter published: expected the release's publication date as a real "
               "date YYYY-MM-DD");
    return;
  }
  if (zPlace && !*zPlace) {
    resp_error(r, 400, "bad_parameter", "query parameter place: expected a city");
    return;
  }
  const char *zName = req_arg(pReq, "name");
  Buf err = {0};
  bool bBusy;
  json_t *p = draft(pReq->pDb, pReq->caller.role != ROLE_DEPOSITARY,
                    zName && *zName ? zName : "request body", pReq->zBody ? pReq->zBody : "",
                    pReq->nBody, zPublished, zDate, zPlace, &err, &bBusy);
  if (bBusy) {
    resp_error(r, 429, "too_many_requests",
               "%d press releases are being drafted for callers without a depositary token; "
               "try again in a second",
               INGEST_AT_ONCE);
    r->nRetryAfter = 1;
  } else if (!p) {
    resp_error(r, 400, "bad_input", "%s", err.z ? err.z : "not a press release");
  } else {
    resp_json(r, 200, p);
  }
  json_decref(p);
  buf_free(&err);
}

/* ---- The page ----------------------------------------------------------------------- */

static void text_form(Buf *p, const char *zCsrf, const char *zText, const char *zPublished,
                      const char *zDate, const char *zPlace) {
  hprintf(p,
          "<form method=\"post\" action=\"/ingest\" class=\"fields\">"
          "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
          "<div><label for=\"text\">%s</label><textarea id=\"text\" name=\"text\" "
          "rows=\"12\" required aria-describedby=\"text-hint\">%s</textarea><p class=\"hint\" "
          "id=\"text-hint\">%s</p></div>",
          zCsrf, _("Press release"), zText ? zText : "",
          _("Plain text or HTML, in English, Russian or both."));
  hprintf(p,
          "<div><label for=\"published\">%s <span class=\"muted\">%s</span></label>"
          "<input type=\"date\" id=\"published\" name=\"published\" value=\"%s\" "
          "aria-describedby=\"published-hint\"><p class=\"hint\" id=\"published-hint\">%s</p>"
          "</div>",
          _("Published on"), _("(optional)"), zPublished ? zPublished : "",
          _("The day the release was published (it is on its page): a date the text gives "
            "without its year, and words like \"yesterday\" or \"on Friday\", are read from "
            "it."));
  hprintf(p,
          "<div><label for=\"date\">%s <span class=\"muted\">%s</span></label>"
          "<input type=\"date\" id=\"date\" name=\"date\" value=\"%s\" "
          "aria-describedby=\"date-hint\"><p class=\"hint\" id=\"date-hint\">%s</p></div>"
          "<div><label for=\"place\">%s <span class=\"muted\">%s</span></label>"
          "<input id=\"place\" name=\"place\" value=\"%s\"></div>"
          "<div><button type=\"submit\" name=\"action\" value=\"draft\">%s"
          "</button></div></form>",
          _("Date"), _("(optional)"), zDate ? zDate : "",
          _("Only when the release does not give the session's date, or gives it wrong: it wins "
            "over the text."),
          _("Place"), _("(optional)"), zPlace ? zPlace : "", _("Draft the session"));
}

/* The words of a draft's field or of a detail's member ("date",
** "next.place", "speaker"), or NULL for one shown as it is. */
static const char *field_words(const char *zKey) {
  static const struct {
    const char *zKey, *zName;
  } aName[] = {
      {"id", N_("Identifier")},
      {"body", N_("Body")},
      {"number", N_("Number")},
      {"date", N_("Date")},
      {"place", N_("Place")},
      {"format", N_("Format")},
      {"next.date", N_("Next session: date")},
      {"next.place", N_("Next session: place")},
      {"party", N_("Party")},
      {"status", N_("Attendance")},
      {"by", N_("By")},
      {"role", N_("Role")},
      {"document", N_("Document")},
      {"speaker", N_("Speaker")},
      {"title", N_("Title")},
      {"organization", N_("Organization")},
  };
  for (size_t i = 0; i < sizeof(aName) / sizeof(aName[0]); i++)
    if (strcmp(zKey, aName[i].zKey) == 0) return _(aName[i].zName);
  if (strcmp(zKey, "name") == 0) return P_("person", "Name"); /* a speaker's */
  return 0;
}

/* A field's value as words: a string as it is; an attendance entry as its
** status in the page's language, then by whom; another object as "name:
** value" pairs; anything else as compact JSON. The status agrees with the
** party's name in pParties («Армения отсутствовала»). */
static void put_value(Buf *p, const json_t *pParties, const json_t *v) {
  if (!v || json_is_null(v)) {
    hprintf(p, "<span class=\"muted\">%s</span>", _("none"));
  } else if (json_is_string(v)) {
    put_text(p, json_string_value(v));
  } else if (json_is_object(v) && str(v, "party") && str(v, "status")) {
    const json_t *pParty = json_object_get(pParties, str(v, "party"));
    put_words_in(p, term_agreement(name_here(json_object_get(pParty, "name"), 0)),
                 str(v, "status"));
    if (str(v, "by")) {
      buf_puts(p, ", ");
      put_text(p, str(v, "by"));
    }
    if (str(v, "role")) {
      buf_puts(p, " (");
      put_text(p, str(v, "role"));
      buf_puts(p, ")");
    }
  } else if (json_is_object(v)) {
    const char *zKey;
    json_t *pVal;
    const char *zSep = "";
    json_object_foreach((json_t *)v, zKey, pVal) {
      const char *zName = field_words(zKey);
      hprintf(p, "%s%s: ", zSep, zName ? zName : zKey);
      put_value(p, pParties, pVal);
      zSep = ", ";
    }
  } else {
    char *z = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    hprintf(p, "%s", z ? z : "");
    xfree(z);
  }
}

/* A draft's field by its name in the page's language ("Place", a party's
** name, "Document 2"), then its key (place, attendance.KAZ, documents[1]). */
static void put_field_name(Buf *p, const json_t *pParties, const char *zKey) {
  /* the lists' items, numbered from 1 */
  static const struct {
    const char *zFormat, *zMsg;
  } aItem[] = {
      {"documents[%u]", N_("Document {0}")},
      {"quotes[%u]", N_("Quotation {0}")},
      {"speakers[%u]", N_("Speaker {0}")},
  };
  const char *zName = field_words(zKey);
  if (zName) {
    hprintf(p, "%s", zName);
  } else if (strncmp(zKey, "attendance.", 11) == 0) {
    put_party_name(p, pParties, zKey + 11);
  } else {
    size_t i = 0;
    unsigned k = 0;
    while (i < sizeof(aItem) / sizeof(aItem[0]) &&
           !(sscanf(zKey, aItem[i].zFormat, &k) == 1 && k < 100000))
      i++;
    if (i < sizeof(aItem) / sizeof(aItem[0])) {
      char zNum[16];
      snprintf(zNum, sizeof(zNum), "%u", k + 1);
      put_msg(p, _(aItem[i].zMsg), zNum);
    } else {
      hprintf(p, "%s", zKey);
    }
  }
  hprintf(p, " <span class=\"code\">%s</span>", zKey);
}

/* The value the session record holds for an evidence key, else the
** evidence's own details (speakers, quotes, chair changes), else NULL. */
static const json_t *field_value(const json_t *s, const char *zKey, const json_t *pDetail) {
  if (strncmp(zKey, "attendance.", 11) == 0) {
    const json_t *a = json_object_get(s, "attendance");
    for (size_t i = 0; i < json_array_size(a); i++)
      if (strcmp(dflt(str(json_array_get(a, i), "party"), ""), zKey + 11) == 0)
        return json_array_get(a, i);
    return 0;
  }
  if (strcmp(zKey, "next.date") == 0 || strcmp(zKey, "next.place") == 0)
    return json_object_get(json_object_get(s, "next"), zKey + 5);
  if (json_object_get(s, zKey)) return json_object_get(s, zKey);
  return json_object_size(pDetail) ? pDetail : 0;
}

/* A field read with less confidence than this is marked for the reader to
** check against the text: on the corpus of real releases (docs/ingest.md) a
** value stated below it is wrong about one time in ten or more often. */
#define INGEST_CHECK_BELOW 0.7

static bool unsure(const char *zKey, const json_t *ev) {
  if (strncmp(zKey, "quotes[", 7) == 0) return false; /* what was said, not a field to load */
  const json_t *c = json_object_get(ev, "confidence");
  return json_is_number(c) && json_number_value(c) < INGEST_CHECK_BELOW;
}

static void draft_table(Buf *p, Db *pDb, const json_t *pDraft) {
  const json_t *s = json_object_get(pDraft, "session"), *pEv = json_object_get(pDraft, "evidence");
  size_t nUnsure = 0;
  const char *zK;
  json_t *pE;
  json_object_foreach((json_t *)pEv, zK, pE) nUnsure += unsure(zK, pE);
  if (nUnsure) {
    buf_puts(p, "<p class=\"notice\">");
    i18n_plural(p,
                _("{0, plural, one{# field was read with little confidence: check it against "
                  "the text before loading.} other{# fields were read with little confidence: "
                  "check them against the text before loading.}}"),
                (long long)nUnsure);
    hprintf(p, " %s</p>", _("They are marked \"check\" below."));
  }
  /* TRANSLATORS: the heads of the table's columns, separated by '|'. */
  table_begin(p, _("The draft, field by field"), _("Field|Value|From the text|Confidence"));
  buf_puts(p, "<tr><th scope=\"row\">");
  put_field_name(p, 0, "id");
  buf_puts(p, "</th><td>");
  put_value(p, 0, json_object_get(s, "id"));
  buf_puts(p, "</td><td></td><td></td></tr>");
  json_t *pParties = entity_map(pDb, K_PARTY, "code");
  const char *zKey;
  json_t *ev;
  json_object_foreach((json_t *)pEv, zKey, ev) {
    json_t *pDetail = json_deep_copy(ev);
    json_object_del(pDetail, "text");
    json_object_del(pDetail, "confidence");
    json_object_del(pDetail, "inferred");
    json_object_del(pDetail, "note");
    const json_t *v = field_value(s, zKey, pDetail);
    bool bCode = strcmp(zKey, "format") == 0 && json_is_string(v); /* a code: as words */
    bool bUnsure = unsure(zKey, ev);
    buf_puts(p, bUnsure ? "<tr class=\"unsure\">" : "<tr>");
    buf_puts(p, "<th scope=\"row\">");
    put_field_name(p, pParties, zKey);
    if (bUnsure) hprintf(p, " <span class=\"badge k-observer\">%s</span>", _("check"));
    buf_puts(p, "</th><td>");
    if (bCode)
      put_words(p, json_string_value(v));
    else
      put_value(p, pParties, v);
    if (strcmp(zKey, "body") == 0 && json_is_string(v)) {
      json_t *pBody = entity_get(pDb, K_BODY, json_string_value(v));
      const char *zOrg = str(pBody, "organization");
      if (pBody) {
        buf_puts(p, " <span class=\"muted\">(");
        put_name(p, json_object_get(pBody, "name"), "");
        hprintf(p, "%s%s)</span>", zOrg ? ", " : "", zOrg ? zOrg : "");
      }
      json_decref(pBody);
    }
    buf_puts(p, "</td><td>");
    const char *zSpan = str(ev, "text");
    if (zSpan) hprintf(p, "<q>%s</q>", zSpan);
    if (str(ev, "note")) {
      /* the note in the page's language; the draft's own stays English */
      char *zNote = ingest_note_text(str(ev, "note"));
      hprintf(p, " <span class=\"muted\">%s</span>", zNote);
      xfree(zNote);
    }
    hprintf(p, "</td><td class=\"num\">%d%%",
            (int)(json_number_value(json_object_get(ev, "confidence")) * 100 + 0.5));
    if (json_is_true(json_object_get(ev, "inferred"))) hprintf(p, " (%s)", _("inferred"));
    buf_puts(p, "</td></tr>");
    json_decref(pDetail);
  }
  json_decref(pParties);
  table_end(p);
  char *z = json_dumps(s, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  hprintf(p, "<details><summary>%s</summary><pre>%s</pre></details>",
          _("The session record as it would be loaded (interchange format)"), z ? z : "");
  xfree(z);
}

/* The merge's lists as an HTML list: "added attendance.KAZ: present". */
static void merge_list_html(Buf *p, const IngestMerge *m) {
  struct {
    const char *zWord;
    const json_t *a;
  } aList[] = {{N_("added"), m->aAdded},
               {N_("kept as recorded"), m->aKept},
               {N_("conflict"), m->aConflict},
               {N_("dropped"), m->aDropped}};
  size_t n = 0;
  for (size_t k = 0; k < sizeof(aList) / sizeof(aList[0]); k++) {
    for (size_t i = 0; i < json_array_size(aList[k].a); i++) {
      const json_t *e = json_array_get(aList[k].a, i);
      Buf w = {0};
      if (json_object_get(e, "value")) {
        ingest_merge_words(json_object_get(e, "value"), &w);
      } else {
        Buf r1 = {0}, r2 = {0};
        ingest_merge_words(json_object_get(e, "recorded"), &r1);
        ingest_merge_words(json_object_get(e, "release"), &r2);
        buf_printf(&w, _("recorded %s; in the release %s"), r1.z ? r1.z : "", r2.z ? r2.z : "");
        buf_free(&r1);
        buf_free(&r2);
      }
      if (!n++) buf_puts(p, "<ul class=\"merge\">");
      hprintf(p, "<li>%s <code>%s</code>: %s</li>", _(aList[k].zWord), dflt(str(e, "field"), ""),
              w.z ? w.z : "");
      buf_free(&w);
    }
  }
  if (n) buf_puts(p, "</ul>");
}

/* How a recorded session was found (IngestMerge.zMatch: "id", "body and
** date"...) as words. */
static void match_words(Buf *p, const char *zMatch) {
  static const struct {
    const char *zMatch, *zWords;
  } a[] = {{"id", N_("id")},
           {"body and date", N_("body and date")},
           {"body and number", N_("body and number")}};
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++)
    if (strcmp(a[i].zMatch, dflt(zMatch, "id")) == 0) {
      buf_puts(p, _(a[i].zWords));
      return;
    }
  buf_puts(p, zMatch);
}

/* Which recorded session the draft is about and how it was found, as HTML
** ("the recorded session <a>X</a> (the same body and date)"). */
static void merge_target_html(Buf *p, const IngestMerge *m) {
  const char *zRec = m->pRecorded ? str(m->pRecorded, "id") : 0;
  Buf how = {0};
  match_words(&how, m->zMatch);
  if (zRec) {
    hprintf(p, "%s <a href=\"/sessions/%s\">%s</a> ", _("the recorded session"), zRec, zRec);
    hprintf(p, _("(the same %s)"), how.z ? how.z : "");
  } else {
    hprintf(p, _("several recorded sessions (the same %s)"), how.z ? how.z : "");
  }
  buf_free(&how);
}

/* What loading would do to the session recorded about the draft. */
static void merge_preview(Buf *p, const IngestMerge *m) {
  if (!m->pRecorded && !json_array_size(m->aConflict)) return;
  hprintf(p, "<p>%s ", _("This session is already recorded: loading the draft merges it into"));
  merge_target_html(p, m);
  /* TRANSLATORS: HTML, after the session merged into; keep <strong>...</strong>. */
  if (json_array_size(m->aConflict))
    buf_puts(p, _(". The release <strong>conflicts</strong> with it, so it loads only if you "
                  "tick &#8220;replace the recorded session&#8221;:"));
  else if (m->bSame)
    buf_puts(p, _(". It adds nothing to it."));
  else
    buf_puts(p, _(", adding what the record lacks and keeping what the release does not "
                  "mention:"));
  buf_puts(p, "</p>");
  merge_list_html(p, m);
}

static void load_form(Buf *p, const Req *pReq, const char *zCsrf, const char *zText,
                      const char *zPublished, const char *zDate, const char *zPlace,
                      const IngestMerge *m) {
  hprintf(p, "<h2>%s</h2>", _("Load it"));
  merge_preview(p, m);
  hprintf(p,
          "<form method=\"post\" action=\"/ingest\" class=\"fields\">"
          "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
          "<textarea name=\"text\" hidden>%s</textarea>"
          "<input type=\"hidden\" name=\"published\" value=\"%s\">"
          "<input type=\"hidden\" name=\"date\" value=\"%s\">"
          "<input type=\"hidden\" name=\"place\" value=\"%s\">",
          zCsrf, zText, zPublished ? zPublished : "", zDate ? zDate : "", zPlace ? zPlace : "");
  /* TRANSLATORS: HTML; keep <code>pacta token create</code> as it is. */
  form_token_field(p, pReq,
                   _("A depositary token (created with <code>pacta token create</code>)."));
  if (m->pRecorded || json_array_size(m->aConflict))
    hprintf(p,
            "<div><label><input type=\"checkbox\" name=\"replace\" value=\"1\" "
            "style=\"width:auto;margin-right:.45rem\" aria-describedby=\"replace-hint\">"
            "%s</label><p class=\"hint\" id=\"replace-hint\">%s</p></div>",
            _("Replace the recorded session"),
            _("Only when the release is right where it conflicts with the record: the draft "
              "then replaces the recorded session, and what the record holds that the release "
              "does not say is dropped."));
  hprintf(p,
          "<div><button type=\"submit\" name=\"action\" value=\"load\">%s</button></div>"
          "</form>",
          _("Load the session record"));
}

static void ingest_page(Req *pReq, Resp *r, int status, const char *zCsrf, const Form *f, bool bOk,
                        const char *zNotice, const json_t *pDraft) {
  const char *zText = form_get(f, "text"), *zDate = form_get(f, "date"),
             *zPlace = form_get(f, "place"), *zPublished = form_get(f, "published");
  Buf b = {0};
  pages_begin(&b, pReq, _("Draft a session from a press release"), "/ingest");
  hprintf(&b, "<h1>%s</h1><p class=\"lede\">%s</p>", _("Draft a session from a press release"),
          _("Paste a press release: pacta drafts the session record (body, date, place, format, "
            "who was present or absent, documents adopted, the next session) and shows the words "
            "each field came from. Nothing is written until you load the draft."));
  if (zNotice) form_notice(&b, bOk, zNotice);
  if (pDraft) {
    draft_table(&b, pReq->pDb, pDraft);
    IngestLack lack = ingest_lack(pDraft);
    if (lack) {
      Buf m = {0};
      /* TRANSLATORS: HTML; keep <strong>...</strong>. */
      hprintf(&m, _("<strong>This draft cannot be loaded yet:</strong> %s."),
              _(ingest_lack_words(lack)));
      buf_putc(&m, ' ');
      buf_puts(&m, lack == INGEST_NO_DATE
                       ? _("Give the session's date in the form below and draft it again.")
                       : _("The registry's gazetteer knows no body named in the text."));
      form_notice(&b, false, m.z);
      buf_free(&m);
    } else {
      IngestMerge m;
      ingest_merge_find(pReq->pDb, 0, pDraft, false, &m);
      load_form(&b, pReq, zCsrf, zText ? zText : "", zPublished, zDate, zPlace, &m);
      ingest_merge_free(&m);
    }
    hprintf(&b, "<h2>%s</h2>", _("Change the text"));
  }
  text_form(&b, zCsrf, zText, zPublished, zDate, zPlace);
  pages_end(&b, pReq);
  page_send(r, status, &b, false);
}

void page_get_ingest(Req *pReq, Resp *r) {
  char zCsrf[33];
  csrf_new(r, "/ingest", zCsrf);
  ingest_page(pReq, r, 200, zCsrf, 0, false, 0, 0);
}

/* Load the draft through the journal as the token's holder. */
static void load_draft(Req *pReq, Resp *r, const char *zCsrf, const Form *f, json_t *pDraft) {
  Caller caller;
  form_caller(pReq, f, &caller);
  if (caller.role == ROLE_NONE) {
    ingest_page(pReq, r, 401, zCsrf, f, false,
                caller.bBadToken
                    ? _("<strong>Nothing was loaded.</strong> The token is unknown or has been "
                        "revoked.")
                    : _("<strong>Nothing was loaded.</strong> A token is needed."),
                pDraft);
    return;
  }
  IngestLack lack = ingest_lack(pDraft);
  LoadResult res;
  memset(&res, 0, sizeof(res));
  Buf m = {0};
  int status = 400;
  /* Ingest adds, it does not replace: the draft is merged into the session
  ** recorded about it; a conflict is refused unless the box is ticked. */
  const char *zReplace = form_get(f, "replace");
  bool bReplace = zReplace && *zReplace;
  IngestMerge mg;
  memset(&mg, 0, sizeof(mg));
  if (lack) {
    hprintf(&m, _("<strong>Nothing was loaded.</strong> The draft cannot be loaded: %s."),
            _(ingest_lack_words(lack)));
  } else {
    ingest_merge_find(pReq->pDb, 0, pDraft, bReplace, &mg);
    if (json_array_size(mg.aConflict) && !bReplace) {
      buf_puts(&m, _("<strong>Nothing was loaded.</strong> The release conflicts with"));
      buf_putc(&m, ' ');
      merge_target_html(&m, &mg);
      buf_puts(&m, ":");
      merge_list_html(&m, &mg);
      buf_puts(&m, _("Tick &#8220;replace the recorded session&#8221; to load the release in its "
                     "place."));
      status = 409;
    } else {
      status = form_load(pReq->pDb, &caller, "sessions", mg.pSession, _("Nothing was loaded."), &m,
                         &res);
    }
  }
  if (status < 300) {
    const char *zId = dflt(str(mg.pSession, "id"), "");
    if (res.nLoaded)
      hprintf(&m, _("<strong>Loaded</strong> as journal entry %lld by %s:"), (long long)res.lastSeq,
              caller.zName);
    else
      buf_puts(&m, _("<strong>Already recorded</strong>: this session was in the journal with "
                     "the same content, so nothing new was written:"));
    hprintf(&m, " <a href=\"/sessions/%s\">%s</a>.", zId, zId);
    if (mg.pRecorded && res.nLoaded) {
      Buf how = {0};
      match_words(&how, mg.zMatch);
      buf_putc(&m, ' ');
      hprintf(&m,
              mg.bReplaced ? _("The release replaced the session recorded (found by the same %s):")
                           : _("The release was merged into the session recorded (found by the "
                               "same %s):"),
              how.z ? how.z : "");
      buf_free(&how);
      merge_list_html(&m, &mg);
    }
  }
  ingest_page(pReq, r, status, zCsrf, f, status < 300, m.z, pDraft);
  ingest_merge_free(&mg);
  buf_free(&m);
}

void page_post_ingest(Req *pReq, Resp *r) {
  char zCsrf[33];
  const char *zType = pReq->zHeaderContentType;
  if (!zType || strncmp(zType, "application/x-www-form-urlencoded", 33) != 0) {
    resp_error(r, 415, "unsupported_media_type",
               "expected Content-Type: application/x-www-form-urlencoded");
    return;
  }
  Form f;
  form_parse(&f, pReq->zBody ? pReq->zBody : "", pReq->nBody);
  if (!csrf_ok(pReq, &f, zCsrf)) {
    csrf_new(r, "/ingest", zCsrf);
    ingest_page(pReq, r, 403, zCsrf, &f, false,
                _("<strong>Nothing was done.</strong> The form had expired or did not come from "
                  "this page (its security code did not match). Submit it again."),
                0);
    form_free(&f);
    return;
  }
  const char *zText = form_get(&f, "text"), *zDate = form_get(&f, "date"),
             *zPlace = form_get(&f, "place"), *zAction = form_get(&f, "action"),
             *zPublished = form_get(&f, "published");
  json_t *pDraft = 0;
  bool bBusy = false;
  Buf err = {0}, nul = {0};
  if (http_form_nul(pReq->zBody ? pReq->zBody : "", pReq->nBody, &nul)) {
    buf_printf(&err, _("the field %s holds an encoded NUL byte (%%00), which no text may hold"),
               nul.z);
  } else if (f.bBad) {
    buf_puts(&err, _("the form was not valid text"));
  } else if (zDate && *zDate && !date_optional_valid(zDate)) {
    buf_puts(&err, _("the date is not a real date YYYY-MM-DD"));
  } else if (zPublished && *zPublished && !date_optional_valid(zPublished)) {
    buf_puts(&err, _("the publication date is not a real date YYYY-MM-DD"));
  } else {
    /* A depositary loading its draft is not limited; anyone drafting is. */
    Caller who;
    memset(&who, 0, sizeof(who));
    bool bLoad = zAction && strcmp(zAction, "load") == 0;
    if (bLoad) form_caller(pReq, &f, &who);
    pDraft =
        draft(pReq->pDb, who.role != ROLE_DEPOSITARY, _("pasted press release"), zText ? zText : "",
              zText ? strlen(zText) : 0, zPublished, zDate, zPlace, &err, &bBusy);
  }
  if (bBusy) {
    Buf m = {0};
    Buf n = {0};
    i18n_plural(&n,
                _("{0, plural, one{# press release is being drafted} other{# press releases are "
                  "being drafted}}"),
                INGEST_AT_ONCE);
    /* TRANSLATORS: HTML; keep <strong>...</strong>. %s: how many are being drafted. */
    hprintf(&m, _("<strong>Nothing was drafted.</strong> %s; submit again in a second."), n.z);
    buf_free(&n);
    ingest_page(pReq, r, 429, zCsrf, &f, false, m.z, 0);
    r->nRetryAfter = 1;
    buf_free(&m);
  } else if (!pDraft) {
    Buf m = {0};
    hprintf(&m, _("<strong>Nothing was drafted.</strong> %s."), err.z ? err.z : _("no text"));
    ingest_page(pReq, r, 400, zCsrf, &f, false, m.z, 0);
    buf_free(&m);
  } else if (zAction && strcmp(zAction, "load") == 0) {
    load_draft(pReq, r, zCsrf, &f, pDraft);
  } else {
    ingest_page(pReq, r, 200, zCsrf, &f, true,
                _("<strong>Drafted.</strong> Check each field against the text; nothing is "
                  "written until you load it."),
                pDraft);
  }
  json_decref(pDraft);
  buf_free(&err);
  buf_free(&nul);
  form_free(&f);
}
