/* rs-sftp-input-stream.c: a ranged, seekable read of one remote file
 *
 * Reads go through a private buffer of BUFFER_SIZE bytes, because
 * libssh2_sftp_read keeps up to four times the size it is asked for in
 * flight: small reads by the caller would otherwise mean one round trip
 * each. Each refill takes the session's lock for one call, so many
 * streams (and other operations) share a session without holding it.
 *
 * A large file's sequential read is striped (rs-sftp-stripe.h): the
 * stream's own handle reads segments i with i mod n == 0, read lanes on
 * other sessions the others, one segment ahead. A seek ends the striping;
 * the rest of the read is the plain one. */
#include <string.h>
#include <glib/gi18n-lib.h>

#include "rs-sftp-input-stream.h"
#include "rs-sftp-read-lane.h"

#define BUFFER_SIZE (256 * 1024)

struct _RsSftpInputStream
{
  GInputStream parent_instance;

  GObject *owner;
  RsSftpPool *pool;
  RsSftpSession *session;
  LIBSSH2_SFTP_HANDLE *handle;
  char *path;
  gint64 offset;                /* where the range starts in the file */
  gint64 length;                /* -1: to the end */
  gint64 position;              /* relative to offset */
  guint8 *buffer;
  gsize buffered;               /* bytes in buffer */
  gsize consumed;               /* of those, already returned */
  gboolean at_end;
  /* While striped (n_lanes > 0): */
  guint n_lanes;
  RsSftpReadLane *lanes[RS_SFTP_MAX_STREAMS];
  guint64 stripe_end;           /* relative end of the read */
  guint64 own_position;         /* where the own handle stands, relative */
  GByteArray *current;          /* a lane's segment being returned */
  guint64 current_segment;
};

static void rs_sftp_input_stream_seekable_init (GSeekableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RsSftpInputStream, rs_sftp_input_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SEEKABLE,
                                                      rs_sftp_input_stream_seekable_init))

/* Reads from the server into @into; 0 at the end of the file. */
static gssize
fetch (RsSftpInputStream  *self,
       guint8             *into,
       gsize               count,
       GError            **error)
{
  gssize n;

  if (!rs_sftp_pool_enter (self->pool, self->session, error))
    return -1;
  n = libssh2_sftp_read (self->handle, (char *) into, count);
  if (n < 0)
    rs_sftp_session_fail (self->session, error, _("read"), self->path);
  rs_sftp_pool_leave (self->pool, self->session);
  return n < 0 ? -1 : n;
}

static void
unspread (RsSftpInputStream *self)
{
  for (guint i = 0; i < self->n_lanes; i++)
    {
      if (self->current != NULL && self->current_segment % (self->n_lanes + 1) == i + 1)
        rs_sftp_read_lane_give_back (self->lanes[i], g_steal_pointer (&self->current));
      g_clear_pointer (&self->lanes[i], rs_sftp_read_lane_free);
    }
  g_clear_pointer (&self->current, g_byte_array_unref);
  self->n_lanes = 0;
}

/* The stream's own segments: straight from its handle, never asking
 * libssh2 for more than is left of the segment (see rs_sftp_read_ask). */
static gssize
read_own (RsSftpInputStream  *self,
          guint8             *buffer,
          gsize               count,
          guint64             segment_end,
          GError            **error)
{
  gsize ask;
  gssize n;

  if (self->consumed == self->buffered)
    {
      if (self->own_position != (guint64) self->position)
        {
          if (!rs_sftp_seek (self->pool, self->session, self->handle,
                             (guint64) (self->offset + self->position), error))
            return -1;
          self->own_position = self->position;
        }
      ask = rs_sftp_read_ask (segment_end - self->own_position);
      if (count >= ask)
        {
          n = fetch (self, buffer, ask, error);
          if (n > 0)
            self->own_position += n;
          return n;
        }
      /* The buffer holds a whole ask (a quarter segment) while striped. */
      n = fetch (self, self->buffer, ask, error);
      if (n <= 0)
        return n;
      self->own_position += n;
      self->buffered = n;
      self->consumed = 0;
    }
  n = MIN (count, self->buffered - self->consumed);
  memcpy (buffer, self->buffer + self->consumed, n);
  self->consumed += n;
  return n;
}

