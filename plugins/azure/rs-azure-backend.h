/* rs-azure-backend.h: the Azure Blob Storage backend (not installed) */
#pragma once

#include <remotestore/remotestore.h>

#include "rs-azure-client.h"

G_BEGIN_DECLS

#define RS_TYPE_AZURE_BACKEND (rs_azure_backend_get_type ())
G_DECLARE_FINAL_TYPE (RsAzureBackend, rs_azure_backend, RS, AZURE_BACKEND, RsBackend)

RsAzureClient *rs_azure_backend_get_client      (RsAzureBackend *self);
gsize          rs_azure_backend_get_block_size  (RsAzureBackend *self);
guint          rs_azure_backend_get_concurrency (RsAzureBackend *self);

/* A file info from the headers of a Get Blob Properties or Get Blob
 * response. */
RsFileInfo    *rs_azure_file_info_from_response (const char     *key,
                                                 RsHttpResponse *response,
                                                 gint64          size);
/* The write result of a Put Blob or Put Block List response. */
RsWriteResult *rs_azure_write_result_from_response (const char     *key,
                                                    gint64          size,
                                                    GHashTable     *metadata,
                                                    RsHttpResponse *response);

G_END_DECLS
