/* rs-azure-writer.c: a pending block blob write
 *
 * Bytes fill a block of block-size bytes. A write that fits in one block
 * is committed with a single Put Blob. A larger one stages each full
 * block with Put Block as soon as it fills, up to `concurrency` blocks in
 * flight (a write waits for a free slot, so memory stays at most
 * (concurrency + 1) blocks whatever the size), and commit sends the last
 * block and then Put Block List. Staged blocks are invisible until that
 * list commits, so an aborted or failed write leaves the blob as it was;
 * the service drops uncommitted blocks by itself. Create-only writes send
 * If-None-Match: * with the committing request: the service refuses
 * atomically when the blob appeared meanwhile. Every request body is a
 * GBytes, so the engine may retry each one.
 */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rs-azure-metadata.h"
#include "rs-azure-writer.h"

typedef enum { WAIT_NONE, WAIT_WRITE, WAIT_COMMIT } WaitKind;

struct _RsAzureWriter
{
  RsBackendWriter parent_instance;

  RsAzureClient *client;
  gsize block_size;
  guint concurrency;
  gboolean create_only;
  GHashTable *metadata;

  GByteArray *buffer;
  gint64 total;
  GPtrArray *block_ids;
  guint in_flight;
  GError *error;              /* the first failed block */
  GCancellable *blocks_cancel;
  GTask *waiting;
  WaitKind wait_kind;
  gssize wait_taken;
};

G_DEFINE_FINAL_TYPE (RsAzureWriter, rs_azure_writer, RS_TYPE_BACKEND_WRITER)

static void
add_metadata_headers (RsHttpRequest *request,
                      GHashTable    *metadata)
{
  g_autoptr(GPtrArray) lines = rs_azure_metadata_headers (metadata);

  for (guint i = 0; i + 1 < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *colon = strchr (line, ':');
      g_autofree char *name = g_strndup (line, colon - line);

      rs_http_request_set_header (request, name, colon + 2);
    }
}

RsHttpRequest *
rs_azure_put_blob_request (RsAzureClient *client,
                           const char    *key,
                           GBytes        *body,
                           gint64         length,
                           gboolean       create_only,
                           GHashTable    *metadata)
{
  RsHttpRequest *request = rs_azure_client_request (client, "PUT", key, NULL, length);

  rs_http_request_set_header (request, "x-ms-blob-type", "BlockBlob");
  add_metadata_headers (request, metadata);
  if (create_only)
    rs_http_request_set_header (request, "if-none-match", "*");
  if (body != NULL)
    rs_http_request_set_body (request, body);
  return request;
}

RsBackendWriter *
rs_azure_writer_new (RsAzureBackend *backend,
                     const char     *key,
                     RsWriteFlags    flags,
                     GHashTable     *metadata)
{
  RsAzureWriter *self = g_object_new (RS_TYPE_AZURE_WRITER, "backend", backend, "key", key, NULL);

  self->client = rs_azure_client_ref (rs_azure_backend_get_client (backend));
  self->block_size = rs_azure_backend_get_block_size (backend);
  self->concurrency = rs_azure_backend_get_concurrency (backend);
  self->create_only = !(flags & RS_WRITE_OVERWRITE);
  self->metadata = metadata != NULL ? g_hash_table_ref (metadata) : NULL;
  self->buffer = g_byte_array_sized_new (MIN (self->block_size, 64 * 1024));
  return RS_BACKEND_WRITER (self);
}

static const char *
key_of (RsAzureWriter *self)
{
  return rs_backend_writer_get_key (RS_BACKEND_WRITER (self));
}

/* ---- staged blocks -------------------------------------------------------- */

static void resume_waiting (RsAzureWriter *self);

static void
block_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RsAzureWriter *self = user_data;
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_azure_client_send_finish (self->client, result, &error);

  self->in_flight--;
  if (response != NULL && rs_http_response_get_status (response) >= 300)
    error = rs_azure_response_error (response);
  if (error != NULL && self->error == NULL)
    self->error = error;
  else
    g_clear_error (&error);
  resume_waiting (self);
  g_object_unref (self);
}

