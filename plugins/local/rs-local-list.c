/* rs-local-list.c: listing pages of a folder tree
 *
 * A page holds the entries after the token in a stable order: names are
 * sorted bytewise within each folder and a recursive listing walks depth
 * first, so the token (the last key returned) says exactly where the next
 * page starts. Hidden temporary files of pending writes are never listed;
 * nor are links that leave the root (or any link, when links are refused),
 * sockets, FIFOs and devices. A recursive listing does not descend into
 * links to folders, so a link cycle cannot make it endless. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>

#include "rs-local-list.h"
#include "rs-local-info.h"
#include "rs-local-xattr.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The sorted names in @dir_fd (which stays open: the DIR works on a dup). */
static GPtrArray *
read_names (int          dir_fd,
            const char  *key,
            GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int fd = dup (dir_fd);
  DIR *dir;
  struct dirent *entry;

  if (fd < 0 || (dir = fdopendir (fd)) == NULL)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      rs_local_fail (error, saved, key, _("Cannot list “%s”"), key);
      return NULL;
    }
  rewinddir (dir);
  errno = 0;
  while ((entry = readdir (dir)) != NULL)
    {
      const char *name = entry->d_name;

      if (strcmp (name, ".") != 0 && strcmp (name, "..") != 0 && !rs_local_is_temp_name (name))
        g_ptr_array_add (names, g_strdup (name));
      errno = 0;
    }
  if (errno != 0)
    {
      int saved = errno;

      closedir (dir);
      rs_local_fail (error, saved, key, _("Cannot list “%s”"), key);
      return NULL;
    }
  closedir (dir);
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

static char *
child_key (const char *prefix,
           const char *name)
{
  return prefix[0] == '\0' ? g_strdup (name) : g_strconcat (prefix, "/", name, NULL);
}

static RsEntry *rs_local_entry_from_stat (const RsLocalListing *listing,
                                          int                   dir_fd,
                                          const char           *name,
                                          const char           *key,
                                          struct stat          *lst,
                                          GError              **error);

/* The entry for @name in @dir_fd, with links inside the root followed;
 * NULL without error for what the store does not show. */
