/* rs-registry.c: plugins, the backend factory, URIs and named stores */
#include "config.h"

#include "rs-registry-private.h"

/**
 * RsRegistry:
 *
 * Finds backend plugins, creates backends, and opens stores from URIs and
 * from names in the configuration file.
 *
 * Plugins are found through their manifests in the directories of
 * `RS_PLUGIN_PATH` (colon-separated) and then the installed plugin
 * directory; listing them loads no code, and a plugin's module is loaded
 * only when one of its schemes is first used. A plugin whose module
 * cannot be used (missing descriptor symbol, wrong ABI, name mismatch,
 * failing init, invalid manifest) is refused with %RS_ERROR_PLUGIN naming
 * the file.
 *
 * Named stores come from `$RS_CONFIG`, else
 * `$XDG_CONFIG_HOME/remote-store/stores.conf`, read on first use by the
 * default registry; see rs_registry_load_config() for the format. Named
 * backends are created on first use and shared by every store naming
 * them.
 *
 * A registry is safe to use from any thread.
 */
struct _RsRegistry
{
  GObject parent_instance;

  GMutex lock;
  char *plugin_path;
  GPtrArray *plugins;       /* RsPluginInfo, scanned on first use */
  RsConfig *config;
  gboolean config_tried;
  gboolean auto_config;
  GHashTable *backends;     /* config backend name → RsBackend */
};

G_DEFINE_FINAL_TYPE (RsRegistry, rs_registry, G_TYPE_OBJECT)

static void
rs_registry_finalize (GObject *object)
{
  RsRegistry *self = RS_REGISTRY (object);

  g_mutex_clear (&self->lock);
  g_free (self->plugin_path);
  g_clear_pointer (&self->plugins, g_ptr_array_unref);
  rs_config_free (self->config);
  g_hash_table_unref (self->backends);
  G_OBJECT_CLASS (rs_registry_parent_class)->finalize (object);
}

static void
rs_registry_class_init (RsRegistryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rs_registry_finalize;
}

static void
rs_registry_init (RsRegistry *self)
{
  g_mutex_init (&self->lock);
  self->backends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * rs_registry_get_default:
 *
 * The process's registry: plugins from `RS_PLUGIN_PATH` and the installed
 * plugin directory, named stores from the user's configuration file.
 *
 * Returns: (transfer none): the default registry
 */
RsRegistry *
rs_registry_get_default (void)
{
  static RsRegistry *registry;

  if (g_once_init_enter (&registry))
    {
      const char *env = g_getenv ("RS_PLUGIN_PATH");
      g_autofree char *path = env != NULL && env[0] != '\0'
        ? g_strconcat (env, G_SEARCHPATH_SEPARATOR_S, RS_PLUGINDIR, NULL)
        : g_strdup (RS_PLUGINDIR);
      RsRegistry *created = rs_registry_new_for_path (path);

      created->auto_config = TRUE;
      g_once_init_leave (&registry, created);
    }
  return registry;
}

/**
 * rs_registry_new_for_path:
 * @plugin_path: directories to search for plugins, colon-separated
 *
 * A registry searching only @plugin_path, with no configuration until
 * rs_registry_load_config() is called. Meant for tests and embedding.
 *
 * Returns: (transfer full): a new registry
 */
RsRegistry *
rs_registry_new_for_path (const char *plugin_path)
{
  RsRegistry *self = g_object_new (RS_TYPE_REGISTRY, NULL);

  self->plugin_path = g_strdup (plugin_path != NULL ? plugin_path : "");
  return self;
}

/**
 * rs_registry_get_plugin_path:
 * @self: a registry
 *
 * Gets the directories searched for plugins, colon-separated.
 *
 * Returns: the directories searched for plugins, colon-separated
 */
const char *
rs_registry_get_plugin_path (RsRegistry *self)
{
  g_return_val_if_fail (RS_IS_REGISTRY (self), NULL);
  return self->plugin_path;
}

static void
scan_directory (RsRegistry *self,
                const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".plugin"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, rs_compare_strings_indirect);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *manifest = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      g_ptr_array_add (self->plugins, rs_plugin_info_new_from_manifest (manifest, dir));
    }
}

/* Call with the lock held. */
static void
ensure_scanned (RsRegistry *self)
{
  g_auto(GStrv) dirs = NULL;

  if (self->plugins != NULL)
    return;
  self->plugins = g_ptr_array_new_with_free_func (g_object_unref);
  dirs = g_strsplit (self->plugin_path, G_SEARCHPATH_SEPARATOR_S, -1);
  for (guint i = 0; dirs[i] != NULL; i++)
    if (dirs[i][0] != '\0')
      scan_directory (self, dirs[i]);
}

