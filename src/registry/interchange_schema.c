/*
** The schema of each kind of the interchange format (design.md section 4)
** and the checks across the fields of one record; the natural key of each
** kind.
*/
#include <stdint.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "fields.h"
#include "interchange_int.h"
#include "rules.h"

/* ---- Enumerations --------------------------------------------------------- */

const char *const ic_azPartyKind[] = {"state", "organization", 0};
const char *const ic_azBodyLevel[] = {"heads_of_state",
                                      "heads_of_government",
                                      "ministers",
                                      "officials",
                                      "secretariat",
                                      "parliamentary",
                                      "court",
                                      "other",
                                      0};
const char *const ic_azSessionFormat[] = {"in_person", "videoconference", "hybrid", "informal", 0};
const char *const ic_azAttendance[] = {"present", "absent", "represented", "observer", 0};
const char *const ic_azDocumentType[] = {"charter",   "treaty",      "agreement", "convention",
                                         "protocol",  "decision",    "concept",   "plan",
                                         "statement", "declaration", "other",     0};
const char *const ic_azEifRule[] = {"on_signature", "threshold", "fixed_date", 0};
const char *const ic_azDelayThen[] = {"first_of_next_month", 0};
const char *const ic_azChairTerm[] = {"calendar_year", 0};
const char *const ic_azCoChairs[] = {"previous_and_next", "none", 0};
const char *const ic_azAssessmentStatus[] = {"preliminary", "reviewed", 0};

/* ---- Checks across fields ------------------------------------------------ */

static void check_membership(Validator *v, const json_t *p) {
  pdate from = date_of(json_object_get(p, "from")), to = date_of(json_object_get(p, "to"));
  if (from != DATE_NONE && to != DATE_NONE && to <= from) {
    size_t n = ic_path_push_key(v, "to");
    ic_error(v,
             _("must be after \"from\" (the interval is [from, to)) [membership.to_before_from]"));
    ic_path_pop(v, n);
  }
}

/*
** An objection's "reservation": {"party", "date"} names the reservation it
** objects to, in the same document: the action DOCUMENT|PARTY|reservation|DATE,
** which must be in the load or the registry (a reference, checked with the
** others once the whole load is known). Only an objection names one; a party
** does not object to its own reservation, nor before it was made.
*/
static void check_objected_reservation(Validator *v, const json_t *p, const char *zType, pdate d,
                                       const json_t *pRes) {
  size_t n = ic_path_push_key(v, "reservation");
  const char *zParty = str(pRes, "party"), *zDoc = str(p, "document"), *zOwn = str(p, "party");
  pdate r = date_of(json_object_get(pRes, "date"));
  if (strcmp(zType, "objection") != 0) {
    ic_error(v, _("only an objection names the reservation it objects to"));
  } else if (zParty && zOwn && strcmp(zParty, zOwn) == 0) {
    size_t m = ic_path_push_key(v, "party");
    ic_error(v, _("a party does not object to its own reservation"));
    ic_path_pop(v, m);
  } else if (d != DATE_NONE && r != DATE_NONE && d < r) {
    size_t m = ic_path_push_key(v, "date");
    ic_error(v, _("an objection (%s) cannot precede the reservation it objects to"),
             str(p, "date"));
    ic_path_pop(v, m);
  } else if (zParty && zDoc && r != DATE_NONE) {
    Buf k = {0};
    buf_printf(&k, "%s|%s|reservation|%s", zDoc, zParty, str(pRes, "date"));
    ic_add_ref(v, K_ACTION, k.z);
    buf_free(&k);
  }
  ic_path_pop(v, n);
}

