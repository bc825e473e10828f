/* rs-call.c: dispatch of one primitive call, and the two bridges
 *
 * A backend fills, per primitive, the sync vfunc, the async pair, or both.
 * rs_call_run() (sync) uses the sync vfunc, else runs the async pair on a
 * private main context; rs_call_run_async() uses the async pair, else runs
 * the sync vfunc in a GTask worker thread. These are the only places where
 * the two directions are bridged. */
#include "config.h"

#include "rs-call.h"

static const char *const call_names[] = {
  [RS_CALL_STAT_KEY] = "stat_key",
  [RS_CALL_OPEN_READ] = "open_read",
  [RS_CALL_OPEN_WRITE] = "open_write",
  [RS_CALL_PUT] = "put",
  [RS_CALL_DELETE_FILE] = "delete_file",
  [RS_CALL_DELETE_FOLDER] = "delete_folder",
  [RS_CALL_LIST_PAGE] = "list_page",
  [RS_CALL_COPY] = "copy",
  [RS_CALL_RENAME] = "rename",
  [RS_CALL_FOLDER_STATS] = "folder_stats",
  [RS_CALL_PING] = "ping",
  [RS_CALL_CLOSE] = "close",
  [RS_CALL_WRITER_WRITE] = "write",
  [RS_CALL_WRITER_COMMIT] = "commit",
  [RS_CALL_WRITER_ABORT] = "abort",
  [RS_CALL_STREAM_READ] = "read",
  [RS_CALL_STAT_FOLDER_KEY] = "stat_folder_key",
};

void
rs_call_reset (RsCall     *call,
               RsCallKind  kind)
{
  rs_call_clear (call);
  memset (call, 0, sizeof *call);
  call->kind = kind;
  call->length = -1;
}

void
rs_call_clear (RsCall *call)
{
  g_clear_object (&call->object);
  g_clear_pointer (&call->entries, g_ptr_array_unref);
  g_clear_pointer (&call->next_token, g_free);
  g_clear_pointer (&call->bytes, g_bytes_unref);
  g_clear_error (&call->error);
}

#define BK(call) RS_BACKEND_GET_CLASS ((call)->backend)
#define WK(call) RS_BACKEND_WRITER_GET_CLASS ((call)->writer)

static gboolean
has_sync (RsCall *call)
{
  switch (call->kind)
    {
    case RS_CALL_STAT_KEY: return BK (call)->stat_key != NULL;
    case RS_CALL_STAT_FOLDER_KEY: return BK (call)->stat_folder_key != NULL;
    case RS_CALL_OPEN_READ: return BK (call)->open_read != NULL;
    case RS_CALL_OPEN_WRITE: return BK (call)->open_write != NULL;
    case RS_CALL_PUT: return BK (call)->put != NULL;
    case RS_CALL_DELETE_FILE: return BK (call)->delete_file != NULL;
    case RS_CALL_DELETE_FOLDER: return BK (call)->delete_folder != NULL;
    case RS_CALL_LIST_PAGE: return BK (call)->list_page != NULL;
    case RS_CALL_COPY: return BK (call)->copy != NULL;
    case RS_CALL_RENAME: return BK (call)->rename != NULL;
    case RS_CALL_FOLDER_STATS: return BK (call)->folder_stats != NULL;
    case RS_CALL_PING: return BK (call)->ping != NULL;
    case RS_CALL_CLOSE: return BK (call)->close != NULL;
    case RS_CALL_WRITER_WRITE: return WK (call)->write != NULL;
    case RS_CALL_WRITER_COMMIT: return WK (call)->commit != NULL;
    case RS_CALL_WRITER_ABORT: return WK (call)->abort != NULL;
    case RS_CALL_STREAM_READ: return TRUE;
    default: g_assert_not_reached ();
    }
}

static gboolean
has_async (RsCall *call)
{
  switch (call->kind)
    {
    case RS_CALL_STAT_KEY: return BK (call)->stat_key_async != NULL;
    case RS_CALL_STAT_FOLDER_KEY: return BK (call)->stat_folder_key_async != NULL;
    case RS_CALL_OPEN_READ: return BK (call)->open_read_async != NULL;
    case RS_CALL_OPEN_WRITE: return BK (call)->open_write_async != NULL;
    case RS_CALL_PUT: return BK (call)->put_async != NULL;
    case RS_CALL_DELETE_FILE: return BK (call)->delete_file_async != NULL;
    case RS_CALL_DELETE_FOLDER: return BK (call)->delete_folder_async != NULL;
    case RS_CALL_LIST_PAGE: return BK (call)->list_page_async != NULL;
    case RS_CALL_COPY: return BK (call)->copy_async != NULL;
    case RS_CALL_RENAME: return BK (call)->rename_async != NULL;
    case RS_CALL_FOLDER_STATS: return BK (call)->folder_stats_async != NULL;
    case RS_CALL_PING: return BK (call)->ping_async != NULL;
    case RS_CALL_CLOSE: return BK (call)->close_async != NULL;
    case RS_CALL_WRITER_WRITE: return WK (call)->write_async != NULL;
    case RS_CALL_WRITER_COMMIT: return WK (call)->commit_async != NULL;
    case RS_CALL_WRITER_ABORT: return WK (call)->abort_async != NULL;
    case RS_CALL_STREAM_READ: return TRUE;
    default: g_assert_not_reached ();
    }
}

