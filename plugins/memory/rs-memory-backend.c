/* rs-memory-backend.c: the reference backend, files in process memory
 *
 * Every primitive is synchronous and never blocks (a lock and a tree), so
 * the backend declares RS_BACKEND_FACTS_NONBLOCKING and the core runs its
 * async API inline, without threads. Options:
 *
 *   name       share the files with every memory backend of that name in
 *              the process (`memory://NAME`); unset: private files
 *   flat       keep a flat namespace, as object stores do (default false)
 *   page-size  entries per listing page (default 1000)
 */
#include <glib/gi18n-lib.h>

#include "rs-memory-backend.h"
#include "rs-memory-type.h"
#include "rs-memory-writer.h"

typedef struct
{
  char *name;
  gboolean flat;
  guint page_size;
  RsMemoryTree *tree;
} RsMemoryBackendPrivate;

/* The writer type too, while the plugin init holds the loader lock. */
RS_MEMORY_DEFINE_TYPE_WITH_PRIVATE (RsMemoryBackend, rs_memory_backend, RS_TYPE_BACKEND,
                                    g_type_ensure (RS_TYPE_MEMORY_WRITER))

enum { PROP_0, PROP_NAME_OPTION, PROP_FLAT, PROP_PAGE_SIZE, N_PROPS };
static GParamSpec *props[N_PROPS];

#define PRIV(b) ((RsMemoryBackendPrivate *) rs_memory_backend_get_instance_private (RS_MEMORY_BACKEND (b)))
#define TREE(b) (PRIV (b)->tree)

static RsEntry *
memory_stat_key (RsBackend     *backend,
                 const char    *key,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return rs_memory_tree_stat (TREE (backend), key, error);
}

static RsEntry *
memory_stat_folder_key (RsBackend     *backend,
                        const char    *key,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return rs_memory_tree_stat_folder (TREE (backend), key, error);
}

static GInputStream *
memory_open_read (RsBackend     *backend,
                  const char    *key,
                  gint64         offset,
                  gint64         length,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GBytes) data = rs_memory_tree_get (TREE (backend), key, error);
  gsize size, start, count;

  if (data == NULL)
    return NULL;
  /* A snapshot: later writes to the key do not change an open read. */
  size = g_bytes_get_size (data);
  start = MIN ((guint64) offset, size);
  count = length < 0 ? size - start : MIN ((guint64) length, size - start);
  if (start == 0 && count == size)
    return g_memory_input_stream_new_from_bytes (data);
  {
    g_autoptr(GBytes) part = g_bytes_new_from_bytes (data, start, count);

    return g_memory_input_stream_new_from_bytes (part);
  }
}

static RsBackendWriter *
memory_open_write (RsBackend     *backend,
                   const char    *key,
                   RsWriteFlags   flags,
                   GHashTable    *metadata,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return rs_memory_writer_new (RS_TYPE_MEMORY_WRITER, backend, TREE (backend), key, flags, metadata);
}

static gboolean
memory_delete_file (RsBackend     *backend,
                    const char    *key,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return rs_memory_tree_delete_file (TREE (backend), key, error);
}

static gboolean
memory_delete_folder (RsBackend     *backend,
                      const char    *key,
                      gboolean       recursive,
                      GCancellable  *cancellable,
                      GError       **error)
{
  return rs_memory_tree_delete_folder (TREE (backend), key, recursive, error);
}

static GPtrArray *
memory_list_page (RsBackend     *backend,
                  const char    *prefix,
                  gboolean       recursive,
                  const char    *token,
                  char         **next_token,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return rs_memory_tree_list (TREE (backend), prefix, recursive, token,
                              PRIV (backend)->page_size, next_token);
}

static gboolean
memory_copy (RsBackend     *backend,
             const char    *source,
             const char    *destination,
             RsCopyFlags    flags,
             GCancellable  *cancellable,
             GError       **error)
{
  return rs_memory_tree_transfer (TREE (backend), source, destination,
                                  (flags & RS_COPY_OVERWRITE) != 0, FALSE, error);
}

static gboolean
memory_rename (RsBackend     *backend,
               const char    *source,
               const char    *destination,
               RsCopyFlags    flags,
               GCancellable  *cancellable,
               GError       **error)
{
  return rs_memory_tree_transfer (TREE (backend), source, destination,
                                  (flags & RS_COPY_OVERWRITE) != 0, TRUE, error);
}

static RsFolderInfo *
memory_folder_stats (RsBackend     *backend,
                     const char    *key,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return rs_memory_tree_folder_stats (TREE (backend), key);
}

static gboolean
memory_ping (RsBackend     *backend,
             GCancellable  *cancellable,
             GError       **error)
{
  return TRUE;
}

static void
memory_describe (RsBackend  *backend,
                 const char *key,
                 GHashTable *details)
{
  RsMemoryBackendPrivate *self = PRIV (backend);

  g_hash_table_insert (details, g_strdup ("memory-name"),
                       g_strdup (self->name != NULL ? self->name : "(private)"));
}

