/*
** Loading interchange files (interchange.h): every source parsed and
** validated (interchange_check.c), duplicates and references checked across
** the whole load, then all of it through the journal in one transaction, or
** none of it.
*/
#include "interchange.h"
#include "i18n.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "canon.h"
#include "checks.h"
#include "date.h"
#include "entity.h"
#include "fields.h"
#include "interchange_int.h"
#include "journal.h"
#include "kind.h"
#include "util.h"

/* ---- Checks across the load ------------------------------------------------ */

/* The key of (kind, zKey) in the map of the load's records: the kind as a
** letter, then the key. */
static const char *seen_key(Buf *k, Kind kind, const char *zKey) {
  buf_reset(k);
  buf_putc(k, (char)('A' + kind));
  buf_puts(k, zKey);
  return k->z;
}

/* The value of a record of the load: a new reference. */
static json_t *item_value(const Item *p, const LoadSource *aSrc) {
  if (p->pValue) return json_incref(p->pValue);
  json_t *v = json_loadb(aSrc[p->iSrc].zData + p->off, p->len, JSON_REJECT_DUPLICATES, 0);
  if (!v) panic("a record of %s no longer parses", aSrc[p->iSrc].zName);
  return v;
}

static bool entity_exists(Db *pDb, Kind kind, const char *zKey) {
  if (kind == K_ACTION) return entity_seq(pDb, kind, zKey) != 0; /* no entity row */
  sqlite3_stmt *p = db_stmt(pDb, "SELECT 1 FROM entity WHERE kind=?1 AND key=?2");
  sqlite3_bind_int(p, 1, kind);
  sqlite3_bind_text(p, 2, zKey, -1, SQLITE_STATIC);
  bool b = db_step_row(pDb, p);
  sqlite3_reset(p);
  return b;
}

/* Duplicates: within one file always an error; across files only when the
** two records differ (an identical copy is loaded once). Fills pSeen with
** the index of the first record of each key, if it does not hold them
** already. */
static void check_duplicates(Validator *v, Item *aItem, int nItem, const LoadSource *aSrc,
                             StrMap *pSeen) {
  Buf k = {0}, a = {0}, b = {0};
  for (int i = 0; i < nItem; i++) {
    bool bNew;
    int *pFirst = strmap_insert(pSeen, seen_key(&k, aItem[i].kind, aItem[i].zKey), i, &bNew);
    if (bNew || *pFirst == i) continue; /* the first (pSeen may come filled) */
    Item *pA = &aItem[*pFirst], *pB = &aItem[i];
    buf_reset(&a);
    buf_reset(&b);
    json_t *vA = item_value(pA, aSrc), *vB = item_value(pB, aSrc);
    canon_write(&a, vA);
    canon_write(&b, vB);
    json_decref(vA);
    json_decref(vB);
    bool same = a.n == b.n && memcmp(a.z, b.z, a.n) == 0;
    if (pA->iSrc == pB->iSrc || !same) {
      v->zSrc = aSrc[pB->iSrc].zName;
      buf_reset(&v->path);
      buf_printf(&v->path, "$.%s[%d]", kind_section(pB->kind), pB->iIndex);
      ic_error(v, _("duplicate %s \"%s\" (first at %s: $.%s[%d])"), kind_name(pB->kind), pB->zKey,
               aSrc[pA->iSrc].zName, kind_section(pA->kind), pA->iIndex);
    }
    pB->bSkip = true; /* an identical copy from another file: load once */
  }
  buf_free(&k);
  buf_free(&a);
  buf_free(&b);
}

/* References: to a record of this load or to a live entity. */
static void check_references(Validator *v, Db *pDb, const StrMap *pSeen, const LoadSource *aSrc) {
  Buf k = {0};
  for (int i = 0; i < v->nRef; i++) {
    Ref *r = &v->aRef[i];
    const char *zKey = v->paths.z + r->iKey;
    if (strmap_find(pSeen, seen_key(&k, r->kind, zKey)) || entity_exists(pDb, r->kind, zKey))
      continue;
    if (v->nError++ < MAX_ERRORS) {
      fprintf(v->fErr, "pacta: %s: %s: ", aSrc[r->iSrc].zName, v->paths.z + r->iPath);
      fprintf(v->fErr,
              _("unknown %s \"%s\" (not in this load nor in the registry; other places that "
                "name it are not listed)"),
              kind_name(r->kind), zKey);
      fputc('\n', v->fErr);
    }
  }
  buf_free(&k);
}

/* ---- Loading ------------------------------------------------------------ */

/* SQLite's page cache while a load writes: 200,000 actions (18 MB of JSON)
** load as fast with 16 MiB as with 64, and peak 57 MB lower. */
#define LOAD_CACHE_KIB 16384
/* Into an empty registry the pages are appended, not revisited: 120,000
** actions load in the same CPU time with 1 MiB as with 4 or 16. */
#define LOAD_CACHE_EMPTY_KIB 1024
#define LOAD_INDEX_CACHE_KIB 256 /* see writer_end */

