/* rs-s3-backend.c: Amazon S3 and S3-compatible servers
 *
 * Every primitive is an async request (or two) on the backend's HTTP
 * engine: one I/O thread and one libcurl multi per backend, no thread per
 * operation, so the backend declares NATIVE_ASYNC and the core bridges its
 * sync API. Folders are virtual (key prefixes); a missing bucket behaves as
 * an absent container: nothing is there. Options (URI query or table):
 *
 *   bucket                 the bucket (the URI's host)
 *   endpoint               base URL (default https://s3.REGION.amazonaws.com)
 *   region                 signing region (default: AWS_REGION, the profile, us-east-1)
 *   path-style             /bucket/key URLs instead of bucket.host/key
 *   access-key-id, secret-access-key, session-token   credentials (else the
 *                          environment or the profile)
 *   profile                profile in ~/.aws/credentials and ~/.aws/config
 *   part-size              multipart part size in bytes (default 8 MiB)
 *   concurrency            parts in flight per write (default 4)
 *   max-connections        connections per host (default 16)
 *   connect-timeout-ms, idle-timeout-ms, total-timeout-ms   deadlines
 *   ca-file                CA bundle (default AWS_CA_BUNDLE, SSL_CERT_FILE, system)
 *   page-size              keys per listing request (default 1000)
 *   multipart-copy-threshold  copies above it use UploadPartCopy (5 GiB)
 *   create-only            "native" (If-None-Match: * as well as the core's
 *                          check, default), "exclusive" (If-None-Match: *
 *                          alone for small writes: for servers known to
 *                          honour it) or "check" (the core's check only)
 */
#include <glib/gi18n-lib.h>

#include "rs-s3-backend.h"
#include "rs-s3-copy.h"
#include "rs-s3-credentials.h"
#include "rs-s3-delete.h"
#include "rs-s3-metadata.h"
#include "rs-s3-sigv4.h"
#include "rs-s3-writer.h"
#include "rs-s3-xml.h"

struct _RsS3Backend
{
  RsBackend parent_instance;

  char *bucket;
  char *endpoint;
  char *region;
  gboolean path_style;
  char *access_key;
  RsSecret *secret_key;
  RsSecret *session_token;
  char *profile;
  guint part_size;
  guint concurrency;
  guint max_connections;
  guint connect_timeout_ms;
  guint idle_timeout_ms;
  guint total_timeout_ms;
  char *ca_file;
  guint page_size;
  char *create_only;
  guint64 multipart_copy_threshold;
  gint create_only_refused;     /* the server answered 501 to If-None-Match */

  RsS3Credentials credentials;
  char *base_url;               /* scheme://host[:port][/bucket] */
  RsHttpEngine *engine;
};

G_DEFINE_FINAL_TYPE (RsS3Backend, rs_s3_backend, RS_TYPE_BACKEND)

enum
{
  PROP_0, PROP_BUCKET, PROP_ENDPOINT, PROP_REGION, PROP_PATH_STYLE, PROP_ACCESS_KEY,
  PROP_SECRET_KEY, PROP_SESSION_TOKEN, PROP_PROFILE, PROP_PART_SIZE, PROP_CONCURRENCY,
  PROP_MAX_CONNECTIONS, PROP_CONNECT_TIMEOUT, PROP_IDLE_TIMEOUT, PROP_TOTAL_TIMEOUT,
  PROP_CA_FILE, PROP_PAGE_SIZE, PROP_CREATE_ONLY, PROP_MULTIPART_COPY_THRESHOLD, N_PROPS
};
static GParamSpec *props[N_PROPS];

/* ---- requests ----------------------------------------------------------- */

RsHttpRequest *
rs_s3_backend_new_request (RsS3Backend *self,
                           const char  *method,
                           const char  *key,
                           const char  *query)
{
  g_autofree char *path = key != NULL ? rs_http_uri_encode (key, TRUE) : NULL;
  g_autofree char *url = g_strdup_printf ("%s/%s%s%s", self->base_url, path != NULL ? path : "",
                                          query != NULL ? "?" : "", query != NULL ? query : "");

  return rs_http_request_new (method, url);
}

