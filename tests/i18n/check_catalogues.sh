#!/bin/sh
# Every string the code marks for translation (_(), P_(), N_()) has a translation in each
# language's catalogue (po/LANG/*.po), and no catalogue keeps a message the code no longer
# has. Usage: check_catalogues.sh SOURCE_DIR WORK_DIR
set -eu
src=$1 work=$2
mkdir -p "$work"
"$src/po/extract.sh" "$src" "$work/pacta.pot"
rc=0
for dir in "$src"/po/*/; do
  lang=$(basename "$dir")
  msgcat --use-first -o "$work/$lang.po" "$dir"*.po
  # msgcmp: every msgid of the template is translated in the catalogue.
  if ! msgcmp "$work/$lang.po" "$work/pacta.pot" 2>"$work/$lang.missing"; then
    echo "po/$lang: messages in the code without a translation:" >&2
    grep -o 'this message is used but not defined.*' "$work/$lang.missing" | head -5 >&2 || true
    grep -B1 'this message is used but not defined' "$work/$lang.missing" | head -40 >&2 || true
    rc=1
  fi
  # ...and the reverse: a translation of nothing is a message the code lost.
  if ! msgcmp --use-untranslated "$work/pacta.pot" "$work/$lang.po" 2>"$work/$lang.stale" >/dev/null; then
    echo "po/$lang: translations of messages the code no longer has:" >&2
    head -20 "$work/$lang.stale" >&2
    rc=1
  fi
done
[ $rc -eq 0 ] && echo "every marked message translated in: $(cd "$src/po" && ls -d */ | tr -d / | tr '\n' ' ')"
exit $rc
