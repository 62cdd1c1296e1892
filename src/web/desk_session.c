/*
** The depositary's session form (/desk/new/session, /desk/edit/session/ID):
** the body, number, date, place and format; the members of the body's
** organization on that date, each with who came and in what role (a party
** that is not a member may be added: an observer, a guest); the documents
** adopted, chosen from the organization's; the next session and the
** sources. "List the members on this date" redraws the list for a new date
** keeping what was typed; saving runs a dry run first (validation and the
** consistency checks, each message beside its field; warnings need "Save
** anyway") and then writes through form_load, the forms' one write path.
*/
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "desk_records.h"
#include "entity.h"
#include "fields.h"
#include "page.h"
#include "registry.h"
#include "routes.h"
#include "term.h"

/* ---- The view: what the form shows, from the record or as posted ------------------ */

/* The live record as the form's view (number as text). */
static json_t *view_of_record(const json_t *pRec) {
  json_t *v = json_deep_copy(pRec);
  json_t *pNum = json_object_get(v, "number");
  if (json_is_integer(pNum)) {
    char z[32];
    snprintf(z, sizeof(z), "%lld", (long long)json_integer_value(pNum));
    json_object_set_new(v, "number", json_string(z));
  } else {
    json_object_del(v, "number");
  }
  return v;
}

/* The posted form as the view. */
static json_t *view_of_form(const Form *f) {
  json_t *v = json_object();
  static const char *const azField[] = {"id", "body", "number", "date", "place", "format"};
  for (size_t i = 0; i < sizeof(azField) / sizeof(azField[0]); i++)
    desk_set_str(v, azField[i], form_get(f, azField[i]));
  json_t *aAtt = json_array();
  for (int i = 0; i < desk_count(f, "att_party"); i++) {
    json_t *a = json_object();
    desk_set_str(a, "party", form_get_nth(f, "att_party", i));
    desk_set_str(a, "status", form_get_nth(f, "att_status", i));
    desk_set_str(a, "by", form_get_nth(f, "att_by", i));
    desk_set_str(a, "role", form_get_nth(f, "att_role", i));
    json_array_append_new(aAtt, a);
  }
  if (desk_value(f, "add_party")) { /* a party that is not a member, added */
    bool bListed = false;
    for (size_t i = 0; i < json_array_size(aAtt); i++)
      if (strcmp(dflt(str(json_array_get(aAtt, i), "party"), ""), form_get(f, "add_party")) == 0)
        bListed = true;
    if (!bListed) {
      json_t *a = json_object();
      desk_set_str(a, "party", form_get(f, "add_party"));
      desk_set_str(a, "status",
                   desk_value(f, "add_status") ? form_get(f, "add_status") : "observer");
      desk_set_str(a, "by", form_get(f, "add_by"));
      desk_set_str(a, "role", form_get(f, "add_role"));
      json_array_append_new(aAtt, a);
    }
  }
  json_object_set_new(v, "attendance", aAtt);
  json_t *aAdopted = json_array();
  for (int i = 0; i < desk_count(f, "adopted"); i++)
    json_array_append_new(aAdopted, json_string(form_get_nth(f, "adopted", i)));
  json_object_set_new(v, "adopted", aAdopted);
  json_t *pNext = json_object();
  desk_set_str(pNext, "date", form_get(f, "next_date"));
  desk_set_str(pNext, "place", form_get(f, "next_place"));
  json_object_set_new(v, "next", pNext);
  json_t *aSrc = json_array();
  for (int i = 0; i < desk_count(f, "source_title"); i++) {
    json_t *s = json_object();
    desk_set_str(s, "title", form_get_nth(f, "source_title", i));
    desk_set_str(s, "ref", form_get_nth(f, "source_ref", i));
    desk_set_str(s, "date", form_get_nth(f, "source_date", i));
    json_array_append_new(aSrc, s);
  }
  json_object_set_new(v, "sources", aSrc);
  return v;
}

/* ---- The record, from the view ---------------------------------------------------- */

