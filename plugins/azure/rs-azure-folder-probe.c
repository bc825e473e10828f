/* rs-azure-folder-probe.c: the List Blobs pages behind the backend's
 * coalesced folder probes (rs_http_folder_probe_*) */
#include "rs-azure-backend-private.h"
#include "rs-azure-listing.h"
#include "rs-azure-primitives.h"

static void
names_listed (GTask          *task,
              RsHttpResponse *response)
{
  GBytes *body = rs_http_response_get_body (response);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *next = NULL;
  GError *error = NULL;
  GPtrArray *names;

  if (rs_http_response_get_status (response) != 404 && !rs_azure_response_ok (response))
    {
      g_task_return_error (task, rs_azure_response_error (response));
      return;
    }
  /* A missing container holds no folder. */
  if (rs_http_response_get_status (response) != 404 &&
      !rs_azure_parse_listing (g_bytes_get_data (body, NULL), g_bytes_get_size (body), FALSE,
                               entries, &next, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  names = g_ptr_array_new_full (entries->len, g_free);
  for (guint i = 0; i < entries->len; i++)
    {
      RsEntry *entry = entries->pdata[i];
      const char *path = rs_entry_get_path (entry);

      g_ptr_array_add (names, RS_IS_FOLDER_ENTRY (entry) ? g_strconcat (path, "/", NULL) : g_strdup (path));
    }
  rs_http_folder_names_return (task, names, next != NULL);
}

/* List Blobs cannot start after a name (its marker is opaque): a batch's
 * listing is a whole page from its prefix on. */
static void
names_list_async (GObject             *owner,
                  const char          *prefix,
                  const char          *start_after,
                  guint                max_names,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  RsAzureBackend *self = RS_AZURE_BACKEND (owner);
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  guint max = start_after != NULL || max_names == 0 ? 5000 : max_names;
  g_autofree char *query = rs_azure_list_query (prefix, TRUE, NULL, max, FALSE);
  g_autoptr(RsHttpRequest) request = rs_azure_client_request (self->client, "GET", NULL, query, 0);

  g_task_set_source_tag (task, names_list_async);
  rs_azure_backend_run (task, request, FALSE, names_listed);
}

static const RsHttpFolderLister azure_folder_lister = { names_list_async };

RsHttpFolderProbe *
rs_azure_folder_probe_new (RsAzureBackend *self)
{
  return rs_http_folder_probe_new (&azure_folder_lister, G_OBJECT (self));
}
