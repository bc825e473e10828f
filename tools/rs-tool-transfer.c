/* rs-tool-transfer.c: the copy engine behind cp, mv, put and get
 *
 * Each file is one job run by a worker thread with the store's sync API
 * (a read stream handed to a write, or a copy/move inside one store), so
 * a big file streams in the core's chunks without a thread hop per chunk,
 * while small files go several at a time. Workers list too: the one that
 * finds the queue of numbered jobs running low (and nobody listing) takes
 * the next BATCH from the queue of explicit files or the lazy listing
 * (memory stays flat whatever the tree size) while the others go on
 * copying, so listing gets its share of the CPU and no thread wakes
 * another per file. Results are reported in job order, so errors print in
 * listing order whatever finishes first; jobs are numbered at most WINDOW
 * ahead of the oldest unreported one. The main thread only runs the main
 * context:
 * signals and the progress line. */
#include "rs-tool-transfer.h"
#include "rs-tool-counting-stream.h"

#include <string.h>

/* Jobs numbered but not yet reported, at most: bounds the queue and the
 * finished jobs waiting behind a slow one. */
#define WINDOW 1024
/* Jobs listed at a time, when fewer than LOW are queued: enough to keep
 * the other workers busy while a listing page (1,000 entries) is read. */
#define BATCH 256
#define LOW 512

typedef struct
{
  RsToolTransfer *transfer;
  char *source_key;        /* NULL for a stream */
  GInputStream *content;   /* put from stdin */
  char *destination_key;
  char *what;              /* names the source in messages */
  gint64 size;
  GHashTable *metadata;
  gint64 moved;            /* bytes, for the summary */
  GError *error;
  guint64 number;          /* in listing order */
} Job;

struct _RsToolTransfer
{
  RsStore *source;
  RsStore *destination;
  RsToolTransferOptions options;
  RsToolProgress *progress;
  GCancellable *cancellable;
  GQueue pending;
  RsEnumerator *tree;
  char *tree_source;
  char *tree_destination;

  /* pending and tree belong to the worker that is listing; the lock
   * guards the rest. */
  GMutex lock;
  GCond available;         /* jobs were queued, the window moved, or listing ended */
  GQueue ready;            /* numbered jobs for the workers */
  gboolean listing;        /* a worker is taking the next batch */
  gboolean fed;            /* every job was numbered */
  guint64 numbered;
  GHashTable *finished;    /* number → Job done, waiting for earlier ones */
  guint64 next_report;
  guint idle_workers;      /* waiting in take() */
  GPtrArray *workers;      /* started as jobs queue up, up to options.jobs */
  guint running;           /* workers, atomic */
  guint failures;
  guint64 files;
  gint64 bytes;
};

static void
job_free (Job *job)
{
  g_free (job->source_key);
  g_clear_object (&job->content);
  g_free (job->destination_key);
  g_free (job->what);
  g_clear_pointer (&job->metadata, g_hash_table_unref);
  g_clear_error (&job->error);
  g_free (job);
}

RsToolTransfer *
rs_tool_transfer_new (RsStore                     *source,
                      RsStore                     *destination,
                      const RsToolTransferOptions *options,
                      RsToolProgress              *progress)
{
  RsToolTransfer *self = g_new0 (RsToolTransfer, 1);

  self->source = source != NULL ? g_object_ref (source) : NULL;
  self->destination = g_object_ref (destination);
  self->options = *options;
  if (self->options.jobs == 0)
    self->options.jobs = 1;
  self->progress = progress;
  self->cancellable = g_object_ref (rs_tool_cancellable ());
  g_queue_init (&self->pending);
  g_mutex_init (&self->lock);
  g_cond_init (&self->available);
  g_queue_init (&self->ready);
  self->finished = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->workers = g_ptr_array_new ();
  return self;
}

