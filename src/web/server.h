/*
** `pacta serve`: the HTTP server for the API and the pages (http.h).
*/
#ifndef PACTA_SERVER_H
#define PACTA_SERVER_H

#include <stdbool.h>

#include "util.h"

typedef struct ServeOptions {
  const char *zDb;
  const char *zListen; /* ADDRESS:PORT */
  int nThread;
  bool bQuiet;                 /* no access log */
  int nCacheMb;                /* the response cache's budget over all threads, MiB; 0: no cache */
  int nRequestTimeout;         /* seconds a request's head may take to arrive */
  const char *zTrustedProxies; /* comma-separated addresses whose X-Forwarded-For is believed */
  const char *zLang;           /* the pages' language when the request names none; NULL: English */
} ServeOptions;

/* Whether pOpt's --listen, --lang and --trusted-proxy can be served: 0, or
** -1 with what is wrong in pErr (in the current language), for the
** command's usage error. server_run dies (exit 2) for the same. */
int server_check_options(const ServeOptions *pOpt, Buf *pErr);

/* Serve until SIGINT or SIGTERM. Returns the exit status. */
int server_run(const ServeOptions *pOpt);

#endif
