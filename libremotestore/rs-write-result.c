/* rs-write-result.c: what a write produced */
#include "config.h"

#include "rs-private.h"

/**
 * RsWriteResult:
 *
 * What a write produced. `size` is the exact number of bytes written.
 * With source %RS_RESULT_SOURCE_NATIVE (backends declaring
 * %RS_CAPABILITY_WRITE_RESULT_NATIVE) the etag, version id, modification
 * time and digest come from the write response and equal what
 * rs_store_get_file_info() reports next; with %RS_RESULT_SOURCE_BASIC only
 * the path and size are set; rs_store_head() builds one from a file info
 * with %RS_RESULT_SOURCE_SIDECAR. Metadata is echoed as given.
 */
struct _RsWriteResult
{
  GObject parent_instance;

  char *path;
  gint64 size;
  RsResultSource source;
  char *etag;
  char *version_id;
  GDateTime *last_modified;
  char *digest;
  GHashTable *metadata;
};

G_DEFINE_FINAL_TYPE (RsWriteResult, rs_write_result, G_TYPE_OBJECT)

enum { PROP_0, PROP_PATH, PROP_SIZE, PROP_SOURCE, PROP_ETAG, PROP_VERSION_ID,
       PROP_LAST_MODIFIED, PROP_DIGEST, PROP_METADATA, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
rs_write_result_finalize (GObject *object)
{
  RsWriteResult *self = RS_WRITE_RESULT (object);

  g_free (self->path);
  g_free (self->etag);
  g_free (self->version_id);
  g_clear_pointer (&self->last_modified, g_date_time_unref);
  g_free (self->digest);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  G_OBJECT_CLASS (rs_write_result_parent_class)->finalize (object);
}

static void
rs_write_result_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RsWriteResult *self = RS_WRITE_RESULT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;
    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;
    case PROP_ETAG:
      g_value_set_string (value, self->etag);
      break;
    case PROP_VERSION_ID:
      g_value_set_string (value, self->version_id);
      break;
    case PROP_LAST_MODIFIED:
      g_value_set_boxed (value, self->last_modified);
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
rs_write_result_class_init (RsWriteResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rs_write_result_finalize;
  object_class->get_property = rs_write_result_get_property;

  /**
   * RsWriteResult:path:
   *
   * The store-relative path written.
   */
  props[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, "", ro);
  /**
   * RsWriteResult:size:
   *
   * The exact number of bytes written.
   */
  props[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0, ro);
  /**
   * RsWriteResult:source:
   *
   * Where the other fields come from.
   */
  props[PROP_SOURCE] = g_param_spec_enum ("source", NULL, NULL, RS_TYPE_RESULT_SOURCE,
                                          RS_RESULT_SOURCE_BASIC, ro);
  /**
   * RsWriteResult:etag:
   *
   * The etag, or %NULL.
   */
  props[PROP_ETAG] = g_param_spec_string ("etag", NULL, NULL, NULL, ro);
  /**
   * RsWriteResult:version-id:
   *
   * The version id on versioned backends, or %NULL.
   */
  props[PROP_VERSION_ID] = g_param_spec_string ("version-id", NULL, NULL, NULL, ro);
  /**
   * RsWriteResult:last-modified:
   *
   * The modification time, or %NULL.
   */
  props[PROP_LAST_MODIFIED] = g_param_spec_boxed ("last-modified", NULL, NULL, G_TYPE_DATE_TIME, ro);
  /**
   * RsWriteResult:digest:
   *
   * A content digest as `algorithm:hex`, or %NULL.
   */
  props[PROP_DIGEST] = g_param_spec_string ("digest", NULL, NULL, NULL, ro);
  /**
   * RsWriteResult:metadata: (type GLib.HashTable(utf8,utf8))
   *
   * The user metadata as given to the write, or %NULL.
   */
  props[PROP_METADATA] = g_param_spec_boxed ("metadata", NULL, NULL, G_TYPE_HASH_TABLE, ro);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_write_result_init (RsWriteResult *self)
{
}

/**
 * rs_write_result_new:
 * @path: the key or path written
 * @size: the number of bytes written
 * @source: where the fields come from
 *
 * Creates a new write result.
 *
 * Returns: (transfer full): a new write result
 */
RsWriteResult *
rs_write_result_new (const char     *path,
                     gint64          size,
                     RsResultSource  source)
{
  RsWriteResult *self = g_object_new (RS_TYPE_WRITE_RESULT, NULL);

  self->path = g_strdup (path);
  self->size = size;
  self->source = source;
  return self;
}

/* Internal: the store rewrites keys into paths and fixes the source. */
void
rs_write_result_set_path (RsWriteResult *self,
                          const char    *path)
{
  rs_set_str (&self->path, path);
}

void
rs_write_result_set_source (RsWriteResult  *self,
                            RsResultSource  source)
{
  self->source = source;
}

void
rs_write_result_set_size (RsWriteResult *self,
                          gint64         size)
{
  self->size = size;
}

/* Internal: keep only the fields a BASIC result may carry. */
void
rs_write_result_clear_native (RsWriteResult *self)
{
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->version_id, g_free);
  g_clear_pointer (&self->last_modified, g_date_time_unref);
  g_clear_pointer (&self->digest, g_free);
}

/**
 * rs_write_result_get_path:
 * @self: a write result
 *
 * Gets the store-relative path.
 *
 * Returns: the store-relative path
 */
const char *
rs_write_result_get_path (RsWriteResult *self)
{
  g_return_val_if_fail (RS_IS_WRITE_RESULT (self), NULL);
  return self->path;
}

/**
 * rs_write_result_get_size:
 * @self: a write result
 *
 * Gets the number of bytes written.
 *
 * Returns: the number of bytes written
 */
gint64
rs_write_result_get_size (RsWriteResult *self)
{
  g_return_val_if_fail (RS_IS_WRITE_RESULT (self), 0);
  return self->size;
}

/**
 * rs_write_result_get_source:
 * @self: a write result
 *
 * Gets where the fields come from.
 *
 * Returns: where the fields come from
 */
RsResultSource
rs_write_result_get_source (RsWriteResult *self)
{
  g_return_val_if_fail (RS_IS_WRITE_RESULT (self), RS_RESULT_SOURCE_BASIC);
  return self->source;
}

/**
 * rs_write_result_get_etag:
 * @self: a write result
 *
 * Gets the etag.
 *
 * Returns: (nullable): the etag
 */
const char *
rs_write_result_get_etag (RsWriteResult *self)
{
  g_return_val_if_fail (RS_IS_WRITE_RESULT (self), NULL);
  return self->etag;
}

/**
 * rs_write_result_set_etag:
 * @self: a write result
 * @etag: (nullable): the etag
 *
 * For backends: sets the etag.
 */
void
rs_write_result_set_etag (RsWriteResult *self,
                          const char    *etag)
{
  g_return_if_fail (RS_IS_WRITE_RESULT (self));
  rs_set_str (&self->etag, etag);
}

/**
 * rs_write_result_get_version_id:
 * @self: a write result
 *
 * Gets the version id.
 *
 * Returns: (nullable): the version id
 */
const char *
rs_write_result_get_version_id (RsWriteResult *self)
{
  g_return_val_if_fail (RS_IS_WRITE_RESULT (self), NULL);
  return self->version_id;
}

/**
 * rs_write_result_set_version_id:
 * @self: a write result
 * @version_id: (nullable): the version id
 *
 * For backends: sets the version id.
 */
void
rs_write_result_set_version_id (RsWriteResult *self,
                                const char    *version_id)
{
  g_return_if_fail (RS_IS_WRITE_RESULT (self));
  rs_set_str (&self->version_id, version_id);
}

/**
 * rs_write_result_get_last_modified:
 * @self: a write result
 *
 * Gets the modification time.
 *
 * Returns: (transfer none) (nullable): the modification time
 */
GDateTime *
rs_write_result_get_last_modified (RsWriteResult *self)
{
  g_return_val_if_fail (RS_IS_WRITE_RESULT (self), NULL);
  return self->last_modified;
}

/**
 * rs_write_result_set_last_modified:
 * @self: a write result
 * @last_modified: (nullable): the modification time
 *
 * For backends: sets the modification time.
 */
void
rs_write_result_set_last_modified (RsWriteResult *self,
                                   GDateTime     *last_modified)
{
  g_return_if_fail (RS_IS_WRITE_RESULT (self));
  g_clear_pointer (&self->last_modified, g_date_time_unref);
  self->last_modified = last_modified != NULL ? g_date_time_ref (last_modified) : NULL;
}

/**
 * rs_write_result_get_digest:
 * @self: a write result
 *
 * Gets the digest.
 *
 * Returns: (nullable): the digest
 */
const char *
rs_write_result_get_digest (RsWriteResult *self)
{
  g_return_val_if_fail (RS_IS_WRITE_RESULT (self), NULL);
  return self->digest;
}

/**
 * rs_write_result_set_digest:
 * @self: a write result
 * @digest: (nullable): the digest, as `algorithm:hex`
 *
 * For backends: sets the digest.
 */
void
rs_write_result_set_digest (RsWriteResult *self,
                            const char    *digest)
{
  g_return_if_fail (RS_IS_WRITE_RESULT (self));
  rs_set_str (&self->digest, digest);
}

/**
 * rs_write_result_get_metadata:
 * @self: a write result
 *
 * Gets the metadata.
 *
 * Returns: (transfer none) (nullable) (element-type utf8 utf8): the metadata
 */
GHashTable *
rs_write_result_get_metadata (RsWriteResult *self)
{
  g_return_val_if_fail (RS_IS_WRITE_RESULT (self), NULL);
  return self->metadata;
}

/**
 * rs_write_result_set_metadata:
 * @self: a write result
 * @metadata: (nullable) (element-type utf8 utf8): the metadata; copied
 *
 * Sets the metadata.
 */
void
rs_write_result_set_metadata (RsWriteResult *self,
                              GHashTable    *metadata)
{
  g_return_if_fail (RS_IS_WRITE_RESULT (self));
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  self->metadata = rs_metadata_copy (metadata);
}
