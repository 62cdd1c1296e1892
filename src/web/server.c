/*
** `pacta serve`: libmicrohttpd with a thread pool, one SQLite connection
** per thread, a per-thread cache of GET responses keyed by the journal's
** last sequence number and bounded in bytes, limits on bodies, connections
** and the time a request may take to arrive, an access log and a graceful
** stop on SIGINT or SIGTERM.
*/
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "http.h"
#include "routes.h"
#include "sha256.h"
#include "journal.h"
#include "tlog.h"

#define CACHE_MAX_BODY (1u << 20) /* larger responses are not kept */
/* What an entry costs besides its body and key: libmicrohttpd's response
** and its headers, the entry, malloc's own headers. */
#define CACHE_ENTRY_OVERHEAD 1024
#define MAX_CONNECTIONS 1024u
/* From one address: past MAX_PER_ADDRESS a new connection closes that
** address's oldest connection still waiting for a request (or is closed
** itself when none waits); libmicrohttpd refuses any past the hard limit.
** Both are below MAX_CONNECTIONS, so one address cannot take them all. */
#define MAX_PER_ADDRESS 256
#define MAX_PER_ADDRESS_HARD 384u
#define BODY_TIMEOUT_S 60 /* from the end of a request's head to the end of its body */
#define IDLE_TIMEOUT_S 30 /* libmicrohttpd's: silence on a connection, e.g. while answering */
#define MAX_TRUSTED_PROXIES 16

typedef struct ServerConfig {
  const char *zDb;
  bool bQuiet;         /* no access log */
  size_t nCacheBudget; /* bytes, per thread */
  int64_t nsHead;      /* deadline of a request's head, from accept or the previous answer */
  /* --trusted-proxy: the addresses (as inet_ntop writes them) whose
  ** X-Forwarded-For is believed; any client can send one. */
  char azProxy[MAX_TRUSTED_PROXIES][INET6_ADDRSTRLEN];
  int nProxy;
  const Lang *pLang; /* --lang: the language when a request names none */
} ServerConfig;

static ServerConfig g_config; /* set once before the daemon starts */

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static uint64_t fnv1a(const char *z, uint64_t h) {
  for (; *z; z++) h = (h ^ (unsigned char)*z) * 1099511628211ull;
  return h;
}

/* ---- The response cache ---------------------------------------------------
**
** Each thread has its own, used by that thread only (no lock on a hit), and
** its own share of the budget: --cache-mb over the number of threads. A
** shared budget would let the first threads to fill it keep it, or need a
** lock to evict from another thread's cache; a fixed share bounds the total
** exactly, at the price of a popular answer being held once per thread.
** Least recently used entries go first. An entry is valid while the
** journal's last sequence number is the one it was made at; a stale entry
** is dropped when it is next looked up, or evicted in its turn.
*/
typedef struct CacheEntry CacheEntry;
struct CacheEntry {
  CacheEntry *pChain;          /* next in its hash bucket */
  CacheEntry *pNewer, *pOlder; /* the thread's use order */
  uint64_t h;
  char *zKey;
  int64_t seq;
  int status;
  const char *zType;
  struct MHD_Response *pResp; /* built once, queued for every hit */
  size_t nBody, nCost;
  char zEtag[64];
};

typedef struct Cache {
  CacheEntry **apBucket;
  size_t nBucket; /* a power of two */
  size_t nEntry, nBytes, nPeak;
  CacheEntry *pNewest, *pOldest;
} Cache;

static uint64_t g_hashSeed; /* keys hash differently in every run */
/* Hashed into every ETag made from a request (etag_of_request): this run's
** options, build and catalogues are in none of its inputs. */
static unsigned char g_aEtagSalt[16];

/* The link that points to zKey's entry, or the null link ending its bucket. */
static CacheEntry **cache_link(Cache *c, uint64_t h, const char *zKey) {
  CacheEntry **pp = &c->apBucket[h & (c->nBucket - 1)];
  while (*pp && ((*pp)->h != h || strcmp((*pp)->zKey, zKey) != 0)) pp = &(*pp)->pChain;
  return pp;
}

static void cache_unlink_use(Cache *c, CacheEntry *e) {
  if (e->pNewer)
    e->pNewer->pOlder = e->pOlder;
  else
    c->pNewest = e->pOlder;
  if (e->pOlder)
    e->pOlder->pNewer = e->pNewer;
  else
    c->pOldest = e->pNewer;
  e->pNewer = e->pOlder = 0;
}

static void cache_push_use(Cache *c, CacheEntry *e) {
  e->pOlder = c->pNewest;
  e->pNewer = 0;
  if (c->pNewest) c->pNewest->pNewer = e;
  c->pNewest = e;
  if (!c->pOldest) c->pOldest = e;
}

static void cache_remove(Cache *c, CacheEntry *e) {
  CacheEntry **pp = cache_link(c, e->h, e->zKey);
  *pp = e->pChain;
  cache_unlink_use(c, e);
  c->nEntry--;
  c->nBytes -= e->nCost;
  MHD_destroy_response(e->pResp);
  xfree(e->zKey);
  xfree(e);
}

static void cache_grow(Cache *c) {
  size_t nNew = c->nBucket ? 2 * c->nBucket : 64;
  CacheEntry **aNew = xmalloc(nNew * sizeof(CacheEntry *));
  memset(aNew, 0, nNew * sizeof(CacheEntry *));
  for (size_t i = 0; i < c->nBucket; i++) {
    CacheEntry *e = c->apBucket[i];
    while (e) {
      CacheEntry *pNext = e->pChain;
      e->pChain = aNew[e->h & (nNew - 1)];
      aNew[e->h & (nNew - 1)] = e;
      e = pNext;
    }
  }
  xfree(c->apBucket);
  c->apBucket = aNew;
  c->nBucket = nNew;
}

/* A fresh entry for zKey, or NULL (and the stale one dropped). */
static CacheEntry *cache_get(Cache *c, uint64_t h, const char *zKey, int64_t seq) {
  CacheEntry *e = *cache_link(c, h, zKey);
  if (!e) return 0;
  if (e->seq != seq) {
    cache_remove(c, e);
    return 0;
  }
  cache_unlink_use(c, e);
  cache_push_use(c, e);
  return e;
}

