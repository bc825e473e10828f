/* test-checks.c: SEMANTICS.md rules 6–7, checks before I/O and metadata */
#include <string.h>

#include "conformance-harness.h"

#define BAD_PATH "../x"

/* Calls made with every other argument wrong too, so that only a
 * capability gate that comes first can explain a CAPABILITY_NOT_SUPPORTED. */
typedef GError *(*GatedCall) (T *t);

static GError *
call_read (T *t)
{
  GError *error = NULL;
  g_autoptr(GInputStream) s = t_read (t, BAD_PATH, &error);

  g_assert_null (s);
  return error;
}

static GError *
call_read_bytes (T *t)
{
  GError *error = NULL;
  g_autoptr(GBytes) b = t_read_bytes (t, BAD_PATH, &error);

  g_assert_null (b);
  return error;
}

static GError *
call_read_text (T *t)
{
  GError *error = NULL;
  g_autofree char *s = t_read_text (t, BAD_PATH, "NO-SUCH-ENCODING-X", &error);

  g_assert_null (s);
  return error;
}

static GError *
call_read_range (T *t)
{
  GError *error = NULL;
  g_autoptr(GBytes) b = t_read_range (t, BAD_PATH, -1, -5, &error);

  g_assert_null (b);
  return error;
}

static GHashTable *
bad_metadata (void)
{
  return t_metadata ("_reserved", "v", NULL);
}

static GError *
call_write_bytes (T *t)
{
  GError *error = NULL;
  g_autoptr(GHashTable) md = bad_metadata ();
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);
  g_autoptr(RsWriteResult) r = t_write_bytes (t, BAD_PATH, data, RS_WRITE_NONE, md, &error);

  g_assert_null (r);
  return error;
}

static GError *
call_write_text (T *t)
{
  GError *error = NULL;
  g_autoptr(GHashTable) md = bad_metadata ();
  g_autoptr(RsWriteResult) r = t_write_text (t, BAD_PATH, "\xff\xfe", RS_WRITE_NONE, md, &error);

  g_assert_null (r);
  return error;
}

static GError *
call_write_stream (T *t)
{
  GError *error = NULL;
  g_autoptr(GHashTable) md = bad_metadata ();
  g_autoptr(TSource) source = t_source_new (100, 3);
  g_autoptr(RsWriteResult) r = t_write (t, BAD_PATH, G_INPUT_STREAM (source), RS_WRITE_NONE, md,
                                        &error);

  g_assert_null (r);
  g_assert_cmpuint (t_source_reads (source), ==, 0);
  return error;
}

static GError *
call_open_write (T *t)
{
  GError *error = NULL;
  g_autoptr(GHashTable) md = bad_metadata ();
  g_autoptr(GOutputStream) s = t_open_write (t, BAD_PATH, RS_WRITE_NONE, md, &error);

  g_assert_null (s);
  return error;
}

static GError *
call_write_atomic (T *t)
{
  GError *error = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);
  g_autoptr(RsWriteResult) r = t_write_bytes (t, BAD_PATH, data, RS_WRITE_ATOMIC, NULL, &error);

  g_assert_null (r);
  return error;
}

static GError *
call_open_write_atomic (T *t)
{
  GError *error = NULL;
  g_autoptr(GOutputStream) s = t_open_write (t, BAD_PATH, RS_WRITE_ATOMIC, NULL, &error);

  g_assert_null (s);
  return error;
}

static GError *
call_delete (T *t)
{
  GError *error = NULL;

  g_assert_false (t_delete (t, BAD_PATH, RS_DELETE_NONE, &error));
  return error;
}

static GError *
call_delete_folder (T *t)
{
  GError *error = NULL;

  g_assert_false (t_delete_folder (t, BAD_PATH, RS_DELETE_NONE, &error));
  return error;
}

static GError *
call_list_files (T *t)
{
  GError *error = NULL;
  g_autoptr(RsEnumerator) e = t_list_files (t, BAD_PATH, RS_LIST_NONE, NULL, -5, &error);

  g_assert_null (e);
  return error;
}

