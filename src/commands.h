/*
** The command line: one function per command, each with its usage and help
** text in one table, so dispatch and help cannot drift apart.
*/
#ifndef PACTA_COMMANDS_H
#define PACTA_COMMANDS_H

/* Run pacta with argv as given to main. Returns the exit status. */
int pacta_main(int argc, char **argv);

#endif
