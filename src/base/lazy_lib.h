/*
** Shared libraries loaded at the first call into them, not when pacta
** starts (issue 18, part 6): pacta does not link libcrypto, libstemmer,
** libmicrohttpd, cairo or pango, so a command that needs none of them
** (pacta --version, most of the others) starts without loading them and
** their dependencies or paying their relocations. Each is one file that
** defines the functions pacta calls under their own names and calls the
** library's through pointers dlsym gave (src/base/crypto_lib.c,
** stemmer_lib.c, src/web/mhd_lib.c; src/report/pdf_lib.c for the PDF
** reports, which return an error instead of stopping).
*/
#ifndef PACTA_LAZY_LIB_H
#define PACTA_LAZY_LIB_H

#include <stddef.h>

/* dlopen zSoname and set apFn[i] to its function azName[i], for i < n; 0,
** or -1 with what failed in zErr (nErr bytes). Call it once (pthread_once). */
int lazy_lib_open(const char *zSoname, const char *const *azName, void **apFn, int n, char *zErr,
                  size_t nErr);

/* lazy_lib_open's failure: stop pacta with zMessage ("this command needs
** libssl3", in the caller's language where it can translate) and the
** package to install. This file uses no catalogue: ICU, which the
** catalogues' formatting needs, is loaded through it. */
#if defined(__GNUC__)
__attribute__((noreturn))
#endif
void lazy_lib_die(const char *zMessage, const char *zPackage, const char *zErr);

#endif
