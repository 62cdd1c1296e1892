/*
** Recording an action (/record): the form for the depositary and the
** parties' delegates, and its POST, which writes the action through the
** journal under the token's name. Never cached; a double-submit CSRF check
** (form.h) guards the POST. Every word is in the page's language (i18n.h).
*/
#include <string.h>

#include "auth.h"
#include "date.h"
#include "entity.h"
#include "fields.h"
#include "form.h"
#include "interchange.h"
#include "page.h"
#include "routes.h"
#include "rules.h"

/* An option; its label (a name, or "CODE — name") marked with the name's language when that is not
** the page's (pName: the record's names by language). */
static void put_option(Buf *p, const char *zValue, const char *zLabel, const char *zSelected,
                       const json_t *pName) {
  const char *zName = name_here(pName, 0), *zLang = 0, *zKey;
  json_t *v;
  json_object_foreach((json_t *)pName, zKey, v) {
    if (zName && json_string_value(v) == zName) zLang = zKey;
  }
  hprintf(p, "<option value=\"%s\"%s", zValue,
          zSelected && strcmp(zSelected, zValue) == 0 ? " selected" : "");
  if (zLang && strcmp(zLang, i18n_lang()) != 0) hprintf(p, " lang=\"%s\"", zLang);
  hprintf(p, ">%s</option>", zLabel);
}

