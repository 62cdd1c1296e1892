/*
** The status reports' content (report.h): built once from the registry's
** queries into an RDoc, in the current language, so that every renderer
** draws the same rows.
*/
#include "report.h"

#include <stdio.h>
#include <string.h>

#include "collate.h"
#include "entity.h"
#include "fields.h"
#include "html.h"
#include "i18n.h"
#include "note.h"
#include "place.h"
#include "registry.h"
#include "rules.h"
#include "tlog.h"

/* ---- Names in the report's language ------------------------------------------------ */

/* A name by language in the current language, else English, else any;
** *pzLang is the language it is in. */
static const char *name_in(const json_t *pName, const char *zFallback, const char **pzLang) {
  const char *zLang = i18n_lang();
  const char *z = str(pName, zLang);
  if (z) {
    *pzLang = zLang;
    return z;
  }
  if ((z = str(pName, "en")) != 0) {
    *pzLang = "en";
    return z;
  }
  const char *zKey;
  json_t *v;
  json_object_foreach((json_t *)pName, zKey, v) {
    if (json_is_string(v)) {
      *pzLang = zKey;
      return json_string_value(v);
    }
  }
  *pzLang = 0;
  return zFallback;
}

/* Append a text block in its own language. */
static RBlock *add_named(RDoc *d, RKind kind, const json_t *pName, const char *zFallback) {
  const char *zLang;
  const char *z = name_in(pName, zFallback, &zLang);
  RBlock *b = rdoc_add(d, kind, z);
  rtext_set_lang(d, &b->t, zLang);
  return b;
}

static RText *cell_named(RDoc *d, RBlock *t, const json_t *pName, const char *zFallback) {
  const char *zLang;
  RText *c = rdoc_cell(d, t, name_in(pName, zFallback, &zLang));
  rtext_set_lang(d, c, zLang);
  return c;
}

/* The date as the language writes it, into a fresh buffer's text, with
** no-break spaces so that a table's cell never breaks a date. */
static const char *fmt_date(Buf *b, const char *zIso) {
  buf_reset(b);
  buf_puts(b, "");
  if (zIso) {
    Buf t = {0};
    i18n_date_iso(&t, zIso);
    for (const char *z = t.z; z && *z; z++) {
      if (*z == ' ')
        buf_puts(b, "\xC2\xA0");
      else
        buf_putc(b, *z);
    }
    buf_free(&t);
  }
  return b->z;
}

static void add_textf(RDoc *d, RKind kind, const char *zFmt, const char *zArg)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 0)))
#endif
    ;
static void add_textf(RDoc *d, RKind kind, const char *zFmt, const char *zArg) {
  Buf b = {0};
  buf_printf(&b, zFmt, zArg);
  rdoc_add(d, kind, b.z);
  buf_free(&b);
}

static void add_plural(Buf *p, const char *zSep, const char *zPattern, long long n) {
  if (p->n) buf_puts(p, zSep);
  i18n_plural(p, zPattern, n);
}

/* ---- Words for the records' codes -------------------------------------------------- */

/* The instrument or action in words. */
static const char *action_words(const char *zType) {
  static const struct {
    const char *zType, *zWords;
  } a[] = {
      {"signature", N_("Signature")},
      {"definitive_signature", N_("Definitive signature")},
      {"ratification", N_("Instrument of ratification")},
      {"acceptance", N_("Instrument of acceptance")},
      {"approval", N_("Instrument of approval")},
      {"accession", N_("Instrument of accession")},
      {"notification", N_("Notification of completion of domestic procedures")},
      {"succession", N_("Notification of succession")},
      {"provisional_application", N_("Provisional application")},
      {"reservation", N_("Reservation")},
      {"declaration", N_("Declaration")},
      {"special_opinion", N_("Special opinion")},
      {"objection", N_("Objection")},
      {"not_interested", N_("Declared not interested")},
      {"withdrawal", N_("Withdrawal")},
  };
  for (size_t i = 0; zType && i < sizeof(a) / sizeof(a[0]); i++)
    if (strcmp(a[i].zType, zType) == 0) return _(a[i].zWords);
  return zType ? zType : "";
}

static const char *status_words(const char *zStatus) {
  static const struct {
    const char *zStatus, *zWords;
  } a[] = {
      {"in_force", N_("in force")},
      {"signed", N_("signed")},
      {"consented", N_("consented, not yet in force")},
      {"provisional", N_("provisionally applied")},
      {"withdrawing", N_("withdrawing")},
      {"withdrawn", N_("withdrawn")},
      {"not_interested", N_("declared not interested")},
  };
  for (size_t i = 0; zStatus && i < sizeof(a) / sizeof(a[0]); i++)
    if (strcmp(a[i].zStatus, zStatus) == 0) return _(a[i].zWords);
  return zStatus ? zStatus : "";
}

