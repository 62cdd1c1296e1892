/*
** What the depositary's record forms share (desk_session.c, desk_document.c):
** reading repeated fields, the depositary-only guard, a dry run of the record with its messages put
** beside the fields they are about, and fields drawn with their hint and
** error (aria-describedby, aria-invalid).
*/
#ifndef PACTA_DESK_RECORDS_H
#define PACTA_DESK_RECORDS_H

#include <jansson.h>
#include <stdbool.h>

#include "form.h"
#include "http.h"

/* The value of field zKey of form f, NULL also when it is blank. */
const char *desk_value(const Form *f, const char *zKey);
/* How many fields are named zKey (form_get_nth reads each). */
int desk_count(const Form *f, const char *zKey);
/* Is every field name and value of f UTF-8 text (and none held a NUL)? */
bool desk_utf8(const Form *f);

/* Is the request a signed-in depositary's? If not, the answer is sent: 303
** to /login?next=PATH when not signed in, 403 for another role. */
bool desk_allowed(Req *pReq, Resp *r);
/* Is a POST's body a form (else a 415 page is sent)? */
bool desk_form_type(Req *pReq, Resp *r);

/* Messages by field: {"FIELD-ID": ["...", ...]}; "" holds those about no
** field of the form. */
void desk_note(json_t *pBy, const char *zField, const char *zMsg);
/* Is z absent or only blanks? */
bool desk_blank(const char *z);
/* v[zKey] = z, when z is not NULL. */
void desk_set_str(json_t *v, const char *zKey, const char *z);
/* Maps the path of a message inside the record ("date", "next.date",
** "attendance[2].party") to the id of the form's field. */
typedef const char *(*DeskFieldOf)(const char *zPath, void *pCtx);

/* A dry run of record pRec of zSection (interchange section name) keyed
** zKind/zKey as pCaller: the validation messages and the consistency
** errors into pErrors, the warnings into pWarnings, each beside its field
** (xField). Returns true when it may be written (no error). */
bool desk_dry_run(Db *pDb, const Caller *pCaller, const char *zSection, const char *zKind,
                  const char *zKey, const json_t *pRec, DeskFieldOf xField, void *pCtx,
                  json_t *pErrors, json_t *pWarnings);

/* ` aria-describedby="ID-hint ID-error" aria-invalid="true"` as they apply. */
void desk_aria(Buf *p, const char *zId, bool bHint, const json_t *pErrors);
/* The hint and the error paragraphs of field zId (zHint: HTML, may be NULL). */
void desk_after(Buf *p, const char *zId, const char *zHint, const json_t *pErrors,
                const json_t *pWarnings);
/* A labelled input (zType "text", "date", "number"...) in its own div. */
void desk_input(Buf *p, const char *zId, const char *zName, const char *zLabel, const char *zType,
                const char *zValue, const char *zHint, const json_t *pErrors,
                const json_t *pWarnings);
/* A code of the interchange format ("ratification", "in_person", "founding")
** in words of the page's language; a code it does not know with its '_' as
** blanks (in a static buffer). */
const char *desk_word(const char *zCode);
/* Append zPattern (translated; its "%s" only) with each %s replaced by the
** next argument, HTML already (a link, an escaped name): not escaped again. */
void desk_html(Buf *p, const char *zPattern, ...);

/* The 403 page of a form that is not the caller's: why (zMsg, text), then a
** delegate's own forms and the way back to the desk. */
void desk_refused(Req *pReq, Resp *r, const char *zTitle, const char *zMsg);

/* <option>, selected when zSelected equals zValue. */
void desk_option(Buf *p, const char *zValue, const char *zLabel, const char *zSelected);
/* The notice above the form: the messages about no field, the errors'
** count, the warnings with a "Save anyway". */
void desk_notice(Buf *p, const json_t *pErrors, const json_t *pWarnings);

/* "Save anyway": the form carries confirm=DIGEST of the warnings it was
** shown; a save is "anyway" only when the warnings are still those (a form
** changed since then, with other warnings, is shown again). */
void desk_confirm_field(Buf *p, const json_t *pWarnings);
bool desk_confirmed(const Form *f, const json_t *pWarnings);

#endif
