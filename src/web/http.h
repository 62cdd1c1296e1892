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
#include "util.h"

#define MAX_ROUTE_PARAMS 4

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
  const char *zBody;
  size_t nBody;
  Db *pDb;
  Caller caller;
  const char *azParam[MAX_ROUTE_PARAMS]; /* {id} segments of the route */
  char zParamBuf[512];
} Req;

typedef struct Resp {
  int status;
  const char *zType; /* Content-Type */
  Buf body;
  char zEtag[64];      /* empty: none */
  bool bCacheable;     /* same journal seq and date: same bytes */
  char zLocation[256]; /* for redirects */
  char zSetCookie[256];
} Resp;

typedef void (*Handler)(Req *, Resp *);

typedef struct Route {
  const char *zMethod;
  const char *zPattern; /* "/api/v1/documents/{}/status" */
  Handler xHandler;
} Route;

/* Find the route for the request in aRoute and run it; 404/405 when none. Fills
** pReq->azParam. */
void http_dispatch(const Route *aRoute, int nRoute, Req *pReq, Resp *pResp);

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

/* A query or form argument by name, NULL when absent. */
const char *req_arg(Req *p, const char *zName);
/* The same, NULL also when empty (a form's unfilled field). */
const char *req_value(Req *p, const char *zName);

#endif
