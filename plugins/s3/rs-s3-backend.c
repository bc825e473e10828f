/* rs-s3-backend.c: Amazon S3 and S3-compatible servers
 *
 * Every primitive is an async request (or two) on the backend's HTTP
 * engine: one I/O thread and one libcurl multi per backend, no thread per
 * operation, so the backend declares NATIVE_ASYNC and the core bridges its
 * sync API. Folders are virtual (key prefixes); a missing bucket behaves as
 * an absent container: nothing is there. Options (URI query or table):
 *
 *   bucket                 the bucket (the URI's host)
 *   endpoint               base URL (default https://s3.REGION.amazonaws.com)
 *   region                 signing region (default: AWS_REGION, the profile, us-east-1)
 *   path-style             /bucket/key URLs instead of bucket.host/key
 *   access-key-id, secret-access-key, session-token   credentials (else the
 *                          environment or the profile)
 *   profile                profile in ~/.aws/credentials and ~/.aws/config
 *   part-size              multipart part size in bytes (default 8 MiB)
 *   concurrency            parts in flight per write (default 4)
 *   max-connections        connections per host (default 16)
 *   connect-timeout-ms, idle-timeout-ms, total-timeout-ms   deadlines
 *   ca-file                CA bundle (default AWS_CA_BUNDLE, SSL_CERT_FILE, system)
 *   page-size              keys per listing request (default 1000)
 *   multipart-copy-threshold  copies above it use UploadPartCopy (5 GiB)
 *   create-only            "native" (If-None-Match: * as well as the core's
 *                          check, default), "exclusive" (If-None-Match: *
 *                          alone for small writes: for servers known to
 *                          honour it) or "check" (the core's check only)
 *   payload-signing        "auto" (object bytes unsigned over https, where
 *                          TLS protects them, signed over http; default),
 *                          "signed" or "unsigned"
 */
#include <glib/gi18n-lib.h>

#include <string.h>

#include "rs-s3-backend-private.h"
#include "rs-s3-primitives.h"
#include "rs-s3-writer.h"

G_DEFINE_FINAL_TYPE (RsS3Backend, rs_s3_backend, RS_TYPE_BACKEND)

/* ---- open_write --------------------------------------------------------- */

static RsBackendWriter *
s3_open_write (RsBackend     *backend,
               const char    *key,
               RsWriteFlags   flags,
               GHashTable    *metadata,
               GCancellable  *cancellable,
               GError       **error)
{
  /* No I/O until the first part is full or the commit. */
  return rs_s3_writer_new (RS_S3_BACKEND (backend), key, flags, metadata);
}

/* ---- ping and close ----------------------------------------------------- */

static void
s3_ping_async (RsBackend           *backend,
               int                  io_priority,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  RsS3Backend *self = RS_S3_BACKEND (backend);
  GTask *task = rs_s3_backend_new_task (self, s3_ping_async, "", cancellable, callback, user_data);
  g_autoptr(RsHttpRequest) request = rs_s3_backend_new_request (self, "HEAD", NULL, NULL);

  rs_s3_backend_send_async (self, request, NULL, cancellable, rs_s3_backend_boolean_done, task);
}

static gboolean
s3_close (RsBackend     *backend,
          GCancellable  *cancellable,
          GError       **error)
{
  RsS3Backend *self = RS_S3_BACKEND (backend);

  if (self->engine != NULL)
    rs_http_engine_shutdown (self->engine);
  return TRUE;
}

/* ---- addressing ---------------------------------------------------------- */

static char *
s3_native_path (RsBackend  *backend,
                const char *key)
{
  return g_strdup_printf ("s3://%s/%s", RS_S3_BACKEND (backend)->bucket, key);
}

static char *
s3_to_key (RsBackend   *backend,
           const char  *native_path,
           GError     **error)
{
  g_autofree char *prefix = g_strdup_printf ("s3://%s/", RS_S3_BACKEND (backend)->bucket);

  if (!g_str_has_prefix (native_path, prefix))
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("“%s” is not in bucket %s"),
                   native_path, RS_S3_BACKEND (backend)->bucket);
      return NULL;
    }
  return g_strdup (native_path + strlen (prefix));
}

