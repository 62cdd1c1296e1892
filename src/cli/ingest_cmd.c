/* `pacta ingest` (ingest.h, docs/ingest.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "date.h"
#include "db.h"
#include "entity.h"
#include "fields.h"
#include "i18n.h"
#include "ingest.h"
#include "interchange.h"
#include "output.h"

/* The label of a drafted field, as the summary prints it. */
static const char *field_label(const char *zField) {
  if (strcmp(zField, "id") == 0) return P_("field", "id");
  if (strcmp(zField, "body") == 0) return P_("field", "body");
  if (strcmp(zField, "date") == 0) return P_("field", "date");
  if (strcmp(zField, "place") == 0) return P_("field", "place");
  if (strcmp(zField, "format") == 0) return P_("field", "format");
  if (strcmp(zField, "parties") == 0) return P_("field", "parties");
  if (strcmp(zField, "adopted") == 0) return P_("field", "adopted");
  if (strcmp(zField, "next") == 0) return P_("field", "next");
  if (strcmp(zField, "chair") == 0) return P_("field", "chair");
  return zField;
}

/* "  LABEL    " before a line of the summary: the label padded to 8
** characters. */
static void print_label(FILE *f, const char *zLabel) {
  fputs("  ", f);
  print_padded(f, zLabel, 8);
  fputc(' ', f);
}

static void print_summary(const json_t *pDraft) {
  const json_t *s = json_object_get(pDraft, "session");
  const json_t *ev = json_object_get(pDraft, "evidence");
  printf("%s\n", json_string_value(json_object_get(pDraft, "file")));
  const char *azField[] = {"id", "body", "date", "place", "format", 0};
  for (int k = 0; azField[k]; k++) {
    const json_t *v = json_object_get(s, azField[k]);
    const json_t *e = json_object_get(ev, azField[k]);
    print_label(stdout, field_label(azField[k]));
    const char *zV = json_is_string(v) ? json_string_value(v) : "-";
    print_padded(stdout, strcmp(azField[k], "format") == 0 ? code_label(zV) : zV, 28);
    if (e && json_is_true(json_object_get(e, "inferred")))
      printf(_(" (%.2f, inferred)"), json_real_value(json_object_get(e, "confidence")));
    else if (e)
      printf(" (%.2f)", json_real_value(json_object_get(e, "confidence")));
    printf("\n");
  }
  const json_t *aAtt = json_object_get(s, "attendance");
  for (size_t i = 0; i < json_array_size(aAtt); i++) {
    const json_t *a = json_array_get(aAtt, i);
    const char *zBy = json_string_value(json_object_get(a, "by"));
    print_label(stdout, i ? "" : field_label("parties"));
    printf("%s %s%s%s%s\n", json_string_value(json_object_get(a, "party")),
           code_label(json_string_value(json_object_get(a, "status"))), zBy ? " (" : "",
           zBy ? zBy : "", zBy ? ")" : "");
  }
  const json_t *aAd = json_object_get(s, "adopted");
  for (size_t i = 0; i < json_array_size(aAd); i++) {
    print_label(stdout, i ? "" : field_label("adopted"));
    printf("%s\n", json_string_value(json_array_get(aAd, i)));
  }
  const json_t *pNext = json_object_get(s, "next");
  if (pNext) {
    const char *zD = json_string_value(json_object_get(pNext, "date"));
    const char *zP = json_string_value(json_object_get(pNext, "place"));
    print_label(stdout, field_label("next"));
    printf("%s %s\n", zD ? zD : "-", zP ? zP : "");
  }
  const json_t *pC = json_object_get(ev, "chairmanship");
  if (pC) {
    print_label(stdout, field_label("chair"));
    printf(_("%s from %lld\n"), json_string_value(json_object_get(pC, "party")),
           (long long)json_integer_value(json_object_get(pC, "year")));
  }
}

/* Read a press release (a file, or "-" for stdin) into pOut; one larger
** than INGEST_MAX_BYTES is refused before it is read whole. */
static void read_release(const char *zPath, Buf *pOut) {
  const int nMiB = (int)(INGEST_MAX_BYTES >> 20);
  FILE *f = strcmp(zPath, "-") == 0 ? stdin : fopen(zPath, "rb");
  if (!f) die(EXIT_INPUT, _("%s: cannot read: %s (nothing was written)"), zPath, strerror(errno));
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > (off_t)INGEST_MAX_BYTES)
    die(EXIT_INPUT,
        _("%s: too large for ingest: %lld bytes, more than the limit of %d MiB (nothing was "
          "written)"),
        zPath, (long long)st.st_size, nMiB);
  char aChunk[65536];
  size_t n;
  while ((n = fread(aChunk, 1, sizeof(aChunk), f)) > 0) {
    if (pOut->n + n > INGEST_MAX_BYTES)
      die(EXIT_INPUT,
          _("%s: too large for ingest: more than the limit of %d MiB (nothing was written)"), zPath,
          nMiB);
    buf_append(pOut, aChunk, n);
  }
  if (ferror(f))
    die(EXIT_INPUT, _("%s: cannot read: %s (nothing was written)"), zPath, strerror(errno));
  if (f != stdin) fclose(f);
  if (!pOut->z) buf_append(pOut, "", 0);
}

