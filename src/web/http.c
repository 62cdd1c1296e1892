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

bool http_is_api_path(const char *zPath) {
  return strncmp(zPath, "/api/", 5) == 0 || strcmp(zPath, "/api") == 0;
}

/* Refuse the request with status and message zMsg in place of whatever the
** response held: a JSON error under /api/, else a page. The page is plain
** (page.c's frame calls into this file). */
static void refuse_plain(const Req *pReq, Resp *r, int status, const char *zCode,
                         const char *zTitle, const char *zMsg) {
  memset(r->zEtag, 0, sizeof(r->zEtag));
  memset(r->zLocation, 0, sizeof(r->zLocation));
  memset(r->zSetCookie, 0, sizeof(r->zSetCookie));
  r->nRetryAfter = 0;
  r->seqMadeAt = 0;
  r->zTotalCount[0] = 0;
  r->zAuthenticate = 0;
  if (r->xStream) { /* a whole list begun: never sent */
    r->xStreamFree(r->pStream);
    r->xStream = 0;
    r->xStreamFree = 0;
    r->pStream = 0;
  }
  if (http_is_api_path(pReq->zPath)) {
    resp_error(r, status, zCode, "%s", zMsg);
  } else {
    Buf b = {0};
    hprintf(&b,
            "<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>%s \xc2\xb7 pacta</title></head><body><main><h1>%s</h1>"
            "<p>%s.</p><p><a href=\"/\">%s</a></p></main></body></html>",
            i18n_lang(), zTitle, zTitle, zMsg, _("Back to the home page"));
    resp_text(r, status, "text/html; charset=utf-8", b.z, b.n);
    buf_free(&b);
    r->bCacheable = false;
  }
}

/* A 400 for an encoded NUL byte in the path (zArg NULL) or in argument zArg. */
static void refuse_nul(const Req *pReq, Resp *r, const char *zArg) {
  Buf msg = {0};
  if (zArg)
    buf_printf(&msg,
               _("query parameter %s: holds an encoded NUL byte (%%00), which no value may hold"),
               zArg);
  else
    buf_puts(&msg, _("the path holds an encoded NUL byte (%00), which no address may hold"));
  refuse_plain(pReq, r, 400, zArg ? "bad_parameter" : "bad_path", _("Bad request"), msg.z);
  buf_free(&msg);
}

size_t http_max_body(const Route *aRoute, int nRoute, const char *zMethod, const char *zPath) {
  Req req;
  memset(&req, 0, sizeof(req));
  if (strcmp(zMethod, "HEAD") == 0) zMethod = "GET";
  for (int i = 0; i < nRoute; i++) {
    if (strcmp(aRoute[i].zMethod, zMethod) == 0 && route_match(aRoute[i].zPattern, zPath, &req))
      return aRoute[i].nMaxBody;
  }
  return HTTP_MAX_BODY;
}

void http_refuse_too_large(const Req *pReq, Resp *r, size_t nMax) {
  Buf msg = {0};
  if (nMax == 0)
    buf_printf(&msg, _("%s %s takes no request body; nothing was read or written"), pReq->zMethod,
               pReq->zPath);
  else if (nMax % (1u << 20) == 0)
    buf_printf(&msg,
               _("%s %s takes a request body of at most %zu MiB (%zu bytes); nothing was read "
                 "or written"),
               pReq->zMethod, pReq->zPath, nMax >> 20, nMax);
  else
    buf_printf(&msg,
               _("%s %s takes a request body of at most %zu KiB (%zu bytes); nothing was read "
                 "or written"),
               pReq->zMethod, pReq->zPath, nMax >> 10, nMax);
  refuse_plain(pReq, r, 413, "too_large", _("Too large"), msg.z);
  buf_free(&msg);
}

/* The methods of the request's path, for a 405's Allow header ("GET, HEAD,
** POST"): those of the first pattern it matches, not of a wider one after
** it ("/api/v1/{}" would add POST to /api/v1/journal, a 404). */
static void allowed_methods(const Route *aRoute, int nRoute, Req *pReq, char *zOut, size_t nOut) {
  Buf b = {0};
  buf_puts(&b, "");
  const char *zPattern = 0;
  for (int i = 0; i < nRoute; i++) {
    const char *zMethod = aRoute[i].zMethod;
    if (zPattern ? strcmp(aRoute[i].zPattern, zPattern) != 0
                 : !route_match(aRoute[i].zPattern, pReq->zPath, pReq))
      continue;
    zPattern = aRoute[i].zPattern;
    for (int k = 0; k < 2; k++) {
      char zItem[16];
      snprintf(zItem, sizeof(zItem), "%s, ", zMethod);
      if (!strstr(b.z, zItem)) buf_puts(&b, zItem);
      if (strcmp(zMethod, "GET") != 0) break;
      zMethod = "HEAD"; /* answered as GET */
    }
  }
  if (b.n >= 2) b.z[b.n - 2] = 0;
  snprintf(zOut, nOut, "%s", b.z);
  buf_free(&b);
}

