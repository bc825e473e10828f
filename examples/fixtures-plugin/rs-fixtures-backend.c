/* rs-fixtures-backend.c: a read-only backend over a directory
 *
 * The smallest useful plugin: four synchronous primitives (stat_key,
 * open_read, list_page, ping) and three capabilities (READ, LIST,
 * SEEKABLE_READ: a whole-file read is a seekable GFileInputStream). Every
 * rule of the store contract — path checks, the capability gate, type
 * checks, listing filters and depths, glob — comes from the core; the
 * asynchronous API comes from the core's bridge, which runs these
 * primitives in a worker thread.
 *
 * URI: fixtures:///absolute/directory (option `directory`). Links inside
 * the directory are ignored, so the view never leaves it. */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rs-fixtures-backend.h"

struct _RsFixturesBackend
{
  RsBackend parent_instance;
  char *directory;
};

G_DEFINE_FINAL_TYPE (RsFixturesBackend, rs_fixtures_backend, RS_TYPE_BACKEND)

enum { PROP_0, PROP_DIRECTORY, N_PROPS };
static GParamSpec *props[N_PROPS];

#define ATTRIBUTES G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_NAME "," \
                   G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED

static GFile *
file_for_key (RsBackend  *backend,
              const char *key)
{
  g_autofree char *path = g_build_filename (RS_FIXTURES_BACKEND (backend)->directory, key, NULL);

  return g_file_new_for_path (path);
}

static char *
child_key (const char *prefix,
           const char *name)
{
  return prefix[0] == '\0' ? g_strdup (name) : g_strconcat (prefix, "/", name, NULL);
}

/* A file or a folder for @info, or NULL for anything else (links…). */
static RsEntry *
entry_for (const char *key,
           GFileInfo  *info)
{
  g_autoptr(GDateTime) modified = NULL;
  RsFileInfo *file;

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_DIRECTORY:
      return RS_ENTRY (rs_folder_entry_new (key));
    case G_FILE_TYPE_REGULAR:
      file = rs_fileinfo_new (key, g_file_info_get_size (info));
      modified = g_file_info_get_modification_date_time (info);
      rs_fileinfo_set_modified (file, modified);
      return RS_ENTRY (file);
    default:
      return NULL;
    }
}

/* A missing key, or one under a file, is simply not there. */
static gboolean
is_absent (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, RS_ERROR, RS_ERROR_NOT_FOUND, _("No such file or folder"));
}

static RsEntry *
fixtures_stat_key (RsBackend     *backend,
                   const char    *key,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFile) file = file_for_key (backend, key);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  RsEntry *entry;

  if (key[0] == '\0')
    return RS_ENTRY (rs_folder_entry_new (""));
  info = g_file_query_info (file, ATTRIBUTES, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                            cancellable, &local_error);
  if (info == NULL)
    {
      if (is_absent (local_error))
        set_not_found (error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  entry = entry_for (key, info);
  if (entry == NULL)
    set_not_found (error);
  return entry;
}

static GInputStream *
fixtures_open_read (RsBackend     *backend,
                    const char    *key,
                    gint64         offset,
                    gint64         length,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(RsEntry) entry = fixtures_stat_key (backend, key, cancellable, error);
  g_autoptr(GFile) file = file_for_key (backend, key);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) range = NULL;
  gint64 size;

  if (entry == NULL)
    return NULL;
  if (!RS_IS_FILE_INFO (entry))
    {
      set_not_found (error);
      return NULL;
    }
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  if (offset > 0 && !g_seekable_seek (G_SEEKABLE (stream), offset, G_SEEK_SET, cancellable, error))
    return NULL;
  if (length < 0)
    return G_INPUT_STREAM (g_steal_pointer (&stream));
  /* A bounded range: fixtures are small, so read it whole, never asking
   * for more than the file holds. */
  size = rs_fileinfo_get_size (RS_FILE_INFO (entry));
  length = offset >= size ? 0 : MIN (length, size - offset);
  if (length == 0)
    return g_memory_input_stream_new ();
  range = g_input_stream_read_bytes (G_INPUT_STREAM (stream), length, cancellable, error);
  if (range == NULL)
    return NULL;
  return g_memory_input_stream_new_from_bytes (range);
}

