/* rs-folder-entry.h: a folder in a listing */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-entry.h>

G_BEGIN_DECLS

#define RS_TYPE_FOLDER_ENTRY (rs_folder_entry_get_type ())
RS_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (RsFolderEntry, rs_folder_entry, RS, FOLDER_ENTRY, RsEntry)

RS_AVAILABLE_IN_1_0
RsFolderEntry *rs_folder_entry_new (const char *path);

G_END_DECLS
