/*
** Ingest: who took part. Speakers ("President of Belarus Aleksandr
** Lukashenko named..."), the parties present and absent, and who said each
** quotation.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "i18n.h"
#include "ingest_internal.h"

/* ---- Speakers: "President of Belarus Aleksandr Lukashenko" ---------------- */

static const char *const azRole[] = {"Prime Minister",
                                     "Defense Minister",
                                     "Defence Minister",
                                     "Foreign Minister",
                                     "Minister of Foreign Affairs",
                                     "Minister of Defense",
                                     "Minister of Defence",
                                     "Secretary General",
                                     "Secretary-General",
                                     "Presidents",
                                     "President",
                                     "Chairman of the Council of Ministers",
                                     "Chairman",
                                     "Chairperson",
                                     "Премьер-министр",
                                     "Премьер",
                                     "Министр иностранных дел",
                                     "Министр обороны",
                                     "Президент",
                                     "Председатель",
                                     0};

static const char *const azVerb[] = {
    "said", "says", "stressed", "remarked", "noted", "named", "underlined", "took part",
    "emphasized", "emphasised", "added", "summarized", "explained", "asked", "thanked", "proposed",
    "concluded", "spoke", "told", "stated", "believes", "outlined", "recalled", "urged", "заявил",
    "отметил", "подчеркнул", "сказал", "принял участие", "made a proposal", "suggested",
    "предложил",
    /* «министр иностранных дел Беларуси NAME сообщил, что участники встречи
    ** обменялись мнениями», "NAME informed the participants" */
    "сообщил", "проинформировал", "informed",
    /* an act at the meeting ("President of Kazakhstan NAME
    ** awarded ... a diploma of the CIS") */
    "awarded", "presented", "вручил", 0};

/* Does a mention overlap [i, e)? Of those starting before e, the one
** reaching furthest. */
static bool overlaps_mention(const Doc *d, size_t i, size_t e) {
  int k = ig_mention_from(d, e);
  return k > 0 && d->aReach[k - 1] > i;
}

/* A run of up to 8 capitalized words from p: their spans in aW. */
static int capitalized_words(const Doc *d, size_t p, size_t aW[8][2]) {
  int nW = 0;
  while (nW < 8 && ig_upper_at(d, p)) {
    size_t q = p;
    while (q < d->n && (gz_letter_at(d->z, d->n, q) || d->z[q] == '-' ||
                        ((unsigned char)d->z[q] & 0xC0) == 0x80))
      q++;
    /* an initial and the surname after it («С.Жээнбеков», "A. Zhaparov")
    ** are one word: one letter (one byte, or two in Cyrillic), a full stop */
    if ((q == p + 1 || (q == p + 2 && ((unsigned char)d->z[p] & 0xFE) == 0xD0)) && q + 1 < d->n &&
        d->z[q] == '.') {
      size_t r = d->z[q + 1] == ' ' ? q + 2 : q + 1;
      if (r < d->n && ig_upper_at(d, r)) {
        q = r;
        while (q < d->n && (gz_letter_at(d->z, d->n, q) || d->z[q] == '-' ||
                            ((unsigned char)d->z[q] & 0xC0) == 0x80))
          q++;
      }
    }
    aW[nW][0] = p;
    aW[nW][1] = q;
    nW++;
    if (q < d->n && d->z[q] == ' ' && ig_upper_at(d, q + 1))
      p = q + 1;
    else
      break;
  }
  return nW;
}

/* Is the role at i an item of a list whose item before it opens with a
** role too ("the Prime Minister of Azerbaijan NAME, Prime Minister of
** Belarus, NAME, ..."): each role before its name, so a name after the
** role's comma is its own? */
static bool role_first_list(const Doc *d, size_t i) {
  static const char *const azRoleWord[] = {"minister", "president", "chairman", 0};
  if (i < 2 || d->z[i - 1] != ' ' || d->z[i - 2] != ',') return false;
  size_t s = ig_sent_start(d, i), b = i - 2;
  while (b > s && d->z[b - 1] != ',') b--;
  while (b < i && d->z[b] == ' ') b++;
  return i - 2 > b && i - 2 - b < 200 && ig_has_any(d, b, i - 2, azRoleWord);
}

/* Does an initial start the word at p: one letter and a full stop? */
static bool initial_at(const Doc *d, size_t p) {
  size_t q = p + (((unsigned char)d->z[p] & 0xFE) == 0xD0 ? 2 : 1);
  return q < d->n && d->z[q] == '.' && ig_upper_at(d, p);
}

/* What follows the speaker's name at v: a verb of speech or action
** ("said", "took part"), or a refusal ("would not attend"). */
static void after_speaker(const Doc *d, size_t v, Speaker *s) {
  static const char *const azAbsent[] = {"would not attend",
                                         "will not attend",
                                         "did not attend",
                                         "was absent",
                                         "не примет участи",
                                         "не принял участи",
                                         0};
  while (v < d->n && (d->z[v] == ' ' || d->z[v] == ',')) v++;
  for (int k = 0; azVerb[k]; k++) {
    size_t m = strlen(azVerb[k]);
    /* "said earlier": not at this session */
    if (v + m <= d->n && memcmp(d->zLo + v, azVerb[k], m) == 0 &&
        !gz_letter_at(d->zLo, d->n, v + m) &&
        !(v + m + 8 <= d->n && memcmp(d->zLo + v + m, " earlier", 8) == 0))
      s->bVerb = true;
  }
  size_t eWin = v + 40 < d->n ? v + 40 : d->n;
  if (ig_has_any(d, v, eWin, azAbsent)) s->bAbsent = true;
}

