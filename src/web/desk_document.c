/*
** The depositary's document form (/desk/new/document, /desk/edit/document/ID):
** the document's facts and its entry-into-force clause built from its parts
** (rule; conditions: a count, all of some parties, a weight; the delay, the
** delay for later parties, not before, the fixed date) and the withdrawal
** notice. "Preview" says, from the actions recorded now, whether it would be
** in force and since when, for whom and why, before anything is saved: the
** document is put through the journal in a transaction that is rolled back
** (preview.h). Saving runs the dry run first (messages beside their fields,
** warnings need "Save anyway") and writes through form_load. On edit, what
** the form does not show (weights, text, note, sources...) is kept.
*/
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "desk_records.h"
#include "entity.h"
#include "fields.h"
#include "page.h"
#include "preview.h"
#include "registry.h"
#include "routes.h"

/* The form's fields, by name; the field's id is its name with '_' as '-'. */
static const char *const azField[] = {"id",           "organization",  "body",
                                      "type",         "title_en",      "title_ru",
                                      "adopted_date", "adopted_place", "adopted_session",
                                      "rule",         "count",         "all_of",
                                      "weight",       "at_least",      "delay_days",
                                      "delay_months", "delay_then",    "later_days",
                                      "later_months", "later_then",    "not_before",
                                      "fixed_date",   "notice_months", "notice_days"};
#define N_FIELD (sizeof(azField) / sizeof(azField[0]))

static void set_int(json_t *v, const char *zKey, const json_t *pInt) {
  if (!json_is_integer(pInt)) return;
  char z[32];
  snprintf(z, sizeof(z), "%lld", (long long)json_integer_value(pInt));
  json_object_set_new(v, zKey, json_string(z));
}

/* The id of field zName ("title_en" -> "title-en"), in a static buffer. */
static const char *field_id(const char *zName) {
  static char z[64];
  snprintf(z, sizeof(z), "%s", zName);
  for (char *c = z; *c; c++)
    if (*c == '_') *c = '-';
  return z;
}

/* ---- The view: the form's fields as text ---------------------------------------------- */

static json_t *view_of_record(const json_t *d) {
  json_t *v = json_object();
  desk_set_str(v, "id", str(d, "id"));
  desk_set_str(v, "organization", str(d, "organization"));
  desk_set_str(v, "body", str(d, "body"));
  desk_set_str(v, "type", str(d, "type"));
  desk_set_str(v, "title_en", str(json_object_get(d, "title"), "en"));
  desk_set_str(v, "title_ru", str(json_object_get(d, "title"), "ru"));
  const json_t *a = json_object_get(d, "adopted");
  desk_set_str(v, "adopted_date", str(a, "date"));
  desk_set_str(v, "adopted_place", str(a, "place"));
  desk_set_str(v, "adopted_session", str(a, "session"));
  const json_t *e = json_object_get(d, "entry_into_force");
  desk_set_str(v, "rule", str(e, "rule"));
  size_t i;
  json_t *c;
  json_array_foreach(json_object_get(e, "conditions"), i, c) {
    set_int(v, "count", json_object_get(c, "count"));
    const json_t *aAll = json_object_get(c, "all_of");
    if (aAll) {
      Buf b = {0};
      for (size_t k = 0; k < json_array_size(aAll); k++)
        buf_printf(&b, "%s%s", k ? " " : "", dflt(json_string_value(json_array_get(aAll, k)), ""));
      desk_set_str(v, "all_of", b.z ? b.z : "");
      buf_free(&b);
    }
    if (str(c, "weight")) {
      desk_set_str(v, "weight", str(c, "weight"));
      char z[64];
      snprintf(z, sizeof(z), "%g", json_number_value(json_object_get(c, "at_least")));
      desk_set_str(v, "at_least", z);
    }
  }
  const json_t *pDelay = json_object_get(e, "delay");
  set_int(v, "delay_days", json_object_get(pDelay, "days"));
  set_int(v, "delay_months", json_object_get(pDelay, "months"));
  desk_set_str(v, "delay_then", str(pDelay, "then"));
  const json_t *pLater = json_object_get(e, "later_delay");
  set_int(v, "later_days", json_object_get(pLater, "days"));
  set_int(v, "later_months", json_object_get(pLater, "months"));
  desk_set_str(v, "later_then", str(pLater, "then"));
  if (pLater && !json_object_get(pLater, "days") && !json_object_get(pLater, "months"))
    desk_set_str(v, "later_days", "0");
  desk_set_str(v, "not_before", str(e, "not_before"));
  desk_set_str(v, "fixed_date", str(e, "date"));
  const json_t *pNotice = json_object_get(json_object_get(d, "withdrawal"), "notice");
  set_int(v, "notice_months", json_object_get(pNotice, "months"));
  set_int(v, "notice_days", json_object_get(pNotice, "days"));
  if (pNotice && !json_object_get(pNotice, "days") && !json_object_get(pNotice, "months"))
    desk_set_str(v, "notice_days", "0");
  return v;
}

static json_t *view_of_form(const Form *f) {
  json_t *v = json_object();
  for (size_t i = 0; i < N_FIELD; i++) desk_set_str(v, azField[i], form_get(f, azField[i]));
  return v;
}

/* ---- The record, from the view ----------------------------------------------------------- */

