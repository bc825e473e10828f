/* rs-http-body-stream.c: a response body streamed from the I/O thread
 *
 * libcurl pushes bytes on the engine's I/O thread; readers pull them from
 * any thread, sync or async. Back-pressure: above RS_HTTP_BODY_HIGH
 * buffered bytes a push is refused, libcurl pauses the transfer, and the
 * reader that drains the buffer below RS_HTTP_BODY_LOW unpauses it, so a
 * slow reader never makes memory grow. */
#include "rs-http-private.h"

#define RS_HTTP_BODY_HIGH (1024 * 1024)
#define RS_HTTP_BODY_LOW  (256 * 1024)

struct _RsHttpBodyStream
{
  GInputStream parent_instance;

  GMutex lock;
  GCond changed;
  GByteArray *buffer;
  gsize start;                  /* bytes of buffer already read */
  gboolean ended;
  gboolean paused;              /* a push was refused */
  GError *error;
  RsHttpTransfer *transfer;     /* NULL once ended or closed */
  GTask *pending;               /* an async read waiting for bytes */
  void *pending_buffer;
  gsize pending_count;
};

G_DEFINE_FINAL_TYPE (RsHttpBodyStream, rs_http_body_stream, G_TYPE_INPUT_STREAM)

static gsize
buffered (RsHttpBodyStream *self)
{
  return self->buffer->len - self->start;
}

/* Takes up to @count bytes; lock held. Returns whether to unpause. */
static gboolean
take_locked (RsHttpBodyStream *self,
             void             *out,
             gsize             count,
             gsize            *taken)
{
  gsize n = MIN (count, buffered (self));

  memcpy (out, self->buffer->data + self->start, n);
  self->start += n;
  if (self->start == self->buffer->len)
    {
      g_byte_array_set_size (self->buffer, 0);
      self->start = 0;
    }
  else if (self->start > RS_HTTP_BODY_LOW)
    {
      g_byte_array_remove_range (self->buffer, 0, self->start);
      self->start = 0;
    }
  *taken = n;
  if (self->paused && buffered (self) < RS_HTTP_BODY_LOW && self->transfer != NULL)
    {
      self->paused = FALSE;
      return TRUE;
    }
  return FALSE;
}

gboolean
rs_http_body_stream_push (RsHttpBodyStream *self,
                          const char       *data,
                          gsize             length)
{
  GTask *task = NULL;
  gsize taken = 0;

  g_mutex_lock (&self->lock);
  if (buffered (self) >= RS_HTTP_BODY_HIGH)
    {
      self->paused = TRUE;
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  g_byte_array_append (self->buffer, (const guint8 *) data, length);
  if (self->pending != NULL)
    {
      task = g_steal_pointer (&self->pending);
      take_locked (self, self->pending_buffer, self->pending_count, &taken);
    }
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
  if (task != NULL)
    {
      g_task_return_int (task, taken);
      g_object_unref (task);
    }
  return TRUE;
}

void
rs_http_body_stream_finish (RsHttpBodyStream *self,
                            GError           *error)
{
  GTask *task;
  RsHttpTransfer *transfer;

  g_mutex_lock (&self->lock);
  self->ended = TRUE;
  if (self->error == NULL)
    self->error = error;
  else
    g_clear_error (&error);
  transfer = g_steal_pointer (&self->transfer);
  task = g_steal_pointer (&self->pending);
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
  if (task != NULL)
    {
      if (self->error != NULL)
        g_task_return_error (task, g_error_copy (self->error));
      else
        g_task_return_int (task, 0);
      g_object_unref (task);
    }
  if (transfer != NULL)
    rs_http_transfer_unref (transfer);
}

static void
wake (GCancellable *cancellable,
      gpointer      data)
{
  RsHttpBodyStream *self = data;

  g_mutex_lock (&self->lock);
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
}

static void
unpause (RsHttpBodyStream *self)
{
  RsHttpTransfer *transfer;

  g_mutex_lock (&self->lock);
  transfer = self->transfer;
  if (transfer != NULL)
    rs_http_transfer_unpause (transfer);
  g_mutex_unlock (&self->lock);
}

static gssize
body_read (GInputStream  *stream,
           void          *out,
           gsize          count,
           GCancellable  *cancellable,
           GError       **error)
{
  RsHttpBodyStream *self = RS_HTTP_BODY_STREAM (stream);
  gulong handler = 0;
  gsize taken = 0;
  gboolean resume = FALSE;
  gssize result;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake), self, NULL);
  g_mutex_lock (&self->lock);
  while (buffered (self) == 0 && !self->ended && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&self->changed, &self->lock);
  if (buffered (self) > 0)
    {
      resume = take_locked (self, out, count, &taken);
      result = taken;
    }
  else if (g_cancellable_set_error_if_cancelled (cancellable, error))
    result = -1;
  else if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      result = -1;
    }
  else
    result = 0;
  g_mutex_unlock (&self->lock);
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);
  if (resume)
    unpause (self);
  return result;
}

