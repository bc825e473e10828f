/* rs-name-mismatch.c: the descriptor's name is not the manifest's Name=
 *
 * The symbol is the one the manifest leads the loader to
 * (rs_plugin_name_mismatch_descriptor) but the descriptor calls itself
 * "mismatched-name". */
#include <remotestore/remotestore.h>

static gboolean
name_mismatch_init (RsPluginInfo  *plugin,
                    GError       **error)
{
  g_error ("the name-mismatch fixture's init ran despite its name");
  return FALSE;
}

RS_PLUGIN_DEFINE (name_mismatch, "mismatched-name", "Broken fixture: descriptor name differs",
                  "1.0", "LGPL-2.1-or-later", name_mismatch_init)