static void
s3_describe (RsBackend  *backend,
             const char *key,
             GHashTable *details)
{
  RsS3Backend *self = RS_S3_BACKEND (backend);

  g_hash_table_insert (details, g_strdup ("bucket"), g_strdup (self->bucket));
  g_hash_table_insert (details, g_strdup ("endpoint"), g_strdup (self->endpoint));
  g_hash_table_insert (details, g_strdup ("region"), g_strdup (self->region));
  g_hash_table_insert (details, g_strdup ("addressing"), g_strdup (self->path_style ? "path" : "virtual-host"));
  g_hash_table_insert (details, g_strdup ("create-only"),
                       g_strdup (rs_s3_backend_get_create_only_native (self)
                                 ? (rs_backend_get_facts (RS_BACKEND (self)) & RS_BACKEND_FACTS_EXCLUSIVE_CREATE
                                    ? "exclusive (If-None-Match: * alone for small writes)"
                                    : "native (If-None-Match: * and the core's existence check)")
                                 : g_atomic_int_get (&self->create_only_refused)
                                 ? "check (core existence check; the server refused If-None-Match)"
                                 : "check (core existence check)"));
  g_hash_table_insert (details, g_strdup ("payload-signing"),
                       g_strdup (self->unsigned_payload ? "unsigned (object bytes sent as UNSIGNED-PAYLOAD)"
                                                        : "signed (SHA-256 of every body)"));
  g_hash_table_insert (details, g_strdup ("credentials"),
                       g_strdup (self->credentials.access_key != NULL ? "signed (SigV4)" : "anonymous"));
}

/* ---- GObject ------------------------------------------------------------- */