static void
invoke_sync (RsCall       *call,
             GCancellable *c)
{
  RsBackend *b = call->backend;
  RsBackendWriter *w = call->writer;
  GError **e = &call->error;
  gboolean ok = TRUE;

  switch (call->kind)
    {
    case RS_CALL_STAT_KEY:
      ok = (call->object = BK (call)->stat_key (b, call->key, c, e)) != NULL;
      break;
    case RS_CALL_STAT_FOLDER_KEY:
      ok = (call->object = BK (call)->stat_folder_key (b, call->key, c, e)) != NULL;
      break;
    case RS_CALL_OPEN_READ:
      ok = (call->object = BK (call)->open_read (b, call->key, call->offset, call->length, c, e)) != NULL;
      break;
    case RS_CALL_OPEN_WRITE:
      ok = (call->object = BK (call)->open_write (b, call->key, call->flags, call->metadata, c, e)) != NULL;
      break;
    case RS_CALL_PUT:
      ok = (call->object = BK (call)->put (b, call->key, call->stream, call->length, call->flags,
                                           call->metadata, c, e)) != NULL;
      break;
    case RS_CALL_DELETE_FILE:
      ok = BK (call)->delete_file (b, call->key, c, e);
      break;
    case RS_CALL_DELETE_FOLDER:
      ok = BK (call)->delete_folder (b, call->key, call->recursive, c, e);
      break;
    case RS_CALL_LIST_PAGE:
      ok = (call->entries = BK (call)->list_page (b, call->key, call->recursive, call->token,
                                                  &call->next_token, c, e)) != NULL;
      break;
    case RS_CALL_COPY:
      ok = BK (call)->copy (b, call->key, call->key2, call->flags, c, e);
      break;
    case RS_CALL_RENAME:
      ok = BK (call)->rename (b, call->key, call->key2, call->flags, c, e);
      break;
    case RS_CALL_FOLDER_STATS:
      ok = (call->object = BK (call)->folder_stats (b, call->key, c, e)) != NULL;
      break;
    case RS_CALL_PING:
      ok = BK (call)->ping (b, c, e);
      break;
    case RS_CALL_CLOSE:
      ok = BK (call)->close (b, c, e);
      break;
    case RS_CALL_WRITER_WRITE:
      ok = (call->written = WK (call)->write (w, call->buffer, call->count, c, e)) >= 0;
      break;
    case RS_CALL_WRITER_COMMIT:
      ok = (call->object = WK (call)->commit (w, c, e)) != NULL;
      break;
    case RS_CALL_WRITER_ABORT:
      ok = WK (call)->abort (w, c, e);
      break;
    case RS_CALL_STREAM_READ:
      ok = (call->bytes = g_input_stream_read_bytes (call->stream, call->count, c, e)) != NULL;
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok && call->error == NULL)
    /* Translators: %s names a backend primitive, such as open_read */
    g_set_error (&call->error, RS_ERROR, RS_ERROR_FAILED,
                 _("%s failed without saying why"), call_names[call->kind]);
  else if (ok)
    g_clear_error (&call->error);
}