/* The interchange record of session zId from view v; problems the record
** cannot express (a number that is not one, who came without whether)
** beside their fields in pErrors. */
static json_t *record_of_view(const json_t *v, const char *zId, json_t *pErrors) {
  json_t *r = json_object();
  json_object_set_new(r, "id", json_string(zId));
  if (!desk_blank(str(v, "body"))) desk_set_str(r, "body", str(v, "body"));
  if (!desk_blank(str(v, "number"))) {
    char *zEnd;
    long long n = strtoll(str(v, "number"), &zEnd, 10);
    if (*zEnd || n < 0)
      desk_note(pErrors, "number", _("The number is a whole number, like 52 (or leave it blank)."));
    else
      json_object_set_new(r, "number", json_integer(n));
  }
  desk_set_str(r, "date", str(v, "date"));
  if (!desk_blank(str(v, "place"))) desk_set_str(r, "place", str(v, "place"));
  if (!desk_blank(str(v, "format"))) desk_set_str(r, "format", str(v, "format"));
  json_t *aAtt = json_array();
  size_t i;
  json_t *a;
  json_array_foreach(json_object_get(v, "attendance"), i, a) {
    const char *zParty = dflt(str(a, "party"), "");
    if (desk_blank(str(a, "status"))) {
      if (!desk_blank(str(a, "by")) || !desk_blank(str(a, "role"))) {
        char *zField = xprintf("att-%s-status", zParty);
        desk_note(pErrors, zField,
                  _("Say whether they were present, absent, represented or an observer: a "
                    "name or a role is given."));
        xfree(zField);
      }
      continue;
    }
    json_t *e = json_object();
    desk_set_str(e, "party", zParty);
    desk_set_str(e, "status", str(a, "status"));
    if (!desk_blank(str(a, "by"))) desk_set_str(e, "by", str(a, "by"));
    if (!desk_blank(str(a, "role"))) desk_set_str(e, "role", str(a, "role"));
    json_array_append_new(aAtt, e);
  }
  json_object_set_new(r, "attendance", aAtt);
  json_object_set(r, "adopted", json_object_get(v, "adopted"));
  const json_t *pNext = json_object_get(v, "next");
  if (!desk_blank(str(pNext, "date")) || !desk_blank(str(pNext, "place"))) {
    json_t *n = json_object();
    json_object_set_new(
        n, "date", desk_blank(str(pNext, "date")) ? json_null() : json_string(str(pNext, "date")));
    json_object_set_new(n, "place",
                        desk_blank(str(pNext, "place")) ? json_null()
                                                        : json_string(str(pNext, "place")));
    json_object_set_new(r, "next", n);
  }
  json_t *aSrc = json_array();
  json_array_foreach(json_object_get(v, "sources"), i, a) {
    if (desk_blank(str(a, "title")) && desk_blank(str(a, "ref"))) continue;
    json_t *s = json_object();
    if (!desk_blank(str(a, "title"))) desk_set_str(s, "title", str(a, "title"));
    if (!desk_blank(str(a, "ref"))) desk_set_str(s, "ref", str(a, "ref"));
    if (!desk_blank(str(a, "date"))) desk_set_str(s, "date", str(a, "date"));
    json_array_append_new(aSrc, s);
  }
  if (json_array_size(aSrc))
    json_object_set_new(r, "sources", aSrc);
  else
    json_decref(aSrc);
  return r;
}

/* The form's field of a message about the record at zPath. */
static const char *session_field_of(const char *zPath, void *pCtx) {
  static const char *const azTop[] = {"id", "body", "number", "date", "place", "format"};
  const json_t *pRec = pCtx;
  size_t n = strcspn(zPath, ".[:");
  for (size_t i = 0; i < sizeof(azTop) / sizeof(azTop[0]); i++)
    if (strlen(azTop[i]) == n && strncmp(zPath, azTop[i], n) == 0) return azTop[i];
  if (strncmp(zPath, "next.date", 9) == 0) return "next-date";
  if (strncmp(zPath, "next.place", 10) == 0) return "next-place";
  if (strncmp(zPath, "next", 4) == 0) return "next-date";
  if (strncmp(zPath, "adopted", 7) == 0) return "adopted";
  if (strncmp(zPath, "sources", 7) == 0) return "sources";
  if (strncmp(zPath, "attendance[", 11) == 0) { /* the row's own field */
    static char zField[64];
    size_t k = (size_t)atoi(zPath + 11);
    const char *zParty = str(json_array_get(json_object_get(pRec, "attendance"), k), "party");
    const char *zSub = strchr(zPath, ']');
    const char *zWhich = "status";
    if (zSub && strncmp(zSub, "].by", 4) == 0) zWhich = "by";
    if (zSub && strncmp(zSub, "].role", 6) == 0) zWhich = "role";
    if (zParty && strlen(zParty) < 8) {
      snprintf(zField, sizeof(zField), "att-%s-%s", zParty, zWhich);
      return zField;
    }
  }
  if (strncmp(zPath, "attendance", 10) == 0) return "attendance";
  return "";
}