static void check_action(Validator *v, const json_t *p) {
  const char *zType = str(p, "type");
  if (!zType) return;
  if (json_object_get(p, "effective") && strcmp(zType, "withdrawal") != 0) {
    size_t n = ic_path_push_key(v, "effective");
    ic_error(v, _("only a withdrawal has an effective date"));
    ic_path_pop(v, n);
  }
  if (json_object_get(p, "subject_to_procedures") && strcmp(zType, "signature") != 0) {
    size_t n = ic_path_push_key(v, "subject_to_procedures");
    ic_error(v, _("only a signature can be subject to procedures"));
    ic_path_pop(v, n);
  }
  pdate d = date_of(json_object_get(p, "date")), eff = date_of(json_object_get(p, "effective"));
  if (d != DATE_NONE && eff != DATE_NONE && eff < d) {
    size_t n = ic_path_push_key(v, "effective");
    ic_error(v, _("a withdrawal cannot take effect before its notice (date) "
                  "[withdrawal.effective_before_notice]"));
    ic_path_pop(v, n);
  }
  const json_t *pRes = json_object_get(p, "reservation");
  if (pRes) check_objected_reservation(v, p, zType, d, pRes);
}

static const Field aDelayField[] = {{"days", FT_INT, 0, 0, 0},
                                    {"months", FT_INT, 0, 0, 0},
                                    {"then", FT_ENUM, 0, ic_azDelayThen, 0},
                                    {0, 0, 0, 0, 0}};
static const Schema delaySchema = {aDelayField, 0};

static void check_condition(Validator *v, const json_t *p) {
  char zGot[64];
  if (!json_is_object(p)) {
    ic_error(v,
             _("expected a condition object ({\"count\": N}, {\"all_of\": [...]} or "
               "{\"weight\": NAME, \"at_least\": X}), got %s"),
             GOT(p));
    return;
  }
  static const Field codeRef = {"", FT_CODE, REF, 0, K_PARTY};
  static const Field aFieldAll[] = {{"count", FT_INT, 0, 0, 0},
                                    {"all_of", FT_ARR, 0, &codeRef, 0},
                                    {"weight", FT_STR, 0, 0, 0},
                                    {"at_least", FT_NUM, 0, 0, 0},
                                    {0, 0, 0, 0, 0}};
  static const Schema condSchema = {aFieldAll, 0};
  ic_check_object(v, &condSchema, p);
  int nKind = (json_object_get(p, "count") != 0) + (json_object_get(p, "all_of") != 0) +
              (json_object_get(p, "weight") != 0);
  if (nKind != 1)
    ic_error(v, _("a condition has exactly one of \"count\", \"all_of\", \"weight\""));
  else if (json_object_get(p, "weight") && !json_object_get(p, "at_least"))
    ic_error(v, _("a weight condition needs \"at_least\""));
  else if (!json_object_get(p, "weight") && json_object_get(p, "at_least"))
    ic_error(v, _("\"at_least\" goes with \"weight\""));
  else if (json_object_get(p, "count") && json_integer_value(json_object_get(p, "count")) < 1)
    ic_error(v, _("\"count\" must be at least 1"));
}

static void check_eif(Validator *v, const json_t *p) {
  const char *zRule = str(p, "rule");
  if (!zRule) return;
  bool bThreshold = strcmp(zRule, "threshold") == 0;
  const json_t *pCond = json_object_get(p, "conditions");
  if (bThreshold && (!json_is_array(pCond) || json_array_size(pCond) == 0))
    ic_error(v, _("rule \"threshold\" needs a non-empty \"conditions\" array"));
  if (!bThreshold && pCond) ic_error(v, _("\"conditions\" belong to rule \"threshold\" only"));
  if (strcmp(zRule, "fixed_date") == 0 && !json_object_get(p, "date"))
    ic_error(v, _("rule \"fixed_date\" needs \"date\""));
  if (strcmp(zRule, "fixed_date") != 0 && json_object_get(p, "date"))
    ic_error(v, _("\"date\" belongs to rule \"fixed_date\" only"));
  if (strcmp(zRule, "on_signature") == 0 &&
      (json_object_get(p, "delay") || json_object_get(p, "not_before")))
    ic_error(v, _("rule \"on_signature\" takes no delay or not_before"));
}

