/* rs-tool-location.c: from what the user typed to a store and a key
 *
 * A location is a URI (`scheme://…/path`), `NAME:path` for a store of the
 * configuration file, or a plain local path (a `file://` store). A store's
 * root is a folder, and files need a key inside it, so each location is
 * split into a store rooted at a folder and a key below it. Locations of
 * one command that share a backend (same scheme, authority and query, the
 * same named store, or both local) share one store rooted at their
 * deepest common folder: a copy or move between them then stays inside
 * one store, where the backend can do it natively (a rename, a server-side
 * copy). For a single location the root is its parent folder, so a local
 * store never reaches above the folder holding the file (or above its
 * deepest existing ancestor, when a write is to create folders). */
#include "rs-tool.h"

#include <string.h>

typedef enum
{
  KIND_URI,
  KIND_NAMED,
  KIND_PATH,
} LocationKind;

typedef struct
{
  LocationKind kind;
  GUri *uri;           /* KIND_URI */
  char *name;          /* KIND_NAMED */
  char *group;         /* locations with the same group share a store */
  char **segments;     /* the path, split, without empty and "." parts */
  guint n_segments;
  guint n_root;        /* how many leading segments the store root takes */
} ParsedLocation;

static void
parsed_location_clear (ParsedLocation *parsed)
{
  g_clear_pointer (&parsed->uri, g_uri_unref);
  g_clear_pointer (&parsed->name, g_free);
  g_clear_pointer (&parsed->group, g_free);
  g_clear_pointer (&parsed->segments, g_strfreev);
}

static char **
split_segments (const char *path,
                guint      *n_segments)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  GPtrArray *kept = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0' && strcmp (parts[i], ".") != 0)
      g_ptr_array_add (kept, g_strdup (parts[i]));
  *n_segments = kept->len;
  g_ptr_array_add (kept, NULL);
  return (char **) g_ptr_array_free (kept, FALSE);
}

/* The registry's rule for `NAME:`: letters, digits, `-`, `_`, `.`. */
static gboolean
is_store_name (const char  *location,
               char       **name,
               const char **subpath)
{
  const char *colon = strchr (location, ':');

  if (colon == NULL || colon == location)
    return FALSE;
  for (const char *c = location; c < colon; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_' && *c != '.')
      return FALSE;
  *name = g_strndup (location, colon - location);
  *subpath = colon + 1;
  return TRUE;
}

static gboolean
parse_location (const char      *location,
                gboolean         plain_path,
                ParsedLocation  *parsed,
                GError         **error)
{
  g_autofree char *scheme = NULL;
  const char *subpath = NULL;
  g_autoptr(GError) local = NULL;

  if (!plain_path && strstr (location, "://") != NULL &&
      (scheme = g_uri_parse_scheme (location)) != NULL)
    {
      parsed->kind = KIND_URI;
      parsed->uri = g_uri_parse (location, G_URI_FLAGS_ENCODED_QUERY, &local);
      if (parsed->uri == NULL)
        {
          g_autofree char *shown = rs_tool_redact_location (location);

          /* GLib's message quotes the URI whole: keep only ours. */
          g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT, _("Invalid URI “%s”"), shown);
          return FALSE;
        }
      parsed->group = g_strdup_printf ("uri\n%s\n%s\n%s\n%d\n%s", g_uri_get_scheme (parsed->uri),
                                       g_uri_get_userinfo (parsed->uri) ? g_uri_get_userinfo (parsed->uri) : "",
                                       g_uri_get_host (parsed->uri) ? g_uri_get_host (parsed->uri) : "",
                                       g_uri_get_port (parsed->uri),
                                       g_uri_get_query (parsed->uri) ? g_uri_get_query (parsed->uri) : "");
      parsed->segments = split_segments (g_uri_get_path (parsed->uri), &parsed->n_segments);
    }
  else if (!plain_path && is_store_name (location, &parsed->name, &subpath))
    {
      parsed->kind = KIND_NAMED;
      parsed->group = g_strdup_printf ("name\n%s", parsed->name);
      parsed->segments = split_segments (subpath, &parsed->n_segments);
    }
  else
    {
      g_autofree char *absolute = g_canonicalize_filename (location, NULL);

      parsed->kind = KIND_PATH;
      parsed->group = g_strdup ("path");
      parsed->segments = split_segments (absolute, &parsed->n_segments);
    }
  return TRUE;
}

