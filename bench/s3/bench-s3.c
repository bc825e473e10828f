/* bench-s3.c: libremotestore's side of the s3 benchmark
 *
 * bench/s3/run.py runs this once per server (Swift s3api, s3rver, nginx)
 * with RS_TEST_URI naming the server, and measures the peers on the same
 * server in the same run. Rows: PUT and GET of one big object (streamed
 * from a file / read to memory), PUT and GET of N small objects with 64 in
 * flight from one thread (async API), LIST of a folder of K keys.
 *
 * Output: one tab-separated line per row, "R row size client median min
 * max peak-KiB", wall seconds over --rounds. Peak RSS is per row: the
 * kernel's high-water mark (VmHWM) is reset before each row, so a row's
 * figure does not inherit the previous row's peak. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gstdio.h>
#include <remotestore/remotestore.h>

#define SMALL_SIZE 4096
#define IN_FLIGHT 64

static RsStore *store;
static char *big_file;
static char *big_key;
static gint64 big_size;
static int rounds = 3;
static int small_count = 500;
static int list_keys = 10000;
static char *list_folder;

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* Starts a fresh high-water mark at the current RSS; freed heap goes back
 * to the kernel first, so one row's buffers do not count in the next. */
static void
reset_peak_rss (void)
{
  FILE *f;

#ifdef __GLIBC__
  malloc_trim (0);
#endif
  f = fopen ("/proc/self/clear_refs", "w");
  if (f != NULL)
    {
      fputs ("5", f);
      fclose (f);
    }
}

static long
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

static double
big_put (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (big_file);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  g_autoptr(GError) error = NULL;
  double start = now ();
  g_autoptr(RsWriteResult) result = rs_store_write (store, big_key, G_INPUT_STREAM (in), RS_WRITE_OVERWRITE,
                                                    NULL, NULL, &error);

  g_assert_no_error (error);
  return now () - start;
}

static double
big_get (void)
{
  g_autoptr(GError) error = NULL;
  double start = now ();
  g_autoptr(GInputStream) in = rs_store_read (store, big_key, NULL, &error);
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

  if (batch->next == small_count)
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
  while (batch.done < small_count)
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
  g_autoptr(RsEnumerator) e = rs_store_list_files (store, list_folder, RS_LIST_RECURSIVE, NULL, -1, NULL, &error);
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
row (const char *id, const char *size, double (*run) (void))
{
  double times[32];

  reset_peak_rss ();
  for (int i = 0; i < rounds; i++)
    times[i] = run ();
  qsort (times, rounds, sizeof times[0], compare);
  printf ("R\t%s\t%s\tlibremotestore\t%.3f\t%.3f\t%.3f\t%ld\n", id, size, times[rounds / 2], times[0],
          times[rounds - 1], peak_rss_kib ());
  fflush (stdout);
}

static gboolean
wanted (char **rows, const char *id)
{
  return rows == NULL || g_strv_contains ((const char *const *) rows, id);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) base = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *rows_option = NULL;
  g_auto(GStrv) rows = NULL;
  g_autofree char *label = NULL;
  GStatBuf st;
  GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &big_file, "The big object's bytes", "PATH" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Timed rounds per row (odd, ≤ 31)", "N" },
    { "small-count", 0, 0, G_OPTION_ARG_INT, &small_count, "Objects in the small-object rows", "N" },
    { "list-keys", 0, 0, G_OPTION_ARG_INT, &list_keys, "Keys in the listing row", "N" },
    { "list-folder", 0, 0, G_OPTION_ARG_STRING, &list_folder, "Folder under bench/ of the listed keys", "NAME" },
    { "rows", 0, 0, G_OPTION_ARG_STRING, &rows_option,
      "Rows to run (put-big,get-big,put-small,get-small,list; default all)", "LIST" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("— s3 benchmarks (run by bench/s3/run.py)");

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (g_getenv ("RS_TEST_URI") == NULL || big_file == NULL || g_stat (big_file, &st) != 0)
    {
      g_printerr ("RS_TEST_URI and --file are needed: run bench/s3/run.py\n");
      return 2;
    }
  rounds = CLAMP (rounds, 1, 31);
  big_size = st.st_size;
  big_key = g_strdup_printf ("big-%" G_GINT64_FORMAT, big_size >> 20);
  label = g_strdup_printf ("%" G_GINT64_FORMAT " MiB", big_size >> 20);
  if (list_folder == NULL)
    list_folder = g_strdup ("many");
  if (rows_option != NULL)
    rows = g_strsplit (rows_option, ",", -1);
  /* BENCH_S3_OPTIONS: more URI options (say "&concurrency=8") to try. */
  uri = g_strdup_printf ("%s&max-connections=%d%s", g_getenv ("RS_TEST_URI"), IN_FLIGHT,
                         g_getenv ("BENCH_S3_OPTIONS") != NULL ? g_getenv ("BENCH_S3_OPTIONS") : "");
  base = rs_store_new_for_uri (uri, &error);
  g_assert_no_error (error);
  store = rs_store_child (base, "bench", &error);
  g_assert_no_error (error);

  if (wanted (rows, "put-big"))
    row ("put-big", label, big_put);
  if (wanted (rows, "get-big"))
    row ("get-big", label, big_get);
  g_free (label);
  label = g_strdup_printf ("%d x 4 KiB", small_count);
  if (wanted (rows, "put-small"))
    row ("put-small", label, small_put);
  if (wanted (rows, "get-small"))
    row ("get-small", label, small_get);
  g_free (label);
  label = g_strdup_printf ("%d keys", list_keys);
  if (wanted (rows, "list") && list_keys > 0)
    row ("list", label, list_all);
  g_clear_object (&store);
  g_free (big_key);
  g_free (big_file);
  g_free (list_folder);
  return 0;
}
