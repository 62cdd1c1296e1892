/*
** The schema walk (interchange_jsonschema.h): each Field of a kind's table
** to its JSON Schema. The fields checked by a function (FT_CUSTOM) are
** described here by their name, one row each; a custom field this file does
** not know stops the generator, so a new one is described, never skipped.
*/
#include <string.h>

#include "interchange_int.h"
#include "interchange_jsonschema.h"

#define ID_PATTERN "^[a-z0-9][a-z0-9._-]{0,63}$"
#define CODE_PATTERN "^[A-Z]{3}$"
#define LANG_PATTERN "^[a-z]{2,3}$"

const char *interchange_schema_name(Kind kind) {
  static const char *const az[K__COUNT] = {
      [K_PARTY] = "Party",
      [K_ORGANIZATION] = "Organization",
      [K_BODY] = "Body",
      [K_MEMBERSHIP] = "Membership",
      [K_CHAIRMANSHIP] = "Chairmanship",
      [K_DOCUMENT] = "Document",
      [K_SESSION] = "Session",
      [K_ACTION] = "Action",
      [K_COMMITMENT] = "Commitment",
      [K_ASSESSMENT] = "Assessment",
      [K_SUBMISSION] = "Submission",
  };
  return az[kind];
}

static json_t *ref_to(const char *zName) {
  json_t *p = json_object();
  char zRef[128];
  snprintf(zRef, sizeof(zRef), "#/components/schemas/%s", zName);
  json_object_set_new(p, "$ref", json_string(zRef));
  return p;
}

static json_t *code_schema(void) {
  return json_pack("{s:s, s:s}", "type", "string", "pattern", CODE_PATTERN);
}

/* {"en": ["Belarusian", ...]}: check_aliases. */
static json_t *aliases_schema(void) {
  return json_pack("{s:s, s:{s:s}, s:{s:s, s:{s:s, s:i}}}", "type", "object", "propertyNames",
                   "pattern", LANG_PATTERN, "additionalProperties", "type", "array", "items",
                   "type", "string", "minLength", 1);
}

/* The fields checked by a function, by name (an array's element by its
** array's name). */
static json_t *custom_schema(const char *zName) {
  if (strcmp(zName, "aliases") == 0) return aliases_schema();
  if (strcmp(zName, "order") == 0) /* check_order */
    return json_pack("{s:[{s:s, s:o, s:i}, {s:s, s:[s], s:{s:{s:s, s:s}}, s:b}]}", "oneOf", "type",
                     "array", "items", code_schema(), "minItems", 1, "type", "object", "required",
                     "collate", "properties", "collate", "type", "string", "pattern", LANG_PATTERN,
                     "additionalProperties", 0);
  if (strcmp(zName, "weights") == 0) /* check_weights */
    return json_pack("{s:s, s:{s:s, s:{s:s}, s:{s:s}}}", "type", "object", "additionalProperties",
                     "type", "object", "propertyNames", "pattern", CODE_PATTERN,
                     "additionalProperties", "type", "number");
  if (strcmp(zName, "score") == 0) /* check_score */
    return json_pack("{s:s, s:[i, i, i]}", "type", "integer", "enum", -1, 0, 1);
  if (strcmp(zName, "paragraph") == 0) /* check_paragraph */
    return json_pack("{s:[s, s]}", "type", "string", "integer");
  if (strcmp(zName, "warnings") == 0) /* check_findings */
    return json_pack("{s:s, s:o}", "type", "array", "items", ref_to("Finding"));
  if (strcmp(zName, "conditions") == 0) /* check_condition, one of three shapes */
    return json_pack("{s:s, s:{s:{s:s, s:i}, s:{s:s, s:o}, s:{s:s, s:i}, s:{s:s}}, s:b, "
                     "s:[{s:[s]}, {s:[s]}, {s:[s, s]}]}",
                     "type", "object", "properties", "count", "type", "integer", "minimum", 1,
                     "all_of", "type", "array", "items", code_schema(), "weight", "type", "string",
                     "minLength", 1, "at_least", "type", "number", "additionalProperties", 0,
                     "oneOf", "required", "count", "required", "all_of", "required", "weight",
                     "at_least");
  die(1, "interchange_jsonschema.c: no JSON Schema for the custom field \"%s\"", zName);
  return 0;
}

