/* rs-http-engine.c: one I/O thread, one GMainContext, one libcurl multi
 *
 * libcurl's sockets and timer become GSources on the engine's private
 * context (CURLMOPT_SOCKETFUNCTION / TIMERFUNCTION), iterated by the I/O
 * thread only. Everything that touches a CURL handle runs on that thread;
 * other threads hand work over with g_main_context_invoke_full(). Results
 * go back through each request's GTask to the caller's context. */
#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "rs-http-engine-private.h"

struct _RsHttpEngine
{
  GObject parent_instance;

  RsHttpIo *io;
};

G_DEFINE_FINAL_TYPE (RsHttpEngine, rs_http_engine, G_TYPE_OBJECT)

void
rs_http_options_init (RsHttpOptions *options)
{
  memset (options, 0, sizeof *options);
  options->max_host_connections = 16;
  options->connect_timeout_ms = 10000;
  options->idle_timeout_ms = 30000;
}

void
rs_http_options_clear (RsHttpOptions *options)
{
  g_clear_pointer (&options->ca_file, g_free);
  g_clear_pointer (&options->retry, rs_retry_policy_free);
}

RsHttpIo *
rs_http_io_ref (RsHttpIo *io)
{
  g_atomic_int_inc (&io->ref_count);
  return io;
}

void
rs_http_io_unref (RsHttpIo *io)
{
  if (!g_atomic_int_dec_and_test (&io->ref_count))
    return;
  rs_http_options_clear (&io->options);
  g_hash_table_unref (io->active);
  g_main_context_unref (io->context);
  g_free (io);
}

/* ---- libcurl ↔ GMainContext -------------------------------------------- */

static gboolean
socket_ready (int          fd,
              GIOCondition condition,
              gpointer     data)
{
  RsHttpIo *io = data;
  int flags = 0;
  int running;

  if (condition & G_IO_IN)
    flags |= CURL_CSELECT_IN;
  if (condition & G_IO_OUT)
    flags |= CURL_CSELECT_OUT;
  if (condition & (G_IO_ERR | G_IO_HUP))
    flags |= CURL_CSELECT_ERR;
  curl_multi_socket_action (io->multi, fd, flags, &running);
  rs_http_io_collect (io);
  return G_SOURCE_CONTINUE;
}

static int
socket_changed (CURL          *easy,
                curl_socket_t  fd,
                int            what,
                void          *user_data,
                void          *socket_data)
{
  RsHttpIo *io = user_data;
  GSource *source = socket_data;
  GIOCondition condition = 0;

  if (source != NULL)
    {
      g_source_destroy (source);
      g_source_unref (source);
    }
  if (what == CURL_POLL_REMOVE)
    {
      curl_multi_assign (io->multi, fd, NULL);
      return 0;
    }
  if (what & CURL_POLL_IN)
    condition |= G_IO_IN | G_IO_HUP | G_IO_ERR;
  if (what & CURL_POLL_OUT)
    condition |= G_IO_OUT | G_IO_ERR;
  source = g_unix_fd_source_new (fd, condition);
  g_source_set_callback (source, G_SOURCE_FUNC (socket_ready), io, NULL);
  g_source_attach (source, io->context);
  curl_multi_assign (io->multi, fd, source);
  return 0;
}

static gboolean
timer_fired (gpointer data)
{
  RsHttpIo *io = data;
  GSource *source = g_steal_pointer (&io->timer);
  int running;

  curl_multi_socket_action (io->multi, CURL_SOCKET_TIMEOUT, 0, &running);
  rs_http_io_collect (io);
  g_source_unref (source);
  return G_SOURCE_REMOVE;
}

static int
timer_changed (CURLM    *multi,
               long      timeout_ms,
               void     *user_data)
{
  RsHttpIo *io = user_data;

  if (io->timer != NULL)
    {
      g_source_destroy (io->timer);
      g_clear_pointer (&io->timer, g_source_unref);
    }
  if (timeout_ms < 0)
    return 0;
  io->timer = g_timeout_source_new ((guint) timeout_ms);
  g_source_set_callback (io->timer, timer_fired, io, NULL);
  g_source_attach (io->timer, io->context);
  return 0;
}

void
rs_http_io_collect (RsHttpIo *io)
{
  CURLMsg *message;
  int left;

  while ((message = curl_multi_info_read (io->multi, &left)) != NULL)
    {
      RsHttpTransfer *transfer = NULL;

      if (message->msg != CURLMSG_DONE)
        continue;
      curl_easy_getinfo (message->easy_handle, CURLINFO_PRIVATE, (char **) &transfer);
      rs_http_transfer_done (transfer, message->data.result);
    }
}

