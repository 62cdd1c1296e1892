/*
** Every route of the server, in the order they are tried: the JSON API
** under /api/v1/, then the pages (routes.h). A pattern's "{}" segment
** captures one path segment; the first match of path and method wins. The
** last column is the largest request body the route takes (0: none).
*/
#include "routes.h"

const Route aRoute[] = {
    /* The JSON API (docs/openapi.json). */
    {"GET", "/api/v1/openapi.json", api_get_openapi, 0},
    {"GET", "/api/v1/journal", api_get_journal, 0},
    {"GET", "/api/v1/organizations/{}/members", api_get_members, 0},
    {"GET", "/api/v1/organizations/{}/chair", api_get_chair, 0},
    {"GET", "/api/v1/documents/{}/status", api_get_status, 0},
    {"GET", "/api/v1/organizations/{}/compliance", api_get_compliance, 0},
    {"GET", "/api/v1/commitments/{}/assessments", api_get_commitment_assessments, 0},
    {"GET", "/api/v1/checks", api_get_checks, 0},
    {"GET", "/api/v1/submissions", api_get_submissions, 0},
    {"GET", "/api/v1/submissions/{}", api_get_submission, 0},
    {"POST", "/api/v1/submissions/{}/accept", api_post_accept, RECORD_MAX_BODY},
    {"POST", "/api/v1/submissions/{}/reject", api_post_reject, RECORD_MAX_BODY},
    {"POST", "/api/v1/load", api_post_load, HTTP_MAX_BODY},
    {"GET", "/api/v1/log/checkpoint", api_log_checkpoint, 0},
    {"GET", "/api/v1/log/proof/inclusion", api_log_inclusion, 0},
    {"GET", "/api/v1/log/proof/consistency", api_log_consistency, 0},
    {"GET", "/api/v1/search", api_get_search, 0},
    {"POST", "/api/v1/ingest", api_post_ingest, INGEST_MAX_BODY},
    {"GET", "/api/v1/{}", api_get_list, 0},
    {"POST", "/api/v1/{}", api_post_record, HTTP_MAX_BODY},
    {"GET", "/api/v1/{}/{}", api_get_one, 0},
    {"DELETE", "/api/v1/{}/{}", api_delete_record, 0},
    /* The pages. */
    {"GET", "/", page_get_home, 0},
    {"GET", "/organizations", page_get_organizations, 0},
    {"GET", "/organizations/{}", page_get_organization, 0},
    {"GET", "/organizations/{}/compliance", page_get_org_compliance, 0},
    {"GET", "/commitments/{}", page_get_commitment, 0},
    {"GET", "/bodies/{}", page_get_body, 0},
    {"GET", "/sessions", page_get_sessions, 0},
    {"GET", "/sessions/{}", page_get_session, 0},
    {"GET", "/sessions/{}/minutes", page_get_session_minutes, 0},
    {"GET", "/sessions/{}/minutes.md", page_get_session_minutes_md, 0},
    {"GET", "/calendar.ics", page_get_calendar_ics, 0},
    {"GET", "/feed.atom", page_get_feed_atom, 0},
    {"GET", "/parties/{}/feed.atom", page_get_party_feed_atom, 0},
    {"GET", "/documents", page_get_documents, 0},
    {"GET", "/documents/{}", page_get_document, 0},
    {"GET", "/parties", page_get_parties, 0},
    {"GET", "/parties/{}", page_get_party, 0},
    {"GET", "/search", page_get_search, 0},
    {"GET", "/checks", page_get_checks, 0},
    {"GET", "/login", page_get_login, 0},
    {"POST", "/login", page_post_login, RECORD_MAX_BODY},
    {"GET", "/logout", page_get_logout, 0},
    {"POST", "/logout", page_post_logout, RECORD_MAX_BODY},
    {"GET", "/desk", page_get_desk, 0},
    {"POST", "/desk/submissions/{}/accept", page_post_desk_accept, RECORD_MAX_BODY},
    {"POST", "/desk/submissions/{}/reject", page_post_desk_reject, RECORD_MAX_BODY},
    {"GET", "/ingest", page_get_ingest, 0},
    {"POST", "/ingest", page_post_ingest, INGEST_MAX_BODY},
    {"GET", "/record", page_get_record, 0},
    {"POST", "/record", page_post_record, RECORD_MAX_BODY},
    /* The desk's forms of every other kind (desk_forms.c): after the two above. */
    {"GET", "/desk/new/{}", page_get_desk_new, 0},
    {"POST", "/desk/new/{}", page_post_desk_new, RECORD_MAX_BODY},
    {"GET", "/desk/edit/{}/{}", page_get_desk_edit, 0},
    {"POST", "/desk/edit/{}/{}", page_post_desk_edit, RECORD_MAX_BODY},
    {"POST", "/desk/retract/{}/{}", page_post_desk_retract, RECORD_MAX_BODY},
    {"GET", "/{}", page_get_unknown, 0},
    {"GET", "/{}/{}", page_get_unknown, 0},
    {"GET", "/{}/{}/{}", page_get_unknown, 0},
};
const int nRoute = (int)(sizeof(aRoute) / sizeof(aRoute[0]));
