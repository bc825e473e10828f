/* sshd-fixture.c: start, signal and stop a private sshd */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "sshd-fixture.h"

static guint
free_port (void)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  guint port = 0;

  if (fd >= 0 && bind (fd, (struct sockaddr *) &addr, sizeof addr) == 0 &&
      getsockname (fd, (struct sockaddr *) &addr, &len) == 0)
    port = ntohs (addr.sin_port);
  if (fd >= 0)
    close (fd);
  return port;
}

static gboolean
run_quietly (const char *const *argv,
             GError            **error)
{
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                            G_SUBPROCESS_FLAGS_STDERR_MERGE,
                                                      error);

  return process != NULL && g_subprocess_wait_check (process, NULL, error);
}

static gboolean
make_key (const char  *path,
          GError     **error)
{
  const char *argv[] = { "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "rs-test", "-f", path, NULL };

  return run_quietly (argv, error);
}

static void
die_with_parent (gpointer data)
{
  /* sshd must not outlive a test that crashed or timed out. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Waits until sshd answers with its banner (at most 10 s). */
static gboolean
wait_ready (SshdFixture  *self,
            GError      **error)
{
  for (int i = 0; i < 200; i++)
    {
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autoptr(GSocketConnection) connection = NULL;
      char banner[4] = { 0 };

      if (g_subprocess_get_identifier (self->sshd) == NULL)
        break;   /* sshd exited: see sshd.log */
      connection = g_socket_client_connect_to_host (client, "127.0.0.1", self->port, NULL, NULL);
      if (connection != NULL &&
          g_input_stream_read_all (g_io_stream_get_input_stream (G_IO_STREAM (connection)), banner,
                                   sizeof banner, NULL, NULL, NULL) &&
          memcmp (banner, "SSH-", 4) == 0)
        return TRUE;
      g_usleep (50 * 1000);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "sshd did not start on port %u", self->port);
  return FALSE;
}

gboolean
sshd_fixture_restart (SshdFixture  *self,
                      GError      **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *log = g_build_filename (self->dir, "sshd.log", NULL);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_clear_object (&self->sshd);
  self->sshd = g_subprocess_launcher_spawn (launcher, error, "/usr/sbin/sshd", "-D", "-e",
                                            "-f", self->config, NULL);
  return self->sshd != NULL && wait_ready (self, error);
}

SshdFixture *
sshd_fixture_start (GError **error)
{
  g_autoptr(SshdFixture) self = g_new0 (SshdFixture, 1);
  g_autofree char *host_key = NULL, *host_pub = NULL, *user_pub = NULL, *authorized = NULL;
  g_autofree char *host_line = NULL, *pub_text = NULL, *config = NULL, *pid_file = NULL;
  g_autofree char *known = NULL;

  self->dir = g_dir_make_tmp ("rs-sshd-XXXXXX", error);
  if (self->dir == NULL)
    return NULL;
  self->root = g_build_filename (self->dir, "root", NULL);
  g_mkdir (self->root, 0755);
  host_key = g_build_filename (self->dir, "host_key", NULL);
  host_pub = g_strconcat (host_key, ".pub", NULL);
  self->identity = g_build_filename (self->dir, "user_key", NULL);
  user_pub = g_strconcat (self->identity, ".pub", NULL);
  authorized = g_build_filename (self->dir, "authorized_keys", NULL);
  self->known_hosts = g_build_filename (self->dir, "known_hosts", NULL);
  self->config = g_build_filename (self->dir, "sshd_config", NULL);
  pid_file = g_build_filename (self->dir, "sshd.pid", NULL);
  self->port = free_port ();
  if (!make_key (host_key, error) || !make_key (self->identity, error) ||
      !g_file_get_contents (user_pub, &pub_text, NULL, error) ||
      !g_file_set_contents (authorized, pub_text, -1, error))
    return NULL;
  g_clear_pointer (&pub_text, g_free);
  if (!g_file_get_contents (host_pub, &pub_text, NULL, error))
    return NULL;
  known = g_strdup_printf ("[127.0.0.1]:%u %s", self->port, pub_text);
  if (!g_file_set_contents (self->known_hosts, known, -1, error))
    return NULL;
  config = g_strdup_printf ("ListenAddress 127.0.0.1\n"
                            "Port %u\n"
                            "HostKey %s\n"
                            "PidFile %s\n"
                            "AuthorizedKeysFile %s\n"
                            "PubkeyAuthentication yes\n"
                            "PasswordAuthentication no\n"
                            "KbdInteractiveAuthentication no\n"
                            "UsePAM no\n"
                            "StrictModes no\n"
                            "PermitRootLogin prohibit-password\n"
                            "MaxSessions 64\n"
                            "MaxStartups 64:30:128\n"
                            "LogLevel ERROR\n"
                            "Subsystem sftp internal-sftp\n",
                            self->port, host_key, pid_file, authorized);
  if (!g_file_set_contents (self->config, config, -1, error))
    return NULL;
  if (getuid () == 0)
    g_mkdir_with_parents ("/run/sshd", 0755);
  if (!sshd_fixture_restart (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Every process descended from @pid, read from /proc. */
static void
collect_tree (pid_t   pid,
              GArray *pids)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  g_array_append_val (pids, pid);
  if (proc == NULL)
    return;
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *stat_path = NULL, *stat = NULL;
      const char *close_paren;
      pid_t child = (pid_t) atoi (name);
      int parent = 0;

      if (child <= 0)
        continue;
      stat_path = g_strdup_printf ("/proc/%s/stat", name);
      if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      close_paren = strrchr (stat, ')');
      if (close_paren != NULL && sscanf (close_paren + 2, "%*c %d", &parent) == 1 && parent == pid)
        collect_tree (child, pids);
    }
}

void
sshd_fixture_signal (SshdFixture *self,
                     int          signal_number)
{
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
  const char *id;

  if (self->sshd == NULL || (id = g_subprocess_get_identifier (self->sshd)) == NULL)
    return;
  collect_tree ((pid_t) atoi (id), pids);
  for (guint i = 0; i < pids->len; i++)
    kill (g_array_index (pids, pid_t, i), signal_number);
}

double
sshd_fixture_cpu_seconds (SshdFixture *self)
{
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
  const char *id;
  double ticks = 0;

  if (self->sshd == NULL || (id = g_subprocess_get_identifier (self->sshd)) == NULL)
    return 0;
  collect_tree ((pid_t) atoi (id), pids);
  for (guint i = 0; i < pids->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%d/stat", g_array_index (pids, pid_t, i));
      g_autofree char *stat = NULL;
      const char *close_paren;
      unsigned long long utime, stime, cutime, cstime;

      /* A live process's own time plus that of its children it reaped:
       * no process is counted twice. */
      if (g_file_get_contents (path, &stat, NULL, NULL) &&
          (close_paren = strrchr (stat, ')')) != NULL &&
          sscanf (close_paren + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %llu %llu",
                  &utime, &stime, &cutime, &cstime) == 4)
        ticks += (double) (utime + stime + cutime + cstime);
    }
  return ticks / sysconf (_SC_CLK_TCK);
}

guint
sshd_fixture_connections (SshdFixture *self)
{
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
  const char *id;
  pid_t listener;
  guint count = 0;

  if (self->sshd == NULL || (id = g_subprocess_get_identifier (self->sshd)) == NULL)
    return 0;
  listener = (pid_t) atoi (id);
  collect_tree (listener, pids);
  for (guint i = 0; i < pids->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%d/stat", g_array_index (pids, pid_t, i));
      g_autofree char *stat = NULL;
      const char *close_paren;
      int parent = 0;

      if (g_file_get_contents (path, &stat, NULL, NULL) &&
          (close_paren = strrchr (stat, ')')) != NULL &&
          sscanf (close_paren + 2, "%*c %d", &parent) == 1 && parent == listener)
        count++;
    }
  return count;
}

void
sshd_fixture_kill (SshdFixture *self)
{
  if (self->sshd == NULL)
    return;
  sshd_fixture_signal (self, SIGKILL);
  g_subprocess_wait (self->sshd, NULL, NULL);
  g_clear_object (&self->sshd);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

void
sshd_fixture_free (SshdFixture *self)
{
  if (self == NULL)
    return;
  sshd_fixture_kill (self);
  if (self->dir != NULL)
    remove_tree (self->dir);
  g_free (self->dir);
  g_free (self->root);
  g_free (self->identity);
  g_free (self->known_hosts);
  g_free (self->config);
  g_free (self);
}

char *
sshd_fixture_uri (SshdFixture *self,
                  const char  *extra_query)
{
  g_autofree char *user = g_uri_escape_string (g_get_user_name (), NULL, FALSE);
  g_autofree char *path = g_uri_escape_string (self->root, "/", FALSE);
  g_autofree char *identity = g_uri_escape_string (self->identity, "/", FALSE);
  g_autofree char *known = g_uri_escape_string (self->known_hosts, "/", FALSE);

  return g_strdup_printf ("sftp://%s@127.0.0.1:%u%s?identity=%s&known-hosts=%s&agent=false%s%s",
                          user, self->port, path, identity, known,
                          extra_query != NULL ? "&" : "", extra_query != NULL ? extra_query : "");
}
