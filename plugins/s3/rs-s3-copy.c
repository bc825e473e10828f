/* rs-s3-copy.c: server-side copies, multipart above the threshold
 *
 * HeadObject on the source gives its size and metadata. Up to the
 * backend's multipart-copy-threshold (5 GiB, S3's CopyObject limit) one
 * CopyObject copies object and metadata; above it a multipart upload on
 * the destination, started with the source's metadata, is filled with
 * UploadPartCopy ranges of part-size bytes, one after the other, and
 * completed, or aborted on any failure. */
#include <glib/gi18n-lib.h>

#include "rs-s3-primitives.h"
#include "rs-s3-metadata.h"
#include "rs-s3-xml.h"

typedef struct
{
  char *source;
  char *destination;
  gint64 size;
  gint64 part_size;
  char *upload_id;
  GPtrArray *etags;
  GHashTable *metadata;
  char *content_type;
  GError *failure;
} Copy;

static void
copy_free (gpointer data)
{
  Copy *copy = data;

  g_free (copy->source);
  g_free (copy->destination);
  g_free (copy->upload_id);
  g_clear_pointer (&copy->etags, g_ptr_array_unref);
  g_clear_pointer (&copy->metadata, g_hash_table_unref);
  g_free (copy->content_type);
  g_clear_error (&copy->failure);
  g_free (copy);
}

static char *
upload_query (Copy  *copy,
              guint  number)
{
  g_autofree char *id = rs_http_uri_encode (copy->upload_id, FALSE);

  return number > 0 ? g_strdup_printf ("partNumber=%u&uploadId=%s", number, id)
                    : g_strdup_printf ("uploadId=%s", id);
}

static void
finish_response (GTask          *task,
                 RsHttpResponse *response,
                 GError         *error)
{
  if (response != NULL && error == NULL)
    error = rs_s3_backend_check (response);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
simple_copied (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  GTask *task = data;
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (g_task_get_source_object (task), result, &error);

  finish_response (task, response, error);
}

static void
aborted (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GTask *task = data;
  Copy *copy = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (g_task_get_source_object (task), result, &error);

  g_task_return_error (task, g_steal_pointer (&copy->failure));
  g_object_unref (task);
}

static void
fail_and_abort (GTask  *task,
                GError *error)
{
  RsS3Backend *backend = g_task_get_source_object (task);
  Copy *copy = g_task_get_task_data (task);
  g_autofree char *query = upload_query (copy, 0);
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (backend, "DELETE", copy->destination, query);

  copy->failure = error;
  rs_s3_backend_send_async (backend, request, NULL, NULL, aborted, task);
}

static void send_part (GTask *task);

static void
completed (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GTask *task = data;
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (g_task_get_source_object (task), result, &error);

  if (response != NULL)
    error = rs_s3_backend_check (response);
  if (error != NULL)
    fail_and_abort (task, error);
  else
    finish_response (task, response, NULL);
}

static void
complete (GTask *task)
{
  RsS3Backend *backend = g_task_get_source_object (task);
  Copy *copy = g_task_get_task_data (task);
  g_autofree char *query = upload_query (copy, 0);
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (backend, "POST", copy->destination, query);
  GString *xml = g_string_new ("<CompleteMultipartUpload>");
  g_autoptr(GBytes) body = NULL;

  for (guint i = 0; i < copy->etags->len; i++)
    {
      g_autofree char *etag = rs_s3_xml_escape (copy->etags->pdata[i]);

      g_string_append_printf (xml, "<Part><PartNumber>%u</PartNumber><ETag>%s</ETag></Part>", i + 1, etag);
    }
  g_string_append (xml, "</CompleteMultipartUpload>");
  body = g_string_free_to_bytes (xml);
  rs_http_request_set_header (request, "content-type", "application/xml");
  rs_s3_backend_send_async (backend, request, body, NULL, completed, task);
}

static void
part_copied (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  GTask *task = data;
  Copy *copy = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (g_task_get_source_object (task), result, &error);
  g_autoptr(RsS3Xml) xml = NULL;

  if (response != NULL && (error = rs_s3_backend_check (response)) == NULL)
    {
      GBytes *body = rs_http_response_get_body (response);

      xml = rs_s3_xml_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL, NULL);
      if (xml == NULL || rs_s3_xml_get (xml, "ETag") == NULL)
        error = g_error_new_literal (RS_ERROR, RS_ERROR_FAILED, _("A copied part came back without an ETag"));
      else
        g_ptr_array_add (copy->etags, g_strdup (rs_s3_xml_get (xml, "ETag")));
    }
  if (error != NULL)
    fail_and_abort (task, error);
  else if ((gint64) copy->etags->len * copy->part_size >= copy->size)
    complete (task);
  else
    send_part (task);
}