static void check_weights(Validator *v, const json_t *p) {
  char zGot[64];
  if (!json_is_object(p)) {
    ic_error(
        v, _("expected an object of named weights, like {\"emissions\": {\"CHN\": 20.09}}, got %s"),
        GOT(p));
    return;
  }
  const char *zName;
  json_t *pMap;
  json_object_foreach((json_t *)p, zName, pMap) {
    size_t n = ic_path_push_key(v, zName);
    if (!json_is_object(pMap)) {
      ic_error(v, _("expected an object of party codes to numbers, got %s"), GOT(pMap));
    } else {
      const char *zCode;
      json_t *pNum;
      json_object_foreach(pMap, zCode, pNum) {
        size_t n2 = ic_path_push_key(v, zCode);
        if (!ic_is_code(zCode, strlen(zCode)))
          ic_error(v, _("expected a party code of 3 upper-case letters as key"));
        else
          ic_add_ref(v, K_PARTY, zCode);
        if (!json_is_number(pNum)) ic_error(v, _("expected a number, got %s"), GOT(pNum));
        ic_path_pop(v, n2);
      }
    }
    ic_path_pop(v, n);
  }
}

static void check_document(Validator *v, const json_t *p) {
  /* A weight condition must name a weight the document defines. */
  const json_t *pCond = json_object_get(json_object_get(p, "entry_into_force"), "conditions");
  const json_t *pWeights = json_object_get(p, "weights");
  for (size_t i = 0; i < json_array_size(pCond); i++) {
    const char *zW = str(json_array_get(pCond, i), "weight");
    if (zW && !json_object_get(pWeights, zW)) {
      size_t n = ic_path_push_key(v, "entry_into_force");
      buf_printf(&v->path, ".conditions[%zu].weight", i);
      ic_error(v, _("no weight \"%s\" in this document's \"weights\""), zW);
      ic_path_pop(v, n);
    }
  }
}

static void check_order(Validator *v, const json_t *p) {
  char zGot[64];
  if (json_is_array(p)) {
    static const Field codeRef = {"", FT_CODE, REF, 0, K_PARTY};
    static const Field arr = {"", FT_ARR, 0, &codeRef, 0};
    ic_check_value(v, &arr, p);
    if (json_array_size(p) == 0) ic_error(v, _("an explicit order needs at least one party"));
    return;
  }
  if (json_is_object(p)) {
    const json_t *pLang = json_object_get(p, "collate");
    if (json_object_size(p) == 1 && json_is_string(pLang) && ic_is_lang(json_string_value(pLang)))
      return;
  }
  ic_error(v, _("expected a list of party codes or {\"collate\": LANGUAGE}, got %s"), GOT(p));
}

static void check_score(Validator *v, const json_t *p) {
  char zGot[64];
  json_int_t s = json_integer_value(p);
  if (!json_is_integer(p) || s < -1 || s > 1)
    ic_error(v, _("expected a score of -1, 0 or 1, got %s"), GOT(p));
}

static void check_paragraph(Validator *v, const json_t *p) {
  char zGot[64];
  if (!json_is_null(p) && !json_is_string(p) && !json_is_integer(p))
    ic_error(v, _("expected a paragraph number or label, got %s"), GOT(p));
}

/* The gazetteer (ingest.c): {"en": ["Belarusian", ...], "ru": [...]}. */
static void check_aliases(Validator *v, const json_t *p) {
  char zGot[64];
  if (!json_is_object(p)) {
    ic_error(v, _("expected an object of name lists by language, like {\"en\": [\"...\"]}, got %s"),
             GOT(p));
    return;
  }
  const char *zLang;
  json_t *pList;
  json_object_foreach((json_t *)p, zLang, pList) {
    size_t n = ic_path_push_key(v, zLang);
    if (!ic_is_lang(zLang)) {
      ic_error(v, _("expected a language code of 2 or 3 lower-case letters as key"));
    } else if (!json_is_array(pList)) {
      ic_error(v, _("expected an array of names, got %s"), GOT(pList));
    } else {
      for (size_t i = 0; i < json_array_size(pList); i++) {
        const json_t *pName = json_array_get(pList, i);
        size_t m = ic_path_push_index(v, i);
        if (!json_is_string(pName) || json_string_length(pName) == 0)
          ic_error(v, _("expected a non-empty string, got %s"), GOT(pName));
        ic_path_pop(v, m);
      }
    }
    ic_path_pop(v, n);
  }
}

