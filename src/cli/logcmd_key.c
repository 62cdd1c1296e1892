/* `pacta key generate` (logcmd.h): a signer and verifier key pair. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "logcmd.h"
#include "i18n.h"
#include "logcmd_int.h"
#include "output.h"

static const char zKeyUsage[] = "key generate NAME [--out PREFIX]";

static void write_new_file(const char *zPath, const char *z, mode_t mode) {
  int fd = open(zPath, O_WRONLY | O_CREAT | O_EXCL, mode);
  if (fd < 0)
    die(EXIT_INPUT, _("%s: cannot create: %s%s"), zPath, strerror(errno),
        errno == EEXIST ? _(" (keys are never overwritten)") : "");
  size_t n = strlen(z);
  if (fchmod(fd, mode) || write(fd, z, n) != (ssize_t)n || write(fd, "\n", 1) != 1 || close(fd))
    die(EXIT_INPUT, _("%s: cannot write: %s"), zPath, strerror(errno));
}

int logcmd_key(const char *zDb, bool bJson, const Cli *c) {
  Cli o = *c;
  o.zUsage = zKeyUsage;
  /* The subcommand first: 'key foo' is not a missing NAME. */
  if (o.nPos >= 1 && strcmp(o.azPos[0], "generate") != 0)
    cli_fail(&o, _("expected generate, got \"%s\""), o.azPos[0]);
  cli_need_pos(&o, 2, 2);
  const char *zName = o.azPos[1];
  char *zSigner, *zVerifier;
  Buf err = {0};
  if (note_key_generate(zName, &zSigner, &zVerifier, &err)) cli_fail(&o, "%s", err.z);
  Buf prefix = {0};
  if (cli_get(&o, "out")) {
    buf_puts(&prefix, cli_get(&o, "out"));
  } else {
    for (const char *z = zName; *z; z++) buf_putc(&prefix, *z == '/' ? '-' : *z);
  }
  Buf zKey = {0}, zPub = {0};
  buf_printf(&zKey, "%s.key", prefix.z);
  buf_printf(&zPub, "%s.pub", prefix.z);
  if (access(zPub.z, F_OK) == 0)
    die(EXIT_INPUT, _("%s already exists (keys are never overwritten)"), zPub.z);
  write_new_file(zKey.z, zSigner, 0600);
  write_new_file(zPub.z, zVerifier, 0644);
  memset(zSigner, 0, strlen(zSigner));
  if (bJson) {
    print_json_new(json_pack("{s:s, s:s, s:s}", "private_key_file", zKey.z, "public_key_file",
                             zPub.z, "verifier_key", zVerifier));
  } else {
    printf(_("wrote %s (private, mode 0600: keep it off the registry's machine if you can)\n"
             "wrote %s (public: give it to every member state)\n%s\n"),
           zKey.z, zPub.z, zVerifier);
  }
  xfree(zSigner);
  xfree(zVerifier);
  buf_free(&prefix);
  buf_free(&zKey);
  buf_free(&zPub);
  (void)zDb;
  return 0;
}
