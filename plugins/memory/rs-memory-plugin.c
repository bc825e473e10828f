/* rs-memory-plugin.c: the memory plugin's descriptor */
#include "rs-memory-backend.h"

static gboolean
memory_plugin_init (RsPluginInfo  *plugin,
                    GError       **error)
{
  rs_plugin_info_register_backend (plugin, RS_TYPE_MEMORY_BACKEND);
  return TRUE;
}

RS_PLUGIN_DEFINE (memory, "memory", "Files in process memory", PACKAGE_VERSION,
                  "LGPL-2.1-or-later", memory_plugin_init)
