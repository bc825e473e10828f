/* test-reads.c: SEMANTICS.md rules 15–16, reads and infos */
#include <string.h>

#include "conformance-harness.h"

/* Every read form on @path fails with @code at the call. */
static void
check_reads_refused (T *t, const char *path, int code)
{
  GError *error = NULL;
  g_autoptr(GInputStream) stream = t_read (t, path, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) range = NULL;
  g_autofree char *text = NULL;

  g_assert_null (stream);
  t_check_error (t, &error, code, path);
  bytes = t_read_bytes (t, path, &error);
  g_assert_null (bytes);
  t_check_error (t, &error, code, path);
  text = t_read_text (t, path, "UTF-8", &error);
  g_assert_null (text);
  t_check_error (t, &error, code, path);
  range = t_read_range (t, path, 1, 2, &error);
  g_assert_null (range);
  t_check_error (t, &error, code, path);
}

/* Rule 15: a missing file fails at the call with NOT_FOUND, a path under
 * a file too; a folder is INVALID_PATH. */
static void
test_read_refusals (T *t)
{
  if (!t_require (t, RS_CAPABILITY_READ))
    return;
  check_reads_refused (t, "nope", RS_ERROR_NOT_FOUND);
  t_put (t, "f", "content");
  t_put (t, "d/g", "content");
  check_reads_refused (t, "nope", RS_ERROR_NOT_FOUND);
  check_reads_refused (t, "d/nope", RS_ERROR_NOT_FOUND);
  check_reads_refused (t, "f/x", RS_ERROR_NOT_FOUND);
  check_reads_refused (t, "f/x/y", RS_ERROR_NOT_FOUND);
  check_reads_refused (t, "d", RS_ERROR_INVALID_PATH);
}

/* Rule 15: a read never returns more than asked (nor writes past it),
 * end of file is a 0-byte read, close is idempotent. */
