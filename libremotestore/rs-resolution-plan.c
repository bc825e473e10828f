/* rs-resolution-plan.c: how a store path maps onto its backend */
#include "config.h"

#include <stdlib.h>

#include "rs-private.h"

/**
 * RsResolutionPlan:
 *
 * How a store path maps onto its backend, computed without I/O by
 * rs_store_resolve(): the backend name, the backend key, the backend's
 * native path, and details (string → string) such as the namespace kind,
 * the root path, the capabilities and whatever the backend adds. Never a
 * secret.
 *
 * The kind is `"root"` for the store root, `"path"` for any other valid
 * path, and `"invalid"` for a path the store refuses (the detail `error`
 * then says why).
 */
struct _RsResolutionPlan
{
  GObject parent_instance;

  char *kind;
  char *backend;
  char *key;
  char *native_path;
  GHashTable *details;
};

G_DEFINE_FINAL_TYPE (RsResolutionPlan, rs_resolution_plan, G_TYPE_OBJECT)

enum { PROP_0, PROP_KIND, PROP_BACKEND, PROP_KEY, PROP_NATIVE_PATH, PROP_DETAILS, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
rs_resolution_plan_finalize (GObject *object)
{
  RsResolutionPlan *self = RS_RESOLUTION_PLAN (object);

  g_free (self->kind);
  g_free (self->backend);
  g_free (self->key);
  g_free (self->native_path);
  g_hash_table_unref (self->details);
  G_OBJECT_CLASS (rs_resolution_plan_parent_class)->finalize (object);
}

static void
rs_resolution_plan_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RsResolutionPlan *self = RS_RESOLUTION_PLAN (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_BACKEND:
      g_value_set_string (value, self->backend);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_NATIVE_PATH:
      g_value_set_string (value, self->native_path);
      break;
    case PROP_DETAILS:
      g_value_set_boxed (value, self->details);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_resolution_plan_class_init (RsResolutionPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rs_resolution_plan_finalize;
  object_class->get_property = rs_resolution_plan_get_property;

  /**
   * RsResolutionPlan:kind:
   *
   * `"root"`, `"path"` or `"invalid"`.
   */
  props[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, ro);
  /**
   * RsResolutionPlan:backend:
   *
   * The backend's type name.
   */
  props[PROP_BACKEND] = g_param_spec_string ("backend", NULL, NULL, NULL, ro);
  /**
   * RsResolutionPlan:key:
   *
   * The backend key, %NULL when the path is invalid.
   */
  props[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, ro);
  /**
   * RsResolutionPlan:native-path:
   *
   * The backend's native name for the key, %NULL when the path is invalid.
   */
  props[PROP_NATIVE_PATH] = g_param_spec_string ("native-path", NULL, NULL, NULL, ro);
  /**
   * RsResolutionPlan:details: (type GLib.HashTable(utf8,utf8))
   *
   * More facts, string → string; never a secret.
   */
  props[PROP_DETAILS] = g_param_spec_boxed ("details", NULL, NULL, G_TYPE_HASH_TABLE, ro);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_resolution_plan_init (RsResolutionPlan *self)
{
  self->details = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Internal: built by rs_store_resolve(); takes @details. */
RsResolutionPlan *
rs_resolution_plan_new (const char *kind,
                        const char *backend,
                        const char *key,
                        const char *native_path,
                        GHashTable *details)
{
  RsResolutionPlan *self = g_object_new (RS_TYPE_RESOLUTION_PLAN, NULL);

  self->kind = g_strdup (kind);
  self->backend = g_strdup (backend);
  self->key = g_strdup (key);
  self->native_path = g_strdup (native_path);
  if (details != NULL)
    {
      g_hash_table_unref (self->details);
      self->details = details;
    }
  return self;
}

/**
 * rs_resolution_plan_get_kind:
 * @self: a plan
 *
 * Gets the kind of the plan: `"root"`, `"path"` or `"invalid"`.
 *
 * Returns: `"root"`, `"path"` or `"invalid"`
 */
const char *
rs_resolution_plan_get_kind (RsResolutionPlan *self)
{
  g_return_val_if_fail (RS_IS_RESOLUTION_PLAN (self), NULL);
  return self->kind;
}

/**
 * rs_resolution_plan_get_backend:
 * @self: a plan
 *
 * Gets the backend's type name.
 *
 * Returns: the backend's type name
 */
const char *
rs_resolution_plan_get_backend (RsResolutionPlan *self)
{
  g_return_val_if_fail (RS_IS_RESOLUTION_PLAN (self), NULL);
  return self->backend;
}

/**
 * rs_resolution_plan_get_key:
 * @self: a plan
 *
 * Gets the backend key.
 *
 * Returns: (nullable): the backend key
 */
const char *
rs_resolution_plan_get_key (RsResolutionPlan *self)
{
  g_return_val_if_fail (RS_IS_RESOLUTION_PLAN (self), NULL);
  return self->key;
}

/**
 * rs_resolution_plan_get_native_path:
 * @self: a plan
 *
 * Gets the backend's native path.
 *
 * Returns: (nullable): the backend's native path
 */
const char *
rs_resolution_plan_get_native_path (RsResolutionPlan *self)
{
  g_return_val_if_fail (RS_IS_RESOLUTION_PLAN (self), NULL);
  return self->native_path;
}

/**
 * rs_resolution_plan_get_details:
 * @self: a plan
 *
 * Gets the details.
 *
 * Returns: (transfer none) (element-type utf8 utf8): the details
 */
GHashTable *
rs_resolution_plan_get_details (RsResolutionPlan *self)
{
  g_return_val_if_fail (RS_IS_RESOLUTION_PLAN (self), NULL);
  return self->details;
}

/**
 * rs_resolution_plan_to_string:
 * @self: a plan
 *
 * A multi-line human-readable form, details sorted by key.
 *
 * Returns: (transfer full): the text
 */
char *
rs_resolution_plan_to_string (RsResolutionPlan *self)
{
  GString *out = g_string_new (NULL);
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  g_return_val_if_fail (RS_IS_RESOLUTION_PLAN (self), NULL);

  g_string_append_printf (out, "kind: %s\nbackend: %s\n", self->kind, self->backend);
  if (self->key != NULL)
    g_string_append_printf (out, "key: %s\nnative-path: %s\n", self->key, self->native_path);
  keys = g_hash_table_get_keys_as_array (self->details, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), rs_compare_strings_indirect);
  for (guint i = 0; i < n_keys; i++)
    g_string_append_printf (out, "%s: %s\n", (char *) keys[i],
                            (char *) g_hash_table_lookup (self->details, keys[i]));
  return g_string_free (out, FALSE);
}
