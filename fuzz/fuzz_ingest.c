/*
** Fuzz target for the press-release reader: any bytes, drafted against the
** gazetteer of the bundled sample registry. Bad input must be refused with
** a message, never crash or leak; a draft must be a JSON object. Drafting
** is linear in the input, so run it with a time limit: with -timeout=2 an
** input slower than 2 s fails the fuzzer like a crash (libFuzzer writes
** timeout-SHA1 and exits 70). corpus/ingest/long-sentence.txt (96 kB, one
** sentence) took over 2 s before issue 12's fix.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "gazetteer.h"
#include "ingest.h"
#include "interchange.h"

extern const unsigned char pacta_sample_json[];
extern const size_t pacta_sample_json_len;

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  static Gazetteer g;
  static int bReady;
  if (!bReady) {
    static FILE *fNull;
    fNull = fopen("/dev/null", "w");
    Db *pDb = db_open(":memory:", true);
    LoadSource src = {"sample", (const char *)pacta_sample_json, pacta_sample_json_len, -1};
    LoadResult r;
    if (interchange_load(pDb, &src, 1, "fuzz", fNull, 0, &r)) __builtin_trap();
    json_decref(r.aFinding);
    gazetteer_load(pDb, &g);
    db_close(pDb);
    bReady = 1;
  }
  Buf err = {0};
  json_t *p = ingest_draft(&g, "fuzz", (const char *)aData, nData, 0, &err);
  if (p && !json_is_object(json_object_get(p, "session"))) __builtin_trap();
  if (!p && !err.z) __builtin_trap();
  json_decref(p);
  buf_free(&err);
  return 0;
}