void http_dispatch(const Route *aRoute, int nRoute, Req *pReq, Resp *pResp) {
  if (strstr(pReq->zPath, HTTP_NUL)) {
    refuse_nul(pReq, pResp, 0);
    return;
  }
  bool bPathKnown = false;
  for (int i = 0; i < nRoute; i++) {
    const Route *r = &aRoute[i];
    memset(pReq->azParam, 0, sizeof(pReq->azParam));
    if (!route_match(r->zPattern, pReq->zPath, pReq)) continue;
    bPathKnown = true;
    bool bRead = strcmp(pReq->zMethod, "GET") == 0 || strcmp(pReq->zMethod, "HEAD") == 0;
    if (strcmp(r->zMethod, pReq->zMethod) != 0 && !(bRead && strcmp(r->zMethod, "GET") == 0))
      continue;
    pReq->zNulArg[0] = 0;
    r->xHandler(pReq, pResp);
    /* A write that succeeded did not use the argument (it read as absent)
    ** and cannot be undone: its answer stands. */
    if (pReq->zNulArg[0] && (bRead || pResp->status >= 300)) refuse_nul(pReq, pResp, pReq->zNulArg);
    return;
  }
  if (bPathKnown) {
    allowed_methods(aRoute, nRoute, pReq, pResp->zAllow, sizeof(pResp->zAllow));
    resp_error(pResp, 405, "method_not_allowed", "%s is not allowed on %s", pReq->zMethod,
               pReq->zPath);
  } else {
    resp_error(pResp, 404, "not_found", "no such resource: %s", pReq->zPath);
  }
}

bool http_etag_matches(const char *zHeader, const char *zEtag) {
  if (!zHeader || !zEtag || !*zEtag) return false;
  size_t nEtag = strlen(zEtag);
  for (const char *z = zHeader; *z;) {
    z += strspn(z, " \t,");
    size_t n = strcspn(z, ",");
    size_t nItem = n;
    while (nItem && (z[nItem - 1] == ' ' || z[nItem - 1] == '\t')) nItem--;
    if (nItem == 1 && z[0] == '*') return true;
    const char *zTag = z;
    if (nItem > 2 && z[0] == 'W' && z[1] == '/') {
      zTag += 2; /* a weak tag compares as its strong one here */
      nItem -= 2;
    }
    if (nItem == nEtag && memcmp(zTag, zEtag, nEtag) == 0) return true;
    z += n;
  }
  return false;
}

