/*
** API tokens: a bearer secret shown once at creation; the registry keeps
** only its SHA-256. A depositary token may write anything; a delegate token
** only its own party's notifications, instruments, reservations,
** declarations and withdrawals.
*/
#ifndef PACTA_AUTH_H
#define PACTA_AUTH_H

#include <jansson.h>
#include <stdbool.h>

#include "db.h"
#include "util.h"

typedef enum Role { ROLE_NONE, ROLE_DELEGATE, ROLE_DEPOSITARY } Role;

/* Who is asking: from the bearer token, or the session cookie of a page. */
typedef struct Caller {
  Role role;
  char zName[128]; /* token name: the journal's actor */
  char zParty[4];  /* delegate's party */
  bool bBadToken;  /* a token was given and is unknown or revoked */
} Caller;

/* Create a token; returns the secret (caller frees) or NULL with a message
** in pErr (duplicate name, bad role or party). */
char *auth_token_create(Db *pDb, const char *zRole, const char *zParty, const char *zName,
                        Buf *pErr);
/* Revoke by name; false if no such live token. */
bool auth_token_revoke(Db *pDb, const char *zName);
/* [{"name","role","party","created","revoked"}] */
json_t *auth_token_list(Db *pDb);

/* Who holds zSecret (a page's form field, or the secret of an
** Authorization header: auth_bearer). */
void auth_lookup(Db *pDb, const char *zSecret, Caller *pOut);
/* The secret of an Authorization header of the form "Bearer SECRET" (the
** scheme in any case, RFC 7235; one or more spaces; a secret without
** blanks), else NULL: the only form the server takes. */
const char *auth_bearer(const char *zAuthorization);

/* Signed-in sessions of the pages: a cookie's secret stands for a token
** until AUTH_SESSION_IDLE seconds pass without a request, the token is
** revoked, or it ends (sign out). Only the secret's SHA-256 is kept. */
#define AUTH_SESSION_IDLE (8 * 3600) /* a working day */
/* A new session for the holder of token zSecret: the cookie's secret (the
** caller frees it), with *pOut its caller; NULL when the token is unknown or
** revoked. */
char *auth_session_start(Db *pDb, const char *zTokenSecret, Caller *pOut);
/* The caller of session zSecret (role ROLE_NONE when it is unknown, ended,
** idle too long or its token revoked). */
void auth_session_lookup(Db *pDb, const char *zSecret, Caller *pOut);
void auth_session_end(Db *pDb, const char *zSecret);

/* The action types a delegate may submit for its party (NULL-terminated):
** consent instruments, notifications, reservations, declarations,
** objections, withdrawal notices. */
extern const char *const azDelegateActionType[];

/* May the caller write this interchange record (kind section, record)?
** Returns NULL if so, else the reason. */
const char *auth_may_write(const Caller *pCaller, const char *zSection, const json_t *pRecord);

#endif
