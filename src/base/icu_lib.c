/*
** ICU (plurals, dates, collation, case folding: i18n.c, collate.c, fts.c),
** loaded at the first call (lazy_lib.h), so that `pacta --version`, which
** reads no catalogue (main.c), starts without ICU and the C++ runtime it
** needs. ICU's headers rename each function after its version
** (u_charType -> u_charType_72); so do the definitions below, and the names
** looked up.
*/
#include <stdarg.h>
#include <stdatomic.h>
#include <unicode/ucol.h>
#include <unicode/uchar.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/umsg.h>
#include <unicode/ustring.h>
#include <unicode/uvernum.h>
#include <pthread.h>

#include "lazy_lib.h"

#define ICU_STR_(x) #x
#define ICU_STR(x) ICU_STR_(x)
/* libicui18n needs libicuuc: dlsym finds the functions of both through it. */
#define ICU_SONAME "libicui18n.so." ICU_STR(U_ICU_VERSION_MAJOR_NUM)
#define ICU_PACKAGE "libicu" ICU_STR(U_ICU_VERSION_MAJOR_NUM)

#define ICU_FUNCTIONS(X)                                                                           \
  X(u_charType)                                                                                    \
  X(u_isalnum)                                                                                     \
  X(u_strFoldCase)                                                                                 \
  X(u_strFromUTF8)                                                                                 \
  X(u_strToUTF8)                                                                                   \
  X(u_strToUpper)                                                                                  \
  X(u_vformatMessage)                                                                              \
  X(ucol_close)                                                                                    \
  X(ucol_open)                                                                                     \
  X(ucol_strcollUTF8)                                                                              \
  X(udat_close)                                                                                    \
  X(udat_format)                                                                                   \
  X(udat_open)                                                                                     \
  X(uloc_getDisplayLanguage)                                                                       \
  X(umsg_close)                                                                                    \
  X(umsg_open)                                                                                     \
  X(umsg_vformat)

enum {
#define ICU_ENUM(NAME) I_##NAME,
  ICU_FUNCTIONS(ICU_ENUM)
#undef ICU_ENUM
      N_FN
};
static const char *const azName[] = {
#define ICU_NAME(NAME) ICU_STR(NAME),
    ICU_FUNCTIONS(ICU_NAME)
#undef ICU_NAME
};
static void *apFn[N_FN];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_bool bReady; /* apFn filled: the tokenizer calls u_charType per character */
static char zErr[512];
static int rc;

static void load(void) {
  rc = lazy_lib_open(ICU_SONAME, azName, apFn, N_FN, zErr, sizeof(zErr));
  if (!rc) atomic_store_explicit(&bReady, true, memory_order_release);
}

static void need_slow(void) {
  pthread_once(&once, load);
  /* In English: the catalogues' own formatting is what is missing. */
  if (rc) lazy_lib_die("this command needs a library that is not installed", ICU_PACKAGE, zErr);
}

/* The library's function NAME, loaded. */
#define FN(NAME) ((__typeof__(&NAME))need(I_##NAME))
static inline void *need(int i) {
  if (!atomic_load_explicit(&bReady, memory_order_acquire)) need_slow();
  return apFn[i];
}

int8_t u_charType(UChar32 c) {
  return FN(u_charType)(c);
}

UBool u_isalnum(UChar32 c) {
  return FN(u_isalnum)(c);
}

int32_t u_strFoldCase(UChar *dest, int32_t destCapacity, const UChar *src, int32_t srcLength,
                      uint32_t options, UErrorCode *pErrorCode) {
  return FN(u_strFoldCase)(dest, destCapacity, src, srcLength, options, pErrorCode);
}

UChar *u_strFromUTF8(UChar *dest, int32_t destCapacity, int32_t *pDestLength, const char *src,
                     int32_t srcLength, UErrorCode *pErrorCode) {
  return FN(u_strFromUTF8)(dest, destCapacity, pDestLength, src, srcLength, pErrorCode);
}

char *u_strToUTF8(char *dest, int32_t destCapacity, int32_t *pDestLength, const UChar *src,
                  int32_t srcLength, UErrorCode *pErrorCode) {
  return FN(u_strToUTF8)(dest, destCapacity, pDestLength, src, srcLength, pErrorCode);
}

int32_t u_strToUpper(UChar *dest, int32_t destCapacity, const UChar *src, int32_t srcLength,
                     const char *locale, UErrorCode *pErrorCode) {
  return FN(u_strToUpper)(dest, destCapacity, src, srcLength, locale, pErrorCode);
}

int32_t u_vformatMessage(const char *locale, const UChar *pattern, int32_t patternLength,
                         UChar *result, int32_t resultLength, va_list ap, UErrorCode *status) {
  return FN(u_vformatMessage)(locale, pattern, patternLength, result, resultLength, ap, status);
}

int32_t u_formatMessage(const char *locale, const UChar *pattern, int32_t patternLength,
                        UChar *result, int32_t resultLength, UErrorCode *status, ...) {
  va_list ap;
  va_start(ap, status);
  int32_t n =
      FN(u_vformatMessage)(locale, pattern, patternLength, result, resultLength, ap, status);
  va_end(ap);
  return n;
}

void ucol_close(UCollator *coll) {
  FN(ucol_close)(coll);
}

UCollator *ucol_open(const char *loc, UErrorCode *status) {
  return FN(ucol_open)(loc, status);
}

UCollationResult ucol_strcollUTF8(const UCollator *coll, const char *source, int32_t sourceLength,
                                  const char *target, int32_t targetLength, UErrorCode *status) {
  return FN(ucol_strcollUTF8)(coll, source, sourceLength, target, targetLength, status);
}

void udat_close(UDateFormat *format) {
  FN(udat_close)(format);
}

int32_t udat_format(const UDateFormat *format, UDate dateToFormat, UChar *result,
                    int32_t resultLength, UFieldPosition *position, UErrorCode *status) {
  return FN(udat_format)(format, dateToFormat, result, resultLength, position, status);
}

UDateFormat *udat_open(UDateFormatStyle timeStyle, UDateFormatStyle dateStyle, const char *locale,
                       const UChar *tzID, int32_t tzIDLength, const UChar *pattern,
                       int32_t patternLength, UErrorCode *status) {
  return FN(udat_open)(timeStyle, dateStyle, locale, tzID, tzIDLength, pattern, patternLength,
                       status);
}

int32_t uloc_getDisplayLanguage(const char *locale, const char *displayLocale, UChar *language,
                                int32_t languageCapacity, UErrorCode *status) {
  return FN(uloc_getDisplayLanguage)(locale, displayLocale, language, languageCapacity, status);
}

void umsg_close(UMessageFormat *format) {
  FN(umsg_close)(format);
}

UMessageFormat *umsg_open(const UChar *pattern, int32_t patternLength, const char *locale,
                          UParseError *parseError, UErrorCode *status) {
  return FN(umsg_open)(pattern, patternLength, locale, parseError, status);
}

int32_t umsg_vformat(const UMessageFormat *fmt, UChar *result, int32_t resultLength, va_list ap,
                     UErrorCode *status) {
  return FN(umsg_vformat)(fmt, result, resultLength, ap, status);
}

int32_t umsg_format(const UMessageFormat *fmt, UChar *result, int32_t resultLength,
                    UErrorCode *status, ...) {
  va_list ap;
  va_start(ap, status);
  int32_t n = FN(umsg_vformat)(fmt, result, resultLength, ap, status);
  va_end(ap);
  return n;
}
