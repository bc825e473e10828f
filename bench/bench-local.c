/* bench-local.c: the local plugin against GIO and cp(1), in one run
 *
 * Part 1: get_file_info / exists / read_bytes (4 KiB) through RsStore on
 * file:// against g_file_query_info / g_file_query_exists /
 * g_file_load_contents on the same files (goal: at most 1.5x).
 * Part 2: 1000 concurrent async reads of 64 KiB: streams from rs_store_read
 * read with g_input_stream_read_all_async on the thread engine and on the
 * io_uring engine, against GIO's GFileInputStream (GLib's worker pool);
 * then whole rs_store_read_bytes_async operations against
 * g_file_load_contents_async.
 * Part 3: copying one big file: cp(1), rs_store_copy (copy_file_range) and
 * a streamed copy between two file:// stores (rs_store_read into
 * rs_store_write), page cache warm.
 *
 * Each figure is the median over --rounds rounds (min and max shown). See
 * bench/README.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <remotestore/remotestore.h>

#define N_SMALL 1024
#define SMALL_SIZE 4096
#define N_CONCURRENT 1000
#define CONCURRENT_SIZE (64 * 1024)

static int rounds = 7;
static int cp_mib = 1024;
static char *dir_option;
static char *only;

typedef struct
{
  double median, min, max;
} Figure;

static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of the calling thread: what a sync operation costs, whatever
 * else runs on a shared machine. */
static double
thread_cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static Figure
summarise (double *samples, int n)
{
  qsort (samples, n, sizeof *samples, compare_doubles);
  return (Figure) { samples[n / 2], samples[0], samples[n - 1] };
}

static RsStore *
open_store (const char *root, const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup_printf ("file://%s%s%s", root, query ? "?" : "", query ? query : "");
  RsStore *store = rs_store_new_for_uri (uri, &error);

  if (store == NULL)
    g_error ("cannot open %s: %s", uri, error->message);
  return store;
}

static void
make_files (const char *root, const char *prefix, guint n, gsize size)
{
  g_autofree char *data = g_malloc (size);

  memset (data, 'x', size);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s%04u", root, prefix, i);

      if (!g_file_set_contents (path, data, size, NULL))
        g_error ("cannot write %s", path);
    }
}

/* ---- part 1 ------------------------------------------------------------ */

typedef enum { P_INFO, P_EXISTS, P_READ } SmallOp;

static double last_small_cpu;

static double
small_pass (RsStore *store, GFile **files, char **keys, SmallOp op, gboolean gio)
{
  double start = now (), cpu = thread_cpu ();

  for (guint i = 0; i < N_SMALL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (gio)
        {
          switch (op)
            {
            case P_INFO:
              {
                GFileInfo *info = g_file_query_info (files[i], "standard::type,standard::size,"
                                                     "time::modified,time::modified-usec,etag::value",
                                                     G_FILE_QUERY_INFO_NONE, NULL, &error);
                g_assert_nonnull (info);
                g_object_unref (info);
              }
              break;
            case P_EXISTS:
              g_assert_true (g_file_query_exists (files[i], NULL));
              break;
            case P_READ:
              {
                char *contents;
                gsize length;

                g_assert_true (g_file_load_contents (files[i], NULL, &contents, &length, NULL, &error));
                g_free (contents);
              }
              break;
            }
        }
      else
        {
          switch (op)
            {
            case P_INFO:
              {
                RsFileInfo *info = rs_store_get_file_info (store, keys[i], NULL, &error);
                g_assert_nonnull (info);
                g_object_unref (info);
              }
              break;
            case P_EXISTS:
              g_assert_true (rs_store_exists (store, keys[i], NULL, &error));
              break;
            case P_READ:
              {
                GBytes *bytes = rs_store_read_bytes (store, keys[i], NULL, &error);
                g_assert_nonnull (bytes);
                g_bytes_unref (bytes);
              }
              break;
            }
        }
      g_assert_no_error (error);
    }
  last_small_cpu = (thread_cpu () - cpu) / N_SMALL * 1e9;
  return (now () - start) / N_SMALL * 1e9;
}