static int compare_item(const void *pA, const void *pB) {
  const Item *a = pA, *b = pB;
  if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
  if (a->iSrc != b->iSrc) return a->iSrc < b->iSrc ? -1 : 1;
  return a->iIndex < b->iIndex ? -1 : a->iIndex > b->iIndex;
}

/* Where each finding's record is in the load ("FILE: $.actions[3]"), or
** "registry" for a record the load did not hold (one that depends on it):
** a new array of strings, one per finding. One pass over the load's items,
** looking each up among the findings' keys (a load keeps at most
** WRITE_CHECK_KEEP findings). */
static json_t *finding_places(const json_t *aFinding, const Item *aItem, int nItem,
                              const LoadSource *aSrc) {
  /* The findings of each record's key as a chain: the map gives the first,
  ** aNext the next (-1 ends it). */
  StrMap want = {0};
  Buf k = {0};
  size_t i, n = json_array_size(aFinding);
  int *aNext = xmalloc((n ? n : 1) * sizeof(int));
  json_t *p;
  json_t *aPlace = json_array();
  json_array_foreach(aFinding, i, p) {
    Kind kind;
    json_array_append_new(aPlace, json_string("registry"));
    aNext[i] = -1;
    if (kind_parse(str(p, "kind"), &kind) == 0) {
      bool bNew;
      int *pFirst = strmap_insert(&want, seen_key(&k, kind, str(p, "key")), (int)i, &bNew);
      if (!bNew) { /* after the chain's first: the order of the findings stays */
        aNext[i] = aNext[*pFirst];
        aNext[*pFirst] = (int)i;
      }
    }
  }
  for (int j = 0; j < nItem && want.nUsed; j++) {
    int *pI = strmap_find(&want, seen_key(&k, aItem[j].kind, aItem[j].zKey));
    if (!pI) continue;
    Buf place = {0};
    buf_printf(&place, "%s: $.%s[%d]", aSrc[aItem[j].iSrc].zName, kind_section(aItem[j].kind),
               aItem[j].iIndex);
    for (int f = *pI; f >= 0; f = aNext[f])
      json_array_set_new(aPlace, (size_t)f, json_string(place.z));
    buf_free(&place);
  }
  xfree(aNext);
  buf_free(&k);
  strmap_free(&want);
  return aPlace;
}

/* finding_places for a load written while it was read: a finding's record
** is found by its journal sequence, since the load keeps no keys. */
typedef struct Writer Writer;
static json_t *finding_places_written(const Writer *x, const json_t *aFinding,
                                      const LoadSource *aSrc);

/* Where the records written while reading are: a run of them, one after
** another in a section of a file, from journal sequence seq and index
** iIndex on. A file in kind order has a run per section. */
typedef struct Run {
  int64_t seq;
  int iIndex, iSrc;
  Kind kind;
} Run;

/*
** The writer: every record of a load through the journal in one
** transaction, kinds in the order that puts what is referred to first, then
** the consistency checks (checks.h) over what it wrote; an error rolls it all
** back. write_items writes a load's items once all are read and checked; a
** large load of new records is written while it is read (see "Writing while
** reading" below), through the same three steps.
*/
struct Writer {
  Db *pDb;
  Journal j;
  WriteCheck *w;
  FILE *fProgress;
  LoadResult *pOut;
  int nPut; /* records given to writer_put */
  /* Writing while reading, which keeps no record's key (see below): */
  bool bFused;     /* records are written as they are read */
  bool bAbandoned; /* ... and were, until the load turned out not to be one for it */
  Kind lastKind;   /* ... in kind order, or not at all */
  Run *aRun;       /* where the records written are */
  int nRun, nRunAlloc;
  bool *pbStopReading; /* set when it is abandoned: the reading stops */
};

/* Open the transaction. Returns 0, or a LOAD_ code with its message said. */
static int writer_begin(Writer *x, Db *pDb, const char *zActor, int64_t nRecords, FILE *fErr,
                        FILE *fProgress, const LoadOptions *pOpt, LoadResult *pOut) {
  memset(x, 0, sizeof(*x));
  memset(pOut, 0, sizeof(*pOut));
  x->pDb = pDb;
  x->fProgress = fProgress;
  x->pOut = pOut;
  if (journal_begin_bulk(&x->j, pDb, zActor, nRecords)) {
    fprintf(fErr, "pacta: %s\n",
            _("the registry is busy (another writer holds it); nothing was loaded"));
    return LOAD_BUSY;
  }
  /* What the caller read before deciding to write must still hold, now
  ** that no other writer can change it. */
  for (int i = 0; pOpt && i < pOpt->nExpect; i++) {
    const LoadExpect *e = &pOpt->aExpect[i];
    if (entity_seq(pDb, e->kind, e->zKey) != e->seq) {
      journal_rollback(&x->j);
      fputs("pacta: ", fErr);
      fprintf(fErr, _("%s %s changed since it was read; nothing was loaded"), kind_name(e->kind),
              e->zKey);
      fputc('\n', fErr);
      return LOAD_CHANGED;
    }
  }
  db_cache_kib(pDb, x->j.bFresh ? LOAD_CACHE_EMPTY_KIB : LOAD_CACHE_KIB);
  x->w = write_check_begin(pDb, date_today());
  return 0;
}

