/* rs-http-date.c: HTTP-date (RFC 9110 §5.6.7) and Retry-After (§10.2.3)
 *
 * A recipient must accept the three forms of an HTTP-date: IMF-fixdate
 * ("Sun, 06 Nov 1994 08:49:37 GMT"), the obsolete RFC 850 form
 * ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime ("Sun Nov  6 08:49:37
 * 1994"). All are UTC. */
#include <stdio.h>
#include <string.h>

#include "rs-http.h"

static const char *const short_days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char *const long_days[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                         "Saturday", "Sunday" };

static gboolean
is_one_of (const char        *word,
           const char *const *names,
           guint              n)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (word, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* 1-12, or 0 when @name is no month. */
static int
month_number (const char *name)
{
  static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  const char *found = strlen (name) == 3 ? strstr (months, name) : NULL;

  return found != NULL && (found - months) % 3 == 0 ? (int) (found - months) / 3 + 1 : 0;
}

/* RFC 850's two-digit year: the most recent past year with those digits
 * once it would lie more than 50 years ahead. */
static int
full_year (int two_digits)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int this_year = g_date_time_get_year (now);
  int year = this_year - this_year % 100 + two_digits;

  return year > this_year + 50 ? year - 100 : year;
}

typedef struct
{
  char day_name[10];
  char month[4];
  int day, year, hour, minute, second;
} DateFields;

/* Whether @text is exactly one of the three forms. */
static gboolean
scan_date (const char *text,
           DateFields *f)
{
  int end = -1;

  if (sscanf (text, "%3s, %2d %3s %4d %2d:%2d:%2d GMT%n", f->day_name, &f->day, f->month, &f->year,
              &f->hour, &f->minute, &f->second, &end) == 7 && end > 0 && text[end] == '\0')
    return is_one_of (f->day_name, short_days, G_N_ELEMENTS (short_days));
  end = -1;
  if (sscanf (text, "%9[A-Za-z], %2d-%3s-%2d %2d:%2d:%2d GMT%n", f->day_name, &f->day, f->month, &f->year,
              &f->hour, &f->minute, &f->second, &end) == 7 && end > 0 && text[end] == '\0')
    {
      f->year = full_year (f->year);
      return is_one_of (f->day_name, long_days, G_N_ELEMENTS (long_days));
    }
  end = -1;
  if (sscanf (text, "%3s %3s %2d %2d:%2d:%2d %4d%n", f->day_name, f->month, &f->day,
              &f->hour, &f->minute, &f->second, &f->year, &end) == 7 && end > 0 && text[end] == '\0')
    return is_one_of (f->day_name, short_days, G_N_ELEMENTS (short_days));
  return FALSE;
}

GDateTime *
rs_http_parse_date (const char *text)
{
  DateFields f = { 0 };
  int month;

  if (text == NULL || !scan_date (text, &f) || (month = month_number (f.month)) == 0)
    return NULL;
  /* NULL for out-of-range fields (a 31 February, a 25th hour). */
  return g_date_time_new_utc (f.year, month, f.day, f.hour, f.minute, f.second);
}

guint
rs_http_retry_after_ms (const char *value,
                        GDateTime  *now,
                        guint       max_ms)
{
  g_autoptr(GDateTime) when = NULL;
  guint64 seconds;
  GTimeSpan ahead;

  if (value == NULL)
    return 0;
  if (*value != '\0' && strspn (value, "0123456789") == strlen (value))
    {
      /* delay-seconds is 1*DIGIT: too many digits for 64 bits is long. */
      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &seconds, NULL) ||
          seconds > max_ms / 1000)
        return max_ms;
      return (guint) seconds * 1000;
    }
  when = rs_http_parse_date (value);
  if (when == NULL || now == NULL)
    return 0;
  ahead = g_date_time_difference (when, now) / 1000;
  /* A date in the past: retry at once (the policy's own delay applies). */
  return ahead <= 0 ? 0 : (guint) MIN (ahead, (GTimeSpan) max_ms);
}
