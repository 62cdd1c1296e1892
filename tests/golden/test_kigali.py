#!/usr/bin/env python3
"""Golden test: Kigali Amendment to the Montreal Protocol.

Source: openclimatedata/kigali-amendment-entry-into-force (instrument dates,
facts from the UN Treaty Collection). Art. IV: in force on 1 January 2019
provided twenty instruments have been deposited (a regional economic
integration organization's not counted as additional), else the ninetieth day
after the twentieth; later parties the ninetieth day after their own.
Official general date: 2019-01-01.

The data gives no per-party dates; those checked below are derived from the
clause (max(2019-01-01, instrument + 90) for instruments after the trigger)
and labelled "rule-derived". Spain's "provisional application under
Article V" is loaded as provisional_application.

usage: test_kigali.py PATH/TO/pacta
"""

import sys

import common
import convert


def body(binary, chk):
    doc, exp = convert.kigali()
    convert.validate(doc)
    general, facts = exp["general"], exp["facts"]
    consents = {c: f["date"] for c, f in facts.items() if f["type"] in convert.CONSENT_TYPES}
    provisional = {c: f["date"] for c, f in facts.items() if f["type"] == "provisional_application"}
    with common.Registry(binary) as reg:
        path = reg.write("kigali.json", doc)
        r = reg.load(path)
        chk.check("load: loaded > 0", isinstance(r.get("loaded"), int) and r["loaded"] > 0, str(r))
        chk.eq("load again: nothing new (idempotent)", reg.load(path).get("loaded"), 0)

        states = sorted(d for c, d in consents.items() if c not in convert.ORG_PARTIES)
        t = states[exp["count"] - 1]
        chk.info("20th state instrument (trigger): %s; +90 days = %s, before not_before %s"
                 % (t, common.add_days(t, 90), exp["not_before"]))

        on = max(common.add_days(max(f["date"] for f in facts.values()), 90), general)
        st = reg.status("mp-kigali", on)
        rows = common.status_shape(chk, st, "mp-kigali", on)
        chk.eq("general entry into force (official %s)" % general, st.get("entry_into_force"), general)
        chk.eq("in force on %s" % on, st.get("in_force"), True)
        chk.eq("parties listed = the %d rows of the source" % len(facts), sorted(rows), sorted(facts))

        bad = []
        for code in sorted(consents):
            row = rows.get(code) or {}
            c = consents[code]
            want = general if c <= t else max(general, common.add_days(c, 90))
            g = (row.get("status"), row.get("since"), row.get("entry_into_force"))
            w = ("in_force", want, want)
            tag = " (official general date)" if want == general else " (rule-derived)"
            if g == w:
                print("ok    %s %s %s, in force %s%s" % (code, facts[code]["type"], c, want, tag))
            else:
                print("FAIL  %s %s %s: pacta %s, expected %s%s"
                      % (code, facts[code]["type"], c, g, w, tag))
                bad.append(code)
        chk.check("every consenting party in force from the expected date", not bad, " ".join(bad))

        for code, d in sorted(provisional.items()):
            row = rows.get(code) or {}
            chk.eq("%s provisional application since %s" % (code, d),
                   (row.get("status"), row.get("since"), row.get("entry_into_force")),
                   ("provisional", d, None))

        eu = rows.get("EUU") or {}
        chk.eq("EUU (organization, approval %s) in force from the general date" % facts["EUU"]["date"],
               eu.get("entry_into_force"), general)

        eve = common.add_days(general, -1)
        st = reg.status("mp-kigali", eve)
        rows = common.status_shape(chk, st, "mp-kigali", eve)
        chk.eq("not in force on %s" % eve, st.get("in_force"), False)
        chk.eq("general date determinable on %s" % eve, st.get("entry_into_force"), general)
        bad = [c for c, d in consents.items() if d <= eve and
               (rows.get(c) or {}).get("status") != "consented"]
        chk.check("on %s every party with an instrument is `consented`" % eve, not bad, " ".join(bad))

        st = reg.status("mp-kigali", general)
        chk.eq("in force on %s" % general, st.get("in_force"), True)

        pre = common.add_days(t, -1)
        st = reg.status("mp-kigali", pre)
        common.status_shape(chk, st, "mp-kigali", pre)
        chk.eq("general date not determinable on %s (19 instruments)" % pre,
               st.get("entry_into_force"), None)


if __name__ == "__main__":
    sys.exit(common.main_wrapper("golden_kigali", body))
