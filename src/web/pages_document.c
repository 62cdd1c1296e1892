/*
** The documents: the list, and a document's page: its clauses of entry into
** force and withdrawal in words, its status and each party's on a date,
** the consents over time as a chart, and how every date was computed from
** the clause and the dated actions.
*/
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "fields.h"
#include "page.h"
#include "registry.h"
#include "routes.h"
#include "rules.h"
#include "submission.h"
#include "svg.h"

/* A string literal appended, its length known when compiled. */
#define buf_lit(p, zLit) buf_append((p), "" zLit, sizeof(zLit) - 1)

/* ---- Dates and plurals, formatted once per thread --------------------------------- */

/*
** A document's page names the same dates and delays hundreds of times (each
** party's row, its explanation, the actions, the chart), and ICU's formatting
** of one costs more than writing the rest of its row. Each server thread keeps
** what it formatted, by language and input, in a table of its own (the last
** inputs hashed to each place), freed when the thread ends.
*/
#define DATE_MEMO_SLOTS 65536  /* a power of two: 32768 pairs */
#define PLURAL_MEMO_SLOTS 1024 /* a power of two: 512 pairs */
#define WORDS_MEMO_SLOTS 64    /* a power of two */
#define DELAY_MEMO_SLOTS 16    /* a power of two */
#define PARTY_MEMO_SLOTS 1024  /* a power of two: up to 512 parties kept */
#define TIME_MEMO_SLOTS 1024   /* 2^10 */

typedef struct DateMemo {
  const Lang *pLang;
  pdate date;
  uint32_t nHtml; /* strlen(zHtml) */
  char *zHtml;    /* date_html of the date, or NULL until asked */
  char *zText;    /* date_text of the date, or NULL until asked */
} DateMemo;

typedef struct PluralMemo {
  const Lang *pLang;
  const char *zPattern; /* a catalogue's string: lives as long as the process */
  long long n;
  char *zText;
} PluralMemo;

/* A code of the rules as words (put_words), by the address of its name: an
** action's type and a status's name are the rules' own static strings. */
typedef struct WordsMemo {
  const Lang *pLang;
  const char *zCode; /* a static string */
  char *zHtml;       /* words_html(0, zCode), or NULL until asked */
  const char *zTerm; /* term(zCode), or zCode; NULL until asked */
} WordsMemo;

/* A delay in words (delay_html): each party's explanation names the
** clause's. */
typedef struct DelayMemo {
  const Lang *pLang;
  int days, months;
  bool firstOfNext;
  char *zHtml;
} DelayMemo;

/* A date's <time> element as put_quick_html wrote it, in place: a page
** names each of its ~240 dates about four times, and a few kilobytes of the
** last ones written stay in the processor's cache, unlike the places of
** the memo of dates (aDate) and their strings. */
typedef struct TimeMemo {
  const Lang *pLang; /* NULL: an empty place */
  pdate date;
  uint8_t n;
  char z[107];
} TimeMemo;

/* A party's row heading, by its code (row_parties). */
typedef struct PartyMemo {
  const Lang *pLang;
  char *zCode; /* NULL: an empty place */
  char *zName; /* put_party_name */
  char *zLink; /* put_party */
  size_t nLink;
  const char *zText; /* name_here: in the map held, or zCode */
} PartyMemo;

typedef struct Memo {
  const Lang *pNoneLang;
  char *zNoneHtml; /* put_date(p, 0) in pNoneLang */
  /* The parties' row headings written from the map pParties (held: the
  ** same object, so the same records), in each language. */
  json_t *pParties;
  int nParty;
  PartyMemo aParty[PARTY_MEMO_SLOTS];
  TimeMemo aTime[TIME_MEMO_SLOTS]; /* by date, the last written at each place */
  DateMemo aDate[DATE_MEMO_SLOTS];
  PluralMemo aPlural[PLURAL_MEMO_SLOTS];
  WordsMemo aWords[WORDS_MEMO_SLOTS];
  DelayMemo aDelay[DELAY_MEMO_SLOTS];
} Memo;

static pthread_key_t g_memoKey;
static __thread Memo *t_memo; /* the key's value, without a call to read it */
static pthread_once_t g_memoOnce = PTHREAD_ONCE_INIT;

static void memo_parties_clear(Memo *m) {
  for (int i = 0; i < PARTY_MEMO_SLOTS; i++) {
    free(m->aParty[i].zCode);
    free(m->aParty[i].zName);
    free(m->aParty[i].zLink);
  }
  memset(m->aParty, 0, sizeof(m->aParty));
  m->nParty = 0;
  json_decref(m->pParties);
  m->pParties = 0;
}

static void memo_free(void *pArg) {
  Memo *m = pArg;
  memo_parties_clear(m);
  for (int i = 0; i < DATE_MEMO_SLOTS; i++) {
    free(m->aDate[i].zHtml);
    free(m->aDate[i].zText);
  }
  for (int i = 0; i < PLURAL_MEMO_SLOTS; i++) free(m->aPlural[i].zText);
  for (int i = 0; i < WORDS_MEMO_SLOTS; i++) free(m->aWords[i].zHtml);
  for (int i = 0; i < DELAY_MEMO_SLOTS; i++) free(m->aDelay[i].zHtml);
  free(m->zNoneHtml);
  free(m);
  t_memo = 0;
}

static void memo_key_init(void) {
  if (pthread_key_create(&g_memoKey, memo_free)) panic("pthread_key_create failed");
}

/* The thread's memo (outside any request's pool: it outlives them). */
static Memo *memo_get(void) {
  if (t_memo) return t_memo;
  pthread_once(&g_memoOnce, memo_key_init);
  Memo *m = pthread_getspecific(g_memoKey);
  if (!m) {
    m = calloc(1, sizeof(Memo));
    if (!m || pthread_setspecific(g_memoKey, m)) panic("out of memory (a thread's memo)");
  }
  t_memo = m;
  return m;
}

static char *memo_strdup(const char *z) {
  char *zCopy = strdup(z ? z : "");
  if (!zCopy) panic("out of memory (a thread's memo)");
  return zCopy;
}

/* The slot of a date, emptied if it held another. Two slots for each hash
** (a page's two hundred dates would otherwise evict each other): the newer
** date in the first, the older moved to the second. */
static DateMemo *memo_pdate(pdate d) {
  uint32_t h = (uint32_t)d * 2654435761u;
  DateMemo *m = &memo_get()->aDate[(h >> 16) & (DATE_MEMO_SLOTS - 2)];
  const Lang *pLang = i18n_current();
  for (int i = 0; i < 2; i++)
    if (m[i].pLang == pLang && m[i].date == d) return &m[i];
  free(m[1].zHtml);
  free(m[1].zText);
  m[1] = m[0];
  m[0] = (DateMemo){pLang, d, 0, 0, 0};
  return &m[0];
}

static const char *memo_text(DateMemo *m) {
  if (!m->zText) {
    char zIso[DATE_BUFSZ];
    date_format(m->date, zIso);
    char *z = date_text(zIso);
    m->zText = memo_strdup(z);
    xfree(z);
  }
  return m->zText;
}

/* date_html: put_date's markup around the date's text, which ICU then
** formats once for both (a date the thread has not shown yet costs more
** than the rest of its uses on a page). */
static const char *memo_html(DateMemo *m) {
  if (!m->zHtml) {
    char zIso[DATE_BUFSZ];
    date_format(m->date, zIso);
    Buf t = {0};
    if (zIso[0]) {
      buf_lit(&t, "<time datetime=\"");
      buf_puts(&t, zIso);
      buf_lit(&t, "\">");
      html_escape(&t, memo_text(m));
      buf_lit(&t, "</time>");
    } else {
      put_date(&t, zIso);
    }
    m->zHtml = memo_strdup(t.z);
    m->nHtml = (uint32_t)strlen(m->zHtml);
    buf_free(&t);
  }
  return m->zHtml;
}

static void memo_put_html(Buf *p, DateMemo *m) {
  memo_html(m);
  buf_append(p, m->zHtml, m->nHtml);
}

/* put_date(p, 0): "none", muted. */
static const char *memo_none_html(void) {
  Memo *m = memo_get();
  const Lang *pLang = i18n_current();
  if (m->pNoneLang != pLang || !m->zNoneHtml) {
    char *z = date_html(0);
    free(m->zNoneHtml);
    m->zNoneHtml = memo_strdup(z);
    m->pNoneLang = pLang;
    xfree(z);
  }
  return m->zNoneHtml;
}

