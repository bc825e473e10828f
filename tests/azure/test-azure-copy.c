/* test-azure-copy.c: a server-side copy that the service answers
 * "pending" is polled until it ends; one that ends failed or aborted is
 * an error and leaves no destination blob. Runs under azurite-harness.py;
 * copy-proxy.py sits between the plugin and Azurite and reports Azurite's
 * (synchronous) copies as pending for a number of polls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include <remotestore/remotestore.h>

typedef struct
{
  GSubprocess *proxy;
  char *report;
  RsStore *store;               /* through the proxy */
  RsStore *direct;              /* straight to Azurite */
} Copy;

static RsStore *
store_at (const char *endpoint)
{
  g_autofree char *uri = g_strdup_printf ("azure://copies?endpoint=%s", endpoint);
  g_autoptr(GError) error = NULL;
  RsStore *store = rs_store_new_for_uri (uri, &error);

  g_assert_no_error (error);
  return store;
}

static void
copy_start (Copy       *c,
            const char *outcome,
            int         pending_polls)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "copy-proxy.py", NULL);
  g_autofree char *polls = g_strdup_printf ("%d", pending_polls);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rs-azure-copy-XXXXXX", &error);

  g_assert_no_error (error);
  c->report = g_build_filename (dir, "counts", NULL);
  c->proxy = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                               "/usr/bin/python3", script, g_getenv ("AZURITE_PORT"), outcome, polls,
                               c->report, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (c->proxy));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "port "));
  endpoint = g_strdup_printf ("http://127.0.0.1:%s/devstoreaccount1", line + 5);
  c->store = store_at (endpoint);
  c->direct = store_at (g_getenv ("AZURITE_ENDPOINT"));
}

/* Copy Blob answers turned pending, and Get Blob Properties polls seen. */
static void
copy_counts (Copy *c,
             int  *copies,
             int  *polls)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (c->report, &text, NULL, NULL));
  g_assert_cmpint (sscanf (text, "%d %d", copies, polls), ==, 2);
}

/* Abort Copy Blob requests the proxy answered. */
static int
copy_aborts (Copy *c)
{
  g_autofree char *text = NULL;
  int copies, polls, aborts;

  g_assert_true (g_file_get_contents (c->report, &text, NULL, NULL));
  g_assert_cmpint (sscanf (text, "%d %d %d", &copies, &polls, &aborts), ==, 3);
  return aborts;
}

static void
copy_stop (Copy *c)
{
  g_autofree char *dir = g_path_get_dirname (c->report);

  rs_store_close (c->store, NULL, NULL);
  rs_store_close (c->direct, NULL, NULL);
  g_clear_object (&c->store);
  g_clear_object (&c->direct);
  /* Only the proxy this test started. */
  g_subprocess_force_exit (c->proxy);
  g_subprocess_wait (c->proxy, NULL, NULL);
  g_clear_object (&c->proxy);
  g_unlink (c->report);
  g_rmdir (dir);
  g_clear_pointer (&c->report, g_free);
}

static void
put_source (Copy       *c,
            const char *path,
            const char *text)
{
  g_autoptr(GHashTable) metadata = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) data = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) r = NULL;

  g_hash_table_insert (metadata, "owner", "copy-test");
  r = rs_store_write_bytes (c->direct, path, data, RS_WRITE_OVERWRITE, metadata, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_copied (Copy       *c,
               const char *path,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) back = rs_store_read_bytes (c->direct, path, NULL, &error);
  g_autoptr(RsFileInfo) info = NULL;

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (back, NULL), g_bytes_get_size (back), text, strlen (text));
  info = rs_store_get_file_info (c->direct, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (rs_fileinfo_get_metadata (info), "owner"), ==, "copy-test");
}

static void
test_pending_polled (void)
{
  Copy c = { 0 };
  g_autoptr(GError) error = NULL;
  int copies, polls;

  copy_start (&c, "success", 3);
  put_source (&c, "src/a", "copied while pending");
  g_assert_true (rs_store_copy (c.store, "src/a", "dst/a", RS_COPY_NONE, NULL, &error));
  g_assert_no_error (error);
  copy_counts (&c, &copies, &polls);
  /* Three pending answers, then the real one: four polls. */
  g_assert_cmpint (copies, ==, 1);
  g_assert_cmpint (polls, ==, 4);
  assert_copied (&c, "dst/a", "copied while pending");
  copy_stop (&c);
}

