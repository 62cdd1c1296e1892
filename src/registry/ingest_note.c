/* The evidence notes of ingest's drafts. A draft is interchange data: its
** notes are English, each one of the messages below with its pieces ({0},
** {1}...: a date, a year, a party's code) put in. Where a note is shown to
** a person, ingest_note_text finds the message it was made from and puts
** the same pieces in that message's translation. */
#include <string.h>

#include "i18n.h"
#include "ingest.h"
#include "ingest_internal.h"

/* Every message a note is made from. Of two that could make the same note,
** the one with more words is first ("not a member of {0} on {1}" before
** "not a member of {0}"). */
static const char *const azNote[] = {
    /* the date (ingest.c, ingest_dates.c) */
    N_("a day alone, in the month of the publication date"),
    N_("a day alone, in the month of the date before it"),
    N_("the publication date; the text does not say when it met"),
    N_("the publication date (the text says today)"),
    N_("counted back from the publication date"),
    N_("a meeting still to come: the one announced"),
    N_("no year in the text: date not set"),
    N_("no date in the text"),
    N_("the last such day up to the publication date {0}"),
    N_("the first such day from the publication date {0}"),
    N_("year of the Posted line"),
    N_("year of the date {0}, {1} days away"),
    N_("the next session is in {0}, after this one"),
    /* TRANSLATORS: {0} a party's code, {1} an organization's, {2} a year. */
    N_("{0} chaired {1} in {2} (registry; the latest year of several it chaired); bounded by a "
       "'till' year in the text"),
    N_("{0} chaired {1} in {2} (registry; the latest year of several it chaired)"),
    N_("{0} chaired {1} in {2} (registry); bounded by a 'till' year in the text"),
    N_("{0} chaired {1} in {2} (registry)"),
    N_("latest year guessed: the year before {0}, which the session decides on"),
    N_("latest year named in the text"),
    /* the attendance (ingest_attend.c) */
    N_("the registry's chair of the organization in the session's year, hosting it"),
    N_("said to take part as a guest: an observer"),
    /* TRANSLATORS: {0} an organization's code, {1} a date. */
    N_("not a member of {0} on {1} in the registry: an observer"),
    N_("not a member of {0} in the registry: an observer"),
    /* a value given by the person (ingest_give), then what the text said */
    N_("given with --date"),
    N_("given with --place"),
    N_("given at the prompt"),
    N_("given with the date field"),
    N_("given with the place field"),
    N_("the text says \"{0}\""),
    N_("the text says {0} (inferred)"),
    N_("the text says {0}"),
};

#define N_NOTE_ARG 10

/* A piece of a note: where it starts and its length. */
typedef struct NotePiece {
  const char *z;
  size_t n;
} NotePiece;

/* True when zPat's {0}...{9} placeholder is at z. */
static bool is_placeholder(const char *z) {
  return z[0] == '{' && z[1] >= '0' && z[1] <= '9' && z[2] == '}';
}

/* zMsg with its placeholders replaced by the pieces aArg (a placeholder
** with no piece is written as it is). */
static void note_fill(Buf *p, const char *zMsg, const NotePiece *aArg, int nArg) {
  for (const char *z = zMsg; *z;) {
    if (is_placeholder(z) && z[1] - '0' < nArg && aArg[z[1] - '0'].z) {
      buf_append(p, aArg[z[1] - '0'].z, aArg[z[1] - '0'].n);
      z += 3;
    } else {
      buf_append(p, z, 1);
      z++;
    }
  }
}

/* True when the n bytes at z are zPat with each placeholder standing for at
** least one byte; the pieces in aArg. */
static bool note_match(const char *zPat, const char *z, size_t n, NotePiece *aArg) {
  while (*zPat && !is_placeholder(zPat)) {
    if (n == 0 || *zPat != *z) return false;
    zPat++, z++, n--;
  }
  if (!*zPat) return n == 0;
  int k = zPat[1] - '0';
  for (size_t m = 1; m <= n; m++) {
    if (note_match(zPat + 3, z + m, n - m, aArg)) {
      aArg[k].z = z;
      aArg[k].n = m;
      return true;
    }
  }
  return false;
}

/* The n bytes at z, one note's message with its pieces, translated into p:
** false (nothing written) when they are no message's. */
static bool note_translate(Buf *p, const char *z, size_t n) {
  for (size_t k = 0; k < sizeof(azNote) / sizeof(azNote[0]); k++) {
    NotePiece aArg[N_NOTE_ARG] = {{0, 0}};
    if (note_match(azNote[k], z, n, aArg)) {
      note_fill(p, _(azNote[k]), aArg, N_NOTE_ARG);
      return true;
    }
  }
  return false;
}

void ig_note_put_a(Buf *p, const char *zMsg, const char *const *azArg) {
  NotePiece aArg[N_NOTE_ARG] = {{0, 0}};
  for (int k = 0; k < N_NOTE_ARG && azArg[k]; k++) {
    aArg[k].z = azArg[k];
    aArg[k].n = strlen(azArg[k]);
  }
  note_fill(p, zMsg, aArg, N_NOTE_ARG);
}

void ig_note_a(json_t *pEv, const char *zMsg, const char *const *azArg) {
  Buf b = {0};
  ig_note_put_a(&b, zMsg, azArg);
  json_object_set_new(pEv, "note", json_string(b.z ? b.z : ""));
  buf_free(&b);
}

void ig_note(json_t *pEv, const char *zMsg) {
  json_object_set_new(pEv, "note", json_string(zMsg));
}

char *ingest_note_text(const char *zNote) {
  Buf b = {0};
  size_t n = strlen(zNote);
  if (!note_translate(&b, zNote, n)) {
    /* a note of several, "given with --date; the text says 2020-12-18":
    ** each translated, one that is no message's as it is */
    for (const char *z = zNote; z;) {
      const char *zEnd = strstr(z, "; ");
      size_t m = zEnd ? (size_t)(zEnd - z) : strlen(z);
      if (z != zNote) buf_puts(&b, "; ");
      if (!note_translate(&b, z, m)) buf_append(&b, z, m);
      z = zEnd ? zEnd + 2 : 0;
    }
  }
  return b.z ? b.z : xstrdup("");
}
