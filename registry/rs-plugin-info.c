/* rs-plugin-info.c: a plugin as its manifest describes it */
#include "config.h"

#include "rs-registry-private.h"

/**
 * RsPluginInfo:
 *
 * A backend plugin as described by its key-file manifest, so that plugins
 * are listed without loading any code. A manifest `NAME.plugin` sits next
 * to the module in a plugin directory:
 *
 * ```ini
 * [Remote Store Plugin]
 * Name=memory
 * Module=rs-memory
 * Schemes=memory;
 * Description=In-process storage
 * ABI=1.0
 * ```
 *
 * A manifest that cannot be used still gives an #RsPluginInfo, whose
 * rs_plugin_info_get_load_error() says why.
 */
struct _RsPluginInfo
{
  GObject parent_instance;

  char *name;
  char *description;
  char **schemes;
  char *module_path;
  char *manifest_path;
  guint16 abi_major;
  guint16 abi_minor;
  char *version;
  char *license;
  gboolean loaded;
  GError *load_error;
  GArray *types;
};

G_DEFINE_FINAL_TYPE (RsPluginInfo, rs_plugin_info, G_TYPE_OBJECT)

#define MANIFEST_GROUP "Remote Store Plugin"

static void
rs_plugin_info_finalize (GObject *object)
{
  RsPluginInfo *self = RS_PLUGIN_INFO (object);

  g_free (self->name);
  g_free (self->description);
  g_strfreev (self->schemes);
  g_free (self->module_path);
  g_free (self->manifest_path);
  g_free (self->version);
  g_free (self->license);
  g_clear_error (&self->load_error);
  g_array_unref (self->types);
  G_OBJECT_CLASS (rs_plugin_info_parent_class)->finalize (object);
}

static void
rs_plugin_info_class_init (RsPluginInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rs_plugin_info_finalize;
}

static void
rs_plugin_info_init (RsPluginInfo *self)
{
  self->types = g_array_new (FALSE, FALSE, sizeof (GType));
  self->schemes = g_new0 (char *, 1);
}

static gboolean
valid_name (const char *name)
{
  if (name == NULL || name[0] == '\0' || !g_ascii_islower (name[0]))
    return FALSE;
  for (const char *c = name; *c != '\0'; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
      return FALSE;
  return TRUE;
}

static gboolean
parse_manifest (RsPluginInfo  *self,
                const char    *module_dir,
                GError       **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *name = NULL;
  g_autofree char *module = NULL;
  g_autofree char *abi = NULL;
  g_autofree char *module_file = NULL;
  char **schemes;
  guint64 major, minor;
  char *dot;

  if (!g_key_file_load_from_file (file, self->manifest_path, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, RS_ERROR, RS_ERROR_PLUGIN, _("Plugin manifest %s is not a valid key file: %s"),
                   self->manifest_path, local->message);
      return FALSE;
    }
  name = g_key_file_get_string (file, MANIFEST_GROUP, "Name", NULL);
  module = g_key_file_get_string (file, MANIFEST_GROUP, "Module", NULL);
  abi = g_key_file_get_string (file, MANIFEST_GROUP, "ABI", NULL);
  if (!valid_name (name) || module == NULL || module[0] == '\0' || abi == NULL ||
      strchr (module, '/') != NULL)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_PLUGIN,
                   _("Plugin manifest %s needs a [%s] group with Name (lower-case letters, "
                     "digits and dashes), Module (a file name) and ABI"),
                   self->manifest_path, MANIFEST_GROUP);
      return FALSE;
    }
  dot = strchr (abi, '.');
  if (dot != NULL)
    *dot = '\0';
  if (dot == NULL || !g_ascii_string_to_unsigned (abi, 10, 0, G_MAXUINT16, &major, NULL) ||
      !g_ascii_string_to_unsigned (dot + 1, 10, 0, G_MAXUINT16, &minor, NULL))
    {
      g_set_error (error, RS_ERROR, RS_ERROR_PLUGIN,
                   _("Plugin manifest %s has an invalid ABI version (expected MAJOR.MINOR)"),
                   self->manifest_path);
      return FALSE;
    }
  g_free (self->name);
  self->name = g_steal_pointer (&name);
  self->abi_major = major;
  self->abi_minor = minor;
  self->description = g_key_file_get_locale_string (file, MANIFEST_GROUP, "Description", NULL, NULL);
  schemes = g_key_file_get_string_list (file, MANIFEST_GROUP, "Schemes", NULL, NULL);
  if (schemes != NULL)
    {
      g_strfreev (self->schemes);
      self->schemes = schemes;
    }
  module_file = g_strconcat (module, ".so", NULL);
  self->module_path = g_build_filename (module_dir, module_file, NULL);
  return TRUE;
}

RsPluginInfo *
rs_plugin_info_new_from_manifest (const char *manifest_path,
                                  const char *module_dir)
{
  RsPluginInfo *self = g_object_new (RS_TYPE_PLUGIN_INFO, NULL);
  g_autofree char *base = g_path_get_basename (manifest_path);

  self->manifest_path = g_strdup (manifest_path);
  /* Until the manifest is read, the file name stands for the plugin. */
  self->name = g_strndup (base, strlen (base) - strlen (".plugin"));
  parse_manifest (self, module_dir, &self->load_error);
  return self;
}

gboolean
rs_plugin_info_is_valid (RsPluginInfo *self)
{
  return self->module_path != NULL;
}

gboolean
rs_plugin_info_matches (RsPluginInfo *self,
                        const char   *name_or_scheme)
{
  if (!rs_plugin_info_is_valid (self))
    return FALSE;
  return g_strcmp0 (self->name, name_or_scheme) == 0 ||
         g_strv_contains ((const char * const *) self->schemes, name_or_scheme);
}

