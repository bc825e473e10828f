/* rs-backend.c: the base class every backend plugin subclasses */
#include "config.h"

#include "rs-private.h"

/**
 * RsBackend:
 *
 * The base class of a storage backend. A plugin subclasses it, fills the
 * primitives of #RsBackendClass it can do, and declares facts about itself
 * with rs_backend_set_capabilities() and rs_backend_set_facts() (in `init`
 * or `constructed`). Applications normally meet a backend only through
 * rs_store_get_backend().
 *
 * Backend options are the subclass's properties: the registry turns string
 * options (from a URI, a configuration file or
 * rs_registry_create_backend()) into property values, so each property's
 * blurb documents an option. A secret option is an #RsSecret property and
 * never prints. Two options every backend has are defined here:
 * `retry-policy` and `reject-write-under-file-ancestor`.
 */
typedef struct
{
  char *location;
  RsCapabilities capabilities;
  RsBackendFacts facts;
  gint closed;
  RsRetryPolicy *retry_policy;
  gboolean reject_write_under_file_ancestor;
} RsBackendPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RsBackend, rs_backend, G_TYPE_OBJECT)

enum { PROP_0, PROP_LOCATION, PROP_CAPABILITIES, PROP_FACTS,
       PROP_RETRY_POLICY, PROP_REJECT_WRITE_UNDER_FILE_ANCESTOR, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
rs_backend_finalize (GObject *object)
{
  RsBackendPrivate *priv = rs_backend_get_instance_private (RS_BACKEND (object));

  g_free (priv->location);
  g_clear_pointer (&priv->retry_policy, rs_retry_policy_free);
  G_OBJECT_CLASS (rs_backend_parent_class)->finalize (object);
}

static void
rs_backend_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RsBackend *self = RS_BACKEND (object);
  RsBackendPrivate *priv = rs_backend_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_LOCATION:
      g_value_set_string (value, rs_backend_get_location (self));
      break;
    case PROP_CAPABILITIES:
      g_value_set_flags (value, priv->capabilities);
      break;
    case PROP_FACTS:
      g_value_set_flags (value, priv->facts);
      break;
    case PROP_RETRY_POLICY:
      g_value_set_boxed (value, priv->retry_policy);
      break;
    case PROP_REJECT_WRITE_UNDER_FILE_ANCESTOR:
      g_value_set_boolean (value, priv->reject_write_under_file_ancestor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_backend_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RsBackend *self = RS_BACKEND (object);
  RsBackendPrivate *priv = rs_backend_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_RETRY_POLICY:
      g_clear_pointer (&priv->retry_policy, rs_retry_policy_free);
      priv->retry_policy = g_value_get_boxed (value) != NULL
        ? g_value_dup_boxed (value) : rs_retry_policy_new ();
      break;
    case PROP_REJECT_WRITE_UNDER_FILE_ANCESTOR:
      priv->reject_write_under_file_ancestor = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
rs_backend_real_options_from_uri (RsBackendClass  *klass,
                                  GUri            *uri,
                                  GHashTable      *options,
                                  char           **root_path,
                                  GError         **error)
{
  const char *query = g_uri_get_query (uri);
  const char *host = g_uri_get_host (uri);

  if (host != NULL && host[0] != '\0' && klass->uri_host_option != NULL)
    g_hash_table_insert (options, g_strdup (klass->uri_host_option), g_strdup (host));
  else if (host != NULL && host[0] != '\0')
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("%s URIs do not take a host (“%s”)"), klass->name, host);
      return FALSE;
    }
  if (query != NULL)
    {
      g_autoptr(GHashTable) params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, error);
      GHashTableIter iter;
      gpointer key, value;

      if (params == NULL)
        return FALSE;
      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (options, g_strdup (key), g_strdup (value));
    }
  *root_path = g_strdup (g_uri_get_path (uri));
  return TRUE;
}

static char *
rs_backend_real_native_path (RsBackend  *self,
                             const char *key)
{
  return g_strdup (key);
}

