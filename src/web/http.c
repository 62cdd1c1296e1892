#include "http.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Match zPath against a pattern whose "{}" segments capture. */
static bool route_match(const char *zPattern, const char *zPath, Req *pReq) {
  char *zOut = pReq->zParamBuf;
  char *zEnd = pReq->zParamBuf + sizeof(pReq->zParamBuf);
  int nParam = 0;
  const char *p = zPattern, *q = zPath;
  while (*p && *q) {
    if (p[0] == '{' && p[1] == '}') {
      size_t n = strcspn(q, "/");
      if (n == 0 || nParam == MAX_ROUTE_PARAMS || zOut + n + 1 > zEnd) return false;
      memcpy(zOut, q, n);
      zOut[n] = 0;
      pReq->azParam[nParam++] = zOut;
      zOut += n + 1;
      q += n;
      p += 2;
    } else if (*p++ != *q++) {
      return false;
    }
  }
  return *p == 0 && *q == 0;
}

void http_dispatch(const Route *aRoute, int nRoute, Req *pReq, Resp *pResp) {
  bool bPathKnown = false;
  for (int i = 0; i < nRoute; i++) {
    const Route *r = &aRoute[i];
    memset(pReq->azParam, 0, sizeof(pReq->azParam));
    if (!route_match(r->zPattern, pReq->zPath, pReq)) continue;
    bPathKnown = true;
    if (strcmp(r->zMethod, pReq->zMethod) != 0 &&
        !(strcmp(pReq->zMethod, "HEAD") == 0 && strcmp(r->zMethod, "GET") == 0))
      continue;
    r->xHandler(pReq, pResp);
    return;
  }
  if (bPathKnown)
    resp_error(pResp, 405, "method_not_allowed", "%s is not allowed on %s", pReq->zMethod,
               pReq->zPath);
  else
    resp_error(pResp, 404, "not_found", "no such resource: %s", pReq->zPath);
}

void resp_json(Resp *p, int status, const json_t *pBody) {
  p->status = status;
  p->zType = "application/json";
  buf_reset(&p->body);
  char *z = json_dumps(pBody, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
  if (!z) panic("cannot serialize a response");
  buf_puts(&p->body, z);
  buf_putc(&p->body, '\n');
  xfree(z);
}

void resp_error(Resp *p, int status, const char *zCode, const char *zFmt, ...) {
  Buf msg = {0};
  va_list ap;
  va_start(ap, zFmt);
  buf_vprintf(&msg, zFmt, ap);
  va_end(ap);
  utf8_sanitize(msg.z); /* it may quote the request */
  json_t *pErr = json_pack("{s:{s:s, s:s}}", "error", "code", zCode, "message", msg.z);
  resp_json(p, status, pErr);
  json_decref(pErr);
  buf_free(&msg);
  p->bCacheable = false;
}

void resp_text(Resp *p, int status, const char *zType, const char *z, size_t n) {
  p->status = status;
  p->zType = zType;
  buf_reset(&p->body);
  buf_append(&p->body, z, n);
}

const char *req_arg(Req *p, const char *zName) {
  return p->xArg ? p->xArg(p->pArgCtx, zName) : 0;
}

const char *req_value(Req *p, const char *zName) {
  const char *z = req_arg(p, zName);
  return z && *z ? z : 0;
}

bool req_date(Req *p, Resp *r, const char *zName, pdate *pOut) {
  const char *z = req_arg(p, zName);
  if (!z || !*z) {
    *pOut = date_today();
    return true;
  }
  if (date_parse(z, strlen(z), pOut) == 0) return true;
  resp_error(r, 400, "bad_date", "query parameter %s: expected a real date YYYY-MM-DD", zName);
  return false;
}

bool req_int(Req *p, Resp *r, const char *zName, long long dflt, long long lo, long long hi,
             long long *pOut) {
  const char *z = req_arg(p, zName);
  if (!z || !*z) {
    *pOut = dflt;
    return true;
  }
  char *zEnd;
  errno = 0;
  long long v = strtoll(z, &zEnd, 10);
  if (errno || *zEnd || v < lo || v > hi) {
    resp_error(r, 400, "bad_parameter",
               "query parameter %s: expected a whole number from %lld to %lld", zName, lo, hi);
    return false;
  }
  *pOut = v;
  return true;
}

bool req_year(Req *p, Resp *r, const char *zName, int *pOut) {
  int y, m, d;
  date_to_ymd(date_today(), &y, &m, &d);
  long long v;
  if (!req_int(p, r, zName, y, 1, 9999, &v)) return false;
  *pOut = (int)v;
  return true;
}
