/*
** Ingest: dates in English and Russian ("08.10.2024", "18 December 2020",
** "June 20", "15 ноября 2024"), which of them is the session's, and the
** year of one the text gives without it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fields.h"
#include "i18n.h"
#include "ingest_internal.h"

/* ---- Reading dates -------------------------------------------------------- */

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
  size_t e = ig_word_end(d, i), n = e - i;
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
    *pE = e + (e < d->n && d->z[e] == '.'); /* "Sept. 29-30" */
    return 9;
  }
  /* "28 сен", "16 окт." (news agencies' datelines) */
  static const char *const azMonthRuAbbr[] = {"янв", "фев", "мар", "апр", "май", "июн", "июл",
                                              "авг", "сен", "окт", "ноя", "дек", 0};
  for (int k = 0; n == 6 && azMonthRuAbbr[k]; k++) {
    if (memcmp(z, azMonthRuAbbr[k], 6) == 0) {
      *pE = e + (e < d->n && d->z[e] == '.');
      return k + 1;
    }
  }
  for (int k = 0; azMonthRu[k]; k++) {
    size_t m = strlen(azMonthRu[k]);
    if (n < m || memcmp(z, azMonthRu[k], m) != 0 || n > m + 4) continue;
    if (k == 4 && !(n == 6 && (memcmp(z, "мая", 6) == 0 || memcmp(z, "май", 6) == 0 ||
                               memcmp(z, "мае", 6) == 0)))
      continue;
    *pE = e;
    return k + 1;
  }
  return 0;
}

int ig_number_at(const Doc *d, size_t i, int nMax, size_t *pE) {
  int v = 0, k = 0;
  while (i + (size_t)k < d->n && d->z[i + k] >= '0' && d->z[i + k] <= '9' && k <= nMax) {
    v = v * 10 + (d->z[i + k] - '0');
    k++;
  }
  if (k == 0 || k > nMax) return -1;
  *pE = i + (size_t)k;
  return v;
}

bool ig_valid_ymd(int y, int m, int dd) {
  if (m < 1 || m > 12 || dd < 1 || (y && (y < 1900 || y > 2100))) return false;
  /* A day past the month's end rolls over into the next; 2000 is a leap
  ** year, so a day and month alone may be 29 February. */
  int yy, mm, d2;
  date_to_ymd(date_from_ymd(y ? y : 2000, m, dd), &yy, &mm, &d2);
  return mm == m && d2 == dd;
}

static size_t skip_sp(const Doc *d, size_t i) {
  while (i < d->n && (d->z[i] == ' ' || d->z[i] == ',')) i++;
  return i;
}

int ig_year_at(const Doc *d, size_t i, size_t *pE) {
  size_t e;
  int y = ig_number_at(d, i, 4, &e);
  if (y < 1900 || y > 2100 || e - i != 4 || gz_letter_at(d->zLo, d->n, e)) return 0;
  *pE = e;
  return y;
}

static void add_date(Doc *d, int *pnAlloc, DateM m) {
  if (!ig_valid_ymd(m.y, m.m, m.d)) return;
  if (d->nD == *pnAlloc) {
    *pnAlloc = *pnAlloc ? 2 * *pnAlloc : 16;
    d->aD = xrealloc(d->aD, (size_t)*pnAlloc * sizeof(DateM));
  }
  d->aD[d->nD++] = m;
}

/* Does a clock time follow e ("30 ноября 2023, 10:58", "1 сентября 2011 -
** 18:44 AMT": a page's stamp, the publication's date and time)? */
static bool time_after(const Doc *d, size_t e) {
  size_t q = e;
  for (int k = 0;
       k < 4 && q < d->n && (d->z[q] == ' ' || d->z[q] == ',' || d->z[q] == '-' || d->z[q] == '|');
       k++)
    q++;
  if (q + 3 <= d->n && memcmp(d->z + q, "–", 3) == 0) q += 3;
  while (q < d->n && d->z[q] == ' ') q++;
  size_t e2, e3;
  int h = ig_number_at(d, q, 2, &e2);
  return h >= 0 && h < 24 && e2 < d->n && d->z[e2] == ':' && ig_number_at(d, e2 + 1, 2, &e3) >= 0 &&
         e3 == e2 + 3;
}

