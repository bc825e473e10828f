/* rs-azure-plugin.c: the azure plugin's descriptor */
#include "rs-azure-backend.h"

static gboolean
azure_plugin_init (RsPluginInfo  *plugin,
                   GError       **error)
{
  rs_plugin_info_register_backend (plugin, RS_TYPE_AZURE_BACKEND);
  return TRUE;
}

RS_PLUGIN_DEFINE (azure, "azure", "Azure Blob Storage", PACKAGE_VERSION,
                  "LGPL-2.1-or-later", azure_plugin_init)