/* Put one record; false (nothing written) when bNew but its key is live. */
static bool writer_put(Writer *x, Kind kind, const char *zKey, const json_t *v, int nOf,
                       bool bNew) {
  int64_t seq = bNew ? journal_put_new(&x->j, kind, zKey, v) : journal_put(&x->j, kind, zKey, v);
  if (seq < 0) return false;
  if (seq) {
    x->pOut->nLoaded++;
    write_check_put(x->w, kind, zKey, v);
  } else {
    x->pOut->nUnchanged++;
  }
  if (x->fProgress && (x->nPut & 0x3fff) == 0) {
    fputs("\rpacta: ", x->fProgress);
    if (nOf)
      fprintf(x->fProgress, _("loading records: %d of %d"), x->nPut, nOf);
    else
      fprintf(x->fProgress, _("records loaded: %d"), x->nPut);
  }
  x->nPut++;
  return true;
}

static void fused_free(Writer *x) {
  xfree(x->aRun);
  x->aRun = 0;
  x->nRun = x->nRunAlloc = 0;
}

/* Let the transaction go: nothing written stays. */
static void writer_abandon(Writer *x) {
  write_check_discard(x->w);
  x->w = 0;
  journal_rollback(&x->j);
  db_cache_kib(x->pDb, DB_CACHE_KIB);
  memset(x->pOut, 0, sizeof(*x->pOut));
  if (x->bFused) x->bAbandoned = true;
  if (x->bFused && x->pbStopReading) *x->pbStopReading = true;
  x->bFused = false;
  fused_free(x);
}

/* The checks over what was written, their findings said, then COMMIT, or
** ROLLBACK on an error (or a dry run). Returns 0 or LOAD_INCONSISTENT. */
static int writer_end(Writer *x, Item *aItem, int nItem, const LoadSource *aSrc, FILE *fErr,
                      const LoadOptions *pOpt) {
  LoadResult *pOut = x->pOut;
  if (x->fProgress) {
    fputs("\rpacta: ", x->fProgress);
    fprintf(x->fProgress, _("records loaded: %d"), x->nPut);
    fprintf(x->fProgress, "%20s\n", "");
  }
  /* Into an empty registry, the page cache is let go of before the indexes
  ** the load dropped are sorted (in a few MB of memory beside it, then
  ** through temporary files: journal_begin_bulk), then taken again. */
  if (x->j.bFresh) db_cache_kib(x->pDb, LOAD_INDEX_CACHE_KIB);
  journal_index(&x->j); /* the checks read by them */
  if (x->j.bFresh) db_cache_kib(x->pDb, LOAD_CACHE_EMPTY_KIB);
  int nError, nDropped;
  pOut->aFinding = write_check_end(x->w, &nError, &nDropped);
  x->w = 0;
  json_t *aPlace = x->bFused ? finding_places_written(x, pOut->aFinding, aSrc)
                             : finding_places(pOut->aFinding, aItem, nItem, aSrc);
  size_t i;
  json_t *p;
  int nSaid = 0;
  json_array_foreach(pOut->aFinding, i, p) {
    if (nError && strcmp(str(p, "severity"), "error") != 0) continue;
    if (nSaid++ == MAX_ERRORS) {
      nDropped += (int)(json_array_size(pOut->aFinding) - i);
      break;
    }
    char *zLine = check_finding_line(p);
    fprintf(fErr, "pacta: %s: %s\n", json_string_value(json_array_get(aPlace, i)), zLine);
    xfree(zLine);
  }
  json_decref(aPlace);
  if (nDropped) {
    fputs("pacta: ", fErr);
    fprintf(fErr,
            nError ? _("... and %d more errors and warnings (pacta check lists them all)")
                   : _("... and %d more warnings (pacta check lists them all)"),
            nDropped);
    fputc('\n', fErr);
  }
  int rc = 0;
  if (nError || (pOpt && pOpt->bDryRun)) {
    journal_rollback(&x->j);
    if (nError) {
      Buf said = {0};
      i18n_plural(&said,
                  _("{0, plural, one{# consistency error} other{# consistency errors}}; nothing "
                    "was loaded"),
                  nError);
      fprintf(fErr, "pacta: %s\n", said.z);
      buf_free(&said);
      pOut->nLoaded = pOut->nUnchanged = 0;
      rc = LOAD_INCONSISTENT;
    }
  } else {
    journal_commit(&x->j);
  }
  db_cache_kib(x->pDb, DB_CACHE_KIB);
  fused_free(x);
  pOut->lastSeq = db_last_seq(x->pDb);
  return rc;
}

