/* rs-s3-writer.c: a pending S3 write: one PUT, or a multipart upload
 *
 * Bytes fill a part buffer. A write that fits in one part is a single
 * PutObject at commit. Once a part is full the writer starts a multipart
 * upload and sends parts in parallel (up to the backend's concurrency; a
 * write waits while that many are in flight and one more is queued, so
 * memory stays at (concurrency + 2) parts whatever the size). Commit
 * completes the upload; any failure, or an abort, ends with
 * AbortMultipartUpload, so nothing of a failed write remains. Create-only
 * writes send If-None-Match: * (backend option create-only=native). */
#include <glib/gi18n-lib.h>

#include "rs-s3-writer.h"
#include "rs-s3-metadata.h"
#include "rs-s3-xml.h"

typedef struct
{
  guint number;
  GBytes *data;
} Part;

struct _RsS3Writer
{
  RsBackendWriter parent_instance;

  RsS3Backend *backend;
  gboolean create_only;
  gboolean conditioned;         /* the last PUT/complete carried If-None-Match */
  gboolean core_may_skip;       /* EXCLUSIVE_CREATE was declared at open */
  GHashTable *metadata;
  GByteArray *current;
  gint64 total;

  char *upload_id;
  gboolean initiating;
  gboolean aborting;            /* an AbortMultipartUpload is on its way */
  GQueue queued;                /* Part */
  guint next_number;
  guint in_flight;
  GPtrArray *etags;             /* index: part number - 1 */
  GError *failure;
  GCancellable *cancellable;    /* stops part uploads on abort */

  GTask *waiting_write;
  gssize waiting_taken;
  GTask *waiting_commit;
  GTask *waiting_abort;
};

G_DEFINE_FINAL_TYPE (RsS3Writer, rs_s3_writer, RS_TYPE_BACKEND_WRITER)

static const char *
key_of (RsS3Writer *self)
{
  return rs_backend_writer_get_key (RS_BACKEND_WRITER (self));
}

static void pump (RsS3Writer *self);

static void
fail (RsS3Writer *self,
      GError     *error)
{
  if (self->failure == NULL)
    self->failure = error;
  else
    g_error_free (error);
}

static void
part_free (Part *part)
{
  g_bytes_unref (part->data);
  g_free (part);
}

static void
queue_current (RsS3Writer *self)
{
  Part *part = g_new0 (Part, 1);

  part->number = ++self->next_number;
  part->data = g_byte_array_free_to_bytes (g_steal_pointer (&self->current));
  g_queue_push_tail (&self->queued, part);
  self->current = g_byte_array_sized_new (MIN (rs_s3_backend_get_part_size (self->backend), 1024 * 1024));
}

static void
set_create_only (RsS3Writer    *self,
                 RsHttpRequest *request)
{
  self->conditioned = self->create_only && rs_s3_backend_get_create_only_native (self->backend);
  if (self->conditioned)
    rs_http_request_set_header (request, "if-none-match", "*");
}

/* ---- a server without conditional writes ---------------------------------- */

typedef void (*GuardedSend) (RsS3Writer *self, gboolean exists, gpointer data);

typedef struct
{
  RsS3Writer *self;
  GuardedSend then;
  gpointer data;
} Guard;

static void
guard_statted (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Guard *guard = user_data;
  g_autoptr(RsEntry) entry = RS_BACKEND_GET_CLASS (source)->stat_key_finish (RS_BACKEND (source), result, NULL);

  guard->then (guard->self, entry != NULL && RS_IS_FILE_INFO (entry), guard->data);
  g_object_unref (guard->self);
  g_free (guard);
}

/* The server answered 501 to If-None-Match: *. If the core may have left
 * the existence check to it (EXCLUSIVE_CREATE, now withdrawn, was
 * declared when the write opened), look once before sending again
 * without the condition; otherwise the core has just looked. */
static void
guard_create_only (RsS3Writer  *self,
                   GuardedSend  then,
                   gpointer     data)
{
  RsBackend *backend = RS_BACKEND (self->backend);
  Guard *guard;

  if (!self->core_may_skip)
    {
      then (self, FALSE, data);
      return;
    }
  guard = g_new0 (Guard, 1);

  guard->self = g_object_ref (self);
  guard->then = then;
  guard->data = data;
  RS_BACKEND_GET_CLASS (backend)->stat_key_async (backend, key_of (self), G_PRIORITY_DEFAULT, NULL,
                                                  guard_statted, guard);
}

static GError *
exists_error (void)
{
  return g_error_new_literal (RS_ERROR, RS_ERROR_ALREADY_EXISTS, _("File exists"));
}

static GError *
write_error (RsHttpResponse *response)
{
  if (rs_http_response_get_status (response) == 412)
    return exists_error ();
  return rs_s3_backend_check (response);
}

