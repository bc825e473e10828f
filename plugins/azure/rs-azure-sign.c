/* rs-azure-sign.c: SharedKey request signing
 *
 * StringToSign (service version 2015-02-21 and later):
 *   VERB \n Content-Encoding \n Content-Language \n Content-Length (empty
 *   when 0) \n Content-MD5 \n Content-Type \n Date \n If-Modified-Since \n
 *   If-Match \n If-None-Match \n If-Unmodified-Since \n Range \n
 *   CanonicalizedHeaders CanonicalizedResource
 * CanonicalizedHeaders: every x-ms-* header, name lowercased, value
 * trimmed, sorted by name, "name:value\n" each. The service sorts with its
 * own collation; for the alphabet our header names use (lowercase
 * letters, digits, '-', and '_' only right after "x-ms-meta-", see
 * rs-azure-metadata.c) it agrees with a byte-wise sort.
 * CanonicalizedResource: "/" account url-path, then per query parameter,
 * sorted by lowercased name, "\nname:value" with the value decoded and
 * repeated values sorted and joined by ",".
 */
#include <string.h>

#include <gnutls/crypto.h>

#include "rs-azure-sign.h"

static const char *const standard_headers[] = {
  "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type",
  "Date", "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
};

/* The value of a header line whose name is @name (case-insensitive), or
 * NULL; the pointer is into @line, past the colon and leading blanks. */
static const char *
header_value (const char *line,
              const char *name)
{
  gsize len = strlen (name);

  if (g_ascii_strncasecmp (line, name, len) != 0 || line[len] != ':')
    return NULL;
  line += len + 1;
  while (*line == ' ' || *line == '\t')
    line++;
  return line;
}

static char *
trimmed (const char *value)
{
  return g_strstrip (g_strdup (value));
}

static char *
find_header (const char *const *headers,
             const char        *name)
{
  for (gsize i = 0; headers != NULL && headers[i] != NULL; i++)
    {
      const char *value = header_value (headers[i], name);

      if (value != NULL)
        return trimmed (value);
    }
  return NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
append_canonical_headers (GString           *out,
                          const char *const *headers)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; headers != NULL && headers[i] != NULL; i++)
    {
      const char *colon = strchr (headers[i], ':');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (colon == NULL || g_ascii_strncasecmp (headers[i], "x-ms-", 5) != 0)
        continue;
      name = g_ascii_strdown (headers[i], colon - headers[i]);
      g_strchomp (name);
      value = trimmed (colon + 1);
      g_ptr_array_add (lines, g_strdup_printf ("%s:%s\n", name, value));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (out, g_ptr_array_index (lines, i));
}

/* A query component decoded as the service decodes it ('+' is a space). */
static char *
decode_component (const char *text,
                  gsize       len)
{
  g_autofree char *plus = g_strndup (text, len);
  char *decoded;

  g_strdelimit (plus, "+", ' ');
  decoded = g_uri_unescape_string (plus, NULL);
  return decoded != NULL ? decoded : g_steal_pointer (&plus);
}

static void
append_canonical_query (GString    *out,
                        const char *query)
{
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_auto(GStrv) pairs = NULL;
  GHashTableIter iter;
  gpointer key;

  if (query == NULL || *query == '\0')
    return;
  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) g_ptr_array_unref);
  pairs = g_strsplit (query, "&", -1);
  for (gsize i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      gsize name_len = eq != NULL ? (gsize) (eq - pairs[i]) : strlen (pairs[i]);
      g_autofree char *raw_name = NULL;
      char *name;
      GPtrArray *list;

      if (name_len == 0)
        continue;
      raw_name = decode_component (pairs[i], name_len);
      name = g_ascii_strdown (raw_name, -1);
      list = g_hash_table_lookup (values, name);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (values, name, list);
        }
      else
        g_free (name);
      g_ptr_array_add (list, eq != NULL ? decode_component (eq + 1, strlen (eq + 1)) : g_strdup (""));
    }
  names = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      GPtrArray *list = g_hash_table_lookup (values, name);

      g_ptr_array_sort (list, compare_strings);
      g_string_append_printf (out, "\n%s:", name);
      for (guint j = 0; j < list->len; j++)
        g_string_append_printf (out, "%s%s", j > 0 ? "," : "", (char *) g_ptr_array_index (list, j));
    }
}

char *
rs_azure_string_to_sign (const char        *method,
                         const char        *account,
                         const char        *url_path,
                         const char        *query,
                         const char *const *headers)
{
  GString *out = g_string_new (method);

  g_string_append_c (out, '\n');
  for (gsize i = 0; i < G_N_ELEMENTS (standard_headers); i++)
    {
      g_autofree char *value = find_header (headers, standard_headers[i]);

      if (value != NULL && !(i == 2 && strcmp (value, "0") == 0))
        g_string_append (out, value);
      g_string_append_c (out, '\n');
    }
  append_canonical_headers (out, headers);
  g_string_append_printf (out, "/%s%s", account, url_path != NULL && *url_path ? url_path : "/");
  append_canonical_query (out, query);
  return g_string_free (out, FALSE);
}

char *
rs_azure_hmac_base64 (GBytes     *key,
                      const char *message)
{
  guint8 digest[32];
  gsize key_len;
  const void *key_data = g_bytes_get_data (key, &key_len);

  if (gnutls_hmac_fast (GNUTLS_MAC_SHA256, key_data, key_len, message, strlen (message),
                        digest) < 0)
    return NULL;
  return g_base64_encode (digest, sizeof digest);
}

/* NULL when @key_base64 is not base64 (the message must not quote it). */
GBytes *
rs_azure_decode_key (const char *key_base64)
{
  gsize len = strlen (key_base64);
  guchar *data;
  gsize out_len;

  if (len == 0 || len % 4 != 0 ||
      strspn (key_base64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") != len)
    return NULL;
  data = g_base64_decode (key_base64, &out_len);
  if (out_len == 0)
    {
      g_free (data);
      return NULL;
    }
  return g_bytes_new_take (data, out_len);
}

char *
rs_azure_authorization (const char        *account,
                        GBytes            *key,
                        const char        *method,
                        const char        *url_path,
                        const char        *query,
                        const char *const *headers)
{
  g_autofree char *to_sign = rs_azure_string_to_sign (method, account, url_path, query, headers);
  g_autofree char *signature = rs_azure_hmac_base64 (key, to_sign);

  if (signature == NULL)
    return NULL;
  return g_strdup_printf ("SharedKey %s:%s", account, signature);
}
