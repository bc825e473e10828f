/* test-listings.c: SEMANTICS.md rules 17–19, listings */
#include <string.h>

#include "conformance-harness.h"

/* Rule 17: a missing path, a file, a path under a file list nothing. */
static void
test_empty_listings (T *t)
{
  static const char *const paths[] = { "nope", "nope/deeper", "f", "f/x", "d/f2", "" };

  if (!t_require (t, RS_CAPABILITY_LIST))
    return;
  for (int round = 0; round < 2; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
        {
          g_autofree char *a = NULL;
          g_autofree char *b = NULL;
          g_autofree char *c = NULL;
          g_autofree char *d = NULL;
          g_autofree char *e = NULL;
          g_autofree char *f = NULL;

          /* The root is empty only before anything is written. */
          if (paths[i][0] == '\0' && round == 1)
            continue;
          a = t_files (t, paths[i], RS_LIST_NONE, NULL, -1);
          b = t_files (t, paths[i], RS_LIST_RECURSIVE, NULL, -1);
          c = t_files (t, paths[i], RS_LIST_NONE, "*", 3);
          d = t_folders (t, paths[i], NULL, -1);
          e = t_folders (t, paths[i], NULL, 3);
          f = t_children (t, paths[i]);
          g_assert_cmpstr (a, ==, "");
          g_assert_cmpstr (b, ==, "");
          g_assert_cmpstr (c, ==, "");
          g_assert_cmpstr (d, ==, "");
          g_assert_cmpstr (e, ==, "");
          g_assert_cmpstr (f, ==, "");
        }
      t_put (t, "f", "file");
      t_put (t, "d/f2", "file");
    }
}

/* Rule 17: results stay strictly under the prefix. */
static void
test_strict_prefix (T *t)
{
  static const char *const files[] = {
    "data/a", "data/sub/b", "data2/x", "database", "data.txt", "dat/y", "data-x/z",
  };
  struct { char *got; char *want; } checks[8];
  guint n = 0;

  if (!t_require (t, RS_CAPABILITY_LIST))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    t_put (t, files[i], files[i]);

  checks[n].got = t_files (t, "data", RS_LIST_RECURSIVE, NULL, -1);
  checks[n++].want = t_expect ("data/a", "data/sub/b", NULL);
  checks[n].got = t_files (t, "data", RS_LIST_NONE, NULL, -1);
  checks[n++].want = t_expect ("data/a", NULL);
  checks[n].got = t_folders (t, "data", NULL, 3);
  checks[n++].want = t_expect ("data/sub", NULL);
  checks[n].got = t_children (t, "data");
  checks[n++].want = t_expect ("data/a", "data/sub", NULL);
  checks[n].got = t_folders (t, "", NULL, -1);
  checks[n++].want = t_expect ("dat", "data", "data-x", "data2", NULL);
  checks[n].got = t_files (t, "", RS_LIST_NONE, NULL, -1);
  checks[n++].want = t_expect ("data.txt", "database", NULL);
  checks[n].got = t_files (t, "dat", RS_LIST_RECURSIVE, NULL, -1);
  checks[n++].want = t_expect ("dat/y", NULL);
  checks[n].got = t_files (t, "data/sub", RS_LIST_RECURSIVE, NULL, 5);
  checks[n++].want = t_expect ("data/sub/b", NULL);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (checks[i].got, ==, checks[i].want);
      g_free (checks[i].got);
      g_free (checks[i].want);
    }
}

/* Rule 18: max_depth overrides RECURSIVE: 0 is the folder's own files, N
 * adds N levels below. */