typedef struct
{
  char *access_key;
  char *secret_key;
  char *session_token;
  char *region;
  char *payload_hash;
} Signer;

static void
signer_free (gpointer data)
{
  Signer *signer = data;

  g_free (signer->access_key);
  if (signer->secret_key != NULL)
    memset (signer->secret_key, 0, strlen (signer->secret_key));
  g_free (signer->secret_key);
  g_free (signer->session_token);
  g_free (signer->region);
  g_free (signer->payload_hash);
  g_free (signer);
}

static void
sign (RsHttpRequest *request,
      gpointer       data)
{
  Signer *signer = data;
  RsS3SigningKey key = { signer->access_key, signer->secret_key, signer->session_token,
                         signer->region, "s3" };

  rs_s3_sigv4_sign (request, &key, signer->payload_hash, NULL);
}

void
rs_s3_backend_send_async (RsS3Backend         *self,
                          RsHttpRequest       *request,
                          GBytes              *body,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  if (body != NULL)
    rs_http_request_set_body (request, body);
  if (self->credentials.access_key != NULL)
    {
      Signer *signer = g_new0 (Signer, 1);
      gsize size = 0;
      const void *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

      signer->access_key = g_strdup (self->credentials.access_key);
      signer->secret_key = g_strdup (self->credentials.secret_key);
      signer->session_token = g_strdup (self->credentials.session_token);
      signer->region = g_strdup (self->region);
      signer->payload_hash = size > 0 ? rs_s3_sha256_hex (data, size) : g_strdup (RS_S3_EMPTY_SHA256);
      rs_http_request_set_sign_func (request, sign, signer, signer_free);
    }
  rs_http_engine_send_async (self->engine, request, cancellable, callback, user_data);
}

RsHttpResponse *
rs_s3_backend_send_finish (RsS3Backend   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return rs_http_engine_send_finish (self->engine, result, error);
}

static RsError
code_to_error (const char *code,
               guint       status)
{
  static const struct { const char *code; RsError error; } table[] = {
    { "NoSuchKey", RS_ERROR_NOT_FOUND },
    { "NoSuchBucket", RS_ERROR_NOT_FOUND },
    { "NoSuchUpload", RS_ERROR_NOT_FOUND },
    { "AccessDenied", RS_ERROR_PERMISSION_DENIED },
    { "SignatureDoesNotMatch", RS_ERROR_PERMISSION_DENIED },
    { "InvalidAccessKeyId", RS_ERROR_PERMISSION_DENIED },
    { "PreconditionFailed", RS_ERROR_PRECONDITION_FAILED },
    { "SlowDown", RS_ERROR_BACKEND_UNAVAILABLE },
    { "RequestTimeout", RS_ERROR_TIMED_OUT },
    { "InvalidArgument", RS_ERROR_INVALID_ARGUMENT },
    { "EntityTooLarge", RS_ERROR_INVALID_ARGUMENT },
  };

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (table); i++)
    if (strcmp (code, table[i].code) == 0)
      return table[i].error;
  return rs_http_status_to_error (status);
}

