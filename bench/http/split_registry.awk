# split_registry.awk: cuts the JSON of bench/gen_registry.c (one record a line) into a head file
# with everything but the actions, PREFIX.json, and files of at most N actions each,
# PREFIX-p002.json, PREFIX-p003.json, ... (the names gen_registry --split gives). Loaded in that
# order, they make the same registry as the whole file, but no `pacta load` has to hold more than
# N actions in memory (one load of the whole 1 GB scale-100 file needs more than 16 GB).
#
#   awk -v n=500000 -v prefix=DIR/part -f split_registry.awk registry.json
function close_chunk() { if (f != "") { printf "%s\n]}\n", held > f; close(f) } f = ""; held = "" }
BEGIN { part = 1; head = prefix ".json"; inact = 0 }
!inact && /^"actions":\[/ { print "\"actions\":[]}" > head; close(head); inact = 1; next }
!inact { print > head; next }
/^\]\}$/ { close_chunk(); next }
{
  if (f == "" || cnt >= n) { close_chunk(); part++; f = sprintf("%s-p%03d.json", prefix, part); printf "{\"pacta\":1,\n\"actions\":[\n" > f; cnt = 0 }
  else printf "%s,\n", held > f
  line = $0; sub(/,$/, "", line); held = line; cnt++
}