static RsWriteResult *
result_from (RsS3Writer     *self,
             RsHttpResponse *response,
             const char     *etag)
{
  RsWriteResult *result = rs_write_result_new (key_of (self), self->total, RS_RESULT_SOURCE_NATIVE);
  g_autofree char *unquoted = rs_s3_unquote_etag (etag);
  g_autoptr(GDateTime) modified = rs_http_parse_date (rs_http_response_get_header (response, "last-modified"));

  rs_write_result_set_etag (result, unquoted);
  rs_write_result_set_version_id (result, rs_http_response_get_header (response, "x-amz-version-id"));
  rs_write_result_set_last_modified (result, modified);
  rs_write_result_set_metadata (result, self->metadata);
  return result;
}

/* ---- multipart ------------------------------------------------------------ */

static char *
upload_query (RsS3Writer *self,
              guint       number)
{
  g_autofree char *id = rs_http_uri_encode (self->upload_id, FALSE);

  if (number > 0)
    return g_strdup_printf ("partNumber=%u&uploadId=%s", number, id);
  return g_strdup_printf ("uploadId=%s", id);
}

static void
initiated (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  RsS3Writer *self = data;
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (self->backend, result, &error);
  g_autoptr(RsS3Xml) xml = NULL;

  self->initiating = FALSE;
  if (response != NULL && (error = rs_s3_backend_check (response)) == NULL)
    {
      GBytes *body = rs_http_response_get_body (response);

      xml = rs_s3_xml_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL, NULL);
      if (xml != NULL && rs_s3_xml_get (xml, "UploadId") != NULL)
        self->upload_id = g_strdup (rs_s3_xml_get (xml, "UploadId"));
      else
        error = g_error_new_literal (RS_ERROR, RS_ERROR_FAILED, _("The server started no multipart upload"));
    }
  if (error != NULL)
    fail (self, error);
  pump (self);
  g_object_unref (self);
}

static void
initiate (RsS3Writer *self)
{
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (self->backend, "POST", key_of (self), "uploads=");

  self->initiating = TRUE;
  rs_s3_metadata_to_request (self->metadata, request);
  rs_s3_backend_send_async (self->backend, request, NULL, self->cancellable, initiated, g_object_ref (self));
}

typedef struct
{
  RsS3Writer *writer;
  guint number;
} PartCall;

static void
part_sent (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  PartCall *call = data;
  RsS3Writer *self = call->writer;
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (self->backend, result, &error);

  self->in_flight--;
  if (response != NULL && (error = rs_s3_backend_check (response)) == NULL)
    {
      const char *etag = rs_http_response_get_header (response, "etag");

      if (etag == NULL)
        error = g_error_new (RS_ERROR, RS_ERROR_FAILED, _("Part %u was stored without an ETag"), call->number);
      else
        {
          if (self->etags->len < call->number)
            g_ptr_array_set_size (self->etags, call->number);
          g_free (self->etags->pdata[call->number - 1]);
          self->etags->pdata[call->number - 1] = g_strdup (etag);
        }
    }
  if (error != NULL)
    fail (self, error);
  pump (self);
  g_object_unref (self);
  g_free (call);
}

static void
send_part (RsS3Writer *self,
           Part       *part)
{
  g_autofree char *query = upload_query (self, part->number);
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (self->backend, "PUT", key_of (self), query);
  PartCall *call = g_new0 (PartCall, 1);

  call->writer = g_object_ref (self);
  call->number = part->number;
  self->in_flight++;
  rs_s3_backend_send_object_data_async (self->backend, request, part->data, self->cancellable, part_sent, call);
  part_free (part);
}

static void complete (RsS3Writer *self);
static gboolean refused_condition (RsS3Writer *self, RsHttpResponse *response);

static void
complete_guarded (RsS3Writer *self,
                  gboolean    exists,
                  gpointer    data)
{
  if (!exists)
    {
      complete (self);
      return;
    }
  /* Not completed: abort, then report. */
  fail (self, exists_error ());
  pump (self);
}

static void
completed (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  RsS3Writer *self = data;
  GTask *task = g_steal_pointer (&self->waiting_commit);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (self->backend, result, &error);

  if (response != NULL && refused_condition (self, response))
    {
      self->waiting_commit = task;
      guard_create_only (self, complete_guarded, NULL);
      g_object_unref (self);
      return;
    }
  if (response != NULL && (error = write_error (response)) == NULL)
    {
      GBytes *body = rs_http_response_get_body (response);
      g_autoptr(RsS3Xml) xml = rs_s3_xml_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL, NULL);

      g_task_return_pointer (task, result_from (self, response, xml != NULL ? rs_s3_xml_get (xml, "ETag") : NULL),
                             g_object_unref);
      g_clear_pointer (&self->upload_id, g_free);
      g_object_unref (task);
      g_object_unref (self);
      return;
    }
  /* Not completed: abort, then report. */
  fail (self, error);
  self->waiting_commit = task;
  pump (self);
  g_object_unref (self);
}

