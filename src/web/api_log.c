/* The verifiable log over HTTP: /api/v1/log/ (tlog.h). */
#include <stdlib.h>
#include <string.h>

#include "routes.h"
#include "tlog.h"

void api_log_checkpoint(Req *pReq, Resp *r) {
  uint64_t size;
  char *z = tlog_checkpoint_latest(pReq->pDb, &size);
  if (!z) {
    resp_error(r, 404, "no_checkpoint",
               "no checkpoint has been signed yet (the depositary signs one with "
               "'pacta log checkpoint --key FILE')");
    return;
  }
  resp_text(r, 200, "text/plain; charset=utf-8", z, strlen(z));
  xfree(z);
}

static void resp_proof(Resp *r, json_t *p, Buf *pErr) {
  if (p) {
    resp_json(r, 200, p);
    r->bCacheable = true; /* a proof for given sizes never changes */
    json_decref(p);
  } else {
    resp_error(r, 400, "bad_proof_request", "%s", pErr->z);
  }
  buf_free(pErr);
}

void api_log_inclusion(Req *pReq, Resp *r) {
  const char *zIndex = req_arg(pReq, "index");
  if (!zIndex || !*zIndex) {
    resp_error(r, 400, "bad_parameter", "query parameter index is required");
    return;
  }
  uint64_t n = (uint64_t)db_last_seq(pReq->pDb); /* the default size: all */
  long long index, size;
  if (!req_int(pReq, r, "index", 0, 0, INT64_MAX, &index)) return;
  if (!req_int(pReq, r, "size", (long long)n, 1, INT64_MAX, &size)) return;
  Buf err = {0};
  resp_proof(r, tlog_inclusion_json(pReq->pDb, (uint64_t)index, (uint64_t)size, &err), &err);
}

void api_log_consistency(Req *pReq, Resp *r) {
  const char *zFrom = req_arg(pReq, "from");
  if (!zFrom || !*zFrom) {
    resp_error(r, 400, "bad_parameter", "query parameter from is required");
    return;
  }
  uint64_t n = (uint64_t)db_last_seq(pReq->pDb); /* the default size: all */
  long long from, to;
  if (!req_int(pReq, r, "from", 0, 0, INT64_MAX, &from)) return;
  if (!req_int(pReq, r, "to", (long long)n, 0, INT64_MAX, &to)) return;
  Buf err = {0};
  resp_proof(r, tlog_consistency_json(pReq->pDb, (uint64_t)from, (uint64_t)to, &err), &err);
}
