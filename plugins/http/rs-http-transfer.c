/* rs-http-transfer.c: one request through its attempts, on the I/O thread
 *
 * An attempt is one CURL easy handle in the engine's multi. When it ends
 * the transfer decides: deliver, retry after a backoff (transient failures
 * and 429/5xx, only while the body can be replayed and the policy's
 * attempts and deadline allow), or fail. A streamed body that breaks after
 * delivery resumes with Range + If-Match on the same ETag; a changed
 * object fails the read instead of splicing two versions. */
#include <glib/gi18n-lib.h>

#include "rs-http-engine-private.h"

#define RS_HTTP_ERROR_BODY_MAX (1024 * 1024)
#define RS_HTTP_READ_CHUNK (256 * 1024)

struct _RsHttpTransfer
{
  gint ref_count;
  RsHttpIo *io;
  RsHttpRequest *request;
  GTask *task;                  /* until the response is delivered */
  GCancellable *cancellable;
  gulong cancel_handler;
  gint64 started_us;
  guint attempt;
  CURL *easy;
  struct curl_slist *header_list;
  char error_text[CURL_ERROR_SIZE];
  GSource *retry;
  gboolean finished;

  /* the current attempt's response */
  guint status;
  GHashTable *headers;
  GByteArray *body;
  gboolean live;                /* this attempt's body goes to the stream */
  gboolean receive_paused;

  /* a delivered streamed body */
  RsHttpBodyStream *stream;
  char *etag;
  gint64 range_start;
  gint64 range_end;             /* inclusive; -1: open */
  gint64 received;

  /* the request body */
  gint64 sent;
  guint8 *chunk;
  gsize chunk_length;
  gsize chunk_offset;
  gboolean reading;
  gboolean read_eof;
  gboolean send_paused;
  gboolean consumed;
  GError *read_error;
};

static void attempt_start (RsHttpTransfer *self);

/* The URL without its query: a query may carry a signature or a SAS. */
static char *
url_for_log (RsHttpTransfer *self)
{
  const char *url = self->request->url;
  const char *query = strchr (url, '?');

  return query != NULL ? g_strndup (url, query - url) : g_strdup (url);
}

