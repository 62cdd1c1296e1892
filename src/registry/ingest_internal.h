/*
** Private to ingest (ingest.h): the press release being read and the
** readers the fields' drafting shares, all named ig_*.
**
**   ingest_text.c    the text: HTML to plain text, sentences, evidence spans
**   ingest_names.c   the gazetteer's names in it, and which body met
**   ingest_dates.c   dates in English and Russian, and which is the session's
**   ingest_attend.c  speakers, attendance, quotes and who said them
**   ingest_docs.c    documents adopted, matched to the registry's
**   ingest.c         the draft: one function per field of the session record
**
** Every reader costs time linear in the text (bench/scale.sh checks it): what
** a reader asks of a stretch of text (the sentence around a place, is a word
** in it, is a name in it) is answered from an index built once (sentence
** ends, a word's places, mentions by start and by end, the speakers'
** surnames), never by reading the text again from the start or from the
** start of a sentence that may be the whole text.
*/
#ifndef PACTA_INGEST_INTERNAL_H
#define PACTA_INGEST_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gazetteer.h"
#include "util.h"

/* A gazetteer entry named at [i, e). */
typedef struct Mention {
  size_t i, e;
  const GzEntry *p;
} Mention;

/* A date written at [i, e); y is 0 when the text gives no year. */
typedef struct DateM {
  size_t i, e;
  int y, m, d;
  bool bPosted; /* the "Posted:" line's */
} DateM;

/* A person named with a role ("Russian Defense Minister Sergei Shoigu"). */
typedef struct Speaker {
  size_t i, e; /* the whole "ROLE of COUNTRY NAME" span */
  char zName[96];
  char zRole[64];
  const char *zParty; /* or NULL */
  bool bVerb;         /* followed by a verb of speech or action */
  bool bAbsent;       /* "would not attend" */
} Speaker;

typedef struct Words Words;       /* where words occur (ingest_text.c) */
typedef struct Surnames Surnames; /* the speakers' surnames (ingest_attend.c) */

/* The press release being read. The text has no NUL byte (ig_read turns
** them into spaces) and is at most INGEST_MAX_BYTES long, so offsets fit
** in 32 bits. */
typedef struct Doc {
  const Gazetteer *g;
  char *z;   /* the plain text */
  char *zLo; /* case-folded copy, same offsets */
  size_t n;
  uint32_t *aEnd; /* every sentence's end (ig_sent_end), in order */
  size_t nEnd;
  Words *pWords; /* the places of each word ig_has was asked for over a long stretch */
  Mention *aM;   /* sorted by start, none inside a longer one */
  int nM;
  Mention *aP; /* people the registry records for a party, by surname (p: the
               ** party's entry), sorted by start; their name's case in aPGen */
  bool *aPGen; /* ... the surname in the genitive ("Путина") */
  int nP;
  size_t *aReach; /* aReach[k]: the furthest end of aM[0..k] */
  int *aByEnd;    /* indexes of aM sorted by end, then index */
  DateM *aD;      /* in text order */
  int nD;
  Speaker *aS;
  int nS;
  Surnames *pSur; /* the speakers' surnames and where they are */
  json_t *pEv;    /* the draft's evidence: field -> {text, confidence, inferred} */
  DateM pub;      /* the publication date given with the text (--published): at
                  ** [0, 0), bPosted; y is 0 when none was given */
} Doc;

/* ---- ingest_note.c ------------------------------------------------------ */

/* Append zMsg, one of ingest_note.c's messages (English, N_()), with its
** {0}, {1}... replaced by the NULL-ended pieces azArg. */
void ig_note_put_a(Buf *p, const char *zMsg, const char *const *azArg);
#define ig_note_put(p, zMsg, ...) ig_note_put_a(p, zMsg, (const char *const[]){__VA_ARGS__, 0})
/* Set pEv's "note" to zMsg with its pieces put in: ig_note for a message
** without pieces, ig_note_a for one with (the NULL-ended pieces azArg). */
void ig_note(json_t *pEv, const char *zMsg);
void ig_note_a(json_t *pEv, const char *zMsg, const char *const *azArg);

