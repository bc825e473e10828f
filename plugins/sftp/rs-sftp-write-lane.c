/* rs-sftp-write-lane.c: a thread writing segments of a file on its own session */
#include <glib/gi18n-lib.h>

#include "rs-sftp-write-lane.h"

struct _RsSftpWriteLane
{
  RsSftpPool *pool;
  RsSftpSession *session;
  LIBSSH2_SFTP_HANDLE *handle;
  char *path;
  GThread *thread;
  GMutex lock;
  GCond changed;
  GByteArray *queued;           /* the next segment to send, or NULL */
  guint64 queued_offset;
  gboolean busy;                /* the thread is sending a segment */
  gboolean stop;
  GByteArray *spare;            /* a sent segment's buffer, for reuse */
  GError *error;                /* the first failure */
};

static gpointer
lane_main (gpointer data)
{
  RsSftpWriteLane *self = data;
  guint64 position = 0;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      GByteArray *segment;
      guint64 offset;
      GError *error = NULL;
      gboolean ok;

      while (!self->stop && self->queued == NULL)
        g_cond_wait (&self->changed, &self->lock);
      if (self->stop)
        break;
      segment = g_steal_pointer (&self->queued);
      offset = self->queued_offset;
      self->busy = TRUE;
      g_mutex_unlock (&self->lock);

      ok = self->error == NULL &&
           (position == offset ||
            rs_sftp_seek (self->pool, self->session, self->handle, offset, &error)) &&
           rs_sftp_write_all (self->pool, self->session, self->handle, segment->data, segment->len,
                              self->path, &error);
      position = offset + segment->len;

      g_mutex_lock (&self->lock);
      if (!ok && self->error == NULL)
        self->error = error;
      else
        g_clear_error (&error);
      g_byte_array_set_size (segment, 0);
      if (self->spare == NULL)
        self->spare = segment;
      else
        g_byte_array_unref (segment);
      self->busy = FALSE;
      g_cond_broadcast (&self->changed);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

RsSftpWriteLane *
rs_sftp_write_lane_new (RsSftpPool          *pool,
                        RsSftpSession       *session,
                        LIBSSH2_SFTP_HANDLE *handle,
                        const char          *path)
{
  RsSftpWriteLane *self = g_new0 (RsSftpWriteLane, 1);

  self->pool = pool;
  self->session = rs_sftp_session_ref (session);
  self->handle = handle;
  self->path = g_strdup (path);
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  self->thread = g_thread_new ("rs-sftp-write", lane_main, self);
  return self;
}

GByteArray *
rs_sftp_write_lane_buffer (RsSftpWriteLane *self)
{
  GByteArray *buffer;

  g_mutex_lock (&self->lock);
  buffer = g_steal_pointer (&self->spare);
  g_mutex_unlock (&self->lock);
  return buffer != NULL ? buffer : g_byte_array_sized_new (RS_SFTP_STRIPE);
}

static gboolean
lane_failed (RsSftpWriteLane  *self,
             GError          **error)
{
  if (self->error == NULL)
    return FALSE;
  g_propagate_error (error, g_error_copy (self->error));
  return TRUE;
}

gboolean
rs_sftp_write_lane_submit (RsSftpWriteLane  *self,
                           GByteArray       *segment,
                           guint64           offset,
                           GError          **error)
{
  gboolean ok;

  g_mutex_lock (&self->lock);
  while (self->error == NULL && (self->queued != NULL || self->busy))
    g_cond_wait (&self->changed, &self->lock);
  ok = !lane_failed (self, error);
  if (ok)
    {
      self->queued = segment;
      self->queued_offset = offset;
      g_cond_broadcast (&self->changed);
    }
  else
    g_byte_array_unref (segment);
  g_mutex_unlock (&self->lock);
  return ok;
}

static void
close_handle (RsSftpWriteLane *self,
              GError         **error)
{
  int status;

  if (self->handle == NULL)
    return;
  g_mutex_lock (&self->session->lock);
  status = libssh2_sftp_close_handle (self->handle);
  if (status != 0 && error != NULL)
    rs_sftp_session_fail (self->session, error, _("finish writing"), self->path);
  g_mutex_unlock (&self->session->lock);
  self->handle = NULL;
}

gboolean
rs_sftp_write_lane_finish (RsSftpWriteLane  *self,
                           GError          **error)
{
  gboolean ok;

  g_mutex_lock (&self->lock);
  while (self->error == NULL && (self->queued != NULL || self->busy))
    g_cond_wait (&self->changed, &self->lock);
  ok = !lane_failed (self, error);
  g_mutex_unlock (&self->lock);
  if (ok)
    {
      GError *local = NULL;

      close_handle (self, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
    }
  return ok;
}

void
rs_sftp_write_lane_free (RsSftpWriteLane *self)
{
  g_mutex_lock (&self->lock);
  self->stop = TRUE;
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);
  close_handle (self, NULL);
  g_clear_pointer (&self->queued, g_byte_array_unref);
  g_clear_pointer (&self->spare, g_byte_array_unref);
  g_clear_error (&self->error);
  rs_sftp_session_unref (self->session);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);
  g_free (self->path);
  g_free (self);
}