/* A whole number typed in field zName into *pOut; false (noted) when it is not one. */
static bool int_of(const json_t *v, const char *zName, long long *pOut, json_t *pErrors) {
  const char *z = str(v, zName);
  if (desk_blank(z)) return false;
  char *zEnd;
  long long n = strtoll(z, &zEnd, 10);
  while (*zEnd == ' ') zEnd++;
  if (*zEnd || n < 0 || n > 100000) {
    desk_note(pErrors, field_id(zName), _("A whole number, like 30 (or leave it blank)."));
    return false;
  }
  *pOut = n;
  return true;
}

/* A delay from the fields PREFIX_days, PREFIX_months, PREFIX_then; NULL when all blank. */
static json_t *delay_of_view(const json_t *v, const char *zPrefix, json_t *pErrors) {
  char zDays[32], zMonths[32], zThen[32];
  snprintf(zDays, sizeof(zDays), "%s_days", zPrefix);
  snprintf(zMonths, sizeof(zMonths), "%s_months", zPrefix);
  snprintf(zThen, sizeof(zThen), "%s_then", zPrefix);
  if (desk_blank(str(v, zDays)) && desk_blank(str(v, zMonths)) && desk_blank(str(v, zThen)))
    return 0;
  json_t *d = json_object();
  long long n;
  if (int_of(v, zMonths, &n, pErrors) && n) json_object_set_new(d, "months", json_integer(n));
  if (int_of(v, zDays, &n, pErrors) && (n || !json_object_get(d, "months")))
    json_object_set_new(d, "days", json_integer(n));
  if (!desk_blank(str(v, zThen))) desk_set_str(d, "then", "first_of_next_month");
  return d;
}

/* What the conditions' indexes are: "count", "all_of", "weight" in order. */
typedef struct DocCtx {
  const char *azCond[3];
  int nCond;
} DocCtx;

/* The record: base (the live record on edit, else empty) with the form's
** fields put over it. */
static json_t *record_of_view(const json_t *v, const json_t *pBase, const char *zId, DocCtx *pCtx,
                              json_t *pErrors) {
  json_t *r = pBase ? json_deep_copy(pBase) : json_object();
  memset(pCtx, 0, sizeof(*pCtx));
  json_object_set_new(r, "id", json_string(zId));
  static const char *const azPlain[] = {"organization", "body", "type"};
  for (size_t i = 0; i < 3; i++) {
    if (desk_blank(str(v, azPlain[i])))
      json_object_del(r, azPlain[i]);
    else
      desk_set_str(r, azPlain[i], str(v, azPlain[i]));
  }
  json_t *pTitle = json_deep_copy(json_object_get(r, "title"));
  if (!json_is_object(pTitle)) {
    json_decref(pTitle);
    pTitle = json_object();
  }
  if (desk_blank(str(v, "title_en"))) {
    json_object_del(pTitle, "en");
    if (!json_object_size(pTitle))
      desk_note(pErrors, "title-en", _("The document needs a title (in English, or in Russian)."));
  } else {
    desk_set_str(pTitle, "en", str(v, "title_en"));
  }
  if (desk_blank(str(v, "title_ru")))
    json_object_del(pTitle, "ru");
  else
    desk_set_str(pTitle, "ru", str(v, "title_ru"));
  if (!json_object_size(pTitle) && !json_object_get(pErrors, "title-en"))
    desk_note(pErrors, "title-en", _("The document needs a title (in English, or in Russian)."));
  json_object_set_new(r, "title", pTitle);
  if (desk_blank(str(v, "adopted_date")) && desk_blank(str(v, "adopted_place")) &&
      desk_blank(str(v, "adopted_session"))) {
    json_object_del(r, "adopted");
  } else {
    json_t *a = json_object();
    json_object_set_new(a, "date",
                        desk_blank(str(v, "adopted_date")) ? json_null()
                                                           : json_string(str(v, "adopted_date")));
    json_object_set_new(a, "place",
                        desk_blank(str(v, "adopted_place")) ? json_null()
                                                            : json_string(str(v, "adopted_place")));
    json_object_set_new(a, "session",
                        desk_blank(str(v, "adopted_session"))
                            ? json_null()
                            : json_string(str(v, "adopted_session")));
    json_object_set_new(r, "adopted", a);
  }
  /* The clause. */
  const char *zRule = str(v, "rule");
  if (desk_blank(zRule)) {
    json_object_del(r, "entry_into_force");
  } else {
    json_t *e = json_object();
    desk_set_str(e, "rule", zRule);
    bool bThreshold = strcmp(zRule, "threshold") == 0;
    json_t *aCond = json_array();
    long long n;
    if (int_of(v, "count", &n, pErrors)) {
      if (bThreshold) {
        json_array_append_new(aCond, json_pack("{s:I}", "count", (json_int_t)n));
        pCtx->azCond[pCtx->nCond++] = "count";
      }
    }
    if (!desk_blank(str(v, "all_of")) && bThreshold) {
      json_t *aAll = json_array();
      char *z = xstrdup(str(v, "all_of")), *zSave = 0;
      for (char *t = strtok_r(z, " ,;", &zSave); t; t = strtok_r(0, " ,;", &zSave)) {
        for (char *c = t; *c; c++)
          if (*c >= 'a' && *c <= 'z') *c = (char)(*c - 'a' + 'A');
        json_array_append_new(aAll, json_string(t));
      }
      xfree(z);
      json_array_append_new(aCond, json_pack("{s:o}", "all_of", aAll));
      pCtx->azCond[pCtx->nCond++] = "all_of";
    }
    if ((!desk_blank(str(v, "weight")) || !desk_blank(str(v, "at_least"))) && bThreshold) {
      json_t *c = json_object();
      if (!desk_blank(str(v, "weight"))) desk_set_str(c, "weight", str(v, "weight"));
      if (!desk_blank(str(v, "at_least"))) {
        char *zEnd;
        double x = strtod(str(v, "at_least"), &zEnd);
        if (*zEnd)
          desk_note(pErrors, "at-least", _("A number, like 55 or 55.5."));
        else
          json_object_set_new(c, "at_least", json_real(x));
      }
      json_array_append_new(aCond, c);
      pCtx->azCond[pCtx->nCond++] = "weight";
    }
    if (bThreshold)
      json_object_set_new(e, "conditions", aCond);
    else
      json_decref(aCond);
    if (strcmp(zRule, "on_signature") != 0) {
      json_t *d = delay_of_view(v, "delay", pErrors);
      if (d) json_object_set_new(e, "delay", d);
      if (!desk_blank(str(v, "not_before"))) desk_set_str(e, "not_before", str(v, "not_before"));
    }
    json_t *d = delay_of_view(v, "later", pErrors);
    if (d) json_object_set_new(e, "later_delay", d);
    if (strcmp(zRule, "fixed_date") == 0)
      desk_set_str(e, "date", desk_blank(str(v, "fixed_date")) ? 0 : str(v, "fixed_date"));
    json_object_set_new(r, "entry_into_force", e);
  }
  json_t *pNotice = delay_of_view(v, "notice", pErrors);
  if (pNotice)
    json_object_set_new(r, "withdrawal", json_pack("{s:o}", "notice", pNotice));
  else
    json_object_del(r, "withdrawal");
  return r;
}