/* ---- the I/O thread ----------------------------------------------------- */

static gpointer
io_thread (gpointer data)
{
  RsHttpIo *io = data;

  g_main_context_push_thread_default (io->context);
  while (!g_atomic_int_get (&io->quit))
    g_main_context_iteration (io->context, TRUE);
  rs_http_transfer_fail_all (io);
  if (io->timer != NULL)
    {
      g_source_destroy (io->timer);
      g_clear_pointer (&io->timer, g_source_unref);
    }
  curl_multi_cleanup (io->multi);
  io->multi = NULL;
  g_main_context_pop_thread_default (io->context);
  rs_http_io_unref (io);
  return NULL;
}

static gpointer
global_init (gpointer data)
{
  curl_global_init (CURL_GLOBAL_ALL);
  return NULL;
}

static const char *
default_ca_file (void)
{
  const char *names[] = { "AWS_CA_BUNDLE", "SSL_CERT_FILE" };

  /* A variable naming a file that is not there is ignored, not fatal. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = g_getenv (names[i]);

      if (value != NULL && value[0] != '\0' && g_file_test (value, G_FILE_TEST_IS_REGULAR))
        return value;
    }
  return NULL;
}

RsHttpEngine *
rs_http_engine_new (const RsHttpOptions *options)
{
  static GOnce once = G_ONCE_INIT;
  RsHttpEngine *engine = g_object_new (RS_TYPE_HTTP_ENGINE, NULL);
  RsHttpIo *io = g_new0 (RsHttpIo, 1);

  g_once (&once, global_init, NULL);
  io->ref_count = 1;
  io->options = *options;
  io->options.ca_file = g_strdup (options->ca_file != NULL ? options->ca_file : default_ca_file ());
  io->options.retry = options->retry != NULL ? rs_retry_policy_copy (options->retry)
                                             : rs_retry_policy_new ();
  io->context = g_main_context_new ();
  io->multi = curl_multi_init ();
  io->active = g_hash_table_new (NULL, NULL);
  curl_multi_setopt (io->multi, CURLMOPT_SOCKETFUNCTION, socket_changed);
  curl_multi_setopt (io->multi, CURLMOPT_SOCKETDATA, io);
  curl_multi_setopt (io->multi, CURLMOPT_TIMERFUNCTION, timer_changed);
  curl_multi_setopt (io->multi, CURLMOPT_TIMERDATA, io);
  if (options->max_host_connections > 0)
    curl_multi_setopt (io->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long) options->max_host_connections);
  io->thread = g_thread_new ("rs-http-io", io_thread, rs_http_io_ref (io));
  engine->io = io;
  return engine;
}

void
rs_http_engine_send_async (RsHttpEngine        *engine,
                           RsHttpRequest       *request,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (engine, cancellable, callback, user_data);

  g_task_set_source_tag (task, rs_http_engine_send_async);
  /* One g_task_return on every path: the transfer decides, cancellation
   * included. */
  g_task_set_check_cancellable (task, FALSE);
  if (engine->io == NULL || g_atomic_int_get (&engine->io->quit))
    {
      g_task_return_new_error (task, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE,
                               _("The HTTP engine is closed"));
      g_object_unref (task);
      return;
    }
  rs_http_transfer_submit (engine->io, request, task);
}

RsHttpResponse *
rs_http_engine_send_finish (RsHttpEngine  *engine,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, engine), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_REMOVE;
}

void
rs_http_engine_shutdown (RsHttpEngine *engine)
{
  RsHttpIo *io = g_steal_pointer (&engine->io);
  GThread *thread;

  if (io == NULL)
    return;
  thread = io->thread;
  g_atomic_int_set (&io->quit, 1);
  g_main_context_invoke (io->context, wake_up, NULL);
  g_main_context_wakeup (io->context);
  /* The last reference may go on the I/O thread itself (a transfer
   * finishing there): then it exits on its own. */
  if (thread != g_thread_self ())
    g_thread_join (thread);
  else
    g_thread_unref (thread);
  rs_http_io_unref (io);
}

static void
rs_http_engine_finalize (GObject *object)
{
  rs_http_engine_shutdown (RS_HTTP_ENGINE (object));
  G_OBJECT_CLASS (rs_http_engine_parent_class)->finalize (object);
}

static void
rs_http_engine_class_init (RsHttpEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rs_http_engine_finalize;
}

static void
rs_http_engine_init (RsHttpEngine *engine)
{
}