static void
part_small (const char *root)
{
  static const char *const names[] = { "get_file_info", "exists", "read_bytes 4 KiB" };
  static const char *const peers[] = { "g_file_query_info", "g_file_query_exists", "g_file_load_contents" };
  g_autoptr(RsStore) store = open_store (root, NULL);
  GFile *files[N_SMALL];
  char *keys[N_SMALL];

  make_files (root, "s", N_SMALL, SMALL_SIZE);
  for (guint i = 0; i < N_SMALL; i++)
    {
      g_autofree char *path = NULL;

      keys[i] = g_strdup_printf ("s%04u", i);
      path = g_build_filename (root, keys[i], NULL);
      files[i] = g_file_new_for_path (path);
    }
  printf ("\nPart 1: %d files of 4 KiB, sync, ns per operation, median [min-max] of %d rounds\n"
          "        (cpu: the calling thread's CPU time, steady on a shared machine; wall: elapsed)\n",
          N_SMALL, rounds);
  printf ("%-17s %-21s %24s %14s %9s %9s\n", "operation", "peer", "RsStore cpu", "peer cpu", "cpu ratio",
          "wall ratio");
  for (SmallOp op = P_INFO; op <= P_READ; op++)
    {
      double ours[101], theirs[101], ours_cpu[101], theirs_cpu[101];
      Figure a, b, ac, bc;

      small_pass (store, files, keys, op, FALSE);
      small_pass (store, files, keys, op, TRUE);
      for (int r = 0; r < rounds; r++)
        {
          ours[r] = small_pass (store, files, keys, op, FALSE);
          ours_cpu[r] = last_small_cpu;
          theirs[r] = small_pass (store, files, keys, op, TRUE);
          theirs_cpu[r] = last_small_cpu;
        }
      a = summarise (ours, rounds);
      b = summarise (theirs, rounds);
      ac = summarise (ours_cpu, rounds);
      bc = summarise (theirs_cpu, rounds);
      printf ("%-17s %-21s %6.0f [%5.0f-%6.0f] %6.0f [%5.0f-%6.0f] %8.2fx %8.2fx\n", names[op], peers[op],
              ac.median, ac.min, ac.max, bc.median, bc.min, bc.max, ac.median / bc.median,
              a.median / b.median);
    }
  for (guint i = 0; i < N_SMALL; i++)
    {
      g_object_unref (files[i]);
      g_free (keys[i]);
    }
}

/* ---- part 2 ------------------------------------------------------------ */

typedef struct
{
  guint pending;
  guint8 *buffers;
} Flight;

static void
stream_read_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Flight *flight = user_data;
  g_autoptr(GError) error = NULL;
  gsize got;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (source), result, &got, &error) ||
      got != CONCURRENT_SIZE)
    g_error ("read failed: %s", error ? error->message : "short");
  flight->pending--;
}

/* Drops the files' pages from the page cache (clean pages go at once). */
static void
evict (const char *root)
{
  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/c%04u", root, i);
      int fd = open (path, O_RDONLY);

      if (fd >= 0)
        {
          fdatasync (fd);
          posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
          close (fd);
        }
    }
}

static gboolean cold;
static double last_cpu_ms;      /* CPU time of the last pass, every thread */

static double
cpu_seconds_of (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
         usage.ru_stime.tv_usec / 1e6;
}

static double
cpu_seconds (void)
{
  return cpu_seconds_of (RUSAGE_SELF);
}

/* 1000 streams opened first; the reads are what is timed. */
static double
concurrent_stream_pass (RsStore *store, const char *root)
{
  GInputStream *streams[N_CONCURRENT];
  Flight flight = { N_CONCURRENT, g_malloc (N_CONCURRENT * (gsize) CONCURRENT_SIZE) };
  double start, elapsed, cpu;

  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = g_strdup_printf ("c%04u", i);

      if (store != NULL)
        streams[i] = rs_store_read (store, key, NULL, &error);
      else
        {
          g_autofree char *path = g_build_filename (root, key, NULL);
          g_autoptr(GFile) file = g_file_new_for_path (path);

          streams[i] = G_INPUT_STREAM (g_file_read (file, NULL, &error));
        }
      g_assert_no_error (error);
    }
  if (cold)
    evict (root);
  cpu = cpu_seconds ();
  start = now ();
  for (guint i = 0; i < N_CONCURRENT; i++)
    g_input_stream_read_all_async (streams[i], flight.buffers + i * (gsize) CONCURRENT_SIZE,
                                   CONCURRENT_SIZE, G_PRIORITY_DEFAULT, NULL, stream_read_done, &flight);
  while (flight.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  elapsed = now () - start;
  last_cpu_ms = (cpu_seconds () - cpu) * 1e3;
  for (guint i = 0; i < N_CONCURRENT; i++)
    g_object_unref (streams[i]);
  g_free (flight.buffers);
  return elapsed * 1e3;
}

