/* rs-local-backend.c: files in a folder of the local file system
 *
 * URI: file:///abs/root?option=value… (plugin `local`, scheme `file`).
 * Options (GObject properties):
 *
 *   root          the absolute path of the folder the store lives in
 *                 (the URI's path); required
 *   create-root   make the root folder and its parents when missing
 *                 (default false: a missing root fails at construction)
 *   fsync         flush every write to disk before it becomes visible, not
 *                 only RS_WRITE_ATOMIC ones (default false)
 *   io            the engine for async reads: auto (io_uring when the
 *                 kernel allows it, else threads), thread or uring;
 *                 RS_LOCAL_IO in the environment overrides it
 *   io-threads    worker threads of the thread engine (default 8)
 *   ring-entries  submission queue size of the io_uring engine (default 256)
 *   page-size     entries per listing page (default 1000)
 *   resolve       how keys are resolved beneath the root: auto (openat2
 *                 with RESOLVE_BENEATH where the kernel has it), beneath,
 *                 or walk (one segment at a time with O_NOFOLLOW, which
 *                 refuses every link); for tests and odd kernels
 *
 * Every primitive is a POSIX call relative to a descriptor of the root
 * (rs-local-fs.c), so the kernel keeps every key beneath it: a link that
 * leaves the root is never followed, by any operation. Such a link is not
 * part of the store: stats say nothing is there and listings skip it; a
 * write with OVERWRITE replaces the link itself. Every write goes to a
 * file nobody sees until its commit (an anonymous file linked into
 * place, or a hidden temporary file renamed over the target:
 * rs-local-writer.c), so readers never see a partial file and the backend
 * declares ATOMIC_PUT.
 * User metadata lives in `user.` extended attributes, declared only when
 * a probe at construction shows the file system takes them. The sync
 * primitives block: the core runs async operations in GLib's worker pool
 * (one hop per operation), while async reads of a stream go to the
 * engine (rs-local-engine.c). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>

#include "rs-local-backend.h"
#include "rs-local-copy.h"
#include "rs-local-engine.h"
#include "rs-local-fs.h"
#include "rs-local-info.h"
#include "rs-local-input-stream.h"
#include "rs-local-list.h"
#include "rs-local-writer.h"
#include "rs-local-xattr.h"

struct _RsLocalBackend
{
  RsBackend parent_instance;

  char *root;
  gboolean create_root;
  gboolean fsync;
  RsLocalIo io;
  guint io_threads;
  guint ring_entries;
  guint page_size;
  RsLocalResolve resolve;

  int root_fd;
  gboolean user_metadata;
  RsLocalEngine *engine;
};

static void initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RsLocalBackend, rs_local_backend, RS_TYPE_BACKEND,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, initable_iface_init))

enum { PROP_0, PROP_ROOT, PROP_CREATE_ROOT, PROP_FSYNC, PROP_IO, PROP_IO_THREADS,
       PROP_RING_ENTRIES, PROP_PAGE_SIZE, PROP_RESOLVE, N_PROPS };
static GParamSpec *props[N_PROPS];

static const char *const resolve_names[] = { "auto", "beneath", "walk" };

#define SELF(b) RS_LOCAL_BACKEND (b)

static RsLocalListing
listing_of (RsLocalBackend *self)
{
  return (RsLocalListing) { self->root_fd, self->resolve, self->user_metadata, self->page_size };
}

static gboolean
not_found (GError    **error,
           const char *key)
{
  g_set_error (error, RS_ERROR, RS_ERROR_NOT_FOUND, _("“%s” does not exist"), key);
  return FALSE;
}

/* Through a link inside the root: resolve the whole key beneath it. */
static RsEntry *
stat_through_link (RsLocalBackend  *self,
                   const char      *key,
                   GError         **error)
{
  g_autoptr(GHashTable) metadata = NULL;
  struct stat st;
  int fd = rs_local_open (self->root_fd, self->resolve, key, O_PATH, 0);

  if (fd < 0)
    {
      int saved = errno;

      if (saved == ENOENT || saved == ENOTDIR || rs_local_is_escape (saved))
        {
          if (rs_local_is_escape (saved))
            g_debug ("local: “%s” leads through a link that is not followed", key);
          not_found (error, key);
          return NULL;
        }
      rs_local_fail (error, saved, key, _("Cannot stat “%s”"), key);
      return NULL;
    }
  if (fstat (fd, &st) < 0)
    {
      rs_local_fail (error, errno, key, _("Cannot stat “%s”"), key);
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode))
    {
      close (fd);
      not_found (error, key);
      return NULL;
    }
  if (self->user_metadata && S_ISREG (st.st_mode))
    {
      g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", fd);

      metadata = rs_local_xattr_read (fd, proc, key, error);
      if (metadata == NULL)
        {
          close (fd);
          return NULL;
        }
    }
  close (fd);
  return rs_local_info_new (key, &st, metadata);
}

