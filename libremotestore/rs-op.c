/* rs-op.c: the drivers that run store step machines, and their helpers */
#include "config.h"

#include "rs-op.h"

gpointer
rs_op_new (gsize            size,
           const RsOpClass *klass,
           RsStore         *store)
{
  RsOp *op = g_malloc0 (size);

  op->klass = klass;
  op->store = g_object_ref (store);
  op->backend = g_object_ref (store->backend);
  op->io_priority = G_PRIORITY_DEFAULT;
  rs_call_reset (&op->call, RS_CALL_PING);
  return op;
}

void
rs_op_free (RsOp *op)
{
  if (op == NULL)
    return;
  if (op->klass->clear != NULL)
    op->klass->clear (op);
  rs_call_clear (&op->call);
  if (op->result != NULL && op->result_free != NULL)
    op->result_free (op->result);
  g_clear_error (&op->error);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->backend);
  g_clear_object (&op->store);
  g_free (op);
}

gboolean
rs_op_run (RsOp         *op,
           GCancellable *cancellable)
{
  g_set_object (&op->cancellable, cancellable);
  while (op->klass->step (op))
    rs_call_run (&op->call, cancellable);
  return op->error == NULL;
}

gpointer
rs_op_run_take (RsOp         *op,
                GCancellable *cancellable,
                GError      **error)
{
  gpointer result = NULL;

  if (rs_op_run (op, cancellable))
    result = g_steal_pointer (&op->result);
  else
    g_propagate_error (error, g_steal_pointer (&op->error));
  rs_op_free (op);
  return result;
}

gboolean
rs_op_run_boolean (RsOp         *op,
                   GCancellable *cancellable,
                   GError      **error)
{
  gboolean value = FALSE;

  if (rs_op_run (op, cancellable))
    value = op->boolean;
  else
    g_propagate_error (error, g_steal_pointer (&op->error));
  rs_op_free (op);
  return value;
}

/* A backend with neither async primitives nor non-blocking sync ones gets
 * the whole operation in one worker thread. */
gboolean
rs_op_wants_thread (RsOp *op)
{
  RsBackendClass *klass = RS_BACKEND_GET_CLASS (op->backend);

  if (op->klass->no_io || (rs_backend_get_facts (op->backend) & RS_BACKEND_FACTS_NONBLOCKING))
    return FALSE;
  return klass->stat_key_async == NULL;
}

static void
op_return (GTask *task,
           RsOp  *op)
{
  if (op->error != NULL)
    g_task_return_error (task, g_steal_pointer (&op->error));
  else
    g_task_return_boolean (task, TRUE);
}

static void op_advance (GTask *task);

static void
op_call_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  RsOp *op = g_task_get_task_data (task);

  rs_call_finish (&op->call, result);
  op_advance (task);
  g_object_unref (task);
}

static void
op_advance (GTask *task)
{
  RsOp *op = g_task_get_task_data (task);

  while (op->klass->step (op))
    {
      if (rs_call_try_inline (&op->call, op->cancellable))
        continue;
      rs_call_run_async (&op->call, op->io_priority, op->cancellable,
                         op_call_done, g_object_ref (task));
      return;
    }
  op_return (task, op);
}

static void
op_thread (GTask        *task,
           gpointer      source,
           gpointer      task_data,
           GCancellable *cancellable)
{
  RsOp *op = task_data;

  rs_op_run (op, cancellable);
  op_return (task, op);
}

