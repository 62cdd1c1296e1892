/*
** libmicrohttpd loaded by the first call into it (pacta serve), not when
** pacta starts: pacta does not link it, so the other commands do not load
** it nor GnuTLS and the rest it needs (issue 18, part 6). Each MHD function
** server.c and form.c call is defined here under its own name and calls the
** library's through a pointer dlsym gave; if the library is missing, the
** first call stops pacta with the package to install.
*/
#include <dlfcn.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

#include "i18n.h"
#include "util.h"

#define MHD_SONAME "libmicrohttpd.so.12"
#define MHD_PACKAGE "libmicrohttpd12"

/* X(NAME): the functions called, with the variadic ones by their va_list
** forms. */
#define MHD_LIB_FUNCTIONS(X)                                                                       \
  X(MHD_add_response_header)                                                                       \
  X(MHD_lookup_connection_value)                                                                   \
  X(MHD_get_connection_info)                                                                       \
  X(MHD_destroy_response)                                                                          \
  X(MHD_queue_response)                                                                            \
  X(MHD_get_connection_values)                                                                     \
  X(MHD_http_unescape)                                                                             \
  X(MHD_stop_daemon)                                                                               \
  X(MHD_start_daemon_va)                                                                           \
  X(MHD_create_response_from_callback)                                                             \
  X(MHD_create_response_from_buffer)                                                               \
  X(MHD_create_response_from_buffer_with_free_callback)

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static struct {
#define MHD_LIB_FIELD(NAME) __typeof__(&NAME) NAME;
  MHD_LIB_FUNCTIONS(MHD_LIB_FIELD)
#undef MHD_LIB_FIELD
} mhd;
#pragma GCC diagnostic pop

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char zFailed[512]; /* what failed to load, or "" */

static void load(void) {
  void *h = dlopen(MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    snprintf(zFailed, sizeof(zFailed), "%s", dlerror());
    return;
  }
#define MHD_LIB_SYM(NAME)                                                                          \
  if (!zFailed[0] && !(*(void **)&mhd.NAME = dlsym(h, #NAME)))                                     \
    snprintf(zFailed, sizeof(zFailed), "%s: no %s", MHD_SONAME, #NAME);
  MHD_LIB_FUNCTIONS(MHD_LIB_SYM)
#undef MHD_LIB_SYM
}

/* The library, loaded: else pacta stops, naming the package. */
static void need(void) {
  pthread_once(&once, load);
  if (zFailed[0])
    die(EXIT_INPUT, _("the web server needs %s: apt-get install %s (%s)"), MHD_PACKAGE, MHD_PACKAGE,
        zFailed);
}

struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc,
                                    void *apc_cls, MHD_AccessHandlerCallback dh, void *dh_cls,
                                    ...) {
  need();
  va_list ap;
  va_start(ap, dh_cls);
  struct MHD_Daemon *d = mhd.MHD_start_daemon_va(flags, port, apc, apc_cls, dh, dh_cls, ap);
  va_end(ap);
  return d;
}

struct MHD_Daemon *MHD_start_daemon_va(unsigned int flags, uint16_t port,
                                       MHD_AcceptPolicyCallback apc, void *apc_cls,
                                       MHD_AccessHandlerCallback dh, void *dh_cls, va_list ap) {
  need();
  return mhd.MHD_start_daemon_va(flags, port, apc, apc_cls, dh, dh_cls, ap);
}

void MHD_stop_daemon(struct MHD_Daemon *daemon) {
  need();
  mhd.MHD_stop_daemon(daemon);
}

enum MHD_Result MHD_add_response_header(struct MHD_Response *response, const char *header,
                                        const char *content) {
  need();
  return mhd.MHD_add_response_header(response, header, content);
}

const char *MHD_lookup_connection_value(struct MHD_Connection *connection, enum MHD_ValueKind kind,
                                        const char *key) {
  need();
  return mhd.MHD_lookup_connection_value(connection, kind, key);
}

/* None of the kinds of information pacta asks for takes an argument. */
const union MHD_ConnectionInfo *MHD_get_connection_info(struct MHD_Connection *connection,
                                                        enum MHD_ConnectionInfoType info_type,
                                                        ...) {
  need();
  return mhd.MHD_get_connection_info(connection, info_type);
}

void MHD_destroy_response(struct MHD_Response *response) {
  need();
  mhd.MHD_destroy_response(response);
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *connection, unsigned int status_code,
                                   struct MHD_Response *response) {
  need();
  return mhd.MHD_queue_response(connection, status_code, response);
}

int MHD_get_connection_values(struct MHD_Connection *connection, enum MHD_ValueKind kind,
                              MHD_KeyValueIterator iterator, void *iterator_cls) {
  need();
  return mhd.MHD_get_connection_values(connection, kind, iterator, iterator_cls);
}

size_t MHD_http_unescape(char *val) {
  need();
  return mhd.MHD_http_unescape(val);
}

struct MHD_Response *MHD_create_response_from_callback(uint64_t size, size_t block_size,
                                                       MHD_ContentReaderCallback crc, void *crc_cls,
                                                       MHD_ContentReaderFreeCallback crfc) {
  need();
  return mhd.MHD_create_response_from_callback(size, block_size, crc, crc_cls, crfc);
}

struct MHD_Response *MHD_create_response_from_buffer(size_t size, void *buffer,
                                                     enum MHD_ResponseMemoryMode mode) {
  need();
  return mhd.MHD_create_response_from_buffer(size, buffer, mode);
}

struct MHD_Response *
MHD_create_response_from_buffer_with_free_callback(size_t size, void *buffer,
                                                   MHD_ContentReaderFreeCallback crfc) {
  need();
  return mhd.MHD_create_response_from_buffer_with_free_callback(size, buffer, crfc);
}