static void
copied_async (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GError **error = data;

  if (!rs_store_copy_finish (RS_STORE (source), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static void
test_pending_polled_async (void)
{
  Copy c = { 0 };
  GError *error = NULL;
  int copies, polls;

  copy_start (&c, "success", 2);
  put_source (&c, "src/b", "copied asynchronously");
  rs_store_copy_async (c.store, "src/b", "dst/b", RS_COPY_NONE, G_PRIORITY_DEFAULT, NULL, copied_async, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* The callback marks success with a sentinel. */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  copy_counts (&c, &copies, &polls);
  g_assert_cmpint (copies, ==, 1);
  g_assert_cmpint (polls, ==, 3);
  assert_copied (&c, "dst/b", "copied asynchronously");
  copy_stop (&c);
}

static void
assert_ended_badly (const char *outcome)
{
  Copy c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) exists_error = NULL;
  int copies, polls;

  copy_start (&c, outcome, 1);
  put_source (&c, "src/c", "never fully copied");
  g_assert_false (rs_store_copy (c.store, "src/c", "dst/c", RS_COPY_OVERWRITE, NULL, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_FAILED);
  /* Clear: the outcome, the destination, the service's reason. */
  g_assert_nonnull (strstr (error->message, outcome));
  g_assert_nonnull (strstr (error->message, "dst/c"));
  g_assert_nonnull (strstr (error->message, "copy-proxy gave up"));
  copy_counts (&c, &copies, &polls);
  g_assert_cmpint (copies, ==, 1);
  g_assert_cmpint (polls, ==, 2);
  g_assert_false (rs_store_exists (c.direct, "dst/c", NULL, &exists_error));
  g_assert_no_error (exists_error);
  g_assert_true (rs_store_exists (c.direct, "src/c", NULL, &exists_error));
  g_assert_no_error (exists_error);
  copy_stop (&c);
}

static void
test_failed_leaves_nothing (void)
{
  assert_ended_badly ("failed");
}

static void
test_aborted_leaves_nothing (void)
{
  assert_ended_badly ("aborted");
}

/* A move is a copy then a delete: a copy that fails keeps the source. */
static void
test_failed_move_keeps_source (void)
{
  Copy c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) exists_error = NULL;

  copy_start (&c, "failed", 0);
  put_source (&c, "src/d", "stays");
  g_assert_false (rs_store_move (c.store, "src/d", "dst/d", RS_COPY_NONE, NULL, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_FAILED);
  g_assert_false (rs_store_exists (c.direct, "dst/d", NULL, &exists_error));
  g_assert_no_error (exists_error);
  assert_copied (&c, "src/d", "stays");
  copy_stop (&c);
}

typedef struct
{
  Copy *c;
  GCancellable *cancellable;
} CancelWhenPending;

/* Cancels once the proxy has answered the Copy Blob "pending". */
static gboolean
cancel_when_pending (gpointer data)
{
  CancelWhenPending *when = data;
  g_autofree char *text = NULL;
  int copies = 0;

  /* The proxy may be rewriting the report: an unreadable one is "not yet". */
  if (!g_file_get_contents (when->c->report, &text, NULL, NULL) || sscanf (text, "%d", &copies) != 1 ||
      copies == 0)
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (when->cancellable);
  return G_SOURCE_REMOVE;
}

/* Cancels a copy the service keeps pending. */
static GError *
copy_cancelled_while_pending (Copy       *c,
                              const char *source,
                              const char *destination)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelWhenPending when = { c, cancellable };
  GError *error = NULL;
  guint timer;

  rs_store_copy_async (c->store, source, destination, RS_COPY_NONE, G_PRIORITY_DEFAULT, cancellable,
                       copied_async, &error);
  timer = g_timeout_add (5, cancel_when_pending, &when);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (timer);
  return error;
}

/* A cancel while pending aborts the copy (Abort Copy Blob) and leaves no
 * destination. */
static void
test_cancel_aborts (void)
{
  Copy c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing = NULL;

  copy_start (&c, "success", 1000);
  put_source (&c, "src/c", "never copied");
  error = copy_cancelled_while_pending (&c, "src/c", "dst/c");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (copy_aborts (&c), ==, 1);
  g_assert_false (rs_store_exists (c.direct, "dst/c", NULL, &missing));
  g_assert_no_error (missing);
  assert_copied (&c, "src/c", "never copied");
  copy_stop (&c);
}

/* A cancel that comes after the service finished (Abort Copy Blob: 409)
 * leaves the finished copy, and the call succeeds. */
static void
test_cancel_too_late (void)
{
  Copy c = { 0 };
  g_autoptr(GError) error = NULL;

  copy_start (&c, "finished-before-abort", 1000);
  put_source (&c, "src/d", "copied before the cancel");
  error = copy_cancelled_while_pending (&c, "src/d", "dst/d");
  /* copied_async says "done" with G_IO_ERROR_EXISTS. */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpint (copy_aborts (&c), ==, 0);
  assert_copied (&c, "dst/d", "copied before the cancel");
  copy_stop (&c);
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
  g_test_add_func ("/azure/copy/pending-polled", test_pending_polled);
  g_test_add_func ("/azure/copy/pending-polled-async", test_pending_polled_async);
  g_test_add_func ("/azure/copy/failed-leaves-nothing", test_failed_leaves_nothing);
  g_test_add_func ("/azure/copy/aborted-leaves-nothing", test_aborted_leaves_nothing);
  g_test_add_func ("/azure/copy/failed-move-keeps-source", test_failed_move_keeps_source);
  g_test_add_func ("/azure/copy/cancel-aborts", test_cancel_aborts);
  g_test_add_func ("/azure/copy/cancel-too-late", test_cancel_too_late);
  return g_test_run ();
}