/**
 * rs_registry_list_plugins:
 * @self: a registry
 *
 * Every plugin manifest found, usable or not, without loading any module.
 *
 * Returns: (transfer full) (element-type RsPluginInfo): the plugins
 */
GList *
rs_registry_list_plugins (RsRegistry *self)
{
  GList *list = NULL;

  g_return_val_if_fail (RS_IS_REGISTRY (self), NULL);
  g_mutex_lock (&self->lock);
  ensure_scanned (self);
  for (guint i = self->plugins->len; i > 0; i--)
    list = g_list_prepend (list, g_object_ref (g_ptr_array_index (self->plugins, i - 1)));
  g_mutex_unlock (&self->lock);
  return list;
}

static RsPluginInfo *
find_plugin_locked (RsRegistry *self,
                    const char *name_or_scheme,
                    gboolean    valid_only)
{
  ensure_scanned (self);
  for (guint i = 0; i < self->plugins->len; i++)
    {
      RsPluginInfo *plugin = g_ptr_array_index (self->plugins, i);

      if (rs_plugin_info_matches (plugin, name_or_scheme))
        return plugin;
    }
  if (valid_only)
    return NULL;
  /* An unusable manifest is still found by its file name, so that its
   * error can be reported. */
  for (guint i = 0; i < self->plugins->len; i++)
    {
      RsPluginInfo *plugin = g_ptr_array_index (self->plugins, i);

      if (strcmp (rs_plugin_info_get_name (plugin), name_or_scheme) == 0)
        return plugin;
    }
  return NULL;
}

/**
 * rs_registry_find_plugin:
 * @self: a registry
 * @name_or_scheme: a plugin name or a URI scheme
 *
 * Finds the first usable plugin with that name or scheme.
 *
 * Returns: (transfer none) (nullable): the first usable plugin with that
 *   name or scheme
 */
RsPluginInfo *
rs_registry_find_plugin (RsRegistry *self,
                         const char *name_or_scheme)
{
  RsPluginInfo *plugin;

  g_return_val_if_fail (RS_IS_REGISTRY (self), NULL);
  g_mutex_lock (&self->lock);
  plugin = find_plugin_locked (self, name_or_scheme, TRUE);
  g_mutex_unlock (&self->lock);
  return plugin;
}

/**
 * rs_registry_load_plugin:
 * @self: a registry
 * @plugin: one of its plugins
 * @error: return location for a #GError
 *
 * Loads and initialises @plugin if that was not done yet. A refusal is
 * remembered and reported again on later attempts.
 *
 * Returns: %TRUE when the plugin is usable
 */
gboolean
rs_registry_load_plugin (RsRegistry    *self,
                         RsPluginInfo  *plugin,
                         GError       **error)
{
  g_return_val_if_fail (RS_IS_REGISTRY (self), FALSE);
  g_return_val_if_fail (RS_IS_PLUGIN_INFO (plugin), FALSE);
  return rs_plugin_loader_load (plugin, error);
}

/* Call with the lock held: named backends are created under it, so that
 * two threads opening the same name share one backend. */
static GType
lookup_backend_type_locked (RsRegistry  *self,
                            const char  *name_or_scheme,
                            GError     **error)
{
  RsPluginInfo *plugin;
  GType *types;
  guint n_types = 0;

  plugin = find_plugin_locked (self, name_or_scheme, FALSE);
  if (plugin == NULL)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_PLUGIN,
                   _("No plugin provides the backend or scheme “%s” (searched %s)"),
                   name_or_scheme, self->plugin_path[0] != '\0' ? self->plugin_path : _("no directory"));
      return G_TYPE_INVALID;
    }
  if (!rs_plugin_loader_load (plugin, error))
    return G_TYPE_INVALID;
  types = rs_plugin_info_get_backend_types (plugin, &n_types);
  for (guint i = 0; i < n_types; i++)
    {
      RsBackendClass *klass = g_type_class_ref (types[i]);
      gboolean match = g_strcmp0 (klass->name, name_or_scheme) == 0;

      g_type_class_unref (klass);
      if (match)
        return types[i];
    }
  return types[0];
}

