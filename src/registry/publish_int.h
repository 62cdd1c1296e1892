/*
** Private to the publishing writers (publish.h): the helpers the
** iCalendar (publish_ics.c), the Atom feed (publish_atom.c) and the
** minutes (publish_minutes.c) share, defined in publish.c.
*/
#ifndef PACTA_PUBLISH_INT_H
#define PACTA_PUBLISH_INT_H

#include <jansson.h>

/* "in_force" as "in force", into a new string (NULL as ""); xfree it. */
char *publish_words(const char *z);

/* The English name (by language, in field zField: "name", "title") of the
** record zId of pMap (an entity_map by id or code), else zId itself. */
const char *publish_name(const json_t *pMap, const char *zId, const char *zField);

#endif
