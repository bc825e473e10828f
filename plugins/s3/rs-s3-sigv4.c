/* rs-s3-sigv4.c: AWS Signature Version 4 (header form), with GnuTLS
 *
 * The algorithm of the public SigV4 specification: canonical request →
 * string to sign → HMAC chain over date, region, service → signature.
 * S3 specifics: the path is signed as sent (no second encoding). */
#include <gnutls/crypto.h>

#include "rs-s3-sigv4.h"

static char *
to_hex (const guint8 *bytes,
        gsize         length)
{
  static const char digits[] = "0123456789abcdef";
  char *out = g_malloc (length * 2 + 1);

  for (gsize i = 0; i < length; i++)
    {
      out[2 * i] = digits[bytes[i] >> 4];
      out[2 * i + 1] = digits[bytes[i] & 15];
    }
  out[length * 2] = '\0';
  return out;
}

char *
rs_s3_sha256_hex (const void *data,
                  gsize       length)
{
  guint8 digest[32];

  gnutls_hash_fast (GNUTLS_DIG_SHA256, data, length, digest);
  return to_hex (digest, sizeof digest);
}

static void
hmac (const void *key,
      gsize       key_length,
      const char *text,
      guint8      out[32])
{
  gnutls_hmac_fast (GNUTLS_MAC_SHA256, key, key_length, text, strlen (text), out);
}

typedef struct
{
  char *name;
  char *value;
} Pair;

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *x = a, *y = b;
  int order = strcmp (x->name, y->name);

  return order != 0 ? order : strcmp (x->value, y->value);
}

static void
pair_clear (gpointer data)
{
  Pair *pair = data;

  g_free (pair->name);
  g_free (pair->value);
}

/* Query parameters decoded then encoded the SigV4 way, sorted. */
static char *
canonical_query (const char *query)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, TRUE, sizeof (Pair));
  g_auto(GStrv) parts = NULL;
  GString *out = g_string_new (NULL);

  g_array_set_clear_func (pairs, pair_clear);
  if (query == NULL || query[0] == '\0')
    return g_string_free (out, FALSE);
  parts = g_strsplit (query, "&", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *equals = strchr (parts[i], '=');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      Pair pair;

      if (parts[i][0] == '\0')
        continue;
      if (equals != NULL)
        *equals = '\0';
      name = g_uri_unescape_string (parts[i], NULL);
      value = equals != NULL ? g_uri_unescape_string (equals + 1, NULL) : g_strdup ("");
      pair.name = rs_http_uri_encode (name != NULL ? name : parts[i], FALSE);
      pair.value = rs_http_uri_encode (value != NULL ? value : "", FALSE);
      g_array_append_val (pairs, pair);
    }
  g_array_sort (pairs, compare_pairs);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = &g_array_index (pairs, Pair, i);

      g_string_append_printf (out, "%s%s=%s", i > 0 ? "&" : "", pair->name, pair->value);
    }
  return g_string_free (out, FALSE);
}

/* Trimmed, inner runs of spaces collapsed to one. */
static char *
canonical_value (const char *value)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  while (*value == ' ' || *value == '\t')
    value++;
  for (; *value != '\0'; value++)
    {
      if (*value == ' ' || *value == '\t')
        space = TRUE;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *value);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
host_of (GUri *uri)
{
  int port = g_uri_get_port (uri);
  const char *scheme = g_uri_get_scheme (uri);
  gboolean default_port = port < 0 || (port == 80 && g_strcmp0 (scheme, "http") == 0) ||
                          (port == 443 && g_strcmp0 (scheme, "https") == 0);

  return default_port ? g_strdup (g_uri_get_host (uri))
                      : g_strdup_printf ("%s:%d", g_uri_get_host (uri), port);
}

