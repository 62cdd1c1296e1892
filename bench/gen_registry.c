/*
** gen_registry: writes a synthetic treaty registry in pacta's interchange format (design.md
** section 4) plus the same action rows as CSV (document,party,type,date) for the sqlite3 shell's
** .import.  Deterministic: the same arguments and seed always give the same bytes.
**
**   gen_registry --docs N --parties M --out FILE.json [--csv FILE.csv] [--seed S] [--split N]
**
** --split N starts a new file at the first document boundary after every N actions: FILE.json
** holds everything else and the first actions, FILE-p002.json, FILE-p003.json ... hold
** {"pacta":1,"actions":[...]}, for loading in several steps of bounded memory.
**
** Scale 1 (UN Treaty Collection size): --docs 600 --parties 200, about 120,000 actions.
** Scale 100: --docs 60000 --parties 200, about 12,000,000 actions (a JSON file of about 1 GB).
**
** Every party is a member of the organization "un" from some date, and "un" has a chairmanship
** rule, so that `pacta members un` and `pacta chair un` have something to compute.
**
** Build: cc -O2 -o gen_registry gen_registry.c
*/
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Last date any action may carry; `pacta status --on 2030-01-01` then sees every action. */
#define LAST_DAY_Y 2029
#define LAST_DAY_M 12
#define LAST_DAY_D 31

/* ---------- deterministic PRNG (splitmix64 seeding a xoshiro256**) ---------- */

typedef struct Rng {
  uint64_t s[4];
} Rng;

