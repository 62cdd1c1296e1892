/*
** The API contract, docs/openapi.json (docs/api.md): tools/openapi/api.json
** (written by hand: the operations, their parameters, and the answers that
** are not records) with the schema of every record kind walked from the
** validator's field tables (interchange_json_schema), and the schemas made
** from those (a record of any kind, a list of one kind, an interchange
** document). It also checks what a tool needs of every operation: an
** operationId and a summary, the error shape on every 4xx, the bearer scheme
** on every write and every submissions route, no "$ref" to nothing.
**
**   gen_openapi api.json              prints the document
**   gen_openapi api.json --check FILE fails if FILE is not what it prints
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interchange_jsonschema.h"
#include "util.h"

static int nProblem;

static void problem(const char *zWhat, const char *zMethod, const char *zPath) {
  fprintf(stderr, "gen_openapi: %s %s: %s\n", zMethod, zPath, zWhat);
  nProblem++;
}

static json_t *ref_to(const char *zName) {
  char z[128];
  snprintf(z, sizeof(z), "#/components/schemas/%s", zName);
  return json_pack("{s:s}", "$ref", z);
}

static void add_schema(json_t *pSchemas, const char *zName, json_t *p) {
  if (json_object_get(pSchemas, zName))
    die(1, "gen_openapi: schema %s is both in api.json and made from the tables", zName);
  json_object_set_new(pSchemas, zName, p);
}

/* The schemas made from the field tables. */
static void add_kind_schemas(json_t *pSchemas) {
  json_t *aRecord = json_array(), *aList = json_array(), *aOne = json_array();
  json_t *pSections = json_pack("{s:{s:s, s:i, s:s}}", "pacta", "type", "integer", "const", 1,
                                "description", "the interchange format's version");
  for (int k = 0; k < K__COUNT; k++) {
    const char *zName = interchange_schema_name((Kind)k);
    const char *zSection = kind_section((Kind)k);
    json_t *pSchema = interchange_json_schema((Kind)k);
    char zDesc[160];
    snprintf(zDesc, sizeof(zDesc), "A record of kind %s (interchange section \"%s\").",
             kind_name((Kind)k), zSection);
    json_object_set_new(pSchema, "description", json_string(zDesc));
    add_schema(pSchemas, zName, pSchema);
    json_array_append_new(aRecord, ref_to(zName));
    if (k != K_PARTY) json_array_append_new(aOne, ref_to(zName)); /* a party: its profile */
    char zList[64];
    snprintf(zList, sizeof(zList), "%sList", zName);
    add_schema(pSchemas, zList,
               json_pack("{s:s, s:[s, s, s, s], s:{s:{s:s, s:o}, s:{s:s}, s:{s:s}, s:{s:s}, "
                         "s:{s:s, s:s}}}",
                         "type", "object", "required", zSection, "total", "limit", "offset",
                         "properties", zSection, "type", "array", "items", ref_to(zName), "total",
                         "type", "integer", "limit", "type", "integer", "offset", "type", "integer",
                         "next_cursor", "type", "string", "description",
                         "?cursor= of the next page; absent on the last"));
    json_array_append_new(aList, ref_to(zList));
    json_object_set_new(pSections, zSection,
                        json_pack("{s:s, s:o}", "type", "array", "items", ref_to(zName)));
  }
  json_array_append_new(aOne, ref_to("PartyProfile"));
  add_schema(pSchemas, "Record",
             json_pack("{s:s, s:o}", "description",
                       "One record, of the kind of the collection it is sent to.", "anyOf",
                       aRecord));
  add_schema(pSchemas, "RecordList",
             json_pack("{s:s, s:o}", "description",
                       "A page of a collection: {\"<section>\": [...], total, limit, offset}.",
                       "anyOf", aList));
  add_schema(pSchemas, "RecordOrProfile",
             json_pack("{s:s, s:o}", "description",
                       "One record; for a party (/api/v1/parties/{code}), its profile.", "anyOf",
                       aOne));
  add_schema(pSchemas, "Interchange",
             json_pack("{s:s, s:s, s:[s], s:o, s:b}", "description",
                       "An interchange document (docs/design.md section 4): a section of records "
                       "per kind.",
                       "type", "object", "required", "pacta", "properties", pSections,
                       "additionalProperties", 0));
}