/* The form's field of a message about the record at zPath. */
static const char *document_field_of(const char *zPath, void *pv) {
  const DocCtx *c = pv;
  static const struct {
    const char *zPath, *zField;
  } aMap[] = {
      {"title.ru", "title-ru"},
      {"title", "title-en"},
      {"adopted.date", "adopted-date"},
      {"adopted.place", "adopted-place"},
      {"adopted.session", "adopted-session"},
      {"adopted", "adopted-date"},
      {"entry_into_force.rule", "rule"},
      {"entry_into_force.delay.months", "delay-months"},
      {"entry_into_force.delay.then", "delay-then"},
      {"entry_into_force.delay", "delay-days"},
      {"entry_into_force.later_delay.months", "later-months"},
      {"entry_into_force.later_delay.then", "later-then"},
      {"entry_into_force.later_delay", "later-days"},
      {"entry_into_force.not_before", "not-before"},
      {"entry_into_force.date", "fixed-date"},
      {"withdrawal.notice.months", "notice-months"},
      {"withdrawal", "notice-days"},
      {"organization", "organization"},
      {"body", "body"},
      {"type", "type"},
      {"id", "id"},
  };
  if (strncmp(zPath, "entry_into_force.conditions[", 28) == 0) {
    int i = atoi(zPath + 28);
    const char *zKind = i >= 0 && i < c->nCond ? c->azCond[i] : "count";
    if (strcmp(zKind, "all_of") == 0) return "all-of";
    if (strcmp(zKind, "weight") == 0) return strstr(zPath, "at_least") ? "at-least" : "weight";
    return "count";
  }
  if (strncmp(zPath, "entry_into_force", 16) == 0 &&
      (zPath[16] == ':' || zPath[16] == 0 || strncmp(zPath + 16, ".conditions", 11) == 0))
    return "rule";
  for (size_t i = 0; i < sizeof(aMap) / sizeof(aMap[0]); i++) {
    size_t n = strlen(aMap[i].zPath);
    if (strncmp(zPath, aMap[i].zPath, n) == 0 &&
        (zPath[n] == 0 || zPath[n] == ':' || zPath[n] == '.' || zPath[n] == '['))
      return aMap[i].zField;
  }
  return "";
}

/* ---- The preview's sentence --------------------------------------------------------------- */

/* z escaped, into a new Buf's text (free it). */
static void esc(Buf *p, const char *z) {
  buf_reset(p);
  if (p->z) p->z[0] = 0;
  html_escape(p, z ? z : "");
  if (!p->z) {
    buf_putc(p, 0); /* "" rather than NULL */
    p->n = 0;
  }
}

/* A date in the page's language's long style, into b (reset first). */
static void long_date(Buf *b, const char *zIso) {
  buf_reset(b);
  if (b->z) b->z[0] = 0;
  i18n_date_iso(b, zIso ? zIso : "");
  if (!b->z) {
    buf_putc(b, 0); /* "" rather than NULL */
    b->n = 0;
  }
}

/* A party's name in the page's language (its code when it has none). */
static const char *party_here(const json_t *pParties, const char *zCode) {
  return name_here(json_object_get(json_object_get(pParties, dflt(zCode, "")), "name"),
                   dflt(zCode, ""));
}

static void put_delay_words(Buf *p, const json_t *d) {
  long long m = (long long)json_integer_value(json_object_get(d, "months"));
  long long n = (long long)json_integer_value(json_object_get(d, "days"));
  Buf months = {0}, days = {0}, both = {0};
  if (m) i18n_plural(&months, _("{0, plural, one{# month} other{# months}}"), m);
  if (n || !m) i18n_plural(&days, _("{0, plural, one{# day} other{# days}}"), n);
  if (months.n && days.n)
    buf_printf(&both, _("%s and %s"), months.z, days.z);
  else
    buf_puts(&both, months.n ? months.z : days.z);
  if (str(d, "then"))
    buf_printf(p, _("%s, then the first day of the following month"), both.z);
  else
    buf_puts(p, both.z);
  buf_free(&months);
  buf_free(&days);
  buf_free(&both);
}

