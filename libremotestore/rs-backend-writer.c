/* rs-backend-writer.c: a backend's pending write */
#include "config.h"

#include "rs-private.h"

/**
 * RsBackendWriter:
 *
 * A write in progress on a backend, returned by the `open_write`
 * primitive: bytes go in with `write`, and the write ends with exactly one
 * of `commit` (the content becomes visible under the key) or `abort`
 * (nothing becomes visible where the backend writes atomically, and no
 * temporary object remains). The core wraps it in the #GOutputStream that
 * rs_store_open_write() returns.
 */
typedef struct
{
  RsBackend *backend;
  char *key;
} RsBackendWriterPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RsBackendWriter, rs_backend_writer, G_TYPE_OBJECT)

enum { PROP_0, PROP_BACKEND, PROP_KEY, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
rs_backend_writer_finalize (GObject *object)
{
  RsBackendWriterPrivate *priv = rs_backend_writer_get_instance_private (RS_BACKEND_WRITER (object));

  g_clear_object (&priv->backend);
  g_free (priv->key);
  G_OBJECT_CLASS (rs_backend_writer_parent_class)->finalize (object);
}

static void
rs_backend_writer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RsBackendWriterPrivate *priv = rs_backend_writer_get_instance_private (RS_BACKEND_WRITER (object));

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, priv->backend);
      break;
    case PROP_KEY:
      g_value_set_string (value, priv->key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_backend_writer_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RsBackendWriterPrivate *priv = rs_backend_writer_get_instance_private (RS_BACKEND_WRITER (object));

  switch (prop_id)
    {
    case PROP_BACKEND:
      priv->backend = g_value_dup_object (value);
      break;
    case PROP_KEY:
      priv->key = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_backend_writer_class_init (RsBackendWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rs_backend_writer_finalize;
  object_class->get_property = rs_backend_writer_get_property;
  object_class->set_property = rs_backend_writer_set_property;

  /**
   * RsBackendWriter:backend:
   *
   * The backend written to.
   */
  props[PROP_BACKEND] = g_param_spec_object ("backend", NULL, NULL, RS_TYPE_BACKEND,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                             G_PARAM_STATIC_STRINGS);
  /**
   * RsBackendWriter:key:
   *
   * The key written.
   */
  props[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL,
                                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_backend_writer_init (RsBackendWriter *self)
{
}

/**
 * rs_backend_writer_get_backend:
 * @self: a writer
 *
 * Gets the backend written to.
 *
 * Returns: (transfer none): the backend written to
 */
RsBackend *
rs_backend_writer_get_backend (RsBackendWriter *self)
{
  RsBackendWriterPrivate *priv = rs_backend_writer_get_instance_private (self);

  g_return_val_if_fail (RS_IS_BACKEND_WRITER (self), NULL);
  return priv->backend;
}

/**
 * rs_backend_writer_get_key:
 * @self: a writer
 *
 * Gets the key written.
 *
 * Returns: the key written
 */
const char *
rs_backend_writer_get_key (RsBackendWriter *self)
{
  RsBackendWriterPrivate *priv = rs_backend_writer_get_instance_private (self);

  g_return_val_if_fail (RS_IS_BACKEND_WRITER (self), NULL);
  return priv->key;
}
