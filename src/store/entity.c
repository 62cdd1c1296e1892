#include "entity.h"

#include <string.h>

#include "date.h"
#include "fields.h"
#include "i18n.h"
#include "rules.h"
#include "term.h"

bool entity_value_span(const char *zRecord, size_t nRecord, size_t *pOff, size_t *pLen) {
  /* Canonical order puts "value" last, and an unescaped ,"value": can only
  ** be the member separator: inside strings every quote is escaped. */
  const char *z = strstr(zRecord, ",\"value\":");
  if (!z) return false;
  *pOff = (size_t)(z - zRecord) + 9;
  *pLen = nRecord - *pOff - 1;
  return true;
}

json_t *entity_from_record(const char *z, size_t n) {
  size_t off, len;
  if (!entity_value_span(z, n, &off, &len)) return 0;
  return json_loadb(z + off, len, 0, 0);
}

json_t *entity_from_value(const char *z, size_t n) {
  return z ? json_loadb(z, n, 0, 0) : 0;
}

struct ActionRow {
  size_t oKey, oValue, nValue; /* in ActionScan.arena (oKey: sorted by key only) */
  size_t oCode;                /* the party's code in ActionScan.codes */
  int64_t seq;
  uint64_t order; /* the key's order as a number: party, type, date ranks */
  pdate date;
  ActionType type;
};

/* a and b, each followed by '|' as in a key, compared as strcmp does. */
static int compare_parts(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return (unsigned char)(*a ? *a : '|') - (unsigned char)(*b ? *b : '|');
}

void action_scan_open(ActionScan *s, Db *pDb, const char *zLo, const char *zHi,
                      const char *zAfter) {
  memset(s, 0, sizeof(*s));
  s->pDb = pDb;
  s->zLo = xstrdup(zLo ? zLo : "");
  s->zHi = xstrdup(zHi ? zHi : "\x7f"); /* keys are ASCII: DEL follows every one */
  s->zAfter = xstrdup(zAfter ? zAfter : "");
  s->bPast = !s->zLo[0] && !s->zAfter[0]; /* no key is "" */
  _Static_assert(ACT__COUNT <= sizeof(s->aTypeRank), "a rank for each action type");
  for (int t = 0; t < ACT__COUNT; t++)
    for (int u = 0; u < ACT__COUNT; u++)
      s->aTypeRank[t] += compare_parts(azActionTypeName[u], azActionTypeName[t]) < 0;
}

void action_scan_open_prefix(ActionScan *s, Db *pDb, const char *zPrefix) {
  /* The prefix as a key range: [prefix, prefix with its last byte + 1). */
  char *zHi = xstrdup(zPrefix);
  size_t n = strlen(zHi);
  if (n) zHi[n - 1]++;
  action_scan_open(s, pDb, zPrefix, n ? zHi : 0, 0);
  xfree(zHi);
}

void action_scan_close(ActionScan *s) {
  xfree(s->zLo);
  xfree(s->zHi);
  xfree(s->zAfter);
  buf_free(&s->doc);
  buf_free(&s->arena);
  buf_free(&s->key);
  buf_free(&s->codes);
  xfree(s->aCode);
  xfree(s->aCodeRank);
  xfree(s->a);
  memset(s, 0, sizeof(*s));
}

/* The document part of a key bound: z up to and with its first '|', or z. */
static size_t doc_part(const char *z) {
  const char *zBar = strchr(z, '|');
  return zBar ? (size_t)(zBar - z) + 1 : strlen(z);
}

/* The arena compare_rows reads, past the document's id all keys share:
** qsort takes no context. */
static __thread const char *t_zRowArena;

static int compare_rows(const void *pA, const void *pB) {
  return strcmp(t_zRowArena + ((const ActionRow *)pA)->oKey,
                t_zRowArena + ((const ActionRow *)pB)->oKey);
}

/* The same order by the rows' numbers (ActionRow.order), where each has one. */
static int compare_row_orders(const void *pA, const void *pB) {
  uint64_t a = ((const ActionRow *)pA)->order, b = ((const ActionRow *)pB)->order;
  return (a > b) - (a < b);
}

