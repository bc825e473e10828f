/* test-config.c: named backends and stores from the configuration key
 * file, placeholders, and the default registry's RS_CONFIG. */
#include <string.h>

#include <glib/gstdio.h>

#include "rs-test-util.h"

static void
load_ok (RsRegistry *registry,
         const char *data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rs_registry_load_config_from_data (registry, data, -1, &error));
  g_assert_no_error (error);
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

/* Asserts that opening @location fails with @code and returns the
 * message. */
static char *
open_refused (RsRegistry *registry,
              const char *location,
              int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) store = rs_registry_open (registry, location, &error);

  g_assert_null (store);
  g_assert_error (error, RS_ERROR, code);
  g_test_message ("%s: %s", location, error->message);
  return g_strdup (error->message);
}

static char *
backend_string (RsBackend  *backend,
                const char *property)
{
  char *value = NULL;

  g_object_get (backend, property, &value, NULL);
  return value;
}

static void
write_text (RsStore    *store,
            const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) result = rs_store_write_text (store, path, text, RS_WRITE_OVERWRITE,
                                                         NULL, NULL, &error);

  g_assert_no_error (error);
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

/* A temporary folder holding @file with @contents; free with
 * remove_temp_config(). */
static char *
write_temp_config (const char *file,
                   const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rs-test-config-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *parent = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, file, NULL);
  parent = g_path_get_dirname (path);
  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return dir;
}

static void
remove_temp_config (const char *dir,
                    const char *file)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_remove (path);
  if (strcmp (parent, dir) != 0)
    g_rmdir (parent);
  g_rmdir (dir);
}

/* [backend] and [store] groups: root paths, NAME: and NAME:sub/path, one
 * backend shared by the stores that name it. */
static void
test_named_stores (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autofree char *tree = rs_test_unique_name ("cfg");
  g_autofree char *config = g_strdup_printf (
    "# named stores\n"
    "[backend cache]\n"
    "type=memory\n"
    "name=%s\n"
    "page-size=2\n"
    "retry-attempts=3\n"
    "\n"
    "[store alpha]\n"
    "backend=cache\n"
    "root-path=alpha\n"
    "\n"
    "[store beta]\n"
    "backend=cache\n"
    "root-path=/beta/deep/\n"
    "\n"
    "[store whole]\n"
    "backend=cache\n", tree);
  g_autoptr(RsStore) alpha = NULL;
  g_autoptr(RsStore) alpha_sub = NULL;
  g_autoptr(RsStore) beta = NULL;
  g_autoptr(RsStore) whole = NULL;
  g_autoptr(RsStore) whole_sub = NULL;
  g_autofree char *backend_tree = NULL;
  guint page_size = 0;

  load_ok (registry, config);
  alpha = open_ok (registry, "alpha:");
  alpha_sub = open_ok (registry, "alpha:sub/path");
  beta = open_ok (registry, "beta:");
  whole = open_ok (registry, "whole:");
  whole_sub = open_ok (registry, "whole:alpha/sub");

  g_assert_cmpstr (rs_store_get_root_path (alpha), ==, "alpha");
  g_assert_cmpstr (rs_store_get_root_path (alpha_sub), ==, "alpha/sub/path");
  g_assert_cmpstr (rs_store_get_root_path (beta), ==, "beta/deep");
  g_assert_cmpstr (rs_store_get_root_path (whole), ==, "");
  g_assert_cmpstr (rs_store_get_root_path (whole_sub), ==, "alpha/sub");

  /* One backend for every store naming it, with the configured options. */
  g_assert_true (rs_store_get_backend (alpha) == rs_store_get_backend (beta));
  g_assert_true (rs_store_get_backend (alpha) == rs_store_get_backend (whole_sub));
  {
    g_autoptr(RsStore) again = open_ok (registry, "alpha:");

    g_assert_true (rs_store_get_backend (again) == rs_store_get_backend (alpha));
  }
  g_object_get (rs_store_get_backend (alpha), "page-size", &page_size, NULL);
  g_assert_cmpuint (page_size, ==, 2);
  backend_tree = backend_string (rs_store_get_backend (alpha), "name");
  g_assert_cmpstr (backend_tree, ==, tree);
  g_assert_cmpuint (rs_retry_policy_get_attempts (rs_backend_get_retry_policy (rs_store_get_backend (alpha))),
                    ==, 3);

  /* …and so the same files. */
  write_text (alpha_sub, "note.txt", "shared");
  assert_text (whole, "alpha/sub/path/note.txt", "shared");
  assert_text (whole_sub, "path/note.txt", "shared");
}