/* "Armenia, Belarus and Kazakhstan" of the codes in a, escaped. */
static void put_names(Buf *p, const json_t *a, const json_t *pParties) {
  size_t n = json_array_size(a);
  Buf head = {0}, last = {0};
  for (size_t i = 0; i < n; i++) {
    const char *zName = party_here(pParties, json_string_value(json_array_get(a, i)));
    if (i + 1 < n) {
      if (i) buf_puts(&head, ", ");
      html_escape(&head, zName);
    } else {
      html_escape(&last, zName);
    }
  }
  if (n >= 2)
    buf_printf(p, _("%s and %s"), head.z ? head.z : "", last.z ? last.z : "");
  else if (n == 1)
    buf_puts(p, last.z);
  buf_free(&head);
  buf_free(&last);
}

/* Why the general date is what it is (or why there is none). */
static void put_because(Buf *p, const json_t *pDoc, const json_t *pSt, const json_t *pParties) {
  const json_t *e = json_object_get(pDoc, "entry_into_force");
  const char *zRule = dflt(str(e, "rule"), "");
  const json_t *pTrig = json_object_get(pSt, "trigger");
  Buf party = {0}, type = {0}, day = {0}, day2 = {0};
  if (json_is_object(pTrig)) {
    esc(&party, party_here(pParties, str(pTrig, "party")));
    esc(&type, desk_word(str(pTrig, "type")));
    long_date(&day, str(pTrig, "date"));
  }
  if (strcmp(zRule, "threshold") == 0) {
    if (json_is_object(pTrig)) {
      long long rank = (long long)json_integer_value(json_object_get(pTrig, "rank"));
      long_date(&day2, str(pSt, "trigger_date"));
      if (rank) {
        Buf ord = {0};
        /* TRANSLATORS: an ordinal number: 1st, 2nd, 3rd, 4th... */
        i18n_plural(&ord, _("{0, selectordinal, one{#st} two{#nd} few{#rd} other{#th}}"), rank);
        /* TRANSLATORS: "Kazakhstan's ratification of 5 May 2026 was the 3rd consent counted
        ** and completed the conditions on 5 May 2026" */
        buf_printf(p,
                   _("%s's %s of %s was the %s consent counted and completed the conditions on "
                     "%s"),
                   party.z, type.z, day.z, ord.z, day2.z);
        buf_free(&ord);
      } else {
        buf_printf(p, _("%s's %s of %s completed the conditions on %s"), party.z, type.z, day.z,
                   day2.z);
      }
      buf_printf(p, "; %s + ", day2.z);
      put_delay_words(p, json_object_get(e, "delay"));
      if (str(e, "not_before")) {
        long_date(&day2, str(e, "not_before"));
        buf_printf(p, _(", and not before %s"), day2.z);
      }
      long_date(&day2, str(pSt, "entry_into_force"));
      buf_printf(p, " = %s", day2.z);
      html_period(p);
      goto done;
    }
    long long nCounted = 0, nNeed = 0;
    const json_t *aC = json_object_get(pSt, "consents");
    for (size_t i = 0; i < json_array_size(aC); i++)
      if (json_is_true(json_object_get(json_array_get(aC, i), "counted"))) nCounted++;
    const json_t *aCond = json_object_get(e, "conditions");
    json_t *aMissing = json_array();
    for (size_t i = 0; i < json_array_size(aCond); i++) {
      const json_t *c = json_array_get(aCond, i);
      if (json_is_integer(json_object_get(c, "count")))
        nNeed = (long long)json_integer_value(json_object_get(c, "count"));
      const json_t *aAll = json_object_get(c, "all_of");
      for (size_t k = 0; k < json_array_size(aAll); k++) {
        const char *zP = json_string_value(json_array_get(aAll, k));
        bool bGot = false;
        for (size_t j = 0; j < json_array_size(aC); j++)
          if (strcmp(dflt(str(json_array_get(aC, j), "party"), ""), dflt(zP, "")) == 0) bGot = true;
        if (!bGot && zP) json_array_append_new(aMissing, json_string(zP));
      }
    }
    i18n_plural(p,
                _("the conditions are not met: {0, plural, one{# consent counted} other{# "
                  "consents counted}} so far"),
                nCounted);
    if (nNeed) i18n_plural(p, _(", {0, plural, other{# needed}}"), nNeed);
    if (json_array_size(aMissing)) {
      Buf names = {0};
      put_names(&names, aMissing, pParties);
      buf_puts(p, "; ");
      buf_printf(p, _("no consent yet from %s"), names.z ? names.z : "");
      buf_free(&names);
    }
    buf_puts(p, ".");
    json_decref(aMissing);
  } else if (strcmp(zRule, "fixed_date") == 0) {
    long_date(&day2, str(e, "date"));
    buf_printf(p, _("the clause fixes the date %s"), day2.z);
    if (str(pSt, "entry_into_force"))
      html_period(p);
    else
      buf_puts(p, _(", and no party had consented by then."));
  } else if (strcmp(zRule, "on_signature") == 0) {
    if (json_is_object(pTrig))
      buf_printf(p, _("each party is bound from its own signature; the first was %s's %s of %s."),
                 party.z, type.z, day.z);
    else
      buf_puts(p, _("each party is bound from its own signature, and no party is bound yet."));
  }
done:
  buf_free(&party);
  buf_free(&type);
  buf_free(&day);
  buf_free(&day2);
}

