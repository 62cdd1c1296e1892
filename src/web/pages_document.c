/*
** The documents: the list, and a document's page: its clauses of entry into
** force and withdrawal in words, its status and each party's on a date,
** the consents over time as a chart, and how every date was computed from
** the clause and the dated actions.
*/
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "fields.h"
#include "page.h"
#include "registry.h"
#include "routes.h"
#include "rules.h"
#include "submission.h"
#include "svg.h"

/* ---- Delays in words ---------------------------------------------------------------- */

typedef struct DelayWords {
  int days, months;
  bool firstOfNext;
} DelayWords;

static DelayWords delay_of(const json_t *p) {
  DelayWords d = {(int)json_integer_value(json_object_get(p, "days")),
                  (int)json_integer_value(json_object_get(p, "months")), str(p, "then") != 0};
  return d;
}

static bool delay_zero(DelayWords d) {
  return !d.days && !d.months && !d.firstOfNext;
}

/* "30 days", "3 months and 2 days, then the first day of the next month". */
static void put_delay(Buf *p, DelayWords d) {
  if (d.months) hprintf(p, "%d month%s", d.months, d.months == 1 ? "" : "s");
  if (d.months && d.days) buf_puts(p, " and ");
  if (d.days || !d.months) hprintf(p, "%d day%s", d.days, d.days == 1 ? "" : "s");
  if (d.firstOfNext) buf_puts(p, ", then the first day of the following month");
}

/* When a party that consents later is bound. */
static void put_later(Buf *p, DelayWords d) {
  if (delay_zero(d)) {
    buf_puts(p, "from the day of their own consent.");
  } else if (d.firstOfNext) {
    buf_puts(p, "from their own consent + ");
    put_delay(p, d);
    buf_puts(p, ".");
  } else {
    put_delay(p, d);
    buf_puts(p, " after their own.");
  }
}

static pdate apply_delay(DelayWords d, pdate x) {
  Delay dl = {d.days, d.months, d.firstOfNext};
  return delay_apply(&dl, x);
}

/* ---- The clause in words ------------------------------------------------------------ */

/* The entry-into-force clause in words. */
static void put_rule(Buf *p, const json_t *pDoc, const json_t *pParties) {
  const json_t *e = json_object_get(pDoc, "entry_into_force");
  const char *zRule = str(e, "rule");
  if (!zRule) {
    buf_puts(p, "No entry-into-force clause is recorded, so pacta does not compute dates for "
                "this document.");
    return;
  }
  DelayWords delay = delay_of(json_object_get(e, "delay"));
  const json_t *pLater = json_object_get(e, "later_delay");
  DelayWords later = pLater ? delay_of(pLater) : delay;
  if (strcmp(zRule, "on_signature") == 0) {
    buf_puts(p, "<strong>on signature</strong>: each party is bound from its own signature; a "
                "party whose signature is subject to domestic procedures, from its first later "
                "consent instrument.");
  } else if (strcmp(zRule, "threshold") == 0) {
    buf_puts(p, "<strong>threshold</strong>: ");
    const json_t *aCond = json_object_get(e, "conditions");
    for (size_t i = 0; i < json_array_size(aCond); i++) {
      const json_t *c = json_array_get(aCond, i);
      if (i) buf_puts(p, " and ");
      if (json_object_get(c, "count")) {
        long long n = (long long)json_integer_value(json_object_get(c, "count"));
        hprintf(p, "%lld consent%s", n, n == 1 ? "" : "s");
      } else if (json_object_get(c, "all_of")) {
        buf_puts(p, "the consents of ");
        const json_t *a = json_object_get(c, "all_of");
        for (size_t k = 0; k < json_array_size(a); k++) {
          if (k) buf_puts(p, k + 1 == json_array_size(a) ? " and " : ", ");
          put_party(p, pParties, json_string_value(json_array_get(a, k)));
        }
      } else {
        hprintf(p, "the consenting parties' %s adding up to at least ", dflt(str(c, "weight"), ""));
        buf_printf(p, "%g", json_number_value(json_object_get(c, "at_least")));
      }
    }
    if (!json_array_size(aCond)) buf_puts(p, "the first consent");
    if (delay_zero(delay)) {
      buf_puts(p, ", in force on the day the conditions are met");
    } else {
      buf_puts(p, ", then ");
      put_delay(p, delay);
    }
    if (str(e, "not_before")) hprintf(p, ", but not before %s", str(e, "not_before"));
    buf_puts(p, "; later parties ");
    put_later(p, later);
  } else if (strcmp(zRule, "fixed_date") == 0) {
    hprintf(p,
            "<strong>fixed date</strong>: in force on %s for every party that consented by "
            "then; later parties ",
            dflt(str(e, "date"), "?"));
    put_later(p, pLater ? later : (DelayWords){0, 0, false});
  } else {
    hprintf(p, "%s", zRule);
  }
}

static void put_withdrawal_rule(Buf *p, const json_t *pDoc) {
  const json_t *pNotice = json_object_get(json_object_get(pDoc, "withdrawal"), "notice");
  buf_puts(p, "a notice takes effect ");
  if (pNotice) {
    put_delay(p, delay_of(pNotice));
    buf_puts(p, " after it is received.");
  } else {
    buf_puts(p, "12 months after it is received (the default of VCLT art. 56).");
  }
}