/* ---- The schema of each kind -------------------------------------------- */

#define CUSTOM(fn) ((const void *)(uintptr_t)(fn))

static const Field aSourceField[] = {{"title", FT_STR, REQ, 0, 0},
                                     {"ref", FT_STR, 0, 0, 0},
                                     {"date", FT_DATE, 0, 0, 0},
                                     {0, 0, 0, 0, 0}};
static const Schema sourceSchema = {aSourceField, 0};
static const Field sourceElem = {"", FT_OBJ, 0, &sourceSchema, 0};
#define SOURCES                                                                                    \
  { "sources", FT_ARR, 0, &sourceElem, 0 }

/* Other cities of a party where sessions meet (the gazetteer's places besides
** the capital): {"name": {"en": "Sochi", "ru": "Сочи"}, "aliases": {...}}. */
static const Field aCityField[] = {{"name", FT_LANGMAP, REQ, 0, 0},
                                   {"aliases", FT_CUSTOM, 0, CUSTOM(check_aliases), 0},
                                   {0, 0, 0, 0, 0}};
static const Schema citySchema = {aCityField, 0};
static const Field cityElem = {"", FT_OBJ, 0, &citySchema, 0};
static const Field aPartyField[] = {{"code", FT_CODE, REQ, 0, 0},
                                    {"kind", FT_ENUM, REQ, ic_azPartyKind, 0},
                                    {"name", FT_LANGMAP, REQ, 0, 0},
                                    {"aliases", FT_CUSTOM, 0, CUSTOM(check_aliases), 0},
                                    {"capital", FT_LANGMAP, 0, 0, 0},
                                    {"cities", FT_ARR, 0, &cityElem, 0},
                                    SOURCES,
                                    {0, 0, 0, 0, 0}};
static const Field aOrgField[] = {{"id", FT_ID, REQ, 0, 0},
                                  {"name", FT_LANGMAP, REQ, 0, 0},
                                  {"founded", FT_DATE, NUL, 0, 0},
                                  {"depositary", FT_STR, NUL, 0, 0},
                                  {"aliases", FT_CUSTOM, 0, CUSTOM(check_aliases), 0},
                                  SOURCES,
                                  {0, 0, 0, 0, 0}};
static const Field aBodyField[] = {{"id", FT_ID, REQ, 0, 0},
                                   {"organization", FT_ID, REQ | REF, 0, K_ORGANIZATION},
                                   {"name", FT_LANGMAP, REQ, 0, 0},
                                   {"level", FT_ENUM, NUL, ic_azBodyLevel, 0},
                                   {"aliases", FT_CUSTOM, 0, CUSTOM(check_aliases), 0},
                                   SOURCES,
                                   {0, 0, 0, 0, 0}};
static const Field aMembershipField[] = {{"organization", FT_ID, REQ | REF, 0, K_ORGANIZATION},
                                         {"party", FT_CODE, REQ | REF, 0, K_PARTY},
                                         {"kind", FT_ENUM, REQ, azMemberKindName, 0},
                                         {"from", FT_DATE, REQ, 0, 0},
                                         {"to", FT_DATE, NUL, 0, 0},
                                         {"note", FT_TEXT, NUL, 0, 0},
                                         SOURCES,
                                         {0, 0, 0, 0, 0}};

static const Field aYearPartyField[] = {{"year", FT_YEAR, REQ, 0, 0},
                                        {"party", FT_CODE, REQ | REF, 0, K_PARTY},
                                        {"note", FT_TEXT, NUL, 0, 0},
                                        {0, 0, 0, 0, 0}};
