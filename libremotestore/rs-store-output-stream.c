/* rs-store-output-stream.c: the stream rs_store_open_write() returns
 *
 * Commit on a successful close; abort on a write error, on a close whose
 * cancellable is cancelled, and when the last reference goes unclosed.
 * GOutputStream's dispose would close (and so commit) an unclosed stream:
 * ours aborts first, so dropping a half-written stream never publishes
 * it (SEMANTICS.md rule 11). */
#include "config.h"

#include "rs-ops.h"

#define RS_TYPE_STORE_OUTPUT_STREAM (rs_store_output_stream_get_type ())
G_DECLARE_FINAL_TYPE (RsStoreOutputStream, rs_store_output_stream, RS, STORE_OUTPUT_STREAM, GOutputStream)

typedef enum { WS_OPEN, WS_COMMITTED, WS_ABORTED, WS_DISPOSED } WriteState;

struct _RsStoreOutputStream
{
  GOutputStream parent_instance;

  RsStore *store;
  RsBackendWriter *writer;
  char *path;
  GHashTable *metadata;
  gint64 written;
  WriteState state;
  RsWriteResult *result;
};

G_DEFINE_FINAL_TYPE (RsStoreOutputStream, rs_store_output_stream, G_TYPE_OUTPUT_STREAM)

static GError *
wrap (RsStoreOutputStream *self,
      GError              *error)
{
  return rs_error_wrap (error, self->path, self->store->backend);
}

static void
prepare (RsStoreOutputStream *self,
         RsCall              *call,
         RsCallKind           kind)
{
  rs_call_reset (call, kind);
  call->writer = self->writer;
}

static void
abort_now (RsStoreOutputStream *self)
{
  RsCall call = { 0 };

  prepare (self, &call, RS_CALL_WRITER_ABORT);
  rs_call_run (&call, NULL);
  if (call.error != NULL)
    g_debug ("abort of “%s” failed: %s", self->path, call.error->message);
  rs_call_clear (&call);
  self->state = WS_ABORTED;
}

static gboolean
refuse_unless_open (RsStoreOutputStream  *self,
                    GError              **error)
{
  if (self->state == WS_OPEN)
    return TRUE;
  g_set_error (error, RS_ERROR, RS_ERROR_FAILED,
               _("The write of “%s” on %s was aborted after an error"),
               self->path, rs_backend_get_location (self->store->backend));
  return FALSE;
}

static gssize
rs_store_output_stream_write (GOutputStream  *stream,
                              const void     *buffer,
                              gsize           count,
                              GCancellable   *cancellable,
                              GError        **error)
{
  RsStoreOutputStream *self = RS_STORE_OUTPUT_STREAM (stream);
  RsCall call = { 0 };
  gssize n;

  if (!refuse_unless_open (self, error))
    return -1;
  prepare (self, &call, RS_CALL_WRITER_WRITE);
  call.buffer = buffer;
  call.count = count;
  rs_call_run (&call, cancellable);
  n = call.written;
  if (call.error != NULL)
    {
      g_propagate_error (error, wrap (self, g_steal_pointer (&call.error)));
      abort_now (self);
      n = -1;
    }
  else
    self->written += n;
  rs_call_clear (&call);
  return n;
}

static void
take_result (RsStoreOutputStream *self,
             RsCall              *call)
{
  self->result = rs_store_finish_write_result (self->store, g_steal_pointer (&call->object),
                                               self->path, self->metadata);
  rs_write_result_set_size (self->result, self->written);
  self->state = WS_COMMITTED;
}

static gboolean
rs_store_output_stream_close (GOutputStream  *stream,
                              GCancellable   *cancellable,
                              GError        **error)
{
  RsStoreOutputStream *self = RS_STORE_OUTPUT_STREAM (stream);
  RsCall call = { 0 };
  gboolean ok;

  if (self->state == WS_DISPOSED)
    return TRUE;
  if (!refuse_unless_open (self, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      abort_now (self);
      return FALSE;
    }
  prepare (self, &call, RS_CALL_WRITER_COMMIT);
  rs_call_run (&call, cancellable);
  ok = call.error == NULL;
  if (ok)
    take_result (self, &call);
  else
    {
      /* A failed commit leaves nothing behind: the writer's contract. */
      self->state = WS_ABORTED;
      g_propagate_error (error, wrap (self, g_steal_pointer (&call.error)));
    }
  rs_call_clear (&call);
  return ok;
}

/* Async writes and closes: the writer call runs inline when it cannot
 * block, else through its async primitive (or a worker thread). */

typedef struct
{
  RsCall call;
  GError *failure;
} AsyncStep;

static void
async_step_free (gpointer data)
{
  AsyncStep *step = data;

  rs_call_clear (&step->call);
  g_clear_error (&step->failure);
  g_free (step);
}

static void async_call_done (GObject *source, GAsyncResult *result, gpointer user_data);

static void
async_run (GTask        *task,
           AsyncStep    *step)
{
  if (rs_call_try_inline (&step->call, g_task_get_cancellable (task)))
    {
      async_call_done (NULL, NULL, g_object_ref (task));
      return;
    }
  rs_call_run_async (&step->call, g_task_get_priority (task), g_task_get_cancellable (task),
                     async_call_done, g_object_ref (task));
}

static void
async_fail (GTask     *task,
            AsyncStep *step,
            GError    *failure)
{
  RsStoreOutputStream *self = g_task_get_source_object (task);

  /* Abort, then report the failure that caused it. */
  step->failure = failure;
  self->state = WS_ABORTED;
  prepare (self, &step->call, RS_CALL_WRITER_ABORT);
  async_run (task, step);
}

static void
async_call_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  RsStoreOutputStream *self = g_task_get_source_object (task);
  AsyncStep *step = g_task_get_task_data (task);
  RsCall *call = &step->call;

  if (result != NULL)
    rs_call_finish (call, result);

  switch (call->kind)
    {
    case RS_CALL_WRITER_WRITE:
      if (call->error != NULL)
        async_fail (task, step, wrap (self, g_steal_pointer (&call->error)));
      else
        {
          self->written += call->written;
          g_task_return_int (task, call->written);
        }
      break;
    case RS_CALL_WRITER_COMMIT:
      if (call->error != NULL)
        {
          self->state = WS_ABORTED;
          g_task_return_error (task, wrap (self, g_steal_pointer (&call->error)));
        }
      else
        {
          take_result (self, call);
          g_task_return_boolean (task, TRUE);
        }
      break;
    case RS_CALL_WRITER_ABORT:
      if (call->error != NULL)
        g_debug ("abort of “%s” failed: %s", self->path, call->error->message);
      g_task_return_error (task, g_steal_pointer (&step->failure));
      break;
    default:
      g_assert_not_reached ();
    }
  g_object_unref (task);
}

