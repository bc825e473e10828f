/* test-registry.c: plugin discovery, lazy loading, refusal of broken
 * plugins, and stores opened from URIs.
 *
 * Tests that look at what is loaded run in a fresh process
 * (rs_test_in_fresh_process): a module once initialised stays resident,
 * so only a new process can show that something was *not* loaded. */
#include <string.h>

#include "rs-test-util.h"

/* Manifests the in-tree plugin folders hold at least (plugins/ may gain
 * more); the broken fixtures' folder holds exactly those listed here. */
static const char *const expected_plugins[] = {
  "memory", "syncmem", "asyncmem",
  "abi-minor", "bad-abi-format", "failing-init", "invalid-manifest", "lazy", "manifest-abi",
  "missing-module", "missing-symbol", "name-mismatch", "no-init", "no-module-key", "no-types",
  "wrong-abi",
  NULL
};
#define N_BROKEN_FOLDER_PLUGINS 13

typedef enum
{
  NAMES_MODULE,             /* the message must name the module file */
  NAMES_MANIFEST,           /* … the manifest file */
  NAMES_MODULE_OR_MANIFEST, /* … either */
} NamedFile;

typedef struct
{
  const char *name;
  NamedFile names;
  const char *detail;       /* what only this refusal can say, or NULL */
  gboolean unusable_manifest;
} BrokenFixture;

static const BrokenFixture broken_fixtures[] = {
  { "missing-symbol", NAMES_MODULE, "rs_plugin_missing_symbol_descriptor", FALSE },
  { "wrong-abi", NAMES_MODULE, "99.0", FALSE },
  { "abi-minor", NAMES_MODULE, "1.99", FALSE },
  { "manifest-abi", NAMES_MODULE_OR_MANIFEST, "99.0", FALSE },
  { "name-mismatch", NAMES_MODULE, "mismatched-name", FALSE },
  { "failing-init", NAMES_MODULE, "failing-init fixture refuses on purpose", FALSE },
  { "no-init", NAMES_MODULE, NULL, FALSE },
  { "no-types", NAMES_MODULE, NULL, FALSE },
  { "missing-module", NAMES_MODULE, NULL, FALSE },
  { "invalid-manifest", NAMES_MANIFEST, NULL, TRUE },
  { "no-module-key", NAMES_MANIFEST, "Module", TRUE },
  { "bad-abi-format", NAMES_MANIFEST, "ABI", TRUE },
};

static char *
fixture_module_path (const BrokenFixture *fixture)
{
  g_autofree char *file = g_strdup_printf ("rs-%s.so", fixture->name);

  return g_build_filename (rs_test_broken_plugin_dir (), file, NULL);
}

static char *
fixture_manifest_path (const BrokenFixture *fixture)
{
  g_autofree char *file = g_strdup_printf ("%s.plugin", fixture->name);

  return g_build_filename (rs_test_broken_plugin_dir (), file, NULL);
}

/* The listed plugin of that name, or NULL; (transfer none), kept alive by
 * the registry. */
static RsPluginInfo *
listed_plugin (RsRegistry *registry,
               const char *name)
{
  GList *plugins = rs_registry_list_plugins (registry);
  RsPluginInfo *found = NULL;

  for (GList *l = plugins; l != NULL; l = l->next)
    if (found == NULL && strcmp (rs_plugin_info_get_name (l->data), name) == 0)
      found = l->data;
  g_list_free_full (plugins, g_object_unref);
  return found;
}

/* Checks a refusal of @fixture: RS_ERROR_PLUGIN, naming the right file and
 * saying what is particular to it. */
static void
assert_refusal (const BrokenFixture *fixture,
                const GError        *error)
{
  g_autofree char *module = fixture_module_path (fixture);
  g_autofree char *manifest = fixture_manifest_path (fixture);

  g_assert_error (error, RS_ERROR, RS_ERROR_PLUGIN);
  g_test_message ("%s: %s", fixture->name, error->message);
  switch (fixture->names)
    {
    case NAMES_MODULE:
      rs_test_assert_contains (error->message, module);
      break;
    case NAMES_MANIFEST:
      rs_test_assert_contains (error->message, manifest);
      break;
    case NAMES_MODULE_OR_MANIFEST:
      if (strstr (error->message, module) == NULL)
        rs_test_assert_contains (error->message, manifest);
      break;
    default:
      g_assert_not_reached ();
    }
  if (fixture->detail != NULL)
    rs_test_assert_contains (error->message, fixture->detail);
}

