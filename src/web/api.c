/*
** The JSON API under /api/v1/: the registry's entities and computed views
** (the same JSON as the command line's --json), and writes through the
** journal for holders of a token.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "checks.h"
#include "compliance.h"
#include "fields.h"
#include "http.h"
#include "ingest.h"
#include "interchange.h"
#include "journal.h"
#include "kind.h"
#include "registry.h"
#include "retract.h"
#include "routes.h"
#include "search.h"
#include "tlog.h"

extern const unsigned char pacta_openapi_json[];
extern const size_t pacta_openapi_json_len;

/* ---- Tables as JSON or CSV ------------------------------------------------ */

static void csv_cell(Buf *p, const json_t *v) {
  char *zFree = 0;
  const char *z;
  if (json_is_string(v)) {
    z = json_string_value(v);
  } else if (json_is_null(v) || !v) {
    z = "";
  } else if (json_is_object(v) && json_is_string(json_object_get(v, "en"))) {
    z = json_string_value(json_object_get(v, "en")); /* a name by language */
  } else {
    z = zFree = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
  }
  if (strpbrk(z, ",\"\r\n")) {
    buf_putc(p, '"');
    for (; *z; z++) {
      if (*z == '"') buf_putc(p, '"');
      buf_putc(p, *z);
    }
    buf_putc(p, '"');
  } else {
    buf_puts(p, z);
  }
  xfree(zFree);
}

/* Answer pDoc as JSON, or its array pDoc[zTable] as CSV with ?format=csv.
** Takes the reference. */
static void resp_table(Req *pReq, Resp *r, json_t *pDoc, const char *zTable) {
  const char *zFormat = req_arg(pReq, "format");
  if (zFormat && strcmp(zFormat, "csv") == 0) {
    const json_t *aRow = json_object_get(pDoc, zTable);
    json_t *aCol = json_array(); /* union of keys in first-seen order */
    for (size_t i = 0; i < json_array_size(aRow); i++) {
      const char *zKey;
      json_t *pVal;
      json_object_foreach(json_array_get(aRow, i), zKey, pVal) {
        bool bHave = false;
        for (size_t c = 0; c < json_array_size(aCol) && !bHave; c++)
          bHave = strcmp(json_string_value(json_array_get(aCol, c)), zKey) == 0;
        if (!bHave) json_array_append_new(aCol, json_string(zKey));
      }
    }
    r->status = 200;
    r->zType = "text/csv; charset=utf-8";
    buf_reset(&r->body);
    for (size_t c = 0; c < json_array_size(aCol); c++) {
      if (c) buf_putc(&r->body, ',');
      csv_cell(&r->body, json_array_get(aCol, c));
    }
    buf_puts(&r->body, "\r\n");
    for (size_t i = 0; i < json_array_size(aRow); i++) {
      const json_t *pRow = json_array_get(aRow, i);
      for (size_t c = 0; c < json_array_size(aCol); c++) {
        if (c) buf_putc(&r->body, ',');
        csv_cell(&r->body, json_object_get(pRow, json_string_value(json_array_get(aCol, c))));
      }
      buf_puts(&r->body, "\r\n");
    }
    json_decref(aCol);
  } else if (zFormat && strcmp(zFormat, "json") != 0) {
    resp_error(r, 400, "bad_format", "query parameter format: expected json or csv");
    json_decref(pDoc);
    return;
  } else {
    resp_json(r, 200, pDoc);
  }
  r->bCacheable = true;
  json_decref(pDoc);
}

static void resp_query(Req *pReq, Resp *r, json_t *pDoc, Buf *pErr, const char *zTable) {
  if (!pDoc) {
    resp_error(r, 404, "not_found", "%s", pErr->z);
  } else {
    resp_table(pReq, r, pDoc, zTable);
  }
  buf_free(pErr);
}

/* ---- Reads ---------------------------------------------------------------- */

void api_get_openapi(Req *pReq, Resp *r) {
  resp_text(r, 200, "application/json", (const char *)pacta_openapi_json, pacta_openapi_json_len);
  r->bCacheable = true;
}

static bool section_kind(Resp *r, const char *zSection, Kind *pKind) {
  if (kind_parse(zSection, pKind) == 0 && strcmp(kind_section(*pKind), zSection) == 0) return true;
  resp_error(r, 404, "not_found", "no such collection: %s", zSection);
  return false;
}

