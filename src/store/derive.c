#include "derive.h"

#include <string.h>

#include "date.h"
#include "rules.h"
#include "search_index.h"
#include "util.h"

/* Migration 12 (db.c) and search_ensure name actions' kind by number. */
_Static_assert(K_ACTION == 7, "actions are kind 7");

static const char *str_of(const json_t *pObj, const char *zField) {
  return json_string_value(json_object_get(pObj, zField));
}

/* A validated date field as a day number, DATE_NONE when absent or null. */
static pdate date_of(const json_t *pObj, const char *zField) {
  const json_t *p = json_object_get(pObj, zField);
  pdate d;
  if (!json_is_string(p) || date_parse(json_string_value(p), json_string_length(p), &d)) {
    return DATE_NONE;
  }
  return d;
}

static void bind_date(sqlite3_stmt *p, int i, pdate d) {
  if (d == DATE_NONE)
    sqlite3_bind_null(p, i);
  else
    sqlite3_bind_int(p, i, d);
}

void derive_cache_reset(DeriveCache *p) {
  strmap_free(&p->party);
  strmap_free(&p->document);
  search_memo_reset(&p->search);
  p->bFresh = false;
}

/* Row id of a party or document code, creating the row if needed. Parties
** and documents keep their ids across replacement so actions stay valid. */
static int64_t row_id(Db *pDb, StrMap *pCache, bool bFresh, const char *zSelect,
                      const char *zInsert, const char *zCode) {
  int *pId = strmap_find(pCache, zCode);
  if (pId) return *pId;
  int64_t id = 0;
  if (!bFresh) {
    sqlite3_stmt *p = db_stmt(pDb, zSelect);
    sqlite3_bind_text(p, 1, zCode, -1, SQLITE_STATIC);
    id = db_step_row(pDb, p) ? sqlite3_column_int64(p, 0) : 0;
    sqlite3_reset(p);
  }
  if (!id) {
    sqlite3_stmt *p = db_stmt(pDb, zInsert);
    sqlite3_bind_text(p, 1, zCode, -1, SQLITE_STATIC);
    db_step_done(pDb, p);
    id = sqlite3_last_insert_rowid(db_handle(pDb));
  }
  bool bNew;
  strmap_insert(pCache, zCode, (int)id, &bNew);
  return id;
}

static int64_t party_id(Db *pDb, DeriveCache *pCache, const char *zCode) {
  return row_id(pDb, &pCache->party, pCache->bFresh, "SELECT pid FROM party WHERE code=?1",
                "INSERT INTO party(code, is_org) VALUES(?1, 0)", zCode);
}

static int64_t document_id(Db *pDb, DeriveCache *pCache, const char *zId) {
  return row_id(pDb, &pCache->document, pCache->bFresh, "SELECT did FROM document WHERE id=?1",
                "INSERT INTO document(id, organization) VALUES(?1, '')", zId);
}

/* Whether an action's record holds a field its row does not (a text, a
** note, a reservation, an instrument date, a submission, a notification):
** the document page reads only those records. As migration 11 (db.c) says
** it of the rows it found. */
static bool action_has_more(const json_t *v) {
  const char *zField;
  const json_t *pVal;
  json_object_foreach((json_t *)v, zField, pVal) {
    if (strcmp(zField, "document") != 0 && strcmp(zField, "party") != 0 &&
        strcmp(zField, "type") != 0 && strcmp(zField, "date") != 0 &&
        strcmp(zField, "effective") != 0 && strcmp(zField, "subject_to_procedures") != 0)
      return true;
  }
  return false;
}

