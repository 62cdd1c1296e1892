/*
** The consistency checks' findings as pages (checks.h): /checks lists them
** for the whole registry or one organization (?org=), and the pages of an
** organization and a document show theirs (checks_box).
*/
#include <string.h>

#include "checks.h"
#include "date.h"
#include "entity.h"
#include "fields.h"
#include "page.h"
#include "routes.h"

/* The page of the record a finding is about. */
static void put_record_link(Buf *p, const json_t *f) {
  const char *zKind = str(f, "kind"), *zKey = str(f, "key");
  Kind kind;
  if (!zKind || !zKey || kind_parse(zKind, &kind)) return;
  char zFirst[128];
  size_t n = strcspn(zKey, "|");
  snprintf(zFirst, sizeof(zFirst), "%.*s", (int)(n < sizeof(zFirst) ? n : sizeof(zFirst) - 1),
           zKey);
  switch (kind) {
  case K_ACTION: hprintf(p, "<a href=\"/documents/%s\">", zFirst); break;
  case K_DOCUMENT: hprintf(p, "<a href=\"/documents/%s\">", zKey); break;
  case K_SESSION: hprintf(p, "<a href=\"/sessions/%s\">", zKey); break;
  case K_COMMITMENT:
  case K_ASSESSMENT: hprintf(p, "<a href=\"/commitments/%s\">", zFirst); break;
  case K_MEMBERSHIP:
  case K_CHAIRMANSHIP: hprintf(p, "<a href=\"/organizations/%s\">", zFirst); break;
  default: hprintf(p, "<a href=\"/\">"); break;
  }
  put_words(p, zKind);
  hprintf(p, " %s</a>", zKey);
}

static void findings_table(Buf *p, const json_t *aFinding, const char *zCaption) {
  /* TRANSLATORS: the heads of the table's columns, separated by '|'. */
  table_begin(p, zCaption, _("Severity|Check|Record|What is wrong"));
  size_t i;
  json_t *f;
  json_array_foreach(aFinding, i, f) {
    bool bError = strcmp(dflt(str(f, "severity"), ""), "error") == 0;
    hprintf(p, "<tr><td><span class=\"badge %s\">%s</span></td><td><code>%s</code></td><td>",
            bError ? "k-suspended" : "k-observer", bError ? _("error") : _("warning"),
            str(f, "code"));
    put_record_link(p, f);
    /* The message starts with "kind key: ": the column before has it. */
    const char *zMsg = dflt(str(f, "message"), "");
    const char *zAfter = strstr(zMsg, ": ");
    /* The message's language, which the finding does not state: Russian when it has
    ** Cyrillic letters, else English; marked when it is not the page's. */
    const char *zText = zAfter ? zAfter + 2 : zMsg, *zLang = "en";
    /* Then "field: ", the record's field (a code), shown as code. */
    const char *zField = str(f, "field");
    size_t nField = zField ? strlen(zField) : 0;
    bool bField = nField && strncmp(zText, zField, nField) == 0 && zText[nField] == ':' &&
                  zText[nField + 1] == ' ';
    if (bField) zText += nField + 2;
    for (const unsigned char *u = (const unsigned char *)zText; *u; u++)
      if ((u[0] == 0xD0 || u[0] == 0xD1) && (u[1] & 0xC0) == 0x80) zLang = "ru";
    buf_puts(p, "</td><td>");
    if (bField) hprintf(p, "<code>%s</code>: ", zField);
    if (strcmp(zLang, i18n_lang()) == 0)
      hprintf(p, "%s</td></tr>", zText);
    else
      hprintf(p, "<span lang=\"%s\">%s</span></td></tr>", zLang, zText);
  }
  table_end(p);
}

static size_t count_errors(const json_t *aFinding) {
  size_t n = 0, i;
  json_t *f;
  json_array_foreach(aFinding, i, f) n += strcmp(dflt(str(f, "severity"), ""), "error") == 0;
  return n;
}

void checks_box(Buf *p, Req *pReq, const char *zOrg, const char *zDoc) {
  /* For the depositary, who keeps the record right (issue 13); anyone may
  ** still read /checks. */
  if (!pReq->bSession || pReq->caller.role != ROLE_DEPOSITARY) return;
  Db *pDb = pReq->pDb;
  json_t *a = zDoc ? checks_document(pDb, date_today(), zDoc)
                   : checks_organization(pDb, date_today(), zOrg);
  size_t n = json_array_size(a), nError = count_errors(a);
  if (zDoc && n) {
    hprintf(p, "<section aria-labelledby=\"checks\"><h2 id=\"checks\">%s</h2>", _("Consistency"));
    findings_table(p, a, _("What the consistency checks find in this document's records"));
    buf_puts(p, "</section>");
  } else if (!zDoc) {
    Buf nF = {0}, nE = {0}, nW = {0};
    i18n_plural(&nF, _("{0, plural, one{# finding} other{# findings}}"), (long long)n);
    i18n_plural(&nE, _("{0, plural, one{# error} other{# errors}}"), (long long)nError);
    i18n_plural(&nW, _("{0, plural, one{# warning} other{# warnings}}"), (long long)(n - nError));
    hprintf(p, "<p class=\"hint\"><a href=\"/checks?org=%s\">", zOrg);
    hprintf(p, _("Consistency: %s"), nF.z);
    buf_puts(p, "</a> ");
    hprintf(p, _("(%s, %s) in this organization's records."), nE.z, nW.z);
    buf_puts(p, "</p>");
    buf_free(&nF);
    buf_free(&nE);
    buf_free(&nW);
  }
  json_decref(a);
}

void page_get_checks(Req *pReq, Resp *r) {
  const char *zOrg = req_arg(pReq, "org");
  json_t *pOrg = 0;
  if (zOrg && *zOrg && !(pOrg = entity_get(pReq->pDb, K_ORGANIZATION, zOrg))) {
    pages_not_found(pReq, r, "organization", zOrg);
    return;
  }
  bool bOrg = pOrg != 0;
  json_t *a = bOrg ? checks_organization(pReq->pDb, date_today(), zOrg)
                   : checks_all(pReq->pDb, date_today());
  Buf b = {0};
  pages_begin(&b, pReq, _("Consistency"), "/checks");
  hprintf(&b, "<h1>%s</h1>", _("Consistency"));
  size_t n = json_array_size(a), nError = count_errors(a);
  Buf today = {0}, nE = {0}, nW = {0};
  i18n_date(&today, date_today());
  i18n_plural(&nE, _("{0, plural, one{# error} other{# errors}}"), (long long)nError);
  i18n_plural(&nW, _("{0, plural, one{# warning} other{# warnings}}"), (long long)(n - nError));
  buf_puts(&b, "<p class=\"lede\">");
  if (bOrg)
    hprintf(&b,
            _("Whether the records agree with each other and with the calendar (today, %s), in "
              "the records of %s: %s, %s."),
            today.z, name_here(json_object_get(pOrg, "name"), zOrg), nE.z, nW.z);
  else
    hprintf(&b,
            _("Whether the records agree with each other and with the calendar (today, %s): %s, "
              "%s."),
            today.z, nE.z, nW.z);
  buf_putc(&b, ' ');
  buf_puts(&b, _("An error is refused when it is written; one listed here was in the registry "
                 "before its check existed, or became one as the days passed. "
                 "<code>pacta check</code> lists the same."));
  buf_puts(&b, "</p>");
  buf_free(&today);
  buf_free(&nE);
  buf_free(&nW);
  if (n) findings_table(&b, a, _("Findings, errors first"));
  json_decref(a);
  json_decref(pOrg);
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
}
