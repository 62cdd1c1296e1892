/*
** Status reports, the way depositaries publish them (docs/reports.md):
** a document's status as at a date, a party's participation in every
** document of an organization, an organization's documents with counts.
** Each is built once, from the registry's queries (registry.h), into a
** printable document (rdoc.h) in the calling thread's language (i18n.h),
** and ends with the registry's log size and root hash and the latest
** signed checkpoint's signer. Two renderers draw an RDoc: HTML and PDF
** (cairo and pango), so both hold the same rows.
*/
#ifndef PACTA_REPORT_H
#define PACTA_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "rdoc.h"
#include "util.h"

/* The state of the log a report was made from. */
typedef struct ReportLog {
  uint64_t size;     /* leaves (journal entries) */
  char zRoot[48];    /* its root hash in base64, as `pacta log root` prints it */
  char zRootHex[65]; /* and in hex */
  bool bCheckpoint;  /* a signed checkpoint is stored */
  uint64_t cpSize;   /* its size */
  char zSigner[512]; /* its signers: "NAME (key 1a2b3c4d)", comma separated */
} ReportLog;

/* Each returns 0, or -1 with a message in pErr (an unknown id); *pOut is
** initialized either way (rdoc_free it). */
int report_document(Db *pDb, const char *zDoc, pdate on, RDoc *pOut, Buf *pErr);
/* zOrg NULL: every organization's documents. */
int report_party(Db *pDb, const char *zCode, const char *zOrg, pdate on, RDoc *pOut, Buf *pErr);
int report_organization(Db *pDb, const char *zOrg, pdate on, RDoc *pOut, Buf *pErr);

/* The log's size, root and checkpoint now; and its paragraphs appended to
** a report. */
void report_log(Db *pDb, ReportLog *p);
void report_log_blocks(RDoc *pDoc, const ReportLog *p);

typedef enum ReportFormat { REPORT_HTML, REPORT_PDF } ReportFormat;
/* "html" or "pdf"; -1 otherwise. */
int report_format_parse(const char *z);

/* A whole HTML document. azLink: label, href, language triples shown above
** the report on screen (not in print); nLink triples; the language (NULL:
** the report's) marks a label in another language. */
void report_html(const RDoc *p, const char *const *azLink, int nLink, Buf *pOut);
/* An A4 PDF: page numbers, tables' heads repeated on every page, long
** cells wrapped. 0, or -1 with a message (cairo's) in pErr. */
int report_pdf(const RDoc *p, Buf *pOut, Buf *pErr);

#endif
