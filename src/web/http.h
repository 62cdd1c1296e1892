/*
** Requests and responses as the HTTP handlers see them, independent of
** libmicrohttpd (server.c adapts it), so routing and query parsing can be
** fuzzed and tested without sockets.
*/
#ifndef PACTA_HTTP_H
#define PACTA_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "auth.h"
#include "date.h"
#include "db.h"
#include "html.h"
#include "i18n.h"
#include "util.h"

#define MAX_ROUTE_PARAMS 4

/* What an encoded NUL byte (%00) in a path or query argument decodes to:
** its overlong form C0 80, which is never valid UTF-8, so the decoded C
** string is not cut short at it (see http_unescape). */
#define HTTP_NUL "\xC0\x80"

typedef struct Req {
  const char *zMethod;
  const char *zPath; /* without the query string */
  /* Query and form arguments by name, NULL when absent. */
  const char *(*xArg)(void *pArgCtx, const char *zName);
  void *pArgCtx;
  const char *zHeaderContentType;
  const char *zHeaderIfNoneMatch;
  const char *zHeaderAuthorization;
  const char *zHeaderCookie;
  const char *zHeaderAcceptLanguage;
  /* The query's arguments other than lang, encoded again ("a=1&b=2"), for
  ** links to this page in another language; may be NULL. */
  const char *zQuery;
  const char *zBody;
  size_t nBody;
  Db *pDb;
  const char *zDbPath; /* the registry's file, for a streamed answer's own connection */
  Caller caller;
  const char *azParam[MAX_ROUTE_PARAMS]; /* {id} segments of the route */
  char zParamBuf[512];
  /* Set while the request is served: the name of the first argument read
  ** (req_arg) whose value holds an encoded NUL byte; the Authorization
  ** header was not "Bearer TOKEN" (the caller is then a bad token). */
  char zNulArg[64];
  bool bBadAuthorization;
  bool bSession; /* the caller comes from a signed-in session (cookie), not a bearer token */
  bool bSecure;  /* over TLS (X-Forwarded-Proto: https from a trusted proxy): Secure cookies */
} Req;

typedef struct Resp {
  int status;
  const char *zType; /* Content-Type */
  Buf body;
  char zEtag[64];      /* empty: none */
  bool bCacheable;     /* same journal seq and date: same bytes */
  char zLocation[256]; /* for redirects */
  char zSetCookie[256];
  int nRetryAfter;           /* seconds, for a Retry-After header; 0: none */
  char zTotalCount[24];      /* an X-Total-Count header (a list's total); empty: none */
  char zAllow[48];           /* a 405's Allow header: the path's methods */
  const char *zCacheControl; /* a Cache-Control header; NULL: none */
  const char *zAuthenticate; /* a 401's WWW-Authenticate challenge; NULL: none */
  /* Not 0: the body was made in one read transaction of the journal up to
  ** this sequence number, and from nothing else but the request's path,
  ** query arguments, language and cookies (not its token, as any cacheable
  ** answer), today's date and the server's options; its ETag is then made
  ** from those, not from the body's bytes (server.c). */
  int64_t seqMadeAt;
  /* A body made while it is sent, for a whole table (instead of body; never
  ** cached): xStream appends the next part to pOut and returns 1, 0 after
  ** the last part, -1 on a failure (the connection is then cut short). It
  ** runs after the request has ended, outside its pool, on the thread that
  ** served it between its other requests, so pStream must hold all it reads
  ** (its own connection in one read transaction, see lists.h), never the
  ** request's Db. xStreamFree frees pStream, also when nothing is sent. */
  int (*xStream)(void *pStream, Buf *pOut);
  void (*xStreamFree)(void *pStream);
  void *pStream;
} Resp;

typedef void (*Handler)(Req *, Resp *);

typedef struct Route {
  const char *zMethod;
  const char *zPattern; /* "/api/v1/documents/{}/status" */
  Handler xHandler;
  size_t nMaxBody; /* the largest request body it takes; 0: none */
} Route;

#define HTTP_MAX_BODY (16u << 20) /* a whole interchange file */

/* The largest request body the route of (zMethod, zPath) takes (HEAD as
** GET; HTTP_MAX_BODY when no route matches, which is then a 404 or 405):
** the server refuses a larger one before reading it (by its Content-Length)
** or as soon as it has read past it. */
size_t http_max_body(const Route *aRoute, int nRoute, const char *zMethod, const char *zPath);

