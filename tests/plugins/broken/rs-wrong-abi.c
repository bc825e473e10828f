/* rs-wrong-abi.c: a descriptor built for another plugin ABI
 *
 * FIXTURE_ABI_MAJOR/FIXTURE_ABI_MINOR come from meson: 99.0 (another major)
 * for wrong-abi, 1.99 (a newer minor than the library's) for abi-minor.
 * RS_PLUGIN_DEFINE always writes the current ABI, so the descriptor is
 * spelt out by hand. */
#include <remotestore/remotestore.h>

static gboolean
wrong_abi_init (RsPluginInfo  *plugin,
                GError       **error)
{
  /* Never reached: the loader checks the ABI before calling init. */
  g_error ("the %s fixture's init ran despite its ABI", FIXTURE_NAME);
  return FALSE;
}

__attribute__((visibility ("default"))) extern const RsPluginDescriptor FIXTURE_SYMBOL;
const RsPluginDescriptor FIXTURE_SYMBOL = {
  FIXTURE_ABI_MAJOR, FIXTURE_ABI_MINOR, FIXTURE_NAME, "Broken fixture: another plugin ABI",
  "1.0", "LGPL-2.1-or-later", wrong_abi_init, { NULL }
};
