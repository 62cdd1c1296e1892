/*
** The minutes of a session (publish.h), generated from the record as a
** printable HTML document or as Markdown, one section after the other:
** heading, facts, attendance, absent, documents adopted, actions taken,
** commitments given, next session, and a note on where they come from.
** Every word is in the thread's language (i18n.h), dates in its long style.
*/
#include "fields.h"
#include "publish.h"
#include "publish_int.h"

#include <stdarg.h>
#include <string.h>

#include "entity.h"
#include "html.h"
#include "i18n.h"
#include "kind.h"
#include "place.h"
#include "registry.h"
#include "term.h"

#if defined(__GNUC__)
#define PRINTF_LIKE(iFmt, iArg) __attribute__((format(printf, iFmt, iArg)))
#else
#define PRINTF_LIKE(iFmt, iArg)
#endif

/* ---- One writer for both forms, so HTML and Markdown say the same --------------- */

typedef struct Doc {
  Buf *p;
  bool bMd;
  int nCol; /* columns of the open table */
  /* A printable document (rdoc.h) instead: text goes to p (its own
  ** scratch buffer), each paragraph, item and cell a block or cell. */
  RDoc *pR;
  RBlock *pTable;
} Doc;

static void md_escape(Buf *p, const char *z) {
  for (; z && *z; z++) {
    if (strchr("\\`*_[]<>|#", *z)) buf_putc(p, '\\');
    if (*z == '\n') {
      buf_putc(p, ' ');
      continue;
    }
    buf_putc(p, *z);
  }
}

static void doc_text(Doc *d, const char *z) {
  if (d->pR)
    buf_puts(d->p, z ? z : "");
  else if (d->bMd)
    md_escape(d->p, z);
  else
    html_escape(d->p, z);
}

PRINTF_LIKE(2, 0) static void doc_vtext(Doc *d, const char *zFmt, va_list ap) {
  Buf t = {0};
  buf_vprintf(&t, zFmt, ap);
  doc_text(d, t.z);
  buf_free(&t);
}

PRINTF_LIKE(2, 3) static void doc_textf(Doc *d, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  doc_vtext(d, zFmt, ap);
  va_end(ap);
}

/* zText linking to zPrefix + zId; plain text when zId is NULL. */
static void doc_link(Doc *d, const char *zText, const char *zPrefix, const char *zId) {
  if (!zId || d->pR) {
    doc_text(d, zText);
  } else if (d->bMd) {
    buf_putc(d->p, '[');
    md_escape(d->p, zText);
    buf_printf(d->p, "](%s", zPrefix);
    for (const char *z = zId; *z; z++) {
      if (*z == '(' || *z == ')' || *z == ' ')
        buf_printf(d->p, "%%%02X", (unsigned char)*z);
      else
        buf_putc(d->p, *z);
    }
    buf_putc(d->p, ')');
  } else {
    hprintf(d->p, "<a href=\"%s%s\">%s</a>", zPrefix, zId, zText);
  }
}

/* Text in language zLang (NULL: the document's) in HTML is marked with its
** lang when it is not the document's (WCAG 3.1.2): doc_lang_begin and
** doc_lang_end round it. */
static bool doc_lang_other(const Doc *d, const char *zLang) {
  return !d->bMd && !d->pR && zLang && strcmp(zLang, i18n_lang()) != 0;
}
static void doc_lang_begin(Doc *d, const char *zLang) {
  if (doc_lang_other(d, zLang)) hprintf(d->p, "<span lang=\"%s\">", zLang);
}
static void doc_lang_end(Doc *d, const char *zLang) {
  if (doc_lang_other(d, zLang)) buf_puts(d->p, "</span>");
}
/* Free text of the record (its language guessed from its letters). */
static void doc_free_text(Doc *d, const char *z) {
  const char *zLang = publish_text_lang(z);
  doc_lang_begin(d, zLang);
  doc_text(d, z);
  doc_lang_end(d, zLang);
}

/* A place: a registry city's name in the document's language (place_here),
** else the place as recorded. */
static void doc_place(Doc *d, Db *pDb, const char *zPlace) {
  const char *zHere = place_here(pDb, zPlace);
  if (zHere)
    doc_text(d, zHere);
  else
    doc_free_text(d, zPlace);
}

