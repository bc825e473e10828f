/* rs-s3-delete.h: recursive folder deletes in DeleteObjects batches */
#pragma once

#include "rs-s3-backend.h"

G_BEGIN_DECLS

void     rs_s3_delete_folder_async  (RsS3Backend         *backend,
                                     const char          *key,
                                     gboolean             recursive,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean rs_s3_delete_folder_finish (GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
