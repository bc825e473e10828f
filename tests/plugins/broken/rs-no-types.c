/* rs-no-types.c: init succeeds but registers no backend type */
#include <remotestore/remotestore.h>

static gboolean
no_types_init (RsPluginInfo  *plugin,
               GError       **error)
{
  return TRUE;
}

RS_PLUGIN_DEFINE (no_types, "no-types", "Broken fixture: registers no backend", "1.0",
                  "LGPL-2.1-or-later", no_types_init)
