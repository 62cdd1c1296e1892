/*
** Message catalogues (i18n.h). A catalogue is a GNU .mo file: msgfmt's
** compiled form of a .po file, a table of original strings and a table of
** their translations. The built-in ones are embedded at build (the .po files in po/);
** more are read from a directory. Each is copied into a sorted array of
** (msgid, msgstr) pairs and searched by bisection. Plurals and dates are
** ICU's: MessageFormat for plural patterns, a date formatter (one per
** language, under a lock: ICU formatters are not thread-safe) for dates.
*/
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/umsg.h>
#include <unicode/ustring.h>

#include "i18n.h"

typedef struct Message {
  const char *zId; /* msgid, or "context\004msgid" */
  const char *zStr;
} Message;

/* A part of a date pattern (ICU's syntax): the day (d), the month's name
** (MMMM), the year (y), or literal text. */
typedef struct DatePart {
  char cField; /* 'd', 'M', 'y'; 0: zText */
  char *zText;
  size_t nText;
} DatePart;

#define DATE_PARTS_MAX 8
#define PLURAL_FORMATS 16

struct Lang {
  char zCode[16];
  char *zAutonym; /* made on first use, under dateLock: ICU is not loaded before */
  Buf data;       /* the .mo file's bytes, which the messages point into */
  Message *aMsg;
  size_t nMsg;
  UDateFormat *pDate; /* made on first use, under dateLock */
  pthread_mutex_t dateLock;
  /* Dates written without ICU (i18n_date_quick): the pattern's parts and
  ** the months' names, set under dateLock before bDateTried; nDatePart 0:
  ** every date by ICU. */
  DatePart aDatePart[DATE_PARTS_MAX];
  int nDatePart;
  char *azMonth[12];
  size_t anMonth[12];
  atomic_bool bDateTried;
  /* Plural patterns ICU has parsed (i18n_plural), the last PLURAL_FORMATS
  ** used, under dateLock: parsing one costs ten times formatting with it. */
  struct PluralFormat {
    char *zPattern;
    UMessageFormat *pFmt;
  } aPlural[PLURAL_FORMATS];
  int iPluralNext; /* the place a pattern not there takes */
};

#define MAX_LANG 16
static Lang *g_aLang[MAX_LANG];
static size_t g_nLang;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static _Thread_local const Lang *t_lang;

/* The catalogues compiled in: a table of (code, .mo bytes) made at build. */
typedef struct Builtin {
  const char *zCode;
  const unsigned char *a;
  size_t n;
} Builtin;
extern const Builtin pacta_catalogues[];
extern const size_t pacta_catalogues_count;

/* ---- Reading a .mo file ------------------------------------------------------- */

static uint32_t mo_u32(const unsigned char *a, bool bSwap) {
  uint32_t v;
  memcpy(&v, a, 4);
  return bSwap ? __builtin_bswap32(v) : v;
}

/* The string of table entry i at table offset off: NULL when outside the
** file or not NUL-terminated. */
static const char *mo_string(const Buf *pData, uint32_t off, uint32_t i, bool bSwap) {
  const unsigned char *a = (const unsigned char *)pData->z;
  uint64_t at = (uint64_t)off + 8ull * i;
  if (at + 8 > pData->n) return 0;
  uint64_t len = mo_u32(a + at, bSwap), start = mo_u32(a + at + 4, bSwap);
  if (start + len + 1 > pData->n || a[start + len] != 0) return 0;
  return (const char *)a + start;
}

