/* rs-azure-client.c: Blob service requests over the shared HTTP engine
 *
 * Builds URLs (endpoint/container/encoded-key?query[&sas]), adds the
 * service version, and signs with SharedKey on the engine's I/O thread
 * before every attempt (a fresh x-ms-date each time, so retries after a
 * long backoff stay inside the service's clock-skew window). With a SAS
 * and no key, the SAS in the query is the authorisation. The key lives
 * here decoded, never in a message or a debug line.
 */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rs-azure-client.h"
#include "rs-azure-listing.h"
#include "rs-azure-sign.h"

struct _RsAzureClient
{
  gatomicrefcount ref;
  char *account;
  GBytes *key;               /* NULL: SAS or anonymous */
  char *sas;
  char *container_url;       /* endpoint/container */
  char *container_path;      /* its URL path, as signed */
  RsHttpEngine *engine;
};

RsAzureClient *
rs_azure_client_new (RsAzureCredentials *credentials,
                     const char         *container,
                     RsHttpEngine       *engine,
                     GError            **error)
{
  RsAzureClient *self;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *encoded = rs_http_uri_encode (container, FALSE);

  uri = g_uri_parse (credentials->endpoint, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("The Azure endpoint “%s” is not an http or https URL"), credentials->endpoint);
      return NULL;
    }
  self = g_new0 (RsAzureClient, 1);
  g_atomic_ref_count_init (&self->ref);
  self->account = g_strdup (credentials->account);
  if (credentials->key != NULL && *credentials->key != '\0')
    {
      self->key = rs_azure_decode_key (credentials->key);
      if (self->key == NULL)
        {
          rs_azure_client_unref (self);
          g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                       _("The Azure account key is not valid base64"));
          return NULL;
        }
    }
  self->sas = g_strdup (credentials->sas);
  self->container_url = g_strdup_printf ("%s/%s", credentials->endpoint, encoded);
  self->container_path = g_strdup_printf ("%s/%s",
                                          strcmp (g_uri_get_path (uri), "/") == 0 ? "" : g_uri_get_path (uri),
                                          encoded);
  self->engine = g_object_ref (engine);
  return self;
}