static const Schema yearPartySchema = {aYearPartyField, 0};
static const Field yearPartyElem = {"", FT_OBJ, 0, &yearPartySchema, 0};
static const Field memberKindElem = {"", FT_ENUM, 0, azMemberKindName, 0};
static const Field aChairField[] = {{"organization", FT_ID, REQ | REF, 0, K_ORGANIZATION},
                                    {"term", FT_ENUM, 0, ic_azChairTerm, 0},
                                    {"order", FT_CUSTOM, REQ, CUSTOM(check_order), 0},
                                    {"eligible", FT_ARR, REQ, &memberKindElem, 0},
                                    {"recorded", FT_ARR, 0, &yearPartyElem, 0},
                                    {"declined", FT_ARR, 0, &yearPartyElem, 0},
                                    {"co_chairs", FT_ENUM, 0, ic_azCoChairs, 0},
                                    {"note", FT_TEXT, NUL, 0, 0},
                                    SOURCES,
                                    {0, 0, 0, 0, 0}};

static const Field aAttendField[] = {{"party", FT_CODE, REQ | REF, 0, K_PARTY},
                                     {"status", FT_ENUM, REQ, ic_azAttendance, 0},
                                     {"by", FT_STR, NUL, 0, 0},
                                     {"role", FT_STR, NUL, 0, 0},
                                     {0, 0, 0, 0, 0}};
static const Schema attendSchema = {aAttendField, 0};
static const Field attendElem = {"", FT_OBJ, 0, &attendSchema, 0};
static const Field docRefElem = {"", FT_ID, REF, 0, K_DOCUMENT};
static const Field aNextField[] = {
    {"date", FT_DATE, NUL, 0, 0}, {"place", FT_STR, NUL, 0, 0}, {0, 0, 0, 0, 0}};
static const Schema nextSchema = {aNextField, 0};
static const Field aSessionField[] = {{"id", FT_ID, REQ, 0, 0},
                                      {"body", FT_ID, REQ | REF, 0, K_BODY},
                                      {"number", FT_INT, NUL, 0, 0},
                                      {"date", FT_DATE, REQ, 0, 0},
                                      {"place", FT_STR, NUL, 0, 0},
                                      {"format", FT_ENUM, NUL, ic_azSessionFormat, 0},
                                      {"attendance", FT_ARR, 0, &attendElem, 0},
                                      {"adopted", FT_ARR, 0, &docRefElem, 0},
                                      {"next", FT_OBJ, NUL, &nextSchema, 0},
                                      SOURCES,
                                      {0, 0, 0, 0, 0}};

static const Field condElem = {"", FT_CUSTOM, 0, CUSTOM(check_condition), 0};
static const Field aEifField[] = {{"rule", FT_ENUM, REQ, ic_azEifRule, 0},
                                  {"conditions", FT_ARR, 0, &condElem, 0},
                                  {"delay", FT_OBJ, 0, &delaySchema, 0},
                                  {"later_delay", FT_OBJ, 0, &delaySchema, 0},
                                  {"not_before", FT_DATE, NUL, 0, 0},
                                  {"date", FT_DATE, 0, 0, 0},
                                  {0, 0, 0, 0, 0}};
static const Schema eifSchema = {aEifField, check_eif};
static const Field aWithdrawalField[] = {{"notice", FT_OBJ, 0, &delaySchema, 0}, {0, 0, 0, 0, 0}};
static const Schema withdrawalSchema = {aWithdrawalField, 0};
static const Field aAdoptedField[] = {{"date", FT_DATE, NUL, 0, 0},
                                      {"place", FT_STR, NUL, 0, 0},
                                      {"session", FT_ID, NUL | REF, 0, K_SESSION},
                                      {0, 0, 0, 0, 0}};
static const Schema adoptedSchema = {aAdoptedField, 0};
static const Field aDocumentField[] = {{"id", FT_ID, REQ, 0, 0},
                                       {"organization", FT_ID, REQ | REF, 0, K_ORGANIZATION},
                                       {"body", FT_ID, NUL | REF, 0, K_BODY},
                                       {"type", FT_ENUM, NUL, ic_azDocumentType, 0},
                                       {"title", FT_LANGMAP, REQ, 0, 0},
                                       {"adopted", FT_OBJ, NUL, &adoptedSchema, 0},
                                       {"supersedes", FT_ID, NUL | REF, 0, K_DOCUMENT},
                                       {"entry_into_force", FT_OBJ, NUL, &eifSchema, 0},
                                       {"withdrawal", FT_OBJ, NUL, &withdrawalSchema, 0},
                                       {"weights", FT_CUSTOM, 0, CUSTOM(check_weights), 0},
                                       {"depositary", FT_STR, NUL, 0, 0},
                                       {"note", FT_TEXT, NUL, 0, 0},
                                       {"text", FT_LANGMAP, NUL, 0, 0}, /* the full text */
                                       SOURCES,
                                       {0, 0, 0, 0, 0}};