/* The 413 for a request body over nMax: JSON under /api/, else a page. */
void http_refuse_too_large(const Req *pReq, Resp *r, size_t nMax);

/* Find the route for the request in aRoute and run it; 404/405 when none. Fills
** pReq->azParam. A path holding an encoded NUL byte is a 400 before any
** route runs; an argument holding one reads as absent (req_arg), and the
** handler's answer is replaced by a 400 naming it (JSON under /api/, else a
** page), except a write's success: a handler reads its arguments before it
** writes. */
void http_dispatch(const Route *aRoute, int nRoute, Req *pReq, Resp *pResp);

/* libmicrohttpd's MHD_OPTION_UNESCAPE_CALLBACK, for paths and query
** arguments: %HH decoded in place as its own decoder does, except that %00
** becomes HTTP_NUL rather than a NUL byte ending the string early (which
** made "/documents/ID%00.html" serve ID, and "?q=%00x" an empty q). Returns
** the decoded length. */
struct MHD_Connection;
size_t http_unescape(void *pCls, struct MHD_Connection *pConn, char *z);

/* Whether an If-None-Match header (zHeader, may be NULL) matches the ETag
** zEtag: "*", or one of its comma-separated tags, weak (W/) or not, the
** same (RFC 9110 13.1.2, weak comparison). */
bool http_etag_matches(const char *zHeader, const char *zEtag);

/* Response helpers. */
void resp_json(Resp *p, int status, const json_t *pBody);
void resp_error(Resp *p, int status, const char *zCode, const char *zFmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
void resp_text(Resp *p, int status, const char *zType, const char *z, size_t n);

/* Query argument helpers: a date (default today) or a year (default this
** year); on a malformed value they fill a 400 and return false. */
bool req_date(Req *p, Resp *r, const char *zName, pdate *pOut);
bool req_year(Req *p, Resp *r, const char *zName, int *pOut);
bool req_int(Req *p, Resp *r, const char *zName, long long dflt, long long lo, long long hi,
             long long *pOut);

/* A query or form argument by name, NULL when absent. One holding an
** encoded NUL byte reads as absent and is noted in p->zNulArg. */
const char *req_arg(Req *p, const char *zName);
/* The same, NULL also when empty (a form's unfilled field). */
const char *req_value(Req *p, const char *zName);

/* Who is asking, from the Authorization header (pReq->pDb set). */
void req_authorize(Req *p);

/* Why the request's Authorization header names no caller: its form (not
** "Bearer TOKEN") or an unknown or revoked token; NULL when it names one or
** there is none. For a 401's message. */
const char *req_bad_token(const Req *p);
/* A caller (a known token or a session): else a 401 ("ZWHAT needs
** Authorization: Bearer TOKEN", or why the token was refused) and false. */
bool req_need_caller(Req *pReq, Resp *r, const char *zWhat);

/* The session cookie of a signed-in page (pages_login.c). */
#define HTTP_SESSION_COOKIE "pacta_session"
/* The value of cookie zName into zOut (nOut bytes); false when absent or
** too long. */
bool req_cookie(const Req *pReq, const char *zName, char *zOut, size_t nOut);

/* The cookie that remembers a ?lang= choice. */
#define HTTP_LANG_COOKIE "pacta_lang"
/* The language of the answer: ?lang= (a code with a catalogue), then the
** cookie that remembers it, then Accept-Language, then pDefault (pacta
** serve --lang), then English. */
const Lang *http_language(const char *zArg, const char *zCookieHeader, const char *zAcceptLanguage,
                          const Lang *pDefault);
/* Whether zPath is the JSON API's (/api, /api/...). */
bool http_is_api_path(const char *zPath);
/* z percent-encoded as a query value ('/' kept). */
void http_put_query_value(Buf *p, const char *z);
/* z percent-encoded but for RFC 3986's unreserved bytes: a path segment, or a query value
** that may hold a slash. */
void http_put_unreserved(Buf *p, const char *z);

/* The first field of a URL-encoded form (z, n bytes) whose name or value
** holds an encoded NUL byte: its name, decoded, in *pName (empty for a
** field without one). False when there is none. */
bool http_form_nul(const char *z, size_t n, Buf *pName);

#endif
