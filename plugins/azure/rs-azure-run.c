/* rs-azure-run.c: one request for a primitive's task, and the pieces
 * every primitive's file shares (the success test, tasks, listing
 * queries) */
#include "rs-azure-backend.h"

typedef struct
{
  GTask *task;
  RsAzureThenFunc then;
} Step;

static void
step_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Step *step = user_data;
  RsAzureClient *client = rs_azure_backend_get_client (g_task_get_source_object (step->task));
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_azure_client_send_finish (client, result, &error);

  if (response == NULL)
    g_task_return_error (step->task, error);
  else
    step->then (step->task, response);
  g_object_unref (step->task);
  g_free (step);
}

static void
run_with (GTask           *task,
          RsHttpRequest   *request,
          gboolean         create_container,
          GCancellable    *cancellable,
          RsAzureThenFunc  then)
{
  RsAzureClient *client = rs_azure_backend_get_client (g_task_get_source_object (task));
  Step *step = g_new0 (Step, 1);

  step->task = g_object_ref (task);
  step->then = then;
  rs_azure_client_send_async (client, request, create_container, cancellable, step_done, step);
}

void
rs_azure_backend_run (GTask           *task,
                      RsHttpRequest   *request,
                      gboolean         create_container,
                      RsAzureThenFunc  then)
{
  run_with (task, request, create_container, g_task_get_cancellable (task), then);
}

void
rs_azure_backend_run_to_end (GTask           *task,
                             RsHttpRequest   *request,
                             RsAzureThenFunc  then)
{
  run_with (task, request, FALSE, NULL, then);
}

gboolean
rs_azure_response_ok (RsHttpResponse *response)
{
  guint status = rs_http_response_get_status (response);

  return status >= 200 && status < 300;
}

GTask *
rs_azure_backend_new_task (RsBackend           *backend,
                           gpointer             tag,
                           const char          *key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, g_strdup (key), g_free);
  return task;
}

char *
rs_azure_list_query (const char *prefix,
                     gboolean    delimited,
                     const char *marker,
                     guint       max_results,
                     gboolean    with_metadata)
{
  GString *q = g_string_new ("restype=container&comp=list");

  if (prefix != NULL && *prefix != '\0')
    {
      g_autofree char *p = rs_http_uri_encode (prefix, FALSE);

      g_string_append_printf (q, "&prefix=%s", p);
    }
  if (delimited)
    g_string_append (q, "&delimiter=%2F");
  if (marker != NULL)
    {
      g_autofree char *m = rs_http_uri_encode (marker, FALSE);

      g_string_append_printf (q, "&marker=%s", m);
    }
  g_string_append_printf (q, "&maxresults=%u", max_results);
  if (with_metadata)
    g_string_append (q, "&include=metadata");
  return g_string_free (q, FALSE);
}

gboolean
rs_azure_boolean_finish (RsBackend     *backend,
                         GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
