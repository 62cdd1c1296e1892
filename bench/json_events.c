/*
** Read one JSON file as a stream of events with yajl (Debian's libyajl-dev)
** and build nothing: what a loader that took each record's fields from the
** events, with no tree per record, would pay the JSON library
** (bench/load_floor.sh measures it beside jansson's tree). Exits 1 if the
** file is not JSON.
**
**   cc -O2 -o json_events bench/json_events.c -lyajl && ./json_events FILE
*/
#include <stdio.h>
#include <stdlib.h>
#include <yajl/yajl_parse.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: json_events FILE\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 1;
  }
  static const yajl_callbacks none; /* every event accepted and dropped */
  yajl_handle h = yajl_alloc(&none, 0, 0);
  static unsigned char a[1 << 16];
  size_t n;
  yajl_status s = yajl_status_ok;
  while (s == yajl_status_ok && (n = fread(a, 1, sizeof(a), f)) > 0) s = yajl_parse(h, a, n);
  if (s == yajl_status_ok) s = yajl_complete_parse(h);
  if (s != yajl_status_ok) fprintf(stderr, "json_events: %s: not JSON\n", argv[1]);
  yajl_free(h);
  fclose(f);
  return s == yajl_status_ok ? 0 : 1;
}