static const Field aObjectedField[] = {
    {"party", FT_CODE, REQ, 0, 0}, {"date", FT_DATE, REQ, 0, 0}, {0, 0, 0, 0, 0}};
static const Schema objectedSchema = {aObjectedField, 0};
static const Field aActionField[] = {{"document", FT_ID, REQ | REF, 0, K_DOCUMENT},
                                     {"party", FT_CODE, REQ | REF, 0, K_PARTY},
                                     {"type", FT_ENUM, REQ, azActionTypeName, 0},
                                     {"date", FT_DATE, REQ, 0, 0},
                                     {"effective", FT_DATE, 0, 0, 0},
                                     {"subject_to_procedures", FT_BOOL, 0, 0, 0},
                                     {"text", FT_TEXT, NUL, 0, 0},
                                     {"note", FT_TEXT, NUL, 0, 0},
                                     {"reservation", FT_OBJ, 0, &objectedSchema, 0},
                                     /* the instrument's own date (of the law, of
                                     ** the signing), when the date is of deposit */
                                     {"instrument_date", FT_DATE, 0, 0, 0},
                                     /* an accepted submission's (submission.c) */
                                     {"submission", FT_ID, REF, 0, K_SUBMISSION},
                                     {"notification", FT_STR, 0, 0, 0},
                                     {0, 0, 0, 0, 0}};

static const Field aCommitSourceField[] = {
    {"session", FT_ID, NUL | REF, 0, K_SESSION},
    {"document", FT_ID, NUL | REF, 0, K_DOCUMENT},
    {"paragraph", FT_CUSTOM, NUL, CUSTOM(check_paragraph), 0},
    {0, 0, 0, 0, 0}};
static const Schema commitSourceSchema = {aCommitSourceField, 0};
static const Field partyRefElem = {"", FT_CODE, REF, 0, K_PARTY};
static const Field aAddresseeField[] = {{"parties", FT_ARR, 0, &partyRefElem, 0},
                                        {"body", FT_ID, NUL | REF, 0, K_BODY},
                                        {0, 0, 0, 0, 0}};
static const Schema addresseeSchema = {aAddresseeField, 0};
static const Field aCommitmentField[] = {{"id", FT_ID, REQ, 0, 0},
                                         {"organization", FT_ID, REQ | REF, 0, K_ORGANIZATION},
                                         {"parent", FT_ID, NUL | REF, 0, K_COMMITMENT},
                                         {"source", FT_OBJ, NUL, &commitSourceSchema, 0},
                                         {"text", FT_LANGMAP, REQ, 0, 0},
                                         {"addressees", FT_OBJ, NUL, &addresseeSchema, 0},
                                         {"deadline", FT_DATE, NUL, 0, 0},
                                         {"category", FT_STR, NUL, 0, 0},
                                         {0, 0, 0, 0, 0}};
static const Field aAssessmentField[] = {{"commitment", FT_ID, REQ | REF, 0, K_COMMITMENT},
                                         {"party", FT_CODE, REQ | REF, 0, K_PARTY},
                                         {"score", FT_CUSTOM, REQ, CUSTOM(check_score), 0},
                                         {"date", FT_DATE, REQ, 0, 0},
                                         {"status", FT_ENUM, 0, ic_azAssessmentStatus, 0},
                                         {"evidence", FT_TEXT, NUL, 0, 0},
                                         {"assessor", FT_STR, NUL, 0, 0},
                                         {"self_report", FT_BOOL, 0, 0, 0},
                                         {0, 0, 0, 0, 0}};

