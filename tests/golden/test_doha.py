#!/usr/bin/env python3
"""Golden test: Doha Amendment to the Kyoto Protocol.

Source: openclimatedata/doha-amendment-entry-into-force (acceptance dates,
facts from the UN Treaty Collection). Official entry into force: 2020-12-31,
the ninetieth day after the 144th acceptance, the European Union's instrument
not counted as additional to its member states' (counting it gives 2020-12-30).

Per-party dates are not in the data; they are derived from the amendment's
clause (ninetieth day after each later party's own instrument) and labelled so.

usage: test_doha.py PATH/TO/pacta
"""

import sys

import common
import convert


def body(binary, chk):
    doc, exp = convert.doha()
    convert.validate(doc)
    general = exp["general"]
    consent = exp["consent"]
    with common.Registry(binary) as reg:
        path = reg.write("doha.json", doc)
        r = reg.load(path)
        chk.check("load: loaded > 0", isinstance(r.get("loaded"), int) and r["loaded"] > 0, str(r))
        chk.eq("load again: nothing new (idempotent)", reg.load(path).get("loaded"), 0)

        # The trigger, from the data: the 144th state acceptance.
        states = sorted(d for c, d in consent.items() if c not in convert.ORG_PARTIES)
        t = states[exp["count"] - 1]
        chk.info("144th state acceptance (trigger): %s; official date %s = trigger + 90"
                 % (t, general))
        chk.eq("data: trigger + 90 days is the official date", common.add_days(t, 90), general)

        on = max(consent.values())
        on = max(common.add_days(on, 90), general)
        st = reg.status("kp-doha", on)
        rows = common.status_shape(chk, st, "kp-doha", on)
        got = st.get("entry_into_force")
        chk.eq("general entry into force (official %s)" % general, got, general)
        if got == exp["general_if_eu_counted"]:
            chk.info("pacta counted the EU's instrument as additional (gives %s)" % got)
        chk.eq("in force on %s" % on, st.get("in_force"), True)
        chk.eq("parties listed = the %d acceptances" % len(consent), sorted(rows), sorted(consent))

        bad = []
        for code in sorted(consent):
            row = rows.get(code) or {}
            c = consent[code]
            want = general if c <= t else max(general, common.add_days(c, 90))
            g = (row.get("status"), row.get("since"), row.get("entry_into_force"))
            w = ("in_force", want, want)
            tag = "" if c <= t else " (later party, rule-derived)"
            if g == w:
                print("ok    %s acceptance %s, in force %s%s" % (code, c, want, tag))
            else:
                print("FAIL  %s acceptance %s: pacta %s, expected %s%s" % (code, c, g, w, tag))
                bad.append(code)
        chk.check("every party in force from the expected date", not bad, " ".join(bad))

        eu = rows.get("EUU") or {}
        chk.eq("EUU (organization) in force from the general date", eu.get("entry_into_force"), general)

        eve = common.add_days(general, -1)
        st = reg.status("kp-doha", eve)
        common.status_shape(chk, st, "kp-doha", eve)
        chk.eq("not in force on %s" % eve, st.get("in_force"), False)
        chk.eq("general date determinable on %s" % eve, st.get("entry_into_force"), general)

        st = reg.status("kp-doha", general)
        chk.eq("in force on %s" % general, st.get("in_force"), True)

        # The day before the 144th state acceptance: only 143 states.
        pre = common.add_days(t, -1)
        st = reg.status("kp-doha", pre)
        common.status_shape(chk, st, "kp-doha", pre)
        chk.eq("general date not determinable on %s (143 states + EU)" % pre,
               st.get("entry_into_force"), None)
        chk.eq("not in force on %s" % pre, st.get("in_force"), False)


if __name__ == "__main__":
    sys.exit(common.main_wrapper("golden_doha", body))
