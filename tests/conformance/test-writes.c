/* test-writes.c: SEMANTICS.md rules 8–11, writes */
#include <string.h>

#include "conformance-harness.h"

#define MiB (1024 * 1024)

/* Every write form refuses @path with @code; a stream is never read. */
static void
check_writes_refused (T *t, const char *path, RsWriteFlags flags, int code)
{
  GError *error = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("new", 3);
  g_autoptr(TSource) source = t_source_new (4096, 5);
  g_autoptr(RsWriteResult) r1 = NULL;
  g_autoptr(RsWriteResult) r2 = NULL;
  g_autoptr(RsWriteResult) r3 = NULL;
  g_autoptr(GOutputStream) out = NULL;

  r1 = t_write_bytes (t, path, data, flags, NULL, &error);
  g_assert_null (r1);
  t_check_error (t, &error, code, path);
  r2 = t_write_text (t, path, "new", flags, NULL, &error);
  g_assert_null (r2);
  t_check_error (t, &error, code, path);
  r3 = t_write (t, path, G_INPUT_STREAM (source), flags, NULL, &error);
  g_assert_null (r3);
  t_check_error (t, &error, code, path);
  g_assert_cmpuint (t_source_reads (source), ==, 0);
  out = t_open_write (t, path, flags, NULL, &error);
  g_assert_null (out);
  t_check_error (t, &error, code, path);
}

static RsWriteFlags
flag_sets (T *t, guint i)
{
  static const RsWriteFlags sets[] = {
    RS_WRITE_NONE, RS_WRITE_OVERWRITE, RS_WRITE_ATOMIC, RS_WRITE_OVERWRITE | RS_WRITE_ATOMIC,
  };

  if (i >= G_N_ELEMENTS (sets))
    return (RsWriteFlags) -1;
  if ((sets[i] & RS_WRITE_ATOMIC) && !t_supports (t, RS_CAPABILITY_ATOMIC_WRITE))
    return flag_sets (t, i + 1);
  return sets[i];
}

#define FOR_EACH_FLAGS(t, i, flags) \
  for (guint i = 0; ((flags) = flag_sets ((t), i)) != (RsWriteFlags) -1; i++)

/* Rule 8: a write onto an existing folder is INVALID_PATH, before
 * ALREADY_EXISTS, with or without OVERWRITE, on every namespace. */
