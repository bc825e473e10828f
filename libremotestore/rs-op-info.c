/* rs-op-info.c: exists, is_file, is_folder, get_file_info, head,
 * get_folder_info (SEMANTICS.md rules 3, 16, 22) */
#include "config.h"

#include "rs-lister.h"
#include "rs-ops.h"

/* exists / is_file / is_folder */

typedef struct
{
  RsOp op;
  RsProbe probe;
  char *path;
  char *key;
} ProbeOp;

static void
probe_clear (RsOp *op)
{
  ProbeOp *self = (ProbeOp *) op;

  g_free (self->path);
  g_free (self->key);
}

static gboolean
probe_step (RsOp *op)
{
  ProbeOp *self = (ProbeOp *) op;
  RsCall *call = &op->call;

  switch (op->state)
    {
    case 0:
      /* The root always exists, as a folder (rule 3). */
      if (self->path[0] == '\0')
        return rs_op_finish_bool (op, self->probe != RS_PROBE_IS_FILE);
      return rs_op_call_key (op, 1, RS_CALL_STAT_KEY, self->key);
    default:
      /* Missing or untraversable is an answer, not a failure (rule 22). */
      if (rs_call_failed_with (call, RS_ERROR_NOT_FOUND) ||
          rs_call_failed_with (call, RS_ERROR_INVALID_PATH))
        return rs_op_finish_bool (op, FALSE);
      if (call->error != NULL)
        return rs_op_fail_call (op, self->path);
      switch (self->probe)
        {
        case RS_PROBE_IS_FILE:
          return rs_op_finish_bool (op, RS_IS_FILE_INFO (call->object));
        case RS_PROBE_IS_FOLDER:
          return rs_op_finish_bool (op, RS_IS_FOLDER_ENTRY (call->object));
        default:
          return rs_op_finish_bool (op, TRUE);
        }
    }
}

static const RsOpClass probe_class = { "rs_store_exists", probe_step, probe_clear };

RsOp *
rs_op_probe_new (RsStore     *store,
                 const char  *path,
                 RsProbe      probe,
                 GError     **error)
{
  char *normal = rs_store_begin (store, RS_CAPABILITY_NONE, path, TRUE, error);
  ProbeOp *self;

  if (normal == NULL)
    return NULL;
  self = rs_op_new (sizeof *self, &probe_class, store);
  self->probe = probe;
  self->path = normal;
  self->key = rs_store_key (store, normal);
  return &self->op;
}

/* get_file_info / head */

typedef struct
{
  RsOp op;
  gboolean as_head;
  char *path;
  char *key;
} FileInfoOp;

static void
file_info_clear (RsOp *op)
{
  FileInfoOp *self = (FileInfoOp *) op;

  g_free (self->path);
  g_free (self->key);
}

static RsWriteResult *
head_from_info (RsFileInfo *info)
{
  RsWriteResult *result = rs_write_result_new (rs_entry_get_path (RS_ENTRY (info)),
                                               rs_fileinfo_get_size (info),
                                               RS_RESULT_SOURCE_SIDECAR);

  rs_write_result_set_etag (result, rs_fileinfo_get_etag (info));
  rs_write_result_set_last_modified (result, rs_fileinfo_get_modified (info));
  rs_write_result_set_digest (result, rs_fileinfo_get_digest (info));
  rs_write_result_set_metadata (result, rs_fileinfo_get_metadata (info));
  return result;
}

static gboolean
file_info_step (RsOp *op)
{
  FileInfoOp *self = (FileInfoOp *) op;
  RsCall *call = &op->call;
  RsEntry *entry;

  if (op->state == 0)
    return rs_op_call_key (op, 1, RS_CALL_STAT_KEY, self->key);

  if (rs_call_failed_with (call, RS_ERROR_NOT_FOUND))
    return rs_op_fail (op, RS_ERROR_NOT_FOUND, _("“%s” does not exist on %s"),
                       self->path, rs_backend_get_location (op->backend));
  if (call->error != NULL)
    return rs_op_fail_call (op, self->path);
  if (!RS_IS_FILE_INFO (call->object))
    return rs_op_fail (op, RS_ERROR_INVALID_PATH, _("“%s” is a folder, not a file, on %s"),
                       self->path, rs_backend_get_location (op->backend));
  entry = g_steal_pointer (&call->object);
  rs_entry_set_path (entry, self->path);
  if (!self->as_head)
    return rs_op_finish_with (op, entry, g_object_unref);
  op->result = head_from_info (RS_FILE_INFO (entry));
  op->result_free = g_object_unref;
  g_object_unref (entry);
  return FALSE;
}

static const RsOpClass file_info_class = { "rs_store_get_file_info", file_info_step, file_info_clear };

