/*
** Compliance pages (publish.h): an organization's compliance on a date (a
** bar chart per party, a party x commitment heat map with its table, the
** overdue commitments) and a commitment's page with every state's evidence,
** the secretariat's assessments beside the state's own self-reports. Any
** assessment whose evidence, note or assessor begins "ILLUSTRATIVE" is
** labelled illustrative.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "compliance.h"
#include "kind.h"
#include "page.h"
#include "publish.h"
#include "routes.h"
#include "registry.h"

#define HTML "text/html; charset=utf-8"

static void esc(Buf *p, const char *z) {
  html_escape(p, z ? z : "");
}

static void send(Resp *r, Buf *p) {
  resp_text(r, 200, HTML, p->z ? p->z : "", p->n);
  r->bCacheable = true;
  buf_free(p);
}

static bool is_illustrative(const json_t *a) {
  static const char *const azField[] = {"evidence", "note", "assessor"};
  for (size_t i = 0; i < sizeof(azField) / sizeof(azField[0]); i++) {
    const char *z = str(a, azField[i]);
    if (z && strncmp(z, "ILLUSTRATIVE", 12) == 0) return true;
  }
  return false;
}

static const char *score_text(long long s) {
  return s > 0   ? "+1"
         : s < 0 ? "\xe2\x88\x92"
                   "1"
                 : "0";
}

static const char zStyle[] =
    "<style>"
    ".hm tbody th{white-space:nowrap}.hm td.s{text-align:center;font-weight:600;min-width:3rem}"
    ".hm .s-p{background:#cfe8d6;color:#14532d}.hm .s-z{background:#fbeac0;color:#713f12}"
    ".hm .s-n{background:#f5c9c5;color:#7f1d1d}.hm .s-x{background:#fff}"
    ".sw.s-p{background:#cfe8d6;border:1px solid #14532d}"
    ".sw.s-z{background:#fbeac0;border:1px solid #713f12}"
    ".sw.s-n{background:#f5c9c5;border:1px solid #7f1d1d}.sw.s-x{border:1px solid #8a96a3}"
    ".bar{fill:#1d4e89}.bar.none{fill:#e1e6eb}"
    ".illus{display:inline-block;padding:0 .45em;border-radius:1em;font-size:.8em;"
    "border:1px dashed #9a3412;color:#9a3412;background:#fff4e6;font-weight:600}"
    ".beside{display:grid;grid-template-columns:1fr 1fr;gap:1rem}"
    "@media (max-width:640px){.beside{grid-template-columns:1fr}}"
    ".ev{border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem;margin:.4rem 0}"
    "</style>";

static const char zIllusNotice[] =
    "<div class=\"notice err\" role=\"note\"><strong>Illustrative scores.</strong> Assessments "
    "marked <span class=\"illus\">illustrative</span> are made-up examples that only show how "
    "the feature works; they say nothing about any state's actual record.</div>";

/* ---- An organization's compliance ------------------------------------------- */