/* Loading a configuration creates no backend and loads no plugin; the
 * first open of a store does, for that store's backend only. */
static void
test_lazy_backends (void)
{
  const char *config =
    "[backend lz]\n"
    "type=lazy\n"
    "token=${RS_TEST_CFG_TOKEN}\n"
    "level=${RS_TEST_CFG_LEVEL:-2}\n"
    "\n"
    "[backend mem]\n"
    "type=memory\n"
    "\n"
    "[store l]\n"
    "backend=lz\n"
    "\n"
    "[store m]\n"
    "backend=mem\n";
  g_autoptr(RsRegistry) registry = NULL;
  g_autoptr(RsStore) memory = NULL;
  g_autoptr(RsStore) lazy = NULL;
  g_autoptr(RsSecret) token = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) names = NULL;
  guint level = 0;

  g_unsetenv ("RS_TEST_CFG_TOKEN");
  g_unsetenv ("RS_TEST_CFG_LEVEL");
  registry = rs_test_registry_new ();
  load_ok (registry, config);
  names = rs_registry_list_stores (registry);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_false (rs_plugin_info_is_loaded (rs_registry_find_plugin (registry, "memory")));
  g_assert_false (rs_plugin_info_is_loaded (rs_registry_find_plugin (registry, "lazy")));
  g_assert_false (rs_test_module_is_mapped ("rs-memory.so"));
  g_assert_false (rs_test_lazy_was_loaded ());

  memory = open_ok (registry, "m:");
  g_assert_true (rs_plugin_info_is_loaded (rs_registry_find_plugin (registry, "memory")));
  g_assert_false (rs_plugin_info_is_loaded (rs_registry_find_plugin (registry, "lazy")));
  g_assert_false (rs_test_lazy_was_loaded ());

  /* The placeholder is resolved at first open, not at load: unset, the
   * open fails (before the plugin is loaded), and is not remembered… */
  message = open_refused (registry, "l:", RS_ERROR_INVALID_ARGUMENT);
  rs_test_assert_contains (message, "RS_TEST_CFG_TOKEN");
  g_assert_false (rs_test_lazy_was_loaded ());

  /* …set, the same configuration now opens. */
  g_setenv ("RS_TEST_CFG_TOKEN", "late-token-value", TRUE);
  lazy = open_ok (registry, "l:");
  g_assert_true (rs_test_lazy_was_loaded ());
  g_object_get (rs_store_get_backend (lazy), "token", &token, "level", &level, NULL);
  g_assert_cmpstr (rs_secret_reveal (token), ==, "late-token-value");
  g_assert_cmpuint (level, ==, 2);
}

