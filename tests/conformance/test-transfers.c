/* test-transfers.c: SEMANTICS.md rule 12, move and copy */
#include "conformance-harness.h"

typedef enum { OP_COPY, OP_MOVE } Transfer;

static const char *const op_names[] = { "copy", "move" };

static gboolean
transfer (T *t, Transfer op, const char *src, const char *dst, RsCopyFlags flags, GError **error)
{
  return op == OP_MOVE ? t_move (t, src, dst, flags, error) : t_copy (t, src, dst, flags, error);
}

static gboolean
op_supported (T *t, Transfer op)
{
  return t_supports (t, op == OP_MOVE ? RS_CAPABILITY_MOVE : RS_CAPABILITY_COPY);
}

/* Skips when the backend can neither move nor copy. */
static gboolean
require_transfer (T *t)
{
  if (op_supported (t, OP_COPY) || op_supported (t, OP_MOVE))
    return TRUE;
  return t_require (t, RS_CAPABILITY_MOVE | RS_CAPABILITY_COPY);
}

#define FOR_EACH_OP(t, op) \
  for (Transfer op = OP_COPY; op <= OP_MOVE; op++) \
    if (op_supported ((t), op))

/* A file moves or copies, with new parents; move removes the source. */
static void
test_basic (T *t)
{
  g_autoptr(GBytes) data = t_pattern_bytes (1024 * 1024 + 5, 12);

  if (!require_transfer (t))
    return;
  FOR_EACH_OP (t, op)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *src = g_strdup_printf ("%s/src.bin", op_names[op]);
      g_autofree char *dst = g_strdup_printf ("%s/x/y/dst.bin", op_names[op]);
      g_autoptr(GBytes) back = NULL;

      t_put_bytes (t, src, data);
      g_assert_true (transfer (t, op, src, dst, RS_COPY_NONE, &error));
      g_assert_no_error (error);
      back = t_get_bytes (t, dst);
      t_assert_bytes_equal (back, data);
      g_assert_true (t_check_is_folder (t, op == OP_MOVE ? "move/x/y" : "copy/x/y"));
      if (op == OP_MOVE)
        {
          GError *e = NULL;
          g_autoptr(GBytes) gone = t_read_bytes (t, src, &e);

          g_assert_null (gone);
          t_check_error (t, &e, RS_ERROR_NOT_FOUND, src);
          g_assert_false (t_check_is_file (t, src));
        }
      else
        {
          g_autoptr(GBytes) kept = t_get_bytes (t, src);

          t_assert_bytes_equal (kept, data);
        }
    }
}

/* move/copy are file-only: a folder source or destination is INVALID_PATH. */
static void
test_file_only (T *t)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!require_transfer (t))
    return;
  t_put (t, "d/f", "in folder");
  t_put (t, "s", "source");
  t_put (t, "e", "file");
  before = t_snapshot (t);
  FOR_EACH_OP (t, op)
    for (RsCopyFlags flags = 0; flags <= RS_COPY_OVERWRITE; flags++)
      {
        GError *error = NULL;

        g_assert_false (transfer (t, op, "d", "z", flags, &error));
        t_check_error (t, &error, RS_ERROR_INVALID_PATH, "d");
        g_assert_false (transfer (t, op, "s", "d", flags, &error));
        t_check_error (t, &error, RS_ERROR_INVALID_PATH, "d");
        g_assert_false (transfer (t, op, "s", "./d/", flags, &error));
        t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
        /* The destination is a write: under a file it is refused where
         * rule 8 refuses writes there. */
        if (t_rejects_under_file (t))
          {
            g_assert_false (transfer (t, op, "s", "e/under", flags, &error));
            t_check_error (t, &error, RS_ERROR_INVALID_PATH, "e/under");
            /* Under the source itself. */
            g_assert_false (transfer (t, op, "s", "s/inside", flags, &error));
            t_check_error (t, &error, RS_ERROR_INVALID_PATH, "s/inside");
          }
      }
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

/* A missing source is NOT_FOUND naming the source, ahead of every
 * destination check. */
static void
test_missing_source (T *t)
{
  static const char *const destinations[] = { "z", "d", "e", "e/under", "new/deep/z" };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!require_transfer (t))
    return;
  t_put (t, "d/f", "in folder");
  t_put (t, "e", "file");
  before = t_snapshot (t);
  FOR_EACH_OP (t, op)
    for (guint i = 0; i < G_N_ELEMENTS (destinations); i++)
      for (RsCopyFlags flags = 0; flags <= RS_COPY_OVERWRITE; flags++)
        {
          GError *error = NULL;

          g_assert_false (transfer (t, op, "gone.txt", destinations[i], flags, &error));
          t_check_error (t, &error, RS_ERROR_NOT_FOUND, "gone.txt");
          /* A source under a file is missing too. */
          g_assert_false (transfer (t, op, "e/x", destinations[i], flags, &error));
          t_check_error (t, &error, RS_ERROR_NOT_FOUND, "e/x");
        }
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

