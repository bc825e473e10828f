/* rs-folder-entry.c: a folder in a listing */
#include "config.h"

#include "rs-private.h"

/**
 * RsFolderEntry:
 *
 * A folder met in a listing (rs_store_list_folders(),
 * rs_store_iter_children()).
 */
struct _RsFolderEntry
{
  RsEntry parent_instance;
};

G_DEFINE_FINAL_TYPE (RsFolderEntry, rs_folder_entry, RS_TYPE_ENTRY)

static void
rs_folder_entry_class_init (RsFolderEntryClass *klass)
{
}

static void
rs_folder_entry_init (RsFolderEntry *self)
{
}

/**
 * rs_folder_entry_new:
 * @path: the folder's key or path
 *
 * Creates a new folder entry.
 *
 * Returns: (transfer full): a new folder entry
 */
RsFolderEntry *
rs_folder_entry_new (const char *path)
{
  return g_object_new (RS_TYPE_FOLDER_ENTRY, "path", path, NULL);
}
