/*
** The depositary's desk (issue 15, docs/desk.md): a form for every record
** kind but sessions and documents (desk_session.c, desk_document.c). Create
** at /desk/new/KIND, edit at /desk/edit/KIND/KEY (filled from the live
** record), retract with a reason at /desk/retract/KIND/KEY. Signed in only.
** Every form writes through form_load_opt (form.c), the one write path: a
** dry run first, whose errors are shown beside their fields with every typed
** value kept, and whose warnings ask "Save anyway"; a delegate's action or
** self-report becomes a submission (202). Never cached; the double-submit
** CSRF cookie is the desk's (Path=/desk), so the retract form on an edit page
** is covered too.
**
** Each kind is a table of fields (DeskField): where the value sits in the
** record, the form's name for it, its label and its widget. A form's values
** are a JSON object of strings by field name (an array for checkboxes), made
** from the posted form or from the live record, and made into the record.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "date.h"
#include "desk_records.h"
#include "entity.h"
#include "fields.h"
#include "form.h"
#include "interchange.h"
#include "kind.h"
#include "page.h"
#include "retract.h"
#include "routes.h"
#include "rules.h"

/* ---- The kinds and their fields ------------------------------------------------- */

typedef enum Widget {
  W_TEXT,      /* one line */
  W_AREA,      /* several lines of words */
  W_LANG,      /* a name by language: NAME_en, NAME_ru */
  W_DATE,      /* YYYY-MM-DD */
  W_ENUM,      /* a select of azEnum */
  W_REF,       /* a select of the live records of kind ref */
  W_BOOL,      /* a checkbox: true or absent */
  W_LINES,     /* an array of strings, one a line */
  W_CHECKS,    /* an array of azEnum values, as checkboxes */
  W_ALIASES,   /* {"en": [...], "ru": [...]}: NAME_en, NAME_ru, one a line */
  W_SOURCES,   /* [{"title","ref","date"}]: one a line, "title | ref | date" */
  W_CITIES,    /* [{"name": {"en","ru"}}]: one a line, "English | Russian" */
  W_ROWS,      /* [{"year","party","note"}]: rows NAME_year_I, NAME_party_I, NAME_note_I */
  W_ORDER,     /* a party list or {"collate": LANG}: order_mode, order_list */
  W_SCORE,     /* -1, 0 or 1 */
  W_PARAGRAPH, /* a number or a label */
} Widget;

typedef struct DeskField {
  const char *zPath;  /* in the record: "name", "source.session" */
  const char *zName;  /* the form's field (the prefix of several for some widgets) */
  const char *zLabel; /* text (N_: translate where printed) */
  Widget w;
  bool bReq;
  const char *const *azEnum; /* W_ENUM, W_CHECKS */
  Kind ref;                  /* W_REF */
  const char *zHint;         /* text (N_), or NULL */
  bool bDepositary;          /* not on a delegate's form */
} DeskField;

typedef struct DeskKind {
  Kind kind;
  const char *zName;  /* "party": the path's segment */
  const char *zTitle; /* its word (N_: translate where printed) */
  const char *zNew;   /* the new form's title */
  const char *zEdit;  /* the edit form's title, with %s the key */
  const DeskField *aField;
  const char *azKey[4]; /* the fields of the natural key */
  bool bDelegate;       /* a delegate may submit one */
} DeskKind;

#define HINT_SOURCES                                                                               \
  N_("One a line: title | reference | date (YYYY-MM-DD); the last two may be left out.")
#define HINT_ALIASES N_("One a line: other names the press uses for it (the gazetteer of ingest).")
#define SOURCES_FIELD                                                                              \
  { "sources", "sources", N_("Sources"), W_SOURCES, false, 0, 0, HINT_SOURCES, false }
#define ALIASES_FIELD                                                                              \
  { "aliases", "aliases", N_("Other names"), W_ALIASES, false, 0, 0, HINT_ALIASES, false }
#define END_FIELD                                                                                  \
  { 0, 0, 0, 0, false, 0, 0, 0, false }

static const DeskField aPartyField[] = {
    {"code", "code", N_("Code"), W_TEXT, true, 0, 0,
     N_("Three capital letters (ISO 3166-1 alpha-3), such as ARM; the record's key."), false},
    {"kind", "kind", N_("Kind"), W_ENUM, true, ic_azPartyKind, 0, 0, false},
    {"name", "name", N_("Name"), W_LANG, true, 0, 0, 0, false},
    {"capital", "capital", N_("Capital"), W_LANG, false, 0, 0, 0, false},
    {"cities", "cities", N_("Other cities"), W_CITIES, false, 0, 0,
     N_("Where sessions meet besides the capital; one a line: English | Russian."), false},
    ALIASES_FIELD,
    SOURCES_FIELD,
    END_FIELD};
static const DeskField aOrgField[] = {
    {"id", "id", N_("Id"), W_TEXT, true, 0, 0,
     N_("Lower-case letters, digits, '.', '_', '-', such as cis; the record's key."), false},
    {"name", "name", N_("Name"), W_LANG, true, 0, 0, 0, false},
    {"founded", "founded", N_("Founded"), W_DATE, false, 0, 0, 0, false},
    {"depositary", "depositary", N_("Depositary"), W_TEXT, false, 0, 0,
     N_("Who keeps its treaties, such as CIS Executive Committee."), false},
    ALIASES_FIELD,
    SOURCES_FIELD,
    END_FIELD};
static const DeskField aBodyField[] = {
    {"id", "id", N_("Id"), W_TEXT, true, 0, 0, N_("Such as cis-chs; the record's key."), false},
    {"organization", "organization", N_("Organization"), W_REF, true, 0, K_ORGANIZATION, 0, false},
    {"name", "name", N_("Name"), W_LANG, true, 0, 0, 0, false},
    {"level", "level", N_("Level"), W_ENUM, false, ic_azBodyLevel, 0, N_("Who sits in it."), false},
    ALIASES_FIELD,
    SOURCES_FIELD,
    END_FIELD};
static const DeskField aMembershipField[] = {
    {"organization", "organization", N_("Organization"), W_REF, true, 0, K_ORGANIZATION, 0, false},
    {"party", "party", N_("Party"), W_REF, true, 0, K_PARTY, 0, false},
    {"kind", "kind", N_("Kind of membership"), W_ENUM, true, azMemberKindName, 0, 0, false},
    {"from", "from", N_("From"), W_DATE, true, 0, 0, N_("The first day of the membership."), false},
    {"to", "to", N_("To"), W_DATE, false, 0, 0,
     N_("The first day it no longer holds (the interval is [from, to)); empty while it lasts."),
     false},
    {"note", "note", N_("Note"), W_AREA, false, 0, 0, 0, false},
    SOURCES_FIELD,
    END_FIELD};
static const DeskField aChairField[] = {
    {"organization", "organization", N_("Organization"), W_REF, true, 0, K_ORGANIZATION,
     N_("One rule of rotation per organization: the record's key."), false},
    {"term", "term", N_("Term"), W_ENUM, false, ic_azChairTerm, 0, 0, false},
    {"order", "order", N_("Order of rotation"), W_ORDER, true, 0, 0, 0, false},
    {"eligible", "eligible", N_("Eligible memberships"), W_CHECKS, true, azMemberKindName, 0,
     N_("The kinds of membership whose holders take their turn."), false},
    {"recorded", "recorded", N_("Chairs recorded"), W_ROWS, false, 0, 0,
     N_("The party that chaired in a year; an empty row is left out."), false},
    {"declined", "declined", N_("Turns declined"), W_ROWS, false, 0, 0,
     N_("A party that declined its turn in a year."), false},
    {"co_chairs", "co_chairs", N_("Co-chairs"), W_ENUM, false, ic_azCoChairs, 0, 0, false},
    {"note", "note", N_("Note"), W_AREA, false, 0, 0, 0, false},
    SOURCES_FIELD,
    END_FIELD};
static const DeskField aActionField[] = {
    {"document", "document", N_("Document"), W_REF, true, 0, K_DOCUMENT, 0, false},
    {"party", "party", N_("Party"), W_REF, true, 0, K_PARTY, 0, false},
    {"type", "type", N_("Action"), W_ENUM, true, azActionTypeName, 0, 0, false},
    {"date", "date", N_("Date"), W_DATE, true, 0, 0,
     N_("The date the depositary received it (a signature: the date signed). A delegate's "
        "instrument is a submission received today."),
     false},
    {"instrument_date", "instrument_date", N_("Date of the instrument"), W_DATE, false, 0, 0,
     N_("The instrument's own date (of the law, of the signing) when the date above is of "
        "deposit."),
     false},
    {"effective", "effective", N_("Effective"), W_DATE, false, 0, 0,
     N_("A withdrawal only: when it takes effect, if not as the document says."), true},
    {"subject_to_procedures", "subject_to_procedures", N_("Subject to domestic procedures"), W_BOOL,
     false, 0, 0, N_("A signature only."), true},
    {"text", "text", N_("Text"), W_AREA, false, 0, 0,
     N_("The words of a reservation, declaration, special opinion or objection."), false},
    {"note", "note", N_("Note"), W_AREA, false, 0, 0, 0, false},
    {"reservation.party", "reservation_party", N_("Objected reservation: party"), W_REF, false, 0,
     K_PARTY, N_("An objection only: whose reservation it objects to."), false},
    {"reservation.date", "reservation_date", N_("Objected reservation: date"), W_DATE, false, 0, 0,
     N_("An objection only: the date of that reservation."), false},
    END_FIELD};
