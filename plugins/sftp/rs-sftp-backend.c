/* rs-sftp-backend.c: files on an SSH server over SFTP
 *
 * Primitives are synchronous libssh2 calls on a session taken from a pool
 * (see rs-sftp-pool.h for why a pool rather than one multiplexing thread);
 * the core runs them in worker threads for the async API. Options:
 *
 *   host, port, user     the server (from the URI's authority)
 *   path                 the folder on the server that is the backend root
 *                        (from the URI's path; relative paths start in the
 *                        login folder)
 *   identity             private key file; passphrase (secret) unlocks it
 *   agent                also try ssh-agent (default true)
 *   password             password login (secret)
 *   known-hosts          trusted host keys (default ~/.ssh/known_hosts)
 *   host-key-policy      strict (default), tofu or accept-any
 *   max-connections      sessions in the pool (default 8)
 *   connect-timeout-ms   TCP connect and SSH handshake (default 10000)
 *   idle-timeout-ms      longest wait for the server on any call (default 30000)
 *   keepalive-interval   seconds between SSH keepalives, 0 = off (default 15)
 *   page-size            directory entries per listing page (default 1000)
 *   transfer-streams     sessions one large read or write is spread over
 *                        (default 2; see rs-sftp-stripe.h)
 */
#include <string.h>
#include <glib/gi18n-lib.h>

#include "rs-sftp-backend.h"
#include "rs-sftp-config.h"
#include "rs-sftp-error.h"
#include "rs-sftp-pool.h"
#include "rs-sftp-input-stream.h"
#include "rs-sftp-stripe.h"
#include "rs-sftp-writer.h"

struct _RsSftpBackend
{
  RsBackend parent_instance;

  RsSftpConfig config;
  char *base_path;
  guint max_connections;
  guint page_size;
  guint transfer_streams;
  RsSftpPool *pool;
};

G_DEFINE_FINAL_TYPE (RsSftpBackend, rs_sftp_backend, RS_TYPE_BACKEND)

enum
{
  PROP_0,
  PROP_HOST,
  PROP_PORT,
  PROP_USER,
  PROP_PATH,
  PROP_IDENTITY,
  PROP_PASSPHRASE,
  PROP_AGENT,
  PROP_PASSWORD,
  PROP_KNOWN_HOSTS,
  PROP_HOST_KEY_POLICY,
  PROP_MAX_CONNECTIONS,
  PROP_CONNECT_TIMEOUT_MS,
  PROP_IDLE_TIMEOUT_MS,
  PROP_KEEPALIVE_INTERVAL,
  PROP_PAGE_SIZE,
  PROP_TRANSFER_STREAMS,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

#define FILE_MODE 0644
#define FOLDER_MODE 0755

/* ---- paths ------------------------------------------------------------ */

static char *
server_path (RsSftpBackend *self,
             const char    *key)
{
  if (key[0] == '\0')
    return g_strdup (self->base_path);
  if (strcmp (self->base_path, "/") == 0)
    return g_strconcat ("/", key, NULL);
  return g_strconcat (self->base_path, "/", key, NULL);
}

static char *
join_key (const char *folder,
          const char *name)
{
  return folder[0] == '\0' ? g_strdup (name) : g_strconcat (folder, "/", name, NULL);
}

static gboolean
is_temp_name (const char *name)
{
  return g_str_has_prefix (name, RS_SFTP_TEMP_PREFIX) && g_str_has_suffix (name, RS_SFTP_TEMP_SUFFIX);
}

/* ---- running a primitive on a pooled session --------------------------- */

typedef gboolean (*SftpJob) (RsSftpBackend  *self,
                             RsSftpSession  *session,
                             gpointer        data,
                             GCancellable   *cancellable,
                             GError        **error);

/* A session that sat idle may have died without anyone noticing; a
 * replayable job that fails on one because the connection is gone runs
 * once more on a fresh session, so the caller never sees a stale one. */
static gboolean
run (RsSftpBackend  *self,
     gboolean        replayable,
     SftpJob         job,
     gpointer        data,
     GCancellable   *cancellable,
     GError        **error)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GError) local = NULL;
      RsSftpSession *session;
      gboolean ok, reused, dead;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      session = rs_sftp_pool_acquire (self->pool, cancellable, error);
      if (session == NULL)
        return FALSE;
      reused = session->served > 0;
      ok = job (self, session, data, cancellable, &local);
      dead = rs_sftp_session_is_dead (session);
      rs_sftp_pool_release (self->pool, session);
      if (ok)
        return TRUE;
      if (replayable && dead && reused && attempt == 0)
        {
          g_debug ("sftp: session to %s lost (%s), retrying on a new one",
                   self->config.location, local->message);
          continue;
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
}

/* ---- stat ------------------------------------------------------------- */

