/* main.c: the backend conformance suite, for the backend of RS_TEST_URI
 *
 * Every case runs twice, as /sync/… through the synchronous API and as
 * /async/… through the _async/_finish API on a thread-default context.
 * RS_TEST_EXTRA_QUERY, when set, is appended to the URI (a server's
 * harness gives one URI to every program it runs). */
#include <locale.h>

#include "conformance-harness.h"

int
main (int argc, char **argv)
{
  const char *uri = g_getenv ("RS_TEST_URI");
  g_autofree char *full = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* A conformance report lists every failing case: a failed check marks
   * its case failed and the run goes on (meson passes -k). */
  g_test_set_nonfatal_assertions ();

  if (uri == NULL || uri[0] == '\0')
    uri = "memory://";
  full = g_strconcat (uri, g_getenv ("RS_TEST_EXTRA_QUERY") != NULL ? g_getenv ("RS_TEST_EXTRA_QUERY") : "", NULL);
  t_init (full);
  g_test_message ("backend under test: %s", t_uri ());

  t_add_path_tests ();
  t_add_check_tests ();
  t_add_write_tests ();
  t_add_transfer_tests ();
  t_add_delete_tests ();
  t_add_read_tests ();
  t_add_listing_tests ();
  t_add_glob_tests ();
  t_add_lifecycle_tests ();
  t_add_concurrency_tests ();
  t_add_name_tests ();

  status = g_test_run ();
  t_shutdown ();
  return status;
}
