/* rs-azure-backend.c: the Azure Blob Storage backend
 *
 * azure://CONTAINER/PREFIX?account=NAME&endpoint=URL. Every primitive is
 * asynchronous on the shared HTTP engine (one I/O thread, one libcurl
 * multi handle per backend; no thread per operation); the core bridges
 * the synchronous API. The namespace is flat: folders are name prefixes
 * ending in '/'. A missing container is an empty one: reads and stats
 * find nothing, listings are empty, the first write creates it.
 *
 * Options (GObject properties):
 *   container          the container (the URI's host)
 *   account            the storage account
 *   endpoint           the blob service URL (default
 *                      https://ACCOUNT.blob.core.windows.net; Azurite:
 *                      http://127.0.0.1:10000/devstoreaccount1)
 *   key                the account key (secret; SharedKey signing)
 *   sas                a SAS token (secret), used when there is no key
 *   connection-string  an Azure connection string (secret)
 *   block-size         bytes per staged block (default 8 MiB)
 *   concurrency        blocks uploaded in parallel per write (default 4)
 *   page-size          entries per listing request (default 5000)
 *   max-connections    connections per host (default 64)
 * Missing ones come from $AZURE_STORAGE_CONNECTION_STRING, then
 * $AZURE_STORAGE_ACCOUNT / $AZURE_STORAGE_KEY / $AZURE_STORAGE_SAS_TOKEN.
 */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rs-azure-backend.h"
#include "rs-azure-listing.h"
#include "rs-azure-metadata.h"
#include "rs-azure-properties.h"
#include "rs-azure-writer.h"

struct _RsAzureBackend
{
  RsBackend parent_instance;

  char *container;
  RsAzureCredentials options;
  RsSecret *key;
  RsSecret *sas;
  RsSecret *connection_string;
  guint block_size;
  guint concurrency;
  guint page_size;
  guint max_connections;
  RsAzureClient *client;
};

static void rs_azure_backend_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RsAzureBackend, rs_azure_backend, RS_TYPE_BACKEND,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, rs_azure_backend_initable_init)
                               g_type_ensure (RS_TYPE_AZURE_WRITER))

