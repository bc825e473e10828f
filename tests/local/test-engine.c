/* test-engine.c: async reads through the thread and io_uring engines,
 * and the fallback when a ring cannot be set up; async writes likewise */
#include <string.h>

#include "test-local-common.h"

#define N_FILES 64
#define FILE_SIZE (64 * 1024)

typedef struct
{
  GInputStream *stream;
  guint8 *buffer;
  gsize got;
  GError *error;
  guint *pending;
} Read;

static void
teardown (Fixture *f, gconstpointer user_data)
{
  fixture_teardown (f);
}

static void
read_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Read *r = user_data;

  g_input_stream_read_all_finish (G_INPUT_STREAM (source), result, &r->got, &r->error);
  (*r->pending)--;
}

/* Reads N_FILES files concurrently with async reads; checks every byte. */
static void
concurrent_reads (RsStore *store)
{
  g_autoptr(GError) error = NULL;
  Read reads[N_FILES];
  guint pending = N_FILES;

  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *name = g_strdup_printf ("f%u", i);
      g_autofree guint8 *data = g_malloc (FILE_SIZE);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(RsWriteResult) result = NULL;

      memset (data, 'a' + i % 26, FILE_SIZE);
      bytes = g_bytes_new_take (g_steal_pointer (&data), FILE_SIZE);
      result = rs_store_write_bytes (store, name, bytes, RS_WRITE_OVERWRITE, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *name = g_strdup_printf ("f%u", i);

      reads[i] = (Read) { rs_store_read (store, name, NULL, &error), g_malloc (FILE_SIZE + 1), 0, NULL,
                          &pending };
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_FILES; i++)
    g_input_stream_read_all_async (reads[i].stream, reads[i].buffer, FILE_SIZE + 1, G_PRIORITY_DEFAULT,
                                   NULL, read_done, &reads[i]);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < N_FILES; i++)
    {
      g_assert_no_error (reads[i].error);
      g_assert_cmpuint (reads[i].got, ==, FILE_SIZE);
      for (gsize j = 0; j < FILE_SIZE; j++)
        if (reads[i].buffer[j] != 'a' + i % 26)
          g_error ("byte %" G_GSIZE_FORMAT " of f%u is wrong", j, i);
      g_object_unref (reads[i].stream);
      g_free (reads[i].buffer);
    }
}

static void
async_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* An open_write stream written asynchronously goes through the engine. */
static void
async_writes (RsStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = rs_store_open_write (store, "w", RS_WRITE_ATOMIC, NULL, NULL, &error);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GString) want = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *chunk = g_strdup_printf ("chunk %u;", i);
      GAsyncResult *result = NULL;
      gsize written;

      g_output_stream_write_all_async (out, chunk, strlen (chunk), G_PRIORITY_DEFAULT, NULL,
                                       async_done, &result);
      g_assert_true (g_output_stream_write_all_finish (out, wait_for (&result), &written, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (written, ==, strlen (chunk));
      g_string_append (want, chunk);
      g_object_unref (result);
    }
  {
    GAsyncResult *result = NULL;

    g_output_stream_close_async (out, G_PRIORITY_DEFAULT, NULL, async_done, &result);
    g_assert_true (g_output_stream_close_finish (out, wait_for (&result), &error));
    g_assert_no_error (error);
    g_object_unref (result);
  }
  back = rs_store_read_bytes (store, "w", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (back, NULL), g_bytes_get_size (back), want->str, want->len);
}

static void
test_engine (Fixture *f, gconstpointer user_data)
{
  const char *io = user_data;
  g_autofree char *query = g_strconcat ("io=", io, NULL);

  fixture_setup (f, query);
  g_assert_cmpstr (store_detail (f->store, "io"), ==, io);
  concurrent_reads (f->store);
  async_writes (f->store);
}

/* A ring the kernel refuses (0 entries is EINVAL) falls back to threads. */
static void
test_uring_fallback (Fixture *f, gconstpointer user_data)
{
  fixture_setup (f, "io=uring&ring-entries=0");
  g_assert_cmpstr (store_detail (f->store, "io"), ==, "thread");
  concurrent_reads (f->store);
  async_writes (f->store);
}

static void
test_seek_and_range (Fixture *f, gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("0123456789", 10);
  g_autoptr(RsWriteResult) result = NULL;
  g_autoptr(GBytes) part = NULL;
  g_autoptr(GInputStream) stream = NULL;
  char buffer[8] = { 0 };

  fixture_setup (f, NULL);
  result = rs_store_write_bytes (f->store, "d", data, RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  part = rs_store_read_range (f->store, "d", 3, 4, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (part, NULL), g_bytes_get_size (part), "3456", 4);
  stream = rs_store_read (f->store, "d", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (G_IS_SEEKABLE (stream) && g_seekable_can_seek (G_SEEKABLE (stream)));
  g_assert_true (g_seekable_seek (G_SEEKABLE (stream), -3, G_SEEK_END, NULL, &error));
  g_assert_cmpint (g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error), ==, 3);
  g_assert_cmpstr (buffer, ==, "789");
  g_assert_cmpint (g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The test decides the engine through the option, not the environment. */
  g_unsetenv ("RS_LOCAL_IO");
  g_test_add ("/local/engine/thread", Fixture, "thread", NULL, test_engine, teardown);
  g_test_add ("/local/engine/uring", Fixture, "uring", NULL, test_engine, teardown);
  g_test_add ("/local/engine/uring-fallback", Fixture, NULL, NULL, test_uring_fallback, teardown);
  g_test_add ("/local/reads/seek-and-range", Fixture, NULL, NULL, test_seek_and_range, teardown);
  return g_test_run ();
}