static void
start_block (RsAzureWriter *self)
{
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (self->buffer);
  /* Block ids: base64 of a fixed-width index (all ids of a blob must be
   * the same length). */
  g_autofree char *raw = g_strdup_printf ("rs-%08u", self->block_ids->len);
  char *id = g_base64_encode ((const guchar *) raw, strlen (raw));
  g_autofree char *encoded = rs_http_uri_encode (id, FALSE);
  g_autofree char *query = g_strdup_printf ("comp=block&blockid=%s", encoded);
  g_autoptr(RsHttpRequest) request =
    rs_azure_client_request (self->client, "PUT", key_of (self), query, g_bytes_get_size (body));

  self->buffer = g_byte_array_sized_new (self->block_size);
  g_ptr_array_add (self->block_ids, id);
  rs_http_request_set_body (request, body);
  self->in_flight++;
  rs_azure_client_send_async (self->client, request, TRUE, self->blocks_cancel, block_done,
                              g_object_ref (self));
}

/* ---- write ------------------------------------------------------------------ */

static void
azure_writer_write_async (RsBackendWriter     *writer,
                          const void          *buffer,
                          gsize                count,
                          int                  io_priority,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  RsAzureWriter *self = RS_AZURE_WRITER (writer);
  g_autoptr(GTask) task = g_task_new (writer, cancellable, callback, user_data);
  gsize take;

  g_task_set_source_tag (task, azure_writer_write_async);
  if (self->error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->error));
      return;
    }
  take = MIN (count, self->block_size - self->buffer->len);
  take = MIN (take, (gsize) G_MAXSSIZE);
  g_byte_array_append (self->buffer, buffer, take);
  self->total += take;
  if (self->buffer->len < self->block_size)
    {
      g_task_return_int (task, take);
      return;
    }
  if (self->in_flight < self->concurrency)
    {
      start_block (self);
      g_task_return_int (task, take);
      return;
    }
  /* Every slot is busy: the bytes are taken, the caller waits for one. */
  self->waiting = g_steal_pointer (&task);
  self->wait_kind = WAIT_WRITE;
  self->wait_taken = take;
}

static gssize
azure_writer_write_finish (RsBackendWriter  *writer,
                           GAsyncResult     *result,
                           GError          **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

/* ---- commit ------------------------------------------------------------------ */

static void
commit_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  RsAzureWriter *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_azure_client_send_finish (self->client, result, &error);
  guint status;

  if (response == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  status = rs_http_response_get_status (response);
  if (status >= 200 && status < 300)
    g_task_return_pointer (task,
                           rs_azure_write_result_from_response (key_of (self), self->total, self->metadata,
                                                                response),
                           g_object_unref);
  else
    {
      error = rs_azure_response_error (response);
      /* If-None-Match: * met a blob that appeared meanwhile. */
      if (self->create_only && status == 412)
        error->code = RS_ERROR_ALREADY_EXISTS;
      g_task_return_error (task, error);
    }
  g_object_unref (task);
}

static GBytes *
block_list_body (RsAzureWriter *self)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");

  for (guint i = 0; i < self->block_ids->len; i++)
    g_string_append_printf (xml, "<Latest>%s</Latest>", (char *) g_ptr_array_index (self->block_ids, i));
  g_string_append (xml, "</BlockList>");
  return g_string_free_to_bytes (xml);
}

static void
commit_staged (RsAzureWriter *self,
               GTask         *task)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(RsHttpRequest) request = NULL;

  if (self->error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->error));
      g_object_unref (task);
      return;
    }
  body = block_list_body (self);
  request = rs_azure_client_request (self->client, "PUT", key_of (self), "comp=blocklist",
                                     g_bytes_get_size (body));
  rs_http_request_set_header (request, "content-type", "application/xml");
  add_metadata_headers (request, self->metadata);
  if (self->create_only)
    rs_http_request_set_header (request, "if-none-match", "*");
  rs_http_request_set_body (request, body);
  rs_azure_client_send_async (self->client, request, FALSE, g_task_get_cancellable (task), commit_done, task);
}