/* The printf conversions of z as one string, the value each takes in
** order ("s,d,lld,"): positional ones (%2$s) by their number. False when
** z mixes the two kinds, numbers a value twice or skips one. */
static bool conversions(const char *z, char *zOut, size_t nOut) {
  char aConv[16][8];
  int n = 0, nNext = 0, nPositional = 0, nPlain = 0;
  unsigned seen = 0;
  memset(aConv, 0, sizeof(aConv));
  for (z = strchr(z, '%'); z; z = strchr(z, '%')) {
    z++;
    if (*z == '%') {
      z++;
      continue;
    }
    int k = -1;
    if (*z >= '1' && *z <= '9') {
      const char *zDollar = z;
      int v = 0;
      while (*zDollar >= '0' && *zDollar <= '9') v = v * 10 + (*zDollar++ - '0');
      if (*zDollar == '$') {
        k = v - 1;
        z = zDollar + 1;
        nPositional++;
      }
    }
    if (k < 0) {
      k = nNext++;
      nPlain++;
    }
    if (k >= 16 || (seen & (1u << k))) return false;
    seen |= 1u << k;
    while (*z && strchr("-+ #0", *z)) z++;
    while ((*z >= '0' && *z <= '9') || *z == '.') z++;
    size_t i = 0;
    while (*z && strchr("hlzjtL", *z) && i < 4) aConv[k][i++] = *z++;
    if (!*z) return false;
    aConv[k][i] = *z++;
    if (k + 1 > n) n = k + 1;
  }
  if ((nPositional && nPlain) || seen != (1u << n) - 1) return false;
  size_t at = 0;
  zOut[0] = 0;
  for (int k = 0; k < n; k++) {
    int m = snprintf(zOut + at, nOut - at, "%s,", aConv[k]);
    if (m < 0 || (size_t)m >= nOut - at) return false;
    at += (size_t)m;
  }
  return true;
}

/* May zStr stand for zId in a printf? The same values, of the same types,
** in any order: a translation from a catalogue that holds other
** conversions than its English is not used (it could not be printed). */
static bool formats_agree(const char *zId, const char *zStr) {
  if (!strchr(zId, '%') && !strchr(zStr, '%')) return true;
  char zA[160], zB[160];
  if (!conversions(zId, zA, sizeof(zA))) return true; /* not a format: text with a '%' */
  return conversions(zStr, zB, sizeof(zB)) && strcmp(zA, zB) == 0;
}

static int msg_cmp(const void *pA, const void *pB) {
  return strcmp(((const Message *)pA)->zId, ((const Message *)pB)->zId);
}

/* The value of "Name: value" in a catalogue's header entry, into zOut. */
static void header_field(const char *zHeader, const char *zName, char *zOut, size_t nOut) {
  size_t nName = strlen(zName);
  for (const char *z = zHeader; z && *z; z = strchr(z, '\n'), z = z ? z + 1 : 0) {
    if (strncmp(z, zName, nName) == 0 && z[nName] == ':') {
      z += nName + 1;
      while (*z == ' ') z++;
      size_t n = strcspn(z, "\n");
      if (n >= nOut) n = nOut - 1;
      memcpy(zOut, z, n);
      zOut[n] = 0;
      return;
    }
  }
}

/* The language part of a code: "ru_RU.UTF-8" -> "ru", lower case. */
static void code_base(const char *z, char *zOut, size_t nOut) {
  size_t n = 0;
  while (z[n] && z[n] != '-' && z[n] != '_' && z[n] != '.' && z[n] != '@' && n + 1 < nOut) {
    char c = z[n];
    zOut[n] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    n++;
  }
  zOut[n] = 0;
}

static void lang_free(Lang *p) {
  if (!p) return;
  if (p->pDate) udat_close(p->pDate);
  pthread_mutex_destroy(&p->dateLock);
  for (int i = 0; i < p->nDatePart; i++) xfree(p->aDatePart[i].zText);
  for (int i = 0; i < 12; i++) xfree(p->azMonth[i]);
  for (int i = 0; i < PLURAL_FORMATS; i++) {
    xfree(p->aPlural[i].zPattern);
    if (p->aPlural[i].pFmt) umsg_close(p->aPlural[i].pFmt);
  }
  xfree(p->zAutonym);
  xfree(p->aMsg);
  buf_free(&p->data);
  xfree(p);
}

