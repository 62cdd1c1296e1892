/*
** `pacta serve`: libmicrohttpd with a thread pool, one SQLite connection
** per thread, a per-thread cache of GET responses keyed by the journal's
** last sequence number, limits on bodies and connections, an access log and
** a graceful stop on SIGINT or SIGTERM.
*/
#include "server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "auth.h"
#include "http.h"
#include "routes.h"
#include "journal.h"
#include "tlog.h"

#define MAX_BODY (16u << 20)      /* a whole interchange file */
#define CACHE_SLOTS 4096          /* responses kept per thread */
#define CACHE_MAX_BODY (1u << 20) /* larger responses are not kept */

typedef struct ServerConfig {
  const char *zDb;
  bool bQuiet; /* no access log */
} ServerConfig;

static ServerConfig g_config; /* set once before the daemon starts */

/* Per-thread state: a connection and a response cache. An entry is valid
** while the journal's last sequence number is the one it was made at. */
typedef struct CacheEntry {
  char *zKey;
  int64_t seq;
  int status;
  const char *zType;
  struct MHD_Response *pResp; /* built once, queued for every hit */
  size_t nBody;
  char zEtag[64];
} CacheEntry;

typedef struct ThreadState {
  Db *pDb;
  CacheEntry aCache[CACHE_SLOTS];
  /* The journal's last seq as this thread last read it, when, and the
  ** write generation then (see current_seq). */
  int64_t seq;
  unsigned gen;
  int64_t nsChecked;
  bool bSeqKnown;
} ThreadState;

/* Bumped after every write this server answers with success, so every
** thread re-reads the journal's end before its next answer. */
static atomic_uint g_writeGeneration;

static _Thread_local ThreadState *t_state;

/* Every thread's state, to free at shutdown. */
static pthread_mutex_t g_stateLock = PTHREAD_MUTEX_INITIALIZER;
static ThreadState **g_aState;
static int g_nState;

static ThreadState *thread_state(void) {
  if (!t_state) {
    t_state = xmalloc(sizeof(ThreadState));
    memset(t_state, 0, sizeof(ThreadState));
    t_state->pDb = db_open(g_config.zDb, false);
    pthread_mutex_lock(&g_stateLock);
    g_aState = xrealloc(g_aState, (size_t)(g_nState + 1) * sizeof(ThreadState *));
    g_aState[g_nState++] = t_state;
    pthread_mutex_unlock(&g_stateLock);
  }
  return t_state;
}

static void free_thread_states(void) {
  for (int i = 0; i < g_nState; i++) {
    for (int k = 0; k < CACHE_SLOTS; k++) {
      xfree(g_aState[i]->aCache[k].zKey);
      if (g_aState[i]->aCache[k].pResp) MHD_destroy_response(g_aState[i]->aCache[k].pResp);
    }
    db_close(g_aState[i]->pDb);
    xfree(g_aState[i]);
  }
  xfree(g_aState);
  g_aState = 0;
  g_nState = 0;
}

/* One request in flight. */
typedef struct Conn {
  Buf body;
  bool bTooLarge;
  bool bSeen; /* the handler was called once: answer on the next call */
} Conn;

static const char *mhd_arg(void *pCtx, const char *zName) {
  return MHD_lookup_connection_value((struct MHD_Connection *)pCtx, MHD_GET_ARGUMENT_KIND, zName);
}

static uint64_t fnv1a(const char *z, uint64_t h) {
  for (; *z; z++) h = (h ^ (unsigned char)*z) * 1099511628211ull;
  return h;
}

/* Cache key: the path, every query argument, and today's date (the default
** of ?on=). Returns false for requests that must not be cached. */
static enum MHD_Result collect_arg(void *pCtx, enum MHD_ValueKind kind, const char *zKey,
                                   const char *zValue) {
  Buf *p = pCtx;
  buf_printf(p, "&%s=%s", zKey, zValue ? zValue : "");
  return MHD_YES;
}

static void cache_key(struct MHD_Connection *pConn, const char *zUrl, Buf *pKey) {
  char zToday[DATE_BUFSZ];
  date_format(date_today(), zToday);
  buf_printf(pKey, "%s %s?", zToday, zUrl);
  MHD_get_connection_values(pConn, MHD_GET_ARGUMENT_KIND, collect_arg, pKey);
}

