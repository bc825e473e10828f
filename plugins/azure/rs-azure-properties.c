/* rs-azure-properties.c: blob property values as the store reports them
 *
 * The service gives the same property in two spellings: a response
 * header (`ETag: "0x8D…"`, `Content-MD5: base64`) and a listing element
 * (`<Etag>0x8D…</Etag>`). Both are normalised here so that a write
 * result, a file info and a listing entry agree (SEMANTICS.md rule 10).
 */
#include <stdio.h>
#include <string.h>

#include "rs-azure-properties.h"

/* RFC 1123 dates ("Thu, 03 Dec 2026 15:03:34 GMT"), always UTC. */
GDateTime *
rs_azure_parse_http_date (const char *text)
{
  static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  char wday[4], mon[4];
  int day, year, hour, min, sec;
  const char *found;
  g_autoptr(GTimeZone) utc = NULL;

  if (text == NULL ||
      sscanf (text, "%3s, %d %3s %d %d:%d:%d", wday, &day, mon, &year, &hour, &min, &sec) != 7)
    return NULL;
  found = strstr (months, mon);
  if (found == NULL || strlen (mon) != 3 || (found - months) % 3 != 0)
    return NULL;
  utc = g_time_zone_new_utc ();
  return g_date_time_new (utc, year, (int) (found - months) / 3 + 1, day, hour, min, sec);
}

/* "md5:" + lowercase hex, the store's digest form; NULL if malformed. */
char *
rs_azure_digest_from_md5 (const char *md5_base64)
{
  gsize len = 0;
  g_autofree guchar *raw = NULL;
  GString *out;

  if (md5_base64 == NULL || *md5_base64 == '\0')
    return NULL;
  raw = g_base64_decode (md5_base64, &len);
  if (len != 16)
    return NULL;
  out = g_string_new ("md5:");
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02x", raw[i]);
  return g_string_free (out, FALSE);
}

char *
rs_azure_etag_unquote (const char *etag)
{
  gsize len;

  if (etag == NULL)
    return NULL;
  len = strlen (etag);
  if (len >= 2 && etag[0] == '"' && etag[len - 1] == '"')
    return g_strndup (etag + 1, len - 2);
  return g_strdup (etag);
}
