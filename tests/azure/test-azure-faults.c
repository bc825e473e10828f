/* test-azure-faults.c: connections dropped mid-upload and mid-download.
 * Runs under azurite-harness.py; fault-proxy.py sits between the plugin
 * and Azurite and resets connections after a number of bytes. */
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include <remotestore/remotestore.h>

#define BIG (3 * 1024 * 1024 + 11)

typedef struct
{
  GSubprocess *proxy;
  char *report;
  RsStore *store;
} Fault;

static GBytes *
pattern (gsize n, guint seed)
{
  guint8 *data = g_malloc (n);

  for (gsize i = 0; i < n; i++)
    data[i] = (i * 31 + seed) % 251;
  return g_bytes_new_take (data, n);
}

/* A store through a proxy resetting at most @times connections (-1:
 * all) after @after bytes one way. */
static void
fault_start (Fault      *f,
             const char *mode,
             gsize       after,
             int         times)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "fault-proxy.py", NULL);
  g_autofree char *after_text = g_strdup_printf ("%" G_GSIZE_FORMAT, after);
  g_autofree char *times_text = g_strdup_printf ("%d", times);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rs-azure-fault-XXXXXX", &error);

  g_assert_no_error (error);
  f->report = g_build_filename (dir, "cuts", NULL);
  f->proxy = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "/usr/bin/python3", script,
                               g_getenv ("AZURITE_PORT"), mode, after_text, times_text, f->report, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->proxy));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "port "));
  /* Small blocks so that an upload stages several; quick retries. */
  uri = g_strdup_printf ("azure://faults?endpoint=http://127.0.0.1:%s/devstoreaccount1"
                         "&block-size=262144&concurrency=2&retry-attempts=4&retry-base-delay-ms=20",
                         line + 5);
  f->store = rs_store_new_for_uri (uri, &error);
  g_assert_no_error (error);
}

static int
fault_cuts (Fault *f)
{
  g_autofree char *text = NULL;

  g_file_get_contents (f->report, &text, NULL, NULL);
  return text != NULL ? atoi (text) : -1;
}

static void
fault_stop (Fault *f)
{
  g_autofree char *dir = g_path_get_dirname (f->report);

  rs_store_close (f->store, NULL, NULL);
  g_clear_object (&f->store);
  /* Only the proxy this test started. */
  g_subprocess_force_exit (f->proxy);
  g_subprocess_wait (f->proxy, NULL, NULL);
  g_clear_object (&f->proxy);
  g_unlink (f->report);
  g_rmdir (dir);
  g_clear_pointer (&f->report, g_free);
}

/* A store straight to Azurite, to set up and check behind the proxy's back. */
static RsStore *
direct_store (void)
{
  g_autofree char *uri = g_strdup_printf ("azure://faults?endpoint=%s", g_getenv ("AZURITE_ENDPOINT"));
  g_autoptr(GError) error = NULL;
  RsStore *store = rs_store_new_for_uri (uri, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_download_resumes (void)
{
  g_autoptr(RsStore) direct = direct_store ();
  g_autoptr(GBytes) data = pattern (BIG, 3);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) r = rs_store_write_bytes (direct, "down/big", data, RS_WRITE_OVERWRITE, NULL, NULL, &error);
  Fault f = { 0 };

  g_assert_no_error (error);
  fault_start (&f, "download", 1024 * 1024, 2);
  back = rs_store_read_bytes (f.store, "down/big", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fault_cuts (&f), ==, 2);
  g_assert_true (g_bytes_equal (back, data));
  fault_stop (&f);
  rs_store_close (direct, NULL, NULL);
}

static void
test_download_fails_loudly (void)
{
  g_autoptr(RsStore) direct = direct_store ();
  g_autoptr(GBytes) data = pattern (BIG, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) r = rs_store_write_bytes (direct, "down/always", data, RS_WRITE_OVERWRITE, NULL, NULL, &error);
  g_autoptr(GInputStream) in = NULL;
  g_autofree guint8 *buffer = g_malloc (BIG);
  gsize got = 0;
  Fault f = { 0 };

  g_assert_no_error (error);
  fault_start (&f, "download", 512 * 1024, -1);
  in = rs_store_read (f.store, "down/always", NULL, &error);
  if (in != NULL)
    g_input_stream_read_all (in, buffer, BIG, &got, NULL, &error);
  /* Every connection dropped: an error, never a silently short file. */
  g_assert_nonnull (error);
  g_assert_true (error->domain == RS_ERROR);
  g_assert_cmpuint (got, <, BIG);
  g_assert_cmpint (fault_cuts (&f), >=, 2);
  fault_stop (&f);
  rs_store_close (direct, NULL, NULL);
}

static void
test_upload_retries_blocks (void)
{
  g_autoptr(RsStore) direct = direct_store ();
  g_autoptr(GBytes) data = pattern (BIG, 5);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) r = NULL;
  Fault f = { 0 };

  fault_start (&f, "upload", 100 * 1024, 3);
  r = rs_store_write_bytes (f.store, "up/big", data, RS_WRITE_OVERWRITE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rs_write_result_get_size (r), ==, BIG);
  g_assert_cmpint (fault_cuts (&f), ==, 3);
  back = rs_store_read_bytes (direct, "up/big", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, data));
  fault_stop (&f);
  rs_store_close (direct, NULL, NULL);
}

