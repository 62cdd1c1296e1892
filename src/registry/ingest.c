#include "ingest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "db.h"
#include "interchange.h"

/* ---- Text: HTML to plain text, checks ----------------------------------- */

static bool starts_ci(const char *z, const char *zEnd, const char *zWord) {
  size_t n = strlen(zWord);
  if ((size_t)(zEnd - z) < n) return false;
  for (size_t i = 0; i < n; i++) {
    char c = z[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c != zWord[i]) return false;
  }
  return true;
}

static void put_utf8(Buf *b, unsigned long c) {
  char a[4];
  if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = '?';
  if (c < 0x80) {
    buf_putc(b, (char)c);
  } else if (c < 0x800) {
    a[0] = (char)(0xC0 | (c >> 6));
    a[1] = (char)(0x80 | (c & 0x3F));
    buf_append(b, a, 2);
  } else if (c < 0x10000) {
    a[0] = (char)(0xE0 | (c >> 12));
    a[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    a[2] = (char)(0x80 | (c & 0x3F));
    buf_append(b, a, 3);
  } else {
    a[0] = (char)(0xF0 | (c >> 18));
    a[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    a[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    a[3] = (char)(0x80 | (c & 0x3F));
    buf_append(b, a, 4);
  }
}

static bool looks_html(const char *z, size_t n) {
  const char *zEnd = z + n;
  for (const char *p = z; p < zEnd; p++) {
    if (*p != '<') continue;
    if (starts_ci(p, zEnd, "<html") || starts_ci(p, zEnd, "<p>") || starts_ci(p, zEnd, "<p ") ||
        starts_ci(p, zEnd, "<div") || starts_ci(p, zEnd, "<br") ||
        starts_ci(p, zEnd, "<!doctype") || starts_ci(p, zEnd, "<body") ||
        starts_ci(p, zEnd, "<span") || starts_ci(p, zEnd, "</"))
      return true;
  }
  return false;
}

/* Tags out (block tags as line breaks, script and style with their
** contents), character references decoded. */
static void strip_html(const char *z, size_t n, Buf *b) {
  const char *zEnd = z + n;
  static const char *const azEnt[][2] = {
      {"amp", "&"},   {"lt", "<"},    {"gt", ">"},    {"quot", "\""}, {"apos", "'"},
      {"nbsp", " "},  {"laquo", "«"}, {"raquo", "»"}, {"ldquo", "“"}, {"rdquo", "”"},
      {"lsquo", "‘"}, {"rsquo", "’"}, {"mdash", "—"}, {"ndash", "–"}, {"hellip", "…"},
      {"copy", "©"},  {0, 0}};
  for (const char *p = z; p < zEnd;) {
    if (*p == '<') {
      bool bBlock =
          starts_ci(p, zEnd, "<p") || starts_ci(p, zEnd, "</p") || starts_ci(p, zEnd, "<br") ||
          starts_ci(p, zEnd, "<div") || starts_ci(p, zEnd, "</div") || starts_ci(p, zEnd, "<h") ||
          starts_ci(p, zEnd, "</h") || starts_ci(p, zEnd, "<li") || starts_ci(p, zEnd, "<tr") ||
          starts_ci(p, zEnd, "<title") || starts_ci(p, zEnd, "</title");
      const char *zClose = 0;
      if (starts_ci(p, zEnd, "<script")) zClose = "</script";
      if (starts_ci(p, zEnd, "<style")) zClose = "</style";
      if (starts_ci(p, zEnd, "<!--")) zClose = "-->";
      if (zClose) {
        const char *q = p + 1;
        while (q < zEnd && !starts_ci(q, zEnd, zClose)) q++;
        p = q;
      }
      while (p < zEnd && *p != '>') p++;
      if (p < zEnd) p++;
      buf_putc(b, bBlock ? '\n' : ' ');
      continue;
    }
    if (*p == '&') {
      const char *q = p + 1;
      while (q < zEnd && q - p < 10 && *q != ';' && *q != '&' && *q != ' ') q++;
      if (q < zEnd && *q == ';') {
        size_t m = (size_t)(q - p - 1);
        bool bDone = false;
        if (m >= 2 && p[1] == '#') {
          unsigned long c = 0;
          bool bHex = p[2] == 'x' || p[2] == 'X';
          for (const char *r = p + (bHex ? 3 : 2); r < q; r++) {
            int v = (*r >= '0' && *r <= '9')                       ? *r - '0'
                    : bHex && (*r | 32) >= 'a' && (*r | 32) <= 'f' ? (*r | 32) - 'a' + 10
                                                                   : -1;
            if (v < 0 || c > 0x10FFFF) {
              c = '?';
              break;
            }
            c = c * (bHex ? 16 : 10) + (unsigned long)v;
          }
          put_utf8(b, c == 0xA0 ? ' ' : c);
          bDone = true;
        } else {
          for (int k = 0; azEnt[k][0]; k++) {
            if (strlen(azEnt[k][0]) == m && memcmp(p + 1, azEnt[k][0], m) == 0) {
              buf_puts(b, azEnt[k][1]);
              bDone = true;
              break;
            }
          }
        }
        if (bDone) {
          p = q + 1;
          continue;
        }
      }
    }
    buf_putc(b, *p++);
  }
}

/* Plain text: NUL or many control bytes or much invalid UTF-8 are binary. */
static bool is_text(const char *z, size_t n) {
  size_t nBad = 0;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)z[i];
    if (c == 0) return false;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
      nBad++;
      i++;
      continue;
    }
    if (c < 0x80) {
      i++;
      continue;
    }
    int k = c >= 0xF0 && c < 0xF5 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 && c < 0xE0 ? 1 : -1;
    bool bOk = k > 0 && i + (size_t)k < n + 1;
    for (int j = 1; bOk && j <= k; j++)
      if (i + (size_t)j >= n || ((unsigned char)z[i + (size_t)j] & 0xC0) != 0x80) bOk = false;
    if (!bOk) {
      nBad++;
      i++;
    } else {
      i += (size_t)k + 1;
    }
  }
  return nBad * 50 <= n;
}

/* ---- The document being read ---------------------------------------------- */

typedef struct Mention {
  size_t i, e;
  const GzEntry *p;
} Mention;

typedef struct DateM {
  size_t i, e;
  int y, m, d;
  bool bPosted;
} DateM;

typedef struct Speaker {
  size_t i, e; /* the whole "ROLE of COUNTRY NAME" span */
  char zName[96];
  char zRole[64];
  const char *zParty; /* or NULL */
  bool bVerb;         /* followed by a verb of speech or action */
  bool bAbsent;       /* "would not attend" */
} Speaker;

typedef struct Doc {
  const Gazetteer *g;
  const char *zName;
  char *z;   /* the plain text */
  char *zLo; /* case-folded copy, same offsets */
  size_t n;
  Mention *aM;
  int nM;
  DateM *aD;
  int nD;
  Speaker *aS;
  int nS;
  json_t *pEv;
} Doc;

static json_t *span(const Doc *d, size_t i, size_t e) {
  if (e > d->n) e = d->n;
  if (i > e) i = e;
  Buf b = {0};
  buf_append(&b, d->z + i, e - i);
  buf_putc(&b, 0);
  /* Whitespace runs as one space. */
  size_t k = 0;
  for (size_t j = 0; b.z[j]; j++) {
    char c = b.z[j];
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && (k == 0 || b.z[k - 1] == ' ')) continue;
    b.z[k++] = c;
  }
  while (k && b.z[k - 1] == ' ') k--;
  b.z[k] = 0;
  utf8_sanitize(b.z);
  json_t *p = json_string(b.z);
  buf_free(&b);
  return p ? p : json_string("");
}

static void evidence(Doc *d, const char *zField, size_t i, size_t e, double conf, bool bInferred) {
  json_t *p = json_object();
  json_object_set_new(p, "text", i == e ? json_null() : span(d, i, e));
  json_object_set_new(p, "confidence", json_real((double)(int)(conf * 100 + 0.5) / 100));
  json_object_set_new(p, "inferred", json_boolean(bInferred));
  json_object_set_new(d->pEv, zField, p);
}

/* Is the '.' at i the end of an abbreviation that does not end a sentence
** ("St. Petersburg", "Mr. Lebedev", "г. Минск")? */
static bool abbrev_dot(const Doc *d, size_t i) {
  static const char *const azAbbrev[] = {"st", "mr", "mrs", "ms", "dr", "no", "gen", "г", "гг", 0};
  size_t s = i;
  while (s > 0 && gz_letter_before(d->zLo, s)) s--;
  for (int k = 0; azAbbrev[k]; k++) {
    size_t n = strlen(azAbbrev[k]);
    if (i - s == n && memcmp(d->zLo + s, azAbbrev[k], n) == 0) return true;
  }
  return false;
}

/* A sentence ends at ". " (not "08.10", not "St. "), "!", "?" or a line break. */
static size_t sent_start(const Doc *d, size_t i) {
  while (i > 0) {
    char c = d->z[i - 1];
    if (c == '\n' || c == '!' || c == '?') break;
    if (c == '.' && i < d->n && (d->z[i] == ' ' || d->z[i] == '\n') && !abbrev_dot(d, i - 1)) break;
    i--;
  }
  return i;
}

static size_t sent_end(const Doc *d, size_t i) {
  while (i < d->n) {
    char c = d->z[i];
    if (c == '\n' || c == '!' || c == '?') break;
    if (c == '.' && (i + 1 >= d->n || d->z[i + 1] == ' ' || d->z[i + 1] == '\n') &&
        !abbrev_dot(d, i))
      break;
    i++;
  }
  return i;
}

