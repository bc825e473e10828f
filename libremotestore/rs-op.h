/* rs-op.h: store operations as step machines, and their drivers (private)
 *
 * Every store operation is written once, as a step function over backend
 * primitives: each call to step() either prepares op->call (a primitive to
 * run) and returns TRUE, or finishes (op->error or the result set) and
 * returns FALSE. Drivers run the same machine:
 *
 *  - sync: step, rs_call_run(), step… on the caller's thread;
 *  - async: step, then the call inline when it cannot block, else
 *    rs_call_run_async() and resume in its callback — no thread per op on
 *    async-capable or non-blocking backends;
 *  - async on a blocking sync-only backend: the sync driver in one GTask
 *    worker (one thread hop per operation, as GIO does for local files).
 *
 * Validation that needs no I/O (closed store, capability gate, path,
 * arguments, metadata gate) happens when the op is created, so that the
 * async API reports it through a task tagged with the public function. */
#pragma once

#include "rs-call.h"
#include "rs-store-private.h"

G_BEGIN_DECLS

typedef struct _RsOp RsOp;

typedef struct
{
  const char *name;
  gboolean  (*step)  (RsOp *op);
  void      (*clear) (RsOp *op);
  gboolean    no_io;      /* finishes without calling the backend */
} RsOpClass;

struct _RsOp
{
  const RsOpClass *klass;
  RsStore *store;
  RsBackend *backend;
  int state;
  int io_priority;
  GCancellable *cancellable;
  RsCall call;

  GError *error;
  gpointer result;
  GDestroyNotify result_free;
  gboolean boolean;
};

RS_INTERNAL gpointer rs_op_new              (gsize                size,
                                             const RsOpClass     *klass,
                                             RsStore             *store);
RS_INTERNAL void     rs_op_free             (RsOp                *op);

RS_INTERNAL gboolean rs_op_run              (RsOp                *op,
                                             GCancellable        *cancellable);
RS_INTERNAL gpointer rs_op_run_take         (RsOp                *op,
                                             GCancellable        *cancellable,
                                             GError             **error);
RS_INTERNAL gboolean rs_op_run_boolean      (RsOp                *op,
                                             GCancellable        *cancellable,
                                             GError             **error);
RS_INTERNAL void     rs_op_start            (gpointer             source,
                                             RsOp                *op,
                                             GError              *error,
                                             gpointer             source_tag,
                                             int                  io_priority,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
RS_INTERNAL gpointer rs_op_finish_take      (gpointer             source,
                                             GAsyncResult        *result,
                                             gpointer             source_tag,
                                             GError             **error);
RS_INTERNAL gboolean rs_op_finish_boolean   (gpointer             source,
                                             GAsyncResult        *result,
                                             gpointer             source_tag,
                                             GError             **error);
RS_INTERNAL gboolean rs_op_wants_thread     (RsOp                *op);
RS_INTERNAL RsOp    *rs_op_immediate_new    (RsStore             *store,
                                             gpointer             result,
                                             GDestroyNotify       result_free);

/* Step helpers: prepare op->call and return TRUE (so `return rs_op_call_…`
 * both schedules the primitive and moves to @next_state). */
RS_INTERNAL gboolean rs_op_call_key         (RsOp                *op,
                                             int                  next_state,
                                             RsCallKind           kind,
                                             const char          *key);
RS_INTERNAL gboolean rs_op_finish_with      (RsOp                *op,
                                             gpointer             result,
                                             GDestroyNotify       result_free);
RS_INTERNAL gboolean rs_op_finish_bool      (RsOp                *op,
                                             gboolean             value);
RS_INTERNAL gboolean rs_op_fail             (RsOp                *op,
                                             int                  code,
                                             const char          *format,
                                             ...) G_GNUC_PRINTF (3, 4);
RS_INTERNAL gboolean rs_op_fail_call        (RsOp                *op,
                                             const char          *path);
RS_INTERNAL gboolean rs_op_take_error       (RsOp                *op,
                                             GError              *error);
RS_INTERNAL gboolean rs_call_failed_with    (RsCall              *call,
                                             int                  code);
RS_INTERNAL GError  *rs_error_wrap          (GError              *error,
                                             const char          *path,
                                             RsBackend           *backend);

/* rs-op-target.c: SEMANTICS.md rule 8, shared by writes, open_write, move
 * and copy. Steps return TRUE while op->call must run, FALSE when done
 * (op->error set on refusal). */
typedef struct
{
  int state;
  const char *path;
  const char *key;
  gboolean overwrite;
  gboolean exists;
  gboolean small_body;    /* a whole body in memory: failing at commit costs little */
  char *probe;
} RsTargetCheck;

RS_INTERNAL gboolean rs_target_check_step  (RsOp          *op,
                                            RsTargetCheck *check);
RS_INTERNAL void     rs_target_check_clear (RsTargetCheck *check);

/* rs-op-transfer.c: write a stream or bytes to a key, through `put` when
 * the backend has it, else through a writer (commit, or abort on any
 * failure). SEMANTICS.md rules 10–11. */
typedef struct
{
  int state;
  const char *path;
  const char *key;
  GInputStream *content;
  GBytes *data;
  gint64 size;
  RsWriteFlags flags;
  GHashTable *metadata;

  RsBackendWriter *writer;
  GBytes *chunk;
  gsize chunk_offset;
  gint64 written;
  GError *failure;
  RsWriteResult *result;
} RsTransfer;

RS_INTERNAL gboolean rs_transfer_step      (RsOp       *op,
                                            RsTransfer *transfer);
RS_INTERNAL void     rs_transfer_clear     (RsTransfer *transfer);
RS_INTERNAL RsWriteResult *rs_store_finish_write_result (RsStore       *store,
                                                         RsWriteResult *result,
                                                         const char    *path,
                                                         GHashTable    *metadata);

G_END_DECLS
