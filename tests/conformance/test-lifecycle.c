/* test-lifecycle.c: SEMANTICS.md rules 21–23, closed stores, probes, errors */
#include <string.h>

#include "conformance-harness.h"

typedef enum
{
  C_READ, C_READ_BYTES, C_READ_TEXT, C_READ_RANGE, C_WRITE, C_WRITE_BYTES, C_WRITE_TEXT,
  C_OPEN_WRITE, C_DELETE, C_DELETE_FOLDER, C_EXISTS, C_IS_FILE, C_IS_FOLDER, C_FILE_INFO,
  C_FOLDER_INFO, C_HEAD, C_LIST_FILES, C_LIST_FOLDERS, C_ITER_CHILDREN, C_GLOB, C_MOVE, C_COPY,
  C_PING, N_CLOSED_OPS
} ClosedOp;

/* Runs @op with @path and every other argument wrong as well. */
static GError *
run_closed_op (T *t, ClosedOp op, const char *path)
{
  GError *error = NULL;
  g_autoptr(GHashTable) bad = t_metadata ("_bad", "v", NULL);
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);
  g_autoptr(TSource) source = t_source_new (16, 1);
  g_autoptr(GObject) object = NULL;
  gboolean ok = FALSE;

  switch (op)
    {
    case C_READ:
      object = G_OBJECT (t_read (t, path, &error));
      break;
    case C_READ_BYTES:
      {
        g_autoptr(GBytes) b = t_read_bytes (t, path, &error);

        ok = b != NULL;
      }
      break;
    case C_READ_TEXT:
      {
        g_autofree char *s = t_read_text (t, path, "NO-SUCH-ENCODING-X", &error);

        ok = s != NULL;
      }
      break;
    case C_READ_RANGE:
      {
        g_autoptr(GBytes) b = t_read_range (t, path, -1, -5, &error);

        ok = b != NULL;
      }
      break;
    case C_WRITE:
      object = G_OBJECT (t_write (t, path, G_INPUT_STREAM (source), RS_WRITE_NONE, bad, &error));
      g_assert_cmpuint (t_source_reads (source), ==, 0);
      break;
    case C_WRITE_BYTES:
      object = G_OBJECT (t_write_bytes (t, path, data, RS_WRITE_ATOMIC, bad, &error));
      break;
    case C_WRITE_TEXT:
      object = G_OBJECT (t_write_text (t, path, "\xff", RS_WRITE_NONE, NULL, &error));
      break;
    case C_OPEN_WRITE:
      object = G_OBJECT (t_open_write (t, path, RS_WRITE_NONE, bad, &error));
      break;
    case C_DELETE:
      ok = t_delete (t, path, RS_DELETE_MISSING_OK, &error);
      break;
    case C_DELETE_FOLDER:
      ok = t_delete_folder (t, path, RS_DELETE_MISSING_OK | RS_DELETE_RECURSIVE, &error);
      break;
    case C_EXISTS:
      ok = t_exists (t, path, &error);
      break;
    case C_IS_FILE:
      ok = t_is_file (t, path, &error);
      break;
    case C_IS_FOLDER:
      ok = t_is_folder (t, path, &error);
      break;
    case C_FILE_INFO:
      object = G_OBJECT (t_get_file_info (t, path, &error));
      break;
    case C_FOLDER_INFO:
      object = G_OBJECT (t_get_folder_info (t, path, -7, &error));
      break;
    case C_HEAD:
      object = G_OBJECT (t_head (t, path, &error));
      break;
    case C_LIST_FILES:
      object = G_OBJECT (t_list_files (t, path, RS_LIST_NONE, NULL, -5, &error));
      break;
    case C_LIST_FOLDERS:
      object = G_OBJECT (t_list_folders (t, path, NULL, -5, &error));
      break;
    case C_ITER_CHILDREN:
      object = G_OBJECT (t_iter_children (t, path, &error));
      break;
    case C_GLOB:
      object = G_OBJECT (t_glob (t, path[0] != '\0' ? path : "*", &error));
      break;
    case C_MOVE:
      ok = t_move (t, path, "", RS_COPY_NONE, &error);
      break;
    case C_COPY:
      ok = t_copy (t, path, "../y", RS_COPY_NONE, &error);
      break;
    case C_PING:
      ok = t_ping (t, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (error == NULL)
    g_test_fail_printf ("operation %d on “%s” succeeded on a closed store", op, path);
  g_assert_null (object);
  g_assert_false (ok);
  return error;
}

/* Rule 21: after close, every operation but pure addressing fails with
 * BACKEND_UNAVAILABLE, ahead of every other check. */
static void
test_closed (T *t)
{
  static const char *const paths[] = { "f", "d", "missing", "../bad", "", "a/../..", "f/x" };
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) child = NULL;

  if (!t_use_private (t, NULL))
    return;
  if (!(t_facts (t) & RS_BACKEND_FACTS_TERMINAL_CLOSE))
    {
      g_test_skip ("the backend's close is not terminal");
      return;
    }
  t_put (t, "f", "content");
  t_put (t, "d/g", "content");
  child = rs_store_child (t->store, "d", &error);
  g_assert_no_error (error);
  g_assert_true (t_close (t, &error));
  g_assert_no_error (error);
  g_assert_true (rs_backend_is_closed (rs_store_get_backend (t->store)));

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    for (ClosedOp op = 0; op < N_CLOSED_OPS; op++)
      {
        GError *e = run_closed_op (t, op, paths[i]);

        if (e != NULL && strstr (e->message, "closed") == NULL)
          g_test_fail_printf ("operation %d on “%s” after close: “%s” does not say closed",
                              op, paths[i], e->message);
        if (e != NULL && !g_error_matches (e, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE))
          g_test_message ("operation %d on “%s” after close", op, paths[i]);
        t_check_error (t, &e, RS_ERROR_BACKEND_UNAVAILABLE, NULL);
      }

  /* A store on the same backend is closed too. */
  {
    RsStore *saved = t->store;
    GError *e;

    t->store = child;
    e = run_closed_op (t, C_EXISTS, "g");
    t_check_error (t, &e, RS_ERROR_BACKEND_UNAVAILABLE, NULL);
    t->store = saved;
  }

  /* Pure addressing still works. */
  {
    g_autofree char *native = rs_store_native_path (t->store, "d/g");
    g_autofree char *key = NULL;
    g_autoptr(RsResolutionPlan) plan = rs_store_resolve (t->store, "d/g");

    g_assert_nonnull (native);
    key = rs_store_to_key (t->store, native, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (key, ==, "d/g");
    g_assert_nonnull (plan);
    g_assert_cmpstr (rs_resolution_plan_get_native_path (plan), ==, native);
  }

  /* Closing twice is harmless. */
  g_assert_true (t_close (t, &error));
  g_assert_no_error (error);
}

/* Rule 22: exists, is_file and is_folder answer FALSE, without error, for
 * missing and untraversable paths. */
static void
test_probes (T *t)
{
  static const char *const missing[] = {
    "nope", "nope/deeper/x", "f/x", "f/x/y", "d/g/h", "d/nope", "dg", "d/g.",
  };

  for (int round = 0; round < 2; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
        {
          g_assert_false (t_check_exists (t, missing[i]));
          g_assert_false (t_check_is_file (t, missing[i]));
          g_assert_false (t_check_is_folder (t, missing[i]));
        }
      t_put (t, "f", "file");
      t_put (t, "d/g", "file");
    }
  g_assert_true (t_check_exists (t, "f"));
  g_assert_true (t_check_is_file (t, "f"));
  g_assert_false (t_check_is_folder (t, "f"));
  g_assert_true (t_check_exists (t, "d"));
  g_assert_false (t_check_is_file (t, "d"));
  g_assert_true (t_check_is_folder (t, "d"));
  g_assert_true (t_check_exists (t, "d/g"));
  g_assert_true (t_check_is_file (t, "d/g"));
  g_assert_false (t_check_is_folder (t, "d/g"));
}

/* Rule 23: error messages are non-empty and name the path and the
 * backend (t_check_error checks both), whatever the error. */
static void
test_messages (T *t)
{
  GError *error = NULL;
  g_autoptr(GHashTable) bad = t_metadata ("_bad", "v", NULL);
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);

  t_put (t, "deep/er/file.txt", "x");
  t_put (t, "full/inside.txt", "x");
  {
    g_autoptr(GBytes) b = t_read_bytes (t, "deep/er/missing.txt", &error);

    g_assert_null (b);
    t_check_error (t, &error, RS_ERROR_NOT_FOUND, "deep/er/missing.txt");
  }
  {
    g_autoptr(RsWriteResult) r = t_write_bytes (t, "deep/er/file.txt", data, RS_WRITE_NONE, NULL,
                                                &error);

    g_assert_null (r);
    t_check_error (t, &error, RS_ERROR_ALREADY_EXISTS, "deep/er/file.txt");
  }
  {
    g_autoptr(RsFileInfo) i = t_get_file_info (t, "deep/er", &error);

    g_assert_null (i);
    t_check_error (t, &error, RS_ERROR_INVALID_PATH, "deep/er");
  }
  {
    g_autoptr(RsFileInfo) i = t_get_file_info (t, "deep/../../escape", &error);

    g_assert_null (i);
    t_check_error (t, &error, RS_ERROR_INVALID_PATH, "deep/../../escape");
  }
  {
    g_autoptr(RsEnumerator) e = t_list_files (t, "deep/er", RS_LIST_NONE, NULL, -3, &error);

    g_assert_null (e);
    t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "deep/er");
  }
  {
    g_autoptr(RsWriteResult) r = t_write_bytes (t, "deep/meta.txt", data, RS_WRITE_NONE, bad,
                                                &error);

    g_assert_null (r);
    t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "deep/meta.txt");
  }
  if (t_supports (t, RS_CAPABILITY_DELETE))
    {
      g_assert_false (t_delete_folder (t, "full", RS_DELETE_NONE, &error));
      t_check_error (t, &error, RS_ERROR_DIRECTORY_NOT_EMPTY, "full");
      g_assert_false (t_delete (t, "deep/er/gone.txt", RS_DELETE_NONE, &error));
      t_check_error (t, &error, RS_ERROR_NOT_FOUND, "deep/er/gone.txt");
    }
  if (t_supports (t, RS_CAPABILITY_MOVE))
    {
      g_assert_false (t_move (t, "deep/er/gone.txt", "elsewhere", RS_COPY_NONE, &error));
      t_check_error (t, &error, RS_ERROR_NOT_FOUND, "deep/er/gone.txt");
    }
}