/* ---- The consents chart --------------------------------------------------------------- */

/* The consents chart: counted consents as a step line, the threshold and
** the entry-into-force date. */
static void consent_chart(Buf *p, const json_t *pDoc, const json_t *pSt, const json_t *pParties,
                          pdate on) {
  const json_t *aConsent = json_object_get(pSt, "consents");
  size_t n = json_array_size(aConsent);
  SvgPoint *aPoint = xmalloc(n * sizeof(SvgPoint) + 1);
  int nPoint = 0, count = 0;
  const json_t *pTrig = json_object_get(pSt, "trigger"); /* threshold: completed the conditions */
  if (strcmp(dflt(str(json_object_get(pDoc, "entry_into_force"), "rule"), ""), "threshold") != 0)
    pTrig = 0;
  bool bAnyHit = false;
  for (size_t i = 0; i < n; i++) {
    const json_t *c = json_array_get(aConsent, i);
    if (!json_is_true(json_object_get(c, "counted"))) continue;
    count++;
    char *zTitle = xprintf("%s: %s of %s (consent %d)", party_name(pParties, str(c, "party")),
                           str(c, "type"), str(c, "date"), count);
    pdate d = date_of(json_object_get(c, "date"));
    bool bHit = str(pTrig, "party") && strcmp(str(pTrig, "party"), dflt(str(c, "party"), "")) == 0;
    if (bHit) bAnyHit = true;
    if (nPoint && aPoint[nPoint - 1].date == d) { /* same day: one step */
      xfree((char *)aPoint[nPoint - 1].zTitle);
      aPoint[nPoint - 1].value = count;
      aPoint[nPoint - 1].zTitle = zTitle;
      aPoint[nPoint - 1].bHighlight |= bHit;
      continue;
    }
    aPoint[nPoint++] = (SvgPoint){d, count, zTitle, bHit};
  }
  int threshold = 0;
  const json_t *e = json_object_get(pDoc, "entry_into_force");
  if (strcmp(dflt(str(e, "rule"), ""), "threshold") == 0) {
    const json_t *aCond = json_object_get(e, "conditions");
    for (size_t i = 0; i < json_array_size(aCond); i++) {
      int k = (int)json_integer_value(json_object_get(json_array_get(aCond, i), "count"));
      if (k > threshold) threshold = k;
    }
  }
  if (!nPoint) {
    buf_puts(p, "<p class=\"muted\">No consent recorded on or before this date.</p>");
    xfree(aPoint);
    return;
  }
  pdate eif = date_of(json_object_get(pSt, "entry_into_force"));
  pdate start = aPoint[0].date, end = aPoint[nPoint - 1].date;
  pdate adopted = date_of(json_object_get(json_object_get(pDoc, "adopted"), "date"));
  if (adopted != DATE_NONE && adopted < start) start = adopted;
  if (eif != DATE_NONE && eif > end) end = eif;
  if (eif != DATE_NONE && eif < start) start = eif;
  int pad = (end - start) / 20 + 20;
  start = date_add_days(start, -pad);
  end = date_add_days(end, pad);
  if (end > on && on > aPoint[nPoint - 1].date && (eif == DATE_NONE || on > eif)) end = on;
  char zEif[DATE_BUFSZ];
  date_format(eif, zEif);
  char *zThreshold = xprintf("threshold: %d consent%s", threshold, threshold == 1 ? "" : "s");
  char *zMarker = xprintf("entry into force %s", zEif);
  char *zDesc = xprintf("A step line rises by one at each counted consent, from %s to %d "
                        "consents%s%s.",
                        str(json_array_get(aConsent, 0), "date"), count,
                        threshold ? "; a dashed line marks the threshold" : "",
                        eif != DATE_NONE ? "; a vertical line marks the entry into force" : "");
  SvgSteps chart = {
      "consents-chart", "Consents over time", zDesc, "consents", aPoint, nPoint, start, end,
      threshold,        zThreshold,           eif,   zMarker};
  buf_puts(p, "<figure class=\"chart\">");
  svg_steps(p, &chart);
  buf_puts(p, "</figure><ul class=\"legend\" aria-label=\"Legend\"><li><span class=\"sw step\">"
              "</span>consents counted (organizations are not counted toward a number)</li>");
  if (bAnyHit)
    buf_puts(p, "<li><span class=\"sw dot-hit\"></span>the consent that completed the "
                "conditions</li>");
  if (threshold) hprintf(p, "<li><span class=\"sw line\"></span>threshold: %d</li>", threshold);
  if (eif != DATE_NONE)
    hprintf(p, "<li><span class=\"sw mark\"></span>entry into force %s</li>", zEif);
  buf_puts(p, "</ul>");
  for (int i = 0; i < nPoint; i++) xfree((char *)aPoint[i].zTitle);
  xfree(aPoint);
  xfree(zThreshold);
  xfree(zMarker);
  xfree(zDesc);
}

/* ---- How the dates were computed ------------------------------------------------------- */

