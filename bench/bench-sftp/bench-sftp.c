/* bench-sftp.c: libremotestore's sftp plugin against named peers
 *
 * One private sshd (the tests' fixture), the same files and the same run
 * for every peer: a 256 MiB file put and got, 500 × 4 KiB files put and
 * got. Peers: OpenSSH sftp -b, scp, rclone's sftp backend, paramiko and
 * asyncssh (peers.py); a peer that is not installed is reported as such
 * (install-peers.sh installs them). Each figure is the median of --runs
 * wall-clock runs; remote and local targets are removed between runs,
 * untimed. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <remotestore/remotestore.h>

#include "sshd-fixture.h"

static SshdFixture *sshd;
static char *local_dir;         /* sources: big.bin, small/ */
static char *out_dir;           /* where gets land */
static char *peers_py;
static guint runs = 3;
static guint big_mib = 256;
static guint small_count = 500;
static guint small_kib = 4;
static guint in_flight = 16;
static char *only_work;         /* --work: put-big,get-big,put-small,get-small */
static char *extra_query;       /* --query: options for our store, e.g. transfer-streams=1 */

typedef enum { PUT_BIG, GET_BIG, PUT_SMALL, GET_SMALL, N_WORK } Work;
static char *work_names[N_WORK];     /* "put 256 MiB", … from the sizes in use */
static const char *const work_verbs[] = { "put-big", "get-big", "put-small", "get-small" };

/* ---- files ------------------------------------------------------------ */

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
  g_unlink (path);
}

static void
fill (guint8 *buffer, gsize size, guint64 seed)
{
  for (gsize i = 0; i < size; i++)
    {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      buffer[i] = (guint8) (seed >> 56);
    }
}

static void
make_sources (void)
{
  g_autofree char *big = g_build_filename (local_dir, "big.bin", NULL);
  g_autofree char *small = g_build_filename (local_dir, "small", NULL);
  g_autofree guint8 *chunk = g_malloc (1024 * 1024);
  FILE *file;

  g_mkdir_with_parents (small, 0755);
  file = fopen (big, "wb");
  g_assert_nonnull (file);
  for (guint i = 0; i < big_mib; i++)
    {
      fill (chunk, 1024 * 1024, i + 1);
      g_assert_cmpuint (fwrite (chunk, 1, 1024 * 1024, file), ==, 1024 * 1024);
    }
  fclose (file);
  for (guint i = 0; i < small_count; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/f%04u", small, i);

      fill (chunk, small_kib * 1024, 1000 + i);
      g_assert_true (g_file_set_contents (path, (const char *) chunk, small_kib * 1024, NULL));
    }
}

static char *
remote_dir (const char *peer)
{
  return g_build_filename (sshd->root, peer, NULL);
}

/* The remote folder for puts (empty), or holding the sources for gets. */
static void
prepare (const char *peer, Work work)
{
  g_autofree char *remote = remote_dir (peer);
  g_autofree char *cmd = NULL;

  remove_tree (remote);
  remove_tree (out_dir);
  g_mkdir_with_parents (remote, 0755);
  g_mkdir_with_parents (out_dir, 0755);
  if (work == GET_BIG || work == GET_SMALL)
    {
      /* Same machine: seed the server's folder directly, untimed. */
      cmd = g_strdup_printf ("cp -r %s/big.bin %s/small %s/", local_dir, local_dir, remote);
      g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
    }
  sync ();
}

/* ---- external peers --------------------------------------------------- */

static gboolean
run_argv (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                               &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return FALSE;
    }
  if (!g_subprocess_get_successful (process))
    {
      g_printerr ("%s failed: %s\n", argv[0], out);
      return FALSE;
    }
  return TRUE;
}

