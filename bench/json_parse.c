/*
** Parse one JSON file with jansson into a tree and free it, as pacta's
** loader parses its records (bench/load_floor.sh): the part of a load that
** is the JSON library's alone. Prints nothing; exits 1 if the file is not
** JSON.
**
**   cc -O2 -o json_parse bench/json_parse.c -ljansson && ./json_parse FILE
*/
#include <jansson.h>
#include <stdio.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: json_parse FILE\n");
    return 2;
  }
  json_error_t err;
  json_t *p = json_load_file(argv[1], JSON_REJECT_DUPLICATES, &err);
  if (!p) {
    fprintf(stderr, "json_parse: %s:%d: %s\n", argv[1], err.line, err.text);
    return 1;
  }
  json_decref(p);
  return 0;
}