static const DeskField aCommitmentField[] = {
    {"id", "id", N_("Id"), W_TEXT, true, 0, 0, N_("Such as cis-2024-cyber; the record's key."),
     false},
    {"organization", "organization", N_("Organization"), W_REF, true, 0, K_ORGANIZATION, 0, false},
    {"parent", "parent", N_("Part of"), W_REF, false, 0, K_COMMITMENT,
     N_("The plan whose item this is."), false},
    {"source.session", "source_session", N_("Given at the session"), W_REF, false, 0, K_SESSION, 0,
     false},
    {"source.document", "source_document", N_("Given in the document"), W_REF, false, 0, K_DOCUMENT,
     0, false},
    {"source.paragraph", "source_paragraph", N_("Paragraph"), W_PARAGRAPH, false, 0, 0,
     N_("A number, or a label such as 3.b."), false},
    {"text", "text", N_("Text"), W_LANG, true, 0, 0, 0, false},
    {"addressees.parties", "addressees_parties", N_("Addressed to parties"), W_LINES, false, 0, 0,
     N_("Party codes, one a line."), false},
    {"addressees.body", "addressees_body", N_("Addressed to the body"), W_REF, false, 0, K_BODY, 0,
     false},
    {"deadline", "deadline", N_("Deadline"), W_DATE, false, 0, 0, 0, false},
    {"category", "category", N_("Category"), W_TEXT, false, 0, 0, N_("Such as security, economy."),
     false},
    END_FIELD};
static const DeskField aAssessmentField[] = {
    {"commitment", "commitment", N_("Commitment"), W_REF, true, 0, K_COMMITMENT, 0, false},
    {"party", "party", N_("Party"), W_REF, true, 0, K_PARTY, 0, false},
    {"score", "score", N_("Score"), W_SCORE, true, 0, 0, 0, false},
    {"date", "date", N_("Date"), W_DATE, true, 0, 0, 0, false},
    {"status", "status", N_("Status"), W_ENUM, false, ic_azAssessmentStatus, 0, 0, false},
    {"evidence", "evidence", N_("Evidence"), W_AREA, false, 0, 0, 0, false},
    {"assessor", "assessor", N_("Assessor"), W_TEXT, false, 0, 0, 0, false},
    {"self_report", "self_report", N_("A self-report"), W_BOOL, false, 0, 0,
     N_("A party's report of its own state, kept apart and never averaged."), false},
    END_FIELD};

static const DeskKind aDeskKind[] = {
    {K_PARTY,
     "party",
     N_("party"),
     N_("New party"),
     N_("Edit the party %s"),
     aPartyField,
     {"code"},
     false},
    {K_ORGANIZATION,
     "organization",
     N_("organization"),
     N_("New organization"),
     N_("Edit the organization %s"),
     aOrgField,
     {"id"},
     false},
    {K_MEMBERSHIP,
     "membership",
     N_("membership"),
     N_("New membership"),
     N_("Edit the membership %s"),
     aMembershipField,
     {"organization", "party", "from"},
     false},
    {K_BODY, "body", N_("body"), N_("New body"), N_("Edit the body %s"), aBodyField, {"id"}, false},
    {K_ACTION,
     "action",
     N_("action"),
     N_("New action"),
     N_("Edit the action %s"),
     aActionField,
     {"document", "party", "type", "date"},
     true},
    {K_CHAIRMANSHIP,
     "chairmanship",
     N_("rule of the chair"),
     N_("New rule of the chair"),
     N_("Edit the rule of the chair %s"),
     aChairField,
     {"organization"},
     false},
    {K_COMMITMENT,
     "commitment",
     N_("commitment"),
     N_("New commitment"),
     N_("Edit the commitment %s"),
     aCommitmentField,
     {"id"},
     false},
    {K_ASSESSMENT,
     "assessment",
     N_("assessment"),
     N_("New assessment"),
     N_("Edit the assessment %s"),
     aAssessmentField,
     {"commitment", "party", "date"},
     true},
};
#define N_DESK_KIND ((int)(sizeof(aDeskKind) / sizeof(aDeskKind[0])))

static const DeskKind *desk_kind(const char *zName) {
  for (int i = 0; zName && i < N_DESK_KIND; i++)
    if (strcmp(aDeskKind[i].zName, zName) == 0) return &aDeskKind[i];
  return 0;
}

/* The most rows of chairs recorded or declined a form is read for. */
#define MAX_ROWS 400

/* ---- Small helpers -------------------------------------------------------------- */

/* The value at a dotted path of a record, or NULL. */
static json_t *path_get(const json_t *pRec, const char *zPath) {
  const char *zDot = strchr(zPath, '.');
  if (!zDot) return json_object_get(pRec, zPath);
  char *zHead = xprintf("%.*s", (int)(zDot - zPath), zPath);
  json_t *p = json_object_get(json_object_get(pRec, zHead), zDot + 1);
  xfree(zHead);
  return p;
}

/* Set (v a new reference; NULL: remove) the value at a dotted path; an
** object left empty by a removal goes too. */
static void path_set(json_t *pRec, const char *zPath, json_t *v) {
  const char *zDot = strchr(zPath, '.');
  if (!zDot) {
    if (v)
      json_object_set_new(pRec, zPath, v);
    else
      json_object_del(pRec, zPath);
    return;
  }
  char *zHead = xprintf("%.*s", (int)(zDot - zPath), zPath);
  json_t *pIn = json_object_get(pRec, zHead);
  if (!json_is_object(pIn)) {
    if (!v) {
      xfree(zHead);
      return;
    }
    pIn = json_object();
    json_object_set_new(pRec, zHead, pIn);
  }
  if (v)
    json_object_set_new(pIn, zDot + 1, v);
  else
    json_object_del(pIn, zDot + 1);
  if (json_object_size(pIn) == 0) json_object_del(pRec, zHead);
  xfree(zHead);
}

/* A form value: the string of field zName in the values (the first of a
** repeated one), or "". */
static const char *val(const json_t *pVals, const char *zName) {
  const json_t *v = json_object_get(pVals, zName);
  if (json_is_array(v)) v = json_array_get(v, 0);
  return json_is_string(v) ? json_string_value(v) : "";
}

static void val_set(json_t *pVals, const char *zName, const char *z) {
  if (z && *z) json_object_set_new(pVals, zName, json_string(z));
}

static void val_set_suffix(json_t *pVals, const char *zName, const char *zSuffix, const char *z) {
  char *zKey = xprintf("%s_%s", zName, zSuffix);
  val_set(pVals, zKey, z);
  xfree(zKey);
}

static const char *val_suffix(const json_t *pVals, const char *zName, const char *zSuffix) {
  char *zKey = xprintf("%s_%s", zName, zSuffix);
  const char *z = val(pVals, zKey);
  xfree(zKey);
  return z;
}

/* A copy of z without blanks around it. */
static char *trimmed(const char *z, size_t n) {
  while (n && isspace((unsigned char)*z)) z++, n--;
  while (n && isspace((unsigned char)z[n - 1])) n--;
  char *zOut = xmalloc(n + 1);
  memcpy(zOut, z, n);
  zOut[n] = 0;
  return zOut;
}

/* A string value, NULL when empty; *pbBad when not UTF-8. */
static json_t *jstr(const char *z, bool *pbBad) {
  char *zT = trimmed(z, strlen(z));
  json_t *v = 0;
  if (*zT) {
    v = json_string(zT);
    if (!v) *pbBad = true;
  }
  xfree(zT);
  return v;
}

/* The lines of z, trimmed, the empty ones left out: a new array of strings. */
static json_t *lines_of(const char *z, bool *pbBad) {
  json_t *a = json_array();
  while (*z) {
    size_t n = strcspn(z, "\r\n");
    char *zLine = trimmed(z, n);
    if (*zLine) {
      json_t *v = json_string(zLine);
      if (v)
        json_array_append_new(a, v);
      else
        *pbBad = true;
    }
    xfree(zLine);
    z += n;
    while (*z == '\r' || *z == '\n') z++;
  }
  return a;
}

/* The n-th part of a line split at '|', trimmed (a new string; "" past the end). */
static char *part_of(const char *zLine, int iPart) {
  const char *z = zLine;
  for (int i = 0; i < iPart; i++) {
    z = strchr(z, '|');
    if (!z) return xprintf("%s", "");
    z++;
  }
  return trimmed(z, strcspn(z, "|"));
}

static bool all_digits(const char *z) {
  if (*z == '-') z++;
  if (!*z) return false;
  for (; *z; z++)
    if (!isdigit((unsigned char)*z)) return false;
  return true;
}

/* A key or path segment for a URL: '|' and anything not plain as %HH. */
static void put_segment(Buf *p, const char *z) {
  for (; *z; z++) {
    unsigned char c = (unsigned char)*z;
    if (isalnum(c) || c == '-' || c == '.' || c == '_')
      buf_putc(p, (char)c);
    else
      buf_printf(p, "%%%02X", c);
  }
}

