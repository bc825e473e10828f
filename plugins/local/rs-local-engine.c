/* rs-local-engine.c: where the local backend's async reads run
 *
 * The thread engine runs each pread()/pwrite() in a bounded pool of worker
 * threads (as aiofile and caio's thread back ends do); the io_uring engine
 * submits it to a ring and takes no thread per read. RS_LOCAL_IO=thread or
 * uring in the environment overrides the backend's `io` option; a ring
 * the kernel refuses falls back to threads, with a debug line. Backends
 * with the same settings share one engine, so a process holds one ring
 * (and its completion thread) however many file:// stores it opens. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "rs-local-engine.h"
#include "rs-local-uring.h"

struct _RsLocalEngine
{
  char *id;               /* its key in the shared table */
  gint ref;               /* changed under shared_lock when it may reach 0 */
  RsLocalIo io;
  GThreadPool *pool;
  RsLocalUring *ring;
};

typedef struct
{
  gboolean write;
  int fd;
  void *buffer;
  gsize count;
  gint64 offset;
  RsLocalEngineDone done;
  gpointer user_data;
} Job;

static GMutex shared_lock;
static GHashTable *shared;    /* id → RsLocalEngine, not holding a reference */

static const char *const io_names[] = { "auto", "thread", "uring" };

const char *
rs_local_io_to_string (RsLocalIo io)
{
  return io_names[io];
}

gboolean
rs_local_io_from_string (const char *text,
                         RsLocalIo  *io)
{
  for (guint i = 0; i < G_N_ELEMENTS (io_names); i++)
    if (g_strcmp0 (text, io_names[i]) == 0)
      {
        *io = i;
        return TRUE;
      }
  return FALSE;
}

static void
run_job (gpointer data,
         gpointer unused)
{
  Job *job = data;
  ssize_t n;

  do
    n = job->write ? pwrite (job->fd, job->buffer, job->count, job->offset)
                   : pread (job->fd, job->buffer, job->count, job->offset);
  while (n < 0 && errno == EINTR);
  job->done (n, n < 0 ? errno : 0, job->user_data);
  g_free (job);
}

static RsLocalEngine *
engine_new (RsLocalIo wanted,
            guint     threads,
            guint     ring_entries)
{
  RsLocalEngine *engine = g_new0 (RsLocalEngine, 1);

  engine->ref = 1;
  if (wanted != RS_LOCAL_IO_THREAD)
    {
      g_autoptr(GError) error = NULL;

      engine->ring = rs_local_uring_new (ring_entries, &error);
      if (engine->ring == NULL)
        g_debug ("local: %s; using the thread engine", error->message);
    }
  engine->io = engine->ring != NULL ? RS_LOCAL_IO_URING : RS_LOCAL_IO_THREAD;
  if (engine->ring == NULL)
    engine->pool = g_thread_pool_new (run_job, NULL, (int) threads, FALSE, NULL);
  return engine;
}

/* The engine for these settings, shared with every backend that has them. */
RsLocalEngine *
rs_local_engine_new (RsLocalIo io,
                     guint     threads,
                     guint     ring_entries)
{
  const char *forced = g_getenv ("RS_LOCAL_IO");
  RsLocalIo wanted = io;
  g_autofree char *id = NULL;
  RsLocalEngine *engine;

  if (forced != NULL && forced[0] != '\0' && !rs_local_io_from_string (forced, &wanted))
    g_debug ("local: ignoring RS_LOCAL_IO=%s (thread, uring or auto)", forced);
  id = g_strdup_printf ("%s/%u/%u", rs_local_io_to_string (wanted), threads, ring_entries);
  g_mutex_lock (&shared_lock);
  if (shared == NULL)
    shared = g_hash_table_new (g_str_hash, g_str_equal);
  engine = g_hash_table_lookup (shared, id);
  if (engine != NULL)
    engine->ref++;
  else
    {
      engine = engine_new (wanted, threads, ring_entries);
      engine->id = g_steal_pointer (&id);
      g_hash_table_insert (shared, engine->id, engine);
    }
  g_mutex_unlock (&shared_lock);
  return engine;
}

RsLocalEngine *
rs_local_engine_ref (RsLocalEngine *engine)
{
  g_mutex_lock (&shared_lock);
  engine->ref++;
  g_mutex_unlock (&shared_lock);
  return engine;
}

void
rs_local_engine_unref (RsLocalEngine *engine)
{
  gboolean last;

  g_mutex_lock (&shared_lock);
  last = --engine->ref == 0;
  if (last)
    g_hash_table_remove (shared, engine->id);
  g_mutex_unlock (&shared_lock);
  if (!last)
    return;
  if (engine->ring != NULL)
    rs_local_uring_free (engine->ring);
  if (engine->pool != NULL)
    g_thread_pool_free (engine->pool, FALSE, FALSE);
  g_free (engine->id);
  g_free (engine);
}

RsLocalIo
rs_local_engine_get_io (RsLocalEngine *engine)
{
  return engine->io;
}

static void
submit (RsLocalEngine     *engine,
        gboolean           write,
        int                fd,
        void              *buffer,
        gsize              count,
        gint64             offset,
        RsLocalEngineDone  done,
        gpointer           user_data)
{
  Job *job;

  if (engine->ring != NULL)
    {
      rs_local_uring_submit (engine->ring, write, fd, buffer, count, offset, done, user_data);
      return;
    }
  job = g_new (Job, 1);
  *job = (Job) { write, fd, buffer, count, offset, done, user_data };
  g_thread_pool_push (engine->pool, job, NULL);
}

/* Reads are not cancelled once submitted: a local read completes soon,
 * and the caller's GTask reports the cancellation. */
void
rs_local_engine_pread (RsLocalEngine     *engine,
                       int                fd,
                       void              *buffer,
                       gsize              count,
                       gint64             offset,
                       GCancellable      *cancellable,
                       RsLocalEngineDone  done,
                       gpointer           user_data)
{
  submit (engine, FALSE, fd, buffer, count, offset, done, user_data);
}

void
rs_local_engine_pwrite (RsLocalEngine     *engine,
                        int                fd,
                        const void        *buffer,
                        gsize              count,
                        gint64             offset,
                        GCancellable      *cancellable,
                        RsLocalEngineDone  done,
                        gpointer           user_data)
{
  submit (engine, TRUE, fd, (void *) buffer, count, offset, done, user_data);
}
