/*
** The command line (commands.h): the one table of commands, each with the
** flags it takes, its usage and its help text, so dispatch and help cannot
** drift apart; the arguments each command gets (cmd.h) and the helpers
** they share. The commands themselves are in cmd_*.c by family, and in
** logcmd_*.c, search_cmd.c and ingest_cmd.c.
*/
#include "commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cmd.h"
#include "i18n.h"
#include "kind.h"
#include "logcmd.h"
#include "output.h"
#include "report_cmd.h"
#include "util.h"

typedef struct Command {
  const char *zName;
  int (*xRun)(Args *);
  const char *zUsage;
  const char *zFlags; /* the flags it takes, space separated, "=" when it takes a value */
  const char *zHelp;
} Command;

/* ---- Arguments ------------------------------------------------------------ */

static void set_flag(Args *a, const char *zFlag, const char *zValue) {
  struct {
    const char *zName;
    const char **pz;
  } aValue[] = {{"on", &a->zOn},
                {"year", &a->zYear},
                {"format", &a->zFormat},
                {"org", &a->zOrg},
                {"after", &a->zAfter},
                {"limit", &a->zLimit},
                {"db", &a->zDb},
                {"actor", &a->zActor},
                {"lang", &a->zLang},
                {"listen", &a->zListen},
                {"threads", &a->zThreads},
                {"role", &a->zRole},
                {"party", &a->zParty},
                {"name", &a->zName},
                {"from", &a->zFrom},
                {"to", &a->zTo},
                {"previous-from", &a->zPrevFrom},
                {"previous-to", &a->zPrevTo}};
  for (size_t i = 0; i < sizeof(aValue) / sizeof(aValue[0]); i++) {
    if (strcmp(zFlag, aValue[i].zName) == 0) {
      *aValue[i].pz = zValue;
      return;
    }
  }
  if (strcmp(zFlag, "json") == 0) a->bJson = true;
  if (strcmp(zFlag, "sample") == 0) a->bSample = true;
  if (strcmp(zFlag, "all") == 0) a->bAll = true;
  if (strcmp(zFlag, "quiet") == 0) a->bQuiet = true;
}

/* Parse the command's own arguments (cli.c); the flags it takes are in its
** table entry. */
static void parse_args(const Command *pCmd, int argc, char **argv, Args *a) {
  cli_parse(&a->cli, pCmd->zName, pCmd->zUsage, pCmd->zFlags, argc, argv);
  a->nPos = a->cli.nPos;
  a->azPos = a->cli.azPos;
  for (int i = 0; i < a->cli.nOpt; i++) {
    char zName[32];
    const CliOpt *o = &a->cli.aOpt[i];
    snprintf(zName, sizeof(zName), "%.*s", o->nName, o->zName);
    set_flag(a, zName, o->zValue);
  }
}

int this_year(void) {
  int y, m, d;
  date_to_ymd(date_today(), &y, &m, &d);
  return y;
}

pdate arg_date(const Args *a, const char *zFlag, const char *zValue) {
  if (!zValue) return date_today();
  pdate d;
  if (date_parse(zValue, strlen(zValue), &d))
    cli_fail(&a->cli, _("--%s: expected a real date YYYY-MM-DD, got \"%s\""), zFlag, zValue);
  return d;
}

int arg_year(const Args *a, const char *zValue) {
  if (!zValue) return this_year();
  char *zEnd;
  errno = 0;
  long y = strtol(zValue, &zEnd, 10);
  if (errno || *zEnd || zEnd == zValue || y < 1 || y > 9999)
    cli_fail(&a->cli, _("--year: expected a year from 1 to 9999, got \"%s\""), zValue);
  return (int)y;
}

Kind arg_kind(const Args *a, const char *zKind) {
  Kind kind;
  if (kind_parse(zKind, &kind)) {
    /* every kind as the interchange names its section; submissions have a
    ** command of their own (pacta submissions) */
    Buf all = {0};
    for (int k = 0; k < K_SUBMISSION; k++) buf_printf(&all, "%s%s", k ? ", " : "", kind_section(k));
    cli_fail(&a->cli, _("unknown kind \"%s\" (expected %s)"), zKind, all.z);
  }
  return kind;
}

