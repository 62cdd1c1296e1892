/*
** The home page: a card per organization, the upcoming sessions and the
** latest journal entries.
*/
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "fields.h"
#include "page.h"
#include "registry.h"
#include "routes.h"

/* The journal entity kinds that have a page, and its path. */
static const char *kind_path(const char *zKind) {
  static const struct {
    const char *zKind, *zPath;
  } a[] = {{"party", "parties"},
           {"organization", "organizations"},
           {"body", "bodies"},
           {"session", "sessions"},
           {"document", "documents"},
           {"action", "documents"},
           {"membership", "organizations"},
           {"chairmanship", "organizations"}};
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++)
    if (strcmp(a[i].zKind, zKind) == 0) return a[i].zPath;
  return 0;
}

typedef struct Upcoming {
  const char *zDate;
  const json_t *pSession;
  bool bNext; /* the session's announced next meeting */
} Upcoming;

static int compare_upcoming(const void *pA, const void *pB) {
  return strcmp(((const Upcoming *)pA)->zDate, ((const Upcoming *)pB)->zDate);
}

/* A card per organization, with its members today. */
static void home_organizations(Buf *p, Db *pDb, const json_t *aOrg, pdate today) {
  buf_puts(p, "<h2>Organizations</h2><ul class=\"cards\">");
  for (size_t i = 0; i < json_array_size(aOrg); i++) {
    const json_t *o = json_array_get(aOrg, i);
    const char *zId = str(o, "id");
    Buf err = {0};
    json_t *pMem = query_members(pDb, zId, today, &err);
    buf_free(&err);
    hprintf(p, "<li><a href=\"/organizations/%s\">%s</a>", zId,
            name_en(json_object_get(o, "name"), zId));
    put_ru(p, json_object_get(o, "name"));
    hprintf(p, "<span class=\"small muted\">%zu members today",
            json_array_size(json_object_get(pMem, "members")));
    if (str(o, "founded"))
      hprintf(p, " \xc2\xb7 founded <span class=\"nw\">%s</span>", str(o, "founded"));
    buf_puts(p, "</span></li>");
    json_decref(pMem);
  }
  if (!json_array_size(aOrg)) buf_puts(p, "<li class=\"muted\">No organizations yet.</li>");
  buf_puts(p, "</ul>");
}

/* Upcoming sessions: dated from today, or announced as a session's next. */
static void home_upcoming(Buf *p, Db *pDb, const json_t *pOrgs, const char *zToday) {
  json_t *aSession = entity_list(pDb, K_SESSION, 0);
  json_t *pBodies = entity_map(pDb, K_BODY, "id");
  size_t nSession = json_array_size(aSession);
  Upcoming *aUp = xmalloc(2 * nSession * sizeof(Upcoming) + 1);
  int nUp = 0;
  for (size_t i = 0; i < nSession; i++) {
    const json_t *s = json_array_get(aSession, i);
    const char *zDate = str(s, "date"), *zNext = str(json_object_get(s, "next"), "date");
    if (zDate && strcmp(zDate, zToday) >= 0) aUp[nUp++] = (Upcoming){zDate, s, false};
    if (zNext && strcmp(zNext, zToday) >= 0) aUp[nUp++] = (Upcoming){zNext, s, true};
  }
  qsort(aUp, (size_t)nUp, sizeof(Upcoming), compare_upcoming);
  buf_puts(p, "<h2>Upcoming sessions</h2>");
  if (!nUp) {
    buf_puts(p, "<p class=\"muted\">No session is recorded or announced from today on. "
                "<a href=\"/sessions\">All sessions</a>.</p>");
  } else {
    table_begin(p, "Sessions from today on", "Date|Body|Place|Recorded as");
    for (int i = 0; i < nUp; i++) {
      const json_t *s = aUp[i].pSession;
      const char *zBody = str(s, "body");
      buf_puts(p, "<tr><td class=\"nw\">");
      put_date(p, aUp[i].zDate);
      buf_puts(p, "</td><td>");
      put_link(p, "bodies", pBodies, zBody, "name");
      const json_t *pBody = json_object_get(pBodies, dflt(zBody, ""));
      const json_t *pOrg = json_object_get(pOrgs, dflt(str(pBody, "organization"), ""));
      if (pOrg) hprintf(p, " <span class=\"muted small\">%s</span>", str(pOrg, "id"));
      buf_puts(p, "</td><td>");
      const char *zPlace =
          aUp[i].bNext ? str(json_object_get(s, "next"), "place") : str(s, "place");
      html_escape(p, zPlace ? zPlace : "not stated");
      buf_puts(p, "</td><td>");
      if (aUp[i].bNext)
        hprintf(p, "announced at the <a href=\"/sessions/%s\">session of %s</a>", str(s, "id"),
                str(s, "date"));
      else
        hprintf(p, "<a href=\"/sessions/%s\">scheduled session</a>", str(s, "id"));
      buf_puts(p, "</td></tr>");
    }
    table_end(p);
  }
  xfree(aUp);
  json_decref(aSession);
  json_decref(pBodies);
}

