/* rs-azure-delete.c: delete_file (Delete Blob) */
#include "rs-azure-backend.h"
#include "rs-azure-primitives.h"

static void
delete_done (GTask          *task,
             RsHttpResponse *response)
{
  if (rs_azure_response_ok (response))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, rs_azure_response_error (response));
}

static void
azure_delete_file_async (RsBackend           *backend,
                         const char          *key,
                         int                  io_priority,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  RsAzureClient *client = rs_azure_backend_get_client (RS_AZURE_BACKEND (backend));
  g_autoptr(GTask) task = rs_azure_backend_new_task (backend, azure_delete_file_async, key, cancellable,
                                                     callback, user_data);
  g_autoptr(RsHttpRequest) request = rs_azure_client_request (client, "DELETE", key, NULL, 0);

  /* A deleted file is gone whatever the cancellable says afterwards. */
  g_task_set_check_cancellable (task, FALSE);
  rs_azure_backend_run (task, request, FALSE, delete_done);
}

void
rs_azure_delete_install (RsBackendClass *backend_class)
{
  backend_class->delete_file_async = azure_delete_file_async;
  backend_class->delete_file_finish = rs_azure_boolean_finish;
}
