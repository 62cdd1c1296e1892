/*
** A session's or a document's place in the page's language. The registry
** records a place as it was written (the registry's, the ingest's: the
** English name of a city); when it is a name or an alias of a party's
** capital or of one of its cities, it is shown by that city's name in the
** current language (i18n_lang()). What is stored is never changed.
*/
#ifndef PACTA_PLACE_H
#define PACTA_PLACE_H

#include "db.h"

/* The name of place zPlace in the current language when zPlace names a
** registry party's capital or city in another language and the city has a
** name in the current one; else NULL (show zPlace as recorded). The string
** lives until the registry's parties change or another database is read:
** use it at once. */
const char *place_here(Db *pDb, const char *zPlace);

#endif
