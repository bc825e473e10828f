/* rs-op-transfer.c: move bytes into a key, once for every write path
 *
 * Through the backend's `put` when it has one, else through a writer:
 * read a chunk, write it, …, then commit; any failure or a cancellation
 * before the commit aborts the writer, so an atomic backend is left as it
 * was (SEMANTICS.md rule 11). The size reported is the count the core
 * itself moved (rule 10). */
#include "config.h"

#include "rs-op.h"

#define RS_TRANSFER_CHUNK (256 * 1024)

enum { TR_START, TR_PUT_DONE, TR_OPENED, TR_READ, TR_GOT_CHUNK, TR_WRITE,
       TR_WROTE, TR_COMMITTED, TR_ABORTED, TR_DONE };

void
rs_transfer_clear (RsTransfer *transfer)
{
  g_clear_object (&transfer->content);
  g_clear_pointer (&transfer->data, g_bytes_unref);
  g_clear_object (&transfer->writer);
  g_clear_pointer (&transfer->chunk, g_bytes_unref);
  g_clear_error (&transfer->failure);
  g_clear_object (&transfer->result);
}

static gboolean
writer_call (RsOp       *op,
             RsTransfer *t,
             RsCallKind  kind,
             int         next)
{
  rs_call_reset (&op->call, kind);
  op->call.writer = t->writer;
  t->state = next;
  return TRUE;
}

/* Aborts the writer, keeping @failure as the op's error. */
static gboolean
abort_with (RsOp       *op,
            RsTransfer *t,
            GError     *failure)
{
  t->failure = failure;
  return writer_call (op, t, RS_CALL_WRITER_ABORT, TR_ABORTED);
}

gboolean
rs_transfer_step (RsOp       *op,
                  RsTransfer *t)
{
  RsCall *call = &op->call;

  switch (t->state)
    {
    case TR_START:
      if (rs_backend_has_primitive (op->backend, RS_CALL_PUT))
        {
          if (t->content == NULL)
            t->content = g_memory_input_stream_new_from_bytes (t->data);
          rs_op_call_key (op, op->state, RS_CALL_PUT, t->key);
          call->stream = t->content;
          call->length = t->data != NULL ? (gint64) g_bytes_get_size (t->data) : t->size;
          call->flags = t->flags;
          call->metadata = t->metadata;
          t->state = TR_PUT_DONE;
          return TRUE;
        }
      rs_op_call_key (op, op->state, RS_CALL_OPEN_WRITE, t->key);
      call->flags = t->flags;
      call->metadata = t->metadata;
      t->state = TR_OPENED;
      return TRUE;

    case TR_PUT_DONE:
      if (call->error != NULL)
        return rs_op_fail_call (op, t->path);
      t->result = g_steal_pointer (&call->object);
      t->state = TR_DONE;
      return FALSE;

    case TR_OPENED:
      if (call->error != NULL)
        return rs_op_fail_call (op, t->path);
      t->writer = g_steal_pointer (&call->object);
      if (t->data != NULL)
        {
          t->chunk = g_bytes_ref (t->data);
          t->chunk_offset = 0;
          t->state = TR_WRITE;
          return rs_transfer_step (op, t);
        }
      G_GNUC_FALLTHROUGH;

    case TR_READ:
      rs_call_reset (call, RS_CALL_STREAM_READ);
      call->stream = t->content;
      call->count = RS_TRANSFER_CHUNK;
      t->state = TR_GOT_CHUNK;
      return TRUE;

    case TR_GOT_CHUNK:
      if (call->error != NULL)
        return abort_with (op, t, rs_error_wrap (g_steal_pointer (&call->error), t->path, op->backend));
      g_clear_pointer (&t->chunk, g_bytes_unref);
      t->chunk = g_steal_pointer (&call->bytes);
      t->chunk_offset = 0;
      if (g_bytes_get_size (t->chunk) == 0)
        goto commit;
      G_GNUC_FALLTHROUGH;

    case TR_WRITE:
      {
        gsize size;
        const guint8 *data = g_bytes_get_data (t->chunk, &size);

        if (t->chunk_offset == size)
          {
            g_clear_pointer (&t->chunk, g_bytes_unref);
            if (t->data != NULL)
              goto commit;
            t->state = TR_READ;
            return rs_transfer_step (op, t);
          }
        writer_call (op, t, RS_CALL_WRITER_WRITE, TR_WROTE);
        call->buffer = data + t->chunk_offset;
        call->count = size - t->chunk_offset;
        return TRUE;
      }

    case TR_WROTE:
      if (call->error != NULL)
        return abort_with (op, t, rs_error_wrap (g_steal_pointer (&call->error), t->path, op->backend));
      t->chunk_offset += call->written;
      t->written += call->written;
      t->state = TR_WRITE;
      return rs_transfer_step (op, t);

    case TR_COMMITTED:
      if (call->error != NULL)
        return rs_op_fail_call (op, t->path);
      t->result = g_steal_pointer (&call->object);
      rs_write_result_set_size (t->result, t->written);
      t->state = TR_DONE;
      return FALSE;

    case TR_ABORTED:
      if (call->error != NULL)
        g_debug ("abort of “%s” after a failure also failed: %s", t->key, call->error->message);
      t->state = TR_DONE;
      return rs_op_take_error (op, g_steal_pointer (&t->failure));

    default:
      return FALSE;
    }

commit:
  if (op->cancellable != NULL && g_cancellable_is_cancelled (op->cancellable))
    {
      GError *error = NULL;

      g_cancellable_set_error_if_cancelled (op->cancellable, &error);
      return abort_with (op, t, rs_error_wrap (error, t->path, op->backend));
    }
  return writer_call (op, t, RS_CALL_WRITER_COMMIT, TR_COMMITTED);
}
