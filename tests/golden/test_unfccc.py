#!/usr/bin/env python3
"""Golden test: UNFCCC entry into force against the UN Treaty Collection dates.

Source: openclimatedata/countrygroups, unfccc-2017-07-05-with-entry-into-force.csv
(scraped from the UN Treaty Collection), CC0.
Rule (art. 23): ninetieth day after the fiftieth instrument; for later parties
the ninetieth day after their own. Official general date: 1994-03-21.
Expected: 194 of 197 per-party dates match; CAF, LBR and TZA differ by exactly
one year in the source and are reported as source discrepancies.

usage: test_unfccc.py PATH/TO/pacta
"""

import sys

import common
import convert

GENERAL = "1994-03-21"
KNOWN_DISCREPANCIES = {"CAF", "LBR", "TZA"}
TRIGGER = "1993-12-21"  # the 50th state instrument (checked against the data below)


def body(binary, chk):
    doc, exp = convert.unfccc()
    convert.validate(doc)
    for n in exp["notes"]:
        chk.info(n)
    src = exp["parties"]
    with common.Registry(binary) as reg:
        path = reg.write("unfccc.json", doc)
        r = reg.load(path)
        chk.check("load: loaded > 0", isinstance(r.get("loaded"), int) and r["loaded"] > 0, str(r))
        r2 = reg.load(path)
        chk.eq("load again: nothing new (idempotent)", r2.get("loaded"), 0)

        # The data's own general date: the earliest per-party date in the source.
        chk.eq("source: earliest per-party date is the official general date",
               min(p["entry_into_force"] for p in src.values()), GENERAL)
        states = sorted(p["consent"] for c, p in src.items() if c not in convert.ORG_PARTIES)
        chk.eq("source: the 50th state instrument", states[49], TRIGGER)

        on = exp["as_of"]
        st = reg.status("unfccc", on)
        rows = common.status_shape(chk, st, "unfccc", on)
        chk.eq("general entry into force (official %s)" % GENERAL, st.get("entry_into_force"), GENERAL)
        chk.eq("in force on %s" % on, st.get("in_force"), True)
        chk.eq("parties listed = the 197 parties of the source", sorted(rows), sorted(src))

        matched, discrepancies = 0, {}
        for code in sorted(src):
            row = rows.get(code)
            if row is None:
                continue
            want = src[code]["entry_into_force"]
            got = row.get("entry_into_force")
            chk.eq("%s status on %s" % (code, on), row.get("status"), "in_force")
            chk.eq("%s since = its entry into force" % code, row.get("since"), got)
            if got == want:
                matched += 1
                print("ok    %s entry into force %s" % (code, got))
            else:
                discrepancies[code] = (got, want)
                print("discrepancy: %s computed %s, source %s" % (code, got, want))
        print("per-party dates: %d of %d match the source" % (matched, len(src)))
        chk.eq("per-party dates matching the source", matched, len(src) - len(KNOWN_DISCREPANCIES))
        chk.eq("source discrepancies are exactly", sorted(discrepancies), sorted(KNOWN_DISCREPANCIES))
        for code, (got, want) in sorted(discrepancies.items()):
            one_year = (isinstance(got, str) and len(got) == 10 and got[4:] == want[4:]
                        and abs(int(got[:4]) - int(want[:4])) == 1)
            chk.check("%s: computed and source differ by exactly one year" % code, one_year,
                      "computed %s, source %s" % (got, want))
            # What the treaty's clause gives for a party after the trigger.
            chk.eq("%s: computed = its instrument + 90 days" % code, got,
                   convert.add_days(src[code]["consent"], 90))

        # The European Union: a party of kind organization.
        eu = rows.get("EUU")
        chk.check("EUU (organization) is listed", eu is not None)
        if eu:
            chk.eq("EUU status", eu.get("status"), "in_force")
            chk.eq("EUU entry into force (source %s)" % src["EUU"]["entry_into_force"],
                   eu.get("entry_into_force"), src["EUU"]["entry_into_force"])

        # Before the fiftieth state instrument (1993-12-21): not determinable.
        before_t = "1993-12-20"
        st = reg.status("unfccc", before_t)
        rows = common.status_shape(chk, st, "unfccc", before_t)
        n_states = sum(1 for c, p in src.items() if c != "EUU" and p["consent"] <= before_t)
        chk.info("state instruments on or before %s: %d (fewer than 50)" % (before_t, n_states))
        chk.eq("general date on %s (threshold not met)" % before_t, st.get("entry_into_force"), None)
        chk.eq("not in force on %s" % before_t, st.get("in_force"), False)
        check_pending(chk, rows, src, before_t, None)

        # The day before the general date: threshold met, not yet in force.
        eve = common.add_days(GENERAL, -1)
        st = reg.status("unfccc", eve)
        rows = common.status_shape(chk, st, "unfccc", eve)
        chk.eq("general date already determinable on %s" % eve, st.get("entry_into_force"), GENERAL)
        chk.eq("not in force on %s" % eve, st.get("in_force"), False)
        check_pending(chk, rows, src, eve, GENERAL)

        st = reg.status("unfccc", GENERAL)
        chk.eq("in force on %s" % GENERAL, st.get("in_force"), True)
        rows = {p.get("party"): p for p in st.get("parties", [])}
        n_in = sum(1 for p in rows.values() if p.get("status") == "in_force")
        n_want = sum(1 for p in src.values() if p["consent"] <= TRIGGER)
        chk.eq("parties in force on %s (instruments by 1993-12-21)" % GENERAL, n_in, n_want)


def check_pending(chk, rows, src, on, eif):
    """On a date before the general date: consented parties are `consented`
    since their instrument, signatories are `signed`, others are not listed."""
    want = {}
    for code, p in src.items():
        if p["consent"] <= on:
            own = None
            if eif is not None:  # the treaty's rule: later parties 90 days after their own
                own = eif if p["consent"] <= TRIGGER else max(eif, convert.add_days(p["consent"], 90))
            want[code] = ("consented", p["consent"], own)
        elif p["signature"] and p["signature"] <= on:
            want[code] = ("signed", p["signature"], None)
    got = {c: (r.get("status"), r.get("since"), r.get("entry_into_force")) for c, r in rows.items()}
    chk.eq("%s: parties listed (%d with an action by then)" % (on, len(want)), sorted(got), sorted(want))
    bad = ["%s pacta %s expected %s" % (c, got.get(c), want[c]) for c in sorted(want)
           if c in got and got[c] != want[c]]
    chk.check("%s: status, since and entry_into_force of every listed party" % on, not bad,
              "; ".join(bad[:10]) + (" ..." if len(bad) > 10 else ""))


if __name__ == "__main__":
    sys.exit(common.main_wrapper("golden_unfccc", body))