static GError *
call_list_folders (T *t)
{
  GError *error = NULL;
  g_autoptr(RsEnumerator) e = t_list_folders (t, BAD_PATH, NULL, -5, &error);

  g_assert_null (e);
  return error;
}

static GError *
call_iter_children (T *t)
{
  GError *error = NULL;
  g_autoptr(RsEnumerator) e = t_iter_children (t, BAD_PATH, &error);

  g_assert_null (e);
  return error;
}

static GError *
call_glob (T *t)
{
  GError *error = NULL;
  g_autoptr(RsEnumerator) e = t_glob (t, "*", &error);

  g_assert_null (e);
  return error;
}

static GError *
call_folder_info (T *t)
{
  GError *error = NULL;
  g_autoptr(RsFolderInfo) i = t_get_folder_info (t, BAD_PATH, -5, &error);

  g_assert_null (i);
  return error;
}

static GError *
call_move (T *t)
{
  GError *error = NULL;

  g_assert_false (t_move (t, BAD_PATH, "../y", RS_COPY_NONE, &error));
  return error;
}

static GError *
call_copy (T *t)
{
  GError *error = NULL;

  g_assert_false (t_copy (t, BAD_PATH, "../y", RS_COPY_NONE, &error));
  return error;
}

typedef struct
{
  RsCapabilities capability;
  const char *name;
  GatedCall call;
} GatedRow;

static const GatedRow gated_rows[] = {
  { RS_CAPABILITY_READ, "read", call_read },
  { RS_CAPABILITY_READ, "read_bytes", call_read_bytes },
  { RS_CAPABILITY_READ, "read_text", call_read_text },
  { RS_CAPABILITY_READ, "read_range", call_read_range },
  { RS_CAPABILITY_WRITE, "write_bytes", call_write_bytes },
  { RS_CAPABILITY_WRITE, "write_text", call_write_text },
  { RS_CAPABILITY_WRITE, "write", call_write_stream },
  { RS_CAPABILITY_WRITE, "open_write", call_open_write },
  { RS_CAPABILITY_ATOMIC_WRITE, "write_bytes atomic", call_write_atomic },
  { RS_CAPABILITY_ATOMIC_WRITE, "open_write atomic", call_open_write_atomic },
  { RS_CAPABILITY_DELETE, "delete", call_delete },
  { RS_CAPABILITY_DELETE, "delete_folder", call_delete_folder },
  { RS_CAPABILITY_LIST, "list_files", call_list_files },
  { RS_CAPABILITY_LIST, "list_folders", call_list_folders },
  { RS_CAPABILITY_LIST, "iter_children", call_iter_children },
  { RS_CAPABILITY_LIST, "glob", call_glob },
  { RS_CAPABILITY_LIST, "get_folder_info", call_folder_info },
  { RS_CAPABILITY_MOVE, "move", call_move },
  { RS_CAPABILITY_COPY, "copy", call_copy },
};

static void
check_capability_error (T *t, const GatedRow *row, GError *error)
{
  g_autofree char *nick = t_capability_nick (row->capability);
  g_autofree char *message = NULL;

  if (error == NULL)
    {
      g_test_fail_printf ("%s without the capability %s succeeded", row->name, nick);
      return;
    }
  if (!g_error_matches (error, RS_ERROR, RS_ERROR_CAPABILITY_NOT_SUPPORTED))
    {
      g_test_fail_printf ("%s without the capability %s: expected CAPABILITY_NOT_SUPPORTED "
                          "first, got “%s”", row->name, nick, error->message);
      g_error_free (error);
      return;
    }
  /* The message names the missing capability. */
  message = g_ascii_strdown (error->message, -1);
  g_strdelimit (message, "_", '-');
  if (strstr (message, nick) == NULL)
    g_test_fail_printf ("“%s” does not name the capability %s", error->message, nick);
  t_check_error (t, &error, RS_ERROR_CAPABILITY_NOT_SUPPORTED, NULL);
}