static const char *ordinal_suffix(long long n) {
  if (n % 100 >= 11 && n % 100 <= 13) return "th";
  switch (n % 10) {
  case 1: return "st";
  case 2: return "nd";
  case 3: return "rd";
  default: return "th";
  }
}

/* "Armenia's notification of 1998-12-21" */
static void put_action_ref(Buf *p, const json_t *pParties, const json_t *a, bool bOwn) {
  if (bOwn)
    hprintf(p, "its %s of %s", dflt(str(a, "type"), ""), dflt(str(a, "date"), ""));
  else
    hprintf(p, "%s's %s of %s", party_name(pParties, str(a, "party")), dflt(str(a, "type"), ""),
            dflt(str(a, "date"), ""));
}

/* How the general date was computed. */
static void explain_general(Buf *p, const json_t *pDoc, const json_t *pSt, const json_t *pParties,
                            const char *zOn) {
  const json_t *e = json_object_get(pDoc, "entry_into_force");
  const char *zRule = dflt(str(e, "rule"), "");
  const char *zEif = str(pSt, "entry_into_force");
  const json_t *pTrig = json_object_get(pSt, "trigger");
  buf_puts(p, "<p>");
  if (strcmp(zRule, "threshold") == 0) {
    if (json_is_object(pTrig)) {
      long long rank = (long long)json_integer_value(json_object_get(pTrig, "rank"));
      buf_puts(p, "<strong>General date.</strong> ");
      put_action_ref(p, pParties, pTrig, false);
      hprintf(p,
              " was the %lld%s consent counted and completed the conditions: they were met on "
              "%s; ",
              rank, ordinal_suffix(rank), dflt(str(pSt, "trigger_date"), ""));
      DelayWords d = delay_of(json_object_get(e, "delay"));
      hprintf(p, "%s + ", dflt(str(pSt, "trigger_date"), ""));
      put_delay(p, d);
      pdate t = date_of(json_object_get(pSt, "trigger_date"));
      char zSum[DATE_BUFSZ];
      date_format(apply_delay(d, t), zSum);
      hprintf(p, " = %s", zSum);
      if (str(e, "not_before"))
        hprintf(p, "; not before %s, so the agreement entered into force on %s",
                str(e, "not_before"), dflt(zEif, ""));
      buf_puts(p, ".");
    } else {
      long long nCount = 0;
      const json_t *aC = json_object_get(pSt, "consents");
      for (size_t i = 0; i < json_array_size(aC); i++)
        if (json_is_true(json_object_get(json_array_get(aC, i), "counted"))) nCount++;
      hprintf(p,
              "<strong>Not yet in force on %s.</strong> The conditions are not met: %lld "
              "consent%s counted so far.",
              zOn, nCount, nCount == 1 ? "" : "s");
    }
  } else if (strcmp(zRule, "fixed_date") == 0) {
    hprintf(p, "<strong>General date.</strong> The clause fixes it: %s", dflt(str(e, "date"), ""));
    buf_puts(p, zEif ? "." : " (no party had consented by this date, so nobody is bound yet).");
  } else if (strcmp(zRule, "on_signature") == 0) {
    if (json_is_object(pTrig)) {
      buf_puts(p, "<strong>General date.</strong> The earliest day any party was bound: ");
      put_action_ref(p, pParties, pTrig, false);
      buf_puts(p, ".");
    } else {
      buf_puts(p, "<strong>Not yet in force.</strong> No party is bound yet.");
    }
  } else {
    buf_puts(p, "No clause is recorded, so no date is computed.");
  }
  buf_puts(p, "</p>");
}

/* A party that has not consented: what it did instead. */
static void explain_no_consent(Buf *p, const json_t *row) {
  const char *zStatus = dflt(str(row, "status"), "");
  bool bSubject = false;
  const json_t *aAct = json_object_get(row, "actions");
  for (size_t i = 0; i < json_array_size(aAct); i++)
    if (json_is_true(json_object_get(json_array_get(aAct, i), "subject_to_procedures")))
      bSubject = true;
  if (strcmp(zStatus, "provisional") == 0)
    hprintf(p, "applies it provisionally since %s; no consent to be bound yet.",
            dflt(str(row, "since"), ""));
  else if (strcmp(zStatus, "not_interested") == 0)
    hprintf(p, "declared on %s that it has no interest in it.", dflt(str(row, "since"), ""));
  else if (str(row, "signature"))
    hprintf(p, "signed on %s%s; no consent to be bound yet.", str(row, "signature"),
            bSubject ? " subject to domestic procedures" : "");
  else
    hprintf(p, "%s.", zStatus);
}

