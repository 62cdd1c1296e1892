/*
** The search index, a derived table: one row per live document, session,
** commitment, assessment, party, body and organization, and one per action
** with a text (a reservation's, a declaration's...) found as its document;
** kept from the journal by derive.c (search_index.h).
*/
#include "search_index.h"

#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "fts.h"
#include "i18n.h"

static const char *str_of(const json_t *pObj, const char *zField) {
  return json_string_value(json_object_get(pObj, zField));
}

/* A name: a string, or an object of strings by language (English first). */
static void index_name(Buf *p, const json_t *pName) {
  if (json_is_array(pName)) {
    for (size_t i = 0; i < json_array_size(pName); i++) index_name(p, json_array_get(pName, i));
    return;
  }
  if (json_is_string(pName)) {
    /* A gazetteer alias "белорусск*" is indexed as the word it starts. */
    size_t n = json_string_length(pName);
    const char *z = json_string_value(pName);
    if (n && z[n - 1] == '*') n--;
    if (p->n) buf_puts(p, " / ");
    buf_append(p, z, n);
    return;
  }
  if (!json_is_object(pName)) return;
  /* English first; "en" may be a list (aliases) as well as a name. */
  if (json_object_get(pName, "en")) index_name(p, json_object_get(pName, "en"));
  const char *zLang;
  const json_t *v;
  json_object_foreach((json_t *)pName, zLang, v) {
    if (strcmp(zLang, "en") != 0) index_name(p, v);
  }
}

static const char *name_en(const json_t *pName) {
  if (json_is_string(pName)) return json_string_value(pName);
  const char *z = str_of(pName, "en");
  if (z) return z;
  const char *zLang;
  const json_t *v;
  json_object_foreach((json_t *)pName, zLang, v) {
    if (json_is_string(v)) return json_string_value(v);
  }
  return 0;
}

static void index_sources(Buf *p, const json_t *v) {
  const json_t *aSrc = json_object_get(v, "sources");
  for (size_t i = 0; i < json_array_size(aSrc); i++)
    index_name(p, json_object_get(json_array_get(aSrc, i), "title"));
}

static void index_text(Buf *p, const char *z) {
  if (!z || !*z) return;
  if (p->n) buf_puts(p, " / ");
  buf_puts(p, z);
}

/* Every language's text of a language map ({"en": "...", "ru": "..."}),
** English first. */
static void index_texts(Buf *p, const json_t *pMap) {
  index_text(p, str_of(pMap, "en"));
  const char *zLang;
  const json_t *v;
  json_object_foreach((json_t *)pMap, zLang, v) {
    if (strcmp(zLang, "en") != 0) index_text(p, json_string_value(v));
  }
}

/* Parties listed in an array of strings or of objects with "party". */
static void put_parties(Buf *p, const json_t *a) {
  for (size_t i = 0; i < json_array_size(a); i++) {
    const json_t *e = json_array_get(a, i);
    const char *z = json_is_string(e) ? json_string_value(e) : str_of(e, "party");
    if (!z) continue;
    buf_putc(p, ' ');
    buf_puts(p, z);
  }
  if (p->n) buf_putc(p, ' ');
}

typedef struct Entry {
  Buf label, title, text, party;
  const char *zOrg, *zBody, *zType, *zDate;
  json_t *pFree[2];
} Entry;

