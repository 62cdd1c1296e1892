/*
** Retracting a record: the one way, for the command line and the API.
** Through the journal like every write, with the consistency checks
** (checks.h) over what depends on the record, in one transaction.
*/
#ifndef PACTA_RETRACT_H
#define PACTA_RETRACT_H

#include <jansson.h>
#include <stdint.h>

#include "db.h"
#include "kind.h"

typedef enum RetractResult {
  RETRACT_DONE,
  RETRACT_UNKNOWN,      /* no such live record */
  RETRACT_BUSY,         /* another writer held the registry */
  RETRACT_INCONSISTENT, /* refused: still referred to, or it would leave an error */
} RetractResult;

/* Retract (kind, zKey) as zActor. *pSeq gets the journal entry; *paFinding
** (a new array, the caller releases it) the checks' findings: on
** RETRACT_INCONSISTENT the errors that refused it (retraction.referenced
** names the record that still refers to it), else any warnings. */
RetractResult registry_retract(Db *pDb, const char *zActor, Kind kind, const char *zKey,
                               int64_t *pSeq, json_t **paFinding);
/* The same with the reason for the retraction (NULL or empty: none), written
** into the journal's change record ("reason"). */
RetractResult registry_retract_reason(Db *pDb, const char *zActor, Kind kind, const char *zKey,
                                      const char *zReason, int64_t *pSeq, json_t **paFinding);

#endif