static char *
join_segments (char  **segments,
               guint   from,
               guint   to)
{
  GString *joined = g_string_new (NULL);

  for (guint i = from; i < to; i++)
    {
      if (joined->len > 0)
        g_string_append_c (joined, '/');
      g_string_append (joined, segments[i]);
    }
  return g_string_free (joined, FALSE);
}

static gboolean
is_local (ParsedLocation *parsed)
{
  return parsed->kind == KIND_PATH ||
         (parsed->kind == KIND_URI && g_ascii_strcasecmp (g_uri_get_scheme (parsed->uri), "file") == 0);
}

static gboolean
folder_exists (ParsedLocation *parsed)
{
  g_autofree char *root = join_segments (parsed->segments, 0, parsed->n_root);
  g_autofree char *path = g_strconcat ("/", root, NULL);

  return g_file_test (path, G_FILE_TEST_IS_DIR);
}

/* The location the registry opens for the store rooted at @parsed's
 * first n_root segments. */
static char *
store_location (ParsedLocation *parsed)
{
  g_autofree char *root = join_segments (parsed->segments, 0, parsed->n_root);
  g_autofree char *path = NULL;
  g_autoptr(GUri) uri = NULL;

  switch (parsed->kind)
    {
    case KIND_URI:
      /* Keep an empty path empty: for some schemes it is not "/". */
      path = parsed->n_root == 0 && g_uri_get_path (parsed->uri)[0] == '\0'
        ? g_strdup ("") : g_strconcat ("/", root, NULL);
      uri = g_uri_build (G_URI_FLAGS_ENCODED_QUERY, g_uri_get_scheme (parsed->uri),
                         g_uri_get_userinfo (parsed->uri), g_uri_get_host (parsed->uri),
                         g_uri_get_port (parsed->uri), path, g_uri_get_query (parsed->uri), NULL);
      return g_uri_to_string (uri);
    case KIND_NAMED:
      return g_strconcat (parsed->name, ":", root, NULL);
    case KIND_PATH:
    default:
      path = g_strconcat ("/", root, NULL);
      return g_filename_to_uri (path, NULL, NULL);
    }
}

/* Query keys whose values are credentials (SAS signatures, keys, tokens,
 * passwords): never printed. */
static gboolean
is_secret_key (const char *key)
{
  static const char *const words[] = { "sig", "secret", "password", "passwd", "token", "key",
                                       "sas", "credential", "signature" };
  g_autofree char *lower = g_ascii_strdown (key, -1);

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The location as messages show it: a URI's password and secret query
 * values become "***". Anything that does not parse as a URI is shown as
 * typed (a path or NAME:path holds no secret; the config file does). */
char *
rs_tool_redact_location (const char *location)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) query = NULL;
  g_autoptr(GUri) shown = NULL;

  if (strstr (location, "://") == NULL ||
      (uri = g_uri_parse (location, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD, NULL)) == NULL)
    return strstr (location, "://") != NULL ? g_strdup ("***") : g_strdup (location);
  if (g_uri_get_query (uri) != NULL)
    {
      g_auto(GStrv) pairs = g_strsplit (g_uri_get_query (uri), "&", -1);

      query = g_string_new (NULL);
      for (guint i = 0; pairs[i] != NULL; i++)
        {
          const char *equals = strchr (pairs[i], '=');
          g_autofree char *key = g_strndup (pairs[i], equals != NULL ? (gsize) (equals - pairs[i])
                                                                      : strlen (pairs[i]));

          if (i > 0)
            g_string_append_c (query, '&');
          if (equals != NULL && is_secret_key (key))
            g_string_append_printf (query, "%s=***", key);
          else
            g_string_append (query, pairs[i]);
        }
    }
  shown = g_uri_build_with_user (G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD, g_uri_get_scheme (uri),
                                 g_uri_get_user (uri),
                                 g_uri_get_password (uri) != NULL ? "***" : NULL,
                                 g_uri_get_auth_params (uri), g_uri_get_host (uri), g_uri_get_port (uri),
                                 g_uri_get_path (uri), query != NULL ? query->str : NULL,
                                 g_uri_get_fragment (uri));
  return g_uri_to_string (shown);
}