/* ---- The page ----------------------------------------------------------------------- */

typedef struct SessionPage {
  Req *pReq;
  bool bEdit;
  const char *zId; /* edit: the session's id */
  const char *zCsrf;
  json_t *v; /* the view */
  json_t *pErrors, *pWarnings;
  bool bConfirm;        /* warnings shown: the next save is "anyway" */
  const char *zInfo;    /* a notice that is not an error (HTML), or NULL */
  const char *zRefused; /* form_load's answer when it refused (HTML), or NULL */
} SessionPage;

/* The attendance's choice; its words agree with the party (zAgree, from
** term_agreement: «Беларусь присутствовала») where the language says so. */
static void put_status_select(Buf *p, const char *zId, const char *zName, const char *zLabelledBy,
                              const char *zSelected, bool bBlank, const json_t *pErrors,
                              const char *zAgree) {
  hprintf(p, "<select id=\"%s\" name=\"%s\" aria-labelledby=\"%s\"", zId, zName, zLabelledBy);
  desk_aria(p, zId, false, pErrors);
  buf_puts(p, ">");
  if (bBlank) desk_option(p, "", _("not recorded"), zSelected);
  for (size_t i = 0; ic_azAttendance[i]; i++)
    desk_option(p, ic_azAttendance[i],
                dflt(term_in(zAgree, ic_azAttendance[i]), desk_word(ic_azAttendance[i])),
                zSelected);
  buf_puts(p, "</select>");
}

/* One party's row of the attendance table. */
static void attendance_row(Buf *p, const SessionPage *s, const char *zParty, const char *zKind,
                           const json_t *a, const json_t *pParties) {
  char zRow[32], zIdS[48], zIdB[48], zIdR[48], zLab[96];
  snprintf(zRow, sizeof(zRow), "att-%s", zParty);
  snprintf(zIdS, sizeof(zIdS), "att-%s-status", zParty);
  snprintf(zIdB, sizeof(zIdB), "att-%s-by", zParty);
  snprintf(zIdR, sizeof(zIdR), "att-%s-role", zParty);
  hprintf(p, "<tr><th scope=\"row\" id=\"%s\">", zRow);
  put_name(p, json_object_get(json_object_get(pParties, zParty), "name"), zParty);
  hprintf(p, " <span class=\"small muted\">%s", zParty);
  if (zKind) hprintf(p, ", %s", zKind); /* words already */
  hprintf(p, "</span><input type=\"hidden\" name=\"att_party\" value=\"%s\"></th><td>", zParty);
  snprintf(zLab, sizeof(zLab), "%s att-h-status", zRow);
  put_status_select(
      p, zIdS, "att_status", zLab, str(a, "status"), true, s->pErrors,
      term_agreement(name_here(json_object_get(json_object_get(pParties, zParty), "name"), 0)));
  desk_after(p, zIdS, 0, s->pErrors, s->pWarnings);
  snprintf(zLab, sizeof(zLab), "%s att-h-by", zRow);
  hprintf(p, "</td><td><input id=\"%s\" name=\"att_by\" value=\"%s\" aria-labelledby=\"%s\"", zIdB,
          dflt(str(a, "by"), ""), zLab);
  desk_aria(p, zIdB, false, s->pErrors);
  buf_puts(p, ">");
  desk_after(p, zIdB, 0, s->pErrors, s->pWarnings);
  snprintf(zLab, sizeof(zLab), "%s att-h-role", zRow);
  hprintf(p, "</td><td><input id=\"%s\" name=\"att_role\" value=\"%s\" aria-labelledby=\"%s\"",
          zIdR, dflt(str(a, "role"), ""), zLab);
  desk_aria(p, zIdR, false, s->pErrors);
  buf_puts(p, ">");
  desk_after(p, zIdR, 0, s->pErrors, s->pWarnings);
  buf_puts(p, "</td></tr>");
}

