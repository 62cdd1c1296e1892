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
#include "term.h"
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
/* A whole page saying zMsg under the heading zTitle (both text, already in
** the page's language: _("...")), with a link home; never cached. */
void page_error(Req *pReq, Resp *r, int status, const char *zTitle, const char *zMsg);
/* The 404 page: there is no zWhat "zId" in this registry. zWhat is a record
** kind's name ("party", "document"...) or "form for"; the sentence for each
** is in the catalogue. */
void pages_not_found(Req *pReq, Resp *r, const char *zWhat, const char *zId);
/* ?on=YYYY-MM-DD, default today; false after a 400 page when malformed. */
bool page_on(Req *pReq, Resp *r, pdate *pOn);
/* A small GET form to zPath choosing the date ?on= (zOn shown); zLabel is
** translated by the caller. */
void date_form(Buf *p, const char *zPath, const char *zLabel, const char *zOn);

/* ---- Values --------------------------------------------------------------------- */

/* A new string, printf-formatted (free it). */
char *xprintf(const char *zFmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* ---- Pieces of HTML -------------------------------------------------------------- */

/* A name by language in the page's language (name_here, fields.h), written
** escaped, in <span lang=..> when it is not the page's language (WCAG 3.1.2). */
void put_name(Buf *p, const json_t *pName, const char *zFallback);
/* The name in a second language beside the first, with its lang: Russian
** beside an English (or other) name, English beside a Russian one. */
void put_ru(Buf *p, const json_t *pName);
/* The same as a paragraph under a heading. */
void put_second_name(Buf *p, const json_t *pName);
/* A date as <time> in the page's language's style, or a muted dash read as
** "none". */
void put_date(Buf *p, const char *zDate);
/* A code of the record such as "in_force" as words in the page's language
** ("in force", "в силе"), from the one table of codes (term.h); a code the
** table does not know is written with its '_' as spaces, marked English.
** put_words_in gives the field's context for a code that means two things
** ("document type" for "declaration"). */
void put_words(Buf *p, const char *z);
void put_words_in(Buf *p, const char *zContext, const char *z);
/* A status as a coloured badge. */
void put_badge(Buf *p, const char *zStatus);
/* A party's link by name (in the page's language), with its code; the name
** alone. */
void put_party(Buf *p, const json_t *pParties, const char *zCode);
void put_party_name(Buf *p, const json_t *pParties, const char *zCode);
/* A link to /zPrefix/zId named by the record's zNameField in pMap, else zId. */
void put_link(Buf *p, const char *zPrefix, const json_t *pMap, const char *zId,
              const char *zNameField);
/* A page for a signed-in caller asked without a session: 303 to /login,
** which comes back to this path with the query arguments named in azArg
** (NULL-terminated, may be NULL) that the request holds (pages_login.c). */
void page_sign_in_first(Req *pReq, Resp *r, const char *const *azArg);

/* The consistency checks' findings (pages_checks.c), to a signed-in
** depositary only: for zDoc, a section listing those on the document and
** its actions (nothing when there are none); else for organization zOrg, a
** line with their counts linking to /checks?org=. */
void checks_box(Buf *p, Req *pReq, const char *zOrg, const char *zDoc);

/* A table with a caption in a scrolling region that keyboard users can
** reach; zHeads: the column names separated by '|', written as they are
** (both translated by the caller: _("Date|Body|Place")). */
void table_begin(Buf *p, const char *zCaption, const char *zHeads);
void table_end(Buf *p);
/* A record's "sources" as a list under its own heading (none: nothing). */
void put_sources(Buf *p, const json_t *aSource);

/* ---- Sentences with pieces of HTML ---------------------------------------------- */

/* A translated message whose {0}...{9} are replaced by the pieces of HTML
** given (already escaped), the rest escaped; a translation may put them in
** any order: put_msg(p, _("{0}'s reservation of {1}"), zParty, zDate). */
void put_msg_a(Buf *p, const char *zMsg, const char *const *azArg);
#define put_msg(p, zMsg, ...) put_msg_a(p, zMsg, (const char *const[]){__VA_ARGS__, 0})
/* The same as plain text, a new string (free it), with plain text pieces:
** for a caption or a title that is escaped where it is written. */
char *msg_text_a(const char *zMsg, const char *const *azArg);
#define msg_text(zMsg, ...) msg_text_a(zMsg, (const char *const[]){__VA_ARGS__, 0})
/* New strings (free them) to give put_msg: text escaped; a date as put_date
** writes it; a date as plain text in the page's language; a code as words;
** a party as put_party writes it; a plural pattern formatted with n, as text
** and escaped. */
char *html_of(const char *zText);
/* A record's free text (a note, a place), whose language the record does not
** state: in <span lang=..> when it is not the page's (Cyrillic: Russian, else
** English); text_html the same as a new string. */
void put_text(Buf *p, const char *z);
char *text_html(const char *z);
/* A session's or a document's place: a registry city's name in the page's
** language (place_here), else the place as recorded (put_text). */
void put_place(Buf *p, Db *pDb, const char *zPlace);
/* The shortest of a record's aliases in the page's language, a pattern
** ("Содружеств*") aside: "СНГ", "CSTO". NULL when it has none. */
const char *alias_here(const json_t *pRec);
/* An organization of pOrgs (a map by id) by its short name in the page's
** language in an <abbr> with its name («СНГ»), else by its name; a link
** to its page when bLink. */
void put_org_short(Buf *p, const json_t *pOrgs, const char *zCode, bool bLink);
char *date_html(const char *zIso);
char *date_text(const char *zIso);
char *words_html(const char *zContext, const char *zCode);
char *party_html(const json_t *pParties, const char *zCode);
char *plural_text(const char *zPattern, long long n);
char *plural_html(const char *zPattern, long long n);

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
void session_rows(Buf *p, Db *pDb, const json_t *aSession, const json_t *pBodies, bool bBody);

#endif
