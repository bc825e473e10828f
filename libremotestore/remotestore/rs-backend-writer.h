/* rs-backend-writer.h: a backend's pending write, committed or aborted */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-types.h>

G_BEGIN_DECLS

#define RS_TYPE_BACKEND_WRITER (rs_backend_writer_get_type ())
RS_AVAILABLE_IN_1_0
G_DECLARE_DERIVABLE_TYPE (RsBackendWriter, rs_backend_writer, RS, BACKEND_WRITER, GObject)

/**
 * RsBackendWriterClass:
 * @parent_class: the parent class
 * @write: append bytes; returns how many were taken (at least one) or -1
 * @write_async: the asynchronous form of @write
 * @write_finish: finishes @write_async
 * @commit: make the written content visible under the key and describe it
 * @commit_async: the asynchronous form of @commit
 * @commit_finish: finishes @commit_async
 * @abort: discard everything written; the key is left as it was where the
 *   backend writes atomically. Called at most once, never after a commit.
 * @abort_async: the asynchronous form of @abort
 * @abort_finish: finishes @abort_async
 *
 * A backend implements each operation in the form its I/O library does
 * well — the synchronous vfunc, or the `_async`/`_finish` pair — and leaves
 * the other %NULL; the core bridges the missing direction. The writer is
 * driven by one caller at a time. The commit/abort rules (commit on a
 * successful close, abort on error, cancellation or an unclosed drop) live
 * in the core's output stream, not here.
 */
struct _RsBackendWriterClass
{
  GObjectClass parent_class;

  gssize         (*write)         (RsBackendWriter     *self,
                                   const void          *buffer,
                                   gsize                count,
                                   GCancellable        *cancellable,
                                   GError             **error);
  void           (*write_async)   (RsBackendWriter     *self,
                                   const void          *buffer,
                                   gsize                count,
                                   int                  io_priority,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
  gssize         (*write_finish)  (RsBackendWriter     *self,
                                   GAsyncResult        *result,
                                   GError             **error);

  RsWriteResult *(*commit)        (RsBackendWriter     *self,
                                   GCancellable        *cancellable,
                                   GError             **error);
  void           (*commit_async)  (RsBackendWriter     *self,
                                   int                  io_priority,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
  RsWriteResult *(*commit_finish) (RsBackendWriter     *self,
                                   GAsyncResult        *result,
                                   GError             **error);

  gboolean       (*abort)         (RsBackendWriter     *self,
                                   GCancellable        *cancellable,
                                   GError             **error);
  void           (*abort_async)   (RsBackendWriter     *self,
                                   int                  io_priority,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
  gboolean       (*abort_finish)  (RsBackendWriter     *self,
                                   GAsyncResult        *result,
                                   GError             **error);

  /*< private >*/
  gpointer padding[12];
};

RS_AVAILABLE_IN_1_0
RsBackend  *rs_backend_writer_get_backend (RsBackendWriter *self);
RS_AVAILABLE_IN_1_0
const char *rs_backend_writer_get_key     (RsBackendWriter *self);

G_END_DECLS