GError *
rs_s3_backend_check (RsHttpResponse *response)
{
  guint status = rs_http_response_get_status (response);
  GBytes *body = rs_http_response_get_body (response);
  g_autoptr(RsS3Xml) xml = NULL;
  gsize size = 0;
  const char *text = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  const char *code = NULL;
  const char *message = NULL;

  /* Some 200 answers (copy, complete) carry an <Error> document. */
  if (size > 0 && (status >= 300 || (status == 200 && memchr (text, '<', MIN (size, 128)) != NULL)))
    xml = rs_s3_xml_parse (text, size, NULL, NULL);
  if (status >= 200 && status < 300 && (xml == NULL || g_strcmp0 (xml->root, "Error") != 0))
    return NULL;
  if (xml != NULL && g_strcmp0 (xml->root, "Error") == 0)
    {
      code = rs_s3_xml_get (xml, "Code");
      message = rs_s3_xml_get (xml, "Message");
    }
  if (code != NULL)
    return g_error_new (RS_ERROR, code_to_error (code, status), _("S3 error %s (HTTP %u): %s"),
                        code, status, message != NULL ? message : "");
  return g_error_new (RS_ERROR, rs_http_status_to_error (status), _("S3 answered HTTP status %u"), status);
}

char *
rs_s3_backend_copy_source (RsS3Backend *self,
                           const char  *key)
{
  g_autofree char *path = rs_http_uri_encode (key, TRUE);

  return g_strdup_printf ("/%s/%s", self->bucket, path);
}

gint64
rs_s3_backend_get_multipart_copy_threshold (RsS3Backend *self)
{
  return (gint64) MIN (self->multipart_copy_threshold, (guint64) G_MAXINT64);
}

gsize
rs_s3_backend_get_part_size (RsS3Backend *self)
{
  return self->part_size;
}

guint
rs_s3_backend_get_concurrency (RsS3Backend *self)
{
  return self->concurrency;
}

gboolean
rs_s3_backend_get_create_only_native (RsS3Backend *self)
{
  return g_strcmp0 (self->create_only, "check") != 0 && !g_atomic_int_get (&self->create_only_refused);
}

void
rs_s3_backend_refuse_create_only_native (RsS3Backend *self)
{
  if (g_atomic_int_exchange (&self->create_only_refused, 1))
    return;
  rs_backend_set_facts (RS_BACKEND (self),
                        rs_backend_get_facts (RS_BACKEND (self)) & ~RS_BACKEND_FACTS_EXCLUSIVE_CREATE);
  g_debug ("rs-s3: %s does not honour If-None-Match: *; create-only writes rely on the core's check",
           self->endpoint);
}

char *
rs_s3_unquote_etag (const char *etag)
{
  gsize length;

  if (etag == NULL)
    return NULL;
  length = strlen (etag);
  if (length >= 2 && etag[0] == '"' && etag[length - 1] == '"')
    return g_strndup (etag + 1, length - 2);
  return g_strdup (etag);
}

/* ---- stat_key ----------------------------------------------------------- */

static GTask *
new_task (RsS3Backend         *self,
          gpointer             tag,
          const char          *key,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_strdup (key), g_free);
  return task;
}

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
      list_probe (self, key, task);
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
  GTask *task = new_task (self, s3_stat_key_async, key, cancellable, callback, user_data);
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
  GTask *task = new_task (self, s3_stat_folder_key_async, key, cancellable, callback, user_data);

  if (key[0] == '\0')
    {
      g_task_return_pointer (task, rs_folder_entry_new (""), g_object_unref);
      g_object_unref (task);
      return;
    }
  list_probe (self, key, task);
}

/* ---- open_read ---------------------------------------------------------- */

/* How the shared ranged-read stream asks S3 for an object. */
static RsHttpRequest *
object_request (GObject    *owner,
                const char *key,
                const char *method)
{
  return rs_s3_backend_new_request (RS_S3_BACKEND (owner), method, key, NULL);
}

static void
object_send_async (GObject             *owner,
                   RsHttpRequest       *request,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  rs_s3_backend_send_async (RS_S3_BACKEND (owner), request, NULL, cancellable, callback, user_data);
}

static RsHttpResponse *
object_send_finish (GObject       *owner,
                    GAsyncResult  *result,
                    GError       **error)
{
  return rs_s3_backend_send_finish (RS_S3_BACKEND (owner), result, error);
}

static const RsHttpObjectSource object_source = {
  object_request, object_send_async, object_send_finish, rs_s3_backend_check,
};

