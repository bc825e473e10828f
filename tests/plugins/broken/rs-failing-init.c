/* rs-failing-init.c: an init function that fails with a GError
 *
 * The message counts the calls in this process, so a test can tell a
 * remembered refusal (same count) from init being run again. */
#include <remotestore/remotestore.h>

static gboolean
failing_init_init (RsPluginInfo  *plugin,
                   GError       **error)
{
  static gint calls;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
               "failing-init fixture refuses on purpose (call %d)",
               g_atomic_int_add (&calls, 1) + 1);
  return FALSE;
}

RS_PLUGIN_DEFINE (failing_init, "failing-init", "Broken fixture: init fails", "1.0",
                  "LGPL-2.1-or-later", failing_init_init)
