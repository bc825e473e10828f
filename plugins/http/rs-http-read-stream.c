/* rs-http-read-stream.c: a lazy, seekable ranged read of one object
 * version, for every plugin on the engine (RsHttpObjectSource says how
 * to ask for an object and how to read a refusal)
 *
 * Bytes come from a streamed ranged GET (the engine's body stream, with
 * back-pressure). A seek only moves the position; the next read that
 * finds the body elsewhere drops it and sends a new ranged GET with
 * If-Match on the ETag of the first answer, so one stream never mixes
 * two versions of the object. */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rs-http.h"

#define RS_TYPE_HTTP_READ_STREAM (rs_http_read_stream_get_type ())
G_DECLARE_FINAL_TYPE (RsHttpReadStream, rs_http_read_stream, RS, HTTP_READ_STREAM, GInputStream)

struct _RsHttpReadStream
{
  GInputStream parent_instance;

  const RsHttpObjectSource *source;
  GObject *owner;
  char *key;
  char *etag;                   /* as the server sent it, quotes included */
  gint64 start;                 /* object offset of position 0 */
  gint64 limit;                 /* bytes readable from start */
  gint64 position;
  GInputStream *body;
  gint64 body_position;
};

static void rs_http_read_stream_seekable_init (GSeekableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RsHttpReadStream, rs_http_read_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SEEKABLE, rs_http_read_stream_seekable_init))

static GError *
refusal (const RsHttpObjectSource *source,
         RsHttpResponse           *response)
{
  GError *error = source->response_error (response);

  if (error == NULL)
    error = g_error_new (RS_ERROR, RS_ERROR_FAILED, _("Unexpected HTTP status %u to a ranged read"),
                         rs_http_response_get_status (response));
  return error;
}

static RsHttpRequest *
range_request (RsHttpReadStream *self)
{
  RsHttpRequest *request = self->source->new_request (self->owner, self->key, "GET");
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
take_body (RsHttpReadStream  *self,
           RsHttpResponse    *response,
           GError           **error)
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
      g_propagate_error (error, refusal (self->source, response));
      return FALSE;
    }
  g_set_object (&self->body, rs_http_response_get_body_stream (response));
  self->body_position = self->position;
  return TRUE;
}