static GTask *
async_task (RsStoreOutputStream *self,
            gpointer             tag,
            int                  io_priority,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            AsyncStep          **step)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_priority (task, io_priority);
  g_task_set_check_cancellable (task, FALSE);
  *step = g_new0 (AsyncStep, 1);
  g_task_set_task_data (task, *step, async_step_free);
  return task;
}

static void
rs_store_output_stream_write_async (GOutputStream       *stream,
                                    const void          *buffer,
                                    gsize                count,
                                    int                  io_priority,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  RsStoreOutputStream *self = RS_STORE_OUTPUT_STREAM (stream);
  AsyncStep *step;
  GTask *task = async_task (self, rs_store_output_stream_write_async, io_priority,
                            cancellable, callback, user_data, &step);
  GError *error = NULL;

  if (!refuse_unless_open (self, &error))
    g_task_return_error (task, error);
  else
    {
      prepare (self, &step->call, RS_CALL_WRITER_WRITE);
      step->call.buffer = buffer;
      step->call.count = count;
      async_run (task, step);
    }
  g_object_unref (task);
}

static gssize
rs_store_output_stream_write_finish (GOutputStream  *stream,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static void
rs_store_output_stream_close_async (GOutputStream       *stream,
                                    int                  io_priority,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  RsStoreOutputStream *self = RS_STORE_OUTPUT_STREAM (stream);
  AsyncStep *step;
  GTask *task = async_task (self, rs_store_output_stream_close_async, io_priority,
                            cancellable, callback, user_data, &step);
  GError *error = NULL;

  if (self->state == WS_DISPOSED)
    g_task_return_boolean (task, TRUE);
  else if (!refuse_unless_open (self, &error))
    g_task_return_error (task, error);
  else if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    async_fail (task, step, error);
  else
    {
      prepare (self, &step->call, RS_CALL_WRITER_COMMIT);
      async_run (task, step);
    }
  g_object_unref (task);
}

static gboolean
rs_store_output_stream_close_finish (GOutputStream  *stream,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
rs_store_output_stream_dispose (GObject *object)
{
  RsStoreOutputStream *self = RS_STORE_OUTPUT_STREAM (object);

  if (self->state == WS_OPEN)
    abort_now (self);
  self->state = WS_DISPOSED;
  G_OBJECT_CLASS (rs_store_output_stream_parent_class)->dispose (object);
}

static void
rs_store_output_stream_finalize (GObject *object)
{
  RsStoreOutputStream *self = RS_STORE_OUTPUT_STREAM (object);

  g_clear_object (&self->writer);
  g_clear_object (&self->store);
  g_clear_object (&self->result);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_free (self->path);
  G_OBJECT_CLASS (rs_store_output_stream_parent_class)->finalize (object);
}

static void
rs_store_output_stream_class_init (RsStoreOutputStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  object_class->dispose = rs_store_output_stream_dispose;
  object_class->finalize = rs_store_output_stream_finalize;
  stream_class->write_fn = rs_store_output_stream_write;
  stream_class->close_fn = rs_store_output_stream_close;
  stream_class->write_async = rs_store_output_stream_write_async;
  stream_class->write_finish = rs_store_output_stream_write_finish;
  stream_class->close_async = rs_store_output_stream_close_async;
  stream_class->close_finish = rs_store_output_stream_close_finish;
}

static void
rs_store_output_stream_init (RsStoreOutputStream *self)
{
}

GOutputStream *
rs_store_output_stream_new (RsStore         *store,
                            RsBackendWriter *writer,
                            const char      *path,
                            GHashTable      *metadata)
{
  RsStoreOutputStream *self = g_object_new (RS_TYPE_STORE_OUTPUT_STREAM, NULL);

  self->store = g_object_ref (store);
  self->writer = g_object_ref (writer);
  self->path = g_strdup (path);
  self->metadata = rs_metadata_copy (metadata);
  return G_OUTPUT_STREAM (self);
}
