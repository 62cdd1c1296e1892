/*
** The web pages' forms: an application/x-www-form-urlencoded body decoded,
** and the double-submit check against cross-site posts (a random secret in
** a cookie that only the form's own path is sent, and the same secret in a
** hidden field; a post from another site cannot read the cookie).
*/
#ifndef PACTA_FORM_H
#define PACTA_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "http.h"
#include "interchange.h"

/* The most fields a form body is read for (the arrays grow as needed). */
#define FORM_MAX_FIELDS 4096

typedef struct Form {
  char *zBuf;
  const char **azKey;
  const char **azVal;
  int n;
  int nAlloc;
  bool bBad; /* a field decoded to a NUL byte */
} Form;

void form_parse(Form *f, const char *z, size_t n);
/* The value of field zKey, or NULL (f may be NULL). */
const char *form_get(const Form *f, const char *zKey);
/* The value of the iNth field named zKey (a field repeated: checkboxes, a
** multiple select), or NULL. */
const char *form_get_nth(const Form *f, const char *zKey, int iNth);
void form_free(Form *f);

/* A form's answer above it: what was done (bOk) or why not, as HTML. */
void form_notice(Buf *p, bool bOk, const char *zHtml);

/* A consistency finding's message without its "kind key: field: " in
** front, for a page that shows which record and field it is about. */
const char *form_finding_message(const json_t *pFinding);

/* A submission's "received" (2026-12-04T10:15:02Z) as "4 December 2026,
** 10:15 UTC" in the page's language, in a <time>. */
void form_put_received(Buf *p, const char *zReceived);

/* A fresh secret in zOut (33 bytes), set as the cookie of the form at zPath. */
void csrf_new(Resp *r, const char *zPath, char *zOut);
/* Do the form's "csrf" field and the request's cookie hold the same secret?
** If so it is copied to zOut (33 bytes), for the form shown again. */
bool csrf_ok(const Req *pReq, const Form *f, char *zOut);

/* Who posts form f: the signed-in session's caller, else the holder of the
** form's "token" field (role ROLE_NONE when neither; bBadToken when the
** token is unknown). */
void form_caller(Req *pReq, const Form *f, Caller *pOut);
/* The form's token field with hint zHint (HTML), or, signed in, who will
** be the author. */
void form_token_field(Buf *p, const Req *pReq, const char *zHint);

/* Load one record a form made ({"pacta": 1, zSection: [pRec]}) through the
** journal as the caller, if the caller may write it. The status: 201
** written, 200 unchanged (*pRes says which journal entry), else 403 (not
** the caller's to write), 400 (the record's errors), 409 (it would
** contradict the registry: the consistency checks' errors) or 503 (busy),
** with the notice's words in pMsg after zNothing ("Nothing was recorded."),
** each error without the path of the record, which the form holds alone.
** A record written with the checks' warnings has them listed in pMsg. A
** delegate's record is a submission (submission.h): 202, its id in pMsg.
** pRes->aFinding is released here (NULL on return). */
int form_load(Db *pDb, const Caller *pCaller, const char *zSection, const json_t *pRec,
              const char *zNothing, Buf *pMsg, LoadResult *pRes);

/* form_load with a dry run first when bDryRun (everything, the checks too,
** then rolled back: status 201/200 as it would be, the warnings in
** *paProblem, nothing in pMsg). When paProblem is not NULL it gets a new
** array of what went wrong or would need a look, each {"field": a path in
** the record ("name.en", "recorded[1].party"; "" for the whole record),
** "message", "severity": "error" or "warning", "code"}, for the form to
** show beside its fields. A delegate's record is never dry-run (a
** submission writes nothing to the record). */
int form_load_opt(Db *pDb, const Caller *pCaller, const char *zSection, const json_t *pRec,
                  bool bDryRun, const char *zNothing, Buf *pMsg, LoadResult *pRes,
                  json_t **paProblem);

#endif