/* The preview: in force since when, for whom, and why. */
static void put_preview(Buf *p, const json_t *pDoc, const json_t *pSt, const json_t *pParties,
                        const char *zToday) {
  if (!json_is_object(json_object_get(pDoc, "entry_into_force"))) {
    hprintf(p, "<p>%s</p>",
            _("No entry-into-force clause: pacta computes no dates for this document."));
    return;
  }
  const char *zEif = str(pSt, "entry_into_force");
  bool bInForce = json_is_true(json_object_get(pSt, "in_force"));
  /* The parties bound, by the date they are bound from (the general date first). */
  json_t *pByDate = json_object(); /* date -> [codes] */
  json_t *aDates = json_array();
  const json_t *aRow = json_object_get(pSt, "parties");
  for (size_t i = 0; i < json_array_size(aRow); i++) {
    const json_t *row = json_array_get(aRow, i);
    const char *zFrom = str(row, "entry_into_force");
    const char *zStatus = dflt(str(row, "status"), "");
    if (!zFrom || (strcmp(zStatus, "in_force") != 0 && strcmp(zStatus, "consented") != 0 &&
                   strcmp(zStatus, "provisional") != 0 && strcmp(zStatus, "signed") != 0))
      continue;
    json_t *a = json_object_get(pByDate, zFrom);
    if (!a) {
      json_object_set_new(pByDate, zFrom, a = json_array());
      json_array_append_new(aDates, json_string(zFrom));
    }
    json_array_append_new(a, json_string(dflt(str(row, "party"), "")));
  }
  Buf today = {0}, eif = {0}, names = {0}, day = {0};
  long_date(&today, zToday);
  buf_puts(p, "<p class=\"sentence\">");
  if (zEif) {
    long_date(&eif, zEif);
    const json_t *aFirst = json_object_get(pByDate, zEif);
    put_names(&names, aFirst, pParties);
    if (!json_array_size(aFirst)) buf_puts(&names, _("no party yet"));
    if (bInForce)
      buf_printf(p, _("<strong>In force since %s</strong> for %s"), eif.z, names.z);
    else
      buf_printf(p,
                 _("<strong>Not in force on %s</strong>; it would enter into force on %s for %s"),
                 today.z, eif.z, names.z);
    for (size_t i = 0; i < json_array_size(aDates); i++) {
      const char *zD = json_string_value(json_array_get(aDates, i));
      if (strcmp(zD, zEif) == 0) continue;
      buf_reset(&names);
      if (names.z) names.z[0] = 0;
      put_names(&names, json_object_get(pByDate, zD), pParties);
      long_date(&day, zD);
      buf_printf(p, _("; for %s from %s"), names.z ? names.z : "", day.z);
    }
    buf_puts(p, _(", because "));
  } else {
    buf_printf(p, _("<strong>Not in force on %s</strong>, because "), today.z);
  }
  put_because(p, pDoc, pSt, pParties);
  buf_puts(p, "</p>");
  buf_free(&today);
  buf_free(&eif);
  buf_free(&names);
  buf_free(&day);
  json_decref(pByDate);
  json_decref(aDates);
}

/* A document type ("treaty", "declaration") in words of the page's language. */
static const char *document_type_word(const char *zType) {
  if (!strcmp(zType, "charter")) return P_("document type", "charter");
  if (!strcmp(zType, "treaty")) return P_("document type", "treaty");
  if (!strcmp(zType, "agreement")) return P_("document type", "agreement");
  if (!strcmp(zType, "convention")) return P_("document type", "convention");
  if (!strcmp(zType, "protocol")) return P_("document type", "protocol");
  if (!strcmp(zType, "decision")) return P_("document type", "decision");
  if (!strcmp(zType, "concept")) return P_("document type", "concept");
  if (!strcmp(zType, "plan")) return P_("document type", "plan");
  if (!strcmp(zType, "statement")) return P_("document type", "statement");
  if (!strcmp(zType, "declaration")) return P_("document type", "declaration");
  if (!strcmp(zType, "other")) return P_("document type", "other");
  return zType;
}

/* ---- The page ----------------------------------------------------------------------------------
 */

typedef struct DocPage {
  Req *pReq;
  bool bEdit;
  const char *zId;
  const char *zCsrf;
  json_t *v;
  json_t *pErrors, *pWarnings;
  bool bConfirm;
  const char *zRefused; /* form_load's answer when it refused (HTML) */
  const json_t *pRec;   /* the record previewed, with pSt its status */
  const json_t *pSt;
  const char *zPreviewWhy; /* why there is no preview (text) */
} DocPage;

static void doc_select(Buf *p, const DocPage *s, const char *zName, const char *zLabel,
                       const char *zBlank, const char *zHint) {
  const char *zId = field_id(zName);
  char zIdCopy[64];
  snprintf(zIdCopy, sizeof(zIdCopy), "%s", zId);
  hprintf(p, "<div><label for=\"%s\">", zIdCopy);
  buf_puts(p, zLabel);
  hprintf(p, "</label><select id=\"%s\" name=\"%s\"", zIdCopy, zName);
  desk_aria(p, zIdCopy, zHint != 0, s->pErrors);
  buf_puts(p, ">");
  if (zBlank) desk_option(p, "", zBlank, str(s->v, zName));
  (void)zHint;
}