/* Rule 6: the capability gate is the first check (declared capabilities). */
static void
test_capability_gate (T *t)
{
  guint checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (gated_rows); i++)
    {
      if (t_supports (t, gated_rows[i].capability))
        continue;
      check_capability_error (t, &gated_rows[i], gated_rows[i].call (t));
      checked++;
    }
  if (checked == 0)
    g_test_skip ("the backend declares every capability an operation is gated on");
}

/* Rule 6: the same gate, on a private backend instance whose declared
 * capabilities are narrowed one at a time: the gate is the core's, so it
 * must hold even where the real backend has everything. */
static void
test_capability_gate_narrowed (T *t)
{
  RsBackend *backend;
  RsCapabilities all;
  g_autofree char *files = NULL;

  if (!t_use_private (t, NULL))
    return;
  backend = rs_store_get_backend (t->store);
  all = rs_backend_get_capabilities (backend);
  for (guint i = 0; i < G_N_ELEMENTS (gated_rows); i++)
    {
      GError *error;

      rs_backend_set_capabilities (backend, all & ~gated_rows[i].capability);
      error = gated_rows[i].call (t);
      rs_backend_set_capabilities (backend, all);
      check_capability_error (t, &gated_rows[i], error);
    }
  if (t_supports (t, RS_CAPABILITY_LIST))
    {
      files = t_files (t, "", RS_LIST_RECURSIVE, NULL, -1);
      g_assert_cmpstr (files, ==, "");
    }
}

/* Rule 6: path validation comes before argument validation. */
static void
test_path_before_argument (T *t)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GatedCall calls[] = {
    call_read_text, call_read_range, call_write_bytes, call_write_text, call_write_stream,
    call_open_write, call_list_files, call_list_folders, call_folder_info,
  };
  RsCapabilities caps[] = {
    RS_CAPABILITY_READ, RS_CAPABILITY_READ, RS_CAPABILITY_WRITE, RS_CAPABILITY_WRITE,
    RS_CAPABILITY_WRITE, RS_CAPABILITY_WRITE, RS_CAPABILITY_LIST, RS_CAPABILITY_LIST,
    RS_CAPABILITY_LIST,
  };

  t_put (t, "x", "x");
  before = t_snapshot (t);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      GError *error;

      if (!t_supports (t, caps[i]))
        continue;
      error = calls[i] (t);
      t_check_error (t, &error, RS_ERROR_INVALID_PATH, BAD_PATH);
    }
  /* The root refusal is path validation too. */
  {
    GError *error = NULL;
    g_autoptr(GHashTable) md = bad_metadata ();
    g_autoptr(RsWriteResult) r = t_write_text (t, "", "x", RS_WRITE_NONE, md, &error);

    g_assert_null (r);
    t_check_error (t, &error, RS_ERROR_INVALID_PATH, NULL);
  }
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

/* Rule 6: argument validation comes before every check that needs I/O
 * (existence, type), so it wins over NOT_FOUND, INVALID_PATH of a folder
 * and ALREADY_EXISTS. */
static void
test_argument_before_io (T *t)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GError *error = NULL;

  t_put (t, "d/f", "x");
  t_put (t, "file", "x");
  before = t_snapshot (t);

  {
    g_autoptr(GBytes) b = t_read_range (t, "missing", -1, 1, &error);

    g_assert_null (b);
    t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "missing");
  }
  {
    g_autoptr(GBytes) b = t_read_range (t, "d", 0, -2, &error);

    g_assert_null (b);
    t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "d");
  }
  {
    g_autofree char *s = t_read_text (t, "missing", "NO-SUCH-ENCODING-X", &error);

    g_assert_null (s);
    t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "missing");
  }
  {
    g_autoptr(GHashTable) md = bad_metadata ();
    g_autoptr(GBytes) data = g_bytes_new_static ("y", 1);
    g_autoptr(RsWriteResult) r1 = t_write_bytes (t, "d", data, RS_WRITE_NONE, md, &error);
    g_autoptr(RsWriteResult) r2 = NULL;
    g_autoptr(RsWriteResult) r3 = NULL;

    g_assert_null (r1);
    t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "d");
    r2 = t_write_bytes (t, "file", data, RS_WRITE_NONE, md, &error);
    g_assert_null (r2);
    t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "file");
    r3 = t_write_text (t, "file", "\xc3\x28", RS_WRITE_NONE, NULL, &error);
    g_assert_null (r3);
    t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "file");
  }
  {
    g_autoptr(RsEnumerator) e = t_list_files (t, "file", RS_LIST_NONE, NULL, -3, &error);

    g_assert_null (e);
    t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "file");
  }
  {
    g_autoptr(RsFolderInfo) i = t_get_folder_info (t, "file", -2, &error);

    g_assert_null (i);
    t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "file");
  }
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