/* The common case costs one fstatat() (plus an O_PATH open of the parent
 * for a nested key, and the attributes): the parent is resolved beneath the
 * root, the last segment is not followed, and only a link there takes the
 * slower full resolution. */
static RsEntry *
local_stat_key (RsBackend     *backend,
                const char    *key,
                GCancellable  *cancellable,
                GError       **error)
{
  RsLocalBackend *self = SELF (backend);
  g_autoptr(GHashTable) metadata = NULL;
  const char *name = key;
  struct stat st;
  int dir_fd = self->root_fd, saved;
  RsEntry *entry = NULL;

  if (key[0] == '\0')
    return RS_ENTRY (rs_folder_entry_new (""));
  if (strchr (key, '/') != NULL)
    dir_fd = rs_local_open_parent_path (self->root_fd, self->resolve, key, &name);
  if (dir_fd < 0 || fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
    {
      saved = errno;
      if (saved == ENOENT || saved == ENOTDIR || rs_local_is_escape (saved))
        not_found (error, key);
      else
        rs_local_fail (error, saved, key, _("Cannot stat “%s”"), key);
    }
  else if (S_ISLNK (st.st_mode))
    entry = stat_through_link (self, key, error);
  else if (!S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode))
    not_found (error, key);   /* sockets, FIFOs, devices are not files of a store */
  else if (self->user_metadata && S_ISREG (st.st_mode) &&
           (metadata = rs_local_xattr_read_at (dir_fd, name, key, error)) == NULL)
    ;                         /* gone meanwhile (NOT_FOUND) or unreadable */
  else
    entry = rs_local_info_new (key, &st, metadata);
  if (dir_fd >= 0 && dir_fd != self->root_fd)
    close (dir_fd);
  return entry;
}

static GInputStream *
local_open_read (RsBackend     *backend,
                 const char    *key,
                 gint64         offset,
                 gint64         length,
                 GCancellable  *cancellable,
                 GError       **error)
{
  RsLocalBackend *self = SELF (backend);
  struct stat st;
  int fd = rs_local_open (self->root_fd, self->resolve, key, O_RDONLY | O_NOCTTY | O_NONBLOCK, 0);

  if (fd < 0)
    {
      if (errno == ENOENT || errno == ENOTDIR || errno == EISDIR)
        not_found (error, key);
      else
        rs_local_fail (error, errno, key, _("Cannot open “%s”"), key);
      return NULL;
    }
  if (fstat (fd, &st) < 0 || !S_ISREG (st.st_mode))
    {
      /* A folder (the core tells the caller so) or a special file. */
      close (fd);
      not_found (error, key);
      return NULL;
    }
  /* O_NONBLOCK only kept a FIFO from blocking the open; a read should block. */
  fcntl (fd, F_SETFL, O_RDONLY);
  /* Big whole-file reads (copies) gain from a larger readahead; small
   * ones would only pay the system call. */
  if (offset == 0 && length < 0 && st.st_size >= 1024 * 1024)
    posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return rs_local_input_stream_new (fd, offset, length, key, self->engine);
}

static RsBackendWriter *
local_open_write (RsBackend     *backend,
                  const char    *key,
                  RsWriteFlags   flags,
                  GHashTable    *metadata,
                  GCancellable  *cancellable,
                  GError       **error)
{
  RsLocalBackend *self = SELF (backend);

  return rs_local_writer_new (backend, self->root_fd, self->resolve, key, flags, metadata,
                              self->fsync, self->engine, error);
}

