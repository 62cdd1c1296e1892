/*
** The words of the codes the records hold (term.h): one table for the
** pages, the forms, the writers, the checks' messages and the command line.
*/
#include <stdbool.h>
#include <string.h>

#include "i18n.h"
#include "term.h"

/* The one table of the codes the records hold (statuses, action types, kinds,
** levels, formats, rules...) and their words. A code that means two things
** has a row with its field's context before the row without one; `pgettext`
** here only marks the pair for the catalogue (xgettext knows the name), the
** lookup translates with i18n_ptext. */
#define pgettext(zContext, zLabel) zContext, zLabel
static const struct {
  const char *zCode, *zContext, *zLabel;
} aTerm[] = {
    /* A party's status in a document (rules.c) */
    {"none", 0, N_("none")},
    {"not_interested", 0, N_("not interested")},
    {"signed", 0, N_("signed")},
    {"consented", 0, N_("consented")},
    {"provisional", 0, N_("provisional")},
    {"in_force", 0, N_("in force")},
    {"withdrawing", 0, N_("withdrawing")},
    {"withdrawn", 0, N_("withdrawn")},
    /* Actions */
    {"signature", 0, N_("signature")},
    {"definitive_signature", 0, N_("definitive signature")},
    {"ratification", 0, N_("ratification")},
    {"acceptance", 0, N_("acceptance")},
    {"approval", 0, N_("approval")},
    {"accession", 0, N_("accession")},
    {"notification", 0, N_("notification")},
    {"succession", 0, N_("succession")},
    {"provisional_application", 0, N_("provisional application")},
    {"reservation", 0, N_("reservation")},
    {"declaration", pgettext("document type", "declaration")},
    {"declaration", 0, N_("declaration")},
    {"special_opinion", 0, N_("special opinion")},
    {"objection", 0, N_("objection")},
    {"withdrawal", 0, N_("withdrawal")},
    /* Kinds of membership */
    {"founding", 0, N_("founding")},
    {"member", 0, N_("member")},
    {"associate", 0, N_("associate")},
    {"observer", 0, N_("observer")},
    {"participant", 0, N_("participant")},
    {"suspended", 0, N_("suspended")},
    /* Kinds of party */
    {"state", 0, N_("state")},
    {"organization", 0, N_("organization")},
    /* Levels of bodies */
    {"heads_of_state", 0, N_("heads of state")},
    {"heads_of_government", 0, N_("heads of government")},
    {"ministers", 0, N_("ministers")},
    {"officials", 0, N_("officials")},
    {"secretariat", 0, N_("secretariat")},
    {"parliamentary", 0, N_("parliamentary")},
    {"court", 0, N_("court")},
    {"other", 0, N_("other")},
    /* Formats of sessions, and attendance */
    {"in_person", 0, N_("in person")},
    {"videoconference", 0, N_("videoconference")},
    {"hybrid", 0, N_("hybrid")},
    {"informal", 0, N_("informal")},
    {"present", pgettext("feminine", "present")},
    {"present", pgettext("neuter", "present")},
    {"present", 0, N_("present")},
    {"absent", pgettext("feminine", "absent")},
    {"absent", pgettext("neuter", "absent")},
    {"absent", 0, N_("absent")},
    {"represented", pgettext("feminine", "represented")},
    {"represented", pgettext("neuter", "represented")},
    {"represented", 0, N_("represented")},
    /* Types of documents */
    {"charter", 0, N_("charter")},
    {"treaty", 0, N_("treaty")},
    {"agreement", 0, N_("agreement")},
    {"convention", 0, N_("convention")},
    {"protocol", 0, N_("protocol")},
    {"decision", 0, N_("decision")},
    {"concept", 0, N_("concept")},
    {"plan", 0, N_("plan")},
    {"statement", 0, N_("statement")},
    /* Rules of entry into force, chairs' terms, co-chairs, chairs, assessments */
    {"calendar_year", 0, N_("calendar year")},
    {"on_signature", 0, N_("on signature")},
    {"threshold", 0, N_("threshold")},
    {"fixed_date", 0, N_("fixed date")},
    {"previous_and_next", 0, N_("previous and next")},
    {"recorded", 0, N_("recorded")},
    {"computed", 0, N_("computed")},
    {"preliminary", 0, N_("preliminary")},
    {"reviewed", 0, N_("reviewed")},
    /* Findings, journal entries, tokens */
    {"error", 0, N_("error")},
    {"warning", 0, N_("warning")},
    {"put", 0, N_("put")},
    {"retract", 0, N_("retract")},
    {"depositary", 0, N_("depositary")},
    {"delegate", 0, N_("delegate")},
    {"any", 0, N_("any")},
    /* Submissions */
    {"pending", 0, N_("pending")},
    {"accepted", 0, N_("accepted")},
    {"rejected", 0, N_("rejected")},
    /* Kinds of record */
    {"party", 0, N_("party")},
    {"body", 0, N_("body")},
    {"membership", 0, N_("membership")},
    {"chairmanship", 0, N_("chairmanship")},
    {"document", 0, N_("document")},
    {"session", 0, N_("session")},
    {"action", 0, N_("action")},
    {"commitment", 0, N_("commitment")},
    {"assessment", 0, N_("assessment")},
    {"submission", 0, N_("submission")},
};
#undef pgettext

const char *term_in(const char *zContext, const char *zCode) {
  if (!zCode) return 0;
  for (size_t i = 0; i < sizeof(aTerm) / sizeof(aTerm[0]); i++) {
    if (strcmp(aTerm[i].zCode, zCode) != 0) continue;
    if (!aTerm[i].zContext) return _(aTerm[i].zLabel);
    if (zContext && strcmp(zContext, aTerm[i].zContext) == 0)
      return i18n_ptext(aTerm[i].zContext, aTerm[i].zLabel);
  }
  return 0;
}

const char *term(const char *zCode) {
  return term_in(0, zCode);
}

/* Whether the n bytes at z end with the UTF-8 text zEnd. */
static bool ends_with(const char *z, size_t n, const char *zEnd) {
  size_t m = strlen(zEnd);
  return n >= m && memcmp(z + n - m, zEnd, m) == 0;
}

/* A Russian name's gender, from its first word: an adjective by its ending
** («Российская Федерация», «Союзное государство», «Евразийский ...»), a
** noun by its last letter («Армения», «Беларусь», «Содружество»; a
** consonant: «Казахстан»). Good for the names of states and organizations,
** which is what attendance is about. */
const char *term_agreement(const char *zSubject) {
  if (!zSubject || strcmp(i18n_lang(), "ru") != 0) return 0;
  size_t n = strcspn(zSubject, " -"); /* the first word */
  if (ends_with(zSubject, n, "ая") || ends_with(zSubject, n, "яя")) return "feminine";
  if (ends_with(zSubject, n, "ое") || ends_with(zSubject, n, "ее")) return "neuter";
  if (ends_with(zSubject, n, "ый") || ends_with(zSubject, n, "ий") || ends_with(zSubject, n, "ой"))
    return 0;
  if (ends_with(zSubject, n, "а") || ends_with(zSubject, n, "я") || ends_with(zSubject, n, "ь"))
    return "feminine";
  if (ends_with(zSubject, n, "о") || ends_with(zSubject, n, "е")) return "neuter";
  return 0;
}