/* The code of party pid: from the parties read once per pass (few: a
** lookup per action saved), else looked up. *pRank: the place of the
** code followed by '|' among all of them, UINT32_MAX for none (a code
** with a '|', or one looked up): its keys are then sorted as strings. */
static const char *scan_party(ActionScan *s, int64_t pid, uint32_t *pRank) {
  if (!s->aCode) {
    sqlite3_stmt *p = db_stmt(s->pDb, "SELECT max(pid) FROM party");
    s->nCode = db_step_row(s->pDb, p) ? sqlite3_column_int64(p, 0) + 1 : 1;
    sqlite3_reset(p);
    if (s->nCode > (1 << 20)) s->nCode = 1 << 20; /* beyond: looked up */
    s->aCode = xmalloc((size_t)s->nCode * sizeof(size_t));
    memset(s->aCode, 0, (size_t)s->nCode * sizeof(size_t));
    s->aCodeRank = xmalloc((size_t)s->nCode * sizeof(uint32_t));
    memset(s->aCodeRank, 0xff, (size_t)s->nCode * sizeof(uint32_t));
    /* Byte order (BINARY), as strcmp's of the keys. */
    p = db_stmt(s->pDb, "SELECT pid, code FROM party ORDER BY code||'|'");
    for (uint32_t iRank = 0; db_step_row(s->pDb, p); iRank++) {
      int64_t i = sqlite3_column_int64(p, 0);
      const char *z = (const char *)sqlite3_column_text(p, 1);
      if (i < 0 || i >= s->nCode || !z) continue;
      s->aCode[i] = s->codes.n + 1;
      if (!strchr(z, '|')) s->aCodeRank[i] = iRank;
      buf_append(&s->codes, z, strlen(z) + 1);
    }
    sqlite3_reset(p);
  }
  *pRank = UINT32_MAX;
  if (pid >= 0 && pid < s->nCode && s->aCode[pid]) {
    *pRank = s->aCodeRank[pid];
    return s->codes.z + s->aCode[pid] - 1;
  }
  sqlite3_stmt *p = db_stmt(s->pDb, "SELECT code FROM party WHERE pid=?1");
  sqlite3_bind_int64(p, 1, pid);
  const char *z = 0;
  if (db_step_row(s->pDb, p) && sqlite3_column_text(p, 0)) {
    size_t off = s->codes.n; /* kept until the caller has copied it */
    buf_append(&s->codes, sqlite3_column_text(p, 0), (size_t)sqlite3_column_bytes(p, 0) + 1);
    z = s->codes.z + off;
  }
  sqlite3_reset(p);
  return z;
}

/* Append r's key "DOC|PARTY|TYPE|DATE" to pOut, with its NUL. */
static void scan_key(ActionScan *s, const ActionRow *r, Buf *pOut) {
  char zDate[DATE_BUFSZ];
  date_format(r->date, zDate);
  buf_append(pOut, s->doc.z, s->doc.n);
  buf_puts(pOut, s->codes.z + r->oCode);
  buf_putc(pOut, '|');
  buf_puts(pOut, action_type_name(r->type));
  buf_putc(pOut, '|');
  buf_append(pOut, zDate, strlen(zDate) + 1);
}