static RsEntry *
entry_from_attrs (const char              *key,
                  LIBSSH2_SFTP_ATTRIBUTES *attrs)
{
  RsFileInfo *info;

  if ((attrs->flags & LIBSSH2_SFTP_ATTR_PERMISSIONS) && LIBSSH2_SFTP_S_ISDIR (attrs->permissions))
    return RS_ENTRY (rs_folder_entry_new (key));
  info = rs_fileinfo_new (key, (attrs->flags & LIBSSH2_SFTP_ATTR_SIZE) ? (gint64) attrs->filesize : 0);
  if (attrs->flags & LIBSSH2_SFTP_ATTR_ACMODTIME)
    {
      g_autoptr(GDateTime) modified = g_date_time_new_from_unix_utc ((gint64) attrs->mtime);

      rs_fileinfo_set_modified (info, modified);
    }
  return RS_ENTRY (info);
}

typedef struct
{
  const char *key;
  RsEntry *entry;
} StatJob;

static gboolean
stat_job (RsSftpBackend  *self,
          RsSftpSession  *session,
          gpointer        data,
          GCancellable   *cancellable,
          GError        **error)
{
  StatJob *job = data;
  g_autofree char *path = server_path (self, job->key);
  LIBSSH2_SFTP_ATTRIBUTES attrs = { 0 };

  if (libssh2_sftp_stat_ex (session->sftp, path, strlen (path), LIBSSH2_SFTP_STAT, &attrs) != 0)
    {
      rs_sftp_session_fail (session, error, _("look up"), path);
      return FALSE;
    }
  job->entry = entry_from_attrs (job->key, &attrs);
  return TRUE;
}

static RsEntry *
sftp_stat_key (RsBackend     *backend,
               const char    *key,
               GCancellable  *cancellable,
               GError       **error)
{
  StatJob job = { key, NULL };

  if (!run (RS_SFTP_BACKEND (backend), TRUE, stat_job, &job, cancellable, error))
    return NULL;
  return job.entry;
}

/* ---- reads ------------------------------------------------------------ */

typedef struct
{
  const char *key;
  gint64 offset;
  gint64 length;
  GInputStream *stream;
  LIBSSH2_SFTP_ATTRIBUTES attrs;
} ReadJob;

static gboolean
read_job (RsSftpBackend  *self,
          RsSftpSession  *session,
          gpointer        data,
          GCancellable   *cancellable,
          GError        **error)
{
  ReadJob *job = data;
  g_autofree char *path = server_path (self, job->key);
  LIBSSH2_SFTP_ATTRIBUTES attrs = { 0 };
  LIBSSH2_SFTP_HANDLE *handle;

  handle = libssh2_sftp_open_ex (session->sftp, path, strlen (path), LIBSSH2_FXF_READ, 0,
                                 LIBSSH2_SFTP_OPENFILE);
  if (handle == NULL)
    {
      rs_sftp_session_fail (session, error, _("open"), path);
      return FALSE;
    }
  /* Opening a folder for reading succeeds on OpenSSH; reading it would not. */
  if (libssh2_sftp_fstat (handle, &attrs) != 0)
    {
      rs_sftp_session_fail (session, error, _("open"), path);
      libssh2_sftp_close_handle (handle);
      return FALSE;
    }
  if ((attrs.flags & LIBSSH2_SFTP_ATTR_PERMISSIONS) && LIBSSH2_SFTP_S_ISDIR (attrs.permissions))
    {
      libssh2_sftp_close_handle (handle);
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("“%s” is a folder"), path);
      return FALSE;
    }
  if (job->offset > 0)
    libssh2_sftp_seek64 (handle, (libssh2_uint64_t) job->offset);
  job->stream = rs_sftp_input_stream_new (G_OBJECT (self), self->pool, session, handle, path,
                                          job->offset, job->length);
  job->attrs = attrs;
  return TRUE;
}

static GInputStream *
sftp_open_read (RsBackend     *backend,
                const char    *key,
                gint64         offset,
                gint64         length,
                GCancellable  *cancellable,
                GError       **error)
{
  RsSftpBackend *self = RS_SFTP_BACKEND (backend);
  ReadJob job = { key, offset, length, NULL, { 0 } };

  if (!run (self, TRUE, read_job, &job, cancellable, error))
    return NULL;
  /* Once the stream's session is released, so that spare ones are found. */
  rs_sftp_input_stream_spread (RS_SFTP_INPUT_STREAM (job.stream), &job.attrs, self->transfer_streams,
                               cancellable);
  return job.stream;
}

/* ---- writes ----------------------------------------------------------- */

/* mkdir -p of @path's parent folders, on a locked session; the folders
 * it made are appended to @made (when not NULL), outermost first. */
