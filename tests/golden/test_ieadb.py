#!/usr/bin/env python3
"""Golden test: IEADB per-party entry into force, Vienna Convention for the
Protection of the Ozone Layer (IEADB agreement 2982).

Source: International Environmental Agreements Database (Mitchell et al. 2020),
via globalgov/manytreaties, CC BY 4.0: iea-memb-isodates.csv (per-party
signature csig, consent crat, entry into force ceif3) and treaties.csv (general
entry into force 1988-09-22).

Loaded: the 186 parties with a consent date. Not loaded: the successor states
(entry-into-force date only) and the Byelorussian and Ukrainian SSRs (blank).
Because those two 1986 instruments are missing, the real trigger (art. 17:
the 20th instrument) cannot be recomputed from these rows; the general date
is taken as given (not_before, count 1) and what is checked is each party's
date: 186 of 186 must equal max(general, consent + 90) = the IEADB's ceif3.
A second document with the literal clause (20 instruments + 90 days) on the
same rows shows the data gap; its date is reported as a source discrepancy.

usage: test_ieadb.py PATH/TO/pacta
"""

import sys

import common
import convert


def body(binary, chk):
    doc, clause, exp = convert.ieadb_treaty()
    convert.validate(doc)
    convert.validate(clause, known_parties=[p["code"] for p in doc["parties"]],
                     known_orgs=["unep"])
    general, per_party = exp["general"], exp["per_party"]
    for code, name, ceif in exp["skipped"]:
        chk.info("not loaded: %s (%s), no consent date in the IEADB (ceif3 %s)" % (code, name, ceif))
    with common.Registry(binary) as reg:
        p1 = reg.write("ieadb_vienna.json", doc)
        p2 = reg.write("ieadb_vienna_clause.json", clause)
        r = reg.load(p1, p2)
        chk.check("load: loaded > 0", isinstance(r.get("loaded"), int) and r["loaded"] > 0, str(r))
        chk.eq("load again: nothing new (idempotent)", reg.load(p1, p2).get("loaded"), 0)

        # The data: every ceif3 is max(general, consent + 90).
        formula = sum(1 for p in per_party.values()
                      if p["entry_into_force"] == max(general, common.add_days(p["consent"], 90)))
        chk.eq("data: parties whose ceif3 = max(general, consent + 90)", formula, len(per_party))

        on = "2018-12-31"
        st = reg.status(exp["document"], on)
        rows = common.status_shape(chk, st, exp["document"], on)
        chk.eq("general entry into force (treaties.csv %s)" % general, st.get("entry_into_force"), general)
        chk.eq("parties listed", sorted(rows), sorted(per_party))
        matched = 0
        for code in sorted(per_party):
            want = per_party[code]["entry_into_force"]
            row = rows.get(code) or {}
            got = (row.get("status"), row.get("since"), row.get("entry_into_force"))
            if got == ("in_force", want, want):
                matched += 1
                print("ok    %s consent %s, in force %s" % (code, per_party[code]["consent"], want))
            else:
                print("FAIL  %s consent %s: pacta %s, IEADB ceif3 %s"
                      % (code, per_party[code]["consent"], got, want))
        print("per-party dates: %d of %d match the IEADB" % (matched, len(per_party)))
        chk.eq("per-party dates matching the IEADB", matched, len(per_party))

        # The literal clause on the incomplete rows.
        consents = sorted(p["consent"] for p in per_party.values())
        clause_date = common.add_days(consents[19], 90)
        st = reg.status(exp["clause_document"], on)
        got = st.get("entry_into_force")
        print("discrepancy: general computed %s with art. 17 (20 instruments + 90 days) on the IEADB "
              "rows, source %s; the rows lack the 1986 instruments of BLR and UKR" % (got, general))
        chk.eq("clause document: 20th instrument in the rows (%s) + 90 days" % consents[19],
               got, clause_date)


if __name__ == "__main__":
    sys.exit(common.main_wrapper("golden_ieadb", body))