/* memo_html of d written without the memo, when i18n_date writes its text
** without ICU and the text needs no escaping (as a date's never does in
** the catalogues): a page's few hundred dates are then not looked up in a
** table of megabytes, a cache miss each. False (nothing written) when it
** cannot. */
static bool put_quick_html(Buf *p, pdate d) {
  static const char zOpen[] = "<time datetime=\"YYYY-MM-DD\">", zClose[] = "</time>";
  enum { nOpen = sizeof(zOpen) - 1, nClose = sizeof(zClose) - 1 };
  char z[nOpen + I18N_DATE_MAX + nClose];
  int nText = i18n_date_text(d, z + nOpen);
  if (nText < 0) return false;
  for (int i = 0; i < nText; i++) {
    char c = z[nOpen + i];
    if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') return false;
  }
  char zIso[DATE_BUFSZ];
  date_format(d, zIso);
  memcpy(z, zOpen, nOpen);
  memcpy(z + 16, zIso, 10); /* over YYYY-MM-DD: years 1583 to 9999 */
  memcpy(z + nOpen + nText, zClose, nClose);
  buf_append(p, z, (size_t)(nOpen + nText + nClose));
  return true;
}

/* The same for a date of the computed status (DATE_NONE: none). */
static void memo_put_pdate(Buf *p, pdate d) {
  if (d == DATE_NONE) {
    buf_puts(p, memo_none_html());
    return;
  }
  TimeMemo *t = &memo_get()->aTime[((uint32_t)d * 2654435761u) >> 22];
  const Lang *pLang = i18n_current();
  if (t->pLang == pLang && t->date == d) {
    buf_append(p, t->z, t->n);
    return;
  }
  size_t n0 = p->n;
  if (!put_quick_html(p, d)) {
    memo_put_html(p, memo_pdate(d));
  } else if (p->n - n0 <= sizeof(t->z)) {
    t->pLang = pLang;
    t->date = d;
    t->n = (uint8_t)(p->n - n0);
    memcpy(t->z, p->z + n0, t->n);
  }
}

static char *memo_pdate_html(pdate d) {
  Buf t = {0};
  memo_put_pdate(&t, d);
  return t.z ? t.z : xstrdup("");
}

/* The date's text in pScratch, or the memo's. */
static const char *pdate_text(pdate d, Buf *pScratch) {
  buf_reset(pScratch);
  if (i18n_date_quick(pScratch, d)) return pScratch->z;
  return memo_text(memo_pdate(d));
}

static char *memo_pdate_text(pdate d) {
  if (d == DATE_NONE) return date_text(0);
  Buf t = {0};
  const char *z = pdate_text(d, &t);
  if (z == t.z) return t.z;
  buf_free(&t);
  return xstrdup(z);
}

/* The same for an ISO date (another string as put_date and date_text show
** it). */
static char *memo_date_html(const char *zDate) {
  pdate d;
  if (!zDate || date_parse(zDate, strlen(zDate), &d)) return date_html(zDate);
  return memo_pdate_html(d);
}

static void memo_put_date(Buf *p, const char *zDate) {
  pdate d;
  if (zDate && date_parse(zDate, strlen(zDate), &d) == 0)
    memo_put_pdate(p, d);
  else if (!zDate || !*zDate)
    buf_puts(p, memo_none_html());
  else
    put_date(p, zDate);
}

static char *memo_date_text(const char *zDate) {
  pdate d;
  if (!zDate || date_parse(zDate, strlen(zDate), &d)) return date_text(zDate);
  return memo_pdate_text(d);
}