static void
body_read_async (GInputStream        *stream,
                 void                *out,
                 gsize                count,
                 int                  io_priority,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  RsHttpBodyStream *self = RS_HTTP_BODY_STREAM (stream);
  GTask *task = g_task_new (stream, cancellable, callback, user_data);
  gsize taken = 0;
  gboolean resume = FALSE;

  g_task_set_source_tag (task, body_read_async);
  g_mutex_lock (&self->lock);
  if (buffered (self) > 0)
    {
      resume = take_locked (self, out, count, &taken);
      g_mutex_unlock (&self->lock);
      g_task_return_int (task, taken);
    }
  else if (self->ended)
    {
      g_mutex_unlock (&self->lock);
      if (self->error != NULL)
        g_task_return_error (task, g_error_copy (self->error));
      else
        g_task_return_int (task, 0);
    }
  else
    {
      /* Completed by the next push or the end, on the I/O thread. A
       * cancellation while waiting is reported when that happens (the
       * idle deadline bounds the wait); see README "Known limits". */
      self->pending = g_object_ref (task);
      self->pending_buffer = out;
      self->pending_count = count;
      g_mutex_unlock (&self->lock);
      if (cancellable != NULL)
        g_task_set_check_cancellable (task, TRUE);
    }
  if (resume)
    unpause (self);
  g_object_unref (task);
}

static gssize
body_read_finish (GInputStream  *stream,
                  GAsyncResult  *result,
                  GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static gboolean
body_close (GInputStream  *stream,
            GCancellable  *cancellable,
            GError       **error)
{
  RsHttpBodyStream *self = RS_HTTP_BODY_STREAM (stream);
  RsHttpTransfer *transfer;

  g_mutex_lock (&self->lock);
  transfer = g_steal_pointer (&self->transfer);
  self->ended = TRUE;
  g_mutex_unlock (&self->lock);
  if (transfer != NULL)
    {
      rs_http_transfer_abort (transfer);
      rs_http_transfer_unref (transfer);
    }
  return TRUE;
}

static void
body_close_async (GInputStream        *stream,
                  int                  io_priority,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);

  body_close (stream, cancellable, NULL);
  g_task_return_boolean (task, TRUE);
}

static gboolean
body_close_finish (GInputStream  *stream,
                   GAsyncResult  *result,
                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
rs_http_body_stream_dispose (GObject *object)
{
  body_close (G_INPUT_STREAM (object), NULL, NULL);
  G_OBJECT_CLASS (rs_http_body_stream_parent_class)->dispose (object);
}

static void
rs_http_body_stream_finalize (GObject *object)
{
  RsHttpBodyStream *self = RS_HTTP_BODY_STREAM (object);

  g_byte_array_unref (self->buffer);
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);
  G_OBJECT_CLASS (rs_http_body_stream_parent_class)->finalize (object);
}

static void
rs_http_body_stream_class_init (RsHttpBodyStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rs_http_body_stream_dispose;
  G_OBJECT_CLASS (klass)->finalize = rs_http_body_stream_finalize;
  stream_class->read_fn = body_read;
  stream_class->read_async = body_read_async;
  stream_class->read_finish = body_read_finish;
  stream_class->close_fn = body_close;
  stream_class->close_async = body_close_async;
  stream_class->close_finish = body_close_finish;
}

static void
rs_http_body_stream_init (RsHttpBodyStream *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  self->buffer = g_byte_array_new ();
}

GInputStream *
rs_http_body_stream_new (RsHttpTransfer *transfer)
{
  RsHttpBodyStream *self = g_object_new (RS_TYPE_HTTP_BODY_STREAM, NULL);

  self->transfer = transfer;    /* takes the caller's reference */
  return G_INPUT_STREAM (self);
}
