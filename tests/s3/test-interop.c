/* test-interop.c: what libremotestore writes, Debian's awscli (v2) reads,
 * and the reverse, against the same server (run by swift-harness.py:
 * RS_TEST_URI, S3_ENDPOINT, S3_BUCKET and AWS_* in the environment). */
#include <unistd.h>
#include <glib/gstdio.h>
#include <remotestore/remotestore.h>

static RsStore *store;
static char *root;              /* the store's folder in the bucket */

/* Runs /usr/bin/aws with @args; returns its trimmed stdout. */
static char *
aws (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  va_list ap;

  g_ptr_array_add (argv, "/usr/bin/aws");
  g_ptr_array_add (argv, "--endpoint-url");
  g_ptr_array_add (argv, (gpointer) g_getenv ("S3_ENDPOINT"));
  g_ptr_array_add (argv, "--output");
  g_ptr_array_add (argv, "text");
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("aws failed: %s", err);
  return g_strdup (g_strstrip (out));
}

static char *
object_key (const char *path)
{
  return g_strdup_printf ("%s/%s", root, path);
}

static GBytes *
pattern (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 7 + i / 4093);
  return g_bytes_new_take (data, size);
}

static char *
temp_file (GBytes *content)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("rs-interop-XXXXXX", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (content, NULL), g_bytes_get_size (content), &error));
  return path;
}

static void
assert_file_equals (const char *path,
                    GBytes     *expected)
{
  g_autofree char *data = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  g_assert_cmpmem (data, size, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

/* Ours → theirs: content, metadata (plain and encoded), a folder. */
static void
test_ours_read_by_awscli (void)
{
  g_autoptr(GBytes) content = g_bytes_new_static ("hello from libremotestore\n", 26);
  g_autoptr(GHashTable) metadata = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) result = NULL;
  g_autofree char *key = object_key ("ours/docs/a.txt");
  g_autofree char *s3uri = g_strdup_printf ("s3://%s/%s", g_getenv ("S3_BUCKET"), key);
  g_autofree char *head = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *body = NULL;
  g_autofree char *folders = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s/ours/", root);
  g_autofree char *expected_folder = g_strdup_printf ("%s/ours/docs/", root);

  g_hash_table_insert (metadata, "color", "blue");
  result = rs_store_write_bytes (store, "ours/docs/a.txt", content, RS_WRITE_NONE, metadata, NULL, &error);
  g_assert_no_error (error);

  head = aws ("s3api", "head-object", "--bucket", g_getenv ("S3_BUCKET"), "--key", key,
              "--query", "[ContentLength, ETag]", NULL);
  {
    g_autofree char *want = g_strdup_printf ("26\t\"%s\"", rs_write_result_get_etag (result));

    g_assert_cmpstr (head, ==, want);
  }
  meta = aws ("s3api", "head-object", "--bucket", g_getenv ("S3_BUCKET"), "--key", key,
              "--query", "Metadata.color", NULL);
  g_assert_cmpstr (meta, ==, "blue");
  body = aws ("s3", "cp", s3uri, "-", NULL);
  g_assert_cmpstr (body, ==, "hello from libremotestore");
  folders = aws ("s3api", "list-objects-v2", "--bucket", g_getenv ("S3_BUCKET"), "--prefix", prefix,
                 "--delimiter", "/", "--query", "CommonPrefixes[].Prefix", NULL);
  g_assert_cmpstr (folders, ==, expected_folder);
}

/* Theirs → ours: content, metadata, folders in listings. */
static void
test_awscli_read_by_ours (void)
{
  g_autoptr(GBytes) content = pattern (100 * 1024);
  g_autofree char *file = temp_file (content);
  g_autofree char *key = object_key ("theirs/sub/b.bin");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(RsFileInfo) info = NULL;
  g_autoptr(RsEnumerator) folders = NULL;
  g_autoptr(RsEntry) entry = NULL;
  g_autofree char *put = aws ("s3api", "put-object", "--bucket", g_getenv ("S3_BUCKET"), "--key", key,
                              "--body", file, "--metadata", "origin=awscli,n=1",
                              "--query", "ETag", NULL);

  read = rs_store_read_bytes (store, "theirs/sub/b.bin", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, content));
  info = rs_store_get_file_info (store, "theirs/sub/b.bin", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rs_fileinfo_get_size (info), ==, 100 * 1024);
  g_assert_cmpstr (g_hash_table_lookup (rs_fileinfo_get_metadata (info), "origin"), ==, "awscli");
  g_assert_cmpstr (g_hash_table_lookup (rs_fileinfo_get_metadata (info), "n"), ==, "1");
  {
    g_autofree char *quoted = g_strdup_printf ("\"%s\"", rs_fileinfo_get_etag (info));

    g_assert_cmpstr (put, ==, quoted);
  }
  g_assert_true (rs_store_is_folder (store, "theirs/sub", NULL, &error));
  g_assert_no_error (error);
  folders = rs_store_list_folders (store, "theirs", NULL, -1, NULL, &error);
  g_assert_no_error (error);
  entry = rs_enumerator_next (folders, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_assert_cmpstr (rs_entry_get_path (entry), ==, "theirs/sub");
  g_unlink (file);
}

/* Multipart both ways: our parallel parts, awscli's parts. */
static void
test_multipart_both_ways (void)
{
  g_autoptr(GBytes) content = pattern (12 * 1024 * 1024 + 17);
  g_autofree char *file = temp_file (content);
  g_autofree char *back = g_strconcat (file, ".back", NULL);
  g_autofree char *ours = object_key ("big/ours.bin");
  g_autofree char *theirs = object_key ("big/theirs.bin");
  g_autofree char *ours_uri = g_strdup_printf ("s3://%s/%s", g_getenv ("S3_BUCKET"), ours);
  g_autofree char *theirs_uri = g_strdup_printf ("s3://%s/%s", g_getenv ("S3_BUCKET"), theirs);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) result = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(RsFileInfo) info = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *uploaded = NULL;

  /* part-size 5 MiB in the URI: three parts. */
  result = rs_store_write_bytes (store, "big/ours.bin", content, RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (rs_write_result_get_etag (result), "-3"));
  etag = aws ("s3api", "head-object", "--bucket", g_getenv ("S3_BUCKET"), "--key", ours, "--query", "ETag", NULL);
  {
    g_autofree char *quoted = g_strdup_printf ("\"%s\"", rs_write_result_get_etag (result));

    g_assert_cmpstr (etag, ==, quoted);
  }
  copied = aws ("s3", "cp", "--only-show-errors", ours_uri, back, NULL);
  assert_file_equals (back, content);

  uploaded = aws ("s3", "cp", "--only-show-errors", file, theirs_uri, NULL);
  read = rs_store_read_bytes (store, "big/theirs.bin", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, content));
  info = rs_store_get_file_info (store, "big/theirs.bin", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strchr (rs_fileinfo_get_etag (info), '-'));
  g_unlink (file);
  g_unlink (back);
}