/* The form, filled with the values given (any may be NULL). */
static void record_form(Buf *p, Req *pReq, const char *zCsrf, const char *zDoc, const char *zParty,
                        const char *zType, const char *zDate, const char *zText,
                        const char *zNote) {
  Db *pDb = pReq->pDb;
  buf_puts(p, "<form method=\"post\" action=\"/record\" class=\"fields\">");
  hprintf(p, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", zCsrf);
  hprintf(p,
          "<div><label for=\"document\">%s</label><select id=\"document\" "
          "name=\"document\" required><option value=\"\">%s</option>",
          _("Document"), _("Choose a document"));
  json_t *aDoc = entity_list(pDb, K_DOCUMENT, 0);
  for (size_t i = 0; i < json_array_size(aDoc); i++) {
    const json_t *d = json_array_get(aDoc, i);
    Buf label = {0};
    /* The title alone: the id is a code whose words are not the page's language. */
    buf_puts(&label, name_here(json_object_get(d, "title"), str(d, "id")));
    put_option(p, str(d, "id"), label.z, zDoc, json_object_get(d, "title"));
    buf_free(&label);
  }
  json_decref(aDoc);
  hprintf(p,
          "</select></div><div><label for=\"party\">%s</label><select id=\"party\" "
          "name=\"party\" required><option value=\"\">%s</option>",
          _("Party"), _("Choose a party"));
  json_t *aParty = entity_list(pDb, K_PARTY, 0);
  for (size_t i = 0; i < json_array_size(aParty); i++) {
    const json_t *pp = json_array_get(aParty, i);
    Buf label = {0};
    buf_printf(&label, "%s \xe2\x80\x94 %s", str(pp, "code"),
               name_here(json_object_get(pp, "name"), ""));
    put_option(p, str(pp, "code"), label.z, zParty, json_object_get(pp, "name"));
    buf_free(&label);
  }
  json_decref(aParty);
  hprintf(p,
          "</select></div><div><label for=\"type\">%s</label><select id=\"type\" "
          "name=\"type\" required>",
          _("Action"));
  for (int t = 0; t < ACT__COUNT; t++) {
    const char *zName = action_type_name((ActionType)t);
    Buf label = {0};
    put_words(&label, zName);
    Buf opt = {0};
    hprintf(&opt, "<option value=\"%s\"%s>", zName,
            zType && strcmp(zType, zName) == 0 ? " selected" : "");
    buf_puts(p, opt.z);
    buf_puts(p, label.z);
    buf_puts(p, "</option>");
    buf_free(&label);
    buf_free(&opt);
  }
  char zToday[DATE_BUFSZ];
  date_format(date_today(), zToday);
  hprintf(p,
          "</select></div><div><label for=\"date\">%s</label><input type=\"date\" id=\"date\" "
          "name=\"date\" required value=\"%s\" aria-describedby=\"date-hint\">"
          "<p class=\"hint\" id=\"date-hint\">%s</p></div>",
          _("Date"), zDate ? zDate : zToday,
          _("The date the depositary received it (a signature: the date signed). A delegate's "
            "instrument is a submission received today."));
  hprintf(p,
          "<div><label for=\"text\">%s <span class=\"muted\">%s</span></label>"
          "<textarea id=\"text\" name=\"text\" rows=\"3\" aria-describedby=\"text-hint\">%s"
          "</textarea><p class=\"hint\" id=\"text-hint\">%s</p></div>",
          _("Text"), _("(optional)"), zText ? zText : "",
          _("The words of a reservation, declaration, special opinion or objection."));
  hprintf(p,
          "<div><label for=\"note\">%s <span class=\"muted\">%s</span></label>"
          "<input id=\"note\" name=\"note\" value=\"%s\"></div>",
          _("Note"), _("(optional)"), zNote ? zNote : "");
  /* TRANSLATORS: HTML; keep <code>pacta token create</code> as it is. */
  form_token_field(p, pReq,
                   _("A depositary token, or a delegate token of the party (created with "
                     "<code>pacta token create</code>)."));
  hprintf(p, "<div><button type=\"submit\">%s</button></div></form>", _("Record the action"));
}

/* The page with the form, under a notice (zNoticeClass "ok" or "err", its
** HTML) when there is one; the fields as posted in f, else from the query. */
static void record_page(Req *pReq, Resp *r, int status, const char *zCsrf, const Form *f,
                        const char *zNoticeClass, const char *zNoticeHtml) {
  Buf b = {0};
  pages_begin(&b, pReq, _("Record an action"), "/record");
  hprintf(&b, "<h1>%s</h1><p class=\"lede\">%s</p>", _("Record an action"),
          _("For the depositary and the parties' delegates: a signature, an instrument or "
            "notification, a reservation or declaration, a withdrawal. The depositary's is "
            "written to the journal under its token's name, and the statuses are recomputed at "
            "once; a delegate's is a submission, received today, that the depositary examines "
            "first."));
  if (zNoticeHtml) form_notice(&b, strcmp(zNoticeClass, "ok") == 0, zNoticeHtml);
  record_form(&b, pReq, zCsrf, f ? form_get(f, "document") : req_arg(pReq, "document"),
              f ? form_get(f, "party") : req_arg(pReq, "party"), f ? form_get(f, "type") : 0,
              f ? form_get(f, "date") : 0, f ? form_get(f, "text") : 0,
              f ? form_get(f, "note") : 0);
  pages_end(&b, pReq);
  page_send(r, status, &b, false);
}

void page_get_record(Req *pReq, Resp *r) {
  if (pReq->bSession && pReq->caller.role == ROLE_DELEGATE) {
    /* A signed-in delegate's own form: its party fixed, the types it may
    ** submit, the instrument's own date (desk_forms.c). */
    Buf to = {0};
    buf_puts(&to, "/desk/new/action");
    const char *zDoc = req_arg(pReq, "document");
    if (zDoc && *zDoc) {
      buf_puts(&to, "?document=");
      http_put_query_value(&to, zDoc);
    }
    if (to.n < sizeof(r->zLocation))
      memcpy(r->zLocation, to.z, to.n + 1);
    else
      snprintf(r->zLocation, sizeof(r->zLocation), "/desk/new/action");
    buf_free(&to);
    resp_text(r, 303, "text/plain; charset=utf-8", "a delegate's form\n", 18);
    return;
  }
  char zCsrf[33];
  csrf_new(r, "/record", zCsrf);
  record_page(pReq, r, 200, zCsrf, 0, 0, 0);
}

/* The posted fields as an interchange record of an action; false when one
** is not UTF-8 text. */
static bool record_of_form(const Form *f, json_t *pRec) {
  static const char *const azField[] = {"document", "party", "type", "date", "text", "note"};
  bool bUtf8 = true;
  for (size_t i = 0; i < sizeof(azField) / sizeof(azField[0]); i++) {
    const char *z = form_get(f, azField[i]);
    if (!z || !*z) continue;
    json_t *v = json_string(z);
    if (!v) {
      bUtf8 = false;
      continue;
    }
    json_object_set_new(pRec, azField[i], v);
  }
  return bUtf8;
}

/* The notice of an action written (or found already written). */
static void record_done(Buf *pMsg, const json_t *pRec, const Caller *pCaller,
                        const LoadResult *pRes) {
  const char *zDocId = dflt(str(pRec, "document"), ""), *zDate = dflt(str(pRec, "date"), "");
  if (pRes->nLoaded) /* TRANSLATORS: HTML; keep <strong>...</strong>. */
    hprintf(pMsg, _("<strong>Recorded</strong> as journal entry %lld by %s."),
            (long long)pRes->lastSeq, pCaller->zName);
  else
    /* TRANSLATORS: HTML; keep <strong>...</strong>. */
    buf_puts(pMsg, _("<strong>Already recorded</strong>: this action was in the journal with "
                     "the same content, so nothing new was written."));
  /* The sentence escaped, then the type's words and the document's link
  ** (HTML) where its markers \x01 and \x02 stand. */
  Buf t = {0}, day = {0}, type = {0}, link = {0};
  i18n_date_iso(&day, zDate);
  put_words(&type, dflt(str(pRec, "type"), ""));
  hprintf(&link, "<a href=\"/documents/%s?on=%s\">%s</a>", zDocId, zDate, zDocId);
  buf_putc(pMsg, ' ');
  /* TRANSLATORS: party code, the action, the document, the date. */
  hprintf(&t, _("%s: %s of %s, dated %s."), dflt(str(pRec, "party"), ""), "\x01", "\x02",
          day.z ? day.z : "");
  for (const char *z = t.z ? t.z : ""; *z; z++) {
    if (*z == '\x01')
      buf_puts(pMsg, type.z ? type.z : "");
    else if (*z == '\x02')
      buf_puts(pMsg, link.z);
    else
      buf_putc(pMsg, *z);
  }
  buf_free(&t);
  buf_free(&day);
  buf_free(&type);
  buf_free(&link);
}

/* A posted action: checked (type, CSRF, token, UTF-8; the size by the server), written
** through the journal as the token's holder, and the form shown again
** under what was done. */
void page_post_record(Req *pReq, Resp *r) {
  const char *zType = pReq->zHeaderContentType;
  if (!zType || strncmp(zType, "application/x-www-form-urlencoded", 33) != 0) {
    page_error(pReq, r, 415, _("Unsupported form"),
               _("Expected Content-Type: application/x-www-form-urlencoded."));
    return;
  }
  Form f;
  form_parse(&f, pReq->zBody ? pReq->zBody : "", pReq->nBody);
  char zCsrf[33];
  if (!csrf_ok(pReq, &f, zCsrf)) {
    csrf_new(r, "/record", zCsrf);
    /* TRANSLATORS: HTML; keep <strong>...</strong>. */
    record_page(pReq, r, 403, zCsrf, &f, "err",
                _("<strong>Nothing was recorded.</strong> The form had expired or did not come "
                  "from this page (its security code did not match). Check the fields and "
                  "submit again."));
    form_free(&f);
    return;
  }
  Caller caller;
  form_caller(pReq, &f, &caller);
  if (caller.role == ROLE_NONE) {
    record_page(pReq, r, 401, zCsrf, &f, "err",
                caller.bBadToken ? _("<strong>Nothing was recorded.</strong> The token is unknown "
                                     "or has been revoked.")
                                 : _("<strong>Nothing was recorded.</strong> A token is needed."));
    form_free(&f);
    return;
  }
  /* The action as an interchange record. */
  json_t *pRec = json_object();
  bool bUtf8 = record_of_form(&f, pRec);
  if (!bUtf8 || f.bBad) {
    record_page(pReq, r, 400, zCsrf, 0, "err",
                _("<strong>Nothing was recorded.</strong> The form was not valid UTF-8 text."));
    json_decref(pRec);
    form_free(&f);
    return;
  }
  LoadResult res;
  Buf msg = {0};
  int status =
      form_load(pReq->pDb, &caller, "actions", pRec, _("Nothing was recorded."), &msg, &res);
  if (status >= 300) {
    record_page(pReq, r, status, zCsrf, &f, "err", msg.z);
  } else if (status == 202) { /* a delegate's submission */
    record_page(pReq, r, status, zCsrf, 0, "ok", msg.z);
  } else {
    record_done(&msg, pRec, &caller, &res);
    record_page(pReq, r, status, zCsrf, 0, "ok", msg.z);
  }
  buf_free(&msg);
  json_decref(pRec);
  form_free(&f);
}