char *
rs_s3_sigv4_canonical_request (const char  *method,
                               const char  *url,
                               GPtrArray   *headers,
                               const char  *payload_hash,
                               char       **signed_headers)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS, NULL);
  g_autoptr(GArray) pairs = g_array_new (FALSE, TRUE, sizeof (Pair));
  g_autofree char *query = NULL;
  GString *out = g_string_new (NULL);
  GString *names = g_string_new (NULL);
  gboolean has_host = FALSE;
  const char *path;

  g_array_set_clear_func (pairs, pair_clear);
  for (guint i = 0; i < headers->len; i += 2)
    {
      Pair pair = { g_ascii_strdown (headers->pdata[i], -1), canonical_value (headers->pdata[i + 1]) };

      has_host |= strcmp (pair.name, "host") == 0;
      g_array_append_val (pairs, pair);
    }
  if (!has_host && uri != NULL)
    {
      Pair pair = { g_strdup ("host"), host_of (uri) };

      g_array_append_val (pairs, pair);
    }
  g_array_sort (pairs, compare_pairs);

  path = uri != NULL ? g_uri_get_path (uri) : "/";
  query = canonical_query (uri != NULL ? g_uri_get_query (uri) : NULL);
  g_string_append_printf (out, "%s\n%s\n%s\n", method, path[0] != '\0' ? path : "/", query);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = &g_array_index (pairs, Pair, i);
      gboolean repeat = i + 1 < pairs->len &&
                        strcmp (g_array_index (pairs, Pair, i + 1).name, pair->name) == 0;
      gboolean continued = i > 0 && strcmp (g_array_index (pairs, Pair, i - 1).name, pair->name) == 0;

      /* Repeated names: one line, values joined by commas. */
      if (!continued)
        {
          g_string_append_printf (out, "%s:", pair->name);
          g_string_append_printf (names, "%s%s", names->len > 0 ? ";" : "", pair->name);
        }
      g_string_append (out, pair->value);
      g_string_append (out, repeat ? "," : "\n");
    }
  g_string_append_printf (out, "\n%s\n%s", names->str, payload_hash);
  *signed_headers = g_string_free (names, FALSE);
  return g_string_free (out, FALSE);
}

char *
rs_s3_sigv4_string_to_sign (const char *amz_date,
                            const char *scope,
                            const char *canonical_request)
{
  g_autofree char *hash = rs_s3_sha256_hex (canonical_request, strlen (canonical_request));

  return g_strdup_printf ("AWS4-HMAC-SHA256\n%s\n%s\n%s", amz_date, scope, hash);
}

char *
rs_s3_sigv4_signature (const char *secret_key,
                       const char *date,
                       const char *region,
                       const char *service,
                       const char *string_to_sign)
{
  g_autofree char *first = g_strconcat ("AWS4", secret_key, NULL);
  guint8 key[32], signature[32];

  hmac (first, strlen (first), date, key);
  hmac (key, sizeof key, region, key);
  hmac (key, sizeof key, service, key);
  hmac (key, sizeof key, "aws4_request", key);
  hmac (key, sizeof key, string_to_sign, signature);
  memset (first, 0, strlen (first));
  return to_hex (signature, sizeof signature);
}

void
rs_s3_sigv4_sign (RsHttpRequest        *request,
                  const RsS3SigningKey *key,
                  const char           *payload_hash,
                  const char           *amz_date)
{
  g_autofree char *now = NULL;
  g_autofree char *date = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *signed_headers = NULL;
  g_autofree char *to_sign = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *authorization = NULL;

  if (amz_date == NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();

      amz_date = now = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
    }
  date = g_strndup (amz_date, 8);
  rs_http_request_set_header (request, "authorization", NULL);
  rs_http_request_set_header (request, "x-amz-date", amz_date);
  rs_http_request_set_header (request, "x-amz-content-sha256", payload_hash);
  rs_http_request_set_header (request, "x-amz-security-token",
                              key->session_token != NULL && key->session_token[0] != '\0'
                                ? key->session_token : NULL);
  scope = g_strdup_printf ("%s/%s/%s/aws4_request", date, key->region, key->service);
  canonical = rs_s3_sigv4_canonical_request (rs_http_request_get_method (request),
                                             rs_http_request_get_url (request),
                                             rs_http_request_get_headers (request),
                                             payload_hash, &signed_headers);
  to_sign = rs_s3_sigv4_string_to_sign (amz_date, scope, canonical);
  signature = rs_s3_sigv4_signature (key->secret_key, date, key->region, key->service, to_sign);
  authorization = g_strdup_printf ("AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s",
                                   key->access_key, scope, signed_headers, signature);
  rs_http_request_set_header (request, "authorization", authorization);
}
