/* test-sftp.c: the sftp plugin against a real sshd, beyond conformance
 *
 * Interop with OpenSSH's own `sftp -b` in both directions, host key
 * policies, refused logins, a server killed mid-transfer and a stalled
 * server (both fail with a typed error, never hang, and the next
 * operation reconnects), secrets kept out of every printable form, and
 * many threads and async callers on one instance with a small pool. */
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>
#include <glib/gstdio.h>
#include <remotestore/remotestore.h>

#include "sshd-fixture.h"

static SshdFixture *sshd;

/* ---- helpers ---------------------------------------------------------- */

static GBytes *
pattern (gsize size, guint seed)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) ((i * 131 + seed * 7 + (i >> 12)) & 0xff);
  return g_bytes_new_take (data, size);
}

static RsStore *
open_store (const char *extra_query)
{
  g_autofree char *uri = sshd_fixture_uri (sshd, extra_query);
  g_autoptr(GError) error = NULL;
  RsStore *store = rs_store_new_for_uri (uri, &error);

  g_assert_no_error (error);
  return store;
}

/* A store on a private folder of the run's root. */
static RsStore *
open_child (const char *extra_query, const char *folder)
{
  g_autoptr(RsStore) store = open_store (extra_query);
  g_autoptr(GError) error = NULL;
  RsStore *child = rs_store_child (store, folder, &error);

  g_assert_no_error (error);
  return child;
}

static void
assert_bytes_equal (GBytes *a, GBytes *b)
{
  g_assert_cmpuint (g_bytes_get_size (a), ==, g_bytes_get_size (b));
  g_assert_true (g_bytes_equal (a, b));
}

/* Runs OpenSSH's sftp in batch mode with @commands, as a user would. */
static void
run_openssh_sftp (const char *commands)
{
  g_autofree char *batch = g_build_filename (sshd->dir, "batch", NULL);
  g_autofree char *port = g_strdup_printf ("%u", sshd->port);
  g_autofree char *known = g_strdup_printf ("UserKnownHostsFile=%s", sshd->known_hosts);
  g_autofree char *target = g_strdup_printf ("%s@127.0.0.1", g_get_user_name ());
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) sftp = NULL;
  g_autofree char *out = NULL;

  g_assert_true (g_file_set_contents (batch, commands, -1, &error));
  sftp = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                           "sftp", "-F", "/dev/null", "-b", batch, "-P", port, "-i", sshd->identity,
                           "-o", known, "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                           "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", target, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (sftp, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (sftp))
    g_error ("sftp -b failed: %s", out);
}

/* ---- interop ---------------------------------------------------------- */

static void
test_interop_ours_to_openssh (void)
{
  g_autoptr(RsStore) store = open_child (NULL, "interop-out");
  g_autoptr(GBytes) data = pattern (3 * 1024 * 1024 + 17, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) result = NULL;
  g_autofree char *local = g_build_filename (sshd->dir, "got.bin", NULL);
  g_autofree char *commands = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  result = rs_store_write_bytes (store, "deep/er/big.bin", data, RS_WRITE_ATOMIC, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rs_write_result_get_size (result), ==, g_bytes_get_size (data));
  commands = g_strdup_printf ("get %s/interop-out/deep/er/big.bin %s\n", sshd->root, local);
  run_openssh_sftp (commands);
  g_assert_true (g_file_get_contents (local, &contents, &length, &error));
  {
    g_autoptr(GBytes) got = g_bytes_new_take (g_steal_pointer (&contents), length);

    assert_bytes_equal (got, data);
  }
  g_unlink (local);
}