/* A date whose day comes first, at i (a digit): "08.10.2024" (a Posted
** line's if "posted" is just before), "18 December 2020", "15 ноября".
** Returns where the scan goes on (the position before its next start). */
static size_t day_first(Doc *d, int *pnAlloc, size_t i) {
  size_t e;
  /* the minutes of a clock time ("14:21 Май 16, 2022", a page's stamp) are
  ** no day */
  if (i > 0 && d->z[i - 1] == ':') return i;
  int a = ig_number_at(d, i, 2, &e);
  if (a < 0) return i;
  if (e < d->n && d->z[e] == '.') { /* DD.MM.YYYY */
    size_t e2, e3;
    int m = ig_number_at(d, e + 1, 2, &e2);
    if (m > 0 && e2 < d->n && d->z[e2] == '.') {
      int y = ig_year_at(d, e2 + 1, &e3);
      /* a page's date line run into the text after it ("24.11.2022On
      ** November 23 ..."): four digits and a capital letter, the
      ** publication's date like a Posted line's */
      bool bGlued = false;
      if (!y && ig_number_at(d, e2 + 1, 4, &e3) >= 1900 && e3 == e2 + 5 && ig_upper_at(d, e3)) {
        y = ig_number_at(d, e2 + 1, 4, &e3);
        if (y > 2100) y = 0;
        bGlued = y != 0;
      }
      if (y) {
        /* «Опубликовано:» is 25 bytes; a clock time after it («19.08.2025
        ** 11:35») is a page's stamp, as "30 ноября 2023, 10:58" is */
        size_t s = i >= 40 ? i - 40 : 0;
        bool bPosted = bGlued || ig_has(d, s, i, "posted") || ig_has(d, s, i, "опубликовано") ||
                       time_after(d, e3);
        add_date(d, pnAlloc, (DateM){i, e3, y, m, a, bPosted});
        return e3;
      }
    }
  }
  /* "23-24 November 2023", «23–24 ноября»: the first day, when the session
  ** began */
  size_t eR = e, eR2;
  if (eR < d->n && d->z[eR] == '-')
    eR++;
  else if (eR + 3 <= d->n && memcmp(d->z + eR, "–", 3) == 0)
    eR += 3;
  if (eR != e && ig_number_at(d, eR, 2, &eR2) > 0 && !gz_letter_at(d->zLo, d->n, eR2)) e = eR2;
  /* "the 23rd of November 2023"; "36th" with no month after is no date */
  if (e + 2 <= d->n &&
      (memcmp(d->zLo + e, "st", 2) == 0 || memcmp(d->zLo + e, "nd", 2) == 0 ||
       memcmp(d->zLo + e, "rd", 2) == 0 || memcmp(d->zLo + e, "th", 2) == 0) &&
      !gz_letter_at(d->zLo, d->n, e + 2)) {
    e += 2;
    if (e + 4 <= d->n && memcmp(d->zLo + e, " of ", 4) == 0) e += 3;
  }
  if (gz_letter_at(d->zLo, d->n, e)) return i;
  size_t j = e;
  while (j < d->n && d->z[j] == ' ') j++;
  int m = month_at(d, j, &e);
  if (!m) return i;
  size_t k = skip_sp(d, e), e3;
  int y = ig_year_at(d, k, &e3);
  add_date(d, pnAlloc, (DateM){i, y ? e3 : e, y, m, a, y && time_after(d, e3)});
  return (y ? e3 : e) - 1;
}

/* A date whose month comes first, at i (a letter): "June 20", "December
** 6th, 2023". Returns where the scan goes on, as day_first. */
static size_t month_first(Doc *d, int *pnAlloc, size_t i) {
  size_t e;
  int m = month_at(d, i, &e);
  if (!m) return ig_word_end(d, i) - 1;
  size_t j = e;
  while (j < d->n && d->z[j] == ' ') j++;
  size_t e2, e3;
  int a = ig_number_at(d, j, 2, &e2);
  if (a <= 0 || j == e) return i;
  size_t k = e2;
  if (k + 1 < d->n && (memcmp(d->zLo + k, "st", 2) == 0 || memcmp(d->zLo + k, "nd", 2) == 0 ||
                       memcmp(d->zLo + k, "rd", 2) == 0 || memcmp(d->zLo + k, "th", 2) == 0))
    k += 2;
  if (gz_letter_at(d->zLo, d->n, k) || (k < d->n && d->z[k] >= '0' && d->z[k] <= '9')) return i;
  /* "November 23-24, 2023": the first day */
  size_t kR = k, kR2;
  if (kR < d->n && d->z[kR] == '-')
    kR++;
  else if (kR + 3 <= d->n && memcmp(d->z + kR, "–", 3) == 0)
    kR += 3;
  if (kR != k && ig_number_at(d, kR, 2, &kR2) > 0 && !gz_letter_at(d->zLo, d->n, kR2)) k = kR2;
  size_t k2 = skip_sp(d, k);
  int y = ig_year_at(d, k2, &e3);
  add_date(d, pnAlloc, (DateM){i, y ? e3 : k, y, m, a, y && time_after(d, e3)});
  return (y ? e3 : k) - 1;
}

/* An ISO date at i, "2025-06-05": a publication line's ("Posted") when
** only spaces or a "date" label come before it on its line. Returns where
** the scan goes on, or i if there is none. */
static size_t iso_date(Doc *d, int *pnAlloc, size_t i) {
  size_t e, e2, e3;
  int y = ig_number_at(d, i, 4, &e);
  if (y < 1900 || y > 2100 || e - i != 4 || e >= d->n || d->z[e] != '-') return i;
  int m = ig_number_at(d, e + 1, 2, &e2);
  if (m <= 0 || e2 - e != 3 || e2 >= d->n || d->z[e2] != '-') return i;
  int a = ig_number_at(d, e2 + 1, 2, &e3);
  if (a <= 0 || e3 - e2 != 3 || (e3 < d->n && d->z[e3] >= '0' && d->z[e3] <= '9')) return i;
  /* what comes before on its line: spaces, and "date" once */
  size_t b = i;
  while (b > 0 && (d->z[b - 1] == ' ' || d->z[b - 1] == '\t')) b--;
  if (b >= 4 && memcmp(d->zLo + b - 4, "date", 4) == 0) b -= 4;
  while (b > 0 && (d->z[b - 1] == ' ' || d->z[b - 1] == '\t')) b--;
  bool bPosted = b == 0 || d->z[b - 1] == '\n';
  add_date(d, pnAlloc, (DateM){i, e3, y, m, a, bPosted});
  return e3 - 1;
}

