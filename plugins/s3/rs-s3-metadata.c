/* rs-s3-metadata.c: user metadata ↔ x-amz-meta-* headers */
#include "rs-s3-metadata.h"

#define PREFIX "x-amz-meta-"

static char *
encode_key (const char *key)
{
  GString *out = g_string_new (PREFIX);

  for (const guchar *p = (const guchar *) key; *p != '\0'; p++)
    {
      if (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '_' || *p == '.')
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02x", *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
plain_value (const char *value)
{
  gsize length = strlen (value);

  if (length == 0 || value[0] == ' ' || value[length - 1] == ' ' || g_str_has_prefix (value, "=?"))
    return FALSE;
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    if (*p < 0x20 || *p > 0x7e)
      return FALSE;
  return TRUE;
}

void
rs_s3_metadata_to_request (GHashTable    *metadata,
                           RsHttpRequest *request)
{
  GHashTableIter iter;
  gpointer key, value;

  if (metadata == NULL)
    return;
  g_hash_table_iter_init (&iter, metadata);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *name = encode_key (key);

      if (plain_value (value))
        rs_http_request_set_header (request, name, value);
      else
        {
          g_autofree char *base64 = g_base64_encode ((const guchar *) value, strlen (value));
          g_autofree char *word = g_strdup_printf ("=?UTF-8?B?%s?=", base64);

          rs_http_request_set_header (request, name, word);
        }
    }
}

static char *
decode_value (const char *value)
{
  gsize length = strlen (value);
  gsize size;
  g_autofree guchar *bytes = NULL;

  if (length < 12 || g_ascii_strncasecmp (value, "=?UTF-8?B?", 10) != 0 ||
      strcmp (value + length - 2, "?=") != 0)
    return g_strdup (value);
  {
    g_autofree char *inner = g_strndup (value + 10, length - 12);

    bytes = g_base64_decode (inner, &size);
  }
  return g_strndup ((const char *) bytes, size);
}

GHashTable *
rs_s3_metadata_from_headers (GHashTable *headers)
{
  GHashTable *metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer name, value;

  g_hash_table_iter_init (&iter, headers);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      g_autofree char *key = NULL;

      if (!g_str_has_prefix (name, PREFIX))
        continue;
      key = g_uri_unescape_string ((const char *) name + strlen (PREFIX), NULL);
      if (key == NULL || key[0] == '\0')
        continue;
      g_hash_table_insert (metadata, g_steal_pointer (&key), decode_value (value));
    }
  return metadata;
}
