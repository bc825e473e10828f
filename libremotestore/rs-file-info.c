/* rs-file-info.c: what is known about a file */
#include "config.h"

#include "rs-private.h"

/**
 * RsFileInfo:
 *
 * What a store knows about a file: its size and modification time, and
 * where the backend has them its content type, etag, digest and user
 * metadata. Returned by rs_store_get_file_info() and by file listings.
 */
struct _RsFileInfo
{
  RsEntry parent_instance;

  gint64 size;
  GDateTime *modified;
  char *content_type;
  char *etag;
  char *digest;
  GHashTable *metadata;
};

G_DEFINE_FINAL_TYPE (RsFileInfo, rs_fileinfo, RS_TYPE_ENTRY)

enum { PROP_0, PROP_SIZE, PROP_MODIFIED, PROP_CONTENT_TYPE, PROP_ETAG, PROP_DIGEST, PROP_METADATA, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
rs_fileinfo_finalize (GObject *object)
{
  RsFileInfo *self = RS_FILE_INFO (object);

  g_clear_pointer (&self->modified, g_date_time_unref);
  g_free (self->content_type);
  g_free (self->etag);
  g_free (self->digest);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  G_OBJECT_CLASS (rs_fileinfo_parent_class)->finalize (object);
}

static void
rs_fileinfo_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RsFileInfo *self = RS_FILE_INFO (object);