/**
 * rs_registry_lookup_backend_type:
 * @self: a registry
 * @name_or_scheme: a backend name or URI scheme
 * @error: return location for a #GError
 *
 * Finds the plugin for @name_or_scheme, loads it if needed, and returns
 * the backend type it registered for that name.
 *
 * Returns: the backend type, or %G_TYPE_INVALID with %RS_ERROR_PLUGIN
 */
GType
rs_registry_lookup_backend_type (RsRegistry  *self,
                                 const char  *name_or_scheme,
                                 GError     **error)
{
  GType type;

  g_return_val_if_fail (RS_IS_REGISTRY (self), G_TYPE_INVALID);
  g_return_val_if_fail (name_or_scheme != NULL, G_TYPE_INVALID);

  g_mutex_lock (&self->lock);
  type = lookup_backend_type_locked (self, name_or_scheme, error);
  g_mutex_unlock (&self->lock);
  return type;
}

static char *
known_options (GObjectClass *klass)
{
  guint n = 0;
  g_autofree GParamSpec **specs = g_object_class_list_properties (klass, &n);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    if ((specs[i]->flags & G_PARAM_WRITABLE) && strcmp (specs[i]->name, "retry-policy") != 0)
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", specs[i]->name);
  g_string_append_printf (names, "%sretry-attempts, retry-base-delay-ms, retry-max-delay-ms, "
                          "retry-jitter, retry-deadline-ms", names->len > 0 ? ", " : "");
  return g_string_free (names, FALSE);
}

static RsBackend *
create_backend_of_type (GType        type,
                        GHashTable  *options,
                        GError     **error)
{
  GObjectClass *klass = g_type_class_ref (type);
  const char *backend_name = RS_BACKEND_CLASS (klass)->name;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_autoptr(RsRetryPolicy) retry = NULL;
  RsBackend *backend = NULL;
  GHashTableIter iter;
  gpointer key, text;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  if (options != NULL)
    {
      g_hash_table_iter_init (&iter, options);
      while (g_hash_table_iter_next (&iter, &key, &text))
        {
          GParamSpec *pspec;
          GValue value = G_VALUE_INIT;

          if (rs_option_is_retry_key (key))
            {
              if (retry == NULL)
                retry = rs_retry_policy_new ();
              if (!rs_option_apply_retry (retry, key, text, error))
                goto out;
              continue;
            }
          pspec = g_object_class_find_property (klass, key);
          if (pspec == NULL || !(pspec->flags & G_PARAM_WRITABLE) ||
              strcmp (pspec->name, "retry-policy") == 0)
            {
              g_autofree char *known = known_options (klass);

              g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                           _("Unknown option “%s” for the %s backend (known options: %s)"),
                           (char *) key, backend_name, known);
              goto out;
            }
          if (!rs_option_value_parse (pspec, backend_name, text, &value, error))
            {
              g_value_unset (&value);
              goto out;
            }
          g_ptr_array_add (names, (gpointer) pspec->name);
          g_array_append_val (values, value);
        }
    }
  if (retry != NULL)
    {
      GValue value = G_VALUE_INIT;

      g_value_init (&value, RS_TYPE_RETRY_POLICY);
      g_value_set_boxed (&value, retry);
      g_ptr_array_add (names, (gpointer) "retry-policy");
      g_array_append_val (values, value);
    }

  backend = RS_BACKEND (g_object_new_with_properties (type, names->len, (const char **) names->pdata,
                                                      (const GValue *) (gpointer) values->data));
  if (G_IS_INITABLE (backend) && !g_initable_init (G_INITABLE (backend), NULL, error))
    g_clear_object (&backend);

out:
  g_type_class_unref (klass);
  return backend;
}

/**
 * rs_registry_create_backend:
 * @self: a registry
 * @type: a backend name or URI scheme, such as `"memory"`
 * @options: (nullable) (element-type utf8 utf8): options, option name →
 *   text value; `retry-*` keys build the retry policy
 * @error: return location for a #GError
 *
 * Creates a backend, loading its plugin if needed. Options are the
 * backend's documented properties; an unknown option or a value of the
 * wrong form is %RS_ERROR_INVALID_ARGUMENT.
 *
 * Returns: (transfer full): the backend, or %NULL on error
 */