void page_get_org_compliance(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  const char *zOrg = pReq->azParam[0];
  json_t *pOrg = entity_get(pDb, K_ORGANIZATION, zOrg);
  if (!pOrg) {
    pages_not_found(pReq, r, "organization", zOrg);
    return;
  }
  /* ?on= (default today) ends the report; ?from= starts a report period. */
  pdate on = http_today(), from = DATE_NONE;
  static const char *const azArg[2] = {"on", "from"};
  pdate *apDate[2] = {&on, &from};
  for (int i = 0; i < 2; i++) {
    const char *zArg = pReq->xArg ? pReq->xArg(pReq->pArgCtx, azArg[i]) : 0;
    if (!zArg || !*zArg || date_parse(zArg, strlen(zArg), apDate[i]) == 0) continue;
    json_decref(pOrg);
    Buf b = {0};
    pages_begin(&b, "Bad date", 0);
    buf_puts(&b, "<h1>Bad date</h1><p class=\"lede\">\"");
    esc(&b, zArg);
    buf_puts(&b, "\" is not a date: expected YYYY-MM-DD.</p>");
    pages_end(&b, pReq);
    resp_text(r, 400, HTML, b.z, b.n);
    buf_free(&b);
    return;
  }
  if (from != DATE_NONE && from > on) from = DATE_NONE; /* an empty period: no period */
  char zOn[DATE_BUFSZ], zFrom[DATE_BUFSZ];
  date_format(on, zOn);
  date_format(from, zFrom);
  ComplianceOpts opt = {from, DATE_NONE, DATE_NONE};
  Buf err = {0};
  json_t *pRep = query_compliance(pDb, zOrg, on, &opt, &err);
  buf_free(&err);
  json_t *aParty = entity_list(pDb, K_PARTY, 0), *pParties = json_object();
  for (size_t i = 0; i < json_array_size(aParty); i++)
    json_object_set(pParties, dflt(str(json_array_get(aParty, i), "code"), ""),
                    json_array_get(aParty, i));
  json_decref(aParty);
  json_t *aCommitRec = entity_list(pDb, K_COMMITMENT, zOrg), *pCommits = json_object();
  for (size_t i = 0; i < json_array_size(aCommitRec); i++)
    json_object_set(pCommits, dflt(str(json_array_get(aCommitRec, i), "id"), ""),
                    json_array_get(aCommitRec, i));
  json_decref(aCommitRec);

  const char *zOrgName = name_en(json_object_get(pOrg, "name"), zOrg);
  Buf t = {0}, b = {0};
  buf_printf(&t, "Compliance: %s", zOrgName);
  pages_begin(&b, t.z, "/organizations");
  buf_puts(&b, zStyle);
  buf_puts(&b, "<h1>");
  esc(&b, t.z);
  buf_puts(&b, "</h1><p class=\"lede\">How far the addressed states have met the commitments, "
               "by the G7/G20 Research Group method: each state's latest score on or before the "
               "date (+1 fully met, 0 partly, \xe2\x88\x92"
               "1 not met), averaged; percent = "
               "(average + 1) \xc3\x97 50.</p>");
  buf_puts(&b, "<form class=\"inline\" method=\"get\"><label for=\"from\">Period from "
               "(optional)</label><input type=\"date\" id=\"from\" name=\"from\" value=\"");
  esc(&b, zFrom);
  buf_puts(&b, "\"><label for=\"on\">to</label>"
               "<input type=\"date\" id=\"on\" name=\"on\" value=\"");
  esc(&b, zOn);
  buf_puts(&b, "\" required><button type=\"submit\">Show</button></form>");
  if (from != DATE_NONE) {
    buf_puts(&b, "<p><strong>Report period ");
    esc(&b, zFrom);
    buf_puts(&b, " to ");
    esc(&b, zOn);
    buf_puts(&b, "</strong>: only assessments dated within it count.</p>");
  }
  /* The same report as JSON and as CSV (the parties table). */
  Buf q = {0};
  buf_printf(&q, "/api/v1/organizations/%s/compliance?on=%s", zOrg, zOn);
  if (from != DATE_NONE) buf_printf(&q, "&from=%s", zFrom);
  buf_puts(&b, "<p class=\"small\"><a href=\"/organizations/");
  esc(&b, zOrg);
  buf_puts(&b, "\">Back to the organization</a> \xc2\xb7 <a href=\"");
  esc(&b, q.z);
  buf_puts(&b, "\">JSON</a> \xc2\xb7 <a href=\"");
  esc(&b, q.z);
  buf_puts(&b, "&amp;format=csv\">CSV</a></p>");
  buf_free(&q);

  /* Which scores are illustrative: "COMMITMENT|PARTY|DATE". */
  json_t *pIllus = json_object();
  {
    const char *zC;
    json_t *v;
    json_object_foreach(pCommits, zC, v) {
      Buf e2 = {0};
      json_t *pA = query_commitment_assessments(pDb, zC, &e2);
      buf_free(&e2);
      const json_t *aA = json_object_get(pA, "assessments");
      for (size_t i = 0; i < json_array_size(aA); i++) {
        const json_t *a = json_array_get(aA, i);
        if (!is_illustrative(a)) continue;
        Buf k = {0};
        buf_printf(&k, "%s|%s|%s", zC, dflt(str(a, "party"), ""), dflt(str(a, "date"), ""));
        json_object_set_new(pIllus, k.z, json_true());
        buf_free(&k);
      }
      json_decref(pA);
    }
  }
  if (json_object_size(pIllus)) buf_puts(&b, zIllusNotice);

  const json_t *pAll = json_object_get(pRep, "overall");
  buf_puts(&b, "<dl class=\"facts\"><dt>Date</dt><dd>");
  esc(&b, zOn);
  buf_puts(&b, "</dd><dt>Overall</dt><dd>");
  if (json_is_number(json_object_get(pAll, "percent")))
    buf_printf(&b, "%.0f%% (average %+.2f)", json_number_value(json_object_get(pAll, "percent")),
               json_number_value(json_object_get(pAll, "average")));
  else
    buf_puts(&b, "<span class=\"muted\">no scores</span>");
  buf_printf(&b, "</dd><dt>Scores counted</dt><dd>%lld</dd></dl>",
             (long long)json_integer_value(json_object_get(pAll, "scored")));

  /* Bar chart per party. */
  const json_t *aP = json_object_get(pRep, "parties");
  size_t nP = json_array_size(aP);
  buf_puts(&b, "<h2 id=\"parties\">Compliance by party</h2>");
  if (nP) {
    int rowH = 26, left = 150, width = 720, barW = width - left - 70;
    int height = (int)nP * rowH + 30;
    buf_printf(&b,
               "<div class=\"chart\"><svg viewBox=\"0 0 %d %d\" role=\"img\" "
               "aria-labelledby=\"bar-title\"><title id=\"bar-title\">Compliance percent by "
               "party on ",
               width, height);
    esc(&b, zOn);
    buf_puts(&b, "</title><g class=\"axis\">");
    for (int k = 0; k <= 4; k++) {
      int x = left + barW * k / 4;
      buf_printf(&b, "<line x1=\"%d\" y1=\"4\" x2=\"%d\" y2=\"%d\"%s/>", x, x, height - 22,
                 k == 0 ? " class=\"base\"" : "");
      buf_printf(&b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d%%</text>", x, height - 6,
                 k * 25);
    }
    buf_puts(&b, "</g>");
    for (size_t i = 0; i < nP; i++) {
      const json_t *row = json_array_get(aP, i);
      const char *zCode = dflt(str(row, "party"), "");
      int y = 6 + (int)i * rowH;
      buf_printf(&b, "<a href=\"/parties/");
      esc(&b, zCode);
      buf_printf(&b, "\"><text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 8, y + 15);
      esc(&b, name_en(json_object_get(json_object_get(pParties, zCode), "name"), zCode));
      buf_puts(&b, "</text></a>");
      const json_t *pPct = json_object_get(row, "percent");
      if (json_is_number(pPct)) {
        double pct = json_number_value(pPct);
        int w = (int)(barW * pct / 100.0 + 0.5);
        buf_printf(&b,
                   "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>"
                   "<text x=\"%d\" y=\"%d\">%.0f%%</text>",
                   left, y + 3, w > 0 ? w : 1, rowH - 8, left + w + 6, y + 15, pct);
      } else {
        buf_printf(&b,
                   "<rect class=\"bar none\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>"
                   "<text x=\"%d\" y=\"%d\">not scored</text>",
                   left, y + 3, 4, rowH - 8, left + 10, y + 15);
      }
    }
    buf_puts(&b, "</svg></div>");
  } else {
    buf_puts(&b, "<p class=\"muted\">No party is addressed by a commitment.</p>");
  }

  /* Heat map: party x leaf commitment, as a table (its own text fallback). */
  const json_t *aC = json_object_get(pRep, "commitments");
  buf_puts(&b, "<h2 id=\"heatmap\">Scores by party and commitment</h2>"
               "<ul class=\"legend\"><li><span class=\"sw s-p\"></span>+1 fully met</li>"
               "<li><span class=\"sw s-z\"></span>0 partly met</li>"
               "<li><span class=\"sw s-n\"></span>\xe2\x88\x92"
               "1 not met</li>"
               "<li><span class=\"sw s-x\"></span>blank: not assessed</li>"
               "<li><span class=\"illus\">i</span> illustrative</li></ul>");
  int nLeaf = 0;
  for (size_t k = 0; k < json_array_size(aC); k++)
    if (json_integer_value(json_object_get(json_array_get(aC, k), "items")) == 0) nLeaf++;
  if (nLeaf && nP) {
    buf_puts(&b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
                 "aria-label=\"Scores by party and commitment\"><table class=\"hm\">"
                 "<caption>Latest score of each party on each commitment on ");
    esc(&b, zOn);
    buf_puts(&b, "</caption><thead><tr><th scope=\"col\">Party</th>");
    for (size_t k = 0; k < json_array_size(aC); k++) {
      const json_t *c = json_array_get(aC, k);
      if (json_integer_value(json_object_get(c, "items")) != 0) continue;
      const char *zC = dflt(str(c, "commitment"), "");
      buf_puts(&b, "<th scope=\"col\"><a href=\"/commitments/");
      esc(&b, zC);
      buf_puts(&b, "\" title=\"");
      esc(&b, name_en(json_object_get(json_object_get(pCommits, zC), "text"), zC));
      buf_puts(&b, "\">");
      esc(&b, zC);
      buf_puts(&b, "</a></th>");
    }
    buf_puts(&b, "</tr></thead><tbody>");
    for (size_t i = 0; i < nP; i++) {
      const char *zCode = dflt(str(json_array_get(aP, i), "party"), "");
      buf_puts(&b, "<tr><th scope=\"row\">");
      esc(&b, name_en(json_object_get(json_object_get(pParties, zCode), "name"), zCode));
      buf_puts(&b, " <span class=\"code\">");
      esc(&b, zCode);
      buf_puts(&b, "</span></th>");
      for (size_t k = 0; k < json_array_size(aC); k++) {
        const json_t *c = json_array_get(aC, k);
        if (json_integer_value(json_object_get(c, "items")) != 0) continue;
        const json_t *aS = json_object_get(c, "scores"), *pS = 0;
        for (size_t m = 0; m < json_array_size(aS) && !pS; m++)
          if (strcmp(dflt(str(json_array_get(aS, m), "party"), ""), zCode) == 0)
            pS = json_array_get(aS, m);
        if (!pS) {
          buf_puts(&b, "<td class=\"s s-x\"><span class=\"sr\">not assessed</span></td>");
          continue;
        }
        long long s = json_integer_value(json_object_get(pS, "score"));
        Buf k2 = {0};
        buf_printf(&k2, "%s|%s|%s", dflt(str(c, "commitment"), ""), zCode,
                   dflt(str(pS, "date"), ""));
        bool bIllus = json_is_true(json_object_get(pIllus, k2.z));
        buf_free(&k2);
        buf_printf(&b, "<td class=\"s %s\">%s",
                   s > 0   ? "s-p"
                   : s < 0 ? "s-n"
                           : "s-z",
                   score_text(s));
        if (bIllus) buf_puts(&b, " <span class=\"illus\" title=\"illustrative\">i</span>");
        if (strcmp(dflt(str(pS, "status"), ""), "preliminary") == 0)
          buf_puts(&b, "<span class=\"sr\"> (preliminary)</span>");
        buf_puts(&b, "</td>");
      }
      buf_puts(&b, "</tr>");
    }
    buf_puts(&b, "</tbody></table></div>");
  } else {
    buf_puts(&b, "<p class=\"muted\">No commitments recorded.</p>");
  }

  /* Commitments with their averages, and the overdue ones. */
  buf_puts(&b, "<h2 id=\"commitments\">Commitments</h2><div class=\"scroll\" role=\"region\" "
               "tabindex=\"0\" aria-label=\"Commitments\"><table><caption>Each commitment's "
               "compliance</caption><thead><tr><th scope=\"col\">Commitment</th><th "
               "scope=\"col\">Text</th><th scope=\"col\">Deadline</th><th "
               "scope=\"col\">Percent</th><th scope=\"col\">Scored</th></tr></thead><tbody>");
  for (size_t k = 0; k < json_array_size(aC); k++) {
    const json_t *c = json_array_get(aC, k);
    const char *zC = dflt(str(c, "commitment"), "");
    buf_puts(&b, "<tr><th scope=\"row\"><a href=\"/commitments/");
    esc(&b, zC);
    buf_puts(&b, "\">");
    esc(&b, zC);
    buf_puts(&b, "</a></th><td>");
    esc(&b, name_en(json_object_get(json_object_get(pCommits, zC), "text"), ""));
    buf_puts(&b, "</td><td class=\"nw\">");
    esc(&b, dflt(str(c, "deadline"), "\xe2\x80\x94"));
    buf_puts(&b, "</td><td class=\"nw\">");
    if (json_is_number(json_object_get(c, "percent")))
      buf_printf(&b, "%.0f%%", json_number_value(json_object_get(c, "percent")));
    else
      buf_puts(&b, "<span class=\"muted\">not scored</span>");
    buf_printf(&b, "</td><td>%lld</td></tr>",
               (long long)json_integer_value(json_object_get(c, "scored")));
  }
  buf_puts(&b, "</tbody></table></div>");

  const json_t *aO = json_object_get(pRep, "overdue");
  buf_puts(&b, "<h2 id=\"overdue\">Overdue commitments</h2>");
  if (json_array_size(aO)) {
    buf_puts(&b, "<ul>");
    for (size_t k = 0; k < json_array_size(aO); k++) {
      const json_t *o = json_array_get(aO, k);
      const char *zC = dflt(str(o, "commitment"), "");
      buf_puts(&b, "<li><a href=\"/commitments/");
      esc(&b, zC);
      buf_puts(&b, "\">");
      esc(&b, name_en(json_object_get(json_object_get(pCommits, zC), "text"), zC));
      buf_puts(&b, "</a>: deadline ");
      esc(&b, str(o, "deadline"));
      const json_t *aOP = json_object_get(o, "parties");
      for (size_t m = 0; m < json_array_size(aOP); m++) {
        const json_t *v = json_array_get(aOP, m);
        const char *zCode = json_is_string(v) ? json_string_value(v) : str(v, "party");
        buf_puts(&b, m ? ", " : "; not fully met by ");
        esc(&b, zCode);
      }
      buf_puts(&b, "</li>");
    }
    buf_puts(&b, "</ul>");
  } else {
    buf_puts(&b, "<p class=\"muted\">None on this date.</p>");
  }
  pages_end(&b, pReq);
  send(r, &b);
  buf_free(&t);
  json_decref(pIllus);
  json_decref(pParties);
  json_decref(pCommits);
  json_decref(pRep);
  json_decref(pOrg);
}

/* ---- A commitment's page ------------------------------------------------------ */

static void put_assessment(Buf *b, const json_t *a) {
  long long s = json_integer_value(json_object_get(a, "score"));
  buf_puts(b, "<div class=\"ev\"><strong>");
  buf_puts(b, score_text(s));
  buf_puts(b, "</strong> on <time>");
  esc(b, str(a, "date"));
  buf_puts(b, "</time> \xc2\xb7 ");
  esc(b, dflt(str(a, "status"), "status not stated"));
  if (is_illustrative(a)) buf_puts(b, " <span class=\"illus\">illustrative</span>");
  if (str(a, "assessor")) {
    buf_puts(b, "<br><span class=\"small muted\">Assessor: ");
    esc(b, str(a, "assessor"));
    buf_puts(b, "</span>");
  }
  if (str(a, "evidence")) {
    buf_puts(b, "<p class=\"small\">");
    esc(b, str(a, "evidence"));
    buf_puts(b, "</p>");
  }
  if (str(a, "note")) {
    buf_puts(b, "<p class=\"small muted\">");
    esc(b, str(a, "note"));
    buf_puts(b, "</p>");
  }
  buf_puts(b, "</div>");
}

void page_get_commitment(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  const char *zId = pReq->azParam[0];
  Buf err = {0};
  json_t *pQ = query_commitment_assessments(pDb, zId, &err);
  buf_free(&err);
  if (!pQ) {
    pages_not_found(pReq, r, "commitment", zId);
    return;
  }
  const json_t *c = json_object_get(pQ, "record");
  const json_t *aA = json_object_get(pQ, "assessments");
  json_t *aParty = entity_list(pDb, K_PARTY, 0), *pParties = json_object();
  for (size_t i = 0; i < json_array_size(aParty); i++)
    json_object_set(pParties, dflt(str(json_array_get(aParty, i), "code"), ""),
                    json_array_get(aParty, i));
  json_decref(aParty);
  Buf b = {0}, t = {0};
  buf_printf(&t, "Commitment %s", zId);
  pages_begin(&b, t.z, "/organizations");
  buf_puts(&b, zStyle);
  buf_puts(&b, "<h1>");
  esc(&b, t.z);
  buf_puts(&b, "</h1><p class=\"lede\">");
  esc(&b, name_en(json_object_get(c, "text"), ""));
  buf_puts(&b, "</p>");
  const char *zLang;
  json_t *v;
  json_object_foreach((json_t *)json_object_get(c, "text"), zLang, v) {
    if (strcmp(zLang, "en") == 0 || !json_is_string(v)) continue;
    buf_puts(&b, "<p class=\"ru\" lang=\"");
    esc(&b, zLang);
    buf_puts(&b, "\">");
    esc(&b, json_string_value(v));
    buf_puts(&b, "</p>");
  }
  bool bIllus = false;
  for (size_t i = 0; i < json_array_size(aA); i++)
    bIllus = bIllus || is_illustrative(json_array_get(aA, i));
  if (bIllus) buf_puts(&b, zIllusNotice);

  const json_t *pSrc = json_object_get(c, "source");
  buf_puts(&b, "<dl class=\"facts\"><dt>Organization</dt><dd><a href=\"/organizations/");
  esc(&b, str(c, "organization"));
  buf_puts(&b, "/compliance\">");
  json_t *pOrg = entity_get(pDb, K_ORGANIZATION, dflt(str(c, "organization"), ""));
  esc(&b, name_en(json_object_get(pOrg, "name"), str(c, "organization")));
  json_decref(pOrg);
  buf_puts(&b, "</a> (compliance)</dd>");
  if (str(pSrc, "session")) {
    buf_puts(&b, "<dt>Given at</dt><dd><a href=\"/sessions/");
    esc(&b, str(pSrc, "session"));
    buf_puts(&b, "\">");
    esc(&b, str(pSrc, "session"));
    buf_puts(&b, "</a> (<a href=\"/sessions/");
    esc(&b, str(pSrc, "session"));
    buf_puts(&b, "/minutes\">minutes</a>)</dd>");
  }
  if (str(pSrc, "document")) {
    buf_puts(&b, "<dt>Document</dt><dd><a href=\"/documents/");
    esc(&b, str(pSrc, "document"));
    buf_puts(&b, "\">");
    esc(&b, str(pSrc, "document"));
    buf_puts(&b, "</a></dd>");
  }
  if (str(c, "parent")) {
    buf_puts(&b, "<dt>Part of</dt><dd><a href=\"/commitments/");
    esc(&b, str(c, "parent"));
    buf_puts(&b, "\">");
    esc(&b, str(c, "parent"));
    buf_puts(&b, "</a></dd>");
  }
  buf_puts(&b, "<dt>Deadline</dt><dd>");
  esc(&b, dflt(str(c, "deadline"), "none"));
  buf_puts(&b, "</dd><dt>Category</dt><dd>");
  esc(&b, dflt(str(c, "category"), "none"));
  buf_puts(&b, "</dd><dt>Addressees</dt><dd>");
  const json_t *aAddr = json_object_get(json_object_get(c, "addressees"), "parties");
  for (size_t i = 0; i < json_array_size(aAddr); i++) {
    const char *zCode = dflt(json_string_value(json_array_get(aAddr, i)), "");
    if (i) buf_puts(&b, ", ");
    buf_puts(&b, "<a href=\"/parties/");
    esc(&b, zCode);
    buf_puts(&b, "\">");
    esc(&b, name_en(json_object_get(json_object_get(pParties, zCode), "name"), zCode));
    buf_puts(&b, "</a>");
  }
  if (!json_array_size(aAddr)) buf_puts(&b, "<span class=\"muted\">none listed</span>");
  buf_puts(&b, "</dd></dl>");

  /* Items of a plan. */
  json_t *aAll = entity_list(pDb, K_COMMITMENT, str(c, "organization"));
  int nItem = 0;
  for (size_t i = 0; i < json_array_size(aAll); i++) {
    const json_t *x = json_array_get(aAll, i);
    if (strcmp(dflt(str(x, "parent"), ""), zId) != 0) continue;
    buf_puts(&b, nItem++ ? "" : "<h2 id=\"items\">Items</h2><ul>");
    buf_puts(&b, "<li><a href=\"/commitments/");
    esc(&b, str(x, "id"));
    buf_puts(&b, "\">");
    esc(&b, name_en(json_object_get(x, "text"), str(x, "id")));
    buf_puts(&b, "</a></li>");
  }
  if (nItem) buf_puts(&b, "</ul>");
  json_decref(aAll);

  /* Every state's evidence: the secretariat's beside the self-reports. */
  buf_puts(&b, "<h2 id=\"evidence\">Evidence by state</h2>");
  if (!json_array_size(aA))
    buf_puts(&b, "<p class=\"muted\">No assessment or self-report recorded.</p>");
  for (size_t i = 0; i < json_array_size(aA);) {
    const char *zCode = dflt(str(json_array_get(aA, i), "party"), "");
    size_t j = i;
    while (j < json_array_size(aA) &&
           strcmp(dflt(str(json_array_get(aA, j), "party"), ""), zCode) == 0)
      j++;
    buf_puts(&b, "<h3>");
    esc(&b, name_en(json_object_get(json_object_get(pParties, zCode), "name"), zCode));
    buf_puts(&b, " <span class=\"code\">");
    esc(&b, zCode);
    buf_puts(&b, "</span></h3><div class=\"beside\"><section><h4>Secretariat's assessments</h4>");
    int n = 0;
    for (size_t k = j; k-- > i;) { /* latest first */
      const json_t *a = json_array_get(aA, k);
      if (json_is_true(json_object_get(a, "self_report"))) continue;
      put_assessment(&b, a);
      n++;
    }
    if (!n) buf_puts(&b, "<p class=\"muted\">None.</p>");
    buf_puts(&b, "</section><section><h4>Self-reports</h4>");
    n = 0;
    for (size_t k = j; k-- > i;) {
      const json_t *a = json_array_get(aA, k);
      if (!json_is_true(json_object_get(a, "self_report"))) continue;
      put_assessment(&b, a);
      n++;
    }
    if (!n) buf_puts(&b, "<p class=\"muted\">None.</p>");
    buf_puts(&b, "</section></div>");
    i = j;
  }
  pages_end(&b, pReq);
  send(r, &b);
  buf_free(&t);
  json_decref(pParties);
  json_decref(pQ);
}
