#include "compliance.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "kind.h"
#include "registry.h"
#include "rules.h"

/* One commitment of the organization; parties are indexes into the
** report's party table. */
typedef struct Commit {
  const json_t *pVal;
  const char *zId;
  int parent; /* index, or -1 */
  int nItem;  /* items whose parent this is */
  int *aAddr; /* addressee parties */
  int nAddr;
  pdate deadline;
  double avg; /* NAN when nothing is scored */
  int scored;
  int state; /* 0 not computed, 1 computing, 2 done (cycles count as nothing) */
} Commit;

typedef struct Report {
  StrMap partyIdx;
  char **azParty;
  int nParty;
  Commit *aC;
  int nC;
  StrMap commitIdx;
  Score *aS;
  int nS, nSAlloc;
  json_t *aSelf; /* self-report values, with "party" index in iSelfParty */
  pdate from, on;
} Report;

static int party_index(Report *r, const char *zCode) {
  int *p = strmap_find(&r->partyIdx, zCode);
  if (p) return *p;
  bool bNew;
  strmap_insert(&r->partyIdx, zCode, r->nParty, &bNew);
  r->azParty = xrealloc(r->azParty, (size_t)(r->nParty + 1) * sizeof(char *));
  r->azParty[r->nParty] = xstrdup(zCode);
  return r->nParty++;
}

static json_t *date_json(pdate d) {
  if (d == DATE_NONE) return json_null();
  char z[DATE_BUFSZ];
  date_format(d, z);
  return json_string(z);
}

static pdate date_of(const json_t *p, const char *zKey) {
  const char *z = json_string_value(json_object_get(p, zKey));
  pdate d;
  if (!z || date_parse(z, strlen(z), &d)) return DATE_NONE;
  return d;
}

static json_t *num_or_null(double x) {
  return isnan(x) ? json_null() : json_real(x);
}

static json_t *percent_or_null(double x) {
  return isnan(x) ? json_null() : json_real(compliance_percent(x));
}

/* Every live assessment of a commitment (keys "COMMITMENT|..."), in key
** order, each with its journal entry in *paSeq (may be NULL). */
static json_t *assessments_of(Db *pDb, const char *zCommit, json_t *aSeq) {
  Buf lo = {0}, hi = {0};
  buf_printf(&lo, "%s|", zCommit);
  buf_printf(&hi, "%s}", zCommit); /* '}' is the byte after '|' */
  sqlite3_stmt *p = db_stmt(pDb, "SELECT e.seq, j.value FROM entity e JOIN journal_entry j "
                                 "ON j.seq=e.seq WHERE e.kind=?1 AND e.key>=?2 AND e.key<?3 "
                                 "ORDER BY e.key");
  sqlite3_bind_int(p, 1, K_ASSESSMENT);
  sqlite3_bind_text(p, 2, lo.z, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 3, hi.z, -1, SQLITE_STATIC);
  json_t *a = json_array();
  while (db_step_row(pDb, p)) {
    json_t *pVal = entity_from_value((const char *)sqlite3_column_text(p, 1),
                                     (size_t)sqlite3_column_bytes(p, 1));
    if (!pVal) continue;
    json_array_append_new(a, pVal);
    if (aSeq) json_array_append_new(aSeq, json_integer(sqlite3_column_int64(p, 0)));
  }
  sqlite3_reset(p);
  buf_free(&lo);
  buf_free(&hi);
  return a;
}

static bool in_period(const Report *r, pdate d) {
  return d != DATE_NONE && d <= r->on && (r->from == DATE_NONE || d >= r->from);
}

/* The current score of party on leaf commitment c: index into aS or -1. */
static int cell(const Report *r, int party, int c) {
  return score_on(r->aS, r->nS, party, c, r->from, r->on);
}

static bool is_addressee(const Commit *c, int party) {
  for (int i = 0; i < c->nAddr; i++)
    if (c->aAddr[i] == party) return true;
  return false;
}

