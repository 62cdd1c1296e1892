/*
** Retracting a record (retract.h).
*/
#include "retract.h"
#include "i18n.h"

#include "checks.h"
#include "date.h"
#include "entity.h"
#include "journal.h"
#include "util.h"

RetractResult registry_retract(Db *pDb, const char *zActor, Kind kind, const char *zKey,
                               int64_t *pSeq, json_t **paFinding) {
  return registry_retract_reason(pDb, zActor, kind, zKey, 0, pSeq, paFinding);
}

RetractResult registry_retract_reason(Db *pDb, const char *zActor, Kind kind, const char *zKey,
                                      const char *zReason, int64_t *pSeq, json_t **paFinding) {
  *pSeq = 0;
  *paFinding = json_array();
  Journal j;
  if (journal_begin(&j, pDb, zActor)) return RETRACT_BUSY;
  /* Inside the transaction, so that no referrer arrives between the look
  ** and the retraction. */
  Buf why = {0};
  /* No record refers to a chairmanship; its key is its organization's id,
  ** which entity_referrer would find in the organization itself. */
  if (kind != K_CHAIRMANSHIP && entity_referrer(pDb, kind, zKey, &why)) {
    Buf text = {0};
    buf_printf(&text, _("still referred to by %s; retract that first"), why.z);
    json_array_append_new(*paFinding,
                          check_finding_new("retraction.referenced", kind, zKey, 0, text.z));
    buf_free(&text);
    buf_free(&why);
    journal_rollback(&j);
    return RETRACT_INCONSISTENT;
  }
  buf_free(&why);
  WriteCheck *w = write_check_begin(pDb, date_today());
  write_check_before(w, kind, zKey, true);
  *pSeq = journal_retract_reason(&j, kind, zKey, zReason);
  int nError, nDropped;
  json_decref(*paFinding);
  *paFinding = write_check_end(w, &nError, &nDropped);
  if (!*pSeq || nError) {
    journal_rollback(&j);
    RetractResult rc = *pSeq ? RETRACT_INCONSISTENT : RETRACT_UNKNOWN;
    *pSeq = 0;
    return rc;
  }
  journal_commit(&j);
  return RETRACT_DONE;
}
