/*
** The OpenAPI document (docs/openapi.json) against the real route table:
** every API route is documented with its method, and every documented
** path and method is a real route.
*/
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "http.h"
#include "routes.h"

static int nPass, nFail;

#define CHECK(cond, ...)                                                                           \
  do {                                                                                             \
    if (cond) {                                                                                    \
      nPass++;                                                                                     \
    } else {                                                                                       \
      nFail++;                                                                                     \
      printf("FAIL %s:%d: ", __FILE__, __LINE__);                                                  \
      printf(__VA_ARGS__);                                                                         \
      printf("\n");                                                                                \
    }                                                                                              \
  } while (0)

/* "/api/v1/{collection}/{key}" -> "/api/v1/{}/{}" */
static void normalize(const char *z, char *zOut, size_t nOut) {
  size_t n = 0;
  while (*z && n + 3 < nOut) {
    if (*z == '{') {
      zOut[n++] = '{';
      zOut[n++] = '}';
      while (*z && *z != '}') z++;
      if (*z) z++;
    } else {
      zOut[n++] = *z++;
    }
  }
  zOut[n] = 0;
}

static void lower(const char *z, char *zOut) {
  size_t i = 0;
  for (; z[i]; i++) zOut[i] = (char)(z[i] >= 'A' && z[i] <= 'Z' ? z[i] + 32 : z[i]);
  zOut[i] = 0;
}

int main(int argc, char **argv) {
  json_error_t err;
  json_t *pDoc = argc > 1 ? json_load_file(argv[1], 0, &err) : 0;
  if (!pDoc) {
    printf("cannot read the OpenAPI document\n0 passed, 1 failed\n");
    return 1;
  }
  CHECK(strncmp(json_string_value(json_object_get(pDoc, "openapi")), "3.", 2) == 0,
        "not OpenAPI 3");
  const json_t *pPaths = json_object_get(pDoc, "paths");
  /* Each route is documented. */
  for (int i = 0; i < nRoute; i++) {
    if (strncmp(aRoute[i].zPattern, "/api/", 5) != 0) continue; /* a page */
    char zMethod[16];
    lower(aRoute[i].zMethod, zMethod);
    bool bFound = false;
    const char *zPath;
    json_t *pItem;
    json_object_foreach((json_t *)pPaths, zPath, pItem) {
      char zNorm[256];
      normalize(zPath, zNorm, sizeof(zNorm));
      if (strcmp(zNorm, aRoute[i].zPattern) == 0 && json_object_get(pItem, zMethod)) bFound = true;
    }
    CHECK(bFound, "route %s %s is not in the OpenAPI document", aRoute[i].zMethod,
          aRoute[i].zPattern);
  }
  /* Each documented operation is a route. */
  const char *zPath;
  json_t *pItem;
  json_object_foreach((json_t *)pPaths, zPath, pItem) {
    char zNorm[256];
    normalize(zPath, zNorm, sizeof(zNorm));
    const char *zMethod;
    json_t *pOp;
    json_object_foreach(pItem, zMethod, pOp) {
      bool bFound = false;
      for (int i = 0; i < nRoute; i++) {
        char zLow[16];
        lower(aRoute[i].zMethod, zLow);
        if (strcmp(zLow, zMethod) == 0 && strcmp(aRoute[i].zPattern, zNorm) == 0) bFound = true;
      }
      CHECK(bFound, "documented %s %s has no route", zMethod, zPath);
    }
  }
  json_decref(pDoc);
  printf("%d passed, %d failed\n", nPass, nFail);
  return nFail ? 1 : 0;
}