static void doc_h2(Doc *d, const char *zId, const char *z) {
  if (d->pR) {
    rdoc_add(d->pR, R_HEADING, z);
  } else if (d->bMd) {
    buf_puts(d->p, "\n## ");
    md_escape(d->p, z);
    buf_puts(d->p, "\n\n");
  } else {
    hprintf(d->p, "<h2 id=\"%s\">%s</h2>\n", zId, z);
  }
}

/* The printable document's block of the text gathered since it began. */
static void doc_r_begin(Doc *d) {
  buf_reset(d->p);
}
static void doc_r_end(Doc *d, RKind kind) {
  rdoc_add(d->pR, kind, d->p->z ? d->p->z : "");
  buf_reset(d->p);
}

static void doc_para_begin(Doc *d) {
  if (d->pR)
    doc_r_begin(d);
  else if (!d->bMd)
    buf_puts(d->p, "<p>");
}
static void doc_para_end(Doc *d) {
  if (d->pR)
    doc_r_end(d, R_PARA);
  else
    buf_puts(d->p, d->bMd ? "\n\n" : "</p>\n");
}
static void doc_para(Doc *d, const char *z) {
  doc_para_begin(d);
  doc_text(d, z);
  doc_para_end(d);
}

PRINTF_LIKE(2, 3) static void doc_paraf(Doc *d, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  doc_para_begin(d);
  doc_vtext(d, zFmt, ap);
  doc_para_end(d);
  va_end(ap);
}

static void doc_list_begin(Doc *d) {
  if (!d->bMd && !d->pR) buf_puts(d->p, "<ul>\n");
}
static void doc_item_begin(Doc *d) {
  if (d->pR)
    doc_r_begin(d);
  else
    buf_puts(d->p, d->bMd ? "- " : "<li>");
}
static void doc_item_end(Doc *d) {
  if (d->pR)
    doc_r_end(d, R_ITEM);
  else
    buf_puts(d->p, d->bMd ? "\n" : "</li>\n");
}
static void doc_list_end(Doc *d) {
  if (!d->pR) buf_puts(d->p, d->bMd ? "\n" : "</ul>\n");
}

/* An item: "zLabel: ", then zText (in language zLang) linking to zPrefix +
** zId. */
static void doc_item_link(Doc *d, const char *zLabel, const char *zText, const char *zPrefix,
                          const char *zId, const char *zLang) {
  doc_item_begin(d);
  doc_textf(d, "%s: ", zLabel);
  doc_lang_begin(d, zLang);
  doc_link(d, zText, zPrefix, zId);
  doc_lang_end(d, zLang);
  doc_item_end(d);
}

PRINTF_LIKE(2, 3) static void doc_itemf(Doc *d, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  doc_item_begin(d);
  doc_vtext(d, zFmt, ap);
  doc_item_end(d);
  va_end(ap);
}

/* zHeads: column names separated by '|' (translated text). */
static void doc_table_begin(Doc *d, const char *zCaption, const char *zHeads) {
  d->nCol = 0;
  if (d->pR) {
    const char *azHead[16];
    for (const char *z = zHeads; *z && d->nCol < 16;) {
      size_t n = strcspn(z, "|");
      buf_append(d->p, z, n);
      buf_putc(d->p, 0);
      z += n;
      if (*z) z++;
      d->nCol++;
    }
    const char *zAt = d->p->z;
    for (int i = 0; i < d->nCol; i++, zAt += strlen(zAt) + 1) azHead[i] = zAt;
    d->pTable = rdoc_table(d->pR, zCaption, d->nCol, azHead, 0);
    buf_reset(d->p);
    return;
  }
  if (d->bMd)
    buf_puts(d->p, "|");
  else
    hprintf(d->p, "<table><caption>%s</caption><thead><tr>", zCaption);
  for (const char *z = zHeads; *z;) {
    size_t n = strcspn(z, "|");
    buf_puts(d->p, d->bMd ? " " : "<th scope=\"col\">");
    buf_append(d->p, z, n);
    buf_puts(d->p, d->bMd ? " |" : "</th>");
    d->nCol++;
    z += n;
    if (*z) z++;
  }
  if (d->bMd) {
    buf_puts(d->p, "\n|");
    for (int i = 0; i < d->nCol; i++) buf_puts(d->p, " --- |");
    buf_puts(d->p, "\n");
  } else {
    buf_puts(d->p, "</tr></thead><tbody>\n");
  }
}
static void doc_row_begin(Doc *d) {
  if (!d->pR) buf_puts(d->p, d->bMd ? "|" : "<tr>");
}
static void doc_cell_begin(Doc *d) {
  if (d->pR)
    doc_r_begin(d);
  else
    buf_puts(d->p, d->bMd ? " " : "<td>");
}
static void doc_cell_end(Doc *d) {
  if (d->pR) {
    rdoc_cell(d->pR, d->pTable, d->p->z ? d->p->z : "");
    buf_reset(d->p);
  } else {
    buf_puts(d->p, d->bMd ? " |" : "</td>");
  }
}
static void doc_cell(Doc *d, const char *z) {
  doc_cell_begin(d);
  doc_text(d, z ? z : "");
  doc_cell_end(d);
}
static void doc_row_end(Doc *d) {
  if (!d->pR) buf_puts(d->p, d->bMd ? "\n" : "</tr>\n");
}
static void doc_table_end(Doc *d) {
  if (!d->pR) buf_puts(d->p, d->bMd ? "\n" : "</tbody></table>\n");
}