static gboolean
make_parents (RsSftpSession  *session,
              const char     *path,
              GPtrArray      *made,
              GError        **error)
{
  g_autofree char *parent = g_path_get_dirname (path);
  LIBSSH2_SFTP_ATTRIBUTES attrs = { 0 };

  if (strcmp (parent, "/") == 0 || strcmp (parent, ".") == 0)
    return TRUE;
  if (libssh2_sftp_stat_ex (session->sftp, parent, strlen (parent), LIBSSH2_SFTP_STAT, &attrs) == 0)
    {
      if (LIBSSH2_SFTP_S_ISDIR (attrs.permissions))
        return TRUE;
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("“%s” is not a folder"), parent);
      return FALSE;
    }
  if (libssh2_session_last_errno (session->ssh) != LIBSSH2_ERROR_SFTP_PROTOCOL)
    {
      rs_sftp_session_fail (session, error, _("look up"), parent);
      return FALSE;
    }
  if (!make_parents (session, parent, made, error))
    return FALSE;
  if (libssh2_sftp_mkdir_ex (session->sftp, parent, strlen (parent), FOLDER_MODE) == 0)
    {
      if (made != NULL)
        g_ptr_array_add (made, g_strdup (parent));
      return TRUE;
    }
  /* Another writer may have made it meanwhile. */
  if (libssh2_sftp_stat_ex (session->sftp, parent, strlen (parent), LIBSSH2_SFTP_STAT, &attrs) == 0 &&
      LIBSSH2_SFTP_S_ISDIR (attrs.permissions))
    return TRUE;
  rs_sftp_session_fail (session, error, _("create the folder"), parent);
  return FALSE;
}

typedef struct
{
  const char *key;
  RsWriteFlags flags;
  RsBackendWriter *writer;
} WriteJob;

static LIBSSH2_SFTP_HANDLE *
open_temp (RsSftpSession *session,
           const char    *temp_path)
{
  return libssh2_sftp_open_ex (session->sftp, temp_path, strlen (temp_path),
                               LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT | LIBSSH2_FXF_EXCL, FILE_MODE,
                               LIBSSH2_SFTP_OPENFILE);
}

static gboolean
write_job (RsSftpBackend  *self,
           RsSftpSession  *session,
           gpointer        data,
           GCancellable   *cancellable,
           GError        **error)
{
  WriteJob *job = data;
  g_autofree char *path = server_path (self, job->key);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *temp_name = g_strdup_printf (RS_SFTP_TEMP_PREFIX "%08x%08x" RS_SFTP_TEMP_SUFFIX,
                                                g_random_int (), g_random_int ());
  g_autofree char *temp_path = g_build_filename (folder, temp_name, NULL);
  LIBSSH2_SFTP_HANDLE *handle = open_temp (session, temp_path);
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);

  /* Parents are made only when the first try says they are missing, and
   * removed again if the write is aborted. */
  if (handle == NULL && libssh2_session_last_errno (session->ssh) == LIBSSH2_ERROR_SFTP_PROTOCOL &&
      libssh2_sftp_last_error (session->sftp) == LIBSSH2_FX_NO_SUCH_FILE)
    {
      if (!make_parents (session, temp_path, made, error))
        {
          rs_sftp_remove_folders (session, made);
          return FALSE;
        }
      handle = open_temp (session, temp_path);
    }
  if (handle == NULL)
    {
      rs_sftp_session_fail (session, error, _("create a file in"), folder);
      rs_sftp_remove_folders (session, made);
      return FALSE;
    }
  job->writer = rs_sftp_writer_new (RS_BACKEND (self), job->key, self->pool, session, handle,
                                    temp_path, path, (job->flags & RS_WRITE_OVERWRITE) != 0, made,
                                    self->transfer_streams);
  return TRUE;
}

static RsBackendWriter *
sftp_open_write (RsBackend     *backend,
                 const char    *key,
                 RsWriteFlags   flags,
                 GHashTable    *metadata,
                 GCancellable  *cancellable,
                 GError       **error)
{
  WriteJob job = { key, flags, NULL };

  if (!run (RS_SFTP_BACKEND (backend), TRUE, write_job, &job, cancellable, error))
    return NULL;
  return job.writer;
}

/* ---- deletes ---------------------------------------------------------- */

static gboolean
delete_file_job (RsSftpBackend  *self,
                 RsSftpSession  *session,
                 gpointer        data,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autofree char *path = server_path (self, data);

  if (libssh2_sftp_unlink_ex (session->sftp, path, strlen (path)) == 0)
    return TRUE;
  rs_sftp_session_fail (session, error, _("delete"), path);
  return FALSE;
}

static gboolean
sftp_delete_file (RsBackend     *backend,
                  const char    *key,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return run (RS_SFTP_BACKEND (backend), FALSE, delete_file_job, (gpointer) key, cancellable, error);
}

