/*
** The handlers of every route, and the one table that lists them (routes.c).
** API handlers are api_*, page handlers page_*.
*/
#ifndef PACTA_ROUTES_H
#define PACTA_ROUTES_H

#include "http.h"

extern const Route aRoute[];
extern const int nRoute;

/* Request bodies of routes that take less than HTTP_MAX_BODY. */
#define INGEST_MAX_BODY                                                                            \
  (1u << 20)                        /* a press release (URL-encoded on the page: Cyrillic triples) \
                                     */
#define RECORD_MAX_BODY (64u << 10) /* the form of one action */

void api_get_openapi(Req *pReq, Resp *r);
void api_get_journal(Req *pReq, Resp *r);
void api_get_export(Req *pReq, Resp *r); /* api_lists.c, with api_get_list and api_get_journal */
void api_get_checks(Req *pReq, Resp *r);
void api_get_submissions(Req *pReq, Resp *r);
void api_get_submission(Req *pReq, Resp *r);
void api_post_accept(Req *pReq, Resp *r);
void api_post_reject(Req *pReq, Resp *r);
/* A delegate's write of pDoc (an interchange document): a submission,
** answered 202 (api_submissions.c). */
void api_submit(Req *pReq, Resp *r, const json_t *pDoc);
void page_get_checks(Req *pReq, Resp *r);
void page_get_login(Req *pReq, Resp *r);
void page_post_login(Req *pReq, Resp *r);
void page_get_logout(Req *pReq, Resp *r);
void page_post_logout(Req *pReq, Resp *r);
/* The desk of the signed-in depositary or delegate (pages_desk.c). */
void page_get_desk(Req *pReq, Resp *r);
void page_post_desk_accept(Req *pReq, Resp *r);
void page_post_desk_reject(Req *pReq, Resp *r);
void api_get_members(Req *pReq, Resp *r);
void api_get_chair(Req *pReq, Resp *r);
void api_get_status(Req *pReq, Resp *r);
void api_get_compliance(Req *pReq, Resp *r);
void api_get_commitment_assessments(Req *pReq, Resp *r);
void api_post_load(Req *pReq, Resp *r);
void api_log_checkpoint(Req *pReq, Resp *r);
void api_log_inclusion(Req *pReq, Resp *r);
void api_log_consistency(Req *pReq, Resp *r);
void api_get_search(Req *pReq, Resp *r);
void api_post_ingest(Req *pReq, Resp *r);
void api_get_list(Req *pReq, Resp *r);
void api_post_record(Req *pReq, Resp *r);
void api_get_one(Req *pReq, Resp *r);
void api_delete_record(Req *pReq, Resp *r);

void page_get_home(Req *pReq, Resp *r);
void page_get_organizations(Req *pReq, Resp *r);
void page_get_organization(Req *pReq, Resp *r);
void page_get_org_compliance(Req *pReq, Resp *r);
void page_get_commitment(Req *pReq, Resp *r);
void page_get_body(Req *pReq, Resp *r);
void page_get_sessions(Req *pReq, Resp *r);
void page_get_session(Req *pReq, Resp *r);
void page_get_session_minutes(Req *pReq, Resp *r);
void page_get_session_minutes_md(Req *pReq, Resp *r);
/* report_pages.c: the status reports and the minutes as PDF (docs/reports.md). */
void page_get_session_minutes_pdf(Req *pReq, Resp *r);
void page_get_report_document(Req *pReq, Resp *r);
void page_get_report_party(Req *pReq, Resp *r);
void page_get_report_organization(Req *pReq, Resp *r);
void page_get_calendar_ics(Req *pReq, Resp *r);
void page_get_feed_atom(Req *pReq, Resp *r);
void page_get_party_feed_atom(Req *pReq, Resp *r);
void page_get_documents(Req *pReq, Resp *r);
void page_get_document(Req *pReq, Resp *r);
void page_get_parties(Req *pReq, Resp *r);
void page_get_journal(Req *pReq, Resp *r); /* pages_lists.c, with the other list pages */
void page_get_party(Req *pReq, Resp *r);
void page_get_search(Req *pReq, Resp *r);
void page_get_ingest(Req *pReq, Resp *r);
void page_post_ingest(Req *pReq, Resp *r);
void page_get_record(Req *pReq, Resp *r);
void page_post_record(Req *pReq, Resp *r);
/* The depositary's session and document forms (desk_session.c, desk_document.c). */
#define DESK_RECORD_MAX_BODY (256u << 10) /* a session with every member's attendance */
void page_get_desk_new_session(Req *pReq, Resp *r);
void page_post_desk_new_session(Req *pReq, Resp *r);
void page_get_desk_edit_session(Req *pReq, Resp *r);
void page_post_desk_edit_session(Req *pReq, Resp *r);
void page_get_desk_new_document(Req *pReq, Resp *r);
void page_post_desk_new_document(Req *pReq, Resp *r);
void page_get_desk_edit_document(Req *pReq, Resp *r);
void page_post_desk_edit_document(Req *pReq, Resp *r);
/* The desk's forms of parties, organizations, memberships, bodies, actions,
** chairmanships, commitments and assessments (desk_forms.c): new, edit,
** retract with a reason. */
void page_get_desk_new(Req *pReq, Resp *r);
void page_post_desk_new(Req *pReq, Resp *r);
void page_get_desk_edit(Req *pReq, Resp *r);
void page_post_desk_edit(Req *pReq, Resp *r);
void page_post_desk_retract(Req *pReq, Resp *r);
void page_get_unknown(Req *pReq, Resp *r);

#endif
