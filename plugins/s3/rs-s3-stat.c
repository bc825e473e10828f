/* rs-s3-stat.c: stat_key and stat_folder_key
 *
 * A HEAD of the key answers for a file; without one, a listing under
 * "key/" tells a folder from nothing (folders are key prefixes). That
 * listing goes through the backend's folder probe, which answers the
 * probes of one parent asked together with one listing. */
#include <glib/gi18n-lib.h>

#include "rs-s3-backend-private.h"
#include "rs-s3-metadata.h"
#include "rs-s3-primitives.h"
#include "rs-s3-xml.h"

static RsFileInfo *
info_from_head (const char     *key,
                RsHttpResponse *response)
{
  const char *length = rs_http_response_get_header (response, "content-length");
  RsFileInfo *info = rs_fileinfo_new (key, length != NULL ? g_ascii_strtoll (length, NULL, 10) : 0);
  g_autoptr(GDateTime) modified = rs_http_parse_date (rs_http_response_get_header (response, "last-modified"));
  g_autofree char *etag = rs_s3_unquote_etag (rs_http_response_get_header (response, "etag"));
  g_autoptr(GHashTable) metadata = rs_s3_metadata_from_headers (rs_http_response_get_headers (response));

  rs_fileinfo_set_modified (info, modified);
  rs_fileinfo_set_etag (info, etag);
  rs_fileinfo_set_content_type (info, rs_http_response_get_header (response, "content-type"));
  rs_fileinfo_set_metadata (info, metadata);
  return info;
}

static void
stat_listed (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  RsS3Backend *self = g_task_get_source_object (task);
  const char *key = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (self, result, &error);
  g_autoptr(RsS3Xml) xml = NULL;
  const char *records[] = { "Contents", "CommonPrefixes", NULL };
  GBytes *body;

  if (response != NULL && rs_http_response_get_status (response) == 404)
    error = g_error_new_literal (RS_ERROR, RS_ERROR_NOT_FOUND, _("No such file or folder"));
  else if (response != NULL)
    error = rs_s3_backend_check (response);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  body = rs_http_response_get_body (response);
  xml = rs_s3_xml_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), records, &error);
  if (xml == NULL)
    g_task_return_new_error (task, RS_ERROR, RS_ERROR_FAILED, _("Unreadable S3 listing: %s"), error->message);
  else if (xml->records->len > 0)
    g_task_return_pointer (task, rs_folder_entry_new (key), g_object_unref);
  else
    g_task_return_new_error (task, RS_ERROR, RS_ERROR_NOT_FOUND, _("No such file or folder"));
  g_clear_error (&error);
}

static void
list_probe (RsS3Backend *self,
            const char  *key,
            GTask       *task)
{
  g_autofree char *prefix = g_strconcat (key, "/", NULL);
  g_autofree char *encoded = rs_http_uri_encode (prefix, FALSE);
  g_autofree char *query = g_strdup_printf ("list-type=2&max-keys=1&prefix=%s", encoded);
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (self, "GET", NULL, query);

  rs_s3_backend_send_async (self, request, NULL, g_task_get_cancellable (task), stat_listed, task);
}

static void
folder_answered (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  GTask *task = data;
  RsS3Backend *self = g_task_get_source_object (task);
  const char *key = g_task_get_task_data (task);
  GError *error = NULL;

  switch (rs_http_folder_probe_ask_finish (self->folder_probe, result, &error))
    {
    case RS_HTTP_FOLDER_YES:
      g_task_return_pointer (task, rs_folder_entry_new (key), g_object_unref);
      break;
    case RS_HTTP_FOLDER_NO:
      g_task_return_new_error (task, RS_ERROR, RS_ERROR_NOT_FOUND, _("No such file or folder"));
      break;
    case RS_HTTP_FOLDER_UNKNOWN:
      list_probe (self, key, task);
      return;
    case RS_HTTP_FOLDER_FAILED:
    default:
      g_task_return_error (task, error);
      break;
    }
  g_object_unref (task);
}

static void
folder_probe (RsS3Backend *self,
              const char  *key,
              GTask       *task)
{
  rs_http_folder_probe_ask_async (self->folder_probe, key, g_task_get_cancellable (task), folder_answered, task);
}

static void
stat_headed (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  GTask *task = data;
  RsS3Backend *self = g_task_get_source_object (task);
  const char *key = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (self, result, &error);

  if (response == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  switch (rs_http_response_get_status (response))
    {
    case 200:
      g_task_return_pointer (task, info_from_head (key, response), g_object_unref);
      g_object_unref (task);
      return;
    case 404:
      /* No object: a folder if any key is under it. */
      folder_probe (self, key, task);
      return;
    default:
      g_task_return_error (task, rs_s3_backend_check (response));
      g_object_unref (task);
    }
}

static void
s3_stat_key_async (RsBackend           *backend,
                   const char          *key,
                   int                  io_priority,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  RsS3Backend *self = RS_S3_BACKEND (backend);
  GTask *task = rs_s3_backend_new_task (self, s3_stat_key_async, key, cancellable, callback, user_data);
  g_autoptr(RsHttpRequest) request = NULL;

  if (key[0] == '\0')
    {
      g_task_return_pointer (task, rs_folder_entry_new (""), g_object_unref);
      g_object_unref (task);
      return;
    }
  request = rs_s3_backend_new_request (self, "HEAD", key, NULL);
  rs_s3_backend_send_async (self, request, NULL, cancellable, stat_headed, task);
}

static RsEntry *
s3_stat_key_finish (RsBackend     *backend,
                    GAsyncResult  *result,
                    GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Only the folder half of stat_key: the listing, without the HEAD. */
static void
s3_stat_folder_key_async (RsBackend           *backend,
                          const char          *key,
                          int                  io_priority,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  RsS3Backend *self = RS_S3_BACKEND (backend);
  GTask *task = rs_s3_backend_new_task (self, s3_stat_folder_key_async, key, cancellable, callback, user_data);

  if (key[0] == '\0')
    {
      g_task_return_pointer (task, rs_folder_entry_new (""), g_object_unref);
      g_object_unref (task);
      return;
    }
  folder_probe (self, key, task);
}

void
rs_s3_stat_install (RsBackendClass *backend_class)
{
  backend_class->stat_key_async = s3_stat_key_async;
  backend_class->stat_key_finish = s3_stat_key_finish;
  backend_class->stat_folder_key_async = s3_stat_folder_key_async;
  backend_class->stat_folder_key_finish = s3_stat_key_finish;
}