/* Rule 23 for the capability gate: the refusal of an operation on a path
 * names that path too (narrowed private backend, as in rule 6). */
static void
test_capability_message (T *t)
{
  RsBackend *backend;
  RsCapabilities all;
  GError *error = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(RsWriteResult) r = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);

  if (!t_use_private (t, NULL))
    return;
  backend = rs_store_get_backend (t->store);
  all = rs_backend_get_capabilities (backend);
  rs_backend_set_capabilities (backend, all & ~(RS_CAPABILITY_READ | RS_CAPABILITY_WRITE));
  b = t_read_bytes (t, "some/file.txt", &error);
  g_assert_null (b);
  t_check_error (t, &error, RS_ERROR_CAPABILITY_NOT_SUPPORTED, "some/file.txt");
  r = t_write_bytes (t, "other/file.txt", data, RS_WRITE_NONE, NULL, &error);
  g_assert_null (r);
  t_check_error (t, &error, RS_ERROR_CAPABILITY_NOT_SUPPORTED, "other/file.txt");
  rs_backend_set_capabilities (backend, all);
}

/* Cancellation: an operation started with an already-cancelled
 * cancellable fails with G_IO_ERROR_CANCELLED and changes nothing, on
 * every backend, whatever the backend does with cancellables. */
static void
test_cancelled_before_start (T *t)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("new", 3);
  GError *error = NULL;

  if (!t_require (t, RS_CAPABILITY_READ | RS_CAPABILITY_WRITE | RS_CAPABILITY_DELETE |
                  RS_CAPABILITY_LIST))
    return;
  t_put (t, "keep/a.txt", "a");
  t_put (t, "keep/b.txt", "b");
  before = t_snapshot (t);
  g_cancellable_cancel (cancelled);
  t->cancellable = cancelled;

  g_assert_null (t_write_bytes (t, "new.txt", data, RS_WRITE_NONE, NULL, &error));
  t_check_cancelled (&error);
  g_assert_null (t_write_bytes (t, "keep/a.txt", data, RS_WRITE_OVERWRITE, NULL, &error));
  t_check_cancelled (&error);
  g_assert_false (t_delete (t, "keep/a.txt", RS_DELETE_NONE, &error));
  t_check_cancelled (&error);
  g_assert_false (t_delete_folder (t, "keep", RS_DELETE_RECURSIVE, &error));
  t_check_cancelled (&error);
  g_assert_null (t_read_bytes (t, "keep/a.txt", &error));
  t_check_cancelled (&error);
  if (t_supports (t, RS_CAPABILITY_MOVE))
    {
      g_assert_false (t_move (t, "keep/a.txt", "moved.txt", RS_COPY_NONE, &error));
      t_check_cancelled (&error);
    }
  if (t_supports (t, RS_CAPABILITY_COPY))
    {
      g_assert_false (t_copy (t, "keep/b.txt", "copied.txt", RS_COPY_NONE, &error));
      t_check_cancelled (&error);
    }

  t->cancellable = NULL;
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

void
t_add_lifecycle_tests (void)
{
  t_add ("rule21-closed", "everything-refused-first", test_closed);
  t_add ("rule22-probes", "never-fail-for-missing", test_probes);
  t_add ("rule23-messages", "name-path-and-backend", test_messages);
  t_add ("rule23-messages", "capability-refusal-names-path", test_capability_message);
  t_add ("rule24-concurrency", "cancelled-before-start-changes-nothing", test_cancelled_before_start);
}
