/* rs-local-fs.c: path resolution beneath a root folder, errno mapping
 *
 * The kernel applies every rule here: a key is opened relative to the
 * root's descriptor and the resolver refuses whatever would leave it.
 * Operations on the last segment (unlinkat, renameat2, mkdirat) run on a
 * descriptor of the parent folder and act on the entry itself, never on
 * what a link there points to. */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/openat2.h>
#include <glib/gi18n-lib.h>

#include "rs-local-fs.h"

/* Names are at most NAME_MAX bytes: room for the prefix and "-XXXXXXXX". */
#define TEMP_NAME_KEEP (255 - sizeof RS_LOCAL_TEMP_PREFIX - 10)

static int
sys_openat2 (int         dir_fd,
             const char *path,
             int         flags,
             mode_t      mode)
{
  struct open_how how = {
    .flags = (guint64) flags,
    .mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0,
    .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
  };
  int fd;

  do
    fd = (int) syscall (SYS_openat2, dir_fd, path, &how, sizeof how);
  while (fd < 0 && (errno == EINTR || errno == EAGAIN));
  return fd;
}

gboolean
rs_local_have_openat2 (void)
{
  static gsize probed = 0;
  static gboolean available;

  if (g_once_init_enter (&probed))
    {
      int fd = sys_openat2 (AT_FDCWD, ".", O_PATH | O_CLOEXEC, 0);

      /* ENOSYS: older kernel; EPERM: a seccomp filter that refuses it. */
      available = fd >= 0;
      if (fd >= 0)
        close (fd);
      else
        g_debug ("local: openat2 unavailable (%s), walking paths with O_NOFOLLOW", g_strerror (errno));
      g_once_init_leave (&probed, 1);
    }
  return available;
}

static gboolean
use_beneath (RsLocalResolve resolve)
{
  if (resolve == RS_LOCAL_RESOLVE_AUTO)
    return rs_local_have_openat2 ();
  return resolve == RS_LOCAL_RESOLVE_BENEATH;
}