  switch (prop_id)
    {
    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;
    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;
    case PROP_CONTENT_TYPE:
      g_value_set_string (value, self->content_type);
      break;
    case PROP_ETAG:
      g_value_set_string (value, self->etag);
      break;
    case PROP_DIGEST:
      g_value_set_string (value, self->digest);
      break;
    case PROP_METADATA:
      g_value_set_boxed (value, self->metadata);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_fileinfo_class_init (RsFileInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rs_fileinfo_finalize;
  object_class->get_property = rs_fileinfo_get_property;

  /**
   * RsFileInfo:size:
   *
   * The size in bytes.
   */
  props[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0, ro);
  /**
   * RsFileInfo:modified:
   *
   * The last modification time, or %NULL when the backend has none.
   */
  props[PROP_MODIFIED] = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, ro);
  /**
   * RsFileInfo:content-type:
   *
   * The content type the backend stores, or %NULL.
   */
  props[PROP_CONTENT_TYPE] = g_param_spec_string ("content-type", NULL, NULL, NULL, ro);
  /**
   * RsFileInfo:etag:
   *
   * An opaque version tag that changes with the content, or %NULL.
   */
  props[PROP_ETAG] = g_param_spec_string ("etag", NULL, NULL, NULL, ro);
  /**
   * RsFileInfo:digest:
   *
   * A content digest as `algorithm:hex`, or %NULL.
   */
  props[PROP_DIGEST] = g_param_spec_string ("digest", NULL, NULL, NULL, ro);
  /**
   * RsFileInfo:metadata: (type GLib.HashTable(utf8,utf8))
   *
   * User metadata; %NULL when the backend lacks
   * %RS_CAPABILITY_USER_METADATA.
   */
  props[PROP_METADATA] = g_param_spec_boxed ("metadata", NULL, NULL, G_TYPE_HASH_TABLE, ro);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_fileinfo_init (RsFileInfo *self)
{
}

/**
 * rs_fileinfo_new:
 * @path: the file's key (for a backend) or path
 * @size: the size in bytes
 *
 * Creates a new file info.
 *
 * Returns: (transfer full): a new file info
 */
RsFileInfo *
rs_fileinfo_new (const char *path,
                 gint64      size)
{
  RsFileInfo *self = g_object_new (RS_TYPE_FILE_INFO, "path", path, NULL);

  self->size = MAX (size, 0);
  return self;
}

/**
 * rs_fileinfo_get_size:
 * @self: a file info
 *
 * Gets the size in bytes.
 *
 * Returns: the size in bytes
 */
gint64
rs_fileinfo_get_size (RsFileInfo *self)
{
  g_return_val_if_fail (RS_IS_FILE_INFO (self), 0);
  return self->size;
}

/**
 * rs_fileinfo_get_modified:
 * @self: a file info
 *
 * Gets the modification time.
 *
 * Returns: (transfer none) (nullable): the modification time
 */
GDateTime *
rs_fileinfo_get_modified (RsFileInfo *self)
{
  g_return_val_if_fail (RS_IS_FILE_INFO (self), NULL);
  return self->modified;
}

/**
 * rs_fileinfo_set_modified:
 * @self: a file info
 * @modified: (nullable): the modification time
 *
 * For backends: sets the modification time.
 */
void
rs_fileinfo_set_modified (RsFileInfo *self,
                          GDateTime  *modified)
{
  g_return_if_fail (RS_IS_FILE_INFO (self));
  g_clear_pointer (&self->modified, g_date_time_unref);
  self->modified = modified != NULL ? g_date_time_ref (modified) : NULL;
}

/**
 * rs_fileinfo_get_content_type:
 * @self: a file info
 *
 * Gets the content type.
 *
 * Returns: (nullable): the content type
 */
const char *
rs_fileinfo_get_content_type (RsFileInfo *self)
{
  g_return_val_if_fail (RS_IS_FILE_INFO (self), NULL);
  return self->content_type;
}

/**
 * rs_fileinfo_set_content_type:
 * @self: a file info
 * @content_type: (nullable): the content type
 *
 * For backends: sets the content type.
 */
void
rs_fileinfo_set_content_type (RsFileInfo *self,
                              const char *content_type)
{
  g_return_if_fail (RS_IS_FILE_INFO (self));
  rs_set_str (&self->content_type, content_type);
}

/**
 * rs_fileinfo_get_etag:
 * @self: a file info
 *
 * Gets the etag.
 *
 * Returns: (nullable): the etag
 */
const char *
rs_fileinfo_get_etag (RsFileInfo *self)
{
  g_return_val_if_fail (RS_IS_FILE_INFO (self), NULL);
  return self->etag;
}

/**
 * rs_fileinfo_set_etag:
 * @self: a file info
 * @etag: (nullable): the etag
 *
 * For backends: sets the etag.
 */
void
rs_fileinfo_set_etag (RsFileInfo *self,
                      const char *etag)
{
  g_return_if_fail (RS_IS_FILE_INFO (self));
  rs_set_str (&self->etag, etag);
}

/**
 * rs_fileinfo_get_digest:
 * @self: a file info
 *
 * Gets the digest, as `algorithm:hex`.
 *
 * Returns: (nullable): the digest, as `algorithm:hex`
 */
const char *
rs_fileinfo_get_digest (RsFileInfo *self)
{
  g_return_val_if_fail (RS_IS_FILE_INFO (self), NULL);
  return self->digest;
}

/**
 * rs_fileinfo_set_digest:
 * @self: a file info
 * @digest: (nullable): the digest, as `algorithm:hex`
 *
 * For backends: sets the digest.
 */
void
rs_fileinfo_set_digest (RsFileInfo *self,
                        const char *digest)
{
  g_return_if_fail (RS_IS_FILE_INFO (self));
  rs_set_str (&self->digest, digest);
}

/**
 * rs_fileinfo_get_metadata:
 * @self: a file info
 *
 * Gets the user metadata, %NULL when the backend has none.
 *
 * Returns: (transfer none) (nullable) (element-type utf8 utf8): the user
 *   metadata, %NULL when the backend has none
 */
GHashTable *
rs_fileinfo_get_metadata (RsFileInfo *self)
{
  g_return_val_if_fail (RS_IS_FILE_INFO (self), NULL);
  return self->metadata;
}

/**
 * rs_fileinfo_set_metadata:
 * @self: a file info
 * @metadata: (nullable) (element-type utf8 utf8): user metadata; copied
 *
 * For backends: sets the user metadata.
 */
void
rs_fileinfo_set_metadata (RsFileInfo *self,
                          GHashTable *metadata)
{
  g_return_if_fail (RS_IS_FILE_INFO (self));
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  self->metadata = rs_metadata_copy (metadata);
}