static Job *
job_new (RsToolTransfer *self,
         const char     *source_key,
         const char     *destination_key,
         gint64          size,
         GHashTable     *metadata)
{
  Job *job = g_new0 (Job, 1);

  job->transfer = self;
  job->source_key = g_strdup (source_key);
  job->destination_key = g_strdup (destination_key);
  job->what = g_strdup (source_key);
  job->size = size;
  /* Metadata travels when the destination can keep it. */
  if (metadata != NULL && g_hash_table_size (metadata) > 0 &&
      rs_store_supports (self->destination, RS_CAPABILITY_USER_METADATA))
    job->metadata = g_hash_table_ref (metadata);
  return job;
}

void
rs_tool_transfer_add_file (RsToolTransfer *self,
                           const char     *source_key,
                           const char     *destination_key,
                           gint64          size,
                           GHashTable     *metadata)
{
  g_queue_push_tail (&self->pending, job_new (self, source_key, destination_key, size, metadata));
  rs_tool_progress_add_total (self->progress, size);
}

void
rs_tool_transfer_add_stream (RsToolTransfer *self,
                             GInputStream   *content,
                             const char     *what,
                             const char     *destination_key)
{
  Job *job = job_new (self, NULL, destination_key, -1, NULL);

  job->content = g_object_ref (content);
  g_free (job->what);
  job->what = g_strdup (what);
  g_queue_push_tail (&self->pending, job);
  rs_tool_progress_add_total (self->progress, -1);
}

/* Every file @files yields goes from under @source_prefix to the same
 * relative path under @destination_prefix. */
void
rs_tool_transfer_add_tree (RsToolTransfer *self,
                           RsEnumerator   *files,
                           const char     *source_prefix,
                           const char     *destination_prefix)
{
  g_return_if_fail (self->tree == NULL);
  self->tree = g_object_ref (files);
  self->tree_source = g_strdup (source_prefix);
  self->tree_destination = g_strdup (destination_prefix);
  /* The listing is lazy, so the total is never known up front. */
  rs_tool_progress_add_total (self->progress, -1);
}

static Job *
next_from_tree (RsToolTransfer *self)
{
  g_autoptr(GError) error = NULL;

  while (self->tree != NULL)
    {
      g_autoptr(RsEntry) entry = rs_enumerator_next (self->tree, self->cancellable, &error);
      const char *path;
      gsize prefix_length = strlen (self->tree_source);
      g_autofree char *destination_key = NULL;

      if (entry == NULL)
        {
          /* An interruption is reported once, at the end. */
          if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_mutex_lock (&self->lock);
              rs_tool_print_error (self->tree_source, error);
              self->failures++;
              g_mutex_unlock (&self->lock);
            }
          g_clear_object (&self->tree);
          return NULL;
        }
      if (!RS_IS_FILE_INFO (entry))
        continue;
      path = rs_entry_get_path (entry);
      /* Listings stay strictly under their prefix (SEMANTICS.md 17). */
      if (prefix_length > 0)
        path += prefix_length + (path[prefix_length] == '/' ? 1 : 0);
      destination_key = rs_tool_join_key (self->tree_destination, path);
      return job_new (self, rs_entry_get_path (entry), destination_key,
                      rs_fileinfo_get_size (RS_FILE_INFO (entry)),
                      rs_fileinfo_get_metadata (RS_FILE_INFO (entry)));
    }
  return NULL;
}

static Job *
next_job (RsToolTransfer *self)
{
  Job *job = g_queue_pop_head (&self->pending);

  return job != NULL ? job : next_from_tree (self);
}

/* A failed plain write may have left part of the file: remove it, unless
 * the failure came before any byte moved (an existing file, a bad path). */
static gboolean
may_be_partial (const GError *error)
{
  return !g_error_matches (error, RS_ERROR, RS_ERROR_ALREADY_EXISTS) &&
         !g_error_matches (error, RS_ERROR, RS_ERROR_INVALID_PATH) &&
         !g_error_matches (error, RS_ERROR, RS_ERROR_CAPABILITY_NOT_SUPPORTED) &&
         !g_error_matches (error, RS_ERROR, RS_ERROR_PERMISSION_DENIED);
}