const char *arg_actor(const Args *a) {
  if (a->zActor) return a->zActor;
  const char *z = getenv("PACTA_ACTOR");
  if (z && *z) return z;
  z = getenv("USER");
  return z && *z ? z : "cli";
}

Db *open_registry(const Args *a) {
  return db_open(a->zDb, false);
}

json_t *must(json_t *p, Buf *pErr) {
  if (!p) die(EXIT_INPUT, "%s", pErr->z);
  return p;
}

/* ---- The commands in other files, which read the parsed arguments ------------ */

static int cmd_key(Args *a) {
  return logcmd_key(a->zDb, a->bJson, &a->cli);
}
static int cmd_log(Args *a) {
  return logcmd_log(a->zDb, a->bJson, &a->cli);
}
static int cmd_merkle(Args *a) {
  return logcmd_merkle(a->zDb, a->bJson, &a->cli);
}
static int cmd_verify(Args *a) {
  return logcmd_verify(a->zDb, a->bJson, &a->cli);
}
static int cmd_search(Args *a) {
  return search_command(a->zDb, a->bJson, &a->cli);
}
static int cmd_report(Args *a) {
  return report_command(a->zDb, a->bJson, &a->cli);
}
static int cmd_ingest(Args *a) {
  return ingest_command(a->zDb, arg_actor(a), a->bJson, &a->cli);
}
static int cmd_help(Args *a);

/* ---- The table ---------------------------------------------------------------- */

