/* test-http-date.c: the HTTP engine's HTTP-date and Retry-After parsing
 * (RFC 9110 §5.6.7, §10.2.3), no server needed. */
#include <rs-http.h>

static void
assert_date (const char *text,
             int         year,
             int         month,
             int         day,
             int         hour,
             int         minute,
             int         second)
{
  g_autoptr(GDateTime) d = rs_http_parse_date (text);

  g_assert_nonnull (d);
  g_assert_cmpint (g_date_time_get_utc_offset (d), ==, 0);
  g_assert_cmpint (g_date_time_get_year (d), ==, year);
  g_assert_cmpint (g_date_time_get_month (d), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (d), ==, day);
  g_assert_cmpint (g_date_time_get_hour (d), ==, hour);
  g_assert_cmpint (g_date_time_get_minute (d), ==, minute);
  g_assert_cmpint (g_date_time_get_second (d), ==, second);
}

static void
test_three_forms (void)
{
  assert_date ("Sun, 06 Nov 1994 08:49:37 GMT", 1994, 11, 6, 8, 49, 37);
  assert_date ("Sunday, 06-Nov-94 08:49:37 GMT", 1994, 11, 6, 8, 49, 37);
  assert_date ("Sun Nov  6 08:49:37 1994", 1994, 11, 6, 8, 49, 37);
  assert_date ("Thu, 03 Dec 2026 15:03:34 GMT", 2026, 12, 3, 15, 3, 34);
  /* RFC 850: a two-digit year more than 50 years ahead is in the past. */
  assert_date ("Thursday, 03-Dec-26 15:03:34 GMT", 2026, 12, 3, 15, 3, 34);
}

static void
test_malformed (void)
{
  const char *bad[] = {
    NULL, "", "yesterday", "120",
    "Sun, 06 Nov 1994 08:49:37",          /* no GMT */
    "Sun, 06 Nov 1994 08:49:37 GMT junk",
    "Sun, 06 Foo 1994 08:49:37 GMT",
    "Sun, 06 November 1994 08:49:37 GMT",
    "Xyz, 06 Nov 1994 08:49:37 GMT",
    "Sun, 31 Feb 1994 08:49:37 GMT",
    "Sun, 06 Nov 1994 25:49:37 GMT",
    "Sun, 06-Nov-94 08:49:37 GMT",        /* RFC 850 wants the full day name */
    "Funday, 06-Nov-94 08:49:37 GMT",
    "Sun Nov  6 08:49:37",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) d = rs_http_parse_date (bad[i]);

      if (d != NULL)
        g_error ("“%s” parsed", bad[i]);
    }
}

static void
test_retry_after (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (1994, 11, 6, 8, 49, 30);

  g_assert_cmpuint (rs_http_retry_after_ms (NULL, now, 5000), ==, 0);
  g_assert_cmpuint (rs_http_retry_after_ms ("2", now, 5000), ==, 2000);
  g_assert_cmpuint (rs_http_retry_after_ms ("0", now, 5000), ==, 0);
  /* Capped by the policy's longest delay, whatever the form. */
  g_assert_cmpuint (rs_http_retry_after_ms ("120", now, 5000), ==, 5000);
  g_assert_cmpuint (rs_http_retry_after_ms ("99999999999999999999", now, 5000), ==, 5000);
  g_assert_cmpuint (rs_http_retry_after_ms ("18446744073709551615", now, 5000), ==, 5000);
  g_assert_cmpuint (rs_http_retry_after_ms ("Sun, 06 Nov 1994 08:49:33 GMT", now, 5000), ==, 3000);
  g_assert_cmpuint (rs_http_retry_after_ms ("Sunday, 06-Nov-94 08:49:32 GMT", now, 5000), ==, 2000);
  g_assert_cmpuint (rs_http_retry_after_ms ("Sun Nov  6 08:49:31 1994", now, 5000), ==, 1000);
  g_assert_cmpuint (rs_http_retry_after_ms ("Sun, 06 Nov 1994 09:49:30 GMT", now, 5000), ==, 5000);
  /* A past date, a negative or malformed value: no extra wait. */
  g_assert_cmpuint (rs_http_retry_after_ms ("Sun, 06 Nov 1994 08:00:00 GMT", now, 5000), ==, 0);
  g_assert_cmpuint (rs_http_retry_after_ms ("-3", now, 5000), ==, 0);
  g_assert_cmpuint (rs_http_retry_after_ms ("soon", now, 5000), ==, 0);
  g_assert_cmpuint (rs_http_retry_after_ms ("2.5", now, 5000), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/http/date/three-forms", test_three_forms);
  g_test_add_func ("/http/date/malformed", test_malformed);
  g_test_add_func ("/http/retry-after", test_retry_after);
  return g_test_run ();
}
