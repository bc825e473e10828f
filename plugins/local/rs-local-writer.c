/* rs-local-writer.c: a pending write into a file nobody can see yet
 *
 * A create-only write goes to an anonymous file (O_TMPFILE) in the
 * target's folder, which commit links to the target's name: linkat() is
 * create-only, so a file that appeared meanwhile is never replaced, and
 * the folder gets one new entry, as with cp, instead of a temporary name
 * created and renamed. An overwrite, and a file system without O_TMPFILE,
 * goes to ".rs-tmp-<name>-<random>" renamed over the target
 * (RENAME_NOREPLACE when create-only). Commit stores the metadata, fsyncs
 * the file when the write must be durable (RS_WRITE_ATOMIC, or the
 * backend's `fsync` option), installs it and fsyncs the folder. Abort, a
 * failed commit and finalising an unfinished writer drop the file. A
 * process killed mid-write leaves nothing of an anonymous file, and a
 * named temporary file behind: listings never show such names, and they
 * are safe to delete. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>

#include "rs-local-writer.h"
#include "rs-local-xattr.h"
#include "rs-local-info.h"
#include "rs-local-engine.h"

struct _RsLocalWriter
{
  RsBackendWriter parent_instance;

  int dir_fd;
  int fd;
  char *name;
  char *temp_name;        /* NULL for an anonymous file, or once installed */
  gboolean anonymous;     /* O_TMPFILE, not yet linked */
  gboolean create_only;
  gboolean durable;
  GHashTable *metadata;
  int root_fd;            /* borrowed from the backend, which the writer holds */
  RsLocalResolve resolve;
  GPtrArray *created;     /* folders made for this write, removed on abort */
  RsLocalEngine *engine;  /* async writes */
  gint64 offset;          /* where the next write goes */
};

G_DEFINE_FINAL_TYPE (RsLocalWriter, rs_local_writer, RS_TYPE_BACKEND_WRITER)

static const char *
writer_key (RsLocalWriter *self)
{
  return rs_backend_writer_get_key (RS_BACKEND_WRITER (self));
}

/* Drops the temporary file; the writer is finished afterwards. */
static void
discard (RsLocalWriter *self)
{
  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
  if (self->anonymous)
    {
      /* Closing the descriptor freed the file. */
      self->anonymous = FALSE;
      rs_local_remove_created (self->root_fd, self->resolve, self->created);
    }
  else if (self->temp_name != NULL)
    {
      if (unlinkat (self->dir_fd, self->temp_name, 0) < 0 && errno != ENOENT)
        g_debug ("local: cannot remove the temporary file of “%s”: %s", writer_key (self),
                 g_strerror (errno));
      g_clear_pointer (&self->temp_name, g_free);
      /* Nothing of an aborted write stays, implicit parents included. */
      rs_local_remove_created (self->root_fd, self->resolve, self->created);
    }
}

static gssize
rs_local_writer_write (RsBackendWriter  *writer,
                       const void       *buffer,
                       gsize             count,
                       GCancellable     *cancellable,
                       GError          **error)
{
  RsLocalWriter *self = RS_LOCAL_WRITER (writer);
  ssize_t n;

  count = MIN (count, (gsize) G_MAXSSIZE);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  do
    n = pwrite (self->fd, buffer, count, self->offset);
  while (n < 0 && errno == EINTR);
  if (n <= 0)
    {
      rs_local_fail (error, n < 0 ? errno : EIO, writer_key (self), _("Cannot write “%s”"),
                     writer_key (self));
      return -1;
    }
  self->offset += n;
  return n;
}

static void
write_done (gssize   result,
            int      saved_errno,
            gpointer user_data)
{
  GTask *task = user_data;
  RsLocalWriter *self = g_task_get_source_object (task);

  if (result <= 0)
    {
      GError *error = NULL;

      rs_local_fail (&error, result < 0 ? saved_errno : EIO, writer_key (self), _("Cannot write “%s”"),
                     writer_key (self));
      g_task_return_error (task, error);
    }
  else
    {
      self->offset += result;
      g_task_return_int (task, result);
    }
  g_object_unref (task);
}

/* Through the backend's engine: io_uring or its thread pool. */
static void
rs_local_writer_write_async (RsBackendWriter     *writer,
                             const void          *buffer,
                             gsize                count,
                             int                  io_priority,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  RsLocalWriter *self = RS_LOCAL_WRITER (writer);
  GTask *task = g_task_new (writer, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, rs_local_writer_write_async);
  g_task_set_priority (task, io_priority);
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  rs_local_engine_pwrite (self->engine, self->fd, buffer, MIN (count, (gsize) G_MAXSSIZE),
                          self->offset, cancellable, write_done, task);
}

