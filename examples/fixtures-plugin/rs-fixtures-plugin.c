/* rs-fixtures-plugin.c: the fixtures plugin's descriptor */
#include "rs-fixtures-backend.h"

static gboolean
fixtures_plugin_init (RsPluginInfo  *plugin,
                      GError       **error)
{
  rs_plugin_info_register_backend (plugin, RS_TYPE_FIXTURES_BACKEND);
  return TRUE;
}

RS_PLUGIN_DEFINE (fixtures, "fixtures", "A read-only view of a directory of fixture files",
                  PACKAGE_VERSION, "LGPL-2.1-or-later", fixtures_plugin_init)