/* Starts @op, or reports @error (a validation failure: @op is NULL). */
void
rs_op_start (gpointer             source,
             RsOp                *op,
             GError              *error,
             gpointer             source_tag,
             int                  io_priority,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task;

  if (op == NULL)
    {
      g_task_report_error (source, callback, user_data, source_tag, error);
      return;
    }
  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, op->klass->name);
  g_task_set_priority (task, io_priority);
  /* Steps check the cancellable themselves before any commit point, so a
   * write that happened is never reported as cancelled. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, op, (GDestroyNotify) rs_op_free);
  op->io_priority = io_priority;
  g_set_object (&op->cancellable, cancellable);
  if (rs_op_wants_thread (op))
    g_task_run_in_thread (task, op_thread);
  else
    op_advance (task);
  g_object_unref (task);
}

static RsOp *
op_finish (gpointer      source,
           GAsyncResult *result,
           gpointer      source_tag,
           GError      **error)
{
  GTask *task;

  g_return_val_if_fail (g_task_is_valid (result, source), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, source_tag), NULL);
  task = G_TASK (result);
  if (!g_task_propagate_boolean (task, error))
    return NULL;
  return g_task_get_task_data (task);
}

gpointer
rs_op_finish_take (gpointer      source,
                   GAsyncResult *result,
                   gpointer      source_tag,
                   GError      **error)
{
  RsOp *op = op_finish (source, result, source_tag, error);

  return op != NULL ? g_steal_pointer (&op->result) : NULL;
}

gboolean
rs_op_finish_boolean (gpointer      source,
                      GAsyncResult *result,
                      gpointer      source_tag,
                      GError      **error)
{
  RsOp *op = op_finish (source, result, source_tag, error);

  return op != NULL ? op->boolean : FALSE;
}

gboolean
rs_op_call_key (RsOp       *op,
                int         next_state,
                RsCallKind  kind,
                const char *key)
{
  rs_call_reset (&op->call, kind);
  op->call.backend = op->backend;
  op->call.key = key;
  op->state = next_state;
  return TRUE;
}

gboolean
rs_op_finish_with (RsOp           *op,
                   gpointer        result,
                   GDestroyNotify  result_free)
{
  op->result = result;
  op->result_free = result_free;
  return FALSE;
}

gboolean
rs_op_finish_bool (RsOp     *op,
                   gboolean  value)
{
  op->boolean = value;
  return FALSE;
}

gboolean
rs_op_fail (RsOp       *op,
            int         code,
            const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  g_clear_error (&op->error);
  op->error = g_error_new_valist (RS_ERROR, code, format, args);
  va_end (args);
  return FALSE;
}

gboolean
rs_op_take_error (RsOp   *op,
                  GError *error)
{
  g_clear_error (&op->error);
  op->error = error;
  return FALSE;
}

/* Fails the op with the error of the call that just ran, mapped into the
 * RsError domain and naming the path and the backend. */
gboolean
rs_op_fail_call (RsOp       *op,
                 const char *path)
{
  return rs_op_take_error (op, rs_error_wrap (g_steal_pointer (&op->call.error), path, op->backend));
}

gboolean
rs_call_failed_with (RsCall *call,
                     int     code)
{
  if (call->error == NULL)
    return FALSE;
  if (call->error->domain == RS_ERROR)
    return call->error->code == code;
  if (call->error->domain == G_IO_ERROR)
    return rs_error_code_from_io_error (call->error->code) == code;
  return FALSE;
}

GError *
rs_error_wrap (GError     *error,
               const char *path,
               RsBackend  *backend)
{
  GQuark domain = RS_ERROR;
  int code;
  GError *wrapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      domain = G_IO_ERROR;
      code = G_IO_ERROR_CANCELLED;
    }
  else if (error->domain == RS_ERROR)
    code = error->code;
  else if (error->domain == G_IO_ERROR)
    code = rs_error_code_from_io_error (error->code);
  else
    code = RS_ERROR_FAILED;
  wrapped = g_error_new (domain, code, _("“%s” on %s: %s"),
                         rs_store_display_path (path), rs_backend_get_location (backend),
                         error->message);
  g_error_free (error);
  return wrapped;
}

static gboolean
immediate_step (RsOp *op)
{
  return FALSE;
}

static const RsOpClass immediate_class = { "rs_store_list", immediate_step, NULL, TRUE };

/* An op whose result is ready at creation (listings do no I/O until the
 * first entry is asked for), so that it fits the same sync/async API. */
RsOp *
rs_op_immediate_new (RsStore        *store,
                     gpointer        result,
                     GDestroyNotify  result_free)
{
  RsOp *op = rs_op_new (sizeof (RsOp), &immediate_class, store);

  rs_op_finish_with (op, result, result_free);
  return op;
}
