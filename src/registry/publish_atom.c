/*
** The Atom feed (RFC 4287) of depositary notifications (publish.h): an
** entry for each action put in the journal or retracted from it, and one
** for each entry into force reached, the latest first. Titles and summaries are in the thread's
** language (i18n.h), with dates in its long style; terms and ids are codes.
*/
#include "fields.h"
#include "publish.h"
#include "publish_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "html.h"
#include "i18n.h"
#include "kind.h"
#include "registry.h"

#define FEED_MAX 100

typedef struct FeedEntry {
  char zUpdated[32];
  char *zXml;
  long long seq; /* tie break: later journal entries first */
} FeedEntry;

/* What the writer of one feed keeps: its question and the entries so far. */
typedef struct Feed {
  Db *pDb;
  const char *zParty;       /* one party's notifications, or NULL */
  pdate today;              /* fixes which entries into force are reached */
  json_t *pParties, *pDocs; /* by code, by id */
  FeedEntry *aEntry;
  int nEntry, nAlloc;
} Feed;

static int compare_entry(const void *pA, const void *pB) {
  const FeedEntry *a = pA, *b = pB;
  int c = strcmp(b->zUpdated, a->zUpdated);
  if (c) return c;
  return (b->seq > a->seq) - (b->seq < a->seq);
}

/* Add an entry, taking over the XML of pXml (left empty). */
static void feed_add(Feed *f, const char *zUpdated, long long seq, Buf *pXml) {
  if (f->nEntry == f->nAlloc) {
    f->nAlloc = f->nAlloc ? 2 * f->nAlloc : 64;
    f->aEntry = xrealloc(f->aEntry, (size_t)f->nAlloc * sizeof(FeedEntry));
  }
  FeedEntry *e = &f->aEntry[f->nEntry++];
  snprintf(e->zUpdated, sizeof(e->zUpdated), "%s", zUpdated);
  e->zXml = pXml->z ? pXml->z : xstrdup("");
  e->seq = seq;
  memset(pXml, 0, sizeof(*pXml));
}

static void xml_elem(Buf *p, const char *zTag, const char *zText) {
  buf_printf(p, "<%s>", zTag);
  html_escape(p, zText ? zText : "");
  buf_printf(p, "</%s>", zTag);
}

/* ---- Entries ----------------------------------------------------------------- */

/* The head of journal record pRec's entry (number seq), up to its content:
** its title, id, time, link to document zDoc, category and author. */
static void entry_head(Buf *x, const char *zTitle, long long seq, const json_t *pRec,
                       const char *zDoc, const char *zCategory) {
  buf_puts(x, "<entry>");
  xml_elem(x, "title", zTitle);
  buf_printf(x, "<id>tag:pacta,2026:seq:%lld</id>", seq);
  xml_elem(x, "updated", str(pRec, "time"));
  hprintf(x,
          "<link rel=\"alternate\" type=\"text/html\" href=\"/documents/%s\"/>"
          "<category term=\"%s\"/><author><name>%s</name></author>",
          zDoc, zCategory, dflt(str(pRec, "actor"), "pacta"));
}

/* The rest of the entry begun in x: its content t, closed by the journal
** entry's number; the entry added to the feed (x taken over). */
static void entry_end(Feed *f, Buf *x, Buf *t, long long seq, const json_t *pRec) {
  buf_puts(t, "\n\n");
  buf_printf(t, _("Journal entry %lld."), seq);
  hprintf(x, "<content type=\"text\">%s</content></entry>\n", t->z);
  feed_add(f, dflt(str(pRec, "time"), ""), seq, x);
}