/* ---- ingest_text.c ------------------------------------------------------ */

/* Read a press release (text or HTML) into d, or false with the reason in
** pErr (binary data, no text). Finds nothing in it yet. */
bool ig_read(Doc *d, const Gazetteer *g, const char *zName, const char *zData, size_t nData,
             Buf *pErr);
/* Free what d holds but its evidence (which the draft takes) and its
** speakers' surnames (ig_surnames_free, ingest_attend.c). */
void ig_free(Doc *d);

/* The text at [i, e) with whitespace runs as one space, as a JSON string. */
json_t *ig_span(const Doc *d, size_t i, size_t e);
/* Set the evidence of zField: the text at [i, e) (null when empty), a
** confidence and whether the value was inferred. */
void ig_evidence(Doc *d, const char *zField, size_t i, size_t e, double conf, bool bInferred);

/* The start and end of the sentence around i. */
size_t ig_sent_start(const Doc *d, size_t i);
size_t ig_sent_end(const Doc *d, size_t i);
/* Is zWord (folded) / one of az (NULL-terminated) in the text at [i, e)?
** A long stretch is looked up in the word's places, found on first use. */
bool ig_has(const Doc *d, size_t i, size_t e, const char *zWord);
bool ig_has_any(const Doc *d, size_t i, size_t e, const char *const *az);
/* Does one of az (lower case, NULL-ended) end right before i, starting a
** word when bWord? */
bool ig_ends_before(const Doc *d, size_t i, const char *const *az, bool bWord);
/* Where zWord (folded) first occurs at or after i, or SIZE_MAX. */
size_t ig_find(const Doc *d, size_t i, const char *zWord);
/* The end of the word at e; the start of the word that ends at e. */
size_t ig_word_end(const Doc *d, size_t e);
size_t ig_word_start(const Doc *d, size_t e);
/* Is there a capital letter (Latin or Cyrillic) at i? */
bool ig_upper_at(const Doc *d, size_t i);
/* Is the sentence around i about the next session ("next summit")? About a
** meeting still to come ("to be held")? */
bool ig_next_sentence(const Doc *d, size_t i);
bool ig_future_sentence(const Doc *d, size_t i);
/* ... or one that tells in the future of who will come or not ("will not
** attend the CIS summit in Kyrgyzstan on Friday", «в четверг прибудет на
** саммит», «не посетят саммит»): a sentence about what is to come. */
bool ig_coming_sentence(const Doc *d, size_t i);
/* Is i in what its sentence says a council or an organization is made of,
** after the verb ("The Collective Security Council comprises the heads of
** state of Armenia, Belarus, ...", «В организацию входят ...»), not past a
** "but" («..., однако на саммите не присутствовал ...») nor of a delegation
** («в состав делегации входят»)? Who it is made of is not who came. */
bool ig_composition_before(const Doc *d, size_t i);
/* Is what is at i said of a meeting already held ("the session held in Minsk on
** October 14", «состоявшемся 6 декабря»), though its sentence also tells of the
** next one? The 40 bytes before i are read. */
bool ig_held_before(const Doc *d, size_t i);

/* ---- ingest_names.c ----------------------------------------------------- */

/* Find every gazetteer name in the text (d->aM, d->aReach, d->aByEnd). */
void ig_find_mentions(Doc *d);
/* The first mention starting at or after i (d->nM if none); the first
** entry of d->aByEnd whose mention ends at or after e (d->nM if none). */
int ig_mention_from(const Doc *d, size_t i);
int ig_mention_ending(const Doc *d, size_t e);
/* Drop the sentence ends that are stray full stops inside a list of heads
** (after ig_find_mentions). */
void ig_mend_list_stops(Doc *d);
/* For "is a mention of these kinds (a mask of 1 << GzKind) wholly inside
** [s, e)?": the least end of such mentions from each index on (d->nM + 1
** entries, SIZE_MAX for none; free with xfree), and the question. */
size_t *ig_least_ends(const Doc *d, unsigned mKinds);
bool ig_mention_inside(const Doc *d, const size_t *aLeast, size_t s, size_t e);
/* Find every surname of a person the registry records representing a
** party (gz_person): "Putin", «Путина», «Путиным» (d->aP). */
void ig_find_people(Doc *d);
/* The person whose surname is the word at i, or NULL. */
const Mention *ig_person_at(const Doc *d, size_t i);