static void
azure_writer_commit_async (RsBackendWriter     *writer,
                           int                  io_priority,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  RsAzureWriter *self = RS_AZURE_WRITER (writer);
  GTask *task = g_task_new (writer, cancellable, callback, user_data);

  g_task_set_source_tag (task, azure_writer_commit_async);
  g_task_set_check_cancellable (task, FALSE);
  if (self->error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->error));
      g_object_unref (task);
      return;
    }
  if (self->block_ids->len == 0)
    {
      /* It all fits in one block: one Put Blob. */
      g_autoptr(GBytes) body = g_byte_array_free_to_bytes (self->buffer);
      g_autoptr(RsHttpRequest) request =
        rs_azure_put_blob_request (self->client, key_of (self), body, g_bytes_get_size (body),
                                   self->create_only, self->metadata);

      self->buffer = g_byte_array_new ();
      rs_azure_client_send_async (self->client, request, TRUE, cancellable, commit_done, task);
      return;
    }
  if (self->buffer->len > 0)
    start_block (self);
  if (self->in_flight == 0)
    {
      commit_staged (self, task);
      return;
    }
  self->waiting = task;
  self->wait_kind = WAIT_COMMIT;
}

static RsWriteResult *
azure_writer_commit_finish (RsBackendWriter  *writer,
                            GAsyncResult     *result,
                            GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- abort -------------------------------------------------------------------- */

static void
azure_writer_abort_async (RsBackendWriter     *writer,
                          int                  io_priority,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  RsAzureWriter *self = RS_AZURE_WRITER (writer);
  GTask *task = g_task_new (writer, cancellable, callback, user_data);

  g_task_set_source_tag (task, azure_writer_abort_async);
  g_task_set_check_cancellable (task, FALSE);
  /* Nothing was committed; staged blocks never become visible. The
   * blocks in flight are cancelled, not waited for: an abort may come
   * from a dispose on another main context than the one their
   * completions are dispatched to (they hold their own reference). */
  g_cancellable_cancel (self->blocks_cancel);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static gboolean
azure_writer_abort_finish (RsBackendWriter  *writer,
                           GAsyncResult     *result,
                           GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
resume_waiting (RsAzureWriter *self)
{
  GTask *task = self->waiting;

  if (task == NULL)
    return;
  switch (self->wait_kind)
    {
    case WAIT_WRITE:
      self->waiting = NULL;
      if (self->error != NULL)
        g_task_return_error (task, g_error_copy (self->error));
      else
        {
          start_block (self);
          g_task_return_int (task, self->wait_taken);
        }
      g_object_unref (task);
      break;
    case WAIT_COMMIT:
      if (self->in_flight > 0)
        return;
      self->waiting = NULL;
      commit_staged (self, task);
      break;
    case WAIT_NONE:
    default:
      break;
    }
}

/* ---- object ------------------------------------------------------------------- */

static void
rs_azure_writer_finalize (GObject *object)
{
  RsAzureWriter *self = RS_AZURE_WRITER (object);

  g_clear_pointer (&self->client, rs_azure_client_unref);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_clear_pointer (&self->buffer, g_byte_array_unref);
  g_clear_pointer (&self->block_ids, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->blocks_cancel);
  G_OBJECT_CLASS (rs_azure_writer_parent_class)->finalize (object);
}

static void
rs_azure_writer_class_init (RsAzureWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RsBackendWriterClass *writer_class = RS_BACKEND_WRITER_CLASS (klass);

  object_class->finalize = rs_azure_writer_finalize;
  writer_class->write_async = azure_writer_write_async;
  writer_class->write_finish = azure_writer_write_finish;
  writer_class->commit_async = azure_writer_commit_async;
  writer_class->commit_finish = azure_writer_commit_finish;
  writer_class->abort_async = azure_writer_abort_async;
  writer_class->abort_finish = azure_writer_abort_finish;
}

static void
rs_azure_writer_init (RsAzureWriter *self)
{
  self->block_ids = g_ptr_array_new_with_free_func (g_free);
  self->blocks_cancel = g_cancellable_new ();
}
