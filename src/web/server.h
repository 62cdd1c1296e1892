/*
** `pacta serve`: the HTTP server for the API and the pages (http.h).
*/
#ifndef PACTA_SERVER_H
#define PACTA_SERVER_H

#include <stdbool.h>

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

/* Serve until SIGINT or SIGTERM. Returns the exit status. */
int server_run(const ServeOptions *pOpt);

#endif