void
rs_plugin_info_set_loaded (RsPluginInfo *self,
                           const char   *version,
                           const char   *license)
{
  self->loaded = TRUE;
  self->version = g_strdup (version);
  self->license = g_strdup (license);
  g_clear_error (&self->load_error);
}

void
rs_plugin_info_set_load_error (RsPluginInfo *self,
                               const GError *error)
{
  g_clear_error (&self->load_error);
  self->load_error = g_error_copy (error);
}

guint16
rs_plugin_info_get_abi_major (RsPluginInfo *self)
{
  return self->abi_major;
}

guint16
rs_plugin_info_get_abi_minor (RsPluginInfo *self)
{
  return self->abi_minor;
}

/**
 * rs_plugin_info_get_name:
 * @self: a plugin info
 *
 * Gets the plugin name (`Name=`; the manifest's file name when the manifest is unusable).
 *
 * Returns: the plugin name (`Name=`; the manifest's file name when the
 *   manifest is unusable)
 */
const char *
rs_plugin_info_get_name (RsPluginInfo *self)
{
  g_return_val_if_fail (RS_IS_PLUGIN_INFO (self), NULL);
  return self->name;
}

/**
 * rs_plugin_info_get_description:
 * @self: a plugin info
 *
 * Gets the one-line description, translated where the manifest has a translation.
 *
 * Returns: (nullable): the one-line description, translated where the
 *   manifest has a translation
 */
const char *
rs_plugin_info_get_description (RsPluginInfo *self)
{
  g_return_val_if_fail (RS_IS_PLUGIN_INFO (self), NULL);
  return self->description;
}

/**
 * rs_plugin_info_get_schemes:
 * @self: a plugin info
 *
 * Gets the URI schemes the plugin handles.
 *
 * Returns: (transfer none) (array zero-terminated=1): the URI schemes the
 *   plugin handles
 */
const char * const *
rs_plugin_info_get_schemes (RsPluginInfo *self)
{
  g_return_val_if_fail (RS_IS_PLUGIN_INFO (self), NULL);
  return (const char * const *) self->schemes;
}

/**
 * rs_plugin_info_get_module_path:
 * @self: a plugin info
 *
 * Gets the module file.
 *
 * Returns: (nullable) (type filename): the module file
 */
const char *
rs_plugin_info_get_module_path (RsPluginInfo *self)
{
  g_return_val_if_fail (RS_IS_PLUGIN_INFO (self), NULL);
  return self->module_path;
}

/**
 * rs_plugin_info_get_manifest_path:
 * @self: a plugin info
 *
 * Gets the manifest file.
 *
 * Returns: (type filename): the manifest file
 */
const char *
rs_plugin_info_get_manifest_path (RsPluginInfo *self)
{
  g_return_val_if_fail (RS_IS_PLUGIN_INFO (self), NULL);
  return self->manifest_path;
}

/**
 * rs_plugin_info_get_version:
 * @self: a plugin info
 *
 * Gets the plugin's version, known once it is loaded.
 *
 * Returns: (nullable): the plugin's version, known once it is loaded
 */
const char *
rs_plugin_info_get_version (RsPluginInfo *self)
{
  g_return_val_if_fail (RS_IS_PLUGIN_INFO (self), NULL);
  return self->version;
}

/**
 * rs_plugin_info_get_license:
 * @self: a plugin info
 *
 * Gets the plugin's licence, known once it is loaded.
 *
 * Returns: (nullable): the plugin's licence, known once it is loaded
 */
const char *
rs_plugin_info_get_license (RsPluginInfo *self)
{
  g_return_val_if_fail (RS_IS_PLUGIN_INFO (self), NULL);
  return self->license;
}

/**
 * rs_plugin_info_is_loaded:
 * @self: a plugin info
 *
 * Checks whether the module is loaded and initialised.
 *
 * Returns: whether the module is loaded and initialised
 */
gboolean
rs_plugin_info_is_loaded (RsPluginInfo *self)
{
  g_return_val_if_fail (RS_IS_PLUGIN_INFO (self), FALSE);
  return self->loaded;
}

/**
 * rs_plugin_info_get_load_error:
 * @self: a plugin info
 *
 * Gets why the plugin cannot be used, if its manifest or a load attempt failed.
 *
 * Returns: (nullable) (transfer none): why the plugin cannot be used, if
 *   its manifest or a load attempt failed
 */
const GError *
rs_plugin_info_get_load_error (RsPluginInfo *self)
{
  g_return_val_if_fail (RS_IS_PLUGIN_INFO (self), NULL);
  return self->load_error;
}

/**
 * rs_plugin_info_get_backend_types:
 * @self: a plugin info
 * @n_types: (out): the number of types
 *
 * Gets the backend types the plugin registered.
 *
 * Returns: (transfer none) (array length=n_types): the backend types the
 *   plugin registered
 */
GType *
rs_plugin_info_get_backend_types (RsPluginInfo *self,
                                  guint        *n_types)
{
  g_return_val_if_fail (RS_IS_PLUGIN_INFO (self), NULL);
  *n_types = self->types->len;
  return (GType *) (gpointer) self->types->data;
}

/**
 * rs_plugin_info_register_backend:
 * @self: the plugin being initialised
 * @backend_type: a subtype of #RsBackend
 *
 * For a plugin's init function: makes a backend type available. A URI
 * scheme or backend name maps to the registered type whose
 * #RsBackendClass.name equals it, else to the first one.
 */
void
rs_plugin_info_register_backend (RsPluginInfo *self,
                                 GType         backend_type)
{
  g_return_if_fail (RS_IS_PLUGIN_INFO (self));
  g_return_if_fail (g_type_is_a (backend_type, RS_TYPE_BACKEND));
  g_array_append_val (self->types, backend_type);
}