/* A party's withdrawal: when its notice takes effect, and why. */
static void explain_withdrawal(Buf *p, const json_t *pDoc, const json_t *row) {
  const json_t *pW = json_object_get(row, "withdrawal");
  if (json_is_object(pW)) {
    hprintf(p, " Notice of withdrawal received %s, effective %s", dflt(str(pW, "date"), ""),
            dflt(str(pW, "effective"), ""));
    bool bStated = false;
    const json_t *aAct = json_object_get(row, "actions");
    for (size_t i = 0; i < json_array_size(aAct); i++) {
      const json_t *a = json_array_get(aAct, i);
      if (strcmp(dflt(str(a, "type"), ""), "withdrawal") == 0 &&
          strcmp(dflt(str(a, "date"), ""), dflt(str(pW, "date"), "")) == 0 && str(a, "effective"))
        bStated = true;
    }
    if (bStated) {
      buf_puts(p, " (the date stated in the notice).");
    } else {
      buf_puts(p, " (");
      const json_t *pNotice = json_object_get(json_object_get(pDoc, "withdrawal"), "notice");
      hprintf(p, "%s + ", dflt(str(pW, "date"), ""));
      if (pNotice)
        put_delay(p, delay_of(pNotice));
      else
        buf_puts(p, "12 months, VCLT art. 56");
      buf_puts(p, ").");
    }
  }
}

/* How one party's date was computed. */
static void explain_party(Buf *p, const json_t *pDoc, const json_t *pSt, const json_t *row,
                          const json_t *pParties) {
  const json_t *e = json_object_get(pDoc, "entry_into_force");
  const char *zRule = dflt(str(e, "rule"), "");
  const char *zCode = str(row, "party");
  const json_t *pConsent = json_object_get(row, "consent");
  const json_t *pTrig = json_object_get(row, "trigger");
  const char *zEif = str(row, "entry_into_force");
  hprintf(p, "<li><strong>%s</strong>: ", party_name(pParties, zCode));
  if (!json_is_object(pConsent)) {
    explain_no_consent(p, row);
  } else if (!zEif) {
    put_action_ref(p, pParties, pConsent, true);
    if (json_is_object(json_object_get(row, "withdrawal")))
      buf_puts(p, "; the withdrawal took effect before it would have been bound.");
    else
      buf_puts(p, "; not bound yet: the document's conditions are not met.");
  } else if (strcmp(zRule, "threshold") == 0) {
    bool bOwn = json_is_object(pTrig) && strcmp(dflt(str(pTrig, "party"), ""), zCode) == 0;
    const char *zT = str(pSt, "trigger_date");
    if (!bOwn || (zT && strcmp(dflt(str(pConsent, "date"), ""), zT) <= 0 &&
                  strcmp(zEif, dflt(str(pSt, "entry_into_force"), "")) == 0)) {
      put_action_ref(p, pParties, pConsent, true);
      hprintf(p,
              " came on or before the day the conditions were met (%s), so it is bound from "
              "the general date %s.",
              dflt(zT, ""), zEif);
    } else {
      const json_t *pLater = json_object_get(e, "later_delay");
      DelayWords d = delay_of(pLater ? pLater : json_object_get(e, "delay"));
      pdate own = apply_delay(d, date_of(json_object_get(pConsent, "date")));
      char zOwn[DATE_BUFSZ];
      date_format(own, zOwn);
      buf_puts(p, "own ");
      hprintf(p, "%s of %s + ", dflt(str(pConsent, "type"), ""), dflt(str(pConsent, "date"), ""));
      put_delay(p, d);
      hprintf(p, " = %s", zOwn);
      if (strcmp(zOwn, zEif) != 0) hprintf(p, "; not before the general date, so %s", zEif);
      buf_puts(p, ".");
    }
  } else if (strcmp(zRule, "fixed_date") == 0) {
    const char *zFixed = dflt(str(e, "date"), "");
    put_action_ref(p, pParties, pConsent, true);
    if (strcmp(dflt(str(pConsent, "date"), ""), zFixed) <= 0) {
      hprintf(p, " came by the fixed date, so it is bound from %s.", zEif);
    } else {
      const json_t *pLater = json_object_get(e, "later_delay");
      DelayWords d = pLater ? delay_of(pLater) : (DelayWords){0, 0, false};
      hprintf(p, " came after the fixed date: %s + ", dflt(str(pConsent, "date"), ""));
      put_delay(p, d);
      hprintf(p, " = %s.", zEif);
    }
  } else if (strcmp(zRule, "on_signature") == 0) {
    buf_puts(p, "bound from ");
    put_action_ref(p, pParties, pConsent, true);
    if (strcmp(dflt(str(pConsent, "type"), ""), "signature") != 0 && str(row, "signature"))
      hprintf(p, " (its signature of %s was subject to domestic procedures)",
              str(row, "signature"));
    buf_puts(p, ".");
  }
  explain_withdrawal(p, pDoc, row);
  buf_puts(p, "</li>");
}

/* A text shown on the page at most; a longer one is in the record. */
#define TEXT_SHOWN_MAX (1 << 20)

/* The document's full text in each language, folded away. */
static void document_text(Buf *p, const json_t *pText, const char *zId) {
  const char *zLang;
  const json_t *v;
  json_object_foreach((json_t *)pText, zLang, v) {
    const char *zName = strcmp(zLang, "en") == 0   ? "English"
                        : strcmp(zLang, "ru") == 0 ? "Russian"
                                                   : zLang;
    if (!json_is_string(v)) continue;
    size_t n = json_string_length(v);
    if (n > TEXT_SHOWN_MAX) {
      hprintf(p,
              "<p class=\"small\">Full text (%s): %zu bytes, too long for this page; it is in "
              "<a href=\"/api/v1/documents/%s\">the record</a>.</p>",
              zName, n, zId);
      continue;
    }
    hprintf(p,
            "<details><summary>Full text (%s)</summary><div lang=\"%s\" "
            "style=\"white-space:pre-wrap;max-width:50rem\">%s</div></details>",
            zName, zLang, json_string_value(v));
  }
}

