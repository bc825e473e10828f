/* rs-op-write.c: write, write_bytes, write_text, open_write
 * (SEMANTICS.md rules 4, 6–11) */
#include "config.h"

#include "rs-ops.h"

/* Rule 10: path rewritten, source NATIVE only where the backend declares
 * it (else BASIC with the native fields dropped), metadata echoed. */
RsWriteResult *
rs_store_finish_write_result (RsStore       *store,
                              RsWriteResult *result,
                              const char    *path,
                              GHashTable    *metadata)
{
  rs_write_result_set_path (result, path);
  if (rs_backend_get_capabilities (store->backend) & RS_CAPABILITY_WRITE_RESULT_NATIVE)
    rs_write_result_set_source (result, RS_RESULT_SOURCE_NATIVE);
  else
    {
      rs_write_result_set_source (result, RS_RESULT_SOURCE_BASIC);
      rs_write_result_clear_native (result);
    }
  rs_write_result_set_metadata (result, metadata);
  return result;
}

/* Up to this size a create-only write may be refused at commit rather
 * than before the upload (EXCLUSIVE_CREATE). */
#define RS_SMALL_BODY_MAX (8 * 1024 * 1024)

typedef struct
{
  RsOp op;
  char *path;
  char *key;
  RsWriteFlags flags;
  GHashTable *metadata;
  RsTargetCheck check;
  RsTransfer transfer;
} WriteOp;

enum { WR_CHECK, WR_TRANSFER, WR_OPEN, WR_OPENED };

static void
write_clear (RsOp *op)
{
  WriteOp *self = (WriteOp *) op;

  rs_target_check_clear (&self->check);
  rs_transfer_clear (&self->transfer);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_free (self->path);
  g_free (self->key);
}

static gboolean
write_step (RsOp *op)
{
  WriteOp *self = (WriteOp *) op;
  RsWriteResult *result;

  switch (op->state)
    {
    case WR_CHECK:
      if (rs_target_check_step (op, &self->check))
        return TRUE;
      if (op->error != NULL)
        return FALSE;
      op->state = WR_TRANSFER;
      G_GNUC_FALLTHROUGH;
    case WR_TRANSFER:
      if (rs_transfer_step (op, &self->transfer))
        return TRUE;
      if (op->error != NULL)
        return FALSE;
      result = rs_store_finish_write_result (op->store, g_steal_pointer (&self->transfer.result),
                                             self->path, self->metadata);
      return rs_op_finish_with (op, result, g_object_unref);
    default:
      return FALSE;
    }
}

static gboolean
open_write_step (RsOp *op)
{
  WriteOp *self = (WriteOp *) op;
  RsCall *call = &op->call;

  switch (op->state)
    {
    case WR_CHECK:
      if (rs_target_check_step (op, &self->check))
        return TRUE;
      if (op->error != NULL)
        return FALSE;
      rs_op_call_key (op, WR_OPENED, RS_CALL_OPEN_WRITE, self->key);
      call->flags = self->flags;
      call->metadata = self->metadata;
      return TRUE;
    case WR_OPENED:
      if (call->error != NULL)
        return rs_op_fail_call (op, self->path);
      return rs_op_finish_with (op, rs_store_output_stream_new (op->store, call->object, self->path,
                                                                self->metadata),
                                g_object_unref);
    default:
      return FALSE;
    }
}

static const RsOpClass write_class = { "rs_store_write", write_step, write_clear };
static const RsOpClass open_write_class = { "rs_store_open_write", open_write_step, write_clear };

/* Rules 6–8, in order: closed, capabilities (ATOMIC needs ATOMIC_WRITE),
 * path (no root), flags, metadata. */
static WriteOp *
write_op_new (const RsOpClass  *klass,
              RsStore          *store,
              const char       *path,
              RsWriteFlags      flags,
              GHashTable       *metadata,
              GError          **error)
{
  RsCapabilities needed = RS_CAPABILITY_WRITE;
  g_autofree char *normal = NULL;
  WriteOp *self;

  if (flags & RS_WRITE_ATOMIC)
    needed |= RS_CAPABILITY_ATOMIC_WRITE;
  normal = rs_store_begin (store, needed, path, FALSE, error);
  if (normal == NULL)
    return NULL;
  if (flags & ~(RS_WRITE_OVERWRITE | RS_WRITE_ATOMIC))
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("Unknown write flags 0x%x for “%s” on %s"), flags, normal,
                   rs_backend_get_location (store->backend));
      return NULL;
    }
  if (!rs_store_check_metadata (store, normal, metadata, error))
    return NULL;

  self = rs_op_new (sizeof *self, klass, store);
  self->key = rs_store_key (store, normal);
  self->path = g_steal_pointer (&normal);
  self->flags = flags;
  self->metadata = rs_metadata_copy (metadata);
  self->check.path = self->path;
  self->check.key = self->key;
  self->check.overwrite = (flags & RS_WRITE_OVERWRITE) != 0;
  return self;
}

RsOp *
rs_op_write_new (RsStore       *store,
                 const char    *path,
                 GInputStream  *content,
                 GBytes        *data,
                 RsWriteFlags   flags,
                 GHashTable    *metadata,
                 GError       **error)
{
  WriteOp *self = write_op_new (&write_class, store, path, flags, metadata, error);

  if (self == NULL)
    return NULL;
  self->transfer.path = self->path;
  self->transfer.key = self->key;
  self->transfer.content = content != NULL ? g_object_ref (content) : NULL;
  self->transfer.data = data != NULL ? g_bytes_ref (data) : NULL;
  self->transfer.size = -1;
  self->check.small_body = data != NULL && g_bytes_get_size (data) <= RS_SMALL_BODY_MAX;
  self->transfer.flags = flags;
  self->transfer.metadata = self->metadata;
  return &self->op;
}

RsOp *
rs_op_open_write_new (RsStore       *store,
                      const char    *path,
                      RsWriteFlags   flags,
                      GHashTable    *metadata,
                      GError       **error)
{
  WriteOp *self = write_op_new (&open_write_class, store, path, flags, metadata, error);

  return self != NULL ? &self->op : NULL;
}