/* Keep a response under zKey (taken over), evicting the least recently
** used entries to stay within the budget. */
static void cache_put(Cache *c, uint64_t h, char *zKey, int64_t seq, int status, const char *zType,
                      struct MHD_Response *pResp, size_t nBody, const char *zEtag) {
  size_t nCost = sizeof(CacheEntry) + strlen(zKey) + 1 + nBody + CACHE_ENTRY_OVERHEAD;
  CacheEntry *pOld = *cache_link(c, h, zKey);
  if (pOld) cache_remove(c, pOld);
  while (c->pOldest && c->nBytes + nCost > g_config.nCacheBudget) cache_remove(c, c->pOldest);
  if (c->nBytes + nCost > g_config.nCacheBudget) {
    MHD_destroy_response(pResp);
    xfree(zKey);
    return;
  }
  if (c->nEntry >= c->nBucket) cache_grow(c);
  CacheEntry *e = xmalloc(sizeof(CacheEntry));
  memset(e, 0, sizeof(*e));
  e->h = h;
  e->zKey = zKey;
  e->seq = seq;
  e->status = status;
  e->zType = zType;
  e->pResp = pResp;
  e->nBody = nBody;
  e->nCost = nCost;
  snprintf(e->zEtag, sizeof(e->zEtag), "%s", zEtag);
  CacheEntry **pp = &c->apBucket[h & (c->nBucket - 1)];
  e->pChain = *pp;
  *pp = e;
  cache_push_use(c, e);
  c->nEntry++;
  c->nBytes += nCost;
  if (c->nBytes > c->nPeak) c->nPeak = c->nBytes;
}

static void cache_free(Cache *c) {
  while (c->pOldest) cache_remove(c, c->pOldest);
  xfree(c->apBucket);
  memset(c, 0, sizeof(*c));
}

/* Per-thread state: a connection and a response cache. */
typedef struct ThreadState {
  Db *pDb;
  Cache cache;
  /* The journal's last seq as this thread last read it, when, and the
  ** write generation then (see current_seq). */
  int64_t seq;
  unsigned gen;
  int64_t nsChecked;
  bool bSeqKnown;
  /* SHA-256 for the ETags of this thread's answers (opened at the first). */
  Sha256 sha;
  bool bShaOpen;
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
    /* Pages of the registry read through a mapping of its file, not a
    ** pread each: a document asked for the first time reads a dozen pages
    ** no request read before, a system call and a copy each (15 % of its
    ** page, on a registry of 35 MB). As tlog.c does for proofs. */
    db_exec(t_state->pDb, "PRAGMA mmap_size=1073741824");
    cache_grow(&t_state->cache);
    pthread_mutex_lock(&g_stateLock);
    g_aState = xrealloc(g_aState, (size_t)(g_nState + 1) * sizeof(ThreadState *));
    g_aState[g_nState++] = t_state;
    pthread_mutex_unlock(&g_stateLock);
  }
  return t_state;
}

/* The caches' figures over all threads, once the daemon has stopped: the
** sum of each thread's peak bounds what they ever held together. */
static void free_thread_states(size_t *pnPeak, size_t *pnBytes, size_t *pnEntry) {
  *pnPeak = *pnBytes = *pnEntry = 0;
  for (int i = 0; i < g_nState; i++) {
    *pnPeak += g_aState[i]->cache.nPeak;
    *pnBytes += g_aState[i]->cache.nBytes;
    *pnEntry += g_aState[i]->cache.nEntry;
    cache_free(&g_aState[i]->cache);
    if (g_aState[i]->bShaOpen) sha256_close(&g_aState[i]->sha);
    db_close(g_aState[i]->pDb);
    xfree(g_aState[i]);
  }
  xfree(g_aState);
  g_aState = 0;
  g_nState = 0;
}

/* ---- Query arguments --------------------------------------------------------
**
** The handler reads query arguments through mhd_arg, which notes each name
** it asks for. A response is cached only when every argument of the
** request was read by its handler, each once: an unknown argument
** (?junk=N) or a repeated one changes the key but not the answer, and would
** otherwise fill the cache with copies of one response.
*/
#define MAX_ARGS_READ 16

typedef struct ArgsRead {
  struct MHD_Connection *pConn;
  char azName[MAX_ARGS_READ][32];
  int nName;
  bool bOverflow; /* more names, or longer, than noted: not cacheable */
} ArgsRead;

static int args_find(const ArgsRead *p, const char *zName) {
  for (int i = 0; i < p->nName; i++)
    if (strcmp(p->azName[i], zName) == 0) return i;
  return -1;
}

static const char *mhd_arg(void *pCtx, const char *zName) {
  ArgsRead *p = pCtx;
  if (args_find(p, zName) < 0) {
    size_t n = strlen(zName);
    if (p->nName < MAX_ARGS_READ && n < sizeof(p->azName[0]))
      memcpy(p->azName[p->nName++], zName, n + 1);
    else
      p->bOverflow = true;
  }
  return MHD_lookup_connection_value(p->pConn, MHD_GET_ARGUMENT_KIND, zName);
}

typedef struct ArgsCheck {
  const ArgsRead *pRead;
  unsigned seen; /* bit i: azName[i] was in the request */
  bool bOk;
} ArgsCheck;

static enum MHD_Result check_arg(void *pCtx, enum MHD_ValueKind kind, const char *zKey,
                                 const char *zValue) {
  ArgsCheck *p = pCtx;
  int i = args_find(p->pRead, zKey);
  if (i < 0 || (p->seen & (1u << i))) {
    p->bOk = false;
    return MHD_NO;
  }
  p->seen |= 1u << i;
  return MHD_YES;
}

static bool args_all_read(struct MHD_Connection *pConn, const ArgsRead *pRead) {
  if (pRead->bOverflow) return false;
  ArgsCheck check = {pRead, 0, true};
  MHD_get_connection_values(pConn, MHD_GET_ARGUMENT_KIND, check_arg, &check);
  return check.bOk;
}

/* The query's arguments but lang, encoded again, for Req.zQuery. */
static enum MHD_Result collect_query_arg(void *pCtx, enum MHD_ValueKind kind, const char *zKey,
                                         const char *zValue) {
  Buf *p = pCtx;
  if (strcmp(zKey, "lang") == 0) return MHD_YES;
  if (p->n) buf_putc(p, '&');
  http_put_query_value(p, zKey);
  buf_putc(p, '=');
  http_put_query_value(p, zValue ? zValue : "");
  return MHD_YES;
}