static void
s3_open_read_async (RsBackend           *backend,
                    const char          *key,
                    gint64               offset,
                    gint64               length,
                    int                  io_priority,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  rs_http_read_stream_open_async (&object_source, G_OBJECT (backend), key, offset, length, cancellable,
                                  callback, user_data);
}

static GInputStream *
s3_open_read_finish (RsBackend     *backend,
                     GAsyncResult  *result,
                     GError       **error)
{
  return rs_http_read_stream_open_finish (result, error);
}

/* ---- open_write --------------------------------------------------------- */

static RsBackendWriter *
s3_open_write (RsBackend     *backend,
               const char    *key,
               RsWriteFlags   flags,
               GHashTable    *metadata,
               GCancellable  *cancellable,
               GError       **error)
{
  /* No I/O until the first part is full or the commit. */
  return rs_s3_writer_new (RS_S3_BACKEND (backend), key, flags, metadata);
}

/* ---- delete ------------------------------------------------------------- */

static void
deleted (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(GTask) task = data;
  RsS3Backend *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_s3_backend_send_finish (self, result, &error);

  if (response != NULL)
    error = rs_s3_backend_check (response);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
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
  GTask *task = new_task (self, s3_delete_file_async, key, cancellable, callback, user_data);
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (self, "DELETE", key, NULL);

  rs_s3_backend_send_async (self, request, NULL, cancellable, deleted, task);
}

static gboolean
boolean_finish (RsBackend     *backend,
                GAsyncResult  *result,
                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
s3_delete_folder_async (RsBackend           *backend,
                        const char          *key,
                        gboolean             recursive,
                        int                  io_priority,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  rs_s3_delete_folder_async (RS_S3_BACKEND (backend), key, recursive, cancellable, callback, user_data);
}

static gboolean
s3_delete_folder_finish (RsBackend     *backend,
                         GAsyncResult  *result,
                         GError       **error)
{
  return rs_s3_delete_folder_finish (result, error);
}

/* ---- list_page ---------------------------------------------------------- */

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
  GTask *task = new_task (self, s3_list_page_async, prefix, cancellable, callback, user_data);
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

/* ---- copy --------------------------------------------------------------- */

static void
s3_copy_async (RsBackend           *backend,
               const char          *source,
               const char          *destination,
               RsCopyFlags          flags,
               int                  io_priority,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  rs_s3_copy_async (RS_S3_BACKEND (backend), source, destination, cancellable, callback, user_data);
}

static gboolean
s3_copy_finish (RsBackend     *backend,
                GAsyncResult  *result,
                GError       **error)
{
  return rs_s3_copy_finish (result, error);
}

/* ---- ping and close ----------------------------------------------------- */

static void
s3_ping_async (RsBackend           *backend,
               int                  io_priority,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  RsS3Backend *self = RS_S3_BACKEND (backend);
  GTask *task = new_task (self, s3_ping_async, "", cancellable, callback, user_data);
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (self, "HEAD", NULL, NULL);

  rs_s3_backend_send_async (self, request, NULL, cancellable, deleted, task);
}

static gboolean
s3_close (RsBackend     *backend,
          GCancellable  *cancellable,
          GError       **error)
{
  RsS3Backend *self = RS_S3_BACKEND (backend);

  if (self->engine != NULL)
    rs_http_engine_shutdown (self->engine);
  return TRUE;
}

/* ---- addressing ---------------------------------------------------------- */

static char *
s3_native_path (RsBackend  *backend,
                const char *key)
{
  return g_strdup_printf ("s3://%s/%s", RS_S3_BACKEND (backend)->bucket, key);
}

static char *
s3_to_key (RsBackend   *backend,
           const char  *native_path,
           GError     **error)
{
  g_autofree char *prefix = g_strdup_printf ("s3://%s/", RS_S3_BACKEND (backend)->bucket);

  if (!g_str_has_prefix (native_path, prefix))
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("“%s” is not in bucket %s"),
                   native_path, RS_S3_BACKEND (backend)->bucket);
      return NULL;
    }
  return g_strdup (native_path + strlen (prefix));
}