static char *autonym(const char *zCode) {
  UErrorCode st = U_ZERO_ERROR;
  UChar u[64];
  int32_t n = uloc_getDisplayLanguage(zCode, zCode, u, 64, &st);
  char z[256];
  int32_t nz = 0;
  if (U_SUCCESS(st) && n > 0) u_strToUTF8(z, sizeof(z), &nz, u, n, &st);
  if (U_FAILURE(st) || nz <= 0) return xstrdup(zCode);
  /* "русский" -> "Русский": a language's name starts a menu item. */
  UChar32 c;
  int32_t i = 0;
  U8_NEXT(z, i, nz, c);
  char zFirst[8];
  int32_t nFirst = 0;
  UChar uUp[4];
  UChar uc[2];
  int32_t nuc = 0;
  U16_APPEND_UNSAFE(uc, nuc, c);
  st = U_ZERO_ERROR;
  int32_t nUp = u_strToUpper(uUp, 4, uc, nuc, zCode, &st);
  if (U_SUCCESS(st)) u_strToUTF8(zFirst, sizeof(zFirst), &nFirst, uUp, nUp, &st);
  if (U_FAILURE(st)) return xstrdup(z);
  Buf b = {0};
  buf_append(&b, zFirst, (size_t)nFirst);
  buf_puts(&b, z + i);
  return b.z;
}

/* A catalogue from the bytes of a .mo file (taken); NULL with pErr set. */
static Lang *lang_from_mo(Buf *pData, const char *zWhere, const char *zDefaultCode, Buf *pErr) {
  Lang *p = xmalloc(sizeof(*p));
  memset(p, 0, sizeof(*p));
  pthread_mutex_init(&p->dateLock, 0);
  p->data = *pData;
  memset(pData, 0, sizeof(*pData));
  const unsigned char *a = (const unsigned char *)p->data.z;
  bool bSwap;
  if (p->data.n < 28) goto bad;
  if (mo_u32(a, false) == 0x950412deu)
    bSwap = false;
  else if (mo_u32(a, true) == 0x950412deu)
    bSwap = true;
  else
    goto bad;
  uint32_t n = mo_u32(a + 8, bSwap), offOrig = mo_u32(a + 12, bSwap),
           offTrans = mo_u32(a + 16, bSwap);
  if ((uint64_t)n * 16 > p->data.n) goto bad;
  p->aMsg = xmalloc(sizeof(Message) * (n ? n : 1));
  const char *zHeader = 0;
  for (uint32_t i = 0; i < n; i++) {
    const char *zId = mo_string(&p->data, offOrig, i, bSwap);
    const char *zStr = mo_string(&p->data, offTrans, i, bSwap);
    if (!zId || !zStr) goto bad;
    if (!*zId) {
      zHeader = zStr;
      continue;
    }
    if (!*zStr) continue; /* untranslated: the msgid serves */
    if (!formats_agree(zId, zStr)) continue;
    p->aMsg[p->nMsg++] = (Message){zId, zStr};
  }
  qsort(p->aMsg, p->nMsg, sizeof(Message), msg_cmp);
  char zLang[32] = "";
  if (zHeader) header_field(zHeader, "Language", zLang, sizeof(zLang));
  code_base(*zLang ? zLang : zDefaultCode, p->zCode, sizeof(p->zCode));
  if (!*p->zCode) goto bad;
  return p;
bad:
  buf_printf(pErr, "%s: not a message catalogue (.mo file from msgfmt)", zWhere);
  lang_free(p);
  return 0;
}

Lang *i18n_parse_mo(const void *a, size_t n, const char *zWhere, Buf *pErr) {
  Buf data = {0};
  buf_append(&data, a, n);
  return lang_from_mo(&data, zWhere, "xx", pErr);
}

void i18n_lang_free(Lang *p) {
  lang_free(p);
}

/* ---- The set of languages -------------------------------------------------------- */

static int lang_order(const void *pA, const void *pB) {
  const Lang *a = *(Lang *const *)pA, *b = *(Lang *const *)pB;
  if (strcmp(a->zCode, "en") == 0) return -1;
  if (strcmp(b->zCode, "en") == 0) return 1;
  return strcmp(a->zCode, b->zCode);
}

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