/* Removes @path and everything under it, without following links. */
static gboolean
remove_tree (RsSftpSession  *session,
             const char     *path,
             GCancellable   *cancellable,
             GError        **error)
{
  LIBSSH2_SFTP_HANDLE *dir;
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  char name[1024];
  LIBSSH2_SFTP_ATTRIBUTES attrs;
  int n;

  dir = libssh2_sftp_open_ex (session->sftp, path, strlen (path), 0, 0, LIBSSH2_SFTP_OPENDIR);
  if (dir == NULL)
    {
      rs_sftp_session_fail (session, error, _("list"), path);
      return FALSE;
    }
  while ((n = libssh2_sftp_readdir_ex (dir, name, sizeof name, NULL, 0, &attrs)) > 0)
    {
      g_autofree char *child = NULL;

      if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
        continue;
      child = g_strconcat (path, "/", name, NULL);
      if ((attrs.flags & LIBSSH2_SFTP_ATTR_PERMISSIONS) && LIBSSH2_SFTP_S_ISDIR (attrs.permissions))
        g_ptr_array_add (folders, g_steal_pointer (&child));
      else if (libssh2_sftp_unlink_ex (session->sftp, child, strlen (child)) != 0)
        {
          rs_sftp_session_fail (session, error, _("delete"), child);
          libssh2_sftp_close_handle (dir);
          return FALSE;
        }
    }
  if (n < 0)
    rs_sftp_session_fail (session, error, _("list"), path);
  libssh2_sftp_close_handle (dir);
  if (n < 0)
    return FALSE;
  for (guint i = 0; i < folders->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !remove_tree (session, g_ptr_array_index (folders, i), cancellable, error))
        return FALSE;
    }
  if (libssh2_sftp_rmdir_ex (session->sftp, path, strlen (path)) == 0)
    return TRUE;
  rs_sftp_session_fail (session, error, _("delete the folder"), path);
  return FALSE;
}

typedef struct
{
  const char *key;
  gboolean recursive;
} FolderJob;

static gboolean
delete_folder_job (RsSftpBackend  *self,
                   RsSftpSession  *session,
                   gpointer        data,
                   GCancellable   *cancellable,
                   GError        **error)
{
  FolderJob *job = data;
  g_autofree char *path = server_path (self, job->key);

  if (job->recursive)
    return remove_tree (session, path, cancellable, error);
  if (libssh2_sftp_rmdir_ex (session->sftp, path, strlen (path)) == 0)
    return TRUE;
  rs_sftp_session_fail (session, error, _("delete the folder"), path);
  return FALSE;
}

static gboolean
sftp_delete_folder (RsBackend     *backend,
                    const char    *key,
                    gboolean       recursive,
                    GCancellable  *cancellable,
                    GError       **error)
{
  FolderJob job = { key, recursive };

  /* Replaying a recursive delete is harmless: it finishes the rest. */
  return run (RS_SFTP_BACKEND (backend), recursive, delete_folder_job, &job, cancellable, error);
}

/* ---- listings --------------------------------------------------------- */

/* A listing position: entries of the first folder already returned, and
 * the folders still to read (the first being read now), as a token
 * "SKIP\nFOLDER\nFOLDER…". */
typedef struct
{
  const char *prefix;
  gboolean recursive;
  const char *token;
  GPtrArray *entries;
  char *next_token;
} ListJob;

static char *
make_token (guint   skip,
            GQueue *folders)
{
  GString *token = g_string_new (NULL);

  g_string_append_printf (token, "%u", skip);
  for (GList *l = folders->head; l != NULL; l = l->next)
    g_string_append_printf (token, "\n%s", (const char *) l->data);
  return g_string_free (token, FALSE);
}

/* Resolves a link's target type; links count as what they point to. */
static void
follow_link (RsSftpSession           *session,
             const char              *path,
             LIBSSH2_SFTP_ATTRIBUTES *attrs)
{
  LIBSSH2_SFTP_ATTRIBUTES target = { 0 };

  if (libssh2_sftp_stat_ex (session->sftp, path, strlen (path), LIBSSH2_SFTP_STAT, &target) == 0)
    *attrs = target;
}

/* Reads one page of folder @key from entry @skip on; FALSE with @error,
 * else *@done tells whether the folder was read to its end. */
static gboolean
list_folder (RsSftpBackend  *self,
             RsSftpSession  *session,
             ListJob        *job,
             const char     *key,
             guint          *skip,
             GQueue         *more,
             gboolean       *done,
             GError        **error)
{
  g_autofree char *path = server_path (self, key);
  LIBSSH2_SFTP_HANDLE *dir;
  char name[1024];
  LIBSSH2_SFTP_ATTRIBUTES attrs;
  guint seen = 0;
  int n = 0;

  *done = TRUE;
  dir = libssh2_sftp_open_ex (session->sftp, path, strlen (path), 0, 0, LIBSSH2_SFTP_OPENDIR);
  if (dir == NULL)
    {
      /* A missing folder, or a file, lists as empty. */
      if (libssh2_session_last_errno (session->ssh) == LIBSSH2_ERROR_SFTP_PROTOCOL &&
          rs_sftp_error_from_status (libssh2_sftp_last_error (session->sftp)) == RS_ERROR_NOT_FOUND)
        return TRUE;
      rs_sftp_session_fail (session, error, _("list"), path);
      return FALSE;
    }
  while (job->entries->len < self->page_size &&
         (n = libssh2_sftp_readdir_ex (dir, name, sizeof name, NULL, 0, &attrs)) > 0)
    {
      g_autofree char *child = NULL;
      gboolean folder;

      if (seen++ < *skip)
        continue;
      if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0 || is_temp_name (name))
        continue;
      child = join_key (key, name);
      if ((attrs.flags & LIBSSH2_SFTP_ATTR_PERMISSIONS) && LIBSSH2_SFTP_S_ISLNK (attrs.permissions))
        {
          g_autofree char *child_path = server_path (self, child);

          follow_link (session, child_path, &attrs);
        }
      folder = (attrs.flags & LIBSSH2_SFTP_ATTR_PERMISSIONS) && LIBSSH2_SFTP_S_ISDIR (attrs.permissions);
      if (folder && job->recursive)
        g_queue_push_tail (more, g_steal_pointer (&child));
      else if (!folder || !job->recursive)
        g_ptr_array_add (job->entries, entry_from_attrs (child, &attrs));
    }
  if (n < 0)
    rs_sftp_session_fail (session, error, _("list"), path);
  else if (n > 0)
    *done = FALSE;
  libssh2_sftp_close_handle (dir);
  *skip = seen;
  return n >= 0;
}

