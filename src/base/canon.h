/*
** Canonical JSON (RFC 8785, JCS) written from a jansson value: object
** members sorted by the UTF-16 code units of their names, no whitespace,
** minimal string escapes, numbers as ECMAScript prints them. The journal
** hashes these bytes, so two equal values always give equal bytes.
*/
#ifndef PACTA_CANON_H
#define PACTA_CANON_H

#include <jansson.h>
#include "util.h"

/* Append the canonical form of v to p. Returns 0, or -1 if v holds a
** number JSON cannot carry (NaN, infinity). */
int canon_write(Buf *p, const json_t *v);

/* Append z (n bytes of UTF-8) as a canonical JSON string. */
void canon_string(Buf *p, const char *z, size_t n);

/* ECMAScript Number.prototype.toString of a finite double. */
void canon_number(Buf *p, double d);

#endif