/* ---- What the sections share ---------------------------------------------------- */

typedef struct Minutes {
  Doc d;
  Db *pDb;
  const char *zSession;
  json_t *s; /* the session */
  /* Bodies, organizations and documents by id, parties by code. */
  json_t *pBodies, *pOrgs, *pParties, *pDocs;
  json_t *aAdopted; /* ids of the documents adopted at it */
  /* Its body and organization (zOrg may be NULL), their names, its date. */
  const char *zBody, *zBodyName, *zOrg, *zOrgName, *zDate;
} Minutes;

static bool str_in_array(const json_t *a, const char *z) {
  for (size_t i = 0; i < json_array_size(a); i++)
    if (strcmp(dflt(json_string_value(json_array_get(a, i)), ""), z) == 0) return true;
  return false;
}

/* The documents adopted: listed by the session, or naming it as theirs. */
static json_t *adopted_ids(const Minutes *m) {
  json_t *aAdopted = json_array();
  const json_t *a = json_object_get(m->s, "adopted");
  for (size_t i = 0; i < json_array_size(a); i++)
    if (json_is_string(json_array_get(a, i))) json_array_append(aAdopted, json_array_get(a, i));
  const char *zDoc;
  json_t *pDoc;
  json_object_foreach(m->pDocs, zDoc, pDoc) {
    const char *zS = str(json_object_get(pDoc, "adopted"), "session");
    if (zS && strcmp(zS, m->zSession) == 0 && !str_in_array(aAdopted, zDoc))
      json_array_append_new(aAdopted, json_string(zDoc));
  }
  return aAdopted;
}

static void minutes_load(Minutes *m) {
  m->pBodies = entity_map(m->pDb, K_BODY, "id");
  m->pOrgs = entity_map(m->pDb, K_ORGANIZATION, "id");
  m->pParties = entity_map(m->pDb, K_PARTY, "code");
  m->pDocs = entity_map(m->pDb, K_DOCUMENT, "id");
  m->zBody = dflt(str(m->s, "body"), "");
  m->zBodyName = publish_name(m->pBodies, m->zBody, "name");
  m->zOrg = str(json_object_get(m->pBodies, m->zBody), "organization");
  m->zOrgName = publish_name(m->pOrgs, dflt(m->zOrg, ""), "name");
  m->zDate = dflt(str(m->s, "date"), "");
  m->aAdopted = adopted_ids(m);
}

static void minutes_free(Minutes *m) {
  json_decref(m->aAdopted);
  json_decref(m->pBodies);
  json_decref(m->pOrgs);
  json_decref(m->pParties);
  json_decref(m->pDocs);
  json_decref(m->s);
}

/* "Name (CODE)" of a party, appended to p. */
static void minutes_put_party(Buf *p, const json_t *pParties, const char *zCode) {
  buf_printf(p, "%s (%s)", publish_name(pParties, dflt(zCode, ""), "name"), dflt(zCode, ""));
}