static gboolean
list_job (RsSftpBackend  *self,
          RsSftpSession  *session,
          gpointer        data,
          GCancellable   *cancellable,
          GError        **error)
{
  ListJob *job = data;
  g_autoptr(GQueue) folders = g_queue_new ();
  g_autoptr(GQueue) more = g_queue_new ();
  guint skip = 0;

  if (job->token == NULL)
    g_queue_push_tail (folders, g_strdup (job->prefix));
  else
    {
      g_auto(GStrv) parts = g_strsplit (job->token, "\n", -1);

      skip = (guint) g_ascii_strtoull (parts[0], NULL, 10);
      for (guint i = 1; parts[i] != NULL; i++)
        g_queue_push_tail (folders, g_strdup (parts[i]));
    }
  job->entries = g_ptr_array_new_with_free_func (g_object_unref);
  while (!g_queue_is_empty (folders) && job->entries->len < self->page_size)
    {
      gboolean done;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !list_folder (self, session, job, g_queue_peek_head (folders), &skip, more, &done, error))
        {
          g_queue_free_full (g_steal_pointer (&more), g_free);
          g_queue_free_full (g_steal_pointer (&folders), g_free);
          g_clear_pointer (&job->entries, g_ptr_array_unref);
          return FALSE;
        }
      while (!g_queue_is_empty (more))
        g_queue_push_tail (folders, g_queue_pop_head (more));
      if (done)
        {
          g_free (g_queue_pop_head (folders));
          skip = 0;
        }
    }
  job->next_token = g_queue_is_empty (folders) ? NULL : make_token (skip, folders);
  g_queue_free_full (g_steal_pointer (&folders), g_free);
  return TRUE;
}

static GPtrArray *
sftp_list_page (RsBackend     *backend,
                const char    *prefix,
                gboolean       recursive,
                const char    *token,
                char         **next_token,
                GCancellable  *cancellable,
                GError       **error)
{
  ListJob job = { prefix, recursive, token, NULL, NULL };

  if (!run (RS_SFTP_BACKEND (backend), TRUE, list_job, &job, cancellable, error))
    return NULL;
  *next_token = job.next_token;
  return job.entries;
}

/* ---- moves ------------------------------------------------------------ */

typedef struct
{
  const char *source;
  const char *destination;
  gboolean overwrite;
} RenameJob;