static void
complete (RsS3Writer *self)
{
  g_autofree char *query = upload_query (self, 0);
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (self->backend, "POST", key_of (self), query);
  GString *xml = g_string_new ("<CompleteMultipartUpload>");
  g_autoptr(GBytes) body = NULL;

  for (guint i = 0; i < self->etags->len; i++)
    {
      g_autofree char *etag = rs_s3_xml_escape (self->etags->pdata[i]);

      g_string_append_printf (xml, "<Part><PartNumber>%u</PartNumber><ETag>%s</ETag></Part>", i + 1, etag);
    }
  g_string_append (xml, "</CompleteMultipartUpload>");
  body = g_string_free_to_bytes (xml);
  set_create_only (self, request);
  rs_http_request_set_header (request, "content-type", "application/xml");
  rs_s3_backend_send_async (self->backend, request, body, NULL, completed, g_object_ref (self));
}

static void
aborted (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  RsS3Writer *self = data;
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (self->backend, result, &error);

  if (response != NULL && rs_http_response_get_status (response) != 404)
    error = rs_s3_backend_check (response);
  if (error != NULL)
    g_debug ("rs-s3: aborting the upload of %s failed: %s", key_of (self), error->message);
  g_clear_error (&error);
  g_clear_pointer (&self->upload_id, g_free);
  self->aborting = FALSE;
  pump (self);
  g_object_unref (self);
}

static void
send_abort (RsS3Writer *self)
{
  g_autofree char *query = upload_query (self, 0);
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (self->backend, "DELETE", key_of (self), query);

  self->aborting = TRUE;
  rs_s3_backend_send_async (self->backend, request, NULL, NULL, aborted, g_object_ref (self));
}

/* Moves the state machine: start parts, release waiters, finish. */
static void
pump (RsS3Writer *self)
{
  gboolean ending = self->failure != NULL || self->waiting_abort != NULL;

  if (self->initiating || self->aborting)
    return;                     /* the answer will pump again */
  if (!ending)
    {
      if (!g_queue_is_empty (&self->queued) && self->upload_id == NULL)
        {
          initiate (self);
          return;
        }
      while (!g_queue_is_empty (&self->queued) && self->in_flight < rs_s3_backend_get_concurrency (self->backend))
        send_part (self, g_queue_pop_head (&self->queued));
    }
  if (self->waiting_write != NULL && (ending || g_queue_is_empty (&self->queued)))
    {
      GTask *task = g_steal_pointer (&self->waiting_write);

      if (self->failure != NULL)
        g_task_return_error (task, g_error_copy (self->failure));
      else
        g_task_return_int (task, self->waiting_taken);
      g_object_unref (task);
    }
  if (self->in_flight > 0)
    return;
  if (ending)
    {
      g_queue_clear_full (&self->queued, (GDestroyNotify) part_free);
      if (self->upload_id != NULL)
        {
          send_abort (self);
          return;
        }
      if (self->waiting_commit != NULL)
        {
          GTask *task = g_steal_pointer (&self->waiting_commit);

          g_task_return_error (task, g_error_copy (self->failure));
          g_object_unref (task);
        }
      if (self->waiting_abort != NULL)
        {
          GTask *task = g_steal_pointer (&self->waiting_abort);

          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
        }
      return;
    }
  if (self->waiting_commit != NULL && g_queue_is_empty (&self->queued) && self->upload_id != NULL)
    complete (self);
}

/* ---- the writer vfuncs ------------------------------------------------------- */

static void
s3_write_async (RsBackendWriter     *writer,
                const void          *buffer,
                gsize                count,
                int                  io_priority,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  RsS3Writer *self = RS_S3_WRITER (writer);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  gsize part_size = rs_s3_backend_get_part_size (self->backend);
  gsize taken;

  g_task_set_source_tag (task, s3_write_async);
  if (self->failure != NULL)
    {
      g_task_return_error (task, g_error_copy (self->failure));
      g_object_unref (task);
      return;
    }
  taken = MIN (count, part_size - self->current->len);
  g_byte_array_append (self->current, buffer, taken);
  self->total += taken;
  if (self->current->len >= part_size)
    queue_current (self);
  self->waiting_taken = taken;
  self->waiting_write = task;
  pump (self);
}

