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

#include "rs-azure-backend-private.h"
#include "rs-azure-primitives.h"
#include "rs-azure-writer.h"

static void rs_azure_backend_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RsAzureBackend, rs_azure_backend, RS_TYPE_BACKEND,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, rs_azure_backend_initable_init)
                               g_type_ensure (RS_TYPE_AZURE_WRITER))

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

guint
rs_azure_backend_get_page_size (RsAzureBackend *self)
{
  return self->page_size;
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

/* ---- ping and close ---------------------------------------------------------- */

static void
ping_done (GTask          *task,
           RsHttpResponse *response)
{
  /* A missing container is a reachable, empty store. */
  if (rs_azure_response_ok (response) ||
      (rs_http_response_get_status (response) == 404 &&
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
  g_autoptr(GTask) task = rs_azure_backend_new_task (backend, azure_ping_async, "", cancellable, callback,
                                                     user_data);
  g_autoptr(RsHttpRequest) request =
    rs_azure_client_request (SELF (backend)->client, "HEAD", NULL, "restype=container", 0);

  rs_azure_backend_run (task, request, FALSE, ping_done);
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
rs_azure_backend_finalize (GObject *object)
{
  RsAzureBackend *self = SELF (object);

  g_clear_pointer (&self->folder_probe, rs_http_folder_probe_free);
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

  object_class->finalize = rs_azure_backend_finalize;

  backend_class->name = "azure";
  rs_azure_stat_install (backend_class);
  rs_azure_read_install (backend_class);
  backend_class->open_write_async = azure_open_write_async;
  backend_class->open_write_finish = azure_open_write_finish;
  rs_azure_delete_install (backend_class);
  rs_azure_list_install (backend_class);
  rs_azure_copy_install (backend_class);
  backend_class->ping_async = azure_ping_async;
  backend_class->ping_finish = rs_azure_boolean_finish;
  backend_class->close = azure_close;
  /* azure://CONTAINER/PREFIX */
  backend_class->uri_host_option = "container";
  backend_class->native_path = azure_native_path;
  backend_class->to_key = azure_to_key;
  backend_class->describe = azure_describe;

  rs_azure_backend_install_properties (object_class);
}

static void
rs_azure_backend_init (RsAzureBackend *self)
{
  self->block_size = 8 * 1024 * 1024;
  self->concurrency = 4;
  self->page_size = 5000;
  self->max_connections = 64;
  self->folder_probe = rs_azure_folder_probe_new (self);
}