static const json_t *attendance_of(const json_t *aAtt, const char *zParty) {
  size_t i;
  json_t *a;
  json_array_foreach(aAtt, i, a) if (strcmp(dflt(str(a, "party"), ""), zParty) == 0) return a;
  return 0;
}

/* The body's organization, or NULL. */
static char *body_org(Db *pDb, const char *zBody) {
  if (desk_blank(zBody)) return 0;
  json_t *b = entity_get(pDb, K_BODY, zBody);
  char *z = str(b, "organization") ? xstrdup(str(b, "organization")) : 0;
  json_decref(b);
  return z;
}

/* The attendance: the members on the date, then the others recorded. */
static void session_attendance(Buf *p, const SessionPage *s, const char *zOrg,
                               const json_t *pParties) {
  Db *pDb = s->pReq->pDb;
  const json_t *aAtt = json_object_get(s->v, "attendance");
  pdate day;
  const char *zDate = dflt(str(s->v, "date"), "");
  bool bDate = date_parse(zDate, strlen(zDate), &day) == 0;
  json_t *pMem = 0;
  if (zOrg && bDate) {
    Buf err = {0};
    pMem = query_members(pDb, zOrg, day, &err);
    buf_free(&err);
  }
  const json_t *aMember = json_object_get(pMem, "members");
  hprintf(p, "<fieldset id=\"attendance\"><legend>%s</legend>", _("Attendance"));
  Buf longDay = {0};
  if (bDate) i18n_date_iso(&longDay, zDate);
  if (!zOrg) {
    buf_puts(p, "<p class=\"hint\">");
    buf_puts(p, _("Choose the body and press <em>List the members on this date</em>."));
    buf_puts(p, "</p>");
  } else if (!bDate) {
    buf_puts(p, "<p class=\"hint\">");
    buf_puts(p, _("Give the date and press <em>List the members on this date</em>."));
    buf_puts(p, "</p>");
  } else {
    buf_puts(p, "<p class=\"hint\" id=\"attendance-hint\">");
    hprintf(p,
            _("The members of %s on %s (%zu). Leave <em>not recorded</em> for a party the "
              "sources do not mention."),
            zOrg, longDay.z, json_array_size(aMember));
    buf_puts(p, "</p>");
  }
  Buf cap = {0};
  if (bDate)
    buf_printf(&cap, _("Who came on %s"), longDay.z);
  else
    buf_puts(&cap, _("Who came"));
  buf_free(&longDay);
  hprintf(p,
          "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"%s\"><table>"
          "<caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\" id=\"att-h-status\">%s</th><th scope=\"col\" "
          "id=\"att-h-by\">%s</th><th scope=\"col\" id=\"att-h-role\">%s</th></tr>"
          "</thead><tbody>",
          cap.z, cap.z, _("Party"), _("Attendance"), _("Who (name)"), _("Role"));
  buf_free(&cap);
  int nRow = 0;
  size_t i;
  json_t *m, *a;
  json_array_foreach(aMember, i, m) {
    const char *zParty = dflt(str(m, "party"), "");
    attendance_row(p, s, zParty, str(m, "kind") ? desk_word(str(m, "kind")) : 0,
                   attendance_of(aAtt, zParty), pParties);
    nRow++;
  }
  json_array_foreach(aAtt, i, a) {
    const char *zParty = dflt(str(a, "party"), "");
    bool bMember = false;
    size_t k;
    json_array_foreach(aMember, k, m) if (strcmp(dflt(str(m, "party"), ""), zParty) == 0) bMember =
        true;
    if (bMember) continue;
    if (pMem && desk_blank(str(a, "status")) && desk_blank(str(a, "by")) &&
        desk_blank(str(a, "role")))
      continue;
    attendance_row(p, s, zParty, pMem ? _("not a member on this date") : 0, a, pParties);
    nRow++;
  }
  if (!nRow)
    hprintf(p, "<tr><td colspan=\"4\" class=\"muted\">%s</td></tr>", _("No members listed yet."));
  buf_puts(p, "</tbody></table></div>");
  desk_after(p, "attendance", 0, s->pErrors, s->pWarnings);
  /* A party that is not a member. */
  hprintf(p,
          "<details class=\"add\"><summary>%s</summary><div class=\"row\"><div><label "
          "for=\"add_party\">%s</label><select id=\"add_party\" name=\"add_party\"><option "
          "value=\"\">%s</option>",
          _("Add a party that is not a member (an observer, a guest)"), _("Party"),
          _("Choose a party"));
  const char *zKey;
  json_t *pp;
  json_object_foreach((json_t *)pParties, zKey, pp) {
    Buf label = {0};
    buf_printf(&label, "%s \xe2\x80\x94 %s", zKey, name_here(json_object_get(pp, "name"), zKey));
    desk_option(p, zKey, label.z, 0);
    buf_free(&label);
  }
  hprintf(p, "</select></div><div><label for=\"add_status\">%s</label>", _("Attendance"));
  put_status_select(p, "add_status", "add_status", "add_status-label", "observer", false,
                    s->pErrors, 0);
  hprintf(p,
          "</div><div><label for=\"add_by\">%s</label><input id=\"add_by\" "
          "name=\"add_by\"></div><div><label for=\"add_role\">%s</label><input "
          "id=\"add_role\" name=\"add_role\"></div></div><p class=\"hint\">%s</p></details>"
          "</fieldset>",
          _("By"), _("Role"), _("It joins the list when you save or list the members."));
  json_decref(pMem);
}

