/*
** libstemmer (Snowball, the search's stems: src/store/fts.c), loaded at the
** first call (lazy_lib.h).
*/
#include <libstemmer.h>
#include <pthread.h>

#include "i18n.h"
#include "lazy_lib.h"

#define STEMMER_SONAME "libstemmer.so.0d"
#define STEMMER_PACKAGE "libstemmer0d"

#define STEMMER_FUNCTIONS(X)                                                                       \
  X(sb_stemmer_new)                                                                                \
  X(sb_stemmer_delete)                                                                             \
  X(sb_stemmer_stem)                                                                               \
  X(sb_stemmer_length)

enum {
#define STEMMER_ENUM(NAME) I_##NAME,
  STEMMER_FUNCTIONS(STEMMER_ENUM)
#undef STEMMER_ENUM
      N_FN
};
static const char *const azName[] = {
#define STEMMER_NAME(NAME) #NAME,
    STEMMER_FUNCTIONS(STEMMER_NAME)
#undef STEMMER_NAME
};
static void *apFn[N_FN];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char zErr[512];
static int rc;

static void load(void) {
  rc = lazy_lib_open(STEMMER_SONAME, azName, apFn, N_FN, zErr, sizeof(zErr));
}

/* The library's function NAME, loaded. */
#define FN(NAME) ((__typeof__(&NAME))need(I_##NAME))
static void *need(int i) {
  pthread_once(&once, load);
  if (rc)
    lazy_lib_die(_("this command needs a library that is not installed"), STEMMER_PACKAGE, zErr);
  return apFn[i];
}

struct sb_stemmer *sb_stemmer_new(const char *algorithm, const char *charenc) {
  return FN(sb_stemmer_new)(algorithm, charenc);
}

void sb_stemmer_delete(struct sb_stemmer *stemmer) {
  FN(sb_stemmer_delete)(stemmer);
}

const sb_symbol *sb_stemmer_stem(struct sb_stemmer *stemmer, const sb_symbol *word, int size) {
  return FN(sb_stemmer_stem)(stemmer, word, size);
}

int sb_stemmer_length(struct sb_stemmer *stemmer) {
  return FN(sb_stemmer_length)(stemmer);
}