static const Command aCommand[] = {
    {"chair", cmd_chair, "chair ORG [--year Y] [--json]", "year=",
     N_("The rotating chair of an organization. With --year: that year's chair\n"
        "(recorded decision or computed by the rotation rule), the chair the rule\n"
        "expects, and the co-chairs (previous and next). Without it: every year from\n"
        "the first recorded one to next year, flagging the recorded years whose chair\n"
        "breaks the rotation rule.")},
    {"check", cmd_check, "check [--json] | check --list [--json]", "list",
     N_("Every consistency check over the whole registry: actions before their\n"
        "document's adoption or after today, withdrawals without consent, overlapping\n"
        "memberships, ... (--list names them all). Each finding has a code, a\n"
        "severity and a message naming the record and the field. Exit 1 when an\n"
        "error is found. Writes are checked the same way as they are made: an error\n"
        "refuses the write. \"Today\" is UTC, or PACTA_TODAY=YYYY-MM-DD.")},
    {"compliance", cmd_compliance,
     "compliance ORG [--on DATE] [--from DATE --to DATE [--previous-from DATE "
     "--previous-to DATE]] [--json]",
     "on= from= to= previous-from= previous-to=",
     N_("Compliance with the organization's commitments (G7/G20 Research Group\n"
        "method): each party's current score on each commitment is its latest\n"
        "assessment dated on or before the date; averages per party, commitment,\n"
        "body, category and overall ignore missing scores; percent = (average+1)x50.\n"
        "A plan's average is the mean of its items'. Self-reports are shown, never\n"
        "averaged. --from/--to: a report period (only assessments dated within it);\n"
        "--previous-from/--previous-to: the change since an earlier period. Lists\n"
        "overdue commitments (deadline passed, not fully met).")},
    {"export", cmd_export, "export [--format json|csv|ics] [--out DIR] [--org ORG]",
     "format= out= org=",
     N_("Write the registry in the interchange format (json, the default), or as CSV:\n"
        "with --out DIR one file per table (parties.csv, actions.csv, ...,\n"
        "sources.csv; docs/csv.md), without it the actions.csv table on stdout.\n"
        "`pacta load` of the JSON (or of the DIR) into an empty registry gives the\n"
        "same registry. ics: an iCalendar (RFC 5545) of sessions, announced next\n"
        "sessions and commitment deadlines (--org keeps one organization's).")},
    {"help", cmd_help, "help [COMMAND]", "", N_("Show the commands, or one command's help.")},
    {"ingest", cmd_ingest,
     "ingest FILE... [--json] [--load [--yes] [--replace]] [--date YYYY-MM-DD] [--place CITY]\n"
     "       [--published YYYY-MM-DD]",
     "load yes replace date= place= published=",
     N_("Draft a session record from each press release (plain text or HTML,\n"
        "English or Russian): body, date, place, format, attendance, documents\n"
        "adopted, next session, with each field's text span and confidence. Writes\n"
        "nothing unless --load (asks to confirm; --yes for scripts).\n"
        "--date, --place (with one FILE): the session's date or place as you know\n"
        "it, for a release that does not give it (or gives it wrong); it wins over\n"
        "the text. A draft without a date is not loaded; on a terminal --load asks\n"
        "for the date.\n"
        "--published (with one FILE): the day the release was published; a date\n"
        "the text gives without its year, and \"yesterday\" or \"on Friday\", are read\n"
        "from it.\n"
        "A session already recorded (the same id, else the same body and date, else\n"
        "body and number) is merged: what the release adds is added, what it does\n"
        "not mention stays; a conflict (another date, place, number, format, status\n"
        "or representative) refuses the load, unless --replace: the release then\n"
        "replaces the recorded session (under its id).")},
    {"init", cmd_init, "init [--sample]", "sample",
     N_("Create a new registry (the --db file, default $PACTA_DB or ./pacta.db).\n"
        "--sample loads the bundled real sample registry: the CIS, CSTO, EAEU and\n"
        "Union State with their members, bodies, chairs, sessions and documents.")},
    {"journal", cmd_journal, "journal [--limit N] [--after SEQ] [--reverse] [--json]",
     "after= limit= reverse",
     N_("List journal entries, newest first (as git log): the latest N (--limit,\n"
        "default 50). With --after SEQ, the first N entries after SEQ instead (the\n"
        "page GET /api/v1/journal?after=SEQ&limit=N gives), still newest first.\n"
        "--reverse lists them oldest first. With --json each entry's canonical\n"
        "record and its SHA-256.")},
    {"key", cmd_key, "key generate NAME [--out PREFIX]", "out=",
     N_("Make an Ed25519 key pair for signing checkpoints (the depositary) or\n"
        "cosigning them (a witness): PREFIX.key (private, mode 0600, never in the\n"
        "registry) and PREFIX.pub, the verifier key NAME+KEYHASH+BASE64KEY to hand\n"
        "out. PREFIX defaults to NAME with '/' as '-'. The formats are C2SP\n"
        "signed-note's (and Go's sumdb/note's). See docs/verifiable-log.md.")},
    {"list", cmd_list, "list KIND [--org ORG] [--json]", "org=",
     N_("List the live entities of a kind: parties, organizations, bodies,\n"
        "memberships, chairmanships, documents, sessions, actions, commitments,\n"
        "assessments. --org keeps one organization's.")},
    {"load", cmd_load, "load FILE...|DIR [--kind TABLE] [--date-format FORMAT] [--json]",
     "kind= date-format=",
     N_("Validate interchange files and load them through the journal: all or\n"
        "nothing, and a second load of the same files adds nothing. Every error names\n"
        "the file, the JSON path and what was expected.\n"
        "CSV (docs/csv.md): a directory of the files that the CSV export to a\n"
        "directory writes, or such files by name (FILE.csv); --kind TABLE for a file\n"
        "named otherwise. The same checks, all or nothing; errors name the file, the line\n"
        "(the header is line 1) and the column. --date-format dd.mm.yyyy reads\n"
        "spreadsheet dates (default yyyy-mm-dd).")},
    {"log", cmd_log, "log checkpoint|cosign|proof|root|tiles ...",
     "key= origin= out= log-key= registry= old-checkpoint= index= size= from= to=",
     N_("log checkpoint --key FILE [--origin O] [--out FILE]\n"
        "log proof inclusion --index I [--size N] [--json]\n"
        "log proof consistency --from M [--to N] [--json]\n"
        "log root [--size N] [--json]\n"
        "log tiles --out DIR [--key FILE [--origin O]]\n"
        "log cosign --key FILE [--log-key PUB] [--registry DB|DIR] [--old-checkpoint FILE]\n"
        "           [--out FILE] CHECKPOINT\n\n"
        "The journal as an RFC 6962 Merkle log, one leaf per journal entry.\n"
        "checkpoint: sign the whole log's size and root hash as a C2SP checkpoint\n"
        "  (origin: --origin, else the one recorded by the first checkpoint, else the\n"
        "  key's name), keep it for the server and print it.\n"
        "proof inclusion / consistency: RFC 6962 proofs, hashes in base64 (--json).\n"
        "root: the root hash of the first N entries (default all).\n"
        "tiles: write the log as C2SP tlog-tiles under DIR (tiles, entry bundles,\n"
        "  checkpoint) for any static web server; --key signs a fresh checkpoint.\n"
        "cosign: a witness checks a checkpoint (the log's signature with --log-key,\n"
        "  and/or that it matches its own copy of the registry or tiles) and prints it\n"
        "  with its own signature line added. See docs/verifiable-log.md.")},
    {"members", cmd_members, "members ORG [--on DATE] [--json]", "on=",
     N_("The members of an organization on a date (default today), with the kind\n"
        "of membership and since when.")},
    {"merkle", cmd_merkle, "merkle root | merkle inclusion INDEX | merkle consistency OLD", "",
     N_("RFC 6962 on leaves read as hex, one per line, from standard input (an\n"
        "empty line is the empty leaf): the root hash, the inclusion proof of leaf\n"
        "INDEX (0-based), or the consistency proof from the first OLD leaves, one\n"
        "hex hash per line. For checking against other implementations.")},
    {"minutes", cmd_minutes, "minutes SESSION [--format html|md|pdf] [--out FILE]", "format= out=",
     N_("The minutes of a session generated from the record: attendance and level\n"
        "of representation, absent parties, documents adopted, actions taken at the\n"
        "session, commitments given and the next session, as printable HTML (the\n"
        "default), Markdown, or an A4 PDF (--format pdf, to --out FILE or a pipe)\n"
        "that ends with the registry's log size and root hash, in the language chosen\n"
        "for pacta.")},
    {"party", cmd_party, "party CODE [--on DATE] [--json]", "on=",
     N_("A party's profile: memberships over time, chairs held, and its status in\n"
        "every document on a date (default today).")},
    {"report", cmd_report,
     "report document DOC|party CODE|organization ORG [--on DATE] [--org ORG]\n"
     "       [--format html|pdf] [--out FILE]",
     "on= org= format= out=",
     N_("A status report as depositaries publish them (docs/reports.md), in the\n"
        "language chosen for pacta (en, ru): document: heading, \"Status as at DATE\",\n"
        "the entry into force and its clause, each party's signature, instrument and\n"
        "date of deposit, entry into force, reservations and declarations (their\n"
        "text in an annex) and withdrawal, with totals; party: a state's\n"
        "participation in every document (--org: of one organization);\n"
        "organization: every document, in force or not, with counts. --on: the\n"
        "date (default today). Every report ends with the registry's log size and\n"
        "root hash and the latest signed checkpoint's signer. --format html (the\n"
        "default, printable) or pdf (A4; the default when --out ends in .pdf),\n"
        "to --out FILE or standard output.")},
    {"rebuild", cmd_rebuild, "rebuild [--json]", "",
     N_("Regenerate every derived table from the journal, the Merkle log included,\n"
        "and say where a journal entry no longer matches the log's leaf hash for it.")},
    {"retract", cmd_retract, "retract KIND KEY [--reason TEXT] [--json]", "reason=",
     N_("Retract one entity: a new journal entry; nothing is deleted from the\n"
        "journal. KEY is the id, the party code, or for memberships ORG|PARTY|FROM\n"
        "and for actions DOCUMENT|PARTY|TYPE|DATE. --reason is kept in the\n"
        "journal's entry.")},
    {"search", cmd_search,
     "search QUERY [--kind K] [--org ORG] [--body B] [--type T] [--party P] [--from DATE]\n"
     "       [--to DATE] [--limit N] [--offset N] [--facets] [--json]",
     "kind= org= body= type= party= from= to= limit= offset= facets bench-queries=",
     N_("Search documents, sessions, commitments, assessments, parties, bodies and\n"
        "organizations by their words in English or Russian (case-folded, stemmed:\n"
        "'ratified' finds 'ratification', 'ратифицировал' finds 'ратификация').\n"
        "Every word must occur; 'word*' is a prefix; OR between two words takes\n"
        "either. Ranked by bm25, with snippets whose matches are in [brackets].\n"
        "--json: {\"query\", \"results\": [{\"kind\", \"id\", \"title\", \"snippet\",\n"
        "\"score\", ...}], \"total\"} (--facets adds counts by kind and organization).\n"
        "See docs/search.md.")},
    {"serve", cmd_serve,
     "serve [--listen ADDR:PORT] [--threads N] [--cache-mb N] [--request-timeout SECONDS]\n"
     "       [--trusted-proxy ADDR[,ADDR...]] [--lang CODE] [--quiet]",
     "listen= threads= cache-mb= request-timeout= trusted-proxy= quiet",
     N_("Serve the JSON API under /api/v1/ and the web pages at / (default\n"
        "127.0.0.1:8080, one thread per core). Reads are public; writes need\n"
        "Authorization: Bearer TOKEN (see 'pacta token'). An access log goes to\n"
        "stderr unless --quiet. SIGINT or SIGTERM stops it cleanly.\n"
        "--cache-mb N: memory for cached answers over all threads (default 32; 0:\n"
        "none). --request-timeout SECONDS: how long a request's head may take to\n"
        "arrive, from the connection or the previous answer (default 10).\n"
        "--trusted-proxy ADDR,...: reverse proxies whose X-Forwarded-For names the\n"
        "client in the access log (from any other address it is ignored).\n"
        "--lang CODE: the pages' language when a request names none (by ?lang=,\n"
        "its cookie or Accept-Language); default English. docs/i18n.md.")},
    {"show", cmd_show, "show KIND KEY [--json]", "", N_("Show one entity as recorded.")},
    {"status", cmd_status, "status DOC [--on DATE] [--json] | status --all --json [--on DATE]",
     "on= all",
     N_("A document's entry into force and every party's status on a date (default\n"
        "today), computed from the document's entry-into-force clause and the dated\n"
        "actions. --all: every document, as one JSON document.")},
    {"submissions", cmd_submissions,
     "submissions list [--status pending|accepted|rejected] [--party CODE] | submissions show "
     "ID |\n       submissions accept ID [--date YYYY-MM-DD] [--reason TEXT] | submissions "
     "reject ID --reason TEXT",
     "status= party= date= reason=",
     N_("What member states' delegates deposited through the API or the forms, and\n"
        "the depositary's decision. A submission changes nothing until accepted:\n"
        "accept writes its records as the depositary's (under --actor), dated on\n"
        "receipt or --date (the date of deposit), and numbers a depositary\n"
        "notification (2026/17); reject keeps --reason for the submitting party.")},
    {"token", cmd_token,
     "token create --role depositary|delegate [--party CODE] --name NAME | token list | "
     "token revoke NAME",
     "role= party= name=",
     N_("Manage API tokens. create prints the secret once; the registry keeps only\n"
        "its SHA-256. A depositary token may write anything; a delegate token (of\n"
        "one party) submits that party's instruments, reservations, declarations,\n"
        "objections, withdrawal notices and self-reports, for the depositary to accept\n"
        "(pacta submissions). Every write is journaled under the token's name.")},
    {"verify", cmd_verify,
     "verify --checkpoint FILE --key PUB [--key PUB ...] [--old-checkpoint FILE] "
     "[--registry DB | REGISTRY | EXPORT_DIR]",
     "checkpoint= key= old-checkpoint= registry=",
     N_("Check offline that a registry (default --db) or a 'pacta log tiles' export\n"
        "is exactly the log a signed checkpoint commits to: the signatures (which of\n"
        "the given keys signed), every journal entry against the log's leaf hash\n"
        "for it (or the export's tiles), and the recomputed root. With\n"
        "--old-checkpoint, also that the old checkpoint is a prefix of the new one.\n"
        "Names the first entry that does not match. Exit 0 only when all holds.")},
};