static void add_lang(Lang *p) {
  pthread_mutex_lock(&g_lock);
  for (size_t i = 0; i < g_nLang; i++) {
    if (strcmp(g_aLang[i]->zCode, p->zCode) == 0) { /* a later file replaces */
      lang_free(g_aLang[i]);
      g_aLang[i] = p;
      p = 0;
      break;
    }
  }
  if (p && g_nLang < MAX_LANG) {
    g_aLang[g_nLang++] = p;
    p = 0;
  }
  qsort(g_aLang, g_nLang, sizeof(Lang *), lang_order);
  pthread_mutex_unlock(&g_lock);
  lang_free(p);
}

static void free_all(void) {
  for (size_t i = 0; i < g_nLang; i++) lang_free(g_aLang[i]);
  g_nLang = 0;
}

static void init_builtin(void) {
  Pool *pPaused = pool_pause(); /* the catalogues outlive any request */
  Lang *pEn = xmalloc(sizeof(*pEn));
  memset(pEn, 0, sizeof(*pEn));
  pthread_mutex_init(&pEn->dateLock, 0);
  strcpy(pEn->zCode, "en");
  add_lang(pEn);
  for (size_t i = 0; i < pacta_catalogues_count; i++) {
    Buf data = {0}, err = {0};
    buf_append(&data, pacta_catalogues[i].a, pacta_catalogues[i].n);
    Lang *p = lang_from_mo(&data, pacta_catalogues[i].zCode, pacta_catalogues[i].zCode, &err);
    if (!p) panic("built-in catalogue %s", err.z);
    add_lang(p);
  }
  pool_resume(pPaused);
  atexit(free_all);
}

static void ensure_init(void) {
  pthread_once(&g_once, init_builtin);
}

int i18n_init(const char *zDir, Buf *pErr) {
  ensure_init();
  if (!zDir) return 0;
  DIR *d = opendir(zDir);
  if (!d) {
    buf_printf(pErr, "%s: cannot open the directory of catalogues", zDir);
    return -1;
  }
  int rc = 0;
  struct dirent *e;
  Pool *pPaused = pool_pause();
  while ((e = readdir(d)) != 0 && rc == 0) {
    size_t n = strlen(e->d_name);
    if (n < 4 || strcmp(e->d_name + n - 3, ".mo") != 0) continue;
    char *zPath = xmalloc(strlen(zDir) + n + 2);
    sprintf(zPath, "%s/%s", zDir, e->d_name);
    Buf data = {0};
    if (read_file(zPath, &data) != 0) {
      buf_printf(pErr, "%s: cannot read", zPath);
      rc = -1;
    } else {
      char zCode[16];
      code_base(e->d_name, zCode, sizeof(zCode));
      Lang *p = lang_from_mo(&data, zPath, zCode, pErr);
      if (p)
        add_lang(p);
      else
        rc = -1;
    }
    buf_free(&data);
    xfree(zPath);
  }
  pool_resume(pPaused);
  closedir(d);
  return rc;
}

const Lang *i18n_find(const char *zCode) {
  ensure_init();
  if (!zCode) return 0;
  char z[16];
  code_base(zCode, z, sizeof(z));
  for (size_t i = 0; i < g_nLang; i++)
    if (strcmp(g_aLang[i]->zCode, z) == 0) return g_aLang[i];
  return 0;
}

const Lang *i18n_english(void) {
  return i18n_find("en");
}

