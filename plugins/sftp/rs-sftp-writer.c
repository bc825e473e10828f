/* rs-sftp-writer.c: a pending write into a hidden temp file
 *
 * Bytes go to `.rs-sftp-XXXXXXXX.part` beside the target; commit renames
 * it over the target, abort removes it, so every write is atomic and an
 * abort leaves nothing behind. libssh2_sftp_write sends everything it is
 * given as pipelined requests and returns once the first is acknowledged,
 * expecting the unacknowledged rest again on the next call; the writer
 * keeps up to WINDOW bytes in flight that way.
 *
 * Past the first segment (RS_SFTP_STRIPE) a write is striped over up to
 * `transfer-streams` sessions (rs-sftp-stripe.h): the writer's own
 * session keeps the segments i with i mod n == 0, write lanes take the
 * others. A small file never leaves the writer's session. */
#include <string.h>
#include <glib/gi18n-lib.h>

#include "rs-sftp-writer.h"
#include "rs-sftp-write-lane.h"

#define WINDOW RS_SFTP_WRITE_WINDOW

struct _RsSftpWriter
{
  RsBackendWriter parent_instance;

  RsSftpPool *pool;
  RsSftpSession *session;
  LIBSSH2_SFTP_HANDLE *handle;
  char *temp_path;
  char *path;
  gboolean overwrite;
  GPtrArray *made_folders;      /* parents made for this write */
  GByteArray *pending;          /* from `head` on: sent or not, not yet acknowledged */
  gsize head;
  gint64 size;
  guint64 position;             /* where the writer's handle stands after `pending` */
  guint streams;                /* sessions a large write may use */
  gboolean striped;             /* lanes were set up (maybe none) */
  guint n_lanes;
  RsSftpWriteLane *lanes[RS_SFTP_MAX_STREAMS];
  GByteArray *filling[RS_SFTP_MAX_STREAMS];  /* per lane: the segment being filled */
  guint64 filling_offset[RS_SFTP_MAX_STREAMS];
};

G_DEFINE_FINAL_TYPE (RsSftpWriter, rs_sftp_writer, RS_TYPE_BACKEND_WRITER)

gboolean
rs_sftp_rename_path (RsSftpSession  *session,
                     const char     *from,
                     const char     *to,
                     gboolean        overwrite,
                     GError        **error)
{
  RsSftpExtension *extension;
  LIBSSH2_SFTP_ATTRIBUTES attrs;

  if (!overwrite)
    {
      if (libssh2_sftp_rename_ex (session->sftp, from, strlen (from), to, strlen (to), 0) == 0)
        return TRUE;
      rs_sftp_session_fail (session, error, _("rename"), from);
      /* SFTP v3 has no "exists" status: OpenSSH answers FAILURE. */
      if (g_error_matches (*error, RS_ERROR, RS_ERROR_FAILED) &&
          libssh2_sftp_stat_ex (session->sftp, to, strlen (to), LIBSSH2_SFTP_LSTAT, &attrs) == 0)
        {
          g_clear_error (error);
          g_set_error (error, RS_ERROR, RS_ERROR_ALREADY_EXISTS, _("“%s” already exists"), to);
        }
      return FALSE;
    }
  extension = rs_sftp_session_get_extension (session, error);
  if (extension == NULL)
    return FALSE;
  if (rs_sftp_extension_has_posix_rename (extension))
    return rs_sftp_extension_posix_rename (extension, from, to, error);
  /* Fallback for servers without posix-rename: not atomic. */
  g_debug ("sftp: no posix-rename, replacing %s by remove and rename", to);
  libssh2_sftp_unlink_ex (session->sftp, to, strlen (to));
  if (libssh2_sftp_rename_ex (session->sftp, from, strlen (from), to, strlen (to), 0) == 0)
    return TRUE;
  rs_sftp_session_fail (session, error, _("rename"), from);
  return FALSE;
}

void
rs_sftp_remove_folders (RsSftpSession *session,
                        GPtrArray     *folders)
{
  for (guint i = folders->len; i > 0; i--)
    {
      const char *folder = g_ptr_array_index (folders, i - 1);

      if (libssh2_sftp_rmdir_ex (session->sftp, folder, strlen (folder)) != 0)
        g_debug ("sftp: kept the folder %s", folder);
    }
}

static gsize
pending_length (RsSftpWriter *self)
{
  return self->pending->len - self->head;
}

/* Sends what is pending and waits for at least one acknowledgement. */
static gboolean
push (RsSftpWriter  *self,
      GError       **error)
{
  ssize_t acked;

  if (!rs_sftp_pool_enter (self->pool, self->session, error))
    return FALSE;
  acked = libssh2_sftp_write (self->handle, (const char *) self->pending->data + self->head,
                              pending_length (self));
  if (acked < 0)
    rs_sftp_session_fail (self->session, error, _("write"), self->path);
  rs_sftp_pool_leave (self->pool, self->session);
  if (acked < 0)
    return FALSE;
  self->head += MIN ((gsize) acked, pending_length (self));
  if (self->head == self->pending->len)
    {
      g_byte_array_set_size (self->pending, 0);
      self->head = 0;
    }
  return TRUE;
}