/* On a terminal, the person confirming may type the date the text lacks. */
static void ask_date(json_t *pDraft, const char *zFile) {
  char zLine[64];
  for (;;) {
    fprintf(stderr, _("%s: date of the session (YYYY-MM-DD), empty to skip: "), zFile);
    if (!fgets(zLine, sizeof(zLine), stdin)) return;
    size_t n = strlen(zLine);
    while (n && (zLine[n - 1] == '\n' || zLine[n - 1] == '\r' || zLine[n - 1] == ' ')) n--;
    zLine[n] = 0;
    if (n == 0) return;
    pdate dt;
    if (date_parse(zLine, n, &dt) == 0) {
      ingest_give(pDraft, "date", zLine, N_("given at the prompt"));
      const json_t *pId = json_object_get(json_object_get(pDraft, "session"), "id");
      print_label(stderr, field_label("id"));
      fprintf(stderr, "%s\n", json_is_string(pId) ? json_string_value(pId) : "-");
      return;
    }
    fprintf(stderr, _("expected a real date YYYY-MM-DD, got \"%s\"\n"), zLine);
  }
}

/* How a draft was matched to a recorded session ("id", "body and date",
** "body and number"), in words. */
static const char *match_words(const char *zMatch) {
  if (!zMatch) return "";
  if (strcmp(zMatch, "id") == 0) return P_("match", "id");
  if (strcmp(zMatch, "body and date") == 0) return P_("match", "body and date");
  if (strcmp(zMatch, "body and number") == 0) return P_("match", "body and number");
  return zMatch;
}

/* What loading the draft does to the registry, for the answer on stdout. */
static void print_merge(const char *zFile, const IngestMerge *m) {
  const char *zId = json_string_value(json_object_get(m->pSession, "id"));
  const char *zRec = m->pRecorded ? json_string_value(json_object_get(m->pRecorded, "id")) : 0;
  if (!zRec && !json_array_size(m->aConflict))
    printf(_("%s: a new session %s\n"), zFile, zId);
  else if (!zRec)
    printf(_("%s: several sessions recorded with the same %s\n"), zFile, match_words(m->zMatch));
  else if (m->bReplaced)
    printf(_("%s: replaces the recorded session %s (same %s)\n"), zFile, zRec,
           match_words(m->zMatch));
  else if (m->bSame && !json_array_size(m->aConflict))
    printf(_("%s: already recorded as %s (same %s): nothing to add\n"), zFile, zRec,
           match_words(m->zMatch));
  else if (json_array_size(m->aConflict))
    printf(_("%s: conflicts with the recorded session %s (same %s)\n"), zFile, zRec,
           match_words(m->zMatch));
  else
    printf(_("%s: adds to the recorded session %s (same %s)\n"), zFile, zRec,
           match_words(m->zMatch));
  struct {
    const char *zWord;
    const json_t *a;
  } aList[] = {{P_("merge", "added"), m->aAdded},
               {P_("merge", "kept"), m->aKept},
               {P_("merge", "conflict"), m->aConflict},
               {P_("merge", "dropped"), m->aDropped}};
  for (size_t k = 0; k < sizeof(aList) / sizeof(aList[0]); k++) {
    for (size_t i = 0; i < json_array_size(aList[k].a); i++) {
      const json_t *e = json_array_get(aList[k].a, i);
      Buf b = {0};
      if (json_object_get(e, "value")) {
        ingest_merge_words(json_object_get(e, "value"), &b);
      } else {
        Buf r = {0}, n = {0};
        ingest_merge_words(json_object_get(e, "recorded"), &r);
        ingest_merge_words(json_object_get(e, "release"), &n);
        buf_printf(&b, _("recorded %s, release %s"), r.z ? r.z : "", n.z ? n.z : "");
        buf_free(&r);
        buf_free(&n);
      }
      print_label(stdout, aList[k].zWord);
      printf("%s: %s\n", json_string_value(json_object_get(e, "field")), b.z ? b.z : "");
      buf_free(&b);
    }
  }
}

