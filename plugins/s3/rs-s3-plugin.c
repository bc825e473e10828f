/* rs-s3-plugin.c: the s3 plugin's descriptor */
#include "rs-s3-backend.h"

static gboolean
s3_plugin_init (RsPluginInfo  *plugin,
                GError       **error)
{
  rs_plugin_info_register_backend (plugin, RS_TYPE_S3_BACKEND);
  return TRUE;
}

RS_PLUGIN_DEFINE (s3, "s3", "Amazon S3 and S3-compatible object stores", PACKAGE_VERSION,
                  "LGPL-2.1-or-later", s3_plugin_init)
