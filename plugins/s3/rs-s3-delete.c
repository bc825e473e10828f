/* rs-s3-delete.c: file deletes, and recursive folder deletes in
 * DeleteObjects batches
 *
 * A page of up to 1000 keys under "key/" (folder markers included), then
 * one DeleteObjects request for the page, until the listing ends: two
 * requests per thousand objects instead of one per object. Without
 * @recursive the core has checked the folder is empty: only a folder
 * marker object, if any, remains to go. */
#include <gnutls/crypto.h>
#include <glib/gi18n-lib.h>

#include "rs-s3-primitives.h"
#include "rs-s3-xml.h"

typedef struct
{
  char *prefix;                 /* "key/" */
  char *token;
} DeleteData;

static void
delete_data_free (gpointer data)
{
  DeleteData *d = data;

  g_free (d->prefix);
  g_free (d->token);
  g_free (d);
}

static void list_next (GTask *task);

static GError *
batch_errors (RsHttpResponse *response)
{
  GBytes *body = rs_http_response_get_body (response);
  const char *records[] = { "Error", NULL };
  g_autoptr(RsS3Xml) xml = rs_s3_xml_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), records, NULL);

  for (guint i = 0; xml != NULL && i < xml->records->len; i++)
    {
      RsS3XmlRecord *record = xml->records->pdata[i];
      const char *code = g_hash_table_lookup (record->fields, "Code");

      if (g_strcmp0 (code, "NoSuchKey") == 0)
        continue;
      return g_error_new (RS_ERROR, RS_ERROR_FAILED, _("Deleting “%s” failed: %s"),
                          (char *) g_hash_table_lookup (record->fields, "Key"),
                          code != NULL ? code : "?");
    }
  return NULL;
}

static void
batch_deleted (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  GTask *task = data;
  RsS3Backend *backend = g_task_get_source_object (task);
  DeleteData *d = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (backend, result, &error);

  if (response != NULL && (error = rs_s3_backend_check (response)) == NULL)
    error = batch_errors (response);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
    }
  else if (d->token == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
  else
    list_next (task);
}

static void
delete_batch (GTask     *task,
              RsS3Xml   *listing)
{
  RsS3Backend *backend = g_task_get_source_object (task);
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (backend, "POST", NULL, "delete=");
  GString *xml = g_string_new ("<Delete><Quiet>true</Quiet>");
  g_autoptr(GBytes) body = NULL;
  guint8 md5[16];
  g_autofree char *md5_text = NULL;

  for (guint i = 0; i < listing->records->len; i++)
    {
      RsS3XmlRecord *record = listing->records->pdata[i];
      const char *encoded = g_hash_table_lookup (record->fields, "Key");
      g_autofree char *key = encoded != NULL ? g_uri_unescape_string (encoded, NULL) : NULL;
      g_autofree char *escaped = key != NULL ? rs_s3_xml_escape (key) : NULL;

      if (escaped != NULL)
        g_string_append_printf (xml, "<Object><Key>%s</Key></Object>", escaped);
    }
  g_string_append (xml, "</Delete>");
  body = g_string_free_to_bytes (xml);
  /* DeleteObjects requires a Content-MD5. */
  gnutls_hash_fast (GNUTLS_DIG_MD5, g_bytes_get_data (body, NULL), g_bytes_get_size (body), md5);
  md5_text = g_base64_encode (md5, sizeof md5);
  rs_http_request_set_header (request, "content-md5", md5_text);
  rs_http_request_set_header (request, "content-type", "application/xml");
  rs_s3_backend_send_async (backend, request, body, g_task_get_cancellable (task), batch_deleted, task);
}

static void
page_listed (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  GTask *task = data;
  RsS3Backend *backend = g_task_get_source_object (task);
  DeleteData *d = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (backend, result, &error);
  const char *records[] = { "Contents", NULL };
  g_autoptr(RsS3Xml) xml = NULL;
  GBytes *body;

  if (response != NULL && rs_http_response_get_status (response) == 404)
    {
      g_task_return_boolean (task, TRUE);   /* no bucket: nothing to delete */
      g_object_unref (task);
      return;
    }
  if (response != NULL)
    error = rs_s3_backend_check (response);
  if (error == NULL)
    {
      body = rs_http_response_get_body (response);
      xml = rs_s3_xml_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), records, &error);
    }
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_clear_pointer (&d->token, g_free);
  if (g_strcmp0 (rs_s3_xml_get (xml, "IsTruncated"), "true") == 0)
    d->token = g_strdup (rs_s3_xml_get (xml, "NextContinuationToken"));
  if (xml->records->len == 0)
    {
      if (d->token != NULL)
        list_next (task);
      else
        {
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
        }
      return;
    }
  delete_batch (task, xml);
}

static void
list_next (GTask *task)
{
  RsS3Backend *backend = g_task_get_source_object (task);
  DeleteData *d = g_task_get_task_data (task);
  g_autofree char *prefix = rs_http_uri_encode (d->prefix, FALSE);
  GString *query = g_string_new ("list-type=2&encoding-type=url&max-keys=1000&prefix=");
  g_autoptr(RsHttpRequest) request = NULL;

  g_string_append (query, prefix);
  if (d->token != NULL)
    {
      g_autofree char *token = rs_http_uri_encode (d->token, FALSE);

      g_string_append_printf (query, "&continuation-token=%s", token);
    }
  request = rs_s3_backend_new_request (backend, "GET", NULL, query->str);
  g_string_free (query, TRUE);
  rs_s3_backend_send_async (backend, request, NULL, g_task_get_cancellable (task), page_listed, task);
}

static void
marker_deleted (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;
  RsS3Backend *backend = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (backend, result, &error);

  if (response != NULL && rs_http_response_get_status (response) != 404)
    error = rs_s3_backend_check (response);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
s3_delete_folder_async (RsBackend           *base,
                        const char          *key,
                        gboolean             recursive,
                        int                  io_priority,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  RsS3Backend *backend = RS_S3_BACKEND (base);
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  DeleteData *d = g_new0 (DeleteData, 1);

  g_task_set_source_tag (task, s3_delete_folder_async);
  g_task_set_check_cancellable (task, FALSE);
  d->prefix = key[0] != '\0' ? g_strconcat (key, "/", NULL) : g_strdup ("");
  g_task_set_task_data (task, d, delete_data_free);
  if (recursive)
    list_next (task);
  else
    {
      g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (backend, "DELETE", d->prefix, NULL);

      rs_s3_backend_send_async (backend, request, NULL, cancellable, marker_deleted, task);
    }
}

static void
s3_delete_file_async (RsBackend           *backend,
                      const char          *key,
                      int                  io_priority,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  RsS3Backend *self = RS_S3_BACKEND (backend);
  GTask *task = rs_s3_backend_new_task (self, s3_delete_file_async, key, cancellable, callback, user_data);
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (self, "DELETE", key, NULL);

  rs_s3_backend_send_async (self, request, NULL, cancellable, rs_s3_backend_boolean_done, task);
}

void
rs_s3_delete_install (RsBackendClass *backend_class)
{
  backend_class->delete_file_async = s3_delete_file_async;
  backend_class->delete_file_finish = rs_s3_backend_boolean_finish;
  backend_class->delete_folder_async = s3_delete_folder_async;
  backend_class->delete_folder_finish = rs_s3_backend_boolean_finish;
}
