/* rs-s3-request.c: requests on the backend's engine (URLs, SigV4 signing
 * on every attempt, S3's error documents) and the task helpers that the
 * backend's files share */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rs-s3-backend-private.h"
#include "rs-s3-sigv4.h"
#include "rs-s3-xml.h"

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

static void
send_signed (RsS3Backend         *self,
             RsHttpRequest       *request,
             GBytes              *body,
             gboolean             unsigned_payload,
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
      signer->payload_hash = size == 0 ? g_strdup (RS_S3_EMPTY_SHA256)
                             : unsigned_payload ? g_strdup (RS_S3_UNSIGNED_PAYLOAD)
                             : rs_s3_sha256_hex (data, size);
      rs_http_request_set_sign_func (request, sign, signer, signer_free);
    }
  rs_http_engine_send_async (self->engine, request, cancellable, callback, user_data);
}

void
rs_s3_backend_send_async (RsS3Backend         *self,
                          RsHttpRequest       *request,
                          GBytes              *body,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  send_signed (self, request, body, FALSE, cancellable, callback, user_data);
}

void
rs_s3_backend_send_object_data_async (RsS3Backend         *self,
                                      RsHttpRequest       *request,
                                      GBytes              *body,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  send_signed (self, request, body, self->unsigned_payload, cancellable, callback, user_data);
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

/* ---- tasks ----------------------------------------------------------------- */

GTask *
rs_s3_backend_new_task (RsS3Backend         *self,
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

void
rs_s3_backend_boolean_done (GObject      *source,
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

gboolean
rs_s3_backend_boolean_finish (RsBackend     *backend,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
