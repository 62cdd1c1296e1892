/*
** pacta: a registry of treaties, memberships, chairs and sessions for
** intergovernmental organizations. See README.md and `pacta help`.
*/
#include "commands.h"

int main(int argc, char **argv) {
  return pacta_main(argc, argv);
}
