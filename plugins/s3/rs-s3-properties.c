/* rs-s3-properties.c: the backend's options as GObject properties (the
 * URI query or an options table sets them at construction) */
#include "rs-s3-backend-private.h"

enum
{
  PROP_0, PROP_BUCKET, PROP_ENDPOINT, PROP_REGION, PROP_PATH_STYLE, PROP_ACCESS_KEY,
  PROP_SECRET_KEY, PROP_SESSION_TOKEN, PROP_PROFILE, PROP_PART_SIZE, PROP_CONCURRENCY,
  PROP_MAX_CONNECTIONS, PROP_CONNECT_TIMEOUT, PROP_IDLE_TIMEOUT, PROP_TOTAL_TIMEOUT,
  PROP_CA_FILE, PROP_PAGE_SIZE, PROP_CREATE_ONLY, PROP_MULTIPART_COPY_THRESHOLD, PROP_PAYLOAD_SIGNING, N_PROPS
};
static GParamSpec *props[N_PROPS];

static void
rs_s3_backend_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RsS3Backend *self = RS_S3_BACKEND (object);

  switch (prop_id)
    {
    case PROP_BUCKET: g_value_set_string (value, self->bucket); break;
    case PROP_ENDPOINT: g_value_set_string (value, self->endpoint); break;
    case PROP_REGION: g_value_set_string (value, self->region); break;
    case PROP_PATH_STYLE: g_value_set_boolean (value, self->path_style); break;
    case PROP_ACCESS_KEY: g_value_set_string (value, self->access_key); break;
    case PROP_SECRET_KEY: g_value_set_boxed (value, self->secret_key); break;
    case PROP_SESSION_TOKEN: g_value_set_boxed (value, self->session_token); break;
    case PROP_PROFILE: g_value_set_string (value, self->profile); break;
    case PROP_PART_SIZE: g_value_set_uint (value, self->part_size); break;
    case PROP_CONCURRENCY: g_value_set_uint (value, self->concurrency); break;
    case PROP_MAX_CONNECTIONS: g_value_set_uint (value, self->max_connections); break;
    case PROP_CONNECT_TIMEOUT: g_value_set_uint (value, self->connect_timeout_ms); break;
    case PROP_IDLE_TIMEOUT: g_value_set_uint (value, self->idle_timeout_ms); break;
    case PROP_TOTAL_TIMEOUT: g_value_set_uint (value, self->total_timeout_ms); break;
    case PROP_CA_FILE: g_value_set_string (value, self->ca_file); break;
    case PROP_PAGE_SIZE: g_value_set_uint (value, self->page_size); break;
    case PROP_CREATE_ONLY: g_value_set_string (value, self->create_only); break;
    case PROP_MULTIPART_COPY_THRESHOLD: g_value_set_uint64 (value, self->multipart_copy_threshold); break;
    case PROP_PAYLOAD_SIGNING: g_value_set_enum (value, self->payload_signing); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_s3_backend_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RsS3Backend *self = RS_S3_BACKEND (object);

  switch (prop_id)
    {
    case PROP_BUCKET: g_free (self->bucket); self->bucket = g_value_dup_string (value); break;
    case PROP_ENDPOINT: g_free (self->endpoint); self->endpoint = g_value_dup_string (value); break;
    case PROP_REGION: g_free (self->region); self->region = g_value_dup_string (value); break;
    case PROP_PATH_STYLE: self->path_style = g_value_get_boolean (value); break;
    case PROP_ACCESS_KEY: g_free (self->access_key); self->access_key = g_value_dup_string (value); break;
    case PROP_SECRET_KEY:
      g_clear_pointer (&self->secret_key, rs_secret_unref);
      self->secret_key = g_value_dup_boxed (value);
      break;
    case PROP_SESSION_TOKEN:
      g_clear_pointer (&self->session_token, rs_secret_unref);
      self->session_token = g_value_dup_boxed (value);
      break;
    case PROP_PROFILE: g_free (self->profile); self->profile = g_value_dup_string (value); break;
    case PROP_PART_SIZE: self->part_size = g_value_get_uint (value); break;
    case PROP_CONCURRENCY: self->concurrency = g_value_get_uint (value); break;
    case PROP_MAX_CONNECTIONS: self->max_connections = g_value_get_uint (value); break;
    case PROP_CONNECT_TIMEOUT: self->connect_timeout_ms = g_value_get_uint (value); break;
    case PROP_IDLE_TIMEOUT: self->idle_timeout_ms = g_value_get_uint (value); break;
    case PROP_TOTAL_TIMEOUT: self->total_timeout_ms = g_value_get_uint (value); break;
    case PROP_CA_FILE: g_free (self->ca_file); self->ca_file = g_value_dup_string (value); break;
    case PROP_PAGE_SIZE: self->page_size = g_value_get_uint (value); break;
    case PROP_CREATE_ONLY: g_free (self->create_only); self->create_only = g_value_dup_string (value); break;
    case PROP_MULTIPART_COPY_THRESHOLD: self->multipart_copy_threshold = g_value_get_uint64 (value); break;
    case PROP_PAYLOAD_SIGNING: self->payload_signing = g_value_get_enum (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
rs_s3_backend_install_properties (GObjectClass *object_class)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = rs_s3_backend_get_property;
  object_class->set_property = rs_s3_backend_set_property;
  props[PROP_BUCKET] = g_param_spec_string ("bucket", NULL, "The bucket", NULL, flags);
  props[PROP_ENDPOINT] = g_param_spec_string ("endpoint", NULL,
    "Base URL of the S3 service (default https://s3.REGION.amazonaws.com)", NULL, flags);
  props[PROP_REGION] = g_param_spec_string ("region", NULL,
    "Signing region (default $AWS_REGION, the profile's, else us-east-1)", NULL, flags);
  props[PROP_PATH_STYLE] = g_param_spec_boolean ("path-style", NULL,
    "Address objects as ENDPOINT/bucket/key rather than bucket.HOST/key", FALSE, flags);
  props[PROP_ACCESS_KEY] = g_param_spec_string ("access-key-id", NULL,
    "Access key id (default $AWS_ACCESS_KEY_ID or the profile)", NULL, flags);
  props[PROP_SECRET_KEY] = g_param_spec_boxed ("secret-access-key", NULL,
    "Secret access key (never printed)", RS_TYPE_SECRET, flags);
  props[PROP_SESSION_TOKEN] = g_param_spec_boxed ("session-token", NULL,
    "Session token of temporary credentials (never printed)", RS_TYPE_SECRET, flags);
  props[PROP_PROFILE] = g_param_spec_string ("profile", NULL,
    "Profile in ~/.aws/credentials and ~/.aws/config (default $AWS_PROFILE)", NULL, flags);
  props[PROP_PART_SIZE] = g_param_spec_uint ("part-size", NULL,
    "Multipart part size in bytes; larger writes are sent in parts", 5 * 1024 * 1024,
    G_MAXUINT32, 8 * 1024 * 1024, flags);
  props[PROP_CONCURRENCY] = g_param_spec_uint ("concurrency", NULL,
    "Parts uploaded in parallel per write", 1, 256, 4, flags);
  props[PROP_MAX_CONNECTIONS] = g_param_spec_uint ("max-connections", NULL,
    "Connections per host (0: no cap)", 0, 4096, 16, flags);
  props[PROP_CONNECT_TIMEOUT] = g_param_spec_uint ("connect-timeout-ms", NULL,
    "Connect deadline in milliseconds (0: none)", 0, G_MAXUINT, 10000, flags);
  props[PROP_IDLE_TIMEOUT] = g_param_spec_uint ("idle-timeout-ms", NULL,
    "Fail a request after this long without a byte (0: never)", 0, G_MAXUINT, 30000, flags);
  props[PROP_TOTAL_TIMEOUT] = g_param_spec_uint ("total-timeout-ms", NULL,
    "Deadline of one request attempt (0: none)", 0, G_MAXUINT, 0, flags);
  props[PROP_CA_FILE] = g_param_spec_string ("ca-file", NULL,
    "CA bundle for TLS (default $AWS_CA_BUNDLE, $SSL_CERT_FILE, the system's)", NULL, flags);
  props[PROP_PAGE_SIZE] = g_param_spec_uint ("page-size", NULL,
    "Keys per listing request", 1, 1000, 1000, flags);
  props[PROP_CREATE_ONLY] = g_param_spec_string ("create-only", NULL,
    "Create-only writes: native (If-None-Match: * and the core's check), exclusive (If-None-Match: * alone for small writes) or check (the core's check only)", "native", flags);
  props[PROP_MULTIPART_COPY_THRESHOLD] = g_param_spec_uint64 ("multipart-copy-threshold", NULL,
    "Copies of larger objects use UploadPartCopy (S3's CopyObject limit: 5 GiB)",
    0, G_MAXUINT64, G_GUINT64_CONSTANT (5) << 30, flags);
  props[PROP_PAYLOAD_SIGNING] = g_param_spec_enum ("payload-signing", NULL,
    "Whether SigV4 covers object bytes: auto (unsigned over https, where TLS protects them; signed over http), signed or unsigned",
    RS_TYPE_S3_PAYLOAD_SIGNING, RS_S3_PAYLOAD_SIGNING_AUTO, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
}