/* The documents adopted: the organization's, and any already chosen. */
static void session_adopted(Buf *p, const SessionPage *s, const char *zOrg) {
  Db *pDb = s->pReq->pDb;
  const json_t *aChosen = json_object_get(s->v, "adopted");
  json_t *aDoc = zOrg ? entity_list(pDb, K_DOCUMENT, zOrg) : json_array();
  json_t *pAll = entity_map(pDb, K_DOCUMENT, "id");
  hprintf(p, "<fieldset id=\"adopted\"><legend>%s</legend>", _("Documents adopted"));
  bool bAny = false;
  size_t i, k;
  json_t *d, *c;
  /* Chosen ones of another organization first, so they stay. */
  json_array_foreach(aChosen, k, c) {
    const char *zDoc = json_string_value(c);
    bool bListed = false;
    json_array_foreach(aDoc, i, d) if (strcmp(dflt(str(d, "id"), ""), dflt(zDoc, "")) == 0)
        bListed = true;
    if (bListed || !zDoc) continue;
    const json_t *pd = json_object_get(pAll, zDoc);
    hprintf(p,
            "<div class=\"check\"><input type=\"checkbox\" name=\"adopted\" value=\"%s\" "
            "id=\"adopted-%s\" checked><label for=\"adopted-%s\">",
            zDoc, zDoc, zDoc);
    put_name(p, json_object_get(pd, "title"), zDoc);
    hprintf(p, " <span class=\"small muted\">%s</span></label></div>", zDoc);
    bAny = true;
  }
  json_array_foreach(aDoc, i, d) {
    const char *zDoc = dflt(str(d, "id"), "");
    bool bChecked = false;
    json_array_foreach(aChosen, k, c) if (strcmp(dflt(json_string_value(c), ""), zDoc) == 0)
        bChecked = true;
    hprintf(p,
            "<div class=\"check\"><input type=\"checkbox\" name=\"adopted\" value=\"%s\" "
            "id=\"adopted-%s\"%s><label for=\"adopted-%s\">",
            zDoc, zDoc, bChecked ? " checked" : "", zDoc);
    put_name(p, json_object_get(d, "title"), zDoc);
    hprintf(p, " <span class=\"small muted\">%s</span></label></div>", zDoc);
    bAny = true;
  }
  if (!bAny)
    hprintf(p, "<p class=\"%s\">%s</p>", zOrg ? "muted" : "hint",
            zOrg ? _("The organization has no documents recorded.")
                 : _("Choose the body to list its organization's documents."));
  desk_after(p, "adopted", 0, s->pErrors, s->pWarnings);
  buf_puts(p, "</fieldset>");
  json_decref(aDoc);
  json_decref(pAll);
}

