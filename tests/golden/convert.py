#!/usr/bin/env python3
"""Converters from the real data sets in <repo>/tests/data to pacta's
interchange format (design.md section 4).

Python 3 standard library only. Every converter returns a tuple
(doc, expected): `doc` is the interchange object to load, `expected` holds the
official answers read from the same source files (never from pacta), which
the test scripts compare with pacta's output.

Sources (see tests/data/README.md for licences, attribution and how the
files were trimmed from the full data sets):
  countrygroups/unfccc-2017-07-05-with-entry-into-force.csv, countrygroups/unfccc.csv
  doha-amendment-entry-into-force/doha-amendment.csv
  kigali-amendment-entry-into-force/kigali-amendment.csv
  cis-depositary-samples/dtkt-997_747-page5.txt
  treaty-depth-ATOP/atop-member-level.csv
  manytreaties/iea-memb-isodates.csv, manytreaties/treaties.csv

Run directly to convert everything into a directory and validate it:
  python3 tests/golden/convert.py OUTDIR
"""

import csv
import datetime
import json
import os
import re
import sys

# ---------------------------------------------------------------- paths


def repo_dir():
    """The repository root: this file is <repo>/tests/golden/convert.py."""
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def data_dir():
    """$PACTA_TEST_DATA (e.g. a full copy of the shared data, laid out the
    same way), else <repo>/tests/data."""
    env = os.environ.get("PACTA_TEST_DATA")
    if env:
        return os.path.abspath(env)
    return os.path.join(repo_dir(), "tests", "data")


def data_path(*parts):
    p = os.path.join(data_dir(), *parts)
    if not os.path.exists(p):
        raise SystemExit("convert: data file not found: %s" % p)
    return p


def data_ref(parts):
    """A source ref for a data file, as it is in the repository."""
    return "tests/data/" + "/".join(parts)