/* The entry of journal record pRec (number seq), which puts action a. */
static void feed_action(Feed *f, long long seq, const json_t *pRec, const json_t *a) {
  const char *zCode = dflt(str(a, "party"), ""), *zDoc = dflt(str(a, "document"), "");
  const char *zPartyName = publish_name(f->pParties, zCode, "name");
  const char *zTitle = publish_name(f->pDocs, zDoc, "title");
  Buf day = {0};
  publish_date(&day, dflt(str(a, "date"), ""));
  const char *zDate = day.z ? day.z : "";
  char *zType = publish_words(str(a, "type"));
  Buf t = {0}, x = {0};
  /* An instrument a party deposited and the depositary accepted carries
  ** the number of its depositary notification (submission.c). */
  const char *zNotification = str(a, "notification");
  if (zNotification)
    buf_printf(&t, _("Depositary notification %s: %s: %s of %s (%s)"), zNotification, zPartyName,
               zType, zTitle, zDate);
  else
    buf_printf(&t, _("%s: %s of %s (%s)"), zPartyName, zType, zTitle, zDate);
  entry_head(&x, t.z, seq, pRec, zDoc, str(a, "type"));
  buf_reset(&t);
  buf_printf(&t, _("%s (%s): %s of %s, dated %s."), zPartyName, zCode, zType, zTitle, zDate);
  if (str(a, "effective")) {
    Buf eff = {0};
    publish_date(&eff, str(a, "effective"));
    buf_putc(&t, ' ');
    buf_printf(&t, _("Effective %s."), eff.z ? eff.z : "");
    buf_free(&eff);
  }
  if (str(a, "text")) buf_printf(&t, "\n\n%s", str(a, "text"));
  if (str(a, "note")) {
    buf_puts(&t, "\n\n");
    buf_printf(&t, _("Note: %s"), str(a, "note"));
  }
  if (zNotification) {
    buf_puts(&t, "\n\n");
    buf_printf(&t, _("Deposited with submission %s; depositary notification %s."),
               dflt(str(a, "submission"), "-"), zNotification);
  }
  entry_end(f, &x, &t, seq, pRec);
  xfree(zType);
  buf_free(&day);
  buf_free(&t);
}

/* The entry of journal record pRec (number seq), which retracts the action
** of key zKey (DOC|PARTY|TYPE|DATE): a reader who had the action from this
** feed learns that the registry no longer holds it, and why. */
static void feed_retraction(Feed *f, long long seq, const json_t *pRec, const char *zKey) {
  char zBuf[512], *az[4];
  key_split(zKey, zBuf, sizeof(zBuf), az);
  const char *zPartyName = publish_name(f->pParties, az[1], "name");
  const char *zTitle = publish_name(f->pDocs, az[0], "title");
  Buf day = {0};
  publish_date(&day, az[3]);
  char *zType = publish_words(az[2]);
  Buf t = {0}, x = {0};
  buf_printf(&t, _("Retracted: %s: %s of %s (%s)"), zPartyName, zType, zTitle, day.z ? day.z : "");
  entry_head(&x, t.z, seq, pRec, az[0], "retraction");
  buf_reset(&t);
  buf_printf(&t, _("The registry no longer holds %s's %s of %s, dated %s"), zPartyName, zType,
             zTitle, day.z ? day.z : "");
  html_period(&t); /* none after «7 октября 2002 г.» */
  if (str(pRec, "reason")) {
    buf_puts(&t, "\n\n");
    buf_printf(&t, _("Reason: %s"), str(pRec, "reason"));
  }
  entry_end(f, &x, &t, seq, pRec);
  xfree(zType);
  buf_free(&day);
  buf_free(&t);
}

/* Every journal entry that puts or retracts an action (of the party),
** latest first, at most FEED_MAX. */
static void feed_actions(Feed *f) {
  sqlite3_stmt *p = db_stmt(f->pDb, "SELECT seq, record FROM journal WHERE kind='action' AND "
                                    "op IN ('put', 'retract') ORDER BY seq DESC");
  int nAction = 0;
  while (nAction < FEED_MAX && db_step_row(f->pDb, p)) {
    long long seq = sqlite3_column_int64(p, 0);
    json_t *pRec = json_loads((const char *)sqlite3_column_text(p, 1), 0, 0);
    const json_t *a = json_object_get(pRec, "value");
    const char *zOp = dflt(str(pRec, "op"), ""), *zKey = dflt(str(pRec, "key"), "");
    /* A key's party: the part after the first '|'. */
    const char *zParty = strchr(zKey, '|') ? strchr(zKey, '|') + 1 : "";
    size_t nParty = strcspn(zParty, "|");
    bool bMine =
        !f->zParty || (strlen(f->zParty) == nParty && strncmp(f->zParty, zParty, nParty) == 0);
    if (pRec && strcmp(dflt(str(pRec, "kind"), ""), "action") == 0 && bMine) {
      if (strcmp(zOp, "put") == 0 && json_is_object(a)) {
        feed_action(f, seq, pRec, a);
        nAction++;
      } else if (strcmp(zOp, "retract") == 0) {
        feed_retraction(f, seq, pRec, zKey);
        nAction++;
      }
    }
    json_decref(pRec);
  }
  sqlite3_reset(p);
}

