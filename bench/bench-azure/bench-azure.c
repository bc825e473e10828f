/* bench-azure.c: libremotestore's side of the azure benchmark
 * (bench-azure.py drives it and the peers against one Azurite).
 *
 *   bench-azure URI put-big FILE KEY
 *   bench-azure URI get-big KEY
 *   bench-azure URI put-small PREFIX COUNT SIZE IN-FLIGHT
 *   bench-azure URI get-small PREFIX COUNT IN-FLIGHT
 *
 * Prints "seconds S maxrss-kib M" for the operation alone (the store is
 * opened and the plugin loaded before the clock starts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <remotestore/remotestore.h>

typedef struct
{
  RsStore *store;
  GMainLoop *loop;
  const char *prefix;
  guint count;
  guint started;
  guint done;
  guint in_flight;
  GBytes *data;
  gboolean reading;
  GError *error;
} Many;

static void start_more (Many *m);

static void
one_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Many *m = user_data;
  GError *error = NULL;

  if (m->reading)
    {
      GBytes *bytes = rs_store_read_bytes_finish (m->store, result, &error);

      g_clear_pointer (&bytes, g_bytes_unref);
    }
  else
    {
      RsWriteResult *r = rs_store_write_bytes_finish (m->store, result, &error);

      g_clear_object (&r);
    }
  if (error != NULL && m->error == NULL)
    m->error = error;
  else
    g_clear_error (&error);
  m->done++;
  m->in_flight--;
  if (m->done == m->count)
    g_main_loop_quit (m->loop);
  else
    start_more (m);
}

static void
start_more (Many *m)
{
  while (m->started < m->count && m->in_flight < 64)
    {
      g_autofree char *path = g_strdup_printf ("%s/%05u", m->prefix, m->started++);

      m->in_flight++;
      if (m->reading)
        rs_store_read_bytes_async (m->store, path, G_PRIORITY_DEFAULT, NULL, one_done, m);
      else
        rs_store_write_bytes_async (m->store, path, m->data, RS_WRITE_OVERWRITE, NULL,
                                    G_PRIORITY_DEFAULT, NULL, one_done, m);
    }
}

static gboolean
run_many (RsStore    *store,
          const char *prefix,
          guint       count,
          gsize       size,
          gboolean    reading,
          GError    **error)
{
  Many m = { store, g_main_loop_new (NULL, FALSE), prefix, count, 0, 0, 0, NULL, reading, NULL };
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = i * 7;
  m.data = g_bytes_new_take (data, size);
  start_more (&m);
  g_main_loop_run (m.loop);
  g_main_loop_unref (m.loop);
  g_bytes_unref (m.data);
  if (m.error != NULL)
    {
      g_propagate_error (error, m.error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_big (RsStore     *store,
         const char  *key,
         GError     **error)
{
  g_autoptr(GInputStream) in = rs_store_read (store, key, NULL, error);
  g_autofree char *buffer = g_malloc (1024 * 1024);
  gssize n;

  if (in == NULL)
    return FALSE;
  while ((n = g_input_stream_read (in, buffer, 1024 * 1024, NULL, error)) > 0)
    ;
  return n == 0;
}

static gboolean
put_big (RsStore     *store,
         const char  *file,
         const char  *key,
         GError     **error)
{
  g_autoptr(GFile) f = g_file_new_for_path (file);
  g_autoptr(GFileInputStream) in = g_file_read (f, NULL, error);
  g_autoptr(RsWriteResult) r = NULL;

  if (in == NULL)
    return FALSE;
  r = rs_store_write (store, key, G_INPUT_STREAM (in), RS_WRITE_OVERWRITE, NULL, NULL, error);
  return r != NULL;
}

/* Peak RSS in KiB from VmHWM: getrusage's ru_maxrss would include the
 * peak of the (Python) parent this process was forked from, as Linux
 * keeps it across exec. */
static long
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? atol (line + 6) : -1;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) store = NULL;
  gint64 start;
  gboolean ok = FALSE;

  if (argc < 4)
    {
      fprintf (stderr, "usage: see the comment at the top of bench-azure.c\n");
      return 1;
    }
  store = rs_store_new_for_uri (argv[1], &error);
  if (store == NULL || !rs_store_ping (store, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  start = g_get_monotonic_time ();
  if (strcmp (argv[2], "put-big") == 0 && argc == 5)
    ok = put_big (store, argv[3], argv[4], &error);
  else if (strcmp (argv[2], "get-big") == 0 && argc == 4)
    ok = get_big (store, argv[3], &error);
  else if (strcmp (argv[2], "put-small") == 0 && argc == 7)
    ok = run_many (store, argv[3], atoi (argv[4]), atoi (argv[5]), FALSE, &error);
  else if (strcmp (argv[2], "get-small") == 0 && argc == 6)
    ok = run_many (store, argv[3], atoi (argv[4]), 1, TRUE, &error);
  else
    {
      fprintf (stderr, "unknown operation\n");
      return 1;
    }
  if (!ok)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("seconds %.3f maxrss-kib %ld\n", (g_get_monotonic_time () - start) / 1e6, peak_rss_kib ());
  rs_store_close (store, NULL, NULL);
  return 0;
}