static char *segment(const char *z) {
  Buf b = {0};
  put_segment(&b, z);
  char *zOut = xstrdup(b.z ? b.z : "");
  buf_free(&b);
  return zOut;
}

/* The natural key of a record of the kind (design.md section 4). */
static char *desk_key(const DeskKind *dk, const json_t *pRec) {
  Buf k = {0};
  for (int i = 0; i < 4 && dk->azKey[i]; i++) {
    if (i) buf_putc(&k, '|');
    buf_puts(&k, dflt(str(pRec, dk->azKey[i]), ""));
  }
  if (dk->kind == K_ASSESSMENT && json_is_true(json_object_get(pRec, "self_report")))
    buf_puts(&k, "|self");
  char *z = xstrdup(k.z ? k.z : "");
  buf_free(&k);
  return z;
}

static bool is_key_field(const DeskKind *dk, const DeskField *f) {
  for (int i = 0; i < 4 && dk->azKey[i]; i++)
    if (strcmp(dk->azKey[i], f->zPath) == 0) return true;
  return false;
}

/* Where a record of the kind is shown (a new string), or NULL. */
static char *record_page_path(const DeskKind *dk, const json_t *pRec) {
  const char *zPrefix = 0, *zField = 0;
  switch (dk->kind) {
  case K_PARTY: zPrefix = "/parties/", zField = "code"; break;
  case K_ORGANIZATION: zPrefix = "/organizations/", zField = "id"; break;
  case K_BODY: zPrefix = "/bodies/", zField = "id"; break;
  case K_MEMBERSHIP: zPrefix = "/parties/", zField = "party"; break;
  case K_CHAIRMANSHIP: zPrefix = "/organizations/", zField = "organization"; break;
  case K_ACTION: zPrefix = "/documents/", zField = "document"; break;
  case K_COMMITMENT: zPrefix = "/commitments/", zField = "id"; break;
  case K_ASSESSMENT: zPrefix = "/commitments/", zField = "commitment"; break;
  default: return 0;
  }
  const char *zId = str(pRec, zField);
  if (!zId) return 0;
  char *zSeg = segment(zId);
  char *z = xprintf("%s%s", zPrefix, zSeg);
  xfree(zSeg);
  return z;
}

/* ---- Values: from the record, from the form, into the record -------------------- */

static void join_lines(Buf *p, const json_t *a) {
  for (size_t i = 0; i < json_array_size(a); i++) {
    const char *z = json_string_value(json_array_get(a, i));
    if (!z) continue;
    if (p->n) buf_putc(p, '\n');
    buf_puts(p, z);
  }
}

/* The form's values of a live record. */
static json_t *values_of_record(const DeskKind *dk, const json_t *pRec) {
  json_t *pVals = json_object();
  for (const DeskField *f = dk->aField; f->zPath; f++) {
    const json_t *v = path_get(pRec, f->zPath);
    if (!v || json_is_null(v)) continue;
    Buf b = {0};
    switch (f->w) {
    case W_LANG:
      val_set_suffix(pVals, f->zName, "en", str(v, "en"));
      val_set_suffix(pVals, f->zName, "ru", str(v, "ru"));
      break;
    case W_ALIASES:
      join_lines(&b, json_object_get(v, "en"));
      val_set_suffix(pVals, f->zName, "en", b.z);
      buf_reset(&b);
      if (b.z) b.z[0] = 0;
      join_lines(&b, json_object_get(v, "ru"));
      val_set_suffix(pVals, f->zName, "ru", b.z);
      break;
    case W_LINES:
      join_lines(&b, v);
      val_set(pVals, f->zName, b.z);
      break;
    case W_CHECKS: json_object_set(pVals, f->zName, (json_t *)v); break;
    case W_BOOL:
      if (json_is_true(v)) val_set(pVals, f->zName, "1");
      break;
    case W_SOURCES:
      for (size_t i = 0; i < json_array_size(v); i++) {
        const json_t *s = json_array_get(v, i);
        if (b.n) buf_putc(&b, '\n');
        buf_puts(&b, dflt(str(s, "title"), ""));
        if (str(s, "ref") || str(s, "date")) buf_printf(&b, " | %s", dflt(str(s, "ref"), ""));
        if (str(s, "date")) buf_printf(&b, " | %s", str(s, "date"));
      }
      val_set(pVals, f->zName, b.z);
      break;
    case W_CITIES:
      for (size_t i = 0; i < json_array_size(v); i++) {
        const json_t *pName = json_object_get(json_array_get(v, i), "name");
        if (b.n) buf_putc(&b, '\n');
        buf_puts(&b, dflt(str(pName, "en"), ""));
        if (str(pName, "ru")) buf_printf(&b, " | %s", str(pName, "ru"));
      }
      val_set(pVals, f->zName, b.z);
      break;
    case W_ROWS:
      for (size_t i = 0; i < json_array_size(v); i++) {
        const json_t *pRow = json_array_get(v, i);
        char zI[24];
        snprintf(zI, sizeof(zI), "%zu", i);
        char *zYear = xprintf("year_%s", zI), *zParty = xprintf("party_%s", zI),
             *zNote = xprintf("note_%s", zI);
        char *zY = xprintf("%lld", (long long)json_integer_value(json_object_get(pRow, "year")));
        val_set_suffix(pVals, f->zName, zYear, zY);
        val_set_suffix(pVals, f->zName, zParty, str(pRow, "party"));
        val_set_suffix(pVals, f->zName, zNote, str(pRow, "note"));
        xfree(zY);
        xfree(zYear);
        xfree(zParty);
        xfree(zNote);
      }
      break;
    case W_ORDER:
      if (json_is_array(v)) {
        val_set(pVals, "order_mode", "explicit");
        join_lines(&b, v);
        val_set(pVals, "order_list", b.z);
      } else {
        char *zMode = xprintf("collate_%s", dflt(str(v, "collate"), "en"));
        val_set(pVals, "order_mode", zMode);
        xfree(zMode);
      }
      break;
    default:
      if (json_is_string(v)) {
        val_set(pVals, f->zName, json_string_value(v));
      } else if (json_is_integer(v)) {
        char *z = xprintf("%lld", (long long)json_integer_value(v));
        val_set(pVals, f->zName, z);
        xfree(z);
      }
      break;
    }
    buf_free(&b);
  }
  return pVals;
}

/* The form's values as posted: each field by name, a repeated one as an
** array. */
static json_t *values_of_form(const Form *f) {
  json_t *pVals = json_object();
  for (int i = 0; i < f->n; i++) {
    const char *zKey = f->azKey[i];
    if (strcmp(zKey, "csrf") == 0 || strcmp(zKey, "confirm") == 0 || strcmp(zKey, "token") == 0)
      continue;
    json_t *v = json_string(f->azVal[i]);
    if (!v) v = json_string("");
    json_t *pOld = json_object_get(pVals, zKey);
    if (!pOld) {
      json_object_set_new(pVals, zKey, v);
    } else if (json_is_array(pOld)) {
      json_array_append_new(pOld, v);
    } else {
      json_object_set_new(pVals, zKey, json_pack("[O, o]", pOld, v));
    }
  }
  return pVals;
}