/* Every "$ref" names a schema of the document. */
static void check_refs(const json_t *p, const json_t *pSchemas) {
  if (json_is_object(p)) {
    const char *zKey;
    json_t *pVal;
    json_object_foreach((json_t *)p, zKey, pVal) {
      if (strcmp(zKey, "$ref") == 0) {
        const char *z = json_string_value(pVal);
        const char *zPre = "#/components/schemas/";
        if (!z || strncmp(z, zPre, strlen(zPre)) != 0 ||
            !json_object_get(pSchemas, z + strlen(zPre)))
          problem("a $ref to nothing", "", z ? z : "?");
      } else {
        check_refs(pVal, pSchemas);
      }
    }
  } else if (json_is_array(p)) {
    for (size_t i = 0; i < json_array_size(p); i++) check_refs(json_array_get(p, i), pSchemas);
  }
}

static bool has_bearer(const json_t *pOp) {
  const json_t *a = json_object_get(pOp, "security");
  for (size_t i = 0; i < json_array_size(a); i++)
    if (json_object_get(json_array_get(a, i), "bearer")) return true;
  return false;
}

static void check_operations(const json_t *pDoc) {
  const json_t *pPaths = json_object_get(pDoc, "paths");
  json_t *pIds = json_object();
  const char *zPath;
  json_t *pItem;
  json_object_foreach((json_t *)pPaths, zPath, pItem) {
    const char *zMethod;
    json_t *pOp;
    json_object_foreach(pItem, zMethod, pOp) {
      const char *zId = json_string_value(json_object_get(pOp, "operationId"));
      if (!zId)
        problem("no operationId", zMethod, zPath);
      else if (json_object_get(pIds, zId))
        problem("operationId used twice", zMethod, zPath);
      else
        json_object_set_new(pIds, zId, json_true());
      if (!json_string_value(json_object_get(pOp, "summary")))
        problem("no summary", zMethod, zPath);
      if ((strcmp(zMethod, "get") != 0 || strstr(zPath, "/submissions")) && !has_bearer(pOp))
        problem("a write or a submissions route without the bearer scheme", zMethod, zPath);
      const char *zCode;
      json_t *pResp;
      json_object_foreach(json_object_get(pOp, "responses"), zCode, pResp) {
        const char *zRef = json_string_value(json_object_get(
            json_object_get(json_object_get(json_object_get(pResp, "content"), "application/json"),
                            "schema"),
            "$ref"));
        if (zCode[0] == '4' && (!zRef || strcmp(zRef, "#/components/schemas/Error") != 0))
          problem("a 4xx answer without the Error schema", zMethod, zPath);
      }
    }
  }
  json_decref(pIds);
}

int main(int argc, char **argv) {
  if (argc != 2 && !(argc == 4 && strcmp(argv[2], "--check") == 0)) {
    fprintf(stderr, "usage: gen_openapi API_JSON [--check OPENAPI_JSON]\n");
    return 2;
  }
  json_error_t err;
  json_t *pDoc = json_load_file(argv[1], JSON_REJECT_DUPLICATES, &err);
  if (!pDoc) die(1, "gen_openapi: %s:%d: %s", argv[1], err.line, err.text);
  json_t *pSchemas = json_object_get(json_object_get(pDoc, "components"), "schemas");
  if (!json_is_object(pSchemas)) die(1, "gen_openapi: %s: no components.schemas", argv[1]);
  add_kind_schemas(pSchemas);
  check_refs(pDoc, pSchemas);
  check_operations(pDoc);
  char *z = json_dumps(pDoc, JSON_INDENT(1));
  json_decref(pDoc);
  int rc = nProblem ? 1 : 0;
  if (argc == 2) {
    if (!rc) printf("%s\n", z);
  } else if (!rc) {
    FILE *f = fopen(argv[3], "rb");
    Buf have = {0};
    char aChunk[65536];
    size_t n;
    while (f && (n = fread(aChunk, 1, sizeof(aChunk), f)) > 0) buf_append(&have, aChunk, n);
    if (f) fclose(f);
    size_t nWant = strlen(z);
    if (!f || have.n != nWant + 1 || memcmp(have.z, z, nWant) != 0 || have.z[nWant] != '\n') {
      fprintf(stderr,
              "gen_openapi: %s is not what the generator makes now from tools/openapi/api.json "
              "and the field tables (src/registry/interchange_schema.c): regenerate it with "
              "`cmake --build BUILD --target openapi` and commit it\n",
              argv[3]);
      rc = 1;
    } else {
      printf("%s is up to date\n", argv[3]);
    }
    buf_free(&have);
  }
  xfree(z);
  return rc;
}