/* The language of what pacta writes to people: --lang, else the locale's
** ($LC_ALL, $LC_MESSAGES, $LANG: "ru_RU.UTF-8" is Russian), else English.
** More catalogues come from $PACTA_CATALOGUES (a directory of LANG.mo). */
static void choose_language(Args *a) {
  /* Chosen before the arguments are parsed, so that their errors are in it. */
  Buf err = {0};
  if (i18n_init(getenv("PACTA_CATALOGUES"), &err) != 0) die(EXIT_INPUT, "%s", err.z);
  const Lang *p = 0;
  if (a->zLang) {
    p = i18n_find(a->zLang);
    if (!p) {
      Buf codes = {0};
      for (size_t i = 0; i < i18n_count(); i++)
        buf_printf(&codes, "%s%s", i ? ", " : "", i18n_code(i18n_at(i)));
      cli_fail(0, _("--lang: expected one of %s, got \"%s\""), codes.z, a->zLang);
    }
  } else {
    const char *azEnv[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < 3 && !p; i++) {
      const char *z = getenv(azEnv[i]);
      if (z && *z) {
        p = i18n_find(z);
        if (!p) break; /* the first one set decides, as in POSIX */
      }
    }
  }
  i18n_use(p ? p : i18n_english());
}

static const Command *find_command(const char *zName) {
  for (size_t i = 0; i < sizeof(aCommand) / sizeof(aCommand[0]); i++)
    if (strcmp(aCommand[i].zName, zName) == 0) return &aCommand[i];
  return 0;
}

