/* rs-entry.c: base class of listing results */
#include "config.h"

#include "rs-private.h"

/**
 * RsEntry:
 *
 * One result of a listing: an #RsFileInfo or an #RsFolderEntry. Its path is
 * store-relative and can be passed straight back to the store.
 */
typedef struct
{
  char *path;
  char *name;
} RsEntryPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RsEntry, rs_entry, G_TYPE_OBJECT)

enum { PROP_0, PROP_PATH, PROP_NAME, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
rs_entry_finalize (GObject *object)
{
  RsEntryPrivate *priv = rs_entry_get_instance_private (RS_ENTRY (object));

  g_free (priv->path);
  g_free (priv->name);
  G_OBJECT_CLASS (rs_entry_parent_class)->finalize (object);
}

static void
rs_entry_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RsEntry *self = RS_ENTRY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, rs_entry_get_path (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, rs_entry_get_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_entry_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PATH:
      rs_entry_set_path (RS_ENTRY (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_entry_class_init (RsEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rs_entry_finalize;
  object_class->get_property = rs_entry_get_property;
  object_class->set_property = rs_entry_set_property;

  /**
   * RsEntry:path:
   *
   * The store-relative path of the entry (backend key while a backend
   * builds it; the store rewrites it before the caller sees it).
   */
  props[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, "",
                                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                          G_PARAM_STATIC_STRINGS);
  /**
   * RsEntry:name:
   *
   * The last segment of the path.
   */
  props[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "",
                                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_entry_init (RsEntry *self)
{
}

/**
 * rs_entry_get_path:
 * @self: an entry
 *
 * Gets the store-relative path.
 *
 * Returns: the store-relative path
 */
const char *
rs_entry_get_path (RsEntry *self)
{
  RsEntryPrivate *priv = rs_entry_get_instance_private (self);

  g_return_val_if_fail (RS_IS_ENTRY (self), NULL);
  return priv->path != NULL ? priv->path : "";
}

/**
 * rs_entry_get_name:
 * @self: an entry
 *
 * Gets the last segment of the path.
 *
 * Returns: the last segment of the path
 */
const char *
rs_entry_get_name (RsEntry *self)
{
  RsEntryPrivate *priv = rs_entry_get_instance_private (self);

  g_return_val_if_fail (RS_IS_ENTRY (self), NULL);
  return priv->name != NULL ? priv->name : "";
}

/* Internal: the store rewrites backend keys into store paths in place. */
void
rs_entry_set_path (RsEntry    *self,
                   const char *path)
{
  RsEntryPrivate *priv = rs_entry_get_instance_private (self);
  const char *slash;

  g_free (priv->path);
  g_free (priv->name);
  priv->path = g_strdup (path != NULL ? path : "");
  slash = strrchr (priv->path, '/');
  priv->name = g_strdup (slash != NULL ? slash + 1 : priv->path);
}