/* Accept-Language: "ru-RU,ru;q=0.9,en;q=0.8". The highest q with a
** catalogue wins; equal q: the first named. "*" is not a language. */
const Lang *i18n_negotiate(const char *zAccept) {
  const Lang *pBest = 0;
  double bestQ = 0;
  for (const char *z = zAccept; z && *z;) {
    while (*z == ' ' || *z == ',') z++;
    size_t nItem = strcspn(z, ",");
    char zItem[64];
    size_t nCopy = nItem < sizeof(zItem) - 1 ? nItem : sizeof(zItem) - 1;
    memcpy(zItem, z, nCopy);
    zItem[nCopy] = 0;
    z += nItem;
    double q = 1;
    char *zSemi = strchr(zItem, ';');
    if (zSemi) {
      *zSemi = 0;
      const char *zQ = strstr(zSemi + 1, "q=");
      if (zQ) q = strtod(zQ + 2, 0);
    }
    char *zEnd = zItem + strlen(zItem);
    while (zEnd > zItem && zEnd[-1] == ' ') *--zEnd = 0;
    if (q <= bestQ || q > 1) continue;
    const Lang *p = i18n_find(zItem);
    if (p) {
      pBest = p;
      bestQ = q;
    }
  }
  return pBest;
}

size_t i18n_count(void) {
  ensure_init();
  return g_nLang;
}

const Lang *i18n_at(size_t i) {
  ensure_init();
  return i < g_nLang ? g_aLang[i] : 0;
}

const char *i18n_code(const Lang *p) {
  return p->zCode;
}

const char *i18n_autonym(const Lang *pLang) {
  Lang *p = (Lang *)pLang;
  pthread_mutex_lock(&p->dateLock);
  if (!p->zAutonym) {
    Pool *pPaused = pool_pause(); /* it outlives any request */
    p->zAutonym = autonym(p->zCode);
    pool_resume(pPaused);
  }
  const char *z = p->zAutonym;
  pthread_mutex_unlock(&p->dateLock);
  return z;
}

void i18n_use(const Lang *p) {
  t_lang = p;
}

const Lang *i18n_current(void) {
  if (!t_lang) t_lang = i18n_english();
  return t_lang;
}

const char *i18n_lang(void) {
  return i18n_current()->zCode;
}

/* ---- Translating ----------------------------------------------------------------- */

static const char *lookup(const Lang *p, const char *zId) {
  if (!p || p->nMsg == 0) return 0;
  Message key = {zId, 0};
  const Message *m = bsearch(&key, p->aMsg, p->nMsg, sizeof(Message), msg_cmp);
  return m ? m->zStr : 0;
}

const char *i18n_lookup(const Lang *p, const char *zMsgid) {
  return lookup(p, zMsgid);
}

const char *i18n_text(const char *zMsgid) {
  const char *z = lookup(i18n_current(), zMsgid);
  return z ? z : zMsgid;
}

const char *i18n_ptext(const char *zContext, const char *zMsgid) {
  const Lang *p = i18n_current();
  if (p->nMsg == 0) return zMsgid;
  char zKey[512];
  int n = snprintf(zKey, sizeof(zKey), "%s\004%s", zContext, zMsgid);
  if (n < 0 || (size_t)n >= sizeof(zKey)) return zMsgid;
  const char *z = lookup(p, zKey);
  return z ? z : zMsgid;
}

/* UTF-8 to a new UTF-16 string; NULL on a bad conversion. */
static UChar *to_u16(const char *z, int32_t *pN) {
  UErrorCode st = U_ZERO_ERROR;
  int32_t n = 0;
  u_strFromUTF8(0, 0, &n, z, -1, &st);
  if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) return 0;
  UChar *u = xmalloc(sizeof(UChar) * ((size_t)n + 1));
  st = U_ZERO_ERROR;
  u_strFromUTF8(u, n + 1, 0, z, -1, &st);
  if (U_FAILURE(st)) {
    xfree(u);
    return 0;
  }
  *pN = n;
  return u;
}

static void put_u16(Buf *p, const UChar *u, int32_t n) {
  UErrorCode st = U_ZERO_ERROR;
  int32_t nz = 0;
  u_strToUTF8(0, 0, &nz, u, n, &st);
  if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) return;
  char *z = xmalloc((size_t)nz + 1);
  st = U_ZERO_ERROR;
  u_strToUTF8(z, nz + 1, 0, u, n, &st);
  if (U_SUCCESS(st)) buf_append(p, z, (size_t)nz);
  xfree(z);
}