static void doc_select_end(Buf *p, const DocPage *s, const char *zName, const char *zHint) {
  char zId[64];
  snprintf(zId, sizeof(zId), "%s", field_id(zName));
  buf_puts(p, "</select>");
  desk_after(p, zId, zHint, s->pErrors, s->pWarnings);
  buf_puts(p, "</div>");
}

static void doc_input(Buf *p, const DocPage *s, const char *zName, const char *zLabel,
                      const char *zType, const char *zHint) {
  char zId[64];
  snprintf(zId, sizeof(zId), "%s", field_id(zName));
  desk_input(p, zId, zName, zLabel, zType, str(s->v, zName), zHint, s->pErrors, s->pWarnings);
}

static void doc_check(Buf *p, const DocPage *s, const char *zName, const char *zLabel) {
  char zId[64];
  snprintf(zId, sizeof(zId), "%s", field_id(zName));
  hprintf(p,
          "<div class=\"check\"><input type=\"checkbox\" id=\"%s\" name=\"%s\" "
          "value=\"first_of_next_month\"%s",
          zId, zName, desk_blank(str(s->v, zName)) ? "" : " checked");
  desk_aria(p, zId, false, s->pErrors);
  hprintf(p, "><label for=\"%s\">", zId);
  buf_puts(p, zLabel);
  buf_puts(p, "</label>");
  desk_after(p, zId, 0, s->pErrors, s->pWarnings);
  buf_puts(p, "</div>");
}