enum
{
  PROP_0,
  PROP_CONTAINER,
  PROP_ACCOUNT,
  PROP_ENDPOINT,
  PROP_KEY,
  PROP_SAS,
  PROP_CONNECTION_STRING,
  PROP_BLOCK_SIZE,
  PROP_CONCURRENCY,
  PROP_PAGE_SIZE,
  PROP_MAX_CONNECTIONS,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

#define SELF(b) (RS_AZURE_BACKEND (b))

RsAzureClient *
rs_azure_backend_get_client (RsAzureBackend *self)
{
  return self->client;
}

gsize
rs_azure_backend_get_block_size (RsAzureBackend *self)
{
  return self->block_size;
}

guint
rs_azure_backend_get_concurrency (RsAzureBackend *self)
{
  return self->concurrency;
}

/* ---- response → value types ------------------------------------------- */

static void
fill_metadata (GHashTable     *into,
               RsHttpResponse *response)
{
  GHashTable *headers = rs_http_response_get_headers (response);
  GHashTableIter iter;
  gpointer name, value;

  g_hash_table_iter_init (&iter, headers);
  while (g_hash_table_iter_next (&iter, &name, &value))
    if (g_str_has_prefix (name, "x-ms-meta-"))
      rs_azure_metadata_decode (into, (char *) name + 10, value);
}

/* The engine lowercases header names; a name another client gave in
 * capitals (x-ms-meta-Owner) comes back lowercased from a response,
 * while listings keep the case. */
RsFileInfo *
rs_azure_file_info_from_response (const char     *key,
                                  RsHttpResponse *response,
                                  gint64          size)
{
  RsFileInfo *info = rs_fileinfo_new (key, size);
  g_autoptr(GDateTime) modified = rs_azure_parse_http_date (rs_http_response_get_header (response, "last-modified"));
  g_autofree char *etag = rs_azure_etag_unquote (rs_http_response_get_header (response, "etag"));
  g_autofree char *digest = rs_azure_digest_from_md5 (rs_http_response_get_header (response, "content-md5"));
  g_autoptr(GHashTable) metadata = rs_azure_metadata_new ();

  if (modified != NULL)
    rs_fileinfo_set_modified (info, modified);
  rs_fileinfo_set_etag (info, etag);
  rs_fileinfo_set_digest (info, digest);
  rs_fileinfo_set_content_type (info, rs_http_response_get_header (response, "content-type"));
  fill_metadata (metadata, response);
  rs_fileinfo_set_metadata (info, metadata);
  return info;
}

RsWriteResult *
rs_azure_write_result_from_response (const char     *key,
                                     gint64          size,
                                     GHashTable     *metadata,
                                     RsHttpResponse *response)
{
  RsWriteResult *result = rs_write_result_new (key, size, RS_RESULT_SOURCE_NATIVE);
  g_autoptr(GDateTime) modified = rs_azure_parse_http_date (rs_http_response_get_header (response, "last-modified"));
  g_autofree char *etag = rs_azure_etag_unquote (rs_http_response_get_header (response, "etag"));
  g_autofree char *digest = rs_azure_digest_from_md5 (rs_http_response_get_header (response, "content-md5"));

  rs_write_result_set_etag (result, etag);
  rs_write_result_set_version_id (result, rs_http_response_get_header (response, "x-ms-version-id"));
  if (modified != NULL)
    rs_write_result_set_last_modified (result, modified);
  rs_write_result_set_digest (result, digest);
  rs_write_result_set_metadata (result, metadata);
  return result;
}

/* ---- a request and its answer ------------------------------------------- */

/* Runs @request for @task and calls @then with the response (any
 * status), or returns the transport error on @task. */
typedef void (*ThenFunc) (GTask *task, RsHttpResponse *response);

typedef struct
{
  GTask *task;
  ThenFunc then;
} Step;

static void
step_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Step *step = user_data;
  RsAzureBackend *self = g_task_get_source_object (step->task);
  GError *error = NULL;
  g_autoptr(RsHttpResponse) response = rs_azure_client_send_finish (self->client, result, &error);

  if (response == NULL)
    g_task_return_error (step->task, error);
  else
    step->then (step->task, response);
  g_object_unref (step->task);
  g_free (step);
}

static void
run (GTask         *task,
     RsHttpRequest *request,
     gboolean       create_container,
     ThenFunc       then)
{
  RsAzureBackend *self = g_task_get_source_object (task);
  Step *step = g_new0 (Step, 1);

  step->task = g_object_ref (task);
  step->then = then;
  rs_azure_client_send_async (self->client, request, create_container,
                              g_task_get_cancellable (task), step_done, step);
}

static gboolean
ok (RsHttpResponse *response)
{
  guint status = rs_http_response_get_status (response);

  return status >= 200 && status < 300;
}

