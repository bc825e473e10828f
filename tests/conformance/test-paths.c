/* test-paths.c: SEMANTICS.md rules 1–5, paths */
#include <string.h>

#include "conformance-harness.h"

/* Rule 1: `\` becomes `/`; leading, trailing, repeated `/` and `.`
 * segments are dropped, for writes, reads and listings alike. */
static void
test_normalisation (T *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) result = NULL;
  g_autofree char *files = NULL;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  g_autofree char *listed = NULL;

  t_put (t, "a\\b\\c.txt", "1");
  t_put (t, "x//y///z.txt", "2");
  t_put (t, "./m/./n/", "3");
  t_put (t, "/lead/trail/", "4");

  files = t_files (t, "", RS_LIST_RECURSIVE, NULL, -1);
  want = t_expect ("a/b/c.txt", "lead/trail", "m/n", "x/y/z.txt", NULL);
  g_assert_cmpstr (files, ==, want);

  g_assert_true (t_check_is_file (t, "a/b/c.txt"));
  g_assert_true (t_check_is_folder (t, "a\\b"));
  got = t_get (t, "\\a\\b\\c.txt");
  g_assert_cmpstr (got, ==, "1");
  g_clear_pointer (&got, g_free);
  got = t_get (t, "./x/./y//z.txt/");
  g_assert_cmpstr (got, ==, "2");
  g_clear_pointer (&got, g_free);
  got = t_get (t, "//m//n");
  g_assert_cmpstr (got, ==, "3");

  /* Returned paths are normalised. */
  result = t_write_text (t, "./q//r/", "5", RS_WRITE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_write_result_get_path (result), ==, "q/r");

  listed = t_files (t, "./x//y/", RS_LIST_NONE, NULL, -1);
  g_assert_cmpstr (listed, ==, "x/y/z.txt");
}

typedef enum
{
  OP_WRITE_BYTES, OP_WRITE_STREAM, OP_OPEN_WRITE, OP_READ, OP_READ_BYTES, OP_EXISTS, OP_IS_FILE,
  OP_IS_FOLDER, OP_DELETE, OP_DELETE_FOLDER, OP_FILE_INFO, OP_FOLDER_INFO, OP_HEAD,
  OP_LIST_FILES, OP_LIST_FOLDERS, OP_ITER_CHILDREN, OP_MOVE_SRC, OP_MOVE_DST, OP_COPY_SRC,
  OP_COPY_DST, OP_CHILD, N_OPS
} PathOp;

static const RsCapabilities op_caps[N_OPS] = {
  [OP_WRITE_BYTES] = RS_CAPABILITY_WRITE, [OP_WRITE_STREAM] = RS_CAPABILITY_WRITE,
  [OP_OPEN_WRITE] = RS_CAPABILITY_WRITE, [OP_READ] = RS_CAPABILITY_READ,
  [OP_READ_BYTES] = RS_CAPABILITY_READ, [OP_DELETE] = RS_CAPABILITY_DELETE,
  [OP_DELETE_FOLDER] = RS_CAPABILITY_DELETE, [OP_FOLDER_INFO] = RS_CAPABILITY_LIST,
  [OP_LIST_FILES] = RS_CAPABILITY_LIST, [OP_LIST_FOLDERS] = RS_CAPABILITY_LIST,
  [OP_ITER_CHILDREN] = RS_CAPABILITY_LIST, [OP_MOVE_SRC] = RS_CAPABILITY_MOVE,
  [OP_MOVE_DST] = RS_CAPABILITY_MOVE, [OP_COPY_SRC] = RS_CAPABILITY_COPY,
  [OP_COPY_DST] = RS_CAPABILITY_COPY,
};

/* Runs @op on @path and returns its error; the content stream of a write
 * must never be read when the call is refused before I/O. */