static void print_overview(FILE *f) {
  fprintf(f, _("pacta %s: a registry of treaties, memberships, chairs and sessions\n\n"),
          PACTA_VERSION);
  fprintf(f, "%s: pacta [--db FILE] [--actor NAME] [--lang CODE] COMMAND [ARGS] [--json]\n\n",
          _("usage"));
  fprintf(f, "%s:\n", _("commands"));
  for (size_t i = 0; i < sizeof(aCommand) / sizeof(aCommand[0]); i++)
    fprintf(f, "  %s\n", aCommand[i].zUsage);
  fprintf(f, "\n%s",
          _("The registry is --db FILE, else $PACTA_DB, else ./pacta.db.\n"
            "Exit status: 0 ok, 1 bad input or failed check, 2 usage error.\n"
            "'pacta help COMMAND' tells more.\n"));
}

static int cmd_help(Args *a) {
  if (a->nPos == 0) {
    print_overview(stdout);
    return 0;
  }
  const Command *p = find_command(a->azPos[0]);
  if (!p) cli_fail(0, _("no command \"%s\" (see 'pacta help')"), a->azPos[0]);
  printf("%s: pacta %s\n\n%s\n", _("usage"), p->zUsage, _(p->zHelp));
  return 0;
}

/* Does a command's flag zName[0..n) take a value? Its flags are "on= all"
** (cli.c); the global ones --db, --actor and --lang do. */
static bool flag_takes_value(const Command *pCmd, const char *zName, size_t n) {
  if ((n == 2 && memcmp(zName, "db", 2) == 0) || (n == 5 && memcmp(zName, "actor", 5) == 0) ||
      (n == 4 && memcmp(zName, "lang", 4) == 0))
    return true;
  for (const char *z = pCmd ? pCmd->zFlags : 0; z && *z;) {
    while (*z == ' ') z++;
    size_t m = strcspn(z, " =");
    if (m == n && m > 0 && strncmp(z, zName, n) == 0) return z[m] == '=';
    z += m;
    if (*z == '=') z++;
  }
  return false;
}

