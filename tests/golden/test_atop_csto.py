#!/usr/bin/env python3
"""Golden test: CIS Collective Security Treaty / CSTO membership history.

Source: ATOP v4 (Leeds et al.), member level, atopid 4220, via
joshuaalley/treaty-depth (free with citation). Each member row (entry and exit
date, phase) becomes one membership interval [entry, exit); exit 0 = still a
member at the end of the data. Kind: founding when the row starts on its
phase's first day (Tashkent 1992-05-15, CSTO 2002-10-07), else member.

`pacta members csto --on D` is compared with the CSV's intervals on every
interval boundary (the day before, the day, and both around each exit) and on
the dates named in data/README.md (1999-04-20, 2006-08-17, 2012-06-28).

usage: test_atop_csto.py PATH/TO/pacta
"""

import sys

import common
import convert

ORG = "csto"


def expected_members(intervals, on):
    out = []
    for iv in intervals:
        if iv["from"] <= on and (iv["to"] is None or on < iv["to"]):
            out.append({"party": iv["party"], "kind": iv["kind"], "since": iv["from"]})
    return sorted(out, key=lambda m: (m["party"], m["since"]))


def body(binary, chk):
    doc, exp = convert.atop_csto()
    convert.validate(doc)
    intervals = exp["intervals"]
    for iv in intervals:
        print("data  %s %s [%s, %s) phase %s" % (iv["party"], iv["kind"], iv["from"],
                                                 iv["to"] or "open", iv["phase"]))
    dates = {"1992-05-14", "1999-04-19", "1999-04-20", "2002-10-06", "2002-10-07",
             "2006-08-16", "2006-08-17", "2012-06-27", "2012-06-28", "2016-12-31"}
    for iv in intervals:
        for d in (iv["from"], iv["to"]):
            if d:
                dates.update({common.add_days(d, -1), d})
    with common.Registry(binary) as reg:
        path = reg.write("atop_csto.json", doc)
        r = reg.load(path)
        chk.check("load: loaded > 0", isinstance(r.get("loaded"), int) and r["loaded"] > 0, str(r))
        chk.eq("load again: nothing new (idempotent)", reg.load(path).get("loaded"), 0)
        for on in sorted(dates):
            m = reg.members(ORG, on)
            chk.eq("members %s on %s: organization" % (ORG, on), m.get("organization"), ORG)
            chk.eq("members %s on %s: on" % (ORG, on), m.get("on"), on)
            got = m.get("members")
            if not isinstance(got, list):
                chk.check("members on %s is a list" % on, False, repr(got))
                continue
            codes = [x.get("party") for x in got]
            chk.check("members on %s sorted by party" % on, codes == sorted(codes))
            got = sorted(({"party": x.get("party"), "kind": x.get("kind"), "since": x.get("since")}
                          for x in got), key=lambda x: (x["party"], x["since"] or ""))
            want = expected_members(intervals, on)
            summary = " ".join("%s(%s %s)" % (x["party"], x["kind"], x["since"]) for x in want)
            chk.eq("members on %s: %s" % (on, summary or "none"), got, want)


if __name__ == "__main__":
    sys.exit(common.main_wrapper("golden_atop_csto", body))