void ig_find_dates(Doc *d) {
  int nAlloc = 0;
  for (size_t i = 0; i < d->n; i++) {
    if (gz_letter_before(d->zLo, i)) continue;
    char c = d->z[i];
    size_t j;
    if (c >= '0' && c <= '9' && (j = iso_date(d, &nAlloc, i)) != i)
      i = j;
    else if (c >= '0' && c <= '9')
      i = day_first(d, &nAlloc, i);
    else if (gz_letter_at(d->zLo, d->n, i))
      i = month_first(d, &nAlloc, i);
  }
}

/* ---- The session's date ------------------------------------------------- */

/* Is the date a document's or a deadline ("the Treaty of May 29, 2014",
** "as from 1 February 2016", "until 2025")? */
/* Is m the day someone spoke ("..., said Ushakov on October 10", "told
** reporters on Monday, May 5", «заявил сегодня, 3 октября»): after "on" or
** «сегодня,», a verb of speech at most 40 bytes before it in its sentence,
** and no "that" («что») between (not "said that on 18 December ...")? */
static bool date_of_saying(const Doc *d, const DateM *m) {
  static const char *const azOn[] = {"on ", "сегодня, ", 0};
  static const char *const azSay[] = {"said ",      "told ",     "stated ",  "noted ",
                                      "announced ", "заявил ",   "заявила ", "сообщил ",
                                      "сказал ",    "сообщила ", "сказала ", 0};
  static const char *const azThat[] = {" that ", " что ", 0};
  if (!ig_ends_before(d, m->i, azOn, true)) return false;
  size_t s0 = ig_sent_start(d, m->i), s = m->i > 40 ? m->i - 40 : 0;
  if (s < s0) s = s0;
  for (int k = 0; azSay[k]; k++) {
    size_t x = ig_find(d, s, azSay[k]);
    if (x >= m->i || gz_letter_before(d->zLo, x)) continue;
    if (!ig_has_any(d, x, m->i, azThat)) return true;
  }
  return false;
}

/* Is m a day from which something holds, not a meeting's: a document's, a
** count's, a deadline, a chair or a rule from a day on ("will assume the
** chairmanship effective Jan. 1, 2026", "as of 1 January"), or a day someone
** spoke? */
/* Is m the day someone arrived («Путин прибыл в Душанбе вечером 8
** октября с рабочим визитом», "arrived in Minsk on November 22"): an
** arrival verb before it in its sentence, which says nothing held? Leaders
** come the day before, or days before, a summit. */
static bool date_of_arrival(const Doc *d, const DateM *m) {
  static const char *const azArrive[] = {
      "arrived ",   "arrives ",   "прибыл ",  "прибыла ",  "прибыли ", "прилетел ",
      "прилетела ", "прилетели ", "приехал ", "приехала ", 0};
  static const char *const azHeld[] = {"held",   "took place", "состоял", "прошл",
                                       "проход", "открыл",     "opened",  0};
  size_t s = ig_sent_start(d, m->i), e = ig_sent_end(d, m->i);
  return ig_has_any(d, s, m->i, azArrive) && !ig_has_any(d, s, e, azHeld);
}

static bool date_of_something_else(const Doc *d, const DateM *m) {
  static const char *const azBefore[] = {"of ",
                                         "from ",
                                         "since ",
                                         "until ",
                                         "till ",
                                         "by ",
                                         "up to ",
                                         "signed on ",
                                         "into force on ",
                                         "founded on ",
                                         "established on ",
                                         "effective ",
                                         "as of ",
                                         "starting ",
                                         "от ",
                                         "с ",
                                         "до ",
                                         0};
  if (ig_ends_before(d, m->i, azBefore, true)) return true;
  return date_of_saying(d, m) || date_of_arrival(d, m);
}

/* Is the sentence around i about an earlier session ("The previous session
** took place online on May 27", «предыдущее заседание прошло ...»)? */
static bool past_session_sentence(const Doc *d, size_t i) {
  /* ... or of a plan given up («Ранее встречу планировалось провести 26
  ** декабря в Санкт-Петербурге», "had been planned for") */
  static const char *const azPast[] = {
      "previous session", "previous meeting",   "previous summit",
      "last session",     "last meeting",       "last summit",
      "предыдущ",         "прошлое заседание",  "прошлом заседании",
      "планировалось",    "планировали",        "had been planned",
      "was originally",   "originally planned", 0};
  return ig_has_any(d, ig_sent_start(d, i), ig_sent_end(d, i), azPast);
}

/* Does the sentence around i tell of the session itself: a body or an
** organization named (aLeast: ig_least_ends of those), or a verb of
** meeting? */
static bool in_event_sentence(const Doc *d, const size_t *aLeast, size_t i) {
  static const char *const azEvent[] = {"held",     "took place", "occurred", "convened", "met ",
                                        "gathered", "прошл",      "состоял",  0};
  size_t s = ig_sent_start(d, i), e = ig_sent_end(d, i);
  return ig_has_any(d, s, e, azEvent) || ig_mention_inside(d, aLeast, s, e);
}