/* The speaker whose role zRole is named at i: "Belarus President NAME",
** "Prime Minister of the Republic of Armenia NAME", "President NAME of
** Armenia"; the name is the last two words of the capitalized run. */
static bool read_speaker(const Doc *d, const char *zRole, size_t i, Speaker *s) {
  size_t e = i + strlen(zRole);
  if (gz_letter_before(d->z, i) || gz_letter_at(d->z, d->n, e)) return false;
  const char *zParty = 0;
  size_t iStart = i;
  /* "Belarus President", "Russian Defense Minister": the last party (in
  ** the order of d->aM) named just before. */
  /* ... or with a possessive ("Russia's Prime Minister", "Russia’s") */
  size_t eBefore = i;
  if (i >= 4 && memcmp(d->z + i - 3, "'s ", 3) == 0)
    eBefore = i - 2;
  else if (i >= 6 && memcmp(d->z + i - 5, "\xe2\x80\x99s ", 5) == 0)
    eBefore = i - 4;
  int x0 = d->nM; /* the mentions ending right before, by end */
  if (eBefore != i || (i && d->z[i - 1] == ' ')) x0 = ig_mention_ending(d, eBefore - 1);
  for (int x = x0; x < d->nM && d->aM[d->aByEnd[x]].e + 1 == eBefore; x++) {
    const Mention *m = &d->aM[d->aByEnd[x]];
    if (m->p->kind == GZ_PARTY) {
      zParty = m->p->zKey;
      iStart = m->i;
    }
  }
  size_t p = e;
  if (p + 8 <= d->n && memcmp(d->z + p, " of the ", 8) == 0)
    p += 8;
  else if (p + 4 <= d->n && memcmp(d->z + p, " of ", 4) == 0)
    p += 4;
  else if (p < d->n && d->z[p] == ' ')
    p++;
  /* "Prime Minister of the Republic of Armenia Nikol Pashinyan" */
  if (p + 12 <= d->n && memcmp(d->zLo + p, "republic of ", 12) == 0) p += 12;
  size_t eCountry;
  const Mention *pCountry = !zParty ? ig_party_at(d, p, &eCountry) : 0;
  if (pCountry && eCountry < d->n && d->z[eCountry] == ' ' && ig_upper_at(d, eCountry + 1)) {
    zParty = pCountry->p->zKey;
    p = eCountry + 1;
  } else if (pCountry &&
             ((iStart >= 4 && memcmp(d->zLo + iStart - 4, "the ", 4) == 0) ||
              role_first_list(d, iStart)) &&
             eCountry + 2 < d->n && d->z[eCountry] == ',' && d->z[eCountry + 1] == ' ' &&
             ig_upper_at(d, eCountry + 2)) {
    /* "hosted by the Chairman of the Council of Ministers of Kyrgyzstan,
    ** Ulukbek Maripov, was attended by": after "the ROLE of PARTY", the name
    ** set off by commas (two capitalized words and a comma after them); not
    ** in a list "NAME, Prime Minister of Belarus, NAME, Prime Minister of
    ** Armenia", where the name before the role is its holder's */
    /* ... past a military rank ("The Minister of Defense of Azerbaijan,
    ** Colonel-General NAME also took part"), and the name may be followed
    ** by its verb rather than a comma */
    static const char *const azRank[] = {
        "colonel-general ",   "lieutenant-general ", "major-general ", "general ",
        "генерал-полковник ", "генерал-лейтенант ",  "генерал армии ", 0};
    size_t q = eCountry + 2;
    for (int k = 0; azRank[k]; k++) {
      size_t n = strlen(azRank[k]);
      if (q + n <= d->n && memcmp(d->zLo + q, azRank[k], n) == 0) {
        q += n;
        break;
      }
    }
    size_t aA[8][2];
    int nA = capitalized_words(d, q, aA);
    bool bEnd = nA == 2 && aA[1][1] + 1 < d->n &&
                (d->z[aA[1][1]] == ',' ||
                 (d->z[aA[1][1]] == ' ' && gz_letter_at(d->z, d->n, aA[1][1] + 1) &&
                  !ig_upper_at(d, aA[1][1] + 1)));
    if (bEnd && !overlaps_mention(d, aA[0][0], aA[1][1])) {
      zParty = pCountry->p->zKey;
      p = q;
    }
  }
  size_t aW[8][2];
  int nW = capitalized_words(d, p, aW);
  for (int w = 0; w < nW && !zParty; w++) {
    size_t eP;
    const Mention *m = ig_party_at(d, aW[w][0], &eP);
    if (m) zParty = m->p->zKey;
  }
  /* "President Tokayev": one word will do for a person the registry knows */
  /* ... and so will a surname alone after a role naming its party, in
  ** English, when a verb of speech follows ("Armenian Foreign Minister
  ** Mirzoyan said at the meeting") */
  static const char *const azSaidAfter[] = {" said", " noted", " stressed",    " stated",
                                            " told", " added", " pointed out", 0};
  bool bSurname = nW == 1 && zParty && (unsigned char)d->z[aW[0][0]] < 0x80 &&
                  aW[0][1] - aW[0][0] >= 4 && !overlaps_mention(d, aW[0][0], aW[0][1]);
  bool bSaid = false;
  for (int k = 0; bSurname && azSaidAfter[k] && !bSaid; k++) {
    size_t n = strlen(azSaidAfter[k]);
    bSaid = aW[0][1] + n <= d->n && memcmp(d->zLo + aW[0][1], azSaidAfter[k], n) == 0;
  }
  bSurname = bSurname && bSaid;
  if (nW < 2 && !(nW == 1 && (ig_person_at(d, aW[0][0]) || bSurname))) return false;
  size_t iName = aW[nW < 2 ? 0 : nW - 2][0], eName = aW[nW - 1][1];
  /* a last word with its initial is the whole name */
  if (initial_at(d, aW[nW - 1][0])) iName = aW[nW - 1][0];
  if (overlaps_mention(d, iName, eName) || eName - iName >= sizeof(s->zName) - 4) return false;
  memset(s, 0, sizeof(*s));
  s->i = iStart;
  s->e = eName;
  /* the initial written apart from the surname («С. Жээнбеков») */
  size_t o = 0;
  for (size_t p2 = iName; p2 < eName && o + 2 < sizeof(s->zName); p2++) {
    s->zName[o++] = d->z[p2];
    if (d->z[p2] == '.' && p2 + 1 < eName && d->z[p2 + 1] != ' ') s->zName[o++] = ' ';
  }
  snprintf(s->zRole, sizeof(s->zRole), "%s",
           strcmp(zRole, "Presidents") == 0 ? "President" : zRole);
  /* "Prime Minister Nikol Pashinyan of Armenia" */
  /* ... "of the Republic of Belarus", and "of the Republic of of Belarus"
  ** (a word written twice): the party after the words of its long name */
  size_t eOf = eName;
  const Mention *pOf = 0;
  if (!zParty && eName + 4 < d->n && memcmp(d->z + eName, " of ", 4) == 0) {
    static const char *const azLong[] = {"the ", "republic ", "of ", 0};
    size_t q = eName + 4;
    for (int t = 0; t < 6 && !pOf; t++) {
      pOf = ig_party_at(d, q, &eOf);
      int k = 0;
      while (azLong[k] && (q + strlen(azLong[k]) > d->n ||
                           memcmp(d->zLo + q, azLong[k], strlen(azLong[k])) != 0))
        k++;
      if (!azLong[k]) break;
      if (!pOf) q += strlen(azLong[k]);
    }
  }
  if (pOf) zParty = pOf->p->zKey;
  /* "President Vladimir Putin": a person the registry records for a party */
  const Mention *pPerson = !zParty ? ig_person_at(d, aW[nW - 1][0]) : 0;
  if (pPerson) zParty = pPerson->p->zKey;
  s->zParty = zParty;
  /* the verb after the party named after the name ("NAME of Belarus thanked") */
  after_speaker(d, pOf ? eOf : eName, s);
  /* "..., said Uzbek Foreign Minister NAME", «..., заявил президент России
  ** NAME»: a verb of speech before the speaker, its subject (not "thanked
  ** President NAME", who is its object). */
  static const char *const azSaid[] = {"said",       "says",      "stressed", "noted",  "added",
                                       "stated",     "explained", "remarked", "заявил", "отметил",
                                       "подчеркнул", "сказал",    "сообщил",  0};
  for (int k = 0; azSaid[k] && !s->bVerb; k++) {
    size_t m = strlen(azSaid[k]);
    if (iStart >= m + 1 && d->z[iStart - 1] == ' ' &&
        memcmp(d->zLo + iStart - 1 - m, azSaid[k], m) == 0 &&
        !gz_letter_before(d->zLo, iStart - 1 - m))
      s->bVerb = true;
  }
  return true;
}

const char *ig_surname(const char *zName) {
  const char *z = strrchr(zName, ' ');
  return z ? z + 1 : zName;
}

/* ---- Surnames: where the speakers are named --------------------------------
**
** Who is the main speaker counts each surname in the whole text, and who
** said a quote looks for every surname around it. Looking for each surname
** in turn costs the text's length times the number of speakers, which
** grows with the text; instead one pass of an Aho-Corasick automaton over
** the text (or the stretch asked about) finds every surname at once. A name
** is under 96 bytes, so fewer than 96 surnames end at any byte: the pass is
** linear whatever the names.
*/

typedef struct SurNode {
  int child, sibling; /* a node's children are a list (0: none; the root is no child) */
  int fail;           /* the node of the longest proper suffix that is in the trie */
  int out;            /* the nearest node on the fail chain where a surname ends, or -1 */
  int sur;            /* the surname ending here, or -1 */
  int depth;
  unsigned char c;
} SurNode;

struct Surnames {
  int nSur;        /* distinct surnames, numbered in the order of their first speaker */
  int *aFirst;     /* surname -> its first speaker */
  int *aOfSpeaker; /* speaker -> surname, or -1 (an empty one is found nowhere) */
  SurNode *aNode;  /* the trie; 0 is the root */
  int nNode, nAlloc;
  int aRoot[256]; /* the root's children by byte, 0 for none */
  /* What the last scan found, by surname: how many times (leftmost, not
  ** overlapping, as strstr counts), first and last start (SIZE_MAX: not
  ** found), and the end of the last counted one. */
  int *aCount;
  size_t *aFirstAt, *aLastAt, *aTaken;
};

