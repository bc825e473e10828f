/* rs-tool-signals.c: an interrupted transfer is cancelled, not killed
 *
 * Killing the process in the middle of a write could leave a partial file;
 * cancelling lets the library abort the write. A second signal finds the
 * default handler back and ends the process at once. */
#include "rs-tool.h"

#include <signal.h>
#include <glib-unix.h>

static gboolean
on_signal (gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
  return G_SOURCE_REMOVE;
}

GCancellable *
rs_tool_cancellable (void)
{
  static GCancellable *cancellable;

  if (cancellable == NULL)
    {
      cancellable = g_cancellable_new ();
      g_unix_signal_add (SIGINT, on_signal, cancellable);
      g_unix_signal_add (SIGTERM, on_signal, cancellable);
      g_unix_signal_add (SIGHUP, on_signal, cancellable);
    }
  return cancellable;
}
