/* rs-http-body-stream.c: a response body streamed from the I/O thread
 *
 * libcurl pushes bytes on the engine's I/O thread; readers pull them from
 * any thread, sync or async. A reader that finds nothing buffered leaves
 * its buffer with the stream and the pushes copy straight into it (one
 * copy instead of two); it is woken once RS_HTTP_BODY_WAKE bytes (or all
 * it asked for) arrived, or the body ended, not once per network read.
 * Bytes nobody waits for go to a ring buffer. Back-pressure: above
 * RS_HTTP_BODY_HIGH buffered bytes a push is refused, libcurl pauses the
 * transfer, and the reader that drains the ring below RS_HTTP_BODY_LOW
 * unpauses it, so a slow reader never makes memory grow. */
#include "rs-http-private.h"

#define RS_HTTP_BODY_HIGH (1024 * 1024)
#define RS_HTTP_BODY_LOW  (256 * 1024)
#define RS_HTTP_BODY_WAKE (128 * 1024)

struct _RsHttpBodyStream
{
  GInputStream parent_instance;

  GMutex lock;
  GCond changed;
  guint8 *ring;                 /* bytes nobody waited for */
  gsize capacity;
  gsize head;
  gsize fill;
  gboolean ended;
  gboolean paused;              /* a push was refused */
  GError *error;
  RsHttpTransfer *transfer;     /* NULL once ended or closed */
  /* The reader waiting for bytes, if any (a stream has one read at a
   * time): pushes fill its buffer. */
  gboolean waiting;
  void *wait_buffer;
  gsize wait_count;
  gsize wait_filled;
  GTask *pending;               /* set when that reader is async */
};

G_DEFINE_FINAL_TYPE (RsHttpBodyStream, rs_http_body_stream, G_TYPE_INPUT_STREAM)

static void
ring_put (RsHttpBodyStream *self,
          const guint8     *data,
          gsize             length)
{
  gsize tail, first;

  if (self->capacity - self->fill < length)
    {
      gsize capacity = MAX (MAX (self->capacity * 2, self->fill + length), RS_HTTP_BODY_HIGH);
      guint8 *ring = g_malloc (capacity);

      first = MIN (self->fill, self->capacity - self->head);
      if (self->fill > 0)
        {
          memcpy (ring, self->ring + self->head, first);
          memcpy (ring + first, self->ring, self->fill - first);
        }
      g_free (self->ring);
      self->ring = ring;
      self->capacity = capacity;
      self->head = 0;
    }
  tail = (self->head + self->fill) % self->capacity;
  first = MIN (length, self->capacity - tail);
  memcpy (self->ring + tail, data, first);
  memcpy (self->ring, data + first, length - first);
  self->fill += length;
}

/* Takes up to @count bytes from the ring; lock held. Returns whether to
 * unpause. */
static gboolean
take_locked (RsHttpBodyStream *self,
             void             *out,
             gsize             count,
             gsize            *taken)
{
  gsize n = MIN (count, self->fill);
  gsize first;

  *taken = n;
  if (n == 0)
    return FALSE;
  first = MIN (n, self->capacity - self->head);
  memcpy (out, self->ring + self->head, first);
  memcpy ((guint8 *) out + first, self->ring, n - first);
  self->head = (self->head + n) % self->capacity;
  self->fill -= n;
  if (self->fill == 0)
    self->head = 0;
  if (self->paused && self->fill < RS_HTTP_BODY_LOW && self->transfer != NULL)
    {
      self->paused = FALSE;
      return TRUE;
    }
  return FALSE;
}

static void
wait_begin_locked (RsHttpBodyStream *self,
                   void             *out,
                   gsize             count,
                   GTask            *task)
{
  self->waiting = TRUE;
  self->wait_buffer = out;
  self->wait_count = count;
  self->wait_filled = 0;
  self->pending = task;
}

/* Ends the wait; returns the bytes the reader got. */
static gsize
wait_end_locked (RsHttpBodyStream *self)
{
  self->waiting = FALSE;
  self->wait_buffer = NULL;
  self->pending = NULL;
  return self->wait_filled;
}

gboolean
rs_http_body_stream_push (RsHttpBodyStream *self,
                          const char       *data,
                          gsize             length)
{
  GTask *task = NULL;
  gsize taken = 0;

  g_mutex_lock (&self->lock);
  if (self->fill >= RS_HTTP_BODY_HIGH)
    {
      self->paused = TRUE;
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  if (self->waiting)
    {
      /* The ring is empty while a reader waits: straight into its buffer. */
      gsize n = MIN (length, self->wait_count - self->wait_filled);

      memcpy ((guint8 *) self->wait_buffer + self->wait_filled, data, n);
      self->wait_filled += n;
      data += n;
      length -= n;
      if (self->wait_filled >= MIN (self->wait_count, RS_HTTP_BODY_WAKE))
        {
          task = g_steal_pointer (&self->pending);
          taken = wait_end_locked (self);
          g_cond_signal (&self->changed);
        }
    }
  if (length > 0)
    ring_put (self, (const guint8 *) data, length);
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
  GTask *task = NULL;
  RsHttpTransfer *transfer;
  gsize taken = 0;

  g_mutex_lock (&self->lock);
  self->ended = TRUE;
  if (self->error == NULL)
    self->error = error;
  else
    g_clear_error (&error);
  transfer = g_steal_pointer (&self->transfer);
  if (self->waiting && self->pending != NULL)
    {
      task = g_steal_pointer (&self->pending);
      taken = wait_end_locked (self);
    }
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
  if (task != NULL)
    {
      /* Bytes first; the error comes with the next read. */
      if (taken == 0 && self->error != NULL)
        g_task_return_error (task, g_error_copy (self->error));
      else
        g_task_return_int (task, taken);
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

  if (count == 0)
    return 0;
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake), self, NULL);
  g_mutex_lock (&self->lock);
  if (self->fill == 0 && !self->ended && !g_cancellable_is_cancelled (cancellable))
    {
      wait_begin_locked (self, out, count, NULL);
      while (self->waiting && !self->ended && !g_cancellable_is_cancelled (cancellable))
        g_cond_wait (&self->changed, &self->lock);
      /* Whatever arrived is the caller's, cancelled or not. */
      taken = self->waiting ? wait_end_locked (self) : self->wait_filled;
    }
  if (taken > 0)
    result = taken;
  else if (self->fill > 0)
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
  if (self->fill > 0 || count == 0)
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
      /* Completed by the pushes that fill it, or the end, on the I/O
       * thread. A cancellation while waiting is reported when that
       * happens (the idle deadline bounds the wait); see README "Known
       * limits". */
      wait_begin_locked (self, out, count, g_object_ref (task));
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

  g_free (self->ring);
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
}

GInputStream *
rs_http_body_stream_new (RsHttpTransfer *transfer)
{
  RsHttpBodyStream *self = g_object_new (RS_TYPE_HTTP_BODY_STREAM, NULL);

  self->transfer = transfer;    /* takes the caller's reference */
  return G_INPUT_STREAM (self);
}