/* A cell "Name (CODE)" linking to the party (zCode NULL: no link). */
static void party_cell(Minutes *m, const char *zCode) {
  Buf t = {0};
  minutes_put_party(&t, m->pParties, zCode);
  doc_cell_begin(&m->d);
  doc_link(&m->d, t.z, "/parties/", zCode);
  doc_cell_end(&m->d);
  buf_free(&t);
}

/* ---- The sections ------------------------------------------------------------- */

static const char zMinutesStyle[] =
    "body{font:15px/1.5 Georgia,'Times New Roman',serif;color:#111;max-width:50rem;"
    "margin:1.5rem auto;padding:0 1rem}"
    "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .4rem;"
    "border-bottom:1px solid #999}"
    "table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}"
    "caption{text-align:left;font-style:italic;padding:.2rem 0}"
    "th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}"
    "thead th{background:#f0f0f0}"
    ".muted,.meta{color:#555}.meta{font-size:.9rem}.tools{font:14px system-ui,sans-serif;"
    "margin-bottom:1rem}a{color:#1d4e89}"
    "@media print{.tools{display:none}a{color:inherit;text-decoration:none}"
    "body{margin:0;max-width:none}}";

/* The title; in HTML also the head of the document and the links above. */
static void minutes_heading(Minutes *m) {
  Buf *pOut = m->d.p, t = {0};
  const json_t *pNumber = json_object_get(m->s, "number");
  Buf day = {0};
  publish_date(&day, m->zDate);
  if (json_is_integer(pNumber))
    buf_printf(&t, _("Minutes of the %s, session %lld, %s"), m->zBodyName,
               (long long)json_integer_value(pNumber), day.z ? day.z : "");
  else
    buf_printf(&t, _("Minutes of the %s, %s"), m->zBodyName, day.z ? day.z : "");
  buf_free(&day);
  if (m->d.pR) {
    rdoc_add(m->d.pR, R_TITLE, t.z);
    xfree(m->d.pR->zTitle);
    m->d.pR->zTitle = xstrdup(t.z);
    rdoc_set_footer(m->d.pR, t.z);
  } else if (m->d.bMd) {
    buf_puts(pOut, "# ");
    md_escape(pOut, t.z);
    buf_puts(pOut, "\n\n");
  } else {
    hprintf(pOut,
            "<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<link rel=\"icon\" href=\"data:,\"><title>%s</title>",
            i18n_lang(), t.z);
    buf_printf(pOut, "<style>%s</style></head><body>", zMinutesStyle);
    hprintf(pOut,
            "<div class=\"tools\"><nav aria-label=\"%s\"><a href=\"/\">pacta</a> \xc2\xb7 "
            "<a href=\"/sessions/%s\">%s</a> \xc2\xb7 "
            "<a href=\"/sessions/%s/minutes.md\">Markdown</a></nav></div>"
            "<main id=\"main\"><h1>%s</h1>\n",
            _("Main"), m->zSession, _("Back to the session"), m->zSession, t.z);
  }
  buf_free(&t);
}

/* The facts: organization, body, date, place, format, the record. */
static void minutes_facts(Minutes *m) {
  Doc *d = &m->d;
  char *zFormat = publish_words(dflt(str(m->s, "format"), _("not recorded")));
  Buf day = {0};
  publish_date(&day, m->zDate);
  doc_list_begin(d);
  doc_item_link(
      d, _("Organization"), m->zOrgName, "/organizations/", m->zOrg,
      name_here_lang(json_object_get(json_object_get(m->pOrgs, dflt(m->zOrg, "")), "name")));
  doc_item_link(d, _("Body"), m->zBodyName, "/bodies/", m->zBody,
                name_here_lang(json_object_get(json_object_get(m->pBodies, m->zBody), "name")));
  doc_itemf(d, "%s: %s", _("Date"), day.z ? day.z : "");
  doc_item_begin(d);
  doc_textf(d, "%s: ", _("Place"));
  if (str(m->s, "place"))
    doc_place(d, m->pDb, str(m->s, "place"));
  else
    doc_text(d, _("not stated"));
  doc_item_end(d);
  doc_itemf(d, "%s: %s", _("Format"), zFormat);
  doc_item_link(d, _("Record"), m->zSession, "/sessions/", m->zSession, 0);
  doc_list_end(d);
  buf_free(&day);
  xfree(zFormat);
}