static void
rs_memory_backend_constructed (GObject *object)
{
  RsMemoryBackendPrivate *self = PRIV (object);
  RsBackend *backend = RS_BACKEND (object);
  g_autofree char *location = NULL;

  G_OBJECT_CLASS (rs_memory_backend_parent_class)->constructed (object);

  if (RS_MEMORY_BACKEND_GET_CLASS (object)->force_flat)
    self->flat = TRUE;
  self->tree = self->name != NULL ? rs_memory_tree_get_named (self->name, self->flat)
                                  : rs_memory_tree_new (self->flat);
  location = g_strdup_printf ("%s://%s", rs_backend_get_name (backend),
                              self->name != NULL ? self->name : "");
  rs_backend_set_location (backend, location);
  rs_backend_set_capabilities (backend,
                               RS_CAPABILITY_READ | RS_CAPABILITY_WRITE | RS_CAPABILITY_DELETE |
                               RS_CAPABILITY_LIST | RS_CAPABILITY_MOVE | RS_CAPABILITY_COPY |
                               RS_CAPABILITY_ATOMIC_WRITE | RS_CAPABILITY_ATOMIC_MOVE |
                               RS_CAPABILITY_METADATA | RS_CAPABILITY_USER_METADATA |
                               RS_CAPABILITY_WRITE_RESULT_NATIVE | RS_CAPABILITY_LAZY_READ |
                               RS_CAPABILITY_SEEKABLE_READ | RS_CAPABILITY_NATIVE_ASYNC);
  rs_backend_set_facts (backend,
                        (rs_memory_tree_is_flat (self->tree) ? RS_BACKEND_FACTS_FLAT_NAMESPACE : 0) |
                        RS_BACKEND_FACTS_ATOMIC_PUT | RS_BACKEND_FACTS_TERMINAL_CLOSE |
                        RS_BACKEND_FACTS_NONBLOCKING | RS_BACKEND_FACTS_EXCLUSIVE_CREATE);
}

static void
rs_memory_backend_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RsMemoryBackendPrivate *self = PRIV (object);

  switch (prop_id)
    {
    case PROP_NAME_OPTION:
      g_value_set_string (value, self->name);
      break;
    case PROP_FLAT:
      g_value_set_boolean (value, self->flat);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_memory_backend_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RsMemoryBackendPrivate *self = PRIV (object);

  switch (prop_id)
    {
    case PROP_NAME_OPTION:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      if (self->name != NULL && self->name[0] == '\0')
        g_clear_pointer (&self->name, g_free);
      break;
    case PROP_FLAT:
      self->flat = g_value_get_boolean (value);
      break;
    case PROP_PAGE_SIZE:
      self->page_size = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_memory_backend_finalize (GObject *object)
{
  RsMemoryBackendPrivate *self = PRIV (object);

  g_free (self->name);
  g_clear_pointer (&self->tree, rs_memory_tree_unref);
  G_OBJECT_CLASS (rs_memory_backend_parent_class)->finalize (object);
}

static void
rs_memory_backend_class_init (RsMemoryBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RsBackendClass *backend_class = RS_BACKEND_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = rs_memory_backend_constructed;
  object_class->get_property = rs_memory_backend_get_property;
  object_class->set_property = rs_memory_backend_set_property;
  object_class->finalize = rs_memory_backend_finalize;

  backend_class->name = "memory";
  backend_class->stat_key = memory_stat_key;
  backend_class->stat_folder_key = memory_stat_folder_key;
  backend_class->open_read = memory_open_read;
  backend_class->open_write = memory_open_write;
  backend_class->delete_file = memory_delete_file;
  backend_class->delete_folder = memory_delete_folder;
  backend_class->list_page = memory_list_page;
  backend_class->copy = memory_copy;
  backend_class->rename = memory_rename;
  backend_class->folder_stats = memory_folder_stats;
  backend_class->ping = memory_ping;
  /* memory://NAME/path names a shared tree */
  backend_class->uri_host_option = "name";
  backend_class->describe = memory_describe;

  props[PROP_NAME_OPTION] =
    g_param_spec_string ("name", NULL,
                         "Share the files with every memory backend of this name in the process",
                         NULL, flags);
  props[PROP_FLAT] =
    g_param_spec_boolean ("flat", NULL,
                          "Keep a flat namespace (folders are key prefixes), as object stores do",
                          FALSE, flags);
  props[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, "Entries per listing page", 1, G_MAXUINT, 1000, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_memory_backend_init (RsMemoryBackend *self)
{
  PRIV (self)->page_size = 1000;
}

RsMemoryTree *
rs_memory_backend_get_tree (RsMemoryBackend *self)
{
  return TREE (self);
}

guint
rs_memory_backend_get_page_size (RsMemoryBackend *self)
{
  return PRIV (self)->page_size;
}
