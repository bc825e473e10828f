/* rs-folder-info.h: totals over a folder */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-types.h>

G_BEGIN_DECLS

#define RS_TYPE_FOLDER_INFO (rs_folder_info_get_type ())
RS_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (RsFolderInfo, rs_folder_info, RS, FOLDER_INFO, GObject)

RS_AVAILABLE_IN_1_0
RsFolderInfo *rs_folder_info_new            (const char *path,
                                             gint64      file_count,
                                             gint64      total_size,
                                             GDateTime  *modified);
RS_AVAILABLE_IN_1_0
const char   *rs_folder_info_get_path       (RsFolderInfo *self);
RS_AVAILABLE_IN_1_0
gint64        rs_folder_info_get_file_count (RsFolderInfo *self);
RS_AVAILABLE_IN_1_0
gint64        rs_folder_info_get_total_size (RsFolderInfo *self);
RS_AVAILABLE_IN_1_0
GDateTime    *rs_folder_info_get_modified   (RsFolderInfo *self);

G_END_DECLS