RsOp *
rs_op_file_info_new (RsStore     *store,
                     const char  *path,
                     gboolean     as_head,
                     GError     **error)
{
  char *normal = rs_store_begin (store, RS_CAPABILITY_NONE, path, FALSE, error);
  FileInfoOp *self;

  if (normal == NULL)
    return NULL;
  self = rs_op_new (sizeof *self, &file_info_class, store);
  self->as_head = as_head;
  self->path = normal;
  self->key = rs_store_key (store, normal);
  return &self->op;
}

/* get_folder_info */

typedef struct
{
  RsOp op;
  char *path;
  char *key;
  int max_depth;
  RsLister lister;
  gint64 count;
  gint64 size;
  GDateTime *latest;
} FolderInfoOp;

enum { FI_START, FI_STATTED, FI_STATS, FI_WALK, FI_PAGE };

static void
folder_info_clear (RsOp *op)
{
  FolderInfoOp *self = (FolderInfoOp *) op;

  g_free (self->path);
  g_free (self->key);
  rs_lister_clear (&self->lister);
  g_clear_pointer (&self->latest, g_date_time_unref);
}

static void
add_file (FolderInfoOp *self,
          RsFileInfo   *info)
{
  GDateTime *modified = rs_fileinfo_get_modified (info);

  self->count++;
  self->size += rs_fileinfo_get_size (info);
  if (modified != NULL && (self->latest == NULL || g_date_time_compare (modified, self->latest) > 0))
    {
      g_clear_pointer (&self->latest, g_date_time_unref);
      self->latest = g_date_time_ref (modified);
    }
}

static gboolean
folder_info_step (RsOp *op)
{
  FolderInfoOp *self = (FolderInfoOp *) op;
  RsCall *call = &op->call;
  RsEntry *entry;

  switch (op->state)
    {
    case FI_START:
      if (self->path[0] != '\0')
        return rs_op_call_key (op, FI_STATTED, RS_CALL_STAT_KEY, self->key);
      G_GNUC_FALLTHROUGH;
    case FI_STATTED:
      if (self->path[0] != '\0')
        {
          if (rs_call_failed_with (call, RS_ERROR_NOT_FOUND))
            return rs_op_fail (op, RS_ERROR_NOT_FOUND, _("Folder “%s” does not exist on %s"),
                               self->path, rs_backend_get_location (op->backend));
          if (call->error != NULL)
            return rs_op_fail_call (op, self->path);
          if (!RS_IS_FOLDER_ENTRY (call->object))
            return rs_op_fail (op, RS_ERROR_INVALID_PATH, _("“%s” is a file, not a folder, on %s"),
                               self->path, rs_backend_get_location (op->backend));
        }
      if (self->max_depth < 0 && rs_backend_has_primitive (op->backend, RS_CALL_FOLDER_STATS))
        return rs_op_call_key (op, FI_STATS, RS_CALL_FOLDER_STATS, self->key);
      op->state = FI_WALK;
      return folder_info_step (op);

    case FI_STATS:
      if (call->error != NULL)
        return rs_op_fail_call (op, self->path);
      rs_folder_info_set_path (call->object, self->path);
      return rs_op_finish_with (op, g_steal_pointer (&call->object), g_object_unref);

    case FI_WALK:
      op->state = FI_PAGE;
      if (rs_lister_prepare (&self->lister, op))
        return TRUE;
      return rs_op_finish_with (op, rs_folder_info_new (self->path, self->count, self->size,
                                                        self->latest),
                                g_object_unref);

    case FI_PAGE:
      if (!rs_lister_consume (&self->lister, op))
        return FALSE;
      while ((entry = rs_lister_pop (&self->lister)) != NULL)
        {
          add_file (self, RS_FILE_INFO (entry));
          g_object_unref (entry);
        }
      op->state = FI_WALK;
      return folder_info_step (op);

    default:
      return FALSE;
    }
}

static const RsOpClass folder_info_class = { "rs_store_get_folder_info", folder_info_step, folder_info_clear };

RsOp *
rs_op_folder_info_new (RsStore     *store,
                       const char  *path,
                       int          max_depth,
                       GError     **error)
{
  char *normal = rs_store_begin (store, RS_CAPABILITY_LIST, path, TRUE, error);
  FolderInfoOp *self;

  if (normal == NULL)
    return NULL;
  if (max_depth < -1)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("Invalid depth %d for “%s” on %s: use -1 for no limit"), max_depth,
                   rs_store_display_path (normal), rs_backend_get_location (store->backend));
      g_free (normal);
      return NULL;
    }
  self = rs_op_new (sizeof *self, &folder_info_class, store);
  self->path = normal;
  self->key = rs_store_key (store, normal);
  self->max_depth = max_depth;
  rs_lister_init (&self->lister, store, normal, TRUE, FALSE, max_depth, NULL, NULL);
  return &self->op;
}