/* The --lang of a command line, read the way pacta_main and cli_parse read
** it (the last one given wins), before either of them can fail; and
** whether it has --json. */
static const char *scan_lang(int argc, char **argv, bool *pbJson) {
  const char *zLang = 0;
  const Command *pCmd = 0;
  bool bFlags = true;
  *pbJson = false;
  for (int i = 1; i < argc; i++) {
    const char *z = argv[i];
    if (pCmd && bFlags && strcmp(z, "--") == 0) {
      bFlags = false;
      continue;
    }
    if (!bFlags || z[0] != '-' || (pCmd && z[1] != '-')) {
      if (!pCmd) { /* the command: its flags from here on */
        pCmd = find_command(z);
        if (!pCmd) break;
      }
      continue;
    }
    if (z[1] != '-') continue;
    const char *zName = z + 2, *zEq = strchr(zName, '=');
    size_t n = zEq ? (size_t)(zEq - zName) : strlen(zName);
    if (n == 4 && memcmp(zName, "json", 4) == 0 && !zEq) *pbJson = true;
    if (!flag_takes_value(pCmd, zName, n)) continue;
    const char *zValue = zEq ? zEq + 1 : (i + 1 < argc ? argv[++i] : 0);
    if (n == 4 && memcmp(zName, "lang", 4) == 0 && zValue) zLang = zValue;
  }
  return zLang;
}