static bool is_annotation(const char *zType) {
  return zType && (strcmp(zType, "reservation") == 0 || strcmp(zType, "declaration") == 0 ||
                   strcmp(zType, "special_opinion") == 0 || strcmp(zType, "objection") == 0);
}

/* A delay after an event, in words ("30 days later"). */
static void put_delay(Buf *p, const json_t *pDelay) {
  long long months = json_integer_value(json_object_get(pDelay, "months"));
  long long days = json_integer_value(json_object_get(pDelay, "days"));
  if (months) {
    buf_puts(p, ", ");
    i18n_plural(p, _("{0, plural, one{# month later} other{# months later}}"), months);
  }
  if (days) {
    buf_puts(p, ", ");
    i18n_plural(p, _("{0, plural, one{# day later} other{# days later}}"), days);
  }
  if (str(pDelay, "then")) {
    buf_puts(p, ", ");
    buf_puts(p, _("on the first day of the following month"));
  }
}

/* The entry-into-force clause in words. */
static void put_clause(Buf *p, const json_t *pDoc, const json_t *pParties) {
  const json_t *e = json_object_get(pDoc, "entry_into_force");
  const char *zRule = str(e, "rule");
  Buf t = {0};
  if (!zRule) {
    buf_puts(p, _("no entry-into-force clause is recorded"));
  } else if (strcmp(zRule, "on_signature") == 0) {
    buf_puts(p, _("for each party from its signature"));
  } else if (strcmp(zRule, "fixed_date") == 0) {
    buf_printf(p, _("on %s for the parties that had consented by then"),
               fmt_date(&t, str(e, "date")));
  } else if (strcmp(zRule, "threshold") == 0) {
    const json_t *aCond = json_object_get(e, "conditions");
    for (size_t i = 0; i < json_array_size(aCond); i++) {
      const json_t *c = json_array_get(aCond, i);
      if (i) buf_puts(p, _(" and "));
      if (json_object_get(c, "count")) {
        i18n_plural(p,
                    _("{0, plural, one{on the deposit of # instrument} other{on the deposit of # "
                      "instruments}}"),
                    (long long)json_integer_value(json_object_get(c, "count")));
      } else if (json_object_get(c, "all_of")) {
        Buf names = {0};
        const json_t *a = json_object_get(c, "all_of");
        for (size_t k = 0; k < json_array_size(a); k++) {
          const char *zCode = json_string_value(json_array_get(a, k));
          const char *zLang;
          if (k) buf_puts(&names, ", ");
          buf_puts(&names, name_in(json_object_get(json_object_get(pParties, zCode), "name"), zCode,
                                   &zLang));
        }
        buf_printf(p, _("on the deposit of the instruments of all of %s"), names.z ? names.z : "");
        buf_free(&names);
      } else {
        char zNum[32];
        snprintf(zNum, sizeof(zNum), "%g", json_number_value(json_object_get(c, "at_least")));
        Buf w = {0};
        buf_printf(&w, _("when the consenting parties' %s adds up to at least %s"),
                   dflt(str(c, "weight"), ""), zNum);
        buf_puts(p, w.z);
        buf_free(&w);
      }
    }
    if (!json_array_size(aCond)) buf_puts(p, _("on the deposit of the first instrument"));
    put_delay(p, json_object_get(e, "delay"));
    if (str(e, "not_before"))
      buf_printf(p, _(", but not before %s"), fmt_date(&t, str(e, "not_before")));
    buf_puts(p, _("; for a party that deposits later, from its own deposit"));
    const json_t *pLater = json_object_get(e, "later_delay");
    put_delay(p, pLater ? pLater : json_object_get(e, "delay"));
  } else {
    buf_puts(p, zRule);
  }
  buf_free(&t);
}

/* ---- The heading shared by the reports ------------------------------------------- */

/* Organization, title, adoption. */
static void put_heading(RDoc *d, Db *pDb, const json_t *pOrg, const json_t *pTitle,
                        const char *zTitleId, const json_t *pAdopted) {
  if (pOrg) add_named(d, R_KICKER, json_object_get(pOrg, "name"), str(pOrg, "id"));
  add_named(d, R_TITLE, pTitle, zTitleId);
  if (pAdopted) {
    Buf b = {0}, t = {0};
    const char *zPlace = str(pAdopted, "place");
    if (place_here(pDb, zPlace)) zPlace = place_here(pDb, zPlace);
    const char *zDate = str(pAdopted, "date");
    if (zPlace && zDate) {
      buf_printf(&b, _("Place and date of adoption: %s, %s"), zPlace, fmt_date(&t, zDate));
    } else if (zDate) {
      buf_printf(&b, _("Date of adoption: %s"), fmt_date(&t, zDate));
    }
    if (b.n) rdoc_add(d, R_SUBTITLE, b.z);
    buf_free(&b);
    buf_free(&t);
  }
}