static bool has_in(const Doc *d, size_t i, size_t e, const char *zWord) {
  size_t n = strlen(zWord);
  for (size_t k = i; k + n <= e; k++)
    if (memcmp(d->zLo + k, zWord, n) == 0) return true;
  return false;
}

static bool has_any(const Doc *d, size_t i, size_t e, const char *const *az) {
  for (int k = 0; az[k]; k++)
    if (has_in(d, i, e, az[k])) return true;
  return false;
}

static bool in_next_sentence(const Doc *d, size_t i) {
  static const char *const azNext[] = {"next ", "следующ", "очередн", 0};
  static const char *const azMeet[] = {"summit", "session", "meeting", "саммит", "заседани", 0};
  size_t s = sent_start(d, i), e = sent_end(d, i);
  return has_any(d, s, e, azNext) && has_any(d, s, e, azMeet);
}

/* A sentence about a meeting still to come ("the December 6 meeting to be
** held in St. Petersburg"): its dates are not the session's. */
static bool in_future_sentence(const Doc *d, size_t i) {
  static const char *const azFuture[] = {"to be held",
                                         "will be held",
                                         "will take place",
                                         "upcoming",
                                         "forthcoming",
                                         "is scheduled",
                                         "will host",
                                         "состоится",
                                         "пройдет",
                                         "пройдёт",
                                         0};
  return has_any(d, sent_start(d, i), sent_end(d, i), azFuture);
}

/* Is the date a document's or a deadline ("the Treaty of May 29, 2014",
** "as from 1 February 2016", "until 2025")? */
static bool date_of_something_else(const Doc *d, const DateM *m) {
  static const char *const azBefore[] = {"of ", "from ", "since ", "until ", "till ",
                                         "by ", "от ",   "с ",     "до ",    0};
  for (int k = 0; azBefore[k]; k++) {
    size_t n = strlen(azBefore[k]);
    if (m->i >= n && memcmp(d->zLo + m->i - n, azBefore[k], n) == 0 &&
        !gz_letter_before(d->zLo, m->i - n))
      return true;
  }
  return false;
}

/* Does the sentence around i tell of the session itself: a body or an
** organization named, or a verb of meeting? */
static bool in_event_sentence(const Doc *d, size_t i) {
  static const char *const azEvent[] = {"held",     "took place", "occurred", "convened", "met ",
                                        "gathered", "прошл",      "состоял",  0};
  size_t s = sent_start(d, i), e = sent_end(d, i);
  if (has_any(d, s, e, azEvent)) return true;
  for (int k = 0; k < d->nM; k++)
    if ((d->aM[k].p->kind == GZ_ORG || d->aM[k].p->kind == GZ_BODY) && d->aM[k].i >= s &&
        d->aM[k].e <= e)
      return true;
  return false;
}

/* ---- Mentions of parties, organizations and bodies ---------------------- */

static size_t word_end(const Doc *d, size_t e) {
  while (gz_letter_at(d->zLo, d->n, e)) {
    e++;
    while (e < d->n && ((unsigned char)d->zLo[e] & 0xC0) == 0x80) e++;
  }
  return e;
}

static int cmp_mention(const void *a, const void *b) {
  const Mention *x = a, *y = b;
  if (x->i != y->i) return x->i < y->i ? -1 : 1;
  if (x->e != y->e) return x->e > y->e ? -1 : 1;
  return 0;
}

static void find_mentions(Doc *d) {
  int nAlloc = 0;
  for (int k = 0; k < d->g->n; k++) {
    const GzEntry *p = &d->g->a[k];
    for (const char *z = d->zLo; (z = strstr(z, p->zPat)) != 0; z++) {
      size_t i = (size_t)(z - d->zLo), e = i + p->nPat;
      if (gz_letter_before(d->zLo, i)) continue;
      if (p->bPrefix)
        e = word_end(d, e);
      else if (gz_letter_at(d->zLo, d->n, e))
        continue;
      if (d->nM == nAlloc) {
        nAlloc = nAlloc ? 2 * nAlloc : 64;
        d->aM = xrealloc(d->aM, (size_t)nAlloc * sizeof(Mention));
      }
      d->aM[d->nM++] = (Mention){i, e, p};
    }
  }
  if (d->nM) qsort(d->aM, (size_t)d->nM, sizeof(Mention), cmp_mention);
  /* Drop a mention inside a longer one ("CIS" in "CIS Executive Committee"). */
  int j = 0;
  size_t iCov = 0, eCov = 0; /* the earlier mention reaching furthest (sorted by start) */
  for (int k = 0; k < d->nM; k++) {
    Mention b = d->aM[k];
    if (!(k > 0 && b.i >= iCov && b.e <= eCov && eCov - iCov > b.e - b.i)) d->aM[j++] = b;
    if (k == 0 || b.e > eCov) {
      iCov = b.i;
      eCov = b.e;
    }
  }
  d->nM = j;
}

/* The party mentioned at [i, ...) (skipping spaces), or NULL; *pE: its end. */
static const Mention *party_at(const Doc *d, size_t i, size_t *pE) {
  while (i < d->n && d->z[i] == ' ') i++;
  for (int k = 0; k < d->nM; k++) {
    if (d->aM[k].i == i && d->aM[k].p->kind == GZ_PARTY) {
      *pE = d->aM[k].e;
      return &d->aM[k];
    }
    if (d->aM[k].i > i) break;
  }
  return 0;
}

/* ---- Dates ---------------------------------------------------------------- */

static const char *const azMonth[] = {"january",  "february", "march",  "april",     "may",
                                      "june",     "july",     "august", "september", "october",
                                      "november", "december", 0};
static const char *const azMonthAbbr[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul",
                                          "aug", "sep", "oct", "nov", "dec", 0};
static const char *const azMonthRu[] = {"январ", "феврал", "март",   "апрел",   "ма",
                                        "июн",   "июл",    "август", "сентябр", "октябр",
                                        "ноябр", "декабр", 0};

/* A month word at i: its number (1-12) and end, or 0. */
static int month_at(const Doc *d, size_t i, size_t *pE) {
  if (gz_letter_before(d->zLo, i) || !gz_letter_at(d->zLo, d->n, i)) return 0;
  size_t e = word_end(d, i), n = e - i;
  const char *z = d->zLo + i;
  for (int k = 0; azMonth[k]; k++) {
    if (n == strlen(azMonth[k]) && memcmp(z, azMonth[k], n) == 0) {
      *pE = e;
      return k + 1;
    }
    if (n == strlen(azMonthAbbr[k]) && memcmp(z, azMonthAbbr[k], n) == 0 && k != 4) {
      *pE = e + (e < d->n && d->z[e] == '.');
      return k + 1;
    }
  }
  if (n == 4 && memcmp(z, "sept", 4) == 0) {
    *pE = e;
    return 9;
  }
  for (int k = 0; azMonthRu[k]; k++) {
    size_t m = strlen(azMonthRu[k]);
    if (n < m || memcmp(z, azMonthRu[k], m) != 0 || n > m + 4) continue;
    if (k == 4 && !(n == 6 && (memcmp(z, "мая", 6) == 0 || memcmp(z, "май", 6) == 0))) continue;
    *pE = e;
    return k + 1;
  }
  return 0;
}

static int number_at(const Doc *d, size_t i, int nMax, size_t *pE) {
  int v = 0, k = 0;
  while (i + (size_t)k < d->n && d->z[i + k] >= '0' && d->z[i + k] <= '9' && k <= nMax) {
    v = v * 10 + (d->z[i + k] - '0');
    k++;
  }
  if (k == 0 || k > nMax) return -1;
  *pE = i + (size_t)k;
  return v;
}

static bool valid_ymd(int y, int m, int dd) {
  static const int aDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || dd < 1 || dd > aDays[m - 1]) return false;
  if (y && m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
  return y == 0 || (y >= 1900 && y <= 2100);
}

static size_t skip_sp(const Doc *d, size_t i) {
  while (i < d->n && (d->z[i] == ' ' || d->z[i] == ',')) i++;
  return i;
}

static int year_at(const Doc *d, size_t i, size_t *pE) {
  size_t e;
  int y = number_at(d, i, 4, &e);
  if (y < 1900 || y > 2100 || e - i != 4 || gz_letter_at(d->zLo, d->n, e)) return 0;
  *pE = e;
  return y;
}

static void add_date(Doc *d, int *pnAlloc, DateM m) {
  if (!valid_ymd(m.y, m.m, m.d)) return;
  if (d->nD == *pnAlloc) {
    *pnAlloc = *pnAlloc ? 2 * *pnAlloc : 16;
    d->aD = xrealloc(d->aD, (size_t)*pnAlloc * sizeof(DateM));
  }
  d->aD[d->nD++] = m;
}

