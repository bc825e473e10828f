/* test-azure-interop.c: files, folders and metadata written by
 * libremotestore are read correctly by the Azure SDK for Python
 * (python3-azure), and the reverse. Runs under azurite-harness.py;
 * interop-sdk.py is the SDK's side. */
#include <string.h>

#include <remotestore/remotestore.h>

static RsStore *store;

static GBytes *
pattern (gsize n)
{
  guint8 *data = g_malloc (n);

  for (gsize i = 0; i < n; i++)
    data[i] = (i * 31 + 7) % 251;
  return g_bytes_new_take (data, n);
}

static GHashTable *
table (const char *first, ...)
{
  GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  va_list args;

  va_start (args, first);
  for (const char *k = first; k != NULL; k = va_arg (args, const char *))
    g_hash_table_insert (t, g_strdup (k), g_strdup (va_arg (args, const char *)));
  va_end (args);
  return t;
}

static void
run_sdk (const char *command)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "interop-sdk.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, command, "interop", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("interop-sdk.py %s: %s%s", command, out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
put (const char *path,
     GBytes     *data,
     GHashTable *metadata)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) r = rs_store_write_bytes (store, path, data, RS_WRITE_OVERWRITE, metadata, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (rs_write_result_get_size (r), ==, g_bytes_get_size (data));
}

static void
test_libremotestore_to_sdk (void)
{
  g_autoptr(GBytes) small = g_bytes_new_static ("small from libremotestore", 25);
  g_autoptr(GBytes) big = pattern (1024 * 1024 + 7);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GHashTable) md = table ("origin", "rs", "n", "2", NULL);
  g_autoptr(GHashTable) encoded = table ("plain", "yes", "Key-2.x", "\xe6\x97\xa5\xe6\x9c\xac", NULL);
  g_autoptr(GError) error = NULL;

  put ("rs/small.txt", small, md);
  put ("rs/deep/er/big.bin", big, NULL);       /* 64 KiB blocks: staged */
  put ("rs/empty", empty, NULL);
  put ("rs/encoded.txt", small, encoded);
  g_assert_true (rs_store_copy (store, "rs/small.txt", "rs/copy.txt", RS_COPY_OVERWRITE, NULL, &error));
  g_assert_no_error (error);
  run_sdk ("check");
}

static void
test_sdk_to_libremotestore (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) small = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GBytes) want = pattern (1024 * 1024 + 7);
  g_autoptr(GBytes) part = NULL;
  g_autoptr(RsFileInfo) info = NULL;
  g_autoptr(RsEnumerator) files = NULL;
  g_autoptr(RsEnumerator) folders = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GHashTable *md;
  RsEntry *entry;

  run_sdk ("write");
  small = rs_store_read_bytes (store, "sdk/small.txt", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (small, NULL), g_bytes_get_size (small), "small from the sdk", 18);
  big = rs_store_read_bytes (store, "sdk/deep/er/big.bin", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (big, want));
  part = rs_store_read_range (store, "sdk/deep/er/big.bin", 1000, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (part, NULL), 10, (const guint8 *) g_bytes_get_data (want, NULL) + 1000, 10);

  info = rs_store_get_file_info (store, "sdk/small.txt", NULL, &error);
  g_assert_no_error (error);
  md = rs_fileinfo_get_metadata (info);
  g_assert_cmpuint (g_hash_table_size (md), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (md, "origin"), ==, "sdk");
  g_assert_cmpstr (g_hash_table_lookup (md, "n"), ==, "1");
  g_assert_nonnull (rs_fileinfo_get_etag (info));
  g_assert_nonnull (rs_fileinfo_get_modified (info));

  g_assert_true (rs_store_is_folder (store, "sdk/deep/er", NULL, &error));
  g_assert_true (rs_store_is_file (store, "sdk/space name \xc3\xa9.txt", NULL, &error));
  files = rs_store_list_files (store, "sdk", RS_LIST_RECURSIVE, NULL, -1, NULL, &error);
  g_assert_no_error (error);
  while ((entry = rs_enumerator_next (files, NULL, &error)) != NULL)
    {
      g_ptr_array_add (names, g_strdup (rs_entry_get_path (entry)));
      g_object_unref (entry);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (names->len, ==, 3);
  folders = rs_store_list_folders (store, "sdk", NULL, -1, NULL, &error);
  g_assert_no_error (error);
  entry = rs_enumerator_next (folders, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_assert_cmpstr (rs_entry_get_path (entry), ==, "sdk/deep");
  g_object_unref (entry);
  g_assert_null (rs_enumerator_next (folders, NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  const char *endpoint = g_getenv ("AZURITE_ENDPOINT");
  g_autofree char *uri = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (endpoint == NULL)
    {
      g_print ("1..0 # SKIP not run under azurite-harness.py\n");
      return 77;
    }
  uri = g_strdup_printf ("azure://interop?endpoint=%s&block-size=65536", endpoint);
  store = rs_store_new_for_uri (uri, &error);
  g_assert_no_error (error);
  g_test_add_func ("/azure/interop/libremotestore-to-sdk", test_libremotestore_to_sdk);
  g_test_add_func ("/azure/interop/sdk-to-libremotestore", test_sdk_to_libremotestore);
  status = g_test_run ();
  rs_store_close (store, NULL, NULL);
  g_clear_object (&store);
  return status;
}
