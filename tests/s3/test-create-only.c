/* test-create-only.c: create-only=exclusive against a real server
 *
 * With `create-only=exclusive` the s3 backend declares EXCLUSIVE_CREATE and
 * the core skips its existence probe for small writes, leaving it to
 * If-None-Match: *. Swift's s3api answers that header with 501: the
 * backend must then withdraw the fact and look at the key itself, so an
 * existing object is never replaced by a create-only write. Runs under
 * swift-harness.py (RS_TEST_URI). */
#include <string.h>
#include <remotestore/remotestore.h>

static char *root;

static RsStore *
store_with (const char *extra)
{
  g_autofree char *uri = g_strconcat (g_getenv ("RS_TEST_URI"), extra, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) base = rs_store_new_for_uri (uri, &error);
  RsStore *store;

  g_assert_no_error (error);
  store = rs_store_child (base, root, &error);
  g_assert_no_error (error);
  return store;
}

static gboolean
exclusive (RsStore *store)
{
  return (rs_backend_get_facts (rs_store_get_backend (store)) & RS_BACKEND_FACTS_EXCLUSIVE_CREATE) != 0;
}

static const char *
create_only_detail (RsStore *store)
{
  g_autoptr(RsResolutionPlan) plan = rs_store_resolve (store, "x");
  static char detail[256];

  g_strlcpy (detail, g_hash_table_lookup (rs_resolution_plan_get_details (plan), "create-only"), sizeof detail);
  return detail;
}

/* The first create-only write of a fresh backend targets an existing
 * object: refused, object untouched, whichever way the server answers. */
static void
test_existing_refused (void)
{
  g_autoptr(RsStore) plain = store_with ("");
  g_autoptr(RsStore) store = store_with ("&create-only=exclusive");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) old = g_bytes_new_static ("old", 3);
  g_autoptr(GBytes) new = g_bytes_new_static ("new!", 4);
  g_autoptr(RsWriteResult) first = rs_store_write_bytes (plain, "taken", old, RS_WRITE_OVERWRITE, NULL, NULL, &error);
  g_autoptr(RsWriteResult) second = NULL;
  g_autoptr(GBytes) now = NULL;

  g_assert_no_error (error);
  g_assert_true (exclusive (store));
  g_assert_true (g_str_has_prefix (create_only_detail (store), "exclusive"));
  second = rs_store_write_bytes (store, "taken", new, RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_null (second);
  g_assert_error (error, RS_ERROR, RS_ERROR_ALREADY_EXISTS);
  g_assert_nonnull (strstr (error->message, "taken"));
  g_clear_error (&error);
  now = rs_store_read_bytes (plain, "taken", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (now, old));
  if (exclusive (store))
    g_test_message ("the server honours If-None-Match: * (412)");
  else
    {
      g_test_message ("the server answered 501: the fact was withdrawn");
      g_assert_true (g_str_has_prefix (create_only_detail (store), "check"));
    }
}

/* A create-only write of a new key succeeds, also through the fallback. */
static void
test_new_key_written (void)
{
  g_autoptr(RsStore) store = store_with ("&create-only=exclusive");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("fresh", 5);
  g_autoptr(RsWriteResult) result = rs_store_write_bytes (store, "fresh", data, RS_WRITE_NONE, NULL, NULL, &error);
  g_autoptr(GBytes) read = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (rs_write_result_get_size (result), ==, 5);
  read = rs_store_read_bytes (store, "fresh", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, data));
  /* Once withdrawn (or trusted), the next refusal still holds. */
  g_clear_object (&result);
  result = rs_store_write_bytes (store, "fresh", data, RS_WRITE_NONE, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, RS_ERROR, RS_ERROR_ALREADY_EXISTS);
}

static void
skip_without_server (void)
{
  g_test_skip ("needs RS_TEST_URI (run under swift-harness.py)");
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("RS_TEST_URI") == NULL)
    {
      g_test_add_func ("/s3/create-only/needs-server", skip_without_server);
      return g_test_run ();
    }
  root = g_strdup_printf ("create-only-%08x", g_random_int ());
  g_test_add_func ("/s3/create-only/exclusive-existing-refused", test_existing_refused);
  g_test_add_func ("/s3/create-only/exclusive-new-key-written", test_new_key_written);
  status = g_test_run ();
  {
    g_autoptr(RsStore) base = rs_store_new_for_uri (g_getenv ("RS_TEST_URI"), NULL);

    if (base != NULL)
      rs_store_delete_folder (base, root, RS_DELETE_RECURSIVE | RS_DELETE_MISSING_OK, NULL, NULL);
  }
  g_free (root);
  return status;
}
