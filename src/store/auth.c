#include "auth.h"
#include "i18n.h"

#include <openssl/rand.h>
#include <openssl/sha.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "date.h"
#include "rules.h"

static void sha256_secret(const char *zSecret, unsigned char *aOut) {
  SHA256((const unsigned char *)zSecret, strlen(zSecret), aOut);
}

char *auth_token_create(Db *pDb, const char *zRole, const char *zParty, const char *zName,
                        Buf *pErr) {
  bool bDelegate = zRole && strcmp(zRole, "delegate") == 0;
  if (!zRole || (!bDelegate && strcmp(zRole, "depositary") != 0)) {
    buf_puts(pErr, _("--role: expected depositary or delegate"));
    return 0;
  }
  if (bDelegate != (zParty != 0)) {
    buf_puts(pErr, bDelegate ? _("a delegate token needs --party CODE")
                             : _("--party goes with --role delegate only"));
    return 0;
  }
  if (zParty && (strlen(zParty) != 3 || zParty[0] < 'A' || zParty[0] > 'Z' || zParty[1] < 'A' ||
                 zParty[1] > 'Z' || zParty[2] < 'A' || zParty[2] > 'Z')) {
    buf_printf(pErr, _("--party: expected a party code of 3 upper-case letters, got \"%s\""),
               zParty);
    return 0;
  }
  if (!zName || !*zName || strlen(zName) > 100) {
    buf_puts(pErr, _("--name: expected a name of 1 to 100 characters"));
    return 0;
  }
  unsigned char aRand[32], aHash[SHA256_DIGEST_LENGTH];
  if (RAND_bytes(aRand, sizeof(aRand)) != 1) panic("no randomness for a token");
  char *zSecret = xmalloc(7 + 2 * sizeof(aRand));
  memcpy(zSecret, "pacta_", 6);
  hex_encode(aRand, sizeof(aRand), zSecret + 6);
  sha256_secret(zSecret, aHash);
  time_t now = time(0);
  struct tm tm;
  char zTime[24];
  gmtime_r(&now, &tm);
  strftime(zTime, sizeof(zTime), "%Y-%m-%dT%H:%M:%SZ", &tm);
  sqlite3_stmt *p = db_stmt(pDb, "INSERT INTO token(name, role, party, hash, created) "
                                 "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(name) DO NOTHING");
  sqlite3_bind_text(p, 1, zName, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 2, zRole, -1, SQLITE_STATIC);
  db_bind_text(p, 3, zParty);
  sqlite3_bind_blob(p, 4, aHash, sizeof(aHash), SQLITE_STATIC);
  sqlite3_bind_text(p, 5, zTime, -1, SQLITE_STATIC);
  db_step_done(pDb, p);
  if (sqlite3_changes(db_handle(pDb)) == 0) {
    buf_printf(pErr, _("a token named \"%s\" exists already"), zName);
    xfree(zSecret);
    return 0;
  }
  return zSecret;
}

bool auth_token_revoke(Db *pDb, const char *zName) {
  sqlite3_stmt *p = db_stmt(pDb, "UPDATE token SET revoked=strftime('%Y-%m-%dT%H:%M:%SZ','now') "
                                 "WHERE name=?1 AND revoked IS NULL");
  sqlite3_bind_text(p, 1, zName, -1, SQLITE_STATIC);
  db_step_done(pDb, p);
  return sqlite3_changes(db_handle(pDb)) > 0;
}

json_t *auth_token_list(Db *pDb) {
  sqlite3_stmt *p =
      db_stmt(pDb, "SELECT name, role, party, created, revoked FROM token ORDER BY name");
  json_t *a = json_array();
  while (db_step_row(pDb, p)) {
    json_t *o = json_object();
    static const char *const azCol[] = {"name", "role", "party", "created", "revoked"};
    for (int i = 0; i < 5; i++) {
      const char *z = (const char *)sqlite3_column_text(p, i);
      json_object_set_new(o, azCol[i], z ? json_string(z) : json_null());
    }
    json_array_append_new(a, o);
  }
  sqlite3_reset(p);
  return a;
}

