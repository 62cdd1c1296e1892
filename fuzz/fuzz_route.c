/*
** Fuzz target for request routing and query parsing: the input is
** "METHOD\nPATH\nname=value&name=value...\nBODY", dispatched against the
** sample registry in memory. Every request must get a well-formed answer:
** a status from 200 to 599 and, for the API, a JSON body. Two arguments
** reach the signed-in pages and forms: "as" (depositary, or delegate:CODE)
** makes the request a signed-in session's, and "csrf" sets the form's CSRF
** cookie to its value (so a body with the same csrf field passes the check).
*/
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "http.h"
#include "interchange.h"
#include "routes.h"

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

extern const unsigned char pacta_sample_json[];
extern const size_t pacta_sample_json_len;

typedef struct Args {
  char *azName[16];
  char *azValue[16];
  int n;
} Args;

static const char *fuzz_arg(void *pCtx, const char *zName) {
  Args *p = pCtx;
  for (int i = 0; i < p->n; i++)
    if (strcmp(p->azName[i], zName) == 0) return p->azValue[i];
  return 0;
}

/* The next line of [*pz, zEnd) as a new NUL-terminated string. */
static char *next_line(const char **pz, const char *zEnd) {
  const char *z = *pz;
  const char *zEol = memchr(z, '\n', (size_t)(zEnd - z));
  if (!zEol) zEol = zEnd;
  size_t n = (size_t)(zEol - z);
  char *zOut = xmalloc(n + 1);
  memcpy(zOut, z, n);
  zOut[n] = 0;
  *pz = zEol < zEnd ? zEol + 1 : zEnd;
  return zOut;
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  static Db *pDb;
  if (!pDb) {
    static FILE *fNull;
    fNull = fopen("/dev/null", "w");
    pDb = db_open(":memory:", true);
    LoadSource src = {"sample", (const char *)pacta_sample_json, pacta_sample_json_len, -1};
    LoadResult r;
    if (interchange_load(pDb, &src, 1, "fuzz", fNull, 0, &r)) abort();
    json_decref(r.aFinding);
  }
  const char *z = (const char *)aData, *zEnd = z + nData;
  char *zMethod = next_line(&z, zEnd);
  char *zPath = next_line(&z, zEnd);
  char *zQuery = next_line(&z, zEnd);
  Args args = {{0}, {0}, 0};
  for (char *zTok = strtok(zQuery, "&"); zTok && args.n < 16; zTok = strtok(0, "&")) {
    char *zEq = strchr(zTok, '=');
    if (zEq) *zEq++ = 0;
    args.azName[args.n] = zTok;
    args.azValue[args.n++] = zEq ? zEq : (char *)"";
  }
  Req req;
  memset(&req, 0, sizeof(req));
  req.zMethod = zMethod;
  req.zPath = zPath;
  req.xArg = fuzz_arg;
  req.pArgCtx = &args;
  /* The body's type as each route expects it, so its parser is reached. */
  bool bForm = strcmp(zPath, "/ingest") == 0 || strcmp(zPath, "/record") == 0 ||
               strncmp(zPath, "/desk", 5) == 0 || strcmp(zPath, "/login") == 0 ||
               strcmp(zPath, "/logout") == 0;
  req.zHeaderContentType = strcmp(zPath, "/api/v1/ingest") == 0 ? "text/plain"
                           : bForm ? "application/x-www-form-urlencoded"
                                   : "application/json";
  req.zBody = z;
  req.nBody = (size_t)(zEnd - z);
  req.pDb = pDb;
  const char *zAs = fuzz_arg(&args, "as"), *zCsrf = fuzz_arg(&args, "csrf");
  if (zAs) {
    req.bSession = true;
    snprintf(req.caller.zName, sizeof(req.caller.zName), "fuzz");
    req.caller.role = strncmp(zAs, "delegate:", 9) == 0 ? ROLE_DELEGATE : ROLE_DEPOSITARY;
    if (req.caller.role == ROLE_DELEGATE)
      snprintf(req.caller.zParty, sizeof(req.caller.zParty), "%.3s", zAs + 9);
  }
  char zCookie[128];
  if (zCsrf) {
    snprintf(zCookie, sizeof(zCookie), "pacta_csrf=%s", zCsrf);
    req.zHeaderCookie = zCookie;
  }
  Resp resp;
  memset(&resp, 0, sizeof(resp));
  resp.status = 200;
  http_dispatch(aRoute, nRoute, &req, &resp);
  if (resp.status < 200 || resp.status > 599) __builtin_trap();
  if (strncmp(zPath, "/api/", 5) == 0 && resp.zType &&
      strcmp(resp.zType, "application/json") == 0) {
    json_t *p = json_loadb(resp.body.z ? resp.body.z : "", resp.body.n, 0, 0);
    if (!p) __builtin_trap();
    json_decref(p);
  }
  buf_free(&resp.body);
  xfree(zMethod);
  xfree(zPath);
  xfree(zQuery);
  return 0;
}
