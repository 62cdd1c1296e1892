# Turns the file IN into a C source OUT defining pacta_sample_json[] and its length.
file(READ ${IN} HEX HEX)
string(LENGTH "${HEX}" NHEX)
math(EXPR N "${NHEX} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," BYTES "${HEX}")
file(WRITE ${OUT} "/* Generated from sample/sample.json by cmake/embed.cmake. */\n#include <stddef.h>\nconst unsigned char pacta_sample_json[] = {${BYTES}0x00};\nconst size_t pacta_sample_json_len = ${N};\n")
