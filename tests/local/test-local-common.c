/* test-local-common.c: fixtures for the local plugin's own tests */
#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "test-local-common.h"

RsStore *
fixture_open (Fixture    *f,
              const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup_printf ("file://%s%s%s", f->root, query != NULL ? "?" : "",
                                          query != NULL ? query : "");
  RsStore *store = rs_store_new_for_uri (uri, &error);

  g_assert_no_error (error);
  return store;
}

void
fixture_setup (Fixture    *f,
               const char *query)
{
  g_autoptr(GError) error = NULL;

  f->base = g_dir_make_tmp ("rs-local-XXXXXX", &error);
  g_assert_no_error (error);
  f->root = g_build_filename (f->base, "root", NULL);
  f->outside = g_build_filename (f->base, "outside", NULL);
  g_assert_cmpint (g_mkdir (f->root, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (f->outside, 0755), ==, 0);
  f->store = fixture_open (f, query);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

void
fixture_teardown (Fixture *f)
{
  g_clear_object (&f->store);
  remove_tree (f->base);
  g_free (f->base);
  g_free (f->root);
  g_free (f->outside);
}

void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

char *
read_file (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Sorted "f name" / "d name" lines of a listing. */
char *
list_names (RsStore    *store,
            const char *folder,
            gboolean    recursive)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RsEnumerator) files = rs_store_list_files (store, folder, recursive ? RS_LIST_RECURSIVE : 0,
                                                       NULL, -1, NULL, &error);
  g_autoptr(RsEnumerator) folders = NULL;
  RsEntry *entry;

  g_assert_no_error (error);
  while ((entry = rs_enumerator_next (files, NULL, &error)) != NULL)
    {
      g_ptr_array_add (lines, g_strconcat ("f ", rs_entry_get_path (entry), NULL));
      g_object_unref (entry);
    }
  g_assert_no_error (error);
  folders = rs_store_list_folders (store, folder, NULL, -1, NULL, &error);
  g_assert_no_error (error);
  while ((entry = rs_enumerator_next (folders, NULL, &error)) != NULL)
    {
      g_ptr_array_add (lines, g_strconcat ("d ", rs_entry_get_path (entry), NULL));
      g_object_unref (entry);
    }
  g_assert_no_error (error);
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv (",", (char **) lines->pdata);
}

/* Hidden temporary files of pending writes on disk in @folder. */
guint
count_temps (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint count = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, ".rs-tmp-"))
      count++;
  return count;
}

const char *
store_detail (RsStore    *store,
              const char *name)
{
  g_autoptr(RsResolutionPlan) plan = rs_store_resolve (store, "x");

  return g_intern_string (g_hash_table_lookup (rs_resolution_plan_get_details (plan), name));
}
