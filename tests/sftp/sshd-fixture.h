/* sshd-fixture.h: Debian's OpenSSH sshd on 127.0.0.1, for the sftp tests
 *
 * Everything lives in one throwaway folder: host and user keys made with
 * ssh-keygen, sshd_config (key login only, internal-sftp, no chroot), a
 * known_hosts file trusting the host key, and `root/`, the folder test
 * URIs point at. Only the sshd started here (and the processes it forked)
 * are ever signalled; it also dies with the test process. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *dir;
  char *root;           /* the per-run data folder */
  char *identity;       /* the user's private key */
  char *known_hosts;    /* trusts the host key */
  char *config;
  guint port;
  GSubprocess *sshd;
} SshdFixture;

SshdFixture *sshd_fixture_start   (GError      **error);
/* Starts sshd again on the same port, with the same keys. */
gboolean     sshd_fixture_restart (SshdFixture  *self,
                                   GError      **error);
/* SIGKILL (or SIGSTOP, SIGCONT) to sshd and every process it forked. */
void         sshd_fixture_signal  (SshdFixture  *self,
                                   int           signal_number);
void         sshd_fixture_kill    (SshdFixture  *self);
/* CPU seconds (user + system) sshd and every process it forked used so
 * far, the ones that already exited included. */
double       sshd_fixture_cpu_seconds (SshdFixture *self);
/* Connections sshd is serving now (one forked process each). */
guint        sshd_fixture_connections (SshdFixture *self);
void         sshd_fixture_free    (SshdFixture  *self);
/* sftp://USER@127.0.0.1:PORT/ROOT?identity=…&known-hosts=…[&EXTRA] */
char        *sshd_fixture_uri     (SshdFixture  *self,
                                   const char   *extra_query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SshdFixture, sshd_fixture_free)

G_END_DECLS