/* The entry of document zDoc's entry into force on eif. */
static void feed_eif_entry(Feed *f, const char *zDoc, const json_t *pDoc, pdate eif) {
  char zDate[DATE_BUFSZ], zUpdated[32];
  date_format(eif, zDate);
  snprintf(zUpdated, sizeof(zUpdated), "%sT00:00:00Z", zDate);
  Buf t = {0}, x = {0}, day = {0};
  publish_date(&day, zDate);
  const char *zTitle = name_here(json_object_get(pDoc, "title"), zDoc);
  buf_printf(&t, _("%s entered into force on %s"), zTitle, day.z ? day.z : "");
  buf_puts(&x, "<entry>");
  xml_elem(&x, "title", t.z);
  hprintf(&x, "<id>tag:pacta,2026:entry-into-force:%s</id>", zDoc);
  xml_elem(&x, "updated", zUpdated);
  hprintf(&x,
          "<link rel=\"alternate\" type=\"text/html\" href=\"/documents/%s\"/>"
          "<category term=\"entry_into_force\"/><author><name>pacta</name></author>",
          zDoc);
  buf_reset(&t);
  buf_printf(&t,
             _("%s entered into force on %s, as computed from its entry-into-force clause and "
               "the recorded actions."),
             zTitle, day.z ? day.z : "");
  hprintf(&x, "<content type=\"text\">%s</content></entry>\n", t.z);
  feed_add(f, zUpdated, 0, &x);
  buf_free(&day);
  buf_free(&t);
}

/* Entries into force reached by today (of documents the party is party to). */
static void feed_entries_into_force(Feed *f) {
  const char *zDoc;
  json_t *pDoc;
  json_object_foreach(f->pDocs, zDoc, pDoc) {
    Buf err = {0};
    json_t *pSt = query_status(f->pDb, zDoc, f->today, &err);
    buf_free(&err);
    pdate eif = date_of(json_object_get(pSt, "entry_into_force"));
    bool bMine = !f->zParty;
    const json_t *aRow = json_object_get(pSt, "parties");
    for (size_t i = 0; i < json_array_size(aRow) && !bMine; i++)
      bMine = strcmp(dflt(str(json_array_get(aRow, i), "party"), ""), f->zParty) == 0;
    if (eif != DATE_NONE && eif <= f->today && bMine) feed_eif_entry(f, zDoc, pDoc, eif);
    json_decref(pSt);
  }
}

/* ---- The feed ---------------------------------------------------------------- */

/* Everything before the entries; zUpdated is the time of the latest. */
static void feed_head(const Feed *f, const char *zSelf, const char *zUpdated, Buf *pOut) {
  Buf t = {0};
  hprintf(pOut,
          "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
          "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n",
          i18n_lang());
  if (f->zParty)
    buf_printf(&t, _("%s: depositary notifications"), publish_name(f->pParties, f->zParty, "name"));
  else
    buf_printf(&t, _("%s: depositary notifications"), "pacta");
  xml_elem(pOut, "title", t.z);
  buf_puts(pOut, "\n<id>tag:pacta,2026:feed");
  if (f->zParty) hprintf(pOut, ":party:%s", f->zParty);
  buf_puts(pOut, "</id>\n");
  xml_elem(pOut, "updated", zUpdated);
  hprintf(pOut, "\n<link rel=\"self\" type=\"application/atom+xml\" href=\"%s\"/>\n", zSelf);
  buf_puts(pOut, "<link rel=\"alternate\" type=\"text/html\" href=\"");
  if (f->zParty)
    hprintf(pOut, "/parties/%s", f->zParty);
  else
    buf_puts(pOut, "/");
  hprintf(pOut, "\"/>\n<author><name>%s</name></author>\n", _("pacta registry"));
  buf_puts(pOut, "<generator version=\"" PACTA_VERSION "\">pacta</generator>\n");
  buf_free(&t);
}

void publish_atom(Db *pDb, const char *zParty, const char *zSelf, pdate today, Buf *pOut) {
  Feed f = {.pDb = pDb, .zParty = zParty, .today = today};
  f.pParties = entity_map(pDb, K_PARTY, "code");
  f.pDocs = entity_map(pDb, K_DOCUMENT, "id");
  feed_actions(&f);
  feed_entries_into_force(&f);
  if (f.nEntry) qsort(f.aEntry, (size_t)f.nEntry, sizeof(FeedEntry), compare_entry);
  int nShow = f.nEntry < FEED_MAX ? f.nEntry : FEED_MAX;
  feed_head(&f, zSelf, nShow ? f.aEntry[0].zUpdated : "1970-01-01T00:00:00Z", pOut);
  for (int i = 0; i < nShow; i++) buf_puts(pOut, f.aEntry[i].zXml);
  buf_puts(pOut, "</feed>\n");
  for (int i = 0; i < f.nEntry; i++) xfree(f.aEntry[i].zXml);
  xfree(f.aEntry);
  json_decref(f.pParties);
  json_decref(f.pDocs);
}