static void
invoke_async (RsCall              *call,
              int                  prio,
              GCancellable        *c,
              GAsyncReadyCallback  cb,
              gpointer             data)
{
  RsBackend *b = call->backend;
  RsBackendWriter *w = call->writer;

  switch (call->kind)
    {
    case RS_CALL_STAT_KEY:
      BK (call)->stat_key_async (b, call->key, prio, c, cb, data);
      break;
    case RS_CALL_STAT_FOLDER_KEY:
      BK (call)->stat_folder_key_async (b, call->key, prio, c, cb, data);
      break;
    case RS_CALL_OPEN_READ:
      BK (call)->open_read_async (b, call->key, call->offset, call->length, prio, c, cb, data);
      break;
    case RS_CALL_OPEN_WRITE:
      BK (call)->open_write_async (b, call->key, call->flags, call->metadata, prio, c, cb, data);
      break;
    case RS_CALL_PUT:
      BK (call)->put_async (b, call->key, call->stream, call->length, call->flags, call->metadata,
                            prio, c, cb, data);
      break;
    case RS_CALL_DELETE_FILE:
      BK (call)->delete_file_async (b, call->key, prio, c, cb, data);
      break;
    case RS_CALL_DELETE_FOLDER:
      BK (call)->delete_folder_async (b, call->key, call->recursive, prio, c, cb, data);
      break;
    case RS_CALL_LIST_PAGE:
      BK (call)->list_page_async (b, call->key, call->recursive, call->token, prio, c, cb, data);
      break;
    case RS_CALL_COPY:
      BK (call)->copy_async (b, call->key, call->key2, call->flags, prio, c, cb, data);
      break;
    case RS_CALL_RENAME:
      BK (call)->rename_async (b, call->key, call->key2, call->flags, prio, c, cb, data);
      break;
    case RS_CALL_FOLDER_STATS:
      BK (call)->folder_stats_async (b, call->key, prio, c, cb, data);
      break;
    case RS_CALL_PING:
      BK (call)->ping_async (b, prio, c, cb, data);
      break;
    case RS_CALL_CLOSE:
      BK (call)->close_async (b, prio, c, cb, data);
      break;
    case RS_CALL_WRITER_WRITE:
      WK (call)->write_async (w, call->buffer, call->count, prio, c, cb, data);
      break;
    case RS_CALL_WRITER_COMMIT:
      WK (call)->commit_async (w, prio, c, cb, data);
      break;
    case RS_CALL_WRITER_ABORT:
      WK (call)->abort_async (w, prio, c, cb, data);
      break;
    case RS_CALL_STREAM_READ:
      g_input_stream_read_bytes_async (call->stream, call->count, prio, c, cb, data);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
invoke_finish (RsCall       *call,
               GAsyncResult *res)
{
  RsBackend *b = call->backend;
  RsBackendWriter *w = call->writer;
  GError **e = &call->error;
  gboolean ok = TRUE;

  switch (call->kind)
    {
    case RS_CALL_STAT_KEY:
      ok = (call->object = BK (call)->stat_key_finish (b, res, e)) != NULL;
      break;
    case RS_CALL_STAT_FOLDER_KEY:
      ok = (call->object = BK (call)->stat_folder_key_finish (b, res, e)) != NULL;
      break;
    case RS_CALL_OPEN_READ:
      ok = (call->object = BK (call)->open_read_finish (b, res, e)) != NULL;
      break;
    case RS_CALL_OPEN_WRITE:
      ok = (call->object = BK (call)->open_write_finish (b, res, e)) != NULL;
      break;
    case RS_CALL_PUT:
      ok = (call->object = BK (call)->put_finish (b, res, e)) != NULL;
      break;
    case RS_CALL_DELETE_FILE:
      ok = BK (call)->delete_file_finish (b, res, e);
      break;
    case RS_CALL_DELETE_FOLDER:
      ok = BK (call)->delete_folder_finish (b, res, e);
      break;
    case RS_CALL_LIST_PAGE:
      ok = (call->entries = BK (call)->list_page_finish (b, res, &call->next_token, e)) != NULL;
      break;
    case RS_CALL_COPY:
      ok = BK (call)->copy_finish (b, res, e);
      break;
    case RS_CALL_RENAME:
      ok = BK (call)->rename_finish (b, res, e);
      break;
    case RS_CALL_FOLDER_STATS:
      ok = (call->object = BK (call)->folder_stats_finish (b, res, e)) != NULL;
      break;
    case RS_CALL_PING:
      ok = BK (call)->ping_finish (b, res, e);
      break;
    case RS_CALL_CLOSE:
      ok = BK (call)->close_finish (b, res, e);
      break;
    case RS_CALL_WRITER_WRITE:
      ok = (call->written = WK (call)->write_finish (w, res, e)) >= 0;
      break;
    case RS_CALL_WRITER_COMMIT:
      ok = (call->object = WK (call)->commit_finish (w, res, e)) != NULL;
      break;
    case RS_CALL_WRITER_ABORT:
      ok = WK (call)->abort_finish (w, res, e);
      break;
    case RS_CALL_STREAM_READ:
      ok = (call->bytes = g_input_stream_read_bytes_finish (call->stream, res, e)) != NULL;
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok && call->error == NULL)
    /* Translators: %s names a backend primitive, such as open_read */
    g_set_error (&call->error, RS_ERROR, RS_ERROR_FAILED,
                 _("%s failed without saying why"), call_names[call->kind]);
  else if (ok)
    g_clear_error (&call->error);
}

gboolean
rs_call_implemented (RsCall *call)
{
  return has_sync (call) || has_async (call);
}

gboolean
rs_backend_has_primitive (RsBackend  *backend,
                          RsCallKind  kind)
{
  RsCall probe = { .kind = kind, .backend = backend };

  return rs_call_implemented (&probe);
}

static void
set_not_implemented (RsCall *call)
{
  g_set_error (&call->error, RS_ERROR, RS_ERROR_CAPABILITY_NOT_SUPPORTED,
               _("The backend does not implement “%s”"), call_names[call->kind]);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* A call whose cancellable is already cancelled fails with
 * G_IO_ERROR_CANCELLED without reaching the backend, whatever the backend
 * does with cancellables, so that every operation honours a cancellation
 * between its primitives. Aborting a writer and closing a backend are
 * clean-up, and always run. */
static gboolean
refuse_if_cancelled (RsCall       *call,
                     GCancellable *cancellable)
{
  if (call->kind == RS_CALL_WRITER_ABORT || call->kind == RS_CALL_CLOSE)
    return FALSE;
  return g_cancellable_set_error_if_cancelled (cancellable, &call->error);
}

void
rs_call_run (RsCall       *call,
             GCancellable *cancellable)
{
  GMainContext *context;
  GAsyncResult *result = NULL;

  if (refuse_if_cancelled (call, cancellable))
    return;
  if (has_sync (call))
    {
      invoke_sync (call, cancellable);
      return;
    }
  if (!has_async (call))
    {
      set_not_implemented (call);
      return;
    }
  context = rs_sync_context_acquire ();
  invoke_async (call, G_PRIORITY_DEFAULT, cancellable, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  invoke_finish (call, result);
  g_object_unref (result);
  rs_sync_context_release (context);
}

static RsBackend *
call_backend (RsCall *call)
{
  if (call->writer != NULL)
    return rs_backend_writer_get_backend (call->writer);
  return call->backend;
}

/* Runs the call right here if that cannot block: a backend declaring
 * RS_BACKEND_FACTS_NONBLOCKING, or a pollable stream with data ready. */
gboolean
rs_call_try_inline (RsCall       *call,
                    GCancellable *cancellable)
{
  if (refuse_if_cancelled (call, cancellable))
    return TRUE;
  if (call->kind == RS_CALL_STREAM_READ)
    {
      GPollableInputStream *pollable;
      gpointer buffer;
      gssize n;
      GError *error = NULL;

      if (!G_IS_POLLABLE_INPUT_STREAM (call->stream))
        return FALSE;
      pollable = G_POLLABLE_INPUT_STREAM (call->stream);
      if (!g_pollable_input_stream_can_poll (pollable))
        return FALSE;
      buffer = g_malloc (call->count);
      n = g_pollable_input_stream_read_nonblocking (pollable, buffer, call->count, cancellable, &error);
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_error_free (error);
          g_free (buffer);
          return FALSE;
        }
      if (n < 0)
        {
          call->error = error;
          g_free (buffer);
        }
      else
        call->bytes = g_bytes_new_take (g_realloc (buffer, MAX (n, 1)), n);
      return TRUE;
    }
  if ((rs_backend_get_facts (call_backend (call)) & RS_BACKEND_FACTS_NONBLOCKING) == 0 ||
      !has_sync (call))
    return FALSE;
  invoke_sync (call, cancellable);
  return TRUE;
}

static void
run_in_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  invoke_sync (task_data, cancellable);
  g_task_return_boolean (task, TRUE);
}

void
rs_call_run_async (RsCall              *call,
                   int                  io_priority,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task;
  gboolean refused = refuse_if_cancelled (call, cancellable);

  if (!refused && has_async (call))
    {
      invoke_async (call, io_priority, cancellable, callback, user_data);
      return;
    }
  /* The call's result fields are written by the worker and read only after
   * the task completes, which orders the accesses. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rs_call_run_async);
  g_task_set_name (task, call_names[call->kind]);
  g_task_set_priority (task, io_priority);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, call, NULL);
  if (refused)
    g_task_return_boolean (task, TRUE);
  else if (has_sync (call))
    g_task_run_in_thread (task, run_in_thread);
  else
    {
      set_not_implemented (call);
      g_task_return_boolean (task, TRUE);
    }
  g_object_unref (task);
}

void
rs_call_finish (RsCall       *call,
                GAsyncResult *result)
{
  if (G_IS_TASK (result) && g_task_get_source_tag (G_TASK (result)) == rs_call_run_async)
    {
      g_task_propagate_boolean (G_TASK (result), NULL);
      return;
    }
  invoke_finish (call, result);
}