/* A commitment's average: over its addressees' (and any scored party's)
** current scores, or for a plan with items the mean of its items' averages. */
static void commit_compute(Report *r, int c) {
  Commit *pC = &r->aC[c];
  if (pC->state) return;
  pC->state = 1;
  Mean m = {0, 0};
  pC->scored = 0;
  if (pC->nItem) {
    for (int i = 0; i < r->nC; i++) {
      if (r->aC[i].parent != c) continue;
      commit_compute(r, i);
      if (r->aC[i].state == 2) {
        mean_add(&m, r->aC[i].avg);
        pC->scored += r->aC[i].scored;
      }
    }
  } else {
    for (int p = 0; p < r->nParty; p++) {
      int s = cell(r, p, c);
      if (s >= 0) {
        mean_add(&m, r->aS[s].score);
        pC->scored++;
      }
    }
  }
  pC->avg = mean_value(&m);
  pC->state = 2;
}

/* Has party fully met commitment c (+1, or +1 on every item addressed to it)? */
static bool fully_met(Report *r, int party, int c, int depth) {
  if (depth > r->nC) return false;
  if (!r->aC[c].nItem) {
    int s = cell(r, party, c);
    return s >= 0 && r->aS[s].score == 1;
  }
  for (int i = 0; i < r->nC; i++)
    if (r->aC[i].parent == c && (is_addressee(&r->aC[i], party) || !r->aC[i].nAddr) &&
        !fully_met(r, party, i, depth + 1))
      return false;
  return true;
}

/* Group averages over leaf cells, by a commitment field (body, category). */
static json_t *group_rows(Report *r, const char *zName, const char *(*xKey)(const Commit *)) {
  StrMap idx = {0};
  char **az = 0;
  Mean *aM = 0;
  int n = 0;
  for (int c = 0; c < r->nC; c++) {
    const char *zKey = xKey(&r->aC[c]);
    if (!zKey) continue;
    int *pI = strmap_find(&idx, zKey);
    int g;
    if (pI) {
      g = *pI;
    } else {
      bool bNew;
      strmap_insert(&idx, zKey, n, &bNew);
      az = xrealloc(az, (size_t)(n + 1) * sizeof(char *));
      aM = xrealloc(aM, (size_t)(n + 1) * sizeof(Mean));
      az[n] = xstrdup(zKey);
      aM[n] = (Mean){0, 0};
      g = n++;
    }
    if (r->aC[c].nItem) continue;
    for (int p = 0; p < r->nParty; p++) {
      int s = cell(r, p, c);
      if (s >= 0) mean_add(&aM[g], r->aS[s].score);
    }
  }
  /* by key */
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && strcmp(az[j - 1], az[j]) > 0; j--) {
      char *zT = az[j];
      az[j] = az[j - 1];
      az[j - 1] = zT;
      Mean mT = aM[j];
      aM[j] = aM[j - 1];
      aM[j - 1] = mT;
    }
  json_t *a = json_array();
  for (int i = 0; i < n; i++) {
    double x = mean_value(&aM[i]);
    json_array_append_new(a,
                          json_pack("{s:s, s:o, s:o, s:i}", zName, az[i], "average", num_or_null(x),
                                    "percent", percent_or_null(x), "scored", aM[i].n));
    xfree(az[i]);
  }
  xfree(az);
  xfree(aM);
  strmap_free(&idx);
  return a;
}

static const char *body_key(const Commit *c) {
  return json_string_value(json_object_get(json_object_get(c->pVal, "addressees"), "body"));
}

static const char *category_key(const Commit *c) {
  return json_string_value(json_object_get(c->pVal, "category"));
}

static json_t *or_null(json_t *p) {
  return p ? json_incref(p) : json_null();
}

static int compare_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