static int sur_node(Surnames *p, int parent, unsigned char c) {
  if (p->nNode == p->nAlloc) {
    p->nAlloc = p->nAlloc ? 2 * p->nAlloc : 64;
    p->aNode = xrealloc(p->aNode, (size_t)p->nAlloc * sizeof(SurNode));
  }
  int k = p->nNode++;
  p->aNode[k] = (SurNode){0, 0, 0, -1, -1, parent < 0 ? 0 : p->aNode[parent].depth + 1, c};
  if (parent == 0) {
    p->aRoot[c] = k;
  } else if (parent > 0) {
    p->aNode[k].sibling = p->aNode[parent].child;
    p->aNode[parent].child = k;
  }
  return k;
}

/* The child of node s by byte c, or 0. */
static int sur_child(const Surnames *p, int s, unsigned char c) {
  if (s == 0) return p->aRoot[c];
  for (int k = p->aNode[s].child; k; k = p->aNode[k].sibling)
    if (p->aNode[k].c == c) return k;
  return 0;
}

/* The automaton's next state from s on byte c. */
static int sur_step(const Surnames *p, int s, unsigned char c) {
  for (;;) {
    int k = sur_child(p, s, c);
    if (k || s == 0) return k;
    s = p->aNode[s].fail;
  }
}

static Surnames *surnames_new(const Doc *d) {
  Surnames *p = xmalloc(sizeof(Surnames));
  memset(p, 0, sizeof(*p));
  size_t nS = d->nS ? (size_t)d->nS : 1;
  p->aFirst = xmalloc(nS * sizeof(int));
  p->aOfSpeaker = xmalloc(nS * sizeof(int));
  sur_node(p, -1, 0);
  StrMap seen = {0};
  for (int k = 0; k < d->nS; k++) {
    const char *zSur = ig_surname(d->aS[k].zName);
    p->aOfSpeaker[k] = -1;
    if (!*zSur) continue;
    bool bNew;
    int *pSur = strmap_insert(&seen, zSur, p->nSur, &bNew);
    p->aOfSpeaker[k] = *pSur;
    if (!bNew) continue;
    p->aFirst[p->nSur++] = k;
    int s = 0;
    for (const unsigned char *z = (const unsigned char *)zSur; *z; z++) {
      int c = sur_child(p, s, *z);
      s = c ? c : sur_node(p, s, *z);
    }
    p->aNode[s].sur = p->aOfSpeaker[k];
  }
  strmap_free(&seen);
  /* Fail and output links, breadth first. */
  int *aQueue = xmalloc((size_t)p->nNode * sizeof(int)), nQ = 0;
  for (int c = 0; c < 256; c++)
    if (p->aRoot[c]) aQueue[nQ++] = p->aRoot[c];
  for (int q = 0; q < nQ; q++) {
    int u = aQueue[q];
    for (int v = p->aNode[u].child; v; v = p->aNode[v].sibling) {
      int f = sur_step(p, p->aNode[u].fail, p->aNode[v].c);
      p->aNode[v].fail = f;
      p->aNode[v].out = p->aNode[f].sur >= 0 ? f : p->aNode[f].out;
      aQueue[nQ++] = v;
    }
  }
  xfree(aQueue);
  size_t nSur = p->nSur ? (size_t)p->nSur : 1;
  p->aCount = xmalloc(nSur * sizeof(int));
  p->aFirstAt = xmalloc(nSur * sizeof(size_t));
  p->aLastAt = xmalloc(nSur * sizeof(size_t));
  p->aTaken = xmalloc(nSur * sizeof(size_t));
  return p;
}

void ig_surnames_free(Surnames *p) {
  if (!p) return;
  xfree(p->aFirst);
  xfree(p->aOfSpeaker);
  xfree(p->aNode);
  xfree(p->aCount);
  xfree(p->aFirstAt);
  xfree(p->aLastAt);
  xfree(p->aTaken);
  xfree(p);
}

/* Find every surname wholly inside [a, b) of the text: p->aCount,
** aFirstAt, aLastAt. */
static void surnames_scan(const Doc *d, size_t a, size_t b) {
  Surnames *p = d->pSur;
  for (int u = 0; u < p->nSur; u++) {
    p->aCount[u] = 0;
    p->aFirstAt[u] = p->aLastAt[u] = SIZE_MAX;
    p->aTaken[u] = 0;
  }
  if (!p->nSur) return;
  int s = 0;
  for (size_t j = a; j < b; j++) {
    s = sur_step(p, s, (unsigned char)d->z[j]);
    for (int t = p->aNode[s].sur >= 0 ? s : p->aNode[s].out; t >= 0; t = p->aNode[t].out) {
      int u = p->aNode[t].sur;
      size_t q = j + 1 - (size_t)p->aNode[t].depth;
      if (p->aFirstAt[u] == SIZE_MAX) p->aFirstAt[u] = q;
      p->aLastAt[u] = q;
      if (q >= p->aTaken[u]) {
        p->aCount[u]++;
        p->aTaken[u] = j + 1;
      }
    }
  }
}

void ig_find_speakers(Doc *d) {
  int nAlloc = 0;
  for (int r = 0; azRole[r]; r++) {
    /* A Russian role is written in lower case ("президент Туркмении NAME
    ** отметил"): looked for in the folded text. */
    bool bRu = (unsigned char)azRole[r][0] >= 0xD0;
    char zFold[64];
    snprintf(zFold, sizeof(zFold), "%s", azRole[r]);
    gz_fold(zFold, strlen(zFold));
    const char *zText = bRu ? d->zLo : d->z, *zPat = bRu ? zFold : azRole[r];
    for (const char *z = zText; (z = strstr(z, zPat)) != 0; z++) {
      Speaker s;
      if (!read_speaker(d, azRole[r], (size_t)(z - zText), &s)) continue;
      if (d->nS == nAlloc) {
        nAlloc = nAlloc ? 2 * nAlloc : 8;
        d->aS = xrealloc(d->aS, (size_t)nAlloc * sizeof(Speaker));
      }
      d->aS[d->nS++] = s;
    }
  }
  d->pSur = surnames_new(d);
}

/* ---- Attendance ----------------------------------------------------------- */

/* Does the sentence around i say who took part ("attended by", "included",
** "with the participation of", "hosted by"), and not who was only invited
** or observed? */
static bool took_part_sentence(const Doc *d, size_t i) {
  static const char *const azPart[] = {"attended by",      "was attended",
                                       "attending",        "included",
                                       "participation of", "participated",
                                       "took part",        "hosted by",
                                       "chaired by",       "gathered",
                                       "с участием",       "приняли участие",
                                       "принял участие",   0};
  static const char *const azNot[] = {"invited", "observer", "приглаш", "наблюдат", 0};
  size_t s = ig_sent_start(d, i), e = ig_sent_end(d, i);
  return ig_has_any(d, s, e, azPart) && !ig_has_any(d, s, e, azNot);
}

/* Does a speaker's role fit the body's level (a president at a
** heads-of-state body, a minister at a ministers' body)? */
static bool role_fits(const char *zRole, const char *zLevel) {
  if (!zLevel || !*zLevel) return true;
  bool bPres = strstr(zRole, "President") || strstr(zRole, "Президент");
  /* "Chairman of the Council of Ministers" heads a government */
  bool bPm = strstr(zRole, "Prime Minister") || strstr(zRole, "Премьер") ||
             strstr(zRole, "Council of Ministers");
  bool bMin = !bPm && (strstr(zRole, "Minister") || strstr(zRole, "Министр"));
  if (strcmp(zLevel, "heads_of_state") == 0) return bPres;
  if (strcmp(zLevel, "heads_of_government") == 0) return bPm;
  if (strcmp(zLevel, "ministers") == 0) return bMin;
  return !bPres && !bPm && !bMin;
}

void ig_attend_init(Attendance *a) {
  a->pPresent = json_object();
  a->pAbsent = json_object();
  a->pBy = json_object();
  a->pNamed = json_object();
  a->pClause = json_object();
  a->zOrg = a->zDate = a->zLevel = 0;
}

