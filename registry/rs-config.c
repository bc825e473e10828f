/* rs-config.c: named backends and stores from a key file
 *
 *   [backend NAME]      type=PLUGIN, every other key an option of that
 *                       plugin's backend, retry-* keys a retry policy
 *   [store NAME]        backend=NAME, root-path=PATH (optional)
 *
 * A value may hold ${VAR} or ${VAR:-default}, resolved from the
 * environment when the backend is created, so that secrets need not sit
 * in the file; $$ is a literal $. */
#include "config.h"

#include "rs-registry-private.h"

typedef struct
{
  char *backend;
  char *root_path;
} StoreDef;

typedef struct
{
  char *group;
  char *type;
} BackendDef;

struct _RsConfig
{
  char *origin;
  GKeyFile *file;
  GHashTable *stores;       /* name → StoreDef */
  GHashTable *backends;     /* name → BackendDef */
};

static void
store_def_free (gpointer data)
{
  StoreDef *def = data;

  g_free (def->backend);
  g_free (def->root_path);
  g_free (def);
}

static void
backend_def_free (gpointer data)
{
  BackendDef *def = data;

  g_free (def->group);
  g_free (def->type);
  g_free (def);
}

void
rs_config_free (RsConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->origin);
  g_key_file_unref (config->file);
  g_hash_table_unref (config->stores);
  g_hash_table_unref (config->backends);
  g_free (config);
}

static gboolean
valid_name (const char *name)
{
  if (name[0] == '\0')
    return FALSE;
  for (const char *c = name; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_' && *c != '.')
      return FALSE;
  return TRUE;
}

static gboolean
fail (GError     **error,
      const char  *origin,
      const char  *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError     **error,
      const char  *origin,
      const char  *format,
      ...)
{
  va_list args;
  g_autofree char *reason = NULL;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT, _("Invalid configuration %s: %s"),
               origin, reason);
  return FALSE;
}

static gboolean
read_groups (RsConfig  *config,
             GError   **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (config->file, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];
      const char *name;

      if (g_str_has_prefix (group, "backend "))
        {
          BackendDef *def;

          name = group + strlen ("backend ");
          if (!valid_name (name))
            return fail (error, config->origin, _("“%s” is not a valid backend name"), name);
          def = g_new0 (BackendDef, 1);
          def->group = g_strdup (group);
          def->type = g_key_file_get_string (config->file, group, "type", NULL);
          g_hash_table_insert (config->backends, g_strdup (name), def);
          if (def->type == NULL || def->type[0] == '\0')
            return fail (error, config->origin, _("[%s] has no “type” key"), group);
        }
      else if (g_str_has_prefix (group, "store "))
        {
          StoreDef *def;

          name = group + strlen ("store ");
          if (!valid_name (name))
            return fail (error, config->origin, _("“%s” is not a valid store name"), name);
          def = g_new0 (StoreDef, 1);
          def->backend = g_key_file_get_string (config->file, group, "backend", NULL);
          def->root_path = g_key_file_get_string (config->file, group, "root-path", NULL);
          g_hash_table_insert (config->stores, g_strdup (name), def);
          if (def->backend == NULL)
            return fail (error, config->origin, _("[%s] has no “backend” key"), group);
        }
      else
        return fail (error, config->origin,
                     _("unknown group [%s]; expected [backend NAME] or [store NAME]"), group);
    }
  {
    GHashTableIter iter;
    gpointer name, value;

    g_hash_table_iter_init (&iter, config->stores);
    while (g_hash_table_iter_next (&iter, &name, &value))
      if (!g_hash_table_contains (config->backends, ((StoreDef *) value)->backend))
        return fail (error, config->origin, _("store “%s” names an undefined backend “%s”"),
                     (char *) name, ((StoreDef *) value)->backend);
  }
  return TRUE;
}

/* GKeyFile's parse errors quote the offending line, which may hold a
 * secret ("secret-key: …" for "secret-key=…"): say where it is instead. */
static void
describe_parse_error (const char    *data,
                      gssize         length,
                      const char    *origin,
                      const GError  *parse_error,
                      GError       **error)
{
  g_autofree char *text = g_strndup (data, length < 0 ? strlen (data) : (gsize) length);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  if (!g_error_matches (parse_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE))
    {
      fail (error, origin, _("it is not a valid key file (GKeyFile error %d)"), parse_error->code);
      return;
    }
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strchug (lines[i]);

      if (line[0] == '\0' || line[0] == '#' || line[0] == '[' || strchr (line, '=') != NULL)
        continue;
      fail (error, origin, _("line %u is neither a group, a key=value pair nor a comment"), i + 1);
      return;
    }
  fail (error, origin, _("it is not a valid key file (a malformed group or value)"));
}