/* Loading a configuration again starts over: new backends, new stores. */
static void
test_replace (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autoptr(RsStore) first = NULL;
  g_autoptr(RsStore) second = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) names = NULL;

  load_ok (registry, "[backend b]\ntype=memory\n[store one]\nbackend=b\n");
  first = open_ok (registry, "one:");
  write_text (first, "f.txt", "private");
  load_ok (registry, "[backend b]\ntype=memory\n[store two]\nbackend=b\n");
  names = rs_registry_list_stores (registry);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "two");
  message = open_refused (registry, "one:", RS_ERROR_INVALID_ARGUMENT);
  rs_test_assert_contains (message, "one");
  second = open_ok (registry, "two:");
  g_assert_true (rs_store_get_backend (second) != rs_store_get_backend (first));
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (rs_store_exists (second, "f.txt", NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_from_file (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autofree char *dir = write_temp_config ("stores.conf",
                                            "[backend files]\ntype=memory\n"
                                            "[store docs]\nbackend=files\nroot-path=docs\n");
  g_autofree char *path = g_build_filename (dir, "stores.conf", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.conf", NULL);
  g_autofree char *bad_dir = write_temp_config ("bad.conf", "[store orphan]\nbackend=nowhere\n");
  g_autofree char *bad = g_build_filename (bad_dir, "bad.conf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) docs = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_true (rs_registry_load_config (registry, path, &error));
  g_assert_no_error (error);
  docs = open_ok (registry, "docs:2024");
  g_assert_cmpstr (rs_store_get_root_path (docs), ==, "docs/2024");

  /* Unreadable or invalid files are refused, naming the file, and the
   * configuration in place stays. */
  g_assert_false (rs_registry_load_config (registry, missing, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT);
  rs_test_assert_contains (error->message, missing);
  g_clear_error (&error);
  g_assert_false (rs_registry_load_config (registry, bad, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT);
  rs_test_assert_contains (error->message, bad);
  rs_test_assert_contains (error->message, "nowhere");
  g_clear_error (&error);
  names = rs_registry_list_stores (registry);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "docs");
  {
    g_autoptr(RsStore) again = open_ok (registry, "docs:");

    g_assert_true (rs_store_get_backend (again) == rs_store_get_backend (docs));
  }

  remove_temp_config (dir, "stores.conf");
  remove_temp_config (bad_dir, "bad.conf");
}

/* ${VAR}, ${VAR:-default} and $$ in option values. */
static void
test_placeholders (void)
{
  static const struct { const char *value, *expected; } cases[] = {
    { "${RS_TEST_PH_SET}", "from-env" },
    { "pre-${RS_TEST_PH_SET}-post", "pre-from-env-post" },
    { "${RS_TEST_PH_SET}${RS_TEST_PH_SET}", "from-envfrom-env" },
    { "${RS_TEST_PH_UNSET:-fallback}", "fallback" },
    { "${RS_TEST_PH_EMPTY:-fallback}", "fallback" },   /* empty counts as unset */
    { "${RS_TEST_PH_SET:-fallback}", "from-env" },
    { "${RS_TEST_PH_UNSET:-}x", "x" },
    { "a$$b", "a$b" },
    { "$${RS_TEST_PH_SET}", "${RS_TEST_PH_SET}" },       /* $$ escapes the placeholder */
    { "cost $5", "cost $5" },                            /* a lone $ stays */
    { "${unterminated", "${unterminated" },
  };
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();

  g_setenv ("RS_TEST_PH_SET", "from-env", TRUE);
  g_setenv ("RS_TEST_PH_EMPTY", "", TRUE);
  g_unsetenv ("RS_TEST_PH_UNSET");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GKeyFile) file = g_key_file_new ();
      g_autofree char *config = NULL;
      g_autoptr(RsStore) store = NULL;
      g_autofree char *name = NULL;

      /* GKeyFile writes the value so that it reads back unchanged. */
      g_key_file_set_string (file, "backend b", "type", "memory");
      g_key_file_set_string (file, "backend b", "name", cases[i].value);
      g_key_file_set_string (file, "store s", "backend", "b");
      config = g_key_file_to_data (file, NULL, NULL);
      load_ok (registry, config);
      store = open_ok (registry, "s:");
      name = backend_string (rs_store_get_backend (store), "name");
      g_test_message ("%s → %s", cases[i].value, name);
      g_assert_cmpstr (name, ==, cases[i].expected);
    }

  /* Numbers and booleans too. */
  g_setenv ("RS_TEST_PH_PAGE", "7", TRUE);
  load_ok (registry, "[backend b]\ntype=memory\npage-size=${RS_TEST_PH_PAGE}\n"
                     "flat=${RS_TEST_PH_UNSET:-true}\n[store s]\nbackend=b\n");
  {
    g_autoptr(RsStore) store = open_ok (registry, "s:");
    guint page_size = 0;

    g_object_get (rs_store_get_backend (store), "page-size", &page_size, NULL);
    g_assert_cmpuint (page_size, ==, 7);
    g_assert_true (rs_backend_get_facts (rs_store_get_backend (store)) &
                   RS_BACKEND_FACTS_FLAT_NAMESPACE);
  }
}

/* A variable without default that is unset: an error naming the option,
 * the backend and the variable, never a value. */
static void
test_missing_variable (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autofree char *message = NULL;
  g_autofree char *tree = rs_test_unique_name ("late");

  g_setenv ("RS_TEST_MV_SECRET", "s3cr3t-from-env", TRUE);
  g_unsetenv ("RS_TEST_MV_MISSING");
  load_ok (registry,
           "[backend vault]\n"
           "type=memory\n"
           "name=literal-part-${RS_TEST_MV_SECRET}-${RS_TEST_MV_MISSING}\n"
           "[store s]\n"
           "backend=vault\n");
  message = open_refused (registry, "s:", RS_ERROR_INVALID_ARGUMENT);
  rs_test_assert_contains (message, "“name”");
  rs_test_assert_contains (message, "vault");
  rs_test_assert_contains (message, "RS_TEST_MV_MISSING");
  rs_test_assert_not_contains (message, "s3cr3t-from-env");
  rs_test_assert_not_contains (message, "literal-part");
  rs_test_assert_not_contains (message, "RS_TEST_MV_SECRET");

  /* Nothing was remembered: with the variable set, the store opens. */
  g_setenv ("RS_TEST_MV_MISSING", tree, TRUE);
  {
    g_autoptr(RsStore) store = open_ok (registry, "s:");
    g_autofree char *name = backend_string (rs_store_get_backend (store), "name");
    g_autofree char *expected = g_strdup_printf ("literal-part-s3cr3t-from-env-%s", tree);

    g_assert_cmpstr (name, ==, expected);
  }
  g_unsetenv ("RS_TEST_MV_MISSING");
}

/* Configurations that cannot be used are refused whole, before anything
 * is created, and leave the configuration in place untouched. */
static void
test_invalid (void)
{
  static const struct { const char *data, *mentions; } invalid[] = {
    { "[remote x]\ntype=memory\n", "[remote x]" },
    { "[backend b]\nname=x\n", "type" },
    { "[backend b]\ntype=\n", "type" },
    { "[backend b]\ntype=memory\n[store s]\nroot-path=x\n", "backend" },
    { "[backend b]\ntype=memory\n[store s]\nbackend=nowhere\n", "nowhere" },
    { "[store s]\nbackend=b\n", "“b”" },
    { "[backend bad name]\ntype=memory\n", "bad name" },
    { "[backend b]\ntype=memory\n[store bad/name]\nbackend=b\n", "bad/name" },
    { "[backend ]\ntype=memory\n", NULL },
    { "[backend b\ntype=memory\n", NULL },
    { "not a key file at all\n", NULL },
  };
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autoptr(RsStore) before = NULL;

  load_ok (registry, "[backend keep]\ntype=memory\n[store kept]\nbackend=keep\nroot-path=k\n");
  before = open_ok (registry, "kept:");
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) names = NULL;

      g_assert_false (rs_registry_load_config_from_data (registry, invalid[i].data, -1, &error));
      g_assert_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT);
      g_test_message ("%s", error->message);
      if (invalid[i].mentions != NULL)
        rs_test_assert_contains (error->message, invalid[i].mentions);

      names = rs_registry_list_stores (registry);
      g_assert_cmpuint (g_strv_length (names), ==, 1);
      g_assert_cmpstr (names[0], ==, "kept");
      {
        g_autoptr(RsStore) after = open_ok (registry, "kept:");

        g_assert_true (rs_store_get_backend (after) == rs_store_get_backend (before));
      }
    }
}