/* Every file under @prefix (recursive) or its direct files and folders. */
static gboolean
list_into (RsBackend     *backend,
           const char    *prefix,
           gboolean       recursive,
           GPtrArray     *entries,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFile) folder = file_for_key (backend, prefix);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (folder, ATTRIBUTES, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        cancellable, &local_error);
  if (children == NULL)
    {
      /* A missing folder, or a file, lists nothing. */
      if (is_absent (local_error))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  while ((info = g_file_enumerator_next_file (children, cancellable, &local_error)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      g_autofree char *key = child_key (prefix, g_file_info_get_name (info));
      RsEntry *entry = entry_for (key, info);

      if (entry == NULL)
        continue;
      if (recursive && RS_IS_FOLDER_ENTRY (entry))
        {
          g_object_unref (entry);
          if (!list_into (backend, key, TRUE, entries, cancellable, error))
            return FALSE;
          continue;
        }
      g_ptr_array_add (entries, entry);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
fixtures_list_page (RsBackend     *backend,
                    const char    *prefix,
                    gboolean       recursive,
                    const char    *token,
                    char         **next_token,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

  /* One page holds the whole listing: a fixture directory is small. */
  *next_token = NULL;
  if (!list_into (backend, prefix, recursive, entries, cancellable, error))
    return NULL;
  return g_steal_pointer (&entries);
}

static gboolean
fixtures_ping (RsBackend     *backend,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFile) root = file_for_key (backend, "");
  g_autoptr(GFileInfo) info = g_file_query_info (root, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                 G_FILE_QUERY_INFO_NONE, cancellable, error);

  if (info == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE,
                   _("%s is not a directory"), RS_FIXTURES_BACKEND (backend)->directory);
      return FALSE;
    }
  return TRUE;
}

/* fixtures:///abs/dir: the URI's path is the directory, the store root is
 * the directory itself; query parameters stay options. */
static gboolean
fixtures_options_from_uri (RsBackendClass  *klass,
                           GUri            *uri,
                           GHashTable      *options,
                           char           **root_path,
                           GError         **error)
{
  const char *path = g_uri_get_path (uri);
  g_autoptr(GUri) pathless = NULL;

  if (path[0] != '\0')
    g_hash_table_insert (options, g_strdup ("directory"), g_uri_unescape_string (path, NULL));
  pathless = g_uri_build (G_URI_FLAGS_ENCODED_QUERY, g_uri_get_scheme (uri), NULL,
                          g_uri_get_host (uri), -1, "", g_uri_get_query (uri), NULL);
  return RS_BACKEND_CLASS (rs_fixtures_backend_parent_class)->options_from_uri (klass, pathless,
                                                                                options, root_path,
                                                                                error);
}

static char *
fixtures_native_path (RsBackend  *backend,
                      const char *key)
{
  return g_build_filename (RS_FIXTURES_BACKEND (backend)->directory, key, NULL);
}

static char *
fixtures_to_key (RsBackend   *backend,
                 const char  *native_path,
                 GError     **error)
{
  const char *directory = RS_FIXTURES_BACKEND (backend)->directory;
  gsize n = strlen (directory);

  if (strcmp (native_path, directory) == 0)
    return g_strdup ("");
  if (strncmp (native_path, directory, n) == 0 && native_path[n] == '/')
    return g_strdup (native_path + n + 1);
  g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH,
               _("%s is not inside %s"), native_path, directory);
  return NULL;
}

static void
fixtures_constructed (GObject *object)
{
  RsFixturesBackend *self = RS_FIXTURES_BACKEND (object);
  g_autofree char *location = NULL;

  G_OBJECT_CLASS (rs_fixtures_backend_parent_class)->constructed (object);
  if (self->directory == NULL)
    self->directory = g_strdup (".");
  location = g_strdup_printf ("fixtures://%s", self->directory);
  rs_backend_set_location (RS_BACKEND (self), location);
  rs_backend_set_capabilities (RS_BACKEND (self), RS_CAPABILITY_READ | RS_CAPABILITY_LIST |
                                                  RS_CAPABILITY_SEEKABLE_READ);
}

static void
fixtures_finalize (GObject *object)
{
  g_free (RS_FIXTURES_BACKEND (object)->directory);
  G_OBJECT_CLASS (rs_fixtures_backend_parent_class)->finalize (object);
}

static void
fixtures_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  if (prop_id == PROP_DIRECTORY)
    g_value_set_string (value, RS_FIXTURES_BACKEND (object)->directory);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
fixtures_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  RsFixturesBackend *self = RS_FIXTURES_BACKEND (object);

  if (prop_id == PROP_DIRECTORY)
    {
      g_free (self->directory);
      self->directory = g_value_dup_string (value);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
rs_fixtures_backend_class_init (RsFixturesBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RsBackendClass *backend_class = RS_BACKEND_CLASS (klass);

  object_class->constructed = fixtures_constructed;
  object_class->finalize = fixtures_finalize;
  object_class->get_property = fixtures_get_property;
  object_class->set_property = fixtures_set_property;

  backend_class->name = "fixtures";
  backend_class->stat_key = fixtures_stat_key;
  backend_class->open_read = fixtures_open_read;
  backend_class->list_page = fixtures_list_page;
  backend_class->ping = fixtures_ping;
  backend_class->options_from_uri = fixtures_options_from_uri;
  backend_class->native_path = fixtures_native_path;
  backend_class->to_key = fixtures_to_key;

  props[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, "The directory whose files the store shows, read-only",
                         NULL, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_fixtures_backend_init (RsFixturesBackend *self)
{
}
