#!/bin/sh
# Writes the template of every message pacta marks for translation: _("..."),
# P_("context", "..."), N_("...") in src/. Usage: po/extract.sh SOURCE_DIR OUT.pot
# (cmake --build BUILD --target pot writes po/pacta.pot).
set -eu
src=$1 out=$2
cd "$src"
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1c,2 \
  --add-comments=TRANSLATORS --sort-by-file --no-wrap --package-name=pacta \
  --msgid-bugs-address=pacta@localhost -o "$out" $(find src -name '*.c' | sort)