void pacta_print_version(void) {
  /* GNU's format: name and version, then copyright, licence, warranty. */
  printf("pacta %s\n"
         "built with SQLite %s and jansson %s\n"
         "Copyright (C) 2026 the pacta authors.\n"
         "License: none chosen yet; ask the authors before redistributing.\n"
         "There is NO WARRANTY, to the extent permitted by law.\n",
         PACTA_VERSION, sqlite3_libversion(), JANSSON_VERSION);
}

int pacta_main(int argc, char **argv) {
  Args a;
  memset(&a, 0, sizeof(a));
  a.zDb = getenv("PACTA_DB");
  if (!a.zDb || !*a.zDb) a.zDb = "pacta.db";
  /* The language first, so that the errors of the arguments are in it
  ** (in English with --json, as its output is). */
  bool bJson;
  a.zLang = scan_lang(argc, argv, &bJson);
  choose_language(&a);
  const Lang *pChosen = i18n_current();
  json_in_english(bJson);
  int i = 1;
  /* Global options before the command. */
  for (; i < argc && argv[i][0] == '-'; i++) {
    const char *z = argv[i];
    if (strcmp(z, "--version") == 0) {
      pacta_print_version();
      return 0;
    }
    if (strcmp(z, "--help") == 0 || strcmp(z, "-h") == 0) {
      print_overview(stdout);
      return 0;
    }
    if ((strcmp(z, "--db") == 0 || strcmp(z, "--actor") == 0 || strcmp(z, "--lang") == 0) &&
        i + 1 < argc) {
      set_flag(&a, z + 2, argv[++i]);
    } else if (strncmp(z, "--db=", 5) == 0 || strncmp(z, "--actor=", 8) == 0 ||
               strncmp(z, "--lang=", 7) == 0) {
      const char *zEq = strchr(z, '=');
      char zName[8];
      snprintf(zName, sizeof(zName), "%.*s", (int)(zEq - z - 2), z + 2);
      set_flag(&a, zName, zEq + 1);
    } else if (strcmp(z, "--json") == 0) {
      a.bJson = true;
    } else if (strcmp(z, "--db") == 0 || strcmp(z, "--actor") == 0 || strcmp(z, "--lang") == 0) {
      cli_fail(0, _("option --%.*s needs a value"), (int)strlen(z + 2), z + 2);
    } else {
      cli_fail(0, _("unknown option %s (see 'pacta help')"), z);
    }
  }
  if (i >= argc) {
    print_overview(stderr);
    return EXIT_USAGE;
  }
  const Command *pCmd = find_command(argv[i]);
  if (!pCmd) cli_fail(0, _("no command \"%s\" (see 'pacta help')"), argv[i]);
  parse_args(pCmd, argc - i - 1, argv + i + 1, &a);
  if (!*a.zDb) cli_fail(&a.cli, _("--db needs a file name"));
  i18n_use(pChosen);
  int rc = pCmd->xRun(&a);
  cli_free(&a.cli);
  /* What the command wrote reached standard output: a full disk or a closed
  ** pipe is an error, not a short answer with exit 0. */
  bool bFailed = ferror(stdout);
  errno = 0;
  if (fflush(stdout) != 0 || bFailed) {
    fprintf(stderr, "pacta: ");
    if (!bFailed && errno)
      fprintf(stderr, _("%s: cannot write: %s"), _("standard output"), strerror(errno));
    else
      fputs(_("standard output: a write failed; what was written is incomplete"), stderr);
    fputc('\n', stderr);
    return EXIT_INPUT;
  }
  return rc;
}
