/*
** What the depositary's record forms share (desk_records.h).
*/
#include "desk_records.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "canon.h"
#include "fields.h"
#include "form.h"
#include "interchange.h"
#include "page.h"
#include "sha256.h"

/* ---- The form body ---------------------------------------------------------------- */

static bool utf8_ok(const char *z) {
  json_t *v = json_string(z);
  json_decref(v);
  return v != 0;
}

bool desk_utf8(const Form *f) {
  if (f->bBad) return false;
  for (int i = 0; i < f->n; i++)
    if (!utf8_ok(f->azKey[i]) || !utf8_ok(f->azVal[i])) return false;
  return true;
}

const char *desk_value(const Form *f, const char *zKey) {
  const char *z = form_get(f, zKey);
  if (!z) return 0;
  for (const char *c = z; *c; c++)
    if (*c != ' ' && *c != '\t' && *c != '\r' && *c != '\n') return z;
  return 0;
}

int desk_count(const Form *f, const char *zKey) {
  int n = 0;
  while (form_get_nth(f, zKey, n)) n++;
  return n;
}

/* ---- Who may, and how it is posted ------------------------------------------------- */

void desk_refused(Req *pReq, Resp *r, const char *zTitle, const char *zMsg) {
  Buf b = {0};
  pages_begin(&b, pReq, zTitle, 0);
  hprintf(&b, "<h1>%s</h1><p class=\"lede\">%s</p>", zTitle, zMsg);
  if (pReq->caller.role == ROLE_DELEGATE)
    hprintf(&b,
            "<ul class=\"links\"><li><a href=\"/desk/new/action\">%s</a> %s</li><li><a "
            "href=\"/desk/new/assessment\">%s</a></li></ul>",
            _("An instrument or a notification"),
            _("(ratification, accession, reservation, declaration, withdrawal)"),
            _("A self-report on a commitment"));
  hprintf(&b, "<p><a href=\"/desk\">%s</a></p>", _("Back to your desk"));
  pages_end(&b, pReq);
  page_send(r, 403, &b, false);
}

bool desk_allowed(Req *pReq, Resp *r) {
  if (!pReq->bSession || pReq->caller.role == ROLE_NONE) {
    /* What the session form takes from its address (/desk/new/session?body=...). */
    static const char *const azArg[] = {"body", "date", "organization", 0};
    page_sign_in_first(pReq, r, azArg);
    return false;
  }
  if (pReq->caller.role != ROLE_DEPOSITARY) {
    desk_refused(pReq, r, _("For the depositary"),
                 pReq->caller.role == ROLE_DELEGATE
                     ? _("Only the depositary keeps the registry's sessions and documents. A "
                         "delegate submits its own party's instruments and self-reports:")
                     : _("Only the depositary keeps the registry's sessions and documents."));
    return false;
  }
  return true;
}

bool desk_form_type(Req *pReq, Resp *r) {
  const char *zType = pReq->zHeaderContentType;
  if (!zType || strncmp(zType, "application/x-www-form-urlencoded", 33) != 0) {
    page_error(pReq, r, 415, _("Unsupported form"),
               _("Expected Content-Type: application/x-www-form-urlencoded."));
    return false;
  }
  return true;
}

/* ---- Messages beside their fields --------------------------------------------------- */

bool desk_blank(const char *z) {
  if (!z) return true;
  for (; *z; z++)
    if (*z != ' ' && *z != '\t' && *z != '\r' && *z != '\n') return false;
  return true;
}

void desk_set_str(json_t *v, const char *zKey, const char *z) {
  if (z) json_object_set_new(v, zKey, json_string(z));
}

void desk_note(json_t *pBy, const char *zField, const char *zMsg) {
  json_t *a = json_object_get(pBy, zField);
  if (!a) json_object_set_new(pBy, zField, a = json_array());
  json_array_append_new(a, json_string(zMsg));
}

