/* rs-s3-list.c: list_page, one ListObjectsV2 request a page
 *
 * Keys come URL-encoded (encoding-type=url); "a/" folder markers are not
 * files; a missing bucket lists as empty. */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rs-s3-backend-private.h"
#include "rs-s3-primitives.h"
#include "rs-s3-xml.h"

typedef struct
{
  GPtrArray *entries;
  char *next_token;
} Page;

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_pointer (&page->entries, g_ptr_array_unref);
  g_free (page->next_token);
  g_free (page);
}

static char *
decoded (RsS3XmlRecord *record,
         const char    *field)
{
  const char *value = g_hash_table_lookup (record->fields, field);

  return value != NULL ? g_uri_unescape_string (value, NULL) : NULL;
}

static GDateTime *
parse_iso_seconds (const char *text)
{
  g_autoptr(GDateTime) exact = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  /* HEAD answers in whole seconds: so does the listing. */
  if (exact == NULL)
    return NULL;
  return g_date_time_add (exact, -(g_date_time_get_microsecond (exact)));
}

static void
listed (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  g_autoptr(GTask) task = data;
  RsS3Backend *self = g_task_get_source_object (task);
  const char *prefix = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (self, result, &error);
  const char *records[] = { "Contents", "CommonPrefixes", NULL };
  g_autoptr(RsS3Xml) xml = NULL;
  Page *page;
  GBytes *body;

  if (response != NULL && rs_http_response_get_status (response) == 404)
    {
      /* A missing bucket lists as empty. */
      page = g_new0 (Page, 1);
      page->entries = g_ptr_array_new_with_free_func (g_object_unref);
      g_task_return_pointer (task, page, page_free);
      return;
    }
  if (response != NULL)
    error = rs_s3_backend_check (response);
  if (error != NULL)
    {
      g_task_return_error (task, error);
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
  page = g_new0 (Page, 1);
  page->entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < xml->records->len; i++)
    {
      RsS3XmlRecord *record = xml->records->pdata[i];

      if (strcmp (record->name, "Contents") == 0)
        {
          g_autofree char *key = decoded (record, "Key");
          const char *size = g_hash_table_lookup (record->fields, "Size");
          g_autofree char *etag = rs_s3_unquote_etag (g_hash_table_lookup (record->fields, "ETag"));
          g_autoptr(GDateTime) modified = parse_iso_seconds (g_hash_table_lookup (record->fields, "LastModified"));
          RsFileInfo *info;

          /* Folder markers ("a/") are not files. */
          if (key == NULL || key[0] == '\0' || g_str_has_suffix (key, "/"))
            continue;
          info = rs_fileinfo_new (key, size != NULL ? g_ascii_strtoll (size, NULL, 10) : 0);
          rs_fileinfo_set_modified (info, modified);
          rs_fileinfo_set_etag (info, etag);
          g_ptr_array_add (page->entries, info);
        }
      else
        {
          g_autofree char *folder = decoded (record, "Prefix");
          gsize length = folder != NULL ? strlen (folder) : 0;

          if (length < 2)
            continue;
          folder[length - 1] = '\0';
          g_ptr_array_add (page->entries, rs_folder_entry_new (folder));
        }
    }
  if (g_strcmp0 (rs_s3_xml_get (xml, "IsTruncated"), "true") == 0)
    page->next_token = g_strdup (rs_s3_xml_get (xml, "NextContinuationToken"));
  (void) prefix;
  g_task_return_pointer (task, page, page_free);
}

static void
s3_list_page_async (RsBackend           *backend,
                    const char          *prefix,
                    gboolean             recursive,
                    const char          *token,
                    int                  io_priority,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  RsS3Backend *self = RS_S3_BACKEND (backend);
  GTask *task = rs_s3_backend_new_task (self, s3_list_page_async, prefix, cancellable, callback, user_data);
  g_autofree char *folder = prefix[0] != '\0' ? g_strconcat (prefix, "/", NULL) : g_strdup ("");
  g_autofree char *encoded = rs_http_uri_encode (folder, FALSE);
  GString *query = g_string_new ("list-type=2&encoding-type=url");
  g_autoptr(RsHttpRequest) request = NULL;

  g_string_append_printf (query, "&max-keys=%u&prefix=%s", self->page_size, encoded);
  if (!recursive)
    g_string_append (query, "&delimiter=%2F");
  if (token != NULL)
    {
      g_autofree char *continuation = rs_http_uri_encode (token, FALSE);

      g_string_append_printf (query, "&continuation-token=%s", continuation);
    }
  request = rs_s3_backend_new_request (self, "GET", NULL, query->str);
  g_string_free (query, TRUE);
  rs_s3_backend_send_async (self, request, NULL, cancellable, listed, task);
}

static GPtrArray *
s3_list_page_finish (RsBackend     *backend,
                     GAsyncResult  *result,
                     char         **next_token,
                     GError       **error)
{
  Page *page = g_task_propagate_pointer (G_TASK (result), error);
  GPtrArray *entries;

  if (page == NULL)
    return NULL;
  entries = g_steal_pointer (&page->entries);
  *next_token = g_steal_pointer (&page->next_token);
  page_free (page);
  return entries;
}

void
rs_s3_list_install (RsBackendClass *backend_class)
{
  backend_class->list_page_async = s3_list_page_async;
  backend_class->list_page_finish = s3_list_page_finish;
}
