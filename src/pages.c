/*
** The web pages (placeholder until the pages land).
*/
#include "http.h"

const Route aPageRoute[] = {{"", "", 0}};
const int nPageRoute = 0;
