/* rs-store.c: RsStore construction, addressing and the checks before I/O
 *
 * The I/O operations live in rs-store-ops.c (public wrappers) and the
 * rs-op-*.c step machines. */
#include "config.h"

#include "rs-store-private.h"

/**
 * RsStore:
 *
 * A logical folder (the root path) on a backend, and the single place
 * where the rules of the store contract live: it normalises and prefixes
 * paths, checks capabilities and arguments before any I/O, enforces the
 * semantics every backend shares, maps errors, and only then calls the
 * backend's primitives.
 *
 * A store is immutable and safe to use from any number of threads and
 * async callers at once. Every operation that may do I/O comes as a
 * synchronous call, and as an `_async`/`_finish` pair whose callback runs
 * in the thread-default main context of the thread that started it.
 *
 * Paths are `/`-separated UTF-8 strings relative to the store root; `\`
 * counts as `/`, empty and `.` segments are dropped, and a `..` segment is
 * refused with %RS_ERROR_INVALID_PATH. Every path a store returns can be
 * passed straight back to it.
 */
G_DEFINE_FINAL_TYPE (RsStore, rs_store, G_TYPE_OBJECT)

enum { PROP_0, PROP_BACKEND, PROP_ROOT_PATH, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
rs_store_finalize (GObject *object)
{
  RsStore *self = RS_STORE (object);

  g_clear_object (&self->backend);
  g_free (self->root);
  G_OBJECT_CLASS (rs_store_parent_class)->finalize (object);
}

static void
rs_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RsStore *self = RS_STORE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;
    case PROP_ROOT_PATH:
      g_value_set_string (value, self->root);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_store_class_init (RsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rs_store_finalize;
  object_class->get_property = rs_store_get_property;

  /**
   * RsStore:backend:
   *
   * The backend the store is on.
   */
  props[PROP_BACKEND] = g_param_spec_object ("backend", NULL, NULL, RS_TYPE_BACKEND,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * RsStore:root-path:
   *
   * The backend key of the store root (normalised; `""` is the backend root).
   */
  props[PROP_ROOT_PATH] = g_param_spec_string ("root-path", NULL, NULL, "",
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_store_init (RsStore *self)
{
}

/**
 * rs_store_new:
 * @backend: the backend
 * @root_path: (nullable): the folder on the backend the store is rooted at;
 *   %NULL or `""` for the backend root
 * @error: return location for a #GError
 *
 * Creates a store on @backend. No I/O: the root need not exist (it always
 * exists as far as the store is concerned). rs_store_close() closes
 * @backend, for every store on it.
 *
 * Returns: (transfer full): a new store, or %NULL if @root_path is invalid
 */
RsStore *
rs_store_new (RsBackend   *backend,
              const char  *root_path,
              GError     **error)
{
  const char *reason = NULL;
  char *root;
  RsStore *self;

  g_return_val_if_fail (RS_IS_BACKEND (backend), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = rs_path_normalize (root_path, &reason);
  if (root == NULL)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH,
                   _("Invalid store root “%s” on %s: %s"), root_path,
                   rs_backend_get_location (backend), _(reason));
      return NULL;
    }
  self = g_object_new (RS_TYPE_STORE, NULL);
  self->backend = g_object_ref (backend);
  self->root = root;
  return self;
}

/**
 * rs_store_new_for_uri:
 * @uri: a URI (`memory://`, `file:///srv/data`, `s3://bucket/prefix?…`) or
 *   `NAME:sub/path` naming a store of the configuration file
 * @error: return location for a #GError
 *
 * Opens a store through the default registry; see rs_registry_open().
 *
 * Returns: (transfer full): a new store, or %NULL on error
 */
RsStore *
rs_store_new_for_uri (const char  *uri,
                      GError     **error)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return rs_registry_open (rs_registry_get_default (), uri, error);
}

/**
 * rs_store_child:
 * @self: a store
 * @subpath: a path inside the store
 * @error: return location for a #GError
 *
 * A store rooted at @subpath of @self, on the same backend. No I/O.
 *
 * Returns: (transfer full): the child store, or %NULL if @subpath is invalid
 */
RsStore *
rs_store_child (RsStore     *self,
                const char  *subpath,
                GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *root = NULL;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  path = rs_store_check_path (self, subpath, TRUE, error);
  if (path == NULL)
    return NULL;
  root = rs_path_join (self->root, path);
  return rs_store_new (self->backend, root, error);
}

char *
rs_store_key (RsStore    *self,
              const char *path)
{
  return rs_path_join (self->root, path);
}

const char *
rs_store_path_for_key (RsStore    *self,
                       const char *key)
{
  return rs_path_strip_base (self->root, key);
}

/* How a store path appears in messages: the root shows as "/". */
const char *
rs_store_display_path (const char *path)
{
  return path != NULL && path[0] != '\0' ? path : "/";
}

gboolean
rs_store_is_flat (RsStore *self)
{
  return (rs_backend_get_facts (self->backend) & RS_BACKEND_FACTS_FLAT_NAMESPACE) != 0;
}

/* SEMANTICS.md rule 21: a closed backend refuses everything first. */
gboolean
rs_store_check_open (RsStore     *self,
                     const char  *path,
                     GError     **error)
{
  if ((rs_backend_get_facts (self->backend) & RS_BACKEND_FACTS_TERMINAL_CLOSE) &&
      rs_backend_is_closed (self->backend))
    {
      g_set_error (error, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE,
                   _("Cannot access “%s”: %s is closed"), rs_store_display_path (path),
                   rs_backend_get_location (self->backend));
      return FALSE;
    }
  return TRUE;
}

static char *
capability_names (RsCapabilities caps)
{
  GFlagsClass *klass = g_type_class_ref (RS_TYPE_CAPABILITIES);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    {
      GFlagsValue *v = &klass->values[i];

      if (v->value != 0 && (caps & v->value) == v->value)
        {
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, v->value_nick);
        }
    }
  g_type_class_unref (klass);
  return g_string_free (names, FALSE);
}

/* SEMANTICS.md rule 6, first gate. */
gboolean
rs_store_check_capability (RsStore         *self,
                           RsCapabilities   needed,
                           const char      *path,
                           GError         **error)
{
  RsCapabilities missing = needed & ~rs_backend_get_capabilities (self->backend);
  g_autofree char *names = NULL;

  if (missing == 0)
    return TRUE;
  names = capability_names (missing);
  g_set_error (error, RS_ERROR, RS_ERROR_CAPABILITY_NOT_SUPPORTED,
               _("Cannot access “%s”: %s does not support the capability “%s”"),
               rs_store_display_path (path), rs_backend_get_location (self->backend), names);
  return FALSE;
}

/* SEMANTICS.md rules 1–4: normalise, refuse `..` and, unless allowed, the
 * root. Returns the normalised store path. */
char *
rs_store_check_path (RsStore     *self,
                     const char  *path,
                     gboolean     allow_root,
                     GError     **error)
{
  const char *reason = NULL;
  char *normal = rs_path_normalize (path, &reason);

  if (normal == NULL)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("Invalid path “%s” on %s: %s"),
                   path, rs_backend_get_location (self->backend), _(reason));
      return NULL;
    }
  if (!allow_root && normal[0] == '\0')
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH,
                   _("“%s” names the root of the store on %s, which is a folder, not a file"),
                   path != NULL ? path : "", rs_backend_get_location (self->backend));
      g_free (normal);
      return NULL;
    }
  return normal;
}