/* n >= 0 in decimal into z (16 bytes), as "%d" writes it: a chart's
** hundreds of titles each have one. */
static void int_text(int n, char *z) {
  char a[16];
  int i = 0;
  unsigned u = n < 0 ? 0u - (unsigned)n : (unsigned)n;
  do {
    a[i++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (n < 0) a[i++] = '-';
  for (int k = 0; k < i; k++) z[k] = a[i - 1 - k];
  z[i] = 0;
}

/* "YYYY-MM-DD" into z (DATE_BUFSZ bytes), or NULL for DATE_NONE. */
static const char *iso_of(pdate d, char *z) {
  if (d == DATE_NONE) return 0;
  date_format(d, z);
  return z;
}

/* The slot of a code of the rules (a static string), emptied if it held
** another. */
static WordsMemo *memo_words(const char *zCode) {
  uint64_t h = (uint64_t)((uintptr_t)zCode >> 3) * 0x9E3779B97F4A7C15ull;
  WordsMemo *m = &memo_get()->aWords[(h >> 40) & (WORDS_MEMO_SLOTS - 1)];
  const Lang *pLang = i18n_current();
  if (m->pLang != pLang || m->zCode != zCode) {
    free(m->zHtml);
    *m = (WordsMemo){pLang, zCode, 0, 0};
  }
  return m;
}

/* put_words for a code of the rules. */
static void memo_put_code(Buf *p, const char *zCode) {
  WordsMemo *m = memo_words(zCode);
  if (!m->zHtml) {
    char *z = words_html(0, zCode);
    m->zHtml = memo_strdup(z);
    xfree(z);
  }
  buf_puts(p, m->zHtml);
}

/* dflt(term(zCode), zCode) for a code of the rules. */
static const char *memo_term(const char *zCode) {
  WordsMemo *m = memo_words(zCode);
  if (!m->zTerm) m->zTerm = dflt(term(zCode), zCode);
  return m->zTerm;
}

static char *memo_code_html(const char *zCode) {
  Buf t = {0};
  memo_put_code(&t, zCode);
  return t.z ? t.z : xstrdup("");
}

/* plural_text for a pattern of the catalogue (_("...")). */
static char *memo_plural_text(const char *zPattern, long long n) {
  uint64_t h =
      ((uint64_t)(uintptr_t)zPattern ^ (uint64_t)n * 0x9E3779B97F4A7C15ull) * 0xff51afd7ed558ccdull;
  PluralMemo *m = &memo_get()->aPlural[(h >> 40) & (PLURAL_MEMO_SLOTS - 2)];
  const Lang *pLang = i18n_current();
  /* Two places for each hash, as for dates: a page's few plurals (a count,
  ** a rank, a threshold) evicted each other from one. */
  for (int i = 0; i < 2; i++)
    if (m[i].pLang == pLang && m[i].zPattern == zPattern && m[i].n == n && m[i].zText)
      return xstrdup(m[i].zText);
  char *z = plural_text(zPattern, n);
  free(m[1].zText);
  m[1] = m[0];
  m[0] = (PluralMemo){pLang, zPattern, n, memo_strdup(z)};
  xfree(z);
  return xstrdup(m[0].zText);
}

static char *memo_plural_html(const char *zPattern, long long n) {
  char *z = memo_plural_text(zPattern, n);
  char *zHtml = html_of(z);
  xfree(z);
  return zHtml;
}

/* ---- Delays in words ---------------------------------------------------------------- */

typedef struct DelayWords {
  int days, months;
  bool firstOfNext;
} DelayWords;

static DelayWords delay_of(const json_t *p) {
  DelayWords d = {(int)json_integer_value(json_object_get(p, "days")),
                  (int)json_integer_value(json_object_get(p, "months")), str(p, "then") != 0};
  return d;
}

static bool delay_zero(DelayWords d) {
  return !d.days && !d.months && !d.firstOfNext;
}

/* "30 days", "3 months and 2 days, then the first day of the following month". */
static void put_delay(Buf *p, DelayWords d) {
  char *zMonths =
      d.months ? memo_plural_html(_("{0, plural, one{# month} other{# months}}"), d.months) : 0;
  char *zDays = d.days || !d.months
                    ? memo_plural_html(_("{0, plural, one{# day} other{# days}}"), d.days)
                    : 0;
  if (zMonths && zDays)
    put_msg(p, _("{0} and {1}"), zMonths, zDays);
  else
    buf_puts(p, zMonths ? zMonths : zDays);
  if (d.firstOfNext) html_escape(p, _(", then the first day of the following month"));
  xfree(zMonths);
  xfree(zDays);
}

static char *delay_html(DelayWords d) {
  unsigned h = ((unsigned)d.days * 31u + (unsigned)d.months) * 2u + d.firstOfNext;
  DelayMemo *m = &memo_get()->aDelay[(h * 2654435761u >> 16) & (DELAY_MEMO_SLOTS - 1)];
  const Lang *pLang = i18n_current();
  if (m->pLang != pLang || m->days != d.days || m->months != d.months ||
      m->firstOfNext != d.firstOfNext || !m->zHtml) {
    Buf t = {0};
    put_delay(&t, d);
    free(m->zHtml);
    *m = (DelayMemo){pLang, d.days, d.months, d.firstOfNext, memo_strdup(t.z)};
    buf_free(&t);
  }
  return xstrdup(m->zHtml);
}

/* When a party that consents later is bound. */
static void put_later(Buf *p, DelayWords d) {
  if (delay_zero(d)) {
    html_escape(p, _("from the day of their own consent."));
    return;
  }
  char *zDelay = delay_html(d);
  if (d.firstOfNext)
    put_msg(p, _("from their own consent + {0}."), zDelay);
  else
    put_msg(p, _("{0} after their own."), zDelay);
  xfree(zDelay);
}

static char *later_html(DelayWords d) {
  Buf t = {0};
  put_later(&t, d);
  return t.z ? t.z : xstrdup("");
}

static pdate apply_delay(DelayWords d, pdate x) {
  Delay dl = {d.days, d.months, d.firstOfNext};
  return delay_apply(&dl, x);
}

/* ---- The clause in words ------------------------------------------------------------ */

/* The conditions of a threshold clause: "2 consents and the consents of..." */
static void put_conditions(Buf *p, const json_t *aCond, const json_t *pParties) {
  for (size_t i = 0; i < json_array_size(aCond); i++) {
    const json_t *c = json_array_get(aCond, i);
    if (i) html_escape(p, _(" and "));
    if (json_object_get(c, "count")) {
      char *z = memo_plural_html(_("{0, plural, one{# consent} other{# consents}}"),
                                 (long long)json_integer_value(json_object_get(c, "count")));
      buf_puts(p, z);
      xfree(z);
    } else if (json_object_get(c, "all_of")) {
      Buf list = {0};
      const json_t *a = json_object_get(c, "all_of");
      for (size_t k = 0; k < json_array_size(a); k++) {
        if (k) html_escape(&list, k + 1 == json_array_size(a) ? _(" and ") : _(", "));
        put_party(&list, pParties, json_string_value(json_array_get(a, k)));
      }
      put_msg(p, _("the consents of {0}"), list.z ? list.z : "");
      buf_free(&list);
    } else {
      char *zWeight = html_of(dflt(str(c, "weight"), ""));
      char *zAtLeast = xprintf("%g", json_number_value(json_object_get(c, "at_least")));
      put_msg(p, _("the consenting parties' {0} adding up to at least {1}"), zWeight, zAtLeast);
      xfree(zWeight);
      xfree(zAtLeast);
    }
  }
  if (!json_array_size(aCond)) html_escape(p, _("the first consent"));
}

/* The entry-into-force clause in words. */
static void put_rule(Buf *p, const json_t *pDoc, const json_t *pParties) {
  const json_t *e = json_object_get(pDoc, "entry_into_force");
  const char *zRule = str(e, "rule");
  if (!zRule) {
    html_escape(p, _("No entry-into-force clause is recorded, so pacta does not compute dates "
                     "for this document."));
    return;
  }
  DelayWords delay = delay_of(json_object_get(e, "delay"));
  const json_t *pLater = json_object_get(e, "later_delay");
  DelayWords later = pLater ? delay_of(pLater) : delay;
  buf_lit(p, "<strong>");
  put_words(p, zRule);
  buf_lit(p, "</strong>: ");
  if (strcmp(zRule, "on_signature") == 0) {
    html_escape(p, _("each party is bound from its own signature; a party whose signature is "
                     "subject to domestic procedures, from its first later consent instrument."));
  } else if (strcmp(zRule, "threshold") == 0) {
    Buf when = {0};
    put_conditions(&when, json_object_get(e, "conditions"), pParties);
    if (delay_zero(delay)) {
      html_escape(&when, _(", in force on the day the conditions are met"));
    } else {
      char *zDelay = delay_html(delay);
      put_msg(&when, _(", then {0}"), zDelay);
      xfree(zDelay);
    }
    if (str(e, "not_before")) {
      char *zDate = memo_date_html(str(e, "not_before"));
      put_msg(&when, _(", but not before {0}"), zDate);
      xfree(zDate);
    }
    char *zLater = later_html(later);
    put_msg(p, _("{0}; later parties {1}"), when.z ? when.z : "", zLater);
    xfree(zLater);
    buf_free(&when);
  } else if (strcmp(zRule, "fixed_date") == 0) {
    char *zDate = memo_date_html(str(e, "date"));
    char *zLater = later_html(pLater ? later : (DelayWords){0, 0, false});
    put_msg(p, _("in force on {0} for every party that consented by then; later parties {1}"),
            zDate, zLater);
    xfree(zDate);
    xfree(zLater);
  }
}

static void put_withdrawal_rule(Buf *p, const json_t *pDoc) {
  const json_t *pNotice = json_object_get(json_object_get(pDoc, "withdrawal"), "notice");
  if (pNotice) {
    char *zDelay = delay_html(delay_of(pNotice));
    put_msg(p, _("a notice takes effect {0} after it is received."), zDelay);
    xfree(zDelay);
  } else {
    html_escape(p, _("a notice takes effect 12 months after it is received (the default of VCLT "
                     "art. 56)."));
  }
}

/* Each row's party as put_party and put_party_name write it, made once: a
** party is named in its row, in its explanation and beside each of its
** actions. */
typedef struct RowParty {
  char *zName;       /* put_party_name */
  char *zLink;       /* put_party */
  size_t nLink;      /* strlen(zLink) */
  const char *zText; /* the name as text (name_here), or the code */
  bool bKept;        /* zName and zLink are the thread's memo's, not the page's */
} RowParty;

/* The place of zCode in the current language in the thread's memo of row
** headings: its own, or the empty one it would take. */
static PartyMemo *memo_party(Memo *m, const char *zCode) {
  const Lang *pLang = i18n_current();
  uint32_t h = (uint32_t)((uintptr_t)pLang >> 4) * 2654435761u;
  for (const char *z = zCode; *z; z++) h = (h ^ (unsigned char)*z) * 16777619u;
  for (uint32_t i = h;; i++) {
    PartyMemo *q = &m->aParty[i & (PARTY_MEMO_SLOTS - 1)];
    if (!q->zCode || (q->pLang == pLang && strcmp(q->zCode, zCode) == 0)) return q;
  }
}

/* Each row's heading. Every document page names the same parties: with
** bKeep, each thread keeps them for the map of parties they were written
** from, which record_map gives again while no party changed (not inside a
** write transaction, whose map lives only as long as its request), in each
** language. */
static RowParty *row_parties(const StatusDetail *pSt, json_t *pParties, bool bKeep) {
  RowParty *a = xmalloc((size_t)pSt->nRow * sizeof(RowParty) + 1);
  Memo *m = bKeep ? memo_get() : 0;
  if (m && m->pParties != pParties) {
    memo_parties_clear(m);
    m->pParties = json_incref(pParties);
  }
  for (int i = 0; i < pSt->nRow; i++) {
    const char *zCode = pSt->aRow[i].zParty;
    PartyMemo *q = m ? memo_party(m, zCode) : 0;
    if (q && q->zCode) {
      a[i] = (RowParty){q->zName, q->zLink, q->nLink, q->zText, true};
      continue;
    }
    const char *zText = name_here(json_object_get(json_object_get(pParties, zCode), "name"), zCode);
    Buf name = {0}, link = {0};
    put_party_name(&name, pParties, zCode);
    buf_lit(&link, "<span class=\"nw\"><a href=\"/parties/");
    html_escape(&link, zCode);
    buf_lit(&link, "\">");
    buf_append(&link, name.z ? name.z : "", name.n);
    buf_lit(&link, "</a> <span class=\"code\">");
    html_escape(&link, zCode);
    buf_lit(&link, "</span></span>");
    a[i] = (RowParty){name.z ? name.z : xstrdup(""), link.z, link.n, zText, false};
    if (q && m->nParty < PARTY_MEMO_SLOTS / 2) {
      *q = (PartyMemo){i18n_current(),          memo_strdup(zCode), memo_strdup(a[i].zName),
                       memo_strdup(a[i].zLink), a[i].nLink,         zText};
      if (zText == zCode) q->zText = q->zCode; /* no name: the code, the page's until now */
      m->nParty++;
    }
  }
  return a;
}

static int compare_code_row(const void *pKey, const void *pRow) {
  return strcmp(pKey, ((const DetailRow *)pRow)->zParty);
}

/* The row of the party zCode (rows are by code), or -1. */
static int row_of(const StatusDetail *pSt, const char *zCode) {
  if (pSt->nRow == 0) return -1; /* aRow may be NULL, which bsearch may not be given */
  const DetailRow *p =
      bsearch(zCode, pSt->aRow, (size_t)pSt->nRow, sizeof(DetailRow), compare_code_row);
  return p ? (int)(p - pSt->aRow) : -1;
}

static void row_parties_free(RowParty *a, int n) {
  for (int i = 0; i < n; i++) {
    if (a[i].bKept) continue;
    xfree(a[i].zName);
    xfree(a[i].zLink);
  }
  xfree(a);
}

/* ---- The consents chart --------------------------------------------------------------- */

/* The consents chart: counted consents as a step line, the threshold and
** the entry-into-force date. */
static void consent_chart(Buf *p, const json_t *pDoc, const StatusDetail *pSt,
                          const RowParty *aParty, const json_t *pParties, pdate on) {
  int n = pSt->nConsent;
  SvgPoint *aPoint = xmalloc((size_t)n * sizeof(SvgPoint) + 1);
  int nPoint = 0, count = 0;
  /* threshold: the consent that completed the conditions */
  const char *zTrigParty = pSt->trigger.zParty;
  if (strcmp(dflt(str(json_object_get(pDoc, "entry_into_force"), "rule"), ""), "threshold") != 0)
    zTrigParty = 0;
  bool bAnyHit = false;
  Buf text = {0}; /* a date's */
  for (int i = 0; i < n; i++) {
    const DetailAction *c = &pSt->aConsent[i].a;
    if (!pSt->aConsent[i].bCounted) continue;
    count++;
    const char *zParty = c->zParty;
    int iRow = row_of(pSt, zParty);
    const char *zName =
        iRow >= 0 ? aParty[iRow].zText
                  : name_here(json_object_get(json_object_get(pParties, zParty), "name"), zParty);
    char zCount[16];
    int_text(count, zCount);
    char *zTitle = msg_text(_("{0}: {1} of {2} (consent {3})"), zName, memo_term(c->zType),
                            c->date == DATE_NONE ? "" : pdate_text(c->date, &text), zCount);
    pdate d = c->date;
    bool bHit = zTrigParty && strcmp(zTrigParty, zParty) == 0;
    if (bHit) bAnyHit = true;
    if (nPoint && aPoint[nPoint - 1].date == d) { /* same day: one step */
      xfree((char *)aPoint[nPoint - 1].zTitle);
      aPoint[nPoint - 1].value = count;
      aPoint[nPoint - 1].zTitle = zTitle;
      aPoint[nPoint - 1].bHighlight |= bHit;
      continue;
    }
    aPoint[nPoint++] = (SvgPoint){d, count, zTitle, bHit};
  }
  buf_free(&text);
  int threshold = 0;
  const json_t *e = json_object_get(pDoc, "entry_into_force");
  if (strcmp(dflt(str(e, "rule"), ""), "threshold") == 0) {
    const json_t *aCond = json_object_get(e, "conditions");
    for (size_t i = 0; i < json_array_size(aCond); i++) {
      int k = (int)json_integer_value(json_object_get(json_array_get(aCond, i), "count"));
      if (k > threshold) threshold = k;
    }
  }
  if (!nPoint) {
    hprintf(p, "<p class=\"muted\">%s</p>", _("No consent recorded on or before this date."));
    xfree(aPoint);
    return;
  }
  pdate eif = pSt->entryIntoForce;
  pdate start = aPoint[0].date, end = aPoint[nPoint - 1].date;
  pdate adopted = date_of(json_object_get(json_object_get(pDoc, "adopted"), "date"));
  if (adopted != DATE_NONE && adopted < start) start = adopted;
  if (eif != DATE_NONE && eif > end) end = eif;
  if (eif != DATE_NONE && eif < start) start = eif;
  int pad = (end - start) / 20 + 20;
  start = date_add_days(start, -pad);
  end = date_add_days(end, pad);
  if (end > on && on > aPoint[nPoint - 1].date && (eif == DATE_NONE || on > eif)) end = on;
  char zEif[DATE_BUFSZ];
  date_format(eif, zEif);
  char *zEifText = memo_date_text(eif != DATE_NONE ? zEif : 0);
  char *zConsents = memo_plural_text(_("{0, plural, one{# consent} other{# consents}}"), threshold);
  char *zThreshold = msg_text(_("threshold: {0}"), zConsents);
  char *zMarker = msg_text(_("entry into force {0}"), zEifText);
  char *zFirst = memo_pdate_text(pSt->aConsent[0].a.date);
  char *zCounted = memo_plural_text(_("{0, plural, one{# consent} other{# consents}}"), count);
  Buf desc = {0};
  char *zStep = msg_text(_("A step line rises by one at each counted consent, from {0} to {1}"),
                         zFirst, zCounted);
  buf_puts(&desc, zStep);
  if (threshold) buf_puts(&desc, _("; a dashed line marks the threshold"));
  if (eif != DATE_NONE) buf_puts(&desc, _("; a vertical line marks the entry into force"));
  buf_lit(&desc, ".");
  SvgSteps chart = {"consents-chart",
                    _("Consents over time"),
                    desc.z,
                    _("consents"),
                    aPoint,
                    nPoint,
                    start,
                    end,
                    threshold,
                    zThreshold,
                    eif,
                    zMarker};
  buf_lit(p, "<figure class=\"chart\">");
  svg_steps(p, &chart);
  hprintf(p,
          "</figure><ul class=\"legend\" aria-label=\"%s\"><li><span class=\"sw step\">"
          "</span>%s</li>",
          _("Legend"), _("consents counted (organizations are not counted toward a number)"));
  if (bAnyHit)
    hprintf(p, "<li><span class=\"sw dot-hit\"></span>%s</li>",
            _("the consent that completed the conditions"));
  if (threshold) {
    char *zNum = xprintf("%d", threshold);
    buf_lit(p, "<li><span class=\"sw line\"></span>");
    put_msg(p, _("threshold: {0}"), zNum);
    buf_lit(p, "</li>");
    xfree(zNum);
  }
  if (eif != DATE_NONE) {
    char *zDate = memo_date_html(zEif);
    buf_lit(p, "<li><span class=\"sw mark\"></span>");
    put_msg(p, _("entry into force {0}"), zDate);
    buf_lit(p, "</li>");
    xfree(zDate);
  }
  buf_lit(p, "</ul>");
  for (int i = 0; i < nPoint; i++) xfree((char *)aPoint[i].zTitle);
  xfree(aPoint);
  xfree(zEifText);
  xfree(zConsents);
  xfree(zThreshold);
  xfree(zMarker);
  xfree(zFirst);
  xfree(zCounted);
  xfree(zStep);
  buf_free(&desc);
}

/* ---- How the dates were computed ------------------------------------------------------- */

/* "Armenia's notification of 21 December 1998" (bOwn: "notification of 21
** December 1998", the party being named already), as HTML. */
static char *action_ref_html(const json_t *pParties, const DetailAction *a, bool bOwn) {
  Buf t = {0};
  char *zType = memo_code_html(a->zType);
  char *zDate = memo_pdate_html(a->date);
  if (bOwn) {
    put_msg(&t, _("its {0} of {1}"), zType, zDate);
  } else {
    Buf name = {0};
    put_party_name(&name, pParties, a->zParty);
    put_msg(&t, _("{0}'s {1} of {2}"), name.z ? name.z : "", zType, zDate);
    buf_free(&name);
  }
  xfree(zType);
  xfree(zDate);
  return t.z;
}

static void put_general_date(Buf *p) {
  hprintf(p, "<strong>%s</strong> ", _("General date."));
}

/* How the general date was computed. */
static void explain_general(Buf *p, const json_t *pDoc, const StatusDetail *pSt,
                            const json_t *pParties, const char *zOn) {
  const json_t *e = json_object_get(pDoc, "entry_into_force");
  const char *zRule = dflt(str(e, "rule"), "");
  char zEifIso[DATE_BUFSZ];
  const char *zEif = iso_of(pSt->entryIntoForce, zEifIso);
  const DetailAction *pTrig = &pSt->trigger;
  buf_lit(p, "<p>");
  if (strcmp(zRule, "threshold") == 0) {
    if (pTrig->zParty) {
      long long rank = pSt->rank;
      put_general_date(p);
      DelayWords d = delay_of(json_object_get(e, "delay"));
      pdate t = pSt->triggerDate;
      char zSum[DATE_BUFSZ];
      date_format(apply_delay(d, t), zSum);
      char *zRef = action_ref_html(pParties, pTrig, false);
      char *zRank =
          memo_plural_html(_("{0, selectordinal, one{#st} two{#nd} few{#rd} other{#th}}"), rank);
      char *zMet = memo_pdate_html(pSt->triggerDate);
      char *zDelay = delay_html(d);
      char *zSumHtml = memo_date_html(zSum);
      put_msg(p,
              _("{0} was the {1} consent counted and completed the conditions: they were met on "
                "{2}; {2} + {3} = {4}"),
              zRef, zRank, zMet, zDelay, zSumHtml);
      if (str(e, "not_before")) {
        char *zNb = memo_date_html(str(e, "not_before")), *zE = memo_date_html(zEif);
        put_msg(p, _("; not before {0}, so the agreement entered into force on {1}"), zNb, zE);
        xfree(zNb);
        xfree(zE);
      }
      html_period(p);
      xfree(zRef);
      xfree(zRank);
      xfree(zMet);
      xfree(zDelay);
      xfree(zSumHtml);
    } else {
      long long nCount = 0;
      for (int i = 0; i < pSt->nConsent; i++)
        if (pSt->aConsent[i].bCounted) nCount++;
      char *zDate = memo_date_html(zOn);
      char *zCount = memo_plural_html(_("{0, plural, one{# consent} other{# consents}}"), nCount);
      buf_lit(p, "<strong>");
      put_msg(p, _("Not yet in force on {0}."), zDate);
      buf_lit(p, "</strong> ");
      put_msg(p, _("The conditions are not met: {0} counted so far."), zCount);
      xfree(zDate);
      xfree(zCount);
    }
  } else if (strcmp(zRule, "fixed_date") == 0) {
    put_general_date(p);
    char *zDate = memo_date_html(str(e, "date"));
    put_msg(p, _("The clause fixes it: {0}"), zDate);
    xfree(zDate);
    if (zEif)
      html_period(p);
    else
      html_escape(p, _(" (no party had consented by this date, so nobody is bound yet)."));
  } else if (strcmp(zRule, "on_signature") == 0) {
    if (pTrig->zParty) {
      put_general_date(p);
      char *zRef = action_ref_html(pParties, pTrig, false);
      put_msg(p, _("The earliest day any party was bound: {0}."), zRef);
      xfree(zRef);
    } else {
      hprintf(p, "<strong>%s</strong> %s", _("Not yet in force."), _("No party is bound yet."));
    }
  } else {
    html_escape(p, _("No clause is recorded, so no date is computed."));
  }
  buf_lit(p, "</p>");
}

/* A party that has not consented: what it did instead. */
static void explain_no_consent(Buf *p, const DetailRow *row) {
  const char *zStatus = dflt(row->zStatus, "");
  bool bSubject = false;
  for (int i = 0; i < row->nAction; i++)
    if (row->aAction[i].bSubjectToProcedures) bSubject = true;
  char *zSince = memo_pdate_html(row->since);
  char *zSigned = memo_pdate_html(row->signature);
  if (strcmp(zStatus, "provisional") == 0) {
    put_msg(p, _("applies it provisionally since {0}; no consent to be bound yet."), zSince);
  } else if (strcmp(zStatus, "not_interested") == 0) {
    put_msg(p, _("declared on {0} that it has no interest in it."), zSince);
  } else if (row->signature != DATE_NONE) {
    put_msg(p,
            bSubject ? _("signed on {0} subject to domestic procedures; no consent to be bound "
                         "yet.")
                     : _("signed on {0}; no consent to be bound yet."),
            zSigned);
  } else {
    put_words(p, zStatus);
    html_period(p);
  }
  xfree(zSince);
  xfree(zSigned);
}

/* A party's withdrawal: when its notice takes effect, and why. */
static void explain_withdrawal(Buf *p, const json_t *pDoc, const DetailRow *row) {
  if (!row->bWithdrawal) return;
  char *zReceived = memo_pdate_html(row->withdrawal),
       *zEffective = memo_pdate_html(row->withdrawalEffective);
  buf_lit(p, " ");
  put_msg(p, _("Notice of withdrawal received {0}, effective {1}"), zReceived, zEffective);
  bool bStated = false;
  for (int i = 0; i < row->nAction; i++) {
    const DetailAction *a = &row->aAction[i];
    if (strcmp(a->zType, "withdrawal") == 0 && a->date == row->withdrawal &&
        a->effective != DATE_NONE)
      bStated = true;
  }
  buf_lit(p, " (");
  if (bStated) {
    html_escape(p, _("the date stated in the notice"));
  } else {
    const json_t *pNotice = json_object_get(json_object_get(pDoc, "withdrawal"), "notice");
    if (pNotice) {
      char *zDelay = delay_html(delay_of(pNotice));
      put_msg(p, _("{0} + {1}"), zReceived, zDelay);
      xfree(zDelay);
    } else {
      put_msg(p, _("{0} + 12 months, VCLT art. 56"), zReceived);
    }
  }
  buf_lit(p, ").");
  xfree(zReceived);
  xfree(zEffective);
}

/* How one party's date was computed. */
static void explain_party(Buf *p, const json_t *pDoc, const StatusDetail *pSt, const DetailRow *row,
                          const char *zNameHtml, const json_t *pParties) {
  const json_t *e = json_object_get(pDoc, "entry_into_force");
  const char *zRule = dflt(str(e, "rule"), "");
  const char *zCode = row->zParty;
  const DetailAction *pConsent = row->consent.zParty ? &row->consent : 0;
  const DetailAction *pTrig = row->trigger.zParty ? &row->trigger : 0;
  buf_lit(p, "<li><strong>");
  buf_puts(p, zNameHtml);
  buf_lit(p, "</strong>: ");
  char *zRef = pConsent ? action_ref_html(pParties, pConsent, true) : 0;
  char *zEifHtml = memo_pdate_html(row->entryIntoForce);
  if (!pConsent) {
    explain_no_consent(p, row);
  } else if (row->entryIntoForce == DATE_NONE) {
    buf_puts(p, zRef);
    if (row->bWithdrawal)
      html_escape(p, _("; the withdrawal took effect before it would have been bound."));
    else
      html_escape(p, _("; not bound yet: the document's conditions are not met."));
  } else if (strcmp(zRule, "threshold") == 0) {
    bool bOwn = pTrig && strcmp(pTrig->zParty, zCode) == 0;
    pdate t = pSt->triggerDate;
    if (!bOwn ||
        (t != DATE_NONE && pConsent->date <= t && row->entryIntoForce == pSt->entryIntoForce)) {
      char *zMet = memo_pdate_html(t);
      put_msg(p,
              _("{0} came on or before the day the conditions were met ({1}), so it is bound "
                "from the general date {2}."),
              zRef, zMet, zEifHtml);
      xfree(zMet);
    } else {
      const json_t *pLater = json_object_get(e, "later_delay");
      DelayWords d = delay_of(pLater ? pLater : json_object_get(e, "delay"));
      pdate own = apply_delay(d, pConsent->date);
      char *zType = memo_code_html(pConsent->zType);
      char *zDate = memo_pdate_html(pConsent->date);
      char *zDelay = delay_html(d);
      char *zOwnHtml = memo_pdate_html(own);
      put_msg(p, _("own {0} of {1} + {2} = {3}"), zType, zDate, zDelay, zOwnHtml);
      if (own != row->entryIntoForce)
        put_msg(p, _("; not before the general date, so {0}"), zEifHtml);
      html_period(p);
      xfree(zType);
      xfree(zDate);
      xfree(zDelay);
      xfree(zOwnHtml);
    }
  } else if (strcmp(zRule, "fixed_date") == 0) {
    const char *zFixed = dflt(str(e, "date"), "");
    char zConsentDate[DATE_BUFSZ];
    date_format(pConsent->date, zConsentDate);
    if (strcmp(zConsentDate, zFixed) <= 0) {
      put_msg(p, _("{0} came by the fixed date, so it is bound from {1}."), zRef, zEifHtml);
    } else {
      const json_t *pLater = json_object_get(e, "later_delay");
      DelayWords d = pLater ? delay_of(pLater) : (DelayWords){0, 0, false};
      char *zDate = memo_pdate_html(pConsent->date);
      char *zDelay = delay_html(d);
      put_msg(p, _("{0} came after the fixed date: {1} + {2} = {3}."), zRef, zDate, zDelay,
              zEifHtml);
      xfree(zDate);
      xfree(zDelay);
    }
  } else if (strcmp(zRule, "on_signature") == 0) {
    put_msg(p, _("bound from {0}"), zRef);
    if (strcmp(pConsent->zType, "signature") != 0 && row->signature != DATE_NONE) {
      char *zSigned = memo_pdate_html(row->signature);
      buf_lit(p, " ");
      put_msg(p, _("(its signature of {0} was subject to domestic procedures)"), zSigned);
      xfree(zSigned);
    }
    html_period(p);
  }
  xfree(zRef);
  xfree(zEifHtml);
  explain_withdrawal(p, pDoc, row);
  buf_lit(p, "</li>");
}

/* A text shown on the page at most; a longer one is in the record. */
#define TEXT_SHOWN_MAX (1 << 20)

/* The document's full text in each language, folded away. */
static void document_text(Buf *p, const json_t *pText, const char *zId) {
  const char *zLang;
  const json_t *v;
  json_object_foreach((json_t *)pText, zLang, v) {
    if (!json_is_string(v)) continue;
    /* The text's language named in the page's; a third one by its own name. */
    const Lang *pL = i18n_find(zLang);
    const char *zName = strcmp(zLang, "en") == 0   ? _("English")
                        : strcmp(zLang, "ru") == 0 ? _("Russian")
                        : pL                       ? i18n_autonym(pL)
                                                   : zLang;
    char *zNameHtml = html_of(zName);
    size_t n = json_string_length(v);
    if (n > TEXT_SHOWN_MAX) {
      Buf link = {0};
      hprintf(&link, "<a href=\"/api/v1/documents/%s\">", zId);
      char *zBytes = xprintf("%zu", n);
      buf_lit(p, "<p class=\"small\">");
      put_msg(p,
              _("Full text ({0}): {1} bytes, too long for this page; it is in {2}the record{3}."),
              zNameHtml, zBytes, link.z, "</a>");
      buf_lit(p, "</p>");
      buf_free(&link);
      xfree(zBytes);
    } else {
      buf_lit(p, "<details><summary>");
      put_msg(p, _("Full text ({0})"), zNameHtml);
      hprintf(p,
              "</summary><div lang=\"%s\" style=\"white-space:pre-wrap;max-width:50rem\">%s</div>"
              "</details>",
              zLang, json_string_value(v));
    }
    xfree(zNameHtml);
  }
}

/* The heading and the facts: type, organization, body, adoption, the
** clauses of entry into force and withdrawal in words. */
static void document_facts(Buf *p, Db *pDb, const json_t *pDoc, const char *zId,
                           const json_t *pParties) {
  json_t *pOrgs = record_map(pDb, K_ORGANIZATION, "id");
  json_t *pBodies = record_map(pDb, K_BODY, "id");
  const json_t *pTitle = json_object_get(pDoc, "title");
  const json_t *pAdopted = json_object_get(pDoc, "adopted");
  buf_lit(p, "<h1>");
  put_name(p, pTitle, zId);
  buf_lit(p, "</h1>");
  put_second_name(p, pTitle);
  hprintf(p, "<dl class=\"facts\"><dt>%s</dt><dd>", _("Type"));
  put_words_in(p, "document type", dflt(str(pDoc, "type"), ""));
  hprintf(p, "</dd><dt>%s</dt><dd>", _("Organization"));
  put_link(p, "organizations", pOrgs, str(pDoc, "organization"), "name");
  buf_lit(p, "</dd>");
  if (str(pDoc, "body")) {
    hprintf(p, "<dt>%s</dt><dd>", _("Body"));
    put_link(p, "bodies", pBodies, str(pDoc, "body"), "name");
    buf_lit(p, "</dd>");
  }
  hprintf(p, "<dt>%s</dt><dd>", _("Adopted"));
  memo_put_date(p, str(pAdopted, "date"));
  if (str(pAdopted, "place")) {
    buf_lit(p, ", ");
    put_place(p, pDb, str(pAdopted, "place"));
  }
  if (str(pAdopted, "session"))
    hprintf(p, " (<a href=\"/sessions/%s\">%s</a>)", str(pAdopted, "session"), _("session"));
  buf_lit(p, "</dd>");
  if (str(pDoc, "depositary")) {
    hprintf(p, "<dt>%s</dt><dd>", _("Depositary"));
    put_text(p, str(pDoc, "depositary"));
    buf_lit(p, "</dd>");
  }
  if (str(pDoc, "supersedes"))
    hprintf(p, "<dt>%s</dt><dd><a href=\"/documents/%s\">%s</a></dd>", _("Supersedes"),
            str(pDoc, "supersedes"), str(pDoc, "supersedes"));
  hprintf(p, "<dt>%s</dt><dd>", _("Entry into force"));
  put_rule(p, pDoc, pParties);
  hprintf(p, "</dd><dt>%s</dt><dd>", _("Withdrawal"));
  put_withdrawal_rule(p, pDoc);
  hprintf(p, "</dd><dt>%s</dt><dd><span class=\"code\">%s</span></dd></dl>", _("Identifier"), zId);
  if (str(pDoc, "note")) {
    buf_lit(p, "<p class=\"note small\">");
    put_text(p, str(pDoc, "note"));
    buf_lit(p, "</p>");
  }
  document_text(p, json_object_get(pDoc, "text"), zId);
  json_decref(pOrgs);
  json_decref(pBodies);
}

/* In force or not on the date, with the form choosing it and the links. */
static void document_status(Buf *p, Req *pReq, const json_t *pDoc, const StatusDetail *pSt,
                            const char *zId, const char *zOn) {
  hprintf(p, "<h2 id=\"status\">%s</h2>", _("Status"));
  date_form(p, pReq->zPath, _("Status on"), zOn);
  hprintf(p, "<p class=\"small\"><a href=\"/reports/document/%s?on=%s\">%s</a></p>", zId, zOn,
          _("Status report (HTML, PDF)"));
  char zEifIso[DATE_BUFSZ];
  const char *zEif = iso_of(pSt->entryIntoForce, zEifIso);
  bool bInForce = pSt->inForce;
  /* {4}: the document's type, which a language may leave out (its gender would
  ** change the sentence). */
  char *zOnHtml = memo_date_html(zOn), *zEifHtml = memo_date_html(zEif);
  char *zType =
      str(pDoc, "type") ? words_html("document type", str(pDoc, "type")) : html_of(_("document"));
  buf_lit(p, "<p class=\"lede\">");
  if (bInForce && zEif)
    put_msg(p, _("On {0} this {4} is {1}in force{2}; its entry into force was {3}."), zOnHtml,
            "<strong>", "</strong>", zEifHtml, zType);
  else if (zEif)
    put_msg(p, _("On {0} this {4} is {1}not in force{2}; its entry into force will be {3}."),
            zOnHtml, "<strong>", "</strong>", zEifHtml, zType);
  else if (bInForce)
    put_msg(p, _("On {0} this {3} is {1}in force{2}."), zOnHtml, "<strong>", "</strong>", zType);
  else
    put_msg(p,
            _("On {0} this {3} is {1}not in force{2}; no entry-into-force date can be computed "
              "from the actions so far."),
            zOnHtml, "<strong>", "</strong>", zType);
  buf_lit(p, "</p>");
  xfree(zEifHtml);
  xfree(zType);
  hprintf(p, "<p class=\"small\">JSON: <a href=\"/api/v1/documents/%s/status?on=%s\">", zId, zOn);
  put_msg(p, _("status on {0}"), zOnHtml);
  hprintf(p,
          "</a> \xc2\xb7 <a href=\"/api/v1/actions?document=%s&amp;format=csv\">%s</a> \xc2\xb7 "
          "<a href=\"/record?document=%s\">%s</a></p>",
          zId, _("actions as CSV"), zId, _("Record an action"));
  xfree(zOnHtml);
  if (pReq->bSession && pReq->caller.role == ROLE_DEPOSITARY)
    hprintf(p, "<p><a href=\"/desk/edit/document/%s\">%s</a></p>", zId,
            _("Edit the document and its clause"));
}

/* put_badge for a status of the rules (NULL: none). */
static void put_status_badge(Buf *p, const char *zStatus) {
  if (!zStatus) {
    put_badge(p, 0);
    return;
  }
  buf_lit(p, "<span class=\"badge st-");
  buf_puts(p, zStatus); /* the rules' name: letters and '_' */
  buf_lit(p, "\">");
  memo_put_code(p, zStatus);
  buf_lit(p, "</span>");
}

/* Actions that are statements rather than steps toward being bound. */
static bool is_annotation(const char *zType) {
  return strcmp(zType, "reservation") == 0 || strcmp(zType, "declaration") == 0 ||
         strcmp(zType, "special_opinion") == 0 || strcmp(zType, "objection") == 0;
}

/*
** The objections that name the reservation they object to (an objection's
** "reservation": {"party", "date"}), both ways, among the actions on the
** page (aRow, each party's): "PARTY|objection|DATE" -> {"reservation":
** "PARTY|reservation|DATE", "shown": whether it is on the page (not when it
** was retracted)}, and "PARTY|reservation|DATE" -> [{"party", "date"}] of
** the objections to it. One lookup per objection on the page: the status
** rows carry only the actions' words.
*/
static json_t *objection_links(const StatusDetail *pSt) {
  json_t *pLinks = json_object(), *pShown = json_object();
  Buf k = {0};
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < pSt->nRow; i++) {
      const DetailRow *row = &pSt->aRow[i];
      for (int j = 0; j < row->nAction; j++) {
        const DetailAction *a = &row->aAction[j];
        const char *zType = a->zType;
        if (strcmp(zType, pass == 0 ? "reservation" : "objection") != 0) continue;
        char zDate[DATE_BUFSZ];
        date_format(a->date, zDate);
        buf_reset(&k);
        buf_printf(&k, "%s|%s|%s", row->zParty, zType, zDate);
        const char *zOnPage = k.z; /* PARTY|type|DATE */
        if (pass == 0) {
          json_object_set_new(pShown, zOnPage, json_true());
          continue;
        }
        const json_t *pRes = json_object_get(a->pRec, "reservation");
        if (str(pRes, "party") && str(pRes, "date")) {
          char *zRes = xprintf("%s|reservation|%s", str(pRes, "party"), str(pRes, "date"));
          json_object_set_new(pLinks, zOnPage,
                              json_pack("{s:s, s:b}", "reservation", zRes, "shown",
                                        json_object_get(pShown, zRes) != 0));
          json_t *aBy = json_object_get(pLinks, zRes);
          if (!aBy) json_object_set_new(pLinks, zRes, aBy = json_array());
          json_array_append_new(aBy, json_pack("{s:s, s:s}", "party", row->zParty, "date", zDate));
          xfree(zRes);
        }
      }
    }
  }
  buf_free(&k);
  json_decref(pShown);
  return pLinks;
}