static void put_as_at(RDoc *d, pdate on) {
  Buf t = {0};
  i18n_date(&t, on);
  add_textf(d, R_SUBTITLE, _("Status as at %s"), t.z ? t.z : "");
  buf_free(&t);
}

static void set_footer(RDoc *d, const char *zWhat, pdate on) {
  Buf f = {0}, t = {0};
  i18n_date(&t, on);
  buf_printf(&f, "%s \xE2\x80\x94 ", zWhat);
  buf_printf(&f, _("Status as at %s"), t.z ? t.z : "");
  rdoc_set_footer(d, f.z);
  buf_free(&f);
  buf_free(&t);
}

/* ---- The log ------------------------------------------------------------------------- */

void report_log(Db *pDb, ReportLog *p) {
  memset(p, 0, sizeof(*p));
  p->size = tlog_size(pDb);
  MerkleHash r;
  Buf err = {0};
  if (tlog_root(pDb, p->size, &r, &err) == 0) {
    Buf b = {0};
    b64_encode(r.a, MERKLE_HASH_SIZE, &b);
    snprintf(p->zRoot, sizeof(p->zRoot), "%s", b.z ? b.z : "");
    buf_free(&b);
    hex_encode(r.a, MERKLE_HASH_SIZE, p->zRootHex);
  }
  buf_free(&err);
  uint64_t n = 0;
  char *zNote = tlog_checkpoint_latest(pDb, &n);
  if (zNote) {
    Note note;
    if (note_open(zNote, strlen(zNote), 0, 0, &note, &err) == 0) {
      p->bCheckpoint = true;
      p->cpSize = n;
      size_t k = 0;
      for (int i = 0; i < note.nSig && k + 1 < sizeof(p->zSigner); i++) {
        int m = snprintf(p->zSigner + k, sizeof(p->zSigner) - k, "%s%s (key %08x)", i ? ", " : "",
                         note.aSig[i].zName, (unsigned)note.aSig[i].keyId);
        if (m < 0) break;
        k += (size_t)m;
        if (k >= sizeof(p->zSigner)) k = sizeof(p->zSigner) - 1;
      }
      note_free(&note);
    }
    buf_free(&err);
    xfree(zNote);
  }
}

void report_log_blocks(RDoc *d, const ReportLog *p) {
  rdoc_add(d, R_HEADING, _("The record behind this report"));
  char zSize[32], zCp[32];
  snprintf(zSize, sizeof(zSize), "%llu", (unsigned long long)p->size);
  snprintf(zCp, sizeof(zCp), "%llu", (unsigned long long)p->cpSize);
  add_textf(d, R_SMALL, _("Log size: %s"), zSize);
  add_textf(d, R_SMALL, _("Root hash (SHA-256, base64): %s"), p->zRoot);
  Buf b = {0};
  if (p->bCheckpoint) {
    buf_printf(&b, _("Latest signed checkpoint: size %s, signed by %s"), zCp,
               *p->zSigner ? p->zSigner : "?");
  } else {
    buf_puts(&b, _("No signed checkpoint has been published yet."));
  }
  rdoc_add(d, R_SMALL, b.z);
  buf_reset(&b);
  buf_printf(&b,
             _("To check this report against the public log: pacta log root --size %s prints "
               "the same root hash, and pacta verify checks it against a signed checkpoint."),
             zSize);
  rdoc_add(d, R_SMALL, b.z);
  buf_free(&b);
}

int report_format_parse(const char *z) {
  if (z && strcmp(z, "html") == 0) return REPORT_HTML;
  if (z && strcmp(z, "pdf") == 0) return REPORT_PDF;
  return -1;
}

/* ---- Parties in the language's order --------------------------------------------- */