static void
send_part (GTask *task)
{
  RsS3Backend *backend = g_task_get_source_object (task);
  Copy *copy = g_task_get_task_data (task);
  guint number = copy->etags->len + 1;
  gint64 first = (gint64) (number - 1) * copy->part_size;
  gint64 last = MIN (first + copy->part_size, copy->size) - 1;
  g_autofree char *query = upload_query (copy, number);
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (backend, "PUT", copy->destination, query);
  g_autofree char *from = rs_s3_backend_copy_source (backend, copy->source);
  g_autofree char *range = g_strdup_printf ("bytes=%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, first, last);

  rs_http_request_set_header (request, "x-amz-copy-source", from);
  rs_http_request_set_header (request, "x-amz-copy-source-range", range);
  rs_s3_backend_send_async (backend, request, NULL, g_task_get_cancellable (task), part_copied, task);
}

static void
initiated (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GTask *task = data;
  Copy *copy = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (g_task_get_source_object (task), result, &error);

  if (response != NULL && (error = rs_s3_backend_check (response)) == NULL)
    {
      GBytes *body = rs_http_response_get_body (response);
      g_autoptr(RsS3Xml) xml = rs_s3_xml_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL, NULL);

      if (xml != NULL && rs_s3_xml_get (xml, "UploadId") != NULL)
        copy->upload_id = g_strdup (rs_s3_xml_get (xml, "UploadId"));
      else
        error = g_error_new_literal (RS_ERROR, RS_ERROR_FAILED, _("The server started no multipart upload"));
    }
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  send_part (task);
}

static void
headed (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  GTask *task = data;
  RsS3Backend *backend = g_task_get_source_object (task);
  Copy *copy = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (backend, result, &error);
  g_autoptr(RsHttpRequest) request = NULL;
  const char *length;

  if (response != NULL && rs_http_response_get_status (response) == 404)
    error = g_error_new_literal (RS_ERROR, RS_ERROR_NOT_FOUND, _("No such file"));
  else if (response != NULL)
    error = rs_s3_backend_check (response);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  length = rs_http_response_get_header (response, "content-length");
  copy->size = length != NULL ? g_ascii_strtoll (length, NULL, 10) : 0;
  if (copy->size <= rs_s3_backend_get_multipart_copy_threshold (backend))
    {
      g_autofree char *from = rs_s3_backend_copy_source (backend, copy->source);

      /* Metadata travels with the copy (COPY is S3's default, said anyway). */
      request = rs_s3_backend_new_request (backend, "PUT", copy->destination, NULL);
      rs_http_request_set_header (request, "x-amz-copy-source", from);
      rs_http_request_set_header (request, "x-amz-metadata-directive", "COPY");
      rs_s3_backend_send_async (backend, request, NULL, g_task_get_cancellable (task), simple_copied, task);
      return;
    }
  copy->part_size = rs_s3_backend_get_part_size (backend);
  copy->metadata = rs_s3_metadata_from_headers (rs_http_response_get_headers (response));
  request = rs_s3_backend_new_request (backend, "POST", copy->destination, "uploads=");
  /* The raw headers, so that metadata is copied byte for byte. */
  {
    GHashTableIter iter;
    gpointer name, value;

    g_hash_table_iter_init (&iter, rs_http_response_get_headers (response));
    while (g_hash_table_iter_next (&iter, &name, &value))
      if (g_str_has_prefix (name, "x-amz-meta-") || strcmp (name, "content-type") == 0)
        rs_http_request_set_header (request, name, value);
  }
  rs_s3_backend_send_async (backend, request, NULL, g_task_get_cancellable (task), initiated, task);
}

static void
s3_copy_async (RsBackend           *base,
               const char          *source,
               const char          *destination,
               RsCopyFlags          flags,
               int                  io_priority,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  RsS3Backend *backend = RS_S3_BACKEND (base);
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  Copy *copy = g_new0 (Copy, 1);
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (backend, "HEAD", source, NULL);

  g_task_set_source_tag (task, s3_copy_async);
  g_task_set_check_cancellable (task, FALSE);
  copy->source = g_strdup (source);
  copy->destination = g_strdup (destination);
  copy->etags = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, copy, copy_free);
  rs_s3_backend_send_async (backend, request, NULL, cancellable, headed, task);
}

void
rs_s3_copy_install (RsBackendClass *backend_class)
{
  backend_class->copy_async = s3_copy_async;
  backend_class->copy_finish = rs_s3_backend_boolean_finish;
}