/* Whether the module of @plugin is mapped into this process. */
static gboolean
module_is_mapped (RsPluginInfo *plugin)
{
  const char *path = rs_plugin_info_get_module_path (plugin);
  g_autofree char *base = NULL;

  if (path == NULL)
    return FALSE;
  base = g_path_get_basename (path);
  return rs_test_module_is_mapped (base);
}

/* Asserts that no plugin but @except (may be NULL) is loaded, by the
 * registry's account and by the process's memory map. */
static void
assert_nothing_else_loaded (RsRegistry *registry,
                            const char *except)
{
  GList *plugins = rs_registry_list_plugins (registry);

  for (GList *l = plugins; l != NULL; l = l->next)
    {
      if (g_strcmp0 (rs_plugin_info_get_name (l->data), except) == 0)
        continue;
      if (rs_plugin_info_is_loaded (l->data) || module_is_mapped (l->data))
        g_error ("%s was loaded although it was not used", rs_plugin_info_get_name (l->data));
      g_assert_null (rs_plugin_info_get_version (l->data));
    }
  g_list_free_full (plugins, g_object_unref);
  g_assert_false (rs_test_lazy_was_loaded ());
}

/* Listing reads manifests only: every plugin is there, none is loaded. */
static void
test_list_loads_nothing (void)
{
  g_autoptr(RsRegistry) registry = NULL;
  GList *plugins;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint in_broken_folder = 0;

  if (!rs_test_in_fresh_process ())
    return;

  registry = rs_test_registry_new ();
  g_assert_cmpstr (rs_registry_get_plugin_path (registry), ==, rs_test_plugin_path ());
  plugins = rs_registry_list_plugins (registry);
  for (GList *l = plugins; l != NULL; l = l->next)
    {
      RsPluginInfo *info = l->data;
      g_autofree char *dir = NULL;

      g_assert_true (RS_IS_PLUGIN_INFO (info));
      g_assert_true (g_hash_table_add (seen, (gpointer) rs_plugin_info_get_name (info)));
      g_assert_true (g_str_has_suffix (rs_plugin_info_get_manifest_path (info), ".plugin"));
      dir = g_path_get_dirname (rs_plugin_info_get_manifest_path (info));
      if (strcmp (dir, rs_test_broken_plugin_dir ()) == 0)
        in_broken_folder++;
    }
  for (guint i = 0; expected_plugins[i] != NULL; i++)
    if (!g_hash_table_contains (seen, expected_plugins[i]))
      g_error ("plugin %s is not listed", expected_plugins[i]);
  g_assert_cmpuint (in_broken_folder, ==, N_BROKEN_FOLDER_PLUGINS);
  g_list_free_full (plugins, g_object_unref);

  /* Finding a plugin by name or scheme reads no module either. */
  g_assert_nonnull (rs_registry_find_plugin (registry, "memory"));
  g_assert_nonnull (rs_registry_find_plugin (registry, "lazy"));
  assert_nothing_else_loaded (registry, NULL);
}

/* Unusable manifests are listed, with the reason, but never found. */
static void
test_list_unusable_manifests (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();

  for (guint i = 0; i < G_N_ELEMENTS (broken_fixtures); i++)
    {
      const BrokenFixture *fixture = &broken_fixtures[i];
      RsPluginInfo *info = listed_plugin (registry, fixture->name);
      const GError *load_error;

      g_assert_nonnull (info);
      load_error = rs_plugin_info_get_load_error (info);
      if (!fixture->unusable_manifest)
        {
          /* A good manifest says nothing against its module before use. */
          g_assert_null (load_error);
          g_assert_true (rs_registry_find_plugin (registry, fixture->name) == info);
          continue;
        }
      g_assert_nonnull (load_error);
      assert_refusal (fixture, load_error);
      g_assert_null (rs_plugin_info_get_module_path (info));
      g_assert_null (rs_registry_find_plugin (registry, fixture->name));
    }
}

