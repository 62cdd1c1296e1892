/*
** Fuzz target for the message catalogue reader (i18n.h): any bytes read as
** a .mo file (the catalogues of PACTA_CATALOGUES), then a few lookups.
** Bad input must be refused with a message, never crash or leak.
*/
#include <stddef.h>
#include <stdint.h>

#include "i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  Buf err = {0};
  Lang *p = i18n_parse_mo(aData, nData, "fuzz.mo", &err);
  if (p) {
    (void)i18n_lookup(p, "Documents");
    (void)i18n_lookup(p, "");
    (void)i18n_code(p);
    i18n_lang_free(p);
  } else if (!err.z) {
    __builtin_trap(); /* a refusal always says why */
  }
  buf_free(&err);
  return 0;
}
