/* rs-registry-private.h: registry internals (never installed) */
#pragma once

#include "../libremotestore/rs-private.h"

G_BEGIN_DECLS

/* rs-plugin-info.c */
RS_INTERNAL RsPluginInfo *rs_plugin_info_new_from_manifest (const char   *manifest_path,
                                                            const char   *module_dir);
RS_INTERNAL gboolean      rs_plugin_info_matches           (RsPluginInfo *self,
                                                            const char   *name_or_scheme);
RS_INTERNAL gboolean      rs_plugin_info_is_valid          (RsPluginInfo *self);
RS_INTERNAL void          rs_plugin_info_set_loaded        (RsPluginInfo *self,
                                                            const char   *version,
                                                            const char   *license);
RS_INTERNAL void          rs_plugin_info_set_load_error    (RsPluginInfo *self,
                                                            const GError *error);
RS_INTERNAL guint16       rs_plugin_info_get_abi_major     (RsPluginInfo *self);
RS_INTERNAL guint16       rs_plugin_info_get_abi_minor     (RsPluginInfo *self);

/* rs-plugin-loader.c: every libltdl call happens here, under one lock */
RS_INTERNAL gboolean      rs_plugin_loader_load            (RsPluginInfo *plugin,
                                                            GError      **error);

/* rs-option-value.c */
RS_INTERNAL gboolean      rs_option_value_parse            (GParamSpec   *pspec,
                                                            const char   *backend_name,
                                                            const char   *text,
                                                            GValue       *value,
                                                            GError      **error);
RS_INTERNAL gboolean      rs_option_is_retry_key           (const char   *key);
RS_INTERNAL gboolean      rs_option_apply_retry            (RsRetryPolicy *policy,
                                                            const char    *key,
                                                            const char    *text,
                                                            GError       **error);

/* rs-config.c */
typedef struct _RsConfig RsConfig;
RS_INTERNAL RsConfig     *rs_config_new_from_data          (const char   *data,
                                                            gssize        length,
                                                            const char   *origin,
                                                            GError      **error);
RS_INTERNAL void          rs_config_free                   (RsConfig     *config);
RS_INTERNAL gboolean      rs_config_lookup_store           (RsConfig     *config,
                                                            const char   *name,
                                                            const char  **backend,
                                                            char        **root_path,
                                                            GError      **error);
RS_INTERNAL const char   *rs_config_backend_type           (RsConfig     *config,
                                                            const char   *backend);
RS_INTERNAL GHashTable   *rs_config_backend_options        (RsConfig     *config,
                                                            const char   *backend,
                                                            GError      **error);
RS_INTERNAL char        **rs_config_list_stores            (RsConfig     *config);
RS_INTERNAL char         *rs_config_expand                 (const char   *value,
                                                            char        **missing);

G_END_DECLS