static int write_items(Db *pDb, Item *aItem, int nItem, const LoadSource *aSrc, const char *zActor,
                       FILE *fErr, FILE *fProgress, const LoadOptions *pOpt, LoadResult *pOut) {
  if (nItem) qsort(aItem, (size_t)nItem, sizeof(Item), compare_item);
  Writer x;
  int rc = writer_begin(&x, pDb, zActor, nItem, fErr, fProgress, pOpt, pOut);
  if (rc) return rc;
  for (int i = 0; i < nItem; i++)
    if (!aItem[i].bSkip) write_check_before(x.w, aItem[i].kind, aItem[i].zKey, false);
  for (int i = 0; i < nItem; i++) {
    if (aItem[i].bSkip) continue;
    json_t *v = item_value(&aItem[i], aSrc);
    writer_put(&x, aItem[i].kind, aItem[i].zKey, v, nItem, false);
    json_decref(v);
  }
  return writer_end(&x, aItem, nItem, aSrc, fErr, pOpt);
}

/*
** Writing while reading. A large load whose records come in kind order (as
** `pacta export` and most files write them) and are all new to the registry
** is written record by record as the validator reads it: each record is
** parsed once, not twice, and nothing of it is kept (no key, no Item: the
** input's size and more), only where each section's run of records begins.
** The registry is the set of what was written: a key written twice is found
** by the entity's primary key, references are checked against it at the
** end, and a finding's record is found by its journal sequence. The journal
** gets exactly what write_items would write, in the same order: no record
** replaces a live one, so write_check_before has nothing to remember.
**
** A record out of kind order, a key seen twice (a duplicate, or an
** identical copy from another file), one that changes a live entity, a
** source that must be read as a whole: the load is not one for it. It is
** abandoned (a rollback) and the load read again the usual way (validated
** into items, then written by write_items), before anything was said.
** Errors found at the end (references, the consistency checks) roll it back
** like any other.
*/
#define FUSED_MIN_BYTES 65536 /* smaller loads are read, then written */

static void fused_record(void *pArg, const Item *p, const json_t *pRec) {
  Writer *x = pArg;
  if (!x->bFused) return;
  if (p->kind < x->lastKind) {
    writer_abandon(x);
    return;
  }
  x->lastKind = p->kind;
  int64_t seq = x->j.nextSeq;
  Run *r = x->nRun ? &x->aRun[x->nRun - 1] : 0;
  if (!r || r->iSrc != p->iSrc || r->kind != p->kind ||
      r->iIndex + (int)(seq - r->seq) != p->iIndex) {
    if (x->nRun == x->nRunAlloc) {
      x->nRunAlloc = x->nRunAlloc ? 2 * x->nRunAlloc : 16;
      x->aRun = xrealloc(x->aRun, (size_t)x->nRunAlloc * sizeof(Run));
    }
    x->aRun[x->nRun++] = (Run){seq, p->iIndex, p->iSrc, p->kind};
  }
  /* A key that is live (a record the registry holds, or one written before
  ** in this load: a duplicate, or an identical copy from another file) is
  ** found by the entity's primary key: journal_put_new writes nothing then. */
  if (!writer_put(x, p->kind, p->zKey, pRec, 0, true)) writer_abandon(x);
}

static json_t *finding_places_written(const Writer *x, const json_t *aFinding,
                                      const LoadSource *aSrc) {
  json_t *aPlace = json_array();
  size_t i;
  json_t *p;
  json_array_foreach(aFinding, i, p) {
    Kind kind;
    int64_t seq = kind_parse(str(p, "kind"), &kind) ? 0 : entity_seq(x->pDb, kind, str(p, "key"));
    /* The last run that starts at or before seq (runs are in seq order). */
    int lo = 0, hi = x->nRun;
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      if (x->aRun[mid].seq <= seq)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (seq <= 0 || lo == 0 || seq >= x->j.nextSeq) {
      json_array_append_new(aPlace, json_string("registry"));
      continue;
    }
    const Run *r = &x->aRun[lo - 1];
    Buf place = {0};
    buf_printf(&place, "%s: $.%s[%lld]", aSrc[r->iSrc].zName, kind_section(r->kind),
               (long long)r->iIndex + (seq - r->seq));
    json_array_append_new(aPlace, json_string(place.z));
    buf_free(&place);
  }
  return aPlace;
}

/* Start writing while reading, if the load is one for it. */
static void fused_begin(Writer *x, Db *pDb, const LoadSource *aSrc, int nSrc, const char *zActor,
                        FILE *fProgress, const LoadOptions *pOpt, LoadResult *pOut) {
  memset(x, 0, sizeof(*x));
  size_t nBytes = 0;
  for (int i = 0; i < nSrc; i++) nBytes += aSrc[i].nData;
  if (nBytes < FUSED_MIN_BYTES || nSrc > 32767 || (pOpt && pOpt->nExpect)) return;
  /* Busy: said once, by write_items' own try after the reading. A record
  ** is rarely under 64 bytes: nBytes / 64 records at most, for the bulk
  ** path's decision. */
  char *zSaid = 0;
  size_t nSaid = 0;
  FILE *fQuiet = open_memstream(&zSaid, &nSaid);
  if (!fQuiet) panic("out of memory");
  int rc = writer_begin(x, pDb, zActor, (int64_t)(nBytes / 64), fQuiet, fProgress, pOpt, pOut);
  fclose(fQuiet);
  free(zSaid); /* open_memstream's, from malloc */
  if (rc) {
    memset(x, 0, sizeof(*x));
    return;
  }
  x->bFused = true;
}