static gboolean
needs_body (RsHttpReadStream *self)
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
read_body (RsHttpReadStream  *self,
           void              *buffer,
           gsize              count,
           GCancellable      *cancellable,
           GError           **error)
{
  gssize n = g_input_stream_read (self->body, buffer, count, cancellable, error);

  if (n > 0)
    {
      self->position += n;
      self->body_position += n;
    }
  return n;
}

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* A synchronous read re-opens on a private main context (the GIO way of
 * running an async call to its end without the caller's loop). */
static RsHttpResponse *
send_sync (RsHttpReadStream  *self,
           RsHttpRequest     *request,
           GCancellable      *cancellable,
           GError           **error)
{
  GMainContext *context = g_main_context_new ();
  GAsyncResult *result = NULL;
  RsHttpResponse *response;

  g_main_context_push_thread_default (context);
  self->source->send_async (self->owner, request, cancellable, sync_done, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  response = self->source->send_finish (self->owner, result, error);
  g_object_unref (result);
  g_main_context_unref (context);
  return response;
}

static gssize
stream_read (GInputStream  *stream,
         void          *buffer,
         gsize          count,
         GCancellable  *cancellable,
         GError       **error)
{
  RsHttpReadStream *self = RS_HTTP_READ_STREAM (stream);

  if (self->position >= self->limit)
    return 0;
  count = MIN ((gint64) count, self->limit - self->position);
  if (needs_body (self))
    {
      g_autoptr(RsHttpRequest) request = range_request (self);
      g_autoptr(RsHttpResponse) response = send_sync (self, request, cancellable, error);

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
  RsHttpReadStream *self = g_task_get_source_object (task);
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
  RsHttpReadStream *self = g_task_get_source_object (task);
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
  RsHttpReadStream *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = self->source->send_finish (self->owner, result, &error);

  if (response == NULL || !take_body (self, response, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  start_body_read (task);
}

static void
stream_read_async (GInputStream        *stream,
               void                *buffer,
               gsize                count,
               int                  io_priority,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  RsHttpReadStream *self = RS_HTTP_READ_STREAM (stream);
  GTask *task = g_task_new (stream, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);

  g_task_set_source_tag (task, stream_read_async);
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

      self->source->send_async (self->owner, request, cancellable, reopened, task);
      return;
    }
  start_body_read (task);
}

static gssize
stream_read_finish (GInputStream  *stream,
                GAsyncResult  *result,
                GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static gboolean
stream_close (GInputStream  *stream,
          GCancellable  *cancellable,
          GError       **error)
{
  RsHttpReadStream *self = RS_HTTP_READ_STREAM (stream);

  if (self->body != NULL)
    g_input_stream_close (self->body, NULL, NULL);
  g_clear_object (&self->body);
  return TRUE;
}

static void
stream_close_async (GInputStream        *stream,
                int                  io_priority,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);

  /* Closing a body stream only asks the I/O thread to stop: never blocks. */
  stream_close (stream, cancellable, NULL);
  g_task_return_boolean (task, TRUE);
}

static gboolean
stream_close_finish (GInputStream  *stream,
                 GAsyncResult  *result,
                 GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static goffset
stream_tell (GSeekable *seekable)
{
  return RS_HTTP_READ_STREAM (seekable)->position;
}

static gboolean
stream_can_seek (GSeekable *seekable)
{
  return TRUE;
}

static gboolean
stream_seek (GSeekable     *seekable,
         goffset        offset,
         GSeekType      type,
         GCancellable  *cancellable,
         GError       **error)
{
  RsHttpReadStream *self = RS_HTTP_READ_STREAM (seekable);
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
stream_can_truncate (GSeekable *seekable)
{
  return FALSE;
}

static gboolean
stream_truncate (GSeekable     *seekable,
             goffset        offset,
             GCancellable  *cancellable,
             GError       **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Cannot truncate a read stream"));
  return FALSE;
}

static void
rs_http_read_stream_seekable_init (GSeekableIface *iface)
{
  iface->tell = stream_tell;
  iface->can_seek = stream_can_seek;
  iface->seek = stream_seek;
  iface->can_truncate = stream_can_truncate;
  iface->truncate_fn = stream_truncate;
}

static void
rs_http_read_stream_finalize (GObject *object)
{
  RsHttpReadStream *self = RS_HTTP_READ_STREAM (object);

  g_clear_object (&self->body);
  g_clear_object (&self->owner);
  g_free (self->key);
  g_free (self->etag);
  G_OBJECT_CLASS (rs_http_read_stream_parent_class)->finalize (object);
}

static void
rs_http_read_stream_class_init (RsHttpReadStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rs_http_read_stream_finalize;
  stream_class->read_fn = stream_read;
  stream_class->read_async = stream_read_async;
  stream_class->read_finish = stream_read_finish;
  stream_class->close_fn = stream_close;
  stream_class->close_async = stream_close_async;
  stream_class->close_finish = stream_close_finish;
}

static void
rs_http_read_stream_init (RsHttpReadStream *self)
{
}

/* ---- opening ------------------------------------------------------------- */

typedef struct
{
  const RsHttpObjectSource *source;
  GObject *owner;
  char *key;
  gint64 offset;
  gint64 length;
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *open = data;

  g_clear_object (&open->owner);
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
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = open->source->send_finish (open->owner, result, &error);
  RsHttpReadStream *self;
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
      g_task_return_error (task, refusal (open->source, response));
      return;
    }
  self = g_object_new (RS_TYPE_HTTP_READ_STREAM, NULL);
  self->source = open->source;
  self->owner = g_object_ref (open->owner);
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
rs_http_read_stream_open_async (const RsHttpObjectSource *source,
                                GObject                  *owner,
                                const char               *key,
                                gint64                    offset,
                                gint64                    length,
                                GCancellable             *cancellable,
                                GAsyncReadyCallback       callback,
                                gpointer                  user_data)
{
  GTask *task = g_task_new (owner, cancellable, callback, user_data);
  OpenData *open = g_new0 (OpenData, 1);
  g_autoptr(RsHttpRequest) request = source->new_request (owner, key, length == 0 ? "HEAD" : "GET");

  g_task_set_source_tag (task, rs_http_read_stream_open_async);
  open->source = source;
  open->owner = g_object_ref (owner);
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
  source->send_async (owner, request, cancellable, opened, task);
}

GInputStream *
rs_http_read_stream_open_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