static void
test_upload_fails_atomically (void)
{
  g_autoptr(RsStore) direct = direct_store ();
  g_autoptr(GBytes) old = g_bytes_new_static ("old content", 11);
  g_autoptr(GBytes) data = pattern (BIG, 6);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) r0 = rs_store_write_bytes (direct, "up/kept", old, RS_WRITE_OVERWRITE, NULL, NULL, &error);
  g_autoptr(RsWriteResult) r = NULL;
  Fault f = { 0 };

  g_assert_no_error (error);
  fault_start (&f, "upload", 64 * 1024, -1);
  r = rs_store_write_bytes (f.store, "up/kept", data, RS_WRITE_OVERWRITE | RS_WRITE_ATOMIC, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE);
  g_clear_error (&error);
  r = rs_store_write_bytes (f.store, "up/new", data, RS_WRITE_ATOMIC, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_nonnull (error);
  g_clear_error (&error);
  fault_stop (&f);
  /* The old content stands; the new file never appeared. */
  back = rs_store_read_bytes (direct, "up/kept", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, old));
  g_assert_false (rs_store_exists (direct, "up/new", NULL, &error));
  g_assert_no_error (error);
  rs_store_close (direct, NULL, NULL);
}

/* A seek re-opens the range with If-Match on the first answer's ETag: a
 * blob replaced meanwhile fails the read instead of mixing two versions. */
static void
test_seek_refuses_new_version (void)
{
  g_autoptr(RsStore) direct = direct_store ();
  g_autoptr(GBytes) data = pattern (BIG, 5);
  g_autoptr(GBytes) other = pattern (BIG, 6);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) r = rs_store_write_bytes (direct, "seek/changing", data, RS_WRITE_OVERWRITE, NULL, NULL, &error);
  g_autoptr(RsWriteResult) r2 = NULL;
  g_autoptr(GInputStream) in = NULL;
  guint8 buffer[4096];
  gssize n;

  g_assert_no_error (error);
  in = rs_store_read (direct, "seek/changing", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (G_IS_SEEKABLE (in));
  n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (buffer, n, g_bytes_get_data (data, NULL), n);
  /* Unchanged, a seek back and forth reads the right bytes. */
  g_assert_true (g_seekable_seek (G_SEEKABLE (in), BIG - 100, G_SEEK_SET, NULL, &error));
  n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (buffer, n, (const guint8 *) g_bytes_get_data (data, NULL) + BIG - 100, 100);
  r2 = rs_store_write_bytes (direct, "seek/changing", other, RS_WRITE_OVERWRITE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_seekable_seek (G_SEEKABLE (in), 10, G_SEEK_SET, NULL, &error));
  n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &error);
  g_assert_cmpint (n, ==, -1);
  g_assert_error (error, RS_ERROR, RS_ERROR_PRECONDITION_FAILED);
  rs_store_close (direct, NULL, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("AZURITE_PORT") == NULL)
    {
      g_print ("1..0 # SKIP not run under azurite-harness.py\n");
      return 77;
    }
  g_test_add_func ("/azure/faults/download-resumes", test_download_resumes);
  g_test_add_func ("/azure/faults/download-fails-loudly", test_download_fails_loudly);
  g_test_add_func ("/azure/faults/upload-retries-blocks", test_upload_retries_blocks);
  g_test_add_func ("/azure/faults/upload-fails-atomically", test_upload_fails_atomically);
  g_test_add_func ("/azure/faults/seek-refuses-new-version", test_seek_refuses_new_version);
  return g_test_run ();
}