/* pLang's parsed zPattern, parsed now if it is not kept (NULL: ICU refused
** it); under dateLock. */
static UMessageFormat *plural_format(Lang *pLang, const char *zPattern) {
  for (int i = 0; i < PLURAL_FORMATS; i++)
    if (pLang->aPlural[i].zPattern && strcmp(pLang->aPlural[i].zPattern, zPattern) == 0)
      return pLang->aPlural[i].pFmt;
  Pool *pPaused = pool_pause(); /* kept past any request */
  int32_t nPat;
  UChar *uPat = to_u16(zPattern, &nPat);
  UErrorCode st = U_ZERO_ERROR;
  UMessageFormat *pFmt = uPat ? umsg_open(uPat, nPat, pLang->zCode, 0, &st) : 0;
  xfree(uPat);
  if (pFmt && U_FAILURE(st)) {
    umsg_close(pFmt);
    pFmt = 0;
  }
  struct PluralFormat *q = &pLang->aPlural[pLang->iPluralNext];
  pLang->iPluralNext = (pLang->iPluralNext + 1) % PLURAL_FORMATS;
  xfree(q->zPattern);
  if (q->pFmt) umsg_close(q->pFmt);
  q->zPattern = xstrdup(zPattern);
  q->pFmt = pFmt;
  pool_resume(pPaused);
  return pFmt;
}

void i18n_plural(Buf *p, const char *zPattern, long long n) {
  Lang *pLang = (Lang *)i18n_current();
  UChar aOut[512];
  int32_t nOut = -1;
  pthread_mutex_lock(&pLang->dateLock);
  UMessageFormat *pFmt = plural_format(pLang, zPattern);
  if (pFmt) {
    UErrorCode st = U_ZERO_ERROR;
    nOut = umsg_format(pFmt, aOut, 512, &st, (double)n);
    if (U_FAILURE(st) || nOut > 512) nOut = -1;
  }
  pthread_mutex_unlock(&pLang->dateLock);
  if (nOut >= 0)
    put_u16(p, aOut, nOut);
  else
    buf_printf(p, "%lld", n); /* a broken pattern still shows the number */
}

/* The catalogue's date pattern. */
static const char *date_pattern(void) {
  /* TRANSLATORS: an ICU date pattern (d day, MMMM month name, y year);
  ** quote literal text: "d MMMM y 'г'." */
  return P_("date", "d MMMM y");
}

/* pLang's date formatter, made on first use; under dateLock. */
static UDateFormat *date_formatter(Lang *pLang) {
  if (!pLang->pDate) {
    int32_t nPat;
    UChar *uPat = to_u16(date_pattern(), &nPat);
    UErrorCode st = U_ZERO_ERROR;
    if (uPat) {
      Pool *pPaused = pool_pause();
      pLang->pDate =
          udat_open(UDAT_PATTERN, UDAT_PATTERN, pLang->zCode, u"UTC", 3, uPat, nPat, &st);
      pool_resume(pPaused);
      if (U_FAILURE(st)) pLang->pDate = 0;
    }
    xfree(uPat);
  }
  return pLang->pDate;
}

/* d formatted by ICU with f, appended (false: ICU failed); under dateLock. */
static bool date_by_icu(Buf *p, UDateFormat *f, pdate d) {
  UChar aOut[128];
  UErrorCode st = U_ZERO_ERROR;
  int32_t nOut = udat_format(f, (UDate)d * 86400000.0, aOut, 128, 0, &st);
  if (U_FAILURE(st) || nOut > 128) return false;
  put_u16(p, aOut, nOut);
  return true;
}

/* ---- Dates without ICU ----------------------------------------------------------
**
** ICU's formatting of one date costs more than a page's row that shows it.
** A pattern made only of the day (d), the month's name (MMMM), the year (y)
** and literal text, as every catalogue's is, is written here from the
** months' names ICU gives once, for the years DATE_QUICK_FIRST to 9999
** (ICU's calendar is Julian before October 1582). The parts are first
** checked against ICU on days of each month of several years; any
** difference (another script's digits, say), or any other field, leaves
** every date to ICU.
*/
#define DATE_QUICK_FIRST 1583