static void fill_entry(Db *pDb, Kind kind, const char *zKey, const json_t *v, Entry *e) {
  switch (kind) {
  case K_PARTY:
    index_name(&e->title, json_object_get(v, "name"));
    index_text(&e->title, zKey);
    index_name(&e->text, json_object_get(v, "aliases"));
    index_name(&e->text, json_object_get(v, "capital"));
    for (size_t i = 0; i < json_array_size(json_object_get(v, "cities")); i++) {
      const json_t *pCity = json_array_get(json_object_get(v, "cities"), i);
      index_name(&e->text, json_object_get(pCity, "name"));
      index_name(&e->text, json_object_get(pCity, "aliases"));
    }
    index_sources(&e->text, v);
    buf_puts(&e->label,
             name_en(json_object_get(v, "name")) ? name_en(json_object_get(v, "name")) : zKey);
    buf_printf(&e->party, " %s ", zKey);
    e->zType = str_of(v, "kind");
    break;
  case K_ORGANIZATION:
  case K_BODY: {
    index_name(&e->title, json_object_get(v, "name"));
    index_name(&e->title, json_object_get(v, "aliases"));
    index_text(&e->title, zKey);
    index_sources(&e->text, v);
    const char *zName = name_en(json_object_get(v, "name"));
    buf_puts(&e->label, zName ? zName : zKey);
    if (kind == K_ORGANIZATION) {
      e->zOrg = zKey;
      e->zDate = str_of(v, "founded");
    } else {
      e->zOrg = str_of(v, "organization");
      e->zBody = zKey;
      e->zType = str_of(v, "level");
    }
    break;
  }
  case K_DOCUMENT: {
    index_name(&e->title, json_object_get(v, "title"));
    index_text(&e->text, str_of(v, "note"));
    index_text(&e->text, str_of(v, "depositary"));
    index_text(&e->text, str_of(json_object_get(v, "adopted"), "place"));
    index_sources(&e->text, v);
    index_texts(&e->text, json_object_get(v, "text")); /* the whole text: last */
    const char *zTitle = name_en(json_object_get(v, "title"));
    buf_puts(&e->label, zTitle ? zTitle : zKey);
    e->zOrg = str_of(v, "organization");
    e->zBody = str_of(v, "body");
    e->zType = str_of(v, "type");
    e->zDate = str_of(json_object_get(v, "adopted"), "date");
    break;
  }
  case K_SESSION: {
    e->zBody = str_of(v, "body");
    e->zDate = str_of(v, "date");
    e->zType = str_of(v, "format");
    const char *zPlace = str_of(v, "place");
    json_t *pBody = e->zBody ? entity_get(pDb, K_BODY, e->zBody) : 0;
    e->pFree[0] = pBody;
    const char *zBodyName = pBody ? name_en(json_object_get(pBody, "name")) : 0;
    if (pBody) {
      e->zOrg = str_of(pBody, "organization");
      index_name(&e->title, json_object_get(pBody, "name"));
    }
    index_text(&e->title, zPlace);
    buf_printf(&e->label, "%s, %s%s%s", zBodyName ? zBodyName : (e->zBody ? e->zBody : "session"),
               e->zDate ? e->zDate : "", zPlace ? ", " : "", zPlace ? zPlace : "");
    const json_t *aAtt = json_object_get(v, "attendance");
    for (size_t i = 0; i < json_array_size(aAtt); i++) {
      const json_t *a = json_array_get(aAtt, i);
      index_text(&e->text, str_of(a, "by"));
      index_text(&e->text, str_of(a, "role"));
    }
    index_text(&e->text, str_of(json_object_get(v, "next"), "place"));
    index_sources(&e->text, v);
    put_parties(&e->party, aAtt);
    break;
  }
  case K_COMMITMENT:
    index_name(&e->title, json_object_get(v, "text"));
    index_text(&e->text, str_of(v, "category"));
    index_text(&e->text, str_of(v, "note"));
    index_sources(&e->text, v);
    buf_puts(&e->label, zKey);
    e->zOrg = str_of(v, "organization");
    e->zType = str_of(v, "category");
    e->zDate = str_of(v, "deadline");
    e->zBody = str_of(json_object_get(v, "addressees"), "body");
    put_parties(&e->party, json_object_get(json_object_get(v, "addressees"), "parties"));
    break;
  case K_ASSESSMENT: {
    index_text(&e->text, str_of(v, "evidence"));
    index_text(&e->text, str_of(v, "assessor"));
    index_sources(&e->text, v);
    const char *zCommitment = str_of(v, "commitment");
    buf_printf(&e->label, "%s: %s, %s", zCommitment ? zCommitment : "", str_of(v, "party"),
               str_of(v, "date") ? str_of(v, "date") : "");
    index_text(&e->title, zCommitment);
    json_t *pC = zCommitment ? entity_get(pDb, K_COMMITMENT, zCommitment) : 0;
    e->pFree[0] = pC;
    if (pC) e->zOrg = str_of(pC, "organization");
    e->zType = str_of(v, "status");
    e->zDate = str_of(v, "date");
    if (str_of(v, "party")) buf_printf(&e->party, " %s ", str_of(v, "party"));
    break;
  }
  default: break;
  }
}