/* Attendance and level of representation. */
static void minutes_attendance(Minutes *m) {
  Doc *d = &m->d;
  const json_t *aAtt = json_object_get(m->s, "attendance");
  doc_h2(d, "attendance", _("Attendance"));
  if (!json_array_size(aAtt)) {
    doc_para(d, _("No attendance recorded."));
    return;
  }
  /* TRANSLATORS: the heads of the table's columns, separated by '|'. */
  doc_table_begin(d, _("Attendance and level of representation"), _("Party|Attendance|By|Role"));
  for (size_t i = 0; i < json_array_size(aAtt); i++) {
    const json_t *a = json_array_get(aAtt, i);
    const char *zParty = dflt(str(a, "party"), "");
    const char *zAgree = term_agreement(publish_name(m->pParties, zParty, "name"));
    const char *zTerm = term_in(zAgree, str(a, "status"));
    char *zStatus = zTerm ? xstrdup(zTerm) : publish_words(str(a, "status"));
    doc_row_begin(d);
    party_cell(m, dflt(str(a, "party"), ""));
    doc_cell(d, zStatus);
    doc_cell_begin(d);
    doc_free_text(d, dflt(str(a, "by"), ""));
    doc_cell_end(d);
    doc_cell_begin(d);
    doc_free_text(d, dflt(str(a, "role"), ""));
    doc_cell_end(d);
    doc_row_end(d);
    xfree(zStatus);
  }
  doc_table_end(d);
}

static bool party_listed(const json_t *aAtt, const char *zCode) {
  for (size_t k = 0; k < json_array_size(aAtt); k++)
    if (strcmp(dflt(str(json_array_get(aAtt, k), "party"), ""), zCode) == 0) return true;
  return false;
}

/* Members of the organization on the day of the session whom its
** attendance does not list, as "Name (CODE), ..." into pOut. */
static void members_unmentioned(Minutes *m, const json_t *aAtt, Buf *pOut) {
  pdate day = date_of(json_object_get(m->s, "date"));
  if (day == DATE_NONE || !m->zOrg) return;
  Buf err = {0};
  json_t *pMem = query_members(m->pDb, m->zOrg, day, &err);
  buf_free(&err);
  const json_t *aMember = json_object_get(pMem, "members");
  for (size_t i = 0; i < json_array_size(aMember); i++) {
    const char *zCode = dflt(str(json_array_get(aMember, i), "party"), "");
    if (party_listed(aAtt, zCode)) continue;
    if (pOut->n) buf_puts(pOut, ", ");
    minutes_put_party(pOut, m->pParties, zCode);
  }
  json_decref(pMem);
}

/* Absent: recorded absent, and members on the day the record does not
** mention. */
static void minutes_absent(Minutes *m) {
  const json_t *aAtt = json_object_get(m->s, "attendance");
  Buf absent = {0}, missing = {0};
  doc_h2(&m->d, "absent", _("Absent"));
  for (size_t i = 0; i < json_array_size(aAtt); i++) {
    const json_t *a = json_array_get(aAtt, i);
    if (strcmp(dflt(str(a, "status"), ""), "absent") != 0) continue;
    if (absent.n) buf_puts(&absent, ", ");
    minutes_put_party(&absent, m->pParties, str(a, "party"));
  }
  members_unmentioned(m, aAtt, &missing);
  doc_paraf(&m->d, _("Recorded as absent: %s."), absent.n ? absent.z : _("none"));
  if (missing.n)
    doc_paraf(&m->d,
              _("Members of the organization on that day whom the record does not mention: %s."),
              missing.z);
  buf_free(&absent);
  buf_free(&missing);
}