static RsHttpTransfer *
transfer_ref (RsHttpTransfer *self)
{
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
rs_http_transfer_unref (RsHttpTransfer *self)
{
  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_assert (self->easy == NULL);
  g_clear_object (&self->task);
  g_clear_object (&self->cancellable);
  rs_http_request_unref (self->request);
  g_clear_pointer (&self->headers, g_hash_table_unref);
  g_clear_pointer (&self->body, g_byte_array_unref);
  g_clear_object (&self->stream);
  g_free (self->etag);
  g_free (self->chunk);
  g_clear_error (&self->read_error);
  rs_http_io_unref (self->io);
  g_free (self);
}

/* Runs @func on the I/O thread with a reference to @self. */
static void
on_io (RsHttpTransfer *self,
       GSourceFunc     func)
{
  g_main_context_invoke_full (self->io->context, G_PRIORITY_DEFAULT, func, transfer_ref (self),
                              (GDestroyNotify) rs_http_transfer_unref);
}

static void
detach_easy (RsHttpTransfer *self)
{
  if (self->easy == NULL)
    return;
  curl_multi_remove_handle (self->io->multi, self->easy);
  curl_easy_cleanup (self->easy);
  self->easy = NULL;
  g_clear_pointer (&self->header_list, curl_slist_free_all);
}

/* The end of the transfer: exactly one of task / stream gets @error (or
 * the response), then the I/O thread forgets it. */
static void
finish (RsHttpTransfer *self,
        GError         *error)
{
  if (self->finished)
    {
      g_clear_error (&error);
      return;
    }
  self->finished = TRUE;
  detach_easy (self);
  if (self->retry != NULL)
    {
      g_source_destroy (self->retry);
      g_clear_pointer (&self->retry, g_source_unref);
    }
  if (self->cancel_handler != 0)
    {
      g_cancellable_disconnect (self->cancellable, self->cancel_handler);
      self->cancel_handler = 0;
    }
  if (self->task != NULL)
    {
      GTask *task = g_steal_pointer (&self->task);

      if (error != NULL)
        g_task_return_error (task, error);
      else
        {
          RsHttpResponse *response = rs_http_response_new (self->status, self->headers);

          response->body = g_byte_array_free_to_bytes (g_steal_pointer (&self->body));
          g_task_return_pointer (task, response, (GDestroyNotify) rs_http_response_unref);
        }
      g_object_unref (task);
    }
  else if (self->stream != NULL)
    rs_http_body_stream_finish (self->stream, error);
  else
    g_clear_error (&error);
  g_clear_object (&self->stream);
  if (g_hash_table_remove (self->io->active, self))
    rs_http_transfer_unref (self);
}

/* ---- errors and retry decisions ---------------------------------------- */

static gboolean
is_transient (CURLcode code)
{
  switch (code)
    {
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SEND_FAIL_REWIND:
      return TRUE;
    default:
      return FALSE;
    }
}

static GError *
transport_error (RsHttpTransfer *self,
                 CURLcode        code)
{
  const char *detail = self->error_text[0] != '\0' ? self->error_text : curl_easy_strerror (code);

  switch (code)
    {
    case CURLE_OPERATION_TIMEDOUT:
      return g_error_new (RS_ERROR, RS_ERROR_TIMED_OUT, _("The server did not answer in time: %s"), detail);
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
      return g_error_new (RS_ERROR, RS_ERROR_PERMISSION_DENIED, _("TLS verification failed: %s"), detail);
    case CURLE_ABORTED_BY_CALLBACK:
    case CURLE_READ_ERROR:
      if (self->read_error != NULL)
        return g_error_copy (self->read_error);
      G_GNUC_FALLTHROUGH;
    default:
      return g_error_new (RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE, _("The request failed: %s"), detail);
    }
}

static gboolean
status_is_transient (guint status)
{
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

/* Milliseconds a Retry-After header asks for, at most the policy's
 * longest delay. A date is taken relative to the response's own Date
 * (immune to a skewed local clock), else to the local clock. */
static guint
retry_after_ms (RsHttpTransfer *self)
{
  const char *value = self->headers != NULL ? g_hash_table_lookup (self->headers, "retry-after") : NULL;
  const char *date = self->headers != NULL ? g_hash_table_lookup (self->headers, "date") : NULL;
  g_autoptr(GDateTime) now = NULL;

  if (value == NULL)
    return 0;
  now = rs_http_parse_date (date);
  if (now == NULL)
    now = g_date_time_new_now_utc ();
  return rs_http_retry_after_ms (value, now, rs_retry_policy_get_max_delay_ms (self->io->options.retry));
}

static gboolean
retry_later (gpointer data)
{
  RsHttpTransfer *self = data;

  g_clear_pointer (&self->retry, g_source_unref);
  attempt_start (self);
  return G_SOURCE_REMOVE;
}

/* Schedules another attempt when the policy allows one. */
static gboolean
schedule_retry (RsHttpTransfer *self,
                guint           at_least_ms)
{
  const RsRetryPolicy *policy = self->io->options.retry;
  guint deadline = rs_retry_policy_get_deadline_ms (policy);
  guint delay;
  gint64 elapsed_ms;

  if (self->attempt >= rs_retry_policy_get_attempts (policy) || g_cancellable_is_cancelled (self->cancellable))
    return FALSE;
  delay = MAX (rs_retry_policy_get_delay_ms (policy, self->attempt), at_least_ms);
  elapsed_ms = (g_get_monotonic_time () - self->started_us) / 1000;
  if (deadline > 0 && elapsed_ms + delay >= deadline)
    return FALSE;
  {
    g_autofree char *url = url_for_log (self);

    g_debug ("rs-http: %s %s: attempt %u failed, retrying in %u ms",
             self->request->method, url, self->attempt, delay);
  }
  self->retry = g_timeout_source_new (delay);
  g_source_set_callback (self->retry, retry_later, self, NULL);
  g_source_attach (self->retry, self->io->context);
  return TRUE;
}

static gboolean
replayable (RsHttpTransfer *self)
{
  return self->request->body_stream == NULL || !self->consumed;
}

/* ---- libcurl callbacks -------------------------------------------------- */

static void
deliver_stream (RsHttpTransfer *self)
{
  RsHttpResponse *response = rs_http_response_new (self->status, self->headers);
  const char *range = g_hash_table_lookup (self->headers, "content-range");
  gint64 first, last;
  GTask *task = g_steal_pointer (&self->task);

  self->etag = g_strdup (g_hash_table_lookup (self->headers, "etag"));
  self->range_start = 0;
  self->range_end = -1;
  if (range != NULL && sscanf (range, "bytes %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, &first, &last) == 2)
    {
      self->range_start = first;
      self->range_end = last;
    }
  self->stream = RS_HTTP_BODY_STREAM (rs_http_body_stream_new (transfer_ref (self)));
  response->body_stream = g_object_ref (G_INPUT_STREAM (self->stream));
  if (self->cancel_handler != 0)
    {
      /* From now on the reader's cancellable governs. */
      g_cancellable_disconnect (self->cancellable, self->cancel_handler);
      self->cancel_handler = 0;
    }
  self->live = TRUE;
  g_task_return_pointer (task, response, (GDestroyNotify) rs_http_response_unref);
  g_object_unref (task);
}

static size_t
on_header (char   *data,
           size_t  size,
           size_t  count,
           void   *user_data)
{
  RsHttpTransfer *self = user_data;
  gsize length = size * count;
  g_autofree char *line = g_strndup (data, length);
  char *colon;

  g_strchomp (line);
  if (g_str_has_prefix (line, "HTTP/"))
    {
      /* A new status line (after 100 Continue or a redirect): start over. */
      const char *space = strchr (line, ' ');

      self->status = space != NULL ? (guint) g_ascii_strtoull (space + 1, NULL, 10) : 0;
      g_hash_table_remove_all (self->headers);
      return length;
    }
  if (line[0] == '\0')
    {
      if (self->status < 200 || !self->request->stream_response)
        return length;
      if (self->task != NULL && self->status >= 200 && self->status < 300)
        deliver_stream (self);
      else if (self->stream != NULL && self->status == 206)
        self->live = TRUE;
      return length;
    }
  colon = strchr (line, ':');
  if (colon != NULL)
    {
      *colon = '\0';
      g_hash_table_insert (self->headers, g_ascii_strdown (g_strstrip (line), -1),
                           g_strdup (g_strstrip (colon + 1)));
    }
  return length;
}

static size_t
on_body (char   *data,
         size_t  size,
         size_t  count,
         void   *user_data)
{
  RsHttpTransfer *self = user_data;
  gsize length = size * count;

  if (self->live)
    {
      if (!rs_http_body_stream_push (self->stream, data, length))
        {
          self->receive_paused = TRUE;
          return CURL_WRITEFUNC_PAUSE;
        }
      self->received += length;
      return length;
    }
  /* Error bodies are small XML; cap them rather than trust the server. */
  if (self->request->stream_response && self->body->len + length > RS_HTTP_ERROR_BODY_MAX)
    return length;
  g_byte_array_append (self->body, (const guint8 *) data, length);
  return length;
}

static void
chunk_read (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  RsHttpTransfer *self = data;
  GError *error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);

  self->reading = FALSE;
  if (n < 0)
    self->read_error = error;
  else if (n == 0)
    self->read_eof = TRUE;
  else
    {
      self->chunk_length = n;
      self->chunk_offset = 0;
    }
  if (self->easy != NULL && self->send_paused)
    {
      self->send_paused = FALSE;
      curl_easy_pause (self->easy, CURLPAUSE_CONT);
    }
  rs_http_transfer_unref (self);
}

static size_t
on_send (char   *out,
         size_t  size,
         size_t  count,
         void   *user_data)
{
  RsHttpTransfer *self = user_data;
  RsHttpRequest *request = self->request;
  gsize room = size * count;
  gsize n;

  if (request->body != NULL)
    {
      gsize total;
      const guint8 *bytes = g_bytes_get_data (request->body, &total);

      n = MIN (room, total - (gsize) self->sent);
      memcpy (out, bytes + self->sent, n);
      self->sent += n;
      return n;
    }
  if (request->body_stream == NULL)
    return 0;
  if (self->read_error != NULL)
    return CURL_READFUNC_ABORT;
  if (self->chunk_offset < self->chunk_length)
    {
      n = MIN (room, self->chunk_length - self->chunk_offset);
      memcpy (out, self->chunk + self->chunk_offset, n);
      self->chunk_offset += n;
      self->sent += n;
      self->consumed = TRUE;
      return n;
    }
  if (self->read_eof)
    return 0;
  if (!self->reading)
    {
      /* Never block the I/O thread on the source: read it asynchronously
       * (on this thread's context) and pause until the bytes are there. */
      if (self->chunk == NULL)
        self->chunk = g_malloc (RS_HTTP_READ_CHUNK);
      self->reading = TRUE;
      self->chunk_length = self->chunk_offset = 0;
      g_input_stream_read_async (request->body_stream, self->chunk, RS_HTTP_READ_CHUNK,
                                 G_PRIORITY_DEFAULT, self->cancellable, chunk_read, transfer_ref (self));
    }
  self->send_paused = TRUE;
  return CURL_READFUNC_PAUSE;
}

/* libcurl rewinds a body itself when a reused connection turns out dead. */
static int
on_seek (void       *user_data,
         curl_off_t  offset,
         int         origin)
{
  RsHttpTransfer *self = user_data;

  if (self->request->body == NULL || origin != SEEK_SET || offset < 0 ||
      (gsize) offset > g_bytes_get_size (self->request->body))
    return CURL_SEEKFUNC_CANTSEEK;
  self->sent = offset;
  return CURL_SEEKFUNC_OK;
}

/* ---- attempts ----------------------------------------------------------- */

static void
set_range_headers (RsHttpTransfer *self)
{
  g_autofree char *range = NULL;
  gint64 from = self->range_start + self->received;

  if (self->range_end >= 0)
    range = g_strdup_printf ("bytes=%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, from, self->range_end);
  else
    range = g_strdup_printf ("bytes=%" G_GINT64_FORMAT "-", from);
  rs_http_request_set_header (self->request, "range", range);
  rs_http_request_set_header (self->request, "if-match", self->etag);
}

static void
attempt_start (RsHttpTransfer *self)
{
  RsHttpRequest *request = self->request;
  const RsHttpOptions *options = &self->io->options;
  CURL *easy;

  self->attempt++;
  if (self->stream != NULL)
    set_range_headers (self);
  if (request->sign != NULL)
    request->sign (request, request->sign_data);

  self->status = 0;
  self->live = FALSE;
  self->receive_paused = self->send_paused = FALSE;
  self->sent = 0;
  self->error_text[0] = '\0';
  g_hash_table_remove_all (self->headers);
  g_byte_array_set_size (self->body, 0);

  easy = self->easy = curl_easy_init ();
  curl_easy_setopt (easy, CURLOPT_URL, request->url);
  curl_easy_setopt (easy, CURLOPT_PRIVATE, self);
  curl_easy_setopt (easy, CURLOPT_ERRORBUFFER, self->error_text);
  curl_easy_setopt (easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt (easy, CURLOPT_HEADERDATA, self);
  curl_easy_setopt (easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt (easy, CURLOPT_WRITEDATA, self);
  curl_easy_setopt (easy, CURLOPT_BUFFERSIZE, 256L * 1024);
  curl_easy_setopt (easy, CURLOPT_UPLOAD_BUFFERSIZE, 1024L * 1024);
  curl_easy_setopt (easy, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt (easy, CURLOPT_TCP_KEEPALIVE, 1L);
  if (options->connect_timeout_ms > 0)
    curl_easy_setopt (easy, CURLOPT_CONNECTTIMEOUT_MS, (long) options->connect_timeout_ms);
  if (options->idle_timeout_ms > 0)
    {
      curl_easy_setopt (easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
      curl_easy_setopt (easy, CURLOPT_LOW_SPEED_TIME, (long) MAX (1u, options->idle_timeout_ms / 1000));
    }
  if (options->total_timeout_ms > 0)
    curl_easy_setopt (easy, CURLOPT_TIMEOUT_MS, (long) options->total_timeout_ms);
  if (options->ca_file != NULL)
    curl_easy_setopt (easy, CURLOPT_CAINFO, options->ca_file);
  if (options->insecure)
    {
      curl_easy_setopt (easy, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt (easy, CURLOPT_SSL_VERIFYHOST, 0L);
    }

  if (strcmp (request->method, "HEAD") == 0)
    curl_easy_setopt (easy, CURLOPT_NOBODY, 1L);
  else if (strcmp (request->method, "GET") == 0)
    curl_easy_setopt (easy, CURLOPT_HTTPGET, 1L);
  else if (request->body != NULL || request->body_stream != NULL ||
           strcmp (request->method, "PUT") == 0 || strcmp (request->method, "POST") == 0)
    {
      curl_easy_setopt (easy, CURLOPT_UPLOAD, 1L);
      curl_easy_setopt (easy, CURLOPT_READFUNCTION, on_send);
      curl_easy_setopt (easy, CURLOPT_READDATA, self);
      curl_easy_setopt (easy, CURLOPT_SEEKFUNCTION, on_seek);
      curl_easy_setopt (easy, CURLOPT_SEEKDATA, self);
      curl_easy_setopt (easy, CURLOPT_INFILESIZE_LARGE,
                        (curl_off_t) (request->body != NULL || request->body_stream != NULL
                                      ? request->body_length : 0));
      curl_easy_setopt (easy, CURLOPT_CUSTOMREQUEST, request->method);
    }
  else
    curl_easy_setopt (easy, CURLOPT_CUSTOMREQUEST, request->method);

  /* No "Expect: 100-continue" round trip; the caller's headers verbatim. */
  self->header_list = curl_slist_append (NULL, "Expect:");
  for (guint i = 0; i < request->headers->len; i += 2)
    {
      const char *value = request->headers->pdata[i + 1];
      g_autofree char *line = value[0] != '\0'
        ? g_strdup_printf ("%s: %s", (char *) request->headers->pdata[i], value)
        : g_strdup_printf ("%s;", (char *) request->headers->pdata[i]);

      self->header_list = curl_slist_append (self->header_list, line);
    }
  curl_easy_setopt (easy, CURLOPT_HTTPHEADER, self->header_list);
  curl_multi_add_handle (self->io->multi, easy);
}

void
rs_http_transfer_done (RsHttpTransfer *self,
                       CURLcode        code)
{
  gboolean resuming = self->stream != NULL;
  g_autofree char *url = url_for_log (self);

  g_debug ("rs-http: %s %s: attempt %u ended: %s, HTTP %u", self->request->method, url,
           self->attempt, curl_easy_strerror (code), self->status);
  detach_easy (self);
  if (code != CURLE_OK)
    {
      if (is_transient (code) && (resuming ? self->etag != NULL : replayable (self)) &&
          schedule_retry (self, 0))
        return;
      finish (self, transport_error (self, code));
      return;
    }
  if (resuming)
    {
      if (self->live)
        finish (self, NULL);
      else if (self->status == 412)
        finish (self, g_error_new_literal (RS_ERROR, RS_ERROR_PRECONDITION_FAILED,
                                           _("The object changed while it was being read")));
      else if (status_is_transient (self->status) && schedule_retry (self, retry_after_ms (self)))
        return;
      else
        finish (self, g_error_new (RS_ERROR, rs_http_status_to_error (self->status),
                                   _("Resuming the read failed with HTTP status %u"), self->status));
      return;
    }
  if (status_is_transient (self->status) && replayable (self) && schedule_retry (self, retry_after_ms (self)))
    return;
  finish (self, NULL);
}

/* ---- entry points (any thread) ------------------------------------------ */

static gboolean
start_on_io (gpointer data)
{
  RsHttpTransfer *self = data;

  if (self->finished)
    return G_SOURCE_REMOVE;
  g_hash_table_add (self->io->active, transfer_ref (self));
  self->started_us = g_get_monotonic_time ();
  attempt_start (self);
  return G_SOURCE_REMOVE;
}

static gboolean
cancel_on_io (gpointer data)
{
  RsHttpTransfer *self = data;

  if (self->task != NULL)
    finish (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled")));
  return G_SOURCE_REMOVE;
}

static void
cancelled (GCancellable *cancellable,
           gpointer      data)
{
  on_io (data, cancel_on_io);
}

void
rs_http_transfer_submit (RsHttpIo      *io,
                         RsHttpRequest *request,
                         GTask         *task)
{
  RsHttpTransfer *self = g_new0 (RsHttpTransfer, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  self->ref_count = 1;
  self->io = rs_http_io_ref (io);
  self->request = rs_http_request_ref (request);
  self->task = task;
  self->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->body = g_byte_array_new ();
  if (cancellable != NULL)
    {
      self->cancellable = g_object_ref (cancellable);
      self->cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (cancelled),
                                                    transfer_ref (self),
                                                    (GDestroyNotify) rs_http_transfer_unref);
    }
  on_io (self, start_on_io);
  rs_http_transfer_unref (self);
}

static gboolean
unpause_on_io (gpointer data)
{
  RsHttpTransfer *self = data;

  if (self->easy != NULL && self->receive_paused)
    {
      self->receive_paused = FALSE;
      curl_easy_pause (self->easy, CURLPAUSE_CONT);
    }
  return G_SOURCE_REMOVE;
}

void
rs_http_transfer_unpause (RsHttpTransfer *self)
{
  on_io (self, unpause_on_io);
}

static gboolean
abort_on_io (gpointer data)
{
  RsHttpTransfer *self = data;

  /* The reader is gone: nobody is told. */
  g_clear_object (&self->stream);
  finish (self, NULL);
  return G_SOURCE_REMOVE;
}

void
rs_http_transfer_abort (RsHttpTransfer *self)
{
  on_io (self, abort_on_io);
}

void
rs_http_transfer_fail_all (RsHttpIo *io)
{
  GList *transfers = g_hash_table_get_keys (io->active);

  for (GList *l = transfers; l != NULL; l = l->next)
    finish (l->data, g_error_new_literal (RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE,
                                          _("The HTTP engine is closed")));
  g_list_free (transfers);
}