/* Errors met when the backend is created: unknown plugin, bad options. */
static void
test_backend_errors (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autofree char *plugin = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *store = NULL;

  load_ok (registry,
           "[backend ghost]\ntype=no-such-plugin\n"
           "[backend typo]\ntype=memory\ncolour=vermilion-42\n"
           "[backend wrong]\ntype=memory\npage-size=abc\n"
           "[backend good]\ntype=memory\n"
           "[store g]\nbackend=ghost\n"
           "[store t]\nbackend=typo\n"
           "[store w]\nbackend=wrong\n"
           "[store ok]\nbackend=good\n");
  plugin = open_refused (registry, "g:", RS_ERROR_PLUGIN);
  rs_test_assert_contains (plugin, "no-such-plugin");
  unknown = open_refused (registry, "t:", RS_ERROR_INVALID_ARGUMENT);
  rs_test_assert_contains (unknown, "colour");
  rs_test_assert_not_contains (unknown, "vermilion-42");
  bad = open_refused (registry, "w:", RS_ERROR_INVALID_ARGUMENT);
  rs_test_assert_contains (bad, "page-size");
  store = open_refused (registry, "nope:", RS_ERROR_INVALID_ARGUMENT);
  rs_test_assert_contains (store, "nope");

  /* A refusal is not cached as a backend, and spoils no other store. */
  g_free (open_refused (registry, "t:", RS_ERROR_INVALID_ARGUMENT));
  {
    g_autoptr(RsStore) good = open_ok (registry, "ok:");
  }

  /* A bad sub-path is refused as a path. */
  g_free (open_refused (registry, "ok:../outside", RS_ERROR_INVALID_PATH));
  g_free (open_refused (registry, "ok:a/../../outside", RS_ERROR_INVALID_PATH));
}