static GError *
run_path_op (T *t, PathOp op, const char *path)
{
  GError *error = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("data", 4);
  g_autoptr(TSource) source = t_source_new (64, 1);
  g_autoptr(GObject) object = NULL;
  gboolean ok = TRUE;

  switch (op)
    {
    case OP_WRITE_BYTES:
      object = G_OBJECT (t_write_bytes (t, path, data, RS_WRITE_OVERWRITE, NULL, &error));
      break;
    case OP_WRITE_STREAM:
      object = G_OBJECT (t_write (t, path, G_INPUT_STREAM (source), RS_WRITE_OVERWRITE, NULL,
                                  &error));
      g_assert_cmpuint (t_source_reads (source), ==, 0);
      break;
    case OP_OPEN_WRITE:
      object = G_OBJECT (t_open_write (t, path, RS_WRITE_OVERWRITE, NULL, &error));
      break;
    case OP_READ:
      object = G_OBJECT (t_read (t, path, &error));
      break;
    case OP_READ_BYTES:
      {
        g_autoptr(GBytes) bytes = t_read_bytes (t, path, &error);

        ok = bytes != NULL;
      }
      break;
    case OP_EXISTS:
      ok = t_exists (t, path, &error);
      break;
    case OP_IS_FILE:
      ok = t_is_file (t, path, &error);
      break;
    case OP_IS_FOLDER:
      ok = t_is_folder (t, path, &error);
      break;
    case OP_DELETE:
      ok = t_delete (t, path, RS_DELETE_MISSING_OK, &error);
      break;
    case OP_DELETE_FOLDER:
      ok = t_delete_folder (t, path, RS_DELETE_MISSING_OK | RS_DELETE_RECURSIVE, &error);
      break;
    case OP_FILE_INFO:
      object = G_OBJECT (t_get_file_info (t, path, &error));
      break;
    case OP_FOLDER_INFO:
      object = G_OBJECT (t_get_folder_info (t, path, -1, &error));
      break;
    case OP_HEAD:
      object = G_OBJECT (t_head (t, path, &error));
      break;
    case OP_LIST_FILES:
      object = G_OBJECT (t_list_files (t, path, RS_LIST_RECURSIVE, NULL, -1, &error));
      break;
    case OP_LIST_FOLDERS:
      object = G_OBJECT (t_list_folders (t, path, NULL, -1, &error));
      break;
    case OP_ITER_CHILDREN:
      object = G_OBJECT (t_iter_children (t, path, &error));
      break;
    case OP_MOVE_SRC:
      ok = t_move (t, path, "moved", RS_COPY_OVERWRITE, &error);
      break;
    case OP_MOVE_DST:
      ok = t_move (t, "b", path, RS_COPY_OVERWRITE, &error);
      break;
    case OP_COPY_SRC:
      ok = t_copy (t, path, "copied", RS_COPY_OVERWRITE, &error);
      break;
    case OP_COPY_DST:
      ok = t_copy (t, "b", path, RS_COPY_OVERWRITE, &error);
      break;
    case OP_CHILD:
      object = G_OBJECT (rs_store_child (t->store, path, &error));
      break;
    default:
      g_assert_not_reached ();
    }
  if (error != NULL)
    g_assert_null (object);
  (void) ok;
  return error;
}

/* Rule 2: a segment that is exactly `..` is INVALID_PATH for every
 * operation, and nothing changes. */
