/*
** The command line's output: JSON documents as --json prints them, and
** text tables with aligned columns.
*/
#ifndef PACTA_OUTPUT_H
#define PACTA_OUTPUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

/* One JSON document on standard output, indented, keys in their order. */
void print_json(const json_t *p);
/* print_json, then release p (for a value made only to be printed). */
void print_json_new(json_t *p);

/* A table of text cells, filled row by row: the first nCol cells are the
** header, underlined when printed. Start with Table t = {nCol, 0, 0, 0}. */
typedef struct Table {
  int nCol;
  int nCell, nAlloc;
  char **azCell;
} Table;

void table_add(Table *t, const char *z); /* NULL as "" */
/* The first cells: nHead column heads, already translated. */
void table_head(Table *t, int nHead, const char *const *azHead);
void table_print(Table *t); /* on standard output; frees the cells */
void table_free(Table *t);  /* frees the cells without printing */

/* z, then spaces up to nWidth characters (not bytes: "%-8s" misaligns
** Cyrillic). */
void print_padded(FILE *f, const char *z, int nWidth);

/* With --json, the rest of the command in English: the answer's messages
** (findings, warnings, errors) are read by programs and stay the same in
** every language, as its codes do. */
void json_in_english(bool bJson);

/* "loaded 3 new journal entries (5 records unchanged); journal at 17" on f. */
void print_loaded(FILE *f, int nLoaded, int nUnchanged, long long lastSeq);

/* A record's name ({"en": ..., "ru": ...}) in the current language, else in
** English, else any, else zFallback. */
const char *cli_name(const json_t *pName, const char *zFallback);

/* A code the registry stores (a status such as "in_force", a kind of
** membership, a severity, an action's type...) as a word for people in the
** current language; a code it does not know is returned as it is. Only for
** cells that hold such codes, never ids. */
const char *code_label(const char *zCode);
/* A document's type ("agreement", "charter"...) as a word for people. */
const char *doc_type_label(const char *zType);

#endif
