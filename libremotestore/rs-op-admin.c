/* rs-op-admin.c: ping and close (SEMANTICS.md rule 21) */
#include "config.h"

#include "rs-ops.h"

static gboolean
ping_step (RsOp *op)
{
  if (op->state == 0)
    return rs_op_call_key (op, 1, RS_CALL_PING, "");
  if (op->call.error != NULL)
    return rs_op_fail_call (op, "");
  return rs_op_finish_bool (op, TRUE);
}

/* Closing twice is not an error: the second close has nothing to do. A
 * backend without a close primitive has nothing to release. */
static gboolean
close_step (RsOp *op)
{
  if (op->state == 0 && !rs_backend_is_closed (op->backend) &&
      rs_backend_has_primitive (op->backend, RS_CALL_CLOSE))
    return rs_op_call_key (op, 1, RS_CALL_CLOSE, "");
  if (op->call.error != NULL)
    return rs_op_fail_call (op, "");
  rs_backend_mark_closed (op->backend);
  return rs_op_finish_bool (op, TRUE);
}

static const RsOpClass ping_class = { "rs_store_ping", ping_step, NULL };
static const RsOpClass close_class = { "rs_store_close", close_step, NULL };

RsOp *
rs_op_ping_new (RsStore  *store,
                GError  **error)
{
  if (!rs_store_check_open (store, NULL, error))
    return NULL;
  return rs_op_new (sizeof (RsOp), &ping_class, store);
}

RsOp *
rs_op_close_new (RsStore  *store,
                 GError  **error)
{
  return rs_op_new (sizeof (RsOp), &close_class, store);
}
