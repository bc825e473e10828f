/* main.c: the backend conformance suite, for the backend of RS_TEST_URI
 *
 * Every case runs twice, as /sync/… through the synchronous API and as
 * /async/… through the _async/_finish API on a thread-default context. */
#include <locale.h>

#include "conformance-harness.h"

int
main (int argc, char **argv)
{
  const char *uri = g_getenv ("RS_TEST_URI");
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* A conformance report lists every failing case: a failed check marks
   * its case failed and the run goes on (meson passes -k). */
  g_test_set_nonfatal_assertions ();

  t_init (uri != NULL && uri[0] != '\0' ? uri : "memory://");
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