static gssize
rs_local_writer_write_finish (RsBackendWriter  *writer,
                              GAsyncResult     *result,
                              GError          **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

/* Gives the anonymous file @fd the name @name in @dir_fd (create-only).
 * AT_EMPTY_PATH is allowed to the file's opener since Linux 6.10, and to
 * CAP_DAC_READ_SEARCH before (ENOENT otherwise); the /proc link works for
 * everyone else. */
static int
link_anonymous (int         fd,
                int         dir_fd,
                const char *name)
{
  static gboolean need_proc;
  char proc[32];
  int rc;

  if (!__atomic_load_n (&need_proc, __ATOMIC_RELAXED))
    {
      rc = linkat (fd, "", dir_fd, name, AT_EMPTY_PATH);
      if (rc == 0 || (errno != ENOENT && errno != EPERM))
        return rc;
      __atomic_store_n (&need_proc, TRUE, __ATOMIC_RELAXED);
    }
  g_snprintf (proc, sizeof proc, "/proc/self/fd/%d", fd);
  return linkat (AT_FDCWD, proc, dir_fd, name, AT_SYMLINK_FOLLOW);
}

static gboolean
install (RsLocalWriter  *self,
         GError        **error)
{
  const char *key = writer_key (self);
  int rc;

  if (self->anonymous)
    {
      rc = link_anonymous (self->fd, self->dir_fd, self->name);
      if (rc < 0)
        return rs_local_fail (error, errno, key, _("Cannot move the new content of “%s” into place"), key);
      self->anonymous = FALSE;
      return TRUE;
    }
  if (self->create_only)
    {
      rc = renameat2 (self->dir_fd, self->temp_name, self->dir_fd, self->name, RENAME_NOREPLACE);
      if (rc < 0 && errno == EINVAL)
        {
          /* No RENAME_NOREPLACE on this file system: link() is create-only too. */
          rc = linkat (self->dir_fd, self->temp_name, self->dir_fd, self->name, 0);
          if (rc == 0)
            unlinkat (self->dir_fd, self->temp_name, 0);
        }
    }
  else
    rc = renameat (self->dir_fd, self->temp_name, self->dir_fd, self->name);
  if (rc < 0)
    return rs_local_fail (error, errno, key, _("Cannot move the new content of “%s” into place"), key);
  g_clear_pointer (&self->temp_name, g_free);
  return TRUE;
}

static RsWriteResult *
rs_local_writer_commit (RsBackendWriter  *writer,
                        GCancellable     *cancellable,
                        GError          **error)
{
  RsLocalWriter *self = RS_LOCAL_WRITER (writer);
  const char *key = writer_key (self);
  struct stat st;
  RsWriteResult *result;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !rs_local_xattr_write (self->fd, self->metadata, key, error))
    goto failed;
  if (self->durable && fsync (self->fd) < 0)
    {
      rs_local_fail (error, errno, key, _("Cannot flush “%s” to disk"), key);
      goto failed;
    }
  if (fstat (self->fd, &st) < 0)
    {
      rs_local_fail (error, errno, key, _("Cannot stat “%s”"), key);
      goto failed;
    }
  /* An anonymous file is named through its descriptor, so it closes
   * after the link: local file systems report no write errors at close
   * (the bytes are in the page cache either way), and if one did, the
   * name it just made is removed again. */
  if (self->anonymous)
    {
      if (!install (self, error))
        goto failed;
      if (close (self->fd) < 0)
        {
          int saved = errno;

          self->fd = -1;
          unlinkat (self->dir_fd, self->name, 0);
          rs_local_fail (error, saved, key, _("Cannot write “%s”"), key);
          goto failed;
        }
      self->fd = -1;
    }
  else
    {
      if (close (self->fd) < 0)
        {
          self->fd = -1;
          rs_local_fail (error, errno, key, _("Cannot write “%s”"), key);
          goto failed;
        }
      self->fd = -1;
      if (!install (self, error))
        goto failed;
    }
  /* The rename is durable once the folder is. */
  if (self->durable && fsync (self->dir_fd) < 0)
    g_debug ("local: cannot flush the folder of “%s”: %s", key, g_strerror (errno));

  result = rs_write_result_new (key, st.st_size, RS_RESULT_SOURCE_NATIVE);
  rs_local_info_fill_result (result, &st, self->metadata);
  return result;

failed:
  discard (self);
  return NULL;
}

