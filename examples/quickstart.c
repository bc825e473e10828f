/* quickstart.c: write, list and read back files in a store
 *
 * Usage: quickstart [LOCATION]
 *
 * LOCATION is a store URI (default "memory://quickstart") or NAME:path
 * for a store of the configuration file. The program never depends on
 * which backend it runs on: where files live is configuration. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <remotestore/remotestore.h>

static int
fail (const char *what,
      GError     *error)
{
  fprintf (stderr, "quickstart: %s: %s\n", what, error->message);
  g_error_free (error);
  return 2;
}

int
main (int   argc,
      char *argv[])
{
  const char *location = argc > 1 ? argv[1] : "memory://quickstart";
  g_autoptr(RsStore) store = NULL;
  g_autoptr(RsEnumerator) files = NULL;
  g_autoptr(RsFolderInfo) totals = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) metadata = g_hash_table_new (g_str_hash, g_str_equal);
  GError *error = NULL;
  RsEntry *entry;
  static const char *const names[] = { "notes/today.txt", "notes/ideas.md", "photos/2024/cat.jpg" };

  setlocale (LC_ALL, "");
  store = rs_store_new_for_uri (location, &error);
  if (store == NULL)
    return fail ("cannot open the store", error);
  printf ("Store %s (backend %s)\n", location, rs_backend_get_location (rs_store_get_backend (store)));

  g_hash_table_insert (metadata, "author", "quickstart");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *content = g_strdup_printf ("This is %s.\n", names[i]);
      g_autoptr(RsWriteResult) written = NULL;

      written = rs_store_write_text (store, names[i], content, RS_WRITE_OVERWRITE,
                                     rs_store_supports (store, RS_CAPABILITY_USER_METADATA) ? metadata : NULL,
                                     NULL, &error);
      if (written == NULL)
        return fail ("write failed", error);
      printf ("  wrote %-22s %3" G_GINT64_FORMAT " bytes\n",
              rs_write_result_get_path (written), rs_write_result_get_size (written));
    }

  printf ("Files, recursively:\n");
  files = rs_store_list_files (store, "", RS_LIST_RECURSIVE, NULL, -1, NULL, &error);
  if (files == NULL)
    return fail ("cannot list", error);
  while ((entry = rs_enumerator_next (files, NULL, &error)) != NULL)
    {
      printf ("  %-24s %3" G_GINT64_FORMAT " bytes\n", rs_entry_get_path (entry),
              rs_fileinfo_get_size (RS_FILE_INFO (entry)));
      g_object_unref (entry);
    }
  if (error != NULL)
    return fail ("listing failed", error);

  text = rs_store_read_text (store, "notes/today.txt", NULL, NULL, &error);
  if (text == NULL)
    return fail ("read failed", error);
  printf ("notes/today.txt says: %s", text);

  totals = rs_store_get_folder_info (store, "", -1, NULL, &error);
  if (totals == NULL)
    return fail ("cannot total the store", error);
  printf ("%" G_GINT64_FORMAT " files, %" G_GINT64_FORMAT " bytes in all\n",
          rs_folder_info_get_file_count (totals), rs_folder_info_get_total_size (totals));

  /* Errors are RsError values with a message naming the path. */
  if (!rs_store_read_bytes (store, "notes/missing.txt", NULL, &error))
    {
      printf ("As expected: %s\n", error->message);
      g_clear_error (&error);
    }
  return 0;
}
