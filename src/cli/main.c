/*
** pacta: a registry of treaties, memberships, chairs and sessions for
** intergovernmental organizations. See README.md and `pacta help`.
*/
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

int main(int argc, char **argv) {
  /* `pacta --version` alone answers before the languages are read: they need
  ** ICU, which is loaded at its first call (src/base/icu_lib.c), so this
  ** starts with no more than SQLite and jansson (issue 18, part 6). Keep it
  ** the text of pacta_main's --version (commands.c), which answers it after
  ** other options (pacta --db X --version). */
  if (argc == 2 && strcmp(argv[1], "--version") == 0) {
    printf("pacta %s\n"
           "built with SQLite %s and jansson %s\n"
           "Copyright (C) 2026 the pacta authors.\n"
           "License: none chosen yet; ask the authors before redistributing.\n"
           "There is NO WARRANTY, to the extent permitted by law.\n",
           PACTA_VERSION, sqlite3_libversion(), JANSSON_VERSION);
    return 0;
  }
  return pacta_main(argc, argv);
}