/* "to the United States of America's reservation of 1992-06-08", linked to
** it on the page when it is there (pLink: objection_links's). */
static void put_objected(Buf *p, const json_t *pParties, const json_t *pLink) {
  const char *zRes = dflt(str(pLink, "reservation"), "");
  const char *zBar = strchr(zRes, '|'), *zDate = strrchr(zRes, '|');
  if (!zBar || !zDate) return;
  char *zParty = xprintf("%.*s", (int)(zBar - zRes), zRes);
  zDate++;
  Buf name = {0};
  put_party_name(&name, pParties, zParty);
  char *zDateHtml = memo_date_html(zDate);
  buf_lit(p, " ");
  if (json_is_true(json_object_get(pLink, "shown"))) {
    Buf link = {0};
    hprintf(&link, "<a href=\"#%s-reservation-%s\">", zParty, zDate);
    put_msg(p, _("to {2}{0}'s reservation of {1}{3}"), name.z ? name.z : "", zDateHtml, link.z,
            "</a>");
    buf_free(&link);
  } else {
    put_msg(p, _("to {0}'s reservation of {1}"), name.z ? name.z : "", zDateHtml);
    hprintf(p, " <span class=\"small muted\">%s</span>", _("(not recorded)"));
  }
  buf_free(&name);
  xfree(zDateHtml);
  xfree(zParty);
}

