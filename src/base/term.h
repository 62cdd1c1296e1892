/*
** The codes the records hold (statuses, action types, kinds of membership,
** party and record, levels, formats, rules, document types...) as words in
** the current language (i18n.h), from one table (term.c).
*/
#ifndef PACTA_TERM_H
#define PACTA_TERM_H

/* The words of zCode, or NULL when the table does not know it. A code that
** means two things has a row for its field's context: term_in("document
** type", "declaration") is a declaration, not the action's. */
const char *term_in(const char *zContext, const char *zCode);
const char *term(const char *zCode);
/* The context in which words about zSubject (a name in the current
** language) agree with it: "feminine" or "neuter" where the language
** inflects them so («Армения отсутствовала», «Содружество
** отсутствовало»), else NULL. For term_in. */
const char *term_agreement(const char *zSubject);

#endif
