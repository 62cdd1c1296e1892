/*
** The interchange format's record kinds as JSON Schema (2020-12, the dialect
** of OpenAPI 3.1), walked from the validator's own field tables
** (interchange_schema.c), so the API contract (docs/openapi.json, made by
** tools/openapi/gen_openapi.c; docs/api.md) cannot say other than the
** validator does.
*/
#ifndef PACTA_INTERCHANGE_JSONSCHEMA_H
#define PACTA_INTERCHANGE_JSONSCHEMA_H

#include <jansson.h>

#include "kind.h"

/* "Party", "Organization", ...: the name of a kind's schema in the
** OpenAPI document's components.schemas. */
const char *interchange_schema_name(Kind kind);

/* The JSON Schema of one record of `kind`, a new reference. A record kind
** nested in another (a submission's actions) is a "$ref" to
** "#/components/schemas/NAME", and a submission's warnings refer to
** "#/components/schemas/Finding", which the document defines. */
json_t *interchange_json_schema(Kind kind);

#endif
