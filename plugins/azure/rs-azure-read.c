/* rs-azure-read.c: open_read, the shared ranged-read stream (plugins/http)
 * over Get Blob */
#include "rs-azure-backend.h"
#include "rs-azure-primitives.h"

/* How the shared ranged-read stream asks the Blob service for a blob. */
static RsHttpRequest *
blob_request (GObject    *owner,
              const char *key,
              const char *method)
{
  RsAzureClient *client = rs_azure_backend_get_client (RS_AZURE_BACKEND (owner));

  return rs_azure_client_request (client, method, key, NULL, 0);
}

static void
blob_send_async (GObject             *owner,
                 RsHttpRequest       *request,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  rs_azure_client_send_async (rs_azure_backend_get_client (RS_AZURE_BACKEND (owner)), request, FALSE, cancellable, callback, user_data);
}

static RsHttpResponse *
blob_send_finish (GObject       *owner,
                  GAsyncResult  *result,
                  GError       **error)
{
  return rs_azure_client_send_finish (rs_azure_backend_get_client (RS_AZURE_BACKEND (owner)), result, error);
}

static const RsHttpObjectSource blob_source = {
  blob_request, blob_send_async, blob_send_finish, rs_azure_response_error,
};

static void
azure_open_read_async (RsBackend           *backend,
                       const char          *key,
                       gint64               offset,
                       gint64               length,
                       int                  io_priority,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  rs_http_read_stream_open_async (&blob_source, G_OBJECT (backend), key, offset, length, cancellable,
                                  callback, user_data);
}

static GInputStream *
azure_open_read_finish (RsBackend     *backend,
                        GAsyncResult  *result,
                        GError       **error)
{
  return rs_http_read_stream_open_finish (result, error);
}

void
rs_azure_read_install (RsBackendClass *backend_class)
{
  backend_class->open_read_async = azure_open_read_async;
  backend_class->open_read_finish = azure_open_read_finish;
}
