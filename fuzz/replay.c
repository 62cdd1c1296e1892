/*
** Runs a fuzz target over every file named on the command line (or in the
** directories named), so the corpus replays under CTest without libFuzzer.
*/
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

static int nRun;

static void replay(const char *zPath) {
  struct stat st;
  if (stat(zPath, &st)) die(1, "%s: cannot stat", zPath);
  if (S_ISDIR(st.st_mode)) {
    DIR *d = opendir(zPath);
    struct dirent *e;
    while (d && (e = readdir(d))) {
      if (e->d_name[0] == '.') continue;
      Buf path = {0};
      buf_printf(&path, "%s/%s", zPath, e->d_name);
      replay(path.z);
      buf_free(&path);
    }
    if (d) closedir(d);
    return;
  }
  Buf b = {0};
  if (read_file(zPath, &b)) die(1, "%s: cannot read", zPath);
  LLVMFuzzerTestOneInput((const uint8_t *)b.z, b.n);
  buf_free(&b);
  nRun++;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) replay(argv[i]);
  printf("%d passed, 0 failed\n", nRun);
  return nRun ? 0 : 1;
}