/* The record of the values: pBase (the live record on edit, else NULL) with
** every field of the form replaced by what the form says; *pbBad when a
** value is not UTF-8 text. */
static json_t *record_of_values(const DeskKind *dk, const json_t *pVals, const json_t *pBase,
                                bool *pbBad) {
  json_t *pRec = pBase ? json_deep_copy(pBase) : json_object();
  for (const DeskField *f = dk->aField; f->zPath; f++) {
    json_t *pOld = json_incref(path_get(pBase, f->zPath));
    path_set(pRec, f->zPath, 0);
    json_t *v = 0;
    const char *z = val(pVals, f->zName);
    switch (f->w) {
    case W_LANG:
    case W_ALIASES: {
      v = json_object();
      static const char *const azLang[] = {"en", "ru"};
      for (int l = 0; l < 2; l++) {
        const char *zL = val_suffix(pVals, f->zName, azLang[l]);
        json_t *pL = f->w == W_LANG ? jstr(zL, pbBad) : lines_of(zL, pbBad);
        if (pL && (f->w == W_LANG || json_array_size(pL)))
          json_object_set_new(v, azLang[l], pL);
        else
          json_decref(pL);
      }
      break;
    }
    case W_LINES: v = lines_of(z, pbBad); break;
    case W_CHECKS: {
      v = json_array();
      const json_t *p = json_object_get(pVals, f->zName);
      if (json_is_string(p)) {
        if (*json_string_value(p)) json_array_append(v, (json_t *)p);
      } else {
        size_t i;
        json_t *e;
        json_array_foreach(p, i, e) json_array_append(v, e);
      }
      break;
    }
    case W_BOOL:
      if (strcmp(z, "1") == 0 || strcmp(z, "on") == 0 || strcmp(z, "true") == 0) v = json_true();
      break;
    case W_SCORE:
    case W_PARAGRAPH: {
      char *zT = trimmed(z, strlen(z));
      if (all_digits(zT))
        v = json_integer(strtoll(zT, 0, 10));
      else
        v = jstr(zT, pbBad);
      xfree(zT);
      break;
    }
    case W_SOURCES:
    case W_CITIES: {
      v = json_array();
      json_t *aLine = lines_of(z, pbBad);
      size_t i;
      json_t *pLine;
      json_array_foreach(aLine, i, pLine) {
        const char *zLine = json_string_value(pLine);
        char *zA = part_of(zLine, 0), *zB = part_of(zLine, 1), *zC = part_of(zLine, 2);
        json_t *pItem = json_object();
        if (f->w == W_SOURCES) {
          if (*zA) json_object_set_new(pItem, "title", json_string(zA));
          if (*zB) json_object_set_new(pItem, "ref", json_string(zB));
          if (*zC) json_object_set_new(pItem, "date", json_string(zC));
        } else {
          json_t *pName = json_object();
          if (*zA) json_object_set_new(pName, "en", json_string(zA));
          if (*zB) json_object_set_new(pName, "ru", json_string(zB));
          json_object_set_new(pItem, "name", pName);
          /* The city's aliases, which the form does not show, are kept. */
          size_t j;
          json_t *pC;
          json_array_foreach(pOld, j, pC) {
            const char *zEn = str(json_object_get(pC, "name"), "en");
            if (zEn && strcmp(zEn, zA) == 0 && json_object_get(pC, "aliases"))
              json_object_set(pItem, "aliases", json_object_get(pC, "aliases"));
          }
        }
        json_array_append_new(v, pItem);
        xfree(zA);
        xfree(zB);
        xfree(zC);
      }
      json_decref(aLine);
      break;
    }
    case W_ROWS: {
      v = json_array();
      for (int i = 0; i < MAX_ROWS; i++) {
        char zI[16];
        snprintf(zI, sizeof(zI), "%d", i);
        char *zY = xprintf("year_%s", zI), *zP = xprintf("party_%s", zI),
             *zN = xprintf("note_%s", zI);
        char *zYK = xprintf("%s_%s", f->zName, zY);
        bool bThere = json_object_get(pVals, zYK) != 0;
        json_t *pYear = jstr(val_suffix(pVals, f->zName, zY), pbBad);
        json_t *pParty = jstr(val_suffix(pVals, f->zName, zP), pbBad);
        json_t *pNote = jstr(val_suffix(pVals, f->zName, zN), pbBad);
        if (pYear || pParty || pNote) {
          json_t *pRow = json_object();
          if (pYear) {
            const char *zYear = json_string_value(pYear);
            json_object_set_new(pRow, "year",
                                all_digits(zYear) ? json_integer(strtoll(zYear, 0, 10))
                                                  : json_incref(pYear));
          }
          if (pParty) json_object_set(pRow, "party", pParty);
          if (pNote) json_object_set(pRow, "note", pNote);
          json_array_append_new(v, pRow);
        }
        json_decref(pYear);
        json_decref(pParty);
        json_decref(pNote);
        xfree(zY);
        xfree(zP);
        xfree(zN);
        xfree(zYK);
        if (!bThere && i >= 8) break; /* past the rows the form had */
      }
      break;
    }
    case W_ORDER: {
      const char *zMode = val(pVals, "order_mode");
      if (strncmp(zMode, "collate_", 8) == 0) {
        v = json_pack("{s:s}", "collate", zMode + 8);
      } else if (strcmp(zMode, "explicit") == 0) {
        /* Codes one a line, or separated by blanks or commas. */
        char *zList = xstrdup(val(pVals, "order_list"));
        for (char *c = zList; *c; c++)
          if (*c == ',' || *c == ' ' || *c == '\t') *c = '\n';
        v = lines_of(zList, pbBad);
        xfree(zList);
      }
      break;
    }
    default: v = jstr(z, pbBad); break;
    }
    bool bEmpty =
        !v || (json_is_object(v) && json_object_size(v) == 0) ||
        (json_is_array(v) && json_array_size(v) == 0 && f->w != W_ORDER && f->w != W_CHECKS);
    if (f->w == W_CHECKS && json_array_size(v) == 0 && !f->bReq) bEmpty = true;
    if (f->w == W_CHECKS && json_array_size(v) == 0 && f->bReq) bEmpty = true; /* "required" */
    if (bEmpty)
      json_decref(v);
    else
      path_set(pRec, f->zPath, v);
    json_decref(pOld);
  }
  return pRec;
}

/* ---- Problems by field ---------------------------------------------------------- */

/* The form's field of a problem at zPath in the record (a new string), or
** NULL when no one field holds it. */
static char *field_of_path(const DeskKind *dk, const json_t *pVals, const char *zPath) {
  for (const DeskField *f = dk->aField; f->zPath; f++) {
    size_t n = strlen(f->zPath);
    if (strncmp(zPath, f->zPath, n) != 0 || (zPath[n] && zPath[n] != '.' && zPath[n] != '['))
      continue;
    const char *zRest = zPath + n;
    switch (f->w) {
    case W_LANG:
    case W_ALIASES: return xprintf("%s_%s", f->zName, strncmp(zRest, ".ru", 3) == 0 ? "ru" : "en");
    case W_ROWS: {
      int i = 0, nUsed = 0;
      char zSub[16] = "";
      if (sscanf(zRest, "[%d]%n", &i, &nUsed) == 1 && nUsed > 0) {
        if (zRest[nUsed] == '.') snprintf(zSub, sizeof(zSub), "%.8s", zRest + nUsed + 1);
        if (strcmp(zSub, "party") != 0 && strcmp(zSub, "note") != 0) strcpy(zSub, "year");
        return xprintf("%s_%s_%d", f->zName, zSub, i);
      }
      return xstrdup(f->zName);
    }
    case W_ORDER:
      return xstrdup(strcmp(val(pVals, "order_mode"), "explicit") == 0 ? "order_list"
                                                                       : "order_mode");
    default: return xstrdup(f->zName);
    }
  }
  return 0;
}

/* The label of a field by the form's name (for the notice's list). */
static const char *label_of(const DeskKind *dk, const char *zName) {
  for (const DeskField *f = dk->aField; f->zPath; f++)
    if (strncmp(zName, f->zName, strlen(f->zName)) == 0) return _(f->zLabel);
  if (strncmp(zName, "order_", 6) == 0) return _("Order of rotation");
  return 0;
}

/* Problems (form.h) by the form's field: {NAME: "message; message"}; the
** ones no field holds are left to the notice. */
static json_t *errors_by_field(const DeskKind *dk, const json_t *pVals, const json_t *aProblem,
                               const char *zSeverity) {
  json_t *pErr = json_object();
  size_t i;
  json_t *p;
  json_array_foreach(aProblem, i, p) {
    if (strcmp(dflt(str(p, "severity"), ""), zSeverity) != 0) continue;
    char *zName = field_of_path(dk, pVals, dflt(str(p, "field"), ""));
    if (!zName) continue;
    const char *zOld = str(pErr, zName);
    char *zMsg = zOld ? xprintf("%s; %s", zOld, str(p, "message")) : xstrdup(str(p, "message"));
    json_t *v = json_string(zMsg);
    if (v) json_object_set_new(pErr, zName, v);
    xfree(zMsg);
    xfree(zName);
  }
  return pErr;
}

/* ---- Drawing the form ----------------------------------------------------------- */

typedef struct DeskView {
  const DeskKind *dk;
  const char *zKey;    /* editing this record; NULL: a new one */
  const json_t *pVals; /* the values shown */
  const json_t *pErr;  /* errors by field */
  const char *zCsrf;
  bool bOk;                /* the notice says what was done */
  const char *zNotice;     /* HTML, or NULL */
  const json_t *aWarn;     /* warnings that ask "Save anyway", or NULL */
  const Form *pPosted;     /* the fields to post again with confirm=1 */
  const char *zRetractErr; /* the retraction's refusal (text), or NULL */
  const char *zReason;     /* the reason typed */
  const Caller *pCaller;
} DeskView;

/* id, name and the ARIA of a control. */
static void put_attrs(Buf *p, const char *zId, const char *zHintId, const char *zErr) {
  hprintf(p, " id=\"%s\" name=\"%s\"", zId, zId);
  if (zHintId || zErr) {
    buf_puts(p, " aria-describedby=\"");
    if (zHintId) hprintf(p, "%s", zHintId);
    if (zErr) hprintf(p, "%s%s-error", zHintId ? " " : "", zId);
    buf_puts(p, "\"");
  }
  if (zErr) buf_puts(p, " aria-invalid=\"true\"");
}

static void put_label(Buf *p, const char *zId, const char *zLabel, bool bReq) {
  hprintf(p, "<label for=\"%s\">%s", zId, zLabel);
  if (!bReq) hprintf(p, " <span class=\"muted\">%s</span>", _("(optional)"));
  buf_puts(p, "</label>");
}

static void put_hint_error(Buf *p, const char *zId, const char *zHint, const char *zErr) {
  if (zHint) hprintf(p, "<p class=\"hint\" id=\"%s-hint\">%s</p>", zId, _(zHint));
  if (zErr) hprintf(p, "<p class=\"error\" id=\"%s-error\">%s</p>", zId, zErr);
}

