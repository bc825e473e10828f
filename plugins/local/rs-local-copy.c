/* rs-local-copy.c: moving bytes between descriptors, removing folders
 *
 * Copies between two files use copy_file_range(), which lets the kernel
 * (or the file system: reflinks on XFS and Btrfs, server-side copies on
 * NFS) move the data without a round trip through user space; when it
 * cannot (another file system before Linux 5.19, a pipe…), 1 MiB reads and
 * writes do. Big chunks keep a streamed copy within a few percent of
 * cp(1). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <gio/gfiledescriptorbased.h>
#include <glib/gi18n-lib.h>

#include "rs-local-copy.h"
#include "rs-local-fs.h"

#define COPY_CHUNK (1024 * 1024)
#define KERNEL_CHUNK (64 * 1024 * 1024)

/* copy_file_range from the current offsets; FALSE with @fallback set when
 * the kernel cannot copy between these two. */
static gboolean
kernel_copy (int            from_fd,
             int            to_fd,
             const char    *key,
             gboolean      *fallback,
             GCancellable  *cancellable,
             GError       **error)
{
  gboolean first = TRUE;

  *fallback = FALSE;
  for (;;)
    {
      ssize_t n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      n = copy_file_range (from_fd, NULL, to_fd, NULL, KERNEL_CHUNK, 0);
      if (n == 0)
        return TRUE;
      if (n > 0)
        {
          first = FALSE;
          continue;
        }
      if (errno == EINTR)
        continue;
      if (first && (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP ||
                    errno == EBADF || errno == EPERM))
        {
          *fallback = TRUE;
          return FALSE;
        }
      return rs_local_fail (error, errno, key, _("Cannot copy into “%s”"), key);
    }
}

static gboolean
buffer_copy (int            from_fd,
             int            to_fd,
             const char    *key,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree guint8 *buffer = g_malloc (COPY_CHUNK);

  for (;;)
    {
      ssize_t n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      n = read (from_fd, buffer, COPY_CHUNK);
      if (n == 0)
        return TRUE;
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return rs_local_fail (error, errno, key, _("Cannot read the source of “%s”"), key);
      if (!rs_local_write_all (to_fd, buffer, n, error, key))
        return FALSE;
    }
}

gboolean
rs_local_copy_fd (int            from_fd,
                  int            to_fd,
                  const char    *key,
                  GCancellable  *cancellable,
                  GError       **error)
{
  gboolean fallback;

  if (kernel_copy (from_fd, to_fd, key, &fallback, cancellable, error))
    return TRUE;
  return fallback && buffer_copy (from_fd, to_fd, key, cancellable, error);
}

gboolean
rs_local_copy_stream (GInputStream  *content,
                      int            to_fd,
                      const char    *key,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree guint8 *buffer = NULL;

  /* A stream on a plain file (GIO's local files, GUnixInputStream): let
   * the kernel copy from its current offset. */
  if (G_IS_FILE_DESCRIPTOR_BASED (content))
    {
      gboolean fallback;
      int fd = g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (content));

      if (kernel_copy (fd, to_fd, key, &fallback, cancellable, error))
        return TRUE;
      if (!fallback)
        return FALSE;
    }
  buffer = g_malloc (COPY_CHUNK);
  for (;;)
    {
      gssize n = g_input_stream_read (content, buffer, COPY_CHUNK, cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        return TRUE;
      if (!rs_local_write_all (to_fd, buffer, n, error, key))
        return FALSE;
    }
}

/* Empties the folder @fd (@key), never following a link. */
static gboolean
empty_folder (int            fd,
              const char    *key,
              GCancellable  *cancellable,
              GError       **error)
{
  int dup_fd = dup (fd);
  DIR *dir = dup_fd >= 0 ? fdopendir (dup_fd) : NULL;
  struct dirent *entry;
  gboolean ok = TRUE;

  if (dir == NULL)
    {
      if (dup_fd >= 0)
        close (dup_fd);
      return rs_local_fail (error, errno, key, _("Cannot list “%s”"), key);
    }
  while (ok && (entry = readdir (dir)) != NULL)
    {
      const char *name = entry->d_name;
      g_autofree char *child = NULL;
      struct stat st;

      if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      child = g_strconcat (key, "/", name, NULL);
      if (fstatat (fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
        {
          if (errno != ENOENT)
            ok = rs_local_fail (error, errno, child, _("Cannot delete “%s”"), child);
          continue;
        }
      ok = rs_local_remove_folder (fd, name, child, TRUE, cancellable, error);
    }
  closedir (dir);
  return ok;
}

/* Unlinks the stale temporary files in the folder @name, if nothing else
 * is there (listings hide them, so the folder looked empty). */
static gboolean
remove_stale_temps (int         dir_fd,
                    const char *name)
{
  int fd = openat (dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  DIR *dir = fd >= 0 ? fdopendir (fd) : NULL;
  g_autoptr(GPtrArray) temps = g_ptr_array_new_with_free_func (g_free);
  struct dirent *entry;
  gboolean only_temps = TRUE;

  if (dir == NULL)
    {
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  while (only_temps && (entry = readdir (dir)) != NULL)
    {
      if (strcmp (entry->d_name, ".") == 0 || strcmp (entry->d_name, "..") == 0)
        continue;
      if (rs_local_is_temp_name (entry->d_name))
        g_ptr_array_add (temps, g_strdup (entry->d_name));
      else
        only_temps = FALSE;
    }
  for (guint i = 0; only_temps && i < temps->len; i++)
    unlinkat (dirfd (dir), temps->pdata[i], 0);
  closedir (dir);
  return only_temps && temps->len > 0;
}

/* Removes @name in @dir_fd: a folder (emptied first when @recursive), or,
 * inside a recursive removal, any other entry. */
gboolean
rs_local_remove_folder (int            dir_fd,
                        const char    *name,
                        const char    *key,
                        gboolean       recursive,
                        GCancellable  *cancellable,
                        GError       **error)
{
  struct stat st;

  if (recursive && fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR (st.st_mode))
    {
      if (unlinkat (dir_fd, name, 0) < 0 && errno != ENOENT)
        return rs_local_fail (error, errno, key, _("Cannot delete “%s”"), key);
      return TRUE;
    }
  if (recursive)
    {
      int fd = openat (dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      gboolean ok;

      if (fd < 0)
        return rs_local_fail (error, errno, key, _("Cannot delete the folder “%s”"), key);
      ok = empty_folder (fd, key, cancellable, error);
      close (fd);
      if (!ok)
        return FALSE;
    }
  if (unlinkat (dir_fd, name, AT_REMOVEDIR) < 0)
    {
      int saved = errno;

      if (saved == ENOTEMPTY && !recursive && remove_stale_temps (dir_fd, name) &&
          unlinkat (dir_fd, name, AT_REMOVEDIR) == 0)
        return TRUE;
      errno = saved;
      return rs_local_fail (error, errno, key, _("Cannot delete the folder “%s”"), key);
    }
  return TRUE;
}
