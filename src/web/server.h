/*
** `pacta serve`: the HTTP server for the API and the pages (http.h).
*/
#ifndef PACTA_SERVER_H
#define PACTA_SERVER_H

#include <stdbool.h>

/* Serve until SIGINT or SIGTERM. Returns the exit status. */
int server_run(const char *zDb, const char *zListen, int nThread, bool bQuiet);

#endif