/* Does the sentence around i say a meeting was held ("held on", "took
** place", «состоялось», «прошло»)? */
static bool held_sentence(const Doc *d, size_t i) {
  static const char *const azHeldVerb[] = {"held on",    "was held",  "were held",  "took place",
                                           "состоялось", "состоялся", "состоялась", 0};
  return ig_has_any(d, ig_sent_start(d, i), ig_sent_end(d, i), azHeldVerb);
}

/* Among the dates that are not the next session's, a meeting's to come, a
** document's or a deadline, the first in a sentence about the session (a
** body or organization named, "held"), else the first. */
/* The day of the week (0 Monday) a sentence [s, e) says the meeting was on
** ("on Thursday", «в четверг»), or -1. */
static int weekday_said(const Doc *d, size_t s, size_t e) {
  static const char *const azDay[7][2] = {
      {"on monday", "в понедельник"}, {"on tuesday", "во вторник"}, {"on wednesday", "в среду"},
      {"on thursday", "в четверг"},   {"on friday", "в пятницу"},   {"on saturday", "в субботу"},
      {"on sunday", "в воскресенье"}};
  for (int w = 0; w < 7; w++)
    if (ig_has(d, s, e, azDay[w][0]) || ig_has(d, s, e, azDay[w][1])) return w;
  return -1;
}