static void
bytes_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Flight *flight = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = rs_store_read_bytes_finish (RS_STORE (source), result, &error);

  if (bytes == NULL || g_bytes_get_size (bytes) != CONCURRENT_SIZE)
    g_error ("read_bytes failed: %s", error ? error->message : "short");
  flight->pending--;
}

static void
contents_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Flight *flight = user_data;
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    g_error ("load failed: %s", error->message);
  g_free (contents);
  flight->pending--;
}

/* 1000 whole operations (open, read, close) started at once. */
static double
concurrent_op_pass (RsStore *store, const char *root)
{
  Flight flight = { N_CONCURRENT, NULL };
  GFile *files[N_CONCURRENT];
  double start, cpu;

  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/c%04u", root, i);

      files[i] = g_file_new_for_path (path);
    }
  if (cold)
    evict (root);
  cpu = cpu_seconds ();
  start = now ();
  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      g_autofree char *key = g_strdup_printf ("c%04u", i);

      if (store != NULL)
        rs_store_read_bytes_async (store, key, G_PRIORITY_DEFAULT, NULL, bytes_done, &flight);
      else
        g_file_load_contents_async (files[i], NULL, contents_done, &flight);
    }
  while (flight.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  start = now () - start;
  last_cpu_ms = (cpu_seconds () - cpu) * 1e3;
  for (guint i = 0; i < N_CONCURRENT; i++)
    g_object_unref (files[i]);
  return start * 1e3;
}

static void
print_row (const char *name, double *samples, double *cpu, double reference, double cpu_reference)
{
  Figure f = summarise (samples, rounds);
  Figure c = summarise (cpu, rounds);

  printf ("%-46s %7.1f [%6.1f-%6.1f] %7.1f", name, f.median, f.min, f.max, c.median);
  if (reference > 0)
    printf ("   %5.2fx %5.2fx", f.median / reference, c.median / cpu_reference);
  printf ("\n");
}

