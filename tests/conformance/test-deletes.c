/* test-deletes.c: SEMANTICS.md rules 13–14, deletes */
#include "conformance-harness.h"

/* Rule 13: delete removes a file and nothing else. */
static void
test_delete_file (T *t)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *files = NULL;
  g_autofree char *want = NULL;

  if (!t_require (t, RS_CAPABILITY_DELETE))
    return;
  t_put (t, "a/f", "f");
  t_put (t, "a/g", "g");
  t_put (t, "a/f2", "f2");
  t_put (t, "b", "b");
  g_assert_true (t_delete (t, "a/f", RS_DELETE_NONE, &error));
  g_assert_no_error (error);
  g_assert_false (t_check_exists (t, "a/f"));
  g_assert_true (t_delete (t, "./b/", RS_DELETE_MISSING_OK, &error));
  g_assert_no_error (error);
  g_assert_false (t_check_exists (t, "b"));
  files = t_files (t, "", RS_LIST_RECURSIVE, NULL, -1);
  want = t_expect ("a/f2", "a/g", NULL);
  g_assert_cmpstr (files, ==, want);
}

/* Rule 13: delete of a folder is INVALID_PATH even with MISSING_OK. */
static void
test_delete_of_folder (T *t)
{
  static const char *const folders[] = { "d", "d/e", "./d/" };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!t_require (t, RS_CAPABILITY_DELETE))
    return;
  t_put (t, "d/e/f", "x");
  t_put (t, "d/g", "y");
  before = t_snapshot (t);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    for (RsDeleteFlags flags = 0; flags <= RS_DELETE_MISSING_OK; flags++)
      {
        GError *error = NULL;

        g_assert_false (t_delete (t, folders[i], flags, &error));
        t_check_error (t, &error, RS_ERROR_INVALID_PATH, i == 2 ? NULL : folders[i]);
      }
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

/* Rule 13: delete_folder of a file is INVALID_PATH whatever the flags. */
static void
test_delete_folder_of_file (T *t)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!t_require (t, RS_CAPABILITY_DELETE))
    return;
  t_put (t, "f", "x");
  t_put (t, "d/g", "y");
  before = t_snapshot (t);
  for (RsDeleteFlags flags = 0; flags <= (RS_DELETE_MISSING_OK | RS_DELETE_RECURSIVE); flags++)
    {
      GError *error = NULL;

      g_assert_false (t_delete_folder (t, "f", flags, &error));
      t_check_error (t, &error, RS_ERROR_INVALID_PATH, "f");
      g_assert_false (t_delete_folder (t, "d/g", flags, &error));
      t_check_error (t, &error, RS_ERROR_INVALID_PATH, "d/g");
    }
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

/* Rule 13: a missing path is NOT_FOUND unless MISSING_OK; an absent
 * container and a path under a file count as missing. */
static void
test_missing (T *t)
{
  static const char *const missing[] = { "nope", "nope/deeper", "f/x", "f/x/y", "d/nope" };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GError *error = NULL;

  if (!t_require (t, RS_CAPABILITY_DELETE))
    return;
  /* Nothing was ever written under this store's root. */
  g_assert_false (t_delete (t, "x", RS_DELETE_NONE, &error));
  t_check_error (t, &error, RS_ERROR_NOT_FOUND, "x");
  g_assert_false (t_delete_folder (t, "x", RS_DELETE_NONE, &error));
  t_check_error (t, &error, RS_ERROR_NOT_FOUND, "x");
  g_assert_true (t_delete (t, "x", RS_DELETE_MISSING_OK, &error));
  g_assert_no_error (error);
  g_assert_true (t_delete_folder (t, "x", RS_DELETE_MISSING_OK | RS_DELETE_RECURSIVE, &error));
  g_assert_no_error (error);

  t_put (t, "f", "x");
  t_put (t, "d/g", "y");
  before = t_snapshot (t);
  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      g_assert_false (t_delete (t, missing[i], RS_DELETE_NONE, &error));
      t_check_error (t, &error, RS_ERROR_NOT_FOUND, missing[i]);
      g_assert_true (t_delete (t, missing[i], RS_DELETE_MISSING_OK, &error));
      g_assert_no_error (error);
      g_assert_false (t_delete_folder (t, missing[i], RS_DELETE_NONE, &error));
      t_check_error (t, &error, RS_ERROR_NOT_FOUND, missing[i]);
      g_assert_false (t_delete_folder (t, missing[i], RS_DELETE_RECURSIVE, &error));
      t_check_error (t, &error, RS_ERROR_NOT_FOUND, missing[i]);
      g_assert_true (t_delete_folder (t, missing[i], RS_DELETE_MISSING_OK, &error));
      g_assert_no_error (error);
    }
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