/* zPat's parts into pLang (ICU's syntax: letters are fields, text between
** quotes literal, '' a quote); false for a field other than d, MMMM and y,
** or too many parts. Under dateLock, outside any pool. */
static bool date_parts_parse(Lang *pLang, const char *zPat) {
  Buf lit = {0};
  bool bOk = true, bQuoted = false;
  for (const char *z = zPat; *z && bOk;) {
    char c = *z;
    if (c == '\'' && z[1] == '\'') {
      buf_putc(&lit, '\'');
      z += 2;
    } else if (c == '\'') {
      bQuoted = !bQuoted;
      z++;
    } else if (!bQuoted && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      size_t n = 1;
      while (z[n] == c) n++;
      char cField = c == 'd' && n == 1   ? 'd'
                    : c == 'M' && n == 4 ? 'M'
                    : c == 'y' && n == 1 ? 'y'
                                         : 0;
      bool bRoom = pLang->nDatePart + (lit.n ? 2 : 1) <= DATE_PARTS_MAX;
      if (!cField || !bRoom) {
        bOk = false;
        break;
      }
      if (lit.n) {
        pLang->aDatePart[pLang->nDatePart++] = (DatePart){0, lit.z, lit.n};
        memset(&lit, 0, sizeof(lit));
      }
      pLang->aDatePart[pLang->nDatePart++] = (DatePart){cField, 0, 0};
      z += n;
    } else {
      buf_putc(&lit, c);
      z++;
    }
  }
  if (bOk && lit.n) {
    if (pLang->nDatePart < DATE_PARTS_MAX)
      pLang->aDatePart[pLang->nDatePart++] = (DatePart){0, lit.z, lit.n};
    else
      bOk = false;
  }
  if (!bOk || !lit.n) buf_free(&lit);
  return bOk && !bQuoted;
}

/* The date's text from pLang's parts into z (I18N_DATE_MAX bytes, which
** date_parts_check made sure are enough), not terminated: its length. Years
** DATE_QUICK_FIRST to 9999 have four digits. */
static int date_parts_write(const Lang *pLang, int y, int m, int d, char *z) {
  int n = 0;
  for (int i = 0; i < pLang->nDatePart; i++) {
    const DatePart *q = &pLang->aDatePart[i];
    switch (q->cField) {
    case 'd':
      if (d >= 10) z[n++] = (char)('0' + d / 10);
      z[n++] = (char)('0' + d % 10);
      break;
    case 'M':
      memcpy(z + n, pLang->azMonth[m - 1], pLang->anMonth[m - 1]);
      n += (int)pLang->anMonth[m - 1];
      break;
    case 'y':
      z[n++] = (char)('0' + y / 1000);
      z[n++] = (char)('0' + y / 100 % 10);
      z[n++] = (char)('0' + y / 10 % 10);
      z[n++] = (char)('0' + y % 10);
      break;
    default:
      memcpy(z + n, q->zText, q->nText);
      n += (int)q->nText;
      break;
    }
  }
  return n;
}

