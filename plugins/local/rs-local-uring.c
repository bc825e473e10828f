/* rs-local-uring.c: one io_uring and its completion thread
 *
 * Any thread submits under the ring's lock; one thread per ring waits for
 * completions and calls each request's callback, so thousands of reads can
 * be in flight with no thread each. The ring is freed when nothing is in
 * flight (every pending read holds its stream, and the stream the engine);
 * freeing posts a NOP whose completion tells that thread to stop. */
#include <errno.h>
#include <liburing.h>
#include <glib/gi18n-lib.h>

#include "rs-local-uring.h"

struct _RsLocalUring
{
  struct io_uring ring;
  GMutex lock;          /* submissions */
  GThread *reaper;
  gboolean reaper_frees;  /* the last reference went away on the reaper */
};

typedef struct
{
  RsLocalEngineDone done;
  gpointer user_data;
} Request;

static gpointer
reap (gpointer data)
{
  RsLocalUring *self = data;

  for (;;)
    {
      struct io_uring_cqe *cqe;
      Request *request;
      int res, rc = io_uring_wait_cqe (&self->ring, &cqe);

      if (rc == -EINTR)
        continue;
      if (rc < 0)
        {
          g_debug ("local: io_uring wait failed: %s", g_strerror (-rc));
          continue;
        }
      request = io_uring_cqe_get_data (cqe);
      res = cqe->res;
      io_uring_cqe_seen (&self->ring, cqe);
      if (request == NULL)
        break;                  /* the stop NOP */
      request->done (res < 0 ? -1 : res, res < 0 ? -res : 0, request->user_data);
      g_free (request);
    }
  if (self->reaper_frees)
    {
      io_uring_queue_exit (&self->ring);
      g_mutex_clear (&self->lock);
      g_thread_unref (self->reaper);
      g_free (self);
    }
  return NULL;
}

RsLocalUring *
rs_local_uring_new (guint    entries,
                    GError **error)
{
  RsLocalUring *self = g_new0 (RsLocalUring, 1);
  int rc = io_uring_queue_init (entries, &self->ring, 0);

  if (rc < 0)
    {
      /* ENOSYS (old kernel), EPERM (io_uring_disabled, seccomp), EINVAL… */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (-rc),
                   _("io_uring is not available: %s"), g_strerror (-rc));
      g_free (self);
      return NULL;
    }
  g_mutex_init (&self->lock);
  self->reaper = g_thread_new ("rs-local-uring", reap, self);
  return self;
}

/* The next free submission entry; flushes the queue when it is full. */
static struct io_uring_sqe *
get_sqe (RsLocalUring *self)
{
  struct io_uring_sqe *sqe;

  while ((sqe = io_uring_get_sqe (&self->ring)) == NULL)
    io_uring_submit (&self->ring);
  return sqe;
}

static void
submit (RsLocalUring *self)
{
  int rc;

  do
    rc = io_uring_submit (&self->ring);
  while (rc == -EINTR || rc == -EAGAIN);
}

void
rs_local_uring_submit (RsLocalUring      *self,
                       gboolean           write,
                       int                fd,
                      void              *buffer,
                      gsize              count,
                      gint64             offset,
                      RsLocalEngineDone  done,
                      gpointer           user_data)
{
  Request *request = g_new (Request, 1);
  struct io_uring_sqe *sqe;

  request->done = done;
  request->user_data = user_data;
  g_mutex_lock (&self->lock);
  sqe = get_sqe (self);
  if (write)
    io_uring_prep_write (sqe, fd, buffer, (unsigned) MIN (count, (gsize) G_MAXINT32), (guint64) offset);
  else
    io_uring_prep_read (sqe, fd, buffer, (unsigned) MIN (count, (gsize) G_MAXINT32), (guint64) offset);
  io_uring_sqe_set_data (sqe, request);
  submit (self);
  g_mutex_unlock (&self->lock);
}

void
rs_local_uring_free (RsLocalUring *self)
{
  struct io_uring_sqe *sqe;

  g_mutex_lock (&self->lock);
  sqe = get_sqe (self);
  io_uring_prep_nop (sqe);
  io_uring_sqe_set_data (sqe, NULL);
  self->reaper_frees = g_thread_self () == self->reaper;
  submit (self);
  g_mutex_unlock (&self->lock);
  if (self->reaper_frees)
    return;                     /* reap() finishes after this callback */
  g_thread_join (self->reaper);
  io_uring_queue_exit (&self->ring);
  g_mutex_clear (&self->lock);
  g_free (self);
}
