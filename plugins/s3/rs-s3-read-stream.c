/* rs-s3-read-stream.c: a lazy, seekable read of one object version
 *
 * Bytes come from a streamed ranged GET (the engine's body stream, with
 * back-pressure). A seek only moves the position; the next read that
 * finds the body elsewhere drops it and sends a new ranged GET with
 * If-Match on the ETag of the first answer, so one stream never mixes
 * two versions of the object. */
#include <glib/gi18n-lib.h>

#include "rs-s3-read-stream.h"

struct _RsS3ReadStream
{
  GInputStream parent_instance;

  RsS3Backend *backend;
  char *key;
  char *etag;                   /* as the server sent it, quotes included */
  gint64 start;                 /* object offset of position 0 */
  gint64 limit;                 /* bytes readable from start */
  gint64 position;
  GInputStream *body;
  gint64 body_position;
};

static void rs_s3_read_stream_seekable_init (GSeekableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RsS3ReadStream, rs_s3_read_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SEEKABLE, rs_s3_read_stream_seekable_init))

static RsHttpRequest *
range_request (RsS3ReadStream *self)
{
  RsHttpRequest *request = rs_s3_backend_new_request (self->backend, "GET", self->key, NULL);
  g_autofree char *range = g_strdup_printf ("bytes=%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                                            self->start + self->position, self->start + self->limit - 1);

  rs_http_request_set_header (request, "range", range);
  if (self->etag != NULL)
    rs_http_request_set_header (request, "if-match", self->etag);
  rs_http_request_set_stream_response (request, TRUE);
  return request;
}

/* Takes the body of a re-opened range, or says why not. */
static gboolean
take_body (RsS3ReadStream  *self,
           RsHttpResponse  *response,
           GError         **error)
{
  guint status = rs_http_response_get_status (response);

  if (status == 412)
    {
      g_set_error_literal (error, RS_ERROR, RS_ERROR_PRECONDITION_FAILED,
                           _("The object changed while it was being read"));
      return FALSE;
    }
  if (status != 206 || rs_http_response_get_body_stream (response) == NULL)
    {
      GError *failure = rs_s3_backend_check (response);

      g_propagate_error (error, failure != NULL ? failure
                         : g_error_new (RS_ERROR, RS_ERROR_FAILED, _("Unexpected HTTP status %u to a ranged read"), status));
      return FALSE;
    }
  g_set_object (&self->body, rs_http_response_get_body_stream (response));
  self->body_position = self->position;
  return TRUE;
}

static gboolean
needs_body (RsS3ReadStream *self)
{
  if (self->body != NULL && self->body_position == self->position)
    return FALSE;
  if (self->body != NULL)
    {
      g_input_stream_close (self->body, NULL, NULL);
      g_clear_object (&self->body);
    }
  return TRUE;
}

static gssize
read_body (RsS3ReadStream  *self,
           void            *buffer,
           gsize            count,
           GCancellable    *cancellable,
           GError         **error)
{
  gssize n = g_input_stream_read (self->body, buffer, count, cancellable, error);

  if (n > 0)
    {
      self->position += n;
      self->body_position += n;
    }
  return n;
}

static gssize
s3_read (GInputStream  *stream,
         void          *buffer,
         gsize          count,
         GCancellable  *cancellable,
         GError       **error)
{
  RsS3ReadStream *self = RS_S3_READ_STREAM (stream);

  if (self->position >= self->limit)
    return 0;
  count = MIN ((gint64) count, self->limit - self->position);
  if (needs_body (self))
    {
      g_autoptr(RsHttpRequest) request = range_request (self);
      g_autoptr(RsHttpResponse) response = rs_s3_backend_send (self->backend, request, NULL, cancellable, error);

      if (response == NULL || !take_body (self, response, error))
        return -1;
    }
  return read_body (self, buffer, count, cancellable, error);
}

typedef struct
{
  void *buffer;
  gsize count;
} ReadData;

static void
body_read (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  RsS3ReadStream *self = g_task_get_source_object (task);
  GError *error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);

  if (n < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  self->position += n;
  self->body_position += n;
  g_task_return_int (task, n);
}

static void
start_body_read (GTask *task)
{
  RsS3ReadStream *self = g_task_get_source_object (task);
  ReadData *data = g_task_get_task_data (task);

  g_input_stream_read_async (self->body, data->buffer, data->count, g_task_get_priority (task),
                             g_task_get_cancellable (task), body_read, task);
}

static void
reopened (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  GTask *task = data;
  RsS3ReadStream *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (self->backend, result, &error);

  if (response == NULL || !take_body (self, response, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  start_body_read (task);
}

static void
s3_read_async (GInputStream        *stream,
               void                *buffer,
               gsize                count,
               int                  io_priority,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  RsS3ReadStream *self = RS_S3_READ_STREAM (stream);
  GTask *task = g_task_new (stream, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);

  g_task_set_source_tag (task, s3_read_async);
  g_task_set_priority (task, io_priority);
  g_task_set_task_data (task, data, g_free);
  if (self->position >= self->limit)
    {
      g_task_return_int (task, 0);
      g_object_unref (task);
      return;
    }
  data->buffer = buffer;
  data->count = MIN ((gint64) count, self->limit - self->position);
  if (needs_body (self))
    {
      g_autoptr(RsHttpRequest) request = range_request (self);

      rs_s3_backend_send_async (self->backend, request, NULL, cancellable, reopened, task);
      return;
    }
  start_body_read (task);
}

static gssize
s3_read_finish (GInputStream  *stream,
                GAsyncResult  *result,
                GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static gboolean
s3_close (GInputStream  *stream,
          GCancellable  *cancellable,
          GError       **error)
{
  RsS3ReadStream *self = RS_S3_READ_STREAM (stream);

  if (self->body != NULL)
    g_input_stream_close (self->body, NULL, NULL);
  g_clear_object (&self->body);
  return TRUE;
}

static void
s3_close_async (GInputStream        *stream,
                int                  io_priority,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);

  /* Closing a body stream only asks the I/O thread to stop: never blocks. */
  s3_close (stream, cancellable, NULL);
  g_task_return_boolean (task, TRUE);
}

static gboolean
s3_close_finish (GInputStream  *stream,
                 GAsyncResult  *result,
                 GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static goffset
s3_tell (GSeekable *seekable)
{
  return RS_S3_READ_STREAM (seekable)->position;
}

static gboolean
s3_can_seek (GSeekable *seekable)
{
  return TRUE;
}

static gboolean
s3_seek (GSeekable     *seekable,
         goffset        offset,
         GSeekType      type,
         GCancellable  *cancellable,
         GError       **error)
{
  RsS3ReadStream *self = RS_S3_READ_STREAM (seekable);
  gint64 target;

  switch (type)
    {
    case G_SEEK_CUR: target = self->position + offset; break;
    case G_SEEK_END: target = self->limit + offset; break;
    default: target = offset; break;
    }
  if (target < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Invalid seek before the start"));
      return FALSE;
    }
  if (g_input_stream_has_pending (G_INPUT_STREAM (seekable)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING, _("Stream has outstanding operation"));
      return FALSE;
    }
  self->position = target;
  return TRUE;
}

static gboolean
s3_can_truncate (GSeekable *seekable)
{
  return FALSE;
}

static gboolean
s3_truncate (GSeekable     *seekable,
             goffset        offset,
             GCancellable  *cancellable,
             GError       **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Cannot truncate a read stream"));
  return FALSE;
}

static void
rs_s3_read_stream_seekable_init (GSeekableIface *iface)
{
  iface->tell = s3_tell;
  iface->can_seek = s3_can_seek;
  iface->seek = s3_seek;
  iface->can_truncate = s3_can_truncate;
  iface->truncate_fn = s3_truncate;
}

static void
rs_s3_read_stream_finalize (GObject *object)
{
  RsS3ReadStream *self = RS_S3_READ_STREAM (object);

  g_clear_object (&self->body);
  g_clear_object (&self->backend);
  g_free (self->key);
  g_free (self->etag);
  G_OBJECT_CLASS (rs_s3_read_stream_parent_class)->finalize (object);
}

static void
rs_s3_read_stream_class_init (RsS3ReadStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rs_s3_read_stream_finalize;
  stream_class->read_fn = s3_read;
  stream_class->read_async = s3_read_async;
  stream_class->read_finish = s3_read_finish;
  stream_class->close_fn = s3_close;
  stream_class->close_async = s3_close_async;
  stream_class->close_finish = s3_close_finish;
}

static void
rs_s3_read_stream_init (RsS3ReadStream *self)
{
}

/* ---- opening ------------------------------------------------------------- */

typedef struct
{
  char *key;
  gint64 offset;
  gint64 length;
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *open = data;

  g_free (open->key);
  g_free (open);
}

static gint64
total_size (RsHttpResponse *response)
{
  const char *range = rs_http_response_get_header (response, "content-range");
  const char *length = rs_http_response_get_header (response, "content-length");
  const char *slash = range != NULL ? strrchr (range, '/') : NULL;

  if (slash != NULL && slash[1] != '*')
    return g_ascii_strtoll (slash + 1, NULL, 10);
  return length != NULL ? g_ascii_strtoll (length, NULL, 10) : 0;
}

static void
opened (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  g_autoptr(GTask) task = data;
  OpenData *open = g_task_get_task_data (task);
  RsS3Backend *backend = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (backend, result, &error);
  RsS3ReadStream *self;
  guint status;
  gint64 size;

  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  status = rs_http_response_get_status (response);
  if (status == 404)
    {
      g_task_return_new_error (task, RS_ERROR, RS_ERROR_NOT_FOUND, _("No such file"));
      return;
    }
  if (status != 200 && status != 206 && status != 416)
    {
      g_task_return_error (task, rs_s3_backend_check (response));
      return;
    }
  self = g_object_new (RS_TYPE_S3_READ_STREAM, NULL);
  self->backend = g_object_ref (backend);
  self->key = g_strdup (open->key);
  self->etag = g_strdup (rs_http_response_get_header (response, "etag"));
  /* 416: the object is there, the offset is past its end. */
  size = status == 416 ? open->offset : total_size (response);
  self->start = MIN (open->offset, size);
  self->limit = open->length < 0 ? size - self->start : MIN (open->length, size - self->start);
  if (rs_http_response_get_body_stream (response) != NULL && status != 416)
    self->body = g_object_ref (rs_http_response_get_body_stream (response));
  g_task_return_pointer (task, self, g_object_unref);
}

void
rs_s3_read_stream_open_async (RsS3Backend         *backend,
                              const char          *key,
                              gint64               offset,
                              gint64               length,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  OpenData *open = g_new0 (OpenData, 1);
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (backend, length == 0 ? "HEAD" : "GET", key, NULL);

  g_task_set_source_tag (task, rs_s3_read_stream_open_async);
  open->key = g_strdup (key);
  open->offset = offset;
  open->length = length;
  g_task_set_task_data (task, open, open_data_free);
  if (length > 0 || offset > 0)
    {
      g_autofree char *range = length > 0
        ? g_strdup_printf ("bytes=%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, offset, offset + length - 1)
        : g_strdup_printf ("bytes=%" G_GINT64_FORMAT "-", offset);

      rs_http_request_set_header (request, "range", range);
    }
  rs_http_request_set_stream_response (request, length != 0);
  rs_s3_backend_send_async (backend, request, NULL, cancellable, opened, task);
}

GInputStream *
rs_s3_read_stream_open_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