static void
test_existing_folder (T *t)
{
  static const char *const folders[] = { "d", "d/", "./d", "n", "n/e" };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RsWriteFlags flags;

  if (!t_require (t, RS_CAPABILITY_WRITE))
    return;
  t_put (t, "d/f", "x");
  t_put (t, "n/e/f", "y");   /* n and n/e exist only through their file */
  before = t_snapshot (t);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    FOR_EACH_FLAGS (t, j, flags)
      check_writes_refused (t, folders[i], flags, RS_ERROR_INVALID_PATH);
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

static void
check_under_file (T *t)
{
  static const char *const paths[] = { "f/g", "f/g/h", "f/x/y/z.txt" };
  RsWriteFlags flags;

  if (t_rejects_under_file (t))
    {
      g_autofree char *before = t_snapshot (t);
      g_autofree char *after = NULL;

      g_test_message ("writes under a file are refused on this store");
      for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
        FOR_EACH_FLAGS (t, j, flags)
          check_writes_refused (t, paths[i], flags, RS_ERROR_INVALID_PATH);
      after = t_snapshot (t);
      g_assert_cmpstr (after, ==, before);
    }
  else
    {
      /* A flat namespace without the option skips the check: the write
       * goes through and the file at the ancestor is untouched. */
      g_autofree char *content = NULL;

      g_test_message ("flat namespace without reject-write-under-file-ancestor: "
                      "a write under a file goes through");
      t_put (t, "f/g", "under");
      content = t_get (t, "f/g");
      g_assert_cmpstr (content, ==, "under");
      g_clear_pointer (&content, g_free);
      content = t_get (t, "f");
      g_assert_cmpstr (content, ==, "file");
    }

  /* Only slash-aligned ancestors count: a file "ab" is no ancestor of
   * "abc/d". */
  t_put (t, "ab", "ab");
  t_put (t, "abc/d", "abcd");
  g_assert_true (t_check_is_file (t, "abc/d"));
}

/* Rule 8: a file at a slash-aligned ancestor makes the write
 * INVALID_PATH; on a flat namespace only with the backend option. */
static void
test_ancestor_file (T *t)
{
  if (!t_require (t, RS_CAPABILITY_WRITE))
    return;
  t_put (t, "f", "file");
  check_under_file (t);
}

/* Rule 8: with reject-write-under-file-ancestor set, every backend,
 * flat ones included, refuses a write under a file. */
static void
test_ancestor_file_option (T *t)
{
  if (!t_require (t, RS_CAPABILITY_WRITE))
    return;
  if (!t_use_private (t, "reject-write-under-file-ancestor=true"))
    return;
  g_assert_true (rs_backend_get_reject_write_under_file_ancestor (rs_store_get_backend (t->store)));
  g_assert_true (t_rejects_under_file (t));
  t_put (t, "f", "file");
  check_under_file (t);
}

/* Rule 8: an existing file without OVERWRITE is ALREADY_EXISTS, for every
 * write form (open_write at the call); with OVERWRITE it is replaced. */
static void
test_already_exists (T *t)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *content = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) r = NULL;

  if (!t_require (t, RS_CAPABILITY_WRITE))
    return;
  t_put (t, "f", "old");
  t_put (t, "d/g", "old");
  before = t_snapshot (t);
  check_writes_refused (t, "f", RS_WRITE_NONE, RS_ERROR_ALREADY_EXISTS);
  check_writes_refused (t, "./d//g", RS_WRITE_NONE, RS_ERROR_ALREADY_EXISTS);
  if (t_supports (t, RS_CAPABILITY_ATOMIC_WRITE))
    check_writes_refused (t, "f", RS_WRITE_ATOMIC, RS_ERROR_ALREADY_EXISTS);
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);

  r = t_write_text (t, "f", "newer", RS_WRITE_OVERWRITE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rs_write_result_get_size (r), ==, 5);
  content = t_get (t, "f");
  g_assert_cmpstr (content, ==, "newer");
}

/* Rule 8 on a flat namespace, where a file and a folder may share a name
 * ("s" and "s/x"): the file answers for the name, so the write is
 * ALREADY_EXISTS without OVERWRITE and replaces the file with it — for the
 * short path the core takes when only the folder half of the check is
 * needed, as for the full one. */
static void
test_file_shares_folder_name (T *t)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *content = NULL;
  g_autofree char *under = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) r = NULL;

  if (!t_require (t, RS_CAPABILITY_WRITE))
    return;
  if (!t_is_flat (t) || t_rejects_under_file (t))
    {
      g_test_skip ("a file and a folder cannot share a name on this store");
      return;
    }
  t_put (t, "s", "file");
  t_put (t, "s/x", "under");
  before = t_snapshot (t);
  check_writes_refused (t, "s", RS_WRITE_NONE, RS_ERROR_ALREADY_EXISTS);
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);

  r = t_write_text (t, "s", "replaced", RS_WRITE_OVERWRITE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rs_write_result_get_size (r), ==, 8);
  content = t_get (t, "s");
  g_assert_cmpstr (content, ==, "replaced");
  under = t_get (t, "s/x");
  g_assert_cmpstr (under, ==, "under");
}

