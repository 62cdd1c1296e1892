#include "lazy_lib.h"

#include <dlfcn.h>
#include <stdio.h>

#include "util.h"

int lazy_lib_open(const char *zSoname, const char *const *azName, void **apFn, int n, char *zErr,
                  size_t nErr) {
  void *h = dlopen(zSoname, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    snprintf(zErr, nErr, "%s", dlerror());
    return -1;
  }
  for (int i = 0; i < n; i++) {
    apFn[i] = dlsym(h, azName[i]);
    if (!apFn[i]) {
      snprintf(zErr, nErr, "%s: no %s", zSoname, azName[i]);
      return -1;
    }
  }
  return 0;
}

void lazy_lib_die(const char *zMessage, const char *zPackage, const char *zErr) {
  die(EXIT_INPUT, "%s: apt-get install %s (%s)", zMessage, zPackage, zErr);
}