static RsWriteResult *
local_put (RsBackend     *backend,
           const char    *key,
           GInputStream  *content,
           gint64         size,
           RsWriteFlags   flags,
           GHashTable    *metadata,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(RsBackendWriter) writer = local_open_write (backend, key, flags, metadata, cancellable, error);
  RsWriteResult *result;

  if (writer == NULL)
    return NULL;
  if (!rs_local_copy_stream (content, rs_local_writer_get_fd (RS_LOCAL_WRITER (writer)), key,
                             cancellable, error))
    {
      RS_BACKEND_WRITER_GET_CLASS (writer)->abort (writer, NULL, NULL);
      return NULL;
    }
  result = RS_BACKEND_WRITER_GET_CLASS (writer)->commit (writer, cancellable, error);
  return result;
}

static gboolean
local_delete_file (RsBackend     *backend,
                   const char    *key,
                   GCancellable  *cancellable,
                   GError       **error)
{
  RsLocalBackend *self = SELF (backend);
  const char *name;
  int dir_fd = rs_local_open_parent_path (self->root_fd, self->resolve, key, &name);
  int rc;

  if (dir_fd < 0)
    return rs_local_fail (error, errno, key, _("Cannot delete “%s”"), key);
  rc = unlinkat (dir_fd, name, 0);
  if (rc < 0)
    rs_local_fail (error, errno, key, _("Cannot delete “%s”"), key);
  close (dir_fd);
  return rc == 0;
}

static gboolean
local_delete_folder (RsBackend     *backend,
                     const char    *key,
                     gboolean       recursive,
                     GCancellable  *cancellable,
                     GError       **error)
{
  RsLocalBackend *self = SELF (backend);
  const char *name;
  int dir_fd = rs_local_open_parent (self->root_fd, self->resolve, key, FALSE, &name);
  gboolean ok;

  if (dir_fd < 0)
    return rs_local_fail (error, errno, key, _("Cannot delete the folder “%s”"), key);
  ok = rs_local_remove_folder (dir_fd, name, key, recursive, cancellable, error);
  close (dir_fd);
  return ok;
}

static GPtrArray *
local_list_page (RsBackend     *backend,
                 const char    *prefix,
                 gboolean       recursive,
                 const char    *token,
                 char         **next_token,
                 GCancellable  *cancellable,
                 GError       **error)
{
  RsLocalListing listing = listing_of (SELF (backend));

  return rs_local_list_page (&listing, prefix, recursive, token, next_token, cancellable, error);
}

static gboolean
local_copy (RsBackend     *backend,
            const char    *source,
            const char    *destination,
            RsCopyFlags    flags,
            GCancellable  *cancellable,
            GError       **error)
{
  RsLocalBackend *self = SELF (backend);
  RsWriteFlags write_flags = (flags & RS_COPY_OVERWRITE) ? RS_WRITE_OVERWRITE : RS_WRITE_NONE;
  g_autoptr(RsBackendWriter) writer = NULL;
  g_autoptr(GHashTable) metadata = NULL;
  g_autoptr(RsWriteResult) result = NULL;
  int fd = rs_local_open (self->root_fd, self->resolve, source, O_RDONLY | O_NOCTTY, 0);
  gboolean ok;

  if (fd < 0)
    return rs_local_fail (error, errno, source, _("Cannot open “%s”"), source);
  if (self->user_metadata && (metadata = rs_local_xattr_read (fd, NULL, source, error)) == NULL)
    {
      close (fd);
      return FALSE;
    }
  writer = rs_local_writer_new (backend, self->root_fd, self->resolve, destination, write_flags,
                                metadata, self->fsync, self->engine, error);
  if (writer == NULL)
    {
      close (fd);
      return FALSE;
    }
  ok = rs_local_copy_fd (fd, rs_local_writer_get_fd (RS_LOCAL_WRITER (writer)), destination,
                         cancellable, error);
  close (fd);
  if (!ok)
    {
      RS_BACKEND_WRITER_GET_CLASS (writer)->abort (writer, NULL, NULL);
      return FALSE;
    }
  result = RS_BACKEND_WRITER_GET_CLASS (writer)->commit (writer, cancellable, error);
  return result != NULL;
}