static void find_dates(Doc *d) {
  int nAlloc = 0;
  for (size_t i = 0; i < d->n; i++) {
    if (gz_letter_before(d->zLo, i)) continue;
    size_t e;
    char c = d->z[i];
    if (c >= '0' && c <= '9') {
      int a = number_at(d, i, 2, &e);
      if (a < 0) continue;
      if (e < d->n && d->z[e] == '.') { /* DD.MM.YYYY */
        size_t e2, e3;
        int m = number_at(d, e + 1, 2, &e2);
        if (m > 0 && e2 < d->n && d->z[e2] == '.') {
          int y = year_at(d, e2 + 1, &e3);
          if (y) {
            size_t s = i >= 20 ? i - 20 : 0;
            bool bPosted = has_in(d, s, i, "posted") || has_in(d, s, i, "опубликовано");
            add_date(d, &nAlloc, (DateM){i, e3, y, m, a, bPosted});
            i = e3;
            continue;
          }
        }
      }
      if (gz_letter_at(d->zLo, d->n, e)) continue; /* "36th" */
      size_t j = e;
      while (j < d->n && d->z[j] == ' ') j++;
      int m = month_at(d, j, &e);
      if (!m) continue;
      size_t k = skip_sp(d, e), e3;
      int y = year_at(d, k, &e3);
      add_date(d, &nAlloc, (DateM){i, y ? e3 : e, y, m, a, false});
      i = (y ? e3 : e) - 1;
    } else if (gz_letter_at(d->zLo, d->n, i)) {
      int m = month_at(d, i, &e);
      if (!m) {
        i = word_end(d, i) - 1;
        continue;
      }
      size_t j = e;
      while (j < d->n && d->z[j] == ' ') j++;
      size_t e2, e3;
      int a = number_at(d, j, 2, &e2);
      if (a <= 0 || j == e) continue;
      size_t k = e2;
      if (k + 1 < d->n && (memcmp(d->zLo + k, "st", 2) == 0 || memcmp(d->zLo + k, "nd", 2) == 0 ||
                           memcmp(d->zLo + k, "rd", 2) == 0 || memcmp(d->zLo + k, "th", 2) == 0))
        k += 2;
      if (gz_letter_at(d->zLo, d->n, k) || (k < d->n && d->z[k] >= '0' && d->z[k] <= '9')) continue;
      size_t k2 = skip_sp(d, k);
      int y = year_at(d, k2, &e3);
      add_date(d, &nAlloc, (DateM){i, y ? e3 : k, y, m, a, false});
      i = (y ? e3 : k) - 1;
    }
  }
}

/* ---- Speakers: "President of Belarus Aleksandr Lukashenko" ---------------- */

static const char *const azRole[] = {"Prime Minister",
                                     "Defense Minister",
                                     "Defence Minister",
                                     "Foreign Minister",
                                     "Minister of Foreign Affairs",
                                     "Minister of Defense",
                                     "Minister of Defence",
                                     "Secretary General",
                                     "Secretary-General",
                                     "Presidents",
                                     "President",
                                     "Chairman",
                                     "Chairperson",
                                     "Премьер-министр",
                                     "Министр иностранных дел",
                                     "Министр обороны",
                                     "Президент",
                                     "Председатель",
                                     0};

static const char *const azVerb[] = {
    "said",       "says",      "stressed",   "remarked",   "noted",          "named",
    "underlined", "took part", "emphasized", "emphasised", "added",          "summarized",
    "explained",  "asked",     "thanked",    "proposed",   "concluded",      "spoke",
    "told",       "stated",    "believes",   "outlined",   "recalled",       "urged",
    "заявил",     "отметил",   "подчеркнул", "сказал",     "принял участие", 0};

static bool is_upper_at(const Doc *d, size_t i) {
  if (i >= d->n) return false;
  unsigned char c = (unsigned char)d->z[i];
  if (c >= 'A' && c <= 'Z') return true;
  if (c == 0xD0 && i + 1 < d->n) {
    unsigned char x = (unsigned char)d->z[i + 1];
    return (x >= 0x90 && x <= 0xAF) || x == 0x81;
  }
  return false;
}

static bool overlaps_mention(const Doc *d, size_t i, size_t e) {
  for (int k = 0; k < d->nM; k++)
    if (d->aM[k].i < e && d->aM[k].e > i) return true;
  return false;
}

static void find_speakers(Doc *d) {
  int nAlloc = 0;
  for (int r = 0; azRole[r]; r++) {
    size_t nRole = strlen(azRole[r]);
    for (const char *z = d->z; (z = strstr(z, azRole[r])) != 0; z++) {
      size_t i = (size_t)(z - d->z), e = i + nRole;
      if (gz_letter_before(d->z, i) || gz_letter_at(d->z, d->n, e)) continue;
      const char *zParty = 0;
      size_t iStart = i;
      /* "Belarus President", "Russian Defense Minister" */
      for (int k = 0; k < d->nM; k++) {
        const Mention *m = &d->aM[k];
        if (m->p->kind == GZ_PARTY && m->e + 1 == i && d->z[m->e] == ' ') {
          zParty = m->p->zKey;
          iStart = m->i;
        }
      }
      size_t p = e;
      if (p + 8 <= d->n && memcmp(d->z + p, " of the ", 8) == 0)
        p += 8;
      else if (p + 4 <= d->n && memcmp(d->z + p, " of ", 4) == 0)
        p += 4;
      else if (p < d->n && d->z[p] == ' ')
        p++;
      /* "Prime Minister of the Republic of Armenia Nikol Pashinyan" */
      if (p + 12 <= d->n && memcmp(d->zLo + p, "republic of ", 12) == 0) p += 12;
      size_t eCountry;
      const Mention *pCountry = !zParty ? party_at(d, p, &eCountry) : 0;
      if (pCountry && eCountry < d->n && d->z[eCountry] == ' ' && is_upper_at(d, eCountry + 1)) {
        zParty = pCountry->p->zKey;
        p = eCountry + 1;
      }
      /* A run of capitalized words; the name is its last two. */
      size_t aW[8][2];
      int nW = 0;
      while (nW < 8 && is_upper_at(d, p)) {
        size_t q = p;
        while (q < d->n && (gz_letter_at(d->z, d->n, q) || d->z[q] == '-' ||
                            ((unsigned char)d->z[q] & 0xC0) == 0x80))
          q++;
        aW[nW][0] = p;
        aW[nW][1] = q;
        nW++;
        if (q < d->n && d->z[q] == ' ' && is_upper_at(d, q + 1))
          p = q + 1;
        else
          break;
      }
      for (int w = 0; w < nW && !zParty; w++) {
        size_t eP;
        const Mention *m = party_at(d, aW[w][0], &eP);
        if (m) zParty = m->p->zKey;
      }
      if (nW < 2) continue;
      size_t iName = aW[nW - 2][0], eName = aW[nW - 1][1];
      if (overlaps_mention(d, iName, eName) || eName - iName >= sizeof(((Speaker *)0)->zName))
        continue;
      Speaker s;
      memset(&s, 0, sizeof(s));
      s.i = iStart;
      s.e = eName;
      memcpy(s.zName, d->z + iName, eName - iName);
      snprintf(s.zRole, sizeof(s.zRole), "%s",
               strcmp(azRole[r], "Presidents") == 0 ? "President" : azRole[r]);
      /* "Prime Minister Nikol Pashinyan of Armenia" */
      size_t eOf;
      const Mention *pOf = !zParty && eName + 4 < d->n && memcmp(d->z + eName, " of ", 4) == 0
                               ? party_at(d, eName + 4, &eOf)
                               : 0;
      if (pOf) zParty = pOf->p->zKey;
      s.zParty = zParty;
      size_t v = eName;
      while (v < d->n && (d->z[v] == ' ' || d->z[v] == ',')) v++;
      for (int k = 0; azVerb[k]; k++) {
        size_t m = strlen(azVerb[k]);
        if (v + m <= d->n && memcmp(d->zLo + v, azVerb[k], m) == 0 &&
            !gz_letter_at(d->zLo, d->n, v + m))
          s.bVerb = true;
      }
      static const char *const azAbsent[] = {"would not attend",
                                             "will not attend",
                                             "did not attend",
                                             "was absent",
                                             "не примет участи",
                                             "не принял участи",
                                             0};
      size_t eWin = v + 40 < d->n ? v + 40 : d->n;
      if (has_any(d, v, eWin, azAbsent)) s.bAbsent = true;
      if (d->nS == nAlloc) {
        nAlloc = nAlloc ? 2 * nAlloc : 8;
        d->aS = xrealloc(d->aS, (size_t)nAlloc * sizeof(Speaker));
      }
      d->aS[d->nS++] = s;
    }
  }
}

/* The start of the word that ends at e (e: just past its last letter). */
static size_t word_start(const Doc *d, size_t e) {
  while (e > 0 && (gz_letter_before(d->z, e) || d->z[e - 1] == '-')) e--;
  return e;
}

/* Does the sentence around i say who took part ("attended by", "included",
** "with the participation of", "hosted by"), and not who was only invited
** or observed? */
static bool took_part_sentence(const Doc *d, size_t i) {
  static const char *const azPart[] = {"attended by",      "was attended",
                                       "attending",        "included",
                                       "participation of", "participated",
                                       "took part",        "hosted by",
                                       "chaired by",       "gathered",
                                       "с участием",       "приняли участие",
                                       "принял участие",   0};
  static const char *const azNot[] = {"invited", "observer", "приглаш", "наблюдат", 0};
  size_t s = sent_start(d, i), e = sent_end(d, i);
  return has_any(d, s, e, azPart) && !has_any(d, s, e, azNot);
}

/* A speaker's surname: the last word of the name. */
static const char *surname(const char *zName) {
  const char *z = strrchr(zName, ' ');
  return z ? z + 1 : zName;
}

/* ---- Fields ----------------------------------------------------------------- */

static bool role_fits(const char *zRole, const char *zLevel) {
  if (!zLevel || !*zLevel) return true;
  bool bPres = strstr(zRole, "President") || strstr(zRole, "Президент");
  bool bPm = strstr(zRole, "Prime Minister") || strstr(zRole, "Премьер");
  bool bMin = !bPm && (strstr(zRole, "Minister") || strstr(zRole, "Министр"));
  if (strcmp(zLevel, "heads_of_state") == 0) return bPres;
  if (strcmp(zLevel, "heads_of_government") == 0) return bPm;
  if (strcmp(zLevel, "ministers") == 0) return bMin;
  return !bPres && !bPm && !bMin;
}