/* ---- A whole document ----------------------------------------------------- */

/* Check record pRec of item p's section; a valid one joins the load's items
** with its key. */
static void check_record(Validator *v, Item *p, const json_t *pRec, Item **paItem, int *pnItem,
                         int *pnAlloc) {
  char zGot[64];
  size_t n = ic_path_push_index(v, (size_t)p->iIndex);
  int nErrorBefore = v->nError;
  if (!json_is_object(pRec))
    ic_error(v, _("expected an object, got %s"), GOT(pRec));
  else
    ic_check_object(v, &ic_kind_schema[p->kind], pRec);
  if (v->nError == nErrorBefore && v->xRecord) {
    p->zKey = ic_record_key(p->kind, pRec);
    v->xRecord(v->pRecordArg, p, pRec);
    xfree(p->zKey);
  } else if (v->nError == nErrorBefore) {
    if (*pnItem == *pnAlloc) {
      *pnAlloc = *pnAlloc ? 2 * *pnAlloc : 1024;
      *paItem = xrealloc(*paItem, (size_t)*pnAlloc * sizeof(Item));
    }
    p->zKey = ic_record_key(p->kind, pRec);
    (*paItem)[(*pnItem)++] = *p;
  }
  ic_path_pop(v, n);
}

static void unknown_section(Validator *v) {
  Buf list = {0};
  for (int k = 0; k < K__COUNT; k++) buf_printf(&list, ", %s", kind_section((Kind)k));
  ic_error(v, _("unknown key (expected one of: pacta%s)"), list.z);
  buf_free(&list);
}

/* Is zSection the interchange key of a kind? */
static bool section_kind(const char *zSection, Kind *pKind) {
  return kind_parse(zSection, pKind) == 0 && strcmp(kind_section(*pKind), zSection) == 0;
}

static void validate_document(Validator *v, json_t *pRoot, int iSrc, Item **paItem, int *pnItem,
                              int *pnAlloc) {
  char zGot[64];
  buf_reset(&v->path);
  buf_puts(&v->path, "$");
  if (!json_is_object(pRoot)) {
    ic_error(v, _("expected an object {\"pacta\": 1, ...}, got %s"), GOT(pRoot));
    return;
  }
  const json_t *pVersion = json_object_get(pRoot, "pacta");
  if (!json_is_integer(pVersion) || json_integer_value(pVersion) != 1)
    ic_error(v, _("expected \"pacta\": 1 (the interchange format version), got %s"),
             pVersion ? GOT(pVersion) : _("no \"pacta\" key"));
  const char *zSection;
  json_t *pArr;
  json_object_foreach(pRoot, zSection, pArr) {
    if (strcmp(zSection, "pacta") == 0) continue;
    Kind kind;
    size_t n = ic_path_push_key(v, zSection);
    if (!section_kind(zSection, &kind)) {
      unknown_section(v);
    } else if (!json_is_array(pArr)) {
      ic_error(v, _("expected an array of %s, got %s"), zSection, GOT(pArr));
    } else {
      for (size_t i = 0; i < json_array_size(pArr); i++) {
        Item item = {
            .kind = kind, .pValue = json_array_get(pArr, i), .iSrc = iSrc, .iIndex = (int)i};
        check_record(v, &item, item.pValue, paItem, pnItem, pnAlloc);
      }
    }
    ic_path_pop(v, n);
  }
}

/* ---- A document streamed ------------------------------------------------------ */

/*
** A load holds no tree of a whole document: the document's punctuation
** ({"pacta": 1, "SECTION": [RECORD, ...], ...}) is read here and every
** value in it (keys, the version, each record) is parsed by jansson one at a
** time (JSON_DISABLE_EOF_CHECK), checked, and let go; what the load keeps of
** a record is its key and where its bytes are. Anything else (the version
** not first, a duplicate key, a syntax error) is read the other way, as a
** whole, so its errors are exactly jansson's.
*/
typedef struct Cursor {
  const char *z; /* the source's bytes from offset base on */
  size_t n, i;   /* z[0, n) held; the next byte is z[i] */
  size_t base;
  int fd;       /* a file read a window at a time, or -1: z holds it all */
  char *aWin;   /* the window */
  size_t nWin;  /* its size */
  size_t nRead; /* bytes of the file read into it so far */
  size_t nFile; /* the file's size */
} Cursor;

/* A file is read through a window of 256 KiB, twice as large whenever one
** value (a record, or a section that is not an array) fills half of it. */
#define WINDOW_BYTES (1 << 18)

