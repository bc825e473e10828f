/* rs-s3-backend.h: the s3 backend (not installed) */
#pragma once

#include "rs-http.h"

G_BEGIN_DECLS

#define RS_TYPE_S3_BACKEND (rs_s3_backend_get_type ())
G_DECLARE_FINAL_TYPE (RsS3Backend, rs_s3_backend, RS, S3_BACKEND, RsBackend)

/* A request on @key (NULL: the bucket itself) with an encoded @query. */
RsHttpRequest  *rs_s3_backend_new_request  (RsS3Backend         *self,
                                            const char          *method,
                                            const char          *key,
                                            const char          *query);
/* Signs (on every attempt) with @body's SHA-256 and sends. */
void            rs_s3_backend_send_async   (RsS3Backend         *self,
                                            RsHttpRequest       *request,
                                            GBytes              *body,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* The same for object bytes (PutObject, UploadPart): sent as
 * UNSIGNED-PAYLOAD when the payload-signing option says so. */
void            rs_s3_backend_send_object_data_async (RsS3Backend         *self,
                                                      RsHttpRequest       *request,
                                                      GBytes              *body,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
RsHttpResponse *rs_s3_backend_send_finish  (RsS3Backend         *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* A task on @self for @key (its task data), never checking the
 * cancellable (a request that happened is not reported cancelled). */
GTask          *rs_s3_backend_new_task     (RsS3Backend         *self,
                                            gpointer             tag,
                                            const char          *key,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* A send callback completing the GTask @data: TRUE on a success, else
 * the error. */
void            rs_s3_backend_boolean_done (GObject             *source,
                                            GAsyncResult        *result,
                                            gpointer             data);
gboolean        rs_s3_backend_boolean_finish (RsBackend         *backend,
                                              GAsyncResult      *result,
                                              GError           **error);
/* NULL for a 2xx response without an <Error> body; else the error. */
GError         *rs_s3_backend_check        (RsHttpResponse      *response);
/* The source for x-amz-copy-source: /bucket/encoded-key. */
char           *rs_s3_backend_copy_source  (RsS3Backend         *self,
                                            const char          *key);
gsize           rs_s3_backend_get_part_size   (RsS3Backend *self);
guint           rs_s3_backend_get_concurrency (RsS3Backend *self);
gint64          rs_s3_backend_get_multipart_copy_threshold (RsS3Backend *self);
gboolean        rs_s3_backend_get_create_only_native (RsS3Backend *self);
/* The server answered a conditional PUT with 501: stop sending them. */
void            rs_s3_backend_refuse_create_only_native (RsS3Backend *self);

/* "a" → "a", "\"a\"" → "a" */
char           *rs_s3_unquote_etag         (const char          *etag);

G_END_DECLS
