/* rs-local-xattr.c: user metadata as `user.` extended attributes
 *
 * Key K is stored as the attribute "user.K" with the value's bytes (no
 * terminating NUL). Other `user.` attributes a file carries show up as
 * metadata too: they are the file's user metadata. Descriptors opened with
 * O_PATH cannot carry f*xattr calls, so stats and listings read through
 * /proc/self/fd paths instead of opening every file. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <glib/gi18n-lib.h>

#include "rs-local-xattr.h"
#include "rs-local-fs.h"

/* Whether files in @dir_fd take user attributes: set one on a hidden
 * temporary file (tmpfs before Linux 6.6, some FUSE and network file
 * systems refuse them). */
gboolean
rs_local_xattr_probe (int dir_fd)
{
  g_autofree char *name = rs_local_temp_name ("xattr-probe");
  int fd = openat (dir_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  gboolean ok;

  if (fd < 0)
    {
      g_debug ("local: cannot probe for user attributes: %s", g_strerror (errno));
      return FALSE;
    }
  ok = fsetxattr (fd, RS_LOCAL_XATTR_PREFIX "rs-probe", "1", 1, 0) == 0;
  if (!ok)
    g_debug ("local: no user attributes here: %s", g_strerror (errno));
  close (fd);
  unlinkat (dir_fd, name, 0);
  return ok;
}

/* listxattrat()/getxattrat() (Linux 6.13) read a file's attributes by
 * folder descriptor and name, without opening it. Same numbers on every
 * architecture with the unified syscall table. */
#if !defined(SYS_listxattrat) && defined(__linux__) && !defined(__alpha__)
#define SYS_getxattrat 464
#define SYS_listxattrat 465
#endif

typedef struct
{
  int dir_fd;             /* with name: by folder and name (the *xattrat calls) */
  const char *name;
  int fd;                 /* else a readable descriptor */
  const char *proc;       /* else a /proc/self/fd path, followed */
} Target;

struct xattr_args_v0
{
  guint64 value;
  guint32 size;
  guint32 flags;
};

static ssize_t
list_names (const Target *t, char *buffer, size_t size)
{
#ifdef SYS_listxattrat
  if (t->name != NULL)
    return syscall (SYS_listxattrat, t->dir_fd, t->name, AT_SYMLINK_NOFOLLOW, buffer, size);
#endif
  return t->proc != NULL ? listxattr (t->proc, buffer, size) : flistxattr (t->fd, buffer, size);
}

static ssize_t
get_value (const Target *t, const char *name, char *buffer, size_t size)
{
#ifdef SYS_getxattrat
  if (t->name != NULL)
    {
      struct xattr_args_v0 args = { (guint64) (guintptr) buffer, (guint32) size, 0 };

      return syscall (SYS_getxattrat, t->dir_fd, t->name, AT_SYMLINK_NOFOLLOW, name, &args, sizeof args);
    }
#endif
  return t->proc != NULL ? getxattr (t->proc, name, buffer, size) : fgetxattr (t->fd, name, buffer, size);
}

static GHashTable *
read_target (const Target  *t,
             const char    *key,
             GError       **error)
{
  g_autoptr(GHashTable) metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *names = NULL;
  ssize_t size;

  /* Sizes may change between the two calls: retry on ERANGE. */
  for (;;)
    {
      size = list_names (t, NULL, 0);
      if (size <= 0)
        break;
      names = g_realloc (names, size);
      size = list_names (t, names, size);
      if (size >= 0 || errno != ERANGE)
        break;
    }
  if (size < 0)
    {
      if (errno == ENOTSUP)
        return g_steal_pointer (&metadata);
      rs_local_fail (error, errno, key, _("Cannot read the metadata of “%s”"), key);
      return NULL;
    }
  for (const char *name = names; name != NULL && name < names + size; name += strlen (name) + 1)
    {
      g_autofree char *value = NULL;
      ssize_t length;

      if (!g_str_has_prefix (name, RS_LOCAL_XATTR_PREFIX) ||
          name[sizeof RS_LOCAL_XATTR_PREFIX - 1] == '\0')
        continue;
      for (;;)
        {
          length = get_value (t, name, NULL, 0);
          if (length < 0)
            break;
          value = g_realloc (value, length + 1);
          length = get_value (t, name, value, length);
          if (length >= 0 || errno != ERANGE)
            break;
        }
      if (length < 0)
        {
          if (errno == ENODATA)
            continue;           /* removed meanwhile */
          rs_local_fail (error, errno, key, _("Cannot read the metadata of “%s”"), key);
          return NULL;
        }
      value[length] = '\0';
      if (!g_utf8_validate (value, length, NULL))
        continue;               /* not ours: values we write are UTF-8 */
      g_hash_table_insert (metadata, g_strdup (name + sizeof RS_LOCAL_XATTR_PREFIX - 1),
                           g_steal_pointer (&value));
    }
  return g_steal_pointer (&metadata);
}

/* Reads through @proc (a /proc/self/fd path, followed) when it is set,
 * else through @fd. */
GHashTable *
rs_local_xattr_read (int          fd,
                     const char  *proc,
                     const char  *key,
                     GError     **error)
{
  Target t = { -1, NULL, fd, proc };

  return read_target (&t, key, error);
}

gboolean
rs_local_xattr_write (int          fd,
                      GHashTable  *metadata,
                      const char  *key,
                      GError     **error)
{
  GHashTableIter iter;
  gpointer name, value;

  if (metadata == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, metadata);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      g_autofree char *attribute = g_strconcat (RS_LOCAL_XATTR_PREFIX, name, NULL);

      if (fsetxattr (fd, attribute, value, strlen (value), 0) < 0)
        return rs_local_fail (error, errno, key, _("Cannot store the metadata of “%s”"), key);
    }
  return TRUE;
}

gboolean
rs_local_xattr_copy (int          from_fd,
                     int          to_fd,
                     const char  *key,
                     GError     **error)
{
  g_autoptr(GHashTable) metadata = rs_local_xattr_read (from_fd, NULL, key, error);

  return metadata != NULL && rs_local_xattr_write (to_fd, metadata, key, error);
}

/* The attributes of the regular file @name in @dir_fd (not a link): by
 * name where the kernel has listxattrat(), else through a descriptor of
 * the file (cheaper than a /proc path walk), else through /proc when the
 * file cannot be opened for reading. */
GHashTable *
rs_local_xattr_read_at (int          dir_fd,
                        const char  *name,
                        const char  *key,
                        GError     **error)
{
  GHashTable *metadata;
  int fd;

#ifdef SYS_listxattrat
  static gint have_at = -1;   /* unknown, then 0 or 1: two first callers may both probe */

  if (g_atomic_int_get (&have_at) < 0)
    g_atomic_int_set (&have_at, syscall (SYS_listxattrat, dir_fd, name, AT_SYMLINK_NOFOLLOW, NULL, 0) >= 0 ||
                                errno != ENOSYS);
  if (g_atomic_int_get (&have_at) == 1)
    {
      Target t = { dir_fd, name, -1, NULL };

      return read_target (&t, key, error);
    }
#endif
  fd = openat (dir_fd, name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0)
    {
      metadata = rs_local_xattr_read (fd, NULL, key, error);
      close (fd);
      return metadata;
    }
  if (errno == EACCES || errno == EPERM)
    {
      g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d/%s", dir_fd, name);

      return rs_local_xattr_read (-1, proc, key, error);
    }
  rs_local_fail (error, errno, key, _("Cannot read the metadata of “%s”"), key);
  return NULL;
}