/* Rule 9: parents are created implicitly, by every write form. */
static void
test_implicit_parents (T *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autofree char *folders = NULL;
  g_autofree char *want = NULL;
  g_autofree char *children = NULL;

  if (!t_require (t, RS_CAPABILITY_WRITE))
    return;
  t_put (t, "p/q/r/s.txt", "x");
  g_assert_true (t_check_is_folder (t, "p"));
  g_assert_true (t_check_is_folder (t, "p/q"));
  g_assert_true (t_check_is_folder (t, "p/q/r"));
  out = t_open_write (t, "o/p/q.txt", RS_WRITE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (t_out_write_all (t, out, "abc", 3, &error));
  g_assert_no_error (error);
  g_assert_true (t_out_close (t, out, &error));
  g_assert_no_error (error);
  g_assert_true (t_check_is_folder (t, "o/p"));
  g_assert_true (t_check_is_file (t, "o/p/q.txt"));

  if (!t_supports (t, RS_CAPABILITY_LIST))
    return;
  folders = t_folders (t, "", NULL, 5);
  want = t_expect ("o", "o/p", "p", "p/q", "p/q/r", NULL);
  g_assert_cmpstr (folders, ==, want);
  children = t_children (t, "p");
  g_assert_cmpstr (children, ==, "p/q");
}

static void
check_written (T *t, const char *path, GBytes *expected, RsWriteResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) back = t_get_bytes (t, path);
  g_autoptr(RsFileInfo) info = t_get_file_info (t, path, &error);

  g_assert_cmpstr (rs_write_result_get_path (result), ==, path);
  g_assert_cmpint (rs_write_result_get_size (result), ==, (gint64) g_bytes_get_size (expected));
  t_assert_bytes_equal (back, expected);
  g_assert_no_error (error);
  g_assert_cmpint (rs_fileinfo_get_size (info), ==, (gint64) g_bytes_get_size (expected));
}

/* Rule 10: the result's size is the exact number of bytes written. */
static void
test_exact_size (T *t)
{
  static const gsize sizes[] = { 0, 1, 256, 65537, 10 * MiB };
  g_autoptr(GError) error = NULL;

  if (!t_require (t, RS_CAPABILITY_WRITE | RS_CAPABILITY_READ))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("bytes-%" G_GSIZE_FORMAT, sizes[i]);
      g_autoptr(GBytes) data = NULL;
      g_autoptr(RsWriteResult) r = NULL;

      if (sizes[i] == 256)
        {
          guint8 all[256];

          for (guint b = 0; b < 256; b++)
            all[b] = (guint8) (255 - b);
          data = g_bytes_new (all, sizeof all);
        }
      else
        data = t_pattern_bytes (sizes[i], i);
      r = t_write_bytes (t, path, data, RS_WRITE_NONE, NULL, &error);
      g_assert_no_error (error);
      check_written (t, path, data, r);
    }

  /* A stream of unknown length. */
  {
    g_autoptr(TSource) source = t_source_new (10 * MiB + 3, 77);
    g_autoptr(GBytes) expected = t_pattern_bytes (10 * MiB + 3, 77);
    g_autoptr(RsWriteResult) r = t_write (t, "stream", G_INPUT_STREAM (source), RS_WRITE_NONE,
                                          NULL, &error);

    g_assert_no_error (error);
    check_written (t, "stream", expected, r);
  }
  /* Text: bytes, not characters. */
  {
    const char *text = "h\xc3\xa9llo \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80";
    g_autoptr(GBytes) expected = g_bytes_new_static (text, strlen (text));
    g_autoptr(RsWriteResult) r = t_write_text (t, "text", text, RS_WRITE_NONE, NULL, &error);
    g_autoptr(RsWriteResult) empty = NULL;
    g_autoptr(GBytes) none = g_bytes_new_static ("", 0);

    g_assert_no_error (error);
    check_written (t, "text", expected, r);
    empty = t_write_text (t, "empty-text", "", RS_WRITE_NONE, NULL, &error);
    g_assert_no_error (error);
    check_written (t, "empty-text", none, empty);
  }
  /* An open_write closed at once makes an empty file. */
  {
    g_autoptr(GOutputStream) out = t_open_write (t, "empty-stream", RS_WRITE_NONE, NULL, &error);
    g_autoptr(GBytes) back = NULL;

    g_assert_no_error (error);
    g_assert_true (t_out_close (t, out, &error));
    g_assert_no_error (error);
    back = t_get_bytes (t, "empty-stream");
    g_assert_cmpuint (g_bytes_get_size (back), ==, 0);
  }
}

