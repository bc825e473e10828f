/* rs-azure-copy.c: server-side copies (Copy Blob), polled with Get Blob
 * Properties while the service says pending. A copy cancelled while
 * pending is stopped with Abort Copy Blob and its destination deleted;
 * one the service finished first stands (the cancel came too late). */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rs-azure-backend.h"
#include "rs-azure-primitives.h"

typedef struct
{
  char *destination;
  char *copy_id;                /* x-ms-copy-id of the pending copy */
  guint polls;
  GError *error;                /* a copy that ended badly, told once cleaned up */
} CopyData;

static void
copy_data_free (gpointer data)
{
  CopyData *copy = data;

  g_free (copy->destination);
  g_free (copy->copy_id);
  g_clear_error (&copy->error);
  g_free (copy);
}

static void copy_check (GTask *task, RsHttpResponse *response);
static void copy_aborted (GTask *task, RsHttpResponse *response);

/* Abort Copy Blob, once the caller cancelled a copy still pending. */
static void
copy_abort (GTask *task)
{
  RsAzureClient *client = rs_azure_backend_get_client (g_task_get_source_object (task));
  CopyData *copy = g_task_get_task_data (task);
  g_autofree char *id = rs_http_uri_encode (copy->copy_id, FALSE);
  g_autofree char *query = g_strdup_printf ("comp=copy&copyid=%s", id);
  g_autoptr(RsHttpRequest) request = rs_azure_client_request (client, "PUT", copy->destination, query, 0);

  rs_http_request_set_header (request, "x-ms-copy-action", "abort");
  rs_azure_backend_run_to_end (task, request, copy_aborted);
}

static gboolean
cancelled_with_id (GTask *task)
{
  CopyData *copy = g_task_get_task_data (task);

  return g_cancellable_is_cancelled (g_task_get_cancellable (task)) && copy->copy_id != NULL;
}

/* Polls run to their end whatever the cancellable says: a cancel is
 * acted on between them, by aborting the copy. */
static gboolean
copy_poll (gpointer user_data)
{
  GTask *task = user_data;
  RsAzureClient *client = rs_azure_backend_get_client (g_task_get_source_object (task));
  CopyData *copy = g_task_get_task_data (task);
  g_autoptr(RsHttpRequest) request = NULL;

  if (cancelled_with_id (task))
    {
      copy_abort (task);
      return G_SOURCE_REMOVE;
    }
  request = rs_azure_client_request (client, "HEAD", copy->destination, NULL, 0);
  rs_azure_backend_run_to_end (task, request, copy_check);
  return G_SOURCE_REMOVE;
}

static void
copy_leftover_deleted (GTask          *task,
                       RsHttpResponse *response)
{
  CopyData *copy = g_task_get_task_data (task);

  if (!rs_azure_response_ok (response) && rs_http_response_get_status (response) != 404)
    g_debug ("azure: the failed copy to %s left a blob that could not be deleted (HTTP %u)",
             copy->destination, rs_http_response_get_status (response));
  g_task_return_error (task, g_steal_pointer (&copy->error));
}

/* A copy that failed or was aborted leaves a destination blob without
 * its content (empty, or partial): it goes before @error is told. */
static void
delete_leftover (GTask  *task,
                 GError *error)
{
  RsAzureClient *client = rs_azure_backend_get_client (g_task_get_source_object (task));
  CopyData *copy = g_task_get_task_data (task);
  g_autoptr(RsHttpRequest) request = rs_azure_client_request (client, "DELETE", copy->destination, NULL, 0);

  copy->error = error;
  rs_azure_backend_run_to_end (task, request, copy_leftover_deleted);
}

static void
copy_ended_badly (GTask          *task,
                  RsHttpResponse *response,
                  const char     *status)
{
  CopyData *copy = g_task_get_task_data (task);
  const char *why = rs_http_response_get_header (response, "x-ms-copy-status-description");

  delete_leftover (task, g_error_new (RS_ERROR, RS_ERROR_FAILED,
                                      _("The server-side copy to “%s” ended as “%s”: %s"), copy->destination,
                                      status, why != NULL ? why : _("no reason given")));
}

/* The answer to Abort Copy Blob: 409 when there was nothing left to abort
 * (the copy finished): it stands. */
static void
copy_aborted (GTask          *task,
              RsHttpResponse *response)
{
  GError *cancelled = NULL;

  if (rs_http_response_get_status (response) == 409)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &cancelled);
  delete_leftover (task, cancelled);
}

/* The copy status of a Copy Blob or Get Blob Properties answer. */
static void
copy_check (GTask          *task,
            RsHttpResponse *response)
{
  CopyData *copy = g_task_get_task_data (task);
  const char *status;

  if (!rs_azure_response_ok (response))
    {
      GError *error = rs_azure_response_error (response);

      /* Without OVERWRITE the destination was sent If-None-Match: *. */
      if (rs_http_response_get_status (response) == 412)
        error->code = RS_ERROR_ALREADY_EXISTS;
      g_task_return_error (task, error);
      return;
    }
  status = rs_http_response_get_header (response, "x-ms-copy-status");
  if (copy->copy_id == NULL)
    copy->copy_id = g_strdup (rs_http_response_get_header (response, "x-ms-copy-id"));
  if (status == NULL || strcmp (status, "success") == 0)
    g_task_return_boolean (task, TRUE);
  else if (strcmp (status, "pending") == 0 && cancelled_with_id (task))
    copy_abort (task);
  else if (strcmp (status, "pending") == 0)
    {
      g_autoptr(GSource) timer = g_timeout_source_new (MIN (50u << MIN (copy->polls, 5u), 1000u));

      copy->polls++;
      g_task_attach_source (task, timer, copy_poll);
    }
  else
    copy_ended_badly (task, response, status);
}

static void
azure_copy_async (RsBackend           *backend,
                  const char          *source,
                  const char          *destination,
                  RsCopyFlags          flags,
                  int                  io_priority,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  RsAzureClient *client = rs_azure_backend_get_client (RS_AZURE_BACKEND (backend));
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  CopyData *copy = g_new0 (CopyData, 1);
  g_autofree char *source_url = rs_azure_client_source_url (client, source);
  g_autoptr(RsHttpRequest) request = rs_azure_client_request (client, "PUT", destination, NULL, 0);

  g_task_set_source_tag (task, azure_copy_async);
  g_task_set_check_cancellable (task, FALSE);
  copy->destination = g_strdup (destination);
  g_task_set_task_data (task, copy, copy_data_free);
  /* Within one account the request's own authorisation covers the source. */
  rs_http_request_set_header (request, "x-ms-copy-source", source_url);
  if (!(flags & RS_COPY_OVERWRITE))
    rs_http_request_set_header (request, "if-none-match", "*");
  /* Once sent, the copy runs to an answer whatever the cancellable says:
   * without its id a cancel could not abort it. */
  if (g_task_return_error_if_cancelled (task))
    return;
  rs_azure_backend_run_to_end (task, request, copy_check);
}

void
rs_azure_copy_install (RsBackendClass *backend_class)
{
  backend_class->copy_async = azure_copy_async;
  backend_class->copy_finish = rs_azure_boolean_finish;
}