static void log_access(struct MHD_Connection *pConn, const char *zMethod, const char *zUrl,
                       int status, size_t nBody, double ms, const char *zActor) {
  if (g_config.bQuiet) return;
  const union MHD_ConnectionInfo *pInfo =
      MHD_get_connection_info(pConn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  char zAddr[64] = "-";
  if (pInfo && pInfo->client_addr) {
    const struct sockaddr *sa = pInfo->client_addr;
    if (sa->sa_family == AF_INET)
      inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, zAddr, sizeof(zAddr));
    else if (sa->sa_family == AF_INET6)
      inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, zAddr, sizeof(zAddr));
  }
  time_t now = time(0);
  struct tm tm;
  char zTime[32];
  gmtime_r(&now, &tm);
  strftime(zTime, sizeof(zTime), "%Y-%m-%dT%H:%M:%SZ", &tm);
  fprintf(stderr, "%s %s %s %s %d %zu %.2fms %s\n", zTime, zAddr, zMethod, zUrl, status, nBody, ms,
          zActor && *zActor ? zActor : "-");
}

static struct MHD_Response *make_response(const char *zType, const char *zBody, size_t nBody,
                                          const char *zEtag, const Resp *pResp) {
  struct MHD_Response *r =
      MHD_create_response_from_buffer(nBody, (void *)zBody, MHD_RESPMEM_MUST_COPY);
  MHD_add_response_header(r, "Content-Type", zType);
  if (zEtag && *zEtag) MHD_add_response_header(r, "ETag", zEtag);
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  if (pResp && pResp->zLocation[0]) MHD_add_response_header(r, "Location", pResp->zLocation);
  if (pResp && pResp->zSetCookie[0]) MHD_add_response_header(r, "Set-Cookie", pResp->zSetCookie);
  if (pResp && pResp->nRetryAfter > 0) {
    char zRetry[16];
    snprintf(zRetry, sizeof(zRetry), "%d", pResp->nRetryAfter);
    MHD_add_response_header(r, "Retry-After", zRetry);
  }
  if (zType && strncmp(zType, "text/html", 9) == 0) {
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                            "img-src 'self' data:; frame-ancestors 'none'");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
  }
  return r;
}

static enum MHD_Result send_response(struct MHD_Connection *pConn, int status, const char *zType,
                                     const char *zBody, size_t nBody, const char *zEtag,
                                     const Resp *pResp) {
  struct MHD_Response *r = make_response(zType, zBody, nBody, zEtag, pResp);
  enum MHD_Result ret = MHD_queue_response(pConn, (unsigned)status, r);
  MHD_destroy_response(r);
  return ret;
}

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* The journal's last sequence number. Re-read when this server wrote since
** the last look, and at least every millisecond (for writers outside the
** server, such as `pacta load`); reading it costs a read transaction, and
** a cached answer costs less than that. */
static int64_t current_seq(ThreadState *s) {
  unsigned gen = atomic_load(&g_writeGeneration);
  int64_t ns = now_ns();
  if (!s->bSeqKnown || gen != s->gen || ns - s->nsChecked > 1000000) {
    s->seq = db_last_seq(s->pDb);
    s->gen = gen;
    s->nsChecked = ns;
    s->bSeqKnown = true;
  }
  return s->seq;
}

static void on_db_error(void *pArg, const char *zMsg) {
  (void)zMsg;
  longjmp(*(jmp_buf *)pArg, 1);
}