static void
test_max_depth (T *t)
{
  static const struct
  {
    RsListFlags flags;
    int depth;
    const char *want[6];
  } cases[] = {
    { RS_LIST_NONE, -1, { "d/f0" } },
    { RS_LIST_RECURSIVE, -1, { "d/f0", "d/a/f1", "d/x/g1", "d/a/b/f2", "d/a/b/c/f3" } },
    { RS_LIST_RECURSIVE, 0, { "d/f0" } },
    { RS_LIST_NONE, 0, { "d/f0" } },
    { RS_LIST_NONE, 1, { "d/f0", "d/a/f1", "d/x/g1" } },
    { RS_LIST_RECURSIVE, 1, { "d/f0", "d/a/f1", "d/x/g1" } },
    { RS_LIST_NONE, 2, { "d/f0", "d/a/f1", "d/x/g1", "d/a/b/f2" } },
    { RS_LIST_NONE, 3, { "d/f0", "d/a/f1", "d/x/g1", "d/a/b/f2", "d/a/b/c/f3" } },
    { RS_LIST_NONE, 100, { "d/f0", "d/a/f1", "d/x/g1", "d/a/b/f2", "d/a/b/c/f3" } },
  };

  if (!t_require (t, RS_CAPABILITY_LIST))
    return;
  t_put (t, "top", "0");
  t_put (t, "d/f0", "0");
  t_put (t, "d/a/f1", "1");
  t_put (t, "d/x/g1", "1");
  t_put (t, "d/a/b/f2", "2");
  t_put (t, "d/a/b/c/f3", "3");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) want_list = g_ptr_array_new ();
      g_autofree char *want = NULL;
      g_autofree char *got = t_files (t, "d", cases[i].flags, NULL, cases[i].depth);

      for (guint j = 0; j < G_N_ELEMENTS (cases[i].want) && cases[i].want[j] != NULL; j++)
        g_ptr_array_add (want_list, (gpointer) cases[i].want[j]);
      want = t_join_strings (want_list);
      if (g_strcmp0 (got, want) != 0)
        g_test_message ("flags %d, max_depth %d", cases[i].flags, cases[i].depth);
      g_assert_cmpstr (got, ==, want);
    }
}

/* Rule 18: pattern is a shell-style, case-sensitive match on the
 * basename of files. */
static void
test_pattern (T *t)
{
  static const char *const files[] = {
    "d/a.txt", "d/b.TXT", "d/c.txt.bak", "d/ab.txt", "d/sub/e.txt", "d/sub.txt/f.md", "d/A.txt",
  };
  static const struct
  {
    RsListFlags flags;
    const char *pattern;
    int depth;
    const char *want[5];
  } cases[] = {
    { RS_LIST_NONE, "*.txt", -1, { "d/A.txt", "d/a.txt", "d/ab.txt" } },
    { RS_LIST_RECURSIVE, "*.txt", -1, { "d/A.txt", "d/a.txt", "d/ab.txt", "d/sub/e.txt" } },
    { RS_LIST_NONE, "*.txt", 0, { "d/A.txt", "d/a.txt", "d/ab.txt" } },
    { RS_LIST_NONE, "*.TXT", -1, { "d/b.TXT" } },
    { RS_LIST_NONE, "?.txt", -1, { "d/A.txt", "d/a.txt" } },
    { RS_LIST_NONE, "a.txt", -1, { "d/a.txt" } },
    { RS_LIST_NONE, "[ab]*", -1, { "d/a.txt", "d/ab.txt", "d/b.TXT" } },
    { RS_LIST_NONE, "[a-b].*", -1, { "d/a.txt", "d/b.TXT" } },
    { RS_LIST_RECURSIVE, "*.md", -1, { "d/sub.txt/f.md" } },
    { RS_LIST_RECURSIVE, "sub*", -1, { NULL } },
    { RS_LIST_NONE, "*.bak", -1, { "d/c.txt.bak" } },
    { RS_LIST_NONE, "nomatch", -1, { NULL } },
  };

  if (!t_require (t, RS_CAPABILITY_LIST))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    t_put (t, files[i], files[i]);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) want_list = g_ptr_array_new ();
      g_autofree char *want = NULL;
      g_autofree char *got = t_files (t, "d", cases[i].flags, cases[i].pattern, cases[i].depth);

      for (guint j = 0; j < G_N_ELEMENTS (cases[i].want) && cases[i].want[j] != NULL; j++)
        g_ptr_array_add (want_list, (gpointer) cases[i].want[j]);
      want = t_join_strings (want_list);
      if (g_strcmp0 (got, want) != 0)
        g_test_message ("pattern “%s”, flags %d", cases[i].pattern, cases[i].flags);
      g_assert_cmpstr (got, ==, want);
    }
}

