/* rs-plugin-loader.c: opening plugin modules with libltdl
 *
 * libltdl keeps global state and is not thread-safe, so every lt_* call in
 * the process (ours) happens under one lock. A module is made resident
 * once its init has run: it may have registered GTypes, which can never be
 * unloaded. */
#include "config.h"

#include <ltdl.h>

#include "rs-registry-private.h"

static GMutex ltdl_lock;
static gboolean ltdl_ready;

static gboolean
refuse (RsPluginInfo  *plugin,
        GError       **error,
        const char    *format,
        ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (RsPluginInfo  *plugin,
        GError       **error,
        const char    *format,
        ...)
{
  va_list args;
  g_autofree char *reason = NULL;
  GError *local;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  local = g_error_new (RS_ERROR, RS_ERROR_PLUGIN, _("Plugin “%s” (%s) refused: %s"),
                       rs_plugin_info_get_name (plugin), rs_plugin_info_get_module_path (plugin),
                       reason);
  rs_plugin_info_set_load_error (plugin, local);
  g_propagate_error (error, local);
  return FALSE;
}

static char *
descriptor_symbol (const char *name)
{
  g_autofree char *ident = g_strdup (name);

  g_strdelimit (ident, "-", '_');
  return g_strdup_printf ("rs_plugin_%s_descriptor", ident);
}

static gboolean
load_locked (RsPluginInfo  *plugin,
             GError       **error)
{
  const char *path = rs_plugin_info_get_module_path (plugin);
  g_autofree char *symbol = descriptor_symbol (rs_plugin_info_get_name (plugin));
  const RsPluginDescriptor *descriptor;
  lt_dladvise advise;
  lt_dlhandle handle;
  GError *init_error = NULL;
  gboolean ok;

  if (!ltdl_ready)
    {
      if (lt_dlinit () != 0)
        return refuse (plugin, error, _("libltdl failed to start: %s"), lt_dlerror ());
      ltdl_ready = TRUE;
    }

  lt_dladvise_init (&advise);
  lt_dladvise_local (&advise);
  handle = lt_dlopenadvise (path, advise);
  lt_dladvise_destroy (&advise);
  if (handle == NULL)
    return refuse (plugin, error, _("the module cannot be opened: %s"), lt_dlerror ());

  descriptor = lt_dlsym (handle, symbol);
  if (descriptor == NULL)
    {
      lt_dlclose (handle);
      return refuse (plugin, error, _("the module has no symbol %s"), symbol);
    }
  if (descriptor->abi_major != RS_PLUGIN_ABI_MAJOR || descriptor->abi_minor > RS_PLUGIN_ABI_MINOR)
    {
      guint major = descriptor->abi_major, minor = descriptor->abi_minor;

      lt_dlclose (handle);
      return refuse (plugin, error, _("it was built for plugin ABI %u.%u; this library has %u.%u"),
                     major, minor, RS_PLUGIN_ABI_MAJOR, RS_PLUGIN_ABI_MINOR);
    }
  if (descriptor->name == NULL || strcmp (descriptor->name, rs_plugin_info_get_name (plugin)) != 0)
    {
      g_autofree char *found = g_strdup (descriptor->name);

      lt_dlclose (handle);
      return refuse (plugin, error, _("the module calls itself “%s”, its manifest “%s”"),
                     found != NULL ? found : "", rs_plugin_info_get_name (plugin));
    }
  if (descriptor->init == NULL)
    {
      lt_dlclose (handle);
      return refuse (plugin, error, _("the descriptor has no init function"));
    }

  ok = descriptor->init (plugin, &init_error);
  lt_dlmakeresident (handle);
  if (!ok)
    {
      gboolean refused = refuse (plugin, error, _("its init function failed: %s"),
                                 init_error != NULL ? init_error->message : _("no reason given"));
      g_clear_error (&init_error);
      return refused;
    }
  {
    guint n_types = 0;

    rs_plugin_info_get_backend_types (plugin, &n_types);
    if (n_types == 0)
      return refuse (plugin, error, _("its init function registered no backend type"));
  }
  rs_plugin_info_set_loaded (plugin, descriptor->version, descriptor->license);
  g_debug ("loaded plugin %s from %s", rs_plugin_info_get_name (plugin), path);
  return TRUE;
}

/* Loads and initialises @plugin once; a refusal is remembered. */
gboolean
rs_plugin_loader_load (RsPluginInfo  *plugin,
                       GError       **error)
{
  gboolean ok;

  g_mutex_lock (&ltdl_lock);
  if (rs_plugin_info_is_loaded (plugin))
    ok = TRUE;
  else if (rs_plugin_info_get_load_error (plugin) != NULL)
    {
      if (error != NULL)
        *error = g_error_copy (rs_plugin_info_get_load_error (plugin));
      ok = FALSE;
    }
  else if (rs_plugin_info_get_abi_major (plugin) != RS_PLUGIN_ABI_MAJOR ||
           rs_plugin_info_get_abi_minor (plugin) > RS_PLUGIN_ABI_MINOR)
    ok = refuse (plugin, error, _("its manifest declares plugin ABI %u.%u; this library has %u.%u"),
                 rs_plugin_info_get_abi_major (plugin), rs_plugin_info_get_abi_minor (plugin),
                 RS_PLUGIN_ABI_MAJOR, RS_PLUGIN_ABI_MINOR);
  else
    ok = load_locked (plugin, error);
  g_mutex_unlock (&ltdl_lock);
  return ok;
}
