/* rs-registry.h: plugins, the backend factory, URIs and named stores */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-types.h>
#include <remotestore/rs-backend.h>
#include <remotestore/rs-plugin-info.h>

G_BEGIN_DECLS

#define RS_TYPE_REGISTRY (rs_registry_get_type ())
RS_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (RsRegistry, rs_registry, RS, REGISTRY, GObject)

RS_AVAILABLE_IN_1_0
RsRegistry   *rs_registry_get_default           (void);
RS_AVAILABLE_IN_1_0
RsRegistry   *rs_registry_new_for_path          (const char  *plugin_path);
RS_AVAILABLE_IN_1_0
const char   *rs_registry_get_plugin_path       (RsRegistry  *self);
RS_AVAILABLE_IN_1_0
GList        *rs_registry_list_plugins          (RsRegistry  *self);
RS_AVAILABLE_IN_1_0
RsPluginInfo *rs_registry_find_plugin           (RsRegistry  *self,
                                                 const char  *name_or_scheme);
RS_AVAILABLE_IN_1_0
gboolean      rs_registry_load_plugin           (RsRegistry  *self,
                                                 RsPluginInfo *plugin,
                                                 GError     **error);
RS_AVAILABLE_IN_1_0
GType         rs_registry_lookup_backend_type   (RsRegistry  *self,
                                                 const char  *name_or_scheme,
                                                 GError     **error);
RS_AVAILABLE_IN_1_0
RsBackend    *rs_registry_create_backend        (RsRegistry  *self,
                                                 const char  *type,
                                                 GHashTable  *options,
                                                 GError     **error);
RS_AVAILABLE_IN_1_0
RsStore      *rs_registry_open                  (RsRegistry  *self,
                                                 const char  *location,
                                                 GError     **error);
RS_AVAILABLE_IN_1_0
gboolean      rs_registry_load_config           (RsRegistry  *self,
                                                 const char  *path,
                                                 GError     **error);
RS_AVAILABLE_IN_1_0
gboolean      rs_registry_load_config_from_data (RsRegistry  *self,
                                                 const char  *data,
                                                 gssize       length,
                                                 GError     **error);
RS_AVAILABLE_IN_1_0
char        **rs_registry_list_stores           (RsRegistry  *self);

G_END_DECLS