RsBackend *
rs_registry_create_backend (RsRegistry  *self,
                            const char  *type,
                            GHashTable  *options,
                            GError     **error)
{
  GType gtype;

  g_return_val_if_fail (RS_IS_REGISTRY (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);
  gtype = rs_registry_lookup_backend_type (self, type, error);
  if (gtype == G_TYPE_INVALID)
    return NULL;
  return create_backend_of_type (gtype, options, error);
}

static RsStore *
open_uri (RsRegistry  *self,
          const char  *location,
          const char  *scheme,
          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) options = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(RsBackend) backend = NULL;
  g_autofree char *root = NULL;
  RsBackendClass *klass;
  GType type;
  gboolean ok;

  uri = g_uri_parse (location, G_URI_FLAGS_ENCODED_QUERY, &parse_error);
  if (uri == NULL)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT, _("Invalid URI “%s”: %s"),
                   location, parse_error->message);
      return NULL;
    }
  type = rs_registry_lookup_backend_type (self, scheme, error);
  if (type == G_TYPE_INVALID)
    return NULL;
  options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  klass = g_type_class_ref (type);
  ok = klass->options_from_uri (klass, uri, options, &root, error);
  g_type_class_unref (klass);
  if (!ok)
    return NULL;
  backend = create_backend_of_type (type, options, error);
  if (backend == NULL)
    return NULL;
  return rs_store_new (backend, root, error);
}

static gboolean
ensure_config_locked (RsRegistry  *self,
                      GError     **error)
{
  const char *env;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) local = NULL;

  if (self->config != NULL || !self->auto_config || self->config_tried)
    return TRUE;
  self->config_tried = TRUE;
  env = g_getenv ("RS_CONFIG");
  path = env != NULL && env[0] != '\0'
    ? g_strdup (env)
    : g_build_filename (g_get_user_config_dir (), "remote-store", "stores.conf", NULL);
  if (!g_file_get_contents (path, &data, &length, &local))
    {
      /* No file is no stores, unless the user pointed at one. */
      if (env == NULL || env[0] == '\0')
        return TRUE;
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("Cannot read the configuration %s named by RS_CONFIG: %s"), path, local->message);
      self->config_tried = FALSE;
      return FALSE;
    }
  self->config = rs_config_new_from_data (data, length, path, error);
  if (self->config == NULL)
    self->config_tried = FALSE;
  return self->config != NULL;
}

/* Call with the lock held: the shared backend named @name, created on
 * first use. */
static RsBackend *
named_backend_locked (RsRegistry  *self,
                      const char  *name,
                      GError     **error)
{
  RsBackend *backend = g_hash_table_lookup (self->backends, name);
  g_autoptr(GHashTable) options = NULL;
  GType type;

  if (backend != NULL)
    return g_object_ref (backend);
  options = rs_config_backend_options (self->config, name, error);
  if (options == NULL)
    return NULL;
  type = lookup_backend_type_locked (self, rs_config_backend_type (self->config, name), error);
  if (type == G_TYPE_INVALID)
    return NULL;
  backend = create_backend_of_type (type, options, error);
  if (backend != NULL)
    g_hash_table_insert (self->backends, g_strdup (name), g_object_ref (backend));
  return backend;
}

/* A bad sub-path or root path is refused before the backend is created
 * (and its plugin loaded): a refused open changes nothing. */
static gboolean
check_store_path (const char  *name,
                  const char  *path,
                  GError     **error)
{
  const char *reason = NULL;
  g_autofree char *normal = rs_path_normalize (path, &reason);

  if (normal != NULL)
    return TRUE;
  g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("Invalid path “%s” in the store “%s”: %s"),
               path, name, _(reason));
  return FALSE;
}

static RsStore *
open_named (RsRegistry  *self,
            const char  *name,
            const char  *subpath,
            GError     **error)
{
  const char *backend_name = NULL;
  g_autofree char *root_path = NULL;
  g_autoptr(RsBackend) backend = NULL;
  g_autoptr(RsStore) base = NULL;
  g_autoptr(GError) local = NULL;

  g_mutex_lock (&self->lock);
  if (!ensure_config_locked (self, error))
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  if (self->config == NULL ||
      !rs_config_lookup_store (self->config, name, &backend_name, &root_path, &local))
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                     _("No store named “%s” is configured"), name);
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  if (!check_store_path (name, subpath, error) ||
      (root_path != NULL && !check_store_path (name, root_path, error)))
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  backend = named_backend_locked (self, backend_name, error);
  g_mutex_unlock (&self->lock);
  if (backend == NULL)
    return NULL;
  base = rs_store_new (backend, root_path, error);
  if (base == NULL)
    return NULL;
  return rs_store_child (base, subpath, error);
}