/* Rule 14: a non-empty folder without RECURSIVE is DIRECTORY_NOT_EMPTY. */
static void
test_not_empty (T *t)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!t_require (t, RS_CAPABILITY_DELETE))
    return;
  t_put (t, "d/f", "x");
  t_put (t, "n/e/f", "deep only");
  before = t_snapshot (t);
  for (RsDeleteFlags flags = 0; flags <= RS_DELETE_MISSING_OK; flags++)
    {
      GError *error = NULL;

      g_assert_false (t_delete_folder (t, "d", flags, &error));
      t_check_error (t, &error, RS_ERROR_DIRECTORY_NOT_EMPTY, "d");
      g_assert_false (t_delete_folder (t, "n", flags, &error));
      t_check_error (t, &error, RS_ERROR_DIRECTORY_NOT_EMPTY, "n");
    }
  after = t_snapshot (t);
  g_assert_cmpstr (after, ==, before);
}

/* Rule 14: RECURSIVE removes the folder and everything under it, and
 * nothing beside it (siblings sharing the name as a prefix survive). */
static void
test_recursive (T *t)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *files = NULL;
  g_autofree char *want = NULL;

  if (!t_require (t, RS_CAPABILITY_DELETE))
    return;
  t_put (t, "d/a", "1");
  t_put (t, "d/b/c", "2");
  t_put (t, "d/b/e/f", "3");
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *path = g_strdup_printf ("d/m/z%02u", i);

      t_put (t, path, path);
    }
  t_put (t, "d2/x", "4");
  t_put (t, "dx", "5");
  t_put (t, "d.txt", "6");
  t_put (t, "keep/d/a", "7");

  g_assert_true (t_delete_folder (t, "d", RS_DELETE_RECURSIVE, &error));
  g_assert_no_error (error);
  g_assert_false (t_check_exists (t, "d"));
  g_assert_false (t_check_is_folder (t, "d"));
  g_assert_false (t_check_exists (t, "d/b/e/f"));
  files = t_files (t, "", RS_LIST_RECURSIVE, NULL, -1);
  want = t_expect ("d.txt", "d2/x", "dx", "keep/d/a", NULL);
  g_assert_cmpstr (files, ==, want);

  /* A spelled-out path works the same. */
  g_assert_true (t_delete_folder (t, "./keep//d/", RS_DELETE_RECURSIVE, &error));
  g_assert_no_error (error);
  g_assert_false (t_check_exists (t, "keep/d/a"));
  g_assert_true (t_check_is_file (t, "d2/x"));
}

void
t_add_delete_tests (void)
{
  t_add ("rule13-delete", "file", test_delete_file);
  t_add ("rule13-delete", "delete-of-folder-refused", test_delete_of_folder);
  t_add ("rule13-delete", "delete-folder-of-file-refused", test_delete_folder_of_file);
  t_add ("rule13-delete", "missing", test_missing);
  t_add ("rule14-delete-folder", "not-empty", test_not_empty);
  t_add ("rule14-delete-folder", "recursive", test_recursive);
}