void api_get_one(Req *pReq, Resp *r) {
  Kind kind;
  if (!section_kind(r, pReq->azParam[0], &kind)) return;
  if (kind == K_PARTY) {
    /* A party is answered with its profile. */
    pdate on;
    if (!req_date(pReq, r, "on", &on)) return;
    int y, m, d;
    date_to_ymd(date_today(), &y, &m, &d);
    Buf err = {0};
    resp_query(pReq, r, query_party(pReq->pDb, pReq->azParam[1], on, y, &err), &err, "documents");
    return;
  }
  json_t *p = entity_get(pReq->pDb, kind, pReq->azParam[1]);
  if (!p) {
    resp_error(r, 404, "not_found", "unknown %s \"%s\"", kind_name(kind), pReq->azParam[1]);
    return;
  }
  resp_json(r, 200, p);
  r->bCacheable = true;
  json_decref(p);
}

void api_get_members(Req *pReq, Resp *r) {
  pdate on;
  if (!req_date(pReq, r, "on", &on)) return;
  Buf err = {0};
  resp_query(pReq, r, query_members(pReq->pDb, pReq->azParam[0], on, &err), &err, "members");
}

void api_get_chair(Req *pReq, Resp *r) {
  Buf err = {0};
  int y, m, d;
  date_to_ymd(date_today(), &y, &m, &d);
  if (req_arg(pReq, "year")) {
    int year;
    if (!req_year(pReq, r, "year", &year)) return;
    resp_query(pReq, r, query_chair(pReq->pDb, pReq->azParam[0], year, &err), &err, "co_chairs");
  } else {
    resp_query(pReq, r, query_chair_history(pReq->pDb, pReq->azParam[0], y, &err), &err, "years");
  }
}

void api_get_status(Req *pReq, Resp *r) {
  pdate on;
  if (!req_date(pReq, r, "on", &on)) return;
  Buf err = {0};
  resp_query(pReq, r, query_status(pReq->pDb, pReq->azParam[0], on, &err), &err, "parties");
}

/* The period's arguments as pacta compliance takes its options: false with
** a 400 naming the one at fault when they make no period (they were
** answered as some other: to for on, an empty period, no earlier one). */
static bool period_args_ok(Req *pReq, Resp *r) {
  bool bOn = req_value(pReq, "on"), bTo = req_value(pReq, "to");
  bool bFrom = req_value(pReq, "from");
  bool bPrevFrom = req_value(pReq, "previous_from"), bPrevTo = req_value(pReq, "previous_to");
  const char *zParam = 0, *zWhy = 0;
  if (bOn && bTo) {
    zParam = "on";
    zWhy = "the report's date is to when a period is given: give on or to";
  } else if (bPrevFrom != bPrevTo) {
    zParam = bPrevFrom ? "previous_to" : "previous_from";
    zWhy = "previous_from and previous_to go together";
  } else if (bPrevFrom && !bFrom) {
    zParam = "from";
    zWhy = "an earlier period (previous_from) needs a period (from)";
  }
  if (zWhy) resp_error(r, 400, "bad_parameter", "query parameter %s: %s", zParam, zWhy);
  return zWhy == 0;
}

/* ?on= (default today), or a report period ?from=&to= (to defaults to on),
** with ?previous_from=&previous_to= for the change between periods. */
void api_get_compliance(Req *pReq, Resp *r) {
  pdate on, from = DATE_NONE, prevFrom = DATE_NONE, prevTo = DATE_NONE;
  if (!period_args_ok(pReq, r)) return;
  if (!req_date(pReq, r, req_arg(pReq, "to") ? "to" : "on", &on)) return;
  if (req_arg(pReq, "from") && !req_date(pReq, r, "from", &from)) return;
  if (req_arg(pReq, "previous_from") && !req_date(pReq, r, "previous_from", &prevFrom)) return;
  if (req_arg(pReq, "previous_to") && !req_date(pReq, r, "previous_to", &prevTo)) return;
  if (from != DATE_NONE && from > on) {
    resp_error(r, 400, "bad_parameter", "query parameter from: after the period's end (to)");
    return;
  }
  if (prevFrom != DATE_NONE && prevFrom > prevTo) {
    resp_error(r, 400, "bad_parameter",
               "query parameter previous_from: after the earlier period's end (previous_to)");
    return;
  }
  ComplianceOpts opt = {from, prevFrom, prevTo};
  Buf err = {0};
  resp_query(pReq, r, query_compliance(pReq->pDb, pReq->azParam[0], on, &opt, &err), &err,
             "parties");
}

