/*
** The status reports over HTTP (report.h, docs/reports.md):
** /reports/document/{id}, /reports/party/{code}, /reports/organization/{id}
** and /sessions/{id}/minutes.pdf. HTML by default, ?format=pdf gives
** application/pdf; ?on=DATE (default today), ?lang=CODE (else the page's
** language), ?org=ORG for a party's report.
*/
#include <string.h>

#include "i18n.h"
#include "page.h"
#include "publish.h"
#include "report.h"
#include "routes.h"

typedef enum ReportKind { RK_DOCUMENT, RK_PARTY, RK_ORGANIZATION } ReportKind;

/* The query's format and language; false after answering 400. */
static bool report_args(Req *pReq, Resp *r, int *pFmt) {
  const char *zFormat = req_arg(pReq, "format");
  *pFmt = zFormat && *zFormat ? report_format_parse(zFormat) : REPORT_HTML;
  if (*pFmt < 0) {
    Buf msg = {0};
    buf_printf(&msg, "\"%s\" is not a report format: expected html or pdf.", zFormat);
    page_error(pReq, r, 400, "Bad format", msg.z);
    buf_free(&msg);
    return false;
  }
  const char *zLang = req_arg(pReq, "lang");
  if (zLang && *zLang) {
    const Lang *pLang = i18n_find(zLang);
    if (!pLang) {
      Buf msg = {0}, codes = {0};
      for (size_t i = 0; i < i18n_count(); i++)
        buf_printf(&codes, "%s%s", i ? ", " : "", i18n_code(i18n_at(i)));
      buf_printf(&msg, "\"%s\" is not a language here: expected one of %s.", zLang, codes.z);
      page_error(pReq, r, 400, "Bad language", msg.z);
      buf_free(&msg);
      buf_free(&codes);
      return false;
    }
    i18n_use(pLang);
  }
  return true;
}

/* Answer with the report drawn in its format. */
static void report_send(Req *pReq, Resp *r, const RDoc *d, int fmt, const char *zPath,
                        const char *zOrg, pdate on) {
  Buf b = {0}, err = {0};
  if (fmt == REPORT_PDF) {
    if (report_pdf(d, &b, &err)) {
      page_error(pReq, r, 500, "Cannot draw the PDF", err.z);
      buf_free(&b);
      buf_free(&err);
      return;
    }
    resp_text(r, 200, "application/pdf", b.z, b.n);
  } else {
    char zOn[DATE_BUFSZ];
    date_format(on, zOn);
    const Lang *pOther = 0;
    for (size_t i = 0; i < i18n_count() && !pOther; i++)
      if (i18n_at(i) != i18n_current()) pOther = i18n_at(i);
    /* The same report in PDF and in the other language: ?org= kept. */
    const char *zKey = zOrg ? "org=" : "", *zOrgId = zOrg ? zOrg : "", *zAmp = zOrg ? "&" : "";
    char *zPdf =
        xprintf("%s?%s%s%son=%s&lang=%s&format=pdf", zPath, zKey, zOrgId, zAmp, zOn, i18n_lang());
    char *zAlt = pOther ? xprintf("%s?%s%s%son=%s&lang=%s", zPath, zKey, zOrgId, zAmp, zOn,
                                  i18n_code(pOther))
                        : 0;
    const char *azLink[] = {_("PDF"), zPdf,
                            0,        pOther ? i18n_autonym(pOther) : "",
                            zAlt,     pOther ? i18n_code(pOther) : 0};
    report_html(d, azLink, pOther ? 2 : 1, &b);
    resp_text(r, 200, "text/html; charset=utf-8", b.z, b.n);
    xfree(zPdf);
    xfree(zAlt);
  }
  /* Not cached: a new signed checkpoint changes the report without a new
  ** journal entry. */
  r->bCacheable = false;
  buf_free(&b);
  buf_free(&err);
}

static void report_page(Req *pReq, Resp *r, ReportKind kind) {
  const char *zId = pReq->azParam[0];
  pdate on;
  int fmt;
  if (!page_on(pReq, r, &on) || !report_args(pReq, r, &fmt)) return;
  const char *zOrg = req_arg(pReq, "org");
  if (zOrg && !*zOrg) zOrg = 0;
  RDoc d;
  Buf err = {0};
  int rc = kind == RK_DOCUMENT ? report_document(pReq->pDb, zId, on, &d, &err)
           : kind == RK_PARTY  ? report_party(pReq->pDb, zId, zOrg, on, &d, &err)
                               : report_organization(pReq->pDb, zId, on, &d, &err);
  if (rc) {
    static const char *const azWhat[] = {"document", "party", "organization"};
    if (kind == RK_PARTY && zOrg && err.z && strncmp(err.z, "no organization", 15) == 0)
      pages_not_found(pReq, r, "organization", zOrg);
    else
      pages_not_found(pReq, r, azWhat[kind], zId);
  } else {
    static const char *const azPath[] = {"/reports/document/", "/reports/party/",
                                         "/reports/organization/"};
    char *zPath = xprintf("%s%s", azPath[kind], zId);
    report_send(pReq, r, &d, fmt, zPath, zOrg, on);
    xfree(zPath);
  }
  rdoc_free(&d);
  buf_free(&err);
}

void page_get_report_document(Req *pReq, Resp *r) {
  report_page(pReq, r, RK_DOCUMENT);
}

void page_get_report_party(Req *pReq, Resp *r) {
  report_page(pReq, r, RK_PARTY);
}

void page_get_report_organization(Req *pReq, Resp *r) {
  report_page(pReq, r, RK_ORGANIZATION);
}

void page_get_session_minutes_pdf(Req *pReq, Resp *r) {
  int fmt;
  if (!report_args(pReq, r, &fmt)) return;
  RDoc d;
  rdoc_init(&d, i18n_lang(), pReq->azParam[0]);
  bool bBegun = db_read_begin(pReq->pDb);
  if (!publish_minutes_rdoc(pReq->pDb, pReq->azParam[0], &d)) {
    db_read_end(pReq->pDb, bBegun);
    rdoc_free(&d);
    pages_not_found(pReq, r, "session", pReq->azParam[0]);
    return;
  }
  ReportLog log;
  report_log(pReq->pDb, &log);
  report_log_blocks(&d, &log);
  db_read_end(pReq->pDb, bBegun);
  report_send(pReq, r, &d, REPORT_PDF, "", 0, date_today());
  rdoc_free(&d);
}
