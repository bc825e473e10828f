/* rs-test-util.c: helpers shared by the registry tests */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rs-test-util.h"

const char *
rs_test_plugin_path (void)
{
  const char *path = g_getenv ("RS_TEST_PLUGIN_PATH");

  /* Without it every plugin test would silently test nothing. */
  if (path == NULL || path[0] == '\0')
    g_error ("RS_TEST_PLUGIN_PATH is not set: run the tests with meson test");
  return path;
}

const char *
rs_test_broken_plugin_dir (void)
{
  const char *dir = g_getenv ("RS_TEST_BROKEN_PLUGIN_DIR");

  if (dir == NULL || dir[0] == '\0')
    g_error ("RS_TEST_BROKEN_PLUGIN_DIR is not set: run the tests with meson test");
  return dir;
}

RsRegistry *
rs_test_registry_new (void)
{
  return rs_registry_new_for_path (rs_test_plugin_path ());
}

gboolean
rs_test_module_is_mapped (const char *module_basename)
{
  g_autofree char *maps = NULL;
  g_autofree char *needle = g_strconcat ("/", module_basename, "\n", NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents ("/proc/self/maps", &maps, NULL, &error))
    g_error ("cannot read /proc/self/maps: %s", error->message);
  return strstr (maps, needle) != NULL;
}

gboolean
rs_test_lazy_was_loaded (void)
{
  g_autofree char *pid = g_strdup_printf ("%ld", (long) getpid ());

  return g_strcmp0 (g_getenv ("RS_TEST_LAZY_LOADED"), pid) == 0;
}

GHashTable *
rs_test_options (const char *first_key,
                 ...)
{
  GHashTable *options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    g_hash_table_insert (options, g_strdup (key), g_strdup (va_arg (args, const char *)));
  va_end (args);
  return options;
}

char *
rs_test_unique_name (const char *prefix)
{
  static gint counter;

  return g_strdup_printf ("%s-%ld-%d", prefix, (long) getpid (), g_atomic_int_add (&counter, 1));
}

gboolean
rs_test_in_fresh_process (void)
{
  if (g_test_subprocess ())
    return TRUE;

  /* stderr is inherited, so that a failing child's messages reach the
   * test log. */
  g_test_trap_subprocess (NULL, 5 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (g_test_trap_reached_timeout ())
    g_test_fail_printf ("the test did not finish in 5 s in its child process (a deadlock?)");
  else if (!g_test_trap_has_passed ())
    g_test_fail_printf ("the test failed in its child process (see its messages above)");
  return FALSE;
}
