/*
** Private to the publishing writers (publish.h): the helpers the
** iCalendar (publish_ics.c), the Atom feed (publish_atom.c) and the
** minutes (publish_minutes.c) share, defined in publish.c.
*/
#ifndef PACTA_PUBLISH_INT_H
#define PACTA_PUBLISH_INT_H

#include <jansson.h>

#include "util.h"

/* The words of a code of the record in the current language: an action
** type ("ratification"), an attendance ("present"), a session format ("in
** person"); NULL for any other. */
const char *publish_word(const char *zCode);
/* A document's type ("agreement") in the current language; any other
** string as it is. */
const char *publish_document_type(const char *zType);
/* publish_word's words for a code, else the code with '_' as ' ', into a
** new string (NULL as ""); xfree it. */
char *publish_words(const char *z);

/* The language of a record's free text (a place, a note), which the record
** does not state: "ru" when it has Cyrillic letters, else "en". */
const char *publish_text_lang(const char *z);
/* The name (in field zField: "name", "title") of the record zId of pMap (an
** entity_map by id or code) by name_here (fields.h), else zId itself. */
const char *publish_name(const json_t *pMap, const char *zId, const char *zField);

/* An ISO date in the current language's long style ("20 April 1994",
** "20 апреля 1994 г."); anything else as it is. */
void publish_date(Buf *p, const char *zIso);

#endif