/* The rows of a, ordered by the current language's collation of their
** party's name. Returns a malloc'd index array. */
static int *by_party_name(const json_t *a, const json_t *pParties) {
  int n = (int)json_array_size(a);
  const char **az = xmalloc((size_t)n * sizeof(char *) + 1);
  int *aIdx = xmalloc((size_t)n * sizeof(int) + 1);
  for (int i = 0; i < n; i++) {
    const char *zCode = str(json_array_get(a, (size_t)i), "party");
    const char *zLang;
    az[i] = name_in(json_object_get(json_object_get(pParties, zCode), "name"), zCode, &zLang);
    aIdx[i] = i;
  }
  collate_sort(i18n_lang(), az, aIdx, n);
  xfree(az);
  return aIdx;
}

/* ---- A document as at a date -------------------------------------------------------- */

typedef struct Annex {
  Buf b; /* the annex's items, built with the table, each ending in a NUL */
  int n;
} Annex;

static int report_document_read(Db *pDb, const char *zDoc, pdate on, RDoc *d, Buf *pErr) {
  json_t *pDoc = entity_get(pDb, K_DOCUMENT, zDoc);
  if (!pDoc) {
    buf_printf(pErr, "no document \"%s\" (see 'pacta list documents')", zDoc);
    return -1;
  }
  json_t *pSt = query_status_detail(pDb, zDoc, on, pErr);
  if (!pSt) {
    json_decref(pDoc);
    return -1;
  }
  json_t *pOrg = entity_get(pDb, K_ORGANIZATION, dflt(str(pDoc, "organization"), ""));
  json_t *pParties = entity_map(pDb, K_PARTY, "code");
  Buf t = {0}, b = {0};
  const char *zTitleLang;
  const char *zTitle = name_in(json_object_get(pDoc, "title"), zDoc, &zTitleLang);
  xfree(d->zTitle);
  d->zTitle = xstrdup(zTitle);
  set_footer(d, zTitle, on);

  put_heading(d, pDb, pOrg, json_object_get(pDoc, "title"), zDoc, json_object_get(pDoc, "adopted"));
  put_as_at(d, on);

  /* The general entry into force and its clause. */
  const char *zEif = str(pSt, "entry_into_force");
  if (zEif && json_is_true(json_object_get(pSt, "in_force")))
    buf_printf(&b, _("Entry into force: %s."), fmt_date(&t, zEif));
  else if (zEif)
    buf_printf(&b, _("Entry into force: %s (not yet reached as at this date)."),
               fmt_date(&t, zEif));
  else
    buf_printf(&b, _("Not in force as at %s."), fmt_date(&t, str(pSt, "on")));
  rdoc_add(d, R_PARA, b.z);
  buf_reset(&b);
  Buf clause = {0};
  put_clause(&clause, pDoc, pParties);
  buf_printf(&b, _("Entry into force in accordance with its clause: %s"), clause.z ? clause.z : "");
  html_period(&b);
  buf_free(&clause);
  rdoc_add(d, R_PARA, b.z);
  if (str(pDoc, "depositary")) {
    RBlock *pDep = rdoc_add(d, R_PARA, "");
    buf_reset(&b);
    buf_printf(&b, _("Depositary: %s"), str(pDoc, "depositary"));
    xfree(pDep->t.z);
    pDep->t.z = xstrdup(b.z);
  }

  /* The parties. */
  const json_t *aParty = json_object_get(pSt, "parties");
  static const char *const azHead[] = {N_("Participant"),      N_("Signature"),
                                       N_("Instrument"),       N_("Date of deposit"),
                                       N_("Entry into force"), N_("Reservations and declarations"),
                                       N_("Withdrawal")};
  const char *azH[7];
  for (int i = 0; i < 7; i++) azH[i] = _(azHead[i]);
  static const double aWidth[] = {1.5, 1.4, 2.2, 1.5, 1.5, 1.5, 1.4};
  int *aIdx = by_party_name(aParty, pParties);
  int nSigned = 0, nDeposited = 0, nInForce = 0, nWithdrawn = 0, nRow = 0;
  Annex annex = {{0}, 0};
  RBlock *pTable = 0;
  for (size_t k = 0; k < json_array_size(aParty); k++) {
    const json_t *r = json_array_get(aParty, (size_t)aIdx[k]);
    if (!pTable) pTable = rdoc_table(d, _("Parties"), 7, azH, aWidth);
    nRow++;
    const char *zCode = str(r, "party");
    cell_named(d, pTable, json_object_get(json_object_get(pParties, zCode), "name"), zCode);
    rdoc_cell(d, pTable, fmt_date(&t, str(r, "signature")));
    if (str(r, "signature")) nSigned++;
    const json_t *pConsent = json_object_get(r, "consent");
    /* The instrument: the consent that binds it, with the instrument's own date. */
    const char *zInstrDate = 0;
    const json_t *aAct = json_object_get(r, "actions");
    for (size_t i = 0; pConsent && i < json_array_size(aAct); i++) {
      const json_t *a = json_array_get(aAct, i);
      if (strcmp(dflt(str(a, "type"), ""), dflt(str(pConsent, "type"), "")) == 0 &&
          strcmp(dflt(str(a, "date"), ""), dflt(str(pConsent, "date"), "")) == 0)
        zInstrDate = str(a, "instrument_date");
    }
    buf_reset(&b);
    if (pConsent) {
      buf_puts(&b, action_words(str(pConsent, "type")));
      if (zInstrDate) {
        buf_puts(&b, " (");
        buf_printf(&b, _("dated %s"), fmt_date(&t, zInstrDate));
        buf_puts(&b, ")");
      }
      nDeposited++;
    }
    rdoc_cell(d, pTable, b.z ? b.z : "");
    rdoc_cell(d, pTable, pConsent ? fmt_date(&t, str(pConsent, "date")) : "");
    const char *zStatus = str(r, "status");
    const char *zPartyEif = str(r, "entry_into_force");
    buf_reset(&b);
    if (zPartyEif) buf_puts(&b, fmt_date(&t, zPartyEif));
    if (zStatus && strcmp(zStatus, "in_force") == 0) nInForce++;
    if (zStatus && strcmp(zStatus, "in_force") != 0 && strcmp(zStatus, "signed") != 0) {
      if (b.n) buf_puts(&b, "; ");
      buf_puts(&b, status_words(zStatus));
    }
    rdoc_cell(d, pTable, b.z ? b.z : "");
    /* Reservations and declarations: a reference to the annex. */
    buf_reset(&b);
    for (size_t i = 0; i < json_array_size(aAct); i++) {
      const json_t *a = json_array_get(aAct, i);
      if (!is_annotation(str(a, "type"))) continue;
      annex.n++;
      if (b.n) buf_puts(&b, "; ");
      buf_printf(&b, "%s, %s [%d]", action_words(str(a, "type")), fmt_date(&t, str(a, "date")),
                 annex.n);
      const char *zLang;
      const char *zName =
          name_in(json_object_get(json_object_get(pParties, zCode), "name"), zCode, &zLang);
      Buf item = {0};
      buf_printf(&item, "[%d] %s \xE2\x80\x94 %s, %s: ", annex.n, zName,
                 action_words(str(a, "type")), fmt_date(&t, str(a, "date")));
      buf_puts(&item, str(a, "text") ? str(a, "text") : _("(the text is not recorded)"));
      buf_append(&annex.b, item.z, item.n + 1); /* with its NUL: texts may hold newlines */
      buf_free(&item);
    }
    rdoc_cell(d, pTable, b.z ? b.z : "");
    const json_t *pW = json_object_get(r, "withdrawal");
    buf_reset(&b);
    if (json_is_object(pW)) {
      buf_printf(&b, _("notified %s"), fmt_date(&t, str(pW, "date")));
      if (str(pW, "effective")) {
        buf_puts(&b, "; ");
        buf_printf(&b, _("effective %s"), fmt_date(&t, str(pW, "effective")));
      }
      nWithdrawn++;
    }
    rdoc_cell(d, pTable, b.z ? b.z : "");
  }
  xfree(aIdx);
  if (!nRow) {
    add_textf(d, R_PARA, _("No state had signed it or deposited an instrument as at %s."),
              fmt_date(&t, str(pSt, "on")));
  }

  /* Totals. */
  rdoc_add(d, R_HEADING, _("Totals"));
  buf_reset(&b);
  add_plural(&b, "; ", _("{0, plural, one{# signatory} other{# signatories}}"), nSigned);
  add_plural(&b, "; ", _("{0, plural, one{# instrument deposited} other{# instruments deposited}}"),
             nDeposited);
  add_plural(&b, "; ", _("{0, plural, one{in force for # party} other{in force for # parties}}"),
             nInForce);
  add_plural(&b, "; ", _("{0, plural, one{# withdrawal} other{# withdrawals}}"), nWithdrawn);
  buf_puts(&b, ".");
  rdoc_add(d, R_PARA, b.z);

  if (annex.n) {
    rdoc_add(d, R_HEADING, _("Annex: reservations and declarations"));
    for (size_t i = 0; i < annex.b.n; i += strlen(annex.b.z + i) + 1)
      rdoc_add(d, R_ITEM, annex.b.z + i);
  }
  buf_free(&annex.b);
  buf_free(&b);
  buf_free(&t);
  json_decref(pParties);
  json_decref(pOrg);
  json_decref(pSt);
  json_decref(pDoc);
  return 0;
}