RsAzureClient *
rs_azure_client_ref (RsAzureClient *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
rs_azure_client_unref (RsAzureClient *self)
{
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  g_free (self->account);
  g_clear_pointer (&self->key, g_bytes_unref);
  if (self->sas != NULL)
    memset (self->sas, 0, strlen (self->sas));
  g_free (self->sas);
  g_free (self->container_url);
  g_free (self->container_path);
  g_clear_object (&self->engine);
  g_free (self);
}

void
rs_azure_shutdown (RsAzureClient *self)
{
  rs_http_engine_shutdown (self->engine);
}

const char *
rs_azure_client_get_container_url (RsAzureClient *self)
{
  return self->container_url;
}

char *
rs_azure_client_source_url (RsAzureClient *self,
                            const char    *key)
{
  g_autofree char *encoded = rs_http_uri_encode (key, TRUE);

  if (self->sas != NULL && *self->sas != '\0')
    return g_strdup_printf ("%s/%s?%s", self->container_url, encoded, self->sas);
  return g_strdup_printf ("%s/%s", self->container_url, encoded);
}

/* ---- signing ------------------------------------------------------------ */

typedef struct
{
  RsAzureClient *client;
  char *path;
  char *query;
  gint64 content_length;
} SignData;

static void
sign_data_free (gpointer data)
{
  SignData *sign = data;

  rs_azure_client_unref (sign->client);
  g_free (sign->path);
  g_free (sign->query);
  g_free (sign);
}

static void
sign_request (RsHttpRequest *request,
              gpointer       user_data)
{
  SignData *sign = user_data;
  GPtrArray *headers;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%a, %d %b %Y %H:%M:%S GMT");
  g_autofree char *auth = NULL;

  rs_http_request_set_header (request, "x-ms-date", date);
  headers = rs_http_request_get_headers (request);
  for (guint i = 0; i + 1 < headers->len; i += 2)
    if (strcmp (g_ptr_array_index (headers, i), "authorization") != 0)
      g_ptr_array_add (lines, g_strdup_printf ("%s: %s", (char *) g_ptr_array_index (headers, i),
                                               (char *) g_ptr_array_index (headers, i + 1)));
  /* libcurl adds Content-Length itself; it is signed all the same. */
  if (sign->content_length > 0)
    g_ptr_array_add (lines, g_strdup_printf ("content-length: %" G_GINT64_FORMAT, sign->content_length));
  g_ptr_array_add (lines, NULL);
  auth = rs_azure_authorization (sign->client->account, sign->client->key,
                                 rs_http_request_get_method (request), sign->path, sign->query,
                                 (const char *const *) lines->pdata);
  rs_http_request_set_header (request, "authorization", auth);
}

RsHttpRequest *
rs_azure_client_request (RsAzureClient *self,
                         const char    *method,
                         const char    *key,
                         const char    *query,
                         gint64         content_length)
{
  g_autofree char *encoded = key != NULL ? rs_http_uri_encode (key, TRUE) : NULL;
  g_autofree char *path = encoded != NULL ? g_strdup_printf ("%s/%s", self->container_path, encoded)
                                          : g_strdup (self->container_path);
  g_autofree char *url_query = NULL;
  g_autofree char *url = NULL;
  RsHttpRequest *request;

  if (self->sas != NULL && *self->sas != '\0')
    url_query = query != NULL ? g_strdup_printf ("%s&%s", query, self->sas) : g_strdup (self->sas);
  else
    url_query = g_strdup (query);
  url = g_strdup_printf ("%s%s%s%s", self->container_url, encoded != NULL ? "/" : "",
                         encoded != NULL ? encoded : "", url_query != NULL ? "?" : "");
  if (url_query != NULL)
    {
      char *full = g_strconcat (url, url_query, NULL);

      g_free (url);
      url = full;
    }
  request = rs_http_request_new (method, url);
  rs_http_request_set_header (request, "x-ms-version", RS_AZURE_API_VERSION);
  if (self->key != NULL)
    {
      SignData *sign = g_new0 (SignData, 1);

      sign->client = rs_azure_client_ref (self);
      sign->path = g_steal_pointer (&path);
      sign->query = g_strdup (query);
      sign->content_length = content_length;
      rs_http_request_set_sign_func (request, sign_request, sign, sign_data_free);
    }
  return request;
}

/* ---- sending -------------------------------------------------------------- */

typedef struct
{
  RsHttpRequest *request;
  gboolean create_container;
} SendData;

static void
send_data_free (gpointer data)
{
  SendData *send = data;

  rs_http_request_unref (send->request);
  g_free (send);
}

const char *
rs_azure_response_code (RsHttpResponse *response)
{
  return rs_http_response_get_header (response, "x-ms-error-code");
}

static void send_done (GObject *source, GAsyncResult *result, gpointer user_data);

static RsAzureClient *
task_client (GTask *task)
{
  return g_object_get_data (G_OBJECT (task), "rs-azure-client");
}

static void
container_created (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  RsAzureClient *self = task_client (task);
  SendData *send = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_http_engine_send_finish (self->engine, result, &error);

  if (response == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (rs_http_response_get_status (response) >= 300 &&
      g_strcmp0 (rs_azure_response_code (response), "ContainerAlreadyExists") != 0)
    {
      g_task_return_error (task, rs_azure_response_error (response));
      g_object_unref (task);
      return;
    }
  g_debug ("azure: created container %s", self->container_url);
  rs_http_engine_send_async (self->engine, send->request, g_task_get_cancellable (task), send_done, task);
}

static void
send_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  RsAzureClient *self = task_client (task);
  SendData *send = g_task_get_task_data (task);
  GError *error = NULL;
  RsHttpResponse *response = rs_http_engine_send_finish (self->engine, result, &error);

  if (response == NULL)
    {
      /* The engine already retried what its policy allows. */
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (send->create_container && rs_http_response_get_status (response) == 404 &&
      g_strcmp0 (rs_azure_response_code (response), "ContainerNotFound") == 0)
    {
      g_autoptr(RsHttpRequest) create = rs_azure_client_request (self, "PUT", NULL, "restype=container", 0);

      send->create_container = FALSE;
      rs_http_response_unref (response);
      rs_http_engine_send_async (self->engine, create, g_task_get_cancellable (task),
                                 container_created, task);
      return;
    }
  g_task_return_pointer (task, response, (GDestroyNotify) rs_http_response_unref);
  g_object_unref (task);
}

/* The task holds a client reference as object data (a client is no
 * GObject to be the source object). */
void
rs_azure_client_send_async (RsAzureClient       *self,
                            RsHttpRequest       *request,
                            gboolean             create_container,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  SendData *send = g_new0 (SendData, 1);

  send->request = rs_http_request_ref (request);
  send->create_container = create_container;
  g_task_set_task_data (task, send, send_data_free);
  g_task_set_source_tag (task, rs_azure_client_send_async);
  g_object_set_data_full (G_OBJECT (task), "rs-azure-client", rs_azure_client_ref (self),
                          (GDestroyNotify) rs_azure_client_unref);
  rs_http_engine_send_async (self->engine, request, cancellable, send_done, task);
}

RsHttpResponse *
rs_azure_client_send_finish (RsAzureClient  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- errors ----------------------------------------------------------------- */

GError *
rs_azure_response_error (RsHttpResponse *response)
{
  guint status = rs_http_response_get_status (response);
  g_autofree char *body_code = NULL;
  const char *code = rs_azure_response_code (response);
  RsError rs_code = rs_http_status_to_error (status);

  if (code == NULL)
    {
      GBytes *body = rs_http_response_get_body (response);

      if (body != NULL)
        body_code = rs_azure_parse_error_code (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      code = body_code;
    }
  if (g_strcmp0 (code, "LeaseIdMissing") == 0 || g_strcmp0 (code, "LeaseAlreadyPresent") == 0 ||
      g_strcmp0 (code, "BlobArchived") == 0)
    rs_code = RS_ERROR_RESOURCE_LOCKED;
  else if (g_strcmp0 (code, "BlobAlreadyExists") == 0)
    rs_code = RS_ERROR_ALREADY_EXISTS;
  else if (status == 409)
    rs_code = RS_ERROR_FAILED;
  else if (g_strcmp0 (code, "InvalidBlockList") == 0 || g_strcmp0 (code, "InvalidBlobOrBlock") == 0)
    rs_code = RS_ERROR_FAILED;
  g_debug ("azure: HTTP %u %s", status, code != NULL ? code : "");
  if (code != NULL)
    return g_error_new (RS_ERROR, rs_code, _("Azure answered HTTP %u (%s)"), status, code);
  return g_error_new (RS_ERROR, rs_code, _("Azure answered HTTP %u"), status);
}