void ig_attend_free(Attendance *a) {
  json_decref(a->pPresent);
  json_decref(a->pAbsent);
  json_decref(a->pBy);
  json_decref(a->pNamed);
  json_decref(a->pClause);
}

/* Present: the parties listed after "leaders of", "delegations of",
** "лидеры"... ("the leaders of Belarus, Kazakhstan and Russia"), but not
** after "between" (a meeting of some of them). */
void ig_attend_listed(const Doc *d, Attendance *a) {
  static const char *const azList[] = {"leaders of ",
                                       "leaders: ",
                                       "heads of state of ",
                                       "heads of delegations of ",
                                       "delegations of ",
                                       "representatives of ",
                                       "presidents of ",
                                       "лидеры ",
                                       "главы государств ",
                                       "делегации ",
                                       "foreign ministers of ",
                                       "defence ministers of ",
                                       "defense ministers of ",
                                       "prime ministers of ",
                                       "heads of government of ",
                                       "министры иностранных дел ",
                                       "министры обороны ",
                                       "главы правительств ",
                                       0};
  for (int k = 0; azList[k]; k++) {
    size_t nW = strlen(azList[k]);
    for (const char *z = d->zLo; (z = strstr(z, azList[k])) != 0; z += nW) {
      size_t i = (size_t)(z - d->zLo) + nW, e, h = (size_t)(z - d->zLo);
      const Mention *pM;
      /* "a meeting between the foreign ministers of Armenia and Azerbaijan":
      ** a meeting of some of them, not the session */
      static const char *const azBetween[] = {" between ", " между ", 0};
      if (ig_has_any(d, h > 40 ? h - 40 : 0, h, azBetween)) continue;
      /* "The Council comprises the heads of state of ...": its members;
      ** "... and was signed by the presidents of Armenia, ..." in April
      ** 1999: the treaty's history */
      if (ig_composition_before(d, h) || ig_history_at(d, h)) continue;
      while ((pM = ig_party_at(d, i, &e)) != 0) {
        json_t *pSpan = ig_span(d, pM->i, pM->e);
        json_object_set_new(a->pPresent, pM->p->zKey, pSpan);
        i = e;
        if (i + 2 <= d->n && memcmp(d->zLo + i, "'s", 2) == 0) i += 2;
        if (i + 4 <= d->n && memcmp(d->zLo + i, "’s", 4) == 0) i += 4;
        if (i < d->n && d->z[i] == ',') i++;
        while (i < d->n && d->z[i] == ' ') i++;
        if (i + 4 <= d->n && memcmp(d->zLo + i, "and ", 4) == 0) i += 4;
        if (i + 3 <= d->n && memcmp(d->zLo + i, "и ", 3) == 0) i += 3;
      }
    }
  }
}

/* Absent: "not attended by X", "without the participation of X", "absence
** of X", "без участия X", "в отсутствие X"; "X's absence", "X's decision to
** skip". */
void ig_attend_absent(const Doc *d, Attendance *a) {
  static const char *const azAbsentBy[] = {"not attended by ", "without the participation of ",
                                           "absence of ",      "без участия ",
                                           "отсутстви",        0};
  for (int k = 0; azAbsentBy[k]; k++) {
    size_t nW = strlen(azAbsentBy[k]);
    for (const char *z = d->zLo; (z = strstr(z, azAbsentBy[k])) != 0; z += nW) {
      size_t i = (size_t)(z - d->zLo), e = ig_sent_end(d, i);
      if (e > i + nW + 60) e = i + nW + 60;
      for (int j = ig_mention_from(d, i + nW); j < d->nM && d->aM[j].i < e; j++) {
        const Mention *pM = &d->aM[j];
        if (pM->p->kind == GZ_PARTY && pM->e <= e)
          json_object_set_new(a->pAbsent, pM->p->zKey, ig_span(d, i, pM->e));
      }
    }
  }
  static const char *const azAbsentAfter[] = {"'s absence", "’s absence", "'s decision to skip",
                                              "’s decision to skip", 0};
  for (int k = 0; k < d->nM; k++) {
    const Mention *pM = &d->aM[k];
    if (pM->p->kind != GZ_PARTY) continue;
    for (int j = 0; azAbsentAfter[j]; j++) {
      size_t n = strlen(azAbsentAfter[j]);
      if (pM->e + n <= d->n && memcmp(d->zLo + pM->e, azAbsentAfter[j], n) == 0)
        json_object_set_new(a->pAbsent, pM->p->zKey, ig_span(d, pM->i, pM->e + n));
    }
  }
}

/* Speakers: one who "would not attend" is absent; one whose role fits the
** body's level and who speaks or acts, or any named in a sentence saying
** who took part, is present. The first fitting speaker of a party is its
** "by". */
void ig_attend_speakers(const Doc *d, const char *zLevel, Attendance *a) {
  for (int k = 0; k < d->nS; k++) {
    const Speaker *s = &d->aS[k];
    if (!s->zParty) continue;
    if (s->bAbsent) {
      json_object_set_new(a->pAbsent, s->zParty, ig_span(d, s->i, s->e));
      continue;
    }
    /* Named in a sentence saying who took part: present whatever the
    ** role (a prime minister may stand in for a president). */
    bool bTookPart = took_part_sentence(d, s->i);
    if (!bTookPart && !role_fits(s->zRole, zLevel)) continue;
    if ((s->bVerb || bTookPart) && !json_object_get(a->pPresent, s->zParty))
      json_object_set_new(a->pPresent, s->zParty,
                          ig_span(d, s->i, s->e + 12 < d->n ? s->e + 12 : d->n));
    if (!json_object_get(a->pBy, s->zParty))
      json_object_set_new(a->pBy, s->zParty, json_integer(k));
  }
}

/* Does [i, e) hold a word of a role ("Prime Minister", «премьер-министр»)? */
static bool role_words(const Doc *d, size_t i, size_t e) {
  static const char *const azRoleWord[] = {
      "minister",   "president", "chairman",  "premier", "head of",
      "ambassador", "secretary", "президент", "премьер", "председател",
      "министр",    "глава",     "посол",     "pm",      0};
  return ig_has_any(d, i, e, azRoleWord);
}

/* The start of the name of two or three capitalized words ending at e, the
** first after ", ", ": ", "by ", "and ", "as well as ", «и » (in Russian,
** any word in lower case) or a line's start; or
** SIZE_MAX. */
static size_t name_before(const Doc *d, size_t e, bool bEn) {
  size_t i = e;
  int nW = 0;
  while (nW < 3 && i >= 2) {
    size_t ws = ig_word_start(d, i);
    if (ws == i || !ig_upper_at(d, ws) || overlaps_mention(d, ws, i) || role_words(d, ws, i)) break;
    nW++;
    i = ws;
    if (nW >= 2 && i >= 2 && d->z[i - 1] == '.' && gz_letter_at(d->z, d->n, i - 2)) return i;
    if (i < 2 || d->z[i - 1] != ' ') break;
    /* what comes before the name: a comma, a colon, "by", "and" */
    char c = d->z[i - 2];
    if (nW >= 2 && (c == ',' || c == ':' || (c == '.' && ig_sent_start(d, i) >= i - 1))) return i;
    size_t pw = ig_word_start(d, i - 1);
    size_t n = i - 1 - pw;
    /* «приняли участие Олжас Бектенов, премьер-министр Казахстана»: in
    ** Russian, any word in lower case */
    if (nW >= 2 && !bEn && n > 0 && !ig_upper_at(d, pw) && gz_letter_at(d->zLo, d->n, pw)) return i;
    /* ... or a role's plural ("Foreign ministers NAME of Armenia") */
    if (nW >= 2 && bEn && n >= 9 && memcmp(d->zLo + i - 2 - 9 + 1, "ministers", 9) == 0) return i;
    if (nW >= 2 && ((n == 2 && memcmp(d->zLo + pw, "by", 2) == 0) ||
                    (n == 3 && memcmp(d->zLo + pw, "and", 3) == 0) ||
                    (n == 2 && memcmp(d->zLo + pw, "as", 2) == 0) || /* "as well as" */
                    (n == 2 && memcmp(d->zLo + pw, "и", 2) == 0)))
      return i;
    i--; /* past the space, to the word before */
  }
  if (nW >= 2 && (i == 0 || d->z[i - 1] == '\n')) return i;
  return SIZE_MAX;
}