bool desk_dry_run(Db *pDb, const Caller *pCaller, const char *zSection, const char *zKind,
                  const char *zKey, const json_t *pRec, DeskFieldOf xField, void *pCtx,
                  json_t *pErrors, json_t *pWarnings) {
  /* The one write path's dry run (form.c); here only where each problem goes. */
  LoadResult res;
  Buf msg = {0};
  json_t *aProblem;
  int status = form_load_opt(pDb, pCaller, zSection, pRec, true, _("Nothing was recorded."), &msg,
                             &res, &aProblem);
  bool bOk = status < 300;
  if (status == 503)
    desk_note(pErrors, "", _("The registry is busy with another writer; try again in a moment."));
  else if (status == 403)
    desk_note(pErrors, "", _("This token may not record it."));
  size_t i;
  json_t *p;
  json_array_foreach(aProblem, i, p) {
    bool bError = strcmp(dflt(str(p, "severity"), ""), "error") == 0;
    /* A finding on another record (one that depends on this one) is shown
    ** whole, above the fields. */
    bool bOther = str(p, "kind") && (strcmp(str(p, "kind"), zKind) != 0 ||
                                     strcmp(dflt(str(p, "key"), ""), zKey) != 0);
    const char *zField = bOther ? "" : xField(dflt(str(p, "field"), ""), pCtx);
    Buf m = {0};
    if (str(p, "kind"))
      buf_printf(&m, "%s [%s]", dflt(str(p, *zField ? "message" : "whole"), ""),
                 dflt(str(p, "code"), ""));
    else
      buf_puts(&m, dflt(str(p, "message"), ""));
    desk_note(bError ? pErrors : pWarnings, zField, m.z);
    buf_free(&m);
    if (bError) bOk = false;
  }
  json_decref(aProblem);
  buf_free(&msg);
  return bOk;
}

/* ---- Words ------------------------------------------------------------------------ */

const char *desk_word(const char *zCode) {
  const char *zTerm = term(zCode);
  if (zTerm) return zTerm;
  static _Thread_local char z[64];
  snprintf(z, sizeof(z), "%s", zCode ? zCode : "");
  for (char *c = z; *c; c++)
    if (*c == '_') *c = ' ';
  return z;
}

void desk_html(Buf *p, const char *zPattern, ...) {
  va_list ap;
  va_start(ap, zPattern);
  for (const char *z = zPattern; *z;) {
    const char *zPct = strstr(z, "%s");
    if (!zPct) {
      buf_puts(p, z);
      break;
    }
    buf_append(p, z, (size_t)(zPct - z));
    buf_puts(p, va_arg(ap, const char *));
    z = zPct + 2;
  }
  va_end(ap);
}

/* ---- Fields --------------------------------------------------------------------------- */

void desk_aria(Buf *p, const char *zId, bool bHint, const json_t *pErrors) {
  bool bErr = json_object_get(pErrors, zId) != 0;
  if (bHint || bErr)
    hprintf(p, " aria-describedby=\"%s%s%s%s%s\"", bHint ? zId : "", bHint ? "-hint" : "",
            bHint && bErr ? " " : "", bErr ? zId : "", bErr ? "-error" : "");
  if (bErr) buf_puts(p, " aria-invalid=\"true\"");
}

static void put_messages(Buf *p, const json_t *a) {
  for (size_t i = 0; i < json_array_size(a); i++) {
    if (i) buf_puts(p, " ");
    hprintf(p, "%s", json_string_value(json_array_get(a, i)));
  }
}

void desk_after(Buf *p, const char *zId, const char *zHint, const json_t *pErrors,
                const json_t *pWarnings) {
  if (zHint) {
    hprintf(p, "<p class=\"hint\" id=\"%s-hint\">", zId);
    buf_puts(p, zHint);
    buf_puts(p, "</p>");
  }
  const json_t *a = json_object_get(pErrors, zId);
  if (a) {
    hprintf(p, "<p class=\"error\" id=\"%s-error\">", zId);
    put_messages(p, a);
    buf_puts(p, "</p>");
  }
  a = json_object_get(pWarnings, zId);
  if (a) {
    hprintf(p, "<p class=\"warning\" id=\"%s-warning\">", zId);
    put_messages(p, a);
    buf_puts(p, "</p>");
  }
}

