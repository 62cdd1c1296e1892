/*
** Ingest: the draft of a session record, one function per field, called
** in order by ingest_draft (docs/ingest.md, "How each field is found").
** The readers they share are in ingest_internal.h.
*/
#include "ingest.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "fields.h"
#include "i18n.h"
#include "ingest_internal.h"

/* What the fields' drafting shares. */
typedef struct Draft {
  Doc *d;
  json_t *pSession;     /* the session record being drafted */
  const DateM *pDate;   /* the session's date as written, or NULL */
  const DateM *pPosted; /* the Posted line's date, or NULL */
  Choice body;          /* the body that met (zKey NULL if none) */
  int y, m, dd;         /* the session's date; y is 0 when not known */
  bool bDate;           /* ... and it is a full, real date */
  int number;           /* the session's number, or 0 */
  bool bTravelled;      /* the place is a city someone travels to ("his trip to Dushanbe") */
  Adopted adopted;      /* the documents adopted */
} Draft;

/* p[zKey] = "YYYY-MM-DD". */
static void set_date(json_t *p, const char *zKey, int y, int m, int dd) {
  char z[16];
  snprintf(z, sizeof(z), "%04d-%02d-%02d", y, m, dd);
  json_object_set_new(p, zKey, json_string(z));
}

/* A day alone in [s, e): "on the 20th" (not "on the 20th anniversary"),
** its value and span, or 0. */
static int day_alone(const Doc *d, size_t s, size_t e, size_t *pi, size_t *pe) {
  for (size_t i = ig_find(d, s, "on the "); i < e; i = ig_find(d, i + 7, "on the ")) {
    size_t q;
    int dd = ig_number_at(d, i + 7, 2, &q);
    if (dd < 1 || dd > 31 || q + 2 > d->n || gz_letter_at(d->zLo, d->n, q + 2) ||
        !(memcmp(d->zLo + q, "th", 2) == 0 || memcmp(d->zLo + q, "st", 2) == 0 ||
          memcmp(d->zLo + q, "nd", 2) == 0 || memcmp(d->zLo + q, "rd", 2) == 0))
      continue;
    size_t w = q + 2;
    while (w < d->n && d->z[w] == ' ') w++;
    if (w < d->n && gz_letter_at(d->zLo, d->n, w) && !ig_has(d, w, w + 5, "local") &&
        !ig_has(d, w, w + 2, "of"))
      continue;
    /* ... nor a day of the next meeting or of one to come */
    if (ig_next_sentence(d, i) || ig_future_sentence(d, i)) continue;
    *pi = i + 7;
    *pe = q + 2;
    return dd;
  }
  return 0;
}

/* The day dd in the month of y-m-day0 if not after day0, else in the month
** before: its year and month; false if no such date. */
static bool day_in_month_of(int y, int m, int day0, int dd, int *py, int *pm) {
  if (dd > day0 && --m < 1) {
    m = 12;
    y--;
  }
  *py = y;
  *pm = m;
  return ig_valid_ymd(y, m, dd);
}