static char *
rs_backend_real_to_key (RsBackend   *self,
                        const char  *native_path,
                        GError     **error)
{
  const char *reason = NULL;
  char *key = rs_path_normalize (native_path, &reason);

  if (key == NULL)
    g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH,
                 _("Invalid native path “%s”: %s"), native_path, _(reason));
  return key;
}

static void
rs_backend_class_init (RsBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rs_backend_finalize;
  object_class->get_property = rs_backend_get_property;
  object_class->set_property = rs_backend_set_property;

  klass->options_from_uri = rs_backend_real_options_from_uri;
  klass->native_path = rs_backend_real_native_path;
  klass->to_key = rs_backend_real_to_key;

  /**
   * RsBackend:location:
   *
   * Where the backend stores, as shown in messages (`memory://cache`,
   * `s3://bucket`…); never holds a credential.
   */
  props[PROP_LOCATION] = g_param_spec_string ("location", NULL, NULL, NULL,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * RsBackend:capabilities:
   *
   * What the backend can do.
   */
  props[PROP_CAPABILITIES] = g_param_spec_flags ("capabilities", NULL, NULL,
                                                 RS_TYPE_CAPABILITIES, 0,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * RsBackend:facts:
   *
   * Facts the backend declares about itself.
   */
  props[PROP_FACTS] = g_param_spec_flags ("facts", NULL, NULL, RS_TYPE_BACKEND_FACTS, 0,
                                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * RsBackend:retry-policy:
   *
   * How transient failures are retried (network backends).
   */
  props[PROP_RETRY_POLICY] =
    g_param_spec_boxed ("retry-policy", NULL,
                        "How transient failures are retried",
                        RS_TYPE_RETRY_POLICY,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  /**
   * RsBackend:reject-write-under-file-ancestor:
   *
   * On a flat namespace, refuse a write whose slash-aligned ancestor is an
   * existing file (costs one request per ancestor). Hierarchical backends
   * always refuse.
   */
  props[PROP_REJECT_WRITE_UNDER_FILE_ANCESTOR] =
    g_param_spec_boolean ("reject-write-under-file-ancestor", NULL,
                          "On flat namespaces, refuse writes below an existing file "
                          "(one extra request per ancestor)",
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_backend_init (RsBackend *self)
{
}

/**
 * rs_backend_get_name:
 * @self: a backend
 *
 * Gets the backend's type name, such as `"memory"`.
 *
 * Returns: the backend's type name, such as `"memory"`
 */
const char *
rs_backend_get_name (RsBackend *self)
{
  const char *name;

  g_return_val_if_fail (RS_IS_BACKEND (self), NULL);
  name = RS_BACKEND_GET_CLASS (self)->name;
  return name != NULL ? name : G_OBJECT_TYPE_NAME (self);
}

/**
 * rs_backend_get_location:
 * @self: a backend
 *
 * Gets where the backend stores, as shown in messages.
 *
 * Returns: where the backend stores, as shown in messages
 */
const char *
rs_backend_get_location (RsBackend *self)
{
  RsBackendPrivate *priv = rs_backend_get_instance_private (self);

  g_return_val_if_fail (RS_IS_BACKEND (self), NULL);
  return priv->location != NULL ? priv->location : rs_backend_get_name (self);
}

/**
 * rs_backend_set_location:
 * @self: a backend
 * @location: where the backend stores; never a credential
 *
 * For subclasses: sets the location shown in messages.
 */
void
rs_backend_set_location (RsBackend  *self,
                         const char *location)
{
  RsBackendPrivate *priv = rs_backend_get_instance_private (self);

  g_return_if_fail (RS_IS_BACKEND (self));
  rs_set_str (&priv->location, location);
}

/**
 * rs_backend_get_capabilities:
 * @self: a backend
 *
 * Gets what the backend can do.
 *
 * Returns: what the backend can do
 */
RsCapabilities
rs_backend_get_capabilities (RsBackend *self)
{
  RsBackendPrivate *priv = rs_backend_get_instance_private (self);

  g_return_val_if_fail (RS_IS_BACKEND (self), 0);
  return priv->capabilities;
}

/**
 * rs_backend_set_capabilities:
 * @self: a backend
 * @capabilities: what the backend can do
 *
 * For subclasses, before the backend is used: declares the capabilities.
 */
void
rs_backend_set_capabilities (RsBackend      *self,
                             RsCapabilities  capabilities)
{
  RsBackendPrivate *priv = rs_backend_get_instance_private (self);

  g_return_if_fail (RS_IS_BACKEND (self));
  priv->capabilities = capabilities;
}

/**
 * rs_backend_get_facts:
 * @self: a backend
 *
 * Gets the facts the backend declares.
 *
 * Returns: the facts the backend declares
 */
RsBackendFacts
rs_backend_get_facts (RsBackend *self)
{
  RsBackendPrivate *priv = rs_backend_get_instance_private (self);

  g_return_val_if_fail (RS_IS_BACKEND (self), 0);
  return (RsBackendFacts) g_atomic_int_get ((gint *) &priv->facts);
}

/**
 * rs_backend_set_facts:
 * @self: a backend
 * @facts: facts about the backend
 *
 * For subclasses: declares the facts, before the backend is used. Only
 * %RS_BACKEND_FACTS_EXCLUSIVE_CREATE may be cleared later, from any
 * thread, when the service turns out not to honour it.
 */
void
rs_backend_set_facts (RsBackend      *self,
                      RsBackendFacts  facts)
{
  RsBackendPrivate *priv = rs_backend_get_instance_private (self);

  g_return_if_fail (RS_IS_BACKEND (self));
  g_atomic_int_set ((gint *) &priv->facts, (gint) facts);
}

/**
 * rs_backend_is_closed:
 * @self: a backend
 *
 * Checks whether the backend was closed through a store.
 *
 * Returns: whether the backend was closed through a store
 */
gboolean
rs_backend_is_closed (RsBackend *self)
{
  RsBackendPrivate *priv = rs_backend_get_instance_private (self);

  g_return_val_if_fail (RS_IS_BACKEND (self), FALSE);
  return g_atomic_int_get (&priv->closed) != 0;
}

void
rs_backend_mark_closed (RsBackend *self)
{
  RsBackendPrivate *priv = rs_backend_get_instance_private (self);

  g_atomic_int_set (&priv->closed, 1);
}

/**
 * rs_backend_get_retry_policy:
 * @self: a backend
 *
 * Gets the retry policy.
 *
 * Returns: (transfer none): the retry policy
 */
RsRetryPolicy *
rs_backend_get_retry_policy (RsBackend *self)
{
  RsBackendPrivate *priv = rs_backend_get_instance_private (self);

  g_return_val_if_fail (RS_IS_BACKEND (self), NULL);
  return priv->retry_policy;
}

/**
 * rs_backend_get_reject_write_under_file_ancestor:
 * @self: a backend
 *
 * Checks whether writes below an existing file are refused on a flat namespace.
 *
 * Returns: whether writes below an existing file are refused on a flat
 *   namespace
 */
gboolean
rs_backend_get_reject_write_under_file_ancestor (RsBackend *self)
{
  RsBackendPrivate *priv = rs_backend_get_instance_private (self);

  g_return_val_if_fail (RS_IS_BACKEND (self), FALSE);
  return priv->reject_write_under_file_ancestor;
}

/**
 * rs_backend_native_path:
 * @self: a backend
 * @key: a backend key
 *
 * Gets the backend's native name for @key.
 *
 * Returns: (transfer full): the backend's native name for @key
 */
char *
rs_backend_native_path (RsBackend  *self,
                        const char *key)
{
  g_return_val_if_fail (RS_IS_BACKEND (self), NULL);
  return RS_BACKEND_GET_CLASS (self)->native_path (self, key);
}

/**
 * rs_backend_to_key:
 * @self: a backend
 * @native_path: a native name, as from rs_backend_native_path()
 * @error: return location for a #GError
 *
 * Gets the key.
 *
 * Returns: (transfer full): the key, or %NULL for a name outside the backend
 */
char *
rs_backend_to_key (RsBackend   *self,
                   const char  *native_path,
                   GError     **error)
{
  g_return_val_if_fail (RS_IS_BACKEND (self), NULL);
  return RS_BACKEND_GET_CLASS (self)->to_key (self, native_path, error);
}