/* The heading and the facts: type, organization, body, adoption, the
** clauses of entry into force and withdrawal in words. */
static void document_facts(Buf *p, Db *pDb, const json_t *pDoc, const char *zId,
                           const json_t *pParties) {
  json_t *pOrgs = entity_map(pDb, K_ORGANIZATION, "id");
  json_t *pBodies = entity_map(pDb, K_BODY, "id");
  const json_t *pTitle = json_object_get(pDoc, "title");
  const json_t *pAdopted = json_object_get(pDoc, "adopted");
  hprintf(p, "<h1>%s</h1>", name_en(pTitle, zId));
  if (str(pTitle, "ru")) hprintf(p, "<p class=\"ru\" lang=\"ru\">%s</p>", str(pTitle, "ru"));
  buf_puts(p, "<dl class=\"facts\"><dt>Type</dt><dd>");
  put_words(p, dflt(str(pDoc, "type"), ""));
  buf_puts(p, "</dd><dt>Organization</dt><dd>");
  put_link(p, "organizations", pOrgs, str(pDoc, "organization"), "name");
  buf_puts(p, "</dd>");
  if (str(pDoc, "body")) {
    buf_puts(p, "<dt>Body</dt><dd>");
    put_link(p, "bodies", pBodies, str(pDoc, "body"), "name");
    buf_puts(p, "</dd>");
  }
  buf_puts(p, "<dt>Adopted</dt><dd>");
  put_date(p, str(pAdopted, "date"));
  if (str(pAdopted, "place")) hprintf(p, ", %s", str(pAdopted, "place"));
  if (str(pAdopted, "session"))
    hprintf(p, " (<a href=\"/sessions/%s\">session</a>)", str(pAdopted, "session"));
  buf_puts(p, "</dd>");
  if (str(pDoc, "depositary"))
    hprintf(p, "<dt>Depositary</dt><dd>%s</dd>", str(pDoc, "depositary"));
  if (str(pDoc, "supersedes"))
    hprintf(p, "<dt>Supersedes</dt><dd><a href=\"/documents/%s\">%s</a></dd>",
            str(pDoc, "supersedes"), str(pDoc, "supersedes"));
  buf_puts(p, "<dt>Entry into force</dt><dd>");
  put_rule(p, pDoc, pParties);
  buf_puts(p, "</dd><dt>Withdrawal</dt><dd>");
  put_withdrawal_rule(p, pDoc);
  hprintf(p, "</dd><dt>Identifier</dt><dd><span class=\"code\">%s</span></dd></dl>", zId);
  if (str(pDoc, "note")) hprintf(p, "<p class=\"note small\">%s</p>", str(pDoc, "note"));
  document_text(p, json_object_get(pDoc, "text"), zId);
  json_decref(pOrgs);
  json_decref(pBodies);
}

/* In force or not on the date, with the form choosing it and the links. */
static void document_status(Buf *p, Req *pReq, const json_t *pDoc, const json_t *pSt,
                            const char *zId, const char *zOn) {
  buf_puts(p, "<h2 id=\"status\">Status</h2>");
  date_form(p, pReq->zPath, "Status on", zOn);
  hprintf(p, "<p class=\"small\"><a href=\"/reports/document/%s?on=%s\">%s</a></p>", zId, zOn,
          _("Status report (HTML, PDF)"));
  const char *zEif = str(pSt, "entry_into_force");
  hprintf(p, "<p class=\"lede\">On %s this %s is <strong>%s</strong>", zOn,
          dflt(str(pDoc, "type"), "document"),
          json_is_true(json_object_get(pSt, "in_force")) ? "in force" : "not in force");
  if (zEif)
    hprintf(p, "; its entry into force %s %s.",
            json_is_true(json_object_get(pSt, "in_force")) ? "was" : "will be", zEif);
  else
    buf_puts(p, "; no entry-into-force date can be computed from the actions so far.");
  buf_puts(p, "</p>");
  hprintf(p,
          "<p class=\"small\">JSON: <a href=\"/api/v1/documents/%s/status?on=%s\">status on "
          "%s</a> \xc2\xb7 <a href=\"/api/v1/actions?document=%s&amp;format=csv\">actions as "
          "CSV</a> \xc2\xb7 <a href=\"/record?document=%s\">Record an action</a></p>",
          zId, zOn, zOn, zId, zId);
  if (pReq->bSession && pReq->caller.role == ROLE_DEPOSITARY)
    hprintf(p, "<p><a href=\"/desk/edit/document/%s\">Edit</a> the document and its clause</p>",
            zId);
}

/* Actions that are statements rather than steps toward being bound. */
static bool is_annotation(const char *zType) {
  return strcmp(zType, "reservation") == 0 || strcmp(zType, "declaration") == 0 ||
         strcmp(zType, "special_opinion") == 0 || strcmp(zType, "objection") == 0;
}

