/*
** Small shared helpers: a growable byte buffer, allocation that never
** returns NULL, and the two ways pacta stops: bad input or usage (the
** user's fault, exit 1 or 2) and bugs (pacta's fault, abort).
*/
#ifndef PACTA_UTIL_H
#define PACTA_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define EXIT_INPUT 1 /* bad input or a failed check */
#define EXIT_USAGE 2 /* wrong command line */

/* Allocation that never returns NULL. Blocks from these functions, and
** every jansson value, are freed with xfree, never free(). */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *z);
void xfree(void *p);

/*
** A pool holds what one thread allocates between pool_begin and pool_end
** (as h2o's request pools do): the server serves each request in one, so
** when a database failure longjmps out of the request, pool_end(p, true)
** frees everything the request had allocated. pool_end(p, false) lets the
** blocks still alive outlive it, to be freed one by one as usual. An
** allocation that must outlive a failed request (a per-thread cache) is
** made between pool_pause and pool_resume; xrealloc keeps a block's pool.
*/
typedef struct Pool Pool;
Pool *pool_begin(void);
void pool_end(Pool *p, bool bFreeAll);
Pool *pool_pause(void);
void pool_resume(Pool *p);

/* Print "pacta: MESSAGE" to stderr and exit with status rc. */
#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 2, 3)))
#endif
void die(int rc, const char *zFmt, ...);

/* A bug: print and abort. */
#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 1, 2)))
#endif
void panic(const char *zFmt, ...);

/* Growable buffer, always NUL-terminated once anything was appended. */
typedef struct Buf {
  char *z;
  size_t n;
  size_t nAlloc;
} Buf;

/* Appending where there is room already is inline: a page of 175 KB is
** written in some 14,000 appends, most of a few bytes, many of a literal
** whose strlen the compiler then knows. */
void buf_append_grow(Buf *p, const void *pData, size_t n);
static inline void buf_append(Buf *p, const void *pData, size_t n) {
  if (n >= p->nAlloc - p->n) { /* no room for n bytes and the NUL (or nothing allocated) */
    buf_append_grow(p, pData, n);
    return;
  }
  memcpy(p->z + p->n, pData, n);
  p->n += n;
  p->z[p->n] = 0;
}
static inline void buf_puts(Buf *p, const char *z) {
  buf_append(p, z, strlen(z));
}
void buf_putc(Buf *p, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void buf_printf(Buf *p, const char *zFmt, ...);
void buf_vprintf(Buf *p, const char *zFmt, va_list ap);
void buf_reset(Buf *p); /* empty, keeps memory */
void buf_free(Buf *p);

/* Read a whole file (or "-" for stdin). Returns 0, or -1 with errno set. */
int read_file(const char *zPath, Buf *pOut);

/* Lower-case hex of n bytes into zOut (2n+1 bytes). */
void hex_encode(const unsigned char *a, size_t n, char *zOut);

/* Replace every byte that is not part of valid UTF-8 with '?', in place. */
void utf8_sanitize(char *z);

/* A string-keyed hash map to int (open addressing); keys are copied. */
typedef struct StrMap {
  char **azKey;
  int *aVal;
  size_t nSlot, nUsed;
} StrMap;

/* Returns a pointer to the value slot for zKey, or NULL if absent. */
int *strmap_find(const StrMap *p, const char *zKey);
/* Insert zKey with val if absent; returns the slot (existing or new) and
** sets *pbNew. */
int *strmap_insert(StrMap *p, const char *zKey, int val, bool *pbNew);
void strmap_free(StrMap *p);

/* A file to read. A regular file is opened, to be read as it is needed (z
** NULL, n its size, fd open); anything else (standard input, a pipe) is
** read into memory (z, n; fd -1). */
typedef struct InputFile {
  const char *z;
  size_t n;
  int fd;
  Buf buf; /* the bytes when read */
} InputFile;

/* 0, or -1 with errno set. "-" is standard input. */
int input_open(const char *zPath, InputFile *p);
void input_close(InputFile *p);

/* The n bytes of file fd from its offset 0, appended to pOut: 0, or -1
** with errno set (EIO when the file is shorter). */
int fd_read_all(int fd, size_t n, Buf *pOut);

#endif
