/* rs-http-request.c: what to send, and what came back */
#include "rs-http-private.h"

RsHttpRequest *
rs_http_request_new (const char *method,
                     const char *url)
{
  RsHttpRequest *request = g_new0 (RsHttpRequest, 1);

  request->ref_count = 1;
  request->method = g_strdup (method);
  request->url = g_strdup (url);
  request->headers = g_ptr_array_new_with_free_func (g_free);
  request->body_length = -1;
  return request;
}

RsHttpRequest *
rs_http_request_ref (RsHttpRequest *request)
{
  g_atomic_int_inc (&request->ref_count);
  return request;
}

void
rs_http_request_unref (RsHttpRequest *request)
{
  if (!g_atomic_int_dec_and_test (&request->ref_count))
    return;
  if (request->sign_destroy != NULL)
    request->sign_destroy (request->sign_data);
  g_free (request->method);
  g_free (request->url);
  g_ptr_array_unref (request->headers);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_object (&request->body_stream);
  g_free (request);
}

const char *
rs_http_request_get_method (RsHttpRequest *request)
{
  return request->method;
}

const char *
rs_http_request_get_url (RsHttpRequest *request)
{
  return request->url;
}

void
rs_http_request_set_header (RsHttpRequest *request,
                            const char    *name,
                            const char    *value)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < request->headers->len; i += 2)
    if (strcmp (request->headers->pdata[i], lower) == 0)
      {
        g_ptr_array_remove_range (request->headers, i, 2);
        break;
      }
  if (value == NULL)
    return;
  g_ptr_array_add (request->headers, g_steal_pointer (&lower));
  g_ptr_array_add (request->headers, g_strdup (value));
}

const char *
rs_http_request_get_header (RsHttpRequest *request,
                            const char    *name)
{
  for (guint i = 0; i < request->headers->len; i += 2)
    if (g_ascii_strcasecmp (request->headers->pdata[i], name) == 0)
      return request->headers->pdata[i + 1];
  return NULL;
}

GPtrArray *
rs_http_request_get_headers (RsHttpRequest *request)
{
  return request->headers;
}

void
rs_http_request_set_body (RsHttpRequest *request,
                          GBytes        *body)
{
  g_clear_pointer (&request->body, g_bytes_unref);
  request->body = body != NULL ? g_bytes_ref (body) : NULL;
  request->body_length = body != NULL ? (gint64) g_bytes_get_size (body) : -1;
}

GBytes *
rs_http_request_get_body (RsHttpRequest *request)
{
  return request->body;
}

void
rs_http_request_set_body_stream (RsHttpRequest *request,
                                 GInputStream  *stream,
                                 gint64         length)
{
  g_set_object (&request->body_stream, stream);
  request->body_length = length;
}

void
rs_http_request_set_stream_response (RsHttpRequest *request,
                                     gboolean       stream)
{
  request->stream_response = stream;
}

void
rs_http_request_set_sign_func (RsHttpRequest  *request,
                               RsHttpSignFunc  func,
                               gpointer        user_data,
                               GDestroyNotify  destroy)
{
  if (request->sign_destroy != NULL)
    request->sign_destroy (request->sign_data);
  request->sign = func;
  request->sign_data = user_data;
  request->sign_destroy = destroy;
}

RsHttpResponse *
rs_http_response_new (guint       status,
                      GHashTable *headers)
{
  RsHttpResponse *response = g_new0 (RsHttpResponse, 1);

  response->ref_count = 1;
  response->status = status;
  response->headers = g_hash_table_ref (headers);
  return response;
}

RsHttpResponse *
rs_http_response_ref (RsHttpResponse *response)
{
  g_atomic_int_inc (&response->ref_count);
  return response;
}

void
rs_http_response_unref (RsHttpResponse *response)
{
  if (!g_atomic_int_dec_and_test (&response->ref_count))
    return;
  g_hash_table_unref (response->headers);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_object (&response->body_stream);
  g_free (response);
}

guint
rs_http_response_get_status (RsHttpResponse *response)
{
  return response->status;
}

const char *
rs_http_response_get_header (RsHttpResponse *response,
                             const char     *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_hash_table_lookup (response->headers, lower);
}

GHashTable *
rs_http_response_get_headers (RsHttpResponse *response)
{
  return response->headers;
}

GBytes *
rs_http_response_get_body (RsHttpResponse *response)
{
  return response->body;
}

GInputStream *
rs_http_response_get_body_stream (RsHttpResponse *response)
{
  return response->body_stream;
}

RsError
rs_http_status_to_error (guint status)
{
  switch (status)
    {
    case 404: return RS_ERROR_NOT_FOUND;
    case 401: case 403: return RS_ERROR_PERMISSION_DENIED;
    case 409: return RS_ERROR_ALREADY_EXISTS;
    case 412: return RS_ERROR_PRECONDITION_FAILED;
    case 408: case 504: return RS_ERROR_TIMED_OUT;
    default: return status >= 500 ? RS_ERROR_BACKEND_UNAVAILABLE : RS_ERROR_FAILED;
    }
}

char *
rs_http_uri_encode (const char *text,
                    gboolean    keep_slash)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~' ||
          (keep_slash && *p == '/'))
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
  return g_string_free (out, FALSE);
}