static guint
depth_below (const char *path, const char *base)
{
  guint depth = 0;

  g_assert_true (g_str_has_prefix (path, base));
  for (const char *p = path + strlen (base); *p != '\0'; p++)
    if (*p == '/')
      depth++;
  return depth;
}

/* Rule 18: list_folders with max_depth expands breadth-first; pattern
 * filters what is yielded, not what is descended into. */
static void
test_list_folders (T *t)
{
  static const char *const files[] = {
    "d/a/x/f", "d/a/y/z/f", "d/b/f", "d/c/w/f", "d/top", "other/q/f",
  };
  g_autoptr(GError) error = NULL;

  if (!t_require (t, RS_CAPABILITY_LIST))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    t_put (t, files[i], "x");

  {
    g_autofree char *unset = t_folders (t, "d", NULL, -1);
    g_autofree char *zero = t_folders (t, "d", NULL, 0);
    g_autofree char *one = t_folders (t, "d", NULL, 1);
    g_autofree char *two = t_folders (t, "d", NULL, 2);
    g_autofree char *many = t_folders (t, "d", NULL, 50);
    g_autofree char *want_children = t_expect ("d/a", "d/b", "d/c", NULL);
    g_autofree char *want_one = t_expect ("d/a", "d/b", "d/c", "d/a/x", "d/a/y", "d/c/w", NULL);
    g_autofree char *want_all = t_expect ("d/a", "d/b", "d/c", "d/a/x", "d/a/y", "d/c/w",
                                          "d/a/y/z", NULL);

    g_assert_cmpstr (unset, ==, want_children);
    g_assert_cmpstr (zero, ==, want_children);
    g_assert_cmpstr (one, ==, want_one);
    g_assert_cmpstr (two, ==, want_all);
    g_assert_cmpstr (many, ==, want_all);
  }

  /* Breadth-first: no entry comes before a shallower one. */
  {
    g_autoptr(RsEnumerator) e = t_list_folders (t, "d", NULL, 5, &error);
    g_autoptr(GPtrArray) entries = NULL;
    guint last = 0;

    g_assert_no_error (error);
    entries = t_collect (t, e, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 7);
    for (guint i = 0; i < entries->len; i++)
      {
        guint depth = depth_below (rs_entry_get_path (entries->pdata[i]), "d/");

        g_assert_true (RS_IS_FOLDER_ENTRY (entries->pdata[i]));
        g_assert_cmpuint (depth, >=, last);
        last = depth;
      }
  }

  /* The pattern filters the yield only. */
  {
    g_autofree char *z = t_folders (t, "d", "z", 2);
    g_autofree char *xy = t_folders (t, "d", "[xy]", 1);
    g_autofree char *a = t_folders (t, "d", "a", -1);
    g_autofree char *none = t_folders (t, "d", "z", 1);
    g_autofree char *want_xy = t_expect ("d/a/x", "d/a/y", NULL);

    g_assert_cmpstr (z, ==, "d/a/y/z");
    g_assert_cmpstr (xy, ==, want_xy);
    g_assert_cmpstr (a, ==, "d/a");
    g_assert_cmpstr (none, ==, "");
  }
}

/* iter_children yields RsFileInfo for files and RsFolderEntry for
 * folders; list_files only file infos, list_folders only folder entries. */
