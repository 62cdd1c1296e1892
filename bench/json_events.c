/*
** Read one JSON file as a stream of events with yajl (Debian's libyajl-dev):
** what a loader that took each record from the events, with no jansson
** parse, would pay the JSON library (bench/load_floor.sh measures it beside
** jansson's own parse). Exits 1 if the file is not JSON.
**
**   cc -O2 -o json_events bench/json_events.c -lyajl -ljansson
**   ./json_events FILE            events only, nothing built
**   ./json_events --trees FILE    each record (a value two levels down, as
**                                 {"actions": [RECORD, ...]}) built as a
**                                 jansson tree from the events and freed
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#define MAX_DEPTH 64

/* The values being built: the containers open at each depth, the key each
** object's next member takes. */
typedef struct Build {
  json_t *aOpen[MAX_DEPTH];
  char *azKey[MAX_DEPTH]; /* a copy: the event's bytes are gone by the value's end */
  size_t anKey[MAX_DEPTH];
  int nOpen;
  long nRecord;
} Build;

/* v into the container it is a member of; a record, once complete, freed. */
static int put(Build *b, json_t *v) {
  if (b->nOpen == 0) {
    json_decref(v);
    return 1;
  }
  json_t *pIn = b->aOpen[b->nOpen - 1];
  int i = b->nOpen - 1;
  if (json_is_object(pIn)) {
    json_object_setn_new_nocheck(pIn, b->azKey[i], b->anKey[i], v);
    free(b->azKey[i]);
    b->azKey[i] = 0;
  } else
    json_array_append_new(pIn, v);
  return 1;
}

static int on_null(void *p) {
  return put(p, json_null());
}
static int on_bool(void *p, int b) {
  return put(p, json_boolean(b));
}
static int on_integer(void *p, long long n) {
  return put(p, json_integer(n));
}
static int on_double(void *p, double d) {
  return put(p, json_real(d));
}
static int on_string(void *p, const unsigned char *z, size_t n) {
  return put(p, json_stringn_nocheck((const char *)z, n));
}
static int open_value(Build *b, json_t *v) {
  if (b->nOpen == MAX_DEPTH) return 0;
  b->aOpen[b->nOpen++] = v;
  return 1;
}
static int on_map_start(void *p) {
  return open_value(p, json_object());
}
static int on_array_start(void *p) {
  return open_value(p, json_array());
}
static int on_key(void *p, const unsigned char *z, size_t n) {
  Build *b = p;
  char *zKey = malloc(n + 1);
  if (!zKey) return 0;
  memcpy(zKey, z, n);
  zKey[n] = 0;
  free(b->azKey[b->nOpen - 1]);
  b->azKey[b->nOpen - 1] = zKey;
  b->anKey[b->nOpen - 1] = n;
  return 1;
}
static int on_end(void *p) {
  Build *b = p;
  json_t *v = b->aOpen[--b->nOpen];
  if (b->nOpen == 2) { /* a record of a section: built, and let go */
    b->nRecord++;
    json_decref(v);
    return 1;
  }
  return put(b, v);
}

int main(int argc, char **argv) {
  int bTrees = argc == 3 && strcmp(argv[1], "--trees") == 0;
  if (argc != 2 + bTrees) {
    fprintf(stderr, "usage: json_events [--trees] FILE\n");
    return 2;
  }
  FILE *f = fopen(argv[argc - 1], "rb");
  if (!f) {
    perror(argv[argc - 1]);
    return 1;
  }
  static const yajl_callbacks none; /* every event accepted and dropped */
  static const yajl_callbacks trees = {on_null, on_bool,        on_integer,   on_double,
                                       0,       on_string,      on_map_start, on_key,
                                       on_end,  on_array_start, on_end};
  Build b = {0};
  yajl_handle h = yajl_alloc(bTrees ? &trees : &none, 0, &b);
  /* A window of the file at a time (yajl keeps a token split across two). */
  static unsigned char a[1 << 16];
  size_t n;
  yajl_status s = yajl_status_ok;
  while (s == yajl_status_ok && (n = fread(a, 1, sizeof(a), f)) > 0) s = yajl_parse(h, a, n);
  if (s == yajl_status_ok) s = yajl_complete_parse(h);
  if (s != yajl_status_ok) fprintf(stderr, "json_events: %s: not JSON\n", argv[argc - 1]);
  while (b.nOpen > 0) {
    b.nOpen--;
    json_decref(b.aOpen[b.nOpen]);
    free(b.azKey[b.nOpen]);
  }
  yajl_free(h);
  fclose(f);
  return s == yajl_status_ok ? 0 : 1;
}
