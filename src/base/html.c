#include "html.h"

#include <stdarg.h>
#include <string.h>

void html_escape(Buf *p, const char *z) {
  if (!z) return;
  size_t iRun = 0, i = 0;
  for (; z[i]; i++) {
    const char *zEsc = 0;
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
  buf_append(p, z + iRun, i - iRun);
}

void hprintf(Buf *p, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  const char *z = zFmt;
  while (*z) {
    const char *zPct = strchr(z, '%');
    if (!zPct) {
      buf_puts(p, z);
      break;
    }
    buf_append(p, z, (size_t)(zPct - z));
    z = zPct + 1;
    if (*z == 's') {
      html_escape(p, va_arg(ap, const char *));
      z++;
    } else if (*z == 'd') {
      buf_printf(p, "%d", va_arg(ap, int));
      z++;
    } else if (strncmp(z, "lld", 3) == 0) {
      buf_printf(p, "%lld", va_arg(ap, long long));
      z += 3;
    } else if (strncmp(z, "zu", 2) == 0) {
      buf_printf(p, "%zu", va_arg(ap, size_t));
      z += 2;
    } else if (*z == '%') {
      buf_putc(p, '%');
      z++;
    } else {
      panic("hprintf: unsupported conversion in \"%s\"", zFmt);
    }
  }
  va_end(ap);
}