int report_document(Db *pDb, const char *zDoc, pdate on, RDoc *d, Buf *pErr) {
  rdoc_init(d, i18n_lang(), zDoc);
  d->bLandscape = true;
  bool bBegun = db_read_begin(pDb);
  int rc = report_document_read(pDb, zDoc, on, d, pErr);
  if (rc == 0) {
    ReportLog log;
    report_log(pDb, &log);
    report_log_blocks(d, &log);
  }
  db_read_end(pDb, bBegun);
  return rc;
}

/* ---- A party in every document ------------------------------------------------------ */

/* The party's row in a document's status, or NULL. */
static const json_t *party_row(const json_t *pSt, const char *zCode) {
  const json_t *a = json_object_get(pSt, "parties");
  for (size_t i = 0; i < json_array_size(a); i++)
    if (strcmp(dflt(str(json_array_get(a, i), "party"), ""), zCode) == 0)
      return json_array_get(a, i);
  return 0;
}

/* Documents of an organization (NULL: all) ordered by adoption date, then id. */
static json_t *documents_of(Db *pDb, const char *zOrg) {
  json_t *a = entity_list(pDb, K_DOCUMENT, zOrg);
  size_t n = json_array_size(a);
  for (size_t i = 1; i < n; i++) { /* insertion sort: stable, few documents */
    for (size_t j = i; j > 0; j--) {
      const json_t *x = json_array_get(a, j - 1), *y = json_array_get(a, j);
      const char *zx = dflt(str(json_object_get(x, "adopted"), "date"), "9999");
      const char *zy = dflt(str(json_object_get(y, "adopted"), "date"), "9999");
      if (strcmp(zx, zy) <= 0) break;
      json_t *tmp = json_incref(json_array_get(a, j - 1));
      json_array_set(a, j - 1, json_array_get(a, j));
      json_array_set_new(a, j, tmp);
    }
  }
  return a;
}