/* More of a file: z[i, n) moved to the window's start and more read after
** it. False at the file's end, and on an error reading it (the whole
** reading then says what it was). */
static bool more(Cursor *c) {
  if (c->fd < 0 || c->nRead >= c->nFile) return false;
  size_t nKeep = c->n - c->i;
  if (!c->aWin || 2 * nKeep > c->nWin) {
    size_t nNew = c->nWin ? 2 * c->nWin : WINDOW_BYTES;
    char *aNew = xmalloc(nNew);
    if (nKeep) memcpy(aNew, c->z + c->i, nKeep);
    xfree(c->aWin);
    c->aWin = aNew;
    c->nWin = nNew;
  } else if (nKeep) {
    memmove(c->aWin, c->z + c->i, nKeep);
  }
  c->z = c->aWin;
  c->base += c->i;
  c->i = 0;
  c->n = nKeep;
  size_t nWant = c->nWin - nKeep;
  if (nWant > c->nFile - c->nRead) nWant = c->nFile - c->nRead;
  ssize_t k;
  do k = pread(c->fd, c->aWin + nKeep, nWant, (off_t)c->nRead);
  while (k < 0 && errno == EINTR);
  if (k <= 0) {
    c->nRead = c->nFile;
    return false;
  }
  c->nRead += (size_t)k;
  c->n += (size_t)k;
  return true;
}

static void skip_space(Cursor *c) {
  do {
    while (c->i < c->n &&
           (c->z[c->i] == ' ' || c->z[c->i] == '\t' || c->z[c->i] == '\n' || c->z[c->i] == '\r'))
      c->i++;
  } while (c->i == c->n && more(c));
}

static bool take(Cursor *c, char ch) {
  skip_space(c);
  if (c->i >= c->n || c->z[c->i] != ch) return false;
  c->i++;
  return true;
}

/* The value at the cursor (a new reference) and its offset in the source,
** or NULL. */
static json_t *next_value(Cursor *c, size_t *pOff) {
  skip_space(c);
  for (;;) {
    json_error_t err;
    json_t *p = json_loadb(c->z + c->i, c->n - c->i,
                           JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, &err);
    /* One that did not end within the window (a number may go on) is read
    ** again with more of the file. */
    if ((!p || c->i + (size_t)err.position >= c->n) && more(c)) {
      json_decref(p);
      continue;
    }
    if (!p) return 0;
    *pOff = c->base + c->i;
    c->i += (size_t)err.position;
    return p;
  }
}

/* The next object key, a copy, and its colon; NULL if there is none. */
static char *next_key(Cursor *c) {
  size_t off;
  json_t *k = next_value(c, &off);
  char *z = json_is_string(k) && take(c, ':') ? xstrdup(json_string_value(k)) : 0;
  json_decref(k);
  return z;
}

/* One section's array, record by record; false on what only the whole
** reading can explain. */
static bool stream_records(Validator *v, Cursor *c, Kind kind, int iSrc, Item **paItem, int *pnItem,
                           int *pnAlloc) {
  if (take(c, ']')) return true;
  for (int i = 0;; i++) {
    if (v->bStop) return false;
    size_t off;
    json_t *pRec = next_value(c, &off);
    if (!pRec) return false;
    Item item = {.kind = kind, .off = off, .len = c->base + c->i - off, .iSrc = iSrc, .iIndex = i};
    check_record(v, &item, pRec, paItem, pnItem, pnAlloc);
    json_decref(pRec);
    if (take(c, ']')) return true;
    if (!take(c, ',')) return false;
  }
}

static bool stream_section(Validator *v, Cursor *c, const char *zSection, int iSrc, Item **paItem,
                           int *pnItem, int *pnAlloc) {
  char zGot[64];
  Kind kind;
  size_t off;
  if (!section_kind(zSection, &kind)) {
    unknown_section(v);
  } else if (take(c, '[')) {
    return stream_records(v, c, kind, iSrc, paItem, pnItem, pnAlloc);
  } else {
    json_t *p = next_value(c, &off);
    if (!p) return false;
    ic_error(v, _("expected an array of %s, got %s"), zSection, GOT(p));
    json_decref(p);
    return true;
  }
  json_t *p = next_value(c, &off); /* the unknown key's value, skipped */
  json_decref(p);
  return p != 0;
}

static bool stream_walk(Validator *v, Cursor *c, int iSrc, Item **paItem, int *pnItem,
                        int *pnAlloc) {
  char zGot[64];
  buf_reset(&v->path);
  buf_puts(&v->path, "$");
  if (!take(c, '{')) return false;
  char *zKey = next_key(c);
  bool bFirst = zKey && strcmp(zKey, "pacta") == 0;
  xfree(zKey);
  size_t off;
  json_t *pVersion = bFirst ? next_value(c, &off) : 0;
  if (!pVersion) return false;
  if (!json_is_integer(pVersion) || json_integer_value(pVersion) != 1)
    ic_error(v, _("expected \"pacta\": 1 (the interchange format version), got %s"), GOT(pVersion));
  json_decref(pVersion);
  StrMap seen = {0};
  bool bNew, ok = true;
  strmap_insert(&seen, "pacta", 0, &bNew);
  while (ok && take(c, ',')) {
    zKey = next_key(c);
    ok = zKey != 0;
    if (ok) strmap_insert(&seen, zKey, 0, &bNew);
    ok = ok && bNew;
    if (ok) {
      size_t n = ic_path_push_key(v, zKey);
      ok = stream_section(v, c, zKey, iSrc, paItem, pnItem, pnAlloc);
      ic_path_pop(v, n);
    }
    xfree(zKey);
  }
  strmap_free(&seen);
  if (!ok || !take(c, '}')) return false;
  skip_space(c);
  return c->i == c->n;
}