static gboolean
local_rename (RsBackend     *backend,
              const char    *source,
              const char    *destination,
              RsCopyFlags    flags,
              GCancellable  *cancellable,
              GError       **error)
{
  RsLocalBackend *self = SELF (backend);
  const char *source_name, *destination_name;
  int source_dir = -1, destination_dir = -1, rc, saved;
  gboolean overwrite = (flags & RS_COPY_OVERWRITE) != 0;

  source_dir = rs_local_open_parent (self->root_fd, self->resolve, source, FALSE, &source_name);
  if (source_dir < 0)
    return rs_local_fail (error, errno, source, _("Cannot move “%s”"), source);
  destination_dir = rs_local_open_parent (self->root_fd, self->resolve, destination, TRUE,
                                          &destination_name);
  if (destination_dir < 0)
    {
      saved = errno;
      close (source_dir);
      return rs_local_fail (error, saved, destination, _("Cannot create the folder of “%s”"),
                            destination);
    }
  rc = renameat2 (source_dir, source_name, destination_dir, destination_name,
                  overwrite ? 0 : RENAME_NOREPLACE);
  if (rc < 0 && errno == EINVAL && !overwrite)
    {
      /* No RENAME_NOREPLACE here: a hard link is create-only too. */
      rc = linkat (source_dir, source_name, destination_dir, destination_name, 0);
      if (rc == 0)
        unlinkat (source_dir, source_name, 0);
    }
  saved = errno;
  close (source_dir);
  close (destination_dir);
  if (rc == 0)
    return TRUE;
  if (saved == EXDEV)
    {
      /* Another file system mounted inside the root: copy, then delete. */
      return local_copy (backend, source, destination, flags, cancellable, error) &&
             local_delete_file (backend, source, cancellable, error);
    }
  return rs_local_fail (error, saved, source, _("Cannot move “%s” to “%s”"), source, destination);
}

static gboolean
local_ping (RsBackend     *backend,
            GCancellable  *cancellable,
            GError       **error)
{
  RsLocalBackend *self = SELF (backend);
  struct stat st;

  if (fstat (self->root_fd, &st) < 0)
    return rs_local_fail (error, errno, self->root, _("Cannot reach the root folder “%s”"), self->root);
  return TRUE;
}

static gboolean
local_close (RsBackend     *backend,
             GCancellable  *cancellable,
             GError       **error)
{
  /* The root descriptor lives until finalize: an operation already past
   * the core's closed check may still use it. */
  return TRUE;
}

static gboolean
local_options_from_uri (RsBackendClass  *klass,
                        GUri            *uri,
                        GHashTable      *options,
                        char           **root_path,
                        GError         **error)
{
  const char *host = g_uri_get_host (uri);
  g_autoptr(GUri) bare = NULL;
  g_autofree char *ignored = NULL;

  if (host != NULL && host[0] != '\0' && g_ascii_strcasecmp (host, "localhost") != 0)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("file URIs name a folder on this machine, not on “%s”"), host);
      return FALSE;
    }
  /* The query holds options; the path is the root folder, the store the
   * whole of it. */
  bare = g_uri_build (G_URI_FLAGS_ENCODED_QUERY, "file", NULL, NULL, -1, "", g_uri_get_query (uri), NULL);
  if (!RS_BACKEND_CLASS (rs_local_backend_parent_class)->options_from_uri (klass, bare, options,
                                                                           &ignored, error))
    return FALSE;
  g_hash_table_insert (options, g_strdup ("root"), g_strdup (g_uri_get_path (uri)));
  *root_path = g_strdup ("");
  return TRUE;
}

static char *
local_native_path (RsBackend  *backend,
                   const char *key)
{
  RsLocalBackend *self = SELF (backend);

  if (key[0] == '\0')
    return g_strdup (self->root);
  return g_build_filename (self->root, key, NULL);
}

static char *
local_to_key (RsBackend   *backend,
              const char  *native_path,
              GError     **error)
{
  RsLocalBackend *self = SELF (backend);
  gsize length = strlen (self->root);

  if (strcmp (self->root, "/") == 0 && native_path[0] == '/')
    return g_strdup (native_path + 1);
  if (strncmp (native_path, self->root, length) == 0 &&
      (native_path[length] == '\0' || native_path[length] == '/'))
    return g_strdup (native_path[length] == '/' ? native_path + length + 1 : "");
  g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("“%s” is not inside “%s”"), native_path,
               self->root);
  return NULL;
}