static gboolean
rename_job (RsSftpBackend  *self,
            RsSftpSession  *session,
            gpointer        data,
            GCancellable   *cancellable,
            GError        **error)
{
  RenameJob *job = data;
  g_autofree char *from = server_path (self, job->source);
  g_autofree char *to = server_path (self, job->destination);
  g_autoptr(GError) local = NULL;

  if (rs_sftp_rename_path (session, from, to, job->overwrite, &local))
    return TRUE;
  /* The core checked the source: a missing path is the destination's folder. */
  if (g_error_matches (local, RS_ERROR, RS_ERROR_NOT_FOUND))
    {
      g_clear_error (&local);
      if (!make_parents (session, to, NULL, error))
        return FALSE;
      return rs_sftp_rename_path (session, from, to, job->overwrite, error);
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

static gboolean
sftp_rename (RsBackend     *backend,
             const char    *source,
             const char    *destination,
             RsCopyFlags    flags,
             GCancellable  *cancellable,
             GError       **error)
{
  RenameJob job = { source, destination, (flags & RS_COPY_OVERWRITE) != 0 };

  return run (RS_SFTP_BACKEND (backend), FALSE, rename_job, &job, cancellable, error);
}

/* ---- health and lifecycle --------------------------------------------- */

static gboolean
sftp_ping (RsBackend     *backend,
           GCancellable  *cancellable,
           GError       **error)
{
  StatJob job = { "", NULL };

  if (!run (RS_SFTP_BACKEND (backend), TRUE, stat_job, &job, cancellable, error))
    return FALSE;
  g_clear_object (&job.entry);
  return TRUE;
}

static gboolean
sftp_close (RsBackend     *backend,
            GCancellable  *cancellable,
            GError       **error)
{
  rs_sftp_pool_close (RS_SFTP_BACKEND (backend)->pool);
  return TRUE;
}

static gboolean
sftp_options_from_uri (RsBackendClass  *klass,
                       GUri            *uri,
                       GHashTable      *options,
                       char           **root_path,
                       GError         **error)
{
  const char *host = g_uri_get_host (uri);
  const char *query = g_uri_get_query (uri);
  const char *userinfo = g_uri_get_userinfo (uri);

  if (host == NULL || host[0] == '\0')
    {
      g_set_error_literal (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                           _("sftp URIs need a host (sftp://user@host:port/path)"));
      return FALSE;
    }
  g_hash_table_insert (options, g_strdup ("host"), g_strdup (host));
  if (g_uri_get_port (uri) > 0)
    g_hash_table_insert (options, g_strdup ("port"), g_strdup_printf ("%d", g_uri_get_port (uri)));
  if (userinfo != NULL && userinfo[0] != '\0')
    {
      /* user[:password], whichever flags the URI was parsed with. */
      const char *colon = strchr (userinfo, ':');
      g_autofree char *user = g_strndup (userinfo, colon != NULL ? (gsize) (colon - userinfo)
                                                                : strlen (userinfo));

      if (user[0] != '\0')
        g_hash_table_insert (options, g_strdup ("user"), g_uri_unescape_string (user, NULL));
      if (colon != NULL)
        g_hash_table_insert (options, g_strdup ("password"), g_uri_unescape_string (colon + 1, NULL));
    }
  if (g_uri_get_path (uri)[0] != '\0')
    g_hash_table_insert (options, g_strdup ("path"), g_uri_unescape_string (g_uri_get_path (uri), NULL));
  if (query != NULL)
    {
      g_autoptr(GHashTable) params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, error);
      GHashTableIter iter;
      gpointer key, value;

      if (params == NULL)
        return FALSE;
      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (options, g_strdup (key), g_strdup (value));
    }
  *root_path = g_strdup ("");
  return TRUE;
}

static char *
sftp_native_path (RsBackend  *backend,
                  const char *key)
{
  return server_path (RS_SFTP_BACKEND (backend), key);
}

static char *
sftp_to_key (RsBackend   *backend,
             const char  *native_path,
             GError     **error)
{
  RsSftpBackend *self = RS_SFTP_BACKEND (backend);
  const char *base = self->base_path;
  gsize len = strlen (base);

  if (strcmp (native_path, base) == 0)
    return g_strdup ("");
  if (strcmp (base, "/") == 0 && native_path[0] == '/')
    return g_strdup (native_path + 1);
  if (strncmp (native_path, base, len) == 0 && native_path[len] == '/')
    return g_strdup (native_path + len + 1);
  g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("“%s” is outside %s"), native_path,
               self->config.location);
  return NULL;
}

static void
sftp_describe (RsBackend  *backend,
               const char *key,
               GHashTable *details)
{
  RsSftpBackend *self = RS_SFTP_BACKEND (backend);

  g_hash_table_insert (details, g_strdup ("host"), g_strdup (self->config.host));
  g_hash_table_insert (details, g_strdup ("port"), g_strdup_printf ("%u", self->config.port));
  g_hash_table_insert (details, g_strdup ("user"), g_strdup (self->config.user));
  g_hash_table_insert (details, g_strdup ("server-path"), server_path (self, key));
}

/* ---- GObject ---------------------------------------------------------- */

static void
rs_sftp_backend_constructed (GObject *object)
{
  RsSftpBackend *self = RS_SFTP_BACKEND (object);
  RsBackend *backend = RS_BACKEND (object);
  RsSftpConfig *config = &self->config;
  g_autofree char *host_part = NULL;
  gsize len;

  G_OBJECT_CLASS (rs_sftp_backend_parent_class)->constructed (object);

  if (config->host == NULL)
    config->host = g_strdup ("localhost");
  if (config->user == NULL)
    config->user = g_strdup (g_get_user_name ());
  if (config->known_hosts == NULL)
    config->known_hosts = g_build_filename (g_get_home_dir (), ".ssh", "known_hosts", NULL);
  /* The base path without trailing slashes; empty means the login folder. */
  len = self->base_path != NULL ? strlen (self->base_path) : 0;
  while (len > 1 && self->base_path[len - 1] == '/')
    self->base_path[--len] = '\0';
  if (len == 0)
    {
      g_free (self->base_path);
      self->base_path = g_strdup (".");
    }
  host_part = strchr (config->host, ':') != NULL ? g_strdup_printf ("[%s]", config->host)
                                                 : g_strdup (config->host);
  config->location = g_strdup_printf ("sftp://%s@%s:%u%s%s", config->user, host_part, config->port,
                                      self->base_path[0] == '/' ? "" : "/", self->base_path);
  config->retry = rs_retry_policy_copy (rs_backend_get_retry_policy (backend));
  self->pool = rs_sftp_pool_new (config, self->max_connections);

  rs_backend_set_location (backend, config->location);
  rs_backend_set_capabilities (backend,
                               RS_CAPABILITY_READ | RS_CAPABILITY_WRITE | RS_CAPABILITY_DELETE |
                               RS_CAPABILITY_LIST | RS_CAPABILITY_MOVE | RS_CAPABILITY_COPY |
                               RS_CAPABILITY_ATOMIC_WRITE | RS_CAPABILITY_ATOMIC_MOVE |
                               RS_CAPABILITY_LAZY_READ | RS_CAPABILITY_SEEKABLE_READ);
  rs_backend_set_facts (backend, RS_BACKEND_FACTS_ATOMIC_PUT | RS_BACKEND_FACTS_TERMINAL_CLOSE);
}