RsConfig *
rs_config_new_from_data (const char  *data,
                         gssize       length,
                         const char  *origin,
                         GError     **error)
{
  RsConfig *config = g_new0 (RsConfig, 1);
  g_autoptr(GError) local = NULL;

  config->origin = g_strdup (origin);
  config->file = g_key_file_new ();
  config->stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, store_def_free);
  config->backends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, backend_def_free);
  if (!g_key_file_load_from_data (config->file, data, length < 0 ? strlen (data) : (gsize) length,
                                  G_KEY_FILE_NONE, &local))
    {
      describe_parse_error (data, length, origin, local, error);
      rs_config_free (config);
      return NULL;
    }
  if (!read_groups (config, error))
    {
      rs_config_free (config);
      return NULL;
    }
  return config;
}

/* The store @name: its backend and its root path with placeholders
 * expanded. FALSE without an error when no such store is configured. */
gboolean
rs_config_lookup_store (RsConfig     *config,
                        const char   *name,
                        const char  **backend,
                        char        **root_path,
                        GError      **error)
{
  StoreDef *def = g_hash_table_lookup (config->stores, name);
  g_autofree char *missing = NULL;

  *root_path = NULL;
  if (def == NULL)
    return FALSE;
  *backend = def->backend;
  if (def->root_path == NULL)
    return TRUE;
  *root_path = rs_config_expand (def->root_path, &missing);
  if (*root_path == NULL)
    return fail (error, config->origin,
                 _("the root-path of store “%s” needs the environment variable %s, which is not set"),
                 name, missing);
  return TRUE;
}

const char *
rs_config_backend_type (RsConfig   *config,
                        const char *backend)
{
  BackendDef *def = g_hash_table_lookup (config->backends, backend);

  return def != NULL ? def->type : NULL;
}

char **
rs_config_list_stores (RsConfig *config)
{
  GPtrArray *names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, config->stores);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, rs_compare_strings_indirect);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/* Expands ${VAR} and ${VAR:-default}; NULL with *missing set (to the
 * variable's name) when a variable without default is unset. */
char *
rs_config_expand (const char  *value,
                  char       **missing)
{
  GString *out = g_string_new (NULL);
  const char *p = value;

  while (*p != '\0')
    {
      const char *close;
      g_autofree char *inner = NULL;
      const char *fallback;
      const char *found;
      char *sep;

      if (p[0] == '$' && p[1] == '$')
        {
          g_string_append_c (out, '$');
          p += 2;
          continue;
        }
      if (p[0] != '$' || p[1] != '{' || (close = strchr (p + 2, '}')) == NULL)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      inner = g_strndup (p + 2, close - (p + 2));
      sep = strstr (inner, ":-");
      fallback = NULL;
      if (sep != NULL)
        {
          *sep = '\0';
          fallback = sep + 2;
        }
      found = g_getenv (inner);
      if (found == NULL || (found[0] == '\0' && fallback != NULL))
        found = fallback;
      if (found == NULL)
        {
          *missing = g_strdup (inner);
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append (out, found);
      p = close + 1;
    }
  return g_string_free (out, FALSE);
}

GHashTable *
rs_config_backend_options (RsConfig    *config,
                           const char  *backend,
                           GError     **error)
{
  BackendDef *def = g_hash_table_lookup (config->backends, backend);
  g_auto(GStrv) keys = g_key_file_get_keys (config->file, def->group, NULL, NULL);
  GHashTable *options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *raw = g_key_file_get_string (config->file, def->group, keys[i], NULL);
      char *missing = NULL;
      char *value;

      if (strcmp (keys[i], "type") == 0)
        continue;
      value = rs_config_expand (raw != NULL ? raw : "", &missing);
      if (value == NULL)
        {
          fail (error, config->origin,
                _("option “%s” of backend “%s” needs the environment variable %s, which is not set"),
                keys[i], backend, missing);
          g_free (missing);
          g_hash_table_unref (options);
          return NULL;
        }
      g_hash_table_insert (options, g_strdup (keys[i]), value);
    }
  return options;
}