static void
s3_describe (RsBackend  *backend,
             const char *key,
             GHashTable *details)
{
  RsS3Backend *self = RS_S3_BACKEND (backend);

  g_hash_table_insert (details, g_strdup ("bucket"), g_strdup (self->bucket));
  g_hash_table_insert (details, g_strdup ("endpoint"), g_strdup (self->endpoint));
  g_hash_table_insert (details, g_strdup ("region"), g_strdup (self->region));
  g_hash_table_insert (details, g_strdup ("addressing"), g_strdup (self->path_style ? "path" : "virtual-host"));
  g_hash_table_insert (details, g_strdup ("create-only"),
                       g_strdup (rs_s3_backend_get_create_only_native (self)
                                 ? (rs_backend_get_facts (RS_BACKEND (self)) & RS_BACKEND_FACTS_EXCLUSIVE_CREATE
                                    ? "exclusive (If-None-Match: * alone for small writes)"
                                    : "native (If-None-Match: * and the core's existence check)")
                                 : g_atomic_int_get (&self->create_only_refused)
                                 ? "check (core existence check; the server refused If-None-Match)"
                                 : "check (core existence check)"));
  g_hash_table_insert (details, g_strdup ("credentials"),
                       g_strdup (self->credentials.access_key != NULL ? "signed (SigV4)" : "anonymous"));
}

/* ---- GObject ------------------------------------------------------------- */