static void
test_stream_bounds (T *t)
{
  static const gsize counts[] = { 1, 7, 64, 4096, 1 << 20 };
  g_autoptr(GBytes) data = t_pattern_bytes (100 * 1000 + 3, 21);
  gsize size = g_bytes_get_size (data);
  const guint8 *expected = g_bytes_get_data (data, NULL);

  if (!t_require (t, RS_CAPABILITY_READ))
    return;
  t_put_bytes (t, "f", data);
  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GInputStream) stream = t_read (t, "f", &error);
      gsize count = counts[c];
      guint8 *buffer = g_malloc (count + 64);
      gsize total = 0;
      gssize n;

      g_assert_no_error (error);
      g_assert_true (G_IS_INPUT_STREAM (stream));
      for (;;)
        {
          memset (buffer, 0xA5, count + 64);
          n = t_stream_read (t, stream, buffer, count, &error);
          g_assert_no_error (error);
          g_assert_cmpint (n, >=, 0);
          g_assert_cmpint (n, <=, (gssize) count);
          for (gsize i = count; i < count + 64; i++)
            g_assert_cmpuint (buffer[i], ==, 0xA5);
          if (n == 0)
            break;
          g_assert_cmpuint (total + n, <=, size);
          g_assert_cmpmem (buffer, n, expected + total, n);
          total += n;
        }
      g_assert_cmpuint (total, ==, size);
      /* End of file stays a 0-byte read. */
      n = t_stream_read (t, stream, buffer, count, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n, ==, 0);
      g_free (buffer);

      g_assert_true (t_stream_close (t, stream, &error));
      g_assert_no_error (error);
      g_assert_true (t_stream_close (t, stream, &error));
      g_assert_no_error (error);
    }

  /* An empty file: the first read is the end. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) none = g_bytes_new_static ("", 0);
    g_autoptr(GInputStream) stream = NULL;
    char byte;

    t_put_bytes (t, "empty", none);
    stream = t_read (t, "empty", &error);
    g_assert_no_error (error);
    g_assert_cmpint (t_stream_read (t, stream, &byte, 1, &error), ==, 0);
    g_assert_no_error (error);
  }
}

/* Rule 15: streams are seekable where SEEKABLE_READ. */
static void
test_seekable (T *t)
{
  g_autoptr(GBytes) data = t_pattern_bytes (64 * 1024, 33);
  const guint8 *expected = g_bytes_get_data (data, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  GSeekable *seekable;
  guint8 buffer[16];

  if (!t_require (t, RS_CAPABILITY_READ | RS_CAPABILITY_SEEKABLE_READ))
    return;
  t_put_bytes (t, "f", data);
  stream = t_read (t, "f", &error);
  g_assert_no_error (error);
  g_assert_true (G_IS_SEEKABLE (stream));
  seekable = G_SEEKABLE (stream);
  g_assert_true (g_seekable_can_seek (seekable));

  g_assert_cmpint (t_stream_read (t, stream, buffer, 10, &error), ==, 10);
  g_assert_cmpmem (buffer, 10, expected, 10);
  g_assert_cmpint (g_seekable_tell (seekable), ==, 10);

  g_assert_true (g_seekable_seek (seekable, 40000, G_SEEK_SET, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_seekable_tell (seekable), ==, 40000);
  g_assert_cmpint (t_stream_read (t, stream, buffer, 16, &error), ==, 16);
  g_assert_cmpmem (buffer, 16, expected + 40000, 16);

  g_assert_true (g_seekable_seek (seekable, -100, G_SEEK_CUR, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_seekable_tell (seekable), ==, 40000 + 16 - 100);
  g_assert_cmpint (t_stream_read (t, stream, buffer, 16, &error), ==, 16);
  g_assert_cmpmem (buffer, 16, expected + 40000 + 16 - 100, 16);

  g_assert_true (g_seekable_seek (seekable, -5, G_SEEK_END, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t_stream_read (t, stream, buffer, 16, &error), ==, 5);
  g_assert_cmpmem (buffer, 5, expected + 64 * 1024 - 5, 5);
  g_assert_cmpint (t_stream_read (t, stream, buffer, 16, &error), ==, 0);

  g_assert_true (g_seekable_seek (seekable, 0, G_SEEK_SET, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t_stream_read (t, stream, buffer, 16, &error), ==, 16);
  g_assert_cmpmem (buffer, 16, expected, 16);
  g_assert_true (t_stream_close (t, stream, &error));
  g_assert_no_error (error);
}

static void
check_range (T *t, GBytes *data, gint64 offset, gint64 length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) range = t_read_range (t, "f", offset, length, &error);
  gint64 size = g_bytes_get_size (data);
  gint64 start = MIN (offset, size);
  gint64 end = length < 0 ? size : MIN (size, offset + length);

  g_assert_no_error (error);
  g_assert_nonnull (range);
  if (end < start)
    end = start;
  g_assert_cmpmem (g_bytes_get_data (range, NULL), g_bytes_get_size (range),
                   (const guint8 *) g_bytes_get_data (data, NULL) + start, end - start);
}

/* Rule 15: read_range gives at most @length bytes from @offset, fewer at
 * the end, none past it; bad offsets and lengths are INVALID_ARGUMENT. */
static void
test_read_range (T *t)
{
  g_autoptr(GBytes) data = t_pattern_bytes (100, 44);
  GError *error = NULL;

  if (!t_require (t, RS_CAPABILITY_READ))
    return;
  t_put_bytes (t, "f", data);
  check_range (t, data, 0, 10);
  check_range (t, data, 0, -1);
  check_range (t, data, 10, 0);
  check_range (t, data, 37, 1);
  check_range (t, data, 90, -1);
  check_range (t, data, 90, 50);
  check_range (t, data, 99, 1);
  check_range (t, data, 100, 5);
  check_range (t, data, 100, -1);
  check_range (t, data, 250, 5);
  check_range (t, data, 0, G_MAXINT64);

  {
    g_autoptr(GBytes) r1 = t_read_range (t, "f", -1, 5, &error);
    g_autoptr(GBytes) r2 = NULL;

    g_assert_null (r1);
    t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "f");
    r2 = t_read_range (t, "f", 0, -2, &error);
    g_assert_null (r2);
    t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "f");
  }
}

/* Rule 15: read_text decodes from the given encoding; an unknown one is
 * INVALID_ARGUMENT before any I/O. */
static void
test_read_text (T *t)
{
  static const char latin1[] = "caf\xe9 \xfc\xdf";
  g_autoptr(GBytes) bytes = g_bytes_new_static (latin1, sizeof latin1 - 1);
  GError *error = NULL;
  g_autofree char *text = NULL;

  if (!t_require (t, RS_CAPABILITY_READ))
    return;
  t_put_bytes (t, "latin1", bytes);
  text = t_read_text (t, "latin1", "ISO-8859-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "caf\xc3\xa9 \xc3\xbc\xc3\x9f");
  g_clear_pointer (&text, g_free);

  t_put (t, "utf8", "h\xc3\xa9llo \xe6\x97\xa5\xe6\x9c\xac");
  text = t_read_text (t, "utf8", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "h\xc3\xa9llo \xe6\x97\xa5\xe6\x9c\xac");
  g_clear_pointer (&text, g_free);
  text = t_read_text (t, "utf8", "UTF-8", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "h\xc3\xa9llo \xe6\x97\xa5\xe6\x9c\xac");
  g_clear_pointer (&text, g_free);

  /* Unknown encoding: INVALID_ARGUMENT, even for a missing file. */
  text = t_read_text (t, "utf8", "NO-SUCH-ENCODING-X", &error);
  g_assert_null (text);
  t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "utf8");
  text = t_read_text (t, "missing", "NO-SUCH-ENCODING-X", &error);
  g_assert_null (text);
  t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "missing");

  /* Bytes that are not text in the encoding fail. */
  text = t_read_text (t, "latin1", "UTF-8", &error);
  g_assert_null (text);
  t_check_error (t, &error, RS_ERROR_FAILED, "latin1");
}

/* Rule 16: get_file_info on a file, a folder (INVALID_PATH, flat
 * namespaces included), a missing path and a path under a file. */
static void
test_file_info (T *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsFileInfo) info = NULL;
  GError *e = NULL;

  t_put (t, "d/f.txt", "hello");
  info = t_get_file_info (t, "./d//f.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_entry_get_path (RS_ENTRY (info)), ==, "d/f.txt");
  g_assert_cmpstr (rs_entry_get_name (RS_ENTRY (info)), ==, "f.txt");
  g_assert_cmpint (rs_fileinfo_get_size (info), ==, 5);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RsFileInfo) folder = t_get_file_info (t, i == 0 ? "d" : "d/", &e);
      g_autoptr(RsFileInfo) missing = NULL;
      g_autoptr(RsFileInfo) under = NULL;

      g_assert_null (folder);
      t_check_error (t, &e, RS_ERROR_INVALID_PATH, "d");
      missing = t_get_file_info (t, "d/nope", &e);
      g_assert_null (missing);
      t_check_error (t, &e, RS_ERROR_NOT_FOUND, "d/nope");
      under = t_get_file_info (t, "d/f.txt/x", &e);
      g_assert_null (under);
      t_check_error (t, &e, RS_ERROR_NOT_FOUND, "d/f.txt/x");
    }
}