static void
test_interop_openssh_to_ours (void)
{
  g_autoptr(RsStore) store = open_child (NULL, "interop-in");
  g_autoptr(GBytes) data = pattern (2 * 1024 * 1024 + 5, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GBytes) range = NULL;
  g_autoptr(RsEnumerator) files = NULL;
  g_autoptr(RsEntry) entry = NULL;
  g_autofree char *local = g_build_filename (sshd->dir, "put.bin", NULL);
  g_autofree char *commands = NULL;

  g_assert_true (g_file_set_contents (local, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                      &error));
  commands = g_strdup_printf ("mkdir %s/interop-in\nmkdir %s/interop-in/sub\n"
                              "put %s %s/interop-in/sub/from-openssh.bin\n",
                              sshd->root, sshd->root, local, sshd->root);
  run_openssh_sftp (commands);
  got = rs_store_read_bytes (store, "sub/from-openssh.bin", NULL, &error);
  g_assert_no_error (error);
  assert_bytes_equal (got, data);
  range = rs_store_read_range (store, "sub/from-openssh.bin", 1000000, 10, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) want = g_bytes_new_from_bytes (data, 1000000, 10);

    assert_bytes_equal (range, want);
  }
  files = rs_store_list_files (store, "", RS_LIST_RECURSIVE, NULL, -1, NULL, &error);
  g_assert_no_error (error);
  entry = rs_enumerator_next (files, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_assert_cmpstr (rs_entry_get_path (entry), ==, "sub/from-openssh.bin");
  g_unlink (local);
}

/* ---- host keys and logins --------------------------------------------- */