/* Documents adopted, with their type. */
static void minutes_adopted(Minutes *m) {
  Doc *d = &m->d;
  doc_h2(d, "adopted", _("Documents adopted"));
  if (!json_array_size(m->aAdopted)) {
    doc_para(d, _("None recorded."));
    return;
  }
  doc_list_begin(d);
  for (size_t i = 0; i < json_array_size(m->aAdopted); i++) {
    const char *zDoc = json_string_value(json_array_get(m->aAdopted, i));
    const json_t *pDoc = json_object_get(m->pDocs, zDoc);
    doc_item_begin(d);
    const char *zLang = name_here_lang(json_object_get(pDoc, "title"));
    doc_lang_begin(d, zLang);
    doc_link(d, publish_name(m->pDocs, zDoc, "title"), "/documents/", zDoc);
    doc_lang_end(d, zLang);
    if (str(pDoc, "type")) doc_textf(d, " (%s)", publish_document_type(str(pDoc, "type")));
    doc_item_end(d);
  }
  doc_list_end(d);
}

static void action_row(Minutes *m, const char *zDoc, const json_t *a) {
  Doc *d = &m->d;
  char *zType = publish_words(str(a, "type"));
  Buf t = {0};
  doc_row_begin(d);
  party_cell(m, str(a, "party"));
  doc_cell(d, zType);
  const char *zLang = name_here_lang(json_object_get(json_object_get(m->pDocs, zDoc), "title"));
  doc_cell_begin(d);
  doc_lang_begin(d, zLang);
  doc_link(d, publish_name(m->pDocs, zDoc, "title"), "/documents/", zDoc);
  doc_lang_end(d, zLang);
  doc_cell_end(d);
  if (str(a, "text")) buf_puts(&t, str(a, "text"));
  if (str(a, "note")) buf_printf(&t, "%s%s", t.n ? " " : "", str(a, "note"));
  doc_cell_begin(d);
  if (t.n) doc_free_text(d, t.z);
  doc_cell_end(d);
  doc_row_end(d);
  buf_free(&t);
  xfree(zType);
}

/* The rows of the actions on zDoc dated the day of the session; the table
** begins before the first row of all (*pnAct counts them). */
static void actions_on(Minutes *m, const char *zDoc, int *pnAct) {
  Buf prefix = {0};
  long long nTotal = 0;
  buf_printf(&prefix, "%s|", zDoc);
  json_t *aAction = entity_page(m->pDb, K_ACTION, prefix.z, 0, 1000000, &nTotal);
  buf_free(&prefix);
  for (size_t k = 0; k < json_array_size(aAction); k++) {
    const json_t *a = json_array_get(aAction, k);
    if (strcmp(dflt(str(a, "date"), ""), m->zDate) != 0) continue;
    /* TRANSLATORS: the heads of the table's columns, separated by '|'. */
    if (!(*pnAct)++)
      doc_table_begin(&m->d, _("Actions taken at the session"), _("Party|Action|Document|Note"));
    action_row(m, zDoc, a);
  }
  json_decref(aAction);
}

/* Actions dated the day of the session on the documents adopted at it. */
static void minutes_actions(Minutes *m) {
  int nAct = 0;
  doc_h2(&m->d, "actions", _("Actions taken at the session"));
  for (size_t i = 0; i < json_array_size(m->aAdopted); i++)
    actions_on(m, json_string_value(json_array_get(m->aAdopted, i)), &nAct);
  if (nAct)
    doc_table_end(&m->d);
  else
    doc_para(&m->d, _("None recorded."));
}

static void commitment_row(Minutes *m, const json_t *c) {
  Doc *d = &m->d;
  const json_t *pAddr = json_object_get(c, "addressees");
  const json_t *aP = json_object_get(pAddr, "parties");
  const char *zBody = str(pAddr, "body");
  Buf t = {0};
  doc_row_begin(d);
  doc_cell_begin(d);
  bool bCode = !d->bMd && !d->pR; /* an id: a code, not words of the page's language */
  if (bCode) buf_puts(d->p, "<code>");
  doc_link(d, str(c, "id"), "/commitments/", str(c, "id"));
  if (bCode) buf_puts(d->p, "</code>");
  doc_cell_end(d);
  const char *zLang = name_here_lang(json_object_get(c, "text"));
  doc_cell_begin(d);
  doc_lang_begin(d, zLang);
  doc_text(d, name_here(json_object_get(c, "text"), ""));
  doc_lang_end(d, zLang);
  doc_cell_end(d);
  for (size_t k = 0; k < json_array_size(aP); k++)
    buf_printf(&t, "%s%s", k ? ", " : "", dflt(json_string_value(json_array_get(aP, k)), ""));
  if (zBody) buf_printf(&t, "%s%s", t.n ? "; " : "", publish_name(m->pBodies, zBody, "name"));
  doc_cell(d, t.z);
  Buf day = {0};
  if (str(c, "deadline"))
    publish_date(&day, str(c, "deadline"));
  else
    buf_puts(&day, _("none"));
  doc_cell(d, day.z);
  doc_row_end(d);
  buf_free(&day);
  buf_free(&t);
}

