#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
** Every block from xmalloc carries an 8-byte header: 0 when it is in no
** pool, else its slot in the table of the pool of the request being
** served, plus one. Eight bytes cost nothing in most of glibc's small
** chunks, where sixteen would; blocks stay aligned for every type pacta
** stores (8 bytes: pointers, int64, double; none needs 16).
*/
typedef uint64_t Head;

/* A slot holds a live block's address, or the next free slot shifted left
** and tagged with 1 (addresses are even). */
struct Pool {
  uintptr_t *aSlot;
  size_t nSlot, nAlloc;
  size_t iFree; /* first free slot + 1; 0: none */
};

static _Thread_local Pool *t_pool;  /* where new blocks go; NULL when paused */
static _Thread_local Pool *t_owner; /* the request's pool, paused or not */

static size_t pool_slot(Pool *p) {
  if (p->iFree) {
    size_t i = p->iFree - 1;
    p->iFree = (size_t)(p->aSlot[i] >> 1);
    return i;
  }
  if (p->nSlot == p->nAlloc) {
    p->nAlloc = p->nAlloc ? 2 * p->nAlloc : 256;
    p->aSlot = realloc(p->aSlot, p->nAlloc * sizeof(uintptr_t));
    if (!p->aSlot) panic("out of memory (a pool of %zu blocks)", p->nAlloc);
  }
  return p->nSlot++;
}

/* The pool of a block with a slot: only the request's own pool can hold one
** (pool_end takes every block out of its pool). */
static Pool *owner(void) {
  if (!t_owner) panic("a pool's block outlived its pool");
  return t_owner;
}

void *xmalloc(size_t n) {
  if (n > SIZE_MAX - sizeof(Head)) panic("out of memory (%zu bytes)", n);
  Head *h = malloc(sizeof(Head) + n);
  if (!h) panic("out of memory (%zu bytes)", n);
  *h = 0;
  if (t_pool) {
    size_t i = pool_slot(t_pool);
    t_pool->aSlot[i] = (uintptr_t)h;
    *h = i + 1;
  }
  return h + 1;
}

void *xrealloc(void *p, size_t n) {
  if (!p) return xmalloc(n);
  if (n > SIZE_MAX - sizeof(Head)) panic("out of memory (%zu bytes)", n);
  /* A block keeps its pool: a cache grown during a request stays in none. */
  Head *h = realloc((Head *)p - 1, sizeof(Head) + n);
  if (!h) panic("out of memory (%zu bytes)", n);
  if (*h) owner()->aSlot[*h - 1] = (uintptr_t)h;
  return h + 1;
}

void xfree(void *p) {
  if (!p) return;
  Head *h = (Head *)p - 1;
  if (*h) {
    Pool *o = owner();
    o->aSlot[*h - 1] = (uintptr_t)o->iFree << 1 | 1;
    o->iFree = *h;
  }
  free(h);
}

Pool *pool_begin(void) {
  Pool *p = calloc(1, sizeof(Pool));
  if (!p) panic("out of memory (a pool)");
  t_pool = t_owner = p;
  return p;
}

void pool_end(Pool *p, bool bFreeAll) {
  for (size_t i = 0; i < p->nSlot; i++) {
    if (p->aSlot[i] & 1) continue;
    Head *h = (Head *)p->aSlot[i];
    if (bFreeAll)
      free(h);
    else
      *h = 0;
  }
  if (t_owner == p) t_pool = t_owner = 0;
  free(p->aSlot);
  free(p);
}

Pool *pool_pause(void) {
  Pool *p = t_pool;
  t_pool = 0;
  return p;
}

void pool_resume(Pool *p) {
  t_pool = p;
}

/* jansson allocates through the same functions, so a request's JSON is in
** its pool too; set before main, before any JSON value exists. */
__attribute__((constructor)) static void alloc_init(void) {
  json_set_alloc_funcs(xmalloc, xfree);
}

char *xstrdup(const char *z) {
  size_t n = strlen(z) + 1;
  return memcpy(xmalloc(n), z, n);
}