/* Rule 6: a depth below -1 is INVALID_ARGUMENT; -1 means unset. */
static void
test_negative_depth (T *t)
{
  static const int depths[] = { -2, -3, -100, G_MININT };

  if (!t_require (t, RS_CAPABILITY_LIST))
    return;
  t_put (t, "d/f", "x");
  for (guint i = 0; i < G_N_ELEMENTS (depths); i++)
    {
      GError *error = NULL;
      g_autoptr(RsEnumerator) e1 = t_list_files (t, "d", RS_LIST_RECURSIVE, NULL, depths[i],
                                                 &error);
      g_autoptr(RsEnumerator) e2 = NULL;
      g_autoptr(RsFolderInfo) info = NULL;

      g_assert_null (e1);
      t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "d");
      e2 = t_list_folders (t, "d", NULL, depths[i], &error);
      g_assert_null (e2);
      t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "d");
      info = t_get_folder_info (t, "d", depths[i], &error);
      g_assert_null (info);
      t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "d");
    }
  {
    g_autofree char *files = t_files (t, "d", RS_LIST_NONE, NULL, -1);
    g_autofree char *folders = t_folders (t, "", NULL, -1);
    g_autoptr(GError) error = NULL;
    g_autoptr(RsFolderInfo) info = t_get_folder_info (t, "d", -1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (files, ==, "d/f");
    g_assert_cmpstr (folders, ==, "d");
    g_assert_cmpint (rs_folder_info_get_file_count (info), ==, 1);
  }
}

/* Rule 6: the metadata gate comes last: path, then argument validation,
 * then CAPABILITY_NOT_SUPPORTED for non-empty metadata. Runs on the
 * backend when it lacks USER_METADATA, else on a narrowed private one. */
static void
test_metadata_gate (T *t)
{
  g_autoptr(GHashTable) good = t_metadata ("k", "v", NULL);
  g_autoptr(GHashTable) bad = bad_metadata ();
  g_autoptr(GHashTable) empty = t_metadata (NULL, NULL);
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);
  GError *error = NULL;

  if (!t_require (t, RS_CAPABILITY_WRITE))
    return;
  if (t_supports (t, RS_CAPABILITY_USER_METADATA))
    {
      RsBackend *backend;

      if (!t_use_private (t, NULL))
        return;
      backend = rs_store_get_backend (t->store);
      rs_backend_set_capabilities (backend, rs_backend_get_capabilities (backend) &
                                   ~RS_CAPABILITY_USER_METADATA);
    }

  {
    g_autoptr(RsWriteResult) r = t_write_bytes (t, BAD_PATH, data, RS_WRITE_NONE, good, &error);

    g_assert_null (r);
    t_check_error (t, &error, RS_ERROR_INVALID_PATH, BAD_PATH);
  }
  {
    g_autoptr(RsWriteResult) r = t_write_bytes (t, "m", data, RS_WRITE_NONE, bad, &error);

    g_assert_null (r);
    t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, "m");
  }
  {
    g_autoptr(RsWriteResult) r = t_write_bytes (t, "m", data, RS_WRITE_NONE, good, &error);
    g_autofree char *message = NULL;

    g_assert_null (r);
    g_assert_error (error, RS_ERROR, RS_ERROR_CAPABILITY_NOT_SUPPORTED);
    message = g_ascii_strdown (error->message, -1);
    g_strdelimit (message, "_", '-');
    g_assert_nonnull (strstr (message, "user-metadata"));
    t_check_error (t, &error, RS_ERROR_CAPABILITY_NOT_SUPPORTED, NULL);
  }
  {
    g_autoptr(GOutputStream) s = t_open_write (t, "m", RS_WRITE_NONE, good, &error);

    g_assert_null (s);
    t_check_error (t, &error, RS_ERROR_CAPABILITY_NOT_SUPPORTED, NULL);
  }
  g_assert_false (t_check_exists (t, "m"));

  /* NULL and an empty table are always accepted. */
  {
    g_autoptr(RsWriteResult) r1 = t_write_bytes (t, "m1", data, RS_WRITE_NONE, NULL, &error);
    g_autoptr(RsWriteResult) r2 = NULL;
    g_autoptr(RsFileInfo) info = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (r1);
    r2 = t_write_bytes (t, "m2", data, RS_WRITE_NONE, empty, &error);
    g_assert_no_error (error);
    g_assert_nonnull (r2);
    info = t_get_file_info (t, "m2", &error);
    g_assert_no_error (error);
    /* Without USER_METADATA a file info carries no metadata. */
    g_assert_true (rs_fileinfo_get_metadata (info) == NULL ||
                   g_hash_table_size (rs_fileinfo_get_metadata (info)) == 0);
  }
}

