/* rs-azure-primitives.h: each file of the backend sets the RsBackend
 * primitives of its concern on the class (not installed) */
#pragma once

#include "rs-azure-backend.h"

G_BEGIN_DECLS

void rs_azure_stat_install   (RsBackendClass *backend_class);   /* rs-azure-stat.c */
void rs_azure_read_install   (RsBackendClass *backend_class);   /* rs-azure-read.c */
void rs_azure_list_install   (RsBackendClass *backend_class);   /* rs-azure-list.c */
void rs_azure_delete_install (RsBackendClass *backend_class);   /* rs-azure-delete.c */
void rs_azure_copy_install   (RsBackendClass *backend_class);   /* rs-azure-copy.c */

/* The coalesced "is it a folder?" listings of @self (rs-azure-folder-probe.c). */
RsHttpFolderProbe *rs_azure_folder_probe_new (RsAzureBackend *self);

G_END_DECLS