/* Rule 16: get_folder_info of a file is INVALID_PATH. */
static void
test_folder_info_of_file (T *t)
{
  GError *error = NULL;

  if (!t_require (t, RS_CAPABILITY_LIST))
    return;
  t_put (t, "d/f.txt", "hello");
  for (int depth = -1; depth <= 1; depth++)
    {
      g_autoptr(RsFolderInfo) info = t_get_folder_info (t, "d/f.txt", depth, &error);

      g_assert_null (info);
      t_check_error (t, &error, RS_ERROR_INVALID_PATH, "d/f.txt");
    }
}

static GDateTime *
latest_of (T *t, const char *const *paths)
{
  GDateTime *latest = NULL;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RsFileInfo) info = t_get_file_info (t, paths[i], &error);
      GDateTime *m;

      g_assert_no_error (error);
      m = rs_fileinfo_get_modified (info);
      if (m != NULL && (latest == NULL || g_date_time_compare (m, latest) > 0))
        {
          g_clear_pointer (&latest, g_date_time_unref);
          latest = g_date_time_ref (m);
        }
    }
  return latest;
}

static void
check_folder_info (T *t, const char *path, int depth, gint64 count, gint64 total,
                   const char *const *files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsFolderInfo) info = t_get_folder_info (t, path, depth, &error);
  g_autoptr(GDateTime) latest = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (rs_folder_info_get_file_count (info), ==, count);
  g_assert_cmpint (rs_folder_info_get_total_size (info), ==, total);
  if (files != NULL)
    {
      latest = latest_of (t, files);
      t_assert_same_time (rs_folder_info_get_modified (info), latest);
    }
}