static void
local_describe (RsBackend  *backend,
                const char *key,
                GHashTable *details)
{
  RsLocalBackend *self = SELF (backend);

  g_hash_table_insert (details, g_strdup ("root"), g_strdup (self->root));
  g_hash_table_insert (details, g_strdup ("io"),
                       g_strdup (rs_local_io_to_string (rs_local_engine_get_io (self->engine))));
  g_hash_table_insert (details, g_strdup ("resolve"),
                       g_strdup (self->resolve == RS_LOCAL_RESOLVE_WALK ||
                                 (self->resolve == RS_LOCAL_RESOLVE_AUTO && !rs_local_have_openat2 ())
                                 ? "walk" : "beneath"));
}

/* Opens the root folder, making it first with create-root. */
static gboolean
open_root (RsLocalBackend  *self,
           GError         **error)
{
  if (self->root == NULL || !g_path_is_absolute (self->root))
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("The local backend needs an absolute root folder (“%s”)"),
                   self->root != NULL ? self->root : "");
      return FALSE;
    }
  if (self->create_root && g_mkdir_with_parents (self->root, 0777) < 0)
    return rs_local_fail (error, errno, self->root, _("Cannot create the root folder “%s”"), self->root);
  self->root_fd = open (self->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (self->root_fd < 0)
    return rs_local_fail (error, errno, self->root, _("Cannot open the root folder “%s”"), self->root);
  return TRUE;
}

static gboolean
rs_local_backend_initable_init (GInitable     *initable,
                                GCancellable  *cancellable,
                                GError       **error)
{
  RsLocalBackend *self = SELF (initable);
  RsBackend *backend = RS_BACKEND (initable);
  RsCapabilities capabilities;
  g_autofree char *location = NULL;
  g_autofree char *canonical = NULL;

  if (!open_root (self, error))
    return FALSE;
  canonical = g_canonicalize_filename (self->root, NULL);
  g_free (self->root);
  self->root = g_steal_pointer (&canonical);
  location = g_strconcat ("file://", self->root, NULL);
  rs_backend_set_location (backend, location);

  self->user_metadata = rs_local_xattr_probe (self->root_fd);
  self->engine = rs_local_engine_new (self->io, self->io_threads, self->ring_entries);
  capabilities = RS_CAPABILITY_READ | RS_CAPABILITY_WRITE | RS_CAPABILITY_DELETE |
                 RS_CAPABILITY_LIST | RS_CAPABILITY_MOVE | RS_CAPABILITY_COPY |
                 RS_CAPABILITY_ATOMIC_WRITE | RS_CAPABILITY_ATOMIC_MOVE | RS_CAPABILITY_METADATA |
                 RS_CAPABILITY_WRITE_RESULT_NATIVE | RS_CAPABILITY_LAZY_READ |
                 RS_CAPABILITY_SEEKABLE_READ;
  if (self->user_metadata)
    capabilities |= RS_CAPABILITY_USER_METADATA;
  rs_backend_set_capabilities (backend, capabilities);
  rs_backend_set_facts (backend, RS_BACKEND_FACTS_ATOMIC_PUT | RS_BACKEND_FACTS_TERMINAL_CLOSE);
  return TRUE;
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = rs_local_backend_initable_init;
}