static void
check_source (T *t, RsWriteResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsFileInfo) info = t_get_file_info (t, rs_write_result_get_path (result), &error);

  g_assert_no_error (error);
  if (t_supports (t, RS_CAPABILITY_WRITE_RESULT_NATIVE))
    {
      g_assert_cmpint (rs_write_result_get_source (result), ==, RS_RESULT_SOURCE_NATIVE);
      /* What the response carried equals what get_file_info reports. */
      if (rs_write_result_get_etag (result) != NULL)
        g_assert_cmpstr (rs_write_result_get_etag (result), ==, rs_fileinfo_get_etag (info));
      if (rs_write_result_get_last_modified (result) != NULL)
        t_assert_same_time (rs_write_result_get_last_modified (result),
                            rs_fileinfo_get_modified (info));
      if (rs_write_result_get_digest (result) != NULL)
        g_assert_cmpstr (rs_write_result_get_digest (result), ==, rs_fileinfo_get_digest (info));
    }
  else
    {
      g_assert_cmpint (rs_write_result_get_source (result), ==, RS_RESULT_SOURCE_BASIC);
      g_assert_null (rs_write_result_get_etag (result));
      g_assert_null (rs_write_result_get_version_id (result));
      g_assert_null (rs_write_result_get_last_modified (result));
      g_assert_null (rs_write_result_get_digest (result));
    }
  g_assert_cmpint (rs_write_result_get_size (result), ==, rs_fileinfo_get_size (info));
}

/* Rule 10: source NATIVE iff WRITE_RESULT_NATIVE, else BASIC. */
static void
test_result_source (T *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = t_pattern_bytes (1000, 3);
  g_autoptr(TSource) source = t_source_new (2000, 4);
  g_autoptr(RsWriteResult) r1 = NULL;
  g_autoptr(RsWriteResult) r2 = NULL;
  g_autoptr(RsWriteResult) r3 = NULL;
  g_autoptr(RsWriteResult) r4 = NULL;

  if (!t_require (t, RS_CAPABILITY_WRITE))
    return;
  r1 = t_write_bytes (t, "bytes", data, RS_WRITE_NONE, NULL, &error);
  g_assert_no_error (error);
  check_source (t, r1);
  r2 = t_write_text (t, "text", "some text", RS_WRITE_NONE, NULL, &error);
  g_assert_no_error (error);
  check_source (t, r2);
  r3 = t_write (t, "stream", G_INPUT_STREAM (source), RS_WRITE_NONE, NULL, &error);
  g_assert_no_error (error);
  check_source (t, r3);
  r4 = t_write_bytes (t, "bytes", data, RS_WRITE_OVERWRITE |
                      (t_supports (t, RS_CAPABILITY_ATOMIC_WRITE) ? RS_WRITE_ATOMIC : 0),
                      NULL, &error);
  g_assert_no_error (error);
  check_source (t, r4);
}

/* Rule 10: head builds a write result from get_file_info, source SIDECAR. */
static void
test_head_sidecar (T *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) md = t_metadata ("owner", "h\xc3\xa9", NULL);
  g_autoptr(GBytes) data = t_pattern_bytes (777, 1);
  g_autoptr(RsWriteResult) w = NULL;
  g_autoptr(RsWriteResult) head = NULL;
  g_autoptr(RsFileInfo) info = NULL;
  gboolean with_md = t_supports (t, RS_CAPABILITY_USER_METADATA);

  if (!t_require (t, RS_CAPABILITY_WRITE))
    return;
  w = t_write_bytes (t, "d/h.bin", data, RS_WRITE_NONE, with_md ? md : NULL, &error);
  g_assert_no_error (error);
  head = t_head (t, "./d//h.bin", &error);
  g_assert_no_error (error);
  info = t_get_file_info (t, "d/h.bin", &error);
  g_assert_no_error (error);
  g_assert_cmpint (rs_write_result_get_source (head), ==, RS_RESULT_SOURCE_SIDECAR);
  g_assert_cmpstr (rs_write_result_get_path (head), ==, "d/h.bin");
  g_assert_cmpint (rs_write_result_get_size (head), ==, 777);
  g_assert_cmpstr (rs_write_result_get_etag (head), ==, rs_fileinfo_get_etag (info));
  g_assert_cmpstr (rs_write_result_get_digest (head), ==, rs_fileinfo_get_digest (info));
  t_assert_same_time (rs_write_result_get_last_modified (head), rs_fileinfo_get_modified (info));
  if (with_md)
    t_assert_metadata (md, rs_write_result_get_metadata (head));

  /* head is file-shaped: missing is NOT_FOUND, a folder INVALID_PATH. */
  {
    GError *e = NULL;
    g_autoptr(RsWriteResult) missing = t_head (t, "d/nope", &e);
    g_autoptr(RsWriteResult) folder = NULL;

    g_assert_null (missing);
    t_check_error (t, &e, RS_ERROR_NOT_FOUND, "d/nope");
    folder = t_head (t, "d", &e);
    g_assert_null (folder);
    t_check_error (t, &e, RS_ERROR_INVALID_PATH, "d");
  }
}

