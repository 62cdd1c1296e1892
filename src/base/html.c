#include "html.h"

#include <stdarg.h>
#include <string.h>

void html_escape_n(Buf *p, const char *z, size_t n) {
  size_t iRun = 0;
  for (size_t i = 0; i < n; i++) {
    const char *zEsc;
    switch (z[i]) {
    case '&': zEsc = "&amp;"; break;
    case '<': zEsc = "&lt;"; break;
    case '>': zEsc = "&gt;"; break;
    case '"': zEsc = "&quot;"; break;
    case '\'': zEsc = "&#39;"; break;
    default: continue;
    }
    buf_append(p, z + iRun, i - iRun);
    buf_puts(p, zEsc);
    iRun = i + 1;
  }
  buf_append(p, z + iRun, n - iRun);
}

void html_escape(Buf *p, const char *z) {
  if (z) html_escape_n(p, z, strlen(z));
}

/* One conversion of hprintf's: %s %d %lld %zu, or %N$s... (a translation
** may number its values to place them in its own order, docs/i18n.md). */
typedef enum { ARG_STR, ARG_INT, ARG_LLONG, ARG_SIZE } ArgType;
#define HPRINTF_MAX_ARGS 16

/* Parse the conversion at z (after '%'): its type and number (0: none) and
** its length; 0 when it is not one of hprintf's. */
static size_t conversion(const char *z, ArgType *pType, int *pN) {
  size_t i = 0;
  *pN = 0;
  if (z[0] >= '1' && z[0] <= '9' && z[1] == '$') {
    *pN = z[0] - '0';
    i = 2;
  } else if (z[0] == '1' && z[1] >= '0' && z[1] <= '6' && z[2] == '$') {
    *pN = 10 + z[1] - '0';
    i = 3;
  }
  if (z[i] == 's')
    *pType = ARG_STR, i += 1;
  else if (z[i] == 'd')
    *pType = ARG_INT, i += 1;
  else if (strncmp(z + i, "lld", 3) == 0)
    *pType = ARG_LLONG, i += 3;
  else if (strncmp(z + i, "zu", 2) == 0)
    *pType = ARG_SIZE, i += 2;
  else
    return 0;
  return i;
}

void hprintf(Buf *p, const char *zFmt, ...) {
  /* The values first, in their order, by the types the format gives them. */
  union {
    const char *z;
    int i;
    long long ll;
    size_t n;
  } aArg[HPRINTF_MAX_ARGS];
  ArgType aType[HPRINTF_MAX_ARGS];
  unsigned seen = 0;
  int nArg = 0, nNext = 0;
  for (const char *z = strchr(zFmt, '%'); z; z = strchr(z, '%')) {
    z++;
    if (*z == '%') {
      z++;
      continue;
    }
    ArgType t;
    int n;
    size_t len = conversion(z, &t, &n);
    if (!len) panic("hprintf: unsupported conversion in \"%s\"", zFmt);
    int k = n ? n - 1 : nNext++;
    if (k >= HPRINTF_MAX_ARGS) panic("hprintf: too many values in \"%s\"", zFmt);
    aType[k] = t;
    seen |= 1u << k;
    if (k + 1 > nArg) nArg = k + 1;
    z += len;
  }
  if (seen != (1u << nArg) - 1) panic("hprintf: a value not used in \"%s\"", zFmt);
  va_list ap;
  va_start(ap, zFmt);
  for (int k = 0; k < nArg; k++) {
    switch (aType[k]) {
    case ARG_STR: aArg[k].z = va_arg(ap, const char *); break;
    case ARG_INT: aArg[k].i = va_arg(ap, int); break;
    case ARG_LLONG: aArg[k].ll = va_arg(ap, long long); break;
    case ARG_SIZE: aArg[k].n = va_arg(ap, size_t); break;
    }
  }
  va_end(ap);
  /* Then the text. */
  nNext = 0;
  const char *z = zFmt;
  while (*z) {
    const char *zPct = strchr(z, '%');
    if (!zPct) {
      buf_puts(p, z);
      break;
    }
    buf_append(p, z, (size_t)(zPct - z));
    z = zPct + 1;
    if (*z == '%') {
      buf_putc(p, '%');
      z++;
      continue;
    }
    ArgType t;
    int n;
    z += conversion(z, &t, &n);
    int k = n ? n - 1 : nNext++;
    switch (t) {
    case ARG_STR: html_escape(p, aArg[k].z); break;
    case ARG_INT: buf_printf(p, "%d", aArg[k].i); break;
    case ARG_LLONG: buf_printf(p, "%lld", aArg[k].ll); break;
    case ARG_SIZE: buf_printf(p, "%zu", aArg[k].n); break;
    }
  }
}

bool html_ends_in_period(const char *z, size_t n) {
  while (n > 0 && z[n - 1] == '>') {
    while (n > 0 && z[n - 1] != '<') n--;
    if (n > 0) n--;
  }
  return n > 0 && z[n - 1] == '.';
}

void html_period(Buf *p) {
  if (!html_ends_in_period(p->z, p->n)) buf_putc(p, '.');
}
