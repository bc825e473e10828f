/* rs-store-input-stream.c: a backend read stream with errors mapped
 *
 * Forwards reads (sync and async, so a native async stream stays native)
 * and seeks to the backend's stream, and turns every error into an RsError
 * naming the path and the backend (SEMANTICS.md rule 23). */
#include "config.h"

#include "rs-ops.h"

#define RS_TYPE_STORE_INPUT_STREAM (rs_store_input_stream_get_type ())
G_DECLARE_FINAL_TYPE (RsStoreInputStream, rs_store_input_stream, RS, STORE_INPUT_STREAM, GInputStream)

struct _RsStoreInputStream
{
  GInputStream parent_instance;

  GInputStream *base;
  RsBackend *backend;
  char *path;
};

static void seekable_iface_init (GSeekableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RsStoreInputStream, rs_store_input_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SEEKABLE, seekable_iface_init))

static gboolean
fail (RsStoreInputStream  *self,
      GError              *error,
      GError             **out)
{
  g_propagate_error (out, rs_error_wrap (error, self->path, self->backend));
  return FALSE;
}

static gssize
rs_store_input_stream_read (GInputStream  *stream,
                            void          *buffer,
                            gsize          count,
                            GCancellable  *cancellable,
                            GError       **error)
{
  RsStoreInputStream *self = RS_STORE_INPUT_STREAM (stream);
  GError *local = NULL;
  gssize n = g_input_stream_read (self->base, buffer, count, cancellable, &local);

  if (n < 0)
    fail (self, local, error);
  return n;
}

static gboolean
rs_store_input_stream_close (GInputStream  *stream,
                             GCancellable  *cancellable,
                             GError       **error)
{
  RsStoreInputStream *self = RS_STORE_INPUT_STREAM (stream);
  GError *local = NULL;

  if (!g_input_stream_close (self->base, cancellable, &local))
    return fail (self, local, error);
  return TRUE;
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  RsStoreInputStream *self = g_task_get_source_object (task);
  GError *error = NULL;
  gssize n = g_input_stream_read_finish (self->base, result, &error);

  if (n < 0)
    g_task_return_error (task, rs_error_wrap (error, self->path, self->backend));
  else
    g_task_return_int (task, n);
  g_object_unref (task);
}

static void
rs_store_input_stream_read_async (GInputStream        *stream,
                                  void                *buffer,
                                  gsize                count,
                                  int                  io_priority,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  RsStoreInputStream *self = RS_STORE_INPUT_STREAM (stream);
  GTask *task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, rs_store_input_stream_read_async);
  g_input_stream_read_async (self->base, buffer, count, io_priority, cancellable, read_done, task);
}

static gssize
rs_store_input_stream_read_finish (GInputStream  *stream,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static void
close_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  RsStoreInputStream *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!g_input_stream_close_finish (self->base, result, &error))
    g_task_return_error (task, rs_error_wrap (error, self->path, self->backend));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
rs_store_input_stream_close_async (GInputStream        *stream,
                                   int                  io_priority,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  RsStoreInputStream *self = RS_STORE_INPUT_STREAM (stream);
  GTask *task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, rs_store_input_stream_close_async);
  g_input_stream_close_async (self->base, io_priority, cancellable, close_done, task);
}

static gboolean
rs_store_input_stream_close_finish (GInputStream  *stream,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static goffset
rs_store_input_stream_tell (GSeekable *seekable)
{
  RsStoreInputStream *self = RS_STORE_INPUT_STREAM (seekable);

  return G_IS_SEEKABLE (self->base) ? g_seekable_tell (G_SEEKABLE (self->base)) : 0;
}

static gboolean
rs_store_input_stream_can_seek (GSeekable *seekable)
{
  RsStoreInputStream *self = RS_STORE_INPUT_STREAM (seekable);

  return G_IS_SEEKABLE (self->base) && g_seekable_can_seek (G_SEEKABLE (self->base));
}

static gboolean
rs_store_input_stream_seek (GSeekable     *seekable,
                            goffset        offset,
                            GSeekType      type,
                            GCancellable  *cancellable,
                            GError       **error)
{
  RsStoreInputStream *self = RS_STORE_INPUT_STREAM (seekable);
  GError *local = NULL;

  if (!rs_store_input_stream_can_seek (seekable))
    {
      g_set_error (error, RS_ERROR, RS_ERROR_CAPABILITY_NOT_SUPPORTED,
                   _("Reads of “%s” on %s cannot seek"), self->path,
                   rs_backend_get_location (self->backend));
      return FALSE;
    }
  if (!g_input_stream_set_pending (G_INPUT_STREAM (self), &local))
    return fail (self, local, error);
  if (!g_seekable_seek (G_SEEKABLE (self->base), offset, type, cancellable, &local))
    {
      g_input_stream_clear_pending (G_INPUT_STREAM (self));
      return fail (self, local, error);
    }
  g_input_stream_clear_pending (G_INPUT_STREAM (self));
  return TRUE;
}

static gboolean
rs_store_input_stream_can_truncate (GSeekable *seekable)
{
  return FALSE;
}

static gboolean
rs_store_input_stream_truncate (GSeekable     *seekable,
                                goffset        offset,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_set_error_literal (error, RS_ERROR, RS_ERROR_CAPABILITY_NOT_SUPPORTED,
                       _("A read stream cannot be truncated"));
  return FALSE;
}

static void
seekable_iface_init (GSeekableIface *iface)
{
  iface->tell = rs_store_input_stream_tell;
  iface->can_seek = rs_store_input_stream_can_seek;
  iface->seek = rs_store_input_stream_seek;
  iface->can_truncate = rs_store_input_stream_can_truncate;
  iface->truncate_fn = rs_store_input_stream_truncate;
}

static void
rs_store_input_stream_finalize (GObject *object)
{
  RsStoreInputStream *self = RS_STORE_INPUT_STREAM (object);

  g_clear_object (&self->base);
  g_clear_object (&self->backend);
  g_free (self->path);
  G_OBJECT_CLASS (rs_store_input_stream_parent_class)->finalize (object);
}

static void
rs_store_input_stream_class_init (RsStoreInputStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = rs_store_input_stream_finalize;
  stream_class->read_fn = rs_store_input_stream_read;
  stream_class->close_fn = rs_store_input_stream_close;
  stream_class->read_async = rs_store_input_stream_read_async;
  stream_class->read_finish = rs_store_input_stream_read_finish;
  stream_class->close_async = rs_store_input_stream_close_async;
  stream_class->close_finish = rs_store_input_stream_close_finish;
}

static void
rs_store_input_stream_init (RsStoreInputStream *self)
{
}

GInputStream *
rs_store_input_stream_new (GInputStream *base,
                           RsBackend    *backend,
                           const char   *path)
{
  RsStoreInputStream *self = g_object_new (RS_TYPE_STORE_INPUT_STREAM, NULL);

  self->base = g_object_ref (base);
  self->backend = g_object_ref (backend);
  self->path = g_strdup (path);
  return G_INPUT_STREAM (self);
}
