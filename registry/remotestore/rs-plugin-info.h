/* rs-plugin-info.h: a plugin as described by its manifest */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-types.h>

G_BEGIN_DECLS

#define RS_TYPE_PLUGIN_INFO (rs_plugin_info_get_type ())
RS_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (RsPluginInfo, rs_plugin_info, RS, PLUGIN_INFO, GObject)

RS_AVAILABLE_IN_1_0
const char         *rs_plugin_info_get_name          (RsPluginInfo *self);
RS_AVAILABLE_IN_1_0
const char         *rs_plugin_info_get_description   (RsPluginInfo *self);
RS_AVAILABLE_IN_1_0
const char * const *rs_plugin_info_get_schemes       (RsPluginInfo *self);
RS_AVAILABLE_IN_1_0
const char         *rs_plugin_info_get_module_path   (RsPluginInfo *self);
RS_AVAILABLE_IN_1_0
const char         *rs_plugin_info_get_manifest_path (RsPluginInfo *self);
RS_AVAILABLE_IN_1_0
const char         *rs_plugin_info_get_version       (RsPluginInfo *self);
RS_AVAILABLE_IN_1_0
const char         *rs_plugin_info_get_license       (RsPluginInfo *self);
RS_AVAILABLE_IN_1_0
gboolean            rs_plugin_info_is_loaded         (RsPluginInfo *self);
RS_AVAILABLE_IN_1_0
const GError       *rs_plugin_info_get_load_error    (RsPluginInfo *self);
RS_AVAILABLE_IN_1_0
GType              *rs_plugin_info_get_backend_types (RsPluginInfo *self,
                                                      guint        *n_types);
RS_AVAILABLE_IN_1_0
void                rs_plugin_info_register_backend  (RsPluginInfo *self,
                                                      GType         backend_type);

G_END_DECLS