static int report_party_read(Db *pDb, const char *zCode, const char *zOrg, pdate on, RDoc *d,
                             Buf *pErr) {
  json_t *pParty = entity_get(pDb, K_PARTY, zCode);
  if (!pParty) {
    buf_printf(pErr, "no party \"%s\" (see 'pacta list parties')", zCode);
    return -1;
  }
  json_t *pOrg = zOrg ? entity_get(pDb, K_ORGANIZATION, zOrg) : 0;
  if (zOrg && !pOrg) {
    buf_printf(pErr, "no organization \"%s\" (see 'pacta list organizations')", zOrg);
    json_decref(pParty);
    return -1;
  }
  json_t *pOrgs = entity_map(pDb, K_ORGANIZATION, "id");
  Buf t = {0}, b = {0};
  const char *zLang;
  const char *zName = name_in(json_object_get(pParty, "name"), zCode, &zLang);
  if (pOrg)
    add_named(d, R_KICKER, json_object_get(pOrg, "name"), zOrg);
  else
    rdoc_add(d, R_KICKER, _("All organizations"));
  buf_printf(&b, _("Participation of %s"), zName);
  rdoc_add(d, R_TITLE, b.z);
  xfree(d->zTitle);
  d->zTitle = xstrdup(b.z);
  set_footer(d, b.z, on);
  put_as_at(d, on);

  static const char *const azHead[] = {
      N_("Document"),        N_("Adopted"),          N_("Signature"),  N_("Instrument"),
      N_("Date of deposit"), N_("Entry into force"), N_("Withdrawal"), N_("Status")};
  const char *azH[8];
  for (int i = 0; i < 8; i++) azH[i] = _(azHead[i]);
  static const double aWidth[] = {3.0, 1.2, 1.2, 1.7, 1.2, 1.2, 1.2, 1.3};
  json_t *aDoc = documents_of(pDb, zOrg);
  RBlock *pTable = 0;
  int nDoc = 0, nSigned = 0, nDeposited = 0, nInForce = 0;
  for (size_t i = 0; i < json_array_size(aDoc); i++) {
    const json_t *pDoc = json_array_get(aDoc, i);
    const char *zDoc = str(pDoc, "id");
    if (!zDoc) continue;
    json_t *pSt = query_status_detail(pDb, zDoc, on, pErr);
    if (!pSt) {
      buf_reset(pErr);
      continue;
    }
    const json_t *r = party_row(pSt, zCode);
    if (!r) {
      json_decref(pSt);
      continue;
    }
    if (!pTable) pTable = rdoc_table(d, _("Documents"), 8, azH, aWidth);
    nDoc++;
    RText *c = cell_named(d, pTable, json_object_get(pDoc, "title"), zDoc);
    buf_reset(&b);
    buf_printf(&b, "/reports/document/%s", zDoc);
    rtext_set_href(c, b.z);
    if (!zOrg) {
      /* Name the organization with the title. */
      const char *zOrgLang;
      const char *zOrgName = name_in(
          json_object_get(json_object_get(pOrgs, dflt(str(pDoc, "organization"), "")), "name"),
          dflt(str(pDoc, "organization"), ""), &zOrgLang);
      if (!c->zLang || (zOrgLang && strcmp(c->zLang, zOrgLang) == 0)) {
        buf_reset(&b);
        buf_printf(&b, "%s (%s)", c->z, zOrgName);
        xfree(c->z);
        c->z = xstrdup(b.z);
      }
    }
    rdoc_cell(d, pTable, fmt_date(&t, str(json_object_get(pDoc, "adopted"), "date")));
    rdoc_cell(d, pTable, fmt_date(&t, str(r, "signature")));
    if (str(r, "signature")) nSigned++;
    const json_t *pConsent = json_object_get(r, "consent");
    rdoc_cell(d, pTable, pConsent ? action_words(str(pConsent, "type")) : "");
    rdoc_cell(d, pTable, pConsent ? fmt_date(&t, str(pConsent, "date")) : "");
    if (pConsent) nDeposited++;
    rdoc_cell(d, pTable, fmt_date(&t, str(r, "entry_into_force")));
    const json_t *pW = json_object_get(r, "withdrawal");
    buf_reset(&b);
    if (json_is_object(pW))
      buf_puts(&b, fmt_date(&t, str(pW, "effective") ? str(pW, "effective") : str(pW, "date")));
    rdoc_cell(d, pTable, b.z ? b.z : "");
    rdoc_cell(d, pTable, status_words(str(r, "status")));
    if (str(r, "status") && strcmp(str(r, "status"), "in_force") == 0) nInForce++;
    json_decref(pSt);
  }
  if (!nDoc) {
    Buf w = {0};
    buf_reset(&t);
    i18n_date(&t, on);
    buf_printf(&w, _("No action on these documents as at %s."), t.z ? t.z : "");
    rdoc_add(d, R_PARA, w.z);
    buf_free(&w);
  }
  rdoc_add(d, R_HEADING, _("Totals"));
  buf_reset(&b);
  add_plural(&b, "; ", _("{0, plural, one{# document} other{# documents}}"), nDoc);
  add_plural(&b, "; ", _("{0, plural, one{# signed} other{# signed}}"), nSigned);
  add_plural(&b, "; ", _("{0, plural, one{# instrument deposited} other{# instruments deposited}}"),
             nDeposited);
  add_plural(&b, "; ", _("{0, plural, one{# in force} other{# in force}}"), nInForce);
  buf_puts(&b, ".");
  rdoc_add(d, R_PARA, b.z);
  json_decref(aDoc);
  json_decref(pOrgs);
  json_decref(pOrg);
  json_decref(pParty);
  buf_free(&b);
  buf_free(&t);
  return 0;
}