static gboolean
openssh_sftp (const char *peer, Work work)
{
  g_autofree char *remote = remote_dir (peer);
  g_autofree char *batch = g_build_filename (sshd->dir, "bench-batch", NULL);
  g_autofree char *port = g_strdup_printf ("%u", sshd->port);
  g_autofree char *known = g_strdup_printf ("UserKnownHostsFile=%s", sshd->known_hosts);
  g_autofree char *target = g_strdup_printf ("%s@127.0.0.1", g_get_user_name ());
  g_autofree char *commands = NULL;

  switch (work)
    {
    case PUT_BIG: commands = g_strdup_printf ("put %s/big.bin %s/big.bin\n", local_dir, remote); break;
    case GET_BIG: commands = g_strdup_printf ("get %s/big.bin %s/big.bin\n", remote, out_dir); break;
    case PUT_SMALL: commands = g_strdup_printf ("put -r %s/small %s/small\n", local_dir, remote); break;
    default: commands = g_strdup_printf ("get -r %s/small %s/small\n", remote, out_dir); break;
    }
  g_assert_true (g_file_set_contents (batch, commands, -1, NULL));
  {
    const char *argv[] = { "sftp", "-q", "-F", "/dev/null", "-b", batch, "-P", port, "-i", sshd->identity,
                           "-o", known, "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                           "-o", "IdentityAgent=none", target, NULL };
    return run_argv (argv);
  }
}

static gboolean
openssh_scp (const char *peer, Work work)
{
  g_autofree char *remote = remote_dir (peer);
  g_autofree char *port = g_strdup_printf ("%u", sshd->port);
  g_autofree char *known = g_strdup_printf ("UserKnownHostsFile=%s", sshd->known_hosts);
  g_autofree char *host = g_strdup_printf ("%s@127.0.0.1:", g_get_user_name ());
  g_autofree char *from = NULL, *to = NULL;

  switch (work)
    {
    case PUT_BIG: from = g_strdup_printf ("%s/big.bin", local_dir);
                  to = g_strdup_printf ("%s%s/big.bin", host, remote); break;
    case GET_BIG: from = g_strdup_printf ("%s%s/big.bin", host, remote);
                  to = g_strdup_printf ("%s/big.bin", out_dir); break;
    case PUT_SMALL: from = g_strdup_printf ("%s/small", local_dir);
                    to = g_strdup_printf ("%s%s/small", host, remote); break;
    default: from = g_strdup_printf ("%s%s/small", host, remote);
             to = g_strdup_printf ("%s/small", out_dir); break;
    }
  {
    const char *argv[] = { "scp", "-q", "-r", "-F", "/dev/null", "-P", port, "-i", sshd->identity,
                           "-o", known, "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                           "-o", "IdentityAgent=none", from, to, NULL };
    return run_argv (argv);
  }
}

static gboolean
rclone (const char *peer, Work work)
{
  g_autofree char *remote = remote_dir (peer);
  g_autofree char *port = g_strdup_printf ("%u", sshd->port);
  g_autofree char *from = NULL, *to = NULL;
  const char *verb = (work == PUT_BIG || work == GET_BIG) ? "copyto" : "copy";

  switch (work)
    {
    case PUT_BIG: from = g_strdup_printf ("%s/big.bin", local_dir);
                  to = g_strdup_printf (":sftp:%s/big.bin", remote); break;
    case GET_BIG: from = g_strdup_printf (":sftp:%s/big.bin", remote);
                  to = g_strdup_printf ("%s/big.bin", out_dir); break;
    case PUT_SMALL: from = g_strdup_printf ("%s/small", local_dir);
                    to = g_strdup_printf (":sftp:%s/small", remote); break;
    default: from = g_strdup_printf (":sftp:%s/small", remote);
             to = g_strdup_printf ("%s/small", out_dir); break;
    }
  {
    const char *argv[] = { "rclone", "--config", "/dev/null", verb, from, to,
                           "--sftp-host", "127.0.0.1", "--sftp-port", port,
                           "--sftp-user", g_get_user_name (), "--sftp-key-file", sshd->identity,
                           "--sftp-known-hosts-file", sshd->known_hosts,
                           /* Like every other peer: no checksum round trips
                            * (rclone runs md5sum on the server per file). */
                           "--sftp-disable-hashcheck", NULL };
    return run_argv (argv);
  }
}

static gboolean
python_peer (const char *peer, Work work)
{
  g_autofree char *remote = remote_dir (peer);
  g_autofree char *port = g_strdup_printf ("%u", sshd->port);
  const char *argv[] = { "/usr/bin/python3", peers_py, peer, work_verbs[work], local_dir, remote, out_dir,
                         port, g_get_user_name (), sshd->identity, sshd->known_hosts, NULL };

  return run_argv (argv);
}

/* ---- libremotestore --------------------------------------------------- */

static RsStore *store;           /* the one being measured */
static RsStore *default_store;   /* our defaults (plus --query) */
static RsStore *single_store;    /* the same with transfer-streams=1 */

static gboolean
ours_put_big (const char *remote_key)
{
  g_autofree char *path = g_build_filename (local_dir, "big.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, &error);
  g_autoptr(RsWriteResult) result = NULL;

  g_assert_no_error (error);
  result = rs_store_write (store, remote_key, G_INPUT_STREAM (in), RS_WRITE_OVERWRITE, NULL, NULL,
                           &error);
  g_assert_no_error (error);
  return result != NULL;
}

static gboolean
ours_get_big (const char *remote_key)
{
  g_autofree char *path = g_build_filename (out_dir, "big.bin", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = rs_store_read (store, remote_key, NULL, &error);
  g_autofree guint8 *buffer = g_malloc (1024 * 1024);
  FILE *file = fopen (path, "wb");
  gssize n;

  g_assert_no_error (error);
  while ((n = g_input_stream_read (in, buffer, 1024 * 1024, NULL, &error)) > 0)
    g_assert_cmpuint (fwrite (buffer, 1, n, file), ==, (gsize) n);
  g_assert_no_error (error);
  fclose (file);
  return TRUE;
}

typedef struct
{
  guint next;
  guint pending;
  gboolean put;
  const char *folder;
  gboolean failed;
} Batch;

static void batch_start (Batch *batch);

static void
small_put_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Batch *batch = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) written = rs_store_write_bytes_finish (store, result, &error);

  if (error != NULL)
    {
      g_printerr ("put: %s\n", error->message);
      batch->failed = TRUE;
    }
  batch->pending--;
  batch_start (batch);
}

static void
small_get_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Batch *batch = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = rs_store_read_bytes_finish (store, result, &error);
  char *key = g_object_get_data (G_OBJECT (result), "bench-key");

  if (bytes == NULL)
    {
      g_printerr ("get: %s\n", error->message);
      batch->failed = TRUE;
    }
  else
    {
      g_autofree char *path = g_build_filename (out_dir, key, NULL);
      gsize size;
      const char *data_ptr = g_bytes_get_data (bytes, &size);

      if (!g_file_set_contents (path, data_ptr, size, &error))
        batch->failed = TRUE;
    }
  batch->pending--;
  batch_start (batch);
}

typedef struct
{
  Batch *batch;
  char *key;
} GetCall;

static void
small_get_trampoline (GObject *source, GAsyncResult *result, gpointer data)
{
  GetCall *call = data;

  g_object_set_data_full (G_OBJECT (result), "bench-key", call->key, g_free);
  small_get_done (source, result, call->batch);
  g_free (call);
}

/* Keeps in_flight operations going on the one shared store. */
static void
batch_start (Batch *batch)
{
  while (batch->pending < in_flight && batch->next < small_count)
    {
      g_autofree char *name = g_strdup_printf ("f%04u", batch->next++);
      g_autofree char *key = g_strdup_printf ("%s/small/%s", batch->folder, name);

      batch->pending++;
      if (batch->put)
        {
          g_autofree char *path = g_build_filename (local_dir, "small", name, NULL);
          g_autofree char *contents = NULL;
          gsize size;
          g_autoptr(GBytes) bytes = NULL;

          g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
          bytes = g_bytes_new_take (g_steal_pointer (&contents), size);
          rs_store_write_bytes_async (store, key, bytes, RS_WRITE_OVERWRITE, NULL, G_PRIORITY_DEFAULT,
                                      NULL, small_put_done, batch);
        }
      else
        {
          GetCall *call = g_new (GetCall, 1);

          call->batch = batch;
          call->key = g_strdup_printf ("small/%s", name);
          rs_store_read_bytes_async (store, key, G_PRIORITY_DEFAULT, NULL, small_get_trampoline, call);
        }
    }
}

static gboolean
ours_small (const char *folder, gboolean put)
{
  Batch batch = { 0, 0, put, folder, FALSE };
  g_autofree char *small_out = g_build_filename (out_dir, "small", NULL);

  if (!put)
    g_mkdir_with_parents (small_out, 0755);
  batch_start (&batch);
  while (batch.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  return !batch.failed;
}

static gboolean
ours (const char *peer, Work work)
{
  g_autofree char *big = g_strdup_printf ("%s/big.bin", peer);

  store = strcmp (peer, "ours-1-stream") == 0 ? single_store : default_store;
  switch (work)
    {
    case PUT_BIG: return ours_put_big (big);
    case GET_BIG: return ours_get_big (big);
    case PUT_SMALL: return ours_small (peer, TRUE);
    default: return ours_small (peer, FALSE);
    }
}

/* ---- the table -------------------------------------------------------- */

typedef gboolean (*PeerFunc) (const char *peer, Work work);

typedef struct
{
  const char *name;
  const char *needs;            /* a program on PATH, or NULL */
  const char *python_module;    /* or a module for /usr/bin/python3 */
  PeerFunc func;
} Peer;

static const Peer peers[] = {
  { "libremotestore", NULL, NULL, ours },
  /* Ourselves with one session per file: what striping brings. */
  { "ours-1-stream", NULL, NULL, ours },
  { "sftp", "sftp", NULL, openssh_sftp },
  { "scp", "scp", NULL, openssh_scp },
  { "rclone", "rclone", NULL, rclone },
  { "paramiko", NULL, "paramiko", python_peer },
  { "asyncssh", NULL, NULL, python_peer },
};

static gboolean
available (const Peer *peer)
{
  g_autofree char *program = NULL;

  if (peer->needs != NULL)
    return (program = g_find_program_in_path (peer->needs)) != NULL;
  if (peer->func == python_peer)
    {
      g_autofree char *cmd = g_strdup_printf ("/usr/bin/python3 -c 'import %s'", peer->name);
      g_autofree char *noise = NULL;
      int status = 1;

      return g_spawn_command_line_sync (cmd, NULL, &noise, &status, NULL) && status == 0;
    }
  return TRUE;
}

/* Same content on both sides, or the figure is worthless (untimed). */
static gboolean
same_file (const char *a, const char *b)
{
  const char *argv[] = { "cmp", "-s", a, b, NULL };
  int status = 1;

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                       &status, NULL) && status == 0;
}

static gboolean
verify (const Peer *peer, Work work)
{
  g_autofree char *local = g_build_filename (local_dir, "big.bin", NULL);
  g_autofree char *remote = remote_dir (peer->name);
  g_autofree char *put = g_build_filename (remote, "big.bin", NULL);
  g_autofree char *got = g_build_filename (out_dir, "big.bin", NULL);

  if (work == PUT_BIG)
    return same_file (local, put);
  if (work == GET_BIG)
    return same_file (local, got);
  return TRUE;
}

static double
cpu_seconds (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

typedef struct
{
  double wall;
  double client_cpu;            /* the peer's process, or ours (every thread) */
  double server_cpu;            /* sshd and everything it forked */
} Figures;

/* One timed run; FALSE when the peer failed or moved the wrong bytes. */
static gboolean
run_once (const Peer *peer, Work work, Figures *figures)
{
  int who = peer->func == ours ? RUSAGE_SELF : RUSAGE_CHILDREN;
  gint64 start;
  double client, server;

  prepare (peer->name, work);
  client = cpu_seconds (who);
  server = sshd_fixture_cpu_seconds (sshd);
  start = g_get_monotonic_time ();
  if (!peer->func (peer->name, work))
    return FALSE;
  figures->wall = (g_get_monotonic_time () - start) / 1e6;
  figures->client_cpu = cpu_seconds (who) - client;
  figures->server_cpu = sshd_fixture_cpu_seconds (sshd) - server;
  if (!verify (peer, work))
    {
      g_printerr ("%s: %s moved the wrong bytes\n", peer->name, work_names[work]);
      return FALSE;
    }
  return TRUE;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median_of (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

/* Runs are interleaved (every peer's first run, then every peer's second
 * …) so that load from elsewhere on the machine hits every peer alike.
 * Each figure is its own median over the runs. */
static void
measure (Work            work,
       const gboolean *present,
       Figures        *medians)
{
  GArray *wall[G_N_ELEMENTS (peers)], *client[G_N_ELEMENTS (peers)], *server[G_N_ELEMENTS (peers)];
  gboolean failed[G_N_ELEMENTS (peers)] = { FALSE };

  for (guint p = 0; p < G_N_ELEMENTS (peers); p++)
    {
      wall[p] = g_array_new (FALSE, FALSE, sizeof (double));
      client[p] = g_array_new (FALSE, FALSE, sizeof (double));
      server[p] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  for (guint r = 0; r < runs; r++)
    for (guint p = 0; p < G_N_ELEMENTS (peers); p++)
      {
        Figures figures;

        if (!present[p] || failed[p])
          continue;
        if (!run_once (&peers[p], work, &figures))
          {
            failed[p] = TRUE;
            continue;
          }
        g_array_append_val (wall[p], figures.wall);
        g_array_append_val (client[p], figures.client_cpu);
        g_array_append_val (server[p], figures.server_cpu);
      }
  for (guint p = 0; p < G_N_ELEMENTS (peers); p++)
    {
      medians[p].wall = -1;
      if (present[p] && !failed[p])
        {
          medians[p].wall = median_of (wall[p]);
          medians[p].client_cpu = median_of (client[p]);
          medians[p].server_cpu = median_of (server[p]);
        }
      g_array_unref (wall[p]);
      g_array_unref (client[p]);
      g_array_unref (server[p]);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("- sftp plugin vs OpenSSH and others");
  g_autofree char *uri = NULL;
  g_autofree char *only = NULL;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Timed runs per figure (median)", "N" },
    { "big-mib", 0, 0, G_OPTION_ARG_INT, &big_mib, "Size of the large file", "MIB" },
    { "small-count", 0, 0, G_OPTION_ARG_INT, &small_count, "Number of small files", "N" },
    { "in-flight", 0, 0, G_OPTION_ARG_INT, &in_flight, "Our small-file operations at once", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Peers to run (comma-separated)", "NAMES" },
    { "query", 0, 0, G_OPTION_ARG_STRING, &extra_query, "Options added to our sftp:// URI", "K=V&…" },
    { "work", 0, 0, G_OPTION_ARG_STRING, &only_work, "Work to measure (put-big,get-big,put-small,get-small)",
      "NAMES" },
    { NULL }
  };
  Figures results[G_N_ELEMENTS (peers)][N_WORK];
  gboolean wanted[G_N_ELEMENTS (peers)], present[G_N_ELEMENTS (peers)];

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  sshd = sshd_fixture_start (&error);
  if (sshd == NULL)
    {
      g_printerr ("cannot start sshd: %s\n", error->message);
      return 1;
    }
  local_dir = g_build_filename (sshd->dir, "local", NULL);
  out_dir = g_build_filename (sshd->dir, "out", NULL);
  peers_py = g_build_filename (BENCH_SRCDIR, "peers.py", NULL);
  work_names[PUT_BIG] = g_strdup_printf ("put %u MiB", big_mib);
  work_names[GET_BIG] = g_strdup_printf ("get %u MiB", big_mib);
  work_names[PUT_SMALL] = g_strdup_printf ("put %u × %u KiB", small_count, small_kib);
  work_names[GET_SMALL] = g_strdup_printf ("get %u × %u KiB", small_count, small_kib);
  make_sources ();
  uri = sshd_fixture_uri (sshd, extra_query);
  default_store = rs_store_new_for_uri (uri, &error);
  g_assert_no_error (error);
  {
    g_autofree char *single_query = g_strconcat (extra_query != NULL ? extra_query : "",
                                                 extra_query != NULL ? "&" : "", "transfer-streams=1",
                                                 NULL);
    g_autofree char *single_uri = sshd_fixture_uri (sshd, single_query);

    single_store = rs_store_new_for_uri (single_uri, &error);
    g_assert_no_error (error);
  }

  for (guint p = 0; p < G_N_ELEMENTS (peers); p++)
    {
      wanted[p] = only == NULL || strstr (only, peers[p].name) != NULL;
      present[p] = wanted[p] && available (&peers[p]);
      if (wanted[p] && !present[p])
        g_printerr ("%s is not installed (bench/bench-sftp/install-peers.sh installs it)\n",
                    peers[p].name);
    }
  for (Work w = 0; w < N_WORK; w++)
    {
      Figures medians[G_N_ELEMENTS (peers)] = { { 0 } };
      gboolean measured = only_work == NULL || strstr (only_work, work_verbs[w]) != NULL;

      if (measured)
        measure (w, present, medians);
      for (guint p = 0; p < G_N_ELEMENTS (peers); p++)
        {
          results[p][w] = medians[p];
          if (!measured || !wanted[p])
            results[p][w].wall = -3;
          else if (!present[p])
            results[p][w].wall = -2;
        }
    }

  g_print ("sftp on one loopback sshd, wall seconds, median of %u runs (MiB/s for large files)\n", runs);
  g_print ("%-16s", "work");
  for (guint p = 0; p < G_N_ELEMENTS (peers); p++)
    g_print (" %18s", peers[p].name);
  g_print ("\n");
  for (Work w = 0; w < N_WORK; w++)
    {
      g_print ("%-16s", work_names[w]);
      for (guint p = 0; p < G_N_ELEMENTS (peers); p++)
        {
          double s = results[p][w].wall;
          g_autofree char *cell = NULL;

          if (s == -3)
            cell = g_strdup ("-");
          else if (s == -2)
            cell = g_strdup ("not installed");
          else if (s < 0)
            cell = g_strdup ("failed");
          else if (w == PUT_BIG || w == GET_BIG)
            cell = g_strdup_printf ("%.2f (%.0f)", s, big_mib / s);
          else
            cell = g_strdup_printf ("%.2f", s);
          g_print (" %18s", cell);
        }
      g_print ("\n");
    }
  /* The figure the goal is stated in: how much faster we are. */
  g_print ("\nspeed of libremotestore relative to each peer (peer seconds / ours; > 1: we are faster)\n");
  for (Work w = 0; w < N_WORK; w++)
    {
      if (results[0][w].wall <= 0)
        continue;
      g_print ("%-16s", work_names[w]);
      for (guint p = 1; p < G_N_ELEMENTS (peers); p++)
        if (results[p][w].wall > 0)
          g_print ("  %s %.2f", peers[p].name, results[p][w].wall / results[0][w].wall);
      g_print ("\n");
    }
  /* Less sensitive to other load on the machine than wall time. */
  g_print ("\nCPU seconds, client + server (sshd), median of %u runs\n", runs);
  for (Work w = 0; w < N_WORK; w++)
    {
      gboolean any = FALSE;

      for (guint p = 0; p < G_N_ELEMENTS (peers); p++)
        any |= results[p][w].wall > 0;
      if (!any)
        continue;
      g_print ("%-16s", work_names[w]);
      for (guint p = 0; p < G_N_ELEMENTS (peers); p++)
        if (results[p][w].wall > 0)
          g_print ("  %s %.2f+%.2f", peers[p].name, results[p][w].client_cpu, results[p][w].server_cpu);
      g_print ("\n");
    }
  for (Work w = 0; w < N_WORK; w++)
    g_free (work_names[w]);
  g_clear_object (&default_store);
  g_clear_object (&single_store);
  remove_tree (local_dir);
  remove_tree (out_dir);
  sshd_fixture_free (sshd);
  return 0;
}