/* The latest journal entries, each linked to its entity's page. */
static void home_journal(Buf *p, Db *pDb) {
  buf_puts(p, "<h2>Latest changes</h2>");
  sqlite3_stmt *q = db_stmt(pDb, "SELECT seq, record FROM journal ORDER BY seq DESC LIMIT 10");
  bool bAny = false;
  while (db_step_row(pDb, q)) {
    if (!bAny)
      table_begin(p, "The ten latest journal entries", "Entry|Time (UTC)|By|Change|Entity");
    bAny = true;
    json_t *pRec = json_loads((const char *)sqlite3_column_text(q, 1), 0, 0);
    const char *zKind = dflt(str(pRec, "kind"), ""), *zKey = dflt(str(pRec, "key"), "");
    hprintf(p, "<tr><td class=\"nw\">%lld</td><td class=\"nw\">%s</td><td>%s</td><td>%s %s</td>",
            (long long)sqlite3_column_int64(q, 0), dflt(str(pRec, "time"), ""),
            dflt(str(pRec, "actor"), ""),
            strcmp(dflt(str(pRec, "op"), ""), "retract") == 0 ? "retracted" : "put", zKind);
    const char *zPath = kind_path(zKind);
    size_t nId = strcspn(zKey, "|");
    char *zId = xprintf("%.*s", (int)nId, zKey);
    if (zPath && strcmp(dflt(str(pRec, "op"), ""), "retract") != 0)
      hprintf(p, "<td><a href=\"/%s/%s\">%s</a></td></tr>", zPath, zId, zKey);
    else
      hprintf(p, "<td>%s</td></tr>", zKey);
    xfree(zId);
    json_decref(pRec);
  }
  sqlite3_reset(q);
  if (bAny)
    table_end(p);
  else
    buf_puts(p, "<p class=\"muted\">The journal is empty.</p>");
}

void page_get_home(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  Buf b = {0};
  char zToday[DATE_BUFSZ];
  pdate today = date_today();
  date_format(today, zToday);
  pages_begin(&b, pReq, 0, "/");
  buf_puts(&b, "<h1>Treaties and organizations, computed</h1><p class=\"lede\">Which states "
               "are members and since when, who chairs and co-chairs, what each council "
               "adopted and who stayed away, and on what date each agreement entered into force "
               "for each state, computed from its own clause and the dated actions.</p>");
  json_t *aOrg = entity_list(pDb, K_ORGANIZATION, 0);
  home_organizations(&b, pDb, aOrg, today);
  json_t *pOrgs = map_by(aOrg, "id");
  json_decref(aOrg);
  home_upcoming(&b, pDb, pOrgs, zToday);
  json_decref(pOrgs);
  home_journal(&b, pDb);
  buf_puts(&b, "<p class=\"small\">Subscribe: <a href=\"/feed.atom\">depositary notifications "
               "(Atom)</a> \xc2\xb7 <a href=\"/calendar.ics\">sessions and deadlines "
               "(iCalendar)</a></p>");
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
}