bool search_indexed_kind(Kind kind) {
  return kind == K_PARTY || kind == K_ORGANIZATION || kind == K_BODY || kind == K_DOCUMENT ||
         kind == K_SESSION || kind == K_COMMITMENT || kind == K_ASSESSMENT;
}

/* The code of an organization in row ids, made on first use; 0 for none,
** -1 for one never indexed when !bMake. */
int64_t search_org_code(Db *pDb, const char *zOrg, bool bMake) {
  if (!zOrg || !*zOrg) return 0;
  sqlite3_stmt *p = db_stmt(pDb, "SELECT code FROM search_org WHERE org=?1");
  sqlite3_bind_text(p, 1, zOrg, -1, SQLITE_STATIC);
  int64_t code = db_step_row(pDb, p) ? sqlite3_column_int64(p, 0) : -1;
  sqlite3_reset(p);
  if (code >= 0 || !bMake) return code;
  p = db_stmt(pDb, "INSERT INTO search_org(org) VALUES(?1)");
  sqlite3_bind_text(p, 1, zOrg, -1, SQLITE_STATIC);
  db_step_done(pDb, p);
  code = sqlite3_last_insert_rowid(db_handle(pDb));
  if (code > RID_ORG_MAX) db_fail(pDb, _("the search index holds no more organizations"));
  return code;
}

static int64_t doc_rowid(Db *pDb, Kind kind, const char *zKey) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT rid FROM search_doc WHERE kind=?1 AND key=?2");
  sqlite3_bind_text(p, 1, kind_name(kind), -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 2, zKey, -1, SQLITE_STATIC);
  int64_t rid = db_step_row(pDb, p) ? sqlite3_column_int64(p, 0) : 0;
  sqlite3_reset(p);
  return rid;
}

static void delete_row(Db *pDb, int64_t rid) {
  sqlite3_stmt *p = db_stmt(pDb, "DELETE FROM search WHERE rowid=?1");
  sqlite3_bind_int64(p, 1, rid);
  db_step_done(pDb, p);
  p = db_stmt(pDb, "DELETE FROM search_doc WHERE rid=?1");
  sqlite3_bind_int64(p, 1, rid);
  db_step_done(pDb, p);
}