/* What the manifest tells, before and after loading. */
static void
test_plugin_info (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  RsPluginInfo *info = rs_registry_find_plugin (registry, "memory");
  g_autofree char *dir = NULL;
  g_autofree char *manifest_dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *const *schemes;
  GType *types;
  guint n_types = 99;

  g_assert_nonnull (info);
  g_assert_true (rs_registry_find_plugin (registry, "memory") == info);
  g_assert_cmpstr (rs_plugin_info_get_name (info), ==, "memory");
  g_assert_cmpstr (rs_plugin_info_get_description (info), ==,
                   "Files in process memory: private, or shared in-process by name");
  schemes = rs_plugin_info_get_schemes (info);
  g_assert_nonnull (schemes);
  g_assert_cmpstr (schemes[0], ==, "memory");
  g_assert_null (schemes[1]);
  dir = g_path_get_dirname (rs_plugin_info_get_module_path (info));
  manifest_dir = g_path_get_dirname (rs_plugin_info_get_manifest_path (info));
  g_assert_cmpstr (dir, ==, manifest_dir);
  g_assert_true (g_str_has_suffix (rs_plugin_info_get_module_path (info), "/rs-memory.so"));
  g_assert_true (g_str_has_suffix (rs_plugin_info_get_manifest_path (info), "/memory.plugin"));
  g_assert_null (rs_plugin_info_get_load_error (info));

  /* A fresh registry's info knows nothing of the module yet… */
  g_assert_false (rs_plugin_info_is_loaded (info));
  g_assert_null (rs_plugin_info_get_version (info));
  g_assert_null (rs_plugin_info_get_license (info));
  types = rs_plugin_info_get_backend_types (info, &n_types);
  g_assert_cmpuint (n_types, ==, 0);

  /* …and learns it from the descriptor. Loading twice is a no-op. */
  g_assert_true (rs_registry_load_plugin (registry, info, &error));
  g_assert_no_error (error);
  g_assert_true (rs_registry_load_plugin (registry, info, &error));
  g_assert_no_error (error);
  g_assert_true (rs_plugin_info_is_loaded (info));
  g_assert_nonnull (rs_plugin_info_get_version (info));
  g_assert_cmpstr (rs_plugin_info_get_version (info), !=, "");
  g_assert_cmpstr (rs_plugin_info_get_license (info), ==, "LGPL-2.1-or-later");
  types = rs_plugin_info_get_backend_types (info, &n_types);
  g_assert_cmpuint (n_types, ==, 1);
  g_assert_true (g_type_is_a (types[0], RS_TYPE_BACKEND));
  g_assert_true (rs_registry_lookup_backend_type (registry, "memory", &error) == types[0]);
  g_assert_no_error (error);
}