/* At most about 70 characters of z (not bytes: a Russian name is cut where
** an English one of as many letters is), cut between words where one ends
** in the last third, then "…". */
static char *short_text(const char *z) {
  size_t nChar = 0, nCut = 0, nSpace = 0;
  for (size_t i = 0; z[i]; i++) {
    if (((unsigned char)z[i] & 0xC0) == 0x80) continue; /* inside a character */
    if (nChar == 70) nCut = i;
    if (nChar < 70 && nChar >= 46 && z[i] == ' ') nSpace = i;
    if (++nChar > 72) break;
  }
  if (nChar <= 72) return xstrdup(z);
  size_t n = nSpace ? nSpace : nCut;
  while (n && strchr(" ,;:-(", z[n - 1])) n--;
  return xprintf("%.*s\xe2\x80\xa6", (int)n, z);
}

/* The language of zName, one of the names by language in pName, or NULL. */
static const char *name_lang(const json_t *pName, const char *zName) {
  const char *zKey;
  const json_t *v;
  json_object_foreach((json_t *)pName, zKey, v) {
    if (json_string_value(v) == zName) return zKey;
  }
  return 0;
}

/* The options of the live records of a kind, the current value among them. */
static void put_ref_options(Buf *p, Db *pDb, Kind ref, const char *zCur) {
  json_t *a = entity_list(pDb, ref, 0);
  bool bFound = false;
  size_t i;
  json_t *e;
  json_array_foreach(a, i, e) {
    const char *zId = str(e, ref == K_PARTY ? "code" : "id");
    if (!zId) continue;
    const json_t *pName = json_object_get(e, ref == K_DOCUMENT     ? "title"
                                             : ref == K_COMMITMENT ? "text"
                                                                   : "name");
    const char *zName = ref == K_SESSION ? str(e, "date") : name_here(pName, 0);
    char *zShort = short_text(zName ? zName : "");
    char *zLabel = zName ? xprintf("%s \xe2\x80\x94 %s", zId, zShort) : xstrdup(zId);
    /* A name that is not in the page's language is marked with its own (WCAG 3.1.2). */
    const char *zLang = ref == K_SESSION || !zName ? 0 : name_lang(pName, zName);
    if (zLang && strcmp(zLang, i18n_lang()) != 0)
      hprintf(p, "<option value=\"%s\" lang=\"%s\"%s>%s</option>", zId, zLang,
              zCur && strcmp(zCur, zId) == 0 ? " selected" : "", zLabel);
    else
      desk_option(p, zId, zLabel, zCur);
    if (zCur && strcmp(zCur, zId) == 0) bFound = true;
    xfree(zLabel);
    xfree(zShort);
  }
  json_decref(a);
  /* A value typed that is no live record is kept, to be named in its error. */
  if (zCur && *zCur && !bFound) desk_option(p, zCur, zCur, zCur);
}

/* The label of a field in a language (l: 0 English, 1 Russian): a new string. */
static char *lang_label(const char *zLabel, int l) {
  Buf b = {0};
  if (l == 0)
    buf_printf(&b, _("%s (English)"), _(zLabel));
  else
    buf_printf(&b, _("%s (Russian)"), _(zLabel));
  char *z = xstrdup(b.z ? b.z : "");
  buf_free(&b);
  return z;
}

/* One field, as its widget draws it. */
static void put_field(Buf *p, Req *pReq, const DeskView *dv, const DeskField *f, bool bFixed) {
  const json_t *pVals = dv->pVals, *pErr = dv->pErr;
  const char *zId = f->zName, *zCur = val(pVals, zId), *zErr = str(pErr, zId);
  char *zHintId = f->zHint ? xprintf("%s-hint", zId) : 0;
  switch (f->w) {
  case W_LANG: {
    static const char *const azLang[] = {"en", "ru"};
    for (int l = 0; l < 2; l++) {
      char *zL = xprintf("%s_%s", zId, azLang[l]);
      char *zLabel = lang_label(f->zLabel, l);
      const char *zE = str(pErr, zL);
      char *zH = l == 0 && f->zHint ? xprintf("%s-hint", zL) : 0;
      buf_puts(p, "<div class=\"field\">");
      put_label(p, zL, zLabel, f->bReq && l == 0);
      hprintf(p, "<input lang=\"%s\"", azLang[l]);
      put_attrs(p, zL, zH, zE);
      hprintf(p, " value=\"%s\"%s>", val(pVals, zL), f->bReq && l == 0 ? " required" : "");
      put_hint_error(p, zL, l == 0 ? f->zHint : 0, zE);
      buf_puts(p, "</div>");
      xfree(zH);
      xfree(zL);
      xfree(zLabel);
    }
    break;
  }
  case W_ALIASES: {
    static const char *const azLang[] = {"en", "ru"};
    for (int l = 0; l < 2; l++) {
      char *zL = xprintf("%s_%s", zId, azLang[l]);
      char *zLabel = lang_label(f->zLabel, l);
      const char *zE = str(pErr, zL);
      char *zH = xprintf("%s-hint", zL);
      buf_puts(p, "<div class=\"field\">");
      put_label(p, zL, zLabel, false);
      hprintf(p, "<textarea rows=\"2\" lang=\"%s\"", azLang[l]);
      put_attrs(p, zL, zH, zE);
      hprintf(p, ">%s</textarea>", val(pVals, zL));
      put_hint_error(p, zL, f->zHint, zE);
      buf_puts(p, "</div>");
      xfree(zH);
      xfree(zL);
      xfree(zLabel);
    }
    break;
  }
  case W_ROWS: {
    /* The rows there are, and two empty ones to add. */
    int nRow = 0;
    for (int i = 0; i < MAX_ROWS; i++) {
      char *zK = xprintf("%s_year_%d", zId, i), *zK2 = xprintf("%s_party_%d", zId, i);
      if (json_object_get(pVals, zK) || json_object_get(pVals, zK2)) nRow = i + 1;
      xfree(zK);
      xfree(zK2);
    }
    hprintf(p, "<fieldset class=\"rows\" id=\"%s\"", zId);
    if (zHintId || zErr) {
      buf_puts(p, " aria-describedby=\"");
      if (zHintId) hprintf(p, "%s", zHintId);
      if (zErr) hprintf(p, "%s%s-error", zHintId ? " " : "", zId);
      buf_puts(p, "\"");
    }
    buf_puts(p, ">");
    hprintf(p, "<legend>%s <span class=\"muted\">%s</span></legend>", _(f->zLabel),
            _("(optional)"));
    put_hint_error(p, zId, f->zHint, zErr);
    for (int i = 0; i < nRow + 2; i++) {
      buf_puts(p, "<div class=\"row\">");
      static const char *const azSub[] = {"year", "party", "note"};
      for (int s = 0; s < 3; s++) {
        char *zC = xprintf("%s_%s_%d", zId, azSub[s], i);
        Buf sub = {0};
        if (s == 0)
          buf_printf(&sub, _("Year %d"), i + 1);
        else if (s == 1)
          buf_printf(&sub, _("Party %d"), i + 1);
        else
          buf_printf(&sub, _("Note %d"), i + 1);
        char *zLabel = xstrdup(sub.z);
        buf_free(&sub);
        const char *zE = str(pErr, zC);
        buf_puts(p, "<div>");
        hprintf(p, "<label for=\"%s\">%s</label>", zC, zLabel);
        if (s == 1) {
          buf_puts(p, "<select");
          put_attrs(p, zC, 0, zE);
          buf_puts(p, "><option value=\"\">\xe2\x80\x94</option>");
          put_ref_options(p, pReq->pDb, K_PARTY, val(pVals, zC));
          buf_puts(p, "</select>");
        } else {
          hprintf(p, "<input%s", s == 0 ? " inputmode=\"numeric\" size=\"5\"" : "");
          put_attrs(p, zC, 0, zE);
          hprintf(p, " value=\"%s\">", val(pVals, zC));
        }
        put_hint_error(p, zC, 0, zE);
        buf_puts(p, "</div>");
        xfree(zC);
        xfree(zLabel);
      }
      buf_puts(p, "</div>");
    }
    buf_puts(p, "</fieldset>");
    break;
  }
  case W_CHECKS: {
    hprintf(p, "<fieldset class=\"checks\" id=\"%s\"", zId);
    if (zErr) hprintf(p, " aria-describedby=\"%s-error\"", zId);
    hprintf(p, "><legend>%s</legend>", _(f->zLabel));
    const json_t *pCur = json_object_get(pVals, zId);
    for (int i = 0; f->azEnum[i]; i++) {
      bool bOn = false;
      if (json_is_string(pCur)) bOn = strcmp(json_string_value(pCur), f->azEnum[i]) == 0;
      size_t j;
      json_t *e;
      json_array_foreach(pCur, j, e) if (json_is_string(e) && strcmp(json_string_value(e),
                                                                     f->azEnum[i]) == 0) bOn = true;
      Buf words = {0};
      html_escape(&words, desk_word(f->azEnum[i]));
      hprintf(p,
              "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" id=\"%s_%s\" "
              "value=\"%s\"%s%s> ",
              zId, zId, f->azEnum[i], f->azEnum[i], bOn ? " checked" : "",
              zErr ? " aria-invalid=\"true\"" : "");
      buf_puts(p, words.z);
      buf_puts(p, "</label>");
      buf_free(&words);
    }
    put_hint_error(p, zId, f->zHint, zErr);
    buf_puts(p, "</fieldset>");
    break;
  }
  case W_ORDER: {
    const char *zMode = val(pVals, "order_mode");
    const char *zE1 = str(pErr, "order_mode"), *zE2 = str(pErr, "order_list");
    buf_puts(p, "<div class=\"field\">");
    put_label(p, "order_mode", _(f->zLabel), true);
    buf_puts(p, "<select");
    put_attrs(p, "order_mode", "order_mode-hint", zE1);
    buf_puts(p, " required>");
    desk_option(p, "collate_ru", _("By the Russian names (collated)"), zMode);
    desk_option(p, "collate_en", _("By the English names (collated)"), zMode);
    desk_option(p, "explicit", _("As listed below"), zMode);
    buf_puts(p, "</select>");
    put_hint_error(p, "order_mode",
                   N_("Parties take turns in the alphabetical order of their names in a "
                      "language, or in an order of your own."),
                   zE1);
    buf_puts(p, "</div><div class=\"field\">");
    put_label(p, "order_list", _("The order of turns"), false);
    buf_puts(p, "<textarea rows=\"4\"");
    put_attrs(p, "order_list", "order_list-hint", zE2);
    hprintf(p, ">%s</textarea>", val(pVals, "order_list"));
    put_hint_error(p, "order_list", N_("With \"as listed below\": party codes, one a line."), zE2);
    buf_puts(p, "</div>");
    break;
  }
  default:
    buf_puts(p, "<div class=\"field\">");
    if (f->w == W_BOOL) {
      buf_puts(p, "<label class=\"check\"><input type=\"checkbox\" value=\"1\"");
      put_attrs(p, zId, zHintId, zErr);
      hprintf(p, "%s%s> %s</label>", strcmp(zCur, "1") == 0 ? " checked" : "",
              bFixed ? " disabled" : "", _(f->zLabel));
      if (bFixed && strcmp(zCur, "1") == 0)
        hprintf(p, "<input type=\"hidden\" name=\"%s\" value=\"1\">", zId);
      put_hint_error(p, zId, f->zHint, zErr);
      buf_puts(p, "</div>");
      break;
    }
    put_label(p, zId, _(f->zLabel), f->bReq);
    if (bFixed) {
      buf_puts(p, f->w == W_DATE ? "<input readonly type=\"date\"" : "<input readonly");
      put_attrs(p, zId, zHintId, zErr);
      hprintf(p, " value=\"%s\">", zCur);
    } else if (f->w == W_ENUM || f->w == W_REF || f->w == W_SCORE) {
      buf_puts(p, "<select");
      put_attrs(p, zId, zHintId, zErr);
      buf_puts(p, f->bReq ? " required>" : ">");
      /* Left empty: "None", unless "none" is one of the values (co-chairs). */
      bool bNone = false;
      for (int i = 0; f->w == W_ENUM && f->azEnum[i]; i++)
        if (strcmp(f->azEnum[i], "none") == 0) bNone = true;
      hprintf(p, "<option value=\"\">%s</option>",
              f->bReq ? P_("option", "Choose")
              : bNone ? P_("option", "Not recorded")
                      : P_("option", "None"));
      if (f->w == W_SCORE) {
        desk_option(p, "1", _("1 \xe2\x80\x94 done"), zCur);
        desk_option(p, "0", _("0 \xe2\x80\x94 partly"), zCur);
        desk_option(p, "-1", _("-1 \xe2\x80\x94 not done"), zCur);
      } else if (f->w == W_REF) {
        put_ref_options(p, pReq->pDb, f->ref, zCur);
      } else {
        const char *const *az = f->azEnum;
        if (dv->pCaller->role == ROLE_DELEGATE && az == azActionTypeName) az = azDelegateActionType;
        bool bFound = false;
        for (int i = 0; az[i]; i++) {
          Buf words = {0};
          html_escape(&words, desk_word(az[i]));
          hprintf(p, "<option value=\"%s\"%s>", az[i], strcmp(zCur, az[i]) == 0 ? " selected" : "");
          buf_puts(p, words.z);
          buf_puts(p, "</option>");
          buf_free(&words);
          if (strcmp(zCur, az[i]) == 0) bFound = true;
        }
        if (*zCur && !bFound) desk_option(p, zCur, zCur, zCur);
      }
      buf_puts(p, "</select>");
    } else if (f->w == W_AREA || f->w == W_LINES || f->w == W_SOURCES || f->w == W_CITIES) {
      hprintf(p, "<textarea rows=\"%d\"", f->w == W_AREA ? 3 : 2);
      put_attrs(p, zId, zHintId, zErr);
      hprintf(p, ">%s</textarea>", zCur);
    } else {
      buf_puts(p, f->w == W_DATE ? "<input type=\"date\"" : "<input");
      put_attrs(p, zId, zHintId, zErr);
      hprintf(p, " value=\"%s\"%s>", zCur, f->bReq ? " required" : "");
    }
    put_hint_error(p, zId, f->zHint, zErr);
    buf_puts(p, "</div>");
    break;
  }
  xfree(zHintId);
}