/* Copies above multipart-copy-threshold go through UploadPartCopy:
 * content and metadata arrive, in parts (a "-N" ETag). The threshold is
 * lowered from S3's 5 GiB so that the test copies 12 MiB. */
static void
test_multipart_copy (void)
{
  g_autoptr(GBytes) content = pattern (12 * 1024 * 1024 + 5);
  g_autoptr(GHashTable) metadata = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *uri = g_strdup_printf ("%s&part-size=5242880&multipart-copy-threshold=5242880",
                                          g_getenv ("RS_TEST_URI"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) base = rs_store_new_for_uri (uri, &error);
  g_autoptr(RsStore) copier = NULL;
  g_autoptr(RsWriteResult) written = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(RsFileInfo) info = NULL;

  g_assert_no_error (error);
  copier = rs_store_child (base, root, &error);
  g_assert_no_error (error);
  g_hash_table_insert (metadata, "Origin", "m\xc3\xa9tadata");
  written = rs_store_write_bytes (copier, "copy/src.bin", content, RS_WRITE_NONE, metadata, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rs_store_copy (copier, "copy/src.bin", "copy/dst.bin", RS_COPY_NONE, NULL, &error));
  g_assert_no_error (error);
  read = rs_store_read_bytes (copier, "copy/dst.bin", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, content));
  info = rs_store_get_file_info (copier, "copy/dst.bin", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (rs_fileinfo_get_etag (info), "-3"));
  g_assert_cmpstr (g_hash_table_lookup (rs_fileinfo_get_metadata (info), "Origin"), ==, "m\xc3\xa9tadata");
}

static void
skip_without_server (void)
{
  g_test_skip ("needs the Swift harness (RS_TEST_URI, S3_ENDPOINT)");
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) base = NULL;
  g_autofree char *uri = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("RS_TEST_URI") == NULL || g_getenv ("S3_ENDPOINT") == NULL)
    {
      g_test_add_func ("/s3/interop/needs-server", skip_without_server);
      return g_test_run ();
    }
  uri = g_strdup_printf ("%s&part-size=5242880", g_getenv ("RS_TEST_URI"));
  base = rs_store_new_for_uri (uri, &error);
  g_assert_no_error (error);
  root = g_strdup_printf ("interop-%08x", g_random_int ());
  store = rs_store_child (base, root, &error);
  g_assert_no_error (error);

  g_test_add_func ("/s3/interop/ours-read-by-awscli", test_ours_read_by_awscli);
  g_test_add_func ("/s3/interop/awscli-read-by-ours", test_awscli_read_by_ours);
  g_test_add_func ("/s3/interop/multipart-both-ways", test_multipart_both_ways);
  g_test_add_func ("/s3/interop/multipart-copy", test_multipart_copy);
  status = g_test_run ();
  rs_store_delete_folder (base, root, RS_DELETE_RECURSIVE | RS_DELETE_MISSING_OK, NULL, NULL);
  g_clear_object (&store);
  g_free (root);
  return status;
}
