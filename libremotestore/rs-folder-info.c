/* rs-folder-info.c: totals over a folder */
#include "config.h"

#include "rs-private.h"

/**
 * RsFolderInfo:
 *
 * Totals over every file under a folder, at any depth (folders are not
 * counted), from rs_store_get_folder_info().
 */
struct _RsFolderInfo
{
  GObject parent_instance;

  char *path;
  gint64 file_count;
  gint64 total_size;
  GDateTime *modified;
};

G_DEFINE_FINAL_TYPE (RsFolderInfo, rs_folder_info, G_TYPE_OBJECT)

enum { PROP_0, PROP_PATH, PROP_FILE_COUNT, PROP_TOTAL_SIZE, PROP_MODIFIED, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
rs_folder_info_finalize (GObject *object)
{
  RsFolderInfo *self = RS_FOLDER_INFO (object);

  g_free (self->path);
  g_clear_pointer (&self->modified, g_date_time_unref);
  G_OBJECT_CLASS (rs_folder_info_parent_class)->finalize (object);
}

static void
rs_folder_info_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RsFolderInfo *self = RS_FOLDER_INFO (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_FILE_COUNT:
      g_value_set_int64 (value, self->file_count);
      break;
    case PROP_TOTAL_SIZE:
      g_value_set_int64 (value, self->total_size);
      break;
    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_folder_info_class_init (RsFolderInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rs_folder_info_finalize;
  object_class->get_property = rs_folder_info_get_property;

  /**
   * RsFolderInfo:path:
   *
   * The store-relative path of the folder.
   */
  props[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, "", ro);
  /**
   * RsFolderInfo:file-count:
   *
   * The number of files under the folder.
   */
  props[PROP_FILE_COUNT] = g_param_spec_int64 ("file-count", NULL, NULL, 0, G_MAXINT64, 0, ro);
  /**
   * RsFolderInfo:total-size:
   *
   * The sum of their sizes in bytes.
   */
  props[PROP_TOTAL_SIZE] = g_param_spec_int64 ("total-size", NULL, NULL, 0, G_MAXINT64, 0, ro);
  /**
   * RsFolderInfo:modified:
   *
   * The latest modification time among them, %NULL when there are none.
   */
  props[PROP_MODIFIED] = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, ro);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_folder_info_init (RsFolderInfo *self)
{
}

/**
 * rs_folder_info_new:
 * @path: the folder's key or path
 * @file_count: the number of files
 * @total_size: the sum of their sizes
 * @modified: (nullable): the latest modification time
 *
 * Creates a new folder info.
 *
 * Returns: (transfer full): a new folder info
 */
RsFolderInfo *
rs_folder_info_new (const char *path,
                    gint64      file_count,
                    gint64      total_size,
                    GDateTime  *modified)
{
  RsFolderInfo *self = g_object_new (RS_TYPE_FOLDER_INFO, NULL);

  self->path = g_strdup (path);
  self->file_count = file_count;
  self->total_size = total_size;
  self->modified = modified != NULL ? g_date_time_ref (modified) : NULL;
  return self;
}

/**
 * rs_folder_info_get_path:
 * @self: a folder info
 *
 * Gets the store-relative path.
 *
 * Returns: the store-relative path
 */
const char *
rs_folder_info_get_path (RsFolderInfo *self)
{
  g_return_val_if_fail (RS_IS_FOLDER_INFO (self), NULL);
  return self->path;
}

/* Internal: the store rewrites a backend key into a store path. */
void
rs_folder_info_set_path (RsFolderInfo *self,
                         const char   *path)
{
  rs_set_str (&self->path, path);
}

/**
 * rs_folder_info_get_file_count:
 * @self: a folder info
 *
 * Gets the number of files.
 *
 * Returns: the number of files
 */
gint64
rs_folder_info_get_file_count (RsFolderInfo *self)
{
  g_return_val_if_fail (RS_IS_FOLDER_INFO (self), 0);
  return self->file_count;
}

/**
 * rs_folder_info_get_total_size:
 * @self: a folder info
 *
 * Gets the total size in bytes.
 *
 * Returns: the total size in bytes
 */
gint64
rs_folder_info_get_total_size (RsFolderInfo *self)
{
  g_return_val_if_fail (RS_IS_FOLDER_INFO (self), 0);
  return self->total_size;
}

/**
 * rs_folder_info_get_modified:
 * @self: a folder info
 *
 * Gets the latest modification time.
 *
 * Returns: (transfer none) (nullable): the latest modification time
 */
GDateTime *
rs_folder_info_get_modified (RsFolderInfo *self)
{
  g_return_val_if_fail (RS_IS_FOLDER_INFO (self), NULL);
  return self->modified;
}
