#include "preview.h"

#include "fields.h"
#include "journal.h"
#include "kind.h"
#include "registry.h"

json_t *preview_document_status(Db *pDb, const json_t *pDoc, const char *zActor, pdate on,
                                Buf *pErr) {
  const char *zId = str(pDoc, "id");
  if (!zId) {
    buf_puts(pErr, "the document has no id");
    return 0;
  }
  Journal j;
  if (journal_begin(&j, pDb, zActor)) {
    buf_puts(pErr, "the registry is busy (another writer holds it)");
    return 0;
  }
  journal_put(&j, K_DOCUMENT, zId, pDoc);
  json_t *pOut = query_status_detail(pDb, zId, on, pErr);
  journal_rollback(&j);
  return pOut;
}