static void
rs_local_backend_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RsLocalBackend *self = SELF (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      g_value_set_string (value, self->root);
      break;
    case PROP_CREATE_ROOT:
      g_value_set_boolean (value, self->create_root);
      break;
    case PROP_FSYNC:
      g_value_set_boolean (value, self->fsync);
      break;
    case PROP_IO:
      g_value_set_string (value, rs_local_io_to_string (self->io));
      break;
    case PROP_IO_THREADS:
      g_value_set_uint (value, self->io_threads);
      break;
    case PROP_RING_ENTRIES:
      g_value_set_uint (value, self->ring_entries);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_RESOLVE:
      g_value_set_string (value, resolve_names[self->resolve]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_local_backend_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RsLocalBackend *self = SELF (object);
  const char *text;

  switch (prop_id)
    {
    case PROP_ROOT:
      g_free (self->root);
      self->root = g_value_dup_string (value);
      break;
    case PROP_CREATE_ROOT:
      self->create_root = g_value_get_boolean (value);
      break;
    case PROP_FSYNC:
      self->fsync = g_value_get_boolean (value);
      break;
    case PROP_IO:
      text = g_value_get_string (value);
      if (text != NULL && !rs_local_io_from_string (text, &self->io))
        g_debug ("local: unknown io “%s” (auto, thread or uring): using auto", text);
      break;
    case PROP_IO_THREADS:
      self->io_threads = g_value_get_uint (value);
      break;
    case PROP_RING_ENTRIES:
      self->ring_entries = g_value_get_uint (value);
      break;
    case PROP_PAGE_SIZE:
      self->page_size = g_value_get_uint (value);
      break;
    case PROP_RESOLVE:
      text = g_value_get_string (value);
      for (guint i = 0; text != NULL && i < G_N_ELEMENTS (resolve_names); i++)
        if (strcmp (text, resolve_names[i]) == 0)
          self->resolve = i;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_local_backend_finalize (GObject *object)
{
  RsLocalBackend *self = SELF (object);

  if (self->root_fd >= 0)
    close (self->root_fd);
  g_clear_pointer (&self->engine, rs_local_engine_unref);
  g_free (self->root);
  G_OBJECT_CLASS (rs_local_backend_parent_class)->finalize (object);
}

static void
rs_local_backend_class_init (RsLocalBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RsBackendClass *backend_class = RS_BACKEND_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = rs_local_backend_get_property;
  object_class->set_property = rs_local_backend_set_property;
  object_class->finalize = rs_local_backend_finalize;

  backend_class->name = "local";
  backend_class->stat_key = local_stat_key;
  backend_class->open_read = local_open_read;
  backend_class->open_write = local_open_write;
  backend_class->put = local_put;
  backend_class->delete_file = local_delete_file;
  backend_class->delete_folder = local_delete_folder;
  backend_class->list_page = local_list_page;
  backend_class->copy = local_copy;
  backend_class->rename = local_rename;
  backend_class->ping = local_ping;
  backend_class->close = local_close;
  backend_class->options_from_uri = local_options_from_uri;
  backend_class->native_path = local_native_path;
  backend_class->to_key = local_to_key;
  backend_class->describe = local_describe;

  props[PROP_ROOT] =
    g_param_spec_string ("root", NULL, "The absolute path of the folder the store lives in",
                         NULL, flags);
  props[PROP_CREATE_ROOT] =
    g_param_spec_boolean ("create-root", NULL, "Make the root folder and its parents when missing",
                          FALSE, flags);
  props[PROP_FSYNC] =
    g_param_spec_boolean ("fsync", NULL,
                          "Flush every write to disk before it becomes visible, not only atomic ones",
                          FALSE, flags);
  props[PROP_IO] =
    g_param_spec_string ("io", NULL,
                         "Engine for async reads: auto, thread or uring (RS_LOCAL_IO overrides it)",
                         "auto", flags);
  props[PROP_IO_THREADS] =
    g_param_spec_uint ("io-threads", NULL, "Worker threads of the thread engine", 1, 256, 8, flags);
  props[PROP_RING_ENTRIES] =
    g_param_spec_uint ("ring-entries", NULL, "Submission queue size of the io_uring engine",
                       0, 32768, 256, flags);
  props[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, "Entries per listing page", 1, G_MAXUINT, 1000, flags);
  props[PROP_RESOLVE] =
    g_param_spec_string ("resolve", NULL,
                         "How keys are resolved beneath the root: auto, beneath (openat2) or walk "
                         "(O_NOFOLLOW, refuses every link)",
                         "auto", flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_local_backend_init (RsLocalBackend *self)
{
  self->root_fd = -1;
  self->io_threads = 8;
  self->ring_entries = 256;
  self->page_size = 1000;
}

const char *
rs_local_backend_get_io (RsLocalBackend *self)
{
  return rs_local_io_to_string (rs_local_engine_get_io (self->engine));
}
