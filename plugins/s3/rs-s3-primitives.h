/* rs-s3-primitives.h: each file of the backend sets the RsBackend
 * primitives of its concern on the class (not installed) */
#pragma once

#include "rs-s3-backend.h"

G_BEGIN_DECLS

void rs_s3_stat_install   (RsBackendClass *backend_class);   /* rs-s3-stat.c */
void rs_s3_read_install   (RsBackendClass *backend_class);   /* rs-s3-read.c */
void rs_s3_list_install   (RsBackendClass *backend_class);   /* rs-s3-list.c */
void rs_s3_delete_install (RsBackendClass *backend_class);   /* rs-s3-delete.c */
void rs_s3_copy_install   (RsBackendClass *backend_class);   /* rs-s3-copy.c */

/* The coalesced "is it a folder?" listings of @self (rs-s3-folder-probe.c). */
RsHttpFolderProbe *rs_s3_folder_probe_new (RsS3Backend *self);

G_END_DECLS