/* "attended by ..., Roman Golovchenko, Prime Minister of the Republic of
** Belarus, Nikol Pashinyan, Prime Minister of ...", «Никол Пашинян,
** премьер-министр Армении»: a name, a comma, then its role naming the party
** (the name before the role) is the party's name, when none is listed with
** it otherwise. */
void ig_attend_name_role(const Doc *d, Attendance *a) {
  for (int k = 0; k < d->nM; k++) {
    const Mention *pM = &d->aM[k];
    if (pM->p->kind != GZ_PARTY || pM->p->type == GZ_CAPITAL ||
        json_object_get(a->pNamed, pM->p->zKey))
      continue;
    /* "Jeyhun Bayramov, Azerbaijan's Minister of Foreign Affairs,
    ** attended": a name, a comma, the party's role set off by commas,
    ** then a verb of taking part */
    size_t ap = pM->e;
    if (ap + 3 <= d->n && memcmp(d->z + ap, "'s ", 3) == 0)
      ap += 3;
    else if (ap + 5 <= d->n && memcmp(d->z + ap, "\xe2\x80\x99s ", 5) == 0)
      ap += 5;
    else
      ap = 0;
    if (ap && pM->i >= 4 && d->z[pM->i - 1] == ' ' && d->z[pM->i - 2] == ',') {
      size_t ce = ig_find(d, ap, ",");
      /* ... and what he does there is taking part (not "NAME, Russia's
      ** ambassador to Yerevan, reinforced this position") */
      static const char *const azAttend[] = {
          "attend", "took part", "takes part", "participat", "led the", "headed", 0};
      if (ce < ap + 60 && ce < ig_sent_end(d, ap) && role_words(d, ap, ce) &&
          ig_has_any(d, ce, ce + 24 < d->n ? ce + 24 : d->n, azAttend)) {
        size_t ns = name_before(d, pM->i - 2, true);
        if (ns != SIZE_MAX) {
          json_object_set_new(a->pNamed, pM->p->zKey, json_stringn(d->z + ns, pM->i - 2 - ns));
          continue;
        }
      }
    }
    /* "Sergei Lavrov (Russia), Maxim Ryzhenkov (Belarus)", «Сергей Лавров
    ** (Россия)»: a name, the party in brackets right after it; "Foreign
    ** ministers Ararat Mirzoyan of Armenia and Jeyhun Bayramov of
    ** Azerbaijan attended": a name, "of", the party, then a comma, "and"
    ** or a verb */
    bool bBracket = pM->i >= 4 && d->z[pM->i - 1] == '(' && d->z[pM->i - 2] == ' ' &&
                    pM->e < d->n && d->z[pM->e] == ')';
    bool bOf = pM->i >= 6 && memcmp(d->zLo + pM->i - 4, " of ", 4) == 0 && pM->e < d->n &&
               (d->z[pM->e] == ',' || d->z[pM->e] == ' ' || d->z[pM->e] == '.');
    if (bBracket || bOf) {
      size_t ne = bBracket ? pM->i - 2 : pM->i - 4;
      size_t ns = name_before(d, ne, true);
      if (ns != SIZE_MAX && !role_words(d, ns, ne)) {
        json_object_set_new(a->pNamed, pM->p->zKey, json_stringn(d->z + ns, ne - ns));
        continue;
      }
    }
    size_t p = pM->i;
    if (p >= 4 && memcmp(d->zLo + p - 4, "the ", 4) == 0) p -= 4;
    if (p >= 16 && memcmp(d->zLo + p - 16, "the republic of ", 16) == 0) p -= 16;
    bool bEn = p >= 4 && memcmp(d->zLo + p - 4, " of ", 4) == 0;
    size_t r = bEn ? p - 4 : p >= 1 && d->z[p - 1] == ' ' ? p - 1 : 0;
    if (!r) continue;
    /* the role: at most six words back to ", " (English: capitalized, or
    ** "of", "the", "and"; Russian: in lower case) */
    size_t rs = SIZE_MAX, i = r;
    for (int w = 0; w < 6 && i >= 3; w++) {
      size_t ws = ig_word_start(d, i);
      if (ws == i) break;
      size_t n = i - ws;
      const char *z = d->zLo + ws;
      bool bSmall = (n == 2 && memcmp(z, "of", 2) == 0) || (n == 3 && memcmp(z, "the", 3) == 0) ||
                    (n == 3 && memcmp(z, "and", 3) == 0);
      if (bEn ? !(ig_upper_at(d, ws) || bSmall) : ig_upper_at(d, ws)) break;
      if (ws >= 2 && d->z[ws - 1] == ' ' && d->z[ws - 2] == ',') {
        rs = ws;
        break;
      }
      if (ws < 1 || d->z[ws - 1] != ' ') break;
      i = ws - 1;
    }
    if (rs == SIZE_MAX || !role_words(d, rs, r)) continue;
    size_t ns = name_before(d, rs - 2, bEn);
    if (ns == SIZE_MAX) continue;
    json_object_set_new(a->pNamed, pM->p->zKey, json_stringn(d->z + ns, rs - 2 - ns));
  }
}

/* Is zParty where the session is: its capital or one of its cities is the
** session's place zPlace, or the text says a meeting is "in PARTY" («в
** Киргизии») in a sentence naming a body or a summit? */
static bool hosts_session(const Doc *d, const char *zParty, const char *zPlace) {
  for (int j = 0; zPlace && j < d->g->n; j++) {
    const GzEntry *pE = &d->g->a[j];
    if (pE->zPlace && pE->zPlace[0] && strcmp(pE->zPlace, zPlace) == 0 &&
        (pE->type == GZ_CAPITAL || pE->kind == GZ_CITY) && strcmp(pE->zKey, zParty) == 0)
      return true;
  }
  static const char *const azMeet[] = {"summit",   "session", "meeting", "саммит",
                                       "заседани", "сесси",   0};
  for (int k = 0; k < d->nM; k++) {
    const Mention *pM = &d->aM[k];
    if (pM->p->kind != GZ_PARTY || pM->p->type == GZ_CAPITAL || strcmp(pM->p->zKey, zParty) != 0)
      continue;
    bool bIn = (pM->i >= 3 && memcmp(d->zLo + pM->i - 3, "in ", 3) == 0) ||
               (pM->i >= 3 && memcmp(d->zLo + pM->i - 3, "в ", 3) == 0);
    size_t s = pM->i > 40 ? pM->i - 40 : 0;
    if (bIn && !gz_letter_before(d->zLo, pM->i - 3) && ig_has_any(d, s, pM->i, azMeet)) return true;
  }
  return false;
}

/* Is i inside a quotation opened since s ("“This year Belarus presides over
** the Commonwealth,” said the Belarusian leader": his words, not the
** release's)? */
bool ig_in_quote(const Doc *d, size_t s, size_t i) {
  int nOpen = 0;
  for (size_t q = s; q < i; q++) {
    if (d->z[q] == '"') nOpen = !nOpen;
    if (q + 3 <= i && (memcmp(d->z + q, "“", 3) == 0)) nOpen = 1;
    if (q + 3 <= i && (memcmp(d->z + q, "”", 3) == 0)) nOpen = 0;
    if (q + 2 <= i && (memcmp(d->z + q, "«", 2) == 0)) nOpen = 1;
    if (q + 2 <= i && (memcmp(d->z + q, "»", 2) == 0)) nOpen = 0;
  }
  /* a sentence that opens with a quotation mark the sentence splitter left
  ** before its start */
  if (s > 0 && (d->z[s - 1] == '"' || (s >= 3 && memcmp(d->z + s - 3, "“", 3) == 0) ||
                (s >= 2 && memcmp(d->z + s - 2, "«", 2) == 0)))
    nOpen = 1;
  return nOpen;
}

