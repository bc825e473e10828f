/* bench-s3.c: libremotestore's s3 backend against named peers
 *
 * Run under tests/s3/swift-harness.py (it provides RS_TEST_URI, S3_ENDPOINT,
 * S3_BUCKET and credentials), so every row of one run hits the same Swift
 * s3api server. Rows: 256 MiB PUT and GET (streamed from / to a file),
 * 500 × 4 KiB PUT and GET with 64 in flight from one thread (async API),
 * LIST of N keys. The peers (boto3 and awscli, with the same sizes and
 * concurrency) are measured by bench-s3-peers.py in the same run. Wall
 * seconds, median of --rounds; our peak RSS after each row. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <remotestore/remotestore.h>

#define SMALL_COUNT 500
#define SMALL_SIZE 4096
#define IN_FLIGHT 64

static RsStore *store;
static char *big_file;
static gint64 big_size = 256 * 1024 * 1024;
static int rounds = 3;
static int list_keys = 10000;

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static long
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

static double
big_put (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (big_file);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  g_autoptr(GError) error = NULL;
  double start = now ();
  g_autoptr(RsWriteResult) result = rs_store_write (store, "big", G_INPUT_STREAM (in), RS_WRITE_OVERWRITE,
                                                    NULL, NULL, &error);

  g_assert_no_error (error);
  return now () - start;
}

static double
big_get (void)
{
  g_autoptr(GError) error = NULL;
  double start = now ();
  g_autoptr(GInputStream) in = rs_store_read (store, "big", NULL, &error);
  g_autofree char *buffer = g_malloc (1024 * 1024);
  gint64 total = 0;
  gssize n;

  g_assert_no_error (error);
  while ((n = g_input_stream_read (in, buffer, 1024 * 1024, NULL, &error)) > 0)
    total += n;
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, big_size);
  return now () - start;
}

typedef struct
{
  GMainContext *context;
  int next;
  int done;
  gboolean put;
  GBytes *data;
} Batch;

static void start_one (Batch *batch);

static void
one_done (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Batch *batch = data;
  g_autoptr(GError) error = NULL;

  if (batch->put)
    {
      g_autoptr(RsWriteResult) r = rs_store_write_bytes_finish (store, result, &error);
    }
  else
    {
      g_autoptr(GBytes) b = rs_store_read_bytes_finish (store, result, &error);

      g_assert_true (b == NULL || g_bytes_get_size (b) == SMALL_SIZE);
    }
  g_assert_no_error (error);
  batch->done++;
  start_one (batch);
}

static void
start_one (Batch *batch)
{
  g_autofree char *path = NULL;

  if (batch->next == SMALL_COUNT)
    return;
  path = g_strdup_printf ("small/%04d", batch->next++);
  if (batch->put)
    rs_store_write_bytes_async (store, path, batch->data, RS_WRITE_OVERWRITE, NULL, G_PRIORITY_DEFAULT,
                                NULL, one_done, batch);
  else
    rs_store_read_bytes_async (store, path, G_PRIORITY_DEFAULT, NULL, one_done, batch);
}

static double
small_batch (gboolean put)
{
  g_autofree guint8 *bytes = g_malloc0 (SMALL_SIZE);
  Batch batch = { g_main_context_new (), 0, 0, put, NULL };
  double start;

  batch.data = g_bytes_new (bytes, SMALL_SIZE);
  g_main_context_push_thread_default (batch.context);
  start = now ();
  for (int i = 0; i < IN_FLIGHT; i++)
    start_one (&batch);
  while (batch.done < SMALL_COUNT)
    g_main_context_iteration (batch.context, TRUE);
  start = now () - start;
  g_main_context_pop_thread_default (batch.context);
  g_main_context_unref (batch.context);
  g_bytes_unref (batch.data);
  return start;
}

static double
small_put (void)
{
  return small_batch (TRUE);
}

static double
small_get (void)
{
  return small_batch (FALSE);
}

static double
list_all (void)
{
  g_autoptr(GError) error = NULL;
  double start = now ();
  g_autoptr(RsEnumerator) e = rs_store_list_files (store, "many", RS_LIST_RECURSIVE, NULL, -1, NULL, &error);
  int count = 0;
  RsEntry *entry;

  g_assert_no_error (error);
  while ((entry = rs_enumerator_next (e, NULL, &error)) != NULL)
    {
      count++;
      g_object_unref (entry);
    }
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, list_keys);
  return now () - start;
}

static int
compare (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
row (const char *name, double (*run) (void))
{
  double times[32];

  for (int i = 0; i < rounds; i++)
    times[i] = run ();
  qsort (times, rounds, sizeof times[0], compare);
  printf ("%-28s %-12s %8.2f   (min %.2f, max %.2f)  peak RSS %ld MiB\n", name, "libremotestore",
          times[rounds / 2], times[0], times[rounds - 1], peak_rss_mib ());
  fflush (stdout);
}

static void
make_big_file (void)
{
  g_autoptr(GError) error = NULL;
  int fd = g_file_open_tmp ("rs-bench-XXXXXX", &big_file, &error);
  g_autofree guint8 *chunk = g_malloc (1024 * 1024);

  g_assert_no_error (error);
  for (int i = 0; i < 1024 * 1024; i++)
    chunk[i] = (guint8) (i * 31 + i / 977);
  for (gint64 done = 0; done < big_size; done += 1024 * 1024)
    g_assert_cmpint (write (fd, chunk, 1024 * 1024), ==, 1024 * 1024);
  close (fd);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) base = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *peers = NULL;
  GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Timed rounds per row (odd, ≤ 31)", "N" },
    { "list-keys", 0, 0, G_OPTION_ARG_INT, &list_keys, "Keys in the listing row", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("— s3 benchmarks (run under swift-harness.py)");

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || g_getenv ("RS_TEST_URI") == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "RS_TEST_URI not set: run under swift-harness.py");
      return 1;
    }
  rounds = CLAMP (rounds, 1, 31);
  /* BENCH_S3_OPTIONS: more URI options (say "&concurrency=8") to try. */
  uri = g_strdup_printf ("%s&max-connections=64%s", g_getenv ("RS_TEST_URI"),
                         g_getenv ("BENCH_S3_OPTIONS") != NULL ? g_getenv ("BENCH_S3_OPTIONS") : "");
  base = rs_store_new_for_uri (uri, &error);
  g_assert_no_error (error);
  store = rs_store_child (base, "bench", &error);
  g_assert_no_error (error);
  make_big_file ();

  printf ("# Swift s3api at %s; wall seconds, median of %d\n", g_getenv ("S3_ENDPOINT"), rounds);
  printf ("%-28s %-12s %8s\n", "row", "client", "seconds");
  row ("PUT 256 MiB", big_put);
  row ("GET 256 MiB", big_get);
  row ("PUT 500 x 4 KiB, 64 in flight", small_put);
  row ("GET 500 x 4 KiB, 64 in flight", small_get);
  if (g_getenv ("BENCH_S3_NO_PEERS") != NULL)
    list_keys = 0;
  if (list_keys > 0)
    {
      g_autofree char *cmd = g_strdup_printf ("/usr/bin/python3 %s/bench-s3-peers.py --fill-list %d",
                                              g_getenv ("BENCH_DIR") ? g_getenv ("BENCH_DIR") : ".", list_keys);

      /* Filling is not measured; boto3 with 64 threads does it. */
      g_assert_cmpint (system (cmd), ==, 0);
      row ("LIST keys", list_all);
    }
  peers = g_strdup_printf ("/usr/bin/python3 %s/bench-s3-peers.py --file %s --rounds %d --list-keys %d",
                           g_getenv ("BENCH_DIR") ? g_getenv ("BENCH_DIR") : ".", big_file, rounds, list_keys);
  fflush (stdout);
  if (g_getenv ("BENCH_S3_NO_PEERS") == NULL && system (peers) != 0)
    g_printerr ("the peers failed\n");
  rs_store_delete_folder (base, "bench", RS_DELETE_RECURSIVE | RS_DELETE_MISSING_OK, NULL, NULL);
  g_unlink (big_file);
  return 0;
}