static json_t *object_schema(const Schema *pSchema);

/* The kind whose table this is, or -1: a record nested in another. */
static int kind_of_table(const Field *aField) {
  for (int k = 0; k < K__COUNT; k++)
    if (ic_kind_schema[k].aField == aField) return k;
  return -1;
}

/* One value of field f; zName names it (an array's element: its array's). */
static json_t *value_schema(const Field *f, const char *zName) {
  json_t *p = 0;
  switch (f->type) {
  case FT_STR: p = json_pack("{s:s, s:i}", "type", "string", "minLength", 1); break;
  case FT_TEXT: p = json_pack("{s:s}", "type", "string"); break;
  case FT_ID: p = json_pack("{s:s, s:s}", "type", "string", "pattern", ID_PATTERN); break;
  case FT_CODE: p = code_schema(); break;
  case FT_DATE: p = json_pack("{s:s, s:s}", "type", "string", "format", "date"); break;
  case FT_YEAR:
    p = json_pack("{s:s, s:i, s:i}", "type", "integer", "minimum", 1, "maximum", 9999);
    break;
  case FT_INT:
    p = json_pack("{s:s, s:i, s:i}", "type", "integer", "minimum", 0, "maximum", 1000000);
    break;
  case FT_NUM: p = json_pack("{s:s}", "type", "number"); break;
  case FT_BOOL: p = json_pack("{s:s}", "type", "boolean"); break;
  case FT_ENUM: {
    json_t *a = json_array();
    for (const char *const *az = f->pArg; *az; az++) json_array_append_new(a, json_string(*az));
    p = json_pack("{s:s, s:o}", "type", "string", "enum", a);
    break;
  }
  case FT_LANGMAP:
    p = json_pack("{s:s, s:i, s:{s:s}, s:{s:s, s:i}}", "type", "object", "minProperties", 1,
                  "propertyNames", "pattern", LANG_PATTERN, "additionalProperties", "type",
                  "string", "minLength", 1);
    break;
  case FT_OBJ: {
    const Schema *pSub = f->pArg;
    int k = kind_of_table(pSub->aField);
    p = k >= 0 ? ref_to(interchange_schema_name((Kind)k)) : object_schema(pSub);
    break;
  }
  case FT_ARR:
    p = json_pack("{s:s, s:o}", "type", "array", "items", value_schema(f->pArg, zName));
    break;
  case FT_CUSTOM: p = custom_schema(zName); break;
  }
  if (f->flags & NUL) {
    json_t *pType = json_object_get(p, "type");
    json_t *pEnum = json_object_get(p, "enum");
    if (json_is_string(pType)) {
      json_object_set_new(p, "type", json_pack("[O, s]", pType, "null"));
      if (pEnum) json_array_append_new(pEnum, json_null());
    } else if (json_is_array(pType)) {
      json_array_append_new(pType, json_string("null"));
    } else {
      p = json_pack("{s:[o, {s:s}]}", "anyOf", p, "type", "null");
    }
  }
  return p;
}

static json_t *object_schema(const Schema *pSchema) {
  json_t *pProps = json_object(), *aReq = json_array();
  for (const Field *f = pSchema->aField; f->zName; f++) {
    json_object_set_new(pProps, f->zName, value_schema(f, f->zName));
    if (f->flags & REQ) json_array_append_new(aReq, json_string(f->zName));
  }
  json_t *p = json_pack("{s:s}", "type", "object");
  if (json_array_size(aReq))
    json_object_set_new(p, "required", aReq);
  else
    json_decref(aReq);
  json_object_set_new(p, "properties", pProps);
  json_object_set_new(p, "additionalProperties", json_false());
  return p;
}

json_t *interchange_json_schema(Kind kind) {
  return object_schema(&ic_kind_schema[kind]);
}
