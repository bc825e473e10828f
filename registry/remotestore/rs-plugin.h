/* rs-plugin.h: what a backend plugin module exports */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-types.h>

G_BEGIN_DECLS

/**
 * RS_PLUGIN_ABI_MAJOR:
 *
 * The plugin ABI major version of this libremotestore. A plugin is loaded
 * only when its major version is the same and its minor version is not
 * newer than %RS_PLUGIN_ABI_MINOR.
 */
#define RS_PLUGIN_ABI_MAJOR 1
/**
 * RS_PLUGIN_ABI_MINOR:
 *
 * The plugin ABI minor version of this libremotestore.
 */
#define RS_PLUGIN_ABI_MINOR 0

/**
 * RsPluginInitFunc:
 * @plugin: the plugin being initialised
 * @error: return location for a #GError
 *
 * Registers the plugin's backend types with
 * rs_plugin_info_register_backend(). Called once, under the registry's
 * lock; the module stays resident afterwards.
 *
 * Returns: %TRUE on success
 */
typedef gboolean (*RsPluginInitFunc) (RsPluginInfo  *plugin,
                                      GError       **error);

/**
 * RsPluginDescriptor:
 * @abi_major: %RS_PLUGIN_ABI_MAJOR at the plugin's build time
 * @abi_minor: %RS_PLUGIN_ABI_MINOR at the plugin's build time
 * @name: the plugin name; must equal `Name=` in its manifest
 * @description: one line saying what the plugin stores into
 * @version: the plugin's version
 * @license: the plugin's licence (an SPDX identifier)
 * @init: registers the backend types
 *
 * The one symbol a plugin module exports, named
 * `rs_plugin_<name>_descriptor` after the manifest's `Name=` (dashes become
 * underscores). Define it with RS_PLUGIN_DEFINE().
 */
typedef struct
{
  guint16           abi_major;
  guint16           abi_minor;
  const char       *name;
  const char       *description;
  const char       *version;
  const char       *license;
  RsPluginInitFunc  init;

  /*< private >*/
  gpointer          reserved[8];
} RsPluginDescriptor;

/**
 * RS_PLUGIN_DEFINE:
 * @symbol_name: the plugin name with dashes as underscores (a C identifier)
 * @name: the plugin name as a string
 * @description: a one-line description
 * @version: the plugin version string
 * @license: the licence, an SPDX identifier
 * @init: an #RsPluginInitFunc
 *
 * Defines and exports the plugin descriptor.
 */
#define RS_PLUGIN_DEFINE(symbol_name, name, description, version, license, init) \
  __attribute__((visibility ("default"))) extern const RsPluginDescriptor      \
    rs_plugin_##symbol_name##_descriptor;                                       \
  const RsPluginDescriptor rs_plugin_##symbol_name##_descriptor = {             \
    RS_PLUGIN_ABI_MAJOR, RS_PLUGIN_ABI_MINOR, name, description, version,       \
    license, init, { NULL }                                                     \
  };

G_END_DECLS