/* A lane's segments: copied from the buffer it filled. */
static gssize
read_lane (RsSftpInputStream  *self,
           guint8             *buffer,
           gsize               count,
           guint64             segment,
           GError            **error)
{
  RsSftpReadLane *lane = self->lanes[segment % (self->n_lanes + 1) - 1];
  gsize within = (guint64) self->position - segment * RS_SFTP_STRIPE;
  gsize n;

  if (self->current == NULL)
    {
      self->current = rs_sftp_read_lane_take (lane, segment, error);
      if (self->current == NULL)
        return -1;
      self->current_segment = segment;
    }
  if (within >= self->current->len)
    return 0;
  n = MIN (count, self->current->len - within);
  memcpy (buffer, self->current->data + within, n);
  if (within + n == self->current->len)
    {
      /* A short segment is the end of the file. */
      if (self->current->len < RS_SFTP_STRIPE)
        self->stripe_end = self->position + n;
      rs_sftp_read_lane_give_back (lane, g_steal_pointer (&self->current));
    }
  return n;
}

static gssize
read_striped (RsSftpInputStream  *self,
              guint8             *buffer,
              gsize               count,
              GError            **error)
{
  guint64 segment = (guint64) self->position / RS_SFTP_STRIPE;
  guint64 segment_end = MIN ((segment + 1) * RS_SFTP_STRIPE, self->stripe_end);
  gssize n;

  if ((guint64) self->position >= self->stripe_end)
    return 0;
  count = MIN (count, segment_end - (guint64) self->position);
  if (segment % (self->n_lanes + 1) == 0)
    n = read_own (self, buffer, count, segment_end, error);
  else
    n = read_lane (self, buffer, count, segment, error);
  if (n == 0)
    self->stripe_end = self->position;
  if (n > 0)
    self->position += n;
  return n;
}

static gssize
rs_sftp_input_stream_read (GInputStream  *stream,
                           void          *buffer,
                           gsize          count,
                           GCancellable  *cancellable,
                           GError       **error)
{
  RsSftpInputStream *self = RS_SFTP_INPUT_STREAM (stream);
  gssize n;

  if (self->length >= 0)
    count = MIN (count, (guint64) (self->length - self->position));
  count = MIN (count, (gsize) G_MAXSSIZE);
  if (count == 0)
    return 0;
  if (self->n_lanes > 0)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return -1;
      return read_striped (self, buffer, count, error);
    }
  if (self->consumed == self->buffered)
    {
      if (self->at_end)
        return 0;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return -1;
      /* Large reads go straight to the caller's buffer. */
      if (count >= BUFFER_SIZE)
        {
          n = fetch (self, buffer, count, error);
          if (n == 0)
            self->at_end = TRUE;
          if (n > 0)
            self->position += n;
          return n;
        }
      /* A short range asks for no more than it needs: libssh2 reads
       * ahead four times what it is asked for. */
      n = fetch (self, self->buffer,
                 self->length >= 0 ? MIN (BUFFER_SIZE, (guint64) (self->length - self->position))
                                   : BUFFER_SIZE,
                 error);
      if (n < 0)
        return -1;
      if (n == 0)
        {
          self->at_end = TRUE;
          return 0;
        }
      self->buffered = n;
      self->consumed = 0;
    }
  n = MIN (count, self->buffered - self->consumed);
  memcpy (buffer, self->buffer + self->consumed, n);
  self->consumed += n;
  self->position += n;
  return n;
}

static gboolean
rs_sftp_input_stream_close (GInputStream  *stream,
                            GCancellable  *cancellable,
                            GError       **error)
{
  RsSftpInputStream *self = RS_SFTP_INPUT_STREAM (stream);

  unspread (self);
  if (self->handle != NULL)
    {
      /* Closing a handle on a dead session fails at once; the handle is
       * released either way. */
      g_mutex_lock (&self->session->lock);
      libssh2_sftp_close_handle (self->handle);
      g_mutex_unlock (&self->session->lock);
      self->handle = NULL;
    }
  return TRUE;
}