/* One query argument, its name and value encoded (neither then holds '=',
** '&' or ' '), a name without a value without '=': so that two different
** queries never read the same ("?a=1%26b%3D2" is not "?a=1&b=2"). */
static enum MHD_Result put_encoded_arg(void *pCtx, enum MHD_ValueKind kind, const char *zKey,
                                       const char *zValue) {
  Buf *p = pCtx;
  http_put_query_value(p, zKey);
  if (zValue) {
    buf_putc(p, '=');
    http_put_query_value(p, zValue);
  }
  buf_putc(p, '&');
  return MHD_YES;
}

/* Cache key: today's date (the default of ?on=), the path and every query
** argument, encoded. */
static void cache_key(struct MHD_Connection *pConn, const char *zUrl, Buf *pKey) {
  char zToday[DATE_BUFSZ];
  date_format(date_today(), zToday);
  buf_printf(pKey, "%s ", zToday);
  http_put_query_value(pKey, zUrl);
  buf_putc(pKey, '?');
  MHD_get_connection_values(pConn, MHD_GET_ARGUMENT_KIND, put_encoded_arg, pKey);
}

/* ---- ETags ----------------------------------------------------------------- */

/* The ETag of an answer made from the journal up to seq and the request
** alone (Resp.seqMadeAt), without reading its body: the first 8 bytes of
** the SHA-256 of this run's salt, today, the language, whether the request
** came over TLS, its path, its query's arguments and its cookies. A "q"
** tells it from the ETag of a body's bytes. */
static void etag_of_request(ThreadState *s, struct MHD_Connection *pConn, const char *zUrl,
                            const Lang *pLang, const char *zCookie, bool bSecure, pdate today,
                            int64_t seq, char *zEtag, size_t nEtag) {
  Buf in = {0};
  buf_append(&in, g_aEtagSalt, sizeof(g_aEtagSalt));
  buf_printf(&in, "%ld %s %d ", (long)today, i18n_code(pLang), bSecure ? 1 : 0);
  buf_append(&in, zUrl, strlen(zUrl) + 1); /* a decoded path has no NUL (HTTP_NUL) */
  MHD_get_connection_values(pConn, MHD_GET_ARGUMENT_KIND, put_encoded_arg, &in);
  buf_append(&in, "", 1);
  if (zCookie) buf_puts(&in, zCookie);
  unsigned char aHash[SHA256_LEN];
  sha256_digest(&s->sha, in.z, in.n, aHash);
  buf_free(&in);
  uint64_t h = 0;
  for (int i = 0; i < 8; i++) h = h << 8 | aHash[i];
  snprintf(zEtag, nEtag, "\"%llx-q%016llx\"", (unsigned long long)seq, (unsigned long long)h);
}

/* ---- Deadlines and the share of one address -------------------------------
**
** libmicrohttpd's timeout counts silence only, so a client sending one
** header line every few seconds would hold its connection for ever. Every
** connection is watched from its accept: its request's head must be in
** within --request-timeout seconds (from the accept, or from the end of the
** previous answer on a kept-alive connection), its body within
** BODY_TIMEOUT_S more; while it is being answered it has no deadline. A
** watcher thread shuts down the socket of a late one, which its thread in
** libmicrohttpd then sees as closed. libmicrohttpd tells CLOSED before it
** closes the socket, and a watch leaves the list under the lock, so the
** watcher never shuts down a descriptor that was reused.
*/
#define NO_DEADLINE INT64_MAX

typedef struct Watch Watch;
struct Watch {
  Watch *pNewer, *pOlder; /* the list of connections, oldest first */
  int fd;
  int family;
  unsigned char aAddr[16];
  _Atomic int64_t nsDeadline; /* NO_DEADLINE while it is answered */
  bool bShut;                 /* shut down by pacta (under g_watchLock) */
};

static pthread_mutex_t g_watchLock = PTHREAD_MUTEX_INITIALIZER;
static struct {
  Watch *pOldest, *pNewest; /* under g_watchLock, as the counts */
  long long nLate;          /* closed at their deadline */
  long long nShed;          /* closed to make room for a newer connection from their address */
  atomic_bool bStop;
} g_watch;

static void watch_shut(Watch *w) {
  shutdown(w->fd, SHUT_RDWR);
  w->bShut = true;
}

static bool watch_same_address(const Watch *a, const Watch *b) {
  size_t n = a->family == AF_INET6 ? 16 : 4;
  return a->family == b->family && memcmp(a->aAddr, b->aAddr, n) == 0;
}