const char *auth_bearer(const char *zAuth) {
  if (!zAuth || strncasecmp(zAuth, "Bearer", 6) != 0 || zAuth[6] != ' ') return 0;
  const char *z = zAuth + 6;
  while (*z == ' ') z++;
  if (!*z || strpbrk(z, " \t")) return 0;
  return z;
}

/* The caller of a token row read as (name, role, party, ...). */
static void caller_of_row(sqlite3_stmt *p, Caller *pOut) {
  snprintf(pOut->zName, sizeof(pOut->zName), "%s", sqlite3_column_text(p, 0));
  const char *zRole = (const char *)sqlite3_column_text(p, 1);
  pOut->role = strcmp(zRole, "depositary") == 0 ? ROLE_DEPOSITARY : ROLE_DELEGATE;
  const char *zParty = (const char *)sqlite3_column_text(p, 2);
  if (zParty) snprintf(pOut->zParty, sizeof(pOut->zParty), "%s", zParty);
}

void auth_lookup(Db *pDb, const char *zSecret, Caller *pOut) {
  memset(pOut, 0, sizeof(*pOut));
  if (!zSecret || !*zSecret) return;
  unsigned char aHash[SHA256_DIGEST_LENGTH];
  sha256_secret(zSecret, aHash);
  sqlite3_stmt *p =
      db_stmt(pDb, "SELECT name, role, party FROM token WHERE hash=?1 AND revoked IS NULL");
  sqlite3_bind_blob(p, 1, aHash, sizeof(aHash), SQLITE_STATIC);
  if (db_step_row(pDb, p)) {
    caller_of_row(p, pOut);
  } else {
    pOut->bBadToken = true;
  }
  sqlite3_reset(p);
}

const char *const azDelegateActionType[] = {"ratification",
                                            "acceptance",
                                            "approval",
                                            "accession",
                                            "notification",
                                            "succession",
                                            "reservation",
                                            "declaration",
                                            "objection",
                                            "withdrawal",
                                            0};

/* A delegate's date: left out (the server gives the day of receipt) or
** that day itself. */
static const char *delegate_date(const json_t *pRecord) {
  const char *zDate = json_string_value(json_object_get(pRecord, "date"));
  if (!zDate) return 0;
  char zToday[DATE_BUFSZ];
  date_format(date_today(), zToday);
  if (strcmp(zDate, zToday) == 0) return 0;
  return _("the date of deposit is the day the depositary receives the instrument (today): leave "
           "\"date\" out, and give the instrument's own date as \"instrument_date\"");
}

const char *auth_may_write(const Caller *c, const char *zSection, const json_t *pRecord) {
  if (c->role == ROLE_DEPOSITARY) return 0;
  if (c->role != ROLE_DELEGATE) return _("writing needs a token");
  if (strcmp(zSection, "assessments") == 0) {
    /* Its own state's self-report, kept apart from the secretariat's. */
    const char *zParty = json_string_value(json_object_get(pRecord, "party"));
    if (!json_is_true(json_object_get(pRecord, "self_report")))
      return _("a delegate may file only self-reports (\"self_report\": true); assessments are "
               "the secretariat's");
    if (!zParty || strcmp(zParty, c->zParty) != 0)
      return _("a delegate may file self-reports of its own party only");
    return delegate_date(pRecord);
  }
  if (strcmp(zSection, "actions") != 0)
    return _("a delegate may submit only its own party's instruments and self-reports (actions, "
             "assessments)");
  const char *zParty = json_string_value(json_object_get(pRecord, "party"));
  if (!zParty || strcmp(zParty, c->zParty) != 0)
    return _("a delegate may submit instruments of its own party only");
  if (json_object_get(pRecord, "effective"))
    return _("a delegate cannot set \"effective\": when a withdrawal takes effect follows from the "
             "document and the date of deposit");
  const char *zType = json_string_value(json_object_get(pRecord, "type"));
  ActionType t;
  if (!zType || action_type_parse(zType, &t)) return delegate_date(pRecord); /* validation says */
  for (int i = 0; azDelegateActionType[i]; i++)
    if (strcmp(zType, azDelegateActionType[i]) == 0) return delegate_date(pRecord);
  return _("a delegate may submit consent instruments, notifications, reservations, "
           "declarations, objections and withdrawal notices; this one is for the depositary");
}

