/*
** Languages: every word pacta writes to people comes from a message
** catalogue, never from a branch per string. A catalogue is a gettext .po
** file (po/LANG.po) that msgfmt compiles to .mo at build and that is
** embedded in the binary; more catalogues are read at start from a
** directory of LANG.mo files (--catalogues DIR or $PACTA_CATALOGUES), so a
** third language is a new file, not new code. English is the source
** language: a msgid is its own English text.
**
** The language is chosen per thread (the server serves each request on one
** thread; the CLI has one): i18n_use sets it, _() translates into it.
** Plurals and dates follow the language's own rules through ICU: a plural
** is an ICU MessageFormat pattern with one numeric argument {0}, e.g.
**   i18n_plural(p, _("{0, plural, one{# state} other{# states}}"), n)
** which a Russian catalogue translates with one/few/many/other.
*/
#ifndef PACTA_I18N_H
#define PACTA_I18N_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "util.h"

typedef struct Lang Lang;

/* Load the built-in catalogues and, when zDir is not NULL, every LANG.mo
** in it. Returns 0, or -1 with a message in pErr naming the file. Safe to
** call more than once; later calls add. */
int i18n_init(const char *zDir, Buf *pErr);

/* A catalogue from the bytes of a .mo file (copied), not added to the
** languages: for the fuzz target and tests. NULL with a message in pErr
** naming zWhere. i18n_lookup: a message's translation, or NULL. */
Lang *i18n_parse_mo(const void *a, size_t n, const char *zWhere, Buf *pErr);
const char *i18n_lookup(const Lang *pLang, const char *zMsgid);
void i18n_lang_free(Lang *pLang);

/* The catalogue for a code such as "ru" or "ru-RU" or "ru_RU.UTF-8" (the
** part before '-', '_' or '.'), or NULL. English always exists. */
const Lang *i18n_find(const char *zCode);
/* English: the source language. */
const Lang *i18n_english(void);
/* The best language for an Accept-Language header (q-values honoured), or
** NULL when none of them has a catalogue. */
const Lang *i18n_negotiate(const char *zAcceptLanguage);
/* Every language with a catalogue, English first, then by code. */
size_t i18n_count(void);
const Lang *i18n_at(size_t i);
/* "ru"; the language's own name ("Русский", "English"). */
const char *i18n_code(const Lang *pLang);
const char *i18n_autonym(const Lang *pLang);

/* The calling thread's language (English until set). */
void i18n_use(const Lang *pLang);
const Lang *i18n_current(void);

/* zMsgid in the current language (zMsgid itself when not translated). */
const char *i18n_text(const char *zMsgid)
#if defined(__GNUC__)
    __attribute__((format_arg(1)))
#endif
    ;
/* The same with a context, for one English word meaning two things
** (msgctxt in the catalogue). */
const char *i18n_ptext(const char *zContext, const char *zMsgid)
#if defined(__GNUC__)
    __attribute__((format_arg(2)))
#endif
    ;
#define _(s) i18n_text(s)
#define P_(c, s) i18n_ptext(c, s)
/* Marks a string for the catalogue where it cannot be translated yet (a
** static table); translate it with _() where it is used. */
#define N_(s) (s)

/* Append an ICU MessageFormat pattern (already translated) formatted with
** n as argument {0}, in the current language's plural rules. */
void i18n_plural(Buf *p, const char *zPattern, long long n);
/* Append a date in the current language's long style ("20 April 1994",
** "20 апреля 1994 г."); a pattern the catalogue translates. */
void i18n_date(Buf *p, pdate d);
/* The same for an ISO "YYYY-MM-DD" string; other strings are appended as
** they are. */
void i18n_date_iso(Buf *p, const char *zIso);
/* i18n_date without ICU, when the language's pattern allows it for d (see
** i18n.c): true when it appended the date, false (nothing appended) when
** only ICU can. */
bool i18n_date_quick(Buf *p, pdate d);
/* The same into z (I18N_DATE_MAX bytes), not terminated: its length, or -1
** when only ICU can. */
#define I18N_DATE_MAX 96
int i18n_date_text(pdate d, char *z);

/* The current language's code, for lang attributes ("en", "ru"). */
const char *i18n_lang(void);

#endif