static void watch_start(struct MHD_Connection *pConn, void **ppSocket) {
  Watch *w = xmalloc(sizeof(Watch));
  memset(w, 0, sizeof(*w));
  w->fd = -1;
  atomic_store(&w->nsDeadline, now_ns() + g_config.nsHead);
  const union MHD_ConnectionInfo *pFd =
      MHD_get_connection_info(pConn, MHD_CONNECTION_INFO_CONNECTION_FD);
  if (pFd) w->fd = pFd->connect_fd;
  const union MHD_ConnectionInfo *pAddr =
      MHD_get_connection_info(pConn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (pAddr && pAddr->client_addr) {
    const struct sockaddr *sa = pAddr->client_addr;
    w->family = sa->sa_family;
    if (sa->sa_family == AF_INET)
      memcpy(w->aAddr, &((const struct sockaddr_in *)sa)->sin_addr, 4);
    else if (sa->sa_family == AF_INET6)
      memcpy(w->aAddr, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
  }
  pthread_mutex_lock(&g_watchLock);
  int n = 0;
  Watch *pWaiting = 0; /* the address's oldest connection waiting for a request */
  for (Watch *p = g_watch.pOldest; p; p = p->pNewer) {
    if (p->bShut || !watch_same_address(p, w)) continue;
    n++;
    if (!pWaiting && atomic_load(&p->nsDeadline) != NO_DEADLINE) pWaiting = p;
  }
  if (n >= MAX_PER_ADDRESS && w->fd >= 0) {
    watch_shut(pWaiting ? pWaiting : w);
    g_watch.nShed++;
  }
  w->pOlder = g_watch.pNewest;
  if (g_watch.pNewest)
    g_watch.pNewest->pNewer = w;
  else
    g_watch.pOldest = w;
  g_watch.pNewest = w;
  pthread_mutex_unlock(&g_watchLock);
  *ppSocket = w;
}

static void watch_end(void **ppSocket) {
  Watch *w = *ppSocket;
  if (!w) return;
  pthread_mutex_lock(&g_watchLock);
  if (w->pNewer)
    w->pNewer->pOlder = w->pOlder;
  else
    g_watch.pNewest = w->pOlder;
  if (w->pOlder)
    w->pOlder->pNewer = w->pNewer;
  else
    g_watch.pOldest = w->pNewer;
  pthread_mutex_unlock(&g_watchLock);
  xfree(w);
  *ppSocket = 0;
}

static void on_connection(void *pCls, struct MHD_Connection *pConn, void **ppSocket,
                          enum MHD_ConnectionNotificationCode code) {
  if (code == MHD_CONNECTION_NOTIFY_STARTED)
    watch_start(pConn, ppSocket);
  else
    watch_end(ppSocket);
}

/* Set the deadline of the connection's current phase (NO_DEADLINE: none). */
static void watch_set(struct MHD_Connection *pConn, int64_t nsDeadline) {
  const union MHD_ConnectionInfo *p =
      MHD_get_connection_info(pConn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  if (p && p->socket_context) atomic_store(&((Watch *)p->socket_context)->nsDeadline, nsDeadline);
}

static void *watcher(void *pArg) {
  (void)pArg;
  const struct timespec tick = {0, 100 * 1000 * 1000};
  while (!atomic_load(&g_watch.bStop)) {
    nanosleep(&tick, 0);
    int64_t ns = now_ns();
    pthread_mutex_lock(&g_watchLock);
    for (Watch *w = g_watch.pOldest; w; w = w->pNewer) {
      if (w->bShut || w->fd < 0 || atomic_load(&w->nsDeadline) > ns) continue;
      watch_shut(w);
      g_watch.nLate++;
    }
    pthread_mutex_unlock(&g_watchLock);
  }
  return 0;
}

/* Watches libmicrohttpd did not report closed (none expected): freed at the end. */
static void watch_free_all(void) {
  pthread_mutex_lock(&g_watchLock);
  while (g_watch.pOldest) {
    Watch *w = g_watch.pOldest;
    g_watch.pOldest = w->pNewer;
    xfree(w);
  }
  g_watch.pNewest = 0;
  pthread_mutex_unlock(&g_watchLock);
}

/* libmicrohttpd's own messages (a socket error, a connection closed while
** its request was read), at most MHD_LOG_PER_S a second: a flood of
** clients must not become a flood of log lines, nor block on a full pipe. */
#define MHD_LOG_PER_S 10

static pthread_mutex_t g_logLock = PTHREAD_MUTEX_INITIALIZER;
static time_t g_logSecond;
static int g_nLogged;
static long long g_nLogDropped;

static void mhd_log(void *pCls, const char *zFmt, va_list ap) {
  time_t now = time(0);
  pthread_mutex_lock(&g_logLock);
  if (now != g_logSecond) {
    if (g_nLogDropped)
      fprintf(stderr, "pacta: libmicrohttpd: %lld more messages not shown\n", g_nLogDropped);
    g_logSecond = now;
    g_nLogged = 0;
    g_nLogDropped = 0;
  }
  if (g_nLogged++ < MHD_LOG_PER_S) {
    fputs("pacta: libmicrohttpd: ", stderr);
    vfprintf(stderr, zFmt, ap);
  } else {
    g_nLogDropped++;
  }
  pthread_mutex_unlock(&g_logLock);
}

/* ---- Requests -------------------------------------------------------------- */

/* One request in flight. */
typedef struct Conn {
  Buf body;
  size_t nMaxBody; /* the route's (http_max_body) */
  bool bTooLarge;
} Conn;

static bool is_trusted_proxy(const char *zAddr) {
  for (int i = 0; i < g_config.nProxy; i++)
    if (strcmp(g_config.azProxy[i], zAddr) == 0) return true;
  return false;
}

/* The client a trusted proxy names: the last address of X-Forwarded-For
** (the one the proxy added), written as inet_ntop writes it; zAddr is left
** as it is when there is none or it is not an address. */
static void forwarded_client(struct MHD_Connection *pConn, char *zAddr, size_t nAddr) {
  const char *zFwd = MHD_lookup_connection_value(pConn, MHD_HEADER_KIND, "X-Forwarded-For");
  if (!zFwd) return;
  const char *zLast = strrchr(zFwd, ',');
  zLast = zLast ? zLast + 1 : zFwd;
  zLast += strspn(zLast, " \t");
  size_t n = strcspn(zLast, " \t");
  char zIn[INET6_ADDRSTRLEN];
  if (n == 0 || n >= sizeof(zIn)) return;
  memcpy(zIn, zLast, n);
  zIn[n] = 0;
  unsigned char a[16];
  if (inet_pton(AF_INET, zIn, a) == 1)
    inet_ntop(AF_INET, a, zAddr, (socklen_t)nAddr);
  else if (inet_pton(AF_INET6, zIn, a) == 1)
    inet_ntop(AF_INET6, a, zAddr, (socklen_t)nAddr);
}

/* The connection's peer as inet_ntop writes it, or "-". */
static void peer_address(struct MHD_Connection *pConn, char *zAddr, size_t nAddr) {
  const union MHD_ConnectionInfo *pInfo =
      MHD_get_connection_info(pConn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  snprintf(zAddr, nAddr, "-");
  if (pInfo && pInfo->client_addr) {
    const struct sockaddr *sa = pInfo->client_addr;
    if (sa->sa_family == AF_INET)
      inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, zAddr, (socklen_t)nAddr);
    else if (sa->sa_family == AF_INET6)
      inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, zAddr, (socklen_t)nAddr);
  }
}

/* Did the request come over TLS? pacta speaks plain HTTP: only a trusted
** proxy's X-Forwarded-Proto says so. */
static bool request_over_tls(struct MHD_Connection *pConn) {
  const char *zProto = MHD_lookup_connection_value(pConn, MHD_HEADER_KIND, "X-Forwarded-Proto");
  if (!zProto || strcasecmp(zProto, "https") != 0 || g_config.nProxy == 0) return false;
  char zAddr[64];
  peer_address(pConn, zAddr, sizeof(zAddr));
  return is_trusted_proxy(zAddr);
}

static void log_access(struct MHD_Connection *pConn, const char *zMethod, const char *zUrl,
                       int status, size_t nBody, double ms, const char *zActor) {
  if (g_config.bQuiet) return;
  char zAddr[64];
  peer_address(pConn, zAddr, sizeof(zAddr));
  if (is_trusted_proxy(zAddr)) forwarded_client(pConn, zAddr, sizeof(zAddr));
  time_t now = time(0);
  struct tm tm;
  char zTime[32];
  gmtime_r(&now, &tm);
  strftime(zTime, sizeof(zTime), "%Y-%m-%dT%H:%M:%SZ", &tm);
  fprintf(stderr, "%s %s %s %s %d %zu %.2fms %s\n", zTime, zAddr, zMethod, zUrl, status, nBody, ms,
          zActor && *zActor ? zActor : "-");
}

static void add_headers(struct MHD_Response *r, const char *zType, const char *zEtag,
                        const Resp *pResp);

static struct MHD_Response *make_response(const char *zType, const char *zBody, size_t nBody,
                                          const char *zEtag, const Resp *pResp) {
  struct MHD_Response *r =
      MHD_create_response_from_buffer(nBody, (void *)zBody, MHD_RESPMEM_MUST_COPY);
  add_headers(r, zType, zEtag, pResp);
  return r;
}

/* ---- Streamed answers (Resp.xStream) ----------------------------------------
**
** libmicrohttpd asks for the body as the socket drains, on the thread that
** served the request, between that thread's other requests: the stream
** reads through its own connection (lists.h), never the thread's. */
typedef struct Stream {
  Resp r; /* xStream, xStreamFree, pStream */
  Buf part;
  size_t off;
  bool bEnd;
} Stream;

static ssize_t stream_read(void *pCls, uint64_t pos, char *zBuf, size_t nMax) {
  (void)pos;
  Stream *st = pCls;
  while (st->off == st->part.n) {
    if (st->bEnd) return MHD_CONTENT_READER_END_OF_STREAM;
    buf_reset(&st->part);
    st->off = 0;
    int rc = st->r.xStream(st->r.pStream, &st->part);
    if (rc < 0) return MHD_CONTENT_READER_END_WITH_ERROR;
    if (rc == 0) st->bEnd = true;
  }
  size_t n = st->part.n - st->off < nMax ? st->part.n - st->off : nMax;
  memcpy(zBuf, st->part.z + st->off, n);
  st->off += n;
  return (ssize_t)n;
}

static void stream_free(void *pCls) {
  Stream *st = pCls;
  st->r.xStreamFree(st->r.pStream);
  buf_free(&st->part);
  xfree(st);
}

static struct MHD_Response *make_stream_response(const Resp *pResp) {
  Stream *st = xmalloc(sizeof(Stream));
  memset(st, 0, sizeof(*st));
  st->r.xStream = pResp->xStream;
  st->r.xStreamFree = pResp->xStreamFree;
  st->r.pStream = pResp->pStream;
  struct MHD_Response *r =
      MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1u << 16, stream_read, st, stream_free);
  add_headers(r, pResp->zType, pResp->zEtag, pResp);
  return r;
}

/* The cookie remembering ?lang= when the answer sets a cookie of its own too
** (a form's CSRF secret): a second Set-Cookie header. Set and cleared by
** the request on this thread. */
static _Thread_local char tl_zLangCookie[96];

static void add_headers(struct MHD_Response *r, const char *zType, const char *zEtag,
                        const Resp *pResp) {
  MHD_add_response_header(r, "Content-Type", zType);
  if (zEtag && *zEtag) MHD_add_response_header(r, "ETag", zEtag);
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  if (pResp && pResp->zLocation[0]) MHD_add_response_header(r, "Location", pResp->zLocation);
  if (pResp && pResp->zSetCookie[0]) MHD_add_response_header(r, "Set-Cookie", pResp->zSetCookie);
  if (pResp && pResp->zSetCookie[0] && tl_zLangCookie[0])
    MHD_add_response_header(r, "Set-Cookie", tl_zLangCookie);
  if (pResp && pResp->nRetryAfter > 0) {
    char zRetry[16];
    snprintf(zRetry, sizeof(zRetry), "%d", pResp->nRetryAfter);
    MHD_add_response_header(r, "Retry-After", zRetry);
  }
  bool bHtml = zType && strncmp(zType, "text/html", 9) == 0;
  /* A page, or a public read of the API (its findings' and refusals'
  ** messages), is in the language of ?lang=, its cookie or Accept-Language. */
  if (bHtml || (pResp && pResp->zCacheControl && strcmp(pResp->zCacheControl, "no-cache") == 0))
    MHD_add_response_header(r, "Vary", "Accept-Language, Cookie");
  if (bHtml) {
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                            "img-src 'self' data:; frame-ancestors 'none'");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
  }
  if (pResp && pResp->zAllow[0]) MHD_add_response_header(r, "Allow", pResp->zAllow);
  if (pResp && pResp->zAuthenticate)
    MHD_add_response_header(r, "WWW-Authenticate", pResp->zAuthenticate);
  if (pResp && pResp->zCacheControl)
    MHD_add_response_header(r, "Cache-Control", pResp->zCacheControl);
  if (pResp && pResp->zTotalCount[0]) {
    MHD_add_response_header(r, "X-Total-Count", pResp->zTotalCount);
    MHD_add_response_header(r, "Access-Control-Expose-Headers", "X-Total-Count");
  }
}

