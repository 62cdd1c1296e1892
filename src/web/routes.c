/*
** Every route of the server, in the order they are tried: the JSON API
** under /api/v1/, then the pages (routes.h). A pattern's "{}" segment
** captures one path segment; the first match of path and method wins.
*/
#include "routes.h"

const Route aRoute[] = {
    /* The JSON API (docs/openapi.json). */
    {"GET", "/api/v1/openapi.json", api_get_openapi},
    {"GET", "/api/v1/journal", api_get_journal},
    {"GET", "/api/v1/organizations/{}/members", api_get_members},
    {"GET", "/api/v1/organizations/{}/chair", api_get_chair},
    {"GET", "/api/v1/documents/{}/status", api_get_status},
    {"GET", "/api/v1/organizations/{}/compliance", api_get_compliance},
    {"GET", "/api/v1/commitments/{}/assessments", api_get_commitment_assessments},
    {"POST", "/api/v1/load", api_post_load},
    {"GET", "/api/v1/log/checkpoint", api_log_checkpoint},
    {"GET", "/api/v1/log/proof/inclusion", api_log_inclusion},
    {"GET", "/api/v1/log/proof/consistency", api_log_consistency},
    {"GET", "/api/v1/search", api_get_search},
    {"POST", "/api/v1/ingest", api_post_ingest},
    {"GET", "/api/v1/{}", api_get_list},
    {"POST", "/api/v1/{}", api_post_record},
    {"GET", "/api/v1/{}/{}", api_get_one},
    {"DELETE", "/api/v1/{}/{}", api_delete_record},
    /* The pages. */
    {"GET", "/", page_get_home},
    {"GET", "/organizations", page_get_organizations},
    {"GET", "/organizations/{}", page_get_organization},
    {"GET", "/organizations/{}/compliance", page_get_org_compliance},
    {"GET", "/commitments/{}", page_get_commitment},
    {"GET", "/bodies/{}", page_get_body},
    {"GET", "/sessions", page_get_sessions},
    {"GET", "/sessions/{}", page_get_session},
    {"GET", "/sessions/{}/minutes", page_get_session_minutes},
    {"GET", "/sessions/{}/minutes.md", page_get_session_minutes_md},
    {"GET", "/calendar.ics", page_get_calendar_ics},
    {"GET", "/feed.atom", page_get_feed_atom},
    {"GET", "/parties/{}/feed.atom", page_get_party_feed_atom},
    {"GET", "/documents", page_get_documents},
    {"GET", "/documents/{}", page_get_document},
    {"GET", "/parties", page_get_parties},
    {"GET", "/parties/{}", page_get_party},
    {"GET", "/search", page_get_search},
    {"GET", "/ingest", page_get_ingest},
    {"POST", "/ingest", page_post_ingest},
    {"GET", "/record", page_get_record},
    {"POST", "/record", page_post_record},
    {"GET", "/{}", page_get_unknown},
    {"GET", "/{}/{}", page_get_unknown},
    {"GET", "/{}/{}/{}", page_get_unknown},
};
const int nRoute = (int)(sizeof(aRoute) / sizeof(aRoute[0]));