/* The next document in range with its actions, sorted: false at the end. */
static bool scan_document(ActionScan *s) {
  sqlite3_stmt *p;
  if (!s->bBegun) {
    s->bBegun = true;
    /* From the later of the bounds' documents. */
    size_t nLo = doc_part(s->zLo), nAfter = doc_part(s->zAfter);
    int c = strncmp(s->zLo, s->zAfter, nLo < nAfter ? nLo : nAfter);
    bool bLo = c > 0 || (c == 0 && nLo >= nAfter);
    buf_reset(&s->doc);
    buf_append(&s->doc, bLo ? s->zLo : s->zAfter, bLo ? nLo : nAfter);
    p = db_stmt(s->pDb, "SELECT did, id FROM document WHERE id||'|' >= ?1 AND id||'|' < ?2 "
                        "ORDER BY id||'|' LIMIT 1");
  } else {
    p = db_stmt(s->pDb, "SELECT did, id FROM document WHERE id||'|' > ?1 AND id||'|' < ?2 "
                        "ORDER BY id||'|' LIMIT 1");
  }
  sqlite3_bind_text(p, 1, s->doc.z ? s->doc.z : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(p, 2, s->zHi, -1, SQLITE_STATIC);
  if (!db_step_row(s->pDb, p)) {
    sqlite3_reset(p);
    return false;
  }
  int64_t did = sqlite3_column_int64(p, 0);
  buf_reset(&s->doc);
  buf_printf(&s->doc, "%s|", (const char *)sqlite3_column_text(p, 1));
  sqlite3_reset(p);
  p = s->bKeysOnly ? db_stmt(s->pDb, "SELECT a.pid, a.type, a.date, a.seq, NULL FROM actions a "
                                     "WHERE a.did=?1")
                   : db_stmt(s->pDb, "SELECT a.pid, a.type, a.date, a.seq, j.value FROM actions a "
                                     "JOIN journal_entry j ON j.seq=a.seq WHERE a.did=?1");
  sqlite3_bind_int64(p, 1, did);
  buf_reset(&s->arena);
  s->n = s->i = 0;
  /* Dates of years 1 to 9999 sort as their day numbers; keys with others,
  ** or with a party without a rank, are sorted as strings. */
  pdate dateLo = date_from_ymd(1, 1, 1), dateHi = date_from_ymd(9999, 12, 31);
  bool bByKey = false;
  while (db_step_row(s->pDb, p)) {
    ActionType type = (ActionType)sqlite3_column_int(p, 1);
    const char *zType = action_type_name(type);
    uint32_t iRank;
    const char *zCode = scan_party(s, sqlite3_column_int64(p, 0), &iRank);
    const char *zValue = (const char *)sqlite3_column_text(p, 4);
    if (!zType || !zCode || (!zValue && !s->bKeysOnly)) continue;
    if (s->n == s->nAlloc) {
      s->nAlloc = s->nAlloc ? 2 * s->nAlloc : 256;
      s->a = xrealloc(s->a, (size_t)s->nAlloc * sizeof(ActionRow));
    }
    ActionRow *r = &s->a[s->n++];
    r->seq = sqlite3_column_int64(p, 3);
    r->oCode = (size_t)(zCode - s->codes.z);
    r->type = type;
    r->date = (pdate)sqlite3_column_int(p, 2);
    if (iRank == UINT32_MAX || r->date < dateLo || r->date > dateHi) bByKey = true;
    r->order =
        (uint64_t)iRank << 40 | (uint64_t)s->aTypeRank[type] << 32 | (uint32_t)(r->date - dateLo);
    r->oValue = s->arena.n;
    r->nValue = (size_t)sqlite3_column_bytes(p, 4);
    if (zValue) buf_append(&s->arena, zValue, r->nValue + 1);
  }
  sqlite3_reset(p);
  if (bByKey) {
    for (int i = 0; i < s->n; i++) {
      s->a[i].oKey = s->arena.n;
      scan_key(s, &s->a[i], &s->arena);
    }
    t_zRowArena = s->arena.z + s->doc.n;
    qsort(s->a, (size_t)s->n, sizeof(ActionRow), compare_rows);
    t_zRowArena = 0;
  } else if (s->n > 1) {
    qsort(s->a, (size_t)s->n, sizeof(ActionRow), compare_row_orders);
  }
  return true;
}

bool action_scan_next(ActionScan *s) {
  while (!s->bDone) {
    while (s->i < s->n) {
      ActionRow *r = &s->a[s->i++];
      s->bKey = false;
      /* Keys rise: once past the lower bounds, always past them. */
      if (!s->bPast) {
        const char *zKey = action_scan_key(s);
        if (strcmp(zKey, s->zLo) < 0 || strcmp(zKey, s->zAfter) <= 0) continue;
        s->bPast = true;
      }
      if (s->zHi[0] != '\x7f' && strcmp(action_scan_key(s), s->zHi) >= 0) {
        s->bDone = true;
        return false;
      }
      s->zValue = s->bKeysOnly ? 0 : s->arena.z + r->oValue;
      s->nValue = r->nValue;
      s->seq = r->seq;
      return true;
    }
    if (!scan_document(s)) s->bDone = true;
  }
  return false;
}

const char *action_scan_key(ActionScan *s) {
  if (!s->bKey) {
    buf_reset(&s->key);
    scan_key(s, &s->a[s->i - 1], &s->key);
    s->bKey = true;
  }
  return s->key.z;
}

/* An action's key "DOC|PARTY|TYPE|DATE" bound as ?1 document id, ?2 party
** code, ?3 type, ?4 date of p: false for a key no action can have. The
** parts are exact (date_parse takes only YYYY-MM-DD), so the row found has
** this key. */
static bool bind_action_key(sqlite3_stmt *p, const char *zKey) {
  const char *zBar1 = strchr(zKey, '|');
  const char *zBar2 = zBar1 ? strchr(zBar1 + 1, '|') : 0;
  const char *zBar3 = zBar2 ? strchr(zBar2 + 1, '|') : 0;
  if (!zBar3) return false;
  char zType[32];
  size_t nType = (size_t)(zBar3 - zBar2 - 1);
  if (nType >= sizeof(zType)) return false;
  memcpy(zType, zBar2 + 1, nType);
  zType[nType] = 0;
  ActionType type;
  pdate date;
  if (action_type_parse(zType, &type) || date_parse(zBar3 + 1, strlen(zBar3 + 1), &date))
    return false;
  sqlite3_bind_text(p, 1, zKey, (int)(zBar1 - zKey), SQLITE_STATIC);
  sqlite3_bind_text(p, 2, zBar1 + 1, (int)(zBar2 - zBar1 - 1), SQLITE_STATIC);
  sqlite3_bind_int(p, 3, type);
  sqlite3_bind_int(p, 4, date);
  return true;
}

#define ACTION_BY_KEY                                                                              \
  "FROM actions a WHERE a.did=(SELECT did FROM document WHERE id=?1) "                             \
  "AND a.pid=(SELECT pid FROM party WHERE code=?2) AND a.type=?3 AND a.date=?4"

int64_t entity_seq(Db *pDb, Kind kind, const char *zKey) {
  if (kind == K_ACTION) {
    sqlite3_stmt *p = db_stmt(pDb, "SELECT a.seq " ACTION_BY_KEY);
    int64_t seq = bind_action_key(p, zKey) && db_step_row(pDb, p) ? sqlite3_column_int64(p, 0) : 0;
    sqlite3_reset(p);
    return seq;
  }
  sqlite3_stmt *p = db_stmt(pDb, "SELECT seq FROM entity WHERE kind=?1 AND key=?2");
  sqlite3_bind_int(p, 1, kind);
  sqlite3_bind_text(p, 2, zKey, -1, SQLITE_STATIC);
  int64_t seq = db_step_row(pDb, p) ? sqlite3_column_int64(p, 0) : 0;
  sqlite3_reset(p);
  return seq;
}

json_t *entity_get(Db *pDb, Kind kind, const char *zKey) {
  if (kind == K_ACTION) { /* by its row in actions */
    int64_t seq = entity_seq(pDb, kind, zKey);
    return seq ? entity_get_seq(pDb, seq) : 0;
  }
  sqlite3_stmt *p = db_stmt(pDb, "SELECT j.value FROM entity e JOIN journal_entry j ON j.seq=e.seq "
                                 "WHERE e.kind=?1 AND e.key=?2");
  sqlite3_bind_int(p, 1, kind);
  sqlite3_bind_text(p, 2, zKey, -1, SQLITE_STATIC);
  json_t *pVal = 0;
  if (db_step_row(pDb, p))
    pVal = entity_from_value((const char *)sqlite3_column_text(p, 0),
                             (size_t)sqlite3_column_bytes(p, 0));
  sqlite3_reset(p);
  return pVal;
}

json_t *entity_get_seq(Db *pDb, int64_t seq) {
  sqlite3_stmt *p = db_stmt(pDb, "SELECT value FROM journal_entry WHERE seq=?1");
  sqlite3_bind_int64(p, 1, seq);
  json_t *pVal = 0;
  if (db_step_row(pDb, p))
    pVal = entity_from_value((const char *)sqlite3_column_text(p, 0),
                             (size_t)sqlite3_column_bytes(p, 0));
  sqlite3_reset(p);
  return pVal;
}

bool entity_referrer(Db *pDb, Kind kind, const char *zKey, Buf *pOut) {
  /* Actions are many: look them up by their columns. */
  if (kind == K_PARTY || kind == K_DOCUMENT) {
    sqlite3_stmt *p =
        kind == K_PARTY
            ? db_stmt(pDb, "SELECT d.id FROM actions a JOIN party p ON p.pid=a.pid "
                           "JOIN document d ON d.did=a.did WHERE p.code=?1 LIMIT 1")
            : db_stmt(pDb, "SELECT p.code FROM actions a JOIN document d ON d.did=a.did "
                           "JOIN party p ON p.pid=a.pid WHERE d.id=?1 LIMIT 1");
    sqlite3_bind_text(p, 1, zKey, -1, SQLITE_STATIC);
    bool b = db_step_row(pDb, p);
    /* Said in the current language as the subject of a sentence
    ** (retract.c: "still referred to by %s"). */
    if (b && kind == K_PARTY)
      buf_printf(pOut, _("actions of document %s"), sqlite3_column_text(p, 0));
    else if (b)
      buf_printf(pOut, _("actions of party %s"), sqlite3_column_text(p, 0));
    sqlite3_reset(p);
    if (b) return true;
  }
  /* Every other kind: a record holding the key as a whole JSON string.
  ** Keys are validated ids and codes, so the quoted key cannot hide inside
  ** another string's escapes; a note that is exactly the key errs on the
  ** side of refusing. */
  Buf quoted = {0};
  buf_printf(&quoted, "\"%s\"", zKey);
  sqlite3_stmt *p =
      db_stmt(pDb, "SELECT e.kind, e.key FROM entity e JOIN journal_entry j ON j.seq=e.seq "
                   "WHERE e.kind<>?1 AND e.kind<>?2 AND instr(j.value, ?3)>0 "
                   "LIMIT 1");
  sqlite3_bind_int(p, 1, K_ACTION);
  sqlite3_bind_int(p, 2, kind);
  sqlite3_bind_text(p, 3, quoted.z, -1, SQLITE_STATIC);
  bool b = db_step_row(pDb, p);
  if (b) {
    const char *zKind = kind_name((Kind)sqlite3_column_int(p, 0));
    const char *zWord = term(zKind);
    buf_printf(pOut, "%s %s", zWord ? zWord : zKind, sqlite3_column_text(p, 1));
  }
  sqlite3_reset(p);
  buf_free(&quoted);
  return b;
}

/* The organization an entity belongs to (sessions through their body). */
static const char *org_of(Db *pDb, Kind kind, const json_t *pVal, json_t **ppHold) {
  if (kind == K_SESSION) {
    *ppHold = entity_get(pDb, K_BODY, str(pVal, "body"));
    return str(*ppHold, "organization");
  }
  return str(pVal, "organization");
}

json_t *entity_list(Db *pDb, Kind kind, const char *zOrg) {
  json_t *pList = json_array();
  if (kind == K_ACTION) { /* no organization of their own */
    ActionScan scan;
    action_scan_open(&scan, pDb, 0, 0, 0);
    while (action_scan_next(&scan)) {
      json_t *pVal = entity_from_value(scan.zValue, scan.nValue);
      if (pVal && !zOrg)
        json_array_append_new(pList, pVal);
      else
        json_decref(pVal);
    }
    action_scan_close(&scan);
    return pList;
  }
  sqlite3_stmt *p = db_stmt(pDb, "SELECT e.key, j.value FROM entity e JOIN journal_entry j "
                                 "ON j.seq=e.seq WHERE e.kind=?1 ORDER BY e.key");
  sqlite3_bind_int(p, 1, kind);
  while (db_step_row(pDb, p)) {
    json_t *pVal = entity_from_value((const char *)sqlite3_column_text(p, 1),
                                     (size_t)sqlite3_column_bytes(p, 1));
    if (!pVal) continue;
    json_t *pHold = 0;
    const char *zOf = zOrg ? org_of(pDb, kind, pVal, &pHold) : 0;
    if (!zOrg || (zOf && strcmp(zOf, zOrg) == 0))
      json_array_append_new(pList, pVal);
    else
      json_decref(pVal);
    json_decref(pHold);
  }
  sqlite3_reset(p);
  return pList;
}

json_t *entity_page(Db *pDb, Kind kind, const char *zPrefix, long long offset, long long limit,
                    long long *pnTotal) {
  if (kind == K_ACTION) { /* their rows in actions, by key */
    ActionScan scan;
    action_scan_open_prefix(&scan, pDb, zPrefix ? zPrefix : "");
    json_t *pList = json_array();
    long long n = 0;
    while (action_scan_next(&scan)) {
      if (n >= offset && n - offset < limit)
        json_array_append_new(pList, entity_from_value(scan.zValue, scan.nValue));
      n++;
    }
    action_scan_close(&scan);
    *pnTotal = n;
    return pList;
  }
  /* The prefix as a key range: [prefix, prefix with its last byte + 1). */
  Buf lo = {0}, hi = {0};
  buf_puts(&lo, zPrefix ? zPrefix : "");
  buf_puts(&hi, zPrefix ? zPrefix : "");
  bool bAll = !zPrefix || !*zPrefix;
  if (!bAll) hi.z[hi.n - 1]++;
  /* Two statements, not one with "?all OR range": SQLite then reads only
  ** the range (pacta minutes asked this per adopted document). */
  sqlite3_stmt *p = bAll ? db_stmt(pDb, "SELECT count(*) FROM entity WHERE kind=?1")
                         : db_stmt(pDb, "SELECT count(*) FROM entity WHERE kind=?1 AND key>=?2 "
                                        "AND key<?3");
  sqlite3_bind_int(p, 1, kind);
  if (!bAll) {
    sqlite3_bind_text(p, 2, lo.z, -1, SQLITE_STATIC);
    sqlite3_bind_text(p, 3, hi.z, -1, SQLITE_STATIC);
  }
  db_step_row(pDb, p);
  *pnTotal = sqlite3_column_int64(p, 0);
  sqlite3_reset(p);
  p = bAll ? db_stmt(pDb, "SELECT e.key, j.value FROM entity e JOIN journal_entry j "
                          "ON j.seq=e.seq WHERE e.kind=?1 ORDER BY e.key LIMIT ?5 OFFSET ?6")
           : db_stmt(pDb, "SELECT e.key, j.value FROM entity e JOIN journal_entry j "
                          "ON j.seq=e.seq WHERE e.kind=?1 AND e.key>=?2 AND e.key<?3 "
                          "ORDER BY e.key LIMIT ?5 OFFSET ?6");
  sqlite3_bind_int(p, 1, kind);
  if (!bAll) {
    sqlite3_bind_text(p, 2, lo.z, -1, SQLITE_STATIC);
    sqlite3_bind_text(p, 3, hi.z, -1, SQLITE_STATIC);
  }
  sqlite3_bind_int64(p, 5, limit);
  sqlite3_bind_int64(p, 6, offset);
  json_t *pList = json_array();
  while (db_step_row(pDb, p)) {
    json_t *pVal = entity_from_value((const char *)sqlite3_column_text(p, 1),
                                     (size_t)sqlite3_column_bytes(p, 1));
    if (pVal) json_array_append_new(pList, pVal);
  }
  sqlite3_reset(p);
  buf_free(&lo);
  buf_free(&hi);
  return pList;
}

json_t *entity_map(Db *pDb, Kind kind, const char *zField) {
  json_t *a = entity_list(pDb, kind, 0);
  json_t *pMap = map_by(a, zField);
  json_decref(a);
  return pMap;
}