static uint64_t splitmix64(uint64_t *pState) {
  uint64_t z = (*pState += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static uint64_t rotl64(uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

static void rng_seed(Rng *pRng, uint64_t seed) {
  for (int i = 0; i < 4; i++) pRng->s[i] = splitmix64(&seed);
}

static uint64_t rng_next(Rng *pRng) {
  uint64_t *s = pRng->s;
  uint64_t result = rotl64(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl64(s[3], 45);
  return result;
}

/* Uniform integer in [lo, hi]. */
static long rng_range(Rng *pRng, long lo, long hi) {
  uint64_t span = (uint64_t)(hi - lo) + 1;
  return lo + (long)(rng_next(pRng) % span);
}

/* True with probability nPermille / 1000. */
static int rng_chance(Rng *pRng, int nPermille) {
  return (int)(rng_next(pRng) % 1000) < nPermille;
}

/* ---------- proleptic Gregorian day numbers (days since 1970-01-01) ---------- */

static long days_from_civil(long y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *pY, int *pM, int *pD) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  int d = (int)(doy - (153 * mp + 2) / 5 + 1);
  int m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *pY = y + (m <= 2);
  *pM = m;
  *pD = d;
}

/* Writes "YYYY-MM-DD" (10 bytes, no terminator) into zOut. */
static void format_day(long day, char *zOut) {
  long y;
  int m, d;
  civil_from_days(day, &y, &m, &d);
  zOut[0] = (char)('0' + (y / 1000) % 10);
  zOut[1] = (char)('0' + (y / 100) % 10);
  zOut[2] = (char)('0' + (y / 10) % 10);
  zOut[3] = (char)('0' + y % 10);
  zOut[4] = '-';
  zOut[5] = (char)('0' + m / 10);
  zOut[6] = (char)('0' + m % 10);
  zOut[7] = '-';
  zOut[8] = (char)('0' + d / 10);
  zOut[9] = (char)('0' + d % 10);
}

/* ---------- buffered output ---------- */

typedef struct Out {
  FILE *pFile;
  const char *zName;
  char *aBuf;
  size_t nBuf;
  size_t nUsed;
  unsigned long long nTotal;
} Out;

#define OUT_BUF_SIZE (4u << 20)

static void die(const char *zMsg, const char *zArg) {
  fprintf(stderr, "gen_registry: %s%s%s\n", zMsg, zArg ? ": " : "", zArg ? zArg : "");
  exit(1);
}

static void out_open(Out *p, const char *zName) {
  p->zName = zName;
  p->pFile = fopen(zName, "wb");
  if (!p->pFile) die(strerror(errno), zName);
  p->aBuf = malloc(OUT_BUF_SIZE);
  if (!p->aBuf) die("out of memory", NULL);
  p->nBuf = OUT_BUF_SIZE;
  p->nUsed = 0;
  p->nTotal = 0;
}

static void out_flush(Out *p) {
  if (p->nUsed && fwrite(p->aBuf, 1, p->nUsed, p->pFile) != p->nUsed) {
    die(strerror(errno), p->zName);
  }
  p->nTotal += p->nUsed;
  p->nUsed = 0;
}

static void out_close(Out *p) {
  out_flush(p);
  if (fclose(p->pFile) != 0) die(strerror(errno), p->zName);
  free(p->aBuf);
  p->pFile = NULL;
}

static void out_mem(Out *p, const char *z, size_t n) {
  if (p->nUsed + n > p->nBuf) out_flush(p);
  if (n > p->nBuf) {
    if (fwrite(z, 1, n, p->pFile) != n) die(strerror(errno), p->zName);
    p->nTotal += n;
    return;
  }
  memcpy(p->aBuf + p->nUsed, z, n);
  p->nUsed += n;
}

static void out_str(Out *p, const char *z) {
  out_mem(p, z, strlen(z));
}

/* printf into the buffer; for the small, infrequent parts of the file. */
__attribute__((format(printf, 2, 3))) static void out_printf(Out *p, const char *zFormat, ...);
static void out_printf(Out *p, const char *zFormat, ...) {
  char aTmp[1024];
  va_list ap;
  va_start(ap, zFormat);
  int n = vsnprintf(aTmp, sizeof aTmp, zFormat, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof aTmp) die("internal error: line too long", NULL);
  out_mem(p, aTmp, (size_t)n);
}

static void out_day(Out *p, long day) {
  char aDate[10];
  format_day(day, aDate);
  out_mem(p, aDate, 10);
}

/* ---------- the registry ---------- */

typedef struct Party {
  char zCode[4];
  char zName[40];
} Party;

static const char *const azSyllable[] = {
    "ka", "lo", "mi",  "ra",  "ten", "va",  "bor", "du",  "se", "ni", "tal", "qu", "zem", "an",
    "or", "fi", "gar", "hel", "ju",  "mon", "pel", "ros", "sa", "tu", "vel", "ye", "bra", "cor",
};
static const char *const azSuffix[] = {"ia", "land", "stan", "a", "ica", "onia", "ar", "esh"};

#define N_SYLLABLE ((long)(sizeof azSyllable / sizeof azSyllable[0]))
#define N_SUFFIX ((long)(sizeof azSuffix / sizeof azSuffix[0]))

static void make_parties(Rng *pRng, Party *aParty, long nParty) {
  for (long i = 0; i < nParty; i++) {
    Party *p = &aParty[i];
    p->zCode[0] = (char)('A' + (i / (26 * 26)) % 26);
    p->zCode[1] = (char)('A' + (i / 26) % 26);
    p->zCode[2] = (char)('A' + i % 26);
    p->zCode[3] = 0;
    for (int attempt = 0;; attempt++) {
      char zName[40];
      int n = 0;
      int nSyl = (int)rng_range(pRng, 2, 3);
      for (int s = 0; s < nSyl; s++) {
        n += snprintf(zName + n, sizeof zName - (size_t)n, "%s",
                      azSyllable[rng_range(pRng, 0, N_SYLLABLE - 1)]);
      }
      snprintf(zName + n, sizeof zName - (size_t)n, "%s",
               azSuffix[rng_range(pRng, 0, N_SUFFIX - 1)]);
      if (attempt > 20) {
        /* Give up on a fresh invention; the code makes it unique. */
        snprintf(zName + n, sizeof zName - (size_t)n, " %s", p->zCode);
      }
      zName[0] = (char)(zName[0] - 'a' + 'A');
      long j;
      for (j = 0; j < i && strcmp(aParty[j].zName, zName) != 0; j++) {
      }
      if (j == i) {
        memcpy(p->zName, zName, sizeof zName);
        break;
      }
    }
  }
}

/* Kinds of entry-into-force clause. */
enum { EIF_THRESHOLD_DAYS, EIF_THRESHOLD_MONTHS, EIF_ON_SIGNATURE, EIF_FIXED_DATE };

typedef struct Counts {
  unsigned long long nAction;
  unsigned long long aByRule[4];
} Counts;

/* One action row, written to both the JSON and the CSV. */
static void emit_action(Out *pJson, Out *pCsv, int *pFirst, const char *zDoc, const char *zParty,
                        const char *zType, long day, const char *zExtra) {
  char aDate[10];
  format_day(day, aDate);
  out_str(pJson, *pFirst ? "\n  " : ",\n  ");
  *pFirst = 0;
  out_str(pJson, "{\"document\":\"");
  out_str(pJson, zDoc);
  out_str(pJson, "\",\"party\":\"");
  out_mem(pJson, zParty, 3);
  out_str(pJson, "\",\"type\":\"");
  out_str(pJson, zType);
  out_str(pJson, "\",\"date\":\"");
  out_mem(pJson, aDate, 10);
  out_mem(pJson, "\"", 1);
  if (zExtra) out_str(pJson, zExtra);
  out_mem(pJson, "}", 1);
  if (pCsv) {
    out_str(pCsv, zDoc);
    out_mem(pCsv, ",", 1);
    out_mem(pCsv, zParty, 3);
    out_mem(pCsv, ",", 1);
    out_str(pCsv, zType);
    out_mem(pCsv, ",", 1);
    out_mem(pCsv, aDate, 10);
    out_mem(pCsv, "\n", 1);
  }
}

static const char *const azDocType[] = {"treaty",     "treaty",   "treaty",    "convention",
                                        "convention", "protocol", "agreement", "agreement"};
static const char *const azSubject[] = {
    "the Law of the Sea", "Civil Aviation",          "Narcotic Drugs",     "Human Rights",
    "Climate Change",     "Biological Diversity",    "Road Traffic",       "Customs Cooperation",
    "Extradition",        "Mutual Legal Assistance", "Telecommunications", "Maritime Safety",
    "Cultural Heritage",  "Migratory Species",       "Nuclear Safety",     "Trade in Goods",
};
#define N_DOC_TYPE ((long)(sizeof azDocType / sizeof azDocType[0]))
#define N_SUBJECT ((long)(sizeof azSubject / sizeof azSubject[0]))

/* Writes one document object (comma and indentation included). */
static int write_document(Out *pJson, Rng *pRng, long iDoc, const char *zDoc, long adopted,
                          long nParty, int isFirst) {
  int kind;
  long r = rng_range(pRng, 0, 99);
  if (r < 45) {
    kind = EIF_THRESHOLD_DAYS;
  } else if (r < 70) {
    kind = EIF_THRESHOLD_MONTHS;
  } else if (r < 85) {
    kind = EIF_ON_SIGNATURE;
  } else {
    kind = EIF_FIXED_DATE;
  }
  static const long aCount[] = {2, 3, 5, 10, 20, 22, 30, 35, 40, 50, 55, 60};
  static const long aDays[] = {0, 30, 60, 90, 90, 90};
  static const long aMonths[] = {1, 2, 3, 6, 12};
  const char *zType = azDocType[rng_range(pRng, 0, N_DOC_TYPE - 1)];
  long nCount = aCount[rng_range(pRng, 0, 11)];
  if (nCount > nParty) nCount = nParty;

  out_printf(pJson, "%s\n  {\"id\":\"%s\",\"organization\":\"un\",\"type\":\"%s\",",
             isFirst ? "" : ",", zDoc, zType);
  out_printf(pJson, "\"title\":{\"en\":\"%s on %s (No. %ld)\"},",
             zType[0] == 't'   ? "Treaty"
             : zType[0] == 'c' ? "Convention"
             : zType[0] == 'p' ? "Protocol"
                               : "Agreement",
             azSubject[iDoc % N_SUBJECT], iDoc);
  out_str(pJson, "\"adopted\":{\"date\":\"");
  out_day(pJson, adopted);
  out_str(pJson, "\"},\"entry_into_force\":{");
  switch (kind) {
  case EIF_THRESHOLD_DAYS:
    out_printf(pJson,
               "\"rule\":\"threshold\",\"conditions\":[{\"count\":%ld}],\"delay\":{\"days\":%ld}",
               nCount, aDays[rng_range(pRng, 0, 5)]);
    if (rng_chance(pRng, 100)) {
      out_str(pJson, ",\"not_before\":\"");
      out_day(pJson, adopted + rng_range(pRng, 365, 3 * 365));
      out_str(pJson, "\"");
    }
    break;
  case EIF_THRESHOLD_MONTHS:
    out_printf(pJson,
               "\"rule\":\"threshold\",\"conditions\":[{\"count\":%ld}],"
               "\"delay\":{\"months\":%ld,\"then\":\"first_of_next_month\"}",
               nCount, aMonths[rng_range(pRng, 0, 4)]);
    if (rng_chance(pRng, 300)) out_str(pJson, ",\"later_delay\":{\"days\":30}");
    break;
  case EIF_ON_SIGNATURE: out_str(pJson, "\"rule\":\"on_signature\""); break;
  default:
    out_str(pJson, "\"rule\":\"fixed_date\",\"date\":\"");
    out_day(pJson, adopted + rng_range(pRng, 180, 3 * 365));
    out_str(pJson, "\"");
    if (rng_chance(pRng, 400)) out_str(pJson, ",\"later_delay\":{\"days\":30}");
    break;
  }
  out_str(pJson, "}");
  if (rng_chance(pRng, 300)) {
    out_printf(pJson, ",\"withdrawal\":{\"notice\":{\"months\":%ld}}", rng_range(pRng, 1, 2) * 6);
  }
  out_str(pJson, "}");
  return kind;
}

/*
** The actions of one party on one document.  Each (document, party, type, date) is unique: a party
** has at most one action of each type, except a second consent after a withdrawal, which always
** falls on a later date than the first.
*/
static void write_party_actions(Out *pJson, Out *pCsv, int *pFirst, Rng *pRng, Counts *pCounts,
                                const char *zDoc, const Party *pParty, int kind, long adopted,
                                long lastDay) {
  char zExtra[160];
  long consent = 0;
  const char *zConsentType = NULL;

#define EMIT(TYPE, DAY, EXTRA)                                                                     \
  do {                                                                                             \
    long emitDay = (DAY); /* evaluated once: DAY may draw from the PRNG */                         \
    if (emitDay <= lastDay) {                                                                      \
      emit_action(pJson, pCsv, pFirst, zDoc, pParty->zCode, (TYPE), emitDay, (EXTRA));             \
      pCounts->nAction++;                                                                          \
    }                                                                                              \
  } while (0)

  if (kind == EIF_ON_SIGNATURE) {
    if (!rng_chance(pRng, 770)) return;
    long signedOn = adopted + rng_range(pRng, 0, 400);
    if (rng_chance(pRng, 300)) {
      /* Signed subject to domestic procedures, bound from the later notification. */
      EMIT("signature", signedOn, ",\"subject_to_procedures\":true");
      if (rng_chance(pRng, 800)) {
        consent = signedOn + rng_range(pRng, 20, 900);
        zConsentType = "notification";
        EMIT(zConsentType, consent, NULL);
      }
    } else if (rng_chance(pRng, 150)) {
      EMIT("definitive_signature", signedOn, NULL);
      consent = signedOn;
      zConsentType = "definitive_signature";
    } else {
      EMIT("signature", signedOn, NULL);
      consent = signedOn;
    }
  } else {
    long signedOn = 0;
    if (rng_chance(pRng, 470)) {
      signedOn = adopted + rng_range(pRng, 0, 365);
      EMIT("signature", signedOn, NULL);
      if (rng_chance(pRng, 700)) {
        static const char *const azInstrument[] = {"ratification", "ratification", "ratification",
                                                   "ratification", "acceptance",   "approval"};
        zConsentType = azInstrument[rng_range(pRng, 0, 5)];
        consent = signedOn + rng_range(pRng, 30, 2500);
      } else if (rng_chance(pRng, 60)) {
        EMIT("provisional_application", signedOn + rng_range(pRng, 0, 60), NULL);
      }
    } else if (rng_chance(pRng, 250)) {
      zConsentType = rng_chance(pRng, 900) ? "accession" : "succession";
      consent = adopted + rng_range(pRng, 200, 6000);
    } else if (rng_chance(pRng, 20)) {
      EMIT("not_interested", adopted + rng_range(pRng, 0, 400), NULL);
    }
    if (zConsentType) EMIT(zConsentType, consent, NULL);
  }
  if (consent == 0 || consent > lastDay) return;

  if (rng_chance(pRng, 50)) {
    snprintf(zExtra, sizeof zExtra,
             ",\"text\":\"%s does not consider itself bound by article %ld, paragraph %ld.\"",
             pParty->zName, rng_range(pRng, 1, 40), rng_range(pRng, 1, 5));
    EMIT("reservation", consent, zExtra);
  }
  if (rng_chance(pRng, 25)) {
    snprintf(zExtra, sizeof zExtra,
             ",\"text\":\"%s declares that article %ld applies to all of its territory.\"",
             pParty->zName, rng_range(pRng, 1, 40));
    EMIT("declaration", consent + rng_range(pRng, 0, 30), zExtra);
  }
  if (rng_chance(pRng, 30)) {
    long withdrawn = consent + rng_range(pRng, 365, 7000);
    if (rng_chance(pRng, 200)) {
      char aEffective[11];
      format_day(withdrawn + rng_range(pRng, 90, 400), aEffective);
      aEffective[10] = 0;
      snprintf(zExtra, sizeof zExtra, ",\"effective\":\"%s\"", aEffective);
      EMIT("withdrawal", withdrawn, zExtra);
    } else {
      EMIT("withdrawal", withdrawn, NULL);
    }
    if (withdrawn <= lastDay && rng_chance(pRng, 200)) {
      /* Rejoins later, by accession. */
      EMIT("accession", withdrawn + rng_range(pRng, 400, 3000), NULL);
    }
  }
#undef EMIT
}

/* The name of part N (2, 3, ...) of a split output: "FILE.json" gives "FILE-p002.json". */
static char *part_name(const char *zOut, int iPart) {
  size_t n = strlen(zOut);
  if (n >= 5 && strcmp(zOut + n - 5, ".json") == 0) n -= 5;
  char *z = malloc(n + 32);
  if (!z) die("out of memory", NULL);
  snprintf(z, n + 32, "%.*s-p%03d.json", (int)n, zOut, iPart);
  return z;
}

static long parse_long(const char *zOpt, const char *zVal, long lo, long hi) {
  char *zEnd;
  if (!zVal) die("missing value for", zOpt);
  errno = 0;
  long v = strtol(zVal, &zEnd, 10);
  if (errno || *zEnd || zEnd == zVal || v < lo || v > hi) die("bad value for", zOpt);
  return v;
}

static void usage(void) {
  fprintf(stderr, "usage: gen_registry --docs N --parties M --out FILE.json [--csv FILE.csv] "
                  "[--seed S] [--split N]\n");
  exit(2);
}

int main(int argc, char **argv) {
  long nDoc = 600, nParty = 200;
  unsigned long long seed = 20240611;
  long nSplit = 0;
  const char *zOut = NULL, *zCsv = NULL;
  for (int i = 1; i < argc; i++) {
    const char *zArg = argv[i];
    const char *zVal = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(zArg, "--docs") == 0) {
      nDoc = parse_long(zArg, zVal, 1, 999999);
      i++;
    } else if (strcmp(zArg, "--parties") == 0) {
      nParty = parse_long(zArg, zVal, 1, 26 * 26 * 26);
      i++;
    } else if (strcmp(zArg, "--seed") == 0) {
      seed = (unsigned long long)parse_long(zArg, zVal, 0, 0x7fffffffL);
      i++;
    } else if (strcmp(zArg, "--split") == 0) {
      nSplit = parse_long(zArg, zVal, 0, 0x7fffffffL);
      i++;
    } else if (strcmp(zArg, "--out") == 0 && zVal) {
      zOut = zVal;
      i++;
    } else if (strcmp(zArg, "--csv") == 0 && zVal) {
      zCsv = zVal;
      i++;
    } else {
      usage();
    }
  }
  if (!zOut) usage();

  Rng rng;
  rng_seed(&rng, seed);
  Party *aParty = calloc((size_t)nParty, sizeof *aParty);
  if (!aParty) die("out of memory", NULL);
  make_parties(&rng, aParty, nParty);

  Out json, csv;
  out_open(&json, zOut);
  if (zCsv) out_open(&csv, zCsv);

  const long lastDay = days_from_civil(LAST_DAY_Y, LAST_DAY_M, LAST_DAY_D);
  const long firstAdopted = days_from_civil(1950, 1, 1);
  const long lastAdopted = days_from_civil(2018, 12, 31);

  out_str(&json, "{\"pacta\":1,\n\"parties\":[");
  for (long i = 0; i < nParty; i++) {
    out_printf(&json, "%s\n  {\"code\":\"%s\",\"kind\":\"state\",\"name\":{\"en\":\"%s\"}}",
               i ? "," : "", aParty[i].zCode, aParty[i].zName);
  }
  out_str(&json, "\n],\n\"organizations\":[\n  {\"id\":\"un\",\"name\":{\"en\":\"Synthetic "
                 "depositary\"},\"founded\":\"1945-10-24\"}\n],\n\"memberships\":[");
  /* Every party joins "un" at some date; a few of them left and rejoined. */
  const long founded = days_from_civil(1945, 10, 24);
  for (long i = 0; i < nParty; i++) {
    long from = i < 3 ? founded : founded + rng_range(&rng, 0, 60 * 365);
    out_printf(&json,
               "%s\n  {\"organization\":\"un\",\"party\":\"%s\",\"kind\":\"member\",\"from\":\"",
               i ? "," : "", aParty[i].zCode);
    out_day(&json, from);
    if (i >= 3 && rng_chance(&rng, 30)) {
      long to = from + rng_range(&rng, 365, 20 * 365);
      long back = to + rng_range(&rng, 365, 10 * 365);
      out_str(&json, "\",\"to\":\"");
      out_day(&json, to);
      out_printf(&json,
                 "\"},\n  {\"organization\":\"un\",\"party\":\"%s\",\"kind\":\"member\","
                 "\"from\":\"",
                 aParty[i].zCode);
      out_day(&json, back);
    }
    out_str(&json, "\"}");
  }
  out_printf(&json,
             "\n],\n\"chairmanships\":[\n  {\"organization\":\"un\",\"term\":\"calendar_year\","
             "\"order\":{\"collate\":\"en\"},\"eligible\":[\"member\"],"
             "\"recorded\":[{\"year\":2000,\"party\":\"%s\"}],\"co_chairs\":\"previous_and_next\"}"
             "\n],\n\"documents\":[",
             aParty[0].zCode);

  /* The documents come before the actions in the file, so each document's adoption date and
     rule are kept for writing its actions afterwards. */
  long *aAdopted = malloc((size_t)nDoc * sizeof *aAdopted);
  int *aKind = malloc((size_t)nDoc * sizeof *aKind);
  if (!aAdopted || !aKind) die("out of memory", NULL);
  Counts counts;
  memset(&counts, 0, sizeof counts);
  for (long d = 0; d < nDoc; d++) {
    char zDoc[32];
    snprintf(zDoc, sizeof zDoc, "doc-%06ld", d + 1);
    aAdopted[d] = rng_range(&rng, firstAdopted, lastAdopted);
    aKind[d] = write_document(&json, &rng, d + 1, zDoc, aAdopted[d], nParty, d == 0);
    counts.aByRule[aKind[d]]++;
  }
  out_str(&json, "\n],\n\"actions\":[");
  int isFirst = 1;
  int nPart = 1;
  unsigned long long nBytes = 0, nPartStart = 0;
  char *zPartName = NULL;
  for (long d = 0; d < nDoc; d++) {
    char zDoc[32];
    snprintf(zDoc, sizeof zDoc, "doc-%06ld", d + 1);
    if (nSplit > 0 && counts.nAction - nPartStart >= (unsigned long long)nSplit) {
      /* Start the next part at this document boundary. */
      out_str(&json, "\n]}\n");
      out_close(&json);
      nBytes += json.nTotal;
      nPartStart = counts.nAction;
      nPart++;
      free(zPartName);
      zPartName = part_name(zOut, nPart);
      out_open(&json, zPartName);
      out_str(&json, "{\"pacta\":1,\n\"actions\":[");
      isFirst = 1;
    }
    for (long p = 0; p < nParty; p++) {
      write_party_actions(&json, zCsv ? &csv : NULL, &isFirst, &rng, &counts, zDoc, &aParty[p],
                          aKind[d], aAdopted[d], lastDay);
    }
  }
  out_str(&json, "\n]}\n");
  out_close(&json);
  nBytes += json.nTotal;
  free(zPartName);
  if (zCsv) out_close(&csv);

  fprintf(stderr,
          "gen_registry: %ld documents (threshold/days %llu, threshold/months %llu, on_signature "
          "%llu, fixed_date %llu), %ld parties, %llu actions, %.1f MB JSON in %d file%s\n",
          nDoc, counts.aByRule[0], counts.aByRule[1], counts.aByRule[2], counts.aByRule[3], nParty,
          counts.nAction, (double)nBytes / 1e6, nPart, nPart == 1 ? "" : "s");
  free(aAdopted);
  free(aKind);
  free(aParty);
  return 0;
}
