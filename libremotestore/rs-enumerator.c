/* rs-enumerator.c: a lazy, paged listing */
#include "config.h"

#include "rs-lister.h"
#include "rs-ops.h"

/**
 * RsEnumerator:
 *
 * The result of rs_store_list_files(), rs_store_list_folders(),
 * rs_store_iter_children() and rs_store_glob(): entries arrive lazily,
 * one backend page at a time, so memory stays bounded whatever the size
 * of the listing. Once a page has arrived, a later failure is reported as
 * an error, never as a silently short listing.
 *
 * Like #GFileEnumerator, an enumerator is used by one caller at a time:
 * starting a call while another is pending fails.
 */
struct _RsEnumerator
{
  GObject parent_instance;

  RsStore *store;
  RsLister lister;
  gboolean closed;
  gboolean pending;
  guint batch;
};

G_DEFINE_FINAL_TYPE (RsEnumerator, rs_enumerator, G_TYPE_OBJECT)

static void
rs_enumerator_finalize (GObject *object)
{
  RsEnumerator *self = RS_ENUMERATOR (object);

  rs_lister_clear (&self->lister);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (rs_enumerator_parent_class)->finalize (object);
}

static void
rs_enumerator_class_init (RsEnumeratorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rs_enumerator_finalize;
}

static void
rs_enumerator_init (RsEnumerator *self)
{
}

RsEnumerator *
rs_enumerator_new (RsStore    *store,
                   const char *path,
                   gboolean    files,
                   gboolean    folders,
                   int         max_depth,
                   const char *pattern,
                   char      **glob)
{
  RsEnumerator *self = g_object_new (RS_TYPE_ENUMERATOR, NULL);

  self->store = g_object_ref (store);
  rs_lister_init (&self->lister, store, path, files, folders, max_depth, pattern, glob);
  return self;
}

/* Fetches pages until @wanted entries are ready or the listing ends. */

typedef struct
{
  RsOp op;
  RsEnumerator *enumerator;
  guint wanted;
} FillOp;

static gboolean
fill_step (RsOp *op)
{
  FillOp *self = (FillOp *) op;
  RsLister *lister = &self->enumerator->lister;
  GError *error = NULL;

  if (op->state == 1)
    {
      if (!rs_lister_consume (lister, op))
        return FALSE;
      op->state = 0;
    }
  if (g_queue_get_length (&lister->ready) >= self->wanted || lister->done)
    return rs_op_finish_bool (op, TRUE);
  /* A listing that outlives a close fails like every other operation. */
  if (!rs_store_check_open (op->store, rs_store_path_for_key (op->store, self->enumerator->lister.base_key), &error))
    return rs_op_take_error (op, error);
  op->state = 1;
  if (!rs_lister_prepare (lister, op))
    return rs_op_finish_bool (op, TRUE);
  return TRUE;
}

static void
fill_clear (RsOp *op)
{
  g_clear_object (&((FillOp *) op)->enumerator);
}

static const RsOpClass fill_class = { "rs_enumerator_next", fill_step, fill_clear };

RsOp *
rs_enumerator_fill_new (RsEnumerator *self,
                        guint         wanted)
{
  FillOp *op = rs_op_new (sizeof *op, &fill_class, self->store);

  op->enumerator = g_object_ref (self);
  op->wanted = wanted;
  return &op->op;
}

static gboolean
check_usable (RsEnumerator  *self,
              GError       **error)
{
  const char *location = rs_backend_get_location (rs_store_get_backend (self->store));

  if (self->closed)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_FAILED,
                   _("The listing of %s was closed"), location);
      return FALSE;
    }
  if (self->pending)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_FAILED,
                   _("The listing of %s already has an operation pending"), location);
      return FALSE;
    }
  return TRUE;
}

/**
 * rs_enumerator_next:
 * @self: an enumerator
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The next entry, fetching a page from the backend when none is left.
 *
 * Returns: (transfer full) (nullable): an #RsFileInfo or #RsFolderEntry,
 *   or %NULL at the end (error unset) or on failure
 */
