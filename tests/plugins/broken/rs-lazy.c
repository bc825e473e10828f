/* rs-lazy.c: a valid plugin that tells when it has been loaded
 *
 * Its constructor records the loading process's id in the environment
 * variable RS_TEST_LAZY_LOADED (an id, not a flag, so that a value
 * inherited from a parent test process does not count). The tests check
 * that listing plugins, or using another plugin, leaves it unset.
 *
 * Its backend, "lazy", stores nothing; it exists to be created through the
 * registry and carries one secret option, `token`, and one plain option,
 * `level`, for the tests of option parsing and secret handling. */
#include <unistd.h>

#include <remotestore/remotestore.h>

__attribute__((constructor)) static void
lazy_loaded (void)
{
  char pid[32];

  g_snprintf (pid, sizeof pid, "%ld", (long) getpid ());
  g_setenv ("RS_TEST_LAZY_LOADED", pid, TRUE);
}

#define RS_TYPE_LAZY_BACKEND (rs_lazy_backend_get_type ())
G_DECLARE_FINAL_TYPE (RsLazyBackend, rs_lazy_backend, RS, LAZY_BACKEND, RsBackend)

struct _RsLazyBackend
{
  RsBackend parent_instance;

  RsSecret *token;
  guint level;
};

G_DEFINE_FINAL_TYPE (RsLazyBackend, rs_lazy_backend, RS_TYPE_BACKEND)

enum { PROP_0, PROP_TOKEN, PROP_LEVEL, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
rs_lazy_backend_constructed (GObject *object)
{
  G_OBJECT_CLASS (rs_lazy_backend_parent_class)->constructed (object);
  rs_backend_set_location (RS_BACKEND (object), "lazy://");
}

static void
rs_lazy_backend_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RsLazyBackend *self = RS_LAZY_BACKEND (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      g_value_set_boxed (value, self->token);
      break;
    case PROP_LEVEL:
      g_value_set_uint (value, self->level);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_lazy_backend_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RsLazyBackend *self = RS_LAZY_BACKEND (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      g_clear_pointer (&self->token, rs_secret_unref);
      self->token = g_value_dup_boxed (value);
      break;
    case PROP_LEVEL:
      self->level = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rs_lazy_backend_finalize (GObject *object)
{
  RsLazyBackend *self = RS_LAZY_BACKEND (object);

  g_clear_pointer (&self->token, rs_secret_unref);
  G_OBJECT_CLASS (rs_lazy_backend_parent_class)->finalize (object);
}

static void
rs_lazy_backend_class_init (RsLazyBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = rs_lazy_backend_constructed;
  object_class->get_property = rs_lazy_backend_get_property;
  object_class->set_property = rs_lazy_backend_set_property;
  object_class->finalize = rs_lazy_backend_finalize;
  RS_BACKEND_CLASS (klass)->name = "lazy";

  props[PROP_TOKEN] = g_param_spec_boxed ("token", NULL, "A credential (never printed)",
                                          RS_TYPE_SECRET, flags);
  props[PROP_LEVEL] = g_param_spec_uint ("level", NULL, "A plain number option", 0, 10, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
rs_lazy_backend_init (RsLazyBackend *self)
{
}

static gboolean
lazy_init (RsPluginInfo  *plugin,
           GError       **error)
{
  rs_plugin_info_register_backend (plugin, RS_TYPE_LAZY_BACKEND);
  return TRUE;
}

RS_PLUGIN_DEFINE (lazy, "lazy", "Test fixture: records when it is loaded", "1.0",
                  "LGPL-2.1-or-later", lazy_init)