static void
test_list_stores (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_auto(GStrv) none = rs_registry_list_stores (registry);
  g_auto(GStrv) names = NULL;
  static const char *const expected[] = { "Mid", "alpha", "beta.2", "beta_1", "zeta", NULL };

  g_assert_nonnull (none);
  g_assert_null (none[0]);
  load_ok (registry,
           "[store zeta]\nbackend=b\n"
           "[backend b]\ntype=memory\n"
           "[store alpha]\nbackend=b\n"
           "[store beta_1]\nbackend=b\n"
           "[store Mid]\nbackend=b\n"
           "[store beta.2]\nbackend=b\n");
  names = rs_registry_list_stores (registry);
  g_assert_cmpstrv (names, expected);
}

/* No error about a configuration quotes a value: values may come from the
 * environment, where secrets live. */
static void
test_errors_never_print_values (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autofree char *unknown = NULL;
  g_autofree char *missing = NULL;

  g_setenv ("RS_TEST_NV_TOKEN", "hunter2-token-value", TRUE);
  g_unsetenv ("RS_TEST_NV_MISSING");
  load_ok (registry,
           "[backend a]\ntype=lazy\ntoken=${RS_TEST_NV_TOKEN}\nlevel=${RS_TEST_NV_MISSING}\n"
           "[backend b]\ntype=lazy\ntoken=${RS_TEST_NV_TOKEN}\npassword=hunter2-literal\n"
           "[store a]\nbackend=a\n[store b]\nbackend=b\n");

  missing = open_refused (registry, "a:", RS_ERROR_INVALID_ARGUMENT);
  rs_test_assert_contains (missing, "RS_TEST_NV_MISSING");
  rs_test_assert_not_contains (missing, "hunter2");
  unknown = open_refused (registry, "b:", RS_ERROR_INVALID_ARGUMENT);
  rs_test_assert_contains (unknown, "password");
  rs_test_assert_not_contains (unknown, "hunter2");
}

/* A malformed value that came from the environment is not quoted back:
 * it may be a secret put in the wrong option by mistake. */
static void
test_bad_value_from_environment (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autofree char *bad = NULL;

  g_setenv ("RS_TEST_NV_TOKEN", "hunter2-token-value", TRUE);
  g_setenv ("RS_TEST_NV_LEVEL", "hunter2-level-value", TRUE);
  load_ok (registry,
           "[backend c]\ntype=lazy\ntoken=${RS_TEST_NV_TOKEN}\nlevel=${RS_TEST_NV_LEVEL}\n"
           "[store c]\nbackend=c\n");
  bad = open_refused (registry, "c:", RS_ERROR_INVALID_ARGUMENT);
  rs_test_assert_contains (bad, "level");
  rs_test_assert_not_contains (bad, "hunter2-token-value");
  rs_test_assert_not_contains (bad, "hunter2-level-value");
}

