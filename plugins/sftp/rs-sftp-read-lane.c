/* rs-sftp-read-lane.c: a thread reading segments of a file on its own session */
#include <glib/gi18n-lib.h>

#include "rs-sftp-read-lane.h"

struct _RsSftpReadLane
{
  RsSftpPool *pool;
  RsSftpSession *session;
  LIBSSH2_SFTP_HANDLE *handle;
  char *path;
  guint64 base, end, first;
  guint step;
  GThread *thread;
  GMutex lock;
  GCond changed;
  GByteArray *ready;            /* the next segment, read, or NULL */
  guint64 ready_segment;
  GByteArray *spare;
  gboolean done;                /* no segment will follow */
  gboolean stop;
  GError *error;                /* reading the next segment failed */
};

/* Reads @length bytes at the handle's offset into @buffer; fewer at the
 * end of the file. */
static gboolean
read_segment (RsSftpReadLane  *self,
              GByteArray      *buffer,
              gsize            length,
              GError         **error)
{
  gsize got = 0;

  g_byte_array_set_size (buffer, length);
  while (got < length)
    {
      ssize_t n;

      if (!rs_sftp_pool_enter (self->pool, self->session, error))
        return FALSE;
      n = libssh2_sftp_read (self->handle, (char *) buffer->data + got,
                             rs_sftp_read_ask (length - got));
      if (n < 0)
        rs_sftp_session_fail (self->session, error, _("read"), self->path);
      rs_sftp_pool_leave (self->pool, self->session);
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      got += n;
    }
  g_byte_array_set_size (buffer, got);
  return TRUE;
}

static gpointer
lane_main (gpointer data)
{
  RsSftpReadLane *self = data;

  for (guint64 segment = self->first;; segment += self->step)
    {
      guint64 start = segment * RS_SFTP_STRIPE;
      gsize length;
      GByteArray *buffer;
      GError *error = NULL;
      gboolean ok, stop, last;

      if (start >= self->end)
        break;
      length = MIN (RS_SFTP_STRIPE, self->end - start);
      g_mutex_lock (&self->lock);
      while (!self->stop && self->ready != NULL)
        g_cond_wait (&self->changed, &self->lock);
      buffer = g_steal_pointer (&self->spare);
      stop = self->stop;
      g_mutex_unlock (&self->lock);
      if (stop)
        {
          g_clear_pointer (&buffer, g_byte_array_unref);
          break;
        }
      if (buffer == NULL)
        buffer = g_byte_array_sized_new (RS_SFTP_STRIPE);
      ok = rs_sftp_seek (self->pool, self->session, self->handle, self->base + start, &error) &&
           read_segment (self, buffer, length, &error);
      g_mutex_lock (&self->lock);
      if (!ok)
        {
          self->error = error;
          g_byte_array_unref (buffer);
          g_mutex_unlock (&self->lock);
          break;
        }
      /* Once published the buffer is the reader's: look at it before. */
      last = buffer->len < length;
      self->ready = buffer;
      self->ready_segment = segment;
      g_cond_broadcast (&self->changed);
      g_mutex_unlock (&self->lock);
      if (last)
        break;
    }
  g_mutex_lock (&self->lock);
  self->done = TRUE;
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
  return NULL;
}

RsSftpReadLane *
rs_sftp_read_lane_new (RsSftpPool          *pool,
                       RsSftpSession       *session,
                       LIBSSH2_SFTP_HANDLE *handle,
                       const char          *path,
                       guint64              base,
                       guint64              end,
                       guint64              first,
                       guint                step)
{
  RsSftpReadLane *self = g_new0 (RsSftpReadLane, 1);

  self->pool = pool;
  self->session = rs_sftp_session_ref (session);
  self->handle = handle;
  self->path = g_strdup (path);
  self->base = base;
  self->end = end;
  self->first = first;
  self->step = step;
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  self->thread = g_thread_new ("rs-sftp-read", lane_main, self);
  return self;
}

GByteArray *
rs_sftp_read_lane_take (RsSftpReadLane  *self,
                        guint64          segment,
                        GError         **error)
{
  GByteArray *buffer = NULL;

  g_mutex_lock (&self->lock);
  while (self->ready == NULL && self->error == NULL && !self->done)
    g_cond_wait (&self->changed, &self->lock);
  if (self->ready != NULL && self->ready_segment == segment)
    {
      buffer = g_steal_pointer (&self->ready);
      g_cond_broadcast (&self->changed);
    }
  else if (self->error != NULL)
    g_propagate_error (error, g_error_copy (self->error));
  else
    /* The lane ended before this segment: the file is shorter than it
     * was at open, which is its end for this read. */
    buffer = g_byte_array_new ();
  g_mutex_unlock (&self->lock);
  return buffer;
}

void
rs_sftp_read_lane_give_back (RsSftpReadLane *self,
                             GByteArray     *buffer)
{
  g_mutex_lock (&self->lock);
  if (self->spare == NULL && buffer->len > 0)
    self->spare = buffer;
  else
    g_byte_array_unref (buffer);
  g_mutex_unlock (&self->lock);
}

void
rs_sftp_read_lane_free (RsSftpReadLane *self)
{
  g_mutex_lock (&self->lock);
  self->stop = TRUE;
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);
  g_mutex_lock (&self->session->lock);
  libssh2_sftp_close_handle (self->handle);
  g_mutex_unlock (&self->session->lock);
  g_clear_pointer (&self->ready, g_byte_array_unref);
  g_clear_pointer (&self->spare, g_byte_array_unref);
  g_clear_error (&self->error);
  rs_sftp_session_unref (self->session);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);
  g_free (self->path);
  g_free (self);
}