/* SEMANTICS.md rules 6–7: metadata validation, then the metadata gate. */
gboolean
rs_store_check_metadata (RsStore     *self,
                         const char  *path,
                         GHashTable  *metadata,
                         GError     **error)
{
  const char *reason = NULL;

  if (!rs_metadata_validate (metadata, &reason))
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("Invalid metadata for “%s” on %s: %s"), path,
                   rs_backend_get_location (self->backend), _(reason));
      return FALSE;
    }
  if (metadata != NULL && g_hash_table_size (metadata) > 0)
    return rs_store_check_capability (self, RS_CAPABILITY_USER_METADATA, path, error);
  return TRUE;
}

/**
 * rs_store_resolve:
 * @self: a store
 * @path: a store path
 *
 * How @path maps onto the backend, without I/O and without failing: an
 * invalid path gives a plan of kind `"invalid"` whose `error` detail says
 * why. Works on a closed store.
 *
 * Returns: (transfer full): the plan
 */
RsResolutionPlan *
rs_store_resolve (RsStore    *self,
                  const char *path)
{
  const char *reason = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *key = NULL;
  g_autofree char *native = NULL;
  g_autofree char *caps = NULL;
  GHashTable *details;
  RsBackendFacts facts;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);

  details = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  facts = rs_backend_get_facts (self->backend);
  g_hash_table_insert (details, g_strdup ("location"), g_strdup (rs_backend_get_location (self->backend)));
  g_hash_table_insert (details, g_strdup ("root-path"), g_strdup (self->root));
  g_hash_table_insert (details, g_strdup ("namespace"),
                       g_strdup ((facts & RS_BACKEND_FACTS_FLAT_NAMESPACE) ? "flat" : "hierarchical"));
  g_hash_table_insert (details, g_strdup ("atomic-put"),
                       g_strdup ((facts & RS_BACKEND_FACTS_ATOMIC_PUT) ? "true" : "false"));
  caps = capability_names (rs_backend_get_capabilities (self->backend));
  g_hash_table_insert (details, g_strdup ("capabilities"), g_steal_pointer (&caps));

  normal = rs_path_normalize (path, &reason);
  if (normal == NULL)
    {
      g_hash_table_insert (details, g_strdup ("error"), g_strdup (_(reason)));
      return rs_resolution_plan_new ("invalid", rs_backend_get_name (self->backend),
                                     NULL, NULL, details);
    }
  key = rs_store_key (self, normal);
  native = rs_backend_native_path (self->backend, key);
  if (RS_BACKEND_GET_CLASS (self->backend)->describe != NULL)
    RS_BACKEND_GET_CLASS (self->backend)->describe (self->backend, key, details);
  return rs_resolution_plan_new (normal[0] == '\0' ? "root" : "path",
                                 rs_backend_get_name (self->backend), key, native, details);
}