static goffset
rs_sftp_input_stream_tell (GSeekable *seekable)
{
  return RS_SFTP_INPUT_STREAM (seekable)->position;
}

static gboolean
rs_sftp_input_stream_can_seek (GSeekable *seekable)
{
  return TRUE;
}

static gboolean
file_size (RsSftpInputStream  *self,
           gint64             *size,
           GError            **error)
{
  LIBSSH2_SFTP_ATTRIBUTES attrs = { 0 };
  int status;

  if (!rs_sftp_pool_enter (self->pool, self->session, error))
    return FALSE;
  status = libssh2_sftp_fstat (self->handle, &attrs);
  if (status != 0)
    rs_sftp_session_fail (self->session, error, _("read the size of"), self->path);
  rs_sftp_pool_leave (self->pool, self->session);
  *size = (gint64) attrs.filesize - self->offset;
  return status == 0;
}

static gboolean
rs_sftp_input_stream_seek (GSeekable     *seekable,
                           goffset        offset,
                           GSeekType      type,
                           GCancellable  *cancellable,
                           GError       **error)
{
  RsSftpInputStream *self = RS_SFTP_INPUT_STREAM (seekable);
  gint64 target, end;

  if (g_input_stream_is_closed (G_INPUT_STREAM (self)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("Stream is already closed"));
      return FALSE;
    }
  switch (type)
    {
    case G_SEEK_SET:
      target = offset;
      break;
    case G_SEEK_CUR:
      target = self->position + offset;
      break;
    case G_SEEK_END:
      if (self->length >= 0)
        end = self->length;
      else if (!file_size (self, &end, error))
        return FALSE;
      target = end + offset;
      break;
    default:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Invalid seek type"));
      return FALSE;
    }
  if (target < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot seek before the start of “%s”"), self->path);
      return FALSE;
    }
  /* After striping the own handle stands anywhere: always seek it. */
  if (target == self->position && self->n_lanes == 0)
    return TRUE;
  unspread (self);
  /* Seeking drops libssh2's read-ahead, which touches the session. */
  if (!rs_sftp_pool_enter (self->pool, self->session, error))
    return FALSE;
  libssh2_sftp_seek64 (self->handle, (libssh2_uint64_t) (self->offset + target));
  rs_sftp_pool_leave (self->pool, self->session);
  self->position = target;
  self->buffered = self->consumed = 0;
  self->at_end = FALSE;
  return TRUE;
}

static gboolean
rs_sftp_input_stream_can_truncate (GSeekable *seekable)
{
  return FALSE;
}

static gboolean
rs_sftp_input_stream_truncate (GSeekable     *seekable,
                               goffset        offset,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Cannot truncate a read"));
  return FALSE;
}

static void
rs_sftp_input_stream_seekable_init (GSeekableIface *iface)
{
  iface->tell = rs_sftp_input_stream_tell;
  iface->can_seek = rs_sftp_input_stream_can_seek;
  iface->seek = rs_sftp_input_stream_seek;
  iface->can_truncate = rs_sftp_input_stream_can_truncate;
  iface->truncate_fn = rs_sftp_input_stream_truncate;
}

static void
rs_sftp_input_stream_finalize (GObject *object)
{
  RsSftpInputStream *self = RS_SFTP_INPUT_STREAM (object);

  rs_sftp_input_stream_close (G_INPUT_STREAM (self), NULL, NULL);
  g_clear_pointer (&self->session, rs_sftp_session_unref);
  g_clear_object (&self->owner);
  g_free (self->buffer);
  g_free (self->path);
  G_OBJECT_CLASS (rs_sftp_input_stream_parent_class)->finalize (object);
}

static void
rs_sftp_input_stream_class_init (RsSftpInputStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rs_sftp_input_stream_finalize;
  stream_class->read_fn = rs_sftp_input_stream_read;
  stream_class->close_fn = rs_sftp_input_stream_close;
}

