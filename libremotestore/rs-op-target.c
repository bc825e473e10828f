/* rs-op-target.c: may this path be written? SEMANTICS.md rule 8, once
 *
 * Precedence (first match wins): the path is an existing folder, or a
 * slash-aligned ancestor inside the store is an existing file
 * (INVALID_PATH) → the file exists and overwriting was not asked for
 * (ALREADY_EXISTS). The closed-store and root refusals come earlier, when
 * the op is created. On a hierarchical namespace an existing file at the
 * path proves its ancestors are folders, and the walk up stops at the
 * first folder; on a flat one the ancestor walk costs one request per
 * level and runs only with `reject-write-under-file-ancestor`.
 *
 * On a flat namespace without the ancestor walk, when the file half of the
 * check is moot (overwriting) or the service enforces it atomically
 * (EXCLUSIVE_CREATE, for a small whole body that may as well fail at
 * commit), only "is it a folder?" is asked, through `stat_folder_key`:
 * one request instead of a HEAD and a listing. A folder found that way is
 * stat'ed in full, since a file may share its name (then the file wins, as
 * with `stat_key` alone). */
#include "config.h"

#include "rs-op.h"

enum { TC_START, TC_STATTED, TC_FOLDER_STATTED, TC_ANCESTOR, TC_ANCESTOR_STATTED, TC_DONE };

void
rs_target_check_clear (RsTargetCheck *check)
{
  g_clear_pointer (&check->probe, g_free);
}

static gboolean
walks_ancestors (RsOp *op)
{
  return !rs_store_is_flat (op->store) ||
         rs_backend_get_reject_write_under_file_ancestor (op->backend);
}

static gboolean
asks_folder_only (RsOp          *op,
                  RsTargetCheck *check)
{
  if (!rs_store_is_flat (op->store) || walks_ancestors (op) ||
      !rs_backend_has_primitive (op->backend, RS_CALL_STAT_FOLDER_KEY))
    return FALSE;
  return check->overwrite ||
         (check->small_body && (rs_backend_get_facts (op->backend) & RS_BACKEND_FACTS_EXCLUSIVE_CREATE));
}

static gboolean
finish (RsOp          *op,
        RsTargetCheck *check)
{
  check->state = TC_DONE;
  if (check->exists && !check->overwrite)
    return rs_op_fail (op, RS_ERROR_ALREADY_EXISTS, _("“%s” already exists on %s"),
                       check->path, rs_backend_get_location (op->backend));
  return FALSE;
}

/* Moves the probe one level up; FALSE once it would leave the store. */
static gboolean
probe_up (RsOp          *op,
          RsTargetCheck *check)
{
  const char *from = check->probe != NULL ? check->probe : check->key;
  char *parent = rs_path_parent (from);
  const char *below = rs_path_strip_base (op->store->root, parent);

  g_free (check->probe);
  check->probe = parent;
  return below != NULL && below[0] != '\0';
}

gboolean
rs_target_check_step (RsOp          *op,
                      RsTargetCheck *check)
{
  RsCall *call = &op->call;

  switch (check->state)
    {
    case TC_START:
      if (asks_folder_only (op, check))
        {
          rs_op_call_key (op, op->state, RS_CALL_STAT_FOLDER_KEY, check->key);
          check->state = TC_FOLDER_STATTED;
          return TRUE;
        }
      rs_op_call_key (op, op->state, RS_CALL_STAT_KEY, check->key);
      check->state = TC_STATTED;
      return TRUE;

    case TC_FOLDER_STATTED:
      if (call->error != NULL && !rs_call_failed_with (call, RS_ERROR_NOT_FOUND))
        return rs_op_fail_call (op, check->path);
      if (call->object == NULL)
        return finish (op, check);
      rs_op_call_key (op, op->state, RS_CALL_STAT_KEY, check->key);
      check->state = TC_STATTED;
      return TRUE;

    case TC_STATTED:
      if (call->error != NULL && !rs_call_failed_with (call, RS_ERROR_NOT_FOUND))
        return rs_op_fail_call (op, check->path);
      if (RS_IS_FOLDER_ENTRY (call->object))
        return rs_op_fail (op, RS_ERROR_INVALID_PATH, _("“%s” is a folder on %s"),
                           check->path, rs_backend_get_location (op->backend));
      check->exists = call->object != NULL;
      if (check->exists && !rs_store_is_flat (op->store))
        return finish (op, check);
      if (!walks_ancestors (op))
        return finish (op, check);
      check->state = TC_ANCESTOR;
      return rs_target_check_step (op, check);

    case TC_ANCESTOR:
      if (!probe_up (op, check))
        return finish (op, check);
      rs_op_call_key (op, op->state, RS_CALL_STAT_KEY, check->probe);
      check->state = TC_ANCESTOR_STATTED;
      return TRUE;

    case TC_ANCESTOR_STATTED:
      if (call->error != NULL && !rs_call_failed_with (call, RS_ERROR_NOT_FOUND))
        return rs_op_fail_call (op, check->path);
      if (RS_IS_FILE_INFO (call->object))
        return rs_op_fail (op, RS_ERROR_INVALID_PATH,
                           _("Cannot write “%s” on %s: its ancestor “%s” is a file"),
                           check->path, rs_backend_get_location (op->backend),
                           rs_store_path_for_key (op->store, check->probe));
      if (call->object != NULL && !rs_store_is_flat (op->store))
        return finish (op, check);
      check->state = TC_ANCESTOR;
      return rs_target_check_step (op, check);

    default:
      return FALSE;
    }
}