static void session_sources(Buf *p, const SessionPage *s) {
  const json_t *aSrc = json_object_get(s->v, "sources");
  hprintf(p, "<fieldset id=\"sources\"><legend>%s</legend>", _("Sources"));
  size_t n = json_array_size(aSrc), k = 0;
  for (size_t i = 0; i <= n; i++) {
    const json_t *a = json_array_get(aSrc, i); /* NULL: the blank row */
    if (i < n && desk_blank(str(a, "title")) && desk_blank(str(a, "ref"))) continue;
    k++;
    hprintf(p,
            "<div class=\"row\"><div><label for=\"source-title-%zu\">%s</label><input "
            "id=\"source-title-%zu\" name=\"source_title\" value=\"%s\"></div><div><label "
            "for=\"source-ref-%zu\">%s</label><input "
            "id=\"source-ref-%zu\" name=\"source_ref\" value=\"%s\"><input type=\"hidden\" "
            "name=\"source_date\" value=\"%s\"></div></div>",
            k - 1, _("Title"), k - 1, dflt(str(a, "title"), ""), k - 1,
            _("Reference (address or file)"), k - 1, dflt(str(a, "ref"), ""),
            dflt(str(a, "date"), ""));
  }
  desk_after(p, "sources",
             _("Where the record comes from: a press release, minutes. Save to add another row."),
             s->pErrors, s->pWarnings);
  buf_puts(p, "</fieldset>");
}

/* "LABEL (optional)" as HTML: a new string. */
static char *optional_label(const char *zLabel) {
  Buf b = {0};
  hprintf(&b, "%s <span class=\"muted\">%s</span>", zLabel, _("(optional)"));
  char *z = xstrdup(b.z);
  buf_free(&b);
  return z;
}