static void
part_concurrent (const char *root)
{
  g_autoptr(RsStore) thread_store = open_store (root, "io=thread");
  g_autoptr(RsStore) uring_store = open_store (root, "io=uring");
  g_autoptr(RsResolutionPlan) plan = rs_store_resolve (uring_store, "x");
  const char *uring_io = g_hash_table_lookup (rs_resolution_plan_get_details (plan), "io");
  double gio[101], thread[101], uring[101], gio_cpu[101], thread_cpu[101], uring_cpu[101];
  double gio_median, cpu_median;

  make_files (root, "c", N_CONCURRENT, CONCURRENT_SIZE);
  if (g_strcmp0 (uring_io, "uring") != 0)
    printf ("  (io_uring refused by the kernel: the uring rows run the thread engine)\n");
  for (int pass = 0; pass < 2; pass++)
    {
  cold = pass == 1;
  printf ("\nPart 2%s: %d concurrent async reads of 64 KiB, ms per batch (page cache %s)\n",
          cold ? "b" : "a", N_CONCURRENT, cold ? "cold: pages dropped before each batch" : "warm");
  printf ("%-46s %7s %15s %7s   %s\n", "", "wall ms", "[min-max]", "cpu ms", "vs GIO: wall, cpu");
  concurrent_stream_pass (NULL, root);
  concurrent_stream_pass (thread_store, root);
  concurrent_stream_pass (uring_store, root);
  for (int r = 0; r < rounds; r++)
    {
      gio[r] = concurrent_stream_pass (NULL, root);
      gio_cpu[r] = last_cpu_ms;
      thread[r] = concurrent_stream_pass (thread_store, root);
      thread_cpu[r] = last_cpu_ms;
      uring[r] = concurrent_stream_pass (uring_store, root);
      uring_cpu[r] = last_cpu_ms;
    }
  gio_median = summarise (gio, rounds).median;
  cpu_median = summarise (gio_cpu, rounds).median;
  print_row ("stream reads: GIO GFileInputStream (peer)", gio, gio_cpu, 0, 0);
  print_row ("stream reads: RsStore, thread engine", thread, thread_cpu, gio_median, cpu_median);
  print_row ("stream reads: RsStore, io_uring engine", uring, uring_cpu, gio_median, cpu_median);

  for (int r = 0; r < rounds; r++)
    {
      gio[r] = concurrent_op_pass (NULL, root);
      gio_cpu[r] = last_cpu_ms;
      thread[r] = concurrent_op_pass (thread_store, root);
      thread_cpu[r] = last_cpu_ms;
      uring[r] = concurrent_op_pass (uring_store, root);
      uring_cpu[r] = last_cpu_ms;
    }
  gio_median = summarise (gio, rounds).median;
  cpu_median = summarise (gio_cpu, rounds).median;
  print_row ("whole reads: g_file_load_contents_async (peer)", gio, gio_cpu, 0, 0);
  print_row ("whole reads: read_bytes_async, thread engine", thread, thread_cpu, gio_median, cpu_median);
  print_row ("whole reads: read_bytes_async, io_uring engine", uring, uring_cpu, gio_median, cpu_median);
    }
}

/* ---- part 3 ------------------------------------------------------------ */

static double
timed_cp (const char *source, const char *destination)
{
  const char *argv[] = { "cp", source, destination, NULL };
  g_autoptr(GError) error = NULL;
  int status;
  double start = now ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                     &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("cp failed: %s", error->message);
  return now () - start;
}

