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

static ssize_t
list_names (int fd, const char *proc, char *buffer, size_t size)
{
  return proc != NULL ? listxattr (proc, buffer, size) : flistxattr (fd, buffer, size);
}

static ssize_t
get_value (int fd, const char *proc, const char *name, char *buffer, size_t size)
{
  return proc != NULL ? getxattr (proc, name, buffer, size) : fgetxattr (fd, name, buffer, size);
}

/* Reads through @proc (a /proc/self/fd path, followed) when it is set,
 * else through @fd. */
GHashTable *
rs_local_xattr_read (int          fd,
                     const char  *proc,
                     const char  *key,
                     GError     **error)
{
  g_autoptr(GHashTable) metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *names = NULL;
  ssize_t size;

  /* Sizes may change between the two calls: retry on ERANGE. */
  for (;;)
    {
      size = list_names (fd, proc, NULL, 0);
      if (size <= 0)
        break;
      names = g_realloc (names, size);
      size = list_names (fd, proc, names, size);
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
          length = get_value (fd, proc, name, NULL, 0);
          if (length < 0)
            break;
          value = g_realloc (value, length + 1);
          length = get_value (fd, proc, name, value, length);
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