static GTask *
new_task (RsBackend           *backend,
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

static char *
list_query (const char *prefix,
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

/* ---- stat ----------------------------------------------------------------- */

/* Get Blob Properties on the key and a one-entry listing of "key/" go
 * out together: a write's checks stat a key that is usually missing, and
 * a missing blob needs the listing to tell a folder from nothing. */
typedef struct
{
  char *key;
  RsHttpResponse *head;
  RsHttpResponse *list;
  GError *head_error;
  GError *list_error;
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
  if (stat->head != NULL && ok (stat->head))
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
  status = rs_http_response_get_status (stat->list);
  if (status == 404)
    {
      g_set_error_literal (error, RS_ERROR, RS_ERROR_NOT_FOUND, _("No such file or folder"));
      return NULL;
    }
  if (!ok (stat->list))
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
    rs_azure_client_send_finish (SELF (g_task_get_source_object (task))->client, result, &error);

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
    rs_azure_client_send_finish (SELF (g_task_get_source_object (task))->client, result, &error);

  stat_part_done (task, response, error, FALSE);
}

static void
stat_start (RsBackend           *backend,
            const char          *key,
            gboolean             folder_only,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  RsAzureBackend *self = SELF (backend);
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  StatData *stat;
  g_autofree char *prefix = NULL;
  g_autofree char *query = NULL;
  g_autoptr(RsHttpRequest) head = NULL;
  g_autoptr(RsHttpRequest) list = NULL;

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
  prefix = g_strconcat (key, "/", NULL);
  query = list_query (prefix, FALSE, NULL, 1, FALSE);
  list = rs_azure_client_request (self->client, "GET", NULL, query, 0);
  if (!folder_only)
    {
      head = rs_azure_client_request (self->client, "HEAD", key, NULL, 0);
      rs_azure_client_send_async (self->client, head, FALSE, cancellable, stat_head_done, g_object_ref (task));
    }
  rs_azure_client_send_async (self->client, list, FALSE, cancellable, stat_list_done, g_object_ref (task));
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

/* Only the folder half of stat_key, for the core's write check. */
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

/* ---- read ----------------------------------------------------------------- */

/* How the shared ranged-read stream asks the Blob service for a blob. */
static RsHttpRequest *
blob_request (GObject    *owner,
              const char *key,
              const char *method)
{
  return rs_azure_client_request (SELF (owner)->client, method, key, NULL, 0);
}

static void
blob_send_async (GObject             *owner,
                 RsHttpRequest       *request,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  rs_azure_client_send_async (SELF (owner)->client, request, FALSE, cancellable, callback, user_data);
}

static RsHttpResponse *
blob_send_finish (GObject       *owner,
                  GAsyncResult  *result,
                  GError       **error)
{
  return rs_azure_client_send_finish (SELF (owner)->client, result, error);
}

static const RsHttpObjectSource blob_source = {
  blob_request, blob_send_async, blob_send_finish, rs_azure_response_error,
};

static void
azure_open_read_async (RsBackend           *backend,
                       const char          *key,
                       gint64               offset,
                       gint64               length,
                       int                  io_priority,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  rs_http_read_stream_open_async (&blob_source, G_OBJECT (backend), key, offset, length, cancellable,
                                  callback, user_data);
}

static GInputStream *
azure_open_read_finish (RsBackend     *backend,
                        GAsyncResult  *result,
                        GError       **error)
{
  return rs_http_read_stream_open_finish (result, error);
}

/* ---- write ---------------------------------------------------------------- */

static void
azure_open_write_async (RsBackend           *backend,
                        const char          *key,
                        RsWriteFlags         flags,
                        GHashTable          *metadata,
                        int                  io_priority,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, azure_open_write_async);
  /* Nothing to ask the service yet: blocks go out as they fill. */
  g_task_return_pointer (task, rs_azure_writer_new (SELF (backend), key, flags, metadata), g_object_unref);
}

static RsBackendWriter *
azure_open_write_finish (RsBackend     *backend,
                         GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- delete ----------------------------------------------------------------- */

static void
delete_done (GTask          *task,
             RsHttpResponse *response)
{
  if (ok (response))
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
  g_autoptr(GTask) task = new_task (backend, azure_delete_file_async, key, cancellable, callback, user_data);
  g_autoptr(RsHttpRequest) request = rs_azure_client_request (SELF (backend)->client, "DELETE", key, NULL, 0);

  /* A deleted file is gone whatever the cancellable says afterwards. */
  g_task_set_check_cancellable (task, FALSE);
  run (task, request, FALSE, delete_done);
}

static gboolean
azure_boolean_finish (RsBackend     *backend,
                      GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- list ------------------------------------------------------------------ */

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
  if (!ok (response))
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
  RsAzureBackend *self = SELF (backend);
  g_autoptr(GTask) task = new_task (backend, azure_list_page_async, prefix, cancellable, callback, user_data);
  g_autofree char *folder = *prefix != '\0' ? g_strconcat (prefix, "/", NULL) : g_strdup ("");
  g_autofree char *query = list_query (folder, !recursive, token, self->page_size, TRUE);
  g_autoptr(RsHttpRequest) request = rs_azure_client_request (self->client, "GET", NULL, query, 0);

  run (task, request, FALSE, list_done);
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

/* ---- copy (server-side, polled while pending) ------------------------------ */

typedef struct
{
  char *destination;
  guint polls;
  GError *error;                /* a copy that ended badly, told once cleaned up */
} CopyData;

static void
copy_data_free (gpointer data)
{
  CopyData *copy = data;

  g_free (copy->destination);
  g_clear_error (&copy->error);
  g_free (copy);
}

static void copy_check (GTask *task, RsHttpResponse *response);

static gboolean
copy_poll (gpointer user_data)
{
  GTask *task = user_data;
  RsAzureBackend *self = g_task_get_source_object (task);
  CopyData *copy = g_task_get_task_data (task);
  g_autoptr(RsHttpRequest) request = rs_azure_client_request (self->client, "HEAD", copy->destination, NULL, 0);

  run (task, request, FALSE, copy_check);
  return G_SOURCE_REMOVE;
}

static void
copy_leftover_deleted (GTask          *task,
                       RsHttpResponse *response)
{
  CopyData *copy = g_task_get_task_data (task);

  if (!ok (response) && rs_http_response_get_status (response) != 404)
    g_debug ("azure: the failed copy to %s left a blob that could not be deleted (HTTP %u)",
             copy->destination, rs_http_response_get_status (response));
  g_task_return_error (task, g_steal_pointer (&copy->error));
}

/* A copy that failed or was aborted leaves a destination blob without
 * its content (empty, or partial): it goes before the error is told. */
static void
copy_ended_badly (GTask          *task,
                  RsHttpResponse *response,
                  const char     *status)
{
  RsAzureBackend *self = g_task_get_source_object (task);
  CopyData *copy = g_task_get_task_data (task);
  const char *why = rs_http_response_get_header (response, "x-ms-copy-status-description");
  g_autoptr(RsHttpRequest) request = rs_azure_client_request (self->client, "DELETE", copy->destination, NULL, 0);

  copy->error = g_error_new (RS_ERROR, RS_ERROR_FAILED, _("The server-side copy to “%s” ended as “%s”: %s"),
                             copy->destination, status, why != NULL ? why : _("no reason given"));
  run (task, request, FALSE, copy_leftover_deleted);
}

/* The copy status of a Copy Blob or Get Blob Properties answer. */
static void
copy_check (GTask          *task,
            RsHttpResponse *response)
{
  CopyData *copy = g_task_get_task_data (task);
  const char *status;

  if (!ok (response))
    {
      GError *error = rs_azure_response_error (response);

      /* Without OVERWRITE the destination was sent If-None-Match: *. */
      if (rs_http_response_get_status (response) == 412)
        error->code = RS_ERROR_ALREADY_EXISTS;
      g_task_return_error (task, error);
      return;
    }
  status = rs_http_response_get_header (response, "x-ms-copy-status");
  if (status == NULL || strcmp (status, "success") == 0)
    g_task_return_boolean (task, TRUE);
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
  RsAzureBackend *self = SELF (backend);
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  CopyData *copy = g_new0 (CopyData, 1);
  g_autofree char *source_url = rs_azure_client_source_url (self->client, source);
  g_autoptr(RsHttpRequest) request = rs_azure_client_request (self->client, "PUT", destination, NULL, 0);

  g_task_set_source_tag (task, azure_copy_async);
  g_task_set_check_cancellable (task, FALSE);
  copy->destination = g_strdup (destination);
  g_task_set_task_data (task, copy, copy_data_free);
  /* Within one account the request's own authorisation covers the source. */
  rs_http_request_set_header (request, "x-ms-copy-source", source_url);
  if (!(flags & RS_COPY_OVERWRITE))
    rs_http_request_set_header (request, "if-none-match", "*");
  run (task, request, FALSE, copy_check);
}

/* ---- ping and close ---------------------------------------------------------- */

static void
ping_done (GTask          *task,
           RsHttpResponse *response)
{
  /* A missing container is a reachable, empty store. */
  if (ok (response) || (rs_http_response_get_status (response) == 404 &&
                        g_strcmp0 (rs_azure_response_code (response), "ContainerNotFound") == 0))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, rs_azure_response_error (response));
}

static void
azure_ping_async (RsBackend           *backend,
                  int                  io_priority,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (backend, azure_ping_async, "", cancellable, callback, user_data);
  g_autoptr(RsHttpRequest) request =
    rs_azure_client_request (SELF (backend)->client, "HEAD", NULL, "restype=container", 0);

  run (task, request, FALSE, ping_done);
}

static gboolean
azure_close (RsBackend     *backend,
             GCancellable  *cancellable,
             GError       **error)
{
  rs_azure_shutdown (SELF (backend)->client);
  return TRUE;
}

/* ---- addressing ---------------------------------------------------------------- */

static char *
azure_native_path (RsBackend  *backend,
                   const char *key)
{
  return g_strdup_printf ("%s/%s", rs_azure_client_get_container_url (SELF (backend)->client), key);
}

static char *
azure_to_key (RsBackend   *backend,
              const char  *native_path,
              GError     **error)
{
  const char *base = rs_azure_client_get_container_url (SELF (backend)->client);
  gsize len = strlen (base);

  if (strncmp (native_path, base, len) == 0 && (native_path[len] == '\0' || native_path[len] == '/'))
    return g_strdup (native_path[len] == '/' ? native_path + len + 1 : "");
  g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("“%s” is not in the container %s"),
               native_path, base);
  return NULL;
}

static void
azure_describe (RsBackend  *backend,
                const char *key,
                GHashTable *details)
{
  RsAzureBackend *self = SELF (backend);

  g_hash_table_insert (details, g_strdup ("container"), g_strdup (self->container));
  g_hash_table_insert (details, g_strdup ("account"), g_strdup (self->options.account));
  g_hash_table_insert (details, g_strdup ("endpoint"), g_strdup (self->options.endpoint));
}

/* ---- construction ---------------------------------------------------------------- */

static char *
secret_value (RsSecret *secret)
{
  return secret != NULL && !rs_secret_is_empty (secret) ? g_strdup (rs_secret_reveal (secret)) : NULL;
}

static gboolean
rs_azure_backend_initable_init_impl (GInitable     *initable,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  RsAzureBackend *self = SELF (initable);
  RsBackend *backend = RS_BACKEND (initable);
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *connection_string = secret_value (self->connection_string);
  RsHttpOptions http;
  g_autoptr(RsHttpEngine) engine = NULL;
  g_autofree char *location = NULL;

  if (self->container == NULL || *self->container == '\0')
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("No Azure container given (azure://CONTAINER/…)"));
      return FALSE;
    }
  self->options.key = secret_value (self->key);
  self->options.sas = secret_value (self->sas);
  if (self->options.sas != NULL && self->options.sas[0] == '?')
    memmove (self->options.sas, self->options.sas + 1, strlen (self->options.sas));
  if (!rs_azure_credentials_resolve (&self->options, connection_string, (const char *const *) envp, error))
    return FALSE;

  rs_http_options_init (&http);
  http.max_host_connections = self->max_connections;
  http.retry = rs_retry_policy_copy (rs_backend_get_retry_policy (backend));
  g_debug ("azure: %s, container %s, %s, %u attempts", self->options.endpoint, self->container,
           self->options.key != NULL ? "SharedKey" : self->options.sas != NULL ? "SAS" : "anonymous",
           rs_retry_policy_get_attempts (http.retry));
  engine = rs_http_engine_new (&http);
  rs_http_options_clear (&http);
  self->client = rs_azure_client_new (&self->options, self->container, engine, error);
  if (self->client == NULL)
    return FALSE;

  location = g_strdup_printf ("azure://%s", self->container);
  rs_backend_set_location (backend, location);
  rs_backend_set_capabilities (backend,
                               RS_CAPABILITY_READ | RS_CAPABILITY_WRITE | RS_CAPABILITY_DELETE |
                               RS_CAPABILITY_LIST | RS_CAPABILITY_MOVE | RS_CAPABILITY_COPY |
                               RS_CAPABILITY_ATOMIC_WRITE | RS_CAPABILITY_METADATA |
                               RS_CAPABILITY_USER_METADATA | RS_CAPABILITY_WRITE_RESULT_NATIVE |
                               RS_CAPABILITY_LAZY_READ | RS_CAPABILITY_SEEKABLE_READ |
                               RS_CAPABILITY_NATIVE_ASYNC);
  /* Create-only writes carry If-None-Match: *, which the service honours. */
  rs_backend_set_facts (backend, RS_BACKEND_FACTS_FLAT_NAMESPACE | RS_BACKEND_FACTS_ATOMIC_PUT |
                                 RS_BACKEND_FACTS_TERMINAL_CLOSE | RS_BACKEND_FACTS_EXCLUSIVE_CREATE);
  return TRUE;
}