json_t *query_compliance(Db *pDb, const char *zOrg, pdate on, const ComplianceOpts *pOpt,
                         Buf *pErr) {
  json_t *pOrg = entity_get(pDb, K_ORGANIZATION, zOrg);
  if (!pOrg) {
    buf_printf(pErr, "unknown organization \"%s\"", zOrg);
    return 0;
  }
  json_decref(pOrg);
  Report r;
  memset(&r, 0, sizeof(r));
  r.from = pOpt ? pOpt->from : DATE_NONE;
  r.on = on;
  r.aSelf = json_array();

  /* Members on `on` (founding, member, associate): the addressees of a
  ** commitment that names no parties. */
  Buf err = {0};
  json_t *pMembers = query_members(pDb, zOrg, on, &err);
  buf_free(&err);
  int *aMember = 0, nMember = 0;
  for (size_t i = 0; i < json_array_size(json_object_get(pMembers, "members")); i++) {
    const json_t *m = json_array_get(json_object_get(pMembers, "members"), i);
    const char *zKind = json_string_value(json_object_get(m, "kind"));
    if (!zKind ||
        (strcmp(zKind, "founding") && strcmp(zKind, "member") && strcmp(zKind, "associate")))
      continue;
    aMember = xrealloc(aMember, (size_t)(nMember + 1) * sizeof(int));
    aMember[nMember++] = party_index(&r, json_string_value(json_object_get(m, "party")));
  }
  json_decref(pMembers);

  json_t *aCommit = entity_list(pDb, K_COMMITMENT, zOrg);
  r.nC = (int)json_array_size(aCommit);
  r.aC = xmalloc((size_t)(r.nC ? r.nC : 1) * sizeof(Commit));
  for (int c = 0; c < r.nC; c++) {
    Commit *pC = &r.aC[c];
    memset(pC, 0, sizeof(*pC));
    pC->pVal = json_array_get(aCommit, (size_t)c);
    pC->zId = json_string_value(json_object_get(pC->pVal, "id"));
    pC->deadline = date_of(pC->pVal, "deadline");
    pC->parent = -1;
    bool bNew;
    strmap_insert(&r.commitIdx, pC->zId, c, &bNew);
    const json_t *aP = json_object_get(json_object_get(pC->pVal, "addressees"), "parties");
    if (json_array_size(aP)) {
      pC->nAddr = (int)json_array_size(aP);
      pC->aAddr = xmalloc((size_t)pC->nAddr * sizeof(int));
      for (int i = 0; i < pC->nAddr; i++)
        pC->aAddr[i] = party_index(&r, json_string_value(json_array_get(aP, (size_t)i)));
    } else if (nMember) {
      pC->nAddr = nMember;
      pC->aAddr = xmalloc((size_t)nMember * sizeof(int));
      memcpy(pC->aAddr, aMember, (size_t)nMember * sizeof(int));
    }
  }
  xfree(aMember);
  for (int c = 0; c < r.nC; c++) {
    const char *zParent = json_string_value(json_object_get(r.aC[c].pVal, "parent"));
    int *pI = zParent ? strmap_find(&r.commitIdx, zParent) : 0;
    if (pI && *pI != c) {
      r.aC[c].parent = *pI;
      r.aC[*pI].nItem++;
    }
  }

  /* Assessments: the secretariat's become scores; self-reports are kept
  ** apart (the latest per party and commitment within the period). */
  for (int c = 0; c < r.nC; c++) {
    json_t *aSeq = json_array();
    json_t *aA = assessments_of(pDb, r.aC[c].zId, aSeq);
    for (size_t i = 0; i < json_array_size(aA); i++) {
      json_t *pA = json_array_get(aA, i);
      const char *zParty = json_string_value(json_object_get(pA, "party"));
      pdate d = date_of(pA, "date");
      if (!zParty || !in_period(&r, d)) continue;
      int party = party_index(&r, zParty);
      if (json_is_true(json_object_get(pA, "self_report"))) {
        json_array_append(r.aSelf, pA);
        continue;
      }
      if (r.nS == r.nSAlloc) {
        r.nSAlloc = r.nSAlloc ? 2 * r.nSAlloc : 64;
        r.aS = xrealloc(r.aS, (size_t)r.nSAlloc * sizeof(Score));
      }
      const char *zStatus = json_string_value(json_object_get(pA, "status"));
      r.aS[r.nS++] = (Score){party,
                             c,
                             (int)json_integer_value(json_object_get(pA, "score")),
                             d,
                             zStatus && strcmp(zStatus, "reviewed") == 0,
                             (long long)json_integer_value(json_array_get(aSeq, i))};
    }
    json_decref(aA);
    json_decref(aSeq);
  }

  for (int c = 0; c < r.nC; c++) commit_compute(&r, c);

  /* Parties sorted by code: a permutation of the table. */
  char **azSorted = xmalloc((size_t)(r.nParty ? r.nParty : 1) * sizeof(char *));
  for (int p = 0; p < r.nParty; p++) azSorted[p] = r.azParty[p];
  qsort(azSorted, (size_t)r.nParty, sizeof(char *), compare_str);

  Mean overall = {0, 0};
  json_t *aParty = json_array();
  for (int k = 0; k < r.nParty; k++) {
    int p = *strmap_find(&r.partyIdx, azSorted[k]);
    Mean m = {0, 0};
    for (int c = 0; c < r.nC; c++) {
      if (r.aC[c].nItem) continue;
      int s = cell(&r, p, c);
      if (s >= 0) mean_add(&m, r.aS[s].score);
    }
    overall.sum += m.sum;
    overall.n += m.n;
    /* Self-reports: the latest per commitment. */
    json_t *aSelf = json_array();
    for (size_t i = 0; i < json_array_size(r.aSelf); i++) {
      json_t *pA = json_array_get(r.aSelf, i);
      if (strcmp(json_string_value(json_object_get(pA, "party")), azSorted[k]) != 0) continue;
      const json_t *pNext = json_array_get(r.aSelf, i + 1);
      if (pNext && strcmp(json_string_value(json_object_get(pNext, "party")), azSorted[k]) == 0 &&
          strcmp(json_string_value(json_object_get(pNext, "commitment")),
                 json_string_value(json_object_get(pA, "commitment"))) == 0)
        continue; /* keys sort by date within (commitment, party) */
      json_array_append_new(aSelf, json_pack("{s:O, s:O, s:O, s:O*}", "commitment",
                                             json_object_get(pA, "commitment"), "score",
                                             json_object_get(pA, "score"), "date",
                                             json_object_get(pA, "date"), "evidence",
                                             json_object_get(pA, "evidence")));
    }
    double x = mean_value(&m);
    json_array_append_new(aParty,
                          json_pack("{s:s, s:o, s:o, s:i, s:o}", "party", azSorted[k], "average",
                                    num_or_null(x), "percent", percent_or_null(x), "scored", m.n,
                                    "self_reports", aSelf));
  }
  xfree(azSorted);

  json_t *aCRow = json_array();
  json_t *aOverdue = json_array();
  for (int c = 0; c < r.nC; c++) {
    Commit *pC = &r.aC[c];
    json_t *aScore = json_array();
    if (!pC->nItem) {
      for (int p = 0; p < r.nParty; p++) {
        int s = cell(&r, p, c);
        if (s < 0) continue;
        json_array_append_new(aScore,
                              json_pack("{s:s, s:i, s:o, s:s}", "party", r.azParty[p], "score",
                                        r.aS[s].score, "date", date_json(r.aS[s].date), "status",
                                        r.aS[s].reviewed ? "reviewed" : "preliminary"));
      }
    }
    /* sort scores by party */
    size_t nScore = json_array_size(aScore);
    for (size_t i = 1; i < nScore; i++)
      for (size_t j = i; j > 0; j--) {
        json_t *a = json_array_get(aScore, j - 1), *b = json_array_get(aScore, j);
        if (strcmp(json_string_value(json_object_get(a, "party")),
                   json_string_value(json_object_get(b, "party"))) <= 0)
          break;
        json_incref(a);
        json_array_set(aScore, j - 1, b);
        json_array_set_new(aScore, j, a);
      }
    json_t *pParent = json_object_get(pC->pVal, "parent");
    json_array_append_new(
        aCRow,
        json_pack("{s:s, s:o, s:o, s:i, s:O, s:i, s:o, s:o, s:o, s:o}", "commitment", pC->zId,
                  "average", num_or_null(pC->avg), "percent", percent_or_null(pC->avg), "scored",
                  pC->scored, "parent", pC->parent >= 0 ? pParent : json_null(), "items", pC->nItem,
                  "body", or_null(json_object_get(json_object_get(pC->pVal, "addressees"), "body")),
                  "category", or_null(json_object_get(pC->pVal, "category")), "deadline",
                  date_json(pC->deadline), "scores", aScore));
    if (pC->deadline != DATE_NONE && pC->deadline < on) {
      json_t *aNot = json_array();
      char **az = xmalloc((size_t)(pC->nAddr ? pC->nAddr : 1) * sizeof(char *));
      int n = 0;
      for (int i = 0; i < pC->nAddr; i++)
        if (!fully_met(&r, pC->aAddr[i], c, 0)) az[n++] = r.azParty[pC->aAddr[i]];
      qsort(az, (size_t)n, sizeof(char *), compare_str);
      for (int i = 0; i < n; i++)
        if (!i || strcmp(az[i - 1], az[i])) json_array_append_new(aNot, json_string(az[i]));
      xfree(az);
      if (json_array_size(aNot) || !pC->nAddr)
        json_array_append_new(aOverdue,
                              json_pack("{s:s, s:o, s:o}", "commitment", pC->zId, "deadline",
                                        date_json(pC->deadline), "parties", aNot));
      else
        json_decref(aNot);
    }
  }

  double x = mean_value(&overall);
  json_t *pOut =
      json_pack("{s:s, s:o, s:{s:o, s:o, s:i}, s:o, s:o}", "organization", zOrg, "on",
                date_json(on), "overall", "average", num_or_null(x), "percent", percent_or_null(x),
                "scored", overall.n, "parties", aParty, "commitments", aCRow);
  json_object_set_new(pOut, "bodies", group_rows(&r, "body", body_key));
  json_object_set_new(pOut, "categories", group_rows(&r, "category", category_key));
  json_object_set_new(pOut, "overdue", aOverdue);
  if (r.from != DATE_NONE)
    json_object_set_new(pOut, "period",
                        json_pack("{s:o, s:o}", "from", date_json(r.from), "to", date_json(on)));

  /* Change against a previous period: percent points, overall and per party. */
  if (pOpt && pOpt->prevFrom != DATE_NONE && pOpt->prevTo != DATE_NONE) {
    ComplianceOpts prev = {pOpt->prevFrom, DATE_NONE, DATE_NONE};
    Buf e2 = {0};
    json_t *pPrev = query_compliance(pDb, zOrg, pOpt->prevTo, &prev, &e2);
    buf_free(&e2);
    const json_t *pPO = json_object_get(pPrev, "overall");
    json_t *aPartyChange = json_array();
    for (size_t i = 0; i < json_array_size(aParty); i++) {
      json_t *pRow = json_array_get(aParty, i);
      const char *zP = json_string_value(json_object_get(pRow, "party"));
      const json_t *pWas = 0;
      const json_t *aPrevP = json_object_get(pPrev, "parties");
      for (size_t j = 0; j < json_array_size(aPrevP) && !pWas; j++)
        if (strcmp(json_string_value(json_object_get(json_array_get(aPrevP, j), "party")), zP) == 0)
          pWas = json_array_get(aPrevP, j);
      json_t *pNow = json_object_get(pRow, "percent"), *pThen = json_object_get(pWas, "percent");
      json_array_append_new(
          aPartyChange, json_pack("{s:s, s:O*, s:O*, s:o}", "party", zP, "previous_percent", pThen,
                                  "percent", pNow, "change",
                                  json_is_real(pNow) && json_is_real(pThen)
                                      ? json_real(json_real_value(pNow) - json_real_value(pThen))
                                      : json_null()));
    }
    json_t *pNowP = json_object_get(json_object_get(pOut, "overall"), "percent");
    json_t *pThenP = json_object_get(pPO, "percent");
    json_object_set_new(pOut, "change",
                        json_pack("{s:{s:o, s:o}, s:O*, s:O*, s:o, s:o}", "previous", "from",
                                  date_json(pOpt->prevFrom), "to", date_json(pOpt->prevTo),
                                  "previous_average", json_object_get(pPO, "average"),
                                  "previous_percent", pThenP, "percent",
                                  json_is_real(pNowP) && json_is_real(pThenP)
                                      ? json_real(json_real_value(pNowP) - json_real_value(pThenP))
                                      : json_null(),
                                  "parties", aPartyChange));
    json_decref(pPrev);
  }

  for (int c = 0; c < r.nC; c++) xfree(r.aC[c].aAddr);
  xfree(r.aC);
  for (int p = 0; p < r.nParty; p++) xfree(r.azParty[p]);
  xfree(r.azParty);
  xfree(r.aS);
  strmap_free(&r.partyIdx);
  strmap_free(&r.commitIdx);
  json_decref(r.aSelf);
  json_decref(aCommit);
  return pOut;
}

json_t *query_commitment_assessments(Db *pDb, const char *zCommitment, Buf *pErr) {
  json_t *pC = entity_get(pDb, K_COMMITMENT, zCommitment);
  if (!pC) {
    buf_printf(pErr, "unknown commitment \"%s\"", zCommitment);
    return 0;
  }
  json_t *aA = assessments_of(pDb, zCommitment, 0);
  return json_pack("{s:s, s:o, s:o}", "commitment", zCommitment, "record", pC, "assessments", aA);
}