/* The session's date from the publication date (given with the text, else
** the publication line's) and a relative word in
** a sentence about the session (one naming the body, else any): "today",
** "this morning" (that day), "yesterday", «вчера», «накануне» (the day
** before), "on Friday", «в пятницу» (the last such day); without one, the
** publication date itself, unsure. */
static void relative_date(Draft *dr) {
  static const struct {
    const char *z;
    int delta; /* days back; -1 - weekday (0 Monday) for a day of the week */
  } aRel[] = {{"today", 0},
              {"this morning", 0},
              {"сегодня", 0},
              {"yesterday", 1},
              {"вчера", 1},
              {"накануне", 1},
              {"on monday", -1},
              {"on tuesday", -2},
              {"on wednesday", -3},
              {"on thursday", -4},
              {"on friday", -5},
              {"on saturday", -6},
              {"on sunday", -7},
              {"в понедельник", -1},
              {"во вторник", -2},
              {"в среду", -3},
              {"в четверг", -4},
              {"в пятницу", -5},
              {"в субботу", -6},
              {"в воскресенье", -7},
              /* "at Friday's meeting", «на сегодняшнем заседании» */
              {"monday's", -1},
              {"tuesday's", -2},
              {"wednesday's", -3},
              {"thursday's", -4},
              {"friday's", -5},
              {"saturday's", -6},
              {"sunday's", -7},
              {"monday’s", -1},
              {"tuesday’s", -2},
              {"wednesday’s", -3},
              {"thursday’s", -4},
              {"friday’s", -5},
              {"saturday’s", -6},
              {"sunday’s", -7},
              {"сегодняшнем", 0},
              {"сегодняшнего", 0},
              {"сегодняшний", 0},
              {"сегодняшнее", 0},
              {"сегодняшней", 0},
              {"вчерашнем", 1},
              {"вчерашнего", 1},
              {"вчерашний", 1},
              {"вчерашнее", 1},
              {0, 0}};
  Doc *d = dr->d;
  const DateM *pP = dr->pPosted;
  size_t iBest = SIZE_MAX, nBest = 0;
  int delta = 0;
  bool bBody = false;
  for (int k = 0; aRel[k].z; k++) {
    size_t n = strlen(aRel[k].z);
    for (const char *z = d->zLo; (z = strstr(z, aRel[k].z)) != 0; z += n) {
      size_t i = (size_t)(z - d->zLo);
      if (gz_letter_before(d->zLo, i) || gz_letter_at(d->zLo, d->n, i + n)) continue;
      /* the day someone spoke, not the meeting's («Об этом он заявил
      ** сегодня, 3 октября, журналистам», "told reporters today") */
      static const char *const azSaid[] = {"said ",   "told reporters ", "told journalists ",
                                           "заявил ", "заявила ",        "сообщил ",
                                           "сказал ", "сказала ",        0};
      if (ig_ends_before(d, i, azSaid, false)) continue;
      /* the body named in its sentence: at most 16 mentions looked at */
      size_t s0 = ig_sent_start(d, i), s1 = ig_sent_end(d, i);
      bool bB = false;
      for (int j = ig_mention_from(d, s0), x = 0; j < d->nM && d->aM[j].i < s1 && !bB && x < 16;
           j++, x++)
        bB = d->aM[j].p->kind == GZ_BODY && dr->body.zKey &&
             strcmp(d->aM[j].p->zKey, dr->body.zKey) == 0;
      if ((bB && !bBody) || (bB == bBody && i < iBest)) {
        iBest = i;
        nBest = n;
        delta = aRel[k].delta;
        bBody = bB;
      }
    }
  }
  /* "was held in Minsk ... on the 20th": a day alone, of the publication's
  ** month if not after its day, else of the month before (unsure) */
  size_t iDay, eDay;
  int dd = iBest == SIZE_MAX ? day_alone(d, 0, d->n, &iDay, &eDay) : 0;
  if (dd && day_in_month_of(pP->y, pP->m, pP->d, dd, &dr->y, &dr->m)) {
    dr->dd = dd;
    ig_evidence(d, "date", iDay, eDay, 0.6, true);
    ig_note(json_object_get(d->pEv, "date"),
            N_("a day alone, in the month of the publication date"));
    return;
  }
  pdate t = date_from_ymd(pP->y, pP->m, pP->d);
  /* a day of the week in a sentence of what is to come ("will not attend
  ** the CIS summit in Kyrgyzstan on Friday" on a Thursday) is the next such
  ** day, not the last */
  bool bAhead = delta < 0 && ig_coming_sentence(d, iBest) && !ig_held_before(d, iBest);
  if (delta < 0) {
    int wd = (int)(((int64_t)t + 3) % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
    int want = -delta - 1;
    t = bAhead ? date_add_days(t, (want - wd + 7) % 7) : date_add_days(t, -((wd - want + 7) % 7));
  } else {
    t = date_add_days(t, -delta);
  }
  date_to_ymd(t, &dr->y, &dr->m, &dr->dd);
  if (iBest == SIZE_MAX) {
    ig_evidence(d, "date", pP->i, pP->e, 0.4, true);
    ig_note(json_object_get(d->pEv, "date"),
            N_("the publication date; the text does not say when it met"));
    return;
  }
  ig_evidence(d, "date", iBest, iBest + nBest, delta == 0 ? 0.8 : 0.7, true);
  ig_note(json_object_get(d->pEv, "date"),
          delta == 0 ? N_("the publication date (the text says today)")
          : bAhead   ? N_("counted ahead from the publication date: a meeting to come")
                     : N_("counted back from the publication date"));
}

/* "Минск, 15 октября /Синьхуа/ -- В четверг в Минске состоялось
** заседание" when the 15th was a Friday; "BISHKEK, October 9 (RIA Novosti) -
** ... will not attend the CIS summit in Kyrgyzstan on Friday" on a Thursday:
** a day of the week said in the date's sentence or the next, which the date
** is not, and no other date there: the last such day before the date (the
** next, of a meeting to come), within the week. */
static void weekday_from_date(Draft *dr) {
  static const char *const azDay[] = {
      "on monday",   "on tuesday", "on wednesday",  "on thursday",   "on friday",
      "on saturday", "on sunday",  "в понедельник", "во вторник",    "в среду",
      "в четверг",   "в пятницу",  "в субботу",     "в воскресенье", 0};
  static const char *const azSaid[] = {"said ",   "told reporters ", "told journalists ",
                                       "заявил ", "заявила ",        "сообщил ",
                                       "сказал ", "сказала ",        0};
  /* (not the day someone arrives: «Путин в четверг прибудет на саммит») */
  static const char *const azArrive[] = {"arriv", "прибуд", "прибыв", "прилет", "приед", 0};
  Doc *d = dr->d;
  const DateM *p = dr->pDate;
  size_t s0 = ig_sent_start(d, p->i), s1 = ig_sent_end(d, p->i);
  if (s1 + 1 < d->n) s1 = ig_sent_end(d, s1 + 1);
  for (int k = 0; k < d->nD; k++)
    if (&d->aD[k] != p && d->aD[k].i >= s0 && d->aD[k].i < s1) return;
  int want = -1;
  size_t iW = 0, eW = 0;
  for (int k = 0; azDay[k] && want < 0; k++) {
    size_t n = strlen(azDay[k]);
    for (size_t x = ig_find(d, s0, azDay[k]); x < s1; x = ig_find(d, x + 1, azDay[k])) {
      if (gz_letter_before(d->zLo, x) || gz_letter_at(d->zLo, d->n, x + n) ||
          ig_ends_before(d, x, azSaid, false) ||
          ig_has_any(d, ig_sent_start(d, x), ig_sent_end(d, x), azArrive))
        continue;
      want = k % 7;
      iW = x;
      eW = x + n;
      break;
    }
  }
  if (want < 0 || !ig_valid_ymd(dr->y, dr->m, dr->dd)) return;
  pdate t = date_from_ymd(dr->y, dr->m, dr->dd);
  int wd = (int)(((int64_t)t + 3) % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
  if (wd == want) return;
  bool bAhead = ig_coming_sentence(d, iW) && !ig_held_before(d, iW);
  t = bAhead ? date_add_days(t, (want - wd + 7) % 7) : date_add_days(t, -((wd - want + 7) % 7));
  date_to_ymd(t, &dr->y, &dr->m, &dr->dd);
  ig_evidence(d, "date", iW, eW, 0.6, true);
  ig_note(json_object_get(d->pEv, "date"),
          bAhead ? N_("the day of the week its sentence says, the next after the date before it")
                 : N_("the day of the week its sentence says, the last before the date before it"));
}

/* Date: the session's date as the text gives it; a day and month without a
** year take an inferred one (the note says how); failing any, the Posted
** line's date, confident when the text says "today". */
static void draft_date(Draft *dr) {
  Doc *d = dr->d;
  if (dr->pDate) {
    dr->y = dr->pDate->y;
    dr->m = dr->pDate->m;
    dr->dd = dr->pDate->d;
    /* a meeting to come, the one an announcement is about: unsure */
    bool bToCome = ig_future_sentence(d, dr->pDate->i) && !ig_held_before(d, dr->pDate->i);
    /* a date in a sentence with no word of a meeting ("1 сентября 2011 -
    ** 18:44", a line of the page) is less sure to be the session's */
    static const char *const azMeet[] = {
        "session", "meeting", "summit", "met ",   "held",  "council", "заседан", "саммит",
        "сесси",   "встреч",  "совет",  "состоя", "прошл", "пройдет", "пройдёт", 0};
    size_t s0 = ig_sent_start(d, dr->pDate->i), s1 = ig_sent_end(d, dr->pDate->i);
    bool bMeet = ig_has_any(d, s0, s1, azMeet);
    /* "On February 24-25, 2022", «8-9 октября»: days of a range, the first
    ** taken; which day the session is, unsure */
    bool bRange = false;
    for (size_t q = dr->pDate->i + 1; q + 1 < dr->pDate->e && !bRange; q++)
      bRange = d->z[q - 1] >= '0' && d->z[q - 1] <= '9' &&
               (d->z[q] == '-' || (q + 3 < dr->pDate->e && memcmp(d->z + q, "–", 3) == 0));
    /* "Astana, June 21. ... was held in Minsk ... on the 20th": a day
    ** alone in the date's sentence or the three after it, is the
    ** session's, in the date's month or the one before (unsure) */
    size_t iDay, eDay, sNext = s1;
    for (int x = 0; x < 3 && sNext + 1 < d->n && sNext < s1 + 400; x++)
      sNext = ig_sent_end(d, sNext + 1);
    int dd = dr->y ? day_alone(d, s0, sNext, &iDay, &eDay) : 0;
    int yD, mD;
    if (dd && dd != dr->dd && !bToCome && day_in_month_of(dr->y, dr->m, dr->dd, dd, &yD, &mD)) {
      dr->y = yD;
      dr->m = mD;
      dr->dd = dd;
      ig_evidence(d, "date", iDay, eDay, 0.6, true);
      ig_note(json_object_get(d->pEv, "date"),
              N_("a day alone, in the month of the date before it"));
    } else if (dr->y) {
      ig_evidence(d, "date", dr->pDate->i, dr->pDate->e,
                  bToCome || bRange ? 0.6
                  : bMeet           ? 0.9
                                    : 0.7,
                  false);
      if (bToCome)
        ig_note(json_object_get(d->pEv, "date"), N_("a meeting still to come: the one announced"));
    } else {
      char zWhy[160];
      dr->y = ig_infer_year(d, dr->pDate, dr->body.zOrg, zWhy, sizeof(zWhy));
      if (dr->y) {
        /* a year that is only the latest the text names is a guess */
        ig_evidence(d, "date", dr->pDate->i, dr->pDate->e, strstr(zWhy, "latest year") ? 0.3 : 0.6,
                    true);
        json_object_set_new(json_object_get(d->pEv, "date"), "note", json_string(zWhy));
      } else {
        ig_evidence(d, "date", dr->pDate->i, dr->pDate->e, 0.2, true);
        ig_note(json_object_get(d->pEv, "date"), N_("no year in the text: date not set"));
      }
    }
    if (dr->y) weekday_from_date(dr);
  } else if (dr->pPosted) {
    relative_date(dr);
  } else {
    ig_evidence(d, "date", 0, 0, 0, true);
    ig_note(json_object_get(d->pEv, "date"), N_("no date in the text"));
  }
  dr->bDate = dr->y && ig_valid_ymd(dr->y, dr->m, dr->dd);
}

/* Body: chosen before the date (ig_choose_body), here its evidence. */
static void draft_body(Draft *dr) {
  if (dr->body.zKey)
    ig_evidence(dr->d, "body", dr->body.i, dr->body.e, dr->body.score, false);
  else
    ig_evidence(dr->d, "body", 0, 0, 0, true);
}

/* Ordinal words: "thirty-sixth", «тридцать шестое» (any case ending). */
static const char *const azUnitEn[] = {"first", "second",  "third",  "fourth", "fifth",
                                       "sixth", "seventh", "eighth", "ninth",  0};
static const char *const azTeenEn[] = {"tenth",
                                       "eleventh",
                                       "twelfth",
                                       "thirteenth",
                                       "fourteenth",
                                       "fifteenth",
                                       "sixteenth",
                                       "seventeenth",
                                       "eighteenth",
                                       "nineteenth",
                                       0};
static const char *const azTensEn[] = {"twent",  "thirt", "fort",  "fift", "sixt",
                                       "sevent", "eight", "ninet", 0};
static const char *const azUnitRu[] = {"перв", "втор",  "трет",  "четвёрт", "пят",
                                       "шест", "седьм", "восьм", "девят",   0};
static const char *const azTeenRu[] = {"десят",
                                       "одиннадцат",
                                       "двенадцат",
                                       "тринадцат",
                                       "четырнадцат",
                                       "пятнадцат",
                                       "шестнадцат",
                                       "семнадцат",
                                       "восемнадцат",
                                       "девятнадцат",
                                       0};
static const char *const azTensRu[] = {"двадцат",     "тридцат",    "сорок",
                                       "пятидесят",   "шестидесят", "семидесят",
                                       "восьмидесят", "девяност",   0};
static const char *const azTensRuCard[] = {"двадцать",    "тридцать",   "сорок",
                                           "пятьдесят",   "шестьдесят", "семьдесят",
                                           "восемьдесят", "девяносто",  0};

/* The word at i starting with one of az (folded), ending within 4 bytes
** of Russian endings / exactly for English: its index, *pE its end; or -1. */
static int word_of(const Doc *d, size_t i, const char *const *az, bool bExact, size_t *pE) {
  if (i >= d->n || gz_letter_before(d->zLo, i)) return -1;
  size_t e = ig_word_end(d, i);
  int best = -1;
  size_t nBest = 0;
  for (int k = 0; az[k]; k++) {
    size_t n = strlen(az[k]);
    if (e - i < n || memcmp(d->zLo + i, az[k], n) != 0) continue;
    if (bExact ? e - i != n : e - i > n + 6) continue;
    if (n > nBest) {
      best = k;
      nBest = n;
    }
  }
  if (best >= 0) *pE = e;
  return best;
}

/* An ordinal in words at i: its value and end, or 0. */
static int ordinal_words(const Doc *d, size_t i, size_t *pE) {
  size_t e, e2;
  int k;
  if ((k = word_of(d, i, azTeenEn, true, &e)) >= 0) {
    *pE = e;
    return 10 + k;
  }
  if ((k = word_of(d, i, azUnitEn, true, &e)) >= 0) {
    *pE = e;
    return 1 + k;
  }
  if ((k = word_of(d, i, azTensEn, false, &e)) >= 0) {
    /* "thirtieth", or "thirty-sixth" */
    if (e >= i + 4 && memcmp(d->zLo + e - 4, "ieth", 4) == 0) {
      *pE = e;
      return 20 + 10 * k;
    }
    if (e < d->n && (d->z[e] == '-' || d->z[e] == ' ') && d->zLo[e - 1] == 'y') {
      int u = word_of(d, e + 1, azUnitEn, true, &e2);
      if (u >= 0) {
        *pE = e2;
        return 20 + 10 * k + 1 + u;
      }
    }
    return 0;
  }
  if ((k = word_of(d, i, azTeenRu, false, &e)) >= 0) {
    *pE = e;
    return 10 + k;
  }
  if ((k = word_of(d, i, azTensRuCard, true, &e)) >= 0 && e < d->n && d->z[e] == ' ') {
    int u = word_of(d, e + 1, azUnitRu, false, &e2);
    if (u >= 0) {
      *pE = e2;
      return 20 + 10 * k + 1 + u;
    }
    return 0;
  }
  if ((k = word_of(d, i, azTensRu, false, &e)) >= 0) {
    *pE = e;
    return 20 + 10 * k;
  }
  if ((k = word_of(d, i, azUnitRu, false, &e)) >= 0) {
    *pE = e;
    return 1 + k;
  }
  return 0;
}

/* Is the word at k "session", "meeting", «заседание», «сессия» (any
** case), followed by the name of a body or an organization ("of the CIS
** council of heads of ...", "Совета глав государств СНГ")? *pE: its end. */
static bool session_of_body(const Doc *d, size_t k, size_t *pE, const Mention **ppTitle) {
  static const char *const azSession[] = {"session",  "meeting", "summit", "sitting",
                                          "заседани", "сесси",   "саммит", 0};
  size_t e = 0;
  for (int j = 0; azSession[j] && !e; j++) {
    size_t n = strlen(azSession[j]);
    if (k + n <= d->n && memcmp(d->zLo + k, azSession[j], n) == 0) e = k + n;
  }
  if (!e) return false;
  e = ig_word_end(d, e);
  *pE = e;
  *ppTitle = 0;
  int m = ig_mention_from(d, e);
  if (m >= d->nM || (d->aM[m].p->kind != GZ_BODY && d->aM[m].p->kind != GZ_ORG)) return false;
  if (d->aM[m].i <= e + 12) return true;
  *ppTitle = &d->aM[m];
  /* ... or after a body's title in capitals ("the 75th sitting of the
  ** Council of Defense Ministers of the CIS member states") */
  if (d->aM[m].i > e + 80) return false;
  for (size_t q = e; q < d->aM[m].i;) {
    if (!gz_letter_at(d->zLo, d->n, q)) {
      /* a short name in capitals in brackets ("of Defense Ministers' Council
      ** (DMC) of CIS") */
      if (d->z[q] == '(') {
        size_t r = q + 1;
        while (r < d->aM[m].i && r < q + 10 && d->z[r] >= 'A' && d->z[r] <= 'Z') r++;
        if (r > q + 2 && r < d->aM[m].i && d->z[r] == ')') {
          q = r + 1;
          continue;
        }
      }
      if (strchr(",.;:(", d->z[q])) return false; /* not "of the UN General Assembly, the CIS" */
      q++;
      continue;
    }
    size_t w = ig_word_end(d, q);
    bool bOk = ig_upper_at(d, q) || (w - q == 2 && memcmp(d->zLo + q, "of", 2) == 0) ||
               (w - q == 3 && memcmp(d->zLo + q, "the", 3) == 0) ||
               (w - q == 3 && memcmp(d->zLo + q, "and", 3) == 0);
    if (!bOk) return false;
    q = w;
  }
  return true;
}

/* Number: "the 36th session", "5th meeting", "the thirty-sixth session",
** «тридцать шестое заседание», of a body or an organization named right
** after it (not "the 73rd session of the UN General Assembly"). */
static void draft_number(Draft *dr) {
  Doc *d = dr->d;
  for (size_t i = 0; i < d->n; i++) {
    size_t e, eS;
    if (gz_letter_before(d->zLo, i) || (i && d->z[i - 1] >= '0' && d->z[i - 1] <= '9')) continue;
    int v = ig_number_at(d, i, 3, &e);
    if (v <= 0) {
      v = gz_letter_at(d->zLo, d->n, i) ? ordinal_words(d, i, &e) : 0;
      if (v <= 0) continue;
    } else if (e + 2 <= d->n &&
               (memcmp(d->zLo + e, "th", 2) == 0 || memcmp(d->zLo + e, "st", 2) == 0 ||
                memcmp(d->zLo + e, "nd", 2) == 0 || memcmp(d->zLo + e, "rd", 2) == 0)) {
      e += 2;
    } else if (e + 3 <= d->n && memcmp(d->zLo + e, "-е", 3) == 0) {
      e += 3; /* «36-е заседание» */
    } else {
      i = e;
      continue;
    }
    bool bWords = !(d->z[i] >= '0' && d->z[i] <= '9');
    size_t k = e;
    while (k < d->n && d->z[k] == ' ') k++;
    /* ... past one word that qualifies the session («50-е юбилейное
    ** заседание», "the 75th regular meeting"); not a number in words
    ** there ("the first in-person meeting since ...", «первое очное
    ** заседание»: a count), nor the years of an anniversary ("the 30th
    ** anniversary summit") */
    const Mention *pTitle = 0;
    bool bOf = session_of_body(d, k, &eS, &pTitle);
    if (!bOf && !bWords && gz_letter_at(d->zLo, d->n, k) && !ig_upper_at(d, k) &&
        !ig_has(d, k, ig_word_end(d, k), "anniversar")) {
      size_t w = ig_word_end(d, k);
      while (w < d->n && d->z[w] == ' ') w++;
      bOf = w > k && session_of_body(d, w, &eS, &pTitle);
    }
    /* ... and through a body's title in capitals, only of the chosen
    ** body's organization (or of any, no body chosen), and unsure: the
    ** title may be another body's */
    double conf = 0.8;
    if (bOf && pTitle) {
      const char *zOrg = pTitle->p->kind == GZ_ORG ? pTitle->p->zKey : pTitle->p->zOrg;
      bOf = (!dr->body.zOrg || (zOrg && strcmp(zOrg, dr->body.zOrg) == 0)) && !bWords;
      conf = 0.6;
    }
    /* a count of meetings, not the session's number ("the second meeting
    ** of the Council so far this year", «второе заседание в этом году») */
    static const char *const azCount[] = {"this year",      "so far",    " since ", "в этом году",
                                          "в текущем году", "с момента", 0};
    size_t se = ig_sent_end(d, i);
    if (bOf && ig_has_any(d, eS, se > eS + 120 ? eS + 120 : se, azCount)) bOf = false;
    if (bOf && !ig_next_sentence(d, i)) {
      dr->number = v;
      ig_evidence(d, "number", i, eS, conf, false);
      break;
    }
    i = e;
  }
}

/* Id (body and date), body, number and date: the record's first keys, in
** its order. */
static void record_identity(Draft *dr) {
  json_t *s = dr->pSession;
  if (dr->body.zKey && dr->bDate) {
    char zId[96];
    snprintf(zId, sizeof(zId), "%s-%04d-%02d-%02d", dr->body.zKey, dr->y, dr->m, dr->dd);
    json_object_set_new(s, "id", json_string(zId));
  } else {
    json_object_set_new(s, "id", json_null());
  }
  json_object_set_new(s, "body", dr->body.zKey ? json_string(dr->body.zKey) : json_null());
  json_object_set_new(s, "number", dr->number ? json_integer(dr->number) : json_null());
  if (dr->bDate)
    set_date(s, "date", dr->y, dr->m, dr->dd);
  else
    json_object_set_new(s, "date", json_null());
}

/* Place: "in Moscow" (a capital or another city of the gazetteer) near the
** body's mention or in the date's sentence, or a city in a short dateline
** with the date ("November 23, 2023, Minsk"). */
/* Is the mention written in capitals ("YEREVAN, OCTOBER 15, ARMENPRESS"):
** a news agency's dateline, where it writes from, not where they met? */
static bool all_caps(const Doc *d, const Mention *m) {
  for (size_t q = m->i; q < m->e; q++) {
    unsigned char c = (unsigned char)d->z[q];
    if ((c >= 'a' && c <= 'z') ||
        (c == 0xD0 && q + 1 < m->e && (unsigned char)d->z[q + 1] >= 0xB0) || c == 0xD1)
      return false;
  }
  return true;
}

/* Is the city mentioned by pM said as where something is: "in Minsk", «в
** Минске», «во Владивостоке», or "in" with a few words between that only
** qualify the city ("in the resort town of Burabay", "in Kazakhstan's
** Burabay", «в казахстанском Боровом», «в городе Чолпон-Ата»: at most four
** words, each a party's name or adjective or a word of the list), or "CITY
** hosted (hosts, is hosting) the ..."? */
static bool city_said_in(const Doc *d, const Mention *pM) {
  static const char *const azQual[] = {"the",    "resort",  "town",   "village", "city",
                                       "of",     "capital", "spa",    "курортн", "город",
                                       "поселк", "посёлк",  "посел",  "сел",     "столиц",
                                       "курорт", "деревн",  "районн", "област",  0};
  static const char *const azHost[] = {" hosted",    " hosts",    " is hosting", " was hosting",
                                       " принимает", " принимал", " принял",     0};
  for (int k = 0; azHost[k]; k++) {
    size_t n = strlen(azHost[k]);
    if (pM->e + n <= d->n && memcmp(d->zLo + pM->e, azHost[k], n) == 0 &&
        !gz_letter_at(d->zLo, d->n, pM->e + n))
      return true;
  }
  size_t i = pM->i;
  /* "in Kazakhstan's capital, Astana, on November 28": the city set off
  ** after "capital" */
  if (i >= 10 && d->z[i - 1] == ' ' && d->z[i - 2] == ',') {
    size_t cw = ig_word_start(d, i - 2);
    if ((i - 2 - cw == 7 && memcmp(d->zLo + cw, "capital", 7) == 0) ||
        (i - 2 - cw >= 12 && memcmp(d->zLo + cw, "столиц", 12) == 0))
      i = cw;
  }
  for (int w = 0; w <= 4 && i >= 2 && d->z[i - 1] == ' '; w++) {
    size_t ws = ig_word_start(d, i - 1), we = i - 1;
    if (ws == we) return false;
    /* "Kazakhstan's": the word before the apostrophe too */
    if (ws >= 2 && d->z[ws - 1] == '\'') ws = ig_word_start(d, ws - 1);
    if (ws >= 4 && memcmp(d->z + ws - 3, "’", 3) == 0) ws = ig_word_start(d, ws - 3);
    size_t n = we - ws;
    const char *z = d->zLo + ws;
    if ((n == 2 && memcmp(z, "in", 2) == 0) || (n == 2 && memcmp(z, "в", 2) == 0) ||
        (n == 4 && memcmp(z, "во", 4) == 0))
      return true;
    /* "The venue for the event is the city of Tula", «местом проведения
    ** стал город ...» */
    static const char *const azVenue[] = {"venue", "местом проведения", 0};
    if (((n == 2 && memcmp(z, "is", 2) == 0) || (n == 3 && memcmp(z, "was", 3) == 0) ||
         (n == 8 && memcmp(z, "стал", 8) == 0) || (n == 10 && memcmp(z, "стала", 10) == 0)) &&
        ig_has_any(d, ig_sent_start(d, ws), ws, azVenue))
      return true;
    bool bOk = false;
    for (int k = 0; azQual[k] && !bOk; k++) {
      size_t m = strlen(azQual[k]);
      /* an English word whole, a Russian stem with its ending */
      bOk = (unsigned char)azQual[k][0] < 0x80
                ? n == m && memcmp(z, azQual[k], m) == 0
                : n >= m && n <= m + 6 && memcmp(z, azQual[k], m) == 0;
    }
    /* a party's name or adjective, possessive or not ("Kazakhstan's") */
    size_t pe;
    if (!bOk && ig_party_at(d, ws, &pe) &&
        (pe == we || (pe + 2 == we && d->z[pe] == '\'') ||
         (pe + 4 == we && memcmp(d->z + pe, "’s", 4) == 0) || ig_word_end(d, pe) == we))
      bOk = true;
    if (!bOk) return false;
    i = ws;
  }
  return false;
}

/* Does the sentence around i look back ("last", "previous", «ранее»)? */
static bool past_sentence(const Doc *d, size_t i) {
  static const char *const azPast[] = {"last ",    "previous ", "earlier", "recalled",
                                       "прошлог",  "прошлом",   "прошлый", "прошлой",
                                       "предыдущ", "напомнил",  "ранее",   0};
  return ig_has_any(d, ig_sent_start(d, i), ig_sent_end(d, i), azPast);
}

/* Does the sentence around i tell of a meeting (a body or organization
** named, or a word for one), and not of one to come? */
static bool meeting_sentence(const Doc *d, const size_t *aLeast, size_t i) {
  static const char *const azMeet[] = {"summit",   "session",    "meeting", "council",
                                       "held",     "took place", "саммит",  "заседани",
                                       "сесси",    "совет",      "состоял", "прошл",
                                       "проходит", "прибыл",     "venue",   "местом проведения",
                                       0};
  static const char *const azPast[] = {"last ",    "previous ", "earlier", "recalled",
                                       "прошлог",  "прошлом",   "прошлый", "прошлой",
                                       "предыдущ", "напомнил",  "ранее",   0};
  size_t s = ig_sent_start(d, i), e = ig_sent_end(d, i);
  if (ig_next_sentence(d, i) || ig_future_sentence(d, i) || ig_has_any(d, s, e, azPast))
    return false;
  return ig_has_any(d, s, e, azMeet) || ig_mention_inside(d, aLeast, s, e);
}

/* Place: "in Moscow" (a capital or another city of the gazetteer) near the
** body's mention or in the date's sentence, or a city in a short dateline
** with the date ("November 23, 2023, Minsk"), or right after the date
** ("December 23, 2014, Moscow"), or on a line of its own after it
** ("Москва, Кремль"); failing those, less surely, the first "in CITY" /
** "в CITY" in a sentence about a meeting. A city in capitals starting the
** text is the agency's dateline and is never taken. */
/* Is the city at i said of the session where someone speaks of the next
** one ("..., Lebedev said at the session of the CIS Foreign Ministers Council
** in Bishkek")? The 70 bytes before i in its sentence name a session that
** is not the next, nor one to come. */
static bool said_at_session(const Doc *d, size_t i) {
  static const char *const azAt[] = {"at the session of",
                                     "at the meeting of",
                                     "at the summit",
                                     "at the extended meeting",
                                     "at the expanded meeting",
                                     "на заседании",
                                     "на саммите",
                                     "на расширенном заседании",
                                     "на заседании в узком",
                                     0};
  static const char *const azNot[] = {"next",    "following", "will ",   "to be held", "следующ",
                                      "очередн", "пройдет",   "пройдёт", "состоится",  0};
  size_t s = i > 70 ? i - 70 : 0, s0 = ig_sent_start(d, i);
  if (s < s0) s = s0;
  return ig_has_any(d, s, i, azAt) && !ig_has_any(d, s, i, azNot);
}

/* A city in capitals starting a line of the text's first 600 bytes, the
** dateline ("MINSK, 12 April –", «АСТАНА, 5 октября.», "ST. PETERSBURG,
** Russia—", «ЧОЛПОН-АТА /Киргизия/,»), or NULL. */
static const Mention *dateline_city(const Doc *d) {
  for (int k = 0; k < d->nM && d->aM[k].i < 600; k++) {
    const Mention *pM = &d->aM[k];
    if (!pM->p->zPlace[0]) continue;
    /* at a line's start, after nothing but spaces */
    size_t b = pM->i;
    while (b > 0 && (d->z[b - 1] == ' ' || d->z[b - 1] == '\t')) b--;
    if (b > 0 && d->z[b - 1] != '\n') continue;
    /* ... or a title naming where a meeting began («Астана: началось
    ** заседание Высшего евразийского экономического совета») */
    static const char *const azBegun[] = {"началось",  "началась",  "открылось",
                                          "открылась", "стартовал", "opens",
                                          "kicks off", "began",     0};
    if (pM->e + 2 < d->n && d->z[pM->e] == ':' && d->z[pM->e + 1] == ' ' &&
        ig_has_any(d, pM->e, ig_sent_end(d, pM->e + 2), azBegun))
      return pM;
    if (!all_caps(d, pM)) continue;
    /* the city, a capital letter, and a comma or a slash after it */
    bool bUpper = false;
    for (size_t q = pM->i; q < pM->e && !bUpper; q++) bUpper = ig_upper_at(d, q);
    size_t e = pM->e;
    if (!bUpper || e >= d->n) continue;
    if (d->z[e] == ',' || (e + 2 <= d->n && memcmp(d->z + e, " /", 2) == 0)) return pM;
  }
  return 0;
}

/* The words of a meeting said held, in a release (none: an announcement). */
static const char *const azHeldWords[] = {"took place", "was held",   "were held", "met in",
                                          "met on",     "прошло",     "прошла",    "состоялось",
                                          "состоялась", "состоялись", "по итогам", 0};

/* Is the sentence around i about a meeting to come (not the next one after
** it, not a past one) in a release that says no meeting was held: the one
** it announces? */
static bool announced_here(const Doc *d, size_t i) {
  static const char *const azMeet[] = {"summit",   "session", "meeting", "council", "саммит",
                                       "заседани", "сесси",   "совет",   "встреч",  0};
  return ig_future_sentence(d, i) && !ig_next_sentence(d, i) && !past_sentence(d, i) &&
         ig_has_any(d, ig_sent_start(d, i), ig_sent_end(d, i), azMeet) &&
         !ig_has_any(d, 0, d->n, azHeldWords);
}

/* A city travelled to ("coming to Chisinau", "did not go to Minsk",
** «отказались ехать в Кишинев», «его поездку в Душанбе пришлось отменить»)
** in a sentence not about the next session nor a past one: where the
** meeting is, or NULL. */
static const Mention *city_travelled_to(const Doc *d) {
  static const char *const azTo[] = {"coming to ",
                                     "travel to ",
                                     "trip to ",
                                     "travelling to ",
                                     "traveling to ",
                                     "ехать в ",
                                     "приехать в ",
                                     "поехать в ",
                                     "поездку в ",
                                     "поездки в ",
                                     "поездка в ",
                                     "приедут в ",
                                     "приедет в ",
                                     "go to ",
                                     "went to ",
                                     "goes to ",
                                     0};
  for (int k = 0; k < d->nM; k++) {
    const Mention *pM = &d->aM[k];
    if (!pM->p->zPlace[0] || all_caps(d, pM) || ig_next_sentence(d, pM->i) ||
        past_sentence(d, pM->i) || ig_in_quote(d, ig_sent_start(d, pM->i), pM->i))
      continue;
    if (ig_ends_before(d, pM->i, azTo, true)) return pM;
  }
  return 0;
}

/* The Kremlin said as where they meet ("held in the Kremlin", «в Кремле
** состоялось заседание», «лидеры встречаются в Кремле» after a sentence
** naming the summit), not the next meeting's nor a past one's: its span in
** *pi, *pe, and true. */
static bool kremlin_said(const Doc *d, size_t *pi, size_t *pe) {
  static const char *const azIn[] = {"в кремле", "in the kremlin", "at the kremlin", 0};
  static const char *const azMeet[] = {"summit", "session", "meeting", "council", "met ", "саммит",
                                       "заседани", "сесси", "совет", "встреч", "встреча",
                                       /* «В Кремле завершились переговоры лидеров стран ОДКБ» */
                                       "переговор", "talks", 0};
  for (int k = 0; azIn[k]; k++) {
    for (size_t x = ig_find(d, 0, azIn[k]); x != SIZE_MAX; x = ig_find(d, x + 1, azIn[k])) {
      if (gz_letter_before(d->zLo, x) || ig_next_sentence(d, x) || past_sentence(d, x)) continue;
      size_t s0 = ig_sent_start(d, x);
      size_t sPrev = s0 >= 2 ? ig_sent_start(d, s0 - 2) : s0;
      if (!ig_has_any(d, sPrev, ig_sent_end(d, x), azMeet)) continue;
      *pi = x;
      *pe = x + strlen(azIn[k]);
      return true;
    }
  }
  return false;
}

static void draft_place(Draft *dr) {
  Doc *d = dr->d;
  const DateM *pDate = dr->pDate;
  const Mention *pPlace = 0, *pLoose = 0, *pAtSession = 0;
  size_t *aLeast = ig_least_ends(d, 1u << GZ_ORG | 1u << GZ_BODY);
  double conf = 0.8;
  for (int k = 0; k < d->nM && !pPlace; k++) {
    const Mention *pM = &d->aM[k];
    if (!pM->p->zPlace[0] || all_caps(d, pM)) continue;
    /* "9 января, Москва /NAME - БЕЛТА/": an agency's dateline, where it
    ** writes from */
    if (pM->e + 2 <= d->n && memcmp(d->z + pM->e, " /", 2) == 0) continue;
    bool bIn = city_said_in(d, pM);
    if (ig_next_sentence(d, pM->i) && !ig_held_before(d, pM->i)) {
      /* a sentence about the next session, said at this one */
      if (bIn && !pAtSession && said_at_session(d, pM->i)) pAtSession = pM;
      continue;
    }
    bool bInOf = bIn || (pM->i >= 8 && memcmp(d->zLo + pM->i - 8, "city of ", 8) == 0) ||
                 (pM->i >= 11 && memcmp(d->zLo + pM->i - 11, "capital of ", 11) == 0) ||
                 (pM->i >= 15 && memcmp(d->zLo + pM->i - 15, "столице ", 15) == 0) ||
                 (pM->i >= 5 && memcmp(d->zLo + pM->i - 5, "from ", 5) == 0);
    /* A dateline: "May 25, 2023, The Kremlin, Moscow" on a line of its own. */
    bool bDateline = pDate && ig_sent_start(d, pDate->i) == ig_sent_start(d, pM->i) &&
                     ig_sent_end(d, pM->i) - ig_sent_start(d, pM->i) < 80;
    /* "December 23, 2014, Moscow"; "8 октября 2024 года\nМосква, Кремль" */
    bool bAfterDate = pDate && pM->i >= pDate->e && pM->i <= pDate->e + 14;
    for (size_t q = pDate ? pDate->e : 0; bAfterDate && q < pM->i; q++) {
      char c = d->z[q];
      if (c == ' ' || c == ',' || c == '\n') continue;
      /* "8 октября 2024 года\nМосква" */
      if (q + 8 <= pM->i && memcmp(d->zLo + q, "года", 8) == 0) {
        q += 7;
        continue;
      }
      bAfterDate = false;
    }
    if (bAfterDate && !pPlace) {
      pPlace = pM;
      break;
    }
    if (bInOf && !pLoose && meeting_sentence(d, aLeast, pM->i)) pLoose = pM;
    if (!bIn && !bDateline) continue;
    /* near the body's name, in its sentence ("The previous session was held in
    ** Yerevan" after the sentence naming the body is not where it met) */
    bool bNear = dr->body.zKey && pM->i >= dr->body.e && pM->i <= dr->body.e + 60 &&
                 ig_sent_start(d, pM->i) <= dr->body.i;
    /* ... or "in" it right before the body's name in its sentence («В Минске
    ** пройдет заседание СМИД СНГ») */
    if (bIn && dr->body.zKey && pM->e <= dr->body.i && pM->e + 60 >= dr->body.i &&
        ig_sent_start(d, pM->i) == ig_sent_start(d, dr->body.i))
      bNear = true;
    if (pDate && ig_sent_start(d, pDate->i) == ig_sent_start(d, pM->i)) bNear = true;
    if (bNear) pPlace = pM;
  }
  /* "in the Tajik capital", "in Kazakhstan's capital", «в столице
  ** Таджикистана», «в таджикской столице», no city named after it: the
  ** party's capital (less sure, 0.65) */
  const Mention *pCapOf = 0;
  const char *zCapital = 0;
  size_t iCapSpan = 0, eCapSpan = 0;
  for (int k = 0; !pPlace && !pAtSession && !pLoose && k < d->nM && !pCapOf; k++) {
    const Mention *pM = &d->aM[k];
    if (pM->p->kind != GZ_PARTY || pM->p->type == GZ_CAPITAL) continue;
    size_t e = pM->e;
    if (e + 2 <= d->n && memcmp(d->zLo + e, "'s", 2) == 0) e += 2;
    if (e + 4 <= d->n && memcmp(d->zLo + e, "’s", 4) == 0) e += 4;
    static const char zCapEn[] = " capital", zCapRu[] = " столиц", zInCapRu[] = "в столице ";
    size_t nEn = sizeof(zCapEn) - 1, nRu = sizeof(zCapRu) - 1, nIn = sizeof(zInCapRu) - 1;
    bool bCap = false;
    if (e + nEn <= d->n && memcmp(d->zLo + e, zCapEn, nEn) == 0 &&
        !gz_letter_at(d->zLo, d->n, e + nEn)) {
      bCap = true;
      iCapSpan = pM->i;
      eCapSpan = e + nEn;
    } else if (e + nRu <= d->n && memcmp(d->zLo + e, zCapRu, nRu) == 0) {
      bCap = true;
      iCapSpan = pM->i;
      eCapSpan = ig_word_end(d, e + nRu);
    } else if (pM->i >= nIn && memcmp(d->zLo + pM->i - nIn, zInCapRu, nIn) == 0) {
      bCap = true;
      iCapSpan = pM->i - nIn + 3; /* after "в " */
      eCapSpan = pM->e;
    }
    /* ... of a meeting held, or of one to come in a release about it ("The
    ** CIS Summit will be held in the Moldovan capital next Friday") */
    if (!bCap || !(meeting_sentence(d, aLeast, pM->i) || announced_here(d, pM->i))) continue;
    /* a city named right after it ("capital of Ashgabat") is found above */
    int q = ig_mention_from(d, pM->e);
    if (q < d->nM && d->aM[q].p->zPlace[0] && d->aM[q].i <= pM->e + 24) continue;
    for (int j = 0; j < d->g->n && !zCapital; j++) {
      const GzEntry *pE = &d->g->a[j];
      if (pE->type == GZ_CAPITAL && pE->kind == GZ_PARTY && pE->zPlace[0] &&
          strcmp(pE->zKey, pM->p->zKey) == 0)
        zCapital = pE->zPlace;
    }
    if (zCapital) pCapOf = pM;
  }
  xfree(aLeast);
  if (!pPlace && (pAtSession || pLoose)) {
    pPlace = pAtSession ? pAtSession : pLoose;
    conf = pAtSession ? 0.7 : 0.65;
  }
  /* An announcement, no meeting said held («Совет глав правительств СНГ
  ** пройдет 12 декабря. Он состоится в Москве.»): "in CITY" in a sentence
  ** about the meeting to come, not the next one after it (0.6) */
  if (!pPlace && !pCapOf && !ig_has_any(d, 0, d->n, azHeldWords)) {
    for (int k = 0; k < d->nM && !pPlace; k++) {
      const Mention *pM = &d->aM[k];
      if (!pM->p->zPlace[0] || all_caps(d, pM) || !city_said_in(d, pM) ||
          !ig_future_sentence(d, pM->i) || ig_next_sentence(d, pM->i) || past_sentence(d, pM->i) ||
          ig_in_quote(d, ig_sent_start(d, pM->i), pM->i))
        continue;
      /* of a meeting: a word for one in its sentence or the one before (not
      ** "our friends who will host the European Games in Baku") */
      static const char *const azMeet[] = {"summit",   "session", "meeting", "council", "саммит",
                                           "заседани", "сесси",   "совет",   "встреч",  0};
      size_t s0 = ig_sent_start(d, pM->i);
      size_t sPrev = s0 >= 2 ? ig_sent_start(d, s0 - 2) : s0;
      if (!ig_has_any(d, sPrev, ig_sent_end(d, pM->i), azMeet)) continue;
      pPlace = pM;
      conf = 0.6;
    }
  }
  /* ... or a city travelled to (0.6) */
  const Mention *pTo = city_travelled_to(d);
  if (!pPlace && !pCapOf && pTo) {
    pPlace = pTo;
    conf = 0.6;
  }
  dr->bTravelled = pPlace && pPlace == pTo;
  /* ... or a city naming the meeting ("the high organizational level of the
  ** Ashgabat meeting", "the Minsk summit"), not the next one nor a past one
  ** (0.6) */
  for (int k = 0; !pPlace && !pCapOf && k < d->nM; k++) {
    const Mention *pM = &d->aM[k];
    if (!pM->p->zPlace[0] || all_caps(d, pM) || pM->i < 4 ||
        memcmp(d->zLo + pM->i - 4, "the ", 4) != 0 || ig_next_sentence(d, pM->i) ||
        past_sentence(d, pM->i))
      continue;
    static const char *const azWhat[] = {" meeting", " summit", " session", 0};
    for (int j = 0; azWhat[j] && !pPlace; j++) {
      size_t n = strlen(azWhat[j]);
      if (pM->e + n <= d->n && memcmp(d->zLo + pM->e, azWhat[j], n) == 0 &&
          !gz_letter_at(d->zLo, d->n, pM->e + n)) {
        pPlace = pM;
        conf = 0.6;
      }
    }
  }
  /* Failing all of those, a dateline in capitals ("ST. PETERSBURG, Russia—",
  ** «ЧОЛПОН-АТА /Киргизия/, 14 августа.»): where the agency writes from,
  ** often where they met; a city that is no capital, where no agency
  ** sits, surely so (0.7), a capital only maybe (0.5) */
  if (!pPlace && !pCapOf) {
    const Mention *pLine = dateline_city(d);
    /* (not when it tells of a meeting still to come: "BISHKEK, October 9
    ** (RIA Novosti) - The presidents ... will not attend the summit in
    ** Kyrgyzstan on Friday"; the agency may write from home) */
    static const char *const azToCome[] = {
        "will ",   "to be held", "scheduled", "planned", "состоит",
        "пройдет", "пройдёт",    "будет",     "заплан",  0};
    if (pLine) {
      size_t s1 = ig_sent_end(d, pLine->i);
      size_t s2 = s1 < d->n ? ig_sent_end(d, s1 + 1) : s1;
      if (ig_has_any(d, ig_sent_start(d, pLine->i), s2, azToCome)) pLine = 0;
    }
    if (pLine) {
      pPlace = pLine;
      conf = pLine->p->kind == GZ_CITY ? 0.7 : 0.5;
    }
  }
  /* ... or the Kremlin: Moscow (0.6) */
  size_t iKr = 0, eKr = 0;
  const char *zMoscow = 0;
  if (!pPlace && !pCapOf && kremlin_said(d, &iKr, &eKr)) {
    for (int j = 0; j < d->g->n && !zMoscow; j++) {
      const GzEntry *pE = &d->g->a[j];
      if (pE->type == GZ_CAPITAL && pE->kind == GZ_PARTY && pE->zPlace[0] &&
          strcmp(pE->zKey, "RUS") == 0)
        zMoscow = pE->zPlace;
    }
  }
  if (!pPlace && !pCapOf && zMoscow) {
    json_object_set_new(dr->pSession, "place", json_string(zMoscow));
    ig_evidence(d, "place", iKr, eKr, 0.6, true);
  } else if (!pPlace && pCapOf) {
    json_object_set_new(dr->pSession, "place", json_string(zCapital));
    ig_evidence(d, "place", iCapSpan, eCapSpan, 0.65, true);
  } else if (pPlace) {
    json_object_set_new(dr->pSession, "place", json_string(pPlace->p->zPlace));
    /* from the word before the city ("in", «в», «столице») */
    size_t i0 =
        pPlace->i >= 2 && d->z[pPlace->i - 1] == ' ' ? ig_word_start(d, pPlace->i - 1) : pPlace->i;
    ig_evidence(d, "place", i0, pPlace->e, conf, false);
  } else {
    json_object_set_new(dr->pSession, "place", json_null());
    ig_evidence(d, "place", 0, 0, 0.5, true);
  }
}

/* Is the word after the one ending at e a summit or a session («неформальный
** саммит», "informal summit"; not «неформальная встреча», "informal
** meetings", often held beside the session)? */
static bool summit_after(const Doc *d, size_t e) {
  static const char *const azSummit[] = {"саммит", "заседани", "summit", "session", 0};
  size_t w = ig_word_end(d, e);
  while (w < d->n && d->z[w] == ' ') w++;
  return ig_has_any(d, w, ig_word_end(d, w), azSummit);
}

/* zFormat if a word of az (the first in az's order) is in the text, with
** it as the format's evidence; else NULL. */
static const char *format_word(Doc *d, const char *zOrg, const char *const *az, const char *zFormat,
                               double conf) {
  for (int k = 0; az[k]; k++) {
    for (const char *z = d->zLo; (z = strstr(z, az[k])) != 0; z++) {
      size_t i = (size_t)(z - d->zLo);
      /* "informal meetings could take place before the summit"; but in a
      ** release announcing the meeting, of the meeting it announces
      ** («неформальный саммит стран СНГ, который пройдет в Москве 8 мая») */
      if (ig_next_sentence(d, i) || (ig_future_sentence(d, i) &&
                                     !(announced_here(d, i) && summit_after(d, i + strlen(az[k])))))
        continue;
      /* «неформальная встреча лидеров государств СНГ» in a release about
      ** the EAEU's council: another organization's meeting */
      size_t s0 = ig_sent_start(d, i), s1 = ig_sent_end(d, i);
      bool bOther = false, bOwn = false;
      for (int x = ig_mention_from(d, s0), q = 0; zOrg && x < d->nM && d->aM[x].i < s1 && q < 16;
           x++, q++) {
        const GzEntry *p = d->aM[x].p;
        if (p->kind != GZ_ORG && p->kind != GZ_BODY) continue;
        if (strcmp(p->zOrg, zOrg) == 0)
          bOwn = true;
        else
          bOther = true;
      }
      if (bOther && !bOwn) continue;
      /* "The meeting came after the informal meeting of the Eurasian
      ** Economic Council": one before or after the session is another */
      /* ... and so is one had "also" ("We also had an informal meeting with
      ** the prime ministers", «также состоялась неформальная встреча»), and
      ** "both formal and informal meetings" are of every kind */
      static const char *const azOther[] = {
          "after the ", "after an ", "before the ", "following the ", "preceded by the ", "после ",
          "перед ",     "накануне ", "also ",       "также ",         "formal and ",      0};
      if (ig_has_any(d, i > s0 + 20 ? i - 20 : s0, i, azOther)) continue;
      /* «неформальную беседу», «неформальному обсуждению»: an informal
      ** talk among those at the session, not an informal session */
      static const char *const azTalk[] = {"бесед", "обсужд", "общени",  "разговор",
                                           "ужин",  "обед",   "завтрак", 0};
      size_t w = ig_word_end(d, i + strlen(az[k]));
      while (w < d->n && d->z[w] == ' ') w++;
      size_t we = ig_word_end(d, w);
      if (we > w && ig_has_any(d, w, we, azTalk)) continue;
      ig_evidence(d, "format", i, i + strlen(az[k]), conf, false);
      return zFormat;
    }
  }
  return 0;
}

/* A videoconference, or one participant on a screen while the others meet
** ("were joined, via videoconference, by President X": a hybrid session;
** "invited to the videoconference" says nothing of the format). */
static const char *format_video(Doc *d) {
  static const char *const azVideo[] = {"videoconference",
                                        "video conference",
                                        "video-conference",
                                        "video-conferencing",
                                        "videoconferencing",
                                        "video conferencing",
                                        "video link",
                                        "online meeting",
                                        "online summit",
                                        "online format",
                                        "видеоконференц",
                                        "онлайн-формат",
                                        "по видеосвязи",
                                        "в режиме онлайн",
                                        "(онлайн)",
                                        "(online)",
                                        0};
  /* ... "(онлайн)" right after one party of a list («главы Беларуси,
  ** России (онлайн), Таджикистана»): that one on a screen */
  static const char *const azOneRemote[] = {"joined",    "connected", "(via",     "подключ",
                                            "присоедин", "(онлайн)",  "(online)", 0};
  static const char *const azNotFormat[] = {"invited", "пригла", "consultation", "консультац", 0};
  /* the sentence is about a meeting: "session", "summit", a council... */
  static const char *const azMeetWord[] = {
      "session", "summit", "meeting", "council", "leaders", "heads of", "сесси", "саммит",
      "заседани", "совет", "лидер", "глав", "took part", "takes part", "taking part", "participat",
      "участие", "talks", "участву",
      /* «Встреча проходит в режиме видеоконференции» */
      "встреч", 0};
  size_t iOneRemote = 0, eOneRemote = 0; /* the first "joined via video" */
  for (int k = 0; azVideo[k]; k++) {
    for (const char *z = d->zLo; (z = strstr(z, azVideo[k])) != 0; z++) {
      size_t i = (size_t)(z - d->zLo), s0 = ig_sent_start(d, i), s1 = ig_sent_end(d, i);
      if (ig_has_any(d, s0, s1, azNotFormat) || !ig_has_any(d, s0, s1, azMeetWord)) continue;
      /* a plural without "the" ("holding online meetings") tells of
      ** meetings in general, not of this one ("took part in the video
      ** conferences in the work of the Council" is of this one) */
      size_t ze = i + strlen(azVideo[k]);
      if (ze < d->n && d->zLo[ze] == 's' && !gz_letter_at(d->zLo, d->n, ze + 1) &&
          !(i >= 4 && memcmp(d->zLo + i - 4, "the ", 4) == 0))
        continue;
      if (ig_has_any(d, s0, s1, azOneRemote)) {
        if (!eOneRemote) {
          iOneRemote = i;
          eOneRemote = i + strlen(azVideo[k]);
        }
        continue;
      }
      /* "President NAME takes part by videoconference": the others may
      ** have met in person (hybrid); unsure */
      bool bOne = false;
      for (int q = 0; q < d->nS && !bOne; q++) bOne = d->aS[q].i >= s0 && d->aS[q].i < i;
      /* ... or a party ("Armenia took part via video link") */
      for (int q = ig_mention_from(d, s0), x = 0; !bOne && q < d->nM && d->aM[q].i < i && x < 16;
           q++, x++)
        bOne = d->aM[q].p->kind == GZ_PARTY && d->aM[q].p->type != GZ_CAPITAL;
      ig_evidence(d, "format", i, i + strlen(azVideo[k]), bOne ? 0.6 : 0.9, false);
      return "videoconference";
    }
  }
  if (!eOneRemote) return 0;
  ig_evidence(d, "format", iOneRemote, eOneRemote, 0.7, false);
  return "hybrid";
}

/* Format: hybrid, videoconference, informal, else in person (inferred). */
static void draft_format(Draft *dr) {
  static const char *const azHybrid[] = {
      "hybrid format", "hybrid mode", "hybrid session",    "hybrid meeting", "hybrid summit",
      "in a hybrid",   "гибридн",     "смешанном формате", "очно-заочн",     0};
  static const char *const azInformal[] = {"informal summit", "informal meeting",
                                           "informal session", "неформальн", 0};
  Doc *d = dr->d;
  const char *zFormat = format_word(d, dr->body.zOrg, azHybrid, "hybrid", 0.9);
  if (!zFormat) zFormat = format_video(d);
  if (!zFormat) zFormat = format_word(d, dr->body.zOrg, azInformal, "informal", 0.8);
  if (!zFormat) {
    zFormat = "in_person";
    ig_evidence(d, "format", 0, 0, 0.6, true);
  }
  /* one participant by video ("President NAME takes part by videoconference")
  ** where the session has a place found surely ("in Dushanbe" by the body's
  ** name): the others met there, hybrid (as unsure) */
  /* ... or a city the others travel to («его поездку в Душанбе пришлось
  ** отменить»: the one by video stayed away from where they met) */
  /* ... or the others are said to have gathered («Главы правительств ...
  ** собрались на заседание», "posed for a family photo") */
  /* ... or the session is said to have begun somewhere («Заседание ...
  ** началось в четверг в Душанбе», "opened in Minsk") */
  static const char *const azGathered[] = {"собрались",  "прибыли",      "общее фото", "gathered",
                                           "arrived",    "family photo", "началось в", "начался в",
                                           "открылся в", "opened in",    "began in",   0};
  const json_t *pFmtEv = json_object_get(d->pEv, "format");
  if (strcmp(zFormat, "videoconference") == 0 &&
      json_real_value(json_object_get(pFmtEv, "confidence")) < 0.7 &&
      (json_real_value(json_object_get(json_object_get(d->pEv, "place"), "confidence")) >= 0.8 ||
       dr->bTravelled || ig_has_any(d, 0, d->n, azGathered)))
    zFormat = "hybrid";
  /* a city found only loosely is no place of a videoconference */
  if (strcmp(zFormat, "videoconference") == 0 &&
      json_real_value(json_object_get(json_object_get(d->pEv, "place"), "confidence")) < 0.7) {
    json_object_set_new(dr->pSession, "place", json_null());
    ig_evidence(d, "place", 0, 0, 0.5, true);
  }
  json_object_set_new(dr->pSession, "format", json_string(zFormat));
}

/* Attendance: the parties present and absent, each with who came for it
** (ingest_attend.c; the rules run in this order). */
static void draft_attendance(Draft *dr) {
  Attendance a;
  ig_attend_init(&a);
  a.zOrg = dr->body.zOrg;
  a.zDate = str(dr->pSession, "date");
  a.zLevel = dr->body.zLevel;
  ig_attend_listed(dr->d, &a);
  ig_attend_absent(dr->d, &a);
  ig_attend_speakers(dr->d, dr->body.zLevel, &a);
  ig_attend_named(dr->d, &a);
  ig_attend_name_role(dr->d, &a);
  ig_attend_clauses(dr->d, dr->body.zKey, dr->body.zLevel, &a);
  ig_attend_chair(dr->d, str(dr->pSession, "place"), &a);
  ig_attend_host_chair(dr->d, str(dr->pSession, "place"), &a);
  json_object_set_new(dr->pSession, "attendance", ig_attend_record(dr->d, &a));
  ig_attend_free(&a);
}

/* Documents adopted: "approved the X and the Y" matched to the registry's
** documents; those not in the registry go in the evidence only. */
static void draft_adopted(Draft *dr) {
  dr->adopted.aIds = json_array();
  dr->adopted.pUsed = json_object();
  dr->adopted.aDocs = json_array();
  ig_find_adopted(dr->d, dr->body.zOrg, &dr->adopted);
}

/* The co-chairs named within 300 bytes after e ("Its co-chairs next year
** will be Uzbekistan ... and Kazakhstan"), but the chair. */
static json_t *co_chairs(const Doc *d, size_t e, const char *zParty) {
  json_t *aCo = json_array();
  const char *zCo = strstr(d->zLo + e, "co-chair");
  if (!zCo || (size_t)(zCo - d->zLo) >= e + 300) return aCo;
  size_t cs = ig_sent_start(d, (size_t)(zCo - d->zLo)), ce = ig_sent_end(d, (size_t)(zCo - d->zLo));
  for (int j = 0; j < d->nM; j++) {
    const Mention *pM = &d->aM[j];
    if (pM->p->kind == GZ_PARTY && pM->i >= cs && pM->e <= ce && strcmp(pM->p->zKey, zParty) != 0) {
      bool bDup = false;
      for (size_t q = 0; q < json_array_size(aCo); q++)
        if (strcmp(json_string_value(json_array_get(aCo, q)), pM->p->zKey) == 0) bDup = true;
      if (!bDup) json_array_append_new(aCo, json_string(pM->p->zKey));
    }
  }
  return aCo;
}

/* Chairmanship: "Belarus will take over the Presidency ... in 2021" (the
** last party named before, the first year after), with its co-chairs; the
** registry's decision on it, if it holds one, is adopted. */
static void draft_chairmanship(Draft *dr) {
  static const char *const azTake[] = {"take over the presidency",
                                       "takes over the presidency",
                                       "take over the chairmanship",
                                       "takes over the chairmanship",
                                       "will chair",
                                       "will preside",
                                       0};
  Doc *d = dr->d;
  for (int k = 0; azTake[k]; k++) {
    const char *z = strstr(d->zLo, azTake[k]);
    if (!z) continue;
    size_t i = (size_t)(z - d->zLo), s = ig_sent_start(d, i), e = ig_sent_end(d, i);
    const char *zParty = 0;
    for (int j = 0; j < d->nM; j++)
      if (d->aM[j].p->kind == GZ_PARTY && d->aM[j].i >= s && d->aM[j].e <= i)
        zParty = d->aM[j].p->zKey;
    int year = 0;
    for (size_t q = i; q + 4 <= e && !year; q++) {
      size_t e4;
      if (!gz_letter_before(d->zLo, q)) year = ig_year_at(d, q, &e4);
    }
    if (!zParty) return;
    json_t *pC = json_object();
    json_object_set_new(pC, "text", ig_span(d, s, e));
    json_object_set_new(pC, "confidence", json_real(0.7));
    json_object_set_new(pC, "inferred", json_false());
    json_object_set_new(pC, "party", json_string(zParty));
    json_object_set_new(pC, "year", year ? json_integer(year) : json_null());
    json_object_set_new(pC, "co_chairs", co_chairs(d, e, zParty));
    json_object_set_new(d->pEv, "chairmanship", pC);
    ig_chair_decision(d, zParty, year, s, e, &dr->adopted);
    return;
  }
}

/* The documents found, into the record ("adopted") and the evidence
** ("documents[i]"). */
static void record_documents(Draft *dr) {
  json_decref(dr->adopted.pUsed);
  json_object_set_new(dr->pSession, "adopted", dr->adopted.aIds);
  for (size_t q = 0; q < json_array_size(dr->adopted.aDocs); q++) {
    char zField[32];
    snprintf(zField, sizeof(zField), "documents[%zu]", q);
    json_object_set(dr->d->pEv, zField, json_array_get(dr->adopted.aDocs, q));
  }
  json_decref(dr->adopted.aDocs);
}

/* Next session: a date in a sentence with "next" and "summit"/"session"
** (its year, if not given, the first after the session's), and a place in
** the same sentence. */
static void draft_next(Draft *dr) {
  Doc *d = dr->d;
  for (int k = 0; k < d->nD; k++) {
    const DateM *pD = &d->aD[k];
    if (pD->bPosted || !ig_next_sentence(d, pD->i)) continue;
    json_t *pNext = json_object();
    int ny = pD->y;
    bool bInferred = false;
    if (!ny && dr->bDate) {
      ny = pD->m > dr->m || (pD->m == dr->m && pD->d > dr->dd) ? dr->y : dr->y + 1;
      bInferred = true;
    }
    /* 29 February carried into a year that has none is no date */
    if (ny && !ig_valid_ymd(ny, pD->m, pD->d)) ny = 0;
    if (ny)
      set_date(pNext, "date", ny, pD->m, pD->d);
    else
      json_object_set_new(pNext, "date", json_null());
    size_t s = ig_sent_start(d, pD->i), e = ig_sent_end(d, pD->i);
    /* Another date in the sentence ("the next session ... on October 14, 2022, Lebedev said,
    ** summing up the session held in Minsk on October 14"): which date and which city are the
    ** next session's is unsure. */
    int nDates = 0;
    for (int j = k; j < d->nD && d->aD[j].i < e; j++) nDates++;
    for (int j = k; j > 0 && d->aD[j - 1].i >= s; j--) nDates++;
    double conf = nDates > 1 ? 0.5 : 0.8;
    ig_evidence(d, "next.date", pD->i, pD->e, bInferred ? 0.5 : conf, bInferred);
    /* the city nearest the date in its sentence */
    json_t *pPl = json_null();
    const Mention *pBest = 0;
    size_t nBest = SIZE_MAX;
    for (int j = ig_mention_from(d, s); j < d->nM && d->aM[j].i < e; j++) {
      const Mention *pM = &d->aM[j];
      if (!pM->p->zPlace[0] || pM->e > e) continue;
      size_t dist = pM->i >= pD->e ? pM->i - pD->e : pD->i >= pM->e ? pD->i - pM->e : 0;
      if (dist < nBest) {
        nBest = dist;
        pBest = pM;
      }
    }
    if (pBest) {
      pPl = json_string(pBest->p->zPlace);
      ig_evidence(d, "next.place", pBest->i, pBest->e, conf, false);
    }
    json_object_set_new(pNext, "place", pPl);
    json_object_set_new(dr->pSession, "next", pNext);
    return;
  }
  /* No day for it ("the next summit will be held in Moscow in fall 2017", «очередное
  ** заседание пройдет в мае 2019 года в Астане"): the city alone, after "in"/"в". */
  for (int j = 0; j < d->nM; j++) {
    const Mention *pM = &d->aM[j];
    if (!pM->p->zPlace[0] || all_caps(d, pM) || !ig_next_sentence(d, pM->i) ||
        ig_held_before(d, pM->i))
      continue;
    bool bIn = (pM->i >= 3 && memcmp(d->zLo + pM->i - 3, "in ", 3) == 0) ||
               (pM->i >= 3 && memcmp(d->zLo + pM->i - 3, "в ", 3) == 0) ||
               (pM->i >= 5 && memcmp(d->zLo + pM->i - 5, "во ", 5) == 0);
    /* ... or named after its state's capital ("in the capital of Tajikistan, Dushanbe", "in
    ** the Tajik capital Dushanbe", «в столице Таджикистана Душанбе») */
    static const char *const azCap[] = {"in the capital", " capital ", "в столице", 0};
    size_t s2 = ig_sent_start(d, pM->i);
    size_t iEv = pM->i - 3;
    if (!bIn && pM->i > s2 && ig_has_any(d, pM->i - s2 > 40 ? pM->i - 40 : s2, pM->i, azCap)) {
      bIn = true;
      iEv = pM->i;
    }
    if (!bIn || !ig_future_sentence(d, pM->i) || !dr->body.zKey) continue;
    /* ... and the sentence names the body that met (not "next meetings of the heads of
    ** state" in a release about the foreign ministers); 16 mentions looked at */
    size_t s0 = ig_sent_start(d, pM->i), s1 = ig_sent_end(d, pM->i);
    bool bBody = false;
    for (int q = ig_mention_from(d, s0), x = 0; q < d->nM && d->aM[q].i < s1 && !bBody && x < 16;
         q++, x++)
      bBody = d->aM[q].p->kind == GZ_BODY && strcmp(d->aM[q].p->zKey, dr->body.zKey) == 0;
    if (!bBody) continue;
    json_t *pNext = json_object();
    json_object_set_new(pNext, "date", json_null());
    json_object_set_new(pNext, "place", json_string(pM->p->zPlace));
    ig_evidence(d, "next.place", iEv, pM->e, 0.6, false);
    json_object_set_new(dr->pSession, "next", pNext);
    return;
  }
}

/* Sources: the press release itself, titled by its first line of three
** words or more (not the Posted line), else by its name. */
static void draft_sources(Draft *dr, const char *zName) {
  Doc *d = dr->d;
  size_t t = 0;
  json_t *pTitle = 0;
  while (t < d->n && !pTitle) {
    size_t e = t;
    while (e < d->n && d->z[e] != '\n') e++;
    size_t words = 0;
    for (size_t q = t; q < e; q++)
      if (d->z[q] == ' ' && q + 1 < e && d->z[q + 1] != ' ') words++;
    if (words >= 3 && !ig_has(d, t, e, "posted")) pTitle = ig_span(d, t, e - t > 300 ? t + 300 : e);
    t = e + 1;
  }
  json_t *aSrc = json_array(), *pSrc = json_object();
  json_object_set_new(pSrc, "title", pTitle ? pTitle : json_string(zName));
  json_object_set_new(pSrc, "ref", json_string(zName));
  json_array_append_new(aSrc, pSrc);
  json_object_set_new(dr->pSession, "sources", aSrc);
}

/* Speakers: each once (by surname), with role and party; the record has no
** field for them, so they stay in the evidence. */
static void draft_speakers(Draft *dr) {
  Doc *d = dr->d;
  int nSpk = 0;
  StrMap seen = {0}; /* surnames */
  for (int k = 0; k < d->nS; k++) {
    const Speaker *s = &d->aS[k];
    bool bNew;
    strmap_insert(&seen, ig_surname(s->zName), 0, &bNew);
    if (!bNew) continue;
    char zField[32];
    snprintf(zField, sizeof(zField), "speakers[%d]", nSpk++);
    ig_evidence(d, zField, s->i, s->e, 0.8, false);
    json_t *pE = json_object_get(d->pEv, zField);
    json_object_set_new(pE, "name", json_string(s->zName));
    json_object_set_new(pE, "role", json_string(s->zRole));
    json_object_set_new(pE, "party", s->zParty ? json_string(s->zParty) : json_null());
  }
  strmap_free(&seen);
}

/* Quotes: every quotation of 40 bytes or more (at most 100), with who said
** it (ig_quote_speaker), in the evidence. */
static void draft_quotes(Draft *dr) {
  Doc *d = dr->d;
  const char *zMain = ig_main_speaker(d, json_object_get(dr->pSession, "attendance"));
  int nQ = 0;
  QuoteScan scan = {{0}, {0}, {0}};
  for (size_t i = 0; i + 3 < d->n && nQ < 100; i++) {
    size_t nOpen, j, nClose;
    if (!ig_quote_at(d, &scan, i, &nOpen, &j, &nClose)) continue;
    if (j - i < 40) {
      i = j + nClose - 1;
      continue;
    }
    double conf;
    bool bNamed;
    const char *zWho = ig_quote_speaker(d, i, j + nClose, zMain, &conf, &bNamed);
    char zField[32];
    snprintf(zField, sizeof(zField), "quotes[%d]", nQ++);
    ig_evidence(d, zField, i + nOpen, j, conf, !bNamed);
    json_object_set_new(json_object_get(d->pEv, zField), "speaker",
                        zWho ? json_string(zWho) : json_null());
    i = j + nClose - 1;
  }
}

json_t *ingest_draft(const Gazetteer *g, const char *zName, const char *zData, size_t nData,
                     const char *zPublished, Buf *pErr) {
  Doc doc;
  if (nData > INGEST_MAX_BYTES) {
    buf_printf(pErr, "%s: too large for ingest: %zu bytes, more than the limit of %d MiB", zName,
               nData, (int)(INGEST_MAX_BYTES >> 20));
    return 0;
  }
  pdate tPub;
  if (zPublished && date_parse(zPublished, strlen(zPublished), &tPub)) {
    buf_printf(pErr, "published: expected a real date YYYY-MM-DD, got \"%s\"", zPublished);
    return 0;
  }
  if (!ig_read(&doc, g, zName, zData, nData, pErr)) return 0;
  if (zPublished) {
    doc.pub.bPosted = true;
    date_to_ymd(tPub, &doc.pub.y, &doc.pub.m, &doc.pub.d);
  }
  ig_find_mentions(&doc);
  ig_mend_list_stops(&doc);
  ig_find_people(&doc);
  ig_find_dates(&doc);
  ig_find_speakers(&doc);
  Draft dr = {.d = &doc, .pSession = json_object()};
  dr.pDate = ig_session_date(&doc);
  dr.pPosted = ig_posted_date(&doc);
  /* The body is chosen by the date's sentence (the text's own: not the
  ** publication date given), the date's year by the body. */
  const DateM *pRef = dr.pDate;
  for (int k = 0; !pRef && k < doc.nD; k++)
    if (doc.aD[k].bPosted) pRef = &doc.aD[k];
  dr.body = ig_choose_body(&doc, pRef);
  /* In this order: the fields write their keys of the record and of the
  ** evidence in turn, and some read an earlier one's (the next session's
  ** year the session's date, quotes the attendance). */
  draft_date(&dr);
  draft_body(&dr);
  draft_number(&dr);
  record_identity(&dr);
  draft_place(&dr);
  draft_format(&dr);
  draft_attendance(&dr);
  draft_adopted(&dr);
  draft_chairmanship(&dr);
  record_documents(&dr);
  draft_next(&dr);
  draft_sources(&dr, zName);
  draft_speakers(&dr);
  draft_quotes(&dr);
  json_t *pOut = json_object();
  json_object_set_new(pOut, "file", json_string(zName));
  json_object_set_new(pOut, "session", dr.pSession);
  json_object_set_new(pOut, "evidence", doc.pEv);
  ig_surnames_free(doc.pSur); /* ingest_attend.c's, made for the reading */
  ig_free(&doc);
  return pOut;
}

/* A value the person gives for what the text lacks or gets wrong (--date,
** --place, or typed at the prompt): it wins over the text, and the evidence
** says where it came from and what the text said. */
void ingest_give(json_t *pDraft, const char *zField, const char *zValue, const char *zHow) {
  json_t *s = json_object_get(pDraft, "session"), *ev = json_object_get(pDraft, "evidence");
  const json_t *pOld = json_object_get(ev, zField);
  const char *zWas = str(s, zField);
  const char *zSpan = str(pOld, "text");
  Buf note = {0};
  buf_puts(&note, zHow);
  if (zWas && strcmp(zWas, zValue) != 0) {
    buf_puts(&note, "; ");
    ig_note_put(&note,
                json_is_true(json_object_get(pOld, "inferred")) ? N_("the text says {0} (inferred)")
                                                                : N_("the text says {0}"),
                zWas);
  } else if (!zWas && zSpan) { /* a day and month without a year */
    buf_puts(&note, "; ");
    ig_note_put(&note, N_("the text says \"{0}\""), zSpan);
  }
  json_t *p = json_object();
  json_object_set_new(p, "text", json_null());
  json_object_set_new(p, "confidence", json_real(1.0));
  json_object_set_new(p, "inferred", json_false());
  json_object_set_new(p, "note", json_string(note.z));
  json_object_set_new(ev, zField, p);
  buf_free(&note);
  json_object_set_new(s, zField, json_string(zValue));
  const char *zBody = str(s, "body");
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
  static const char *const az[] = {0, N_("no body recognized"), N_("no full date found")};
  return az[lack];
}