void api_get_commitment_assessments(Req *pReq, Resp *r) {
  Buf err = {0};
  resp_query(pReq, r, query_commitment_assessments(pReq->pDb, pReq->azParam[0], &err), &err,
             "assessments");
}

/* GET /api/v1/checks: pacta check --json. Every check over the whole
** registry (half a second on 200,000 records): the same registry on the
** same day finds the same, so it is cached and has an ETag. */
void api_get_checks(Req *pReq, Resp *r) {
  json_t *pDoc = json_pack("{s:o}", "findings", checks_all(pReq->pDb, date_today()));
  resp_json(r, 200, pDoc);
  r->bCacheable = true;
  json_decref(pDoc);
}

/* ---- Writes ----------------------------------------------------------------- */

/* Check the caller and the content type; false with the response filled. */
static bool may_write(Req *pReq, Resp *r) {
  if (!req_need_caller(pReq, r, "writing")) return false;
  /* The media type in any case (RFC 9110 8.3.1), alone or with parameters. */
  const char *zType = pReq->zHeaderContentType;
  if (!zType || strncasecmp(zType, "application/json", 16) != 0 ||
      (zType[16] && zType[16] != ';' && zType[16] != ' ')) {
    resp_error(r, 415, "unsupported_media_type", "expected Content-Type: application/json, got %s",
               zType ? zType : "none");
    return false;
  }
  return true;
}

/* Load an interchange document (already parsed) through the journal, after
** checking the caller may write every record in it. Returns the journal's
** last sequence number after a write, else 0. */
static int64_t load_document(Req *pReq, Resp *r, json_t *pDoc) {
  int64_t seq = 0;
  if (pReq->caller.role == ROLE_DELEGATE) {
    api_submit(pReq, r, pDoc); /* a delegate deposits; the depositary decides */
    return 0;
  }
  const char *zSection;
  json_t *pArr;
  json_object_foreach(pDoc, zSection, pArr) {
    if (strcmp(zSection, "pacta") == 0 || !json_is_array(pArr)) continue;
    for (size_t i = 0; i < json_array_size(pArr); i++) {
      const char *zWhy = auth_may_write(&pReq->caller, zSection, json_array_get(pArr, i));
      if (zWhy) {
        resp_error(r, 403, "forbidden", "$.%s[%zu]: %s", zSection, i, zWhy);
        return 0;
      }
    }
  }
  LoadResult res;
  json_t *aMsg;
  int rc = interchange_load_json(pReq->pDb, pDoc, pReq->caller.zName, &aMsg, &res);
  if (rc == LOAD_BUSY) {
    resp_error(r, 503, "unavailable", "the registry is busy; nothing was written; try again");
  } else if (rc == LOAD_INCONSISTENT) {
    /* Well-formed, but it contradicts the record: 409, with the findings. */
    json_t *pOut =
        json_pack("{s:{s:s, s:O, s:O, s:O?}}", "error", "code", "inconsistent", "message",
                  json_array_get(aMsg, 0), "details", aMsg, "findings", res.aFinding);
    resp_json(r, 409, pOut);
    json_decref(pOut);
  } else if (rc) {
    json_t *pOut = json_pack("{s:{s:s, s:O, s:O}}", "error", "code", "invalid", "message",
                             json_array_get(aMsg, 0), "details", aMsg);
    resp_json(r, 400, pOut);
    json_decref(pOut);
  } else {
    json_t *pOut = json_pack("{s:i, s:I, s:O?}", "loaded", res.nLoaded, "journal",
                             (json_int_t)res.lastSeq, "warnings", res.aFinding);
    resp_json(r, res.nLoaded ? 201 : 200, pOut);
    json_decref(pOut);
    if (res.nLoaded) seq = res.lastSeq;
  }
  json_decref(res.aFinding);
  json_decref(aMsg);
  return seq;
}

