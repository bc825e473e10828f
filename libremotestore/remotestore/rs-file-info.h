/* rs-file-info.h: what is known about a file */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-entry.h>

G_BEGIN_DECLS

/* The symbol stem is "fileinfo", not "file_info": librsync exports rs_file_*. */
#define RS_TYPE_FILE_INFO (rs_fileinfo_get_type ())
RS_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (RsFileInfo, rs_fileinfo, RS, FILE_INFO, RsEntry)

RS_AVAILABLE_IN_1_0
RsFileInfo  *rs_fileinfo_new              (const char *path,
                                           gint64      size);
RS_AVAILABLE_IN_1_0
gint64       rs_fileinfo_get_size         (RsFileInfo *self);
RS_AVAILABLE_IN_1_0
GDateTime   *rs_fileinfo_get_modified     (RsFileInfo *self);
RS_AVAILABLE_IN_1_0
void         rs_fileinfo_set_modified     (RsFileInfo *self,
                                           GDateTime  *modified);
RS_AVAILABLE_IN_1_0
const char  *rs_fileinfo_get_content_type (RsFileInfo *self);
RS_AVAILABLE_IN_1_0
void         rs_fileinfo_set_content_type (RsFileInfo *self,
                                           const char *content_type);
RS_AVAILABLE_IN_1_0
const char  *rs_fileinfo_get_etag         (RsFileInfo *self);
RS_AVAILABLE_IN_1_0
void         rs_fileinfo_set_etag         (RsFileInfo *self,
                                           const char *etag);
RS_AVAILABLE_IN_1_0
const char  *rs_fileinfo_get_digest       (RsFileInfo *self);
RS_AVAILABLE_IN_1_0
void         rs_fileinfo_set_digest       (RsFileInfo *self,
                                           const char *digest);
RS_AVAILABLE_IN_1_0
GHashTable  *rs_fileinfo_get_metadata     (RsFileInfo *self);
RS_AVAILABLE_IN_1_0
void         rs_fileinfo_set_metadata     (RsFileInfo *self,
                                           GHashTable *metadata);

G_END_DECLS