/* A word saying someone chairs now ("rotating presidency", "chairing the",
** «председательств»), in a sentence that speaks of no other term ("will",
** "next", «передал») and outside a quotation: the next one after c's last,
** word by word in this order (false: none left). Start from {0}. */
typedef struct ChairWord {
  int k;         /* the word */
  const char *z; /* where its search goes on, or NULL before the first */
  size_t i, n;   /* the one found: at i, n bytes; its sentence [s, e) */
  size_t s, e;
} ChairWord;

static bool chair_word_next(const Doc *d, ChairWord *c) {
  static const char *const azChair[] = {"rotating presidency",
                                        "holds the presidency",
                                        "chairing the",
                                        "chairs the",
                                        "presides over",
                                        "председательств",
                                        0};
  static const char *const azNot[] = {
      "will ",   "next",    "take over", "takes over", "handed",   "previous", "перейд",
      "следующ", "передал", "переда",    "примет",     "предыдущ", 0};
  for (; azChair[c->k]; c->k++, c->z = 0) {
    size_t nW = strlen(azChair[c->k]);
    for (c->z = c->z ? c->z + nW : d->zLo; (c->z = strstr(c->z, azChair[c->k])) != 0; c->z += nW) {
      c->i = (size_t)(c->z - d->zLo);
      c->n = nW;
      c->s = ig_sent_start(d, c->i);
      c->e = ig_sent_end(d, c->i);
      if (!ig_has_any(d, c->s, c->e, azNot) && !ig_in_quote(d, c->s, c->i)) return true;
    }
  }
  return false;
}

/* Present, unsurely (0.6): the party said to chair the organization now
** ("Kyrgyzstan holds the organization's rotating presidency this year", "a
** country chairing the CIS this year", «в год председательства в СНГ»)
** where the session is held in it (its host and chair: it takes part),
** when no clause said otherwise. zPlace: the session's place or NULL. */
void ig_attend_chair(const Doc *d, const char *zPlace, Attendance *a) {
  for (ChairWord c = {0}; chair_word_next(d, &c);) {
    /* the party nearest the word in its sentence */
    const Mention *pBest = 0;
    size_t best = SIZE_MAX;
    for (int j = ig_mention_from(d, c.s); j < d->nM && d->aM[j].i < c.e; j++) {
      const Mention *pM = &d->aM[j];
      if (pM->p->kind != GZ_PARTY || pM->p->type == GZ_CAPITAL) continue;
      size_t dist = pM->e <= c.i ? c.i - pM->e : pM->i - c.i;
      if (dist < best) {
        best = dist;
        pBest = pM;
      }
    }
    if (!pBest || best > 80) continue;
    const char *zParty = pBest->p->zKey;
    if (json_object_get(a->pClause, zParty) || json_object_get(a->pPresent, zParty) ||
        json_object_get(a->pAbsent, zParty) || !hosts_session(d, zParty, zPlace))
      continue;
    json_t *pC = json_object();
    json_object_set_new(pC, "status", json_string("present"));
    json_object_set_new(
        pC, "text",
        ig_span(d, pBest->i < c.i ? pBest->i : c.i, pBest->e > c.i + c.n ? pBest->e : c.i + c.n));
    json_object_set_new(pC, "confidence", json_real(0.6));
    json_object_set_new(a->pClause, zParty, pC);
  }
}

/* The party the registry records as chairing zOrg in year y, or NULL. */
static const char *registry_chair(const Doc *d, const char *zOrg, int y) {
  for (size_t c = 0; zOrg && c < json_array_size(d->g->pChairs); c++) {
    const json_t *pC = json_array_get(d->g->pChairs, c);
    if (strcmp(dflt(str(pC, "organization"), ""), zOrg) != 0) continue;
    const json_t *aR = json_object_get(pC, "recorded");
    for (size_t r = 0; r < json_array_size(aR); r++)
      if (json_integer_value(json_object_get(json_array_get(aR, r), "year")) == y)
        return str(json_array_get(aR, r), "party");
  }
  return 0;
}

/* Does the text say, outside a quotation and of no other party, that a
** country chairs now ("which Turkmenistan held as a country chairing the CIS
** this year", the country's name misspelt)? zParty: the registry's chair. */
static bool chair_said(const Doc *d, const char *zParty) {
  for (ChairWord c = {0}; chair_word_next(d, &c);) {
    bool bOther = false;
    for (int j = ig_mention_from(d, c.s); j < d->nM && d->aM[j].i < c.e && !bOther; j++) {
      const Mention *pM = &d->aM[j];
      size_t dist = pM->e <= c.i ? c.i - pM->e : pM->i - c.i;
      bOther = pM->p->kind == GZ_PARTY && pM->p->type != GZ_CAPITAL && dist <= 80 &&
               strcmp(pM->p->zKey, zParty) != 0;
    }
    if (!bOther) return true;
  }
  return false;
}

void ig_attend_host_chair(const Doc *d, const char *zPlace, Attendance *a) {
  if (!zPlace || !a->zDate || !a->zOrg) return;
  const char *zParty = registry_chair(d, a->zOrg, atoi(a->zDate));
  if (!zParty || json_object_get(a->pClause, zParty) || json_object_get(a->pPresent, zParty) ||
      json_object_get(a->pAbsent, zParty) || !chair_said(d, zParty))
    return;
  /* the session's place is the chair's capital or one of its cities */
  for (int j = 0; j < d->g->n; j++) {
    const GzEntry *pE = &d->g->a[j];
    if (!pE->zPlace || strcmp(pE->zPlace, zPlace) != 0 || strcmp(pE->zKey, zParty) != 0 ||
        (pE->type != GZ_CAPITAL && pE->kind != GZ_CITY))
      continue;
    /* the evidence: the place where the text names it */
    for (int k = 0; k < d->nM; k++) {
      if (d->aM[k].p != pE) continue;
      json_t *pC = json_object();
      json_object_set_new(pC, "status", json_string("present"));
      json_object_set_new(pC, "text", ig_span(d, d->aM[k].i, d->aM[k].e));
      json_object_set_new(pC, "confidence", json_real(0.6));
      ig_note(pC, N_("the registry's chair of the organization in the session's year, hosting it"));
      json_object_set_new(a->pClause, zParty, pC);
      return;
    }
  }
}

