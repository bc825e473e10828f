/* rs-missing-symbol.c: a module without the descriptor the loader looks for
 *
 * Its manifest says Name=missing-symbol, so the loader wants
 * rs_plugin_missing_symbol_descriptor; the module exports the descriptor
 * under a misspelt name instead, the usual way this goes wrong. */
#include <remotestore/remotestore.h>

static gboolean
missing_symbol_init (RsPluginInfo  *plugin,
                     GError       **error)
{
  return TRUE;
}

RS_PLUGIN_DEFINE (missingsymbol, "missing-symbol", "Broken fixture: misspelt descriptor", "1.0",
                  "LGPL-2.1-or-later", missing_symbol_init)