static void
test_dotdot (T *t)
{
  static const char *const paths[] = {
    "..", "../x", "a/../b", "a/..", "a\\..\\b", "./../a", "a/b/../../c", "/../b/", "a/./../b",
  };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  t_put (t, "b", "b");
  t_put (t, "a/b", "ab");
  t_put (t, "c", "c");
  before = t_snapshot (t);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    for (PathOp op = 0; op < N_OPS; op++)
      {
        GError *error;

        if (!t_supports (t, op_caps[op]))
          continue;
        error = run_path_op (t, op, paths[i]);
        if (error == NULL)
          g_test_message ("operation %d accepted the path “%s”", op, paths[i]);
        t_check_error (t, &error, RS_ERROR_INVALID_PATH, paths[i]);
      }

  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

/* Rule 2: `a..b` and friends are ordinary names; no Unicode
 * normalisation, no case folding. */
static void
test_ordinary_names (T *t)
{
  static const char *const names[] = {
    "a..b", "..a", "b..", "...", ".hidden", "x/..y/z", "x/y../z", "Case.txt", "case.txt",
    "\xc3\xa9.txt" /* é, NFC */, "e\xcc\x81.txt" /* é, NFD */,
  };
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autofree char *files = NULL;
  g_autofree char *want = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      t_put (t, names[i], names[i]);
      g_ptr_array_add (expected, (gpointer) names[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *content = t_get (t, names[i]);

      g_assert_cmpstr (content, ==, names[i]);
    }
  files = t_files (t, "", RS_LIST_RECURSIVE, NULL, -1);
  want = t_join_strings (expected);
  g_assert_cmpstr (files, ==, want);
}

static const char *const root_names[] = { "", ".", "/", "./", "//", "./.", ".//", "\\", "/./" };

/* Rule 3: the root always exists and is a folder, even when nothing was
 * ever written under it. */
static void
test_root_exists (T *t)
{
  for (int round = 0; round < 2; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (root_names); i++)
        {
          g_assert_true (t_check_exists (t, root_names[i]));
          g_assert_true (t_check_is_folder (t, root_names[i]));
          g_assert_false (t_check_is_file (t, root_names[i]));
        }
      t_put (t, "f", "x");
    }
}

/* Rule 4: file-shaped operations on the root are INVALID_PATH. */
static void
test_root_file_ops (T *t)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  t_put (t, "f", "content");
  before = t_snapshot (t);

  for (guint i = 0; i < G_N_ELEMENTS (root_names); i++)
    {
      const char *root = root_names[i];
      GError *error = NULL;
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *text = NULL;
      g_autoptr(RsFileInfo) info = NULL;
      g_autoptr(RsWriteResult) head = NULL;

      if (t_supports (t, RS_CAPABILITY_READ))
        {
          stream = t_read (t, root, &error);
          g_assert_null (stream);
          t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
          bytes = t_read_bytes (t, root, &error);
          g_assert_null (bytes);
          t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
          text = t_read_text (t, root, NULL, &error);
          g_assert_null (text);
          t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
          bytes = t_read_range (t, root, 0, 1, &error);
          g_assert_null (bytes);
          t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
        }
      info = t_get_file_info (t, root, &error);
      g_assert_null (info);
      t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
      head = t_head (t, root, &error);
      g_assert_null (head);
      t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
      if (t_supports (t, RS_CAPABILITY_DELETE))
        {
          g_assert_false (t_delete (t, root, RS_DELETE_NONE, &error));
          t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
          g_assert_false (t_delete (t, root, RS_DELETE_MISSING_OK, &error));
          t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
        }
      if (t_supports (t, RS_CAPABILITY_MOVE))
        {
          g_assert_false (t_move (t, root, "moved", RS_COPY_OVERWRITE, &error));
          t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
          g_assert_false (t_move (t, "f", root, RS_COPY_OVERWRITE, &error));
          t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
        }
      if (t_supports (t, RS_CAPABILITY_COPY))
        {
          g_assert_false (t_copy (t, root, "copied", RS_COPY_OVERWRITE, &error));
          t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
          g_assert_false (t_copy (t, "f", root, RS_COPY_OVERWRITE, &error));
          t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
        }
    }

  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

/* Rule 4: a write whose path has no segment is INVALID_PATH before any
 * byte is sent (the content stream is never read). */
static void
test_root_writes (T *t)
{
  static const char *const paths[] = { "", ".", "./", ".//", "./.", "/", "\\", "//./" };
  g_autoptr(GBytes) data = g_bytes_new_static ("data", 4);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!t_require (t, RS_CAPABILITY_WRITE))
    return;
  t_put (t, "f", "content");
  before = t_snapshot (t);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    for (RsWriteFlags flags = 0; flags <= RS_WRITE_OVERWRITE; flags++)
      {
        GError *error = NULL;
        g_autoptr(TSource) source = t_source_new (1024, 7);
        g_autoptr(RsWriteResult) r1 = NULL;
        g_autoptr(RsWriteResult) r2 = NULL;
        g_autoptr(RsWriteResult) r3 = NULL;
        g_autoptr(GOutputStream) out = NULL;

        r1 = t_write_bytes (t, paths[i], data, flags, NULL, &error);
        g_assert_null (r1);
        t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
        r2 = t_write_text (t, paths[i], "text", flags, NULL, &error);
        g_assert_null (r2);
        t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
        r3 = t_write (t, paths[i], G_INPUT_STREAM (source), flags, NULL, &error);
        g_assert_null (r3);
        t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
        g_assert_cmpuint (t_source_reads (source), ==, 0);
        out = t_open_write (t, paths[i], flags, NULL, &error);
        g_assert_null (out);
        t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
      }

  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

/* Rule 4: delete_folder of the root is INVALID_PATH, whatever the flags. */
static void
test_root_delete_folder (T *t)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!t_require (t, RS_CAPABILITY_DELETE))
    return;
  t_put (t, "d/f", "content");
  t_put (t, "g", "content");
  before = t_snapshot (t);

  for (guint i = 0; i < G_N_ELEMENTS (root_names); i++)
    for (RsDeleteFlags flags = 0; flags <= (RS_DELETE_MISSING_OK | RS_DELETE_RECURSIVE); flags++)
      {
        GError *error = NULL;

        g_assert_false (t_delete_folder (t, root_names[i], flags, &error));
        t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
      }

  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