/* Stores opened in this run, by the location the registry opened: one
 * backend per store, shared by every command step that names it. */
static GHashTable *
open_stores (void)
{
  static GHashTable *stores;

  if (stores == NULL)
    stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return stores;
}

static RsStore *
open_store (const char  *location,
            GError     **error)
{
  RsStore *store = g_hash_table_lookup (open_stores (), location);

  if (store == NULL)
    {
      store = rs_registry_open (rs_registry_get_default (), location, error);
      if (store == NULL)
        return NULL;
      g_hash_table_insert (open_stores (), g_strdup (location), store);
    }
  return g_object_ref (store);
}

/**
 * rs_tool_locate:
 * @locations: what the user typed
 * @n_locations: how many
 * @plain_paths: (nullable) (array length=n_locations): which locations are
 *   local paths whatever they look like (`put`'s sources, `get`'s
 *   destination)
 * @out: (array length=n_locations): filled with a store and key each
 *
 * Returns: %TRUE, or %FALSE with @error naming the location
 */
gboolean
rs_tool_locate (const char * const *locations,
                guint               n_locations,
                const gboolean     *plain_paths,
                RsToolLocation     *out,
                GError            **error)
{
  g_autofree ParsedLocation *parsed = g_new0 (ParsedLocation, n_locations);
  gboolean ok = TRUE;

  for (guint i = 0; i < n_locations && ok; i++)
    ok = parse_location (locations[i], plain_paths != NULL && plain_paths[i], &parsed[i], error);

  /* Each location's root is the deepest folder above every location of
   * its group (its parent folder when alone). */
  for (guint i = 0; i < n_locations && ok; i++)
    {
      guint root = parsed[i].n_segments > 0 ? parsed[i].n_segments - 1 : 0;

      for (guint j = 0; j < n_locations; j++)
        {
          guint common = 0;
          guint parent = parsed[j].n_segments > 0 ? parsed[j].n_segments - 1 : 0;

          if (strcmp (parsed[i].group, parsed[j].group) != 0)
            continue;
          while (common < root && common < parent &&
                 strcmp (parsed[i].segments[common], parsed[j].segments[common]) == 0)
            common++;
          root = common;
        }
      parsed[i].n_root = root;
      /* The local plugin opens its root folder: root a local store at the
       * deepest folder that exists, so a write can create the rest. */
      if (is_local (&parsed[i]))
        while (parsed[i].n_root > 0 && !folder_exists (&parsed[i]))
          parsed[i].n_root--;
    }

  for (guint i = 0; i < n_locations && ok; i++)
    {
      g_autofree char *store_uri = store_location (&parsed[i]);
      g_autoptr(GError) local = NULL;

      out[i].display = rs_tool_redact_location (locations[i]);
      out[i].key = join_segments (parsed[i].segments, parsed[i].n_root, parsed[i].n_segments);
      out[i].store = open_store (store_uri, &local);
      if (out[i].store == NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", out[i].display);
          ok = FALSE;
        }
    }

  for (guint i = 0; i < n_locations; i++)
    parsed_location_clear (&parsed[i]);
  if (!ok)
    for (guint i = 0; i < n_locations; i++)
      rs_tool_location_clear (&out[i]);
  return ok;
}

void
rs_tool_location_clear (RsToolLocation *location)
{
  g_clear_object (&location->store);
  g_clear_pointer (&location->key, g_free);
  g_clear_pointer (&location->display, g_free);
}

char *
rs_tool_join_key (const char *folder,
                  const char *name)
{
  if (folder == NULL || folder[0] == '\0')
    return g_strdup (name);
  if (name == NULL || name[0] == '\0')
    return g_strdup (folder);
  return g_strconcat (folder, "/", name, NULL);
}

const char *
rs_tool_basename (const char *key)
{
  const char *slash = strrchr (key, '/');

  return slash != NULL ? slash + 1 : key;
}