static char *
build_base_url (RsS3Backend *self)
{
  g_autoptr(GUri) uri = g_uri_parse (self->endpoint, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *trimmed = g_strdup (self->endpoint);

  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  if (self->path_style || uri == NULL)
    return g_strdup_printf ("%s/%s", trimmed, self->bucket);
  {
    int port = g_uri_get_port (uri);
    g_autofree char *port_text = port > 0 ? g_strdup_printf (":%d", port) : g_strdup ("");

    return g_strdup_printf ("%s://%s.%s%s", g_uri_get_scheme (uri), self->bucket,
                            g_uri_get_host (uri), port_text);
  }
}

static void
rs_s3_backend_constructed (GObject *object)
{
  RsS3Backend *self = RS_S3_BACKEND (object);
  RsBackend *backend = RS_BACKEND (object);
  g_autofree char *location = NULL;
  RsHttpOptions options;

  G_OBJECT_CLASS (rs_s3_backend_parent_class)->constructed (object);

  rs_s3_credentials_resolve (&self->credentials, self->access_key,
                             self->secret_key != NULL ? rs_secret_reveal (self->secret_key) : NULL,
                             self->session_token != NULL ? rs_secret_reveal (self->session_token) : NULL,
                             self->profile);
  if (self->region == NULL || self->region[0] == '\0')
    {
      const char *env = g_getenv ("AWS_REGION") != NULL ? g_getenv ("AWS_REGION") : g_getenv ("AWS_DEFAULT_REGION");

      g_free (self->region);
      self->region = g_strdup (env != NULL && env[0] != '\0' ? env
                               : self->credentials.region != NULL ? self->credentials.region : "us-east-1");
    }
  if (self->endpoint == NULL || self->endpoint[0] == '\0')
    {
      g_free (self->endpoint);
      self->endpoint = g_strdup_printf ("https://s3.%s.amazonaws.com", self->region);
    }
  if (self->bucket == NULL)
    self->bucket = g_strdup ("");
  self->base_url = build_base_url (self);

  rs_http_options_init (&options);
  options.max_host_connections = self->max_connections;
  options.connect_timeout_ms = self->connect_timeout_ms;
  options.idle_timeout_ms = self->idle_timeout_ms;
  options.total_timeout_ms = self->total_timeout_ms;
  options.ca_file = self->ca_file;
  options.retry = rs_backend_get_retry_policy (backend);
  self->engine = rs_http_engine_new (&options);

  location = g_strdup_printf ("s3://%s", self->bucket);
  rs_backend_set_location (backend, location);
  rs_backend_set_capabilities (backend,
                               RS_CAPABILITY_READ | RS_CAPABILITY_WRITE | RS_CAPABILITY_DELETE |
                               RS_CAPABILITY_LIST | RS_CAPABILITY_MOVE | RS_CAPABILITY_COPY |
                               RS_CAPABILITY_ATOMIC_WRITE | RS_CAPABILITY_METADATA |
                               RS_CAPABILITY_USER_METADATA | RS_CAPABILITY_WRITE_RESULT_NATIVE |
                               RS_CAPABILITY_LAZY_READ | RS_CAPABILITY_SEEKABLE_READ |
                               RS_CAPABILITY_NATIVE_ASYNC);
  rs_backend_set_facts (backend, RS_BACKEND_FACTS_FLAT_NAMESPACE | RS_BACKEND_FACTS_ATOMIC_PUT |
                                 RS_BACKEND_FACTS_TERMINAL_CLOSE |
                                 (g_strcmp0 (self->create_only, "exclusive") == 0
                                  ? RS_BACKEND_FACTS_EXCLUSIVE_CREATE : 0));
}

static void
rs_s3_backend_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RsS3Backend *self = RS_S3_BACKEND (object);

  switch (prop_id)
    {
    case PROP_BUCKET: g_value_set_string (value, self->bucket); break;
    case PROP_ENDPOINT: g_value_set_string (value, self->endpoint); break;
    case PROP_REGION: g_value_set_string (value, self->region); break;
    case PROP_PATH_STYLE: g_value_set_boolean (value, self->path_style); break;
    case PROP_ACCESS_KEY: g_value_set_string (value, self->access_key); break;
    case PROP_SECRET_KEY: g_value_set_boxed (value, self->secret_key); break;
    case PROP_SESSION_TOKEN: g_value_set_boxed (value, self->session_token); break;
    case PROP_PROFILE: g_value_set_string (value, self->profile); break;
    case PROP_PART_SIZE: g_value_set_uint (value, self->part_size); break;
    case PROP_CONCURRENCY: g_value_set_uint (value, self->concurrency); break;
    case PROP_MAX_CONNECTIONS: g_value_set_uint (value, self->max_connections); break;
    case PROP_CONNECT_TIMEOUT: g_value_set_uint (value, self->connect_timeout_ms); break;
    case PROP_IDLE_TIMEOUT: g_value_set_uint (value, self->idle_timeout_ms); break;
    case PROP_TOTAL_TIMEOUT: g_value_set_uint (value, self->total_timeout_ms); break;
    case PROP_CA_FILE: g_value_set_string (value, self->ca_file); break;
    case PROP_PAGE_SIZE: g_value_set_uint (value, self->page_size); break;
    case PROP_CREATE_ONLY: g_value_set_string (value, self->create_only); break;
    case PROP_MULTIPART_COPY_THRESHOLD: g_value_set_uint64 (value, self->multipart_copy_threshold); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_s3_backend_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RsS3Backend *self = RS_S3_BACKEND (object);

  switch (prop_id)
    {
    case PROP_BUCKET: g_free (self->bucket); self->bucket = g_value_dup_string (value); break;
    case PROP_ENDPOINT: g_free (self->endpoint); self->endpoint = g_value_dup_string (value); break;
    case PROP_REGION: g_free (self->region); self->region = g_value_dup_string (value); break;
    case PROP_PATH_STYLE: self->path_style = g_value_get_boolean (value); break;
    case PROP_ACCESS_KEY: g_free (self->access_key); self->access_key = g_value_dup_string (value); break;
    case PROP_SECRET_KEY:
      g_clear_pointer (&self->secret_key, rs_secret_unref);
      self->secret_key = g_value_dup_boxed (value);
      break;
    case PROP_SESSION_TOKEN:
      g_clear_pointer (&self->session_token, rs_secret_unref);
      self->session_token = g_value_dup_boxed (value);
      break;
    case PROP_PROFILE: g_free (self->profile); self->profile = g_value_dup_string (value); break;
    case PROP_PART_SIZE: self->part_size = g_value_get_uint (value); break;
    case PROP_CONCURRENCY: self->concurrency = g_value_get_uint (value); break;
    case PROP_MAX_CONNECTIONS: self->max_connections = g_value_get_uint (value); break;
    case PROP_CONNECT_TIMEOUT: self->connect_timeout_ms = g_value_get_uint (value); break;
    case PROP_IDLE_TIMEOUT: self->idle_timeout_ms = g_value_get_uint (value); break;
    case PROP_TOTAL_TIMEOUT: self->total_timeout_ms = g_value_get_uint (value); break;
    case PROP_CA_FILE: g_free (self->ca_file); self->ca_file = g_value_dup_string (value); break;
    case PROP_PAGE_SIZE: self->page_size = g_value_get_uint (value); break;
    case PROP_CREATE_ONLY: g_free (self->create_only); self->create_only = g_value_dup_string (value); break;
    case PROP_MULTIPART_COPY_THRESHOLD: self->multipart_copy_threshold = g_value_get_uint64 (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_s3_backend_finalize (GObject *object)
{
  RsS3Backend *self = RS_S3_BACKEND (object);

  g_clear_object (&self->engine);
  rs_s3_credentials_clear (&self->credentials);
  g_free (self->bucket);
  g_free (self->endpoint);
  g_free (self->region);
  g_free (self->access_key);
  g_clear_pointer (&self->secret_key, rs_secret_unref);
  g_clear_pointer (&self->session_token, rs_secret_unref);
  g_free (self->profile);
  g_free (self->ca_file);
  g_free (self->create_only);
  g_free (self->base_url);
  G_OBJECT_CLASS (rs_s3_backend_parent_class)->finalize (object);
}

static void
rs_s3_backend_class_init (RsS3BackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RsBackendClass *backend_class = RS_BACKEND_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = rs_s3_backend_constructed;
  object_class->get_property = rs_s3_backend_get_property;
  object_class->set_property = rs_s3_backend_set_property;
  object_class->finalize = rs_s3_backend_finalize;

  backend_class->name = "s3";
  backend_class->stat_key_async = s3_stat_key_async;
  backend_class->stat_key_finish = s3_stat_key_finish;
  backend_class->stat_folder_key_async = s3_stat_folder_key_async;
  backend_class->stat_folder_key_finish = s3_stat_key_finish;
  backend_class->open_read_async = s3_open_read_async;
  backend_class->open_read_finish = s3_open_read_finish;
  backend_class->open_write = s3_open_write;
  backend_class->delete_file_async = s3_delete_file_async;
  backend_class->delete_file_finish = boolean_finish;
  backend_class->delete_folder_async = s3_delete_folder_async;
  backend_class->delete_folder_finish = s3_delete_folder_finish;
  backend_class->list_page_async = s3_list_page_async;
  backend_class->list_page_finish = s3_list_page_finish;
  backend_class->copy_async = s3_copy_async;
  backend_class->copy_finish = s3_copy_finish;
  backend_class->ping_async = s3_ping_async;
  backend_class->ping_finish = boolean_finish;
  backend_class->close = s3_close;
  /* s3://bucket/prefix */
  backend_class->uri_host_option = "bucket";
  backend_class->native_path = s3_native_path;
  backend_class->to_key = s3_to_key;
  backend_class->describe = s3_describe;

  props[PROP_BUCKET] = g_param_spec_string ("bucket", NULL, "The bucket", NULL, flags);
  props[PROP_ENDPOINT] = g_param_spec_string ("endpoint", NULL,
    "Base URL of the S3 service (default https://s3.REGION.amazonaws.com)", NULL, flags);
  props[PROP_REGION] = g_param_spec_string ("region", NULL,
    "Signing region (default $AWS_REGION, the profile's, else us-east-1)", NULL, flags);
  props[PROP_PATH_STYLE] = g_param_spec_boolean ("path-style", NULL,
    "Address objects as ENDPOINT/bucket/key rather than bucket.HOST/key", FALSE, flags);
  props[PROP_ACCESS_KEY] = g_param_spec_string ("access-key-id", NULL,
    "Access key id (default $AWS_ACCESS_KEY_ID or the profile)", NULL, flags);
  props[PROP_SECRET_KEY] = g_param_spec_boxed ("secret-access-key", NULL,
    "Secret access key (never printed)", RS_TYPE_SECRET, flags);
  props[PROP_SESSION_TOKEN] = g_param_spec_boxed ("session-token", NULL,
    "Session token of temporary credentials (never printed)", RS_TYPE_SECRET, flags);
  props[PROP_PROFILE] = g_param_spec_string ("profile", NULL,
    "Profile in ~/.aws/credentials and ~/.aws/config (default $AWS_PROFILE)", NULL, flags);
  props[PROP_PART_SIZE] = g_param_spec_uint ("part-size", NULL,
    "Multipart part size in bytes; larger writes are sent in parts", 5 * 1024 * 1024,
    G_MAXUINT32, 8 * 1024 * 1024, flags);
  props[PROP_CONCURRENCY] = g_param_spec_uint ("concurrency", NULL,
    "Parts uploaded in parallel per write", 1, 256, 4, flags);
  props[PROP_MAX_CONNECTIONS] = g_param_spec_uint ("max-connections", NULL,
    "Connections per host (0: no cap)", 0, 4096, 16, flags);
  props[PROP_CONNECT_TIMEOUT] = g_param_spec_uint ("connect-timeout-ms", NULL,
    "Connect deadline in milliseconds (0: none)", 0, G_MAXUINT, 10000, flags);
  props[PROP_IDLE_TIMEOUT] = g_param_spec_uint ("idle-timeout-ms", NULL,
    "Fail a request after this long without a byte (0: never)", 0, G_MAXUINT, 30000, flags);
  props[PROP_TOTAL_TIMEOUT] = g_param_spec_uint ("total-timeout-ms", NULL,
    "Deadline of one request attempt (0: none)", 0, G_MAXUINT, 0, flags);
  props[PROP_CA_FILE] = g_param_spec_string ("ca-file", NULL,
    "CA bundle for TLS (default $AWS_CA_BUNDLE, $SSL_CERT_FILE, the system's)", NULL, flags);
  props[PROP_PAGE_SIZE] = g_param_spec_uint ("page-size", NULL,
    "Keys per listing request", 1, 1000, 1000, flags);
  props[PROP_CREATE_ONLY] = g_param_spec_string ("create-only", NULL,
    "Create-only writes: native (If-None-Match: * and the core's check), exclusive (If-None-Match: * alone for small writes) or check (the core's check only)", "native", flags);
  props[PROP_MULTIPART_COPY_THRESHOLD] = g_param_spec_uint64 ("multipart-copy-threshold", NULL,
    "Copies of larger objects use UploadPartCopy (S3's CopyObject limit: 5 GiB)",
    0, G_MAXUINT64, G_GUINT64_CONSTANT (5) << 30, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_s3_backend_init (RsS3Backend *self)
{
  self->part_size = 8 * 1024 * 1024;
  self->concurrency = 4;
  self->max_connections = 16;
  self->connect_timeout_ms = 10000;
  self->idle_timeout_ms = 30000;
  self->page_size = 1000;
  self->create_only = g_strdup ("native");
  self->multipart_copy_threshold = G_GUINT64_CONSTANT (5) << 30;
}
