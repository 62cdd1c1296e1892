/*
** The site's page frame: the head and navigation every page shares, its
** foot, and the 404 page (pages.c).
*/
#ifndef PACTA_PAGE_H
#define PACTA_PAGE_H

#include "http.h"

void pages_begin(Buf *p, const char *zTitle, const char *zNav);
void pages_end(Buf *p, Req *pReq);
void pages_not_found(Req *pReq, Resp *r, const char *zWhat, const char *zId);

#endif
