/* rs-local-input-stream.c: a seekable read stream on a file descriptor
 *
 * Reads are pread()s at the stream's own position, so they are lazy (only
 * what is asked for is read), ranged reads are a window on the file, and
 * a seek is arithmetic. Async reads go to the backend's I/O engine: a
 * bounded thread pool, or io_uring (rs-local-engine.c). */
#include <errno.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "rs-local-input-stream.h"
#include "rs-local-engine.h"
#include "rs-local-fs.h"

struct _RsLocalInputStream
{
  GInputStream parent_instance;

  int fd;
  gint64 start;       /* file offset of position 0 */
  gint64 end;         /* file offset of the window's end, -1: end of file */
  gint64 position;    /* relative to start */
  char *key;
  RsLocalEngine *engine;
};

static void seekable_iface_init (GSeekableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RsLocalInputStream, rs_local_input_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SEEKABLE, seekable_iface_init))

/* How much of @count the window still allows from the current position. */
static gsize
clamp_count (RsLocalInputStream *self,
             gsize               count)
{
  if (self->end >= 0)
    {
      gint64 left = self->end - (self->start + self->position);

      return left <= 0 ? 0 : MIN (count, (guint64) left);
    }
  return MIN (count, (gsize) G_MAXSSIZE);
}

static gssize
rs_local_input_stream_read (GInputStream  *stream,
                            void          *buffer,
                            gsize          count,
                            GCancellable  *cancellable,
                            GError       **error)
{
  RsLocalInputStream *self = RS_LOCAL_INPUT_STREAM (stream);
  ssize_t n;

  count = clamp_count (self, count);
  if (count == 0)
    return 0;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  do
    n = pread (self->fd, buffer, count, self->start + self->position);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      rs_local_fail (error, errno, self->key, _("Cannot read “%s”"), self->key);
      return -1;
    }
  self->position += n;
  return n;
}

static gboolean
rs_local_input_stream_close (GInputStream  *stream,
                             GCancellable  *cancellable,
                             GError       **error)
{
  RsLocalInputStream *self = RS_LOCAL_INPUT_STREAM (stream);

  if (self->fd >= 0)
    {
      /* A read-only descriptor has nothing to flush: close errors are noise. */
      close (self->fd);
      self->fd = -1;
    }
  return TRUE;
}

static void
read_done (gssize   result,
           int      saved_errno,
           gpointer user_data)
{
  GTask *task = user_data;
  RsLocalInputStream *self = g_task_get_source_object (task);

  if (result < 0)
    {
      GError *error = NULL;

      rs_local_fail (&error, saved_errno, self->key, _("Cannot read “%s”"), self->key);
      g_task_return_error (task, error);
    }
  else
    {
      self->position += result;
      g_task_return_int (task, result);
    }
  g_object_unref (task);
}

static void
rs_local_input_stream_read_async (GInputStream        *stream,
                                  void                *buffer,
                                  gsize                count,
                                  int                  io_priority,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  RsLocalInputStream *self = RS_LOCAL_INPUT_STREAM (stream);
  GTask *task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, rs_local_input_stream_read_async);
  g_task_set_priority (task, io_priority);
  count = clamp_count (self, count);
  if (count == 0)
    {
      g_task_return_int (task, 0);
      g_object_unref (task);
      return;
    }
  rs_local_engine_pread (self->engine, self->fd, buffer, count, self->start + self->position,
                         cancellable, read_done, task);
}

static gssize
rs_local_input_stream_read_finish (GInputStream  *stream,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static goffset
rs_local_input_stream_tell (GSeekable *seekable)
{
  return RS_LOCAL_INPUT_STREAM (seekable)->position;
}

static gboolean
rs_local_input_stream_can_seek (GSeekable *seekable)
{
  return TRUE;
}

static gboolean
rs_local_input_stream_seek (GSeekable     *seekable,
                            goffset        offset,
                            GSeekType      type,
                            GCancellable  *cancellable,
                            GError       **error)
{
  RsLocalInputStream *self = RS_LOCAL_INPUT_STREAM (seekable);
  gint64 base = 0, target;

  switch (type)
    {
    case G_SEEK_SET:
      break;
    case G_SEEK_CUR:
      base = self->position;
      break;
    case G_SEEK_END:
      if (self->end >= 0)
        base = self->end - self->start;
      else
        {
          off_t size = lseek (self->fd, 0, SEEK_END);

          if (size < 0)
            return rs_local_fail (error, errno, self->key, _("Cannot seek in “%s”"), self->key);
          base = size - self->start;
        }
      break;
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Invalid seek type"));
      return FALSE;
    }
  target = base + offset;
  if (target < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot seek before the start of “%s”"), self->key);
      return FALSE;
    }
  self->position = target;
  return TRUE;
}

static gboolean
rs_local_input_stream_can_truncate (GSeekable *seekable)
{
  return FALSE;
}

static gboolean
rs_local_input_stream_truncate (GSeekable     *seekable,
                                goffset        offset,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Read streams cannot be truncated"));
  return FALSE;
}

static void
seekable_iface_init (GSeekableIface *iface)
{
  iface->tell = rs_local_input_stream_tell;
  iface->can_seek = rs_local_input_stream_can_seek;
  iface->seek = rs_local_input_stream_seek;
  iface->can_truncate = rs_local_input_stream_can_truncate;
  iface->truncate_fn = rs_local_input_stream_truncate;
}

static void
rs_local_input_stream_finalize (GObject *object)
{
  RsLocalInputStream *self = RS_LOCAL_INPUT_STREAM (object);

  if (self->fd >= 0)
    close (self->fd);
  g_free (self->key);
  g_clear_pointer (&self->engine, rs_local_engine_unref);
  G_OBJECT_CLASS (rs_local_input_stream_parent_class)->finalize (object);
}

static void
rs_local_input_stream_class_init (RsLocalInputStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rs_local_input_stream_finalize;
  stream_class->read_fn = rs_local_input_stream_read;
  stream_class->close_fn = rs_local_input_stream_close;
  stream_class->read_async = rs_local_input_stream_read_async;
  stream_class->read_finish = rs_local_input_stream_read_finish;
}

static void
rs_local_input_stream_init (RsLocalInputStream *self)
{
  self->fd = -1;
}

GInputStream *
rs_local_input_stream_new (int            fd,
                           gint64         offset,
                           gint64         length,
                           const char    *key,
                           RsLocalEngine *engine)
{
  RsLocalInputStream *self = g_object_new (RS_TYPE_LOCAL_INPUT_STREAM, NULL);

  self->fd = fd;
  self->start = offset;
  self->end = length < 0 ? -1 : offset + length;
  self->key = g_strdup (key);
  self->engine = rs_local_engine_ref (engine);
  return G_INPUT_STREAM (self);
}