/* Commitments given at the session. */
static void minutes_commitments(Minutes *m) {
  int nC = 0;
  doc_h2(&m->d, "commitments", _("Commitments given"));
  json_t *aCommit = entity_list(m->pDb, K_COMMITMENT, 0);
  for (size_t i = 0; i < json_array_size(aCommit); i++) {
    const json_t *c = json_array_get(aCommit, i);
    const char *zS = str(json_object_get(c, "source"), "session");
    if (!zS || strcmp(zS, m->zSession) != 0) continue;
    /* TRANSLATORS: the heads of the table's columns, separated by '|'. */
    if (!nC++)
      doc_table_begin(&m->d, _("Commitments given"), _("Commitment|Text|Addressees|Deadline"));
    commitment_row(m, c);
  }
  if (nC)
    doc_table_end(&m->d);
  else
    doc_para(&m->d, _("None recorded."));
  json_decref(aCommit);
}

/* The next session, as announced. */
static void minutes_next(Minutes *m) {
  const json_t *pNext = json_object_get(m->s, "next");
  doc_h2(&m->d, "next", _("Next session"));
  if (!json_is_object(pNext) || (!str(pNext, "date") && !str(pNext, "place"))) {
    doc_para(&m->d, _("Not announced in the record."));
    return;
  }
  Buf day = {0};
  publish_date(&day, str(pNext, "date"));
  const char *zPlace = str(pNext, "place");
  if (place_here(m->pDb, zPlace)) zPlace = place_here(m->pDb, zPlace);
  if (str(pNext, "date") && zPlace)
    doc_paraf(&m->d, _("Announced for %s in %s."), day.z, zPlace);
  else if (str(pNext, "date"))
    doc_paraf(&m->d, _("Announced for %s."), day.z);
  else
    doc_paraf(&m->d, _("Announced, for a date not stated, in %s."), zPlace);
  buf_free(&day);
}

/* Where the minutes come from; in HTML also the end of the document. */
static void minutes_footer(Minutes *m) {
  Buf *pOut = m->d.p, t = {0};
  buf_printf(&t,
             _("Generated by pacta from the registry's record as of journal entry %lld; "
               "not an official record of the session."),
             (long long)db_last_seq(m->pDb));
  if (m->d.pR) {
    rdoc_add(m->d.pR, R_SMALL, t.z);
  } else if (m->d.bMd) {
    buf_puts(pOut, "---\n\n_");
    md_escape(pOut, t.z);
    buf_puts(pOut, "_\n");
  } else {
    hprintf(pOut, "<p class=\"meta\">%s</p></main></body></html>\n", t.z);
  }
  buf_free(&t);
}

static bool minutes_write(Db *pDb, const char *zSession, bool bMarkdown, Buf *pOut, RDoc *pR) {
  json_t *s = entity_get(pDb, K_SESSION, zSession);
  if (!s) return false;
  Minutes m = {.d = {pOut, bMarkdown, 0, pR, 0}, .pDb = pDb, .zSession = zSession, .s = s};
  minutes_load(&m);
  minutes_heading(&m);
  minutes_facts(&m);
  minutes_attendance(&m);
  minutes_absent(&m);
  minutes_adopted(&m);
  minutes_actions(&m);
  minutes_commitments(&m);
  minutes_next(&m);
  minutes_footer(&m);
  minutes_free(&m);
  return true;
}

bool publish_minutes(Db *pDb, const char *zSession, bool bMarkdown, Buf *pOut) {
  return minutes_write(pDb, zSession, bMarkdown, pOut, 0);
}

bool publish_minutes_rdoc(Db *pDb, const char *zSession, RDoc *pOut) {
  Buf scratch = {0};
  bool bOk = minutes_write(pDb, zSession, false, &scratch, pOut);
  buf_free(&scratch);
  return bOk;
}