/* The form's address: /desk/new/KIND or /desk/edit/KIND/KEY (new). */
static char *form_action(const DeskKind *dk, const char *zKey) {
  if (!zKey) return xprintf("/desk/new/%s", dk->zName);
  char *zSeg = segment(zKey);
  char *z = xprintf("/desk/edit/%s/%s", dk->zName, zSeg);
  xfree(zSeg);
  return z;
}

static void desk_page(Req *pReq, Resp *r, int status, const DeskView *dv) {
  const DeskKind *dk = dv->dk;
  bool bDelegate = dv->pCaller->role == ROLE_DELEGATE;
  Buf b = {0};
  Buf title = {0};
  if (dv->zKey)
    buf_printf(&title, _(dk->zEdit), dv->zKey);
  else
    buf_puts(&title, _(dk->zNew));
  char *zTitle = xstrdup(title.z);
  buf_free(&title);
  pages_begin(&b, pReq, zTitle, "/desk");
  hprintf(&b, "<p class=\"crumbs\"><a href=\"/desk\">%s</a></p><h1>%s</h1>", _("Desk"), zTitle);
  buf_puts(&b, "<p class=\"lede\">");
  if (bDelegate)
    hprintf(&b,
            _("As the delegate of %s: what you send is a <strong>submission</strong>, received "
              "today; the depositary examines it, and nothing in the record changes until it is "
              "accepted."),
            dv->pCaller->zParty);
  else
    buf_puts(&b, _("Every field of the interchange format. What you save is "
                   "written to the journal under your name, through the same checks as a load; a "
                   "warning of the consistency checks asks you to save anyway."));
  buf_puts(&b, "</p>");
  char *zAction = form_action(dk, dv->zKey);
  if (dv->zNotice) form_notice(&b, dv->bOk, dv->zNotice);
  if (json_array_size(dv->aWarn)) {
    size_t n = json_array_size(dv->aWarn), i;
    json_t *w;
    buf_puts(&b, "<div class=\"notice warn\" role=\"alert\">");
    i18n_plural(&b,
                _("<strong>Not saved yet:</strong> the consistency checks have {0, plural, "
                  "one{# warning} other{# warnings}} to look at."),
                (long long)n);
    buf_puts(&b, "<ul>");
    json_array_foreach(dv->aWarn, i, w) {
      char *zName = field_of_path(dk, dv->pVals, dflt(str(w, "field"), ""));
      const char *zLabel = zName ? label_of(dk, zName) : 0;
      if (zName && zLabel)
        hprintf(&b, "<li><a href=\"#%s\">%s</a>: %s <small>(%s)</small></li>", zName, zLabel,
                form_finding_message(w), str(w, "code"));
      else
        hprintf(&b, "<li>%s <small>(%s)</small></li>", form_finding_message(w), str(w, "code"));
      xfree(zName);
    }
    hprintf(&b,
            "</ul><p>%s</p>"
            "<form method=\"post\" action=\"%s\" class=\"inline\"><input type=\"hidden\" "
            "name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"confirm\" value=\"1\">",
            _("Correct the fields below and save again, or save it as it is."), zAction, dv->zCsrf);
    for (int k = 0; dv->pPosted && k < dv->pPosted->n; k++) {
      const char *zK = dv->pPosted->azKey[k];
      if (strcmp(zK, "csrf") == 0 || strcmp(zK, "confirm") == 0) continue;
      hprintf(&b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", zK, dv->pPosted->azVal[k]);
    }
    hprintf(&b, "<button type=\"submit\">%s</button></form></div>", _("Save anyway"));
  }
  hprintf(&b, "<form method=\"post\" action=\"%s\" class=\"fields deskform\" novalidate>", zAction);
  hprintf(&b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", dv->zCsrf);
  for (const DeskField *f = dk->aField; f->zPath; f++) {
    if (bDelegate && f->bDepositary) continue;
    bool bFixed =
        (dv->zKey && is_key_field(dk, f)) ||
        (bDelegate && (strcmp(f->zPath, "party") == 0 || strcmp(f->zPath, "self_report") == 0 ||
                       strcmp(f->zPath, "date") == 0));
    put_field(&b, pReq, dv, f, bFixed);
  }
  form_token_field(&b, pReq, "");
  hprintf(&b, "<div><button type=\"submit\">%s</button></div></form>",
          bDelegate  ? _("Submit")
          : dv->zKey ? _("Save the changes")
                     : _("Save"));
  if (dv->zKey) {
    /* Retract, with a reason. */
    char *zSeg = segment(dv->zKey);
    buf_puts(&b, "<section class=\"retract\" aria-labelledby=\"retract-h\"><h2 id=\"retract-h\">");
    hprintf(&b, _("Retract this record (%s)"), _(dk->zTitle));
    hprintf(&b,
            "</h2><p>%s</p>"
            "<form method=\"post\" action=\"/desk/retract/%s/%s\" class=\"fields\">"
            "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><div class=\"field\">"
            "<label for=\"reason\">%s</label><textarea id=\"reason\" name=\"reason\" "
            "rows=\"2\" required aria-describedby=\"reason-hint%s\"",
            _("A retraction is a new journal entry; nothing is deleted. It is refused while other "
              "records refer to this one."),
            dk->zName, zSeg, dv->zCsrf, _("Reason"), dv->zRetractErr ? " reason-error" : "");
    if (dv->zRetractErr) buf_puts(&b, " aria-invalid=\"true\"");
    hprintf(&b, ">%s</textarea><p class=\"hint\" id=\"reason-hint\">%s</p>",
            dv->zReason ? dv->zReason : "", _("Kept in the journal with the retraction."));
    if (dv->zRetractErr)
      hprintf(&b, "<p class=\"error\" id=\"reason-error\">%s</p>", dv->zRetractErr);
    hprintf(&b,
            "</div><div><button type=\"submit\" class=\"reject\">%s</button></div>"
            "</form></section>",
            _("Retract"));
    xfree(zSeg);
  }
  xfree(zAction);
  xfree(zTitle);
  pages_end(&b, pReq);
  page_send(r, status, &b, false);
}

/* ---- The handlers --------------------------------------------------------------- */

/* A field a new form takes from the query (?party=ARM, values_of_query). */
static bool from_query(const DeskField *f) {
  return f->w == W_TEXT || f->w == W_DATE || f->w == W_ENUM || f->w == W_REF;
}

/* Signed in, else to the sign-in page and back, a new form with the fields
** its query gave; false when answered. */
static bool desk_signed_in(Req *pReq, Resp *r) {
  if (pReq->bSession) return true;
  const DeskKind *dk =
      strcmp(pReq->zMethod, "GET") == 0 && strncmp(pReq->zPath, "/desk/new/", 10) == 0
          ? desk_kind(pReq->azParam[0])
          : 0;
  const char *azArg[64];
  int n = 0;
  for (const DeskField *f = dk ? dk->aField : 0; f && f->zPath && n < 63; f++)
    if (from_query(f)) azArg[n++] = f->zName;
  azArg[n] = 0;
  page_sign_in_first(pReq, r, azArg);
  return false;
}

/* The kind of the path, when this file keeps it and the caller may use its
** form; false when answered (404, 403). */
static bool desk_kind_ok(Req *pReq, Resp *r, const DeskKind **pDk, bool bEdit) {
  const DeskKind *dk = desk_kind(pReq->azParam[0]);
  if (!dk) {
    pages_not_found(pReq, r, "form for", pReq->azParam[0]);
    return false;
  }
  if (pReq->caller.role != ROLE_DEPOSITARY && (bEdit || !dk->bDelegate)) {
    desk_refused(pReq, r, _("Not yours to keep"),
                 pReq->caller.role == ROLE_DELEGATE
                     ? _("This form is the depositary's. A delegate submits its own party's "
                         "instruments and self-reports:")
                     : _("This form is the depositary's. Nothing was written."));
    return false;
  }
  *pDk = dk;
  return true;
}

/* A new form's values: any field given in the query (?party=ARM), and a
** delegate's own party, today's date and self-report. */
static json_t *values_of_query(Req *pReq, const DeskKind *dk) {
  json_t *pVals = json_object();
  for (const DeskField *f = dk->aField; f->zPath; f++)
    if (from_query(f)) val_set(pVals, f->zName, req_value(pReq, f->zName));
  if (pReq->caller.role == ROLE_DELEGATE) {
    char zToday[DATE_BUFSZ];
    date_format(date_today(), zToday);
    val_set(pVals, "party", pReq->caller.zParty);
    val_set(pVals, "date", zToday);
    if (dk->kind == K_ASSESSMENT) val_set(pVals, "self_report", "1");
  }
  return pVals;
}

/* Show a form: new (zKey NULL) or of the live record zKey. */
static void desk_show(Req *pReq, Resp *r, const DeskKind *dk, const char *zKey) {
  json_t *pVals;
  if (zKey) {
    json_t *pRec = entity_get(pReq->pDb, dk->kind, zKey);
    if (!pRec) {
      pages_not_found(pReq, r, dk->zName, zKey);
      return;
    }
    pVals = values_of_record(dk, pRec);
    json_decref(pRec);
  } else {
    pVals = values_of_query(pReq, dk);
  }
  char zCsrf[33];
  csrf_new(r, "/desk", zCsrf);
  json_t *pErr = json_object();
  DeskView dv = {dk, zKey, pVals, pErr, zCsrf, false, 0, 0, 0, 0, 0, &pReq->caller};
  desk_page(pReq, r, 200, &dv);
  json_decref(pErr);
  json_decref(pVals);
}

void page_get_desk_new(Req *pReq, Resp *r) {
  const DeskKind *dk;
  if (!desk_signed_in(pReq, r) || !desk_kind_ok(pReq, r, &dk, false)) return;
  desk_show(pReq, r, dk, 0);
}

void page_get_desk_edit(Req *pReq, Resp *r) {
  const DeskKind *dk;
  if (!desk_signed_in(pReq, r) || !desk_kind_ok(pReq, r, &dk, true)) return;
  desk_show(pReq, r, dk, pReq->azParam[1]);
}

/* The posted form: its type and CSRF; false when answered. */
static bool desk_form_ok(Req *pReq, Resp *r, Form *f, char *zCsrf) {
  const char *zType = pReq->zHeaderContentType;
  if (!zType || strncmp(zType, "application/x-www-form-urlencoded", 33) != 0) {
    page_error(pReq, r, 415, _("Unsupported form"),
               _("Expected Content-Type: application/x-www-form-urlencoded."));
    return false;
  }
  form_parse(f, pReq->zBody ? pReq->zBody : "", pReq->nBody);
  if (!csrf_ok(pReq, f, zCsrf)) {
    page_error(pReq, r, 403, _("The form had expired"),
               _("Nothing was recorded: the form had expired or did not come from this site (its "
                 "security code did not match). Open the form again and submit it."));
    form_free(f);
    return false;
  }
  return true;
}

/* The notice of a record written (or found unchanged). */
static void done_notice(Buf *pMsg, const DeskKind *dk, const json_t *pRec, const char *zKey,
                        int status, const LoadResult *pRes, const char *zWarnings) {
  if (status == 201)
    hprintf(pMsg, _("<strong>Saved</strong> as journal entry %lld: %s %s."),
            (long long)pRes->lastSeq, _(dk->zTitle), zKey);
  else
    hprintf(pMsg, _("<strong>Nothing changed</strong>: %s %s was already recorded as given."),
            _(dk->zTitle), zKey);
  buf_puts(pMsg, " ");
  char *zPage = record_page_path(dk, pRec);
  char *zSeg = segment(zKey);
  if (zPage) hprintf(pMsg, "<a href=\"%s\">%s</a> \xc2\xb7 ", zPage, _("Its page"));
  hprintf(pMsg, "<a href=\"/api/v1/%s/%s\">%s</a>.", kind_section(dk->kind), zSeg, _("as JSON"));
  if (zWarnings && *zWarnings) buf_puts(pMsg, zWarnings);
  xfree(zPage);
  xfree(zSeg);
}

/* A posted form, new (zKey NULL) or an edit of zKey. */
static void desk_post(Req *pReq, Resp *r, const DeskKind *dk, const char *zKey) {
  Form f;
  char zCsrf[33];
  if (!desk_form_ok(pReq, r, &f, zCsrf)) return;
  Caller caller;
  form_caller(pReq, &f, &caller);
  bool bDelegate = caller.role == ROLE_DELEGATE;
  json_t *pBase = zKey ? entity_get(pReq->pDb, dk->kind, zKey) : 0;
  if (zKey && !pBase) {
    pages_not_found(pReq, r, dk->zName, zKey);
    form_free(&f);
    return;
  }
  json_t *pVals = values_of_form(&f);
  if (bDelegate) { /* its own party, received today, its self-report */
    char zToday[DATE_BUFSZ];
    date_format(date_today(), zToday);
    val_set(pVals, "party", caller.zParty);
    val_set(pVals, "date", zToday);
    if (dk->kind == K_ASSESSMENT) val_set(pVals, "self_report", "1");
  }
  bool bBad = f.bBad;
  json_t *pRec = record_of_values(dk, pVals, pBase, &bBad);
  json_t *pErr = json_object();
  json_t *aProblem = 0, *aWarn = 0;
  DeskView dv = {dk, zKey, pVals, pErr, zCsrf, false, 0, 0, &f, 0, 0, &caller};
  Buf msg = {0};
  int status = 0;
  char *zNewKey = desk_key(dk, pRec);
  if (bBad) {
    status = 400;
    hprintf(&msg, "<strong>%s</strong> %s", _("Nothing was recorded."),
            _("The form was not valid UTF-8 text."));
  } else if (zKey && strcmp(zNewKey, zKey) != 0) {
    status = 400;
    hprintf(&msg, "<strong>%s</strong> ", _("Nothing was recorded."));
    hprintf(&msg,
            _("The fields of the key (%s) cannot change on an edit: record a new %s and retract "
              "this one."),
            dk->azKey[0], _(dk->zTitle));
  } else if (!zKey && !bDelegate && entity_seq(pReq->pDb, dk->kind, zNewKey)) {
    status = 409;
    char *zSeg = segment(zNewKey);
    hprintf(&msg, "<strong>%s</strong> ", _("Nothing was recorded."));
    char *zHref = xprintf("/desk/edit/%s/%s", dk->zName, zSeg);
    hprintf(&msg, _("The %s %s is already recorded: <a href=\"%s\">edit it</a> instead."),
            _(dk->zTitle), zNewKey, zHref);
    xfree(zHref);
    json_object_set_new(pErr, dk->azKey[0], json_string(_("already recorded")));
    xfree(zSeg);
  }
  if (status) {
    dv.zNotice = msg.z;
    desk_page(pReq, r, status, &dv);
    goto done;
  }
  const char *zNothing = _("Nothing was recorded.");
  LoadResult res;
  bool bConfirm = strcmp(dflt(form_get(&f, "confirm"), ""), "1") == 0;
  if (!bDelegate && !bConfirm) {
    /* A dry run first: its errors, or its warnings to confirm. */
    status = form_load_opt(pReq->pDb, &caller, kind_section(dk->kind), pRec, true, zNothing, &msg,
                           &res, &aProblem);
    if (status < 300) {
      aWarn = json_array();
      size_t i;
      json_t *p;
      json_array_foreach(aProblem, i, p) if (strcmp(dflt(str(p, "severity"), ""), "warning") == 0)
          json_array_append(aWarn, p);
      if (json_array_size(aWarn)) {
        dv.aWarn = aWarn;
        desk_page(pReq, r, 200, &dv);
        goto done;
      }
    } else {
      json_decref(pErr);
      pErr = errors_by_field(dk, pVals, aProblem, "error");
      dv.pErr = pErr;
      dv.zNotice = msg.z;
      desk_page(pReq, r, status, &dv);
      goto done;
    }
    json_decref(aProblem);
    aProblem = 0;
    buf_free(&msg);
  }
  status = form_load_opt(pReq->pDb, &caller, kind_section(dk->kind), pRec, false, zNothing, &msg,
                         &res, &aProblem);
  if (status >= 300) {
    json_decref(pErr);
    pErr = errors_by_field(dk, pVals, aProblem, "error");
    dv.pErr = pErr;
    dv.zNotice = msg.z;
    desk_page(pReq, r, status, &dv);
  } else if (status == 202) { /* a delegate's submission */
    json_t *pEmpty = values_of_query(pReq, dk);
    dv.pVals = pEmpty;
    dv.bOk = true;
    dv.zNotice = msg.z;
    dv.pPosted = 0;
    desk_page(pReq, r, 202, &dv);
    json_decref(pEmpty);
  } else {
    /* Written: the form of the record as it now stands. */
    Buf done = {0};
    done_notice(&done, dk, pRec, zNewKey, status, &res, msg.z);
    json_t *pLive = entity_get(pReq->pDb, dk->kind, zNewKey);
    json_t *pNow = pLive ? values_of_record(dk, pLive) : json_incref(pVals);
    dv.zKey = pLive ? zNewKey : zKey;
    dv.pVals = pNow;
    dv.bOk = true;
    dv.zNotice = done.z;
    dv.pPosted = 0;
    desk_page(pReq, r, status, &dv);
    json_decref(pNow);
    json_decref(pLive);
    buf_free(&done);
  }
done:
  buf_free(&msg);
  xfree(zNewKey);
  json_decref(aProblem);
  json_decref(aWarn);
  json_decref(pErr);
  json_decref(pRec);
  json_decref(pVals);
  json_decref(pBase);
  form_free(&f);
}

void page_post_desk_new(Req *pReq, Resp *r) {
  const DeskKind *dk;
  if (!desk_signed_in(pReq, r) || !desk_kind_ok(pReq, r, &dk, false)) return;
  desk_post(pReq, r, dk, 0);
}

void page_post_desk_edit(Req *pReq, Resp *r) {
  const DeskKind *dk;
  if (!desk_signed_in(pReq, r) || !desk_kind_ok(pReq, r, &dk, true)) return;
  desk_post(pReq, r, dk, pReq->azParam[1]);
}

void page_post_desk_retract(Req *pReq, Resp *r) {
  const DeskKind *dk;
  if (!desk_signed_in(pReq, r) || !desk_kind_ok(pReq, r, &dk, true)) return;
  const char *zKey = pReq->azParam[1];
  Form f;
  char zCsrf[33];
  if (!desk_form_ok(pReq, r, &f, zCsrf)) return;
  json_t *pRec = entity_get(pReq->pDb, dk->kind, zKey);
  if (!pRec) {
    pages_not_found(pReq, r, dk->zName, zKey);
    form_free(&f);
    return;
  }
  json_t *pVals = values_of_record(dk, pRec);
  json_t *pErr = json_object();
  DeskView dv = {dk, zKey, pVals, pErr, zCsrf, false, 0, 0, 0, 0, 0, &pReq->caller};
  char *zReason =
      trimmed(dflt(form_get(&f, "reason"), ""), strlen(dflt(form_get(&f, "reason"), "")));
  json_t *pReason = json_string(zReason);
  dv.zReason = pReason ? zReason : "";
  Buf msg = {0};
  if (!*zReason || !pReason || f.bBad) {
    dv.zRetractErr = !*zReason ? _("A reason is needed: it is kept in the journal.")
                               : _("The reason is not UTF-8 text.");
    hprintf(&msg, "<strong>%s</strong> %s", _("Nothing was retracted."), dv.zRetractErr);
    dv.zNotice = msg.z;
    desk_page(pReq, r, 400, &dv);
  } else {
    int64_t seq;
    json_t *aFinding;
    RetractResult rc = registry_retract_reason(pReq->pDb, pReq->caller.zName, dk->kind, zKey,
                                               zReason, &seq, &aFinding);
    if (rc == RETRACT_DONE) {
      char *zPage = record_page_path(dk, pRec);
      hprintf(&msg,
              _("<strong>Retracted</strong> %s %s as journal entry %lld, for this reason: %s."),
              _(dk->zTitle), zKey, (long long)seq, zReason);
      hprintf(&msg, " <a href=\"/desk/new/%s\">", dk->zName);
      hprintf(&msg, _("Record a new %s"), _(dk->zTitle));
      buf_puts(&msg, "</a>");
      if (zPage) hprintf(&msg, " \xc2\xb7 <a href=\"%s\">%s</a>", zPage, _("the page it was on"));
      buf_puts(&msg, ".");
      xfree(zPage);
      Buf b = {0}, title = {0};
      buf_printf(&title, _("Retracted: %s %s"), _(dk->zTitle), zKey);
      char *zTitle = xstrdup(title.z);
      buf_free(&title);
      pages_begin(&b, pReq, zTitle, "/desk");
      hprintf(&b, "<p class=\"crumbs\"><a href=\"/desk\">%s</a></p><h1>%s</h1>", _("Desk"), zTitle);
      form_notice(&b, true, msg.z);
      pages_end(&b, pReq);
      page_send(r, 200, &b, false);
      xfree(zTitle);
    } else {
      int status = rc == RETRACT_BUSY ? 503 : rc == RETRACT_UNKNOWN ? 404 : 409;
      Buf why = {0};
      size_t i;
      json_t *p;
      json_array_foreach(aFinding, i, p) if (strcmp(dflt(str(p, "severity"), ""), "error") == 0)
          buf_printf(&why, "%s%s (%s)", why.n ? "; " : "", str(p, "message"), str(p, "code"));
      if (rc == RETRACT_BUSY) buf_puts(&why, _("The registry is busy; retract again in a moment."));
      hprintf(&msg, "<strong>%s</strong> %s", _("Nothing was retracted."), why.z ? why.z : "");
      dv.zRetractErr = why.z ? why.z : _("refused");
      dv.zNotice = msg.z;
      desk_page(pReq, r, status, &dv);
      buf_free(&why);
    }
    json_decref(aFinding);
  }
  json_decref(pReason);
  buf_free(&msg);
  xfree(zReason);
  json_decref(pErr);
  json_decref(pVals);
  json_decref(pRec);
  form_free(&f);
}
