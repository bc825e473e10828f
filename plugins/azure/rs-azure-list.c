/* rs-azure-list.c: list_page, one List Blobs request a page (markers
 * continue it); a missing container lists as an empty one */
#include "rs-azure-backend.h"
#include "rs-azure-primitives.h"
#include "rs-azure-listing.h"

typedef struct
{
  GPtrArray *entries;
  char *next;
} Page;

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_pointer (&page->entries, g_ptr_array_unref);
  g_free (page->next);
  g_free (page);
}

static void
list_done (GTask          *task,
           RsHttpResponse *response)
{
  GBytes *body = rs_http_response_get_body (response);
  Page *page = g_new0 (Page, 1);
  GError *error = NULL;

  page->entries = g_ptr_array_new_with_free_func (g_object_unref);
  if (rs_http_response_get_status (response) == 404 &&
      g_strcmp0 (rs_azure_response_code (response), "ContainerNotFound") == 0)
    {
      /* A missing container lists as an empty one. */
      g_task_return_pointer (task, page, page_free);
      return;
    }
  if (!rs_azure_response_ok (response))
    {
      page_free (page);
      g_task_return_error (task, rs_azure_response_error (response));
      return;
    }
  if (!rs_azure_parse_listing (g_bytes_get_data (body, NULL), g_bytes_get_size (body), TRUE,
                               page->entries, &page->next, &error))
    {
      page_free (page);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, page, page_free);
}

static void
azure_list_page_async (RsBackend           *backend,
                       const char          *prefix,
                       gboolean             recursive,
                       const char          *token,
                       int                  io_priority,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  RsAzureBackend *self = RS_AZURE_BACKEND (backend);
  RsAzureClient *client = rs_azure_backend_get_client (self);
  g_autoptr(GTask) task = rs_azure_backend_new_task (backend, azure_list_page_async, prefix, cancellable,
                                                     callback, user_data);
  g_autofree char *folder = *prefix != '\0' ? g_strconcat (prefix, "/", NULL) : g_strdup ("");
  g_autofree char *query = rs_azure_list_query (folder, !recursive, token, rs_azure_backend_get_page_size (self),
                                                TRUE);
  g_autoptr(RsHttpRequest) request = rs_azure_client_request (client, "GET", NULL, query, 0);

  rs_azure_backend_run (task, request, FALSE, list_done);
}

static GPtrArray *
azure_list_page_finish (RsBackend     *backend,
                        GAsyncResult  *result,
                        char         **next_token,
                        GError       **error)
{
  Page *page = g_task_propagate_pointer (G_TASK (result), error);
  GPtrArray *entries;

  if (page == NULL)
    return NULL;
  entries = g_steal_pointer (&page->entries);
  *next_token = g_steal_pointer (&page->next);
  page_free (page);
  return entries;
}

void
rs_azure_list_install (RsBackendClass *backend_class)
{
  backend_class->list_page_async = azure_list_page_async;
  backend_class->list_page_finish = azure_list_page_finish;
}