static RsEntry *
rs_local_stat_entry (const RsLocalListing *listing,
                     int                   dir_fd,
                     const char           *name,
                     const char           *key,
                     GError              **error)
{
  struct stat st;

  if (fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
    {
      if (errno == ENOENT)
        return NULL;            /* removed meanwhile */
      rs_local_fail (error, errno, key, _("Cannot stat “%s”"), key);
      return NULL;
    }
  return rs_local_entry_from_stat (listing, dir_fd, name, key, &st, error);
}

/* The same from what fstatat (AT_SYMLINK_NOFOLLOW) said of @name. */
static RsEntry *
rs_local_entry_from_stat (const RsLocalListing *listing,
                          int                   dir_fd,
                          const char           *name,
                          const char           *key,
                          struct stat          *lst,
                          GError              **error)
{
  struct stat st = *lst;
  g_autofree char *proc = NULL;
  g_autoptr(GHashTable) metadata = NULL;
  g_autoptr(GError) local = NULL;
  int link_fd = -1;
  RsEntry *entry;

  if (S_ISLNK (st.st_mode))
    {
      link_fd = rs_local_open (listing->root_fd, listing->resolve, key, O_PATH, 0);
      if (link_fd < 0 || fstat (link_fd, &st) < 0)
        {
          g_debug ("local: not listing the link “%s”: %s", key, g_strerror (errno));
          if (link_fd >= 0)
            close (link_fd);
          return NULL;
        }
    }
  if (!S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode))
    {
      if (link_fd >= 0)
        close (link_fd);
      return NULL;
    }
  if (listing->metadata && S_ISREG (st.st_mode))
    {
      if (link_fd >= 0)
        {
          proc = g_strdup_printf ("/proc/self/fd/%d", link_fd);
          metadata = rs_local_xattr_read (-1, proc, key, &local);
        }
      else
        metadata = rs_local_xattr_read_at (dir_fd, name, key, &local);
    }
  if (link_fd >= 0)
    close (link_fd);
  if (local != NULL)
    {
      /* Deleted between the stat and the attributes: not listed. A
       * NOT_FOUND would make the core take the whole folder for missing. */
      if (!g_error_matches (local, RS_ERROR, RS_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  entry = rs_local_info_new (key, &st, metadata);
  return entry;
}

typedef struct
{
  const RsLocalListing *listing;
  GPtrArray *page;
  char **token;           /* the token's segments, relative to the prefix */
  guint token_length;
  gboolean more;
  GCancellable *cancellable;
  GError *error;
} Walk;

/* Appends the files under @dir_fd (key @key, @depth levels below the
 * prefix) that follow the token; FALSE once the page is full or failed. */
static gboolean
walk (Walk       *w,
      int         dir_fd,
      const char *key,
      guint       depth,
      gboolean    on_token_path)
{
  g_autoptr(GPtrArray) names = read_names (dir_fd, key, &w->error);

  if (names == NULL)
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      gboolean on_path = FALSE;
      g_autofree char *k = child_key (key, name);
      struct stat st;

      if (on_token_path && depth < w->token_length)
        {
          int order = strcmp (name, w->token[depth]);

          if (order < 0)
            continue;
          on_path = order == 0;
        }
      if (g_cancellable_set_error_if_cancelled (w->cancellable, &w->error))
        return FALSE;
      if (fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
        {
          if (errno == ENOENT || on_path)
            continue;                   /* removed meanwhile, or listed already */
          rs_local_fail (&w->error, errno, k, _("Cannot stat “%s”"), k);
          return FALSE;
        }
      if (S_ISDIR (st.st_mode))
        {
          int child = openat (dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
          gboolean go_on;

          if (child < 0)
            {
              if (errno == ENOENT || errno == ENOTDIR)
                continue;               /* removed or replaced meanwhile */
              rs_local_fail (&w->error, errno, k, _("Cannot list “%s”"), k);
              return FALSE;
            }
          go_on = walk (w, child, k, depth + 1, on_path);
          close (child);
          if (!go_on)
            return FALSE;
        }
      else if (!on_path)
        {
          RsEntry *entry = rs_local_entry_from_stat (w->listing, dir_fd, name, k, &st, &w->error);

          if (w->error != NULL)
            return FALSE;
          if (entry == NULL)
            continue;
          if (RS_IS_FOLDER_ENTRY (entry))
            {
              g_object_unref (entry);   /* a link to a folder: not descended */
              continue;
            }
          if (w->page->len == w->listing->page_size)
            {
              g_object_unref (entry);
              w->more = TRUE;
              return FALSE;
            }
          g_ptr_array_add (w->page, entry);
        }
    }
  return TRUE;
}

static GPtrArray *
list_children (const RsLocalListing  *listing,
               int                    dir_fd,
               const char            *prefix,
               const char            *token,
               char                 **next_token,
               GError               **error)
{
  g_autoptr(GPtrArray) names = read_names (dir_fd, prefix, error);
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  guint i = 0;

  if (names == NULL)
    return NULL;
  if (token != NULL)
    while (i < names->len && strcmp (names->pdata[i], token) <= 0)
      i++;
  for (; i < names->len; i++)
    {
      g_autofree char *key = child_key (prefix, names->pdata[i]);
      RsEntry *entry;

      if (page->len == listing->page_size)
        {
          *next_token = g_strdup (names->pdata[i - 1]);
          break;
        }
      entry = rs_local_stat_entry (listing, dir_fd, names->pdata[i], key, error);
      if (entry == NULL && *error != NULL)
        return NULL;
      if (entry != NULL)
        g_ptr_array_add (page, entry);
    }
  return g_steal_pointer (&page);
}

GPtrArray *
rs_local_list_page (const RsLocalListing  *listing,
                    const char            *prefix,
                    gboolean               recursive,
                    const char            *token,
                    char                 **next_token,
                    GCancellable          *cancellable,
                    GError               **error)
{
  int dir_fd = rs_local_open (listing->root_fd, listing->resolve, prefix, O_RDONLY | O_DIRECTORY, 0);
  GPtrArray *page;

  *next_token = NULL;
  if (dir_fd < 0)
    {
      /* Missing, a file, under a file, or behind a refused link: empty. */
      if (errno == ENOENT || errno == ENOTDIR || rs_local_is_escape (errno))
        return g_ptr_array_new_with_free_func (g_object_unref);
      rs_local_fail (error, errno, prefix, _("Cannot list “%s”"), prefix);
      return NULL;
    }
  if (!recursive)
    page = list_children (listing, dir_fd, prefix, token, next_token, error);
  else
    {
      Walk w = { listing, g_ptr_array_new_with_free_func (g_object_unref), NULL, 0, FALSE,
                 cancellable, NULL };

      if (token != NULL)
        {
          w.token = g_strsplit (token, "/", -1);
          w.token_length = g_strv_length (w.token);
        }
      walk (&w, dir_fd, prefix, 0, token != NULL);
      g_strfreev (w.token);
      if (w.error != NULL)
        {
          g_propagate_error (error, w.error);
          g_clear_pointer (&w.page, g_ptr_array_unref);
        }
      else if (w.more)
        {
          RsEntry *last = g_ptr_array_index (w.page, w.page->len - 1);
          const char *path = rs_entry_get_path (last);

          *next_token = g_strdup (prefix[0] == '\0' ? path : path + strlen (prefix) + 1);
        }
      page = w.page;
    }
  close (dir_fd);
  return page;
}