static void session_page(Resp *r, int status, SessionPage *s) {
  Req *pReq = s->pReq;
  Db *pDb = pReq->pDb;
  json_t *pParties = entity_map(pDb, K_PARTY, "code");
  char *zOrg = body_org(pDb, str(s->v, "body"));
  Buf title = {0};
  if (s->bEdit)
    buf_printf(&title, _("Edit the session %s"), s->zId);
  else
    buf_puts(&title, _("New session"));
  Buf b = {0};
  pages_begin(&b, pReq, title.z, "/desk");
  hprintf(&b, "<h1>%s</h1>", title.z);
  buf_free(&title);
  if (s->bEdit)
    hprintf(&b, "<p class=\"lede\">%s <a href=\"/sessions/%s\">%s</a>.</p>",
            _("The session as recorded; change what the sources say and save."), s->zId,
            _("The session's page"));
  else
    hprintf(&b, "<p class=\"lede\">%s</p>",
            _("A meeting of a body: who came, what was adopted, when the next one meets. Choose "
              "the body and the date, then list the members to record their attendance."));
  desk_notice(&b, s->pErrors, s->pWarnings);
  if (s->zInfo) form_notice(&b, true, s->zInfo);
  if (s->zRefused) form_notice(&b, false, s->zRefused);
  hprintf(&b, "<form method=\"post\" action=\"%s\" class=\"fields desk\" novalidate>", pReq->zPath);
  hprintf(&b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", s->zCsrf);
  if (s->bConfirm) desk_confirm_field(&b, s->pWarnings);
  hprintf(&b, "<fieldset><legend>%s</legend>", _("The session"));
  /* Body */
  json_t *aBody = entity_list(pDb, K_BODY, 0);
  json_t *pOrgs = entity_map(pDb, K_ORGANIZATION, "id");
  hprintf(&b, "<div><label for=\"body\">%s</label><select id=\"body\" name=\"body\"", _("Body"));
  desk_aria(&b, "body", false, s->pErrors);
  hprintf(&b, "><option value=\"\">%s</option>", _("Choose a body"));
  size_t i;
  json_t *pb;
  json_array_foreach(aBody, i, pb) {
    const char *zO = dflt(str(pb, "organization"), "");
    Buf label = {0};
    buf_printf(&label, "%s \xe2\x80\x94 %s",
               name_here(json_object_get(json_object_get(pOrgs, zO), "name"), zO),
               name_here(json_object_get(pb, "name"), str(pb, "id")));
    desk_option(&b, dflt(str(pb, "id"), ""), label.z, str(s->v, "body"));
    buf_free(&label);
  }
  buf_puts(&b, "</select>");
  desk_after(&b, "body", 0, s->pErrors, s->pWarnings);
  buf_puts(&b, "</div>");
  json_decref(aBody);
  json_decref(pOrgs);
  char *zLabel = optional_label(_("Number"));
  desk_input(&b, "number", "number", zLabel, "text", str(s->v, "number"),
             _("The session's ordinal number, when the body counts them."), s->pErrors,
             s->pWarnings);
  xfree(zLabel);
  desk_input(&b, "date", "date", _("Date"), "date", str(s->v, "date"), _("YYYY-MM-DD"), s->pErrors,
             s->pWarnings);
  hprintf(&b,
          "<div><button type=\"submit\" name=\"action\" value=\"members\" "
          "class=\"secondary\">%s</button></div>",
          _("List the members on this date"));
  zLabel = optional_label(_("Place"));
  desk_input(&b, "place", "place", zLabel, "text", str(s->v, "place"), 0, s->pErrors, s->pWarnings);
  xfree(zLabel);
  hprintf(&b, "<div><label for=\"format\">%s</label><select id=\"format\" name=\"format\"",
          _("Format"));
  desk_aria(&b, "format", false, s->pErrors);
  buf_puts(&b, ">");
  desk_option(&b, "", _("not recorded"), str(s->v, "format"));
  for (i = 0; ic_azSessionFormat[i]; i++)
    desk_option(&b, ic_azSessionFormat[i], desk_word(ic_azSessionFormat[i]), str(s->v, "format"));
  buf_puts(&b, "</select>");
  desk_after(&b, "format", 0, s->pErrors, s->pWarnings);
  buf_puts(&b, "</div>");
  if (!s->bEdit) {
    zLabel = optional_label(_("Identifier"));
    desk_input(&b, "id", "id", zLabel, "text", str(s->v, "id"),
               _("Blank: the body and the date, like <code>csto-cfm-2026-11-20</code>."),
               s->pErrors, s->pWarnings);
    xfree(zLabel);
  }
  buf_puts(&b, "</fieldset>");
  session_attendance(&b, s, zOrg, pParties);
  session_adopted(&b, s, zOrg);
  const json_t *pNext = json_object_get(s->v, "next");
  hprintf(&b, "<fieldset><legend>%s</legend><div class=\"row\">", _("Next session"));
  desk_input(&b, "next-date", "next_date", _("Date"), "date", str(pNext, "date"), 0, s->pErrors,
             s->pWarnings);
  desk_input(&b, "next-place", "next_place", _("Place"), "text", str(pNext, "place"), 0, s->pErrors,
             s->pWarnings);
  buf_puts(&b, "</div></fieldset>");
  session_sources(&b, s);
  form_token_field(&b, pReq, "");
  hprintf(&b,
          "<div class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"save\">%s"
          "</button></div></form>",
          s->bConfirm ? _("Save anyway") : _("Save the session"));
  pages_end(&b, pReq);
  page_send(r, status, &b, false);
  xfree(zOrg);
  json_decref(pParties);
}

static void session_page_refused(Resp *r, int status, SessionPage *s, const char *zHtml) {
  s->zRefused = zHtml;
  session_page(r, status, s);
}

/* ---- The handlers ---------------------------------------------------------------------- */

static void session_get(Req *pReq, Resp *r, bool bEdit) {
  if (!desk_allowed(pReq, r)) return;
  SessionPage s = {
      pReq, bEdit, bEdit ? pReq->azParam[0] : 0, 0, 0, json_object(), json_object(), false, 0, 0};
  if (bEdit) {
    json_t *pRec = entity_get(pReq->pDb, K_SESSION, s.zId);
    if (!pRec) {
      json_decref(s.pErrors);
      json_decref(s.pWarnings);
      pages_not_found(pReq, r, "session", s.zId);
      return;
    }
    s.v = view_of_record(pRec);
    json_decref(pRec);
  } else {
    s.v = json_object();
    desk_set_str(s.v, "body", req_arg(pReq, "body"));
    desk_set_str(s.v, "date", req_arg(pReq, "date"));
  }
  char zCsrf[33];
  csrf_new(r, pReq->zPath, zCsrf);
  s.zCsrf = zCsrf;
  session_page(r, 200, &s);
  json_decref(s.v);
  json_decref(s.pErrors);
  json_decref(s.pWarnings);
}

void page_get_desk_new_session(Req *pReq, Resp *r) {
  session_get(pReq, r, false);
}

void page_get_desk_edit_session(Req *pReq, Resp *r) {
  session_get(pReq, r, true);
}

static void session_post(Req *pReq, Resp *r, bool bEdit) {
  if (!desk_allowed(pReq, r) || !desk_form_type(pReq, r)) return;
  Db *pDb = pReq->pDb;
  if (bEdit && entity_seq(pDb, K_SESSION, pReq->azParam[0]) == 0) {
    pages_not_found(pReq, r, "session", pReq->azParam[0]);
    return;
  }
  Form f;
  form_parse(&f, pReq->zBody ? pReq->zBody : "", pReq->nBody);
  SessionPage s = {pReq,
                   bEdit,
                   bEdit ? pReq->azParam[0] : 0,
                   0,
                   view_of_form(&f),
                   json_object(),
                   json_object(),
                   false,
                   0,
                   0};
  char zCsrf[33];
  int status = 200;
  json_t *pRec = 0;
  char *zNewId = 0;
  s.zCsrf = zCsrf;
  if (!csrf_ok(pReq, &f, zCsrf)) {
    csrf_new(r, pReq->zPath, zCsrf);
    desk_note(s.pErrors, "",
              _("The form had expired or did not come from this page (its security code did not "
                "match). Check the fields and save again."));
    status = 403;
    goto show;
  }
  if (!desk_utf8(&f)) {
    desk_note(s.pErrors, "", _("The form was not valid UTF-8 text."));
    status = 400;
    goto show;
  }
  const char *zDate = dflt(str(s.v, "date"), "");
  pdate day;
  if (strcmp(dflt(form_get(&f, "action"), ""), "members") == 0) {
    if (date_parse(zDate, strlen(zDate), &day) != 0)
      desk_note(s.pErrors, "date",
                _("Give the date as YYYY-MM-DD, a real day, to list the members."));
    if (desk_blank(str(s.v, "body"))) desk_note(s.pErrors, "body", _("Choose the body."));
    goto show;
  }
  /* Save: the record, a dry run, then the write. */
  const char *zId = s.zId;
  if (!bEdit) {
    if (!desk_blank(str(s.v, "id"))) {
      zId = str(s.v, "id");
    } else if (!desk_blank(str(s.v, "body")) && !desk_blank(zDate)) {
      zId = zNewId = xprintf("%s-%s", str(s.v, "body"), zDate);
    } else {
      desk_note(s.pErrors, desk_blank(str(s.v, "body")) ? "body" : "date",
                desk_blank(str(s.v, "body")) ? _("Choose the body.")
                                             : _("Give the session's date."));
      status = 400;
      goto show;
    }
    if (entity_seq(pDb, K_SESSION, zId)) {
      Buf m = {0};
      buf_printf(&m,
                 _("A session %s is already recorded: edit it instead (/desk/edit/session/%s), "
                   "or give another identifier."),
                 zId, zId);
      desk_note(s.pErrors, "id", m.z);
      buf_free(&m);
      status = 409;
      goto show;
    }
  }
  pRec = record_of_view(s.v, zId, s.pErrors);
  if (json_object_size(s.pErrors)) {
    status = 400;
    goto show;
  }
  if (!desk_dry_run(pDb, &pReq->caller, "sessions", "session", zId, pRec, session_field_of, pRec,
                    s.pErrors, s.pWarnings)) {
    status = 400;
    goto show;
  }
  if (json_object_size(s.pWarnings) && !desk_confirmed(&f, s.pWarnings)) {
    s.bConfirm = true;
    goto show;
  }
  json_object_clear(s.pWarnings);
  {
    LoadResult res;
    Buf msg = {0};
    status =
        form_load(pDb, &pReq->caller, "sessions", pRec, _("Nothing was recorded."), &msg, &res);
    if (status == 200 || status == 201) {
      snprintf(r->zLocation, sizeof(r->zLocation), "/sessions/%s", zId);
      resp_text(r, 303, "text/plain; charset=utf-8", "recorded\n", 9);
      buf_free(&msg);
      goto done;
    }
    session_page_refused(r, status, &s, msg.z);
    buf_free(&msg);
    goto done;
  }
show:
  session_page(r, status, &s);
done:
  xfree(zNewId);
  json_decref(pRec);
  json_decref(s.v);
  json_decref(s.pErrors);
  json_decref(s.pWarnings);
  form_free(&f);
}

void page_post_desk_new_session(Req *pReq, Resp *r) {
  session_post(pReq, r, false);
}

void page_post_desk_edit_session(Req *pReq, Resp *r) {
  session_post(pReq, r, true);
}