/* A root destination outranks everything, even a missing source. */
static void
test_root_destination (T *t)
{
  static const char *const roots[] = { "", ".", "/", "./" };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!require_transfer (t))
    return;
  t_put (t, "s", "source");
  before = t_snapshot (t);
  FOR_EACH_OP (t, op)
    for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
      {
        GError *error = NULL;

        g_assert_false (transfer (t, op, "gone.txt", roots[i], RS_COPY_OVERWRITE, &error));
        t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
        g_assert_false (transfer (t, op, "s", roots[i], RS_COPY_OVERWRITE, &error));
        t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
        g_assert_false (transfer (t, op, roots[i], "z", RS_COPY_OVERWRITE, &error));
        t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
      }
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

/* src == dst on an existing file is a no-op, whatever the flags. */
static void
test_same_path (T *t)
{
  static const char *const spellings[] = { "d/s", "./d//s", "d/s/" };
  g_autoptr(GHashTable) md = t_metadata ("k", "v", NULL);
  gboolean with_md = t_supports (t, RS_CAPABILITY_USER_METADATA);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) w = NULL;

  if (!require_transfer (t))
    return;
  w = t_write_text (t, "d/s", "same", RS_WRITE_NONE, with_md ? md : NULL, &error);
  g_assert_no_error (error);
  before = t_snapshot (t);
  FOR_EACH_OP (t, op)
    for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
      for (RsCopyFlags flags = 0; flags <= RS_COPY_OVERWRITE; flags++)
        {
          g_assert_true (transfer (t, op, "d/s", spellings[i], flags, &error));
          g_assert_no_error (error);
        }
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
  if (with_md)
    {
      g_autoptr(RsFileInfo) info = t_get_file_info (t, "d/s", &error);

      g_assert_no_error (error);
      t_assert_metadata (md, rs_fileinfo_get_metadata (info));
    }
}

/* An existing destination is ALREADY_EXISTS without OVERWRITE, replaced
 * with it. */
static void
test_overwrite (T *t)
{
  if (!require_transfer (t))
    return;
  FOR_EACH_OP (t, op)
    {
      GError *error = NULL;
      g_autofree char *src = g_strdup_printf ("%s-src", op_names[op]);
      g_autofree char *dst = g_strdup_printf ("%s-dir/dst", op_names[op]);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *content = NULL;

      t_put (t, src, "source content");
      t_put (t, dst, "destination content");
      before = t_snapshot (t);
      g_assert_false (transfer (t, op, src, dst, RS_COPY_NONE, &error));
      t_check_error (t, &error, RS_ERROR_ALREADY_EXISTS, dst);
      after = t_snapshot (t);
      g_assert_cmpstr (after, ==, before);

      g_assert_true (transfer (t, op, src, dst, RS_COPY_OVERWRITE, &error));
      g_assert_no_error (error);
      content = t_get (t, dst);
      g_assert_cmpstr (content, ==, "source content");
      g_assert_true (t_check_is_file (t, src) == (op == OP_COPY));
    }
}

/* User metadata travels with move and copy. */
static void
test_metadata_travels (T *t)
{
  g_autoptr(GHashTable) md = t_metadata ("origin", "m\xc3\xa9tadata", "n", "1", NULL);

  if (!require_transfer (t) || !t_require (t, RS_CAPABILITY_USER_METADATA))
    return;
  FOR_EACH_OP (t, op)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *src = g_strdup_printf ("%s-src", op_names[op]);
      g_autofree char *dst = g_strdup_printf ("%s/dst", op_names[op]);
      g_autoptr(GBytes) data = t_pattern_bytes (300 * 1024, 4);
      g_autoptr(RsWriteResult) w = t_write_bytes (t, src, data, RS_WRITE_NONE, md, &error);
      g_autoptr(RsFileInfo) info = NULL;

      g_assert_no_error (error);
      g_assert_true (transfer (t, op, src, dst, RS_COPY_NONE, &error));
      g_assert_no_error (error);
      info = t_get_file_info (t, dst, &error);
      g_assert_no_error (error);
      t_assert_metadata (md, rs_fileinfo_get_metadata (info));
      g_assert_cmpint (rs_fileinfo_get_size (info), ==, 300 * 1024);
    }
}

void
t_add_transfer_tests (void)
{
  t_add ("rule12-move-copy", "file-with-new-parents", test_basic);
  t_add ("rule12-move-copy", "file-only", test_file_only);
  t_add ("rule12-move-copy", "missing-source-first", test_missing_source);
  t_add ("rule12-move-copy", "root-destination-outranks", test_root_destination);
  t_add ("rule12-move-copy", "same-path-is-noop", test_same_path);
  t_add ("rule12-move-copy", "overwrite", test_overwrite);
  t_add ("rule12-move-copy", "metadata-travels", test_metadata_travels);
}