/* A configuration line that is not key=value is not quoted back (GKeyFile's
 * own message would print a mistyped secret line, "secret-key: …"); the
 * message says which line it is. */
static void
test_malformed_line_not_quoted (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (rs_registry_load_config_from_data (registry,
                                                     "[backend x]\ntype=memory\n"
                                                     "secret-key: hunter2-line-value\n",
                                                     -1, &error));
  g_assert_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  rs_test_assert_not_contains (error->message, "hunter2-line-value");
  rs_test_assert_contains (error->message, "line 3");
}

/* ${VAR} placeholders work in every value, root-path included. */
static void
test_root_path_placeholders (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) store = NULL;

  g_setenv ("RS_TEST_RP_ROOT", "from-env", TRUE);
  g_unsetenv ("RS_TEST_RP_UNSET");
  load_ok (registry,
           "[backend b]\ntype=memory\n"
           "[store s]\nbackend=b\nroot-path=${RS_TEST_RP_ROOT}/${RS_TEST_RP_UNSET:-data}\n");
  store = rs_registry_open (registry, "s:", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_store_get_root_path (store), ==, "from-env/data");
}

/* A bad sub-path is refused before anything is created or loaded. */
static void
test_bad_subpath_changes_nothing (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autofree char *message = NULL;

  load_ok (registry, "[backend lz]\ntype=lazy\n[store l]\nbackend=lz\n");
  message = open_refused (registry, "l:../outside", RS_ERROR_INVALID_PATH);
  rs_test_assert_contains (message, "../outside");
  g_assert_false (rs_test_lazy_was_loaded ());
  g_assert_false (rs_plugin_info_is_loaded (rs_registry_find_plugin (registry, "lazy")));
}

/* The default registry reads the file RS_CONFIG names. The child process
 * sets the environment before the default registry exists. */
static void
test_default_rs_config (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) docs = NULL;
  g_auto(GStrv) names = NULL;
  RsRegistry *registry;
  static const char *const expected[] = { "docs", NULL };

  dir = write_temp_config ("custom.conf",
                           "[backend files]\ntype=memory\n"
                           "[store docs]\nbackend=files\nroot-path=top\n");
  path = g_build_filename (dir, "custom.conf", NULL);
  g_setenv ("RS_CONFIG", path, TRUE);

  registry = rs_registry_get_default ();
  g_assert_true (registry == rs_registry_get_default ());
  rs_test_assert_contains (rs_registry_get_plugin_path (registry), g_getenv ("RS_PLUGIN_PATH"));
  names = rs_registry_list_stores (registry);
  g_assert_cmpstrv (names, expected);
  docs = rs_store_new_for_uri ("docs:sub", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rs_store_get_root_path (docs), ==, "top/sub");
  remove_temp_config (dir, "custom.conf");
}

/* RS_CONFIG naming a missing file is an error, tried again later. */
static void
test_default_rs_config_missing (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_autoptr(RsStore) docs = NULL;
  g_auto(GStrv) names = NULL;

  dir = g_dir_make_tmp ("rs-test-config-XXXXXX", NULL);
  g_assert_nonnull (dir);
  path = g_build_filename (dir, "later.conf", NULL);
  g_setenv ("RS_CONFIG", path, TRUE);

  message = open_refused (rs_registry_get_default (), "docs:", RS_ERROR_INVALID_ARGUMENT);
  rs_test_assert_contains (message, path);
  rs_test_assert_contains (message, "RS_CONFIG");
  names = rs_registry_list_stores (rs_registry_get_default ());
  g_assert_cmpuint (g_strv_length (names), ==, 0);

  g_assert_true (g_file_set_contents (path, "[backend f]\ntype=memory\n[store docs]\nbackend=f\n",
                                      -1, NULL));
  docs = open_ok (rs_registry_get_default (), "docs:");
  g_remove (path);
  g_rmdir (dir);
}

