/* rs-azure-stat.c: stat_key and stat_folder_key */
#include <glib/gi18n-lib.h>

#include "rs-azure-backend-private.h"
#include "rs-azure-listing.h"
#include "rs-azure-primitives.h"

/* Get Blob Properties on the key and the folder probe of "key/" go out
 * together: a write's checks stat a key that is usually missing, and a
 * missing blob needs the listing to tell a folder from nothing. The probe
 * answers the probes of one parent asked together with one listing; past
 * a truncated page it leaves the key to a one-entry listing of its own. */
typedef struct
{
  char *key;
  RsHttpResponse *head;
  RsHttpResponse *list;
  GError *head_error;
  GError *list_error;
  RsHttpFolderAnswer folder;    /* the probe's, unless @list answered */
  guint pending;
  gboolean folder_only;         /* stat_folder_key: the listing alone */
} StatData;

static void
stat_data_free (gpointer data)
{
  StatData *stat = data;

  g_free (stat->key);
  g_clear_pointer (&stat->head, rs_http_response_unref);
  g_clear_pointer (&stat->list, rs_http_response_unref);
  g_clear_error (&stat->head_error);
  g_clear_error (&stat->list_error);
  g_free (stat);
}

static RsEntry *
stat_decide (StatData  *stat,
             GError   **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *next = NULL;
  GBytes *body;
  guint status;

  if (stat->folder_only)
    goto listed;
  if (stat->head != NULL && rs_azure_response_ok (stat->head))
    {
      const char *length = rs_http_response_get_header (stat->head, "content-length");

      return RS_ENTRY (rs_azure_file_info_from_response (stat->key, stat->head,
                                                         length != NULL ? g_ascii_strtoll (length, NULL, 10) : 0));
    }
  if (stat->head_error != NULL)
    {
      *error = g_steal_pointer (&stat->head_error);
      return NULL;
    }
  if (rs_http_response_get_status (stat->head) != 404)
    {
      *error = rs_azure_response_error (stat->head);
      return NULL;
    }
listed:
  if (stat->list_error != NULL)
    {
      *error = g_steal_pointer (&stat->list_error);
      return NULL;
    }
  if (stat->list == NULL)
    {
      if (stat->folder == RS_HTTP_FOLDER_YES)
        return RS_ENTRY (rs_folder_entry_new (stat->key));
      g_set_error_literal (error, RS_ERROR, RS_ERROR_NOT_FOUND, _("No such file or folder"));
      return NULL;
    }
  status = rs_http_response_get_status (stat->list);
  if (status == 404)
    {
      g_set_error_literal (error, RS_ERROR, RS_ERROR_NOT_FOUND, _("No such file or folder"));
      return NULL;
    }
  if (!rs_azure_response_ok (stat->list))
    {
      *error = rs_azure_response_error (stat->list);
      return NULL;
    }
  body = rs_http_response_get_body (stat->list);
  entries = g_ptr_array_new_with_free_func (g_object_unref);
  if (!rs_azure_parse_listing (g_bytes_get_data (body, NULL), g_bytes_get_size (body), FALSE,
                               entries, &next, error))
    return NULL;
  if (entries->len == 0)
    {
      g_set_error_literal (error, RS_ERROR, RS_ERROR_NOT_FOUND, _("No such file or folder"));
      return NULL;
    }
  return RS_ENTRY (rs_folder_entry_new (stat->key));
}

static void
stat_part_done (GTask          *task,
                RsHttpResponse *response,
                GError         *error,
                gboolean        is_head)
{
  StatData *stat = g_task_get_task_data (task);

  if (is_head)
    {
      stat->head = response;
      stat->head_error = error;
    }
  else
    {
      stat->list = response;
      stat->list_error = error;
    }
  if (--stat->pending == 0)
    {
      GError *decided = NULL;
      RsEntry *entry = stat_decide (stat, &decided);

      if (entry != NULL)
        g_task_return_pointer (task, entry, g_object_unref);
      else
        g_task_return_error (task, decided);
    }
  g_object_unref (task);
}

static void
stat_head_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  RsHttpResponse *response =
    rs_azure_client_send_finish (rs_azure_backend_get_client (g_task_get_source_object (task)), result, &error);

  stat_part_done (task, response, error, TRUE);
}

static void
stat_list_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  RsHttpResponse *response =
    rs_azure_client_send_finish (rs_azure_backend_get_client (g_task_get_source_object (task)), result, &error);

  stat_part_done (task, response, error, FALSE);
}

static void
list_alone (GTask *task)
{
  RsAzureClient *client = rs_azure_backend_get_client (g_task_get_source_object (task));
  StatData *stat = g_task_get_task_data (task);
  g_autofree char *prefix = g_strconcat (stat->key, "/", NULL);
  g_autofree char *query = rs_azure_list_query (prefix, FALSE, NULL, 1, FALSE);
  g_autoptr(RsHttpRequest) list = rs_azure_client_request (client, "GET", NULL, query, 0);

  rs_azure_client_send_async (client, list, FALSE, g_task_get_cancellable (task), stat_list_done, task);
}

static void
stat_probe_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  RsAzureBackend *self = g_task_get_source_object (task);
  StatData *stat = g_task_get_task_data (task);
  GError *error = NULL;

  stat->folder = rs_http_folder_probe_ask_finish (self->folder_probe, result, &error);
  if (stat->folder == RS_HTTP_FOLDER_UNKNOWN)
    list_alone (task);
  else
    stat_part_done (task, NULL, error, FALSE);
}

static void
stat_start (RsBackend           *backend,
            const char          *key,
            gboolean             folder_only,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  RsAzureClient *client = rs_azure_backend_get_client (RS_AZURE_BACKEND (backend));
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  StatData *stat;
  g_autoptr(RsHttpRequest) head = NULL;

  g_task_set_source_tag (task, stat_start);
  if (*key == '\0')
    {
      g_task_return_pointer (task, rs_folder_entry_new (""), g_object_unref);
      return;
    }
  stat = g_new0 (StatData, 1);
  stat->key = g_strdup (key);
  stat->folder_only = folder_only;
  stat->pending = folder_only ? 1 : 2;
  g_task_set_task_data (task, stat, stat_data_free);
  if (!folder_only)
    {
      head = rs_azure_client_request (client, "HEAD", key, NULL, 0);
      rs_azure_client_send_async (client, head, FALSE, cancellable, stat_head_done, g_object_ref (task));
    }
  rs_http_folder_probe_ask_async (RS_AZURE_BACKEND (backend)->folder_probe, key, cancellable,
                                  stat_probe_done, g_object_ref (task));
}

static void
azure_stat_key_async (RsBackend           *backend,
                      const char          *key,
                      int                  io_priority,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  stat_start (backend, key, FALSE, cancellable, callback, user_data);
}

static void
azure_stat_folder_key_async (RsBackend           *backend,
                             const char          *key,
                             int                  io_priority,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  stat_start (backend, key, TRUE, cancellable, callback, user_data);
}

static RsEntry *
azure_stat_key_finish (RsBackend     *backend,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
rs_azure_stat_install (RsBackendClass *backend_class)
{
  backend_class->stat_key_async = azure_stat_key_async;
  backend_class->stat_key_finish = azure_stat_key_finish;
  backend_class->stat_folder_key_async = azure_stat_folder_key_async;
  backend_class->stat_folder_key_finish = azure_stat_key_finish;
}
