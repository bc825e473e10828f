/* test-azure-auth.c: every credential source against Azurite (which
 * checks signatures): AZURE_STORAGE_ACCOUNT + AZURE_STORAGE_KEY, an
 * AZURE_STORAGE_CONNECTION_STRING with BlobEndpoint=, the
 * connection-string option, a SAS token (made by python3-azure), and a
 * wrong key refused with no secret in any message. Runs under
 * azurite-harness.py. */
#include <string.h>

#include <remotestore/remotestore.h>

#define DEV_KEY "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/" \
                "K1SZFPTOtr/KBHBeksoGMGw=="

static void
round_trip (RsStore    *store,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("credentials work", 16);
  g_autoptr(RsWriteResult) r = rs_store_write_bytes (store, path, data, RS_WRITE_OVERWRITE, NULL, NULL, &error);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(RsEnumerator) files = NULL;
  g_autofree char *copy = NULL;
  RsEntry *entry;

  g_assert_no_error (error);
  back = rs_store_read_bytes (store, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, data));
  files = rs_store_list_files (store, "", RS_LIST_RECURSIVE, NULL, -1, NULL, &error);
  g_assert_no_error (error);
  entry = rs_enumerator_next (files, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_object_unref (entry);
  /* A server-side copy: the source is authorised too (with a SAS, the
   * source URL carries it). */
  copy = g_strconcat (path, "-copy", NULL);
  g_assert_true (rs_store_copy (store, path, copy, RS_COPY_NONE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&back, g_bytes_unref);
  back = rs_store_read_bytes (store, copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, data));
  g_assert_true (rs_store_delete (store, copy, RS_DELETE_NONE, NULL, &error));
  g_assert_true (rs_store_delete (store, path, RS_DELETE_NONE, NULL, &error));
  g_assert_no_error (error);
  rs_store_close (store, NULL, NULL);
}

static RsStore *
open_store (const char *uri)
{
  g_autoptr(GError) error = NULL;
  RsStore *store = rs_store_new_for_uri (uri, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_account_and_key (void)
{
  /* The harness exports AZURE_STORAGE_ACCOUNT and AZURE_STORAGE_KEY. */
  g_autofree char *uri = g_strdup_printf ("azure://auth-env?endpoint=%s", g_getenv ("AZURITE_ENDPOINT"));
  g_autoptr(RsStore) store = open_store (uri);

  round_trip (store, "env");
}

static void
test_connection_string_env (void)
{
  g_autofree char *cs = g_strdup_printf ("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                                         "AccountKey=%s;BlobEndpoint=%s/;", DEV_KEY,
                                         g_getenv ("AZURITE_ENDPOINT"));
  g_autofree char *saved_key = g_strdup (g_getenv ("AZURE_STORAGE_KEY"));
  g_autoptr(RsStore) store = NULL;

  /* Nothing but the connection string: no endpoint or account option. */
  g_unsetenv ("AZURE_STORAGE_KEY");
  g_setenv ("AZURE_STORAGE_CONNECTION_STRING", cs, TRUE);
  store = open_store ("azure://auth-cs");
  g_unsetenv ("AZURE_STORAGE_CONNECTION_STRING");
  g_setenv ("AZURE_STORAGE_KEY", saved_key, TRUE);
  round_trip (store, "cs");
}

static void
test_connection_string_option (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(RsBackend) backend = NULL;
  g_autoptr(RsStore) store = NULL;

  g_hash_table_insert (options, g_strdup ("container"), g_strdup ("auth-option"));
  g_hash_table_insert (options, g_strdup ("connection-string"),
                       g_strdup_printf ("AccountName=devstoreaccount1;AccountKey=%s;BlobEndpoint=%s",
                                        DEV_KEY, g_getenv ("AZURITE_ENDPOINT")));
  backend = rs_registry_create_backend (rs_registry_get_default (), "azure", options, &error);
  g_assert_no_error (error);
  store = rs_store_new (backend, "", &error);
  g_assert_no_error (error);
  round_trip (store, "option");
}

static void
test_sas (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "interop-sdk.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, "sas", "x", NULL };
  g_autofree char *sas = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *saved_key = g_strdup (g_getenv ("AZURE_STORAGE_KEY"));
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) store = NULL;
  g_autoptr(GBytes) missing = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &sas, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_strstrip (sas);
  escaped = g_uri_escape_string (sas, NULL, FALSE);
  uri = g_strdup_printf ("azure://auth-sas?endpoint=%s&sas=%s", g_getenv ("AZURITE_ENDPOINT"), escaped);
  /* No key anywhere: the SAS alone authorises. */
  g_unsetenv ("AZURE_STORAGE_KEY");
  store = open_store (uri);
  g_setenv ("AZURE_STORAGE_KEY", saved_key, TRUE);
  round_trip (store, "sas");

  /* An error through a SAS store never shows the signature. */
  g_clear_object (&store);
  g_unsetenv ("AZURE_STORAGE_KEY");
  store = open_store (uri);
  g_setenv ("AZURE_STORAGE_KEY", saved_key, TRUE);
  missing = rs_store_read_bytes (store, "not-there", NULL, &error);
  g_assert_error (error, RS_ERROR, RS_ERROR_NOT_FOUND);
  g_assert_null (strstr (error->message, "sig="));
  g_assert_nonnull (strstr (error->message, "not-there"));
  rs_store_close (store, NULL, NULL);
}

static void
test_wrong_key (void)
{
  static const char wrong[] = "bm90IHRoZSBhY2NvdW50IGtleSwgMzIgYnl0ZXMuISE=";
  g_autofree char *uri = g_strdup_printf ("azure://auth-wrong?endpoint=%s&key=%s",
                                          g_getenv ("AZURITE_ENDPOINT"), wrong);
  g_autoptr(RsStore) store = open_store (uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);
  g_autoptr(RsWriteResult) r = rs_store_write_bytes (store, "w", data, RS_WRITE_OVERWRITE, NULL, NULL, &error);

  g_assert_null (r);
  g_assert_error (error, RS_ERROR, RS_ERROR_PERMISSION_DENIED);
  g_assert_null (strstr (error->message, wrong));
  g_assert_null (strstr (error->message, "SharedKey"));
  g_clear_error (&error);
  /* exists() still fails for a real fault (rule 22). */
  g_assert_false (rs_store_exists (store, "w", NULL, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_false (rs_store_ping (store, NULL, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_PERMISSION_DENIED);
  rs_store_close (store, NULL, NULL);
}

static void
test_bad_options (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) none = NULL;
  g_autoptr(RsStore) bad_key = rs_store_new_for_uri ("azure://c?endpoint=http://127.0.0.1:1/a&key=not*base64",
                                                     &error);

  g_assert_null (bad_key);
  g_assert_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT);
  g_assert_null (strstr (error->message, "not*base64"));
  g_clear_error (&error);
  none = rs_store_new_for_uri ("azure://?endpoint=http://127.0.0.1:1/a", &error);
  g_assert_null (none);
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("AZURITE_ENDPOINT") == NULL)
    {
      g_print ("1..0 # SKIP not run under azurite-harness.py\n");
      return 77;
    }
  g_test_add_func ("/azure/auth/account-and-key", test_account_and_key);
  g_test_add_func ("/azure/auth/connection-string-environment", test_connection_string_env);
  g_test_add_func ("/azure/auth/connection-string-option", test_connection_string_option);
  g_test_add_func ("/azure/auth/sas", test_sas);
  g_test_add_func ("/azure/auth/wrong-key", test_wrong_key);
  g_test_add_func ("/azure/auth/bad-options", test_bad_options);
  return g_test_run ();
}