static void
rs_azure_backend_initable_init (GInitableIface *iface)
{
  iface->init = rs_azure_backend_initable_init_impl;
}

static void
rs_azure_backend_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RsAzureBackend *self = SELF (object);

  switch (prop_id)
    {
    case PROP_CONTAINER:
      g_value_set_string (value, self->container);
      break;
    case PROP_ACCOUNT:
      g_value_set_string (value, self->options.account);
      break;
    case PROP_ENDPOINT:
      g_value_set_string (value, self->options.endpoint);
      break;
    case PROP_KEY:
      g_value_set_boxed (value, self->key);
      break;
    case PROP_SAS:
      g_value_set_boxed (value, self->sas);
      break;
    case PROP_CONNECTION_STRING:
      g_value_set_boxed (value, self->connection_string);
      break;
    case PROP_BLOCK_SIZE:
      g_value_set_uint (value, self->block_size);
      break;
    case PROP_CONCURRENCY:
      g_value_set_uint (value, self->concurrency);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_MAX_CONNECTIONS:
      g_value_set_uint (value, self->max_connections);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_azure_backend_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RsAzureBackend *self = SELF (object);

  switch (prop_id)
    {
    case PROP_CONTAINER:
      g_free (self->container);
      self->container = g_value_dup_string (value);
      break;
    case PROP_ACCOUNT:
      g_free (self->options.account);
      self->options.account = g_value_dup_string (value);
      break;
    case PROP_ENDPOINT:
      g_free (self->options.endpoint);
      self->options.endpoint = g_value_dup_string (value);
      break;
    case PROP_KEY:
      g_clear_pointer (&self->key, rs_secret_unref);
      self->key = g_value_dup_boxed (value);
      break;
    case PROP_SAS:
      g_clear_pointer (&self->sas, rs_secret_unref);
      self->sas = g_value_dup_boxed (value);
      break;
    case PROP_CONNECTION_STRING:
      g_clear_pointer (&self->connection_string, rs_secret_unref);
      self->connection_string = g_value_dup_boxed (value);
      break;
    case PROP_BLOCK_SIZE:
      self->block_size = g_value_get_uint (value);
      break;
    case PROP_CONCURRENCY:
      self->concurrency = g_value_get_uint (value);
      break;
    case PROP_PAGE_SIZE:
      self->page_size = g_value_get_uint (value);
      break;
    case PROP_MAX_CONNECTIONS:
      self->max_connections = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_azure_backend_finalize (GObject *object)
{
  RsAzureBackend *self = SELF (object);

  g_clear_pointer (&self->client, rs_azure_client_unref);
  g_free (self->container);
  rs_azure_credentials_clear (&self->options);
  g_clear_pointer (&self->key, rs_secret_unref);
  g_clear_pointer (&self->sas, rs_secret_unref);
  g_clear_pointer (&self->connection_string, rs_secret_unref);
  G_OBJECT_CLASS (rs_azure_backend_parent_class)->finalize (object);
}

static void
rs_azure_backend_class_init (RsAzureBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RsBackendClass *backend_class = RS_BACKEND_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = rs_azure_backend_get_property;
  object_class->set_property = rs_azure_backend_set_property;
  object_class->finalize = rs_azure_backend_finalize;

  backend_class->name = "azure";
  backend_class->stat_key_async = azure_stat_key_async;
  backend_class->stat_key_finish = azure_stat_key_finish;
  backend_class->stat_folder_key_async = azure_stat_folder_key_async;
  backend_class->stat_folder_key_finish = azure_stat_key_finish;
  backend_class->open_read_async = azure_open_read_async;
  backend_class->open_read_finish = azure_open_read_finish;
  backend_class->open_write_async = azure_open_write_async;
  backend_class->open_write_finish = azure_open_write_finish;
  backend_class->delete_file_async = azure_delete_file_async;
  backend_class->delete_file_finish = azure_boolean_finish;
  backend_class->list_page_async = azure_list_page_async;
  backend_class->list_page_finish = azure_list_page_finish;
  backend_class->copy_async = azure_copy_async;
  backend_class->copy_finish = azure_boolean_finish;
  backend_class->ping_async = azure_ping_async;
  backend_class->ping_finish = azure_boolean_finish;
  backend_class->close = azure_close;
  /* azure://CONTAINER/PREFIX */
  backend_class->uri_host_option = "container";
  backend_class->native_path = azure_native_path;
  backend_class->to_key = azure_to_key;
  backend_class->describe = azure_describe;

  props[PROP_CONTAINER] =
    g_param_spec_string ("container", NULL, "The blob container (the URI's host)", NULL, flags);
  props[PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, "The storage account name", NULL, flags);
  props[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL,
                         "The blob service URL (default https://ACCOUNT.blob.core.windows.net)",
                         NULL, flags);
  props[PROP_KEY] =
    g_param_spec_boxed ("key", NULL, "The account key, for SharedKey signing", RS_TYPE_SECRET, flags);
  props[PROP_SAS] =
    g_param_spec_boxed ("sas", NULL, "A shared access signature token, used without a key",
                        RS_TYPE_SECRET, flags);
  props[PROP_CONNECTION_STRING] =
    g_param_spec_boxed ("connection-string", NULL, "An Azure storage connection string",
                        RS_TYPE_SECRET, flags);
  props[PROP_BLOCK_SIZE] =
    g_param_spec_uint ("block-size", NULL, "Bytes per staged block of a large write",
                       64 * 1024, 4000u * 1024 * 1024, 8 * 1024 * 1024, flags);
  props[PROP_CONCURRENCY] =
    g_param_spec_uint ("concurrency", NULL, "Blocks of one write uploaded in parallel",
                       1, 64, 4, flags);
  props[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, "Entries per listing request", 1, 5000, 5000, flags);
  props[PROP_MAX_CONNECTIONS] =
    g_param_spec_uint ("max-connections", NULL, "Connections per host (0: no cap)", 0, 1024, 64, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_azure_backend_init (RsAzureBackend *self)
{
  self->block_size = 8 * 1024 * 1024;
  self->concurrency = 4;
  self->page_size = 5000;
  self->max_connections = 64;
}