static char *
build_base_url (RsS3Backend *self)
{
  g_autoptr(GUri) uri = g_uri_parse (self->endpoint, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *trimmed = g_strdup (self->endpoint);

  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  if (self->path_style || uri == NULL)
    return g_strdup_printf ("%s/%s", trimmed, self->bucket);
  {
    int port = g_uri_get_port (uri);
    g_autofree char *port_text = port > 0 ? g_strdup_printf (":%d", port) : g_strdup ("");

    return g_strdup_printf ("%s://%s.%s%s", g_uri_get_scheme (uri), self->bucket,
                            g_uri_get_host (uri), port_text);
  }
}

static void
rs_s3_backend_constructed (GObject *object)
{
  RsS3Backend *self = RS_S3_BACKEND (object);
  RsBackend *backend = RS_BACKEND (object);
  g_autofree char *location = NULL;
  RsHttpOptions options;

  G_OBJECT_CLASS (rs_s3_backend_parent_class)->constructed (object);

  rs_s3_credentials_resolve (&self->credentials, self->access_key,
                             self->secret_key != NULL ? rs_secret_reveal (self->secret_key) : NULL,
                             self->session_token != NULL ? rs_secret_reveal (self->session_token) : NULL,
                             self->profile);
  if (self->region == NULL || self->region[0] == '\0')
    {
      const char *env = g_getenv ("AWS_REGION") != NULL ? g_getenv ("AWS_REGION") : g_getenv ("AWS_DEFAULT_REGION");

      g_free (self->region);
      self->region = g_strdup (env != NULL && env[0] != '\0' ? env
                               : self->credentials.region != NULL ? self->credentials.region : "us-east-1");
    }
  if (self->endpoint == NULL || self->endpoint[0] == '\0')
    {
      g_free (self->endpoint);
      self->endpoint = g_strdup_printf ("https://s3.%s.amazonaws.com", self->region);
    }
  if (self->bucket == NULL)
    self->bucket = g_strdup ("");
  self->base_url = build_base_url (self);
  self->unsigned_payload = self->payload_signing == RS_S3_PAYLOAD_SIGNING_UNSIGNED ||
                           (self->payload_signing == RS_S3_PAYLOAD_SIGNING_AUTO &&
                            g_str_has_prefix (self->base_url, "https:"));

  rs_http_options_init (&options);
  options.max_host_connections = self->max_connections;
  options.connect_timeout_ms = self->connect_timeout_ms;
  options.idle_timeout_ms = self->idle_timeout_ms;
  options.total_timeout_ms = self->total_timeout_ms;
  options.ca_file = self->ca_file;
  options.retry = rs_backend_get_retry_policy (backend);
  self->engine = rs_http_engine_new (&options);

  location = g_strdup_printf ("s3://%s", self->bucket);
  rs_backend_set_location (backend, location);
  rs_backend_set_capabilities (backend,
                               RS_CAPABILITY_READ | RS_CAPABILITY_WRITE | RS_CAPABILITY_DELETE |
                               RS_CAPABILITY_LIST | RS_CAPABILITY_MOVE | RS_CAPABILITY_COPY |
                               RS_CAPABILITY_ATOMIC_WRITE | RS_CAPABILITY_METADATA |
                               RS_CAPABILITY_USER_METADATA | RS_CAPABILITY_WRITE_RESULT_NATIVE |
                               RS_CAPABILITY_LAZY_READ | RS_CAPABILITY_SEEKABLE_READ |
                               RS_CAPABILITY_NATIVE_ASYNC);
  rs_backend_set_facts (backend, RS_BACKEND_FACTS_FLAT_NAMESPACE | RS_BACKEND_FACTS_ATOMIC_PUT |
                                 RS_BACKEND_FACTS_TERMINAL_CLOSE |
                                 (g_strcmp0 (self->create_only, "exclusive") == 0
                                  ? RS_BACKEND_FACTS_EXCLUSIVE_CREATE : 0));
}

static void
rs_s3_backend_finalize (GObject *object)
{
  RsS3Backend *self = RS_S3_BACKEND (object);

  g_clear_object (&self->engine);
  g_clear_pointer (&self->folder_probe, rs_http_folder_probe_free);
  rs_s3_credentials_clear (&self->credentials);
  g_free (self->bucket);
  g_free (self->endpoint);
  g_free (self->region);
  g_free (self->access_key);
  g_clear_pointer (&self->secret_key, rs_secret_unref);
  g_clear_pointer (&self->session_token, rs_secret_unref);
  g_free (self->profile);
  g_free (self->ca_file);
  g_free (self->create_only);
  g_free (self->base_url);
  G_OBJECT_CLASS (rs_s3_backend_parent_class)->finalize (object);
}

static void
rs_s3_backend_class_init (RsS3BackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RsBackendClass *backend_class = RS_BACKEND_CLASS (klass);

  object_class->constructed = rs_s3_backend_constructed;
  object_class->finalize = rs_s3_backend_finalize;

  backend_class->name = "s3";
  rs_s3_stat_install (backend_class);
  rs_s3_read_install (backend_class);
  backend_class->open_write = s3_open_write;
  rs_s3_delete_install (backend_class);
  rs_s3_list_install (backend_class);
  rs_s3_copy_install (backend_class);
  backend_class->ping_async = s3_ping_async;
  backend_class->ping_finish = rs_s3_backend_boolean_finish;
  backend_class->close = s3_close;
  /* s3://bucket/prefix */
  backend_class->uri_host_option = "bucket";
  backend_class->native_path = s3_native_path;
  backend_class->to_key = s3_to_key;
  backend_class->describe = s3_describe;

  rs_s3_backend_install_properties (object_class);
}

static void
rs_s3_backend_init (RsS3Backend *self)
{
  self->part_size = 8 * 1024 * 1024;
  self->concurrency = 4;
  self->max_connections = 16;
  self->connect_timeout_ms = 10000;
  self->idle_timeout_ms = 30000;
  self->page_size = 1000;
  self->create_only = g_strdup ("native");
  self->multipart_copy_threshold = G_GUINT64_CONSTANT (5) << 30;
  self->folder_probe = rs_s3_folder_probe_new (self);
}
