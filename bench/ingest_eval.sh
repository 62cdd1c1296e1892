#!/bin/sh
# Ingest quality on the labelled corpus (tests/ingest/corpus): precision and
# recall per field on the development and the test part, fields right, and
# calibration of confidence. A benchmark: it times nothing, fails on nothing.
#   bench/ingest_eval.sh [PACTA] [--misses] [--no-published] [DIR...]
# Each release is drafted with its label's source.published as --published.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
pacta=${1:-${PACTA:-$here/../build/pacta}}
[ $# -gt 0 ] && shift
exec python3 "$here/ingest_eval.py" --pacta "$pacta" "$@"
