/*
** The command line's output: JSON documents as --json prints them, and
** text tables with aligned columns.
*/
#ifndef PACTA_OUTPUT_H
#define PACTA_OUTPUT_H

#include <jansson.h>

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
void table_print(Table *t);              /* on standard output; frees the cells */
void table_free(Table *t);               /* frees the cells without printing */

#endif
