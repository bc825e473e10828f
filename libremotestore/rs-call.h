/* rs-call.h: one primitive invocation, runnable sync or async (private) */
#pragma once

#include "rs-private.h"

G_BEGIN_DECLS

typedef enum
{
  RS_CALL_STAT_KEY,
  RS_CALL_OPEN_READ,
  RS_CALL_OPEN_WRITE,
  RS_CALL_PUT,
  RS_CALL_DELETE_FILE,
  RS_CALL_DELETE_FOLDER,
  RS_CALL_LIST_PAGE,
  RS_CALL_COPY,
  RS_CALL_RENAME,
  RS_CALL_FOLDER_STATS,
  RS_CALL_PING,
  RS_CALL_CLOSE,
  RS_CALL_WRITER_WRITE,
  RS_CALL_WRITER_COMMIT,
  RS_CALL_WRITER_ABORT,
  RS_CALL_STREAM_READ,   /* reads a content stream; not a backend call */
  RS_CALL_STAT_FOLDER_KEY,
} RsCallKind;

/* Arguments are borrowed from the caller and must outlive the call;
 * results belong to the call until taken (g_steal_pointer). Failure is
 * exactly "error != NULL". */
typedef struct
{
  RsCallKind kind;

  RsBackend *backend;
  RsBackendWriter *writer;
  GInputStream *stream;
  const char *key;
  const char *key2;
  const char *token;
  gint64 offset;
  gint64 length;          /* OPEN_READ length; PUT size; -1 unknown */
  guint flags;
  gboolean recursive;
  GHashTable *metadata;
  const void *buffer;
  gsize count;            /* WRITER_WRITE bytes; STREAM_READ maximum */

  gpointer object;        /* RsEntry, GInputStream, RsBackendWriter, RsWriteResult, RsFolderInfo */
  GPtrArray *entries;
  char *next_token;
  GBytes *bytes;
  gssize written;
  GError *error;
} RsCall;

RS_INTERNAL void     rs_call_reset       (RsCall              *call,
                                          RsCallKind           kind);
RS_INTERNAL void     rs_call_clear       (RsCall              *call);
RS_INTERNAL gboolean rs_call_implemented (RsCall              *call);
RS_INTERNAL void     rs_call_run         (RsCall              *call,
                                          GCancellable        *cancellable);
RS_INTERNAL gboolean rs_call_try_inline  (RsCall              *call,
                                          GCancellable        *cancellable);
RS_INTERNAL void     rs_call_run_async   (RsCall              *call,
                                          int                  io_priority,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
RS_INTERNAL void     rs_call_finish      (RsCall              *call,
                                          GAsyncResult        *result);
RS_INTERNAL gboolean rs_backend_has_primitive (RsBackend *backend,
                                               RsCallKind kind);

/* rs-sync-context.c: run async work to completion from any thread */
RS_INTERNAL GMainContext *rs_sync_context_acquire (void);
RS_INTERNAL void          rs_sync_context_release (GMainContext *context);

G_END_DECLS