/* Validate a source streamed; false (and nothing kept, nothing said) when
** it must be read as a whole. */
static bool stream_document(Validator *v, const LoadSource *pSrc, int iSrc, Item **paItem,
                            int *pnItem, int *pnAlloc) {
  int nItem0 = *pnItem, nError0 = v->nError, nRef0 = v->nRef;
  size_t nPaths0 = v->paths.n;
  char *zSaid = 0;
  size_t nSaid = 0;
  FILE *fErr = v->fErr;
  v->fErr = open_memstream(&zSaid, &nSaid); /* said only if the stream reads to its end */
  if (!v->fErr) panic("out of memory");
  Cursor c = {0};
  c.fd = -1;
  if (pSrc->zData) {
    c.z = pSrc->zData;
    c.n = pSrc->nData;
  } else {
    c.z = "";
    c.fd = pSrc->fd;
    c.nFile = pSrc->nData;
  }
  bool ok = stream_walk(v, &c, iSrc, paItem, pnItem, pnAlloc);
  xfree(c.aWin);
  fclose(v->fErr);
  v->fErr = fErr;
  if (ok) {
    fwrite(zSaid, 1, nSaid, fErr);
  } else {
    for (int i = nItem0; i < *pnItem; i++) xfree((*paItem)[i].zKey);
    *pnItem = nItem0;
    v->nError = nError0;
    v->nRef = nRef0;
    v->paths.n = nPaths0;
  }
  free(zSaid); /* open_memstream's, from malloc */
  return ok;
}

int interchange_load(Db *pDb, const LoadSource *aSrc, int nSrc, const char *zActor, FILE *fErr,
                     FILE *fProgress, LoadResult *pOut) {
  return interchange_load_opt(pDb, aSrc, nSrc, zActor, fErr, fProgress, 0, pOut);
}

/* Validate every source: its items into *paItem (none when v->xRecord).
** Stops when v->bStop is set, what it read then being of no use. */
static void read_sources(Validator *v, const LoadSource *aSrc, int nSrc, Writer *pFused,
                         json_t **apRoot, Item **paItem, int *pnItem, int *pnAlloc) {
  for (int i = 0; i < nSrc && !v->bStop; i++) {
    json_error_t err;
    v->zSrc = aSrc[i].zName;
    v->iSrc = i;
    if (stream_document(v, &aSrc[i], i, paItem, pnItem, pnAlloc)) continue;
    if (pFused->bFused) writer_abandon(pFused); /* this one is read whole, after */
    if (v->bStop) return;
    apRoot[i] = json_loadb(aSrc[i].zData, aSrc[i].nData, JSON_REJECT_DUPLICATES, &err);
    if (!apRoot[i]) {
      fprintf(v->fErr, "pacta: %s:%d:%d: ", aSrc[i].zName, err.line, err.column);
      fprintf(v->fErr, _("not valid JSON: %s"), err.text);
      fputc('\n', v->fErr);
      v->nError++;
      continue;
    }
    validate_document(v, apRoot[i], i, paItem, pnItem, pnAlloc);
  }
}

static void validator_free(Validator *v) {
  xfree(v->aRef);
  buf_free(&v->paths);
  strmap_free(&v->refIdx);
  buf_free(&v->refKey);
  buf_free(&v->path);
}

/* Every source's bytes in memory (a file's read whole into aWhole), as a
** load read the usual way needs them: each record is parsed again from its
** byte span. 0, or -1 with the failure said. */
static int read_whole(LoadSource *aSrc, Buf *aWhole, int nSrc, FILE *fErr) {
  for (int i = 0; i < nSrc; i++) {
    if (aSrc[i].zData) continue;
    if (fd_read_all(aSrc[i].fd, aSrc[i].nData, &aWhole[i])) {
      fputs("pacta: ", fErr);
      fprintf(fErr, _("%s: cannot read: %s (nothing was loaded)"), aSrc[i].zName, strerror(errno));
      fputc('\n', fErr);
      return -1;
    }
    aSrc[i].zData = aWhole[i].z;
  }
  return 0;
}