/**
 * rs_store_native_path:
 * @self: a store
 * @path: a store path
 *
 * The backend's native name for @path (a file system path, an object
 * URL…). No I/O; works on a closed store.
 *
 * Returns: (transfer full) (nullable): the native path, %NULL if @path is
 *   invalid
 */
char *
rs_store_native_path (RsStore    *self,
                      const char *path)
{
  const char *reason = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  normal = rs_path_normalize (path, &reason);
  if (normal == NULL)
    return NULL;
  key = rs_store_key (self, normal);
  return rs_backend_native_path (self->backend, key);
}

/**
 * rs_store_to_key:
 * @self: a store
 * @native_path: a native path, as from rs_store_native_path()
 * @error: return location for a #GError
 *
 * The store path for a native path: `to_key (native_path (p)) == p`.
 * No I/O; works on a closed store.
 *
 * Returns: (transfer full): the store path, or %NULL with
 *   %RS_ERROR_INVALID_PATH when @native_path is outside the store
 */
char *
rs_store_to_key (RsStore     *self,
                 const char  *native_path,
                 GError     **error)
{
  g_autofree char *key = NULL;
  const char *path;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  g_return_val_if_fail (native_path != NULL, NULL);

  key = rs_backend_to_key (self->backend, native_path, error);
  if (key == NULL)
    return NULL;
  path = rs_store_path_for_key (self, key);
  if (path == NULL)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH,
                   _("“%s” is outside the store rooted at “%s” on %s"), native_path,
                   rs_store_display_path (self->root), rs_backend_get_location (self->backend));
      return NULL;
    }
  return g_strdup (path);
}

/**
 * rs_store_supports:
 * @self: a store
 * @capabilities: one or more capabilities
 *
 * Checks whether the backend has every one of @capabilities.
 *
 * Returns: whether the backend has every one of @capabilities
 */
gboolean
rs_store_supports (RsStore        *self,
                   RsCapabilities  capabilities)
{
  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  return (rs_backend_get_capabilities (self->backend) & capabilities) == capabilities;
}

/**
 * rs_store_get_capabilities:
 * @self: a store
 *
 * Gets the backend's capabilities.
 *
 * Returns: the backend's capabilities
 */
RsCapabilities
rs_store_get_capabilities (RsStore *self)
{
  g_return_val_if_fail (RS_IS_STORE (self), 0);
  return rs_backend_get_capabilities (self->backend);
}

/**
 * rs_store_get_backend:
 * @self: a store
 *
 * Gets the backend.
 *
 * Returns: (transfer none): the backend
 */
RsBackend *
rs_store_get_backend (RsStore *self)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return self->backend;
}

/**
 * rs_store_get_root_path:
 * @self: a store
 *
 * Gets the backend key of the store root (`""` for the backend root).
 *
 * Returns: the backend key of the store root (`""` for the backend root)
 */
const char *
rs_store_get_root_path (RsStore *self)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return self->root;
}

/* The checks every operation starts with, in the order of SEMANTICS.md
 * rules 21 and 6: closed store, capability gate, then the path. */
char *
rs_store_begin (RsStore         *self,
                RsCapabilities   needed,
                const char      *path,
                gboolean         allow_root,
                GError         **error)
{
  if (!rs_store_check_open (self, path, error) || !rs_store_check_capability (self, needed, path, error))
    return NULL;
  return rs_store_check_path (self, path, allow_root, error);
}
