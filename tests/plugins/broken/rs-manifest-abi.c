/* rs-manifest-abi.c: a module that must never be loaded
 *
 * Its manifest declares ABI=99.0, which the registry must refuse from the
 * manifest alone. Should the module be opened anyway, its constructor
 * kills the test process, so the test cannot pass by accident. */
#include <stdlib.h>

#include <remotestore/remotestore.h>

__attribute__((constructor)) static void
manifest_abi_loaded (void)
{
  g_printerr ("manifest-abi fixture: module loaded although its manifest declares ABI 99.0\n");
  abort ();
}

static gboolean
manifest_abi_init (RsPluginInfo  *plugin,
                   GError       **error)
{
  return TRUE;
}

/* A well-formed descriptor: the manifest is the only thing wrong. */
RS_PLUGIN_DEFINE (manifest_abi, "manifest-abi", "Broken fixture: manifest declares ABI 99.0", "1.0",
                  "LGPL-2.1-or-later", manifest_abi_init)