/* An action's row, with the journal entry that put it: actions have no
** entity row (db.c migration 12). A new one whose row is there (put before
** in this transaction) is not written: false. */
static bool put_action(Db *pDb, DeriveCache *pCache, const json_t *v, int64_t seq, bool bNew) {
  ActionType type;
  if (action_type_parse(str_of(v, "type"), &type)) panic("unvalidated action type");
  /* INSERT OR IGNORE needs no statement journal, unlike INSERT OR REPLACE. */
  sqlite3_stmt *p =
      bNew
          ? db_stmt(pDb, "INSERT OR IGNORE INTO actions(did, pid, type, date, effective, "
                         "subject_to_procedures, more, seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
          : db_stmt(pDb,
                    "INSERT OR REPLACE INTO actions(did, pid, type, date, effective, "
                    "subject_to_procedures, more, seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  sqlite3_bind_int64(p, 1, document_id(pDb, pCache, str_of(v, "document")));
  sqlite3_bind_int64(p, 2, party_id(pDb, pCache, str_of(v, "party")));
  sqlite3_bind_int(p, 3, type);
  bind_date(p, 4, date_of(v, "date"));
  bind_date(p, 5, date_of(v, "effective"));
  sqlite3_bind_int(p, 6, json_is_true(json_object_get(v, "subject_to_procedures")));
  sqlite3_bind_int(p, 7, action_has_more(v));
  sqlite3_bind_int64(p, 8, seq);
  db_step_done(pDb, p);
  return !bNew || sqlite3_changes(db_handle(pDb)) > 0;
}

static void put_membership(Db *pDb, const json_t *v) {
  MemberKind kind;
  if (member_kind_parse(str_of(v, "kind"), &kind)) panic("unvalidated membership kind");
  sqlite3_stmt *p =
      db_stmt(pDb, "INSERT OR REPLACE INTO membership(organization, party, kind, from_date, "
                   "to_date) VALUES(?1, ?2, ?3, ?4, ?5)");
  sqlite3_bind_text(p, 1, str_of(v, "organization"), -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 2, str_of(v, "party"), -1, SQLITE_STATIC);
  sqlite3_bind_int(p, 3, kind);
  bind_date(p, 4, date_of(v, "from"));
  bind_date(p, 5, date_of(v, "to"));
  db_step_done(pDb, p);
}

bool derive_put(Db *pDb, DeriveCache *pCache, Kind kind, const char *zKey, const json_t *v,
                int64_t seq, bool bNew) {
  if (kind == K_ACTION) {
    if (!put_action(pDb, pCache, v, seq, bNew)) return false;
    search_put(pDb, &pCache->search, kind, zKey, v, seq, bNew);
    return true;
  }
  sqlite3_stmt *p =
      bNew ? db_stmt(pDb, "INSERT OR IGNORE INTO entity(kind, key, seq) VALUES(?1, ?2, ?3)")
           : db_stmt(pDb, "INSERT OR REPLACE INTO entity(kind, key, seq) "
                          "VALUES(?1, ?2, ?3)");
  sqlite3_bind_int(p, 1, kind);
  sqlite3_bind_text(p, 2, zKey, -1, SQLITE_STATIC);
  sqlite3_bind_int64(p, 3, seq);
  db_step_done(pDb, p);
  if (bNew && sqlite3_changes(db_handle(pDb)) == 0) return false;
  switch (kind) {
  case K_PARTY: {
    party_id(pDb, pCache, zKey);
    p = db_stmt(pDb, "UPDATE party SET is_org=?2 WHERE code=?1");
    sqlite3_bind_text(p, 1, zKey, -1, SQLITE_STATIC);
    sqlite3_bind_int(p, 2, strcmp(str_of(v, "kind"), "organization") == 0);
    db_step_done(pDb, p);
    break;
  }
  case K_DOCUMENT: {
    document_id(pDb, pCache, zKey);
    p = db_stmt(pDb, "UPDATE document SET organization=?2 WHERE id=?1");
    sqlite3_bind_text(p, 1, zKey, -1, SQLITE_STATIC);
    sqlite3_bind_text(p, 2, str_of(v, "organization"), -1, SQLITE_STATIC);
    db_step_done(pDb, p);
    break;
  }
  case K_MEMBERSHIP: put_membership(pDb, v); break;
  default: break; /* read from the journal record when needed */
  }
  search_put(pDb, &pCache->search, kind, zKey, v, seq, bNew);
  return true;
}

void derive_retract(Db *pDb, DeriveCache *pCache, Kind kind, const char *zKey) {
  sqlite3_stmt *p;
  if (kind != K_ACTION) { /* an action's row in actions is its entity */
    p = db_stmt(pDb, "DELETE FROM entity WHERE kind=?1 AND key=?2");
    sqlite3_bind_int(p, 1, kind);
    sqlite3_bind_text(p, 2, zKey, -1, SQLITE_STATIC);
    db_step_done(pDb, p);
  }
  search_retract(pDb, &pCache->search, kind, zKey);
  char zBuf[256], *az[4];
  int n = key_split(zKey, zBuf, sizeof(zBuf), az);
  if (kind == K_MEMBERSHIP && n == 3) {
    pdate from;
    if (date_parse(az[2], strlen(az[2]), &from)) return;
    p = db_stmt(pDb, "DELETE FROM membership WHERE organization=?1 AND party=?2 AND from_date=?3");
    sqlite3_bind_text(p, 1, az[0], -1, SQLITE_STATIC);
    sqlite3_bind_text(p, 2, az[1], -1, SQLITE_STATIC);
    sqlite3_bind_int(p, 3, from);
    db_step_done(pDb, p);
  } else if (kind == K_ACTION && n == 4) {
    ActionType type;
    pdate date;
    if (action_type_parse(az[2], &type) || date_parse(az[3], strlen(az[3]), &date)) return;
    p = db_stmt(pDb, "DELETE FROM actions WHERE did=(SELECT did FROM document WHERE id=?1) AND "
                     "pid=(SELECT pid FROM party WHERE code=?2) AND type=?3 AND date=?4");
    sqlite3_bind_text(p, 1, az[0], -1, SQLITE_STATIC);
    sqlite3_bind_text(p, 2, az[1], -1, SQLITE_STATIC);
    sqlite3_bind_int(p, 3, type);
    sqlite3_bind_int(p, 4, date);
    db_step_done(pDb, p);
  }
  /* Party and document rows stay: they are only ids; `entity` (for actions,
  ** `actions`) says what is live. */
}

void derive_clear(Db *pDb) {
  db_exec(pDb, "DELETE FROM entity; DELETE FROM actions; DELETE FROM membership; "
               "DELETE FROM document; DELETE FROM party;");
  search_clear(pDb);
}

void derive_refilled(Db *pDb) {
  search_optimize(pDb);
}
