/* sshd-run.c: run a test program against a private sshd
 *
 * Usage: sshd-run PROGRAM [ARGS…]. Starts the fixture, runs PROGRAM with
 * RS_TEST_URI set to an sftp:// URI on it (its output passed through, so
 * TAP reaches meson), stops the sshd it started and exits as PROGRAM did. */
#include <signal.h>
#include <sys/prctl.h>

#include "sshd-fixture.h"

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SshdFixture) sshd = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) program = NULL;
  g_autofree char *uri = NULL;
  int status = 1;

  if (argc < 2)
    {
      g_printerr ("usage: %s PROGRAM [ARGS…]\n", argv[0]);
      return 2;
    }
  sshd = sshd_fixture_start (&error);
  if (sshd == NULL)
    {
      g_print ("Bail out! cannot start sshd: %s\n", error->message);
      return 1;
    }
  uri = sshd_fixture_uri (sshd, g_getenv ("RS_TEST_EXTRA_QUERY"));
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "RS_TEST_URI", uri, TRUE);
  g_subprocess_launcher_setenv (launcher, "RS_TEST_SSHD_DIR", sshd->dir, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  program = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv + 1, &error);
  if (program == NULL)
    g_print ("Bail out! cannot run %s: %s\n", argv[1], error->message);
  else if (g_subprocess_wait (program, NULL, &error))
    status = g_subprocess_get_if_exited (program) ? g_subprocess_get_exit_status (program) : 1;
  return status;
}