/* Rule 10: metadata is echoed as given and read back by get_file_info. */
static void
test_metadata_echo (T *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) md = t_metadata ("author", "Zo\xc3\xab",
                                         "Key-2", "\xe6\x97\xa5\xe6\x9c\xac",
                                         "empty", "", NULL);
  g_autoptr(GBytes) data = g_bytes_new_static ("data", 4);
  g_autoptr(TSource) source = t_source_new (100, 2);
  g_autoptr(RsWriteResult) r1 = NULL;
  g_autoptr(RsWriteResult) r2 = NULL;
  g_autoptr(RsWriteResult) r3 = NULL;
  g_autoptr(GOutputStream) out = NULL;
  static const char *const paths[] = { "bytes", "text", "stream", "open" };

  if (!t_require (t, RS_CAPABILITY_WRITE))
    return;
  if (!t_supports (t, RS_CAPABILITY_USER_METADATA))
    {
      /* Without USER_METADATA file infos carry no metadata. */
      g_autoptr(RsFileInfo) info = NULL;

      t_put (t, "plain", "x");
      info = t_get_file_info (t, "plain", &error);
      g_assert_no_error (error);
      g_assert_null (rs_fileinfo_get_metadata (info));
      return;
    }

  r1 = t_write_bytes (t, "bytes", data, RS_WRITE_NONE, md, &error);
  g_assert_no_error (error);
  t_assert_metadata (md, rs_write_result_get_metadata (r1));
  r2 = t_write_text (t, "text", "t", RS_WRITE_NONE, md, &error);
  g_assert_no_error (error);
  t_assert_metadata (md, rs_write_result_get_metadata (r2));
  r3 = t_write (t, "stream", G_INPUT_STREAM (source), RS_WRITE_NONE, md, &error);
  g_assert_no_error (error);
  t_assert_metadata (md, rs_write_result_get_metadata (r3));
  out = t_open_write (t, "open", RS_WRITE_NONE, md, &error);
  g_assert_no_error (error);
  g_assert_true (t_out_write_all (t, out, "o", 1, &error));
  g_assert_true (t_out_close (t, out, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(RsFileInfo) info = t_get_file_info (t, paths[i], &error);

      g_assert_no_error (error);
      t_assert_metadata (md, rs_fileinfo_get_metadata (info));
    }
}

/* Rule 10 with a store stream as the content: a read stream of the same
 * store feeds a write. */
static void
test_from_store_stream (T *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = t_pattern_bytes (3 * MiB + 11, 9);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(RsWriteResult) r = NULL;

  if (!t_require (t, RS_CAPABILITY_WRITE | RS_CAPABILITY_READ))
    return;
  t_put_bytes (t, "src", data);
  in = t_read (t, "src", &error);
  g_assert_no_error (error);
  r = t_write (t, "copy/dst", in, RS_WRITE_NONE, NULL, &error);
  g_assert_no_error (error);
  check_written (t, "copy/dst", data, r);
}

/* ---- rule 11 ---------------------------------------------------------- */

/* Rule 11: when the content source fails, an ATOMIC write leaves the
 * target as it was and no extra file anywhere. */