static void
stream_job (RsToolTransfer *self,
            Job            *job)
{
  g_autoptr(GInputStream) content = NULL;
  g_autoptr(GInputStream) counted = NULL;
  g_autoptr(RsWriteResult) result = NULL;

  content = job->content != NULL
    ? g_object_ref (job->content)
    : rs_store_read (self->source, job->source_key, self->cancellable, &job->error);
  if (content == NULL)
    return;
  counted = rs_tool_counting_stream_new (content, rs_tool_progress_counter (self->progress));
  result = rs_store_write (self->destination, job->destination_key, counted,
                           self->options.write_flags, job->metadata,
                           self->cancellable, &job->error);
  g_input_stream_close (content, NULL, NULL);
  if (result == NULL)
    {
      if (!(self->options.write_flags & RS_WRITE_ATOMIC) &&
          rs_tool_counting_stream_was_read (RS_TOOL_COUNTING_STREAM (counted)) &&
          may_be_partial (job->error))
        rs_store_delete (self->destination, job->destination_key, RS_DELETE_MISSING_OK, NULL, NULL);
      return;
    }
  job->moved = rs_write_result_get_size (result);
  if (self->options.move && job->source_key != NULL)
    rs_store_delete (self->source, job->source_key, RS_DELETE_NONE, self->cancellable, &job->error);
}

static void
store_job (RsToolTransfer *self,
           Job            *job)
{
  RsCopyFlags flags = (self->options.write_flags & RS_WRITE_OVERWRITE) ? RS_COPY_OVERWRITE
                                                                       : RS_COPY_NONE;
  gboolean ok = self->options.move
    ? rs_store_move (self->source, job->source_key, job->destination_key, flags,
                     self->cancellable, &job->error)
    : rs_store_copy (self->source, job->source_key, job->destination_key, flags,
                     self->cancellable, &job->error);

  if (ok && job->size > 0)
    {
      job->moved = job->size;
      __atomic_add_fetch (rs_tool_progress_counter (self->progress), job->size, __ATOMIC_RELAXED);
    }
}

/* Called with the lock held, in job order. */
static void
job_done (RsToolTransfer *self,
          Job            *job)
{
  if (job->error != NULL)
    {
      self->failures++;
      /* One line for an interruption, not one per file in flight. */
      if (!g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rs_tool_print_error (job->what, job->error);
    }
  else
    {
      self->files++;
      self->bytes += job->moved;
      rs_tool_progress_file_done (self->progress);
    }
  job_free (job);
}

static void
report (RsToolTransfer *self,
        Job            *job)
{
  gboolean moved = FALSE;

  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->finished, &job->number, job);
  while ((job = g_hash_table_lookup (self->finished, &self->next_report)) != NULL)
    {
      g_hash_table_remove (self->finished, &job->number);
      job_done (self, job);
      self->next_report++;
      moved = TRUE;
    }
  /* GLib's g_cond_signal is a system call even with nobody waiting. A
   * moved window may let a waiting worker list the next batch. */
  if (moved && self->idle_workers > 0)
    g_cond_signal (&self->available);
  g_mutex_unlock (&self->lock);
}

/* Lists up to @count jobs (outside the lock: only one worker lists at a
 * time) and queues them numbered. */
static void
list_batch (RsToolTransfer *self,
            guint64         count)
{
  GQueue batch = G_QUEUE_INIT;
  gboolean more = TRUE;
  Job *job;

  while (batch.length < count && !g_cancellable_is_cancelled (self->cancellable))
    {
      if ((job = next_job (self)) == NULL)
        {
          more = FALSE;
          break;
        }
      g_queue_push_tail (&batch, job);
    }
  g_mutex_lock (&self->lock);
  while ((job = g_queue_pop_head (&batch)) != NULL)
    {
      job->number = self->numbered++;
      g_queue_push_tail (&self->ready, job);
    }
  self->listing = FALSE;
  if (!more || g_cancellable_is_cancelled (self->cancellable))
    self->fed = TRUE;
  if (self->idle_workers > 0)
    g_cond_broadcast (&self->available);
  g_mutex_unlock (&self->lock);
}