/* A party's reservations, declarations, special opinions and objections;
** each has an anchor (PARTY-TYPE-DATE), an objection links the reservation
** it names and a reservation the objections to it (pLinks). */
static void document_statements(Buf *p, const DetailRow *row, const json_t *pLinks,
                                const json_t *pParties) {
  bool bAny = false;
  const char *zParty = row->zParty;
  for (int k = 0; k < row->nAction; k++) {
    const DetailAction *pA = &row->aAction[k];
    const json_t *a = pA->pRec; /* its text and note */
    const char *zType = pA->zType;
    if (!is_annotation(zType)) continue;
    char zDate[DATE_BUFSZ];
    date_format(pA->date, zDate);
    bAny = true;
    buf_lit(p, "<div id=\"");
    html_escape(p, zParty);
    buf_lit(p, "-");
    buf_puts(p, zType); /* the rules' name: letters and '_' */
    buf_lit(p, "-");
    buf_puts(p, zDate);
    buf_lit(p, "\"><strong>");
    memo_put_code(p, zType);
    buf_lit(p, "</strong> <span class=\"small nw\">");
    memo_put_pdate(p, pA->date);
    buf_lit(p, "</span>");
    char *zKey = xprintf("%s|%s|%s", zParty, zType, zDate);
    const json_t *pLink = json_object_get(pLinks, zKey);
    if (json_is_object(pLink)) put_objected(p, pParties, pLink);
    if (str(a, "text")) {
      buf_lit(p, ": ");
      put_text(p, str(a, "text"));
    }
    if (str(a, "note")) {
      buf_lit(p, " <span class=\"small muted\">(");
      put_text(p, str(a, "note"));
      buf_lit(p, ")</span>");
    }
    if (json_is_array(pLink)) {
      Buf by = {0};
      for (size_t i = 0; i < json_array_size(pLink); i++) {
        const json_t *o = json_array_get(pLink, i);
        if (i) html_escape(&by, _(", "));
        hprintf(&by, "<a href=\"#%s-objection-%s\">", str(o, "party"), str(o, "date"));
        put_party_name(&by, pParties, str(o, "party"));
        buf_lit(&by, "</a> <span class=\"nw\">(");
        memo_put_date(&by, str(o, "date"));
        buf_lit(&by, ")</span>");
      }
      buf_lit(p, "<div class=\"small\">");
      put_msg(p, _("Objected to by {0}"), by.z ? by.z : "");
      buf_lit(p, "</div>");
      buf_free(&by);
    }
    xfree(zKey);
    buf_lit(p, "</div>");
  }
  if (!bAny) hprintf(p, "<span class=\"muted\">%s</span>", _("none"));
}