/* Rule 7: malformed metadata is INVALID_ARGUMENT for every write form,
 * and nothing is written. */
static void
test_metadata_malformed (T *t)
{
  g_autofree char *long_value = g_strnfill (2048, 'v');
  g_autofree char *half_a = g_strnfill (1024, 'a');
  g_autofree char *half_b = g_strnfill (1023, 'b');
  g_autoptr(GPtrArray) tables =
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);

  if (!t_require (t, RS_CAPABILITY_WRITE))
    return;
  g_ptr_array_add (tables, t_metadata ("", "v", NULL));
  g_ptr_array_add (tables, t_metadata ("_k", "v", NULL));
  g_ptr_array_add (tables, t_metadata ("ok", "v", "_hidden", "v", NULL));
  g_ptr_array_add (tables, t_metadata ("cl\xc3\xa9", "v", NULL));
  g_ptr_array_add (tables, t_metadata ("k\x7f\x80", "v", NULL));
  g_ptr_array_add (tables, t_metadata ("k", "\xff\xfe", NULL));
  g_ptr_array_add (tables, t_metadata ("k", long_value, NULL));          /* 1 + 2048 */
  g_ptr_array_add (tables, t_metadata ("a", half_a, "b", half_b, NULL));  /* 1 + 1024 + 1 + 1023 */

  t_put (t, "existing", "old");
  before = t_snapshot (t);
  for (guint i = 0; i < tables->len; i++)
    for (RsWriteFlags flags = 0; flags <= RS_WRITE_OVERWRITE; flags++)
      {
        GHashTable *md = tables->pdata[i];
        const char *path = flags == RS_WRITE_OVERWRITE ? "existing" : "fresh";
        GError *error = NULL;
        g_autoptr(TSource) source = t_source_new (10, 1);
        g_autoptr(RsWriteResult) r1 = t_write_bytes (t, path, data, flags, md, &error);
        g_autoptr(RsWriteResult) r2 = NULL;
        g_autoptr(RsWriteResult) r3 = NULL;
        g_autoptr(GOutputStream) out = NULL;

        g_assert_null (r1);
        t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, path);
        r2 = t_write_text (t, path, "y", flags, md, &error);
        g_assert_null (r2);
        t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, path);
        r3 = t_write (t, path, G_INPUT_STREAM (source), flags, md, &error);
        g_assert_null (r3);
        t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, path);
        g_assert_cmpuint (t_source_reads (source), ==, 0);
        out = t_open_write (t, path, flags, md, &error);
        g_assert_null (out);
        t_check_error (t, &error, RS_ERROR_INVALID_ARGUMENT, path);
      }
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