static gboolean
rs_local_writer_abort (RsBackendWriter  *writer,
                       GCancellable     *cancellable,
                       GError          **error)
{
  discard (RS_LOCAL_WRITER (writer));
  return TRUE;
}

static void
rs_local_writer_finalize (GObject *object)
{
  RsLocalWriter *self = RS_LOCAL_WRITER (object);

  discard (self);
  if (self->dir_fd >= 0)
    close (self->dir_fd);
  g_free (self->name);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_clear_pointer (&self->created, g_ptr_array_unref);
  g_clear_pointer (&self->engine, rs_local_engine_unref);
  G_OBJECT_CLASS (rs_local_writer_parent_class)->finalize (object);
}

static void
rs_local_writer_class_init (RsLocalWriterClass *klass)
{
  RsBackendWriterClass *writer_class = RS_BACKEND_WRITER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rs_local_writer_finalize;
  writer_class->write = rs_local_writer_write;
  writer_class->write_async = rs_local_writer_write_async;
  writer_class->write_finish = rs_local_writer_write_finish;
  writer_class->commit = rs_local_writer_commit;
  writer_class->abort = rs_local_writer_abort;
}

static void
rs_local_writer_init (RsLocalWriter *self)
{
  self->dir_fd = -1;
  self->fd = -1;
  self->created = g_ptr_array_new_with_free_func (g_free);
}

/* An anonymous file in the target's folder, where the file system has
 * them (EOPNOTSUPP, EISDIR: not here, or not on this kernel); else the
 * caller makes a named temporary file, and other errors (EACCES, ENOSPC)
 * come again from that. Not remembered: a mount inside the root may
 * differ. */
static void
open_anonymous (RsLocalWriter *self)
{
  self->fd = openat (self->dir_fd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  self->anonymous = self->fd >= 0;
}

RsBackendWriter *
rs_local_writer_new (RsBackend       *backend,
                     int              root_fd,
                     RsLocalResolve   resolve,
                     const char      *key,
                     RsWriteFlags     flags,
                     GHashTable      *metadata,
                     gboolean         durable,
                     RsLocalEngine   *engine,
                     GError         **error)
{
  g_autoptr(RsLocalWriter) self = g_object_new (RS_TYPE_LOCAL_WRITER, "backend", backend,
                                                "key", key, NULL);
  const char *name;
  struct stat st;

  self->root_fd = root_fd;
  self->resolve = resolve;
  self->engine = rs_local_engine_ref (engine);
  self->durable = durable || (flags & RS_WRITE_ATOMIC) != 0;
  /* Only a durable write fsyncs the folder; everything else it does is
   * an *at call, which an O_PATH descriptor serves. */
  self->dir_fd = rs_local_open_parent_full (root_fd, resolve, key, TRUE, self->durable, &name,
                                            self->created);
  if (self->dir_fd < 0)
    {
      int saved = errno;

      rs_local_remove_created (root_fd, resolve, self->created);
      rs_local_fail (error, saved, key, _("Cannot create the folder of “%s”"), key);
      return NULL;
    }
  self->name = g_strdup (name);
  self->create_only = (flags & RS_WRITE_OVERWRITE) == 0;
  if (metadata != NULL)
    self->metadata = g_hash_table_ref (metadata);
  if (self->create_only)
    open_anonymous (self);
  for (int attempt = 0; self->fd < 0; attempt++)
    {
      g_free (self->temp_name);
      self->temp_name = rs_local_temp_name (name);
      self->fd = openat (self->dir_fd, self->temp_name,
                         O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
      if (self->fd < 0 && (errno != EEXIST || attempt > 8))
        {
          int saved = errno;

          g_clear_pointer (&self->temp_name, g_free);
          rs_local_remove_created (root_fd, resolve, self->created);
          rs_local_fail (error, saved, key, _("Cannot create a file beside “%s”"), key);
          return NULL;
        }
    }
  /* A replaced file keeps its permissions (a create-only write replaces
   * nothing). */
  if (!self->create_only && fstatat (self->dir_fd, self->name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG (st.st_mode))
    fchmod (self->fd, st.st_mode & 07777);
  return RS_BACKEND_WRITER (g_steal_pointer (&self));
}

int
rs_local_writer_get_fd (RsLocalWriter *self)
{
  return self->fd;
}