/*
** The objections that name the reservation they object to (an objection's
** "reservation": {"party", "date"}), both ways, among the actions on the
** page (aRow, each party's): "PARTY|objection|DATE" -> {"reservation":
** "PARTY|reservation|DATE", "shown": whether it is on the page (not when it
** was retracted)}, and "PARTY|reservation|DATE" -> [{"party", "date"}] of
** the objections to it. One lookup per objection on the page: the status
** rows carry only the actions' words.
*/
static json_t *objection_links(Db *pDb, const char *zId, const json_t *aRow) {
  json_t *pLinks = json_object(), *pShown = json_object();
  Buf k = {0};
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < json_array_size(aRow); i++) {
      const json_t *row = json_array_get(aRow, i);
      const json_t *aAct = json_object_get(row, "actions");
      for (size_t j = 0; j < json_array_size(aAct); j++) {
        const json_t *a = json_array_get(aAct, j);
        const char *zType = dflt(str(a, "type"), "");
        buf_reset(&k);
        buf_printf(&k, "%s|%s|%s|%s", zId, dflt(str(row, "party"), ""), zType,
                   dflt(str(a, "date"), ""));
        const char *zOnPage = k.z + strlen(zId) + 1; /* PARTY|type|DATE */
        if (pass == 0) {
          if (strcmp(zType, "reservation") == 0) json_object_set_new(pShown, zOnPage, json_true());
          continue;
        }
        if (strcmp(zType, "objection") != 0) continue;
        json_t *pRec = entity_get(pDb, K_ACTION, k.z);
        const json_t *pRes = json_object_get(pRec, "reservation");
        if (str(pRes, "party") && str(pRes, "date")) {
          char *zRes = xprintf("%s|reservation|%s", str(pRes, "party"), str(pRes, "date"));
          json_object_set_new(pLinks, zOnPage,
                              json_pack("{s:s, s:b}", "reservation", zRes, "shown",
                                        json_object_get(pShown, zRes) != 0));
          json_t *aBy = json_object_get(pLinks, zRes);
          if (!aBy) json_object_set_new(pLinks, zRes, aBy = json_array());
          json_array_append_new(aBy, json_pack("{s:s, s:s}", "party", dflt(str(row, "party"), ""),
                                               "date", dflt(str(a, "date"), "")));
          xfree(zRes);
        }
        json_decref(pRec);
      }
    }
  }
  buf_free(&k);
  json_decref(pShown);
  return pLinks;
}

/* "to the United States of America's reservation of 1992-06-08", linked to
** it on the page when it is there (pLink: objection_links's). */
static void put_objected(Buf *p, const json_t *pParties, const json_t *pLink) {
  const char *zRes = dflt(str(pLink, "reservation"), "");
  const char *zBar = strchr(zRes, '|'), *zDate = strrchr(zRes, '|');
  if (!zBar || !zDate) return;
  char *zParty = xprintf("%.*s", (int)(zBar - zRes), zRes);
  zDate++;
  buf_puts(p, " to ");
  if (json_is_true(json_object_get(pLink, "shown")))
    hprintf(p, "<a href=\"#%s-reservation-%s\">%s's reservation of %s</a>", zParty, zDate,
            party_name(pParties, zParty), zDate);
  else
    hprintf(p, "%s's reservation of %s <span class=\"small muted\">(not recorded)</span>",
            party_name(pParties, zParty), zDate);
  xfree(zParty);
}

/* A party's reservations, declarations, special opinions and objections;
** each has an anchor (PARTY-TYPE-DATE), an objection links the reservation
** it names and a reservation the objections to it (pLinks). */
static void document_statements(Buf *p, const char *zParty, const json_t *aAct,
                                const json_t *pLinks, const json_t *pParties) {
  bool bAny = false;
  for (size_t k = 0; k < json_array_size(aAct); k++) {
    const json_t *a = json_array_get(aAct, k);
    const char *zType = dflt(str(a, "type"), ""), *zDate = dflt(str(a, "date"), "");
    if (!is_annotation(zType)) continue;
    bAny = true;
    hprintf(p, "<div id=\"%s-%s-%s\"><strong>", zParty, zType, zDate);
    put_words(p, zType);
    hprintf(p, "</strong> <span class=\"small nw\">%s</span>", zDate);
    char *zKey = xprintf("%s|%s|%s", zParty, zType, zDate);
    const json_t *pLink = json_object_get(pLinks, zKey);
    if (json_is_object(pLink)) put_objected(p, pParties, pLink);
    if (str(a, "text")) hprintf(p, ": %s", str(a, "text"));
    if (str(a, "note")) hprintf(p, " <span class=\"small muted\">(%s)</span>", str(a, "note"));
    if (json_is_array(pLink)) {
      buf_puts(p, "<div class=\"small\">Objected to by ");
      for (size_t i = 0; i < json_array_size(pLink); i++) {
        const json_t *o = json_array_get(pLink, i);
        if (i) buf_puts(p, ", ");
        hprintf(p, "<a href=\"#%s-objection-%s\">%s</a> <span class=\"nw\">(%s)</span>",
                str(o, "party"), str(o, "date"), party_name(pParties, str(o, "party")),
                str(o, "date"));
      }
      buf_puts(p, "</div>");
    }
    xfree(zKey);
    buf_puts(p, "</div>");
  }
  if (!bAny) buf_puts(p, "<span class=\"muted\">none</span>");
}