static void
rs_sftp_backend_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RsSftpBackend *self = RS_SFTP_BACKEND (object);

  switch (prop_id)
    {
    case PROP_HOST: g_value_set_string (value, self->config.host); break;
    case PROP_PORT: g_value_set_uint (value, self->config.port); break;
    case PROP_USER: g_value_set_string (value, self->config.user); break;
    case PROP_PATH: g_value_set_string (value, self->base_path); break;
    case PROP_IDENTITY: g_value_set_string (value, self->config.identity); break;
    case PROP_PASSPHRASE: g_value_set_boxed (value, self->config.passphrase); break;
    case PROP_AGENT: g_value_set_boolean (value, self->config.agent); break;
    case PROP_PASSWORD: g_value_set_boxed (value, self->config.password); break;
    case PROP_KNOWN_HOSTS: g_value_set_string (value, self->config.known_hosts); break;
    case PROP_HOST_KEY_POLICY: g_value_set_enum (value, self->config.host_key_policy); break;
    case PROP_MAX_CONNECTIONS: g_value_set_uint (value, self->max_connections); break;
    case PROP_CONNECT_TIMEOUT_MS: g_value_set_uint (value, self->config.connect_timeout_ms); break;
    case PROP_IDLE_TIMEOUT_MS: g_value_set_uint (value, self->config.idle_timeout_ms); break;
    case PROP_KEEPALIVE_INTERVAL: g_value_set_uint (value, self->config.keepalive_s); break;
    case PROP_PAGE_SIZE: g_value_set_uint (value, self->page_size); break;
    case PROP_TRANSFER_STREAMS: g_value_set_uint (value, self->transfer_streams); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string (char       **field,
            const GValue *value)
{
  g_free (*field);
  *field = g_value_dup_string (value);
  if (*field != NULL && (*field)[0] == '\0')
    g_clear_pointer (field, g_free);
}

static void
set_secret (RsSecret    **field,
            const GValue *value)
{
  g_clear_pointer (field, rs_secret_unref);
  *field = g_value_dup_boxed (value);
}

static void
rs_sftp_backend_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RsSftpBackend *self = RS_SFTP_BACKEND (object);

  switch (prop_id)
    {
    case PROP_HOST: set_string (&self->config.host, value); break;
    case PROP_PORT: self->config.port = g_value_get_uint (value); break;
    case PROP_USER: set_string (&self->config.user, value); break;
    case PROP_PATH: set_string (&self->base_path, value); break;
    case PROP_IDENTITY: set_string (&self->config.identity, value); break;
    case PROP_PASSPHRASE: set_secret (&self->config.passphrase, value); break;
    case PROP_AGENT: self->config.agent = g_value_get_boolean (value); break;
    case PROP_PASSWORD: set_secret (&self->config.password, value); break;
    case PROP_KNOWN_HOSTS: set_string (&self->config.known_hosts, value); break;
    case PROP_HOST_KEY_POLICY: self->config.host_key_policy = g_value_get_enum (value); break;
    case PROP_MAX_CONNECTIONS: self->max_connections = g_value_get_uint (value); break;
    case PROP_CONNECT_TIMEOUT_MS: self->config.connect_timeout_ms = g_value_get_uint (value); break;
    case PROP_IDLE_TIMEOUT_MS: self->config.idle_timeout_ms = g_value_get_uint (value); break;
    case PROP_KEEPALIVE_INTERVAL: self->config.keepalive_s = g_value_get_uint (value); break;
    case PROP_PAGE_SIZE: self->page_size = g_value_get_uint (value); break;
    case PROP_TRANSFER_STREAMS: self->transfer_streams = g_value_get_uint (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_sftp_backend_finalize (GObject *object)
{
  RsSftpBackend *self = RS_SFTP_BACKEND (object);
  RsSftpConfig *config = &self->config;

  g_clear_pointer (&self->pool, rs_sftp_pool_free);
  g_free (config->host);
  g_free (config->user);
  g_free (config->identity);
  g_clear_pointer (&config->passphrase, rs_secret_unref);
  g_clear_pointer (&config->password, rs_secret_unref);
  g_free (config->known_hosts);
  g_free (config->location);
  g_clear_pointer (&config->retry, rs_retry_policy_free);
  g_mutex_clear (&config->tofu_lock);
  g_free (self->base_path);
  G_OBJECT_CLASS (rs_sftp_backend_parent_class)->finalize (object);
}

static void
rs_sftp_backend_class_init (RsSftpBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RsBackendClass *backend_class = RS_BACKEND_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = rs_sftp_backend_constructed;
  object_class->get_property = rs_sftp_backend_get_property;
  object_class->set_property = rs_sftp_backend_set_property;
  object_class->finalize = rs_sftp_backend_finalize;

  backend_class->name = "sftp";
  backend_class->stat_key = sftp_stat_key;
  backend_class->open_read = sftp_open_read;
  backend_class->open_write = sftp_open_write;
  backend_class->delete_file = sftp_delete_file;
  backend_class->delete_folder = sftp_delete_folder;
  backend_class->list_page = sftp_list_page;
  backend_class->rename = sftp_rename;
  backend_class->ping = sftp_ping;
  backend_class->close = sftp_close;
  backend_class->options_from_uri = sftp_options_from_uri;
  backend_class->native_path = sftp_native_path;
  backend_class->to_key = sftp_to_key;
  backend_class->describe = sftp_describe;

  props[PROP_HOST] = g_param_spec_string ("host", NULL, "The SSH server's host name or address",
                                          NULL, flags);
  props[PROP_PORT] = g_param_spec_uint ("port", NULL, "The SSH server's port", 1, 65535, 22, flags);
  props[PROP_USER] = g_param_spec_string ("user", NULL, "The login name (default: the current user)",
                                          NULL, flags);
  props[PROP_PATH] = g_param_spec_string ("path", NULL,
                                          "The folder on the server that is the backend's root "
                                          "(relative paths start in the login folder)",
                                          NULL, flags);
  props[PROP_IDENTITY] = g_param_spec_string ("identity", NULL, "A private key file to log in with",
                                              NULL, flags);
  props[PROP_PASSPHRASE] = g_param_spec_boxed ("passphrase", NULL, "The passphrase of the key file",
                                               RS_TYPE_SECRET, flags);
  props[PROP_AGENT] = g_param_spec_boolean ("agent", NULL,
                                            "Also log in with the keys of ssh-agent (SSH_AUTH_SOCK)",
                                            TRUE, flags);
  props[PROP_PASSWORD] = g_param_spec_boxed ("password", NULL, "A password to log in with",
                                             RS_TYPE_SECRET, flags);
  props[PROP_KNOWN_HOSTS] = g_param_spec_string ("known-hosts", NULL,
                                                 "The file of trusted host keys "
                                                 "(default: ~/.ssh/known_hosts)",
                                                 NULL, flags);
  props[PROP_HOST_KEY_POLICY] =
    g_param_spec_enum ("host-key-policy", NULL,
                       "strict: the host key must be in known-hosts; tofu: an unknown host's key "
                       "is accepted and recorded; accept-any: no check",
                       RS_TYPE_SFTP_HOST_KEY_POLICY, RS_SFTP_HOST_KEY_STRICT, flags);
  props[PROP_MAX_CONNECTIONS] = g_param_spec_uint ("max-connections", NULL,
                                                   "SSH sessions used at once at most", 1, 256, 8, flags);
  props[PROP_CONNECT_TIMEOUT_MS] = g_param_spec_uint ("connect-timeout-ms", NULL,
                                                      "Deadline of the TCP connect and SSH handshake",
                                                      1, G_MAXINT, 10000, flags);
  props[PROP_IDLE_TIMEOUT_MS] = g_param_spec_uint ("idle-timeout-ms", NULL,
                                                   "Longest wait for the server on any call",
                                                   1, G_MAXINT, 30000, flags);
  props[PROP_KEEPALIVE_INTERVAL] = g_param_spec_uint ("keepalive-interval", NULL,
                                                      "Seconds between SSH keepalives (0: none)",
                                                      0, 3600, 15, flags);
  props[PROP_PAGE_SIZE] = g_param_spec_uint ("page-size", NULL, "Directory entries per listing page",
                                             1, G_MAXUINT, 1000, flags);
  props[PROP_TRANSFER_STREAMS] =
    g_param_spec_uint ("transfer-streams", NULL,
                       "Sessions one large read or write is spread over (1: never spread)",
                       1, RS_SFTP_MAX_STREAMS, 2, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_sftp_backend_init (RsSftpBackend *self)
{
  self->config.port = 22;
  self->config.agent = TRUE;
  self->config.connect_timeout_ms = 10000;
  self->config.idle_timeout_ms = 30000;
  self->config.keepalive_s = 15;
  self->max_connections = 8;
  self->page_size = 1000;
  self->transfer_streams = 2;
  g_mutex_init (&self->config.tofu_lock);
}

void
rs_sftp_backend_register_types (void)
{
  g_type_ensure (RS_TYPE_SFTP_BACKEND);
  g_type_ensure (RS_TYPE_SFTP_HOST_KEY_POLICY);
  g_type_ensure (RS_TYPE_SFTP_WRITER);
  g_type_ensure (RS_TYPE_SFTP_INPUT_STREAM);
}