static gssize
s3_write_finish (RsBackendWriter  *writer,
                 GAsyncResult     *result,
                 GError          **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static void send_put (RsS3Writer *self, GBytes *body, GTask *task);

/* A 501 to a request that carried If-None-Match: the server has no
 * conditional writes. */
static gboolean
refused_condition (RsS3Writer     *self,
                   RsHttpResponse *response)
{
  if (rs_http_response_get_status (response) != 501 || !self->conditioned)
    return FALSE;
  rs_s3_backend_refuse_create_only_native (self->backend);
  return TRUE;
}

static void
put_guarded (RsS3Writer *self,
             gboolean    exists,
             gpointer    data)
{
  GTask *task = data;

  if (!exists)
    {
      send_put (self, g_task_get_task_data (task), task);
      return;
    }
  g_task_return_error (task, exists_error ());
  g_object_unref (task);
}

static void
put_done (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GTask) task = data;
  RsS3Writer *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (self->backend, result, &error);

  if (response != NULL && refused_condition (self, response))
    {
      guard_create_only (self, put_guarded, g_steal_pointer (&task));
      return;
    }
  if (response != NULL)
    error = write_error (response);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result_from (self, response, rs_http_response_get_header (response, "etag")),
                           g_object_unref);
}

static void
send_put (RsS3Writer *self,
          GBytes     *body,
          GTask      *task)
{
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (self->backend, "PUT", key_of (self), NULL);

  rs_s3_metadata_to_request (self->metadata, request);
  set_create_only (self, request);
  rs_s3_backend_send_object_data_async (self->backend, request, body, NULL, put_done, task);
}

static void
s3_commit_async (RsBackendWriter     *writer,
                 int                  io_priority,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  RsS3Writer *self = RS_S3_WRITER (writer);
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, s3_commit_async);
  if (self->next_number == 0 && self->failure == NULL)
    {
      /* It all fits in one part: one PutObject. */
      g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&self->current));

      self->current = g_byte_array_new ();
      g_task_set_task_data (task, g_bytes_ref (body), (GDestroyNotify) g_bytes_unref);
      send_put (self, body, task);
      return;
    }
  if (self->current->len > 0)
    queue_current (self);
  self->waiting_commit = task;
  pump (self);
}

static RsWriteResult *
s3_commit_finish (RsBackendWriter  *writer,
                  GAsyncResult     *result,
                  GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
s3_abort_async (RsBackendWriter     *writer,
                int                  io_priority,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  RsS3Writer *self = RS_S3_WRITER (writer);
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, s3_abort_async);
  g_cancellable_cancel (self->cancellable);
  fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The write was aborted")));
  self->waiting_abort = task;
  pump (self);
}

static gboolean
s3_abort_finish (RsBackendWriter  *writer,
                 GAsyncResult     *result,
                 GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
rs_s3_writer_finalize (GObject *object)
{
  RsS3Writer *self = RS_S3_WRITER (object);

  g_clear_object (&self->backend);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_clear_pointer (&self->current, g_byte_array_unref);
  g_free (self->upload_id);
  g_queue_clear_full (&self->queued, (GDestroyNotify) part_free);
  g_ptr_array_unref (self->etags);
  g_clear_error (&self->failure);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (rs_s3_writer_parent_class)->finalize (object);
}

static void
rs_s3_writer_class_init (RsS3WriterClass *klass)
{
  RsBackendWriterClass *writer_class = RS_BACKEND_WRITER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rs_s3_writer_finalize;
  writer_class->write_async = s3_write_async;
  writer_class->write_finish = s3_write_finish;
  writer_class->commit_async = s3_commit_async;
  writer_class->commit_finish = s3_commit_finish;
  writer_class->abort_async = s3_abort_async;
  writer_class->abort_finish = s3_abort_finish;
}

static void
rs_s3_writer_init (RsS3Writer *self)
{
  g_queue_init (&self->queued);
  self->etags = g_ptr_array_new_with_free_func (g_free);
  self->current = g_byte_array_new ();
  self->cancellable = g_cancellable_new ();
}

RsBackendWriter *
rs_s3_writer_new (RsS3Backend  *backend,
                  const char   *key,
                  RsWriteFlags  flags,
                  GHashTable   *metadata)
{
  RsS3Writer *self = g_object_new (RS_TYPE_S3_WRITER, "backend", backend, "key", key, NULL);

  self->backend = g_object_ref (backend);
  self->create_only = (flags & RS_WRITE_OVERWRITE) == 0;
  self->core_may_skip = (rs_backend_get_facts (RS_BACKEND (backend)) & RS_BACKEND_FACTS_EXCLUSIVE_CREATE) != 0;
  if (metadata != NULL)
    self->metadata = g_hash_table_ref (metadata);
  return RS_BACKEND_WRITER (self);
}