static void
test_entry_types (T *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsEnumerator) e = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gboolean saw_file = FALSE, saw_folder = FALSE;

  if (!t_require (t, RS_CAPABILITY_LIST))
    return;
  t_put (t, "d/f1", "abc");
  t_put (t, "d/sub/f2", "x");
  e = t_iter_children (t, "d", &error);
  g_assert_no_error (error);
  entries = t_collect (t, e, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  for (guint i = 0; i < entries->len; i++)
    {
      RsEntry *entry = entries->pdata[i];

      if (RS_IS_FILE_INFO (entry))
        {
          g_assert_cmpstr (rs_entry_get_path (entry), ==, "d/f1");
          g_assert_cmpstr (rs_entry_get_name (entry), ==, "f1");
          g_assert_cmpint (rs_fileinfo_get_size (RS_FILE_INFO (entry)), ==, 3);
          saw_file = TRUE;
        }
      else
        {
          g_assert_true (RS_IS_FOLDER_ENTRY (entry));
          g_assert_cmpstr (rs_entry_get_path (entry), ==, "d/sub");
          g_assert_cmpstr (rs_entry_get_name (entry), ==, "sub");
          saw_folder = TRUE;
        }
    }
  g_assert_true (saw_file && saw_folder);

  g_clear_object (&e);
  g_clear_pointer (&entries, g_ptr_array_unref);
  e = t_list_files (t, "d", RS_LIST_RECURSIVE, NULL, -1, &error);
  g_assert_no_error (error);
  entries = t_collect (t, e, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  for (guint i = 0; i < entries->len; i++)
    g_assert_true (RS_IS_FILE_INFO (entries->pdata[i]));
  g_clear_object (&e);
  g_clear_pointer (&entries, g_ptr_array_unref);
  e = t_list_folders (t, "", NULL, 3, &error);
  g_assert_no_error (error);
  entries = t_collect (t, e, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  for (guint i = 0; i < entries->len; i++)
    g_assert_true (RS_IS_FOLDER_ENTRY (entries->pdata[i]));
}

static void
assert_unique_count (GPtrArray *entries, guint count)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < entries->len; i++)
    g_assert_true (g_hash_table_add (seen, (gpointer) rs_entry_get_path (entries->pdata[i])));
  g_assert_cmpuint (entries->len, ==, count);
}

/* Rule 19: paged listings are complete, each entry once; the end stays
 * the end; a closed enumerator refuses further calls. */