/* Each party's signature, consent, entry into force, status and statements. */
static void document_parties(Buf *p, const json_t *aRow, const json_t *pParties, const char *zOn,
                             const json_t *pLinks) {
  Buf cap = {0};
  buf_printf(&cap, "Each party's signature, consent and status on %s", zOn);
  table_begin(p, cap.z,
              "Party|Signature|Consent|In force from|Status on the date|Reservations and "
              "declarations");
  buf_free(&cap);
  for (size_t i = 0; i < json_array_size(aRow); i++) {
    const json_t *row = json_array_get(aRow, i);
    const json_t *pConsent = json_object_get(row, "consent");
    buf_puts(p, "<tr><th scope=\"row\">");
    put_party(p, pParties, str(row, "party"));
    buf_puts(p, "</th><td class=\"nw\">");
    put_date(p, str(row, "signature"));
    buf_puts(p, "</td><td class=\"nw\">");
    if (json_is_object(pConsent)) {
      put_words(p, str(pConsent, "type"));
      buf_puts(p, " ");
      put_date(p, str(pConsent, "date"));
    } else {
      put_date(p, 0);
    }
    buf_puts(p, "</td><td class=\"nw\">");
    put_date(p, str(row, "entry_into_force"));
    buf_puts(p, "</td><td>");
    put_badge(p, str(row, "status"));
    if (str(row, "since"))
      hprintf(p, " <span class=\"small nw\">since %s</span>", str(row, "since"));
    const json_t *pW = json_object_get(row, "withdrawal");
    if (json_is_object(pW))
      hprintf(p,
              "<div class=\"small\"><span class=\"nw\">notice %s,</span> <span "
              "class=\"nw\">effective %s</span></div>",
              dflt(str(pW, "date"), ""), dflt(str(pW, "effective"), ""));
    buf_puts(p, "</td><td class=\"stmts\">");
    document_statements(p, dflt(str(row, "party"), ""), json_object_get(row, "actions"), pLinks,
                        pParties);
    buf_puts(p, "</td></tr>");
  }
  if (!json_array_size(aRow))
    buf_puts(p, "<tr><td colspan=\"6\" class=\"muted\">No action recorded on or before this "
                "date.</td></tr>");
  table_end(p);
}

/* How the general date and each party's date were computed. */
static void document_explanation(Buf *p, const json_t *pDoc, const json_t *pSt,
                                 const json_t *pParties, const char *zOn) {
  const json_t *aRow = json_object_get(pSt, "parties");
  explain_general(p, pDoc, pSt, pParties, zOn);
  bool bList = false;
  for (size_t i = 0; i < json_array_size(aRow); i++) {
    const json_t *row = json_array_get(aRow, i);
    if (!str(row, "status")) continue; /* statements only */
    if (!bList) buf_puts(p, "<ul class=\"explain\">");
    bList = true;
    explain_party(p, pDoc, pSt, row, pParties);
  }
  if (bList) buf_puts(p, "</ul>");
}

/* Every action, with the depositary's notes, folded away. */
static void document_actions(Buf *p, const json_t *aRow, const json_t *pParties) {
  buf_puts(p, "<details><summary>Every recorded action up to this date</summary>");
  table_begin(p, "Recorded actions", "Party|Action|Date|Note");
  for (size_t i = 0; i < json_array_size(aRow); i++) {
    const json_t *row = json_array_get(aRow, i);
    const json_t *aAct = json_object_get(row, "actions");
    for (size_t k = 0; k < json_array_size(aAct); k++) {
      const json_t *a = json_array_get(aAct, k);
      buf_puts(p, "<tr><th scope=\"row\">");
      put_party(p, pParties, str(row, "party"));
      buf_puts(p, "</th><td>");
      put_words(p, str(a, "type"));
      buf_puts(p, "</td><td class=\"nw\">");
      put_date(p, str(a, "date"));
      hprintf(p, "</td><td class=\"small\">%s", dflt(str(a, "note"), ""));
      if (str(a, "notification"))
        hprintf(p, " Depositary notification <a href=\"#notification-%s\">%s</a>.",
                str(a, "notification"), str(a, "notification"));
      buf_puts(p, "</td></tr>");
    }
  }
  table_end(p);
  buf_puts(p, "</details>");
}