/* The party named at i (after spaces), or NULL; *pE: the name's end. */
const Mention *ig_party_at(const Doc *d, size_t i, size_t *pE);

/* The body that met, with its organization and level, a confidence
** (score) and its best mention [i, e); zKey is NULL when none is named. */
typedef struct Choice {
  const char *zKey;
  const char *zOrg, *zLevel;
  double score;
  size_t i, e;
} Choice;
Choice ig_choose_body(const Doc *d, const DateM *pDate);

/* ---- ingest_dates.c ----------------------------------------------------- */

/* Find every date in the text (d->aD). */
void ig_find_dates(Doc *d);
/* The session's date (year or not), or NULL; the publication date given
** with the text (d->pub), else the Posted line's, or NULL. */
const DateM *ig_session_date(const Doc *d);
const DateM *ig_posted_date(const Doc *d);
/* How many days after the publication date a date may fall and still be the
** session's (a release posted the evening before, a time zone away). */
#define IG_PUB_AHEAD_DAYS 3
/* How many days before the publication date given with the text a date may
** fall and still be the session's (a report written weeks after). */
#define IG_PUB_BACK_DAYS 45
/* The year of day dd of month m nearest the publication date d->pub, not
** after it by more than IG_PUB_AHEAD_DAYS (bToCome: of a meeting to come, the
** first not before it by more than that); 0 without a given date. */
int ig_pub_year(const Doc *d, int m, int dd, bool bToCome);
/* The year of the date pDate the text gives without one, or 0; zWhy says
** how. */
int ig_infer_year(const Doc *d, const DateM *pDate, const char *zOrg, char *zWhy, size_t nWhy);
/* Is y-m-dd a real date (y 1900-2100, or 0 for a day and month)? */
bool ig_valid_ymd(int y, int m, int dd);
/* A number of 1 to nMax digits at i, or -1; a year 1900-2100 at i, or 0.
** *pE: its end. */
int ig_number_at(const Doc *d, size_t i, int nMax, size_t *pE);
int ig_year_at(const Doc *d, size_t i, size_t *pE);

/* ---- ingest_attend.c ---------------------------------------------------- */

/* Find every "ROLE of COUNTRY NAME" (d->aS), and their surnames (d->pSur). */
void ig_find_speakers(Doc *d);
/* A speaker's surname: the last word of the name. */
const char *ig_surname(const char *zName);
void ig_surnames_free(Surnames *p);