/* Rule 16: get_folder_info counts files (not folders) recursively, sums
 * sizes, reports the latest modification; max_depth bounds it. */
static void
test_folder_info_counts (T *t)
{
  static const char *const in_d[] = { "d/a", "d/b/c", "d/b/e/f", NULL };
  static const char *const in_d0[] = { "d/a", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(RsFolderInfo) info = NULL;

  if (!t_require (t, RS_CAPABILITY_LIST))
    return;
  t_put (t, "d/a", "abc");           /* 3 */
  t_put (t, "d/b/c", "abcde");       /* 5 */
  t_put (t, "d/b/e/f", "abcdefg");   /* 7 */
  t_put (t, "dx", "12345678901");    /* 11, beside d */
  t_put (t, "d2/y", "1234567890123");/* 13, beside d */

  check_folder_info (t, "d", -1, 3, 15, in_d);
  check_folder_info (t, "./d/", -1, 3, 15, in_d);
  check_folder_info (t, "d", 0, 1, 3, in_d0);
  check_folder_info (t, "d", 1, 2, 8, NULL);
  check_folder_info (t, "d", 2, 3, 15, in_d);
  check_folder_info (t, "", -1, 5, 39, NULL);
  check_folder_info (t, "", 0, 1, 11, NULL);

  info = t_get_folder_info (t, "d/b", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_folder_info_get_path (info), ==, "d/b");

  /* Enough files to span listing pages. */
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *path = g_strdup_printf ("many/f%02u", i);

      t_put (t, path, "xx");
    }
  check_folder_info (t, "many", -1, 25, 50, NULL);
}

/* Rule 16: the root of an empty store gives zeros. */
static void
test_folder_info_empty_root (T *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsFolderInfo) info = NULL;

  if (!t_require (t, RS_CAPABILITY_LIST))
    return;
  info = t_get_folder_info (t, "", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rs_folder_info_get_file_count (info), ==, 0);
  g_assert_cmpint (rs_folder_info_get_total_size (info), ==, 0);
  g_assert_cmpstr (rs_folder_info_get_path (info), ==, "");
}

void
t_add_read_tests (void)
{
  t_add ("rule15-read", "refused-at-the-call", test_read_refusals);
  t_add ("rule15-read", "stream-bounds-eof-close", test_stream_bounds);
  t_add ("rule15-read", "seekable", test_seekable);
  t_add ("rule15-read", "range", test_read_range);
  t_add ("rule15-read", "text-encoding", test_read_text);
  t_add ("rule16-info", "file-info", test_file_info);
  t_add ("rule16-info", "folder-info-of-file", test_folder_info_of_file);
  t_add ("rule16-info", "folder-info-counts", test_folder_info_counts);
  t_add ("rule16-info", "folder-info-empty-root", test_folder_info_empty_root);
}