/* Rule 7: exactly 2048 bytes of keys and values are accepted and kept. */
static void
test_metadata_limit (T *t)
{
  g_autofree char *value = g_strnfill (2047, 'v');
  g_autofree char *half_a = g_strnfill (1024, 'a');
  g_autofree char *half_b = g_strnfill (1022, 'b');
  g_autoptr(GHashTable) one = t_metadata ("k", value, NULL);
  g_autoptr(GHashTable) two = t_metadata ("a", half_a, "b", half_b, NULL);
  g_autoptr(GHashTable) utf8 = t_metadata ("Key-2.x", "\xe6\x97\xa5\xe6\x9c\xac \xc3\xa9", "e",
                                           "", NULL);
  GHashTable *tables[] = { one, two, utf8 };
  g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);

  if (!t_require (t, RS_CAPABILITY_WRITE | RS_CAPABILITY_USER_METADATA))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("m%u", i);
      g_autoptr(RsWriteResult) r = t_write_bytes (t, path, data, RS_WRITE_NONE, tables[i], &error);
      g_autoptr(RsFileInfo) info = NULL;

      g_assert_no_error (error);
      t_assert_metadata (tables[i], rs_write_result_get_metadata (r));
      info = t_get_file_info (t, path, &error);
      g_assert_no_error (error);
      t_assert_metadata (tables[i], rs_fileinfo_get_metadata (info));
    }
}

/* Rule 7: NULL and an empty table are accepted by every write form. */
static void
test_metadata_null_and_empty (T *t)
{
  g_autoptr(GHashTable) empty = t_metadata (NULL, NULL);
  GHashTable *tables[] = { NULL, empty };

  if (!t_require (t, RS_CAPABILITY_WRITE))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) data = g_bytes_new_static ("x", 1);
      g_autoptr(TSource) source = t_source_new (10, 1);
      g_autofree char *p1 = g_strdup_printf ("bytes%u", i);
      g_autofree char *p2 = g_strdup_printf ("text%u", i);
      g_autofree char *p3 = g_strdup_printf ("stream%u", i);
      g_autofree char *p4 = g_strdup_printf ("open%u", i);
      g_autoptr(RsWriteResult) r1 = t_write_bytes (t, p1, data, RS_WRITE_NONE, tables[i], &error);
      g_autoptr(RsWriteResult) r2 = NULL;
      g_autoptr(RsWriteResult) r3 = NULL;
      g_autoptr(GOutputStream) out = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (r1);
      r2 = t_write_text (t, p2, "x", RS_WRITE_NONE, tables[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (r2);
      r3 = t_write (t, p3, G_INPUT_STREAM (source), RS_WRITE_NONE, tables[i], &error);
      g_assert_no_error (error);
      g_assert_cmpint (rs_write_result_get_size (r3), ==, 10);
      out = t_open_write (t, p4, RS_WRITE_NONE, tables[i], &error);
      g_assert_no_error (error);
      g_assert_true (t_out_write_all (t, out, "x", 1, &error));
      g_assert_no_error (error);
      g_assert_true (t_out_close (t, out, &error));
      g_assert_no_error (error);
      g_assert_true (t_check_is_file (t, p4));
    }
}

void
t_add_check_tests (void)
{
  t_add ("rule06-check-order", "capability-gate-first", test_capability_gate);
  t_add ("rule06-check-order", "capability-gate-first-narrowed", test_capability_gate_narrowed);
  t_add ("rule06-check-order", "path-before-argument", test_path_before_argument);
  t_add ("rule06-check-order", "argument-before-io", test_argument_before_io);
  t_add ("rule06-check-order", "negative-depth", test_negative_depth);
  t_add ("rule06-check-order", "metadata-gate-last", test_metadata_gate);
  t_add ("rule07-metadata", "malformed", test_metadata_malformed);
  t_add ("rule07-metadata", "limit-2048-bytes", test_metadata_limit);
  t_add ("rule07-metadata", "null-and-empty-accepted", test_metadata_null_and_empty);
}