void die(int rc, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  fputs("pacta: ", stderr);
  vfprintf(stderr, zFmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(rc);
}

void panic(const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  fputs("pacta: internal error: ", stderr);
  vfprintf(stderr, zFmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  abort();
}

static void buf_reserve(Buf *p, size_t nMore) {
  if (p->n + nMore + 1 <= p->nAlloc) return;
  size_t nNew = p->nAlloc ? p->nAlloc * 2 : 256;
  while (nNew < p->n + nMore + 1) nNew *= 2;
  p->z = xrealloc(p->z, nNew);
  p->nAlloc = nNew;
}

void buf_append_grow(Buf *p, const void *pData, size_t n) {
  buf_reserve(p, n);
  memcpy(p->z + p->n, pData, n);
  p->n += n;
  p->z[p->n] = 0;
}

void buf_putc(Buf *p, char c) {
  buf_reserve(p, 1);
  p->z[p->n++] = c;
  p->z[p->n] = 0;
}

void buf_vprintf(Buf *p, const char *zFmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(0, 0, zFmt, ap2);
  va_end(ap2);
  if (n < 0) panic("bad format %s", zFmt);
  buf_reserve(p, (size_t)n);
  vsnprintf(p->z + p->n, (size_t)n + 1, zFmt, ap);
  p->n += (size_t)n;
}

void buf_printf(Buf *p, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  buf_vprintf(p, zFmt, ap);
  va_end(ap);
}

void buf_reset(Buf *p) {
  p->n = 0;
  if (p->z) p->z[0] = 0;
}

void buf_free(Buf *p) {
  xfree(p->z);
  memset(p, 0, sizeof(*p));
}

int read_file(const char *zPath, Buf *pOut) {
  FILE *f = strcmp(zPath, "-") == 0 ? stdin : fopen(zPath, "rb");
  if (!f) return -1;
  /* A regular file is read into a buffer of its size, not doubled up to it. */
  struct stat st;
  if (f != stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    size_t nNeed = pOut->n + (size_t)st.st_size + 1;
    if (pOut->nAlloc < nNeed) {
      pOut->z = xrealloc(pOut->z, nNeed);
      pOut->nAlloc = nNeed;
    }
  }
  char aChunk[65536];
  size_t n;
  while ((n = fread(aChunk, 1, sizeof(aChunk), f)) > 0) buf_append(pOut, aChunk, n);
  int bad = ferror(f);
  int savedErrno = errno;
  if (f != stdin) fclose(f);
  if (bad) {
    errno = savedErrno ? savedErrno : EIO;
    return -1;
  }
  if (!pOut->z) buf_append(pOut, "", 0);
  return 0;
}

void hex_encode(const unsigned char *a, size_t n, char *zOut) {
  static const char aHex[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) {
    zOut[2 * i] = aHex[a[i] >> 4];
    zOut[2 * i + 1] = aHex[a[i] & 15];
  }
  zOut[2 * n] = 0;
}

static uint64_t hash_string(const char *z) {
  uint64_t h = 1469598103934665603ull; /* FNV-1a */
  for (; *z; z++) h = (h ^ (unsigned char)*z) * 1099511628211ull;
  return h;
}

int *strmap_find(const StrMap *p, const char *zKey) {
  if (!p->nSlot) return 0;
  for (size_t i = hash_string(zKey) & (p->nSlot - 1);; i = (i + 1) & (p->nSlot - 1)) {
    if (!p->azKey[i]) return 0;
    if (strcmp(p->azKey[i], zKey) == 0) return &p->aVal[i];
  }
}

int *strmap_insert(StrMap *p, const char *zKey, int val, bool *pbNew) {
  if (2 * (p->nUsed + 1) > p->nSlot) {
    StrMap old = *p;
    p->nSlot = old.nSlot ? 2 * old.nSlot : 64;
    p->azKey = xmalloc(p->nSlot * sizeof(char *));
    p->aVal = xmalloc(p->nSlot * sizeof(int));
    memset(p->azKey, 0, p->nSlot * sizeof(char *));
    p->nUsed = 0;
    for (size_t i = 0; i < old.nSlot; i++) {
      if (!old.azKey[i]) continue;
      size_t j = hash_string(old.azKey[i]) & (p->nSlot - 1);
      while (p->azKey[j]) j = (j + 1) & (p->nSlot - 1);
      p->azKey[j] = old.azKey[i];
      p->aVal[j] = old.aVal[i];
      p->nUsed++;
    }
    xfree(old.azKey);
    xfree(old.aVal);
  }
  size_t i = hash_string(zKey) & (p->nSlot - 1);
  for (; p->azKey[i]; i = (i + 1) & (p->nSlot - 1)) {
    if (strcmp(p->azKey[i], zKey) == 0) {
      *pbNew = false;
      return &p->aVal[i];
    }
  }
  p->azKey[i] = xstrdup(zKey);
  p->aVal[i] = val;
  p->nUsed++;
  *pbNew = true;
  return &p->aVal[i];
}

void strmap_free(StrMap *p) {
  for (size_t i = 0; i < p->nSlot; i++) xfree(p->azKey[i]);
  xfree(p->azKey);
  xfree(p->aVal);
  memset(p, 0, sizeof(*p));
}

int input_open(const char *zPath, InputFile *p) {
  memset(p, 0, sizeof(*p));
  p->fd = -1;
  if (strcmp(zPath, "-") != 0) {
    int fd = open(zPath, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      p->fd = fd;
      p->n = (size_t)st.st_size;
      return 0;
    }
    close(fd);
  }
  if (read_file(zPath, &p->buf)) return -1;
  p->z = p->buf.z;
  p->n = p->buf.n;
  return 0;
}

void input_close(InputFile *p) {
  if (p->fd >= 0) close(p->fd);
  buf_free(&p->buf);
  memset(p, 0, sizeof(*p));
  p->fd = -1;
}

int fd_read_all(int fd, size_t n, Buf *pOut) {
  if (pOut->n + n + 1 > pOut->nAlloc) { /* exactly: a large file is not doubled up to */
    pOut->z = xrealloc(pOut->z, pOut->n + n + 1);
    pOut->nAlloc = pOut->n + n + 1;
  }
  for (size_t i = 0; i < n;) {
    ssize_t k = pread(fd, pOut->z + pOut->n, n - i, (off_t)i);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) {
      if (k == 0) errno = EIO;
      return -1;
    }
    pOut->n += (size_t)k;
    i += (size_t)k;
  }
  pOut->z[pOut->n] = 0;
  return 0;
}

void utf8_sanitize(char *z) {
  unsigned char *p = (unsigned char *)z;
  while (*p) {
    int n = p[0] < 0x80             ? 1
            : (p[0] & 0xE0) == 0xC0 ? 2
            : (p[0] & 0xF0) == 0xE0 ? 3
            : (p[0] & 0xF8) == 0xF0 ? 4
                                    : 0;
    bool ok = n > 0;
    for (int i = 1; ok && i < n; i++) ok = (p[i] & 0xC0) == 0x80;
    /* Overlong forms and surrogates are not UTF-8 either. */
    if (ok && n == 2) ok = p[0] >= 0xC2;
    if (ok && n == 3) {
      unsigned cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
      ok = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
    }
    if (ok && n == 4) {
      unsigned cp =
          ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
      ok = cp >= 0x10000 && cp <= 0x10FFFF;
    }
    if (!ok) {
      *p++ = '?';
    } else {
      p += n;
    }
  }
}
