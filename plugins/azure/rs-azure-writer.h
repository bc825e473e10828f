/* rs-azure-writer.h: a pending block blob write (not installed) */
#pragma once

#include "rs-azure-backend.h"

G_BEGIN_DECLS

#define RS_TYPE_AZURE_WRITER (rs_azure_writer_get_type ())
G_DECLARE_FINAL_TYPE (RsAzureWriter, rs_azure_writer, RS, AZURE_WRITER, RsBackendWriter)

RsBackendWriter *rs_azure_writer_new (RsAzureBackend *backend,
                                      const char     *key,
                                      RsWriteFlags    flags,
                                      GHashTable     *metadata);

/* The request that commits @body as the whole blob (Put Blob). */
RsHttpRequest   *rs_azure_put_blob_request (RsAzureClient *client,
                                            const char    *key,
                                            GBytes        *body,
                                            gint64         length,
                                            gboolean       create_only,
                                            GHashTable    *metadata);

G_END_DECLS
