/*
** Parse one interchange file with jansson the way pacta's loader does
** (src/registry/interchange.c, stream_walk): the punctuation of
** {"KEY": [VALUE, ...], ...} read here, and each key and each record parsed
** by jansson on its own (JSON_DISABLE_EOF_CHECK) into a tree, then freed.
** The JSON library's part of a load (bench/load_floor.sh). Exits 1 if the
** file is not laid out so.
**
**   cc -O2 -o json_parse bench/json_parse.c -ljansson && ./json_parse FILE
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

static const char *z; /* the file */
static size_t n, i;   /* its size; the next byte */

static int take(char c) {
  while (i < n && (z[i] == ' ' || z[i] == '\t' || z[i] == '\n' || z[i] == '\r')) i++;
  if (i < n && z[i] == c) {
    i++;
    return 1;
  }
  return 0;
}

/* The next value parsed and freed; 0 when there is none. */
static int value(void) {
  take(' ');
  json_error_t err;
  json_t *p = json_loadb(z + i, n - i,
                         JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, &err);
  if (!p) return 0;
  i += (size_t)err.position;
  json_decref(p);
  return 1;
}

static int document(void) {
  if (!take('{')) return 0;
  do {
    if (!value() || !take(':')) return 0;
    if (take('[')) {
      if (!take(']')) {
        do
          if (!value()) return 0;
        while (take(','));
        if (!take(']')) return 0;
      }
    } else if (!value()) {
      return 0;
    }
  } while (take(','));
  return take('}');
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: json_parse FILE\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f || fseek(f, 0, SEEK_END) || (long)(n = (size_t)ftell(f)) < 0) {
    perror(argv[1]);
    return 1;
  }
  rewind(f);
  char *a = malloc(n + 1);
  if (!a || fread(a, 1, n, f) != n) {
    perror(argv[1]);
    return 1;
  }
  fclose(f);
  z = a;
  int ok = document();
  if (!ok) fprintf(stderr, "json_parse: %s: not an interchange file at byte %zu\n", argv[1], i);
  free(a);
  return ok ? 0 : 1;
}