int interchange_load_opt(Db *pDb, const LoadSource *aSrcIn, int nSrc, const char *zActor,
                         FILE *fErr, FILE *fProgress, const LoadOptions *pOpt, LoadResult *pOut) {
  memset(pOut, 0, sizeof(*pOut));
  /* A file's bytes are read as the load needs them: through a window by a
  ** load written while read, whole by one read the usual way. */
  LoadSource *aSrc = xmalloc((size_t)nSrc * sizeof(LoadSource));
  memcpy(aSrc, aSrcIn, (size_t)nSrc * sizeof(LoadSource));
  Buf *aWhole = xmalloc((size_t)nSrc * sizeof(Buf));
  memset(aWhole, 0, (size_t)nSrc * sizeof(Buf));
  Validator v = {0};
  v.fErr = fErr;
  json_t **apRoot = xmalloc((size_t)nSrc * sizeof(json_t *));
  memset(apRoot, 0, (size_t)nSrc * sizeof(json_t *));
  Item *aItem = 0;
  int nItem = 0, nAlloc = 0;
  Writer fused;
  fused_begin(&fused, pDb, aSrc, nSrc, zActor, fProgress, pOpt, pOut);
  if (fused.bFused) {
    /* What it says is said once the reading is known to stand. */
    char *zSaid = 0;
    size_t nSaid = 0;
    v.xRecord = fused_record;
    v.pRecordArg = &fused;
    fused.pbStopReading = &v.bStop;
    v.fErr = open_memstream(&zSaid, &nSaid);
    if (!v.fErr) panic("out of memory");
    read_sources(&v, aSrc, nSrc, &fused, apRoot, &aItem, &nItem, &nAlloc);
    fclose(v.fErr);
    if (!fused.bAbandoned) fwrite(zSaid, 1, nSaid, fErr);
    free(zSaid);            /* open_memstream's, from malloc */
    if (fused.bAbandoned) { /* read again, the usual way */
      validator_free(&v);
      for (int i = 0; i < nSrc; i++) json_decref(apRoot[i]);
      memset(apRoot, 0, (size_t)nSrc * sizeof(json_t *));
      memset(&v, 0, sizeof(v));
    }
    v.fErr = fErr;
  }
  bool bUnread = false;
  if (!v.xRecord) {
    bUnread = read_whole(aSrc, aWhole, nSrc, fErr) != 0;
    if (!bUnread) read_sources(&v, aSrc, nSrc, &fused, apRoot, &aItem, &nItem, &nAlloc);
  }
  if (v.nError == 0 && !bUnread) {
    /* Written while read: every record is in the registry, none twice. */
    StrMap seen = {0};
    check_duplicates(&v, aItem, nItem, aSrc, &seen);
    check_references(&v, pDb, &seen, aSrc);
    strmap_free(&seen);
  }
  int rc;
  if (bUnread) {
    rc = LOAD_INVALID;
  } else if (v.nError) {
    if (v.nError > MAX_ERRORS) {
      fputs("pacta: ", fErr);
      fprintf(fErr, _("... and %d more errors"), v.nError - MAX_ERRORS);
      fputc('\n', fErr);
    }
    fprintf(fErr, "pacta: %s\n", _("nothing was loaded"));
    rc = LOAD_INVALID;
    if (fused.bFused) writer_abandon(&fused);
  } else if (fused.bFused) {
    rc = writer_end(&fused, aItem, nItem, aSrc, fErr, pOpt);
  } else {
    rc = write_items(pDb, aItem, nItem, aSrc, zActor, fErr, fProgress, pOpt, pOut);
  }
  for (int i = 0; i < nItem; i++) xfree(aItem[i].zKey);
  xfree(aItem);
  validator_free(&v);
  for (int i = 0; i < nSrc; i++) {
    json_decref(apRoot[i]);
    buf_free(&aWhole[i]);
  }
  xfree(apRoot);
  xfree(aWhole);
  xfree(aSrc);
  return rc;
}

int interchange_load_json(Db *pDb, const json_t *pDoc, const char *zActor, json_t **paMsg,
                          LoadResult *pOut) {
  return interchange_load_json_opt(pDb, pDoc, zActor, 0, paMsg, pOut);
}

int interchange_load_json_opt(Db *pDb, const json_t *pDoc, const char *zActor,
                              const LoadOptions *pOpt, json_t **paMsg, LoadResult *pOut) {
  *paMsg = 0;
  char *zText = json_dumps(pDoc, JSON_COMPACT);
  char *zErr = 0;
  size_t nErr = 0;
  FILE *fErr = open_memstream(&zErr, &nErr);
  if (!zText || !fErr) panic("out of memory");
  LoadSource src = {"request", zText, strlen(zText), -1};
  int rc = interchange_load_opt(pDb, &src, 1, zActor, fErr, 0, pOpt, pOut);
  fclose(fErr);
  if (rc) {
    /* One message per line: "pacta: request: $.path: what was expected". */
    json_t *aMsg = json_array();
    for (char *z = zErr, *zEol; z && *z; z = *zEol ? zEol + 1 : zEol) {
      zEol = z + strcspn(z, "\n");
      const char *zMsg = z;
      if (strncmp(zMsg, "pacta: ", 7) == 0) zMsg += 7;
      if (strncmp(zMsg, "request: ", 9) == 0) zMsg += 9;
      char *zNothing = strstr(zMsg, "nothing was loaded");
      if (!zNothing) zNothing = strstr(zMsg, _("nothing was loaded"));
      if (zEol > zMsg && !(zNothing && zNothing < zEol))
        json_array_append_new(aMsg, json_stringn(zMsg, (size_t)(zEol - zMsg)));
    }
    if (json_array_size(aMsg) == 0) json_array_append_new(aMsg, json_string(_("invalid input")));
    *paMsg = aMsg;
  }
  free(zErr); /* open_memstream's, from malloc */
  xfree(zText);
  return rc;
}