static void
assert_usable_file (T *t, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsFileInfo) info = NULL;

  g_assert_false (g_str_has_prefix (path, "/"));
  g_assert_false (g_str_has_suffix (path, "/"));
  g_assert_null (strstr (path, "//"));
  g_assert_true (t_check_is_file (t, path));
  info = t_get_file_info (t, path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_entry_get_path (RS_ENTRY (info)), ==, path);
}

static void
assert_usable_folder (T *t, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsFolderInfo) info = NULL;

  g_assert_false (g_str_has_prefix (path, "/"));
  g_assert_false (g_str_has_suffix (path, "/"));
  g_assert_true (t_check_is_folder (t, path));
  info = t_get_folder_info (t, path, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_folder_info_get_path (info), ==, path);
}

static void
assert_entries_usable (T *t, RsEnumerator *enumerator, GError *error)
{
  g_autoptr(RsEnumerator) e = enumerator;
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_no_error (error);
  entries = t_collect (t, e, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      RsEntry *entry = entries->pdata[i];
      g_autofree char *base = g_path_get_basename (rs_entry_get_path (entry));

      g_assert_cmpstr (rs_entry_get_name (entry), ==, base);
      if (RS_IS_FILE_INFO (entry))
        assert_usable_file (t, rs_entry_get_path (entry));
      else
        {
          g_assert_true (RS_IS_FOLDER_ENTRY (entry));
          assert_usable_folder (t, rs_entry_get_path (entry));
        }
    }
}

/* Rule 5: every returned path is store-relative and can be passed back. */
static void
test_returned_paths (T *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) result = NULL;
  g_autoptr(RsWriteResult) head = NULL;
  g_autoptr(RsStore) child = NULL;
  g_autofree char *child_files = NULL;
  g_autofree char *want = NULL;
  g_autofree char *parent_files = NULL;
  RsStore *saved;
  GError *e = NULL;

  t_put (t, "top.txt", "1");
  t_put (t, "d/one.txt", "22");
  result = t_write_text (t, "./d//e/two.txt", "333", RS_WRITE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_write_result_get_path (result), ==, "d/e/two.txt");
  assert_usable_file (t, rs_write_result_get_path (result));
  head = t_head (t, "d/e/two.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_write_result_get_path (head), ==, "d/e/two.txt");

  assert_entries_usable (t, t_list_files (t, "", RS_LIST_RECURSIVE, NULL, -1, &e), e);
  assert_entries_usable (t, t_list_files (t, "d", RS_LIST_NONE, NULL, -1, &e), e);
  assert_entries_usable (t, t_iter_children (t, "", &e), e);
  assert_entries_usable (t, t_iter_children (t, "d", &e), e);
  assert_entries_usable (t, t_list_folders (t, "", NULL, 5, &e), e);
  assert_entries_usable (t, t_glob (t, "**/*.txt", &e), e);
  assert_usable_folder (t, "d/e");

  /* A child store speaks its own relative paths. */
  child = rs_store_child (t->store, "d", &error);
  g_assert_no_error (error);
  saved = t->store;
  t->store = child;
  child_files = t_files (t, "", RS_LIST_RECURSIVE, NULL, -1);
  want = t_expect ("e/two.txt", "one.txt", NULL);
  g_assert_cmpstr (child_files, ==, want);
  g_clear_object (&result);
  result = t_write_text (t, "new.txt", "n", RS_WRITE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_write_result_get_path (result), ==, "new.txt");
  assert_entries_usable (t, t_iter_children (t, "", &e), e);
  t->store = saved;
  parent_files = t_files (t, "d", RS_LIST_NONE, NULL, -1);
  g_clear_pointer (&want, g_free);
  want = t_expect ("d/new.txt", "d/one.txt", NULL);
  g_assert_cmpstr (parent_files, ==, want);
}

