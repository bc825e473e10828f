/* test-azure-retry-after.c: a throttled answer's Retry-After sets the
 * wait before the engine's next attempt, in each of its forms (seconds,
 * IMF-fixdate, RFC 850, asctime), never longer than the retry policy's
 * maximum delay. Runs under azurite-harness.py; busy-proxy.py answers the
 * first request 503 ServerBusy and forwards the rest to Azurite. */
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include <remotestore/remotestore.h>

/* Seconds between the busy answer and the next attempt. */
static double
retry_gap (const char *form,
           int         delay_s,
           guint       max_delay_ms)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "busy-proxy.py", NULL);
  g_autofree char *delay = g_strdup_printf ("%d", delay_s);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rs-azure-busy-XXXXXX", &error);
  g_autofree char *report = g_build_filename (dir, "arrivals", NULL);
  g_autoptr(GSubprocess) proxy = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(RsStore) store = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("throttled", 9);
  g_autoptr(RsWriteResult) result = NULL;
  g_autofree char *arrivals = NULL;
  g_auto(GStrv) times = NULL;

  g_assert_no_error (error);
  proxy = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            "/usr/bin/python3", script, g_getenv ("AZURITE_PORT"), form, delay, "1", report, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proxy));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "port "));
  /* Without Retry-After the policy alone would wait 10 ms. */
  uri = g_strdup_printf ("azure://busy?endpoint=http://127.0.0.1:%s/devstoreaccount1"
                         "&retry-attempts=3&retry-base-delay-ms=10&retry-jitter=0&retry-max-delay-ms=%u",
                         line + 5, max_delay_ms);
  store = rs_store_new_for_uri (uri, &error);
  g_assert_no_error (error);
  result = rs_store_write_bytes (store, "throttled", data, RS_WRITE_OVERWRITE, NULL, NULL, &error);
  g_assert_no_error (error);
  rs_store_close (store, NULL, NULL);

  g_assert_true (g_file_get_contents (report, &arrivals, NULL, NULL));
  times = g_strsplit (g_strstrip (arrivals), "\n", -1);
  g_assert_cmpuint (g_strv_length (times), >=, 2);
  /* Only the proxy this test started. */
  g_subprocess_force_exit (proxy);
  g_subprocess_wait (proxy, NULL, NULL);
  g_unlink (report);
  g_rmdir (dir);
  return g_ascii_strtod (times[1], NULL) - g_ascii_strtod (times[0], NULL);
}

static void
test_seconds (void)
{
  g_assert_cmpfloat (retry_gap ("seconds", 1, 5000), >=, 0.95);
}

static void
test_imf_date (void)
{
  g_assert_cmpfloat (retry_gap ("date", 1, 5000), >=, 0.95);
}

static void
test_rfc850_date (void)
{
  g_assert_cmpfloat (retry_gap ("rfc850", 1, 5000), >=, 0.95);
}

static void
test_asctime_date (void)
{
  g_assert_cmpfloat (retry_gap ("asctime", 1, 5000), >=, 0.95);
}

/* An hour asked for: the policy's maximum delay (300 ms) wins. */
static void
test_capped (void)
{
  double gap = retry_gap ("date", 3600, 300);

  g_assert_cmpfloat (gap, >=, 0.25);
  g_assert_cmpfloat (gap, <, 2.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("AZURITE_PORT") == NULL)
    {
      g_print ("1..0 # SKIP not run under azurite-harness.py\n");
      return 77;
    }
  g_test_add_func ("/azure/retry-after/seconds", test_seconds);
  g_test_add_func ("/azure/retry-after/imf-date", test_imf_date);
  g_test_add_func ("/azure/retry-after/rfc850-date", test_rfc850_date);
  g_test_add_func ("/azure/retry-after/asctime-date", test_asctime_date);
  g_test_add_func ("/azure/retry-after/capped-by-policy", test_capped);
  return g_test_run ();
}
