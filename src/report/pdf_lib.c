/*
** Loading the PDF reports' libraries at the first PDF (pdf_lib.h): pacta
** links none of cairo, pango, fontconfig and glib, so a command that draws
** no PDF does not load them (with their dependencies, some thirty shared
** libraries) nor pay their relocations at start-up.
*/
#define PDF_LIB_NO_REDIRECT
#include "pdf_lib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include "i18n.h"

PdfLib pdf_lib;

/* By PDF_LIB_*: each library's soname and the Debian package holding it. */
static const char *const azSoname[][2] = {
    {"libcairo.so.2", "libcairo2"},
    {"libpango-1.0.so.0", "libpango-1.0-0"},
    {"libpangocairo-1.0.so.0", "libpangocairo-1.0-0"},
    {"libfontconfig.so.1", "libfontconfig1"},
    {"libgobject-2.0.so.0", "libglib2.0-0"},
    {"libglib-2.0.so.0", "libglib2.0-0"},
};
#define N_LIB (int)(sizeof(azSoname) / sizeof(azSoname[0]))

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char zFailed[512]; /* what failed to load, or "" */
static const char *zPackage;

static void load(void) {
  void *ah[N_LIB];
  for (int i = 0; i < N_LIB; i++) {
    ah[i] = dlopen(azSoname[i][0], RTLD_NOW | RTLD_LOCAL);
    if (!ah[i]) {
      snprintf(zFailed, sizeof(zFailed), "%s", dlerror());
      zPackage = azSoname[i][1];
      return;
    }
  }
#define PDF_LIB_SYM(LIB, NAME)                                                                     \
  if (!zFailed[0]) {                                                                               \
    *(void **)&pdf_lib.NAME = dlsym(ah[LIB], #NAME);                                               \
    if (!pdf_lib.NAME) {                                                                           \
      snprintf(zFailed, sizeof(zFailed), "%s: no %s", azSoname[LIB][0], #NAME);                    \
      zPackage = azSoname[LIB][1];                                                                 \
    }                                                                                              \
  }
  PDF_LIB_FUNCTIONS(PDF_LIB_SYM)
#undef PDF_LIB_SYM
}

int pdf_lib_load(Buf *pErr) {
  pthread_once(&once, load);
  if (!zFailed[0]) return 0;
  buf_printf(pErr, _("PDF reports need %s: apt-get install %s (%s)"), zPackage, zPackage, zFailed);
  return -1;
}