static void
test_atomic_failing_source (T *t)
{
  static const gsize fail_at[] = { 0, 1000, 300 * 1024, MiB - 1 };
  g_autofree char *before = NULL;

  if (!t_require (t, RS_CAPABILITY_WRITE | RS_CAPABILITY_ATOMIC_WRITE))
    return;
  t_put (t, "t", "old");
  t_put (t, "keep/k", "k");
  before = t_snapshot (t);

  for (guint i = 0; i < G_N_ELEMENTS (fail_at); i++)
    {
      static const char *const targets[] = { "t", "n/new" };

      for (guint j = 0; j < G_N_ELEMENTS (targets); j++)
        {
          GError *error = NULL;
          g_autoptr(TSource) source = t_source_new (MiB, i);
          g_autoptr(RsWriteResult) r = NULL;
          g_autofree char *after = NULL;

          t_source_fail_at (source, fail_at[i]);
          r = t_write (t, targets[j], G_INPUT_STREAM (source),
                       RS_WRITE_ATOMIC | RS_WRITE_OVERWRITE, NULL, &error);
          g_assert_null (r);
          /* Mapped into RsError, naming the target and the backend. */
          g_assert_true (error != NULL && error->domain == RS_ERROR);
          t_check_error (t, &error, error != NULL ? error->code : RS_ERROR_FAILED, targets[j]);
          g_assert_cmpuint (t_source_delivered (source), ==, fail_at[i]);
          t_drain (t);
          after = t_snapshot (t);
          g_assert_cmpstr (after, ==, before);
        }
    }
}

/* Rule 11: a cancelled ATOMIC write leaves nothing. */
static void
test_atomic_cancelled (T *t)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GError *error = NULL;

  if (!t_require (t, RS_CAPABILITY_WRITE | RS_CAPABILITY_ATOMIC_WRITE))
    return;
  t_put (t, "t", "old");
  before = t_snapshot (t);

  /* Cancelled while the content streams. */
  for (guint j = 0; j < 2; j++)
    {
      const char *target = j == 0 ? "t" : "n/new";
      g_autoptr(TSource) source = t_source_new (MiB, 5);
      g_autoptr(RsWriteResult) r = NULL;

      t->cancellable = g_cancellable_new ();
      t_source_cancel_at (source, 100 * 1024, t->cancellable);
      r = t_write (t, target, G_INPUT_STREAM (source), RS_WRITE_ATOMIC | RS_WRITE_OVERWRITE, NULL,
                   &error);
      g_assert_null (r);
      t_check_cancelled (&error);
      g_clear_object (&t->cancellable);
      t_drain (t);
      g_clear_pointer (&after, g_free);
      after = t_snapshot (t);
      g_assert_cmpstr (after, ==, before);
    }

  /* Cancelled before it starts. */
  t->cancellable = g_cancellable_new ();
  g_cancellable_cancel (t->cancellable);
  {
    g_autoptr(GBytes) data = t_pattern_bytes (5000, 1);
    g_autoptr(RsWriteResult) r1 = t_write_bytes (t, "t", data, RS_WRITE_ATOMIC | RS_WRITE_OVERWRITE,
                                                 NULL, &error);
    g_autoptr(RsWriteResult) r2 = NULL;

    g_assert_null (r1);
    t_check_cancelled (&error);
    r2 = t_write_bytes (t, "n/new", data, RS_WRITE_ATOMIC, NULL, &error);
    g_assert_null (r2);
    t_check_cancelled (&error);
  }
  g_clear_object (&t->cancellable);
  t_drain (t);
  g_clear_pointer (&after, g_free);
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

typedef struct
{
  RsStore *store;
  const char *path;
  const char *old;
  gboolean ran;
} Probe;

/* Runs inside the write, from whatever thread reads the content: the
 * target must still be exactly what it was. */
static void
probe_target (gpointer data)
{
  Probe *probe = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = rs_store_read_bytes (probe->store, probe->path, NULL, &error);

  if (probe->old == NULL)
    {
      g_assert_error (error, RS_ERROR, RS_ERROR_NOT_FOUND);
      g_clear_error (&error);
      g_assert_false (rs_store_is_file (probe->store, probe->path, NULL, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), probe->old,
                       strlen (probe->old));
    }
  probe->ran = TRUE;
}

/* Rule 11: no reader ever sees a partial file, even while the content is
 * still streaming in. */
static void
test_atomic_invisible (T *t)
{
  static const char *const targets[] = { "t", "n/new" };
  g_autoptr(GBytes) expected = t_pattern_bytes (MiB, 8);

  if (!t_require (t, RS_CAPABILITY_WRITE | RS_CAPABILITY_ATOMIC_WRITE | RS_CAPABILITY_READ))
    return;
  t_put (t, "t", "old");
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TSource) source = t_source_new (MiB, 8);
      g_autoptr(RsWriteResult) r = NULL;
      Probe probe = { t->store, targets[i], i == 0 ? "old" : NULL, FALSE };

      t_source_hook_at (source, MiB / 2, probe_target, &probe);
      r = t_write (t, targets[i], G_INPUT_STREAM (source), RS_WRITE_ATOMIC | RS_WRITE_OVERWRITE,
                   NULL, &error);
      g_assert_no_error (error);
      g_assert_true (probe.ran);
      check_written (t, targets[i], expected, r);
    }
}