static gboolean
split_name (const char  *location,
            char       **name,
            const char **subpath)
{
  const char *colon = strchr (location, ':');

  if (colon == NULL || colon == location)
    return FALSE;
  for (const char *c = location; c < colon; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_' && *c != '.')
      return FALSE;
  *name = g_strndup (location, colon - location);
  *subpath = colon + 1;
  return TRUE;
}

/**
 * rs_registry_open:
 * @self: a registry
 * @location: a URI (`scheme://…`), or `NAME:` / `NAME:sub/path` naming a
 *   store of the configuration
 * @error: return location for a #GError
 *
 * Opens a store. A URI creates a fresh backend through the plugin of its
 * scheme; a name uses the configured, shared backend. No I/O happens.
 *
 * Returns: (transfer full): the store, or %NULL on error
 */
RsStore *
rs_registry_open (RsRegistry  *self,
                  const char  *location,
                  GError     **error)
{
  g_autofree char *scheme = NULL;
  g_autofree char *name = NULL;
  const char *subpath = NULL;

  g_return_val_if_fail (RS_IS_REGISTRY (self), NULL);
  g_return_val_if_fail (location != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strstr (location, "://") != NULL && (scheme = g_uri_parse_scheme (location)) != NULL)
    return open_uri (self, location, scheme, error);
  if (split_name (location, &name, &subpath))
    return open_named (self, name, subpath, error);
  g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
               _("“%s” is neither a URI (scheme://…) nor a configured store (NAME:path)"), location);
  return NULL;
}

static gboolean
install_config (RsRegistry  *self,
                RsConfig    *config)
{
  g_mutex_lock (&self->lock);
  rs_config_free (self->config);
  self->config = config;
  self->config_tried = TRUE;
  g_hash_table_remove_all (self->backends);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

/**
 * rs_registry_load_config:
 * @self: a registry
 * @path: (type filename): a configuration key file
 * @error: return location for a #GError
 *
 * Replaces the registry's named backends and stores with those of @path:
 *
 * ```ini
 * [backend cache]
 * type=memory
 * name=shared-cache
 *
 * [backend archive]
 * type=s3
 * bucket=archive
 * secret-access-key=${ARCHIVE_SECRET}
 * retry-attempts=6
 *
 * [store photos]
 * backend=archive
 * root-path=photos/2024
 * ```
 *
 * `[backend NAME]` groups take `type=` (a plugin name) and options of
 * that plugin's backend, `retry-*` keys a retry policy; `[store NAME]`
 * groups take `backend=` and `root-path=`. Values may hold `${VAR}` or
 * `${VAR:-default}`, resolved from the environment when the backend is
 * first used, and `$$` for a literal `$`.
 *
 * Returns: %TRUE on success
 */
gboolean
rs_registry_load_config (RsRegistry  *self,
                         const char  *path,
                         GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) local = NULL;
  RsConfig *config;

  g_return_val_if_fail (RS_IS_REGISTRY (self), FALSE);
  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("Cannot read the configuration %s: %s"), path, local->message);
      return FALSE;
    }
  config = rs_config_new_from_data (data, length, path, error);
  return config != NULL && install_config (self, config);
}

/**
 * rs_registry_load_config_from_data:
 * @self: a registry
 * @data: configuration text, as for rs_registry_load_config()
 * @length: the length of @data, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Like rs_registry_load_config(), from memory.
 *
 * Returns: %TRUE on success
 */
gboolean
rs_registry_load_config_from_data (RsRegistry  *self,
                                   const char  *data,
                                   gssize       length,
                                   GError     **error)
{
  RsConfig *config;

  g_return_val_if_fail (RS_IS_REGISTRY (self), FALSE);
  config = rs_config_new_from_data (data, length, _("(data)"), error);
  return config != NULL && install_config (self, config);
}

/**
 * rs_registry_list_stores:
 * @self: a registry
 *
 * The configured store names, sorted. Reads the configuration file of the
 * default registry if that was not done yet (an unreadable file gives no
 * names).
 *
 * Returns: (transfer full) (array zero-terminated=1): the names
 */
char **
rs_registry_list_stores (RsRegistry *self)
{
  char **names;

  g_return_val_if_fail (RS_IS_REGISTRY (self), NULL);
  g_mutex_lock (&self->lock);
  ensure_config_locked (self, NULL);
  names = self->config != NULL ? rs_config_list_stores (self->config) : g_new0 (char *, 1);
  g_mutex_unlock (&self->lock);
  return names;
}