/* Without RS_CONFIG, $XDG_CONFIG_HOME/remote-store/stores.conf. */
static void
test_default_xdg (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RsStore) home = NULL;
  g_auto(GStrv) names = NULL;
  static const char *const expected[] = { "home", NULL };

  dir = write_temp_config ("remote-store/stores.conf",
                           "[backend f]\ntype=memory\n[store home]\nbackend=f\nroot-path=h\n");
  g_unsetenv ("RS_CONFIG");
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  names = rs_registry_list_stores (rs_registry_get_default ());
  g_assert_cmpstrv (names, expected);
  home = open_ok (rs_registry_get_default (), "home:x");
  g_assert_cmpstr (rs_store_get_root_path (home), ==, "h/x");
  remove_temp_config (dir, "remote-store/stores.conf");
}

/* No configuration file at all: no stores, and a clear error. */
static void
test_default_none (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) names = NULL;

  dir = g_dir_make_tmp ("rs-test-config-XXXXXX", NULL);
  g_setenv ("RS_CONFIG", "", TRUE);
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  names = rs_registry_list_stores (rs_registry_get_default ());
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  message = open_refused (rs_registry_get_default (), "docs:", RS_ERROR_INVALID_ARGUMENT);
  rs_test_assert_contains (message, "docs");
  g_rmdir (dir);
}

/* A registry made for a plugin path reads no configuration by itself. */
static void
test_new_for_path_ignores_rs_config (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RsRegistry) registry = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) names = NULL;

  dir = write_temp_config ("custom.conf", "[backend f]\ntype=memory\n[store docs]\nbackend=f\n");
  path = g_build_filename (dir, "custom.conf", NULL);
  g_setenv ("RS_CONFIG", path, TRUE);
  registry = rs_test_registry_new ();
  names = rs_registry_list_stores (registry);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  message = open_refused (registry, "docs:", RS_ERROR_INVALID_ARGUMENT);
  remove_temp_config (dir, "custom.conf");
}

/* Every test runs in a child process: it gets a clean environment and a
 * fresh default registry, and a hang (say, a deadlock in the registry)
 * fails that test alone. */
static void
run_fresh (gconstpointer data)
{
  void (*body) (void) = (void (*) (void)) data;

  if (rs_test_in_fresh_process ())
    body ();
}

static void
add_fresh (const char *path,
           void      (*body) (void))
{
  g_test_add_data_func (path, (gconstpointer) body, run_fresh);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  add_fresh ("/config/named-stores", test_named_stores);
  add_fresh ("/config/lazy-backends", test_lazy_backends);
  add_fresh ("/config/replace", test_replace);
  add_fresh ("/config/from-file", test_from_file);
  add_fresh ("/config/placeholders", test_placeholders);
  add_fresh ("/config/missing-variable", test_missing_variable);
  add_fresh ("/config/invalid", test_invalid);
  add_fresh ("/config/backend-errors", test_backend_errors);
  add_fresh ("/config/list-stores", test_list_stores);
  add_fresh ("/config/errors/no-values", test_errors_never_print_values);
  add_fresh ("/config/errors/bad-value-from-environment", test_bad_value_from_environment);
  add_fresh ("/config/errors/malformed-line", test_malformed_line_not_quoted);
  add_fresh ("/config/root-path-placeholders", test_root_path_placeholders);
  add_fresh ("/config/bad-subpath-changes-nothing", test_bad_subpath_changes_nothing);
  add_fresh ("/config/default/rs-config", test_default_rs_config);
  add_fresh ("/config/default/rs-config-missing", test_default_rs_config_missing);
  add_fresh ("/config/default/xdg", test_default_xdg);
  add_fresh ("/config/default/none", test_default_none);
  add_fresh ("/config/default/new-for-path", test_new_for_path_ignores_rs_config);

  return g_test_run ();
}
