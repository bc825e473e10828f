/* rs-s3-read-stream.h: a lazy, seekable read of one object version */
#pragma once

#include "rs-s3-backend.h"

G_BEGIN_DECLS

#define RS_TYPE_S3_READ_STREAM (rs_s3_read_stream_get_type ())
G_DECLARE_FINAL_TYPE (RsS3ReadStream, rs_s3_read_stream, RS, S3_READ_STREAM, GInputStream)

/* Sends the first ranged GET: a missing key fails here (NOT_FOUND). */
void          rs_s3_read_stream_open_async  (RsS3Backend         *backend,
                                             const char          *key,
                                             gint64               offset,
                                             gint64               length,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GInputStream *rs_s3_read_stream_open_finish (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
