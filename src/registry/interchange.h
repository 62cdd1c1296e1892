/*
** The interchange format (design.md section 4): strict validation of a
** whole load, then all of it through the journal in one transaction, or
** none of it. And the way back out: export.
*/
#ifndef PACTA_INTERCHANGE_H
#define PACTA_INTERCHANGE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "db.h"
#include "kind.h"
#include "util.h"

typedef struct LoadSource {
  const char *zName; /* file name as shown in errors */
  const char *zData; /* the bytes, or NULL: a file read as the load needs it */
  size_t nData;      /* their length (the file's size) */
  int fd;            /* that file, open (input_open), or -1 */
} LoadSource;

typedef struct LoadResult {
  int nLoaded;      /* journal entries appended */
  int nUnchanged;   /* records already present with the same content */
  int64_t lastSeq;  /* journal sequence after the load */
  json_t *aFinding; /* the consistency checks' findings (checks.h), or NULL:
                    ** the caller json_decref's it */
} LoadResult;

#define LOAD_INVALID (-1)
#define LOAD_BUSY (-2)
#define LOAD_INCONSISTENT (-3)
#define LOAD_CHANGED (-4) /* an expectation (LoadOptions) did not hold */

/* A live entity as the caller read it: its journal entry (0: absent). */
typedef struct LoadExpect {
  Kind kind;
  const char *zKey;
  int64_t seq;
} LoadExpect;

typedef struct LoadOptions {
  bool bDryRun;              /* everything, the checks too, then roll back: what would happen */
  const LoadExpect *aExpect; /* each must hold inside the write's transaction, */
  int nExpect;               /* else LOAD_CHANGED and nothing is written */
} LoadOptions;

/* Validate and load. On bad input, writes up to 20 messages (one per line,
** each "NAME: $.json.path: what was expected") to fErr, writes nothing to
** the registry and returns LOAD_INVALID; LOAD_BUSY when another writer held
** the registry too long (nothing written either). A load that would make
** the record contradict itself (checks.h) is rolled back: its errors go to
** fErr ("NAME: $.path: error [code] message") and LOAD_INCONSISTENT is
** returned; a load that passes writes the checks' warnings there. Progress
** goes to fProgress when not NULL. */
int interchange_load(Db *pDb, const LoadSource *aSrc, int nSrc, const char *zActor, FILE *fErr,
                     FILE *fProgress, LoadResult *pOut /* OUT */);

/* interchange_load with options (NULL: none). */
int interchange_load_opt(Db *pDb, const LoadSource *aSrc, int nSrc, const char *zActor, FILE *fErr,
                         FILE *fProgress, const LoadOptions *pOpt, LoadResult *pOut);

/* Load one parsed interchange document, as the API and the web form do.
** On failure *paMsg is a new array of messages, one per problem, each
** "$.json.path: what was expected" (NULL on success). Returns as
** interchange_load. */
int interchange_load_json(Db *pDb, const json_t *pDoc, const char *zActor, json_t **paMsg,
                          LoadResult *pOut /* OUT */);
int interchange_load_json_opt(Db *pDb, const json_t *pDoc, const char *zActor,
                              const LoadOptions *pOpt, json_t **paMsg, LoadResult *pOut);

/* The enumerations of the interchange format (design.md section 4), each
** ending with NULL: what the schema accepts, for the forms to offer. The
** membership kinds and action types are the rules' (rules.h). */
extern const char *const ic_azPartyKind[];        /* parties[].kind */
extern const char *const ic_azBodyLevel[];        /* bodies[].level */
extern const char *const ic_azSessionFormat[];    /* sessions[].format */
extern const char *const ic_azAttendance[];       /* sessions[].attendance[].status */
extern const char *const ic_azDocumentType[];     /* documents[].type */
extern const char *const ic_azEifRule[];          /* documents[].entry_into_force.rule */
extern const char *const ic_azDelayThen[];        /* delay.then */
extern const char *const ic_azChairTerm[];        /* chairmanships[].term */
extern const char *const ic_azCoChairs[];         /* chairmanships[].co_chairs */
extern const char *const ic_azAssessmentStatus[]; /* assessments[].status */

/* Write every live entity as one interchange document. */
void interchange_export_json(Db *pDb, FILE *f);
/* The same a part at a time (GET /api/v1/export streams it): from a zeroed
** ExportJson, each call appends the next records to pOut until it holds at
** least nMin bytes or the document ends; false once it has ended (and then
** nothing is left to free). Call it inside one read transaction. */
typedef struct ExportJson {
  int iKind, n;
  bool bBegun, bDone;
  Buf after;                /* the last key written of kind iKind */
  struct ActionScan *pScan; /* the actions' pass, kept between calls */
} ExportJson;
bool interchange_export_json_next(Db *pDb, ExportJson *x, Buf *pOut, size_t nMin);
/* What an ExportJson not read to its end holds. */
void interchange_export_json_free(ExportJson *x);
/* Write the actions as CSV: document,party,type,date,effective,note. */
void interchange_export_csv(Db *pDb, FILE *f);

#endif