/* Each party's signature, consent, entry into force, status and statements. */
static void document_parties(Buf *p, const StatusDetail *pSt, const RowParty *aParty,
                             const json_t *pParties, const char *zOn, const json_t *pLinks) {
  char *zOnText = memo_date_text(zOn);
  char *zCap = msg_text(_("Each party's signature, consent and status on {0}"), zOnText);
  table_begin(p, zCap,
              _("Party|Signature|Consent|In force from|Status on the date|Reservations and "
                "declarations"));
  xfree(zCap);
  xfree(zOnText);
  for (int i = 0; i < pSt->nRow; i++) {
    const DetailRow *row = &pSt->aRow[i];
    buf_lit(p, "<tr><th scope=\"row\">");
    buf_append(p, aParty[i].zLink, aParty[i].nLink);
    buf_lit(p, "</th><td class=\"nw\">");
    memo_put_pdate(p, row->signature);
    buf_lit(p, "</td><td class=\"nw\">");
    if (row->consent.zParty) {
      memo_put_code(p, row->consent.zType);
      buf_lit(p, " ");
      memo_put_pdate(p, row->consent.date);
    } else {
      memo_put_date(p, 0);
    }
    buf_lit(p, "</td><td class=\"nw\">");
    memo_put_pdate(p, row->entryIntoForce);
    buf_lit(p, "</td><td>");
    put_status_badge(p, row->zStatus);
    if (row->since != DATE_NONE) {
      char *zSince = memo_pdate_html(row->since);
      buf_lit(p, " <span class=\"small nw\">");
      put_msg(p, _("since {0}"), zSince);
      buf_lit(p, "</span>");
      xfree(zSince);
    }
    if (row->bWithdrawal) {
      char *zNotice = memo_pdate_html(row->withdrawal),
           *zEffective = memo_pdate_html(row->withdrawalEffective);
      buf_lit(p, "<div class=\"small\"><span class=\"nw\">");
      put_msg(p, _("notice {0},"), zNotice);
      buf_lit(p, "</span> <span class=\"nw\">");
      put_msg(p, _("effective {0}"), zEffective);
      buf_lit(p, "</span></div>");
      xfree(zNotice);
      xfree(zEffective);
    }
    buf_lit(p, "</td><td class=\"stmts\">");
    document_statements(p, row, pLinks, pParties);
    buf_lit(p, "</td></tr>");
  }
  if (!pSt->nRow)
    hprintf(p, "<tr><td colspan=\"6\" class=\"muted\">%s</td></tr>",
            _("No action recorded on or before this date."));
  table_end(p);
}