/* Location: the record journal entry seq wrote, /api/v1/{section}/{key}
** (none when it does not fit). */
static void set_location(Req *pReq, Resp *r, Kind kind, int64_t seq) {
  sqlite3_stmt *p = db_stmt(pReq->pDb, "SELECT key FROM journal_entry WHERE seq=?1");
  sqlite3_bind_int64(p, 1, seq);
  if (db_step_row(pReq->pDb, p)) {
    Buf loc = {0};
    buf_printf(&loc, "/api/v1/%s/", kind_section(kind));
    http_put_unreserved(&loc, (const char *)sqlite3_column_text(p, 0));
    if (loc.n < sizeof(r->zLocation)) snprintf(r->zLocation, sizeof(r->zLocation), "%s", loc.z);
    buf_free(&loc);
  }
  sqlite3_reset(p);
}

static json_t *parse_body(Req *pReq, Resp *r) {
  json_error_t err;
  json_t *p = json_loadb(pReq->zBody ? pReq->zBody : "", pReq->nBody, JSON_REJECT_DUPLICATES, &err);
  if (!p) {
    resp_error(r, 400, "bad_json", "request body, line %d column %d: %s", err.line, err.column,
               err.text);
    return 0;
  }
  if (!json_is_object(p)) {
    resp_error(r, 400, "bad_json", "request body: expected a JSON object");
    json_decref(p);
    return 0;
  }
  return p;
}

void api_post_load(Req *pReq, Resp *r) {
  if (!may_write(pReq, r)) return;
  json_t *pDoc = parse_body(pReq, r);
  if (!pDoc) return;
  load_document(pReq, r, pDoc);
  json_decref(pDoc);
}

/* POST /api/v1/{section}: create or replace one record. */
void api_post_record(Req *pReq, Resp *r) {
  Kind kind;
  if (!section_kind(r, pReq->azParam[0], &kind)) return;
  if (!may_write(pReq, r)) return;
  json_t *pRec = parse_body(pReq, r);
  if (!pRec) return;
  json_t *pDoc = json_pack("{s:i, s:[o]}", "pacta", 1, kind_section(kind), pRec);
  int64_t seq = load_document(pReq, r, pDoc);
  if (seq && r->status == 201) set_location(pReq, r, kind, seq);
  json_decref(pDoc);
}

void api_delete_record(Req *pReq, Resp *r) {
  Kind kind;
  if (!section_kind(r, pReq->azParam[0], &kind)) return;
  if (!req_need_caller(pReq, r, "retracting")) return;
  if (pReq->caller.role != ROLE_DEPOSITARY) {
    resp_error(r, 403, "forbidden", "only the depositary may retract");
    return;
  }
  /* ?reason=: kept in the journal's entry (docs/desk.md). */
  const char *zReason = req_value(pReq, "reason");
  json_t *pReason = zReason ? json_string(zReason) : 0;
  if (zReason && !pReason) {
    resp_error(r, 400, "bad_reason", "the reason is not UTF-8 text");
    return;
  }
  json_decref(pReason);
  int64_t seq;
  json_t *aFinding;
  RetractResult rc = registry_retract_reason(pReq->pDb, pReq->caller.zName, kind, pReq->azParam[1],
                                             zReason, &seq, &aFinding);
  if (rc == RETRACT_BUSY) {
    resp_error(r, 503, "unavailable", "the registry is busy; nothing was written; try again");
  } else if (rc == RETRACT_UNKNOWN) {
    resp_error(r, 404, "not_found", "unknown %s \"%s\"", kind_name(kind), pReq->azParam[1]);
  } else if (rc == RETRACT_INCONSISTENT) {
    json_t *pOut =
        json_pack("{s:{s:s, s:O, s:O}}", "error", "code", "conflict", "message",
                  json_object_get(json_array_get(aFinding, 0), "message"), "findings", aFinding);
    resp_json(r, 409, pOut);
    json_decref(pOut);
  } else {
    json_t *pOut = json_pack("{s:s, s:I, s:O}", "retracted", pReq->azParam[1], "journal",
                             (json_int_t)seq, "warnings", aFinding);
    resp_json(r, 200, pOut);
    json_decref(pOut);
  }
  json_decref(aFinding);
}
