/*
** Ingest: reading the press release. HTML to plain text, the checks that
** refuse what is not a press release, sentences and words, and the
** evidence spans every field quotes.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ingest_internal.h"

/* ---- HTML to plain text ------------------------------------------------- */

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

/* The tag at p ('<') out: a block tag as a line break, another as a space,
** script and style with their contents, comments. Returns what follows. */
static const char *skip_tag(const char *p, const char *zEnd, Buf *b) {
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
  return p;
}

/* The character reference at p ('&') decoded into b: returns what follows
** it, or NULL (nothing written) when p starts none pacta knows. */
static const char *decode_entity(const char *p, const char *zEnd, Buf *b) {
  static const char *const azEnt[][2] = {
      {"amp", "&"},   {"lt", "<"},    {"gt", ">"},    {"quot", "\""}, {"apos", "'"},
      {"nbsp", " "},  {"laquo", "«"}, {"raquo", "»"}, {"ldquo", "“"}, {"rdquo", "”"},
      {"lsquo", "‘"}, {"rsquo", "’"}, {"mdash", "—"}, {"ndash", "–"}, {"hellip", "…"},
      {"copy", "©"},  {0, 0}};
  const char *q = p + 1;
  while (q < zEnd && q - p < 10 && *q != ';' && *q != '&' && *q != ' ') q++;
  if (q >= zEnd || *q != ';') return 0;
  size_t m = (size_t)(q - p - 1);
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
    return q + 1;
  }
  for (int k = 0; azEnt[k][0]; k++) {
    if (strlen(azEnt[k][0]) == m && memcmp(p + 1, azEnt[k][0], m) == 0) {
      buf_puts(b, azEnt[k][1]);
      return q + 1;
    }
  }
  return 0;
}