/* How the general date and each party's date were computed. */
static void document_explanation(Buf *p, const json_t *pDoc, const StatusDetail *pSt,
                                 const RowParty *aParty, const json_t *pParties, const char *zOn) {
  explain_general(p, pDoc, pSt, pParties, zOn);
  bool bList = false;
  for (int i = 0; i < pSt->nRow; i++) {
    const DetailRow *row = &pSt->aRow[i];
    if (!row->zStatus) continue; /* statements only */
    if (!bList) buf_lit(p, "<ul class=\"explain\">");
    bList = true;
    explain_party(p, pDoc, pSt, row, aParty[i].zName, pParties);
  }
  if (bList) buf_lit(p, "</ul>");
}

/* Every action, with the depositary's notes, folded away. */
static void document_actions(Buf *p, const StatusDetail *pSt, const RowParty *aParty) {
  hprintf(p, "<details><summary>%s</summary>", _("Every recorded action up to this date"));
  table_begin(p, _("Recorded actions"), _("Party|Action|Date|Note"));
  for (int i = 0; i < pSt->nRow; i++) {
    const DetailRow *row = &pSt->aRow[i];
    for (int k = 0; k < row->nAction; k++) {
      const DetailAction *pA = &row->aAction[k];
      const json_t *a = pA->pRec; /* its note and notification */
      buf_lit(p, "<tr><th scope=\"row\">");
      buf_append(p, aParty[i].zLink, aParty[i].nLink);
      buf_lit(p, "</th><td>");
      memo_put_code(p, pA->zType);
      buf_lit(p, "</td><td class=\"nw\">");
      memo_put_pdate(p, pA->date);
      buf_lit(p, "</td><td class=\"small\">");
      put_text(p, str(a, "note"));
      if (str(a, "notification")) {
        Buf link = {0};
        hprintf(&link, "<a href=\"#notification-%s\">%s</a>", str(a, "notification"),
                str(a, "notification"));
        buf_lit(p, " ");
        put_msg(p, _("Depositary notification {0}."), link.z);
        buf_free(&link);
      }
      buf_lit(p, "</td></tr>");
    }
  }
  table_end(p);
  buf_lit(p, "</details>");
}