int report_party(Db *pDb, const char *zCode, const char *zOrg, pdate on, RDoc *d, Buf *pErr) {
  rdoc_init(d, i18n_lang(), zCode);
  d->bLandscape = true;
  bool bBegun = db_read_begin(pDb);
  int rc = report_party_read(pDb, zCode, zOrg, on, d, pErr);
  if (rc == 0) {
    ReportLog log;
    report_log(pDb, &log);
    report_log_blocks(d, &log);
  }
  db_read_end(pDb, bBegun);
  return rc;
}

/* ---- An organization's documents ----------------------------------------------------- */

static int report_organization_read(Db *pDb, const char *zOrg, pdate on, RDoc *d, Buf *pErr) {
  json_t *pOrg = entity_get(pDb, K_ORGANIZATION, zOrg);
  if (!pOrg) {
    buf_printf(pErr, "no organization \"%s\" (see 'pacta list organizations')", zOrg);
    return -1;
  }
  Buf t = {0}, b = {0};
  add_named(d, R_KICKER, json_object_get(pOrg, "name"), zOrg);
  const char *zTitle = _("Status of the documents and of the domestic procedures");
  rdoc_add(d, R_TITLE, zTitle);
  xfree(d->zTitle);
  d->zTitle = xstrdup(zTitle);
  {
    const char *zLang;
    Buf f = {0};
    buf_printf(&f, "%s", name_in(json_object_get(pOrg, "name"), zOrg, &zLang));
    set_footer(d, f.z, on);
    buf_free(&f);
  }
  put_as_at(d, on);

  static const char *const azHead[] = {N_("No."),          N_("Document"),
                                       N_("Adopted"),      N_("Entry into force"),
                                       N_("Signatories"),  N_("Instruments deposited"),
                                       N_("In force for"), N_("Status")};
  const char *azH[8];
  for (int i = 0; i < 8; i++) azH[i] = _(azHead[i]);
  static const double aWidth[] = {0.5, 3.6, 1.5, 1.3, 1.1, 1.1, 1.1, 1.3};
  json_t *aDoc = documents_of(pDb, zOrg);
  RBlock *pTable = 0;
  int nDoc = 0, nInForce = 0;
  for (size_t i = 0; i < json_array_size(aDoc); i++) {
    const json_t *pDoc = json_array_get(aDoc, i);
    const char *zDoc = str(pDoc, "id");
    if (!zDoc) continue;
    json_t *pSt = query_status_detail(pDb, zDoc, on, pErr);
    if (!pSt) {
      buf_reset(pErr);
      continue;
    }
    if (!pTable) pTable = rdoc_table(d, _("Documents"), 8, azH, aWidth);
    nDoc++;
    buf_reset(&b);
    buf_printf(&b, "%d", nDoc);
    rdoc_cell(d, pTable, b.z);
    RText *c = cell_named(d, pTable, json_object_get(pDoc, "title"), zDoc);
    buf_reset(&b);
    buf_printf(&b, "/reports/document/%s", zDoc);
    rtext_set_href(c, b.z);
    const json_t *pAdopted = json_object_get(pDoc, "adopted");
    buf_reset(&b);
    buf_puts(&b, fmt_date(&t, str(pAdopted, "date")));
    if (str(pAdopted, "place")) {
      if (b.n) buf_puts(&b, ", ");
      const char *zHere = place_here(pDb, str(pAdopted, "place"));
      buf_puts(&b, zHere ? zHere : str(pAdopted, "place"));
    }
    rdoc_cell(d, pTable, b.z ? b.z : "");
    bool bInForce = json_is_true(json_object_get(pSt, "in_force"));
    rdoc_cell(d, pTable, bInForce ? fmt_date(&t, str(pSt, "entry_into_force")) : "");
    int nSigned = 0, nDeposited = 0, nParty = 0;
    const json_t *aParty = json_object_get(pSt, "parties");
    for (size_t k = 0; k < json_array_size(aParty); k++) {
      const json_t *r = json_array_get(aParty, k);
      if (str(r, "signature")) nSigned++;
      if (json_is_object(json_object_get(r, "consent"))) nDeposited++;
      if (strcmp(dflt(str(r, "status"), ""), "in_force") == 0) nParty++;
    }
    char zN[3][16];
    snprintf(zN[0], sizeof(zN[0]), "%d", nSigned);
    snprintf(zN[1], sizeof(zN[1]), "%d", nDeposited);
    snprintf(zN[2], sizeof(zN[2]), "%d", nParty);
    for (int k = 0; k < 3; k++) rdoc_cell(d, pTable, zN[k]);
    rdoc_cell(d, pTable,
              bInForce                                     ? _("in force")
              : json_is_null(json_object_get(pSt, "rule")) ? _("no clause recorded")
                                                           : _("not in force"));
    if (bInForce) nInForce++;
    json_decref(pSt);
  }
  if (!nDoc) rdoc_add(d, R_PARA, _("No documents are recorded."));
  rdoc_add(d, R_HEADING, _("Totals"));
  buf_reset(&b);
  add_plural(&b, "; ", _("{0, plural, one{# document} other{# documents}}"), nDoc);
  add_plural(&b, "; ", _("{0, plural, one{# in force} other{# in force}}"), nInForce);
  add_plural(&b, "; ", _("{0, plural, one{# not in force} other{# not in force}}"),
             nDoc - nInForce);
  buf_puts(&b, ".");
  rdoc_add(d, R_PARA, b.z);
  json_decref(aDoc);
  json_decref(pOrg);
  buf_free(&b);
  buf_free(&t);
  return 0;
}

int report_organization(Db *pDb, const char *zOrg, pdate on, RDoc *d, Buf *pErr) {
  rdoc_init(d, i18n_lang(), zOrg);
  d->bLandscape = true;
  bool bBegun = db_read_begin(pDb);
  int rc = report_organization_read(pDb, zOrg, on, d, pErr);
  if (rc == 0) {
    ReportLog log;
    report_log(pDb, &log);
    report_log_blocks(d, &log);
  }
  db_read_end(pDb, bBegun);
  return rc;
}
