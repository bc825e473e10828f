/* rs-s3-copy.h: server-side copies, multipart above the threshold */
#pragma once

#include "rs-s3-backend.h"

G_BEGIN_DECLS

void     rs_s3_copy_async  (RsS3Backend         *backend,
                            const char          *source,
                            const char          *destination,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data);
gboolean rs_s3_copy_finish (GAsyncResult        *result,
                            GError             **error);

G_END_DECLS