static int org_count(const Doc *d, const char *zOrg) {
  int n = 0;
  for (int k = 0; k < d->nM; k++)
    if (strcmp(d->aM[k].p->zOrg, zOrg) == 0) n++;
  return n;
}

typedef struct Choice {
  const char *zKey;
  const char *zOrg, *zLevel;
  double score;
  size_t i, e; /* the best mention */
} Choice;

static Choice choose_body(const Doc *d, const DateM *pDate) {
  Choice aC[64];
  int nC = 0;
  static const char *const azBefore[] = {
      "session of",     "meeting of", "summit of", "sitting of", "with the", "participants of",
      "taking part in", "заседани",   "встреч",    "саммит",     0};
  static const char *const azPast[] = {"last ", "previous ", "latest ", "recent ",
                                       "прошл", "предыдущ",  0};
  for (int k = 0; k < d->nM; k++) {
    const Mention *m = &d->aM[k];
    if (m->p->kind != GZ_BODY) continue;
    size_t s = m->i >= 30 ? m->i - 30 : 0;
    double score = 1;
    if (has_any(d, s, m->i, azBefore)) score += 2;
    if (has_any(d, s, m->i, azPast)) score -= 2;
    if (m->i < 400) score += 1;
    if (pDate && sent_start(d, pDate->i) == sent_start(d, m->i)) score += 4;
    /* A name two bodies share ("Council of Foreign Ministers"): split by
    ** how often each organization is named. */
    int nSame = 0, nOrgAll = 0;
    for (int j = 0; j < d->nM; j++) {
      if (d->aM[j].i == m->i && d->aM[j].e == m->e && d->aM[j].p->kind == GZ_BODY) {
        nSame++;
        nOrgAll += org_count(d, d->aM[j].p->zOrg) + 1;
      }
    }
    if (nSame > 1) score *= (double)(org_count(d, m->p->zOrg) + 1) / nOrgAll;
    int c = 0;
    while (c < nC && strcmp(aC[c].zKey, m->p->zKey) != 0) c++;
    if (c == nC) {
      if (nC == 64) continue;
      aC[nC++] = (Choice){m->p->zKey, m->p->zOrg, m->p->zLevel, 0, m->i, m->e};
    }
    if (score > 0) aC[c].score += score;
  }
  /* "Leaders of the Collective Security Treaty Organization ... at a summit
  ** in Minsk": an organization named where its leaders meet stands for its
  ** heads-of-state body. */
  static const char *const azSummit[] = {
      "summit", "leaders", "heads of state", "саммит", "лидер", "глав государств", 0};
  for (int k = 0; k < d->nM; k++) {
    const Mention *m = &d->aM[k];
    size_t s0 = sent_start(d, m->i), s1 = sent_end(d, m->i);
    if (m->p->kind != GZ_ORG || !has_any(d, s0, s1, azSummit)) continue;
    const GzEntry *pBody = 0;
    for (int j = 0; j < d->g->n && !pBody; j++) {
      const GzEntry *pE = &d->g->a[j];
      if (pE->kind == GZ_BODY && strcmp(pE->zOrg, m->p->zKey) == 0 &&
          strcmp(pE->zLevel, "heads_of_state") == 0)
        pBody = pE;
    }
    if (!pBody) continue;
    double score = 1;
    if (m->i < 400) score += 1;
    if (pDate && sent_start(d, pDate->i) == s0) score += 4;
    if (has_any(d, m->i >= 30 ? m->i - 30 : 0, m->i, azPast)) score -= 2;
    int c = 0;
    while (c < nC && strcmp(aC[c].zKey, pBody->zKey) != 0) c++;
    if (c == nC) {
      if (nC == 64) continue;
      aC[nC++] = (Choice){pBody->zKey, pBody->zOrg, pBody->zLevel, 0, m->i, m->e};
    }
    if (score > 0) aC[c].score += score;
  }
  Choice best = {0, 0, 0, 0, 0, 0};
  double second = 0;
  for (int c = 0; c < nC; c++) {
    if (aC[c].score > best.score) {
      second = best.score;
      best = aC[c];
    } else if (aC[c].score > second) {
      second = aC[c].score;
    }
  }
  if (best.zKey) {
    /* The best mention of that body: the one with the highest single score
    ** is approximated by the first one near the date, else the first. */
    for (int k = 0; k < d->nM; k++) {
      const Mention *m = &d->aM[k];
      if (m->p->kind == GZ_BODY && strcmp(m->p->zKey, best.zKey) == 0) {
        if (pDate && sent_start(d, pDate->i) == sent_start(d, m->i)) {
          best.i = m->i;
          best.e = m->e;
          break;
        }
      }
    }
    best.score = best.score / (best.score + second + 1);
  }
  return best;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Words of 4+ letters, folded, for matching document titles. */
static int title_words(const char *z, char azW[][32], int nMax) {
  static const char *const azStop[] = {"with",  "from", "that",  "this",   "into", "their",
                                       "there", "main", "state", "states", 0};
  int n = 0;
  char zLo[1024];
  snprintf(zLo, sizeof(zLo), "%s", z);
  gz_fold(zLo, strlen(zLo));
  for (size_t i = 0; zLo[i] && n < nMax;) {
    if (!gz_letter_at(zLo, strlen(zLo), i)) {
      i++;
      continue;
    }
    size_t j = i;
    while (zLo[j] && (gz_letter_at(zLo, strlen(zLo), j) || ((unsigned char)zLo[j] & 0xC0) == 0x80))
      j++;
    if (j - i >= 4 && j - i < 32) {
      bool bStop = false;
      for (int k = 0; azStop[k]; k++)
        if (strlen(azStop[k]) == j - i && memcmp(zLo + i, azStop[k], j - i) == 0) bStop = true;
      if (!bStop) {
        memcpy(azW[n], zLo + i, j - i);
        azW[n][j - i] = 0;
        n++;
      }
    }
    i = j;
  }
  return n;
}

/* The registry's document best matching a phrase, or NULL. */
static const char *match_document(const Doc *d, const char *zOrg, const char *zPhrase,
                                  double *pScore, json_t *pUsed) {
  char azP[24][32], azT[48][32];
  int nP = title_words(zPhrase, azP, 24);
  const char *zBest = 0;
  double best = 0;
  if (nP == 0) return 0;
  for (size_t i = 0; i < json_array_size(d->g->pDocs); i++) {
    const json_t *pDoc = json_array_get(d->g->pDocs, i);
    const char *zId = json_string_value(json_object_get(pDoc, "id"));
    const char *zO = json_string_value(json_object_get(pDoc, "organization"));
    if (!zId || (zOrg && zO && strcmp(zO, zOrg) != 0)) continue;
    if (json_object_get(pUsed, zId)) continue;
    const char *zLang;
    json_t *pTitle;
    json_object_foreach(json_object_get((json_t *)pDoc, "title"), zLang, pTitle) {
      if (!json_is_string(pTitle)) continue;
      int nT = title_words(json_string_value(pTitle), azT, 48), nCommon = 0;
      for (int a = 0; a < nP; a++) {
        for (int b = 0; b < nT; b++) {
          size_t la = strlen(azP[a]), lb = strlen(azT[b]), l = la < lb ? la : lb;
          if (l >= 4 && memcmp(azP[a], azT[b], l > 6 ? l - 2 : l) == 0) {
            nCommon++;
            break;
          }
        }
      }
      double recall = (double)nCommon / nP, jac = (double)nCommon / (nP + nT - nCommon);
      double score = recall + jac;
      if (recall >= 0.6 && score > best) {
        best = score;
        zBest = zId;
      }
    }
  }
  *pScore = best / 2;
  return zBest;
}

static const char *party_name_en(const Doc *d, const char *zCode) {
  for (size_t i = 0; i < json_array_size(d->g->pParties); i++) {
    const json_t *p = json_array_get(d->g->pParties, i);
    if (strcmp(json_string_value(json_object_get(p, "code")), zCode) == 0)
      return json_string_value(json_object_get(json_object_get(p, "name"), "en"));
  }
  return 0;
}

/* Year of a date given without one: from the "Posted:" line, or the
** registry's chairmanships ("This year Belarus presides over the
** Commonwealth") bounded by "till 2015", or the latest year in the text. */
static int infer_year(Doc *d, const char *zOrg, char *zWhy, size_t nWhy) {
  for (int k = 0; k < d->nD; k++) {
    if (d->aD[k].bPosted) {
      snprintf(zWhy, nWhy, "year of the Posted line");
      return d->aD[k].y;
    }
  }
  int nBound = 9999, nLatest = 0;
  for (size_t i = 0; i + 4 < d->n; i++) {
    size_t e;
    if (gz_letter_before(d->zLo, i) || (i > 0 && d->z[i - 1] >= '0' && d->z[i - 1] <= '9'))
      continue;
    int y = year_at(d, i, &e);
    if (!y) continue;
    if ((i >= 5 && memcmp(d->zLo + i - 5, "till ", 5) == 0) ||
        (i >= 6 && memcmp(d->zLo + i - 6, "until ", 6) == 0) ||
        (i >= 3 && memcmp(d->zLo + i - 3, "до ", 3) == 0)) {
      if (y < nBound) nBound = y;
    } else if (y > nLatest) {
      nLatest = y;
    }
  }
  static const char *const azChair[] = {"presides",   "presiding",       "chairmanship",
                                        "presidency", "председательств", 0};
  for (int k = 0; zOrg && azChair[k]; k++) {
    size_t nW = strlen(azChair[k]);
    for (const char *z = d->zLo; (z = strstr(z, azChair[k])) != 0; z += nW) {
      size_t i = (size_t)(z - d->zLo);
      const char *zParty = 0;
      for (int m = 0; m < d->nM; m++) {
        const Mention *pM = &d->aM[m];
        if (pM->p->kind == GZ_PARTY && pM->e <= i && pM->e + 40 >= i) zParty = pM->p->zKey;
      }
      if (!zParty) continue;
      int best = 0;
      for (size_t c = 0; c < json_array_size(d->g->pChairs); c++) {
        const json_t *pC = json_array_get(d->g->pChairs, c);
        if (strcmp(json_string_value(json_object_get(pC, "organization")), zOrg) != 0) continue;
        const json_t *aR = json_object_get(pC, "recorded");
        for (size_t r = 0; r < json_array_size(aR); r++) {
          const json_t *pR = json_array_get(aR, r);
          int y = (int)json_integer_value(json_object_get(pR, "year"));
          if (strcmp(json_string_value(json_object_get(pR, "party")), zParty) != 0) continue;
          if (y > nBound) continue;
          if (best && best == nLatest) continue; /* a year the text names wins */
          if (y == nLatest || y > best) best = y;
        }
      }
      if (best) {
        snprintf(zWhy, nWhy, "%s chaired %s in %d (registry)%s", zParty, zOrg, best,
                 nBound < 9999 ? "; bounded by a 'till' year in the text" : "");
        return best;
      }
    }
  }
  if (nLatest) {
    snprintf(zWhy, nWhy, "latest year named in the text");
    return nLatest;
  }
  return 0;
}

static void set_date(json_t *p, const char *zKey, int y, int m, int dd) {
  char z[16];
  snprintf(z, sizeof(z), "%04d-%02d-%02d", y, m, dd);
  json_object_set_new(p, zKey, json_string(z));
}

static void add_attend(json_t *aAtt, const char *zParty, const char *zStatus, const char *zBy,
                       const char *zRole) {
  json_t *p = json_object();
  json_object_set_new(p, "party", json_string(zParty));
  json_object_set_new(p, "status", json_string(zStatus));
  if (zBy) json_object_set_new(p, "by", json_string(zBy));
  if (zBy && zRole) json_object_set_new(p, "role", json_string(zRole));
  json_array_append_new(aAtt, p);
}

json_t *ingest_draft(const Gazetteer *g, const char *zName, const char *zData, size_t nData,
                     Buf *pErr) {
  if (!is_text(zData, nData)) {
    buf_printf(pErr, "%s: not a text or HTML press release (binary data)", zName);
    return 0;
  }
  Buf text = {0};
  if (looks_html(zData, nData))
    strip_html(zData, nData, &text);
  else
    buf_append(&text, zData, nData);
  buf_putc(&text, 0);
  text.n--;
  for (size_t i = 0; i < text.n; i++) {
    if (text.z[i] == '\r' || text.z[i] == '\t' || text.z[i] == '\f') text.z[i] = ' ';
    if (text.z[i] == 0) text.z[i] = ' ';
    /* No-break space as two spaces: offsets stay the same. */
    if ((unsigned char)text.z[i] == 0xC2 && i + 1 < text.n &&
        (unsigned char)text.z[i + 1] == 0xA0) {
      text.z[i] = ' ';
      text.z[i + 1] = ' ';
    }
  }
  utf8_sanitize(text.z);
  bool bEmpty = true;
  for (size_t i = 0; i < text.n && bEmpty; i++)
    if (text.z[i] != ' ' && text.z[i] != '\n') bEmpty = false;
  if (bEmpty) {
    buf_printf(pErr, "%s: empty press release (no text)", zName);
    buf_free(&text);
    return 0;
  }
  Doc doc, *d = &doc;
  memset(d, 0, sizeof(doc));
  d->g = g;
  d->zName = zName;
  d->z = text.z;
  d->n = text.n;
  d->zLo = xstrdup(text.z);
  gz_fold(d->zLo, d->n);
  d->pEv = json_object();
  find_mentions(d);
  find_dates(d);
  find_speakers(d);

  /* The session's date: among the dates that are not the next session's,
  ** a meeting's to come, a document's or a deadline, the first in a
  ** sentence about the session (a body or organization named, "held"),
  ** else the first; else the Posted line. */
  const DateM *pDate = 0, *pFirst = 0;
  for (int k = 0; k < d->nD && !pDate; k++) {
    const DateM *m = &d->aD[k];
    if (m->bPosted || in_next_sentence(d, m->i) || in_future_sentence(d, m->i) ||
        date_of_something_else(d, m))
      continue;
    if (!pFirst) pFirst = m;
    if (in_event_sentence(d, m->i)) pDate = m;
  }
  if (!pDate) pDate = pFirst;
  /* "18 December 2020" in the header, "on 18 December" in the sentence
  ** about the session: the same day, and the header gives its year. */
  for (int k = 0; pDate && !pDate->y && k < d->nD; k++) {
    const DateM *m = &d->aD[k];
    if (m->y && !m->bPosted && m->m == pDate->m && m->d == pDate->d) pDate = m;
  }
  const DateM *pPosted = 0;
  for (int k = 0; k < d->nD && !pPosted; k++)
    if (d->aD[k].bPosted) pPosted = &d->aD[k];

  Choice body = choose_body(d, pDate ? pDate : pPosted);
  json_t *pSession = json_object();
  json_t *pOut = json_object();
  json_object_set_new(pOut, "file", json_string(zName));

  /* Date. */
  int y = 0, m = 0, dd = 0;
  if (pDate) {
    y = pDate->y;
    m = pDate->m;
    dd = pDate->d;
    if (y) {
      evidence(d, "date", pDate->i, pDate->e, 0.9, false);
    } else {
      char zWhy[160];
      y = infer_year(d, body.zOrg, zWhy, sizeof(zWhy));
      if (y) {
        evidence(d, "date", pDate->i, pDate->e, 0.6, true);
        json_object_set_new(json_object_get(d->pEv, "date"), "note", json_string(zWhy));
      } else {
        evidence(d, "date", pDate->i, pDate->e, 0.2, true);
        json_object_set_new(json_object_get(d->pEv, "date"), "note",
                            json_string("no year in the text: date not set"));
      }
    }
  } else if (pPosted) {
    y = pPosted->y;
    m = pPosted->m;
    dd = pPosted->d;
    bool bToday = strstr(d->zLo, "today") || strstr(d->zLo, "сегодня");
    evidence(d, "date", pPosted->i, pPosted->e, bToday ? 0.8 : 0.4, !bToday);
  } else {
    evidence(d, "date", 0, 0, 0, true);
    json_object_set_new(json_object_get(d->pEv, "date"), "note",
                        json_string("no date in the text"));
  }
  bool bDate = y && valid_ymd(y, m, dd);

  /* Id, body, number. */
  if (body.zKey && bDate) {
    char zId[96];
    snprintf(zId, sizeof(zId), "%s-%04d-%02d-%02d", body.zKey, y, m, dd);
    json_object_set_new(pSession, "id", json_string(zId));
  } else {
    json_object_set_new(pSession, "id", json_null());
  }
  json_object_set_new(pSession, "body", body.zKey ? json_string(body.zKey) : json_null());
  if (body.zKey)
    evidence(d, "body", body.i, body.e, body.score, false);
  else
    evidence(d, "body", 0, 0, 0, true);
  json_t *pNumber = json_null();
  for (size_t i = 0; i < d->n; i++) {
    size_t e;
    if (gz_letter_before(d->zLo, i) || (i && d->z[i - 1] >= '0' && d->z[i - 1] <= '9')) continue;
    int v = number_at(d, i, 3, &e);
    if (v <= 0) continue;
    if (e + 2 <= d->n && (memcmp(d->zLo + e, "th", 2) == 0 || memcmp(d->zLo + e, "st", 2) == 0 ||
                          memcmp(d->zLo + e, "nd", 2) == 0 || memcmp(d->zLo + e, "rd", 2) == 0)) {
      size_t k = e + 2;
      while (k < d->n && d->z[k] == ' ') k++;
      if (k + 7 <= d->n &&
          (memcmp(d->zLo + k, "session", 7) == 0 || memcmp(d->zLo + k, "meeting", 7) == 0)) {
        pNumber = json_integer(v);
        evidence(d, "number", i, k + 7, 0.8, false);
        break;
      }
    }
    i = e;
  }
  json_object_set_new(pSession, "number", pNumber);
  if (bDate)
    set_date(pSession, "date", y, m, dd);
  else
    json_object_set_new(pSession, "date", json_null());

  /* Place: "in Moscow" (a capital or another city of the gazetteer) near the
  ** body's mention or in the date's sentence. */
  const Mention *pPlace = 0;
  for (int k = 0; k < d->nM && !pPlace; k++) {
    const Mention *pM = &d->aM[k];
    if (!pM->p->zPlace[0] || in_next_sentence(d, pM->i)) continue;
    bool bIn = (pM->i >= 3 && memcmp(d->zLo + pM->i - 3, "in ", 3) == 0) ||
               (pM->i >= 3 && memcmp(d->zLo + pM->i - 3, "в ", 3) == 0);
    /* A dateline: "May 25, 2023, The Kremlin, Moscow" on a line of its own. */
    bool bDateline = pDate && sent_start(d, pDate->i) == sent_start(d, pM->i) &&
                     sent_end(d, pM->i) - sent_start(d, pM->i) < 80;
    if (!bIn && !bDateline) continue;
    bool bNear = body.zKey && pM->i >= body.e && pM->i <= body.e + 60;
    if (pDate && sent_start(d, pDate->i) == sent_start(d, pM->i)) bNear = true;
    if (bNear) pPlace = pM;
  }
  if (pPlace) {
    json_object_set_new(pSession, "place", json_string(pPlace->p->zPlace));
    evidence(d, "place", pPlace->i >= 3 ? pPlace->i - 3 : pPlace->i, pPlace->e, 0.8, false);
  } else {
    json_object_set_new(pSession, "place", json_null());
    evidence(d, "place", 0, 0, 0.5, true);
  }

  /* Format. */
  static const char *const azVideo[] = {"videoconference",
                                        "video conference",
                                        "video-conference",
                                        "video link",
                                        "online meeting",
                                        "online summit",
                                        "online format",
                                        "видеоконференц",
                                        "онлайн-формат",
                                        "в режиме онлайн",
                                        0};
  /* "were joined, via videoconference, by President X": one participant
  ** on a screen while the others meet, a hybrid session; "invited to the
  ** videoconference" says nothing of the format. */
  static const char *const azOneRemote[] = {"joined", "connected", "(via", "подключ", 0};
  static const char *const azNotFormat[] = {"invited", "пригла", 0};
  static const char *const azHybrid[] = {
      "hybrid format", "hybrid mode", "hybrid session",    "hybrid meeting", "hybrid summit",
      "in a hybrid",   "гибридн",     "смешанном формате", "очно-заочн",     0};
  const char *zFormat = "in_person";
  for (int k = 0; azHybrid[k] && strcmp(zFormat, "in_person") == 0; k++) {
    const char *z = strstr(d->zLo, azHybrid[k]);
    if (z) {
      zFormat = "hybrid";
      evidence(d, "format", (size_t)(z - d->zLo), (size_t)(z - d->zLo) + strlen(azHybrid[k]), 0.9,
               false);
    }
  }
  size_t iOneRemote = 0, eOneRemote = 0; /* the first "joined via video" */
  for (int k = 0; azVideo[k] && strcmp(zFormat, "in_person") == 0; k++) {
    for (const char *z = d->zLo; (z = strstr(z, azVideo[k])) != 0; z++) {
      size_t i = (size_t)(z - d->zLo), s0 = sent_start(d, i), s1 = sent_end(d, i);
      if (has_any(d, s0, s1, azNotFormat)) continue;
      if (has_any(d, s0, s1, azOneRemote)) {
        if (!eOneRemote) {
          iOneRemote = i;
          eOneRemote = i + strlen(azVideo[k]);
        }
        continue;
      }
      zFormat = "videoconference";
      evidence(d, "format", i, i + strlen(azVideo[k]), 0.9, false);
      break;
    }
  }
  if (strcmp(zFormat, "in_person") == 0 && eOneRemote) {
    zFormat = "hybrid";
    evidence(d, "format", iOneRemote, eOneRemote, 0.7, false);
  }
  if (strcmp(zFormat, "in_person") == 0) {
    static const char *const azInformal[] = {"informal summit", "informal meeting",
                                             "informal session", "неформальн", 0};
    for (int k = 0; azInformal[k]; k++) {
      const char *z = strstr(d->zLo, azInformal[k]);
      if (z) {
        zFormat = "informal";
        evidence(d, "format", (size_t)(z - d->zLo), (size_t)(z - d->zLo) + strlen(azInformal[k]),
                 0.8, false);
        break;
      }
    }
  }
  if (strcmp(zFormat, "in_person") == 0) evidence(d, "format", 0, 0, 0.6, true);
  json_object_set_new(pSession, "format", json_string(zFormat));

  /* Attendance. */
  json_t *pPresent = json_object(), *pAbsent = json_object(); /* code -> evidence span */
  static const char *const azList[] = {"leaders of ",
                                       "leaders: ",
                                       "heads of state of ",
                                       "heads of delegations of ",
                                       "delegations of ",
                                       "representatives of ",
                                       "presidents of ",
                                       "лидеры ",
                                       "главы государств ",
                                       "делегации ",
                                       "foreign ministers of ",
                                       "defence ministers of ",
                                       "defense ministers of ",
                                       "prime ministers of ",
                                       "heads of government of ",
                                       "министры иностранных дел ",
                                       "министры обороны ",
                                       "главы правительств ",
                                       0};
  for (int k = 0; azList[k]; k++) {
    size_t nW = strlen(azList[k]);
    for (const char *z = d->zLo; (z = strstr(z, azList[k])) != 0; z += nW) {
      size_t i = (size_t)(z - d->zLo) + nW, e;
      const Mention *pM;
      while ((pM = party_at(d, i, &e)) != 0) {
        json_t *pSpan = span(d, pM->i, pM->e);
        json_object_set_new(pPresent, pM->p->zKey, pSpan);
        i = e;
        if (i + 2 <= d->n && memcmp(d->zLo + i, "'s", 2) == 0) i += 2;
        if (i + 4 <= d->n && memcmp(d->zLo + i, "’s", 4) == 0) i += 4;
        if (i < d->n && d->z[i] == ',') i++;
        while (i < d->n && d->z[i] == ' ') i++;
        if (i + 4 <= d->n && memcmp(d->zLo + i, "and ", 4) == 0) i += 4;
        if (i + 3 <= d->n && memcmp(d->zLo + i, "и ", 3) == 0) i += 3;
      }
    }
  }
  static const char *const azAbsentBy[] = {"not attended by ", "without the participation of ",
                                           "absence of ",      "без участия ",
                                           "отсутстви",        0};
  for (int k = 0; azAbsentBy[k]; k++) {
    size_t nW = strlen(azAbsentBy[k]);
    for (const char *z = d->zLo; (z = strstr(z, azAbsentBy[k])) != 0; z += nW) {
      size_t i = (size_t)(z - d->zLo), e = sent_end(d, i);
      if (e > i + nW + 60) e = i + nW + 60;
      for (int j = 0; j < d->nM; j++) {
        const Mention *pM = &d->aM[j];
        if (pM->p->kind == GZ_PARTY && pM->i >= i + nW && pM->e <= e)
          json_object_set_new(pAbsent, pM->p->zKey, span(d, i, pM->e));
      }
    }
  }
  /* "Armenia's absence", "Armenia's decision to skip the summit" */
  static const char *const azAbsentAfter[] = {"'s absence", "’s absence", "'s decision to skip",
                                              "’s decision to skip", 0};
  for (int k = 0; k < d->nM; k++) {
    const Mention *pM = &d->aM[k];
    if (pM->p->kind != GZ_PARTY) continue;
    for (int j = 0; azAbsentAfter[j]; j++) {
      size_t n = strlen(azAbsentAfter[j]);
      if (pM->e + n <= d->n && memcmp(d->zLo + pM->e, azAbsentAfter[j], n) == 0)
        json_object_set_new(pAbsent, pM->p->zKey, span(d, pM->i, pM->e + n));
    }
  }
  json_t *pBy = json_object();    /* code -> speaker index */
  json_t *pNamed = json_object(); /* code -> a name listed with it, without a role */
  for (int k = 0; k < d->nS; k++) {
    const Speaker *s = &d->aS[k];
    if (!s->zParty) continue;
    if (s->bAbsent) {
      json_object_set_new(pAbsent, s->zParty, span(d, s->i, s->e));
      continue;
    }
    /* Named in a sentence saying who took part: present whatever the
    ** role (a prime minister may stand in for a president). */
    bool bTookPart = took_part_sentence(d, s->i);
    if (!bTookPart && !role_fits(s->zRole, body.zLevel)) continue;
    if ((s->bVerb || bTookPart) && !json_object_get(pPresent, s->zParty))
      json_object_set_new(pPresent, s->zParty, span(d, s->i, s->e + 12 < d->n ? s->e + 12 : d->n));
    if (!json_object_get(pBy, s->zParty)) json_object_set_new(pBy, s->zParty, json_integer(k));
  }
  /* "with the participation of Presidents A B of Belarus, C D of Kazakhstan" */
  for (int k = 0; k < d->nM; k++) {
    const Mention *pM = &d->aM[k];
    if (pM->p->kind != GZ_PARTY || pM->i < 8 || memcmp(d->z + pM->i - 4, " of ", 4) != 0 ||
        !is_upper_at(d, word_start(d, pM->i - 4)) || json_object_get(pPresent, pM->p->zKey) ||
        !took_part_sentence(d, pM->i))
      continue;
    size_t iName = word_start(d, pM->i - 4);
    if (iName > 1 && d->z[iName - 1] == ' ' && is_upper_at(d, word_start(d, iName - 1)))
      iName = word_start(d, iName - 1);
    json_object_set_new(pPresent, pM->p->zKey, span(d, iName, pM->e));
    if (!json_object_get(pNamed, pM->p->zKey))
      json_object_set_new(pNamed, pM->p->zKey, json_stringn(d->z + iName, pM->i - 4 - iName));
  }
  json_t *aAtt = json_array();
  for (int pass = 0; pass < 2; pass++) {
    json_t *pSet = pass ? pAbsent : pPresent;
    const char *az[64];
    int nA = 0;
    const char *zCode;
    json_t *pVal;
    json_object_foreach(pSet, zCode, pVal) {
      if (nA < 64 && (pass || !json_object_get(pAbsent, zCode))) az[nA++] = zCode;
    }
    if (nA) qsort(az, (size_t)nA, sizeof(az[0]), cmp_str);
    for (int k = 0; k < nA; k++) {
      const Speaker *s = 0;
      json_t *pIdx = json_object_get(pBy, az[k]);
      if (!pass && pIdx) s = &d->aS[json_integer_value(pIdx)];
      const char *zNamed = pass ? 0 : json_string_value(json_object_get(pNamed, az[k]));
      add_attend(aAtt, az[k], pass ? "absent" : "present", s ? s->zName : zNamed, s ? s->zRole : 0);
      char zField[48];
      snprintf(zField, sizeof(zField), "attendance.%s", az[k]);
      json_t *pE = json_object();
      json_object_set(pE, "text", json_object_get(pSet, az[k]));
      json_object_set_new(pE, "confidence", json_real(pass ? 0.8 : 0.7));
      json_object_set_new(pE, "inferred", json_false());
      json_object_set_new(pE, "status", json_string(pass ? "absent" : "present"));
      json_object_set_new(d->pEv, zField, pE);
    }
  }
  json_decref(pPresent);
  json_decref(pAbsent);
  json_decref(pBy);
  json_decref(pNamed);
  json_object_set_new(pSession, "attendance", aAtt);

  /* Documents adopted: "approved the X and the Y" matched to the registry's
  ** documents; those not in the registry are listed in the evidence only. */
  json_t *aAdopted = json_array(), *pUsed = json_object(), *aDocs = json_array();
  static const char *const azAdopt[] = {" approved ", " adopted ", " signed ", " утвердил",
                                        " принял",    " подписал", 0};
  for (int k = 0; azAdopt[k]; k++) {
    size_t nW = strlen(azAdopt[k]);
    for (const char *z = d->zLo; (z = strstr(z, azAdopt[k])) != 0; z += nW) {
      size_t i = (size_t)(z - d->zLo), s = sent_start(d, i), e = sent_end(d, i);
      if (i >= s + 4 &&
          (memcmp(d->zLo + i - 4, " was", 4) == 0 || memcmp(d->zLo + i - 4, "were", 4) == 0 ||
           memcmp(d->zLo + i - 4, "we", 2) == 0))
        continue;
      bool bSubject = false;
      for (int j = 0; j < d->nM; j++)
        if (d->aM[j].p->kind == GZ_BODY && d->aM[j].i >= s && d->aM[j].e <= i) bSubject = true;
      static const char *const azWho[] = {"participants", "leaders", "heads of state",
                                          "участники",    "главы",   0};
      if (!bSubject && !has_any(d, s, i, azWho)) continue;
      size_t a = i + nW;
      while (a < d->n && d->z[a] != ' ' && d->zLo[a] != 0 && a < i + nW + 0) a++;
      static const char *const azEndObj[] = {" during ", " at the ", " in the course", 0};
      for (int q = 0; azEndObj[q]; q++) {
        const char *zq = strstr(d->zLo + a, azEndObj[q]);
        if (zq && (size_t)(zq - d->zLo) < e) e = (size_t)(zq - d->zLo);
      }
      /* Split the object at " and the " / ", ". */
      size_t p = a;
      while (p < e) {
        size_t q = p, qNext = e;
        for (; q < e; q++) {
          if (q + 9 <= e && memcmp(d->zLo + q, " and the ", 9) == 0) {
            qNext = q + 9;
            break;
          }
          if (q + 2 <= e && memcmp(d->zLo + q, ", ", 2) == 0) {
            qNext = q + 2;
            break;
          }
        }
        if (q > e) q = e;
        char zPhrase[512];
        snprintf(zPhrase, sizeof(zPhrase), "%.*s", (int)(q - p), d->z + p);
        double score = 0;
        const char *zDoc = match_document(d, body.zOrg, zPhrase, &score, pUsed);
        json_t *pD = json_object();
        json_object_set_new(pD, "text", span(d, p, q));
        json_object_set_new(pD, "document", zDoc ? json_string(zDoc) : json_null());
        json_object_set_new(pD, "confidence", json_real(zDoc ? (int)(score * 100) / 100.0 : 0.3));
        json_object_set_new(pD, "inferred", json_false());
        json_array_append_new(aDocs, pD);
        if (zDoc) {
          json_object_set_new(pUsed, zDoc, json_true());
          json_array_append_new(aAdopted, json_string(zDoc));
        }
        p = qNext;
      }
    }
  }

  /* Chairmanship: "Belarus will take over the Presidency ... in 2021. Its
  ** co-chairs next year will be Uzbekistan ... and Kazakhstan". */
  static const char *const azTake[] = {"take over the presidency",
                                       "takes over the presidency",
                                       "take over the chairmanship",
                                       "takes over the chairmanship",
                                       "will chair",
                                       "will preside",
                                       0};
  for (int k = 0; azTake[k]; k++) {
    const char *z = strstr(d->zLo, azTake[k]);
    if (!z) continue;
    size_t i = (size_t)(z - d->zLo), s = sent_start(d, i), e = sent_end(d, i);
    const char *zParty = 0;
    for (int j = 0; j < d->nM; j++)
      if (d->aM[j].p->kind == GZ_PARTY && d->aM[j].i >= s && d->aM[j].e <= i)
        zParty = d->aM[j].p->zKey;
    int year = 0;
    for (size_t q = i; q + 4 <= e && !year; q++) {
      size_t e4;
      if (!gz_letter_before(d->zLo, q)) year = year_at(d, q, &e4);
    }
    if (!zParty) break;
    json_t *pC = json_object();
    json_object_set_new(pC, "text", span(d, s, e));
    json_object_set_new(pC, "confidence", json_real(0.7));
    json_object_set_new(pC, "inferred", json_false());
    json_object_set_new(pC, "party", json_string(zParty));
    json_object_set_new(pC, "year", year ? json_integer(year) : json_null());
    json_t *aCo = json_array();
    const char *zCo = strstr(d->zLo + e, "co-chair");
    if (zCo && (size_t)(zCo - d->zLo) < e + 300) {
      size_t cs = sent_start(d, (size_t)(zCo - d->zLo)), ce = sent_end(d, (size_t)(zCo - d->zLo));
      for (int j = 0; j < d->nM; j++) {
        const Mention *pM = &d->aM[j];
        if (pM->p->kind == GZ_PARTY && pM->i >= cs && pM->e <= ce &&
            strcmp(pM->p->zKey, zParty) != 0) {
          bool bDup = false;
          for (size_t q = 0; q < json_array_size(aCo); q++)
            if (strcmp(json_string_value(json_array_get(aCo, q)), pM->p->zKey) == 0) bDup = true;
          if (!bDup) json_array_append_new(aCo, json_string(pM->p->zKey));
        }
      }
    }
    json_object_set_new(pC, "co_chairs", aCo);
    json_object_set_new(d->pEv, "chairmanship", pC);
    /* The decision on it, if the registry holds one. */
    const char *zPartyName = party_name_en(d, zParty);
    char zYear[8];
    snprintf(zYear, sizeof(zYear), "%d", year);
    for (size_t q = 0; year && zPartyName && q < json_array_size(d->g->pDocs); q++) {
      const json_t *pDoc = json_array_get(d->g->pDocs, q);
      const char *zT = json_string_value(json_object_get(json_object_get(pDoc, "title"), "en"));
      const char *zId = json_string_value(json_object_get(pDoc, "id"));
      const char *zType = json_string_value(json_object_get(pDoc, "type"));
      if (!zT || !zId || !zType || strcmp(zType, "decision") != 0) continue;
      if (json_object_get(pUsed, zId)) continue;
      if (strstr(zT, zPartyName) && strstr(zT, zYear) &&
          (strstr(zT, "presidency") || strstr(zT, "chair") || strstr(zT, "Presidency"))) {
        json_array_append_new(aAdopted, json_string(zId));
        json_object_set_new(pUsed, zId, json_true());
        json_t *pD = json_object();
        json_object_set_new(pD, "text", span(d, s, e));
        json_object_set_new(pD, "document", json_string(zId));
        json_object_set_new(pD, "confidence", json_real(0.6));
        json_object_set_new(pD, "inferred", json_true());
        json_array_append_new(aDocs, pD);
      }
    }
    break;
  }
  json_decref(pUsed);
  json_object_set_new(pSession, "adopted", aAdopted);
  for (size_t q = 0; q < json_array_size(aDocs); q++) {
    char zField[32];
    snprintf(zField, sizeof(zField), "documents[%zu]", q);
    json_object_set(d->pEv, zField, json_array_get(aDocs, q));
  }
  json_decref(aDocs);

  /* Next session: a sentence with "next" and "summit"/"session". */
  for (int k = 0; k < d->nD; k++) {
    const DateM *pD = &d->aD[k];
    if (pD->bPosted || !in_next_sentence(d, pD->i)) continue;
    json_t *pNext = json_object();
    int ny = pD->y;
    bool bInferred = false;
    if (!ny && bDate) {
      ny = pD->m > m || (pD->m == m && pD->d > dd) ? y : y + 1;
      bInferred = true;
    }
    if (ny)
      set_date(pNext, "date", ny, pD->m, pD->d);
    else
      json_object_set_new(pNext, "date", json_null());
    evidence(d, "next.date", pD->i, pD->e, bInferred ? 0.5 : 0.8, bInferred);
    size_t s = sent_start(d, pD->i), e = sent_end(d, pD->i);
    json_t *pPl = json_null();
    for (int j = 0; j < d->nM; j++) {
      const Mention *pM = &d->aM[j];
      if (pM->p->zPlace[0] && pM->i >= s && pM->e <= e) {
        pPl = json_string(pM->p->zPlace);
        evidence(d, "next.place", pM->i, pM->e, 0.8, false);
        break;
      }
    }
    json_object_set_new(pNext, "place", pPl);
    json_object_set_new(pSession, "next", pNext);
    break;
  }

  /* Sources: the press release itself, titled by its first line. */
  size_t t = 0;
  while (t < d->n) {
    size_t e = t;
    while (e < d->n && d->z[e] != '\n') e++;
    size_t words = 0;
    for (size_t q = t; q < e; q++)
      if (d->z[q] == ' ' && q + 1 < e && d->z[q + 1] != ' ') words++;
    if (words >= 3 && !has_in(d, t, e, "posted")) {
      json_t *aSrc = json_array(), *pSrc = json_object();
      json_t *pTitle = span(d, t, e - t > 300 ? t + 300 : e);
      json_object_set_new(pSrc, "title", pTitle);
      json_object_set_new(pSrc, "ref", json_string(zName));
      json_array_append_new(aSrc, pSrc);
      json_object_set_new(pSession, "sources", aSrc);
      break;
    }
    t = e + 1;
  }
  if (!json_object_get(pSession, "sources")) {
    json_t *aSrc = json_array(), *pSrc = json_object();
    json_object_set_new(pSrc, "title", json_string(zName));
    json_object_set_new(pSrc, "ref", json_string(zName));
    json_array_append_new(aSrc, pSrc);
    json_object_set_new(pSession, "sources", aSrc);
  }

  /* Speakers, with roles, and quotes with their speaker. */
  int nSpk = 0;
  for (int k = 0; k < d->nS; k++) {
    const Speaker *s = &d->aS[k];
    bool bDup = false;
    for (int j = 0; j < k && !bDup; j++)
      bDup = strcmp(surname(s->zName), surname(d->aS[j].zName)) == 0;
    if (bDup) continue;
    char zField[32];
    snprintf(zField, sizeof(zField), "speakers[%d]", nSpk++);
    evidence(d, zField, s->i, s->e, 0.8, false);
    json_t *pE = json_object_get(d->pEv, zField);
    json_object_set_new(pE, "name", json_string(s->zName));
    json_object_set_new(pE, "role", json_string(s->zRole));
    json_object_set_new(pE, "party", s->zParty ? json_string(s->zParty) : json_null());
  }
  /* The release's main speaker, who says what no name is put to ("the head
  ** of state said"): the one whose surname the text names most often (the
  ** first on a tie), not a speaker of an absent party. */
  const char *zMain = 0;
  int nMain = 0;
  const json_t *aAttended = json_object_get(pSession, "attendance");
  for (int k = 0; k < d->nS; k++) {
    const Speaker *sp = &d->aS[k];
    bool bAbsent = false;
    for (size_t j = 0; sp->zParty && j < json_array_size(aAttended); j++) {
      const json_t *pA = json_array_get(aAttended, j);
      bAbsent |= strcmp(json_string_value(json_object_get(pA, "party")), sp->zParty) == 0 &&
                 strcmp(json_string_value(json_object_get(pA, "status")), "absent") == 0;
    }
    const char *zSur = surname(sp->zName);
    int n = 0;
    for (const char *z = d->z; *zSur && (z = strstr(z, zSur)) != 0; z += strlen(zSur)) n++;
    if (!bAbsent && n > nMain) {
      zMain = sp->zName;
      nMain = n;
    }
  }
  int nQ = 0;
  for (size_t i = 0; i + 3 < d->n && nQ < 100; i++) {
    size_t nOpen = 0;
    const char *zClose = 0;
    if (memcmp(d->z + i, "“", 3) == 0) {
      nOpen = 3;
      zClose = "”";
    } else if (memcmp(d->z + i, "«", 2) == 0) {
      nOpen = 2;
      zClose = "»";
    } else if (d->z[i] == '"' && (i == 0 || !gz_letter_before(d->z, i))) {
      nOpen = 1;
      zClose = "\"";
    }
    if (!nOpen) continue;
    size_t j = i + nOpen, nClose = strlen(zClose);
    while (j + nClose <= d->n && memcmp(d->z + j, zClose, nClose) != 0 && d->z[j] != '\n') j++;
    if (j + nClose > d->n || d->z[j] == '\n') continue;
    if (j - i < 40) {
      i = j + nClose - 1;
      continue;
    }
    /* Speaker: a name after the quote in its sentence ("...," Mirziyoyev
    ** said); else a role there ("the head of state said"): the main
    ** speaker; else the nearest name in the 300 bytes before the quote
    ** ("Lebedev said during the summit. ... “...,” he said."); else the
    ** main speaker. Only the first is not inferred. */
    static const char *const azRoleWord[] = {
        "head of state",     "president", "leader", "prime minister",
        "глава государства", "президент", "лидер",  0};
    const char *zWho = 0;
    double conf = 0.4;
    size_t a = j + nClose, b = sent_end(d, a);
    for (int k = 0; k < d->nS && !zWho; k++) {
      const char *zSur = surname(d->aS[k].zName);
      size_t n = strlen(zSur);
      for (size_t q = a; n && q + n <= b && !zWho; q++)
        if (memcmp(d->z + q, zSur, n) == 0) zWho = d->aS[k].zName;
    }
    bool bNamed = zWho != 0;
    if (!zWho && has_any(d, a, b, azRoleWord)) {
      zWho = zMain;
      conf = 0.6;
    }
    /* A quote inside a sentence that names people before it ("Lukashenko
    ** thanked President Mirziyoyev for ..., “I suggest ...”") is its
    ** subject's, the first named; else the nearest name before. */
    size_t iSent = sent_start(d, i);
    bool bInSentence = false;
    for (int k = 0; k < d->nS && !zWho && !bInSentence; k++)
      bInSentence = d->aS[k].i >= iSent && d->aS[k].i < i;
    if (!zWho) {
      size_t s0 = bInSentence ? iSent : i > 300 ? i - 300 : 0, iBest = 0;
      for (int k = 0; k < d->nS; k++) {
        const char *zSur = surname(d->aS[k].zName);
        size_t n = strlen(zSur);
        for (size_t q = i; n && q-- > s0;) { /* its last mention before the quote */
          if (q + n > i || memcmp(d->z + q, zSur, n) != 0) continue;
          if (!zWho || (bInSentence ? q < iBest : q > iBest)) {
            zWho = d->aS[k].zName;
            iBest = q;
          }
          break;
        }
      }
      if (zWho) conf = 0.6;
    }
    if (!zWho) zWho = zMain;
    if (!zWho) conf = 0.3;
    if (bNamed) conf = 0.8;
    char zField[32];
    snprintf(zField, sizeof(zField), "quotes[%d]", nQ++);
    evidence(d, zField, i + nOpen, j, conf, !bNamed);
    json_object_set_new(json_object_get(d->pEv, zField), "speaker",
                        zWho ? json_string(zWho) : json_null());
    i = j + nClose - 1;
  }

  json_object_set_new(pOut, "session", pSession);
  json_object_set_new(pOut, "evidence", d->pEv);
  free(d->aM);
  free(d->aD);
  free(d->aS);
  free(d->zLo);
  buf_free(&text);
  return pOut;
}

/* A value the person gives for what the text lacks or gets wrong (--date,
** --place, or typed at the prompt): it wins over the text, and the evidence
** says where it came from and what the text said. */
void ingest_give(json_t *pDraft, const char *zField, const char *zValue, const char *zHow) {
  json_t *s = json_object_get(pDraft, "session"), *ev = json_object_get(pDraft, "evidence");
  const json_t *pOld = json_object_get(ev, zField);
  const char *zWas = json_string_value(json_object_get(s, zField));
  const char *zSpan = json_string_value(json_object_get(pOld, "text"));
  Buf note = {0};
  buf_puts(&note, zHow);
  if (zWas && strcmp(zWas, zValue) != 0)
    buf_printf(&note, "; the text says %s%s", zWas,
               json_is_true(json_object_get(pOld, "inferred")) ? " (inferred)" : "");
  else if (!zWas && zSpan) /* a day and month without a year */
    buf_printf(&note, "; the text says \"%s\"", zSpan);
  json_t *p = json_object();
  json_object_set_new(p, "text", json_null());
  json_object_set_new(p, "confidence", json_real(1.0));
  json_object_set_new(p, "inferred", json_false());
  json_object_set_new(p, "note", json_string(note.z));
  json_object_set_new(ev, zField, p);
  buf_free(&note);
  json_object_set_new(s, zField, json_string(zValue));
  const char *zBody = json_string_value(json_object_get(s, "body"));
  if (strcmp(zField, "date") == 0 && zBody) {
    Buf id = {0};
    buf_printf(&id, "%s-%s", zBody, zValue);
    json_object_set_new(s, "id", json_string(id.z));
    buf_free(&id);
  }
}

IngestLack ingest_lack(const json_t *pDraft) {
  const json_t *s = json_object_get(pDraft, "session");
  if (!json_is_string(json_object_get(s, "body"))) return INGEST_NO_BODY;
  if (!json_is_string(json_object_get(s, "date"))) return INGEST_NO_DATE;
  return INGEST_LOADABLE;
}

const char *ingest_lack_words(IngestLack lack) {
  static const char *const az[] = {0, "no body recognized", "no full date found"};
  return az[lack];
}
