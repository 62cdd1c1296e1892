/*
** Writing HTML into a buffer: escaping, and a printf whose strings are
** escaped.
*/
#ifndef PACTA_HTML_H
#define PACTA_HTML_H

#include "util.h"

/* HTML escaping into a buffer. */
void html_escape(Buf *p, const char *z);
/* The same for the n bytes at z (a piece of a longer string). */
void html_escape_n(Buf *p, const char *z, size_t n);
/* printf into a page where every %s is HTML-escaped; also %d, %lld, %zu. */
void hprintf(Buf *p, const char *zFmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Whether the n bytes of text at z (maybe HTML) end in a period, closing
** tags aside: a Russian date ("18 сентября 2003 г.") or an abbreviation,
** after which a sentence's own period would be a second one. */
bool html_ends_in_period(const char *z, size_t n);
/* A sentence's period, unless what p holds ends in one already. */
void html_period(Buf *p);

#endif
