/*
** Ingest: draft a session record (design.md section 4) from a press
** release in plain text or HTML, English, Russian or both, with the text
** span, a confidence and an "inferred" flag for every field. The names it
** recognizes come from the registry (gazetteer.h). Nothing is written to
** the registry unless the user confirms (--load, --yes).
*/
#ifndef PACTA_INGEST_H
#define PACTA_INGEST_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "gazetteer.h"
#include "util.h"

/* The longest press release ingest reads: 16 MiB (a long one is a few
** hundred kB). Drafting costs time linear in the text (bench/scale.sh). */
#define INGEST_MAX_BYTES ((size_t)16 << 20)

/* Draft {"file", "session", "evidence"} from one press release, or NULL
** with the reason in *pErr (empty, not text, over INGEST_MAX_BYTES).
** zPublished, when not NULL, is the release's publication date (a real date
** YYYY-MM-DD the caller has checked): a date the text gives without its
** year takes it from there, "yesterday" and "on Friday" count back from it,
** and a date well after it is not the session's (docs/ingest.md). */
json_t *ingest_draft(const Gazetteer *pGz, const char *zName, const char *zData, size_t nData,
                     const char *zPublished, Buf *pErr);

/* Set a draft's date or place to what the person confirming knows (the
** date also sets the session id); zHow says how it was given (an English
** message of ingest_note.c, "given with --date"), and the evidence keeps
** what the text said. */
void ingest_give(json_t *pDraft, const char *zField, const char *zValue, const char *zHow);

/* An evidence note of a draft (English, interchange data) in the current
** language, for a person to read: the message of ingest_note.c it was made
** from translated, with the same pieces ("year of the date 2021-10-15, 1
** days away"); a note of several ("given with --date; the text says ...")
** each so; one that is no message's as it is. A new string (free it). */
char *ingest_note_text(const char *zNote);

/* What a draft lacks to be loaded, and that in words, English: a message
** to translate where it is shown ("no full date found"; NULL for
** INGEST_LOADABLE). */
typedef enum IngestLack { INGEST_LOADABLE, INGEST_NO_BODY, INGEST_NO_DATE } IngestLack;
IngestLack ingest_lack(const json_t *pDraft);
const char *ingest_lack_words(IngestLack lack);

/* ---- Ingest adds, it does not replace (ingest_merge.c) ------------------------------ */

/* What loading a drafted session does to the session recorded about it.
** Each list is a new array of objects: added {"field", "value"} (a fact the
** record lacked), conflicts {"field", "recorded", "release"} (the release
** says otherwise), kept {"field", "recorded", "release"} (the same fact
** worded otherwise: the recorded wording stays) and, when the release
** replaces the record, dropped {"field", "value"} (recorded facts the
** release does not give, gone with the replacement). Fields are named
** "number", "next.date", "attendance.ARM", "attendance.ARM.status",
** "adopted", "sources"... */
typedef struct IngestMerge {
  json_t *pRecorded;  /* the recorded session it is about, or NULL: a new session */
  const char *zMatch; /* how it was found: "id", "body and date", "body and number"; NULL */
  json_t *pSession;   /* the record to load: the merge (under the recorded id), the draft
                         (a new session, or a replacement under the recorded id) */
  json_t *aAdded, *aConflict, *aKept, *aDropped;
  bool bReplaced; /* the release replaced the record (asked for) */
  bool bSame;     /* nothing to write: pSession is the recorded session */
} IngestMerge;

/* Merge a drafted session (and its evidence, or NULL: then every value of
** the draft counts as said by the release) into the recorded one; a value
** the draft holds only by default (evidence with no text, inferred, no
** note: the format in_person) is not a fact of the release. Pure: no
** database. With bReplace the draft replaces the record (its id kept). */
void ingest_merge(const json_t *pRecorded, const json_t *pSession, const json_t *pEvidence,
                  bool bReplace, IngestMerge *pOut);

/* Find the session a draft is about, in aPending (sessions about to be
** loaded with it, may be NULL) and then in the registry: the same id, else
** the same body and date, else the same body and number; merge the draft
** into it as ingest_merge does (or take the draft as a new session). Two
** or more recorded sessions of the body on that date (or with that number)
** are a conflict on "id". Free with ingest_merge_free. */
void ingest_merge_find(Db *pDb, const json_t *aPending, const json_t *pDraft, bool bReplace,
                       IngestMerge *pOut);

/* The merge as JSON for an answer: {"session", "recorded", "match",
** "replaced", "added", "conflicts", "kept", "dropped"} (a new reference). */
json_t *ingest_merge_json(const IngestMerge *p);

/* A value of the lists as short words: a string as it is, an attendance
** entry as "absent" or "present (NAME, ROLE)", a source as its title (cut
** near 60 bytes) and "(REF)", anything else as compact JSON; appended to pOut. */
void ingest_merge_words(const json_t *v, Buf *pOut);

void ingest_merge_free(IngestMerge *p);

#endif