static void document_page(Resp *r, int status, DocPage *s) {
  Req *pReq = s->pReq;
  Db *pDb = pReq->pDb;
  Buf title = {0};
  if (s->bEdit)
    buf_printf(&title, _("Edit the document %s"), s->zId);
  else
    buf_puts(&title, _("New document"));
  Buf b = {0};
  pages_begin(&b, pReq, title.z, "/desk");
  hprintf(&b, "<h1>%s</h1>", title.z);
  buf_free(&title);
  buf_puts(&b, "<p class=\"lede\">");
  if (s->bEdit) {
    buf_puts(&b, _("The document as recorded. Change its clause and press <em>Preview</em> to "
                   "see what it would do with the actions recorded now, before saving."));
    hprintf(&b, " <a href=\"/documents/%s\">%s</a>.", s->zId, _("The document's page"));
  } else {
    buf_puts(&b, _("A treaty, agreement, decision or other document, with the clause that says "
                   "when it enters into force. <em>Preview</em> shows what the clause would do "
                   "with the actions recorded now, before anything is saved."));
  }
  buf_puts(&b, "</p>");
  desk_notice(&b, s->pErrors, s->pWarnings);
  if (s->zRefused) form_notice(&b, false, s->zRefused);
  hprintf(&b,
          "<form method=\"post\" action=\"%s\" class=\"fields desk\" id=\"document-form\" "
          "novalidate>",
          pReq->zPath);
  hprintf(&b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", s->zCsrf);
  if (s->bConfirm) desk_confirm_field(&b, s->pWarnings);
  hprintf(&b, "<fieldset><legend>%s</legend>", _("The document"));
  if (!s->bEdit)
    doc_input(&b, s, "id", _("Identifier"), "text",
              _("Lower case letters, digits, <code>.</code>, <code>_</code> and <code>-</code>, "
                "like <code>csto-agr-2026-info</code>."));
  else
    hprintf(&b, "<p>%s <span class=\"code\">%s</span></p>", _("Identifier:"), s->zId);
  /* Organization, body, type. */
  json_t *aOrg = entity_list(pDb, K_ORGANIZATION, 0);
  doc_select(&b, s, "organization", _("Organization"), _("Choose an organization"), 0);
  size_t i;
  json_t *o;
  json_array_foreach(aOrg, i, o)
      desk_option(&b, dflt(str(o, "id"), ""), name_here(json_object_get(o, "name"), str(o, "id")),
                  str(s->v, "organization"));
  doc_select_end(&b, s, "organization", 0);
  json_t *pOrgs = map_by(aOrg, "id");
  json_t *aBody = entity_list(pDb, K_BODY, 0);
  Buf optional = {0};
  hprintf(&optional, "%s <span class=\"muted\">%s</span>", _("Body"), _("(optional)"));
  doc_select(&b, s, "body", optional.z, _("none"), 0);
  buf_reset(&optional);
  json_array_foreach(aBody, i, o) {
    const char *zO = dflt(str(o, "organization"), "");
    Buf label = {0};
    buf_printf(&label, "%s \xe2\x80\x94 %s",
               name_here(json_object_get(json_object_get(pOrgs, zO), "name"), zO),
               name_here(json_object_get(o, "name"), str(o, "id")));
    desk_option(&b, dflt(str(o, "id"), ""), label.z, str(s->v, "body"));
    buf_free(&label);
  }
  doc_select_end(&b, s, "body", 0);
  json_decref(aBody);
  json_decref(pOrgs);
  json_decref(aOrg);
  doc_select(&b, s, "type", _("Type"), _("not stated"), 0);
  for (i = 0; ic_azDocumentType[i]; i++)
    desk_option(&b, ic_azDocumentType[i], document_type_word(ic_azDocumentType[i]),
                str(s->v, "type"));
  doc_select_end(&b, s, "type", 0);
  doc_input(&b, s, "title_en", _("Title in English"), "text", 0);
  hprintf(&optional, "%s <span class=\"muted\">%s</span>", _("Title in Russian"), _("(optional)"));
  doc_input(&b, s, "title_ru", optional.z, "text", 0);
  buf_free(&optional);
  hprintf(&b, "</fieldset><fieldset><legend>%s</legend><div class=\"row\">", _("Adopted"));
  doc_input(&b, s, "adopted_date", _("Date"), "date", 0);
  doc_input(&b, s, "adopted_place", _("Place"), "text", 0);
  hprintf(&b,
          "</div><div><label for=\"adopted-session\">%s <span class=\"muted\">%s</span>"
          "</label><input id=\"adopted-session\" name=\"adopted_session\" list=\"sessions\"",
          _("Session"), _("(optional)"));
  hprintf(&b, " value=\"%s\"", dflt(str(s->v, "adopted_session"), ""));
  desk_aria(&b, "adopted-session", true, s->pErrors);
  buf_puts(&b, "><datalist id=\"sessions\">");
  json_t *aSession = entity_list(pDb, K_SESSION, 0);
  json_array_foreach(aSession, i, o) hprintf(&b, "<option value=\"%s\">", dflt(str(o, "id"), ""));
  json_decref(aSession);
  buf_puts(&b, "</datalist>");
  desk_after(&b, "adopted-session", _("The identifier of the session that adopted it."), s->pErrors,
             s->pWarnings);
  buf_puts(&b, "</div></fieldset>");
  /* The clause. */
  hprintf(&b, "<fieldset id=\"clause\"><legend>%s</legend>", _("Entry into force"));
  const char *zRuleHint =
      _("On signature: each party from its own signature. Threshold: when the conditions hold, "
        "plus the delay. Fixed date: on the date, for those that consented by then.");
  doc_select(&b, s, "rule", _("Rule"), _("no clause recorded"), zRuleHint);
  desk_option(&b, "on_signature", _("on signature"), str(s->v, "rule"));
  desk_option(&b, "threshold", _("threshold"), str(s->v, "rule"));
  desk_option(&b, "fixed_date", _("fixed date"), str(s->v, "rule"));
  doc_select_end(&b, s, "rule", zRuleHint);
  hprintf(&b, "<fieldset><legend>%s</legend><div class=\"row\">", _("Conditions (threshold)"));
  doc_input(&b, s, "count", _("Consents needed (N)"), "text", 0);
  doc_input(&b, s, "all_of", _("All of these parties"), "text",
            _("Codes, like <code>BLR RUS</code>."));
  buf_puts(&b, "</div><div class=\"row\">");
  doc_input(&b, s, "weight", _("Weight (name)"), "text",
            _("The name of a weight recorded with the document, such as a share of "
              "emissions."));
  doc_input(&b, s, "at_least", _("at least"), "text",
            _("The total of that weight the consenting parties must reach, such as 55."));
  hprintf(&b, "</div></fieldset><fieldset><legend>%s</legend><div class=\"row\">", _("Delay"));
  doc_input(&b, s, "delay_days", _("Days"), "text", 0);
  doc_input(&b, s, "delay_months", _("Months"), "text", 0);
  buf_puts(&b, "</div>");
  doc_check(&b, s, "delay_then", _("then the first day of the following month"));
  hprintf(&b, "</fieldset><fieldset><legend>%s</legend><div class=\"row\">",
          _("For a party that consents later"));
  doc_input(&b, s, "later_days", _("Days"), "text", 0);
  doc_input(&b, s, "later_months", _("Months"), "text", 0);
  buf_puts(&b, "</div>");
  doc_check(&b, s, "later_then", _("then the first day of the following month"));
  hprintf(&b, "<p class=\"hint\">%s</p></fieldset><div class=\"row\">",
          _("Blank: the same delay as above (a fixed date: none)."));
  doc_input(&b, s, "not_before", _("Not before"), "date", 0);
  doc_input(&b, s, "fixed_date", _("Fixed date"), "date", 0);
  buf_puts(&b, "</div></fieldset>");
  hprintf(&b, "<fieldset><legend>%s</legend><div class=\"row\">", _("Withdrawal notice"));
  doc_input(&b, s, "notice_months", _("Months"), "text", 0);
  doc_input(&b, s, "notice_days", _("Days"), "text", 0);
  hprintf(&b, "</div><p class=\"hint\">%s</p></fieldset>", _("Blank: 12 months (VCLT art. 56)."));
  /* The preview. */
  char zToday[DATE_BUFSZ];
  date_format(date_today(), zToday);
  Buf today = {0};
  i18n_date_iso(&today, zToday);
  hprintf(&b, "<section id=\"preview\" class=\"preview\" aria-live=\"polite\" "
              "aria-labelledby=\"preview-h\"><h2 id=\"preview-h\">");
  hprintf(&b, _("Preview on %s"), today.z);
  buf_puts(&b, "</h2>");
  buf_free(&today);
  if (s->pSt) {
    json_t *pParties = entity_map(pDb, K_PARTY, "code");
    put_preview(&b, s->pRec, s->pSt, pParties, zToday);
    json_decref(pParties);
    hprintf(&b, "<p class=\"hint\">%s</p>",
            _("From the actions recorded now; nothing has been saved."));
  } else {
    hprintf(&b, "<p class=\"muted\">%s</p>",
            s->zPreviewWhy ? s->zPreviewWhy
                           : _("Press Preview to see what this clause would do with the actions "
                               "recorded now."));
  }
  buf_puts(&b, "</section>");
  form_token_field(&b, pReq, "");
  hprintf(&b,
          "<div class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"preview\" "
          "class=\"secondary\">%s</button> <button type=\"submit\" name=\"action\" "
          "value=\"save\">%s</button></div></form>",
          _("Preview"), s->bConfirm ? _("Save anyway") : _("Save the document"));
  pages_end(&b, pReq);
  page_send(r, status, &b, false);
}

/* ---- The handlers --------------------------------------------------------------------------- */

/* The preview of record pRec (valid): its status now. */
static json_t *preview_of(Db *pDb, const Caller *pCaller, const json_t *pRec) {
  Buf err = {0};
  json_t *pSt = preview_document_status(pDb, pRec, pCaller->zName, date_today(), &err);
  buf_free(&err);
  return pSt;
}

static void document_get(Req *pReq, Resp *r, bool bEdit) {
  if (!desk_allowed(pReq, r)) return;
  DocPage s = {
      pReq, bEdit, bEdit ? pReq->azParam[0] : 0, 0, 0, json_object(), json_object(), false, 0, 0,
      0,    0};
  json_t *pRec = 0, *pSt = 0;
  if (bEdit) {
    pRec = entity_get(pReq->pDb, K_DOCUMENT, s.zId);
    if (!pRec) {
      json_decref(s.pErrors);
      json_decref(s.pWarnings);
      pages_not_found(pReq, r, "document", s.zId);
      return;
    }
    s.v = view_of_record(pRec);
    Buf err = {0};
    pSt = query_status_detail(pReq->pDb, s.zId, date_today(), &err);
    buf_free(&err);
    s.pRec = pRec;
    s.pSt = pSt;
  } else {
    s.v = json_object();
    desk_set_str(s.v, "organization", req_arg(pReq, "organization"));
  }
  char zCsrf[33];
  csrf_new(r, pReq->zPath, zCsrf);
  s.zCsrf = zCsrf;
  document_page(r, 200, &s);
  json_decref(pSt);
  json_decref(pRec);
  json_decref(s.v);
  json_decref(s.pErrors);
  json_decref(s.pWarnings);
}

void page_get_desk_new_document(Req *pReq, Resp *r) {
  document_get(pReq, r, false);
}

void page_get_desk_edit_document(Req *pReq, Resp *r) {
  document_get(pReq, r, true);
}

static void document_post(Req *pReq, Resp *r, bool bEdit) {
  if (!desk_allowed(pReq, r) || !desk_form_type(pReq, r)) return;
  Db *pDb = pReq->pDb;
  json_t *pBase = 0;
  if (bEdit) {
    pBase = entity_get(pDb, K_DOCUMENT, pReq->azParam[0]);
    if (!pBase) {
      pages_not_found(pReq, r, "document", pReq->azParam[0]);
      return;
    }
  }
  Form f;
  form_parse(&f, pReq->zBody ? pReq->zBody : "", pReq->nBody);
  DocPage s = {pReq,
               bEdit,
               bEdit ? pReq->azParam[0] : 0,
               0,
               view_of_form(&f),
               json_object(),
               json_object(),
               false,
               0,
               0,
               0,
               0};
  char zCsrf[33];
  int status = 200;
  json_t *pRec = 0, *pSt = 0;
  Buf msg = {0};
  DocCtx ctx;
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
  const char *zId = bEdit ? s.zId : str(s.v, "id");
  if (desk_blank(zId)) {
    desk_note(s.pErrors, "id", _("The document needs an identifier."));
    status = 400;
    goto show;
  }
  if (!bEdit && entity_seq(pDb, K_DOCUMENT, zId)) {
    Buf m = {0};
    buf_printf(&m,
               _("A document %s is already recorded: edit it instead (/desk/edit/document/%s), "
                 "or give another identifier."),
               zId, zId);
    desk_note(s.pErrors, "id", m.z);
    buf_free(&m);
    status = 409;
    goto show;
  }
  pRec = record_of_view(s.v, pBase, zId, &ctx, s.pErrors);
  if (json_object_size(s.pErrors)) {
    status = 400;
    goto show;
  }
  if (!desk_dry_run(pDb, &pReq->caller, "documents", "document", zId, pRec, document_field_of, &ctx,
                    s.pErrors, s.pWarnings)) {
    status = 400;
    goto show;
  }
  pSt = preview_of(pDb, &pReq->caller, pRec);
  s.pRec = pRec;
  s.pSt = pSt;
  if (strcmp(dflt(form_get(&f, "action"), ""), "save") != 0) goto show; /* Preview */
  if (json_object_size(s.pWarnings) && !desk_confirmed(&f, s.pWarnings)) {
    s.bConfirm = true;
    goto show;
  }
  json_object_clear(s.pWarnings);
  {
    LoadResult res;
    status =
        form_load(pDb, &pReq->caller, "documents", pRec, _("Nothing was recorded."), &msg, &res);
    if (status == 200 || status == 201) {
      snprintf(r->zLocation, sizeof(r->zLocation), "/documents/%s", zId);
      resp_text(r, 303, "text/plain; charset=utf-8", "recorded\n", 9);
      goto done;
    }
    s.zRefused = msg.z;
  }
show:
  if (!s.pSt && json_object_size(s.pErrors))
    s.zPreviewWhy = _("No preview until the problems above are corrected.");
  document_page(r, status, &s);
done:
  buf_free(&msg);
  json_decref(pSt);
  json_decref(pRec);
  json_decref(pBase);
  json_decref(s.v);
  json_decref(s.pErrors);
  json_decref(s.pWarnings);
  form_free(&f);
}

void page_post_desk_new_document(Req *pReq, Resp *r) {
  document_post(pReq, r, false);
}

void page_post_desk_edit_document(Req *pReq, Resp *r) {
  document_post(pReq, r, true);
}