/* Sends everything pending on the writer's own session. */
static gboolean
drain (RsSftpWriter  *self,
       GError       **error)
{
  while (pending_length (self) > 0)
    if (!push (self, error))
      return FALSE;
  return TRUE;
}

/* Opens the temp file on spare sessions, one per extra lane; fewer (or
 * none) when the pool has no session to spare. */
static void
start_lanes (RsSftpWriter *self,
             GCancellable *cancellable)
{
  RsSftpSession *sessions[RS_SFTP_MAX_STREAMS];
  guint n = 0;

  self->striped = TRUE;
  while (n + 1 < self->streams)
    {
      g_autoptr(GError) error = NULL;
      RsSftpSession *session = rs_sftp_pool_acquire_spare (self->pool, self->session, cancellable,
                                                           &error);

      if (session == NULL)
        {
          if (error != NULL)
            g_debug ("sftp: writing %s on fewer sessions: %s", self->path, error->message);
          break;
        }
      sessions[n++] = session;
    }
  for (guint i = 0; i < n; i++)
    {
      LIBSSH2_SFTP_HANDLE *handle =
        libssh2_sftp_open_ex (sessions[i]->sftp, self->temp_path, strlen (self->temp_path),
                              LIBSSH2_FXF_WRITE, 0, LIBSSH2_SFTP_OPENFILE);

      if (handle != NULL)
        self->lanes[self->n_lanes++] = rs_sftp_write_lane_new (self->pool, sessions[i], handle,
                                                               self->path);
      else
        g_debug ("sftp: could not open %s on another session", self->temp_path);
      rs_sftp_pool_release (self->pool, sessions[i]);
    }
  g_debug ("sftp: writing %s on %u sessions", self->path, self->n_lanes + 1);
}

/* Appends to the writer's own pipeline, first moving its handle to
 * @offset (after everything sent before is acknowledged). */
static gboolean
write_own (RsSftpWriter  *self,
           const guint8  *data,
           gsize          count,
           guint64        offset,
           GError       **error)
{
  if (self->position != offset)
    {
      if (!drain (self, error) ||
          !rs_sftp_seek (self->pool, self->session, self->handle, offset, error))
        return FALSE;
      self->position = offset;
    }
  g_byte_array_append (self->pending, data, count);
  self->position += count;
  if (pending_length (self) < WINDOW)
    return TRUE;
  /* Wait for acknowledgements down to a quarter of the window before
   * moving the rest to the front: the memmove stays a third of what was
   * acknowledged (one per ~30 kB acknowledgement would cost more than
   * the copy in). */
  while (pending_length (self) > WINDOW / 4)
    if (!push (self, error))
      return FALSE;
  g_byte_array_remove_range (self->pending, 0, self->head);
  self->head = 0;
  return TRUE;
}

static gboolean
submit_filling (RsSftpWriter  *self,
                guint          lane,
                GError       **error)
{
  GByteArray *segment = g_steal_pointer (&self->filling[lane]);

  if (segment == NULL)
    return TRUE;
  return rs_sftp_write_lane_submit (self->lanes[lane], segment, self->filling_offset[lane], error);
}

static gboolean
write_lane (RsSftpWriter  *self,
            guint          lane,
            const guint8  *data,
            gsize          count,
            guint64        offset,
            gboolean       segment_full,
            GError       **error)
{
  if (self->filling[lane] == NULL)
    {
      self->filling[lane] = rs_sftp_write_lane_buffer (self->lanes[lane]);
      self->filling_offset[lane] = offset;
    }
  g_byte_array_append (self->filling[lane], data, count);
  return !segment_full || submit_filling (self, lane, error);
}

static gssize
rs_sftp_writer_write (RsBackendWriter  *writer,
                      const void       *buffer,
                      gsize             count,
                      GCancellable     *cancellable,
                      GError          **error)
{
  RsSftpWriter *self = RS_SFTP_WRITER (writer);
  const guint8 *data = buffer;
  gsize done = 0;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  count = MIN (count, (gsize) G_MAXSSIZE);
  while (done < count)
    {
      guint64 segment = (guint64) self->size / RS_SFTP_STRIPE;
      guint64 segment_end = (segment + 1) * RS_SFTP_STRIPE;
      gsize take = MIN (count - done, segment_end - (guint64) self->size);
      guint owner;
      gboolean ok;

      if (segment > 0 && !self->striped && self->streams > 1)
        start_lanes (self, cancellable);
      owner = (guint) (segment % (self->n_lanes + 1));
      if (owner == 0)
        ok = write_own (self, data + done, take, self->size, error);
      else
        ok = write_lane (self, owner - 1, data + done, take, self->size,
                         (guint64) self->size + take == segment_end, error);
      if (!ok)
        return -1;
      self->size += take;
      done += take;
    }
  return count;
}

