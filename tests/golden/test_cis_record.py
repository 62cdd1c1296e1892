#!/usr/bin/env python3
"""Golden test: a real CIS depositary status record (Russian).

Source: cis-depositary-samples/dtkt-997_747-page5.txt (docs.dtkt.ua, document
997_747, page 5; public legal text). The notifications and the ratification
are parsed from the Russian text (state names and genitive month names), as
are the expected dates: "Соглашение вступило в силу 21 декабря 1998 года" and
the per-state list "вступило в силу для государств".
Rule: the CIS clause "in force from the third notification; for later parties
from the receipt of their own" = threshold, count 3, no delay.

usage: test_cis_record.py PATH/TO/pacta
"""

import sys

import common
import convert

DOC = "cis-997-747"


def body(binary, chk):
    doc, exp = convert.cis_record()
    convert.validate(doc)
    general, per_state = exp["general"], exp["per_state"]
    instruments = {c: d for (c, _t, d) in exp["instruments"]}
    chk.info("parsed: general %s; per state %s" % (general, per_state))
    chk.eq("record: the states with a date in force are those that deposited instruments",
           sorted(per_state), sorted(instruments))
    chk.info("signatories without an instrument (no signature date in the excerpt, not loaded): %s"
             % ", ".join(sorted(set(exp["signed"]) - set(instruments))))
    with common.Registry(binary) as reg:
        path = reg.write("cis_record.json", doc)
        r = reg.load(path)
        chk.check("load: loaded > 0", isinstance(r.get("loaded"), int) and r["loaded"] > 0, str(r))
        chk.eq("load again: nothing new (idempotent)", reg.load(path).get("loaded"), 0)

        on = max(instruments.values())
        st = reg.status(DOC, on)
        rows = common.status_shape(chk, st, DOC, on)
        chk.eq("general entry into force (record: %s)" % general, st.get("entry_into_force"), general)
        chk.eq("in force on %s" % on, st.get("in_force"), True)
        chk.eq("parties listed", sorted(rows), sorted(per_state))
        for code in sorted(per_state):
            row = rows.get(code) or {}
            chk.eq("%s in force from %s (record)" % (code, per_state[code]),
                   (row.get("status"), row.get("since"), row.get("entry_into_force")),
                   ("in_force", per_state[code], per_state[code]))

        # The day before the third notification: two notifications, nothing determinable.
        pre = common.add_days(general, -1)
        st = reg.status(DOC, pre)
        rows = common.status_shape(chk, st, DOC, pre)
        chk.eq("not in force on %s" % pre, st.get("in_force"), False)
        chk.eq("general date not determinable on %s" % pre, st.get("entry_into_force"), None)
        want = {c: ("consented", d, None) for c, d in instruments.items() if d <= pre}
        chk.eq("on %s: parties consented, entry into force unknown" % pre,
               {c: (r.get("status"), r.get("since"), r.get("entry_into_force"))
                for c, r in rows.items()}, want)

        # The day of the third notification.
        st = reg.status(DOC, general)
        rows = common.status_shape(chk, st, DOC, general)
        chk.eq("in force on %s" % general, st.get("in_force"), True)
        want = {c: ("in_force", per_state[c], per_state[c])
                for c, d in instruments.items() if d <= general}
        chk.eq("on %s: the first three in force" % general,
               {c: (r.get("status"), r.get("since"), r.get("entry_into_force"))
                for c, r in rows.items()}, want)

        # One day before each later instrument: that state is not listed yet.
        for code, d in sorted(instruments.items(), key=lambda x: x[1]):
            if d <= general:
                continue
            day = common.add_days(d, -1)
            st = reg.status(DOC, day)
            rows = {p.get("party") for p in st.get("parties", [])}
            chk.eq("%s not listed on %s" % (code, day), code in rows, False)
            st = reg.status(DOC, d)
            row = {p.get("party"): p for p in st.get("parties", [])}.get(code) or {}
            chk.eq("%s in force on the day of its instrument %s" % (code, d),
                   (row.get("status"), row.get("entry_into_force")), ("in_force", per_state[code]))


if __name__ == "__main__":
    sys.exit(common.main_wrapper("golden_cis_record", body))