def read_csv(*parts):
    with open(data_path(*parts), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# ---------------------------------------------------------------- dates

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(s):
    if not isinstance(s, str) or not DATE_RE.match(s):
        raise ValueError("not a YYYY-MM-DD date: %r" % (s,))
    return datetime.date.fromisoformat(s)


def add_days(s, n):
    return (parse_date(s) + datetime.timedelta(days=n)).isoformat()


def ymd(y, m, d):
    return datetime.date(int(y), int(m), int(d)).isoformat()


# ---------------------------------------------------------------- helpers


def source(title, ref):
    return {"title": title, "ref": ref}


def state(code, name_en, name_ru=None):
    name = {"en": name_en}
    if name_ru:
        name["ru"] = name_ru
    return {"code": code, "kind": "state", "name": name}


def organization_party(code, name_en):
    return {"code": code, "kind": "organization", "name": {"en": name_en}}


# Parties that are organizations (regional economic integration organizations).
ORG_PARTIES = {"EUU": "European Union"}

# ====================================================================
# UNFCCC
# ====================================================================

UNFCCC_CSV = ("countrygroups", "unfccc-2017-07-05-with-entry-into-force.csv")
UNFCCC_NAMES_CSV = ("countrygroups", "unfccc.csv")
UNFCCC_REF = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVII-7&chapter=27"


def unfccc():
    rows = read_csv(*UNFCCC_CSV)
    # The entry-into-force file has two wrong names (EUU "Peru", HND "India");
    # the dates in those rows are the right ones. Names come from the
    # companion file of the same project, keyed by code.
    names = {r["Code"]: r["Name"] for r in read_csv(*UNFCCC_NAMES_CSV)}
    notes = []
    parties, actions, expected = [], [], {}
    for r in rows:
        code = r["Code"]
        name = names.get(code, r["Participant"])
        if name != r["Participant"] and code in ("EUU", "HND"):
            notes.append("source name error: %s is named %r in %s; using %r from %s"
                         % (code, r["Participant"], UNFCCC_CSV[1], name, UNFCCC_NAMES_CSV[1]))
        if code in ORG_PARTIES:
            parties.append(organization_party(code, name))
        else:
            parties.append(state(code, name))
        if r["Signature"]:
            actions.append({"document": "unfccc", "party": code, "type": "signature",
                            "date": r["Signature"]})
        consent = r["Ratification-Acceptance-Accession-Approval-Succession"]
        kind = r["Kind"].strip().lower()
        actions.append({"document": "unfccc", "party": code, "type": kind, "date": consent})
        expected[code] = {"signature": r["Signature"] or None, "consent": consent,
                          "kind": kind, "entry_into_force": r["Entry-Into-Force"]}
    doc = {
        "pacta": 1,
        "parties": parties,
        "organizations": [{
            "id": "un", "name": {"en": "United Nations (depositary)"},
            "depositary": "Secretary-General of the United Nations",
            "sources": [source("United Nations Treaty Collection, chapter XXVII-7", UNFCCC_REF)]}],
        "documents": [{
            "id": "unfccc", "organization": "un", "type": "convention",
            "title": {"en": "United Nations Framework Convention on Climate Change"},
            "adopted": {"date": "1992-05-09", "place": "New York"},
            # Art. 23: ninetieth day after the fiftieth instrument; for later
            # parties the ninetieth day after their own instrument; an
            # organization's instrument is not additional to its member states'.
            "entry_into_force": {"rule": "threshold", "conditions": [{"count": 50}],
                                 "delay": {"days": 90}, "later_delay": {"days": 90}},
            "sources": [
                source("openclimatedata/countrygroups: UNFCCC signature, ratification and entry "
                       "into force (scraped from the UN Treaty Collection, 2017-07-05), CC0",
                       data_ref(UNFCCC_CSV)),
                source("United Nations Treaty Collection, chapter XXVII-7", UNFCCC_REF)]}],
        "actions": actions,
    }
    exp = {"document": "unfccc", "general": "1994-03-21", "as_of": "2017-07-05",
           "parties": expected, "notes": notes}
    return doc, exp


# ====================================================================
# Doha amendment to the Kyoto Protocol
# ====================================================================

DOHA_CSV = ("doha-amendment-entry-into-force", "doha-amendment.csv")
DOHA_REF = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVII-7-c&chapter=27"


def doha():
    rows = read_csv(*DOHA_CSV)
    parties, actions, consent = [], [], {}
    for r in rows:
        code = r["Code"]
        parties.append(organization_party(code, r["Name"]) if code in ORG_PARTIES
                       else state(code, r["Name"]))
        actions.append({"document": "kp-doha", "party": code, "type": "acceptance",
                        "date": r["Acceptance"]})
        consent[code] = r["Acceptance"]
    doc = {
        "pacta": 1,
        "parties": parties,
        "organizations": [{
            "id": "un", "name": {"en": "United Nations (depositary)"},
            "depositary": "Secretary-General of the United Nations",
            "sources": [source("United Nations Treaty Collection, chapter XXVII-7-c", DOHA_REF)]}],
        "documents": [{
            "id": "kp-doha", "organization": "un", "type": "protocol",
            "title": {"en": "Doha Amendment to the Kyoto Protocol"},
            "adopted": {"date": "2012-12-08", "place": "Doha"},
            # Kyoto Protocol arts. 20(4) and 21(7): ninetieth day after the
            # acceptances of three fourths of the Parties (144); the EU's
            # instrument is not additional to its member states'.
            "entry_into_force": {"rule": "threshold", "conditions": [{"count": 144}],
                                 "delay": {"days": 90}, "later_delay": {"days": 90}},
            "sources": [
                source("openclimatedata/doha-amendment-entry-into-force: Ratification Status of the "
                       "Doha Amendment to the Kyoto Protocol (facts from the UN Treaty Collection)",
                       data_ref(DOHA_CSV)),
                source("United Nations Treaty Collection, chapter XXVII-7-c", DOHA_REF),
                source("Status of the Doha Amendment (UNFCCC)",
                       "http://unfccc.int/kyoto_protocol/doha_amendment/items/7362.php")]}],
        "actions": actions,
    }
    exp = {"document": "kp-doha", "general": "2020-12-31",
           "general_if_eu_counted": "2020-12-30", "count": 144, "delay_days": 90,
           "consent": consent}
    return doc, exp


# ====================================================================
# Kigali amendment to the Montreal Protocol
# ====================================================================

KIGALI_CSV = ("kigali-amendment-entry-into-force", "kigali-amendment.csv")
KIGALI_REF = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVII-2-f&chapter=27"
KIGALI_TYPES = {"Ratification": "ratification", "Acceptance": "acceptance",
                "Approval": "approval",
                "Provisional application under Article V": "provisional_application"}


def kigali():
    rows = read_csv(*KIGALI_CSV)
    parties, actions, facts = [], [], {}
    for r in rows:
        code = r["Code"]
        parties.append(organization_party(code, r["Name"]) if code in ORG_PARTIES
                       else state(code, r["Name"]))
        t = KIGALI_TYPES[r["Participation Type"]]
        a = {"document": "mp-kigali", "party": code, "type": t, "date": r["Date"]}
        if t == "provisional_application":
            a["note"] = r["Participation Type"]
        actions.append(a)
        facts[code] = {"type": t, "date": r["Date"]}
    doc = {
        "pacta": 1,
        "parties": parties,
        "organizations": [{
            "id": "un", "name": {"en": "United Nations (depositary)"},
            "depositary": "Secretary-General of the United Nations",
            "sources": [source("United Nations Treaty Collection, chapter XXVII-2-f", KIGALI_REF)]}],
        "documents": [{
            "id": "mp-kigali", "organization": "un", "type": "protocol",
            "title": {"en": "Amendment to the Montreal Protocol on Substances that Deplete the "
                            "Ozone Layer (Kigali Amendment)"},
            "adopted": {"date": "2016-10-15", "place": "Kigali"},
            # Art. IV: 1 January 2019 provided at least twenty instruments, else
            # the ninetieth day after the twentieth; later parties the ninetieth
            # day after their own; a REIO's instrument is not additional.
            "entry_into_force": {"rule": "threshold", "conditions": [{"count": 20}],
                                 "delay": {"days": 90}, "later_delay": {"days": 90},
                                 "not_before": "2019-01-01"},
            "sources": [
                source("openclimatedata/kigali-amendment-entry-into-force: Ratification Status of "
                       "the Kigali Amendment (facts from the UN Treaty Collection)",
                       data_ref(KIGALI_CSV)),
                source("United Nations Treaty Collection, chapter XXVII-2-f", KIGALI_REF)]}],
        "actions": actions,
    }
    exp = {"document": "mp-kigali", "general": "2019-01-01", "not_before": "2019-01-01",
           "count": 20, "delay_days": 90, "facts": facts}
    return doc, exp


# ====================================================================
# CIS depositary record (Russian text)
# ====================================================================

CIS_TXT = ("cis-depositary-samples", "dtkt-997_747-page5.txt")
CIS_REF = "https://docs.dtkt.ua/doc/997_747?page=5"

# Official Russian short-form names as used in CIS depositary records.
CIS_STATES = {
    "Азербайджанская Республика": ("AZE", "Azerbaijan"),
    "Республика Армения": ("ARM", "Armenia"),
    "Республика Беларусь": ("BLR", "Belarus"),
    "Грузия": ("GEO", "Georgia"),
    "Республика Казахстан": ("KAZ", "Kazakhstan"),
    "Кыргызская Республика": ("KGZ", "Kyrgyzstan"),
    "Республика Молдова": ("MDA", "Moldova"),
    "Российская Федерация": ("RUS", "Russian Federation"),
    "Республика Таджикистан": ("TJK", "Tajikistan"),
    "Туркменистан": ("TKM", "Turkmenistan"),
    "Республика Узбекистан": ("UZB", "Uzbekistan"),
    "Украина": ("UKR", "Ukraine"),
}

# Genitive month names ("21 декабря 1998 года").
RU_MONTHS = {"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
             "июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11,
             "декабря": 12}

RU_DATE_RE = re.compile(r"(\d{1,2})\s+(" + "|".join(RU_MONTHS) + r")\s+(\d{4})\s+года")

# The transcription the brief gives; the parser must reproduce it exactly.
CIS_BRIEF_ACTIONS = [("BLR", "notification", "1997-03-17"), ("TJK", "notification", "1997-08-21"),
                     ("ARM", "notification", "1998-12-21"), ("KAZ", "notification", "1998-12-29"),
                     ("RUS", "notification", "2001-09-12"), ("KGZ", "notification", "2001-12-13"),
                     ("MDA", "notification", "2002-09-26"), ("UKR", "ratification", "1999-09-14")]


def ru_date(text):
    m = RU_DATE_RE.search(text)
    if not m:
        raise ValueError("no Russian date in %r" % text)
    return ymd(m.group(3), RU_MONTHS[m.group(2)], m.group(1))


def ru_state(name):
    name = name.strip()
    if name not in CIS_STATES:
        raise ValueError("unknown state name %r" % name)
    return CIS_STATES[name][0]


def parse_cis_record(text):
    """Parse the depositary status excerpt into signatories, instruments,
    the general entry-into-force date and the per-state dates."""
    signed, instruments, per_state, general = [], [], {}, None
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("подписали:"):
            signed = [ru_state(n) for n in line.split(":", 1)[1].split(",")]
            section = None
        elif line.startswith("сдали уведомления"):
            section = "notification"
        elif line.startswith("сдали ратификационные грамоты"):
            section = "ratification"
        elif line.startswith("Соглашение вступило в силу"):
            general = ru_date(line)
            section = None
        elif line.startswith("вступило в силу для государств"):
            section = "per_state"
        elif section and " - " in line and RU_DATE_RE.search(line):
            name, rest = line.split(" - ", 1)
            code, date = ru_state(name), ru_date(rest)
            if section == "per_state":
                per_state[code] = date
            else:
                instruments.append((code, section, date))
        elif line:
            section = None  # any other text ends a list
    return signed, instruments, general, per_state


def cis_record():
    with open(data_path(*CIS_TXT), encoding="utf-8") as f:
        text = f.read()
    signed, instruments, general, per_state = parse_cis_record(text)
    if sorted(instruments) != sorted(CIS_BRIEF_ACTIONS):
        raise SystemExit("convert: CIS record parse differs from the transcription: %r" % instruments)
    by_code = {c: (ru, en) for ru, (c, en) in CIS_STATES.items()}
    parties = [state(c, by_code[c][1], by_code[c][0]) for c in sorted(set(signed))]
    # The signature date is not in the excerpt, so signatures are not
    # recorded as actions (a guessed date would be a fabricated fact).
    actions = [{"document": "cis-997-747", "party": c, "type": t, "date": d}
               for (c, t, d) in instruments]
    doc = {
        "pacta": 1,
        "parties": parties,
        "organizations": [{
            "id": "cis", "name": {"en": "Commonwealth of Independent States",
                                  "ru": "Содружество Независимых Государств"},
            "founded": "1991-12-08", "depositary": "CIS Executive Committee",
            "sources": [source("Depositary status record, docs.dtkt.ua 997_747 (page 5)", CIS_REF)]}],
        "documents": [{
            "id": "cis-997-747", "organization": "cis", "type": "agreement",
            "title": {"en": "CIS agreement, Ukrainian legal database no. 997_747 "
                            "(title not in the excerpt)"},
            # CIS clause: in force from the third notification; for later
            # parties from the depositary's receipt of their own documents.
            "entry_into_force": {"rule": "threshold", "conditions": [{"count": 3}],
                                 "delay": {"days": 0}},
            "sources": [
                source("CIS depositary status record (Russian), excerpt",
                       data_ref(CIS_TXT)),
                source("docs.dtkt.ua, document 997_747, page 5", CIS_REF)]}],
        "actions": actions,
    }
    exp = {"document": "cis-997-747", "general": general, "per_state": per_state,
           "signed": signed, "instruments": instruments}
    return doc, exp


# ====================================================================
# ATOP: CIS Collective Security Treaty / CSTO (atopid 4220)
# ====================================================================

ATOP_CSV = ("treaty-depth-ATOP", "atop-member-level.csv")
ATOP_ID = "4220"  # the rows tests/data keeps (tests/data/trim.py)
# Correlates of War country codes -> ISO 3166-1 alpha-3.
COW_ISO = {"365": ("RUS", "Russian Federation"), "370": ("BLR", "Belarus"),
           "371": ("ARM", "Armenia"), "372": ("GEO", "Georgia"), "373": ("AZE", "Azerbaijan"),
           "702": ("TJK", "Tajikistan"), "703": ("KGZ", "Kyrgyzstan"),
           "704": ("UZB", "Uzbekistan"), "705": ("KAZ", "Kazakhstan")}


def atop_csto(atopid=ATOP_ID):
    rows = [r for r in read_csv(*ATOP_CSV) if r["atopid"] == atopid]
    if not rows:
        raise SystemExit("convert: no ATOP rows for atopid %s" % atopid)
    phase_begin = {}
    for r in rows:
        d = ymd(r["yrent"], r["moent"], r["dayent"])
        phase_begin[r["phase"]] = min(phase_begin.get(r["phase"], d), d)
    memberships, intervals, codes = [], [], set()
    for r in rows:
        code = COW_ISO[r["member"]][0]
        codes.add(code)
        frm = ymd(r["yrent"], r["moent"], r["dayent"])
        to = None if r["yrexit"] == "0" else ymd(r["yrexit"], r["moexit"], r["dayexit"])
        kind = "founding" if frm == phase_begin[r["phase"]] else "member"
        m = {"organization": "csto", "party": code, "kind": kind, "from": frm, "to": to,
             "note": "ATOP 4220 phase %s (COW %s)" % (r["phase"], r["member"])}
        memberships.append(m)
        intervals.append({"party": code, "kind": kind, "from": frm, "to": to,
                          "phase": r["phase"]})
    parties = [state(c, n) for (c, n) in sorted(COW_ISO.values()) if c in codes]
    doc = {
        "pacta": 1,
        "parties": parties,
        "organizations": [{
            "id": "csto",
            "name": {"en": "Collective Security Treaty Organization (Collective Security Treaty, "
                           "Tashkent 1992)",
                     "ru": "Организация Договора о коллективной безопасности"},
            "founded": phase_begin["1"],
            "sources": [source("ATOP v4 (Leeds et al.), alliance 4220, member level, via "
                               "joshuaalley/treaty-depth", data_ref(ATOP_CSV))]}],
        "memberships": memberships,
    }
    return doc, {"organization": "csto", "intervals": intervals}


# ====================================================================
# IEADB: Vienna Convention for the Protection of the Ozone Layer
# ====================================================================

IEADB_CSV = ("manytreaties", "iea-memb-isodates.csv")
IEADB_TREATIES_CSV = ("manytreaties", "treaties.csv")
IEADB_UNKNOWN = "2899-01-01"
IEADB_ID = "2982"  # the rows tests/data keeps (tests/data/trim.py)

# IEADB country names that are not spelled as in the openclimatedata files.
IEADB_NAME_FIX = {
    "Cape Verde": "CPV",
    "Congo, Democratic Republic of": "COD",
    "Congo, Republic of the": "COG",
    "Cote d'Ivoire": "CIV",
    "Korea, Democratic People's Republic": "PRK",
}


def name_to_code_table():
    """Country name -> ISO alpha-3, from the code+name files in tests/data."""
    table = {}
    for parts, col in [(UNFCCC_NAMES_CSV, "Name"), (UNFCCC_CSV, "Participant"),
                       (DOHA_CSV, "Name"), (KIGALI_CSV, "Name")]:
        for r in read_csv(*parts):
            if r["Code"] in ORG_PARTIES or (parts == UNFCCC_CSV and r["Code"] == "HND"):
                continue  # wrong names in that file (see unfccc())
            table.setdefault(r[col], r["Code"])
    table.update(IEADB_NAME_FIX)
    return table


def ieadb_treaty(mitch_id=IEADB_ID, doc_id="vienna-ozone"):
    rows = [r for r in read_csv(*IEADB_CSV) if r["mitch_id"] == mitch_id]
    if not rows:
        raise SystemExit("convert: no IEADB rows for %s" % mitch_id)
    treaty = [r for r in read_csv(*IEADB_TREATIES_CSV)
              if r["IEA# (click for add'l info)"] == mitch_id]
    general = treaty[0]["Date IEA entered into force"]
    table = name_to_code_table()
    parties, actions, per_party, skipped, seen = [], [], {}, [], set()
    for r in rows:
        code = table.get(r["country"])
        if code is None:
            raise SystemExit("convert: IEADB country %r has no ISO code" % r["country"])
        if code in seen:
            raise SystemExit("convert: two IEADB rows map to %s" % code)
        seen.add(code)
        def known(s):
            return s if s and s != IEADB_UNKNOWN else None
        csig, crat, ceif = known(r["csig"]), known(r["crat"]), known(r["ceif3"])
        if not crat:
            skipped.append((code, r["country"], ceif))
            continue
        parties.append(state(code, r["country"]))
        if csig:
            actions.append({"document": doc_id, "party": code, "type": "signature", "date": csig})
        actions.append({"document": doc_id, "party": code, "type": "ratification", "date": crat,
                        "note": "IEADB crat (consent; the kind of instrument is not recorded)"})
        per_party[code] = {"consent": crat, "entry_into_force": ceif}
    first = min(a["date"] for a in actions if a["type"] != "signature")
    doc = {
        "pacta": 1,
        "parties": parties,
        "organizations": [{
            "id": "unep", "name": {"en": "United Nations Environment Programme (Ozone Secretariat)"},
            "sources": [source("International Environmental Agreements Database (Mitchell et al. "
                               "2020), via globalgov/manytreaties, CC BY 4.0",
                               data_ref(IEADB_CSV))]}],
        "documents": [{
            "id": doc_id, "organization": "unep", "type": "convention",
            "title": {"en": treaty[0]["Treaty Name"]},
            "adopted": {"date": treaty[0]["Signature Date"], "place": "Vienna"},
            # The IEADB rows lack the 1986 instruments of the Byelorussian and
            # Ukrainian SSRs, so the real trigger (20th instrument) cannot be
            # recomputed from them. The general date is taken as given
            # (treaties.csv) through not_before, with a count of 1, so that
            # what is tested is each party's date max(general, consent + 90).
            "entry_into_force": {"rule": "threshold", "conditions": [{"count": 1}],
                                 "delay": {"days": 90}, "later_delay": {"days": 90},
                                 "not_before": general},
            "sources": [
                source("IEADB membership, agreement %s, via globalgov/manytreaties, CC BY 4.0"
                       % mitch_id, data_ref(IEADB_CSV)),
                source("IEADB agreement list (general entry into force)",
                       data_ref(IEADB_TREATIES_CSV))]}],
        "actions": actions,
    }
    # The treaty's own clause (art. 17: ninetieth day after the twentieth
    # instrument), applied to the same rows: used to show the data gap.
    clause = dict(doc["documents"][0], id=doc_id + "-clause", entry_into_force={
        "rule": "threshold", "conditions": [{"count": 20}], "delay": {"days": 90}})
    clause_doc = {"pacta": 1, "documents": [clause],
                  "actions": [dict(a, document=doc_id + "-clause") for a in actions]}
    exp = {"document": doc_id, "clause_document": doc_id + "-clause", "general": general,
           "first_consent": first, "per_party": per_party, "skipped": skipped}
    return doc, clause_doc, exp


# ====================================================================
# Validation (strict, independent of pacta)
# ====================================================================

CODE_RE = re.compile(r"^[A-Z]{3}$")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
ACTION_TYPES = {"signature", "definitive_signature", "ratification", "acceptance", "approval",
                "accession", "notification", "succession", "provisional_application",
                "reservation", "declaration", "special_opinion", "objection", "not_interested",
                "withdrawal"}
CONSENT_TYPES = {"definitive_signature", "ratification", "acceptance", "approval", "accession",
                 "notification", "succession"}
MEMBER_KINDS = {"founding", "member", "associate", "observer", "participant", "suspended"}
DOC_TYPES = {"charter", "treaty", "agreement", "convention", "protocol", "decision", "concept",
             "plan", "statement", "declaration", "other"}
KEYS = {
    None: {"pacta", "parties", "organizations", "memberships", "bodies", "chairmanships",
           "sessions", "documents", "actions", "commitments", "assessments"},
    "parties": {"code", "kind", "name", "sources"},
    "organizations": {"id", "name", "founded", "depositary", "sources"},
    "memberships": {"organization", "party", "kind", "from", "to", "note", "sources"},
    "documents": {"id", "organization", "body", "type", "title", "adopted", "supersedes",
                  "entry_into_force", "withdrawal", "weights", "sources"},
    "actions": {"document", "party", "type", "date", "text", "note", "effective",
                "subject_to_procedures"},
}
EIF_KEYS = {"rule", "conditions", "delay", "later_delay", "not_before", "date"}


def validate(doc, known_parties=(), known_docs=(), known_orgs=()):
    """Raise ValueError on anything that is not strictly valid interchange
    for the subset the converters produce. Returns a short summary."""
    errs = []

    def err(path, msg):
        errs.append("%s: %s" % (path, msg))

    def date(path, v, nullable=False):
        if v is None and nullable:
            return
        try:
            parse_date(v)
        except (ValueError, TypeError) as e:
            err(path, str(e))

    if doc.get("pacta") != 1:
        err("$.pacta", "must be 1")
    for k in doc:
        if k not in KEYS[None]:
            err("$." + k, "unknown key")
    for sect in ("parties", "organizations", "memberships", "documents", "actions"):
        for i, rec in enumerate(doc.get(sect, [])):
            for k in rec:
                if k not in KEYS[sect]:
                    err("$.%s[%d].%s" % (sect, i, k), "unknown key")
            for j, s in enumerate(rec.get("sources", [])):
                if set(s) != {"title", "ref"} or not all(isinstance(x, str) and x for x in s.values()):
                    err("$.%s[%d].sources[%d]" % (sect, i, j), "needs title and ref strings")
    parties = set(known_parties)
    for i, p in enumerate(doc.get("parties", [])):
        path = "$.parties[%d]" % i
        if not CODE_RE.match(p.get("code", "")):
            err(path + ".code", "not 3 upper-case letters: %r" % p.get("code"))
        if p.get("code") in parties:
            err(path + ".code", "duplicate %s" % p.get("code"))
        parties.add(p.get("code"))
        if p.get("kind") not in ("state", "organization"):
            err(path + ".kind", "bad kind %r" % p.get("kind"))
        if not isinstance(p.get("name"), dict) or not p["name"].get("en"):
            err(path + ".name", "needs name.en")
    orgs = set(known_orgs)
    for i, o in enumerate(doc.get("organizations", [])):
        path = "$.organizations[%d]" % i
        if not ID_RE.match(o.get("id", "")):
            err(path + ".id", "bad id %r" % o.get("id"))
        orgs.add(o.get("id"))
        if "founded" in o:
            date(path + ".founded", o["founded"])
    for i, m in enumerate(doc.get("memberships", [])):
        path = "$.memberships[%d]" % i
        if m.get("organization") not in orgs:
            err(path + ".organization", "unknown organization %r" % m.get("organization"))
        if m.get("party") not in parties:
            err(path + ".party", "unknown party %r" % m.get("party"))
        if m.get("kind") not in MEMBER_KINDS:
            err(path + ".kind", "bad kind %r" % m.get("kind"))
        date(path + ".from", m.get("from"))
        date(path + ".to", m.get("to"), nullable=True)
        if m.get("to") and m["to"] <= m.get("from", ""):
            err(path, "empty interval")
    docs = set(known_docs)
    for i, d in enumerate(doc.get("documents", [])):
        path = "$.documents[%d]" % i
        if not ID_RE.match(d.get("id", "")):
            err(path + ".id", "bad id %r" % d.get("id"))
        docs.add(d.get("id"))
        if d.get("organization") not in orgs:
            err(path + ".organization", "unknown organization %r" % d.get("organization"))
        if d.get("type") not in DOC_TYPES:
            err(path + ".type", "bad type %r" % d.get("type"))
        if "adopted" in d:
            date(path + ".adopted.date", d["adopted"].get("date"))
        e = d.get("entry_into_force", {})
        for k in e:
            if k not in EIF_KEYS:
                err(path + ".entry_into_force." + k, "unknown key")
        if e.get("rule") not in ("threshold", "on_signature", "fixed_date"):
            err(path + ".entry_into_force.rule", "bad rule %r" % e.get("rule"))
        if "not_before" in e:
            date(path + ".entry_into_force.not_before", e["not_before"])
    seen = set()
    for i, a in enumerate(doc.get("actions", [])):
        path = "$.actions[%d]" % i
        if a.get("document") not in docs:
            err(path + ".document", "unknown document %r" % a.get("document"))
        if a.get("party") not in parties:
            err(path + ".party", "party %r not in parties" % a.get("party"))
        if a.get("type") not in ACTION_TYPES:
            err(path + ".type", "bad type %r" % a.get("type"))
        date(path + ".date", a.get("date"))
        key = (a.get("document"), a.get("party"), a.get("type"), a.get("date"))
        if key in seen:
            err(path, "duplicate natural key %r" % (key,))
        seen.add(key)
    if errs:
        raise ValueError("invalid interchange:\n  " + "\n  ".join(errs[:50]))
    return {k: len(v) for k, v in doc.items() if isinstance(v, list)}


def write_json(doc, directory, name):
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return path


def main(argv):
    if len(argv) != 2:
        print("usage: convert.py OUTDIR", file=sys.stderr)
        return 2
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    for name, fn in [("unfccc", unfccc), ("doha", doha), ("kigali", kigali),
                     ("cis_record", cis_record), ("atop_csto", atop_csto)]:
        doc, exp = fn()
        summary = validate(doc)
        path = write_json(doc, out, name + ".json")
        print("%s: %s %s" % (path, summary, "; ".join(exp.get("notes", []))))
    doc, clause, exp = ieadb_treaty()
    print("%s: %s" % (write_json(doc, out, "ieadb_vienna.json"), validate(doc)))
    validate(clause, known_parties=[p["code"] for p in doc["parties"]], known_orgs=["unep"])
    print("%s: %s" % (write_json(clause, out, "ieadb_vienna_clause.json"), "clause variant"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