/* open_write commits on a successful close; with ATOMIC the target keeps
 * its old content until then. */
static void
test_open_write_commit (T *t)
{
  g_autoptr(GBytes) big = t_pattern_bytes (3 * MiB, 6);
  RsWriteFlags flags;

  if (!t_require (t, RS_CAPABILITY_WRITE))
    return;
  FOR_EACH_FLAGS (t, i, flags)
    {
      gboolean atomic = (flags & RS_WRITE_ATOMIC) != 0;
      g_autofree char *target = g_strdup_printf ("t%u", i);
      g_autofree char *fresh = g_strdup_printf ("fresh/n%u", i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GOutputStream) out = NULL;
      g_autoptr(GOutputStream) out2 = NULL;
      g_autoptr(GBytes) back = NULL;
      g_autoptr(GByteArray) want = g_byte_array_new ();
      g_autoptr(GBytes) want_bytes = NULL;
      g_autofree char *content = NULL;

      if (!(flags & RS_WRITE_OVERWRITE))
        continue;
      t_put (t, target, "old");
      out = t_open_write (t, target, flags, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (t_out_write_all (t, out, "new-1 ", 6, &error));
      g_assert_no_error (error);
      if (atomic)
        {
          content = t_get (t, target);
          g_assert_cmpstr (content, ==, "old");
        }
      g_assert_true (t_out_write_all (t, out, g_bytes_get_data (big, NULL),
                                      g_bytes_get_size (big), &error));
      g_assert_no_error (error);
      if (atomic)
        {
          g_clear_pointer (&content, g_free);
          content = t_get (t, target);
          g_assert_cmpstr (content, ==, "old");
        }
      g_assert_true (t_out_close (t, out, &error));
      g_assert_no_error (error);
      g_byte_array_append (want, (const guint8 *) "new-1 ", 6);
      g_byte_array_append (want, g_bytes_get_data (big, NULL), g_bytes_get_size (big));
      want_bytes = g_bytes_new (want->data, want->len);
      back = t_get_bytes (t, target);
      t_assert_bytes_equal (back, want_bytes);

      /* A new file appears only at close. */
      out2 = t_open_write (t, fresh, flags & ~RS_WRITE_OVERWRITE, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (t_out_write_all (t, out2, "abc", 3, &error));
      g_assert_no_error (error);
      if (atomic)
        g_assert_false (t_check_exists (t, fresh));
      g_assert_true (t_out_close (t, out2, &error));
      g_assert_no_error (error);
      g_clear_pointer (&content, g_free);
      content = t_get (t, fresh);
      g_assert_cmpstr (content, ==, "abc");
    }
}

/* open_write with ATOMIC: dropping the stream unclosed aborts. */
static void
test_open_write_dropped (T *t)
{
  static const char *const targets[] = { "t", "n/new" };
  g_autofree char *before = NULL;

  if (!t_require (t, RS_CAPABILITY_WRITE | RS_CAPABILITY_ATOMIC_WRITE))
    return;
  t_put (t, "t", "old");
  before = t_snapshot (t);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) data = t_pattern_bytes (256 * 1024, 2);
      GOutputStream *out = t_open_write (t, targets[i], RS_WRITE_ATOMIC | RS_WRITE_OVERWRITE, NULL,
                                         &error);
      g_autofree char *after = NULL;

      g_assert_no_error (error);
      g_assert_true (t_out_write_all (t, out, g_bytes_get_data (data, NULL),
                                      g_bytes_get_size (data), &error));
      g_assert_no_error (error);
      g_object_unref (out);
      t_drain (t);
      after = t_snapshot (t);
      g_assert_cmpstr (after, ==, before);
    }
}

/* open_write with ATOMIC: a close whose cancellable is cancelled aborts
 * with G_IO_ERROR_CANCELLED. */
