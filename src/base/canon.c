#include "canon.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void canon_string(Buf *p, const char *z, size_t n) {
  static const char aHex[] = "0123456789abcdef";
  buf_putc(p, '"');
  size_t iRun = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)z[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    buf_append(p, z + iRun, i - iRun);
    iRun = i + 1;
    switch (c) {
    case '"': buf_puts(p, "\\\""); break;
    case '\\': buf_puts(p, "\\\\"); break;
    case '\b': buf_puts(p, "\\b"); break;
    case '\f': buf_puts(p, "\\f"); break;
    case '\n': buf_puts(p, "\\n"); break;
    case '\r': buf_puts(p, "\\r"); break;
    case '\t': buf_puts(p, "\\t"); break;
    default: {
      char aEsc[6] = {'\\', 'u', '0', '0', aHex[c >> 4], aHex[c & 15]};
      buf_append(p, aEsc, 6);
    }
    }
  }
  buf_append(p, z + iRun, n - iRun);
  buf_putc(p, '"');
}

/* Next UTF-16 code unit of a UTF-8 string (jansson guarantees valid
** UTF-8). *pLow carries the low surrogate of a pending pair. */
static unsigned next_utf16(const unsigned char **pz, unsigned *pLow) {
  if (*pLow) {
    unsigned u = *pLow;
    *pLow = 0;
    return u;
  }
  const unsigned char *z = *pz;
  unsigned cp;
  if (z[0] < 0x80) {
    cp = z[0];
    *pz += 1;
  } else if (z[0] < 0xE0) {
    cp = ((z[0] & 0x1Fu) << 6) | (z[1] & 0x3Fu);
    *pz += 2;
  } else if (z[0] < 0xF0) {
    cp = ((z[0] & 0x0Fu) << 12) | ((z[1] & 0x3Fu) << 6) | (z[2] & 0x3Fu);
    *pz += 3;
  } else {
    cp = ((z[0] & 0x07u) << 18) | ((z[1] & 0x3Fu) << 12) | ((z[2] & 0x3Fu) << 6) | (z[3] & 0x3Fu);
    *pz += 4;
  }
  if (cp < 0x10000) return cp;
  cp -= 0x10000;
  *pLow = 0xDC00 + (cp & 0x3FF);
  return 0xD800 + (cp >> 10);
}

static int compare_utf16(const void *pA, const void *pB) {
  const unsigned char *a = *(const unsigned char *const *)pA;
  const unsigned char *b = *(const unsigned char *const *)pB;
  unsigned lowA = 0, lowB = 0;
  for (;;) {
    if (!*a && !lowA) return (*b || lowB) ? -1 : 0;
    if (!*b && !lowB) return 1;
    unsigned ua = next_utf16(&a, &lowA), ub = next_utf16(&b, &lowB);
    if (ua != ub) return ua < ub ? -1 : 1;
  }
}

void canon_number(Buf *p, double d) {
  if (d == 0) {
    buf_putc(p, '0'); /* also -0 */
    return;
  }
  /* Shortest digit string that reads back as d. */
  char aSci[40];
  int prec;
  for (prec = 0; prec < 17; prec++) {
    snprintf(aSci, sizeof(aSci), "%.*e", prec, d);
    if (strtod(aSci, 0) == d) break;
  }
  /* aSci is [-]D[.DDD]e[+-]XX: split into digits and exponent. */
  char aDigit[20];
  int nDigit = 0;
  const char *z = aSci;
  if (*z == '-') {
    buf_putc(p, '-');
    z++;
  }
  for (; *z != 'e'; z++)
    if (*z != '.') aDigit[nDigit++] = *z;
  while (nDigit > 1 && aDigit[nDigit - 1] == '0') nDigit--;
  int n = atoi(z + 1) + 1; /* position of the decimal point */
  if (nDigit <= n && n <= 21) {
    buf_append(p, aDigit, (size_t)nDigit);
    for (int i = nDigit; i < n; i++) buf_putc(p, '0');
  } else if (0 < n && n <= 21) {
    buf_append(p, aDigit, (size_t)n);
    buf_putc(p, '.');
    buf_append(p, aDigit + n, (size_t)(nDigit - n));
  } else if (-6 < n && n <= 0) {
    buf_puts(p, "0.");
    for (int i = n; i < 0; i++) buf_putc(p, '0');
    buf_append(p, aDigit, (size_t)nDigit);
  } else {
    buf_putc(p, aDigit[0]);
    if (nDigit > 1) {
      buf_putc(p, '.');
      buf_append(p, aDigit + 1, (size_t)(nDigit - 1));
    }
    buf_printf(p, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
  }
}

int canon_write(Buf *p, const json_t *v) {
  switch (json_typeof(v)) {
  case JSON_OBJECT: {
    size_t n = json_object_size(v);
    const char *aStack[32];
    const char **azKey = n <= 32 ? aStack : xmalloc(n * sizeof(char *));
    size_t i = 0;
    const char *zKey;
    json_t *pVal;
    json_object_foreach((json_t *)v, zKey, pVal) azKey[i++] = zKey;
    qsort(azKey, n, sizeof(char *), compare_utf16);
    buf_putc(p, '{');
    int rc = 0;
    for (i = 0; i < n && rc == 0; i++) {
      if (i) buf_putc(p, ',');
      canon_string(p, azKey[i], strlen(azKey[i]));
      buf_putc(p, ':');
      rc = canon_write(p, json_object_get(v, azKey[i]));
    }
    buf_putc(p, '}');
    if (azKey != aStack) xfree(azKey);
    return rc;
  }
  case JSON_ARRAY: {
    buf_putc(p, '[');
    for (size_t i = 0; i < json_array_size(v); i++) {
      if (i) buf_putc(p, ',');
      if (canon_write(p, json_array_get(v, i))) return -1;
    }
    buf_putc(p, ']');
    return 0;
  }
  case JSON_STRING: canon_string(p, json_string_value(v), json_string_length(v)); return 0;
  case JSON_INTEGER: buf_printf(p, "%" JSON_INTEGER_FORMAT, json_integer_value(v)); return 0;
  case JSON_REAL: {
    double d = json_real_value(v);
    if (!isfinite(d)) return -1;
    canon_number(p, d);
    return 0;
  }
  case JSON_TRUE: buf_puts(p, "true"); return 0;
  case JSON_FALSE: buf_puts(p, "false"); return 0;
  case JSON_NULL: buf_puts(p, "null"); return 0;
  }
  return -1;
}
