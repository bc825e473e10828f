/* rs-op-delete.c: delete and delete_folder (SEMANTICS.md rules 4, 13, 14) */
#include "config.h"

#include "rs-ops.h"

typedef struct
{
  RsOp op;
  char *path;
  char *key;
  RsDeleteFlags flags;
  GPtrArray *page;        /* fallback recursive delete: files to go */
  guint next;
} DeleteOp;

enum { DL_START, DL_STATTED, DL_DELETED, DL_CHECKED_EMPTY, DL_LIST, DL_LISTED, DL_DELETE_NEXT,
       DL_FILE_DELETED };

static void
delete_clear (RsOp *op)
{
  DeleteOp *self = (DeleteOp *) op;

  g_free (self->path);
  g_free (self->key);
  g_clear_pointer (&self->page, g_ptr_array_unref);
}

static gboolean
missing (RsOp *op)
{
  DeleteOp *self = (DeleteOp *) op;

  if (self->flags & RS_DELETE_MISSING_OK)
    return rs_op_finish_bool (op, TRUE);
  return rs_op_fail (op, RS_ERROR_NOT_FOUND, _("“%s” does not exist on %s"),
                     self->path, rs_backend_get_location (op->backend));
}

/* The last call removed the target: done, or missing (a race) is fine
 * with MISSING_OK. */
static gboolean
deleted (RsOp *op)
{
  DeleteOp *self = (DeleteOp *) op;

  if (rs_call_failed_with (&op->call, RS_ERROR_NOT_FOUND))
    return missing (op);
  if (op->call.error != NULL)
    return rs_op_fail_call (op, self->path);
  return rs_op_finish_bool (op, TRUE);
}

static gboolean
delete_file_step (RsOp *op)
{
  DeleteOp *self = (DeleteOp *) op;
  RsCall *call = &op->call;

  switch (op->state)
    {
    case DL_START:
      return rs_op_call_key (op, DL_STATTED, RS_CALL_STAT_KEY, self->key);
    case DL_STATTED:
      if (rs_call_failed_with (call, RS_ERROR_NOT_FOUND))
        return missing (op);
      if (call->error != NULL)
        return rs_op_fail_call (op, self->path);
      /* A type mismatch is not a missing path, even with MISSING_OK. */
      if (RS_IS_FOLDER_ENTRY (call->object))
        return rs_op_fail (op, RS_ERROR_INVALID_PATH,
                           _("“%s” is a folder on %s; delete it with delete_folder"),
                           self->path, rs_backend_get_location (op->backend));
      return rs_op_call_key (op, DL_DELETED, RS_CALL_DELETE_FILE, self->key);
    case DL_DELETED:
      return deleted (op);
    default:
      return FALSE;
    }
}

static gboolean
delete_folder_step (RsOp *op)
{
  DeleteOp *self = (DeleteOp *) op;
  RsCall *call = &op->call;
  RsEntry *entry;

  switch (op->state)
    {
    case DL_START:
      return rs_op_call_key (op, DL_STATTED, RS_CALL_STAT_KEY, self->key);

    case DL_STATTED:
      if (rs_call_failed_with (call, RS_ERROR_NOT_FOUND))
        return missing (op);
      if (call->error != NULL)
        return rs_op_fail_call (op, self->path);
      if (RS_IS_FILE_INFO (call->object))
        return rs_op_fail (op, RS_ERROR_INVALID_PATH,
                           _("“%s” is a file on %s; delete it with delete"),
                           self->path, rs_backend_get_location (op->backend));
      if (self->flags & RS_DELETE_RECURSIVE)
        {
          if (!rs_backend_has_primitive (op->backend, RS_CALL_DELETE_FOLDER))
            {
              op->state = DL_LIST;
              return delete_folder_step (op);
            }
          rs_op_call_key (op, DL_DELETED, RS_CALL_DELETE_FOLDER, self->key);
          call->recursive = TRUE;
          return TRUE;
        }
      return rs_op_call_key (op, DL_CHECKED_EMPTY, RS_CALL_LIST_PAGE, self->key);

    case DL_CHECKED_EMPTY:
      if (rs_call_failed_with (call, RS_ERROR_NOT_FOUND))
        return missing (op);
      if (call->error != NULL)
        return rs_op_fail_call (op, self->path);
      if (call->entries->len > 0)
        return rs_op_fail (op, RS_ERROR_DIRECTORY_NOT_EMPTY,
                           _("Folder “%s” on %s is not empty"),
                           self->path, rs_backend_get_location (op->backend));
      /* On a flat namespace an empty folder has nothing left to remove. */
      if (!rs_backend_has_primitive (op->backend, RS_CALL_DELETE_FOLDER))
        return rs_op_finish_bool (op, TRUE);
      return rs_op_call_key (op, DL_DELETED, RS_CALL_DELETE_FOLDER, self->key);

    case DL_DELETED:
      return deleted (op);

    /* Fallback for backends without delete_folder (flat namespaces): list
     * from the start and delete each file until nothing is left. */
    case DL_LIST:
      rs_op_call_key (op, DL_LISTED, RS_CALL_LIST_PAGE, self->key);
      call->recursive = TRUE;
      return TRUE;

    case DL_LISTED:
      if (call->error != NULL)
        return rs_op_fail_call (op, self->path);
      if (call->entries->len == 0)
        return rs_op_finish_bool (op, TRUE);
      g_clear_pointer (&self->page, g_ptr_array_unref);
      self->page = g_steal_pointer (&call->entries);
      self->next = 0;
      G_GNUC_FALLTHROUGH;

    case DL_DELETE_NEXT:
      if (self->next == self->page->len)
        {
          op->state = DL_LIST;
          return delete_folder_step (op);
        }
      entry = g_ptr_array_index (self->page, self->next++);
      return rs_op_call_key (op, DL_FILE_DELETED, RS_CALL_DELETE_FILE, rs_entry_get_path (entry));

    case DL_FILE_DELETED:
      if (call->error != NULL && !rs_call_failed_with (call, RS_ERROR_NOT_FOUND))
        return rs_op_fail_call (op, rs_store_path_for_key (op->store, call->key));
      op->state = DL_DELETE_NEXT;
      return delete_folder_step (op);

    default:
      return FALSE;
    }
}

static const RsOpClass delete_class = { "rs_store_delete", delete_file_step, delete_clear };
static const RsOpClass delete_folder_class = { "rs_store_delete_folder", delete_folder_step, delete_clear };

RsOp *
rs_op_delete_new (RsStore        *store,
                  const char     *path,
                  RsDeleteFlags   flags,
                  gboolean        folder,
                  GError        **error)
{
  g_autofree char *normal = rs_store_begin (store, RS_CAPABILITY_DELETE, path, folder, error);
  DeleteOp *self;

  if (normal == NULL)
    return NULL;
  if (normal[0] == '\0')
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH,
                   _("“%s” names the root of the store on %s, which cannot be deleted"),
                   path != NULL ? path : "", rs_backend_get_location (store->backend));
      return NULL;
    }
  if (flags & ~(RS_DELETE_MISSING_OK | RS_DELETE_RECURSIVE))
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("Unknown delete flags 0x%x for “%s” on %s"), flags, normal,
                   rs_backend_get_location (store->backend));
      return NULL;
    }
  self = rs_op_new (sizeof *self, folder ? &delete_folder_class : &delete_class, store);
  self->key = rs_store_key (store, normal);
  self->path = g_steal_pointer (&normal);
  self->flags = flags;
  return &self->op;
}