/* Who attended, as found so far. */
typedef struct Attendance {
  json_t *pPresent, *pAbsent; /* party code -> the words that say so */
  json_t *pBy;                /* party code -> index of its first fitting speaker */
  json_t *pNamed;             /* party code -> a name listed with it, without a role */
  json_t *pClause;            /* party code -> {status, text, confidence, by?, role?} read clause by
                              ** clause (ingest_clause.c); it wins over the rules above */
  const char *zOrg;           /* the body's organization, or NULL: who is a member of it */
  const char *zDate;          /* the session's date (YYYY-MM-DD), or NULL */
  const char *zLevel;         /* the body's level, or NULL */
} Attendance;
void ig_attend_init(Attendance *a);
void ig_attend_free(Attendance *a);
/* The party that chairs the organization now and hosts the session: present
** (0.6) when nothing else was said of it. */
void ig_attend_chair(const Doc *d, const char *zPlace, Attendance *a);
/* Present, unsurely (0.6): the party the registry records as chairing the
** organization in the session's year (a->zDate) where the session is held
** in its capital or one of its cities (zPlace, named in the text), when no
** clause said otherwise. */
void ig_attend_host_chair(const Doc *d, const char *zPlace, Attendance *a);
/* "NAME, Prime Minister of PARTY": the name before its role is the party's
** name (a->pNamed) when none is listed with it otherwise. */
void ig_attend_name_role(const Doc *d, Attendance *a);
/* Is i inside a quotation opened since s (the start of its sentence)? */
bool ig_in_quote(const Doc *d, size_t s, size_t i);
/* The rules, in the order they run (a later one reads the earlier ones'). */
void ig_attend_listed(const Doc *d, Attendance *a);
void ig_attend_absent(const Doc *d, Attendance *a);
void ig_attend_speakers(const Doc *d, const char *zLevel, Attendance *a);
void ig_attend_named(const Doc *d, Attendance *a);
/* Clause by clause (ingest_clause.c): each party to the nearest predicate
** of its clause, weighed with its role against the body zBody's level. */
void ig_attend_clauses(Doc *d, const char *zBody, const char *zLevel, Attendance *a);
/* Is the sentence around i of the organization's history ("In 1993, it was
** joined by Azerbaijan, Belarus and Georgia"): a verb of founding, joining
** or signing, and every year it writes before the session's (the
** publication date's, else the latest the text writes)? */
bool ig_history_at(const Doc *d, size_t i);
/* A man's Russian name in case c in the nominative: "Садыра Жапарова" is
** "Садыр Жапаров" (ingest_clause.c). */
typedef enum { RU_GENITIVE, RU_INSTRUMENTAL, RU_DATIVE } RuCase;
json_t *ig_name_nominative(const char *z, size_t n, RuCase c);
/* Do words in the 160 bytes before i, in its sentence, put a name at i in
** the genitive («с участием», «председательством», «президентов»)? */
bool ig_genitive_before(const Doc *d, size_t i);

/* The session's "attendance": present, represented, observer, then absent,
** each by party code, with its evidence "attendance.CODE". A party taking
** part in a session of an organization it is not a member of (on a->zDate,
** by the registry's memberships) is an observer. */
json_t *ig_attend_record(Doc *d, const Attendance *a);

/* The main speaker (see ingest_attend.c) given the session's attendance. */
const char *ig_main_speaker(const Doc *d, const json_t *aAttendance);
/* Where the search for each kind of closing mark last started and stopped:
** read forward, quotes never read a stretch of text twice. Zero it first. */
typedef struct QuoteScan {
  size_t aFrom[3], aStop[3];
  bool abSet[3];
} QuoteScan;
/* A quotation opening at i (i + 3 < d->n; i never less than the last
** call's with the same pScan): true with its mark's length *pnOpen, the
** closing mark at *pj and its length *pnClose (on the same line). */
bool ig_quote_at(const Doc *d, QuoteScan *pScan, size_t i, size_t *pnOpen, size_t *pj,
                 size_t *pnClose);
/* Who said the quote at [i, a) (a: after its closing mark), or NULL; *pConf
** and *pbNamed: how sure, and whether a name follows it. */
const char *ig_quote_speaker(const Doc *d, size_t i, size_t a, const char *zMain, double *pConf,
                             bool *pbNamed);

/* ---- ingest_docs.c ------------------------------------------------------ */

/* The documents adopted, as found so far. */
typedef struct Adopted {
  json_t *aIds;  /* the registry's ids, for the session's "adopted" */
  json_t *pUsed; /* id -> true: each document once; "@OFFSET": each phrase once */
  json_t *aDocs; /* every phrase, matched or not, for "documents[i]" */
} Adopted;
/* "approved the X and the Y": the phrases, matched to the registry's
** documents of the organization zOrg. */
void ig_find_adopted(const Doc *d, const char *zOrg, Adopted *pA);
/* The registry's decision on zParty's chairing in year, if it holds one:
** adopted, its evidence the sentence at [s, e). */
void ig_chair_decision(const Doc *d, const char *zParty, int year, size_t s, size_t e, Adopted *pA);

#endif