/* Asking for one scheme loads that plugin and no other. */
static void
test_load_on_first_use (void)
{
  g_autoptr(RsRegistry) registry = NULL;
  g_autoptr(RsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GType type;

  if (!rs_test_in_fresh_process ())
    return;

  registry = rs_test_registry_new ();
  assert_nothing_else_loaded (registry, NULL);

  type = rs_registry_lookup_backend_type (registry, "memory", &error);
  g_assert_no_error (error);
  g_assert_true (g_type_is_a (type, RS_TYPE_BACKEND));
  g_assert_true (rs_plugin_info_is_loaded (rs_registry_find_plugin (registry, "memory")));
  g_assert_true (rs_test_module_is_mapped ("rs-memory.so"));

  store = rs_registry_open (registry, "memory://", &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* Nothing else came along: not the plugins in the same folders, not
   * the other test plugins, not the lazy fixture. */
  assert_nothing_else_loaded (registry, "memory");
}

/* The lazy fixture's marker works: loading it sets the marker, so the
 * checks that it stays unset can fail. */
static void
test_lazy_marker (void)
{
  g_autoptr(RsRegistry) registry = NULL;
  g_autoptr(GError) error = NULL;
  RsPluginInfo *info;
  GType type;

  if (!rs_test_in_fresh_process ())
    return;

  registry = rs_test_registry_new ();
  info = rs_registry_find_plugin (registry, "lazy");
  g_assert_nonnull (info);
  g_assert_false (rs_test_lazy_was_loaded ());
  g_assert_false (rs_test_module_is_mapped ("rs-lazy.so"));

  type = rs_registry_lookup_backend_type (registry, "lazy", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_type_name (type), ==, "RsLazyBackend");
  g_assert_true (rs_test_lazy_was_loaded ());
  g_assert_true (rs_test_module_is_mapped ("rs-lazy.so"));
  g_assert_true (rs_plugin_info_is_loaded (info));
  g_assert_cmpstr (rs_plugin_info_get_version (info), ==, "1.0");
}

/* The memory plugin and both test plugins work side by side in one
 * process. The test plugins link the memory backend's code (plugins/memory's
 * static library) into their own modules, so each module registers its own
 * copy of the memory core's types; a duplicate registration would be a
 * critical warning, fatal here, and leave the later plugin without a
 * backend type. */
static void
test_plugins_side_by_side (void)
{
  static const char *const schemes[] = { "memory", "syncmem", "asyncmem" };
  g_autoptr(RsRegistry) registry = NULL;

  if (!rs_test_in_fresh_process ())
    return;

  registry = rs_test_registry_new ();
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *uri = g_strdup_printf ("%s://", schemes[i]);
      g_autoptr(RsStore) store = NULL;
      g_autoptr(RsWriteResult) written = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      store = rs_registry_open (registry, uri, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (rs_backend_get_name (rs_store_get_backend (store)), ==, schemes[i]);
      written = rs_store_write_text (store, "dir/file.txt", schemes[i], RS_WRITE_NONE, NULL, NULL,
                                     &error);
      g_assert_no_error (error);
      text = rs_store_read_text (store, "dir/file.txt", NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, schemes[i]);
    }
}

/* One broken fixture, through every entry point of the registry. */
static void
test_broken_fixture (gconstpointer data)
{
  const BrokenFixture *fixture = data;
  g_autoptr(RsRegistry) registry = NULL;
  g_autoptr(GError) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  RsPluginInfo *info;
  RsBackend *backend;
  RsStore *store;

  if (!rs_test_in_fresh_process ())
    return;

  uri = g_strdup_printf ("%s://somewhere/below", fixture->name);
  registry = rs_test_registry_new ();
  info = listed_plugin (registry, fixture->name);
  g_assert_nonnull (info);

  /* The first use refuses it… */
  g_assert_true (rs_registry_lookup_backend_type (registry, fixture->name, &first) == G_TYPE_INVALID);
  assert_refusal (fixture, first);
  if (strcmp (fixture->name, "failing-init") == 0)
    rs_test_assert_contains (first->message, "(call 1)");
  g_assert_false (rs_plugin_info_is_loaded (info));
  g_assert_nonnull (rs_plugin_info_get_load_error (info));
  g_assert_cmpstr (rs_plugin_info_get_load_error (info)->message, ==, first->message);

  /* …and every later use, through any entry point, gives the same,
   * remembered refusal (failing-init's call count proves init did not
   * run again). */
  g_assert_true (rs_registry_lookup_backend_type (registry, fixture->name, &error) == G_TYPE_INVALID);
  g_assert_error (error, RS_ERROR, RS_ERROR_PLUGIN);
  g_assert_cmpstr (error->message, ==, first->message);
  g_clear_error (&error);

  backend = rs_registry_create_backend (registry, fixture->name, NULL, &error);
  g_assert_null (backend);
  g_assert_error (error, RS_ERROR, RS_ERROR_PLUGIN);
  g_assert_cmpstr (error->message, ==, first->message);
  g_clear_error (&error);

  store = rs_registry_open (registry, uri, &error);
  g_assert_null (store);
  g_assert_error (error, RS_ERROR, RS_ERROR_PLUGIN);
  g_assert_cmpstr (error->message, ==, first->message);
  g_clear_error (&error);

  g_assert_false (rs_registry_load_plugin (registry, info, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_PLUGIN);
  g_assert_cmpstr (error->message, ==, first->message);
  g_clear_error (&error);
  g_assert_false (rs_plugin_info_is_loaded (info));

  /* Each entry point refuses it on its own, in a registry that has not
   * tried it yet. */
  {
    g_autoptr(RsRegistry) other = rs_test_registry_new ();

    g_assert_null (rs_registry_create_backend (other, fixture->name, NULL, &error));
    assert_refusal (fixture, error);
    g_clear_error (&error);
  }
  {
    g_autoptr(RsRegistry) other = rs_test_registry_new ();

    g_assert_null (rs_registry_open (other, uri, &error));
    assert_refusal (fixture, error);
    g_clear_error (&error);
  }

  /* A refused plugin spoils nothing else. */
  {
    g_autoptr(RsStore) memory = rs_registry_open (registry, "memory://", &error);

    g_assert_no_error (error);
    g_assert_nonnull (memory);
  }
  g_assert_false (rs_test_module_is_mapped ("rs-manifest-abi.so"));
}

/* The refusals differ from each other once the file and plugin names are
 * taken out: each says its own reason. */
static void
test_broken_distinct (void)
{
  g_autoptr(RsRegistry) registry = NULL;
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);

  if (!rs_test_in_fresh_process ())
    return;

  registry = rs_test_registry_new ();
  for (guint i = 0; i < G_N_ELEMENTS (broken_fixtures); i++)
    {
      const BrokenFixture *fixture = &broken_fixtures[i];
      g_autofree char *module = fixture_module_path (fixture);
      g_autofree char *manifest = fixture_manifest_path (fixture);
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) reason = NULL;

      g_assert_true (rs_registry_lookup_backend_type (registry, fixture->name, &error) == G_TYPE_INVALID);
      assert_refusal (fixture, error);
      reason = g_string_new (error->message);
      g_string_replace (reason, module, "FILE", 0);
      g_string_replace (reason, manifest, "FILE", 0);
      g_string_replace (reason, fixture->name, "NAME", 0);
      for (guint j = 0; j < reasons->len; j++)
        if (strcmp (reasons->pdata[j], reason->str) == 0)
          g_error ("%s is refused for the same reason as %s: %s", fixture->name,
                   broken_fixtures[j].name, reason->str);
      g_ptr_array_add (reasons, g_string_free (g_steal_pointer (&reason), FALSE));
    }
}

static void
test_unknown_scheme (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autoptr(RsRegistry) empty = rs_registry_new_for_path ("");
  g_autoptr(RsRegistry) nowhere = rs_registry_new_for_path ("/nonexistent/rs-test-plugins");
  g_autoptr(GError) error = NULL;
  GList *plugins;

  g_assert_true (rs_registry_lookup_backend_type (registry, "no-such-scheme", &error) == G_TYPE_INVALID);
  g_assert_error (error, RS_ERROR, RS_ERROR_PLUGIN);
  rs_test_assert_contains (error->message, "no-such-scheme");
  g_clear_error (&error);

  g_assert_null (rs_registry_create_backend (registry, "no-such-scheme", NULL, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_PLUGIN);
  rs_test_assert_contains (error->message, "no-such-scheme");
  g_clear_error (&error);

  g_assert_null (rs_registry_open (registry, "no-such-scheme://host/path", &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_PLUGIN);
  rs_test_assert_contains (error->message, "no-such-scheme");
  g_clear_error (&error);

  g_assert_null (rs_registry_find_plugin (registry, "no-such-scheme"));

  /* A registry with no folder, or a missing one, has no plugins at all. */
  plugins = rs_registry_list_plugins (empty);
  g_assert_null (plugins);
  plugins = rs_registry_list_plugins (nowhere);
  g_assert_null (plugins);
  g_assert_true (rs_registry_lookup_backend_type (empty, "memory", &error) == G_TYPE_INVALID);
  g_assert_error (error, RS_ERROR, RS_ERROR_PLUGIN);
  g_clear_error (&error);
  g_assert_null (rs_registry_open (nowhere, "memory://", &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_PLUGIN);
  rs_test_assert_contains (error->message, "/nonexistent/rs-test-plugins");
}

static RsStore *
open_ok (RsRegistry *registry,
         const char *location)
{
  g_autoptr(GError) error = NULL;
  RsStore *store = rs_registry_open (registry, location, &error);

  g_assert_no_error (error);
  g_assert_true (RS_IS_STORE (store));
  return store;
}

static void
write_ok (RsStore    *store,
          const char *path,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) result = rs_store_write_text (store, path, text, RS_WRITE_OVERWRITE,
                                                         NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
}

static void
assert_text (RsStore    *store,
             const char *path,
             const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = rs_store_read_text (store, path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

static void
assert_missing (RsStore    *store,
                const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rs_store_exists (store, path, NULL, &error));
  g_assert_no_error (error);
}

/* memory:// is a fresh, private backend each time. */
static void
test_uri_fresh (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autoptr(RsStore) one = open_ok (registry, "memory://");
  g_autoptr(RsStore) two = open_ok (registry, "memory://");

  g_assert_true (rs_store_get_backend (one) != rs_store_get_backend (two));
  g_assert_cmpstr (rs_store_get_root_path (one), ==, "");
  g_assert_cmpstr (rs_backend_get_name (rs_store_get_backend (one)), ==, "memory");
  write_ok (one, "a.txt", "one");
  assert_text (one, "a.txt", "one");
  assert_missing (two, "a.txt");
}

/* memory://NAME shares the files of every backend of that name. */
static void
test_uri_shared (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autoptr(RsRegistry) other_registry = rs_test_registry_new ();
  g_autofree char *name = rs_test_unique_name ("shared");
  g_autofree char *other_name = rs_test_unique_name ("other");
  g_autofree char *uri = g_strdup_printf ("memory://%s", name);
  g_autofree char *other_uri = g_strdup_printf ("memory://%s", other_name);
  g_autoptr(RsStore) one = open_ok (registry, uri);
  g_autoptr(RsStore) two = open_ok (other_registry, uri);
  g_autoptr(RsStore) other = open_ok (registry, other_uri);
  g_autofree char *backend_name = NULL;

  g_object_get (rs_store_get_backend (one), "name", &backend_name, NULL);
  g_assert_cmpstr (backend_name, ==, name);
  g_assert_cmpstr (rs_store_get_root_path (one), ==, "");
  write_ok (one, "dir/shared.txt", "hello");
  assert_text (two, "dir/shared.txt", "hello");
  assert_missing (other, "dir/shared.txt");
}

/* memory://NAME/sub/path is a store rooted at sub/path of that tree. */
static void
test_uri_root (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autofree char *name = rs_test_unique_name ("rooted");
  g_autofree char *top_uri = g_strdup_printf ("memory://%s", name);
  g_autofree char *sub_uri = g_strdup_printf ("memory://%s/sub/path", name);
  g_autoptr(RsStore) top = open_ok (registry, top_uri);
  g_autoptr(RsStore) sub = open_ok (registry, sub_uri);

  g_assert_cmpstr (rs_store_get_root_path (sub), ==, "sub/path");
  write_ok (sub, "leaf.txt", "deep");
  assert_text (top, "sub/path/leaf.txt", "deep");
  assert_missing (top, "leaf.txt");
}

/* Query parameters of a URI are backend options. */
static void
test_uri_options (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autofree char *name = rs_test_unique_name ("flat");
  g_autofree char *uri = g_strdup_printf ("memory://%s/root?page-size=3&flat=true&retry-attempts=2",
                                          name);
  g_autoptr(RsStore) store = open_ok (registry, uri);
  RsBackend *backend = rs_store_get_backend (store);
  guint page_size = 0;

  g_object_get (backend, "page-size", &page_size, NULL);
  g_assert_cmpuint (page_size, ==, 3);
  g_assert_true (rs_backend_get_facts (backend) & RS_BACKEND_FACTS_FLAT_NAMESPACE);
  g_assert_cmpuint (rs_retry_policy_get_attempts (rs_backend_get_retry_policy (backend)), ==, 2);
  g_assert_cmpstr (rs_store_get_root_path (store), ==, "root");
}

static void
assert_open_fails (RsRegistry *registry,
                   const char *location,
                   GQuark      domain,
                   int         code,
                   const char *mentions)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) store = rs_registry_open (registry, location, &error);

  g_assert_null (store);
  g_assert_error (error, domain, code);
  g_test_message ("%s: %s", location, error->message);
  if (mentions != NULL)
    rs_test_assert_contains (error->message, mentions);
}

static void
test_uri_invalid (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();

  assert_open_fails (registry, "memory://?colour=red", RS_ERROR, RS_ERROR_INVALID_ARGUMENT, "colour");
  assert_open_fails (registry, "memory://x?page-size=abc", RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                     "page-size");
  assert_open_fails (registry, "memory://x?flat=maybe", RS_ERROR, RS_ERROR_INVALID_ARGUMENT, "flat");
  assert_open_fails (registry, "memory://[bad/", RS_ERROR, RS_ERROR_INVALID_ARGUMENT, NULL);
  /* A path that is not UTF-8. */
  assert_open_fails (registry, "memory://x/%FF", RS_ERROR, RS_ERROR_INVALID_ARGUMENT, NULL);
}

/* A location that is neither a URI nor NAME:path is refused as such. */
static void
test_not_a_location (void)
{
  static const char *const bad[] = {
    "", "plain/path", "/absolute/path", ":leading-colon", "has space:path", "a b://x", "memory",
  };
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_open_fails (registry, bad[i], RS_ERROR, RS_ERROR_INVALID_ARGUMENT, bad[i]);
  /* Rejected before any plugin was needed. */
  g_assert_false (rs_plugin_info_is_loaded (rs_registry_find_plugin (registry, "memory")));
}

typedef struct
{
  RsRegistry *registry;
  GType memory_type;
  char *init_message;
} ThreadWork;

static gpointer
use_registry (gpointer data)
{
  ThreadWork *work = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) store = NULL;

  work->memory_type = rs_registry_lookup_backend_type (work->registry, "memory", &error);
  g_assert_no_error (error);
  store = rs_registry_open (work->registry, "memory://", &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (rs_registry_lookup_backend_type (work->registry, "failing-init", &error) ==
                 G_TYPE_INVALID);
  g_assert_error (error, RS_ERROR, RS_ERROR_PLUGIN);
  work->init_message = g_strdup (error->message);
  return NULL;
}

/* Many threads loading through one registry: one load, one init, one
 * remembered refusal. */
static void
test_threads (void)
{
  enum { N_THREADS = 8 };
  g_autoptr(RsRegistry) registry = NULL;
  ThreadWork work[N_THREADS];
  GThread *threads[N_THREADS];

  if (!rs_test_in_fresh_process ())
    return;

  registry = rs_test_registry_new ();
  for (guint i = 0; i < N_THREADS; i++)
    {
      work[i] = (ThreadWork) { registry, G_TYPE_INVALID, NULL };
      threads[i] = g_thread_new ("registry-user", use_registry, &work[i]);
    }
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);
  for (guint i = 0; i < N_THREADS; i++)
    {
      g_assert_true (work[i].memory_type == work[0].memory_type);
      g_assert_true (work[i].memory_type != G_TYPE_INVALID);
      /* Init ran once: every thread saw call 1. */
      rs_test_assert_contains (work[i].init_message, "(call 1)");
      g_free (work[i].init_message);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/registry/plugins/list-loads-nothing", test_list_loads_nothing);
  g_test_add_func ("/registry/plugins/unusable-manifests", test_list_unusable_manifests);
  g_test_add_func ("/registry/plugins/info", test_plugin_info);
  g_test_add_func ("/registry/plugins/load-on-first-use", test_load_on_first_use);
  g_test_add_func ("/registry/plugins/lazy-marker", test_lazy_marker);
  g_test_add_func ("/registry/plugins/side-by-side", test_plugins_side_by_side);
  for (guint i = 0; i < G_N_ELEMENTS (broken_fixtures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/registry/broken/%s", broken_fixtures[i].name);

      g_test_add_data_func (path, &broken_fixtures[i], test_broken_fixture);
    }
  g_test_add_func ("/registry/broken/distinct", test_broken_distinct);
  g_test_add_func ("/registry/lookup/unknown-scheme", test_unknown_scheme);
  g_test_add_func ("/registry/uri/fresh", test_uri_fresh);
  g_test_add_func ("/registry/uri/shared", test_uri_shared);
  g_test_add_func ("/registry/uri/root", test_uri_root);
  g_test_add_func ("/registry/uri/options", test_uri_options);
  g_test_add_func ("/registry/uri/invalid", test_uri_invalid);
  g_test_add_func ("/registry/open/not-a-location", test_not_a_location);
  g_test_add_func ("/registry/threads", test_threads);

  return g_test_run ();
}