/* Tags out (block tags as line breaks, script and style with their
** contents), character references decoded. */
static void strip_html(const char *z, size_t n, Buf *b) {
  const char *zEnd = z + n;
  for (const char *p = z; p < zEnd;) {
    const char *q = *p == '<' ? skip_tag(p, zEnd, b) : *p == '&' ? decode_entity(p, zEnd, b) : 0;
    if (q)
      p = q;
    else
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

/* Tabs, carriage returns, form feeds and NULs as spaces, a no-break space
** as two (offsets stay the same), invalid UTF-8 as '?'. */
static void normalize_space(Buf *pText) {
  for (size_t i = 0; i < pText->n; i++) {
    if (pText->z[i] == '\r' || pText->z[i] == '\t' || pText->z[i] == '\f') pText->z[i] = ' ';
    if (pText->z[i] == 0) pText->z[i] = ' ';
    if ((unsigned char)pText->z[i] == 0xC2 && i + 1 < pText->n &&
        (unsigned char)pText->z[i + 1] == 0xA0) {
      pText->z[i] = ' ';
      pText->z[i + 1] = ' ';
    }
  }
  utf8_sanitize(pText->z);
}

/* The places of the words ig_has was asked for over a long stretch: each
** word's every start in the folded text, in order, found on first use. */
typedef struct WordAt {
  uint32_t *aAt;
  size_t nAt;
} WordAt;
struct Words {
  StrMap map; /* word -> index in a */
  WordAt *a;
  int n, nAlloc;
};

static void find_sentences(Doc *d);

bool ig_read(Doc *d, const Gazetteer *g, const char *zName, const char *zData, size_t nData,
             Buf *pErr) {
  if (!is_text(zData, nData)) {
    buf_printf(pErr, _("%s: not a text or HTML press release (binary data)"), zName);
    return false;
  }
  Buf text = {0};
  if (looks_html(zData, nData))
    strip_html(zData, nData, &text);
  else
    buf_append(&text, zData, nData);
  buf_putc(&text, 0);
  text.n--;
  normalize_space(&text);
  bool bEmpty = true;
  for (size_t i = 0; i < text.n && bEmpty; i++)
    if (text.z[i] != ' ' && text.z[i] != '\n') bEmpty = false;
  if (bEmpty) {
    buf_printf(pErr, _("%s: empty press release (no text)"), zName);
    buf_free(&text);
    return false;
  }
  memset(d, 0, sizeof(*d));
  d->g = g;
  d->z = text.z;
  d->n = text.n;
  d->zLo = xstrdup(text.z);
  gz_fold(d->zLo, d->n);
  find_sentences(d);
  d->pWords = xmalloc(sizeof(Words));
  memset(d->pWords, 0, sizeof(Words));
  d->pEv = json_object();
  return true;
}

void ig_free(Doc *d) {
  for (int k = 0; k < d->pWords->n; k++) xfree(d->pWords->a[k].aAt);
  xfree(d->pWords->a);
  strmap_free(&d->pWords->map);
  xfree(d->pWords);
  xfree(d->aEnd);
  xfree(d->aM);
  xfree(d->aP);
  xfree(d->aPGen);
  xfree(d->aReach);
  xfree(d->aByEnd);
  xfree(d->aD);
  xfree(d->aS);
  xfree(d->zLo);
  xfree(d->z);
}

/* ---- Evidence ------------------------------------------------------------- */

json_t *ig_span(const Doc *d, size_t i, size_t e) {
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

void ig_evidence(Doc *d, const char *zField, size_t i, size_t e, double conf, bool bInferred) {
  json_t *p = json_object();
  json_object_set_new(p, "text", i == e ? json_null() : ig_span(d, i, e));
  json_object_set_new(p, "confidence", json_real((double)(int)(conf * 100 + 0.5) / 100));
  json_object_set_new(p, "inferred", json_boolean(bInferred));
  json_object_set_new(d->pEv, zField, p);
}

/* ---- Sentences and words -------------------------------------------------- */

/* Is the '.' at i the end of an abbreviation that does not end a sentence
** ("St. Petersburg", "Mr. Lebedev", "г. Минск", "Oct. 14")? */
static bool abbrev_dot(const Doc *d, size_t i) {
  static const char *const azAbbrev[] = {"st", "mr", "mrs", "ms", "dr", "no", "gen", "г", "гг", 0};
  size_t s = i;
  while (s > 0 && gz_letter_before(d->zLo, s)) s--;
  for (int k = 0; azAbbrev[k]; k++) {
    size_t n = strlen(azAbbrev[k]);
    if (i - s == n && memcmp(d->zLo + s, azAbbrev[k], n) == 0) return true;
  }
  /* an initial before a name ("G. Myradov", «А. Лукашенко») */
  bool bOne = i - s == 1 || (i - s == 2 && ((unsigned char)d->z[s] & 0xFE) == 0xD0);
  /* ... of a sound written with two Latin letters ("Kh. Geldimyradov") */
  static const char *const azTwo[] = {"kh", "sh", "ch", "zh", "yu", "ya", "ts", 0};
  for (int k = 0; azTwo[k] && !bOne && i - s == 2; k++) bOne = memcmp(d->zLo + s, azTwo[k], 2) == 0;
  if (bOne && ig_upper_at(d, s) && i + 2 < d->n && d->z[i + 1] == ' ' && ig_upper_at(d, i + 2))
    return true;
  /* a month before its day: "MINSK, Oct. 14 (Xinhua) -- The meeting ..." */
  static const char *const azMonth[] = {"jan", "feb", "mar", "apr", "jun",  "jul", "aug",
                                        "sep", "oct", "nov", "dec", "sept", 0};
  bool bDay = i + 2 < d->n && d->z[i + 1] == ' ' && d->z[i + 2] >= '0' && d->z[i + 2] <= '9';
  for (int k = 0; azMonth[k] && bDay; k++) {
    size_t n = strlen(azMonth[k]);
    if (i - s == n && memcmp(d->zLo + s, azMonth[k], n) == 0) return true;
  }
  return false;
}

/* Does a sentence end at i: ". " (not "08.10", not "St. "), "!", "?" or a
** line break? */
static bool sentence_ends_at(const Doc *d, size_t i) {
  char c = d->z[i];
  if (c == '\n' || c == '!' || c == '?') return true;
  /* a full stop run into the next sentence ("the country.The summit",
  ** «страны.Самые»): a lower-case letter before, a capital after */
  if (c == '.' && i >= 2 && i + 1 < d->n && ig_upper_at(d, i + 1)) {
    unsigned char a = (unsigned char)d->z[i - 2], b = (unsigned char)d->z[i - 1];
    if ((b >= 'a' && b <= 'z') || ((a == 0xD0 || a == 0xD1) && b >= 0x80 &&
                                   d->zLo[i - 1] == d->z[i - 1] && d->zLo[i - 2] == d->z[i - 2]))
      return true;
  }
  return c == '.' && (i + 1 >= d->n || d->z[i + 1] == ' ' || d->z[i + 1] == '\n') &&
         !abbrev_dot(d, i);
}

/* Every sentence end, once (d->aEnd): ig_sent_start and ig_sent_end look
** them up instead of walking to them, which in a text without full stops
** is the whole text every time. */
static void find_sentences(Doc *d) {
  size_t nAlloc = 0;
  for (size_t i = 0; i < d->n; i++) {
    if (!sentence_ends_at(d, i)) continue;
    if (d->nEnd == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 64;
      d->aEnd = xrealloc(d->aEnd, nAlloc * sizeof(uint32_t));
    }
    d->aEnd[d->nEnd++] = (uint32_t)i;
  }
}

/* The number of entries of a (sorted, n of them) less than i. */
static size_t count_below(const uint32_t *a, size_t n, size_t i) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (a[mid] < i)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* The sentence starts after the last end before i; a full stop that ends
** the text ends a sentence but starts none. */
size_t ig_sent_start(const Doc *d, size_t i) {
  size_t k = count_below(d->aEnd, d->nEnd, i);
  if (k && d->aEnd[k - 1] + 1 == d->n && d->z[d->n - 1] == '.') k--;
  return k ? d->aEnd[k - 1] + (size_t)1 : 0;
}

size_t ig_sent_end(const Doc *d, size_t i) {
  if (i >= d->n) return i;
  size_t k = count_below(d->aEnd, d->nEnd, i);
  return k < d->nEnd ? d->aEnd[k] : d->n;
}

/* A stretch up to this long is read; a longer one is looked up. */
enum { SCAN_MAX = 256 };

/* The places of zWord in the folded text, found on first use. */
static const WordAt *word_at(const Doc *d, const char *zWord) {
  Words *w = d->pWords;
  bool bNew;
  int *pIdx = strmap_insert(&w->map, zWord, w->n, &bNew);
  if (!bNew) return &w->a[*pIdx];
  if (w->n == w->nAlloc) {
    w->nAlloc = w->nAlloc ? 2 * w->nAlloc : 32;
    w->a = xrealloc(w->a, (size_t)w->nAlloc * sizeof(WordAt));
  }
  WordAt *p = &w->a[w->n++];
  memset(p, 0, sizeof(*p));
  size_t nAlloc = 0;
  for (const char *z = d->zLo; *zWord && (z = strstr(z, zWord)) != 0; z++) {
    if (p->nAt == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 16;
      p->aAt = xrealloc(p->aAt, nAlloc * sizeof(uint32_t));
    }
    p->aAt[p->nAt++] = (uint32_t)(z - d->zLo);
  }
  return p;
}

bool ig_has(const Doc *d, size_t i, size_t e, const char *zWord) {
  size_t n = strlen(zWord);
  if (n == 0 || e < i + n + SCAN_MAX) {
    for (size_t k = i; k + n <= e; k++)
      if (memcmp(d->zLo + k, zWord, n) == 0) return true;
    return false;
  }
  const WordAt *p = word_at(d, zWord);
  size_t k = count_below(p->aAt, p->nAt, i);
  return k < p->nAt && p->aAt[k] + n <= e;
}

bool ig_has_any(const Doc *d, size_t i, size_t e, const char *const *az) {
  for (int k = 0; az[k]; k++)
    if (ig_has(d, i, e, az[k])) return true;
  return false;
}

bool ig_ends_before(const Doc *d, size_t i, const char *const *az, bool bWord) {
  for (int k = 0; az[k]; k++) {
    size_t n = strlen(az[k]);
    if (i >= n && memcmp(d->zLo + i - n, az[k], n) == 0 &&
        !(bWord && gz_letter_before(d->zLo, i - n)))
      return true;
  }
  return false;
}

size_t ig_find(const Doc *d, size_t i, const char *zWord) {
  const WordAt *p = word_at(d, zWord);
  size_t k = count_below(p->aAt, p->nAt, i);
  return k < p->nAt ? p->aAt[k] : SIZE_MAX;
}

size_t ig_word_end(const Doc *d, size_t e) {
  while (gz_letter_at(d->zLo, d->n, e)) {
    e++;
    while (e < d->n && ((unsigned char)d->zLo[e] & 0xC0) == 0x80) e++;
  }
  return e;
}

size_t ig_word_start(const Doc *d, size_t e) {
  while (e > 0 && (gz_letter_before(d->z, e) || d->z[e - 1] == '-')) e--;
  return e;
}

bool ig_upper_at(const Doc *d, size_t i) {
  if (i >= d->n) return false;
  unsigned char c = (unsigned char)d->z[i];
  if (c >= 'A' && c <= 'Z') return true;
  if (c == 0xD0 && i + 1 < d->n) {
    unsigned char x = (unsigned char)d->z[i + 1];
    return (x >= 0x90 && x <= 0xAF) || x == 0x81;
  }
  return false;
}

bool ig_next_sentence(const Doc *d, size_t i) {
  static const char *const azNext[] = {"next ", "следующ", 0};
  static const char *const azMeet[] = {"summit", "session", "meeting", "саммит", "заседани", 0};
  /* «очередной» is "next" of a meeting to come («Очередное заседание
  ** пройдет в мае»), "regular" of this one («прибыли для участия в
  ** очередном заседании», «очередное заседание состоялось») */
  static const char *const azToCome[] = {"будет", "будут", "планиру", "провести", "проведени", 0};
  size_t s = ig_sent_start(d, i), e = ig_sent_end(d, i);
  if (!ig_has_any(d, s, e, azMeet)) return false;
  /* "the next meeting of the Council ... was held" (a translation of
  ** «очередное», regular) with nothing to come in the sentence: this one */
  static const char *const azWasHeld[] = {"was held", "were held", "took place", 0};
  if (ig_has_any(d, s, e, azNext))
    return !(ig_has_any(d, s, e, azWasHeld) && !ig_future_sentence(d, i) &&
             !ig_has_any(d, s, e, azToCome));
  /* («внеочередное», extraordinary, is not «очередное») */
  bool bNext = false;
  for (size_t x = ig_find(d, s, "очередн"); x < e && !bNext; x = ig_find(d, x + 1, "очередн"))
    bNext = !(x >= s + 6 && memcmp(d->zLo + x - 6, "вне", 6) == 0);
  /* ... and "regular" of a meeting to come in a release that says no
  ** meeting was held, the one it announces («2 сентября в Душанбе
  ** состоится очередное заседание СМИД СНГ» under «Эльмар Мамедъяров на
  ** заседании СМИД СНГ участвовать не будет») */
  static const char *const azHeld[] = {"took place",    "was held",
                                       "were held",     "прошло",
                                       "прошла",        "прошли",
                                       "состоялось",    "состоялась",
                                       "состоялись",    "по итогам",
                                       "стартовал",     "началось",
                                       "началась",      "открылось",
                                       "открылась",     "проходит",
                                       "проходят",      "kicked off",
                                       "is being held", "состоявш",
                                       "прошедш",       0};
  if (bNext && !ig_has_any(d, 0, d->n, azHeld)) return false;
  return bNext && (ig_future_sentence(d, i) || ig_has_any(d, s, e, azToCome));
}

/* A sentence about a meeting still to come ("the December 6 meeting to be
** held in St. Petersburg"): its dates are not the session's. */
bool ig_future_sentence(const Doc *d, size_t i) {
  static const char *const azFuture[] = {
      "to be held", "will be held", "will take place", "upcoming", "forthcoming", "is scheduled",
      "are scheduled", "scheduled to", "slated for", "slated to", "will be hosted",
      "could take place", "will be attended", "will be followed", "will host", "состоится",
      "пройдет", "пройдёт", "запланирован", "is planned", "are planned", "to meet in", "to meet on",
      "will meet", "встретятся",
      /* «Планируется, что министры одобрят решения, которые будут рассмотрены
      ** Советом коллективной безопасности 28 ноября» */
      "планируется", "будут рассмотрен", "будет рассмотрен", "will be considered", 0};
  return ig_has_any(d, ig_sent_start(d, i), ig_sent_end(d, i), azFuture);
}

bool ig_coming_sentence(const Doc *d, size_t i) {
  static const char *const azWill[] = {" will ",   " won't ",  "будет ",   "будут ",     "прибудет",
                                       "прибудут", "посетит ", "посетят ", "примет ",    "примут ",
                                       "приедет",  "приедут",  "поедет",   "отправится", 0};
  return ig_future_sentence(d, i) || ig_has_any(d, ig_sent_start(d, i), ig_sent_end(d, i), azWill);
}

bool ig_composition_before(const Doc *d, size_t i) {
  static const char *const azMade[] = {"comprises",
                                       "comprising",
                                       "consists of",
                                       "consisting of",
                                       "is composed of",
                                       "is made up of",
                                       "members are",
                                       "входят",
                                       "входит",
                                       "состоит из",
                                       0};
  static const char *const azBreak[] = {"однако", " but ", "however", ";", 0};
  static const char *const azDeleg[] = {"delegation", "делегац", 0};
  size_t s = ig_sent_start(d, i), e = ig_sent_end(d, i);
  if (ig_has_any(d, s, e, azDeleg)) return false;
  for (int k = 0; azMade[k]; k++) {
    size_t x = ig_find(d, s, azMade[k]);
    if (x < i && !ig_has_any(d, x, i, azBreak)) return true;
  }
  return false;
}

bool ig_held_before(const Doc *d, size_t i) {
  static const char *const azHeld[] = {"held ", "took place ", "состоявш", "прошедш", 0};
  static const char *const azNot[] = {"to be held", "will be held", "be held", 0};
  size_t s = i > 40 ? i - 40 : 0, s0 = ig_sent_start(d, i);
  if (s < s0) s = s0;
  return ig_has_any(d, s, i, azHeld) && !ig_has_any(d, s, i, azNot);
}
