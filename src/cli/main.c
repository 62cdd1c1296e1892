/*
** pacta: a registry of treaties, memberships, chairs and sessions for
** intergovernmental organizations. See README.md and `pacta help`.
*/
#include <string.h>

#include "commands.h"

int main(int argc, char **argv) {
  /* `pacta --version` alone answers before the languages are read: they need
  ** ICU, which is loaded at its first call (src/base/icu_lib.c), so this
  ** starts with no more than SQLite and jansson (issue 18, part 6). */
  if (argc == 2 && strcmp(argv[1], "--version") == 0) {
    pacta_print_version();
    return 0;
  }
  return pacta_main(argc, argv);
}