static int weekday_of(int y, int m, int dd) {
  pdate t = date_from_ymd(y, m, dd);
  return (int)(((int64_t)t + 3) % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
}

/* Is the date at m the news's own, opening its sentence after a city in
** capitals ("DUSHANBE, December 24, 2015, Asia-Plus — The 69th session ...
** took place in Moscow on December 23"), with another date later in the
** same sentence? That later one is the session's. */
static bool lead_date_of_news(const Doc *d, const DateM *m) {
  size_t s0 = ig_sent_start(d, m->i), s1 = ig_sent_end(d, m->i), k = s0, nCap = 0;
  while (k < m->i && ((d->z[k] >= 'A' && d->z[k] <= 'Z') || d->z[k] == '-')) k++, nCap++;
  if (nCap < 3 || k + 2 > m->i || d->z[k] != ',' || m->i - k > 3) return false;
  for (int q = 0; q < d->nD; q++)
    if (d->aD[q].i >= m->e && d->aD[q].i < s1 && !d->aD[q].bPosted) return true;
  return false;
}

/* Does a sentence say a meeting was held on a day of the week ("the
** meeting held in Moscow on Monday"; not "will be held on Friday")? Its
** day is counted from the publication date (ingest.c), not taken from an
** announced meeting's date. */
static bool held_on_weekday(const Doc *d) {
  for (size_t x = ig_find(d, 0, "held "); x < d->n; x = ig_find(d, x + 1, "held ")) {
    if (gz_letter_before(d->zLo, x) || (x >= 3 && memcmp(d->zLo + x - 3, "be ", 3) == 0)) continue;
    if (weekday_said(d, ig_sent_start(d, x), ig_sent_end(d, x)) >= 0) return true;
  }
  return false;
}

const DateM *ig_session_date(const Doc *d) {
  const DateM *pDate = 0, *pFirst = 0;
  size_t *aLeast = ig_least_ends(d, 1u << GZ_ORG | 1u << GZ_BODY);
  size_t *aBody = ig_least_ends(d, 1u << GZ_BODY);
  /* Of the dates in sentences about a session, the one in a sentence
  ** naming a body wins, then one with its year; else the first. */
  int best = 0, yRef = 0;
  for (int k = 0; k < d->nD && !yRef; k++) yRef = d->aD[k].y;
  /* A release is published within days of its meeting: a date more than a
  ** year before the page's own ("On May 14, 2002, the Collective Security
  ** Council made a decision ..." on a page of 2022-05-16) is history. */
  const DateM *pPage = ig_posted_date(d);
  int64_t tPage = pPage && pPage->y && ig_valid_ymd(pPage->y, pPage->m, pPage->d)
                      ? (int64_t)date_from_ymd(pPage->y, pPage->m, pPage->d)
                      : 0;
  for (int k = 0; k < d->nD; k++) {
    const DateM *m = &d->aD[k];
    if (m->bPosted ||
        ((ig_next_sentence(d, m->i) || ig_future_sentence(d, m->i)) && !ig_held_before(d, m->i)) ||
        date_of_something_else(d, m) || past_session_sentence(d, m->i))
      continue;
    if (tPage && m->y && ig_valid_ymd(m->y, m->m, m->d) &&
        (int64_t)date_from_ymd(m->y, m->m, m->d) < tPage - 366)
      continue;
    /* ... and with the publication date given with the text, one more
    ** than IG_PUB_BACK_DAYS before it ("on August 18, 2008 after a
    ** five-day war" in a release of 9 October 2008; a line of the page's
    ** «Гидрометцентр: 6 декабря ...» in one of 31 May) is history too */
    if (d->pub.y) {
      int y = m->y ? m->y : ig_pub_year(d, m->m, m->d, false);
      if (y && ig_valid_ymd(y, m->m, m->d) &&
          (int64_t)date_from_ymd(y, m->m, m->d) < tPage - IG_PUB_BACK_DAYS)
        continue;
    }
    /* ... and one more than a few days after the publication date given
    ** with the text is not of a meeting held */
    if (d->pub.y && m->y && ig_valid_ymd(m->y, m->m, m->d) &&
        (int64_t)date_from_ymd(m->y, m->m, m->d) > tPage + IG_PUB_AHEAD_DAYS)
      continue;
    /* ... nor one without a year in a sentence saying it was held, which
    ** the publication date puts after itself ("The session, held on
    ** December 28 in Astana" on a page of 28 November: a slip) */
    if (d->pub.y && !m->y && held_sentence(d, m->i)) {
      int y = ig_pub_year(d, m->m, m->d, false);
      if (y && ig_valid_ymd(y, m->m, m->d) &&
          (int64_t)date_from_ymd(y, m->m, m->d) > tPage + IG_PUB_AHEAD_DAYS)
        continue;
    }
    /* a dateline ("МИНСК, 14 окт — Sputnik.") tells of the sentence after it */
    size_t s0 = ig_sent_start(d, m->i), s1 = ig_sent_end(d, m->i);
    bool bDateline =
        s1 - s0 < 60 && (s0 == 0 || d->z[s0 - 1] == '\n') && s1 + 1 < d->n && d->z[s1] != '\n';
    /* ... past an agency's name ("BISHKEK, December 9. /TASS/. A meeting ...") */
    for (int x = 0; bDateline && x < 2 && s1 + 1 < d->n; x++) {
      size_t t = ig_sent_end(d, s1 + 1);
      bool bShort = t - s1 < 16;
      s1 = t;
      if (!bShort) break;
    }
    /* (not one that tells of a meeting to come: «БИШКЕК, 28 ноя — Sputnik.
    ** Совет глав правительств стран СНГ состоится в Москве в декабре» is
    ** the day of the news, not of the meeting, nor the first date) */
    size_t iAfter = s1 > 0 ? s1 - 1 : s1;
    bool bNewsDay = bDateline && ig_future_sentence(d, iAfter) && !ig_held_before(d, iAfter);
    /* a date in someone's words ("... aborting the agreements reached by
    ** the trilateral statements of November 9, 2020, and January 11,
    ** 2021,” the Prime Minister noted") is of what he speaks of */
    if (ig_in_quote(d, s0, m->i)) continue;
    if (!pFirst && !bNewsDay) pFirst = m;
    if (lead_date_of_news(d, m)) continue;
    if (!in_event_sentence(d, aLeast, m->i) &&
        !(bDateline && !bNewsDay && in_event_sentence(d, aLeast, iAfter)))
      continue;
    int score = 2 + (m->y != 0);
    if (ig_mention_inside(d, aBody, s0, ig_sent_end(d, m->i))) score += 4;
    /* "MINSK, Oct. 14 (Xinhua) -- The meeting ... was held in Minsk on
    ** Thursday": the day of the week its sentence says it fell on (the
    ** year, if it gives none, the text's first) */
    int wd = weekday_said(d, s0, s1);
    int yW = m->y ? m->y : d->pub.y ? ig_pub_year(d, m->m, m->d, false) : yRef;
    if (wd >= 0 && yW && ig_valid_ymd(yW, m->m, m->d) && weekday_of(yW, m->m, m->d) == wd)
      score += 2;
    if (score > best) {
      best = score;
      pDate = m;
    }
  }
  if (!pDate) pDate = pFirst;
  /* An announcement ("A meeting of the Supreme State Council will be held in
  ** Moscow on February 26"), no meeting said held: the date of the
  ** meeting to come, in a sentence naming a body or organization («Главы
  ** правительств стран СНГ встретятся 18 декабря») and not about the next
  ** or a past session, is the one the release is about (ingest.c: unsure) */
  static const char *const azHeld[] = {"took place", "was held", "were held", "met in", "met on",
                                       "following", "прошло", "прошла", "состоялось", "состоялась",
                                       "по итогам",
                                       /* a meeting begun, reported live («В Алма-Ате
                                       ** стартовало заседание», "kicked off") */
                                       "стартовал", "началось", "началась", "открылось",
                                       "открылась", "kicked off", "got under way", 0};
  /* (not a previous meeting's: «предыдущая встреча ... прошла 12 августа
  ** 2011 года» says nothing of this one) */
  bool bHeld = false;
  for (int k = 0; !pDate && d->nD && !bHeld && azHeld[k]; k++)
    for (size_t x = ig_find(d, 0, azHeld[k]); x < d->n && !bHeld; x = ig_find(d, x + 1, azHeld[k]))
      bHeld = !past_session_sentence(d, x);
  if (!pDate && d->nD && !bHeld) bHeld = held_on_weekday(d);
  for (int k = 0; !pDate && !bHeld && k < d->nD; k++) {
    const DateM *m = &d->aD[k];
    if (m->bPosted || ig_next_sentence(d, m->i) || !ig_future_sentence(d, m->i) ||
        date_of_something_else(d, m) || past_session_sentence(d, m->i))
      continue;
    if (ig_mention_inside(d, aLeast, ig_sent_start(d, m->i), ig_sent_end(d, m->i))) pDate = m;
  }
  xfree(aBody);
  xfree(aLeast);
  /* "18 December 2020" in the header, "on 18 December" in the sentence
  ** about the session: the same day, and the header gives its year. */
  for (int k = 0; pDate && !pDate->y && k < d->nD; k++) {
    const DateM *m = &d->aD[k];
    /* not the next session's "October 14, 2022" for "held ... on October 14" */
    bool bToCome =
        (ig_next_sentence(d, m->i) || ig_future_sentence(d, m->i)) && !ig_held_before(d, m->i);
    if (m->y && !m->bPosted && m->m == pDate->m && m->d == pDate->d && !bToCome) pDate = m;
  }
  return pDate;
}

const DateM *ig_posted_date(const Doc *d) {
  if (d->pub.y) return &d->pub;
  for (int k = 0; k < d->nD; k++)
    if (d->aD[k].bPosted) return &d->aD[k];
  return 0;
}

/* ---- The year of a date without one -------------------------------------- */

/* The year of the first day dd of month m not before t0 (bAfter), or of the
** last not after t0; 0 if none within four years (29 February). */
static int year_from(int64_t t0, int y0, int m, int dd, bool bAfter) {
  for (int k = 0; k <= 8; k++) {
    int y = bAfter ? y0 - 4 + k : y0 + 4 - k;
    if (!ig_valid_ymd(y, m, dd)) continue;
    int64_t t = (int64_t)date_from_ymd(y, m, dd);
    if (bAfter ? t >= t0 : t <= t0) return y;
  }
  return 0;
}

int ig_pub_year(const Doc *d, int m, int dd, bool bToCome) {
  if (!d->pub.y) return 0;
  int64_t tPub = (int64_t)date_from_ymd(d->pub.y, d->pub.m, d->pub.d);
  if (bToCome) return year_from(tPub - IG_PUB_AHEAD_DAYS, d->pub.y, m, dd, true);
  int y = year_from(tPub + IG_PUB_AHEAD_DAYS, d->pub.y, m, dd, false);
  /* a day half a year back, or the same day weeks ahead: the one ahead (an
  ** announcement whose sentence says nothing of a meeting to come) */
  int yNext = year_from(tPub, d->pub.y, m, dd, true);
  if (y && yNext && (int64_t)date_from_ymd(y, m, dd) < tPub - 183 &&
      (int64_t)date_from_ymd(yNext, m, dd) <= tPub + 60)
    return yNext;
  return y;
}

/* Is the year at i in a sentence where a session decides on a year to
** come: a chair for it ("Turkmenistan would chair the CIS in 2019", "the CIS
** chairmanship in 2020"), a plan or budget for it ("the EAEU's main
** international activities in 2023"), a year declared ("on declaring 2027
** the Year of ...")? */
static bool plan_year_sentence(const Doc *d, size_t i) {
  static const char *const azPlan[] = {
      "chair ",        "chairing", "chairmanship", "presidency",      "declaring", "declared",
      "activities in", "plan for", "budget for",   "председательств", "объявить",  "объявлен",
      "бюджет",        0};
  /* ... not one that says who chairs now («В 2020 году в органах ЕАЭС
  ** председательствует Беларусь»: that year is this one) */
  static const char *const azNow[] = {
      "presides",           "is chairing", "holds the",          "this year",
      "председательствует", "в этом году", "председательствуют", 0};
  size_t s = ig_sent_start(d, i), e = ig_sent_end(d, i);
  return ig_has_any(d, s, e, azPlan) && !ig_has_any(d, s, e, azNow);
}

/* Is the year at i part of a date that is not a meeting's ("signed on 29
** May 2014", "since 24 August 1993", "up to 2030"), or right after such a
** word itself? */
static bool year_of_something_else(const Doc *d, size_t i) {
  for (int k = 0; k < d->nD; k++)
    if (d->aD[k].y && d->aD[k].i <= i && i < d->aD[k].e)
      return date_of_something_else(d, &d->aD[k]);
  static const char *const azBefore[] = {"since ", "from ", "up to ", "through ", "с ", "со ", 0};
  return ig_ends_before(d, i, azBefore, true);
}

/* The years the text names: *pnBound the least after "till", "until", "до"
** (9999 if none), *pnPlan the least a session decides on (0 if none), and
** *pnLatest the latest of the others (0 if none). */
static void text_years(const Doc *d, int *pnBound, int *pnPlan, int *pnLatest) {
  int nBound = 9999, nLatest = 0, nPlan = 0;
  for (size_t i = 0; i + 4 <= d->n; i++) {
    size_t e;
    if (gz_letter_before(d->zLo, i) || (i > 0 && d->z[i - 1] >= '0' && d->z[i - 1] <= '9'))
      continue;
    int y = ig_year_at(d, i, &e);
    if (!y) continue;
    /* a period ("the programme for 2024-2026", «на 2021–2025 годы») or a
    ** year in a sentence about what is to come ("will be held in 2026") is
    ** not when it met */
    bool bRange =
        (e < d->n && (d->z[e] == '-' || (e + 3 <= d->n && memcmp(d->z + e, "–", 3) == 0) ||
                      (e + 3 <= d->n && memcmp(d->z + e, "—", 3) == 0))) ||
        (i >= 1 && d->z[i - 1] == '-') ||
        (i >= 3 && (memcmp(d->z + i - 3, "–", 3) == 0 || memcmp(d->z + i - 3, "—", 3) == 0));
    if (bRange || ig_future_sentence(d, i) || ig_next_sentence(d, i)) {
      i = e - 1;
      continue;
    }
    if ((i >= 5 && memcmp(d->zLo + i - 5, "till ", 5) == 0) ||
        (i >= 6 && memcmp(d->zLo + i - 6, "until ", 6) == 0) ||
        (i >= 6 && memcmp(d->zLo + i - 6, "up to ", 6) == 0) ||
        (i >= 5 && memcmp(d->zLo + i - 5, "до ", 5) == 0)) {
      if (y < nBound) nBound = y;
    } else if (year_of_something_else(d, i)) {
      /* history: a treaty signed, a count kept since */
    } else if (plan_year_sentence(d, i)) {
      if (!nPlan || y < nPlan) nPlan = y;
    } else if (y > nLatest) {
      nLatest = y;
    }
    i = e - 1;
  }
  *pnBound = nBound;
  *pnPlan = nPlan;
  *pnLatest = nLatest;
}

/* The year of pDate (a day and month) from the next session's, said with
** its month in a sentence about the next session ("The next meeting will be
** held in May 2019", «Очередное заседание пройдет в мае 2019 года»,
** "on April 11, 2025"): that year if the next comes later in it, else the
** year before. 0 if no such sentence gives a month and a year. */
static int next_session_year(const Doc *d, const DateM *pDate, int *pyNext) {
  if (!pDate) return 0;
  int want = pDate->m * 32 + pDate->d;
  for (int k = 0; k < d->nD; k++) {
    const DateM *m = &d->aD[k];
    if (!m->y || !ig_next_sentence(d, m->i)) continue;
    *pyNext = m->y;
    return m->m * 32 + m->d > want ? m->y : m->y - 1;
  }
  for (size_t i = 0; i + 4 <= d->n; i++) {
    size_t e, w, me;
    if (d->z[i] < '1' || d->z[i] > '2' || (i > 0 && gz_letter_at(d->zLo, d->n, i - 1))) continue;
    int y = ig_year_at(d, i, &e);
    if (!y) continue;
    i = e - 1;
    /* the word before the year, after one space */
    if (e - 4 < 2 || d->z[e - 5] != ' ') continue;
    w = ig_word_start(d, e - 5);
    int mo = month_at(d, w, &me);
    if (!mo || me != e - 5 || !ig_next_sentence(d, w)) continue;
    *pyNext = y;
    return mo > pDate->m ? y : y - 1;
  }
  return 0;
}

/* A year the registry records zParty as chairing zOrg, not after nBound:
** nLatest if it is one, else the latest; 0 if none. */
static int registry_chair_year(const Doc *d, const char *zOrg, const char *zParty, int nBound,
                               int nLatest, int *pnYears) {
  int best = 0;
  *pnYears = 0;
  for (size_t c = 0; c < json_array_size(d->g->pChairs); c++) {
    const json_t *pC = json_array_get(d->g->pChairs, c);
    if (strcmp(str(pC, "organization"), zOrg) != 0) continue;
    const json_t *aR = json_object_get(pC, "recorded");
    for (size_t r = 0; r < json_array_size(aR); r++) {
      const json_t *pR = json_array_get(aR, r);
      int y = (int)json_integer_value(json_object_get(pR, "year"));
      if (strcmp(str(pR, "party"), zParty) != 0) continue;
      if (y > nBound) continue;
      ++*pnYears;
      if (best && best == nLatest) continue; /* a year the text names wins */
      if (y == nLatest || y > best) best = y;
    }
  }
  return best;
}

/* zWhy (nWhy bytes) set to zMsg, a note's message, with its pieces. */
static void why_a(char *zWhy, size_t nWhy, const char *zMsg, const char *const *azArg) {
  Buf b = {0};
  ig_note_put_a(&b, zMsg, azArg);
  snprintf(zWhy, nWhy, "%s", b.z ? b.z : "");
  buf_free(&b);
}
#define why(zWhy, nWhy, zMsg, ...) why_a(zWhy, nWhy, zMsg, (const char *const[]){__VA_ARGS__, 0})

/* Year of a date given without one: from the "Posted:" line, or the
** registry's chairmanships ("This year Belarus presides over the
** Commonwealth") bounded by "till 2015", or the latest year in the text. */
int ig_infer_year(const Doc *d, const DateM *pDate, const char *zOrg, char *zWhy, size_t nWhy) {
  /* The publication date given with the text: the nearest such day not
  ** after it (a release of 2 January on "28 December" is of the year
  ** before), of a meeting to come the nearest not before it */
  if (d->pub.y && pDate) {
    bool bToCome = (ig_future_sentence(d, pDate->i) || ig_next_sentence(d, pDate->i)) &&
                   !ig_held_before(d, pDate->i);
    int y = ig_pub_year(d, pDate->m, pDate->d, bToCome);
    if (y) {
      char zPub[16];
      snprintf(zPub, sizeof(zPub), "%04d-%02d-%02d", d->pub.y, d->pub.m, d->pub.d);
      why(zWhy, nWhy,
          bToCome ? N_("the first such day from the publication date {0}")
                  : N_("the last such day up to the publication date {0}"),
          zPub);
      return y;
    }
  }
  const DateM *pPosted = ig_posted_date(d);
  if (pPosted) {
    why(zWhy, nWhy, N_("year of the Posted line"), 0);
    return pPosted->y;
  }
  /* "MINSK, Oct. 14 (Xinhua)" under "Xinhua, October 15, 2021": a full date
  ** at most a week away, not of a meeting to come, gives its year */
  for (int k = 0; pDate && k < d->nD; k++) {
    const DateM *m = &d->aD[k];
    if (!m->y || ig_future_sentence(d, m->i) || ig_next_sentence(d, m->i) ||
        !ig_valid_ymd(m->y, pDate->m, pDate->d))
      continue;
    int64_t gap =
        (int64_t)date_from_ymd(m->y, m->m, m->d) - (int64_t)date_from_ymd(m->y, pDate->m, pDate->d);
    if (gap >= -7 && gap <= 7) {
      char zDay[16], zGap[8];
      snprintf(zDay, sizeof(zDay), "%d-%02d-%02d", m->y, m->m, m->d);
      snprintf(zGap, sizeof(zGap), "%d", (int)(gap < 0 ? -gap : gap));
      why(zWhy, nWhy, N_("year of the date {0}, {1} days away"), zDay, zGap);
      return m->y;
    }
  }
  int yNext = 0, y = next_session_year(d, pDate, &yNext);
  if (y) {
    char zNext[12];
    snprintf(zNext, sizeof(zNext), "%d", yNext);
    why(zWhy, nWhy, N_("the next session is in {0}, after this one"), zNext);
    return y;
  }
  int nBound, nPlan, nLatest;
  text_years(d, &nBound, &nPlan, &nLatest);
  static const char *const azChair[] = {"presides",   "presiding",       "chairmanship",
                                        "presidency", "председательств", 0};
  StrMap tried = {0}; /* the parties whose chairing found no year */
  for (int k = 0; zOrg && azChair[k]; k++) {
    size_t nW = strlen(azChair[k]);
    for (const char *z = d->zLo; (z = strstr(z, azChair[k])) != 0; z += nW) {
      size_t i = (size_t)(z - d->zLo);
      /* not a chair to come ("Tajikistan will assume the rotating CIS
      ** chairmanship next year": not this year's) */
      static const char *const azNotNow[] = {"will ",          "next year", "take over", "assume",
                                             "следующем году", "перейд",    "примет",    0};
      static const char *const azMeetChair[] = {"под ", "under the ", 0};
      if (ig_has_any(d, ig_sent_start(d, i), ig_sent_end(d, i), azNotNow)) continue;
      /* The last party (in the order of d->aM) named in the 40 bytes before
      ** (a party's name, not its capital: «в Минске под председательством»);
      ** of a meeting chaired by one («под председательством министра
      ** иностранных дел России»: the chairing country chairs its councils),
      ** the first named in the 70 bytes after */
      int iParty = -1;
      if (ig_has_any(d, i >= 12 ? i - 12 : 0, i, azMeetChair)) {
        for (int x = ig_mention_from(d, i); x < d->nM && d->aM[x].i < i + 70 && iParty < 0; x++)
          if (d->aM[x].p->kind == GZ_PARTY && d->aM[x].p->type != GZ_CAPITAL) iParty = x;
      } else {
        for (int x = ig_mention_ending(d, i >= 40 ? i - 40 : 0);
             x < d->nM && d->aM[d->aByEnd[x]].e <= i; x++)
          if (d->aM[d->aByEnd[x]].p->kind == GZ_PARTY &&
              d->aM[d->aByEnd[x]].p->type != GZ_CAPITAL && d->aByEnd[x] > iParty)
            iParty = d->aByEnd[x];
      }
      if (iParty < 0) continue;
      const char *zParty = d->aM[iParty].p->zKey;
      bool bNew;
      strmap_insert(&tried, zParty, 0, &bNew);
      int nYears = 0;
      int best = bNew ? registry_chair_year(d, zOrg, zParty, nBound, nLatest, &nYears) : 0;
      if (best) {
        /* of several years it chaired, none named in the text: the latest,
        ** a guess (the draft says so: "latest") */
        bool bOfSeveral = nYears > 1 && best != nLatest, bTill = nBound < 9999;
        char zBest[12];
        snprintf(zBest, sizeof(zBest), "%d", best);
        why(zWhy, nWhy,
            bOfSeveral && bTill ? N_("{0} chaired {1} in {2} (registry; the latest year of several "
                                     "it chaired); bounded by a 'till' year in the text")
            : bOfSeveral ? N_("{0} chaired {1} in {2} (registry; the latest year of several it "
                              "chaired)")
            : bTill      ? N_("{0} chaired {1} in {2} (registry); bounded by a 'till' year in the "
                                   "text")
                         : N_("{0} chaired {1} in {2} (registry)"),
            zParty, zOrg, zBest);
        strmap_free(&tried);
        return best;
      }
    }
  }
  strmap_free(&tried);
  /* A session decides on the year after its own (who chairs next, the
  ** plan, the Year of ...): the year before the first it decides on, unless
  ** the text names a later one */
  if (nPlan && nPlan - 1 >= nLatest && nPlan - 1 <= nBound) {
    char zPlan[12];
    snprintf(zPlan, sizeof(zPlan), "%d", nPlan);
    why(zWhy, nWhy, N_("latest year guessed: the year before {0}, which the session decides on"),
        zPlan);
    return nPlan - 1;
  }
  if (nLatest) {
    why(zWhy, nWhy, N_("latest year named in the text"), 0);
    return nLatest;
  }
  return 0;
}
