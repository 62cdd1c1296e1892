/*
** Sorting names the way a language sorts them (ICU collation), for the
** alphabetical rotation of presidencies: Russian order puts Беларусь
** before Казахстан, whatever the code points say.
*/
#ifndef PACTA_COLLATE_H
#define PACTA_COLLATE_H

/* Sort aIdx[0..n) so that azName[aIdx[i]] are in zLang's order (ties keep
** their order). Returns 0, or -1 if ICU has no collator for zLang. */
int collate_sort(const char *zLang, const char *const *azName, int *aIdx, int n);

#endif