/* The fields in conflict, as "date, attendance.ARM.status". */
static void conflict_fields(const IngestMerge *m, Buf *pOut) {
  for (size_t i = 0; i < json_array_size(m->aConflict); i++)
    buf_printf(pOut, "%s%s", i ? ", " : "",
               json_string_value(json_object_get(json_array_get(m->aConflict, i), "field")));
}

int ingest_command(const char *zDb, const char *zActor, bool bJson, const Cli *c) {
  bool bLoad = cli_get(c, "load") != 0, bYes = cli_get(c, "yes") != 0;
  bool bReplace = cli_get(c, "replace") != 0;
  const char *zDate = cli_get(c, "date"), *zPlace = cli_get(c, "place");
  const char *zPublished = cli_get(c, "published");
  const char **azFile = c->azPos;
  int nFile = c->nPos;
  cli_need_pos(c, 1, -1);
  json_in_english(bJson);
  if (bYes && !bLoad) cli_fail(c, _("--yes only goes with --load"));
  if (bReplace && !bLoad) cli_fail(c, _("--replace only goes with --load"));
  /* A date or place is one session's, a publication date one release's:
  ** one file. */
  if ((zDate || zPlace || zPublished) && nFile != 1)
    cli_fail(c, _("%s goes with exactly one FILE (got %d)"),
             zDate    ? "--date"
             : zPlace ? "--place"
                      : "--published",
             nFile);
  pdate dt;
  if (zDate && date_parse(zDate, strlen(zDate), &dt))
    cli_fail(c, _("--date: expected a real date YYYY-MM-DD, got \"%s\""), zDate);
  if (zPublished && date_parse(zPublished, strlen(zPublished), &dt))
    cli_fail(c,
             _("--published: expected the release's publication date as a real date "
               "YYYY-MM-DD, got \"%s\""),
             zPublished);
  if (zPlace && !*zPlace) cli_fail(c, _("--place: expected a city, got \"\""));
  Db *pDb = db_open(zDb, false);
  Gazetteer g;
  gazetteer_load(pDb, &g);
  json_t *aDraft = json_array();
  for (int i = 0; i < nFile; i++) {
    Buf b = {0}, err = {0};
    read_release(azFile[i], &b);
    json_t *p = ingest_draft(&g, azFile[i], b.z ? b.z : "", b.n, zPublished, &err);
    buf_free(&b);
    if (!p) die(EXIT_INPUT, _("%s (nothing was written)"), err.z);
    if (zDate) ingest_give(p, "date", zDate, N_("given with --date"));
    if (zPlace) ingest_give(p, "place", zPlace, N_("given with --place"));
    json_array_append_new(aDraft, p);
  }
  size_t nDraft = json_array_size(aDraft);
  if (!bJson)
    for (size_t i = 0; i < nDraft; i++) print_summary(json_array_get(aDraft, i));
  if (bLoad) {
    /* What each draft lacks, asked for on a terminal (before the JSON
    ** answer, which then holds what was given). */
    bool bAsk = !bYes && isatty(0);
    for (size_t i = 0; i < nDraft; i++) {
      json_t *pD = json_array_get(aDraft, i);
      const char *zFile = json_string_value(json_object_get(pD, "file"));
      IngestLack lack = ingest_lack(pD);
      if (lack == INGEST_NO_DATE && bAsk) {
        ask_date(pD, zFile);
        lack = ingest_lack(pD);
      }
      if (lack == INGEST_NO_DATE && nFile == 1)
        die(EXIT_INPUT,
            _("%s: no full date found; give one with --date YYYY-MM-DD; not loaded (nothing was "
              "written)"),
            zFile);
      if (lack == INGEST_NO_DATE)
        die(EXIT_INPUT,
            _("%s: no full date found; ingest it alone and give one with --date YYYY-MM-DD; not "
              "loaded (nothing was written)"),
            zFile);
      if (lack)
        die(EXIT_INPUT, _("%s: %s; not loaded (nothing was written)"), zFile,
            _(ingest_lack_words(lack)));
    }
  }
  /* Ingest adds, it does not replace: each draft is merged into the session
  ** recorded about it (or one drafted before it here); a conflict refuses
  ** the whole load unless --replace. */
  json_t *aSess = json_array();
  IngestMerge *aMerge = xmalloc(sizeof(IngestMerge) * (nDraft ? nDraft : 1));
  int nConflict = 0;
  for (size_t i = 0; bLoad && i < nDraft; i++) {
    json_t *pD = json_array_get(aDraft, i);
    IngestMerge *m = &aMerge[i];
    ingest_merge_find(pDb, aSess, pD, bReplace, m);
    if (json_array_size(m->aConflict) && !bReplace) nConflict++;
    const char *zId = json_string_value(json_object_get(m->pSession, "id"));
    size_t j = 0;
    while (j < json_array_size(aSess) &&
           !json_equal(json_object_get(json_array_get(aSess, j), "id"),
                       json_object_get(m->pSession, "id")))
      j++;
    if (zId && j < json_array_size(aSess))
      json_array_set(aSess, j, m->pSession);
    else
      json_array_append(aSess, m->pSession);
    json_object_set_new(pD, "merge", ingest_merge_json(m));
  }
  /* What each session to write stood at when merged (0: none): the load
  ** refuses if another writer changed it meanwhile (while we asked, say),
  ** instead of writing over what it wrote. */
  size_t nSess = json_array_size(aSess);
  LoadExpect *aExpect = xmalloc(sizeof(LoadExpect) * (nSess ? nSess : 1));
  for (size_t i = 0; i < nSess; i++) {
    const char *zId = dflt(str(json_array_get(aSess, i), "id"), "");
    aExpect[i] = (LoadExpect){K_SESSION, zId, entity_seq(pDb, K_SESSION, zId)};
  }
  if (bJson) {
    json_t *pPrint = nFile == 1 ? json_array_get(aDraft, 0) : aDraft;
    json_dumpf(pPrint, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(3));
    fputc('\n', stdout);
  } else {
    for (size_t i = 0; bLoad && i < nDraft; i++)
      print_merge(json_string_value(json_object_get(json_array_get(aDraft, i), "file")),
                  &aMerge[i]);
  }
  fflush(stdout);
  int rc = 0;
  if (bLoad && nConflict) {
    for (size_t i = 0; i < nDraft; i++) {
      const IngestMerge *m = &aMerge[i];
      if (!json_array_size(m->aConflict)) continue;
      Buf f = {0};
      conflict_fields(m, &f);
      const char *zRec = m->pRecorded ? json_string_value(json_object_get(m->pRecorded, "id")) : 0;
      fprintf(stderr, _("%s: the release conflicts with the recorded session %s on %s\n"),
              json_string_value(json_object_get(json_array_get(aDraft, i), "file")),
              zRec ? zRec : _("(several)"), f.z);
      buf_free(&f);
    }
    fprintf(stderr, "%s\n",
            _("not loaded (nothing was written); --replace loads the release in place of the "
              "recorded session"));
    rc = EXIT_INPUT;
  } else if (bLoad) {
    json_t *pDoc = json_object();
    json_object_set_new(pDoc, "pacta", json_integer(1));
    json_object_set(pDoc, "sessions", aSess);
    if (!bYes) {
      if (!isatty(0))
        die(EXIT_USAGE, _("ingest --load: not on a terminal; add --yes to load without asking"));
      Buf n = {0};
      i18n_plural(&n, _("{0, plural, one{# session record} other{# session records}}"),
                  (long long)json_array_size(aSess));
      /* TRANSLATORS: "2 session records" and the registry's file; the answer
      ** is read as y (yes) or anything else (no): keep [y/N]. */
      fprintf(stderr, _("Load %s into %s? [y/N] "), n.z, zDb);
      buf_free(&n);
      char zLine[16];
      if (!fgets(zLine, sizeof(zLine), stdin) || (zLine[0] != 'y' && zLine[0] != 'Y')) {
        fprintf(stderr, "%s\n", _("nothing was written"));
        rc = EXIT_INPUT;
      }
    }
    if (rc == 0) {
      char *zJson = json_dumps(pDoc, JSON_PRESERVE_ORDER);
      LoadSource src = {"ingest", zJson, strlen(zJson), -1};
      LoadResult r;
      memset(&r, 0, sizeof(r));
      LoadOptions o = {false, aExpect, (int)nSess};
      if (interchange_load_opt(pDb, &src, 1, zActor, stderr, 0, &o, &r)) {
        rc = EXIT_INPUT;
      } else {
        print_loaded(bJson ? stderr : stdout, r.nLoaded, r.nUnchanged, (long long)r.lastSeq);
      }
      json_decref(r.aFinding); /* its warnings went to stderr with the load */
      xfree(zJson);
    }
    json_decref(pDoc);
  }
  for (size_t i = 0; bLoad && i < nDraft; i++) ingest_merge_free(&aMerge[i]);
  xfree(aMerge);
  xfree(aExpect);
  json_decref(aSess);
  json_decref(aDraft);
  gazetteer_free(&g);
  db_close(pDb);
  return rc;
}