/* A submission (submission.c): what a delegate deposited, as the records
** it proposes, and what the depositary decided. */
static const char *const azSubmissionStatus[] = {"pending", "accepted", "rejected", 0};
static void check_findings(Validator *v, const json_t *p) {
  char zGot[64];
  if (!json_is_array(p)) ic_error(v, _("expected an array of findings, got %s"), GOT(p));
}
static const Schema submittedActionSchema = {aActionField, check_action};
static const Field submittedActionElem = {"", FT_OBJ, 0, &submittedActionSchema, 0};
static const Schema submittedAssessmentSchema = {aAssessmentField, 0};
static const Field submittedAssessmentElem = {"", FT_OBJ, 0, &submittedAssessmentSchema, 0};
static const Field aSubmittedField[] = {{"actions", FT_ARR, 0, &submittedActionElem, 0},
                                        {"assessments", FT_ARR, 0, &submittedAssessmentElem, 0},
                                        {0, 0, 0, 0, 0}};
static const Schema submittedSchema = {aSubmittedField, 0};
static const Field aDecisionField[] = {{"by", FT_STR, REQ, 0, 0},
                                       {"at", FT_STR, REQ, 0, 0},
                                       {"date", FT_DATE, NUL, 0, 0}, /* of deposit */
                                       {"notification", FT_STR, NUL, 0, 0},
                                       {"reason", FT_TEXT, NUL, 0, 0},
                                       {0, 0, 0, 0, 0}};
static const Schema decisionSchema = {aDecisionField, 0};
static const Field aSubmissionField[] = {{"id", FT_ID, REQ, 0, 0},
                                         {"status", FT_ENUM, REQ, azSubmissionStatus, 0},
                                         {"received", FT_STR, REQ, 0, 0},
                                         {"party", FT_CODE, REQ | REF, 0, K_PARTY},
                                         {"submitted_by", FT_STR, REQ, 0, 0},
                                         {"records", FT_OBJ, REQ, &submittedSchema, 0},
                                         {"warnings", FT_CUSTOM, 0, CUSTOM(check_findings), 0},
                                         {"decision", FT_OBJ, NUL, &decisionSchema, 0},
                                         {0, 0, 0, 0, 0}};

const Schema ic_kind_schema[K__COUNT] = {
    [K_PARTY] = {aPartyField, 0},
    [K_ORGANIZATION] = {aOrgField, 0},
    [K_BODY] = {aBodyField, 0},
    [K_MEMBERSHIP] = {aMembershipField, check_membership},
    [K_CHAIRMANSHIP] = {aChairField, 0},
    [K_DOCUMENT] = {aDocumentField, check_document},
    [K_SESSION] = {aSessionField, 0},
    [K_ACTION] = {aActionField, check_action},
    [K_COMMITMENT] = {aCommitmentField, 0},
    [K_ASSESSMENT] = {aAssessmentField, 0},
    [K_SUBMISSION] = {aSubmissionField, 0},
};

/* ---- Natural keys ------------------------------------------------------- */

char *ic_record_key(Kind kind, const json_t *p) {
  static const char *const aazField[K__COUNT][4] = {
      [K_PARTY] = {"code"},
      [K_MEMBERSHIP] = {"organization", "party", "from"},
      [K_CHAIRMANSHIP] = {"organization"},
      [K_ACTION] = {"document", "party", "type", "date"},
      [K_ASSESSMENT] = {"commitment", "party", "date"},
  };
  static const char *const azId[4] = {"id"};
  Buf k = {0};
  const char *const *azField = aazField[kind][0] ? aazField[kind] : azId;
  for (int i = 0; i < 4 && azField[i]; i++) {
    if (i) buf_putc(&k, '|');
    buf_puts(&k, str(p, azField[i]));
  }
  /* A delegate's self-report is kept apart from the secretariat's
  ** assessment of the same date. */
  if (kind == K_ASSESSMENT && json_is_true(json_object_get(p, "self_report")))
    buf_puts(&k, "|self");
  char *z = xstrdup(k.z); /* kept for the whole load: its size, not the buffer's */
  buf_free(&k);
  return z;
}