/* "with the participation of Presidents A B of Belarus, C D of Kazakhstan":
** in a sentence saying who took part, "NAME of COUNTRY" is present. */
void ig_attend_named(const Doc *d, Attendance *a) {
  for (int k = 0; k < d->nM; k++) {
    const Mention *pM = &d->aM[k];
    if (pM->p->kind != GZ_PARTY || pM->i < 8 || memcmp(d->z + pM->i - 4, " of ", 4) != 0 ||
        !ig_upper_at(d, ig_word_start(d, pM->i - 4)) || json_object_get(a->pPresent, pM->p->zKey) ||
        !took_part_sentence(d, pM->i))
      continue;
    size_t iName = ig_word_start(d, pM->i - 4);
    if (iName > 1 && d->z[iName - 1] == ' ' && ig_upper_at(d, ig_word_start(d, iName - 1)))
      iName = ig_word_start(d, iName - 1);
    json_object_set_new(a->pPresent, pM->p->zKey, ig_span(d, iName, pM->e));
    /* "the heads of the Defense Ministries of Kyrgyzstan": an institution,
    ** not a person's name */
    static const char *const azInst[] = {
        "ministr",  "council",  "committee", "government", "service", "forces",  "staff",
        "office",   "delegat",  "defen",     "foreign",    "affairs", "securit", "republic",
        "presiden", "minister", "head",      "leader",     0};
    if (ig_has_any(d, iName, pM->i - 4, azInst)) continue;
    if (!json_object_get(a->pNamed, pM->p->zKey))
      json_object_set_new(a->pNamed, pM->p->zKey, json_stringn(d->z + iName, pM->i - 4 - iName));
  }
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void add_attend(json_t *aAtt, const char *zParty, const char *zStatus, const char *zBy,
                       const char *zRole, bool bRoleAlone) {
  json_t *p = json_object();
  json_object_set_new(p, "party", json_string(zParty));
  json_object_set_new(p, "status", json_string(zStatus));
  if (zBy) json_object_set_new(p, "by", json_string(zBy));
  if ((zBy || bRoleAlone) && zRole) json_object_set_new(p, "role", json_string(zRole));
  json_array_append_new(aAtt, p);
}

/* Is zParty a member of zOrg on zDate (any time, without a date)? 1 a
** member (of any kind but an observer), 0 not, 2 an observer; -1 when the
** registry holds no membership of zOrg at all (nothing can be said). */
static int member_of(const Gazetteer *g, const char *zOrg, const char *zParty, const char *zDate) {
  if (!zOrg || !*zOrg) return -1;
  int r = -1;
  const char *zFirst = 0; /* the day the organization's first member joined */
  for (size_t k = 0; k < json_array_size(g->pMembers); k++) {
    const json_t *m = json_array_get(g->pMembers, k);
    if (strcmp(dflt(str(m, "organization"), ""), zOrg) != 0) continue;
    if (r < 0) r = 0;
    const char *zFrom = str(m, "from"), *zTo = str(m, "to");
    if (zFrom && strcmp(dflt(str(m, "kind"), ""), "observer") != 0 &&
        (!zFirst || strcmp(zFrom, zFirst) < 0))
      zFirst = zFrom;
    if (strcmp(dflt(str(m, "party"), ""), zParty) != 0) continue;
    if (zDate && ((zFrom && strcmp(zFrom, zDate) > 0) || (zTo && strcmp(zTo, zDate) < 0))) continue;
    if (strcmp(dflt(str(m, "kind"), ""), "observer") == 0) {
      if (r < 1) r = 2;
    } else {
      r = 1;
    }
  }
  /* a session before the organization had members (the Supreme Eurasian
  ** Economic Council of 29 May 2014, before the EAEU's treaty came into
  ** force): the memberships say nothing of it */
  if (zDate && zFirst && strcmp(zDate, zFirst) < 0) return -1;
  return r;
}

/* The first full name (a first name and the surname, in the nominative)
** of a person the registry records for zParty, in the text; *pbGen: after
** words that put it in the genitive («с участием президентов России и
** Белоруссии Владимира Путина и Александра Лукашенко»). */
static bool person_name(const Doc *d, const char *zParty, const char *zLevel, char *zOut,
                        size_t nOut, bool *pbGen) {
  /* a president named at a council of lower rank («Перед встречей делегации
  ** поприветствовал президент Армении NAME» at the heads of government)
  ** greets it as the host: not his party's delegate */
  static const char *const azPres[] = {"президент", "president", 0};
  bool bLower = zLevel && *zLevel && strcmp(zLevel, "heads_of_state") != 0;

  for (int k = 0; k < d->nP; k++) {
    const Mention *m = &d->aP[k];
    if (strcmp(m->p->zKey, zParty) != 0 || d->aPGen[k] || m->i < 2 || d->z[m->i - 1] != ' ')
      continue;
    size_t w = ig_word_start(d, m->i - 1);
    if (w >= m->i - 1 || !ig_upper_at(d, w) || m->e - w >= nOut) continue;
    if (bLower && ig_has_any(d, w > 40 ? w - 40 : 0, w, azPres)) continue;
    /* the surname as written, not a case of it («Путина») */
    char zKey[32];
    if (!gz_name_key(d->z + m->i, m->e - m->i, zKey, sizeof(zKey)) || strcmp(zKey, m->p->zPat) != 0)
      continue;
    memcpy(zOut, d->z + w, m->e - w);
    zOut[m->e - w] = 0;
    *pbGen = ig_genitive_before(d, w);
    return true;
  }
  return false;
}

/* Is a party, where the memberships say nothing of the session, named as
** an observer: a word of observers shortly before its name in the same
** sentence («Позже к ним присоединятся главы государств-наблюдателей —
** президент Кыргызстана NAME и президент Армении NAME», "the observer
** states, Moldova and Uzbekistan")? */
static bool observer_said(const Doc *d, const char *zParty) {
  static const char *const azObs[] = {"наблюдател", "observer", 0};
  for (int k = 0; k < d->nM; k++) {
    const Mention *m = &d->aM[k];
    if (m->p->kind != GZ_PARTY || m->p->type == GZ_CAPITAL || strcmp(m->p->zKey, zParty) != 0)
      continue;
    size_t s = ig_sent_start(d, m->i), b = m->i > s + 200 ? m->i - 200 : s;
    if (ig_has_any(d, b, m->i, azObs)) return true;
  }
  return false;
}

/* Is a party said to take part as a guest: "as a guest" within its
** sentence, after its name and at most 120 bytes on? */
static bool guest_said(const Doc *d, const char *zParty) {
  static const char *const azGuest[] = {"as a guest", "в качестве гост", 0};
  for (int k = 0; k < d->nM; k++) {
    const Mention *m = &d->aM[k];
    if (m->p->kind != GZ_PARTY || strcmp(m->p->zKey, zParty) != 0) continue;
    size_t se = ig_sent_end(d, m->i), b = m->e + 120 < se ? m->e + 120 : se;
    if (b > m->e && ig_has_any(d, m->e, b, azGuest)) return true;
  }
  return false;
}

json_t *ig_attend_record(Doc *d, const Attendance *a) {
  /* Every party with its status: read clause by clause if it was, else by
  ** the rules (absent over present); one taking part that is not a member
  ** is an observer. */
  static const char *const azStatus[] = {"present", "represented", "absent", "observer"};
  json_t *pAll = json_object(); /* party -> status index */
  const char *zCode;
  json_t *pVal;
  json_object_foreach(a->pPresent, zCode, pVal) json_object_set_new(pAll, zCode, json_integer(0));
  json_object_foreach(a->pAbsent, zCode, pVal) json_object_set_new(pAll, zCode, json_integer(2));
  json_object_foreach(a->pClause, zCode, pVal) {
    const char *zSt = str(pVal, "status");
    int st = strcmp(zSt, "present") == 0 ? 0 : strcmp(zSt, "represented") == 0 ? 1 : 2;
    json_object_set_new(pAll, zCode, json_integer(st));
  }
  json_object_foreach(pAll, zCode, pVal) {
    int mk = json_integer_value(pVal) == 2 ? 1 : member_of(d->g, a->zOrg, zCode, a->zDate);
    if (mk < 0 && json_integer_value(pVal) == 0 && a->zOrg && observer_said(d, zCode)) mk = 2;
    /* "attended the session as a guest member", «в качестве гостя»: a
    ** guest takes part as no member does, whatever the memberships say */
    if (json_integer_value(pVal) == 0 && guest_said(d, zCode)) mk = 2;
    if (mk == 0 || mk == 2) json_integer_set(pVal, 3);
  }
  json_t *aAtt = json_array();
  static const int aPass[] = {0, 1, 3, 2};
  for (int x = 0; x < 4; x++) {
    int pass = aPass[x];
    const char *az[64];
    int nA = 0;
    json_object_foreach(pAll, zCode, pVal) {
      if (nA < 64 && json_integer_value(pVal) == pass) az[nA++] = zCode;
    }
    if (nA) qsort(az, (size_t)nA, sizeof(az[0]), cmp_str);
    for (int k = 0; k < nA; k++) {
      const json_t *pC = json_object_get(a->pClause, az[k]);
      const Speaker *s = 0;
      json_t *pIdx = json_object_get(a->pBy, az[k]);
      bool bTakes = pass == 0 || pass == 3; /* present or observer */
      if (bTakes && pIdx) s = &d->aS[json_integer_value(pIdx)];
      const char *zBy = pC ? str(pC, "by") : 0, *zRole = pC ? str(pC, "role") : 0;
      /* a speaker whose role does not fit the body ("Belarusian Foreign
      ** Minister NAME" at a summit) is not the party's representative when
      ** the clause names one ("hosted by Belarusian leader NAME") */
      if (s && zBy && !role_fits(s->zRole, a->zLevel)) s = 0;
      if (bTakes && (!zBy || s)) {
        zBy = s ? s->zName : str(a->pNamed, az[k]);
        zRole = s ? s->zRole : 0;
      }
      /* one represented takes the name set off with its role ("NAME,
      ** Azerbaijan's Deputy Foreign Minister, attended") when the clause
      ** found none */
      if (pass == 1 && !zBy) zBy = str(a->pNamed, az[k]);
      if (pass == 2) zBy = zRole = 0;
      /* "лидеры Узбекистана и Туркменистана Шавкат Мирзиёев и Сердар
      ** Бердымухамедов": a party present without a name found with it
      ** takes the full name of the first person the registry records
      ** for it that the text names */
      char zPerson[96];
      bool bGen = false;
      if (bTakes && !zBy && person_name(d, az[k], a->zLevel, zPerson, sizeof(zPerson), &bGen)) {
        if (bGen) {
          json_t *pNom = ig_name_nominative(zPerson, strlen(zPerson), RU_GENITIVE);
          snprintf(zPerson, sizeof(zPerson), "%s", json_string_value(pNom));
          json_decref(pNom);
        }
        zBy = zPerson;
      }
      add_attend(aAtt, az[k], azStatus[pass], zBy, zRole, pass == 1);
      char zField[48];
      snprintf(zField, sizeof(zField), "attendance.%s", az[k]);
      json_t *pE = json_object();
      json_t *pSet = pass == 2 ? a->pAbsent : a->pPresent;
      json_object_set(pE, "text", pC ? json_object_get(pC, "text") : json_object_get(pSet, az[k]));
      json_object_set_new(pE, "confidence",
                          json_real(pC          ? json_real_value(json_object_get(pC, "confidence"))
                                    : pass == 2 ? 0.8
                                                : 0.7));
      json_object_set_new(pE, "inferred", json_false());
      json_object_set_new(pE, "status", json_string(azStatus[pass]));
      if (pass == 3) {
        if (guest_said(d, az[k]))
          ig_note(pE, N_("said to take part as a guest: an observer"));
        else if (a->zDate)
          ig_note_a(pE, N_("not a member of {0} on {1} in the registry: an observer"),
                    (const char *const[]){a->zOrg, a->zDate, 0});
        else
          ig_note_a(pE, N_("not a member of {0} in the registry: an observer"),
                    (const char *const[]){a->zOrg, 0});
      }
      json_object_set_new(d->pEv, zField, pE);
    }
  }
  json_decref(pAll);
  return aAtt;
}

/* ---- Quotes ------------------------------------------------------------- */

/* The release's main speaker, who says what no name is put to ("the head
** of state said"): the one whose surname the text names most often (the
** first on a tie), not a speaker of an absent party. */
const char *ig_main_speaker(const Doc *d, const json_t *aAttendance) {
  const char *zMain = 0;
  int nMain = 0;
  surnames_scan(d, 0, d->n);
  for (int k = 0; k < d->nS; k++) {
    const Speaker *sp = &d->aS[k];
    bool bAbsent = false;
    for (size_t j = 0; sp->zParty && j < json_array_size(aAttendance); j++) {
      const json_t *pA = json_array_get(aAttendance, j);
      bAbsent |=
          strcmp(str(pA, "party"), sp->zParty) == 0 && strcmp(str(pA, "status"), "absent") == 0;
    }
    int u = d->pSur->aOfSpeaker[k], n = u < 0 ? 0 : d->pSur->aCount[u];
    if (!bAbsent && n > nMain) {
      zMain = sp->zName;
      nMain = n;
    }
  }
  return zMain;
}

bool ig_quote_at(const Doc *d, QuoteScan *pScan, size_t i, size_t *pnOpen, size_t *pj,
                 size_t *pnClose) {
  size_t nOpen = 0;
  const char *zClose = 0;
  int kind = 0;
  if (memcmp(d->z + i, "“", 3) == 0) {
    nOpen = 3;
    zClose = "”";
  } else if (memcmp(d->z + i, "«", 2) == 0) {
    nOpen = 2;
    zClose = "»";
    kind = 1;
  } else if (d->z[i] == '"' && (i == 0 || !gz_letter_before(d->z, i))) {
    nOpen = 1;
    zClose = "\"";
    kind = 2;
  }
  if (!nOpen) return false;
  size_t j = i + nOpen, nClose = strlen(zClose);
  /* The search stops at the first closing mark, line break or the end,
  ** whatever it started from: one that starts inside the stretch the last
  ** search read stops where it did (an unclosed mark on a long line is
  ** read once, not once for every opening mark on it). */
  if (pScan->abSet[kind] && pScan->aFrom[kind] <= j && j <= pScan->aStop[kind]) {
    j = pScan->aStop[kind];
  } else {
    pScan->aFrom[kind] = j;
    while (j + nClose <= d->n && memcmp(d->z + j, zClose, nClose) != 0 && d->z[j] != '\n') j++;
    pScan->aStop[kind] = j;
    pScan->abSet[kind] = true;
  }
  if (j + nClose > d->n || d->z[j] == '\n') return false;
  *pnOpen = nOpen;
  *pj = j;
  *pnClose = nClose;
  return true;
}

/* Speaker: a name after the quote in its sentence ("...," Mirziyoyev
** said); else a role there ("the head of state said"): the main speaker;
** else the nearest name in the 300 bytes before the quote ("Lebedev said
** during the summit. ... “...,” he said."); else the main speaker. Only the
** first is not inferred. */
const char *ig_quote_speaker(const Doc *d, size_t i, size_t a, const char *zMain, double *pConf,
                             bool *pbNamed) {
  static const char *const azRoleWord[] = {
      "head of state",     "president", "leader", "prime minister",
      "глава государства", "президент", "лидер",  0};
  const Surnames *pSur = d->pSur;
  const char *zWho = 0;
  double conf = 0.4;
  size_t b = ig_sent_end(d, a);
  /* The first speaker whose surname is in [a, b): surnames are numbered in
  ** the order of their first speakers. */
  surnames_scan(d, a, b);
  for (int u = 0; u < pSur->nSur && !zWho; u++)
    if (pSur->aFirstAt[u] != SIZE_MAX) zWho = d->aS[pSur->aFirst[u]].zName;
  bool bNamed = zWho != 0;
  if (!zWho && ig_has_any(d, a, b, azRoleWord)) {
    zWho = zMain;
    conf = 0.6;
  }
  /* A quote inside a sentence that names people before it ("Lukashenko
  ** thanked President Mirziyoyev for ..., “I suggest ...”") is its
  ** subject's, the first named; else the nearest name before. */
  size_t iSent = ig_sent_start(d, i);
  bool bInSentence = false;
  for (int k = 0; k < d->nS && !zWho && !bInSentence; k++)
    bInSentence = d->aS[k].i >= iSent && d->aS[k].i < i;
  if (!zWho) {
    size_t s0 = bInSentence ? iSent : i > 300 ? i - 300 : 0, iBest = 0;
    /* Each surname's last mention before the quote; of two speakers with
    ** one surname, the first (the later one's mention is no nearer). */
    surnames_scan(d, s0, i);
    for (int u = 0; u < pSur->nSur; u++) {
      size_t q = pSur->aLastAt[u];
      if (q == SIZE_MAX) continue;
      if (!zWho || (bInSentence ? q < iBest : q > iBest)) {
        zWho = d->aS[pSur->aFirst[u]].zName;
        iBest = q;
      }
    }
    if (zWho) conf = 0.6;
  }
  if (!zWho) zWho = zMain;
  if (!zWho) conf = 0.3;
  if (bNamed) conf = 0.8;
  *pConf = conf;
  *pbNamed = bNamed;
  return zWho;
}