static void body_free(void *p) {
  xfree(p);
}

static enum MHD_Result send_response(struct MHD_Connection *pConn, int status, const char *zType,
                                     const char *zBody, size_t nBody, const char *zEtag,
                                     const Resp *pResp) {
  struct MHD_Response *r = make_response(zType, zBody, nBody, zEtag, pResp);
  enum MHD_Result ret = MHD_queue_response(pConn, (unsigned)status, r);
  MHD_destroy_response(r);
  return ret;
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

/* A request's first call: its state, and whether to wait for its body
** (false: answer now). A body larger than the route takes is refused: before
** it is sent when the client waits for "100 Continue" to send it; else read
** and dropped as it comes (a client that is sending cannot read an answer),
** within the body's deadline. */
static bool conn_open(struct MHD_Connection *pConn, const char *zMethod, const char *zUrl,
                      void **ppConnCls) {
  Conn *c = xmalloc(sizeof(Conn));
  memset(c, 0, sizeof(Conn));
  *ppConnCls = c;
  c->nMaxBody = http_max_body(aRoute, nRoute, zMethod, zUrl);
  const char *zLength =
      MHD_lookup_connection_value(pConn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
  const char *zExpect = MHD_lookup_connection_value(pConn, MHD_HEADER_KIND, "Expect");
  c->bTooLarge = zLength && strtoull(zLength, 0, 10) > c->nMaxBody;
  if (c->bTooLarge && zExpect && strcasecmp(zExpect, "100-continue") == 0) return false;
  watch_set(pConn, now_ns() + (int64_t)BODY_TIMEOUT_S * 1000000000);
  return true; /* answer on a later call: keeps the connection alive */
}

/* A cached public read's 304: its Cache-Control, as the 200's. */
static const Resp g_respRevalidate = {.zCacheControl = "no-cache"};

static enum MHD_Result handle(void *pCls, struct MHD_Connection *pConn, const char *zUrl,
                              const char *zMethod, const char *zVersion, const char *zUpload,
                              size_t *pnUpload, void **ppConnCls) {
  if (!*ppConnCls && conn_open(pConn, zMethod, zUrl, ppConnCls)) return MHD_YES;
  Conn *const c = *ppConnCls;
  if (*pnUpload) {
    if (c->body.n + *pnUpload > c->nMaxBody)
      c->bTooLarge = true;
    else if (!c->bTooLarge)
      buf_append(&c->body, zUpload, *pnUpload);
    *pnUpload = 0;
    return MHD_YES;
  }
  watch_set(pConn, NO_DEADLINE);
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  ThreadState *s = thread_state();
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
  /* A signed-in page names who is signed in: never from, nor into, the
  ** cache. */
  const char *zCookie = MHD_lookup_connection_value(pConn, MHD_HEADER_KIND, "Cookie");
  bool bSignedIn = zCookie && strstr(zCookie, HTTP_SESSION_COOKIE "=");
  bool bCache = bGet && !c->bTooLarge && !bSignedIn && g_config.nCacheBudget > 0;
  /* The answer's language (?lang=, its cookie, Accept-Language, --lang):
  ** part of the cache key, since two of them are headers. */
  const char *zLangArg = MHD_lookup_connection_value(pConn, MHD_GET_ARGUMENT_KIND, "lang");
  const char *zAccept = MHD_lookup_connection_value(pConn, MHD_HEADER_KIND, "Accept-Language");
  const Lang *pLang = http_language(zLangArg, zCookie, zAccept, g_config.pLang);
  i18n_use(pLang);
  int64_t seq = current_seq(s);
  pdate today = date_today(); /* an ETag from the request needs the page's */
  const char *zIfNoneMatch = MHD_lookup_connection_value(pConn, MHD_HEADER_KIND, "If-None-Match");
  Buf key = {0};
  uint64_t h = 0;
  if (bCache) {
    cache_key(pConn, zUrl, &key);
    buf_printf(&key, " %s", i18n_code(pLang));
    h = fnv1a(key.z, g_hashSeed);
    CacheEntry *pEntry = cache_get(&s->cache, h, key.z, seq);
    if (pEntry) {
      buf_free(&key);
      db_on_error(s->pDb, 0, 0);
      pool_end(pPool, false);
      if (http_etag_matches(zIfNoneMatch, pEntry->zEtag)) {
        log_access(pConn, zMethod, zUrl, 304, 0, ms_since(&t0), 0);
        return send_response(pConn, 304, pEntry->zType, "", 0, pEntry->zEtag,
                             http_is_api_path(zUrl) ? &g_respRevalidate : 0);
      }
      log_access(pConn, zMethod, zUrl, pEntry->status, pEntry->nBody, ms_since(&t0), 0);
      return MHD_queue_response(pConn, (unsigned)pEntry->status, pEntry->pResp);
    }
  }

  ArgsRead args;
  args.pConn = pConn;
  args.nName = 0;
  args.bOverflow = false;
  Req req;
  memset(&req, 0, sizeof(req));
  req.zMethod = zMethod;
  req.zPath = zUrl;
  req.xArg = mhd_arg;
  req.pArgCtx = &args;
  req.zHeaderContentType = MHD_lookup_connection_value(pConn, MHD_HEADER_KIND, "Content-Type");
  req.zHeaderIfNoneMatch = zIfNoneMatch;
  req.zHeaderAuthorization = MHD_lookup_connection_value(pConn, MHD_HEADER_KIND, "Authorization");
  req.zHeaderCookie = zCookie;
  req.zHeaderAcceptLanguage = zAccept;
  Buf query = {0};
  MHD_get_connection_values(pConn, MHD_GET_ARGUMENT_KIND, collect_query_arg, &query);
  req.zQuery = query.z;
  req.bSecure = request_over_tls(pConn);
  req.zBody = c->body.z;
  req.nBody = c->body.n;
  req.pDb = s->pDb;
  req.zDbPath = g_config.zDb;
  req_authorize(&req);
  Resp resp;
  memset(&resp, 0, sizeof(resp));
  resp.status = 200;
  resp.zType = "application/json";
  if (c->bTooLarge)
    http_refuse_too_large(&req, &resp, c->nMaxBody);
  else
    http_dispatch(aRoute, nRoute, &req, &resp);
  /* ?lang= is remembered for the pages that follow. */
  tl_zLangCookie[0] = 0;
  if (zLangArg && i18n_find(zLangArg) == pLang) {
    if (!resp.zSetCookie[0])
      snprintf(resp.zSetCookie, sizeof(resp.zSetCookie),
               HTTP_LANG_COOKIE "=%s; Path=/; Max-Age=31536000; SameSite=Lax", i18n_code(pLang));
    else /* beside the page's own cookie (a form's CSRF secret) */
      snprintf(tl_zLangCookie, sizeof(tl_zLangCookie),
               HTTP_LANG_COOKIE "=%s; Path=/; Max-Age=31536000; SameSite=Lax", i18n_code(pLang));
  }
  buf_free(&query);
  db_on_error(s->pDb, 0, 0);
  pool_end(pPool, false); /* the answer and what the caches kept live on */
  pPool = 0;
  /* A write answered with a redirect (a form saved: 303) wrote too. */
  if (!bGet && resp.status < 400) atomic_fetch_add(&g_writeGeneration, 1);

  /* The API's public reads may be kept by a client, asking again with the
  ** ETag (the registry changes at any time); anything else under /api/ (a
  ** token's submissions, a write's answer, an error) is not to be kept. */
  bool bPublic = resp.bCacheable || resp.zEtag[0] || resp.xStream; /* a list, the export */
  if (http_is_api_path(zUrl))
    resp.zCacheControl = bGet && resp.status == 200 && bPublic ? "no-cache" : "no-store";
  const char *zBody = resp.body.z ? resp.body.z : "";
  if (bGet && resp.status == 200 && resp.bCacheable) {
    if (!s->bShaOpen) {
      sha256_open(&s->sha);
      s->bShaOpen = true;
    }
    /* An answer made from the request alone (Resp.seqMadeAt) is named by
    ** it, unless someone is signed in (the session's role can change with
    ** no journal entry) or the date changed while it was made. A token
    ** changes no cacheable answer (the cache above does not tell them
    ** apart either), so it is not among the inputs. */
    if (resp.seqMadeAt && !bSignedIn && !req.bSession && date_today() == today) {
      etag_of_request(s, pConn, zUrl, pLang, zCookie, req.bSecure, today, resp.seqMadeAt,
                      resp.zEtag, sizeof(resp.zEtag));
    } else {
      /* The body's SHA-256 (OpenSSL's, with the CPU's SHA instructions when
      ** it has them: about twice the speed of FNV-1a over a page of 175 KB),
      ** its first 8 bytes. */
      unsigned char aHash[SHA256_LEN];
      sha256_digest(&s->sha, zBody, resp.body.n, aHash);
      uint64_t hBody = 0;
      for (int i = 0; i < 8; i++) hBody = hBody << 8 | aHash[i];
      snprintf(resp.zEtag, sizeof(resp.zEtag), "\"%llx-%016llx\"", (unsigned long long)seq,
               (unsigned long long)hBody);
    }
    size_t nMax =
        g_config.nCacheBudget / 8 < CACHE_MAX_BODY ? g_config.nCacheBudget / 8 : CACHE_MAX_BODY;
    if (bCache && resp.body.n <= nMax && args_all_read(pConn, &args)) {
      cache_put(&s->cache, h, key.z, seq, resp.status, resp.zType,
                make_response(resp.zType, zBody, resp.body.n, resp.zEtag, &resp), resp.body.n,
                resp.zEtag);
      key.z = 0;
    }
  }
  buf_free(&key);
  enum MHD_Result ret;
  if (http_etag_matches(zIfNoneMatch, resp.zEtag)) {
    log_access(pConn, zMethod, zUrl, 304, 0, ms_since(&t0), req.caller.zName);
    ret = send_response(pConn, 304, resp.zType, "", 0, resp.zEtag, &resp);
    if (resp.xStream) resp.xStreamFree(resp.pStream);
  } else if (resp.xStream) {
    log_access(pConn, zMethod, zUrl, resp.status, 0, ms_since(&t0), req.caller.zName);
    struct MHD_Response *r = make_stream_response(&resp);
    ret = MHD_queue_response(pConn, (unsigned)resp.status, r);
    MHD_destroy_response(r);
  } else if (resp.body.z) {
    log_access(pConn, zMethod, zUrl, resp.status, resp.body.n, ms_since(&t0), req.caller.zName);
    /* The body is handed over, not copied (a document page is 175 KB):
    ** libmicrohttpd frees it with the response. Out of the request's pool
    ** since pool_end, it may be freed on any thread. */
    struct MHD_Response *r =
        MHD_create_response_from_buffer_with_free_callback(resp.body.n, resp.body.z, body_free);
    memset(&resp.body, 0, sizeof(resp.body));
    add_headers(r, resp.zType, resp.zEtag, &resp);
    ret = MHD_queue_response(pConn, (unsigned)resp.status, r);
    MHD_destroy_response(r);
  } else {
    log_access(pConn, zMethod, zUrl, resp.status, resp.body.n, ms_since(&t0), req.caller.zName);
    ret = send_response(pConn, resp.status, resp.zType, zBody, resp.body.n, resp.zEtag, &resp);
  }
  tl_zLangCookie[0] = 0;
  buf_free(&resp.body);
  return ret;
}

static void request_done(void *pCls, struct MHD_Connection *pConn, void **ppConnCls,
                         enum MHD_RequestTerminationCode code) {
  /* A kept-alive connection waits for its next request's head. */
  watch_set(pConn, now_ns() + g_config.nsHead);
  Conn *c = *ppConnCls;
  if (!c) return;
  buf_free(&c->body);
  xfree(c);
  *ppConnCls = 0;
}

/* --trusted-proxy's list into azOut (*pn of them), each address written as
** inet_ntop writes it (so that "::ffff:10.0.0.1" and the like compare as
** the log's). 0, or -1 with what is wrong in pErr. */
static int parse_proxies(const char *zList, char azOut[][INET6_ADDRSTRLEN], int *pn, Buf *pErr) {
  *pn = 0;
  for (const char *z = zList; z && *z;) {
    size_t n = strcspn(z, ",");
    char zIn[INET6_ADDRSTRLEN];
    unsigned char a[16];
    if (*pn == MAX_TRUSTED_PROXIES) {
      buf_printf(pErr, _("--trusted-proxy: at most %d addresses"), MAX_TRUSTED_PROXIES);
      return -1;
    }
    if (n < sizeof(zIn)) {
      memcpy(zIn, z, n);
      zIn[n] = 0;
    }
    char *zOut = azOut[*pn];
    if (n < sizeof(zIn) && inet_pton(AF_INET, zIn, a) == 1) {
      inet_ntop(AF_INET, a, zOut, INET6_ADDRSTRLEN);
    } else if (n < sizeof(zIn) && inet_pton(AF_INET6, zIn, a) == 1) {
      inet_ntop(AF_INET6, a, zOut, INET6_ADDRSTRLEN);
    } else {
      buf_printf(pErr,
                 _("--trusted-proxy: expected IP addresses separated by commas, got \"%.*s\""),
                 (int)n, z);
      return -1;
    }
    (*pn)++;
    z += n;
    if (*z) z++;
  }
  return 0;
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

/* The listening socket, opened here rather than by libmicrohttpd so that a
** port in use is a clear error: SO_REUSEADDR (a restart binds while old
** connections linger in TIME_WAIT) but not SO_REUSEPORT, with which a
** second server would bind the same port and share its connections. */
static int open_listener(const struct sockaddr_storage *pAddr, const char *zListen) {
  int family = pAddr->ss_family;
  int fd = socket(family, SOCK_STREAM, 0);
  if (fd < 0) die(EXIT_INPUT, _("%s: cannot open a socket: %s"), zListen, strerror(errno));
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  if (family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
  socklen_t n = family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
  if (bind(fd, (const struct sockaddr *)pAddr, n) != 0 || listen(fd, SOMAXCONN) != 0 ||
      fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0 ||
      fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) {
    int e = errno;
    close(fd);
    if (e == EADDRINUSE) die(EXIT_INPUT, _("%s: address in use"), zListen);
    if (e == EADDRNOTAVAIL) die(EXIT_INPUT, _("%s: not an address of this machine"), zListen);
    if (e == EACCES)
      die(EXIT_INPUT, _("%s: not allowed (a port below 1024 needs privileges)"), zListen);
    die(EXIT_INPUT, _("%s: cannot listen: %s"), zListen, strerror(e));
  }
  return fd;
}

int server_check_options(const ServeOptions *pOpt, Buf *pErr) {
  struct sockaddr_storage addr;
  if (!pOpt->zListen || parse_listen(pOpt->zListen, &addr)) {
    buf_printf(pErr, _("--listen: expected ADDRESS:PORT such as 127.0.0.1:8080, got \"%s\""),
               pOpt->zListen ? pOpt->zListen : "");
    return -1;
  }
  if (pOpt->zLang && !i18n_find(pOpt->zLang)) {
    buf_printf(pErr, _("--lang: no catalogue for \"%s\""), pOpt->zLang);
    return -1;
  }
  char azProxy[MAX_TRUSTED_PROXIES][INET6_ADDRSTRLEN];
  int nProxy;
  return parse_proxies(pOpt->zTrustedProxies, azProxy, &nProxy, pErr);
}

int server_run(const ServeOptions *pOpt) {
  Buf err = {0};
  if (server_check_options(pOpt, &err)) die(EXIT_USAGE, "%s", err.z);
  struct sockaddr_storage addr;
  parse_listen(pOpt->zListen, &addr);
  g_config.zDb = pOpt->zDb;
  g_config.bQuiet = pOpt->bQuiet;
  g_config.pLang = pOpt->zLang ? i18n_find(pOpt->zLang) : 0;
  parse_proxies(pOpt->zTrustedProxies, g_config.azProxy, &g_config.nProxy, &err);
  buf_free(&err);
  g_config.nCacheBudget = ((size_t)pOpt->nCacheMb << 20) / (size_t)pOpt->nThread;
  g_config.nsHead = (int64_t)pOpt->nRequestTimeout * 1000000000;
  if (getrandom(&g_hashSeed, sizeof(g_hashSeed), 0) != (ssize_t)sizeof(g_hashSeed))
    g_hashSeed = (uint64_t)now_ns() ^ ((uint64_t)getpid() << 32);
  if (getrandom(g_aEtagSalt, sizeof(g_aEtagSalt), 0) != (ssize_t)sizeof(g_aEtagSalt)) {
    int64_t aSeed[2] = {now_ns(), (int64_t)getpid()};
    memcpy(g_aEtagSalt, aSeed, sizeof(g_aEtagSalt));
  }
  /* Fail now, clearly, if the registry is missing; and bring the Merkle log
  ** up to the journal (a registry from before the log) here, not inside
  ** the first write request. */
  Db *pDb = db_open(pOpt->zDb, false);
  tlog_sync(pDb);
  db_close(pDb);
  int fdListen = open_listener(&addr, pOpt->zListen);

  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, 0); /* the pool threads inherit this */
  signal(SIGPIPE, SIG_IGN);

  atomic_store(&g_watch.bStop, false);
  pthread_t watcherThread;
  if (pthread_create(&watcherThread, 0, watcher, 0) != 0)
    die(EXIT_INPUT, _("cannot start a thread: %s"), strerror(errno));
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
                   (addr.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
  struct MHD_Daemon *d = MHD_start_daemon(
      flags, 0, 0, 0, handle, 0, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, 0, MHD_OPTION_LISTEN_SOCKET,
      fdListen, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)pOpt->nThread, MHD_OPTION_CONNECTION_LIMIT,
      MAX_CONNECTIONS, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT_S,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16384, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
      MAX_PER_ADDRESS_HARD, MHD_OPTION_NOTIFY_COMPLETED, request_done, 0,
      MHD_OPTION_NOTIFY_CONNECTION, on_connection, 0, MHD_OPTION_UNESCAPE_CALLBACK, http_unescape,
      NULL, MHD_OPTION_END);
  if (!d) die(EXIT_INPUT, _("%s: cannot start the server"), pOpt->zListen);
  fputs("pacta: ", stderr);
  fprintf(stderr, _("serving %s on http://%s/ with %d threads (Ctrl-C stops)"), pOpt->zDb,
          pOpt->zListen, pOpt->nThread);
  fputc('\n', stderr);
  int sig;
  sigwait(&sigs, &sig);
  fputs("pacta: ", stderr);
  fprintf(stderr, _("stopping (signal %d)"), sig);
  fputc('\n', stderr);
  atomic_store(&g_watch.bStop, true);
  pthread_join(watcherThread, 0);
  MHD_stop_daemon(d);
  watch_free_all();
  size_t nPeak, nBytes, nEntry;
  free_thread_states(&nPeak, &nBytes, &nEntry);
  fputs("pacta: ", stderr);
  fprintf(stderr,
          _("response cache peak %zu bytes of %zu (%zu entries, %zu bytes at the end); "
            "%lld connections closed at their deadline, %lld to make room"),
          nPeak, g_config.nCacheBudget * (size_t)pOpt->nThread, nEntry, nBytes, g_watch.nLate,
          g_watch.nShed);
  fputc('\n', stderr);
  return 0;
}