void resp_json(Resp *p, int status, const json_t *pBody) {
  p->status = status;
  p->zType = "application/json";
  buf_reset(&p->body);
  /* 15 significant digits: 0.4, not the 0.40000000000000002 of 17 */
  char *z = json_dumps(pBody, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
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
  const char *z = p->xArg ? p->xArg(p->pArgCtx, zName) : 0;
  if (z && strstr(z, HTTP_NUL)) {
    if (!p->zNulArg[0]) snprintf(p->zNulArg, sizeof(p->zNulArg), "%s", zName);
    return 0;
  }
  return z;
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

/* The value of cookie zName in a Cookie header. */
static bool cookie_value(const char *zHeader, const char *zName, char *zOut, size_t nOut) {
  size_t nName = strlen(zName);
  for (const char *z = zHeader; z && *z;) {
    while (*z == ' ' || *z == ';') z++;
    size_t n = strcspn(z, ";");
    if (n > nName && strncmp(z, zName, nName) == 0 && z[nName] == '=') {
      size_t nVal = n - nName - 1;
      if (nVal >= nOut) return false;
      memcpy(zOut, z + nName + 1, nVal);
      zOut[nVal] = 0;
      return true;
    }
    z += n;
  }
  return false;
}

bool req_cookie(const Req *pReq, const char *zName, char *zOut, size_t nOut) {
  return cookie_value(pReq->zHeaderCookie, zName, zOut, nOut);
}

const Lang *http_language(const char *zArg, const char *zCookieHeader, const char *zAccept,
                          const Lang *pDefault) {
  const Lang *p = i18n_find(zArg);
  char zCode[16];
  if (!p && cookie_value(zCookieHeader, HTTP_LANG_COOKIE, zCode, sizeof(zCode)))
    p = i18n_find(zCode);
  if (!p) p = i18n_negotiate(zAccept);
  if (!p) p = pDefault;
  return p ? p : i18n_english();
}

/* z percent-encoded, letters, digits and the bytes of zKeep aside. */
static void put_percent(Buf *p, const char *z, const char *zKeep) {
  for (; *z; z++) {
    unsigned char u = (unsigned char)*z;
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
        strchr(zKeep, u))
      buf_putc(p, (char)u);
    else
      buf_printf(p, "%%%02X", u);
  }
}

void http_put_query_value(Buf *p, const char *z) {
  put_percent(p, z, "/-._");
}

void http_put_unreserved(Buf *p, const char *z) {
  put_percent(p, z, "-._~");
}

void req_authorize(Req *p) {
  const char *zAuth = p->zHeaderAuthorization;
  const char *zSecret = zAuth ? auth_bearer(zAuth) : 0;
  char zSession[80];
  if (!zAuth && req_cookie(p, HTTP_SESSION_COOKIE, zSession, sizeof(zSession))) {
    /* A signed-in page (pages_login.c); an unknown or expired session is
    ** no one, not a bad token: the pages then offer to sign in. */
    auth_session_lookup(p->pDb, zSession, &p->caller);
    p->bSession = p->caller.role != ROLE_NONE;
    return;
  }
  if (zAuth && !zSecret) {
    /* Only "Bearer TOKEN" (the scheme in any case, RFC 7235) names a
    ** caller; anything else is a bad token, which a write answers with 401. */
    memset(&p->caller, 0, sizeof(p->caller));
    p->caller.bBadToken = true;
    p->bBadAuthorization = true;
    return;
  }
  auth_lookup(p->pDb, zSecret, &p->caller);
}

bool req_need_caller(Req *pReq, Resp *r, const char *zWhat) {
  /* A 401 names the scheme it wants (RFC 9110 11.6.1, RFC 6750 3). */
  if (pReq->caller.bBadToken) {
    resp_error(r, 401, "unauthorized", "%s", req_bad_token(pReq));
    r->zAuthenticate = pReq->bBadAuthorization ? "Bearer realm=\"pacta\", error=\"invalid_request\""
                                               : "Bearer realm=\"pacta\", error=\"invalid_token\"";
    return false;
  }
  if (pReq->caller.role == ROLE_NONE) {
    resp_error(r, 401, "unauthorized", "%s needs Authorization: Bearer TOKEN", zWhat);
    r->zAuthenticate = "Bearer realm=\"pacta\"";
    return false;
  }
  return true;
}

const char *req_bad_token(const Req *p) {
  if (p->bBadAuthorization)
    return "the Authorization header must be \"Bearer TOKEN\": the scheme Bearer, a space, "
           "then the token";
  if (p->caller.bBadToken) return "unknown or revoked token";
  return 0;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

size_t http_unescape(void *pCls, struct MHD_Connection *pConn, char *z) {
  char *zOut = z;
  for (const char *zIn = z; *zIn;) {
    int hi, lo;
    if (zIn[0] == '%' && (hi = hex_value(zIn[1])) >= 0 && (lo = hex_value(zIn[2])) >= 0) {
      if (hi == 0 && lo == 0) {
        memcpy(zOut, HTTP_NUL, 2); /* from three bytes to two: never longer */
        zOut += 2;
      } else {
        *zOut++ = (char)(hi * 16 + lo);
      }
      zIn += 3;
    } else {
      *zOut++ = *zIn++;
    }
  }
  *zOut = 0;
  return (size_t)(zOut - z);
}

bool http_form_nul(const char *z, size_t n, Buf *pName) {
  const char *zEnd = z + n;
  while (z < zEnd) {
    const char *zAmp = memchr(z, '&', (size_t)(zEnd - z));
    const char *zField = zAmp ? zAmp : zEnd;
    bool bNul = false;
    for (const char *c = z; c + 2 < zField && !bNul; c++)
      bNul = c[0] == '%' && c[1] == '0' && c[2] == '0';
    if (bNul) {
      const char *zEq = memchr(z, '=', (size_t)(zField - z));
      const char *zNameEnd = zEq ? zEq : zField;
      buf_reset(pName);
      buf_puts(pName, "");
      for (const char *c = z; c < zNameEnd; c++) {
        int hi, lo;
        if (c[0] == '%' && c + 2 < zNameEnd && (hi = hex_value(c[1])) >= 0 &&
            (lo = hex_value(c[2])) >= 0) {
          if (hi || lo) buf_putc(pName, (char)(hi * 16 + lo));
          c += 2;
        } else {
          buf_putc(pName, *c == '+' ? ' ' : *c);
        }
      }
      utf8_sanitize(pName->z);
      return true;
    }
    z = zField + 1;
  }
  return false;
}
