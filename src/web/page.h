/*
** The site's page frame and what the page families share (page.c): the head
** and navigation every page has, its foot, the error and 404 pages, and the
** small pieces of HTML the pages are made of. The pages themselves are in
** pages_*.c, one file per family, their handlers page_* (routes.h). Every
** string printed with hprintf's %s is escaped.
*/
#ifndef PACTA_PAGE_H
#define PACTA_PAGE_H

#include <jansson.h>
#include <stdbool.h>

#include "http.h"
#include "i18n.h"
#include "kind.h"

/* ---- The frame ------------------------------------------------------------------ */

/* The head, style sheet and navigation (zNav: the current item's href, or
** NULL), who is signed in, up to the opening of <main>. */
void pages_begin(Buf *p, Req *pReq, const char *zTitle, const char *zNav);
/* The foot, closing the page. */
void pages_end(Buf *p, Req *pReq);
/* Send p as HTML and free it; cacheable by journal sequence when bCache and
** the status is 200. */
void page_send(Resp *r, int status, Buf *p, bool bCache);
/* A whole page saying zMsg under the heading zTitle (both text), with a link
** home; never cached. */
void page_error(Req *pReq, Resp *r, int status, const char *zTitle, const char *zMsg);
/* The 404 page: there is no zWhat "zId" in this registry. */
void pages_not_found(Req *pReq, Resp *r, const char *zWhat, const char *zId);
/* ?on=YYYY-MM-DD, default today; false after a 400 page when malformed. */
bool page_on(Req *pReq, Resp *r, pdate *pOn);
/* A small GET form to zPath choosing the date ?on= (zOn shown). */
void date_form(Buf *p, const char *zPath, const char *zLabel, const char *zOn);

/* ---- Values --------------------------------------------------------------------- */

/* A new string, printf-formatted (free it). */
char *xprintf(const char *zFmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* ---- Pieces of HTML -------------------------------------------------------------- */

/* A name by language ({"en": ..., "ru": ...}) in the page's language, else
** English, else any; zFallback when it has none. put_name writes it escaped,
** in <span lang=..> when it is not the page's language (WCAG 3.1.2). */
const char *name_here(const json_t *pName, const char *zFallback);
void put_name(Buf *p, const json_t *pName, const char *zFallback);
/* The name in a second language beside the first, with its lang: Russian
** beside an English (or other) name, English beside a Russian one. */
void put_ru(Buf *p, const json_t *pName);
/* A date as <time> in the page's language's style, or a muted dash read as
** "none". */
void put_date(Buf *p, const char *zDate);
/* A value such as "in_force" as words ("in force"). */
void put_words(Buf *p, const char *z);
/* A status as a coloured badge. */
void put_badge(Buf *p, const char *zStatus);
/* A party's link by name, with its code. */
void put_party(Buf *p, const json_t *pParties, const char *zCode);
/* A link to /zPrefix/zId named by the record's zNameField in pMap, else zId. */
void put_link(Buf *p, const char *zPrefix, const json_t *pMap, const char *zId,
              const char *zNameField);
/* A table with a caption in a scrolling region that keyboard users can
** reach; zHeads: the literal column names separated by '|'. */
/* A page for a signed-in caller asked without a session: 303 to /login,
** which comes back to this path with the query arguments named in azArg
** (NULL-terminated, may be NULL) that the request holds (pages_login.c). */
void page_sign_in_first(Req *pReq, Resp *r, const char *const *azArg);

/* The consistency checks' findings (pages_checks.c), to a signed-in
** depositary only: for zDoc, a section listing those on the document and
** its actions (nothing when there are none); else for organization zOrg, a
** line with their counts linking to /checks?org=. */
void checks_box(Buf *p, Req *pReq, const char *zOrg, const char *zDoc);

void table_begin(Buf *p, const char *zCaption, const char *zHeads);
void table_end(Buf *p);
/* A record's "sources" as a list under its own heading (none: nothing). */
void put_sources(Buf *p, const json_t *aSource);

/* ---- Sections more than one family shows ---------------------------------------- */

/* A timeline of memberships aMem grouped into rows by zRowField ("party" or
** "organization"), rows in order of their first membership, with its legend.
** pNames maps a row key to its record (labelled by zNameField), zHrefPrefix
** makes its link; the time axis starts at start or the first membership. */
void membership_timeline(Buf *p, const char *zId, const char *zTitle, const json_t *aMem,
                         const char *zRowField, const json_t *pNames, const char *zNameField,
                         const char *zHrefPrefix, pdate start);
/* Sessions (of body zBody, or all when NULL), newest first: a new array. */
json_t *sessions_by_date(Db *pDb, const char *zBody);
/* One table row per session: date, (body when bBody), place, format, number
** of documents adopted. */
void session_rows(Buf *p, const json_t *aSession, const json_t *pBodies, bool bBody);

#endif