static void
rs_sftp_input_stream_init (RsSftpInputStream *self)
{
}

GInputStream *
rs_sftp_input_stream_new (GObject             *owner,
                          RsSftpPool          *pool,
                          RsSftpSession       *session,
                          LIBSSH2_SFTP_HANDLE *handle,
                          const char          *path,
                          gint64               offset,
                          gint64               length)
{
  RsSftpInputStream *self = g_object_new (RS_TYPE_SFTP_INPUT_STREAM, NULL);

  self->owner = g_object_ref (owner);
  self->pool = pool;
  self->session = rs_sftp_session_ref (session);
  self->handle = handle;
  self->path = g_strdup (path);
  self->offset = offset;
  self->length = length;
  self->buffer = g_malloc (BUFFER_SIZE);
  return G_INPUT_STREAM (self);
}

void
rs_sftp_input_stream_spread (RsSftpInputStream             *self,
                             const LIBSSH2_SFTP_ATTRIBUTES *attrs,
                             guint                          streams,
                             GCancellable                  *cancellable)
{
  RsSftpSession *sessions[RS_SFTP_MAX_STREAMS];
  LIBSSH2_SFTP_HANDLE *handles[RS_SFTP_MAX_STREAMS];
  guint n = 0, kept = 0;
  guint64 end;

  if (streams < 2 || !(attrs->flags & LIBSSH2_SFTP_ATTR_SIZE) ||
      attrs->filesize <= (guint64) self->offset)
    return;
  end = attrs->filesize - self->offset;
  if (self->length >= 0)
    end = MIN (end, (guint64) self->length);
  if (end < 2 * RS_SFTP_STRIPE)
    return;
  streams = MIN (streams, RS_SFTP_MAX_STREAMS);
  while (n + 1 < streams)
    {
      g_autoptr(GError) error = NULL;
      RsSftpSession *session = rs_sftp_pool_acquire_spare (self->pool, self->session, cancellable,
                                                           &error);

      if (session == NULL)
        {
          if (error != NULL)
            g_debug ("sftp: reading %s on fewer sessions: %s", self->path, error->message);
          break;
        }
      sessions[n++] = session;
    }
  for (guint i = 0; i < n; i++)
    {
      LIBSSH2_SFTP_HANDLE *handle =
        libssh2_sftp_open_ex (sessions[i]->sftp, self->path, strlen (self->path), LIBSSH2_FXF_READ, 0,
                              LIBSSH2_SFTP_OPENFILE);
      LIBSSH2_SFTP_ATTRIBUTES seen = { 0 };

      /* Another handle opens the file by name: it must be the same file,
       * not one renamed over it since (SFTP v3 shows no inode, so size,
       * times, owner and mode stand for it). */
      if (handle != NULL && libssh2_sftp_fstat (handle, &seen) == 0 &&
          seen.flags == attrs->flags && seen.filesize == attrs->filesize &&
          seen.mtime == attrs->mtime && seen.uid == attrs->uid && seen.gid == attrs->gid &&
          seen.permissions == attrs->permissions)
        {
          handles[kept] = handle;
          sessions[kept++] = sessions[i];
        }
      else
        {
          g_debug ("sftp: %s changed or cannot be opened again; not striping", self->path);
          if (handle != NULL)
            libssh2_sftp_close_handle (handle);
          rs_sftp_pool_release (self->pool, sessions[i]);
          sessions[i] = NULL;
        }
    }
  for (guint i = 0; i < kept; i++)
    {
      self->lanes[i] = rs_sftp_read_lane_new (self->pool, sessions[i], handles[i], self->path,
                                              (guint64) self->offset, end, i + 1, kept + 1);
      rs_sftp_pool_release (self->pool, sessions[i]);
    }
  self->n_lanes = kept;
  self->stripe_end = end;
  if (kept > 0)
    self->buffer = g_realloc (self->buffer, MAX (BUFFER_SIZE, RS_SFTP_STRIPE / 4));
  self->own_position = self->position;
  if (kept > 0)
    g_debug ("sftp: reading %s on %u sessions", self->path, kept + 1);
}