void desk_input(Buf *p, const char *zId, const char *zName, const char *zLabel, const char *zType,
                const char *zValue, const char *zHint, const json_t *pErrors,
                const json_t *pWarnings) {
  hprintf(p, "<div><label for=\"%s\">", zId);
  buf_puts(p, zLabel);
  hprintf(p, "</label><input type=\"%s\" id=\"%s\" name=\"%s\" value=\"%s\"", zType, zId, zName,
          dflt(zValue, ""));
  desk_aria(p, zId, zHint != 0, pErrors);
  buf_puts(p, ">");
  desk_after(p, zId, zHint, pErrors, pWarnings);
  buf_puts(p, "</div>");
}

void desk_option(Buf *p, const char *zValue, const char *zLabel, const char *zSelected) {
  hprintf(p, "<option value=\"%s\"%s>%s</option>", zValue,
          zSelected && strcmp(zSelected, zValue) == 0 ? " selected" : "", zLabel);
}

void desk_notice(Buf *p, const json_t *pErrors, const json_t *pWarnings) {
  size_t nErr = 0, nWarn = 0;
  const char *zKey;
  const json_t *a;
  json_object_foreach((json_t *)pErrors, zKey, a) nErr += json_array_size(a);
  json_object_foreach((json_t *)pWarnings, zKey, a) nWarn += json_array_size(a);
  if (!nErr && !nWarn) return;
  Buf m = {0};
  if (nErr)
    i18n_plural(&m,
                _("<strong>Nothing was recorded.</strong> {0, plural, =1{One problem to correct, "
                  "shown beside its field.} other{# problems to correct; each is shown beside its "
                  "field.}}"),
                (long long)nErr);
  else
    i18n_plural(&m,
                _("<strong>Not recorded yet: {0, plural, one{# warning} other{# warnings}}"
                  "</strong> to look at, each beside its field. Correct the record, or press "
                  "<em>Save anyway</em> to record it as it is."),
                (long long)nWarn);
  const json_t *aGeneral = json_object_get(pErrors, "");
  const json_t *aGenWarn = json_object_get(pWarnings, "");
  if (json_array_size(aGeneral) || json_array_size(aGenWarn)) {
    buf_puts(&m, "<ul>");
    for (size_t i = 0; i < json_array_size(aGeneral); i++)
      hprintf(&m, "<li>%s</li>", json_string_value(json_array_get(aGeneral, i)));
    for (size_t i = 0; i < json_array_size(aGenWarn); i++) {
      buf_puts(&m, "<li>");
      hprintf(&m, _("Warning: %s"), json_string_value(json_array_get(aGenWarn, i)));
      buf_puts(&m, "</li>");
    }
    buf_puts(&m, "</ul>");
  }
  form_notice(p, false, m.z);
  buf_free(&m);
}

/* ---- Save anyway ------------------------------------------------------------------- */

/* The first 8 bytes of the SHA-256 of the warnings' canonical JSON, in hex. */
static void warnings_digest(const json_t *pWarnings, char *zOut /* 17 */) {
  Buf c = {0};
  canon_write(&c, pWarnings);
  unsigned char a[32];
  Sha256 sha;
  sha256_open(&sha);
  sha256_digest(&sha, c.z ? c.z : "", c.n, a);
  sha256_close(&sha);
  hex_encode(a, 8, zOut);
  buf_free(&c);
}

void desk_confirm_field(Buf *p, const json_t *pWarnings) {
  char z[17];
  warnings_digest(pWarnings, z);
  hprintf(p, "<input type=\"hidden\" name=\"confirm\" value=\"%s\">", z);
}

bool desk_confirmed(const Form *f, const json_t *pWarnings) {
  const char *zGot = desk_value(f, "confirm");
  char z[17];
  warnings_digest(pWarnings, z);
  return zGot && strcmp(zGot, z) == 0;
}