/* One segment at a time; a link anywhere is ELOOP. */
static int
walk_segments (int          root_fd,
               char       **segments,
               int          flags,
               mode_t       mode)
{
  int dir_fd = root_fd;
  int fd = -1;
  guint n = g_strv_length (segments);

  for (guint i = 0; i < n; i++)
    {
      gboolean last = i + 1 == n;
      int next;

      if (last)
        next = openat (dir_fd, segments[i], flags | O_NOFOLLOW, mode);
      else
        next = openat (dir_fd, segments[i], O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (next >= 0 && (last ? (flags & O_PATH) != 0 : TRUE))
        {
          struct stat st;

          /* O_PATH | O_NOFOLLOW opens a link itself: refuse it too. */
          if (fstat (next, &st) == 0 && S_ISLNK (st.st_mode))
            {
              close (next);
              next = -1;
              errno = ELOOP;
            }
        }
      else if (next < 0 && errno == ENOTDIR)
        {
          struct stat st;
          int saved = errno;

          /* O_DIRECTORY on a link says ENOTDIR; tell a link apart. */
          if (fstatat (dir_fd, segments[i], &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK (st.st_mode))
            saved = ELOOP;
          errno = saved;
        }
      if (dir_fd != root_fd)
        {
          int saved = errno;

          close (dir_fd);
          errno = saved;
        }
      if (next < 0)
        return -1;
      if (last)
        fd = next;
      else
        dir_fd = next;
    }
  return fd;
}

static int
walk_open (int         root_fd,
           const char *key,
           int         flags,
           mode_t      mode)
{
  char **segments = g_strsplit (key, "/", -1);
  int fd = walk_segments (root_fd, segments, flags, mode);
  int saved = errno;

  g_strfreev (segments);
  errno = saved;
  return fd;
}

/* Opens @key ("" is the root itself) beneath @root_fd. */
int
rs_local_open (int             root_fd,
               RsLocalResolve  resolve,
               const char     *key,
               int             flags,
               mode_t          mode)
{
  flags |= O_CLOEXEC;
  if (key[0] == '\0')
    return openat (root_fd, ".", flags, mode);
  if (use_beneath (resolve))
    return sys_openat2 (root_fd, key, flags, mode);
  return walk_open (root_fd, key, flags, mode);
}

/* Opens folder @parent, making it and missing folders on the way when
 * @create is set. Each level is opened beneath the root again, so that a
 * link made meanwhile is still refused. Keeps errno on failure. */
static int
open_folder (int             root_fd,
             RsLocalResolve  resolve,
             char           *parent,
             gboolean        create,
             int             open_flags,
             GPtrArray      *created)
{
  int fd = rs_local_open (root_fd, resolve, parent, open_flags | O_DIRECTORY, 0);

  if (fd >= 0 || !create || errno != ENOENT)
    return fd;
  for (char *p = parent; ; p++)
    {
      char saved;
      int dir_fd, made, err;
      const char *slash, *segment_name;

      if (*p != '/' && *p != '\0')
        continue;
      saved = *p;
      *p = '\0';
      slash = strrchr (parent, '/');
      segment_name = slash != NULL ? slash + 1 : parent;
      if (slash != NULL)
        {
          *(char *) slash = '\0';
          dir_fd = rs_local_open (root_fd, resolve, parent, O_RDONLY | O_DIRECTORY, 0);
          *(char *) slash = '/';
        }
      else
        dir_fd = rs_local_open (root_fd, resolve, "", O_RDONLY | O_DIRECTORY, 0);
      if (dir_fd < 0)
        {
          *p = saved;
          return -1;
        }
      made = mkdirat (dir_fd, segment_name, 0777);
      err = errno;
      if (made == 0 && created != NULL)
        g_ptr_array_add (created, g_strdup (parent));
      *p = saved;
      close (dir_fd);
      if (made < 0 && err != EEXIST)
        {
          errno = err;
          return -1;
        }
      if (saved == '\0')
        break;
    }
  return rs_local_open (root_fd, resolve, parent, open_flags | O_DIRECTORY, 0);
}

/* Opens the folder holding @key for *at calls (readable with @readable, so
 * that it can be fsynced and listed, else O_PATH, which is cheaper) and
 * points @name at the key's last segment. With
 * @create, missing folders on the way are made, and their keys appended
 * to @created (when not NULL), outermost first. Keeps errno on failure
 * (frees can clobber it under glibc's malloc checking). */
int
rs_local_open_parent_full (int             root_fd,
                           RsLocalResolve  resolve,
                           const char     *key,
                           gboolean        create,
                           gboolean        readable,
                           const char    **name,
                           GPtrArray      *created)
{
  const char *slash = strrchr (key, '/');
  char *parent = slash != NULL ? g_strndup (key, slash - key) : g_strdup ("");
  int fd, saved;

  *name = slash != NULL ? slash + 1 : key;
  fd = open_folder (root_fd, resolve, parent, create, readable ? O_RDONLY : O_PATH, created);
  saved = errno;
  g_free (parent);
  errno = saved;
  return fd;
}

/* The same for lookups only (fstatat, unlinkat, renameat2, the *xattrat
 * calls): an O_PATH descriptor opens nothing of the folder itself, which
 * costs less than a readable one. Never creates. */
int
rs_local_open_parent_path (int             root_fd,
                           RsLocalResolve  resolve,
                           const char     *key,
                           const char    **name)
{
  const char *slash = strrchr (key, '/');
  char *parent = slash != NULL ? g_strndup (key, slash - key) : g_strdup ("");
  int fd, saved;

  *name = slash != NULL ? slash + 1 : key;
  fd = rs_local_open (root_fd, resolve, parent, O_PATH | O_DIRECTORY, 0);
  saved = errno;
  g_free (parent);
  errno = saved;
  return fd;
}

int
rs_local_open_parent (int             root_fd,
                      RsLocalResolve  resolve,
                      const char     *key,
                      gboolean        create,
                      const char    **name)
{
  return rs_local_open_parent_full (root_fd, resolve, key, create, TRUE, name, NULL);
}

/* Removes the folders of @created (from rs_local_open_parent_full),
 * innermost first, as long as they are empty. */
void
rs_local_remove_created (int             root_fd,
                         RsLocalResolve  resolve,
                         GPtrArray      *created)
{
  for (guint i = created->len; i > 0; i--)
    {
      const char *name;
      int dir_fd = rs_local_open_parent (root_fd, resolve, created->pdata[i - 1], FALSE, &name);

      if (dir_fd < 0)
        return;
      if (unlinkat (dir_fd, name, AT_REMOVEDIR) < 0)
        i = 1;                  /* something else is in there now: keep the rest */
      close (dir_fd);
    }
}

/* Whether a resolution failure means "a link was not followed". */
gboolean
rs_local_is_escape (int saved_errno)
{
  return saved_errno == EXDEV || saved_errno == ELOOP;
}

char *
rs_local_temp_name (const char *name)
{
  g_autofree char *kept = g_strndup (name, TEMP_NAME_KEEP);

  return g_strdup_printf (RS_LOCAL_TEMP_PREFIX "%s-%08x", kept, g_random_int ());
}

gboolean
rs_local_is_temp_name (const char *name)
{
  return g_str_has_prefix (name, RS_LOCAL_TEMP_PREFIX);
}

int
rs_local_error_code (int saved_errno)
{
  switch (saved_errno)
    {
    case ENOENT:
    case ENOTDIR:
      return RS_ERROR_NOT_FOUND;
    case EEXIST:
      return RS_ERROR_ALREADY_EXISTS;
    case ENOTEMPTY:
      return RS_ERROR_DIRECTORY_NOT_EMPTY;
    case EACCES:
    case EPERM:
    case EROFS:
    case EXDEV:
    case ELOOP:
      return RS_ERROR_PERMISSION_DENIED;
    case EISDIR:
    case ENAMETOOLONG:
    case EILSEQ:
      return RS_ERROR_INVALID_PATH;
    case EBUSY:
    case ETXTBSY:
    case EWOULDBLOCK:
      return RS_ERROR_RESOURCE_LOCKED;
    case ETIMEDOUT:
      return RS_ERROR_TIMED_OUT;
    default:
      /* ENOSPC, EDQUOT, EIO, EMFILE…: the message says which. */
      return RS_ERROR_FAILED;
    }
}

/* Sets @error from @saved_errno and a translated message naming @key.
 * Links that leave the root get a message of their own. */
gboolean
rs_local_fail (GError     **error,
               int          saved_errno,
               const char  *key,
               const char  *format,
               ...)
{
  g_autofree char *head = NULL;
  va_list args;

  if (saved_errno == EXDEV || saved_errno == ELOOP)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_PERMISSION_DENIED,
                   _("“%s” leads through a symbolic link that is not followed "
                     "(it leaves the store root, or links are refused)"), key);
      return FALSE;
    }
  va_start (args, format);
  head = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, RS_ERROR, rs_local_error_code (saved_errno), "%s: %s", head,
               g_strerror (saved_errno));
  return FALSE;
}

gboolean
rs_local_write_all (int          fd,
                    const void  *buffer,
                    gsize        count,
                    GError     **error,
                    const char  *key)
{
  const guint8 *p = buffer;

  while (count > 0)
    {
      ssize_t n = write (fd, p, MIN (count, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return rs_local_fail (error, errno, key, _("Cannot write “%s”"), key);
      p += n;
      count -= n;
    }
  return TRUE;
}
