/* rs-local-plugin.c: the local plugin's descriptor */
#include <remotestore/remotestore.h>

#include "rs-local-backend.h"
#include "rs-local-input-stream.h"
#include "rs-local-writer.h"

static gboolean
local_plugin_init (RsPluginInfo  *plugin,
                   GError       **error)
{
  /* Every type now, while the registry holds its loader lock. */
  g_type_ensure (RS_TYPE_LOCAL_INPUT_STREAM);
  g_type_ensure (RS_TYPE_LOCAL_WRITER);
  rs_plugin_info_register_backend (plugin, RS_TYPE_LOCAL_BACKEND);
  return TRUE;
}

RS_PLUGIN_DEFINE (local, "local", "Files in a folder of the local file system", PACKAGE_VERSION,
                  "LGPL-2.1-or-later", local_plugin_init)
