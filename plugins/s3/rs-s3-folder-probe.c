/* rs-s3-folder-probe.c: the ListObjectsV2 pages behind the backend's
 * coalesced folder probes (rs_http_folder_probe_*) */
#include <glib/gi18n-lib.h>

#include "rs-s3-backend-private.h"
#include "rs-s3-primitives.h"
#include "rs-s3-xml.h"

static void
names_listed (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  RsS3Backend *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (self, result, &error);
  const char *records[] = { "Contents", "CommonPrefixes", NULL };
  g_autoptr(RsS3Xml) xml = NULL;
  GPtrArray *names;
  GBytes *body;

  if (response != NULL && rs_http_response_get_status (response) != 404)
    error = rs_s3_backend_check (response);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (rs_http_response_get_status (response) == 404)
    {
      /* A missing bucket holds no folder. */
      rs_http_folder_names_return (task, g_ptr_array_new_with_free_func (g_free), FALSE);
      return;
    }
  body = rs_http_response_get_body (response);
  xml = rs_s3_xml_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), records, &error);
  if (xml == NULL)
    {
      g_task_return_new_error (task, RS_ERROR, RS_ERROR_FAILED, _("Unreadable S3 listing: %s"), error->message);
      g_error_free (error);
      return;
    }
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < xml->records->len; i++)
    {
      RsS3XmlRecord *record = xml->records->pdata[i];
      const char *field = g_str_equal (record->name, "Contents") ? "Key" : "Prefix";
      const char *value = g_hash_table_lookup (record->fields, field);
      char *name = value != NULL ? g_uri_unescape_string (value, NULL) : NULL;

      if (name != NULL)
        g_ptr_array_add (names, name);
    }
  rs_http_folder_names_return (task, names, g_strcmp0 (rs_s3_xml_get (xml, "IsTruncated"), "true") == 0);
}

static void
names_list_async (GObject             *owner,
                  const char          *prefix,
                  const char          *start_after,
                  guint                max_names,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  RsS3Backend *self = RS_S3_BACKEND (owner);
  GTask *task = g_task_new (self, NULL, callback, user_data);
  g_autofree char *encoded = rs_http_uri_encode (prefix, FALSE);
  GString *query = g_string_new (NULL);
  g_autoptr(RsHttpRequest) request = NULL;

  g_string_printf (query, "list-type=2&encoding-type=url&delimiter=%%2F&max-keys=%u&prefix=%s",
                   max_names > 0 ? max_names : 1000, encoded);
  if (start_after != NULL)
    {
      g_autofree char *after = rs_http_uri_encode (start_after, FALSE);

      g_string_append_printf (query, "&start-after=%s", after);
    }
  request = rs_s3_backend_new_request (self, "GET", NULL, query->str);
  g_string_free (query, TRUE);

  g_task_set_source_tag (task, names_list_async);
  rs_s3_backend_send_async (self, request, NULL, NULL, names_listed, task);
}

static const RsHttpFolderLister s3_folder_lister = { names_list_async };

RsHttpFolderProbe *
rs_s3_folder_probe_new (RsS3Backend *self)
{
  return rs_http_folder_probe_new (&s3_folder_lister, G_OBJECT (self));
}