static void
test_open_write_cancelled_close (T *t)
{
  static const char *const targets[] = { "t", "n/new" };
  g_autofree char *before = NULL;

  if (!t_require (t, RS_CAPABILITY_WRITE | RS_CAPABILITY_ATOMIC_WRITE))
    return;
  t_put (t, "t", "old");
  before = t_snapshot (t);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      GError *error = NULL;
      g_autoptr(GOutputStream) out = t_open_write (t, targets[i],
                                                   RS_WRITE_ATOMIC | RS_WRITE_OVERWRITE, NULL,
                                                   &error);
      g_autofree char *after = NULL;

      g_assert_no_error (error);
      g_assert_true (t_out_write_all (t, out, "partial", 7, &error));
      g_assert_no_error (error);
      t->cancellable = g_cancellable_new ();
      g_cancellable_cancel (t->cancellable);
      g_assert_false (t_out_close (t, out, &error));
      t_check_cancelled (&error);
      g_clear_object (&t->cancellable);
      g_clear_object (&out);
      t_drain (t);
      after = t_snapshot (t);
      g_assert_cmpstr (after, ==, before);
    }
}

/* open_write with ATOMIC: a failed write aborts; a later close must not
 * commit what came before. The failure is injected with a cancelled
 * cancellable, the one error every stream can be made to report. */
static void
test_open_write_error_aborts (T *t)
{
  static const char *const targets[] = { "t", "n/new" };
  g_autofree char *before = NULL;

  if (!t_require (t, RS_CAPABILITY_WRITE | RS_CAPABILITY_ATOMIC_WRITE))
    return;
  t_put (t, "t", "old");
  before = t_snapshot (t);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      GError *error = NULL;
      g_autoptr(GOutputStream) out = t_open_write (t, targets[i],
                                                   RS_WRITE_ATOMIC | RS_WRITE_OVERWRITE, NULL,
                                                   &error);
      g_autofree char *after = NULL;
      gboolean ok;

      g_assert_no_error (error);
      g_assert_true (t_out_write_all (t, out, "committed?", 10, &error));
      g_assert_no_error (error);
      t->cancellable = g_cancellable_new ();
      g_cancellable_cancel (t->cancellable);
      ok = t_out_write_all (t, out, "more", 4, &error);
      g_clear_object (&t->cancellable);
      g_assert_false (ok);
      t_check_cancelled (&error);
      /* Whatever close answers, it must not commit. */
      if (!t_out_close (t, out, &error))
        g_clear_error (&error);
      g_clear_object (&out);
      t_drain (t);
      after = t_snapshot (t);
      g_assert_cmpstr (after, ==, before);
    }
}

void
t_add_write_tests (void)
{
  t_add ("rule08-write-precedence", "existing-folder", test_existing_folder);
  t_add ("rule08-write-precedence", "ancestor-file", test_ancestor_file);
  t_add ("rule08-write-precedence", "ancestor-file-with-option", test_ancestor_file_option);
  t_add ("rule08-write-precedence", "already-exists", test_already_exists);
  t_add ("rule08-write-precedence", "file-shares-folder-name", test_file_shares_folder_name);
  t_add ("rule09-implicit-parents", "every-write-form", test_implicit_parents);
  t_add ("rule10-write-result", "exact-size", test_exact_size);
  t_add ("rule10-write-result", "native-or-basic", test_result_source);
  t_add ("rule10-write-result", "head-is-sidecar", test_head_sidecar);
  t_add ("rule10-write-result", "metadata-echoed", test_metadata_echo);
  t_add ("rule10-write-result", "store-stream-as-content", test_from_store_stream);
  t_add ("rule11-atomic", "failing-source", test_atomic_failing_source);
  t_add ("rule11-atomic", "cancelled", test_atomic_cancelled);
  t_add ("rule11-atomic", "invisible-while-streaming", test_atomic_invisible);
  t_add ("rule11-atomic", "open-write-commits-on-close", test_open_write_commit);
  t_add ("rule11-atomic", "open-write-dropped-unclosed", test_open_write_dropped);
  t_add ("rule11-atomic", "open-write-cancelled-close", test_open_write_cancelled_close);
  t_add ("rule11-atomic", "open-write-error-aborts", test_open_write_error_aborts);
}
