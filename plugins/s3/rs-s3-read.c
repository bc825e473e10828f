/* rs-s3-read.c: open_read, the shared ranged-read stream (plugins/http)
 * over GetObject */
#include "rs-s3-primitives.h"

/* How the shared ranged-read stream asks S3 for an object. */
static RsHttpRequest *
object_request (GObject    *owner,
                const char *key,
                const char *method)
{
  return rs_s3_backend_new_request (RS_S3_BACKEND (owner), method, key, NULL);
}

static void
object_send_async (GObject             *owner,
                   RsHttpRequest       *request,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  rs_s3_backend_send_async (RS_S3_BACKEND (owner), request, NULL, cancellable, callback, user_data);
}

static RsHttpResponse *
object_send_finish (GObject       *owner,
                    GAsyncResult  *result,
                    GError       **error)
{
  return rs_s3_backend_send_finish (RS_S3_BACKEND (owner), result, error);
}

static const RsHttpObjectSource object_source = {
  object_request, object_send_async, object_send_finish, rs_s3_backend_check,
};

static void
s3_open_read_async (RsBackend           *backend,
                    const char          *key,
                    gint64               offset,
                    gint64               length,
                    int                  io_priority,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  rs_http_read_stream_open_async (&object_source, G_OBJECT (backend), key, offset, length, cancellable,
                                  callback, user_data);
}

static GInputStream *
s3_open_read_finish (RsBackend     *backend,
                     GAsyncResult  *result,
                     GError       **error)
{
  return rs_http_read_stream_open_finish (result, error);
}

void
rs_s3_read_install (RsBackendClass *backend_class)
{
  backend_class->open_read_async = s3_open_read_async;
  backend_class->open_read_finish = s3_open_read_finish;
}