static gboolean
close_handle (RsSftpWriter  *self,
              GError       **error)
{
  int status;

  if (self->handle == NULL)
    return TRUE;
  g_mutex_lock (&self->session->lock);
  status = libssh2_sftp_close_handle (self->handle);
  if (status != 0 && error != NULL)
    rs_sftp_session_fail (self->session, error, _("finish writing"), self->path);
  g_mutex_unlock (&self->session->lock);
  self->handle = NULL;
  return status == 0;
}

/* Best effort: removes the temp file, through another session if ours died. */
static void
remove_temp (RsSftpWriter *self)
{
  RsSftpSession *session = NULL;

  if (self->temp_path == NULL)
    return;
  if (rs_sftp_pool_enter (self->pool, self->session, NULL))
    session = self->session;
  else
    session = rs_sftp_pool_acquire (self->pool, NULL, NULL);
  if (session != NULL)
    {
      if (libssh2_sftp_unlink_ex (session->sftp, self->temp_path, strlen (self->temp_path)) != 0)
        g_debug ("sftp: could not remove %s", self->temp_path);
      rs_sftp_remove_folders (session, self->made_folders);
      rs_sftp_pool_release (self->pool, session);
    }
  g_clear_pointer (&self->temp_path, g_free);
}

static void
free_lanes (RsSftpWriter *self)
{
  for (guint i = 0; i < self->n_lanes; i++)
    {
      g_clear_pointer (&self->lanes[i], rs_sftp_write_lane_free);
      g_clear_pointer (&self->filling[i], g_byte_array_unref);
    }
  self->n_lanes = 0;
}

static RsWriteResult *
rs_sftp_writer_commit (RsBackendWriter  *writer,
                       GCancellable     *cancellable,
                       GError          **error)
{
  RsSftpWriter *self = RS_SFTP_WRITER (writer);
  gboolean renamed;

  if (!drain (self, error))
    return NULL;
  for (guint i = 0; i < self->n_lanes; i++)
    if (!submit_filling (self, i, error))
      return NULL;
  for (guint i = 0; i < self->n_lanes; i++)
    if (!rs_sftp_write_lane_finish (self->lanes[i], error))
      return NULL;
  if (!close_handle (self, error))
    return NULL;
  /* The last point where a cancel leaves the target untouched. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!rs_sftp_pool_enter (self->pool, self->session, error))
    return NULL;
  renamed = rs_sftp_rename_path (self->session, self->temp_path, self->path, self->overwrite, error);
  rs_sftp_pool_leave (self->pool, self->session);
  if (!renamed)
    return NULL;
  g_clear_pointer (&self->temp_path, g_free);
  return rs_write_result_new (rs_backend_writer_get_key (writer), self->size, RS_RESULT_SOURCE_BASIC);
}

static gboolean
rs_sftp_writer_abort (RsBackendWriter  *writer,
                      GCancellable     *cancellable,
                      GError          **error)
{
  RsSftpWriter *self = RS_SFTP_WRITER (writer);

  free_lanes (self);
  close_handle (self, NULL);
  remove_temp (self);
  return TRUE;
}

static void
rs_sftp_writer_finalize (GObject *object)
{
  RsSftpWriter *self = RS_SFTP_WRITER (object);

  /* The core aborts or commits every writer; this is for failed commits. */
  free_lanes (self);
  close_handle (self, NULL);
  remove_temp (self);
  g_clear_pointer (&self->session, rs_sftp_session_unref);
  g_byte_array_unref (self->pending);
  g_ptr_array_unref (self->made_folders);
  g_free (self->path);
  G_OBJECT_CLASS (rs_sftp_writer_parent_class)->finalize (object);
}

static void
rs_sftp_writer_class_init (RsSftpWriterClass *klass)
{
  RsBackendWriterClass *writer_class = RS_BACKEND_WRITER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rs_sftp_writer_finalize;
  writer_class->write = rs_sftp_writer_write;
  writer_class->commit = rs_sftp_writer_commit;
  writer_class->abort = rs_sftp_writer_abort;
}

static void
rs_sftp_writer_init (RsSftpWriter *self)
{
  self->pending = g_byte_array_sized_new (WINDOW + 64 * 1024);
}

RsBackendWriter *
rs_sftp_writer_new (RsBackend           *backend,
                    const char          *key,
                    RsSftpPool          *pool,
                    RsSftpSession       *session,
                    LIBSSH2_SFTP_HANDLE *handle,
                    const char          *temp_path,
                    const char          *path,
                    gboolean             overwrite,
                    GPtrArray           *made_folders,
                    guint                streams)
{
  RsSftpWriter *self = g_object_new (RS_TYPE_SFTP_WRITER, "backend", backend, "key", key, NULL);

  self->pool = pool;
  self->session = rs_sftp_session_ref (session);
  self->handle = handle;
  self->temp_path = g_strdup (temp_path);
  self->path = g_strdup (path);
  self->overwrite = overwrite;
  self->made_folders = g_ptr_array_ref (made_folders);
  self->streams = CLAMP (streams, 1, RS_SFTP_MAX_STREAMS);
  return RS_BACKEND_WRITER (self);
}