static double ms_since(const struct timespec *t0) {
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static enum MHD_Result handle(void *pCls, struct MHD_Connection *pConn, const char *zUrl,
                              const char *zMethod, const char *zVersion, const char *zUpload,
                              size_t *pnUpload, void **ppConnCls) {
  Conn *c = *ppConnCls;
  if (!c) {
    c = xmalloc(sizeof(Conn));
    memset(c, 0, sizeof(Conn));
    *ppConnCls = c;
    return MHD_YES; /* answer on a later call: keeps the connection alive */
  }
  if (*pnUpload) {
    if (c->body.n + *pnUpload > MAX_BODY)
      c->bTooLarge = true;
    else
      buf_append(&c->body, zUpload, *pnUpload);
    *pnUpload = 0;
    return MHD_YES;
  }
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  ThreadState *s = thread_state();
  if (c->bTooLarge) {
    static const char zMsg[] = "{\"error\": {\"code\": \"too_large\", \"message\": \"request body "
                               "over 16 MiB\"}}\n";
    log_access(pConn, zMethod, zUrl, 413, sizeof(zMsg) - 1, ms_since(&t0), 0);
    return send_response(pConn, 413, "application/json", zMsg, sizeof(zMsg) - 1, 0, 0);
  }
  /* A failed statement (the registry busy past its timeout, a full disk)
  ** lands here: roll back, free what the request had allocated (its pool)
  ** and answer 503; the server goes on. */
  jmp_buf onError;
  Pool *volatile pPool = 0;
  if (setjmp(onError)) {
    if (pPool) pool_end(pPool, true);
    db_on_error(s->pDb, 0, 0);
    db_recover(s->pDb);
    s->bSeqKnown = false;
    static const char zMsg[] = "{\"error\": {\"code\": \"unavailable\", \"message\": \"the "
                               "registry is busy or failing; nothing was written; try again\"}}\n";
    log_access(pConn, zMethod, zUrl, 503, sizeof(zMsg) - 1, ms_since(&t0), 0);
    return send_response(pConn, 503, "application/json", zMsg, sizeof(zMsg) - 1, 0, 0);
  }
  db_on_error(s->pDb, on_db_error, &onError);
  pPool = pool_begin();

  bool bGet = strcmp(zMethod, "GET") == 0 || strcmp(zMethod, "HEAD") == 0;
  int64_t seq = current_seq(s);
  const char *zIfNoneMatch = MHD_lookup_connection_value(pConn, MHD_HEADER_KIND, "If-None-Match");
  Buf key = {0};
  CacheEntry *pEntry = 0;
  if (bGet) {
    cache_key(pConn, zUrl, &key);
    pEntry = &s->aCache[fnv1a(key.z, 1469598103934665603ull) % CACHE_SLOTS];
    if (pEntry->zKey && pEntry->seq == seq && strcmp(pEntry->zKey, key.z) == 0) {
      buf_free(&key);
      db_on_error(s->pDb, 0, 0);
      pool_end(pPool, false);
      if (zIfNoneMatch && strcmp(zIfNoneMatch, pEntry->zEtag) == 0) {
        log_access(pConn, zMethod, zUrl, 304, 0, ms_since(&t0), 0);
        return send_response(pConn, 304, pEntry->zType, "", 0, pEntry->zEtag, 0);
      }
      log_access(pConn, zMethod, zUrl, pEntry->status, pEntry->nBody, ms_since(&t0), 0);
      return MHD_queue_response(pConn, (unsigned)pEntry->status, pEntry->pResp);
    }
  }

  Req req;
  memset(&req, 0, sizeof(req));
  req.zMethod = zMethod;
  req.zPath = zUrl;
  req.xArg = mhd_arg;
  req.pArgCtx = pConn;
  req.zHeaderContentType = MHD_lookup_connection_value(pConn, MHD_HEADER_KIND, "Content-Type");
  req.zHeaderIfNoneMatch = zIfNoneMatch;
  req.zHeaderAuthorization = MHD_lookup_connection_value(pConn, MHD_HEADER_KIND, "Authorization");
  req.zHeaderCookie = MHD_lookup_connection_value(pConn, MHD_HEADER_KIND, "Cookie");
  req.zBody = c->body.z;
  req.nBody = c->body.n;
  req.pDb = s->pDb;
  auth_lookup(s->pDb, req.zHeaderAuthorization, &req.caller);
  Resp resp;
  memset(&resp, 0, sizeof(resp));
  resp.status = 200;
  resp.zType = "application/json";
  http_dispatch(aRoute, nRoute, &req, &resp);
  db_on_error(s->pDb, 0, 0);
  pool_end(pPool, false); /* the answer and what the caches kept live on */
  pPool = 0;
  if (!bGet && resp.status < 300) atomic_fetch_add(&g_writeGeneration, 1);

  const char *zBody = resp.body.z ? resp.body.z : "";
  if (bGet && resp.status == 200 && resp.bCacheable) {
    uint64_t h = fnv1a(zBody, 1469598103934665603ull);
    snprintf(resp.zEtag, sizeof(resp.zEtag), "\"%llx-%016llx\"", (unsigned long long)seq,
             (unsigned long long)h);
    if (resp.body.n <= CACHE_MAX_BODY && pEntry) {
      xfree(pEntry->zKey);
      if (pEntry->pResp) MHD_destroy_response(pEntry->pResp);
      pEntry->zKey = key.z;
      key.z = 0;
      pEntry->seq = seq;
      pEntry->status = resp.status;
      pEntry->zType = resp.zType;
      pEntry->pResp = make_response(resp.zType, zBody, resp.body.n, resp.zEtag, &resp);
      pEntry->nBody = resp.body.n;
      memcpy(pEntry->zEtag, resp.zEtag, sizeof(pEntry->zEtag));
    }
  }
  buf_free(&key);
  enum MHD_Result ret;
  if (resp.zEtag[0] && zIfNoneMatch && strcmp(zIfNoneMatch, resp.zEtag) == 0) {
    log_access(pConn, zMethod, zUrl, 304, 0, ms_since(&t0), req.caller.zName);
    ret = send_response(pConn, 304, resp.zType, "", 0, resp.zEtag, &resp);
  } else {
    log_access(pConn, zMethod, zUrl, resp.status, resp.body.n, ms_since(&t0), req.caller.zName);
    ret = send_response(pConn, resp.status, resp.zType, zBody, resp.body.n, resp.zEtag, &resp);
  }
  buf_free(&resp.body);
  return ret;
}

static void request_done(void *pCls, struct MHD_Connection *pConn, void **ppConnCls,
                         enum MHD_RequestTerminationCode code) {
  Conn *c = *ppConnCls;
  if (!c) return;
  buf_free(&c->body);
  xfree(c);
  *ppConnCls = 0;
}

static int parse_listen(const char *zListen, struct sockaddr_storage *pAddr) {
  char zHost[128];
  const char *zColon = strrchr(zListen, ':');
  if (!zColon || (size_t)(zColon - zListen) >= sizeof(zHost)) return -1;
  memcpy(zHost, zListen, (size_t)(zColon - zListen));
  zHost[zColon - zListen] = 0;
  char *zEnd;
  long port = strtol(zColon + 1, &zEnd, 10);
  if (*zEnd || port < 0 || port > 65535 || zEnd == zColon + 1) return -1;
  memset(pAddr, 0, sizeof(*pAddr));
  char *zH = zHost;
  if (zH[0] == '[') {
    zH++;
    zH[strlen(zH) - 1] = 0;
  }
  struct sockaddr_in *p4 = (struct sockaddr_in *)pAddr;
  struct sockaddr_in6 *p6 = (struct sockaddr_in6 *)pAddr;
  if (inet_pton(AF_INET, zH, &p4->sin_addr) == 1) {
    p4->sin_family = AF_INET;
    p4->sin_port = htons((uint16_t)port);
    return 0;
  }
  if (inet_pton(AF_INET6, zH, &p6->sin6_addr) == 1) {
    p6->sin6_family = AF_INET6;
    p6->sin6_port = htons((uint16_t)port);
    return 0;
  }
  return -1;
}

int server_run(const char *zDb, const char *zListen, int nThread, bool bQuiet) {
  struct sockaddr_storage addr;
  if (parse_listen(zListen, &addr))
    die(EXIT_USAGE, "--listen: expected ADDRESS:PORT such as 127.0.0.1:8080, got \"%s\"", zListen);
  g_config.zDb = zDb;
  g_config.bQuiet = bQuiet;
  /* Fail now, clearly, if the registry is missing; and bring the Merkle log
  ** up to the journal (a registry from before the log) here, not inside
  ** the first write request. */
  Db *pDb = db_open(zDb, false);
  tlog_sync(pDb);
  db_close(pDb);

  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, 0); /* the pool threads inherit this */
  signal(SIGPIPE, SIG_IGN);

  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
                   (addr.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
  struct MHD_Daemon *d = MHD_start_daemon(
      flags, 0, 0, 0, handle, 0, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
      MHD_OPTION_THREAD_POOL_SIZE, (unsigned)nThread, MHD_OPTION_CONNECTION_LIMIT, 1024u,
      MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16384,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, 256u, MHD_OPTION_NOTIFY_COMPLETED, request_done, 0,
      MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u, MHD_OPTION_UNESCAPE_CALLBACK, http_unescape, NULL,
      MHD_OPTION_END);
  if (!d)
    die(EXIT_INPUT, "cannot listen on %s (in use, or not an address of this machine?)", zListen);
  fprintf(stderr, "pacta: serving %s on http://%s/ with %d threads (Ctrl-C stops)\n", zDb, zListen,
          nThread);
  int sig;
  sigwait(&sigs, &sig);
  fprintf(stderr, "pacta: stopping (signal %d)\n", sig);
  MHD_stop_daemon(d);
  free_thread_states();
  return 0;
}
