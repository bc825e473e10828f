/* rs-sync-context.c: private main contexts for sync-over-async calls
 *
 * A synchronous call on an async-only primitive pushes a private context
 * as the thread-default, starts the async call, iterates only that context
 * until the result arrives, and pops it (the gio/gsubprocess.c pattern).
 * That works from any thread, a GTask worker included, and never runs the
 * caller's own main loop. One context per thread is cached; a nested call
 * (a sync call from inside a callback running on the cached context) gets
 * a fresh one. */
#include "config.h"

#include "rs-call.h"

static GPrivate cached_context = G_PRIVATE_INIT ((GDestroyNotify) g_main_context_unref);

GMainContext *
rs_sync_context_acquire (void)
{
  GMainContext *context = g_private_get (&cached_context);

  if (context != NULL)
    g_private_set (&cached_context, NULL);
  else
    context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  return context;
}

void
rs_sync_context_release (GMainContext *context)
{
  g_main_context_pop_thread_default (context);
  if (g_private_get (&cached_context) == NULL)
    g_private_set (&cached_context, context);
  else
    g_main_context_unref (context);
}
