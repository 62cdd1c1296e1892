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
  hprintf(p, "<h2>%s</h2><ul class=\"cards\">", _("Organizations"));
  for (size_t i = 0; i < json_array_size(aOrg); i++) {
    const json_t *o = json_array_get(aOrg, i);
    const char *zId = str(o, "id");
    Buf err = {0};
    json_t *pMem = query_members(pDb, zId, today, &err);
    buf_free(&err);
    hprintf(p, "<li><a href=\"/organizations/%s\">", zId);
    put_name(p, json_object_get(o, "name"), zId);
    buf_puts(p, "</a>");
    put_ru(p, json_object_get(o, "name"));
    buf_puts(p, "<span class=\"small muted\">");
    char *zMembers = plural_html(_("{0, plural, one{# member today} other{# members today}}"),
                                 (long long)json_array_size(json_object_get(pMem, "members")));
    buf_puts(p, zMembers);
    xfree(zMembers);
    if (str(o, "founded")) {
      char *zDate = date_html(str(o, "founded"));
      buf_puts(p, " \xc2\xb7 ");
      put_msg(p, _("founded {0}"), zDate);
      xfree(zDate);
    }
    buf_puts(p, "</span></li>");
    json_decref(pMem);
  }
  if (!json_array_size(aOrg)) hprintf(p, "<li class=\"muted\">%s</li>", _("No organizations yet."));
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
  hprintf(p, "<h2>%s</h2>", _("Upcoming sessions"));
  if (!nUp) {
    hprintf(p, "<p class=\"muted\">%s <a href=\"/sessions\">%s</a>.</p>",
            _("No session is recorded or announced from today on."), _("All sessions"));
  } else {
    table_begin(p, _("Sessions from today on"), _("Date|Body|Place|Recorded as"));
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
      if (zPlace)
        put_place(p, pDb, zPlace);
      else
        html_escape(p, _("not stated"));
      buf_puts(p, "</td><td>");
      if (aUp[i].bNext) {
        /* "announced at the <a>session of DATE</a>": the link's words are a message too. */
        Buf link = {0};
        char *zDate = date_text(str(s, "date"));
        char *zEsc = html_of(zDate);
        xfree(zDate);
        hprintf(&link, "<a href=\"/sessions/%s\">", str(s, "id"));
        put_msg(&link, _("session of {0}"), zEsc);
        buf_puts(&link, "</a>");
        put_msg(p, _("announced at the {0}"), link.z);
        xfree(zEsc);
        buf_free(&link);
      } else {
        hprintf(p, "<a href=\"/sessions/%s\">%s</a>", str(s, "id"), _("scheduled session"));
      }
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
  hprintf(p, "<h2>%s</h2>", _("Latest changes"));
  sqlite3_stmt *q = db_stmt(pDb, "SELECT seq, record FROM journal ORDER BY seq DESC LIMIT 10");
  bool bAny = false;
  while (db_step_row(pDb, q)) {
    if (!bAny)
      table_begin(p, _("The ten latest journal entries"), _("Entry|Time (UTC)|By|Change|Entity"));
    bAny = true;
    json_t *pRec = json_loads((const char *)sqlite3_column_text(q, 1), 0, 0);
    const char *zKind = dflt(str(pRec, "kind"), ""), *zKey = dflt(str(pRec, "key"), "");
    hprintf(p, "<tr><td class=\"nw\">%lld</td><td class=\"nw\">%s</td><td>%s</td><td>",
            (long long)sqlite3_column_int64(q, 0), dflt(str(pRec, "time"), ""),
            dflt(str(pRec, "actor"), ""));
    char *zKindWords = words_html(0, zKind);
    put_msg(p,
            strcmp(dflt(str(pRec, "op"), ""), "retract") == 0 ? _("retracted {0}") : _("put {0}"),
            zKindWords);
    xfree(zKindWords);
    buf_puts(p, "</td>");
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
    hprintf(p, "<p class=\"muted\">%s</p>", _("The journal is empty."));
}

void page_get_home(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  Buf b = {0};
  char zToday[DATE_BUFSZ];
  pdate today = date_today();
  date_format(today, zToday);
  pages_begin(&b, pReq, 0, "/");
  hprintf(&b, "<h1>%s</h1><p class=\"lede\">%s</p>", _("Treaties and organizations, computed"),
          _("Which states are members and since when, who chairs and co-chairs, what each "
            "council adopted and who stayed away, and on what date each agreement entered into "
            "force for each state, computed from its own clause and the dated actions."));
  json_t *aOrg = entity_list(pDb, K_ORGANIZATION, 0);
  home_organizations(&b, pDb, aOrg, today);
  json_t *pOrgs = map_by(aOrg, "id");
  json_decref(aOrg);
  home_upcoming(&b, pDb, pOrgs, zToday);
  json_decref(pOrgs);
  home_journal(&b, pDb);
  hprintf(&b,
          "<p class=\"small\">%s <a href=\"/feed.atom\">%s</a> \xc2\xb7 <a "
          "href=\"/calendar.ics\">%s</a></p>",
          _("Subscribe:"), _("depositary notifications (Atom)"),
          _("sessions and deadlines (iCalendar)"));
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
}
