/*
** Compliance pages (publish.h): an organization's compliance on a date (a
** bar chart per party, a party x commitment heat map with its table, the
** overdue commitments) and a commitment's page with every state's evidence,
** the secretariat's assessments beside the state's own self-reports. Any
** assessment whose evidence, note or assessor begins "ILLUSTRATIVE" is
** labelled illustrative. Every word is in the page's language (i18n.h).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compliance.h"
#include "entity.h"
#include "fields.h"
#include "kind.h"
#include "page.h"
#include "publish.h"
#include "routes.h"
#include "registry.h"

static void esc(Buf *p, const char *z) {
  html_escape(p, z ? z : "");
}

/* A record's free text (evidence, a note), whose language the record does
** not state: marked with its lang when it is not the page's (Cyrillic:
** Russian, else English). */
static void esc_text(Buf *p, const char *z) {
  const char *zLang = "en";
  for (const unsigned char *u = (const unsigned char *)(z ? z : ""); *u; u++)
    if ((u[0] == 0xD0 || u[0] == 0xD1) && (u[1] & 0xC0) == 0x80) zLang = "ru";
  if (strcmp(zLang, i18n_lang()) == 0)
    esc(p, z);
  else
    hprintf(p, "<span lang=\"%s\">%s</span>", zLang, z ? z : "");
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

static void illus_notice(Buf *p) {
  hprintf(p, "<div class=\"notice err\" role=\"note\"><strong>%s</strong> ",
          _("Illustrative scores."));
  /* TRANSLATORS: HTML; keep the <span> round the word "illustrative". */
  buf_puts(p, _("Assessments marked <span class=\"illus\">illustrative</span> are made-up "
                "examples that only show how the feature works; they say nothing about any "
                "state's actual record."));
  buf_puts(p, "</div>");
}

/* A date in the page's language as text (escaped by the caller). */
static void date_words(Buf *p, const char *zIso) {
  i18n_date_iso(p, zIso ? zIso : "");
}

/* A party's name in the page's language, else its code. */
static const char *party_here(const json_t *pParties, const char *zCode) {
  return name_here(json_object_get(json_object_get(pParties, dflt(zCode, "")), "name"),
                   dflt(zCode, ""));
}

/* ---- An organization's compliance ------------------------------------------- */

/* The 400 page for a malformed ?on= or ?from=. */
static void bad_date(Req *pReq, Resp *r, const char *zArg) {
  Buf b = {0};
  pages_begin(&b, pReq, _("Bad date"), 0);
  hprintf(&b, "<h1>%s</h1><p class=\"lede\">", _("Bad date"));
  hprintf(&b, _("\"%s\" is not a date: expected YYYY-MM-DD."), zArg);
  buf_puts(&b, "</p>");
  pages_end(&b, pReq);
  page_send(r, 400, &b, false);
}

/* The heading and explanation, the form choosing the period, the links to
** the same report as JSON and CSV. */
static void compliance_head(Buf *p, Req *pReq, const json_t *pOrg, const char *zOrg, pdate from,
                            const char *zFrom, const char *zOn) {
  const json_t *pName = json_object_get(pOrg, "name");
  Buf t = {0};
  buf_printf(&t, _("Compliance: %s"), name_here(pName, zOrg));
  pages_begin(p, pReq, t.z, "/organizations");
  buf_free(&t);
  buf_puts(p, zStyle);
  buf_puts(p, "<h1>");
  hprintf(p, _("Compliance: %s"), "");
  put_name(p, pName, zOrg);
  buf_puts(p, "</h1><p class=\"lede\">");
  /* TRANSLATORS: the first %s is a minus sign, the second a multiplication sign. */
  hprintf(p,
          _("How far the addressed states have met the commitments, by the G7/G20 Research Group "
            "method: each state's latest score on or before the date (+1 fully met, 0 partly, "
            "%s1 not met), averaged; percent = (average + 1) %s 50."),
          "\xe2\x88\x92", "\xc3\x97");
  hprintf(p,
          "</p><form class=\"inline\" method=\"get\"><label for=\"from\">%s</label>"
          "<input type=\"date\" id=\"from\" name=\"from\" value=\"%s\">"
          "<label for=\"on\">%s</label><input type=\"date\" id=\"on\" name=\"on\" "
          "value=\"%s\" required><button type=\"submit\">%s</button></form>",
          _("Period from (optional)"), zFrom, P_("period", "to"), zOn, _("Show"));
  if (from != DATE_NONE) {
    Buf d1 = {0}, d2 = {0};
    date_words(&d1, zFrom);
    date_words(&d2, zOn);
    buf_puts(p, "<p>");
    /* TRANSLATORS: HTML; keep <strong>...</strong> round the period. */
    hprintf(p,
            _("<strong>Report period %s to %s</strong>: only assessments dated within it count."),
            d1.z, d2.z);
    buf_puts(p, "</p>");
    buf_free(&d1);
    buf_free(&d2);
  }
  /* The same report as JSON and as CSV (the parties table). */
  Buf q = {0};
  buf_printf(&q, "/api/v1/organizations/%s/compliance?on=%s", zOrg, zOn);
  if (from != DATE_NONE) buf_printf(&q, "&from=%s", zFrom);
  buf_puts(p, "<p class=\"small\"><a href=\"/organizations/");
  esc(p, zOrg);
  hprintf(p, "\">%s</a> \xc2\xb7 <a href=\"", _("Back to the organization"));
  esc(p, q.z);
  buf_puts(p, "\">JSON</a> \xc2\xb7 <a href=\"");
  esc(p, q.z);
  buf_puts(p, "&amp;format=csv\">CSV</a></p>");
  buf_free(&q);
}

/* Which scores are illustrative: a set of "COMMITMENT|PARTY|DATE". */
static json_t *illustrative_scores(Db *pDb, const json_t *pCommits) {
  json_t *pIllus = json_object();
  const char *zC;
  json_t *v;
  json_object_foreach((json_t *)pCommits, zC, v) {
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
  return pIllus;
}

/* The overall score on the date. */
static void compliance_overall(Buf *p, const json_t *pRep, const char *zOn) {
  const json_t *pAll = json_object_get(pRep, "overall");
  hprintf(p, "<dl class=\"facts\"><dt>%s</dt><dd>", _("Date"));
  put_date(p, zOn);
  hprintf(p, "</dd><dt>%s</dt><dd>", _("Overall"));
  if (json_is_number(json_object_get(pAll, "percent")))
    buf_printf(p, _("%.0f%% (average %+.2f)"), /* numbers only: nothing to escape */
               json_number_value(json_object_get(pAll, "percent")),
               json_number_value(json_object_get(pAll, "average")));
  else
    hprintf(p, "<span class=\"muted\">%s</span>", _("no scores"));
  hprintf(p, "</dd><dt>%s</dt><dd>%lld</dd></dl>", _("Scores counted"),
          (long long)json_integer_value(json_object_get(pAll, "scored")));
}

/* A bar chart of each party's percent. */
static void compliance_bars(Buf *p, const json_t *aP, const json_t *pParties, const char *zOn) {
  size_t nP = json_array_size(aP);
  hprintf(p, "<h2 id=\"parties\">%s</h2>", _("Compliance by party"));
  if (nP) {
    int rowH = 26, left = 150, width = 720, barW = width - left - 70;
    int height = (int)nP * rowH + 30;
    buf_printf(p,
               "<div class=\"chart\"><svg viewBox=\"0 0 %d %d\" role=\"img\" "
               "aria-labelledby=\"bar-title\"><title id=\"bar-title\">",
               width, height);
    Buf day = {0};
    date_words(&day, zOn);
    hprintf(p, _("Compliance percent by party on %s"), day.z);
    buf_free(&day);
    buf_puts(p, "</title><g class=\"axis\">");
    for (int k = 0; k <= 4; k++) {
      int x = left + barW * k / 4;
      buf_printf(p, "<line x1=\"%d\" y1=\"4\" x2=\"%d\" y2=\"%d\"%s/>", x, x, height - 22,
                 k == 0 ? " class=\"base\"" : "");
      buf_printf(p, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d%%</text>", x, height - 6,
                 k * 25);
    }
    buf_puts(p, "</g>");
    for (size_t i = 0; i < nP; i++) {
      const json_t *row = json_array_get(aP, i);
      const char *zCode = dflt(str(row, "party"), "");
      int y = 6 + (int)i * rowH;
      buf_printf(p, "<a href=\"/parties/");
      esc(p, zCode);
      buf_printf(p, "\"><text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 8, y + 15);
      esc(p, party_here(pParties, zCode));
      buf_puts(p, "</text></a>");
      const json_t *pPct = json_object_get(row, "percent");
      if (json_is_number(pPct)) {
        double pct = json_number_value(pPct);
        int w = (int)(barW * pct / 100.0 + 0.5);
        buf_printf(p,
                   "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>"
                   "<text x=\"%d\" y=\"%d\">%.0f%%</text>",
                   left, y + 3, w > 0 ? w : 1, rowH - 8, left + w + 6, y + 15, pct);
      } else {
        buf_printf(p,
                   "<rect class=\"bar none\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>"
                   "<text x=\"%d\" y=\"%d\">",
                   left, y + 3, 4, rowH - 8, left + 10, y + 15);
        esc(p, _("not scored"));
        buf_puts(p, "</text>");
      }
    }
    buf_puts(p, "</svg></div>");
  } else {
    hprintf(p, "<p class=\"muted\">%s</p>", _("No party is addressed by a commitment."));
  }
}

/* One cell of the heat map: party zCode's latest score on leaf commitment c. */
static void heatmap_cell(Buf *p, const json_t *c, const char *zCode, const json_t *pIllus) {
  const json_t *aS = json_object_get(c, "scores"), *pS = 0;
  for (size_t m = 0; m < json_array_size(aS) && !pS; m++)
    if (strcmp(dflt(str(json_array_get(aS, m), "party"), ""), zCode) == 0)
      pS = json_array_get(aS, m);
  if (!pS) {
    hprintf(p, "<td class=\"s s-x\"><span class=\"sr\">%s</span></td>", _("not assessed"));
    return;
  }
  long long s = json_integer_value(json_object_get(pS, "score"));
  Buf k2 = {0};
  buf_printf(&k2, "%s|%s|%s", dflt(str(c, "commitment"), ""), zCode, dflt(str(pS, "date"), ""));
  bool bIllus = json_is_true(json_object_get(pIllus, k2.z));
  buf_free(&k2);
  buf_printf(p, "<td class=\"s %s\">%s", s > 0 ? "s-p" : s < 0 ? "s-n" : "s-z", score_text(s));
  /* TRANSLATORS: the one-letter mark of an illustrative score in the heat map. */
  if (bIllus)
    hprintf(p, " <span class=\"illus\" title=\"%s\">%s</span>", _("illustrative"),
            P_("illustrative", "i"));
  if (strcmp(dflt(str(pS, "status"), ""), "preliminary") == 0)
    hprintf(p, "<span class=\"sr\"> (%s)</span>", _("preliminary"));
  buf_puts(p, "</td>");
}

/* A heat map of party x leaf commitment, as a table (its own text fallback). */
static void compliance_heatmap(Buf *p, const json_t *aC, const json_t *aP, const json_t *pParties,
                               const json_t *pCommits, const json_t *pIllus, const char *zOn) {
  size_t nP = json_array_size(aP);
  hprintf(p,
          "<h2 id=\"heatmap\">%s</h2>"
          "<ul class=\"legend\"><li><span class=\"sw s-p\"></span>+1 %s</li>"
          "<li><span class=\"sw s-z\"></span>0 %s</li>"
          "<li><span class=\"sw s-n\"></span>\xe2\x88\x92"
          "1 %s</li>"
          "<li><span class=\"sw s-x\"></span>%s</li>"
          "<li><span class=\"illus\">%s</span> %s</li></ul>",
          _("Scores by party and commitment"), _("fully met"), _("partly met"), _("not met"),
          _("blank: not assessed"), P_("illustrative", "i"), _("illustrative"));
  int nLeaf = 0;
  for (size_t k = 0; k < json_array_size(aC); k++)
    if (json_integer_value(json_object_get(json_array_get(aC, k), "items")) == 0) nLeaf++;
  if (nLeaf && nP) {
    hprintf(p,
            "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
            "aria-label=\"%s\"><table class=\"hm\"><caption>",
            _("Scores by party and commitment"));
    Buf day = {0};
    date_words(&day, zOn);
    hprintf(p, _("Latest score of each party on each commitment on %s"), day.z);
    buf_free(&day);
    hprintf(p, "</caption><thead><tr><th scope=\"col\">%s</th>", _("Party"));
    for (size_t k = 0; k < json_array_size(aC); k++) {
      const json_t *c = json_array_get(aC, k);
      if (json_integer_value(json_object_get(c, "items")) != 0) continue;
      const char *zC = dflt(str(c, "commitment"), "");
      buf_puts(p, "<th scope=\"col\"><a href=\"/commitments/");
      esc(p, zC);
      /* Its text as the link's title, with the text's language. */
      const json_t *pText = json_object_get(json_object_get(pCommits, zC), "text");
      const char *zTitle = name_here(pText, zC);
      buf_puts(p, "\" title=\"");
      esc(p, zTitle);
      buf_puts(p, "\"");
      const char *zKey;
      json_t *v;
      json_object_foreach((json_t *)pText, zKey, v) {
        if (json_string_value(v) == zTitle && strcmp(zKey, i18n_lang()) != 0)
          hprintf(p, " lang=\"%s\"", zKey);
      }
      buf_puts(p, "><code>");
      esc(p, zC);
      buf_puts(p, "</code></a></th>");
    }
    buf_puts(p, "</tr></thead><tbody>");
    for (size_t i = 0; i < nP; i++) {
      const char *zCode = dflt(str(json_array_get(aP, i), "party"), "");
      buf_puts(p, "<tr><th scope=\"row\">");
      esc(p, party_here(pParties, zCode));
      buf_puts(p, " <span class=\"code\">");
      esc(p, zCode);
      buf_puts(p, "</span></th>");
      for (size_t k = 0; k < json_array_size(aC); k++) {
        const json_t *c = json_array_get(aC, k);
        if (json_integer_value(json_object_get(c, "items")) != 0) continue;
        heatmap_cell(p, c, zCode, pIllus);
      }
      buf_puts(p, "</tr>");
    }
    buf_puts(p, "</tbody></table></div>");
  } else {
    hprintf(p, "<p class=\"muted\">%s</p>", _("No commitments recorded."));
  }
}

/* Each commitment's percent. */
static void compliance_commitments(Buf *p, const json_t *aC, const json_t *pCommits) {
  hprintf(p, "<h2 id=\"commitments\">%s</h2>", _("Commitments"));
  /* TRANSLATORS: the heads of the table's columns, separated by '|'. */
  table_begin(p, _("Each commitment's compliance"), _("Commitment|Text|Deadline|Percent|Scored"));
  for (size_t k = 0; k < json_array_size(aC); k++) {
    const json_t *c = json_array_get(aC, k);
    const char *zC = dflt(str(c, "commitment"), "");
    buf_puts(p, "<tr><th scope=\"row\"><a href=\"/commitments/");
    esc(p, zC);
    buf_puts(p, "\"><code>");
    esc(p, zC);
    buf_puts(p, "</code></a></th><td>");
    put_name(p, json_object_get(json_object_get(pCommits, zC), "text"), "");
    buf_puts(p, "</td><td class=\"nw\">");
    put_date(p, str(c, "deadline"));
    buf_puts(p, "</td><td class=\"nw\">");
    if (json_is_number(json_object_get(c, "percent")))
      buf_printf(p, "%.0f%%", json_number_value(json_object_get(c, "percent")));
    else
      hprintf(p, "<span class=\"muted\">%s</span>", _("not scored"));
    buf_printf(p, "</td><td>%lld</td></tr>",
               (long long)json_integer_value(json_object_get(c, "scored")));
  }
  table_end(p);
}

/* The commitments past their deadline and not fully met, and by whom. */
static void compliance_overdue(Buf *p, const json_t *aO, const json_t *pCommits) {
  hprintf(p, "<h2 id=\"overdue\">%s</h2>", _("Overdue commitments"));
  if (json_array_size(aO)) {
    buf_puts(p, "<ul>");
    for (size_t k = 0; k < json_array_size(aO); k++) {
      const json_t *o = json_array_get(aO, k);
      const char *zC = dflt(str(o, "commitment"), "");
      buf_puts(p, "<li><a href=\"/commitments/");
      esc(p, zC);
      buf_puts(p, "\">");
      put_name(p, json_object_get(json_object_get(pCommits, zC), "text"), zC);
      buf_puts(p, "</a>: ");
      Buf day = {0}, who = {0};
      date_words(&day, str(o, "deadline"));
      const json_t *aOP = json_object_get(o, "parties");
      for (size_t m = 0; m < json_array_size(aOP); m++) {
        const json_t *v = json_array_get(aOP, m);
        const char *zCode = json_is_string(v) ? json_string_value(v) : str(v, "party");
        if (m) buf_puts(&who, ", ");
        buf_puts(&who, dflt(zCode, ""));
      }
      if (who.n)
        hprintf(p, _("deadline %s; not fully met by %s"), day.z ? day.z : "", who.z);
      else
        hprintf(p, _("deadline %s"), day.z ? day.z : "");
      buf_free(&day);
      buf_free(&who);
      buf_puts(p, "</li>");
    }
    buf_puts(p, "</ul>");
  } else {
    hprintf(p, "<p class=\"muted\">%s</p>", _("None on this date."));
  }
}

/* An organization's compliance on a date (?on=, default today), over a
** report period when ?from= is given. */
void page_get_org_compliance(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  const char *zOrg = pReq->azParam[0];
  json_t *pOrg = entity_get(pDb, K_ORGANIZATION, zOrg);
  if (!pOrg) {
    pages_not_found(pReq, r, "organization", zOrg);
    return;
  }
  /* ?on= (default today) ends the report; ?from= starts a report period. */
  pdate on = date_today(), from = DATE_NONE;
  static const char *const azArg[2] = {"on", "from"};
  pdate *apDate[2] = {&on, &from};
  for (int i = 0; i < 2; i++) {
    const char *zArg = req_arg(pReq, azArg[i]);
    if (!zArg || !*zArg || date_parse(zArg, strlen(zArg), apDate[i]) == 0) continue;
    json_decref(pOrg);
    bad_date(pReq, r, zArg);
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
  json_t *pParties = entity_map(pDb, K_PARTY, "code");
  json_t *aCommitRec = entity_list(pDb, K_COMMITMENT, zOrg);
  json_t *pCommits = map_by(aCommitRec, "id");
  json_decref(aCommitRec);
  json_t *pIllus = illustrative_scores(pDb, pCommits);
  const json_t *aP = json_object_get(pRep, "parties");
  const json_t *aC = json_object_get(pRep, "commitments");
  Buf b = {0};
  compliance_head(&b, pReq, pOrg, zOrg, from, zFrom, zOn);
  if (json_object_size(pIllus)) illus_notice(&b);
  compliance_overall(&b, pRep, zOn);
  compliance_bars(&b, aP, pParties, zOn);
  compliance_heatmap(&b, aC, aP, pParties, pCommits, pIllus, zOn);
  compliance_commitments(&b, aC, pCommits);
  compliance_overdue(&b, json_object_get(pRep, "overdue"), pCommits);
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
  json_decref(pIllus);
  json_decref(pParties);
  json_decref(pCommits);
  json_decref(pRep);
  json_decref(pOrg);
}

/* ---- A commitment's page ------------------------------------------------------ */

/* One assessment or self-report: score, date, status, assessor, evidence. */
static void put_assessment(Buf *b, const json_t *a) {
  long long s = json_integer_value(json_object_get(a, "score"));
  buf_puts(b, "<div class=\"ev\"><strong>");
  buf_puts(b, score_text(s));
  buf_puts(b, "</strong> ");
  Buf day = {0};
  date_words(&day, str(a, "date"));
  hprintf(b, _("on %s"), day.z ? day.z : "");
  buf_free(&day);
  buf_puts(b, " \xc2\xb7 ");
  if (str(a, "status"))
    put_words(b, str(a, "status"));
  else
    esc(b, _("status not stated"));
  if (is_illustrative(a)) hprintf(b, " <span class=\"illus\">%s</span>", _("illustrative"));
  if (str(a, "assessor")) {
    hprintf(b, "<br><span class=\"small muted\">%s: ", _("Assessor"));
    esc_text(b, str(a, "assessor"));
    buf_puts(b, "</span>");
  }
  if (str(a, "evidence")) {
    buf_puts(b, "<p class=\"small\">");
    esc_text(b, str(a, "evidence"));
    buf_puts(b, "</p>");
  }
  if (str(a, "note")) {
    buf_puts(b, "<p class=\"small muted\">");
    esc_text(b, str(a, "note"));
    buf_puts(b, "</p>");
  }
  buf_puts(b, "</div>");
}

/* The facts: organization, where it was given, its plan, deadline,
** category and addressees. */
static void commitment_facts(Buf *p, Db *pDb, const json_t *c, const json_t *pParties) {
  const json_t *pSrc = json_object_get(c, "source");
  hprintf(p, "<dl class=\"facts\"><dt>%s</dt><dd><a href=\"/organizations/", _("Organization"));
  esc(p, str(c, "organization"));
  buf_puts(p, "/compliance\">");
  json_t *pOrg = entity_get(pDb, K_ORGANIZATION, dflt(str(c, "organization"), ""));
  put_name(p, json_object_get(pOrg, "name"), str(c, "organization"));
  json_decref(pOrg);
  hprintf(p, "</a> (%s)</dd>", _("compliance"));
  if (str(pSrc, "session")) {
    hprintf(p, "<dt>%s</dt><dd><a href=\"/sessions/", _("Given at"));
    esc(p, str(pSrc, "session"));
    buf_puts(p, "\"><code>");
    esc(p, str(pSrc, "session"));
    buf_puts(p, "</code></a> (<a href=\"/sessions/");
    esc(p, str(pSrc, "session"));
    hprintf(p, "/minutes\">%s</a>)</dd>", _("minutes"));
  }
  if (str(pSrc, "document")) {
    hprintf(p, "<dt>%s</dt><dd><a href=\"/documents/", _("Document"));
    esc(p, str(pSrc, "document"));
    buf_puts(p, "\"><code>");
    esc(p, str(pSrc, "document"));
    buf_puts(p, "</code></a></dd>");
  }
  if (str(c, "parent")) {
    hprintf(p, "<dt>%s</dt><dd><a href=\"/commitments/", _("Part of"));
    esc(p, str(c, "parent"));
    buf_puts(p, "\"><code>");
    esc(p, str(c, "parent"));
    buf_puts(p, "</code></a></dd>");
  }
  hprintf(p, "<dt>%s</dt><dd>", _("Deadline"));
  put_date(p, str(c, "deadline"));
  hprintf(p, "</dd><dt>%s</dt><dd>", _("Category"));
  esc(p, dflt(str(c, "category"), _("none")));
  hprintf(p, "</dd><dt>%s</dt><dd>", _("Addressees"));
  const json_t *aAddr = json_object_get(json_object_get(c, "addressees"), "parties");
  for (size_t i = 0; i < json_array_size(aAddr); i++) {
    const char *zCode = dflt(json_string_value(json_array_get(aAddr, i)), "");
    if (i) buf_puts(p, ", ");
    buf_puts(p, "<a href=\"/parties/");
    esc(p, zCode);
    buf_puts(p, "\">");
    esc(p, party_here(pParties, zCode));
    buf_puts(p, "</a>");
  }
  if (!json_array_size(aAddr)) hprintf(p, "<span class=\"muted\">%s</span>", _("none listed"));
  buf_puts(p, "</dd></dl>");
}

/* The items of a plan: the commitments whose parent it is. */
static void commitment_items(Buf *p, Db *pDb, const json_t *c, const char *zId) {
  json_t *aAll = entity_list(pDb, K_COMMITMENT, str(c, "organization"));
  int nItem = 0;
  for (size_t i = 0; i < json_array_size(aAll); i++) {
    const json_t *x = json_array_get(aAll, i);
    if (strcmp(dflt(str(x, "parent"), ""), zId) != 0) continue;
    if (!nItem++) hprintf(p, "<h2 id=\"items\">%s</h2><ul>", _("Items"));
    buf_puts(p, "<li><a href=\"/commitments/");
    esc(p, str(x, "id"));
    buf_puts(p, "\">");
    put_name(p, json_object_get(x, "text"), str(x, "id"));
    buf_puts(p, "</a></li>");
  }
  if (nItem) buf_puts(p, "</ul>");
  json_decref(aAll);
}

/* The assessments aA[i..j) of one party, latest first: the self-reports
** (bSelf) or the secretariat's. */
static void assessments_of(Buf *p, const json_t *aA, size_t i, size_t j, bool bSelf) {
  int n = 0;
  for (size_t k = j; k-- > i;) {
    const json_t *a = json_array_get(aA, k);
    if (json_is_true(json_object_get(a, "self_report")) != bSelf) continue;
    put_assessment(p, a);
    n++;
  }
  if (!n) hprintf(p, "<p class=\"muted\">%s</p>", _("None."));
}

/* Every state's evidence: the secretariat's beside the self-reports. */
static void commitment_evidence(Buf *p, const json_t *aA, const json_t *pParties) {
  hprintf(p, "<h2 id=\"evidence\">%s</h2>", _("Evidence by state"));
  if (!json_array_size(aA))
    hprintf(p, "<p class=\"muted\">%s</p>", _("No assessment or self-report recorded."));
  for (size_t i = 0; i < json_array_size(aA);) {
    const char *zCode = dflt(str(json_array_get(aA, i), "party"), "");
    size_t j = i;
    while (j < json_array_size(aA) &&
           strcmp(dflt(str(json_array_get(aA, j), "party"), ""), zCode) == 0)
      j++;
    buf_puts(p, "<h3>");
    esc(p, party_here(pParties, zCode));
    buf_puts(p, " <span class=\"code\">");
    esc(p, zCode);
    hprintf(p, "</span></h3><div class=\"beside\"><section><h4>%s</h4>",
            _("Secretariat's assessments"));
    assessments_of(p, aA, i, j, false);
    hprintf(p, "</section><section><h4>%s</h4>", _("Self-reports"));
    assessments_of(p, aA, i, j, true);
    buf_puts(p, "</section></div>");
    i = j;
  }
}

/* A commitment: its text in every language, its facts, its items and every
** state's evidence. */
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
  json_t *pParties = entity_map(pDb, K_PARTY, "code");
  Buf b = {0}, t = {0};
  buf_printf(&t, _("Commitment %s"), zId);
  pages_begin(&b, pReq, t.z, "/organizations");
  buf_puts(&b, zStyle);
  /* The heading with the id as code: the translation's text round its %s. */
  const char *zFmt = _("Commitment %s"), *zAt = strstr(zFmt, "%s");
  buf_puts(&b, "<h1>");
  if (zAt) {
    char *zBefore = xprintf("%.*s", (int)(zAt - zFmt), zFmt);
    esc(&b, zBefore);
    xfree(zBefore);
    buf_puts(&b, "<code>");
    esc(&b, zId);
    buf_puts(&b, "</code>");
    esc(&b, zAt + 2);
  } else {
    esc(&b, t.z);
  }
  buf_puts(&b, "</h1><p class=\"lede\">");
  const json_t *pText = json_object_get(c, "text");
  put_name(&b, pText, "");
  buf_puts(&b, "</p>");
  /* The text in its other languages, each with its lang. */
  const char *zShown = name_here(pText, 0);
  const char *zLang;
  json_t *v;
  json_object_foreach((json_t *)pText, zLang, v) {
    if (!json_is_string(v) || json_string_value(v) == zShown) continue;
    buf_puts(&b, "<p class=\"ru\" lang=\"");
    esc(&b, zLang);
    buf_puts(&b, "\">");
    esc(&b, json_string_value(v));
    buf_puts(&b, "</p>");
  }
  bool bIllus = false;
  for (size_t i = 0; i < json_array_size(aA); i++)
    bIllus = bIllus || is_illustrative(json_array_get(aA, i));
  if (bIllus) illus_notice(&b);
  commitment_facts(&b, pDb, c, pParties);
  commitment_items(&b, pDb, c, zId);
  commitment_evidence(&b, aA, pParties);
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
  buf_free(&t);
  json_decref(pParties);
  json_decref(pQ);
}