static gpointer worker (gpointer data);

/* With the lock held, or before any worker runs. */
static void
start_worker (RsToolTransfer *self)
{
  g_atomic_int_inc (&self->running);
  g_ptr_array_add (self->workers, g_thread_new ("transfer", worker, self));
}

/* The next job; NULL once every job was taken. A worker that finds the
 * queue low lists the next batch first, within the window. */
static Job *
take (RsToolTransfer *self)
{
  Job *job = NULL;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      guint64 room = self->next_report + WINDOW - self->numbered;

      if (!self->fed && !self->listing && self->ready.length < LOW && room > 0)
        {
          self->listing = TRUE;
          g_mutex_unlock (&self->lock);
          list_batch (self, MIN (room, BATCH));
          g_mutex_lock (&self->lock);
        }
      job = g_queue_pop_head (&self->ready);
      /* One more worker while jobs wait, as a thread pool would: a
       * single file costs no idle threads (nor their memory). */
      if (job != NULL && self->ready.length > 0 && self->workers->len < self->options.jobs)
        start_worker (self);
      if (job != NULL || (self->fed && !self->listing))
        break;
      /* Someone else is listing, or the window is full until reports
       * move it. */
      self->idle_workers++;
      g_cond_wait (&self->available, &self->lock);
      self->idle_workers--;
    }
  g_mutex_unlock (&self->lock);
  return job;
}

/* An interruption wakes the workers waiting for jobs. */
static void
wake_workers (GCancellable *cancellable,
              gpointer      data)
{
  RsToolTransfer *self = data;

  g_mutex_lock (&self->lock);
  if (!self->listing)
    self->fed = TRUE;
  g_cond_broadcast (&self->available);
  g_mutex_unlock (&self->lock);
}

static gpointer
worker (gpointer data)
{
  RsToolTransfer *self = data;
  Job *job;

  while ((job = take (self)) != NULL)
    {
      /* Jobs queued before an interruption end without touching anything. */
      if (!g_cancellable_set_error_if_cancelled (self->cancellable, &job->error))
        {
          if (job->content == NULL && self->source == self->destination)
            store_job (self, job);
          else
            stream_job (self, job);
        }
      report (self, job);
    }
  if (g_atomic_int_dec_and_test (&self->running))
    g_main_context_wakeup (NULL);
  return NULL;
}

/* Returns the number of files that failed; each was reported on stderr. */
guint
rs_tool_transfer_run (RsToolTransfer *self)
{
  gulong handler;

  handler = g_cancellable_connect (self->cancellable, G_CALLBACK (wake_workers), self, NULL);
  g_mutex_lock (&self->lock);
  start_worker (self);
  g_mutex_unlock (&self->lock);
  while (g_atomic_int_get (&self->running) > 0)
    g_main_context_iteration (NULL, TRUE);
  /* Every worker has left: none starts another now. */
  for (guint i = 0; i < self->workers->len; i++)
    g_thread_join (self->workers->pdata[i]);
  g_ptr_array_set_size (self->workers, 0);
  g_cancellable_disconnect (self->cancellable, handler);
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_printerr (_("remote-store: interrupted\n"));
      self->failures++;
    }
  rs_tool_progress_finish (self->progress);
  return self->failures;
}

guint64
rs_tool_transfer_get_files (RsToolTransfer *self)
{
  return self->files;
}

gint64
rs_tool_transfer_get_bytes (RsToolTransfer *self)
{
  return self->bytes;
}

void
rs_tool_transfer_free (RsToolTransfer *self)
{
  Job *job;

  while ((job = g_queue_pop_head (&self->pending)) != NULL)
    job_free (job);
  g_clear_object (&self->tree);
  g_free (self->tree_source);
  g_free (self->tree_destination);
  g_clear_object (&self->source);
  g_clear_object (&self->destination);
  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->finished);
  g_ptr_array_unref (self->workers);
  while ((job = g_queue_pop_head (&self->ready)) != NULL)
    job_free (job);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->available);
  g_free (self);
}