/* Insert the row of e: its id says kind rowKind; search_doc says zKind. */
static void insert_row(Db *pDb, Kind rowKind, const char *zKind, const char *zKey, int64_t seq,
                       const Entry *e) {
  int64_t rid = rid_make(search_org_code(pDb, e->zOrg, true), rowKind, seq);
  sqlite3_stmt *p = db_stmt(pDb, "INSERT INTO search(rowid, title, text) VALUES(?1, ?2, ?3)");
  sqlite3_bind_int64(p, 1, rid);
  sqlite3_bind_text(p, 2, e->title.z ? e->title.z : "", -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 3, e->text.z ? e->text.z : "", (int)e->text.n, SQLITE_STATIC);
  db_step_done(pDb, p);
  p = db_stmt(pDb, "INSERT INTO search_doc(rid, kind, key, label, org, body, type, party, date) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  sqlite3_bind_int64(p, 1, rid);
  sqlite3_bind_text(p, 2, zKind, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 3, zKey, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 4, e->label.z ? e->label.z : zKey, -1, SQLITE_STATIC);
  db_bind_nonempty(p, 5, e->zOrg);
  db_bind_nonempty(p, 6, e->zBody);
  db_bind_nonempty(p, 7, e->zType);
  db_bind_nonempty(p, 8, e->party.z);
  db_bind_nonempty(p, 9, e->zDate);
  db_step_done(pDb, p);
}

static void entry_free(Entry *e) {
  buf_free(&e->label);
  buf_free(&e->title);
  buf_free(&e->text);
  buf_free(&e->party);
  json_decref(e->pFree[0]);
  json_decref(e->pFree[1]);
}

void search_memo_reset(SearchMemo *pMemo) {
  xfree(pMemo->zDoc);
  json_decref(pMemo->pDoc);
  pMemo->zDoc = 0;
  pMemo->pDoc = 0;
}

/* The live document zDoc, from the memo when it holds it (borrowed). */
static const json_t *memo_document(Db *pDb, SearchMemo *pMemo, const char *zDoc) {
  if (pMemo->zDoc && strcmp(pMemo->zDoc, zDoc) == 0) return pMemo->pDoc;
  search_memo_reset(pMemo);
  pMemo->pDoc = entity_get(pDb, K_DOCUMENT, zDoc);
  if (pMemo->pDoc) pMemo->zDoc = xstrdup(zDoc);
  return pMemo->pDoc;
}

/*
** An action's text (a reservation's, a declaration's, an objection's) is a
** row of its own, so that a document is found by the words of what its
** parties said about it without its row growing with every reservation
** (a document's row written again for each would make a load quadratic).
** The row is a document's in its id (kind and organization: facets, the
** kind and organization filters) and in its filter values (body, type, date
** adopted), with the party as the action's; search_doc names it kind
** "action", key DOCUMENT|PARTY|TYPE|DATE, label "Reservation by PARTY,
** DATE", and search.c shows it as a hit of the document. pDoc: the
** document's value when the caller has it (NULL: read it, or the memo's
** when pMemo holds it).
*/
static void put_action(Db *pDb, SearchMemo *pMemo, const char *zKey, const json_t *v, int64_t seq,
                       bool bNew, const json_t *pDoc) {
  if (!bNew) {
    int64_t rid = doc_rowid(pDb, K_ACTION, zKey);
    if (rid) delete_row(pDb, rid);
  }
  const char *zText = str_of(v, "text"), *zType = str_of(v, "type");
  const char *zParty = str_of(v, "party"), *zDoc = str_of(v, "document");
  if (!zText || !*zText || !zType || !zParty || !zDoc) return;
  Entry e;
  memset(&e, 0, sizeof(e));
  if (!pDoc) pDoc = memo_document(pDb, pMemo, zDoc);
  e.zOrg = str_of(pDoc, "organization");
  e.zBody = str_of(pDoc, "body");
  e.zType = str_of(pDoc, "type");
  e.zDate = str_of(json_object_get(pDoc, "adopted"), "date");
  buf_printf(&e.party, " %s ", zParty);
  buf_putc(&e.label, (char)(*zType >= 'a' && *zType <= 'z' ? *zType - 'a' + 'A' : *zType));
  for (const char *z = zType + 1; *z; z++) buf_putc(&e.label, *z == '_' ? ' ' : *z);
  buf_printf(&e.label, " by %s, %s", zParty, str_of(v, "date") ? str_of(v, "date") : "");
  buf_puts(&e.text, zText);
  insert_row(pDb, K_DOCUMENT, kind_name(K_ACTION), zKey, seq, &e);
  entry_free(&e);
}

/* A document replaced: the rows of its actions' texts take its new
** organization and filter values (one range of search_doc's key index,
** one row per action with a text). */
static void refresh_actions(Db *pDb, const char *zDoc, const json_t *pDoc) {
  Buf lo = {0}, hi = {0};
  buf_printf(&lo, "%s|", zDoc);
  buf_printf(&hi, "%s}", zDoc); /* '}' follows '|' */
  sqlite3_stmt *p = db_stmt(pDb, "SELECT d.key FROM search_doc d "
                                 "WHERE d.kind=?3 AND d.key>?1 AND d.key<?2");
  sqlite3_bind_text(p, 1, lo.z, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 2, hi.z, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 3, kind_name(K_ACTION), -1, SQLITE_STATIC);
  json_t *aKey = json_array();
  while (db_step_row(pDb, p))
    json_array_append_new(aKey, json_string((const char *)sqlite3_column_text(p, 0)));
  sqlite3_reset(p);
  for (size_t i = 0; i < json_array_size(aKey); i++) {
    const char *zKey = json_string_value(json_array_get(aKey, i));
    /* The live action's entry: its row in actions (it has no entity row). */
    int64_t seq = entity_seq(pDb, K_ACTION, zKey);
    json_t *v = seq ? entity_get_seq(pDb, seq) : 0;
    if (v) put_action(pDb, 0, zKey, v, seq, false, pDoc);
    json_decref(v);
  }
  json_decref(aKey);
  buf_free(&lo);
  buf_free(&hi);
}

void search_put(Db *pDb, SearchMemo *pMemo, Kind kind, const char *zKey, const json_t *v,
                int64_t seq, bool bNew) {
  if (kind == K_ACTION) {
    if (seq < 0 || seq > RID_SEQ_MAX) db_fail(pDb, _("the journal is beyond the search index"));
    put_action(pDb, pMemo, zKey, v, seq, bNew, 0);
    return;
  }
  if (kind == K_DOCUMENT) search_memo_reset(pMemo);
  if (!search_indexed_kind(kind)) return;
  if (seq < 0 || seq > RID_SEQ_MAX) db_fail(pDb, _("the journal is beyond the search index"));
  int64_t rid = bNew ? 0 : doc_rowid(pDb, kind, zKey);
  if (rid) delete_row(pDb, rid);
  Entry e;
  memset(&e, 0, sizeof(e));
  fill_entry(pDb, kind, zKey, v, &e);
  insert_row(pDb, kind, kind_name(kind), zKey, seq, &e);
  entry_free(&e);
  if (kind == K_DOCUMENT && !bNew) refresh_actions(pDb, zKey, v);
}

void search_retract(Db *pDb, SearchMemo *pMemo, Kind kind, const char *zKey) {
  if (kind == K_DOCUMENT) search_memo_reset(pMemo);
  if (!search_indexed_kind(kind) && kind != K_ACTION) return;
  int64_t rid = doc_rowid(pDb, kind, zKey);
  if (rid) delete_row(pDb, rid);
}

void search_clear(Db *pDb) {
  db_exec(pDb, "DELETE FROM search; DELETE FROM search_doc; "
               "DELETE FROM meta WHERE key='search_stale';");
}

void search_ensure(Db *pDb) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT 1 FROM meta WHERE key='search_stale'");
  bool bStale = db_step_row(pDb, p);
  sqlite3_reset(p);
  if (!bStale) return;
  db_begin(pDb);
  db_exec(pDb, "DELETE FROM search; DELETE FROM search_doc;");
  /* Actions from their rows (no entity rows): only those whose record holds
  ** more than the row (more), as a text does. */
  p = db_stmt(pDb, "SELECT e.kind, e.key, j.record, e.seq FROM entity e "
                   "JOIN journal j ON j.seq=e.seq UNION ALL "
                   "SELECT 7, " ENTITY_ACTION_KEY ", j.record, a.seq FROM actions a "
                   "JOIN document d ON d.did=a.did JOIN party p ON p.pid=a.pid "
                   "JOIN journal j ON j.seq=a.seq WHERE a.more ORDER BY 4");
  SearchMemo memo = {0};
  while (db_step_row(pDb, p)) {
    Kind kind = (Kind)sqlite3_column_int(p, 0);
    const char *zRec = (const char *)sqlite3_column_text(p, 2);
    /* An action is in the index only with a text. */
    if (!search_indexed_kind(kind) && !(kind == K_ACTION && strstr(zRec, "\"text\":"))) continue;
    char *zKey = xstrdup((const char *)sqlite3_column_text(p, 1));
    json_t *pRec = json_loads(zRec, 0, 0);
    /* The index was emptied: no row to replace (bNew), and an action's
    ** row reads its document's current value, whichever comes first. */
    if (pRec)
      search_put(pDb, &memo, kind, zKey, json_object_get(pRec, "value"), sqlite3_column_int64(p, 3),
                 true);
    json_decref(pRec);
    xfree(zKey);
  }
  sqlite3_reset(p);
  search_memo_reset(&memo);
  search_optimize(pDb);
  db_exec(pDb, "DELETE FROM meta WHERE key='search_stale'");
  db_commit(pDb);
}

/* Refilled in one transaction, the index is many small segments that every
** query has to merge (three times slower at 100,000 rows, bench/search.sh);
** FTS5's optimize merges them into one. */
void search_optimize(Db *pDb) {
  db_exec(pDb, "INSERT INTO search(search) VALUES('optimize')");
}