/* ---- Sessions ------------------------------------------------------------------ */

char *auth_session_start(Db *pDb, const char *zTokenSecret, Caller *pOut) {
  auth_lookup(pDb, zTokenSecret, pOut);
  if (pOut->role == ROLE_NONE) return 0;
  unsigned char aRand[32], aHash[SHA256_DIGEST_LENGTH];
  if (RAND_bytes(aRand, sizeof(aRand)) != 1) panic("no randomness for a session");
  char *zSecret = xmalloc(2 * sizeof(aRand) + 1);
  hex_encode(aRand, sizeof(aRand), zSecret);
  sha256_secret(zSecret, aHash);
  long long now = (long long)time(0);
  /* Sessions idle past their time are swept as new ones start. */
  sqlite3_stmt *p = db_stmt(pDb, "DELETE FROM session WHERE seen<?1");
  sqlite3_bind_int64(p, 1, now - AUTH_SESSION_IDLE);
  db_step_done(pDb, p);
  p = db_stmt(pDb, "INSERT INTO session(hash, token, created, seen) VALUES(?1, ?2, ?3, ?3)");
  sqlite3_bind_blob(p, 1, aHash, sizeof(aHash), SQLITE_STATIC);
  sqlite3_bind_text(p, 2, pOut->zName, -1, SQLITE_STATIC);
  sqlite3_bind_int64(p, 3, now);
  db_step_done(pDb, p);
  return zSecret;
}

void auth_session_lookup(Db *pDb, const char *zSecret, Caller *pOut) {
  memset(pOut, 0, sizeof(*pOut));
  if (!zSecret || strlen(zSecret) != 64) return;
  unsigned char aHash[SHA256_DIGEST_LENGTH];
  sha256_secret(zSecret, aHash);
  long long now = (long long)time(0), seen = 0;
  sqlite3_stmt *p = db_stmt(pDb, "SELECT t.name, t.role, t.party, s.seen FROM session s "
                                 "JOIN token t ON t.name=s.token "
                                 "WHERE s.hash=?1 AND t.revoked IS NULL AND s.seen>=?2");
  sqlite3_bind_blob(p, 1, aHash, sizeof(aHash), SQLITE_STATIC);
  sqlite3_bind_int64(p, 2, now - AUTH_SESSION_IDLE);
  if (db_step_row(pDb, p)) {
    caller_of_row(p, pOut);
    seen = sqlite3_column_int64(p, 3);
  }
  sqlite3_reset(p);
  /* Idle time counts from the last request; written at most every five
  ** minutes, so that reading pages does not write on every request. */
  if (pOut->role != ROLE_NONE && now - seen > 300) {
    p = db_stmt(pDb, "UPDATE session SET seen=?2 WHERE hash=?1");
    sqlite3_bind_blob(p, 1, aHash, sizeof(aHash), SQLITE_STATIC);
    sqlite3_bind_int64(p, 2, now);
    db_step_done(pDb, p);
  }
}

void auth_session_end(Db *pDb, const char *zSecret) {
  if (!zSecret) return;
  unsigned char aHash[SHA256_DIGEST_LENGTH];
  sha256_secret(zSecret, aHash);
  sqlite3_stmt *p = db_stmt(pDb, "DELETE FROM session WHERE hash=?1");
  sqlite3_bind_blob(p, 1, aHash, sizeof(aHash), SQLITE_STATIC);
  db_step_done(pDb, p);
}
