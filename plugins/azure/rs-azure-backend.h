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
guint          rs_azure_backend_get_page_size   (RsAzureBackend *self);

/* ---- what every primitive's file shares (rs-azure-run.c) ---- */

typedef void (*RsAzureThenFunc) (GTask *task, RsHttpResponse *response);

/* Sends @request for @task (a task of an RsAzureBackend) and calls @then
 * with the response (any status), or returns the transport error on
 * @task. */
void           rs_azure_backend_run             (GTask           *task,
                                                 RsHttpRequest   *request,
                                                 gboolean         create_container,
                                                 RsAzureThenFunc  then);
/* The same, whatever the task's cancellable says: for the clean-up of a
 * cancelled operation. */
void           rs_azure_backend_run_to_end      (GTask           *task,
                                                 RsHttpRequest   *request,
                                                 RsAzureThenFunc  then);
gboolean       rs_azure_response_ok             (RsHttpResponse  *response);
/* A task on @backend with @key as its task data. */
GTask         *rs_azure_backend_new_task        (RsBackend           *backend,
                                                 gpointer             tag,
                                                 const char          *key,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* The finish of delete, copy and ping. */
gboolean       rs_azure_boolean_finish          (RsBackend     *backend,
                                                 GAsyncResult  *result,
                                                 GError       **error);
/* The query of a List Blobs request. */
char          *rs_azure_list_query              (const char *prefix,
                                                 gboolean    delimited,
                                                 const char *marker,
                                                 guint       max_results,
                                                 gboolean    with_metadata);

/* ---- value types from responses (rs-azure-response.c) ---- */

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