/* Rule 5: to_key (native_path (k)) == k, on the store and on a child. */
static void
test_native_roundtrip (T *t)
{
  static const char *const paths[] = {
    "", "a", "a/b/c.txt", "sp ace/\xc3\xbc.bin", "a..b/x", "#?%&+=", "\xe6\x97\xa5\xe6\x9c\xac/f",
  };
  g_autoptr(RsStore) child = NULL;
  g_autoptr(GError) error = NULL;
  RsStore *stores[2];

  child = rs_store_child (t->store, "sub/dir", &error);
  g_assert_no_error (error);
  stores[0] = t->store;
  stores[1] = child;

  for (guint s = 0; s < G_N_ELEMENTS (stores); s++)
    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_autofree char *native = rs_store_native_path (stores[s], paths[i]);
        g_autofree char *key = NULL;
        g_autoptr(RsResolutionPlan) plan = NULL;

        g_assert_nonnull (native);
        key = rs_store_to_key (stores[s], native, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (key, ==, paths[i]);
        plan = rs_store_resolve (stores[s], paths[i]);
        g_assert_nonnull (plan);
        g_assert_cmpstr (rs_resolution_plan_get_native_path (plan), ==, native);
      }

  /* Denormalised input gives the same native path. */
  {
    g_autofree char *a = rs_store_native_path (t->store, "a/b/c.txt");
    g_autofree char *b = rs_store_native_path (t->store, "./a//b\\c.txt/");

    g_assert_cmpstr (a, ==, b);
  }
  /* An invalid path has no native path. */
  {
    g_autofree char *none = rs_store_native_path (t->store, "a/../b");

    g_assert_null (none);
  }
}

/* Rule 5: to_key of a native path outside the store is INVALID_PATH. */
static void
test_to_key_outside (T *t)
{
  static const char *const outside[] = { "outside/f", "insidex/f", "f", "inside-not/x" };
  g_autoptr(RsStore) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *inner = rs_store_native_path (t->store, "inside/f/g");
  g_autofree char *self = rs_store_native_path (t->store, "inside");
  g_autofree char *key = NULL;

  child = rs_store_child (t->store, "inside", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      g_autofree char *native = rs_store_native_path (t->store, outside[i]);
      g_autofree char *none = rs_store_to_key (child, native, &error);

      g_assert_null (none);
      t_check_error (t, &error, RS_ERROR_INVALID_PATH, native);
    }
  key = rs_store_to_key (child, inner, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "f/g");
  g_clear_pointer (&key, g_free);
  key = rs_store_to_key (child, self, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "");
}

void
t_add_path_tests (void)
{
  t_add ("rule01-normalisation", "separators-and-dots", test_normalisation);
  t_add ("rule02-invalid-path", "dotdot-segment", test_dotdot);
  t_add ("rule02-invalid-path", "ordinary-names", test_ordinary_names);
  t_add ("rule03-root", "always-a-folder", test_root_exists);
  t_add ("rule04-root-refusals", "file-operations", test_root_file_ops);
  t_add ("rule04-root-refusals", "writes-without-segment", test_root_writes);
  t_add ("rule04-root-refusals", "delete-folder", test_root_delete_folder);
  t_add ("rule05-returned-paths", "store-relative-and-usable", test_returned_paths);
  t_add ("rule05-returned-paths", "native-path-roundtrip", test_native_roundtrip);
  t_add ("rule05-returned-paths", "to-key-outside", test_to_key_outside);
}