RsEntry *
rs_enumerator_next (RsEnumerator  *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_return_val_if_fail (RS_IS_ENUMERATOR (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_usable (self, error))
    return NULL;
  if (g_queue_is_empty (&self->lister.ready) && !self->lister.done)
    {
      gboolean ok;

      self->pending = TRUE;
      ok = rs_op_run_boolean (rs_enumerator_fill_new (self, 1), cancellable, error);
      self->pending = FALSE;
      if (!ok)
        return NULL;
    }
  return rs_lister_pop (&self->lister);
}

typedef struct
{
  GAsyncReadyCallback callback;
  gpointer user_data;
} BatchCallback;

/* Clears the pending flag before the caller's callback runs, so that the
 * callback may start the next batch. */
static void
batch_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  BatchCallback *cb = user_data;

  RS_ENUMERATOR (source)->pending = FALSE;
  if (cb->callback != NULL)
    cb->callback (source, result, cb->user_data);
  g_free (cb);
}

/**
 * rs_enumerator_next_batch_async:
 * @self: an enumerator
 * @max_entries: the most entries to return, at least 1
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the batch is ready
 * @user_data: data for @callback
 *
 * Fetches up to @max_entries entries; fewer only at the end of the listing.
 */
void
rs_enumerator_next_batch_async (RsEnumerator        *self,
                                int                  max_entries,
                                int                  io_priority,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GError *error = NULL;
  BatchCallback *cb;

  g_return_if_fail (RS_IS_ENUMERATOR (self));

  if (max_entries < 1)
    {
      g_set_error (&error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("A batch must ask for at least one entry, not %d"), max_entries);
      rs_op_start (self, NULL, error, rs_enumerator_next_batch_async, io_priority,
                   cancellable, callback, user_data);
      return;
    }
  if (!check_usable (self, &error))
    {
      rs_op_start (self, NULL, error, rs_enumerator_next_batch_async, io_priority,
                   cancellable, callback, user_data);
      return;
    }
  self->pending = TRUE;
  self->batch = max_entries;
  cb = g_new (BatchCallback, 1);
  cb->callback = callback;
  cb->user_data = user_data;
  rs_op_start (self, rs_enumerator_fill_new (self, max_entries), NULL,
               rs_enumerator_next_batch_async, io_priority, cancellable, batch_done, cb);
}

/**
 * rs_enumerator_next_batch_finish:
 * @self: an enumerator
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_enumerator_next_batch_async().
 *
 * Returns: (transfer full) (element-type RsEntry): the entries, %NULL at
 *   the end (error unset) or on failure
 */
GList *
rs_enumerator_next_batch_finish (RsEnumerator  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  GList *entries = NULL;
  RsEntry *entry;

  g_return_val_if_fail (RS_IS_ENUMERATOR (self), NULL);
  if (!rs_op_finish_boolean (self, result, rs_enumerator_next_batch_async, error))
    return NULL;
  for (guint i = 0; i < self->batch && (entry = rs_lister_pop (&self->lister)) != NULL; i++)
    entries = g_list_prepend (entries, entry);
  return g_list_reverse (entries);
}

/**
 * rs_enumerator_close:
 * @self: an enumerator
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Drops what is buffered; later calls fail. Closing twice is harmless.
 * Finalizing an enumerator closes it.
 *
 * Returns: %TRUE
 */
gboolean
rs_enumerator_close (RsEnumerator  *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (RS_IS_ENUMERATOR (self), FALSE);
  if (self->closed)
    return TRUE;
  if (self->pending)
    return check_usable (self, error);
  self->closed = TRUE;
  g_queue_clear_full (&self->lister.ready, g_object_unref);
  return TRUE;
}

/**
 * rs_enumerator_is_closed:
 * @self: an enumerator
 *
 * Checks whether rs_enumerator_close() was called.
 *
 * Returns: whether rs_enumerator_close() was called
 */
gboolean
rs_enumerator_is_closed (RsEnumerator *self)
{
  g_return_val_if_fail (RS_IS_ENUMERATOR (self), TRUE);
  return self->closed;
}

/**
 * rs_enumerator_get_store:
 * @self: an enumerator
 *
 * Gets the store listed.
 *
 * Returns: (transfer none): the store listed
 */
RsStore *
rs_enumerator_get_store (RsEnumerator *self)
{
  g_return_val_if_fail (RS_IS_ENUMERATOR (self), NULL);
  return self->store;
}