static void
test_paged (T *t)
{
  g_autoptr(GError) error = NULL;

  if (!t_require (t, RS_CAPABILITY_LIST))
    return;
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *path = g_strdup_printf ("p/f%02u", i);

      t_put (t, path, "x");
    }
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *path = g_strdup_printf ("p/s%u/g", i);

      t_put (t, path, "y");
    }

  {
    g_autoptr(RsEnumerator) e = t_list_files (t, "p", RS_LIST_NONE, NULL, -1, &error);
    g_autoptr(GPtrArray) entries = NULL;
    g_autoptr(RsEntry) after = NULL;

    g_assert_no_error (error);
    entries = t_collect (t, e, &error);
    g_assert_no_error (error);
    assert_unique_count (entries, 25);
    after = t_next (t, e, &error);
    g_assert_no_error (error);
    g_assert_null (after);
  }
  {
    g_autoptr(RsEnumerator) e = t_list_files (t, "p", RS_LIST_RECURSIVE, NULL, -1, &error);
    g_autoptr(GPtrArray) entries = NULL;

    g_assert_no_error (error);
    entries = t_collect (t, e, &error);
    g_assert_no_error (error);
    assert_unique_count (entries, 30);
  }
  {
    g_autoptr(RsEnumerator) e = t_iter_children (t, "p", &error);
    g_autoptr(GPtrArray) entries = NULL;

    g_assert_no_error (error);
    entries = t_collect (t, e, &error);
    g_assert_no_error (error);
    assert_unique_count (entries, 30);
  }
  {
    g_autoptr(RsEnumerator) e = t_list_folders (t, "p", NULL, -1, &error);
    g_autoptr(GPtrArray) entries = NULL;

    g_assert_no_error (error);
    entries = t_collect (t, e, &error);
    g_assert_no_error (error);
    assert_unique_count (entries, 5);
  }
  /* Closing mid-way: later calls fail instead of ending quietly. */
  {
    g_autoptr(RsEnumerator) e = t_list_files (t, "p", RS_LIST_NONE, NULL, -1, &error);
    g_autoptr(RsEntry) first = NULL;
    g_autoptr(RsEntry) later = NULL;

    g_assert_no_error (error);
    first = t_next (t, e, &error);
    g_assert_no_error (error);
    g_assert_nonnull (first);
    g_assert_true (rs_enumerator_close (e, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (rs_enumerator_is_closed (e));
    g_assert_true (rs_enumerator_close (e, NULL, &error));
    later = t_next (t, e, &error);
    g_assert_null (later);
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
}

/* Rule 19: once a page was received, a failure is an error, never a
 * silently short listing: close the backend, or cancel, mid-listing. */
static void
test_failure_after_page (T *t)
{
  const guint n_files = 12;

  if (!t_require (t, RS_CAPABILITY_LIST))
    return;
  if (!t_use_private (t, NULL))
    return;
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_strdup_printf ("p/f%02u", i);

      t_put (t, path, "x");
    }

  /* Cancelled: every later next either yields an entry or fails. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RsEnumerator) e = t_list_files (t, "p", RS_LIST_NONE, NULL, -1, &error);
    g_autoptr(RsEntry) first = NULL;
    guint seen = 1;

    g_assert_no_error (error);
    first = t_next (t, e, &error);
    g_assert_no_error (error);
    g_assert_nonnull (first);
    t->cancellable = g_cancellable_new ();
    g_cancellable_cancel (t->cancellable);
    for (;;)
      {
        g_autoptr(RsEntry) entry = t_next (t, e, &error);

        if (entry == NULL)
          break;
        seen++;
      }
    g_clear_object (&t->cancellable);
    g_test_message ("cancelled listing: %u entries, %s", seen,
                    error != NULL ? error->message : "no error");
    if (error == NULL)
      g_assert_cmpuint (seen, ==, n_files);
    else
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }

  /* The backend closes under the listing. */
  {
    GError *error = NULL;
    g_autoptr(RsEnumerator) e = t_list_files (t, "p", RS_LIST_NONE, NULL, -1, &error);
    g_autoptr(RsEntry) first = NULL;
    g_autoptr(GPtrArray) rest = NULL;

    g_assert_no_error (error);
    first = t_next (t, e, &error);
    g_assert_no_error (error);
    g_assert_nonnull (first);
    g_assert_true (t_close (t, &error));
    g_assert_no_error (error);
    rest = t_collect (t, e, &error);
    if (error == NULL)
      {
        g_test_message ("the listing completed from what was fetched before close");
        g_assert_cmpuint (rest->len + 1, ==, n_files);
      }
    else
      {
        g_test_message ("the listing failed after close: %s", error->message);
        g_assert_null (rest);
        t_check_error (t, &error, RS_ERROR_BACKEND_UNAVAILABLE, NULL);
      }
  }
}

void
t_add_listing_tests (void)
{
  t_add ("rule17-listings", "missing-file-or-under-file-is-empty", test_empty_listings);
  t_add ("rule17-listings", "strictly-under-prefix", test_strict_prefix);
  t_add ("rule18-depth-pattern", "max-depth-overrides-recursive", test_max_depth);
  t_add ("rule18-depth-pattern", "pattern-on-basename", test_pattern);
  t_add ("rule18-depth-pattern", "list-folders-breadth-first", test_list_folders);
  t_add ("rule18-depth-pattern", "entry-types", test_entry_types);
  t_add ("rule19-lazy-paged", "complete-and-final", test_paged);
  t_add ("rule19-lazy-paged", "failure-after-a-page", test_failure_after_page);
}
