/* rs-op-copy.c: move and copy (SEMANTICS.md rule 12)
 *
 * A root destination outranks everything; then a missing source (named
 * as the source); then the destination checks of rule 8. The backend's
 * rename or copy is used when present, else a streamed copy through the
 * transfer machine (atomic where the backend can), then a delete of the
 * source for a move. Metadata travels either way. */
#include "config.h"

#include "rs-ops.h"

typedef struct
{
  RsOp op;
  gboolean move;
  char *src_path;
  char *src_key;
  char *dst_path;
  char *dst_key;
  RsCopyFlags flags;
  RsFileInfo *source;
  RsTargetCheck check;
  RsTransfer transfer;
} CopyOp;

enum { CP_START, CP_STATTED, CP_CHECK, CP_NATIVE_DONE, CP_OPENED, CP_TRANSFER, CP_SOURCE_DELETED };

static void
copy_clear (RsOp *op)
{
  CopyOp *self = (CopyOp *) op;

  g_free (self->src_path);
  g_free (self->src_key);
  g_free (self->dst_path);
  g_free (self->dst_key);
  g_clear_object (&self->source);
  rs_target_check_clear (&self->check);
  rs_transfer_clear (&self->transfer);
}

static gboolean
call_pair (RsOp       *op,
           int         next,
           RsCallKind  kind)
{
  CopyOp *self = (CopyOp *) op;

  rs_op_call_key (op, next, kind, self->src_key);
  op->call.key2 = self->dst_key;
  op->call.flags = self->flags;
  return TRUE;
}

static gboolean
start_streamed_copy (RsOp *op)
{
  CopyOp *self = (CopyOp *) op;

  return rs_op_call_key (op, CP_OPENED, RS_CALL_OPEN_READ, self->src_key);
}

static gboolean
copy_step (RsOp *op)
{
  CopyOp *self = (CopyOp *) op;
  RsCall *call = &op->call;
  RsWriteFlags write_flags;

  switch (op->state)
    {
    case CP_START:
      return rs_op_call_key (op, CP_STATTED, RS_CALL_STAT_KEY, self->src_key);

    case CP_STATTED:
      if (rs_call_failed_with (call, RS_ERROR_NOT_FOUND))
        return rs_op_fail (op, RS_ERROR_NOT_FOUND, _("Source “%s” does not exist on %s"),
                           self->src_path, rs_backend_get_location (op->backend));
      if (call->error != NULL)
        return rs_op_fail_call (op, self->src_path);
      if (!RS_IS_FILE_INFO (call->object))
        return rs_op_fail (op, RS_ERROR_INVALID_PATH,
                           _("Source “%s” is a folder on %s; only files can be moved or copied"),
                           self->src_path, rs_backend_get_location (op->backend));
      self->source = g_steal_pointer (&call->object);
      if (strcmp (self->src_key, self->dst_key) == 0)
        return rs_op_finish_bool (op, TRUE);
      op->state = CP_CHECK;
      G_GNUC_FALLTHROUGH;

    case CP_CHECK:
      if (rs_target_check_step (op, &self->check))
        return TRUE;
      if (op->error != NULL)
        return FALSE;
      if (self->move && rs_backend_has_primitive (op->backend, RS_CALL_RENAME))
        return call_pair (op, CP_NATIVE_DONE, RS_CALL_RENAME);
      if (rs_backend_has_primitive (op->backend, RS_CALL_COPY))
        return call_pair (op, CP_NATIVE_DONE, RS_CALL_COPY);
      return start_streamed_copy (op);

    case CP_NATIVE_DONE:
      if (call->error != NULL)
        return rs_op_fail_call (op, self->src_path);
      if (self->move && call->kind == RS_CALL_COPY)
        return rs_op_call_key (op, CP_SOURCE_DELETED, RS_CALL_DELETE_FILE, self->src_key);
      return rs_op_finish_bool (op, TRUE);

    case CP_OPENED:
      if (call->error != NULL)
        return rs_op_fail_call (op, self->src_path);
      write_flags = RS_WRITE_OVERWRITE;
      if (rs_backend_get_capabilities (op->backend) & RS_CAPABILITY_ATOMIC_WRITE)
        write_flags |= RS_WRITE_ATOMIC;
      self->transfer.path = self->dst_path;
      self->transfer.key = self->dst_key;
      self->transfer.content = g_steal_pointer (&call->object);
      self->transfer.size = rs_fileinfo_get_size (self->source);
      self->transfer.flags = write_flags;
      self->transfer.metadata = rs_fileinfo_get_metadata (self->source);
      op->state = CP_TRANSFER;
      G_GNUC_FALLTHROUGH;

    case CP_TRANSFER:
      if (rs_transfer_step (op, &self->transfer))
        return TRUE;
      if (op->error != NULL)
        return FALSE;
      if (self->move)
        return rs_op_call_key (op, CP_SOURCE_DELETED, RS_CALL_DELETE_FILE, self->src_key);
      return rs_op_finish_bool (op, TRUE);

    case CP_SOURCE_DELETED:
      if (call->error != NULL && !rs_call_failed_with (call, RS_ERROR_NOT_FOUND))
        return rs_op_fail_call (op, self->src_path);
      return rs_op_finish_bool (op, TRUE);

    default:
      return FALSE;
    }
}

static const RsOpClass move_class = { "rs_store_move", copy_step, copy_clear };
static const RsOpClass copy_class = { "rs_store_copy", copy_step, copy_clear };

RsOp *
rs_op_copy_new (RsStore      *store,
                const char   *source,
                const char   *destination,
                RsCopyFlags   flags,
                gboolean      move,
                GError      **error)
{
  g_autofree char *src = NULL;
  g_autofree char *dst = NULL;
  CopyOp *self;

  src = rs_store_begin (store, move ? RS_CAPABILITY_MOVE : RS_CAPABILITY_COPY, source, TRUE, error);
  if (src == NULL)
    return NULL;
  dst = rs_store_check_path (store, destination, TRUE, error);
  if (dst == NULL)
    return NULL;
  if (dst[0] == '\0')
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH,
                   _("Destination “%s” names the root of the store on %s, which is a folder, not a file"),
                   destination != NULL ? destination : "", rs_backend_get_location (store->backend));
      return NULL;
    }
  if (src[0] == '\0')
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH,
                   _("Source “%s” names the root of the store on %s, which is a folder, not a file"),
                   source != NULL ? source : "", rs_backend_get_location (store->backend));
      return NULL;
    }
  if (flags & ~RS_COPY_OVERWRITE)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("Unknown copy flags 0x%x for “%s” on %s"), flags, src,
                   rs_backend_get_location (store->backend));
      return NULL;
    }

  self = rs_op_new (sizeof *self, move ? &move_class : &copy_class, store);
  self->move = move;
  self->flags = flags;
  self->src_key = rs_store_key (store, src);
  self->dst_key = rs_store_key (store, dst);
  self->src_path = g_steal_pointer (&src);
  self->dst_path = g_steal_pointer (&dst);
  self->check.path = self->dst_path;
  self->check.key = self->dst_key;
  self->check.overwrite = (flags & RS_COPY_OVERWRITE) != 0;
  return &self->op;
}