/* The depositary notifications of the document: each accepted submission
** of an action on it, newest first. */
static void notifications_box(Buf *p, Db *pDb, const char *zDoc, const json_t *pParties) {
  json_t *a = submission_notifications(pDb, zDoc);
  if (json_array_size(a)) {
    buf_puts(p, "<section aria-labelledby=\"notifications\"><h2 id=\"notifications\">"
                "Depositary notifications</h2>");
    table_begin(p, "Instruments deposited by the parties and accepted by the depositary",
                "Notification|Party|Instrument|Received|Date of deposit");
    size_t i;
    json_t *s;
    json_array_foreach(a, i, s) {
      const json_t *d = json_object_get(s, "decision");
      hprintf(p, "<tr id=\"notification-%s\"><th scope=\"row\" class=\"nw\">%s</th><td>",
              str(d, "notification"), str(d, "notification"));
      put_party(p, pParties, str(s, "party"));
      buf_puts(p, "</td><td>");
      size_t j;
      json_t *pA;
      json_array_foreach(json_object_get(json_object_get(s, "records"), "actions"), j, pA) {
        if (strcmp(dflt(str(pA, "document"), ""), zDoc) != 0) continue;
        put_words(p, str(pA, "type"));
        if (str(pA, "instrument_date"))
          hprintf(p, " <span class=\"muted\">of %s</span>", str(pA, "instrument_date"));
        buf_puts(p, " ");
      }
      buf_puts(p, "</td><td class=\"nw\">");
      char zReceived[DATE_BUFSZ];
      snprintf(zReceived, sizeof(zReceived), "%.10s", dflt(str(s, "received"), ""));
      put_date(p, zReceived);
      buf_puts(p, "</td><td class=\"nw\">");
      put_date(p, str(d, "date"));
      buf_puts(p, "</td></tr>");
    }
    table_end(p);
    buf_puts(p, "</section>");
  }
  json_decref(a);
}

/* A document: its facts and clauses, its status on a date, each party's
** status, the consents chart and how each date was computed. */
void page_get_document(Req *pReq, Resp *r) {
  Db *pDb = pReq->pDb;
  const char *zId = pReq->azParam[0];
  json_t *pDoc = entity_get(pDb, K_DOCUMENT, zId);
  if (!pDoc) {
    pages_not_found(pReq, r, "document", zId);
    return;
  }
  pdate on;
  if (!page_on(pReq, r, &on)) {
    json_decref(pDoc);
    return;
  }
  char zOn[DATE_BUFSZ];
  date_format(on, zOn);
  Buf err = {0};
  json_t *pSt = query_status_detail(pDb, zId, on, &err);
  buf_free(&err);
  json_t *pParties = entity_map(pDb, K_PARTY, "code");
  const json_t *aRow = json_object_get(pSt, "parties");
  Buf b = {0};
  pages_begin(&b, pReq, name_en(json_object_get(pDoc, "title"), zId), "/documents");
  document_facts(&b, pDb, pDoc, zId, pParties);
  document_status(&b, pReq, pDoc, pSt, zId, zOn);
  json_t *pLinks = objection_links(pDb, zId, aRow);
  document_parties(&b, aRow, pParties, zOn, pLinks);
  json_decref(pLinks);
  buf_puts(&b, "<h2 id=\"consents\">Consents over time</h2>");
  consent_chart(&b, pDoc, pSt, pParties, on);
  buf_puts(&b, "<h2 id=\"explanation\">How the dates were computed</h2>");
  document_explanation(&b, pDoc, pSt, pParties, zOn);
  document_actions(&b, aRow, pParties);
  notifications_box(&b, pDb, zId, pParties);
  checks_box(&b, pReq, 0, zId);
  put_sources(&b, json_object_get(pDoc, "sources"));
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
  json_decref(pSt);
  json_decref(pParties);
  json_decref(pDoc);
}

/* Every document, with its organization, type and rule. */
void page_get_documents(Req *pReq, Resp *r) {
  Buf b = {0};
  pages_begin(&b, pReq, "Documents", "/documents");
  buf_puts(&b, "<h1>Documents</h1>");
  json_t *aDoc = entity_list(pReq->pDb, K_DOCUMENT, 0);
  json_t *pOrgs = entity_map(pReq->pDb, K_ORGANIZATION, "id");
  if (json_array_size(aDoc)) {
    table_begin(&b, "Every document in the registry",
                "Document|Organization|Type|Adopted|Entry into force rule");
    for (size_t i = 0; i < json_array_size(aDoc); i++) {
      const json_t *pd = json_array_get(aDoc, i);
      hprintf(&b, "<tr><th scope=\"row\"><a href=\"/documents/%s\">%s</a>", str(pd, "id"),
              name_en(json_object_get(pd, "title"), str(pd, "id")));
      put_ru(&b, json_object_get(pd, "title"));
      buf_puts(&b, "</th><td>");
      put_link(&b, "organizations", pOrgs, str(pd, "organization"), "name");
      hprintf(&b, "</td><td>%s</td><td class=\"nw\">", dflt(str(pd, "type"), ""));
      put_date(&b, str(json_object_get(pd, "adopted"), "date"));
      buf_puts(&b, "</td><td>");
      put_words(&b, dflt(str(json_object_get(pd, "entry_into_force"), "rule"), "none recorded"));
      buf_puts(&b, "</td></tr>");
    }
    table_end(&b);
  } else {
    buf_puts(&b, "<p class=\"muted\">No documents recorded.</p>");
  }
  json_decref(aDoc);
  json_decref(pOrgs);
  pages_end(&b, pReq);
  page_send(r, 200, &b, true);
}