/* The depositary notifications of the document: each accepted submission
** of an action on it, newest first. */
static void notifications_box(Buf *p, Db *pDb, const char *zDoc, const json_t *pParties) {
  json_t *a = submission_notifications(pDb, zDoc);
  if (json_array_size(a)) {
    hprintf(p, "<section aria-labelledby=\"notifications\"><h2 id=\"notifications\">%s</h2>",
            _("Depositary notifications"));
    table_begin(p, _("Instruments deposited by the parties and accepted by the depositary"),
                _("Notification|Party|Instrument|Received|Date of deposit"));
    size_t i;
    json_t *s;
    json_array_foreach(a, i, s) {
      const json_t *d = json_object_get(s, "decision");
      hprintf(p, "<tr id=\"notification-%s\"><th scope=\"row\" class=\"nw\">%s</th><td>",
              str(d, "notification"), str(d, "notification"));
      put_party(p, pParties, str(s, "party"));
      buf_lit(p, "</td><td>");
      size_t j;
      json_t *pA;
      json_array_foreach(json_object_get(json_object_get(s, "records"), "actions"), j, pA) {
        if (strcmp(dflt(str(pA, "document"), ""), zDoc) != 0) continue;
        put_words(p, str(pA, "type"));
        if (str(pA, "instrument_date")) {
          char *zDate = memo_date_html(str(pA, "instrument_date"));
          buf_lit(p, " <span class=\"muted\">");
          put_msg(p, _("of {0}"), zDate);
          buf_lit(p, "</span>");
          xfree(zDate);
        }
        buf_lit(p, " ");
      }
      buf_lit(p, "</td><td class=\"nw\">");
      char zReceived[DATE_BUFSZ];
      snprintf(zReceived, sizeof(zReceived), "%.10s", dflt(str(s, "received"), ""));
      memo_put_date(p, zReceived);
      buf_lit(p, "</td><td class=\"nw\">");
      memo_put_date(p, str(d, "date"));
      buf_lit(p, "</td></tr>");
    }
    table_end(p);
    buf_lit(p, "</section>");
  }
  json_decref(a);
}

/* A document: its facts and clauses, its status on a date, each party's
** status, the consents chart and how each date was computed. */
static void document_page(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  const char *zId = pReq->azParam[0];
  json_t *pDoc = record_get(pDb, K_DOCUMENT, zId);
  if (!pDoc) {
    pages_not_found(pReq, r, "document", zId);
    return;
  }
  pdate on;
  if (!page_on(pReq, r, &on)) {
    json_decref(pDoc);
    return;
  }
  char zOn[DATE_BUFSZ];
  date_format(on, zOn);
  Buf err = {0};
  StatusDetail st;
  bool bSt = status_detail_open(pDb, zId, on, &st, &err);
  buf_free(&err);
  if (!bSt) { /* the document went between the two reads */
    json_decref(pDoc);
    pages_not_found(pReq, r, "document", zId);
    return;
  }
  const StatusDetail *pSt = &st;
  json_t *pParties = record_map(pDb, K_PARTY, "code");
  Buf b = {0};
  pages_begin(&b, pReq, name_here(json_object_get(pDoc, "title"), zId), "/documents");
  document_facts(&b, pDb, pDoc, zId, pParties);
  document_status(&b, pReq, pDoc, pSt, zId, zOn);
  RowParty *aParty =
      row_parties(pSt, pParties, sqlite3_txn_state(db_handle(pDb), "main") != SQLITE_TXN_WRITE);
  json_t *pLinks = objection_links(pSt);
  document_parties(&b, pSt, aParty, pParties, zOn, pLinks);
  json_decref(pLinks);
  hprintf(&b, "<h2 id=\"consents\">%s</h2>", _("Consents over time"));
  consent_chart(&b, pDoc, pSt, aParty, pParties, on);
  hprintf(&b, "<h2 id=\"explanation\">%s</h2>", _("How the dates were computed"));
  document_explanation(&b, pDoc, pSt, aParty, pParties, zOn);
  document_actions(&b, pSt, aParty);
  notifications_box(&b, pDb, zId, pParties);
  checks_box(&b, pReq, 0, zId);
  put_sources(&b, json_object_get(pDoc, "sources"));
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
  row_parties_free(aParty, pSt->nRow);
  status_detail_close(&st);
  json_decref(pParties);
  json_decref(pDoc);
}

/* The page, read in one transaction: it shows the journal up to one
** sequence number, which its ETag then names instead of a hash of its 175
** KB (Resp.seqMadeAt). Not when the request came inside a transaction: what
** a write not yet committed reads may be rolled back. */
void page_get_document(Req *pReq, Resp *r) {
  bool bBegun = db_read_begin(pReq->pDb);
  document_page(pReq, r);
  if (bBegun && r->status == 200 && r->bCacheable) r->seqMadeAt = db_last_seq(pReq->pDb);
  db_read_end(pReq->pDb, bBegun);
}
