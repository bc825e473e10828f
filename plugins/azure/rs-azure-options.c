/* rs-azure-options.c: the backend's options as GObject properties (the
 * URI query or an options table sets them at construction) */
#include "rs-azure-backend-private.h"

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

void
rs_azure_backend_install_properties (GObjectClass *object_class)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = rs_azure_backend_get_property;
  object_class->set_property = rs_azure_backend_set_property;
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