static void
part_copy (const char *root)
{
  g_autofree char *a = g_build_filename (root, "a", NULL);
  g_autofree char *b = g_build_filename (root, "b", NULL);
  g_autofree char *source = g_build_filename (a, "big", NULL);
  g_autofree char *destination = g_build_filename (b, "big", NULL);
  g_autoptr(RsStore) store_a = NULL;
  g_autoptr(RsStore) store_b = NULL;
  double cp[101], copy[101], stream[101], cp_cpu[101], copy_cpu[101], stream_cpu[101];
  double gfile[101], gfile_cpu[101];
  double cp_median, cp_cpu_median, cpu;
  g_autofree char *copied = g_build_filename (a, "copy", NULL);
  int n = MIN (rounds, 5);
  int saved_rounds = rounds;

  g_mkdir (a, 0755);
  g_mkdir (b, 0755);
  store_a = open_store (a, NULL);
  store_b = open_store (b, NULL);
  {
    g_autofree char *chunk = g_malloc (1024 * 1024);
    FILE *out = fopen (source, "wb");

    for (gsize i = 0; i < 1024 * 1024; i++)
      chunk[i] = (char) (i * 31 + (i >> 10));
    for (int i = 0; i < cp_mib; i++)
      fwrite (chunk, 1, 1024 * 1024, out);
    fclose (out);
  }
  printf ("\nPart 3: copying a %d MiB file, median of %d rounds (page cache warm, no fsync;\n"
          "        cpu: user+system time of the copying process)\n", cp_mib, n);
  for (int r = -1; r < n; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GInputStream) in = NULL;
      g_autoptr(RsWriteResult) result = NULL;
      double start;

      /* Each copy starts with no dirty pages of another one in flight. */
      g_unlink (destination);
      g_unlink (copied);
      sync ();
      cpu = cpu_seconds_of (RUSAGE_CHILDREN);
      cp[MAX (r, 0)] = timed_cp (source, destination);
      cp_cpu[MAX (r, 0)] = cpu_seconds_of (RUSAGE_CHILDREN) - cpu;
      g_unlink (destination);
      sync ();
      cpu = cpu_seconds ();
      start = now ();
      if (!rs_store_copy (store_a, "big", "copy", RS_COPY_NONE, NULL, &error))
        g_error ("copy: %s", error->message);
      copy[MAX (r, 0)] = now () - start;
      copy_cpu[MAX (r, 0)] = cpu_seconds () - cpu;
      g_unlink (copied);
      sync ();
      cpu = cpu_seconds ();
      start = now ();
      in = rs_store_read (store_a, "big", NULL, &error);
      result = in ? rs_store_write (store_b, "big", in, RS_WRITE_NONE, NULL, NULL, &error) : NULL;
      if (result == NULL)
        g_error ("streamed copy: %s", error->message);
      stream[MAX (r, 0)] = now () - start;
      stream_cpu[MAX (r, 0)] = cpu_seconds () - cpu;

      /* A GIO stream on a plain file is descriptor-based: put copies
       * from its descriptor with copy_file_range. */
      g_clear_object (&result);
      g_clear_object (&in);
      g_unlink (destination);
      sync ();
      cpu = cpu_seconds ();
      start = now ();
      {
        g_autoptr(GFile) file = g_file_new_for_path (source);

        in = G_INPUT_STREAM (g_file_read (file, NULL, &error));
      }
      result = in ? rs_store_write (store_b, "big", in, RS_WRITE_NONE, NULL, NULL, &error) : NULL;
      if (result == NULL)
        g_error ("GFile copy: %s", error->message);
      gfile[MAX (r, 0)] = now () - start;
      gfile_cpu[MAX (r, 0)] = cpu_seconds () - cpu;
    }
  rounds = n;
  cp_median = summarise (cp, n).median;
  cp_cpu_median = summarise (cp_cpu, n).median;
  printf ("%-44s %8s %8s   %s\n", "", "wall s", "cpu s", "vs cp: wall, cpu");
  printf ("%-44s %8.3f %8.3f\n", "cp(1) (peer)", cp_median, cp_cpu_median);
  printf ("%-44s %8.3f %8.3f   %5.2fx %5.2fx\n", "rs_store_copy (copy_file_range)",
          summarise (copy, n).median, summarise (copy_cpu, n).median,
          summarise (copy, n).median / cp_median, summarise (copy_cpu, n).median / cp_cpu_median);
  printf ("%-44s %8.3f %8.3f   %5.2fx %5.2fx\n", "rs_store_read -> rs_store_write (2 stores)",
          summarise (stream, n).median, summarise (stream_cpu, n).median,
          summarise (stream, n).median / cp_median, summarise (stream_cpu, n).median / cp_cpu_median);
  printf ("%-44s %8.3f %8.3f   %5.2fx %5.2fx\n", "g_file_read -> rs_store_write (fd source)",
          summarise (gfile, n).median, summarise (gfile_cpu, n).median,
          summarise (gfile, n).median / cp_median, summarise (gfile_cpu, n).median / cp_cpu_median);
  rounds = saved_rounds;
  g_unlink (source);
  g_unlink (destination);
  g_unlink (copied);
}

static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

int
main (int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Timed rounds per figure (5-101, default 7)", "N" },
    { "cp-mib", 0, 0, G_OPTION_ARG_INT, &cp_mib, "Size of the copied file in MiB (default 1024; 0 skips)", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Run one part: small, concurrent or copy", "PART" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir_option, "Folder for the scratch files (default: TMPDIR)", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- local plugin benchmarks");
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  rounds = CLAMP (rounds, 5, 101);
  g_unsetenv ("RS_LOCAL_IO");   /* each row names its engine */
  if (dir_option != NULL)
    root = g_build_filename (dir_option, "rs-bench-local-XXXXXX", NULL), root = g_mkdtemp (root);
  else
    root = g_dir_make_tmp ("rs-bench-local-XXXXXX", &error);
  if (root == NULL)
    g_error ("no scratch folder");
  printf ("bench-local: scratch folder %s\n", root);
  if (only == NULL || strcmp (only, "small") == 0)
    part_small (root);
  if (only == NULL || strcmp (only, "concurrent") == 0)
    part_concurrent (root);
  if (cp_mib > 0 && (only == NULL || strcmp (only, "copy") == 0))
    part_copy (root);
  remove_tree (root);
  return 0;
}