static void
expect_ping_error (const char *extra_query, int code)
{
  g_autoptr(RsStore) store = open_store (extra_query);
  g_autoptr(GError) error = NULL;

  g_assert_false (rs_store_ping (store, NULL, &error));
  g_assert_error (error, RS_ERROR, code);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

static void
test_unknown_host_key_refused (void)
{
  g_autofree char *empty = g_build_filename (sshd->dir, "empty_known_hosts", NULL);
  g_autofree char *query = g_strdup_printf ("known-hosts=%s", empty);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  expect_ping_error (query, RS_ERROR_PERMISSION_DENIED);
}

static void
test_changed_host_key_refused (void)
{
  g_autofree char *other_key = g_build_filename (sshd->dir, "other_host_key", NULL);
  g_autofree char *other_pub = g_strconcat (other_key, ".pub", NULL);
  g_autofree char *wrong = g_build_filename (sshd->dir, "wrong_known_hosts", NULL);
  g_autofree char *query = g_strdup_printf ("known-hosts=%s", wrong);
  g_autofree char *pub = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_spawn_sync (NULL, (char *[]) { "ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                                                  "-f", other_key, NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_true (g_file_get_contents (other_pub, &pub, NULL, &error));
  line = g_strdup_printf ("[127.0.0.1]:%u %s", sshd->port, pub);
  g_assert_true (g_file_set_contents (wrong, line, -1, &error));
  expect_ping_error (query, RS_ERROR_PERMISSION_DENIED);
  /* tofu never overrides a recorded key either. */
  g_free (query);
  query = g_strdup_printf ("known-hosts=%s&host-key-policy=tofu", wrong);
  expect_ping_error (query, RS_ERROR_PERMISSION_DENIED);
}

static void
test_tofu_records_the_key (void)
{
  g_autofree char *fresh = g_build_filename (sshd->dir, "tofu", "known_hosts", NULL);
  g_autofree char *tofu = g_strdup_printf ("known-hosts=%s&host-key-policy=tofu", fresh);
  g_autofree char *strict = g_strdup_printf ("known-hosts=%s", fresh);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(RsStore) store = open_store (tofu);

    g_assert_true (rs_store_ping (store, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_test (fresh, G_FILE_TEST_IS_REGULAR));
  {
    g_autoptr(RsStore) store = open_store (strict);

    g_assert_true (rs_store_ping (store, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_accept_any (void)
{
  g_autofree char *query = g_strdup_printf ("known-hosts=%s/none&host-key-policy=accept-any", sshd->dir);
  g_autoptr(RsStore) store = open_store (query);
  g_autoptr(GError) error = NULL;

  g_assert_true (rs_store_ping (store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_wrong_key_refused (void)
{
  g_autofree char *key = g_build_filename (sshd->dir, "stranger_key", NULL);
  g_autofree char *query = g_strdup_printf ("identity=%s", key);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_spawn_sync (NULL, (char *[]) { "ssh-keygen", "-q", "-t", "ed25519", "-N", "",
                                                  "-f", key, NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, &error));
  expect_ping_error (query, RS_ERROR_PERMISSION_DENIED);
}

static void
test_secrets_never_print (void)
{
  g_autofree char *uri = g_strdup_printf ("sftp://%s:hunter2-secret@127.0.0.1:%u%s?identity=%s"
                                          "&known-hosts=%s&agent=false&passphrase=sesame-secret",
                                          g_get_user_name (), sshd->port, sshd->root, sshd->identity,
                                          sshd->known_hosts);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) store = rs_store_new_for_uri (uri, &error);
  g_autoptr(RsResolutionPlan) plan = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_no_error (error);
  g_assert_null (strstr (rs_backend_get_location (rs_store_get_backend (store)), "secret"));
  plan = rs_store_resolve (store, "a/b");
  g_hash_table_iter_init (&iter, rs_resolution_plan_get_details (plan));
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_null (strstr (value, "secret"));
  /* The key has no passphrase; the login still works, and no message
   * quotes either secret. */
  if (!rs_store_ping (store, NULL, &error))
    {
      g_assert_null (strstr (error->message, "secret"));
      g_clear_error (&error);
    }
}

/* Appends @key's public half to the server's authorized keys. */
static void
authorize (const char *key, const char *passphrase)
{
  g_autofree char *pub_path = g_strconcat (key, ".pub", NULL);
  g_autofree char *authorized = g_build_filename (sshd->dir, "authorized_keys", NULL);
  g_autofree char *pub = NULL;
  g_autofree char *old = NULL;
  g_autofree char *both = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_spawn_sync (NULL, (char *[]) { "ssh-keygen", "-q", "-t", "ed25519", "-N",
                                                  (char *) passphrase, "-f", (char *) key, NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_true (g_file_get_contents (pub_path, &pub, NULL, &error));
  g_assert_true (g_file_get_contents (authorized, &old, NULL, &error));
  both = g_strconcat (old, pub, NULL);
  g_assert_true (g_file_set_contents (authorized, both, -1, &error));
}

static void
test_key_with_passphrase (void)
{
  g_autofree char *key = g_build_filename (sshd->dir, "locked_key", NULL);
  g_autofree char *right = g_strdup_printf ("identity=%s&passphrase=open-sesame", key);
  g_autofree char *wrong = g_strdup_printf ("identity=%s&passphrase=not-it", key);
  g_autoptr(GError) error = NULL;

  authorize (key, "open-sesame");
  {
    g_autoptr(RsStore) store = open_store (right);

    g_assert_true (rs_store_ping (store, NULL, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(RsStore) store = open_store (wrong);

    g_assert_false (rs_store_ping (store, NULL, &error));
    g_assert_error (error, RS_ERROR, RS_ERROR_PERMISSION_DENIED);
    g_assert_null (strstr (error->message, "not-it"));
  }
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
test_agent_login (void)
{
  g_autofree char *key = g_build_filename (sshd->dir, "agent_key", NULL);
  g_autofree char *socket_path = g_build_filename (sshd->dir, "agent.sock", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) agent = NULL;
  g_autoptr(RsStore) store = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("SSH_AUTH_SOCK"));

  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);

  authorize (key, "");
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  agent = g_subprocess_launcher_spawn (launcher, &error, "ssh-agent", "-D", "-a", socket_path, NULL);
  g_assert_no_error (error);
  for (int i = 0; i < 100 && !g_file_test (socket_path, G_FILE_TEST_EXISTS); i++)
    g_usleep (20 * 1000);
  g_setenv ("SSH_AUTH_SOCK", socket_path, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { "ssh-add", "-q", key, NULL }, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                               NULL, NULL, &error));
  /* No key file: the agent's key is the only way in. */
  uri = g_strdup_printf ("sftp://%s@127.0.0.1:%u%s?known-hosts=%s", g_get_user_name (), sshd->port,
                         sshd->root, sshd->known_hosts);
  store = rs_store_new_for_uri (uri, &error);
  g_assert_no_error (error);
  g_assert_true (rs_store_ping (store, NULL, &error));
  g_assert_no_error (error);
  g_subprocess_force_exit (agent);
  g_subprocess_wait (agent, NULL, NULL);
  if (saved != NULL)
    g_setenv ("SSH_AUTH_SOCK", saved, TRUE);
  else
    g_unsetenv ("SSH_AUTH_SOCK");
}

/* ---- faults ----------------------------------------------------------- */

static gboolean
is_connection_error (GError *error)
{
  return g_error_matches (error, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE) ||
         g_error_matches (error, RS_ERROR, RS_ERROR_TIMED_OUT);
}

static void
restart_sshd (void)
{
  g_autoptr(GError) error = NULL;

  sshd_fixture_kill (sshd);
  g_assert_true (sshd_fixture_restart (sshd, &error));
  g_assert_no_error (error);
}

static void
test_killed_mid_read (void)
{
  g_autoptr(RsStore) store = open_child ("idle-timeout-ms=5000", "killed-read");
  g_autoptr(GBytes) data = pattern (16 * 1024 * 1024, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  g_autoptr(RsWriteResult) written = NULL;
  gint64 start;
  gssize n = 0;

  written = rs_store_write_bytes (store, "big", data, RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  stream = rs_store_read (store, "big", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_input_stream_read (stream, buffer, 64 * 1024, NULL, &error), >, 0);
  sshd_fixture_kill (sshd);
  start = g_get_monotonic_time ();
  /* The read-ahead may still serve some bytes; then the read fails. */
  while ((n = g_input_stream_read (stream, buffer, 64 * 1024, NULL, &error)) > 0)
    ;
  g_assert_cmpint (n, ==, -1);
  g_assert_true (is_connection_error (error));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&error);
  g_input_stream_close (stream, NULL, NULL);
  g_assert_true (sshd_fixture_restart (sshd, &error));
  g_assert_no_error (error);
  /* The next operation on the same instance connects afresh. */
  again = rs_store_read_bytes (store, "big", NULL, &error);
  g_assert_no_error (error);
  assert_bytes_equal (again, data);
}

static void
test_killed_mid_write (void)
{
  g_autoptr(RsStore) store = open_child ("idle-timeout-ms=5000", "killed-write");
  g_autoptr(GBytes) chunk = pattern (1024 * 1024, 4);
  g_autoptr(GBytes) old = pattern (1000, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(RsWriteResult) written = NULL;
  gboolean failed = FALSE;

  written = rs_store_write_bytes (store, "target", old, RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  out = rs_store_open_write (store, "target", RS_WRITE_OVERWRITE | RS_WRITE_ATOMIC, NULL, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 4; i++)
    g_assert_true (g_output_stream_write_all (out, g_bytes_get_data (chunk, NULL),
                                              g_bytes_get_size (chunk), NULL, NULL, &error));
  sshd_fixture_kill (sshd);
  for (int i = 0; i < 16 && !failed; i++)
    failed = !g_output_stream_write_all (out, g_bytes_get_data (chunk, NULL),
                                         g_bytes_get_size (chunk), NULL, NULL, &error);
  if (!failed)
    failed = !g_output_stream_close (out, NULL, &error);
  g_assert_true (failed);
  g_assert_true (is_connection_error (error));
  g_clear_error (&error);
  g_clear_object (&out);
  g_assert_true (sshd_fixture_restart (sshd, &error));
  g_assert_no_error (error);
  /* The atomic write never replaced the target. */
  after = rs_store_read_bytes (store, "target", NULL, &error);
  g_assert_no_error (error);
  assert_bytes_equal (after, old);
}

static void
test_stalled_server_times_out (void)
{
  /* Short deadlines, but not so short that a loaded machine trips them
   * when the server is running. */
  g_autoptr(RsStore) store = open_child ("idle-timeout-ms=2000&connect-timeout-ms=4000&retry-attempts=1",
                                         "stalled");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) small = pattern (10, 6);
  g_autoptr(RsWriteResult) written = NULL;
  g_autoptr(RsFileInfo) info = NULL;
  gint64 start;

  written = rs_store_write_bytes (store, "f", small, RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  sshd_fixture_signal (sshd, SIGSTOP);
  start = g_get_monotonic_time ();
  info = rs_store_get_file_info (store, "f", NULL, &error);
  g_assert_null (info);
  g_assert_true (is_connection_error (error));
  /* The idle timeout on the old session, then the connect timeout of the
   * one retry on a fresh session: never a hang. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 12 * G_USEC_PER_SEC);
  g_clear_error (&error);
  sshd_fixture_signal (sshd, SIGCONT);
  info = rs_store_get_file_info (store, "f", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rs_fileinfo_get_size (info), ==, 10);
  restart_sshd ();
}

static void
test_connect_refused (void)
{
  g_autoptr(RsStore) store = open_store ("retry-attempts=2&retry-base-delay-ms=10");
  g_autoptr(GError) error = NULL;

  sshd_fixture_kill (sshd);
  g_assert_false (rs_store_ping (store, NULL, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_true (sshd_fixture_restart (sshd, &error));
  g_assert_true (rs_store_ping (store, NULL, &error));
  g_assert_no_error (error);
}

/* ---- one instance, many callers --------------------------------------- */

typedef struct
{
  RsStore *store;
  guint index;
} Worker;

static gpointer
worker_run (gpointer data)
{
  Worker *w = data;

  for (guint round = 0; round < 4; round++)
    {
      g_autofree char *path = g_strdup_printf ("w%u/r%u", w->index, round);
      g_autoptr(GBytes) content = pattern (300 * 1000 + w->index, w->index + round);
      g_autoptr(GError) error = NULL;
      g_autoptr(RsWriteResult) result = NULL;
      g_autoptr(GBytes) back = NULL;

      result = rs_store_write_bytes (w->store, path, content, RS_WRITE_ATOMIC, NULL, NULL, &error);
      g_assert_no_error (error);
      back = rs_store_read_bytes (w->store, path, NULL, &error);
      g_assert_no_error (error);
      assert_bytes_equal (back, content);
    }
  return NULL;
}

typedef struct
{
  guint pending;
  GBytes *want;
} AsyncReads;

static void
read_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncReads *reads = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) got = rs_store_read_bytes_finish (RS_STORE (source), result, &error);

  g_assert_no_error (error);
  assert_bytes_equal (got, reads->want);
  reads->pending--;
}

static void
test_shared_instance_small_pool (void)
{
  g_autoptr(RsStore) store = open_child ("max-connections=2", "shared");
  GThread *threads[8];
  Worker workers[8];
  g_autoptr(GBytes) want = pattern (200 * 1000, 9);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) result = NULL;
  AsyncReads reads = { 32, want };

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      workers[i] = (Worker) { store, i };
      threads[i] = g_thread_new ("worker", worker_run, &workers[i]);
    }
  result = rs_store_write_bytes (store, "common", want, RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 32; i++)
    rs_store_read_bytes_async (store, "common", G_PRIORITY_DEFAULT, NULL, read_done, &reads);
  while (reads.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

/* ---- striping: large files over several sessions ------------------------ */

/* Segments are 4 MiB: this is three whole ones and part of a fourth. */
#define STRIPED_SIZE (14 * 1024 * 1024 + 4321)

/* Waits until the connections of earlier tests are gone. */
static void
wait_no_connections (void)
{
  for (guint i = 0; i < 100 && sshd_fixture_connections (sshd) > 0; i++)
    g_usleep (20 * 1000);
  g_assert_cmpuint (sshd_fixture_connections (sshd), ==, 0);
}

/* Reads @stream to its end in reads of alternating odd sizes, across
 * segment boundaries and both the stream's and the lanes' paths. */
static GBytes *
read_all_oddly (GInputStream *stream)
{
  static const gsize sizes[] = { 100000, 1024 * 1024 + 3, 7, 300 * 1024 };
  GByteArray *all = g_byte_array_new ();
  g_autofree guint8 *buffer = g_malloc (2 * 1024 * 1024);
  g_autoptr(GError) error = NULL;
  gssize n;

  for (guint i = 0; (n = g_input_stream_read (stream, buffer, sizes[i % G_N_ELEMENTS (sizes)], NULL,
                                                &error)) > 0; i++)
    {
      g_assert_cmpint (n, <=, (gssize) sizes[i % G_N_ELEMENTS (sizes)]);
      g_byte_array_append (all, buffer, n);
    }
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);
  return g_byte_array_free_to_bytes (all);
}

static void
test_striped_round_trip (void)
{
  g_autoptr(RsStore) store = NULL;
  g_autoptr(GBytes) data = pattern (STRIPED_SIZE, 11);
  g_autoptr(GInputStream) source = g_memory_input_stream_new_from_bytes (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) written = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) got = NULL, range = NULL, on_disk = NULL;
  g_autoptr(GBytes) want_range = NULL;
  g_autofree char *path = g_build_filename (sshd->root, "striped", "big", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  wait_no_connections ();
  store = open_child ("transfer-streams=3", "striped");
  written = rs_store_write (store, "big", source, RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rs_write_result_get_size (written), ==, STRIPED_SIZE);
  /* The write used three sessions, and the server holds the right bytes. */
  g_assert_cmpuint (sshd_fixture_connections (sshd), ==, 3);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  on_disk = g_bytes_new_take (g_steal_pointer (&contents), length);
  assert_bytes_equal (on_disk, data);

  stream = rs_store_read (store, "big", NULL, &error);
  g_assert_no_error (error);
  got = read_all_oddly (stream);
  assert_bytes_equal (got, data);
  g_assert_true (g_input_stream_close (stream, NULL, &error));

  /* A range that starts and ends inside segments. */
  range = rs_store_read_range (store, "big", 5 * 1024 * 1024 + 7, 9 * 1024 * 1024, NULL, &error);
  g_assert_no_error (error);
  want_range = g_bytes_new_from_bytes (data, 5 * 1024 * 1024 + 7, 9 * 1024 * 1024);
  assert_bytes_equal (range, want_range);
}

static void
test_striped_read_seeks (void)
{
  g_autoptr(RsStore) store = open_child ("transfer-streams=2", "striped-seek");
  g_autoptr(GBytes) data = pattern (STRIPED_SIZE, 12);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) written = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  const guint8 *want = g_bytes_get_data (data, NULL);
  gsize got = 0;
  gssize n;

  written = rs_store_write_bytes (store, "big", data, RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  stream = rs_store_read (store, "big", NULL, &error);
  g_assert_no_error (error);
  /* Into the second segment (a lane's), then back and forth. */
  while (got < 5 * 1024 * 1024)
    {
      n = g_input_stream_read (stream, buffer, 64 * 1024, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      g_assert_cmpmem (buffer, n, want + got, n);
      got += n;
    }
  g_assert_true (g_seekable_seek (G_SEEKABLE (stream), 1000, G_SEEK_SET, NULL, &error));
  g_assert_no_error (error);
  n = g_input_stream_read (stream, buffer, 64 * 1024, NULL, &error);
  g_assert_cmpint (n, >, 0);
  g_assert_cmpmem (buffer, n, want + 1000, n);
  g_assert_true (g_seekable_seek (G_SEEKABLE (stream), -10, G_SEEK_END, NULL, &error));
  n = g_input_stream_read (stream, buffer, 64 * 1024, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 10);
  g_assert_cmpmem (buffer, n, want + STRIPED_SIZE - 10, n);
}

/* A striped read keeps reading the file it opened, even when another one
 * is renamed over it meanwhile (every lane opened it at the start). */
static void
test_striped_read_survives_overwrite (void)
{
  g_autoptr(RsStore) store = open_child ("transfer-streams=3", "striped-overwrite");
  g_autoptr(GBytes) first = pattern (STRIPED_SIZE, 13);
  g_autoptr(GBytes) second = pattern (STRIPED_SIZE, 14);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) written = NULL, replaced = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) got = NULL;

  written = rs_store_write_bytes (store, "big", first, RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  stream = rs_store_read (store, "big", NULL, &error);
  g_assert_no_error (error);
  replaced = rs_store_write_bytes (store, "big", second, RS_WRITE_OVERWRITE, NULL, NULL, &error);
  g_assert_no_error (error);
  got = read_all_oddly (stream);
  assert_bytes_equal (got, first);
}

/* One session at most: the same bytes, nothing spread. */
static void
test_striped_one_session (void)
{
  g_autoptr(RsStore) store = NULL;
  g_autoptr(GBytes) data = pattern (STRIPED_SIZE, 15);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) written = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) got = NULL;

  wait_no_connections ();
  store = open_child ("transfer-streams=4&max-connections=1", "striped-one");
  written = rs_store_write_bytes (store, "big", data, RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  stream = rs_store_read (store, "big", NULL, &error);
  g_assert_no_error (error);
  got = read_all_oddly (stream);
  assert_bytes_equal (got, data);
  g_assert_cmpuint (sshd_fixture_connections (sshd), ==, 1);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  sshd = sshd_fixture_start (&error);
  if (sshd == NULL)
    {
      g_print ("Bail out! cannot start sshd: %s\n", error->message);
      return 1;
    }
  g_test_add_func ("/sftp/interop/ours-read-by-openssh", test_interop_ours_to_openssh);
  g_test_add_func ("/sftp/interop/openssh-read-by-ours", test_interop_openssh_to_ours);
  g_test_add_func ("/sftp/host-key/unknown-refused", test_unknown_host_key_refused);
  g_test_add_func ("/sftp/host-key/changed-refused", test_changed_host_key_refused);
  g_test_add_func ("/sftp/host-key/tofu-records", test_tofu_records_the_key);
  g_test_add_func ("/sftp/host-key/accept-any", test_accept_any);
  g_test_add_func ("/sftp/login/wrong-key-refused", test_wrong_key_refused);
  g_test_add_func ("/sftp/login/secrets-never-print", test_secrets_never_print);
  g_test_add_func ("/sftp/login/key-with-passphrase", test_key_with_passphrase);
  g_test_add_func ("/sftp/login/agent", test_agent_login);
  g_test_add_func ("/sftp/concurrency/shared-instance-small-pool", test_shared_instance_small_pool);
  g_test_add_func ("/sftp/striping/round-trip", test_striped_round_trip);
  g_test_add_func ("/sftp/striping/seeks", test_striped_read_seeks);
  g_test_add_func ("/sftp/striping/survives-overwrite", test_striped_read_survives_overwrite);
  g_test_add_func ("/sftp/striping/one-session", test_striped_one_session);
  g_test_add_func ("/sftp/faults/killed-mid-read", test_killed_mid_read);
  g_test_add_func ("/sftp/faults/killed-mid-write", test_killed_mid_write);
  g_test_add_func ("/sftp/faults/stalled-server", test_stalled_server_times_out);
  g_test_add_func ("/sftp/faults/connect-refused-then-back", test_connect_refused);
  status = g_test_run ();
  g_clear_pointer (&sshd, sshd_fixture_free);
  return status;
}
