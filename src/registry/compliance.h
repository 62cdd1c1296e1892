/*
** Compliance with commitments (design.md 5.5, the G7/G20 Research Group
** method): per party, per commitment, per body, per category and overall on
** a date or for a report period, the overdue commitments, and the parties'
** self-reports beside the secretariat's scores. See docs/compliance.md.
*/
#ifndef PACTA_COMPLIANCE_H
#define PACTA_COMPLIANCE_H

#include <jansson.h>

#include "date.h"
#include "db.h"
#include "util.h"

typedef struct ComplianceOpts {
  /* Report period: only assessments dated within [from, on] count (on is
  ** the period's end). DATE_NONE: no period, every assessment up to on. */
  pdate from;
  /* A previous period to compare with ("change"); DATE_NONE when absent. */
  pdate prevFrom, prevTo;
} ComplianceOpts;

/* {"organization","on","overall":{"average","percent","scored"},
**  "parties":[{"party","average","percent","scored","self_reports":[...]}],
**  "commitments":[{"commitment","average","percent","scored","parent","items",
**                  "body","category","deadline","scores":[...]}],
**  "bodies":[...], "categories":[...], "overdue":[{"commitment","deadline",
**  "parties":[...]}], "period"?: {"from","to"}, "change"?: {...}}
** NULL with a message in *pErr for an unknown organization. */
json_t *query_compliance(Db *pDb, const char *zOrg, pdate on, const ComplianceOpts *pOpt,
                         Buf *pErr);

/* {"commitment": ID, "assessments": [every live assessment and self-report
** of the commitment, by party then date]}; NULL for an unknown commitment. */
json_t *query_commitment_assessments(Db *pDb, const char *zCommitment, Buf *pErr);

#endif