/* The months' names as ICU writes MMMM in pLang (its format form: the
** genitive in Russian), and ICU's dates against the parts' on a few days
** of each month; false if any differs. Under dateLock, outside any pool. */
static bool date_parts_check(Lang *pLang, UDateFormat *f) {
  UErrorCode st = U_ZERO_ERROR;
  UDateFormat *fMonth =
      udat_open(UDAT_PATTERN, UDAT_PATTERN, pLang->zCode, u"UTC", 3, u"MMMM", 4, &st);
  if (U_FAILURE(st)) return false;
  size_t nLongest = 0, nFixed = 0;
  for (int m = 1; m <= 12; m++) {
    Buf name = {0};
    if (!date_by_icu(&name, fMonth, date_from_ymd(2001, m, 15))) break;
    pLang->azMonth[m - 1] = name.z ? name.z : xstrdup("");
    pLang->anMonth[m - 1] = name.n;
    if (name.n > nLongest) nLongest = name.n;
  }
  udat_close(fMonth);
  if (!pLang->azMonth[11]) return false;
  for (int i = 0; i < pLang->nDatePart; i++) {
    char c = pLang->aDatePart[i].cField;
    nFixed += c == 'd' ? 2 : c == 'y' ? 4 : c == 'M' ? nLongest : pLang->aDatePart[i].nText;
  }
  if (nFixed > I18N_DATE_MAX) return false;
  static const int aYear[] = {DATE_QUICK_FIRST, 2000, 9999};
  static const int aDay[] = {1, 10, 28};
  bool bSame = true;
  Buf b = {0};
  for (size_t i = 0; i < sizeof(aYear) / sizeof(aYear[0]) && bSame; i++)
    for (int m = 1; m <= 12 && bSame; m++)
      for (size_t k = 0; k < sizeof(aDay) / sizeof(aDay[0]) && bSame; k++) {
        char z[I18N_DATE_MAX];
        int n = date_parts_write(pLang, aYear[i], m, aDay[k], z);
        buf_reset(&b);
        bSame = date_by_icu(&b, f, date_from_ymd(aYear[i], m, aDay[k])) && (size_t)n == b.n &&
                memcmp(z, b.z, b.n) == 0;
      }
  buf_free(&b);
  return bSame;
}

/* Whether pLang's dates may be written without ICU: the parts made and
** checked on first use. */
static bool date_quick_ready(Lang *pLang) {
  if (atomic_load_explicit(&pLang->bDateTried, memory_order_acquire)) return pLang->nDatePart > 0;
  pthread_mutex_lock(&pLang->dateLock);
  if (!atomic_load_explicit(&pLang->bDateTried, memory_order_relaxed)) {
    Pool *pPaused = pool_pause(); /* they outlive any request */
    UDateFormat *f = date_formatter(pLang);
    if (!f || !date_parts_parse(pLang, date_pattern()) || !date_parts_check(pLang, f)) {
      for (int i = 0; i < pLang->nDatePart; i++) xfree(pLang->aDatePart[i].zText);
      for (int i = 0; i < 12; i++) xfree(pLang->azMonth[i]);
      memset(pLang->aDatePart, 0, sizeof(pLang->aDatePart));
      memset(pLang->azMonth, 0, sizeof(pLang->azMonth));
      pLang->nDatePart = 0;
    }
    pool_resume(pPaused);
    atomic_store_explicit(&pLang->bDateTried, true, memory_order_release);
  }
  pthread_mutex_unlock(&pLang->dateLock);
  return pLang->nDatePart > 0;
}

int i18n_date_text(pdate d, char *z) {
  if (d == DATE_NONE) return -1;
  Lang *pLang = (Lang *)i18n_current();
  int y, m, day;
  date_to_ymd(d, &y, &m, &day);
  if (y < DATE_QUICK_FIRST || y > 9999 || !date_quick_ready(pLang)) return -1;
  return date_parts_write(pLang, y, m, day, z);
}

bool i18n_date_quick(Buf *p, pdate d) {
  char z[I18N_DATE_MAX];
  int n = i18n_date_text(d, z);
  if (n < 0) return false;
  buf_append(p, z, (size_t)n);
  return true;
}

void i18n_date(Buf *p, pdate d) {
  if (d == DATE_NONE || i18n_date_quick(p, d)) return;
  Lang *pLang = (Lang *)i18n_current();
  pthread_mutex_lock(&pLang->dateLock);
  UDateFormat *f = date_formatter(pLang);
  bool bDone = f && date_by_icu(p, f, d);
  pthread_mutex_unlock(&pLang->dateLock);
  if (!bDone) {
    char z[DATE_BUFSZ];
    date_format(d, z);
    buf_puts(p, z);
  }
}

void i18n_date_iso(Buf *p, const char *zIso) {
  pdate d;
  if (zIso && date_parse(zIso, strlen(zIso), &d) == 0)
    i18n_date(p, d);
  else if (zIso)
    buf_puts(p, zIso);
}
