/*
** Publishing the record: an iCalendar (RFC 5545) of sessions, announced
** next sessions and commitment deadlines; an Atom feed (RFC 4287) of
** depositary notifications generated from the journal; session minutes as
** printable HTML or Markdown; each in the thread's language (i18n.h). The
** command line (export --format ics, minutes) and the web routes below
** share these writers.
*/
#ifndef PACTA_PUBLISH_H
#define PACTA_PUBLISH_H

#include <stdbool.h>

#include "date.h"
#include "db.h"
#include "rdoc.h"
#include "util.h"

/* The calendar of every organization's sessions and deadlines, or of one
** (zOrg may be NULL). */
void publish_ics(Db *pDb, const char *zOrg, Buf *pOut);

/* The Atom feed of depositary notifications, the latest 100 entries, for
** everything or one party (zParty may be NULL); today fixes which entries
** into force are reached. zSelf is the feed's own path. */
void publish_atom(Db *pDb, const char *zParty, const char *zSelf, pdate today, Buf *pOut);

/* The minutes of a session as a whole HTML document or Markdown; false when
** the session is unknown (nothing written). */
bool publish_minutes(Db *pDb, const char *zSession, bool bMarkdown, Buf *pOut);
/* The same minutes as a printable document (rdoc.h) for the PDF renderer;
** pOut is rdoc_init'ed by the caller. */
bool publish_minutes_rdoc(Db *pDb, const char *zSession, RDoc *pOut);

#endif
